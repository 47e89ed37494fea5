#!/usr/bin/env bash
# Build an armhf guest sysroot from real Debian packages.
#
#   tools/sysroot.sh [DIR [--refresh]]   (default DIR: build/sysroot-armhf)
#
# Downloads the Debian armhf .debs of libc6 and the programs the debian test
# group runs (busybox, coreutils, bash, lua, sqlite3, python3, perl, openssl,
# xz, gzip, bzip2, make, dash) plus their library dependencies with
# `apt-get download`, and unpacks them with `dpkg-deb -x` into DIR laid out
# like an installed merged-/usr Debian system (/bin, /sbin, /lib are links
# into /usr).  Maintainer scripts are not run; the few links they would make
# (/bin/sh, python3) are made here.
#
# Idempotent and cached: the .debs are kept in DIR.debs/, and a stamp file
# records the package list, so a second run does nothing (without asking
# apt, so it works offline); --refresh asks apt for newer versions and
# rebuilds the tree if any package changed.
#
# Exit status: 0 sysroot ready; 2 it could not be built because the archive
# could not be reached or apt does not know armhf (the reason is the last
# line on stderr, for the tests to SKIP with); 1 anything else.
#
# Needs root the first time it must teach apt the armhf architecture
# (dpkg --add-architecture armhf && apt-get update).
set -u -o pipefail

# SYSROOT_ARCH=i386 (environment) builds the same sysroot for the i386 guest.
ARCH=${SYSROOT_ARCH:-armhf}
DIR=${1:-build/sysroot-$ARCH}
DEBS="$DIR.debs"

# What the tests run.  Dependencies are resolved from these.
WANT=(libc6 busybox-static coreutils bash dash lua5.4 sqlite3
      python3.11-minimal libpython3.11-stdlib perl-base perl openssl
      xz-utils gzip bzip2 make tar)
# Dependencies not worth downloading: package-manager and alternative-awk
# machinery that only matters to an installed system.
SKIP_DEPS=" dpkg gawk original-awk base-files install-info debianutils
            tzdata readline-common mime-support mailcap media-types
            libtirpc-common "
# Architecture-independent packages that are needed all the same.
ALL_DEPS=()

die2() { echo "sysroot: $*" >&2; exit 2; }
die1() { echo "sysroot: $*" >&2; exit 1; }

have_candidate() {
    local out
    out=$(apt-cache policy "$1:$ARCH" 2>/dev/null)
    [[ "$out" == *"Candidate: "[0-9]* ]]
}

# Teach apt about armhf once.  `apt-get update` may report failures for
# some index files while the main archive works: what counts is whether
# libc6:armhf then has a candidate version.
ensure_arch() {
    have_candidate libc6 && return 0
    if ! dpkg --print-foreign-architectures | grep -qx "$ARCH"; then
        [ "$(id -u)" -eq 0 ] || die2 "apt does not know $ARCH (run as root: dpkg --add-architecture $ARCH && apt-get update)"
        dpkg --add-architecture "$ARCH" || die2 "dpkg --add-architecture $ARCH failed"
    fi
    if [ "$(id -u)" -eq 0 ]; then
        apt-get update -q >"$DEBS.update.log" 2>&1 || true
    fi
    have_candidate libc6 || die2 "no candidate for libc6:$ARCH (apt-get update failed or no network; see $DEBS.update.log)"
}

# The package list: WANT and its Depends/Pre-Depends, recursively, on armhf.
resolve() {
    local args=() p
    for p in "${WANT[@]}"; do args+=("$p:$ARCH"); done
    apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
        --no-breaks --no-replaces --no-enhances "${args[@]}" 2>/dev/null |
        grep -v '^[ <]' | sort -u |
        while read -r p; do
            case "$p" in
                *:"$ARCH") p=${p%:"$ARCH"} ;;
                *) continue ;; # host-architecture names come from the recursion
            esac
            case " $(echo $SKIP_DEPS) " in *" $p "*) continue ;; esac
            echo "$p:$ARCH"
        done
    for p in "${ALL_DEPS[@]}"; do echo "$p"; done
}

# Fast path (no apt at all, so it also works offline): a finished sysroot
# built from the same package list.  --refresh re-resolves versions.
LAYOUT=3  # bump when the tree this script makes changes
KEY="mimic sysroot v$LAYOUT: ${WANT[*]} / skip: $(echo $SKIP_DEPS)"
if [ "${2:-}" != --refresh ] && [ -f "$DIR/.mimic-sysroot" ] &&
    [ "$(head -1 "$DIR/.mimic-sysroot")" = "$KEY" ]; then
    exit 0
fi

