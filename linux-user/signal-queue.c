/*
 * Pending guest signals: one set for the process and one per thread, as in
 * the kernel.  A standard signal (1..31) has one slot: raising it again
 * while it is pending changes nothing.  Real-time signals (32..64) are
 * queued in arrival order with their siginfo (sigqueue values kept), up to
 * RT_QUEUE_MAX per set.
 *
 * The host signal handler adds to these sets, so every access runs with
 * host signals blocked on this thread and under a spinlock (another
 * thread's handler may be adding at the same time).  That makes every
 * function here async-signal-safe.  Each change also updates the
 * readiness of the guest's signalfds (signalfd.c).
 */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>

#include "linux-user/signal-priv.h"

#define RT_QUEUE_MAX 64

typedef struct SigPending {
    uint64_t set;               /* bit sig-1: at least one instance pending */
    GuestSiginfo std[32];       /* info of pending standard signal n at [n] */
    int nrt;                    /* queued real-time signals, oldest first */
    GuestSiginfo rt[RT_QUEUE_MAX];
} SigPending;

static SigPending process_pending;
static __thread SigPending thread_pending;
static atomic_flag pending_lock = ATOMIC_FLAG_INIT;

/* Block host signals on this thread and take the lock. */
void sigqueue_lock(sigset_t *old)
{
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, old);
    while (atomic_flag_test_and_set_explicit(&pending_lock, memory_order_acquire))
        ;
}

void sigqueue_unlock(const sigset_t *old)
{
    atomic_flag_clear_explicit(&pending_lock, memory_order_release);
    pthread_sigmask(SIG_SETMASK, old, NULL);
}

/* A POSIX timer's signal already queued: the kernel queues one per timer
   and counts further expiries as overruns (its si_overrun). */
static bool timer_coalesce(GuestSiginfo *q, const GuestSiginfo *info)
{
    if (q->code != SI_TIMER || q->signo != info->signo || q->f[0] != info->f[0])
        return false;
    q->f[1] += 1 + info->f[1];
    return true;
}

static bool add(SigPending *p, const GuestSiginfo *info)
{
    int sig = info->signo;
    if (info->code == SI_TIMER) {
        if (sig < 32 && (p->set & sigbit(sig)) && timer_coalesce(&p->std[sig], info))
            return true;
        for (int i = 0; sig >= 32 && i < p->nrt; i++)
            if (timer_coalesce(&p->rt[i], info))
                return true;
    }
    if (sig < 32) {
        if (!(p->set & sigbit(sig)))
            p->std[sig] = *info;
    } else {
        if (p->nrt == RT_QUEUE_MAX)
            return false;
        p->rt[p->nrt++] = *info;
    }
    p->set |= sigbit(sig);
    return true;
}

/* Remove the pending instance of sig (the oldest, for real-time ones). */
static void take(SigPending *p, int sig, GuestSiginfo *info)
{
    if (sig < 32) {
        *info = p->std[sig];
        p->set &= ~sigbit(sig);
        return;
    }
    bool more = false;
    int i, found = -1;
    for (i = 0; i < p->nrt; i++) {
        if (p->rt[i].signo != sig)
            continue;
        if (found < 0)
            found = i;
        else {
            more = true;
            break;
        }
    }
    if (found < 0) { /* cannot happen: the set said it is pending */
        memset(info, 0, sizeof *info);
        info->signo = sig;
    } else {
        *info = p->rt[found];
        memmove(&p->rt[found], &p->rt[found + 1], (size_t)(p->nrt - found - 1) * sizeof p->rt[0]);
        p->nrt--;
    }
    if (!more)
        p->set &= ~sigbit(sig);
}

static void flush(SigPending *p, int sig)
{
    p->set &= ~sigbit(sig);
    if (sig < 32)
        return;
    int j = 0;
    for (int i = 0; i < p->nrt; i++)
        if (p->rt[i].signo != sig)
            p->rt[j++] = p->rt[i];
    p->nrt = j;
}

/* Signalfds show readable exactly while a signal of their mask is pending
   (for this thread's view: its own set and the process's). */
void (*sigqueue_sync_hook)(uint64_t pending);

static void sync_signalfds(void)
{
    void (*hook)(uint64_t) = __atomic_load_n(&sigqueue_sync_hook, __ATOMIC_ACQUIRE);
    if (hook)
        hook(thread_pending.set | process_pending.set);
}

