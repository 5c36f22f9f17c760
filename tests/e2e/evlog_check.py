#!/usr/bin/env python3
"""Checks of an event log (tests/e2e/t_event_log.sh).

evlog_check.py same CSV XES
    the XES has exactly the CSV's events, one for one, in the same order
    (case, activity, lifecycle, timestamp, resource, department, trip).
evlog_check.py ocel CSV JSON
    the OCEL 2.0 JSON has the CSV's events one for one, in the same order,
    each related to its case (an object of type case), its department and
    its resource (objects too), and every event type is declared.
evlog_check.py kpis CSV RUNDIR [START_DATE]
    (START_DATE: the scenario's calendar.start_date, where the log puts the
    model's day 0; 2024-01-01 for a scenario without one) per replication, the cases that finished after the warm-up: their
    count, mean trips and mean cycle time in minutes equal the
    replications.csv KPIs completed, trips_per_case and cycle_time_minutes.
evlog_check.py hours CSV HH:MM-HH:MM [HH:MM-HH:MM ...]
    back-office work (a step at `DEPT officers`) starts only when the
    offices are open: in one of the given daily opening intervals, Monday
    to Friday (for a run without holidays or make-up days).  A file an
    officer takes up at 17:40 is worked on from the next morning.
Prints one line per problem; exit 1 if any.
"""
import csv
import datetime
import json
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.xes-standard.org/}"


def csv_events(path):
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            yield (r["case_id"], r["activity"], r["lifecycle"], r["timestamp"],
                   r["resource"], r["department"], r["trip"])


def xes_events(path):
    for _, el in ET.iterparse(path):
        if el.tag != NS + "trace":
            continue
        case = None
        for a in el:
            if a.tag == NS + "string" and a.get("key") == "concept:name":
                case = a.get("value")
        for ev in el.findall(NS + "event"):
            d = {a.get("key"): a.get("value") for a in ev}
            yield (case, d.get("concept:name"), d.get("lifecycle:transition"),
                   d.get("time:timestamp"), d.get("org:resource", ""),
                   d.get("org:group", ""), d.get("trip"))
        el.clear()


def same(csv_path, xes_path):
    a, b = list(csv_events(csv_path)), list(xes_events(xes_path))
    if len(a) != len(b):
        print(f"{len(a)} CSV events, {len(b)} XES events")
        return 1
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            print(f"event {i}: CSV {x} != XES {y}")
            return 1
    if not a:
        print("empty log")
        return 1
    return 0


def ocel(csv_path, json_path):
    import json
    d = json.load(open(json_path))
    objects = {o["id"]: o["type"] for o in d["objects"]}
    types = {t["name"] for t in d["eventTypes"]}
    got = []
    for e in d["events"]:
        rel = {r["qualifier"]: r["objectId"] for r in e["relationships"]}
        att = {a["name"]: a["value"] for a in e["attributes"]}
        if e["type"] not in types:
            print(f"event {e['id']}: type {e['type']} not declared")
            return 1
        for q, want in (("case", "case"), ("department", "department"), ("resource", "resource")):
            if q in rel and objects.get(rel[q]) != want:
                print(f"event {e['id']}: {q} {rel[q]} is not an object of type {want}")
                return 1
        got.append((rel.get("case"), e["type"], att["lifecycle"], e["time"],
                    rel.get("resource", ""), rel.get("department", ""), str(att["trip"])))
    want = list(csv_events(csv_path))
    if got != want:
        print(f"{len(want)} CSV events, {len(got)} OCEL events, or not the same")
        return 1
    return 0


def minutes(ts, origin):
    t = datetime.datetime.fromisoformat(ts)
    return (t - origin).total_seconds() / 60


def kpis(csv_path, run_dir, start="2024-01-01"):
    origin = datetime.datetime.fromisoformat(start)
    warmup = json.load(open(run_dir + "/summary.json"))["warmup_days"] * 1440
    cases = {}
    for r in csv.DictReader(open(csv_path, newline="")):
        c = cases.setdefault((r["replication"], r["case_id"]), {})
        if r["activity"] == "arrive":
            c["arrived"] = minutes(r["timestamp"], origin)
        if r["activity"] == "finish":
            c["finished"] = minutes(r["timestamp"], origin)
            c["trips"] = int(r["trip"])
    want = {}
    for r in csv.DictReader(open(run_dir + "/replications.csv", newline="")):
        if r["group"] == "all":
            want[(r["replication"], r["kpi"])] = float(r["value"] or "nan")
    problems = 0
    if not want:
        print("no KPIs of all cases in replications.csv")
        return 1
    for rep in sorted({k[0] for k in want}):
        done = [c for (rp, _), c in cases.items()
                if rp == rep and c.get("finished", -1) >= warmup]
        n = len(done)
        if n == 0:
            print(f"replication {rep}: no finished case in the log")
            problems += 1
            continue
        got = {"cases_completed": n,
               "trips_per_case": sum(c["trips"] for c in done) / n,
               "cycle_time_minutes": sum(c["finished"] - c["arrived"] for c in done) / n}
        for k, v in got.items():
            w = want.get((rep, k))
            # timestamps are rounded to the millisecond
            if w is None or abs(v - w) > 1e-6 * max(1, abs(w)) + 1e-3:
                print(f"replication {rep}: {k} from the log {v}, replications.csv {w}")
                problems += 1
    return 1 if problems else 0


def hours(path, *intervals):
    spans = []
    for iv in intervals:
        a, b = iv.split("-")
        spans.append((int(a[:2]) * 60 + int(a[3:]), int(b[:2]) * 60 + int(b[3:])))
    problems = starts = 0
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            if (r["lifecycle"] != "start" or not r["resource"].endswith(" officers")
                    or r["activity"].startswith("wait ")):
                continue
            starts += 1
            ts = datetime.datetime.fromisoformat(r["timestamp"])
            minute = ts.hour * 60 + ts.minute + ts.second / 60
            if ts.weekday() < 5 and any(a <= minute < b for a, b in spans):
                continue
            problems += 1
            if problems <= 5:
                print(f"case {r['case_id']}: back-office '{r['activity']}' starts at "
                      f"{r['timestamp']}, when the offices are closed")
    if starts == 0:
        print("no back-office work in the log")
        problems += 1
    elif problems > 5:
        print(f"... {problems} of {starts} back-office starts when closed")
    return 1 if problems else 0


if __name__ == "__main__":
    if sys.argv[1] == "hours":
        sys.exit(hours(*sys.argv[2:]))
    if sys.argv[1] == "same":
        sys.exit(same(sys.argv[2], sys.argv[3]))
    if sys.argv[1] == "ocel":
        sys.exit(ocel(sys.argv[2], sys.argv[3]))
    sys.exit(kpis(*sys.argv[2:5]))
