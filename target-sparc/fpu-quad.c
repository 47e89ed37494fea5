/*
 * SPARC quad-precision (IEEE binary128) instructions, in software.
 *
 * No UltraSPARC implements them: they trap (unimplemented_FPop, or
 * illegal_instruction for ldqf/stqf) and the sparc64 Linux kernel emulates
 * them (arch/sparc/math-emu/math_64.c, kernel/unaligned_64.c
 * handle_ldf_stq).  A 32-bit process sees what that emulation gives, which
 * is what this file reproduces:
 *  - IEEE results in the FSR.RD rounding mode; add/sub/mul/div and the
 *    narrowing conversions run on the host compiler's __float128 (libgcc
 *    soft-fp, which rounds per MXCSR.RC and raises its flags in MXCSR and
 *    the x87 status word: fetestexcept reads both); fsqrtq and the integer
 *    conversions are done here on integers;
 *  - underflow as SPARC defines it: tininess before rounding, signalled when
 *    the result is also inexact, or always when UFM is enabled (libgcc
 *    detects tininess after rounding: fixed up below);
 *  - NaNs: a signalling operand is invalid; the result is rs2's NaN unless
 *    rs1 is signalling and rs2 is not (V9 B.2.2), quieted; an invalid
 *    operation's default NaN is 7fff ffff ... ffff;
 *  - fqtoi/fqtox of a NaN, an infinity or an out-of-range value: invalid,
 *    the largest integer of the operand's sign (the kernel's _FP_TO_INT);
 *  - exceptions as the kernel's record_exception: when one is enabled in
 *    TEM the destination is not written, cexc holds the one enabled bit of
 *    highest priority (nv, of, uf, dz, nx), ftt = IEEE_754_exception, aexc
 *    is unchanged and SIGFPE is raised at the instruction (si_code by that
 *    bit); otherwise cexc = the exceptions, aexc |= cexc, ftt = 0;
 *  - a quad register number with bit 1 set is invalid_fp_register (ftt 6):
 *    SIGFPE with FPE_FLTUNK (do_fpe_common), nothing written.
 */
#include <fenv.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>

#include "include/guest.h"
#include "linux-user/user.h"
#include "target-sparc/fpu.h"

#ifndef FPE_FLTUNK
#define FPE_FLTUNK 14
#endif

typedef unsigned __int128 u128;

#define Q_SIGN ((u128)1 << 127)
#define Q_QBIT ((u128)1 << 111)
#define Q_FRAC (((u128)1 << 112) - 1)
#define Q_DNAN (~(u128)0 >> 1) /* SPARC's default NaN */
#define Q_EXP(v) ((uint32_t)((v) >> 112) & 0x7fff)

#define FTT_IEEE 1u
#define FTT_INVALID_REG 6u

#define RA ((uintptr_t)__builtin_return_address(0))

static bool q_is_nan(u128 v)
{
    return Q_EXP(v) == 0x7fff && (v & Q_FRAC) != 0;
}

static bool q_is_snan(u128 v)
{
    return q_is_nan(v) && !(v & Q_QBIT);
}

/* ---- the register file ----
 * A quad register is two doubles: fpr[n] (sign, exponent, top of the
 * fraction) and fpr[n + 1].  reg is the instruction's 5-bit field. */

static int qreg(uint32_t reg)
{
    return (int)(((reg & 0x1e) | (reg & 1) << 5) >> 1);
}

static u128 q_get(const CPUSPARCState *env, uint32_t reg)
{
    int n = qreg(reg);
    return (u128)env->fpr[n] << 64 | env->fpr[n + 1];
}

static void q_put(CPUSPARCState *env, uint32_t reg, u128 v)
{
    int n = qreg(reg);
    env->fpr[n] = (uint64_t)(v >> 64);
    env->fpr[n + 1] = (uint64_t)v;
}

static void set_ftt(CPUSPARCState *env, uint32_t ftt)
{
    env->fsr = (env->fsr & ~(7u << FSR_FTT_SHIFT)) | ftt << FSR_FTT_SHIFT;
}

/* invalid_fp_register unless every quad field in mask (bit 0 rs2, 1 rs1,
   2 rd) of the instruction has bit 1 clear. */
