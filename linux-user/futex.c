/*
 * futex and robust futex lists.
 *
 * Guest memory is host memory (g2h), so every futex operation is the host
 * kernel's own on the very same word: waiters, wakers, requeues and PI
 * ownership (the guest TID is the host TID) all agree with each other and
 * with other processes sharing the memory.  What mimic does here:
 *   - checks the guest pointers (a bad one is -EFAULT, never a crash);
 *   - converts the guest timespec (32- or 64-bit time) — relative for
 *     FUTEX_WAIT, absolute for WAIT_BITSET / LOCK_PI / WAIT_REQUEUE_PI;
 *   - passes the "val2" count that REQUEUE / CMP_REQUEUE / WAKE_OP carry in
 *     the timeout slot as the integer it is;
 *   - sends the waiting operations through safe_syscall so a guest signal
 *     cannot be lost while the thread goes to sleep;
 *   - walks the guest's robust list when a guest thread exits
 *     (futex_exit_robust_list), and every thread's when the process ends
 *     (exit_group, fatal signal: futex_exit_all_robust_lists), as the
 *     kernel does: mutexes a dead thread held become FUTEX_OWNER_DIED and
 *     a waiter is woken (this matters for process-shared robust mutexes).
 * Byte order: the host kernel compares a futex word with the expected
 * value as a host integer, so for a guest of the other byte order the
 * compare values (FUTEX_WAIT's val, CMP_REQUEUE's val3) are swapped to the
 * word's in-memory image, and the robust-list walk reads and writes words
 * in guest order.  The operations in which the kernel itself computes a new
 * word (the PI family writes a TID, WAKE_OP does arithmetic) cannot be
 * given a byte-swapped word: on such a guest futex-swapped.c does them
 * (WAKE_OP exactly, the PI family without priority inheritance); the
 * requeue-PI pair returns ENOSYS, reported once.
 */
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/futex.h>

#include "guest-abi.h"
#include "linux-user/safe-syscall.h"
#include "linux-user/signal-priv.h"
#include "include/forklocks.h"

#ifndef FUTEX_LOCK_PI2
#define FUTEX_LOCK_PI2 13
#endif

/* Per-thread values set_robust_list registered. */
static __thread uint32_t robust_list_head, robust_list_len;

/* Every thread's list, for exit_group and fatal signals, which end all
   threads at once (each walked with its owner's TID).  A thread whose
   entry does not fit is still handled at its own exit. */
#define MAX_ROBUST 512
static struct {
    pid_t tid; /* 0: free */
    uint32_t head;
} robust_all[MAX_ROBUST];
static FORK_LOCK pthread_mutex_t robust_lock = PTHREAD_MUTEX_INITIALIZER;

static void robust_register(pid_t tid, uint32_t head)
{
    pthread_mutex_lock(&robust_lock);
    int free_slot = -1;
    for (int i = 0; i < MAX_ROBUST; i++) {
        if (robust_all[i].tid == tid) {
            robust_all[i].head = head;
            free_slot = -2;
            break;
        }
        if (robust_all[i].tid == 0 && free_slot == -1)
            free_slot = i;
    }
    if (free_slot >= 0)
        robust_all[free_slot] = (typeof(robust_all[0])){tid, head};
    pthread_mutex_unlock(&robust_lock);
}

static void robust_unregister(pid_t tid)
{
    pthread_mutex_lock(&robust_lock);
    for (int i = 0; i < MAX_ROBUST; i++)
        if (robust_all[i].tid == tid)
            robust_all[i].tid = 0;
    pthread_mutex_unlock(&robust_lock);
}

/* fork: the lock is taken across it (innermost: registered early, its
   prepare runs late); the child has one thread, whose list glibc
   registers again. */
static void robust_fork_prepare(void) { pthread_mutex_lock(&robust_lock); }
static void robust_fork_parent(void) { pthread_mutex_unlock(&robust_lock); }
static void robust_fork_child(void)
{
    for (int i = 0; i < MAX_ROBUST; i++) /* (only the pages that change) */
        fork_clear(&robust_all[i], sizeof robust_all[i]);
    pthread_mutex_init(&robust_lock, NULL);
    fork_clear(&robust_list_head, sizeof robust_list_head);
    fork_clear(&robust_list_len, sizeof robust_list_len);
}

