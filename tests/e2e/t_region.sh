#!/bin/sh
# Across regions and institutional levers (issue 16; docs/model.md):
# 1. a travel matrix of 30 minutes everywhere gives today's results byte
#    for byte (trips cost a flat 30 minutes without one);
# 2. migrants with far halls spend more time, proxy acceptance (the
#    bundled cross_region reform) gives them less time and longer cycles;
# 3. a law (legal_basis), promises (commitment) and proactive cases cut
#    trips; audits with revocation lose cases;
# each direction judged by the paired 95% CI of differences.csv, and every
# comparison's variants list exactly their reforms (check_compare.py).
# Usage: sh t_region.sh GOVSIM TMPDIR (see run.sh)
govsim=$1
tmp=$2
. tests/e2e/lib.sh
base=tests/e2e/data/region3.cfg
R=tests/e2e/data/reforms

# copies of the base scenario with blocks appended, in TMPDIR
flat=$tmp/flat.cfg
far=$tmp/far.cfg
inst=$tmp/inst.cfg
cp "$base" "$flat"
cat >>"$flat" <<'CFG'
travel = { minutes = ( [30.0, 30.0, 30.0], [30.0, 30.0, 30.0], [30.0, 30.0, 30.0] ); };
CFG
cp "$base" "$far"
cat >>"$far" <<'CFG'
travel = {
  minutes = ( [30.0, 240.0, 300.0], [240.0, 30.0, 200.0], [300.0, 200.0, 30.0] );
  cost = ( [20.0, 150.0, 180.0], [150.0, 20.0, 120.0], [180.0, 120.0, 20.0] );
  migrant_share = 0.3;
  proxy_at = ( ("a", "a_office"), ("b", "b_office"), ("c", "c_office") );
};
CFG
sed 's/mode = "api"; delay = "exp(5)"; }/mode = "api"; delay = "exp(5)"; legal_basis = false; }/' \
    "$base" >"$inst"
cat >>"$inst" <<'CFG'
commitment = { audit_share = 0.0; revocation = 0.0; revoked_lost = 0.0; };
CFG
grep -q 'legal_basis = false' "$inst" && ok || bad "region: the legal_basis edit of $base failed"

# 1. identity: the same files, byte for byte, apart from the scenario's path
"$govsim" run "$base" -r 3 -j 2 --quiet -o "$tmp/run_base" >/dev/null 2>"$tmp/err" &&
    "$govsim" run "$flat" -r 3 -j 2 --quiet -o "$tmp/run_flat" >/dev/null 2>>"$tmp/err" && ok ||
    bad "region: runs failed: $(head -n 2 "$tmp/err")"
same=0
for f in summary.csv replications.csv hourly.csv bottleneck.csv summary.json; do
    sed "s|$tmp/flat.cfg|$base|g" "$tmp/run_flat/$f" >"$tmp/norm"
    if [ -s "$tmp/run_base/$f" ] && cmp -s "$tmp/run_base/$f" "$tmp/norm"; then
        same=$((same + 1))
    else
        bad "region: $f differs with a travel matrix of 30 minutes everywhere"
        diff "$tmp/run_base/$f" "$tmp/norm" | head -n 4
    fi
done
[ "$same" -eq 5 ] && ok

# ci VARIANT KPI SIGN DIR: the paired difference of KPI (group all) in
# comparison DIR has a 95% CI wholly above 0 (SIGN +) or below 0 (SIGN -)
ci() {
    awk -F, -v v="$1" -v k="$2" -v s="$3" '
        $2 == v && $3 == "all" && $7 == k { found = 1
            if ((s == "+" && $12 > 0) || (s == "-" && $13 < 0)) good = 1
            printf "%s %s: difference %s, CI [%s, %s]\n", v, k, $11, $12, $13 }
        END { exit !(found && good) }' "$4/differences.csv" >"$tmp/ci" 2>&1
    if [ $? -eq 0 ]; then ok; else bad "region: expected $2 $3 for $1: $(cat "$tmp/ci")"; fi
}

# 2. across regions
"$govsim" compare "$far" scenarios/reforms/cross_region.cfg "$R/region_settled.cfg" -r 6 -j 2 \
    --quiet -o "$tmp/far" >/dev/null 2>"$tmp/err" && ok ||
    bad "region: compare (travel) failed: $(head -n 2 "$tmp/err")"
ci cross_region citizen_hours_per_case - "$tmp/far"
ci cross_region cycle_time + "$tmp/far"
ci cross_region citizen_cost - "$tmp/far"
ci region_settled citizen_hours_per_case - "$tmp/far"
ci region_settled citizen_cost - "$tmp/far"
python3 tests/e2e/check_compare.py "$tmp/far" scenarios/reforms/cross_region.cfg \
    "$R/region_settled.cfg" --skipped "" >"$tmp/chk" && ok || bad "region: $(cat "$tmp/chk")"

# 3. institutional levers
"$govsim" compare "$inst" "$R/region_law.cfg" "$R/region_promise.cfg" "$R/region_proactive.cfg" \
    -r 6 -j 2 --quiet -o "$tmp/inst" >/dev/null 2>"$tmp/err" && ok ||
    bad "region: compare (institutions) failed: $(head -n 2 "$tmp/err")"
ci region_law trips_per_case - "$tmp/inst"
ci region_promise trips_per_case - "$tmp/inst"
ci region_promise cases_lost_abandoning + "$tmp/inst"
ci region_proactive trips_per_case - "$tmp/inst"
ci region_proactive zero_trip_share + "$tmp/inst"
python3 tests/e2e/check_compare.py "$tmp/inst" "$R/region_law.cfg" "$R/region_promise.cfg" \
    "$R/region_proactive.cfg" --skipped "" >"$tmp/chk" && ok || bad "region: $(cat "$tmp/chk")"

echo "$pass $fail"
