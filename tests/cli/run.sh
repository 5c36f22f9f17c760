#!/bin/sh
# Command-line behaviour: exit codes and one-line errors for bad input.
# Usage: tests/cli/run.sh GOVSIM
govsim=$1
govsim_abs=$(cd "$(dirname "$govsim")" && pwd)/$(basename "$govsim")
repo=$PWD
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# expect CODE PATTERN -- ARGS...: exit code CODE and PATTERN on stderr
# (CODE 0: PATTERN on stdout).
expect() {
    code=$1
    pattern=$2
    shift 3
    "$govsim" "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    where="$tmp/err"
    [ "$code" -eq 0 ] && where="$tmp/out"
    if [ "$got" -eq "$code" ] && grep -q -- "$pattern" "$where"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: govsim $* -> exit $got (expected $code, /$pattern/)"
        sed 's/^/  stderr: /' "$tmp/err" | head -5
    fi
    # a usage error is one line plus the hint, never a crash trace
    if [ "$code" -eq 2 ] && [ "$(wc -l <"$tmp/err")" -ne 2 ]; then
        fail=$((fail + 1))
        echo "FAIL: govsim $*: expected exactly 2 stderr lines"
    fi
}

expect 0 "usage: govsim" -- help
expect 0 "usage: govsim" -- --help
expect 0 "govsim 0" -- --version
expect 2 "unknown command 'frobnicate'" -- frobnicate
expect 2 "Try 'govsim help'" -- frobnicate
expect 2 "unknown option '--bogus'" -- validate --bogus
expect 2 "option -r needs a value" -- validate -r
expect 2 "-r 'abc': expected a whole number" -- validate -r abc
expect 2 "-r '-3': expected a whole number" -- validate -r -3
expect 2 "-r '1': expected at least 2 (every verdict is a confidence interval)" -- validate -r 1
expect 2 "-j '0': expected a whole number from 1" -- validate -j 0
expect 2 "--seed '12x'" -- validate --seed 12x
expect 2 "--seed '99999999999999999999999'" -- validate --seed 99999999999999999999999
expect 2 "--format 'xml': expected table or csv" -- validate --format xml
expect 2 "expected 'hold', 'mm1' or 'scenario'" -- bench
expect 2 "unknown benchmark 'foo'" -- bench foo
expect 2 "--size '0'" -- bench hold --size 0
expect 2 "unknown option '--customers' for bench hold" -- bench hold --customers 5
expect 2 "--rate '-0.5': expected a number" -- bench mm1 --rate -0.5
expect 2 "--rate 'nan'" -- bench mm1 --rate nan
expect 2 "lognormal(1): expects 2 parameters" -- bench mm1 --service "lognormal(1)"
expect 2 "exp(-3): mean must be > 0" -- bench mm1 --service "exp(-3)"
expect 2 "unknown distribution 'expo'" -- bench mm1 --service "expo(1)"
expect 2 "missing ')'" -- bench mm1 --service "exp(1"
expect 0 "bench mm1 customers=" -- bench mm1 --customers 1000
expect 0 "bench hold size=10 " -- bench hold --size 10 --holds 1000
expect 0 "bench hold-binary size=10 " -- bench hold --size 10 --holds 1000 --baseline

# run: bad input is one line, exit 2, and writes nothing
expect 2 "expected a scenario file" -- run
expect 2 "unknown option '--frob'" -- run tests/scenarios/jackson_feedback.cfg --frob
expect 2 "one scenario at a time" -- run a.cfg b.cfg
expect 2 "--format 'xml': expected table, csv or json" -- run tests/scenarios/jackson_feedback.cfg --format xml
expect 2 "-r '0': expected a whole number from 1" -- run tests/scenarios/jackson_feedback.cfg -r 0
expect 2 "--days '0'" -- run tests/scenarios/jackson_feedback.cfg --days 0
"$govsim" run tests/scenarios/bad/does_not_exist.cfg -o "$tmp/none" >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && [ ! -e "$tmp/none" ] &&
    grep -q "does_not_exist.cfg" "$tmp/err"; then
    pass=$((pass + 1))
else
    fail=$((fail + 1))
    echo "FAIL: run on a missing scenario: exit 2, one line naming it, nothing written"
