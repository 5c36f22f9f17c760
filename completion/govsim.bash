# bash completion for govsim(1): commands, each command's options (read
# from `govsim help COMMAND`, so they never drift from the option table),
# option values (--format, --progress) and files (*.cfg for scenarios,
# reforms and sweeps, *.csv for --design, folders for -o).
# Installed by `make install` into share/bash-completion/completions/.

_govsim_commands="run compare sweep plan check validate graph trace animate bench help version"

# The long and short options COMMAND takes, from its help text.
_govsim_options() {
    local prog=$1 cmd=$2
    "$prog" help $cmd 2>/dev/null |
        sed -n '/^options:/,/^$/p' | cut -c 1-27 | grep -o -- '-[-a-zA-Z]*'
}

_govsim() {
    local cur prev words cword split
    if declare -F _init_completion >/dev/null; then
        _init_completion -s || return # -s: --progress=li completes the value
    else
        cur=${COMP_WORDS[COMP_CWORD]}
        prev=${COMP_WORDS[COMP_CWORD - 1]}
        words=("${COMP_WORDS[@]}")
        cword=$COMP_CWORD
        if [[ $cur == --*=* ]]; then
            prev=${cur%%=*}
            cur=${cur#*=}
        fi
    fi
    local prog=${words[0]}
    if [ "$cword" -eq 1 ]; then
        COMPREPLY=($(compgen -W "$_govsim_commands --help --version" -- "$cur"))
        return
    fi
    local cmd=${words[1]}
    if [ "$cmd" = bench ]; then
        if [ "$cword" -eq 2 ]; then
            COMPREPLY=($(compgen -W "hold mm1 scenario" -- "$cur"))
            return
        fi
        cmd="bench ${words[2]}"
    fi
    if [ "$cmd" = help ]; then
        COMPREPLY=($(compgen -W "$_govsim_commands" -- "$cur"))
        return
    fi
    case $prev in
    --format)
        COMPREPLY=($(compgen -W "table csv json" -- "$cur"))
        return ;;
    --progress)
        COMPREPLY=($(compgen -W "bar lines none" -- "$cur"))
        return ;;
    --lang)
        COMPREPLY=($(compgen -W "en zh" -- "$cur"))
        return ;;
    --event-log)
        COMPREPLY=($(compgen -f -- "$cur"))
        return ;;
    -o | --output)
        COMPREPLY=($(compgen -d -- "$cur"))
        return ;;
    --design)
        COMPREPLY=($(compgen -f -X '!*.csv' -- "$cur") $(compgen -d -S / -- "$cur"))
        return ;;
    --reform)
        COMPREPLY=($(compgen -f -X '!*.cfg' -- "$cur") $(compgen -d -S / -- "$cur"))
        return ;;
    -r | --replications | -j | --threads | --days | --seed | --set | --combine | --size | \
        --holds | --customers | --rate | --service | --region | --case)
        return ;; # a value of the user's own
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_govsim_options "$prog" "$cmd")" -- "$cur"))
        return
    fi
    case $cmd in
    run | compare | sweep | plan | check | graph | trace | animate | "bench scenario")
        # scenario, reform and sweep files, and folders to find them in
        COMPREPLY=($(compgen -f -X '!*.cfg' -- "$cur") $(compgen -d -S / -- "$cur"))
        [ ${#COMPREPLY[@]} -eq 1 ] && [[ ${COMPREPLY[0]} == */ ]] && compopt -o nospace 2>/dev/null
        ;;
    esac
}
complete -F _govsim govsim govsim-mpi
