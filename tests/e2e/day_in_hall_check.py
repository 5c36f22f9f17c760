#!/usr/bin/env python3
"""Checks a run's chart "a day in the hall" against its hourly.csv.

Usage: day_in_hall_check.py RUN_DIR

The chart draws at most 8 lines; with more departments it draws the ones
whose line is longest at its peak hour, and its title says "the K busiest
of N" with N the departments hourly.csv has line lengths for.  Checks:
the number of titled lines, N, and that no department left out peaks
higher than one drawn (means as the .dat file prints them, 10 digits).
Prints one line per failed check; exit 1 if any.
"""
import csv
import re
import sys

MAX_LINES = 8


def main():
    run = sys.argv[1]
    peaks = {}
    with open(f"{run}/hourly.csv", newline="") as f:
        for row in csv.DictReader(f):
            if row["kpi"] != "line_length" or row["mean"] in ("", "nan", "NaN"):
                continue
            dept, mean = row["department"], float(row["mean"])
            peaks[dept] = max(peaks.get(dept, -1.0), mean)
    gp = open(f"{run}/day_in_hall.gp", encoding="utf-8").read()
    titles = re.findall(r"with linespoints .* title \"([^\"]*)\"", gp)
    shown = []  # peak of each block of the .dat file
    for block in open(f"{run}/day_in_hall.dat", encoding="utf-8").read().split("\n\n\n"):
        means = [float(line.split()[1]) for line in block.splitlines()
                 if line.strip() and not line.startswith("#")]
        if means:
            shown.append(max(means))
    failed = []
    n = len(peaks)
    want_lines = min(n, MAX_LINES)
    if len(titles) != want_lines:
        failed.append(f"{len(titles)} lines drawn, expected {want_lines} of {n}")
    if len(shown) != want_lines:
        failed.append(f"{len(shown)} data blocks, expected {want_lines}")
    busiest = f"the {want_lines} busiest of {n}"
    if n > MAX_LINES and busiest not in gp:
        failed.append(f"title does not say '{busiest}'")
    if n <= MAX_LINES and "busiest" in gp:
        failed.append("title says 'busiest' although every department is drawn")
    if shown and n > MAX_LINES:
        left_out_best = sorted(peaks.values(), reverse=True)[MAX_LINES]
        if min(shown) < left_out_best - 1e-9 * max(1.0, left_out_best):
            failed.append(f"a line peaking at {min(shown)} drawn while one peaking at "
                          f"{left_out_best} was left out")
    if "set key below" not in gp and want_lines > 1:
        failed.append("the key is not below the plot")
    for f in failed:
        print(f"FAIL: day in the hall ({run}): {f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
