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
#    SPARC: gdb reads a 32-bit SPARC Linux core's registers with its
#    sparc32 core map (NT_PRSTATUS's elf_gregset_t: g0-g7 o0-o7 l0-l7
#    i0-i7 psr pc npc y wim tbr, 38 words, in a 228-byte compat
#    elf_prstatus; NT_PRFPREG 99 words; e_machine EM_SPARC, as the sparc64
#    kernel's 32-bit regset view writes them), but only where BFD knows the
#    note's size: elf32-sparc has no grok_prstatus, and the generic one
#    accepts the build host's own prstatus sizes only (a native sparc gdb,
#    not gdb-multiarch on x86-64, which reads no registers even from a real
#    kernel's core).  So for SPARC the registers are taken from the note by
#    the test itself (sparc_core_regs below) and gdb names what they point
#    at: pc in crash_here, %i7 in level2, and the return addresses of the
#    older windows, which the kernel (mimic) spilled to the stack before
#    dumping: level2's saved %i7 at crash_here's %fp + 60 in main, main's
#    saved %i7 (at level2's saved %fp, read at %fp + 56, plus 60) in
#    __libc_start*.
# SKIP for a guest whose front end has no TargetOps.core_regs yet (not in
# CORE_GUESTS below), without gdb-multiarch, or with a core_pattern other
# than a plain relative name.
set -u
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# The guests whose front end fills TargetOps.core_regs (add yours).
CORE_GUESTS=" arm i386 ppc sparc "
# Guests whose cores mimic writes but this test cannot check, and why.
declare -A CORE_WHY=()

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

# sparc_core_regs CORE: "cursig e_machine fpnote pc i7 i6" from a 32-bit
# big-endian SPARC core (fpnote: NT_PRFPREG's size, 0 when absent).
sparc_core_regs() {
    python3 - "$1" <<'PY'
import struct, sys
b = open(sys.argv[1], "rb").read()
machine = struct.unpack_from(">H", b, 18)[0]
phoff, = struct.unpack_from(">I", b, 28)
phnum, = struct.unpack_from(">H", b, 44)
regs, cursig, fp = None, 0, 0
for i in range(phnum):
    ptype, off, _, _, filesz = struct.unpack_from(">5I", b, phoff + 32 * i)
    if ptype != 4:  # PT_NOTE
        continue
    p = off
    while p < off + filesz:
        namesz, descsz, ntype = struct.unpack_from(">3I", b, p)
        desc = p + 12 + (namesz + 3) // 4 * 4
        if ntype == 1 and regs is None and descsz == 228:  # NT_PRSTATUS
            cursig, = struct.unpack_from(">H", b, desc + 12)
            regs = struct.unpack_from(">38I", b, desc + 72)
        elif ntype == 2:  # NT_PRFPREG
            fp = descsz
        p = desc + (descsz + 3) // 4 * 4
if regs is None:
    print("none")
else:
    print(cursig, machine, fp, "%#x %#x %#x" % (regs[33], regs[31], regs[30]))
PY
}

# sparc_core_check NAME DIR CORE: the SPARC form of gdb-backtrace (above).
sparc_core_check() {
    local name=$1 d=$2 core=$3 r sig mach fp pc i7 i6
    r=$(sparc_core_regs "$d/$core")
    read -r sig mach fp pc i7 i6 <<<"$r"
    if [ "$sig" != 11 ] || [ "$mach" != 2 ] || [ "$fp" != 396 ]; then
        echo "FAIL $name (NT_PRSTATUS/NT_PRFPREG/e_machine not as a sparc64 kernel writes them: $r)"
        return
    fi
    gdb-multiarch -nx -batch -ex "info symbol $pc" -ex "info symbol $i7" \
        -ex "info symbol *(unsigned int *)($i6 + 60)" \
        -ex "info symbol *(unsigned int *)(*(unsigned int *)($i6 + 56) + 60)" \
        "$d/crash" "$d/$core" >"$d/gdb.out" 2>&1
    if [ "$(grep -c " in section " "$d/gdb.out")" = 4 ] &&
        grep -q "^crash_here" "$d/gdb.out" && grep -q "^level2" "$d/gdb.out" &&
        grep -q "^main" "$d/gdb.out" && grep -q "^__libc_start" "$d/gdb.out"; then
        echo "PASS $name"
    else
        echo "FAIL $name (pc, i7, spilled i7s are not crash_here, level2, main, __libc_start*: $r; see $d/gdb.out)"
    fi
}

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
    if [ "$g" = sparc ]; then
        sparc_core_check "$name" "$d" "$core"
        continue
    fi
    gdb-multiarch -nx -batch -ex "bt" -ex "info registers" "$d/crash" "$d/$core" >"$d/gdb.out" 2>&1
    if grep -q "crash_here" "$d/gdb.out" && grep -q "level2" "$d/gdb.out" &&
        grep -q " main " "$d/gdb.out" && grep -q "SIGSEGV" "$d/gdb.out"; then
        echo "PASS $name"
    else
        echo "FAIL $name (gdb-multiarch backtrace lacks crash_here/level2/main/SIGSEGV; see $d/gdb.out)"
    fi
done
