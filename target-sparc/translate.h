/*
 * Shared by the SPARC translator files: the per-TB context, the IR globals
 * and the building blocks of the instruction semantics (translate.c), used
 * by the trans_* functions of translate-insn.c (integer) and
 * translate-fpu.c (floating point), which the generated decoder
 * (decode-insn.c.inc, from insn.decode) calls.
 *
 * pc and npc.  Inside a TB the pc of the instruction being translated is
 * always a translation-time constant (s->pc).  npc is one of:
 *   a constant (4-aligned): the usual case;
 *   SPARC_NPC_DYNAMIC: in the cpu_npc global (after jmpl, in its delay slot);
 *   SPARC_NPC_JUMP: a conditional branch's delay slot: npc is s->jump_target
 *     if cpu_cond != 0, else s->pc + 4.
 * insn_start records (pc, npc or the marker, jump target), and
 * restore_state rebuilds npc from them.  The TB ends whenever the next pc
 * is not the sequential successor, so a TB holds straight-line code.
 */
#ifndef MIMIC_SPARC_TRANSLATE_H
#define MIMIC_SPARC_TRANSLATE_H

#include <stdbool.h>
#include <stdint.h>
#include "../tcg/tcg-op.h"
#include "../tcg/tb.h"
#include "../tcg/translator.h"
#include "cpu.h"

enum {
    DISAS_JUMP = DISAS_TARGET_0, /* cpu_pc and cpu_npc written: indirect lookup */
    DISAS_EXIT = DISAS_TARGET_1, /* static (pc, npc) not sequential: goto_tb */
};

/* A branch condition as a comparison: true when a cond b, on I32 (is64
   false) or I64 temps that nothing writes after the compare is made (the
   delay slot may change the registers it came from); low32: a and b are
   I64, compared as I32 on their low halves (taken when the comparison is
   used, so that a delay slot between keeps no I32 copies busy).  b may
   be a constant. */
typedef struct DisasCompare {
    TCGCond cond;
    bool is64, low32;
    TCGv a, b;
} DisasCompare;

typedef struct DisasContext {
    DisasContextBase base;
    TranslationBlock *tb;
    uint32_t pc;          /* the instruction being translated */
    uint32_t npc;         /* constant, SPARC_NPC_DYNAMIC or SPARC_NPC_JUMP */
    uint32_t jump_target; /* SPARC_NPC_JUMP: the taken npc */
    bool pc_moved;        /* the CTI set s->pc/s->npc itself */
    /* goto_tb slot 1 is taken (an annulled branch's not-taken exit): the
       TB ends after the next instruction (the delay slot), so no later
       exit uses slot 1 again. */
    bool end_after_next;
    /* The jmpl whose delay slot ends the block is a return (ret/retl:
       jmpl %i7+8 or %o7+8, %g0): the exit checks the return prediction. */
    bool is_ret;
    /* npc == SPARC_NPC_JUMP: the delayed branch's outcome. */
    DisasCompare cmp;
    int is_jmp;
    /* What the cc_op global holds at this point of the TB (SPARC_CC_*), or
       SPARC_CC_DYNAMIC (unknown: TB start, after a helper that sets flags). */
    int cc_op;
    /* cc_op SPARC_CC_ADD or SPARC_CC_SUB (set in this block): the first
       operand of the addcc/subcc (env has only cc_N and cc_b). */
    TCGv_i64 cc_a;
} DisasContext;

#define SPARC_CC_DYNAMIC (-1)

extern TCGv_i64 cpu_regs[32];
extern TCGv_i64 cpu_cc_N, cpu_icc_Z, cpu_xcc_Z, cpu_cc_b;
extern TCGv_i32 cpu_pc, cpu_npc, cpu_y, cpu_cond, cpu_sparc_cc_op;
extern TCGv_i64 cpu_fpr[32];

void sparc_tcg_init(void);
void sparc_translate(TranslationBlock *tb, int max_insns);
void sparc_fpu_tcg_init(void);
bool sparc_decode(DisasContext *s, uint32_t insn); /* translate-insn.c */
/* flagkill.c: TargetOps.flags_killed, and its flag masks (after the globals). */
void sparc_flagkill_init(void);
/* insn cannot fault, trap, branch, call a helper or read the condition codes. */
bool sparc_insn_simple(uint32_t insn);
uint32_t sparc_flags_killed(const uint8_t *code, uint32_t avail, uint32_t pc, uint32_t cs_base, uint32_t flags,
                            uint32_t *used);

/* Field transforms of insn.decode. */
static inline int times_4(DisasContext *s, int x) { return x * 4; }

/* Registers: the value of r (the constant 0 for %g0; never write to it). */
TCGv_i64 gen_reg(int r);
void gen_store_reg(int r, TCGv_i64 v);  /* %g0: discarded */
/* Operand 2: simm13 (sign-extended) or rs2. */
TCGv_i64 gen_op2(int i, int rs2, int imm);

