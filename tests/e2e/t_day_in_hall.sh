#!/bin/sh
# The chart "a day in the hall" stays readable: at most 8 lines (the
# busiest departments, by their peak line length in hourly.csv) with the
# key below the plot; a scenario with fewer departments draws them all.
# Heilongjiang has 35 departments with windows, Xuzhou 7.
# Usage: sh t_day_in_hall.sh GOVSIM TMPDIR (see run.sh)
govsim=$1
tmp=$2
. tests/e2e/lib.sh
for scn in heilongjiang xuzhou; do
    if LC_ALL=C "$govsim" run "scenarios/$scn.cfg" --days 10 -r 2 -o "$tmp/$scn" -q \
        --progress none >"$tmp/$scn.out" 2>&1; then ok
    else ko "day in the hall: run $scn failed: $(tail -n 3 "$tmp/$scn.out")"; fi
    if python3 tests/e2e/day_in_hall_check.py "$tmp/$scn"; then ok
    else ko "day in the hall: $scn chart does not match hourly.csv"; fi
done
echo "$pass $fail"
