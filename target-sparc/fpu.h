/*
 * SPARC floating-point helpers (fpu-helper.c), called from the code
 * translate-fpu.c emits.  Singles are passed and returned in the low 32
 * bits.  Each may raise SIGFPE (an enabled IEEE exception), so the
 * translator calls them with the state written back (CALL_NO_WG).
 */
#ifndef MIMIC_SPARC_FPU_H
#define MIMIC_SPARC_FPU_H

#include <stdint.h>
#include "target-sparc/cpu.h"

/* op: HFP_ADD, HFP_SUB, HFP_MUL, HFP_DIV, HFP_SQRT (include/host-fp.h). */
uint64_t helper_sparc_fops(CPUSPARCState *env, uint32_t op, uint64_t a, uint64_t b);
uint64_t helper_sparc_fopd(CPUSPARCState *env, uint32_t op, uint64_t a, uint64_t b);
uint64_t helper_sparc_fsmuld(CPUSPARCState *env, uint64_t a, uint64_t b);
uint64_t helper_sparc_fstoi(CPUSPARCState *env, uint64_t a);
uint64_t helper_sparc_fdtoi(CPUSPARCState *env, uint64_t a);
uint64_t helper_sparc_fstox(CPUSPARCState *env, uint64_t a);
uint64_t helper_sparc_fdtox(CPUSPARCState *env, uint64_t a);
uint64_t helper_sparc_fitos(CPUSPARCState *env, uint64_t a);
uint64_t helper_sparc_fitod(CPUSPARCState *env, uint64_t a);
uint64_t helper_sparc_fxtos(CPUSPARCState *env, uint64_t a);
uint64_t helper_sparc_fxtod(CPUSPARCState *env, uint64_t a);
uint64_t helper_sparc_fstod(CPUSPARCState *env, uint64_t a);
uint64_t helper_sparc_fdtos(CPUSPARCState *env, uint64_t a);
/* ne = fcc number | (fcmpe ? 4 : 0). */
void helper_sparc_fcmps(CPUSPARCState *env, uint32_t ne, uint64_t a, uint64_t b);
void helper_sparc_fcmpd(CPUSPARCState *env, uint32_t ne, uint64_t a, uint64_t b);
uint64_t helper_sparc_ldfsr(CPUSPARCState *env, uint64_t v, uint32_t x);
uint64_t helper_sparc_stfsr(CPUSPARCState *env, uint32_t x);
void helper_sparc_fclear_cexc(CPUSPARCState *env);

/* Quad precision (fpu-quad.c), as the kernel emulates it; the registers
   are in env (callers sync the globals).  insn: the instruction word. */
void helper_sparc_fpop_q(CPUSPARCState *env, uint32_t insn);
void helper_sparc_fmovq_cond(CPUSPARCState *env, uint32_t cond, uint32_t insn);
/* asi: the space (0x80 primary), 0x100 = %asi. */
void helper_sparc_ldstq(CPUSPARCState *env, uint64_t addr, uint32_t insn, uint32_t asi);

/* VIS pieces (fpu-helper.c). */
uint64_t helper_sparc_faligndata(CPUSPARCState *env, uint64_t a, uint64_t b);
/* ldfa/lddfa/stfa/stdfa: asi 0x100 = %asi; desc = register (V9 number) |
   0x100 store | 0x200 double. */
void helper_sparc_fpa(CPUSPARCState *env, uint64_t addr, uint32_t asi, uint32_t desc);

#endif
