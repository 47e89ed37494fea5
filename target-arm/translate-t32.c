/*
 * Thumb decoder entry point and the 32-bit (Thumb-2) instruction decoder,
 * ARM ARM A6.3, ARMv7-A user mode.  16-bit encodings: translate-t16.c.
 *
 * The 32-bit decoder is a table of (mask, value) -> translator over the whole
 * encoding hw1 << 16 | hw2, one entry per encoding group of A6.3 (data
 * processing modified immediate, plain binary immediate, branches and misc
 * control, load/store single, dual/exclusive/table branch, load/store
 * multiple, data processing register, multiplies, coprocessor).  Each group
 * then picks the instruction with a small switch or table.  Translators
 * return false for UNDEFINED (or UNPREDICTABLE ones we choose to trap on);
 * the caller raises SIGILL at the instruction.
 *
 * Semantics shared with A32 (data processing and flags, shifts, ldm/stm,
 * exclusives, branches) come from translate.c through translate.h.  The TB
 * loop there handles IT blocks: it makes each instruction conditional and
 * advances ITSTATE; this file only sets the state in the IT instruction.
 */
#include "translate-thumb.h"
#include "include/guest.h"

typedef bool T32Fn(DisasContext *s, uint32_t insn);

/* Field extraction from the 32-bit encoding hw1:hw2. */
#define RN(insn) ((int)(((insn) >> 16) & 15)) /* hw1[3:0] */
#define RT(insn) ((int)(((insn) >> 12) & 15)) /* hw2[15:12] */
#define RD(insn) ((int)(((insn) >> 8) & 15))  /* hw2[11:8] */
#define RM(insn) ((int)((insn) & 15))         /* hw2[3:0] */
#define BIT(insn, n) (((insn) >> (n)) & 1)
/* SP and PC, UNPREDICTABLE as most Thumb-2 operands. */
#define BADREG(r) ((r) == 13 || (r) == 15)

/* imm3:imm2 shift amount / lsb of the shifted-register and bitfield forms. */
static int imm5_of(uint32_t insn) { return (int)(((insn >> 10) & 0x1c) | ((insn >> 6) & 3)); }
/* i:imm3:imm8 */
static uint32_t imm12_of(uint32_t insn)
{
    return ((insn >> 15) & 0x800) | ((insn >> 4) & 0x700) | (insn & 0xff);
}

/* ---- Data processing (modified immediate / shifted register) ------------ */

/* ThumbExpandImm_C (A6.3.2).  *carry = -1 when the carry is unchanged.
   Returns false for the UNPREDICTABLE zero patterns. */
static bool thumb_expand_imm(uint32_t imm12, uint32_t *imm, int *carry)
{
    uint32_t imm8 = imm12 & 0xff;
    if ((imm12 >> 10) == 0) {
        static const uint32_t rep[4] = { 1, 0x00010001, 0x01000100, 0x01010101 };
        if ((imm12 >> 8) != 0 && imm8 == 0) {
            return false;
        }
        *imm = imm8 * rep[(imm12 >> 8) & 3];
        *carry = -1;
    } else {
        uint32_t v = 0x80 | (imm12 & 0x7f);
        unsigned rot = imm12 >> 7; /* 8..31 */
        *imm = (v >> rot) | (v << (32 - rot));
        *carry = (int)(*imm >> 31);
    }
    return true;
}

/* Map a T32 data-processing opcode (A6.3.1/A6.3.11) to the A32 op of
   gen_data_proc; TST/TEQ/CMN/CMP are the rd == 15 forms with S, MOV/MVN the
   rn == 15 forms of ORR/ORN.  -1: undefined or UNPREDICTABLE. */
static int t32_dp_op(int op, bool sbit, int rd, int rn)
{
    static const int8_t map[16] = {
        ARM_DP_AND, ARM_DP_BIC, ARM_DP_ORR, ARM_DP_ORN, ARM_DP_EOR, -1, -1, -1,
        ARM_DP_ADD, -1, ARM_DP_ADC, ARM_DP_SBC, -1, ARM_DP_SUB, ARM_DP_RSB, -1,
    };
    int a32 = map[op];
    if (a32 < 0) {
        return -1;
    }
    if (rd == 15) {
        if (!sbit) {
            return -1;
        }
        switch (a32) {
        case ARM_DP_AND: return ARM_DP_TST;
        case ARM_DP_EOR: return ARM_DP_TEQ;
        case ARM_DP_ADD: return ARM_DP_CMN;
        case ARM_DP_SUB: return ARM_DP_CMP;
        default: return -1;
        }
    }
    if (rn == 15) {
        if (a32 == ARM_DP_ORR) {
            return ARM_DP_MOV;
        }
        if (a32 == ARM_DP_ORN) {
            return ARM_DP_MVN;
        }
    }
    return a32;
}

static bool dp_is_logical(int a32)
{
    switch (a32) {
    case ARM_DP_AND: case ARM_DP_EOR: case ARM_DP_TST: case ARM_DP_TEQ: case ARM_DP_ORR:
    case ARM_DP_MOV: case ARM_DP_BIC: case ARM_DP_MVN: case ARM_DP_ORN:
        return true;
    default:
        return false;
    }
}

static void t32_dp_emit(DisasContext *s, int a32, bool sbit, int rd, int rn, TCGv_i32 op2)
{
    if (a32 >= ARM_DP_TST && a32 <= ARM_DP_CMN) {
        gen_data_proc(s, a32, true, 0, rn, op2);
    } else {
        gen_data_proc(s, a32, sbit, rd, rn, op2);
    }
}

