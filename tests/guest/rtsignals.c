/*
 * Real-time signals, including the two glibc keeps for itself (SIGCANCEL
 * 32 and SIGSETXID 33, below SIGRTMIN): setuid/setgid with several threads
 * (glibc broadcasts SIGSETXID to every thread), pthread_cancel of threads
 * blocked in nanosleep, read and pthread_cond_wait (SIGCANCEL), every
 * signal from SIGRTMIN to SIGRTMAX queued with a value and taken in order,
 * thread-directed real-time signals, signalfd, and signals 32 and SIGRTMAX
 * sent to a child process (its wait status).  SIGRTMAX is ignored for part
 * of the run: the reserved signals must still arrive.
 * Only real-time numbers are printed (the same on every Linux target).
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void *sleeper(void *arg)
{
    (void)arg;
    for (;;)
        sleep(100);
    return NULL;
}

static int pipefd[2];
static void *reader(void *arg)
{
    (void)arg;
    char c;
    for (;;)
        if (read(pipefd[0], &c, 1) == 0)
            break;
    return NULL;
}

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static void *waiter(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&mu);
    pthread_cleanup_push((void (*)(void *))pthread_mutex_unlock, &mu);
    for (;;)
        pthread_cond_wait(&cv, &mu);
    pthread_cleanup_pop(1);
    return NULL;
}

static void threads_setxid_cancel(void)
{
    pthread_t t[3];
    void *(*fn[3])(void *) = { sleeper, reader, waiter };
    const char *name[3] = { "nanosleep", "read", "cond_wait" };
    if (pipe(pipefd) != 0)
        perror("pipe");
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, fn[i], NULL);
    struct timespec ts = { 0, 50 * 1000 * 1000 };
    nanosleep(&ts, NULL);
    /* Every thread runs the SIGSETXID handler, which makes the call. */
    for (int k = 0; k < 3; k++) {
        int u = setuid(getuid());
        int g = setgid(getgid());
        int r = setreuid(getuid(), -1);
        printf("setuid %d setgid %d setreuid %d\n", u, g, r);
    }
    for (int i = 0; i < 3; i++) {
        void *rv = NULL;
        int c = pthread_cancel(t[i]);
        int j = pthread_join(t[i], &rv);
        printf("cancel %s: %d %d %s\n", name[i], c, j, rv == PTHREAD_CANCELED ? "canceled" : "not canceled");
    }
    close(pipefd[0]);
    close(pipefd[1]);
}

static volatile int got[65];
static volatile int got_val[65];
static volatile int got_code[65];
static volatile int order[80];
static volatile int norder;

static void rt_handler(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    got[sig]++;
    got_val[sig] = si->si_value.sival_int;
    got_code[sig] = si->si_code;
    if (norder < 80)
        order[norder++] = sig - SIGRTMIN;
}

static void set_rt_handlers(void)
{
    for (int s = SIGRTMIN; s <= SIGRTMAX; s++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = rt_handler;
        sa.sa_flags = SA_SIGINFO;
        sigemptyset(&sa.sa_mask);
        if (sigaction(s, &sa, NULL) != 0)
            printf("sigaction %d: %s\n", s - SIGRTMIN, strerror(errno));
    }
}

static void all_rt(sigset_t *set)
{
    sigemptyset(set);
    for (int s = SIGRTMIN; s <= SIGRTMAX; s++)
        sigaddset(set, s);
}

/* Every real-time signal, queued twice in reverse order while blocked:
   each delivered twice, values kept. */
