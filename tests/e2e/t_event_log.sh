#!/bin/sh
# govsim run --event-log FILE (docs/event-log.md): the XES is well-formed
# (xmllint, when installed) and holds the CSV's events one for one, and so
# does the OCEL 2.0 JSON (with its objects); the
# log is the same at any -j; back-office work starts in opening hours; the cases it shows add up to the KPIs of
# replications.csv (finished cases, their trips and cycle times); a folder
# that cannot be written is refused before anything runs (exit 2, nothing
# written).  The golden XES of a tiny run is checked by t_reference.sh.
# Usage: sh t_event_log.sh GOVSIM TMPDIR (see run.sh)
govsim=$1
tmp=$2
. tests/e2e/lib.sh
check=tests/e2e/evlog_check.py
scn=scenarios/xuzhou.cfg

"$govsim" run "$scn" -r 2 --days 8 -j 2 -q -o "$tmp/a" --event-log "$tmp/log.csv" >/dev/null &&
    ok || ko "run --event-log log.csv failed"
"$govsim" run "$scn" -r 2 --days 8 -j 1 -q -o "$tmp/b" --event-log "$tmp/log.xes" >/dev/null &&
    ok || ko "run --event-log log.xes failed"
"$govsim" run "$scn" -r 2 --days 8 -j 1 -q -o "$tmp/c" --event-log "$tmp/log1.csv" >/dev/null &&
    ok || ko "run -j 1 --event-log failed"

if command -v xmllint >/dev/null 2>&1; then
    if xmllint --noout "$tmp/log.xes" 2>"$tmp/xmllint.err"; then ok; else
        ko "xmllint: the XES is not well-formed: $(head -n 3 "$tmp/xmllint.err")"
    fi
else
    echo "note: xmllint not installed (apt-get install libxml2-utils): well-formedness not checked"
fi
out=$(python3 "$check" same "$tmp/log.csv" "$tmp/log.xes") && ok || ko "CSV and XES differ: $out"
"$govsim" run "$scn" -r 2 --days 8 -j 2 -q -o "$tmp/o" --event-log "$tmp/log.json" >/dev/null &&
    ok || ko "run --event-log log.json (OCEL) failed"
out=$(python3 "$check" ocel "$tmp/log.csv" "$tmp/log.json") && ok || ko "CSV and OCEL differ: $out"
cmp -s "$tmp/log.csv" "$tmp/log1.csv" && ok || ko "the event log differs between -j 1 and -j 2"
# the log puts day 0 on the scenario's start_date (issue 13)
start=$(sed -n 's/^ *start_date = "\([0-9-]*\)".*/\1/p' "$scn")
[ -n "$start" ] && ok || ko "$scn has no start_date: the dated log is not checked"
out=$(python3 "$check" kpis "$tmp/log.csv" "$tmp/a" "$start") && ok || ko "log against KPIs: $out"
# the KPI check can fail: a log missing a finished case does not add up
grep -v ',finish,' "$tmp/log.csv" | head -n 200 >"$tmp/cut.csv"
if python3 "$check" kpis "$tmp/cut.csv" "$tmp/a" "$start" >/dev/null 2>&1; then
    ko "the KPI check accepted a cut log"
else ok; fi

# back-office work starts in opening hours, not when the file reached a
# free officer at night (Xuzhou: 08:30-12:00, 14:00-17:30, no holidays
# in these 22 days)
out=$(python3 "$check" hours "$tmp/log.csv" 08:30-12:00 14:00-17:30) && ok ||
    ko "event log: $out"

# a folder that does not exist: refused before the run, nothing written
"$govsim" run "$scn" -r 2 --days 2 -q -o "$tmp/d" --event-log "$tmp/nowhere/log.csv" \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 2 ] && grep -q "cannot write in folder" "$tmp/err" && [ ! -e "$tmp/d" ]; then ok; else
    ko "--event-log into a missing folder: exit $rc, $(cat "$tmp/err")"
fi
# a folder instead of a file: refused before the run
mkdir -p "$tmp/adir"
"$govsim" run "$scn" -r 2 --days 2 -q -o "$tmp/e" --event-log "$tmp/adir" >/dev/null 2>"$tmp/err"
rc=$?
if [ "$rc" -eq 2 ] && grep -q "expected a file name, not a folder" "$tmp/err" && [ ! -e "$tmp/e" ]; then ok; else
    ko "--event-log on a folder: exit $rc, $(cat "$tmp/err")"
fi
echo "$pass $fail"
