#!/bin/sh
# Unit test of the decoder generator: generate sample.decode, compile and run
# test.c against it, and check that an overlap outside a group is rejected.
# Usage: tests/decodegen/run.sh WORKDIR
set -u
here=$(cd "$(dirname "$0")" && pwd)
gen="$here/../../tools/decodegen.py"
out=${1:?usage: run.sh WORKDIR}
mkdir -p "$out"
python3 "$gen" "$here/sample.decode" "$out/decode-sample.c.inc" || exit 1
${CC:-cc} -std=gnu11 -Wall -Wextra -Werror -Wno-unused-parameter -Wno-unused-function \
    -fsanitize=address,undefined -I"$out" -o "$out/decodegen-test" "$here/test.c" || exit 1
"$out/decodegen-test" || exit 1
# The generated tree must switch, not scan: the top level is a switch.
grep -q 'switch' "$out/decode-sample.c.inc" || { echo "no switch in the generated tree"; exit 1; }
if python3 "$gen" "$here/overlap.decode" "$out/bad.c.inc" 2>"$out/bad.err"; then
    echo "FAIL: overlapping patterns outside a group were accepted"
    exit 1
fi
grep -q 'overlaps' "$out/bad.err" || { echo "FAIL: wrong error: $(cat "$out/bad.err")"; exit 1; }
echo "overlap rejected: $(cat "$out/bad.err")"
