/*
 * SPARC integer instructions: the trans_* functions the generated decoder
 * (decode-insn.c.inc, from insn.decode) calls.  V9 semantics on 64-bit
 * registers throughout: what V8 code sees is the low halves, which behave
 * as V8 specifies.
 */
#include <signal.h>
#include <stdlib.h>

#include "include/guest.h"
#include "target-sparc/translate.h"

#include "target-sparc/decode-insn.c.inc"

bool sparc_decode(DisasContext *s, uint32_t insn)
{
    return decode_sparc(s, insn);
}

/* ---- Branches ---------------------------------------------------------------- */

static bool do_branch(DisasContext *s, int a, int cond, bool xcc, int disp)
{
    uint32_t target = s->pc + (uint32_t)disp;
    if (cond == 0) {
        gen_branch(s, COND_ALWAYS, true, a, target);
    } else if (cond == 8) {
        gen_branch(s, COND_ALWAYS, false, a, target);
    } else {
        DisasCompare c;
        gen_icmp(s, &c, cond, xcc);
        gen_branch(s, &c, false, a, target);
    }
    return true;
}

static bool trans_Bicc(DisasContext *s, arg_branch *a)
{
    return do_branch(s, a->a, a->cond, false, a->disp);
}

static bool trans_BPcc(DisasContext *s, arg_branch *a)
{
    if (a->cc & 1)
        return false;
    return do_branch(s, a->a, a->cond, a->cc == 2, a->disp);
}

static bool do_fbranch(DisasContext *s, arg_branch *a)
{
    uint32_t target = s->pc + (uint32_t)a->disp;
    if (a->cond == 0)
        gen_branch(s, COND_ALWAYS, true, a->a, target);
    else if (a->cond == 8)
        gen_branch(s, COND_ALWAYS, false, a->a, target);
    else {
        DisasCompare c;
        gen_cmp_of_value(&c, gen_fcond(s, a->cond, a->cc));
        gen_branch(s, &c, false, a->a, target);
    }
    return true;
}

static bool trans_FBfcc(DisasContext *s, arg_branch *a)
{
    return do_fbranch(s, a);
}

static bool trans_FBPfcc(DisasContext *s, arg_branch *a)
{
    return do_fbranch(s, a);
}

/* Register condition (BPr): rcond 1 z, 2 lez, 3 lz, 5 nz, 6 gz, 7 gez. */
static bool trans_BPr(DisasContext *s, arg_bpr *a)
{
    static const TCGCond conds[8] = {
        TCG_COND_NEVER, TCG_COND_EQ, TCG_COND_LE, TCG_COND_LT,
        TCG_COND_NEVER, TCG_COND_NE, TCG_COND_GT, TCG_COND_GE,
    };
    if ((a->rcond & 3) == 0)
        return false;
    DisasCompare c = { conds[a->rcond], true, false, tcg_temp_new_i64(), tcg_constant_i64(0) };
    tcg_gen_mov_i64(c.a, gen_reg(a->rs1));
    gen_branch(s, &c, false, a->a, s->pc + (uint32_t)a->disp);
    return true;
}

static bool trans_CALL(DisasContext *s, arg_call *a)
{
    uint32_t target = s->pc + (uint32_t)a->disp;
    tcg_gen_movi_i64(cpu_regs[15], s->pc);
    /* return prediction: the return comes back after the delay slot */
    tcg_gen_ret_push(s->pc + 8, s->pc + 12, 0);
    gen_branch(s, COND_ALWAYS, false, false, target);
    return true;
}

static bool trans_JMPL(DisasContext *s, arg_alu *a)
{
    TCGv_i64 t = tcg_temp_new_i64();
    tcg_gen_add_i64(t, gen_reg(a->rs1), gen_op2(a->i, a->rs2, a->imm));
    tcg_gen_andi_i64(t, t, 0xffffffffu);
    gen_store_reg(a->rd, tcg_constant_i64(s->pc));
    if (a->rd == 15) {
        tcg_gen_ret_push(s->pc + 8, s->pc + 12, 0); /* call through a register */
    }
    /* ret (jmpl %i7 + 8, %g0) and retl (jmpl %o7 + 8, %g0) */
    s->is_ret = a->rd == 0 && (a->rs1 == 15 || a->rs1 == 31) && a->i && a->imm == 8;
    gen_jump_dynamic(s, t);
    return true;
}

static bool trans_RETURN(DisasContext *s, arg_alu *a)
{
    TCGv_i64 t = tcg_temp_new_i64();
    tcg_gen_add_i64(t, gen_reg(a->rs1), gen_op2(a->i, a->rs2, a->imm));
    tcg_gen_andi_i64(t, t, 0xffffffffu);
    gen_save_state(s);
    tcg_gen_call(helper_sparc_restore, CALL_RW_GLOBALS, TCG_I32, TEMP_NONE, tcg_env);
    s->is_ret = a->rs1 == 31 && a->i && a->imm == 8; /* return %i7 + 8 */
    gen_jump_dynamic(s, t);
    return true;
}