/* AND/BIC/ORR/ORN/EOR/ADD/ADC/SBC/SUB/RSB (and TST...MVN) Rd, Rn, #const */
static bool t32_dp_modimm(DisasContext *s, uint32_t insn)
{
    bool sbit = BIT(insn, 20);
    int rd = RD(insn), rn = RN(insn);
    int a32 = t32_dp_op((insn >> 21) & 15, sbit, rd, rn);
    uint32_t imm;
    int carry;
    if (a32 < 0 || !thumb_expand_imm(imm12_of(insn), &imm, &carry)) {
        return false;
    }
    if (sbit && carry >= 0 && dp_is_logical(a32)) {
        tcg_gen_movi_i32(cpu_CF, (uint32_t)carry);
    }
    t32_dp_emit(s, a32, sbit, rd, rn, thumb_imm(imm));
    return true;
}

/* PKHBT/PKHTB Rd, Rn, Rm {, LSL/ASR #imm} */
static bool t32_pkh(DisasContext *s, uint32_t insn)
{
    bool tb = BIT(insn, 5);
    int shift = imm5_of(insn);
    TCGv_i32 n = load_reg(s, RN(insn)), m = load_reg(s, RM(insn));
    TCGv_i32 r = tcg_temp_new_i32();
    if (BIT(insn, 20) || BIT(insn, 4)) {
        return false;
    }
    if (tb) {
        gen_shift_imm(m, 2, shift, false); /* ASR, #0 = #32 */
        tcg_gen_deposit_i32(r, n, m, 0, 16);
    } else {
        gen_shift_imm(m, 0, shift, false);
        tcg_gen_deposit_i32(r, m, n, 0, 16);
    }
    store_reg(s, RD(insn), r);
    return true;
}

/* Data processing (shifted register), A6.3.11: op Rd, Rn, Rm {, shift #n} */
static bool t32_dp_shreg(DisasContext *s, uint32_t insn)
{
    int op = (insn >> 21) & 15;
    bool sbit = BIT(insn, 20);
    int rd = RD(insn), rn = RN(insn);
    if (op == 6) {
        return t32_pkh(s, insn);
    }
    int a32 = t32_dp_op(op, sbit, rd, rn);
    if (a32 < 0 || BIT(insn, 15)) {
        return false;
    }
    TCGv_i32 m;
    if (((insn >> 4) & 3) == 0 && imm5_of(insn) == 0) { /* LSL #0: the register as is */
        m = reg_val(s, RM(insn));
    } else {
        m = load_reg(s, RM(insn));
        gen_shift_imm(m, (insn >> 4) & 3, imm5_of(insn), sbit && dp_is_logical(a32));
    }
    t32_dp_emit(s, a32, sbit, rd, rn, m);
    return true;
}

/* ---- Data processing (plain binary immediate), A6.3.3 -------------------- */

static bool t32_plain_imm(DisasContext *s, uint32_t insn)
{
    int op = (insn >> 20) & 0x1f;
    int rd = RD(insn), rn = RN(insn);
    uint32_t imm12 = imm12_of(insn);
    int lsb = imm5_of(insn), field = (int)(insn & 0x1f);
    bool u = op >= 0x18;
    TCGv_i32 t;

    if (rd == 15) {
        return false;
    }
    switch (op) {
    case 0x00: /* ADDW / ADR (add) */
    case 0x0a: /* SUBW / ADR (sub) */
        if (rn == 15) {
            t = add_reg_for_lit(s, 15, op ? -(int)imm12 : (int)imm12);
        } else {
            t = tcg_temp_new_i32();
            tcg_gen_addi_i32(t, reg_val(s, rn), op ? -imm12 : imm12);
        }
        store_reg(s, rd, t);
        return true;
    case 0x04: /* MOVW Rd, #imm16 */
        store_reg(s, rd, thumb_imm(((insn >> 4) & 0xf000) | imm12));
        return true;
    case 0x0c: /* MOVT Rd, #imm16 */
        t = tcg_temp_new_i32();
        tcg_gen_deposit_i32(t, reg_val(s, rd), tcg_constant_i32(((insn >> 4) & 0xf000) | imm12), 16, 16);
        store_reg(s, rd, t);
        return true;
    case 0x10: /* SSAT, LSL */
    case 0x12: /* SSAT, ASR / SSAT16 */
    case 0x18: /* USAT, LSL */
    case 0x1a: /* USAT, ASR / USAT16 */
        if (BIT(insn, 5) || BIT(insn, 26)) {
            return false;
        }
        if ((op & 2) && lsb == 0) {
            if (insn & 0x30) {
                return false;
            }
            gen_sat16(s, u, rd, (int)(insn & 0xf), rn);
        } else {
            gen_sat(s, u, rd, field, rn, (op & 2) ? 1 : 0, lsb);
        }
        return true;
    case 0x14: /* SBFX Rd, Rn, #lsb, #width */
    case 0x1c: /* UBFX */
        if (lsb + field > 31) {
            return false;
        }
        t = load_reg(s, rn);
        if (op == 0x14) {
            tcg_gen_sextract_i32(t, t, (unsigned)lsb, (unsigned)field + 1);
        } else {
            tcg_gen_extract_i32(t, t, (unsigned)lsb, (unsigned)field + 1);
        }
        store_reg(s, rd, t);
        return true;
    case 0x16: /* BFI Rd, Rn, #lsb, #width / BFC (rn == 15); field = msb */
        if (field < lsb) {
            return false;
        }
        t = tcg_temp_new_i32();
        tcg_gen_deposit_i32(t, reg_val(s, rd), rn == 15 ? tcg_constant_i32(0) : load_reg(s, rn),
                            (unsigned)lsb, (unsigned)(field - lsb + 1));
        store_reg(s, rd, t);
        return true;
    default:
        return false;
    }
}

/* ---- Branches and miscellaneous control, A6.3.4 -------------------------- */

