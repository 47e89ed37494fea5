#!/usr/bin/env bash
# Tests of `mimic --binfmt install|uninstall|status` (linux-user/binfmt.c).
#
#   tests/binfmt.sh
#
# Prints "PASS name", "FAIL name (reason)" or "SKIP name (reason)" lines and
# as the last line "N passed, N failed[, N skipped]"; exits 1 if anything
# failed (the same format as tests/run.sh, whose "binfmt" group runs this).
#
# Checks that need no privileges run everywhere: the register line of
# --dry-run against a hand-written ARM magic/mask, status, errors.
#
# The end-to-end check (install, run ./hello-arm directly, status, uninstall,
# ./hello-arm no longer runs) changes the kernel's binfmt_misc, so it runs in
# a private binfmt_misc instance: a new user + mount namespace (unshare -Urm)
# with its own binfmt_misc mount (Linux 6.7+).  Nothing outside it changes,
# and files normally written to /etc and /usr/share go under
# $BUILD/tests/binfmt/root (MIMIC_BINFMT_ROOT).  Where no private instance is
# possible the check is skipped, unless MIMIC_BINFMT_TEST_GLOBAL=1 (and root):
# then it uses the system's binfmt_misc and restores what was registered
# before (a previous mimic-arm entry is re-registered, others are untouched).
set -u
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

T="$BUILD/tests/binfmt"
M="$BUILD/mimic"
BM=/proc/sys/fs/binfmt_misc
mkdir -p "$T"

npass=0 nfail=0 nskip=0
pass() { echo "PASS $1"; npass=$((npass + 1)); }
fail() { echo "FAIL $1 ($2)"; nfail=$((nfail + 1)); }
skip() { echo "SKIP $1 ($2)"; nskip=$((nskip + 1)); }
summary() {
    local s="$npass passed, $nfail failed"
    [ "$nskip" -gt 0 ] && s="$s, $nskip skipped"
    echo "$s"
    [ "$nfail" -eq 0 ]
}

# The ARM entry, written out by hand from the ELF header layout:
# "\x7fELF", ELFCLASS32, ELFDATA2LSB, EV_CURRENT, OSABI (ignored), 8 zero
# bytes, e_type ET_EXEC with bit 0 ignored (ET_DYN too), e_machine EM_ARM (40).
MAGIC='\x7f\x45\x4c\x46\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x28\x00'
MASK='\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'
MAGIC_HEX=7f454c4601010100000000000000000002002800
MASK_HEX=ffffffffffffff00fffffffffffffffffeffffff

