#!/usr/bin/env bash
# make chroot-test: a foreign Debian root built and used through binfmt_misc,
# as a user of mimic builds one.  Not part of `make check`: it needs the
# network, root and Linux 6.7+ (a private binfmt_misc instance), and takes
# minutes.
#
# For each emulator (mimic, then qemu-arm-static 7.2 from Debian for the
# comparison; EMUS="mimic" for mimic only), in a new user + mount namespace
# whose ids are the host's (so nothing registered or mounted leaks out):
#   1. register the emulator for ARM with flag F (the kernel opens it at
#      registration: nothing of the emulator is copied into the root);
#   2. mmdebstrap --arch=armhf bookworm ROOT (--variant=apt);
#   3. chroot ROOT apt-get install gcc python3;
#   4. chroot ROOT: gcc builds and runs a C program; python3 runs a script.
# Prints each step's time per emulator; exit status 1 if mimic failed.
set -u
. "$(dirname "${BASH_SOURCE[0]}")/../tests/lib.sh"

W="$BUILD/chroot-test"
EMUS=${EMUS:-"mimic qemu"}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
mkdir -p "$W"
say() { echo "chroot-test: $*" >&2; }

[ "$(id -u)" -eq 0 ] || { say "needs root (mmdebstrap --mode=root, binfmt_misc)"; exit 2; }
for t in mmdebstrap unshare; do have "$t" || { say "needs $t (apt-get install mmdebstrap)"; exit 2; }; done
M=$(realpath "$BUILD/mimic")

# ARM ELF executables and PIEs (the same magic mimic --binfmt registers).
MAGIC='\x7f\x45\x4c\x46\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x28\x00'
MASK='\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'

qemu_static() { # -> path of Debian's qemu-arm-static, unpacked under $W
    local q="$W/qemu/usr/bin/qemu-arm-static"
    if [ ! -x "$q" ]; then
        (cd "$W" && rm -f qemu-user-static_*.deb && apt-get download -q qemu-user-static) >"$W/qemu-download.log" 2>&1 &&
            dpkg -x "$W"/qemu-user-static_*.deb "$W/qemu" || return 1
    fi
    echo "$q"
}

# The steps, run as root of the namespace (argument: emulator name, path).
inner() {
    local emu=$1 bin=$2 root="$W/root-$1" t0 t1
    mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc || return 1
    if [ "$emu" = mimic ]; then
        MIMIC_BINFMT_ROOT="$W/binfmt-root" "$bin" --binfmt install >/dev/null || return 1
    else
        printf ':qemu-arm:M:0:%s:%s:%s:F' "$MAGIC" "$MASK" "$bin" >/proc/sys/fs/binfmt_misc/register || return 1
    fi
    rm -rf "$root"
    step() { # NAME CMD...: run, time, report
        local name=$1 s e
        shift
        s=$(date +%s.%N)
        if "$@" >"$W/$emu-$name.log" 2>&1; then
            e=$(date +%s.%N)
            printf '%s %s %.1f\n' "$emu" "$name" "$(echo "$e - $s" | bc)"
        else
            printf '%s %s FAILED (see %s)\n' "$emu" "$name" "$W/$emu-$name.log"
            return 1
        fi
    }
    step mmdebstrap mmdebstrap --mode=root --skip=check/qemu --arch=armhf --variant=apt \
        bookworm "$root" "deb $MIRROR bookworm main" || return 1
    mount --rbind /proc "$root/proc" && mount --rbind /dev "$root/dev" && mount --rbind /sys "$root/sys"
    cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null
    step apt-install chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y \
        --no-install-recommends gcc libc6-dev python3 || return 1
    printf '#include <stdio.h>\nint main(void) { long s = 0; for (int i = 0; i < 1000; i++) s += i; printf("sum %%ld\\n", s); return 0; }\n' \
        >"$root/tmp/t.c"
    step gcc-build-run chroot "$root" sh -c 'gcc -O2 -o /tmp/t /tmp/t.c && /tmp/t | grep -qx "sum 499500"' || return 1
    step python3 chroot "$root" python3 -c 'import json, hashlib; assert sum(range(10**6)) == 499999500000; print(hashlib.sha256(json.dumps(list(range(1000))).encode()).hexdigest()[:8])' || return 1
    umount -R "$root/proc" "$root/dev" "$root/sys" 2>/dev/null
    return 0
}

if [ "${1:-}" = --inner ]; then
    inner "$2" "$3"
    exit
fi

# Run this script's inner part as root of a new user + mount namespace
# whose ids 0..65535 are the host's (mmdebstrap needs the real owners).
in_namespace() {
    unshare --user --mount bash -c 'until grep -q . /proc/self/uid_map; do sleep 0.05; done; exec "$@"' \
        _ bash "${BASH_SOURCE[0]}" --inner "$@" &
    local pid=$!
    sleep 0.3
    echo "0 0 65536" >"/proc/$pid/uid_map" && echo "0 0 65536" >"/proc/$pid/gid_map" || { kill "$pid"; return 1; }
    wait "$pid"
}

rc=0
for emu in $EMUS; do
    case $emu in
    mimic) bin=$M ;;
    qemu) bin=$(qemu_static) || { say "cannot get qemu-user-static (see $W/qemu-download.log)"; continue; } ;;
    *) say "unknown emulator $emu"; continue ;;
    esac
    say "$emu: $bin"
    if ! in_namespace "$emu" "$bin"; then
        say "$emu: failed"
        [ "$emu" = mimic ] && rc=1
    fi
done
exit $rc
