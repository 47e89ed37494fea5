/*
 * Shared by the ARM decoders (translate-a32.c, translate-t32.c,
 * translate-vfp.c): the per-TB decoding context and the instruction
 * semantics that A32 and T32 have in common.  translate.c implements them.
 *
 * Conventions:
 *  - Decoders return bool: false means UNDEFINED, and the caller raises
 *    SIGILL at the instruction (gen_undef).
 *  - Register reads of r15 give the architectural value (A32: insn + 8,
 *    T32: insn + 4) via load_reg; decoders never read cpu_R[15] directly.
 *  - Any write to r15 ends the TB (s->is_jmp != DISAS_NEXT).
 */
#ifndef MIMIC_ARM_TRANSLATE_H
#define MIMIC_ARM_TRANSLATE_H

#include <stdbool.h>
#include <stdint.h>
#include "../tcg/tcg-op.h"
#include "../tcg/tb.h"
#include "../tcg/translator.h"
#include "cpu.h"

/* How the TB ends after this instruction: DISAS_NEXT (fall through),
   DISAS_NORETURN (the exit was already emitted) and DISAS_TOO_MANY (TB
   full: chain to the next pc) come from tcg/translator.h. */
enum {
    DISAS_JUMP = DISAS_TARGET_0,   /* pc (cpu_R[15]) and thumb written: indirect lookup */
    DISAS_UPDATE = DISAS_TARGET_1, /* state changed (e.g. mode bits): store pc, lookup */
};

typedef struct DisasContext {
    DisasContextBase base; /* the generic loop's part (tcg/translator.h) */
    TranslationBlock *tb;
    uint32_t pc;          /* address of the instruction being translated */
    uint32_t pc_next;     /* address after it */
    uint32_t page_start;  /* guest page of the TB's first instruction */
    bool thumb;
    /* IT block state: condexec_cond is the condition of the current insn,
       condexec_mask the remaining mask (0 outside an IT block).
       Encoding (as QEMU): mask is 5 bits, bit 4 = low bit of the NEXT insn's
       condition.  The IT insn sets cond = firstcond & 0xe and
       mask = insn & 0x1f; the TB loop in translate.c advances the state after
       every Thumb insn and applies arm_skip_unless(cond) before each insn in
       a block (T32 must not do it again; doing so is harmless). */
    uint32_t condexec_cond;
    uint32_t condexec_mask;
    int is_jmp;
    /* Conditional execution: branch target for "condition failed". */
    bool condjmp;
    TCGLabel condlabel;
    int insn_count;
    /* Set while translate.c tries an instruction as predicated (compute,
       then movcond into the registers and flags): arm_skip_unless emits
       nothing. */
    bool no_skip;
} DisasContext;

/* Globals (registered in translate.c arm_tcg_init). */
extern TCGv_i32 cpu_R[16];
extern TCGv_i32 cpu_NF, cpu_ZF, cpu_CF, cpu_VF, cpu_QF, cpu_GE;
extern TCGv_i32 cpu_exclusive_addr, cpu_exclusive_val, cpu_exclusive_high;

/* TargetOps hooks (translate.c). */
void arm_tcg_init(void);
void arm_translate(TranslationBlock *tb, int max_insns);

/* Guest code fetch (little-endian). */
uint32_t arm_ldl_code(uint32_t addr);
uint16_t arm_lduw_code(uint32_t addr);

/* Per-ISA decoders: translate one instruction at s->pc, set s->pc_next. */
void arm_translate_a32(DisasContext *s, uint32_t insn);
void arm_translate_t32(DisasContext *s); /* fetches 16 or 32 bits itself */
/* VFP/coprocessor space: insn is the 32-bit encoding (for T32 with the
   top nibble as 0xE for the "unconditional" 0xEC-0xEF forms).  Returns
   false if undefined. */
bool arm_translate_vfp(DisasContext *s, uint32_t insn);
/* Registers d0-d31 as globals (translate-vfp.c); called by arm_tcg_init. */
void arm_vfp_tcg_init(void);

/* The value an instruction reads as r15: insn + 8 (A32) or + 4 (T32). */
static inline uint32_t arm_read_pc(const DisasContext *s)
{
    return s->pc + (s->thumb ? 4 : 8);
}

