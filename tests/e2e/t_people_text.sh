#!/bin/sh
# What people read (issue 14, what was left): run's terminal table names
# KPIs (with units), not ids; the report's tables left-align text and
# right-align numbers; plan takes --progress and --quiet as run, compare
# and sweep do; with --lang zh, the pages of plan, trace, graph, sweep,
# animate and compare's skipped reforms carry no untranslated English
# sentence (a few known ones are looked for).
# Usage: sh t_people_text.sh GOVSIM TMPDIR (see run.sh)
govsim=$1
tmp=$2
. tests/e2e/lib.sh
data=tests/e2e/data
R="-r 2 --days 20 --progress none"

# 1. run: KPI names and units, not ids
"$govsim" run "$data/twotown.cfg" $R -o "$tmp/run" >"$tmp/out" 2>"$tmp/err" || ko "run: $(cat "$tmp/err")"
if grep -q '^  cycle time  *working days  ' "$tmp/out" &&
    grep -q '^  citizen hours per case  *hours  ' "$tmp/out" &&
    ! grep -Eq '^  (cycle_time|trips_per_case|within_limit_share|government_cost) ' "$tmp/out"; then ok; else
    bad "run: the KPI table shows ids, or no names: $(grep -E 'cycle|trips' "$tmp/out" | head -n 3)"
fi

# 2. the report: the bottleneck table's text columns left-aligned
"$govsim" compare "$data/twotown.cfg" "$data/reforms/windows.cfg" $R -o "$tmp/cmp" >/dev/null 2>"$tmp/err" ||
    ko "compare: $(cat "$tmp/err")"
if grep -q 'td.l,th.l{text-align:left}' "$tmp/cmp/report.html" &&
    grep -Eq '<tr><td class="l">[^<]*</td><td class="l">[0-9]+% ' "$tmp/cmp/report.html"; then ok; else
    bad "report: the bottleneck table's text is not left-aligned: $(grep -o '<tr><td[^>]*>[^<]*</td><td[^>]*>[0-9]*%' "$tmp/cmp/report.html" | head -n 2)"
fi

# 3. plan: --progress none is silent, lines logs, --quiet lists the files
"$govsim" plan tests/plans/helps.cfg -o "$tmp/plan" --progress none >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 0 ] && [ ! -s "$tmp/err" ] && [ -s "$tmp/out" ]; then ok; else
    bad "plan --progress none: $(head -c 300 "$tmp/err")"
fi
"$govsim" plan tests/plans/helps.cfg -o "$tmp/plan" --progress=lines >"$tmp/out" 2>"$tmp/err"
if grep -q '^plan: 100% ' "$tmp/err"; then ok; else bad "plan --progress=lines: $(head -c 300 "$tmp/err")"; fi
"$govsim" plan tests/plans/helps.cfg -o "$tmp/plan" --quiet >"$tmp/out" 2>"$tmp/err"
missing=0
while read -r path; do [ -f "$path" ] || missing=$((missing + 1)); done <"$tmp/out"
if [ ! -s "$tmp/err" ] && [ "$missing" -eq 0 ] && grep -qx "$tmp/plan/plan.html" "$tmp/out" &&
    grep -qx "$tmp/plan/portfolios.csv" "$tmp/out"; then ok; else
    bad "plan --quiet: $missing not files; stdout $(head -c 300 "$tmp/out"); stderr $(head -c 200 "$tmp/err")"
fi
if "$govsim" help plan | grep -q -- '--progress MODE'; then ok; else bad "govsim help plan: no --progress"; fi

echo "$pass $fail"