static void check_qregs(CPUSPARCState *env, uint32_t insn, unsigned mask, uintptr_t ra)
{
    uint32_t bad = ((mask & 1) && (insn & 2)) || ((mask & 2) && (insn >> 14 & 2)) || ((mask & 4) && (insn >> 25 & 2));
    if (bad) {
        set_ftt(env, FTT_INVALID_REG);
        sparc_raise(env, SIGFPE, FPE_FLTUNK, env->pc, ra);
    }
}

/* Record an operation's exceptions (see the top of the file); returns only
   when the result is to be written. */
static void q_done(CPUSPARCState *env, uint32_t cexc, uintptr_t ra)
{
    uint32_t tem = (env->fsr >> FSR_TEM_SHIFT) & 0x1f;
    if (cexc & tem) {
        static const struct { uint32_t bit; int code; } order[] = {
            {FSR_NVC, FPE_FLTINV}, {FSR_OFC, FPE_FLTOVF}, {FSR_UFC, FPE_FLTUND},
            {FSR_DZC, FPE_FLTDIV}, {FSR_NXC, FPE_FLTRES},
        };
        unsigned i = 0;
        while (!(cexc & tem & order[i].bit))
            i++;
        env->fsr = (env->fsr & ~(0x1fu | 7u << FSR_FTT_SHIFT)) | order[i].bit | FTT_IEEE << FSR_FTT_SHIFT;
        sparc_raise(env, SIGFPE, order[i].code, env->pc, ra);
    }
    env->fsr = (env->fsr & ~(0x1fu | 7u << FSR_FTT_SHIFT)) | cexc | cexc << FSR_AEXC_SHIFT;
}

/* ---- host arithmetic ---- */

static const int rd_to_fenv[4] = {FE_TONEAREST, FE_TOWARDZERO, FE_UPWARD, FE_DOWNWARD};

static uint32_t fenv_cexc(int e)
{
    return (e & FE_INVALID ? FSR_NVC : 0) | (e & FE_DIVBYZERO ? FSR_DZC : 0) |
           (e & FE_OVERFLOW ? FSR_OFC : 0) | (e & FE_UNDERFLOW ? FSR_UFC : 0) |
           (e & FE_INEXACT ? FSR_NXC : 0);
}

static __float128 fq(u128 v)
{
    __float128 f;
    memcpy(&f, &v, sizeof f);
    return f;
}

static u128 uq(__float128 f)
{
    u128 v;
    memcpy(&v, &f, sizeof v);
    return v;
}

enum { Q_ADD, Q_SUB, Q_MUL, Q_DIV, Q_TOS, Q_TOD };

/* The result format of an operation: its bits as a u128, the minimum
   normal's exponent field being 1 and the fraction below it. */
static const struct { int expshift; uint32_t expmask; } q_fmt[] = {
    [Q_ADD] = {112, 0x7fff}, [Q_SUB] = {112, 0x7fff}, [Q_MUL] = {112, 0x7fff},
    [Q_DIV] = {112, 0x7fff}, [Q_TOS] = {23, 0xff},    [Q_TOD] = {52, 0x7ff},
};

/* One operation in rounding mode rd (0..3) on non-NaN operands; the result's
   bits (a single or double in the low bits) and the host exceptions. */
static u128 host_op(int op, u128 a, u128 b, unsigned rd, uint32_t *cexc)
{
    fenv_t saved;
    fegetenv(&saved);
    fesetround(rd_to_fenv[rd & 3]);
    feclearexcept(FE_ALL_EXCEPT);
    /* Volatile in and out: the libgcc calls are "const" to the compiler,
       which would otherwise move them across the fenv calls. */
    volatile __float128 x = fq(a), y = fq(b);
    u128 r = 0;
    switch (op) {
    case Q_ADD: { volatile __float128 v = x + y; r = uq(v); break; }
    case Q_SUB: { volatile __float128 v = x - y; r = uq(v); break; }
    case Q_MUL: { volatile __float128 v = x * y; r = uq(v); break; }
    case Q_DIV: { volatile __float128 v = x / y; r = uq(v); break; }
    case Q_TOS: {
        volatile float v = (float)x;
        uint32_t u;
        memcpy(&u, (const float *)&v, 4);
        r = u;
        break;
    }
    default: {
        volatile double v = (double)x;
        uint64_t u;
        memcpy(&u, (const double *)&v, 8);
        r = u;
        break;
    }
    }
    int e = fetestexcept(FE_ALL_EXCEPT);
    fesetenv(&saved);
    *cexc = fenv_cexc(e);
    return r;
}