/* Field transforms for the generated decoders (*.decode "via"). */
static inline int times_2(DisasContext *s, int x) { return x * 2; }
static inline int times_4(DisasContext *s, int x) { return x * 4; }
static inline int negate(DisasContext *s, int x) { return -x; }

/* Registers. */
TCGv_i32 load_reg(DisasContext *s, int reg);         /* new temp */
/* The value of reg for reading only: the register global itself (or the pc
   constant), no copy.  Never write to it, and do not use it after a write to
   the register when the old value is wanted. */
TCGv_i32 reg_val(DisasContext *s, int reg);
void load_reg_into(DisasContext *s, TCGv_i32 dst, int reg);
void store_reg(DisasContext *s, int reg, TCGv_i32 v); /* r15: plain branch (BranchWritePC) */
void store_reg_bx(DisasContext *s, int reg, TCGv_i32 v);   /* ALUWritePC (interworks in A32) */
void store_reg_from_load(DisasContext *s, int reg, TCGv_i32 v); /* LoadWritePC (interworks) */
/* Address for PC-relative literal loads: Align(PC, 4) + imm. */
TCGv_i32 add_reg_for_lit(DisasContext *s, int reg, int ofs);

/* Branches. */
void gen_jmp(DisasContext *s, uint32_t dest);          /* direct, same state */
void gen_bx(DisasContext *s, TCGv_i32 addr);           /* interworking */
void gen_bx_im(DisasContext *s, uint32_t dest);        /* blx imm: switch state */

/* Exceptions: raise at this instruction (pc = s->pc). */
void gen_exception_insn(DisasContext *s, int excp);
void gen_undef(DisasContext *s);                       /* SIGILL */
void gen_svc(DisasContext *s, uint32_t imm);           /* syscall, pc = next */

/* Conditions: branch to label if condition cc (0..14) holds. */
void arm_gen_test_cc(int cc, TCGLabel label);
/* Conditional execution of this instruction: skip to s->condlabel if cc fails. */
void arm_skip_unless(DisasContext *s, int cc);

/* Flags. */
void gen_logic_CC(TCGv_i32 var);                        /* N, Z from var */
void gen_add_CC(TCGv_i32 dst, TCGv_i32 a, TCGv_i32 b);  /* dst = a + b, NZCV */
void gen_sub_CC(TCGv_i32 dst, TCGv_i32 a, TCGv_i32 b);  /* dst = a - b, NZCV */
void gen_adc(TCGv_i32 dst, TCGv_i32 a, TCGv_i32 b);     /* dst = a + b + C */
void gen_adc_CC(TCGv_i32 dst, TCGv_i32 a, TCGv_i32 b);
void gen_sbc(TCGv_i32 dst, TCGv_i32 a, TCGv_i32 b);     /* dst = a - b - !C */
void gen_sbc_CC(TCGv_i32 dst, TCGv_i32 a, TCGv_i32 b);

/* Shifter operands.  shiftop: 0 LSL, 1 LSR, 2 ASR, 3 ROR (imm 0 with ROR = RRX).
   set_cc: also write CF with the shifter carry-out (logical ops with S). */
void gen_shift_imm(TCGv_i32 var, int shiftop, int shift, bool set_cc);
void gen_shift_reg(TCGv_i32 var, int shiftop, TCGv_i32 shift, bool set_cc);
/* Modified immediate carry-out: CF = bit 31 of the value when rot != 0. */
void gen_set_CF_bit31(TCGv_i32 var);

/* Data processing, shared by A32 and T32.  op is the A32 opcode (0..15),
   with ARM_DP_ORN = 16 for T32 ORN.  op2 is consumed.  Writes rd (unless
   TST/TEQ/CMP/CMN); s->is_jmp is set if rd is r15. */
enum { ARM_DP_AND, ARM_DP_EOR, ARM_DP_SUB, ARM_DP_RSB, ARM_DP_ADD, ARM_DP_ADC,
       ARM_DP_SBC, ARM_DP_RSC, ARM_DP_TST, ARM_DP_TEQ, ARM_DP_CMP, ARM_DP_CMN,
       ARM_DP_ORR, ARM_DP_MOV, ARM_DP_BIC, ARM_DP_MVN, ARM_DP_ORN };
void gen_data_proc(DisasContext *s, int op, bool set_cc, int rd, int rn, TCGv_i32 op2);

