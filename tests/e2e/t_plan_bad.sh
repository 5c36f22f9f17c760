# Bad plans (tests/plans/bad/*.cfg, each starting "# expect: <text>"):
# `govsim plan FILE` exits 2 with one line on stderr that starts with the
# plan file and contains the expected text, and writes nothing.
. tests/e2e/lib.sh
govsim=$1
tmp=$2
for file in tests/plans/bad/*.cfg; do
    expect=$(sed -n '1s/^# expect: //p' "$file")
    "$govsim" plan "$file" -o "$tmp/out" --quiet >"$tmp/stdout" 2>"$tmp/err"
    code=$?
    if [ "$code" -ne 2 ]; then ko "$file: exit $code, expected 2"
    elif [ "$(wc -l <"$tmp/err")" -ne 1 ]; then ko "$file: stderr has $(wc -l <"$tmp/err") lines"
    elif [ "$(head -c ${#file} "$tmp/err")" != "$file" ]; then ko "$file: message does not start with the file: $(cat "$tmp/err")"
    elif ! grep -qF -- "$expect" "$tmp/err"; then ko "$file: message lacks '$expect': $(cat "$tmp/err")"
    elif [ -e "$tmp/out" ]; then ko "$file: wrote $tmp/out"
    else ok
    fi
done
# a plan's file names are resolved against its folder whole: the plan's
# own name and each name in it are limited to half the buffer they are
# joined in, so the longest of both reaches the reader uncut
deep="$tmp/$(printf 'd%.0s' $(seq 250))/$(printf 'e%.0s' $(seq 200))"
mkdir -p "$deep"
long=$(printf 'x%.0s' $(seq 500))
printf 'plan = { id = "deep"; scenario = "%s.cfg"; objective = "citizen_hours_saved"; delta = 100.0; };\nreforms = ( { file = "r.cfg"; } );\n' "$long" >"$deep/p.cfg"
"$govsim" plan "$deep/p.cfg" -o "$tmp/deep_out" --quiet >"$tmp/stdout" 2>"$tmp/err"
code=$?
if [ "$code" -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -qF "$deep/$long.cfg: cannot read" "$tmp/err" &&
    [ ! -e "$tmp/deep_out" ]; then ok
else ko "plan: long resolved path: exit $code: $(head -c 300 "$tmp/err")"; fi
echo "$pass $fail"
