/*
 * MMX and SSE to SSSE3 helpers: each runs the very instruction the guest
 * runs on the host's own SIMD unit (the host is x86-64: bit-exact by
 * construction, NaN propagation, denormals and the approximations of
 * rcpps/rsqrtps included), on operands in env at the offsets the
 * translator passes (xmm[i], the MMX slots fpregs[i], or xmm_t0 holding a
 * memory operand).
 *
 * MMX forms run on the host's MMX registers and end with emms: mimic's own
 * code keeps nothing on the x87 stack between helpers (fpu-helper.c), and
 * MMX instructions leave the x87 control word and exception flags alone.
 *
 * Floating-point forms run under the guest's MXCSR (rounding, DAZ, FTZ)
 * with every exception masked and the flags cleared; the flags raised are
 * merged into the guest's MXCSR.  One the guest has unmasked becomes #XM
 * (SIGFPE) and, as on the CPU, the destination is left unchanged.
 */
#include <signal.h>
#include <stdbool.h>
#include <string.h>

#include "include/guest.h"
#include "target-i386/cpu.h"
#include "target-i386/sse-helper.h"

#define P(off) ((void *)((uint8_t *)env + (off)))
#define XMM(off) (*(X86Xmm *)P(off))
#define MMQ(off) (*(uint64_t *)P(off))

/* ---- MXCSR ---- */

/*
 * Two ways to run an operation:
 *  - fast, when the guest's MXCSR has the default controls (round to
 *    nearest, no DAZ/FTZ, every exception masked: what mimic's own code
 *    runs with too): the operation runs as it is, and its flags stay in
 *    the host's MXCSR.  The guest's flags are env->mxcsr's OR the host's:
 *    x86_mxcsr_fold moves the host's into env->mxcsr (and clears them)
 *    before anything reads env->mxcsr (stmxcsr, fxsave, a signal frame,
 *    the slow way below), x86_mxcsr_drop clears them when env->mxcsr is
 *    replaced (ldmxcsr, fxrstor, a signal handler's clean state,
 *    sigreturn).  No MXCSR access at all per operation: stmxcsr after an
 *    SSE operation waits for it, which made it the cost of a helper.
 *    This relies on mimic's own code raising no SSE flags while it runs an
 *    i386 guest (it computes in floating point only for ARM guests'
 *    helpers, core/host-fp.c, and -d statistics);
 *  - slow, otherwise: the guest's controls with every exception masked and
 *    the flags cleared, then back to the host's default with no flags; a
 *    flag the guest has unmasked becomes #XM.
 * mx_begin returns MX_FAST or the host's MXCSR to restore.
 */
#define MX_FAST 0xffffffffu
#define MX_DEFAULT 0x1f80u

extern __thread CPUCommon *thread_cpu;

/* The host's MXCSR is this thread's, and env is the guest thread running
   on it (or none runs yet: start-up). */
static inline bool mx_own(const CPUX86State *env)
{
    return !thread_cpu || thread_cpu == &env->common;
}

static inline uint32_t mx_host_flags(void)
{
    uint32_t h;
    __asm__ volatile("stmxcsr %0" : "=m"(h) : : "memory");
    return h & 0x3f;
}

static inline void mx_host_clear(void)
{
    uint32_t d = MX_DEFAULT;
    __asm__ volatile("ldmxcsr %0" : : "m"(d) : "memory");
}

void x86_mxcsr_fold(CPUX86State *env)
{
    if (!mx_own(env))
        return;
    uint32_t f = mx_host_flags();
    if (f) {
        env->mxcsr |= f;
        mx_host_clear();
    }
}

uint32_t x86_mxcsr_peek(const CPUX86State *env)
{
    return env->mxcsr | (mx_own(env) ? mx_host_flags() : 0);
}

void x86_mxcsr_drop(const CPUX86State *env)
{
    if (mx_own(env) && mx_host_flags())
        mx_host_clear();
}

static inline uint32_t mx_begin(CPUX86State *env)
{
    if (__builtin_expect((env->mxcsr & 0xffc0u) == MX_DEFAULT, 1))
        return MX_FAST;
    x86_mxcsr_fold(env);
    uint32_t g = (env->mxcsr & 0xffc0u) | 0x1f80u;
    __asm__ volatile("ldmxcsr %0" : : "m"(g) : "memory");
    return MX_DEFAULT;
}

/* Commit n bytes of res to dst unless an unmasked exception is raised
   (slow way: merge the flags, back to the host's MXCSR).
   0 or EXCP_X86_XM. */
