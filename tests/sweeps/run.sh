#!/bin/sh
# Sweeps through the command line.  Usage: tests/sweeps/run.sh GOVSIM
#
# Every tests/sweeps/bad/*.cfg starts with "# expect: <part of the error>";
# `govsim sweep FILE` must exit 2 with one line on stderr that starts with
# the file's path and contains that text, and write nothing.  Then the
# small sweeps run: every file is written, the numbers are the same at
# -j 1 and -j 2, and a sweep killed half-way and resumed gives files
# byte-identical to an uninterrupted run's.
govsim=$1
dir=$(dirname "$0")
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $*"; }

for file in "$dir"/bad/*.cfg; do
    expect=$(sed -n '1s/^# expect: //p' "$file")
    "$govsim" sweep "$file" -o "$tmp/bad" --quiet >"$tmp/out" 2>"$tmp/err"
    code=$?
    if [ "$code" -ne 2 ]; then ko "$file: exit $code, expected 2"
    elif [ "$(wc -l <"$tmp/err")" -ne 1 ]; then ko "$file: stderr has $(wc -l <"$tmp/err") lines"
    elif [ "$(head -c ${#file} "$tmp/err")" != "$file" ]; then ko "$file: message does not start with the file: $(cat "$tmp/err")"
    elif ! grep -qF -- "$expect" "$tmp/err"; then ko "$file: message lacks '$expect': $(cat "$tmp/err")"
    elif [ -e "$tmp/bad" ]; then ko "$file: wrote $tmp/bad"
    else ok
    fi
done

same() { # same A B FILES...: the files are byte-identical in folders A and B
    a=$1 b=$2
    shift 2
    for f in "$@"; do cmp -s "$a/$f" "$b/$f" || return 1; done
}
files="design.csv results.csv summary_wide.csv sensitivity.csv"

# every design runs and writes its files; -j 1 and -j 2 agree
for s in small_grid small_lhs small_sobol small_saltelli small_reforms; do
    "$govsim" sweep "$dir/$s.cfg" -j 1 -o "$tmp/$s.1" --quiet >/dev/null 2>"$tmp/err" &&
    "$govsim" sweep "$dir/$s.cfg" -j 2 -o "$tmp/$s.2" --quiet >/dev/null 2>>"$tmp/err"
    if [ $? -ne 0 ]; then ko "$s: $(head -3 "$tmp/err")"; continue; fi
    missing=""
    for f in $files; do [ -s "$tmp/$s.1/$f" ] || missing="$missing $f"; done
    ls "$tmp/$s.1"/*.png >/dev/null 2>&1 || missing="$missing (no chart)"
    [ -e "$tmp/$s.1/results.partial.csv" ] && missing="$missing (results.partial.csv left)"
    if [ -n "$missing" ]; then ko "$s: missing$missing"
    elif ! same "$tmp/$s.1" "$tmp/$s.2" $files; then ko "$s: -j 1 and -j 2 differ"
    else ok
    fi
done
# the grid has 3 x 2 points in odometer order, factor values as written
if [ "$(sed -n '2p;7p' "$tmp/small_grid.1/design.csv" | tr '\n' ' ')" = "0,1,1 5,2,2 " ]; then ok
else ko "small_grid design.csv: $(cat "$tmp/small_grid.1/design.csv" | tr '\n' ' ')"; fi
[ -s "$tmp/small_saltelli.1/sobol_indices.png" ] && ok || ko "small_saltelli: no sobol_indices.png"
[ "$(wc -l <"$tmp/small_saltelli.1/design.csv")" -eq 33 ] && ok || ko "small_saltelli: expected 32 points"

# resume: a sweep that died after 10 of its 32 points (their rows saved,
# then a line cut short by the crash) is finished by --resume, which runs
# only the rest, and its files are byte-identical to an uninterrupted run's
mkdir -p "$tmp/r"
cp "$tmp/small_saltelli.1/design.csv" "$tmp/r/"
head -21 "$tmp/small_saltelli.1/results.csv" >"$tmp/r/results.partial.csv"
printf '10,0,0.1' >>"$tmp/r/results.partial.csv"
"$govsim" sweep "$dir/small_saltelli.cfg" -j 2 -o "$tmp/r" --resume >/dev/null 2>"$tmp/err"
if [ $? -eq 0 ] && grep -q "resuming: 10 of 32 points already done" "$tmp/err" &&
    same "$tmp/r" "$tmp/small_saltelli.1" $files sobol_indices.dat &&
    [ ! -e "$tmp/r/results.partial.csv" ]; then ok
else ko "resume: not finished as an uninterrupted run ($(head -2 "$tmp/err"))"; fi
# a real interruption: killed at once, then resumed, same files
"$govsim" sweep "$dir/small_grid.cfg" -j 1 -o "$tmp/k" --quiet >/dev/null 2>&1 &
pid=$!
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
"$govsim" sweep "$dir/small_grid.cfg" -o "$tmp/k" --resume --quiet >/dev/null 2>"$tmp/err"
if [ $? -eq 0 ] && same "$tmp/k" "$tmp/small_grid.1" $files; then ok
else ko "resume after kill: $(head -2 "$tmp/err")"; fi
# resuming a different sweep into the same folder is refused
"$govsim" sweep "$dir/small_lhs.cfg" -o "$tmp/r" --resume --quiet >/dev/null 2>"$tmp/err"
if [ $? -eq 2 ] && grep -q "design has changed" "$tmp/err"; then ok; else ko "resume of another sweep not refused"; fi

# a path that no longer fits once resolved against the sweep's folder is
# refused by name, not cut short and then reported missing under a
# shorter name (a sweep in a deep folder naming a deep relative path)
deep="$tmp/$(printf 'd%.0s' $(seq 200))"
mkdir -p "$deep"
long=$(printf 'x%.0s' $(seq 880))
printf 'sweep = { id = "deep"; scenario = "%s.cfg"; design = "grid"; };\nfactors = ( { name = "w"; path = "departments.*.windows"; set = [1, 2]; discrete = true; } );\n' "$long" >"$deep/s.cfg"
"$govsim" sweep "$deep/s.cfg" -o "$tmp/deep" --quiet >/dev/null 2>"$tmp/err"
code=$?
if [ "$code" -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q "^$deep/s.cfg:[0-9]*: sweep.scenario: .*too long once resolved" "$tmp/err" &&
    [ ! -e "$tmp/deep" ]; then ok
else ko "resolved path past the limit: exit $code: $(head -c 300 "$tmp/err")"; fi

echo "sweeps: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
