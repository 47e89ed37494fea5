/*
 * ARM VFPv3/VFPv4 (D32, no NEON): runtime helpers called from IR.
 *
 * translate-vfp.c decodes the coprocessor 10/11 space into IR; simple moves,
 * loads and stores stay in IR; arithmetic, vsqrt, vcmp and the plain
 * conversions are fp_guarded IR ops (tcg/fp.h: host SSE inline when FPSCR
 * is in the default mode with IXC set and the result is an ordinary normal
 * number) whose fallbacks are the helpers below; the rest (FMA, vcvtr,
 * fixed point, half precision) is one helper call.  Single-precision values
 * travel as uint32_t bit patterns,
 * double-precision values as uint64_t; helpers never touch the core
 * registers (they are called with CALL_NO_RWG) but read FPSCR for the
 * rounding mode, DN and FZ, and OR the cumulative exception flags into it.
 */
#ifndef MIMIC_ARM_VFP_H
#define MIMIC_ARM_VFP_H

#include <stdint.h>
#include "cpu.h"

/* FPSCR fields. */
#define FPSCR_IOC (1u << 0)   /* cumulative: invalid operation */
#define FPSCR_DZC (1u << 1)   /* division by zero */
#define FPSCR_OFC (1u << 2)   /* overflow */
#define FPSCR_UFC (1u << 3)   /* underflow */
#define FPSCR_IXC (1u << 4)   /* inexact */
#define FPSCR_IDC (1u << 7)   /* input denormal (flushed) */
#define FPSCR_LEN_STRIDE 0x00370000u /* short vectors: unsupported, must be 0 */
#define FPSCR_FZ16 (1u << 19) /* ARMv8.2: flush-to-zero for half-precision arithmetic */
#define FPSCR_RMODE_SHIFT 22  /* 0 nearest, 1 +inf, 2 -inf, 3 zero */
#define FPSCR_FZ (1u << 24)
#define FPSCR_DN (1u << 25)
#define FPSCR_AHP (1u << 26)
#define FPSCR_NZCV_SHIFT 28
/* Bits a user-mode write can change (trap enables are RAZ/WI: no trapping). */
#define FPSCR_WRITABLE 0xfff7009fu

/* Identification registers (read by VMRS): FPSID and MVFR1 depend on the
   -cpu model (arm_fpsid, arm_mvfr1 in cpuinfo.c). */
#define ARM_VFP_MVFR0 0x10110222u /* rounding modes, sqrt, div, f64, f32, 32 D regs */

/* Three-operand arithmetic, the op argument of helper_vfp_arith_[sd].
   d is the accumulator (destination's old value), n and m the sources. */
enum {
    VFP_ADD,  /* n + m */
    VFP_SUB,  /* n - m */
    VFP_MUL,  /* n * m */
    VFP_NMUL, /* -(n * m) */
    VFP_DIV,  /* n / m */
    VFP_MLA,  /* d + (n * m), two roundings */
    VFP_MLS,  /* d + -(n * m) */
    VFP_NMLA, /* -d + -(n * m) */
    VFP_NMLS, /* -d + (n * m) */
    VFP_FMA,  /* d + n * m, one rounding */
    VFP_FMS,  /* d + (-n) * m */
    VFP_FNMA, /* -d + (-n) * m */
    VFP_FNMS, /* -d + n * m */
};

/* Fixed-point / integer conversion descriptor (desc argument). */
#define VFP_FIX_FBITS_MASK 0x3fu   /* fraction bits 0..32 */
#define VFP_FIX_SIZE16 (1u << 8)   /* 16-bit fixed-point value */
#define VFP_FIX_UNSIGNED (1u << 9)
#define VFP_FIX_RMODE_FPSCR (1u << 10) /* FPSCR rounding: vcvtr to integer
                                          (else toward zero), vcvt from integer
                                          (else, for fixed point, to nearest) */
#define VFP_FIX_RMODE_EXPLICIT (1u << 11) /* to integer: the mode in bits 14:12 */
#define VFP_FIX_RMODE_SHIFT 12            /* (0 nearest, 1 +inf, 2 -inf, 3 zero, 4 ties away) */

uint32_t helper_vfp_arith_s(CPUARMState *env, uint32_t op, uint32_t d, uint32_t n, uint32_t m);
uint64_t helper_vfp_arith_d(CPUARMState *env, uint32_t op, uint64_t d, uint64_t n, uint64_t m);
uint32_t helper_vfp_sqrt_s(CPUARMState *env, uint32_t a);
uint64_t helper_vfp_sqrt_d(CPUARMState *env, uint64_t a);
/* Set FPSCR.NZCV from comparing a with b; signal: vcmpe (any NaN -> IOC). */
void helper_vfp_cmp_s(CPUARMState *env, uint32_t a, uint32_t b, uint32_t signal);
void helper_vfp_cmp_d(CPUARMState *env, uint64_t a, uint64_t b, uint32_t signal);
uint64_t helper_vfp_f32_to_f64(CPUARMState *env, uint32_t a);
uint32_t helper_vfp_f64_to_f32(CPUARMState *env, uint64_t a);
/* Float -> integer or fixed point; the result is sign- or zero-extended to
   the register width (the D form writes 64 bits). */