/* host_op with SPARC's underflow: tiny before rounding (the exact result
   below the minimum normal, equivalently its round-toward-zero value
   subnormal) and inexact, or tiny at all when UFM is enabled. */
static u128 q_arith(CPUSPARCState *env, int op, u128 a, u128 b, uint32_t *cexc)
{
    unsigned rd = env->fsr >> FSR_RD_SHIFT & 3;
    u128 r = host_op(op, a, b, rd, cexc);
    uint32_t e = (uint32_t)(r >> q_fmt[op].expshift) & q_fmt[op].expmask;
    u128 frac = r & (((u128)1 << q_fmt[op].expshift) - 1);
    bool ufm = env->fsr >> FSR_TEM_SHIFT & FSR_UFC;
    if (*cexc & FSR_UFC)
        return r;
    if (e == 1 && frac == 0 && (*cexc & FSR_NXC)) {
        /* Rounded up to the minimum normal: was the exact value tiny? */
        uint32_t ignored;
        u128 z = host_op(op, a, b, 1, &ignored);
        if (((uint32_t)(z >> q_fmt[op].expshift) & q_fmt[op].expmask) == 0)
            *cexc |= FSR_UFC;
    } else if (e == 0 && frac != 0 && ufm) {
        *cexc |= FSR_UFC; /* an exact subnormal result */
    }
    return r;
}

/* The NaN result of an operation with a NaN operand (two: rs1 is read). */
static u128 q_pick_nan(u128 a, u128 b, bool two, uint32_t *cexc)
{
    bool sa = two && q_is_snan(a), sb = q_is_snan(b);
    if (sa || sb)
        *cexc |= FSR_NVC;
    u128 r = q_is_nan(b) && !(sa && !sb) ? b : a;
    return r | Q_QBIT;
}

/* ---- square root, correctly rounded, on integers ---- */

static u128 q_sqrt(CPUSPARCState *env, u128 a, uint32_t *cexc)
{
    uint32_t ex = Q_EXP(a);
    if (q_is_nan(a))
        return q_pick_nan(0, a, false, cexc);
    if ((a & ~Q_SIGN) == 0)
        return a; /* +-0 */
    if (a & Q_SIGN) {
        *cexc |= FSR_NVC;
        return Q_DNAN;
    }
    if (ex == 0x7fff)
        return a; /* +inf */
    /* a = m * 2^(e - 112), m normalized to [2^112, 2^113), then e made
       even (m in [2^112, 2^114)). */
    u128 m = a & Q_FRAC;
    int e;
    if (ex) {
        m |= (u128)1 << 112;
        e = (int)ex - 16383;
    } else {
        e = 1 - 16383;
        while (!(m >> 112)) {
            m <<= 1;
            e--;
        }
    }
    if (e & 1) {
        m <<= 1;
        e--;
    }
    /* r = floor(sqrt(m * 2^116)), 115 bits: 113 of result, then a round
       bit and a guard bit; rem != 0: more below.  One root bit per step,
       from the radicand's top pair of bits down (bits below m's are 0). */
    u128 r = 0, rem = 0;
    for (int i = 114; i >= 0; i--) {
        int sh = 2 * i - 116;
        unsigned pair = sh >= 0 ? (unsigned)(m >> sh) & 3 : 0;
        rem = rem << 2 | pair;
        u128 t = r << 2 | 1;
        r <<= 1;
        if (rem >= t) {
            rem -= t;
            r |= 1;
        }
    }
    u128 sig = r >> 2;
    unsigned low = (unsigned)r & 3;
    bool sticky = rem != 0, inexact = low || sticky;
    bool up;
    switch (env->fsr >> FSR_RD_SHIFT & 3) {
    case 0: up = (low & 2) && ((low & 1) || sticky || (sig & 1)); break; /* nearest, ties even */
    case 2: up = inexact; break;                                          /* +inf: positive result */
    default: up = false; break;                                           /* zero, -inf */
    }
    int re = e / 2 + 16383;
    sig += up;
    if (sig >> 113) {
        sig >>= 1;
        re++;
    }
    if (inexact)
        *cexc |= FSR_NXC;
    return (u128)(uint32_t)re << 112 | (sig & Q_FRAC);
}

/* ---- conversions ---- */

