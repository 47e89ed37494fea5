/*
 * ARMv8.2 half-precision arithmetic helpers (FEAT_FP16, AArch32 VFP): the
 * cp9 data-processing instructions of translate-fp16.c.
 *
 * How a result is computed: the operands are unpacked to doubles (every
 * half-precision value is exactly a double), FPSCR.FZ16 flushing denormal
 * inputs to zero (without IDC: FPUnpack sets IDC only for the single and
 * double formats); NaN operands are chosen the ARM way (first signalling,
 * then first quiet, DN gives 0x7e00); the operation runs in double
 * precision where it is exact (add, subtract, multiply of halves) or
 * together with the exact sign of its error (divide, square root, fused
 * multiply-add: a remainder or TwoSum), and h_round rounds the true value
 * once to half precision with FPSCR's mode (or an explicit one), detecting
 * tininess before rounding and flushing tiny results to zero under FZ16
 * (UFC).  FPSCR.AHP does not apply to these instructions; FZ (bit 24) does
 * not either.
 */
#include <math.h>
#include <stdbool.h>
#include "host-fp.h"
#include "vfp.h"

#define H_SIGN 0x8000u
#define H_EXP 0x7c00u
#define H_FRAC 0x03ffu
#define H_QBIT 0x0200u
#define H_DNAN 0x7e00u

typedef struct H16 {
    CPUARMState *env;
    uint32_t fpscr;
    uint32_t flags; /* FPSCR cumulative bits raised */
} H16;

static H16 h_begin(CPUARMState *env) { return (H16){env, env->fpscr, 0}; }

static void h_end(H16 *c)
{
    if (c->flags)
        arm_fpscr_accumulate(c->env, c->flags);
}

static uint32_t h_rmode(const H16 *c) { return (c->fpscr >> FPSCR_RMODE_SHIFT) & 3; }

static bool h_is_nan(uint32_t h) { return (h & H_EXP) == H_EXP && (h & H_FRAC); }
static bool h_is_snan(uint32_t h) { return h_is_nan(h) && !(h & H_QBIT); }
static bool h_is_inf(uint32_t h) { return (h & ~H_SIGN) == H_EXP; }
static bool h_is_zero(uint32_t h) { return (h & ~H_SIGN) == 0; }

/* FPUnpack's FZ16: a denormal input becomes a zero of its sign, no flag. */
static uint32_t h_flush(const H16 *c, uint32_t h)
{
    h &= 0xffff;
    if ((c->fpscr & FPSCR_FZ16) && !(h & H_EXP) && (h & H_FRAC))
        return h & H_SIGN;
    return h;
}

/* The value of a half that is not a NaN (exact). */
static double h_value(uint32_t h)
{
    uint32_t exp = (h >> 10) & 0x1f, frac = h & H_FRAC;
    double x = exp == 0x1f ? INFINITY : ldexp(exp ? (double)(frac | 0x400) : (double)frac, (exp ? (int)exp : 1) - 25);
    return h & H_SIGN ? -x : x;
}

static uint32_t h_quiet(H16 *c, uint32_t h)
{
    if (h_is_snan(h))
        c->flags |= FPSCR_IOC;
    return c->fpscr & FPSCR_DN ? H_DNAN : h | H_QBIT;
}

/* FPProcessNaNs over n operands: true when a NaN result was chosen. */
static bool h_nans(H16 *c, int n, const uint32_t *ops, uint32_t *r)
{
    for (int i = 0; i < n; i++)
        if (h_is_snan(ops[i])) {
            *r = h_quiet(c, ops[i]);
            return true;
        }
    for (int i = 0; i < n; i++)
        if (h_is_nan(ops[i])) {
            *r = h_quiet(c, ops[i]);
            return true;
        }
    return false;
}

/* An invalid operation: IOC and the default NaN. */
static uint32_t h_invalid(H16 *c)
{
    c->flags |= FPSCR_IOC;
    return H_DNAN;
}

/*
 * FPRound to half precision of the true value x + dir * (something smaller
 * than any half-precision distance): x is the double nearest to it, dir its
 * side (-1 below, 0 exact, 1 above).  rm: 0 nearest even, 1 +inf, 2 -inf,
 * 3 zero.  x is not a NaN; infinities and zeros come out as they are.
 */
