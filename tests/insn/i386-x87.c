/*
 * x87: arithmetic in every rounding mode and precision, fsqrt, fprem and
 * fprem1 (quotient bits in C0 C3 C1), fscale, fxtract, frndint, the
 * transcendental instructions, integer and BCD stores (rounding, overflow
 * to the integer indefinite), fxam classes, compares (C0 C2 C3 and
 * fcomi's EFLAGS), the exception flags of the status word, and the
 * fnstenv image.
 *
 * The x87 instructions used behave the same in 64-bit mode, so
 * i386-x87.expected is this source built for x86-64 and run on the real
 * CPU (gcc -O2 tests/insn/i386-x87.c && ./a.out > i386-x87.expected): the
 * transcendental results are the hardware's, bit for bit.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

typedef struct {
    uint8_t b[16];
} F80;

static F80 f80(long double x)
{
    F80 r;
    memset(&r, 0, sizeof r);
    memcpy(r.b, &x, 10);
    return r;
}

static void pf(const F80 *r)
{
    for (int i = 9; i >= 0; i--)
        printf("%02x", r->b[i]);
}

static uint16_t cw_of(int rc, int pc) { return (uint16_t)(0x37f & ~0xf00) | (uint16_t)(rc << 10 | pc << 8); }

/* Binary: st0 = a op b under control word cw; prints result and status
   (exception flags and C1). */
#define BINOP(name, insn)                                                                  \
    static void name(uint16_t cw, F80 a, F80 b)                                            \
    {                                                                                      \
        F80 r;                                                                             \
        uint16_t sw;                                                                       \
        __asm__ volatile("fnclex\n\tfldcw %[cw]\n\tfldt %[b]\n\tfldt %[a]\n\t" insn        \
                         "\n\tfnstsw %[sw]\n\tfstpt %[r]\n\tfstp %%st(0)\n\tfninit"        \
                         : [r] "=m"(r.b), [sw] "=m"(sw)                                    \
                         : [a] "m"(a.b), [b] "m"(b.b), [cw] "m"(cw));                      \
        printf(" ");                                                                       \
        pf(&r);                                                                            \
        printf("/%03x", sw & 0x27f);                                                       \
    }
BINOP(op_add, "fadd %%st(1), %%st")
BINOP(op_sub, "fsub %%st(1), %%st")
BINOP(op_mul, "fmul %%st(1), %%st")
BINOP(op_div, "fdiv %%st(1), %%st")
BINOP(op_divr, "fdivr %%st(1), %%st")
BINOP(op_scale, "fscale")
/* fprem/fprem1 also give quotient bits in C0 C3 C1 and C2. */
#define REMOP(name, insn)                                                                  \
    static void name(F80 a, F80 b)                                                         \
    {                                                                                      \
        F80 r;                                                                             \
        uint16_t sw;                                                                       \
        __asm__ volatile("fnclex\n\tfldt %[b]\n\tfldt %[a]\n\t" insn                       \
                         "\n\tfnstsw %[sw]\n\tfstpt %[r]\n\tfstp %%st(0)\n\tfninit"        \
                         : [r] "=m"(r.b), [sw] "=m"(sw)                                    \
                         : [a] "m"(a.b), [b] "m"(b.b));                                    \
        printf(" ");                                                                       \
        pf(&r);                                                                            \
        printf("/%04x", sw & 0x477f);                                                      \
    }
REMOP(op_prem, "fprem")
REMOP(op_prem1, "fprem1")
/* Unary on st0. */
#define UNOP(name, insn, swmask)                                                           \
    static void name(uint16_t cw, F80 a)                                                   \
    {                                                                                      \
        F80 r;                                                                             \
        uint16_t sw;                                                                       \
        __asm__ volatile("fnclex\n\tfldcw %[cw]\n\tfldt %[a]\n\t" insn                     \
                         "\n\tfnstsw %[sw]\n\tfstpt %[r]\n\tfninit"                        \
                         : [r] "=m"(r.b), [sw] "=m"(sw)                                    \
                         : [a] "m"(a.b), [cw] "m"(cw));                                    \
        printf(" ");                                                                       \
        pf(&r);                                                                            \
        printf("/%04x", sw & (swmask));                                                    \
    }
