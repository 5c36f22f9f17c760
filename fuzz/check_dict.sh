#!/bin/sh
# Check fuzz/govsim.dict against the format documentation: every setting
# name written in backquotes in docs/scenario-format.md, docs/reforms.md and
# docs/sweeps.md (a lower-case identifier) must be a dictionary entry, so a
# setting added to the docs is not left out of the fuzzing.  Names that are
# examples, commands or C functions, not settings, are listed in IGNORE.
# Usage: sh fuzz/check_dict.sh [DICT]
dict=${1:-fuzz/govsim.dict}
IGNORE="market_supervision review config_destroy reform_apply reform_free
reform_load reform_load_scenario_tree scn_from_config src estimate method
response heatmap point replication value factor kpi key ci_low ci_high
sobol_indices sobol_first sobol_total n x y a b check compare"
missing=""
for w in $(grep -oh '`[a-z][a-z_]*`' docs/scenario-format.md docs/reforms.md \
               docs/sweeps.md | tr -d '`' | sort -u); do
    case " $(echo $IGNORE) " in *" $w "*) continue ;; esac
    grep -qx "\"$w\"" "$dict" || missing="$missing $w"
done
if [ -n "$missing" ]; then
    echo "fuzz/check_dict.sh: not in $dict:$missing" >&2
    exit 1
fi
echo "fuzz/check_dict.sh: $dict covers the documented settings"
