#!/usr/bin/env bash
# Tests of mimic's options, their MIMIC_* twins and qemu-user's QEMU_*
# names (linux-user/options.c), with the ARM guest program
# tests/options/probe.c.  Same output format as tests/run.sh (its group
# "options" runs this): PASS/FAIL/SKIP lines, then "N passed, N failed".
set -u
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

T="$BUILD/tests/options"
M="$BUILD/mimic"
mkdir -p "$T"

npass=0 nfail=0 nskip=0
pass() { echo "PASS options/$1"; npass=$((npass + 1)); }
fail() { echo "FAIL options/$1 ($2)"; nfail=$((nfail + 1)); }
skip() { echo "SKIP options/$1 ($2)"; nskip=$((nskip + 1)); }
summary() {
    local s="$npass passed, $nfail failed"
    [ "$nskip" -gt 0 ] && s="$s, $nskip skipped"
    echo "$s"
    [ "$nfail" -eq 0 ]
}

P="$T/probe"
if ! have "$ARM_CC"; then
    skip all "no ARM cross compiler ($ARM_CC)"
    summary
    exit
fi
if stale "$P" tests/options/probe.c; then
    "$ARM_CC" -marm -static -O2 -o "$P" tests/options/probe.c 2>"$T/build.log" ||
        { fail build "$(head -1 "$T/build.log")"; summary; exit; }
fi

# check NAME WANT CMD...: CMD's stdout (stderr dropped) must be WANT.
check() {
    local name=$1 want=$2 got
    shift 2
    got=$(timeout -k 5 30 "$@" 2>/dev/null)
    if [ "$got" = "$want" ]; then pass "$name"; else fail "$name" "got '$got', want '$want'"; fi
}
# check_err NAME PATTERN CMD...: CMD must fail with one stderr line matching PATTERN.
check_err() {
    local name=$1 pat=$2 err rc
    shift 2
    err=$(timeout -k 5 30 "$@" 2>&1 >/dev/null)
    rc=$?
    if [ "$rc" -eq 0 ]; then
        fail "$name" "exit 0, expected an error"
    elif ! grep -qiE -- "$pat" <<<"$err"; then
        fail "$name" "message does not match /$pat/: $(head -c 120 <<<"$err")"
    else
        pass "$name"
    fi
}

# -- the emulation probe (mmdebstrap, arch-test -n): the program never runs.
check version-probe-qemu "$("$M" -version)" env QEMU_VERSION= "$M" "$P" env
check version-probe-mimic "$("$M" -version)" env MIMIC_VERSION=1 "$M" "$P" env

# -- the guest environment and argv[0].
check set-env-qemu "argv0=$P FOO=1 BAR=two HOME=(unset)" \
    env QEMU_SET_ENV=FOO=1,BAR=two QEMU_UNSET_ENV=HOME "$M" "$P" env
check set-env-mimic-wins "argv0=$P FOO=m BAR=(unset) HOME=set" \
    env QEMU_SET_ENV=FOO=q,BAR=two MIMIC_SET_ENV=FOO=m "$M" "$P" env
check set-env-option-after-env "argv0=$P FOO=opt BAR=two HOME=set" \
    env QEMU_SET_ENV=FOO=1,BAR=two "$M" -E FOO=opt "$P" env
check argv0-qemu "argv0=zz FOO=(unset) BAR=(unset) HOME=set" env -u FOO -u BAR QEMU_ARGV0=zz "$M" "$P" env

# -- uname's release: -r, QEMU_UNAME, and carried over to exec'd guests.
check uname-option "4.19.0-mimic" "$M" -r 4.19.0-mimic "$P" uname
check uname-qemu "5.0.0-q" env QEMU_UNAME=5.0.0-q "$M" "$P" uname
check uname-exec-carry "4.19.0-mimic" "$M" -r 4.19.0-mimic "$P" exec "$P" uname

