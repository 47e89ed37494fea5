#!/usr/bin/env bash
# Tests of the persistent translation cache (tcg/pcache.c) with ARM
# programs: reuse by a second run, a changed program file, corrupt and
# truncated cache files, concurrent writers, unusable cache directories,
# --no-cache / MIMIC_CACHE=0, files of the wrong owner or mode.  Outputs are
# compared with qemu-arm's (or the expected text); "loaded" counts come from
# -d stats.  Same output format as tests/run.sh (group "pcache").
set -u
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

T="$BUILD/tests/pcache"
M="$BUILD/mimic"
mkdir -p "$T"
ARM_LIBS=/usr/arm-linux-gnueabihf

npass=0 nfail=0 nskip=0
pass() { echo "PASS pcache/$1"; npass=$((npass + 1)); }
fail() { echo "FAIL pcache/$1 ($2)"; nfail=$((nfail + 1)); }
skip() { echo "SKIP pcache/$1 ($2)"; nskip=$((nskip + 1)); }
summary() {
    local s="$npass passed, $nfail failed"
    [ "$nskip" -gt 0 ] && s="$s, $nskip skipped"
    echo "$s"
    [ "$nfail" -eq 0 ]
}

if ! have "$ARM_CC"; then
    skip all "no ARM cross compiler ($ARM_CC)"
    summary
    exit
fi

# Two programs with the same name and different code (the file changes).
cat >"$T/prog.c" <<'EOF'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static unsigned mix(unsigned x) { return x * 2654435761u ^ (x >> VARIANT); }
int main(int argc, char **argv)
{
    unsigned h = 0;
    char buf[64];
    for (int i = 0; i < 2000; i++) {
        snprintf(buf, sizeof buf, "%d:%s", i, argc > 1 ? argv[1] : "x");
        h = mix(h + (unsigned)strlen(buf) + (unsigned)buf[0]);
    }
    qsort(buf, strlen(buf), 1, (int (*)(const void *, const void *))strcmp);
    printf("variant %d: %08x\n", VARIANT, h);
    return 0;
}
EOF
for v in 3 5; do
    if stale "$T/prog$v" "$T/prog.c"; then
        "$ARM_CC" -O2 -static -DVARIANT=$v -o "$T/prog$v" "$T/prog.c" 2>"$T/build.log" ||
            { fail build "$(head -1 "$T/build.log")"; summary; exit; }
    fi
    if stale "$T/dyn$v" "$T/prog.c"; then
        "$ARM_CC" -O2 -DVARIANT=$v -o "$T/dyn$v" "$T/prog.c" 2>"$T/build.log" ||
            { fail build "$(head -1 "$T/build.log")"; summary; exit; }
    fi
done
want3=$(printf 'variant 3: %s\n' "$(qemu-arm "$T/prog3" 2>/dev/null | sed 's/.*: //')")
want5=$(printf 'variant 5: %s\n' "$(qemu-arm "$T/prog5" 2>/dev/null | sed 's/.*: //')")
have qemu-arm || { want3=; want5=; }

# run NAME DIR WANT CMD...: run with MIMIC_CACHE_DIR=DIR (and -d stats),
# check stdout is WANT (when not empty) and that stderr holds nothing but
# the stats; sets LOADED and SAVED (TBs, from the stats).
LOADED=0 SAVED=0
run() {
    local name=$1 d=$2 want=$3 out err
    shift 3
    out=$(MIMIC_CACHE_DIR=$d timeout -k 5 60 "$M" -d stats "$@" 2>"$T/err")
    local rc=$?
    err=$(grep -v '^mimic stats:' "$T/err")
    LOADED=$(sed -n 's/.*persistent cache: \([0-9]*\) TBs.*/\1/p' "$T/err")
    SAVED=$(sed -n 's/.* \([0-9]*\) TBs saved.*/\1/p' "$T/err")
    LOADED=${LOADED:-0} SAVED=${SAVED:-0}
    if [ $rc -ne 0 ]; then
        fail "$name" "$(describe_status $rc)"
        return 1
    elif [ -n "$want" ] && [ "$out" != "$want" ]; then
        fail "$name" "got '$out', want '$want'"
        return 1
    elif [ -n "$err" ]; then
        fail "$name" "unexpected stderr: $(head -c 120 <<<"$err")"
        return 1
    fi
    return 0
}
fresh() { rm -rf "$1"; }