static uint32_t h_round(H16 *c, double x, int dir, uint32_t rm)
{
    uint32_t sign = signbit(x) ? H_SIGN : 0;
    if (isinf(x))
        return sign | H_EXP;
    if (x == 0 && dir == 0)
        return sign;
    if (dir)
        x = nextafter(x, dir > 0 ? INFINITY : -INFINITY);
    sign = x < 0 ? H_SIGN : 0;
    double mag = fabs(x);
    if (mag < 0x1p-14 && (c->fpscr & FPSCR_FZ16)) {
        c->flags |= FPSCR_UFC; /* flushed: underflow, not inexact */
        return sign;
    }
    int e;
    frexp(mag, &e);                      /* mag = f * 2^e, f in [0.5, 1) */
    int q = e - 11 < -24 ? -24 : e - 11; /* exponent of one unit in the last place */
    double scaled = ldexp(mag, -q), t = trunc(scaled), frac = scaled - t;
    switch (rm) {
    case 0: if (frac > 0.5 || (frac == 0.5 && fmod(t, 2.0) != 0)) t += 1; break;
    case 1: if (frac > 0 && !sign) t += 1; break;
    case 2: if (frac > 0 && sign) t += 1; break;
    default: break;
    }
    double res = ldexp(t, q);
    if (res > 65504.0) {
        bool to_inf = rm == 0 || (rm == 1 && !sign) || (rm == 2 && sign);
        c->flags |= FPSCR_OFC | FPSCR_IXC;
        return sign | (to_inf ? H_EXP : 0x7bffu);
    }
    if (frac != 0)
        c->flags |= FPSCR_IXC | (mag < 0x1p-14 ? FPSCR_UFC : 0); /* tiny before rounding */
    if (res == 0)
        return sign;
    if (res < 0x1p-14)
        return sign | (uint32_t)ldexp(res, 24); /* denormal */
    frexp(res, &e);
    return sign | (uint32_t)(e - 1 + 15) << 10 | ((uint32_t)ldexp(res, 11 - e) & H_FRAC);
}

/* The sign of a zero sum: both addends zeros of one sign keep it, an exact
   cancellation gives -0 only when rounding toward -inf. */
static double zero_sum(const H16 *c, double a, double b)
{
    if (a == 0 && b == 0 && signbit(a) == signbit(b))
        return a;
    return h_rmode(c) == 2 ? -0.0 : 0.0;
}

enum { HOP_ADD, HOP_SUB, HOP_MUL, HOP_DIV };

/* FPAdd / FPSub / FPMul / FPDiv. */
static uint32_t h_binop(H16 *c, int op, uint32_t a, uint32_t b)
{
    uint32_t ops[2] = {h_flush(c, a), h_flush(c, b)}, r;
    if (h_nans(c, 2, ops, &r))
        return r;
    double x = h_value(ops[0]), y = h_value(ops[1]), z;
    int dir = 0;
    switch (op) {
    case HOP_SUB:
        y = -y; /* after the NaN choice: FPSub returns the NaN operand as is */
        /* fall through */
    case HOP_ADD:
        if (isinf(x) && isinf(y) && signbit(x) != signbit(y))
            return h_invalid(c);
        z = x + y; /* exact: the operands are at most 40 binary places apart */
        if (z == 0)
            z = zero_sum(c, x, y);
        break;
    case HOP_MUL:
        if ((isinf(x) && y == 0) || (x == 0 && isinf(y)))
            return h_invalid(c);
        z = x * y; /* exact: 22 significant bits */
        break;
    default:
        if ((x == 0 && y == 0) || (isinf(x) && isinf(y)))
            return h_invalid(c);
        if (y == 0) {
            c->flags |= isinf(x) ? 0 : FPSCR_DZC;
            return ((ops[0] ^ ops[1]) & H_SIGN) | H_EXP;
        }
        z = x / y;
        if (!isinf(x) && !isinf(y)) {
            double rem = fma(-z, y, x); /* x - z * y, exact */
            dir = rem == 0 ? 0 : (rem > 0) == (y > 0) ? 1 : -1;
        }
        break;
    }
    return h_round(c, z, dir, h_rmode(c));
}

