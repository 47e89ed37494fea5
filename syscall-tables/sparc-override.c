/*
 * SPARC (32-bit, also sparc32plus) override rows (hand-written; see tables.h).
 */
#include <stddef.h>
#include "syscall-tables/tables.h"

const SyscallOverride sparc_syscall_overrides[] = {
    /* pipe returns both descriptors in registers (o0, o1), not in memory. */
    { "pipe", "pipe_2reg" },
    /* fork/vfork/clone return the pid in o0 and "am I the child" in o1. */
    { "fork", "fork_2reg" },
    { "vfork", "vfork_2reg" },
    { "clone", "clone_2reg" },
    /* rt_sigaction(sig, act, oact, restorer, sigsetsize): an extra restorer
       argument before the size. */
    { "rt_sigaction", "rt_sigaction_restorer" },
    { "sigaction", "old_sigaction" },
    /* sigsuspend(old_sigset_t mask): one argument (OLD_SIGSUSPEND). */
    { "sigsuspend", "old_sigsuspend" },
    /* The multiplexers: call number + argument block (same generic ids on
       every target that has them). */
    { "socketcall", "socketcall" },
    { "ipc", "ipc" },
    { NULL, NULL },
};
