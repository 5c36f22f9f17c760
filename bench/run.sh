#!/bin/sh
# make bench: the kernel benchmarks at several sizes -> bench/results.txt.
# Usage: bench/run.sh GOVSIM OUTPUT
set -eu
govsim=$1
out=$2
tmp="$out.tmp"
{
    echo "# govsim benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "# commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)," \
         "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
    echo "# single thread; ns_per_hold: lower is better"
    for size in 10 100 1000 10000 100000 1000000; do
        "$govsim" bench hold --size "$size"
        "$govsim" bench hold --size "$size" --baseline
    done
    for n in 1000000 10000000 30000000; do
        "$govsim" bench mm1 --customers "$n"
    done
} > "$tmp"
mv "$tmp" "$out"
cat "$out"