/* FPMulAdd(addend, a, b): addend + a * b with one rounding. */
static uint32_t h_muladd(H16 *c, uint32_t addend, uint32_t a, uint32_t b)
{
    uint32_t ops[3] = {h_flush(c, addend), h_flush(c, a), h_flush(c, b)}, r;
    bool inf_zero = (h_is_inf(ops[1]) && h_is_zero(ops[2])) || (h_is_zero(ops[1]) && h_is_inf(ops[2]));
    if (h_nans(c, 3, ops, &r)) {
        if (inf_zero && !h_is_snan(ops[0]) && h_is_nan(ops[0]))
            return h_invalid(c); /* quiet NaN + inf * 0 */
        return r;
    }
    if (inf_zero)
        return h_invalid(c);
    double d = h_value(ops[0]), p = h_value(ops[1]) * h_value(ops[2]); /* exact product */
    if (isinf(d) && isinf(p) && signbit(d) != signbit(p))
        return h_invalid(c);
    if (isinf(d) || isinf(p))
        return h_round(c, isinf(d) ? d : p, 0, 0);
    double s = d + p, t = s - d, err = (d - (s - t)) + (p - t); /* TwoSum: s + err exactly */
    if (s == 0)
        return h_round(c, zero_sum(c, d, p), 0, 0);
    return h_round(c, s, err == 0 ? 0 : err > 0 ? 1 : -1, h_rmode(c));
}

static uint32_t h_neg(uint32_t h) { return h ^ H_SIGN; }

uint32_t helper_vfp_arith_h(CPUARMState *env, uint32_t op, uint32_t d, uint32_t n, uint32_t m)
{
    H16 c = h_begin(env);
    uint32_t r, p;
    d &= 0xffff, n &= 0xffff, m &= 0xffff;
    switch (op) {
    case VFP_ADD: r = h_binop(&c, HOP_ADD, n, m); break;
    case VFP_SUB: r = h_binop(&c, HOP_SUB, n, m); break;
    case VFP_MUL: r = h_binop(&c, HOP_MUL, n, m); break;
    case VFP_NMUL: r = h_neg(h_binop(&c, HOP_MUL, n, m)); break;
    case VFP_DIV: r = h_binop(&c, HOP_DIV, n, m); break;
    case VFP_MLA: p = h_binop(&c, HOP_MUL, n, m); r = h_binop(&c, HOP_ADD, d, p); break;
    case VFP_MLS: p = h_binop(&c, HOP_MUL, n, m); r = h_binop(&c, HOP_ADD, d, h_neg(p)); break;
    case VFP_NMLA: p = h_binop(&c, HOP_MUL, n, m); r = h_binop(&c, HOP_ADD, h_neg(d), h_neg(p)); break;
    case VFP_NMLS: p = h_binop(&c, HOP_MUL, n, m); r = h_binop(&c, HOP_ADD, h_neg(d), p); break;
    case VFP_FMA: r = h_muladd(&c, d, n, m); break;
    case VFP_FMS: r = h_muladd(&c, d, h_neg(n), m); break;
    case VFP_FNMA: r = h_muladd(&c, h_neg(d), h_neg(n), m); break;
    default: r = h_muladd(&c, h_neg(d), n, m); break; /* VFP_FNMS */
    }
    h_end(&c);
    return r & 0xffff;
}

uint32_t helper_vfp_sqrt_h(CPUARMState *env, uint32_t a)
{
    H16 c = h_begin(env);
    uint32_t r;
    a = h_flush(&c, a);
    if (h_nans(&c, 1, &a, &r)) {
    } else if (h_is_zero(a) || a == H_EXP) {
        r = a; /* +-0, +inf */
    } else if (a & H_SIGN) {
        r = h_invalid(&c);
    } else {
        double x = h_value(a), z = sqrt(x), rem = fma(-z, z, x);
        r = h_round(&c, z, rem == 0 ? 0 : rem > 0 ? 1 : -1, h_rmode(&c));
    }
    h_end(&c);
    return r;
}

