#!/usr/bin/env bash
# `make install` into a DESTDIR and the Debian packages (`make deb`), as a
# user of a packaged mimic gets them.  Output format as tests/run.sh (group
# "install").
#
# The package check installs mimic and mimic-binfmt with dpkg, registers
# through binfmt-support, runs an ARM program by name and purges both.  It
# runs in a user + mount namespace with a private binfmt_misc instance
# (Linux 6.7+), so the kernel's global registrations are untouched; dpkg
# itself changes the real /usr and dpkg database, so it runs only as root
# and only when no mimic package is installed already (then it SKIPs).
set -u
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

T="$BUILD/tests/install"
mkdir -p "$T"
npass=0 nfail=0 nskip=0
pass() { echo "PASS install/$1"; npass=$((npass + 1)); }
fail() { echo "FAIL install/$1 ($2)"; nfail=$((nfail + 1)); }
skip() { echo "SKIP install/$1 ($2)"; nskip=$((nskip + 1)); }
summary() {
    local s="$npass passed, $nfail failed"
    [ "$nskip" -gt 0 ] && s="$s, $nskip skipped"
    echo "$s"
    [ "$nfail" -eq 0 ]
}

hello="$T/hello-arm"
have_hello=0
if have "$ARM_CC" && "$ARM_CC" -static -O2 -o "$hello" bench/hello.c 2>/dev/null; then have_hello=1; fi

# ---- make install DESTDIR=... PREFIX=/opt/mimic
D="$T/dest" P=/opt/mimic
rm -rf "$D"
if ! make --no-print-directory install BUILD="$BUILD" DESTDIR="$D" PREFIX="$P" >"$T/install.log" 2>&1; then
    fail make-install "$(tail -1 "$T/install.log")"
else
    missing=
    for f in bin/mimic bin/mimic-arm share/man/man1/mimic.1 share/bash-completion/completions/mimic \
        lib/binfmt.d/mimic-arm.conf share/binfmts/mimic-arm; do
        [ -e "$D$P/$f" ] || missing="$missing $f"
    done
    if [ -n "$missing" ]; then fail make-install "missing:$missing"; else pass make-install; fi
    # The binfmt files name the installed binary, with flag F (the kernel
    # opens it at registration: chroots and containers need no copy).
    conf=$(grep -v '^#' "$D$P/lib/binfmt.d/mimic-arm.conf")
    if [[ "$conf" == ":mimic-arm:M:0:"*":$P/bin/mimic:"*F* ]] &&
        grep -qx "interpreter $P/bin/mimic" "$D$P/share/binfmts/mimic-arm" &&
        grep -qx "fix_binary yes" "$D$P/share/binfmts/mimic-arm"; then
        pass binfmt-files
    else
        fail binfmt-files "unexpected: $conf / $(tr '\n' ' ' <"$D$P/share/binfmts/mimic-arm")"
    fi
    # The mimic-arm link runs ARM programs (and only those).
    if [ "$have_hello" = 1 ]; then
        out=$("$D$P/bin/mimic-arm" "$hello" 2>&1)
        if [ "$out" = hello ]; then pass link-runs; else fail link-runs "got '$out'"; fi
    else
        skip link-runs "no ARM compiler"
    fi
    # The man page formats without warnings; the completion completes.
    if have groff; then
        w=$(groff -man -Tutf8 -ww -z "$D$P/share/man/man1/mimic.1" 2>&1)
        if [ -z "$w" ]; then pass man-page; else fail man-page "groff: $(head -1 <<<"$w")"; fi
    else
        skip man-page "no groff"
    fi
    got=$(bash -c '. "$1"; COMP_WORDS=(mimic -d out); COMP_CWORD=2; _mimic; echo "${COMPREPLY[*]}"' _ \
        "$D$P/share/bash-completion/completions/mimic" 2>&1)
    if [ "$got" = out_asm ]; then pass completion; else fail completion "'-d out' completed to '$got'"; fi
    make --no-print-directory uninstall BUILD="$BUILD" DESTDIR="$D" PREFIX="$P" >/dev/null 2>&1
    left=$(find "$D" -type f -o -type l)
    if [ -z "$left" ]; then pass uninstall; else fail uninstall "left: $(head -3 <<<"$left" | tr '\n' ' ')"; fi
fi

# ---- make deb
if ! have dpkg-buildpackage || ! have dh; then
    skip deb "no dpkg-buildpackage/debhelper"
    summary
    exit
fi
if ! make --no-print-directory deb BUILD="$BUILD" >"$T/deb.log" 2>&1; then
    fail deb-build "$(tail -1 "$T/deb.log")"
    summary
    exit
fi
m="$BUILD/deb/mimic_0.1_amd64.deb" b="$BUILD/deb/mimic-binfmt_0.1_all.deb"
cm=$(dpkg-deb -c "$m" 2>&1) cb=$(dpkg-deb -c "$b" 2>&1) pi=$(dpkg-deb -I "$b" postinst 2>&1)
if grep -q ' ./usr/bin/mimic$' <<<"$cm" && grep -q 'usr/bin/mimic-arm -> mimic' <<<"$cm" &&
    grep -q 'man1/mimic.1.gz' <<<"$cm" && grep -q 'usr/share/binfmts/mimic-arm$' <<<"$cb" &&
    grep -q 'update-binfmts --import' <<<"$pi"; then
    pass deb-build
else
    fail deb-build "unexpected contents of $m / $b"
fi

if [ "$(id -u)" -ne 0 ]; then
    skip deb-install "not root (dpkg -i changes the system)"
elif dpkg-query -W -f='${Status}' mimic 2>/dev/null | grep -q installed; then
    skip deb-install "a mimic package is installed already"
elif ! have update-binfmts; then
    skip deb-install "no binfmt-support (update-binfmts)"
elif [ "$have_hello" = 0 ]; then
    skip deb-install "no ARM compiler"
elif ! unshare -Urm sh -c "mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc" 2>/dev/null; then
    skip deb-install "no private binfmt_misc instance (needs Linux 6.7+)"
else
    out=$(unshare -Urm sh -c '
        mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc || exit 1
        dpkg -i "$1" "$2" >"$4/dpkg-i.log" 2>&1 || { echo "dpkg -i failed"; exit 1; }
        update-binfmts --display mimic-arm | grep -q "interpreter = /usr/bin/mimic" && echo displayed
        "$3" && echo ran
        dpkg --purge mimic-binfmt mimic >"$4/dpkg-purge.log" 2>&1 && echo purged
        [ -e /proc/sys/fs/binfmt_misc/mimic-arm ] || echo unregistered
        [ -e /usr/bin/mimic ] || [ -e /usr/share/binfmts/mimic-arm ] || [ -e /var/lib/binfmts/mimic-arm ] || echo clean
    ' _ "$m" "$b" "$hello" "$T" 2>&1 | tr '\n' ' ')
    if [ "$out" = "displayed hello ran purged unregistered clean " ]; then
        pass deb-install
    else
        fail deb-install "got '$out' (logs in $T)"
    fi
fi
summary
