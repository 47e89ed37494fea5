/*
 * PowerPC floating point, bit for bit: every arithmetic instruction
 * computes its result and its whole FPSCR update here (NaN selection,
 * invalid-operation causes, FR/FI/FPRF, the sticky and summary bits),
 * running the IEEE operation itself on the host (core/host-fp.c).
 *
 * Single-precision instructions take double operands and round once to
 * single: the host computes the double result rounded toward zero with
 * the sticky bit ORed into its last bit ("round to odd"), which the
 * conversion to single then rounds exactly as one rounding would
 * (53 >= 2 * 24 + 2).  Tininess is detected before rounding, as the
 * PowerPC does (x86 detects it after): a result that rounded to the
 * smallest normal is rechecked against the result rounded toward zero.
 *
 * fres/frsqrte: the estimates are those of qemu-ppc 7.2 (1/x, and
 * 1/sqrt(x) as a rounded square root then a rounded division, in the
 * current rounding mode; fres/frsqrtes round that to single), which are
 * within the ISA's bounds (1/256, 1/32); a real 7450 gives a coarser one.
 * NI = 1 flushes denormal results to zero (the ISA leaves it to the
 * implementation).
 */
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>

#include "host-fp.h"
#include "linux-user/user.h"
#include "target-ppc/translate.h"

#define F64 (&hfp_f64)
#define SIGN64 0x8000000000000000ull
#define DNAN64 0x7ff8000000000000ull
#define EXC_BITS (FPSCR_OX | FPSCR_UX | FPSCR_ZX | FPSCR_XX | FPSCR_VX_ALL)

static const int rm_host[4] = { HFP_RN, HFP_RZ, HFP_RP, HFP_RM };

uint32_t ppc_fpscr_summary(uint32_t f)
{
    f &= ~(FPSCR_VX | FPSCR_FEX);
    if (f & FPSCR_VX_ALL) {
        f |= FPSCR_VX;
    }
    if (((f >> 25) & (f >> 3) & 0xf) || ((f & FPSCR_VX) && (f & FPSCR_VE))) {
        f |= FPSCR_FEX;
    }
    return f;
}

/* Linux's si_code for the enabled exception (arch/powerpc/kernel/traps.c
   __parse_fpscr order). */
static int fpe_code(uint32_t f)
{
    if ((f & FPSCR_VE) && (f & FPSCR_VX)) return FPE_FLTINV;
    if ((f & FPSCR_OE) && (f & FPSCR_OX)) return FPE_FLTOVF;
    if ((f & FPSCR_UE) && (f & FPSCR_UX)) return FPE_FLTUND;
    if ((f & FPSCR_ZE) && (f & FPSCR_ZX)) return FPE_FLTDIV;
    if ((f & FPSCR_XE) && (f & FPSCR_XX)) return FPE_FLTRES;
    return FPE_FLTUNK;
}

static void raise_fpe(CPUPPCState *env)
{
    force_sig(&env->common, SIGFPE, fpe_code(env->fpscr), env->nip);
}

/* Did exc (exception bits this instruction caused) hit an enabled one? */
static bool exc_enabled(uint32_t fpscr, uint32_t exc)
{
    return ((exc & FPSCR_VX_ALL) && (fpscr & FPSCR_VE)) || ((exc >> 25) & (fpscr >> 3) & 0xf);
}

/* FPRF of a double result. */
static uint32_t fprf_of(uint64_t v)
{
    bool neg = v >> 63;
    if (hfp_is_nan(F64, v)) return 0x11;
    if (hfp_is_inf(F64, v)) return neg ? 0x09 : 0x05;
    if (hfp_is_zero(F64, v)) return neg ? 0x12 : 0x02;
    if (hfp_is_denormal(F64, v)) return neg ? 0x18 : 0x14;
    return neg ? 0x08 : 0x04;
}

static uint64_t f32_to_f64(uint32_t s)
{
    return hfp_bits_f64((double)hfp_f32_of(s)); /* exact for non-NaN */
}

