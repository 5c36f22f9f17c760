#!/bin/sh
# The MPI layer under mpirun: tests/mpi/test_runner_mpi.c at -np 1, 2 and 3,
# then a larger run whose raw-byte checksum must not depend on -np.
# Skips with a message (exit 0) when Open MPI is not installed.
set -eu
cd "$(dirname "$0")/../.."
if ! command -v mpirun >/dev/null 2>&1 || ! command -v mpicc >/dev/null 2>&1; then
    echo "tests/mpi: skipped: Open MPI not installed (make deps installs it)"
    exit 0
fi
# BUILD is explicit so a BUILD=... given to an outer make cannot mix the
# MPI objects into another build directory.
make --no-print-directory MPI=1 BUILD=build-mpi build-mpi/test_runner_mpi
# CI runs as root, which Open MPI refuses unless told; more ranks than
# cores needs --oversubscribe.  timeout: a protocol bug must fail, not hang.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
# One machine: ranks talk through shared memory only (no TCP transport),
# and mpirun's own control channel stays on the loopback interface.
export OMPI_MCA_pml=ob1 OMPI_MCA_btl=self,vader OMPI_MCA_oob_tcp_if_include=lo
run() {
    timeout 120 mpirun --allow-run-as-root --oversubscribe "$@" </dev/null
}
for np in 1 2 3; do
    run -np "$np" build-mpi/test_runner_mpi
done
err=$(mktemp)
trap 'rm -f "$err"' EXIT
a=$(run -np 1 build-mpi/test_runner_mpi --bench 30 10 300 2>"$err" | sed -n 's/.*checksum=//p')
# One process, stderr not a terminal: no progress output at all.
if [ -s "$err" ]; then
    echo "tests/mpi: unexpected stderr at -np 1:" >&2
    cat "$err" >&2
    exit 1
fi
b=$(run -np 3 build-mpi/test_runner_mpi --bench 30 10 300 2>"$err" | sed -n 's/.*checksum=//p')
if [ -z "$a" ] || [ "$a" != "$b" ]; then
    echo "tests/mpi: results differ between -np 1 ($a) and -np 3 ($b)" >&2
    cat "$err" >&2
    exit 1
fi
# Under mpirun rank 0's stderr is a pipe: progress comes as log lines.
if [ "$(grep -c '^bench: .*% [0-9]*/300 ' "$err")" -ne 10 ] ||
   ! grep -q '^bench: 100% 300/300 ' "$err"; then
    echo "tests/mpi: expected 10 progress lines at -np 3, got:" >&2
    cat "$err" >&2
    exit 1
fi
echo "tests/mpi: -np 1 and -np 3 bit-identical ($a); progress lines ok"

# A sweep under MPI (issue: rank 0 writes the same files as a
# single-machine run): tests/sweeps/small_saltelli.cfg at -np 3 against the
# threaded ./govsim at -j 2, byte for byte.
make --no-print-directory MPI=1 BUILD=build-mpi govsim-mpi
[ -x ./govsim ] || make --no-print-directory govsim
out=$(mktemp -d)
trap 'rm -f "$err"; rm -rf "$out"' EXIT
./govsim sweep tests/sweeps/small_saltelli.cfg -j 2 -o "$out/threads" --quiet >/dev/null
run -np 3 ./govsim-mpi sweep tests/sweeps/small_saltelli.cfg -o "$out/mpi" --quiet >/dev/null
for f in design.csv results.csv summary_wide.csv sensitivity.csv sobol_indices.dat points.dat; do
    if ! cmp -s "$out/threads/$f" "$out/mpi/$f"; then
        echo "tests/mpi: sweep $f differs between -j 2 and mpirun -np 3" >&2
        exit 1
    fi
done
# other commands refuse to run once per rank
if run -np 2 ./govsim-mpi validate --quick >/dev/null 2>"$err"; then
    echo "tests/mpi: validate under mpirun -np 2 should refuse" >&2
    exit 1
fi
grep -q "only .govsim sweep. runs" "$err" || { echo "tests/mpi: no refusal message" >&2; exit 1; }
echo "tests/mpi: sweep under mpirun -np 3 byte-identical to -j 2"
