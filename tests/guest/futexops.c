/*
 * futex operations called directly (the paths glibc's current mutexes and
 * condition variables do not take), portable: WAIT with a wrong value and
 * with relative timeouts, WAIT_BITSET with absolute MONOTONIC / REALTIME
 * deadlines, WAKE, CMP_REQUEUE and REQUEUE from one word to another,
 * WAKE_OP, WAKE_BITSET with matching and non-matching masks, and the PI
 * operations (TRYLOCK_PI, LOCK_PI waiting for another thread, UNLOCK_PI).
 * Results that depend on timing (how many waiters had gone to sleep yet)
 * are accumulated until they are final before being printed.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <linux/futex.h>

static long fx(volatile int *uaddr, int op, int val, const struct timespec *ts, volatile int *uaddr2,
               int val3)
{
    return syscall(SYS_futex, uaddr, op, val, ts, uaddr2, val3);
}

/* REQUEUE's val2 travels in the timeout argument. */
static long fx2(volatile int *uaddr, int op, int val, long val2, volatile int *uaddr2, int val3)
{
    return syscall(SYS_futex, uaddr, op, val, (void *)val2, uaddr2, val3);
}

static const char *res(long r)
{
    if (r >= 0)
        return "ok";
    switch (errno) {
    case EAGAIN: return "EAGAIN";
    case ETIMEDOUT: return "ETIMEDOUT";
    case EINVAL: return "EINVAL";
    case EDEADLK: return "EDEADLK";
    case EPERM: return "EPERM";
    case EBUSY: return "EBUSY";
    case ENOSYS: return "ENOSYS";
    default: return "other";
    }
}

static void msleep(int ms)
{
    struct timespec ts = { 0, ms * 1000000L };
    nanosleep(&ts, NULL);
}

static volatile int A, B, started, finished;

