#!/usr/bin/env python3
"""The national study's answers from a finished sweep of national.cfg.

Usage: analyse.py OUT_DIR [--design DESIGN.csv] [--no-chart]

OUT_DIR is the sweep's output folder (results.csv); DESIGN.csv the design it
ran (default: design.csv beside this script), whose rows name each point's
province, index, population and reform.  Writes into OUT_DIR:

  national.csv          one row per reform, province and KPI: the province's
                        mean over replications and its 95% CI (Student t)
  national_summary.csv  per KPI and reform: the population-weighted national
                        mean (CI over replications) and its paired change
                        from "none", the weighted 10th, 50th, 90th
                        percentiles of the provinces' means
  national_gap.csv      per KPI and reform: the gap worst - best province
                        (fixed before the run: lowest and highest index, ties
                        to the first row) with its CI, and its paired change
                        from "none" (common random numbers: replication r of
                        every point runs on the same streams)
  national.dat, national.gp, national.png  the chart (gnuplot)

and prints the tables.  Bad input: one line "file:line: what (expected)",
exit 2, nothing written.  A chart gnuplot could not draw: exit 1 (the
tables are written).
"""
import csv
import math
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
UNITS = {"trips_per_case": " (trips)", "cycle_time": " (working days)", "within_limit_share": " (share)",
         "online_share": " (share)"}


class BadInput(Exception):
    """A one-line error about an input file."""


# ---------------------------------------------------------------- statistics
def _betacf(a, b, x):
    """Continued fraction of the incomplete beta function (modified Lentz)."""
    tiny, c, d = 1e-300, 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        for num in (m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
                    -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))):
            d = 1.0 + num * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + num / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1.0) < 1e-15:
            break
    return h


def _ibeta(a, b, x):
    """Regularized incomplete beta I_x(a, b)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    lbt = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1 - x)
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(lbt) * _betacf(a, b, x) / a
    return 1.0 - math.exp(lbt) * _betacf(b, a, 1.0 - x) / b


def t_quantile_975(df):
    """Student t 0.975 quantile with df degrees of freedom (bisection on the CDF)."""
    lo, hi = 0.0, 20.0 if df > 1 else 100.0
    for _ in range(200):
        mid = (lo + hi) / 2
        upper = 0.5 * _ibeta(df / 2.0, 0.5, df / (df + mid * mid))  # P(T > mid)
        lo, hi = (mid, hi) if upper > 0.025 else (lo, mid)
    return (lo + hi) / 2


def mean_ci(xs):
    """Mean and 95% Student-t interval of xs (n >= 2)."""
    n = len(xs)
    m = sum(xs) / n
    var = sum((x - m) ** 2 for x in xs) / (n - 1)
    h = t_quantile_975(n - 1) * math.sqrt(var / n)
    return m, m - h, m + h


def weighted_quantile(values, weights, q):
    """The smallest value whose cumulative weight share reaches q."""
    pairs = sorted(zip(values, weights))
    total, acc = sum(weights), 0.0
    for v, w in pairs:
        acc += w
        if acc >= q * total - 1e-12:
            return v
    return pairs[-1][0]


# ---------------------------------------------------------------- inputs
def read_design(path):
    """The design's rows: province, index, population, reform (one per point)."""
    try:
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
    except OSError as e:
        raise BadInput(f"{path}:0: cannot read ({e.strerror})")
    if not rows:
        raise BadInput(f"{path}:1: empty (expected a header and one row per point)")
    head = rows[0]
    for col in ("province", "index", "population", "reform"):
        if col not in head:
            raise BadInput(f"{path}:1: no column '{col}' (expected the columns make_design.py writes)")
    c = {name: head.index(name) for name in head}
    points = []
    for i, r in enumerate(rows[1:], start=2):
        if len(r) != len(head):
            raise BadInput(f"{path}:{i}: {len(r)} fields (expected {len(head)})")
        try:
            index, pop = float(r[c["index"]]), float(r[c["population"]])
        except ValueError:
            raise BadInput(f"{path}:{i}: index or population not a number (expected numbers)")
        if not pop > 0:
            raise BadInput(f"{path}:{i}: population {r[c['population']]} (expected a positive number)")
        points.append({"province": r[c["province"]], "index": index, "population": pop,
                       "reform": r[c["reform"]]})
    return points


def read_results(path, n_points):
    """results.csv: {point: {replication: [kpi values]}} and the KPI names."""
    try:
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
    except OSError as e:
        raise BadInput(f"{path}:0: cannot read ({e.strerror})")
    if not rows or rows[0][:2] != ["point", "replication"] or len(rows[0]) < 3:
        raise BadInput(f"{path}:1: not a sweep's results.csv (expected point,replication,KPI...)")
    kpis = rows[0][2:]
    data = {}
    for i, r in enumerate(rows[1:], start=2):
        try:
            p, rep = int(r[0]), int(r[1])
            vals = [float(x) for x in r[2:]]
        except (ValueError, IndexError):
            raise BadInput(f"{path}:{i}: a field is not a number (expected point,replication,KPI values)")
        if len(vals) != len(kpis) or not 0 <= p < n_points:
            raise BadInput(f"{path}:{i}: point {r[0]} or {len(vals)} values (expected a point "
                           f"below {n_points} and {len(kpis)} values: the design and the sweep differ)")
        data.setdefault(p, {})[rep] = vals
    reps = sorted(data.get(0, {}))
    for p in range(n_points):
        if sorted(data.get(p, {})) != reps or len(reps) < 2:
            raise BadInput(f"{path}:0: point {p} has replications {sorted(data.get(p, {}))} "
                           f"(expected the same 2 or more for all {n_points} points)")
    return data, kpis, reps


