#!/bin/sh
# govsim validate's table must not contradict itself (issue 9, item 5): the
# interval printed on each row is the one its verdict uses, so
#   theory outside the printed interval  <=>  FAIL
#   PASS  =>  theory inside and half-width <= the precision floor
#   IMPRECISE  =>  theory inside and half-width > the floor
# The floor (a percentage of theory) is read from the table's footnote.
# Checked on the real `govsim validate --quick` output, every row.
# Protocol: tests/e2e/run.sh.
govsim=$1
tmp=$2
. tests/e2e/lib.sh
check() { # check OK-CONDITION(0/1) MESSAGE
    if [ "$1" -eq 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $2"; fi
}

reps=""
# under the sanitizers (make check-asan) fewer replications: the invariant
# must hold at any -r, IMPRECISE rows included
[ -n "$GOVSIM_SKIP_SLOW" ] && reps="-r 3"
# shellcheck disable=SC2086
"$govsim" validate --quick $reps >"$tmp/table" 2>"$tmp/err"
rc=$?
check "$([ "$rc" -le 1 ] && grep -q '^validate: [0-9]* passed' "$tmp/table"; echo $?)" \
    "validate --quick ran to its summary line (exit $rc)"

# rows: case, metric, theory, mean, [lo, hi], verdict
awk -v floor_file="$tmp/table" '
function num(s) { gsub(/[][,]/, "", s); return s + 0 }
BEGIN {
    floor = -1
    while ((getline line < floor_file) > 0)
        if (match(line, /at most [0-9.]+% of theory/)) {
            s = substr(line, RSTART + 8, RLENGTH - 8); sub(/%.*/, "", s); floor = s / 100
        }
    if (floor < 0) { print "FAIL: no precision floor in the footnote"; bad++ }
}
/ (PASS|FAIL|IMPRECISE)$/ {
    # from the right: theory, mean, [lo, hi], verdict (names may be wide)
    if ($(NF - 2) !~ /^\[/ || $(NF - 1) !~ /\]$/) { print "FAIL: cannot parse: " $0; bad++; next }
    theory = num($(NF - 4)); lo = num($(NF - 2)); hi = num($(NF - 1)); verdict = $NF
    rows++
    inside = theory >= lo && theory <= hi
    coverage = substr($0, 1, 11) == "CI coverage"
    narrow = coverage || (hi - lo) / 2 <= floor * (theory < 0 ? -theory : theory) * (1 + 1e-4)
    if (verdict == "FAIL" && inside) { print "FAIL: FAIL with theory inside the printed interval: " $0; bad++ }
    if (verdict != "FAIL" && !inside) { print "FAIL: " verdict " with theory outside the printed interval: " $0; bad++ }
    if (verdict == "PASS" && !narrow) { print "FAIL: PASS wider than the precision floor: " $0; bad++ }
    if (verdict == "IMPRECISE" && narrow) { print "FAIL: IMPRECISE within the precision floor: " $0; bad++ }
}
END { printf "rows %d\n", rows; exit bad > 0 }
' "$tmp/table" >"$tmp/check"
rc=$?
grep '^FAIL' "$tmp/check"
check "$rc" "validate table: verdicts agree with the printed intervals"
rows=$(sed -n 's/^rows //p' "$tmp/check")
check "$([ "${rows:-0}" -ge 60 ]; echo $?)" "validate table: only ${rows:-0} rows parsed"
echo "$pass $fail"