static void *waiter(void *arg)
{
    __atomic_add_fetch(&started, 1, __ATOMIC_SEQ_CST);
    /* Sleep on A while it is 0 (spurious wake-ups and EAGAIN just retry:
       the thread ends once it was woken from A or B after `A` became 1). */
    while (__atomic_load_n(&A, __ATOMIC_SEQ_CST) == 0)
        fx(&A, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
    __atomic_add_fetch(&finished, 1, __ATOMIC_SEQ_CST);
    return NULL;
}

static volatile int C;

static void requeue_test(int cmp)
{
    A = 0;
    B = 0;
    C = 0;
    started = finished = 0;
    pthread_t th[3];
    for (int i = 0; i < 3; i++)
        pthread_create(&th[i], NULL, waiter, NULL);
    /* Phase 1: move the waiters from A to B as they fall asleep on A (wake
       none), until all three sleep on B. */
    long moved = 0;
    for (int tries = 0; moved < 3 && tries < 5000; tries++) {
        long r = fx2(&A, FUTEX_CMP_REQUEUE_PRIVATE, 0, INT_MAX, &B, 0);
        if (r > 0)
            moved += r;
        else
            msleep(1);
    }
    long bad = fx2(&B, FUTEX_CMP_REQUEUE_PRIVATE, 1, INT_MAX, &C, 5);
    /* Phase 2: from B, wake one and requeue the others to C. */
    __atomic_store_n(&A, 1, __ATOMIC_SEQ_CST);
    long r2;
    if (cmp)
        r2 = fx2(&B, FUTEX_CMP_REQUEUE_PRIVATE, 1, INT_MAX, &C, 0);
    else
        r2 = fx2(&B, FUTEX_REQUEUE_PRIVATE, 1, INT_MAX, &C, 0);
    /* Phase 3: wake the two on C. */
    long r3 = fx(&C, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
    for (int tries = 0; finished < 3 && tries < 5000; tries++)
        msleep(1);
    for (int i = 0; i < 3; i++)
        pthread_join(th[i], NULL);
    printf("%s: moved to B %ld, wrong expected value %s, woken+requeued %ld, woken on C %ld, "
           "finished %d\n",
           cmp ? "CMP_REQUEUE" : "REQUEUE", moved, res(bad), r2, r3, finished);
}

static volatile int bitword, bitdone, bitgone;

static void *bit_waiter(void *arg)
{
    while (!__atomic_load_n(&bitdone, __ATOMIC_SEQ_CST))
        fx(&bitword, FUTEX_WAIT_BITSET_PRIVATE, 0, NULL, NULL, 1);
    __atomic_store_n(&bitgone, 1, __ATOMIC_SEQ_CST);
    return NULL;
}

static volatile int pi;
static volatile int pi_got;

static void *pi_locker(void *arg)
{
    long r = fx(&pi, FUTEX_LOCK_PI_PRIVATE, 0, NULL, NULL, 0);
    pi_got = r == 0 && (pi & FUTEX_TID_MASK) == (int)syscall(SYS_gettid);
    fx(&pi, FUTEX_UNLOCK_PI_PRIVATE, 0, NULL, NULL, 0);
    return NULL;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    volatile int w = 5;
    printf("WAIT wrong value: %s\n", res(fx(&w, FUTEX_WAIT_PRIVATE, 4, NULL, NULL, 0)));
    struct timespec rel = { 0, 20 * 1000000 };
    printf("WAIT relative timeout: %s\n", res(fx(&w, FUTEX_WAIT_PRIVATE, 5, &rel, NULL, 0)));
    printf("WAIT with the CLOCK_REALTIME flag: %s\n",
           res(fx(&w, FUTEX_WAIT_PRIVATE | FUTEX_CLOCK_REALTIME, 5, &rel, NULL, 0)));
    struct timespec bad = { 0, 2000000000 };
    printf("WAIT bad timeout: %s\n", res(fx(&w, FUTEX_WAIT_PRIVATE, 5, &bad, NULL, 0)));
    struct timespec abs;
    clock_gettime(CLOCK_MONOTONIC, &abs);
    abs.tv_nsec += 20 * 1000000;
    if (abs.tv_nsec >= 1000000000) {
        abs.tv_sec++;
        abs.tv_nsec -= 1000000000;
    }
    printf("WAIT_BITSET monotonic deadline: %s\n",
           res(fx(&w, FUTEX_WAIT_BITSET_PRIVATE, 5, &abs, NULL, FUTEX_BITSET_MATCH_ANY)));
    clock_gettime(CLOCK_REALTIME, &abs);
    abs.tv_sec -= 1;
    printf("WAIT_BITSET realtime deadline in the past: %s\n",
           res(fx(&w, FUTEX_WAIT_BITSET_PRIVATE | FUTEX_CLOCK_REALTIME, 5, &abs, NULL,
                  FUTEX_BITSET_MATCH_ANY)));
    printf("WAIT_BITSET empty mask: %s\n", res(fx(&w, FUTEX_WAIT_BITSET_PRIVATE, 5, NULL, NULL, 0)));
    printf("WAKE nobody: %ld\n", fx(&w, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0));
    printf("unaligned: %s\n", res(fx((volatile int *)((char *)&w + 1), FUTEX_WAKE_PRIVATE, 1, NULL,
                                     NULL, 0)));

    requeue_test(1);
    requeue_test(0);

    /* WAKE_OP: *B2 += 1, wake on A2, and on B2 if the old value was 0. */
    volatile int a2 = 0, b2 = 0;
    long r = fx2(&a2, FUTEX_WAKE_OP_PRIVATE, 1, 1, &b2,
                 FUTEX_OP(FUTEX_OP_ADD, 1, FUTEX_OP_CMP_EQ, 0));
    long r2 = fx2(&a2, FUTEX_WAKE_OP_PRIVATE, 1, 1, &b2,
                  FUTEX_OP(FUTEX_OP_OR, 4, FUTEX_OP_CMP_GT, 100));
    printf("WAKE_OP: %ld %ld, second word now %d\n", r, r2, b2);

    /* WAKE_BITSET: a waiter on bit 0 ignores a wake for bit 1. */
    bitword = 0;
    bitdone = 0;
    pthread_t bt;
    pthread_create(&bt, NULL, bit_waiter, NULL);
    msleep(20);
    long miss = fx(&bitword, FUTEX_WAKE_BITSET_PRIVATE, 1, NULL, NULL, 2);
    /* Wake it with its own bit once it sleeps (it then sleeps again). */
    long hits = 0;
    for (int i = 0; i < 5000 && !hits; i++) {
        hits = fx(&bitword, FUTEX_WAKE_BITSET_PRIVATE, 1, NULL, NULL, 1);
        if (!hits)
            msleep(1);
    }
    __atomic_store_n(&bitdone, 1, __ATOMIC_SEQ_CST);
    while (!__atomic_load_n(&bitgone, __ATOMIC_SEQ_CST)) {
        fx(&bitword, FUTEX_WAKE_BITSET_PRIVATE, 1, NULL, NULL, 1);
        msleep(1);
    }
    pthread_join(bt, NULL);
    printf("WAKE_BITSET: other bit woke %ld, own bit woke %ld\n", miss, hits);

    /* PI: trylock, a second locker that waits, unlock hands it over. */
    pi = 0;
    long t1 = fx(&pi, FUTEX_TRYLOCK_PI_PRIVATE, 0, NULL, NULL, 0);
    int mine = (pi & FUTEX_TID_MASK) == (int)syscall(SYS_gettid);
    long t2 = fx(&pi, FUTEX_LOCK_PI_PRIVATE, 0, NULL, NULL, 0);
    printf("TRYLOCK_PI %s, owner is me %d, LOCK_PI again %s\n", res(t1), mine, res(t2));
    pthread_t pt;
    pthread_create(&pt, NULL, pi_locker, NULL);
    /* The kernel sets FUTEX_WAITERS once the other thread sleeps in LOCK_PI. */
    for (int i = 0; i < 5000 && !(pi & FUTEX_WAITERS); i++)
        msleep(1);
    int waiters = (pi & FUTEX_WAITERS) != 0;
    long u = fx(&pi, FUTEX_UNLOCK_PI_PRIVATE, 0, NULL, NULL, 0);
    pthread_join(pt, NULL);
    printf("LOCK_PI by another thread: waiters bit %d, UNLOCK_PI %s, it got the lock %d, word now %d\n",
           waiters, res(u), pi_got, pi);
    printf("UNLOCK_PI not owner: %s\n", res(fx(&pi, FUTEX_UNLOCK_PI_PRIVATE, 0, NULL, NULL, 0)));
    printf("done\n");
    return 0;
}