# -- reuse: the second run loads what the first saved, same output.
D="$T/c-reuse"
fresh "$D"
cp "$T/prog3" "$T/p"
if run reuse-cold "$D" "$want3" "$T/p"; then
    if [ "$SAVED" -gt 0 ] && [ -n "$(ls "$D"/*.tbc 2>/dev/null)" ]; then pass reuse-cold
    else fail reuse-cold "nothing saved (saved=$SAVED)"; fi
fi
if run reuse-warm "$D" "$want3" "$T/p"; then
    if [ "$LOADED" -gt 0 ]; then pass reuse-warm; else fail reuse-warm "nothing loaded"; fi
fi
perm=$(stat -c %a "$D" 2>/dev/null)
if [ "$perm" = 700 ] && [ -z "$(find "$D" -type f ! -perm 600)" ]; then pass private-mode
else fail private-mode "directory mode $perm, or files not 0600"; fi
[ -z "$(ls "$D" | grep -v '\.tbc$')" ] && pass no-temp-files || fail no-temp-files "$(ls "$D" | head -3)"

# -- the program file changes (same path): the new code runs.
cp "$T/prog5" "$T/p"
if run changed-file "$D" "$want5" "$T/p"; then pass changed-file; fi
if run changed-file-warm "$D" "$want5" "$T/p"; then
    if [ "$LOADED" -gt 0 ]; then pass changed-file-warm; else fail changed-file-warm "nothing loaded"; fi
fi
# ... also when it changes in place (same inode).
cat "$T/prog3" >"$T/p"
if run changed-in-place "$D" "$want3" "$T/p"; then pass changed-in-place; fi

