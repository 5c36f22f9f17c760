#!/bin/sh
# The default job (govsim with no arguments, = make run) checked on its real
# output: every comparison's variants list their reforms once, with costs
# equal to the reform files' (tests/e2e/check_compare.py); the reform that
# does not apply to a single city (regional_balance) is reported, not run;
# a stale chart in results/ is not embedded; an unwritable results/ is
# refused before any simulation.  The full job takes about 20 s at -O2:
# GOVSIM_SKIP_SLOW=1 (make check-asan) skips it.
# Usage: sh t_default_job.sh GOVSIM TMPDIR (see run.sh)
govsim=$1
tmp=$2
. tests/e2e/lib.sh
repo=$PWD
govsim_abs=$(cd "$(dirname "$govsim")" && pwd)/$(basename "$govsim")


# 1. results/ cannot be made (a file of that name): one line, exit 2, at once.
mkdir -p "$tmp/blocked"
ln -s "$repo/scenarios" "$tmp/blocked/scenarios"
: >"$tmp/blocked/results"
start=$(date +%s)
(cd "$tmp/blocked" && "$govsim_abs" >"$tmp/blocked.out" 2>"$tmp/blocked.err")
rc=$?
secs=$(($(date +%s) - start))
if [ "$rc" -eq 2 ] && [ "$(wc -l <"$tmp/blocked.err")" -eq 1 ] && [ ! -s "$tmp/blocked.out" ] &&
    grep -q 'results' "$tmp/blocked.err" && [ "$secs" -le 5 ]; then ok; else
    bad "unwritable results/: exit $rc after ${secs}s (expected 2 at once, one line): $(head -n 2 "$tmp/blocked.err")"
fi

if [ "${GOVSIM_SKIP_SLOW:-0}" = 1 ]; then
    echo "$pass $fail"
    exit 0
fi

# 2. The whole job, in a folder where an earlier run left a regions chart
# (the province's) in a single city's folder.
# laid out as `make install` does and run from elsewhere: the bundled
# scenarios are found beside the binary (BIN/../share/govsim), whatever
# PREFIX the binary was built for
mkdir -p "$tmp/job/results/xuzhou" "$tmp/inst/bin" "$tmp/inst/share/govsim"
cp "$govsim_abs" "$tmp/inst/bin/govsim"
ln -s "$repo/scenarios" "$tmp/inst/share/govsim/scenarios"
: >"$tmp/job/results/xuzhou/regions.png"
start=$(date +%s)
(cd "$tmp/job" && "$tmp/inst/bin/govsim" >"$tmp/job.out" 2>"$tmp/job.err")
rc=$?
echo "default job: $(($(date +%s) - start)) s"
if [ "$rc" -eq 0 ]; then ok; else
    bad "govsim (default job) exited $rc: $(head -n 3 "$tmp/job.err")"
fi
missing=""
for b in xuzhou harbin heilongjiang zhejiang; do
    for f in report.html summary.csv differences.csv replications.csv summary.json \
        changes.png changes.svg cdf.png trips.png utilization.png cost_benefit.png; do
        [ -s "$tmp/job/results/$b/$f" ] || missing="$missing $b/$f"
    done
done
[ -s "$tmp/job/results/heilongjiang/regions.png" ] || missing="$missing heilongjiang/regions.png"
[ -s "$tmp/job/results/index.html" ] || missing="$missing index.html"
if [ -z "$missing" ] && grep -q "results/xuzhou/report.html" "$tmp/job.out"; then ok; else
    bad "default job: files missing:$missing"
fi
for b in xuzhou harbin heilongjiang zhejiang; do
    # the province-only reforms (their files say so) are skipped in the
    # cities; in Zhejiang also the two it already has (data hub, parallel
    # approval: already in place)
    cities=regional_balance,cross_region,sharing_law,notification_commitment,proactive_services
    case $b in
    heilongjiang) skipped="" ;;
    zhejiang) skipped=$cities,data_hub,parallel_approval ;;
    *) skipped=$cities ;;
    esac
    if python3 tests/e2e/check_compare.py "$tmp/job/results/$b" scenarios/reforms/*.cfg \
        --skipped "$skipped"; then ok; else bad "default job: $b: invariants"; fi
    if [ -n "$skipped" ]; then
        if grep -q 'regional_balance' "$tmp/job/results/$b/report.html"; then ok; else
            bad "default job: $b: report.html does not say regional_balance was skipped"
        fi
    fi
done
if [ "$(grep -c '^  regional_balance (.*regional_balance.cfg:[0-9]*): ' "$tmp/job.out")" -eq 3 ]; then ok; else
    bad "default job: the tables do not report regional_balance skipped for the three cities"
fi
if [ -e "$tmp/job/results/xuzhou/regions.png" ]; then bad "default job: stale regions.png left for xuzhou"; else ok; fi
if [ -s "$tmp/job/results/index.html" ]; then ok; else bad "default job: no results/index.html"; fi
# the front page: a headline (best reform by hours per yuan) and a link
# per baseline, names not ids, no e-notation (tests/e2e/check_report_text.py)
index=$tmp/job/results/index.html
if [ "$(grep -o 'Best value for money' "$index" | wc -l)" -eq 4 ] &&
    [ "$(grep -o 'href="[a-z]*/report.html"' "$index" | wc -l)" -eq 4 ] &&
    python3 tests/e2e/check_report_text.py "$index" scenarios/reforms; then ok; else
    bad "default job: results/index.html lacks a headline and link per baseline"
fi

echo "$pass $fail"
