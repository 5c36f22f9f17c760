#!/bin/sh
# Efficiency of runner_mpi on this machine (docs/cluster.md): the synthetic
# tasks of test_runner_mpi.c at -np 1, 2, 3 and 4, and, as the ceiling this
# machine can give, two independent -np 1 runs side by side (each doing
# the whole work: throughput 2 x t1 / t_pair).  Each is run REPEAT times
# in rotation, so drift in machine speed hits all alike; medians.
#   sh tests/mpi/bench.sh [POINTS REPS WORK [REPEAT]]
set -eu
cd "$(dirname "$0")/../.."
P=${1:-40} R=${2:-20} W=${3:-50000} REPEAT=${4:-5}
make --no-print-directory MPI=1 BUILD=build-mpi build-mpi/test_runner_mpi >/dev/null
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
# One machine: ranks talk through shared memory only (no TCP transport),
# and mpirun's own control channel stays on the loopback interface.
export OMPI_MCA_pml=ob1 OMPI_MCA_btl=self,vader OMPI_MCA_oob_tcp_if_include=lo
tmp=$(mktemp) pair=$(mktemp)
trap 'rm -f "$tmp" "$pair"' EXIT
bench() {
    mpirun --allow-run-as-root --oversubscribe -np "$1" \
        build-mpi/test_runner_mpi --bench "$P" "$R" "$W" </dev/null 2>/dev/null
}
i=0
while [ "$i" -lt "$REPEAT" ]; do
    for np in 1 2 3 4; do bench "$np" | sed "s/^/rep=$i /" >>"$tmp"; done
    : >"$pair"
    bench 1 >>"$pair" &
    bench 1 >>"$pair"
    wait
    # the pair's time is its slower run
    awk -v i="$i" '{ for (f = 1; f <= NF; f++) if ($f ~ /^seconds=/) { v = substr($f, 9) + 0; if (v > m) { m = v; l = $0 } } }
        END { sub(/np=1/, "np=pair", l); print "rep=" i " " l }' "$pair" >>"$tmp"
    i=$((i + 1))
done
# Speed-ups are taken within each round (against that round's -np 1, run
# seconds before), then the median over rounds: drift cancels better than
# in a ratio of medians.
echo "# $P points x $R reps, work $W; $(nproc) cores; $REPEAT rounds; $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "# np    workers  seconds  speedup  per-worker  rank0_cpu  checksum   (medians over rounds)"
awk -v r="$REPEAT" '
    function med(a, n,   i, j, t) {
        for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    { for (f = 1; f <= NF; f++) { split($f, kv, "="); v[kv[1]] = kv[2] }
      k = v["np"]; n[k]++; sec[k, n[k]] = v["seconds"] + 0; cpu[k, n[k]] = v["rank0_cpu"] + 0
      ck[k] = v["checksum"]; t[v["rep"], k] = v["seconds"] + 0 }
    END {
        split("1 2 3 4 pair", order, " ")
        for (o = 1; o <= 5; o++) {
            k = order[o]; w = k == "pair" ? 2 : (k > 1 ? k - 1 : 1)
            for (i = 1; i <= n[k]; i++) { a[i] = sec[k, i]; b[i] = cpu[k, i]
                s[i] = (k == "pair" ? 2 : 1) * t[i - 1, "1"] / t[i - 1, k] }
            ms = med(a, n[k]); mc = med(b, n[k]); sp = med(s, n[k])
            printf "  %-5s %-8d %-8.3f %-8.2f %-11.2f %-10.3f %s\n", k, w, ms, sp, sp / w, mc, ck[k]
        }
    }' "$tmp"
echo "# pair: two independent one-process runs at once (2 x t1 / t_pair):"
echo "# the most that 2 workers can get from this machine right now"