# Flags mimic registers: F always, P on Linux >= 5.12 (AT_FLAGS_PRESERVE_ARGV0).
expected_flags() {
    local r major minor
    r=$(uname -r)
    major=${r%%.*}
    minor=${r#*.}
    minor=${minor%%[!0-9]*}
    if [ "$major" -gt 5 ] || { [ "$major" -eq 5 ] && [ "$minor" -ge 12 ]; }; then
        echo PF
    else
        echo F
    fi
}

# run_cmd OUT ERR CMD...: run with a timeout, stdout/stderr to files; sets RC.
run_cmd() {
    local out=$1 err=$2
    shift 2
    timeout -k 5 60 "$@" >"$out" 2>"$err" </dev/null
    RC=$?
}

# ------------------------------------------------------- unprivileged checks
outer_checks() {
    local interp flags want out="$T/out" err="$T/err"
    interp=$(realpath "$M")
    flags=$(expected_flags)

    want=":mimic-arm:M:0:$MAGIC:$MASK:$interp:$flags"
    run_cmd "$out" "$err" "$M" --binfmt install --dry-run
    if [ "$RC" -ne 0 ]; then
        fail binfmt/dry-run "exit $RC: $(head -c 200 "$err")"
    elif [ "$(head -n1 "$out")" != "$want" ]; then
        fail binfmt/dry-run "register line '$(head -n1 "$out" | cut -c1-200)', want '$want'"
    else
        pass binfmt/dry-run
    fi

    # --interpreter, --sysroot and --persistent in a dry run: nothing written.
    local root="$T/dry-root"
    rm -rf "$root"
    run_cmd "$out" "$err" env MIMIC_BINFMT_ROOT="$root" "$M" --binfmt install --dry-run \
        --persistent --sysroot "$T" --interpreter /bin/sh
    local sh
    sh=$(realpath /bin/sh)
    if [ "$RC" -ne 0 ]; then
        fail binfmt/dry-run-persistent "exit $RC: $(head -c 200 "$err")"
    elif [ -e "$root" ]; then
        fail binfmt/dry-run-persistent "--dry-run created $root"
    elif ! grep -qxF ":mimic-arm:M:0:$MAGIC:$MASK:$sh:$flags" "$out" ||
        ! grep -qxF "package mimic" "$out" || ! grep -qxF "magic $MAGIC" "$out" ||
        ! grep -qxF "mask $MASK" "$out" || ! grep -qxF "interpreter $sh" "$out" ||
        ! grep -qxF "credentials no" "$out" || ! grep -qxF "fix_binary yes" "$out" ||
        ! grep -qF "would link $root/etc/mimic-binfmt/arm -> $T" "$out"; then
        fail binfmt/dry-run-persistent "unexpected output (see $out)"
    else
        pass binfmt/dry-run-persistent
    fi

    # tools/binfmt/: the packaged format files (one pair per guest) match
    # what mimic generates (`make binfmt-files` rewrites them).
    local conf g bad= nfiles=0
    for conf in "$ROOT"/tools/binfmt/mimic-*.conf; do
        [ -e "$conf" ] || continue
        nfiles=$((nfiles + 1))
        g=$(basename "$conf" .conf)
        g=${g#mimic-}
        run_cmd "$out" "$err" env MIMIC_BINFMT_ROOT=/nonexistent "$M" --binfmt install --dry-run \
            --persistent --interpreter /usr/bin/mimic --target "$g"
        if [ "$RC" -ne 0 ]; then
            bad="$g: exit $RC: $(head -c 200 "$err")"
        elif [ "$(grep -v '^#' "$conf")" != "$(head -n1 "$out")" ]; then
            bad="tools/binfmt/mimic-$g.conf differs from the dry-run register line"
        elif ! sed -n '/^would write \/nonexistent\/usr\/share\/binfmts/,$p' "$out" | tail -n +2 |
            cmp -s - "$ROOT/tools/binfmt/mimic-$g"; then
            bad="tools/binfmt/mimic-$g differs from the dry-run format file"
        fi
        [ -n "$bad" ] && break
    done
    if [ -n "$bad" ]; then
        fail binfmt/tools-files "$bad (make binfmt-files)"
    elif [ "$nfiles" -eq 0 ]; then
        fail binfmt/tools-files "no tools/binfmt/mimic-*.conf"
    else
        pass binfmt/tools-files
    fi

    # binfmt_misc not mountable: root in a user namespace without its own
    # mount namespace (as in an unprivileged container).
    if ! have unshare || ! unshare -Ur true 2>/dev/null; then
        skip binfmt/error-unmountable "no user namespaces"
    else
        run_cmd "$out" "$err" unshare -Ur "$M" --binfmt install
        if [ "$RC" -ne 1 ] || [ "$(wc -l <"$err")" -ne 1 ] || ! grep -q '^mimic: .*binfmt_misc' "$err"; then
            fail binfmt/error-unmountable "exit $RC, stderr: $(head -c 200 "$err")"
        else
            pass binfmt/error-unmountable
        fi
    fi

    # status never needs root; exit 0 (registered) or 3 (not).
    run_cmd "$out" "$err" "$M" --binfmt status
    if [ "$RC" -ne 0 ] && [ "$RC" -ne 3 ]; then
        fail binfmt/status "exit $RC: $(head -c 200 "$err")"
    elif ! grep -q '^binfmt_misc: ' "$out" || ! grep -q '^mimic-arm: ' "$out"; then
        fail binfmt/status "unexpected output: $(head -c 200 "$out")"
    else
        pass binfmt/status
    fi

    # Errors: one line on stderr, exit 1.
    local name args
    for name in unknown-action unknown-target no-action bad-option not-root; do
        case $name in
        unknown-action) args=(--binfmt frobnicate) ;;
        unknown-target) args=(--binfmt install --dry-run --target vax) ;;
        no-action) args=(--binfmt) ;;
        bad-option) args=(--binfmt status --persistent) ;;
        not-root) args=(--binfmt install) ;;
        esac
        local cmd=("$M" "${args[@]}")
        if [ "$name" = not-root ] && [ "$(id -u)" -eq 0 ]; then
            if ! have setpriv; then skip "binfmt/error-$name" "setpriv not installed"; continue; fi
            cmd=(setpriv --reuid=65534 --regid=65534 --clear-groups "${cmd[@]}")
        fi
        run_cmd "$out" "$err" "${cmd[@]}"
        local first
        first=$(head -n1 "$err")
        if [ "$RC" -ne 1 ]; then
            fail "binfmt/error-$name" "exit $RC, want 1"
        elif [[ "$first" != "mimic: "* ]]; then
            fail "binfmt/error-$name" "stderr: $(head -c 200 "$err")"
        elif [ "$name" = not-root ] && [[ "$first" != *root* ]]; then
            fail "binfmt/error-$name" "message does not mention root: $first"
        elif [ "$name" != no-action ] && [ "$(wc -l <"$err")" -ne 1 ]; then
            fail "binfmt/error-$name" "more than one line on stderr"
        else
            pass "binfmt/error-$name"
        fi
    done
}

