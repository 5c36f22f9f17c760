#!/bin/sh
# Outputs that show time use the scenario's dates (issue 13): for a
# scenario with calendar.start_date (here a teaching scenario moved to
# Wednesday 2021-09-29, so weekdays differ from the undated Monday start)
# the trace tells ISO dates with their own weekdays, after the warm-up;
# the event log's timestamps start on start_date and its windows serve on
# weekdays only; the trace agrees with the log; the animation names its
# date.  A scenario without start_date keeps "day N (Ddd)" and a log on
# Monday 2024-01-01.
# Usage: sh t_dates.sh GOVSIM TMPDIR (see run.sh)
govsim=$1
tmp=$2
. tests/e2e/lib.sh
check=tests/e2e/dates_check.py
base=scenarios/teaching/island.cfg
start=2021-09-29
steps=registration,licence,tax_registration
sed "s/workdays = \[1, 2, 3, 4, 5\]; };/workdays = [1, 2, 3, 4, 5]; start_date = \"$start\"; };/" \
    "$base" >"$tmp/dated.cfg"
grep -q "start_date = \"$start\"" "$tmp/dated.cfg" && ok || ko "could not date $base"
warmup=$(sed -n 's/.*warmup_days = \([0-9]*\);.*/\1/p' "$base")
[ -n "$warmup" ] && ok || ko "no warmup_days in $base"

"$govsim" run "$tmp/dated.cfg" -r 1 --days 10 -q -o "$tmp/run" --event-log "$tmp/log.csv" >/dev/null &&
    ok || ko "run --event-log of the dated scenario failed"
out=$(python3 "$check" log "$tmp/log.csv" "$start" "$warmup" "$steps") && ok ||
    ko "dated event log: $out"
for n in 1 4; do
    "$govsim" trace "$tmp/dated.cfg" --case "$n" >"$tmp/t$n" 2>&1 || ko "trace --case $n failed"
    out=$(python3 "$check" trace "$tmp/t$n" "$start" "$warmup") && ok || ko "dated trace $n: $out"
    out=$(python3 tests/e2e/trace_check.py "$tmp/t$n" "$tmp/log.csv") && ok ||
        ko "dated trace $n against the event log: $out"
done
"$govsim" animate "$tmp/dated.cfg" -o "$tmp/a" >"$tmp/anim" 2>&1 || ko "animate failed: $(cat "$tmp/anim")"
out=$(python3 "$check" anim "$tmp/anim" "$start" "$warmup") && ok || ko "dated animation: $out"
label=$(sed -n 's/.*"dayLabel":"\([^"]*\)".*/\1/p' "$tmp/a/animation.html")
grep -q "($label, " "$tmp/anim" && ok || ko "the page's clock shows '$label', not the date animated"
# the checks can fail: a weekday that does not go with its date
sed 's/^\(  [0-9-]*\) (Mon)/\1 (Sun)/' "$tmp/t1" >"$tmp/wrong"
if python3 "$check" trace "$tmp/wrong" "$start" "$warmup" >/dev/null; then
    ko "dates_check.py accepted a wrong weekday"
else ok; fi

# without start_date: model days, and the log on Monday 2024-01-01
"$govsim" trace "$base" --case 1 >"$tmp/u" 2>&1 || ko "trace of $base failed"
grep -q "^  day [0-9]* (Mon), [0-9][0-9]:[0-9][0-9]  " "$tmp/u" && ok || ko "undated trace: $(sed -n 4p "$tmp/u")"
"$govsim" run "$base" -r 1 --days 3 -q -o "$tmp/urun" --event-log "$tmp/ulog.csv" >/dev/null ||
    ko "run --event-log of $base failed"
sed -n 2p "$tmp/ulog.csv" | grep -q ",2024-01-01T" && ok || ko "undated log: $(sed -n 2p "$tmp/ulog.csv")"
echo "$pass $fail"
