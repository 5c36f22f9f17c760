#!/bin/sh
# Efficiency of exp_mpi on this machine (docs/cluster.md): the synthetic
# tasks of test_exp_mpi.c at -np 1, 2, 3 (and 4), each run REPEAT times in
# rotation so drift in machine speed hits every -np alike; medians.
#   sh tests/mpi/bench.sh [POINTS REPS WORK [REPEAT]]
set -eu
cd "$(dirname "$0")/../.."
P=${1:-40} R=${2:-20} W=${3:-100000} REPEAT=${4:-3}
make --no-print-directory MPI=1 BUILD=build-mpi build-mpi/test_exp_mpi >/dev/null
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
i=0
while [ "$i" -lt "$REPEAT" ]; do
    for np in 1 2 3 4; do
        mpirun --allow-run-as-root --oversubscribe -np "$np" \
            build-mpi/test_exp_mpi --bench "$P" "$R" "$W" </dev/null >>"$tmp"
    done
    i=$((i + 1))
done
echo "# $P points x $R reps, work $W; $(nproc) cores; medians of $REPEAT"
echo "# np  workers  seconds  speedup  efficiency/worker  rank0_cpu  checksum"
for np in 1 2 3 4; do
    grep "np=$np " "$tmp" | sed 's/.*seconds=\([^ ]*\) rank0_cpu=\([^ ]*\) checksum=\(.*\)/\1 \2 \3/' |
        sort -n | awk -v np="$np" -v r="$REPEAT" 'NR == int((r + 1) / 2) { print np, $1, $2, $3 }'
done | awk 'NR == 1 { base = $2 }
    { w = $1 > 1 ? $1 - 1 : 1
      printf "  %-3d %-8d %-8.3f %-8.2f %-18.2f %-10.3f %s\n", $1, w, $2, base / $2, base / $2 / w, $3, $4 }'
