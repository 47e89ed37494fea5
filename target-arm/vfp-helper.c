/*
 * ARM VFP arithmetic helpers (see vfp.h).
 *
 * How a result is computed:
 *  1. Inputs are unpacked the ARM way: with FPSCR.FZ a denormal input
 *     becomes a zero of the same sign and sets IDC.
 *  2. NaN operands are handled here, never by the host, because x86 and ARM
 *     pick different NaNs: ARM returns the first signalling NaN (quieted,
 *     IOC), else the first quiet NaN, in operand order; FPSCR.DN replaces any
 *     NaN result by the default NaN 0x7fc00000 / 0x7ff8000000000000.
 *  3. Everything else is one SSE instruction run with MXCSR set to the
 *     FPSCR rounding mode and all exceptions masked; MXCSR's sticky flags
 *     become FPSCR's cumulative flags.  A NaN coming out of the host (0*inf,
 *     inf-inf, sqrt(-1)) is replaced by ARM's default NaN (x86's is
 *     negative), and with FZ a denormal result becomes zero and sets only UFC.
 *     x86 detects tininess after rounding, ARM before: an inexact result of
 *     exactly the smallest normal magnitude is re-run toward zero to decide.
 *  Conversions to integer and to half precision are done in software.
 *
 * Switching MXCSR costs more than the arithmetic, so the arithmetic helpers
 * first try two fast paths that use the host's default MXCSR (round to
 * nearest, masked; the emulator never changes it) and fall back to the full
 * path whenever a flag other than IXC could be raised: see fast_arith_[sd]
 * (IXC already set) and fast_exact_[sd] (IXC clear, error computed exactly).
 */
#include <fenv.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "host-fp.h"
#include "vfp.h"

/* ---- FPSCR ---- */

uint32_t arm_get_fpscr(const CPUARMState *env)
{
    return env->fpscr;
}

/* Every change of FPSCR's mode bits or IXC goes through here or through
   fpscr_or: env->vfp_fast follows them. */
static void fpscr_update_fast(CPUARMState *env)
{
    env->vfp_fast = (env->fpscr & (3u << FPSCR_RMODE_SHIFT | FPSCR_FZ | FPSCR_DN | FPSCR_IXC)) == FPSCR_IXC;
}

/* Accumulate exception flags. */
static void fpscr_or(CPUARMState *env, uint32_t flags)
{
    env->fpscr |= flags;
    if (flags & FPSCR_IXC)
        fpscr_update_fast(env);
}

void arm_fpscr_accumulate(CPUARMState *env, uint32_t flags)
{
    fpscr_or(env, flags);
}

void arm_set_fpscr(CPUARMState *env, uint32_t v)
{
    /* FZ16 exists with the ARMv8.2 half-precision arithmetic only */
    env->fpscr = v & (FPSCR_WRITABLE | (arm_has(ARM_FEAT_FP16ARITH) ? FPSCR_FZ16 : 0));
    fpscr_update_fast(env);
}

void helper_vfp_set_fpscr(CPUARMState *env, uint32_t v)
{
    if (v & FPSCR_LEN_STRIDE) {
        /* The kernel would emulate short vectors (VFP support code); we
           do not, and executing scalar code instead would be silently wrong. */
        fprintf(stderr, "mimic: VFP short vectors (FPSCR.LEN/STRIDE = 0x%x) are not supported\n",
                v & FPSCR_LEN_STRIDE);
        abort();
    }
    arm_set_fpscr(env, v);
}

/* ---- Formats ---- */

/* The formats, their predicates and the host operations are shared
   (include/host-fp.h); the short names keep the ARM rules below readable. */
typedef HostFPFormat FPFmt;
#define F32 hfp_f32
#define F64 hfp_f64
#define is_nan hfp_is_nan
#define is_snan hfp_is_snan
#define is_inf hfp_is_inf
#define is_zero hfp_is_zero
#define is_denormal hfp_is_denormal
#define f32_of hfp_f32_of
#define f64_of hfp_f64_of
#define bits_f32 hfp_bits_f32
#define bits_f64 hfp_bits_f64
enum {
    H_ADD = HFP_ADD, H_SUB = HFP_SUB, H_MUL = HFP_MUL, H_DIV = HFP_DIV, H_SQRT = HFP_SQRT,
    H_FMA = HFP_FMA, H_CVT = HFP_CVT_D2S,
};

/* Per-call state: the format, FPSCR, the MXCSR to run host ops with, and
   the exception flags raised so far (FPSCR bit positions). */
typedef struct FPCtx {
    const FPFmt *f;
    CPUARMState *env;
    uint32_t fpscr;
    uint32_t csr;
    uint32_t flags;
} FPCtx;

static FPCtx fp_begin(CPUARMState *env, const FPFmt *f)
{
    /* ARM RMode 0 RN, 1 RP, 2 RM, 3 RZ -> x86 RC 0 RN, 1 RM, 2 RP, 3 RZ. */
    static const uint32_t rc[4] = {0, 2, 1, 3};
    FPCtx c = {f, env, env->fpscr, 0, 0};
    c.csr = hfp_csr((int)rc[(c.fpscr >> FPSCR_RMODE_SHIFT) & 3]);
    return c;
}

static void fp_end(FPCtx *c)
{
    fpscr_or(c->env, c->flags);
}

static uint32_t rmode(const FPCtx *c) { return (c->fpscr >> FPSCR_RMODE_SHIFT) & 3; }

