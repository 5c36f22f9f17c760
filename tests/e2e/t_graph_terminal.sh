#!/bin/sh
# govsim graph prints scenario names on the terminal as every other
# command does (base/text.h, text_term_puts): C0 and C1 controls as
# '?', so a name cannot start an escape sequence.  U+009B (CSI on its
# own, bytes C2 9B) got through the command's former private printer.
# Usage: sh t_graph_terminal.sh GOVSIM TMPDIR (protocol: tests/e2e/run.sh).
govsim=$1
tmp=$2
pass=0
fail=0
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $*"; }

csi=$(printf '\302\233')
esc=$(printf '\033')
sed -e "s/name = \"Evil /name = \"Evil${csi}2J ${esc}[31m /" \
    -e "s/name = \"Tax /name = \"Tax${csi}1m /" \
    tests/scenarios/hostile_names.cfg >"$tmp/csi.cfg"
grep -q "$csi" "$tmp/csi.cfg" && ok || ko "the test scenario has no U+009B"
"$govsim" graph "$tmp/csi.cfg" -o "$tmp/out" >"$tmp/stdout" 2>"$tmp/err"
code=$?
[ $code -eq 0 ] && ok || ko "govsim graph exit $code: $(head -2 "$tmp/err")"
if grep -q "$csi" "$tmp/stdout" || grep -q "$esc" "$tmp/stdout"; then
    ko "a control character reached the terminal"
else ok; fi
# the title line and the island list show them as '?'
grep -q '^Department data network of Evil?2J ?\[31m ' "$tmp/stdout" && ok ||
    ko "title: $(grep '^Department data network' "$tmp/stdout")"
grep -q 'Tax?1m ' "$tmp/stdout" && ok || ko "islands: no 'Tax?1m'"
echo "$pass $fail"