void helper_vfp_cmp_h(CPUARMState *env, uint32_t a, uint32_t b, uint32_t signal)
{
    H16 c = h_begin(env);
    uint32_t nzcv;
    a = h_flush(&c, a), b = h_flush(&c, b);
    if (h_is_nan(a) || h_is_nan(b)) {
        if (signal || h_is_snan(a) || h_is_snan(b))
            c.flags |= FPSCR_IOC;
        nzcv = 0x3;
    } else {
        double x = h_value(a), y = h_value(b);
        nzcv = x == y ? 0x6 : x < y ? 0x8 : 0x2;
    }
    env->fpscr = (env->fpscr & 0x0fffffffu) | nzcv << FPSCR_NZCV_SHIFT;
    h_end(&c);
}

/* FPMaxNum / FPMinNum: a quiet NaN beside a number gives the number. */
uint32_t helper_vfp_maxnm_h(CPUARMState *env, uint32_t a, uint32_t b, uint32_t is_min)
{
    H16 c = h_begin(env);
    uint32_t ops[2] = {h_flush(&c, a), h_flush(&c, b)}, r;
    bool qa = h_is_nan(ops[0]) && !h_is_snan(ops[0]), qb = h_is_nan(ops[1]) && !h_is_snan(ops[1]);
    if (qa && !h_is_nan(ops[1])) {
        r = ops[1];
    } else if (qb && !h_is_nan(ops[0])) {
        r = ops[0];
    } else if (h_nans(&c, 2, ops, &r)) {
    } else if (h_is_zero(ops[0]) && h_is_zero(ops[1])) {
        r = is_min ? ops[0] | ops[1] : ops[0] & ops[1];
    } else {
        r = (h_value(ops[0]) < h_value(ops[1])) == (bool)is_min ? ops[0] : ops[1];
    }
    h_end(&c);
    return r;
}

/* Round x (finite) to an integral value in mode rm (4: ties away). */
static double round_integral(double x, uint32_t rm)
{
    double t = trunc(x), frac = x - t;
    switch (rm) {
    case 0: if (fabs(frac) > 0.5 || (fabs(frac) == 0.5 && fmod(t, 2.0) != 0)) t += x < 0 ? -1 : 1; break;
    case 1: if (frac > 0) t += 1; break;
    case 2: if (frac < 0) t -= 1; break;
    case 4: if (fabs(frac) >= 0.5) t += x < 0 ? -1 : 1; break;
    default: break;
    }
    return t == 0 ? copysign(0.0, x) : t;
}

/* FPRoundInt (desc as helper_vfp_rint_s's). */
static uint32_t h_rint(H16 *c, uint32_t a, uint32_t desc)
{
    uint32_t r;
    a = h_flush(c, a);
    if (h_nans(c, 1, &a, &r))
        return r;
    if (h_is_inf(a) || h_is_zero(a))
        return a;
    uint32_t rm = (desc & 7) == 7 ? h_rmode(c) : desc & 7;
    double x = h_value(a), t = round_integral(x, rm);
    if (t != x && (desc & 8))
        c->flags |= FPSCR_IXC;
    return h_round(c, t, 0, 0); /* exact */
}

uint32_t helper_vfp_rint_h(CPUARMState *env, uint32_t a, uint32_t desc)
{
    H16 c = h_begin(env);
    uint32_t r = h_rint(&c, a, desc);
    h_end(&c);
    return r;
}

/* FPToFixed from half precision: the half, flushed under FZ16, is exactly a
   single (denormals included), which the single-precision conversion
   takes without flushing (it is never a single denormal). */
uint32_t helper_vfp_tofix_h(CPUARMState *env, uint32_t a, uint32_t desc)
{
    H16 c = h_begin(env);
    a = h_flush(&c, a);
    uint32_t f = h_is_nan(a) ? 0x7fc00000u : hfp_bits_f32((float)h_value(a));
    return helper_vfp_tofix_s(env, f, desc);
}

/* FixedToFP to half precision (desc as helper_vfp_fromfix_s's). */
uint32_t helper_vfp_fromfix_h(CPUARMState *env, uint32_t v, uint32_t desc)
{
    H16 c = h_begin(env);
    double x;
    if (desc & VFP_FIX_SIZE16)
        x = desc & VFP_FIX_UNSIGNED ? (double)(uint16_t)v : (double)(int16_t)v;
    else
        x = desc & VFP_FIX_UNSIGNED ? (double)v : (double)(int32_t)v;
    x = ldexp(x, -(int)(desc & VFP_FIX_FBITS_MASK)); /* exact */
    if (x == 0)
        x = 0.0; /* an integer zero is +0 */
    uint32_t r = h_round(&c, x, 0, desc & VFP_FIX_RMODE_FPSCR ? h_rmode(&c) : 0);
    h_end(&c);
    return r;
}

