/*
 * A32 (ARM state) decoder, ARMv7-A user mode.
 *
 * One table of (mask, value, translator) rows per encoding space, searched
 * in order: the first row whose fixed bits match decides.  Rows follow the
 * ARM ARM's decoding tables (section A5); more specific rows come first
 * where the architecture carves exceptions out of a wider pattern.  A
 * translator returns false for encodings that are UNDEFINED (or
 * UNPREDICTABLE and not worth emulating): the caller raises SIGILL.
 *
 * The condition field is handled once, in arm_translate_a32: cond 0xF
 * selects the unconditional table, anything else but AL makes the
 * instruction conditional (arm_skip_unless).
 */
#include <stdlib.h>

#include "target-arm/translate.h"

typedef bool TransFn(DisasContext *s, uint32_t insn);
typedef struct DecodeRow {
    uint32_t mask, value;
    TransFn *fn;
} DecodeRow;

/* Instruction fields. */
#define BITS(insn, hi, lo) (((insn) >> (lo)) & ((2u << ((hi) - (lo))) - 1))
#define BIT(insn, n) (((insn) >> (n)) & 1)
#define RN(insn) ((int)BITS(insn, 19, 16))
#define RD(insn) ((int)BITS(insn, 15, 12))
#define RS(insn) ((int)BITS(insn, 11, 8))
#define RM(insn) ((int)BITS(insn, 3, 0))

static TCGv_i32 new_tmp(void) { return tcg_temp_new_i32(); }

/* ---- Data processing ------------------------------------------------------ */

static bool dp_is_logical(int op)
{
    return op == ARM_DP_AND || op == ARM_DP_EOR || op == ARM_DP_TST || op == ARM_DP_TEQ ||
           op >= ARM_DP_ORR;
}

/* <op>{S} Rd, Rn, Rm, <shift> #imm */
static bool trans_dp_reg(DisasContext *s, uint32_t insn)
{
    int op = (int)BITS(insn, 24, 21);
    bool set_cc = BIT(insn, 20);
    TCGv_i32 op2;
    if (BITS(insn, 11, 5) == 0) { /* LSL #0: the register as is */
        op2 = reg_val(s, RM(insn));
    } else {
        op2 = load_reg(s, RM(insn));
        gen_shift_imm(op2, (int)BITS(insn, 6, 5), (int)BITS(insn, 11, 7), set_cc && dp_is_logical(op));
    }
    gen_data_proc(s, op, set_cc, RD(insn), RN(insn), op2);
    return true;
}

/* <op>{S} Rd, Rn, Rm, <shift> Rs */
static bool trans_dp_rsr(DisasContext *s, uint32_t insn)
{
    int op = (int)BITS(insn, 24, 21);
    bool set_cc = BIT(insn, 20);
    if (RD(insn) == 15 || RN(insn) == 15 || RM(insn) == 15 || RS(insn) == 15) {
        return false; /* UNPREDICTABLE */
    }
    TCGv_i32 op2 = load_reg(s, RM(insn));
    TCGv_i32 sh = load_reg(s, RS(insn));
    gen_shift_reg(op2, (int)BITS(insn, 6, 5), sh, set_cc && dp_is_logical(op));
    gen_data_proc(s, op, set_cc, RD(insn), RN(insn), op2);
    return true;
}

/* <op>{S} Rd, Rn, #<modified immediate> */
static bool trans_dp_imm(DisasContext *s, uint32_t insn)
{
    int op = (int)BITS(insn, 24, 21);
    bool set_cc = BIT(insn, 20);
    unsigned rot = BITS(insn, 11, 8) * 2;
    uint32_t imm = BITS(insn, 7, 0);
    imm = rot ? (imm >> rot | imm << (32 - rot)) : imm;
    TCGv_i32 op2 = tcg_constant_i32(imm); /* gen_data_proc only reads op2 */
    if (set_cc && rot && dp_is_logical(op)) {
        tcg_gen_movi_i32(cpu_CF, imm >> 31);
    }
    gen_data_proc(s, op, set_cc, RD(insn), RN(insn), op2);
    return true;
}

static bool trans_movw_movt(DisasContext *s, uint32_t insn)
{
    uint32_t imm = BITS(insn, 19, 16) << 12 | BITS(insn, 11, 0);
    int rd = RD(insn);
    if (rd == 15) {
        return false;
    }
    TCGv_i32 t = new_tmp();
    if (BIT(insn, 22)) { /* MOVT */
        tcg_gen_deposit_i32(t, cpu_R[rd], tcg_constant_i32(imm), 16, 16);
    } else {
        tcg_gen_movi_i32(t, imm);
    }
    store_reg(s, rd, t);
    return true;
}

