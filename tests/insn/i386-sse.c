/*
 * MMX, SSE, SSE2, SSE3, SSSE3: integer operations on edge and random
 * vectors (register and memory forms), floating point on special values
 * (signed zeros, denormals, infinities, quiet and signalling NaNs with
 * payloads) in every MXCSR rounding mode and with DAZ/FTZ, the MXCSR flags
 * each raises, compares, conversions (integer indefinite), shuffles with
 * immediates, the MMX/x87 aliasing (tags, TOP, exponent bits), an
 * unmasked SIMD exception (SIGFPE si_code, destination unchanged) and the
 * alignment fault of a misaligned movaps.
 *
 * These instructions behave the same in 64-bit mode, so i386-sse.expected
 * is this source built for x86-64 and run on the real CPU
 * (gcc -O2 tests/insn/i386-sse.c && ./a.out > i386-sse.expected).
 */
#pragma GCC target("mmx,sse2,ssse3")
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    uint8_t b[16];
} __attribute__((aligned(16))) V;

static void pv(const V *v)
{
    for (int i = 15; i >= 0; i--)
        printf("%02x", v->b[i]);
}

static uint32_t rng = 12345;
static uint32_t rnd(void)
{
    rng = rng * 1103515245u + 12345u;
    return rng >> 8 ^ rng << 13;
}

/* ---- Integer: xmm (register and memory source) and mm ---- */

typedef void (*XFn)(V *r, const V *a, const V *b);
typedef void (*MFn)(uint64_t *r, const uint64_t *a, const uint64_t *b);

#define XOP(name, insn)                                                                  \
    static void x_##name(V *r, const V *a, const V *b)                                   \
    {                                                                                    \
        __asm__ volatile("movdqu %[a], %%xmm0\n\tmovdqu %[b], %%xmm1\n\t" insn           \
                         " %%xmm1, %%xmm0\n\tmovdqu %%xmm0, %[r]\n\t"                     \
                         "movdqu %[a], %%xmm2\n\t" insn " %[b], %%xmm2\n\t"               \
                         "pcmpeqb %%xmm0, %%xmm2\n\tpmovmskb %%xmm2, %%eax\n\t"           \
                         "cmpl $0xffff, %%eax\n\tje 1f\n\tmovdqu %%xmm2, %[r]\n1:"       \
                         : [r] "=m"(*r) : [a] "m"(*a), [b] "m"(*b)                       \
                         : "xmm0", "xmm1", "xmm2", "eax", "cc");                          \
    }
#define MOP(name, insn)                                                                  \
    static void m_##name(uint64_t *r, const uint64_t *a, const uint64_t *b)              \
    {                                                                                    \
        uint64_t t;                                                                      \
        __asm__ volatile("movq %[a], %%mm0\n\tmovq %[b], %%mm1\n\t" insn                 \
                         " %%mm1, %%mm0\n\tmovq %%mm0, %[r]\n\tmovq %[a], %%mm2\n\t" insn \
                         " %[b], %%mm2\n\tmovq %%mm2, %[t]\n\temms"                      \
                         : [r] "=m"(*r), [t] "=m"(t) : [a] "m"(*a), [b] "m"(*b)          \
                         : "mm0", "mm1", "mm2");                                         \
        if (t != *r)                                                                     \
            *r = ~0ull ^ 0x1234; /* memory form differs */                               \
    }
#define BOTH(name) XOP(name, #name) MOP(name, #name)
#define LIST_BOTH(X)                                                                     \
    X(punpcklbw) X(punpcklwd) X(punpckldq) X(packsswb) X(pcmpgtb) X(pcmpgtw) X(pcmpgtd)  \
    X(packuswb) X(punpckhbw) X(punpckhwd) X(punpckhdq) X(packssdw) X(pcmpeqb) X(pcmpeqw) \
    X(pcmpeqd) X(psrlw) X(psrld) X(psrlq) X(paddq) X(pmullw) X(psubusb) X(psubusw)       \
    X(pminub) X(pand) X(paddusb) X(paddusw) X(pmaxub) X(pandn) X(pavgb) X(psraw)         \
    X(psrad) X(pavgw) X(pmulhuw) X(pmulhw) X(psubsb) X(psubsw) X(pminsw) X(por)          \
    X(paddsb) X(paddsw) X(pmaxsw) X(pxor) X(psllw) X(pslld) X(psllq) X(pmuludq)          \
    X(pmaddwd) X(psadbw) X(psubb) X(psubw) X(psubd) X(psubq) X(paddb) X(paddw) X(paddd)  \
    X(pshufb) X(phaddw) X(phaddd) X(phaddsw) X(pmaddubsw) X(phsubw) X(phsubd)            \
    X(phsubsw) X(psignb) X(psignw) X(psignd) X(pmulhrsw) X(pabsb) X(pabsw) X(pabsd)