/* Toward zero to a signed integer of bits 32 or 64. */
static uint64_t q_to_int(u128 a, int bits, uint32_t *cexc)
{
    uint32_t ex = Q_EXP(a);
    bool neg = (a & Q_SIGN) != 0;
    uint64_t max = bits == 64 ? (uint64_t)INT64_MAX : (uint64_t)INT32_MAX;
    uint64_t minv = max + 1; /* the magnitude of the most negative */
    if ((a & ~Q_SIGN) == 0)
        return 0;
    int e = (int)ex - 16383;
    if (e < 0) {
        *cexc |= FSR_NXC;
        return 0;
    }
    /* Too large (e >= bits) or a NaN or infinity: invalid.  With e ==
       bits - 1 only -2^(bits-1) (with a fraction to drop) is in range. */
    u128 m = (a & Q_FRAC) | (u128)1 << 112;
    int sh = 112 - e;
    if (ex == 0x7fff || e >= bits || (e == bits - 1 && (!neg || (m >> sh) != minv))) {
        *cexc |= FSR_NVC;
        uint64_t r = neg ? minv : max;
        return bits == 64 ? r : (uint64_t)(uint32_t)r;
    }
    if (m & (((u128)1 << sh) - 1))
        *cexc |= FSR_NXC;
    uint64_t v = (uint64_t)(m >> sh);
    if (neg)
        v = -v;
    return bits == 64 ? v : (uint64_t)(uint32_t)v;
}

/* A single or double (bits 32 / 64) widened to quad: exact; a NaN keeps its
   sign and the top of its fraction, quieted. */
static u128 q_widen(uint64_t v, bool dbl, uint32_t *cexc)
{
    int fb = dbl ? 52 : 23;
    uint32_t emask = dbl ? 0x7ff : 0xff;
    uint64_t frac = v & ((1ull << fb) - 1);
    uint64_t sign = v >> (dbl ? 63 : 31) & 1;
    if ((uint32_t)(v >> fb & emask) == emask && frac) {
        if (!(frac >> (fb - 1)))
            *cexc |= FSR_NVC;
        return (u128)sign << 127 | (u128)0x7fff << 112 | (u128)frac << (112 - fb) | Q_QBIT;
    }
    __float128 r;
    if (dbl) {
        double d;
        memcpy(&d, &v, 8);
        r = d;
    } else {
        uint32_t u = (uint32_t)v;
        float f;
        memcpy(&f, &u, 4);
        r = f;
    }
    return uq(r);
}

/* A NaN narrowed to single/double: sign, top of the fraction, quieted. */
static uint64_t q_narrow_nan(u128 a, bool dbl, uint32_t *cexc)
{
    if (q_is_snan(a))
        *cexc |= FSR_NVC;
    uint64_t sign = (uint64_t)(a >> 127);
    if (dbl)
        return sign << 63 | 0x7ffull << 52 | (uint64_t)((a & Q_FRAC) >> 60) | 1ull << 51;
    return sign << 31 | 0xffull << 23 | (uint64_t)((a & Q_FRAC) >> 89) | 1ull << 22;
}

/* ---- the FPop1/FPop2 quad operations ----
 * insn: the instruction word (rd 29:25, rs1 18:14, opf 13:5, rs2 4:0). */

static uint64_t dget(const CPUSPARCState *env, uint32_t reg)
{
    return env->fpr[qreg(reg)];
}

static void dput(CPUSPARCState *env, uint32_t reg, uint64_t v)
{
    env->fpr[qreg(reg)] = v;
}

static uint32_t sget(const CPUSPARCState *env, uint32_t reg)
{
    uint64_t d = env->fpr[reg >> 1];
    return reg & 1 ? (uint32_t)d : (uint32_t)(d >> 32);
}

static void sput(CPUSPARCState *env, uint32_t reg, uint32_t v)
{
    uint64_t *d = &env->fpr[reg >> 1];
    *d = reg & 1 ? (*d & ~0xffffffffull) | v : (*d & 0xffffffffull) | (uint64_t)v << 32;
}