static bool trans_ILLTRAP(DisasContext *s, arg_empty *a)
{
    gen_illegal(s);
    return true;
}

static bool trans_SETHI(DisasContext *s, arg_sethi *a)
{
    gen_store_reg(a->rd, tcg_constant_i64((uint64_t)(uint32_t)a->imm << 10));
    return true;
}

/* ---- Arithmetic and logic ------------------------------------------------------ */

typedef enum { CC_NONE, CC_LOGIC, CC_ADD, CC_SUB } CCKind;

static bool do_alu(DisasContext *s, arg_alu *a, void (*op)(TCGv, TCGv, TCGv), CCKind cc)
{
    TCGv_i64 src1 = gen_reg(a->rs1), src2 = gen_op2(a->i, a->rs2, a->imm);
    TCGv_i64 r = tcg_temp_new_i64();
    op(r, src1, src2);
    switch (cc) {
    case CC_LOGIC: gen_cc_logic_rd(s, r, a->rd); return true;
    case CC_ADD: gen_cc_add_rd(s, r, src1, src2, a->rd); return true;
    case CC_SUB: gen_cc_sub_rd(s, r, src1, src2, a->rd); return true;
    default: break;
    }
    gen_store_reg(a->rd, r);
    return true;
}

static void gen_orn(TCGv r, TCGv a, TCGv b)
{
    TCGv t = tcg_temp_new_i64();
    tcg_gen_not_i64(t, b);
    tcg_gen_or_i64(r, a, t);
}

static void gen_xnor(TCGv r, TCGv a, TCGv b)
{
    tcg_gen_xor_i64(r, a, b);
    tcg_gen_not_i64(r, r);
}

#define ALU(NAME, OP)                                                          \
    static bool trans_##NAME(DisasContext *s, arg_alu *a) { return do_alu(s, a, OP, CC_NONE); }
#define ALUCC(NAME, OP, CC)                                                    \
    static bool trans_##NAME(DisasContext *s, arg_alu *a) { return do_alu(s, a, OP, CC); }
ALU(ADD, tcg_gen_add_i64)
ALU(AND, tcg_gen_and_i64)
ALU(OR, tcg_gen_or_i64)
ALU(XOR, tcg_gen_xor_i64)
ALU(SUB, tcg_gen_sub_i64)
ALU(ANDN, tcg_gen_andc_i64)
ALU(ORN, gen_orn)
ALU(XNOR, gen_xnor)
ALU(MULX, tcg_gen_mul_i64)
ALUCC(ADDcc, tcg_gen_add_i64, CC_ADD)
ALUCC(ANDcc, tcg_gen_and_i64, CC_LOGIC)
ALUCC(ORcc, tcg_gen_or_i64, CC_LOGIC)
ALUCC(XORcc, tcg_gen_xor_i64, CC_LOGIC)
ALUCC(SUBcc, tcg_gen_sub_i64, CC_SUB)
ALUCC(ANDNcc, tcg_gen_andc_i64, CC_LOGIC)
ALUCC(ORNcc, gen_orn, CC_LOGIC)
ALUCC(XNORcc, gen_xnor, CC_LOGIC)

/* addx/subx: with icc.C as carry / borrow in. */
static bool do_addsubc(DisasContext *s, arg_alu *a, bool sub, bool cc)
{
    TCGv_i64 src1 = gen_reg(a->rs1), src2 = gen_op2(a->i, a->rs2, a->imm);
    TCGv_i64 r = tcg_temp_new_i64(), c = gen_cc_C(s, false);
    if (sub) {
        tcg_gen_sub_i64(r, src1, src2);
        tcg_gen_sub_i64(r, r, c);
    } else {
        tcg_gen_add_i64(r, src1, src2);
        tcg_gen_add_i64(r, r, c);
    }
    if (cc) {
        if (sub)
            gen_cc_subc(s, r, src1, src2);
        else
            gen_cc_addc(s, r, src1, src2);
    }
    gen_store_reg(a->rd, r);
    return true;
}

static bool trans_ADDC(DisasContext *s, arg_alu *a) { return do_addsubc(s, a, false, false); }
static bool trans_SUBC(DisasContext *s, arg_alu *a) { return do_addsubc(s, a, true, false); }
static bool trans_ADDCcc(DisasContext *s, arg_alu *a) { return do_addsubc(s, a, false, true); }
static bool trans_SUBCcc(DisasContext *s, arg_alu *a) { return do_addsubc(s, a, true, true); }

