/*
 * MMX/SSE helpers (sse-helper.c): env-first, operands at env offsets
 * (d = destination and first source, s = second source).
 */
#ifndef MIMIC_I386_SSE_HELPER_H
#define MIMIC_I386_SSE_HELPER_H

#include <stdint.h>
#include "target-i386/cpu.h"
#include "target-i386/sse-ops.h"

#define DECL_INT(op, name, f1, f2)                                                      \
    void helper_mmx_##name(CPUX86State *env, uint32_t d, uint32_t s);                   \
    void helper_xmm_##name(CPUX86State *env, uint32_t d, uint32_t s);
#define DECL_SSSE3(op, name) DECL_INT(op, name, SSSE3, SSSE3)
#define DECL_XMM_MORE(name, body) void helper_xmm_##name(CPUX86State *env, uint32_t d, uint32_t s);
#define DECL_FP_BODY(name, body) uint32_t helper_##name(CPUX86State *env, uint32_t d, uint32_t s);
#define DECL_FP(op, stem)                                                               \
    DECL_FP_BODY(stem##ps, 0) DECL_FP_BODY(stem##pd, 0) DECL_FP_BODY(stem##ss, 0)       \
    DECL_FP_BODY(stem##sd, 0)
#define DECL_CMP(name) uint32_t helper_##name(CPUX86State *env, uint32_t d, uint32_t s, uint32_t imm);
#define DECL_CVT2SI(name) uint32_t helper_##name(CPUX86State *env, uint32_t s);
#define DECL_CVTSI2(name) uint32_t helper_##name(CPUX86State *env, uint32_t d, uint32_t v);
#define DECL_COMI(name) uint32_t helper_##name(CPUX86State *env, uint32_t d, uint32_t s);
INT_OPS(DECL_INT)
SSSE3_OPS(DECL_SSSE3)
XMM_INT_MORE(DECL_XMM_MORE)
FP_OPS(DECL_FP)
XMM_FP_MORE(DECL_FP_BODY)
CMP_OPS(DECL_CMP)
CVT2SI_OPS(DECL_CVT2SI)
CVTSI2_OPS(DECL_CVTSI2)
COMI_OPS(DECL_COMI)

#define DECL_COMI_FLAGS(name) void helper_##name##_flags(CPUX86State *env, uint32_t d, uint32_t s, uint32_t imm);
COMI_OPS(DECL_COMI_FLAGS)
uint32_t helper_ldmxcsr(CPUX86State *env, uint32_t v);
uint32_t helper_stmxcsr(CPUX86State *env);
uint32_t helper_pmovmskb_mmx(CPUX86State *env, uint32_t s);
uint32_t helper_pmovmskb(CPUX86State *env, uint32_t s);
uint32_t helper_movmskps(CPUX86State *env, uint32_t s);
uint32_t helper_movmskpd(CPUX86State *env, uint32_t s);
void helper_pshufw(CPUX86State *env, uint32_t d, uint32_t s, uint32_t imm);
void helper_pshufd(CPUX86State *env, uint32_t d, uint32_t s, uint32_t imm);
void helper_pshuflw(CPUX86State *env, uint32_t d, uint32_t s, uint32_t imm);
void helper_pshufhw(CPUX86State *env, uint32_t d, uint32_t s, uint32_t imm);
void helper_shufps(CPUX86State *env, uint32_t d, uint32_t s, uint32_t imm);
void helper_shufpd(CPUX86State *env, uint32_t d, uint32_t s, uint32_t imm);
void helper_palignr_mmx(CPUX86State *env, uint32_t d, uint32_t s, uint32_t imm);
void helper_palignr_xmm(CPUX86State *env, uint32_t d, uint32_t s, uint32_t imm);
void helper_psrldq(CPUX86State *env, uint32_t d, uint32_t imm);
void helper_pslldq(CPUX86State *env, uint32_t d, uint32_t imm);
uint32_t helper_maskmov(CPUX86State *env, uint32_t d, uint32_t s, uint32_t addr, uint32_t n);

#endif
