#!/usr/bin/env bash
# `make bench`: time programs natively (gcc -O2), under qemu-user 7.2 (the
# system's), QEMU 10 (tools/qemu10.sh, in the build folder) and under
# mimic (ARM builds: arm-linux-gnueabihf-gcc -O2 -static), report medians of
# RUNS runs and the ratios q7.2/mimic, q10/mimic (>1: mimic is faster) and
# native/mimic.  The goal lines check q7.2/mimic.
#
#   bench/run.sh [NAME...]     only the named benchmarks
# Environment: BUILD (default build), RUNS (default 3), NO_FETCH=1 (skip the
# Debian source packages), EMU (time this instead of $BUILD/mimic),
# SYSROOT (the armhf sysroot of tools/sysroot.sh, default
# $BUILD/sysroot-armhf), CLOCK=cpu (time user + system CPU seconds instead
# of wall seconds: steadier when the machine is shared).
#
# Real programs from Debian source packages (apt-get source, built once
# into $BUILD/bench): bzip2 and gzip (compress 15 MB of text; bzip2
# decompresses it, gzip four copies of it), lua5.4 (a small script); with coremix (CoreMark-like: EEMBC's
# CoreMark is not packaged in Debian) they are issue 10's speed rows.
# neon-blur (bench/neonblur.c, -O3 NEON build): at least as fast as qemu-arm
# (issue 13).
# Issue 10 rows for the other guests (bzip2, gzip and lua built with each
# guest's compiler): `bench/run.sh i386-real ppc-real sparc-real` (real_rows).
# Rows for dynamically linked programs (the issue's speed goals, checked in
# the "goals" lines after the table):
#   startup-dynamic  dynamic hello x50, guest libc from -L /usr/arm-linux-gnueabihf
#                    (mimic at least 2x faster than qemu-arm)
#   busybox-sh-loop  a counting loop in Debian's busybox sh   (not slower)
#   python3-loop     a pure-Python loop in Debian's python3.11 (not slower)
# Start-up rows, each cold (MIMIC_CACHE=0: every block translated) and warm
# (the persistent translation cache, in $BUILD/bench/pcache, filled by the
# output check that precedes the timing); goals from issue 11 for warm.
# Run them with `bench/run.sh startup-cold-warm`.
#   startup(50x)-{cold,warm}          static hello x50
#   startup-dynamic(50x)-{cold,warm}  dynamic hello x50            (warm: 5x qemu-arm)
#   python3-c(10x)-{cold,warm}        python3.11 -c 'print(1)' x10  (warm: 3x)
#   busybox-200-{cold,warm}           busybox sh running 200 short commands
#                                     (sed, grep, expr, cat)        (warm: 3x;
#                                     the qemu columns run the commands the
#                                     script execs under qemu too, as
#                                     binfmt_misc would: bench/qemu-exec.c)
# The last two need the sysroot (SKIP lines when it cannot be built) and
# run natively with the host's busybox and python3.11 (native column "-"
# when missing; the output check then uses qemu-arm's output).
set -u
. "$(dirname "${BASH_SOURCE[0]}")/../tests/lib.sh"

RUNS=${RUNS:-3}
CLOCK=${CLOCK:-wall}
case "$CLOCK" in wall | cpu) ;; *) echo "bench: CLOCK must be wall or cpu" >&2; exit 2 ;; esac
B="$BUILD/bench"
SRC="$B/src"
mkdir -p "$B" "$SRC"
MIMIC=${EMU:-"$BUILD/mimic"}
# The persistent translation cache of the timed runs (warm rows).
export MIMIC_CACHE_DIR="$B/pcache"
# Time a private copy of build/mimic: others may relink it during the run.
if [ -z "${EMU:-}" ] && [ -x "$MIMIC" ]; then
    SNAP="$B/mimic.$$"
    if cp "$MIMIC" "$SNAP"; then
        MIMIC=$SNAP
        trap 'rm -f "$SNAP"' EXIT
    fi
fi
RESULTS="$B/results.txt"
ensure_deps

log() { echo "bench: $*" >&2; }

# ------------------------------------------------------------ the programs
# Each benchmark: NAME, a native command and an ARM binary + arguments.
NAMES=() NATIVE=() ARMBIN=() ARGS=()
add_bench() { NAMES+=("$1"); NATIVE+=("$2"); ARMBIN+=("$3"); ARGS+=("$4"); }

build_pair() { # NAME SRC... : native and ARM builds of bundled sources, cached
    local name=$1
    shift
    if stale "$B/$name.native" "$@"; then
        "$HOST_CC" -O2 -o "$B/$name.native" "$@" -lm || return 1
    fi
    if stale "$B/$name.arm" "$@"; then
        "$ARM_CC" -O2 -static -o "$B/$name.arm" "$@" -lm || return 1
    fi
}

