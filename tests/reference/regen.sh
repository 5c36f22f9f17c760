#!/bin/sh
# Regenerate the reference outputs (tests/reference/{run,compare,sweep}/)
# that tests/e2e/t_reference.sh compares byte for byte.  Only when a change
# is MEANT to alter results or output formats: run it, read `git diff
# tests/reference` (every changed number should be explained by the
# change), and commit the new files with a message that says why the
# results changed.  See docs/testing.md.
# Usage: sh tests/reference/regen.sh [GOVSIM]   (default ./govsim, built first)
set -eu
cd "$(dirname "$0")/../.."
govsim=${1:-./govsim}
if [ "$govsim" = ./govsim ]; then make --no-print-directory govsim >/dev/null; fi
. tests/reference/cases.sh
reference_runs "$govsim" tests/reference
echo "regenerated: $(find tests/reference -name '*.csv' -o -name '*.json' | wc -l) files in tests/reference/"
git status --short tests/reference 2>/dev/null || true
