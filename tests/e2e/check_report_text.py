#!/usr/bin/env python3
"""What a person reads in a report.html or index.html (tests/e2e/t_report_browser.sh).

Usage: check_report_text.py HTML REFORMS_DIR [--lang zh|en]

Looks only at the text a person reads: the scenario and reform files
quoted in <pre> blocks, the <summary> lines naming those files, embedded
pictures (data: URLs) and file paths (*.cfg, *.csv ...) are left out.
Fails (exit 1, one line per problem) when that text
  - holds the raw id of a bundled reform (scenarios/reforms/*.cfg) that
    has a name: people read names;
  - holds a number in e-notation (1.274e+07): money and counts are
    written with thousands separators or in millions;
  - (--lang zh) lacks the Chinese headings, or a bundled reform's
    Chinese name where its English name would be; (--lang en) holds
    Chinese outside the quoted files.
"""
import glob
import html
import os
import re
import sys


def reforms(folder):
    """{id: (name, name_zh)} of the reform files of folder."""
    out = {}
    for path in glob.glob(os.path.join(folder, "*.cfg")):
        text = open(path, encoding="utf-8").read()
        rid = re.search(r'^\s*id\s*=\s*"([^"]*)"', text, re.M)
        name = re.search(r'^\s*name\s*=\s*"([^"]*)"', text, re.M)
        name_zh = re.search(r'^\s*name_zh\s*=\s*"([^"]*)"', text, re.M)
        if rid and name:
            out[rid.group(1)] = (name.group(1), name_zh.group(1) if name_zh else None)
    return out


def readable_text(page):
    """The text of page a person reads (see the module's docstring)."""
    page = re.sub(r"<pre>.*?</pre>", " ", page, flags=re.S)
    page = re.sub(r"<summary>.*?</summary>", " ", page, flags=re.S)
    page = re.sub(r'src="data:[^"]*"', " ", page)
    page = re.sub(r'href="[^"]*"', " ", page)
    page = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    return re.sub(r"[\w./-]+\.(cfg|csv|json|svg|png|dat|gp|html)\b", " ", text)


def main():
    path, folder = sys.argv[1], sys.argv[2]
    lang = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--lang" else "en"
    page = open(path, encoding="utf-8").read()
    text = readable_text(page)
    problems = []
    known = reforms(folder)
    prose = text
    for name, name_zh in known.values():  # a name may hold its id's word
        prose = prose.replace(name, " ")
    cells = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(
        r"<(?:td|th|li|h[1-3]|b|dt)[^>]*>(.*?)</(?:td|th|li|h[1-3]|b|dt)>", page, flags=re.S)]
    for rid, (name, name_zh) in sorted(known.items()):
        # an id with '_' is never prose; a one-word id ("security") is, so
        # it counts only as the whole text of a cell, heading or item
        raw = (re.search(r"(?<![\w])" + re.escape(rid) + r"(?![\w])", prose) if "_" in rid
               else rid in cells)
        if name and raw:
            problems.append("raw reform id '%s' where its name '%s' belongs" % (rid, name))
    for m in re.finditer(r"(?<![\w.])[-+]?\d+(\.\d+)?[eE][-+]?\d+(?![\w])", text):
        problems.append("number in e-notation: '%s'" % m.group(0))
    cjk = re.compile(r"[\u4e00-\u9fff]")
    if lang == "zh":
        for heading in ("要点：相对基线的变化", "术语表", "图表") if "report" in os.path.basename(
                path) else ("性价比最高",):
            if heading not in text:
                problems.append("Chinese heading '%s' missing" % heading)
        names_zh = [z for (n, z) in reforms(folder).values() if z]
        if names_zh and not any(z in text for z in names_zh):
            problems.append("no bundled reform's Chinese name in the page")
    else:
        if cjk.search(text):
            problems.append("Chinese text in the English page: '%s'" % cjk.search(text).group(0))
    for p in problems:
        print("%s: %s" % (path, p))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