/* B<cond>.W label (T3): S:J2:J1:imm6:imm11:'0' */
static bool t32_bcond(DisasContext *s, uint32_t insn)
{
    uint32_t off = (BIT(insn, 26) << 20) | (BIT(insn, 11) << 19) | (BIT(insn, 13) << 18) |
                   (((insn >> 16) & 0x3f) << 12) | ((insn & 0x7ff) << 1);
    off = (uint32_t)((int32_t)(off << 11) >> 11);
    arm_skip_unless(s, (int)((insn >> 22) & 15));
    gen_jmp(s, s->pc + 4 + off);
    return true;
}

/* B.W / BL / BLX label (T4, T1, T2): S:I1:I2:imm10:imm11:'0',
   I1 = NOT(J1 XOR S), I2 = NOT(J2 XOR S). */
static bool t32_b_bl(DisasContext *s, uint32_t insn)
{
    uint32_t sgn = BIT(insn, 26);
    uint32_t i1 = !(BIT(insn, 13) ^ sgn), i2 = !(BIT(insn, 11) ^ sgn);
    uint32_t off = (sgn << 24) | (i1 << 23) | (i2 << 22) | (((insn >> 16) & 0x3ff) << 12) |
                   ((insn & 0x7ff) << 1);
    off = (uint32_t)((int32_t)(off << 7) >> 7);
    bool link = BIT(insn, 14), thumb_dest = BIT(insn, 12);

    if (link) {
        if (!thumb_dest && (insn & 1)) {
            return false; /* BLX with H = 1 */
        }
        store_reg(s, 14, thumb_imm(s->pc_next | 1));
    }
    if (thumb_dest) {
        gen_jmp(s, s->pc + 4 + off);
    } else {
        gen_bx_im(s, ((s->pc + 4) & ~3u) + off); /* BLX: to ARM state */
    }
    return true;
}

static bool t32_branch_misc(DisasContext *s, uint32_t insn)
{
    int op1 = (insn >> 12) & 7;
    int op = (insn >> 20) & 0x7f;

    if ((op1 & 5) != 0) {
        return t32_b_bl(s, insn);
    }
    if ((op & 0x38) != 0x38) {
        return t32_bcond(s, insn);
    }
    if (op1 != 0) {
        return false; /* includes UDF.W (op1 = 010, op = 1111111) */
    }
    switch (op) {
    case 0x38: /* MSR (register): APSR only, SPSR is undefined in user mode; */
    case 0x39: /* writes to the privileged fields (mask[1:0]) are ignored */
        if (BIT(insn, 20) || ((insn >> 8) & 15) == 0) {
            return false;
        }
        /* mask<1> (bit 11): NZCVQ, mask<0> (bit 10): GE */
        gen_msr_apsr(s, load_reg(s, RN(insn)), (int)(BIT(insn, 11) << 1 | BIT(insn, 10)));
        return true;
    case 0x3a: /* CPS (a NOP in User mode) and the hints (NOP, YIELD, WFE, WFI, SEV, DBG) */
        return true;
    case 0x3b: /* CLREX, DSB, DMB, ISB */
        switch ((insn >> 4) & 15) {
        case 2:
            gen_clrex(s);
            return true;
        case 4:
        case 5:
        case 6:
            tcg_gen_mb();
            return true;
        default:
            return false;
        }
    case 0x3e: /* MRS Rd, APSR */
    case 0x3f:
        if (BIT(insn, 20) || BADREG(RD(insn))) {
            return false;
        }
        gen_mrs_apsr(s, RD(insn));
        return true;
    default: /* BXJ, SUBS PC, LR, SMC, unallocated */
        return false;
    }
}

/* ---- Load/store single, A6.3.7-A6.3.10 ---------------------------------- */

/*
 * hw1 = 1111 100 S A size(2) L Rn: S sign-extends, A selects the imm12 form,
 * size 0/1/2 = byte/half/word, L load.  With A = 0, hw2 bit 11 selects the
 * imm8 form (P U W) or the register form (imm2, Rm).  Rn = 15: literal.
 */
static bool t32_ldst_single(DisasContext *s, uint32_t insn)
{
    bool load = BIT(insn, 20), sign = BIT(insn, 24);
    unsigned size = (insn >> 21) & 3;
    int rn = RN(insn), rt = RT(insn);
    TCGv_i32 addr, wb = 0;

    if (size == 3 || (sign && !load)) {
        return false;
    }
    unsigned memop = size | (sign ? MO_SIGN : 0);
    if (rn == 15) {
        if (!load) {
            return false;
        }
        uint32_t imm = insn & 0xfff;
        addr = add_reg_for_lit(s, 15, BIT(insn, 23) ? (int)imm : -(int)imm);
    } else if (BIT(insn, 23)) {
        addr = tcg_temp_new_i32();
        tcg_gen_addi_i32(addr, reg_val(s, rn), insn & 0xfff);
    } else if (BIT(insn, 11)) {
        /* imm8: P U W; P=1 U=1 W=0 is the unprivileged LDRT/STRT form. */
        bool p = BIT(insn, 10), u = BIT(insn, 9), w = BIT(insn, 8);
        uint32_t imm = insn & 0xff;
        if (!p && !w) {
            return false;
        }
        addr = load_reg(s, rn);
        if (w) {
            wb = tcg_temp_new_i32();
            tcg_gen_addi_i32(wb, addr, u ? imm : -imm);
            if (p) {
                addr = wb;
            }
        } else {
            tcg_gen_addi_i32(addr, addr, u ? imm : -imm);
        }
        if (wb && rn == rt) {
            return false; /* UNPREDICTABLE */
        }
    } else if ((insn & 0xfc0) == 0) {
        /* [Rn, Rm, LSL #imm2] */
        TCGv_i32 m = load_reg(s, RM(insn));
        if (BADREG(RM(insn))) {
            return false;
        }
        tcg_gen_shli_i32(m, m, (insn >> 4) & 3);
        addr = tcg_temp_new_i32();
        tcg_gen_add_i32(addr, reg_val(s, rn), m);
    } else {
        return false;
    }
    if (load && rt == 15 && size != 2) {
        /* PLD/PLI and the unallocated memory hints: no effect here. */
        return wb == 0;
    }
    if (load) {
        TCGv_i32 v = tcg_temp_new_i32();
        gen_ld(s, v, addr, memop);
        if (wb) {
            store_reg(s, rn, wb);
        }
        if (rt == 15) {
            store_reg_from_load(s, 15, v);
        } else {
            store_reg(s, rt, v);
        }
    } else {
        if (rt == 15) {
            return false;
        }
        gen_st(s, reg_val(s, rt), addr, memop);
        if (wb) {
            store_reg(s, rn, wb);
        }
    }
    return true;
}