#define LIST_XMM(X)                                                                      \
    X(punpcklqdq) X(punpckhqdq) X(unpcklps) X(unpcklpd) X(unpckhps) X(unpckhpd)          \
    X(movsldup) X(movshdup) X(andps) X(andnps) X(orps) X(xorps) X(andpd) X(andnpd)       \
    X(orpd) X(xorpd) X(movaps) X(movdqa) X(movdqu) X(movups) X(movapd) X(movupd)         \
    X(movss) X(movsd) X(movq) X(movddup)
LIST_BOTH(BOTH)
#define XONLY(name) XOP(name, #name)
LIST_XMM(XONLY)

#define XENT(name) { #name, x_##name },
#define MENT(name) { #name, m_##name },
static const struct { const char *n; XFn f; } xops[] = { LIST_BOTH(XENT) LIST_XMM(XENT) };
static const struct { const char *n; MFn f; } mops[] = { LIST_BOTH(MENT) };

static void fill_vec(V *v, int k)
{
    static const uint8_t edge[] = { 0x00, 0x01, 0x7f, 0x80, 0xff, 0xfe, 0x81, 0x40 };
    for (int i = 0; i < 16; i++)
        v->b[i] = k < 2 ? edge[(i + 3 * k) % 8] : (uint8_t)rnd();
    if (k == 2) /* small shift counts */
        memset(v->b + 1, 0, 7), v->b[0] &= 15;
    if (k == 3)
        memset(v->b + 1, 0, 7), v->b[0] |= 0x20, v->b[0] &= 0x3f;
}

static void test_int(void)
{
    V a[6], b[6];
    for (int k = 0; k < 6; k++) {
        fill_vec(&a[k], k);
        fill_vec(&b[k], (k + 2) % 6);
    }
    for (size_t i = 0; i < sizeof xops / sizeof xops[0]; i++) {
        printf("%-10s", xops[i].n);
        for (int k = 0; k < 6; k++) {
            V r;
            xops[i].f(&r, &a[k], &b[k]);
            printf(" ");
            pv(&r);
        }
        printf("\n");
    }
    for (size_t i = 0; i < sizeof mops / sizeof mops[0]; i++) {
        printf("mmx %-10s", mops[i].n);
        for (int k = 0; k < 6; k++) {
            uint64_t r, x, y;
            memcpy(&x, a[k].b + (k & 1) * 8, 8);
            memcpy(&y, b[k].b, 8);
            mops[i].f(&r, &x, &y);
            printf(" %016llx", (unsigned long long)r);
        }
        printf("\n");
    }
}

static void test_movhl(void)
{
    V a, b, r1, r2;
    for (int i = 0; i < 16; i++)
        a.b[i] = (uint8_t)i, b.b[i] = (uint8_t)(0xf0 + i);
    __asm__ volatile("movdqu %[a], %%xmm0\n\tmovdqu %[b], %%xmm1\n\tmovlhps %%xmm1, %%xmm0\n\t"
                     "movdqu %%xmm0, %[r1]\n\tmovdqu %[a], %%xmm0\n\tmovhlps %%xmm1, %%xmm0\n\t"
                     "movdqu %%xmm0, %[r2]\n\tmovhps %[b], %%xmm0\n\tmovlps %%xmm0, %[a2]\n\t"
                     "movhpd %%xmm0, %[b2]"
                     : [r1] "=m"(r1), [r2] "=m"(r2), [a2] "=m"(*(uint64_t *)a.b), [b2] "=m"(*(uint64_t *)(b.b + 8))
                     : [a] "m"(a), [b] "m"(b) : "xmm0", "xmm1", "memory");
    printf("movhl ");
    pv(&r1);
    printf(" ");
    pv(&r2);
    printf(" ");
    pv(&a);
    printf(" ");
    pv(&b);
    printf("\n");
    V x = a;
    __asm__ volatile("movdqu %[x], %%xmm3\n\tmovl $0xbeef, %%eax\n\tpinsrw $5, %%eax, %%xmm3\n\t"
                     "pinsrw $0, %[w], %%xmm3\n\tmovdqu %%xmm3, %[x]"
                     : [x] "+m"(x) : [w] "m"(*(uint16_t *)b.b) : "xmm3", "eax");
    printf("pinsrw ");
    pv(&x);
    printf("\n");
}

