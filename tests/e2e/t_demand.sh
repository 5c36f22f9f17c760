#!/bin/sh
# Dates and arrival profiles through the command line: a dated scenario
# with the 2021 holiday arrangement (@include'd) and profiles runs, gives
# the same numbers at -j 1 and -j 2, and its profile moves demand without
# changing the arrival rate (against the same scenario without profiles,
# within the two runs' confidence intervals); a bad date is one line,
# exit 2.
# Usage: sh t_demand.sh GOVSIM TMPDIR (protocol: tests/e2e/run.sh).
govsim=$1
tmp=$2
. tests/e2e/lib.sh
scn=tests/scenarios/good/dated_profile.cfg

"$govsim" run "$scn" -r 4 -j 1 --quiet -o "$tmp/j1" >/dev/null 2>"$tmp/err" || ko "run -j 1: $(head -2 "$tmp/err")"
"$govsim" run "$scn" -r 4 -j 2 --quiet -o "$tmp/j2" >/dev/null 2>"$tmp/err" || ko "run -j 2: $(head -2 "$tmp/err")"
cmp -s "$tmp/j1/replications.csv" "$tmp/j2/replications.csv" && ok ||
    ko "dated scenario with profiles: -j 1 and -j 2 differ"

# the same scenario without its profiles (flat demand): the arrival rate
# agrees (a profile never changes total demand)
sed '/^    profile = {/,/^    };/d; /region_profiles/d' "$scn" >"$tmp/flat.cfg"
mkdir -p "$tmp/cal" && cp scenarios/calendars/china_2021.cfg "$tmp/cal/"
sed -i 's|"../../../scenarios/calendars/china_2021.cfg"|"cal/china_2021.cfg"|' "$tmp/flat.cfg"
if grep -q "hour_of_day" "$tmp/flat.cfg"; then ko "flat copy still has a profile"; fi
"$govsim" run "$tmp/flat.cfg" -r 4 -j 2 --quiet -o "$tmp/flat" >/dev/null 2>"$tmp/err" ||
    ko "flat run: $(head -2 "$tmp/err")"
# mean, ci_low, ci_high of the arrival rate of all cases, by column name
rate() {
    awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        $col["group"] == "all" && $col["kpi"] == "arrival_rate" {
            print $col["mean"] "," $col["ci_low"] "," $col["ci_high"] }' "$1/summary.csv"
}
a=$(rate "$tmp/j2")
b=$(rate "$tmp/flat")
if [ -n "$a" ] && [ -n "$b" ] && echo "$a $b" | tr ',' ' ' | awk '{
        ha = ($3 - $2) / 2; hb = ($6 - $5) / 2; d = $1 - $4; if (d < 0) d = -d
        exit !(d <= 2 * sqrt(ha * ha + hb * hb) && $1 > 0) }'; then ok
else ko "arrival rate with profiles ($a) differs from flat demand ($b)"; fi

# check names the dates the run covers and the profiled services (the 2021
# file lists 31 holiday dates, 1-3 January fall before the start)
"$govsim" check "$scn" >"$tmp/out" 2>&1
grep -q "dates 2021-01-04 (Monday) to 2021-04-17; 28 holiday dates, 7 make-up working days" \
    "$tmp/out" && grep -q "arrival profiles: 1 of 1 services" "$tmp/out" && ok ||
    ko "check: no dates or profiles in: $(head -6 "$tmp/out")"

# a date that does not exist: one line naming file:line, exit 2
sed 's/start_date = "2021-01-04"/start_date = "2021-02-29"/' "$scn" >"$tmp/bad.cfg"
sed -i 's|"../../../scenarios/calendars/china_2021.cfg"|"cal/china_2021.cfg"|' "$tmp/bad.cfg"
"$govsim" check "$tmp/bad.cfg" >"$tmp/out" 2>"$tmp/err"
code=$?
if [ $code -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && [ ! -s "$tmp/out" ] &&
    grep -q "bad.cfg:5: calendar.start_date: 2021-02-29 does not exist" "$tmp/err"; then ok
else ko "bad start date: exit $code, stderr '$(cat "$tmp/err")'"; fi
echo "$pass $fail"