/* ---- Advanced SIMD half-precision lanes (three registers of the same
   length, and by scalar): the standard FPSCR value (round to nearest,
   default NaN, FZ16 as FPSCR has it), cumulative flags into FPSCR ---- */

static uint32_t h_sub(H16 *c, uint32_t a, uint32_t b) { return h_binop(c, HOP_SUB, a, b); }

/* FPCompareEQ/GE/GT: 0xffff or 0; a NaN is IOC for GE/GT, only a
   signalling one for EQ. */
static uint32_t h_cmp(H16 *c, uint32_t a, uint32_t b, int kind)
{
    a = h_flush(c, a), b = h_flush(c, b);
    if (h_is_nan(a) || h_is_nan(b)) {
        if (kind || h_is_snan(a) || h_is_snan(b))
            c->flags |= FPSCR_IOC;
        return 0;
    }
    double x = h_value(a), y = h_value(b);
    bool r = kind == 0 ? x == y : kind == 1 ? x >= y : x > y;
    return r ? 0xffff : 0;
}

/* FPMax/FPMin (NaNs processed, +0 above -0). */
static uint32_t h_maxmin(H16 *c, uint32_t a, uint32_t b, bool is_min)
{
    uint32_t ops[2] = {h_flush(c, a), h_flush(c, b)}, r;
    if (h_nans(c, 2, ops, &r))
        return r;
    if (h_is_zero(ops[0]) && h_is_zero(ops[1]))
        return is_min ? ops[0] | ops[1] : ops[0] & ops[1];
    return (h_value(ops[0]) < h_value(ops[1])) == is_min ? ops[0] : ops[1];
}

/* AArch32's FPRecipStep (2 - a*b) and FPRSqrtStep ((3 - a*b) / 2): the
   product rounded on its own (FPMul), then one more rounding (FPSub,
   FPHalvedSub); infinity times zero is a zero product. */
static uint32_t h_step(H16 *c, uint32_t a, uint32_t b, bool rsqrt)
{
    uint32_t ops[2] = {h_flush(c, a), h_flush(c, b)}, r;
    if (h_nans(c, 2, ops, &r))
        return r;
    uint32_t p = 0;
    if (!((h_is_inf(ops[0]) && h_is_zero(ops[1])) || (h_is_zero(ops[0]) && h_is_inf(ops[1]))))
        p = h_binop(c, HOP_MUL, ops[0], ops[1]);
    if (!rsqrt)
        return h_binop(c, HOP_SUB, 0x4000, p);
    /* FPHalvedSub(3.0, p): exact in double, one rounding */
    p = h_flush(c, p);
    if (h_is_inf(p))
        return (p ^ H_SIGN) & 0xffff;
    double z = (3.0 - h_value(p)) / 2;
    if (z == 0)
        z = 0.0;
    return h_round(c, z, 0, h_rmode(c));
}

/* One lane of the three-same float operations; key as translate-neon.c's:
   op (bits 11:8) << 3 | B << 2 | U << 1 | bit 21. */
