#!/bin/sh
# Loader and engine bounds (issue 9, item 6): inputs that used to give
# silently wrong numbers, hang, or exhaust memory.  Protocol: see run.sh.
govsim=$1
tmp=$2
. tests/e2e/lib.sh
dir=tests/e2e/loaders


# kpi FILE SERVICE REGION KPI: the mean of one row of `run --format csv`.
kpi() {
    awk -F, -v s="$2" -v r="$3" -v k="$4" \
        'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
         $c["service"] == s && $c["region"] == r && $c["department"] == "" && $c["kpi"] == k {
             print $c["mean"] }' "$1"
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
rate=$(kpi "$tmp/tiny.csv" "" "" arrival_rate)
if [ "$rate" = "0" ]; then ok; else bad "tiny per_day: arrival_rate '$rate', expected 0"; fi

"$govsim" run "$dir/tiny_share.cfg" --format csv -o "$tmp/o" --quiet >"$tmp/share.csv" 2>"$tmp/err"
rate_b=$(kpi "$tmp/share.csv" "" b arrival_rate)
rate_all=$(kpi "$tmp/share.csv" "" "" arrival_rate)
if [ "$rate_b" = "0" ]; then ok; else bad "tiny region_share: region b arrival_rate '$rate_b', expected 0"; fi
# 10 a working day = 7.14 a calendar day; the bug tripled it
if awk -v r="$rate_all" 'BEGIN { exit !(r > 5 && r < 9.5) }'; then ok
else bad "tiny region_share: total arrival_rate '$rate_all', expected about 7.1"; fi

# ---- @include: relative to the including file, regular files only, and
# the same checks for an included value as for one written in place
inc=$dir/inc
root=$(pwd)
case $govsim in /*) abs=$govsim ;; *) abs=$root/$govsim ;; esac
(cd "$tmp" && "$abs" check "$root/$inc/main.cfg" >"$tmp/out" 2>"$tmp/err")
if [ $? -eq 0 ]; then ok; else bad "@include from another folder: $(head -c 300 "$tmp/err")"; fi
refuses "@include: 32-bit wrap in an included file" \
    "$inc/parts/wrapped_costs.cfg:2: costs.staff_year: 5000000000 does not fit in 32 bits" \
    "$govsim" check "$inc/wrapped.cfg"
refuses "@include: range check in an included file" \
    "$inc/parts/bad_staff.cfg:2: departments[0].staff: -3 is out of range" \
    "$govsim" check "$inc/range.cfg"
refuses "@include: lines after an include keep their numbers" \
    "$inc/after.cfg:8: services[0].steps[0].at: unknown department 'nowhere'" \
    "$govsim" check "$inc/after.cfg"
refuses "@include: a syntax error names the included file" \
    "$inc/parts/syntax_part.cfg:3: syntax error" "$govsim" check "$inc/syntax.cfg"
refuses "@include cycle" "$inc/cycle.cfg:1: @include \"cycle.cfg\": nested more than" \
    "$govsim" check "$inc/cycle.cfg"
refuses "@include of a folder" "$inc/folder.cfg:2: @include \"$inc/parts\": not a regular file (a folder" \
    "$govsim" check "$inc/folder.cfg"
refuses "@include of /dev/stdin" "$inc/stdin.cfg:2: @include \"/dev/stdin\": not a regular file" \
    "$govsim" check "$inc/stdin.cfg"
mkfifo "$tmp/fifo"
sed 's|@include ".*"|@include "fifo"|' "$inc/stdin.cfg" >"$tmp/fifo_inc.cfg"
refuses "@include of a FIFO" "$tmp/fifo_inc.cfg:2: @include \"$tmp/fifo\": not a regular file (a pipe" \
    "$govsim" check "$tmp/fifo_inc.cfg"
refuses "scenario that is a FIFO" "$tmp/fifo: not a regular file (a pipe" \
    "$govsim" check "$tmp/fifo"

# ---- sizes that libconfig's scanner takes quadratic time over
base=tests/scenarios/good/minimal.cfg
{ cat "$base"; printf 'x = "'; head -c 100000 /dev/zero | tr '\0' a; printf '";\n'; } >"$tmp/long_string.cfg"
refuses "a 100 KB line" "$tmp/long_string.cfg:11: a line of 100008 bytes (expected at most 65536 bytes per line)" \
    "$govsim" check "$tmp/long_string.cfg"
{ cat "$base"; printf 'x = "'; for i in $(seq 1 200); do head -c 500 /dev/zero | tr '\0' a; echo; done; printf '";\n'; } >"$tmp/multi_string.cfg"
refuses "a 100 KB text over many lines" "$tmp/multi_string.cfg:11: a text of more than 65536 bytes" \
    "$govsim" check "$tmp/multi_string.cfg"
{ cat "$base"; for i in $(seq 1 80); do printf '#'; head -c 60000 /dev/zero | tr '\0' c; echo; done; } >"$tmp/big.cfg"
refuses "a 4.8 MB file" "$tmp/big.cfg: larger than 4 MB (expected at most 4 MB)" \
    "$govsim" check "$tmp/big.cfg"
{ head -c 40 "$base"; printf '\000'; tail -c +41 "$base"; } >"$tmp/nul.cfg"
refuses "a NUL byte" "$tmp/nul.cfg:1: a NUL byte (expected text)" "$govsim" check "$tmp/nul.cfg"

# ---- empirical(...): regular files of bounded size, text only
# emp NAME FILE: a copy of minimal.cfg in $tmp whose work is empirical(FILE)
emp() {
    sed "s|work = \"exp(30)\"|work = \"empirical($2)\"|" "$base" >"$tmp/$1.cfg"
}
emp emp_zero /dev/zero
refuses "empirical(/dev/zero)" "empirical(/dev/zero): /dev/zero: not a regular file (a device" \
    "$govsim" check "$tmp/emp_zero.cfg"
emp emp_fifo fifo
refuses "empirical(a FIFO)" "$tmp/fifo: not a regular file (a pipe" "$govsim" check "$tmp/emp_fifo.cfg"
emp emp_dir .
refuses "empirical(a folder)" "not a regular file (a folder" "$govsim" check "$tmp/emp_dir.cfg"
printf 'minutes\n12\n1\0000\n' >"$tmp/nul.csv"
emp emp_nul nul.csv
refuses "empirical: NUL byte" "$tmp/nul.csv:3: a NUL byte (expected text)" "$govsim" check "$tmp/emp_nul.cfg"
printf 'minutes\n12\n\033]0;pwned\007\033[2J\n' >"$tmp/esc.csv"
emp emp_esc esc.csv
refuses "empirical: control bytes escaped" "$tmp/esc.csv:3: '\\x1b]0;pwned\\x07\\x1b[2J' is not a number" \
    "$govsim" check "$tmp/emp_esc.cfg"
if grep -q "$(printf '\033')" "$tmp/err"; then bad "empirical: raw ESC in the message"; else ok; fi

# ---- 40,000 departments: the duplicate-id check was quadratic (86 s)
awk 'BEGIN {
    print "scenario = { id = \"big\"; name = \"Big\"; };"
    print "calendar = { hours = [\"09:00-17:00\"]; workdays = [1, 2, 3, 4, 5]; };"
    print "regions = ( { id = \"city\"; } );"
    print "departments = ("
    for (i = 0; i < 40000; i++) printf "{ id = \"d%d\"; staff = 2; windows = 1; },\n", i
    print "{ id = \"d17\"; staff = 2; windows = 1; } );"
    print "services = ( { id = \"permit\"; per_day = 10; online_share = 0; limit_days = 5;"
    print "  steps = ( { id = \"handle\"; at = \"d39999\"; work = \"exp(30)\"; } ); } );"
}' >"$tmp/many.cfg"
refuses "40,000 departments, a duplicate at the end" \
    "$tmp/many.cfg:40005: departments[40000].id: duplicate department id 'd17' (expected each id once; first defined at line 22)" \
    "$govsim" check "$tmp/many.cfg"

# ---- terminal controls in names never reach the terminal raw
esc=$(printf '\033')
csi=$(printf '\302\233')
for cmd in "check $dir/escapes.cfg" "run $dir/escapes.cfg -o $tmp/esc_run" \
           "compare $dir/escapes.cfg -o $tmp/esc_cmp --quiet"; do
    # shellcheck disable=SC2086
    "$govsim" $cmd >"$tmp/out" 2>"$tmp/err"
    code=$?
    if [ "$code" -ne 0 ]; then bad "$cmd: exit $code: $(head -c 300 "$tmp/err")"
    elif grep -q "$esc\|$csi\|$(printf '\007')" "$tmp/out" "$tmp/err"; then
        bad "$cmd: a control character on the terminal"
    else ok; fi
done

echo "$pass $fail"
