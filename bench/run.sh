#!/bin/sh
# make bench: kernel benchmarks -> bench/results.txt (raw lines + medians).
# Usage: bench/run.sh GOVSIM OUTPUT [REPEATS]
#
# This runs on shared virtual machines whose speed drifts by 20-30% from
# one second to the next, so every figure is the median of REPEATS runs
# (default 5), and the event calendar and its binary-heap baseline are run
# alternately so drift hits both alike.
#
# Three side-by-side comparisons (issue 15), each run alternately, one run
# of each per round, so the host's drift hits both alike; ratios of medians:
#  - the ceiling: BENCH_MM1_MIN (bench/min/mm1_min.c, a hand-written M/M/1
#    with the same draws), customers per second of govsim / of it;
#  - the build of commit BENCH_OLD (default 3a4e831), built once from git
#    (git archive into $TMPDIR, kept for the next run): govsim / it, on
#    the M/M/1 and on one simulated year of Heilongjiang as that commit
#    had it (its scenario file, from git, read by both builds: today's
#    baseline has profiles and calendars the old build cannot read);
#  - Heilongjiang with demand, staff and windows x16 (awk on the .cfg) for
#    a run of about the same number of events as x1 (13 days and the two
#    weeks of warm-up: 1.7 million, as x1 in 365 days): cost
#    per event x16 / x1.
# Leave BENCH_MM1_MIN empty or BENCH_OLD=none to skip those.
set -eu
govsim=$1
out=$2
reps=${3:-5}
mm1_min=${BENCH_MM1_MIN:-}
old_commit=${BENCH_OLD:-3a4e831}
tmp="$out.tmp"
raw=$(mktemp)
old_hlj=""
trap 'rm -f "$raw" "$tmp" "$tmp.a" "$tmp.b" ${old_hlj:+"$old_hlj"}' EXIT