static bool tiny64(uint64_t v) { return (v & 0x7ff0000000000000ull) == 0; }
static bool min_normal64(uint64_t v) { return (v & ~SIGN64) == 0x0010000000000000ull; }
static bool tiny32(uint64_t v) { return (v & 0x7f800000u) == 0; }
static bool min_normal32(uint64_t v) { return (v & 0x7fffffffu) == 0x00800000u; }

/* One IEEE operation (hfp op on x, y, d) in rounding mode rm (FPSCR RN),
   to double or single precision.  Returns the HFP_* flags, with
   underflow as tininess before rounding; *fr: the magnitude was rounded up. */
static uint32_t fp_run(int op, uint64_t x, uint64_t y, uint64_t d, bool single, int rm, uint64_t *out, bool *fr)
{
    uint64_t r, rz;
    uint32_t f = hfp_run(F64, op, x, y, d, hfp_csr(rm_host[rm]), &r) & ~HFP_DENORMAL;
    *fr = false;
    if (!single) {
        if (f & HFP_INEXACT) {
            if (rm == 1) {
                rz = r;
            } else {
                hfp_run(F64, op, x, y, d, hfp_csr(HFP_RZ), &rz);
            }
            *fr = r != rz;
            if (min_normal64(r) && tiny64(rz)) {
                f |= HFP_UNDERFLOW;
            }
        }
        *out = r;
        return f;
    }
    /* Single: exact results convert directly; inexact ones round to odd. */
    uint64_t odd = r;
    if (f & HFP_INEXACT) {
        hfp_run(F64, op, x, y, d, hfp_csr(HFP_RZ), &odd);
        if (!hfp_is_inf(F64, odd)) {
            odd |= 1;
        }
    }
    uint64_t s, sz;
    uint32_t g = hfp_run(F64, HFP_CVT_D2S, odd, 0, 0, hfp_csr(rm_host[rm]), &s) & ~HFP_DENORMAL;
    g |= f & (HFP_INVALID | HFP_DIVBYZERO);
    if (g & HFP_INEXACT) {
        hfp_run(F64, HFP_CVT_D2S, odd, 0, 0, hfp_csr(HFP_RZ), &sz);
        *fr = s != sz;
        if (min_normal32(s) && tiny32(sz)) {
            g |= HFP_UNDERFLOW;
        }
    }
    *out = f32_to_f64((uint32_t)s);
    return g;
}

/* Round a double to single as frsp does (round to odd is not needed: one
   rounding). */
static uint32_t fp_rsp(uint64_t x, int rm, uint64_t *out, bool *fr)
{
    uint64_t s, sz;
    uint32_t g = hfp_run(F64, HFP_CVT_D2S, x, 0, 0, hfp_csr(rm_host[rm]), &s) & ~HFP_DENORMAL;
    *fr = false;
    if (g & HFP_INEXACT) {
        hfp_run(F64, HFP_CVT_D2S, x, 0, 0, hfp_csr(HFP_RZ), &sz);
        *fr = s != sz;
        if (min_normal32(s) && tiny32(sz)) {
            g |= HFP_UNDERFLOW;
        }
    }
    *out = f32_to_f64((uint32_t)s);
    return g;
}

static uint32_t exc_of_flags(uint32_t f)
{
    return (f & HFP_DIVBYZERO ? FPSCR_ZX : 0) | (f & HFP_OVERFLOW ? FPSCR_OX : 0) |
           (f & HFP_UNDERFLOW ? FPSCR_UX : 0) | (f & HFP_INEXACT ? FPSCR_XX : 0);
}

/* fctiw/fctiwz: to a 32-bit integer in the low word, sign-extended to 64
   bits, a NaN's 0x80000000 zero-extended (as qemu-ppc; the ISA leaves the
   high word undefined). */
