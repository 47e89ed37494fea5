/*
 * Runtime helpers called from i386 generated code (helper.c,
 * fpu-helper.c).  env-first C functions; see tcg/README.md "Helper calls".
 */
#ifndef MIMIC_I386_HELPER_H
#define MIMIC_I386_HELPER_H

#include <stdint.h>
#include "target-i386/cpu.h"

/* helper_cc_compute_all / _c: cpu.h. */
uint32_t helper_read_eflags(CPUX86State *env);
void helper_write_eflags(CPUX86State *env, uint32_t v, uint32_t mask);
/* Rotates: op_ot = op << 2 | ot (op 0 rol, 1 ror, 2 rcl, 3 rcr); count
   already masked to 5 bits; eflags = the flags before.  Returns the result,
   the new flags in env->cc_tmp. */
uint32_t helper_rotate(CPUX86State *env, uint32_t op_ot, uint32_t val, uint32_t count, uint32_t eflags);
/* shld/shrd: packed = ot | right << 2 | count << 8. */
uint32_t helper_shd(CPUX86State *env, uint32_t packed, uint32_t val, uint32_t src, uint32_t eflags);
/* div/idiv: ot_sign = ot | signed << 2.  Returns 0 or EXCP_X86_DE. */
uint32_t helper_div(CPUX86State *env, uint32_t ot_sign, uint32_t divisor);
/* daa das aaa aas aam aad (op 0..5), flags in cc_src/cc_op (EFLAGS form on
   entry).  Returns 0 or EXCP_X86_DE (aam 0). */
uint32_t helper_bcd(CPUX86State *env, uint32_t op, uint32_t imm);
void helper_cpuid(CPUX86State *env);
void helper_rdtsc(CPUX86State *env);
uint32_t helper_popcnt(uint32_t v);
/* fxsave (op 0) / fxrstor (op 1) at guest address addr: 0 or an exception. */
uint32_t helper_fxsave_rstor(CPUX86State *env, uint32_t addr, uint32_t op);

#endif

/* x87 (fpu-helper.c).  Memory formats: */
enum { FK_F32, FK_F64, FK_I16, FK_I32, FK_I64, FK_F80, FK_BCD, FK_T16, FK_T32, FK_T64 };
void helper_fld_mem(CPUX86State *env, uint32_t kind, uint32_t lo, uint32_t hi);
uint64_t helper_fst_mem(CPUX86State *env, uint32_t kind);
void helper_fst_done(CPUX86State *env, uint32_t pop);
void helper_farith(CPUX86State *env, uint32_t op, uint32_t dst, uint32_t src_pop);
void helper_farith_mem(CPUX86State *env, uint32_t op, uint32_t kind, uint32_t lo, uint32_t hi);
/* Fast forms (fpu-helper.c, "fast forms"): register dst op= src (src_pop
   as helper_farith's), ST(0) op= a double or a float, fld and fst of a
   double (fst_m64 as helper_fst_mem, then helper_fst_done). */
#define FAST_ARITH_DECL(name)                                                       \
    void helper_f##name##_st(CPUX86State *env, uint32_t dst, uint32_t src_pop);     \
    void helper_f##name##_m64(CPUX86State *env, uint64_t m);                        \
    void helper_f##name##_m32(CPUX86State *env, uint32_t lo);
FAST_ARITH_DECL(add)
FAST_ARITH_DECL(mul)
FAST_ARITH_DECL(sub)
FAST_ARITH_DECL(subr)
FAST_ARITH_DECL(div)
FAST_ARITH_DECL(divr)
void helper_fld_m64(CPUX86State *env, uint64_t m);
uint64_t helper_fst_m64(CPUX86State *env);
void helper_fucom(CPUX86State *env, uint32_t i, uint32_t pops);
uint32_t helper_fcomi(CPUX86State *env, uint32_t i, uint32_t unordered_pop);
void helper_fld_st(CPUX86State *env, uint32_t i);
void helper_fxch(CPUX86State *env, uint32_t i);
void helper_fst_st(CPUX86State *env, uint32_t i, uint32_t pop);
void helper_ffree(CPUX86State *env, uint32_t i, uint32_t pop);
void helper_fcmov(CPUX86State *env, uint32_t i);
void helper_fpop(CPUX86State *env);
void helper_fmisc(CPUX86State *env, uint32_t op);
void helper_fninit(CPUX86State *env);
void helper_fnclex(CPUX86State *env);
void helper_fldcw(CPUX86State *env, uint32_t cw);
uint32_t helper_fnstsw(CPUX86State *env);
uint32_t helper_fenv(CPUX86State *env, uint32_t addr, uint32_t op);
uint32_t helper_fp_pending(CPUX86State *env);