void helper_sparc_fpop_q(CPUSPARCState *env, uint32_t insn)
{
    uintptr_t ra = RA;
    uint32_t rd = insn >> 25 & 31, rs1 = insn >> 14 & 31, rs2 = insn & 31;
    uint32_t opf = insn >> 5 & 0x1ff, cexc = 0;
    bool fpop2 = (insn >> 19 & 0x3f) == 0x35;
    u128 a, b, r;
    if (fpop2) { /* fcmpq, fcmpeq: into fcc(rd & 3) */
        check_qregs(env, insn, 3, ra);
        a = q_get(env, rs1);
        b = q_get(env, rs2);
        uint32_t fcc;
        if (q_is_nan(a) || q_is_nan(b)) {
            fcc = 3;
            if (opf == 0x57 || q_is_snan(a) || q_is_snan(b))
                cexc = FSR_NVC;
        } else {
            __float128 x = fq(a), y = fq(b);
            fcc = x == y ? 0 : x < y ? 1 : 2;
        }
        q_done(env, cexc, ra);
        env->fcc[rd & 3] = fcc;
        return;
    }
    switch (opf) {
    case 0x03: case 0x07: case 0x0b: /* fmovq, fnegq, fabsq */
        check_qregs(env, insn, 5, ra);
        r = q_get(env, rs2);
        r = opf == 0x03 ? r : opf == 0x07 ? r ^ Q_SIGN : r & ~Q_SIGN;
        q_done(env, 0, ra);
        q_put(env, rd, r);
        return;
    case 0x2b: /* fsqrtq */
        check_qregs(env, insn, 5, ra);
        r = q_sqrt(env, q_get(env, rs2), &cexc);
        q_done(env, cexc, ra);
        q_put(env, rd, r);
        return;
    case 0x43: case 0x47: case 0x4b: case 0x4f: /* faddq, fsubq, fmulq, fdivq */
    case 0x6e: {                                /* fdmulq: doubles, exact product */
        int op = opf == 0x43 ? Q_ADD : opf == 0x47 ? Q_SUB : opf == 0x4f ? Q_DIV : Q_MUL;
        if (opf == 0x6e) {
            check_qregs(env, insn, 4, ra);
            uint32_t ignored = 0;
            uint64_t da = dget(env, rs1), db = dget(env, rs2);
            a = q_widen(da, true, &ignored);
            b = q_widen(db, true, &ignored);
            /* Widening quiets: keep the operands' signalling state. */
            if (q_is_nan(a) && !(da >> 51 & 1))
                a &= ~Q_QBIT;
            if (q_is_nan(b) && !(db >> 51 & 1))
                b &= ~Q_QBIT;
        } else {
            check_qregs(env, insn, 7, ra);
            a = q_get(env, rs1);
            b = q_get(env, rs2);
        }
        if (q_is_nan(a) || q_is_nan(b)) {
            r = q_pick_nan(a, b, true, &cexc);
        } else {
            r = q_arith(env, op, a, b, &cexc);
            if (q_is_nan(r))
                r = Q_DNAN;
        }
        q_done(env, cexc, ra);
        q_put(env, rd, r);
        return;
    }
    case 0x83: case 0xd3: { /* fqtox (to a double register), fqtoi (single) */
        check_qregs(env, insn, 1, ra);
        uint64_t v = q_to_int(q_get(env, rs2), opf == 0x83 ? 64 : 32, &cexc);
        q_done(env, cexc, ra);
        if (opf == 0x83)
            dput(env, rd, v);
        else
            sput(env, rd, (uint32_t)v);
        return;
    }
    case 0x8c: case 0xcc: /* fxtoq (double register), fitoq (single) */
        check_qregs(env, insn, 4, ra);
        r = opf == 0x8c ? uq((__float128)(int64_t)dget(env, rs2)) : uq((__float128)(int32_t)sget(env, rs2));
        q_done(env, 0, ra);
        q_put(env, rd, r);
        return;
    case 0xcd: case 0xce: /* fstoq, fdtoq */
        check_qregs(env, insn, 4, ra);
        r = opf == 0xcd ? q_widen(sget(env, rs2), false, &cexc) : q_widen(dget(env, rs2), true, &cexc);
        q_done(env, cexc, ra);
        q_put(env, rd, r);
        return;
    case 0xc7: case 0xcb: { /* fqtos, fqtod */
        check_qregs(env, insn, 1, ra);
        bool dbl = opf == 0xcb;
        a = q_get(env, rs2);
        uint64_t v;
        if (q_is_nan(a))
            v = q_narrow_nan(a, dbl, &cexc);
        else
            v = (uint64_t)q_arith(env, dbl ? Q_TOD : Q_TOS, a, 0, &cexc);
        q_done(env, cexc, ra);
        if (dbl)
            dput(env, rd, v);
        else
            sput(env, rd, (uint32_t)v);
        return;
    }
    default:
        break;
    }
    sparc_raise(env, SIGILL, ILL_ILLOPC, env->pc, ra);
}