static uint64_t fp_ctiw(uint64_t b, int rm, uint32_t *exc, bool *fi, bool *fr)
{
    double x = hfp_f64_of(b), t;
    int32_t r;
    if (hfp_is_nan(F64, b)) {
        /* 0x80000000 with a zero high word for a NaN (qemu-ppc's value). */
        *exc |= FPSCR_VXCVI | (hfp_is_snan(F64, b) ? FPSCR_VXSNAN : 0);
        return 0x80000000ull;
    }
    switch (rm) {
    case 0: t = __builtin_roundeven(x); break;
    case 1: t = trunc(x); break;
    case 2: t = ceil(x); break;
    default: t = floor(x); break;
    }
    if (t > 2147483647.0) {
        *exc |= FPSCR_VXCVI;
        return 0x7fffffffull;
    }
    if (t < -2147483648.0) {
        *exc |= FPSCR_VXCVI;
        return 0xffffffff80000000ull;
    }
    r = (int32_t)t;
    if (t != x) {
        *exc |= FPSCR_XX;
        *fi = true;
        *fr = fabs(t) > fabs(x);
    }
    return (uint64_t)(int64_t)r;
}

/* Update the FPSCR for an instruction that caused exception bits exc and
   produced (write) a result of class fprf with FR/FI; returns true when an
   enabled exception must interrupt. */
static bool fpscr_update(CPUPPCState *env, uint32_t exc, bool write, bool set_fprf, uint32_t fprf, bool fr,
                         bool fi)
{
    uint32_t f = env->fpscr;
    if (exc & ~f & EXC_BITS) {
        f |= FPSCR_FX;
    }
    f |= exc;
    f &= ~(FPSCR_FR | FPSCR_FI);
    if (write) {
        f |= (fr ? FPSCR_FR : 0) | (fi ? FPSCR_FI : 0);
        if (set_fprf) {
            f = (f & ~FPSCR_FPRF) | fprf << FPSCR_FPRF_SHIFT;
        }
    }
    env->fpscr = ppc_fpscr_summary(f);
    return env->fe_on && exc_enabled(env->fpscr, exc);
}

static uint64_t quiet(uint64_t v) { return v | (1ull << 51); }

/*
 * The fast path: round to nearest, no NI, XE disabled, and a result well
 * inside the normal range (no overflow, underflow or special value, so the
 * only possible exception is inexact, whose enable is off).  The result is
 * the host's own (compiled C runs in round to nearest); inexactness and FR
 * come from the exact error of the operation: TwoSum for add/subtract, an
 * FMA for multiply, the FMA remainder for divide and square root, ErrFma
 * for the multiply-add family.  Single precision rounds the double result
 * once more, stepping off a single tie first when the exact value is not
 * the tie (so the rounding is single).  Anything else takes the exact
 * general path.
 */
static bool fast_range(uint64_t r, bool single)
{
    unsigned e = (unsigned)(r >> 52) & 0x7ff;
    return single ? (e >= 1023 - 100 && e <= 1023 + 100) : (e >= 200 && e <= 2000);
}

