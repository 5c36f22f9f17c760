#!/bin/sh
# Invariants of `govsim compare` on small fixed-seed scenarios
# (tests/e2e/data), checked by check_compare.py against the reform files:
# each variant lists exactly its reforms, once; its costs are the
# baseline's plus its reforms'; a reform skipped in the all-reforms mode is
# reported (table, report, summary.json) and leaves the next variant alone;
# a variant's numbers do not depend on the other variants; the empty
# reform changes nothing, exactly.
# Usage: sh t_compare_invariants.sh GOVSIM TMPDIR (see run.sh)
govsim=$1
tmp=$2
. tests/e2e/lib.sh
data=tests/e2e/data
check="python3 tests/e2e/check_compare.py"


# run_ok NAME ARGS...: govsim ARGS exits 0 (output in $tmp/NAME.out/.err)
run_ok() {
    name=$1
    shift
    "$govsim" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
    rc=$?
    if [ "$rc" -eq 0 ]; then
        ok
    else
        bad "$name: govsim $* exited $rc"
        sed 's/^/  stderr: /' "$tmp/$name.err" | head -5
    fi
}

# folder NAME FILE:AS...: a scenario folder $tmp/NAME with twotown.cfg and
# a reforms/ folder holding each reform FILE (of $data/reforms) under name AS
folder() {
    name=$1
    shift
    mkdir -p "$tmp/$name/reforms"
    cp "$data/twotown.cfg" "$tmp/$name/"
    for pair in "$@"; do
        cp "$data/reforms/${pair%%:*}" "$tmp/$name/reforms/${pair#*:}"
    done
}

