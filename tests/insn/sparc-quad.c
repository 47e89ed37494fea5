/*
 * SPARC quad precision, which the sparc64 kernel emulates (no CPU has it):
 * faddq/fsubq/fmulq/fdivq/fsqrtq on special and ordinary operands in every
 * rounding mode with the FSR's cexc/aexc, fdmulq, the conversions
 * fitoq/fxtoq/fstoq/fdtoq/fqtoi/fqtox/fqtos/fqtod at their limits,
 * fcmpq/fcmpeq into fcc0..fcc3, fmovq/fnegq/fabsq and fmovqcc, ldqf/stqf
 * (misaligned too), SPARC's underflow (tininess before rounding; an exact
 * tiny result with UFM), and the traps: SIGFPE with the si_code of the one
 * enabled exception, ftt 1, destination unchanged; a misaligned quad
 * register (invalid_fp_register, ftt 6, FPE_FLTUNK).
 *
 * Expected output (sparc-quad.expected): qemu-sparc32plus's output (its
 * own softfloat), with every arithmetic line also checked against a native
 * x86-64 __float128 computation (libgcc soft-fp) and the lines where they
 * disagree (NaN choice, tininess) checked by hand against the SPARC V9
 * manual and the kernel's math-emu; see the comments at each section.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef union {
    long double q;
    uint32_t w[4];
} Quad;

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

#define Q(a, b, c, d) {.w = {a, b, c, d}}

/* Operands: zeros, ones, ordinary values, the limits, infinities, NaNs. */
static const Quad vals[] = {
    Q(0x00000000, 0, 0, 0),                            /* +0 */
    Q(0x80000000, 0, 0, 0),                            /* -0 */
    Q(0x3fff0000, 0, 0, 0),                            /* 1 */
    Q(0x40008000, 0, 0, 0),                            /* 3 */
    Q(0xbfff8000, 0, 0, 0),                            /* -1.5 */
    Q(0x3f8f0000, 0, 0, 0),                            /* 2^-112 */
    Q(0x4000921f, 0xb54442d1, 0x8469898c, 0xc51701b8), /* pi */
    Q(0x7ffeffff, 0xffffffff, 0xffffffff, 0xffffffff), /* largest */
    Q(0x00010000, 0, 0, 0),                            /* smallest normal */
    Q(0x0000ffff, 0xffffffff, 0xffffffff, 0xffffffff), /* largest subnormal */
    Q(0x00000000, 0, 0, 1),                            /* smallest subnormal */
    Q(0x7fff0000, 0, 0, 0),                            /* +inf */
    Q(0xffff0000, 0, 0, 0),                            /* -inf */
    Q(0x7fff8000, 0, 0, 0x11),                         /* qNaN */
    Q(0xffff0000, 0, 0, 0x22),                         /* -sNaN */
};
#define NVALS (sizeof vals / sizeof vals[0])

static const char *const names[] = {"faddq", "fsubq", "fmulq", "fdivq", "fsqrtq"};

/* One operation with the FSR set to fsr first; prints the result and the
   FSR after (its rounding mode, TEM, aexc and cexc). */
static void q_op(int op, const Quad *a, const Quad *b, uint32_t fsr)
{
    Quad r = Q(0xdead, 0, 0, 0);
    set_fsr(fsr);
    switch (op) {
    case 0: __asm__ volatile("faddq %1, %2, %0" : "=e"(r.q) : "e"(a->q), "e"(b->q)); break;
    case 1: __asm__ volatile("fsubq %1, %2, %0" : "=e"(r.q) : "e"(a->q), "e"(b->q)); break;
    case 2: __asm__ volatile("fmulq %1, %2, %0" : "=e"(r.q) : "e"(a->q), "e"(b->q)); break;
    case 3: __asm__ volatile("fdivq %1, %2, %0" : "=e"(r.q) : "e"(a->q), "e"(b->q)); break;
    default: __asm__ volatile("fsqrtq %1, %0" : "=e"(r.q) : "e"(a->q)); break;
    }
    uint32_t f = get_fsr();
    printf("%-6s %08x%08x%08x%08x", names[op], a->w[0], a->w[1], a->w[2], a->w[3]);
    if (op < 4)
        printf(" %08x%08x%08x%08x", b->w[0], b->w[1], b->w[2], b->w[3]);
    printf(" rd%u -> %08x%08x%08x%08x fsr %08x\n", fsr >> 30, r.w[0], r.w[1], r.w[2], r.w[3], f);
}