# -- dynamically linked: ld.so and libc come from the cache too.
if [ -e "$ARM_LIBS/lib/ld-linux-armhf.so.3" ]; then
    D2="$T/c-dyn"
    fresh "$D2"
    run dynamic-cold "$D2" "$want3" -L "$ARM_LIBS" "$T/dyn3" && pass dynamic-cold
    if run dynamic-warm "$D2" "$want3" -L "$ARM_LIBS" "$T/dyn3"; then
        n=$(ls "$D2"/*.tbc | wc -l)
        if [ "$LOADED" -gt 0 ] && [ "$n" -ge 2 ]; then pass dynamic-warm
        else fail dynamic-warm "loaded $LOADED TBs from $n files"; fi
    fi
else
    skip dynamic "no $ARM_LIBS/lib/ld-linux-armhf.so.3"
fi

# -- corrupt cache files: flipped bytes, truncation (half, or the last 100
# bytes), garbage, empty.
corrupt_all() { # DIR MODE
    local f sz
    for f in "$1"/*.tbc; do
        sz=$(stat -c %s "$f")
        case $2 in
        flip) # every 97th byte of the second half, inverted
            python3 - "$f" <<'EOF'
import sys
p = sys.argv[1]
b = bytearray(open(p, 'rb').read())
for i in range(len(b) // 2, len(b), 97):
    b[i] ^= 0xff
open(p, 'r+b').write(b)
EOF
            ;;
        truncate) truncate -s $((sz / 2)) "$f" ;;
        shorten) truncate -s $((sz - 100)) "$f" ;; # (still read whole: tcg/pcache.c, read_huge)
        garbage) head -c "$sz" /dev/urandom >"$f" ;;
        empty) : >"$f" ;;
        esac
    done
}
for mode in flip truncate shorten garbage empty; do
    D="$T/c-$mode"
    fresh "$D"
    run "corrupt-$mode-setup" "$D" "$want3" "$T/prog3" || continue
    corrupt_all "$D" $mode
    run "corrupt-$mode" "$D" "$want3" "$T/prog3" || continue
    # The next run rewrote the file: it is usable again.
    run "corrupt-$mode-again" "$D" "$want3" "$T/prog3" || continue
    pass "corrupt-$mode"
done
# Only some entries damaged: the others are still used.
D="$T/c-partial"
fresh "$D"
if run partial-setup "$D" "$want3" "$T/prog3"; then
    total=$SAVED
    for f in "$D"/*.tbc; do
        python3 - "$f" <<'EOF'
import sys
p = sys.argv[1]
b = bytearray(open(p, 'rb').read())
i = len(b) - 40   # inside the last entry
b[i] ^= 0x5a
open(p, 'r+b').write(b)
EOF
    done
    if run partial "$D" "$want3" "$T/prog3"; then
        if [ "$LOADED" -gt 0 ]; then pass corrupt-partial; else fail corrupt-partial "nothing loaded"; fi
    fi
fi

# -- concurrent writers: eight processes at once into one empty directory.
D="$T/c-conc"
fresh "$D"
ok=1
for k in 1 2 3 4 5 6 7 8; do
    (MIMIC_CACHE_DIR=$D timeout -k 5 60 "$M" "$T/prog3" "w$k" >"$T/conc.$k" 2>&1; echo $? >>"$T/conc.$k") &
done
wait
for k in 1 2 3 4 5 6 7 8; do
    want=$(MIMIC_CACHE=0 "$M" "$T/prog3" "w$k" 2>&1; echo $?)
    [ "$(cat "$T/conc.$k")" = "$want" ] || { ok=0; fail concurrent "writer $k: $(head -c 100 "$T/conc.$k")"; break; }
done
if [ $ok = 1 ]; then
    if [ -n "$(ls "$D" | grep -v '\.tbc$')" ]; then
        fail concurrent "temporary files left: $(ls "$D" | head -3)"
    elif run concurrent-after "$D" "" "$T/prog3" w1 && [ "$LOADED" -gt 0 ]; then
        pass concurrent
    else
        fail concurrent "the run after them loaded nothing"
    fi
fi

# -- two different programs' processes save the same library's cache file at
# once: the later writer merges the earlier one's file, so both programs
# find their libc translations afterwards (a warm run translates next to
# nothing).  Each does its own part of libc, then blocks on a fifo until
# both have done theirs, so neither saw the other's file when it started.
cat >"$T/shared.c" <<'EOF'
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
static int cmp(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }
int main(int argc, char **argv)
{
    char buf[128];
    unsigned h = 0;
    if (argv[1][0] == 'a') { /* integers: snprintf, qsort, strtol */
        int v[64];
        for (int i = 0; i < 64; i++)
            v[i] = (i * 7919) % 101;
        qsort(v, 64, sizeof v[0], cmp);
        for (int i = 0; i < 64; i++) {
            snprintf(buf, sizeof buf, "%d-%x", v[i], i);
            h = h * 31 + (unsigned)strtol(buf, NULL, 10);
        }
    } else { /* floating point and time: strtod, %g, gmtime, strftime */
        for (int i = 0; i < 64; i++) {
            snprintf(buf, sizeof buf, "%g", i / 7.0);
            h = h * 31 + (unsigned)(strtod(buf, NULL) * 1000);
            time_t t = (time_t)i * 86400 * 37;
            strftime(buf, sizeof buf, "%Y-%m-%d %A", gmtime(&t));
            h = h * 31 + (unsigned)strlen(buf) + (unsigned char)buf[11];
        }
    }
    if (argc > 2) { /* wait until the fifo's writer closes it */
        int fd = open(argv[2], O_RDONLY);
        while (fd >= 0 && read(fd, buf, sizeof buf) > 0)
            ;
    }
    printf("%s %08x\n", argv[1], h);
    return 0;
}
EOF
if [ -e "$ARM_LIBS/lib/ld-linux-armhf.so.3" ] &&
   { ! stale "$T/shared" "$T/shared.c" ||
     "$ARM_CC" -O2 -o "$T/shared" "$T/shared.c" 2>"$T/build.log"; }; then
    D="$T/c-shared"
    fresh "$D"
    rm -f "$T/fifo-a" "$T/fifo-b"
    mkfifo "$T/fifo-a" "$T/fifo-b"
    for k in a b; do
        (MIMIC_CACHE_DIR=$D timeout -k 5 60 "$M" -L "$ARM_LIBS" "$T/shared" $k "$T/fifo-$k" >"$T/shared.$k" 2>&1) &
    done
    # Opening for writing waits for each reader: both have done their work.
    { exec 3>"$T/fifo-a" 4>"$T/fifo-b"; exec 3>&- 4>&-; } &
    wait
    ok=1
    for k in a b; do
        want=$(MIMIC_CACHE=0 "$M" -L "$ARM_LIBS" "$T/shared" $k 2>&1)
        [ "$(cat "$T/shared.$k")" = "$want" ] || { ok=0; fail shared-library "$k: $(head -c 100 "$T/shared.$k")"; }
    done
    for k in a b; do
        [ $ok = 1 ] || break
        if run "shared-library-$k" "$D" "" -L "$ARM_LIBS" "$T/shared" $k; then
            n=$(sed -n 's/^mimic stats: \([0-9]*\) TBs, .*translated.*/\1/p' "$T/err")
            if [ "${n:-999}" -gt 20 ] || [ "$LOADED" -eq 0 ]; then
                ok=0
                fail shared-library "warm $k translated ${n:-?} TBs, loaded $LOADED"
            fi
        else
            ok=0
        fi
    done
    [ $ok = 1 ] && pass shared-library
    rm -f "$T/fifo-a" "$T/fifo-b"