static bool fop_fast(CPUPPCState *env, unsigned kind, bool single, uint64_t ua, uint64_t ub, uint64_t uc,
                     uint64_t *out)
{
    double a = hfp_f64_of(ua), b = hfp_f64_of(ub), c = hfp_f64_of(uc), r, e;
    switch (kind) {
    case PPC_FOP_ADD:
    case PPC_FOP_SUB: {
        double y = kind == PPC_FOP_ADD ? b : -b;
        r = a + y;
        double bb = r - a;
        e = (a - (r - bb)) + (y - bb);
        break;
    }
    case PPC_FOP_MUL:
        r = a * c;
        e = __builtin_fma(a, c, -r);
        break;
    case PPC_FOP_DIV: {
        r = a / b;
        double rem = __builtin_fma(-r, b, a); /* a - r*b, exact */
        e = (rem == 0) ? 0 : ((rem > 0) == (b > 0) ? 1.0 : -1.0) * __builtin_fabs(r) * 0x1p-80;
        break;
    }
    case PPC_FOP_SQRT: {
        if (b <= 0) {
            return false;
        }
        r = __builtin_sqrt(b);
        double rem = __builtin_fma(-r, r, b); /* b - r*r */
        e = rem == 0 ? 0 : (rem > 0 ? r : -r) * 0x1p-80;
        break;
    }
    case PPC_FOP_MADD:
    case PPC_FOP_MSUB:
    case PPC_FOP_NMADD:
    case PPC_FOP_NMSUB: {
        /* r = RN(a*c + y) and its exact error (Boldo and Muller's ErrFma:
           a*c + y = r + r2 + r3), valid without underflow: every input and
           the product well inside the normal range (or y = 0). */
        double y = (kind == PPC_FOP_MSUB || kind == PPC_FOP_NMSUB) ? -b : b;
        double u1 = a * c;
        if (!fast_range(ua, false) || !fast_range(uc, false) || !fast_range(hfp_bits_f64(u1), false) ||
            (y != 0 && !fast_range(ub, false))) {
            return false;
        }
        r = __builtin_fma(a, c, y);
        double u2 = __builtin_fma(a, c, -u1);
        double al1 = y + u2, t = al1 - y, al2 = (y - (al1 - t)) + (u2 - t);
        double be1 = u1 + al1, t2 = be1 - u1, be2 = (u1 - (be1 - t2)) + (al1 - t2);
        double g = (be1 - r) + be2;
        double r2 = g + al2, r3 = al2 - (r2 - g);
        e = r2 + r3;
        if (kind == PPC_FOP_NMADD || kind == PPC_FOP_NMSUB) {
            r = -r; /* fmadd/fmsub, then negated (the ISA's definition) */
            e = -e;
        }
        break;
    }
    default:
        return false;
    }
    uint64_t ur = hfp_bits_f64(r);
    if (!fast_range(ur, single)) {
        return false;
    }
    bool inexact = e != 0, fr = false;
    /* e: the exact result minus r (for divide and square root only its
       sign and "tiny" magnitude are right, which is all that is used). */
    if (single) {
        if ((ur & 0x1fffffffu) == 0x10000000u && e != 0) {
            r = __builtin_nextafter(r, e > 0 ? __builtin_inf() : -__builtin_inf());
        }
        float sf = (float)r;
        double sd = sf;
        uint64_t us = hfp_bits_f64(sd);
        if (!fast_range(us, true)) {
            return false;
        }
        double d = sd - hfp_f64_of(ur); /* exact: both within a single ulp */
        double diff = d - e;            /* the sign of (rounded - exact) */
        inexact = inexact || d != 0;
        fr = diff != 0 && ((diff > 0) == (sd > 0));
        ur = us;
    } else if (inexact) {
        fr = (e < 0) == (r > 0); /* exact = r + e: |r| above it */
    }
    uint32_t f = env->fpscr;
    if (inexact && !(f & FPSCR_XX)) {
        f |= FPSCR_FX | FPSCR_XX;
    }
    f &= ~(FPSCR_FR | FPSCR_FI | FPSCR_FPRF);
    f |= (fr ? FPSCR_FR : 0) | (inexact ? FPSCR_FI : 0) | ((ur >> 63) ? 0x08u : 0x04u) << FPSCR_FPRF_SHIFT;
    env->fpscr = f;
    *out = ur;
    return true;
}

