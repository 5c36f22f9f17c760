#!/usr/bin/env python3
"""dates_check.py trace|log|anim FILE START WARMUP [STEPS] (tests/e2e/t_dates.sh)

For a scenario with calendar.start_date = START (YYYY-MM-DD) and WARMUP
warm-up days, checks that what govsim shows is on that calendar:
  trace TRACE_OUTPUT   every time is "YYYY-MM-DD (Ddd), HH:MM" with the
                       date's own weekday; the case (one after the warm-up)
                       arrives on or after START + WARMUP
  log EVENT_LOG_CSV S  ISO timestamps; the first falls on START (the model's
                       day 0; warm-up cases are in the log too); every start
                       of a step in S (comma-separated ids, served only on
                       working days Monday to Friday) falls on a weekday
  anim ANIMATE_OUTPUT  the day animated is named by its date with its own
                       weekday, on or after START + WARMUP
Prints the problems; exit 1 if any."""
import csv
import datetime
import re
import sys

DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
kind, path, start = sys.argv[1], sys.argv[2], datetime.date.fromisoformat(sys.argv[3])
first_counted = start + datetime.timedelta(days=int(sys.argv[4]))
problems = []


def dated(text, pattern):
    """The (date, weekday) pairs the pattern finds, checked against each other."""
    found = [(datetime.date.fromisoformat(d), w) for d, w in re.findall(pattern, text, re.M)]
    for d, w in found:
        if DAYS[d.weekday()] != w:
            problems.append(f"{d} is a {DAYS[d.weekday()]}, shown as {w}")
    return found


if kind == "trace":
    text = open(path).read()
    found = dated(text, r"^  (\d{4}-\d\d-\d\d) \((\w+)\), \d\d:\d\d  ")
    if not found:
        problems.append("no dated line in the trace")
    elif found[0][0] < first_counted:
        problems.append(f"first event on {found[0][0]}, before the warm-up ends ({first_counted})")
    if re.search(r"^  day \d+ ", text, re.M):
        problems.append("the trace still numbers days")
    if not re.search(r"^Summary: .*finished \d{4}-\d\d-\d\d \(\w+\), \d\d:\d\d", text, re.M):
        problems.append("the summary gives no finish date")
elif kind == "log":
    steps = set(sys.argv[5].split(","))
    rows = list(csv.DictReader(open(path, newline="")))
    times = [datetime.datetime.fromisoformat(r["timestamp"]) for r in rows]
    if not times:
        problems.append("empty log")
    elif min(times).date() != start:
        problems.append(f"first timestamp {min(times)}, expected on {start}")
    served = [t for r, t in zip(rows, times) if r["activity"] in steps and r["lifecycle"] == "start"]
    if not served:
        problems.append("no step starts in the log")
    weekend = [t for t in served if t.weekday() >= 5]
    if weekend:
        problems.append(f"{len(weekend)} steps start on a weekend, e.g. {weekend[0]}")
elif kind == "anim":
    found = dated(open(path).read(), r"\((\d{4}-\d\d-\d\d) \((\w+)\), ")
    if not found:
        problems.append("animate does not name the date")
    elif found[0][0] < first_counted:
        problems.append(f"animated day {found[0][0]} is in the warm-up (ends {first_counted})")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
