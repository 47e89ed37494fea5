/*
 * Thumb 16-bit instruction decoder (ARM ARM A6.2, ARMv7-A user mode).
 *
 * One mask/value table, searched in order (most specific first), maps each
 * encoding class to a small translator.  Translators return false for
 * UNDEFINED encodings; arm_translate_t32 (translate-t32.c) then raises SIGILL.
 * The IT-block condition is applied by the caller before we get here.
 */
#include "translate-thumb.h"

typedef bool T16Fn(DisasContext *s, uint32_t insn);

#define RD3(insn, pos) ((int)(((insn) >> (pos)) & 7))

/* --- Shift (immediate), add, subtract, move, compare (A6.2.1) --- */

/* LSL/LSR/ASR Rd, Rm, #imm5: like the A32 immediate shift, LSR/ASR #0
   encode #32.  Flags (N, Z and the shifter carry) only outside IT. */
static bool t16_shift_imm(DisasContext *s, uint32_t insn)
{
    bool sc = thumb_setflags16(s);
    TCGv_i32 t;
    if ((insn & 0x1fc0) == 0) { /* LSL #0 (MOVS Rd, Rm): the register as is */
        t = reg_val(s, RD3(insn, 3));
    } else {
        t = load_reg(s, RD3(insn, 3));
        gen_shift_imm(t, (insn >> 11) & 3, (insn >> 6) & 31, sc);
    }
    gen_data_proc(s, ARM_DP_MOV, sc, RD3(insn, 0), 0, t);
    return true;
}

/* ADD/SUB Rd, Rn, Rm  and  ADD/SUB Rd, Rn, #imm3. */
static bool t16_addsub3(DisasContext *s, uint32_t insn)
{
    int op = (insn & (1 << 9)) ? ARM_DP_SUB : ARM_DP_ADD;
    TCGv_i32 op2 = (insn & (1 << 10)) ? thumb_imm((insn >> 6) & 7) : reg_val(s, RD3(insn, 6));
    gen_data_proc(s, op, thumb_setflags16(s), RD3(insn, 0), RD3(insn, 3), op2);
    return true;
}

/* MOV/CMP/ADD/SUB Rdn, #imm8 (CMP always sets the flags). */
static bool t16_imm8(DisasContext *s, uint32_t insn)
{
    static const int ops[4] = { ARM_DP_MOV, ARM_DP_CMP, ARM_DP_ADD, ARM_DP_SUB };
    int op = ops[(insn >> 11) & 3];
    int rdn = RD3(insn, 8);
    bool sc = op == ARM_DP_CMP || thumb_setflags16(s);
    gen_data_proc(s, op, sc, rdn, rdn, thumb_imm(insn & 0xff));
    return true;
}

/* --- Data processing, two low registers (A6.2.2) --- */

enum { T16_SHIFT = -1, T16_NEG = -2, T16_MUL = -3 };

static bool t16_dp_reg(DisasContext *s, uint32_t insn)
{
    /* opcode -> A32 data-processing op, or a special case. */
    static const int8_t ops[16] = {
        ARM_DP_AND, ARM_DP_EOR, T16_SHIFT, T16_SHIFT, T16_SHIFT, ARM_DP_ADC, ARM_DP_SBC, T16_SHIFT,
        ARM_DP_TST, T16_NEG, ARM_DP_CMP, ARM_DP_CMN, ARM_DP_ORR, T16_MUL, ARM_DP_BIC, ARM_DP_MVN,
    };
    /* Shift type for opcodes 2, 3, 4, 7: LSL, LSR, ASR, ROR. */
    static const int8_t shift_type[16] = { [2] = 0, [3] = 1, [4] = 2, [7] = 3 };
    int opc = (insn >> 6) & 15;
    int rdn = RD3(insn, 0), rm = RD3(insn, 3);
    int op = ops[opc];
    bool sc = thumb_setflags16(s);

    switch (op) {
    case T16_SHIFT: {
        TCGv_i32 t = load_reg(s, rdn);
        gen_shift_reg(t, shift_type[opc], load_reg(s, rm), sc);
        gen_data_proc(s, ARM_DP_MOV, sc, rdn, 0, t);
        return true;
    }
    case T16_NEG: /* RSBS Rd, Rn, #0 */
        gen_data_proc(s, ARM_DP_RSB, sc, rdn, rm, thumb_imm(0));
        return true;
    case T16_MUL: {
        TCGv_i32 t = tcg_temp_new_i32();
        tcg_gen_mul_i32(t, reg_val(s, rdn), load_reg(s, rm));
        if (sc) {
            gen_logic_CC(t);
        }
        store_reg(s, rdn, t);
        return true;
    }
    case ARM_DP_TST:
    case ARM_DP_CMP:
    case ARM_DP_CMN:
        gen_data_proc(s, op, true, 0, rdn, reg_val(s, rm));
        return true;
    default:
        gen_data_proc(s, op, sc, rdn, rdn, reg_val(s, rm));
        return true;
    }
}