UNOP(op_sqrt, "fsqrt", 0x27f)
UNOP(op_rndint, "frndint", 0x27f)
UNOP(op_sin, "fsin", 0x67f)
UNOP(op_cos, "fcos", 0x67f)
UNOP(op_f2xm1, "f2xm1", 0x27f)
UNOP(op_chs, "fchs", 0x27f)
/* Two results (fptan, fsincos, fxtract): st0 then st1. */
#define UN2OP(name, insn)                                                                  \
    static void name(F80 a)                                                                \
    {                                                                                      \
        F80 r0, r1;                                                                        \
        uint16_t sw;                                                                       \
        __asm__ volatile("fnclex\n\tfldt %[a]\n\t" insn "\n\tfnstsw %[sw]\n\t"             \
                         "fstpt %[r0]\n\tfstpt %[r1]\n\tfninit"                            \
                         : [r0] "=m"(r0.b), [r1] "=m"(r1.b), [sw] "=m"(sw)                 \
                         : [a] "m"(a.b));                                                  \
        printf(" ");                                                                       \
        pf(&r0);                                                                           \
        printf(",");                                                                       \
        pf(&r1);                                                                           \
        printf("/%04x", sw & 0x67f);                                                       \
    }
UN2OP(op_ptan, "fptan")
UN2OP(op_sincos, "fsincos")
UN2OP(op_xtract, "fxtract")
/* st1 op st0 and pop (fyl2x, fyl2xp1, fpatan): a = st0, b = st1. */
BINOP(op_yl2x, "fyl2x\n\tfld %%st(0)")
BINOP(op_yl2xp1, "fyl2xp1\n\tfld %%st(0)")
BINOP(op_patan, "fpatan\n\tfld %%st(0)")

/* The memory forms (float and double operand) and the register forms
   with ST(i) as destination, popping or not (each has a helper of its own
   in mimic, with a fast path), then stack faults in them: an empty
   operand, a push onto a full stack, a store of an empty ST(0). */
#define MEMOP(name, insn, type)                                                            \
    static void name(uint16_t cw, F80 a, type m)                                           \
    {                                                                                      \
        F80 r;                                                                             \
        uint16_t sw;                                                                       \
        __asm__ volatile("fnclex\n\tfldcw %[cw]\n\tfldt %[a]\n\t" insn " %[m]"              \
                         "\n\tfnstsw %[sw]\n\tfstpt %[r]\n\tfninit"                        \
                         : [r] "=m"(r.b), [sw] "=m"(sw)                                    \
                         : [a] "m"(a.b), [m] "m"(m), [cw] "m"(cw));                        \
        printf(" ");                                                                       \
        pf(&r);                                                                            \
        printf("/%03x", sw & 0x27f);                                                       \
    }
MEMOP(m64_add, "faddl", double)
MEMOP(m64_mul, "fmull", double)
MEMOP(m64_sub, "fsubl", double)
MEMOP(m64_subr, "fsubrl", double)
MEMOP(m64_div, "fdivl", double)
MEMOP(m64_divr, "fdivrl", double)
MEMOP(m32_add, "fadds", float)
MEMOP(m32_mul, "fmuls", float)
MEMOP(m32_sub, "fsubs", float)
MEMOP(m32_subr, "fsubrs", float)
MEMOP(m32_div, "fdivs", float)
MEMOP(m32_divr, "fdivrs", float)
/* st1 op= st0 (DC), popping (DE): the result is ST(1) (ST(0) after the pop). */
#define DSTOP(name, insn, pop)                                                             \
    static void name(uint16_t cw, F80 a, F80 b)                                            \
    {                                                                                      \
        F80 r;                                                                             \
        uint16_t sw;                                                                       \
        __asm__ volatile("fnclex\n\tfldcw %[cw]\n\tfldt %[b]\n\tfldt %[a]\n\t" insn        \
                         "\n\tfnstsw %[sw]\n\t" pop "fstpt %[r]\n\tfninit"                  \
                         : [r] "=m"(r.b), [sw] "=m"(sw)                                    \
                         : [a] "m"(a.b), [b] "m"(b.b), [cw] "m"(cw));                      \
        printf(" ");                                                                       \
        pf(&r);                                                                            \
        printf("/%03x", sw & 0x27f);                                                       \
    }
