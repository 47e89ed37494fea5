# How guest paths resolve under -L (linux-user/path.c): sysroot first, then
# the host; "/" and /proc, /sys, /dev, /tmp are always the host's; getcwd and
# readlink of /proc/self/{exe,cwd} show guest names; a relative -L survives
# chdir and execve; a missing interpreter is one clear line and exit 127.
# needs: fork exec
# arch: armhf
# mimic-only: qemu-user resolves paths differently
[ "$MODE" = emu ] || exit 0
ok() { if "$@" >/dev/null 2>&1; then echo "ok $K"; else echo "not ok $K"; fi; }
K=sysroot-file-wins; ok test "$(g sha256sum /usr/bin/ls | cut -c1-64)" = "$(sha256sum <"$SYSROOT/usr/bin/ls" | cut -c1-64)"
K=host-file-fallback; ok test "$(g cat /etc/hostname)" = "$(cat /etc/hostname)"
K=root-listing-is-host; ok test "$(g ls /)" = "$(ls /)"
K=dotdot-is-root; ok test "$(g ls /../)" = "$(ls /)"
K=dotdot-into-sysroot; ok g test -d /../usr/lib/python3.11
K=proc-is-host; ok test "$(g ls -d /proc/self/fd)" = /proc/self/fd
T=$(mktemp /tmp/mimic-path.XXXXXX)
K=tmp-is-host; ok test "$(g ls "$T")" = "$T"
rm -f "$T"
K=create-on-host; g touch "$PWD/made" && ok test -f made
K=getcwd-unmapped; ok test "$(g bash -c 'cd /usr/lib && /usr/bin/pwd -P')" = /usr/lib
K=exe-unmapped; ok test "$(g readlink /proc/self/exe)" = /usr/bin/readlink
K=cwd-link-unmapped; ok test "$(g bash -c 'cd /usr/share && readlink /proc/self/cwd')" = /usr/share
K=exec-via-sysroot; ok test "$(g bash -c '/usr/bin/sha256sum /usr/bin/ls | cut -c1-64')" = "$(sha256sum <"$SYSROOT/usr/bin/ls" | cut -c1-64)"
rel=$(realpath --relative-to="$PWD" "$SYSROOT")
K=relative-L; ok test "$($EMU_STR -L "$rel" "$SYSROOT/usr/bin/bash" -c 'cd / && /usr/bin/echo hi')" = hi
$EMU_STR -L /nonexistent "$SYSROOT/usr/bin/true" 2>err; rc=$?
K=missing-interp-status; ok test "$rc" = 127
K=missing-interp-message; ok test "$(wc -l <err)" = 1 -a -n "$(grep -e '-L' err | grep /lib/ld-linux-armhf.so.3)"
