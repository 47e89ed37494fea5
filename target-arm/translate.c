/*
 * ARM front end: the TB translation loop and the instruction semantics that
 * the A32 and T32 decoders share (target-arm/translate.h).
 *
 * Guest state model (cpu.h): r0..r15, the split flags NF/ZF/CF/VF, QF and GE
 * are IR globals.  r15 in env is only meaningful at TB boundaries and
 * exceptions: inside a TB the pc is a translation-time constant (s->pc), and
 * every exit stores it (the exit protocol: at every TB entry env is fully
 * consistent, including env->thumb and env->condexec, except that a chained
 * goto_tb skips the pc store: the env->regs[15] a TB sees on entry is stale
 * until it leaves; its exit-request stub stores tb->pc).
 *
 * IT-block state (Thumb only), same convention as the CPSR IT bits:
 *   s->condexec_cond  the condition of the current instruction (4 bits)
 *   s->condexec_mask  5 bits: bit 4 is the low bit of the NEXT instruction's
 *                     condition, the rest is the remaining mask; 0 outside
 *                     an IT block.
 *   ITSTATE (TB flags bits 8..15, env->condexec, insn_start extra word)
 *                   = cond << 4 | mask >> 1.
 * The IT instruction itself sets cond = firstcond & 0xe and
 * mask = firstcond[0]:mask[3:0] (insn bits 4..0); the loop below then
 * advances the state after every Thumb instruction, IT included, and makes
 * each instruction inside a block conditional (arm_skip_unless) before
 * calling the T32 decoder.
 */
#include <stdlib.h>
#include <string.h>

#include "include/guest.h"
#include "target-arm/translate.h"

TCGv_i32 cpu_R[16];
TCGv_i32 cpu_NF, cpu_ZF, cpu_CF, cpu_VF, cpu_QF, cpu_GE;
TCGv_i32 cpu_exclusive_addr, cpu_exclusive_val, cpu_exclusive_high;

/* The IT state this TB starts in.  It is part of the TB key, which is
   computed from env, so env->condexec holds exactly this value on entry and
   an exit only has to store the IT state when it is a different one. */
static uint32_t entry_itstate;

void arm_tcg_init(void)
{
    static const char *const names[16] = {
        "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
        "r8", "r9", "r10", "r11", "r12", "sp", "lr", "pc",
    };
    for (int i = 0; i < 16; i++) {
        cpu_R[i] = tcg_global_mem_new(TCG_I32, ARM_OFF(regs[i]), names[i]);
    }
    cpu_NF = tcg_global_mem_new(TCG_I32, ARM_OFF(NF), "NF");
    cpu_ZF = tcg_global_mem_new(TCG_I32, ARM_OFF(ZF), "ZF");
    cpu_CF = tcg_global_mem_new(TCG_I32, ARM_OFF(CF), "CF");
    cpu_VF = tcg_global_mem_new(TCG_I32, ARM_OFF(VF), "VF");
    cpu_QF = tcg_global_mem_new(TCG_I32, ARM_OFF(QF), "QF");
    cpu_GE = tcg_global_mem_new(TCG_I32, ARM_OFF(GE), "GE");
    cpu_exclusive_addr = tcg_global_mem_new(TCG_I32, ARM_OFF(exclusive_addr), "excl_addr");
    cpu_exclusive_val = tcg_global_mem_new(TCG_I32, ARM_OFF(exclusive_val), "excl_val");
    cpu_exclusive_high = tcg_global_mem_new(TCG_I32, ARM_OFF(exclusive_high), "excl_high");
    arm_vfp_tcg_init();
    arm_flagkill_init();
    /* The TB key of cpu.c arm_tb_key, for lookup_and_goto's inline probe. */
    tcg_jump_key = (TCGJumpKey){
        .pc_off = ARM_OFF(regs[15]),
        .cs_base_off = -1,
        .nb_terms = 2,
        .term = { { ARM_OFF(thumb), 1, 0 }, { ARM_OFF(condexec), 0xff, ARM_TBFLAG_CONDEXEC_SHIFT } },
    };
}

/* ---- Code fetch -------------------------------------------------------- */

/* Re-reads of instruction bytes that arm_translate_insn has already
   fetched through translator_ld* (which checks the page and raises the
   fetch fault): the decoders read the instruction again from here. */
uint32_t arm_ldl_code(uint32_t addr)
{
    uint32_t v;
    memcpy(&v, g2h(addr), 4);
    return v;
}

uint16_t arm_lduw_code(uint32_t addr)
{
    uint16_t v;
    memcpy(&v, g2h(addr), 2);
    return v;
}

/* ---- IT state ------------------------------------------------------------ */

static uint32_t itstate_of(uint32_t cond, uint32_t mask)
{
    return mask ? (cond << 4 | mask >> 1) : 0;
}

/* ITSTATE after the current instruction. */
static uint32_t itstate_after(const DisasContext *s)
{
    uint32_t cond = s->condexec_cond, mask = s->condexec_mask;
    if (!mask) {
        return 0;
    }
    cond = (cond & 0xe) | ((mask >> 4) & 1);
    mask = (mask << 1) & 0x1f;
    return itstate_of(cond, mask);
}

static void gen_store_condexec(const DisasContext *s, uint32_t itstate)
{
    if (!s->thumb || itstate == entry_itstate) {
        return;
    }
    tcg_gen_st_i32(tcg_constant_i32(itstate), ARM_OFF(condexec));
}

/* ---- Registers ---------------------------------------------------------- */

static uint32_t read_pc(const DisasContext *s)
{
    return s->pc + (s->thumb ? 4 : 8);
}

void load_reg_into(DisasContext *s, TCGv_i32 dst, int reg)
{
    if (reg == 15) {
        tcg_gen_movi_i32(dst, read_pc(s));
    } else {
        tcg_gen_mov_i32(dst, cpu_R[reg]);
    }
}

TCGv_i32 load_reg(DisasContext *s, int reg)
{
    TCGv_i32 t = tcg_temp_new_i32();
    load_reg_into(s, t, reg);
    return t;
}

TCGv_i32 reg_val(DisasContext *s, int reg)
{
    return reg == 15 ? tcg_constant_i32(read_pc(s)) : cpu_R[reg];
}

TCGv_i32 add_reg_for_lit(DisasContext *s, int reg, int ofs)
{
    TCGv_i32 t = tcg_temp_new_i32();
    if (reg == 15) {
        tcg_gen_movi_i32(t, (read_pc(s) & ~3u) + (uint32_t)ofs);
    } else {
        tcg_gen_addi_i32(t, cpu_R[reg], (uint32_t)ofs);
    }
    return t;
}

void store_reg(DisasContext *s, int reg, TCGv_i32 v)
{
    if (reg == 15) {
        /* BranchWritePC: the state does not change. */
        tcg_gen_andi_i32(cpu_R[15], v, s->thumb ? ~1u : ~3u);
        s->is_jmp = DISAS_JUMP;
    } else {
        tcg_gen_mov_i32(cpu_R[reg], v);
    }
}

