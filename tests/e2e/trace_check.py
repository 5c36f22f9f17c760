#!/usr/bin/env python3
"""trace_check.py TRACE_OUTPUT EVENT_LOG_CSV (tests/e2e/t_trace.sh)

The case a `govsim trace` told ("Case 0-N") is in the event log of the
same run (replication 0, same seed) with the same trips and the same
arrival and finish times (to the minute the trace prints).  Prints the
problems; exit 1 if any."""
import csv
import datetime
import re
import sys

text = open(sys.argv[1]).read()
case = re.search(r"^Case (\d+-\d+):", text, re.M)
# "day 15 (Mon), 09:41", or "2021-01-12 (Tue), 09:41" for a dated scenario
WHEN = r"(day \d+|\d{4}-\d\d-\d\d) \(\w+\), (\d\d):(\d\d)"
summ = re.search(r"^Summary: (\d+) trip\(s\); finished " + WHEN, text, re.M)
first = re.search(r"^  " + WHEN + "  ", text, re.M)
if not (case and summ and first):
    print("trace output lacks the case, the first event or the summary")
    sys.exit(1)


def clock(day, hh, mm):
    if day.startswith("day "):  # undated: the event log puts day 1 on 2024-01-01
        d = datetime.date(2024, 1, 1) + datetime.timedelta(days=int(day[4:]) - 1)
    else:
        d = datetime.date.fromisoformat(day)
    return f"{d.isoformat()}T{hh}:{mm}"


rows = [r for r in csv.DictReader(open(sys.argv[2], newline=""))
        if r["case_id"] == case.group(1)]
problems = []
fin = [r for r in rows if r["activity"] == "finish"]
arr = [r for r in rows if r["activity"] == "arrive"]
if len(fin) != 1 or len(arr) != 1:
    problems.append(f"case {case.group(1)}: {len(arr)} arrive and {len(fin)} finish rows in the log")
else:
    if fin[0]["trip"] != summ.group(1):
        problems.append(f"trips: trace {summ.group(1)}, log {fin[0]['trip']}")
    if fin[0]["timestamp"][:16] != clock(*summ.group(2, 3, 4)):
        problems.append(f"finish: trace {clock(*summ.group(2, 3, 4))}, log {fin[0]['timestamp']}")
    if arr[0]["timestamp"][:16] != clock(*first.group(1, 2, 3)):
        problems.append(f"arrival: trace {clock(*first.group(1, 2, 3))}, log {arr[0]['timestamp']}")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
