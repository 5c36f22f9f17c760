#!/bin/sh
# Researchers' glue (issue 14): --set PATH=VALUE on run, compare and sweep
# (applied before any reform; errors name --set and the path, exit 2,
# nothing written); run --reform FILE (repeatable, in order); sweep -r,
# --days, --seed; a sweep's points from a CSV file (--design, or
# design = { file = ...; } in the sweep file).
# Usage: sh t_set_reform_design.sh GOVSIM TMPDIR (see run.sh)
govsim=$1
tmp=$2
. tests/e2e/lib.sh
scn=tests/scenarios/good/minimal.cfg
R="-r 3 --days 20 --progress none"

# the summary.csv of a run without its variant column (to compare runs
# that differ only in how the same scenario was reached)
numbers() { cut -d, -f1,3- "$1"; }
kpi_mean() { # FILE KPI: the mean of KPI for all cases
    awk -F, -v k="$2" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
        $c["kpi"] == k && $c["service"] ~ /^(all)?$/ && $c["department"] ~ /^(all)?$/ &&
        $c["region"] ~ /^(all)?$/ { print $c["mean"]; exit }' "$1"
}

# 1. --set is a reform's set: the same numbers as a reform file doing it
"$govsim" run "$scn" $R -o "$tmp/a" --set 'departments.*.staff=4' >/dev/null 2>"$tmp/err" || ko "run --set: $(cat "$tmp/err")"
"$govsim" run "$scn" $R -o "$tmp/b" --reform tests/reforms/double_staff.cfg >/dev/null 2>"$tmp/err" || ko "run --reform: $(cat "$tmp/err")"
"$govsim" run "$scn" $R -o "$tmp/base" >/dev/null 2>&1
if [ -s "$tmp/a/summary.csv" ] && [ "$(numbers "$tmp/a/summary.csv")" = "$(numbers "$tmp/b/summary.csv")" ]; then ok; else
    bad "run --set staff=4 and --reform double_staff (2 x 2) differ"
fi
if ! cmp -s "$tmp/a/summary.csv" "$tmp/base/summary.csv"; then ok; else bad "run --set changed nothing"; fi
json() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }
if grep -q '^minimal,double_staff,' "$tmp/b/summary.csv" && [ "$(json "$tmp/b/summary.json" reforms)" = "['double_staff']" ] &&
    [ "$(json "$tmp/a/summary.json" set)" = "['departments.*.staff=4']" ]; then ok; else
    bad "run --reform/--set: variant column or summary.json do not say what was applied"
fi

# 2. order: --set first, then the reforms in the order given
#    staff 1 -> (set 1) -> x2 -> +3 = 5;  +3 then x2 = 8
"$govsim" run "$scn" $R -o "$tmp/c" --set 'departments.*.staff=5' >/dev/null 2>&1
"$govsim" run "$scn" $R -o "$tmp/d" --set 'departments.*.staff=1' \
    --reform tests/reforms/double_staff.cfg --reform tests/reforms/add3.cfg >/dev/null 2>&1
"$govsim" run "$scn" $R -o "$tmp/e" --set 'departments.*.staff=8' >/dev/null 2>&1
"$govsim" run "$scn" $R -o "$tmp/f" --reform tests/reforms/add3.cfg \
    --reform tests/reforms/double_staff.cfg --set 'departments.*.staff=1' >/dev/null 2>&1
if [ "$(numbers "$tmp/c/summary.csv")" = "$(numbers "$tmp/d/summary.csv")" ] &&
    [ "$(numbers "$tmp/e/summary.csv")" = "$(numbers "$tmp/f/summary.csv")" ] &&
    grep -q '^minimal,double_staff+add3,' "$tmp/d/summary.csv"; then ok; else
    bad "run: --set then the reforms in order (1 x 2 + 3 = 5; (1 + 3) x 2 = 8) does not hold"
fi

# 3. values: numbers, text, quoted text, true/false; the loader's checks apply
"$govsim" run "$scn" $R -o "$tmp/g" --set 'services[id=permit].per_day=40' >/dev/null 2>&1
a=$(kpi_mean "$tmp/base/summary.csv" arrival_rate)
g=$(kpi_mean "$tmp/g/summary.csv" arrival_rate)
if awk -v a="$a" -v g="$g" 'BEGIN { exit !(a > 0 && g > 2.5 * a) }'; then ok; else
    bad "--set per_day=40 (from 10): arrival rate $a -> $g"
