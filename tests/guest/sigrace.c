/*
 * Blocking syscalls interrupted by signals, portable (same output natively
 * and under the emulator):
 *   - a thread signals the main thread, blocked in read() on a pipe, many
 *     times (each time waiting until the handler has run: a signal lost
 *     just before read() sleeps would hang here), then writes the data;
 *     with SA_RESTART read() returns the data, without it read() fails
 *     with EINTR and the loop retries;
 *   - an interval timer whose handler writes to the pipe after N ticks;
 *   - sigsuspend with the signal already pending returns at once;
 *   - nanosleep interrupted by SIGALRM: EINTR with time left;
 *   - waitpid interrupted by SIGALRM without SA_RESTART: EINTR, then the
 *     child is reaped;
 *   - a condition variable wait (futex) survives signals (SA_RESTART);
 *   - signals the program never sees (SIGCHLD with its default action,
 *     from children exiting every 30 ms) neither cut short nor prolong
 *     nanosleep, poll, select and a relative futex wait: each sleeps its
 *     200 ms, not until the children stop.
 * Output states facts that hold whatever the timing ("handler ran",
 * "read returned the data"), never exact counts that depend on timing.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <poll.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/futex.h>

static volatile sig_atomic_t handled;
static int pipefd[2];

static void on_usr1(int sig) { handled++; }

static void set_handler(int sig, void (*fn)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

static void msleep(int ms)
{
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

#define NSIG_SENT 300

/* Signal the main thread NSIG_SENT times, each time waiting (up to 5 s)
   until its handler ran, then write one byte. */
static pthread_t main_thread;
static volatile int lost;

static void *signaller(void *arg)
{
    for (int i = 0; i < NSIG_SENT; i++) {
        int before = handled;
        pthread_kill(main_thread, SIGUSR1);
        /* Spin (yielding) until the handler ran, so the next signal comes
           right as the main thread goes back into read(): the window in
           which an emulator can lose it.  Give up after 3 s. */
        struct timespec t0, t;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        while (handled == before) {
            sched_yield();
            clock_gettime(CLOCK_MONOTONIC, &t);
            if (t.tv_sec - t0.tv_sec >= 3)
                break;
        }
        if (handled == before) {
            lost = 1;
            break;
        }
        /* Vary the moment of the next signal relative to read(). */
        if (i % 8 == 0)
            msleep(1);
    }
    char c = 'x';
    if (write(pipefd[1], &c, 1) != 1)
        perror("write");
    return NULL;
}

static void read_under_signals(int restart)
{
    handled = 0;
    lost = 0;
    set_handler(SIGUSR1, on_usr1, restart ? SA_RESTART : 0);
    if (pipe(pipefd) != 0)
        perror("pipe");
    main_thread = pthread_self();
    pthread_t th;
    pthread_create(&th, NULL, signaller, NULL);
    int eintr = 0, other = 0;
    char c = 0;
    ssize_t r;
    for (;;) {
        r = read(pipefd[0], &c, 1);
        if (r >= 0)
            break;
        if (errno == EINTR)
            eintr++;
        else {
            other++;
            break;
        }
    }
    pthread_join(th, NULL);
    printf("%s: read returned %d '%c', handler ran %s, lost wakeup %s, EINTR %s, other errors %d\n",
           restart ? "SA_RESTART" : "no SA_RESTART", (int)r, c,
           handled >= NSIG_SENT ? "every time" : "too few times", lost ? "yes" : "no",
           restart ? (eintr == 0 ? "never (restarted)" : "seen (wrong)")
                   : (eintr > 0 && eintr <= NSIG_SENT ? "seen" : "not seen"),
           other);
    close(pipefd[0]);
    close(pipefd[1]);
}

/* ---- a timer whose handler writes the data ---- */

static volatile sig_atomic_t ticks;
static void on_alarm_write(int sig)
{
    if (++ticks == 25) {
        char c = 't';
        if (write(pipefd[1], &c, 1) != 1) {
        }
    }
}

