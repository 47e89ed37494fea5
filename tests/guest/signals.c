/*
 * Guest signal delivery, portable: the output is the same natively and
 * under the emulator.  Handlers for raise/kill, blocking and unblocking,
 * SA_RESETHAND, SA_NODEFER, sa_mask, sigaltstack with SA_ONSTACK,
 * SA_SIGINFO with sigqueue values (real-time signals queue in order),
 * asynchronous SIGALRM into a spinning loop (FP state preserved), pause,
 * SA_RESTART vs EINTR on a blocking read, SIGSEGV recovered with
 * siglongjmp, nested signals, sigsuspend, sigtimedwait/sigwaitinfo,
 * and finally SIGTERM with its default action (the exit status says
 * "killed by SIGTERM").
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t hits, depth, max_depth;
static volatile int order[16];
static volatile int norder;

static void note(int v)
{
    if (norder < 16)
        order[norder++] = v;
}

static void print_order(const char *what)
{
    printf("%s:", what);
    for (int i = 0; i < norder; i++)
        printf(" %d", order[i]);
    printf("\n");
    norder = 0;
}

static void set_handler(int sig, void (*fn)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    if (sigaction(sig, &sa, NULL) != 0)
        perror("sigaction");
}

static void set_action(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = fn;
    sa.sa_flags = flags | SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    if (sigaction(sig, &sa, NULL) != 0)
        perror("sigaction");
}

static void block(int how, int sig)
{
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, sig);
    sigprocmask(how, &s, NULL);
}

static int is_blocked(int sig)
{
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    return sigismember(&cur, sig);
}

/* ---- basic delivery ---- */

static void on_usr1(int sig)
{
    hits++;
    note(sig);
}

static void test_basic(void)
{
    set_handler(SIGUSR1, on_usr1, 0);
    hits = 0;
    raise(SIGUSR1);
    printf("raise: hits %d\n", (int)hits);
    kill(getpid(), SIGUSR1);
    printf("kill: hits %d\n", (int)hits);
    norder = 0;

    /* Ignored: nothing happens. */
    signal(SIGUSR2, SIG_IGN);
    raise(SIGUSR2);
    printf("ignored: still here\n");
}

/* ---- blocking: a blocked signal stays pending, one instance only ---- */

static void test_block(void)
{
    set_handler(SIGUSR1, on_usr1, 0);
    hits = 0;
    block(SIG_BLOCK, SIGUSR1);
    raise(SIGUSR1);
    raise(SIGUSR1);
    sigset_t p;
    sigpending(&p);
    printf("blocked: hits %d pending %d\n", (int)hits, sigismember(&p, SIGUSR1));
    block(SIG_UNBLOCK, SIGUSR1);
    printf("unblocked: hits %d\n", (int)hits);
    sigpending(&p);
    printf("pending after: %d\n", sigismember(&p, SIGUSR1));
    norder = 0;
}

/* ---- SA_RESETHAND, SA_NODEFER, sa_mask ---- */

static void on_reset(int sig)
{
    hits++;
}

static void on_nodefer(int sig)
{
    depth++;
    if (depth > max_depth)
        max_depth = depth;
    if (depth < 3)
        raise(sig); /* runs at once, nested: the signal is not blocked */
    depth--;
}

static volatile int defer_calls;

static void on_defer(int sig)
{
    note(100 + depth);
    depth++;
    if (defer_calls++ == 0) {
        raise(sig); /* blocked while we run: delivered after we return */
        note(200);
    }
    depth--;
}

static volatile int mask_seen;

static void on_masked(int sig)
{
    mask_seen = is_blocked(SIGUSR2) * 10 + is_blocked(SIGUSR1);
}

static void test_flags(void)
{
    hits = 0;
    set_handler(SIGUSR2, on_reset, SA_RESETHAND);
    raise(SIGUSR2);
    struct sigaction old;
    sigaction(SIGUSR2, NULL, &old);
    printf("resethand: hits %d now default %d\n", (int)hits, old.sa_handler == SIG_DFL);

    depth = max_depth = 0;
    set_handler(SIGUSR1, on_nodefer, SA_NODEFER);
    raise(SIGUSR1);
    printf("nodefer: max depth %d\n", (int)max_depth);

    depth = 0;
    norder = 0;
    set_handler(SIGUSR1, on_defer, 0);
    raise(SIGUSR1);
    print_order("defer order");

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_masked;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR2);
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    printf("sa_mask in handler: usr2 %d usr1 %d; after: usr2 %d usr1 %d\n", mask_seen / 10,
           mask_seen % 10, is_blocked(SIGUSR2), is_blocked(SIGUSR1));
}

/* ---- alternate stack ---- */

static char altstack[65536] __attribute__((aligned(16)));
static volatile int on_alt;