/* MSR APSR, #imm and the hints (NOP, YIELD, WFE, WFI, SEV, DBG). */
static bool trans_msr_imm_hint(DisasContext *s, uint32_t insn)
{
    int mask = (int)BITS(insn, 19, 18);
    if (BIT(insn, 22)) {
        return false; /* SPSR */
    }
    if (BITS(insn, 19, 16) == 0) {
        return true; /* hints: all no-ops for a user-mode emulator */
    }
    unsigned rot = BITS(insn, 11, 8) * 2;
    uint32_t imm = BITS(insn, 7, 0);
    imm = rot ? (imm >> rot | imm << (32 - rot)) : imm;
    gen_msr_apsr(s, tcg_constant_i32(imm), mask); /* control/extension fields: ignored */
    return true;
}

/* ---- Miscellaneous (A5.2.12) ----------------------------------------------- */

static bool trans_misc(DisasContext *s, uint32_t insn)
{
    unsigned op = BITS(insn, 22, 21), op2 = BITS(insn, 6, 4);
    int rd = RD(insn), rm = RM(insn), rn = RN(insn);
    TCGv_i32 t;

    switch (op2) {
    case 0:
        if (BIT(insn, 9) || BIT(insn, 22)) {
            return false; /* banked registers, SPSR */
        }
        if (op == 0) { /* MRS Rd, APSR */
            if (rd == 15) {
                return false;
            }
            gen_mrs_apsr(s, rd);
        } else { /* MSR APSR_<fields>, Rn */
            if (rm == 15) {
                return false;
            }
            gen_msr_apsr(s, load_reg(s, rm), (int)BITS(insn, 19, 18));
        }
        return true;
    case 1:
        if (op == 1) { /* BX */
            gen_bx(s, load_reg(s, rm));
            return true;
        }
        if (op == 3) { /* CLZ */
            if (rd == 15 || rm == 15) {
                return false;
            }
            t = new_tmp();
            tcg_gen_clz_i32(t, cpu_R[rm]);
            store_reg(s, rd, t);
            return true;
        }
        return false;
    case 2: /* BXJ: no Jazelle, so it is BX */
        if (op != 1) {
            return false;
        }
        gen_bx(s, load_reg(s, rm));
        return true;
    case 3: /* BLX Rm */
        if (op != 1 || rm == 15) {
            return false;
        }
        t = load_reg(s, rm);
        tcg_gen_movi_i32(cpu_R[14], s->pc + 4);
        gen_bx(s, t);
        return true;
    case 5: { /* QADD, QSUB, QDADD, QDSUB Rd, Rm, Rn */
        if (rd == 15 || rm == 15 || rn == 15) {
            return false;
        }
        TCGv_i32 b = load_reg(s, rn), r = new_tmp();
        if (op & 2) {
            tcg_gen_call(helper_double_saturate, CALL_RW_GLOBALS, TCG_I32, b, tcg_env, b);
        }
        tcg_gen_call(op & 1 ? helper_sub_saturate : helper_add_saturate, CALL_RW_GLOBALS,
                     TCG_I32, r, tcg_env, load_reg(s, rm), b);
        store_reg(s, rd, r);
        return true;
    }
    case 7:
        if (op == 1) { /* BKPT */
            gen_exception_insn(s, EXCP_BKPT);
            return true;
        }
        return false; /* HVC, SMC */
    }
    return false;
}

/* ---- Multiplies ------------------------------------------------------------- */

/* MUL, MLA, MLS, UMAAL, UMULL, UMLAL, SMULL, SMLAL (A5.2.5) */
static bool trans_mul(DisasContext *s, uint32_t insn)
{
    unsigned op = BITS(insn, 23, 21);
    bool set_cc = BIT(insn, 20);
    int rdhi = RN(insn), rdlo = RD(insn), rm = RS(insn), rn = RM(insn);
    if (rdhi == 15 || rn == 15 || rm == 15 || (op != 0 && rdlo == 15)) {
        return false;
    }
    TCGv_i32 t;
    switch (op) {
    case 0: /* MUL */
    case 1: /* MLA */
    case 3: /* MLS */
        if (op == 3 && set_cc) {
            return false;
        }
        t = new_tmp();
        tcg_gen_mul_i32(t, cpu_R[rn], cpu_R[rm]);
        if (op == 1) {
            tcg_gen_add_i32(t, t, cpu_R[rdlo]);
        } else if (op == 3) {
            tcg_gen_sub_i32(t, cpu_R[rdlo], t);
        }
        if (set_cc) {
            gen_logic_CC(t);
        }
        store_reg(s, rdhi, t);
        return true;
    case 2: /* UMAAL */
        if (set_cc) {
            return false;
        }
        gen_umaal(s, rdlo, rdhi, rn, rm);
        return true;
    case 4: case 5: case 6: case 7:
        gen_mul_long(s, op & 2, op & 1, set_cc, rdlo, rdhi, rn, rm);
        return true;
    }
    return false;
}

