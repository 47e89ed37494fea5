/*
 * Race-free blocking waits with the guest's signals, for syscalls that take
 * a temporary signal mask (ppoll, pselect6, epoll_pwait, epoll_pwait2) and
 * for plain waits (epoll_wait, poll, select) that must see a signal that
 * arrived just before they blocked.
 *
 *     WaitMask w;
 *     long r = wait_mask_begin(&w, mask_addr, mask_size);  // 0 = no mask
 *     if (r == 0)
 *         r = host_ret(epoll_pwait(fd, ev, n, ms, &w.host_old));
 *     return wait_mask_end(&w, r);
 *
 * Between begin and end every host signal is blocked; the host wait must
 * take w.host_old as its own signal mask so that it unblocks them and
 * sleeps atomically (as ppoll/pselect/epoll_pwait do): a host signal then
 * makes it fail with EINTR and handle_syscall delivers the guest signal.
 * begin returns -EINTR at once when a guest signal (unblocked by the
 * temporary mask) is already pending.  The temporary mask stays in force
 * for the handler's delivery and the old one comes back afterwards, as the
 * kernel's saved_sigmask does.
 */
#ifndef MIMIC_SIGMASK_WAIT_H
#define MIMIC_SIGMASK_WAIT_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct WaitMask {
    sigset_t host_old; /* the host mask to wait with */
    uint64_t old;      /* the guest mask before a temporary one */
    bool temp;         /* a temporary guest mask is installed */
} WaitMask;

/* addr: guest sigset_t * (0 = keep the current mask); size: must be 8.
   Returns 0, -EINVAL, -EFAULT (nothing to undo) or -EINTR (call
   wait_mask_end). */
long wait_mask_begin(WaitMask *w, uint32_t addr, uint32_t size);
/* The host mask to wait with: w->host_old, with the real-time signals this
   thread parks now (signal-queue.c) blocked.  Take it again for each retry
   of the wait: a handler may have parked or released one. */
const sigset_t *wait_mask_host(WaitMask *w);
/* Undo begin and pass the syscall's result r through. */
long wait_mask_end(WaitMask *w, long r);

#endif