# 1. The skipped reform sorts last: no crash (it used to be applied again,
# after being freed, to all_reforms), and it is reported.
folder last security.cfg:security.cfg windows.cfg:windows.cfg nowhere.cfg:zz_nowhere.cfg
run_ok last compare "$tmp/last/twotown.cfg" -o "$tmp/last/out" --quiet
if $check "$tmp/last/out" "$tmp"/last/reforms/*.cfg --skipped nowhere; then ok; else bad "last: invariants"; fi

# 2. The skipped reform sorts first: the next variant is built from its
# own reform only (it used to get ['security', 'security'] and the skipped
# reform's costs).
folder first nowhere.cfg:a_nowhere.cfg security.cfg:security.cfg windows.cfg:windows.cfg
run_ok first compare "$tmp/first/twotown.cfg" -o "$tmp/first/out" --progress none
if $check "$tmp/first/out" "$tmp"/first/reforms/*.cfg --skipped nowhere; then ok; else bad "first: invariants"; fi
# ... its numbers are those of security run alone (same row in differences.csv)
run_ok alone compare "$tmp/first/twotown.cfg" "$data/reforms/security.cfg" -o "$tmp/alone" --quiet
grep '^twotown,security,' "$tmp/first/out/differences.csv" >"$tmp/first.rows"
grep '^twotown,security,' "$tmp/alone/differences.csv" >"$tmp/alone.rows"
if [ -s "$tmp/first.rows" ] && cmp -s "$tmp/first.rows" "$tmp/alone.rows"; then ok; else
    bad "first: security after a skipped reform differs from security alone"
fi

# 3. The skip is said where results are read, in one short line each.
if grep -q '^Skipped' "$tmp/first.out" && grep -q '^  nowhere (.*a_nowhere.cfg:4): ' "$tmp/first.out"; then ok; else
    bad "first: the table does not report the skipped reform"
fi
line=$(grep 'nowhere' "$tmp/first.out" | head -n 1)
if [ "${#line}" -le 200 ]; then ok; else bad "first: skip line ${#line} characters: $line"; fi
if grep -q 'nowhere' "$tmp/first/out/report.html" && grep -qi 'skipped' "$tmp/first/out/report.html"; then ok; else
    bad "first: report.html does not report the skipped reform"
fi
if [ "$(grep -c 'nowhere' "$tmp/first.err")" -eq 1 ]; then ok; else bad "first: expected one note on stderr"; fi

# 4. Named reforms, the empty one and a combination.
run_ok named compare "$data/twotown.cfg" "$data/reforms/security.cfg" "$data/reforms/windows.cfg" \
    "$data/reforms/staff_north.cfg" tests/reforms/empty.cfg --combine windows,staff_north \
    -o "$tmp/named" --quiet
if $check "$tmp/named" "$data/reforms/security.cfg" "$data/reforms/windows.cfg" \
    "$data/reforms/staff_north.cfg" tests/reforms/empty.cfg --skipped "" --empty empty; then ok; else
    bad "named: invariants"
fi

# 5. A variant's numbers do not depend on the others: compare A B,
# compare B A and compare A give A the same rows (differences and summary).
run_ok ab compare "$data/twotown.cfg" "$data/reforms/security.cfg" "$data/reforms/windows.cfg" -o "$tmp/ab" --quiet
run_ok ba compare "$data/twotown.cfg" "$data/reforms/windows.cfg" "$data/reforms/security.cfg" -o "$tmp/ba" --quiet
run_ok a compare "$data/twotown.cfg" "$data/reforms/security.cfg" -o "$tmp/a" --quiet
for f in differences.csv summary.csv; do
    for run in ab ba a named; do grep '^twotown,security,' "$tmp/$run/$f" >"$tmp/$run.$f"; done
    if [ -s "$tmp/a.$f" ] && cmp -s "$tmp/a.$f" "$tmp/ab.$f" && cmp -s "$tmp/a.$f" "$tmp/ba.$f" &&
        cmp -s "$tmp/a.$f" "$tmp/named.$f"; then ok; else
        bad "security's rows of $f depend on the other variants or their order"
    fi
done
grep '^twotown,windows,' "$tmp/ab/differences.csv" >"$tmp/ab.w"
grep '^twotown,windows,' "$tmp/ba/differences.csv" >"$tmp/ba.w"
if [ -s "$tmp/ab.w" ] && cmp -s "$tmp/ab.w" "$tmp/ba.w"; then ok; else bad "windows' rows depend on the order"; fi
for run in ab ba a; do
    case $run in ab | ba) files="$data/reforms/security.cfg $data/reforms/windows.cfg" ;;
    *) files="$data/reforms/security.cfg" ;; esac
    # shellcheck disable=SC2086
    if $check "$tmp/$run" $files --skipped ""; then ok; else bad "$run: invariants"; fi
done

# 6. A long --combine variant (four reforms with 44-character ids and
# names: its name, the names joined by " + ", 188 characters) reaches
# report.html whole: the ranking table used to cut it at 159 bytes.  (The
# report shows names; the ids are in the CSV and JSON files.)
mkdir -p "$tmp/long"
label=""
files=""
whole=""
for k in 1 2 3 4; do
    id="reform_with_a_rather_long_identifier_number_$k"
    name="A reform with a rather long name, number $k"
    printf 'reform = { id = "%s"; name = "%s"; cost_per_year = %s000; };\nchanges = ( { path = "departments.*.staff"; add = %s; } );\n' \
        "$id" "$name" "$k" "$k" >"$tmp/long/$k.cfg"
    label="$label${label:+,}$id"
    whole="$whole${whole:+ + }$name"
    files="$files $tmp/long/$k.cfg"
done
# shellcheck disable=SC2086
run_ok long compare "$data/twotown.cfg" $files --combine "$label" -o "$tmp/long/out" --quiet
if [ "$(grep -c -F "<td>$whole</td>" "$tmp/long/out/report.html")" -ge 2 ]; then ok; else
    bad "long: report.html does not show the ${#whole}-character label whole in both tables"
fi
# shellcheck disable=SC2086
if $check "$tmp/long/out" $files --skipped ""; then ok; else bad "long: invariants"; fi

echo "$pass $fail"
