#!/usr/bin/env bash
# Core dumps, for each guest row that runs:
#  - coredump/corefile[GUEST]: tests/coredump/corefile.c built natively and
#    for the guest; a child dies of SIGSEGV with RLIMIT_CORE unlimited and the
#    parent reads its core back (WCOREDUMP, ELF core of its own machine, pc
#    of the crash, auxv, NT_FILE, memory).  The native run (the host kernel's
#    core) is the expected output.
#  - coredump/gdb-backtrace[GUEST]: gdb-multiarch, given the program and the
#    core mimic wrote, shows the guest's backtrace (crash_here <- level2 <-
#    main) and the signal; the shell saw "core dumped".
# SKIP for a guest whose front end has no TargetOps.core_regs yet (not in
# CORE_GUESTS below), without gdb-multiarch, or with a core_pattern other
# than a plain relative name.
set -u
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# The guests whose front end fills TargetOps.core_regs (add yours).
CORE_GUESTS=" arm i386 ppc "
# Guests whose cores mimic writes but this test cannot check, and why.
declare -A CORE_WHY=([sparc]="gdb-multiarch finds no registers in a 32-bit SPARC core (the sparc64 kernel's compat note layout is not verified here), and which e_machine such a core carries is not checked")

MIMIC="$BUILD/mimic"
T="$BUILD/tests/coredump"
mkdir -p "$T"
pat=$(cat /proc/sys/kernel/core_pattern 2>/dev/null)
linked=$("$MIMIC" -version 2>/dev/null | sed -n 's/.*(guests: *\(.*\)).*/\1/p')

cat >"$T/crash.c" <<'C'
#include <stdio.h>
__attribute__((noinline)) void crash_here(volatile int *p) { *p = 42; }
__attribute__((noinline)) void level2(volatile int *p) { crash_here(p); __asm__ volatile("" ::: "memory"); }
int main(void) { puts("crashing"); fflush(stdout); level2((volatile int *)8); return 0; }
C

# The native build's output is the expected output of corefile.c.
src="$ROOT/tests/coredump/corefile.c"
if stale "$T/corefile.native" "$src"; then
    "$HOST_CC" -O2 -w -o "$T/corefile.native" "$src" >"$T/corefile.native.log" 2>&1
fi
if [ -x "$T/corefile.native" ]; then
    "$T/corefile.native" >"$T/corefile.expected" 2>/dev/null
fi

for g in "${GUESTS[@]}"; do
    name="coredump/corefile[$g]"
    if [ -n "$linked" ] && [[ " $linked " != *" $g "* ]]; then
        echo "SKIP $name (mimic does not run $g programs)"
    elif [[ "$CORE_GUESTS" != *" $g "* ]]; then
        echo "SKIP $name (${CORE_WHY[$g]:-no core dumps for $g yet: TargetOps.core_regs})"
    elif ! have "${G_CC[$g]}"; then
        echo "SKIP $name (${G_CC[$g]} not installed)"
    elif [ ! -s "$T/corefile.expected" ]; then
        echo "FAIL $name (native build or run failed: $T/corefile.native.log)"
    elif head -n 1 "$T/corefile.expected" | grep -q '^SKIP: '; then
        echo "SKIP $name ($(head -n 1 "$T/corefile.expected" | cut -c7-))"
    else
        bin="$T/corefile.$g"
        # shellcheck disable=SC2086
        if stale "$bin" "$src" && ! "${G_CC[$g]}" ${G_CFLAGS[$g]} -static -O2 -w -o "$bin" "$src" >"$bin.log" 2>&1; then
            echo "FAIL $name (build failed: $bin.log)"
        else
            { timeout -k 5 60 "$MIMIC" "$bin" >"$T/corefile.$g.out" 2>"$T/corefile.$g.err"; } 2>/dev/null
            if cmp -s "$T/corefile.expected" "$T/corefile.$g.out"; then
                echo "PASS $name"
            else
                echo "FAIL $name (output differs from the native run; see $T/corefile.$g.out)"
            fi
        fi
    fi

    name="coredump/gdb-backtrace[$g]"
    if [ -n "$linked" ] && [[ " $linked " != *" $g "* ]]; then
        echo "SKIP $name (mimic does not run $g programs)"; continue
    fi
    if [[ "$CORE_GUESTS" != *" $g "* ]]; then
        echo "SKIP $name (${CORE_WHY[$g]:-no core dumps for $g yet: TargetOps.core_regs})"; continue
    fi
    if ! have gdb-multiarch; then echo "SKIP $name (gdb-multiarch not installed)"; continue; fi
    if ! have "${G_CC[$g]}"; then echo "SKIP $name (${G_CC[$g]} not installed)"; continue; fi
    case "$pat" in
    "|"* | /* | "") echo "SKIP $name (core_pattern is '$pat')"; continue ;;
    esac
    d="$T/$g"
    rm -rf "$d"
    mkdir -p "$d"
    # shellcheck disable=SC2086
    if ! "${G_CC[$g]}" ${G_CFLAGS[$g]} -static -g -O1 -o "$d/crash" "$T/crash.c" >"$d/cc.log" 2>&1; then
        echo "FAIL $name (build failed: $d/cc.log)"; continue
    fi
    { (cd "$d" && ulimit -c unlimited && exec "$MIMIC" ./crash) >"$d/out" 2>"$d/err"; } 2>/dev/null
    rc=$?
    st=$( (cd "$d" && ulimit -c unlimited && bash -c "\"$MIMIC\" ./crash >/dev/null 2>&1; true") 2>&1)
    core=$(cd "$d" && ls core* 2>/dev/null | head -1)
    if [ "$rc" -ne 139 ]; then echo "FAIL $name (exit status $rc, expected SIGSEGV)"; continue; fi
    if [[ "$st" != *"core dumped"* ]]; then echo "FAIL $name (the shell did not see WCOREDUMP: $st)"; continue; fi
    if [ -z "$core" ]; then echo "FAIL $name (no core file in $d)"; continue; fi
    gdb-multiarch -nx -batch -ex "bt" -ex "info registers" "$d/crash" "$d/$core" >"$d/gdb.out" 2>&1
    if grep -q "crash_here" "$d/gdb.out" && grep -q "level2" "$d/gdb.out" &&
        grep -q " main " "$d/gdb.out" && grep -q "SIGSEGV" "$d/gdb.out"; then
        echo "PASS $name"
    else
        echo "FAIL $name (gdb-multiarch backtrace lacks crash_here/level2/main/SIGSEGV; see $d/gdb.out)"
    fi
done
