/*
 * Real-time signals are queued without loss (issue 12's soak finding): a
 * signal the kernel accepted (sigqueue returned 0) is delivered exactly
 * once, with its value, in order, however many are pending.  Linux keeps
 * up to RLIMIT_SIGPENDING of them and only then refuses the sender
 * (EAGAIN); 300 stays far below that.
 *   - thread-directed: 300 values to a thread that blocks the signal, then
 *     sigwaitinfo takes them all;
 *   - to itself (the process): 300 sigqueue while blocked;
 *   - from another process: a child queues 300 at its blocked parent;
 *   - two signal numbers, 300 each, then waiting for the second only
 *     (the first stays pending and must not hide it).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define N 300

/* Take n instances of sig (waiting at most 5 s for each); count them and
   check that the values come 0, 1, 2, ... */
static void take(int sig, int n, const char *what)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    int got = 0, in_order = 1;
    struct timespec ts = { 5, 0 };
    while (got < n) {
        siginfo_t si;
        int r = sigtimedwait(&set, &si, &ts);
        if (r != sig)
            break;
        if (si.si_value.sival_int != got || si.si_code != SI_QUEUE)
            in_order = 0;
        got++;
    }
    /* nothing more */
    struct timespec zero = { 0, 0 };
    siginfo_t si;
    int extra = sigtimedwait(&set, &si, &zero) == sig;
    printf("%s: %d of %d taken%s%s\n", what, got, n, in_order ? ", values in order" : ", values WRONG",
           extra ? ", and one too many" : "");
}

static int block(int sig)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    return pthread_sigmask(SIG_BLOCK, &set, NULL);
}

static pthread_barrier_t bar;
static void *target(void *arg)
{
    int sig = (int)(long)arg;
    block(sig);
    pthread_barrier_wait(&bar); /* blocked: the sender may start */
    pthread_barrier_wait(&bar); /* all sent */
    take(sig, N, "thread-directed");
    return NULL;
}

static void thread_directed(void)
{
    int sig = SIGRTMIN + 1;
    pthread_t t;
    pthread_barrier_init(&bar, NULL, 2);
    pthread_create(&t, NULL, target, (void *)(long)sig);
    pthread_barrier_wait(&bar);
    int ok = 0;
    for (int i = 0; i < N; i++)
        ok += pthread_sigqueue(t, sig, (union sigval){ .sival_int = i }) == 0;
    printf("thread-directed: %d of %d accepted\n", ok, N);
    pthread_barrier_wait(&bar);
    pthread_join(t, NULL);
}

static void to_self(void)
{
    int sig = SIGRTMIN + 2, ok = 0;
    block(sig);
    for (int i = 0; i < N; i++)
        ok += sigqueue(getpid(), sig, (union sigval){ .sival_int = i }) == 0;
    printf("to itself: %d of %d accepted\n", ok, N);
    take(sig, N, "to itself");
}

static void from_child(void)
{
    int sig = SIGRTMIN + 3;
    block(sig);
    int p[2];
    if (pipe(p) < 0)
        return;
    pid_t parent = getpid(), pid = fork();
    if (pid == 0) {
        int ok = 0;
        for (int i = 0; i < N; i++)
            ok += sigqueue(parent, sig, (union sigval){ .sival_int = i }) == 0;
        if (write(p[1], &ok, sizeof ok) != sizeof ok)
            _exit(1);
        _exit(0);
    }
    int ok = -1, st;
    if (read(p[0], &ok, sizeof ok) != sizeof ok)
        ok = -1;
    waitpid(pid, &st, 0);
    printf("from a child: %d of %d accepted\n", ok, N);
    take(sig, N, "from a child");
    close(p[0]);
    close(p[1]);
}

static void two_numbers(void)
{
    int a = SIGRTMIN + 4, b = SIGRTMIN + 5;
    block(a);
    block(b);
    pid_t parent = getpid(), pid = fork();
    if (pid == 0) {
        for (int i = 0; i < N; i++)
            sigqueue(parent, a, (union sigval){ .sival_int = i });
        for (int i = 0; i < N; i++)
            sigqueue(parent, b, (union sigval){ .sival_int = i });
        _exit(0);
    }
    int st;
    waitpid(pid, &st, 0);
    take(b, N, "the second number while the first waits");
    take(a, N, "then the first");
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    thread_directed();
    to_self();
    from_child();
    two_numbers();
    return 0;
}
