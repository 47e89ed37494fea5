/*
 * The PowerPC translator's interface to cpu.c (ppc_tcg_init,
 * ppc_translate) and the runtime helpers that generated code calls
 * (helper.c, fpu-helper.c).  Everything else of the translator is private
 * to translate.c and the translate-*.c.inc it includes.
 */
#ifndef MIMIC_PPC_TRANSLATE_H
#define MIMIC_PPC_TRANSLATE_H

#include <stdbool.h>
#include <stdint.h>
#include "../tcg/tcg-op.h"
#include "../tcg/tb.h"
#include "../tcg/translator.h"
#include "cpu.h"

void ppc_tcg_init(void);
void ppc_translate(TranslationBlock *tb, int max_insns);
/* flagkill.c: TargetOps.flags_killed; its init takes the flag numbers
   (tcg_global_flag) of crw0..7, crso0..7, SO, OV and CA. */
void ppc_flagkill_init(const unsigned crw[8], const unsigned crso[8], unsigned so, unsigned ov, unsigned ca);
uint32_t ppc_flags_killed(const uint8_t *code, uint32_t avail, uint32_t pc, uint32_t cs_base, uint32_t flags,
                          uint32_t *used);

/* Runtime helpers (helper.c). */
uint64_t helper_ppc_crw_of(uint32_t lt_gt_eq);
uint32_t helper_ppc_crf_bits(uint64_t w);
uint32_t helper_ppc_mfcr(CPUPPCState *env);
uint32_t helper_ppc_divw(uint32_t a, uint32_t b);
uint32_t helper_ppc_divwu(uint32_t a, uint32_t b);
uint32_t helper_ppc_mftb(CPUPPCState *env, uint32_t upper);
void helper_ppc_icbi(CPUPPCState *env, uint32_t addr);
void helper_ppc_lswx(CPUPPCState *env, uint32_t ea, uint32_t rt, uint32_t n, uint32_t ra_rb);
void helper_ppc_stswx(CPUPPCState *env, uint32_t ea, uint32_t rs, uint32_t n);
void helper_ppc_raise_align(CPUPPCState *env, uint32_t addr);

/* Floating point (fpu-helper.c). */
enum {
    PPC_FOP_ADD, PPC_FOP_SUB, PPC_FOP_MUL, PPC_FOP_DIV, PPC_FOP_SQRT,
    PPC_FOP_MADD, PPC_FOP_MSUB, PPC_FOP_NMADD, PPC_FOP_NMSUB,
    PPC_FOP_RE, PPC_FOP_RSQRTE, PPC_FOP_RSP, PPC_FOP_CTIW, PPC_FOP_CTIWZ,
    PPC_FOP_SINGLE = 0x100, /* result rounded to single precision */
};
uint64_t helper_ppc_fop(CPUPPCState *env, uint32_t op, uint64_t a, uint64_t b, uint64_t c, uint64_t old);
uint64_t helper_ppc_fsel(uint64_t a, uint64_t b, uint64_t c);
uint32_t helper_ppc_fcmp(CPUPPCState *env, uint64_t a, uint64_t b, uint32_t ordered);
uint64_t helper_ppc_lfs(uint32_t v);
uint32_t helper_ppc_stfs(uint64_t v);
void helper_ppc_mtfsf(CPUPPCState *env, uint32_t mask, uint32_t v);
void helper_ppc_mtfsb(CPUPPCState *env, uint32_t bit, uint32_t set);
uint32_t helper_ppc_mcrfs(CPUPPCState *env, uint32_t bfa);
uint64_t helper_ppc_mffs(CPUPPCState *env, uint32_t sub, uint64_t frb, uint32_t imm);

#endif
