#!/bin/sh
# Reports a person reads (issue 14): each bundled baseline's report, in
# English and in Chinese, checked in its text (tests/e2e/check_report_text.py:
# names not ids, no e-notation, the Chinese headings and names under
# --lang zh, no Chinese in the English one) and, when Chromium is
# installed, opened in headless Chromium: it must render (exit 0, a whole
# screenshot, every chart decoded) and the screenshots are kept in
# build/screenshots/ to be looked at.  LANG=zh_CN.UTF-8 selects Chinese
# like --lang zh, and --lang en wins over it; --lang with an unknown
# language is a usage error.  Short runs (--days 20 -r 2): the words and
# the rendering are tested here, not the numbers.
# GOVSIM_SKIP_SLOW=1 (make check-asan) skips Chromium.
# Usage: sh t_report_browser.sh GOVSIM TMPDIR (see run.sh)
govsim=$1
tmp=$2
. tests/e2e/lib.sh
shots=$PWD/build/screenshots
mkdir -p "$shots"

# 1. --lang: a bad value is one line, exit 2, nothing run
"$govsim" --lang fr compare scenarios/xuzhou.cfg -o "$tmp/fr" >"$tmp/fr.out" 2>"$tmp/fr.err"
rc=$?
if [ $rc -eq 2 ] && grep -q "unknown language" "$tmp/fr.err" && [ ! -e "$tmp/fr" ]; then ok; else
    bad "--lang fr: expected exit 2 and 'unknown language', got $rc: $(head -n 1 "$tmp/fr.err")"
fi

# 2. every baseline, English and Chinese: the words of the report
for b in xuzhou harbin heilongjiang zhejiang; do
    for lang in en zh; do
        out=$tmp/$lang/$b
        if ! "$govsim" compare "scenarios/$b.cfg" --days 20 -r 2 --progress none --lang $lang -o "$out" \
            >"$tmp/$b-$lang.out" 2>"$tmp/$b-$lang.err"; then
            bad "$b ($lang): compare failed: $(tail -n 1 "$tmp/$b-$lang.err")"
            continue
        fi
        if python3 tests/e2e/check_report_text.py "$out/report.html" scenarios/reforms \
            --lang $lang; then ok; else bad "$b ($lang): report.html, see above"; fi
    done
done
# the scenario's description in Chinese (description_zh), as a paragraph
# (the scenario file quoted below holds it too)
if grep -q '<p>江苏徐州市政务服务中心' "$tmp/zh/xuzhou/report.html" &&
    grep -q '<p>Xuzhou (Jiangsu)' "$tmp/en/xuzhou/report.html"; then ok; else
    bad "report.html: the description should follow the language (description_zh)"
fi
# the terminal table too: names in Chinese under --lang zh
if grep -q '数据共享中台' "$tmp/xuzhou-zh.out" && grep -q 'Central data-sharing hub' "$tmp/xuzhou-en.out" &&
    ! grep -q '^data_hub ' "$tmp/xuzhou-en.out"; then ok; else
    bad "compare's table: names expected (数据共享中台 / Central data-sharing hub), not ids"
fi

# 3. the environment: LANG=zh_CN.UTF-8 means Chinese (no zh_CN locale
# needed), --lang en wins over it
# (LC_ALL, which make unit sets to C for the other tests, would win)
LC_ALL= LANG=zh_CN.UTF-8 "$govsim" compare scenarios/xuzhou.cfg scenarios/reforms/data_hub.cfg \
    --days 5 -r 2 -q -o "$tmp/envzh" >/dev/null 2>&1
LC_ALL= LANG=zh_CN.UTF-8 "$govsim" --lang en compare scenarios/xuzhou.cfg scenarios/reforms/data_hub.cfg \
    --days 5 -r 2 -q -o "$tmp/enven" >/dev/null 2>&1
if grep -q '要点：相对基线的变化' "$tmp/envzh/report.html" 2>/dev/null &&
    grep -q 'Headline: change against the baseline' "$tmp/enven/report.html" 2>/dev/null &&
    ! grep -q '要点' "$tmp/enven/report.html"; then ok; else
    bad "LANG=zh_CN.UTF-8 should give Chinese, and --lang en English"
fi

# 4. Chromium: each report renders, screenshots kept
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ] || [ "${GOVSIM_SKIP_SLOW:-0}" = 1 ]; then
    echo "t_report_browser: Chromium not run (not installed, or GOVSIM_SKIP_SLOW=1)"
    echo "$pass $fail"
    exit 0
fi
browse() { # browse HTML PNG: screenshot, then the DOM after rendering
    timeout 120 "$chromium" --headless --no-sandbox --disable-gpu \
        --disable-background-networking --disable-component-update --no-first-run \
        --disable-sync --user-data-dir="$tmp/chr" --hide-scrollbars \
        --screenshot="$2" --window-size=1400,4000 "file://$1" >"$tmp/chr.out" 2>"$tmp/chr.err" &&
        timeout 120 "$chromium" --headless --no-sandbox --disable-gpu \
            --disable-background-networking --disable-component-update --no-first-run \
            --disable-sync --user-data-dir="$tmp/chr" --dump-dom "file://$1" \
            >"$tmp/dom.html" 2>>"$tmp/chr.err"
}
for b in xuzhou harbin heilongjiang zhejiang; do
    for lang in en zh; do
        html=$tmp/$lang/$b/report.html
        [ -s "$html" ] || continue
        png=$shots/$b-$lang.png
        rm -f "$png"
        if browse "$html" "$png"; then rc=0; else rc=$?; fi
        # every picture in the page decoded: the DOM reports its natural size
        n_img=$(grep -o '<img ' "$html" | wc -l)
        if [ $rc -eq 0 ] && [ "$(head -c 8 "$png" | od -An -c | tr -d ' \n')" = '211PNG\r\n032\n' ] &&
            [ "$(wc -c <"$png")" -gt 100000 ] && [ "$n_img" -ge 4 ] &&
            [ "$(grep -o '<img ' "$tmp/dom.html" | wc -l)" -eq "$n_img" ] &&
            ! grep -qi 'CONSOLE\|Uncaught\|net::ERR' "$tmp/chr.err"; then ok; else
            bad "$b ($lang): Chromium did not render report.html (exit $rc): $(grep -i 'error' "$tmp/chr.err" | grep -v 'dbus\|bus.cc\|object_proxy' | head -n 2)"
        fi
    done
done
echo "t_report_browser: screenshots in $shots"
echo "$pass $fail"
