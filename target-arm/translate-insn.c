/*
 * ARM instruction semantics shared by the generated decoders: one trans_*
 * function per instruction, called with the instruction's argument set by
 * decode-a32.c.inc, decode-t32.c.inc and decode-t16.c.inc (from a32.decode,
 * t32.decode and t16.decode).  The A32, T32 and T16 encodings of one
 * instruction fill the same arg_* struct (arm-args.decode) and end up here,
 * so each instruction's semantics are written once.  The encodings that only
 * one instruction set has (IT, CBZ, the T16 LDM writeback rule, ...) have
 * their trans_* functions next to their decoder.
 *
 * A trans_* function returns false for an UNDEFINED (or UNPREDICTABLE and
 * trapped) encoding, before emitting anything; the caller raises SIGILL.
 */
#include "target-arm/translate.h"

/* The argument sets and the prototypes of every decoder (the prototypes
   check that the definitions below match what the decoders call). */
#define DECODE_DECLS_ONLY
#include "target-arm/decode-t16.c.inc"
#include "target-arm/decode-a32.c.inc"
#include "target-arm/decode-a32-uncond.c.inc"
#include "target-arm/decode-t32.c.inc"

/* The return address: the next instruction, with bit 0 set in Thumb state. */
static uint32_t link_addr(const DisasContext *s)
{
    return s->thumb ? s->pc_next | 1 : s->pc_next;
}

/* ---- Data processing ------------------------------------------------------ */

/* The logical ops set C from the shifter, the arithmetic ones from the ALU. */
static bool dp_is_logical(int op)
{
    switch (op) {
    case ARM_DP_AND: case ARM_DP_EOR: case ARM_DP_TST: case ARM_DP_TEQ: case ARM_DP_ORR:
    case ARM_DP_MOV: case ARM_DP_BIC: case ARM_DP_MVN: case ARM_DP_ORN:
        return true;
    default:
        return false;
    }
}

/* <op>{S} Rd, Rn, Rm {, <shift> #imm} */
static bool do_dp_shi(DisasContext *s, int op, arg_s_rrr_shi *a)
{
    TCGv_i32 op2;
    if (a->shim == 0 && a->shty == 0) { /* LSL #0: the register as is */
        op2 = reg_val(s, a->rm);
    } else {
        op2 = load_reg(s, a->rm);
        gen_shift_imm(op2, a->shty, a->shim, a->s && dp_is_logical(op));
    }
    /* mov pc, lr: a return */
    s->is_ret = op == ARM_DP_MOV && a->rd == 15 && a->rm == 14 && !a->s && a->shim == 0 && a->shty == 0;
    gen_data_proc(s, op, a->s, a->rd, a->rn, op2);
    return true;
}

/* <op>{S} Rd, Rn, Rm, <shift> Rs */
static bool do_dp_shr(DisasContext *s, int op, arg_s_rrr_shr *a)
{
    if (a->rd == 15 || a->rn == 15 || a->rm == 15 || a->rs == 15) {
        return false; /* UNPREDICTABLE */
    }
    TCGv_i32 op2 = load_reg(s, a->rm);
    gen_shift_reg(op2, a->shty, load_reg(s, a->rs), a->s && dp_is_logical(op));
    gen_data_proc(s, op, a->s, a->rd, a->rn, op2);
    return true;
}

/* <op>{S} Rd, Rn, #const: imm is already expanded; a rotated constant gives
   the logical ops their carry-out (bit 31). */
static bool do_dp_imm(DisasContext *s, int op, arg_s_rri_rot *a)
{
    if (a->s && a->rot && dp_is_logical(op)) {
        tcg_gen_movi_i32(cpu_CF, (uint32_t)a->imm >> 31);
    }
    gen_data_proc(s, op, a->s, a->rd, a->rn, tcg_constant_i32((uint32_t)a->imm));
    return true;
}

#define DO_DP(NAME, OP)                                                                            \
    bool trans_##NAME##_rrri(DisasContext *s, arg_s_rrr_shi *a) { return do_dp_shi(s, OP, a); }   \
    bool trans_##NAME##_rrrr(DisasContext *s, arg_s_rrr_shr *a) { return do_dp_shr(s, OP, a); }   \
    bool trans_##NAME##_rri(DisasContext *s, arg_s_rri_rot *a) { return do_dp_imm(s, OP, a); }

DO_DP(AND, ARM_DP_AND)
DO_DP(EOR, ARM_DP_EOR)
DO_DP(SUB, ARM_DP_SUB)
DO_DP(RSB, ARM_DP_RSB)
DO_DP(ADD, ARM_DP_ADD)
DO_DP(ADC, ARM_DP_ADC)
DO_DP(SBC, ARM_DP_SBC)
DO_DP(RSC, ARM_DP_RSC)
DO_DP(TST, ARM_DP_TST)
DO_DP(TEQ, ARM_DP_TEQ)
DO_DP(CMP, ARM_DP_CMP)
DO_DP(CMN, ARM_DP_CMN)
DO_DP(ORR, ARM_DP_ORR)
DO_DP(MOV, ARM_DP_MOV)
DO_DP(BIC, ARM_DP_BIC)
DO_DP(MVN, ARM_DP_MVN)
DO_DP(ORN, ARM_DP_ORN)

/* ADR Rd, label: Align(PC, 4) + imm (imm negative for the subtracting form). */
bool trans_ADR(DisasContext *s, arg_ri *a)
{
    store_reg(s, a->rd, add_reg_for_lit(s, 15, a->imm));
    return true;
}

/* ---- Multiplies -------------------------------------------------------------- */

/* MUL{S} Rd, Rn, Rm */
bool trans_MUL(DisasContext *s, arg_s_rrrr *a)
{
    if (a->rd == 15 || a->rn == 15 || a->rm == 15) {
        return false;
    }
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_mul_i32(t, cpu_R[a->rn], cpu_R[a->rm]);
    if (a->s) {
        gen_logic_CC(t);
    }
    store_reg(s, a->rd, t);
    return true;
}

/* ---- Extension and byte reversal ------------------------------------------------ */

enum { EXT_S8, EXT_S16, EXT_U8, EXT_U16, EXT_S8x2, EXT_U8x2 };