else
    skip shared-library "no dynamic ARM libc or build failed"
fi

# -- directories mimic cannot or must not use: it runs, says nothing, saves nothing.
D="$T/c-ro"
fresh "$D"
mkdir -m 500 "$D"
if [ "$(id -u)" -ne 0 ]; then
    run readonly-dir "$D" "$want3" "$T/prog3" && { [ -z "$(ls "$D")" ] && pass readonly-dir || fail readonly-dir "files written"; }
else
    skip readonly-dir "root writes to a read-only directory"
fi
run missing-dir "/proc/nonexistent/mimic" "$want3" "$T/prog3" && pass missing-dir
run missing-dir-created "$T/c-new" "$want3" "$T/prog3" && { [ -n "$(ls "$T/c-new")" ] && pass missing-dir-created || fail missing-dir-created "not created"; }
rm -rf "$T/c-new"
D="$T/c-open"
fresh "$D"
mkdir -m 755 "$D"
run shared-dir "$D" "$want3" "$T/prog3" && { [ -z "$(ls "$D")" ] && pass shared-dir || fail shared-dir "wrote into a 0755 directory"; }
run file-as-dir "$T/prog.c" "$want3" "$T/prog3" && pass file-as-dir

# -- switched off: nothing written.
D="$T/c-off"
fresh "$D"
out=$(MIMIC_CACHE_DIR=$D MIMIC_CACHE=0 "$M" "$T/prog3" 2>&1)
[ "$out" = "$want3" ] && [ ! -e "$D" ] && pass env-off || fail env-off "out '$out', dir $(ls -d "$D" 2>&1)"
out=$(MIMIC_CACHE_DIR=$D "$M" -no-cache "$T/prog3" 2>&1)
[ "$out" = "$want3" ] && [ ! -e "$D" ] && pass no-cache-option || fail no-cache-option "out '$out'"

