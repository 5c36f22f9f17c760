#!/bin/sh
# Where the bottleneck is (docs/model.md): `govsim run` writes hourly.csv
# (tidy: scenario, variant, department, hour, kpi, mean, ci_low, ci_high,
# n) for the hours the halls are open only, bottleneck.csv (each service's
# share of time by department and phase, summing to 1 per service), the
# chart day_in_hall.png, and prints the table "Where the time goes"; the
# files are the same at -j 1 and -j 2.  compare writes the same files for
# every variant, the baseline's chart, and the table in report.html.
# Usage: sh t_bottleneck.sh GOVSIM TMPDIR (see run.sh)
govsim=$1
tmp=$2
. tests/e2e/lib.sh

run() { "$govsim" run scenarios/xuzhou.cfg --days 30 -r 3 -j "$1" -o "$tmp/j$1" >"$tmp/out$1" 2>"$tmp/err$1"; }
if run 1 && run 2; then ok; else ko "bottleneck: run failed: $(cat "$tmp/err1" "$tmp/err2")"; fi
for f in hourly.csv bottleneck.csv; do
    if cmp -s "$tmp/j1/$f" "$tmp/j2/$f"; then ok; else ko "bottleneck: $f differs between -j 1 and -j 2"; fi
done
if [ "$(head -n 1 "$tmp/j1/hourly.csv")" = "scenario,variant,department,hour,kpi,mean,ci_low,ci_high,n" ]; then ok
else ko "bottleneck: hourly.csv header: $(head -n 1 "$tmp/j1/hourly.csv")"; fi
if [ "$(head -n 1 "$tmp/j1/bottleneck.csv")" = "scenario,variant,service,department,phase,mean,ci_low,ci_high,n" ]; then ok
else ko "bottleneck: bottleneck.csv header: $(head -n 1 "$tmp/j1/bottleneck.csv")"; fi
# Xuzhou's halls open 08:30-12:00 and 14:00-17:30: hours 8-11 and 14-17 only
hours=$(tail -n +2 "$tmp/j1/hourly.csv" | cut -d, -f4 | sort -n -u | tr '\n' ' ')
if [ "$hours" = "8 9 10 11 14 15 16 17 " ]; then ok; else ko "bottleneck: hours in hourly.csv: $hours"; fi
kpis=$(tail -n +2 "$tmp/j1/hourly.csv" | cut -d, -f5 | sort -u | tr '\n' ' ')
if [ "$kpis" = "arrivals busy_windows line_length window_wait " ]; then ok; else ko "bottleneck: kpis: $kpis"; fi
# every row: 9 fields, ci_low <= mean <= ci_high
bad_rows=$(tail -n +2 "$tmp/j1/hourly.csv" | awk -F, 'NF != 9 || $6 < $7 - 1e-12 || $6 > $8 + 1e-12' | head -n 3)
if [ -z "$bad_rows" ]; then ok; else ko "bottleneck: hourly rows: $bad_rows"; fi
# shares per service sum to 1 (means of per-replication shares that do)
sums=$(tail -n +2 "$tmp/j1/bottleneck.csv" | awk -F, '{s[$3] += $6} END {for (k in s) if (s[k] < 0.999 || s[k] > 1.001) print k, s[k]}')
if [ -z "$sums" ]; then ok; else ko "bottleneck: shares do not sum to 1: $sums"; fi
if grep -q "Where the time goes" "$tmp/out1" && grep -q "Enterprise establishment .*% " "$tmp/out1"; then ok
else ko "bottleneck: no table on screen"; fi
if [ "$(head -c 4 "$tmp/j1/day_in_hall.png" | od -An -c | tr -d ' ')" = "211PNG" ]; then ok
else ko "bottleneck: day_in_hall.png is not a PNG"; fi
# compare: the same files for every variant, and the table in the report
if "$govsim" compare scenarios/xuzhou.cfg --days 20 -r 2 -o "$tmp/cmp" -q >"$tmp/cmp.out" 2>&1; then ok
else ko "bottleneck: compare failed: $(tail -n 3 "$tmp/cmp.out")"; fi
n_var=$(tail -n +2 "$tmp/cmp/summary.csv" | cut -d, -f2 | sort -u | wc -l)
for f in hourly.csv bottleneck.csv; do
    n=$(tail -n +2 "$tmp/cmp/$f" | cut -d, -f2 | sort -u | wc -l)
    if [ "$n" -eq "$n_var" ] && [ "$n" -gt 1 ]; then ok; else ko "bottleneck: compare $f has $n variants of $n_var"; fi
done
if grep -q 'id="bottleneck"' "$tmp/cmp/report.html" && grep -q "waiting for data at" "$tmp/cmp/report.html"; then ok
else ko "bottleneck: report.html has no bottleneck table"; fi
if [ -s "$tmp/cmp/day_in_hall.png" ] && grep -q "A day in the hall" "$tmp/cmp/report.html"; then ok
else ko "bottleneck: compare drew no day in the hall, or the report lacks it"; fi
echo "$pass $fail"