for k in coremix:2000 sha256:64 nbody:1000000; do
    n=${k%%:*}
    if build_pair "$n" "$ROOT/bench/$n.c"; then
        add_bench "$n" "$B/$n.native" "$B/$n.arm" "${k#*:}"
    else
        log "could not build bench/$n.c"
    fi
done

# neon-blur: integer image kernels auto-vectorized for NEON (the ARM build
# with -O3 -mthumb -mfpu=neon-vfpv4; native: the same source, -O2).
if stale "$B/neonblur.native" "$ROOT/bench/neonblur.c" || stale "$B/neonblur.arm" "$ROOT/bench/neonblur.c"; then
    "$HOST_CC" -O2 -o "$B/neonblur.native" "$ROOT/bench/neonblur.c" &&
        "$ARM_CC" -O3 -mthumb -mfpu=neon-vfpv4 -static -o "$B/neonblur.arm" "$ROOT/bench/neonblur.c" ||
        log "could not build bench/neonblur.c"
fi
[ -e "$B/neonblur.arm" ] && add_bench neon-blur "$B/neonblur.native" "$B/neonblur.arm" 500

# Real programs from Debian source packages (ensure_deb_src and fetch_src
# are in tests/lib.sh).
real_programs() {
    if [ -n "${NO_FETCH:-}" ]; then
        log "NO_FETCH set: using only the bundled programs"
        return
    fi
    local why
    if ! why=$(ensure_deb_src "$B"); then
        log "no Debian source packages ($why): using only the bundled programs"
        return
    fi
    local d
    # bzip2: compress and decompress 8 MiB of generated, text-like data.
    if d=$(fetch_src "$SRC" bzip2); then
        local srcs=("$d"/{blocksort,bzlib,compress,crctable,decompress,huffman,randtable,bzip2}.c)
        BZIP2_SRCS=("${srcs[@]}")
        if build_pair bzip2 "${srcs[@]}" 2>"$B/build-bzip2.log"; then
            if [ ! -e "$B/input.txt" ]; then
                awk 'BEGIN { srand(1); for (i = 0; i < 250000; i++)
                    printf "%d the %s quick brown fox %x jumps over %d lazy dogs\n", i,
                        (i % 7 ? "very" : "rather"), i * 2654435761 % 65536, int(rand() * 1000) }' \
                    >"$B/input.txt"
            fi
            "$B/bzip2.native" -9 -c "$B/input.txt" >"$B/input.txt.bz2"
            add_bench bzip2-compress "$B/bzip2.native" "$B/bzip2.arm" "-9 -c $B/input.txt"
            add_bench bzip2-decompress "$B/bzip2.native" "$B/bzip2.arm" "-d -c $B/input.txt.bz2"
        else
            log "bzip2 did not build (see $B/build-bzip2.log): skipped"
        fi
    else
        log "apt-get source bzip2 failed (see $SRC/fetch-bzip2.log): skipped"
    fi
    # gzip: compress (-9) and decompress the same input as bzip2.  gzip
    # needs its configure (gnulib), run once per build (native and ARM,
    # each in its own build folder; a few minutes on a loaded machine).
    if [ -e "$B/input.txt" ] && d=$(fetch_src "$SRC" gzip); then
        GZIP_SRC=$d
        local ok=1 kind cc host
        for kind in native arm; do
            [ -x "$B/gzip.$kind" ] && continue
            log "configuring and building gzip ($kind; about two minutes)"
            if [ "$kind" = native ]; then cc=$HOST_CC host=; else cc=$ARM_CC host=--host=${ARM_CC%-gcc}; fi
            rm -rf "$B/gzip-$kind" && mkdir -p "$B/gzip-$kind" &&
                (cd "$B/gzip-$kind" &&
                    "$d/configure" -q $host CC="$cc" CFLAGS=-O2 \
                        LDFLAGS="$([ "$kind" = arm ] && echo -static)" &&
                    make -C lib -j2 && make version.h && make -j2 gzip) \
                    >"$B/build-gzip-$kind.log" 2>&1 &&
                cp "$B/gzip-$kind/gzip" "$B/gzip.$kind" || ok=
        done
        if [ -n "$ok" ]; then
            # (decompression is fast: four copies of the input, 60 MB)
            [ -s "$B/input4.txt.gz" ] ||
                cat "$B/input.txt" "$B/input.txt" "$B/input.txt" "$B/input.txt" |
                "$B/gzip.native" -9 >"$B/input4.txt.gz"
            add_bench gzip-compress "$B/gzip.native" "$B/gzip.arm" "-9 -c $B/input.txt"
            add_bench gzip-decompress "$B/gzip.native" "$B/gzip.arm" "-d -c $B/input4.txt.gz"
        else
            log "gzip did not build (see $B/build-gzip-*.log): skipped"
        fi
    elif [ -e "$B/input.txt" ]; then
        log "apt-get source gzip failed (see $SRC/fetch-gzip.log): skipped"
    fi
    # lua5.4: the interpreter (without luac) running a small script.
    if d=$(fetch_src "$SRC" lua5.4); then
        local srcs=()
        for f in "$d"/src/*.c; do
            case "$f" in */luac.c) ;; *) srcs+=("$f") ;; esac
        done
        if [ ! -e "$B/lua.native" ] || [ ! -e "$B/lua.arm" ]; then
            log "building lua5.4 (about a minute)"
        fi
        # Debian's patched luaconf.h includes a header its build generates.
        mkdir -p "$B/lua-inc"
        echo '#define DEB_HOST_MULTIARCH "arm-linux-gnueabihf"' >"$B/lua-inc/lua5.4-deb-multiarch.h"
        LUA_SRCS=("${srcs[@]}")
        if build_pair lua "${srcs[@]}" -I"$B/lua-inc" -DLUA_USE_POSIX -w 2>"$B/build-lua.log"; then
            cat >"$B/bench.lua" <<'EOF'