/* ---- Load/store dual, exclusive, table branch, A6.3.6 ------------------- */

/* LDRD/STRD Rt, Rt2, [Rn, #+/-imm8*4]{!} / [Rn], #+/-imm8*4 / literal */
static bool t32_ldrd_strd(DisasContext *s, uint32_t insn)
{
    bool p = BIT(insn, 24), u = BIT(insn, 23), w = BIT(insn, 21), load = BIT(insn, 20);
    int rn = RN(insn), rt = RT(insn), rt2 = RD(insn);
    uint32_t imm = (insn & 0xff) * 4;
    TCGv_i32 addr, wb = 0;

    if (BADREG(rt) || BADREG(rt2) || (load && rt == rt2) || (w && (rn == rt || rn == rt2))) {
        return false; /* UNPREDICTABLE (SP is allowed in ARMv8 but not v7) */
    }
    if (rn == 15) {
        if (!load || w) {
            return false;
        }
        addr = add_reg_for_lit(s, 15, u ? (int)imm : -(int)imm);
    } else {
        addr = load_reg(s, rn);
        TCGv_i32 off = tcg_temp_new_i32();
        tcg_gen_addi_i32(off, addr, u ? imm : -imm);
        if (p) {
            addr = off;
        }
        if (w) {
            wb = off;
        }
    }
    TCGv_i32 addr2 = tcg_temp_new_i32();
    tcg_gen_addi_i32(addr2, addr, 4);
    if (load) {
        TCGv_i32 v1 = tcg_temp_new_i32(), v2 = tcg_temp_new_i32();
        gen_ld(s, v1, addr, MO_32);
        gen_ld(s, v2, addr2, MO_32);
        if (wb) {
            store_reg(s, rn, wb);
        }
        store_reg(s, rt, v1);
        store_reg(s, rt2, v2);
    } else {
        gen_st(s, reg_val(s, rt), addr, MO_32);
        gen_st(s, reg_val(s, rt2), addr2, MO_32);
        if (wb) {
            store_reg(s, rn, wb);
        }
    }
    return true;
}

/* TBB [Rn, Rm] / TBH [Rn, Rm, LSL #1]: pc = pc + 2 * table entry. */
static bool t32_tbb(DisasContext *s, uint32_t insn)
{
    bool half = BIT(insn, 4);
    TCGv_i32 addr = load_reg(s, RN(insn)), m = load_reg(s, RM(insn));
    TCGv_i32 v = tcg_temp_new_i32();
    if (BADREG(RM(insn))) {
        return false;
    }
    if (half) {
        tcg_gen_shli_i32(m, m, 1);
    }
    tcg_gen_add_i32(addr, addr, m);
    gen_ld(s, v, addr, half ? MO_16 : MO_8);
    tcg_gen_shli_i32(v, v, 1);
    tcg_gen_addi_i32(v, v, s->pc + 4);
    store_reg(s, 15, v);
    return true;
}

static bool t32_dual_excl(DisasContext *s, uint32_t insn)
{
    int rn = RN(insn), rt = RT(insn), rd = RD(insn);
    int op3 = (insn >> 4) & 15;
    TCGv_i32 addr;

    if (BIT(insn, 24) || BIT(insn, 21)) {
        return t32_ldrd_strd(s, insn); /* P = 1 or W = 1 */
    }
    if (rn == 15) {
        /* Only TBB/TBH may use PC as the base here. */
        if (((insn >> 20) & 0x1f) == 0x0d && (op3 == 0 || op3 == 1)) {
            return t32_tbb(s, insn);
        }
        return false;
    }
    switch ((insn >> 20) & 0x1f) {
    case 0x04: /* STREX Rd, Rt, [Rn, #imm8*4] */
        addr = tcg_temp_new_i32();
        tcg_gen_addi_i32(addr, reg_val(s, rn), (insn & 0xff) * 4);
        if (rd == rn || rd == rt || BADREG(rd) || BADREG(rt)) {
            return false;
        }
        gen_strex(s, rd, rt, 0, addr, MO_32);
        return true;
    case 0x05: /* LDREX Rt, [Rn, #imm8*4] */
        if (rd != 15 || BADREG(rt)) {
            return false;
        }
        addr = tcg_temp_new_i32();
        tcg_gen_addi_i32(addr, reg_val(s, rn), (insn & 0xff) * 4);
        gen_ldrex(s, rt, 0, addr, MO_32);
        return true;
    case 0x0c: { /* STREXB/STREXH/STREXD Rd, Rt{, Rt2}, [Rn] */
        int rdx = RM(insn), rt2 = rd;
        unsigned size;
        switch (op3) {
        case 4: size = MO_8; break;
        case 5: size = MO_16; break;
        case 7: size = MO_64; break;
        default: return false;
        }
        if ((size != MO_64 && rt2 != 15) || BADREG(rdx) || BADREG(rt) || rdx == rn || rdx == rt ||
            (size == MO_64 && (BADREG(rt2) || rdx == rt2))) {
            return false;
        }
        gen_strex(s, rdx, rt, size == MO_64 ? rt2 : 0, load_reg(s, rn), size);
        return true;
    }
    case 0x0d: { /* TBB/TBH, LDREXB/LDREXH/LDREXD */
        int rt2 = rd;
        unsigned size;
        switch (op3) {
        case 0:
        case 1:
            return t32_tbb(s, insn);
        case 4: size = MO_8; break;
        case 5: size = MO_16; break;
        case 7: size = MO_64; break;
        default: return false;
        }
        if (RM(insn) != 15 || BADREG(rt) || (size != MO_64 && rt2 != 15) ||
            (size == MO_64 && (BADREG(rt2) || rt == rt2))) {
            return false;
        }
        gen_ldrex(s, rt, size == MO_64 ? rt2 : 0, load_reg(s, rn), size);
        return true;
    }
    default:
        return false;
    }
}

