#!/bin/bash
# Differential random-instruction test: the same random ARM/Thumb programs
# (tests/risu/gen.py, fixed seeds) under qemu-arm (reference) and mimic; the
# final registers and APSR must match.  Prints PASS/FAIL/SKIP lines.
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
OUT=$BUILD/tests/risu
SEEDS=${RISU_SEEDS:-$(seq 1 24)}
mkdir -p "$OUT"
if ! command -v qemu-arm >/dev/null || ! command -v arm-linux-gnueabihf-gcc >/dev/null; then
    echo "SKIP risu (qemu-arm or arm-linux-gnueabihf-gcc missing)"
    exit 0
fi
for isa in arm thumb; do
    for seed in $SEEDS; do
        name="risu/$isa-$seed"
        bin=$OUT/$isa-$seed
        if ! python3 tests/risu/gen.py "$seed" "$isa" 120 >"$bin.S" ||
            ! arm-linux-gnueabihf-gcc -nostdlib -static "$bin.S" -o "$bin" 2>"$bin.err"; then
            echo "FAIL $name (generator or assembler: $(head -1 "$bin.err"))"
            continue
        fi
        timeout 20 qemu-arm "$bin" | od -An -tx4 >"$bin.ref"
        timeout 20 "$BUILD/mimic" "$bin" 2>"$bin.stderr" | od -An -tx4 >"$bin.out"
        if cmp -s "$bin.ref" "$bin.out"; then
            echo "PASS $name"
        else
            echo "FAIL $name (registers differ from qemu-arm: diff $bin.ref $bin.out)"
        fi
    done
done
