#!/bin/sh
# What people read (issue 14, what was left): run's terminal table names
# KPIs (with units), not ids, and spells out "work days" (not "wd"); the
# report's tables left-align text and right-align numbers; plan takes
# --progress and --quiet as run, compare and sweep do; with --lang zh,
# the pages of plan, trace, graph, sweep, animate and compare's skipped
# reforms carry no untranslated English sentence (a few known ones are
# looked for).
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
    ! grep -Eq '^  (cycle_time|trips_per_case|within_limit_share|government_cost) ' "$tmp/out" &&
    ! grep -q '(wd)' "$tmp/out"; then ok; else
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

# 4. --lang zh: no untranslated English sentence in the pages of run, graph,
# sweep, trace, plan, animate and compare's skipped reforms (a few known
# ones looked for), and their Chinese present
zh_has_none() { # zh_has_none WHAT FILE ENGLISH...: none of ENGLISH in FILE
    what=$1
    file=$2
    shift 2
    for english in "$@"; do
        if grep -qF -- "$english" "$file"; then
            bad "--lang zh $what: untranslated '$english': $(grep -F -- "$english" "$file" | head -n 1 | cut -c 1-160)"
            return
        fi
    done
    ok
}
zh_has() { # zh_has WHAT FILE CHINESE: CHINESE in FILE
    if grep -qF -- "$3" "$2"; then ok; else bad "--lang zh $1: no '$3': $(head -c 300 "$2")"; fi
}
Z="--lang zh"
"$govsim" run "$data/twotown.cfg" $R $Z -o "$tmp/zrun" >"$tmp/zrun.out" 2>&1 || ko "zh run: $(tail -n 2 "$tmp/zrun.out")"
zh_has_none run "$tmp/zrun.out" "cycle time" "working days" "replications x" "citizen hours"
zh_has run "$tmp/zrun.out" "办理时长"
"$govsim" graph "$data/twotown.cfg" $Z -o "$tmp/zgraph" >"$tmp/zgraph.out" 2>&1 || ko "zh graph: $(tail -n 2 "$tmp/zgraph.out")"
zh_has_none graph "$tmp/zgraph.out" "information island" "Data requests" "Mean data delay" "needed by" \
    "Department data network" "Wrote network"
zh_has graph "$tmp/zgraph.out" "部门数据网络"
if grep -q 'e+0' "$tmp/zgraph.out"; then bad "graph: e-notation: $(grep 'e+0' "$tmp/zgraph.out" | head -n 1)"; else ok; fi
"$govsim" sweep tests/sweeps/small_grid.cfg $Z --progress none -o "$tmp/zsweep" >"$tmp/zsweep.out" 2>&1 ||
    ko "zh sweep: $(tail -n 2 "$tmp/zsweep.out")"
zh_has_none sweep "$tmp/zsweep.out" "KPI means over" "Standardized regression" "points x" "cycle_time" \
    "missing at some points" "Files:"
zh_has sweep "$tmp/zsweep.out" "标准化回归系数"
zh_has_none "sweep chart" "$tmp/zsweep/response.gp" "response to the swept factor"
"$govsim" trace "$data/twotown.cfg" "$data/reforms/windows.cfg" $Z >"$tmp/ztrace.out" 2>&1 ||
    ko "zh trace: $(tail -n 2 "$tmp/ztrace.out")"
zh_has_none trace "$tmp/ztrace.out" "Applies online" "Sets out to apply" "Joins the line" "Summary today" \
    "trip(s)" "replication 0" "after the warm-up"
zh_has trace "$tmp/ztrace.out" "现状小结"
# Chinese is wrapped between characters: no line is a clock time alone
# (it was, when only spaces could break a line)
"$govsim" trace scenarios/xuzhou.cfg scenarios/reforms/data_hub.cfg $Z >"$tmp/ztrace2.out" 2>&1
if grep -Eq '[0-9]{2}:[0-9]{2} *($| {20,}[0-9]{4}-)' "$tmp/ztrace2.out"; then
    bad "--lang zh trace: a line holds only its time: $(grep -E '[0-9]{2}:[0-9]{2} *($| {20,}[0-9]{4}-)' "$tmp/ztrace2.out" | head -n 1)"
else ok; fi
"$govsim" plan tests/plans/helps.cfg $Z --progress none -o "$tmp/zplan" >"$tmp/zplan.out" 2>&1 ||
    ko "zh plan: $(tail -n 2 "$tmp/zplan.out")"
zh_has_none plan "$tmp/zplan.out" "Chosen:" "Runners-up" "portfolios:" "benefit-cost" "eliminated" \
    "citizen_hours_saved"
zh_has_none "plan.html" "$tmp/zplan/plan.html" "The answer" "The guarantee" "Assumptions" "why it lost" \
    "Year by year" "citizen_hours_saved"
zh_has_none "plan chart" "$tmp/zplan/years.gp" "response to the swept factor" "year by year"
zh_has plan "$tmp/zplan/plan.html" "答案"
"$govsim" animate "$data/twotown.cfg" $Z -o "$tmp/zanim" >"$tmp/zanim.out" 2>&1 || ko "zh animate: $(tail -n 2 "$tmp/zanim.out")"
zh_has_none "animation.html" "$tmp/zanim/animation.html" ">Play<" "Orange dots" "'in line: '" '"in line:"' \
    '<html lang="en">'
zh_has animate "$tmp/zanim/animation.html" "播放"
"$govsim" compare scenarios/xuzhou.cfg $R $Z -o "$tmp/zcmp" >"$tmp/zcmp.out" 2>"$tmp/zcmp.err" ||
    ko "zh compare: $(tail -n 2 "$tmp/zcmp.err")"
zh_has_none "compare, skipped reforms" "$tmp/zcmp.out" "no department has" "Skipped" "Cost-effectiveness"
zh_has_none "report, skipped reforms" "$tmp/zcmp/report.html" "no department has"
zh_has "compare, skipped reforms" "$tmp/zcmp.out" "没有部门满足 region = qiqihar"

echo "$pass $fail"
