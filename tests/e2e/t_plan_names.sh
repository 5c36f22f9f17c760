# Names, not ids, where people read (issue 14): govsim plan's terminal
# summary and plan.html show each portfolio by its reforms' names with the
# start year in words ("Central data-sharing hub (from year 1) + ..."),
# "no reform" for the empty one; portfolios.csv keeps the ids.  In
# Chinese (--lang zh) the reforms' name_zh.  The names come from the
# reform files, so the test reads them there (no name hard-coded).
# Usage: sh t_plan_names.sh GOVSIM TMPDIR (see run.sh)
. tests/e2e/lib.sh
govsim=$1
tmp=$2
plan=tests/plans/names.cfg
field() { # field FILE KEY: the first `KEY = "..."` of a reform file
    sed -n "s/^ *$2 = \"\\(.*\\)\";.*/\\1/p" "$1" | head -n 1
}
hub=$(field scenarios/reforms/data_hub.cfg name)
talent=$(field scenarios/reforms/talent_investment.cfg name)
hub_zh=$(field scenarios/reforms/data_hub.cfg name_zh)
[ -n "$hub" ] && [ -n "$talent" ] && [ -n "$hub_zh" ] && ok || ko "names not found in the reform files"

"$govsim" plan "$plan" -o "$tmp/en" --progress=none >"$tmp/out" 2>"$tmp/err" || ko "plan: $(cat "$tmp/err")"
# 1. terminal: names with the start year in words, no id@year
grep -q "Chosen: .*(from year [12])" "$tmp/out" && ok || ko "terminal: chosen not by name: $(grep Chosen "$tmp/out")"
grep -qF "$hub (from year" "$tmp/out" && grep -qF "$talent (from year" "$tmp/out" && ok ||
    ko "terminal: reform names missing: $(sed -n '/Chosen/,/Replications/p' "$tmp/out")"
grep -qE "(data_hub|talent_investment)@[0-9]|no_reform" "$tmp/out" &&
    ko "terminal: ids shown: $(grep -E '@[0-9]|no_reform' "$tmp/out")" || ok
# long portfolios wrap before " + ", no runner-up line wider than 120 columns, no trailing blanks
sed -n '/^Runners-up/,/^$/p' "$tmp/out" | awk 'length($0) > 120 { bad = 1 } END { exit bad }' && ok ||
    ko "terminal: a runners-up line over 120 columns"
sed -n '/^Runners-up/,/^$/p' "$tmp/out" | grep -q ' $' && ko "terminal: trailing blanks in the runners-up" || ok

# 2. plan.html: names, no id@year, "no reform" not "no_reform"
html=$tmp/en/plan.html
grep -qF "$hub (from year" "$html" && grep -qF "$talent (from year" "$html" && ok ||
    ko "plan.html: reform names missing"
grep -qE "(data_hub|talent_investment)@[0-9]|no_reform|reform@start" "$html" &&
    ko "plan.html: ids shown: $(grep -oE '.{40}(@[0-9]|no_reform|reform@start).{20}' "$html" | head -3)" || ok
# the chart's labels (gnuplot script): names too
grep -qE "(data_hub|talent_investment)@[0-9]" "$tmp/en/cost_benefit.gp" &&
    ko "cost_benefit chart: ids as labels" || ok

# no number in e-notation where people read it (the fixture's delta is 1e9)
# (the embedded pictures' base64 taken out first)
sed -E 's/data:[^"]*"/"/g' "$html" >"$tmp/text.html"
grep -qE "[0-9]e[+-][0-9]" "$tmp/text.html" &&
    ko "plan.html: e-notation: $(grep -oE '.{30}[0-9]e[+-][0-9].{10}' "$tmp/text.html" | head -2)" || ok

# nor in the terminal summary (its delta, objectives and costs)
grep -qE "[0-9]e[+-][0-9]" "$tmp/out" &&
    ko "terminal: e-notation: $(grep -E '[0-9]e[+-][0-9]' "$tmp/out" | head -2)" || ok

# 3. files for programs keep the ids
grep -qE "^(data_hub|talent_investment)@[0-9]" "$tmp/en/portfolios.csv" && grep -q "^no_reform," "$tmp/en/portfolios.csv" &&
    ok || ko "portfolios.csv: ids lost: $(head -3 "$tmp/en/portfolios.csv")"

# 4. Chinese: the reforms' name_zh
"$govsim" plan "$plan" -o "$tmp/zh" --lang zh --progress=none >"$tmp/out" 2>"$tmp/err" || ko "plan --lang zh: $(cat "$tmp/err")"
grep -qF "$hub_zh" "$tmp/out" && grep -qF "$hub_zh" "$tmp/zh/plan.html" && ok ||
    ko "--lang zh: '$hub_zh' missing: $(grep -A2 '^\(Chosen\|选\)' "$tmp/out" | head -3)"
echo "$pass $fail"
