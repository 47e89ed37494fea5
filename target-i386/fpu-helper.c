/*
 * x87 state: reset, and the fsave (108 bytes, 32-bit protected mode) and
 * fxsave (512 bytes) memory images, for the instructions and the signal
 * frames.  The registers are kept as 80-bit values (10 bytes of each
 * 16-byte fpregs slot), physical register i in fpregs[i]; ST(i) is
 * physical register (fpstt + i) & 7.
 */
#include <signal.h>
#include <signal.h>
#include <string.h>

#include "include/guest.h"
#include "target-i386/cpu.h"
#include "target-i386/helper.h"

static void host_clear_exc(void);

/* fninit: control, status, tags, last instruction; the register
   contents stay (an MMX program can see them). */
static void fpu_init(CPUX86State *env)
{
    host_clear_exc();
    env->fpuc = 0x37f;
    env->fpus = 0;
    env->fpstt = 0;
    env->fptags = 0xff; /* all empty */
    env->fpip = env->fpcs = env->fpdp = env->fpds = env->fpop = 0;
}

/* The initial FPU and SSE state (exec, a signal handler's entry). */
void x86_fpu_reset(CPUX86State *env)
{
    fpu_init(env);
    memset(env->fpregs, 0, sizeof env->fpregs);
    x86_mxcsr_drop(env);
    env->mxcsr = 0x1f80;
    x86_update_hflags(env);
    memset(env->xmm, 0, sizeof env->xmm);
}

static uint16_t fpu_sw(const CPUX86State *env)
{
    return (uint16_t)((env->fpus & ~0x3800u) | (env->fpstt & 7) << 11);
}

/* The two-bit tag of physical register i: 0 valid, 1 zero, 2 special, 3 empty. */
static unsigned full_tag(const CPUX86State *env, int i)
{
    if (env->fptags & (1u << i))
        return 3;
    uint64_t mant;
    uint16_t se;
    memcpy(&mant, env->fpregs[i], 8);
    memcpy(&se, env->fpregs[i] + 8, 2);
    unsigned exp = se & 0x7fff;
    if (exp == 0)
        return mant == 0 ? 1 : 2;
    if (exp == 0x7fff || !(mant >> 63))
        return 2;
    return 0;
}

void x86_fsave(CPUX86State *env, uint8_t *buf)
{
    uint32_t w[7] = { 0 };
    w[0] = 0xffff0000u | env->fpuc;
    w[1] = 0xffff0000u | fpu_sw(env);
    uint32_t tags = 0;
    for (int i = 0; i < 8; i++)
        tags |= full_tag(env, i) << (2 * i);
    w[2] = 0xffff0000u | tags;
    w[3] = env->fpip;
    w[4] = (env->fpcs & 0xffff) | (env->fpop & 0x7ff) << 16;
    w[5] = env->fpdp;
    w[6] = 0xffff0000u | (env->fpds & 0xffff);
    memcpy(buf, w, sizeof w);
    for (int i = 0; i < 8; i++)
        memcpy(buf + 28 + 10 * i, env->fpregs[(env->fpstt + (unsigned)i) & 7], 10);
}

void x86_frstor(CPUX86State *env, const uint8_t *buf)
{
    host_clear_exc();
    uint32_t w[7];
    memcpy(w, buf, sizeof w);
    env->fpuc = w[0] & 0xffff;
    env->fpus = w[1] & 0xffff & ~0x3800u;
    env->fpstt = (w[1] >> 11) & 7;
    env->fptags = 0;
    for (int i = 0; i < 8; i++)
        if (((w[2] >> (2 * i)) & 3) == 3)
            env->fptags |= 1u << i;
    env->fpip = w[3];
    env->fpcs = w[4] & 0xffff;
    env->fpop = (w[4] >> 16) & 0x7ff;
    env->fpdp = w[5];
    env->fpds = w[6] & 0xffff;
    for (int i = 0; i < 8; i++) {
        uint8_t *r = env->fpregs[(env->fpstt + (unsigned)i) & 7];
        memset(r, 0, 16);
        memcpy(r, buf + 28 + 10 * i, 10);
    }
    x86_update_hflags(env);
}

void x86_fxsave(CPUX86State *env, uint8_t *buf)
{
    memset(buf, 0, 512);
    uint16_t cw = (uint16_t)env->fpuc, sw = fpu_sw(env), op = (uint16_t)env->fpop;
    uint8_t ftw = 0;
    for (int i = 0; i < 8; i++)
        if (!(env->fptags & (1u << i)))
            ftw |= (uint8_t)(1u << i);
    memcpy(buf + 0, &cw, 2);
    memcpy(buf + 2, &sw, 2);
    buf[4] = ftw;
    memcpy(buf + 6, &op, 2);
    memcpy(buf + 8, &env->fpip, 4);
    uint16_t cs = (uint16_t)env->fpcs, ds = (uint16_t)env->fpds;
    memcpy(buf + 12, &cs, 2);
    memcpy(buf + 16, &env->fpdp, 4);
    memcpy(buf + 20, &ds, 2);
    x86_mxcsr_fold(env);
    memcpy(buf + 24, &env->mxcsr, 4);
    uint32_t mxcsr_mask = 0xffff;
    memcpy(buf + 28, &mxcsr_mask, 4);
    for (int i = 0; i < 8; i++)
        memcpy(buf + 32 + 16 * i, env->fpregs[(env->fpstt + (unsigned)i) & 7], 10);
    memcpy(buf + 160, env->xmm, sizeof env->xmm);
}

