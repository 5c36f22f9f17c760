#!/bin/sh
# -r 1 (issue 13): run and compare give means without confidence
# intervals and say so; no "nan" reaches a person or a file; the mean of
# one replication is that replication's value in replications.csv.
# validate still needs 2 (its verdicts are intervals).
# Usage: sh t_one_replication.sh GOVSIM TMPDIR (see run.sh)
govsim=$1
tmp=$2
. tests/e2e/lib.sh
scn=tests/e2e/data/twotown.cfg

if "$govsim" run "$scn" -r 1 --progress none -o "$tmp/run" >"$tmp/run.out" 2>"$tmp/run.err"; then ok; else
    ko "run -r 1 failed: $(cat "$tmp/run.err")"
fi
grep -q "one replication: means only, without confidence intervals" "$tmp/run.out" && ok ||
    ko "run -r 1 does not say there are no intervals"
grep -q "^1 replication x" "$tmp/run.out" && ok || ko "run -r 1: header does not say 1 replication"
if grep -qi "nan" "$tmp/run.out" "$tmp/run/summary.csv" "$tmp/run/summary.json"; then
    ko "run -r 1 prints or writes nan"
else ok; fi
# the mean is the one value; the interval is empty
# (columns by name: the tidy files' group convention, docs/output-files.md)
col() { awk -F, -v want="$2" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    $c["group"] == "all" && $c["kpi"] == "trips_per_case" {
        n = split(want, w, " "); line = ""
        for (i = 1; i <= n; i++) line = line (i > 1 ? "," : "") $c[w[i]]
        print line }' "$1"; }
m=$(col "$tmp/run/summary.csv" "mean ci_low ci_high n")
v=$(col "$tmp/run/replications.csv" "value")
[ -n "$v" ] && [ "$m" = "$v,,,1" ] && ok || ko "run -r 1: summary '$m' against the replication '$v'"

if "$govsim" compare "$scn" tests/e2e/data/reforms/windows.cfg -r 1 --progress none -o "$tmp/cmp" \
    >"$tmp/cmp.out" 2>"$tmp/cmp.err"; then ok; else
    ko "compare -r 1 failed: $(cat "$tmp/cmp.err")"
fi
grep -q "one replication: means only" "$tmp/cmp.out" && ok || ko "compare -r 1 does not say so"
if grep -qi "nan" "$tmp/cmp.out"; then ko "compare -r 1 prints nan"; else ok; fi

"$govsim" validate -r 1 >/dev/null 2>"$tmp/val.err"
rc=$?
[ "$rc" -eq 2 ] && grep -q "expected at least 2" "$tmp/val.err" && ok ||
    ko "validate -r 1: exit $rc, $(cat "$tmp/val.err")"
echo "$pass $fail"
