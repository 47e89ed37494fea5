/*
 * Race-free blocking waits with guest signal masks: see sigmask-wait.h.
 */
#include <pthread.h>
#include <string.h>

#include "linux-user/sigmask-wait.h"
#include "linux-user/signal-priv.h"

long wait_mask_begin(WaitMask *w, uint32_t addr, uint32_t size)
{
    uint64_t set = 0;
    w->temp = false;
    if (addr) {
        if (size != 8)
            return -EINVAL;
        if (get_user_sigset(addr, &set) < 0)
            return -EFAULT;
    }
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &w->host_old);
    if (addr) {
        w->old = guest_sigmask;
        w->temp = true;
        signal_set_blocked(set);
    }
    /* A signal that came before we blocked: fail now, as the kernel's
       signal_pending() check would. */
    if (sigqueue_pending() & ~guest_sigmask)
        return -EINTR;
    return 0;
}

const sigset_t *wait_mask_host(WaitMask *w)
{
    sigqueue_fix_mask(&w->host_old);
    return &w->host_old;
}

long wait_mask_end(WaitMask *w, long r)
{
    sigqueue_fix_mask(&w->host_old); /* what handlers parked meanwhile */
    pthread_sigmask(SIG_SETMASK, &w->host_old, NULL);
    if (w->temp) {
        if (r == -EINTR)
            signal_set_saved_mask(w->old); /* back after the handler ran */
        else
            signal_set_blocked(w->old);
    }
    return r;
}