/* The signed halfword of v selected by top. */
static TCGv_i32 gen_half(TCGv_i32 v, bool top)
{
    TCGv_i32 t = new_tmp();
    if (top) {
        tcg_gen_sari_i32(t, v, 16);
    } else {
        tcg_gen_ext16s_i32(t, v);
    }
    return t;
}

/* SMLA<x><y>, SMLAW<y>, SMULW<y>, SMLAL<x><y>, SMUL<x><y> (A5.2.7) */
static bool trans_halfmul(DisasContext *s, uint32_t insn)
{
    unsigned op = BITS(insn, 22, 21);
    int rd = RN(insn), ra = RD(insn), rm = RS(insn), rn = RM(insn);
    bool n_top = BIT(insn, 5), m_top = BIT(insn, 6);
    if (rd == 15 || rm == 15 || rn == 15) {
        return false;
    }
    TCGv_i32 r = new_tmp();
    TCGv_i32 b = gen_half(cpu_R[rm], m_top);
    switch (op) {
    case 0: /* SMLAxy */
    case 3: /* SMULxy */
        tcg_gen_mul_i32(r, gen_half(cpu_R[rn], n_top), b);
        if (op == 0) {
            if (ra == 15) {
                return false;
            }
            tcg_gen_call(helper_add_setq, CALL_RW_GLOBALS, TCG_I32, r, tcg_env, r, cpu_R[ra]);
        }
        store_reg(s, rd, r);
        return true;
    case 1: { /* SMLAWy (bit 5 clear), SMULWy: top 32 bits of the 48-bit product */
        TCGv_i32 lo = new_tmp(), hi = new_tmp();
        tcg_gen_muls2_i32(lo, hi, cpu_R[rn], b);
        tcg_gen_shri_i32(lo, lo, 16);
        tcg_gen_shli_i32(hi, hi, 16);
        tcg_gen_or_i32(r, lo, hi);
        if (!n_top) {
            if (ra == 15) {
                return false;
            }
            tcg_gen_call(helper_add_setq, CALL_RW_GLOBALS, TCG_I32, r, tcg_env, r, cpu_R[ra]);
        }
        store_reg(s, rd, r);
        return true;
    }
    case 2: { /* SMLALxy RdLo(ra), RdHi(rd) */
        TCGv_i64 p = tcg_temp_new_i64(), acc = tcg_temp_new_i64();
        TCGv_i32 lo = new_tmp(), hi = new_tmp();
        if (ra == 15) {
            return false;
        }
        tcg_gen_mul_i32(r, gen_half(cpu_R[rn], n_top), b);
        tcg_gen_ext_i32_i64(p, r);
        tcg_gen_concat_i32_i64(acc, cpu_R[ra], cpu_R[rd]);
        tcg_gen_add_i64(p, p, acc);
        tcg_gen_extrl_i64_i32(lo, p);
        tcg_gen_extrh_i64_i32(hi, p);
        store_reg(s, ra, lo);
        store_reg(s, rd, hi);
        return true;
    }
    }
    return false;
}

/* SMLAD/SMUAD/SMLSD/SMUSD: a.lo*b.lo +/- a.hi*b.hi (+ acc), Q on overflow. */
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