/* Add two values lane by lane (16-bit lanes, no carry between them). */
static void gen_add16(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    TCGv_i32 lo = tcg_temp_new_i32(), hi = tcg_temp_new_i32();
    tcg_gen_add_i32(lo, a, b);
    tcg_gen_andi_i32(hi, a, 0xffff0000u);
    tcg_gen_add_i32(hi, hi, b);
    tcg_gen_andi_i32(hi, hi, 0xffff0000u);
    tcg_gen_deposit_i32(r, hi, lo, 0, 16);
}

/* {S,U}XTA{B,H,B16} Rd, Rn, Rm {, ROR #rot}; Rn = 15: the plain extends. */
static bool do_extend(DisasContext *s, arg_rrr_rot *a, int kind)
{
    if (a->rd == 15 || a->rm == 15) {
        return false;
    }
    TCGv_i32 t = tcg_temp_new_i32();
    if (a->rot) {
        tcg_gen_rotri_i32(t, cpu_R[a->rm], (unsigned)a->rot);
    } else {
        tcg_gen_mov_i32(t, cpu_R[a->rm]);
    }
    switch (kind) {
    case EXT_S8: tcg_gen_ext8s_i32(t, t); break;
    case EXT_S16: tcg_gen_ext16s_i32(t, t); break;
    case EXT_U8: tcg_gen_ext8u_i32(t, t); break;
    case EXT_U16: tcg_gen_ext16u_i32(t, t); break;
    case EXT_S8x2: { /* bytes 0 and 2 sign-extended into the halves */
        TCGv_i32 h = tcg_temp_new_i32();
        tcg_gen_sextract_i32(h, t, 16, 8);
        tcg_gen_ext8s_i32(t, t);
        tcg_gen_deposit_i32(t, t, h, 16, 16);
        break;
    }
    default: /* EXT_U8x2 */
        tcg_gen_andi_i32(t, t, 0x00ff00ffu);
        break;
    }
    if (a->rn != 15) {
        if (kind >= EXT_S8x2) {
            gen_add16(t, cpu_R[a->rn], t);
        } else {
            tcg_gen_add_i32(t, t, cpu_R[a->rn]);
        }
    }
    store_reg(s, a->rd, t);
    return true;
}

bool trans_SXTAB(DisasContext *s, arg_rrr_rot *a) { return do_extend(s, a, EXT_S8); }
bool trans_SXTAH(DisasContext *s, arg_rrr_rot *a) { return do_extend(s, a, EXT_S16); }
bool trans_UXTAB(DisasContext *s, arg_rrr_rot *a) { return do_extend(s, a, EXT_U8); }
bool trans_UXTAH(DisasContext *s, arg_rrr_rot *a) { return do_extend(s, a, EXT_U16); }
bool trans_SXTAB16(DisasContext *s, arg_rrr_rot *a) { return do_extend(s, a, EXT_S8x2); }
bool trans_UXTAB16(DisasContext *s, arg_rrr_rot *a) { return do_extend(s, a, EXT_U8x2); }

/* REV, REV16, REVSH Rd, Rm */
static bool do_rev(DisasContext *s, arg_rr *a, void (*gen)(TCGv_i32, TCGv_i32))
{
    if (a->rd == 15 || a->rm == 15) {
        return false;
    }
    TCGv_i32 t = tcg_temp_new_i32();
    gen(t, cpu_R[a->rm]);
    store_reg(s, a->rd, t);
    return true;
}

static void gen_rev16(TCGv_i32 d, TCGv_i32 a)
{
    TCGv_i32 hi = tcg_temp_new_i32(), lo = tcg_temp_new_i32();
    tcg_gen_shli_i32(hi, a, 8);
    tcg_gen_andi_i32(hi, hi, 0xff00ff00u);
    tcg_gen_shri_i32(lo, a, 8);
    tcg_gen_andi_i32(lo, lo, 0x00ff00ffu);
    tcg_gen_or_i32(d, hi, lo);
}

static void gen_revsh(TCGv_i32 d, TCGv_i32 a)
{
    tcg_gen_bswap16_i32(d, a);
    tcg_gen_ext16s_i32(d, d);
}

bool trans_REV(DisasContext *s, arg_rr *a) { return do_rev(s, a, tcg_gen_bswap32_i32); }
bool trans_REV16(DisasContext *s, arg_rr *a) { return do_rev(s, a, gen_rev16); }
bool trans_REVSH(DisasContext *s, arg_rr *a) { return do_rev(s, a, gen_revsh); }

/* ---- Loads and stores ------------------------------------------------------------ */

/*
 * The address of a single or doubleword load/store: Rn +/- offset
 * (pre-indexed, p) or Rn (post-indexed); offset is a register value, or
 * NULL for the immediate imm.  A PC base reads Align(PC, 4).  *wb gets the
 * value to write back to Rn when wback, else 0.
 */
static TCGv_i32 gen_ldst_addr(DisasContext *s, int p, bool wback, int u, int rn, TCGv_i32 offset,
                              int imm, TCGv_i32 *wb)
{
    *wb = 0;
    if (!offset && rn == 15) { /* literal: Align(PC, 4) +/- imm */
        return add_reg_for_lit(s, 15, u ? imm : -imm);
    }
    TCGv_i32 base = rn == 15 ? add_reg_for_lit(s, 15, 0) : reg_val(s, rn);
    TCGv_i32 off = tcg_temp_new_i32();
    if (!offset) {
        tcg_gen_addi_i32(off, base, (uint32_t)(u ? imm : -imm));
    } else if (u) {
        tcg_gen_add_i32(off, base, offset);
    } else {
        tcg_gen_sub_i32(off, base, offset);
    }
    if (wback) {
        *wb = off;
    }
    return p ? off : base;
}

/*
 * LDR/STR and the byte, halfword and signed forms: address Rn +/- offset
 * (pre-indexed) or Rn (post-indexed, which always writes back).  The access
 * comes first, then the write-back of Rn, then Rt, so that a faulting access
 * is restartable.  offset is a register value, or NULL for the immediate imm.
 */
static bool do_ldst(DisasContext *s, int p, int w, int u, int rn, int rt, TCGv_i32 offset,
                    int imm, unsigned memop, bool load)
{
    bool wback = !p || w;
    if (wback && (rn == 15 || rn == rt)) {
        return false; /* UNPREDICTABLE */
    }
    if (!load && rn == 15 && s->thumb) {
        return false; /* T32 has no PC-relative stores */
    }
    if (load && rt == 15 && memop != MO_32) {
        return false;
    }
    TCGv_i32 wb;
    TCGv_i32 addr = gen_ldst_addr(s, p, wback, u, rn, offset, imm, &wb);
    if (load) {
        TCGv_i32 v = tcg_temp_new_i32();
        gen_ld(s, v, addr, memop);
        if (wb) {
            store_reg(s, rn, wb);
        }
        if (rt == 15 && rn == 13 && !p && u) {
            s->is_ret = true; /* ldr pc, [sp], #4: pop {pc} */
        }
        store_reg_from_load(s, rt, v);
    } else {
        gen_st(s, reg_val(s, rt), addr, memop);
        if (wb) {
            store_reg(s, rn, wb);
        }
    }
    return true;
}