__attribute__((constructor(102))) static void robust_init(void)
{
    pthread_atfork(robust_fork_prepare, robust_fork_parent, robust_fork_child);
}

/* How each futex command uses its arguments. */
enum { F_NOTIME, F_RELTIME, F_ABSTIME, F_VAL2 };
typedef struct FutexCmd {
    const char *name;
    uint8_t timeout; /* what the 4th argument is */
    bool uaddr2;     /* uses the second futex word (5th argument) */
    bool waits;      /* may sleep: safe_syscall */
    bool nointr;     /* never fails with EINTR: restarted instead */
    uint8_t cmpval;  /* which argument holds a compare value: 2 (val), 5 (val3), 0 none */
    bool kwrites;    /* the kernel computes and stores a new word (PI, WAKE_OP) */
} FutexCmd;

static const FutexCmd futex_cmds[] = {
    [FUTEX_WAIT] = {"FUTEX_WAIT", F_RELTIME, false, true, false, 2, false},
    [FUTEX_WAKE] = {"FUTEX_WAKE", F_NOTIME, false, false, false, 0, false},
    [FUTEX_REQUEUE] = {"FUTEX_REQUEUE", F_VAL2, true, false, false, 0, false},
    [FUTEX_CMP_REQUEUE] = {"FUTEX_CMP_REQUEUE", F_VAL2, true, false, false, 5, false},
    [FUTEX_WAKE_OP] = {"FUTEX_WAKE_OP", F_VAL2, true, false, false, 0, true},
    [FUTEX_LOCK_PI] = {"FUTEX_LOCK_PI", F_ABSTIME, false, true, true, 0, true},
    [FUTEX_UNLOCK_PI] = {"FUTEX_UNLOCK_PI", F_NOTIME, false, false, false, 0, true},
    [FUTEX_TRYLOCK_PI] = {"FUTEX_TRYLOCK_PI", F_NOTIME, false, false, false, 0, true},
    [FUTEX_WAIT_BITSET] = {"FUTEX_WAIT_BITSET", F_ABSTIME, false, true, false, 2, false},
    [FUTEX_WAKE_BITSET] = {"FUTEX_WAKE_BITSET", F_NOTIME, false, false, false, 0, false},
    [FUTEX_WAIT_REQUEUE_PI] = {"FUTEX_WAIT_REQUEUE_PI", F_ABSTIME, true, true, false, 2, true},
    [FUTEX_CMP_REQUEUE_PI] = {"FUTEX_CMP_REQUEUE_PI", F_VAL2, true, false, false, 5, true},
    [FUTEX_LOCK_PI2] = {"FUTEX_LOCK_PI2", F_ABSTIME, false, true, true, 0, true},
};
#define N_FUTEX_CMDS ((int)(sizeof futex_cmds / sizeof futex_cmds[0]))

