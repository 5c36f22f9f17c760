#!/bin/sh
# The reference runs (sourced by tests/reference/regen.sh and
# tests/e2e/t_reference.sh; run from the repository root).
#
# reference_runs GOVSIM OUT: the fixed-seed runs below, each into OUT/CASE/,
# keeping only their CSV and JSON files (no pictures, no gnuplot scripts,
# no report.html with its date), normalised: the version string in JSON
# becomes "VERSION" (a release is not a change of results).  Paths in the
# files are the relative ones given here, so the output does not depend on
# where the repository lies.  Returns non-zero if a run failed.
reference_runs() {
    _govsim=$1
    _out=$2
    _data=tests/e2e/data
    rm -rf "$_out/run" "$_out/compare" "$_out/sweep" "$_out/evlog" "$_out/.work"
    mkdir -p "$_out/.work"
    "$_govsim" run "$_data/twotown.cfg" -r 3 -j 2 --quiet -o "$_out/.work/run" >/dev/null || return 1
    "$_govsim" compare "$_data/twotown.cfg" "$_data/reforms/security.cfg" \
        "$_data/reforms/windows.cfg" -r 3 -j 2 --quiet -o "$_out/.work/compare" >/dev/null || return 1
    "$_govsim" sweep tests/sweeps/small_grid.cfg -j 2 --quiet -o "$_out/.work/sweep" >/dev/null || return 1
    # the event log's golden files (docs/event-log.md): XES and CSV of one tiny run
    mkdir -p "$_out/.work/evlog"
    for _f in log.xes log.csv log.json; do
        "$_govsim" run "$_data/evlog_tiny.cfg" -j 2 --quiet -o "$_out/.work/evlog-run" \
            --event-log "$_out/.work/evlog/$_f" >/dev/null || return 1
    done
    for _case in run compare sweep evlog; do
        mkdir -p "$_out/$_case"
        for _f in "$_out/.work/$_case"/*.csv "$_out/.work/$_case"/*.json "$_out/.work/$_case"/*.xes; do
            [ -e "$_f" ] || continue
            sed 's/^\(  *"version": \)"[^"]*"/\1"VERSION"/' "$_f" >"$_out/$_case/$(basename "$_f")"
        done
    done
    rm -rf "$_out/.work"
}
