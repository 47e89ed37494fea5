# shellcheck shell=bash
# Shared shell helpers for tests/run.sh, tools/demo.sh and bench/run.sh.
# Source it from bash after `set -u`; it sets ROOT (the repository root,
# and cds there) and BUILD (absolute build directory, default build/).

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 1
BUILD=${BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac

ARM_CC=${ARM_CC:-arm-linux-gnueabihf-gcc}
HOST_CC=${HOST_CC:-gcc}
JOBS=${JOBS:-2}

# Install missing packages when we can (root or passwordless sudo); stay
# quiet when everything is there.  Never fatal: missing tools show up as
# SKIP/FAIL lines later.
ensure_deps() {
    if ! "$ROOT/tools/install-deps.sh" --check 2>/dev/null; then
        "$ROOT/tools/install-deps.sh" || echo "warning: could not install all dependencies" >&2
    fi
}

have() { command -v "$1" >/dev/null 2>&1; }

# stale OUT SRC...: true when OUT is missing or older than any SRC.
stale() {
    local out=$1 s
    shift
    [ -e "$out" ] || return 0
    for s in "$@"; do
        [ "$s" -nt "$out" ] && return 0
    done
    return 1
}

# Describe an exit status the way a shell user thinks of it.
describe_status() {
    local rc=${1:-}
    if ! [[ "$rc" =~ ^[0-9]+$ ]]; then
        echo "no exit status recorded"
    elif [ "$rc" -eq 124 ]; then
        echo "timed out"
    elif [ "$rc" -gt 128 ] && [ "$rc" -lt 160 ]; then
        local sig
        sig=$(kill -l $((rc - 128)) 2>/dev/null || echo $((rc - 128)))
        echo "killed by SIG$sig"
    else
        echo "exit $rc"
    fi
}

# Median of numbers given one per line on stdin.
median() {
    sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) { print "nan"; exit }
        if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

now_ns() { date +%s%N; }