fi
"$govsim" run "$scn" $R -o "$tmp/h" --set 'scenario.name=Renamed by set' --format json >"$tmp/out" 2>&1
if grep -q '"name": "Renamed by set"' "$tmp/h/summary.json"; then ok; else bad "--set with unquoted text: $(head -c 200 "$tmp/out")"; fi

# 4. errors: exit 2, one line naming --set and the path, nothing written
expect_set_error() { # WHAT PATTERN ARGS...
    what=$1 pattern=$2
    shift 2
    rm -rf "$tmp/x"
    "$govsim" "$@" -o "$tmp/x" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ "$rc" -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq "${lines:-1}" ] && grep -q -- "$pattern" "$tmp/err" &&
        [ ! -e "$tmp/x" ]; then ok; else
        bad "$what: exit $rc, stderr: $(cat "$tmp/err") (expected '$pattern', nothing written)"
    fi
}
expect_set_error "run --set, no match" "^--set 'departments\[id=nope\].staff=2': departments\[id=nope\].staff: .*matches nothing" \
    run "$scn" $R --set 'departments[id=nope].staff=2'
expect_set_error "run --set, wrong type" "^--set 'departments.\*.windows=many': departments.\*.windows: .*text" \
    run "$scn" $R --set 'departments.*.windows=many'
expect_set_error "run --set, a list" "^--set 'departments.\*.staff=\[1, 2\]': departments.\*.staff: a list where a value belongs" \
    run "$scn" $R --set 'departments.*.staff=[1, 2]'
expect_set_error "run --set, the loader refuses" "staff.*(after --set 'departments.\*.staff=-3')" \
    run "$scn" $R --set 'departments.*.staff=-3'
lines=2 expect_set_error "run --set without =" "^govsim run: --set 'staff': expected PATH=VALUE" \
    run "$scn" $R --set staff
expect_set_error "compare --set" "^--set 'departments\[id=nope\].staff=2'" \
    compare "$scn" tests/reforms/double_staff.cfg $R --set 'departments[id=nope].staff=2'
expect_set_error "sweep --set" "^--set 'departments\[id=nope\].staff=2'" \
    sweep tests/sweeps/small_grid.cfg --progress none --set 'departments[id=nope].staff=2'
expect_set_error "run --reform, missing file" "nope.cfg" run "$scn" $R --reform "$tmp/nope.cfg"

# 5. compare --set changes the baseline and every variant
"$govsim" compare "$scn" tests/reforms/double_staff.cfg $R -o "$tmp/c1" >/dev/null 2>&1
"$govsim" compare "$scn" tests/reforms/double_staff.cfg $R -o "$tmp/c2" \
    --set 'services[id=permit].per_day=40' >/dev/null 2>&1
a=$(kpi_mean "$tmp/c1/summary.csv" arrival_rate)
g=$(kpi_mean "$tmp/c2/summary.csv" arrival_rate)
if awk -v a="$a" -v g="$g" 'BEGIN { exit !(a > 0 && g > 2.5 * a) }'; then ok; else
    bad "compare --set per_day=40: baseline arrival rate $a -> $g"
fi

# 6. sweep -r, --days, --seed
"$govsim" sweep tests/sweeps/small_grid.cfg -q -o "$tmp/s1" -r 4 --days 10 --seed 99 >/dev/null 2>"$tmp/err"
reps=$(awk -F, 'NR > 1 && $1 == 0' "$tmp/s1/results.csv" | wc -l)
if [ "$reps" -eq 4 ]; then ok; else bad "sweep -r 4: $reps replications of point 0 ($(cat "$tmp/err"))"; fi
"$govsim" sweep tests/sweeps/small_grid.cfg -q -o "$tmp/s2" -r 4 --days 10 --seed 98 >/dev/null 2>&1
"$govsim" sweep tests/sweeps/small_grid.cfg -q -o "$tmp/s3" -r 4 --days 10 --seed 99 >/dev/null 2>&1
if cmp -s "$tmp/s1/results.csv" "$tmp/s3/results.csv" && ! cmp -s "$tmp/s1/results.csv" "$tmp/s2/results.csv"; then ok; else
    bad "sweep --seed: the same seed must give the same results, another seed others"
fi
"$govsim" sweep tests/sweeps/small_grid.cfg -q -o "$tmp/s4" -r 4 --days 40 --seed 99 >/dev/null 2>&1
if ! cmp -s "$tmp/s1/results.csv" "$tmp/s4/results.csv"; then ok; else bad "sweep --days changed nothing"; fi