/* MXCSR flags IE DE ZE OE UE PE (bits 0-5) -> FPSCR IOC DZC OFC UFC IXC. */
static uint32_t arm_flags(uint32_t mxcsr)
{
    return (mxcsr & 1) | ((mxcsr >> 1) & 0x1e);
}

/* FPUnpack's flush-to-zero of denormal inputs. */
static uint64_t flush_in(FPCtx *c, uint64_t v)
{
    if ((c->fpscr & FPSCR_FZ) && is_denormal(c->f, v)) {
        c->flags |= FPSCR_IDC;
        return v & c->f->sign;
    }
    return v;
}

static uint64_t quiet(FPCtx *c, uint64_t v)
{
    if (is_snan(c->f, v))
        c->flags |= FPSCR_IOC;
    return c->fpscr & FPSCR_DN ? c->f->dnan : v | c->f->qbit;
}

/* FPProcessNaNs for up to three operands (pass n = 2 or 3): true if a NaN
   result was chosen into *r. */
static bool process_nans(FPCtx *c, int n, const uint64_t *ops, uint64_t *r)
{
    for (int i = 0; i < n; i++)
        if (is_snan(c->f, ops[i])) {
            *r = quiet(c, ops[i]);
            return true;
        }
    for (int i = 0; i < n; i++)
        if (is_nan(c->f, ops[i])) {
            *r = quiet(c, ops[i]);
            return true;
        }
    return false;
}

/* Last step of every host-computed result in format f (see the header
   comment); fl holds its flags. */
static uint64_t fp_finish(FPCtx *c, const FPFmt *f, uint64_t r, uint32_t fl)
{
    if (is_nan(f, r)) {
        r = f->dnan;
    } else if ((c->fpscr & FPSCR_FZ) && (is_denormal(f, r) || (fl & FPSCR_UFC))) {
        r &= f->sign;
        fl = (fl & ~(FPSCR_UFC | FPSCR_IXC)) | FPSCR_UFC;
    }
    c->flags |= fl;
    return r;
}

/* A host operation with ARM's result and flag rules.  x86 detects tininess
   after rounding, ARM before: an inexact result of exactly the smallest
   normal magnitude is recomputed toward zero to see whether it was tiny. */
static uint64_t host_op(FPCtx *c, int op, uint64_t a, uint64_t b, uint64_t d)
{
    const FPFmt *rf = op == H_CVT ? &F32 : c->f;
    uint64_t min_normal = rf->frac + 1, r, rz;
    uint32_t fl = arm_flags(hfp_run(c->f, op, a, b, d, c->csr, &r));
    if ((fl & FPSCR_IXC) && (r & ~rf->sign) == min_normal) {
        hfp_run(c->f, op, a, b, d, c->csr | 0x6000, &rz);
        if ((rz & ~rf->sign) < min_normal)
            fl |= FPSCR_UFC;
    }
    return fp_finish(c, rf, r, fl);
}

/* ---- ARM operations (FPAdd, FPMul, FPMulAdd, ...) ---- */

static uint64_t fp_neg(FPCtx *c, uint64_t v) { return v ^ c->f->sign; }

/* An operation with an infinite operand, or a division by zero, has an
   exact result in every rounding mode (infinity, zero or an invalid NaN), so
   it needs no MXCSR switch: the flags follow from the operands.  a and b are
   not NaNs.  False: an ordinary operation. */
static bool fp_binop_special(FPCtx *c, int op, uint64_t a, uint64_t b, uint64_t *r)
{
    const FPFmt *f = c->f;
    bool dz = op == H_DIV && is_zero(f, b);
    if (!is_inf(f, a) && !is_inf(f, b) && !dz)
        return false;
    if (dz && !is_inf(f, a) && !is_zero(f, a))
        c->flags |= FPSCR_DZC; /* finite non-zero / 0 */
    if (f == &F32) {
        float x = f32_of(a), y = f32_of(b), z;
        switch (op) {
        case H_ADD: z = x + y; break;
        case H_SUB: z = x - y; break;
        case H_MUL: z = x * y; break;
        default: z = x / y; break;
        }
        *r = bits_f32(z);
    } else {
        double x = f64_of(a), y = f64_of(b), z;
        switch (op) {
        case H_ADD: z = x + y; break;
        case H_SUB: z = x - y; break;
        case H_MUL: z = x * y; break;
        default: z = x / y; break;
        }
        *r = bits_f64(z);
    }
    if (is_nan(f, *r)) {
        c->flags |= FPSCR_IOC; /* inf - inf, inf * 0, inf / inf, 0 / 0 */
        *r = f->dnan;
    }
    return true;
}

static uint64_t fp_binop(FPCtx *c, int op, uint64_t a, uint64_t b)
{
    uint64_t ops[2] = {flush_in(c, a), flush_in(c, b)}, r;
    if (process_nans(c, 2, ops, &r))
        return r;
    if (fp_binop_special(c, op, ops[0], ops[1], &r))
        return r;
    return host_op(c, op, ops[0], ops[1], 0);
}

