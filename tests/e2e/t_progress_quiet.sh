#!/bin/sh
# Progress and quiet (issue 14): when stderr is not a terminal, run and
# compare log a line every 10% (or 10 s) with the time left; --progress
# chooses bar, lines or none; --quiet prints only the paths written (and
# errors), one a line, each a file that exists.
# Usage: sh t_progress_quiet.sh GOVSIM TMPDIR (see run.sh)
govsim=$1
tmp=$2
. tests/e2e/lib.sh
scn=tests/scenarios/good/minimal.cfg

# 1. stderr a file: log lines with the time left, ending at 100%
"$govsim" run "$scn" -r 10 --days 20 -o "$tmp/r1" >"$tmp/out" 2>"$tmp/err"
lines=$(grep -c '^minimal: .*% .*elapsed, .*s left$' "$tmp/err")
if [ "$lines" -ge 2 ] && grep -q '^minimal: 100% 10/10' "$tmp/err"; then ok; else
    bad "run, stderr not a terminal: $lines progress lines (expected one per tenth): $(head -c 300 "$tmp/err")"
fi
"$govsim" compare "$scn" tests/reforms/double_staff.cfg -r 3 --days 20 -o "$tmp/c1" \
    >"$tmp/out" 2>"$tmp/err"
if grep -q '^compare: 100% 6/6 .*s left$' "$tmp/err"; then ok; else
    bad "compare, stderr not a terminal: no progress lines: $(head -c 300 "$tmp/err")"
fi

# 2. --progress: none is silent, bar redraws with \r, lines as above
"$govsim" run "$scn" -r 3 --days 20 -o "$tmp/r2" --progress none >"$tmp/out" 2>"$tmp/err"
if [ ! -s "$tmp/err" ] && [ -s "$tmp/out" ]; then ok; else bad "--progress none: stderr $(head -c 200 "$tmp/err")"; fi
"$govsim" run "$scn" -r 3 --days 20 -o "$tmp/r2" --progress=bar >"$tmp/out" 2>"$tmp/err"
if tr '\r' '\n' <"$tmp/err" | grep -q '^minimal \[#*\.*\] 100% 3/3'; then ok; else
    bad "--progress=bar: no bar on stderr: $(head -c 200 "$tmp/err")"
fi
"$govsim" run "$scn" -r 3 -o "$tmp/r2" --progress=dots >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 2 ] && grep -q "^govsim run: --progress 'dots': expected bar, lines or none" "$tmp/err" &&
    [ ! -s "$tmp/out" ]; then ok; else bad "--progress=dots: $(cat "$tmp/err")"; fi

# 3. --quiet: only the paths written, each an existing file; nothing on stderr
# (a run's, a comparison's, a sweep's)
check_quiet() {
    what=$1
    n=$(wc -l <"$tmp/out")
    missing=0
    while read -r path; do [ -f "$path" ] || missing=$((missing + 1)); done <"$tmp/out"
    if [ "$n" -ge "$2" ] && [ "$missing" -eq 0 ] && [ ! -s "$tmp/err" ]; then ok; else
        bad "$what --quiet: $n lines, $missing not files, stderr: $(head -c 200 "$tmp/err"); stdout: $(head -c 300 "$tmp/out")"
    fi
}
"$govsim" run "$scn" -r 3 --days 20 -o "$tmp/r3" --quiet >"$tmp/out" 2>"$tmp/err"
check_quiet run 3
if grep -qx "$tmp/r3/summary.csv" "$tmp/out"; then ok; else bad "run --quiet: summary.csv not listed"; fi
"$govsim" compare "$scn" tests/reforms/double_staff.cfg -r 3 --days 20 -o "$tmp/c3" -q \
    >"$tmp/out" 2>"$tmp/err"
check_quiet compare 6
if grep -qx "$tmp/c3/report.html" "$tmp/out" && grep -qx "$tmp/c3/changes.png" "$tmp/out"; then ok; else
    bad "compare --quiet: report.html or changes.png not listed: $(cat "$tmp/out")"
fi
"$govsim" sweep tests/sweeps/small_grid.cfg -o "$tmp/s3" --quiet >"$tmp/out" 2>"$tmp/err"
check_quiet sweep 4
if grep -qx "$tmp/s3/design.csv" "$tmp/out"; then ok; else bad "sweep --quiet: design.csv not listed"; fi

# 4. errors still show under --quiet
"$govsim" run "$scn" -r 3 -o "$tmp/r4" --quiet --set 'departments[id=nope].staff=2' >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && [ ! -s "$tmp/out" ] && [ ! -e "$tmp/r4" ]; then ok; else
    bad "run --quiet with a bad --set: expected one error line, nothing written: $(cat "$tmp/err")"
fi

# 5. the default job takes --quiet and --progress too (on a stand-in for the
# bundled baselines: four copies of the minimal scenario and one reform)
fake="$tmp/fake"
mkdir -p "$fake/scenarios/reforms"
for b in xuzhou harbin heilongjiang zhejiang; do cp "$scn" "$fake/scenarios/$b.cfg"; done
cp tests/reforms/double_staff.cfg "$fake/scenarios/reforms/"
govsim_abs=$(cd "$(dirname "$govsim")" && pwd)/$(basename "$govsim")
(cd "$fake" && "$govsim_abs" --quiet >"$tmp/out" 2>"$tmp/err")
rc=$?
n=$(wc -l <"$tmp/out")
missing=0
while read -r path; do [ -f "$fake/$path" ] || missing=$((missing + 1)); done <"$tmp/out"
if [ "$rc" -eq 0 ] && [ "$n" -ge 20 ] && [ "$missing" -eq 0 ] && [ ! -s "$tmp/err" ] &&
    [ "$(tail -n 1 "$tmp/out")" = "results/index.html" ]; then ok; else
    bad "govsim --quiet: exit $rc, $n lines, $missing not files, stderr: $(head -c 200 "$tmp/err")"
fi
(cd "$fake" && "$govsim_abs" --progress lines >"$tmp/out" 2>"$tmp/err")
if [ "$(grep -c '^compare: 100% 20/20' "$tmp/err")" -eq 4 ] && grep -q '^Done in' "$tmp/out"; then ok; else
    bad "govsim --progress lines: $(head -c 300 "$tmp/err")"
fi
(cd "$fake" && "$govsim_abs" --progress=bogus >"$tmp/out" 2>"$tmp/err")
if [ $? -eq 2 ] && grep -q "^govsim: --progress 'bogus': expected bar, lines or none" "$tmp/err" &&
    [ ! -e "$fake/results/index.html.new" ]; then ok; else bad "govsim --progress=bogus: $(cat "$tmp/err")"; fi

echo "$pass $fail"