void store_reg_bx(DisasContext *s, int reg, TCGv_i32 v)
{
    if (reg == 15 && !s->thumb) {
        gen_bx(s, v); /* ALUWritePC interworks in ARM state */
    } else {
        store_reg(s, reg, v);
    }
}

void store_reg_from_load(DisasContext *s, int reg, TCGv_i32 v)
{
    if (reg == 15) {
        gen_bx(s, v); /* LoadWritePC */
    } else {
        store_reg(s, reg, v);
    }
}

/* ---- Branches and TB exits ------------------------------------------------ */

/* Leave the TB for a static destination through goto_tb slot n.  The pc is
   stored only on the unchained path after goto_tb: a chained jump goes
   straight to the next TB, whose exit-request stub stores its own pc
   (tcg/README.md, "Leaving the TB").  The rest of the next TB's key (thumb,
   condexec) is not known to that stub, so changes to it are stored before
   goto_tb (gen_bx_im stores the thumb bit itself). */
static void gen_goto_tb_key(DisasContext *s, int n, uint32_t dest, uint32_t thumb)
{
    uint32_t it = itstate_after(s);
    gen_store_condexec(s, it);
    if (translator_jump(&s->base, dest, 0, (thumb ? ARM_TBFLAG_THUMB : 0) | it << ARM_TBFLAG_CONDEXEC_SHIFT))
        return;
    tcg_gen_goto_tb(n);
    tcg_gen_movi_i32(cpu_R[15], dest);
    tcg_gen_exit_tb(s->tb, n);
}

static void gen_goto_tb(DisasContext *s, int n, uint32_t dest) { gen_goto_tb_key(s, n, dest, s->thumb); }

void gen_jmp(DisasContext *s, uint32_t dest)
{
    gen_goto_tb(s, 0, dest);
    s->is_jmp = DISAS_NORETURN;
}

void gen_bx(DisasContext *s, TCGv_i32 addr)
{
    TCGv_i32 t = tcg_temp_new_i32();
    TCGv_i32 pc = tcg_temp_new_i32();
    tcg_gen_andi_i32(t, addr, 1);
    tcg_gen_st_i32(t, ARM_OFF(thumb));
    /* pc = addr & ~1, and also clear bit 1 when going to ARM state. */
    tcg_gen_xori_i32(t, t, 1);
    tcg_gen_shli_i32(t, t, 1);
    tcg_gen_ori_i32(t, t, 1);
    tcg_gen_andc_i32(pc, addr, t);
    tcg_gen_mov_i32(cpu_R[15], pc);
    s->is_jmp = DISAS_JUMP;
}

/* A call (bl, blx): its return address, the next instruction in this
   state, is pushed for return prediction (tcg/README.md).  A return from
   inside an IT block is not possible (a branch must be its last
   instruction), so the IT state there is itstate_after. */
void gen_ret_push(DisasContext *s)
{
    uint32_t flags = (s->thumb ? ARM_TBFLAG_THUMB : 0) | itstate_after(s) << ARM_TBFLAG_CONDEXEC_SHIFT;
    tcg_gen_ret_push(s->pc_next, 0, flags);
}

void gen_bx_im(DisasContext *s, uint32_t dest)
{
    uint32_t to_thumb = !s->thumb;
    tcg_gen_st_i32(tcg_constant_i32(to_thumb), ARM_OFF(thumb));
    gen_goto_tb_key(s, 0, to_thumb ? dest & ~1u : dest & ~3u, to_thumb);
    s->is_jmp = DISAS_NORETURN;
}

void gen_exception_insn(DisasContext *s, int excp)
{
    tcg_gen_movi_i32(cpu_R[15], s->pc);
    gen_store_condexec(s, itstate_of(s->condexec_cond, s->condexec_mask));
    tcg_gen_st_i32(tcg_constant_i32((uint32_t)excp), ARM_OFF(common.exception));
    tcg_gen_exit_tb(NULL, 0);
    s->is_jmp = DISAS_NORETURN;
}

void gen_unaligned_unless(DisasContext *s, TCGv_i32 addr, uint32_t align)
{
    TCGLabel ok = gen_new_label();
    TCGv_i32 t = tcg_temp_new_i32();
    int is_jmp = s->is_jmp;
    tcg_gen_andi_i32(t, addr, align - 1);
    tcg_gen_brcondi_i32(TCG_COND_EQ, t, 0, ok);
    tcg_gen_st_i32(addr, ARM_OFF(common.exception_arg));
    gen_exception_insn(s, EXCP_UNALIGNED);
    s->is_jmp = is_jmp; /* the aligned path goes on */
    gen_set_label(ok);
}

void gen_undef(DisasContext *s)
{
    gen_exception_insn(s, EXCP_UDEF);
}

void gen_svc(DisasContext *s, uint32_t imm)
{
    tcg_gen_movi_i32(cpu_R[15], s->pc_next);
    gen_store_condexec(s, itstate_after(s));
    tcg_gen_st_i32(tcg_constant_i32(imm), ARM_OFF(common.exception_arg));
    tcg_gen_st_i32(tcg_constant_i32(EXCP_SYSCALL), ARM_OFF(common.exception));
    tcg_gen_exit_tb(NULL, 0);
    s->is_jmp = DISAS_NORETURN;
}

/* ---- Conditions ------------------------------------------------------------ */

void arm_gen_test_cc(int cc, TCGLabel label)
{
    TCGv_i32 t;
    TCGv_i32 zero = tcg_constant_i32(0);

    switch (cc) {
    case 0: /* EQ: Z */
    case 1: /* NE */
        tcg_gen_brcond_i32(cc == 0 ? TCG_COND_EQ : TCG_COND_NE, cpu_ZF, zero, label);
        break;
    case 2: /* CS: C */
    case 3: /* CC */
        tcg_gen_brcond_i32(cc == 2 ? TCG_COND_NE : TCG_COND_EQ, cpu_CF, zero, label);
        break;
    case 4: /* MI: N */
    case 5: /* PL */
        tcg_gen_brcond_i32(cc == 4 ? TCG_COND_LT : TCG_COND_GE, cpu_NF, zero, label);
        break;
    case 6: /* VS: V */
    case 7: /* VC */
        tcg_gen_brcond_i32(cc == 6 ? TCG_COND_LT : TCG_COND_GE, cpu_VF, zero, label);
        break;
    case 8: /* HI: C && !Z  <=>  (-CF & ZF) != 0 */
    case 9: /* LS */
        t = tcg_temp_new_i32();
        tcg_gen_neg_i32(t, cpu_CF);
        tcg_gen_and_i32(t, t, cpu_ZF);
        tcg_gen_brcond_i32(cc == 8 ? TCG_COND_NE : TCG_COND_EQ, t, zero, label);
        break;
    case 10: /* GE: N == V */
    case 11: /* LT */
        t = tcg_temp_new_i32();
        tcg_gen_xor_i32(t, cpu_NF, cpu_VF);
        tcg_gen_brcond_i32(cc == 10 ? TCG_COND_GE : TCG_COND_LT, t, zero, label);
        break;
    case 12: /* GT: !Z && N == V  <=>  (ZF & ~((NF ^ VF) >> 31 arith)) != 0 */
    case 13: /* LE */
        t = tcg_temp_new_i32();
        tcg_gen_xor_i32(t, cpu_NF, cpu_VF);
        tcg_gen_sari_i32(t, t, 31);
        tcg_gen_andc_i32(t, cpu_ZF, t);
        tcg_gen_brcond_i32(cc == 12 ? TCG_COND_NE : TCG_COND_EQ, t, zero, label);
        break;
    case 14: /* AL */
        tcg_gen_br(label);
        break;
    default:
        abort();
    }
}

