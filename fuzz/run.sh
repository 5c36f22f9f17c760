#!/bin/sh
# Run each libFuzzer target for SECONDS seconds, one after the other.
# Usage: sh fuzz/run.sh SECONDS TARGET...   (from the repository root,
# after `make fuzz-build BUILD=build-fuzz ...`; `make fuzz` does both)
#
# Each target starts from build-fuzz/corpus/TARGET, which keeps what earlier
# runs found and gets the seed files (below) copied in again each time.  A
# crash, sanitizer report, leak, timeout (-timeout=10 s for one input) or
# out-of-memory (-rss_limit_mb=2048) stops that target with its input saved
# as build-fuzz/artifacts/TARGET-crash-... (or leak-, timeout-, oom-); the
# script runs the other targets and exits 1.  It prints, per target, the
# coverage (cov: edges, ft: features), the corpus size and executions/s.
# Replay one input: build-fuzz/fuzz_TARGET FILE.
secs=${1:-60}
shift
B=build-fuzz
mkdir -p "$B/artifacts" "$B/tmp"

# seeds TARGET: the bundled and test files of that kind, and the
# regression inputs kept in tests/fuzz-regress/TARGET/ except those whose
# bug is not fixed yet (tests/fuzz-regress/known.txt): they would stop the
# target at once, before it looks for anything new.
known=$(grep -v '^#' tests/fuzz-regress/known.txt 2>/dev/null | awk 'NF { print "tests/fuzz-regress/" $1 }')
seeds() {
    case $1 in
    scn) ls scenarios/*.cfg tests/scenarios/*.cfg tests/scenarios/good/*.cfg \
            tests/scenarios/bad/*.cfg ;;
    reform) ls scenarios/reforms/*.cfg tests/reforms/*.cfg ;;
    sweep) ls scenarios/sweeps/*.cfg tests/sweeps/*.cfg tests/sweeps/bad/*.cfg ;;
    values) ;; # edits of a fixed scenario (fuzz/fuzz_values.c): no seed files
    esac
    for f in tests/fuzz-regress/"$1"/*; do
        case $f in *.txt) continue ;; esac
        [ -f "$f" ] || continue
        echo "$known" | grep -qxF "$f" || echo "$f"
    done
}

# Longest input: the largest seed of the kind, but at most 64 KB (the
# province scenario, 180 KB, is kept as a seed but mutated only in part).
max_len() {
    case $1 in scn) echo 65536 ;; values) echo 256 ;; *) echo 16384 ;; esac
}

status=0
summary=""
for t in "$@"; do
    corpus="$B/corpus/$t"
    mkdir -p "$corpus"
    for f in $(seeds "$t"); do cp "$f" "$corpus/seed-$(echo "$f" | tr '/' '_')"; done
    log="$B/fuzz_$t.log"
    echo "fuzz: $t for $secs s (log: $log)"
    TMPDIR=$PWD/$B/tmp \
    ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
    LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "$B/fuzz_$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
        -max_len="$(max_len "$t")" -dict=fuzz/govsim.dict -print_final_stats=1 \
        -artifact_prefix="$B/artifacts/$t-" "$corpus" >"$log" 2>&1
    rc=$?
    last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    harness=$(sed -n "s/^fuzz harness: //p" "$log" | tail -n 1)
    line="$t: exit $rc; $runs inputs, $eps exec/s; last: $last
  ($harness)"
    if [ "$rc" -ne 0 ]; then
        status=1
        grep -E 'ERROR|SUMMARY|runtime error|Test unit written' "$log" | head -n 8
    fi
    summary="$summary$line
"
done
printf '%s' "$summary"
[ "$status" -eq 0 ] && echo "fuzz: nothing found" || echo "fuzz: FOUND PROBLEMS (see $B/artifacts/)"
exit "$status"