uint64_t sigqueue_pending_locked(void)
{
    return thread_pending.set | process_pending.set;
}

bool sigqueue_add(const GuestSiginfo *info, bool thread)
{
    if (info->signo < 1 || info->signo > GUEST_NSIG)
        return false;
    sigset_t old;
    sigqueue_lock(&old);
    bool ok = add(thread ? &thread_pending : &process_pending, info);
    sync_signalfds();
    sigqueue_unlock(&old);
    return ok;
}

int sigqueue_take(uint64_t allowed, GuestSiginfo *info)
{
    /* Fast path, taken after nearly every guest syscall: nothing allowed
       is pending, so no host mask change (two rt_sigprocmask calls) and
       no lock.  A signal queued right after this read is no different
       from one queued right after the locked check would have been: its
       handler sets exit_request and the cpu loop comes back here.
       thread_pending only changes on this thread (in its signal handler),
       process_pending under the lock with release order. */
    if (!((__atomic_load_n(&thread_pending.set, __ATOMIC_RELAXED) |
           __atomic_load_n(&process_pending.set, __ATOMIC_ACQUIRE)) & allowed))
        return 0;
    sigset_t old;
    sigqueue_lock(&old);
    int sig = 0;
    /* The lowest number first, as the kernel does; a thread's own (e.g. a
       synchronous fault) before the process's of the same number. */
    uint64_t t = thread_pending.set & allowed, pr = process_pending.set & allowed;
    if (t | pr) {
        sig = __builtin_ctzll(t | pr) + 1;
        take((t & sigbit(sig)) ? &thread_pending : &process_pending, sig, info);
        sync_signalfds();
    }
    sigqueue_unlock(&old);
    return sig;
}

uint64_t sigqueue_pending(void)
{
    sigset_t old;
    sigqueue_lock(&old);
    uint64_t s = thread_pending.set | process_pending.set;
    sigqueue_unlock(&old);
    return s;
}

void sigqueue_flush(int sig)
{
    sigset_t old;
    sigqueue_lock(&old);
    flush(&thread_pending, sig);
    flush(&process_pending, sig);
    sync_signalfds();
    sigqueue_unlock(&old);
}

/*
 * fork: another thread may hold the lock (in its signal handler) at the
 * moment of the fork; the child, where that thread does not exist, would
 * spin on it forever.  It cannot be taken across fork: glibc's fork takes
 * malloc's locks after the prepare handlers, and a thread interrupted
 * inside malloc by a host signal needs this lock to finish its handler.
 * So the child frees it, and starts with no pending signals (as the
 * kernel's fork).  The child handler is registered before any other's
 * (constructor priority; glibc runs child handlers in registration
 * order), so nothing in the child takes the lock before.
 */
static void fork_child(void)
{
    memset(&thread_pending, 0, sizeof thread_pending);
    memset(&process_pending, 0, sizeof process_pending);
    atomic_flag_clear_explicit(&pending_lock, memory_order_release);
}

__attribute__((constructor(101))) static void sigqueue_fork_init(void)
{
    pthread_atfork(NULL, NULL, fork_child);
}

static void drop_timer(SigPending *p, uint32_t id)
{
    for (int sig = 1; sig < 32; sig++)
        if ((p->set & sigbit(sig)) && p->std[sig].code == SI_TIMER && p->std[sig].f[0] == id)
            p->set &= ~sigbit(sig);
    int j = 0;
    uint64_t rt = 0;
    for (int i = 0; i < p->nrt; i++)
        if (!(p->rt[i].code == SI_TIMER && p->rt[i].f[0] == id)) {
            rt |= sigbit(p->rt[i].signo);
            p->rt[j++] = p->rt[i];
        }
    p->nrt = j;
    p->set = (p->set & ((1ull << 31) - 1)) | rt;
}

void sigqueue_drop_timer(uint32_t id)
{
    sigset_t old;
    sigqueue_lock(&old);
    drop_timer(&thread_pending, id);
    drop_timer(&process_pending, id);
    sync_signalfds();
    sigqueue_unlock(&old);
}

void sigqueue_clear_all(void)
{
    sigset_t old;
    sigqueue_lock(&old);
    memset(&thread_pending, 0, sizeof thread_pending);
    memset(&process_pending, 0, sizeof process_pending);
    sigqueue_unlock(&old);
}
