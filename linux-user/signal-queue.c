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
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include "linux-user/signal-priv.h"
#include "include/forklocks.h"

/*
 * Real-time entries are nodes from one pool for the whole process, in a
 * FIFO list per set.  The pool grows by mmap (async-signal-safe: a system
 * call) in chunks and never shrinks; freed nodes are reused.
 *
 * A signal the host kernel delivered to mimic is never refused: the kernel
 * told its sender it was accepted.  Instead, a set that holds RT_SOFT_MAX
 * real-time entries or more makes the host handler PARK the host signal
 * (sigqueue_park): it stays blocked in this thread's host mask, so further
 * ones wait in the host kernel's own queue, counted against
 * RLIMIT_SIGPENDING as on Linux (their senders get EAGAIN at the limit),
 * in order.  A parked signal is released (sigqueue_unpark) when the sets
 * this thread sees have room again, or when its number is no longer
 * pending in them (so that a parked signal is never hidden from sigpending,
 * sigwaitinfo or a signalfd: one instance of its number is always
 * visible).  A thread that takes from the process set wakes the other
 * threads that park something (they may sleep, with signals waiting in the
 * host for them).  Only a full pool (POOL_CHUNKS * CHUNK_NODES entries,
 * far beyond what the host lets queue) loses a signal, with a message.
 */
#define RT_SOFT_MAX 64
#define CHUNK_NODES 1024
#define POOL_CHUNKS 256

typedef struct RtNode {
    struct RtNode *next;
    GuestSiginfo info;
} RtNode;

typedef struct SigPending {
    uint64_t set;               /* bit sig-1: at least one instance pending */
    GuestSiginfo std[32];       /* info of pending standard signal n at [n] */
    int nrt;                    /* queued real-time signals */
    RtNode *head, *tail;        /* oldest first */
} SigPending;

static SigPending process_pending;
static __thread SigPending thread_pending;
static FORK_LOCK atomic_flag pending_lock = ATOMIC_FLAG_INIT;

/* The node pool (under the lock). */
static RtNode *pool_chunk[POOL_CHUNKS];
static int pool_nchunks;
static unsigned pool_used; /* nodes carved from the chunks so far */
static RtNode *pool_free;

/* Host signals this thread keeps blocked because a set was full (bit
   sig-1, host numbers). */
__thread uint64_t sigqueue_parked;
/* Threads with something parked (a hint: wakes are skipped at 0). */
static atomic_int parked_threads;

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