uint64_t helper_ppc_fop(CPUPPCState *env, uint32_t op, uint64_t a, uint64_t b, uint64_t c, uint64_t old)
{
    unsigned kind = op & 0xff, frt = (op >> 16) & 31;
    bool single = op & PPC_FOP_SINGLE;
    int rm = env->fpscr & FPSCR_RN;
    uint32_t exc = 0;
    uint64_t r = 0, ops[3];
    int n;
    bool fr = false, fi = false, invalid = false;

    if (!(env->fpscr & (FPSCR_RN | FPSCR_NI | FPSCR_XE)) && fop_fast(env, kind, single, a, b, c, &r)) {
        return r;
    }
    switch (kind) {
    case PPC_FOP_ADD: case PPC_FOP_SUB: case PPC_FOP_DIV:
        ops[0] = a, ops[1] = b, n = 2;
        break;
    case PPC_FOP_MUL:
        ops[0] = a, ops[1] = c, n = 2;
        break;
    case PPC_FOP_MADD: case PPC_FOP_MSUB: case PPC_FOP_NMADD: case PPC_FOP_NMSUB:
        ops[0] = a, ops[1] = b, ops[2] = c, n = 3;
        break;
    default:
        ops[0] = b, n = 1;
        break;
    }

    if (kind == PPC_FOP_CTIW || kind == PPC_FOP_CTIWZ) {
        r = fp_ctiw(b, kind == PPC_FOP_CTIWZ ? 1 : rm, &exc, &fi, &fr);
        invalid = exc & FPSCR_VX_ALL;
        bool trap_now = invalid && (env->fpscr & FPSCR_VE);
        if (trap_now) {
            r = old;
        }
        /* FPRF is undefined after fctiw: qemu-ppc leaves it alone except
           for an invalid conversion (its QNaN class). */
        bool trap = fpscr_update(env, exc, !trap_now, invalid, 0x11, fr, fi);
        if (trap) {
            env->fpr[frt] = r;
            raise_fpe(env);
        }
        return r;
    }

    for (int i = 0; i < n; i++) {
        if (hfp_is_snan(F64, ops[i])) {
            exc |= FPSCR_VXSNAN;
        }
    }
    int nan = -1;
    for (int i = 0; i < n && nan < 0; i++) {
        if (hfp_is_nan(F64, ops[i])) {
            nan = i;
        }
    }
    if (nan >= 0) {
        /* a*c = infinity * 0 is invalid even when b is a NaN (which is
           then the result). */
        if (n == 3 && ((hfp_is_inf(F64, a) && hfp_is_zero(F64, c)) || (hfp_is_zero(F64, a) && hfp_is_inf(F64, c)))) {
            exc |= FPSCR_VXIMZ;
        }
        r = quiet(ops[nan]);
        if (single) {
            r &= ~0x1fffffffull;
        }
        invalid = exc != 0;
    } else {
        bool ia = hfp_is_inf(F64, a), ib = hfp_is_inf(F64, b), ic = hfp_is_inf(F64, c);
        bool za = hfp_is_zero(F64, a), zb = hfp_is_zero(F64, b), zc = hfp_is_zero(F64, c);
        uint64_t sa = a & SIGN64, sb = b & SIGN64, sc = c & SIGN64;
        uint32_t f = 0;
        switch (kind) {
        case PPC_FOP_ADD:
        case PPC_FOP_SUB:
            if (ia && ib && ((sa != sb) == (kind == PPC_FOP_ADD))) {
                exc |= FPSCR_VXISI;
                break;
            }
            f = fp_run(kind == PPC_FOP_ADD ? HFP_ADD : HFP_SUB, a, b, 0, single, rm, &r, &fr);
            break;
        case PPC_FOP_MUL:
            if ((ia && zc) || (za && ic)) {
                exc |= FPSCR_VXIMZ;
                break;
            }
            f = fp_run(HFP_MUL, a, c, 0, single, rm, &r, &fr);
            break;
        case PPC_FOP_DIV:
            if (ia && ib) {
                exc |= FPSCR_VXIDI;
                break;
            }
            if (za && zb) {
                exc |= FPSCR_VXZDZ;
                break;
            }
            f = fp_run(HFP_DIV, a, b, 0, single, rm, &r, &fr);
            break;
        case PPC_FOP_SQRT:
            if (sb && !zb) {
                exc |= FPSCR_VXSQRT;
                break;
            }
            f = fp_run(HFP_SQRT, b, 0, 0, single, rm, &r, &fr);
            break;
        case PPC_FOP_RE:
            f = fp_run(HFP_DIV, hfp_bits_f64(1.0), b, 0, single, rm, &r, &fr);
            break;
        case PPC_FOP_RSQRTE: {
            if (sb && !zb) {
                exc |= FPSCR_VXSQRT;
                break;
            }
            uint64_t t;
            bool fr0;
            f = fp_run(HFP_SQRT, b, 0, 0, false, rm, &t, &fr0) & HFP_INEXACT;
            f |= fp_run(HFP_DIV, hfp_bits_f64(1.0), t, 0, single, rm, &r, &fr);
            break;
        }
        case PPC_FOP_RSP:
            f = fp_rsp(b, rm, &r, &fr);
            break;
        default: { /* the multiply-add family: (a * c) +/- b, negated for fnm* */
            bool sub = kind == PPC_FOP_MSUB || kind == PPC_FOP_NMSUB;
            bool neg = kind == PPC_FOP_NMADD || kind == PPC_FOP_NMSUB;
            if ((ia && zc) || (za && ic)) {
                exc |= FPSCR_VXIMZ;
                break;
            }
            if ((ia || ic) && ib && ((sa ^ sc) != (sub ? sb ^ SIGN64 : sb))) {
                exc |= FPSCR_VXISI;
                break;
            }
            f = fp_run(HFP_FMA, a, c, sub ? b ^ SIGN64 : b, single, rm, &r, &fr);
            if (neg) {
                r ^= SIGN64;
            }
            break;
        }
        }
        if (exc & FPSCR_VX_ALL) {
            invalid = true;
            r = DNAN64;
        } else {
            exc |= exc_of_flags(f);
            fi = f & HFP_INEXACT;
            if (f & HFP_OVERFLOW) {
                /* FR is undefined after an overflow: it keeps its value,
                   as in qemu-ppc. */
                fr = env->fpscr & FPSCR_FR;
            }
            if ((env->fpscr & FPSCR_NI) && hfp_is_denormal(F64, r)) {
                r &= SIGN64;
            }
        }
    }
    /* An enabled invalid operation or zero divide leaves the target alone. */
    bool keep = (invalid && (env->fpscr & FPSCR_VE)) || ((exc & FPSCR_ZX) && (env->fpscr & FPSCR_ZE));
    if (keep) {
        r = old;
    }
    if (fpscr_update(env, exc, !keep, true, fprf_of(r), fr, fi)) {
        env->fpr[frt] = r;
        raise_fpe(env);
    }
    return r;
}