/* ---- Load/store multiple, A6.3.5 ------------------------------------------ */

/* LDMIA/STMIA/LDMDB/STMDB Rn{!}, list (PUSH.W = STMDB SP!, POP.W = LDMIA SP!).
   op 00/11 are SRS/RFE: undefined in user mode. */
static bool t32_ldm_stm(DisasContext *s, uint32_t insn)
{
    int op = (insn >> 23) & 3;
    bool wback = BIT(insn, 21), load = BIT(insn, 20);
    int rn = RN(insn);
    uint32_t list = insn & 0xffff;

    /* The UNPREDICTABLE lists (one register, SP, PC with LR, base with
       writeback) run like the A32 forms do; only the empty list and stores
       of PC trap. */
    if (op == 0 || op == 3 || rn == 15 || list == 0) {
        return false;
    }
    if (load) {
        gen_ldm(s, rn, list, op == 1, op == 2, wback);
    } else {
        if (list & 0x8000) {
            return false;
        }
        gen_stm(s, rn, list, op == 1, op == 2, wback);
    }
    return true;
}

/* ---- Data processing (register), A6.3.12 ---------------------------------- */

/* LSL/LSR/ASR/ROR{S}.W Rd, Rn, Rm */
static bool t32_shift_reg(DisasContext *s, uint32_t insn)
{
    bool sbit = BIT(insn, 20);
    TCGv_i32 t = load_reg(s, RN(insn));
    gen_shift_reg(t, (insn >> 21) & 3, load_reg(s, RM(insn)), sbit);
    gen_data_proc(s, ARM_DP_MOV, sbit, RD(insn), 0, t);
    return true;
}

/* SXTAH/UXTAH/SXTAB16/UXTAB16/SXTAB/UXTAB Rd, Rn, Rm, ROR #rot (Rn = 15: no add) */
static bool t32_extend(DisasContext *s, uint32_t insn)
{
    int op = (insn >> 20) & 7;
    int rn = RN(insn);
    TCGv_i32 m = load_reg(s, RM(insn));
    unsigned rot = ((insn >> 4) & 3) * 8;
    if (op > 5 || BIT(insn, 6)) {
        return false;
    }
    if (rot) {
        tcg_gen_rotri_i32(m, m, rot);
    }
    switch (op) {
    case 0: tcg_gen_ext16s_i32(m, m); break;
    case 1: tcg_gen_ext16u_i32(m, m); break;
    case 4: tcg_gen_ext8s_i32(m, m); break;
    case 5: tcg_gen_ext8u_i32(m, m); break;
    case 2: { /* SXTB16: bytes 0 and 2 sign-extended into each halfword */
        TCGv_i32 hi = tcg_temp_new_i32();
        tcg_gen_sextract_i32(hi, m, 16, 8);
        tcg_gen_ext8s_i32(m, m);
        tcg_gen_deposit_i32(m, m, hi, 16, 16);
        break;
    }
    case 3: /* UXTB16 */
        tcg_gen_andi_i32(m, m, 0x00ff00ffu);
        break;
    }
    if (rn != 15) {
        TCGv_i32 n = load_reg(s, rn);
        if (op == 2 || op == 3) {
            /* Two independent 16-bit additions. */
            TCGv_i32 lo = tcg_temp_new_i32(), hi = tcg_temp_new_i32();
            tcg_gen_add_i32(lo, n, m);
            tcg_gen_andi_i32(hi, n, 0xffff0000u);
            tcg_gen_andi_i32(n, m, 0xffff0000u);
            tcg_gen_add_i32(hi, hi, n);
            tcg_gen_deposit_i32(m, hi, lo, 0, 16);
        } else {
            tcg_gen_add_i32(m, m, n);
        }
    }
    store_reg(s, RD(insn), m);
    return true;
}

/* Parallel add/subtract (A6.3.13/14).  helper_parallel takes the A32 opcode
   fields (op1 << 3 | op2) of the same instruction (A5.4.1/A5.4.2):
   A32 op1: 1 S, 2 Q, 3 SH, 5 U, 6 UQ, 7 UH;
   A32 op2: 0 ADD16, 1 ASX, 2 SAX, 3 SUB16, 4 ADD8, 7 SUB8. */
