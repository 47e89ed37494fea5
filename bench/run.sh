#!/usr/bin/env bash
# `make bench`: time programs natively (gcc -O2), under qemu-arm and under
# mimic (ARM builds: arm-linux-gnueabihf-gcc -O2 -static), report medians of
# RUNS runs and the ratios qemu/mimic (>1: mimic is faster) and native/mimic.
#
#   bench/run.sh [NAME...]     only the named benchmarks
# Environment: BUILD (default build), RUNS (default 3), NO_FETCH=1 (skip the
# Debian source packages), EMU (time this instead of $BUILD/mimic).
set -u
. "$(dirname "${BASH_SOURCE[0]}")/../tests/lib.sh"

RUNS=${RUNS:-3}
B="$BUILD/bench"
SRC="$B/src"
mkdir -p "$B" "$SRC"
MIMIC=${EMU:-"$BUILD/mimic"}
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

# Real programs from Debian source packages.  Needs a deb-src entry; add one
# for bookworm if none exists (root only).
ensure_deb_src() {
    if grep -rqsE '^(deb-src|Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/; then
        return 0
    fi
    [ "$(id -u)" -eq 0 ] || { log "no deb-src entry in the apt sources and not root"; return 1; }
    log "adding a deb-src entry for bookworm (/etc/apt/sources.list.d/mimic-deb-src.sources)"
    cat >/etc/apt/sources.list.d/mimic-deb-src.sources <<'EOF'
# Added by mimic's bench/run.sh: source packages for `make bench`.
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    apt-get update -q >"$B/apt-update.log" 2>&1 || { log "apt-get update failed (see $B/apt-update.log)"; return 1; }
}
fetch_src() { # PKG -> prints the unpacked directory
    local pkg=$1 d
    d=$(find "$SRC" -maxdepth 1 -type d -name "$pkg-*" | head -1)
    if [ -z "$d" ]; then
        (cd "$SRC" && apt-get source -q "$pkg") >"$B/fetch-$pkg.log" 2>&1 || return 1
        d=$(find "$SRC" -maxdepth 1 -type d -name "$pkg-*" | head -1)
    fi
    [ -n "$d" ] && echo "$d"
}

real_programs() {
    if [ -n "${NO_FETCH:-}" ]; then
        log "NO_FETCH set: using only the bundled programs"
        return
    fi
    if ! ensure_deb_src; then
        log "no Debian source packages: using only the bundled programs"
        return
    fi
    local d
    # bzip2: compress and decompress 8 MiB of generated, text-like data.
    if d=$(fetch_src bzip2); then
        local srcs=("$d"/{blocksort,bzlib,compress,crctable,decompress,huffman,randtable,bzip2}.c)
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
        log "apt-get source bzip2 failed (see $B/fetch-bzip2.log): skipped"
    fi
    # lua5.4: the interpreter (without luac) running a small script.
    if d=$(fetch_src lua5.4); then
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
        log "apt-get source lua5.4 failed (see $B/fetch-lua5.4.log): skipped"
    fi
}
real_programs
build_pair hello "$ROOT/bench/hello.c" || log "could not build bench/hello.c"

if [ $# -gt 0 ]; then
    keep=" $* "
    n0=${#NAMES[@]}
    for ((i = 0; i < n0; i++)); do
        case "$keep" in *" ${NAMES[i]} "*) ;; *) unset 'NAMES[i]' ;; esac
    done
fi

# ----------------------------------------------------------------- timing
# time_cmd REPEAT CMD...: median wall time in seconds over RUNS runs, each
# running CMD REPEAT times; "fail" if CMD fails.  hyperfine when available.
time_cmd() {
    local repeat=$1
    shift
    if [ "$repeat" -eq 1 ] && have hyperfine && have python3; then
        local json="$B/hf.json"
        if hyperfine -N --style none --runs "$RUNS" --output=null --export-json "$json" -- "$*" >/dev/null 2>&1; then
            python3 -c 'import json,sys; print("%.4f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$json"
            return
        fi
        echo fail
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

# Does the emulated run print what the native run prints?
same_output() { # NATIVE ARM ARGS EMU...
    local nat=$1 arm=$2 args=$3
    shift 3
    # shellcheck disable=SC2086
    [ "$(timeout 300 "$nat" $args 2>&1 | cksum)" = "$(timeout 300 "$@" "$arm" $args 2>&1 | cksum)" ]
}

have qemu-arm || log "qemu-arm not installed: its column will be empty"
[ -x "${MIMIC%% *}" ] || have "${MIMIC%% *}" || log "$MIMIC not built: its column will be empty"
{
    echo "mimic benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), median of $RUNS runs, seconds"
    printf '%-18s %10s %10s %10s %12s %14s\n' program native qemu-arm mimic qemu/mimic native/mimic
} | tee "$RESULTS"

row() { # NAME REPEAT NATIVE ARM ARGS
    local name=$1 repeat=$2 nat=$3 arm=$4 args=$5 tn tq tm
    # shellcheck disable=SC2086
    tn=$(time_cmd "$repeat" "$nat" $args)
    tq=-
    if have qemu-arm; then
        if same_output "$nat" "$arm" "$args" qemu-arm; then
            # shellcheck disable=SC2086
            tq=$(time_cmd "$repeat" qemu-arm "$arm" $args)
        else
            tq=wrong
        fi
    fi
    tm=-
    # shellcheck disable=SC2086
    if same_output "$nat" "$arm" "$args" $MIMIC; then
        # shellcheck disable=SC2086
        tm=$(time_cmd "$repeat" $MIMIC "$arm" $args)
    else
        tm=fail
    fi
    printf '%-18s %10s %10s %10s %12s %14s\n' "$name" "$tn" "$tq" "$tm" "$(ratio "$tq" "$tm")" \
        "$(ratio "$tn" "$tm")" | tee -a "$RESULTS"
}

for i in "${!NAMES[@]}"; do
    row "${NAMES[i]}" 1 "${NATIVE[i]}" "${ARMBIN[i]}" "${ARGS[i]}"
done
if [ -e "$B/hello.arm" ] && { [ $# -eq 0 ] || [[ " $* " == *" startup "* ]]; }; then
    row "startup(50x)" 50 "$B/hello.native" "$B/hello.arm" ""
fi
echo "(fail: mimic's output differed from native or it crashed; wrong: same for qemu-arm)" | tee -a "$RESULTS"
echo "results: $RESULTS"