uint32_t helper_vfp_tofix_s(CPUARMState *env, uint32_t a, uint32_t desc);
uint64_t helper_vfp_tofix_d(CPUARMState *env, uint64_t a, uint32_t desc);
/* Integer or fixed point (low 16 or 32 bits of v) -> float. */
uint32_t helper_vfp_fromfix_s(CPUARMState *env, uint32_t v, uint32_t desc);
uint64_t helper_vfp_fromfix_d(CPUARMState *env, uint64_t v, uint32_t desc);
/* Half precision (IEEE, or the alternative format when FPSCR.AHP). */
uint32_t helper_vfp_f16_to_f32(CPUARMState *env, uint32_t h);
uint32_t helper_vfp_f32_to_f16(CPUARMState *env, uint32_t a);
/* Fallbacks of the fp_guarded IR op (tcg/fp.h) with its uniform signature:
   vsqrt of n; compare of n with m (sub: vcmpe), returning the new NZCV in
   bits 31:28 after setting FPSCR like helper_vfp_cmp_[sd].  The arithmetic
   fallback is helper_vfp_arith_[sd] itself (sub = VFP_*). */
uint64_t helper_vfp_sqrt_fpg_s(CPUARMState *env, uint32_t sub, uint64_t d, uint64_t n, uint64_t m);
uint64_t helper_vfp_sqrt_fpg_d(CPUARMState *env, uint32_t sub, uint64_t d, uint64_t n, uint64_t m);
uint64_t helper_vfp_cmp_fpg_s(CPUARMState *env, uint32_t sub, uint64_t d, uint64_t n, uint64_t m);
uint64_t helper_vfp_cmp_fpg_d(CPUARMState *env, uint32_t sub, uint64_t d, uint64_t n, uint64_t m);
/* Conversions (sub = the desc of helper_vfp_tofix/fromfix; n the input). */
uint64_t helper_vfp_tofix_fpg_s(CPUARMState *env, uint32_t sub, uint64_t d, uint64_t n, uint64_t m);
uint64_t helper_vfp_tofix_fpg_d(CPUARMState *env, uint32_t sub, uint64_t d, uint64_t n, uint64_t m);
uint64_t helper_vfp_fromfix_fpg_s(CPUARMState *env, uint32_t sub, uint64_t d, uint64_t n, uint64_t m);
uint64_t helper_vfp_fromfix_fpg_d(CPUARMState *env, uint32_t sub, uint64_t d, uint64_t n, uint64_t m);
uint64_t helper_vfp_f64_to_f32_fpg(CPUARMState *env, uint32_t sub, uint64_t d, uint64_t n, uint64_t m);
uint64_t helper_vfp_f32_to_f64_fpg(CPUARMState *env, uint32_t sub, uint64_t d, uint64_t n, uint64_t m);
/* ARMv8: vmaxnm/vminnm; vrint* (desc: bits 2:0 the mode as
   VFP_FIX_RMODE_SHIFT's, 7 = FPSCR's; bit 3: inexact raises IXC);
   half precision to and from double. */
uint32_t helper_vfp_maxnm_s(CPUARMState *env, uint32_t a, uint32_t b, uint32_t is_min);
uint64_t helper_vfp_maxnm_d(CPUARMState *env, uint64_t a, uint64_t b, uint32_t is_min);
uint32_t helper_vfp_rint_s(CPUARMState *env, uint32_t a, uint32_t desc);
uint64_t helper_vfp_rint_d(CPUARMState *env, uint64_t a, uint32_t desc);
uint64_t helper_vfp_f16_to_f64(CPUARMState *env, uint32_t h);
uint32_t helper_vfp_f64_to_f16(CPUARMState *env, uint64_t a);
/* ARMv8.2 half-precision arithmetic (fp16-helper.c): values in the low 16
   bits, results zero-extended; op, desc and signal as the single-precision
   helpers'; FPSCR.FZ16 flushes, AHP does not apply. */
uint32_t helper_vfp_arith_h(CPUARMState *env, uint32_t op, uint32_t d, uint32_t n, uint32_t m);
uint32_t helper_vfp_sqrt_h(CPUARMState *env, uint32_t a);
void helper_vfp_cmp_h(CPUARMState *env, uint32_t a, uint32_t b, uint32_t signal);
uint32_t helper_vfp_maxnm_h(CPUARMState *env, uint32_t a, uint32_t b, uint32_t is_min);
uint32_t helper_vfp_rint_h(CPUARMState *env, uint32_t a, uint32_t desc);
uint32_t helper_vfp_tofix_h(CPUARMState *env, uint32_t a, uint32_t desc);
uint32_t helper_vfp_fromfix_h(CPUARMState *env, uint32_t v, uint32_t desc);
/* Advanced SIMD .f16 (FEAT_FP16): three-same float ops and vmla/vmls/vmul
   by scalar, from the A32 encoding (CALL_RW_GLOBALS: they use env->vfp). */
void helper_neon_3same_f16(CPUARMState *env, uint32_t insn);
void helper_neon_scalar_f16(CPUARMState *env, uint32_t insn);
void helper_neon_2misc_f16(CPUARMState *env, uint32_t insn);
/* OR cumulative exception flags into FPSCR (keeps vfp_fast in step). */
void arm_fpscr_accumulate(CPUARMState *env, uint32_t flags);
/* VMSR FPSCR, Rt. */
void helper_vfp_set_fpscr(CPUARMState *env, uint32_t v);

#endif
