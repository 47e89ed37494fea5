/*
 * Blocking host syscalls without a lost-wakeup race against guest signals.
 *
 * The problem: handle_syscall checks for pending guest signals, then the
 * handler makes a blocking host call (read on a pipe, futex wait, wait4...).
 * A host signal that arrives between the check and the moment the kernel
 * starts sleeping is queued by the host handler, but the call goes on
 * sleeping: the guest handler runs only when the call returns for some
 * other reason (maybe never).
 *
 * The fix (the classic one):
 *   - a per-thread flag, safe_sig_pending, that the host handler sets when
 *     it made a guest signal pending that this thread does not block;
 *     handle_syscall clears it before its own pending check;
 *   - safe_syscall_base (safe-syscall.S) tests the flag and issues the
 *     syscall instruction; if the host handler interrupts it between the
 *     test and the syscall instruction, it moves RIP to a path that returns
 *     -EINTR (safe_syscall_adjust in safe-syscall-hook.c, called by signal.c).  Once the syscall
 *     instruction is running the kernel returns -EINTR by itself.
 * handle_syscall then restarts the guest syscall (SA_RESTART, or no
 * handler to run) or lets it fail with EINTR, as for any host EINTR.
 *
 * Use: r = safe_syscall(SYS_read, fd, buf, n);  r is the kernel's raw
 * result: >= 0, or -errno (NOT -1 with errno set).
 */
#ifndef MIMIC_SAFE_SYSCALL_H
#define MIMIC_SAFE_SYSCALL_H

#include <stdbool.h>
#include <stdint.h>

/* Set by the host signal handler: a guest signal this thread must handle
   is pending.  Cleared by handle_syscall before its pending check. */
extern __thread volatile int safe_sig_pending;

long safe_syscall_base(volatile int *pending, long nr, long a1, long a2, long a3, long a4, long a5,
                       long a6);

static inline long safe_syscall6(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
    return safe_syscall_base(&safe_sig_pending, nr, a1, a2, a3, a4, a5, a6);
}

/* safe_syscall(nr, args...) with 0 to 6 arguments (each cast to long). */
#define SAFE_SC_N(_0, _1, _2, _3, _4, _5, _6, N, ...) N
#define SAFE_SC_L(x) ((long)(x))
#define safe_syscall(...)                                                                          \
    SAFE_SC_N(__VA_ARGS__, SAFE_SC6, SAFE_SC5, SAFE_SC4, SAFE_SC3, SAFE_SC2, SAFE_SC1, SAFE_SC0)   \
    (__VA_ARGS__)
#define SAFE_SC0(nr) safe_syscall6(nr, 0, 0, 0, 0, 0, 0)
#define SAFE_SC1(nr, a) safe_syscall6(nr, SAFE_SC_L(a), 0, 0, 0, 0, 0)
#define SAFE_SC2(nr, a, b) safe_syscall6(nr, SAFE_SC_L(a), SAFE_SC_L(b), 0, 0, 0, 0)
#define SAFE_SC3(nr, a, b, c) safe_syscall6(nr, SAFE_SC_L(a), SAFE_SC_L(b), SAFE_SC_L(c), 0, 0, 0)
#define SAFE_SC4(nr, a, b, c, d)                                                                   \
    safe_syscall6(nr, SAFE_SC_L(a), SAFE_SC_L(b), SAFE_SC_L(c), SAFE_SC_L(d), 0, 0)
#define SAFE_SC5(nr, a, b, c, d, e)                                                                \
    safe_syscall6(nr, SAFE_SC_L(a), SAFE_SC_L(b), SAFE_SC_L(c), SAFE_SC_L(d), SAFE_SC_L(e), 0)
#define SAFE_SC6(nr, a, b, c, d, e, f)                                                             \
    safe_syscall6(nr, SAFE_SC_L(a), SAFE_SC_L(b), SAFE_SC_L(c), SAFE_SC_L(d), SAFE_SC_L(e),        \
                  SAFE_SC_L(f))

/* Called by the host signal handler with the interrupted context after it
   made a guest signal pending for this thread: sets the flag, and if the
   thread was inside the critical window of safe_syscall_base, moves it to
   the -EINTR exit.  uc: the handler's ucontext_t *. */
void safe_syscall_adjust(void *uc);

#endif