DSTOP(dc_add, ".byte 0xdc, 0xc1", "fstp %%st(0)\n\t")
DSTOP(dc_mul, ".byte 0xdc, 0xc9", "fstp %%st(0)\n\t")
DSTOP(dc_sub, ".byte 0xdc, 0xe9", "fstp %%st(0)\n\t")
DSTOP(dc_subr, ".byte 0xdc, 0xe1", "fstp %%st(0)\n\t")
DSTOP(dc_div, ".byte 0xdc, 0xf9", "fstp %%st(0)\n\t")
DSTOP(dc_divr, ".byte 0xdc, 0xf1", "fstp %%st(0)\n\t")
DSTOP(de_add, ".byte 0xde, 0xc1", "")
DSTOP(de_mul, ".byte 0xde, 0xc9", "")
DSTOP(de_sub, ".byte 0xde, 0xe9", "")
DSTOP(de_subr, ".byte 0xde, 0xe1", "")
DSTOP(de_div, ".byte 0xde, 0xf9", "")
DSTOP(de_divr, ".byte 0xde, 0xf1", "")

static void op_faults(F80 a)
{
    F80 r[6];
    uint16_t sw[6];
    double d = 2.5, st = 0;
    float f = 0.5f;
    __asm__ volatile("fninit\n\tfldt %[a]\n\tfmul %%st(1), %%st\n\tfnstsw %[s0]\n\tfstpt %[r0]\n\t"
                     "fninit\n\tfldt %[a]\n\t.byte 0xde, 0xe9\n\tfnstsw %[s1]\n\tfstpt %[r1]\n\t"
                     "fninit\n\tfaddl %[d]\n\tfnstsw %[s2]\n\tfstpt %[r2]\n\t"
                     "fninit\n\tfdivrs %[f]\n\tfnstsw %[s3]\n\tfstpt %[r3]\n\t"
                     "fninit\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\tfld1\n\t"
                     "fldl %[d]\n\tfnstsw %[s4]\n\tfstpt %[r4]\n\t"
                     "fninit\n\tfstl %[st]\n\tfnstsw %[s5]\n\tfldt %[a]\n\tfstpt %[r5]\n\tfninit"
                     : [r0] "=m"(r[0].b), [r1] "=m"(r[1].b), [r2] "=m"(r[2].b), [r3] "=m"(r[3].b),
                       [r4] "=m"(r[4].b), [r5] "=m"(r[5].b), [s0] "=m"(sw[0]), [s1] "=m"(sw[1]),
                       [s2] "=m"(sw[2]), [s3] "=m"(sw[3]), [s4] "=m"(sw[4]), [s5] "=m"(sw[5]), [st] "=m"(st)
                     : [a] "m"(a.b), [d] "m"(d), [f] "m"(f));
    for (int i = 0; i < 6; i++) {
        printf(" ");
        pf(&r[i]);
        printf("/%04x", sw[i] & 0x3a7f);
    }
    uint64_t sb;
    memcpy(&sb, &st, 8);
    printf(" %016llx\n", (unsigned long long)sb);
}

/* A memory operand that faults: the handler makes the page accessible and
   the instruction runs again, so it must not have changed the FPU before
   the fault (a push or pop done twice shows in TOP and the values). */
static char *fault_page;
static int nb_faults;

static void fault_handler(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)si, (void)uc;
    nb_faults++;
    mprotect(fault_page, 4096, PROT_READ | PROT_WRITE);
}