/* FPMulAdd(addend, a, b) = addend + a * b, fused. */
static uint64_t fp_muladd(FPCtx *c, uint64_t addend, uint64_t a, uint64_t b)
{
    const FPFmt *f = c->f;
    uint64_t ops[3] = {flush_in(c, addend), flush_in(c, a), flush_in(c, b)}, r;
    bool inf_zero = (is_inf(f, ops[1]) && is_zero(f, ops[2])) || (is_zero(f, ops[1]) && is_inf(f, ops[2]));
    if (process_nans(c, 3, ops, &r)) {
        if (inf_zero && !is_snan(f, ops[0])) {
            /* quiet NaN + inf * 0: still an invalid operation */
            c->flags |= FPSCR_IOC;
            r = f->dnan;
        }
        return r;
    }
    return host_op(c, H_FMA, ops[1], ops[2], ops[0]);
}

static uint64_t fp_arith(FPCtx *c, uint32_t op, uint64_t d, uint64_t n, uint64_t m)
{
    switch (op) {
    case VFP_ADD: return fp_binop(c, H_ADD, n, m);
    case VFP_SUB: return fp_binop(c, H_SUB, n, m);
    case VFP_MUL: return fp_binop(c, H_MUL, n, m);
    case VFP_NMUL: return fp_neg(c, fp_binop(c, H_MUL, n, m));
    case VFP_DIV: return fp_binop(c, H_DIV, n, m);
    case VFP_MLA: return fp_binop(c, H_ADD, d, fp_binop(c, H_MUL, n, m));
    case VFP_MLS: return fp_binop(c, H_ADD, d, fp_neg(c, fp_binop(c, H_MUL, n, m)));
    case VFP_NMLA: {
        uint64_t p = fp_binop(c, H_MUL, n, m);
        return fp_binop(c, H_ADD, fp_neg(c, d), fp_neg(c, p));
    }
    case VFP_NMLS: {
        uint64_t p = fp_binop(c, H_MUL, n, m);
        return fp_binop(c, H_ADD, fp_neg(c, d), p);
    }
    case VFP_FMA: return fp_muladd(c, d, n, m);
    case VFP_FMS: return fp_muladd(c, d, fp_neg(c, n), m);
    case VFP_FNMA: return fp_muladd(c, fp_neg(c, d), fp_neg(c, n), m);
    case VFP_FNMS: return fp_muladd(c, fp_neg(c, d), n, m);
    }
    fprintf(stderr, "mimic: bad VFP op %u\n", op);
    abort();
}

/*
 * Fast path (the idea of QEMU's "hardfloat"): with round-to-nearest and IXC
 * already set -- the usual state of FP code -- and operands that are normal
 * or zero, a result whose exponent is safely inside the normal range cannot
 * have raised anything but inexact, so the plain host operation under the
 * emulator's default MXCSR (round to nearest, all exceptions masked) is
 * exactly ARM's answer.  A zero result is accepted where it is exact: from a
 * sum (a nonzero exact sum is never rounded to zero) or from a zero factor.
 * Anything else (tiny, huge, NaN results) is recomputed by the full path.
 * The empty asm keeps the product of the chained forms rounded on its own
 * (no contraction into an FMA).
 */
#define DEFINE_FAST_ARITH(name, T, U, ebits, eshift, to_bits, of_bits, fmafn)        \
    static bool name(uint32_t fpscr, uint32_t op, U d, U n, U m, U *out)              \
    {                                                                                 \
        const U emax = ((U)1 << ebits) - 1, mag = ((U)1 << (ebits + eshift)) - 1;     \
        /* class: 0 zero, 1 normal, 2 other; safe: exponent in [2, emax - 1] */      \
        int cn = !(n & mag) ? 0 : (U)((n >> eshift & emax) - 1) < emax - 1 ? 1 : 2;   \
        int cm = !(m & mag) ? 0 : (U)((m >> eshift & emax) - 1) < emax - 1 ? 1 : 2;   \
        int cd = !(d & mag) ? 0 : (U)((d >> eshift & emax) - 1) < emax - 1 ? 1 : 2;   \
        bool zero_factor = cn == 0 || cm == 0, zero_ok;                               \
        T x = of_bits(n), y = of_bits(m), a = of_bits(d), p, r;                       \
        if ((fpscr & (3u << FPSCR_RMODE_SHIFT | FPSCR_IXC)) != FPSCR_IXC || cn == 2 || \
            cm == 2)                                                                  \
            return false;                                                             \
        switch (op) {                                                                 \
        case VFP_ADD: r = x + y; zero_ok = true; break;                               \
        case VFP_SUB: r = x - y; zero_ok = true; break;                               \
        case VFP_MUL: r = x * y; zero_ok = zero_factor; break;                        \
        case VFP_NMUL: r = -(x * y); zero_ok = zero_factor; break;                    \
        case VFP_DIV:                                                                 \
            if (cm == 0)                                                              \
                return false;                                                         \
            r = x / y;                                                                \
            zero_ok = cn == 0;                                                        \
            break;                                                                    \
        case VFP_FMA: case VFP_FMS: case VFP_FNMA: case VFP_FNMS:                     \
            if (cd == 2)                                                              \
                return false;                                                         \
            if (op == VFP_FMS || op == VFP_FNMA)                                      \
                x = -x;                                                               \
            if (op == VFP_FNMA || op == VFP_FNMS)                                     \
                a = -a;                                                               \
            r = fmafn(x, y, a);                                                       \
            zero_ok = false;                                                          \
            break;                                                                    \
        default: /* chained multiply-accumulate */                                   \
            p = x * y;                                                                \
            __asm__("" : "+x"(p));                                                    \
            if (cd == 2 || (!zero_factor && (U)((to_bits(p) >> eshift & emax) - 2) >= emax - 2)) \
                return false;                                                         \
            if (op == VFP_MLS || op == VFP_NMLA)                                      \
                p = -p;                                                               \
            if (op == VFP_NMLA || op == VFP_NMLS)                                     \
                a = -a;                                                               \
            r = a + p;                                                                \
            zero_ok = true;                                                           \
            break;                                                                    \
        }                                                                             \
        *out = to_bits(r);                                                            \
        if (zero_ok && !(*out & mag))                                                 \
            return true;                                                              \
        return (U)((*out >> eshift & emax) - 2) < emax - 2;                           \
    }