# median of the numbers on stdin
median() { sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
# value of key=... in the lines of $raw matching pattern $1
values() { grep -- "$1" "$raw" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
# value of key $2 in the mm1 runs of about $1 customers (within 1%)
mm1_values() {
    grep "^bench mm1 " "$raw" |
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

# A build of commit $1 from git, kept in $TMPDIR; prints its path.
old_build() {
    dir="${TMPDIR:-/tmp}/govsim-bench-$1"
    if [ ! -x "$dir/govsim" ]; then
        rm -rf "$dir"
        mkdir -p "$dir"
        git archive "$1" | tar -x -C "$dir"
        make -C "$dir" -j2 govsim >"$dir.log" 2>&1
    fi
    echo "$dir/govsim"
}
# Heilongjiang with per_day, staff and windows times $1, to stdout (the
# counts of its rosters' blocks ("HH:MM-HH:MM", n) too).
scaled_scenario() {
    awk -v k="$1" '{
        if (match($0, /^[ \t]*(per_day|staff|windows)[ \t]*=[ \t]*[0-9.]+[ \t]*;/)) {
            pre = $0; sub(/=.*/, "", pre)
            v = $0; sub(/^[^=]*=[ \t]*/, "", v)
            rest = v; sub(/^[0-9.]+/, "", rest)
            print pre "= " (v + 0) * k rest
        } else if (match($0, /\("[0-9:]+-[0-9:]+", *[0-9]+\)/)) {
            line = $0; out = ""
            while (match(line, /\("[0-9:]+-[0-9:]+", *[0-9]+\)/)) {
                blk = substr(line, RSTART, RLENGTH); n = blk
                sub(/^[^,]*, */, "", n); sub(/\)$/, "", n); sub(/, *[0-9]+\)$/, "", blk)
                out = out substr(line, 1, RSTART - 1) blk ", " (n + 0) * k ")"
                line = substr(line, RSTART + RLENGTH)
            }
            print out line
        } else print
    }' scenarios/heilongjiang.cfg
}
side_n=10000000
old_govsim=""
[ "$old_commit" = none ] || old_govsim=$(old_build "$old_commit")
# Heilongjiang as commit $old_commit had it, for both builds
old_hlj="${TMPDIR:-/tmp}/govsim-bench-heilongjiang-$old_commit.cfg"
[ -z "$old_govsim" ] || git show "$old_commit:scenarios/heilongjiang.cfg" >"$old_hlj"
# The scaled copy lives in a folder of its own beside links to the
# scenario folder's subfolders, so its @include lines (calendars,
# profiles) resolve as they do for the original.
x16dir="${TMPDIR:-/tmp}/govsim-bench-x16"
rm -rf "$x16dir"
mkdir -p "$x16dir"
for d in scenarios/*/; do ln -s "$(pwd)/$d" "$x16dir/$(basename "$d")"; done
x16="$x16dir/heilongjiang-x16.cfg"
scaled_scenario 16 >"$x16"
# a bench that cannot read its scenario must stop the run, not print 0 events
"$govsim" check "$x16" >/dev/null
i=0
while [ "$i" -lt "$reps" ]; do
    "$govsim" bench mm1 --customers "$side_n" | sed 's/^bench mm1 /bench side-new /' >>"$raw"
    [ -z "$mm1_min" ] || "$mm1_min" "$side_n" >>"$raw"
    [ -z "$old_govsim" ] || "$old_govsim" bench mm1 --customers "$side_n" |
        sed 's/^bench mm1 /bench side-old /' >>"$raw"
    "$govsim" bench scenario scenarios/heilongjiang.cfg --days 365 |
        sed 's/^bench scenario /bench scale-x1 /' >>"$raw"
    "$govsim" bench scenario "$x16" --days 13 | sed 's/^bench scenario /bench scale-x16 /' >>"$raw"
    if [ -n "$old_govsim" ]; then
        "$govsim" bench scenario "$old_hlj" --days 365 | sed 's/^bench scenario /bench hlj-new /' >>"$raw"
        "$old_govsim" bench scenario "$old_hlj" --days 365 | sed 's/^bench scenario /bench hlj-old /' >>"$raw"
    fi
    i=$((i + 1))
done
# seconds per event of the runs matching $1
per_event() { grep -- "$1" "$raw" | awk '{for (i = 1; i <= NF; i++) {split($i, kv, "="); v[kv[1]] = kv[2]} print v["seconds"] / v["events"]}'; }
ratio() { echo "$1 $2" | awk '{ if ($2 > 0) printf "%.2f", $1 / $2; else print "-" }'; }
# The rounds' own ratios of two lists of numbers, one per line in round
# order (files $1 and $2): "per round MIN-MAX, median MED", so a reader
# sees how far one noisy round moves the ratio of the medians.
per_round() {
    paste -d' ' "$1" "$2" | awk '$2 > 0 {print $1 / $2}' | sort -g |
        awk '{v[NR] = $1} END {if (NR) printf "per round %.2f-%.2f, median %.2f", v[1], v[NR], (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
# per_round of field $1 of the runs matching $2 over those matching $3
rounds_of() {
    values "$2" "$1" >"$tmp.a"
    values "$3" "$1" >"$tmp.b"
    per_round "$tmp.a" "$tmp.b"
}

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
    echo "#"
    echo "# side by side, alternated, medians of $reps rounds (issue 15)"
    new=$(values "^bench side-new " customers_per_s | median)
    if [ -n "$mm1_min" ]; then
        min=$(values "^bench mm1-min " customers_per_s | median)
        printf '# mm1 %s customers: govsim %.0f, hand-written loop %.0f customers/s: ratio %s (target >= 0.6; %s)\n' \
            "$side_n" "$new" "$min" "$(ratio "$new" "$min")" \
            "$(rounds_of customers_per_s "^bench side-new " "^bench mm1-min ")"
    fi
    if [ -n "$old_govsim" ]; then
        old=$(values "^bench side-old " customers_per_s | median)
        printf '# mm1 %s customers: govsim %.0f, commit %s %.0f customers/s: ratio %s (target >= 1.4; %s)\n' \
            "$side_n" "$new" "$old_commit" "$old" "$(ratio "$new" "$old")" \
            "$(rounds_of customers_per_s "^bench side-new " "^bench side-old ")"
        hn=$(values "^bench hlj-new " events_per_s | median)
        ho=$(values "^bench hlj-old " events_per_s | median)
        printf '# heilongjiang one simulated year (its %s scenario): govsim %.0f, commit %s %.0f events/s: ratio %s (target >= 1.3; %s)\n' \
            "$old_commit" "$hn" "$old_commit" "$ho" "$(ratio "$hn" "$ho")" \
            "$(rounds_of events_per_s "^bench hlj-new " "^bench hlj-old ")"
        # The two builds do not count the same events for the same year
        # (today's adds the hourly samples), so also the year's own time.
        sn=$(values "^bench hlj-new " seconds | median)
        so=$(values "^bench hlj-old " seconds | median)
        printf '#   the same year in %s s (%s events), commit %s in %s s (%s events): %s times as fast (%s)\n' \
            "$sn" "$(values "^bench hlj-new " events | median)" "$old_commit" "$so" \
            "$(values "^bench hlj-old " events | median)" "$(ratio "$so" "$sn")" \
            "$(rounds_of seconds "^bench hlj-old " "^bench hlj-new ")"
    fi
    e1=$(values "^bench scale-x1 " events | median)
    e16=$(values "^bench scale-x16 " events | median)
    c1=$(per_event "^bench scale-x1 " | median)
    c16=$(per_event "^bench scale-x16 " | median)
    per_event "^bench scale-x16 " >"$tmp.a"
    per_event "^bench scale-x1 " >"$tmp.b"
    printf '# heilongjiang x1 (365 days, %s events) %.1f ns/event, x16 (13 days, %s events) %.1f ns/event: ratio %s (target <= 1.1; %s)\n' \
        "$e1" "$(echo "$c1" | awk '{print $1 * 1e9}')" "$e16" "$(echo "$c16" | awk '{print $1 * 1e9}')" "$(ratio "$c16" "$c1")" "$(per_round "$tmp.a" "$tmp.b")"
    echo
    cat "$raw"
} >"$tmp"
mv "$tmp" "$out"
sed -n '1,/^$/p' "$out"