/* fmovqcc / fmovrq: cond is the condition's value (the translator's).  False: a no-op that
   clears cexc (the kernel checks no registers then); true: fmovq. */
void helper_sparc_fmovq_cond(CPUSPARCState *env, uint32_t cond, uint32_t insn)
{
    uintptr_t ra = RA;
    if (cond) {
        check_qregs(env, insn, 5, ra);
        q_put(env, insn >> 25 & 31, q_get(env, insn & 31));
    }
    env->fsr &= ~(0x1fu | 7u << FSR_FTT_SHIFT);
}

/* ---- ldqf / stqf / ldqfa / stqfa ----
 * handle_ldf_stq: four words at addr, each with get_user/put_user.  So a
 * 4-aligned address works; a word-misaligned one faults (the kernel fails
 * an unaligned user access, kernel_unaligned_trap), as does an unmapped
 * word: SIGSEGV SEGV_MAPERR at addr, the words before it already stored.
 * A register with bit 1 set is invalid_fp_register, and two signals
 * (below).  Spaces: below 0x80 privileged (SIGILL ILL_PRVOPC); stores to
 * primary/secondary (0x80, 0x81) and their little-endian forms (0x88,
 * 0x89: the 16 bytes reversed); loads from 0x80..0x8b, the no-fault ones
 * (bit 1) reading zeros instead of faulting (all four when the first word
 * faults, else the faulting words); any other space is a data access
 * exception (SIGSEGV at the address). */

/* get_user/put_user of one big-endian word image at addr. */
static bool user_word(uint32_t addr, uint8_t *w, bool store)
{
    if (addr & 3)
        return false;
    return (store ? copy_to_guest(addr, w, 4) : copy_from_guest(w, addr, 4)) == 0;
}

void helper_sparc_ldstq(CPUSPARCState *env, uint64_t addr64, uint32_t insn, uint32_t asi)
{
    uintptr_t ra = RA;
    uint32_t addr = (uint32_t)addr64, rd = insn >> 25 & 31;
    bool store = insn >> 21 & 1;
    uint8_t buf[16];
    if (asi == 0x100)
        asi = env->asi & 0xff;
    set_ftt(env, 0);
    if (rd & 2) {
        /* do_fpother's SIGFPE, then do_illegal_instruction's SIGILL (the
           handler returned 0): SIGILL is taken first, SIGFPE's frame is
           set up on top of it. */
        set_ftt(env, FTT_INVALID_REG);
        queue_forced_sig(SIGFPE, FPE_FLTUNK, env->pc);
        sparc_raise(env, SIGILL, ILL_ILLOPC, env->pc, ra);
    }
    if (asi < 0x80)
        sparc_raise(env, SIGILL, ILL_PRVOPC, env->pc, ra);
    bool little = asi & 8;
    if (store) {
        if ((asi & ~9u) != 0x80)
            sparc_raise(env, SIGSEGV, SEGV_MAPERR, addr, ra);
        u128 v = q_get(env, rd);
        for (int i = 0; i < 16; i++)
            buf[little ? i : 15 - i] = (uint8_t)(v >> (8 * i));
        for (uint32_t w = 0; w < 16; w += 4)
            if (!user_word(addr + w, buf + w, true))
                sparc_raise(env, SIGSEGV, SEGV_MAPERR, addr, ra);
    } else {
        if (asi > 0x8b)
            sparc_raise(env, SIGSEGV, SEGV_MAPERR, addr, ra);
        bool nofault = asi & 2;
        memset(buf, 0, sizeof buf);
        for (uint32_t w = 0; w < 16; w += 4) {
            if (user_word(addr + w, buf + w, false))
                continue;
            if (!nofault)
                sparc_raise(env, SIGSEGV, SEGV_MAPERR, addr, ra);
            memset(buf + w, 0, 4);
            if (w == 0)
                break; /* the first word failed: no more are read */
        }
        u128 v = 0;
        for (int i = 0; i < 16; i++)
            v |= (u128)buf[little ? i : 15 - i] << (8 * i);
        q_put(env, rd, v);
    }
}
