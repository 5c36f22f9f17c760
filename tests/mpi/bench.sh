#!/bin/sh
# Efficiency of exp_mpi on this machine (docs/cluster.md): the synthetic
# tasks of test_exp_mpi.c at -np 1, 2, 3 and 4, and, as the ceiling this
# machine can give, two independent -np 1 runs side by side (each doing
# the whole work: throughput 2 x t1 / t_pair).  Each is run REPEAT times
# in rotation, so drift in machine speed hits all alike; medians.
#   sh tests/mpi/bench.sh [POINTS REPS WORK [REPEAT]]
set -eu
cd "$(dirname "$0")/../.."
P=${1:-40} R=${2:-20} W=${3:-50000} REPEAT=${4:-5}
make --no-print-directory MPI=1 BUILD=build-mpi build-mpi/test_exp_mpi >/dev/null
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
tmp=$(mktemp) pair=$(mktemp)
trap 'rm -f "$tmp" "$pair"' EXIT
bench() {
    mpirun --allow-run-as-root --oversubscribe -np "$1" \
        build-mpi/test_exp_mpi --bench "$P" "$R" "$W" </dev/null 2>/dev/null
}
i=0
while [ "$i" -lt "$REPEAT" ]; do
    for np in 1 2 3 4; do bench "$np" >>"$tmp"; done
    : >"$pair"
    bench 1 >>"$pair" &
    bench 1 >>"$pair"
    wait
    # the pair's time is its slower run
    sed -n 's/.*seconds=\([^ ]*\) rank0_cpu=\([^ ]*\) checksum=\(.*\)/\1 \2 \3/p' "$pair" |
        sort -n | tail -1 | awk '{ printf "bench: np=pair seconds=%s rank0_cpu=%s checksum=%s\n", $1, $2, $3 }' >>"$tmp"
    i=$((i + 1))
done
echo "# $P points x $R reps, work $W; $(nproc) cores; medians of $REPEAT; $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "# np    workers  seconds  speedup  per-worker  rank0_cpu  checksum"
for np in 1 2 3 4 pair; do
    grep "np=$np " "$tmp" | sed 's/.*seconds=\([^ ]*\) rank0_cpu=\([^ ]*\) checksum=\(.*\)/\1 \2 \3/' |
        sort -n | awk -v np="$np" -v r="$REPEAT" 'NR == int((r + 1) / 2) { print np, $1, $2, $3 }'
done | awk 'NR == 1 { base = $2 }
    { w = $1 == "pair" ? 2 : ($1 > 1 ? $1 - 1 : 1)
      s = $1 == "pair" ? 2 * base / $2 : base / $2
      printf "  %-5s %-8d %-8.3f %-8.2f %-11.2f %-10.3f %s\n", $1, w, $2, s, s / w, $3, $4 }'
echo "# pair: two independent one-process runs at once (2 x t1 / t_pair):"
echo "# the most that 2 workers can get from this machine right now"