/* ---- Immediates: shuffles, shifts, palignr, pinsrw/pextrw ---- */

#define XIMM(name, insn, imm)                                                            \
    {                                                                                    \
        V r;                                                                             \
        __asm__ volatile("movdqu %[a], %%xmm0\n\tmovdqu %[b], %%xmm1\n\t" insn " $" #imm \
                         ", %%xmm1, %%xmm0\n\tmovdqu %%xmm0, %[r]"                        \
                         : [r] "=m"(r) : [a] "m"(a), [b] "m"(b) : "xmm0", "xmm1");       \
        printf("%s %3d ", name, imm);                                                    \
        pv(&r);                                                                          \
        printf("\n");                                                                    \
    }
#define XSH(insn, imm)                                                                   \
    {                                                                                    \
        V r;                                                                             \
        __asm__ volatile("movdqu %[a], %%xmm0\n\t" insn " $" #imm ", %%xmm0\n\t"           \
                         "movdqu %%xmm0, %[r]" : [r] "=m"(r) : [a] "m"(a) : "xmm0");     \
        printf("%s %3d ", insn, imm);                                                    \
        pv(&r);                                                                          \
        printf("\n");                                                                    \
    }
#define MIMM(name, insn, imm)                                                            \
    {                                                                                    \
        uint64_t r, x = a.b[0] * 0x0101010101010101ull ^ 0x0123456789abcdefull;          \
        uint64_t y = 0xfedcba9876543210ull;                                              \
        __asm__ volatile("movq %[x], %%mm0\n\tmovq %[y], %%mm1\n\t" insn " $" #imm       \
                         ", %%mm1, %%mm0\n\tmovq %%mm0, %[r]\n\temms"                     \
                         : [r] "=m"(r) : [x] "m"(x), [y] "m"(y) : "mm0", "mm1");         \
        printf("%s %3d %016llx\n", name, imm, (unsigned long long)r);                    \
    }
#define MSH(insn, imm)                                                                   \
    {                                                                                    \
        uint64_t r, x = 0x8123456789abcdefull;                                           \
        __asm__ volatile("movq %[x], %%mm0\n\t" insn " $" #imm ", %%mm0\n\t"               \
                         "movq %%mm0, %[r]\n\temms" : [r] "=m"(r) : [x] "m"(x) : "mm0");  \
        printf("mmx %s %3d %016llx\n", insn, imm, (unsigned long long)r);                \
    }

