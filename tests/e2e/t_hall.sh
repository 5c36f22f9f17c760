#!/bin/sh
# Per one-stop hall (docs/model.md, docs/output-files.md): with the
# one-stop lever, summary.csv has rows of group `hall` (region = the
# hall's region, department empty) with the hall's window KPIs, hourly.csv
# rows for department `hall:REGION`, and the utilization table a line per
# hall; without the lever there are none.  Each hall's figures are those
# of its own region's pooled windows (a department's window rows are its
# hall's), so the mapping from region to hall is checked on a province
# with six halls.  The same at -j 1 and -j 2.
# Usage: sh t_hall.sh GOVSIM TMPDIR (see run.sh)
govsim=$1
tmp=$2
. tests/e2e/lib.sh

# value of (group, department-or-region, kpi) in summary.csv column mean
val() { awk -F, -v g="$2" -v who="$3" -v k="$4" \
    'NR > 1 && $3 == g && ($5 == who || $6 == who) && $7 == k { print $9; exit }' "$1"; }

if "$govsim" run scenarios/zhejiang.cfg --days 20 -r 2 -j 1 -o "$tmp/zj1" >"$tmp/zj.out" 2>"$tmp/zj.err" &&
    "$govsim" run scenarios/zhejiang.cfg --days 20 -r 2 -j 2 -o "$tmp/zj2" --quiet >/dev/null 2>&1; then ok
else ko "hall: zhejiang run failed: $(cat "$tmp/zj.err")"; fi
kpis=$(awk -F, 'NR > 1 && $3 == "hall" { print $7 }' "$tmp/zj1/summary.csv" | sort | tr '\n' ' ')
if [ "$kpis" = "line_length line_length_max window_served window_utilization window_wait window_wait_p90 " ]; then ok
else ko "hall: zhejiang hall KPIs: '$kpis'"; fi
where=$(awk -F, 'NR > 1 && $3 == "hall" { print $4 "|" $5 "|" $6 }' "$tmp/zj1/summary.csv" | sort -u)
if [ "$where" = "|zhejiang|" ]; then ok; else ko "hall: hall rows name '$where' (expected region zhejiang only)"; fi
u=$(val "$tmp/zj1/summary.csv" hall zhejiang window_utilization)
if awk -v u="$u" 'BEGIN { exit !(u > 0 && u <= 1) }'; then ok; else ko "hall: utilization '$u'"; fi
if [ "$u" = "$(val "$tmp/zj1/summary.csv" department natres window_utilization)" ]; then ok
else ko "hall: the hall's utilization $u is not its departments' pooled windows'"; fi
n=$(grep -c '^zhejiang,baseline,hall:zhejiang,' "$tmp/zj1/hourly.csv")
if [ "$n" -gt 0 ] && [ $((n % 4)) -eq 0 ]; then ok; else ko "hall: $n hall rows in hourly.csv"; fi
# the hall's hourly figures are those of the department rows (the same line)
a=$(grep '^zhejiang,baseline,hall:zhejiang,' "$tmp/zj1/hourly.csv" | cut -d, -f4-)
b=$(grep '^zhejiang,baseline,natres,' "$tmp/zj1/hourly.csv" | cut -d, -f4-)
if [ -n "$a" ] && [ "$a" = "$b" ]; then ok; else ko "hall: hall:zhejiang hourly rows differ from its departments'"; fi
if grep -q "One-stop hall, " "$tmp/zj.out"; then ok; else ko "hall: no hall in the utilization table"; fi
for f in summary.csv hourly.csv; do
    if cmp -s "$tmp/zj1/$f" "$tmp/zj2/$f"; then ok; else ko "hall: $f differs between -j 1 and -j 2"; fi
done
# no lever, no hall
"$govsim" run scenarios/xuzhou.cfg --days 5 -r 2 -o "$tmp/xz" --quiet >/dev/null 2>&1
if [ -s "$tmp/xz/summary.csv" ] && ! grep -q ',hall,' "$tmp/xz/summary.csv" &&
    ! grep -q ',hall:' "$tmp/xz/hourly.csv"; then ok
else ko "hall: hall rows without the one-stop lever"; fi
# six regions, six halls: each hall is its own region's
if "$govsim" run scenarios/heilongjiang.cfg --days 10 -r 2 --set levers.one_stop=true \
    -o "$tmp/hlj" --quiet >/dev/null 2>"$tmp/hlj.err"; then ok
else ko "hall: province run failed: $(cat "$tmp/hlj.err")"; fi
for c in harbin qiqihar daqing mudanjiang jiamusi suihua; do
    h=$(val "$tmp/hlj/summary.csv" hall "$c" window_served)
    d=$(val "$tmp/hlj/summary.csv" department "${c}_police" window_served)
    if [ -n "$h" ] && [ "$h" = "$d" ]; then ok; else ko "hall: $c hall served '$h', its police '$d'"; fi
done
if [ "$(awk -F, 'NR > 1 && $3 == "hall" { print $5 }' "$tmp/hlj/summary.csv" | sort -u | wc -l)" -eq 6 ]; then ok
else ko "hall: the province does not have six halls"; fi
# compare: every variant is read by the baseline's groups; a variant that
# closes the hall has none (empty cells, not another variant's numbers)
printf 'reform = { id = "separate_windows"; name = "Separate windows"; };\nchanges = ( { path = "levers.one_stop"; set = false; } );\n' >"$tmp/sep.cfg"
if "$govsim" compare scenarios/zhejiang.cfg "$tmp/sep.cfg" --days 10 -r 2 -o "$tmp/cmp" -q >/dev/null 2>"$tmp/cmp.err"; then ok
else ko "hall: compare failed: $(cat "$tmp/cmp.err")"; fi
vals=$(awk -F, 'NR > 1 && $3 == "hall" { print $2 ":" ($9 == "" ? "empty" : "value") }' "$tmp/cmp/summary.csv" | sort | uniq -c | awk '{ print $2 "=" $1 }' | tr '\n' ' ')
if [ "$vals" = "baseline:value=6 separate_windows:empty=6 " ]; then ok; else ko "hall: compare hall rows: $vals"; fi
echo "$pass $fail"