static uint32_t mx_end(CPUX86State *env, uint32_t host, void *dst, const void *res, size_t n)
{
    uint32_t g;
    if (__builtin_expect(host == MX_FAST, 1)) {
        memcpy(dst, res, n);
        return 0;
    }
    __asm__ volatile("stmxcsr %0\n\tldmxcsr %1" : "=m"(g) : "m"(host) : "memory");
    uint32_t flags = g & 0x3f;
    env->mxcsr |= flags;
    uint32_t err = flags & ~(env->mxcsr >> 7) & 0x3f;
    if (err) {
        /* si_code as Linux picks it (fpu__exception_code). */
        env->common.exception_arg = (err & 1) ? FPE_FLTINV : (err & 4) ? FPE_FLTDIV
                                  : (err & 8) ? FPE_FLTOVF : (err & 0x12) ? FPE_FLTUND : FPE_FLTRES;
        return EXCP_X86_XM;
    }
    memcpy(dst, res, n);
    return 0;
}

uint32_t helper_ldmxcsr(CPUX86State *env, uint32_t v)
{
    if (v & ~0xffffu)
        return EXCP_X86_GP;
    x86_mxcsr_drop(env);
    env->mxcsr = v;
    x86_update_hflags(env);
    return 0;
}

uint32_t helper_stmxcsr(CPUX86State *env)
{
    x86_mxcsr_fold(env);
    return env->mxcsr;
}

/* ---- Integer: d = d op s ---- */

#define DEF_MMX_BODY(hname, body)                                                        \
    void helper_##hname(CPUX86State *env, uint32_t d, uint32_t s)                        \
    {                                                                                    \
        __asm__ volatile("movq %[d], %%mm0\n\tmovq %[s], %%mm1\n\t" body                 \
                         "\n\tmovq %%mm0, %[d]\n\temms"                                  \
                         : [d] "+m"(MMQ(d)) : [s] "m"(MMQ(s)) : "mm0", "mm1");           \
    }
#define DEF_XMM_BODY(hname, body)                                                        \
    void helper_##hname(CPUX86State *env, uint32_t d, uint32_t s)                        \
    {                                                                                    \
        __asm__ volatile("movdqu %[d], %%xmm0\n\tmovdqu %[s], %%xmm1\n\t" body           \
                         "\n\tmovdqu %%xmm0, %[d]"                                       \
                         : [d] "+m"(XMM(d)) : [s] "m"(XMM(s)) : "xmm0", "xmm1");         \
    }