static void test_imm(void)
{
    V a, b;
    for (int i = 0; i < 16; i++) {
        a.b[i] = (uint8_t)(0x11 * i + 0x80);
        b.b[i] = (uint8_t)(0x0f * i + 3);
    }
    XIMM("pshufd", "pshufd", 0x1b) XIMM("pshufd", "pshufd", 0xe4) XIMM("pshufd", "pshufd", 0x4e)
    XIMM("pshuflw", "pshuflw", 0x1b) XIMM("pshufhw", "pshufhw", 0xb1)
    XIMM("shufps", "shufps", 0x1b) XIMM("shufps", "shufps", 0xd8) XIMM("shufpd", "shufpd", 1)
    XIMM("shufpd", "shufpd", 2) XIMM("shufpd", "shufpd", 3)
    XIMM("palignr", "palignr", 0) XIMM("palignr", "palignr", 1) XIMM("palignr", "palignr", 7)
    XIMM("palignr", "palignr", 15) XIMM("palignr", "palignr", 16) XIMM("palignr", "palignr", 17)
    XIMM("palignr", "palignr", 31) XIMM("palignr", "palignr", 32) XIMM("palignr", "palignr", 200)
    XIMM("cmpps", "cmpps", 0) XIMM("cmpps", "cmpps", 1) XIMM("cmpps", "cmpps", 2)
    XIMM("cmpps", "cmpps", 3) XIMM("cmpps", "cmpps", 4) XIMM("cmpps", "cmpps", 5)
    XIMM("cmpps", "cmpps", 6) XIMM("cmpps", "cmpps", 7)
    XSH("psrlw", 3) XSH("psrlw", 15) XSH("psrlw", 16) XSH("psraw", 3) XSH("psraw", 40)
    XSH("psllw", 9) XSH("psrld", 31) XSH("psrad", 7) XSH("psrad", 32) XSH("pslld", 1)
    XSH("pslld", 32) XSH("psrlq", 1) XSH("psrlq", 63) XSH("psrlq", 64) XSH("psllq", 33)
    XSH("psrldq", 0) XSH("psrldq", 3) XSH("psrldq", 15) XSH("psrldq", 16) XSH("psrldq", 255)
    XSH("pslldq", 1) XSH("pslldq", 8) XSH("pslldq", 17)
    MIMM("pshufw", "pshufw", 0x1b) MIMM("pshufw", "pshufw", 0xaa)
    MIMM("palignr", "palignr", 0) MIMM("palignr", "palignr", 3) MIMM("palignr", "palignr", 8)
    MIMM("palignr", "palignr", 12) MIMM("palignr", "palignr", 16) MIMM("palignr", "palignr", 255)
    MSH("psrlw", 3) MSH("psraw", 15) MSH("psllw", 16) MSH("psrld", 5) MSH("psrad", 33)
    MSH("pslld", 4) MSH("psrlq", 12) MSH("psllq", 63) MSH("psllq", 64)
    {
        uint32_t w0, w7, mm3;
        uint64_t m = 0x1111222233334444ull;
        __asm__ volatile("movdqu %[a], %%xmm3\n\tpextrw $0, %%xmm3, %[w0]\n\tpextrw $15, %%xmm3, %[w7]\n\t"
                         "movq %[m], %%mm3\n\tmovl $0xabcd, %%eax\n\tpinsrw $6, %%eax, %%mm3\n\t"
                         "pextrw $2, %%mm3, %[mm3]\n\temms"
                         : [w0] "=r"(w0), [w7] "=r"(w7), [mm3] "=r"(mm3)
                         : [a] "m"(a), [m] "m"(m) : "xmm3", "mm3", "eax");
        printf("pextrw %08x %08x %08x\n", w0, w7, mm3);
    }
    {
        uint32_t m1, m2, m3, m4;
        uint64_t q = 0x80017f00ff800102ull;
        __asm__ volatile("movdqu %[a], %%xmm4\n\tpmovmskb %%xmm4, %[m1]\n\tmovmskps %%xmm4, %[m2]\n\t"
                         "movmskpd %%xmm4, %[m3]\n\tmovq %[q], %%mm4\n\tpmovmskb %%mm4, %[m4]\n\temms"
                         : [m1] "=r"(m1), [m2] "=r"(m2), [m3] "=r"(m3), [m4] "=r"(m4)
                         : [a] "m"(a), [q] "m"(q) : "xmm4", "mm4");
        printf("masks %08x %08x %08x %08x\n", m1, m2, m3, m4);
    }
    {
        /* movd / movq between registers and memory, movq2dq / movdq2q. */
        V r1, r2;
        uint32_t d1, d2;
        uint64_t q = 0x0123456789abcdefull, q2;
        __asm__ volatile("pcmpeqb %%xmm5, %%xmm5\n\tmovd %[d], %%xmm5\n\tmovdqu %%xmm5, %[r1]\n\t"
                         "pcmpeqb %%xmm6, %%xmm6\n\tmovq %[q], %%xmm6\n\tmovd %%xmm6, %[d1]\n\t"
                         "movq %[q], %%mm5\n\tmovq2dq %%mm5, %%xmm6\n\tmovdqu %%xmm6, %[r2]\n\t"
                         "movdq2q %%xmm5, %%mm6\n\tmovd %%mm6, %[d2]\n\tmovq %%mm6, %[q2]\n\temms"
                         : [r1] "=m"(r1), [r2] "=m"(r2), [d1] "=r"(d1), [d2] "=r"(d2), [q2] "=m"(q2)
                         : [d] "r"(0x89abcdefu), [q] "m"(q) : "xmm5", "xmm6", "mm5", "mm6");
        printf("movd ");
        pv(&r1);
        printf(" ");
        pv(&r2);
        printf(" %08x %08x %016llx\n", d1, d2, (unsigned long long)q2);
    }
}

/* ---- Floating point under MXCSR ---- */

static const uint32_t fvals[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xbfc00000, 0x7f7fffff, 0x00800000, 0x00012345,
    0x80000001, 0x7f800000, 0xff800000, 0x7fc00001, 0x7f800abc, 0xffc12345, 0x3eaaaaab,
    0x4b800001, 0xcf000000,
};
static const uint64_t dvals[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x3ff0000000000000ull, 0xbff8000000000000ull,
    0x7fefffffffffffffull, 0x0010000000000000ull, 0x000123456789abcdull, 0x8000000000000001ull,
    0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000001ull, 0x7ff0000000000abcull,
    0xfff8123456789abcull, 0x3fd5555555555555ull, 0x41e0000000000000ull, 0xc1e0000000200000ull,
};
#define NF (sizeof fvals / sizeof fvals[0])

