/*
 * PowerPC (32-bit) override rows (hand-written; see tables.h).
 */
#include <stddef.h>
#include "syscall-tables/tables.h"

const SyscallOverride ppc_syscall_overrides[] = {
    /* fadvise64_64(fd, advice, u32 off_hi, off_lo, len_hi, len_lo): the
       same argument order as ARM's arm_fadvise64_64. */
    { "fadvise64_64", "fadvise64_64_2" },
    /* PPC's select (82) is ppc_select: the old one-argument-block form
       when the first argument is a pointer, the normal form otherwise. */
    { "select", "ppc_select" },
    /* socketcall and ipc multiplexers exist alongside the direct calls. */
    { "socketcall", "socketcall" },
    { "ipc", "ipc" },
    { "sigaction", "old_sigaction" },
    { "sigsuspend", "old_sigsuspend" },
    { "readdir", "old_readdir" },
    /* PowerPC's uid/gid calls were 32-bit from the start (no *32 twins):
       they run as the 32-bit implementations, not the 16-bit legacy ones. */
    { "lchown", "lchown32" },
    { "setuid", "setuid32" },
    { "getuid", "getuid32" },
    { "setgid", "setgid32" },
    { "getgid", "getgid32" },
    { "geteuid", "geteuid32" },
    { "getegid", "getegid32" },
    { "setreuid", "setreuid32" },
    { "setregid", "setregid32" },
    { "getgroups", "getgroups32" },
    { "setgroups", "setgroups32" },
    { "fchown", "fchown32" },
    { "setfsuid", "setfsuid32" },
    { "setfsgid", "setfsgid32" },
    { "setresuid", "setresuid32" },
    { "getresuid", "getresuid32" },
    { "setresgid", "setresgid32" },
    { "getresgid", "getresgid32" },
    { "chown", "chown32" },
    { NULL, NULL },
};