static uint32_t h_lane3(H16 *c, int key, uint32_t d, uint32_t n, uint32_t m)
{
    switch (key) {
    case 0xd << 3 | 0: case 0xd << 3 | 2: return h_binop(c, HOP_ADD, n, m); /* vadd, vpadd */
    case 0xd << 3 | 1: return h_sub(c, n, m);
    case 0xd << 3 | 3: return h_sub(c, n, m) & 0x7fff;                      /* vabd */
    case 0xd << 3 | 4: return h_binop(c, HOP_ADD, d, h_binop(c, HOP_MUL, n, m));
    case 0xd << 3 | 5: return h_sub(c, d, h_binop(c, HOP_MUL, n, m));
    case 0xd << 3 | 6: return h_binop(c, HOP_MUL, n, m);
    case 0xe << 3 | 0: return h_cmp(c, n, m, 0);
    case 0xe << 3 | 2: return h_cmp(c, n, m, 1);
    case 0xe << 3 | 3: return h_cmp(c, n, m, 2);
    case 0xe << 3 | 6: return h_cmp(c, n & 0x7fff, m & 0x7fff, 1);         /* vacge */
    case 0xe << 3 | 7: return h_cmp(c, n & 0x7fff, m & 0x7fff, 2);         /* vacgt */
    case 0xf << 3 | 0: case 0xf << 3 | 2: return h_maxmin(c, n, m, false);
    case 0xf << 3 | 1: case 0xf << 3 | 3: return h_maxmin(c, n, m, true);
    case 0xf << 3 | 4: return h_step(c, n, m, false);
    case 0xf << 3 | 5: return h_step(c, n, m, true);
    case 0xf << 3 | 6: case 0xf << 3 | 7: {                                /* vmaxnm, vminnm */
        uint32_t saved = c->env->fpscr;
        c->env->fpscr = c->fpscr;
        uint32_t r = helper_vfp_maxnm_h(c->env, n, m, key & 1);
        c->flags |= c->env->fpscr & 0x9f;
        c->env->fpscr = saved;
        return r;
    }
    case 0xc << 3 | 4: return h_muladd(c, d, n, m);                         /* vfma */
    default: return h_muladd(c, d, h_neg(n & 0xffff), m);                   /* vfms */
    }
}

typedef union { uint16_t h[8]; uint64_t d[2]; } HVec;

static void hv_get(const CPUARMState *env, int reg, int n, HVec *v)
{
    for (int i = 0; i < n; i++)
        v->d[i] = env->vfp[(reg + i) & 31];
}

static H16 std_begin16(CPUARMState *env)
{
    H16 c = h_begin(env);
    /* StandardFPSCRValue: round to nearest, DN (and FZ, for singles), FZ16 kept */
    c.fpscr = (c.fpscr & ~(3u << FPSCR_RMODE_SHIFT)) | FPSCR_DN | FPSCR_FZ;
    return c;
}

void helper_neon_3same_f16(CPUARMState *env, uint32_t insn)
{
    int op = (insn >> 8) & 0xf, b = (insn >> 4) & 1, u = (insn >> 24) & 1, q = (insn >> 6) & 1;
    int key = op << 3 | b << 2 | u << 1 | ((insn >> 21) & 1);
    int vd = (int)((insn >> 18) & 0x10) | (int)((insn >> 12) & 0xf);
    int vn = (int)((insn >> 3) & 0x10) | (int)((insn >> 16) & 0xf);
    int vm = (int)((insn >> 1) & 0x10) | (int)(insn & 0xf);
    int nregs = q ? 2 : 1, lanes = 4 * nregs;
    bool pairwise = key == (0xd << 3 | 2) || key == (0xf << 3 | 2) || key == (0xf << 3 | 3);
    HVec d, n, m, r;
    hv_get(env, vd, nregs, &d);
    hv_get(env, vn, nregs, &n);
    hv_get(env, vm, nregs, &m);
    H16 c = std_begin16(env);
    for (int i = 0; i < lanes; i++) {
        if (pairwise) { /* D only: n's pairs, then m's */
            const HVec *src = i < 2 ? &n : &m;
            int j = (i & 1) * 2;
            r.h[i] = (uint16_t)h_lane3(&c, key, 0, src->h[j], src->h[j + 1]);
        } else {
            r.h[i] = (uint16_t)h_lane3(&c, key, d.h[i], n.h[i], m.h[i]);
        }
    }
    for (int i = 0; i < nregs; i++)
        env->vfp[(vd + i) & 31] = r.d[i];
    h_end(&c);
}

