#!/usr/bin/env bash
# `make demo`: install what is missing, build mimic, then build a few ARM
# (armhf) programs with the cross compiler and run them under mimic,
# side by side with the same programs built for this x86-64 host.
set -u
. "$(dirname "${BASH_SOURCE[0]}")/../tests/lib.sh"

ensure_deps
mkdir -p "$BUILD"
if [ -n "${EMU:-}" ]; then
    MIMIC=$EMU # (EMU=qemu-arm tools/demo.sh shows the same programs under qemu)
else
    echo "== building mimic"
    REL=${BUILD#"$ROOT"/}
    if ! make -j2 --no-print-directory BUILD="$REL" "$REL/mimic" >"$BUILD/demo-build.log" 2>&1; then
        tail -20 "$BUILD/demo-build.log"
        echo "demo: building mimic failed (full log: $BUILD/demo-build.log)" >&2
        exit 1
    fi
    MIMIC="$BUILD/mimic"
fi
D="$BUILD/demo"
mkdir -p "$D"

cat >"$D/hello.c" <<'C'
#include <stdio.h>
#include <sys/utsname.h>
int main(int argc, char **argv)
{
    struct utsname u;
    uname(&u);
    printf("Hello! uname says machine=%s, pointers are %u bytes, argv[0]=%s, %d args\n", u.machine,
           (unsigned)sizeof(void *), argv[0], argc - 1);
    return 0;
}
C

status=0
# show TITLE CMD...: print the command, run it, report its exit status.
show() {
    local title=$1
    shift
    echo
    echo "== $title"
    echo "\$ ${*#"$ROOT"/}"
    timeout 60 "$@" 2>&1
    local rc=$?
    [ "$rc" -eq 0 ] || { echo "(exit status $rc)"; status=1; }
}

echo "== compiling sample programs with $ARM_CC"
"$ARM_CC" -O2 -static -o "$D/hello-static" "$D/hello.c" || status=1
"$ARM_CC" -O2 -o "$D/hello-dynamic" "$D/hello.c" || status=1
for t in sieve hash interp smc; do
    "$ARM_CC" -O2 -mthumb -static -w -o "$D/$t" "tests/guest/$t.c" -lm || status=1
done
file "$D/hello-static" "$D/sieve" 2>/dev/null | sed "s|$ROOT/||"

show "a static ARM program" "$MIMIC" "$D/hello-static" one two
show "a dynamically linked ARM program, its ld.so and libc from the cross sysroot (-L)" \
    "$MIMIC" -L /usr/arm-linux-gnueabihf "$D/hello-dynamic"
show "the same, with syscall tracing (-strace)" "$MIMIC" -strace "$D/hello-static"
show "Thumb-2 code: a prime sieve" "$MIMIC" "$D/sieve"
show "SHA-256 / CRC-32 over 4 MiB" "$MIMIC" "$D/hash"
show "a bytecode interpreter (indirect branches)" "$MIMIC" "$D/interp"
show "self-modifying code" "$MIMIC" "$D/smc"
if have qemu-arm; then
    echo
    echo "== timing the sieve: mimic vs qemu-arm"
    for emu in "$MIMIC" qemu-arm; do
        start=$(now_ns)
        "$emu" "$D/sieve" >/dev/null 2>&1
        end=$(now_ns)
        printf '%-10s %6d ms\n' "${emu##*/}" $(((end - start) / 1000000))
    done
fi
echo
[ "$status" -eq 0 ] && echo "demo: all programs ran" || echo "demo: some programs failed (see above)"
exit "$status"