static void op_fault_retry(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = fault_handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    fault_page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    double *d = (double *)fault_page;
    float *f = (float *)(fault_page + 64);
    d[0] = 2.5;
    d[1] = 0.1;
    f[0] = 3.0f;
    F80 r[3];
    uint16_t sw[4];
    mprotect(fault_page, 4096, PROT_NONE);
    __asm__ volatile("fninit\n\tfld1\n\tfldl %[d0]\n\tfnstsw %[s0]\n\tfstpt %[r0]\n\tfninit"
                     : [r0] "=m"(r[0].b), [s0] "=m"(sw[0]) : [d0] "m"(d[0]) : "memory");
    mprotect(fault_page, 4096, PROT_NONE);
    __asm__ volatile("fninit\n\tfld1\n\tfaddl %[d1]\n\tfnstsw %[s1]\n\tfstpt %[r1]\n\tfninit"
                     : [r1] "=m"(r[1].b), [s1] "=m"(sw[1]) : [d1] "m"(d[1]) : "memory");
    mprotect(fault_page, 4096, PROT_NONE);
    __asm__ volatile("fninit\n\tfld1\n\tfmuls %[f0]\n\tfnstsw %[s2]\n\tfstpt %[r2]\n\tfninit"
                     : [r2] "=m"(r[2].b), [s2] "=m"(sw[2]) : [f0] "m"(f[0]) : "memory");
    mprotect(fault_page, 4096, PROT_READ);
    __asm__ volatile("fninit\n\tfld1\n\tfldpi\n\tfstpl %[d1]\n\tfnstsw %[s3]\n\tfninit"
                     : [d1] "=m"(d[1]), [s3] "=m"(sw[3]) : : "memory");
    printf("fault retry: %d faults", nb_faults);
    for (int i = 0; i < 3; i++) {
        printf(" ");
        pf(&r[i]);
        printf("/%04x", sw[i] & 0x3a7f);
    }
    uint64_t b;
    memcpy(&b, &d[1], 8);
    printf(" %016llx/%04x\n", (unsigned long long)b, sw[3] & 0x3a7f);
    signal(SIGSEGV, SIG_DFL);
}

static void op_fist(uint16_t cw, F80 a)
{
    int16_t w;
    int32_t l;
    int64_t q;
    uint8_t bcd[10];
    uint16_t sw1, sw2, sw3, sw4;
    __asm__ volatile("fnclex\n\tfldcw %[cw]\n\tfldt %[a]\n\tfists %[w]\n\tfnstsw %[s1]\n\t"
                     "fnclex\n\tfistl %[l]\n\tfnstsw %[s2]\n\tfnclex\n\tfistpll %[q]\n\tfnstsw %[s3]\n\t"
                     "fnclex\n\tfldt %[a]\n\tfbstp %[bcd]\n\tfnstsw %[s4]\n\tfninit"
                     : [w] "=m"(w), [l] "=m"(l), [q] "=m"(q), [bcd] "=m"(bcd), [s1] "=m"(sw1),
                       [s2] "=m"(sw2), [s3] "=m"(sw3), [s4] "=m"(sw4)
                     : [a] "m"(a.b), [cw] "m"(cw));
    printf(" %d/%x %d/%x %lld/%x ", w, sw1 & 0x27f, l, sw2 & 0x27f, (long long)q, sw3 & 0x27f);
    for (int i = 9; i >= 0; i--)
        printf("%02x", bcd[i]);
    printf("/%x", sw4 & 0x27f);
}

static void op_fxam(F80 a)
{
    uint16_t sw;
    __asm__ volatile("fldt %[a]\n\tfxam\n\tfnstsw %[sw]\n\tfstp %%st(0)" : [sw] "=m"(sw) : [a] "m"(a.b));
    printf(" %04x", sw & 0x4700);
}

static void op_cmp(F80 a, F80 b)
{
    uint16_t sw1, sw2;
    uint64_t fl1, fl2;
    __asm__ volatile("fnclex\n\tfldt %[b]\n\tfldt %[a]\n\tfcom %%st(1)\n\tfnstsw %[s1]\n\t"
                     "fnclex\n\tfucom %%st(1)\n\tfnstsw %[s2]\n\t"
                     "fcomi %%st(1), %%st\n\tpushf\n\tpop %[f1]\n\t"
                     "fucomip %%st(1), %%st\n\tpushf\n\tpop %[f2]\n\tfstp %%st(0)\n\tfninit"
                     : [s1] "=m"(sw1), [s2] "=m"(sw2), [f1] "=r"(fl1), [f2] "=r"(fl2)
                     : [a] "m"(a.b), [b] "m"(b.b)
                     : "cc");
    printf(" %04x %04x %03x %03x", sw1 & 0x457f, sw2 & 0x457f, (unsigned)(fl1 & 0x8d5), (unsigned)(fl2 & 0x8d5));
}

/* C1 after fcomi / fucomip when C1 was set just before (1/3 rounds up):
   the SDM says cleared, AMD CPUs leave it (mimic does what its host does;
   the .expected line is from an AMD host, an Intel host prints 0 0). */
