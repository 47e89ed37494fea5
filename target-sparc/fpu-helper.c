/*
 * SPARC floating point (V8 FPU, V9 register file and fcc0..3), bit-exact:
 * the arithmetic runs on the host's SSE unit (core/host-fp.c) with the
 * rounding mode of FSR.RD; NaN propagation, the default NaN, the integer
 * conversions' saturation and the FSR exception fields (cexc, aexc, TEM
 * traps with ftt = IEEE_754_exception) are SPARC's, done here.
 *
 * Known difference: x86 detects tininess after rounding, UltraSPARC before;
 * a result that rounds up to the smallest normal number does not set UFC.
 */
#include <fenv.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>

#include "host-fp.h"
#include "include/guest.h"
#include "target-sparc/fpu.h"

#define F32_DNAN 0x7fffffffu
#define F64_DNAN 0x7fffffffffffffffull

/* FSR.RD (0 nearest, 1 zero, 2 +inf, 3 -inf) -> HFP rounding mode. */
static const int rd_to_hfp[4] = {HFP_RN, HFP_RZ, HFP_RP, HFP_RM};

static uint32_t cexc_of(uint32_t hfp)
{
    return (hfp & HFP_INVALID ? FSR_NVC : 0) | (hfp & HFP_DIVBYZERO ? FSR_DZC : 0) |
           (hfp & HFP_OVERFLOW ? FSR_OFC : 0) | (hfp & HFP_UNDERFLOW ? FSR_UFC : 0) |
           (hfp & HFP_INEXACT ? FSR_NXC : 0);
}

/* Record the exceptions of one operation: a trap if one is enabled (the
   destination is not written: we leave the helper), else cexc and aexc. */
static void fp_done(CPUSPARCState *env, uint32_t cexc, uintptr_t ra)
{
    uint32_t tem = (env->fsr >> FSR_TEM_SHIFT) & 0x1f;
    /* Underflow and overflow that are not trapped: inexact as well. */
    if (cexc & tem) {
        static const struct { uint32_t bit; int code; } order[] = {
            {FSR_NVC, FPE_FLTINV}, {FSR_OFC, FPE_FLTOVF}, {FSR_UFC, FPE_FLTUND},
            {FSR_DZC, FPE_FLTDIV}, {FSR_NXC, FPE_FLTRES},
        };
        int code = 0;
        for (unsigned i = 0; i < sizeof order / sizeof order[0] && !code; i++)
            if (cexc & tem & order[i].bit)
                code = order[i].code;
        env->fsr = (env->fsr & ~(0x1fu | 7u << FSR_FTT_SHIFT)) | (cexc & tem) | 1u << FSR_FTT_SHIFT;
        sparc_raise(env, SIGFPE, code, 0, ra);
    }
    env->fsr = (env->fsr & ~(0x1fu | 7u << FSR_FTT_SHIFT)) | cexc | cexc << FSR_AEXC_SHIFT;
}

static uint32_t csr_of(const CPUSPARCState *env)
{
    return hfp_csr(rd_to_hfp[env->fsr >> FSR_RD_SHIFT & 3]);
}

/* The NaN result of a two-operand op with a NaN input: a signalling NaN
   first, rs2 before rs1; quieted.  *nv for a signalling one. */
static uint64_t pick_nan(const HostFPFormat *f, uint64_t a, uint64_t b, bool two, uint32_t *cexc)
{
    if (hfp_is_snan(f, b) || (two && hfp_is_snan(f, a)))
        *cexc |= FSR_NVC;
    uint64_t r;
    if (hfp_is_snan(f, b))
        r = b;
    else if (two && hfp_is_snan(f, a))
        r = a;
    else if (hfp_is_nan(f, b))
        r = b;
    else
        r = a;
    return r | f->qbit;
}

/* ---- the fast path: round to nearest, ordinary operands and result ----
 * The host's own MXCSR is round-to-nearest with every exception masked, so
 * plain C arithmetic gives the right result; when the operands are zero or
 * normal and the result is zero or a normal number away from the exponent
 * limits, the only exception possible is inexact, found exactly with the
 * error terms below (TwoSum for add/sub, an FMA remainder for mul, div and
 * sqrt).  Anything else goes through hfp_run. */
static int have_fma = -1;

static bool ordinary32(uint32_t v)
{
    uint32_t e = (v >> 23) & 0xff;
    return (v & 0x7fffffff) == 0 || (e >= 2 && e <= 0xfd);
}