/* fsel: c if a >= 0 (either zero counts, a NaN does not), else b. */
uint64_t helper_ppc_fsel(uint64_t a, uint64_t c, uint64_t b)
{
    if (!hfp_is_nan(F64, a) && (hfp_is_zero(F64, a) || !(a & SIGN64))) {
        return c;
    }
    return b;
}

/* fcmpu/fcmpo: the FPCC nibble (8 less, 4 greater, 2 equal, 1 unordered),
   also written to FPSCR[FPCC]. */
uint32_t helper_ppc_fcmp(CPUPPCState *env, uint64_t a, uint64_t b, uint32_t ordered)
{
    static const uint32_t cc[4] = { 2, 8, 4, 1 }; /* by FPRelation */
    uint32_t c = cc[hfp_compare(F64, a, b)];
    uint32_t exc = 0;
    bool sn = hfp_is_snan(F64, a) || hfp_is_snan(F64, b);
    if (sn) {
        exc |= FPSCR_VXSNAN;
        if (ordered && !(env->fpscr & FPSCR_VE)) {
            exc |= FPSCR_VXVC;
        }
    } else if (ordered && c == 1) {
        exc |= FPSCR_VXVC;
    }
    env->fpscr = (env->fpscr & ~FPSCR_FPCC) | c << FPSCR_FPRF_SHIFT;
    if (exc) {
        uint32_t f = env->fpscr;
        if (exc & ~f & EXC_BITS) {
            f |= FPSCR_FX;
        }
        env->fpscr = ppc_fpscr_summary(f | exc);
        if (env->fe_on && exc_enabled(env->fpscr, exc)) {
            raise_fpe(env);
        }
    }
    return c;
}

/* lfs: a single in memory to the double format, exactly (no exception;
   a signalling NaN stays signalling). */
uint64_t helper_ppc_lfs(uint32_t v)
{
    if ((v & 0x7f800000u) == 0x7f800000u && (v & 0x7fffffu)) {
        return (uint64_t)(v & 0x80000000u) << 32 | 0x7ff0000000000000ull | (uint64_t)(v & 0x7fffffu) << 29;
    }
    return f32_to_f64(v);
}

/* stfs: the double in the register to single format by the ISA's bit
   selection (no rounding, no exception). */