# 7. a design from a CSV file: the sweep runs exactly its points
cat >"$tmp/points.csv" <<EOF
"",windows,staff,scenario,policy,model
0,1,1.0,0,None,govsim
1,2,1.5,1,None,govsim
2,1,2.0000000000000004,2,None,govsim
3,2,1.25,3,None,govsim
EOF
"$govsim" sweep tests/sweeps/small_grid.cfg -q -o "$tmp/d1" --design "$tmp/points.csv" >/dev/null 2>"$tmp/err"
printf 'point,staff,windows\n0,1,1\n1,1.5,2\n2,2,1\n3,1.25,2\n' >"$tmp/want.csv"
if cmp -s "$tmp/d1/design.csv" "$tmp/want.csv"; then ok; else
    bad "sweep --design: design.csv is not the file's points: $(cat "$tmp/d1/design.csv") $(cat "$tmp/err")"
fi
# the same points from a grid sweep: the same results for the same points
"$govsim" sweep tests/sweeps/small_grid.cfg -q -o "$tmp/g1" >/dev/null 2>&1
p_grid=$(awk -F, '$2 == 2 && $3 == 1' "$tmp/g1/design.csv" | cut -d, -f1)
p_file=$(awk -F, '$2 == 2 && $3 == 1' "$tmp/d1/design.csv" | cut -d, -f1)
rows() { awk -F, -v p="$2" 'NR > 1 && $1 == p' "$1" | cut -d, -f2-; }
if [ -n "$p_grid" ] && [ "$(rows "$tmp/g1/results.csv" "$p_grid")" = "$(rows "$tmp/d1/results.csv" "$p_file")" ]; then ok; else
    bad "sweep --design: point (staff 2, windows 1) differs from the grid's"
fi
# design = { file = ...; } in the sweep file, relative to it
sed -e 's|design = "grid";|design = { file = "points.csv"; };|' \
    -e "s|\"../scenarios/good/minimal.cfg\"|\"$PWD/tests/scenarios/good/minimal.cfg\"|" \
    tests/sweeps/small_grid.cfg >"$tmp/from_file.cfg"
"$govsim" sweep "$tmp/from_file.cfg" -q -o "$tmp/d2" >/dev/null 2>"$tmp/err"
if cmp -s "$tmp/d2/design.csv" "$tmp/want.csv"; then ok; else bad "design = { file = ...; }: $(cat "$tmp/err")"; fi

# 8. a bad design file: one line, FILE:LINE, column, exit 2, nothing written
bad_design() { # WHAT PATTERN CONTENT
    printf "$3" >"$tmp/bad.csv"
    rm -rf "$tmp/x"
    "$govsim" sweep tests/sweeps/small_grid.cfg --design "$tmp/bad.csv" -o "$tmp/x" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ "$rc" -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q -- "$2" "$tmp/err" && [ ! -e "$tmp/x" ]; then ok; else
        bad "design file, $1: exit $rc: $(cat "$tmp/err") (expected '$2')"
    fi
}
bad_design "no column" "bad.csv:1: no column 'windows'" 'staff,window\n1,1\n'
bad_design "out of range" "bad.csv:3: column 'staff': '2.5' is outside the range (expected a number from 1 to 2" 'staff,windows\n1,1\n2.5,1\n'
bad_design "just past the end" "bad.csv:2: column 'staff': '2.00001' is outside the range" 'staff,windows\n2.00001,1\n'
bad_design "not a number" "bad.csv:2: column 'staff': 'x' is not a number" 'staff,windows\nx,1\n'
bad_design "not a level" "bad.csv:2: column 'windows': '3' is not one of the factor's 2 levels" 'staff,windows\n1,3\n'
bad_design "short row" "bad.csv:3: 1 fields (expected 2" 'staff,windows\n1,1\n1\n'
bad_design "no points" "bad.csv: no points" 'staff,windows\n'
bad_design "twice" "column 'staff': given twice" 'staff,windows,staff\n1,1,1\n'
bad_design "open quote" 'bad.csv:2: a quote is never closed' 'staff,windows\n"1,1\n'
rm -rf "$tmp/x"
"$govsim" sweep tests/sweeps/small_grid.cfg --design "$tmp" -o "$tmp/x" >/dev/null 2>"$tmp/err"
if [ $? -eq 2 ] && grep -q "not a regular file" "$tmp/err"; then ok; else bad "--design a folder: $(cat "$tmp/err")"; fi

echo "$pass $fail"
