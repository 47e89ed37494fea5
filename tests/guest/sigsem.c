/*
 * Signal semantics to the letter:
 *  - SA_RESETHAND resets only the handler to SIG_DFL; the other flags
 *    (SA_SIGINFO, ...) stay as they were;
 *  - sigwaitinfo / rt_sigtimedwait without a timeout wake for a blocked
 *    signal that another process sends;
 *  - select under the STICKY_TIMEOUTS personality leaves the timeout alone
 *    (and updates it otherwise).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile int hits;
static void on_sig(int sig, siginfo_t *si, void *uc)
{
    (void)si;
    (void)uc;
    hits += sig == SIGUSR1;
}

static void resethand(void)
{
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_sig;
    sa.sa_flags = SA_SIGINFO | SA_RESETHAND | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR2);
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    sigaction(SIGUSR1, NULL, &old);
    printf("SA_RESETHAND: handler ran %d, now %s, SA_SIGINFO %s, SA_RESETHAND %s, "
           "SA_NODEFER %s, mask kept %s\n",
           hits, old.sa_handler == SIG_DFL ? "SIG_DFL" : "still set",
           old.sa_flags & SA_SIGINFO ? "kept" : "cleared",
           old.sa_flags & SA_RESETHAND ? "kept" : "cleared",
           old.sa_flags & SA_NODEFER ? "kept" : "cleared",
           sigismember(&old.sa_mask, SIGUSR2) ? "yes" : "no");
}

/* A child sends sig to us a little later; we wait with no timeout. */
static void wait_from_other(int sig, int use_timedwait)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_BLOCK, &set, NULL);
    pid_t parent = getpid();
    pid_t c = fork();
    if (c == 0) {
        struct timespec d = { 0, 100 * 1000 * 1000 };
        nanosleep(&d, NULL);
        kill(parent, sig);
        _exit(0);
    }
    siginfo_t si;
    memset(&si, 0, sizeof si);
    int r;
    if (use_timedwait)
        r = (int)syscall(SYS_rt_sigtimedwait, &set, &si, NULL, 8);
    else
        r = sigwaitinfo(&set, &si);
    printf("%s: got %s, si_signo %s, si_code %s, si_pid %s\n",
           use_timedwait ? "rt_sigtimedwait(NULL)" : "sigwaitinfo",
           r == sig ? "the signal" : strerror(errno), si.si_signo == sig ? "right" : "wrong",
           si.si_code == SI_USER ? "SI_USER" : "other", si.si_pid == c ? "the child" : "other");
    waitpid(c, NULL, 0);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static void select_timeout(const char *what)
{
    int p[2];
    if (pipe(p) < 0)
        return;
    fd_set rs;
    FD_ZERO(&rs);
    FD_SET(p[0], &rs);
    struct timeval tv = { 0, 50000 };
    int r = select(p[0] + 1, &rs, NULL, NULL, &tv);
    printf("select %s: %d, timeout %s\n", what, r,
           tv.tv_sec == 0 && tv.tv_usec == 50000 ? "unchanged" : "updated");
    FD_ZERO(&rs);
    FD_SET(p[0], &rs);
    struct timespec ts = { 0, 50000000 };
    r = pselect(p[0] + 1, &rs, NULL, NULL, &ts, NULL);
    /* (glibc's pselect hands the kernel a copy: the caller's value never
       changes; the raw syscall shows the kernel's behaviour) */
    FD_ZERO(&rs);
    FD_SET(p[0], &rs);
    struct timespec ts2 = { 0, 50000000 };
    struct {
        const void *ss;
        size_t len;
    } m = { NULL, 8 };
    r = (int)syscall(SYS_pselect6, p[0] + 1, &rs, NULL, NULL, &ts2, &m);
    printf("pselect6 %s: %d, timeout %s\n", what, r,
           ts2.tv_sec == 0 && ts2.tv_nsec == 50000000 ? "unchanged" : "updated");
    struct pollfd pfd = { p[0], POLLIN, 0 };
    struct timespec ts3 = { 0, 50000000 };
    r = (int)syscall(SYS_ppoll, &pfd, 1, &ts3, NULL, 8);
    printf("ppoll %s: %d, timeout %s\n", what, r,
           ts3.tv_sec == 0 && ts3.tv_nsec == 50000000 ? "unchanged" : "updated");
    close(p[0]);
    close(p[1]);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    resethand();
    wait_from_other(SIGUSR2, 0);
    wait_from_other(SIGTERM, 1);
    select_timeout("normally");
    int old = personality(0xffffffff);
    personality(old | STICKY_TIMEOUTS);
    select_timeout("with STICKY_TIMEOUTS");
    personality(old);
    return 0;
}