static RtNode *node_alloc(void)
{
    RtNode *n = pool_free;
    if (n) {
        pool_free = n->next;
        return n;
    }
    if (pool_used == (unsigned)pool_nchunks * CHUNK_NODES) {
        if (pool_nchunks == POOL_CHUNKS)
            return NULL;
        void *p = mmap(NULL, CHUNK_NODES * sizeof(RtNode), PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            return NULL;
        pool_chunk[pool_nchunks++] = p;
    }
    n = &pool_chunk[pool_used / CHUNK_NODES][pool_used % CHUNK_NODES];
    pool_used++;
    return n;
}

static void node_free(RtNode *n)
{
    n->next = pool_free;
    pool_free = n;
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

/* The guest's RLIMIT_SIGPENDING (its own signals to itself stop there,
   with EAGAIN, as the kernel's would). */
static int self_limit(void)
{
    struct rlimit r;
    if (getrlimit(RLIMIT_SIGPENDING, &r) < 0 || r.rlim_cur > POOL_CHUNKS * CHUNK_NODES / 2)
        return POOL_CHUNKS * CHUNK_NODES / 2;
    return (int)r.rlim_cur;
}

static int add(SigPending *p, const GuestSiginfo *info, bool from_host)
{
    int sig = info->signo;
    if (info->code == SI_TIMER) {
        if (sig < 32 && (p->set & sigbit(sig)) && timer_coalesce(&p->std[sig], info))
            return SQ_QUEUED;
        for (RtNode *n = p->head; sig >= 32 && n; n = n->next)
            if (timer_coalesce(&n->info, info))
                return SQ_QUEUED;
    }
    int r = SQ_QUEUED;
    if (sig < 32) {
        if (!(p->set & sigbit(sig)))
            p->std[sig] = *info;
    } else {
        if (!from_host && p->nrt >= RT_SOFT_MAX && p->nrt >= self_limit())
            return SQ_FULL;
        RtNode *n = node_alloc();
        if (!n) {
            static const char msg[] = "mimic: too many real-time signals pending: one is lost\n";
            if (write(2, msg, sizeof msg - 1) < 0) {
                /* nothing more to do */
            }
            return SQ_FULL;
        }
        n->info = *info;
        n->next = NULL;
        if (p->tail)
            p->tail->next = n;
        else
            p->head = n;
        p->tail = n;
        if (++p->nrt > RT_SOFT_MAX && from_host)
            r = SQ_OVER;
    }
    p->set |= sigbit(sig);
    return r;
}

/* Unlink node n (prev: the one before it, NULL for the head). */
static void unlink_node(SigPending *p, RtNode *prev, RtNode *n)
{
    if (prev)
        prev->next = n->next;
    else
        p->head = n->next;
    if (p->tail == n)
        p->tail = prev;
    p->nrt--;
    node_free(n);
}

/* Remove the pending instance of sig (the oldest, for real-time ones). */
static void take(SigPending *p, int sig, GuestSiginfo *info)
{
    if (sig < 32) {
        *info = p->std[sig];
        p->set &= ~sigbit(sig);
        return;
    }
    RtNode *prev = NULL, *n = p->head;
    while (n && n->info.signo != sig) {
        prev = n;
        n = n->next;
    }
    if (!n) { /* cannot happen: the set said it is pending */
        memset(info, 0, sizeof *info);
        info->signo = sig;
        p->set &= ~sigbit(sig);
        return;
    }
    *info = n->info;
    RtNode *rest = n->next;
    unlink_node(p, prev, n);
    while (rest && rest->info.signo != sig)
        rest = rest->next;
    if (!rest)
        p->set &= ~sigbit(sig);
}

/* Drop the real-time entries that match (sig, or timer id), keep the rest
   in order; the set's real-time bits follow. */
static void drop_rt(SigPending *p, int sig, bool timer, uint32_t id)
{
    RtNode *prev = NULL, *n = p->head;
    uint64_t rt = 0;
    while (n) {
        RtNode *next = n->next;
        bool drop = timer ? n->info.code == SI_TIMER && n->info.f[0] == id : n->info.signo == sig;
        if (drop) {
            unlink_node(p, prev, n);
        } else {
            rt |= sigbit(n->info.signo);
            prev = n;
        }
        n = next;
    }
    p->set = (p->set & ((1ull << 31) - 1)) | rt;
}

static void flush(SigPending *p, int sig)
{
    if (sig < 32)
        p->set &= ~sigbit(sig);
    else
        drop_rt(p, sig, false, 0);
}

static void free_all(SigPending *p)
{
    for (RtNode *n = p->head, *next; n; n = next) {
        next = n->next;
        node_free(n);
    }
    memset(p, 0, sizeof *p);
}

/* ---- parking (see the top of the file) ---- */

/* The guest signals that travel as host signal hs (the carrier also brings
   the virtual ones). */
static uint64_t guest_bits_of_host(int hs)
{
    uint64_t b = sigbit(hs);
    if (hs == SIG_CARRIER)
        for (int s = 32; s < SIGRTMIN; s++)
            b |= sigbit(s);
    return b;
}

/* The parked host signals this thread may release now (lock held). */
static uint64_t releasable_locked(void)
{
    uint64_t parked = sigqueue_parked;
    if (!parked)
        return 0;
    if (thread_pending.nrt <= RT_SOFT_MAX && process_pending.nrt <= RT_SOFT_MAX)
        return parked;
    uint64_t view = thread_pending.set | process_pending.set, out = 0;
    for (uint64_t m = parked; m; m &= m - 1) {
        int hs = __builtin_ctzll(m) + 1;
        if (!(view & guest_bits_of_host(hs)))
            out |= sigbit(hs);
    }
    return out;
}

/* Unblock the released signals in *mask (the mask the thread goes back to). */
static void release_locked(sigset_t *mask)
{
    uint64_t r = releasable_locked();
    if (!r)
        return;
    for (uint64_t m = r; m; m &= m - 1)
        sigdelset(mask, __builtin_ctzll(m) + 1);
    sigqueue_parked &= ~r;
    if (!sigqueue_parked)
        atomic_fetch_sub(&parked_threads, 1);
}

void sigqueue_park(int host_sig, sigset_t *mask)
{
    if (host_sig < SIGRTMIN || host_sig > GUEST_NSIG)
        return; /* (only real-time signals are queued more than once) */
    sigaddset(mask, host_sig);
    if (!sigqueue_parked)
        atomic_fetch_add(&parked_threads, 1);
    sigqueue_parked |= sigbit(host_sig);
}

void sigqueue_unpark(sigset_t *mask)
{
    if (!sigqueue_parked)
        return;
    sigset_t old;
    sigqueue_lock(&old);
    release_locked(mask);
    sigqueue_unlock(&old);
}

void sigqueue_fix_mask(sigset_t *mask)
{
    for (int hs = SIGRTMIN; hs <= GUEST_NSIG; hs++) {
        if (sigqueue_parked & sigbit(hs))
            sigaddset(mask, hs);
        else
            sigdelset(mask, hs);
    }
}

void sigqueue_fix_thread_mask(void)
{
    sigset_t cur, fixed;
    if (pthread_sigmask(SIG_SETMASK, NULL, &cur) != 0)
        return;
    fixed = cur;
    sigqueue_fix_mask(&fixed);
    for (int hs = SIGRTMIN; hs <= GUEST_NSIG; hs++)
        if (sigismember(&cur, hs) != sigismember(&fixed, hs)) {
            pthread_sigmask(SIG_SETMASK, &fixed, NULL);
            return;
        }
}

void sigqueue_forget_parked(void)
{
    if (sigqueue_parked)
        atomic_fetch_sub(&parked_threads, 1);
    sigqueue_parked = 0;
}

/* After the process set lost entries: other threads may park signals that
   can come now (signal.c wakes them, outside the lock). */
void (*sigqueue_wake_hook)(void);

static void after_process_removal(void)
{
    void (*wake)(void) = __atomic_load_n(&sigqueue_wake_hook, __ATOMIC_ACQUIRE);
    if (wake && atomic_load(&parked_threads) > (sigqueue_parked ? 1 : 0))
        wake();
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

int sigqueue_add(const GuestSiginfo *info, bool thread, bool from_host)
{
    if (info->signo < 1 || info->signo > GUEST_NSIG)
        return SQ_FULL;
    sigset_t old;
    sigqueue_lock(&old);
    int r = add(thread ? &thread_pending : &process_pending, info, from_host);
    sync_signalfds();
    sigqueue_unlock(&old);
    return r;
}

int sigqueue_take(uint64_t allowed, GuestSiginfo *info)
{
    /* Fast path, taken after nearly every guest syscall: nothing allowed
       is pending and nothing parked, so no host mask change (two
       rt_sigprocmask calls) and no lock.  A signal queued right after this
       read is no different from one queued right after the locked check
       would have been: its handler sets exit_request and the cpu loop
       comes back here.  thread_pending only changes on this thread (in its
       signal handler), process_pending under the lock with release
       order. */
    if (!((__atomic_load_n(&thread_pending.set, __ATOMIC_RELAXED) |
           __atomic_load_n(&process_pending.set, __ATOMIC_ACQUIRE)) & allowed) &&
        !sigqueue_parked)
        return 0;
    sigset_t old;
    sigqueue_lock(&old);
    int sig = 0;
    bool from_process = false;
    /* The lowest number first, as the kernel does; a thread's own (e.g. a
       synchronous fault) before the process's of the same number. */
    uint64_t t = thread_pending.set & allowed, pr = process_pending.set & allowed;
    if (t | pr) {
        sig = __builtin_ctzll(t | pr) + 1;
        from_process = !(t & sigbit(sig));
        take(from_process ? &process_pending : &thread_pending, sig, info);
        sync_signalfds();
    }
    release_locked(&old);
    sigqueue_unlock(&old);
    if (from_process && sig >= 32)
        after_process_removal();
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
    release_locked(&old);
    sigqueue_unlock(&old);
    if (sig >= 32)
        after_process_removal();
}

/*
 * fork: another thread may hold the lock (in its signal handler) at the
 * moment of the fork; the child, where that thread does not exist, would
 * spin on it forever.  It cannot be taken across fork: glibc's fork takes
 * malloc's locks after the prepare handlers, and a thread interrupted
 * inside malloc by a host signal needs this lock to finish its handler.
 * So the child frees it, and starts with no pending signals (as the
 * kernel's fork) and every pool node free.  The child handler is
 * registered before any other's (constructor priority; glibc runs child
 * handlers in registration order), so nothing in the child takes the lock
 * before.  (What the forking thread parked is unblocked by the fork code
 * itself: sigqueue_forget_parked, sigqueue_fix_mask.)
 */
/* Each part on its own: the set and the info of one signal are on one
   page, the rest (a signal's info is 128 bytes) need not be written. */
static void fork_clear_pending(SigPending *p)
{
    fork_clear(&p->set, sizeof p->set);
    for (int i = 0; i < 32; i++)
        fork_clear(&p->std[i], sizeof p->std[i]);
    fork_clear(&p->nrt, sizeof p->nrt);
    fork_clear(&p->head, sizeof p->head);
    fork_clear(&p->tail, sizeof p->tail);
}

static void fork_child(void)
{
    /* No write to what keeps its value: a write copies the page
       (include/forklocks.h). */
    fork_clear_pending(&thread_pending);
    fork_clear_pending(&process_pending);
    fork_clear(&pool_free, sizeof pool_free);
    fork_clear(&pool_used, sizeof pool_used);
    if (atomic_load(&parked_threads) != (sigqueue_parked ? 1 : 0))
        atomic_store(&parked_threads, sigqueue_parked ? 1 : 0);
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
    drop_rt(p, 0, true, id);
}

void sigqueue_drop_timer(uint32_t id)
{
    sigset_t old;
    sigqueue_lock(&old);
    drop_timer(&thread_pending, id);
    drop_timer(&process_pending, id);
    sync_signalfds();
    release_locked(&old);
    sigqueue_unlock(&old);
    after_process_removal();
}

void sigqueue_thread_exit(void)
{
    sigset_t old;
    sigqueue_lock(&old);
    free_all(&thread_pending);
    sigqueue_unlock(&old);
    sigqueue_forget_parked();
}

void sigqueue_clear_all(void)
{
    sigset_t old;
    sigqueue_lock(&old);
    free_all(&thread_pending);
    free_all(&process_pending);
    sigqueue_unlock(&old);
}