static bool do_ldst_ri(DisasContext *s, arg_ldst_ri *a, unsigned memop, bool load)
{
    return do_ldst(s, a->p, a->w, a->u, a->rn, a->rt, 0, a->imm, memop, load);
}

static bool do_ldst_rr(DisasContext *s, arg_ldst_rr *a, unsigned memop, bool load)
{
    if (a->rm == 15) {
        return false;
    }
    TCGv_i32 off = load_reg(s, a->rm);
    gen_shift_imm(off, a->shty, a->shim, false);
    return do_ldst(s, a->p, a->w, a->u, a->rn, a->rt, off, 0, memop, load);
}

#define DO_LDST(NAME, MEMOP, LOAD)                                                                 \
    bool trans_##NAME##_ri(DisasContext *s, arg_ldst_ri *a) { return do_ldst_ri(s, a, MEMOP, LOAD); } \
    bool trans_##NAME##_rr(DisasContext *s, arg_ldst_rr *a) { return do_ldst_rr(s, a, MEMOP, LOAD); }

DO_LDST(STR, MO_32, false)
DO_LDST(STRH, MO_16, false)
DO_LDST(STRB, MO_8, false)
DO_LDST(LDR, MO_32, true)
DO_LDST(LDRH, MO_16, true)
DO_LDST(LDRB, MO_8, true)
DO_LDST(LDRSH, MO_16 | MO_SIGN, true)
DO_LDST(LDRSB, MO_8 | MO_SIGN, true)

/* LDM/STM in all four modes (and PUSH/POP); Rn and the list as encoded. */
bool trans_LDM(DisasContext *s, arg_ldst_block *a)
{
    if (a->rn == 15 || a->list == 0) {
        return false;
    }
    gen_ldm(s, a->rn, (uint32_t)a->list, a->i, a->b, a->w);
    return true;
}

bool trans_STM(DisasContext *s, arg_ldst_block *a)
{
    /* T32 cannot store the pc (A32 stores insn + 8). */
    if (a->rn == 15 || a->list == 0 || (s->thumb && (a->list & 0x8000))) {
        return false;
    }
    gen_stm(s, a->rn, (uint32_t)a->list, a->i, a->b, a->w);
    return true;
}

/* ---- Branches, exceptions, hints ------------------------------------------------------ */

/* B label: imm is relative to the pc as read (insn + 8 in A32, + 4 in T32). */
bool trans_B(DisasContext *s, arg_i *a)
{
    gen_jmp(s, arm_read_pc(s) + (uint32_t)a->imm);
    return true;
}

/* B<cond> label, the encodings with their own condition field. */
bool trans_B_cond(DisasContext *s, arg_ci *a)
{
    arm_skip_unless(s, a->cond);
    gen_jmp(s, arm_read_pc(s) + (uint32_t)a->imm);
    return true;
}

bool trans_BX(DisasContext *s, arg_r *a)
{
    s->is_ret = a->rm == 14;
    gen_bx(s, load_reg(s, a->rm));
    return true;
}

bool trans_BLX_r(DisasContext *s, arg_r *a)
{
    if (a->rm == 15) {
        return false;
    }
    TCGv_i32 dest = load_reg(s, a->rm);
    store_reg(s, 14, tcg_constant_i32(link_addr(s)));
    gen_ret_push(s);
    gen_bx(s, dest);
    return true;
}

bool trans_SVC(DisasContext *s, arg_i *a)
{
    gen_svc(s, (uint32_t)a->imm);
    return true;
}

bool trans_BKPT(DisasContext *s, arg_i *a)
{
    gen_exception_insn(s, EXCP_BKPT);
    return true;
}

/* The permanently undefined encodings. */
bool trans_UDF(DisasContext *s, arg_empty *a) { return false; }

/* NOP and the hints that do nothing in user mode (YIELD, WFE, WFI, SEV). */
bool trans_NOP(DisasContext *s, arg_empty *a) { return true; }

/* CPS is privileged; in User mode it executes as a NOP (ARM ARM B9.3.2). */
bool trans_CPS(DisasContext *s, arg_empty *a) { return true; }

/* SETEND LE is a no-op here; big-endian data (SETEND BE) is not emulated,
   so it raises SIGILL rather than running with the wrong byte order. */
bool trans_SETEND(DisasContext *s, arg_i *a) { return !a->imm; }

/* ---- 16-bit immediates, status registers, coprocessor registers ------------------ */

bool trans_MOVW(DisasContext *s, arg_ri *a)
{
    if (a->rd == 15) {
        return false;
    }
    store_reg(s, a->rd, tcg_constant_i32((uint32_t)a->imm));
    return true;
}

bool trans_MOVT(DisasContext *s, arg_ri *a)
{
    if (a->rd == 15) {
        return false;
    }
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_deposit_i32(t, cpu_R[a->rd], tcg_constant_i32((uint32_t)a->imm), 16, 16);
    store_reg(s, a->rd, t);
    return true;
}

/* MRS Rd, APSR */
bool trans_MRS(DisasContext *s, arg_d *a)
{
    if (a->rd == 15) {
        return false;
    }
    gen_mrs_apsr(s, a->rd);
    return true;
}

/* MSR APSR_<fields>, Rn; writes to the privileged fields are ignored. */
bool trans_MSR_r(DisasContext *s, arg_msr_r *a)
{
    if (a->rn == 15) {
        return false;
    }
    gen_msr_apsr(s, load_reg(s, a->rn), a->mask);
    return true;
}

bool trans_MSR_i(DisasContext *s, arg_msr_i *a)
{
    gen_msr_apsr(s, tcg_constant_i32((uint32_t)a->imm), a->mask);
    return true;
}

bool trans_MRC(DisasContext *s, arg_mcr *a)
{
    return gen_mrc_p15(s, a->opc1, a->crn, a->crm, a->opc2, a->rt);
}

