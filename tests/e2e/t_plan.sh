# govsim plan on the tiny plans of tests/plans (issue 12):
# - one reform that helps, unlimited budget: it is chosen;
# - one reform that hurts: "no reform" is chosen;
# - only one portfolio meets the constraints: it is chosen;
# - a budget: no simulated portfolio exceeds it, every one marked
#   over_budget does, and the chosen one is within it;
# - the same numbers at -j 1 and -j 2; every file written.
. tests/e2e/lib.sh
govsim=$1
tmp=$2

chosen() { # chosen DIR: the portfolio whose status is "chosen"
    awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "status") s = i; next }
             $s == "chosen" { print $1 }' "$1/portfolios.csv"
}

"$govsim" plan tests/plans/helps.cfg -o "$tmp/helps" --quiet >/dev/null 2>"$tmp/err" || ko "helps: $(cat "$tmp/err")"
[ "$(chosen "$tmp/helps")" = "add_window@1" ] && ok || ko "helps: chose '$(chosen "$tmp/helps")', expected add_window@1"

"$govsim" plan tests/plans/hurts.cfg -o "$tmp/hurts" --quiet >/dev/null 2>"$tmp/err" || ko "hurts: $(cat "$tmp/err")"
[ "$(chosen "$tmp/hurts")" = "no_reform" ] && ok || ko "hurts: chose '$(chosen "$tmp/hurts")', expected no_reform"

# only one portfolio meets the constraint: chosen, with a finite objective
"$govsim" plan tests/plans/one_feasible.cfg -o "$tmp/one" --quiet >/dev/null 2>"$tmp/err" || ko "one_feasible: $(cat "$tmp/err")"
obj=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
               $c["status"] == "chosen" { print $1 " " $c["objective_mean"] }' "$tmp/one/portfolios.csv")
case "$obj" in
"add_window@1 "[0-9]*) ok ;;
*) ko "one_feasible: chosen and objective '$obj', expected add_window@1 with a number" ;;
esac

for j in 1 2; do
    "$govsim" plan tests/plans/budget.cfg -j $j -o "$tmp/budget$j" --quiet >/dev/null 2>"$tmp/err" || ko "budget -j $j: $(cat "$tmp/err")"
done
for f in portfolios.csv years.csv plan.html cost_benefit.png years.png cost_benefit.gp years.dat; do
    [ -s "$tmp/budget1/$f" ] && ok || ko "budget: $f missing"
done
cmp -s "$tmp/budget1/portfolios.csv" "$tmp/budget2/portfolios.csv" && cmp -s "$tmp/budget1/years.csv" "$tmp/budget2/years.csv" &&
    ok || ko "budget: -j 1 and -j 2 differ"
# budget.cfg: one_off 1.05e5, per_year 6e4, npv 3e5
awk -F, -v one=1.05e5 -v year=6e4 -v npv=3e5 '
    NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    { over = $col["one_off_cost"] > one || $col["cost_per_year"] > year || $col["npv_cost"] > npv
      st = $col["status"]; n++
      if (st == "over_budget" && !over) { print "FAIL: " $1 " marked over budget but fits"; bad++ }
      if (st != "over_budget" && over) { print "FAIL: " $1 " simulated (" st ") but over budget"; bad++ }
      if (st == "over_budget") nover++ }
    END { if (nover == 0) { print "FAIL: no portfolio over budget: the test proves nothing"; bad++ }
          exit bad > 0 }' "$tmp/budget1/portfolios.csv" && ok || ko "budget: limits not respected"
# the report names the procedure and escapes nothing wrongly
grep -q "Kim" "$tmp/budget1/plan.html" && ok || ko "plan.html does not cite the procedure"
echo "$pass $fail"
