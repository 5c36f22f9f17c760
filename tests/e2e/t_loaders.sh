#!/bin/sh
# Loader and engine bounds (issue 9, item 6): inputs that used to give
# silently wrong numbers, hang, or exhaust memory.  Protocol: see run.sh.
govsim=$1
tmp=$2
dir=tests/e2e/loaders
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# kpi FILE SERVICE REGION KPI: the mean of one row of `run --format csv`.
kpi() {
    awk -F, -v s="$2" -v r="$3" -v k="$4" \
        '$3 == s && $4 == r && $5 == "all" && $6 == k { print $8 }' "$1"
}

# refuses NAME EXPECT CMD...: CMD exits 2 with one stderr line holding
# EXPECT, within 20 seconds.
refuses() {
    name=$1
    expect=$2
    shift 2
    timeout 20 "$@" >"$tmp/out" 2>"$tmp/err"
    code=$?
    if [ "$code" -ne 2 ]; then
        bad "$name: exit $code, expected 2: $(head -c 300 "$tmp/err")"
    elif [ "$(wc -l <"$tmp/err")" -ne 1 ]; then
        bad "$name: $(wc -l <"$tmp/err") lines on stderr, expected 1"
    elif ! grep -qF -- "$expect" "$tmp/err"; then
        bad "$name: message lacks '$expect': $(head -c 300 "$tmp/err")"
    else
        ok
    fi
}

# ---- vanishing demand: no arrivals, not 10-17 a day (wcal overflow)
"$govsim" run "$dir/tiny_rate.cfg" --format csv -o "$tmp/o" --quiet >"$tmp/tiny.csv" 2>"$tmp/err"
rate=$(kpi "$tmp/tiny.csv" all all arrival_rate)
if [ "$rate" = "0" ]; then ok; else bad "tiny per_day: arrival_rate '$rate', expected 0"; fi

"$govsim" run "$dir/tiny_share.cfg" --format csv -o "$tmp/o" --quiet >"$tmp/share.csv" 2>"$tmp/err"
rate_b=$(kpi "$tmp/share.csv" all b arrival_rate)
rate_all=$(kpi "$tmp/share.csv" all all arrival_rate)
if [ "$rate_b" = "0" ]; then ok; else bad "tiny region_share: region b arrival_rate '$rate_b', expected 0"; fi
# 10 a working day = 7.14 a calendar day; the bug tripled it
if awk -v r="$rate_all" 'BEGIN { exit !(r > 5 && r < 9.5) }'; then ok
else bad "tiny region_share: total arrival_rate '$rate_all', expected about 7.1"; fi

echo "$pass $fail"