static void queue_all(void)
{
    sigset_t set;
    all_rt(&set);
    set_rt_handlers();
    sigprocmask(SIG_BLOCK, &set, NULL);
    for (int s = SIGRTMAX; s >= SIGRTMIN; s--) {
        union sigval v = { .sival_int = 1000 + s - SIGRTMIN };
        if (sigqueue(getpid(), s, v) != 0 || sigqueue(getpid(), s, v) != 0)
            printf("sigqueue %d: %s\n", s - SIGRTMIN, strerror(errno));
    }
    sigset_t pend;
    sigpending(&pend);
    int npend = 0;
    for (int s = 1; s < 65; s++)
        npend += sigismember(&pend, s) == 1;
    printf("pending: %d\n", npend);
    norder = 0;
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    /* (the kernel sets up a frame for each at once: the last runs first) */
    printf("order:");
    for (int i = 0; i < norder; i++)
        printf(" %d", order[i]);
    printf("\n");
    int ok = norder == 2 * (SIGRTMAX - SIGRTMIN + 1);
    for (int s = SIGRTMIN; s <= SIGRTMAX; s++)
        ok = ok && got[s] == 2 && got_val[s] == 1000 + s - SIGRTMIN && got_code[s] == SI_QUEUE;
    printf("delivered %d, with values: %s\n", norder, ok ? "yes" : "no");
    /* sigtimedwait takes them lowest first too. */
    sigprocmask(SIG_BLOCK, &set, NULL);
    for (int s = SIGRTMAX; s >= SIGRTMAX - 3; s--) {
        union sigval v = { .sival_int = s - SIGRTMIN };
        sigqueue(getpid(), s, v);
    }
    struct timespec zero = { 0, 0 };
    printf("sigtimedwait:");
    for (;;) {
        siginfo_t si;
        int s = sigtimedwait(&set, &si, &zero);
        if (s < 0)
            break;
        printf(" %d/%d", s - SIGRTMIN, si.si_value.sival_int);
    }
    printf("\n");
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

/* A thread-directed real-time signal goes to that thread. */
static volatile pid_t handled_by;
static void who_handler(int sig)
{
    (void)sig;
    handled_by = (pid_t)syscall(SYS_gettid);
}
static volatile pid_t target_tid;
static volatile int stop_spin;
static void *spinner(void *arg)
{
    (void)arg;
    target_tid = (pid_t)syscall(SYS_gettid);
    while (!stop_spin) {
        struct timespec ts = { 0, 1000 * 1000 };
        nanosleep(&ts, NULL);
    }
    return NULL;
}
static void thread_directed(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = who_handler;
    sigaction(SIGRTMIN + 3, &sa, NULL);
    sigaction(SIGRTMAX - 1, &sa, NULL);
    pthread_t t;
    pthread_create(&t, NULL, spinner, NULL);
    while (!target_tid)
        sched_yield();
    int sigs[2] = { SIGRTMIN + 3, SIGRTMAX - 1 };
    for (int i = 0; i < 2; i++) {
        handled_by = 0;
        pthread_kill(t, sigs[i]);
        for (int n = 0; n < 2000 && !handled_by; n++) {
            struct timespec ts = { 0, 1000 * 1000 };
            nanosleep(&ts, NULL);
        }
        printf("pthread_kill %d: handled by %s\n", sigs[i] - SIGRTMIN,
               handled_by == target_tid ? "the target" : handled_by ? "another thread" : "nobody");
    }
    stop_spin = 1;
    pthread_join(t, NULL);
}

static void with_signalfd(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN + 5);
    sigaddset(&set, SIGRTMAX);
    sigprocmask(SIG_BLOCK, &set, NULL);
    int fd = signalfd(-1, &set, SFD_NONBLOCK);
    union sigval v = { .sival_int = 77 };
    sigqueue(getpid(), SIGRTMAX, v);
    v.sival_int = 55;
    sigqueue(getpid(), SIGRTMIN + 5, v);
    struct signalfd_siginfo ssi;
    printf("signalfd:");
    while (read(fd, &ssi, sizeof ssi) == (ssize_t)sizeof ssi)
        printf(" %d/%d", (int)ssi.ssi_signo - SIGRTMIN, ssi.ssi_int);
    printf("\n");
    close(fd);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

/* A child that waits to be signalled; how it ended. */
static void child_killed_by(int sig, const char *what)
{
    int p[2];
    if (pipe(p) != 0)
        perror("pipe");
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]);
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = SIG_DFL;
        if (sig >= SIGRTMIN)
            sigaction(sig, &sa, NULL);
