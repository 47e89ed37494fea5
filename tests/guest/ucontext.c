/* ucontext: getcontext/setcontext, makecontext with arguments and uc_link,
   swapcontext between coroutines, the signal mask each context carries,
   callee-saved integer and floating-point values across switches, a
   signal taken on a coroutine's stack. */
#include <fenv.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static ucontext_t main_uc, co_uc[2], link_uc;
static char stacks[2][65536];
static volatile int trace[64], ntrace;
static volatile sig_atomic_t got_usr1;

static void note(int v)
{
    if (ntrace < 64)
        trace[ntrace++] = v;
}

static int blocked(int sig)
{
    sigset_t s;
    sigprocmask(SIG_BLOCK, NULL, &s);
    return sigismember(&s, sig);
}

static void on_usr1(int sig)
{
    char here;
    got_usr1 = sig;
    /* The handler runs on the interrupted coroutine's stack. */
    note((&here > stacks[1] && &here < stacks[1] + sizeof stacks[1]) ? 1000 : 2000);
}

static void co0(int a, int b, int c, int d, int e, int f)
{
    printf("co0 args %d %d %d %d %d %d\n", a, b, c, d, e, f);
    double acc = a * 0.5;
    long long wide = (long long)b << 33;
    for (int i = 0; i < 3; i++) {
        acc = acc * 1.25 + i;
        wide += c;
        note(100 + i);
        swapcontext(&co_uc[0], &main_uc);
        printf("co0 resumed %d usr1-blocked=%d\n", i, blocked(SIGUSR1));
    }
    printf("co0 acc=%.6f wide=%lld\n", acc, wide);
    /* Returning goes to uc_link. */
}

static void co1(int n)
{
    printf("co1 n=%d usr1-blocked=%d\n", n, blocked(SIGUSR1));
    raise(SIGUSR1);
    printf("co1 got_usr1=%d\n", got_usr1 != 0);
    /* Round differently here: the context switched to carries its own. */
    fesetround(FE_UPWARD);
    volatile double x = 1.0, y = 3.0;
    printf("co1 1/3 up=%.17g\n", x / y);
#ifdef __sparc__
    /* glibc's sparc32 getcontext saves no FPU state (it clears the
       mcontext's "FPU in use" byte), so setcontext leaves %fsr alone:
       switch the rounding mode by hand where the other guests' contexts
       carry it. */
    fesetround(FE_TONEAREST);
#endif
    swapcontext(&co_uc[1], &main_uc);
#ifdef __sparc__
    fesetround(FE_UPWARD);
#endif
    printf("co1 back, rounding up still=%d\n", fegetround() == FE_UPWARD);
}


int main(void)
{
    volatile int pass = 0;
    volatile double keep = 2.5;
    sigset_t s;

    setvbuf(stdout, NULL, _IONBF, 0);
    signal(SIGUSR1, on_usr1);

    /* getcontext returns twice: once directly, once through setcontext. */
    getcontext(&main_uc);
    pass++;
    printf("getcontext pass %d keep=%g\n", pass, keep);
    if (pass == 1)
        setcontext(&main_uc);

    /* The mask travels with the context. */
    sigemptyset(&s);
    sigaddset(&s, SIGUSR2);
    sigprocmask(SIG_BLOCK, &s, NULL);
    getcontext(&link_uc);
    sigprocmask(SIG_UNBLOCK, &s, NULL);
    printf("usr2 blocked now=%d, in link_uc=%d\n", blocked(SIGUSR2),
           sigismember(&link_uc.uc_sigmask, SIGUSR2));

    getcontext(&co_uc[0]);
    co_uc[0].uc_stack.ss_sp = stacks[0];
    co_uc[0].uc_stack.ss_size = sizeof stacks[0];
    co_uc[0].uc_link = &main_uc;
    sigaddset(&co_uc[0].uc_sigmask, SIGUSR1);
    makecontext(&co_uc[0], (void (*)(void))co0, 6, 1, 2, 3, 4, 5, 6);

    for (int i = 0; i < 4; i++) {
        volatile int before = i * 7;
        swapcontext(&main_uc, &co_uc[0]);
        printf("main %d before=%d usr1-blocked=%d\n", i, before, blocked(SIGUSR1));
    }

    getcontext(&co_uc[1]);
    co_uc[1].uc_stack.ss_sp = stacks[1];
    co_uc[1].uc_stack.ss_size = sizeof stacks[1];
    co_uc[1].uc_link = NULL;
    makecontext(&co_uc[1], (void (*)(void))co1, 1, 42);
    fesetround(FE_TONEAREST);
    swapcontext(&main_uc, &co_uc[1]);
    /* (Only the mode, no arithmetic: i386 glibc's contexts carry the x87
       control word but not the SSE MXCSR.) */
    printf("main rounding nearest=%d\n", fegetround() == FE_TONEAREST);
    swapcontext(&main_uc, &co_uc[1]);
    printf("main unreachable?\n");
    return 1;
}