/* Signed multiplies and divides of the media space (A5.4.4). */
static bool trans_media_mul(DisasContext *s, uint32_t insn)
{
    unsigned op1 = BITS(insn, 22, 20), op2 = BITS(insn, 7, 5);
    int rd = RN(insn), ra = RD(insn), rm = RS(insn), rn = RM(insn);
    if (rd == 15 || rm == 15 || rn == 15) {
        return false;
    }
    TCGv_i32 r = new_tmp();
    TCGv_i32 b = load_reg(s, rm);
    if ((op1 == 0 || op1 == 4) && op2 < 4) {
        bool sub = op2 & 2;
        if (op2 & 1) { /* M: swap the halves of Rm */
            tcg_gen_rotri_i32(b, b, 16);
        }
        if (op1 == 0) { /* SMLAD, SMLSD; Ra == 15: SMUAD, SMUSD */
            TCGv_i32 acc = ra == 15 ? tcg_constant_i32(0) : cpu_R[ra];
            tcg_gen_call(helper_dual_mul, CALL_RW_GLOBALS, TCG_I32, r, tcg_env,
                         tcg_constant_i32(sub), cpu_R[rn], b, acc);
            store_reg(s, rd, r);
            return true;
        }
        /* SMLALD, SMLSLD RdLo(ra), RdHi(rd) */
        if (ra == 15) {
            return false;
        }
        TCGv_i32 p1 = new_tmp(), p2 = new_tmp(), lo = new_tmp(), hi = new_tmp();
        TCGv_i64 s1 = tcg_temp_new_i64(), s2 = tcg_temp_new_i64(), acc = tcg_temp_new_i64();
        tcg_gen_mul_i32(p1, gen_half(cpu_R[rn], false), gen_half(b, false));
        tcg_gen_mul_i32(p2, gen_half(cpu_R[rn], true), gen_half(b, true));
        tcg_gen_ext_i32_i64(s1, p1);
        tcg_gen_ext_i32_i64(s2, p2);
        if (sub) {
            tcg_gen_sub_i64(s1, s1, s2);
        } else {
            tcg_gen_add_i64(s1, s1, s2);
        }
        tcg_gen_concat_i32_i64(acc, cpu_R[ra], cpu_R[rd]);
        tcg_gen_add_i64(s1, s1, acc);
        tcg_gen_extrl_i64_i32(lo, s1);
        tcg_gen_extrh_i64_i32(hi, s1);
        store_reg(s, ra, lo);
        store_reg(s, rd, hi);
        return true;
    }
    if ((op1 == 1 || op1 == 3) && op2 == 0) { /* SDIV, UDIV Rd, Rn, Rm */
        if (ra != 15) {
            return false;
        }
        tcg_gen_call(op1 == 1 ? helper_sdiv : helper_udiv, CALL_NO_RWG | CALL_PURE, TCG_I32, r,
                     cpu_R[rn], b);
        store_reg(s, rd, r);
        return true;
    }
    if (op1 == 5 && (op2 <= 1 || op2 >= 6)) {
        /* SMMUL (Ra == 15), SMMLA, SMMLS; bit 5 = R rounds */
        TCGv_i32 lo = new_tmp(), hi = new_tmp();
        TCGv_i64 p = tcg_temp_new_i64(), acc = tcg_temp_new_i64();
        if (op2 >= 6 && ra == 15) {
            return false;
        }
        tcg_gen_muls2_i32(lo, hi, cpu_R[rn], b);
        tcg_gen_concat_i32_i64(p, lo, hi);
        if (ra != 15) {
            tcg_gen_concat_i32_i64(acc, tcg_constant_i32(0), cpu_R[ra]);
            if (op2 >= 6) {
                tcg_gen_sub_i64(p, acc, p);
            } else {
                tcg_gen_add_i64(p, acc, p);
            }
        }
        if (op2 & 1) {
            tcg_gen_addi_i64(p, p, 0x80000000u);
        }
        tcg_gen_extrh_i64_i32(r, p);
        store_reg(s, rd, r);
        return true;
    }
    return false;
}

/* ---- Media: parallel add/sub, packing, extension, bit fields (A5.4) ------------------ */

static bool trans_parallel(DisasContext *s, uint32_t insn)
{
    unsigned op1 = BITS(insn, 22, 20), op2 = BITS(insn, 7, 5);
    if (op1 == 0 || op1 == 4 || op2 == 5 || op2 == 6) {
        return false;
    }
    if (RD(insn) == 15 || RN(insn) == 15 || RM(insn) == 15) {
        return false;
    }
    TCGv_i32 r = new_tmp();
    tcg_gen_call(helper_parallel, CALL_RW_GLOBALS, TCG_I32, r, tcg_env,
                 tcg_constant_i32(op1 << 3 | op2), cpu_R[RN(insn)], cpu_R[RM(insn)]);
    store_reg(s, RD(insn), r);
    return true;
}

/* Add two values lane by lane (16-bit lanes, no carry between them). */
static void gen_add16(TCGv_i32 r, TCGv_i32 a, TCGv_i32 b)
{
    TCGv_i32 lo = new_tmp(), hi = new_tmp();
    tcg_gen_add_i32(lo, a, b);
    tcg_gen_andi_i32(hi, a, 0xffff0000u);
    tcg_gen_add_i32(hi, hi, b);
    tcg_gen_andi_i32(hi, hi, 0xffff0000u);
    tcg_gen_deposit_i32(r, hi, lo, 0, 16);
}

/* SXTAB16 .. UXTAH (op1 = bits 22..20, with Rn == 15: the plain extends). */
static bool trans_extend(DisasContext *s, uint32_t insn)
{
    unsigned op1 = BITS(insn, 22, 20);
    int rd = RD(insn), rn = RN(insn), rm = RM(insn);
    if (rd == 15 || rm == 15 || op1 == 1 || op1 == 5) {
        return false;
    }
    TCGv_i32 t = new_tmp();
    tcg_gen_rotri_i32(t, cpu_R[rm], BITS(insn, 11, 10) * 8);
    switch (op1) {
    case 0: { /* SXTB16: sign-extend bytes 0 and 2 into the halves */
        TCGv_i32 h = new_tmp();
        tcg_gen_sextract_i32(h, t, 16, 8);
        tcg_gen_ext8s_i32(t, t);
        tcg_gen_deposit_i32(t, t, h, 16, 16);
        break;
    }
    case 4: /* UXTB16 */
        tcg_gen_andi_i32(t, t, 0x00ff00ffu);
        break;
    case 2: tcg_gen_ext8s_i32(t, t); break;   /* SXTB */
    case 3: tcg_gen_ext16s_i32(t, t); break;  /* SXTH */
    case 6: tcg_gen_ext8u_i32(t, t); break;   /* UXTB */
    case 7: tcg_gen_ext16u_i32(t, t); break;  /* UXTH */
    }
    if (rn != 15) {
        if (op1 == 0 || op1 == 4) {
            gen_add16(t, cpu_R[rn], t);
        } else {
            tcg_gen_add_i32(t, t, cpu_R[rn]);
        }
    }
    store_reg(s, rd, t);
    return true;
}