/* Compare-and-branch fusion.  A condition tested right after a flag-setting
   subtraction a - b (cmp, subs, rsbs ... with the result not in a or b), with
   nothing but the next instruction's insn_start in between, compares a and
   b themselves: `cmp r1, r2; bgt` becomes one host compare and jump
   instead of a test of NF, ZF, VF.  The flags are still computed (liveness
   drops them when nothing reads them).  last_sub is valid for the block
   (block_serial, bumped per block) and the op position it was recorded at. */
static struct {
    TCGv_i32 a, b;
    int end_op;
    unsigned serial;
} last_sub;
static unsigned block_serial = 1;

static void note_sub(TCGv_i32 a, TCGv_i32 b)
{
    last_sub.a = a;
    last_sub.b = b;
    last_sub.end_op = tcg_ctx.nb_ops;
    last_sub.serial = block_serial;
}

/* The TCG condition on (a, b) of ARM condition cc after a - b, or -1 (MI,
   PL, VS, VC depend on the difference itself). */
static const int8_t sub_cond[14] = {
    TCG_COND_EQ, TCG_COND_NE, TCG_COND_GEU, TCG_COND_LTU, -1, -1, -1, -1,
    TCG_COND_GTU, TCG_COND_LEU, TCG_COND_GE, TCG_COND_LT, TCG_COND_GT, TCG_COND_LE,
};

/* Branch to label when cc holds, from the operands of the subtraction that
   set the flags just before, if there is one: false when not fusable. */
static bool fused_test_cc(int cc, TCGLabel label)
{
    if (last_sub.serial != block_serial || cc >= 14 || sub_cond[cc] < 0) {
        return false;
    }
    for (int i = last_sub.end_op; i < tcg_ctx.nb_ops; i++) {
        if (tcg_ctx.ops[i].opc != INDEX_op_insn_start) {
            return false;
        }
    }
    tcg_gen_brcond_i32((TCGCond)sub_cond[cc], last_sub.a, last_sub.b, label);
    return true;
}

/* Calling this twice for one instruction skips unless both conditions hold. */
void arm_skip_unless(DisasContext *s, int cc)
{
    if (cc == 14 || s->no_skip) {
        return;
    }
    if (!s->condjmp) {
        s->condlabel = gen_new_label();
        s->condjmp = true;
    }
    if (!fused_test_cc(cc ^ 1, s->condlabel)) {
        arm_gen_test_cc(cc ^ 1, s->condlabel);
    }
}

/* ---- Flags ------------------------------------------------------------------ */

void gen_logic_CC(TCGv_i32 var)
{
    tcg_gen_mov_i32(cpu_NF, var);
    tcg_gen_mov_i32(cpu_ZF, var);
}

/* NF = ZF = res; VF = (res ^ a) & ~(a ^ b) for additions of a and b. */
static void gen_add_vflag(TCGv_i32 res, TCGv_i32 a, TCGv_i32 b)
{
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_xor_i32(cpu_VF, res, a);
    tcg_gen_xor_i32(t, a, b);
    tcg_gen_andc_i32(cpu_VF, cpu_VF, t);
    tcg_gen_mov_i32(cpu_NF, res);
    tcg_gen_mov_i32(cpu_ZF, res);
}

/* The temp a flag-setting op computes its result in: dst itself unless dst
   is also an input (the inputs are read again after the result is known). */
static TCGv_i32 cc_result(TCGv_i32 dst, TCGv_i32 a, TCGv_i32 b)
{
    return dst != a && dst != b ? dst : tcg_temp_new_i32();
}

void gen_add_CC(TCGv_i32 dst, TCGv_i32 a, TCGv_i32 b)
{
    TCGv_i32 res = cc_result(dst, a, b);
    tcg_gen_add_i32(res, a, b);
    tcg_gen_setcond_i32(TCG_COND_LTU, cpu_CF, res, a);
    tcg_gen_addv_i32(cpu_VF, a, b);
    tcg_gen_mov_i32(cpu_NF, res);
    tcg_gen_mov_i32(cpu_ZF, res);
    if (res != dst) {
        tcg_gen_mov_i32(dst, res);
    }
}

void gen_sub_CC(TCGv_i32 dst, TCGv_i32 a, TCGv_i32 b)
{
    TCGv_i32 res = cc_result(dst, a, b);
    tcg_gen_sub_i32(res, a, b);
    tcg_gen_setcond_i32(TCG_COND_GEU, cpu_CF, a, b);
    tcg_gen_subv_i32(cpu_VF, a, b);
    tcg_gen_mov_i32(cpu_NF, res);
    tcg_gen_mov_i32(cpu_ZF, res);
    if (res != dst) {
        tcg_gen_mov_i32(dst, res);
    }
    if (dst != a && dst != b) {
        note_sub(a, b); /* a and b still hold the operands */
    }
}

void gen_adc(TCGv_i32 dst, TCGv_i32 a, TCGv_i32 b)
{
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_add_i32(t, a, b);
    tcg_gen_add_i32(dst, t, cpu_CF);
}

void gen_adc_CC(TCGv_i32 dst, TCGv_i32 a, TCGv_i32 b)
{
    TCGv_i64 a64 = tcg_temp_new_i64(), b64 = tcg_temp_new_i64(), c64 = tcg_temp_new_i64();
    TCGv_i32 res = tcg_temp_new_i32();
    tcg_gen_extu_i32_i64(a64, a);
    tcg_gen_extu_i32_i64(b64, b);
    tcg_gen_extu_i32_i64(c64, cpu_CF);
    tcg_gen_add_i64(a64, a64, b64);
    tcg_gen_add_i64(a64, a64, c64);
    tcg_gen_extrl_i64_i32(res, a64);
    tcg_gen_extrh_i64_i32(cpu_CF, a64);
    gen_add_vflag(res, a, b);
    tcg_gen_mov_i32(dst, res);
}

void gen_sbc(TCGv_i32 dst, TCGv_i32 a, TCGv_i32 b)
{
    /* a - b - !C = a + ~b + C */
    TCGv_i32 nb = tcg_temp_new_i32();
    tcg_gen_not_i32(nb, b);
    gen_adc(dst, a, nb);
}

void gen_sbc_CC(TCGv_i32 dst, TCGv_i32 a, TCGv_i32 b)
{
    TCGv_i32 nb = tcg_temp_new_i32();
    tcg_gen_not_i32(nb, b);
    gen_adc_CC(dst, a, nb);
}

