# Shared by the tests/e2e/t_*.sh scripts (sourced, from the repository
# root): the two counters and how a check is counted.  A script ends with
# `echo "$pass $fail"`, the line tests/e2e/run.sh reads.
pass=0
fail=0
ok() { pass=$((pass + 1)); }
ko() {
    fail=$((fail + 1))
    echo "FAIL: $*"
}
bad() { ko "$@"; }