static sigjmp_buf jb;
static Quad dst;
static int fpe_returns; /* the SIGFPE handler returns (to a SIGILL handler) */

/* The destination %f8..%f11 is saved first thing: the C library (printf)
   may use the FP registers, and siglongjmp does not restore them. */
static void on_fpe(int sig, siginfo_t *si, void *uc)
{
    __asm__ volatile("std %%f8, [%0]\n\tstd %%f10, [%0+8]" : : "r"(&dst) : "memory");
    uint32_t f = get_fsr();
    (void)sig;
    (void)uc;
    printf("  SIGFPE code %d fsr %08x\n", si->si_code, f);
    if (!fpe_returns)
        siglongjmp(jb, 1);
}

static void on_sig(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    static const char *const at[16] = {[4] = "bytes+4", [6] = "bytes+6"};
    printf("  %s code %d addr %s\n", sig == SIGILL ? "SIGILL" : "SIGSEGV", si->si_code,
           sig != SIGSEGV ? "-" : at[(uintptr_t)si->si_addr & 15] ? at[(uintptr_t)si->si_addr & 15] : "?");
    siglongjmp(jb, 1);
}

/* A trapping operation: the destination (%f8..%f11, preset to a marker)
   must keep its old value. */
static void trap_op(const char *what, int op, const Quad *a, const Quad *b, uint32_t fsr)
{
    printf("%s:\n", what);
    dst = (Quad)Q(0xdeadbeef, 1, 2, 3);
    if (!sigsetjmp(jb, 1)) {
        __asm__ volatile("ldd [%0], %%f8\n\tldd [%0+8], %%f10" : : "r"(&dst) : "f8", "f9", "f10", "f11");
        set_fsr(fsr);
        switch (op) {
        case 0:
            __asm__ volatile("ldd [%0], %%f0\n\tldd [%0+8], %%f2\n\tldd [%1], %%f4\n\tldd [%1+8], %%f6\n\t"
                             "faddq %%f0, %%f4, %%f8" : : "r"(a), "r"(b) : "f0", "f1", "f2", "f3", "f4", "f5",
                             "f6", "f7", "f8", "f9", "f10", "f11");
            break;
        case 2:
            __asm__ volatile("ldd [%0], %%f0\n\tldd [%0+8], %%f2\n\tldd [%1], %%f4\n\tldd [%1+8], %%f6\n\t"
                             "fmulq %%f0, %%f4, %%f8" : : "r"(a), "r"(b) : "f0", "f1", "f2", "f3", "f4", "f5",
                             "f6", "f7", "f8", "f9", "f10", "f11");
            break;
        case 5: /* fcmpeq %fcc2 */
            __asm__ volatile("ldd [%0], %%f0\n\tldd [%0+8], %%f2\n\tldd [%1], %%f4\n\tldd [%1+8], %%f6\n\t"
                             "fcmpeq %%fcc2, %%f0, %%f4" : : "r"(a), "r"(b) : "f0", "f1", "f2", "f3", "f4", "f5",
                             "f6", "f7");
            break;
        case 6: /* faddq %f2 (bit 1 set: invalid_fp_register) */
            __asm__ volatile(".word 0x91a08862 ! faddq %%f2, %%f2, %%f8" : : : "f8", "f9", "f10", "f11");
            break;
        case 7: /* stqf %f2 (invalid_fp_register) */
            __asm__ volatile(".word 0xc5302000 ! stqf %%f2, [%%g0 + 0]" : : : "memory");
            break;
        case 8: /* ldqf %f2 (invalid_fp_register) */
            __asm__ volatile(".word 0xc5102000 ! ldqf [%%g0 + 0], %%f2" : : : "f2", "f3", "f4", "f5");
            break;
        }
        __asm__ volatile("std %%f8, [%0]\n\tstd %%f10, [%0+8]" : : "r"(&dst) : "memory");
        printf("  no trap, fsr %08x\n", get_fsr());
    }
    set_fsr(0);
    printf("  dst %08x%08x%08x%08x\n", dst.w[0], dst.w[1], dst.w[2], dst.w[3]);
}

