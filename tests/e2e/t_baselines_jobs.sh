#!/bin/sh
# The bundled baselines, with their appointments, surges and rosters, give
# the same numbers at -j 1 and -j 2 (docs/scenarios.md; determinism:
# the same seed gives the same numbers at any -j): summary.csv,
# replications.csv and hourly.csv byte for byte, on short runs.  The
# province runs fewer days (it has six cities).
# Usage: sh t_baselines_jobs.sh GOVSIM TMPDIR (see run.sh)
govsim=$1
tmp=$2
. tests/e2e/lib.sh

for f in xuzhou harbin heilongjiang zhejiang; do
    days=12
    [ "$f" = heilongjiang ] && days=6
    for j in 1 2; do
        "$govsim" run "scenarios/$f.cfg" --days "$days" -r 3 -j "$j" --quiet -o "$tmp/$f-j$j" \
            >/dev/null 2>"$tmp/$f-j$j.err" || ko "$f -j $j failed: $(cat "$tmp/$f-j$j.err")"
    done
    for out in summary.csv replications.csv hourly.csv; do
        if [ -s "$tmp/$f-j1/$out" ] && cmp -s "$tmp/$f-j1/$out" "$tmp/$f-j2/$out"; then ok
        else ko "$f: $out differs between -j 1 and -j 2 (or is missing)"; fi
    done
    # the new settings run: booked citizens who did not come are counted
    n=$(awk -F, 'NR > 1 && $3 == "all" && $7 == "appointment_no_shows" { print $9 }' "$tmp/$f-j1/summary.csv")
    if awk -v n="$n" 'BEGIN { exit !(n > 0) }'; then ok; else ko "$f: appointment_no_shows '$n' (expected > 0)"; fi
done
echo "$pass $fail"
