#!/bin/sh
# The seed coverage table of docs/scenarios.md (issue 16), "What the
# seeds ask for, and what govsim can say": rows numbered in order, a
# status each (full, partly, not), issue-16 cells that start from that
# status, and the counts written above the table equal to the rows'
# counts (tests/e2e/seed_coverage_check.py).  The checker is also run on
# broken copies, each of which it must refuse, so the check can fail.
# Usage: sh t_seed_coverage.sh GOVSIM TMPDIR (see run.sh)
tmp=$2
. tests/e2e/lib.sh
doc=docs/scenarios.md
chk=tests/e2e/seed_coverage_check.py

if python3 "$chk" "$doc" >"$tmp/out" 2>&1; then ok; else
    bad "seed coverage table: $(head -n 5 "$tmp/out")"
fi

# refused: the copy made by the sed expression $2, for the reason $1
refused() {
    sed "$2" "$doc" >"$tmp/broken.md"
    if cmp -s "$doc" "$tmp/broken.md"; then
        bad "broken copy ($1): the edit '$2' changed nothing"
    elif python3 "$chk" "$tmp/broken.md" >/dev/null 2>&1; then
        bad "broken copy ($1) accepted"
    else ok; fi
}
refused "a status changed, counts not" 's/^\(| 1 |[^|]*|[^|]*|[^|]*| \)not |/\1partly |/'
refused "a count changed" 's/Today: \*\*\([0-9]*\) full/Today: **9\1 full/'
refused "a row dropped" '/^| 2 | /d'
refused "an issue-16 cell from another status" 's/^\(| 4 |.*| \)was not; now partly/\1was not; now full/'
refused "a before-status changed, counts not" 's/^\(| 4 |.*| \)was not;/\1was full;/'
refused "an unknown status" 's/^\(| 11 |[^|]*|[^|]*|[^|]*| \)full |/\1yes |/'
refused "the section renamed" 's/^## What the seeds ask for, and what govsim can say/## Seeds/'
echo "$pass $fail"