fi
bad=$(ls tests/scenarios/bad/*.cfg | head -1)
"$govsim" run "$bad" -o "$tmp/bad" >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && [ ! -e "$tmp/bad" ]; then
    pass=$((pass + 1))
else
    fail=$((fail + 1))
    echo "FAIL: run on $bad: exit 2, one line, nothing written"
fi

# run writes its three files, and the same seed gives the same files at
# -j 1 and -j 2
j=tests/scenarios/jackson_feedback.cfg
"$govsim" run "$j" --days 5 -r 4 -j 1 --quiet -o "$tmp/r1" >/dev/null 2>&1
"$govsim" run "$j" --days 5 -r 4 -j 2 --quiet -o "$tmp/r2" >/dev/null 2>&1
for f in summary.csv replications.csv summary.json; do
    if [ -s "$tmp/r1/$f" ] && cmp -s "$tmp/r1/$f" "$tmp/r2/$f"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: run: $f missing or different between -j 1 and -j 2"
    fi
done
"$govsim" run "$j" --days 5 -r 4 --seed 99 --quiet -o "$tmp/r3" >/dev/null 2>&1
if cmp -s "$tmp/r1/summary.csv" "$tmp/r3/summary.csv"; then
    fail=$((fail + 1))
    echo "FAIL: run: another seed gave the same summary"
else
    pass=$((pass + 1))
fi
expect 0 "staff_utilization" -- run "$j" --days 3 -r 2 --format csv -o "$tmp/r4"
expect 0 '"kpi": "cycle_time"' -- run "$j" --days 3 -r 2 --format json -o "$tmp/r5"

# compare: bad input
expect 2 "expected a scenario" -- compare
expect 2 "unknown option '--frob'" -- compare "$j" --frob
"$govsim" compare "$j" tests/reforms/double_staff.cfg tests/reforms/err_no_region.cfg \
    -o "$tmp/cbad" >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && [ ! -e "$tmp/cbad" ] &&
    grep -q "^tests/reforms/err_no_region.cfg:5: changes\[1\].path: .*matches nothing" "$tmp/err"; then
    pass=$((pass + 1))
else
    fail=$((fail + 1))
    echo "FAIL: compare with a reform that does not apply: one line with file:line, exit 2, nothing written"
fi
expect 2 "no reform 'nope' among those run" -- compare "$j" tests/reforms/empty.cfg --combine nope
# compare: an empty reform changes nothing, exactly (common random
# numbers); a reform that doubles staff changes the results
"$govsim" compare tests/scenarios/jackson_feedback.cfg tests/reforms/empty.cfg \
    tests/reforms/double_staff.cfg --days 5 -r 4 --progress none -o "$tmp/c1" >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 0 ] && grep -q "^No change .*(exact)" "$tmp/out" &&
    awk -F, '$2 == "empty" && $11 != "0" && $11 != "" {bad = 1} END {exit bad}' "$tmp/c1/differences.csv" &&
    awk -F, '$2 == "double_staff" && $11 != "0" && $11 != "" {moved = 1} END {exit !moved}' "$tmp/c1/differences.csv" &&
    [ -s "$tmp/c1/summary.csv" ] && [ -s "$tmp/c1/replications.csv" ] && [ -s "$tmp/c1/summary.json" ]; then
    pass=$((pass + 1))
else
    fail=$((fail + 1))
    echo "FAIL: compare: empty reform must give exact zeros, double_staff must move"
    sed 's/^/  /' "$tmp/err" | head -5
fi

# determinism: the same seed gives the same numbers at -j 1 and -j 2
"$govsim" validate --quick -r 4 -j 1 --format csv --seed 7 >"$tmp/j1" 2>/dev/null
"$govsim" validate --quick -r 4 -j 2 --format csv --seed 7 >"$tmp/j2" 2>/dev/null
if [ -s "$tmp/j1" ] && cmp -s "$tmp/j1" "$tmp/j2"; then
    pass=$((pass + 1))
else
    fail=$((fail + 1))
    echo "FAIL: validate output differs between -j 1 and -j 2"
fi
# and a different seed gives different numbers (the check above can fail)
"$govsim" validate --quick -r 4 -j 2 --format csv --seed 8 >"$tmp/s8" 2>/dev/null
if cmp -s "$tmp/j2" "$tmp/s8"; then
    fail=$((fail + 1))
    echo "FAIL: seeds 7 and 8 gave identical output"
else
    pass=$((pass + 1))
fi

# compare on Xuzhou (issue 4): the one-stop platform lowers trips per case
# and hiring and training lower the window wait, each with a paired 95% CI
# that excludes zero (column 9 of differences.csv is ci_high)
"$govsim" compare scenarios/xuzhou.cfg scenarios/reforms/unified_platform.cfg \
    scenarios/reforms/talent_investment.cfg -r 10 --quiet -o "$tmp/cx" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 0 ] &&
    awk -F, '$2 == "unified_platform" && $7 == "trips_per_case" && $13 < 0 {ok = 1} END {exit !ok}' "$tmp/cx/differences.csv" &&
    awk -F, '$2 == "talent_investment" && $7 == "window_wait" && $13 < 0 {ok = 1} END {exit !ok}' "$tmp/cx/differences.csv"; then
    pass=$((pass + 1))
else
    fail=$((fail + 1))
    echo "FAIL: compare xuzhou: unified_platform must lower trips and talent_investment window wait (CI < 0)"
    grep -E "^xuzhou,(unified_platform|talent_investment),(trips_per_case|window_wait)," "$tmp/cx/differences.csv" | sed 's/^/  /'
fi
# every file of a comparison: tables, each chart as .dat .gp .png .svg, report
missing=""
for f in summary.csv differences.csv replications.csv summary.json report.html; do
    [ -s "$tmp/cx/$f" ] || missing="$missing $f"
done
for chart in changes cdf trips utilization cost_benefit; do
    for ext in dat gp png svg; do
        [ -s "$tmp/cx/$chart.$ext" ] || missing="$missing $chart.$ext"
    done
    head -c 8 "$tmp/cx/$chart.png" | od -An -c | grep -q "P   N   G" || missing="$missing $chart.png(not a PNG)"
    grep -q "<svg" "$tmp/cx/$chart.svg" || missing="$missing $chart.svg(not SVG)"
done
grep -q 'src="data:image/png;base64,iVBORw0KGgo' "$tmp/cx/report.html" || missing="$missing report.html(no embedded picture)"
ls "$tmp/cx" | grep -q '\.tmp\.' && missing="$missing (a temporary file was left)"
if [ -z "$missing" ]; then
    pass=$((pass + 1))
else
    fail=$((fail + 1))
    echo "FAIL: compare xuzhou: missing or wrong:$missing"
fi

# names that try to escape (tests/scenarios/hostile_names.cfg): report.html
# carries them escaped, gnuplot runs no backquote command, every SVG and
# the report are still well-formed (tags balanced)
mkdir -p "$tmp/hostile"
(cd "$tmp/hostile" && "$govsim_abs" compare "$repo/tests/scenarios/hostile_names.cfg" \
    "$repo/tests/reforms/empty.cfg" "$repo/tests/reforms/double_staff.cfg" --quiet -o out \
    >/dev/null 2>"$tmp/err")
rc=$?
if [ $rc -eq 0 ] && [ ! -e "$tmp/hostile/PWNED" ] && [ ! -e "$tmp/hostile/out/PWNED" ] &&
    ! grep -q "<script\|<img src=x\|<b>bold" "$tmp/hostile/out/report.html" &&
    grep -q "&lt;script&gt;alert(1)&lt;/script&gt;" "$tmp/hostile/out/report.html" &&
    grep -q "Market &lt;/td&gt;&lt;script&gt;" "$tmp/hostile/out/report.html" &&
    [ -s "$tmp/hostile/out/regions.png" ] &&
    grep -q "South \`touch PWNED\` \\\\" "$tmp/hostile/out/regions.svg"; then
    pass=$((pass + 1))
else
    fail=$((fail + 1))
    echo "FAIL: compare with hostile names: escaped report, no command run (rc $rc)"
    sed 's/^/  /' "$tmp/err" | head -5
fi

# without the bundled scenarios (no ./scenarios, nothing installed beside
# the binary) the default job says where it looked, exit 2
mkdir -p "$tmp/bare/bin" "$tmp/bare/work"
cp "$govsim_abs" "$tmp/bare/bin/govsim"
(cd "$tmp/bare/work" && "$tmp/bare/bin/govsim" >out 2>err)
if [ $? -eq 2 ] && grep -q "bundled scenarios are in neither" "$tmp/bare/work/err" &&
    [ ! -e "$tmp/bare/work/results" ]; then
    pass=$((pass + 1))
else
    fail=$((fail + 1))
    echo "FAIL: govsim with no scenarios around: expected exit 2 and where it looked"
fi

# the embedded default (govsim with no arguments): tests/e2e/t_default_job.sh

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
