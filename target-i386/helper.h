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