#define FCMPQ(insn, n, a, b)                                                   \
    ({                                                                         \
        uint32_t r_ = 0;                                                       \
        set_fsr(0);                                                            \
        __asm__ volatile(insn " %%fcc" #n ", %1, %2\n\t"                       \
                         "fbe,a %%fcc" #n ", 1f\n\t or %0, 1, %0\n1:\t"        \
                         "fbl,a %%fcc" #n ", 1f\n\t or %0, 2, %0\n1:\t"        \
                         "fbg,a %%fcc" #n ", 1f\n\t or %0, 4, %0\n1:\t"        \
                         "fbu,a %%fcc" #n ", 1f\n\t or %0, 8, %0\n1:"          \
                         : "+r"(r_) : "e"((a).q), "e"((b).q));                 \
        printf("%s fcc%d %08x.. %08x.. -> taken %x fsr %08x\n", insn, n, (a).w[0], (b).w[0], r_, get_fsr()); \
    })

static void print_q(const char *what, const Quad *r)
{
    printf("%s %08x%08x%08x%08x fsr %08x\n", what, r->w[0], r->w[1], r->w[2], r->w[3], get_fsr());
}

/* Pseudo-random operands (xorshift64): exponents mostly near 1, a few
   anywhere (subnormals, overflow). */
static uint64_t rng = 0x2545f4914f6cdd1dull;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static Quad random_quad(void)
{
    uint64_t h = next(), l = next();
    uint32_t sel = (uint32_t)next() & 15, e;
    if (sel == 0)
        e = (uint32_t)(next() % 0x7fff);      /* anywhere, subnormals included */
    else if (sel == 1)
        e = (uint32_t)(next() % 40);          /* near the bottom */
    else if (sel == 2)
        e = 0x7ffe - (uint32_t)(next() % 40); /* near the top */
    else
        e = 16383 - 60 + (uint32_t)(next() % 120);
    Quad q;
    q.w[0] = (uint32_t)(h >> 32 & 0x8000ffff) | e << 16;
    q.w[1] = (uint32_t)h;
    q.w[2] = (uint32_t)(l >> 32);
    q.w[3] = (uint32_t)l;
    return q;
}

/* n random operations of each kind in each rounding mode; one checksum of
   the results and FSRs per kind and mode (verbose: every operation). */
static void random_ops(int n, int verbose)
{
    for (int op = 0; op < 5; op++)
        for (uint32_t rd = 0; rd < 4; rd++) {
            uint64_t sum = 0;
            rng = 0x2545f4914f6cdd1dull + (uint64_t)op * 977 + rd;
            for (int k = 0; k < n; k++) {
                Quad a = random_quad(), b = random_quad(), r;
                if (op == 4)
                    a.w[0] &= 0x7fffffff;
                set_fsr(rd << 30);
                switch (op) {
                case 0: __asm__ volatile("faddq %1, %2, %0" : "=e"(r.q) : "e"(a.q), "e"(b.q)); break;
                case 1: __asm__ volatile("fsubq %1, %2, %0" : "=e"(r.q) : "e"(a.q), "e"(b.q)); break;
                case 2: __asm__ volatile("fmulq %1, %2, %0" : "=e"(r.q) : "e"(a.q), "e"(b.q)); break;
                case 3: __asm__ volatile("fdivq %1, %2, %0" : "=e"(r.q) : "e"(a.q), "e"(b.q)); break;
                default: __asm__ volatile("fsqrtq %1, %0" : "=e"(r.q) : "e"(a.q)); break;
                }
                uint32_t f = get_fsr();
                if (verbose)
                    printf("%s rd%u %08x%08x%08x%08x %08x%08x%08x%08x -> %08x%08x%08x%08x fsr %08x\n",
                           names[op], rd, a.w[0], a.w[1], a.w[2], a.w[3], b.w[0], b.w[1], b.w[2], b.w[3], r.w[0],
                           r.w[1], r.w[2], r.w[3], f);
                for (int i = 0; i < 4; i++)
                    sum = (sum ^ r.w[i]) * 0x100000001b3ull;
                sum = (sum ^ f) * 0x100000001b3ull;
            }
            printf("random %-6s rd%u x%d: %016llx\n", names[op], rd, n, (unsigned long long)sum);
        }
}

