/*
 * Thread + signal + fork soak (make soak; not part of make check).  For
 * SOAK_SECONDS (argv[1], default 600): SENDERS threads queue real-time
 * signals with values at RECEIVERS threads (pthread_sigqueue: thread-
 * directed, never merged), the main thread forks children that take a
 * signal, start a thread and exit 7.  At the end every signal the kernel
 * accepted must have been handled exactly once, with its value, and every
 * child must have exited 7; a hang is caught by the caller's timeout.
 * Prints the counts and "soak: OK" or "soak: FAILED".
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SENDERS 2
#define RECEIVERS 2

static volatile int stop;
static pthread_t receivers[RECEIVERS];
static unsigned long sent[SENDERS], got, bad_value;
static unsigned long sum_sent[SENDERS], sum_got;

static void handler(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)uc;
    __atomic_add_fetch(&got, 1, __ATOMIC_RELAXED);
    __atomic_add_fetch(&sum_got, (unsigned long)(unsigned)si->si_value.sival_int, __ATOMIC_RELAXED);
    if (si->si_code != SI_QUEUE)
        __atomic_add_fetch(&bad_value, 1, __ATOMIC_RELAXED);
}

static void *receiver(void *arg)
{
    (void)arg;
    while (!stop) {
        struct timespec ts = { 0, 500000 };
        nanosleep(&ts, NULL);
    }
    return NULL;
}

static void *sender(void *arg)
{
    int me = (int)(long)arg;
    unsigned n = 0;
    while (!stop) {
        n++;
        union sigval v = { .sival_int = (int)(n & 0xffff) };
        int sig = SIGRTMIN + (int)(n % 4);
        if (pthread_sigqueue(receivers[n % RECEIVERS], sig, v) == 0) {
            sent[me]++;
            sum_sent[me] += n & 0xffff;
        }
        if (n % 16 == 0) {
            struct timespec ts = { 0, 100000 };
            nanosleep(&ts, NULL);
        }
    }
    return NULL;
}

static void *nothing(void *a) { return a; }

int main(int argc, char **argv)
{
    int seconds = argc > 1 ? atoi(argv[1]) : 600;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    for (int i = 0; i < 4; i++)
        sigaction(SIGRTMIN + i, &sa, NULL);
    for (int i = 0; i < RECEIVERS; i++)
        pthread_create(&receivers[i], NULL, receiver, NULL);
    pthread_t s[SENDERS];
    for (int i = 0; i < SENDERS; i++)
        pthread_create(&s[i], NULL, sender, (void *)(long)i);
    time_t end = time(NULL) + seconds;
    unsigned long forks = 0, ok = 0;
    while (time(NULL) < end) {
        pid_t pid = fork();
        if (pid == 0) {
            raise(SIGRTMIN);
            pthread_t t;
            if (pthread_create(&t, NULL, nothing, NULL) || pthread_join(t, NULL))
                _exit(2);
            _exit(7);
        }
        if (pid < 0)
            continue;
        forks++;
        int st;
        if (waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 7)
            ok++;
    }
    stop = 1;
    for (int i = 0; i < SENDERS; i++)
        pthread_join(s[i], NULL);
    for (int i = 0; i < RECEIVERS; i++)
        pthread_join(receivers[i], NULL);
    /* the last queued signals are handled before the receivers exit, or
       here (a process-wide wait is not needed: they were thread-directed
       and each receiver returns from nanosleep only after its handlers) */
    unsigned long total = 0, total_sum = 0;
    for (int i = 0; i < SENDERS; i++) {
        total += sent[i];
        total_sum += sum_sent[i];
    }
    printf("signals sent %lu handled %lu (values %s, codes %s)\n", total, got,
           total_sum == sum_got ? "match" : "DIFFER", bad_value ? "WRONG" : "right");
    printf("forks %lu, exited 7: %lu\n", forks, ok);
    int pass = total == got && total_sum == sum_got && !bad_value && forks == ok && forks > 0;
    printf("soak: %s\n", pass ? "OK" : "FAILED");
    return !pass;
}