/* Packing, unpacking, saturation and reversal (A5.4.3). */
static bool trans_pack(DisasContext *s, uint32_t insn)
{
    unsigned op1 = BITS(insn, 22, 20), op2 = BITS(insn, 7, 5);
    int rd = RD(insn), rn = RN(insn), rm = RM(insn);
    TCGv_i32 t;

    if (op2 == 3) {
        return trans_extend(s, insn);
    }
    if (rd == 15 || rm == 15) {
        return false;
    }
    if ((op1 & 6) == 2 && !(op2 & 1)) { /* SSAT */
        gen_sat(s, false, rd, (int)BITS(insn, 20, 16), rm, BIT(insn, 6), (int)BITS(insn, 11, 7));
        return true;
    }
    if ((op1 & 6) == 6 && !(op2 & 1)) { /* USAT */
        gen_sat(s, true, rd, (int)BITS(insn, 20, 16), rm, BIT(insn, 6), (int)BITS(insn, 11, 7));
        return true;
    }
    t = new_tmp();
    switch (op1 << 3 | op2) {
    case 0 << 3 | 0: case 0 << 3 | 2: case 0 << 3 | 4: case 0 << 3 | 6: { /* PKHBT, PKHTB */
        int sh = (int)BITS(insn, 11, 7);
        if (rn == 15) {
            return false;
        }
        load_reg_into(s, t, rm);
        if (BIT(insn, 6)) { /* PKHTB: Rn top, (Rm ASR sh) bottom */
            gen_shift_imm(t, 2, sh, false);
            tcg_gen_deposit_i32(t, cpu_R[rn], t, 0, 16);
        } else { /* PKHBT: Rn bottom, (Rm LSL sh) top */
            tcg_gen_shli_i32(t, t, sh);
            tcg_gen_deposit_i32(t, t, cpu_R[rn], 0, 16);
        }
        break;
    }
    case 0 << 3 | 5: /* SEL */
        if (rn == 15) {
            return false;
        }
        tcg_gen_call(helper_sel, CALL_NO_WG, TCG_I32, t, tcg_env, cpu_R[rn], cpu_R[rm]);
        break;
    case 2 << 3 | 1: /* SSAT16 */
        gen_sat16(s, false, rd, (int)BITS(insn, 19, 16), rm);
        return true;
    case 6 << 3 | 1: /* USAT16 */
        gen_sat16(s, true, rd, (int)BITS(insn, 19, 16), rm);
        return true;
    case 3 << 3 | 1: /* REV */
        tcg_gen_bswap32_i32(t, cpu_R[rm]);
        break;
    case 3 << 3 | 5: { /* REV16 */
        TCGv_i32 u = new_tmp();
        tcg_gen_shri_i32(u, cpu_R[rm], 8);
        tcg_gen_andi_i32(u, u, 0x00ff00ffu);
        tcg_gen_shli_i32(t, cpu_R[rm], 8);
        tcg_gen_andi_i32(t, t, 0xff00ff00u);
        tcg_gen_or_i32(t, t, u);
        break;
    }
    case 7 << 3 | 1: /* RBIT */
        tcg_gen_call(helper_rbit, CALL_NO_RWG | CALL_PURE, TCG_I32, t, cpu_R[rm]);
        break;
    case 7 << 3 | 5: /* REVSH */
        tcg_gen_bswap16_i32(t, cpu_R[rm]);
        tcg_gen_ext16s_i32(t, t);
        break;
    default:
        return false;
    }
    store_reg(s, rd, t);
    return true;
}

/* USAD8, USADA8 */
static bool trans_usad8(DisasContext *s, uint32_t insn)
{
    int rd = RN(insn), ra = RD(insn), rm = RS(insn), rn = RM(insn);
    if (rd == 15 || rm == 15 || rn == 15) {
        return false;
    }
    TCGv_i32 r = new_tmp();
    tcg_gen_call(helper_usad8, CALL_NO_RWG | CALL_PURE, TCG_I32, r, cpu_R[rn], cpu_R[rm]);
    if (ra != 15) {
        tcg_gen_add_i32(r, r, cpu_R[ra]);
    }
    store_reg(s, rd, r);
    return true;
}