#if defined(__x86_64__)
        /* The native reference may inherit signals 32 and 33 ignored (GNU
           make starts its commands that way through posix_spawn), and
           glibc's sigaction refuses them: reset this one with the raw
           system call (x86-64 struct kernel_sigaction).  A guest under
           mimic starts with them at SIG_DFL. */
        else {
            struct {
                void (*handler)(int);
                unsigned long flags;
                void (*restorer)(void);
                unsigned long mask;
            } k = { SIG_DFL, 0, NULL, 0 };
            syscall(SYS_rt_sigaction, sig, &k, NULL, sizeof k.mask);
        }
#endif
        if (write(p[1], "r", 1) != 1)
            _exit(2);
        for (;;)
            pause();
    }
    close(p[1]);
    char c;
    if (read(p[0], &c, 1) != 1)
        printf("child did not start\n");
    close(p[0]);
    kill(pid, sig);
    int st;
    waitpid(pid, &st, 0);
    if (WIFSIGNALED(st))
        printf("child %s: killed by signal %d (SIGRTMIN%+d)\n", what, WTERMSIG(st), WTERMSIG(st) - SIGRTMIN);
    else
        printf("child %s: status 0x%x\n", what, st);
}

/* sigqueue to a child: the value, the code and the sender arrive. */
static void child_sigqueue(void)
{
    int p[2], q[2];
    if (pipe(p) != 0 || pipe(q) != 0)
        perror("pipe");
    pid_t pid = fork();
    if (pid == 0) {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGRTMIN + 7);
        sigprocmask(SIG_BLOCK, &set, NULL);
        if (write(p[1], "r", 1) != 1)
            _exit(2);
        siginfo_t si;
        int s = sigwaitinfo(&set, &si);
        char buf[128];
        int n = snprintf(buf, sizeof buf, "child got %d value %d code %s sender %s\n", s - SIGRTMIN,
                         si.si_value.sival_int, si.si_code == SI_QUEUE ? "SI_QUEUE" : "other",
                         si.si_pid == getppid() ? "parent" : "other");
        if (write(q[1], buf, (size_t)n) != n)
            _exit(3);
        _exit(0);
    }
    close(p[1]);
    close(q[1]);
    char c;
    if (read(p[0], &c, 1) != 1)
        printf("child did not start\n");
    union sigval v = { .sival_int = 4242 };
    sigqueue(pid, SIGRTMIN + 7, v);
    char buf[128];
    ssize_t n = read(q[0], buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = 0;
    fputs(buf, stdout);
    int st;
    waitpid(pid, &st, 0);
    printf("child exit %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    close(p[0]);
    close(q[0]);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    printf("SIGRTMIN %d SIGRTMAX %d\n", SIGRTMIN, SIGRTMAX);
    /* glibc's own signals are refused to the program. */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_IGN;
    printf("sigaction(32): %d\n", sigaction(32, &sa, NULL));
    /* (before any thread: glibc then has no handler for 32 yet) */
    child_killed_by(SIGRTMIN - 2, "signal 32");
    child_killed_by(SIGRTMIN + 1, "SIGRTMIN+1");
    child_killed_by(SIGRTMAX, "SIGRTMAX");
    /* SIGRTMAX ignored: glibc's signals still get through. */
    signal(SIGRTMAX, SIG_IGN);
    kill(getpid(), SIGRTMAX);
    threads_setxid_cancel();
    signal(SIGRTMAX, SIG_DFL);
    queue_all();
    thread_directed();
    with_signalfd();
    child_sigqueue();
    printf("done\n");
    return 0;
}