#define DEF_INT(op, name, f1, f2)                                                        \
    DEF_MMX_BODY(mmx_##name, #name " %%mm1, %%mm0")                                      \
    DEF_XMM_BODY(xmm_##name, #name " %%xmm1, %%xmm0")
#define DEF_SSSE3(op, name) DEF_INT(op, name, SSSE3, SSSE3)
INT_OPS(DEF_INT)
SSSE3_OPS(DEF_SSSE3)
#define DEF_XMM_MORE(name, body) DEF_XMM_BODY(xmm_##name, body)
XMM_INT_MORE(DEF_XMM_MORE)

/* ---- Floating point under MXCSR ---- */

#define DEF_FP_BODY(hname, body)                                                         \
    uint32_t helper_##hname(CPUX86State *env, uint32_t d, uint32_t s)                    \
    {                                                                                    \
        X86Xmm r;                                                                        \
        uint32_t h = mx_begin(env);                                                      \
        __asm__ volatile("movdqu %[d], %%xmm0\n\tmovdqu %[s], %%xmm1\n\t" body           \
                         "\n\tmovdqu %%xmm0, %[r]"                                       \
                         : [r] "=m"(r) : [d] "m"(XMM(d)), [s] "m"(XMM(s)) : "xmm0", "xmm1"); \
        return mx_end(env, h, P(d), &r, sizeof r);                                       \
    }
#define DEF_FP(op, stem)                                                                 \
    DEF_FP_BODY(stem##ps, #stem "ps %%xmm1, %%xmm0")                                      \
    DEF_FP_BODY(stem##pd, #stem "pd %%xmm1, %%xmm0")                                      \
    DEF_FP_BODY(stem##ss, #stem "ss %%xmm1, %%xmm0")                                      \
    DEF_FP_BODY(stem##sd, #stem "sd %%xmm1, %%xmm0")
FP_OPS(DEF_FP)
XMM_FP_MORE(DEF_FP_BODY)

/* cmpps/pd/ss/sd: the predicate is part of the instruction. */
#define CMP_CASE(insn, n)                                                                \
    case n:                                                                              \
        __asm__ volatile("movdqu %[d], %%xmm0\n\tmovdqu %[s], %%xmm1\n\t" insn " $" #n   \
                         ", %%xmm1, %%xmm0\n\tmovdqu %%xmm0, %[r]"                       \
                         : [r] "=m"(r) : [d] "m"(XMM(d)), [s] "m"(XMM(s)) : "xmm0", "xmm1"); \
        break;
#define DEF_CMP(name)                                                                    \
    uint32_t helper_##name(CPUX86State *env, uint32_t d, uint32_t s, uint32_t imm)       \
    {                                                                                    \
        X86Xmm r;                                                                        \
        uint32_t h = mx_begin(env);                                                      \
        switch (imm & 7) {                                                               \
            CMP_CASE(#name, 0) CMP_CASE(#name, 1) CMP_CASE(#name, 2) CMP_CASE(#name, 3)  \
            CMP_CASE(#name, 4) CMP_CASE(#name, 5) CMP_CASE(#name, 6) CMP_CASE(#name, 7)  \
        }                                                                                \
        return mx_end(env, h, P(d), &r, sizeof r);                                       \
    }
CMP_OPS(DEF_CMP)

/* Scalar -> int32 in env->sse_res. */
#define DEF_CVT2SI(name)                                                                 \
    uint32_t helper_##name(CPUX86State *env, uint32_t s)                                 \
    {                                                                                    \
        uint32_t v;                                                                      \
        uint32_t h = mx_begin(env);                                                      \
        __asm__ volatile("movdqu %[s], %%xmm1\n\t" #name " %%xmm1, %k[v]"                \
                         : [v] "=r"(v) : [s] "m"(XMM(s)) : "xmm1");                      \
        return mx_end(env, h, &env->sse_res, &v, sizeof v);                              \
    }
CVT2SI_OPS(DEF_CVT2SI)

/* int32 -> scalar. */
#define DEF_CVTSI2(name)                                                                 \
    uint32_t helper_##name(CPUX86State *env, uint32_t d, uint32_t v)                     \
    {                                                                                    \
        X86Xmm r;                                                                        \
        uint32_t h = mx_begin(env);                                                      \
        __asm__ volatile("movdqu %[d], %%xmm0\n\t" #name "l %k[v], %%xmm0\n\t"           \
                         "movdqu %%xmm0, %[r]"                                           \
                         : [r] "=m"(r) : [d] "m"(XMM(d)), [v] "r"(v) : "xmm0");          \
        return mx_end(env, h, P(d), &r, sizeof r);                                       \
    }
CVTSI2_OPS(DEF_CVTSI2)

/* comis/ucomis: ZF PF CF in env->cc_tmp (OF SF AF clear). */
#define DEF_COMI(name)                                                                   \
    uint32_t helper_##name(CPUX86State *env, uint32_t d, uint32_t s)                     \
    {                                                                                    \
        uint8_t z, p, c;                                                                 \
        uint32_t h = mx_begin(env);                                                      \
        __asm__ volatile("movdqu %[d], %%xmm0\n\tmovdqu %[s], %%xmm1\n\t" #name          \
                         " %%xmm1, %%xmm0\n\tsetz %[z]\n\tsetp %[p]\n\tsetc %[c]"         \
                         : [z] "=q"(z), [p] "=q"(p), [c] "=q"(c)                         \
                         : [d] "m"(XMM(d)), [s] "m"(XMM(s)) : "xmm0", "xmm1", "cc");     \
        uint32_t f = (uint32_t)z << 6 | (uint32_t)p << 2 | c;                            \
        return mx_end(env, h, &env->cc_tmp, &f, sizeof f);                               \
    }
COMI_OPS(DEF_COMI)

/* The interpreter's inline comis (tcg host_simd with flags): the host
   RFLAGS after the instruction in env->host_flags, under the host's MXCSR
   as generated code would run it. */
#define DEF_COMI_FLAGS(name)                                                             \
    void helper_##name##_flags(CPUX86State *env, uint32_t d, uint32_t s, uint32_t imm)  \
    {                                                                                    \
        uint8_t z, p, c; /* (no pushf here: it would write the red zone) */              \
        __asm__ volatile("movdqu %[d], %%xmm0\n\tmovdqu %[s], %%xmm1\n\t" #name          \
                         " %%xmm1, %%xmm0\n\tsetz %[z]\n\tsetp %[p]\n\tsetc %[c]"         \
                         : [z] "=q"(z), [p] "=q"(p), [c] "=q"(c)                         \
                         : [d] "m"(XMM(d)), [s] "m"(XMM(s)) : "xmm0", "xmm1", "cc");     \
        env->host_flags = (uint64_t)z << 6 | (uint64_t)p << 2 | c;                       \
    }
COMI_OPS(DEF_COMI_FLAGS)

/* ---- Masks ---- */

uint32_t helper_pmovmskb_mmx(CPUX86State *env, uint32_t s)
{
    uint32_t v;
    __asm__ volatile("movq %[s], %%mm1\n\tpmovmskb %%mm1, %k[v]\n\temms"
                     : [v] "=r"(v) : [s] "m"(MMQ(s)) : "mm1");
    return v;
}

#define DEF_MSK(name)                                                                    \
    uint32_t helper_##name(CPUX86State *env, uint32_t s)                                 \
    {                                                                                    \
        uint32_t v;                                                                      \
        __asm__ volatile("movdqu %[s], %%xmm1\n\t" #name " %%xmm1, %k[v]"                \
                         : [v] "=r"(v) : [s] "m"(XMM(s)) : "xmm1");                      \
        return v;                                                                        \
    }
DEF_MSK(pmovmskb)
DEF_MSK(movmskps)
DEF_MSK(movmskpd)

/* ---- Shuffles with an immediate (plain data movement) ---- */

void helper_pshufw(CPUX86State *env, uint32_t d, uint32_t s, uint32_t imm)
{
    uint16_t w[4], r[4];
    memcpy(w, P(s), 8);
    for (int i = 0; i < 4; i++)
        r[i] = w[(imm >> (2 * i)) & 3];
    memcpy(P(d), r, 8);
}

void helper_pshufd(CPUX86State *env, uint32_t d, uint32_t s, uint32_t imm)
{
    X86Xmm a = XMM(s), r;
    for (int i = 0; i < 4; i++)
        r.l[i] = a.l[(imm >> (2 * i)) & 3];
    XMM(d) = r;
}

void helper_pshuflw(CPUX86State *env, uint32_t d, uint32_t s, uint32_t imm)
{
    X86Xmm a = XMM(s), r = a;
    for (int i = 0; i < 4; i++)
        r.w[i] = a.w[(imm >> (2 * i)) & 3];
    XMM(d) = r;
}

void helper_pshufhw(CPUX86State *env, uint32_t d, uint32_t s, uint32_t imm)
{
    X86Xmm a = XMM(s), r = a;
    for (int i = 0; i < 4; i++)
        r.w[4 + i] = a.w[4 + ((imm >> (2 * i)) & 3)];
    XMM(d) = r;
}

void helper_shufps(CPUX86State *env, uint32_t d, uint32_t s, uint32_t imm)
{
    X86Xmm a = XMM(d), b = XMM(s), r;
    r.l[0] = a.l[imm & 3];
    r.l[1] = a.l[(imm >> 2) & 3];
    r.l[2] = b.l[(imm >> 4) & 3];
    r.l[3] = b.l[(imm >> 6) & 3];
    XMM(d) = r;
}

void helper_shufpd(CPUX86State *env, uint32_t d, uint32_t s, uint32_t imm)
{
    X86Xmm a = XMM(d), b = XMM(s), r;
    r.q[0] = a.q[imm & 1];
    r.q[1] = b.q[(imm >> 1) & 1];
    XMM(d) = r;
}

/* palignr: (d:s) >> 8 * imm, the low 8 (MMX) or 16 bytes. */
void helper_palignr_mmx(CPUX86State *env, uint32_t d, uint32_t s, uint32_t imm)
{
    uint8_t t[32] = { 0 }, r[8];
    memcpy(t, P(s), 8);
    memcpy(t + 8, P(d), 8);
    for (unsigned i = 0; i < 8; i++)
        r[i] = imm + i < 16 ? t[imm + i] : 0;
    memcpy(P(d), r, 8);
}

void helper_palignr_xmm(CPUX86State *env, uint32_t d, uint32_t s, uint32_t imm)
{
    uint8_t t[32], r[16];
    memcpy(t, P(s), 16);
    memcpy(t + 16, P(d), 16);
    for (unsigned i = 0; i < 16; i++)
        r[i] = imm + i < 32 ? t[imm + i] : 0;
    memcpy(P(d), r, 16);
}

/* psrldq / pslldq: byte shifts of the whole register. */
void helper_psrldq(CPUX86State *env, uint32_t d, uint32_t imm)
{
    X86Xmm a = XMM(d), r;
    for (unsigned i = 0; i < 16; i++)
        r.b[i] = imm + i < 16 ? a.b[imm + i] : 0;
    XMM(d) = r;
}

void helper_pslldq(CPUX86State *env, uint32_t d, uint32_t imm)
{
    X86Xmm a = XMM(d), r;
    for (unsigned i = 0; i < 16; i++)
        r.b[i] = i >= imm ? a.b[i - imm] : 0;
    XMM(d) = r;
}

/* maskmovq / maskmovdqu: the bytes of d whose mask byte in s has bit 7
   set, stored at addr (n = 8 or 16).  0 or EXCP_X86_GP. */
uint32_t helper_maskmov(CPUX86State *env, uint32_t d, uint32_t s, uint32_t addr, uint32_t n)
{
    const uint8_t *v = P(d), *m = P(s);
    for (uint32_t i = 0; i < n; i++)
        if ((m[i] & 0x80) && copy_to_guest(addr + i, &v[i], 1) < 0)
            return EXCP_X86_GP;
    return 0;
}