/* Loads and stores with size/sign memop (MO_8 | MO_SIGN etc.). */
void gen_ld(DisasContext *s, TCGv_i32 val, TCGv_i32 addr, unsigned memop);
void gen_st(DisasContext *s, TCGv_i32 val, TCGv_i32 addr, unsigned memop);
/* ldm/stm family: rn base, register list, increment/before, writeback.
   Handles pc in the list (interworking load), rn in the list, and user-mode
   restrictions; used by A32 LDM/STM and T32 LDM/STM/PUSH/POP. */
void gen_ldm(DisasContext *s, int rn, uint32_t list, bool inc, bool before, bool wback);
void gen_stm(DisasContext *s, int rn, uint32_t list, bool inc, bool before, bool wback);

/* Exclusive access: size MO_8/16/32, or MO_64 with rt2. */
void gen_ldrex(DisasContext *s, int rt, int rt2, TCGv_i32 addr, unsigned size);
void gen_strex(DisasContext *s, int rd, int rt, int rt2, TCGv_i32 addr, unsigned size);
void gen_clrex(DisasContext *s);

/* Multiply family and media operations with more than a line of IR. */
void gen_mul_long(DisasContext *s, bool is_signed, bool accumulate, bool set_cc,
                  int rdlo, int rdhi, int rn, int rm);
void gen_umaal(DisasContext *s, int rdlo, int rdhi, int rn, int rm);
/* sat_imm is the raw encoding field (SSAT: saturate_to - 1; USAT:
   saturate_to); shift_type 0 = LSL, 1 = ASR (ASR #0 = #32). */
void gen_sat(DisasContext *s, bool is_unsigned, int rd, int sat_imm, int rn, int shift_type, int shift);
void gen_sat16(DisasContext *s, bool is_unsigned, int rd, int sat_imm, int rn);

/* MRS/MSR of the APSR: rd = NZCVQ, GE (plus the user mode bits 0x10);
   MSR writes NZCVQ if mask bit 1 (the _nzcvq field) and GE if mask bit 0
   (the _g field). */
void gen_mrs_apsr(DisasContext *s, int rd);
void gen_msr_apsr(DisasContext *s, TCGv_i32 v, int mask);

/* Coprocessor 15 reads that user mode may do (TPIDRURO, TPIDRUR W, ...). */
bool gen_mrc_p15(DisasContext *s, int opc1, int crn, int crm, int opc2, int rt);
bool gen_mcr_p15(DisasContext *s, int opc1, int crn, int crm, int opc2, int rt);

/* Runtime helpers (helper.c); env-first C functions called from IR. */
uint32_t helper_sdiv(uint32_t a, uint32_t b);
uint32_t helper_udiv(uint32_t a, uint32_t b);
uint32_t helper_add_saturate(CPUARMState *env, uint32_t a, uint32_t b);   /* qadd */
uint32_t helper_sub_saturate(CPUARMState *env, uint32_t a, uint32_t b);   /* qsub */
uint32_t helper_double_saturate(CPUARMState *env, uint32_t a);           /* qdadd part */
uint32_t helper_add_setq(CPUARMState *env, uint32_t a, uint32_t b);       /* smla* Q */
uint32_t helper_ssat(CPUARMState *env, uint32_t v, uint32_t sat);
uint32_t helper_usat(CPUARMState *env, uint32_t v, uint32_t sat);
uint32_t helper_ssat16(CPUARMState *env, uint32_t v, uint32_t sat);
uint32_t helper_usat16(CPUARMState *env, uint32_t v, uint32_t sat);
/* Parallel add/sub (uadd8 family): op selects the variant; GE written.
   op = A32 op1 (bits 22..20: 1 S, 2 Q, 3 SH, 5 U, 6 UQ, 7 UH) << 3
      | A32 op2 (bits 7..5: 0 ADD16, 1 ASX, 2 SAX, 3 SUB16, 4 ADD8, 7 SUB8). */
uint32_t helper_parallel(CPUARMState *env, uint32_t op, uint32_t a, uint32_t b);
uint32_t helper_sel(CPUARMState *env, uint32_t a, uint32_t b);
uint32_t helper_usad8(uint32_t a, uint32_t b);
uint32_t helper_rbit(uint32_t a);
/* Kuser helper page entry points (pc 0xffff0fa0/0fc0/0fe0). */
void helper_kuser(CPUARMState *env, uint32_t pc);

#endif