static bool ordinary64(uint64_t v)
{
    uint64_t e = (v >> 52) & 0x7ff;
    return (v & ~(1ull << 63)) == 0 || (e >= 2 && e <= 0x7fd);
}

__attribute__((target("fma"))) static bool fast32(int op, uint32_t ua, uint32_t ub, uint64_t *out, bool *inexact)
{
    float a = hfp_f32_of(ua), b = hfp_f32_of(ub), r, e;
    switch (op) {
    case HFP_ADD: case HFP_SUB: {
        if (op == HFP_SUB)
            b = -b;
        r = a + b;
        float bb = r - a;
        e = (a - (r - bb)) + (b - bb);
        break;
    }
    case HFP_MUL: r = a * b; e = __builtin_fmaf(a, b, -r); break;
    case HFP_DIV:
        if (b == 0)
            return false;
        r = a / b; e = __builtin_fmaf(-r, b, a); break;
    default:
        if (a < 0)
            return false;
        r = __builtin_sqrtf(a); e = __builtin_fmaf(-r, r, a); break;
    }
    uint32_t ur = hfp_bits_f32(r);
    if (!ordinary32(ur))
        return false;
    *out = ur;
    *inexact = e != 0;
    return true;
}

__attribute__((target("fma"))) static bool fast64(int op, uint64_t ua, uint64_t ub, uint64_t *out, bool *inexact)
{
    double a = hfp_f64_of(ua), b = hfp_f64_of(ub), r, e;
    switch (op) {
    case HFP_ADD: case HFP_SUB: {
        if (op == HFP_SUB)
            b = -b;
        r = a + b;
        double bb = r - a;
        e = (a - (r - bb)) + (b - bb);
        break;
    }
    case HFP_MUL: r = a * b; e = __builtin_fma(a, b, -r); break;
    case HFP_DIV:
        if (b == 0)
            return false;
        r = a / b; e = __builtin_fma(-r, b, a); break;
    default:
        if (a < 0)
            return false;
        r = __builtin_sqrt(a); e = __builtin_fma(-r, r, a); break;
    }
    uint64_t ur = hfp_bits_f64(r);
    if (!ordinary64(ur))
        return false;
    *out = ur;
    *inexact = e != 0;
    return true;
}

static uint64_t arith(CPUSPARCState *env, const HostFPFormat *f, int op, uint64_t a, uint64_t b, uintptr_t ra)
{
    uint32_t cexc = 0;
    uint64_t r;
    if (__builtin_expect(have_fma < 0, 0))
        have_fma = __builtin_cpu_supports("fma") ? 1 : 0;
    if ((env->fsr >> FSR_RD_SHIFT) == 0 && have_fma) {
        bool inexact, ok;
        if (f == &hfp_f32)
            ok = ordinary32((uint32_t)a) && (op == HFP_SQRT || ordinary32((uint32_t)b)) &&
                 fast32(op, (uint32_t)a, (uint32_t)b, &r, &inexact);
        else
            ok = ordinary64(a) && (op == HFP_SQRT || ordinary64(b)) && fast64(op, a, b, &r, &inexact);
        if (ok) {
            cexc = inexact ? FSR_NXC : 0;
            if (!(cexc & (env->fsr >> FSR_TEM_SHIFT))) {
                env->fsr = (env->fsr & ~(0x1fu | 7u << FSR_FTT_SHIFT)) | cexc | cexc << FSR_AEXC_SHIFT;
                return r;
            }
        }
        cexc = 0;
    }
    bool two = op != HFP_SQRT;
    /* sqrt reads only rs2 (passed as a). */
    if ((two && (hfp_is_nan(f, a) || hfp_is_nan(f, b))) || (!two && hfp_is_nan(f, a))) {
        r = two ? pick_nan(f, a, b, true, &cexc) : pick_nan(f, 0, a, false, &cexc);
    } else {
        uint32_t fl = hfp_run(f, op, a, b, 0, csr_of(env), &r);
        cexc = cexc_of(fl);
        if (hfp_is_nan(f, r)) /* invalid operation: SPARC's default NaN */
            r = f == &hfp_f32 ? F32_DNAN : F64_DNAN;
    }
    fp_done(env, cexc, ra);
    return r;
}

#define RA ((uintptr_t)__builtin_return_address(0))

uint64_t helper_sparc_fops(CPUSPARCState *env, uint32_t op, uint64_t a, uint64_t b)
{
    return arith(env, &hfp_f32, (int)op, a, b, RA);
}