static bool t32_parallel(DisasContext *s, uint32_t insn)
{
    /* T32 op1 (hw1[6:4]): 000 ADD8, 001 ADD16, 010 ASX, 100 SUB8, 101 SUB16, 110 SAX. */
    static const int8_t a32_op2[8] = { 4, 0, 1, -1, 7, 3, 2, -1 };
    int op1 = (insn >> 20) & 7, op2 = (insn >> 4) & 3;
    bool u = BIT(insn, 6);
    if (a32_op2[op1] < 0 || op2 == 3) {
        return false;
    }
    uint32_t a32 = (uint32_t)(((u ? 5 : 1) + op2) << 3 | a32_op2[op1]);
    TCGv_i32 r = tcg_temp_new_i32();
    tcg_gen_call(helper_parallel, CALL_RW_GLOBALS, TCG_I32, r, tcg_env, tcg_constant_i32(a32),
                 load_reg(s, RN(insn)), load_reg(s, RM(insn)));
    store_reg(s, RD(insn), r);
    return true;
}

/* Miscellaneous operations (A6.3.15): QADD..QDSUB, REV.., SEL, CLZ. */
static bool t32_misc(DisasContext *s, uint32_t insn)
{
    int op = ((insn >> 18) & 0xc) | ((insn >> 4) & 3); /* op1:op2 */
    int rn = RN(insn), rm = RM(insn);
    TCGv_i32 r = tcg_temp_new_i32();
    TCGv_i32 m = load_reg(s, rm), n;

    if (((op >= 4 && op < 8) || op == 12) && rn != rm) {
        return false; /* Rm is encoded twice for the one-operand forms */
    }
    switch (op) {
    case 0: /* QADD Rd, Rm, Rn = sat(Rm + Rn) */
        tcg_gen_call(helper_add_saturate, CALL_RW_GLOBALS, TCG_I32, r, tcg_env, m, load_reg(s, rn));
        break;
    case 1: /* QDADD = sat(Rm + sat(2 * Rn)) */
    case 3: /* QDSUB = sat(Rm - sat(2 * Rn)) */
        n = tcg_temp_new_i32();
        tcg_gen_call(helper_double_saturate, CALL_RW_GLOBALS, TCG_I32, n, tcg_env, load_reg(s, rn));
        tcg_gen_call(op == 1 ? (void *)helper_add_saturate : (void *)helper_sub_saturate,
                     CALL_RW_GLOBALS, TCG_I32, r, tcg_env, m, n);
        break;
    case 2: /* QSUB = sat(Rm - Rn) */
        tcg_gen_call(helper_sub_saturate, CALL_RW_GLOBALS, TCG_I32, r, tcg_env, m, load_reg(s, rn));
        break;
    case 4: tcg_gen_bswap32_i32(r, m); break;
    case 5: thumb_gen_rev16(r, m); break;
    case 6: tcg_gen_call(helper_rbit, CALL_NO_RWG | CALL_PURE, TCG_I32, r, m); break;
    case 7: thumb_gen_revsh(r, m); break;
    case 8: /* SEL Rd, Rn, Rm */
        tcg_gen_call(helper_sel, CALL_NO_WG, TCG_I32, r, tcg_env, load_reg(s, rn), m);
        break;
    case 12: tcg_gen_clz_i32(r, m); break;
    default:
        return false;
    }
    store_reg(s, RD(insn), r);
    return true;
}

static bool t32_dp_reg(DisasContext *s, uint32_t insn)
{
    int op1 = (insn >> 20) & 15, op2 = (insn >> 4) & 15;
    if (RT(insn) != 15 || BADREG(RD(insn))) {
        return false;
    }
    if (!(op1 & 8)) {
        if (op2 == 0) {
            return t32_shift_reg(s, insn);
        }
        return (op2 & 8) ? t32_extend(s, insn) : false;
    }
    if ((op2 & 8) == 0) {
        return t32_parallel(s, insn);
    }
    if ((op1 & 0xc) == 8 && (op2 & 0xc) == 8) {
        return t32_misc(s, insn);
    }
    return false;
}

/* ---- Multiply, multiply accumulate, absolute difference, A6.3.16 --------- */

/* Signed halfword of a register: top or bottom. */
static TCGv_i32 load_half(DisasContext *s, int reg, bool top)
{
    TCGv_i32 t = load_reg(s, reg);
    if (top) {
        tcg_gen_sari_i32(t, t, 16);
    } else {
        tcg_gen_ext16s_i32(t, t);
    }
    return t;
}

static TCGv_i32 gen_add_setq(TCGv_i32 a, TCGv_i32 b)
{
    TCGv_i32 r = tcg_temp_new_i32();
    tcg_gen_call(helper_add_setq, CALL_RW_GLOBALS, TCG_I32, r, tcg_env, a, b);
    return r;
}

