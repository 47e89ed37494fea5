/*
 * fork while other threads take signals, map memory and start threads: a
 * child must never inherit a lock some other thread of the parent held at
 * the time of the fork (it would wait for it forever).  Two busy threads
 * signal each other and the process, map and unmap memory and create
 * short-lived threads, in bursts, while the main thread forks 30 times.  Each child
 * takes a signal, maps memory, starts a thread and exits 7; the parent
 * gives it 5 s, then kills it and counts it as hung.  (Before mimic freed
 * its signal-queue lock in the child, 1 or 2 children in 100 hung.)
 */
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define FORKS 30
#define BUSY 2

static volatile sig_atomic_t hits;
static volatile int stop;

static void handler(int sig)
{
    (void)sig;
    hits++;
}

static void *nothing(void *arg) { return arg; }

static volatile int go;

static void *busy(void *arg)
{
    pthread_t *all = arg;
    unsigned n = 0;
    while (!go)
        sched_yield();
    while (!stop) {
        n++;
        union sigval v = { .sival_int = (int)n };
        sigqueue(getpid(), SIGRTMIN + 3, v);
        pthread_kill(all[n % BUSY], (n & 1) ? SIGUSR1 : SIGRTMIN + 2);
        if (n % 16 == 0)
            kill(getpid(), SIGUSR2);
        if (n % 64 == 0) {
            void *p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (p != MAP_FAILED) {
                memset(p, 1, 3 * 4096);
                munmap(p, 3 * 4096);
            }
            free(malloc(100 + n % 5000));
        }
        if (n % 8 == 0) { /* (bursts: the forking thread must get the CPU) */
            struct timespec ts = { 0, 200 * 1000 };
            nanosleep(&ts, NULL);
        }
        if (n % 256 == 0) {
            pthread_t t;
            if (pthread_create(&t, NULL, nothing, NULL) == 0)
                pthread_join(t, NULL);
        }
    }
    return NULL;
}

static int child(void)
{
    raise(SIGUSR1);
    kill(getpid(), SIGRTMIN + 2);
    void *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return 1;
    memset(p, 2, 8192);
    munmap(p, 8192);
    pthread_t t;
    if (pthread_create(&t, NULL, nothing, NULL) != 0 || pthread_join(t, NULL) != 0)
        return 2;
    free(malloc(1000));
    return 7;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);
    sigaction(SIGRTMIN + 2, &sa, NULL);
    sigaction(SIGRTMIN + 3, &sa, NULL);

    pthread_t all[BUSY];
    for (int i = 0; i < BUSY; i++)
        pthread_create(&all[i], NULL, busy, all);
    go = 1;

    int ok = 0, hung = 0, other = 0;
    for (int i = 0; i < FORKS; i++) {
        pid_t pid = fork();
        if (pid < 0) {
            perror("fork");
            break;
        }
        if (pid == 0)
            _exit(child());
        int st = 0, done = 0;
        for (int ms = 0; ms < 5000; ms++) {
            pid_t r = waitpid(pid, &st, WNOHANG);
            if (r == pid) {
                done = 1;
                break;
            }
            struct timespec ts = { 0, 1000 * 1000 };
            nanosleep(&ts, NULL);
        }
        if (!done) {
            kill(pid, SIGKILL);
            waitpid(pid, &st, 0);
            hung++;
        } else if (WIFEXITED(st) && WEXITSTATUS(st) == 7) {
            ok++;
        } else {
            other++;
        }
    }
    stop = 1;
    for (int i = 0; i < BUSY; i++)
        pthread_join(all[i], NULL);
    printf("forks %d: ok %d, hung %d, other %d\n", FORKS, ok, hung, other);
    printf("signals taken: %s\n", hits > 0 ? "yes" : "no");
    return hung || other;
}