# -- files of the wrong mode or owner are not used.
D="$T/c-mode"
fresh "$D"
if run mode-setup "$D" "$want3" "$T/prog3"; then
    chmod 666 "$D"/*.tbc
    run other-writable "$D" "$want3" "$T/prog3" && { [ "$LOADED" = 0 ] && pass other-writable || fail other-writable "loaded $LOADED TBs"; }
fi
if [ "$(id -u)" -eq 0 ] && id nobody >/dev/null 2>&1; then
    D="$T/c-owner"
    fresh "$D"
    if run owner-setup "$D" "$want3" "$T/prog3"; then
        chown nobody "$D"/*.tbc
        run other-owner "$D" "$want3" "$T/prog3" && { [ "$LOADED" = 0 ] && pass other-owner || fail other-owner "loaded $LOADED TBs"; }
    fi
else
    skip other-owner "needs root"
fi

# -- a guest fault inside a cached TB: the signal handler gets the faulting
# instruction's pc (cached TBs use the instruction records where they are
# in the mapped cache file), also in a library opened and closed 80 times
# (its regions are dropped while TBs still point into their files).
cat >"$T/faultpc.c" <<'EOF'
/* A load faults in the middle of a block, in the program and (argv[1]) in
   a library opened and closed 80 times: the signal handler must see the
   faulting instruction's pc (the cached TB's instruction records). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <ucontext.h>

extern char fault_insn[];
static sigjmp_buf env;
static volatile unsigned long seen_pc;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)si;
    seen_pc = ((ucontext_t *)uc)->uc_mcontext.arm_pc;
    siglongjmp(env, 1);
}

int main(int argc, char **argv)
{
    struct sigaction sa = { 0 };
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    if (!sigsetjmp(env, 1))
        __asm__ volatile("mov r0, #0\n\tadd r1, r1, #1\n\tadd r2, r2, #2\n\t"
                         ".globl fault_insn\nfault_insn:\n\tldr r0, [r0]\n\t" ::: "r0", "r1", "r2", "memory");
    if (seen_pc != (unsigned long)fault_insn) {
        printf("program: pc %#lx, want %#lx\n", seen_pc, (unsigned long)fault_insn);
        return 1;
    }
    int ok = 0;
    for (int i = 0; argc > 1 && i < 80; i++) {
        void *h = dlopen(argv[1], RTLD_NOW);
        int (*poke)(int *) = h ? (int (*)(int *))dlsym(h, "poke") : NULL;
        if (!poke) {
            printf("dlopen %s: %s\n", argv[1], dlerror());
            return 1;
        }
        seen_pc = 0;
        if (!sigsetjmp(env, 1))
            poke(NULL);
        unsigned long f = (unsigned long)poke & ~1ul;
        if (seen_pc >= f && seen_pc < f + 64)
            ok++;
        else
            printf("library %d: pc %#lx, poke at %#lx\n", i, seen_pc, f);
        dlclose(h);
    }
    printf("pc ok, %d library faults ok\n", ok);
    return 0;
}
EOF
echo 'int poke(volatile int *p) { return *p + 1; }' >"$T/pcf.c"
if { ! stale "$T/faultpc" "$T/faultpc.c" ||
     "$ARM_CC" -O2 -marm -o "$T/faultpc" "$T/faultpc.c" -ldl 2>"$T/build.log"; } &&
   { ! stale "$T/libpcf.so" "$T/pcf.c" ||
     "$ARM_CC" -O2 -marm -shared -fPIC -o "$T/libpcf.so" "$T/pcf.c" 2>>"$T/build.log"; }; then
    D="$T/c-faultpc"
    fresh "$D"
    want="pc ok, 80 library faults ok"
    if run faultpc-cold "$D" "$want" -L "$ARM_LIBS" "$T/faultpc" "$T/libpcf.so" &&
        run faultpc-warm "$D" "$want" -L "$ARM_LIBS" "$T/faultpc" "$T/libpcf.so"; then
        if [ "$LOADED" -gt 0 ]; then pass faultpc; else fail faultpc "nothing loaded"; fi
    fi
else
    fail faultpc-build "$(head -1 "$T/build.log")"
fi

# -- hot regions come from the cache too: tests/guest/regions.c (a signal
# stopping a hot loop, faults inside hot loops with registers pinned to host
# registers, a rewritten hot loop in generated code) and faultstate.c (every
# register and NZCV at faults inside a hot loop: pinned globals and the
# region's fault-site table) give the native output cold and warm, and the
# warm run loads their regions.
for prog in regions faultstate faultflags; do
    if { ! stale "$T/$prog" "$ROOT/tests/guest/$prog.c" ||
         "$ARM_CC" -O2 -static -w -o "$T/$prog" "$ROOT/tests/guest/$prog.c" 2>"$T/build.log"; } &&
       { ! stale "$T/$prog.native" "$ROOT/tests/guest/$prog.c" ||
         "$HOST_CC" -O2 -w -o "$T/$prog.native" "$ROOT/tests/guest/$prog.c" 2>>"$T/build.log"; }; then
        D="$T/c-$prog"
        fresh "$D"
        want=$("$T/$prog.native")
        if run "$prog-cold" "$D" "$want" "$T/$prog" && run "$prog-warm" "$D" "$want" "$T/$prog"; then
            n=$(sed -n 's/.* \([0-9]*\) hot regions loaded.*/\1/p' "$T/err")
            if [ "${n:-0}" -gt 0 ]; then pass "$prog"; else fail "$prog" "no hot region loaded"; fi
        fi
    else
        fail "$prog-build" "$(head -1 "$T/build.log")"
    fi