static bool t32_mul(DisasContext *s, uint32_t insn)
{
    int op1 = (insn >> 20) & 7, op2 = (insn >> 4) & 3;
    int rn = RN(insn), rm = RM(insn), rd = RD(insn), ra = RT(insn);
    TCGv_i32 r = tcg_temp_new_i32(), p1, p2;

    if (BIT(insn, 7) || BIT(insn, 6) || BADREG(rd) || BADREG(rn) || BADREG(rm) || ra == 13) {
        return false;
    }
    switch (op1) {
    case 0: /* MLA / MUL (Ra = 15) / MLS */
        if (op2 > 1 || (op2 == 1 && ra == 15)) {
            return false;
        }
        tcg_gen_mul_i32(r, load_reg(s, rn), load_reg(s, rm));
        if (ra != 15) {
            TCGv_i32 a = load_reg(s, ra);
            if (op2) {
                tcg_gen_sub_i32(r, a, r);
            } else {
                tcg_gen_add_i32(r, a, r);
            }
        }
        break;
    case 1: /* SMLA<x><y> / SMUL<x><y> */
        tcg_gen_mul_i32(r, load_half(s, rn, BIT(insn, 5)), load_half(s, rm, BIT(insn, 4)));
        if (ra != 15) {
            r = gen_add_setq(r, load_reg(s, ra));
        }
        break;
    case 2: /* SMLAD{X} / SMUAD{X} */
    case 4: /* SMLSD{X} / SMUSD{X} */
        if (op2 > 1) {
            return false;
        }
        p1 = load_half(s, rn, false);
        p2 = load_half(s, rn, true);
        tcg_gen_mul_i32(p1, p1, load_half(s, rm, op2));
        tcg_gen_mul_i32(p2, p2, load_half(s, rm, !op2));
        if (op1 == 2) {
            r = gen_add_setq(p1, p2);
        } else {
            tcg_gen_sub_i32(r, p1, p2);
        }
        if (ra != 15) {
            r = gen_add_setq(r, load_reg(s, ra));
        }
        break;
    case 3: { /* SMLAW<y> / SMULW<y>: bits [47:16] of Rn * half(Rm) */
        TCGv_i32 lo = tcg_temp_new_i32(), hi = tcg_temp_new_i32();
        if (op2 > 1) {
            return false;
        }
        tcg_gen_muls2_i32(lo, hi, load_reg(s, rn), load_half(s, rm, op2));
        tcg_gen_shri_i32(lo, lo, 16);
        tcg_gen_shli_i32(hi, hi, 16);
        tcg_gen_or_i32(r, lo, hi);
        if (ra != 15) {
            r = gen_add_setq(r, load_reg(s, ra));
        }
        break;
    }
    case 5: /* SMMLA{R} / SMMUL{R} */
    case 6: { /* SMMLS{R} */
        TCGv_i32 lo = tcg_temp_new_i32(), hi = tcg_temp_new_i32();
        TCGv_i64 p = tcg_temp_new_i64(), acc = tcg_temp_new_i64();
        if (op2 > 1 || (op1 == 6 && ra == 15)) {
            return false;
        }
        tcg_gen_muls2_i32(lo, hi, load_reg(s, rn), load_reg(s, rm));
        tcg_gen_concat_i32_i64(p, lo, hi);
        if (ra != 15) {
            tcg_gen_concat_i32_i64(acc, tcg_constant_i32(0), load_reg(s, ra));
            if (op1 == 5) {
                tcg_gen_add_i64(p, acc, p);
            } else {
                tcg_gen_sub_i64(p, acc, p);
            }
        }
        if (op2) {
            tcg_gen_addi_i64(p, p, 0x80000000u);
        }
        tcg_gen_extrh_i64_i32(r, p);
        break;
    }
    case 7: /* USADA8 / USAD8 */
        if (op2 != 0) {
            return false;
        }
        tcg_gen_call(helper_usad8, CALL_NO_RWG | CALL_PURE, TCG_I32, r, load_reg(s, rn), load_reg(s, rm));
        if (ra != 15) {
            tcg_gen_add_i32(r, r, load_reg(s, ra));
        }
        break;
    }
    store_reg(s, rd, r);
    return true;
}

/* ---- Long multiply, long multiply accumulate, divide, A6.3.17 ------------- */

/* RdHi:RdLo += sext(a) + (sub ? -sext(b) : sext(b)), a and b 32-bit products. */
static void gen_acc64_products(DisasContext *s, int rdlo, int rdhi, TCGv_i32 a, TCGv_i32 b, bool sub)
{
    TCGv_i64 acc = tcg_temp_new_i64(), t = tcg_temp_new_i64();
    TCGv_i32 lo = tcg_temp_new_i32(), hi = tcg_temp_new_i32();
    tcg_gen_concat_i32_i64(acc, load_reg(s, rdlo), load_reg(s, rdhi));
    tcg_gen_ext_i32_i64(t, a);
    tcg_gen_add_i64(acc, acc, t);
    if (b) {
        tcg_gen_ext_i32_i64(t, b);
        if (sub) {
            tcg_gen_sub_i64(acc, acc, t);
        } else {
            tcg_gen_add_i64(acc, acc, t);
        }
    }
    tcg_gen_extrl_i64_i32(lo, acc);
    tcg_gen_extrh_i64_i32(hi, acc);
    store_reg(s, rdlo, lo);
    store_reg(s, rdhi, hi);
}

static bool t32_long_mul(DisasContext *s, uint32_t insn)
{
    int op1 = (insn >> 20) & 7, op2 = (insn >> 4) & 15;
    int rn = RN(insn), rm = RM(insn), rdlo = RT(insn), rdhi = RD(insn);
    TCGv_i32 p1, p2;

    if (BADREG(rn) || BADREG(rm) || BADREG(rdhi)) {
        return false;
    }
    if (op1 == 1 || op1 == 3) { /* SDIV / UDIV Rd, Rn, Rm */
        TCGv_i32 r = tcg_temp_new_i32();
        if (op2 != 15 || rdlo != 15) {
            return false;
        }
        tcg_gen_call(op1 == 1 ? (void *)helper_sdiv : (void *)helper_udiv, CALL_NO_RWG | CALL_PURE,
                     TCG_I32, r, load_reg(s, rn), load_reg(s, rm));
        store_reg(s, rdhi, r);
        return true;
    }
    if (BADREG(rdlo) || rdlo == rdhi) {
        return false;
    }
    switch (op1 << 4 | op2) {
    case 0x00: gen_mul_long(s, true, false, false, rdlo, rdhi, rn, rm); return true;  /* SMULL */
    case 0x20: gen_mul_long(s, false, false, false, rdlo, rdhi, rn, rm); return true; /* UMULL */
    case 0x40: gen_mul_long(s, true, true, false, rdlo, rdhi, rn, rm); return true;   /* SMLAL */
    case 0x60: gen_mul_long(s, false, true, false, rdlo, rdhi, rn, rm); return true;  /* UMLAL */
    case 0x66: gen_umaal(s, rdlo, rdhi, rn, rm); return true;                         /* UMAAL */
    case 0x48: case 0x49: case 0x4a: case 0x4b: /* SMLAL<x><y> */
        p1 = load_half(s, rn, BIT(insn, 5));
        tcg_gen_mul_i32(p1, p1, load_half(s, rm, BIT(insn, 4)));
        gen_acc64_products(s, rdlo, rdhi, p1, 0, false);
        return true;
    case 0x4c: case 0x4d: /* SMLALD{X} */
    case 0x5c: case 0x5d: /* SMLSLD{X} */
        p1 = load_half(s, rn, false);
        p2 = load_half(s, rn, true);
        tcg_gen_mul_i32(p1, p1, load_half(s, rm, op2 & 1));
        tcg_gen_mul_i32(p2, p2, load_half(s, rm, !(op2 & 1)));
        gen_acc64_products(s, rdlo, rdhi, p1, p2, op1 == 5);
        return true;
    default:
        return false;
    }
}

