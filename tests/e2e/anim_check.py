#!/usr/bin/env python3
"""anim_check.py DOM EVENT_LOG_CSV DAY T (tests/e2e/t_animate.sh)

The lines the animation page shows at minute T of model day DAY (0 =
the first day; or DAY is the date YYYY-MM-DD of a dated scenario), read from <pre id="govsim-state"> of its dumped DOM,
equal the lines computed from the event log of the same run: per
resource, the "wait ..." intervals [start, complete) of replication 0
that contain the moment.  Prints the problems; exit 1 if any."""
import csv
import datetime
import html
import json
import re
import sys

dom = open(sys.argv[1]).read()
m = re.search(r'<pre id="govsim-state">([^<]*)</pre>', dom)
if not m or not m.group(1):
    print("no state in the page's DOM")
    sys.exit(1)
state = json.loads(html.unescape(m.group(1)))
if "-" in sys.argv[3]:  # the date of the day shown (a dated scenario)
    day = datetime.datetime.fromisoformat(sys.argv[3])
else:  # model day DAY: the event log puts day 0 on 2024-01-01
    day = datetime.datetime(2024, 1, 1) + datetime.timedelta(days=int(sys.argv[3]))
moment = day + datetime.timedelta(minutes=float(sys.argv[4]))
want = {}
open_waits = {}
for r in csv.DictReader(open(sys.argv[2], newline="")):
    if r["replication"] != "0" or not r["activity"].startswith("wait "):
        continue
    key = (r["case_id"], r["activity"], r["resource"])
    t = datetime.datetime.fromisoformat(r["timestamp"])
    if r["lifecycle"] == "start":
        open_waits[key] = t
    else:
        s = open_waits.pop(key)
        if s <= moment < t:
            want[r["resource"]] = want.get(r["resource"], 0) + 1
for key, s in open_waits.items():  # still waiting when the run ended
    if s <= moment:
        want[key[2]] = want.get(key[2], 0) + 1
lines = state["variants"][0]["lines"]
problems = [f"{res}: page {n}, event log {want.get(res, 0)}"
            for res, n in sorted(lines.items()) if n != want.get(res, 0)]
problems += [f"{res}: in the event log ({n}) but not on the page"
             for res, n in want.items() if res not in lines]
if sum(lines.values()) == 0:
    problems.append("every line is empty at that moment: the check proves nothing")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
