#!/bin/sh
# A sweep cut short more than once: no cut line is ever read as a row.
# Usage: sh t_sweep_resume.sh GOVSIM TMPDIR (protocol: tests/e2e/run.sh).
#
# results.partial.csv after a crash ends in a line cut short.  A resume that
# appended after it would glue its first row to that stub, and the next
# resume would read the glued line as a row: wrong numbers, exit 0.  So a
# resume truncates the file to its last whole row before appending, and
# reads only rows with the right number of fields, a known point and
# replication, and numbers that parse whole.
govsim=$1
tmp=$2
. tests/e2e/lib.sh
sweep=tests/sweeps/small_saltelli.cfg
files="design.csv results.csv summary_wide.csv sensitivity.csv sobol_indices.dat"
same() { # same A B: the sweep's files are byte-identical in folders A and B
    for f in $files; do cmp -s "$1/$f" "$2/$f" || return 1; done
}

"$govsim" sweep "$sweep" -o "$tmp/ref" --quiet >/dev/null 2>&1 || ko "reference run failed"

# A file as the old protocol left it after two crashes: 10 points whole, a
# line cut by the first crash, the rows the first resume appended glued to
# it (point 10 onwards), then a line cut by the second crash.
mkdir -p "$tmp/g"
cp "$tmp/ref/design.csv" "$tmp/g/"
head -21 "$tmp/ref/results.csv" >"$tmp/g/results.partial.csv"
printf '10,0,0.1' >>"$tmp/g/results.partial.csv"
sed -n '22,31p' "$tmp/ref/results.csv" >>"$tmp/g/results.partial.csv"
printf '15,1,2' >>"$tmp/g/results.partial.csv"
"$govsim" sweep "$sweep" -o "$tmp/g" --resume >/dev/null 2>"$tmp/err"
code=$?
if [ $code -eq 0 ] && same "$tmp/g" "$tmp/ref"; then ok
else ko "glued line read as a row: exit $code, files differ from an uninterrupted run ($(head -2 "$tmp/err"))"; fi

# The first resume cuts the stub off before it appends: the file then holds
# whole rows only (each ends in a newline, none glued to another).
mkdir -p "$tmp/t"
cp "$tmp/ref/design.csv" "$tmp/t/"
head -21 "$tmp/ref/results.csv" >"$tmp/t/results.partial.csv"
printf '10,0,0.1' >>"$tmp/t/results.partial.csv"
cols=$(head -1 "$tmp/ref/results.csv" | tr ',' '\n' | wc -l)
# a failing gnuplot stops the run after every point is saved, before the
# partial file is removed: what the resume wrote can be inspected
mkdir -p "$tmp/bin"
printf '#!/bin/sh\nexit 1\n' >"$tmp/bin/gnuplot"
chmod +x "$tmp/bin/gnuplot"
PATH="$tmp/bin:$PATH" "$govsim" sweep "$sweep" -o "$tmp/t" --resume --quiet >/dev/null 2>"$tmp/err"
bad=$(awk -F, -v n="$cols" 'NF != n' "$tmp/t/results.partial.csv" | wc -l)
rows=$(wc -l <"$tmp/t/results.partial.csv")
if [ "$bad" -eq 0 ] && [ "$rows" -eq 65 ]; then ok
else ko "after a resume results.partial.csv has $bad malformed lines, $rows lines (expected 65): $(grep -v "^[0-9]*,[0-9]*,[^,]*,[^,]*$" "$tmp/t/results.partial.csv" | head -2 | tr '\n' ' ')"; fi
# ... and a second resume finishes it as an uninterrupted run
"$govsim" sweep "$sweep" -o "$tmp/t" --resume >/dev/null 2>"$tmp/err"
code=$?
if [ $code -eq 0 ] && grep -q "32 of 32 points already done" "$tmp/err" && same "$tmp/t" "$tmp/ref"
then ok; else ko "second resume: exit $code ($(head -2 "$tmp/err"))"; fi

# Real interruptions: killed twice at random moments, then resumed: the
# files are an uninterrupted run's whatever the moments were.
for delay in 0.2 0.4; do
    "$govsim" sweep "$sweep" -o "$tmp/k" --resume --quiet >/dev/null 2>&1 &
    pid=$!
    sleep $delay
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
done
"$govsim" sweep "$sweep" -o "$tmp/k" --resume --quiet >/dev/null 2>"$tmp/err"
code=$?
if [ $code -eq 0 ] && same "$tmp/k" "$tmp/ref"; then ok
else ko "killed twice, resumed: exit $code ($(head -2 "$tmp/err"))"; fi

echo "$pass $fail"