bool trans_MCR(DisasContext *s, arg_mcr *a)
{
    return gen_mcr_p15(s, a->opc1, a->crn, a->crm, a->opc2, a->rt);
}

/* VFP and Advanced SIMD: still decoded by translate-vfp.c from the A32 form
   of the encoding. */
bool trans_VFP(DisasContext *s, arg_insn *a)
{
    return arm_translate_vfp(s, (uint32_t)a->insn);
}

/* ---- Miscellaneous data processing ------------------------------------------------ */

bool trans_CLZ(DisasContext *s, arg_rr *a)
{
    if (a->rd == 15 || a->rm == 15) {
        return false;
    }
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_clz_i32(t, cpu_R[a->rm]);
    store_reg(s, a->rd, t);
    return true;
}

/* QADD, QSUB, QDADD, QDSUB Rd, Rm, Rn: Rm +/- (doubled) Rn, saturated. */
static bool do_qaddsub(DisasContext *s, arg_rrr *a, bool sub, bool dbl)
{
    if (a->rd == 15 || a->rm == 15 || a->rn == 15) {
        return false;
    }
    TCGv_i32 b = load_reg(s, a->rn), r = tcg_temp_new_i32();
    if (dbl) {
        tcg_gen_call(helper_double_saturate, CALL_RW_GLOBALS, TCG_I32, b, tcg_env, b);
    }
    tcg_gen_call(sub ? (void *)helper_sub_saturate : (void *)helper_add_saturate, CALL_RW_GLOBALS,
                 TCG_I32, r, tcg_env, load_reg(s, a->rm), b);
    store_reg(s, a->rd, r);
    return true;
}

bool trans_QADD(DisasContext *s, arg_rrr *a) { return do_qaddsub(s, a, false, false); }
bool trans_QSUB(DisasContext *s, arg_rrr *a) { return do_qaddsub(s, a, true, false); }
bool trans_QDADD(DisasContext *s, arg_rrr *a) { return do_qaddsub(s, a, false, true); }
bool trans_QDSUB(DisasContext *s, arg_rrr *a) { return do_qaddsub(s, a, true, true); }

/* ---- Multiplies (continued) ------------------------------------------------------------ */

/* MLA{S} Rd, Rn, Rm, Ra; MLS Rd, Rn, Rm, Ra */
static bool do_mla(DisasContext *s, arg_s_rrrr *a, bool sub)
{
    if (a->rd == 15 || a->rn == 15 || a->rm == 15 || a->ra == 15) {
        return false;
    }
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_mul_i32(t, cpu_R[a->rn], cpu_R[a->rm]);
    if (sub) {
        tcg_gen_sub_i32(t, cpu_R[a->ra], t);
    } else {
        tcg_gen_add_i32(t, t, cpu_R[a->ra]);
    }
    if (a->s) {
        gen_logic_CC(t);
    }
    store_reg(s, a->rd, t);
    return true;
}

bool trans_MLA(DisasContext *s, arg_s_rrrr *a) { return do_mla(s, a, false); }
bool trans_MLS(DisasContext *s, arg_s_rrrr *a) { return do_mla(s, a, true); }

static bool long_mul_ok(int rdlo, int rdhi, int rn, int rm)
{
    return rdlo != 15 && rdhi != 15 && rn != 15 && rm != 15 && rdlo != rdhi;
}

#define DO_LONG(NAME, SIGNED, ACC)                                                                 \
    bool trans_##NAME(DisasContext *s, arg_s_long *a)                                             \
    {                                                                                              \
        if (!long_mul_ok(a->rdlo, a->rdhi, a->rn, a->rm)) {                                   \
            return false;                                                                          \
        }                                                                                          \
        gen_mul_long(s, SIGNED, ACC, a->s, a->rdlo, a->rdhi, a->rn, a->rm);                        \
        return true;                                                                               \
    }
DO_LONG(UMULL, false, false)
DO_LONG(UMLAL, false, true)
DO_LONG(SMULL, true, false)
DO_LONG(SMLAL, true, true)

bool trans_UMAAL(DisasContext *s, arg_s_long *a)
{
    if (!long_mul_ok(a->rdlo, a->rdhi, a->rn, a->rm)) {
        return false;
    }
    gen_umaal(s, a->rdlo, a->rdhi, a->rn, a->rm);
    return true;
}

/* The signed halfword of v selected by top. */
static TCGv_i32 gen_half(TCGv_i32 v, bool top)
{
    TCGv_i32 t = tcg_temp_new_i32();
    if (top) {
        tcg_gen_sari_i32(t, v, 16);
    } else {
        tcg_gen_ext16s_i32(t, v);
    }
    return t;
}

/* Rd = r + Ra, setting Q on signed overflow (unless ra is 15: r as is). */
static void store_acc_setq(DisasContext *s, int rd, TCGv_i32 r, int ra)
{
    if (ra != 15) {
        tcg_gen_call(helper_add_setq, CALL_RW_GLOBALS, TCG_I32, r, tcg_env, r, cpu_R[ra]);
    }
    store_reg(s, rd, r);
}

/* SMLA<x><y> Rd, Rn, Rm, Ra (Ra = 15: SMUL<x><y>) */
bool trans_SMLAxy(DisasContext *s, arg_rrrr_xy *a)
{
    if (a->rd == 15 || a->rn == 15 || a->rm == 15) {
        return false;
    }
    TCGv_i32 r = tcg_temp_new_i32();
    tcg_gen_mul_i32(r, gen_half(cpu_R[a->rn], a->nt), gen_half(cpu_R[a->rm], a->mt));
    store_acc_setq(s, a->rd, r, a->ra);
    return true;
}

/* SMLAW<y> Rd, Rn, Rm, Ra (Ra = 15: SMULW<y>): bits 47..16 of Rn * half(Rm). */
bool trans_SMLAWy(DisasContext *s, arg_rrrr_xy *a)
{
    if (a->rd == 15 || a->rn == 15 || a->rm == 15) {
        return false;
    }
    TCGv_i32 r = tcg_temp_new_i32(), lo = tcg_temp_new_i32(), hi = tcg_temp_new_i32();
    tcg_gen_muls2_i32(lo, hi, cpu_R[a->rn], gen_half(cpu_R[a->rm], a->mt));
    tcg_gen_shri_i32(lo, lo, 16);
    tcg_gen_shli_i32(hi, hi, 16);
    tcg_gen_or_i32(r, lo, hi);
    store_acc_setq(s, a->rd, r, a->ra);
    return true;
}

