#!/bin/sh
# The result files as a researcher reads them (issue 14): every
# summary.json (run's, compare's) valid against docs/summary.schema.json;
# every tidy CSV (summary.csv, replications.csv, differences.csv,
# sensitivity.csv) with one convention for "all" (a group column, empty
# cells for dimensions that do not apply) and one row per key, so a pivot
# works: with Python's csv and json always, pandas and R when installed
# (tests/e2e/check_tidy.py).  Also: compare's summary.json carries the
# baseline's values, which agree with its summary.csv.
# Usage: sh t_tidy_files.sh GOVSIM TMPDIR (see run.sh)
govsim=$1
tmp=$2
. tests/e2e/lib.sh
data=tests/e2e/data
R="-r 3 --progress none -q"

"$govsim" run "$data/twotown.cfg" $R -o "$tmp/run" >/dev/null 2>"$tmp/err" || ko "run: $(cat "$tmp/err")"
mkdir -p "$tmp/stdout"
"$govsim" run "$data/twotown.cfg" $R -o "$tmp/run_json" --format json >"$tmp/stdout/summary.json" 2>"$tmp/err" ||
    ko "run --format json: $(cat "$tmp/err")"
"$govsim" compare "$data/twotown.cfg" "$data/reforms/security.cfg" "$data/reforms/windows.cfg" \
    --combine windows,security $R -o "$tmp/cmp" >/dev/null 2>"$tmp/err" || ko "compare: $(cat "$tmp/err")"
"$govsim" compare tests/scenarios/good/minimal.cfg tests/reforms/double_staff.cfg $R -o "$tmp/cmp1" \
    >/dev/null 2>"$tmp/err" || ko "compare, one region: $(cat "$tmp/err")"
"$govsim" sweep tests/sweeps/small_grid.cfg -q -o "$tmp/grid" >/dev/null 2>"$tmp/err" || ko "sweep: $(cat "$tmp/err")"
"$govsim" sweep tests/sweeps/small_saltelli.cfg -q -o "$tmp/sobol" >/dev/null 2>"$tmp/err" || ko "sweep: $(cat "$tmp/err")"

if python3 tests/e2e/check_tidy.py docs/summary.schema.json "$tmp/run" "$tmp/stdout" "$tmp/cmp" \
    "$tmp/cmp1" "$tmp/grid" "$tmp/sobol" >"$tmp/check.out" 2>&1; then ok; else
    bad "tidy files: $(grep -v '^SKIP' "$tmp/check.out" | head -n 8)"
fi
grep '^SKIP' "$tmp/check.out" | sed 's/^/  /'
# pandas and R read every file when installed (make deps installs both;
# pandas may be the system Python's only, which check_tidy.py finds)
files=$(sed -n 's/^checked [0-9]* files, \([0-9]*\) tidy CSV.*/\1/p' "$tmp/check.out")
if command -v Rscript >/dev/null 2>&1; then
    if grep -q "reshaped with R: $files\$" "$tmp/check.out"; then ok; else
        bad "R is installed but did not read every tidy file: $(tail -n 1 "$tmp/check.out")"
    fi
fi
if ! grep -q '^SKIP: pandas' "$tmp/check.out"; then
    if grep -q "pivoted with pandas: $files;" "$tmp/check.out"; then ok; else
        bad "pandas is installed but did not read every tidy file: $(tail -n 1 "$tmp/check.out")"
    fi
fi

# the validator is not toothless: an "all" marker, a duplicate row and a
# summary.json without the baseline are each refused
mkdir -p "$tmp/old"
sed '2s/,all,,,,/,all,all,all,all,/' "$tmp/run/summary.csv" >"$tmp/old/summary.csv"
sed -n '1,2p;2p' "$tmp/run/replications.csv" >"$tmp/old/replications.csv"
python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); del d["baseline"]; json.dump(d, open(sys.argv[2], "w"))' \
    "$tmp/cmp/summary.json" "$tmp/old/summary.json"
python3 tests/e2e/check_tidy.py docs/summary.schema.json "$tmp/old" >"$tmp/old.out" 2>&1
if grep -q "summary.csv:2: service = 'all'" "$tmp/old.out" && grep -q "replications.csv:3: duplicate entry" "$tmp/old.out" &&
    grep -q "summary.json: .*'baseline' is missing" "$tmp/old.out"; then ok; else
    bad "check_tidy.py let old-style files through: $(head -n 5 "$tmp/old.out")"
fi
# ... and so are pandas and R, where they ran: the duplicate row breaks their pivots
if ! grep -q '^SKIP: pandas' "$tmp/check.out"; then
    if grep -q "replications.csv: pandas pivot: .*duplicate" "$tmp/old.out"; then ok; else
        bad "pandas pivoted a file with a duplicate row: $(grep pandas "$tmp/old.out" | head -n 3)"
    fi
fi
if command -v Rscript >/dev/null 2>&1; then
    if grep -q "replications.csv: R reshape: " "$tmp/old.out"; then ok; else
        bad "R reshaped a file with a duplicate row: $(grep 'R ' "$tmp/old.out" | head -n 3)"
    fi
fi

# compare's summary.json: the baseline's values, the same as its summary.csv
if python3 - "$tmp/cmp" <<'PY'
import csv, json, math, sys
d = sys.argv[1]
j = json.load(open(d + "/summary.json"))
rows = {r["kpi"]: r for r in csv.DictReader(open(d + "/summary.csv", newline=""))
        if r["variant"] == "baseline" and r["group"] == "all"}
ok = len(j["baseline"]) >= 6 and "government_cost" in j["baseline"]
for kpi, v in j["baseline"].items():
    r = rows[kpi]
    ok &= math.isclose(v["mean"], float(r["mean"]), rel_tol=1e-12)
    ok &= math.isclose(v["ci_low"], float(r["ci_low"]), rel_tol=1e-12)
for var in j["variants"]:
    for kpi, diff in var["differences"].items():
        ok &= math.isclose(diff["baseline_mean"], j["baseline"][kpi]["mean"], rel_tol=1e-12)
        ok &= math.isclose(diff["variant_mean"] - diff["baseline_mean"], diff["mean"],
                           rel_tol=1e-9, abs_tol=1e-12)
sys.exit(0 if ok else 1)
PY
then ok; else bad "compare summary.json: the baseline's values are missing or disagree with summary.csv"; fi

# the sweep's wide file has its own name
if [ -s "$tmp/grid/summary_wide.csv" ] && [ ! -e "$tmp/grid/summary.csv" ]; then ok; else
    bad "sweep: summary_wide.csv missing, or a summary.csv written"
fi

echo "$pass $fail"
