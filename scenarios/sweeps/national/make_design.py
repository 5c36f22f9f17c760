#!/usr/bin/env python3
"""Write design.csv, the points of the national sweep (national.cfg), from
provinces.csv: each province's online-service capability index mapped to
the factors of heilongjiang.cfg, once per reform level.

Usage: make_design.py [--check] [--hub-from X OUT.csv]
  (run from anywhere; --check compares instead of writing, exit 1 when
  design.csv is stale; --hub-from writes OUT.csv with the hub switch at
  index X instead of 90, for `govsim sweep national.cfg --design OUT.csv`)

The mapping is an ASSUMPTION (docs/national.md, "The mapping"): each factor
multiplies heilongjiang.cfg's values by a number linear in the index, 1 at
Heilongjiang's 77.93 (the baseline as it is) and, at Zhejiang's 96.73, the
ratio of zhejiang.cfg's value to heilongjiang.cfg's (the two bundled
baselines that carry an index).  Below 77.93 the line is extended (worse
than Heilongjiang).  A province at or above 90 (the report's "very high"
group) has a provincial data hub, as zhejiang.cfg has.
"""
import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LOW_ANCHOR = 77.93   # Heilongjiang, 2019 data (calibration.md)
HIGH_ANCHOR = 96.73  # Zhejiang, 2019 data (calibration.md)
HUB_FROM = 90.0      # the report's "very high" group (calibration.md)
REFORMS = ["none", "regional_balance", "data_hub"]

# factor name -> value at the Zhejiang anchor (1.0 at Heilongjiang's), and
# why (zhejiang.cfg vs heilongjiang.cfg; every figure an assumption of
# those files).  Scale factors multiply heilongjiang.cfg's values.
SCALES = [
    # services' online shares: zhejiang.cfg's over heilongjiang.cfg's,
    # per service, weighted by the services' demand shares (6, 10, 4, 0.5,
    # 12 % of a hall's cases): 2.26; capped at 0.95 per service by the sweep
    ("online", 2.26),
    # officers' error rate: zhejiang 0.02 over heilongjiang's mean 0.068
    # (36 departments, 0.05-0.08); steps' data_error follow the same factor
    ("errors", 0.29),
    # incomplete materials: zhejiang's mean 0.10 over heilongjiang's 0.228
    ("incomplete", 0.44),
    # officers' work-time multiplier: zhejiang 0.9 over heilongjiang's 1.15
    ("skill", 0.78),
    # digitally excluded citizens: zhejiang 0.08 over heilongjiang's
    # demand-weighted 0.168
    ("excluded", 0.48),
]
# the online platform's uptime, set (not scaled): heilongjiang 0.98,
# zhejiang 0.995
UPTIME = (0.98, 0.995)


def line(index, at_high, at_low=1.0):
    """The value at index on the line through (77.93, at_low), (96.73, at_high)."""
    t = (index - LOW_ANCHOR) / (HIGH_ANCHOR - LOW_ANCHOR)
    return at_low + t * (at_high - at_low)


def read_provinces(path):
    """The rows of provinces.csv (lines starting with # are comments)."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(l for l in f if not l.startswith("#")))
    if len(rows) != 31:
        sys.exit(f"{path}: {len(rows)} provinces (expected 31)")
    return rows


def design_rows(provinces, hub_from=HUB_FROM):
    """One row per (reform, province), reform-major: point = r * 31 + i."""
    out = []
    for reform in REFORMS:
        for p in provinces:
            x = float(p["index"])
            row = {"province": p["id"], "index": p["index"], "population": p["population"],
                   "hub": "true" if x >= hub_from else "false", "reform": reform}
            for name, at_high in SCALES:
                row[name] = f"{line(x, at_high):.6f}"
            row["uptime"] = f"{line(x, UPTIME[1], UPTIME[0]):.6f}"
            out.append(row)
    return out


def render(rows):
    cols = list(rows[0].keys())
    lines = [",".join(cols)] + [",".join(r[c] for c in cols) for r in rows]
    return "\n".join(lines) + "\n"


def main():
    args = sys.argv[1:]
    hub_from, target = HUB_FROM, os.path.join(HERE, "design.csv")
    if "--hub-from" in args:
        i = args.index("--hub-from")
        try:
            hub_from, target = float(args[i + 1]), args[i + 2]
        except (IndexError, ValueError):
            print("make_design.py: --hub-from needs an index and a file (expected --hub-from 80 out.csv)",
                  file=sys.stderr)
            return 2
    text = render(design_rows(read_provinces(os.path.join(HERE, "provinces.csv")), hub_from))
    if "--check" in args:
        with open(target, encoding="utf-8") as f:
            if f.read() != text:
                print(f"{target}: stale (run {sys.argv[0]})", file=sys.stderr)
                return 1
        return 0
    with open(target, "w", encoding="utf-8") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