DEFINE_FAST_ARITH(fast_arith_s, float, uint32_t, 8, 23, bits_f32, f32_of, fmaf)
DEFINE_FAST_ARITH(fast_arith_d, double, uint64_t, 11, 52, bits_f64, f64_of, fma)

/*
 * Fast path while IXC is still clear (exact arithmetic): round to nearest,
 * add/sub/mul/div with operands and result well inside the normal range,
 * where the rounding error can be computed exactly -- TwoSum for sums, the
 * exact double product for singles, an FMA remainder for doubles -- and
 * decides IXC.
 */
__attribute__((target("fma"))) static double fma_hw(double a, double b, double c)
{
    return __builtin_fma(a, b, c);
}

/* The rounding error of r = x + y (TwoSum, exact in round to nearest). */
static double sum_err_s(float x, float y, float r) { float t = r - x; return (x - (r - t)) + (y - t); }
static double sum_err_d(double x, double y, double r) { double t = r - x; return (x - (r - t)) + (y - t); }

/* Operand classes for the exact path: 0 zero, 1 in range, 2 other. */
static int exact_cls_s(uint32_t v)
{
    return !(v << 1) ? 0 : ((v >> 23 & 0xff) - 2u < 0xfcu ? 1 : 2);
}
static int exact_cls_d(uint64_t v)
{
    /* exponent field in [0x80, 0x77f]: error terms neither under- nor overflow */
    return !(v << 1) ? 0 : ((v >> 52 & 0x7ff) - 0x80u < 0x700u ? 1 : 2);
}

static bool fast_exact_s(CPUARMState *env, uint32_t op, uint32_t d, uint32_t n, uint32_t m, uint32_t *out)
{
    int cn = exact_cls_s(n), cm = exact_cls_s(m), cd = exact_cls_s(d), cr;
    float x = f32_of(n), y = f32_of(m), a = f32_of(d), r, p;
    double err;
    bool zero_ok;
    if ((env->fpscr & 3u << FPSCR_RMODE_SHIFT) || cn == 2 || cm == 2)
        return false;
    switch (op) {
    case VFP_SUB: y = -y; /* fall through */
    case VFP_ADD: r = x + y; err = sum_err_s(x, y, r); zero_ok = true; break;
    case VFP_MUL: case VFP_NMUL:
        r = x * y;
        err = (double)x * y - r; /* the double product is exact */
        zero_ok = !cn || !cm;
        break;
    case VFP_DIV:
        if (!cm)
            return false;
        r = x / y;
        err = (double)r * y - x;
        zero_ok = !cn;
        break;
    case VFP_MLA: case VFP_MLS: case VFP_NMLA: case VFP_NMLS:
        p = x * y;
        __asm__("" : "+x"(p));
        if (cd == 2 || (cn && cm && exact_cls_s(bits_f32(p)) != 1))
            return false;
        err = (double)x * y - p;
        if (op == VFP_MLS || op == VFP_NMLA)
            p = -p;
        if (op == VFP_NMLA || op == VFP_NMLS)
            a = -a;
        r = a + p;
        err = err != 0 ? err : sum_err_s(a, p, r);
        zero_ok = true;
        break;
    default: return false;
    }
    *out = bits_f32(op == VFP_NMUL ? -r : r);
    cr = exact_cls_s(*out);
    if (cr == 2 || (cr == 0 && !zero_ok))
        return false;
    if (err != 0)
        fpscr_or(env, FPSCR_IXC);
    return true;
}

static bool fast_exact_d(CPUARMState *env, uint32_t op, uint64_t d, uint64_t n, uint64_t m, uint64_t *out)
{
    int cn = exact_cls_d(n), cm = exact_cls_d(m), cd = exact_cls_d(d), cr;
    double x = f64_of(n), y = f64_of(m), a = f64_of(d), r, p, err;
    bool zero_ok;
    if ((env->fpscr & 3u << FPSCR_RMODE_SHIFT) || cn == 2 || cm == 2)
        return false;
    if (op >= VFP_MUL && !__builtin_cpu_supports("fma"))
        return false;
    switch (op) {
    case VFP_SUB: y = -y; /* fall through */
    case VFP_ADD: r = x + y; err = sum_err_d(x, y, r); zero_ok = true; break;
    case VFP_MUL: case VFP_NMUL:
        r = x * y;
        err = fma_hw(x, y, -r);
        zero_ok = !cn || !cm;
        break;
    case VFP_DIV:
        if (!cm)
            return false;
        r = x / y;
        err = fma_hw(-r, y, x);
        zero_ok = !cn;
        break;
    case VFP_MLA: case VFP_MLS: case VFP_NMLA: case VFP_NMLS:
        p = x * y;
        __asm__("" : "+x"(p));
        if (cd == 2 || (cn && cm && exact_cls_d(bits_f64(p)) != 1))
            return false;
        err = fma_hw(x, y, -p);
        if (op == VFP_MLS || op == VFP_NMLA)
            p = -p;
        if (op == VFP_NMLA || op == VFP_NMLS)
            a = -a;
        r = a + p;
        err = err != 0 ? err : sum_err_d(a, p, r);
        zero_ok = true;
        break;
    default: return false;
    }
    *out = bits_f64(op == VFP_NMUL ? -r : r);
    cr = exact_cls_d(*out);
    if (cr == 2 || (cr == 0 && !zero_ok))
        return false;
    if (err != 0)
        fpscr_or(env, FPSCR_IXC);
    return true;
}