uint64_t helper_sparc_fopd(CPUSPARCState *env, uint32_t op, uint64_t a, uint64_t b)
{
    return arith(env, &hfp_f64, (int)op, a, b, RA);
}

/* fsmuld: the exact double product of two singles. */
uint64_t helper_sparc_fsmuld(CPUSPARCState *env, uint64_t a, uint64_t b)
{
    uint32_t cexc = 0;
    uint64_t r;
    if (hfp_is_nan(&hfp_f32, a) || hfp_is_nan(&hfp_f32, b)) {
        uint32_t n = (uint32_t)pick_nan(&hfp_f32, a, b, true, &cexc);
        r = (uint64_t)(n >> 31) << 63 | 0x7ff0000000000000ull | (uint64_t)(n & 0x7fffff) << 29;
    } else {
        double x = hfp_f32_of(a), y = hfp_f32_of(b);
        uint32_t fl = hfp_run(&hfp_f64, HFP_MUL, hfp_bits_f64(x), hfp_bits_f64(y), 0, csr_of(env), &r);
        cexc = cexc_of(fl & HFP_INVALID);
        if (hfp_is_nan(&hfp_f64, r))
            r = F64_DNAN;
    }
    fp_done(env, cexc, RA);
    return r;
}

/* ---- conversions ---- */

static const int rd_to_fenv[4] = {FE_TONEAREST, FE_TOWARDZERO, FE_UPWARD, FE_DOWNWARD};

static uint32_t fenv_cexc(int e)
{
    return (e & FE_INVALID ? FSR_NVC : 0) | (e & FE_DIVBYZERO ? FSR_DZC : 0) |
           (e & FE_OVERFLOW ? FSR_OFC : 0) | (e & FE_UNDERFLOW ? FSR_UFC : 0) |
           (e & FE_INEXACT ? FSR_NXC : 0);
}

/* Float (single or double by f) -> integer of 32 or 64 bits, toward zero;
   NaN and too large positive -> the largest, too negative -> the smallest. */
static uint64_t f_to_int(CPUSPARCState *env, const HostFPFormat *f, uint64_t a, bool x64, uintptr_t ra)
{
    double v = f == &hfp_f32 ? (double)hfp_f32_of(a) : hfp_f64_of(a);
    uint32_t cexc = 0;
    int64_t r;
    double lim = x64 ? 9223372036854775808.0 : 2147483648.0;
    double t = trunc(v);
    if (isnan(v) || t >= lim) {
        cexc = FSR_NVC;
        r = x64 ? INT64_MAX : INT32_MAX;
    } else if (t < -lim) {
        cexc = FSR_NVC;
        r = x64 ? INT64_MIN : INT32_MIN;
    } else {
        r = (int64_t)t;
        if (t != v)
            cexc = FSR_NXC;
    }
    fp_done(env, cexc, ra);
    return x64 ? (uint64_t)r : (uint64_t)(uint32_t)(int32_t)r;
}

uint64_t helper_sparc_fstoi(CPUSPARCState *env, uint64_t a) { return f_to_int(env, &hfp_f32, a, false, RA); }
uint64_t helper_sparc_fdtoi(CPUSPARCState *env, uint64_t a) { return f_to_int(env, &hfp_f64, a, false, RA); }
uint64_t helper_sparc_fstox(CPUSPARCState *env, uint64_t a) { return f_to_int(env, &hfp_f32, a, true, RA); }
uint64_t helper_sparc_fdtox(CPUSPARCState *env, uint64_t a) { return f_to_int(env, &hfp_f64, a, true, RA); }

/* Integer (32-bit or 64-bit signed) -> single or double, rounded per RD. */
static uint64_t int_to_f(CPUSPARCState *env, uint64_t a, bool x64, bool dbl, uintptr_t ra)
{
    int64_t v = x64 ? (int64_t)a : (int64_t)(int32_t)a;
    /* Exact (|v| <= 2^53 for a double, 2^24 for a single: every fitod,
       lua's integer to number): no rounding and no flags, so no switching
       of the host's FP environment, whose fegetenv/fesetenv cost more than
       everything else here (9% of SPARC lua). */
    uint64_t mag = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    if (mag <= (dbl ? 1ull << 53 : 1ull << 24)) {
        uint64_t r = dbl ? hfp_bits_f64((double)v) : hfp_bits_f32((float)v);
        fp_done(env, 0, ra);
        return r;
    }
    fenv_t saved;
    fegetenv(&saved);
    fesetround(rd_to_fenv[env->fsr >> FSR_RD_SHIFT & 3]);
    feclearexcept(FE_ALL_EXCEPT);
    uint64_t r;
    if (dbl) {
        volatile double d = (double)*(volatile int64_t *)&v;
        r = hfp_bits_f64(d);
    } else {
        volatile float s = (float)*(volatile int64_t *)&v;
        r = hfp_bits_f32(s);
    }
    int e = fetestexcept(FE_ALL_EXCEPT);
    fesetenv(&saved);
    fp_done(env, fenv_cexc(e), ra);
    return r;
}