static void op_comi_c1(void)
{
    static const double three = 3.0;
    uint16_t s0, s1, s2;
    __asm__ volatile("fninit\n\tfld1\n\tfld1\n\tfdivl %[t]\n\tfnstsw %[s0]\n\t"
                     "fcomi %%st(1), %%st\n\tfnstsw %[s1]\n\tfld1\n\tfdivl %[t]\n\t"
                     "fucomip %%st(1), %%st\n\tfnstsw %[s2]\n\tfninit"
                     : [s0] "=m"(s0), [s1] "=m"(s1), [s2] "=m"(s2)
                     : [t] "m"(three)
                     : "cc");
    printf("comi C1: before %d, fcomi %d, fucomip %d\n", s0 >> 9 & 1, s1 >> 9 & 1, s2 >> 9 & 1);
}

/* Loads from memory formats, with the status (an SNaN float sets IE). */
static void op_loads(uint32_t f32, uint64_t f64)
{
    F80 r1, r2;
    uint16_t s1, s2;
    __asm__ volatile("fnclex\n\tflds %[a]\n\tfnstsw %[s1]\n\tfstpt %[r1]\n\t"
                     "fnclex\n\tfldl %[b]\n\tfnstsw %[s2]\n\tfstpt %[r2]\n\tfninit"
                     : [r1] "=m"(r1.b), [r2] "=m"(r2.b), [s1] "=m"(s1), [s2] "=m"(s2)
                     : [a] "m"(f32), [b] "m"(f64));
    printf(" ");
    pf(&r1);
    printf("/%x ", s1 & 0x7f);
    pf(&r2);
    printf("/%x", s2 & 0x7f);
}

static void op_stores(uint16_t cw, F80 a)
{
    uint32_t f;
    uint64_t d;
    uint16_t s1, s2;
    __asm__ volatile("fnclex\n\tfldcw %[cw]\n\tfldt %[a]\n\tfsts %[f]\n\tfnstsw %[s1]\n\t"
                     "fnclex\n\tfstpl %[d]\n\tfnstsw %[s2]\n\tfninit"
                     : [f] "=m"(f), [d] "=m"(d), [s1] "=m"(s1), [s2] "=m"(s2)
                     : [a] "m"(a.b), [cw] "m"(cw));
    printf(" %08x/%x %016llx/%x", f, s1 & 0x27f, (unsigned long long)d, s2 & 0x27f);
}

static void op_env(void)
{
    uint32_t env[7];
    __asm__ volatile("fninit\n\tfld1\n\tfldz\n\tfdiv %%st(0), %%st(1)\n\tfnstenv %[e]\n\tfninit"
                     : [e] "=m"(env));
    /* control, status and tag words (the instruction pointers are
       addresses: not compared) */
    printf("env cw %04x sw %04x tag %04x\n", env[0] & 0xffff, env[1] & 0xffff, env[2] & 0xffff);
}

