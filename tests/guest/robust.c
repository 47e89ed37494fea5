/*
 * Robust and priority-inheritance mutexes, condition variables and
 * barriers (futex WAIT/WAKE/REQUEUE/WAKE_OP/BITSET/LOCK_PI paths of
 * glibc), portable:
 *   - a thread that exits holding a robust mutex: the next locker gets
 *     EOWNERDEAD, makes it consistent, and the mutex works again;
 *   - the same while another thread is already waiting for the lock;
 *   - the same for a robust priority-inheritance mutex (FUTEX_LOCK_PI);
 *   - a process-shared robust mutex held by a child process that exits;
 *   - a robust mutex made unrecoverable (ENOTRECOVERABLE);
 *   - timed locks and waits (absolute CLOCK_REALTIME / MONOTONIC timeouts);
 *   - a condition variable broadcast to many waiters, and a barrier.
 * (qemu-arm does not walk robust lists: this test hangs under it.)
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *ename(int e)
{
    switch (e) {
    case 0: return "0";
    case EOWNERDEAD: return "EOWNERDEAD";
    case ENOTRECOVERABLE: return "ENOTRECOVERABLE";
    case ETIMEDOUT: return "ETIMEDOUT";
    case EBUSY: return "EBUSY";
    case EDEADLK: return "EDEADLK";
    case EPERM: return "EPERM";
    default: return "other";
    }
}

static void init_robust(pthread_mutex_t *m, int pi, int pshared)
{
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
    if (pi)
        pthread_mutexattr_setprotocol(&a, PTHREAD_PRIO_INHERIT);
    if (pshared)
        pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
    pthread_mutex_init(m, &a);
    pthread_mutexattr_destroy(&a);
}

static pthread_mutex_t rm;
static volatile int locked_by_thread;

static void *lock_and_exit(void *arg)
{
    pthread_mutex_lock(&rm);
    locked_by_thread = 1;
    if (arg) {
        /* Wait until the main thread is (very likely) blocked on it. */
        struct timespec ts = { 0, 100 * 1000000 };
        nanosleep(&ts, NULL);
    }
    return NULL; /* exits holding rm */
}

static void owner_dies(int pi, int waiter)
{
    init_robust(&rm, pi, 0);
    locked_by_thread = 0;
    pthread_t th;
    pthread_create(&th, NULL, lock_and_exit, waiter ? (void *)1 : NULL);
    if (waiter) {
        while (!locked_by_thread)
            sched_yield();
    } else {
        pthread_join(th, NULL);
    }
    int r = pthread_mutex_lock(&rm); /* blocks until the owner died if waiter */
    int c = r == EOWNERDEAD ? pthread_mutex_consistent(&rm) : -1;
    int u = pthread_mutex_unlock(&rm);
    int r2 = pthread_mutex_lock(&rm);
    pthread_mutex_unlock(&rm);
    if (waiter)
        pthread_join(th, NULL);
    printf("%s%s: lock %s, consistent %s, unlock %s, relock %s\n", pi ? "PI robust" : "robust",
           waiter ? " with a waiter" : "", ename(r), ename(c), ename(u), ename(r2));
    pthread_mutex_destroy(&rm);
}

static void unrecoverable(void)
{
    init_robust(&rm, 0, 0);
    pthread_t th;
    pthread_create(&th, NULL, lock_and_exit, NULL);
    pthread_join(th, NULL);
    int r = pthread_mutex_lock(&rm);
    pthread_mutex_unlock(&rm); /* without consistent: unrecoverable */
    int r2 = pthread_mutex_lock(&rm);
    printf("unrecoverable: lock %s, then %s\n", ename(r), ename(r2));
}

static void shared_between_processes(void)
{
    pthread_mutex_t *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    init_robust(m, 0, 1);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        pthread_mutex_lock(m);
        _exit(0); /* the process ends holding the lock */
    }
    int st;
    waitpid(pid, &st, 0);
    int r = pthread_mutex_lock(m);
    if (r == EOWNERDEAD)
        pthread_mutex_consistent(m);
    pthread_mutex_unlock(m);
    printf("process-shared robust: lock after the child exited %s\n", ename(r));
    munmap(m, 4096);
}