uint64_t helper_sparc_fitos(CPUSPARCState *env, uint64_t a) { return int_to_f(env, a, false, false, RA); }
uint64_t helper_sparc_fitod(CPUSPARCState *env, uint64_t a) { return int_to_f(env, a, false, true, RA); }
uint64_t helper_sparc_fxtos(CPUSPARCState *env, uint64_t a) { return int_to_f(env, a, true, false, RA); }
uint64_t helper_sparc_fxtod(CPUSPARCState *env, uint64_t a) { return int_to_f(env, a, true, true, RA); }

uint64_t helper_sparc_fstod(CPUSPARCState *env, uint64_t a)
{
    uint32_t cexc = 0;
    uint64_t r;
    if (hfp_is_nan(&hfp_f32, a)) {
        uint32_t n = (uint32_t)pick_nan(&hfp_f32, 0, a, false, &cexc);
        r = (uint64_t)(n >> 31) << 63 | 0x7ff0000000000000ull | (uint64_t)(n & 0x7fffff) << 29;
    } else {
        r = hfp_bits_f64((double)hfp_f32_of(a));
    }
    fp_done(env, cexc, RA);
    return r;
}

uint64_t helper_sparc_fdtos(CPUSPARCState *env, uint64_t a)
{
    uint32_t cexc = 0;
    uint64_t r;
    if (hfp_is_nan(&hfp_f64, a)) {
        uint64_t n = pick_nan(&hfp_f64, 0, a, false, &cexc);
        r = (uint32_t)(n >> 63) << 31 | 0x7f800000u | (uint32_t)((n >> 29) & 0x7fffff);
    } else {
        cexc = cexc_of(hfp_run(&hfp_f64, HFP_CVT_D2S, a, 0, 0, csr_of(env), &r));
    }
    fp_done(env, cexc, RA);
    return r;
}

/* fcmp / fcmpe into fcc[n]: 0 =, 1 <, 2 >, 3 unordered.  fcmp signals
   invalid only for a signalling NaN, fcmpe for any NaN. */
static void fcmp(CPUSPARCState *env, const HostFPFormat *f, uint32_t n, uint64_t a, uint64_t b, bool e,
                 uintptr_t ra)
{
    uint32_t cexc = 0;
    FPRelation rel = hfp_compare(f, a, b);
    if (rel == FP_UNORDERED && (e || hfp_is_snan(f, a) || hfp_is_snan(f, b)))
        cexc = FSR_NVC;
    fp_done(env, cexc, ra);
    static const uint32_t fcc_of[4] = {0, 1, 2, 3}; /* FPRelation order is SPARC's */
    env->fcc[n & 3] = fcc_of[rel];
}

void helper_sparc_fcmps(CPUSPARCState *env, uint32_t ne, uint64_t a, uint64_t b)
{
    fcmp(env, &hfp_f32, ne & 3, a, b, ne >> 2, RA);
}

void helper_sparc_fcmpd(CPUSPARCState *env, uint32_t ne, uint64_t a, uint64_t b)
{
    fcmp(env, &hfp_f64, ne & 3, a, b, ne >> 2, RA);
}

/* ---- FSR ---- */

uint32_t sparc_get_fsr(const CPUSPARCState *env)
{
    return env->fsr | (env->fcc[0] & 3) << 10;
}

void sparc_set_fsr(CPUSPARCState *env, uint32_t fsr)
{
    /* Writable: RD, TEM, NS, aexc, cexc and fcc0; ver and ftt read-only (0). */
    env->fsr = fsr & (3u << 30 | 0x1fu << 23 | 1u << 22 | 0x3ffu);
    env->fcc[0] = (fsr >> 10) & 3;
}

uint64_t sparc_get_xfsr(const CPUSPARCState *env)
{
    return sparc_get_fsr(env) | (uint64_t)(env->fcc[1] & 3) << 32 | (uint64_t)(env->fcc[2] & 3) << 34 |
           (uint64_t)(env->fcc[3] & 3) << 36;
}