/* SBFX, UBFX, BFI, BFC */
static bool trans_bitfield(DisasContext *s, uint32_t insn)
{
    unsigned op1 = BITS(insn, 22, 21);
    int rd = RD(insn), rn = RM(insn);
    unsigned lsb = BITS(insn, 11, 7), hi = BITS(insn, 20, 16);
    if (rd == 15) {
        return false;
    }
    TCGv_i32 t = new_tmp();
    if (op1 == 2) { /* BFI Rd, Rn, #lsb, #width (BFC when Rn == 15); hi = msb */
        if (hi < lsb) {
            return false;
        }
        TCGv_i32 src = rn == 15 ? tcg_constant_i32(0) : cpu_R[rn];
        tcg_gen_deposit_i32(t, cpu_R[rd], src, lsb, hi - lsb + 1);
    } else { /* SBFX (op1 1), UBFX (op1 3): hi = width - 1 */
        if (rn == 15 || lsb + hi > 31) {
            return false;
        }
        if (op1 == 1) {
            tcg_gen_sextract_i32(t, cpu_R[rn], lsb, hi + 1);
        } else {
            tcg_gen_extract_i32(t, cpu_R[rn], lsb, hi + 1);
        }
    }
    store_reg(s, rd, t);
    return true;
}

static bool trans_udf(DisasContext *s, uint32_t insn)
{
    return false;
}

/* ---- Loads and stores ---------------------------------------------------------------------- */

/*
 * Common addressing: P (pre-index), U (add), W (writeback); post-indexed
 * forms always write back.  Returns the access address; *wb_addr gets the
 * value to write back to Rn (or 0 when there is no writeback).
 */
static TCGv_i32 gen_addr_mode(DisasContext *s, uint32_t insn, TCGv_i32 offset, bool *wback,
                              TCGv_i32 *wb_addr)
{
    bool p = BIT(insn, 24), u = BIT(insn, 23), w = BIT(insn, 21);
    TCGv_i32 base = reg_val(s, RN(insn)); /* read before the write-back */
    TCGv_i32 off = new_tmp();
    if (u) {
        tcg_gen_add_i32(off, base, offset);
    } else {
        tcg_gen_sub_i32(off, base, offset);
    }
    *wback = !p || w;
    *wb_addr = off;
    return p ? off : base;
}

/* Load/store and write back in the order that keeps a faulting access
   restartable: the access first, then Rn, then Rt. */
static bool gen_load_store(DisasContext *s, uint32_t insn, TCGv_i32 offset, unsigned memop, bool load)
{
    int rt = RD(insn), rn = RN(insn);
    bool wback;
    TCGv_i32 wb;
    TCGv_i32 addr = gen_addr_mode(s, insn, offset, &wback, &wb);
    if (wback && (rn == 15 || rn == rt)) {
        return false; /* UNPREDICTABLE */
    }
    if (load) {
        TCGv_i32 v = new_tmp();
        gen_ld(s, v, addr, memop);
        if (wback) {
            store_reg(s, rn, wb);
        }
        if (rt == 15) {
            if (memop != MO_32) {
                return false;
            }
            store_reg_from_load(s, 15, v);
        } else {
            store_reg(s, rt, v);
        }
    } else {
        gen_st(s, reg_val(s, rt), addr, memop);
        if (wback) {
            store_reg(s, rn, wb);
        }
    }
    return true;
}

/* LDR, STR, LDRB, STRB (and the T variants, treated as plain) (A5.3). */
static bool trans_ldst_word(DisasContext *s, uint32_t insn)
{
    TCGv_i32 off = new_tmp();
    if (BIT(insn, 25)) { /* register offset, shifted by an immediate */
        if (RM(insn) == 15) {
            return false;
        }
        load_reg_into(s, off, RM(insn));
        gen_shift_imm(off, (int)BITS(insn, 6, 5), (int)BITS(insn, 11, 7), false);
    } else {
        tcg_gen_movi_i32(off, BITS(insn, 11, 0));
    }
    return gen_load_store(s, insn, off, BIT(insn, 22) ? MO_8 : MO_32, BIT(insn, 20));
}