/* --- Special data instructions and branch and exchange (A6.2.3) --- */

static bool t16_special(DisasContext *s, uint32_t insn)
{
    int rdn = ((insn >> 4) & 8) | RD3(insn, 0); /* D:Rdn */
    int rm = (insn >> 3) & 15;

    switch ((insn >> 8) & 3) {
    case 0: /* ADD Rdn, Rm (no flags; rd = pc branches) */
        gen_data_proc(s, ARM_DP_ADD, false, rdn, rdn, reg_val(s, rm));
        return true;
    case 1: /* CMP Rn, Rm */
        gen_data_proc(s, ARM_DP_CMP, true, 0, rdn, reg_val(s, rm));
        return true;
    case 2: /* MOV Rd, Rm (no flags) */
        gen_data_proc(s, ARM_DP_MOV, false, rdn, 0, reg_val(s, rm));
        return true;
    default: { /* BX Rm / BLX Rm */
        if (insn & 7) {
            return false;
        }
        TCGv_i32 dest = load_reg(s, rm);
        if (insn & (1 << 7)) {
            if (rm == 15) {
                return false;
            }
            store_reg(s, 14, thumb_imm(s->pc_next | 1));
        }
        gen_bx(s, dest);
        return true;
    }
    }
}

/* --- Loads and stores --- */

/* LDR Rt, [PC, #imm8*4] */
static bool t16_ldr_lit(DisasContext *s, uint32_t insn)
{
    thumb_load_rt(s, RD3(insn, 8), add_reg_for_lit(s, 15, (insn & 0xff) * 4), MO_32);
    return true;
}

/* STR/STRH/STRB/LDRSB/LDR/LDRH/LDRB/LDRSH Rt, [Rn, Rm] (A6.2.4, opA 0101). */
static bool t16_ldst_reg(DisasContext *s, uint32_t insn)
{
    static const uint8_t memop[8] = { MO_32, MO_16, MO_8, MO_8 | MO_SIGN,
                                      MO_32, MO_16, MO_8, MO_16 | MO_SIGN };
    int opb = (insn >> 9) & 7;
    TCGv_i32 addr = tcg_temp_new_i32();
    tcg_gen_add_i32(addr, reg_val(s, RD3(insn, 3)), load_reg(s, RD3(insn, 6)));
    if (opb < 3) {
        thumb_store_rt(s, RD3(insn, 0), addr, memop[opb]);
    } else {
        thumb_load_rt(s, RD3(insn, 0), addr, memop[opb]);
    }
    return true;
}

/* STR/LDR/STRB/LDRB/STRH/LDRH Rt, [Rn, #imm5 * size] */
static bool t16_ldst_imm(DisasContext *s, uint32_t insn)
{
    unsigned memop;
    switch (insn >> 12) {
    case 6: memop = MO_32; break;
    case 7: memop = MO_8; break;
    default: memop = MO_16; break;
    }
    TCGv_i32 addr = tcg_temp_new_i32();
    tcg_gen_addi_i32(addr, reg_val(s, RD3(insn, 3)), ((insn >> 6) & 31) << memop);
    if (insn & (1 << 11)) {
        thumb_load_rt(s, RD3(insn, 0), addr, memop);
    } else {
        thumb_store_rt(s, RD3(insn, 0), addr, memop);
    }
    return true;
}

/* STR/LDR Rt, [SP, #imm8*4] */
static bool t16_ldst_sp(DisasContext *s, uint32_t insn)
{
    TCGv_i32 addr = tcg_temp_new_i32();
    tcg_gen_addi_i32(addr, reg_val(s, 13), (insn & 0xff) * 4);
    if (insn & (1 << 11)) {
        thumb_load_rt(s, RD3(insn, 8), addr, MO_32);
    } else {
        thumb_store_rt(s, RD3(insn, 8), addr, MO_32);
    }
    return true;
}

/* ADR Rd, label  /  ADD Rd, SP, #imm8*4 */
static bool t16_adr_addsp(DisasContext *s, uint32_t insn)
{
    uint32_t imm = (insn & 0xff) * 4;
    TCGv_i32 t;
    if (insn & (1 << 11)) {
        t = tcg_temp_new_i32();
        tcg_gen_addi_i32(t, reg_val(s, 13), imm);
    } else {
        t = add_reg_for_lit(s, 15, (int)imm);
    }
    store_reg(s, RD3(insn, 8), t);
    return true;
}