# ---------------------------------------------------------------- study
def layout(points):
    """Reforms in order, provinces in order, and point[(reform, province)]."""
    reforms, provinces, at = [], [], {}
    for i, p in enumerate(points):
        if p["reform"] not in reforms:
            reforms.append(p["reform"])
        if p["province"] not in [q["province"] for q in provinces]:
            provinces.append(p)
        at[(p["reform"], p["province"])] = i
    if "none" not in reforms:
        raise BadInput("design:0: no point with reform 'none' (expected the baseline of every province)")
    for r in reforms:
        for q in provinces:
            if (r, q["province"]) not in at:
                raise BadInput(f"design:0: no point for {q['province']} with {r} "
                               "(expected every province under every reform)")
    return reforms, provinces, at


def best_worst(provinces):
    """Highest and lowest index (ties: the first row), fixed before any result."""
    best = max(provinces, key=lambda q: (q["index"], -provinces.index(q)))
    worst = min(provinces, key=lambda q: (q["index"], provinces.index(q)))
    return best["province"], worst["province"]


def study(points, data, kpis, reps):
    """Every table's rows: per province, national distribution, gaps."""
    reforms, provinces, at = layout(points)
    best, worst = best_worst(provinces)
    pop = {q["province"]: q["population"] for q in provinces}
    total = sum(pop.values())
    per_prov, summary, gaps = [], [], []
    for k, kpi in enumerate(kpis):
        def series(reform, prov):
            return [data[at[(reform, prov)]][r][k] for r in reps]

        def national(reform):
            return [sum(pop[q["province"]] * data[at[(reform, q["province"])]][r][k]
                        for q in provinces) / total for r in reps]

        def gap(reform):
            return [w - b for w, b in zip(series(reform, worst), series(reform, best))]

        for reform in reforms:
            means = []
            for q in provinces:
                m, lo, hi = mean_ci(series(reform, q["province"]))
                means.append(m)
                per_prov.append([reform, q["province"], q["index"], int(q["population"]), kpi, m, lo, hi,
                                 len(reps)])
            weights = [pop[q["province"]] for q in provinces]
            nat = mean_ci(national(reform))
            d_nat = mean_ci([a - b for a, b in zip(national(reform), national("none"))])
            summary.append([kpi, reform, *nat, *d_nat,
                            *(weighted_quantile(means, weights, q) for q in (0.1, 0.5, 0.9)), len(reps)])
            g = mean_ci(gap(reform))
            dg = mean_ci([a - b for a, b in zip(gap(reform), gap("none"))])
            gaps.append([kpi, reform, best, worst, sum(series(reform, best)) / len(reps),
                         sum(series(reform, worst)) / len(reps), *g, *dg, len(reps)])
    return reforms, provinces, per_prov, summary, gaps


# ---------------------------------------------------------------- outputs
def fmt(x):
    return repr(x) if isinstance(x, float) else str(x)


def write_csv(path, header, rows):
    tmp = path + ".tmp"
    with open(tmp, "w", newline="", encoding="utf-8") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(fmt(x) for x in r) + "\n")
    os.replace(tmp, path)