/* umul/smul: the 64-bit product of the low halves into rd, its high half into Y. */
static bool do_mul(DisasContext *s, arg_alu *a, bool sign, bool cc)
{
    TCGv_i64 x = tcg_temp_new_i64(), y = tcg_temp_new_i64(), r = tcg_temp_new_i64();
    if (sign) {
        tcg_gen_ext32s_i64(x, gen_reg(a->rs1));
        tcg_gen_ext32s_i64(y, gen_op2(a->i, a->rs2, a->imm));
    } else {
        tcg_gen_ext32u_i64(x, gen_reg(a->rs1));
        tcg_gen_ext32u_i64(y, gen_op2(a->i, a->rs2, a->imm));
    }
    tcg_gen_mul_i64(r, x, y);
    tcg_gen_extrh_i64_i32(cpu_y, r);
    if (cc)
        gen_cc_logic(s, r);
    gen_store_reg(a->rd, r);
    return true;
}

static bool trans_UMUL(DisasContext *s, arg_alu *a) { return do_mul(s, a, false, false); }
static bool trans_SMUL(DisasContext *s, arg_alu *a) { return do_mul(s, a, true, false); }
static bool trans_UMULcc(DisasContext *s, arg_alu *a) { return do_mul(s, a, false, true); }
static bool trans_SMULcc(DisasContext *s, arg_alu *a) { return do_mul(s, a, true, true); }

/* Divisions: helpers that raise SIGFPE on a zero divisor (the state is
   written back before them: CALL_NO_WG). */
static bool do_div(DisasContext *s, arg_alu *a, void *fn, bool writes_flags)
{
    TCGv_i64 r = tcg_temp_new_i64();
    tcg_gen_call(fn, writes_flags ? CALL_RW_GLOBALS : CALL_NO_WG, TCG_I64, r, tcg_env,
                 gen_reg(a->rs1), gen_op2(a->i, a->rs2, a->imm));
    if (writes_flags)
        gen_cc_changed(s);
    gen_store_reg(a->rd, r);
    return true;
}

static bool trans_UDIV(DisasContext *s, arg_alu *a) { return do_div(s, a, helper_sparc_udiv, false); }
static bool trans_SDIV(DisasContext *s, arg_alu *a) { return do_div(s, a, helper_sparc_sdiv, false); }
static bool trans_UDIVcc(DisasContext *s, arg_alu *a) { return do_div(s, a, helper_sparc_udiv_cc, true); }
static bool trans_SDIVcc(DisasContext *s, arg_alu *a) { return do_div(s, a, helper_sparc_sdiv_cc, true); }
static bool trans_UDIVX(DisasContext *s, arg_alu *a) { return do_div(s, a, helper_sparc_udivx, false); }
static bool trans_SDIVX(DisasContext *s, arg_alu *a) { return do_div(s, a, helper_sparc_sdivx, false); }

static bool trans_POPC(DisasContext *s, arg_alu *a)
{
    TCGv_i64 r = tcg_temp_new_i64();
    if (a->rs1)
        return false;
    tcg_gen_call(helper_sparc_popc, CALL_NO_RWG | CALL_PURE, TCG_I64, r, gen_op2(a->i, a->rs2, a->imm));
    gen_store_reg(a->rd, r);
    return true;
}

/* mulscc: one step of the V8 shift-and-add multiply. */
static bool trans_MULScc(DisasContext *s, arg_alu *a)
{
    TCGv_i64 src1 = tcg_temp_new_i64(), op1 = tcg_temp_new_i64(), op2 = tcg_temp_new_i64();
    TCGv_i64 t = tcg_temp_new_i64(), r = tcg_temp_new_i64();
    TCGv_i64 y = tcg_temp_new_i64();
    tcg_gen_mov_i64(src1, gen_reg(a->rs1));
    /* op1 = (N ^ V) << 31 | (rs1[31:0] >> 1) */
    tcg_gen_xor_i64(t, cpu_cc_N, gen_cc_V(s));
    tcg_gen_andi_i64(t, t, 0x80000000u);
    tcg_gen_extract(INDEX_op_extract, TCG_I64, op1, src1, 1, 31);
    tcg_gen_or_i64(op1, op1, t);
    /* op2 = Y[0] ? operand2 : 0 (32 bits) */
    tcg_gen_extu_i32_i64(y, cpu_y);
    tcg_gen_andi_i64(t, y, 1);
    tcg_gen_ext32u_i64(op2, gen_op2(a->i, a->rs2, a->imm));
    tcg_gen_movcond(TCG_I64, TCG_COND_NE, op2, t, tcg_constant_i64(0), op2, tcg_constant_i64(0));
    /* Y = rs1[0] << 31 | Y >> 1 */
    tcg_gen_shri_i64(y, y, 1);
    tcg_gen_andi_i64(t, src1, 1);
    tcg_gen_shli_i64(t, t, 31);
    tcg_gen_or_i64(y, y, t);
    tcg_gen_extrl_i64_i32(cpu_y, y);
    tcg_gen_add_i64(r, op1, op2);
    gen_cc_add(s, r, op1, op2);
    gen_store_reg(a->rd, r);
    return true;
}