/* LDM Rn{!}, list (writeback unless Rn is in the list) / STM Rn!, list */
static bool t16_ldm_stm(DisasContext *s, uint32_t insn)
{
    int rn = RD3(insn, 8);
    uint32_t list = insn & 0xff;
    if (list == 0) {
        return false; /* UNPREDICTABLE */
    }
    if (insn & (1 << 11)) {
        gen_ldm(s, rn, list, true, false, !(list & (1u << rn)));
    } else {
        gen_stm(s, rn, list, true, false, true);
    }
    return true;
}

/* --- Miscellaneous 16-bit instructions (A6.2.5) --- */

/* ADD SP, SP, #imm7*4  /  SUB SP, SP, #imm7*4 */
static bool t16_addsub_sp(DisasContext *s, uint32_t insn)
{
    uint32_t imm = (insn & 0x7f) * 4;
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_addi_i32(t, reg_val(s, 13), (insn & (1 << 7)) ? -imm : imm);
    store_reg(s, 13, t);
    return true;
}

/* CBZ/CBNZ Rn, label: forward only, offset i:imm5:'0'.  Like a conditional
   branch: the not-taken path joins s->condlabel (the TB loop places it). */
static bool t16_cbz(DisasContext *s, uint32_t insn)
{
    uint32_t off = ((insn >> 4) & 0x20) | ((insn >> 3) & 0x1f);
    uint32_t dest = s->pc + 4 + off * 2;
    TCGv_i32 t = load_reg(s, RD3(insn, 0));
    if (!s->condjmp) {
        s->condlabel = gen_new_label();
        s->condjmp = true;
    }
    tcg_gen_brcondi_i32((insn & (1 << 11)) ? TCG_COND_EQ : TCG_COND_NE, t, 0, s->condlabel);
    gen_jmp(s, dest);
    return true;
}

/* SXTH/SXTB/UXTH/UXTB Rd, Rm */
static bool t16_extend(DisasContext *s, uint32_t insn)
{
    TCGv_i32 t = load_reg(s, RD3(insn, 3));
    switch ((insn >> 6) & 3) {
    case 0: tcg_gen_ext16s_i32(t, t); break;
    case 1: tcg_gen_ext8s_i32(t, t); break;
    case 2: tcg_gen_ext16u_i32(t, t); break;
    default: tcg_gen_ext8u_i32(t, t); break;
    }
    store_reg(s, RD3(insn, 0), t);
    return true;
}

/* REV/REV16/REVSH Rd, Rm (opcode 10 is undefined) */
static bool t16_rev(DisasContext *s, uint32_t insn)
{
    TCGv_i32 t = load_reg(s, RD3(insn, 3));
    switch ((insn >> 6) & 3) {
    case 0: tcg_gen_bswap32_i32(t, t); break;
    case 1: thumb_gen_rev16(t, t); break;
    case 3: thumb_gen_revsh(t, t); break;
    default: return false;
    }
    store_reg(s, RD3(insn, 0), t);
    return true;
}

/* PUSH {list, lr}  = STMDB SP!;  POP {list, pc} = LDMIA SP! (pc interworks) */
static bool t16_push_pop(DisasContext *s, uint32_t insn)
{
    bool pop = insn & (1 << 11);
    uint32_t list = (insn & 0xff) | ((insn & 0x100) ? (pop ? 1u << 15 : 1u << 14) : 0);
    if (list == 0) {
        return false;
    }
    if (pop) {
        gen_ldm(s, 13, list, true, false, true);
    } else {
        gen_stm(s, 13, list, false, true, true);
    }
    return true;
}

/* CPS: privileged; in User mode it executes as a NOP (ARM ARM B9.3.2). */
static bool t16_cps(DisasContext *s, uint32_t insn) { return true; }

/* SETEND LE is a no-op here; big-endian data (SETEND BE) is not emulated,
   so it raises SIGILL rather than running with the wrong byte order. */
static bool t16_setend(DisasContext *s, uint32_t insn) { return !(insn & 8); }

static bool t16_bkpt(DisasContext *s, uint32_t insn)
{
    gen_exception_insn(s, EXCP_BKPT);
    return true;
}

