/*
 * Reference semantics of the fp_guarded op (tcg/fp.h), used by the IR
 * interpreter; the x86 backend emits the same computation inline
 * (tcg/x86/backend-fp.c) and must agree with this file bit for bit.
 */
#include <math.h>
#include <string.h>

#include "tcg/fp.h"
#include "host-fp.h"

static double f64(uint64_t v) { double x; memcpy(&x, &v, 8); return x; }
static float f32(uint64_t v) { uint32_t u = (uint32_t)v; float x; memcpy(&x, &u, 4); return x; }
static uint64_t b64(double x) { uint64_t u; memcpy(&u, &x, 8); return u; }
static uint64_t b32(float x) { uint32_t u; memcpy(&u, &x, 4); return u; }

/* Biased exponent in [2, emax - 1]. */
static bool safe64(uint64_t v) { return ((v >> 52) & 0x7ff) - 2u < 0x7fdu; }
static bool safe32(uint64_t v) { return ((v >> 23) & 0xff) - 2u < 0xfdu; }

/* The empty asm statements keep every operation rounded on its own (no
   contraction into an FMA, no reassociation). */
#define FPG_BODY(T, of, to, safe, sq)                                              \
    T a = of(i0), x = of(i1), y = of(i2), r, p;                                    \
    switch (kind) {                                                                \
    case FPG_ADD: r = x + y; break;                                                \
    case FPG_SUB: r = x - y; break;                                                \
    case FPG_MUL: r = x * y; break;                                                \
    case FPG_DIV: r = x / y; break;                                                \
    case FPG_SQRT: r = sq(x); break;                                               \
    case FPG_CMP:                                                                  \
        if (x != x || y != y)                                                      \
            return false;                                                          \
        *out = x == y ? FP_EQUAL : x < y ? FP_LESS : FP_GREATER;                   \
        return true;                                                               \
    default:                                                                       \
        p = x * y;                                                                 \
        __asm__("" : "+x"(p));                                                     \
        if (!safe(to(p)))                                                          \
            return false;                                                          \
        switch (kind) {                                                            \
        case FPG_MLA: r = a + p; break;                                            \
        case FPG_MLS: r = a - p; break;                                            \
        case FPG_NMLA: r = a + p; __asm__("" : "+x"(r)); r = -r; break;            \
        case FPG_NMLS: r = p - a; break;                                           \
        default: return false;                                                     \
        }                                                                          \
        break;                                                                     \
    }                                                                              \
    __asm__("" : "+x"(r));                                                         \
    *out = to(r);                                                                  \
    return safe(*out);

/* The conversions (tcg/fp.h); x is the float input widened exactly. */
static bool fast_cvt(unsigned kind, bool w64, uint64_t i1, uint64_t *out)
{
    double x = kind == FPG_F32TOF64 || !w64 ? (double)f32(i1) : f64(i1), t;
    switch (kind) {
    case FPG_SITOF:
        *out = w64 ? b64((double)(int32_t)i1) : b32((float)(int32_t)i1);
        return true;
    case FPG_UITOF:
        *out = w64 ? b64((double)(uint32_t)i1) : b32((float)(uint32_t)i1);
        return true;
    case FPG_FTOSI:
        t = trunc(x);
        if (!(t > -2147483648.0 && t < 2147483648.0))
            return false;
        *out = (uint64_t)(int64_t)(int32_t)t;
        if (!w64)
            *out = (uint32_t)*out;
        return true;
    case FPG_FTOUI:
        t = trunc(x);
        if (!(t >= 0 && t < 4294967296.0))
            return false;
        *out = (uint32_t)t;
        return true;
    case FPG_F64TOF32: {
        float r = (float)x;
        __asm__("" : "+x"(r));
        *out = b32(r);
        return w64 && safe32(*out);
    }
    case FPG_F32TOF64:
        *out = b64(x);
        return w64 && safe64(*out);
    }
    return false;
}

static bool fast64(unsigned kind, uint64_t i0, uint64_t i1, uint64_t i2, uint64_t *out)
{
    FPG_BODY(double, f64, b64, safe64, sqrt)
}

static bool fast32(unsigned kind, uint64_t i0, uint64_t i1, uint64_t i2, uint64_t *out)
{
    FPG_BODY(float, f32, b32, safe32, sqrtf)
}

bool tcg_fpg_fast(unsigned kind, bool w64, uint64_t i0, uint64_t i1, uint64_t i2, uint64_t *r)
{
    if (kind > FPG_CMP)
        return fast_cvt(kind, w64, i1, r);
    return w64 ? fast64(kind, i0, i1, i2, r) : fast32(kind, i0, i1, i2, r);
}

uint64_t tcg_fpg_eval(const TCGOp *op, void *env, uint64_t i0, uint64_t i1, uint64_t i2)
{
    bool w64 = op->type == TCG_I64;
    unsigned kind = (unsigned)(op->args[4] & 0xff);
    uint32_t word, mask = (uint32_t)(op->args[7] >> 32), value = (uint32_t)op->args[7];
    uint64_t r;
    memcpy(&word, (char *)env + (int64_t)op->args[6], 4);
    if ((word & mask) == value && tcg_fpg_fast(kind, w64, i0, i1, i2, &r))
        return r;
    TCGFpFallback *fn = (TCGFpFallback *)(uintptr_t)op->args[5];
    r = fn(env, (uint32_t)(op->args[4] >> 8), fpg_uses_i0(kind) ? i0 : 0, i1, fpg_uses_i2(kind) ? i2 : 0);
    return w64 ? r : (uint32_t)r;
}