/* Tagged add/subtract: V also set when either operand has tag bits; the TV
   forms trap instead of writing.  Linux sends SIGEMT (EMT_TAGOVF) there;
   the host has no SIGEMT for mimic to number it by, so this is SIGILL
   (ILL_ILLTRP): a known difference. */
static bool do_tagged(DisasContext *s, arg_alu *a, bool sub, bool tv)
{
    TCGv_i64 src1 = tcg_temp_new_i64(), src2 = tcg_temp_new_i64(), r = tcg_temp_new_i64();
    TCGv_i64 t = tcg_temp_new_i64();
    tcg_gen_mov_i64(src1, gen_reg(a->rs1));
    tcg_gen_mov_i64(src2, gen_op2(a->i, a->rs2, a->imm));
    if (sub)
        tcg_gen_sub_i64(r, src1, src2);
    else
        tcg_gen_add_i64(r, src1, src2);
    /* tag = ((a | b) & 3) != 0, or'ed into icc.V (bit 31) */
    tcg_gen_or_i64(t, src1, src2);
    tcg_gen_andi_i64(t, t, 3);
    tcg_gen_setcond(TCG_I64, TCG_COND_NE, t, t, tcg_constant_i64(0));
    tcg_gen_shli_i64(t, t, 31);
    if (tv) {
        /* The 32-bit overflow or a tag: trap without writing anything. */
        TCGv_i64 v = tcg_temp_new_i64(), u = tcg_temp_new_i64();
        tcg_gen_xor_i64(v, r, src1);
        tcg_gen_xor_i64(u, src1, src2);
        if (sub)
            tcg_gen_and_i64(v, v, u);
        else
            tcg_gen_andc_i64(v, v, u);
        tcg_gen_or_i64(v, v, t);
        tcg_gen_andi_i64(v, v, 0x80000000u);
        TCGLabel ok = gen_new_label();
        tcg_gen_brcond(TCG_I64, TCG_COND_EQ, v, tcg_constant_i64(0), ok);
        gen_save_state(s);
        tcg_gen_call(helper_sparc_raise, CALL_NO_WG, TCG_I32, TEMP_NONE, tcg_env,
                     tcg_constant_i32(SIGILL), tcg_constant_i32(ILL_ILLTRP));
        gen_set_label(ok);
    }
    if (sub)
        gen_cc_sub(s, r, src1, src2);
    else
        gen_cc_add(s, r, src1, src2);
    gen_cc_flags(s);
    TCGv_i64 v = tcg_temp_new_i64();
    tcg_gen_ld_i64(v, SPARC_OFF(cc_V));
    tcg_gen_or_i64(v, v, t);
    tcg_gen_st_i64(v, SPARC_OFF(cc_V));
    gen_store_reg(a->rd, r);
    return true;
}

static bool trans_TADDcc(DisasContext *s, arg_alu *a) { return do_tagged(s, a, false, false); }
static bool trans_TSUBcc(DisasContext *s, arg_alu *a) { return do_tagged(s, a, true, false); }
static bool trans_TADDccTV(DisasContext *s, arg_alu *a) { return do_tagged(s, a, false, true); }
static bool trans_TSUBccTV(DisasContext *s, arg_alu *a) { return do_tagged(s, a, true, true); }

/* ---- Shifts ------------------------------------------------------------------------ */

static bool do_shift(DisasContext *s, arg_shift *a, int kind)
{
    TCGv_i64 src = gen_reg(a->rs1), r = tcg_temp_new_i64(), cnt;
    unsigned mask = a->x ? 63 : 31;
    if (a->i) {
        cnt = tcg_constant_i64(a->cnt & mask);
    } else {
        cnt = tcg_temp_new_i64();
        tcg_gen_andi_i64(cnt, gen_reg(a->rs2), mask);
    }
    if (a->i && !a->x && kind != 0) {
        /* srl/sra by a constant: one (s)extract of bits 31..cnt. */
        int c = a->cnt & 31;
        tcg_gen_extract(kind == 1 ? INDEX_op_extract : INDEX_op_sextract, TCG_I64, r, src, (unsigned)c,
                        32u - (unsigned)c);
        gen_store_reg(a->rd, r);
        return true;
    }
    TCGv_i64 v = src;
    if (!a->x && kind != 0) {
        v = tcg_temp_new_i64();
        if (kind == 1)
            tcg_gen_ext32u_i64(v, src);
        else
            tcg_gen_ext32s_i64(v, src);
    }
    if (kind == 0)
        tcg_gen_shl_i64(r, v, cnt);
    else if (kind == 1)
        tcg_gen_shr_i64(r, v, cnt);
    else
        tcg_gen_sar_i64(r, v, cnt);
    gen_store_reg(a->rd, r);
    return true;
}