void x86_fxrstor(CPUX86State *env, const uint8_t *buf)
{
    host_clear_exc();
    uint16_t cw, sw, op, cs, ds;
    memcpy(&cw, buf + 0, 2);
    memcpy(&sw, buf + 2, 2);
    memcpy(&op, buf + 6, 2);
    env->fpuc = cw;
    env->fpus = sw & ~0x3800u;
    env->fpstt = (sw >> 11) & 7;
    env->fptags = 0;
    for (int i = 0; i < 8; i++)
        if (!(buf[4] & (1u << i)))
            env->fptags |= 1u << i;
    env->fpop = op & 0x7ff;
    memcpy(&env->fpip, buf + 8, 4);
    memcpy(&cs, buf + 12, 2);
    memcpy(&env->fpdp, buf + 16, 4);
    memcpy(&ds, buf + 20, 2);
    env->fpcs = cs;
    env->fpds = ds;
    x86_mxcsr_drop(env);
    memcpy(&env->mxcsr, buf + 24, 4);
    x86_update_hflags(env);
    for (int i = 0; i < 8; i++) {
        uint8_t *r = env->fpregs[(env->fpstt + (unsigned)i) & 7];
        memset(r, 0, 16);
        memcpy(r, buf + 32 + 16 * i, 10);
    }
    memcpy(env->xmm, buf + 160, sizeof env->xmm);
}

uint32_t helper_fxsave_rstor(CPUX86State *env, uint32_t addr, uint32_t op)
{
    uint8_t buf[512];
    if (addr & 15)
        return EXCP_X86_GP;
    if (op == 0) {
        x86_fxsave(env, buf);
        /* The reserved tail (bytes 288..511) is not written by the CPU. */
        if (copy_to_guest(addr, buf, 288) < 0)
            return EXCP_X86_GP;
    } else {
        if (copy_from_guest(buf, addr, 512) < 0)
            return EXCP_X86_GP;
        uint32_t mxcsr;
        memcpy(&mxcsr, buf + 24, 4);
        if (mxcsr & ~0xffffu)
            return EXCP_X86_GP; /* reserved MXCSR bits */
        x86_fxrstor(env, buf);
    }
    return 0;
}

/* ---- x87 arithmetic on the host FPU ----
 *
 * Each helper runs the very instruction the guest runs on the host's x87,
 * with the guest's precision and rounding control and every exception
 * masked (an unmasked one is recorded as pending: ES, and the next waiting
 * x87 instruction raises #MF).  The host status word after it gives the
 * exception flags and condition codes.  Operands and results go through
 * memory as 80-bit values, which is exact.
 */

typedef uint8_t F80[16];

#define SW_IE 0x01u
#define SW_SF 0x40u
#define SW_ES 0x80u
#define SW_C0 0x100u
#define SW_C1 0x200u
#define SW_C2 0x400u
#define SW_C3 0x4000u
#define SW_B 0x8000u
#define SW_CC (SW_C0 | SW_C1 | SW_C2 | SW_C3)

static inline int st_phys(const CPUX86State *env, int i) { return (int)((env->fpstt + (unsigned)i) & 7); }
static inline uint8_t *st_reg(CPUX86State *env, int i) { return env->fpregs[st_phys(env, i)]; }
static inline bool st_empty(const CPUX86State *env, int i) { return env->fptags & (1u << st_phys(env, i)); }

/* The QNaN "real indefinite". */
static void set_indefinite(uint8_t *r)
{
    static const uint8_t ind[10] = { 0, 0, 0, 0, 0, 0, 0, 0xc0, 0xff, 0xff };
    memset(r, 0, 16);
    memcpy(r, ind, 10);
}

/* Merge a host status word: the exception flags (sticky) and the condition
   codes in ccmask; an exception the guest has unmasked becomes pending. */
static void merge_sw(CPUX86State *env, uint32_t sw, uint32_t ccmask)
{
    uint32_t exc = sw & 0x7fu;
    env->fpus = (env->fpus & ~ccmask) | (sw & ccmask) | exc;
    if (env->fpus & ~env->fpuc & 0x3f)
        env->fpus |= SW_ES | SW_B;
}

/* A stack fault (push onto a full register or read of an empty one):
   IE and SF, C1 = overflow. */
static void stack_fault(CPUX86State *env, bool overflow)
{
    merge_sw(env, SW_IE | SW_SF | (overflow ? SW_C1 : 0), SW_C1);
}

/* Make ST(i) readable: an empty register faults and reads as the
   indefinite NaN.  Returns false on a fault. */
static inline bool st_check(CPUX86State *env, int i)
{
    if (!st_empty(env, i))
        return true;
    stack_fault(env, false);
    set_indefinite(st_reg(env, i));
    return false;
}

/* The destination ST(i) of an operation: with IE masked, a stack fault's
   indefinite result is written there like any other, so the register is
   no longer empty (fpatan with an empty ST(1) leaves a valid ST(0)). */
static void st_written(CPUX86State *env, int i)
{
    if (env->fpuc & 1)
        env->fptags &= ~(1u << st_phys(env, i));
}

/* Push: a slot for the new ST(0).  A full stack faults (the new value is
   then the indefinite NaN, which the caller may not overwrite: returns
   false). */
static bool fpush(CPUX86State *env)
{
    env->fpstt = (env->fpstt - 1) & 7;
    bool ok = st_empty(env, 0);
    env->fptags &= ~(1u << env->fpstt);
    if (!ok) {
        stack_fault(env, true);
        set_indefinite(st_reg(env, 0));
    }
    return ok;
}

static void fpop(CPUX86State *env)
{
    env->fptags |= 1u << env->fpstt;
    env->fpstt = (env->fpstt + 1) & 7;
}

void helper_fpop(CPUX86State *env) { fpop(env); }

/* The host's x87 control word is kept equal to the guest's with every
   exception masked (per host thread, cached here): mimic's own code does
   no x87 arithmetic, so the helpers need no fldcw on the common path. */
static __thread uint16_t host_cw;

/* The guest cleared exception flags: clear the host's too (this thread). */
static void host_clear_exc(void) { __asm__ volatile("fnclex"); }