uint32_t helper_ppc_stfs(uint64_t v)
{
    int exp = (int)((v >> 52) & 0x7ff);
    if (exp > 896 || (v & ~SIGN64) == 0 || exp < 874) {
        return (uint32_t)((v >> 32) & 0xc0000000u) | (uint32_t)((v >> 29) & 0x3fffffffu);
    }
    /* Denormalize: shift the significand with its implicit bit. */
    uint32_t r = (uint32_t)(v >> 63) << 31;
    r |= (uint32_t)(((1ull << 52) | (v & 0xfffffffffffffull)) >> (896 + 30 - exp));
    return r;
}

/* ---- FPSCR instructions ---- */

static void fpscr_set(CPUPPCState *env, uint32_t f)
{
    env->fpscr = ppc_fpscr_summary(f);
    if (env->fe_on && (env->fpscr & FPSCR_FEX)) {
        raise_fpe(env);
    }
}

/* FPSCR bit 20 (ISA numbering) is reserved: it reads as 0. */
#define FPSCR_RESERVED 0x00000800u

/* mtfsf/mtfsfi: the fields in mask from v; FEX and VX follow the rest. */
void helper_ppc_mtfsf(CPUPPCState *env, uint32_t mask, uint32_t v)
{
    mask &= ~FPSCR_RESERVED;
    fpscr_set(env, (env->fpscr & ~mask) | (v & mask));
}

/* mtfsb0/mtfsb1 bt (ISA numbering, 0 = FX); FEX and VX cannot be set. */
void helper_ppc_mtfsb(CPUPPCState *env, uint32_t bt, uint32_t set)
{
    uint32_t bit = 1u << (31 - bt);
    uint32_t f = env->fpscr;
    if (bit & (FPSCR_FEX | FPSCR_VX | FPSCR_RESERVED)) {
        return;
    }
    if (set) {
        if (bit & EXC_BITS & ~f) {
            f |= FPSCR_FX;
        }
        f |= bit;
    } else {
        f &= ~bit;
    }
    fpscr_set(env, f);
}

/* mcrfs: FPSCR field bfa, whose exception bits are then cleared. */
uint32_t helper_ppc_mcrfs(CPUPPCState *env, uint32_t bfa)
{
    int sh = 28 - 4 * (int)bfa;
    uint32_t c = (env->fpscr >> sh) & 0xf;
    uint32_t clear = (0xfu << sh) & (EXC_BITS | FPSCR_FX);
    env->fpscr = ppc_fpscr_summary(env->fpscr & ~clear);
    return c;
}

/* mffs and the ISA 3.0 forms (sub = the instruction's bits 16-20). */
uint64_t helper_ppc_mffs(CPUPPCState *env, uint32_t sub, uint64_t frb, uint32_t imm)
{
    uint64_t full = (uint64_t)env->fpscr_drn << 32 | env->fpscr;
    uint64_t ctl = (uint64_t)env->fpscr_drn << 32 | (env->fpscr & 0xff); /* DRN, enables, NI, RN */
    switch (sub) {
    case 1: /* mffsce: then disable every exception */
        env->fpscr &= ~(FPSCR_VE | FPSCR_OE | FPSCR_UE | FPSCR_ZE | FPSCR_XE);
        env->fpscr = ppc_fpscr_summary(env->fpscr);
        return full;
    case 20: /* mffscdrn: DRN from FRB */
        env->fpscr_drn = (uint32_t)(frb >> 32) & 7;
        return ctl;
    case 21: /* mffscdrni */
        env->fpscr_drn = imm & 7;
        return ctl;
    case 22: /* mffscrn: RN from FRB */
        fpscr_set(env, (env->fpscr & ~FPSCR_RN) | ((uint32_t)frb & 3));
        return ctl;
    case 23: /* mffscrni */
        fpscr_set(env, (env->fpscr & ~FPSCR_RN) | (imm & 3));
        return ctl;
    case 24: /* mffsl: the control bits and FR, FI, FPRF */
        return (uint64_t)env->fpscr_drn << 32 | (env->fpscr & (0x7f000u | 0xffu));
    default:
        return full;
    }
}
