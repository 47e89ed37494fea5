/*
 * Threads: atomics and mutexes under contention, condition variables,
 * pthread_join return values, __thread storage, many threads created and
 * joined in a loop, and exit() from one thread while others run.
 * Output is deterministic and the same natively and under emulation.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NTHREADS 4
#define ITERS 200000

static int atomic_counter;
static long long atomic64_counter;
static int locked_counter;
static unsigned short atomic16_counter; /* ldrexh/strexh */
static unsigned char atomic8_counter;   /* ldrexb/strexb */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static __thread int tls_value = 7;
static __thread char tls_buf[32];

static void *adder(void *arg)
{
    intptr_t id = (intptr_t)arg;
    tls_value = (int)id * 100;
    snprintf(tls_buf, sizeof tls_buf, "thread-%d", (int)id);
    for (int i = 0; i < ITERS; i++) {
        __atomic_fetch_add(&atomic_counter, 1, __ATOMIC_SEQ_CST);
        if ((i & 7) == 0) {
            __atomic_fetch_add(&atomic64_counter, 3, __ATOMIC_SEQ_CST);
            __atomic_fetch_add(&atomic16_counter, 1, __ATOMIC_SEQ_CST);
        }
        if ((i & 63) == 0)
            __atomic_fetch_add(&atomic8_counter, 1, __ATOMIC_SEQ_CST);
        if ((i & 15) == 0) {
            pthread_mutex_lock(&lock);
            locked_counter++;
            pthread_mutex_unlock(&lock);
        }
    }
    /* TLS survived the loop and is this thread's own. */
    if (tls_value != (int)id * 100 || strcmp(tls_buf, "thread-0") == 0 && id != 0)
        return (void *)-1;
    return (void *)(id * 10 + 1);
}

static void test_counters(void)
{
    pthread_t th[NTHREADS];
    for (intptr_t i = 0; i < NTHREADS; i++)
        if (pthread_create(&th[i], NULL, adder, (void *)i) != 0) {
            printf("pthread_create failed\n");
            exit(1);
        }
    long sum = 0;
    for (int i = 0; i < NTHREADS; i++) {
        void *ret;
        pthread_join(th[i], &ret);
        printf("join %d -> %ld\n", i, (long)(intptr_t)ret);
        sum += (long)(intptr_t)ret;
    }
    printf("atomic counter %d (want %d)\n", atomic_counter, NTHREADS * ITERS);
    printf("atomic64 counter %lld (want %d)\n", atomic64_counter, NTHREADS * (ITERS / 8) * 3);
    printf("locked counter %d (want %d)\n", locked_counter, NTHREADS * (ITERS / 16));
    printf("atomic16 counter %u (want %u)\n", atomic16_counter, (NTHREADS * (ITERS / 8)) & 0xffffu);
    printf("atomic8 counter %u (want %u)\n", atomic8_counter,
           (NTHREADS * ((ITERS + 63) / 64)) & 0xffu);
    printf("join sum %ld, main tls %d\n", sum, tls_value);
}

/* A bounded queue with two condition variables: producers and consumers. */
#define QSIZE 8
#define NITEMS 5000
static int queue[QSIZE], qhead, qtail, qcount;
static pthread_mutex_t qlock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER, not_full = PTHREAD_COND_INITIALIZER;

static void *producer(void *arg)
{
    for (int i = 1; i <= NITEMS; i++) {
        pthread_mutex_lock(&qlock);
        while (qcount == QSIZE)
            pthread_cond_wait(&not_full, &qlock);
        queue[qtail] = i;
        qtail = (qtail + 1) % QSIZE;
        qcount++;
        pthread_cond_signal(&not_empty);
        pthread_mutex_unlock(&qlock);
    }
    return NULL;
}

static void *consumer(void *arg)
{
    long sum = 0;
    for (int i = 0; i < NITEMS; i++) {
        pthread_mutex_lock(&qlock);
        while (qcount == 0)
            pthread_cond_wait(&not_empty, &qlock);
        sum += queue[qhead];
        qhead = (qhead + 1) % QSIZE;
        qcount--;
        pthread_cond_signal(&not_full);
        pthread_mutex_unlock(&qlock);
    }
    return (void *)sum;
}

static void test_condvar(void)
{
    pthread_t p, c;
    void *ret;
    pthread_create(&c, NULL, consumer, NULL);
    pthread_create(&p, NULL, producer, NULL);
    pthread_join(p, NULL);
    pthread_join(c, &ret);
    printf("condvar queue sum %ld (want %ld)\n", (long)(intptr_t)ret, (long)NITEMS * (NITEMS + 1) / 2);
}

/* Many short-lived threads, created and joined one batch at a time. */
static void *tiny(void *arg)
{
    tls_value += (int)(intptr_t)arg;
    return (void *)(intptr_t)tls_value;
}

static void test_many(void)
{
    long sum = 0;
    for (int round = 0; round < 50; round++) {
        pthread_t th[4];
        for (int i = 0; i < 4; i++)
            if (pthread_create(&th[i], NULL, tiny, (void *)(intptr_t)i) != 0) {
                printf("create failed in round %d\n", round);
                exit(1);
            }
        for (int i = 0; i < 4; i++) {
            void *r;
            pthread_join(th[i], &r);
            sum += (long)(intptr_t)r;
        }
    }
    printf("200 threads: sum %ld (want %d)\n", sum, 50 * (4 * 7 + 6));
}

/* A detached thread and pthread_exit with a value. */
static void *exiter(void *arg)
{
    pthread_exit((void *)(intptr_t)42);
    return NULL;
}

static void test_exit_value(void)
{
    pthread_t t;
    void *r;
    pthread_create(&t, NULL, exiter, NULL);
    pthread_join(t, &r);
    printf("pthread_exit value %ld\n", (long)(intptr_t)r);
}

/* exit() from a second thread while the others spin: the process ends with
   that status and stdout is flushed once. */
static volatile int spin = 1;
static void *spinner(void *arg)
{
    while (spin)
        __atomic_fetch_add(&atomic_counter, 1, __ATOMIC_RELAXED);
    return NULL;
}

static void *quitter(void *arg)
{
    usleep(20000);
    printf("exiting from a thread\n");
    exit(5);
}

int main(void)
{
    test_counters();
    test_condvar();
    test_many();
    test_exit_value();
    pthread_t s1, s2, q;
    pthread_create(&s1, NULL, spinner, NULL);
    pthread_create(&s2, NULL, spinner, NULL);
    pthread_create(&q, NULL, quitter, NULL);
    pthread_join(q, NULL);
    printf("not reached\n");
    return 0;
}
