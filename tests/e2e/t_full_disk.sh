#!/bin/sh
# A full disk and a read-only folder: every command that writes (run,
# compare, sweep, graph) ends with a one-line error and a non-zero exit,
# and nothing half-written is left under a final name (gnuplot exits 0
# when its writes fail, so its pictures are checked: output/gnuplot.h).
# Usage: sh t_full_disk.sh GOVSIM TMPDIR (protocol: tests/e2e/run.sh).
#
# The full disk is a small tmpfs mounted at several sizes, so the disk
# fills in a different file each time; without the right to mount one
# (not root, or a sandbox that forbids it) that part is skipped with a
# note, and the unit tests (tests/unit/test_picture.c) still cover the
# picture check on files cut at every length.
govsim=$1
tmp=$2
. tests/e2e/lib.sh

scn=tests/scenarios/good/minimal.cfg
reform=tests/reforms/double_staff.cfg

# the four commands, writing into folder $1
cmd_run() { "$govsim" run "$scn" --days 5 -r 2 -o "$1" --quiet; }
cmd_compare() { "$govsim" compare "$scn" "$reform" --days 5 -r 2 -o "$1" --quiet; }
cmd_sweep() { "$govsim" sweep tests/sweeps/small_grid.cfg -o "$1" --quiet; }
cmd_graph() { "$govsim" graph "$scn" -o "$1"; }

# whole DIR: every picture in DIR is whole (PNG: signature and IEND
# chunk; SVG: ends with </svg>), no temporary file is left.  Prints what
# is wrong.
whole() {
    for f in "$1"/*.png; do
        [ -e "$f" ] || continue
        sig=$(head -c 8 "$f" | od -An -tx1 | tr -d ' \n')
        end=$(tail -c 12 "$f" | od -An -tx1 | tr -d ' \n')
        [ "$sig" = 89504e470d0a1a0a ] && [ "$end" = 0000000049454e44ae426082 ] ||
            echo "$f cut short"
    done
    for f in "$1"/*.svg; do
        [ -e "$f" ] || continue
        tail -c 64 "$f" | tr -d ' \n\r\t' | grep -q '</svg>$' || echo "$f cut short"
    done
    ls -A "$1" 2>/dev/null | grep '\.tmp\.' | sed 's/^/temporary file left: /'
}

# check NAME CODE ERRFILE DIR: a failure ends with one line; nothing cut.
check() {
    bad=$(whole "$4")
    lines=$(wc -l <"$3")
    if [ -n "$bad" ]; then ko "$1: $bad"
    elif [ "$2" -ne 0 ] && [ "$lines" -ne 1 ]; then ko "$1: exit $2 with $lines lines on stderr: $(head -3 "$3")"
    elif [ "$2" -ne 0 ] && ! grep -q '^govsim' "$3" && ! grep -q '^tests/' "$3"; then ko "$1: exit $2, message: $(cat "$3")"
    else ok
    fi
}

# A read-only folder: refused with one line (root ignores permissions, so
# the folder is a read-only mount, or skipped when that cannot be made).
mnt="$tmp/mnt"
mkdir -p "$mnt"
if mount -t tmpfs -o size=64k,ro tmpfs "$mnt" 2>/dev/null; then
    for c in run compare sweep graph; do
        "cmd_$c" "$mnt/out" >/dev/null 2>"$tmp/err"
        code=$?
        if [ $code -eq 0 ]; then ko "$c into a read-only folder: exit 0"
        else check "$c read-only" $code "$tmp/err" "$mnt/out"; fi
    done
    umount "$mnt"
else
    echo "note: cannot mount a tmpfs here: read-only and full-disk checks skipped"
    echo "$pass $fail"
    exit 0
fi

# A full disk at several sizes: whatever file the disk fills in, the
# command either succeeds with every file whole, or fails with one line
# and nothing cut short under a final name.
failed_once=""
for size in 8k 24k 48k 96k 160k 256k 400k 640k; do
    mount -t tmpfs -o size=$size tmpfs "$mnt" || { ko "mount $size"; continue; }
    for c in run compare sweep graph; do
        "cmd_$c" "$mnt/$c" >/dev/null 2>"$tmp/err"
        code=$?
        [ $code -ne 0 ] && failed_once="$failed_once $c"
        check "$c on a $size disk" $code "$tmp/err" "$mnt/$c"
    done
    umount "$mnt"
done
# the sizes were chosen so that each command meets a full disk at least once
for c in run compare sweep graph; do
    case "$failed_once" in *$c*) ok ;; *) ko "$c never met a full disk (sizes too large?)" ;; esac
done

echo "$pass $fail"