static bool trans_SLL(DisasContext *s, arg_shift *a) { return do_shift(s, a, 0); }
static bool trans_SRL(DisasContext *s, arg_shift *a) { return do_shift(s, a, 1); }
static bool trans_SRA(DisasContext *s, arg_shift *a) { return do_shift(s, a, 2); }

/* ---- Register windows ------------------------------------------------------------- */

static bool do_window(DisasContext *s, arg_alu *a, void *fn)
{
    TCGv_i64 t = tcg_temp_new_i64();
    tcg_gen_add_i64(t, gen_reg(a->rs1), gen_op2(a->i, a->rs2, a->imm));
    /* A spill or fill may fault: the state of this instruction first. */
    gen_save_state(s);
    tcg_gen_call(fn, CALL_RW_GLOBALS, TCG_I32, TEMP_NONE, tcg_env);
    gen_store_reg(a->rd, t);
    return true;
}

static bool trans_SAVE(DisasContext *s, arg_alu *a) { return do_window(s, a, helper_sparc_save); }
static bool trans_RESTORE(DisasContext *s, arg_alu *a) { return do_window(s, a, helper_sparc_restore); }

static bool trans_FLUSHW(DisasContext *s, arg_empty *a)
{
    gen_save_state(s);
    tcg_gen_call(helper_sparc_flushw, CALL_RW_GLOBALS, TCG_I32, TEMP_NONE, tcg_env);
    return true;
}

static bool trans_FLUSH(DisasContext *s, arg_alu *a)
{
    /* Stores to code are caught by page protection; nothing to do. */
    return true;
}

/* ---- State registers ---------------------------------------------------------------- */

static bool trans_RDASR(DisasContext *s, arg_rdasr *a)
{
    TCGv_i64 r = tcg_temp_new_i64();
    switch (a->rs1) {
    case 0: /* %y */
        tcg_gen_extu_i32_i64(r, cpu_y);
        break;
    case 2: /* %ccr */
        tcg_gen_call(helper_sparc_rdccr, CALL_NO_WG, TCG_I64, r, tcg_env);
        break;
    case 3: /* %asi */
    case 6: { /* %fprs */
        TCGv_i32 t = tcg_temp_new_i32();
        tcg_gen_ld_i32(t, a->rs1 == 3 ? SPARC_OFF(asi) : SPARC_OFF(fprs));
        tcg_gen_extu_i32_i64(r, t);
        break;
    }
    case 4: /* %tick */
        tcg_gen_call(helper_sparc_rdtick, CALL_NO_RWG, TCG_I64, r, tcg_env);
        break;
    case 5: /* %pc */
        tcg_gen_movi_i64(r, s->pc);
        break;
    case 19: /* %gsr */
        tcg_gen_ld_i64(r, SPARC_OFF(gsr));
        break;
    case 15: /* stbar (i = 0) / membar (i = 1); rd must be 0 */
        if (a->rd)
            return false;
        tcg_gen_mb();
        return true;
    default:
        return false;
    }
    gen_store_reg(a->rd, r);
    return true;
}

static bool trans_WRASR(DisasContext *s, arg_alu *a)
{
    TCGv_i64 v = tcg_temp_new_i64();
    tcg_gen_xor_i64(v, gen_reg(a->rs1), gen_op2(a->i, a->rs2, a->imm));
    switch (a->rd) {
    case 0: /* %y */
        tcg_gen_extrl_i64_i32(cpu_y, v);
        return true;
    case 2: /* %ccr */
        tcg_gen_call(helper_sparc_wrccr, CALL_RW_GLOBALS, TCG_I32, TEMP_NONE, tcg_env, v);
        gen_cc_changed(s);
        return true;
    case 3: /* %asi */
    case 6: { /* %fprs */
        TCGv_i32 t = tcg_temp_new_i32();
        tcg_gen_extrl_i64_i32(t, v);
        tcg_gen_andi_i32(t, t, a->rd == 3 ? 0xff : 7);
        tcg_gen_st_i32(t, a->rd == 3 ? SPARC_OFF(asi) : SPARC_OFF(fprs));
        return true;
    }
    case 19: /* %gsr */
        tcg_gen_st_i64(v, SPARC_OFF(gsr));
        return true;
    case 15: /* sir: privileged */
        gen_exception(s, EXCP_PRIV);
        return true;
    default:
        return false;
    }
}

static bool priv(DisasContext *s)
{
    gen_exception(s, EXCP_PRIV);
    return true;
}