static void *hold_briefly(void *arg)
{
    pthread_mutex_t *m = arg;
    pthread_mutex_lock(m);
    struct timespec ts = { 0, 300 * 1000000 };
    nanosleep(&ts, NULL);
    pthread_mutex_unlock(m);
    return NULL;
}

static void timeouts(void)
{
    pthread_mutex_t m;
    init_robust(&m, 0, 0);
    pthread_mutex_t pim;
    init_robust(&pim, 1, 0);
    pthread_t t1, t2;
    pthread_create(&t1, NULL, hold_briefly, &m);
    pthread_create(&t2, NULL, hold_briefly, &pim);
    struct timespec ts = { 0, 50 * 1000000 };
    nanosleep(&ts, NULL);
    struct timespec dl;
    clock_gettime(CLOCK_REALTIME, &dl);
    dl.tv_nsec += 20 * 1000000;
    if (dl.tv_nsec >= 1000000000) {
        dl.tv_sec++;
        dl.tv_nsec -= 1000000000;
    }
    int r1 = pthread_mutex_timedlock(&m, &dl);
    int r2 = pthread_mutex_timedlock(&pim, &dl);
    int r3 = pthread_mutex_trylock(&pim);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    int r4 = pthread_mutex_trylock(&pim);
    if (r4 == 0)
        pthread_mutex_unlock(&pim);
    int r5 = pthread_mutex_lock(&pim);
    pthread_mutex_unlock(&pim);
    printf("timedlock %s, PI timedlock %s, PI trylock while held %s, then %s, lock %s\n",
           ename(r1), ename(r2), ename(r3), ename(r4), ename(r5));

    pthread_cond_t cv;
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&cv, &ca);
    pthread_mutex_lock(&m);
    clock_gettime(CLOCK_MONOTONIC, &dl);
    dl.tv_nsec += 30 * 1000000;
    if (dl.tv_nsec >= 1000000000) {
        dl.tv_sec++;
        dl.tv_nsec -= 1000000000;
    }
    int r6 = pthread_cond_timedwait(&cv, &m, &dl);
    pthread_mutex_unlock(&m);
    printf("cond timedwait (monotonic): %s\n", ename(r6));
}

#define NW 6
static pthread_mutex_t cm = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cc = PTHREAD_COND_INITIALIZER;
static int go, woke, waiting;
static pthread_barrier_t bar;

static void *cond_waiter(void *arg)
{
    pthread_mutex_lock(&cm);
    waiting++;
    while (!go)
        pthread_cond_wait(&cc, &cm);
    woke++;
    pthread_mutex_unlock(&cm);
    pthread_barrier_wait(&bar);
    return NULL;
}

static void broadcast(void)
{
    pthread_barrier_init(&bar, NULL, NW + 1);
    pthread_t th[NW];
    for (int i = 0; i < NW; i++)
        pthread_create(&th[i], NULL, cond_waiter, NULL);
    for (;;) {
        pthread_mutex_lock(&cm);
        int w = waiting;
        pthread_mutex_unlock(&cm);
        if (w == NW)
            break;
        sched_yield();
    }
    pthread_mutex_lock(&cm);
    go = 1;
    pthread_cond_broadcast(&cc);
    pthread_mutex_unlock(&cm);
    pthread_barrier_wait(&bar);
    for (int i = 0; i < NW; i++)
        pthread_join(th[i], NULL);
    printf("broadcast: %d of %d woke, barrier passed\n", woke, NW);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    owner_dies(0, 0);
    owner_dies(0, 1);
    owner_dies(1, 0);
    owner_dies(1, 1);
    unrecoverable();
    shared_between_processes();
    timeouts();
    broadcast();
    printf("done\n");
    return 0;
}