/* RdHi:RdLo += sext(p) */
static void gen_acc64(DisasContext *s, int rdlo, int rdhi, TCGv_i64 p)
{
    TCGv_i64 acc = tcg_temp_new_i64();
    TCGv_i32 lo = tcg_temp_new_i32(), hi = tcg_temp_new_i32();
    tcg_gen_concat_i32_i64(acc, cpu_R[rdlo], cpu_R[rdhi]);
    tcg_gen_add_i64(p, p, acc);
    tcg_gen_extrl_i64_i32(lo, p);
    tcg_gen_extrh_i64_i32(hi, p);
    store_reg(s, rdlo, lo);
    store_reg(s, rdhi, hi);
}

/* SMLAL<x><y> RdLo, RdHi, Rn, Rm */
bool trans_SMLALxy(DisasContext *s, arg_long_xy *a)
{
    if (a->rdlo == 15 || a->rdhi == 15 || a->rn == 15 || a->rm == 15 || a->rdlo == a->rdhi) {
        return false;
    }
    TCGv_i32 r = tcg_temp_new_i32();
    TCGv_i64 p = tcg_temp_new_i64();
    tcg_gen_mul_i32(r, gen_half(cpu_R[a->rn], a->nt), gen_half(cpu_R[a->rm], a->mt));
    tcg_gen_ext_i32_i64(p, r);
    gen_acc64(s, a->rdlo, a->rdhi, p);
    return true;
}

/* SMLAD/SMUAD/SMLSD/SMUSD: a.lo*b.lo +/- a.hi*b.hi (+ acc), Q when the
   exact result does not fit in 32 bits. */
static uint32_t helper_dual_mul(CPUARMState *env, uint32_t sub, uint32_t a, uint32_t b, uint32_t acc)
{
    int64_t p1 = (int64_t)(int16_t)a * (int16_t)b;
    int64_t p2 = (int64_t)(int16_t)(a >> 16) * (int16_t)(b >> 16);
    int64_t r = (sub ? p1 - p2 : p1 + p2) + (int32_t)acc;
    if (r != (int32_t)r) {
        env->QF = 1;
    }
    return (uint32_t)r;
}

/* Rm, with its halves swapped when x is set. */
static TCGv_i32 dual_operand(int rm, int x)
{
    TCGv_i32 b = tcg_temp_new_i32();
    if (x) {
        tcg_gen_rotri_i32(b, cpu_R[rm], 16);
    } else {
        tcg_gen_mov_i32(b, cpu_R[rm]);
    }
    return b;
}

/* SMLAD{X}/SMLSD{X} Rd, Rn, Rm, Ra (Ra = 15: SMUAD/SMUSD) */
static bool do_dual(DisasContext *s, arg_rrrr_x *a, bool sub)
{
    if (a->rd == 15 || a->rn == 15 || a->rm == 15) {
        return false;
    }
    TCGv_i32 r = tcg_temp_new_i32();
    TCGv_i32 acc = a->ra == 15 ? tcg_constant_i32(0) : cpu_R[a->ra];
    tcg_gen_call(helper_dual_mul, CALL_RW_GLOBALS, TCG_I32, r, tcg_env, tcg_constant_i32(sub),
                 cpu_R[a->rn], dual_operand(a->rm, a->x), acc);
    store_reg(s, a->rd, r);
    return true;
}

bool trans_SMLAD(DisasContext *s, arg_rrrr_x *a) { return do_dual(s, a, false); }
bool trans_SMLSD(DisasContext *s, arg_rrrr_x *a) { return do_dual(s, a, true); }

/* SMLALD{X}/SMLSLD{X} RdLo, RdHi, Rn, Rm */
static bool do_dual_long(DisasContext *s, arg_long_x *a, bool sub)
{
    if (a->rdlo == 15 || a->rdhi == 15 || a->rn == 15 || a->rm == 15 || a->rdlo == a->rdhi) {
        return false;
    }
    TCGv_i32 b = dual_operand(a->rm, a->x);
    TCGv_i32 p1 = tcg_temp_new_i32(), p2 = tcg_temp_new_i32();
    TCGv_i64 s1 = tcg_temp_new_i64(), s2 = tcg_temp_new_i64();
    tcg_gen_mul_i32(p1, gen_half(cpu_R[a->rn], false), gen_half(b, false));
    tcg_gen_mul_i32(p2, gen_half(cpu_R[a->rn], true), gen_half(b, true));
    tcg_gen_ext_i32_i64(s1, p1);
    tcg_gen_ext_i32_i64(s2, p2);
    if (sub) {
        tcg_gen_sub_i64(s1, s1, s2);
    } else {
        tcg_gen_add_i64(s1, s1, s2);
    }
    gen_acc64(s, a->rdlo, a->rdhi, s1);
    return true;
}

bool trans_SMLALD(DisasContext *s, arg_long_x *a) { return do_dual_long(s, a, false); }
bool trans_SMLSLD(DisasContext *s, arg_long_x *a) { return do_dual_long(s, a, true); }

/* SMMLA{R}/SMMLS{R} Rd, Rn, Rm, Ra (SMMLA with Ra = 15: SMMUL{R}); x = R
   rounds.  The top word of Ra:0 +/- Rn * Rm. */
static bool do_smml(DisasContext *s, arg_rrrr_x *a, bool sub)
{
    if (a->rd == 15 || a->rn == 15 || a->rm == 15 || (sub && a->ra == 15)) {
        return false;
    }
    TCGv_i32 r = tcg_temp_new_i32(), lo = tcg_temp_new_i32(), hi = tcg_temp_new_i32();
    TCGv_i64 p = tcg_temp_new_i64(), acc = tcg_temp_new_i64();
    tcg_gen_muls2_i32(lo, hi, cpu_R[a->rn], cpu_R[a->rm]);
    tcg_gen_concat_i32_i64(p, lo, hi);
    if (a->ra != 15) {
        tcg_gen_concat_i32_i64(acc, tcg_constant_i32(0), cpu_R[a->ra]);
        if (sub) {
            tcg_gen_sub_i64(p, acc, p);
        } else {
            tcg_gen_add_i64(p, acc, p);
        }
    }
    if (a->x) {
        tcg_gen_addi_i64(p, p, 0x80000000u);
    }
    tcg_gen_extrh_i64_i32(r, p);
    store_reg(s, a->rd, r);
    return true;
}

