#!/bin/sh
# govsim as a Unix citizen (issue 14): the man page renders without
# warnings and documents every option of every command; bash completion
# completes commands, each command's options, option values and scenario
# files; `make install` (DESTDIR honoured) installs both; --version names
# the libraries' versions.
# Usage: sh t_unix.sh GOVSIM TMPDIR (see run.sh)
govsim=$1
tmp=$2
. tests/e2e/lib.sh

# 1. the man page: no warning from man or groff, a section per command,
# every option `govsim help CMD` lists, the version of the binary
if command -v man >/dev/null 2>&1; then
    MANWIDTH=80 man --warnings -l man/govsim.1 >"$tmp/man.txt" 2>"$tmp/man.err"
    if [ $? -eq 0 ] && [ ! -s "$tmp/man.err" ] && grep -q "COMMANDS" "$tmp/man.txt"; then ok; else
        bad "man --warnings -l man/govsim.1: $(head -c 300 "$tmp/man.err")"
    fi
else
    echo "  SKIP: man is not installed"
fi
if command -v groff >/dev/null 2>&1; then
    if groff -ww -z -man man/govsim.1 2>"$tmp/groff.err" && [ ! -s "$tmp/groff.err" ]; then ok; else
        bad "groff -ww: $(head -c 300 "$tmp/groff.err")"
    fi
fi
missing=""
for cmd in run compare sweep check validate graph "bench hold" "bench mm1" "bench scenario" plan trace animate; do
    grep -q "^\.SS $cmd\( \|$\)" man/govsim.1 || missing="$missing section:$cmd"
    for opt in $("$govsim" help $cmd | sed -n '/^options:/,/^$/p' | cut -c 1-27 | grep -o -- '--[a-z-]*'); do
        esc=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
        grep -q -- "$esc" man/govsim.1 || missing="$missing $cmd:$opt"
    done
done
[ -z "$missing" ] && ok || bad "man/govsim.1 does not document:$missing"
version=$("$govsim" --version | sed -n '1s/^govsim //p')
if grep -q "^\.TH GOVSIM 1 .* \"govsim $version\"" man/govsim.1; then ok; else
    bad "man/govsim.1: .TH does not give the version $version"
fi

# 2. bash completion
if command -v bash >/dev/null 2>&1; then
    complete_line() { # WORDS...: what the completion offers for the last word
        bash -c '. completion/govsim.bash; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _govsim;
                 printf "%s\n" "${COMPREPLY[@]}"' govsim "$@" 2>&1 | sort | tr '\n' ' '
    }
    check() { # EXPECTED WORDS...
        want=$1
        shift
        got=$(complete_line "$@")
        if [ "$got" = "$want" ]; then ok; else bad "completion of '$*': '$got' (expected '$want')"; fi
    }
    check "compare " "$govsim" co
    check "sweep " "$govsim" sw
    check "--reform --replications " "$govsim" run --re
    check "--design " "$govsim" sweep --des
    check "bar lines none " "$govsim" compare --progress ""
    check "csv " "$govsim" run x.cfg --format c
    check "lines " "$govsim" sweep x.cfg --progress=l
    check "tests/scenarios/good/minimal.cfg " "$govsim" run tests/scenarios/good/mini
    check "mm1 " "$govsim" bench m
    check "--customers " "$govsim" bench mm1 --cu
    case $(complete_line "$govsim" run tests/scenarios/g) in
    *"tests/scenarios/good/"*) ok ;;
    *) bad "completion of a folder on the way to a scenario" ;;
    esac
fi

# 3. make install: binary, scenarios, man page, completion, under DESTDIR
root="$tmp/root"
if make --no-print-directory -o govsim install DESTDIR="$root" PREFIX=/usr >"$tmp/install.log" 2>&1 &&
    [ -x "$root/usr/bin/govsim" ] && [ -s "$root/usr/share/man/man1/govsim.1" ] &&
    [ -s "$root/usr/share/bash-completion/completions/govsim" ] &&
    [ -s "$root/usr/share/govsim/scenarios/xuzhou.cfg" ]; then ok; else
    bad "make install DESTDIR: $(tail -n 3 "$tmp/install.log"); $(cd "$root" 2>/dev/null && find . -type f | head)"
fi

# 4. --version: govsim's, then GSL's, igraph's and libconfig's, as pkg-config knows them
"$govsim" --version >"$tmp/version" 2>&1
for lib in gsl igraph libconfig; do
    v=$(pkg-config --modversion "$lib" 2>/dev/null)
    name=$(echo "$lib" | sed 's/^gsl$/GSL/')
    if [ -n "$v" ] && grep -q "^$name .*$v" "$tmp/version"; then ok
    elif [ -z "$v" ] && grep -q "^$name [0-9]" "$tmp/version"; then ok
    else bad "--version: no '$name $v' line: $(cat "$tmp/version")"; fi
done
"$govsim" version >"$tmp/version2" 2>&1
cmp -s "$tmp/version" "$tmp/version2" && ok || bad "govsim version and govsim --version differ"

echo "$pass $fail"