# -- -seed: AT_RANDOM and getrandom from splitmix64(seed + k * golden ratio),
# computed here independently of mimic.
want_seed() {
    python3 - "$1" <<'PY'
import sys
M = (1 << 64) - 1
G = 0x9e3779b97f4a7c15
def mix(x):
    x = (x + G) & M
    x = ((x ^ (x >> 30)) * 0xbf58476d1ce4e5b9) & M
    x = ((x ^ (x >> 27)) * 0x94d049bb133111eb) & M
    return x ^ (x >> 31)
s = int(sys.argv[1])
b = b"".join(mix((s + k * G) & M).to_bytes(8, "little") for k in range(4))
print(b[:16].hex()); print(b[16:].hex())
PY
}
# The first line (AT_RANDOM) is the generator's first 16 bytes; getrandom's
# bytes depend on what glibc asked for before (malloc's tcache key), so the
# second line is only checked for being reproducible.
if have python3; then
    s42=$("$M" -seed 42 "$P" random 2>/dev/null)
    check seed-option "$(want_seed 42 | head -1)" head -1 <<<"$s42"
    check seed-reproducible "$s42" "$M" -seed 42 "$P" random
    check seed-qemu "$(want_seed 7 | head -1)" sh -c 'QEMU_RAND_SEED=7 "$0" "$1" random | head -1' "$M" "$P"
    check seed-exec-carry "$s42" "$M" -seed 42 "$P" exec "$P" random
else
    skip seed "no python3"
fi
a=$("$M" "$P" random 2>/dev/null) b=$("$M" "$P" random 2>/dev/null)
if [ -n "$a" ] && [ "$a" != "$b" ]; then pass seed-unset-differs; else fail seed-unset-differs "two unseeded runs gave '$a'"; fi

# -- -L's twins: a guest absolute path is looked up under the prefix first.
mkdir -p "$T/root/etc"
echo "from the prefix" >"$T/root/etc/mimic-options-probe"
check ld-prefix-qemu "from the prefix" env QEMU_LD_PREFIX="$T/root" "$M" "$P" file /etc/mimic-options-probe
check ld-prefix-mimic-wins "from the prefix" \
    env QEMU_LD_PREFIX=/nonexistent MIMIC_LD_PREFIX="$T/root" "$M" "$P" file /etc/mimic-options-probe
# The sysroot is a root (issue 12): ".." never climbs out of it (the file
# beside the sysroot is not the guest's /mimic-outside: the host has
# none), ".." inside it lands inside it, an absolute symlink inside it
# resolves inside it, and getcwd shows the guest's path.
mkdir -p "$T/root/usr/lib"
echo "from the sysroot lib" >"$T/root/usr/lib/mimic-options-probe-lib"
ln -sfn /usr/lib "$T/root/lib"
echo "outside the sysroot" >"$T/mimic-outside"
check ld-prefix-dotdot-stays "cannot read /usr/../../mimic-outside" \
    "$M" -L "$T/root" "$P" file /usr/../../mimic-outside
check ld-prefix-dotdot-inside "from the prefix" \
    "$M" -L "$T/root" "$P" file /usr/lib/../../etc/mimic-options-probe
check ld-prefix-symlink-inside "from the sysroot lib" \
    "$M" -L "$T/root" "$P" file /lib/mimic-options-probe-lib
check ld-prefix-getcwd "/usr/lib" "$M" -L "$T/root" "$P" cwd /usr/lib
# Relative paths from a directory of the sysroot's are that directory's
# guest path joined with them (Linux in a chroot; the host's files where
# the sysroot has none, as for absolute paths): after chdir("/usr/lib"),
# "../../../mimic-outside" is /mimic-outside (".." stops at the root: the
# host has none), "../../etc/passwd" is /etc/passwd (the sysroot has none:
# the host's).  The same from an openat dirfd (the cwd is /proc then).
# A final symlink that the syscall follows is followed inside the sysroot:
# an absolute target from its root, a relative one's ".." stopping there
# (/etc/../../mimic-outside is /mimic-outside); a link to itself is ELOOP.
pw=$(head -1 /etc/passwd)
check ld-prefix-cd-dotdot-stays "cannot read ../../../mimic-outside" \
    "$M" -L "$T/root" "$P" cdfile /usr/lib ../../../mimic-outside