bool trans_SMMLA(DisasContext *s, arg_rrrr_x *a) { return do_smml(s, a, false); }
bool trans_SMMLS(DisasContext *s, arg_rrrr_x *a) { return do_smml(s, a, true); }

/* SDIV/UDIV Rd, Rn, Rm (the Ra field must be 15) */
static bool do_div(DisasContext *s, arg_rrrr_x *a, bool is_signed)
{
    if (a->rd == 15 || a->rn == 15 || a->rm == 15 || a->ra != 15 || !arm_has(ARM_FEAT_IDIV)) {
        return false;
    }
    TCGv_i32 r = tcg_temp_new_i32();
    tcg_gen_call(is_signed ? (void *)helper_sdiv : (void *)helper_udiv, CALL_NO_RWG | CALL_PURE,
                 TCG_I32, r, cpu_R[a->rn], cpu_R[a->rm]);
    store_reg(s, a->rd, r);
    return true;
}

bool trans_SDIV(DisasContext *s, arg_rrrr_x *a) { return do_div(s, a, true); }
bool trans_UDIV(DisasContext *s, arg_rrrr_x *a) { return do_div(s, a, false); }

/* USADA8 Rd, Rn, Rm, Ra (Ra = 15: USAD8) */
bool trans_USADA8(DisasContext *s, arg_rrrr_x *a)
{
    if (a->rd == 15 || a->rn == 15 || a->rm == 15) {
        return false;
    }
    TCGv_i32 r = tcg_temp_new_i32();
    tcg_gen_call(helper_usad8, CALL_NO_RWG | CALL_PURE, TCG_I32, r, cpu_R[a->rn], cpu_R[a->rm]);
    if (a->ra != 15) {
        tcg_gen_add_i32(r, r, cpu_R[a->ra]);
    }
    store_reg(s, a->rd, r);
    return true;
}

/* ---- Media: parallel add/subtract, packing, saturation, bit fields ---------------------- */

/* UADD8 inline (glibc's string functions find zero bytes with uadd8 and
   sel): the four byte sums without carries between lanes, and GE bit i =
   the carry out of byte i.  The carries sit at bits 7, 15, 23, 31; after
   >> 7 at 0, 8, 16, 24, and the multiply by 1 + 2^7 + 2^14 + 2^21 moves them
   to bits 21..24 without any two partial products overlapping. */
static void gen_uadd8(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    TCGv_i32 t = tcg_temp_new_i32(), u = tcg_temp_new_i32(), x = tcg_temp_new_i32();
    tcg_gen_andi_i32(t, a, 0x7f7f7f7f);
    tcg_gen_andi_i32(u, b, 0x7f7f7f7f);
    tcg_gen_add_i32(t, t, u);           /* low 7 bits of each lane, carry into bit 7 */
    tcg_gen_xor_i32(x, a, b);
    tcg_gen_andi_i32(u, x, 0x80808080);
    tcg_gen_xor_i32(t, t, u);           /* t = the lane sums */
    tcg_gen_andc_i32(x, x, t);          /* (a ^ b) & ~sum */
    tcg_gen_and_i32(u, a, b);
    tcg_gen_or_i32(x, x, u);            /* carry out = a & b | (a ^ b) & ~sum */
    tcg_gen_shri_i32(x, x, 7);
    tcg_gen_andi_i32(x, x, 0x01010101);
    tcg_gen_muli_i32(x, x, 0x00204081);
    tcg_gen_extract_i32(cpu_GE, x, 21, 4);
    tcg_gen_mov_i32(r, t);
}

/* The parallel add/subtract family (SADD16 ... UHSUB8): op = A32 op1 << 3 | op2. */
bool trans_PAR(DisasContext *s, arg_par *a)
{
    int op1 = a->op >> 3, op2 = a->op & 7;
    if (op1 == 0 || op1 == 4 || op2 == 5 || op2 == 6) {
        return false;
    }
    if (a->rd == 15 || a->rn == 15 || a->rm == 15) {
        return false;
    }
    TCGv_i32 r = tcg_temp_new_i32();
    if (a->op == (5 << 3 | 4)) {
        gen_uadd8(r, cpu_R[a->rn], cpu_R[a->rm]);
    } else {
        tcg_gen_call(helper_parallel, CALL_RW_GLOBALS, TCG_I32, r, tcg_env, tcg_constant_i32((uint32_t)a->op),
                     cpu_R[a->rn], cpu_R[a->rm]);
    }
    store_reg(s, a->rd, r);
    return true;
}

/* PKHBT Rd, Rn, Rm, LSL #sh (Rn bottom) / PKHTB Rd, Rn, Rm, ASR #sh (Rn top) */
bool trans_PKH(DisasContext *s, arg_pkh *a)
{
    if (a->rd == 15 || a->rn == 15 || a->rm == 15) {
        return false;
    }
    TCGv_i32 t = load_reg(s, a->rm);
    if (a->tb) {
        gen_shift_imm(t, 2, a->shim, false);
        tcg_gen_deposit_i32(t, cpu_R[a->rn], t, 0, 16);
    } else {
        tcg_gen_shli_i32(t, t, (unsigned)a->shim);
        tcg_gen_deposit_i32(t, t, cpu_R[a->rn], 0, 16);
    }
    store_reg(s, a->rd, t);
    return true;
}

bool trans_SEL(DisasContext *s, arg_rrr *a)
{
    if (a->rd == 15 || a->rn == 15 || a->rm == 15) {
        return false;
    }
    /* mask byte i = 0xff when GE bit i: the multiply by 1 + 2^7 + 2^14 +
       2^21 puts bit i at bit 8i (no partial products overlap). */
    TCGv_i32 m = tcg_temp_new_i32(), t = tcg_temp_new_i32(), u = tcg_temp_new_i32();
    tcg_gen_muli_i32(m, cpu_GE, 0x00204081);
    tcg_gen_andi_i32(m, m, 0x01010101);
    tcg_gen_muli_i32(m, m, 0xff);
    tcg_gen_and_i32(t, cpu_R[a->rn], m);
    tcg_gen_andc_i32(u, cpu_R[a->rm], m);
    tcg_gen_or_i32(t, t, u);
    store_reg(s, a->rd, t);
    return true;
}

static bool do_sat(DisasContext *s, arg_sat *a, bool is_unsigned)
{
    if (a->rd == 15 || a->rn == 15) {
        return false;
    }
    gen_sat(s, is_unsigned, a->rd, a->satimm, a->rn, a->sh, a->shim);
    return true;
}