# ------------------------------------------------------ programs to run
build_programs() {
    have "$ARM_CC" || return 1
    local src="$T/hello.c"
    cat >"$src.tmp$$" <<'EOF'
#include <stdio.h>
int main(int argc, char **argv)
{
    printf("argc=%d", argc);
    for (int i = 0; i < argc; i++)
        printf(" [%s]", argv[i]);
    printf("\n");
    return 3;
}
EOF
    if cmp -s "$src.tmp$$" "$src"; then rm -f "$src.tmp$$"; else mv -f "$src.tmp$$" "$src"; fi
    if stale "$T/hello-arm" "$src"; then
        "$ARM_CC" -static -O2 -o "$T/hello-arm" "$src" >"$T/build.log" 2>&1 || return 1
    fi
    if stale "$T/hello-native" "$src"; then
        "$HOST_CC" -O2 -o "$T/hello-native" "$src" >>"$T/build.log" 2>&1 || return 1
    fi
    if stale "$T/hello-arm-dyn" "$src"; then
        "$ARM_CC" -O2 -o "$T/hello-arm-dyn" "$src" >>"$T/build.log" 2>&1 || rm -f "$T/hello-arm-dyn"
    fi
    return 0
}

# --------------------------------------------------- the end-to-end check
# On exit from inner_checks: leave binfmt_misc as we found it.
restore() {
    [ -e "$BM/mimic-arm" ] && echo -1 >"$BM/mimic-arm"
    [ -e "$BM/mimictest-other" ] && echo -1 >"$BM/mimictest-other"
    [ -n "$R_SAVED" ] && printf '%s' "$R_SAVED" >"$BM/register"
    [ "$R_MODE" = global ] && [ "$R_WAS_MOUNTED" -eq 0 ] && umount "$BM" 2>/dev/null
    rm -rf "$MIMIC_BINFMT_ROOT"
}