static inline void host_cw_sync(const CPUX86State *env)
{
    uint16_t cw = (uint16_t)(env->fpuc | 0x3f);
    if (cw != host_cw) {
        __asm__ volatile("fldcw %0" : : "m"(cw));
        host_cw = cw;
    }
}

#define HOST_BEGIN(env)                                                    \
    uint16_t sw;                                                           \
    /* For HOST_RUN_ENV: the guest's control word and condition codes     \
       (an instruction that leaves them "undefined" leaves them as they   \
       were on the real CPU), no exception flags, an empty stack. */      \
    __attribute__((unused)) uint32_t fenv[7] = {                           \
        0xffff0000u | (env)->fpuc | 0x3f, 0xffff0000u | ((env)->fpus & SW_CC), \
        0xffffffffu, 0, 0, 0, 0 };                                         \
    host_cw_sync(env);
/* Runs `insns` (asm text, which stores the status word with
   "fnstsw %[sw]" right after the instruction that matters: a later fstp
   changes C1).  Only C1 of the result is meaningful (the host's C0 C2 C3
   are stale).  The exception flags are not cleared first: the host's are
   kept a subset of the guest's (every host flag is merged into the guest,
   and whatever clears the guest's clears the host's, host_clear_exc), so
   sticky flags already set add nothing. */
#define HOST_RUN(insns, ...)                                               \
    __asm__ volatile(insns : [sw] "=m"(sw) : __VA_ARGS__ : "memory", "ax")
/* The same with the guest's condition codes loaded first (fldenv): for
   the instructions that set C0 C2 C3 or may leave them. */
