#!/bin/sh
# The one option table (cli/options.c): every command takes its options
# the same way, prints its own help, and suggests the option meant.
# Usage: sh tests/e2e/t_options.sh GOVSIM TMPDIR
govsim=$1
tmp=$2
. tests/e2e/lib.sh

# expect CODE WHERE PATTERN ARGS...: exit code and a fixed string on
# stdout (WHERE=out) or stderr (WHERE=err)
expect() {
    code=$1 where=$2 pattern=$3
    shift 3
    "$govsim" "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" -eq "$code" ] && grep -qF -- "$pattern" "$tmp/$where"; then ok
    else ko "govsim $*: exit $got (expected $code, '$pattern' on std$where)"; fi
}

for cmd in run compare sweep check validate graph; do
    expect 0 out "usage: govsim $cmd" help "$cmd"
    expect 0 out "usage: govsim $cmd" "$cmd" --help
    # the help lists only options the command takes, and -h always
    expect 0 out "-h, --help" help "$cmd"
done
expect 0 out "usage: govsim bench mm1" help bench mm1
expect 0 out "--customers N" bench mm1 --help
expect 2 err "no command 'frob' to explain" help frob

# the same options, the same ranges, everywhere
for cmd in run compare; do
    expect 2 err "-r '0': expected a whole number from 1 to 100000" "$cmd" x.cfg -r 0
    expect 2 err "--seed '9223372036854775808': expected a whole number from 0 to 9223372036854775807" \
        "$cmd" x.cfg --seed 9223372036854775808
    # long spellings are taken too (compare refused --threads before)
    expect 2 err "x.cfg" "$cmd" x.cfg --threads 2 --replications 3
done
expect 2 err "--seed '9223372036854775808': expected a whole number from 0" \
    validate --seed 9223372036854775808
expect 2 err "-j '0': expected a whole number from 1 to 256" sweep x.cfg -j 0
expect 2 err "option --days needs a value" run x.cfg --days
expect 2 err "option --quiet takes no value" run x.cfg --quiet=yes

# "did you mean"
expect 2 err "unknown option '--sed' (did you mean '--seed'?)" run x.cfg --sed 3
expect 2 err "unknown option '--replicatons' (did you mean '--replications'?)" compare x.cfg --replicatons 3
expect 2 err "unknown command 'valdate' (did you mean 'validate'?)" valdate
expect 2 err "Try 'govsim help run'." run x.cfg --frob
echo "$pass $fail"