# Runs inside the private namespace (or, opted in, against the system's
# binfmt_misc).  MODE=private|global.
inner_checks() {
    local mode=$1 out="$T/in.out" err="$T/in.err" interp flags
    interp=$(realpath "$M")
    flags=$(expected_flags)
    export MIMIC_BINFMT_ROOT="$T/root"
    rm -rf "$MIMIC_BINFMT_ROOT"
    cd "$T" || return

    # Global mode: remember and restore the state we found (globals: the
    # EXIT trap runs after this function has returned).
    R_MODE=$mode R_WAS_MOUNTED=0 R_SAVED=
    if mountpoint -q "$BM" 2>/dev/null; then R_WAS_MOUNTED=1; fi
    if [ "$mode" = global ] && [ -e "$BM/mimic-arm" ]; then
        R_SAVED=$(awk '/^interpreter /{i=$2} /^flags: /{f=$2} /^magic /{m=$2} /^mask /{k=$2}
            END { gsub(/../, "\\x&", m); gsub(/../, "\\x&", k);
                  printf ":mimic-arm:M:0:%s:%s:%s:%s", m, k, i, f }' "$BM/mimic-arm")
    fi
    trap restore EXIT

    # In the private instance: install mounts binfmt_misc itself; then
    # another handler for ARM, registered before mimic-arm, which mimic-arm
    # must take precedence over (as over qemu-user-binfmt's qemu-arm).
    if [ "$mode" = private ]; then
        run_cmd "$out" "$err" "$M" --binfmt install
        if [ "$RC" -ne 0 ] || ! mountpoint -q "$BM" || [ ! -e "$BM/mimic-arm" ]; then
            fail binfmt/mount "exit $RC: $(head -c 200 "$err")"
            return
        fi
        pass binfmt/mount
        echo -1 >"$BM/mimic-arm"
        printf '%s' ":mimictest-other:M:0:$MAGIC:$MASK:$(realpath /bin/false):F" >"$BM/register"
    fi

    run_cmd "$out" "$err" "$M" --binfmt install --persistent --sysroot "$T"
    if [ "$RC" -ne 0 ]; then
        fail binfmt/install "exit $RC: $(head -c 200 "$err")"
        return
    fi
    pass binfmt/install

    # The kernel's view of the entry.
    local e="$BM/mimic-arm"
    if [ ! -e "$e" ]; then
        fail binfmt/entry "no $e"
    elif ! grep -qx enabled "$e" || ! grep -qx "interpreter $interp" "$e" ||
        ! grep -qx "flags: $flags" "$e" || ! grep -qx "offset 0" "$e" ||
        ! grep -qx "magic $MAGIC_HEX" "$e" || ! grep -qx "mask $MASK_HEX" "$e"; then
        fail binfmt/entry "unexpected $e: $(tr '\n' ' ' <"$e")"
    else
        pass binfmt/entry
    fi

    # ./hello-arm runs directly, through mimic, like the native build.
    ./hello-native a 'b c' >"$T/native.out"
    echo "rc=$?" >>"$T/native.out"
    run_cmd "$out" "$err" env MIMIC_LOG=stats ./hello-arm a 'b c'
    echo "rc=$RC" >>"$out"
    if ! cmp -s "$out" <(sed 's/hello-native/hello-arm/' "$T/native.out"); then
        fail binfmt/run-static "got '$(tr '\n' ' ' <"$out")', want '$(tr '\n' ' ' <"$T/native.out")' $(head -c 200 "$err")"
    elif ! grep -q mimic "$err"; then
        fail binfmt/run-static "not run by mimic (another binfmt_misc entry took it?)"
    else
        pass binfmt/run-static
    fi

    # argv[0] preserved (flag P): exec -a NAME.
    if [ "$flags" = PF ]; then
        run_cmd "$out" "$err" bash -c 'exec -a my-argv0 ./hello-arm x'
        if [ "$(cat "$out")" != "argc=2 [my-argv0] [x]" ]; then
            fail binfmt/argv0 "got '$(cat "$out")' $(head -c 200 "$err")"
        else
            pass binfmt/argv0
        fi
    else
        skip binfmt/argv0 "kernel older than 5.12: no P flag"
    fi

    # A dynamic program: ld.so from the default sysroot.
    if [ ! -e "$T/hello-arm-dyn" ]; then
        skip binfmt/run-dynamic "cannot build a dynamic ARM program"
    elif [ ! -e /usr/arm-linux-gnueabihf/lib/ld-linux-armhf.so.3 ]; then
        skip binfmt/run-dynamic "no /usr/arm-linux-gnueabihf sysroot"
    else
        run_cmd "$out" "$err" ./hello-arm-dyn q
        if [ "$RC" -ne 3 ] || [ "$(cat "$out")" != "argc=2 [./hello-arm-dyn] [q]" ]; then
            fail binfmt/run-dynamic "exit $RC, got '$(cat "$out")' $(head -c 200 "$err")"
        else
            pass binfmt/run-dynamic
        fi
    fi

    # Files: sysroot link and the two persistent registrations.
    local r=$MIMIC_BINFMT_ROOT
    if [ "$(readlink "$r/etc/mimic-binfmt/arm")" != "$(realpath "$T")" ]; then
        fail binfmt/files "sysroot link: '$(readlink "$r/etc/mimic-binfmt/arm")'"
    elif ! grep -qxF ":mimic-arm:M:0:$MAGIC:$MASK:$interp:$flags" "$r/etc/binfmt.d/mimic-arm.conf"; then
        fail binfmt/files "bad $r/etc/binfmt.d/mimic-arm.conf"
    elif [ "$(head -n1 "$r/usr/share/binfmts/mimic-arm")" != "package mimic" ] ||
        ! grep -qxF "interpreter $interp" "$r/usr/share/binfmts/mimic-arm"; then
        fail binfmt/files "bad $r/usr/share/binfmts/mimic-arm"
    else
        pass binfmt/files
    fi

    # status: registered, matching, and the other handler reported.
    run_cmd "$out" "$err" "$M" --binfmt status
    if [ "$RC" -ne 0 ]; then
        fail binfmt/status-registered "exit $RC: $(head -c 200 "$out")"
    elif ! grep -q '^mimic-arm: registered, enabled' "$out" ||
        ! grep -qF "interpreter $interp" "$out" ||
        ! grep -q 'matches arm ELF executables: yes' "$out"; then
        fail binfmt/status-registered "unexpected output (see $out)"
    elif [ "$mode" = private ] && ! grep -q "warning: .*'mimictest-other'" "$out"; then
        fail binfmt/status-registered "no warning about the other ARM handler"
    else
        pass binfmt/status-registered
    fi
    if [ "$mode" = private ]; then
        echo -1 >"$BM/mimictest-other"
    fi

    # Uninstall: the entry and our files are gone; ./hello-arm no longer runs.
    run_cmd "$out" "$err" "$M" --binfmt uninstall
    if [ "$RC" -ne 0 ]; then
        fail binfmt/uninstall "exit $RC: $(head -c 200 "$err")"
    elif [ -e "$BM/mimic-arm" ]; then
        fail binfmt/uninstall "$BM/mimic-arm still there"
    elif [ -e "$r/etc/binfmt.d/mimic-arm.conf" ] || [ -e "$r/usr/share/binfmts/mimic-arm" ] ||
        [ -L "$r/etc/mimic-binfmt/arm" ]; then
        fail binfmt/uninstall "files left under $r"
    else
        pass binfmt/uninstall
    fi
    # (through bash: execvp would hand an unknown binary to /bin/sh)
    run_cmd "$out" "$err" env MIMIC_LOG=stats bash -c ./hello-arm
    if grep -q mimic "$err"; then
        fail binfmt/gone "./hello-arm still runs through mimic"
    elif [ "$mode" = private ] && [ "$RC" -ne 126 ]; then
        fail binfmt/gone "exit $RC, want 126 (Exec format error)"
    else
        pass binfmt/gone
    fi
    run_cmd "$out" "$err" "$M" --binfmt status
    if [ "$RC" -ne 3 ] || ! grep -q '^mimic-arm: not registered' "$out"; then
        fail binfmt/status-unregistered "exit $RC: $(head -c 200 "$out")"
    else
        pass binfmt/status-unregistered
    fi
}

# Pass the PASS/FAIL/SKIP lines of a child run through, counting them.
relay() {
    local line any=0 rest n
    while IFS= read -r line; do
        case "$line" in
        "PASS "*) any=1; pass "${line#PASS }" ;;
        "FAIL "* | "SKIP "*)
            any=1
            rest=${line#???? }
            n=${rest%% (*}
            rest=${rest#"$n"}
            rest=$(echo "$rest" | sed 's/^ *(//; s/)$//')
            case $line in FAIL*) fail "$n" "$rest" ;; *) skip "$n" "$rest" ;; esac
            ;;
        *" passed, "*" failed"*) ;;
        *) echo "$line" >&2 ;;
        esac
    done
    [ "$any" -eq 1 ] || fail binfmt/e2e "the namespaced run reported nothing"
}

# ------------------------------------------------------------------- main
if [ "${1:-}" = --inner ]; then
    inner_checks "${2:-private}"
    summary
    exit
fi

if [ ! -x "$M" ]; then
    fail binfmt "$M not built"
    summary
    exit
fi
outer_checks

if ! build_programs; then
    skip binfmt/e2e "cannot build the ARM hello program with $ARM_CC"
elif [ "$(uname -m)" != x86_64 ]; then
    skip binfmt/e2e "host is not x86-64"
elif have unshare && unshare -Urm sh -c "mount -t binfmt_misc binfmt_misc $BM" 2>/dev/null; then
    relay < <(unshare -Urm bash "${BASH_SOURCE[0]}" --inner private 2>&1)
elif [ "${MIMIC_BINFMT_TEST_GLOBAL:-0}" = 1 ] && [ "$(id -u)" -eq 0 ]; then
    relay < <(bash "${BASH_SOURCE[0]}" --inner global 2>&1)
else
    skip binfmt/e2e "no private binfmt_misc instance here (needs user namespaces and Linux 6.7+); MIMIC_BINFMT_TEST_GLOBAL=1 tests against the system's binfmt_misc as root"
fi
summary
