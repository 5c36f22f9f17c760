#!/bin/sh
# The 12345 hotline through the command line (tests/scenarios/hotline_hall.cfg):
# the same numbers at -j 1 and -j 2, the hotline KPIs in summary.csv and
# summary.json, none of them without the block, and the appeals' officer
# time visible in every department's staff utilization (same seed, same
# citizens: higher with the hotline).
# Usage: sh t_hotline.sh GOVSIM TMPDIR (protocol: tests/e2e/run.sh).
govsim=$1
tmp=$2
. tests/e2e/lib.sh
scn=tests/scenarios/hotline_hall.cfg

"$govsim" run "$scn" -r 2 -j 1 --quiet -o "$tmp/j1" >/dev/null 2>"$tmp/err" || ko "run -j 1: $(head -2 "$tmp/err")"
"$govsim" run "$scn" -r 2 -j 2 --quiet -o "$tmp/j2" >/dev/null 2>"$tmp/err" || ko "run -j 2: $(head -2 "$tmp/err")"
cmp -s "$tmp/j1/replications.csv" "$tmp/j2/replications.csv" && ok ||
    ko "hotline: -j 1 and -j 2 differ"

# mean of a KPI, by group ("all" or a department id) and name
kpi() {
    awk -F, -v k="$2" -v g="$3" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        ($col["group"] == g || $col["department"] == g) && $col["kpi"] == k { print $col["mean"] }' "$1/summary.csv"
}
for k in hotline_calls_answered hotline_answered_15s hotline_abandoned hotline_wait \
    hotline_waited appeals_within_limit appeals_per_1000_cases appeal_bad_rating; do
    v=$(kpi "$tmp/j2" $k all)
    if [ -n "$v" ] && awk -v v="$v" 'BEGIN { exit !(v >= 0) }'; then ok; else ko "summary.csv: $k '$v'"; fi
    grep -q "\"$k\"" "$tmp/j2/summary.json" && ok || ko "summary.json lacks $k"
done

sed '/^hotline = {/,/^};/d' "$scn" >"$tmp/plain.cfg"
"$govsim" run "$tmp/plain.cfg" -r 2 -j 2 --quiet -o "$tmp/plain" >/dev/null 2>"$tmp/err" || ko "plain run: $(head -2 "$tmp/err")"
grep -q 'hotline_calls\|hotline_wait\|appeals_\|appeal_bad' "$tmp/plain/summary.csv" "$tmp/plain/replications.csv" "$tmp/plain/summary.json" &&
    ko "without a hotline: hotline rows reported" || ok
for d in civil market; do
    with=$(kpi "$tmp/j2" staff_utilization $d)
    without=$(kpi "$tmp/plain" staff_utilization $d)
    if awk -v a="$with" -v b="$without" 'BEGIN { exit !(a > b && b > 0) }'; then ok
    else ko "$d: staff utilization $with with the hotline, $without without"; fi
done
echo "$pass $fail"
