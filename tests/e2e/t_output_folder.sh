#!/bin/sh
# The output folder: each command owns the files it writes (a reused folder
# holds only this run's files of its kinds, so a report cannot embed a
# stale chart; nothing else is touched), and a folder that cannot be
# written is refused before any simulation (one line, exit 2).
# Usage: sh t_output_folder.sh GOVSIM TMPDIR (see run.sh)
govsim=$1
tmp=$2
. tests/e2e/lib.sh
data=tests/e2e/data


# 1. compare of two regions, then of one region, into the same folder: the
# regions chart of the first must not survive into the second's report.
x=$tmp/reused
"$govsim" compare "$data/twotown.cfg" "$data/reforms/security.cfg" -o "$x" --quiet >/dev/null 2>&1
if [ -f "$x/regions.png" ]; then ok; else bad "reused: the two-region comparison drew no regions chart"; fi
# leftovers of a killed run (temporary files of compare's names) and files
# that are not compare's
: >"$x/.summary.csv.tmp.Ab12Cd"
: >"$x/.regions.png.tmp.Zz9999"
: >"$x/notes.txt"
: >"$x/.other.csv.tmp.Qw34Er"
: >"$x/regions_old.png"
"$govsim" compare "$data/onetown.cfg" "$data/reforms/security.cfg" -o "$x" --quiet >/dev/null 2>"$tmp/reused.err"
rc=$?
if [ "$rc" -eq 0 ]; then ok; else bad "reused: second compare exited $rc: $(head -n 1 "$tmp/reused.err")"; fi
for f in regions.png regions.svg regions.dat regions.gp .summary.csv.tmp.Ab12Cd .regions.png.tmp.Zz9999; do
    if [ -e "$x/$f" ]; then bad "reused: stale $f left in the folder"; else ok; fi
done
if grep -q 'Regions compared' "$x/report.html"; then bad "reused: report.html embeds the stale regions chart"; else ok; fi
for f in notes.txt .other.csv.tmp.Qw34Er regions_old.png; do
    if [ -e "$x/$f" ]; then ok; else bad "reused: compare removed $f, not one of its files"; fi
done

# 2. run owns summary.csv, replications.csv, summary.json (and their
# temporary files), nothing else.
y=$tmp/runs
mkdir -p "$y"
: >"$y/.summary.json.tmp.aaaaaa"
: >"$y/report.html"
: >"$y/.report.html.tmp.bbbbbb"
"$govsim" run "$data/onetown.cfg" -o "$y" --quiet >/dev/null 2>&1
if [ -f "$y/summary.json" ] && [ ! -e "$y/.summary.json.tmp.aaaaaa" ]; then ok; else
    bad "run: its stale temporary file left, or no summary.json"
fi
if [ -e "$y/report.html" ] && [ -e "$y/.report.html.tmp.bbbbbb" ]; then ok; else
    bad "run: removed a file that is not its own"
fi

# 2b. sweep owns its final files and charts: a heat map from an earlier
# two-factor grid is not left beside this design's charts; design.csv
# (which --resume checks) is rewritten by the sweep itself.
z=$tmp/sweep
mkdir -p "$z"
: >"$z/heatmap.png"
: >"$z/.sensitivity.csv.tmp.cccccc"
: >"$z/other.png"
"$govsim" sweep tests/sweeps/small_lhs.cfg -o "$z" --quiet >/dev/null 2>&1
if [ -f "$z/points.png" ] && [ ! -e "$z/heatmap.png" ] && [ ! -e "$z/.sensitivity.csv.tmp.cccccc" ]; then ok; else
    bad "sweep: stale heatmap.png or temporary file left (or no points chart)"
fi
if [ -e "$z/other.png" ]; then ok; else bad "sweep: removed a file that is not its own"; fi

# 3. An output folder that cannot be made or written: refused in one line,
# exit 2, before simulating (a run this long would take minutes).
: >"$tmp/afile"
bad_dirs="$tmp/afile/out"
if [ "$(id -u)" -ne 0 ]; then
    mkdir -p "$tmp/ro"
    chmod 555 "$tmp/ro"
    bad_dirs="$bad_dirs $tmp/ro $tmp/ro/sub"
fi
for d in $bad_dirs; do
    for cmd in run compare; do
        start=$(date +%s)
        if [ "$cmd" = run ]; then
            "$govsim" run "$data/twotown.cfg" -r 400 --days 3000 --quiet -o "$d" >"$tmp/ro.out" 2>"$tmp/ro.err"
        else
            "$govsim" compare "$data/twotown.cfg" "$data/reforms/security.cfg" -r 400 --days 3000 \
                --quiet -o "$d" >"$tmp/ro.out" 2>"$tmp/ro.err"
        fi
        rc=$?
        secs=$(($(date +%s) - start))
        if [ "$rc" -eq 2 ] && [ "$(wc -l <"$tmp/ro.err")" -eq 1 ] && [ ! -s "$tmp/ro.out" ] &&
            grep -q "$d" "$tmp/ro.err" && [ "$secs" -le 5 ]; then ok; else
            bad "$cmd -o $d: exit $rc after ${secs}s (expected 2 at once, one line): $(head -n 2 "$tmp/ro.err")"
        fi
    done
done
[ -d "$tmp/ro" ] && chmod 755 "$tmp/ro"

echo "$pass $fail"
