#!/usr/bin/env bash
# make soak: tests/soak/soak.c (threads + signals + forks with exact
# counts) for ARM under mimic for SOAK_SECONDS (default 600); a hang is a
# failure (timeout: the run plus 120 s).  Not part of make check.
set -u
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
S=${SOAK_SECONDS:-600}
out="$BUILD/tests/soak"
mkdir -p "$out"
"$ARM_CC" -static -O2 -o "$out/soak.arm" tests/soak/soak.c || exit 1
# The kernel counts pending signals per user (everyone's, here all root)
# against the receiver's RLIMIT_SIGPENDING: a low limit for the soak makes
# its senders meet EAGAIN long before other processes of the user would.
SIGPENDING=${SOAK_SIGPENDING:-4096}
echo "soak: $S s under $BUILD/mimic (RLIMIT_SIGPENDING $SIGPENDING)"
(ulimit -i "$SIGPENDING" && exec timeout -k 5 $((S + 120)) "$BUILD/mimic" "$out/soak.arm" "$S")
rc=$?
[ "$rc" -eq 124 ] && echo "soak: HUNG (timed out)"
exit "$rc"