static bool do_sat16(DisasContext *s, arg_sat *a, bool is_unsigned)
{
    if (a->rd == 15 || a->rn == 15) {
        return false;
    }
    gen_sat16(s, is_unsigned, a->rd, a->satimm, a->rn);
    return true;
}

bool trans_SSAT(DisasContext *s, arg_sat *a) { return do_sat(s, a, false); }
bool trans_USAT(DisasContext *s, arg_sat *a) { return do_sat(s, a, true); }
bool trans_SSAT16(DisasContext *s, arg_sat *a) { return do_sat16(s, a, false); }
bool trans_USAT16(DisasContext *s, arg_sat *a) { return do_sat16(s, a, true); }

bool trans_RBIT(DisasContext *s, arg_rr *a)
{
    if (a->rd == 15 || a->rm == 15) {
        return false;
    }
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_call(helper_rbit, CALL_NO_RWG | CALL_PURE, TCG_I32, t, cpu_R[a->rm]);
    store_reg(s, a->rd, t);
    return true;
}

/* SBFX/UBFX Rd, Rn, #lsb, #width */
static bool do_bfx(DisasContext *s, arg_bfx *a, bool is_signed)
{
    if (a->rd == 15 || a->rn == 15 || a->lsb + a->widthm1 > 31) {
        return false;
    }
    TCGv_i32 t = tcg_temp_new_i32();
    if (is_signed) {
        tcg_gen_sextract_i32(t, cpu_R[a->rn], (unsigned)a->lsb, (unsigned)a->widthm1 + 1);
    } else {
        tcg_gen_extract_i32(t, cpu_R[a->rn], (unsigned)a->lsb, (unsigned)a->widthm1 + 1);
    }
    store_reg(s, a->rd, t);
    return true;
}

bool trans_SBFX(DisasContext *s, arg_bfx *a) { return do_bfx(s, a, true); }
bool trans_UBFX(DisasContext *s, arg_bfx *a) { return do_bfx(s, a, false); }

/* BFI Rd, Rn, #lsb, #width (Rn = 15: BFC) */
bool trans_BFI(DisasContext *s, arg_bfi *a)
{
    if (a->rd == 15 || a->msb < a->lsb) {
        return false;
    }
    TCGv_i32 t = tcg_temp_new_i32();
    TCGv_i32 src = a->rn == 15 ? tcg_constant_i32(0) : cpu_R[a->rn];
    tcg_gen_deposit_i32(t, cpu_R[a->rd], src, (unsigned)a->lsb, (unsigned)(a->msb - a->lsb + 1));
    store_reg(s, a->rd, t);
    return true;
}

/* ---- Doubleword, exclusive and atomic accesses -------------------------------------------- */

/* LDRD/STRD Rt, Rt2, [Rn, +/-offset]{!} or [Rn], +/-offset; offset is a
   register or (NULL) the immediate imm. */
static bool do_ldstd(DisasContext *s, int p, int w, int u, int rn, int rt, int rt2, TCGv_i32 offset,
                     int imm, bool load)
{
    bool wback = !p || w;
    if (rt == 15 || rt2 == 15 || (load && rt == rt2) || (wback && (rn == 15 || rn == rt || rn == rt2))) {
        return false;
    }
    if (!load && rn == 15 && s->thumb) {
        return false;
    }
    TCGv_i32 wb;
    TCGv_i32 addr = gen_ldst_addr(s, p, wback, u, rn, offset, imm, &wb);
    TCGv_i32 addr2 = tcg_temp_new_i32();
    tcg_gen_addi_i32(addr2, addr, 4);
    if (load) {
        TCGv_i32 lo = tcg_temp_new_i32(), hi = tcg_temp_new_i32();
        gen_ld(s, lo, addr, MO_32);
        gen_ld(s, hi, addr2, MO_32);
        if (wb) {
            store_reg(s, rn, wb);
        }
        store_reg(s, rt, lo);
        store_reg(s, rt2, hi);
    } else {
        gen_st(s, reg_val(s, rt), addr, MO_32);
        gen_st(s, reg_val(s, rt2), addr2, MO_32);
        if (wb) {
            store_reg(s, rn, wb);
        }
    }
    return true;
}

bool trans_LDRD_ri(DisasContext *s, arg_ldstd_ri *a)
{
    return do_ldstd(s, a->p, a->w, a->u, a->rn, a->rt, a->rt2, 0, a->imm, true);
}

bool trans_STRD_ri(DisasContext *s, arg_ldstd_ri *a)
{
    return do_ldstd(s, a->p, a->w, a->u, a->rn, a->rt, a->rt2, 0, a->imm, false);
}

static bool do_ldstd_rr(DisasContext *s, arg_ldstd_rr *a, bool load)
{
    if (a->rm == 15) {
        return false;
    }
    return do_ldstd(s, a->p, a->w, a->u, a->rn, a->rt, a->rt2, load_reg(s, a->rm), 0, load);
}

bool trans_LDRD_rr(DisasContext *s, arg_ldstd_rr *a) { return do_ldstd_rr(s, a, true); }
bool trans_STRD_rr(DisasContext *s, arg_ldstd_rr *a) { return do_ldstd_rr(s, a, false); }

/* The address of an exclusive access: Rn + imm. */
static TCGv_i32 excl_addr(DisasContext *s, int rn, int imm)
{
    if (imm == 0) {
        return load_reg(s, rn);
    }
    TCGv_i32 addr = tcg_temp_new_i32();
    tcg_gen_addi_i32(addr, cpu_R[rn], (uint32_t)imm);
    return addr;
}

/* LDREX{B,H,D} Rt{, Rt2}, [Rn{, #imm}] */
static bool do_ldrex(DisasContext *s, arg_ldrex *a, unsigned size)
{
    if (a->rn == 15 || a->rt == 15 || (size == MO_64 && (a->rt2 == 15 || a->rt2 == a->rt))) {
        return false;
    }
    gen_ldrex(s, a->rt, a->rt2, excl_addr(s, a->rn, a->imm), size);
    return true;
}

