/*
 * SPARC FPU: single/double arithmetic with FSR rounding modes, cexc/aexc,
 * SPARC's default NaN and NaN propagation, fsmuld, conversions (saturating
 * fdtoi/fstoi, fxtod, fdtos rounding), fcmp/fcmpe into fcc0..fcc3 with
 * FBfcc and fmovcc, and SIGFPE (FPE_FLTDIV) when an exception is enabled
 * in TEM.  Expected output: sparc-fpu.expected, computed by hand.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint32_t get_fsr(void)
{
    uint32_t f;
    __asm__ volatile("st %%fsr, %0" : "=m"(f));
    return f;
}

static void set_fsr(uint32_t f)
{
    __asm__ volatile("ld %0, %%fsr" : : "m"(f));
}

static uint64_t d_op(const char *name, uint64_t a, uint64_t b, uint32_t fsr)
{
    double x, y, r;
    memcpy(&x, &a, 8);
    memcpy(&y, &b, 8);
    set_fsr(fsr);
    if (!strcmp(name, "faddd"))
        __asm__ volatile("faddd %1, %2, %0" : "=e"(r) : "e"(x), "e"(y));
    else if (!strcmp(name, "fsubd"))
        __asm__ volatile("fsubd %1, %2, %0" : "=e"(r) : "e"(x), "e"(y));
    else if (!strcmp(name, "fmuld"))
        __asm__ volatile("fmuld %1, %2, %0" : "=e"(r) : "e"(x), "e"(y));
    else if (!strcmp(name, "fdivd"))
        __asm__ volatile("fdivd %1, %2, %0" : "=e"(r) : "e"(x), "e"(y));
    else
        __asm__ volatile("fsqrtd %1, %0" : "=e"(r) : "e"(x));
    uint64_t u;
    memcpy(&u, &r, 8);
    printf("%-6s %016llx %016llx rd%u -> %016llx fsr %08x\n", name, (unsigned long long)a,
           (unsigned long long)b, fsr >> 30, (unsigned long long)u, get_fsr());
    return u;
}

static void s_op(const char *name, uint32_t a, uint32_t b, uint32_t fsr)
{
    float x, y, r;
    memcpy(&x, &a, 4);
    memcpy(&y, &b, 4);
    set_fsr(fsr);
    if (!strcmp(name, "fadds"))
        __asm__ volatile("fadds %1, %2, %0" : "=f"(r) : "f"(x), "f"(y));
    else
        __asm__ volatile("fdivs %1, %2, %0" : "=f"(r) : "f"(x), "f"(y));
    uint32_t u;
    memcpy(&u, &r, 4);
    printf("%-6s %08x %08x rd%u -> %08x fsr %08x\n", name, a, b, fsr >> 30, u, get_fsr());
}

/* fcmpd into fcc n, then which of fbe/fbl/fbg/fbu is taken. */
#define FCMP(insn, n, a, b)                                                    \
    ({                                                                         \
        uint32_t r_ = 0;                                                       \
        set_fsr(0);                                                            \
        __asm__ volatile(insn " %%fcc" #n ", %1, %2\n\t"                       \
                         "fbe,a %%fcc" #n ", 1f\n\t or %0, 1, %0\n1:\t"        \
                         "fbl,a %%fcc" #n ", 1f\n\t or %0, 2, %0\n1:\t"        \
                         "fbg,a %%fcc" #n ", 1f\n\t or %0, 4, %0\n1:\t"        \
                         "fbu,a %%fcc" #n ", 1f\n\t or %0, 8, %0\n1:"          \
                         : "+r"(r_) : "e"(a), "e"(b));                         \
        printf("%s fcc%d %g %g -> taken %x fsr %08x\n", insn, n, a, b, r_, get_fsr()); \
    })

static sigjmp_buf jb;
static void on_fpe(int sig, siginfo_t *si, void *uc)
{
    printf("SIGFPE code %d (FPE_FLTDIV %d) fsr %08x\n", si->si_code, FPE_FLTDIV, get_fsr());
    siglongjmp(jb, 1);
}