#define FOP(name)                                                                        \
    static uint32_t f_##name(V *r, const V *a, const V *b, uint32_t mx)                  \
    {                                                                                    \
        uint32_t out;                                                                    \
        __asm__ volatile("ldmxcsr %[mx]\n\tmovdqu %[a], %%xmm0\n\tmovdqu %[b], %%xmm1\n\t" \
                         #name " %%xmm1, %%xmm0\n\tmovdqu %%xmm0, %[r]\n\tstmxcsr %[o]\n\t" \
                         "movdqu %[a], %%xmm2\n\tldmxcsr %[mx]\n\t" #name " %[b], %%xmm2\n\t"  \
                         "pcmpeqb %%xmm0, %%xmm2\n\tpmovmskb %%xmm2, %%eax\n\t"           \
                         "cmpl $0xffff, %%eax\n\tje 1f\n\tmovdqu %%xmm2, %[r]\n1:\n\t"    \
                         "movl $0x1f80, %%eax\n\tmovl %%eax, %[mx2]\n\tldmxcsr %[mx2]"   \
                         : [r] "=m"(*r), [o] "=m"(out), [mx2] "=m"(mx)                   \
                         : [a] "m"(*a), [b] "m"(*b), [mx] "m"(mx)                        \
                         : "xmm0", "xmm1", "xmm2", "eax", "cc");                          \
        return out;                                                                      \
    }
#define FLIST(X)                                                                         \
    X(addps) X(subps) X(mulps) X(divps) X(minps) X(maxps) X(sqrtps)                      \
    X(addss) X(subss) X(mulss) X(divss) X(minss) X(maxss) X(sqrtss)                      \
    X(addpd) X(subpd) X(mulpd) X(divpd) X(minpd) X(maxpd) X(sqrtpd)                      \
    X(addsd) X(subsd) X(mulsd) X(divsd) X(minsd) X(maxsd) X(sqrtsd)                      \
    X(haddps) X(hsubps) X(haddpd) X(hsubpd) X(addsubps) X(addsubpd)                      \
    X(cvtps2pd) X(cvtpd2ps) X(cvtss2sd) X(cvtsd2ss) X(cvtdq2ps) X(cvtps2dq) X(cvttps2dq)  \
    X(cvtdq2pd) X(cvtpd2dq) X(cvttpd2dq) X(rcpss) X(rsqrtss)
FLIST(FOP)
#define FENT(name) { #name, f_##name },
static const struct { const char *n; uint32_t (*f)(V *, const V *, const V *, uint32_t); } fops[] = {
    FLIST(FENT)
};

static void test_fp(void)
{
    /* Rounding modes with all exceptions masked; then DAZ, FTZ, both. */
    static const uint32_t modes[] = { 0x1f80, 0x3f80, 0x5f80, 0x7f80, 0x1fc0, 0x9f80, 0x9fc0 };
    for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++) {
        for (size_t o = 0; o < sizeof fops / sizeof fops[0]; o++) {
            uint32_t h = 0, flags = 0;
            int detail = modes[m] == 0x1f80 || o % 7 == 0;
            if (detail)
                printf("%04x %-9s", modes[m], fops[o].n);
            for (size_t i = 0; i < NF; i++) {
                V a, b, r;
                int dbl = strstr(fops[o].n, "pd") || strstr(fops[o].n, "sd");
                if (strstr(fops[o].n, "cvtps2pd") || strstr(fops[o].n, "cvtss2sd") ||
                    strstr(fops[o].n, "cvtdq2p") || strstr(fops[o].n, "cvtsd2ss") == 0)
                    ;
                for (int l = 0; l < 4; l++) {
                    uint32_t x = fvals[(i + (size_t)l) % NF], y = fvals[(i * 5 + (size_t)l * 3 + m) % NF];
                    memcpy(a.b + 4 * l, &x, 4);
                    memcpy(b.b + 4 * l, &y, 4);
                }
                if (dbl && !strstr(fops[o].n, "cvtsd2ss") && !strstr(fops[o].n, "cvtpd2ps")) {
                    for (int l = 0; l < 2; l++) {
                        uint64_t x = dvals[(i + (size_t)l) % NF], y = dvals[(i * 7 + (size_t)l + m) % NF];
                        memcpy(a.b + 8 * l, &x, 8);
                        memcpy(b.b + 8 * l, &y, 8);
                    }
                }
                if (!strcmp(fops[o].n, "cvtsd2ss") || !strcmp(fops[o].n, "cvtpd2ps") ||
                    !strcmp(fops[o].n, "cvtpd2dq") || !strcmp(fops[o].n, "cvttpd2dq"))
                    for (int l = 0; l < 2; l++) {
                        uint64_t y = dvals[(i * 3 + (size_t)l + m) % NF];
                        memcpy(b.b + 8 * l, &y, 8);
                    }
                uint32_t out = fops[o].f(&r, &a, &b, modes[m]);
                flags |= out & 0x3f;
                if (detail) {
                    printf(" ");
                    pv(&r);
                    printf("/%02x", out & 0x3f);
                } else {
                    for (int k = 0; k < 16; k++)
                        h = h * 31 + r.b[k];
                    h = h * 31 + (out & 0x3f);
                }
            }
            if (detail)
                printf("\n");
            else
                printf("%04x %-9s hash %08x flags %02x\n", modes[m], fops[o].n, h, flags);
        }
    }
}

