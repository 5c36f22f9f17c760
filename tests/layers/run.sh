#!/bin/sh
# The layering is a fact the compiler checks, not a claim: for every layer
# (base, sim, models, study, output, bench), a probe file that includes one
# header of each folder the layer may not use must fail to compile with
# that layer's include path (taken from the Makefile, the same flags the
# build uses), and a probe that includes a header it may use must compile.
# Usage: tests/layers/run.sh   (from the repository root)
cc=${CC:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
folders="base sim models study output bench cli"

# allowed LAYER FOLDER: may a file of LAYER include a header of FOLDER?
allowed() {
    case "$1:$2" in
    base:base) return 0 ;;
    sim:base | sim:sim) return 0 ;;
    models:base | models:sim | models:models) return 0 ;;
    study:base | study:sim | study:models | study:study) return 0 ;;
    output:base | output:output) return 0 ;;
    bench:base | bench:sim | bench:bench) return 0 ;;
    esac
    return 1
}

for layer in base sim models study output bench; do
    inc=$(make -s --no-print-directory print-inc LAYER="$layer")
    pkg=$(make -s --no-print-directory print-pkg-cflags)
    for folder in $folders; do
        header=$(ls "$folder"/*.h 2>/dev/null | head -n 1)
        [ -n "$header" ] || continue
        printf '#include "%s"\nint probe_layers(void);\nint probe_layers(void) { return 0; }\n' \
            "$(basename "$header")" >"$tmp/probe.c"
        # shellcheck disable=SC2086  # the flags are words
        if $cc -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $pkg $inc \
            -fsyntax-only "$tmp/probe.c" 2>"$tmp/err"; then
            built=yes
        else
            built=no
        fi
        if allowed "$layer" "$folder"; then want=yes; else want=no; fi
        if [ "$built" = "$want" ]; then
            pass=$((pass + 1))
        else
            fail=$((fail + 1))
            echo "FAIL: $layer/ including $header: compiled=$built, expected $want"
            head -3 "$tmp/err"
        fi
    done
done
echo "layers: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