-- A small mix: recursion, tables, strings, closures, floats.
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
local t = {}
for i = 1, 200000 do t[i] = (i * 7919) % 100003 end
table.sort(t)
local parts = {}
for i = 1, 50000 do parts[#parts + 1] = string.format("%d:%x", i, t[i]) end
local s = table.concat(parts, ",")
local count = 0
for w in s:gmatch("%d+:a") do count = count + 1 end
local acc = 0.0
for i = 1, 1000000 do acc = acc + math.sin(i) * 0.5 end
local function counter() local c = 0 return function() c = c + 1 return c end end
local f = counter()
for _ = 1, 300000 do f() end
print(fib(27), t[1], t[#t], #s, count, string.format("%.6f", acc), f())
EOF
            add_bench lua "$B/lua.native" "$B/lua.arm" "$B/bench.lua"
        else
            log "lua5.4 did not build (see $B/build-lua.log): skipped"
        fi
    else
        log "apt-get source lua5.4 failed (see $SRC/fetch-lua5.4.log): skipped"
    fi
}
BZIP2_SRCS=() LUA_SRCS=() GZIP_SRC=
real_programs
build_pair hello "$ROOT/bench/hello.c" || log "could not build bench/hello.c"
# The same hello dynamically linked (hello.native already is).
if stale "$B/hello-dyn.arm" "$ROOT/bench/hello.c"; then
    "$ARM_CC" -O2 -o "$B/hello-dyn.arm" "$ROOT/bench/hello.c" || log "could not build a dynamic ARM hello"
fi

# wanted NAME: true when NAME was asked for (or nothing was named).
wanted() { [ "$ARGC" -eq 0 ] || [[ " $ARGV " == *" $1 "* ]]; }
ARGC=$# ARGV="$*"
if [ $# -gt 0 ]; then
    keep=" $* "
    n0=${#NAMES[@]}
    for ((i = 0; i < n0; i++)); do
        case "$keep" in *" ${NAMES[i]} "*) ;; *) unset 'NAMES[i]' ;; esac
    done
fi

# ----------------------------------------------------------------- timing
# time_cmd REPEAT CMD...: median wall time in seconds over RUNS runs, each
# running CMD REPEAT times; "fail" if CMD fails.  With hyperfine: REPEAT
# times the median of RUNS x REPEAT single runs, each spawned by hyperfine
# (no shell in between: a bash loop forks bash for every run, ~1 ms on this
# kind of VM, in every column alike, which made a start-up row measure the
# shell too).
time_cmd() {
    local repeat=$1
    shift
    if [ "$CLOCK" = cpu ]; then
        # User + system time of the runs (bash's `time` keyword sums the
        # children's rusage): steadier than wall time on a busy machine.
        local r k ok TIMEFORMAT='%3U %3S'
        for ((r = 0; r < RUNS; r++)); do
            ok=1
            { time for ((k = 0; k < repeat; k++)); do
                "$@" >/dev/null 2>&1 || { ok=0; break; }
            done; } 2>"$B/cpu-time.$$"
            [ "$ok" -eq 1 ] || { rm -f "$B/cpu-time.$$"; echo fail; return; }
            awk '{ printf "%d\n", ($1 + $2) * 1e6 }' "$B/cpu-time.$$"
            rm -f "$B/cpu-time.$$"
        done | { mapfile -t v; if printf '%s\n' "${v[@]}" | grep -q fail; then echo fail; else
            printf '%s\n' "${v[@]}" | median | awk '{ printf "%.4f\n", $1 / 1e6 }'; fi; }
        return
    fi
    if have hyperfine && have python3; then
        local json="$B/hf.$$.json" t # per process: bench runs may overlap
        if hyperfine -N --style none --runs $((RUNS * repeat)) --output=null --export-json "$json" -- "$*" >/dev/null 2>&1 &&
            t=$(python3 -c 'import json,sys; print("%.4f" % (json.load(open(sys.argv[1]))["results"][0]["median"] * int(sys.argv[2])))' "$json" "$repeat" 2>/dev/null); then
            echo "$t"
        else
            echo fail
        fi
        rm -f "$json"
        return
    fi
    local r k t0 t1
    for ((r = 0; r < RUNS; r++)); do
        t0=$(now_ns)
        for ((k = 0; k < repeat; k++)); do
            "$@" >/dev/null 2>&1 || { echo fail; return; }
        done
        t1=$(now_ns)
        echo "$(((t1 - t0) / 1000))"
    done | { mapfile -t v; if printf '%s\n' "${v[@]}" | grep -q fail; then echo fail; else
        printf '%s\n' "${v[@]}" | median | awk '{ printf "%.4f\n", $1 / 1e6 }'; fi; }
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else printf "-" }'; }

# The output (stdout and stderr) of a run, as a checksum; "fail" if it
# does not finish.
out_sum() { # CMD...  (through a file: the output may be binary)
    local f
    f=$(mktemp)
    if ! timeout 300 "$@" >"$f" 2>&1; then
        rm -f "$f"
        echo fail
        return
    fi
    cksum <"$f"
    rm -f "$f"
}

have qemu-arm || log "qemu-arm not installed: its column will be empty"
# The second peer: QEMU 10 (Debian 13's static-pie qemu-user) in the build
# folder (tools/qemu10.sh; NO_FETCH=1: only if it is already there), the
# same emulator name as the row's qemu column.
Q10="$BUILD/qemu10/usr/bin"
if [ -z "${NO_FETCH:-}" ]; then
    "$ROOT/tools/qemu10.sh" "$BUILD/qemu10" >"$B/qemu10.log" 2>&1 ||
        log "QEMU 10 not available (its column will be empty): $(tail -1 "$B/qemu10.log")"
fi
[ -x "${MIMIC%% *}" ] || have "${MIMIC%% *}" || log "$MIMIC not built: its column will be empty"
W=22
{
    what="seconds"
    [ "$CLOCK" = cpu ] && what="CPU seconds (user + system)"
    echo "mimic benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), median of $RUNS runs, $what"
    printf "%-${W}s %10s %10s %10s %10s %11s %11s %12s\n" program native qemu-7.2 qemu-10 mimic \
        q7.2/mimic q10/mimic native/mimic
} | tee "$RESULTS"

# checked_time BAD CMD...: CMD's time_cmd (REPEAT times) when its output is
# the row's reference output $ref, else BAD (row's locals: ref, repeat).
checked_time() {
    local bad=$1
    shift
    if [ -n "$ref" ] && [ "$(out_sum "$@")" = "$ref" ]; then
        time_cmd "$repeat" "$@"
    else
        echo "$bad"
    fi
}

# qemu_exec_env VAR QEMU MULTICALL: VAR becomes the command prefix that makes
# the commands a guest shell execs run under QEMU too (bench/qemu-exec.c:
# qemu-user leaves execve to the host kernel, which without binfmt_misc
# would run the host's own sed and grep natively).  Empty unless
# QEMU_EXEC_DIR is set (the busybox-200 rows); QEMU_EXEC_ROOT is the -L
# directory, MULTICALL the guest busybox.
qemu_exec_env() {
    local -n _pre=$1
    _pre=()
    [ -n "${QEMU_EXEC_DIR:-}" ] || return 0
    _pre=(env "PATH=$QEMU_EXEC_DIR:$PATH" "BENCH_QEMU=$2" "BENCH_QEMU_ROOT=$QEMU_EXEC_ROOT" "BENCH_MULTICALL=$3")
}

# row NAME REPEAT NATIVE ARM ARGS [EMU-OPTION...]
# NATIVE "-": no native program (its column is "-" and qemu-arm's output is
# the reference).  The EMU-OPTIONs (e.g. -L DIR) go to qemu-arm and mimic.
# Sets the globals TQ and TM (the two emulated times) for the goal checks.
row() {
    local name=$1 repeat=$2 nat=$3 arm=$4 args=$5 tn=- ref=
    shift 5
    local opts=("$@")
    TQ=- TM=-
    if [ "$nat" != - ]; then
        # shellcheck disable=SC2086
        ref=$(out_sum "$nat" $args)
        # shellcheck disable=SC2086
        [ "$ref" = fail ] && tn=fail || tn=$(time_cmd "$repeat" "$nat" $args)
    fi
    local qemu=${QEMU:-qemu-arm} # the guest's qemu-user (QEMU=qemu-i386 for i386 rows)
    if have "$qemu"; then
        local q pre
        qemu_exec_env pre "$(command -v "$qemu")" "$arm"
        # shellcheck disable=SC2086
        q=$(out_sum "${pre[@]}" "$qemu" "${opts[@]}" "$arm" $args)
        [ -z "$ref" ] && [ "$q" != fail ] && ref=$q
        if [ "$q" = "$ref" ]; then
            # shellcheck disable=SC2086
            TQ=$(time_cmd "$repeat" "${pre[@]}" "$qemu" "${opts[@]}" "$arm" $args)
        else
            TQ=wrong
        fi
    fi
    TQ10=-
    if [ -x "$Q10/$qemu" ]; then
        local pre10
        qemu_exec_env pre10 "$Q10/$qemu" "$arm"
        # shellcheck disable=SC2086
        TQ10=$(checked_time wrong "${pre10[@]}" "$Q10/$qemu" "${opts[@]}" "$arm" $args)
    fi
    # shellcheck disable=SC2086
    TM=$(checked_time fail $MIMIC "${opts[@]}" "$arm" $args)
    printf "%-${W}s %10s %10s %10s %10s %11s %11s %12s\n" "$name" "$tn" "$TQ" "$TQ10" "$TM" \
        "$(ratio "$TQ" "$TM")" "$(ratio "$TQ10" "$TM")" "$(ratio "$tn" "$TM")" | tee -a "$RESULTS"
}
skip_row() { # NAME REASON
    printf "%-${W}s SKIP (%s)\n" "$1" "$2" | tee -a "$RESULTS"
}

# The issue's speed goals: "goal NAME MIN" after a row checks qemu/mimic >= MIN.
GOALS=()
goal() {
    local r
    r=$(ratio "$TQ" "$TM")
    if [ "$r" = - ]; then
        GOALS+=("$(printf '%-22s qemu/mimic >= %s: not measured' "$1" "$2")")
    elif awk -v r="$r" -v m="$2" 'BEGIN { exit !(r >= m) }'; then
        GOALS+=("$(printf '%-22s qemu/mimic >= %s: ok (%s)' "$1" "$2" "$r")")
    else
        GOALS+=("$(printf '%-22s qemu/mimic >= %s: MISSED (%s)' "$1" "$2" "$r")")
    fi
}

for i in "${!NAMES[@]}"; do
    row "${NAMES[i]}" 1 "${NATIVE[i]}" "${ARMBIN[i]}" "${ARGS[i]}"
    [ "${NAMES[i]}" = neon-blur ] && goal neon-blur 1 # issue 13
done
if [ -e "$B/hello.arm" ] && wanted startup; then
    row "startup(50x)" 50 "$B/hello.native" "$B/hello.arm" ""
fi
# cold_warm NAME REPEAT NATIVE ARM ARGS [OPTION...]: rows NAME-cold (no
# persistent cache) and NAME-warm (the cache, filled by the output check).
cold_warm() {
    local name=$1
    shift
    local m=$MIMIC
    MIMIC="env MIMIC_CACHE=0 $m" row "$name-cold" "$@"
    rm -rf "$MIMIC_CACHE_DIR"
    row "$name-warm" "$@"
}
if [ -e "$B/hello.arm" ] && wanted startup-cold-warm; then
    cold_warm "startup(50x)" 50 "$B/hello.native" "$B/hello.arm" ""
fi

# ------------------------------------- the real programs for other guests
# real_rows G CC CFLAGS: issue 10's rows for guest G, the ARM rows' real
# programs (bzip2, gzip, lua: the same sources and inputs) built with G's
# compiler (static -O2), timed under $QEMU: rows G-bzip2-compress,
# G-bzip2-decompress, G-gzip-compress, G-gzip-decompress and G-lua (all of
# them with `bench/run.sh G-real`), goal 1.5 (every guest at least 1.5x
# qemu on the ARM rows' programs).  gzip runs its configure once per guest.
real_rows() {
    local g=$1 cc=$2 cflags=$3 name
    wanted "$g-real" || wanted "$g-bzip2-compress" || wanted "$g-bzip2-decompress" ||
        wanted "$g-gzip-compress" || wanted "$g-gzip-decompress" || wanted "$g-lua" || return 0
    real_wanted() { wanted "$g-real" || wanted "$g-$1"; }
    if [ ${#BZIP2_SRCS[@]} -gt 0 ] && [ -e "$B/input.txt.bz2" ] && { real_wanted bzip2-compress || real_wanted bzip2-decompress; }; then
        # shellcheck disable=SC2086
        stale "$B/bzip2.$g" "${BZIP2_SRCS[@]}" &&
            { "$cc" $cflags -O2 -static -w -o "$B/bzip2.$g" "${BZIP2_SRCS[@]}" 2>"$B/build-bzip2-$g.log" ||
                log "bzip2 did not build for $g (see $B/build-bzip2-$g.log)"; }
        if [ -e "$B/bzip2.$g" ]; then
            real_wanted bzip2-compress && row "$g-bzip2-compress" 1 "$B/bzip2.native" "$B/bzip2.$g" "-9 -c $B/input.txt" &&
                goal "$g-bzip2-compress" 1.5
            real_wanted bzip2-decompress && row "$g-bzip2-decompress" 1 "$B/bzip2.native" "$B/bzip2.$g" "-d -c $B/input.txt.bz2" &&
                goal "$g-bzip2-decompress" 1.5
        fi
    fi
    if [ -n "$GZIP_SRC" ] && [ -e "$B/gzip.native" ] && [ -s "$B/input4.txt.gz" ] &&
        { real_wanted gzip-compress || real_wanted gzip-decompress; }; then
        if [ ! -x "$B/gzip.$g" ]; then
            log "configuring and building gzip ($g; about two minutes)"
            rm -rf "$B/gzip-$g" && mkdir -p "$B/gzip-$g" &&
                (cd "$B/gzip-$g" &&
                    "$GZIP_SRC/configure" -q --host="${cc%-gcc}" CC="$cc $cflags" CFLAGS=-O2 LDFLAGS=-static &&
                    make -C lib -j2 && make version.h && make -j2 gzip) >"$B/build-gzip-$g.log" 2>&1 &&
                cp "$B/gzip-$g/gzip" "$B/gzip.$g" || log "gzip did not build for $g (see $B/build-gzip-$g.log)"
        fi
        if [ -x "$B/gzip.$g" ]; then
            real_wanted gzip-compress && row "$g-gzip-compress" 1 "$B/gzip.native" "$B/gzip.$g" "-9 -c $B/input.txt" &&
                goal "$g-gzip-compress" 1.5
            real_wanted gzip-decompress && row "$g-gzip-decompress" 1 "$B/gzip.native" "$B/gzip.$g" "-d -c $B/input4.txt.gz" &&
                goal "$g-gzip-decompress" 1.5
        fi
    fi
    if [ ${#LUA_SRCS[@]} -gt 0 ] && [ -e "$B/bench.lua" ] && real_wanted lua; then
        # shellcheck disable=SC2086
        stale "$B/lua.$g" "${LUA_SRCS[@]}" &&
            { "$cc" $cflags -O2 -static -w -I"$B/lua-inc" -DLUA_USE_POSIX -o "$B/lua.$g" "${LUA_SRCS[@]}" -lm \
                2>"$B/build-lua-$g.log" || log "lua did not build for $g (see $B/build-lua-$g.log)"; }
        [ -e "$B/lua.$g" ] && row "$g-lua" 1 "$B/lua.native" "$B/lua.$g" "$B/bench.lua" &&
            goal "$g-lua" 1.5
    fi
    return 0
}

# ------------------------------------------------------------ i386 rows
# The bundled programs built for i386 (i686-linux-gnu-gcc -O2 -static: x87
# math; nbody-sse also with -msse2 -mfpmath=sse), timed under qemu-i386 (its
# column) and mimic.  Goals (issue 7): at
# least as fast as qemu-i386 on compute, a static hello 3x faster to start.
I386_CC=${G_CC[i386]:-i686-linux-gnu-gcc}
if have "$I386_CC"; then
    for k in coremix:2000 sha256:64 nbody:1000000 nbody-sse:1000000 hello:; do
        n=${k%%:*}
        src=${n%-sse}
        extra=()
        [ "$n" = "$src" ] || extra=(-msse2 -mfpmath=sse)
        wanted "$n-i386" || wanted i386 || { [ "$n" = hello ] && wanted startup-i386; } || continue
        if stale "$B/$n.i386" "$ROOT/bench/$src.c"; then
            "$I386_CC" -O2 -static "${extra[@]}" -o "$B/$n.i386" "$ROOT/bench/$src.c" -lm || { log "could not build $n for i386"; continue; }
        fi
        if [ "$n" = hello ]; then
            QEMU=qemu-i386 row "startup-i386(50x)" 50 "$B/hello.native" "$B/hello.i386" ""
            goal startup-i386 3
        else
            QEMU=qemu-i386 row "$n-i386" 1 "$B/$src.native" "$B/$n.i386" "${k#*:}"
            goal "$n-i386" 1
        fi
    done
    QEMU=qemu-i386 real_rows i386 "$I386_CC" ""
fi

# ------------------------------------------------- dynamically linked rows
# The guest's libc: the cross toolchain's armhf libraries.
ARM_LIBS=/usr/arm-linux-gnueabihf
if wanted startup-dynamic; then
    if [ ! -e "$B/hello-dyn.arm" ]; then
        skip_row "startup-dynamic(50x)" "no dynamic ARM hello"
    elif [ ! -e "$ARM_LIBS/lib/ld-linux-armhf.so.3" ]; then
        skip_row "startup-dynamic(50x)" "no $ARM_LIBS/lib/ld-linux-armhf.so.3 (libc6-armhf-cross)"
    else
        row "startup-dynamic(50x)" 50 "$B/hello.native" "$B/hello-dyn.arm" "" -L "$ARM_LIBS"
        goal startup-dynamic 2
    fi
fi
if wanted startup-cold-warm; then
    if [ -e "$B/hello-dyn.arm" ] && [ -e "$ARM_LIBS/lib/ld-linux-armhf.so.3" ]; then
        cold_warm "startup-dynamic(50x)" 50 "$B/hello.native" "$B/hello-dyn.arm" "" -L "$ARM_LIBS"
        goal startup-dynamic-warm 5
    fi
fi

# Debian's own armhf busybox and python3 from the sysroot.
if wanted busybox-sh-loop || wanted python3-loop || wanted startup-cold-warm; then
    SYSROOT=${SYSROOT:-$BUILD/sysroot-armhf}
    case "$SYSROOT" in /*) ;; *) SYSROOT="$ROOT/$SYSROOT" ;; esac
    why=
    "$ROOT/tools/sysroot.sh" "$SYSROOT" >"$B/sysroot.log" 2>&1 ||
        why="sysroot: $(tail -1 "$B/sysroot.log" | sed 's/^sysroot: //')"
    # The loops, as files (the argument strings are split on blanks).
    # Sized so that each takes one to two seconds under mimic.
    cat >"$B/loop.sh" <<'EOF'
i=0
while [ $i -lt 200000 ]; do i=$((i + 1)); done
echo $i
EOF
    cat >"$B/loop.py" <<'EOF'
s = 0
for i in range(2000000):
    s += i * i % 7
print(s)
EOF
    # 200 short commands: busybox sh runs sed and grep by exec (new processes),
    # expr and cat in a fork.
    cat >"$B/cmds200.sh" <<'EOF'
i=0
while [ $i -lt 50 ]; do
    echo "line $i of the loop" | sed 's/line/LINE/' >/dev/null
    echo "x$i" | grep -q x
    i=$(expr $i + 1)
    cat /dev/null
done
echo $i
EOF
    # Python must find the guest's own standard library.
    unset PYTHONHOME PYTHONPATH
    if wanted startup-cold-warm; then
        if [ -n "$why" ]; then
            skip_row "python3-c" "$why"
            skip_row "busybox-200" "$why"
        else
            cold_warm "python3-c(10x)" 10 - "$SYSROOT/usr/bin/python3.11" "-c print(1)" -L "$SYSROOT"
            goal python3-c-warm 3
            # The commands the script execs (sed, grep, cat) run under qemu
            # as binfmt_misc would run them (qemu_exec_env), not natively.
            if stale "$B/qemu-exec/qemu-exec" "$ROOT/bench/qemu-exec.c"; then
                mkdir -p "$B/qemu-exec" &&
                    "$HOST_CC" -O2 -o "$B/qemu-exec/qemu-exec" "$ROOT/bench/qemu-exec.c" &&
                    for c in sed grep cat expr; do ln -sf qemu-exec "$B/qemu-exec/$c"; done
            fi
            if [ -x "$B/qemu-exec/qemu-exec" ]; then
                QEMU_EXEC_DIR="$B/qemu-exec" QEMU_EXEC_ROOT="$SYSROOT" \
                    cold_warm busybox-200 1 - "$SYSROOT/usr/bin/busybox" "sh $B/cmds200.sh" -L "$SYSROOT"
                goal busybox-200-warm 3
            else
                skip_row "busybox-200" "bench/qemu-exec.c did not build"
            fi
        fi
    fi
    if wanted busybox-sh-loop; then
        if [ -n "$why" ]; then
            skip_row busybox-sh-loop "$why"
        elif [ ! -x "$SYSROOT/usr/bin/busybox" ]; then
            skip_row busybox-sh-loop "no busybox in $SYSROOT"
        else
            nat=$(command -v busybox || echo -)
            [ "$nat" = - ] && log "no host busybox (package busybox-static): native column empty"
            row busybox-sh-loop 1 "$nat" "$SYSROOT/usr/bin/busybox" "sh $B/loop.sh" -L "$SYSROOT"
            goal busybox-sh-loop 1
        fi
    fi
    if wanted python3-loop; then
        if [ -n "$why" ]; then
            skip_row python3-loop "$why"
        elif [ ! -x "$SYSROOT/usr/bin/python3.11" ]; then
            skip_row python3-loop "no python3.11 in $SYSROOT"
        else
            # The same Python version natively (not a pyenv shim's).
            nat=-
            for p in /usr/bin/python3.11 "$(command -v python3.11)" "$(command -v python3)"; do
                [ -n "$p" ] && [ -x "$p" ] && { nat=$p; break; }
            done
            row python3-loop 1 "$nat" "$SYSROOT/usr/bin/python3.11" "$B/loop.py" -L "$SYSROOT"
            goal python3-loop 1
        fi
    fi
fi

# ------------------------------------------------- PowerPC and SPARC rows
# The same programs built with the guest row's compiler (static -O2), the
# guest's qemu-user in the qemu columns: rows G-coremix, G-sha256, G-nbody
# and G-startup(50x).  Goals (issues 8 and 9): at least as fast as qemu on
# compute, a static hello 3x faster to start.
# cross_rows G QEMU CFLAGS
cross_rows() {
    local g=$1 cc=${G_CC[$1]:-} k n nat
    [ -n "$cc" ] && have "$cc" || return 0
    wanted "$g-coremix" || wanted "$g-sha256" || wanted "$g-nbody" || wanted "$g-startup" || wanted "$g-real" ||
        wanted "$g-bzip2-compress" || wanted "$g-bzip2-decompress" || wanted "$g-gzip-compress" ||
        wanted "$g-gzip-decompress" || wanted "$g-lua" || return 0
    have "$2" || log "$2 not installed: its column will be empty"
    QEMU=$2
    for k in coremix:2000 sha256:64 nbody:1000000 hello:; do
        n=${k%%:*}
        if stale "$B/$n.$g" "$ROOT/bench/$n.c"; then
            # shellcheck disable=SC2086
            "$cc" $3 -O2 -static -o "$B/$n.$g" "$ROOT/bench/$n.c" -lm || log "could not build bench/$n.c for $g"
        fi
        [ "$n" = hello ] && continue
        if wanted "$g-$n" && [ -e "$B/$n.$g" ] && [ -e "$B/$n.native" ]; then
            # sha256 prints words of its state as they lie in memory: the
            # byte order shows, so qemu's output is the reference there.
            nat=$B/$n.native
            [ "$n" = sha256 ] && nat=-
            row "$g-$n" 1 "$nat" "$B/$n.$g" "${k#*:}"
            goal "$g-$n" 1
        fi
    done
    if wanted "$g-startup" && [ -e "$B/hello.$g" ] && [ -e "$B/hello.native" ]; then
        row "$g-startup(50x)" 50 "$B/hello.native" "$B/hello.$g" ""
        goal "$g-startup" 3
    fi
    real_rows "$g" "$cc" "$3"
    unset QEMU
}
# -ffp-contract=off: as the guest suite, no fused multiply-adds that the
# x86-64 build does not make (nbody's output would differ in the last digits).
cross_rows ppc qemu-ppc "-ffp-contract=off"
cross_rows sparc qemu-sparc32plus "-m32"

echo "(fail: mimic's output differed from native's (the qemu column's where native is -) or it crashed; wrong: same for the qemu column's emulator)" | tee -a "$RESULTS"
if [ ${#GOALS[@]} -gt 0 ]; then
    echo "goals:" | tee -a "$RESULTS"
    printf '  %s\n' "${GOALS[@]}" | tee -a "$RESULTS"
fi
echo "results: $RESULTS"
