/*
 * Advanced SIMD (NEON): the runtime helpers (neon-helper.c), one per
 * instruction class.  Each gets the A32 encoding, already checked by
 * translate-neon.c, and works on env->vfp; they are called with
 * CALL_RW_GLOBALS (the d registers are globals).
 */
#ifndef MIMIC_ARM_NEON_H
#define MIMIC_ARM_NEON_H

#include <stdint.h>
#include "cpu.h"

void helper_neon_3same(CPUARMState *env, uint32_t insn);
void helper_neon_3diff(CPUARMState *env, uint32_t insn);
void helper_neon_scalar(CPUARMState *env, uint32_t insn);
void helper_neon_shift(CPUARMState *env, uint32_t insn);
void helper_neon_2misc(CPUARMState *env, uint32_t insn);
void helper_neon_vext(CPUARMState *env, uint32_t insn);
void helper_neon_vtbl(CPUARMState *env, uint32_t insn);
void helper_neon_vdup(CPUARMState *env, uint32_t insn);

/* The fast path (translate-neon-vec.c): true when it emitted the
   instruction (host_vec ops or IR), false to use the helper. */
bool neon_vec_3same(uint32_t insn);
bool neon_vec_3diff(uint32_t insn);
bool neon_vec_shift(uint32_t insn);
bool neon_vec_2misc(uint32_t insn);
bool neon_vec_vext(uint32_t insn);
bool neon_vec_vdup(uint32_t insn);

#endif