/* IT{x{y{z}}} firstcond, or (mask == 0) the NOP-compatible hints. */
static bool t16_it_hint(DisasContext *s, uint32_t insn)
{
    if (insn & 0xf) {
        /* ITSTATE as the TB loop advances it: condexec_cond holds
           firstcond[3:1]:0 and condexec_mask firstcond[0]:mask (5 bits).  The
           loop's advance after this IT instruction moves firstcond[0] into the
           condition, so the first instruction of the block sees firstcond. */
        s->condexec_cond = (insn >> 4) & 0xe;
        s->condexec_mask = insn & 0x1f;
        return true;
    }
    /* NOP, YIELD, WFE, WFI, SEV and the unallocated hints all do nothing in
       user mode. */
    return true;
}

/* --- Branches, SVC, UDF --- */

/* B<cond> label (imm8*2); cond 1110 is UDF, 1111 is SVC (separate entries). */
static bool t16_bcond(DisasContext *s, uint32_t insn)
{
    int32_t off = (int32_t)(int8_t)(insn & 0xff) * 2;
    arm_skip_unless(s, (insn >> 8) & 15);
    gen_jmp(s, s->pc + 4 + (uint32_t)off);
    return true;
}

static bool t16_svc(DisasContext *s, uint32_t insn)
{
    gen_svc(s, insn & 0xff);
    return true;
}

static bool t16_udf(DisasContext *s, uint32_t insn) { return false; }

/* B label (imm11*2) */
static bool t16_b(DisasContext *s, uint32_t insn)
{
    int32_t off = ((int32_t)(insn << 21) >> 21) * 2;
    gen_jmp(s, s->pc + 4 + (uint32_t)off);
    return true;
}

/* The 16-bit encoding table, first match wins. */
static const struct {
    uint16_t mask, value;
    T16Fn *fn;
} t16_table[] = {
    { 0xf800, 0x1800, t16_addsub3 },   /* 00011 x x: ADD/SUB reg / imm3 */
    { 0xe000, 0x0000, t16_shift_imm }, /* 000xx: LSL/LSR/ASR imm */
    { 0xe000, 0x2000, t16_imm8 },      /* 001xx: MOV/CMP/ADD/SUB imm8 */
    { 0xfc00, 0x4000, t16_dp_reg },    /* 010000: data processing */
    { 0xfc00, 0x4400, t16_special },   /* 010001: high regs, BX, BLX */
    { 0xf800, 0x4800, t16_ldr_lit },   /* 01001: LDR literal */
    { 0xf000, 0x5000, t16_ldst_reg },  /* 0101: register offset */
    { 0xe000, 0x6000, t16_ldst_imm },  /* 011xx: word/byte imm5 */
    { 0xf000, 0x8000, t16_ldst_imm },  /* 1000x: halfword imm5 */
    { 0xf000, 0x9000, t16_ldst_sp },   /* 1001x: SP-relative */
    { 0xf000, 0xa000, t16_adr_addsp }, /* 1010x: ADR, ADD Rd, SP */
    { 0xff00, 0xb000, t16_addsub_sp }, /* 1011 0000: ADD/SUB SP, #imm */
    { 0xf500, 0xb100, t16_cbz },       /* 1011 o0i1: CBZ/CBNZ */
    { 0xff00, 0xb200, t16_extend },    /* 1011 0010: SXTH..UXTB */
    { 0xf600, 0xb400, t16_push_pop },  /* 1011 x10x: PUSH/POP */
    { 0xffe8, 0xb660, t16_cps },       /* 1011 0110 011x 0xxx: CPS */
    { 0xfff7, 0xb650, t16_setend },    /* 1011 0110 0101 x000: SETEND */
    { 0xff00, 0xba00, t16_rev },       /* 1011 1010: REV family */
    { 0xff00, 0xbe00, t16_bkpt },      /* 1011 1110: BKPT */
    { 0xff00, 0xbf00, t16_it_hint },   /* 1011 1111: IT, hints */
    { 0xf000, 0xc000, t16_ldm_stm },   /* 1100x: LDM/STM */
    { 0xff00, 0xde00, t16_udf },       /* 1101 1110: UDF */
    { 0xff00, 0xdf00, t16_svc },       /* 1101 1111: SVC */
    { 0xf000, 0xd000, t16_bcond },     /* 1101: B<cond> */
    { 0xf800, 0xe000, t16_b },         /* 11100: B */
};

bool thumb_disas_16(DisasContext *s, uint32_t insn)
{
    for (size_t i = 0; i < sizeof(t16_table) / sizeof(t16_table[0]); i++) {
        if ((insn & t16_table[i].mask) == t16_table[i].value) {
            return t16_table[i].fn(s, insn);
        }
    }
    return false; /* e.g. 1011 0001/0011 (unallocated misc), 0xb6xx other */
}