int main(int argc, char **argv)
{
    /* sparc-quad N: only the random operations, N of each, every one shown
       (to compare with another implementation). */
    if (argc > 1) {
        random_ops(atoi(argv[1]), 1);
        return 0;
    }
    /* 1. Every pair, round to nearest. */
    for (int op = 0; op < 4; op++)
        for (unsigned i = 0; i < NVALS; i++)
            for (unsigned j = 0; j < NVALS; j++)
                q_op(op, &vals[i], &vals[j], 0);
    for (unsigned i = 0; i < NVALS; i++)
        q_op(4, &vals[i], &vals[i], 0);

    /* 2. The other rounding modes on inexact, overflowing and underflowing
       operations: 1/3, pi*pi, pi+2^-112, -1.5/3, sqrt(3), sqrt(pi), largest*3,
       -largest*3, smallest normal/3, smallest subnormal * 0.5^-ish. */
    static const int pairs[][3] = {
        {3, 2, 3}, {2, 6, 6}, {0, 6, 5}, {1, 5, 6}, {3, 4, 3}, {4, 3, 3}, {4, 6, 6},
        {2, 7, 3}, {2, 7, 4}, {3, 8, 3}, {3, 10, 3}, {2, 9, 5}, {0, 7, 7}, {1, 4, 7},
    };
    for (uint32_t rd = 0; rd < 4; rd++)
        for (unsigned k = 0; k < sizeof pairs / sizeof pairs[0]; k++)
            q_op(pairs[k][0], &vals[pairs[k][1]], &vals[pairs[k][2]], rd << 30);

    /* 3. aexc accumulates across operations; cexc is the last one's. */
    q_op(3, &vals[2], &vals[3], 0);                   /* nx */
    q_op(0, &vals[2], &vals[2], get_fsr());           /* exact: cexc 0, aexc nx kept */
    q_op(3, &vals[2], &vals[0], get_fsr());           /* dz */

    /* 4. Underflow, SPARC's way: tininess before rounding.  The smallest
       normal times (1 - 2^-113)... rounds (nearest) up to the smallest
       normal: tiny before rounding and inexact, so uf|nx (x86 detects
       tininess after rounding and says nx only).  Hand-computed. */
    static const Quad below = Q(0x3ffeffff, 0xffffffff, 0xffffffff, 0xffffffff); /* 1 - 2^-113 */
    q_op(2, &vals[8], &below, 0);
    q_op(2, &vals[8], &below, 1u << 30); /* toward zero: the largest subnormal, uf|nx */
    /* An exact tiny result: no exception untrapped; with UFM, the trap. */
    static const Quad half = Q(0x3ffe0000, 0, 0, 0);
    q_op(2, &vals[8], &half, 0);

    /* 5. fdmulq: the exact product of two doubles. */
    {
        double x = 134217729.0, y = 134217729.0; /* (2^27+1)^2 = 2^54 + 2^28 + 1: not a double */
        Quad r;
        set_fsr(0);
        __asm__ volatile("fdmulq %1, %2, %0" : "=e"(r.q) : "e"(x), "e"(y));
        print_q("fdmulq (2^27+1)^2", &r);
        double inf = __builtin_inf(), zero = 0;
        set_fsr(0);
        __asm__ volatile("fdmulq %1, %2, %0" : "=e"(r.q) : "e"(inf), "e"(zero));
        print_q("fdmulq inf*0", &r);
    }

    /* 6. Conversions. */
    {
        static const int32_t ints[] = {0, 1, -1, 0x7fffffff, (int32_t)0x80000000};
        for (unsigned i = 0; i < 5; i++) {
            Quad r;
            set_fsr(0);
            __asm__ volatile("fitoq %1, %0" : "=e"(r.q) : "f"(ints[i]));
            printf("fitoq %d:", ints[i]);
            print_q("", &r);
        }
        static const int64_t longs[] = {0x7fffffffffffffffll, (int64_t)0x8000000000000000ull, 12345678901234567ll};
        for (unsigned i = 0; i < 3; i++) {
            Quad r;
            set_fsr(0);
            __asm__ volatile("ldd %1, %%f0\n\tfxtoq %%f0, %0" : "=e"(r.q) : "m"(longs[i]) : "f0", "f1");
            printf("fxtoq %lld:", (long long)longs[i]);
            print_q("", &r);
        }
        static const uint32_t singles[] = {0x3f800000, 0x00000001, 0xff800000, 0x7fc00001, 0xff800003};
        for (unsigned i = 0; i < 5; i++) {
            Quad r;
            set_fsr(0);
            __asm__ volatile("ld %1, %%f0\n\tfstoq %%f0, %0" : "=e"(r.q) : "m"(singles[i]) : "f0");
            printf("fstoq %08x:", singles[i]);
            print_q("", &r);
        }
        static const uint64_t doubles[] = {0x400921fb54442d18ull, 0x0000000000000001ull, 0x7ff8000000000123ull,
                                           0xfff0000000000456ull};
        for (unsigned i = 0; i < 4; i++) {
            Quad r;
            set_fsr(0);
            __asm__ volatile("ldd %1, %%f0\n\tfdtoq %%f0, %0" : "=e"(r.q) : "m"(doubles[i]) : "f0", "f1");
            printf("fdtoq %016llx:", (unsigned long long)doubles[i]);
            print_q("", &r);
        }
        /* To integers, toward zero: limits, just outside, NaNs (the
           largest integer of the sign), infinities. */
        static const Quad toi[] = {
            Q(0x401dffff, 0xfffc0000, 0, 0),       /* 2^31 - 1 */
            Q(0x401dffff, 0xfffe0000, 0, 0),       /* 2^31 - 0.5 */
            Q(0x401e0000, 0, 0, 0),                /* 2^31 */
            Q(0xc01e0000, 0, 0, 0),                /* -2^31 */
            Q(0xc01e0000, 0x00010000, 0, 0),       /* -2^31 - 0.5 */
            Q(0xc01e0000, 0x00020000, 0, 0),       /* -2^31 - 1 */
            Q(0x3ffe0000, 0, 0, 0),                /* 0.5 */
            Q(0xbffe8000, 0, 0, 0),                /* -0.75 */
            Q(0x403dffff, 0xffffffff, 0xfffc0000, 0), /* 2^63 - 1 */
            Q(0x403e0000, 0, 0, 0),                /* 2^63 */
            Q(0xc03e0000, 0, 0, 0),                /* -2^63 */
            Q(0xc03e0000, 0, 0x00010000, 0),       /* -2^63 - 1 */
            Q(0x7fff8000, 0, 0, 0),                /* qNaN */
            Q(0xffff8000, 0, 0, 0),                /* -qNaN */
            Q(0xffff0000, 0, 0, 0),                /* -inf */
        };
        for (unsigned i = 0; i < sizeof toi / sizeof toi[0]; i++) {
            int32_t v;
            int64_t x;
            set_fsr(0);
            __asm__ volatile("fqtoi %1, %%f0\n\tst %%f0, %0" : "=m"(v) : "e"(toi[i].q) : "f0");
            uint32_t f1 = get_fsr();
            set_fsr(0);
            __asm__ volatile("fqtox %1, %%f0\n\tstd %%f0, %0" : "=m"(x) : "e"(toi[i].q) : "f0", "f1");
            printf("fqtoi/fqtox %08x%08x%08x%08x -> %d fsr %08x, %lld fsr %08x\n", toi[i].w[0], toi[i].w[1],
                   toi[i].w[2], toi[i].w[3], v, f1, (long long)x, get_fsr());
        }
        /* Narrowing, every rounding mode: 1/3, pi, overflow, underflow,
           the rounding-to-smallest-normal edge, NaNs. */
        static const Quad nar[] = {
            Q(0x3ffd5555, 0x55555555, 0x55555555, 0x55555555), /* ~1/3 */
            Q(0x4000921f, 0xb54442d1, 0x8469898c, 0xc51701b8), /* pi */
            Q(0x43ff0000, 0, 0, 0),                            /* 2^1024 */
            Q(0x407f0000, 0, 0, 0),                            /* 2^128 */
            Q(0x3c00ffff, 0xffffffff, 0xffffffff, 0xffffffff), /* just below 2^-1022 */
            Q(0x3f80ffff, 0xffffffff, 0xffffffff, 0xffffffff), /* just below 2^-126 */
            Q(0x3b000000, 0, 0, 0),                            /* 2^-1279: far below */
            Q(0x7fff0000, 0x12345678, 0x9abcdef0, 0x11111111), /* sNaN */
            Q(0xffff8000, 0x12345678, 0x9abcdef0, 0x11111111), /* -qNaN */
        };
        for (uint32_t rd = 0; rd < 4; rd++)
            for (unsigned i = 0; i < sizeof nar / sizeof nar[0]; i++) {
                uint32_t s;
                uint64_t d;
                set_fsr(rd << 30);
                __asm__ volatile("fqtos %1, %%f0\n\tst %%f0, %0" : "=m"(s) : "e"(nar[i].q) : "f0");
                uint32_t f1 = get_fsr();
                set_fsr(rd << 30);
                __asm__ volatile("fqtod %1, %%f0\n\tstd %%f0, %0" : "=m"(d) : "e"(nar[i].q) : "f0", "f1");
                printf("fqtos/fqtod %08x%08x%08x%08x rd%u -> %08x fsr %08x, %016llx fsr %08x\n", nar[i].w[0],
                       nar[i].w[1], nar[i].w[2], nar[i].w[3], rd, s, f1, (unsigned long long)d, get_fsr());
            }
    }

    /* 7. Compares into each fcc, then which of fbe/fbl/fbg/fbu is taken. */
    FCMPQ("fcmpq", 0, vals[2], vals[3]);
    FCMPQ("fcmpq", 1, vals[3], vals[2]);
    FCMPQ("fcmpq", 2, vals[0], vals[1]);
    FCMPQ("fcmpq", 3, vals[2], vals[13]);
    FCMPQ("fcmpq", 0, vals[14], vals[2]);
    FCMPQ("fcmpeq", 1, vals[2], vals[13]);
    FCMPQ("fcmpeq", 2, vals[12], vals[11]);

    /* 8. Moves: fmovq/fnegq/fabsq clear cexc; fmovqcc on fcc and icc. */
    {
        Quad r;
        set_fsr(0x21); /* aexc nx, cexc nx: cexc cleared by the move, aexc kept */
        __asm__ volatile("fnegq %1, %0" : "=e"(r.q) : "e"(vals[6].q));
        print_q("fnegq pi", &r);
        __asm__ volatile("fabsq %1, %0" : "=e"(r.q) : "e"(vals[4].q));
        print_q("fabsq -1.5", &r);
        __asm__ volatile("fmovq %1, %0" : "=e"(r.q) : "e"(vals[14].q));
        print_q("fmovq -sNaN", &r);
        Quad m = vals[0];
        __asm__ volatile("fcmpq %%fcc1, %1, %2\n\tfmovqg %%fcc1, %3, %0" : "+e"(m.q) : "e"(vals[3].q),
                         "e"(vals[2].q), "e"(vals[6].q));
        print_q("fmovqg fcc1 (3 > 1)", &m);
        m = vals[0];
        __asm__ volatile("fcmpq %%fcc3, %1, %2\n\tfmovqu %%fcc3, %3, %0" : "+e"(m.q) : "e"(vals[3].q),
                         "e"(vals[2].q), "e"(vals[6].q));
        print_q("fmovqu fcc3 (3 > 1)", &m);
        m = vals[0];
        __asm__ volatile("cmp %1, 5\n\tfmovqle %%icc, %2, %0" : "+e"(m.q) : "r"(3), "e"(vals[7].q) : "cc");
        print_q("fmovqle icc (3 <= 5)", &m);
        m = vals[0];
        __asm__ volatile("subcc %%g0, 1, %%g0\n\tfmovqcs %%xcc, %1, %0" : "+e"(m.q) : "e"(vals[7].q) : "cc");
        print_q("fmovqcs xcc (0 - 1)", &m);
    }

    /* 8b. fmovr{s,d,q} on a 64-bit register: %o1 = -1 (all 64 bits), %o2 = 0.
       The quad form is the kernel's, which reads %l/%i of a 32-bit process
       from its spilled window: their low 32 bits, so %l0 = -1 is not < 0. */
    {
        Quad m;
        float fs = 0, f1 = 1;
        double fd = 0, d1 = 1;
        set_fsr(0);
        m = vals[0];
        __asm__ volatile("sub %%g0, 1, %%o1\n\tfmovrqlz %%o1, %1, %0" : "+e"(m.q) : "e"(vals[6].q) : "o1");
        print_q("fmovrqlz (-1 < 0)", &m);
        m = vals[0];
        __asm__ volatile("mov 0, %%o2\n\tfmovrqnz %%o2, %1, %0" : "+e"(m.q) : "e"(vals[6].q) : "o2");
        print_q("fmovrqnz (0 != 0)", &m);
        m = vals[0];
        __asm__ volatile("mov 0, %%o2\n\tfmovrqz %%o2, %1, %0" : "+e"(m.q) : "e"(vals[6].q) : "o2");
        print_q("fmovrqz (0 == 0)", &m);
        m = vals[0];
        __asm__ volatile("sub %%g0, 1, %%l0\n\tfmovrqlz %%l0, %1, %0" : "+e"(m.q) : "e"(vals[6].q) : "l0");
        print_q("fmovrqlz %l0 = -1 (kernel: 0xffffffff, not < 0)", &m);
        __asm__ volatile("sub %%g0, 1, %%o1\n\tfmovrsgez %%o1, %1, %0" : "+f"(fs) : "f"(f1) : "o1");
        __asm__ volatile("sub %%g0, 1, %%o1\n\tfmovrdlez %%o1, %1, %0" : "+e"(fd) : "e"(d1) : "o1");
        printf("fmovrsgez (-1 >= 0) %g, fmovrdlez (-1 <= 0) %g\n", fs, fd);
        __asm__ volatile("mov 1, %%o1\n\tsllx %%o1, 32, %%o1\n\t"
                         "fmovrsgz %%o1, %1, %0" : "+f"(fs) : "f"(f1) : "o1");
        printf("fmovrsgz (2^32 > 0) %g\n", fs);
    }

    /* 8c. The upper bank (%f32..%f62, V9): pi + 3 into %f40, moved to %f60. */
    {
        static Quad r;
        __asm__ volatile("ldd [%1], %%f32\n\tldd [%1+8], %%f34\n\tldd [%2], %%f36\n\tldd [%2+8], %%f38\n\t"
                         "faddq %%f32, %%f36, %%f40\n\tfmovq %%f40, %%f60\n\t"
                         "std %%f60, [%0]\n\tstd %%f62, [%0+8]"
                         : : "r"(&r), "r"(&vals[6]), "r"(&vals[3])
                         : "memory", "f32", "f34", "f36", "f38", "f40", "f42", "f60", "f62");
        print_q("faddq %f32, %f36, %f40; fmovq %f40, %f60", &r);
    }

    /* 9. ldqf/stqf, 16-aligned and only word-aligned (the kernel accesses
       words, so both work). */
    {
        static uint32_t buf[12] __attribute__((aligned(16)));
        Quad r;
        for (int off = 0; off <= 4; off += 4) {
            memset(buf, 0, sizeof buf);
            char *p = (char *)buf + off;
            __asm__ volatile("stq %1, [%0]" : : "r"(p), "e"(vals[6].q) : "memory");
            __asm__ volatile("ldq [%1], %0" : "=e"(r.q) : "r"(p), "m"(buf));
            printf("stq/ldq +%d: %08x %08x %08x %08x %08x ->", off, buf[0], buf[1], buf[2], buf[3], buf[4]);
            print_q("", &r);
        }
    }

    /* 9b. ldqfa/stqfa: little-endian spaces reverse the 16 bytes; %asi;
       a no-fault load of an unmapped address reads zeros; a privileged
       space is SIGILL (ILL_PRVOPC), a store to a no-fault space SIGSEGV at
       the address (data access exception). */
    {
        static uint8_t bytes[16] __attribute__((aligned(16)));
        Quad r;
        __asm__ volatile("stqa %1, [%0] 0x88" : : "r"(bytes), "e"(vals[6].q) : "memory");
        printf("stqa 0x88:");
        for (int i = 0; i < 16; i++)
            printf(" %02x", bytes[i]);
        printf("\n");
        __asm__ volatile("ldqa [%1] 0x88, %0" : "=e"(r.q) : "r"(bytes), "m"(bytes));
        print_q("ldqa 0x88", &r);
        __asm__ volatile("wr %%g0, 0x89, %%asi\n\tldqa [%1] %%asi, %0" : "=e"(r.q) : "r"(bytes), "m"(bytes));
        print_q("ldqa %asi = 0x89", &r);
        __asm__ volatile("ldqa [%1] 0x82, %0" : "=e"(r.q) : "r"(16));
        print_q("ldqa 0x82 at address 16", &r);
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = on_sig;
        sa.sa_flags = SA_SIGINFO;
        sigaction(SIGILL, &sa, NULL);
        sigaction(SIGSEGV, &sa, NULL);
        if (!sigsetjmp(jb, 1))
            __asm__ volatile("ldqa [%1] 0x04, %0" : "=e"(r.q) : "r"(bytes), "m"(bytes));
        if (!sigsetjmp(jb, 1))
            __asm__ volatile("stqa %1, [%0] 0x82" : : "r"(bytes + 4), "e"(vals[6].q) : "memory");
        /* Word-misaligned: the kernel's get_user/put_user fail, so SIGSEGV,
           or zeros from a no-fault space. */
        if (!sigsetjmp(jb, 1))
            __asm__ volatile("ldq [%1], %0" : "=e"(r.q) : "r"(bytes + 6), "m"(bytes));
        r = vals[6];
        __asm__ volatile("ldqa [%1] 0x82, %0" : "+e"(r.q) : "r"(bytes + 6), "m"(bytes));
        print_q("ldqa 0x82 at bytes+6", &r);
    }

    /* 10. Random operands (checked against qemu-sparc32plus). */
    random_ops(500, 0);

    /* 11. Traps. */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fpe;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGFPE, &sa, NULL);
    trap_op("faddq -sNaN, 1 with NVM", 0, &vals[14], &vals[2], 0x10u << 23);
    trap_op("faddq -sNaN, 1 with NXM only (no trap)", 0, &vals[14], &vals[2], 0x01u << 23);
    trap_op("fmulq largest*3 with OFM|NXM: of only", 2, &vals[7], &vals[3], 0x09u << 23);
    trap_op("fmulq largest*3 with NXM: nx", 2, &vals[7], &vals[3], 0x01u << 23);
    trap_op("fmulq smallest normal*0.5 (exact) with UFM", 2, &vals[8], &half, 0x04u << 23);
    trap_op("fmulq smallest normal*(1-2^-113) with UFM", 2, &vals[8], &below, 0x04u << 23);
    trap_op("fcmpeq 1, qNaN with NVM", 5, &vals[2], &vals[13], 0x10u << 23);
    trap_op("faddq %f2 (misaligned quad register)", 6, 0, 0, 0);
    /* ldqf/stqf: the kernel's handle_ldf_stq sends SIGFPE (do_fpother) and
       its caller SIGILL; SIGILL is dequeued first and SIGFPE's frame goes on
       top of it, so the SIGFPE handler runs first, then the SIGILL one. */
    fpe_returns = 1;
    trap_op("stqf %f2 (misaligned quad register)", 7, 0, 0, 0);
    trap_op("ldqf %f2 (misaligned quad register)", 8, 0, 0, 0);
    fpe_returns = 0;
    return 0;
}
