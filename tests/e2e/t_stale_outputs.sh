#!/bin/sh
# sweep and graph own the files they write: a run first removes what an
# earlier run of the same command left (temporary files of a killed run;
# for sweep, the final files and charts of an earlier sweep, which another
# design would not redraw), and nothing else.
# Usage: sh t_stale_outputs.sh GOVSIM TMPDIR (protocol: tests/e2e/run.sh).
govsim=$1
tmp=$2
. tests/e2e/lib.sh

# leftovers of a killed sweep, and files that are not the sweep's
d="$tmp/s"
mkdir -p "$d"
for f in .summary.csv.tmp.Ab12Cd .heatmap.png.tmp.Zz99zz .design.csv.tmp.q1w2e3 \
    notes.txt .notes.txt.tmp.Ab12Cd; do echo x >"$d/$f"; done
"$govsim" sweep tests/sweeps/small_grid.cfg -o "$d" --quiet >/dev/null 2>"$tmp/err" ||
    ko "grid sweep: $(head -2 "$tmp/err")"
left=$(ls -A "$d" | grep '\.tmp\.' | tr '\n' ' ')
if [ "$left" = ".notes.txt.tmp.Ab12Cd " ] && [ -e "$d/notes.txt" ]; then ok
else ko "sweep: temporary files left: '$left' (only .notes.txt.tmp.Ab12Cd expected), notes.txt $([ -e "$d/notes.txt" ] && echo kept || echo removed)"; fi
[ -e "$d/heatmap.png" ] && [ -e "$d/response.png" ] && ok || ko "grid sweep drew no heat map or response"

# another design into the same folder: the grid's charts do not stay
"$govsim" sweep tests/sweeps/small_lhs.cfg -o "$d" --quiet >/dev/null 2>"$tmp/err" ||
    ko "lhs sweep: $(head -2 "$tmp/err")"
stale=$(ls "$d" | grep -E '^(heatmap|response)\.' | tr '\n' ' ')
if [ -z "$stale" ] && [ -e "$d/points.png" ] && [ -e "$d/notes.txt" ]; then ok
else ko "lhs sweep after a grid sweep: the grid's charts stayed: $stale"; fi

# a refused resume removes nothing
"$govsim" sweep tests/sweeps/small_grid.cfg -o "$d" --resume --quiet >/dev/null 2>&1
[ $? -eq 2 ] && [ -e "$d/points.png" ] && [ -e "$d/summary_wide.csv" ] && ok ||
    ko "a refused --resume removed the earlier results"

# graph: a killed run's temporary picture goes, other files stay
g="$tmp/g"
mkdir -p "$g"
for f in .network.png.tmp.Ab12Cd .network.dot.tmp.Ab12Cd notes.txt; do echo x >"$g/$f"; done
"$govsim" graph tests/scenarios/good/minimal.cfg -o "$g" >/dev/null 2>"$tmp/err" ||
    ko "graph: $(head -2 "$tmp/err")"
left=$(ls -A "$g" | grep -c '\.tmp\.')
[ "$left" -eq 0 ] && [ -e "$g/notes.txt" ] && ok || ko "graph: $left temporary files left"

echo "$pass $fail"