void sparc_set_xfsr(CPUSPARCState *env, uint64_t fsr)
{
    sparc_set_fsr(env, (uint32_t)fsr);
    env->fcc[1] = (fsr >> 32) & 3;
    env->fcc[2] = (fsr >> 34) & 3;
    env->fcc[3] = (fsr >> 36) & 3;
}

uint64_t helper_sparc_ldfsr(CPUSPARCState *env, uint64_t v, uint32_t x)
{
    if (x)
        sparc_set_xfsr(env, v);
    else
        sparc_set_fsr(env, (uint32_t)v);
    return 0;
}

uint64_t helper_sparc_stfsr(CPUSPARCState *env, uint32_t x)
{
    uint64_t r = x ? sparc_get_xfsr(env) : sparc_get_fsr(env);
    /* Reading the FSR clears ftt (V9). */
    env->fsr &= ~(7u << FSR_FTT_SHIFT);
    return r;
}

void helper_sparc_fclear_cexc(CPUSPARCState *env)
{
    env->fsr &= ~(0x1fu | 7u << FSR_FTT_SHIFT);
}

/* ---- VIS pieces ---- */

uint64_t helper_sparc_faligndata(CPUSPARCState *env, uint64_t a, uint64_t b)
{
    unsigned sh = (unsigned)(env->gsr & 7) * 8;
    return sh ? a << sh | b >> (64 - sh) : a;
}

/* One register of the FP file by V9 single number r (0..63 singles in
   pairs; doubles: even r). */
static void fpr_put(CPUSPARCState *env, int r, bool dbl, uint64_t v)
{
    if (dbl)
        env->fpr[r >> 1] = v;
    else if (r & 1)
        env->fpr[r >> 1] = (env->fpr[r >> 1] & ~0xffffffffull) | (uint32_t)v;
    else
        env->fpr[r >> 1] = (env->fpr[r >> 1] & 0xffffffffull) | v << 32;
}

static uint64_t fpr_get(const CPUSPARCState *env, int r, bool dbl)
{
    if (dbl)
        return env->fpr[r >> 1];
    return (r & 1) ? (uint32_t)env->fpr[r >> 1] : env->fpr[r >> 1] >> 32;
}

void helper_sparc_fpa(CPUSPARCState *env, uint64_t addr64, uint32_t asi, uint32_t desc)
{
    uintptr_t ra = RA;
    uint32_t addr = (uint32_t)addr64;
    int r = desc & 0xff;
    bool store = desc & 0x100, dbl = desc & 0x200;
    if (asi == 0x100)
        asi = env->asi;
    bool little = (asi & 0x08) != 0;
    int n = 1, size = dbl ? 8 : 4;
    switch (asi & ~0x09u) {
    case 0x80: case 0x82: /* primary/secondary (no-fault) */
        break;
    case 0xf0: case 0xe0: /* block (commit) */
        if (!dbl || (r & 15))
            sparc_raise(env, SIGILL, ILL_ILLOPN, env->pc, ra);
        n = 8;
        break;
    default:
        sparc_raise(env, SIGILL, ILL_ILLOPN, env->pc, ra);
    }
    if (addr & ((uint32_t)(n * size) - 1 > 7 ? 63u : (uint32_t)size - 1))
        sparc_raise(env, SIGBUS, BUS_ADRALN, addr, ra);
    uint8_t buf[64];
    if (store) {
        for (int i = 0; i < n; i++) {
            uint64_t v = fpr_get(env, r + 2 * i, dbl);
            for (int k = 0; k < size; k++)
                buf[i * size + (little ? k : size - 1 - k)] = (uint8_t)(v >> (8 * k));
        }
        if (copy_to_guest(addr, buf, (size_t)(n * size)) < 0)
            sparc_raise(env, SIGSEGV, SEGV_MAPERR, addr, ra);
    } else {
        if (copy_from_guest(buf, addr, (size_t)(n * size)) < 0)
            sparc_raise(env, SIGSEGV, SEGV_MAPERR, addr, ra);
        for (int i = 0; i < n; i++) {
            uint64_t v = 0;
            for (int k = 0; k < size; k++)
                v |= (uint64_t)buf[i * size + (little ? k : size - 1 - k)] << (8 * k);
            fpr_put(env, r + 2 * i, dbl, v);
        }
    }
}
