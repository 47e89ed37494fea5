#!/usr/bin/env bash
# The ELF-loader fuzz campaign (tests/fuzz/elf-fuzz.c, libFuzzer with
# clang, ASan and UBSan): builds the harness, seeds a corpus with real
# guest executables built here (static without a C library, static-PIE,
# dynamic: every cross compiler there is), and fuzzes for FUZZ_SECONDS
# (make fuzz: 300 by default; the `fuzz` test group of make check: 10).
# The corpus grows in $BUILD/fuzz/corpus across runs; a crash leaves its
# input as $BUILD/fuzz/crash-* (rerun it: $BUILD/fuzz/elf-fuzz FILE).
# Output: PASS/FAIL/SKIP lines, then "N passed, N failed" (tests/run.sh).
set -u
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

S=${FUZZ_SECONDS:-300}
F="$BUILD/fuzz"
mkdir -p "$F/corpus" "$F/seeds"
finish() { # PASS/FAIL/SKIP line, then the summary line
    echo "$1"
    case "$1" in PASS*) echo "1 passed, 0 failed" ;; FAIL*) echo "0 passed, 1 failed"; exit 1 ;; *) echo "0 passed, 0 failed, 1 skipped" ;; esac
    exit 0
}
CLANG=${CLANG:-clang}
have "$CLANG" || finish "SKIP fuzz/elf-loader (no clang: tools/install-deps.sh installs it)"
[ -e "$BUILD/libmimic.a" ] || finish "FAIL fuzz/elf-loader ($BUILD/libmimic.a not built: make first)"

# The loader's sources instrumented in the harness; the rest from libmimic.a.
SRCS=(tests/fuzz/elf-fuzz.c elfload/elf-check.c elfload/elfload.c elfload/stack.c)
H="$F/elf-fuzz"
if stale "$H" "${SRCS[@]}" "$BUILD/libmimic.a" elfload/elfload.h; then
    "$CLANG" -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
        -std=gnu11 -Iinclude -I. -I"$BUILD/gen" -D_GNU_SOURCE -o "$H.tmp" "${SRCS[@]}" \
        "$BUILD/libmimic.a" -lelf -lz -lcapstone -lpthread -lm 2>"$F/build.log" &&
        mv -f "$H.tmp" "$H" ||
        finish "FAIL fuzz/elf-loader (harness does not build: $(grep -m1 -i error "$F/build.log"))"
fi

# Seeds: small real executables for every guest compiler there is.
printf 'void _start(void) { for (;;); }\n' >"$F/seeds/start.c"
printf 'int main(void) { return 3; }\n' >"$F/seeds/main.c"
seed() { # NAME CC FLAGS...
    local n=$1 cc=$2
    shift 2
    [ -e "$F/seeds/$n" ] || ! have "$cc" || "$cc" "$@" -o "$F/seeds/$n" 2>/dev/null || true
}
for g in "${GUESTS[@]}"; do
    cc=${G_CC[$g]} m=
    [ "$g" = sparc ] && m=-m32
    seed "$g-nolibc" "$cc" $m -nostdlib -static -O2 "$F/seeds/start.c"
    seed "$g-static-pie" "$cc" $m -nostdlib -static-pie -fPIE -O2 "$F/seeds/start.c"
    seed "$g-dynamic" "$cc" $m -O2 "$F/seeds/main.c"
done
rm -f "$F/seeds/start.c" "$F/seeds/main.c"

# -max_len: the seeds are a few KiB; larger inputs only slow the campaign.
# FUZZ_SEED: libFuzzer's seed (0: a new one per run).  make check's group
# uses a fixed one, so that its short campaign tries the same inputs on
# every machine (a prefix of what a longer run with that seed tries).
"$H" -seed="${FUZZ_SEED:-0}" -max_total_time="$S" -max_len=16384 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
    -artifact_prefix="$F/" "$F/corpus" "$F/seeds" >"$F/fuzz.log" 2>&1
rc=$?
runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$F/fuzz.log" | grep -o '[0-9]*$')
if [ "$rc" -eq 0 ]; then
    finish "PASS fuzz/elf-loader"
else
    finish "FAIL fuzz/elf-loader (libFuzzer exit $rc after ${runs:-?} runs: $(grep -m1 -E 'ERROR|SUMMARY|deadly|exited' "$F/fuzz.log"); see $F/fuzz.log)"
fi
