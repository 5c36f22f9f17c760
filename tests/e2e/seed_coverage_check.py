#!/usr/bin/env python3
"""Check the seed coverage table of docs/scenarios.md (issue 16).

The section "What the seeds ask for, and what govsim can say" lists the
seeds' diagnoses and proposals, one row each, with today's status and
the issue-16 feature that changed it ("was X; ...": X is the status
before) or would change it ("X -> Y with ...", X today).  Its counts
are written in prose above the table ("Today:", "Before issue 16:", and
"lands as planned:" while any row is still planned); the prose must
follow the rows.  This checks that the rows are well formed and that
the prose counts are the rows' counts.

Usage: seed_coverage_check.py docs/scenarios.md
Prints one line per problem and exits 1 if there is any.
"""
import re
import sys

HEADING = "## What the seeds ask for, and what govsim can say"
STATUS = ("full", "partly", "not")
KINDS = ("D", "D (state)", "D (cause)", "P")


def section(text):
    """The section's text, from its heading to the next '## ' heading."""
    start = text.find(HEADING + "\n")
    if start < 0:
        return None
    rest = text[start + len(HEADING) + 1:]
    end = re.search(r"^## ", rest, re.M)
    return rest[: end.start()] if end else rest


def cells(line):
    return [c.strip() for c in line.strip().strip("|").split("|")]


def check_row(c, expect, problems):
    """Checks one row; returns (today, status if issue 16 lands, status
    before issue 16)."""
    num, seeds, kind, what, today, how, i16 = c
    where = "row %s" % num
    if num != str(expect):
        problems.append("%s: expected row number %d (rows count 1, 2, ...)" % (where, expect))
    if not re.fullmatch(r"\d{3}(, \d{3})*", seeds):
        problems.append("%s: seed column '%s' (expected seed numbers like '001, 004')" % (where, seeds))
    if kind not in KINDS:
        problems.append("%s: kind '%s' (expected one of %s)" % (where, kind, ", ".join(KINDS)))
    if '"' not in what:
        problems.append("%s: no quote from the seed in '%s'" % (where, what[:60]))
    if today not in STATUS:
        problems.append("%s: today '%s' (expected full, partly or not)" % (where, today))
    if today != "full" and not how:
        problems.append("%s: '%s' without saying what is missing" % (where, today))
    m = re.match(r"(full|partly|not) -> (full|partly|not)\b", i16)
    if m:
        if m.group(1) != today:
            problems.append("%s: issue-16 cell starts from '%s' but today is '%s'" % (where, m.group(1), today))
        return today, m.group(2), today
    m = re.match(r"was (full|partly|not); now (full|partly|not)\b", i16)
    if m:
        if m.group(2) != today:
            problems.append("%s: issue-16 cell says now '%s' but today is '%s'" % (where, m.group(2), today))
        return today, today, m.group(1)
    if not i16.startswith("—"):
        problems.append("%s: issue-16 cell '%s' (expected '—', 'was STATUS; now STATUS ...' or "
                        "'STATUS -> STATUS with ...')" % (where, i16[:40]))
    return today, today, today


def counts_in(prose, label):
    """The '**a full, b partly, c not**' written after label."""
    m = re.search(re.escape(label) + r"\s+\*\*(\d+) full, (\d+) partly, (\d+) not\*\*", prose)
    return tuple(int(x) for x in m.groups()) if m else None


def check(text):
    problems = []
    sec = section(text)
    if sec is None:
        return ["no section '%s'" % HEADING]
    lines = sec.splitlines()
    head = [i for i, l in enumerate(lines) if l.startswith("| # | seed |")]
    if len(head) != 1:
        return ["expected one table with header '| # | seed | ...' in the section"]
    prose = " ".join(lines[: head[0]])
    rows = [cells(l) for l in lines[head[0] + 2:] if l.startswith("|")]
    if not rows:
        return ["the table has no rows"]
    today, after, before = [], [], []
    for n, c in enumerate(rows, 1):
        if len(c) != 7:
            problems.append("row %d: %d cells (expected 7)" % (n, len(c)))
            continue
        t, a, b = check_row(c, n, problems)
        today.append(t)
        after.append(a)
        before.append(b)
    def tally(v):
        return tuple(v.count(s) for s in STATUS)
    m = re.search(r"(\d+) rows", prose)
    if not m or int(m.group(1)) != len(rows):
        problems.append("the prose says %s rows, the table has %d" % (m.group(1) if m else "no number of", len(rows)))
    checks = [("Today:", tally(today)), ("Before issue 16:", tally(before))]
    if after != today or "lands as planned:" in prose:
        checks.append(("lands as planned:", tally(after)))
    for label, got in checks:
        said = counts_in(prose, label)
        if said != got:
            problems.append("counts after '%s': the prose says %s, the rows give **%d full, %d partly, %d not**"
                            % (label, said, *got))
    stay = [str(i + 1) for i, a in enumerate(after) if a == "not"]
    m = re.search(r'stay "not" are rows ([\d, and]+?)[:.]', prose)
    said = re.findall(r"\d+", m.group(1)) if m else None
    if said != stay:
        problems.append('rows that stay "not": the prose says %s, the rows give %s' % (said, ", ".join(stay)))
    return problems


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        problems = check(f.read())
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