/* STREX{B,H,D} Rd, Rt{, Rt2}, [Rn{, #imm}] */
static bool do_strex(DisasContext *s, arg_strex *a, unsigned size)
{
    if (a->rn == 15 || a->rd == 15 || a->rt == 15 || a->rd == a->rn || a->rd == a->rt ||
        (size == MO_64 && (a->rt2 == 15 || a->rd == a->rt2))) {
        return false;
    }
    gen_strex(s, a->rd, a->rt, a->rt2, excl_addr(s, a->rn, a->imm), size);
    return true;
}

bool trans_LDREX(DisasContext *s, arg_ldrex *a) { return do_ldrex(s, a, MO_32); }
bool trans_LDREXB(DisasContext *s, arg_ldrex *a) { return do_ldrex(s, a, MO_8); }
bool trans_LDREXH(DisasContext *s, arg_ldrex *a) { return do_ldrex(s, a, MO_16); }
bool trans_LDREXD(DisasContext *s, arg_ldrex *a) { return do_ldrex(s, a, MO_64); }
bool trans_STREX(DisasContext *s, arg_strex *a) { return do_strex(s, a, MO_32); }
bool trans_STREXB(DisasContext *s, arg_strex *a) { return do_strex(s, a, MO_8); }
bool trans_STREXH(DisasContext *s, arg_strex *a) { return do_strex(s, a, MO_16); }
bool trans_STREXD(DisasContext *s, arg_strex *a) { return do_strex(s, a, MO_64); }

/* ARMv8 load-acquire / store-release (exclusive or not): the access with a
   full barrier after the load or before the store. */
static bool do_lda(DisasContext *s, arg_ldrex *a, unsigned size, bool excl)
{
    if (!arm_has(ARM_FEAT_V8) || a->rn == 15 || a->rt == 15) {
        return false;
    }
    if (excl) {
        if (!do_ldrex(s, a, size)) {
            return false;
        }
    } else {
        TCGv_i32 v = tcg_temp_new_i32();
        gen_ld(s, v, load_reg(s, a->rn), size | MO_ALIGN); /* misaligned: SIGBUS */
        store_reg(s, a->rt, v);
    }
    tcg_gen_mb();
    return true;
}

static bool do_stl(DisasContext *s, arg_ldrex *a, unsigned size)
{
    if (!arm_has(ARM_FEAT_V8) || a->rn == 15 || a->rt == 15) {
        return false;
    }
    tcg_gen_mb();
    gen_st(s, load_reg(s, a->rt), load_reg(s, a->rn), size | MO_ALIGN);
    return true;
}

static bool do_stlex(DisasContext *s, arg_strex *a, unsigned size)
{
    if (!arm_has(ARM_FEAT_V8)) {
        return false;
    }
    tcg_gen_mb();
    return do_strex(s, a, size);
}

bool trans_LDA(DisasContext *s, arg_ldrex *a) { return do_lda(s, a, MO_32, false); }
bool trans_LDAB(DisasContext *s, arg_ldrex *a) { return do_lda(s, a, MO_8, false); }
bool trans_LDAH(DisasContext *s, arg_ldrex *a) { return do_lda(s, a, MO_16, false); }
bool trans_LDAEX(DisasContext *s, arg_ldrex *a) { return do_lda(s, a, MO_32, true); }
bool trans_LDAEXB(DisasContext *s, arg_ldrex *a) { return do_lda(s, a, MO_8, true); }
bool trans_LDAEXH(DisasContext *s, arg_ldrex *a) { return do_lda(s, a, MO_16, true); }
bool trans_LDAEXD(DisasContext *s, arg_ldrex *a) { return do_lda(s, a, MO_64, true); }
bool trans_STL(DisasContext *s, arg_ldrex *a) { return do_stl(s, a, MO_32); }
bool trans_STLB(DisasContext *s, arg_ldrex *a) { return do_stl(s, a, MO_8); }
bool trans_STLH(DisasContext *s, arg_ldrex *a) { return do_stl(s, a, MO_16); }
bool trans_STLEX(DisasContext *s, arg_strex *a) { return do_stlex(s, a, MO_32); }
bool trans_STLEXB(DisasContext *s, arg_strex *a) { return do_stlex(s, a, MO_8); }
bool trans_STLEXH(DisasContext *s, arg_strex *a) { return do_stlex(s, a, MO_16); }
bool trans_STLEXD(DisasContext *s, arg_strex *a) { return do_stlex(s, a, MO_64); }

/* CRC32{C}{B,H,W} Rd, Rn, Rm: Rn is the running CRC, Rm the data. */
bool trans_CRC32(DisasContext *s, arg_crc *a)
{
    if (!arm_has(ARM_FEAT_CRC) || a->sz == 3 || a->rd == 15 || a->rn == 15 || a->rm == 15) {
        return false;
    }
    TCGv_i32 r = tcg_temp_new_i32();
    tcg_gen_call(helper_crc32, CALL_NO_RWG | CALL_PURE, TCG_I32, r, cpu_R[a->rn], cpu_R[a->rm],
                 tcg_constant_i32((uint32_t)(a->sz | a->c << 2)));
    store_reg(s, a->rd, r);
    return true;
}

/* SB (speculation barrier, ARMv8.5): nothing to hold back in an emulator. */
bool trans_SB(DisasContext *s, arg_empty *a)
{
    if (!arm_has(ARM_FEAT_SB)) {
        return false;
    }
    tcg_gen_mb();
    return true;
}

bool trans_CLREX(DisasContext *s, arg_empty *a)
{
    gen_clrex(s);
    return true;
}

/* DMB, DSB, ISB: a full barrier each. */
bool trans_DMB(DisasContext *s, arg_empty *a)
{
    tcg_gen_mb();
    return true;
}

bool trans_DSB(DisasContext *s, arg_empty *a) { return trans_DMB(s, a); }
bool trans_ISB(DisasContext *s, arg_empty *a) { return trans_DMB(s, a); }

/* ---- Branches with link ------------------------------------------------------------------- */

/* BL label (same state) */
bool trans_BL(DisasContext *s, arg_i *a)
{
    store_reg(s, 14, tcg_constant_i32(link_addr(s)));
    gen_ret_push(s);
    gen_jmp(s, arm_read_pc(s) + (uint32_t)a->imm);
    return true;
}

/* BLX label: to the other state; the target is Align(PC, 4) + imm. */
bool trans_BLX_i(DisasContext *s, arg_i *a)
{
    store_reg(s, 14, tcg_constant_i32(link_addr(s)));
    gen_ret_push(s);
    gen_bx_im(s, (arm_read_pc(s) & ~3u) + (uint32_t)a->imm);
    return true;
}
