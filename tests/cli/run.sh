#!/bin/sh
# Command-line behaviour: exit codes and one-line errors for bad input.
# Usage: tests/cli/run.sh GOVSIM
govsim=$1
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
expect 2 "-r '1': expected a whole number from 2" -- validate -r 1
expect 2 "-j '0': expected a whole number from 1" -- validate -j 0
expect 2 "--seed '12x'" -- validate --seed 12x
expect 2 "--seed '99999999999999999999999'" -- validate --seed 99999999999999999999999
expect 2 "--format 'xml': expected table or csv" -- validate --format xml
expect 2 "expected 'hold' or 'mm1'" -- bench
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

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