uint32_t helper_vfp_arith_s(CPUARMState *env, uint32_t op, uint32_t d, uint32_t n, uint32_t m)
{
    uint32_t fast;
    if (fast_arith_s(env->fpscr, op, d, n, m, &fast) || fast_exact_s(env, op, d, n, m, &fast))
        return fast;
    FPCtx c = fp_begin(env, &F32);
    uint32_t r = (uint32_t)fp_arith(&c, op, d, n, m);
    fp_end(&c);
    return r;
}

uint64_t helper_vfp_arith_d(CPUARMState *env, uint32_t op, uint64_t d, uint64_t n, uint64_t m)
{
    uint64_t fast;
    if (fast_arith_d(env->fpscr, op, d, n, m, &fast) || fast_exact_d(env, op, d, n, m, &fast))
        return fast;
    FPCtx c = fp_begin(env, &F64);
    uint64_t r = fp_arith(&c, op, d, n, m);
    fp_end(&c);
    return r;
}

static uint64_t fp_sqrt(FPCtx *c, uint64_t a)
{
    uint64_t r;
    a = flush_in(c, a);
    if (process_nans(c, 1, &a, &r))
        return r;
    if (is_zero(c->f, a) || a == c->f->exp)
        return a; /* sqrt(+-0) = +-0, sqrt(+inf) = +inf: exact */
    if (a & c->f->sign) {
        c->flags |= FPSCR_IOC; /* negative, -inf included */
        return c->f->dnan;
    }
    return host_op(c, H_SQRT, a, a, 0);
}

uint32_t helper_vfp_sqrt_s(CPUARMState *env, uint32_t a)
{
    FPCtx c = fp_begin(env, &F32);
    uint32_t r = (uint32_t)fp_sqrt(&c, a);
    fp_end(&c);
    return r;
}

uint64_t helper_vfp_sqrt_d(CPUARMState *env, uint64_t a)
{
    FPCtx c = fp_begin(env, &F64);
    uint64_t r = fp_sqrt(&c, a);
    fp_end(&c);
    return r;
}

/* ---- Compare ---- */

/* FPRelation (include/host-fp.h) -> FPSCR.NZCV: equal 0110, less 1000,
   greater 0010, unordered 0011.  translate-vfp.c maps fp_guarded's FPG_CMP
   result the same way in IR. */
static const uint8_t nzcv_of_relation[4] = { 0x6, 0x8, 0x2, 0x3 };

static void fp_cmp(FPCtx *c, uint64_t a, uint64_t b, bool signal)
{
    const FPFmt *f = c->f;
    a = flush_in(c, a);
    b = flush_in(c, b);
    FPRelation rel = hfp_compare(f, a, b);
    if (rel == FP_UNORDERED && (signal || is_snan(f, a) || is_snan(f, b)))
        c->flags |= FPSCR_IOC;
    c->env->fpscr = (c->env->fpscr & 0x0fffffffu) | (uint32_t)nzcv_of_relation[rel] << FPSCR_NZCV_SHIFT;
}

/* The inverse, for fp_guarded's fallback. */
static uint64_t relation_of_fpscr(uint32_t fpscr)
{
    switch (fpscr >> FPSCR_NZCV_SHIFT) {
    case 0x6: return FP_EQUAL;
    case 0x8: return FP_LESS;
    case 0x2: return FP_GREATER;
    default: return FP_UNORDERED;
    }
}

void helper_vfp_cmp_s(CPUARMState *env, uint32_t a, uint32_t b, uint32_t signal)
{
    FPCtx c = fp_begin(env, &F32);
    fp_cmp(&c, a, b, signal);
    fp_end(&c);
}

void helper_vfp_cmp_d(CPUARMState *env, uint64_t a, uint64_t b, uint32_t signal)
{
    FPCtx c = fp_begin(env, &F64);
    fp_cmp(&c, a, b, signal);
    fp_end(&c);
}

/* ---- Fallbacks of fp_guarded ---- */

uint64_t helper_vfp_sqrt_fpg_s(CPUARMState *env, uint32_t sub, uint64_t d, uint64_t n, uint64_t m)
{
    return helper_vfp_sqrt_s(env, (uint32_t)n);
}

uint64_t helper_vfp_sqrt_fpg_d(CPUARMState *env, uint32_t sub, uint64_t d, uint64_t n, uint64_t m)
{
    return helper_vfp_sqrt_d(env, n);
}

uint64_t helper_vfp_cmp_fpg_s(CPUARMState *env, uint32_t sub, uint64_t d, uint64_t n, uint64_t m)
{
    helper_vfp_cmp_s(env, (uint32_t)n, (uint32_t)m, sub);
    return relation_of_fpscr(env->fpscr);
}

uint64_t helper_vfp_cmp_fpg_d(CPUARMState *env, uint32_t sub, uint64_t d, uint64_t n, uint64_t m)
{
    helper_vfp_cmp_d(env, n, m, sub);
    return relation_of_fpscr(env->fpscr);
}

