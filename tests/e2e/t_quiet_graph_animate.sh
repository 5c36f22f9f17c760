# --quiet on graph and animate (issue 14), as on run, compare, sweep and
# plan: stdout holds only the paths written, one a line, each an existing
# file, and every file in the fresh output folder is listed; nothing on
# stderr.  Without --quiet the tables are still printed.
# Usage: sh t_quiet_graph_animate.sh GOVSIM TMPDIR (see run.sh)
. tests/e2e/lib.sh
govsim=$1
tmp=$2

# check_quiet WHAT DIR: $tmp/out lists exactly the files of DIR, $tmp/err empty
check_quiet() {
    missing=0
    while read -r path; do [ -f "$path" ] || missing=$((missing + 1)); done <"$tmp/out"
    listed=$(sort -u "$tmp/out" | wc -l)
    files=$(find "$2" -type f ! -name '.*' | wc -l)
    if [ "$missing" -eq 0 ] && [ "$listed" -eq "$files" ] && [ "$files" -gt 0 ] && [ ! -s "$tmp/err" ]; then ok; else
        ko "$1 --quiet: $listed paths for $files files, $missing not files, stderr: $(head -c 200 "$tmp/err"); stdout: $(head -c 300 "$tmp/out")"
    fi
}

# graph: a province (several cities: the cities' pictures and index.html too)
"$govsim" graph scenarios/heilongjiang.cfg -o "$tmp/g" --quiet >"$tmp/out" 2>"$tmp/err" || ko "graph --quiet: exit $?"
check_quiet graph "$tmp/g"
grep -qx "$tmp/g/index.html" "$tmp/out" && grep -qx "$tmp/g/network.png" "$tmp/out" && ok ||
    ko "graph --quiet: index.html or network.png not listed"
# the short form, and a city (one region: no city pictures)
"$govsim" graph scenarios/harbin.cfg -o "$tmp/h" -q >"$tmp/out" 2>"$tmp/err" || ko "graph -q: exit $?"
check_quiet "graph -q" "$tmp/h"
# without --quiet: the tables
"$govsim" graph scenarios/harbin.cfg -o "$tmp/h2" >"$tmp/out" 2>&1
[ "$(grep -c . "$tmp/out")" -gt "$(find "$tmp/h2" -type f | wc -l)" ] && ok || ko "graph without --quiet printed no tables"

# animate: today and with a reform
"$govsim" animate scenarios/teaching/peak_hour.cfg scenarios/teaching/reforms/one_more_window.cfg \
    -o "$tmp/a" --quiet >"$tmp/out" 2>"$tmp/err" || ko "animate --quiet: exit $?"
check_quiet animate "$tmp/a"
grep -qx "$tmp/a/animation.html" "$tmp/out" && ok || ko "animate --quiet: animation.html not listed"
"$govsim" animate scenarios/teaching/peak_hour.cfg -o "$tmp/a2" >"$tmp/out" 2>&1
grep -q "events" "$tmp/out" && ok || ko "animate without --quiet: no summary line"

# errors still show under --quiet (exit 2, one error line, nothing on
# stdout; counted by the file's name: under ASan, LSan adds its own lines)
"$govsim" graph nowhere.cfg --quiet >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] && [ ! -s "$tmp/out" ] && [ "$(grep -c nowhere.cfg "$tmp/err")" -eq 1 ] && ok || ko "graph --quiet, missing file: $(cat "$tmp/err")"
"$govsim" animate nowhere.cfg --quiet >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] && [ ! -s "$tmp/out" ] && [ "$(grep -c nowhere.cfg "$tmp/err")" -eq 1 ] && ok || ko "animate --quiet, missing file: $(cat "$tmp/err")"
echo "$pass $fail"