/* ---- Coprocessor, Advanced SIMD, VFP, A6.3.18 ----------------------------- */

/* hw1 = 111x 11xx.  VFP (coprocessors 10, 11) and Advanced SIMD go to
   translate-vfp.c: VFP with the T32 encoding as is (0xEC..0xEF and the
   0xFC..0xFE forms read the same as A32 with cond = 0xE / 0xF), Advanced
   SIMD data processing rewritten to its A32 form 1111 001U (T32 111U 1111).
   CP15 MRC/MCR go to the shared helpers; everything else is undefined. */
static bool t32_coproc(DisasContext *s, uint32_t insn)
{
    int coproc = (insn >> 8) & 15;
    if ((insn & 0xef000000u) == 0xef000000u) {
        return arm_translate_vfp(s, 0xf2000000u | (BIT(insn, 28) << 24) | (insn & 0x00ffffffu));
    }
    if (coproc == 10 || coproc == 11) {
        return arm_translate_vfp(s, insn);
    }
    if (coproc == 15 && (insn & 0xff000010u) == 0xee000010u) {
        int opc1 = (insn >> 21) & 7, crn = RN(insn), crm = RM(insn), opc2 = (insn >> 5) & 7;
        if (BIT(insn, 20)) {
            return gen_mrc_p15(s, opc1, crn, crm, opc2, RT(insn));
        }
        return gen_mcr_p15(s, opc1, crn, crm, opc2, RT(insn));
    }
    return false;
}

/* Advanced SIMD element or structure load/store: T32 1111 1001 xxx0 is A32
   1111 0100 xxx0. */
static bool t32_neon_ldst(DisasContext *s, uint32_t insn)
{
    return arm_translate_vfp(s, 0xf4000000u | (insn & 0x00ffffffu));
}

/* ---- The 32-bit decode table (A6.3, Table A6-9 and its sub-tables) -------- */

static const struct {
    uint32_t mask, value;
    T32Fn *fn;
} t32_table[] = {
    { 0xfe400000u, 0xe8000000u, t32_ldm_stm },     /* 1110 100x x0xx: load/store multiple */
    { 0xfe400000u, 0xe8400000u, t32_dual_excl },   /* 1110 100x x1xx: dual, exclusive, TBB */
    { 0xfe000000u, 0xea000000u, t32_dp_shreg },    /* 1110 101x: shifted register */
    { 0xec000000u, 0xec000000u, t32_coproc },      /* 111x 11xx: coprocessor, SIMD */
    { 0xfa008000u, 0xf0000000u, t32_dp_modimm },   /* 1111 0x0x, hw2[15]=0 */
    { 0xfa008000u, 0xf2000000u, t32_plain_imm },   /* 1111 0x1x, hw2[15]=0 */
    { 0xf8008000u, 0xf0008000u, t32_branch_misc }, /* 1111 0xxx, hw2[15]=1 */
    { 0xff100000u, 0xf9000000u, t32_neon_ldst },   /* 1111 1001 xxx0 */
    { 0xfe000000u, 0xf8000000u, t32_ldst_single }, /* 1111 100x: load/store single */
    { 0xff000000u, 0xfa000000u, t32_dp_reg },      /* 1111 1010: data processing register */
    { 0xff800000u, 0xfb000000u, t32_mul },         /* 1111 1011 0: multiply */
    { 0xff800000u, 0xfb800000u, t32_long_mul },    /* 1111 1011 1: long multiply, divide */
};

bool thumb_disas_32(DisasContext *s, uint32_t insn)
{
    for (size_t i = 0; i < sizeof(t32_table) / sizeof(t32_table[0]); i++) {
        if ((insn & t32_table[i].mask) == t32_table[i].value) {
            return t32_table[i].fn(s, insn);
        }
    }
    return false;
}

/* ---- Entry point ----------------------------------------------------------- */

/* A halfword starting a 32-bit encoding: top five bits 11101, 11110, 11111. */
static bool is_32bit_prefix(uint32_t hw) { return (hw >> 11) >= 0x1d; }

void arm_translate_t32(DisasContext *s)
{
    uint32_t insn = arm_lduw_code(s->pc);
    bool ok;

    if (is_32bit_prefix(insn)) {
        /* The second halfword may be on the next page: fault there if it is
           not mapped, as the hardware's fetch would. */
        if (((s->pc + 2) & ~GUEST_PAGE_MASK) == 0 && !(page_get_flags(s->pc + 2) & PAGE_VALID)) {
            s->pc_next = s->pc + 4;
            gen_exception_insn(s, EXCP_ARM_PREFETCH);
            return;
        }
        insn = insn << 16 | arm_lduw_code(s->pc + 2);
        s->pc_next = s->pc + 4;
        ok = thumb_disas_32(s, insn);
    } else {
        s->pc_next = s->pc + 2;
        ok = thumb_disas_16(s, insn);
    }
    if (!ok) {
        gen_undef(s);
    }
}