static void timer_read(void)
{
    ticks = 0;
    if (pipe(pipefd) != 0)
        perror("pipe");
    set_handler(SIGALRM, on_alarm_write, SA_RESTART);
    struct itimerval it = { { 0, 2000 }, { 0, 2000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    char c = 0;
    ssize_t r = read(pipefd[0], &c, 1);
    struct itimerval off = { { 0, 0 }, { 0, 0 } };
    setitimer(ITIMER_REAL, &off, NULL);
    set_handler(SIGALRM, SIG_IGN, 0);
    printf("timer: read returned %d '%c' after %s ticks\n", (int)r, c,
           ticks >= 25 ? "25 or more" : "too few");
    close(pipefd[0]);
    close(pipefd[1]);
}

/* ---- sigsuspend with the signal already pending ---- */

static void suspend_race(void)
{
    handled = 0;
    set_handler(SIGUSR1, on_usr1, 0);
    sigset_t block, old, empty;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_BLOCK, &block, &old);
    kill(getpid(), SIGUSR1);
    printf("sigsuspend: handler before: %d\n", (int)handled);
    sigemptyset(&empty);
    int r = sigsuspend(&empty);
    int e = errno;
    sigset_t now;
    sigprocmask(SIG_SETMASK, NULL, &now);
    printf("sigsuspend: returned %d %s, handler ran %d, SIGUSR1 blocked again: %s\n", r,
           e == EINTR ? "EINTR" : "?", (int)handled, sigismember(&now, SIGUSR1) ? "yes" : "no");
    sigprocmask(SIG_SETMASK, &old, NULL);
}

/* ---- nanosleep and waitpid interrupted ---- */

static volatile sig_atomic_t alarms;
static void on_alarm(int sig) { alarms++; }

static void one_shot(int ms)
{
    struct itimerval it = { { 0, 0 }, { ms / 1000, (ms % 1000) * 1000 } };
    setitimer(ITIMER_REAL, &it, NULL);
}

static void sleep_interrupted(void)
{
    alarms = 0;
    set_handler(SIGALRM, on_alarm, SA_RESTART); /* nanosleep is never restarted */
    one_shot(50);
    struct timespec req = { 3, 0 }, rem = { 0, 0 };
    int r = nanosleep(&req, &rem);
    int e = errno;
    printf("nanosleep: returned %d %s, handler ran %d, time left %s\n", r,
           r < 0 && e == EINTR ? "EINTR" : "?", (int)alarms,
           rem.tv_sec > 0 && rem.tv_sec < 3 ? "between 0 and 3 s" : "wrong");

    alarms = 0;
    one_shot(30);
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += 3;
    r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, NULL);
    printf("clock_nanosleep absolute: returned %s, handler ran %d\n",
           r == EINTR ? "EINTR" : "?", (int)alarms);
}

static void wait_interrupted(void)
{
    alarms = 0;
    set_handler(SIGALRM, on_alarm, 0);
    pid_t pid = fork();
    if (pid == 0) {
        msleep(300);
        _exit(7);
    }
    one_shot(50);
    int st = 0;
    pid_t r = waitpid(pid, &st, 0);
    int e = errno;
    printf("waitpid: first %s, handler ran %d\n", r < 0 && e == EINTR ? "EINTR" : "?", (int)alarms);
    r = waitpid(pid, &st, 0);
    printf("waitpid: then the child, status %d\n", r == pid && WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

/* ---- condition variable wait under signals ---- */

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int ready;

static void *cond_signaller(void *arg)
{
    for (int i = 0; i < 20; i++) {
        int before = handled;
        pthread_kill(main_thread, SIGUSR1);
        for (int w = 0; handled == before && w < 5000; w++)
            msleep(1);
    }
    pthread_mutex_lock(&mu);
    ready = 1;
    pthread_cond_signal(&cv);
    pthread_mutex_unlock(&mu);
    return NULL;
}

static void cond_under_signals(void)
{
    handled = 0;
    set_handler(SIGUSR1, on_usr1, SA_RESTART);
    main_thread = pthread_self();
    pthread_t th;
    pthread_create(&th, NULL, cond_signaller, NULL);
    pthread_mutex_lock(&mu);
    while (!ready)
        pthread_cond_wait(&cv, &mu);
    pthread_mutex_unlock(&mu);
    pthread_join(th, NULL);
    printf("cond wait: woke with ready=%d, handler ran %s\n", ready,
           handled >= 20 ? "every time" : "too few times");
}

/* ---- waits that unseen signals must not disturb ---- */

static long ms_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

#define NKIDS 16

static void unseen_signals(void)
{
    signal(SIGCHLD, SIG_DFL);
    const char *what[4] = { "nanosleep", "poll", "select", "futex wait" };
    for (int k = 0; k < 4; k++) {
        pid_t kids[NKIDS];
        for (int i = 0; i < NKIDS; i++) {
            kids[i] = fork();
            if (kids[i] == 0) {
                msleep(20 + 30 * i);
                _exit(0);
            }
        }
        struct timespec t0;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        int r = -2;
        if (k == 0) {
            struct timespec ts = { 0, 200 * 1000000 };
            r = nanosleep(&ts, NULL);
        } else if (k == 1) {
            r = poll(NULL, 0, 200);
        } else if (k == 2) {
            struct timeval tv = { 0, 200000 };
            r = select(0, NULL, NULL, NULL, &tv);
        } else {
            static int word;
            struct timespec ts = { 0, 200 * 1000000 };
            r = (int)syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 0, &ts, NULL, 0);
            if (r < 0 && errno == ETIMEDOUT)
                r = 0;
        }
        long ms = ms_since(&t0);
        for (int i = 0; i < NKIDS; i++)
            waitpid(kids[i], NULL, 0);
        printf("%s under SIGCHLDs: returned %d, slept %s\n", what[k], r,
               ms < 190 ? "too little" : ms < 600 ? "its 200 ms" : "until the children stopped");
    }
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    read_under_signals(1);
    read_under_signals(0);
    timer_read();
    suspend_race();
    sleep_interrupted();
    wait_interrupted();
    cond_under_signals();
    unseen_signals();
    printf("done\n");
    return 0;
}
