/* The one-word signal-mask system calls of the 32-bit ABIs: sigprocmask,
   sigpending and sigsuspend on old_sigset_t (signals 1-32), called directly
   where the guest has them.  The native reference (x86-64 has none of them)
   does the same through the rt_* calls of libc, as the kernel defines the
   old ones: SIG_SETMASK replaces signals 1-32 only, sigpending reports
   signals 1-32, and sigsuspend's mask is the word with 33-64 unblocked. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile sig_atomic_t got_usr1, got_usr2, got_rt;
static void on_sig(int sig)
{
    if (sig == SIGUSR1)
        got_usr1++;
    else if (sig == SIGUSR2)
        got_usr2++;
    else if (sig == SIGRTMIN + 2)
        got_rt++;
}

__attribute__((unused)) static unsigned long word_of(const sigset_t *s)
{
    unsigned long w = 0;
    for (int sig = 1; sig <= 32; sig++)
        if (sigismember(s, sig) == 1)
            w |= 1ul << (sig - 1);
    return w;
}

__attribute__((unused)) static void set_word(sigset_t *s, unsigned long w)
{
    for (int sig = 1; sig <= 32; sig++) {
        if (w >> (sig - 1) & 1)
            sigaddset(s, sig);
        else
            sigdelset(s, sig);
    }
}

static int word_procmask(int how, unsigned long w, unsigned long *old)
{
#ifdef SYS_sigprocmask
    unsigned long o = 0;
    int r = (int)syscall(SYS_sigprocmask, how, &w, &o);
    *old = o;
    return r;
#else
    sigset_t cur, n;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    *old = word_of(&cur);
    n = cur;
    if (how == SIG_BLOCK)
        set_word(&n, word_of(&cur) | w);
    else if (how == SIG_UNBLOCK)
        set_word(&n, word_of(&cur) & ~w);
    else if (how == SIG_SETMASK)
        set_word(&n, w);
    else {
        errno = EINVAL;
        return -1;
    }
    return sigprocmask(SIG_SETMASK, &n, NULL);
#endif
}

static unsigned long word_pending(void)
{
#ifdef SYS_sigpending
    unsigned long w = 0;
    syscall(SYS_sigpending, &w);
    return w;
#else
    sigset_t p;
    sigpending(&p);
    return word_of(&p);
#endif
}

static int word_suspend(unsigned long w)
{
#if defined(SYS_sigsuspend) && (defined(__i386__) || defined(__arm__))
    return (int)syscall(SYS_sigsuspend, 0, 0, w);
#elif defined(SYS_sigsuspend)
    return (int)syscall(SYS_sigsuspend, w);
#else
    sigset_t s;
    sigemptyset(&s);
    set_word(&s, w);
    return sigsuspend(&s);
#endif
}

static int blocked(int sig)
{
    sigset_t s;
    sigprocmask(SIG_BLOCK, NULL, &s);
    return sigismember(&s, sig);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sig;
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);
    sigaction(SIGRTMIN + 2, &sa, NULL);
    const unsigned long usr1 = 1ul << (SIGUSR1 - 1), usr2 = 1ul << (SIGUSR2 - 1);
    unsigned long old;

    int r = word_procmask(SIG_BLOCK, usr1, &old);
    printf("block usr1: %d old-has-usr1 %d blocked %d\n", r, (old & usr1) != 0, blocked(SIGUSR1));
    raise(SIGUSR1);
    printf("pending usr1 %d usr2 %d, handled %d\n", (word_pending() & usr1) != 0, (word_pending() & usr2) != 0,
           got_usr1);

    /* A real-time signal blocked through the rt call stays blocked across
       SIG_SETMASK of the first word. */
    sigset_t rt;
    sigemptyset(&rt);
    sigaddset(&rt, SIGRTMIN + 2);
    sigprocmask(SIG_BLOCK, &rt, NULL);
    r = word_procmask(SIG_SETMASK, usr2, &old);
    printf("setmask usr2: %d old-has-usr1 %d, usr1 handled %d, usr2 blocked %d, rt still blocked %d\n", r,
           (old & usr1) != 0, got_usr1, blocked(SIGUSR2), blocked(SIGRTMIN + 2));
    r = word_procmask(SIG_UNBLOCK, usr2, &old);
    printf("unblock usr2: %d old-has-usr2 %d blocked %d\n", r, (old & usr2) != 0, blocked(SIGUSR2));
    r = word_procmask(99, usr2, &old);
    printf("bad how: %d %s\n", r, r < 0 && errno == EINVAL ? "EINVAL" : "?");

    /* sigsuspend: the pending signal runs, -1 EINTR, the mask comes back. */
    word_procmask(SIG_BLOCK, usr2, &old);
    raise(SIGUSR2);
    errno = 0;
    r = word_suspend(0);
    printf("suspend: %d %s, usr2 handled %d, usr2 blocked again %d\n", r, errno == EINTR ? "EINTR" : "?", got_usr2,
           blocked(SIGUSR2));
    /* Its mask has signals 33-64 unblocked: the pending real-time one runs. */
    raise(SIGRTMIN + 2);
    printf("rt pending, handled %d\n", got_rt);
    errno = 0;
    r = word_suspend(usr2);
    printf("suspend: %d %s, rt handled %d, rt blocked again %d\n", r, errno == EINTR ? "EINTR" : "?", got_rt,
           blocked(SIGRTMIN + 2));
    return 0;
}