ensure_arch
mkdir -p "$DEBS" || die1 "cannot create $DEBS"
PKGS=$(resolve) || die1 "dependency resolution failed"
[ -n "$PKGS" ] || die2 "apt-cache found no $ARCH packages (apt lists missing?)"
# The stamp names each package at its candidate version.
STAMP_WANT=$(apt-cache policy $PKGS 2>/dev/null | awk '/^[^ ]/{p=$1} /Candidate:/{print p, $2}' | sort)
if [ -f "$DIR/.mimic-sysroot" ] && [ "$(cat "$DIR/.mimic-sysroot")" = "$KEY"$'\n'"$STAMP_WANT" ]; then
    exit 0
fi

# Download what is not cached yet (apt-get download writes to the cwd).
missing=()
for p in $PKGS; do
    name=${p%:*}
    ver=$(awk -v p="$p:" '$1 == p {print $2}' <<<"$STAMP_WANT")
    ver=${ver//:/%3a} # epochs are escaped in .deb file names
    ls "$DEBS/${name}_${ver}_"*.deb >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
    (cd "$DEBS" && apt-get download -q "${missing[@]}") >"$DEBS.download.log" 2>&1 ||
        die2 "apt-get download failed (no network?): $( (grep -m1 '^E:' "$DEBS.download.log" || tail -1 "$DEBS.download.log") | cut -c1-120)"
fi

# Unpack into a fresh tree, then swap it in, so an interrupted run never
# leaves a half-built sysroot that looks finished.
TMP="$DIR.tmp.$$"
rm -rf "$TMP"
mkdir -p "$TMP/usr/bin" "$TMP/usr/sbin" "$TMP/usr/lib" || die1 "cannot create $TMP"
ln -s usr/bin "$TMP/bin"
ln -s usr/sbin "$TMP/sbin"
ln -s usr/lib "$TMP/lib"
for p in $PKGS; do
    name=${p%:*}
    ver=$(awk -v p="$p:" '$1 == p {print $2}' <<<"$STAMP_WANT")
    ver=${ver//:/%3a}
    deb=$(ls "$DEBS/${name}_${ver}_"*.deb 2>/dev/null | head -1)
    [ -n "$deb" ] || { rm -rf "$TMP"; die1 "$p: .deb missing after download"; }
    # Not `dpkg-deb -x`: that replaces the /bin -> usr/bin links with
    # directories.  --keep-directory-symlink follows them, as dpkg does.
    dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$TMP" --keep-directory-symlink ||
        { rm -rf "$TMP"; die1 "cannot unpack $deb"; }
done

# What maintainer scripts or other (skipped) packages would have made.
ln -sf dash "$TMP/usr/bin/sh"
ln -sf python3.11 "$TMP/usr/bin/python3"
[ -e "$TMP/usr/bin/perl" ] || ln -sf perl5.36.0 "$TMP/usr/bin/perl"
[ -e "$TMP/usr/bin/lua" ] || ln -sf lua5.4 "$TMP/usr/bin/lua"
[ -e "$TMP/usr/bin/awk" ] || ln -sf mawk "$TMP/usr/bin/awk"
mkdir -p "$TMP/etc"
# Absolute symlinks (usr/lib/ssl/openssl.cnf -> /etc/ssl/openssl.cnf) would
# be followed on the host's root by the kernel; made relative they stay in
# the sysroot.  Only where the target is in the sysroot: the others keep
# meaning the host's file, as any guest path missing from the sysroot does.
find "$TMP" -type l -lname '/*' -print0 | while IFS= read -r -d '' l; do
    t=$(readlink "$l")
    [ -e "$TMP$t" ] || [ -L "$TMP$t" ] || continue
    ln -sfn "$(realpath -m -s --relative-to="$(dirname "$l")" "$TMP$t")" "$l"
done
# Keep the guest's dynamic loader out of the host's configuration: without
# these, /etc/ld.so.cache and /etc/ld.so.preload are the host's (guest
# paths fall back to the host), and the armhf loader tries the host's
# i386 libraries it lists before rejecting them.  The host's ldconfig
# cannot read ARM objects, so the cache it writes is valid but empty: the
# loader then searches the multiarch directories, which is all we need.
echo 'include /etc/ld.so.conf.d/*.conf' >"$TMP/etc/ld.so.conf"
: >"$TMP/etc/ld.so.preload"
ldconfig -X -r "$TMP" >/dev/null 2>&1 || echo "sysroot: note: no ld.so.cache (ldconfig -r needs root)" >&2
printf '%s\n%s\n' "$KEY" "$STAMP_WANT" >"$TMP/.mimic-sysroot"

rm -rf "$DIR" && mv "$TMP" "$DIR" || die1 "cannot move $TMP to $DIR"
exit 0