int main(void)
{
    long double one = 1.0L;
    F80 vals[] = {
        f80(1.0L), f80(-1.5L), f80(3.0L), f80(0.1L), f80(1e300L), f80(1e-300L), f80(0.0L),
        f80(-0.0L), f80(2.5L), f80(-2.5L), f80(1.0L / 3.0L), f80(123456789.987654321L),
        f80(1e4000L), f80(__builtin_infl()), f80(-__builtin_infl()), f80(__builtin_nanl("")),
        f80(0.7853981633974483096L), f80(1e19L), f80(-9.5e18L), f80(4.9406564584124654e-324L),
        f80(one / 7.0L), f80(65535.5L), f80(-32768.5L), f80(2147483647.5L),
    };
    const int nv = sizeof vals / sizeof vals[0];
    for (int rc = 0; rc < 4; rc++)
        for (int pc = 0; pc < 4; pc++) {
            if (pc == 1)
                continue;
            uint16_t cw = cw_of(rc, pc);
            printf("rc %d pc %d\n", rc, pc);
            for (int i = 0; i < nv; i++) {
                printf(" %2d:", i);
                for (int j = 0; j < nv; j += 3) {
                    op_add(cw, vals[i], vals[j]);
                    op_sub(cw, vals[i], vals[j]);
                    op_mul(cw, vals[i], vals[j]);
                    op_div(cw, vals[i], vals[j]);
                }
                op_divr(cw, vals[i], vals[2]);
                op_sqrt(cw, vals[i]);
                op_rndint(cw, vals[i]);
                op_fist(cw, vals[i]);
                op_stores(cw, vals[i]);
                printf("\n");
            }
        }
    printf("transcendental\n");
    for (int i = 0; i < nv; i++) {
        printf(" %2d:", i);
        op_sin(0x37f, vals[i]);
        op_cos(0x37f, vals[i]);
        op_f2xm1(0x37f, vals[i]);
        op_chs(0x37f, vals[i]);
        op_ptan(vals[i]);
        op_sincos(vals[i]);
        op_xtract(vals[i]);
        op_yl2x(0x37f, vals[i], vals[2]);
        op_yl2xp1(0x37f, vals[3], vals[i]);
        op_patan(0x37f, vals[i], vals[1]);
        op_scale(0x37f, vals[i], vals[8]);
        op_fxam(vals[i]);
        printf("\n");
    }
    printf("remainder and compare\n");
    for (int i = 0; i < nv; i++) {
        printf(" %2d:", i);
        for (int j = 0; j < nv; j += 4) {
            op_prem(vals[i], vals[j]);
            op_prem1(vals[i], vals[j]);
            op_cmp(vals[i], vals[j]);
        }
        printf("\n");
    }
    printf("loads\n");
    static const uint32_t f32s[] = { 0x3f800000, 0x7f800001, 0xffc00000, 0x00000001, 0x80000000 };
    static const uint64_t f64s[] = { 0x3ff0000000000000ull, 0x7ff0000000000001ull, 0x0000000000000001ull,
                                     0xfff8000000000000ull, 0x8000000000000000ull };
    for (int i = 0; i < 5; i++) {
        op_loads(f32s[i], f64s[i]);
        printf("\n");
    }
    printf("memory and st(i) forms\n");
    static const double m64s[] = { 1.0, -0.1, 3e300, 5e-324, -0.0, 1.0 / 3.0 };
    static const float m32s[] = { 1.0f, -0.1f, 3e38f, 1e-45f, -0.0f, 1.0f / 3.0f };
    for (int rc = 0; rc < 4; rc++)
        for (int pc = 0; pc < 4; pc += 2) {
            uint16_t cw = cw_of(rc, pc);
            printf("rc %d pc %d\n", rc, pc);
            for (int i = 0; i < nv; i += 2) {
                printf(" %2d:", i);
                for (int j = 0; j < 6; j++) {
                    m64_add(cw, vals[i], m64s[j]);
                    m64_mul(cw, vals[i], m64s[j]);
                    m64_sub(cw, vals[i], m64s[j]);
                    m64_subr(cw, vals[i], m64s[j]);
                    m64_div(cw, vals[i], m64s[j]);
                    m64_divr(cw, vals[i], m64s[j]);
                    m32_add(cw, vals[i], m32s[j]);
                    m32_mul(cw, vals[i], m32s[j]);
                    m32_sub(cw, vals[i], m32s[j]);
                    m32_subr(cw, vals[i], m32s[j]);
                    m32_div(cw, vals[i], m32s[j]);
                    m32_divr(cw, vals[i], m32s[j]);
                }
                for (int j = 1; j < nv; j += 5) {
                    dc_add(cw, vals[i], vals[j]);
                    dc_mul(cw, vals[i], vals[j]);
                    dc_sub(cw, vals[i], vals[j]);
                    dc_subr(cw, vals[i], vals[j]);
                    dc_div(cw, vals[i], vals[j]);
                    dc_divr(cw, vals[i], vals[j]);
                    de_add(cw, vals[i], vals[j]);
                    de_mul(cw, vals[i], vals[j]);
                    de_sub(cw, vals[i], vals[j]);
                    de_subr(cw, vals[i], vals[j]);
                    de_div(cw, vals[i], vals[j]);
                    de_divr(cw, vals[i], vals[j]);
                }
                printf("\n");
            }
        }
    printf("stack faults\n");
    op_faults(vals[2]);
    op_faults(vals[15]);
    op_fault_retry();
    op_env();
    op_comi_c1();
    return 0;
}
