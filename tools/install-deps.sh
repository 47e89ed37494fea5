#!/usr/bin/env bash
# Install the Debian packages mimic needs to build, test and benchmark.
# Idempotent: checks each package with dpkg-query and installs only what is
# missing (one `apt-get update`, then one `apt-get install`).
#   tools/install-deps.sh          install what is missing (root or sudo)
#   tools/install-deps.sh --check  only report; exit 1 if something is missing
set -u

# Package -> what it is for (see README.md, "Dependencies").
PKGS=(
    build-essential          # host compiler, make
    libelf-dev               # ELF parsing in elfload/
    libcapstone-dev          # disassembly for -d in_asm/out_asm
    gcc-arm-linux-gnueabihf  # builds the ARM guest test programs
    libc6-dev-armhf-cross    # static armhf glibc for those programs
    # The next guests' cross compilers, C libraries and kernel headers: the
    # guest ABI generator (syscall numbers, constants, struct layouts) and
    # the conversion tests compile probes with them; their guest programs too.
    gcc-i686-linux-gnu libc6-dev-i386-cross linux-libc-dev-i386-cross
    gcc-powerpc-linux-gnu libc6-dev-powerpc-cross linux-libc-dev-powerpc-cross
    # SPARC: the sparc64 compiler with -m32 (32-bit V8/V8+ programs), its
    # 32-bit glibc and libgcc (Debian 12's gcc 12).
    gcc-sparc64-linux-gnu libc6-dev-sparc-sparc64-cross lib32gcc-12-dev-sparc64-cross
    linux-libc-dev-sparc64-cross
    qemu-user                # qemu-arm: reference for the differential test, bench peer
    gdb-multiarch            # tests/gdb.sh drives the gdbstub with it; tests/coredump.sh reads core files
    hyperfine                # bench: timing with medians
    dpkg-dev                 # bench, tests/srcprogs.sh: `apt-get source` unpacks Debian source packages
    tcl                      # tests/srcprogs.sh: sqlite3's build generates its amalgamation with tclsh
    python3                  # tests/difftest generator
    clang libclang-rt-14-dev # tests/fuzz: the ELF-loader fuzz harness (libFuzzer, ASan, UBSan)
    debhelper binfmt-support # make deb; tests/install.sh installs the packages
    # The host (amd64) builds of the Debian programs that tests/debian runs
    # for armhf: their output is the expected output.
    busybox-static lua5.4 coreutils bash dash sqlite3 perl openssl
    xz-utils gzip bzip2 make tar
)

missing=()
for p in "${PKGS[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
if [ "${1:-}" = "--check" ]; then
    echo "missing packages: ${missing[*]}" >&2
    exit 1
fi

SUDO=
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO=sudo
    else
        echo "install-deps: not root and no sudo; please install: ${missing[*]}" >&2
        echo "  apt-get install -y --no-install-recommends ${missing[*]}" >&2
        exit 1
    fi
fi

echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# A partial failure of the update (a mirror in the middle of a sync, or a
# foreign architecture that one suite such as the security one lacks) still
# leaves usable package lists: go on, and let the install say whether what
# we need is there.
$SUDO apt-get update -q >&2 ||
    echo "install-deps: apt-get update reported errors (see above); installing from the lists it has" >&2
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >&2 ||
    { echo "install-deps: apt-get install failed" >&2; exit 1; }