static bool trans_RDPSR(DisasContext *s, arg_empty *a) { return priv(s); }
static bool trans_RDWIM(DisasContext *s, arg_empty *a) { return priv(s); }
static bool trans_WRPSR(DisasContext *s, arg_empty *a) { return priv(s); }
static bool trans_WRWIM(DisasContext *s, arg_empty *a) { return priv(s); }
static bool trans_WRTBR(DisasContext *s, arg_empty *a) { return priv(s); }
static bool trans_DONE(DisasContext *s, arg_empty *a) { return priv(s); }
static bool trans_IMPDEP2(DisasContext *s, arg_empty *a) { return false; }

/* ---- Traps --------------------------------------------------------------------------- */

static bool trans_Tcc(DisasContext *s, arg_trap *a)
{
    if (a->cc & 1)
        return false;
    if (a->cond == 0)
        return true; /* tn: a no-op */
    bool syscall = !a->rs1 && a->i && (a->imm & 0x7f) == 0x10;
    uint32_t npc = s->npc, jt = s->jump_target;
    TCGLabel skip = 0;
    if (a->cond != 8) {
        skip = gen_new_label();
        DisasCompare c;
        gen_icmp(s, &c, a->cond, a->cc == 2);
        gen_cmp_brcond(&c, true, skip);
    }
    if (syscall) {
        /* The Linux syscall trap: the kernel returns to npc. */
        if ((s->npc & 3) == 0) {
            tcg_gen_movi_i32(cpu_pc, s->npc);
            tcg_gen_movi_i32(cpu_npc, s->npc + 4);
        } else {
            gen_npc_to_env(s);
            tcg_gen_mov_i32(cpu_pc, cpu_npc);
            tcg_gen_addi_i32(cpu_npc, cpu_npc, 4);
        }
        tcg_gen_st_i32(tcg_constant_i32(EXCP_SYSCALL), SPARC_OFF(common.exception));
        tcg_gen_exit_tb(NULL, 0);
    } else {
        TCGv_i32 tn = tcg_temp_new_i32();
        TCGv_i64 t = tcg_temp_new_i64();
        tcg_gen_add_i64(t, gen_reg(a->rs1), a->i ? tcg_constant_i64((uint64_t)a->imm) : gen_reg(a->rs2));
        tcg_gen_extrl_i64_i32(tn, t);
        tcg_gen_andi_i32(tn, tn, 0x7f);
        gen_save_state(s);
        /* Returns only for a trap that resumes (flush windows, ...). */
        tcg_gen_call(helper_sparc_trap, CALL_RW_GLOBALS, TCG_I32, TEMP_NONE, tcg_env, tn);
        gen_cc_changed(s); /* setcc (ta 0x21) */
    }
    if (a->cond == 8) {
        if (syscall) {
            s->is_jmp = DISAS_NORETURN;
            s->pc_moved = true;
        }
        return true;
    }
    /* Not taken (or resumed): on as before the trap. */
    s->npc = npc;
    s->jump_target = jt;
    gen_set_label(skip);
    return true;
}

/* ---- movcc / movr ------------------------------------------------------------------------ */

static bool trans_MOVcc(DisasContext *s, arg_movcc *a)
{
    TCGv_i32 c;
    if (a->cc & 4) {
        if (a->cc & 1)
            return false;
        c = gen_icond(s, a->cond, (a->cc & 2) != 0);
    } else {
        c = gen_fcond(s, a->cond, a->cc & 3);
    }
    if (!a->rd)
        return true;
    TCGv_i64 c64 = tcg_temp_new_i64();
    tcg_gen_extu_i32_i64(c64, c);
    TCGv_i64 v = a->i ? tcg_constant_i64((uint64_t)(int64_t)a->imm) : gen_reg(a->rs2);
    tcg_gen_movcond(TCG_I64, TCG_COND_NE, cpu_regs[a->rd], c64, tcg_constant_i64(0), v, cpu_regs[a->rd]);
    return true;
}

static bool trans_MOVR(DisasContext *s, arg_movr *a)
{
    static const TCGCond conds[8] = {
        TCG_COND_NEVER, TCG_COND_EQ, TCG_COND_LE, TCG_COND_LT,
        TCG_COND_NEVER, TCG_COND_NE, TCG_COND_GT, TCG_COND_GE,
    };
    if ((a->rcond & 3) == 0)
        return false;
    if (!a->rd)
        return true;
    TCGv_i64 v = a->i ? tcg_constant_i64((uint64_t)(int64_t)a->imm) : gen_reg(a->rs2);
    tcg_gen_movcond(TCG_I64, conds[a->rcond], cpu_regs[a->rd], gen_reg(a->rs1), tcg_constant_i64(0), v,
                    cpu_regs[a->rd]);
    return true;
}

/* ---- Memory ------------------------------------------------------------------------------ */