static long do_futex(const uint32_t *a, bool time64)
{
    uint32_t uaddr = a[0];
    int op = (int)a[1];
    int cmd = op & FUTEX_CMD_MASK;
    if (cmd < 0 || cmd >= N_FUTEX_CMDS || !futex_cmds[cmd].name) {
        log_unimp_once(0xf9000000u | (uint32_t)cmd, "unsupported futex op %d", cmd);
        return -ENOSYS;
    }
    const FutexCmd *c = &futex_cmds[cmd];
    /* Done here on a byte-swapped word (futex-swapped.c). */
    bool swapped = guest_bswap && c->kwrites && cmd != FUTEX_WAIT_REQUEUE_PI &&
                   cmd != FUTEX_CMP_REQUEUE_PI;
    if (guest_bswap && c->kwrites && !swapped) {
        log_unimp_once(0xf9100000u | (uint32_t)cmd, "%s on a guest of the other byte order",
                       c->name);
        return -ENOSYS;
    }
    /* As the kernel: only these take FUTEX_CLOCK_REALTIME (checked here
       because FUTEX_WAIT is turned into WAIT_BITSET below). */
    if ((op & FUTEX_CLOCK_REALTIME) && cmd != FUTEX_WAIT_BITSET && cmd != FUTEX_WAIT_REQUEUE_PI &&
        cmd != FUTEX_LOCK_PI2)
        return -ENOSYS;
    if (uaddr & 3)
        return -EINVAL;
    if (!guest_ok_read(uaddr, 4))
        return -EFAULT;

    long timeout = 0; /* the host's 4th argument: a pointer or val2 */
    uint32_t val = a[2], val3 = a[5];
    /* The kernel compares the word's in-memory image with a host integer. */
    if (guest_bswap && c->cmpval == 2)
        val = __builtin_bswap32(val);
    if (guest_bswap && c->cmpval == 5)
        val3 = __builtin_bswap32(val3);
    struct timespec ts;
    if (c->timeout == F_VAL2) {
        timeout = (long)a[3];
    } else if (c->timeout != F_NOTIME && a[3]) {
        long r = get_timespec(&ts, a[3], time64);
        if (r < 0)
            return r;
        timeout = (long)&ts;
        if (cmd == FUTEX_WAIT) {
            /* A relative wait becomes the equivalent absolute one
               (WAIT_BITSET, any bit), so that a retry after a signal the
               guest does not see keeps the original deadline. */
            if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
                return -EINVAL;
            struct timespec now;
            clock_gettime(op & FUTEX_CLOCK_REALTIME ? CLOCK_REALTIME : CLOCK_MONOTONIC, &now);
            ts.tv_sec += now.tv_sec;
            ts.tv_nsec += now.tv_nsec;
            if (ts.tv_nsec >= 1000000000) {
                ts.tv_sec++;
                ts.tv_nsec -= 1000000000;
            }
            op = (op & ~FUTEX_CMD_MASK) | FUTEX_WAIT_BITSET;
            val3 = FUTEX_BITSET_MATCH_ANY;
        }
    }
    void *uaddr2 = NULL;
    if (c->uaddr2) {
        if (a[4] & 3)
            return -EINVAL;
        if (!guest_ok_write(a[4], 4))
            return -EFAULT;
        uaddr2 = g2h(a[4]);
    }
    if (cmd == FUTEX_LOCK_PI || cmd == FUTEX_UNLOCK_PI || cmd == FUTEX_TRYLOCK_PI ||
        cmd == FUTEX_LOCK_PI2 || cmd == FUTEX_WAKE_OP) {
        /* The kernel writes these words. */
        if (!guest_ok_write(uaddr, 4))
            return -EFAULT;
    }

    if (swapped) {
        int priv = op & FUTEX_PRIVATE_FLAG;
        switch (cmd) {
        case FUTEX_WAKE_OP:
            return futex_swapped_wake_op(g2h(uaddr), uaddr2, priv, val, (uint32_t)timeout, val3);
        case FUTEX_UNLOCK_PI: return futex_swapped_unlock_pi(g2h(uaddr), priv);
        default: {
            /* LOCK_PI's deadline is on CLOCK_REALTIME; LOCK_PI2's on
               CLOCK_MONOTONIC unless FUTEX_CLOCK_REALTIME says otherwise. */
            int clock = cmd == FUTEX_LOCK_PI ? FUTEX_CLOCK_REALTIME : op & FUTEX_CLOCK_REALTIME;
            return futex_swapped_lock_pi(g2h(uaddr), priv, timeout ? (struct timespec *)timeout : NULL,
                                         clock, cmd == FUTEX_TRYLOCK_PI);
        }
        }
    }

    long r;
    if (!c->waits)
        return host_ret(syscall(SYS_futex, g2h(uaddr), op, val, timeout, uaddr2, val3));
    /* Waits: EINTR from a host signal the guest does not see just waits
       on (every timeout is absolute by now). */
    do
        r = safe_syscall(SYS_futex, g2h(uaddr), op, val, timeout, uaddr2, val3);
    while (r == -EINTR && signal_eintr_unseen());
    if (r == -EINTR && c->nointr)
        return -ERESTARTNOINTR; /* handle_syscall restarts it */
    return r;
}

long sys_futex(CPUCommon *env, const uint32_t *a)
{
    return do_futex(a, false);
}
long sys_futex_time64(CPUCommon *env, const uint32_t *a)
{
    return do_futex(a, true);
}

/* ---- robust lists ---- */

long sys_set_robust_list(CPUCommon *env, const uint32_t *a)
{
    /* struct robust_list_head: three words on a 32-bit guest. */
    if (a[1] != ABI_SIZE(robust_list_head))
        return -EINVAL;
    robust_list_head = a[0];
    robust_list_len = a[1];
    robust_register(gettid(), a[0]);
    return 0;
}

