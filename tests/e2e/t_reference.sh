#!/bin/sh
# Reference outputs: fixed-seed runs of small scenarios (`run`, `compare`
# with two reforms, a small sweep; tests/reference/cases.sh) must write
# exactly the CSV and JSON files stored in tests/reference/, byte for byte.
# A change meant to alter results regenerates them with
# tests/reference/regen.sh, in a commit that says so (docs/testing.md).
# Usage: sh t_reference.sh GOVSIM TMPDIR (see run.sh)
govsim=$1
tmp=$2
. tests/e2e/lib.sh
. tests/reference/cases.sh

if reference_runs "$govsim" "$tmp/ref"; then pass=$((pass + 1)); else
    fail=$((fail + 1))
    echo "FAIL: reference: a reference run failed"
fi
changed=""
for case in run compare sweep evlog; do
    for f in tests/reference/"$case"/* "$tmp/ref/$case"/*; do
        [ -e "$f" ] || continue
        name=$case/$(basename "$f")
        case " $changed " in *" $name "*) continue ;; esac
        if cmp -s "tests/reference/$name" "$tmp/ref/$name"; then continue; fi
        changed="$changed $name"
        if [ ! -e "tests/reference/$name" ]; then
            echo "FAIL: reference: $name is new (not in tests/reference)"
        elif [ ! -e "$tmp/ref/$name" ]; then
            echo "FAIL: reference: $name is no longer written"
        else
            echo "FAIL: reference: $name differs; first difference:"
            diff "tests/reference/$name" "$tmp/ref/$name" | head -n 4 | sed 's/^/  /'
        fi
    done
done
if [ -z "$changed" ]; then pass=$((pass + 1)); else
    fail=$((fail + 1))
    echo "  if the change is meant to alter results: sh tests/reference/regen.sh, check git diff, commit saying why"
fi
echo "$pass $fail"
