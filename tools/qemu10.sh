#!/usr/bin/env bash
# Fetch QEMU 10's qemu-user (Debian 13 "trixie") into a folder of the build,
# as the second peer of `make bench`, without installing it:
#
#   tools/qemu10.sh [DIR]     (default DIR: build/qemu10)
#
# Debian 13's qemu-user package holds static-pie binaries, so they run on
# this Debian 12 host as they are.  apt-get works on a private copy of its
# state (a sources list naming only trixie, its own lists and cache under
# DIR.apt), so the system's apt configuration and installed packages are
# never touched; the package is unpacked with dpkg -x.  The emulators end up
# in DIR/usr/bin (qemu-arm, qemu-i386, qemu-ppc, qemu-sparc32plus, ...).
#
# Idempotent: a second run does nothing once DIR/usr/bin/qemu-arm runs.
# Exit status: 0 ready; 2 the archive could not be reached (the reason is
# the last line on stderr, for bench to report); 1 anything else.
set -u -o pipefail

DIR=${1:-build/qemu10}
STATE="$DIR.apt"
SUITE=${QEMU10_SUITE:-trixie}
MIRROR=${QEMU10_MIRROR:-http://deb.debian.org/debian}

die2() { echo "qemu10: $*" >&2; exit 2; }
die1() { echo "qemu10: $*" >&2; exit 1; }

if [ -x "$DIR/usr/bin/qemu-arm" ] && "$DIR/usr/bin/qemu-arm" --version >/dev/null 2>&1; then
    exit 0
fi
command -v apt-get >/dev/null || die1 "no apt-get"
mkdir -p "$STATE/lists/partial" "$STATE/cache/archives/partial" "$STATE/etc" || die1 "cannot create $STATE"
echo "deb $MIRROR $SUITE main" >"$STATE/etc/sources.list"
STATE=$(cd "$STATE" && pwd)
APT=(-o "Dir::Etc::SourceList=$STATE/etc/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
     -o "Dir::State::Lists=$STATE/lists" -o "Dir::Cache=$STATE/cache"
     -o "Dir::State::status=/dev/null" -o "APT::Architectures::=amd64"
     -o "Debug::NoLocking=1" -o "APT::Sandbox::User=root")
apt-get "${APT[@]}" -q update >"$STATE/update.log" 2>&1 ||
    die2 "apt-get update of $SUITE failed: $(tail -1 "$STATE/update.log")"
(cd "$STATE" && rm -f qemu-user_*.deb && apt-get "${APT[@]}" -q download qemu-user) \
    >"$STATE/download.log" 2>&1 || die2 "apt-get download qemu-user ($SUITE) failed: $(tail -1 "$STATE/download.log")"
deb=$(ls "$STATE"/qemu-user_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || die2 "no qemu-user package downloaded"
rm -rf "$DIR.new"
dpkg -x "$deb" "$DIR.new" || die1 "dpkg -x $deb failed"
"$DIR.new/usr/bin/qemu-arm" --version >/dev/null 2>&1 || die1 "the downloaded qemu-arm does not run here"
rm -rf "$DIR"
mv "$DIR.new" "$DIR"
rm -f "$deb" # 70 MB; the unpacked tree is what bench uses
echo "qemu10: $("$DIR/usr/bin/qemu-arm" --version | head -1) in $DIR/usr/bin"
