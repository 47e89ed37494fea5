#!/usr/bin/env bash
# Core dumps a debugger can read: a guest program killed by SIGSEGV under
# mimic with `ulimit -c unlimited` leaves a core that gdb-multiarch, given
# the program and the core, shows the guest's backtrace from
# (crash_here <- level2 <- main), with the signal; and the guest's parent
# saw WCOREDUMP (the shell says "core dumped").  For each guest row that
# runs; SKIP without gdb-multiarch or with a core_pattern other than a
# plain relative name.
set -u
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

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

for g in "${GUESTS[@]}"; do
    name="coredump/gdb-backtrace[$g]"
    if [ -n "$linked" ] && [[ " $linked " != *" $g "* ]]; then
        echo "SKIP $name (mimic does not run $g programs)"; continue
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
    if ! "${G_CC[$g]}" ${G_CFLAGS[$g]} -g -O1 -o "$d/crash" "$T/crash.c" >"$d/cc.log" 2>&1; then
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
