#!/bin/sh
# The province's network a person can read (issue 14): `govsim graph` on a
# scenario with several regions also draws one picture per city (names
# without the city), one of the flows between cities, and index.html with
# them all; a single city gets none of these.  The subtitle never says
# "1 information island" (which reads as a problem and means the
# opposite).
# Usage: sh t_graph_cities.sh GOVSIM TMPDIR (see run.sh)
govsim=$1
tmp=$2
. tests/e2e/lib.sh

"$govsim" graph scenarios/heilongjiang.cfg -o "$tmp/hlj" >"$tmp/hlj.out" 2>"$tmp/hlj.err"
rc=$?
missing=""
for city in harbin qiqihar daqing mudanjiang jiamusi suihua cities; do
    for ext in png gp dat; do
        [ -s "$tmp/hlj/network_$city.$ext" ] || missing="$missing network_$city.$ext"
    done
done
if [ $rc -eq 0 ] && [ -z "$missing" ] &&
    [ "$(grep -o '<img ' "$tmp/hlj/index.html" | wc -l)" -eq 8 ]; then ok; else
    bad "graph heilongjiang: exit $rc, missing:$missing $(head -n 1 "$tmp/hlj.err")"
fi
# inside a city's picture the names go without the city
if grep -q '"Taxation Bureau"' "$tmp/hlj/network_harbin.gp" &&
    ! grep -q 'Taxation Bureau (Harbin)' "$tmp/hlj/network_harbin.gp"; then ok; else
    bad "network_harbin.gp: department names should drop ' (Harbin)'"
fi
"$govsim" graph scenarios/zhejiang.cfg -o "$tmp/zj" >/dev/null 2>&1
if [ -s "$tmp/zj/network.png" ] && [ ! -e "$tmp/zj/network_cities.png" ] &&
    ! grep -q '1 information island' "$tmp/zj/network.gp"; then ok; else
    bad "graph zhejiang: one region, no per-city pictures; no '1 information island'"
fi
echo "$pass $fail"
