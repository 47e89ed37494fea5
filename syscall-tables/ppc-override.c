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
    { NULL, NULL },
};
