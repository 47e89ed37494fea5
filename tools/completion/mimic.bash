# bash completion for mimic and mimic-<guest> (installed by `make install`).
_mimic() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} i
    local opts="-L -E -U -0 -s -cpu -r -seed -strace -d -D -dfilter -one-insn-per-tb
                -singlestep -g -version -h -help --binfmt"
    # After the program, complete as for the program (files).
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
        -L | -E | -U | -0 | -s | -cpu | -r | -seed | -d | -D | -dfilter | -g) ((i++)) ;;
        --binfmt)
            COMPREPLY=($(compgen -W "install uninstall status help --target --sysroot
                --persistent --interpreter --dry-run" -- "$cur"))
            return ;;
        -*) ;;
        *) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        esac
    done
    case $prev in
    -L) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    -D) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    -cpu) COMPREPLY=($(compgen -W "help $("${COMP_WORDS[0]}" -cpu help 2>/dev/null | sed -n 's/^  [^:]*://p')" -- "$cur")); return ;;
    -d) COMPREPLY=($(compgen -W "help in_asm op op_opt out_asm exec cpu nochain int guest_errors unimp strace stats page" -- "${cur##*,}")); return ;;
    -E | -U | -0 | -s | -r | -seed | -dfilter | -g) return ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}
complete -F _mimic -o filenames mimic mimic-arm mimic-i386 mimic-ppc mimic-sparc mimic-sparc32plus
