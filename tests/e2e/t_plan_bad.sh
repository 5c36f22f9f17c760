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
echo "$pass $fail"
