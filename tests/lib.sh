# shellcheck shell=bash
# Shared shell helpers for tests/run.sh, tools/demo.sh and bench/run.sh.
# Source it from bash after `set -u`; it sets ROOT (the repository root,
# and cds there) and BUILD (absolute build directory, default build/).

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 1
BUILD=${BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
# The tree, for tests that read its files (unit/test-abi-layout: without it,
# three levels above its binary, which is not the tree when BUILD is not in it).
export MIMIC_ROOT="$ROOT"

HOST_CC=${HOST_CC:-gcc}
# The persistent translation cache of the programs the tests run: in the
# build directory, not the user's (tests/pcache.sh uses its own).
export MIMIC_CACHE_DIR=${MIMIC_CACHE_DIR:-$BUILD/pcache}
JOBS=${JOBS:-2}

# ---------------------------------------------------------- the guest matrix
# One row per guest that the tests build programs for.  A front end adds its
# row here, and tests/run.sh builds and runs tests/guest/*.c for it in each
# of its variants, its instruction tests (tests/insn/PREFIX-*.c with a
# .expected file) and its fuzzers (tests/insn/PREFIX-*-fuzz.c, no .expected)
# against its reference emulator.  Rows for guests this mimic does not run
# (mimic -version) or whose compiler is missing are skipped.
#
#   guest_row NAME CC CFLAGS SYSROOT REFERENCE VARIANTS INSN
#     NAME       the guest as mimic names it ("arm")
#     CC         its cross compiler; CC_<NAME>=... in the environment overrides
#     CFLAGS     flags for every test program (-static, -m32 ...)
#     SYSROOT    its sysroot (the reference emulator's -L)
#     REFERENCE  the reference emulator command ("qemu-arm -cpu cortex-a15")
#     VARIANTS   builds of each guest program, "TAG:FLAGS;TAG:FLAGS..."; the
#                test names are guest/PROG[TAG], so tags are unique per guest
#     INSN       instruction tests, "PREFIX=MODE:FLAGS,MODE:FLAGS;...":
#                tests/insn/PREFIX-*.c built once per MODE (insn/NAME, or
#                insn/NAME[MODE] when there are several)
GUESTS=()
declare -A G_CC G_CFLAGS G_SYSROOT G_REF G_VARIANTS G_INSN G_DIFFGEN G_REFPROGS G_DIFFFLAGS G_LDLIBS G_KNOWN
guest_row() {
    local name=$1 var="CC_$1"
    GUESTS+=("$name")
    G_CC[$name]=${!var:-$2}
    G_CFLAGS[$name]=$3
    G_SYSROOT[$name]=$4
    G_REF[$name]=$5
    G_VARIANTS[$name]=$6
    G_INSN[$name]=$7
}
guest_row arm arm-linux-gnueabihf-gcc "-static" /usr/arm-linux-gnueabihf "qemu-arm -cpu cortex-a15" \
    "arm-O0:-marm -O0;arm-O2:-marm -O2;thumb-O0:-mthumb -O0;thumb-O2:-mthumb -O2;neon-O3:-mthumb -O3 -mfpu=neon-vfpv4 -ffp-contract=off;armv8-O3:-marm -O3 -march=armv8-a+crc -mfpu=crypto-neon-fp-armv8 -ffp-contract=off" \
    "arm=arm:-marm;thumb=thumb:-mthumb;vfp=arm:-marm,thumb:-mthumb;neon=arm:-marm -mfpu=neon-vfpv4;v8=arm:-marm -march=armv8-a+crc -mfpu=crypto-neon-fp-armv8,thumb:-mthumb -march=armv8-a+crc -mfpu=crypto-neon-fp-armv8"
# SPARC: V8+ (what -m32 emits, EM_SPARC32PLUS) static at -O0 and -O2, dynamic
# (the 32-bit libraries live in lib32: the interpreter and a DT_RPATH, which
# dlopen from libc honours too, point there),
# and the program code as plain V8 (-mcpu=v8; the C library stays V8+).
SPARC_LIB32=/usr/sparc64-linux-gnu/lib32
guest_row sparc sparc64-linux-gnu-gcc "-m32" /usr/sparc64-linux-gnu "qemu-sparc32plus" \
    "v8plus-O0:-static -O0;v8plus-O2:-static -O2;v8plus-dyn:-O2 -Wl,--dynamic-linker=$SPARC_LIB32/ld-linux.so.2 -Wl,--disable-new-dtags,-rpath=$SPARC_LIB32;v8-O2:-static -mcpu=v8 -O2" \
    "sparc=v8plus:-static"
# Known failures, one "REGEX -- reason" per line, REGEX matching PROG[TAG]
# (tests/run.sh reports them as SKIP with the reason).  Tags are unique
# per guest, so one list serves every row.
G_KNOWN_ALL='
(unaligned|bigstack)\[v8.*\] -- output depends on the byte order (qemu-sparc32plus prints the same)
recursion\[v8plus-O0\] -- overflows the 8 MiB stack at -O0 with 96-byte SPARC frames (qemu-sparc32plus too)
procfs\[v8.*\] -- counts "processor" lines, which the SPARC /proc/cpuinfo format has none of
ipcmisc\[v8.*\] -- fadvise64 on SPARC: ENOSYS (syscall table, linux-user)
(threads|futexops)\[v8-O2\] -- -mcpu=v8 has no atomics: needs libatomic to link
rtsignals\[v8plus-dyn\] -- pthread_cancel: glibc finds no usable libgcc_s.so.1 for the unwind ("must be installed"; qemu hangs; open)
'
# i386: x87 math (gcc's default for i686) at -O0 and -O2, and SSE math
# with SSSE3 code generation (-msse2 -mssse3 -mfpmath=sse).
guest_row i386 i686-linux-gnu-gcc "-static" /usr/i686-linux-gnu "qemu-i386" \
    "i386-O0:-O0;i386-O2:-O2;i386-sse:-O2 -msse2 -mssse3 -mfpmath=sse" \
    "i386=i386:"
# Programs whose output depends on how a row evaluates floating point (x87
# keeps float and double intermediates in 80 bits: sqrtf's result, denormal
# double rounding, float sums): their expected output for the row is the
# reference emulator's run of the same binary instead of the native one.
G_REFPROGS[i386]="floatmath libm"
G_DIFFGEN[i386]="i386"
# Random-instruction programs from tests/difftest/gen.py --isa ISA (group diff).
G_DIFFGEN[arm]="arm thumb"
# PowerPC (32-bit, big-endian): static -O0/-O2 and a dynamic -O2 build (its
# libraries from the cross toolchain's sysroot, which mimic finds itself).
# -ffp-contract=off: GCC would fuse a*b+c into fmadd on PowerPC, which the
# x86-64 reference build does not (different, correct, results).
guest_row ppc powerpc-linux-gnu-gcc "-ffp-contract=off" /usr/powerpc-linux-gnu "qemu-ppc" \
    "ppc-O0:-static -O0;ppc-O2:-static -O2;ppc-dyn:-O2" \
    "ppc=ppc:-static"
# 64-bit atomics are library calls on 32-bit PowerPC.
G_LDLIBS[ppc]="-latomic"
# Random programs from tests/difftest/gen.py --isa ppc (gen_ppc.py lists the
# qemu-ppc differences it steers around), run with harness-ppc.c.
G_DIFFGEN[ppc]="ppc"
# The ARM row's compiler, for the ARM-only scripts (demo, bench, binfmt test).
ARM_CC=${G_CC[arm]}

# Install missing packages when we can (root or passwordless sudo); stay
# quiet when everything is there.  Never fatal: missing tools show up as
# SKIP/FAIL lines later.
ensure_deps() {
    if ! "$ROOT/tools/install-deps.sh" --check 2>/dev/null; then
        "$ROOT/tools/install-deps.sh" || echo "warning: could not install all dependencies" >&2
    fi
}

have() { command -v "$1" >/dev/null 2>&1; }

# ensure_deb_src LOGDIR: apt can fetch Debian source packages (`apt-get
# source`); adds a deb-src entry for bookworm when there is none (root
# only).  False, with the reason on stdout, when it cannot.
ensure_deb_src() {
    if grep -rqsE '^(deb-src|Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/; then
        return 0
    fi
    [ "$(id -u)" -eq 0 ] || { echo "no deb-src entry in the apt sources and not root"; return 1; }
    echo "adding a deb-src entry for bookworm (/etc/apt/sources.list.d/mimic-deb-src.sources)" >&2
    cat >/etc/apt/sources.list.d/mimic-deb-src.sources <<'EOF'
# Added by mimic's tests (tests/lib.sh): source packages for make bench and
# the srcprogs test group.
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    apt-get update -q >"$1/apt-update.log" 2>&1 || { echo "apt-get update failed (see $1/apt-update.log)"; return 1; }
}

# fetch_src DIR PKG: the unpacked source of Debian package PKG under DIR
# (downloaded once, `apt-get source`), printed; false when it cannot be
# fetched (the log is DIR/fetch-PKG.log).
fetch_src() {
    local dir=$1 pkg=$2 d
    d=$(find "$dir" -maxdepth 1 -type d -name "$pkg-*" | head -1)
    if [ -z "$d" ]; then
        (cd "$dir" && apt-get source -q "$pkg") >"$dir/fetch-$pkg.log" 2>&1 || return 1
        d=$(find "$dir" -maxdepth 1 -type d -name "$pkg-*" | head -1)
    fi
    [ -n "$d" ] && echo "$d"
}

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
