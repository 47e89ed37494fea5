/*
 * i386 override rows (hand-written; see tables.h).
 */
#include <stddef.h>
#include "syscall-tables/tables.h"

const SyscallOverride i386_syscall_overrides[] = {
    /* mmap (90) takes one pointer to a block of six 32-bit arguments and
       a byte offset; mmap2 (192) is the register form with a page offset. */
    { "mmap", "old_mmap" },
    /* select (82) takes one pointer to a block of five arguments. */
    { "select", "old_select" },
    /* The socket and SysV IPC multiplexers: call number + argument block. */
    { "socketcall", "socketcall" },
    { "ipc", "ipc" },
    /* Old-style sigaction with a one-word mask (sigprocmask, sigpending
       and the three-argument sigsuspend: the generic one-word calls). */
    { "sigaction", "old_sigaction" },
    /* readdir (89) fills one old_linux_dirent per call. */
    { "readdir", "old_readdir" },
    { NULL, NULL },
};
