#!/bin/sh
# Appointments through the command line (tests/scenarios/appt_hall.cfg):
# the same numbers at -j 1 and -j 2, the no-show KPI in the summary and
# near share x no_show x demand, a scenario without appointments has no
# no-shows, and the booking table's memory does not grow with the run.
# Usage: sh t_appt.sh GOVSIM TMPDIR (protocol: tests/e2e/run.sh).
govsim=$1
tmp=$2
. tests/e2e/lib.sh
scn=tests/scenarios/appt_hall.cfg

"$govsim" run "$scn" -r 2 -j 1 --quiet -o "$tmp/j1" >/dev/null 2>"$tmp/err" || ko "run -j 1: $(head -2 "$tmp/err")"
"$govsim" run "$scn" -r 2 -j 2 --quiet -o "$tmp/j2" >/dev/null 2>"$tmp/err" || ko "run -j 2: $(head -2 "$tmp/err")"
cmp -s "$tmp/j1/replications.csv" "$tmp/j2/replications.csv" && ok ||
    ko "appointments: -j 1 and -j 2 differ"

# mean of a KPI of all cases, by column name
kpi() {
    awk -F, -v k="$2" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        $col["group"] == "all" && $col["kpi"] == k { print $col["mean"] }' "$1/summary.csv"
}
# 240 cases per working day, 16 working days in 20: 192 per calendar day;
# share 0.5 x no_show 0.1 of them: 9.6 a day (Poisson over 2 x 20 days)
n=$(kpi "$tmp/j2" appointment_no_shows)
if [ -n "$n" ] && awk -v n="$n" 'BEGIN { e = 9.6; exit !(n > 0 && (n - e)^2 <= 25 * e / 40) }'; then ok
else ko "appointment_no_shows '$n', expected about 9.6 a day"; fi

sed '/appointments = {/,/};/d' "$scn" >"$tmp/plain.cfg"
"$govsim" run "$tmp/plain.cfg" -r 1 --quiet -o "$tmp/plain" >/dev/null 2>"$tmp/err" || ko "plain run: $(head -2 "$tmp/err")"
[ "$(kpi "$tmp/plain" appointment_no_shows)" = "0" ] && ok ||
    ko "without appointments: no-shows '$(kpi "$tmp/plain" appointment_no_shows)'"
# Memory flat in run length: with one-minute slots a day's booking counts
# fill 5.6 KB, so a table for the whole run (as until 2026-12) grew the
# peak by about 8 MB over 1,500 more days; kept per day and freed once the
# day is past, it grows by little.  ASan's quarantine would hold the freed
# days, so it is off for these two runs.
sed 's/slot_minutes = 30/slot_minutes = 1/' "$scn" >"$tmp/minute.cfg"
rss() {
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0" \
        "$govsim" bench scenario "$tmp/minute.cfg" --days "$1" 2>"$tmp/err" |
        sed -n 's/.* peak_rss_kb=\([0-9]*\).*/\1/p'
}
short=$(rss 20)
long=$(rss 1520)
if [ -n "$short" ] && [ -n "$long" ] && [ $((long - short)) -lt 3000 ]; then ok
else ko "booking table: peak RSS ${short:-?} KB over 20 days, ${long:-?} KB over 1520 ($(head -1 "$tmp/err"))"; fi
echo "$pass $fail"