/* Compares: cmpss predicates, comiss/ucomiss flags (and their MXCSR IE). */
static void test_cmp(void)
{
    for (size_t i = 0; i < NF; i++) {
        printf("cmp %08x", fvals[i]);
        for (size_t j = 0; j < NF; j += 3) {
            uint32_t x = fvals[i], y = fvals[j], flags1, flags2, mx1, mx2, m8;
            V a = { { 0 } }, b = { { 0 } };
            memcpy(a.b, &x, 4);
            memcpy(b.b, &y, 4);
            uint32_t clr = 0x1f80;
            __asm__ volatile("ldmxcsr %[clr]\n\tmovdqu %[a], %%xmm0\n\tmovdqu %[b], %%xmm1\n\t"
                             "comiss %%xmm1, %%xmm0\n\tlahf\n\tseto %%al\n\tmovzwl %%ax, %%eax\n\tmovl %%eax, %[f1]\n\t"
                             "stmxcsr %[m1]\n\tldmxcsr %[clr]\n\tucomiss %[b], %%xmm0\n\tlahf\n\tseto %%al\n\tmovzwl %%ax, %%eax\n\t"
                             "movl %%eax, %[f2]\n\tstmxcsr %[m2]\n\tldmxcsr %[clr]\n\t"
                             "cmpss $1, %%xmm1, %%xmm0\n\tmovd %%xmm0, %%eax\n\tandl $1, %%eax\n\t"
                             "movl %%eax, %[m8]\n\t"
                             "movdqu %[a], %%xmm0\n\tcmpss $3, %%xmm1, %%xmm0\n\tmovd %%xmm0, %%eax\n\t"
                             "andl $2, %%eax\n\torl %%eax, %[m8]\n\t"
                             "movdqu %[a], %%xmm0\n\tcmpss $6, %%xmm1, %%xmm0\n\tmovd %%xmm0, %%eax\n\t"
                             "andl $4, %%eax\n\torl %%eax, %[m8]"
                             : [f1] "=m"(flags1), [f2] "=m"(flags2), [m1] "=m"(mx1), [m2] "=m"(mx2),
                               [m8] "=m"(m8)
                             : [a] "m"(a), [b] "m"(b), [clr] "m"(clr)
                             : "xmm0", "xmm1", "eax", "cc", "memory");
            printf(" %04x/%x,%04x/%x,%x", flags1 & 0xd5ff, mx1 & 0x3f, flags2 & 0xd5ff, mx2 & 0x3f, m8);
        }
        printf("\n");
    }
}

