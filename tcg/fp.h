/*
 * Guarded host floating point: the fp_guarded IR op (tcg/README.md,
 * "Floating point").
 *
 *   fp_guarded o, i0, i1, i2, c0, c1, c2, c3     (width w = op->type)
 *
 * i0..i2 are IEEE bit patterns of width w (binary32 / binary64).  When the
 * guard holds -- the 32-bit word at env + c2, masked by c3 >> 32, equals
 * (uint32_t)c3 -- and the host result of kind c0 & 0xff (computed in round
 * to nearest) is "safe" (see below), o is that result.  Otherwise
 * o = ((TCGFpFallback *)c1)(env, c0 >> 8, i0, i1, i2), truncated to w,
 * where an input the kind does not read is passed as 0.
 * A front end picks the guard so that a safe host result is exactly its
 * architecture's answer (same value, no flag it has not already recorded);
 * the fallback computes the full answer including the flags.
 *
 * Safe: every rounded intermediate and the result is a normal number with
 * a biased exponent in [2, emax - 1] (never zero, denormal, tiny, infinite
 * or NaN); for FPG_CMP, the operands are ordered; the conversions say.
 */
#ifndef MIMIC_TCG_FP_H
#define MIMIC_TCG_FP_H

#include <stdbool.h>
#include <stdint.h>

#include "tcg/tcg.h"

enum {
    FPG_ADD,  /* i1 + i2 */
    FPG_SUB,  /* i1 - i2 */
    FPG_MUL,  /* i1 * i2 */
    FPG_DIV,  /* i1 / i2 */
    FPG_SQRT, /* sqrt(i1) */
    FPG_MLA,  /* i0 + (i1 * i2), product rounded first */
    FPG_MLS,  /* i0 - (i1 * i2) */
    FPG_NMLA, /* -i0 - (i1 * i2) */
    FPG_NMLS, /* -i0 + (i1 * i2) */
    FPG_CMP,  /* FPRelation (include/host-fp.h): FP_EQUAL (0), FP_LESS (1) or
                 FP_GREATER (2); the fallback may also return FP_UNORDERED (3) */
    /* Conversions (one input, i1).  Integers are 32-bit: an input in the
       low 32 bits of i1, an output sign- (FTOSI) or zero-extended to w. */
    FPG_SITOF,   /* (int32_t)i1 -> float of width w; safe always */
    FPG_UITOF,   /* (uint32_t)i1 -> float of width w; safe always */
    FPG_FTOSI,   /* float i1 -> int32, rounded toward zero; safe when the
                    result is in (INT32_MIN, INT32_MAX] (not NaN) */
    FPG_FTOUI,   /* float i1 -> uint32 toward zero; safe when in [0, 2^32) */
    FPG_F64TOF32, /* w = I64: binary64 i1 -> binary32, zero-extended */
    FPG_F32TOF64, /* w = I64: binary32 (low half of i1) -> binary64 */
    FPG_NB
};

/* The fallback's signature (I32 inputs zero-extended). */
typedef uint64_t TCGFpFallback(void *env, uint32_t sub, uint64_t i0, uint64_t i1, uint64_t i2);

/* Whether kind reads i0 / i2 (unused inputs may be any constant). */
static inline bool fpg_uses_i0(unsigned kind) { return kind >= FPG_MLA && kind <= FPG_NMLS; }
static inline bool fpg_uses_i2(unsigned kind) { return kind <= FPG_CMP && kind != FPG_SQRT; }

/* The host computation alone: true and *r when the result is safe. */
bool tcg_fpg_fast(unsigned kind, bool w64, uint64_t i0, uint64_t i1, uint64_t i2, uint64_t *r);
/* The whole op, as the interpreter runs it. */
uint64_t tcg_fpg_eval(const TCGOp *op, void *env, uint64_t i0, uint64_t i1, uint64_t i2);

#endif
