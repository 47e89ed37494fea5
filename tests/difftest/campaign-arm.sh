#!/usr/bin/env bash
# A longer ARM random-instruction campaign against qemu-arm (make
# difftest-campaign-arm).  make check's diff group runs the same
# generators with 12 fixed seeds and 2000 iterations; this runs seeds
# FIRST..LAST with COUNT iterations each, for
#   - the instruction fuzzers tests/insn/{neon,v8,vfp}-fuzz.c (random NEON,
#     ARMv8 AArch32 and VFP encodings with random registers, buffers and
#     FPSCR), in every instruction-set mode their guest row lists (A32 and
#     T32), each under the reference named in the file ("reference-args:",
#     e.g. qemu-arm -cpu max for the ARMv8 one; else the row's reference);
#   - tests/difftest/gen.py programs for A32 and T32 (integer, flags,
#     loads/stores, branches), GEN_COUNT instructions each (default 800:
#     longer programs put literal pools out of the assembler's reach).
# Prints "DIFF NAME SEED" for each difference (the programs and both
# outputs are kept in the campaign directory) and a total per generator.
#
#   tests/difftest/campaign-arm.sh [FIRST LAST [COUNT]]   (default 100 199 20000)
#   JOBS=N (default 2) runs N programs at once.
set -u
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
first=${1:-100} last=${2:-199} count=${3:-20000}
d="$BUILD/tests/campaign-arm"
mkdir -p "$d"
cc=${G_CC[arm]}
read -r -a ref <<<"${G_REF[arm]}"
sysroot=${G_SYSROOT[arm]}
command -v "${ref[0]}" >/dev/null || { echo "campaign-arm: ${ref[0]} not installed" >&2; exit 2; }
[ -x "$BUILD/mimic" ] || { echo "campaign-arm: build mimic first (make)" >&2; exit 2; }

# The fuzzers, built once per mode: "NAME|BINARY|REFERENCE-ARGS" lines.
jobs_file="$d/jobs"
: >"$jobs_file"
for fz in neon v8 vfp; do
    src="$ROOT/tests/insn/$fz-fuzz.c"
    rargs=$(sed -n 's/.*reference-args: //p' "$src" | head -1)
    while IFS= read -r spec; do
        [ "${spec%%=*}" = "$fz" ] || continue
        while IFS= read -r mode; do
            [ -n "$mode" ] || continue
            bin="$d/$fz-fuzz.${mode%%:*}"
            # shellcheck disable=SC2086
            "$cc" ${G_CFLAGS[arm]} -O1 ${mode#*:} -w -I"$ROOT/tests/insn" "$src" -lm -o "$bin" 2>"$bin.log" ||
                { echo "BUILD $fz-fuzz ${mode%%:*} (see $bin.log)"; continue; }
            echo "$fz-fuzz.${mode%%:*}|$bin|$rargs" >>"$jobs_file"
        done < <(tr ',' '\n' <<<"${spec#*=}")
    done < <(tr ';' '\n' <<<"${G_INSN[arm]}")
done
for isa in arm thumb; do echo "gen-$isa|gen|$isa" >>"$jobs_file"; done

one() {
    local name=$1 bin=$2 extra=$3 s=$4 b
    local -a rargs=() args=("$s" "$count")
    b="$d/$name-$s"
    if [ "$bin" = gen ]; then
        python3 "$ROOT/tests/difftest/gen.py" --seed "$s" --isa "$extra" --count "${GEN_COUNT:-800}" >"$b.S" &&
            "$cc" ${G_CFLAGS[arm]} -m"$extra" "$b.S" "$ROOT/tests/difftest/harness.c" -o "$b" 2>"$b.log" ||
            { echo "BUILD $name $s"; return; }
        bin=$b args=()
    else
        read -r -a rargs <<<"$extra"
    fi
    timeout 300 "${ref[@]}" "${rargs[@]}" -L "$sysroot" "$bin" "${args[@]}" >"$b.want" 2>&1
    echo "rc $?" >>"$b.want"
    timeout 300 "$BUILD/mimic" "$bin" "${args[@]}" >"$b.got" 2>&1
    echo "rc $?" >>"$b.got"
    if cmp -s "$b.want" "$b.got"; then
        rm -f "$b" "$b.want" "$b.got" "$b.S" "$b.log" # ($b: a gen program; fuzzers are shared, $d/NAME)
        echo "ok $name $s"
    else
        echo "DIFF $name $s"
    fi
}
export -f one
export d count cc ROOT BUILD sysroot
export REF="${ref[*]}" CFLAGS_ARM="${G_CFLAGS[arm]}"
while IFS='|' read -r name bin extra; do
    for s in $(seq "$first" "$last"); do printf '%s\0%s\0%s\0%s\0' "$name" "$bin" "$extra" "$s"; done
done <"$jobs_file" |
    xargs -0 -n 4 -P "${JOBS:-2}" bash -c 'read -r -a ref <<<"$REF"; declare -A G_CFLAGS=([arm]="$CFLAGS_ARM"); one "$@"' one |
    tee "$d/result" | grep -v '^ok '
bad=$(grep -c '^DIFF\|^BUILD' "$d/result")
while IFS='|' read -r name _; do
    printf 'campaign-arm: %-16s %d seeds, %d differ\n' "$name" \
        "$(grep -c " $name " "$d/result")" "$(grep -c "^DIFF $name " "$d/result")"
done <"$jobs_file"
echo "campaign-arm: seeds $first..$last x $count iterations: $bad differences (kept in $d)"
[ "$bad" -eq 0 ]
