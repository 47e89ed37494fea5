#!/usr/bin/env bash
# Real Debian armhf programs, unchanged, under mimic.
#
#   tests/debian/run.sh [NAME...]     (default: every tests/debian/cases/*.sh)
#
# Builds (or reuses) the armhf sysroot with tools/sysroot.sh, then runs each
# case twice: under the emulator against the sysroot, and natively with the
# host's amd64 build of the same Debian packages.  The outputs (stdout and
# the exit status) must match.  A case with a NAME.expected file beside it is
# compared with that file instead (a known answer; the native run is not
# needed then).
#
# Prints only "PASS name", "FAIL name (reason)" and "SKIP name (reason)"
# lines, one per case, and exits 1 if any case failed.  Without network for
# the first sysroot build every case SKIPs (never FAILs).
#
# A case is a bash script run in a fresh empty directory.  It calls guest
# programs as `g PROG ARGS...` (PROG names a program in /usr/bin) and may use
# host tools for everything else.  Header comments it may have:
#   # needs: fork exec     what of mimic it relies on (shown on FAIL)
#   # host: lua5.4         host programs the native run needs (else SKIP)
#   # mimic-only: why      SKIP under EMU=... (checks mimic's own rules)
#   # status: N            the exit status a known-answer case expects
#   # arch: armhf          the Debian architectures it is for (default all)
#   # i386-ref: qemu-i386  on i386, the expected output is this emulator's
#                          run, not the native amd64 one (x87 arithmetic:
#                          doubles rounded twice, through 80 bits)
# A known answer NAME.ARCH.expected is preferred to NAME.expected.
#
# Environment:
#   BUILD=dir           build directory (default build)
#   EMU="cmd ..."       emulator instead of $BUILD/mimic (e.g. EMU=qemu-arm,
#                       to check the cases themselves); it gets -L SYSROOT
#   DEBIAN_ARCH=i386    the Debian architecture of the guest programs
#                       (default armhf; i386 runs the same cases on the
#                       i386 guest, its test names debian-i386/NAME)
#   SYSROOT=dir         the sysroot (default $BUILD/sysroot-$DEBIAN_ARCH)
#   TIMEOUT=s           per case and run (default 60; cases take < 20 s)
#   KEEP=1              keep the work directories ($BUILD/tests/debian)
set -u
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

CASES="$ROOT/tests/debian/cases"
DEBIAN_ARCH=${DEBIAN_ARCH:-armhf}
SYSROOT=${SYSROOT:-$BUILD/sysroot-$DEBIAN_ARCH}
case "$SYSROOT" in /*) ;; *) SYSROOT="$ROOT/$SYSROOT" ;; esac
TIMEOUT=${TIMEOUT:-60}
W="$BUILD/tests/debian"
PFX=debian
if [ "$DEBIAN_ARCH" != armhf ]; then
    W="$BUILD/tests/debian-$DEBIAN_ARCH"
    PFX=debian-$DEBIAN_ARCH
fi
if [ -n "${EMU:-}" ]; then
    read -r -a EMU_CMD <<<"$EMU"
else
    EMU_CMD=("$BUILD/mimic")
fi

failed=0
pass() { echo "PASS $PFX/$1"; }
fail() { echo "FAIL $PFX/$1 ($2)"; failed=1; }
skip() { echo "SKIP $PFX/$1 ($2)"; }

names=()
if [ $# -gt 0 ]; then
    names=("$@")
else
    for f in "$CASES"/*.sh; do
        n=${f##*/}
        names+=("${n%.sh}")
    done
fi

# The header field FIELD of case NAME ("# needs: fork exec" -> "fork exec").
header() {
    sed -n "s/^# $2: *//p" "$CASES/$1.sh" | head -1
}

# Why nothing can run at all (empty if things can).
why_not=
if [ ! -x "${EMU_CMD[0]}" ] && ! have "${EMU_CMD[0]}"; then
    why_not="FAIL:${EMU_CMD[0]} not built"
else
    mkdir -p "$BUILD" "$W"
    SYSROOT_ARCH=$DEBIAN_ARCH "$ROOT/tools/sysroot.sh" "$SYSROOT" >"$W/sysroot.log" 2>&1
    rc=$?
    if [ "$rc" -eq 2 ]; then
        why_not="SKIP:$(tail -1 "$W/sysroot.log" | sed 's/^sysroot: //')"
    elif [ "$rc" -ne 0 ]; then
        why_not="FAIL:tools/sysroot.sh failed: $(tail -1 "$W/sysroot.log")"
    fi
fi