void gen_set_CF_bit31(TCGv_i32 var)
{
    tcg_gen_shri_i32(cpu_CF, var, 31);
}

/* ---- Shifter ------------------------------------------------------------------ */

void gen_shift_imm(TCGv_i32 var, int shiftop, int shift, bool set_cc)
{
    switch (shiftop) {
    case 0: /* LSL */
        if (shift == 0) {
            return;
        }
        if (set_cc) {
            tcg_gen_extract_i32(cpu_CF, var, 32 - shift, 1);
        }
        tcg_gen_shli_i32(var, var, shift);
        return;
    case 1: /* LSR; #0 encodes #32 */
        if (shift == 0) {
            if (set_cc) {
                tcg_gen_shri_i32(cpu_CF, var, 31);
            }
            tcg_gen_movi_i32(var, 0);
        } else {
            if (set_cc) {
                tcg_gen_extract_i32(cpu_CF, var, shift - 1, 1);
            }
            tcg_gen_shri_i32(var, var, shift);
        }
        return;
    case 2: /* ASR; #0 encodes #32 */
        if (shift == 0) {
            shift = 32;
        }
        if (set_cc) {
            tcg_gen_extract_i32(cpu_CF, var, shift - 1, 1);
        }
        tcg_gen_sari_i32(var, var, shift == 32 ? 31 : shift);
        return;
    case 3: /* ROR; #0 encodes RRX */
        if (shift == 0) {
            TCGv_i32 t = tcg_temp_new_i32();
            tcg_gen_shli_i32(t, cpu_CF, 31);
            if (set_cc) {
                tcg_gen_andi_i32(cpu_CF, var, 1);
            }
            tcg_gen_shri_i32(var, var, 1);
            tcg_gen_or_i32(var, var, t);
        } else {
            if (set_cc) {
                tcg_gen_extract_i32(cpu_CF, var, shift - 1, 1);
            }
            tcg_gen_rotri_i32(var, var, shift);
        }
        return;
    }
    abort();
}

/*
 * Shift by register: the amount is the bottom byte of `shift`.  Done in 64
 * bits with the amount clamped (to 33 for LSL/LSR, 32 for ASR), which gives
 * the results and carries for 32 and above without branches.  An amount of
 * 0 leaves the carry unchanged.
 */
void gen_shift_reg(TCGv_i32 var, int shiftop, TCGv_i32 shift, bool set_cc)
{
    TCGv_i32 amt = tcg_temp_new_i32();
    TCGv_i32 zero = tcg_constant_i32(0);
    TCGv_i32 carry = tcg_temp_new_i32();
    tcg_gen_andi_i32(amt, shift, 0xff);

    if (shiftop == 3) { /* ROR */
        TCGv_i32 r = tcg_temp_new_i32();
        tcg_gen_rotr_i32(r, var, amt); /* count is mod 32 */
        if (set_cc) {
            tcg_gen_shri_i32(carry, r, 31);
            tcg_gen_movcond_i32(TCG_COND_EQ, cpu_CF, amt, zero, cpu_CF, carry);
        }
        tcg_gen_mov_i32(var, r);
        return;
    }

    TCGv_i32 lim = tcg_constant_i32(shiftop == 2 ? 32 : 33);
    TCGv_i32 a = tcg_temp_new_i32();
    TCGv_i64 a64 = tcg_temp_new_i64(), v64 = tcg_temp_new_i64(), r64 = tcg_temp_new_i64();
    tcg_gen_movcond_i32(TCG_COND_GTU, a, amt, lim, lim, amt);
    tcg_gen_extu_i32_i64(a64, a);

    switch (shiftop) {
    case 0: /* LSL: result = low(v << a), carry = bit 32 of (v << a) */
        tcg_gen_extu_i32_i64(v64, var);
        tcg_gen_shl_i64(r64, v64, a64);
        tcg_gen_extrl_i64_i32(var, r64);
        if (set_cc) {
            tcg_gen_extrh_i64_i32(carry, r64);
            tcg_gen_andi_i32(carry, carry, 1);
        }
        break;
    case 1: /* LSR: result = low(v >> a), carry = bit 0 of ((v << 1) >> a) */
    case 2: /* ASR: the same with a sign-extended v and arithmetic shifts */
        if (shiftop == 1) {
            tcg_gen_extu_i32_i64(v64, var);
        } else {
            tcg_gen_ext_i32_i64(v64, var);
        }
        if (set_cc) {
            TCGv_i64 c64 = tcg_temp_new_i64();
            tcg_gen_shli_i64(c64, v64, 1);
            if (shiftop == 1) {
                tcg_gen_shr_i64(c64, c64, a64);
            } else {
                tcg_gen_sar_i64(c64, c64, a64);
            }
            tcg_gen_extrl_i64_i32(carry, c64);
            tcg_gen_andi_i32(carry, carry, 1);
        }
        if (shiftop == 1) {
            tcg_gen_shr_i64(r64, v64, a64);
        } else {
            tcg_gen_sar_i64(r64, v64, a64);
        }
        tcg_gen_extrl_i64_i32(var, r64);
        break;
    default:
        abort();
    }
    if (set_cc) {
        tcg_gen_movcond_i32(TCG_COND_EQ, cpu_CF, amt, zero, cpu_CF, carry);
    }
}

/* ---- Data processing ------------------------------------------------------------ */

void gen_data_proc(DisasContext *s, int op, bool set_cc, int rd, int rn, TCGv_i32 op2)
{
    bool is_test = op >= ARM_DP_TST && op <= ARM_DP_CMN;
    bool logical = false;
    /* MOV needs no copy: op2 is never written here.  Other results go
       straight to Rd (not the pc): every sequence below reads its inputs
       before or in the op that writes the result, or (the flag-setting
       ones, see cc_result) uses a temp when Rd is also an input. */
    TCGv_i32 res = op == ARM_DP_MOV ? op2
                   : (rd != 15 && !is_test) ? cpu_R[rd] : tcg_temp_new_i32();
    TCGv_i32 a = 0;

    if (set_cc && rd == 15 && !is_test) {
        gen_undef(s); /* SUBS pc, lr etc.: exception return, not in user mode */
        return;
    }
    if (op != ARM_DP_MOV && op != ARM_DP_MVN) {
        a = reg_val(s, rn); /* only read, and before rd is written */
    }
    switch (op) {
    case ARM_DP_AND:
    case ARM_DP_TST:
        tcg_gen_and_i32(res, a, op2);
        logical = true;
        break;
    case ARM_DP_EOR:
    case ARM_DP_TEQ:
        tcg_gen_xor_i32(res, a, op2);
        logical = true;
        break;
    case ARM_DP_ORR:
        tcg_gen_or_i32(res, a, op2);
        logical = true;
        break;
    case ARM_DP_ORN: {
        TCGv_i32 t = tcg_temp_new_i32();
        tcg_gen_not_i32(t, op2);
        tcg_gen_or_i32(res, a, t);
        logical = true;
        break;
    }
    case ARM_DP_BIC:
        tcg_gen_andc_i32(res, a, op2);
        logical = true;
        break;
    case ARM_DP_MOV:
        logical = true; /* res is op2 */
        break;
    case ARM_DP_MVN:
        tcg_gen_not_i32(res, op2);
        logical = true;
        break;
    case ARM_DP_SUB:
    case ARM_DP_CMP:
        if (set_cc) {
            gen_sub_CC(res, a, op2);
        } else {
            tcg_gen_sub_i32(res, a, op2);
        }
        break;
    case ARM_DP_RSB:
        if (set_cc) {
            gen_sub_CC(res, op2, a);
        } else {
            tcg_gen_sub_i32(res, op2, a);
        }
        break;
    case ARM_DP_ADD:
    case ARM_DP_CMN:
        if (set_cc) {
            gen_add_CC(res, a, op2);
        } else {
            tcg_gen_add_i32(res, a, op2);
        }
        break;
    case ARM_DP_ADC:
        if (set_cc) {
            gen_adc_CC(res, a, op2);
        } else {
            gen_adc(res, a, op2);
        }
        break;
    case ARM_DP_SBC:
        if (set_cc) {
            gen_sbc_CC(res, a, op2);
        } else {
            gen_sbc(res, a, op2);
        }
        break;
    case ARM_DP_RSC:
        if (set_cc) {
            gen_sbc_CC(res, op2, a);
        } else {
            gen_sbc(res, op2, a);
        }
        break;
    default:
        abort();
    }
    if (logical && set_cc) {
        gen_logic_CC(res);
    }
    if (!is_test && res != cpu_R[rd]) {
        store_reg_bx(s, rd, res);
    }
}