static TCGv_i64 gen_address(arg_mem *a)
{
    TCGv_i64 t = tcg_temp_new_i64();
    tcg_gen_add_i64(t, gen_reg(a->rs1), gen_op2(a->i, a->rs2, a->imm));
    return t;
}

/* The byte order of an alternate space (user mode: the primary/secondary
   spaces and their no-fault and little-endian forms), or -1. */
static int asi_memop(DisasContext *s, arg_mem *a)
{
    if (a->i)
        return -1; /* %asi: not supported */
    switch (a->asi) {
    case 0x80: case 0x81: case 0x82: case 0x83:
        return MO_BSWAP;
    case 0x88: case 0x89: case 0x8a: case 0x8b:
        return 0;
    default:
        return -1;
    }
}

/* Every integer access must be aligned to its size (ldd/std to 8): a
   misaligned one is SIGBUS, BUS_ADRALN at the address, as the sparc64
   kernel's mem_address_unaligned answers a user access. */
static bool do_ld(DisasContext *s, arg_mem *a, unsigned mo)
{
    TCGv_i64 r = tcg_temp_new_i64();
    tcg_gen_qemu_ld_i64(r, gen_address(a), mo | MO_ALIGN);
    gen_store_reg(a->rd, r);
    return true;
}

static bool do_st(DisasContext *s, arg_mem *a, unsigned mo)
{
    tcg_gen_qemu_st_i64(gen_reg(a->rd), gen_address(a), mo | MO_ALIGN);
    return true;
}

static bool trans_LDUW(DisasContext *s, arg_mem *a) { return do_ld(s, a, MO_32 | MO_BSWAP); }
static bool trans_LDUB(DisasContext *s, arg_mem *a) { return do_ld(s, a, MO_8); }
static bool trans_LDUH(DisasContext *s, arg_mem *a) { return do_ld(s, a, MO_16 | MO_BSWAP); }
static bool trans_LDSW(DisasContext *s, arg_mem *a) { return do_ld(s, a, MO_32 | MO_SIGN | MO_BSWAP); }
static bool trans_LDSB(DisasContext *s, arg_mem *a) { return do_ld(s, a, MO_8 | MO_SIGN); }
static bool trans_LDSH(DisasContext *s, arg_mem *a) { return do_ld(s, a, MO_16 | MO_SIGN | MO_BSWAP); }
static bool trans_LDX(DisasContext *s, arg_mem *a) { return do_ld(s, a, MO_64 | MO_BSWAP); }
static bool trans_STW(DisasContext *s, arg_mem *a) { return do_st(s, a, MO_32 | MO_BSWAP); }
static bool trans_STB(DisasContext *s, arg_mem *a) { return do_st(s, a, MO_8); }
static bool trans_STH(DisasContext *s, arg_mem *a) { return do_st(s, a, MO_16 | MO_BSWAP); }
static bool trans_STX(DisasContext *s, arg_mem *a) { return do_st(s, a, MO_64 | MO_BSWAP); }

static bool do_ldd(DisasContext *s, arg_mem *a, unsigned bswap)
{
    if (a->rd & 1)
        return false;
    TCGv_i64 v = tcg_temp_new_i64(), hi = tcg_temp_new_i64(), lo = tcg_temp_new_i64();
    tcg_gen_qemu_ld_i64(v, gen_address(a), MO_64 | MO_ALIGN | bswap);
    if (!bswap) { /* little-endian: each word swapped on its own */
        tcg_gen_rotri_i64(v, v, 32);
    }
    tcg_gen_shri_i64(hi, v, 32);
    tcg_gen_ext32u_i64(lo, v);
    gen_store_reg(a->rd, hi);
    gen_store_reg(a->rd + 1, lo);
    return true;
}

static bool do_std(DisasContext *s, arg_mem *a, unsigned bswap)
{
    if (a->rd & 1)
        return false;
    TCGv_i64 v = tcg_temp_new_i64(), lo = tcg_temp_new_i64();
    tcg_gen_shli_i64(v, gen_reg(a->rd), 32);
    tcg_gen_ext32u_i64(lo, gen_reg(a->rd + 1));
    tcg_gen_or_i64(v, v, lo);
    if (!bswap)
        tcg_gen_rotri_i64(v, v, 32);
    tcg_gen_qemu_st_i64(v, gen_address(a), MO_64 | MO_ALIGN | bswap);
    return true;
}

static bool trans_LDD(DisasContext *s, arg_mem *a) { return do_ldd(s, a, MO_BSWAP); }
static bool trans_STD(DisasContext *s, arg_mem *a) { return do_std(s, a, MO_BSWAP); }

