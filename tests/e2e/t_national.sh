#!/bin/sh
# The national study (issue 16, "China as a whole"; docs/national.md), on a
# reduced run (3 replications of 20 days; the documented run is 10 x 180):
# - design.csv is what make_design.py writes from provinces.csv, and every
#   province row says where its index comes from;
# - the sweep runs: 93 points, and analyse.py gives 31 rows per reform and KPI;
# - the gap and the national mean are computed from the rows (recomputed
#   here from the sweep's own summary_wide.csv and the design);
# - common random numbers: provinces with the same index give the same
#   numbers, and data_hub changes nothing where the hub is already in place;
# - both reforms shrink the best-worst gap in trips and cycle time (paired
#   95% CI below zero);
# - bad input to analyse.py: one line naming the file, exit 2, nothing written.
# Usage: sh t_national.sh GOVSIM TMPDIR (see run.sh)
. tests/e2e/lib.sh
govsim=$1
tmp=$2
dir=scenarios/sweeps/national
out=$tmp/out
run="-r 3 --days 20"
[ -n "$GOVSIM_SKIP_SLOW" ] && run="-r 3 --days 8" # sanitizer builds are slower

# 1. the design is up to date and every index has a source
python3 "$dir/make_design.py" --check 2>"$tmp/err" && ok || ko "make_design.py --check: $(cat "$tmp/err")"
rows=$(grep -v '^#' "$dir/provinces.csv" | awk -F, 'NR > 1 && $6 ~ /^(calibration\.md|secondary|assumption)/' | wc -l)
[ "$rows" -eq 31 ] && ok || ko "provinces.csv: $rows of 31 rows say where their index comes from"

# 2. the sweep and the analysis run
"$govsim" sweep scenarios/sweeps/national.cfg $run -j 2 -o "$out" --quiet >/dev/null 2>"$tmp/err" ||
    ko "sweep: $(cat "$tmp/err")"
points=$(($(wc -l <"$out/summary_wide.csv") - 1))
[ "$points" -eq 93 ] && ok || ko "summary_wide.csv: $points points, expected 93 (31 provinces x 3 reforms)"
python3 "$dir/analyse.py" "$out" >"$tmp/report" 2>"$tmp/err" || ko "analyse.py: $(cat "$tmp/err")"
for f in national.csv national_summary.csv national_gap.csv national.png; do
    [ -s "$out/$f" ] && ok || ko "analyse.py did not write $f"
done
counts=$(awk -F, 'NR > 1 { n[$1 "/" $5]++ } END { for (k in n) print n[k] }' "$out/national.csv" | sort -u)
groups=$(awk -F, 'NR > 1 { n[$1 "/" $5]++ } END { print length(n) }' "$out/national.csv")
[ "$counts" = 31 ] && [ "$groups" -eq 12 ] && ok ||
    ko "national.csv: rows per reform and KPI '$counts' in $groups groups (expected 31 in 3 x 4)"

# 3. the gap from the rows: best = highest index, worst = lowest (first row
#    on ties), their means read from summary_wide.csv by the design's order
awk -F, 'FNR == 1 { f++ }
    f == 1 && FNR == 1 { for (i = 1; i <= NF; i++) d[$i] = i; next }
    f == 1 { p = FNR - 2; prov[p] = $d["province"]; ref[p] = $d["reform"]; idx[p] = $d["index"] + 0;
             pop[p] = $d["population"]; np = p + 1; next }
    f == 2 && FNR == 1 { for (i = 1; i <= NF; i++) w[$i] = i; nk = 0
             for (i = 2; i <= NF; i++) if ($i !~ /_ci_/ && $i != "n") kpi[nk++] = $i; next }
    f == 2 { for (k = 0; k < nk; k++) m[$1, kpi[k]] = $w[kpi[k]]; next }
    f == 3 && FNR == 1 { for (i = 1; i <= NF; i++) g[$i] = i; next }
    f == 3 { best = ""; worst = ""
             for (p = 0; p < np; p++) if (ref[p] == $g["reform"]) {
                 if (best == "" || idx[p] > idx[best]) best = p
                 if (worst == "" || idx[p] < idx[worst]) worst = p }
             want = m[worst, $g["kpi"]] - m[best, $g["kpi"]]
             if (prov[best] != $g["best"] || prov[worst] != $g["worst"])
                 print "best/worst " $g["best"] "/" $g["worst"] " for " $g["kpi"] " " $g["reform"] ", expected " prov[best] "/" prov[worst]
             if ((want - $g["gap"]) ^ 2 > 1e-18 * (1 + want ^ 2))
                 print "gap " $g["gap"] " for " $g["kpi"] " " $g["reform"] ", the rows give " want
             seen++ }
    f == 4 && FNR == 1 { for (i = 1; i <= NF; i++) s[$i] = i; next }
    f == 4 { tot = 0; sum = 0
             for (p = 0; p < np; p++) if (ref[p] == $s["reform"]) { tot += pop[p]; sum += pop[p] * m[p, $s["kpi"]] }
             if ((sum / tot - $s["national_mean"]) ^ 2 > 1e-18 * (1 + $s["national_mean"] ^ 2))
                 print "national mean " $s["national_mean"] " for " $s["kpi"] " " $s["reform"] ", the rows give " sum / tot
             seen++ }
    END { if (seen != 24) print "read " seen " gap and summary rows, expected 24" }' \
    "$dir/design.csv" "$out/summary_wide.csv" "$out/national_gap.csv" "$out/national_summary.csv" >"$tmp/gap"