/* ---- Loads and stores ---------------------------------------------------------------- */

void gen_ld(DisasContext *s, TCGv_i32 val, TCGv_i32 addr, unsigned memop)
{
    tcg_gen_qemu_ld_i32(val, addr, memop);
}

void gen_st(DisasContext *s, TCGv_i32 val, TCGv_i32 addr, unsigned memop)
{
    tcg_gen_qemu_st_i32(val, addr, memop);
}

/* Lowest address of an ldm/stm transfer of n registers; *wb the written-back base. */
static TCGv_i32 ldm_start(DisasContext *s, int rn, int n, bool inc, bool before, TCGv_i32 *wb)
{
    TCGv_i32 base = reg_val(s, rn); /* read here, before any write-back */
    TCGv_i32 addr = base;
    int32_t ofs;
    if (inc) {
        ofs = before ? 4 : 0;
    } else {
        ofs = before ? -4 * n : -4 * n + 4;
    }
    if (ofs != 0) {
        addr = tcg_temp_new_i32();
        tcg_gen_addi_i32(addr, base, (uint32_t)ofs);
    }
    *wb = tcg_temp_new_i32();
    tcg_gen_addi_i32(*wb, base, inc ? 4u * n : (uint32_t)(-4 * n));
    return addr;
}

void gen_ldm(DisasContext *s, int rn, uint32_t list, bool inc, bool before, bool wback)
{
    TCGv_i32 vals[16];
    int n = __builtin_popcount(list & 0xffff);
    TCGv_i32 wb;
    if (n == 0) {
        gen_undef(s);
        return;
    }
    TCGv_i32 addr = ldm_start(s, rn, n, inc, before, &wb);
    /* Load everything first so a fault leaves the registers untouched. */
    for (int i = 0, k = 0; i < 16; i++) {
        if (list & (1u << i)) {
            TCGv_i32 a = addr;
            if (k) {
                a = tcg_temp_new_i32();
                tcg_gen_addi_i32(a, addr, 4u * k);
            }
            k++;
            vals[i] = tcg_temp_new_i32();
            gen_ld(s, vals[i], a, MO_32);
        }
    }
    if (wback) {
        store_reg(s, rn, wb); /* a loaded base (UNPREDICTABLE) overrides below */
    }
    for (int i = 0; i < 15; i++) {
        if (list & (1u << i)) {
            store_reg(s, i, vals[i]);
        }
    }
    if (list & 0x8000) {
        /* pop {..., pc} (ldmia sp!) is a return */
        s->is_ret = rn == 13 && wback && inc && !before;
        store_reg_from_load(s, 15, vals[15]);
    }
}

void gen_stm(DisasContext *s, int rn, uint32_t list, bool inc, bool before, bool wback)
{
    int n = __builtin_popcount(list & 0xffff);
    TCGv_i32 wb;
    if (n == 0) {
        gen_undef(s);
        return;
    }
    TCGv_i32 addr = ldm_start(s, rn, n, inc, before, &wb);
    /* The base, if in the list, is stored with its original value. */
    for (int i = 0, k = 0; i < 16; i++) {
        if (list & (1u << i)) {
            TCGv_i32 a = addr;
            if (k) {
                a = tcg_temp_new_i32();
                tcg_gen_addi_i32(a, addr, 4u * k);
            }
            k++;
            gen_st(s, reg_val(s, i), a, MO_32);
        }
    }
    if (wback) {
        store_reg(s, rn, wb);
    }
}

/* ---- Exclusives ------------------------------------------------------------------ */

/* The accesses are MO_ALIGN: a misaligned exclusive raises SIGBUS/BUS_ADRALN
   with si_addr, as the kernel reports the alignment fault (no fixup for
   them).  A strex whose address does not match the monitor fails without
   an access (but still faults when misaligned). */

void gen_ldrex(DisasContext *s, int rt, int rt2, TCGv_i32 addr, unsigned size)
{
    TCGv_i32 a = tcg_temp_new_i32();
    tcg_gen_mov_i32(a, addr);
    if (size == MO_64) {
        TCGv_i64 v = tcg_temp_new_i64();
        TCGv_i32 lo = tcg_temp_new_i32(), hi = tcg_temp_new_i32();
        tcg_gen_qemu_ld_i64(v, a, MO_64 | MO_ALIGN);
        tcg_gen_extrl_i64_i32(lo, v);
        tcg_gen_extrh_i64_i32(hi, v);
        tcg_gen_mov_i32(cpu_exclusive_val, lo);
        tcg_gen_mov_i32(cpu_exclusive_high, hi);
        tcg_gen_mov_i32(cpu_exclusive_addr, a);
        store_reg(s, rt, lo);
        store_reg(s, rt2, hi);
    } else {
        TCGv_i32 v = tcg_temp_new_i32();
        gen_ld(s, v, a, size | MO_ALIGN);
        tcg_gen_mov_i32(cpu_exclusive_val, v);
        tcg_gen_mov_i32(cpu_exclusive_addr, a);
        store_reg(s, rt, v);
    }
}

