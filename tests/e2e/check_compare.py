#!/usr/bin/env python3
"""Invariants of one `govsim compare` output folder (tests/e2e).

Usage: check_compare.py DIR REFORM.cfg... [--skipped ID,...] [--empty ID]

DIR holds summary.json, summary.csv and differences.csv of a comparison
whose reforms were the REFORM files given (named on the command line, or
the reforms/ folder of the all-reforms mode).  Checked, independently of
govsim's own arithmetic (the costs are read from the reform files):

- every variant lists each reform once; a single-reform variant is named
  after its reform and lists only it; all_reforms lists every reform run,
  in order; a --combine variant A+B lists A then B;
- every reform file given is either run (a variant of its own) or listed
  under "skipped" with a short one-line reason, never dropped silently;
  --skipped IDS: exactly these were skipped;
- reform_cost_per_year and one_off_cost of each variant are the sums of its
  reforms' cost_per_year and one_off_cost, read from the files;
- the government cost difference in differences.csv is the model's own
  cost difference (summary.csv: staff, windows, platform, hub) plus the
  reforms' cost per year;
- --empty ID: every difference of variant ID is exactly zero.

Prints one "FAIL: ..." line per broken invariant and exits 1 if any, else
prints "ok N variants" and exits 0.
"""
import csv
import json
import math
import os
import re
import sys

SHORT_REASON = 160


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    out = []
    for line in text.splitlines():
        in_str = False
        cut = len(line)
        for i, ch in enumerate(line):
            if ch == '"':
                in_str = not in_str
            elif not in_str and (ch == "#" or line.startswith("//", i)):
                cut = i
                break
        out.append(line[:cut])
    return "\n".join(out)


def read_reform(path):
    """id, cost_per_year, one_off_cost of a reform file's `reform` group."""
    text = strip_comments(open(path, encoding="utf-8").read())
    m = re.search(r"\breform\s*[=:]\s*\{(.*?)\}\s*;", text, flags=re.S)
    if not m:
        raise ValueError(path + ": no reform group")
    group = m.group(1)

    def number(key):
        n = re.search(r"\b" + key + r"\s*[=:]\s*([-+0-9.eE]+)L?\s*;", group)
        return float(n.group(1)) if n else 0.0

    rid = re.search(r'\bid\s*[=:]\s*"([^"]*)"', group)
    if not rid:
        raise ValueError(path + ": no id")
    return rid.group(1), number("cost_per_year"), number("one_off_cost")


def close(a, b):
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)


def main(argv):
    args, skipped_expected, empty = [], None, None
    i = 0
    while i < len(argv):
        if argv[i] == "--skipped":
            skipped_expected = [s for s in argv[i + 1].split(",") if s]
            i += 2
        elif argv[i] == "--empty":
            empty = argv[i + 1]
            i += 2
        else:
            args.append(argv[i])
            i += 1
    out, files = args[0], args[1:]
    fails = []
    reforms = {}
    for f in files:
        rid, per_year, one_off = read_reform(f)
        reforms[rid] = (per_year, one_off)

    summary = json.load(open(os.path.join(out, "summary.json"), encoding="utf-8"))
    variants = summary.get("variants", [])
    skipped = summary.get("skipped", [])
    skipped_ids = [s.get("reform") for s in skipped]

    for s in skipped:
        reason = s.get("reason", "")
        if not reason or "\n" in reason or len(reason) > SHORT_REASON:
            fails.append("skipped %s: reason must be one short line, got %r" % (s.get("reform"), reason))
    if skipped_expected is not None and sorted(skipped_ids) != sorted(skipped_expected):
        fails.append("skipped %s, expected %s" % (skipped_ids, skipped_expected))

    singles = [v["variant"] for v in variants
               if v["variant"] != "all_reforms" and "+" not in v["variant"]]
    for rid in reforms:
        if rid not in singles and rid not in skipped_ids:
            fails.append("reform %s neither run nor reported as skipped" % rid)
        if rid in singles and rid in skipped_ids:
            fails.append("reform %s both run and skipped" % rid)

    for v in variants:
        name, listed = v["variant"], v["reforms"]
        if len(set(listed)) != len(listed):
            fails.append("%s lists a reform twice: %s" % (name, listed))
        if name == "all_reforms":
            expected = singles
        elif "+" in name:
            expected = name.split("+")
        else:
            expected = [name]
        if listed != expected:
            fails.append("%s lists %s, expected %s" % (name, listed, expected))
        unknown = [r for r in listed if r not in reforms]
        if unknown:
            fails.append("%s lists reforms not given: %s" % (name, unknown))
            continue
        per_year = sum(reforms[r][0] for r in listed)
        one_off = sum(reforms[r][1] for r in listed)
        if not close(v["reform_cost_per_year"], per_year):
            fails.append("%s: reform_cost_per_year %r, its reform files say %r"
                         % (name, v["reform_cost_per_year"], per_year))
        if not close(v["one_off_cost"], one_off):
            fails.append("%s: one_off_cost %r, its reform files say %r"
                         % (name, v["one_off_cost"], one_off))

    model_cost = {}
    with open(os.path.join(out, "summary.csv"), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["kpi"] == "government_cost" and row["group"] == "all":
                model_cost[row["variant"]] = float(row["mean"])
    with open(os.path.join(out, "differences.csv"), newline="", encoding="utf-8") as f:
        diffs = list(csv.DictReader(f))
    for v in variants:
        name = v["variant"]
        rows = [r for r in diffs if r["variant"] == name and r["kpi"] == "government_cost"]
        if len(rows) != 1 or name not in model_cost or "baseline" not in model_cost:
            fails.append("%s: no government_cost row in differences.csv/summary.csv" % name)
            continue
        expected = model_cost[name] - model_cost["baseline"] + v["reform_cost_per_year"]
        if not close(float(rows[0]["difference"]), expected):
            fails.append("%s: government cost difference %s, expected model %r + reforms %r"
                         % (name, rows[0]["difference"],
                            model_cost[name] - model_cost["baseline"], v["reform_cost_per_year"]))

    if empty is not None:
        rows = [r for r in diffs if r["variant"] == empty]
        if not rows:
            fails.append("no rows for the empty reform %s" % empty)
        for r in rows:
            for col in ("difference", "ci_low", "ci_high"):
                if r["baseline_mean"] in ("", "nan", "NaN"):
                    continue  # undefined in the baseline too (no case of that kind)
                if r[col] == "" or float(r[col]) != 0.0:
                    fails.append("empty reform %s: %s %s = %r, expected exactly 0"
                                 % (empty, r["kpi"], col, r[col]))

    for msg in fails:
        print("FAIL: %s: %s" % (out, msg))
    if fails:
        return 1
    pass  # quiet on success: the runner counts
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