# run_case NAME MODE: run the case in $W/NAME.MODE (MODE emu or host),
# leaving out, err and rc there.
run_case() {
    local name=$1 mode=$2 d="$W/$1.$2"
    rm -rf "$d"
    mkdir -p "$d/work"
    # The case sees g() and a clean, fixed environment.
    (
        cd "$d/work" || exit 99
        export MODE=$mode SYSROOT
        export EMU_STR="${EMU_CMD[*]}"
        # (Python's byte-code caches go to the run's directory, not into
        # the sysroot's or the host's /usr/lib/python3.11.)
        env -i PATH=/usr/bin:/bin LC_ALL=C TZ=UTC HOME="$d/work" \
            PYTHONPYCACHEPREFIX="$d/pycache" \
            MODE="$mode" SYSROOT="$SYSROOT" EMU_STR="$EMU_STR" REF_STR="${REF_STR:-}" \
            timeout -k 5 "$TIMEOUT" bash -c '
                # g PROG ARGS...: a Debian program: the guest one under the
                # emulator (or the reference one) or the host native one.
                g() {
                    local p=$1; shift
                    case "$p" in /*) ;; *) p=/usr/bin/$p ;; esac
                    if [ "$MODE" = emu ]; then
                        $EMU_STR -L "$SYSROOT" "$SYSROOT$p" "$@"
                    elif [ "$MODE" = ref ]; then
                        $REF_STR -L "$SYSROOT" "$SYSROOT$p" "$@"
                    else
                        "$p" "$@"
                    fi
                }
                export -f g
                . "$1"' case "$CASES/$name.sh"
    ) >"$d/out" 2>"$d/err" </dev/null
    echo $? >"$d/rc"
}

for name in "${names[@]}"; do
    if [ ! -f "$CASES/$name.sh" ]; then
        fail "$name" "no such case $CASES/$name.sh"
        continue
    fi
    case "$why_not" in
        SKIP:*) skip "$name" "${why_not#SKIP:}"; continue ;;
        FAIL:*) fail "$name" "${why_not#FAIL:}"; continue ;;
    esac
    if [ -n "${EMU:-}" ] && [ -n "$(header "$name" mimic-only)" ]; then
        skip "$name" "tests mimic's own behaviour, not $EMU's"
        continue
    fi
    arch=$(header "$name" arch)
    if [ -n "$arch" ] && [[ " $arch " != *" $DEBIAN_ARCH "* ]]; then
        skip "$name" "only for $arch"
        continue
    fi
    needs=$(header "$name" needs)
    note=${needs:+; needs $needs}
    expf="$CASES/$name.$DEBIAN_ARCH.expected"
    [ -f "$expf" ] || expf="$CASES/$name.expected"
    if [ -f "$expf" ]; then
        exp_out="$expf"
        exp_rc=$(header "$name" status)
        exp_rc=${exp_rc:-0}
    elif [ "$DEBIAN_ARCH" = i386 ] && [ -n "$(header "$name" i386-ref)" ]; then
        REF_STR=$(header "$name" i386-ref)
        if ! have "${REF_STR%% *}"; then
            skip "$name" "no ${REF_STR%% *} to compare with"
            continue
        fi
        REF_STR=$REF_STR run_case "$name" ref
        exp_out="$W/$name.ref/out"
        exp_rc=$(cat "$W/$name.ref/rc")
    else
        missing=
        for h in $(header "$name" host); do
            [ -x "/usr/bin/$h" ] || missing="$missing $h"
        done
        if [ -n "$missing" ]; then
            skip "$name" "host lacks${missing} to compare with (apt-get install it)"
            continue
        fi
        run_case "$name" host
        exp_out="$W/$name.host/out"
        exp_rc=$(cat "$W/$name.host/rc")
        if [ "$exp_rc" -eq 124 ] || [ "$exp_rc" -eq 99 ]; then
            fail "$name" "native run $(describe_status "$exp_rc"): the case itself is broken"
            continue
        fi
        if [ ! -s "$exp_out" ]; then
            fail "$name" "native run printed nothing: the case itself is broken"
            continue
        fi
    fi
    run_case "$name" emu
    d="$W/$name.emu"
    rc=$(cat "$d/rc")
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
        fail "$name" "timed out after ${TIMEOUT}s$note"
    elif ! cmp -s "$exp_out" "$d/out"; then
        line=$(diff -a "$exp_out" "$d/out" | grep -m1 '^[<>]' | cut -c1-60)
        fail "$name" "output differs: $line; $(describe_status "$rc")$note"
    elif [ "$rc" != "$exp_rc" ]; then
        fail "$name" "$(describe_status "$rc"), expected $(describe_status "$exp_rc")$note"
    else
        pass "$name"
        [ "${KEEP:-0}" = 1 ] || rm -rf "$W/$name.emu" "$W/$name.host" "$W/$name.ref"
    fi
done
exit $failed