/* Scalar conversions to and from int32, every rounding mode. */
static void test_cvt(void)
{
    static const uint32_t modes[] = { 0x1f80, 0x3f80, 0x5f80, 0x7f80 };
    static const int32_t ints[] = { 0, 1, -1, 16777217, -16777219, 0x7fffffff, (int32_t)0x80000000, 123456789 };
    for (size_t m = 0; m < 4; m++) {
        printf("cvt %04x", modes[m]);
        for (size_t i = 0; i < NF; i++) {
            uint32_t r1, r2, r3, r4, mx, f = fvals[i];
            uint64_t d = dvals[i];
            __asm__ volatile("ldmxcsr %[m]\n\tmovd %[f], %%xmm0\n\tcvtss2si %%xmm0, %%eax\n\t"
                             "movl %%eax, %[r1]\n\tcvttss2si %%xmm0, %%eax\n\tmovl %%eax, %[r2]\n\t"
                             "movq %[d], %%xmm1\n\tcvtsd2si %%xmm1, %%eax\n\tmovl %%eax, %[r3]\n\t"
                             "cvttsd2si %[d], %%eax\n\tmovl %%eax, %[r4]\n\tstmxcsr %[mx]"
                             : [r1] "=m"(r1), [r2] "=m"(r2), [r3] "=m"(r3), [r4] "=m"(r4), [mx] "=m"(mx)
                             : [m] "m"(modes[m]), [f] "m"(f), [d] "m"(d) : "xmm0", "xmm1", "eax");
            printf(" %08x,%08x,%08x,%08x/%02x", r1, r2, r3, r4, mx & 0x3f);
        }
        for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
            V r1, r2;
            uint32_t mx;
            __asm__ volatile("ldmxcsr %[m]\n\tpcmpeqb %%xmm0, %%xmm0\n\tcvtsi2ssl %[v], %%xmm0\n\t"
                             "movdqu %%xmm0, %[r1]\n\tpcmpeqb %%xmm0, %%xmm0\n\tcvtsi2sdl %[v], %%xmm0\n\t"
                             "movdqu %%xmm0, %[r2]\n\tstmxcsr %[mx]"
                             : [r1] "=m"(r1), [r2] "=m"(r2), [mx] "=m"(mx)
                             : [m] "m"(modes[m]), [v] "r"(ints[i]) : "xmm0");
            printf(" ");
            pv(&r1);
            printf(",");
            pv(&r2);
            printf("/%02x", mx & 0x3f);
        }
        /* cvtpi2ps / cvtps2pi / cvtpi2pd / cvtpd2pi through mm. */
        {
            uint64_t pi = 0x80000000ffffffffull ^ (modes[m] << 3), o1, o2;
            V r1, r2;
            V src;
            memcpy(src.b, fvals + 2 + m, 16);
            uint32_t mx;
            __asm__ volatile("ldmxcsr %[m]\n\tpcmpeqb %%xmm0, %%xmm0\n\tcvtpi2ps %[pi], %%xmm0\n\t"
                             "movdqu %%xmm0, %[r1]\n\tmovq %[pi], %%mm0\n\tcvtpi2pd %%mm0, %%xmm1\n\t"
                             "movdqu %%xmm1, %[r2]\n\tmovdqu %[src], %%xmm2\n\tcvtps2pi %%xmm2, %%mm1\n\t"
                             "movq %%mm1, %[o1]\n\tcvttpd2pi %[src], %%mm2\n\tmovq %%mm2, %[o2]\n\t"
                             "stmxcsr %[mx]\n\temms"
                             : [r1] "=m"(r1), [r2] "=m"(r2), [o1] "=m"(o1), [o2] "=m"(o2), [mx] "=m"(mx)
                             : [m] "m"(modes[m]), [pi] "m"(pi), [src] "m"(src)
                             : "xmm0", "xmm1", "xmm2", "mm0", "mm1", "mm2");
            printf(" pi ");
            pv(&r1);
            printf(" ");
            pv(&r2);
            printf(" %016llx %016llx/%02x", (unsigned long long)o1, (unsigned long long)o2, mx & 0x3f);
        }
        printf("\n");
    }
    uint32_t restore = 0x1f80;
    __asm__ volatile("ldmxcsr %0" : : "m"(restore));
}