check ld-prefix-cd-overlay "$pw" "$M" -L "$T/root" "$P" cdfile /usr/lib ../../etc/passwd
check ld-prefix-cd-inside "from the prefix" "$M" -L "$T/root" "$P" cdfile /usr/lib ../../etc/mimic-options-probe
check ld-prefix-at-dotdot-stays "cannot read ../../../mimic-outside" \
    "$M" -L "$T/root" "$P" atfile /usr/lib ../../../mimic-outside
check ld-prefix-at-overlay "$pw" "$M" -L "$T/root" "$P" atfile /usr/lib ../../etc/passwd
ln -sfn /etc/mimic-options-probe "$T/root/etc/mimic-abs-link"
ln -sfn ../../mimic-outside "$T/root/etc/mimic-rel-link"
ln -sfn /etc/mimic-loop "$T/root/etc/mimic-loop"
check ld-prefix-final-symlink "from the prefix" "$M" -L "$T/root" "$P" file /etc/mimic-abs-link
check ld-prefix-final-symlink-rel "cannot read /etc/mimic-rel-link" \
    "$M" -L "$T/root" "$P" file /etc/mimic-rel-link
check ld-prefix-final-symlink-loop "Too many levels of symbolic links" \
    "$M" -L "$T/root" "$P" open /etc/mimic-loop
check ld-prefix-final-symlink-at "from the prefix" "$M" -L "$T/root" "$P" atfile /usr/lib ../../etc/mimic-abs-link
# A new file in a directory that only the sysroot has is made there (the
# host has no /mimic-only-dir to make it in).
mkdir -p "$T/root/mimic-only-dir" && rm -f "$T/root/mimic-only-dir/new"
check ld-prefix-create-in-sysroot-dir "$(printf 'created\nmade new')" \
    sh -c '"$0" -L "$1" "$2" mkfile /mimic-only-dir new && cat "$1/mimic-only-dir/new"' "$M" "$T/root" "$P"
# A directory that appears in the sysroot after a lookup found it missing is
# found by the next lookup (nothing remembers that it was missing).
rm -rf "$T/root/usr/mimic-appear"
check ld-prefix-appears "$(printf 'No such file or directory\nappeared')" \
    "$M" -L "$T/root" "$P" appear /usr/mimic-appear/deep/f "$T/root/usr/mimic-appear"

# -- logging: QEMU_LOG + QEMU_LOG_FILENAME, -d cpu/int/guest_errors, -dfilter.
rm -f "$T/log"
check log-qemu "caught SIGILL" env QEMU_LOG=int,guest_errors QEMU_LOG_FILENAME="$T/log" "$M" "$P" sigill
if grep -q "exception 0x2 (undefined instruction)" "$T/log" 2>/dev/null &&
    grep -q "guest error: SIGILL" "$T/log" && grep -q "signal SIGILL (code [0-9]*) to handler" "$T/log"; then
    pass log-int-guest-errors
else
    fail log-int-guest-errors "no exception/guest error/signal lines in $T/log"
fi
# The entry's block only (Thumb bit dropped): one IN: block, and every
# register dump is at that pc.
entry=$(readelf -h "$P" | awk '/Entry point/ {print $4}')
entry=$(printf '%08x' $((entry & ~1)))
"$M" -d cpu,in_asm -dfilter "0x$entry+4" -D "$T/log-cpu" "$P" env >/dev/null 2>&1
n_in=$(grep -c "^IN:" "$T/log-cpu" 2>/dev/null)
n_cpu=$(grep -c "R15=" "$T/log-cpu" 2>/dev/null)
n_here=$(grep -c "R15=$entry" "$T/log-cpu" 2>/dev/null)
if [ "${n_in:-0}" -eq 1 ] && [ "${n_cpu:-0}" -ge 1 ] && [ "$n_cpu" = "$n_here" ]; then
    pass dfilter-cpu