/* Condition of Bicc/BPcc/Tcc/movcc: cond (0..15) on icc (xcc false) or
   xcc, into a 0/1 I32 temp. */
TCGv_i32 gen_icond(DisasContext *s, int cond, bool xcc);
/* The same as a comparison (the operands of the last subcc or the
   result of a logical cc op, compared directly, when cc_op is known). */
void gen_icmp(DisasContext *s, DisasCompare *c, int cond, bool xcc);
/* A 0/1 I32 value as a comparison (!= 0). */
void gen_cmp_of_value(DisasCompare *c, TCGv_i32 v);
/* The comparison's outcome as a 0/1 I32 temp. */
TCGv_i32 gen_cmp_value(const DisasCompare *c);
/* Branch to l when the comparison holds (inv: when it does not). */
void gen_cmp_brcond(const DisasCompare *c, bool inv, TCGLabel l);
/* Float condition (FBfcc) cond on fcc[n]. */
TCGv_i32 gen_fcond(DisasContext *s, int cond, int n);

/* Flags (lazy V and C: cpu.h). */
void gen_cc_logic(DisasContext *s, TCGv_i64 res);
void gen_cc_add(DisasContext *s, TCGv_i64 res, TCGv_i64 a, TCGv_i64 b);
void gen_cc_sub(DisasContext *s, TCGv_i64 res, TCGv_i64 a, TCGv_i64 b);
/* The same, and register rd (not %g0) = res, N and Z then read from rd. */
void gen_cc_logic_rd(DisasContext *s, TCGv_i64 res, int rd);
void gen_cc_add_rd(DisasContext *s, TCGv_i64 res, TCGv_i64 a, TCGv_i64 b, int rd);
void gen_cc_sub_rd(DisasContext *s, TCGv_i64 res, TCGv_i64 a, TCGv_i64 b, int rd);
/* The same with a carry / borrow in (addxcc, subxcc): computed at once. */
void gen_cc_addc(DisasContext *s, TCGv_i64 res, TCGv_i64 a, TCGv_i64 b);
void gen_cc_subc(DisasContext *s, TCGv_i64 res, TCGv_i64 a, TCGv_i64 b);
/* V (bits 31, 63) and icc.C / xcc.C (0/1) of the current flags. */
TCGv_i64 gen_cc_V(DisasContext *s);
TCGv_i64 gen_cc_C(DisasContext *s, bool xcc);
/* Make env's cc_V/icc_C/xcc_C current (SPARC_CC_FLAGS). */
void gen_cc_flags(DisasContext *s);
/* After a helper that may have set the flags: cc_op unknown. */
void gen_cc_changed(DisasContext *s);

/* Control transfer.  cmp: the condition, or COND_ALWAYS; never: bn. */
#define COND_ALWAYS ((const DisasCompare *)0)
void gen_branch(DisasContext *s, const DisasCompare *cmp, bool never, bool annul, uint32_t target);
/* npc into cpu_npc when it is not a constant (before a CTI in a delay slot). */
void gen_npc_to_env(DisasContext *s);
/* Store pc = this instruction and npc (exceptions at this instruction). */
void gen_save_state(DisasContext *s);
/* A signal at this instruction (SIGILL etc. through the exec loop). */
void gen_exception(DisasContext *s, int excp);
void gen_illegal(DisasContext *s);
/* jmpl / return: the next npc is dynamic (addr, 32-bit). */
void gen_jump_dynamic(DisasContext *s, TCGv_i64 addr);

/* Runtime helpers (helper.c). */
void helper_sparc_save(CPUSPARCState *env);
void helper_sparc_restore(CPUSPARCState *env);
void helper_sparc_flushw(CPUSPARCState *env);
uint64_t helper_sparc_udiv(CPUSPARCState *env, uint64_t a, uint64_t b);
uint64_t helper_sparc_sdiv(CPUSPARCState *env, uint64_t a, uint64_t b);
uint64_t helper_sparc_udiv_cc(CPUSPARCState *env, uint64_t a, uint64_t b);
uint64_t helper_sparc_sdiv_cc(CPUSPARCState *env, uint64_t a, uint64_t b);
uint64_t helper_sparc_udivx(CPUSPARCState *env, uint64_t a, uint64_t b);
uint64_t helper_sparc_sdivx(CPUSPARCState *env, uint64_t a, uint64_t b);
uint64_t helper_sparc_popc(uint64_t a);
uint64_t helper_sparc_rdccr(CPUSPARCState *env);
void helper_sparc_cc_vc(CPUSPARCState *env);
void helper_sparc_wrccr(CPUSPARCState *env, uint64_t v);
uint64_t helper_sparc_rdtick(CPUSPARCState *env);
void helper_sparc_raise(CPUSPARCState *env, uint32_t sig, uint32_t code);
void helper_sparc_trap(CPUSPARCState *env, uint32_t tn);

#endif
