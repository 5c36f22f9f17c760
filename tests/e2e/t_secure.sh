#!/bin/sh
# Breaches and platform capacity through the command line
# (tests/scenarios/secure_city.cfg): the same numbers at -j 1 and -j 2
# with breaches, timeouts and retries on (the platform's and the hub's);
# the new settings at their
# defaults (no breach, unlimited servers) leave a scenario's results
# byte-identical; security 2 against 1 in `compare` halves the expected
# breach cost in government_cost.
# Usage: sh t_secure.sh GOVSIM TMPDIR (protocol: tests/e2e/run.sh).
govsim=$1
tmp=$2
. tests/e2e/lib.sh
scn=tests/scenarios/secure_city.cfg
set1="platform.timeout_seconds=20"
set2="platform.on_timeout=retry"
set3="levers.data_hub=true"

for j in 1 2; do
    "$govsim" run "$scn" -r 3 -j $j --days 10 --set "$set1" --set "$set2" --set "$set3" --quiet \
        -o "$tmp/j$j" >/dev/null 2>"$tmp/err" || ko "run -j $j: $(head -2 "$tmp/err")"
done
cmp -s "$tmp/j1/replications.csv" "$tmp/j2/replications.csv" && ok ||
    ko "breaches and platform: -j 1 and -j 2 differ"

# mean of a KPI of all cases, by column name
kpi() {
    awk -F, -v k="$2" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        $col["group"] == "all" && $col["kpi"] == k { print $col["mean"] }' "$1/summary.csv"
}
for k in platform_timeouts hub_timeouts; do
    t=$(kpi "$tmp/j2" $k)
    awk -v t="$t" 'BEGIN { exit !(t > 0 && t < 1) }' && ok ||
        ko "$k '$t' with a 20 s timeout, expected some"
done

# the settings at their defaults: results as without them
data=tests/e2e/data/twotown.cfg
cp "$data" "$tmp/plain.cfg"
{ cat "$data"; printf 'breaches = ();\nplatform = { servers = 0; };\n'; } >"$tmp/defaults.cfg"
for v in plain defaults; do
    "$govsim" run "$tmp/$v.cfg" -r 2 -j 2 --quiet -o "$tmp/$v" >/dev/null 2>"$tmp/err" ||
        ko "run $v: $(head -2 "$tmp/err")"
done
cmp -s "$tmp/plain/summary.csv" "$tmp/defaults/summary.csv" && ok ||
    ko "breaches = () and servers = 0 changed the results"
[ "$(kpi "$tmp/plain" breaches)" = "0" ] && ok || ko "no breach process: breaches '$(kpi "$tmp/plain" breaches)'"

# compare: security 2 saves half the expected breach cost (36 x 1e6 + 36 x 5e5) / 2
"$govsim" compare "$scn" tests/e2e/data/reforms/security.cfg -r 2 -j 2 --days 10 --quiet \
    -o "$tmp/cmp" >/dev/null 2>"$tmp/err" || ko "compare: $(head -2 "$tmp/err")"
gc() {
    awk -F, -v v="$1" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        $col["variant"] == v && $col["group"] == "all" && $col["kpi"] == "government_cost" {
            print $col["mean"] }' "$tmp/cmp/summary.csv"
}
b=$(gc baseline)
s=$(gc security)
awk -v b="$b" -v s="$s" 'BEGIN { d = b - s - 27e6; exit !(d * d < 1) }' && ok ||
    ko "government_cost baseline '$b', security '$s': expected 27,000,000 less"
echo "$pass $fail"