int main(void)
{
    const uint64_t one = 0x3ff0000000000000ull, three = 0x4008000000000000ull;
    const uint64_t eps = 0x3ca0000000000000ull; /* 2^-53 */
    /* 1/3 in every rounding mode (RD: 0 nearest, 1 zero, 2 +inf, 3 -inf). */
    for (uint32_t rd = 0; rd < 4; rd++)
        d_op("fdivd", one, three, rd << 30);
    /* 1 + 2^-53: a tie, to even (1) in nearest, up in +inf. */
    d_op("faddd", one, eps, 0);
    d_op("faddd", one, eps, 2u << 30);
    /* Exceptions: inf - inf invalid (SPARC default NaN), 1/0, overflow, underflow. */
    d_op("fsubd", 0x7ff0000000000000ull, 0x7ff0000000000000ull, 0);
    d_op("fdivd", one, 0, 0);
    d_op("fmuld", 0x7fefffffffffffffull, 0x4000000000000000ull, 0);
    d_op("fmuld", 0x0010000000000000ull, 0x3fe0000000000001ull, 0);
    d_op("fsqrtd", 0xbff0000000000000ull, 0, 0);
    /* NaN propagation: a signalling NaN is quieted; rs2's NaN wins over rs1's. */
    d_op("faddd", 0x7ff0000000000001ull, one, 0);
    d_op("faddd", 0x7ff8000000000001ull, 0x7ff8000000000002ull, 0);
    /* aexc accumulates: inexact stays set in aexc after an exact op. */
    d_op("fdivd", one, three, 0);
    d_op("faddd", one, one, 0x20u); /* aexc.nx already set by the FSR we load */
    s_op("fadds", 0x3f800000u, 0x33800000u, 0);   /* 1 + 2^-24: tie -> 1 */
    s_op("fdivs", 0x3f800000u, 0x40400000u, 3u << 30);
    /* fsmuld: exact double product of two singles. */
    float fa = 16777215.0f, fb = 16777215.0f;
    double prod;
    __asm__ volatile("fsmuld %1, %2, %0" : "=e"(prod) : "f"(fa), "f"(fb));
    printf("fsmuld 16777215^2 = %.17g\n", prod);
    /* Conversions. */
    double big = 3e9, nbig = -3e9, half = -2.5;
    int32_t i1, i2, i3;
    set_fsr(0);
    __asm__ volatile("fdtoi %1, %%f0\n\tst %%f0, %0" : "=m"(i1) : "e"(big) : "f0");
    __asm__ volatile("fdtoi %1, %%f0\n\tst %%f0, %0" : "=m"(i2) : "e"(nbig) : "f0");
    __asm__ volatile("fdtoi %1, %%f0\n\tst %%f0, %0" : "=m"(i3) : "e"(half) : "f0");
    printf("fdtoi 3e9 %d -3e9 %d -2.5 %d fsr %08x\n", i1, i2, i3, get_fsr());
    int64_t x = 9007199254740993ll; /* 2^53 + 1 */
    double dx;
    set_fsr(0);
    __asm__ volatile("ldd %1, %%f0\n\tfxtod %%f0, %0" : "=e"(dx) : "m"(x) : "f0", "f1");
    printf("fxtod 2^53+1 = %.17g fsr %08x\n", dx, get_fsr());
    float fs;
    double d1 = 1.0 + 0x1p-24 + 0x1p-50;
    set_fsr(0);
    __asm__ volatile("fdtos %1, %0" : "=f"(fs) : "e"(d1));
    printf("fdtos 1+2^-24+2^-50 = %.9g fsr %08x\n", fs, get_fsr());
    /* Compares into each fcc. */
    double a = 1, b = 2, n;
    uint64_t qnan = 0x7ff8000000000000ull;
    memcpy(&n, &qnan, 8);
    FCMP("fcmpd", 0, a, b);
    FCMP("fcmpd", 1, b, a);
    FCMP("fcmpd", 2, a, a);
    FCMP("fcmpd", 3, a, n);
    FCMP("fcmped", 0, a, n);
    /* fmovdcc on fcc1: after fcmpd %fcc1, 2 > 1, fmovdg moves. */
    double mv = 0, src = 42;
    __asm__ volatile("fcmpd %%fcc1, %1, %2\n\tfmovdg %%fcc1, %3, %0" : "+e"(mv) : "e"(b), "e"(a), "e"(src));
    printf("fmovdg %g\n", mv);
    /* An enabled exception traps: DZM (TEM bit 24 + 1 = 0x02 << 23). */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fpe;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGFPE, &sa, NULL);
    if (!sigsetjmp(jb, 1)) {
        double r, zero = 0;
        set_fsr(0x02u << 23);
        __asm__ volatile("fdivd %1, %2, %0" : "=e"(r) : "e"(a), "e"(zero));
        printf("no trap: %g\n", r);
    }
    set_fsr(0);
    return 0;
}