done

# entry_order DIR: the (pc, flags, region) of the entries of DIR's one
# cache file, in file order (the layout at the top of tcg/pcache.c: a
# 192-byte header with nb_buckets at 16, 8-byte buckets, then the entries,
# each with pc, flags at 0, 8, region at 40, total_len at 44).
entry_order() {
    python3 - "$1"/*.tbc <<'PY'
import struct, sys
d = open(sys.argv[1], 'rb').read()
nb = struct.unpack_from('<I', d, 16)[0]
off = 192 + 8 * nb
while off + 56 <= len(d):
    pc, flags = struct.unpack_from('<I4xI', d, off)
    region, total = d[off + 40], struct.unpack_from('<I', d, off + 44)[0]
    print('%08x %x %d' % (pc, flags, region))
    if total < 56:
        break
    off += total
PY
}

# -- a few new TBs in a small cache file are saved (a path only some runs
# take, e.g. the code only a shell's forked children run): the first run
# that takes it saves it, the next one translates nothing.
cat >"$T/few.c" <<'EOF'
#include <stdio.h>
#include <stdlib.h>
__attribute__((noinline)) static unsigned extra(unsigned x)
{
    for (int i = 0; i < 5; i++)
        x = x & 1 ? x * 3 + 1 : x / 2;
    return x;
}
int main(int argc, char **argv)
{
    unsigned v = argc > 1 ? extra((unsigned)argc + 25) : 0;
    printf("few %u %s\n", v, argc > 1 ? argv[1] : "-");
    return 0;
}
EOF
if { ! stale "$T/few" "$T/few.c" || "$ARM_CC" -O2 -static -o "$T/few" "$T/few.c" 2>"$T/build.log"; } &&
   { ! stale "$T/few.native" "$T/few.c" || "$HOST_CC" -O2 -o "$T/few.native" "$T/few.c" 2>>"$T/build.log"; }; then
    D="$T/c-few"
    fresh "$D"
    if run few-cold "$D" "few 0 -" "$T/few" && entry_order "$D" >"$T/order1" &&
       run few-path "$D" "$("$T/few.native" 27)" "$T/few" 27; then
        saved=$SAVED
        # The rewritten file keeps the old entries in their order (the order
        # they were made in, which the next process follows), after the new.
        entry_order "$D" | grep -Fxf "$T/order1" >"$T/order2"
        if cmp -s "$T/order1" "$T/order2"; then pass file-order
        else fail file-order "old entries reordered by the rewrite"; fi
        if run few-again "$D" "$("$T/few.native" 27)" "$T/few" 27; then
            n=$(sed -n 's/^mimic stats: \([0-9]*\) TBs, .*translated.*/\1/p' "$T/err")
            if [ "$saved" -gt 0 ] && [ "${n:-1}" -eq 0 ]; then pass few-new-tbs
            else fail few-new-tbs "saved $saved new TBs, then translated ${n:-?}"; fi
        fi
    fi
else
    fail few-build "$(head -1 "$T/build.log")"
fi

# -- new hot regions alone do not rewrite a big cache file (where regions
# form depends on the run: python3 -c formed ~20 new ones in each run and
# rewrote its 21 MB file for them, tcg/pcache.c pcache_save): a program
# with ~4,000 functions (a cache file over 1 MB, PC_SMALL_FILE) runs its two
# loops briefly (cold, then warm: nothing new), then long enough for both
# to become hot regions: the file stays as it was (same inode), and the
# next run is still right.
if [ ! -e "$T/big.c" ]; then
    {
        echo '#include <stdio.h>'
        echo '#include <stdlib.h>'
        for i in $(seq 1 4000); do
            echo "__attribute__((noinline)) unsigned f$i(unsigned x) { return (x ^ ${i}u) * 2654435761u + (x >> $((i % 13 + 1))); }"
        done
        echo 'typedef unsigned (*fn)(unsigned);'
        echo 'static const fn fns[] = {'
        for i in $(seq 1 4000); do echo "f$i,"; done
        echo '};'
        cat <<'EOF2'
__attribute__((noinline)) static unsigned loop_a(unsigned n, unsigned h)
{
    for (unsigned i = 0; i < n; i++)
        h = h * 31 + (i ^ (h >> 7));
    return h;
}
__attribute__((noinline)) static unsigned loop_b(unsigned n, unsigned h)
{
    for (unsigned i = 0; i < n; i++)
        h = (h << 3 | h >> 29) ^ i;
    return h;
}
int main(int argc, char **argv)
{
    unsigned n = argc > 1 ? (unsigned)atoi(argv[1]) : 10, h = 1;
    for (unsigned i = 0; i < sizeof fns / sizeof fns[0]; i++)
        h = fns[i](h);
    h = loop_a(n, h);
    h = loop_b(n, h);
    printf("big %u: %08x\n", n, h);
    return 0;
}
EOF2
    } >"$T/big.c"
fi
if { ! stale "$T/big" "$T/big.c" || "$ARM_CC" -O1 -static -o "$T/big" "$T/big.c" 2>"$T/build.log"; } &&
   { ! stale "$T/big.native" "$T/big.c" || "$HOST_CC" -O1 -o "$T/big.native" "$T/big.c" 2>>"$T/build.log"; }; then
    D="$T/c-big"
    fresh "$D"
    if run big-cold "$D" "$("$T/big.native" 10)" "$T/big" 10 &&
       run big-warm "$D" "$("$T/big.native" 10)" "$T/big" 10; then
        f=$(ls -S "$D"/*.tbc | head -1)
        ino=$(stat -c %i "$f") sz=$(stat -c %s "$f")
        if [ "$sz" -le $((1 << 20)) ]; then
            fail regions-no-rewrite "the cache file has only $sz bytes (want over 1 MiB)"
        elif run big-hot "$D" "$("$T/big.native" 3000000)" "$T/big" 3000000; then
            regions=$(sed -n 's/^mimic stats: \([0-9]*\) hot regions.*/\1/p' "$T/err")
            if [ "${regions:-0}" -lt 2 ]; then
                fail regions-no-rewrite "${regions:-no} hot regions formed"
            elif [ "$(stat -c %i "$f")" != "$ino" ]; then
                fail regions-no-rewrite "the file was rewritten for new hot regions (saved $SAVED)"
            elif run big-after "$D" "$("$T/big.native" 10)" "$T/big" 10; then
                pass regions-no-rewrite
            fi
        fi
    fi
else
    fail big-build "$(head -1 "$T/build.log")"
fi

# -- a TB that covers the start of a jump target far ahead (its flags are
# dead there: tcg/translator.c jump_flags) does not store the bytes in
# between (TCGContext.pc_hole_off): the cache file is smaller than the
# 3,000-byte gap, the warm run loads the TB and exits right.
cat >"$T/gap.S" <<'EOF'
    .syntax unified
    .arm
    .global _start
_start:
    mov r0, #5
    cmp r0, #5
    beq far
    mov r0, #1
    b done
    .space 3000
far:
    cmp r0, #5
    moveq r0, #42
done:
    mov r7, #248
    svc #0
EOF
if { ! stale "$T/gap" "$T/gap.S" || "$ARM_CC" -nostdlib -static -o "$T/gap" "$T/gap.S" 2>"$T/build.log"; }; then
    D="$T/c-gap"
    fresh "$D"
    MIMIC_CACHE_DIR=$D timeout 20 "$M" "$T/gap"
    rc1=$?
    MIMIC_CACHE_DIR=$D timeout 20 "$M" -d stats "$T/gap" 2>"$T/err"
    rc2=$?
    sz=$(cat "$D"/*.tbc 2>/dev/null | wc -c)
    loaded=$(sed -n 's/.*persistent cache: \([0-9]*\) TBs.*/\1/p' "$T/err")
    if [ $rc1 != 42 ] || [ $rc2 != 42 ]; then fail gap-hole "exit codes $rc1, $rc2 (want 42)"
    elif [ "${loaded:-0}" -lt 1 ]; then fail gap-hole "nothing loaded warm"
    elif [ "$sz" -ge 3000 ]; then fail gap-hole "cache files of $sz bytes: the gap is stored"
    else pass gap-hole; fi
else
    fail gap-build "$(head -1 "$T/build.log")"
fi

# -- forked children load and chain TBs from the cache into their copy of
# the parent's code buffer and tables (tests/guest/forkexec.c: fork, vfork,
# exec of itself, fork in a threaded process; forkstorm.c: many children at
# once): native output cold and warm.
for prog in forkexec forkstorm; do
    if { ! stale "$T/$prog" "$ROOT/tests/guest/$prog.c" ||
         "$ARM_CC" -O2 -static -w -pthread -o "$T/$prog" "$ROOT/tests/guest/$prog.c" 2>"$T/build.log"; } &&
       { ! stale "$T/$prog.native" "$ROOT/tests/guest/$prog.c" ||
         "$HOST_CC" -O2 -w -pthread -o "$T/$prog.native" "$ROOT/tests/guest/$prog.c" 2>>"$T/build.log"; }; then
        D="$T/c-$prog"
        fresh "$D"
        want=$("$T/$prog.native")
        if run "$prog-cold" "$D" "$want" "$T/$prog" && run "$prog-warm" "$D" "$want" "$T/$prog"; then
            n=$(printf '%s\n' "$LOADED" | sort -n | tail -1) # one stats line per process
            if [ "${n:-0}" -gt 0 ]; then pass "$prog"; else fail "$prog" "nothing loaded warm"; fi
        fi
    else
        fail "$prog-build" "$(head -1 "$T/build.log")"
    fi
done

# -- what a forked child loads from the cache, its parent loads before its
# next fork (tcg/tb.c, ForkNotes): with a warm cache the parent of four
# children, each running code only children run, preloads their TBs.
cat >"$T/forknotes.c" <<'EOF'
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>
__attribute__((noinline)) static unsigned child_work(unsigned x)
{
    for (int i = 0; i < 50; i++)
        x = x * 2654435761u + (x >> 13);
    return x;
}
int main(void)
{
    unsigned sum = 0;
    for (unsigned k = 0; k < 4; k++) {
        int fd[2];
        if (pipe(fd) != 0)
            return 1;
        pid_t p = fork();
        if (p == 0) {
            unsigned v = child_work(k);
            _exit(write(fd[1], &v, sizeof v) == sizeof v ? 0 : 1);
        }
        unsigned v = 0;
        close(fd[1]);
        if (read(fd[0], &v, sizeof v) != sizeof v || waitpid(p, NULL, 0) != p)
            return 1;
        close(fd[0]);
        sum += v;
    }
    printf("forknotes %08x\n", sum);
    return 0;
}
EOF
if { ! stale "$T/forknotes" "$T/forknotes.c" || "$ARM_CC" -O2 -static -o "$T/forknotes" "$T/forknotes.c" 2>"$T/build.log"; } &&
   { ! stale "$T/forknotes.native" "$T/forknotes.c" || "$HOST_CC" -O2 -o "$T/forknotes.native" "$T/forknotes.c" 2>>"$T/build.log"; }; then
    D="$T/c-forknotes"
    fresh "$D"
    want=$("$T/forknotes.native")
    if run forknotes-cold "$D" "$want" "$T/forknotes" && run forknotes-warm "$D" "$want" "$T/forknotes"; then
        n=$(sed -n 's/.* \([0-9]*\) TBs loaded before a fork.*/\1/p' "$T/err" | sort -n | tail -1)
        if [ "${n:-0}" -gt 0 ]; then pass forknotes; else fail forknotes "no TB preloaded for the children"; fi
    fi
else
    fail forknotes-build "$(head -1 "$T/build.log")"
fi

# -- code written at run time (the SMC test) is right with a warm cache.
S="$BUILD/tests/insn/arm-smc-inblock"
if [ -x "$S" ] && [ -e tests/insn/arm-smc-inblock.expected ]; then
    D="$T/c-smc"
    fresh "$D"
    run smc-cold "$D" "$(cat tests/insn/arm-smc-inblock.expected)" "$S" &&
        run smc-warm "$D" "$(cat tests/insn/arm-smc-inblock.expected)" "$S" && pass smc
fi

summary