/* vmla/vmls/vmul.f16 by scalar (op 1, 5, 9): the scalar is Dm<2:0>[M:Vm<3>]. */
void helper_neon_scalar_f16(CPUARMState *env, uint32_t insn)
{
    int op = (insn >> 8) & 0xf, q = (insn >> 24) & 1;
    int vd = (int)((insn >> 18) & 0x10) | (int)((insn >> 12) & 0xf);
    int vn = (int)((insn >> 3) & 0x10) | (int)((insn >> 16) & 0xf);
    int dm = (int)(insn & 7), idx = (int)((insn >> 4) & 2) | (int)((insn >> 3) & 1);
    int nregs = q ? 2 : 1, lanes = 4 * nregs;
    int key = op == 1 ? (0xd << 3 | 4) : op == 5 ? (0xd << 3 | 5) : (0xd << 3 | 6);
    HVec d, n, r;
    hv_get(env, vd, nregs, &d);
    hv_get(env, vn, nregs, &n);
    uint32_t s = (uint32_t)(env->vfp[dm] >> (16 * idx)) & 0xffff;
    H16 c = std_begin16(env);
    for (int i = 0; i < lanes; i++)
        r.h[i] = (uint16_t)h_lane3(&c, key, d.h[i], n.h[i], s);
    for (int i = 0; i < nregs; i++)
        env->vfp[(vd + i) & 31] = r.d[i];
    h_end(&c);
}

/* Two registers, miscellaneous, .f16 (size = 01): compares with zero,
   vabs/vneg, vrint*, vcvt{a,n,p,m} and vcvt with 16-bit integers.  op as
   translate-neon.c's: bits 17:16 << 4 | bits 10:7. */
void helper_neon_2misc_f16(CPUARMState *env, uint32_t insn)
{
    int op = (int)((insn >> 16) & 3) << 4 | (int)((insn >> 7) & 0xf), q = (insn >> 6) & 1;
    int vd = (int)((insn >> 18) & 0x10) | (int)((insn >> 12) & 0xf);
    int vm = (int)((insn >> 1) & 0x10) | (int)(insn & 0xf);
    int nregs = q ? 2 : 1;
    static const uint8_t rint_mode[8] = {0, 0 | 8, 4, 3, 0, 2, 0, 1}; /* n x a z - m - p */
    static const uint32_t rm_mode[4] = {4, 0, 1, 2};                  /* a n p m */
    HVec m, r;
    hv_get(env, vm, nregs, &m);
    H16 c = std_begin16(env);
    for (int i = 0; i < 4 * nregs; i++) {
        uint32_t x = m.h[i], v;
        switch (op) {
        case 0x18: v = h_cmp(&c, x, 0, 2); break; /* vcgt #0 */
        case 0x19: v = h_cmp(&c, x, 0, 1); break; /* vcge #0 */
        case 0x1a: v = h_cmp(&c, x, 0, 0); break; /* vceq #0 */
        case 0x1b: v = h_cmp(&c, 0, x, 1); break; /* vcle #0 */
        case 0x1c: v = h_cmp(&c, 0, x, 2); break; /* vclt #0 */
        case 0x1e: v = x & 0x7fff; break;
        case 0x1f: v = x ^ H_SIGN; break;
        case 0x28: case 0x29: case 0x2a: case 0x2b: case 0x2d: case 0x2f:
            v = h_rint(&c, x, rint_mode[op & 7]);
            break;
        default: {
            /* the conversions read FPSCR themselves: give them the standard value */
            uint32_t saved = env->fpscr, desc;
            env->fpscr = c.fpscr;
            if (op >= 0x3c && op <= 0x3d) {      /* vcvt.f16.s16/u16 */
                v = helper_vfp_fromfix_h(env, x, VFP_FIX_SIZE16 | (op & 1 ? VFP_FIX_UNSIGNED : 0));
            } else {
                if (op >= 0x3e)                  /* vcvt.s16/u16.f16, toward zero */
                    desc = VFP_FIX_SIZE16 | (op & 1 ? VFP_FIX_UNSIGNED : 0);
                else                             /* vcvt{a,n,p,m}, 0x30..0x37 */
                    desc = VFP_FIX_SIZE16 | VFP_FIX_RMODE_EXPLICIT | rm_mode[(op >> 1) & 3] << VFP_FIX_RMODE_SHIFT |
                           (op & 1 ? VFP_FIX_UNSIGNED : 0);
                v = helper_vfp_tofix_h(env, x, desc);
            }
            c.flags |= env->fpscr & 0x9f;
            env->fpscr = saved;
            break;
        }
        }
        r.h[i] = (uint16_t)v;
    }
    for (int i = 0; i < nregs; i++)
        env->vfp[(vd + i) & 31] = r.d[i];
    h_end(&c);
}