void gen_strex(DisasContext *s, int rd, int rt, int rt2, TCGv_i32 addr, unsigned size)
{
    TCGLabel fail = gen_new_label(), done = gen_new_label();
    TCGv_i32 res = tcg_temp_new_i32();
    TCGv_i32 a = tcg_temp_new_i32();
    tcg_gen_mov_i32(a, addr);

    tcg_gen_brcond_i32(TCG_COND_NE, a, cpu_exclusive_addr, fail);
    if (size == MO_64) {
        TCGv_i64 cmp = tcg_temp_new_i64(), nv = tcg_temp_new_i64(), old = tcg_temp_new_i64();
        TCGv_i64 r64 = tcg_temp_new_i64();
        tcg_gen_concat_i32_i64(cmp, cpu_exclusive_val, cpu_exclusive_high);
        tcg_gen_concat_i32_i64(nv, load_reg(s, rt), load_reg(s, rt2));
        tcg_gen_cmpxchg_i64(old, a, cmp, nv, MO_64 | MO_ALIGN);
        tcg_gen_setcond(TCG_I64, TCG_COND_NE, r64, old, cmp);
        tcg_gen_extrl_i64_i32(res, r64);
    } else {
        TCGv_i32 old = tcg_temp_new_i32();
        tcg_gen_cmpxchg_i32(old, a, cpu_exclusive_val, load_reg(s, rt), size | MO_ALIGN);
        tcg_gen_setcond_i32(TCG_COND_NE, res, old, cpu_exclusive_val);
    }
    tcg_gen_br(done);
    gen_set_label(fail);
    {
        /* no access, but a misaligned address still faults: an aligned
           load that cannot pass the check raises it */
        TCGLabel aligned = gen_new_label();
        TCGv_i32 low = tcg_temp_new_i32();
        tcg_gen_andi_i32(low, a, (1u << size) - 1);
        tcg_gen_brcond_i32(TCG_COND_EQ, low, tcg_constant_i32(0), aligned);
        if (size == MO_64)
            tcg_gen_qemu_ld_i64(tcg_temp_new_i64(), a, MO_64 | MO_ALIGN);
        else
            tcg_gen_qemu_ld_i32(low, a, size | MO_ALIGN);
        gen_set_label(aligned);
    }
    tcg_gen_movi_i32(res, 1);
    gen_set_label(done);
    tcg_gen_movi_i32(cpu_exclusive_addr, ~0u);
    store_reg(s, rd, res);
}

void gen_clrex(DisasContext *s)
{
    tcg_gen_movi_i32(cpu_exclusive_addr, ~0u);
}

/* ---- Multiplies, saturation ---------------------------------------------------------- */

void gen_mul_long(DisasContext *s, bool is_signed, bool accumulate, bool set_cc,
                  int rdlo, int rdhi, int rn, int rm)
{
    TCGv_i32 lo = tcg_temp_new_i32(), hi = tcg_temp_new_i32();
    TCGv_i32 a = load_reg(s, rn), b = load_reg(s, rm);
    if (is_signed) {
        tcg_gen_muls2_i32(lo, hi, a, b);
    } else {
        tcg_gen_mulu2_i32(lo, hi, a, b);
    }
    if (accumulate) {
        TCGv_i64 p = tcg_temp_new_i64(), acc = tcg_temp_new_i64();
        tcg_gen_concat_i32_i64(p, lo, hi);
        tcg_gen_concat_i32_i64(acc, load_reg(s, rdlo), load_reg(s, rdhi));
        tcg_gen_add_i64(p, p, acc);
        tcg_gen_extrl_i64_i32(lo, p);
        tcg_gen_extrh_i64_i32(hi, p);
    }
    if (set_cc) {
        tcg_gen_mov_i32(cpu_NF, hi);
        tcg_gen_or_i32(cpu_ZF, lo, hi);
    }
    store_reg(s, rdlo, lo);
    store_reg(s, rdhi, hi);
}

void gen_umaal(DisasContext *s, int rdlo, int rdhi, int rn, int rm)
{
    TCGv_i32 lo = tcg_temp_new_i32(), hi = tcg_temp_new_i32();
    TCGv_i64 p = tcg_temp_new_i64(), t = tcg_temp_new_i64();
    tcg_gen_mulu2_i32(lo, hi, load_reg(s, rn), load_reg(s, rm));
    tcg_gen_concat_i32_i64(p, lo, hi);
    tcg_gen_extu_i32_i64(t, load_reg(s, rdlo));
    tcg_gen_add_i64(p, p, t);
    tcg_gen_extu_i32_i64(t, load_reg(s, rdhi));
    tcg_gen_add_i64(p, p, t);
    tcg_gen_extrl_i64_i32(lo, p);
    tcg_gen_extrh_i64_i32(hi, p);
    store_reg(s, rdlo, lo);
    store_reg(s, rdhi, hi);
}

/*
 * SSAT/USAT: sat_imm is the raw encoding field (SSAT saturates to
 * sat_imm + 1 bits, USAT to sat_imm bits); shift_type 0 = LSL, 1 = ASR
 * (ASR #0 means #32).
 */
void gen_sat(DisasContext *s, bool is_unsigned, int rd, int sat_imm, int rn, int shift_type, int shift)
{
    TCGv_i32 v = load_reg(s, rn);
    TCGv_i32 r = tcg_temp_new_i32();
    gen_shift_imm(v, shift_type ? 2 : 0, shift, false);
    if (is_unsigned) {
        tcg_gen_call(helper_usat, CALL_RW_GLOBALS, TCG_I32, r, tcg_env, v, tcg_constant_i32(sat_imm));
    } else {
        tcg_gen_call(helper_ssat, CALL_RW_GLOBALS, TCG_I32, r, tcg_env, v, tcg_constant_i32(sat_imm + 1));
    }
    store_reg(s, rd, r);
}

/* SSAT16/USAT16: sat_imm as for gen_sat. */
void gen_sat16(DisasContext *s, bool is_unsigned, int rd, int sat_imm, int rn)
{
    TCGv_i32 v = load_reg(s, rn);
    TCGv_i32 r = tcg_temp_new_i32();
    if (is_unsigned) {
        tcg_gen_call(helper_usat16, CALL_RW_GLOBALS, TCG_I32, r, tcg_env, v, tcg_constant_i32(sat_imm));
    } else {
        tcg_gen_call(helper_ssat16, CALL_RW_GLOBALS, TCG_I32, r, tcg_env, v, tcg_constant_i32(sat_imm + 1));
    }
    store_reg(s, rd, r);
}

/* ---- APSR ------------------------------------------------------------------------------ */

void gen_mrs_apsr(DisasContext *s, int rd)
{
    TCGv_i32 r = tcg_temp_new_i32(), t = tcg_temp_new_i32();
    tcg_gen_andi_i32(r, cpu_NF, 0x80000000u);
    tcg_gen_setcondi_i32(TCG_COND_EQ, t, cpu_ZF, 0);
    tcg_gen_shli_i32(t, t, 30);
    tcg_gen_or_i32(r, r, t);
    tcg_gen_shli_i32(t, cpu_CF, 29);
    tcg_gen_or_i32(r, r, t);
    tcg_gen_shri_i32(t, cpu_VF, 31);
    tcg_gen_shli_i32(t, t, 28);
    tcg_gen_or_i32(r, r, t);
    tcg_gen_shli_i32(t, cpu_QF, 27);
    tcg_gen_or_i32(r, r, t);
    tcg_gen_shli_i32(t, cpu_GE, 16);
    tcg_gen_or_i32(r, r, t);
    tcg_gen_ori_i32(r, r, 0x10); /* user mode; the execution state bits read as 0 */
    store_reg(s, rd, r);
}

