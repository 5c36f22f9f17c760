#!/bin/sh
# make bench: kernel benchmarks -> bench/results.txt (raw lines + medians).
# Usage: bench/run.sh GOVSIM OUTPUT [REPEATS]
#
# This runs on shared virtual machines whose speed drifts by 20-30% from
# one second to the next, so every figure is the median of REPEATS runs
# (default 5), and the event calendar and its binary-heap baseline are run
# alternately so drift hits both alike.
set -eu
govsim=$1
out=$2
reps=${3:-5}
tmp="$out.tmp"
raw=$(mktemp)
trap 'rm -f "$raw" "$tmp"' EXIT

# median of the numbers on stdin
median() { sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
# value of key=... in the lines of $raw matching pattern $1
values() { grep -- "$1" "$raw" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
# value of key $2 in the mm1 runs of about $1 customers (within 1%)
mm1_values() {
    grep "^bench mm1" "$raw" |
        awk -v n="$1" '{split($3, c, "="); if (c[2] > n * 0.99 && c[2] < n * 1.01) print}' |
        tr ' ' '\n' | sed -n "s/^$2=//p"
}

for size in 10 100 1000 10000 100000 1000000; do
    i=0
    while [ "$i" -lt "$reps" ]; do
        "$govsim" bench hold --size "$size" >>"$raw"
        "$govsim" bench hold --size "$size" --baseline >>"$raw"
        i=$((i + 1))
    done
done
for n in 1000000 10000000 30000000; do
    i=0
    while [ "$i" -lt "$reps" ]; do
        "$govsim" bench mm1 --customers "$n" >>"$raw"
        i=$((i + 1))
    done
done
for f in scenarios/xuzhou.cfg scenarios/heilongjiang.cfg; do
    i=0
    while [ "$i" -lt "$reps" ]; do
        "$govsim" bench scenario "$f" --days 365 >>"$raw"
        i=$((i + 1))
    done
done

{
    echo "# govsim benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "# commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)," \
         "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
    echo "# single thread; medians of $reps runs (raw runs below)"
    echo "#"
    echo "# hold model: ns per hold (pop earliest, push at t + Exp(1)); lower is better"
    printf '# %10s %14s %14s %8s\n' size evq binary_heap ratio
    for size in 10 100 1000 10000 100000 1000000; do
        a=$(values "^bench hold size=$size " ns_per_hold | median)
        b=$(values "^bench hold-binary size=$size " ns_per_hold | median)
        printf '# %10s %14s %14s %8.2f\n' "$size" "$a" "$b" "$(echo "$a $b" | awk '{print $1/$2}')"
    done
    echo "#"
    echo "# M/M/1 at utilization 0.9 through study/qnet.c (one event = one calendar pop)"
    printf '# %10s %16s %16s %12s\n' customers events_per_s customers_per_s peak_rss_kb
    for n in 1000000 10000000 30000000; do
        e=$(mm1_values "$n" events_per_s | median)
        c=$(mm1_values "$n" customers_per_s | median)
        m=$(mm1_values "$n" peak_rss_kb | median)
        printf '# %10s %16.0f %16.0f %12s\n' "$n" "$e" "$c" "$m"
    done
    echo "#"
    echo "# workflow model, one replication of one simulated year after warm-up"
    printf '# %-28s %12s %14s %12s\n' scenario events events_per_s peak_rss_kb
    for f in scenarios/xuzhou.cfg scenarios/heilongjiang.cfg; do
        ev=$(values "^bench scenario file=$f " events | median)
        r=$(values "^bench scenario file=$f " events_per_s | median)
        m=$(values "^bench scenario file=$f " peak_rss_kb | median)
        printf '# %-28s %12s %14.0f %12s\n' "$f" "$ev" "$r" "$m"
    done
    echo
    cat "$raw"
} >"$tmp"
mv "$tmp" "$out"
sed -n '1,/^$/p' "$out"