def chart(out, kpis, reforms, per_prov, summary):
    """national.png: the first two KPIs against the index (CI bars) and as
    population-weighted distributions, one colour per reform."""
    shown = kpis[:2]
    png = os.path.join(out, "national.png")
    if os.path.exists(png):
        os.remove(png)  # an earlier run's chart must not pass for this one's
    dat = os.path.join(out, "national.dat")
    with open(dat, "w", encoding="utf-8") as f:
        for kpi in shown:
            for reform in reforms:
                rows = sorted((r for r in per_prov if r[4] == kpi and r[0] == reform), key=lambda r: r[2])
                f.write(f"# {kpi} {reform}: index mean ci_low ci_high\n")
                for r in rows:
                    f.write(f"{r[2]} {r[5]} {r[6]} {r[7]}\n")
                f.write("\n\n")
            for reform in reforms:
                rows = sorted((r for r in per_prov if r[4] == kpi and r[0] == reform), key=lambda r: r[5])
                total = sum(r[3] for r in rows)
                f.write(f"# {kpi} {reform}: mean cumulative_population_share\n")
                acc = 0
                for r in rows:
                    f.write(f"{r[5]} {acc / total}\n")
                    acc += r[3]
                    f.write(f"{r[5]} {acc / total}\n")
                f.write("\n\n")
    n = len(reforms)
    gp = [
        "# national.gp - the national study's chart, drawn from national.dat (analyse.py)",
        "# Re-draw: gnuplot national.gp (writes national.png)",
        "set terminal pngcairo size 1100,800 noenhanced font \"sans,10\" background rgb \"white\"",
        "set output \"national.png\"",
        "set encoding utf8",
        "set grid lc rgb \"#dddddd\"",
        "set key top right",
        f"set multiplot layout 2,{len(shown)} title \"31 provinces by online-service index "
        "(2019 data; stylised: Heilongjiang's network at each index, assumed mapping)\"",
    ]
    for j, kpi in enumerate(shown):
        base = j * 2 * n
        plots = ", ".join(f"\"national.dat\" index {base + i} using 1:2:3:4 with yerrorlines "
                          f"pt 7 ps 0.6 title \"{r}\"" for i, r in enumerate(reforms))
        gp += [f"set title \"{kpi}: province means, 95% CI\"", "set xlabel \"online-service capability index\"",
               f"set ylabel \"{kpi}{UNITS.get(kpi, '')}\"", "set yrange [0:*]", "set xrange [*:*]", f"plot {plots}"]
    for j, kpi in enumerate(shown):
        base = j * 2 * n + n
        plots = ", ".join(f"\"national.dat\" index {base + i} using 1:2 with lines lw 2 title \"{r}\""
                          for i, r in enumerate(reforms))
        gp += [f"set title \"{kpi}: share of the population in provinces at or below\"", "set key bottom right",
               f"set xlabel \"{kpi} (province mean)\"", "set ylabel \"population share\"",
               "set yrange [0:1]", "set xrange [0:*]", f"plot {plots}"]
    gp.append("unset multiplot")
    with open(os.path.join(out, "national.gp"), "w", encoding="utf-8") as f:
        f.write("\n".join(gp) + "\n")
    try:
        rc = subprocess.run(["gnuplot", "national.gp"], cwd=out, stderr=subprocess.PIPE).returncode
    except OSError:
        rc = -1
    if rc != 0 or not os.path.exists(png) or os.path.getsize(png) == 0:
        print(f"{png}: gnuplot failed; the tables are written", file=sys.stderr)
        return False
    return True


def print_tables(kpis, reforms, summary, gaps):
    for kpi in kpis:
        print(f"\n{kpi}")
        print(f"  {'reform':<18}{'national mean (95% CI)':>30}{'change vs none (95% CI)':>32}"
              f"{'P10':>9}{'median':>9}{'P90':>9}")
        for s in (s for s in summary if s[0] == kpi):
            print(f"  {s[1]:<18}{s[2]:>10.3f} [{s[3]:8.3f}, {s[4]:8.3f}]"
                  f"{s[5]:>+11.3f} [{s[6]:+8.3f}, {s[7]:+8.3f}]{s[8]:>9.3f}{s[9]:>9.3f}{s[10]:>9.3f}")
        g0 = next(g for g in gaps if g[0] == kpi)
        print(f"  gap {g0[3]} (lowest index) - {g0[2]} (highest index):")
        for g in (g for g in gaps if g[0] == kpi):
            print(f"  {g[1]:<18}{g[6]:>10.3f} [{g[7]:8.3f}, {g[8]:8.3f}]"
                  f"{g[9]:>+11.3f} [{g[10]:+8.3f}, {g[11]:+8.3f}]")


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    design = os.path.join(HERE, "design.csv")
    if "--design" in argv:
        i = argv.index("--design")
        if i + 1 >= len(argv):
            print("analyse.py: --design needs a file (expected --design DESIGN.csv)", file=sys.stderr)
            return 2
        design = argv[i + 1]
        args = [a for a in args if a != design]
    if len(args) != 1:
        print("usage: analyse.py OUT_DIR [--design DESIGN.csv] [--no-chart]", file=sys.stderr)
        return 2
    out = args[0]
    try:
        points = read_design(design)
        data, kpis, reps = read_results(os.path.join(out, "results.csv"), len(points))
        reforms, provinces, per_prov, summary, gaps = study(points, data, kpis, reps)
    except BadInput as e:
        print(e, file=sys.stderr)
        return 2
    ci = ["ci_low", "ci_high"]
    write_csv(os.path.join(out, "national.csv"),
              ["reform", "province", "index", "population", "kpi", "mean", *ci, "n"], per_prov)
    write_csv(os.path.join(out, "national_summary.csv"),
              ["kpi", "reform", "national_mean", "national_ci_low", "national_ci_high", "change",
               "change_ci_low", "change_ci_high", "p10", "p50", "p90", "n"], summary)
    write_csv(os.path.join(out, "national_gap.csv"),
              ["kpi", "reform", "best", "worst", "best_mean", "worst_mean", "gap", "gap_ci_low",
               "gap_ci_high", "gap_change", "gap_change_ci_low", "gap_change_ci_high", "n"], gaps)
    print_tables(kpis, reforms, summary, gaps)
    drawn = "--no-chart" in argv or chart(out, kpis, reforms, per_prov, summary)
    for name in ("national.csv", "national_summary.csv", "national_gap.csv", "national.png"):
        if os.path.exists(os.path.join(out, name)):
            print(os.path.join(out, name))
    return 0 if drawn else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
