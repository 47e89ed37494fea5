/*
 * The futex operations in which the kernel computes and stores a new futex
 * word (WAKE_OP's arithmetic, the PI family's owner TIDs), for a guest whose
 * byte order is not the host's (PowerPC, SPARC on x86-64).  The host kernel
 * would read and write such a word in the wrong byte order, so mimic does
 * their word updates itself, with host atomics on the word's guest-order
 * image, and uses the host kernel only to sleep and wake (FUTEX_WAIT_BITSET
 * and FUTEX_WAKE compare and match words bit for bit, whatever the order).
 *
 * WAKE_OP is exact: the old value, the operation, the comparison and the two
 * wake-ups are the kernel's (futex_atomic_op_inuser and futex_wake_op).
 *
 * The PI operations keep the kernel's word protocol, which glibc relies on:
 * the owner's TID in bits 0-29, FUTEX_WAITERS when someone sleeps (so that
 * user space unlocks through FUTEX_UNLOCK_PI), FUTEX_OWNER_DIED kept for the
 * next owner to see; EDEADLK for the owner, EPERM for an unlock by another
 * thread, ESRCH for an owner that does not exist, EWOULDBLOCK for a trylock
 * of a held lock.  What is not the kernel's: there is no priority
 * inheritance (guest priorities are host priorities, and mimic cannot boost
 * another thread), and an unlock does not hand the lock to a chosen waiter:
 * it frees the word and wakes one waiter, which takes the lock unless
 * another thread was faster.  A thread that slept sets FUTEX_WAITERS again
 * when it takes the lock, since others may still sleep.  The requeue-PI pair
 * (condition variables of PI mutexes) stays ENOSYS.
 */
#include <errno.h>
#include <signal.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <linux/futex.h>

#include "linux-user/safe-syscall.h"
#include "linux-user/syscall-priv.h"
#include "linux-user/signal-priv.h"

/* The word as the guest reads it, and a compare-and-swap in guest values. */
static uint32_t word_get(uint32_t *w)
{
    return __builtin_bswap32(__atomic_load_n(w, __ATOMIC_SEQ_CST));
}

static bool word_cas(uint32_t *w, uint32_t old, uint32_t new)
{
    uint32_t raw = __builtin_bswap32(old);
    return __atomic_compare_exchange_n(w, &raw, __builtin_bswap32(new), false, __ATOMIC_SEQ_CST,
                                       __ATOMIC_SEQ_CST);
}

static long wake(uint32_t *w, int priv, uint32_t n)
{
    long r = syscall(SYS_futex, w, FUTEX_WAKE | priv, n, NULL, NULL, 0);
    return r < 0 ? -errno : r;
}

static int32_t sext12(uint32_t v)
{
    return (int32_t)(v << 20) >> 20;
}

long futex_swapped_wake_op(uint32_t *w1, uint32_t *w2, int priv, uint32_t nr1, uint32_t nr2,
                           uint32_t encoded)
{
    unsigned op = (encoded >> 28) & 7, cmp = (encoded >> 24) & 15;
    int32_t oparg = sext12(encoded >> 12), cmparg = sext12(encoded);
    if (encoded & (FUTEX_OP_OPARG_SHIFT << 28))
        oparg = (int32_t)(1u << (oparg & 31)); /* the kernel masks a bad shift, too */
    if (op > FUTEX_OP_XOR)
        return -ENOSYS; /* before touching the word, as the kernel */
    uint32_t old, new;
    do {
        old = word_get(w2);
        switch (op) {
        case FUTEX_OP_SET: new = (uint32_t)oparg; break;
        case FUTEX_OP_ADD: new = old + (uint32_t)oparg; break;
        case FUTEX_OP_OR: new = old | (uint32_t)oparg; break;
        case FUTEX_OP_ANDN: new = old & ~(uint32_t)oparg; break;
        default: new = old ^ (uint32_t)oparg; break;
        }
    } while (!word_cas(w2, old, new));
    int32_t o = (int32_t)old;
    bool hit;
    switch (cmp) {
    case FUTEX_OP_CMP_EQ: hit = o == cmparg; break;
    case FUTEX_OP_CMP_NE: hit = o != cmparg; break;
    case FUTEX_OP_CMP_LT: hit = o < cmparg; break;
    case FUTEX_OP_CMP_LE: hit = o <= cmparg; break;
    case FUTEX_OP_CMP_GT: hit = o > cmparg; break;
    case FUTEX_OP_CMP_GE: hit = o >= cmparg; break;
    default: return -ENOSYS; /* after the operation, as the kernel */
    }
    long n = wake(w1, priv, nr1);
    if (n < 0)
        return n;
    if (hit) {
        long m = wake(w2, priv, nr2);
        if (m < 0)
            return m;
        n += m;
    }
    return n;
}

long futex_swapped_lock_pi(uint32_t *w, int priv, const struct timespec *abstime, int clock_flag,
                           bool trylock)
{
    uint32_t me = (uint32_t)gettid();
    bool slept = false;
    for (;;) {
        uint32_t v = word_get(w);
        uint32_t owner = v & FUTEX_TID_MASK;
        if (owner == 0) {
            uint32_t n = me | (v & (FUTEX_OWNER_DIED | FUTEX_WAITERS)) | (slept ? FUTEX_WAITERS : 0);
            if (word_cas(w, v, n))
                return 0;
            continue;
        }
        if (owner == me)
            return -EDEADLK;
        if (trylock)
            return -EWOULDBLOCK;
        if (!(v & FUTEX_OWNER_DIED) && kill((pid_t)owner, 0) < 0 && errno == ESRCH)
            return -ESRCH;
        if (!(v & FUTEX_WAITERS)) {
            if (!word_cas(w, v, v | FUTEX_WAITERS))
                continue;
            v |= FUTEX_WAITERS;
        }
        long r = safe_syscall(SYS_futex, w, FUTEX_WAIT_BITSET | priv | clock_flag,
                              __builtin_bswap32(v), abstime, NULL, FUTEX_BITSET_MATCH_ANY);
        if (r == -ETIMEDOUT)
            return r;
        if (r == -EINTR && !signal_eintr_unseen())
            return -ERESTARTNOINTR; /* LOCK_PI is restarted, never EINTR */
        slept = true; /* woken, or the word changed: look again */
    }
}

long futex_swapped_unlock_pi(uint32_t *w, int priv)
{
    uint32_t me = (uint32_t)gettid();
    for (;;) {
        uint32_t v = word_get(w);
        if ((v & FUTEX_TID_MASK) != me)
            return -EPERM;
        if (!word_cas(w, v, 0))
            continue;
        if (v & FUTEX_WAITERS) {
            long r = wake(w, priv, 1);
            if (r < 0)
                return r;
        }
        return 0;
    }
}
