#!/bin/sh
# End-to-end tests of what users see: every tests/e2e/t_*.sh in turn.
# Usage: tests/e2e/run.sh GOVSIM
#
# Each t_*.sh (which sources tests/e2e/lib.sh for its counters) is run as `sh t_X.sh GOVSIM TMPDIR` from the repository root
# and prints one line per failed check ("FAIL: ...") and, last, a line
# "PASS_COUNT FAIL_COUNT" (two integers).  Its exit code is ignored; a
# script that prints no count line counts as one failure.  This runner
# prints "e2e: N passed, N failed" and exits 1 when anything failed.
govsim=$1
dir=$(dirname "$0")
pass=0
fail=0
for script in "$dir"/t_*.sh; do
    [ -e "$script" ] || continue
    tmp=$(mktemp -d)
    sh "$script" "$govsim" "$tmp" >"$tmp.log" 2>&1
    grep -v '^[0-9]* [0-9]*$' "$tmp.log"
    counts=$(grep '^[0-9]* [0-9]*$' "$tmp.log" | tail -n 1)
    if [ -z "$counts" ]; then
        echo "FAIL: $script printed no count line"
        fail=$((fail + 1))
    else
        pass=$((pass + ${counts% *}))
        fail=$((fail + ${counts#* }))
        echo "$(basename "$script"): ${counts% *} passed, ${counts#* } failed"
    fi
    rm -rf "$tmp" "$tmp.log"
done
echo "e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
