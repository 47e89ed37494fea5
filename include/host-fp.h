/*
 * Host-SSE IEEE 754 arithmetic shared by the front ends' floating-point
 * helpers (core/host-fp.c): the binary32/binary64 formats, classification,
 * and single operations run on the host with a chosen MXCSR (rounding mode),
 * returning the IEEE exception flags they raised.
 *
 * Everything here is architecture-neutral: NaN selection, default NaNs,
 * flush-to-zero and tininess rules, and the mapping of flags and compare
 * results to a guest's status register are the front end's (ARM:
 * target-arm/vfp-helper.c).
 */
#ifndef MIMIC_HOST_FP_H
#define MIMIC_HOST_FP_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* The bit layout of one IEEE format, so NaN logic is written once. */
typedef struct HostFPFormat {
    uint64_t sign, exp, frac, qbit, dnan; /* dnan: the positive quiet NaN with only qbit */
} HostFPFormat;
extern const HostFPFormat hfp_f32, hfp_f64;

static inline bool hfp_is_nan(const HostFPFormat *f, uint64_t v) { return (v & f->exp) == f->exp && (v & f->frac); }
static inline bool hfp_is_snan(const HostFPFormat *f, uint64_t v) { return hfp_is_nan(f, v) && !(v & f->qbit); }
static inline bool hfp_is_inf(const HostFPFormat *f, uint64_t v) { return (v & ~f->sign) == f->exp; }
static inline bool hfp_is_zero(const HostFPFormat *f, uint64_t v) { return (v & ~f->sign) == 0; }
static inline bool hfp_is_denormal(const HostFPFormat *f, uint64_t v) { return !(v & f->exp) && (v & f->frac); }

static inline float hfp_f32_of(uint64_t v) { uint32_t u = (uint32_t)v; float x; memcpy(&x, &u, 4); return x; }
static inline double hfp_f64_of(uint64_t v) { double x; memcpy(&x, &v, 8); return x; }
static inline uint32_t hfp_bits_f32(float x) { uint32_t u; memcpy(&u, &x, 4); return u; }
static inline uint64_t hfp_bits_f64(double x) { uint64_t u; memcpy(&u, &x, 8); return u; }

/* IEEE exception flags, in MXCSR's order (bits 0-5). */
enum {
    HFP_INVALID = 1,
    HFP_DENORMAL = 2, /* x86's "denormal operand": no IEEE meaning */
    HFP_DIVBYZERO = 4,
    HFP_OVERFLOW = 8,
    HFP_UNDERFLOW = 16, /* tininess detected after rounding (x86) */
    HFP_INEXACT = 32,
};

/* Rounding modes. */
enum { HFP_RN, HFP_RM, HFP_RP, HFP_RZ }; /* nearest even, toward -inf, +inf, zero */
/* The MXCSR to run an operation with: all exceptions masked, rounding mode rm. */
static inline uint32_t hfp_csr(int rm) { return 0x1f80u | (uint32_t)rm << 13; }

/* Operations of hfp_run. */
enum {
    HFP_ADD, HFP_SUB, HFP_MUL, HFP_DIV, HFP_SQRT, /* a op b (sqrt: of a) */
    HFP_FMA,                                      /* d + a * b, one rounding */
    HFP_CVT_D2S,                                  /* binary64 a -> binary32 */
};

/* Run op on the host with MXCSR = csr: the result's bits in *r (format f,
   binary32 for HFP_CVT_D2S), the HFP_* flags raised returned. */
uint32_t hfp_run(const HostFPFormat *f, int op, uint64_t a, uint64_t b, uint64_t d, uint32_t csr, uint64_t *r);

/* The result of comparing two floating-point values, neutral to every
   guest (each front end maps it to its flags: ARM to NZCV).  fp_guarded's
   FPG_CMP returns it too. */
typedef enum FPRelation {
    FP_EQUAL = 0,
    FP_LESS = 1,
    FP_GREATER = 2,
    FP_UNORDERED = 3,
} FPRelation;

/* a <=> b in format f (no flags: a NaN operand gives FP_UNORDERED). */
FPRelation hfp_compare(const HostFPFormat *f, uint64_t a, uint64_t b);

#endif
