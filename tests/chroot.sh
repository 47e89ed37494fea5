#!/usr/bin/env bash
# Foreign chroots: guest programs that exec each other inside a root where
# mimic's own path does not exist, with and without /proc, with and without
# binfmt_misc; and the container calls (mount, unshare, pidfd_*, kcmp, file
# handles) against the same program run natively.  Guest: ARM
# (tests/chroot/hop.c).  Output format as tests/run.sh (group "chroot").
#
# Everything runs in a new user + mount namespace (unshare -Urm), so no
# privilege is needed and nothing outside changes; the binfmt cases use a
# private binfmt_misc instance there (Linux 6.7+), as tests/binfmt.sh does.
set -u
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

T="$BUILD/tests/chroot"
M=$(realpath "$BUILD/mimic" 2>/dev/null || echo "$BUILD/mimic")
mkdir -p "$T"

npass=0 nfail=0 nskip=0
pass() { echo "PASS chroot/$1"; npass=$((npass + 1)); }
fail() { echo "FAIL chroot/$1 ($2)"; nfail=$((nfail + 1)); }
skip() { echo "SKIP chroot/$1 ($2)"; nskip=$((nskip + 1)); }
summary() {
    local s="$npass passed, $nfail failed"
    [ "$nskip" -gt 0 ] && s="$s, $nskip skipped"
    echo "$s"
    [ "$nfail" -eq 0 ]
}

if ! have "$ARM_CC"; then
    skip all "no ARM cross compiler ($ARM_CC)"; summary; exit
fi
if ! have unshare || ! unshare -Urm true 2>/dev/null; then
    skip all "no user namespaces here (unshare -Urm fails)"; summary; exit
fi
H="$T/hop" HN="$T/hop-native"
if stale "$H" tests/chroot/hop.c || stale "$HN" tests/chroot/hop.c; then
    "$ARM_CC" -static -O2 -o "$H" tests/chroot/hop.c 2>"$T/build.log" &&
        "$HOST_CC" -O2 -o "$HN" tests/chroot/hop.c 2>>"$T/build.log" ||
        { fail build "$(head -1 "$T/build.log")"; summary; exit; }
fi

# The root: the guest program only (no mimic, no /proc, no libraries).
R="$T/root"
rm -rf "$R"
mkdir -p "$R/bin" "$R/proc" "$R/mnt"
cp "$H" "$R/bin/hop"

# ns NAME WANT SCRIPT: run SCRIPT with sh in a new user + mount namespace;
# its stdout must be WANT.
ns() {
    local name=$1 want=$2 got
    got=$(timeout -k 5 60 unshare -Urm sh -c "$3" 2>"$T/$name.err")
    if [ "$got" = "$want" ]; then pass "$name"; else fail "$name" "got '$got', want '$want'; $(head -c 200 "$T/$name.err")"; fi
}

# The guest chroots, then execs guest programs that exec further: mimic's
# host path is gone, so it must re-enter itself through its own fd; the
# options (-r) carry over.
ns exec-in-chroot-noproc "ok uname=7.7" \
    "'$M' -r 7.7 '$R/bin/hop' chroot '$R' /bin/hop exec /bin/hop say ok"
ns exec-in-chroot-proc "ok uname=7.7" \
    "mount --rbind /proc '$R/proc' && '$M' -r 7.7 '$R/bin/hop' chroot '$R' /bin/hop exec /bin/hop say ok"
# Started with /proc hidden (no /proc/self/exe to open) and no binfmt_misc:
# a guest exec cannot work, and says so with an error, not a crash.
ns exec-no-handle-no-binfmt "exec $R/bin/hop: Exec format error" \
    "mount -t tmpfs none /proc && '$M' '$R/bin/hop' exec '$R/bin/hop' say ok"

# The container calls, compared with the native build in the same kind of
# namespace.
want=$(unshare -Urm "$HN" calls "$R/mnt" 2>&1)
ns calls "$want" "'$M' '$H' calls '$R/mnt'"

# Overlay's directory options are guest paths: under -L they are the
# sysroot's (/ovl/... exists only there).
SR="$T/ovl-sysroot"
rm -rf "$SR"
mkdir -p "$SR/ovl/lower" "$SR/ovl/upper" "$SR/ovl/work" "$SR/ovl/merged"
echo from-lower >"$SR/ovl/lower/hello"
ns overlay-under-sysroot "mount overlay: ok
hello: from-lower
umount2: ok" "'$M' -L '$SR' '$H' overlay /ovl/merged"

# With mimic registered in a private binfmt_misc instance: a chroot started
# by the host's chroot(1) (mimic started by the kernel, no /proc inside),
# and options carried over through the environment when mimic has no fd of
# itself.
if unshare -Urm sh -c "mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc" 2>/dev/null; then
    reg="MIMIC_BINFMT_ROOT='$T/bfroot' '$M' --binfmt install >/dev/null"
    ns binfmt-chroot-noproc "ok uname=$(uname -r)" "$reg && chroot '$R' /bin/hop exec /bin/hop say ok"
    ns binfmt-options-carry "viakernel uname=8.8" \
        "$reg && mount -t tmpfs none /proc && '$M' -r 8.8 '$R/bin/hop' exec '$R/bin/hop' say viakernel"
    ns binfmt-guest-chroot "inchroot uname=8.8" \
        "$reg && mount -t tmpfs none /proc && '$M' -r 8.8 '$R/bin/hop' chroot '$R' /bin/hop say inchroot"
    # A program named like one of mimic's options, executed by that bare
    # name: the kernel hands it over as argv[1]; it must run, never be read
    # as mimic's --binfmt or -L.
    mkdir -p "$T/inj"
    cp "$H" "$T/inj/--binfmt" && cp "$H" "$T/inj/-L"
    if have python3; then
        ns binfmt-name-like-option "injected uname=$(uname -r) dashL uname=$(uname -r)" \
            "$reg && cd '$T/inj' && python3 -c 'import os, sys
for n in (\"--binfmt\", \"-L\"):
    if os.fork() == 0:
        os.execv(n, [n, \"say\", \"injected\" if n == \"--binfmt\" else \"dashL\"])
    os.wait()' | tr '\n' ' ' | sed 's/ \$//'"
    else
        skip binfmt-name-like-option "no python3"
    fi
else
    skip binfmt "no private binfmt_misc instance (needs Linux 6.7+)"
fi
summary