long sys_get_robust_list(CPUCommon *env, const uint32_t *a)
{
    pid_t pid = (pid_t)a[0];
    if (pid != 0 && pid != gettid())
        return -EPERM; /* another thread's list lives in its own TLS */
    if (put_user_u32(a[1], robust_list_head) < 0 ||
        put_user_u32(a[2], (uint32_t)ABI_SIZE(robust_list_head)) < 0)
        return -EFAULT;
    return 0;
}

/* The kernel's handle_futex_death for the futex word at uaddr. */
static void futex_death(uint32_t uaddr, bool pi, bool pending, uint32_t tid)
{
    if ((uaddr & 3) || !guest_ok_write(uaddr, 4))
        return;
    uint32_t *w = g2h(uaddr); /* the word's image, in guest byte order */
    for (;;) {
        uint32_t raw = __atomic_load_n(w, __ATOMIC_SEQ_CST);
        uint32_t uval = ld_guest_u32(&raw);
        /* A lock being taken when the thread died, not yet owned: wake one
           waiter so it can try again. */
        if (pending && !pi && uval == 0) {
            syscall(SYS_futex, w, FUTEX_WAKE_BITSET, 1, NULL, NULL, FUTEX_BITSET_MATCH_ANY);
            return;
        }
        if ((uval & FUTEX_TID_MASK) != tid)
            return;
        uint32_t nraw;
        st_guest_u32(&nraw, (uval & FUTEX_WAITERS) | FUTEX_OWNER_DIED);
        if (!__atomic_compare_exchange_n(w, &raw, nraw, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            continue;
        /* PI waiters are handed the lock by the host kernel when this host
           thread exits (its pi_state list); plain ones need a wake-up, and
           so do PI ones on a byte-swapped word (futex-swapped.c: the host
           kernel never saw that lock). */
        if ((!pi || guest_bswap) && (uval & FUTEX_WAITERS))
            syscall(SYS_futex, w, FUTEX_WAKE, 1, NULL, NULL, 0);
        return;
    }
}

/* Read a list pointer: address with the PI flag in bit 0. */
static bool fetch_entry(uint32_t addr, uint32_t *entry, bool *pi)
{
    uint32_t v;
    if (get_user_u32(addr, &v) < 0)
        return false;
    *entry = v & ~1u;
    *pi = v & 1;
    return true;
}

static void walk_robust_list(uint32_t head, uint32_t tid)
{
    /* struct robust_list_head { next; long futex_offset; list_op_pending; }
       by the target's layout. */
    uint32_t entry, pending;
    bool pi, pending_pi;
    uint32_t offset; /* a signed long: added modulo 2^32 */
    if (!fetch_entry(head + (uint32_t)ABI_OFF(robust_list_head, list), &entry, &pi) ||
        get_user_u32(head + (uint32_t)ABI_OFF(robust_list_head, futex_offset), &offset) < 0 ||
        !fetch_entry(head + (uint32_t)ABI_OFF(robust_list_head, list_op_pending), &pending,
                     &pending_pi))
        return;
    /* The kernel's bound on a (possibly circular) corrupted list. */
    for (int limit = 2048; entry != head && limit > 0; limit--) {
        uint32_t next;
        bool next_pi;
        if (!fetch_entry(entry, &next, &next_pi))
            return;
        if (entry != pending)
            futex_death(entry + offset, pi, false, tid);
        entry = next;
        pi = next_pi;
    }
    if (pending)
        futex_death(pending + offset, pending_pi, true, tid);
}

void futex_exit_robust_list(void)
{
    uint32_t head = robust_list_head;
    if (!head)
        return;
    robust_list_head = 0;
    robust_unregister(gettid());
    walk_robust_list(head, (uint32_t)gettid());
}

void futex_exit_all_robust_lists(void)
{
    /* May run in a host signal handler (a fatal signal): never wait for
       the lock; the lists are read from guest memory only. */
    if (pthread_mutex_trylock(&robust_lock) != 0)
        return;
    for (int i = 0; i < MAX_ROBUST; i++)
        if (robust_all[i].tid)
            walk_robust_list(robust_all[i].head, (uint32_t)robust_all[i].tid);
    memset(robust_all, 0, sizeof robust_all);
    pthread_mutex_unlock(&robust_lock);
    robust_list_head = 0;
}
