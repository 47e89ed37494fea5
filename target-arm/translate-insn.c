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
    if (load && rt == 15 && memop != MO_32) {
        return false;
    }
    TCGv_i32 addr, wb = 0;
    if (!offset && rn == 15) { /* literal: Align(PC, 4) +/- imm */
        addr = add_reg_for_lit(s, 15, u ? imm : -imm);
    } else {
        TCGv_i32 base = rn == 15 ? add_reg_for_lit(s, 15, 0) : reg_val(s, rn);
        TCGv_i32 off = tcg_temp_new_i32();
        if (!offset) {
            tcg_gen_addi_i32(off, base, (uint32_t)(u ? imm : -imm));
        } else if (u) {
            tcg_gen_add_i32(off, base, offset);
        } else {
            tcg_gen_sub_i32(off, base, offset);
        }
        addr = p ? off : base;
        wb = wback ? off : 0;
    }
    if (load) {
        TCGv_i32 v = tcg_temp_new_i32();
        gen_ld(s, v, addr, memop);
        if (wb) {
            store_reg(s, rn, wb);
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
    if (a->rn == 15 || a->list == 0) {
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
    gen_bx(s, load_reg(s, a->rm));
    return true;
}

bool trans_BLX_r(DisasContext *s, arg_r *a)
{
    if (a->rm == 15) {
        return false;
    }
    TCGv_i32 dest = load_reg(s, a->rm);
    store_reg(s, 14, tcg_constant_i32(s->thumb ? s->pc_next | 1 : s->pc_next));
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
