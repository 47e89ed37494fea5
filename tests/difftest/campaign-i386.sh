#!/usr/bin/env bash
# A longer i386 random-instruction campaign (integer with MMX/SSE for even
# seeds, integer with x87 and SSE for odd seeds, see gen_i386.py): programs of COUNT instructions for seeds FIRST..LAST, each
# run under mimic and compared with the real CPU (the same body as x86-64
# code, i386-to-x86_64.py); qemu-i386 runs too, for information.  Prints
# the seeds where mimic differs from the CPU (DIFF) and a total, with how
# often qemu-i386 differs from the CPU.  Not part of make check (make
# difftest-campaign-i386; the note in /work/notes gives the last result).
#
#   tests/difftest/campaign-i386.sh [FIRST LAST [COUNT]]   (default 1000 1999 1000)
set -u
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
first=${1:-1000} last=${2:-1999} count=${3:-1000}
d="$BUILD/tests/campaign-i386"
mkdir -p "$d"
cc=${G_CC[i386]:-i686-linux-gnu-gcc}
one() {
    local s=$1 b="$d/p$1"
    local isa=i386
    [ $((s % 2)) -eq 1 ] && isa=i386x87
    python3 "$ROOT/tests/difftest/gen.py" --seed "$s" --isa "$isa" --count "$count" >"$b.S" &&
        "$cc" -static "$b.S" "$ROOT/tests/difftest/harness-i386.c" -o "$b" 2>"$b.log" || { echo "BUILD $s"; return; }
    python3 "$ROOT/tests/difftest/i386-to-x86_64.py" "$b.S" "$b.64.S" &&
        "$HOST_CC" -no-pie -static "$b.64.S" "$ROOT/tests/difftest/harness-i386.c" -o "$b.64" 2>>"$b.log" ||
        { echo "BUILD64 $s"; return; }
    timeout 60 "$b.64" >"$b.want" 2>&1
    timeout 60 qemu-i386 "$b" >"$b.qemu" 2>&1
    timeout 60 "$BUILD/mimic" "$b" >"$b.got" 2>&1
    cmp -s "$b.want" "$b.qemu" || echo "qemu-differs $s"
    if cmp -s "$b.want" "$b.got"; then
        rm -f "$b" "$b.S" "$b.64" "$b.64.S" "$b.want" "$b.got" "$b.qemu" "$b.log"
    else
        echo "DIFF $s"
    fi
}
export -f one
export d count cc ROOT BUILD HOST_CC
seq "$first" "$last" | xargs -P "${JOBS:-2}" -I{} bash -c 'one {}' | tee "$d/result"
n=$((last - first + 1))
bad=$(grep -c '^DIFF\|^BUILD' "$d/result")
q=$(grep -c '^qemu-differs' "$d/result")
echo "campaign-i386: $n programs x $count instructions: mimic differs from the CPU in $bad (kept in $d); qemu-i386 in $q"
[ "$bad" -eq 0 ]