/* STRH, LDRH, LDRSB, LDRSH, LDRD, STRD (A5.2.8). */
static bool trans_ldst_extra(DisasContext *s, uint32_t insn)
{
    unsigned op2 = BITS(insn, 6, 5);
    bool load = BIT(insn, 20);
    int rt = RD(insn), rn = RN(insn);
    TCGv_i32 off = new_tmp();
    if (BIT(insn, 22)) {
        tcg_gen_movi_i32(off, BITS(insn, 11, 8) << 4 | BITS(insn, 3, 0));
    } else {
        if (RM(insn) == 15) {
            return false;
        }
        load_reg_into(s, off, RM(insn));
    }
    if (op2 == 1) {
        return gen_load_store(s, insn, off, MO_16, load);
    }
    if (load) {
        return gen_load_store(s, insn, off, op2 == 2 ? MO_8 | MO_SIGN : MO_16 | MO_SIGN, true);
    }
    /* LDRD (op2 2), STRD (op2 3): Rt even, Rt2 = Rt + 1 */
    bool wback;
    TCGv_i32 wb;
    if ((rt & 1) || rt == 14) {
        return false;
    }
    TCGv_i32 addr = gen_addr_mode(s, insn, off, &wback, &wb);
    if (wback && (rn == 15 || rn == rt || rn == rt + 1)) {
        return false;
    }
    TCGv_i32 addr2 = new_tmp();
    tcg_gen_addi_i32(addr2, addr, 4);
    if (op2 == 2) {
        TCGv_i32 lo = new_tmp(), hi = new_tmp();
        gen_ld(s, lo, addr, MO_32);
        gen_ld(s, hi, addr2, MO_32);
        if (wback) {
            store_reg(s, rn, wb);
        }
        store_reg(s, rt, lo);
        store_reg(s, rt + 1, hi);
    } else {
        gen_st(s, reg_val(s, rt), addr, MO_32);
        gen_st(s, reg_val(s, rt + 1), addr2, MO_32);
        if (wback) {
            store_reg(s, rn, wb);
        }
    }
    return true;
}

/* SWP, SWPB, LDREX{B,H,D}, STREX{B,H,D} (A5.2.10). */
static bool trans_sync(DisasContext *s, uint32_t insn)
{
    unsigned op = BITS(insn, 23, 20);
    int rn = RN(insn), rd = RD(insn), rt = RM(insn);
    static const unsigned sizes[4] = { MO_32, MO_64, MO_8, MO_16 };
    if (rn == 15) {
        return false;
    }
    if ((op & 0xb) == 0) { /* SWP (op 0), SWPB (op 4): atomic via a cmpxchg loop */
        unsigned memop = op & 4 ? MO_8 : MO_32;
        if (rd == 15 || rt == 15 || rd == rn || rt == rn) {
            return false;
        }
        TCGLabel again = gen_new_label();
        TCGv_i32 addr = load_reg(s, rn), nv = load_reg(s, rt);
        TCGv_i32 old = new_tmp(), seen = new_tmp();
        gen_set_label(again);
        gen_ld(s, old, addr, memop);
        tcg_gen_cmpxchg_i32(seen, addr, old, nv, memop);
        tcg_gen_brcond_i32(TCG_COND_NE, seen, old, again);
        store_reg(s, rd, old);
        return true;
    }
    if (!(op & 8)) {
        return false;
    }
    unsigned size = sizes[(op >> 1) & 3];
    TCGv_i32 addr = load_reg(s, rn);
    if (op & 1) { /* LDREX*: Rt in bits 15..12 */
        if (rd == 15 || (size == MO_64 && ((rd & 1) || rd == 14))) {
            return false;
        }
        gen_ldrex(s, rd, rd + 1, addr, size);
    } else { /* STREX* Rd, Rt, [Rn] */
        if (rd == 15 || rt == 15 || rd == rn || rd == rt ||
            (size == MO_64 && ((rt & 1) || rt == 14 || rd == rt + 1))) {
            return false;
        }
        gen_strex(s, rd, rt, rt + 1, addr, size);
    }
    return true;
}

/* LDM/STM (all four modes), PUSH/POP (A5.5). */
static bool trans_ldm_stm(DisasContext *s, uint32_t insn)
{
    bool before = BIT(insn, 24), inc = BIT(insn, 23), wback = BIT(insn, 21);
    int rn = RN(insn);
    uint32_t list = BITS(insn, 15, 0);
    if (BIT(insn, 22) || rn == 15 || list == 0) {
        return false; /* user registers / exception return: not in user mode */
    }
    if (BIT(insn, 20)) {
        gen_ldm(s, rn, list, inc, before, wback);
    } else {
        gen_stm(s, rn, list, inc, before, wback);
    }
    return true;
}

/* ---- Branches, exceptions, coprocessors ----------------------------------------------------- */

static bool trans_b(DisasContext *s, uint32_t insn)
{
    int32_t off = (int32_t)(insn << 8) >> 6;
    if (BIT(insn, 24)) { /* BL */
        tcg_gen_movi_i32(cpu_R[14], s->pc + 4);
    }
    gen_jmp(s, s->pc + 8 + (uint32_t)off);
    return true;
}

static bool trans_svc(DisasContext *s, uint32_t insn)
{
    gen_svc(s, BITS(insn, 23, 0));
    return true;
}

/* Coprocessor space: VFP (cp10/cp11) and the user-visible CP15 registers. */
static bool trans_coproc(DisasContext *s, uint32_t insn)
{
    unsigned cp = BITS(insn, 11, 8);
    if (cp == 10 || cp == 11) {
        return arm_translate_vfp(s, insn);
    }
    if (cp == 15 && BITS(insn, 27, 24) == 0xe && BIT(insn, 4)) { /* MRC/MCR p15 */
        int opc1 = (int)BITS(insn, 23, 21), crn = RN(insn), rt = RD(insn);
        int opc2 = (int)BITS(insn, 7, 5), crm = RM(insn);
        return BIT(insn, 20) ? gen_mrc_p15(s, opc1, crn, crm, opc2, rt)
                             : gen_mcr_p15(s, opc1, crn, crm, opc2, rt);
    }
    return false;
}