[ -s "$tmp/gap" ] && ko "gap and national mean from the rows: $(head -n 3 "$tmp/gap")" || ok

# 4. common random numbers: same index -> same numbers (zhejiang and
#    guangdong, jiangsu and guizhou); where the hub is in place (index >= 90)
#    the data_hub reform changes nothing, and elsewhere it does
same() { # same A B: the two provinces' rows under "none" (KPI, mean, CI) are identical
    a=$(awk -F, -v p="$1" '$1 == "none" && $2 == p { print $5, $6, $7, $8 }' "$out/national.csv")
    [ -n "$a" ] && [ "$a" = "$(awk -F, -v p="$2" '$1 == "none" && $2 == p { print $5, $6, $7, $8 }' "$out/national.csv")" ]
}
same zhejiang guangdong && same jiangsu guizhou && ok || ko "provinces with the same index differ (common random numbers broken?)"
hub=$(awk -F, 'NR > 1 { v[$1, $2, $5] = $6; i[$2] = $3 }
    END { for (k in v) { split(k, a, SUBSEP); if (a[1] != "data_hub") continue
          d = v[k] != v["none", a[2], a[3]]
          if (i[a[2]] >= 90 && d) print "changed " a[2]; if (i[a[2]] < 90 && !d) print "unchanged " a[2] } }' \
    "$out/national.csv" | sort -u | head -n 3)
[ -z "$hub" ] && ok || ko "data_hub where the hub is in place (index >= 90) or not: $hub"

# 5. both reforms shrink the best-worst gap in trips and cycle time
shrink=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    ($c["kpi"] == "trips_per_case" || $c["kpi"] == "cycle_time") && $c["reform"] != "none" {
        n++; if (!($c["gap"] > 0 && $c["gap_change_ci_high"] < 0)) print $c["kpi"] " " $c["reform"] " " $c["gap_change"] }
    END { if (n != 4) print "found " n " rows, expected 4" }' "$out/national_gap.csv")
[ -z "$shrink" ] && ok || ko "gap does not shrink (paired CI): $shrink"

# 6. bad input: one line naming the file, exit 2, nothing written
mkdir -p "$tmp/empty"
python3 "$dir/analyse.py" "$tmp/empty" >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q "$tmp/empty/results.csv:" "$tmp/err" &&
    [ -z "$(ls "$tmp/empty")" ] && ok || ko "analyse.py, no results.csv: exit $rc, '$(cat "$tmp/err")'"
head -n 40 "$dir/design.csv" >"$tmp/short.csv"
mkdir -p "$tmp/short" && cp "$out/results.csv" "$tmp/short/"
python3 "$dir/analyse.py" "$tmp/short" --design "$tmp/short.csv" >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q "results.csv:[0-9]*: point" "$tmp/err" &&
    [ ! -e "$tmp/short/national.csv" ] && ok || ko "analyse.py, design shorter than the sweep: exit $rc, '$(cat "$tmp/err")'"

echo "$pass $fail"
