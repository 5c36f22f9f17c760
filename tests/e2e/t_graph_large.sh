#!/bin/sh
# govsim graph on a large network: 2,000 departments took 32 s (n^2 label
# nudging and Kamada-Kawai); the picture of a network above
# OUT_GRAPH_NAMES_MAX and NET_LAYOUT_KK_MAX (300) departments now uses a layout linear in its
# size and draws no names (they are in network.dot and network.graphml).
# Usage: sh t_graph_large.sh GOVSIM TMPDIR (protocol: tests/e2e/run.sh).
govsim=$1
tmp=$2
. tests/e2e/lib.sh
limit=20
[ -n "$GOVSIM_SKIP_SLOW" ] && limit=120 # sanitizer builds are slower

# N departments in a tree of data links (each linked from an earlier one,
# api or manual), a service at every other department needing another's
# data item.
scenario() {
    awk -v n="$1" 'BEGIN {
        srand(7)
        print "scenario = { id = \"big" n "\"; name = \"Big " n "\"; };"
        print "calendar = { hours = [\"09:00-17:00\"]; workdays = [1, 2, 3, 4, 5]; };"
        print "regions = ( { id = \"city\"; } );"
        printf "departments = (\n"
        for (i = 0; i < n; i++)
            printf "  { id = \"d%d\"; name = \"Department number %d\"; staff = 2; windows = 1; }%s\n", i, i, i < n - 1 ? "," : ""
        printf ");\ndata = { items = (\n"
        for (i = 0; i < n; i++)
            printf "  { id = \"it%d\"; owner = \"d%d\"; }%s\n", i, i, i < n - 1 ? "," : ""
        printf "  );\n  links = (\n"
        for (i = 1; i < n; i++)
            printf "  { from = \"d%d\"; to = \"d%d\"; mode = \"%s\"; delay = \"exp(30)\"; }%s\n", int(rand() * i), i, rand() < 0.5 ? "api" : "manual", i < n - 1 ? "," : ""
        printf "  ); };\nservices = (\n"
        for (i = 1; i < n; i += 2)
            printf "  { id = \"s%d\"; per_day = 1; online_share = 0; limit_days = 5; steps = ( { id = \"a\"; at = \"d%d\"; work = \"exp(30)\"; needs = [\"it%d\"]; } ); }%s\n", i, i, int(rand() * n), i + 2 < n ? "," : ""
        print ");"
    }'
}

scenario 2000 >"$tmp/big.cfg"
start=$(date +%s)
timeout $limit "$govsim" graph "$tmp/big.cfg" -o "$tmp/a" >/dev/null 2>"$tmp/err"
code=$?
took=$(($(date +%s) - start))
if [ $code -eq 0 ]; then ok
else ko "graph of 2,000 departments: exit $code after ${took} s (limit $limit s): $(head -2 "$tmp/err")"; fi
if grep -q "2000 departments: too many to name here" "$tmp/a/network.gp" 2>/dev/null &&
    ! grep -q "Department number 17" "$tmp/a/network.gp"; then ok
else ko "the large picture should name no department and say where the names are"; fi
# the same scenario gives the same picture (igraph's random numbers seeded)
timeout $limit "$govsim" graph "$tmp/big.cfg" -o "$tmp/b" >/dev/null 2>&1
cmp -s "$tmp/a/network.dat" "$tmp/b/network.dat" && ok || ko "two runs gave two layouts"

# at the limit and below, every department is named, as before
scenario 300 >"$tmp/small.cfg"
timeout $limit "$govsim" graph "$tmp/small.cfg" -o "$tmp/c" >/dev/null 2>"$tmp/err"
code=$?
named=$(grep -c '^set label .* "Department' "$tmp/c/network.gp" 2>/dev/null)
if [ $code -eq 0 ] && [ "$named" -eq 300 ]; then ok
else ko "300 departments: exit $code, $named names in the picture (expected 300)"; fi

echo "$pass $fail"