/* ---- Unconditional space (cond = 0xF, A5.7) -------------------------------------------------- */

static bool trans_blx_imm(DisasContext *s, uint32_t insn)
{
    int32_t off = (int32_t)(insn << 8) >> 6 | (int32_t)(BIT(insn, 24) << 1);
    tcg_gen_movi_i32(cpu_R[14], s->pc + 4);
    gen_bx_im(s, s->pc + 8 + (uint32_t)off);
    return true;
}

static bool trans_clrex(DisasContext *s, uint32_t insn)
{
    gen_clrex(s);
    return true;
}

static bool trans_barrier(DisasContext *s, uint32_t insn)
{
    tcg_gen_mb(); /* DMB, DSB, ISB */
    return true;
}

static bool trans_nop(DisasContext *s, uint32_t insn)
{
    return true; /* PLD, PLDW, PLI, CPS */
}

static bool trans_setend(DisasContext *s, uint32_t insn)
{
    return !BIT(insn, 9); /* SETEND BE: big-endian data is not supported */
}

static const DecodeRow uncond_table[] = {
    { 0x0e000000, 0x0a000000, trans_blx_imm },
    { 0x0fffffff, 0x057ff01f, trans_clrex },
    { 0x0ffffff0, 0x057ff040, trans_barrier }, /* DSB */
    { 0x0ffffff0, 0x057ff050, trans_barrier }, /* DMB */
    { 0x0ffffff0, 0x057ff060, trans_barrier }, /* ISB */
    { 0x0c300000, 0x04100000, trans_nop },     /* PLI, PLD, PLDW */
    { 0x0ffffdff, 0x01010000, trans_setend },
    { 0x0ff1fe20, 0x01000000, trans_nop },     /* CPS: a no-op in user mode */
    { 0, 0, NULL },
};

/* ---- The main table (A5.1) ----------------------------------------------------------------------- */

static const DecodeRow a32_table[] = {
    /* Data processing and miscellaneous (op = 00) */
    { 0x0f0000f0, 0x00000090, trans_mul },
    { 0x0f0000f0, 0x01000090, trans_sync },
    { 0x0e000090, 0x00000090, trans_ldst_extra },   /* bits 6..5 != 0 */
    { 0x0f900080, 0x01000000, trans_misc },
    { 0x0f900090, 0x01000080, trans_halfmul },
    { 0x0e000090, 0x00000010, trans_dp_rsr },
    { 0x0e000010, 0x00000000, trans_dp_reg },
    { 0x0fb00000, 0x03000000, trans_movw_movt },    /* MOVW */
    { 0x0fb00000, 0x03200000, trans_msr_imm_hint },
    { 0x0e000000, 0x02000000, trans_dp_imm },
    /* Media (op = 011, bit 4 = 1) */
    { 0x0f800010, 0x06000010, trans_parallel },
    { 0x0f800010, 0x06800010, trans_pack },
    { 0x0f800010, 0x07000010, trans_media_mul },
    { 0x0ff000f0, 0x07800010, trans_usad8 },
    { 0x0fe00070, 0x07a00050, trans_bitfield },     /* SBFX */
    { 0x0fe00070, 0x07c00010, trans_bitfield },     /* BFI, BFC */
    { 0x0fe00070, 0x07e00050, trans_bitfield },     /* UBFX */
    { 0x0ff000f0, 0x07f000f0, trans_udf },
    { 0x0e000010, 0x06000010, trans_udf },
    /* Load/store word and unsigned byte */
    { 0x0c000000, 0x04000000, trans_ldst_word },
    /* Branch, block transfer */
    { 0x0e000000, 0x08000000, trans_ldm_stm },
    { 0x0e000000, 0x0a000000, trans_b },
    /* Coprocessor, supervisor call */
    { 0x0f000000, 0x0f000000, trans_svc },
    { 0x0c000000, 0x0c000000, trans_coproc },
    { 0, 0, NULL },
};

static bool decode(const DecodeRow *table, DisasContext *s, uint32_t insn)
{
    for (const DecodeRow *r = table; r->fn; r++) {
        if ((insn & r->mask) == r->value) {
            return r->fn(s, insn);
        }
    }
    return false;
}

void arm_translate_a32(DisasContext *s, uint32_t insn)
{
    unsigned cond = insn >> 28;
    bool ok;

    if (cond == 0xf) {
        ok = decode(uncond_table, s, insn);
    } else {
        if (cond != 0xe) {
            arm_skip_unless(s, (int)cond);
        }
        ok = decode(a32_table, s, insn);
    }
    if (!ok) {
        gen_undef(s);
    }
}