static void on_altsig(int sig)
{
    char local;
    uintptr_t p = (uintptr_t)&local;
    on_alt = p >= (uintptr_t)altstack && p < (uintptr_t)altstack + sizeof altstack;
}

static void test_altstack(void)
{
    stack_t ss = { .ss_sp = altstack, .ss_flags = 0, .ss_size = sizeof altstack };
    if (sigaltstack(&ss, NULL) != 0)
        perror("sigaltstack");
    set_handler(SIGUSR1, on_altsig, SA_ONSTACK);
    raise(SIGUSR1);
    printf("altstack with SA_ONSTACK: on alt %d\n", on_alt);
    set_handler(SIGUSR1, on_altsig, 0);
    raise(SIGUSR1);
    printf("altstack without SA_ONSTACK: on alt %d\n", on_alt);
    stack_t old;
    sigaltstack(NULL, &old);
    printf("altstack kept: %d\n", old.ss_sp == altstack && old.ss_size == sizeof altstack &&
                                      !(old.ss_flags & SS_DISABLE));
    ss.ss_flags = SS_DISABLE;
    sigaltstack(&ss, NULL);
}

/* ---- SA_SIGINFO, sigqueue, real-time queueing ---- */

static volatile int info_ok, values[8], nvalues;

static void on_info(int sig, siginfo_t *si, void *uc)
{
    info_ok = si->si_signo == sig;
    if (nvalues < 8)
        values[nvalues++] = si->si_value.sival_int;
    note(si->si_code);
    note(si->si_pid == getpid());
}

static void test_siginfo(void)
{
    int rt = SIGRTMIN + 1;
    set_action(rt, on_info, 0);
    union sigval v = { .sival_int = 1234 };
    sigqueue(getpid(), rt, v);
    printf("sigqueue: signo ok %d value %d", info_ok, values[0]);
    print_order(" code, pid ok");

    nvalues = 0;
    block(SIG_BLOCK, rt);
    for (int i = 1; i <= 3; i++) {
        v.sival_int = i * 11;
        sigqueue(getpid(), rt, v);
    }
    block(SIG_UNBLOCK, rt);
    printf("rt queued: %d values:", nvalues);
    for (int i = 0; i < nvalues; i++)
        printf(" %d", values[i]);
    printf("\n");
    norder = 0;

    set_action(SIGUSR2, on_info, 0);
    raise(SIGUSR2);
    print_order("raise siginfo code, pid ok");
    kill(getpid(), SIGUSR2);
    print_order("kill siginfo code, pid ok");
}

/* ---- asynchronous: SIGALRM into a spinning loop ---- */

static volatile sig_atomic_t alarmed;

static void on_alarm(int sig)
{
    /* Clobber floating-point registers: the interrupted code's must come back. */
    volatile double y = 3.25;
    for (int i = 0; i < 10; i++)
        y = y * 1.5 - 0.75;
    alarmed++;
}

static void arm_timer(long usec)
{
    struct itimerval it = { { 0, 0 }, { usec / 1000000, usec % 1000000 } };
    setitimer(ITIMER_REAL, &it, NULL);
}

static double spin_step(double x) { return x * 1.0000001 + 0.5; }

static void test_async(void)
{
    set_handler(SIGALRM, on_alarm, 0);
    alarmed = 0;
    arm_timer(20000);
    double x = 1.0;
    long n = 0;
    while (!alarmed) {
        x = spin_step(x);
        n++;
    }
    double check = 1.0;
    for (long i = 0; i < n; i++)
        check = spin_step(check);
    printf("alarm in busy loop: delivered %d, fp state intact %d\n", (int)alarmed, x == check);

    alarmed = 0;
    arm_timer(50000); /* pause must be entered before it fires */
    int r = pause();
    printf("pause: returned %d errno EINTR %d alarmed %d\n", r, errno == EINTR, (int)alarmed);
}

/* ---- SA_RESTART vs EINTR on a blocking read ---- */

static int pipefd[2];

static void on_alarm_write(int sig)
{
    hits++;
    if (write(pipefd[1], "x", 1) != 1)
        _exit(99);
}

static void test_restart(void)
{
    if (pipe(pipefd) != 0) {
        perror("pipe");
        return;
    }
    char c;
    hits = 0;
    set_handler(SIGALRM, on_alarm_write, SA_RESTART);
    arm_timer(20000);
    ssize_t r = read(pipefd[0], &c, 1);
    printf("read with SA_RESTART: %d '%c' hits %d\n", (int)r, r == 1 ? c : '?', (int)hits);

    set_handler(SIGALRM, on_alarm_write, 0);
    arm_timer(50000); /* read must be blocked when it fires */
    r = read(pipefd[0], &c, 1);
    printf("read without SA_RESTART: %d errno EINTR %d hits %d\n", (int)r, r < 0 && errno == EINTR,
           (int)hits);
    r = read(pipefd[0], &c, 1);
    printf("then: %d '%c'\n", (int)r, r == 1 ? c : '?');
    close(pipefd[0]);
    close(pipefd[1]);
}