void gen_msr_apsr(DisasContext *s, TCGv_i32 v, int mask)
{
    if (mask & 2) {
        tcg_gen_andi_i32(cpu_NF, v, 0x80000000u);
        tcg_gen_not_i32(cpu_ZF, v);
        tcg_gen_andi_i32(cpu_ZF, cpu_ZF, 0x40000000u);
        tcg_gen_extract_i32(cpu_CF, v, 29, 1);
        tcg_gen_shli_i32(cpu_VF, v, 3);
        tcg_gen_extract_i32(cpu_QF, v, 27, 1);
    }
    if (mask & 1) {
        tcg_gen_extract_i32(cpu_GE, v, 16, 4);
    }
}

/* ---- CP15 ------------------------------------------------------------------------------ */

/* CP15 barrier operations (deprecated in ARMv7 but usable from user mode). */
static bool cp15_barrier(int opc1, int crn, int crm, int opc2)
{
    return opc1 == 0 && crn == 7 &&
           ((crm == 10 && (opc2 == 4 || opc2 == 5)) || (crm == 5 && opc2 == 4));
}

bool gen_mrc_p15(DisasContext *s, int opc1, int crn, int crm, int opc2, int rt)
{
    if (rt == 15 || opc1 != 0 || crn != 13 || crm != 0) {
        return false;
    }
    TCGv_i32 t = tcg_temp_new_i32();
    if (opc2 == 3) {
        tcg_gen_ld_i32(t, ARM_OFF(tpidruro));
    } else if (opc2 == 2) {
        tcg_gen_ld_i32(t, ARM_OFF(tpidrurw));
    } else {
        return false;
    }
    store_reg(s, rt, t);
    return true;
}

bool gen_mcr_p15(DisasContext *s, int opc1, int crn, int crm, int opc2, int rt)
{
    if (cp15_barrier(opc1, crn, crm, opc2)) {
        tcg_gen_mb();
        return true;
    }
    if (rt == 15 || opc1 != 0 || crn != 13 || crm != 0 || opc2 != 2) {
        return false;
    }
    tcg_gen_st_i32(reg_val(s, rt), ARM_OFF(tpidrurw));
    return true;
}

/* ---- The TB loop ------------------------------------------------------------------------ */

#define ARM_MAX_INSNS 60
#define KUSER_PAGE 0xffff0000u /* the whole page: unknown entries raise SIGILL */

/* The kuser page is still mimic's (the guest may have mapped its own code
   over it, or unmapped it: then it runs or faults as any page).  The fetch
   comes first: it registers the page with the TB (so that a later mmap
   over it drops the TB) and faults if the guest made it inaccessible;
   a replacement that happens after this check then finds the page marked
   as code and invalidates the TB. */
static bool kuser_page_intact(DisasContextBase *db, uint32_t pc)
{
    translator_lduw(db, pc);
    return guest_special_intact(pc);
}

static void tb_stop(DisasContext *s)
{
    switch (s->is_jmp) {
    case DISAS_NEXT:
    case DISAS_TOO_MANY:
        gen_goto_tb(s, 0, s->pc_next);
        break;
    case DISAS_UPDATE:
        tcg_gen_movi_i32(cpu_R[15], s->pc_next);
        /* fall through */
    case DISAS_JUMP:
        gen_store_condexec(s, itstate_after(s));
        if (s->is_ret) {
            tcg_gen_lookup_and_goto_ret();
        } else {
            tcg_gen_lookup_and_goto();
        }
        break;
    case DISAS_NORETURN:
        break;
    }
    if (s->condjmp) {
        /* The condition failed: continue with the next instruction. */
        gen_set_label(s->condlabel);
        s->condjmp = false;
        gen_goto_tb(s, 1, s->pc_next);
    }
}

/* ---- Predicated instructions ------------------------------------------------
 *
 * A conditional instruction (IT block, A32 cond field) would normally be
 * skipped by a brcond around it.  The label after it is a basic-block
 * boundary: the register allocator writes every dirty guest register back
 * there and the flag computations before it can no longer be found dead.
 * So first try it as a predicated instruction: snapshot the condition,
 * translate the instruction unconditionally with its register and flag
 * writes renamed to temps, then movcond each written global.  This only
 * applies when the instruction's IR is pure arithmetic (no memory, env
 * access, helper call, branch or exit); otherwise everything emitted is
 * dropped and the instruction is translated again the usual way.
 */
#define PRED_MAX_OPS 40
#define PRED_MAX_GLOBALS 8

/* The condition cc (0..13) as "cond(*v, 0)", computed into a temp now. */
static TCGCond gen_cond_value(int cc, TCGv_i32 *v)
{
    static const struct { uint8_t flag; uint8_t cond; } simple[8] = {
        { 'Z', TCG_COND_EQ }, { 'Z', TCG_COND_NE }, { 'C', TCG_COND_NE }, { 'C', TCG_COND_EQ },
        { 'N', TCG_COND_LT }, { 'N', TCG_COND_GE }, { 'V', TCG_COND_LT }, { 'V', TCG_COND_GE },
    };
    TCGv_i32 t = tcg_temp_new_i32();
    *v = t;
    if (cc < 8) {
        int f = simple[cc].flag;
        tcg_gen_mov_i32(t, f == 'Z' ? cpu_ZF : f == 'C' ? cpu_CF : f == 'N' ? cpu_NF : cpu_VF);
        return (TCGCond)simple[cc].cond;
    }
    switch (cc) {
    case 8: case 9: /* HI: C && !Z  <=>  (-CF & ZF) != 0 */
        tcg_gen_neg_i32(t, cpu_CF);
        tcg_gen_and_i32(t, t, cpu_ZF);
        return cc == 8 ? TCG_COND_NE : TCG_COND_EQ;
    case 10: case 11: /* GE: N == V */
        tcg_gen_xor_i32(t, cpu_NF, cpu_VF);
        return cc == 10 ? TCG_COND_GE : TCG_COND_LT;
    default: /* GT/LE: !Z && N == V */
        tcg_gen_xor_i32(t, cpu_NF, cpu_VF);
        tcg_gen_sari_i32(t, t, 31);
        tcg_gen_andc_i32(t, cpu_ZF, t);
        return cc == 12 ? TCG_COND_NE : TCG_COND_EQ;
    }
}

/* Translate the current instruction (condition cc, 0..13) predicated.
   Returns false, with nothing emitted and *s unchanged, when it does not
   qualify; the caller then uses the brcond path. */