uint64_t helper_vfp_tofix_fpg_s(CPUARMState *env, uint32_t sub, uint64_t d, uint64_t n, uint64_t m)
{
    return helper_vfp_tofix_s(env, (uint32_t)n, sub);
}

uint64_t helper_vfp_tofix_fpg_d(CPUARMState *env, uint32_t sub, uint64_t d, uint64_t n, uint64_t m)
{
    return helper_vfp_tofix_d(env, n, sub);
}

uint64_t helper_vfp_fromfix_fpg_s(CPUARMState *env, uint32_t sub, uint64_t d, uint64_t n, uint64_t m)
{
    return helper_vfp_fromfix_s(env, (uint32_t)n, sub);
}

uint64_t helper_vfp_fromfix_fpg_d(CPUARMState *env, uint32_t sub, uint64_t d, uint64_t n, uint64_t m)
{
    return helper_vfp_fromfix_d(env, n, sub);
}

uint64_t helper_vfp_f64_to_f32_fpg(CPUARMState *env, uint32_t sub, uint64_t d, uint64_t n, uint64_t m)
{
    return helper_vfp_f64_to_f32(env, n);
}

uint64_t helper_vfp_f32_to_f64_fpg(CPUARMState *env, uint32_t sub, uint64_t d, uint64_t n, uint64_t m)
{
    return helper_vfp_f32_to_f64(env, (uint32_t)n);
}

/* ---- Precision conversions ---- */

uint64_t helper_vfp_f32_to_f64(CPUARMState *env, uint32_t a)
{
    FPCtx c = fp_begin(env, &F32);
    uint64_t r;
    a = (uint32_t)flush_in(&c, a);
    if (is_nan(&F32, a)) {
        if (is_snan(&F32, a))
            c.flags |= FPSCR_IOC;
        /* sign and fraction carried over, quieted */
        r = (uint64_t)(a >> 31) << 63 | F64.exp | F64.qbit | (uint64_t)(a & F32.frac) << 29;
        if (env->fpscr & FPSCR_DN)
            r = F64.dnan;
    } else {
        r = bits_f64((double)f32_of(a)); /* exact */
    }
    fp_end(&c);
    return r;
}

uint32_t helper_vfp_f64_to_f32(CPUARMState *env, uint64_t a)
{
    FPCtx c = fp_begin(env, &F64);
    uint32_t r;
    a = flush_in(&c, a);
    if (is_nan(&F64, a)) {
        if (is_snan(&F64, a))
            c.flags |= FPSCR_IOC;
        r = (uint32_t)(a >> 63) << 31 | F32.exp | F32.qbit | (uint32_t)((a & F64.frac) >> 29);
        if (env->fpscr & FPSCR_DN)
            r = F32.dnan;
    } else {
        r = (uint32_t)host_op(&c, H_CVT, a, 0, 0);
    }
    fp_end(&c);
    return r;
}

/* ---- Integer and fixed-point conversions ---- */

/* Round x (finite) to an integer in mode rm (ARM RMode encoding). */
static double round_int(double x, uint32_t rm)
{
    double t = trunc(x), frac = x - t; /* both exact */
    switch (rm) {
    case 0: /* nearest, ties to even */
        if (fabs(frac) > 0.5 || (fabs(frac) == 0.5 && fmod(t, 2.0) != 0))
            t += x < 0 ? -1 : 1;
        break;
    case 1: if (frac > 0) t += 1; break;
    case 2: if (frac < 0) t -= 1; break;
    case 4: /* nearest, ties away from zero (vrinta, vcvta) */
        if (fabs(frac) >= 0.5)
            t += x < 0 ? -1 : 1;
        break;
    default: break;
    }
    return t == 0 ? copysign(0.0, x) : t;
}

/* FPToFixed: x is the (exactly widened) input, fbits/size/signedness from
   desc.  Saturates with IOC; NaN gives 0 with IOC. */
static int64_t to_fixed(FPCtx *c, uint64_t a, uint32_t desc)
{
    const FPFmt *f = c->f;
    int size = desc & VFP_FIX_SIZE16 ? 16 : 32;
    bool uns = desc & VFP_FIX_UNSIGNED;
    double lo = uns ? 0 : -ldexp(1, size - 1);
    double hi = uns ? ldexp(1, size) - 1 : ldexp(1, size - 1) - 1;
    a = flush_in(c, a);
    if (is_nan(f, a)) {
        c->flags |= FPSCR_IOC;
        return 0;
    }
    double x = ldexp(f == &F32 ? f32_of(a) : f64_of(a), desc & VFP_FIX_FBITS_MASK);
    if (isinf(x)) {
        c->flags |= FPSCR_IOC;
        return (int64_t)(x < 0 ? lo : hi);
    }
    uint32_t rm = desc & VFP_FIX_RMODE_EXPLICIT ? (desc >> VFP_FIX_RMODE_SHIFT) & 7
                  : desc & VFP_FIX_RMODE_FPSCR    ? rmode(c)
                                                  : 3;
    double t = round_int(x, rm);
    if (t < lo || t > hi) {
        c->flags |= FPSCR_IOC;
        return (int64_t)(t < lo ? lo : hi);
    }
    if (t != x)
        c->flags |= FPSCR_IXC;
    return (int64_t)t;
}

