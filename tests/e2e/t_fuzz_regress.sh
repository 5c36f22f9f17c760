#!/bin/sh
# Replay every input the fuzzers found a problem with (tests/fuzz-regress/,
# docs/fuzzing.md) through the real program.  Usage (tests/e2e/run.sh):
#     sh tests/e2e/t_fuzz_regress.sh GOVSIM TMPDIR
#
#   scn/FILE     govsim check FILE; govsim run FILE --days 2 -r 2
#   reform/FILE  govsim compare scenarios/harbin.cfg FILE --days 2 -r 2
#   sweep/FILE   govsim sweep, with FILE placed as the sweep fuzzer places
#                it (sweeps/ beside harbin.cfg, xuzhou.cfg, reforms/ and
#                scenarios/good/minimal.cfg: fuzz/fuzz_sweep.c)
#
# Each command must exit 0, or 2 with exactly one line on stderr, within
# 60 s, and print no sanitizer report (run under build-asan/govsim, as
# `make check-asan` does, to catch memory errors).  FILE.txt beside each
# input says in one line what went wrong when it was found.
#
# Inputs that fail because of a bug not fixed yet are listed in
# tests/fuzz-regress/known.txt ("scn/FILE  why"): their failure is printed
# as XFAIL and not counted; once fixed they print XPASS, and the line
# should be deleted from known.txt (GOVSIM_XFAIL_STRICT=1 makes an XPASS
# a failure, to find them).  A line whose reason contains [asan] is a bug
# seen only as a sanitizer report: it is replayed only when GOVSIM is a
# sanitizer build (build-asan/govsim).
#
# Also checks that fuzz/govsim.dict names every documented setting
# (fuzz/check_dict.sh), so the dictionary follows the docs.
govsim=$1
tmp=$2
dir=tests/fuzz-regress
pass=0
fail=0

is_known() { grep -q "^$1[[:space:]]" "$dir/known.txt" 2>/dev/null; }
# A known failure marked [asan] shows only as a sanitizer report; a
# program built without ASan cannot tell it from a pass.
asan_only() { grep "^$1[[:space:]]" "$dir/known.txt" | grep -qF '[asan]'; }
if grep -q __asan_init "$govsim" 2>/dev/null; then sanitized=1; else sanitized=0; fi

# check_cmd LABEL CMD...: the exit code and message contract for one command.
# Sets $why (empty when it held).
check_cmd() {
    label=$1
    shift
    timeout 60 "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
    code=$?
    why=""
    if grep -qE 'Sanitizer|runtime error:|LeakSanitizer' "$tmp/err"; then
        why="$label: sanitizer report: $(grep -m1 -E 'ERROR|runtime error' "$tmp/err")"
    elif [ "$code" -eq 124 ]; then
        why="$label: still running after 60 s"
    elif [ "$code" -eq 2 ]; then
        [ "$(wc -l <"$tmp/err")" -eq 1 ] ||
            why="$label: exit 2 with $(wc -l <"$tmp/err") lines on stderr: $(head -c 200 "$tmp/err")"
    elif [ "$code" -ne 0 ]; then
        why="$label: exit $code: $(head -c 200 "$tmp/err")"
    fi
}

# The sweep fuzzer's folder layout, built once.
sweep_tree() {
    t=$tmp/sweeptree
    [ -d "$t" ] && return
    mkdir -p "$t/sweeps" "$t/reforms" "$t/scenarios/good"
    cp scenarios/harbin.cfg scenarios/xuzhou.cfg "$t/"
    for r in data_hub talent_investment security parallel_approval; do
        cp "scenarios/reforms/$r.cfg" "$t/reforms/"
    done
    cp tests/reforms/double_staff.cfg "$t/reforms/"
    cp tests/scenarios/good/minimal.cfg "$t/scenarios/good/"
}

# replay KIND/FILE: every command for one input; the first problem, or "".
replay() {
    rel=$1
    f=$dir/$rel
    out=$tmp/out-dir
    rm -rf "$out"
    case $rel in
    scn/*)
        check_cmd check "$govsim" check "$f"
        [ -z "$why" ] && check_cmd run "$govsim" run "$f" --days 2 -r 2 -o "$out" --quiet
        ;;
    reform/*)
        check_cmd compare "$govsim" compare scenarios/harbin.cfg "$f" --days 2 -r 2 \
            -o "$out" --quiet --brief
        ;;
    sweep/*)
        sweep_tree
        cp "$f" "$tmp/sweeptree/sweeps/fuzz.cfg"
        check_cmd sweep "$govsim" sweep "$tmp/sweeptree/sweeps/fuzz.cfg" -o "$out" --quiet
        ;;
    esac
}

n=0
for f in "$dir"/scn/* "$dir"/reform/* "$dir"/sweep/*; do
    [ -f "$f" ] || continue
    case $f in *.txt) continue ;; esac
    rel=${f#"$dir"/}
    n=$((n + 1))
    [ -f "$f.txt" ] || { fail=$((fail + 1)); echo "FAIL: $rel: no $rel.txt note"; }
    if is_known "$rel" && asan_only "$rel" && [ "$sanitized" -eq 0 ]; then
        continue # nothing to learn here: see make check-asan
    fi
    replay "$rel"
    if is_known "$rel"; then
        if [ -n "$why" ]; then
            echo "XFAIL: $rel: $why"
            pass=$((pass + 1))
        elif [ "${GOVSIM_XFAIL_STRICT:-0}" = 1 ]; then
            fail=$((fail + 1))
            echo "FAIL: XPASS: $rel: fixed; remove it from $dir/known.txt"
        else
            echo "XPASS: $rel: passes with $govsim (fixed? then remove it from $dir/known.txt)"
            pass=$((pass + 1))
        fi
    elif [ -n "$why" ]; then
        fail=$((fail + 1))
        echo "FAIL: $rel: $why"
    else
        pass=$((pass + 1))
    fi
done
# known.txt names only inputs that exist
if [ -f "$dir/known.txt" ]; then
    for rel in $(grep -v '^#' "$dir/known.txt" | awk 'NF { print $1 }'); do
        [ -f "$dir/$rel" ] || { fail=$((fail + 1)); echo "FAIL: known.txt names missing $rel"; }
    done
fi
# the fuzzers' dictionary still names every documented setting
if sh fuzz/check_dict.sh >/dev/null 2>"$tmp/err"; then
    pass=$((pass + 1))
else
    fail=$((fail + 1))
    echo "FAIL: $(cat "$tmp/err")"
fi
echo "fuzz-regress: $n inputs"
echo "$pass $fail"