else
    fail dfilter-cpu "want 1 IN: block and register dumps only at $entry; got ${n_in:-0} IN:, ${n_cpu:-0} dumps, ${n_here:-0} at $entry"
fi
check_err dfilter-bad "bad range" "$M" -dfilter 0x10+0 "$P" env

# -- one instruction per block: as many TBs as instructions (-d stats).
stats=$("$M" -one-insn-per-tb -d stats "$P" env 2>&1 >/dev/null | grep -o '[0-9]* TBs, [0-9]* guest insns')
set -- $stats
if [ $# -ge 4 ] && [ "$1" = "$3" ] && [ "$1" -gt 100 ]; then pass one-insn-per-tb; else fail one-insn-per-tb "stats: $stats"; fi
stats=$(env QEMU_SINGLESTEP=1 "$M" -d stats "$P" env 2>&1 >/dev/null | grep -o '[0-9]* TBs, [0-9]* guest insns')
set -- $stats
if [ $# -ge 4 ] && [ "$1" = "$3" ]; then pass singlestep-qemu; else fail singlestep-qemu "stats: $stats"; fi

# -- other processes see the guest's command line and name (ps, pgrep -f).
"$M" -0 guest-name "$P" sleep "two words" x &
pid=$!
sleep 1
args=$(ps -o args= -p "$pid" 2>/dev/null) comm=$(cat "/proc/$pid/comm" 2>/dev/null)
found=$(pgrep -f '^guest-name sleep two words x$' | grep -cx "$pid")
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
if [ "$args" = "guest-name sleep two words x" ] && [ "$comm" = probe ] && [ "$found" = 1 ]; then
    pass proc-cmdline
else
    fail proc-cmdline "ps shows '$args', comm '$comm', pgrep -f found $found"
fi

# -- MIMIC_PROC_EXE=1: other processes' /proc/PID/exe names the guest
#    program (where the kernel lets mimic change it: CAP_SYS_RESOURCE, or
#    CAP_CHECKPOINT_RESTORE / CAP_SYS_ADMIN in its user namespace).
MIMIC_PROC_EXE=1 "$M" "$P" sleep x 2>"$T/proc-exe.err" &
pid=$!
sleep 1
exe=$(readlink "/proc/$pid/exe" 2>/dev/null)
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
if [ "$exe" = "$(readlink -f "$P")" ]; then
    pass proc-exe
elif grep -q "kernel refuses" "$T/proc-exe.err"; then
    skip proc-exe "$(head -1 "$T/proc-exe.err")"
else
    fail proc-exe "/proc/PID/exe is '$exe' ($(head -1 "$T/proc-exe.err"))"
fi
# Without it, the link stays mimic's (nothing is copied).
"$M" "$P" sleep x &
pid=$!
sleep 1
exe=$(readlink "/proc/$pid/exe" 2>/dev/null)
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
if [ "$exe" = "$(readlink -f "$M")" ]; then pass proc-exe-default; else fail proc-exe-default "/proc/PID/exe is '$exe'"; fi

# -- CPU models (tests/options/cpumodel.c): AT_HWCAP/AT_HWCAP2, the
# /proc/cpuinfo Features and CPU part lines, and which optional
# instructions run, per model, as Linux and the real cores report them
# (qemu-arm's models add thumbee and lpae, which mimic does not implement).
CM="$T/cpumodel"
if stale "$CM" tests/options/cpumodel.c; then
    "$ARM_CC" -marm -static -O2 -o "$CM" tests/options/cpumodel.c 2>"$T/build-cm.log" ||
        fail cpumodel-build "$(head -1 "$T/build-cm.log")"
fi
V7='swp half thumb fastmult vfp edsp neon vfpv3 tls'
# cpu_want HWCAP HWCAP2 FEATURES PART SDIV VFMA VCVTB NEON CRC32 [VADD.F16]
cpu_want() {
    printf 'hwcap %s hwcap2 %s\nFeatures\t: %s\nCPU part\t: %s\nsdiv %s\nvfma %s\nvcvtb %s\nneon %s\ncrc32 %s\nvaddh %s' \
        "$1" "$2" "$3" "$4" "$5" "$6" "$7" "$8" "$9" "${10:-sigill}"
}
A15_WANT=$(cpu_want 0xfb0d7 0 "$V7 vfpv4 idiva idivt vfpd32" 0xc0f ok ok ok ok sigill)
check cpu-cortex-a15 "$A15_WANT" "$M" -cpu cortex-a15 "$CM"
check cpu-cortex-a7 "$(cpu_want 0xfb0d7 0 "$V7 vfpv4 idiva idivt vfpd32" 0xc07 ok ok ok ok sigill)" \
    env MIMIC_CPU=cortex-a7 "$M" "$CM"
check cpu-cortex-a8 "$(cpu_want 0x8b0d7 0 "$V7 vfpd32" 0xc08 sigill sigill sigill ok sigill)" \
    env QEMU_CPU=cortex-a8 "$M" "$CM"
check cpu-cortex-a9 "$(cpu_want 0x8b0d7 0 "$V7 vfpd32" 0xc09 sigill sigill ok ok sigill)" \
    "$M" -cpu cortex-a9 "$CM"
MAX_WANT=$(cpu_want 0x4fb0d7 0x3f "$V7 vfpv4 idiva idivt vfpd32 fphp aes pmull sha1 sha2 crc32 sb" 0xd07 ok ok ok ok ok ok)
check cpu-max "$MAX_WANT" "$M" -cpu max "$CM"
check cpu-default-is-max "$MAX_WANT" "$M" "$CM"

# -- errors name the option or variable.
check_err cpu-qemu-bad "QEMU_CPU.*nosuchcpu" env QEMU_CPU=nosuchcpu "$M" "$P" env
check_err stack-qemu-bad "QEMU_STACK_SIZE" env QEMU_STACK_SIZE=lots "$M" "$P" env
check_err qemu-only-R "-R: qemu-user's option is not supported" "$M" -R 1G "$P" env
check_err qemu-only-B "-B: qemu-user's option is not supported" "$M" -B 0x10000 "$P" env
check_err unknown-option "unknown option '-frobnicate'" "$M" -frobnicate "$P" env
check_err gdb-qemu-bad-port "QEMU_GDB: bad port '99999'" env QEMU_GDB=99999 "$M" "$P" env
check_err gdb-bad-port "-g: bad port '0'" "$M" -g 0 "$P" env

# -- elevated privileges (issue 12): a setuid-root or setgid copy of mimic
# run by an unprivileged user (nobody) gives the guest AT_SECURE=1 (as
# Linux gives a setuid program), takes nothing from its caller that loads
# code, writes files or shows the process (-E/-U/-L/-D/-d/-strace/-g/-seed
# refused, their MIMIC_*/QEMU_* twins ignored), so no log file is ever
# created with root's identity.  Root only (setpriv switches to nobody).
secure_checks() {
    local d s g u="setpriv --reuid=65534 --regid=65534 --clear-groups"
    d=$(mktemp -d /tmp/mimic-secure-XXXXXX) || return
    chmod 755 "$d"
    s="$d/mimic-suid" g="$d/mimic-sgid"
    cp "$M" "$s" && cp "$M" "$g" && cp "$P" "$d/probe" && chmod 4755 "$s" && chmod 2755 "$g"
    if [ "$($u id -u 2>/dev/null)" != 65534 ]; then
        skip secure "setpriv cannot switch to nobody"
    else
        check secure-setuid "secure=1 uid=65534 euid=0 gid=65534 egid=65534 FOO=(unset)" \
            env -u FOO $u "$s" "$d/probe" secure
        check secure-setgid "secure=1 uid=65534 euid=65534 gid=65534 egid=0 FOO=(unset)" \
            env -u FOO $u "$g" "$d/probe" secure
        check secure-plain "secure=0 uid=65534 euid=65534 gid=65534 egid=65534 FOO=(unset)" \
            env -u FOO $u "$M" "$d/probe" secure
        # The twins are ignored: no FOO, no log file in a directory only
        # root may write, no sysroot of the caller's.
        check secure-env-ignored "secure=1 uid=65534 euid=0 gid=65534 egid=65534 FOO=(unset)" \
            env -u FOO MIMIC_SET_ENV=FOO=1 QEMU_SET_ENV=FOO=2 MIMIC_LOG=in_asm MIMIC_LOG_FILE="$d/log" \
            QEMU_LD_PREFIX="$d" MIMIC_STRACE=1 $u "$s" "$d/probe" secure
        if [ -e "$d/log" ]; then fail secure-no-log "$d/log created ($(stat -c %U "$d/log"))"; else pass secure-no-log; fi
        check_err secure-E-refused "-E: not allowed .*elevated" $u "$s" -E FOO=1 "$d/probe" secure
        check_err secure-D-refused "-D: not allowed .*elevated" $u "$s" -D "$d/log2" "$d/probe" secure
        check_err secure-L-refused "-L: not allowed .*elevated" $u "$s" -L "$d" "$d/probe" secure
        check_err secure-strace-refused "-strace: not allowed .*elevated" $u "$s" -strace "$d/probe" secure
        check_err secure-binfmt-refused "--binfmt: not allowed .*elevated" $u "$s" --binfmt status
        if [ -e "$d/log2" ]; then fail secure-no-log2 "$d/log2 created"; else pass secure-no-log2; fi
    fi
    rm -rf "$d"
}
# -d stats: hot regions, their host instructions per guest instruction and
# the write-backs left out (the loop's load and store may fault); counted
# when regions are translated, so not from the persistent cache.
stats=$(MIMIC_CACHE=0 "$M" -d stats "$P" loop 2>&1 >/dev/null)
if ! grep -qE '^mimic stats: [1-9][0-9]* hot regions' <<<"$stats"; then
    fail stats-regions "no hot region: $(grep 'hot regions' <<<"$stats")"
elif ! grep -qE '^mimic stats: region code: [0-9.]*[1-9][0-9.]* host insns/guest insn .*, [1-9][0-9]* write-backs' <<<"$stats"; then
    fail stats-regions "$(grep 'region code' <<<"$stats" || echo 'no region code line')"
else
    pass stats-regions
fi

# -perfmap (and MIMIC_PERFMAP): /tmp/perf-PID.map names every TB by its
# guest pc; the program's ELF entry point must be one of them.
perfmap_check() { # NAME CMD...
    local name=$1 pid map entry
    shift
    "$@" "$P" uname >/dev/null 2>&1 &
    pid=$!
    wait "$pid"
    map=/tmp/perf-$pid.map
    # (an odd entry is Thumb code at the even address)
    entry=$(printf '%08x' $(($(readelf -h "$P" | awk '/Entry point/ { print $4 }') & ~1)))
    if [ ! -s "$map" ]; then
        fail "$name" "no $map"
    elif grep -vqE '^[0-9a-f]+ [0-9a-f]+ (guest|region)-0x[0-9a-f]{8}$' "$map"; then
        fail "$name" "malformed line: $(grep -vE '^[0-9a-f]+ [0-9a-f]+ (guest|region)-0x' "$map" | head -1)"
    elif ! grep -q " guest-0x$entry\$" "$map"; then
        fail "$name" "the entry point 0x$entry is not named"
    else
        pass "$name"
    fi
    rm -f "$map"
}
perfmap_check perfmap "$M" -perfmap
perfmap_check perfmap-env env MIMIC_PERFMAP=1 "$M"

if [ "$(id -u)" -eq 0 ] && have setpriv; then
    secure_checks
else
    skip secure "needs root and setpriv (a setuid copy of mimic run as nobody)"
fi

summary
