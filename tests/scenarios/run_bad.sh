#!/bin/sh
# Scenario validation through the command line.
# Usage: tests/scenarios/run_bad.sh GOVSIM
#
# Every tests/scenarios/bad/*.cfg starts with a line
#     # expect: <part of the error message>
# and `GOVSIM check FILE` must exit 2 with exactly one line on stderr that
# starts with the file's path and contains that text, and print nothing on
# stdout.  Every tests/scenarios/good/*.cfg must pass (exit 0, a summary
# on stdout, nothing on stderr); a good file may start with
#     # expect-warning: <part of a warning>
# which must then appear on stdout.
govsim=$1
dir=$(dirname "$0")
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

bad() {
    file=$1
    expect=$2
    "$govsim" check "$file" >"$tmp/out" 2>"$tmp/err"
    code=$?
    problem=""
    if [ "$code" -ne 2 ]; then
        problem="exit $code, expected 2"
    elif [ "$(wc -l <"$tmp/err")" -ne 1 ]; then
        problem="stderr has $(wc -l <"$tmp/err") lines, expected 1"
    elif [ -s "$tmp/out" ]; then
        problem="wrote to stdout"
    elif [ "$(head -c ${#file} "$tmp/err")" != "$file" ]; then
        problem="message does not start with the file path"
    elif ! grep -qF -- "$expect" "$tmp/err"; then
        problem="message lacks: $expect"
    fi
    if [ -z "$problem" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: $file: $problem"
        sed 's/^/  stderr: /' "$tmp/err" | head -5
    fi
}

good() {
    file=$1
    warning=$(sed -n '1s/^# expect-warning: //p' "$file")
    "$govsim" check "$file" >"$tmp/out" 2>"$tmp/err"
    code=$?
    problem=""
    if [ "$code" -ne 0 ]; then
        problem="exit $code, expected 0"
    elif [ -s "$tmp/err" ]; then
        problem="wrote to stderr"
    elif ! grep -q '^ok: ' "$tmp/out"; then
        problem="no summary on stdout"
    elif [ -n "$warning" ] && ! grep -qF -- "$warning" "$tmp/out"; then
        problem="no warning containing: $warning"
    elif [ -z "$warning" ] && grep -q '^warning: ' "$tmp/out"; then
        problem="unexpected warning"
    fi
    if [ -z "$problem" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: $file: $problem"
        sed 's/^/  stderr: /' "$tmp/err" | head -5
    fi
}

n_bad=0
for file in "$dir"/bad/*.cfg; do
    expect=$(sed -n '1s/^# expect: //p' "$file")
    if [ -z "$expect" ]; then
        fail=$((fail + 1))
        echo "FAIL: $file: first line is not '# expect: ...'"
        continue
    fi
    n_bad=$((n_bad + 1))
    bad "$file" "$expect"
done
# a file that is not there
bad "$dir/bad/no_such_file.cfg" "no_such_file.cfg: cannot read: No such file or directory"

for file in "$dir"/good/*.cfg; do
    good "$file"
done

# the bad set must stay large enough to mean something
if [ "$n_bad" -lt 35 ]; then
    fail=$((fail + 1))
    echo "FAIL: only $n_bad broken scenarios (expected at least 35)"
fi

echo "scenarios: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