/* MMX and the x87: TOP, tags and the exponent bits of a written register. */
static void test_alias(void)
{
    uint8_t env[28];
    uint8_t fx[512] __attribute__((aligned(16)));
    uint64_t v = 0x1122334455667788ull;
    /* Every register zero first (fninit keeps the contents). */
    __asm__ volatile("fninit\n\tfldz\n\tfldz\n\tfldz\n\tfldz\n\tfldz\n\tfldz\n\tfldz\n\tfldz\n\t"
                     "fninit\n\tfld1\n\tfldpi\n\tmovq %[v], %%mm2\n\tpaddb %%mm2, %%mm2\n\t"
                     "fnstenv %[e]\n\tfxsave %[fx]\n\temms\n\tfninit"
                     : [e] "=m"(env), [fx] "=m"(fx) : [v] "m"(v) : "mm2", "memory");
    printf("alias cw %02x%02x sw %02x%02x tw %02x%02x ftw %02x st2", env[1], env[0], env[5], env[4],
           env[9], env[8], fx[4]);
    for (int i = 9; i >= 0; i--)
        printf("%02x", fx[32 + 16 * 2 + i]);
    printf(" st7");
    for (int i = 9; i >= 0; i--)
        printf("%02x", fx[32 + 16 * 7 + i]);
    __asm__ volatile("fninit\n\tfld1\n\tmovq %[v], %%mm0\n\temms\n\tfnstenv %[e]\n\tfninit"
                     : [e] "=m"(env) : [v] "m"(v) : "mm0", "memory");
    printf(" emms sw %02x%02x tw %02x%02x\n", env[5], env[4], env[9], env[8]);
    /* fxsave carries the xmm registers and MXCSR. */
    V x;
    for (int i = 0; i < 16; i++)
        x.b[i] = (uint8_t)(i * 9 + 1);
    uint32_t mx = 0x3f85 & ~0x3f; /* rounding down, flag PE cleared, DAZ-less */
    __asm__ volatile("ldmxcsr %[m]\n\tmovdqa %[x], %%xmm7\n\tfxsave %[fx]\n\tpxor %%xmm7, %%xmm7\n\t"
                     "fxrstor %[fx]\n\tmovdqa %%xmm7, %[x]"
                     : [fx] "+m"(fx), [x] "+m"(x) : [m] "m"(mx) : "xmm7", "memory");
    uint32_t fmx;
    memcpy(&fmx, fx + 24, 4);
    printf("fxsave mxcsr %08x xmm7 ", fmx);
    pv((V *)(fx + 160 + 16 * 7));
    printf(" back ");
    pv(&x);
    printf("\n");
    uint32_t restore = 0x1f80;
    __asm__ volatile("ldmxcsr %0" : : "m"(restore));
}

/* Faults: an unmasked divide-by-zero (SIGFPE, si_code, destination kept),
   a misaligned movaps (SIGSEGV). */
static sigjmp_buf jb;
static volatile int got_code;
static void on_sig(int sig, siginfo_t *si, void *uc)
{
    got_code = sig * 100 + si->si_code;
    siglongjmp(jb, 1);
}

static void test_faults(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_sig;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGFPE, &sa, NULL);
    sigaction(SIGSEGV, &sa, NULL);
    static V a, b, r;
    static uint32_t mx_after;
    float one = 1.0f, zero = 0.0f;
    memcpy(a.b, &one, 4);
    memcpy(b.b, &zero, 4);
    memset(&r, 0x5a, sizeof r);
    if (!sigsetjmp(jb, 1)) {
        uint32_t mx = 0x1f80 & ~0x200; /* ZE unmasked */
        __asm__ volatile("movdqu %[r], %%xmm0\n\tmovdqu %[a], %%xmm0\n\tldmxcsr %[m]\n\t"
                         "divss %[b], %%xmm0\n\tmovdqu %%xmm0, %[r]"
                         : [r] "+m"(r) : [a] "m"(a), [b] "m"(b), [m] "m"(mx) : "xmm0", "memory");
        printf("no fault\n");
    } else {
        V x0;
        __asm__ volatile("stmxcsr %[mx]\n\tmovdqu %%xmm0, %[x]" : [mx] "=m"(mx_after), [x] "=m"(x0));
        printf("divss fault %d mxcsr %08x xmm0 ", got_code, mx_after);
        pv(&x0);
        printf("\n");
    }
    uint32_t restore = 0x1f80;
    __asm__ volatile("ldmxcsr %0" : : "m"(restore));
    static uint8_t buf[64] __attribute__((aligned(16)));
    if (!sigsetjmp(jb, 1)) {
        __asm__ volatile("movaps %[m], %%xmm0" : : [m] "m"(*(V *)(buf + 4)) : "xmm0");
        printf("no fault\n");
    } else {
        printf("movaps fault %d\n", got_code);
    }
    if (!sigsetjmp(jb, 1)) {
        V x;
        __asm__ volatile("movups %[m], %%xmm0\n\tmovdqu %%xmm0, %[x]" : [x] "=m"(x) : [m] "m"(*(V *)(buf + 4)) : "xmm0");
        printf("movups ok\n");
    } else {
        printf("movups fault %d\n", got_code);
    }
}

int main(void)
{
    test_int();
    test_imm();
    test_movhl();
    test_fp();
    test_cmp();
    test_cvt();
    test_alias();
    test_faults();
    return 0;
}
