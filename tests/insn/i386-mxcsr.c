/*
 * MXCSR status flags as the guest sees them while mimic keeps them in the
 * host's MXCSR between SSE instructions (target-i386/sse-helper.c): read
 * back by stmxcsr and fxsave, in a signal frame's fpstate, cleared for a
 * signal handler and restored after it, inherited by a new thread,
 * replaced by ldmxcsr; rounding modes other than the default (TBs without
 * X86_HF_MXDEF) and back; comisd flags and MXCSR.  Expected output: the
 * same source run natively (x86-64), i386-mxcsr.expected.
 */
#pragma GCC target("sse2")
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static unsigned getmx(void)
{
    unsigned m;
    __asm__ volatile("stmxcsr %0" : "=m"(m));
    return m;
}
static void setmx(unsigned m) { __asm__ volatile("ldmxcsr %0" : : "m"(m)); }

/* 1 / 3 in SSE (inexact: PE) and 2^-1060 * 2^-20 (underflow, denormal). */
static double div3(double x)
{
    double r;
    __asm__ volatile("movsd %1, %%xmm0\n\tdivsd %2, %%xmm0\n\tmovsd %%xmm0, %0"
                     : "=m"(r) : "m"(x), "m"((double){ 3.0 }) : "xmm0");
    return r;
}
static void tiny(void)
{
    double a = 0x1p-1060, b = 0x1p-20, r;
    __asm__ volatile("movsd %1, %%xmm0\n\tmulsd %2, %%xmm0\n\tmovsd %%xmm0, %0" : "=m"(r) : "m"(a), "m"(b) : "xmm0");
}

static void handler(int sig, siginfo_t *si, void *ucp)
{
    ucontext_t *uc = ucp;
    unsigned frame;
#ifdef __i386__
    memcpy(&frame, (char *)uc->uc_mcontext.fpregs + 112 + 24, 4); /* fsave header, then fxsave */
#else
    memcpy(&frame, (char *)uc->uc_mcontext.fpregs + 24, 4);
#endif
    printf("handler: entry %04x, frame %04x\n", getmx(), frame);
    div3(1.0);
    printf("handler: after div %04x\n", getmx());
}

static void *thread(void *arg)
{
    printf("thread: start %04x\n", getmx());
    tiny();
    printf("thread: after tiny %04x\n", getmx());
    return arg;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, 0);
    printf("start %04x\n", getmx());
    div3(1.0);
    printf("after div %04x\n", getmx());
    setmx(0x1f80);
    printf("after ldmxcsr %04x\n", getmx());
    div3(1.0);
    raise(SIGUSR1);
    printf("after handler %04x\n", getmx());
    setmx(0x1f80);
    raise(SIGUSR1);
    printf("after clean handler %04x\n", getmx());
    tiny();
    pthread_t t;
    pthread_create(&t, 0, thread, 0);
    pthread_join(t, 0);
    printf("main after thread %04x\n", getmx());
    setmx(0x1f80);
    pthread_create(&t, 0, thread, 0);
    pthread_join(t, 0);
    /* Rounding modes: the same division in each, then back to nearest. */
    static const char *rc[4] = { "nearest", "down", "up", "zero" };
    for (int r = 0; r < 4; r++) {
        setmx(0x1f80 | (unsigned)r << 13);
        double q = div3(1.0), m = div3(-1.0);
        unsigned long long qb, mb;
        memcpy(&qb, &q, 8);
        memcpy(&mb, &m, 8);
        printf("%-7s 1/3 %016llx -1/3 %016llx mxcsr %04x\n", rc[r], qb, mb, getmx());
    }
    setmx(0x1f80);
    for (int i = 0; i < 3; i++) { /* a loop whose TBs alternate between the two */
        setmx(0x1f80 | (i & 1) << 13);
        double q = div3(2.0);
        unsigned long long qb;
        memcpy(&qb, &q, 8);
        printf("loop %d %016llx %04x\n", i, qb, getmx());
    }
    /* fxsave's MXCSR field, with flags pending. */
    setmx(0x1f80);
    tiny();
    static char fx[512] __attribute__((aligned(16)));
    __asm__ volatile("fxsave %0" : "=m"(fx));
    unsigned fm;
    memcpy(&fm, fx + 24, 4);
    printf("fxsave %04x, stmxcsr %04x\n", fm, getmx());
    /* comisd: flags and MXCSR (QNaN: IE; denormal: DE). */
    double v[4] = { 1.0, 2.0, __builtin_nan(""), 0x1p-1070 };
    for (int i = 0; i < 4; i++) {
        unsigned char z, p, c;
        setmx(0x1f80);
        __asm__ volatile("movsd %3, %%xmm0\n\tcomisd %4, %%xmm0\n\tsetz %0\n\tsetp %1\n\tsetc %2"
                         : "=q"(z), "=q"(p), "=q"(c) : "m"(v[0]), "m"(v[i]) : "xmm0", "cc");
        printf("comisd 1, v%d: z%d p%d c%d mxcsr %04x\n", i, z, p, c, getmx());
    }
    return 0;
}