/* ---- SIGSEGV recovered with siglongjmp ---- */

static sigjmp_buf jb;
static volatile uintptr_t fault_addr;
static volatile int fault_code;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    fault_addr = (uintptr_t)si->si_addr;
    fault_code = si->si_code;
    siglongjmp(jb, sig);
}

static void test_segv(void)
{
    set_action(SIGSEGV, on_segv, 0);
    int * volatile p = NULL;
    for (int round = 0; round < 2; round++) {
        int r = sigsetjmp(jb, 1);
        if (r == 0) {
            p[round] = 42;
            printf("no fault?\n");
        } else {
            printf("segv %d: sig %d addr %lu code MAPERR %d segv blocked %d\n", round, r,
                   (unsigned long)fault_addr, fault_code == SEGV_MAPERR, is_blocked(SIGSEGV));
        }
    }
    signal(SIGSEGV, SIG_DFL);
}

/* ---- nested: a handler interrupted by another signal ---- */

static void on_inner(int sig)
{
    note(2);
}

static void on_outer(int sig)
{
    note(1);
    raise(SIGUSR2); /* not blocked: its handler runs inside this one */
    note(3);
}

static void test_nested(void)
{
    norder = 0;
    set_handler(SIGUSR1, on_outer, 0);
    set_handler(SIGUSR2, on_inner, 0);
    raise(SIGUSR1);
    print_order("nested order");
}

/* ---- sigsuspend, sigtimedwait, sigwaitinfo ---- */

static void test_wait(void)
{
    set_handler(SIGUSR1, on_usr1, 0);
    hits = 0;
    norder = 0;
    block(SIG_BLOCK, SIGUSR1);
    raise(SIGUSR1);
    sigset_t none;
    sigemptyset(&none);
    int r = sigsuspend(&none);
    printf("sigsuspend: %d errno EINTR %d hits %d usr1 blocked again %d\n", r, errno == EINTR,
           (int)hits, is_blocked(SIGUSR1));

    /* A timer during sigsuspend. */
    set_handler(SIGALRM, on_alarm, 0);
    alarmed = 0;
    block(SIG_BLOCK, SIGALRM);
    arm_timer(10000);
    r = sigsuspend(&none);
    printf("sigsuspend for a timer: %d alarmed %d alrm blocked again %d\n", r, (int)alarmed,
           is_blocked(SIGALRM));
    block(SIG_UNBLOCK, SIGALRM);

    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    block(SIG_BLOCK, SIGUSR2);
    raise(SIGUSR2);
    siginfo_t si;
    struct timespec ts = { 1, 0 };
    r = sigtimedwait(&set, &si, &ts);
    /* (signal numbers differ between architectures: compared, not printed) */
    printf("sigtimedwait: %s signo %s code %d pid ok %d\n", r == SIGUSR2 ? "SIGUSR2" : "other",
           si.si_signo == SIGUSR2 ? "SIGUSR2" : "other", si.si_code, si.si_pid == getpid());
    ts.tv_sec = 0;
    ts.tv_nsec = 10 * 1000 * 1000;
    r = sigtimedwait(&set, &si, &ts);
    printf("sigtimedwait timeout: %d errno EAGAIN %d\n", r, errno == EAGAIN);

    int rt = SIGRTMIN + 2;
    sigemptyset(&set);
    sigaddset(&set, rt);
    block(SIG_BLOCK, rt);
    union sigval v = { .sival_int = 77 };
    sigqueue(getpid(), rt, v);
    v.sival_int = 88;
    sigqueue(getpid(), rt, v);
    r = sigwaitinfo(&set, &si);
    printf("sigwaitinfo: rt+%d value %d code SI_QUEUE %d\n", r - SIGRTMIN, si.si_value.sival_int,
           si.si_code == SI_QUEUE);
    r = sigwaitinfo(&set, &si);
    printf("sigwaitinfo: rt+%d value %d\n", r - SIGRTMIN, si.si_value.sival_int);
    block(SIG_UNBLOCK, rt);
    block(SIG_UNBLOCK, SIGUSR2);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_basic();
    test_block();
    test_flags();
    test_altstack();
    test_siginfo();
    test_async();
    test_restart();
    test_segv();
    test_nested();
    test_wait();
    printf("now SIGTERM with the default action\n");
    signal(SIGTERM, SIG_DFL);
    kill(getpid(), SIGTERM);
    printf("still alive after SIGTERM?\n");
    return 0;
}
