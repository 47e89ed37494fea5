/*
 * The C side of safe syscalls (see safe-syscall.h): the per-thread flag and
 * the host signal handler's hook that steers an about-to-block syscall to
 * its -EINTR exit.
 */
#include <signal.h>
#include <stdint.h>
#include <ucontext.h>

#include "linux-user/safe-syscall.h"

__thread volatile int safe_sig_pending;

/* Labels in safe-syscall.S (code addresses, not data). */
extern char safe_syscall_start[], safe_syscall_end[], safe_syscall_eintr[];

void safe_syscall_adjust(void *ucp)
{
    ucontext_t *uc = ucp;
    safe_sig_pending = 1;
    uintptr_t rip = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    if (rip >= (uintptr_t)safe_syscall_start && rip < (uintptr_t)safe_syscall_end)
        uc->uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)safe_syscall_eintr;
}