uint32_t helper_vfp_tofix_s(CPUARMState *env, uint32_t a, uint32_t desc)
{
    FPCtx c = fp_begin(env, &F32);
    uint32_t r = (uint32_t)to_fixed(&c, a, desc);
    fp_end(&c);
    return r;
}

uint64_t helper_vfp_tofix_d(CPUARMState *env, uint64_t a, uint32_t desc)
{
    FPCtx c = fp_begin(env, &F64);
    int64_t v = to_fixed(&c, a, desc);
    fp_end(&c);
    /* sign- or zero-extended to 64 bits: v already is (unsigned values are
       non-negative) */
    return (uint64_t)v;
}

/* FixedToFP: the exact value as a double (at most 32 significant bits). */
static double fixed_value(uint64_t v, uint32_t desc)
{
    double x;
    if (desc & VFP_FIX_SIZE16)
        x = desc & VFP_FIX_UNSIGNED ? (double)(uint16_t)v : (double)(int16_t)v;
    else
        x = desc & VFP_FIX_UNSIGNED ? (double)(uint32_t)v : (double)(int32_t)v;
    return ldexp(x, -(int)(desc & VFP_FIX_FBITS_MASK));
}

uint32_t helper_vfp_fromfix_s(CPUARMState *env, uint32_t v, uint32_t desc)
{
    FPCtx c = fp_begin(env, &F32);
    /* vcvt.f32.s32 rounds per FPSCR; the fixed-point form always to nearest */
    if (!(desc & VFP_FIX_RMODE_FPSCR))
        c.csr = 0x1f80;
    /* the double is exact, so the conversion is the only rounding */
    uint32_t r = (uint32_t)host_op(&c, H_CVT, bits_f64(fixed_value(v, desc)), 0, 0);
    fp_end(&c);
    return r;
}

uint64_t helper_vfp_fromfix_d(CPUARMState *env, uint64_t v, uint32_t desc)
{
    return bits_f64(fixed_value(v, desc)); /* exact: no flags */
}

/* ---- Half precision ---- */

uint32_t helper_vfp_f16_to_f32(CPUARMState *env, uint32_t h)
{
    uint32_t sign = (h >> 15) & 1, exp = (h >> 10) & 0x1f, frac = h & 0x3ff;
    uint32_t r;
    if (exp == 0x1f && !(env->fpscr & FPSCR_AHP)) {
        if (frac == 0) {
            r = sign << 31 | F32.exp;
        } else {
            if (!(frac & 0x200))
                fpscr_or(env, FPSCR_IOC);
            r = env->fpscr & FPSCR_DN ? F32.dnan : sign << 31 | F32.exp | F32.qbit | frac << 13;
        }
    } else {
        /* every half value (incl. denormals, AHP's top exponent) is exact */
        double x = ldexp(exp ? (double)(frac | 0x400) : (double)frac, (exp ? (int)exp : 1) - 25);
        r = bits_f32((float)(sign ? -x : x));
    }
    return r;
}

/* Round |x| (finite, non-zero) to half precision with FPSCR's mode. */
static uint32_t round_to_f16(FPCtx *c, double x, bool ahp)
{
    uint32_t sign = x < 0 ? 0x8000 : 0;
    double mag = fabs(x);
    int e;
    frexp(mag, &e);            /* mag = m * 2^e, m in [0.5, 1) */
    int q = e - 11 < -24 ? -24 : e - 11; /* exponent of one unit in the last place */
    double scaled = ldexp(mag, -q), t = trunc(scaled), frac = scaled - t;
    uint32_t rm = rmode(c);
    switch (rm) {
    case 0: if (frac > 0.5 || (frac == 0.5 && fmod(t, 2.0) != 0)) t += 1; break;
    case 1: if (frac > 0 && !sign) t += 1; break;
    case 2: if (frac > 0 && sign) t += 1; break;
    default: break;
    }
    uint32_t fl = frac != 0 ? FPSCR_IXC : 0;
    if (mag < ldexp(1, -14) && fl)
        fl |= FPSCR_UFC;                 /* tiny before rounding, inexact */
    double res = ldexp(t, q);
    double maxv = ldexp(2047, ahp ? 6 : 5); /* 131008 or 65504 */
    if (res > maxv) {
        if (ahp) {
            c->flags |= FPSCR_IOC;
            return sign | 0x7fff;
        }
        c->flags |= FPSCR_OFC | FPSCR_IXC;
        bool to_inf = rm == 0 || (rm == 1 && !sign) || (rm == 2 && sign);
        return sign | (to_inf ? 0x7c00 : 0x7bff);
    }
    c->flags |= fl;
    if (res == 0)
        return sign;
    if (res < ldexp(1, -14))
        return sign | (uint32_t)ldexp(res, 24); /* denormal */
    frexp(res, &e);
    return sign | (uint32_t)(e - 1 + 15) << 10 | ((uint32_t)ldexp(res, 11 - e) & 0x3ff);
}

uint32_t helper_vfp_f32_to_f16(CPUARMState *env, uint32_t a)
{
    FPCtx c = fp_begin(env, &F32);
    bool ahp = env->fpscr & FPSCR_AHP;
    uint32_t sign = (a >> 16) & 0x8000, r;
    a = (uint32_t)flush_in(&c, a);
    if (is_nan(&F32, a)) {
        if (ahp) {
            c.flags |= FPSCR_IOC;
            r = sign;
        } else {
            if (is_snan(&F32, a))
                c.flags |= FPSCR_IOC;
            r = env->fpscr & FPSCR_DN ? 0x7e00 : sign | 0x7e00 | ((a & F32.frac) >> 13);
        }
    } else if (is_inf(&F32, a)) {
        if (ahp) {
            c.flags |= FPSCR_IOC;
            r = sign | 0x7fff;
        } else {
            r = sign | 0x7c00;
        }
    } else if (is_zero(&F32, a)) {
        r = sign;
    } else {
        r = round_to_f16(&c, f32_of(a), ahp);
    }
    fp_end(&c);
    return r;
}