static bool translate_predicated(DisasContext *s, int cc, uint32_t a32_insn)
{
    TCGContext *c = &tcg_ctx;
    DisasContext saved = *s;
    int ops0 = c->nb_ops, temps0 = c->nb_temps, labels0 = c->nb_labels;
    TCGv_i32 v;
    TCGCond cond = gen_cond_value(cc, &v);
    int body = c->nb_ops;

    s->no_skip = true;
    if (s->thumb) {
        arm_translate_t32(s);
    } else {
        arm_translate_a32(s, a32_insn);
    }
    s->no_skip = false;

    bool ok = s->is_jmp == DISAS_NEXT && !s->condjmp && c->nb_labels == labels0 &&
              c->nb_ops - body <= PRED_MAX_OPS;
    for (int i = body; ok && i < c->nb_ops; i++) {
        uint8_t opc = c->ops[i].opc;
        ok = tcg_op_defs[opc].flags == 0 && opc != INDEX_op_ld_env && opc != INDEX_op_nop;
    }
    /* Rename the globals written by the body to shadow temps. */
    TCGv_i32 glob[PRED_MAX_GLOBALS], shadow[PRED_MAX_GLOBALS];
    int ng = 0;
    for (int i = body; ok && i < c->nb_ops; i++) {
        TCGOp *op = &c->ops[i];
        const TCGOpDef *def = &tcg_op_defs[op->opc];
        for (int k = def->nb_oargs; k < def->nb_oargs + def->nb_iargs; k++) {
            for (int g = 0; g < ng; g++) {
                if (op->args[k] == glob[g]) {
                    op->args[k] = shadow[g];
                }
            }
        }
        for (int k = 0; ok && k < def->nb_oargs; k++) {
            const TCGTemp *ts = &c->temps[op->args[k]];
            if (ts->kind != TEMP_GLOBAL) {
                continue;
            }
            int g = 0;
            while (g < ng && glob[g] != op->args[k]) {
                g++;
            }
            if (g == ng) {
                if (ng == PRED_MAX_GLOBALS || ts->type != TCG_I32) {
                    ok = false;
                    break;
                }
                glob[ng] = (TCGv_i32)op->args[k];
                shadow[ng++] = tcg_temp_new_i32();
            }
            op->args[k] = shadow[g];
        }
    }
    if (!ok) {
        c->nb_ops = ops0;
        c->nb_temps = temps0;
        c->nb_labels = labels0;
        *s = saved;
        return false;
    }
    TCGv_i32 zero = tcg_constant_i32(0);
    for (int g = 0; g < ng; g++) {
        tcg_gen_movcond_i32(cond, glob[g], v, zero, shadow[g], glob[g]);
    }
    return true;
}

/* ---- The translator hooks (tcg/translator.h) ---- */

static void arm_init_disas_context(DisasContextBase *db)
{
    DisasContext *s = (DisasContext *)db;
    TranslationBlock *tb = db->tb;
    s->tb = tb;
    s->pc = tb->pc;
    s->page_start = tb->pc & GUEST_PAGE_MASK;
    /* Called again for every block of a hot region: reset per-block state. */
    s->is_jmp = DISAS_NEXT;
    s->condjmp = false;
    block_serial++; /* no compare-and-branch fusion across blocks */
    s->no_skip = false;
    s->is_ret = false;
    s->insn_count = 0;
    s->thumb = tb->flags & ARM_TBFLAG_THUMB;
    uint32_t it = (tb->flags >> ARM_TBFLAG_CONDEXEC_SHIFT) & 0xff;
    s->condexec_cond = it >> 4;
    s->condexec_mask = (it & 0xf) << 1;
    entry_itstate = it;
    if (db->max_insns > ARM_MAX_INSNS) {
        db->max_insns = ARM_MAX_INSNS;
    }
}

static void arm_tb_start(DisasContextBase *db)
{
}

static void arm_insn_start(DisasContextBase *db)
{
    DisasContext *s = (DisasContext *)db;
    /* Advance the IT state to this instruction (the first one starts in
       the TB's; the state stays the last instruction's at tb_stop, whose
       exits use itstate_after). */
    if (db->num_insns > 1 && s->condexec_mask) {
        s->condexec_cond = (s->condexec_cond & 0xe) | ((s->condexec_mask >> 4) & 1);
        s->condexec_mask = (s->condexec_mask << 1) & 0x1f;
        if (!s->condexec_mask) {
            s->condexec_cond = 0;
        }
    }
    tcg_gen_insn_start(db->pc_next, itstate_of(s->condexec_cond, s->condexec_mask));
}

static void arm_translate_insn(DisasContextBase *db)
{
    DisasContext *s = (DisasContext *)db;
    s->pc = db->pc_next;
    s->insn_count = db->num_insns;

    if ((s->pc & GUEST_PAGE_MASK) == KUSER_PAGE && kuser_page_intact(db, s->pc)) {
        /* The kuser helper page holds no code: each entry point is one
           call.  A chained jump here did not store the pc, and a fault in
           the helper is reported at env->regs[15]. */
        tcg_gen_movi_i32(cpu_R[15], s->pc);
        tcg_gen_call(helper_kuser, CALL_RW_GLOBALS, TCG_I32, TEMP_NONE, tcg_env, tcg_constant_i32(s->pc));
        tcg_gen_lookup_and_goto();
        s->pc_next = s->pc + 4;
        s->is_jmp = DISAS_NORETURN;
    } else if (s->thumb) {
        /* Fetch the whole instruction first: a 32-bit encoding whose second
           halfword is on an unreadable page faults there, before any IR
           (the IT condition included: the fetch happens regardless). */
        if (translator_lduw(db, s->pc) >= 0xe800) {
            translator_lduw(db, s->pc + 2);
        }
        if (s->condexec_mask && s->condexec_cond < 0xe) {
            if (!translate_predicated(s, (int)s->condexec_cond, 0)) {
                arm_skip_unless(s, (int)s->condexec_cond);
                arm_translate_t32(s);
            }
        } else {
            if (s->condexec_mask && s->condexec_cond != 0xe) {
                arm_skip_unless(s, (int)s->condexec_cond);
            }
            arm_translate_t32(s);
        }
    } else {
        uint32_t insn = translator_ldl(db, s->pc);
        s->pc_next = s->pc + 4;
        if ((insn >> 28) >= 0xe || !translate_predicated(s, (int)(insn >> 28), insn)) {
            arm_translate_a32(s, insn);
        }
    }
    if (s->condjmp && s->is_jmp == DISAS_NEXT) {
        gen_set_label(s->condlabel);
        s->condjmp = false;
    }
    db->pc_next = s->pc_next;
    db->is_jmp = s->is_jmp;
}

static void arm_tb_stop(DisasContextBase *db)
{
    DisasContext *s = (DisasContext *)db;
    s->is_jmp = db->is_jmp;
    tb_stop(s);
}

static const TranslatorOps arm_translator_ops = {
    .init_disas_context = arm_init_disas_context,
    .tb_start = arm_tb_start,
    .insn_start = arm_insn_start,
    .translate_insn = arm_translate_insn,
    .tb_stop = arm_tb_stop,
};

void arm_translate(TranslationBlock *tb, int max_insns)
{
    DisasContext ctx;
    memset(&ctx, 0, sizeof(ctx));
    arm_need_model(); /* the -cpu model decides what translates */
    translator_loop(&arm_translator_ops, &ctx.base, tb, max_insns);
}