/* Atomic exchange of the memop-sized value at addr with v; old into r. */
static void gen_xchg(TCGv_i64 r, TCGv_i64 addr, TCGv_i64 v, unsigned mo)
{
    TCGv_i64 cur = tcg_temp_new_i64();
    TCGLabel again = gen_new_label();
    gen_set_label(again);
    tcg_gen_qemu_ld_i64(cur, addr, mo | MO_ALIGN);
    tcg_gen_cmpxchg_i64(r, addr, cur, v, mo | MO_ALIGN);
    tcg_gen_brcond(TCG_I64, TCG_COND_NE, r, cur, again);
}

static bool do_swap(DisasContext *s, arg_mem *a, unsigned mo)
{
    TCGv_i64 r = tcg_temp_new_i64(), v = tcg_temp_new_i64();
    tcg_gen_mov_i64(v, gen_reg(a->rd));
    gen_xchg(r, gen_address(a), v, mo);
    gen_store_reg(a->rd, r);
    return true;
}

static bool trans_LDSTUB(DisasContext *s, arg_mem *a)
{
    TCGv_i64 r = tcg_temp_new_i64();
    gen_xchg(r, gen_address(a), tcg_constant_i64(0xff), MO_8);
    gen_store_reg(a->rd, r);
    return true;
}

static bool trans_SWAP(DisasContext *s, arg_mem *a) { return do_swap(s, a, MO_32 | MO_BSWAP); }

/* Alternate-space forms. */
#define ASI_LD(NAME, MO)                                                       \
    static bool trans_##NAME(DisasContext *s, arg_mem *a)                      \
    {                                                                          \
        int bo = asi_memop(s, a);                                              \
        if (bo < 0)                                                            \
            return false;                                                      \
        return do_ld(s, a, (MO) | (((MO) & MO_SIZE) ? (unsigned)bo : 0));        \
    }
#define ASI_ST(NAME, MO)                                                       \
    static bool trans_##NAME(DisasContext *s, arg_mem *a)                      \
    {                                                                          \
        int bo = asi_memop(s, a);                                              \
        if (bo < 0)                                                            \
            return false;                                                      \
        return do_st(s, a, (MO) | (((MO) & MO_SIZE) ? (unsigned)bo : 0));        \
    }
ASI_LD(LDUWA, MO_32)
ASI_LD(LDUBA, MO_8)
ASI_LD(LDUHA, MO_16)
ASI_LD(LDSWA, MO_32 | MO_SIGN)
ASI_LD(LDSBA, MO_8 | MO_SIGN)
ASI_LD(LDSHA, MO_16 | MO_SIGN)
ASI_LD(LDXA, MO_64)
ASI_ST(STWA, MO_32)
ASI_ST(STBA, MO_8)
ASI_ST(STHA, MO_16)
ASI_ST(STXA, MO_64)

static bool trans_LDDA(DisasContext *s, arg_mem *a)
{
    int bo = asi_memop(s, a);
    return bo >= 0 && do_ldd(s, a, (unsigned)bo);
}

static bool trans_STDA(DisasContext *s, arg_mem *a)
{
    int bo = asi_memop(s, a);
    return bo >= 0 && do_std(s, a, (unsigned)bo);
}

static bool trans_SWAPA(DisasContext *s, arg_mem *a)
{
    int bo = asi_memop(s, a);
    return bo >= 0 && do_swap(s, a, MO_32 | (unsigned)bo);
}

static bool trans_LDSTUBA(DisasContext *s, arg_mem *a)
{
    return asi_memop(s, a) >= 0 && trans_LDSTUB(s, a);
}

/* casa [rs1] asi, rs2, rd: compare with rs2, swap in rd, old value to rd. */
static bool do_cas(DisasContext *s, arg_mem *a, unsigned size)
{
    int bo = asi_memop(s, a);
    if (bo < 0)
        return false;
    TCGv_i64 addr = tcg_temp_new_i64(), cmp = tcg_temp_new_i64(), r = tcg_temp_new_i64();
    tcg_gen_mov_i64(addr, gen_reg(a->rs1));
    if (size == MO_32)
        tcg_gen_ext32u_i64(cmp, gen_reg(a->rs2));
    else
        tcg_gen_mov_i64(cmp, gen_reg(a->rs2));
    tcg_gen_cmpxchg_i64(r, addr, cmp, gen_reg(a->rd), size | MO_ALIGN | (unsigned)bo);
    gen_store_reg(a->rd, r);
    return true;
}

static bool trans_CASA(DisasContext *s, arg_mem *a) { return do_cas(s, a, MO_32); }
static bool trans_CASXA(DisasContext *s, arg_mem *a) { return do_cas(s, a, MO_64); }

static bool trans_PREFETCH(DisasContext *s, arg_mem *a) { return true; }
static bool trans_PREFETCHA(DisasContext *s, arg_mem *a) { return true; }

#include "target-sparc/translate-fpu.c.inc"