#define HOST_RUN_ENV(insns, ...)                                           \
    __asm__ volatile("fldenv %[fenv]\n\t" insns                             \
                     : [sw] "=m"(sw) : [fenv] "m"(fenv), ##__VA_ARGS__ : "memory", "ax")

/* ---- loads ---- */


/* Convert a memory operand (lo, and hi for 64/80-bit kinds) to 80 bits in r. */
static void load_kind(CPUX86State *env, uint8_t *r, int kind, uint32_t lo, uint32_t hi, uint32_t *swp)
{
    uint8_t m[16] = { 0 };
    uint64_t v = lo | (uint64_t)hi << 32; /* (one store: the load after it is forwarded) */
    memcpy(m, &v, 8);
    if (kind == FK_F80 || kind == FK_BCD) {
        memcpy(m + 8, &env->fp_hi, 2);
    }
    HOST_BEGIN(env);
    switch (kind) {
    case FK_F32: HOST_RUN("flds %[m]\n\tfnstsw %[sw]\n\tfstpt %[r]", [m] "m"(m), [r] "m"(*(F80 *)r)); break;
    case FK_F64: HOST_RUN("fldl %[m]\n\tfnstsw %[sw]\n\tfstpt %[r]", [m] "m"(m), [r] "m"(*(F80 *)r)); break;
    case FK_I16: HOST_RUN("filds %[m]\n\tfnstsw %[sw]\n\tfstpt %[r]", [m] "m"(m), [r] "m"(*(F80 *)r)); break;
    case FK_I32: HOST_RUN("fildl %[m]\n\tfnstsw %[sw]\n\tfstpt %[r]", [m] "m"(m), [r] "m"(*(F80 *)r)); break;
    case FK_I64: HOST_RUN("fildll %[m]\n\tfnstsw %[sw]\n\tfstpt %[r]", [m] "m"(m), [r] "m"(*(F80 *)r)); break;
    case FK_BCD: HOST_RUN("fbld %[m]\n\tfnstsw %[sw]\n\tfstpt %[r]", [m] "m"(m), [r] "m"(*(F80 *)r)); break;
    default: memcpy(r, m, 10); sw = 0; break;
    }
    *swp = sw;
}

/* fld/fild/fbld from memory: push the converted value. */
void helper_fld_mem(CPUX86State *env, uint32_t kind, uint32_t lo, uint32_t hi)
{
    /* Converted straight into the new ST(0) (not through a copy: a 16-byte
       load of a 10-byte fstpt store, and the fldt of the next helper from
       that copy, would each miss store forwarding). */
    uint8_t v[16];
    uint32_t sw;
    bool ok = fpush(env);
    load_kind(env, ok ? st_reg(env, 0) : v, (int)kind, lo, hi, &sw);
    if (ok) /* (on a full stack the value is dropped: C1 stays the overflow's) */
        merge_sw(env, sw, SW_C1);
}

/* ---- stores ---- */

/* The memory image of ST(0) in format kind (low 64 bits returned; bytes
   8..9 of 80-bit formats in env->fp_hi).  The status is merged by
   helper_fst_done after the store, so a faulting store changes nothing. */
uint64_t helper_fst_mem(CPUX86State *env, uint32_t kind)
{
    uint8_t m[16] = { 0 };
    uint8_t *a = st_reg(env, 0);
    uint32_t extra = 0;
    if (st_empty(env, 0)) {
        extra = SW_IE | SW_SF;
        set_indefinite(a);
    }
    HOST_BEGIN(env);
    switch (kind) {
    case FK_F32: HOST_RUN("fldt %[a]\n\tfstps %[m]\n\tfnstsw %[sw]", [a] "m"(*(F80 *)a), [m] "m"(m)); break;
    case FK_F64: HOST_RUN("fldt %[a]\n\tfstpl %[m]\n\tfnstsw %[sw]", [a] "m"(*(F80 *)a), [m] "m"(m)); break;
    case FK_I16: HOST_RUN("fldt %[a]\n\tfistps %[m]\n\tfnstsw %[sw]", [a] "m"(*(F80 *)a), [m] "m"(m)); break;
    case FK_I32: HOST_RUN("fldt %[a]\n\tfistpl %[m]\n\tfnstsw %[sw]", [a] "m"(*(F80 *)a), [m] "m"(m)); break;
    case FK_I64: HOST_RUN("fldt %[a]\n\tfistpll %[m]\n\tfnstsw %[sw]", [a] "m"(*(F80 *)a), [m] "m"(m)); break;
    case FK_T16: HOST_RUN("fldt %[a]\n\tfisttps %[m]\n\tfnstsw %[sw]", [a] "m"(*(F80 *)a), [m] "m"(m)); break;
    case FK_T32: HOST_RUN("fldt %[a]\n\tfisttpl %[m]\n\tfnstsw %[sw]", [a] "m"(*(F80 *)a), [m] "m"(m)); break;
    case FK_T64: HOST_RUN("fldt %[a]\n\tfisttpll %[m]\n\tfnstsw %[sw]", [a] "m"(*(F80 *)a), [m] "m"(m)); break;
    case FK_BCD: HOST_RUN("fldt %[a]\n\tfbstp %[m]\n\tfnstsw %[sw]", [a] "m"(*(F80 *)a), [m] "m"(m)); break;
    default: memcpy(m, a, 10); sw = 0; break;
    }
    env->fp_pending = sw | extra;
    uint64_t lo;
    memcpy(&lo, m, 8);
    memcpy(&env->fp_hi, m + 8, 2);
    return lo;
}

void helper_fst_done(CPUX86State *env, uint32_t pop)
{
    merge_sw(env, env->fp_pending, SW_C1);
    if (pop)
        fpop(env);
}

/* ---- two-operand arithmetic ---- */

/* op: 0 add, 1 mul, 2 com, 3 comp, 4 sub, 5 subr, 6 div, 7 divr (the
   D8 /r order).  dst = dst op src on 80-bit values; for com, the
   condition codes only.  Returns the status word. */
static uint32_t arith80(CPUX86State *env, int op, uint8_t *dst, const uint8_t *src)
{
    HOST_BEGIN(env);
    switch (op) {
    case 0: HOST_RUN("fldt %[b]\n\tfldt %[a]\n\tfadd %%st(1), %%st\n\tfnstsw %[sw]\n\tfstpt %[a]\n\tfstp %%st(0)",
                     [a] "m"(*(F80 *)dst), [b] "m"(*(const F80 *)src)); break;
    case 1: HOST_RUN("fldt %[b]\n\tfldt %[a]\n\tfmul %%st(1), %%st\n\tfnstsw %[sw]\n\tfstpt %[a]\n\tfstp %%st(0)",
                     [a] "m"(*(F80 *)dst), [b] "m"(*(const F80 *)src)); break;
    case 2: case 3:
        HOST_RUN_ENV("fldt %[b]\n\tfldt %[a]\n\tfcomp %%st(1)\n\tfnstsw %[sw]\n\tfstp %%st(0)",
                 [a] "m"(*(F80 *)dst), [b] "m"(*(const F80 *)src)); break;
    case 4: HOST_RUN("fldt %[b]\n\tfldt %[a]\n\tfsub %%st(1), %%st\n\tfnstsw %[sw]\n\tfstpt %[a]\n\tfstp %%st(0)",
                     [a] "m"(*(F80 *)dst), [b] "m"(*(const F80 *)src)); break;
    case 5: HOST_RUN("fldt %[b]\n\tfldt %[a]\n\tfsubr %%st(1), %%st\n\tfnstsw %[sw]\n\tfstpt %[a]\n\tfstp %%st(0)",
                     [a] "m"(*(F80 *)dst), [b] "m"(*(const F80 *)src)); break;
    case 6: HOST_RUN("fldt %[b]\n\tfldt %[a]\n\tfdiv %%st(1), %%st\n\tfnstsw %[sw]\n\tfstpt %[a]\n\tfstp %%st(0)",
                     [a] "m"(*(F80 *)dst), [b] "m"(*(const F80 *)src)); break;
    default: HOST_RUN("fldt %[b]\n\tfldt %[a]\n\tfdivr %%st(1), %%st\n\tfnstsw %[sw]\n\tfstpt %[a]\n\tfstp %%st(0)",
                      [a] "m"(*(F80 *)dst), [b] "m"(*(const F80 *)src)); break;
    }
    return sw;
}

/* Register forms: ST(dst) = ST(dst) op ST(src); pop afterwards if asked. */
void helper_farith(CPUX86State *env, uint32_t op, uint32_t dst, uint32_t src_pop)
{
    int src = (int)(src_pop & 7);
    bool ok = st_check(env, (int)dst) & st_check(env, src);
    /* (dst may be src: arith80 loads both before it stores) */
    uint32_t sw = ok ? arith80(env, (int)op, st_reg(env, (int)dst), st_reg(env, src)) : 0;
    if (!ok && (op == 2 || op == 3))
        sw = SW_C0 | SW_C2 | SW_C3; /* unordered */
    if (!ok && op != 2 && op != 3 && (env->fpuc & 1)) {
        set_indefinite(st_reg(env, (int)dst));
        st_written(env, (int)dst);
    }
    merge_sw(env, sw, (op == 2 || op == 3) ? SW_CC : SW_C1);
    if ((src_pop & 8) || op == 3)
        fpop(env);
}

/* ST(0) op mem on the host with the memory operand itself, so that the
   CPU's rules for its format apply (a denormal or NaN float operand, the
   SNaN/QNaN choice): P "f" or "fi", S the size suffix. */
#define MEMOP(insn)                                                                  \
    HOST_RUN("fldt %[a]\n\t" insn " %[m]\n\tfnstsw %[sw]\n\tfstpt %[a]",              \
             [a] "m"(*(F80 *)dst), [m] "m"(*(const uint64_t *)mem))
#define MEM_OPS(P, S)                                                                \
    switch (op) {                                                                    \
    case 0: MEMOP(P "add" S); break;                                                 \
    case 1: MEMOP(P "mul" S); break;                                                 \
    case 2: case 3:                                                                  \
        HOST_RUN_ENV("fldt %[a]\n\t" P "comp" S " %[m]\n\tfnstsw %[sw]",               \
                     [a] "m"(*(F80 *)dst), [m] "m"(*(const uint64_t *)mem));         \
        break;                                                                       \
    case 4: MEMOP(P "sub" S); break;                                                 \
    case 5: MEMOP(P "subr" S); break;                                                \
    case 6: MEMOP(P "div" S); break;                                                 \
    default: MEMOP(P "divr" S); break;                                               \
    }
static uint32_t arith_mem(CPUX86State *env, int op, int kind, uint8_t *dst, const uint8_t *mem)
{
    HOST_BEGIN(env);
    switch (kind) {
    case FK_F32: MEM_OPS("f", "s"); break;
    case FK_F64: MEM_OPS("f", "l"); break;
    case FK_I16: MEM_OPS("fi", "s"); break;
    default: MEM_OPS("fi", "l"); break;
    }
    return sw;
}

/* Memory forms: ST(0) = ST(0) op mem (mem of format kind: F32, F64, I16,
   I32). */
void helper_farith_mem(CPUX86State *env, uint32_t op, uint32_t kind, uint32_t lo, uint32_t hi)
{
    uint8_t m[8];
    uint64_t v = lo | (uint64_t)hi << 32; /* (one store: the load after it is forwarded) */
    memcpy(m, &v, 8);
    bool ok = st_check(env, 0);
    uint32_t sw = ok ? arith_mem(env, (int)op, (int)kind, st_reg(env, 0), m) : SW_C0 | SW_C2 | SW_C3;
    if (!ok && op != 2 && op != 3) {
        sw = 0;
        st_written(env, 0);
    }
    merge_sw(env, sw, (op == 2 || op == 3) ? SW_CC : SW_C1);
    if (op == 3)
        fpop(env);
}

/* ---- fast forms of the common instructions ----
 *
 * fadd fmul fsub fsubr fdiv fdivr on registers, on a float or double
 * operand, fld and fst of a double: the helper for each is chosen at
 * translation (translate-fpu.c), so no switch on the op or the format runs,
 * no condition-code environment is built, and the status merge is the
 * arithmetic one (C1 and the exception flags).  Anything unusual (an empty
 * register or a full stack: the stack fault; the host control word not yet
 * the guest's) goes to the general helper, which does the same then.
 */
static inline bool fast_ok(const CPUX86State *env, unsigned empty_mask, unsigned full_mask)
{
    unsigned tags = env->fptags;
    return (tags & empty_mask) == 0 && (tags & full_mask) == full_mask && (uint16_t)(env->fpuc | 0x3f) == host_cw;
}

#define FAST_ARITH(name, op, insn)                                                                  \
    void helper_f##name##_st(CPUX86State *env, uint32_t dst, uint32_t src_pop)                     \
    {                                                                                               \
        unsigned top = env->fpstt, pd = (top + dst) & 7, ps = (top + src_pop) & 7;                  \
        if (!fast_ok(env, 1u << pd | 1u << ps, 0)) {                                               \
            helper_farith(env, op, dst, src_pop);                                                   \
            return;                                                                                 \
        }                                                                                           \
        uint16_t sw;                                                                                \
        HOST_RUN("fldt %[b]\n\tfldt %[a]\n\t" insn " %%st(1), %%st\n\tfnstsw %[sw]\n\tfstpt %[a]\n\t" \
                 "fstp %%st(0)",                                                                    \
                 [a] "m"(*(F80 *)env->fpregs[pd]), [b] "m"(*(const F80 *)env->fpregs[ps]));        \
        merge_sw(env, sw, SW_C1);                                                                   \
        if (src_pop & 8)                                                                            \
            fpop(env);                                                                              \
    }                                                                                               \
    void helper_f##name##_m64(CPUX86State *env, uint64_t m)                                        \
    {                                                                                               \
        unsigned p0 = env->fpstt & 7;                                                               \
        if (!fast_ok(env, 1u << p0, 0)) {                                                          \
            helper_farith_mem(env, op, FK_F64, (uint32_t)m, (uint32_t)(m >> 32));                  \
            return;                                                                                 \
        }                                                                                           \
        uint16_t sw;                                                                                \
        HOST_RUN("fldt %[a]\n\t" insn "l %[m]\n\tfnstsw %[sw]\n\tfstpt %[a]",                       \
                 [a] "m"(*(F80 *)env->fpregs[p0]), [m] "m"(m));                                     \
        merge_sw(env, sw, SW_C1);                                                                   \
    }                                                                                               \
    void helper_f##name##_m32(CPUX86State *env, uint32_t lo)                                        \
    {                                                                                               \
        unsigned p0 = env->fpstt & 7;                                                               \
        if (!fast_ok(env, 1u << p0, 0)) {                                                          \
            helper_farith_mem(env, op, FK_F32, lo, 0);                                              \
            return;                                                                                 \
        }                                                                                           \
        uint16_t sw;                                                                                \
        HOST_RUN("fldt %[a]\n\t" insn "s %[m]\n\tfnstsw %[sw]\n\tfstpt %[a]",                       \
                 [a] "m"(*(F80 *)env->fpregs[p0]), [m] "m"(lo));                                    \
        merge_sw(env, sw, SW_C1);                                                                   \
    }

FAST_ARITH(add, 0, "fadd")
FAST_ARITH(mul, 1, "fmul")
FAST_ARITH(sub, 4, "fsub")
FAST_ARITH(subr, 5, "fsubr")
FAST_ARITH(div, 6, "fdiv")
FAST_ARITH(divr, 7, "fdivr")

void helper_fld_m64(CPUX86State *env, uint64_t m)
{
    unsigned p = (env->fpstt - 1) & 7;
    if (!fast_ok(env, 0, 1u << p)) {
        helper_fld_mem(env, FK_F64, (uint32_t)m, (uint32_t)(m >> 32));
        return;
    }
    env->fpstt = p;
    env->fptags &= ~(1u << p);
    uint16_t sw;
    HOST_RUN("fldl %[m]\n\tfnstsw %[sw]\n\tfstpt %[r]", [m] "m"(m), [r] "m"(*(F80 *)env->fpregs[p]));
    merge_sw(env, sw, SW_C1);
}

uint64_t helper_fst_m64(CPUX86State *env)
{
    unsigned p0 = env->fpstt & 7;
    if (!fast_ok(env, 1u << p0, 0))
        return helper_fst_mem(env, FK_F64);
    uint64_t m;
    uint16_t sw;
    HOST_RUN("fldt %[a]\n\tfstpl %[m]\n\tfnstsw %[sw]", [a] "m"(*(F80 *)env->fpregs[p0]), [m] "m"(m));
    env->fp_pending = sw;
    return m;
}

/* fucom / fucomp / fucompp (pops 0..2) and ftst-like compares. */
void helper_fucom(CPUX86State *env, uint32_t i, uint32_t pops)
{
    HOST_BEGIN(env);
    sw = SW_C0 | SW_C2 | SW_C3;
    if (st_check(env, 0) & st_check(env, (int)i)) {
        HOST_RUN_ENV("fldt %[b]\n\tfldt %[a]\n\tfucomp %%st(1)\n\tfnstsw %[sw]\n\tfstp %%st(0)",
                 [a] "m"(*(F80 *)st_reg(env, 0)), [b] "m"(*(F80 *)st_reg(env, (int)i)));
    }
    merge_sw(env, sw, SW_CC);
    for (uint32_t k = 0; k < pops; k++)
        fpop(env);
}

/* Whether this CPU's fcomi/fucomi leave C1 as it was, as AMD's do (the SDM
   says cleared, and Intel's clear it): asked once, with C1 set right
   before an fcomip.  mimic then does what the CPU it runs on does, like
   every instruction the helpers run on the host. */
static bool host_fcomi_keeps_c1(void)
{
    static int keeps = -1;
    if (keeps < 0) {
        uint32_t save[7], tmp[7];
        uint16_t probe_sw;
        __asm__ volatile("fnstenv %[save]\n\tfld1\n\tfld1\n\tfnstenv %[tmp]"
                         : [save] "=m"(save), [tmp] "=m"(tmp) : : "memory");
        tmp[1] |= SW_C1;
        __asm__ volatile("fldenv %[tmp]\n\tfcomip %%st(1), %%st\n\tfnstsw %[sw]\n\tfstp %%st(0)\n\t"
                         "fldenv %[save]"
                         : [sw] "=m"(probe_sw) : [tmp] "m"(tmp), [save] "m"(save) : "memory", "cc");
        keeps = (probe_sw & SW_C1) != 0;
    }
    return keeps;
}

/* fcomi/fucomi(p): the result in ZF PF CF (OF SF AF clear), as EFLAGS.
   The host runs fcomi itself; C0 C2 C3 are left as they were, and C1 is
   the host's (after the loads' 0: the cleared one of a CPU that clears
   it) or the guest's, on a CPU that keeps it. */
uint32_t helper_fcomi(CPUX86State *env, uint32_t i, uint32_t unordered_pop)
{
    uint8_t c = 1, p = 1, z = 1;
    HOST_BEGIN(env);
    sw = SW_IE;
    if (st_check(env, 0) & st_check(env, (int)i)) {
        if (unordered_pop & 1)
            HOST_RUN("fldt %[b]\n\tfldt %[a]\n\tfucomip %%st(1), %%st\n\tfnstsw %[sw]\n\t"
                     "setc %[c]\n\tsetp %[p]\n\tsetz %[z]\n\tfstp %%st(0)",
                     [a] "m"(*(F80 *)st_reg(env, 0)), [b] "m"(*(F80 *)st_reg(env, (int)i)), [c] "m"(c),
                     [p] "m"(p), [z] "m"(z));
        else
            HOST_RUN("fldt %[b]\n\tfldt %[a]\n\tfcomip %%st(1), %%st\n\tfnstsw %[sw]\n\t"
                     "setc %[c]\n\tsetp %[p]\n\tsetz %[z]\n\tfstp %%st(0)",
                     [a] "m"(*(F80 *)st_reg(env, 0)), [b] "m"(*(F80 *)st_reg(env, (int)i)), [c] "m"(c),
                     [p] "m"(p), [z] "m"(z));
        /* C0 C2 C3 are not affected (SDM): the guest's stay, and the host
           needs no fldenv of them first (it costs as much as the compare). */
        merge_sw(env, sw, host_fcomi_keeps_c1() ? 0 : SW_C1);
    } else {
        merge_sw(env, sw, SW_C1);
    }
    if (unordered_pop & 2)
        fpop(env);
    return (c ? CC_C : 0) | (p ? CC_P : 0) | (z ? CC_Z : 0);
}

/* ---- register moves ---- */

void helper_fld_st(CPUX86State *env, uint32_t i)
{
    uint8_t v[16];
    st_check(env, (int)i);
    memcpy(v, st_reg(env, (int)i), 16);
    if (fpush(env))
        memcpy(st_reg(env, 0), v, 16);
    env->fpus &= ~SW_C1;
}

void helper_fxch(CPUX86State *env, uint32_t i)
{
    st_check(env, 0);
    st_check(env, (int)i);
    uint8_t t[16];
    memcpy(t, st_reg(env, 0), 16);
    memcpy(st_reg(env, 0), st_reg(env, (int)i), 16);
    memcpy(st_reg(env, (int)i), t, 16);
    env->fpus &= ~SW_C1;
}

/* fst / fstp st(i). */
void helper_fst_st(CPUX86State *env, uint32_t i, uint32_t pop)
{
    st_check(env, 0);
    memcpy(st_reg(env, (int)i), st_reg(env, 0), 16);
    env->fptags &= ~(1u << st_phys(env, (int)i));
    env->fpus &= ~SW_C1;
    if (pop)
        fpop(env);
}

void helper_ffree(CPUX86State *env, uint32_t i, uint32_t pop)
{
    env->fptags |= 1u << st_phys(env, (int)i);
    if (pop)
        fpop(env);
}

/* fcmov: ST(0) = ST(i) (the condition was tested in generated code). */
void helper_fcmov(CPUX86State *env, uint32_t i)
{
    st_check(env, 0);
    st_check(env, (int)i);
    memcpy(st_reg(env, 0), st_reg(env, (int)i), 16);
}

/* ---- D9 E0..FF: one-register and transcendental operations ---- */

#define UNARY(insn) \
    HOST_RUN("fldt %[a]\n\t" insn "\n\tfnstsw %[sw]\n\tfstpt %[a]", [a] "m"(*(F80 *)st_reg(env, 0)))
#define UNARY_ENV(insn) \
    HOST_RUN_ENV("fldt %[a]\n\t" insn "\n\tfnstsw %[sw]\n\tfstpt %[a]", [a] "m"(*(F80 *)st_reg(env, 0)))
#define BINKEEP_ENV(insn)                                                           \
    HOST_RUN_ENV("fldt %[b]\n\tfldt %[a]\n\t" insn "\n\tfnstsw %[sw]\n\tfstpt %[a]\n\tfstp %%st(0)",  \
             [a] "m"(*(F80 *)st_reg(env, 0)), [b] "m"(*(F80 *)st_reg(env, 1)))
/* ST(1) op ST(0), then pop: the result replaces ST(1). */
#define BINPOP(insn)                                                                \
    HOST_RUN("fldt %[b]\n\tfldt %[a]\n\t" insn "\n\tfnstsw %[sw]\n\tfstpt %[b]",                  \
             [a] "m"(*(F80 *)st_reg(env, 0)), [b] "m"(*(F80 *)st_reg(env, 1)))
/* ST(0) = ST(0) op ST(1), ST(1) unchanged. */
#define BINKEEP(insn)                                                               \
    HOST_RUN("fldt %[b]\n\tfldt %[a]\n\t" insn "\n\tfnstsw %[sw]\n\tfstpt %[a]\n\tfstp %%st(0)",  \
             [a] "m"(*(F80 *)st_reg(env, 0)), [b] "m"(*(F80 *)st_reg(env, 1)))

void helper_fmisc(CPUX86State *env, uint32_t op)
{
    uint32_t ccmask = SW_C1; /* fast-path instructions: only C1 is the host's */
    uint8_t hi_part[16] = { 0 }, lo_part[16] = { 0 };
    HOST_BEGIN(env);
    sw = 0;
    switch (op) {
    case 0x00: /* fchs */
    case 0x01: /* fabs */
        if (!st_check(env, 0)) { /* the indefinite, as it is */
            st_written(env, 0);
            return;
        }
        st_reg(env, 0)[9] = op == 0 ? st_reg(env, 0)[9] ^ 0x80 : st_reg(env, 0)[9] & 0x7f;
        env->fpus &= ~SW_C1;
        return;
    case 0x04: /* ftst */
        if (!st_check(env, 0)) {
            sw = SW_C0 | SW_C2 | SW_C3;
        } else {
            HOST_RUN_ENV("fldt %[a]\n\tftst\n\tfnstsw %[sw]\n\tfstp %%st(0)", [a] "m"(*(F80 *)st_reg(env, 0)));
        }
        ccmask = SW_CC;
       
        break;
    case 0x05: { /* fxam */
        uint8_t *r = st_reg(env, 0);
        uint32_t sign = (r[9] & 0x80) ? SW_C1 : 0;
        if (st_empty(env, 0)) {
            sw = SW_C3 | SW_C0 | sign;
        } else {
            HOST_RUN_ENV("fldt %[a]\n\tfxam\n\tfnstsw %[sw]\n\tfstp %%st(0)", [a] "m"(*(F80 *)r));
        }
        merge_sw(env, sw & ~0x7fu, SW_CC);
        return;
    }
    case 0x08: HOST_RUN("fld1\n\tfnstsw %[sw]\n\tfstpt %[r]", [r] "m"(hi_part)); goto push;
    case 0x09: HOST_RUN("fldl2t\n\tfnstsw %[sw]\n\tfstpt %[r]", [r] "m"(hi_part)); goto push;
    case 0x0a: HOST_RUN("fldl2e\n\tfnstsw %[sw]\n\tfstpt %[r]", [r] "m"(hi_part)); goto push;
    case 0x0b: HOST_RUN("fldpi\n\tfnstsw %[sw]\n\tfstpt %[r]", [r] "m"(hi_part)); goto push;
    case 0x0c: HOST_RUN("fldlg2\n\tfnstsw %[sw]\n\tfstpt %[r]", [r] "m"(hi_part)); goto push;
    case 0x0d: HOST_RUN("fldln2\n\tfnstsw %[sw]\n\tfstpt %[r]", [r] "m"(hi_part)); goto push;
    case 0x0e: HOST_RUN("fldz\n\tfnstsw %[sw]\n\tfstpt %[r]", [r] "m"(hi_part)); goto push;
    push:
        if (fpush(env))
            memcpy(st_reg(env, 0), hi_part, 16);
        env->fpus &= ~SW_C1;
        return;
    case 0x10: st_check(env, 0); UNARY("f2xm1"); st_written(env, 0); break;
    case 0x11: st_check(env, 0); st_check(env, 1); BINPOP("fyl2x"); st_written(env, 1); fpop(env); break;
    case 0x12: /* fptan */
    case 0x1b: /* fsincos */
        st_check(env, 0);
        if (op == 0x12)
            HOST_RUN_ENV("fldt %[a]\n\tfptan\n\tfnstsw %[sw]\n\tfnstsw %%ax\n\ttestw $0x400, %%ax\n\tjnz 1f\n\tfstpt %[h]\n\t1:\n\tfstpt %[l]",
                     [a] "m"(*(F80 *)st_reg(env, 0)), [h] "m"(hi_part), [l] "m"(lo_part));
        else
            HOST_RUN_ENV("fldt %[a]\n\tfsincos\n\tfnstsw %[sw]\n\tfnstsw %%ax\n\ttestw $0x400, %%ax\n\tjnz 1f\n\tfstpt %[h]\n\t1:\n\tfstpt %[l]",
                     [a] "m"(*(F80 *)st_reg(env, 0)), [h] "m"(hi_part), [l] "m"(lo_part));
       
        ccmask = SW_CC;
        memcpy(st_reg(env, 0), lo_part, 16);
        if (!(sw & SW_C2) && fpush(env))
            memcpy(st_reg(env, 0), hi_part, 16);
        break;
    case 0x13: st_check(env, 0); st_check(env, 1); BINPOP("fpatan"); st_written(env, 1); fpop(env); break;
    case 0x14: /* fxtract: ST(0) = exponent, push significand */
        st_check(env, 0);
        HOST_RUN("fldt %[a]\n\tfxtract\n\tfnstsw %[sw]\n\tfstpt %[h]\n\tfstpt %[l]",
                 [a] "m"(*(F80 *)st_reg(env, 0)), [h] "m"(hi_part), [l] "m"(lo_part));
        memcpy(st_reg(env, 0), lo_part, 16);
        if (fpush(env))
            memcpy(st_reg(env, 0), hi_part, 16);
        break;
    case 0x15: st_check(env, 0); st_check(env, 1); BINKEEP_ENV("fprem1"); st_written(env, 0); ccmask = SW_CC; break;
    case 0x16: /* fdecstp */
        env->fpstt = (env->fpstt - 1) & 7;
        env->fpus &= ~SW_C1;
        return;
    case 0x17: /* fincstp */
        env->fpstt = (env->fpstt + 1) & 7;
        env->fpus &= ~SW_C1;
        return;
    case 0x18: st_check(env, 0); st_check(env, 1); BINKEEP_ENV("fprem"); st_written(env, 0); ccmask = SW_CC; break;
    case 0x19: st_check(env, 0); st_check(env, 1); BINPOP("fyl2xp1"); st_written(env, 1); fpop(env); break;
    case 0x1a: st_check(env, 0); UNARY("fsqrt"); st_written(env, 0); break;
    case 0x1c: st_check(env, 0); UNARY("frndint"); st_written(env, 0); break;
    case 0x1d: st_check(env, 0); st_check(env, 1); BINKEEP("fscale"); st_written(env, 0); break;
    case 0x1e: st_check(env, 0); UNARY_ENV("fsin"); st_written(env, 0); ccmask = SW_CC; break;
    case 0x1f: st_check(env, 0); UNARY_ENV("fcos"); st_written(env, 0); ccmask = SW_CC; break;
    default:
        return;
    }
    merge_sw(env, sw, ccmask);
}

/* ---- control ---- */

/* (These change the control word or ES: X86_HF_FPQUIET; their TB ends.) */
void helper_fninit(CPUX86State *env)
{
    fpu_init(env);
    x86_update_hflags(env);
}

void helper_fnclex(CPUX86State *env)
{
    host_clear_exc();
    env->fpus &= ~(0x7fu | SW_ES | SW_B);
    x86_update_hflags(env);
}

void helper_fldcw(CPUX86State *env, uint32_t cw)
{
    env->fpuc = cw & 0x1f7f;
    env->fpuc |= 0x40; /* bit 6 reads as 1 */
    if (env->fpus & ~env->fpuc & 0x3f)
        env->fpus |= SW_ES | SW_B;
    else
        env->fpus &= ~(SW_ES | SW_B);
    x86_update_hflags(env);
}

uint32_t helper_fnstsw(CPUX86State *env) { return (env->fpus & ~0x3800u) | (env->fpstt & 7) << 11; }

/* fnstenv / fldenv (28 bytes), fnsave / frstor (108 bytes): op 0..3.
   Returns 0 or EXCP_X86_GP for an unwritable area. */
uint32_t helper_fenv(CPUX86State *env, uint32_t addr, uint32_t op)
{
    uint8_t buf[108];
    switch (op) {
    case 0: /* fnstenv: then all exceptions masked */
        x86_fsave(env, buf);
        if (copy_to_guest(addr, buf, 28) < 0)
            return EXCP_X86_GP;
        env->fpuc |= 0x3f;
        x86_update_hflags(env);
        return 0;
    case 1: /* fldenv */
        if (copy_from_guest(buf, addr, 28) < 0)
            return EXCP_X86_GP;
        {
            uint8_t full[108];
            x86_fsave(env, full);
            memcpy(full, buf, 28);
            x86_frstor(env, full);
        }
        helper_fldcw(env, env->fpuc);
        return 0;
    case 2: /* fnsave: then fninit */
        x86_fsave(env, buf);
        if (copy_to_guest(addr, buf, 108) < 0)
            return EXCP_X86_GP;
        helper_fninit(env);
        return 0;
    default: /* frstor */
        if (copy_from_guest(buf, addr, 108) < 0)
            return EXCP_X86_GP;
        x86_frstor(env, buf);
        helper_fldcw(env, env->fpuc);
        return 0;
    }
}

/* #MF for a pending unmasked exception: the si_code as Linux picks it. */
uint32_t helper_fp_pending(CPUX86State *env)
{
    uint32_t err = env->fpus & ~env->fpuc & 0x3f;
    uint32_t code = (err & 1) ? FPE_FLTINV : (err & 4) ? FPE_FLTDIV : (err & 8) ? FPE_FLTOVF
                  : (err & 0x12) ? FPE_FLTUND : FPE_FLTRES;
    env->common.exception_arg = code;
    return EXCP_X86_MF;
}