/* ---- ARMv8: vmaxnm/vminnm, vrint*, f64 <-> f16 ---- */

/* FPMaxNum/FPMinNum: a quiet NaN beside a number gives the number;
   otherwise as FPMax/FPMin (NaNs processed, +0 above -0). */
static uint64_t fp_maxnm(FPCtx *c, uint64_t a, uint64_t b, bool is_min)
{
    const FPFmt *f = c->f;
    uint64_t ops[2] = {flush_in(c, a), flush_in(c, b)}, r;
    bool qa = is_nan(f, ops[0]) && !is_snan(f, ops[0]), qb = is_nan(f, ops[1]) && !is_snan(f, ops[1]);
    if (qa && !is_nan(f, ops[1]))
        return ops[1];
    if (qb && !is_nan(f, ops[0]))
        return ops[0];
    if (process_nans(c, 2, ops, &r))
        return r;
    a = ops[0], b = ops[1];
    if (is_zero(f, a) && is_zero(f, b))
        return is_min ? (a | b) : (a & b);
    double x = f == &F32 ? f32_of(a) : f64_of(a), y = f == &F32 ? f32_of(b) : f64_of(b);
    return (x < y) == is_min ? a : b;
}

uint32_t helper_vfp_maxnm_s(CPUARMState *env, uint32_t a, uint32_t b, uint32_t is_min)
{
    FPCtx c = fp_begin(env, &F32);
    uint32_t r = (uint32_t)fp_maxnm(&c, a, b, is_min);
    fp_end(&c);
    return r;
}

uint64_t helper_vfp_maxnm_d(CPUARMState *env, uint64_t a, uint64_t b, uint32_t is_min)
{
    FPCtx c = fp_begin(env, &F64);
    uint64_t r = fp_maxnm(&c, a, b, is_min);
    fp_end(&c);
    return r;
}

/* FPRoundInt: desc bits 2:0 the mode (0 nearest, 1 +inf, 2 -inf, 3 zero,
   4 nearest with ties away, 7 FPSCR's), bit 3 exact (vrintx: inexact
   raises IXC). */
static uint64_t fp_rint(FPCtx *c, uint64_t a, uint32_t desc)
{
    const FPFmt *f = c->f;
    uint64_t r;
    a = flush_in(c, a);
    if (process_nans(c, 1, &a, &r))
        return r;
    if (is_inf(f, a) || is_zero(f, a))
        return a;
    uint32_t rm = (desc & 7) == 7 ? rmode(c) : desc & 7;
    double x = f == &F32 ? f32_of(a) : f64_of(a), t = round_int(x, rm);
    if (t != x && (desc & 8))
        c->flags |= FPSCR_IXC;
    return f == &F32 ? bits_f32((float)t) : bits_f64(t);
}

uint32_t helper_vfp_rint_s(CPUARMState *env, uint32_t a, uint32_t desc)
{
    FPCtx c = fp_begin(env, &F32);
    uint32_t r = (uint32_t)fp_rint(&c, a, desc);
    fp_end(&c);
    return r;
}

uint64_t helper_vfp_rint_d(CPUARMState *env, uint64_t a, uint32_t desc)
{
    FPCtx c = fp_begin(env, &F64);
    uint64_t r = fp_rint(&c, a, desc);
    fp_end(&c);
    return r;
}

uint64_t helper_vfp_f16_to_f64(CPUARMState *env, uint32_t h)
{
    uint32_t f = helper_vfp_f16_to_f32(env, h); /* exact, NaNs handled */
    if (is_nan(&F32, f)) /* keep the payload: f32 -> f64 widening of a quiet NaN */
        return (uint64_t)(f & 0x80000000u) << 32 | F64.exp | F64.qbit | (uint64_t)(f & 0x3fffff) << 29;
    return bits_f64((double)f32_of(f));
}

uint32_t helper_vfp_f64_to_f16(CPUARMState *env, uint64_t a)
{
    FPCtx c = fp_begin(env, &F64);
    bool ahp = env->fpscr & FPSCR_AHP;
    uint32_t sign = (uint32_t)(a >> 48) & 0x8000, r;
    a = flush_in(&c, a);
    if (is_nan(&F64, a)) {
        if (ahp) {
            c.flags |= FPSCR_IOC;
            r = sign;
        } else {
            if (is_snan(&F64, a))
                c.flags |= FPSCR_IOC;
            r = env->fpscr & FPSCR_DN ? 0x7e00 : sign | 0x7e00 | (uint32_t)((a & F64.frac) >> 42);
        }
    } else if (is_inf(&F64, a)) {
        if (ahp) {
            c.flags |= FPSCR_IOC;
            r = sign | 0x7fff;
        } else {
            r = sign | 0x7c00;
        }
    } else if (is_zero(&F64, a)) {
        r = sign;
    } else {
        r = round_to_f16(&c, f64_of(a), ahp);
    }
    fp_end(&c);
    return r;
}
