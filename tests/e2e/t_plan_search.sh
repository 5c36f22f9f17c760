# govsim plan above max_portfolios (tests/plans/search.cfg: 36 portfolios,
# max_portfolios 20, finalists 4; issue 12): the plan is searched, not
# refused; stderr and plan.html say the guarantee covers the finalists
# only; the chosen portfolio fits the budget; at most 4 finalists, the
# rest "searched"; at most max_portfolios + 1 simulated or costed;
# -j 1 equals -j 2.
. tests/e2e/lib.sh
govsim=$1
tmp=$2
plan=tests/plans/search.cfg
for j in 1 2; do
    "$govsim" plan "$plan" -j $j -o "$tmp/s$j" --quiet >/dev/null 2>"$tmp/err$j" || ko "search -j $j: $(cat "$tmp/err$j")"
done
grep -q "too many to enumerate" "$tmp/err1" && grep -q "finalists only" "$tmp/err1" &&
    ok || ko "stderr does not say the plan is searched: $(cat "$tmp/err1")"
grep -q "finalists only" "$tmp/s1/plan.html" && ok || ko "plan.html does not say the guarantee covers the finalists only"
cmp -s "$tmp/s1/portfolios.csv" "$tmp/s2/portfolios.csv" && cmp -s "$tmp/s1/years.csv" "$tmp/s2/years.csv" &&
    ok || ko "search: -j 1 and -j 2 differ"
# search.cfg: budget one_off 1.05e5, per_year 6e4, npv 3e5; finalists 4; max_portfolios 20
awk -F, -v one=1.05e5 -v year=6e4 -v npv=3e5 -v k=4 -v cap=20 '
    NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    { over = $col["one_off_cost"] > one || $col["cost_per_year"] > year || $col["npv_cost"] > npv
      st = $col["status"]; n++
      if (st == "chosen") { chosen++; if (over) { print "FAIL: chosen " $1 " is over budget"; bad++ } }
      if (st == "searched") searched++
      else if (st != "over_budget") finalists++
      if (st != "over_budget" && over) { print "FAIL: " $1 " simulated but over budget"; bad++ } }
    END { if (chosen != 1) { print "FAIL: " chosen + 0 " chosen"; bad++ }
          if (searched == 0) { print "FAIL: no portfolio marked searched"; bad++ }
          if (finalists > k) { print "FAIL: " finalists " finalists, more than " k; bad++ }
          if (n > cap + 1) { print "FAIL: " n " portfolios, more than max_portfolios + 1"; bad++ }
          exit bad > 0 }' "$tmp/s1/portfolios.csv" && ok || ko "search: portfolios.csv wrong"
echo "$pass $fail"
