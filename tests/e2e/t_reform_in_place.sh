#!/bin/sh
# A reform the scenario already has (every setting it changes already has
# that value there: zhejiang.cfg has the data hub and parallel approval)
# buys nothing and must not be charged: `govsim compare` with the bundled
# reforms skips it, saying "already in place" in the terminal, the report
# and summary.json, and no variant (all reforms together included) counts
# its cost; named on the command line it runs, with a note; xuzhou, which
# has no hub, runs the hub reform.  `govsim plan` refusing such a reform
# is tests/plans/bad/14_reform_in_place.cfg.
# Usage: sh t_reform_in_place.sh GOVSIM TMPDIR (see run.sh)
govsim=$1
tmp=$2
. tests/e2e/lib.sh
"$govsim" compare scenarios/zhejiang.cfg --days 10 -r 2 -o "$tmp/z" --progress none \
    >"$tmp/z.out" 2>"$tmp/z.err" || ko "compare zhejiang failed: $(cat "$tmp/z.err")"
for r in data_hub parallel_approval; do
    grep -q "^  $r (scenarios/reforms/$r.cfg): already in place" "$tmp/z.out" && ok ||
        ko "the terminal does not say $r is already in place"
done
res=$(python3 - "$tmp/z/summary.json" "$tmp/z/differences.csv" <<'PY'
import csv, json, sys
d = json.load(open(sys.argv[1]))
bad = []
skipped = {k["reform"]: k["reason"] for k in d["skipped"]}
for r in ("data_hub", "parallel_approval"):
    if not skipped.get(r, "").startswith("already in place"):
        bad.append(f"summary.json: {r} not skipped as already in place ({skipped.get(r)})")
costs = {}
for v in d["variants"]:
    if set(v["reforms"]) & {"data_hub", "parallel_approval"}:
        bad.append(f"variant {v['variant']} includes a reform already in place")
    if len(v["reforms"]) == 1:
        costs[v["reforms"][0]] = v["reform_cost_per_year"]
alls = [v for v in d["variants"] if v["variant"] == "all_reforms"]
if len(alls) != 1:
    bad.append("no all_reforms variant")
else:
    a = alls[0]
    if sorted(a["reforms"]) != sorted(costs):
        bad.append(f"all_reforms has {a['reforms']}, the single variants {sorted(costs)}")
    if abs(a["reform_cost_per_year"] - sum(costs.values())) > 1e-6 * max(1, a["reform_cost_per_year"]):
        bad.append(f"all_reforms costs {a['reform_cost_per_year']}, its reforms {sum(costs.values())}")
for row in csv.DictReader(open(sys.argv[2], newline="")):
    if row["variant"] in ("data_hub", "parallel_approval"):
        bad.append(f"differences.csv has a row for {row['variant']}")
        break
print("; ".join(bad))
sys.exit(1 if bad else 0)
PY
) && ok || ko "$res"
grep -q "already in place" "$tmp/z/report.html" && ok || ko "report.html does not say already in place"
# named: runs, with a note
"$govsim" compare scenarios/zhejiang.cfg scenarios/reforms/data_hub.cfg --days 10 -r 2 \
    -o "$tmp/n" --progress none >"$tmp/n.out" 2>"$tmp/n.err" && ok ||
    ko "compare with a named reform already in place failed: $(cat "$tmp/n.err")"
grep -q "note: data_hub changes nothing in this scenario" "$tmp/n.err" && ok ||
    ko "no note for a named reform already in place: $(cat "$tmp/n.err")"
grep -q "^zhejiang,data_hub," "$tmp/n/differences.csv" && ok || ko "the named reform did not run"
# xuzhou has no hub: the hub reform runs there
"$govsim" compare scenarios/xuzhou.cfg --days 10 -r 2 -o "$tmp/x" --progress none \
    >"$tmp/x.out" 2>"$tmp/x.err" || ko "compare xuzhou failed: $(cat "$tmp/x.err")"
grep -q "): already in place" "$tmp/x.out" && ko "xuzhou: a reform said already in place" || ok
grep -q "^xuzhou,data_hub," "$tmp/x/differences.csv" && ok || ko "xuzhou: the hub reform did not run"
echo "$pass $fail"
