/*
 * SPARC front end: IR globals, the TB loop with its pc/npc bookkeeping
 * (delay slots and annulment), conditions and flags.  The instruction
 * semantics are in translate-insn.c and translate-fpu.c (translate.h).
 */
#include <stdlib.h>
#include <string.h>

#include "include/guest.h"
#include "target-sparc/translate.h"

TCGv_i64 cpu_regs[32];
TCGv_i64 cpu_cc_N, cpu_icc_Z, cpu_xcc_Z, cpu_cc_b;
TCGv_i32 cpu_pc, cpu_npc, cpu_y, cpu_cond, cpu_sparc_cc_op;


void sparc_tcg_init(void)
{
    static const char *const names[32] = {
        "g0", "g1", "g2", "g3", "g4", "g5", "g6", "g7", "o0", "o1", "o2", "o3", "o4", "o5", "sp", "o7",
        "l0", "l1", "l2", "l3", "l4", "l5", "l6", "l7", "i0", "i1", "i2", "i3", "i4", "i5", "fp", "i7",
    };
    for (int i = 1; i < 32; i++)
        cpu_regs[i] = tcg_global_mem_new(TCG_I64, SPARC_OFF(regs[i]), names[i]);
    cpu_cc_N = tcg_global_mem_new(TCG_I64, SPARC_OFF(cc_N), "cc_N");
    cpu_icc_Z = tcg_global_mem_new(TCG_I64, SPARC_OFF(icc_Z), "icc_Z");
    cpu_xcc_Z = tcg_global_mem_new(TCG_I64, SPARC_OFF(xcc_Z), "xcc_Z");
    cpu_cc_b = tcg_global_mem_new(TCG_I64, SPARC_OFF(cc_b), "cc_b");
    cpu_sparc_cc_op = tcg_global_mem_new(TCG_I32, SPARC_OFF(cc_op), "cc_op");
    /* icc/xcc (lazy): flag globals (tcg/README.md "Dead flags"). */
    tcg_global_flag(cpu_cc_N);
    tcg_global_flag(cpu_icc_Z);
    tcg_global_flag(cpu_xcc_Z);
    tcg_global_flag(cpu_cc_b);
    tcg_global_flag(cpu_sparc_cc_op);
    cpu_pc = tcg_global_mem_new(TCG_I32, SPARC_OFF(pc), "pc");
    cpu_npc = tcg_global_mem_new(TCG_I32, SPARC_OFF(npc), "npc");
    cpu_y = tcg_global_mem_new(TCG_I32, SPARC_OFF(y), "y");
    cpu_cond = tcg_global_mem_new(TCG_I32, SPARC_OFF(cond), "cond");
    sparc_flagkill_init();
    sparc_fpu_tcg_init();
    /* The TB key (cpu.c sparc_tb_key): pc, cs_base = npc, no flags. */
    tcg_jump_key = (TCGJumpKey){
        .pc_off = SPARC_OFF(pc),
        .cs_base_off = SPARC_OFF(npc),
        .nb_terms = 0,
    };
}

/* ---- Registers ------------------------------------------------------------ */

TCGv_i64 gen_reg(int r)
{
    return r ? cpu_regs[r] : tcg_constant_i64(0);
}

void gen_store_reg(int r, TCGv_i64 v)
{
    if (r)
        tcg_gen_mov_i64(cpu_regs[r], v);
}

TCGv_i64 gen_op2(int i, int rs2, int imm)
{
    return i ? tcg_constant_i64((uint64_t)(int64_t)imm) : gen_reg(rs2);
}

/* ---- Flags ---------------------------------------------------------------- */

static void gen_extract_i64(TCGv_i64 r, TCGv_i64 a, unsigned pos, unsigned len)
{
    tcg_gen_extract(INDEX_op_extract, TCG_I64, r, a, pos, len);
}

/* N and Z: the result (see cpu.h).  Under the lazy cc_ops (ADD, SUB,
   LOGIC) Z is read from cc_N too, so only SPARC_CC_FLAGS writes the Z
   globals. */
static void gen_cc_nz(TCGv_i64 res, bool flags_mode)
{
    tcg_gen_mov_i64(cpu_cc_N, res);
    if (flags_mode) {
        tcg_gen_mov_i64(cpu_icc_Z, res);
        tcg_gen_mov_i64(cpu_xcc_Z, res);
    }
}

/* The value whose low 32 bits (icc) or 64 bits (xcc) are zero when Z is
   set: cc_N under a lazy cc_op, icc_Z/xcc_Z under SPARC_CC_FLAGS. */
static TCGv_i64 cc_z_value(DisasContext *s, bool xcc)
{
    TCGv_i64 z = xcc ? cpu_xcc_Z : cpu_icc_Z;
    if (s->cc_op == SPARC_CC_FLAGS)
        return z;
    if (s->cc_op != SPARC_CC_DYNAMIC)
        return cpu_cc_N;
    TCGv_i64 t = tcg_temp_new_i64(), op = tcg_temp_new_i64();
    tcg_gen_extu_i32_i64(op, cpu_sparc_cc_op);
    tcg_gen_movcond(TCG_I64, TCG_COND_EQ, t, op, tcg_constant_i64(SPARC_CC_FLAGS), z, cpu_cc_N);
    return t;
}

static void set_cc_op(DisasContext *s, int op)
{
    if (s->cc_op != op)
        tcg_gen_movi_i32(cpu_sparc_cc_op, (uint32_t)op);
    s->cc_op = op;
}

void gen_cc_logic(DisasContext *s, TCGv_i64 res)
{
    gen_cc_nz(res, false);
    set_cc_op(s, SPARC_CC_LOGIC);
}

/* Register rd = res (not %g0), then N and Z from rd: `op T, a, b; mov rd,
   T; mov cc_N, rd` computes in rd's register and copies it (liveness
   coalesces T into rd), where `mov cc_N, T; mov rd, T` computed into cc_N
   and copied that to rd: one instruction more when rd is also an operand
   (addcc %g4, -1, %g4). */
static void gen_cc_nz_rd(TCGv_i64 res, int rd)
{
    tcg_gen_mov_i64(cpu_regs[rd], res);
    tcg_gen_mov_i64(cpu_cc_N, cpu_regs[rd]);
}

void gen_cc_logic_rd(DisasContext *s, TCGv_i64 res, int rd)
{
    if (!rd) {
        gen_cc_logic(s, res);
        return;
    }
    gen_cc_nz_rd(res, rd);
    set_cc_op(s, SPARC_CC_LOGIC);
}

/* addcc/subcc: N and Z now, V and C when read.  The first operand is no
   global: it follows from the result and the second (cc_N -/+ cc_b), and
   in the block of the addcc/subcc (where cc_op is known) it is a copy
   made here (s->cc_a), which copy propagation turns into the register
   itself while nothing writes it. */
static void gen_cc_lazy(DisasContext *s, TCGv_i64 res, TCGv_i64 a, TCGv_i64 b, int op, int rd)
{
    s->cc_a = tcg_temp_new_i64();
    tcg_gen_mov_i64(s->cc_a, a);
    tcg_gen_mov_i64(cpu_cc_b, b);
    /* (a and b are read: rd may be one of them) */
    if (rd)
        gen_cc_nz_rd(res, rd);
    else
        gen_cc_nz(res, false);
    set_cc_op(s, op);
}

void gen_cc_add(DisasContext *s, TCGv_i64 res, TCGv_i64 a, TCGv_i64 b)
{
    gen_cc_lazy(s, res, a, b, SPARC_CC_ADD, 0);
}

void gen_cc_sub(DisasContext *s, TCGv_i64 res, TCGv_i64 a, TCGv_i64 b)
{
    gen_cc_lazy(s, res, a, b, SPARC_CC_SUB, 0);
}

void gen_cc_add_rd(DisasContext *s, TCGv_i64 res, TCGv_i64 a, TCGv_i64 b, int rd)
{
    gen_cc_lazy(s, res, a, b, SPARC_CC_ADD, rd);
}

void gen_cc_sub_rd(DisasContext *s, TCGv_i64 res, TCGv_i64 a, TCGv_i64 b, int rd)
{
    gen_cc_lazy(s, res, a, b, SPARC_CC_SUB, rd);
}

/* V (bits 31 and 63) and the carries (icc.C: the carry into bit 32, bit 32
   of a ^ b ^ res; xcc.C out of bit 63) of res = a +/- b (+/- carry in),
   into fresh temps: the formulas of sparc_cc_vc (helper.c) and, with a
   carry in, the majority forms. */
static void gen_vc_formulas(TCGv_i64 v, TCGv_i64 ic, TCGv_i64 xc, TCGv_i64 res, TCGv_i64 a, TCGv_i64 b,
                            bool sub, bool carry_in)
{
    TCGv_i64 t = tcg_temp_new_i64(), u = tcg_temp_new_i64();
    tcg_gen_xor_i64(t, a, b);
    tcg_gen_xor_i64(u, t, res);
    gen_extract_i64(ic, u, 32, 1);
    tcg_gen_xor_i64(u, res, a);
    if (sub)
        tcg_gen_and_i64(v, u, t); /* V = (res ^ a) & (a ^ b) */
    else
        tcg_gen_andc_i64(v, u, t); /* V = (res ^ a) & ~(a ^ b) */
    if (!carry_in) {
        if (sub)
            tcg_gen_setcond(TCG_I64, TCG_COND_LTU, xc, a, b);
        else
            tcg_gen_setcond(TCG_I64, TCG_COND_LTU, xc, res, a);
    } else if (sub) {
        /* B64 = ((~a & b) | (~(a ^ b) & res)) >> 63 */
        tcg_gen_andc_i64(u, b, a);
        tcg_gen_andc_i64(t, res, t);
        tcg_gen_or_i64(t, t, u);
        tcg_gen_shri_i64(xc, t, 63);
    } else {
        /* C64 = ((a & b) | ((a | b) & ~res)) >> 63 */
        tcg_gen_and_i64(u, a, b);
        tcg_gen_or_i64(t, a, b);
        tcg_gen_andc_i64(t, t, res);
        tcg_gen_or_i64(t, t, u);
        tcg_gen_shri_i64(xc, t, 63);
    }
}

static void gen_store_vc(TCGv_i64 v, TCGv_i64 ic, TCGv_i64 xc)
{
    tcg_gen_st_i64(v, SPARC_OFF(cc_V));
    tcg_gen_st_i64(ic, SPARC_OFF(icc_C));
    tcg_gen_st_i64(xc, SPARC_OFF(xcc_C));
}

/* addxcc/subxcc: every flag now (SPARC_CC_FLAGS). */
static void gen_cc_addsub_c(DisasContext *s, TCGv_i64 res, TCGv_i64 a, TCGv_i64 b, bool sub)
{
    TCGv_i64 v = tcg_temp_new_i64(), ic = tcg_temp_new_i64(), xc = tcg_temp_new_i64();
    gen_vc_formulas(v, ic, xc, res, a, b, sub, true);
    gen_store_vc(v, ic, xc);
    gen_cc_nz(res, true);
    set_cc_op(s, SPARC_CC_FLAGS);
}

void gen_cc_addc(DisasContext *s, TCGv_i64 res, TCGv_i64 a, TCGv_i64 b)
{
    gen_cc_addsub_c(s, res, a, b, false);
}

void gen_cc_subc(DisasContext *s, TCGv_i64 res, TCGv_i64 a, TCGv_i64 b)
{
    gen_cc_addsub_c(s, res, a, b, true);
}

/* The flags are SPARC_CC_FLAGS in env from here on (a dynamic cc_op: the
   helper computes them; a known one: inline). */
void gen_cc_flags(DisasContext *s)
{
    if (s->cc_op == SPARC_CC_FLAGS)
        return;
    /* Z moves from cc_N to the Z globals (cc_z_value reads cc_op first). */
    TCGv_i64 iz = cc_z_value(s, false), xz = cc_z_value(s, true);
    tcg_gen_mov_i64(cpu_icc_Z, iz);
    tcg_gen_mov_i64(cpu_xcc_Z, xz);
    switch (s->cc_op) {
    case SPARC_CC_ADD:
    case SPARC_CC_SUB: {
        TCGv_i64 v = tcg_temp_new_i64(), ic = tcg_temp_new_i64(), xc = tcg_temp_new_i64();
        gen_vc_formulas(v, ic, xc, cpu_cc_N, s->cc_a, cpu_cc_b, s->cc_op == SPARC_CC_SUB, false);
        gen_store_vc(v, ic, xc);
        break;
    }
    case SPARC_CC_LOGIC: {
        TCGv_i64 z = tcg_constant_i64(0);
        gen_store_vc(z, z, z);
        break;
    }
    default: {
        /* Unknown here (a block that starts with a branch on flags its
           predecessor set: glibc memcpy's `brz,pn %o2; cmp %o2, 15` then
           `bleu`): nearly always a cmp's SUB (of the helper calls this made,
           bzip2 -9 and lua: all but 0.01%), computed inline from
           a = N + b; the helper for the others (test insn/sparc-ccblock). */
        TCGLabel other = gen_new_label(), done = gen_new_label();
        tcg_gen_brcond_i32(TCG_COND_NE, cpu_sparc_cc_op, tcg_constant_i32(SPARC_CC_SUB), other);
        TCGv_i64 a = tcg_temp_new_i64();
        TCGv_i64 v = tcg_temp_new_i64(), ic = tcg_temp_new_i64(), xc = tcg_temp_new_i64();
        tcg_gen_add_i64(a, cpu_cc_N, cpu_cc_b);
        gen_vc_formulas(v, ic, xc, cpu_cc_N, a, cpu_cc_b, true, false);
        gen_store_vc(v, ic, xc);
        tcg_gen_br(done);
        gen_set_label(other);
        tcg_gen_call(helper_sparc_cc_vc, CALL_NO_WG, TCG_I32, TEMP_NONE, tcg_env);
        gen_set_label(done);
        break;
    }
    }
    set_cc_op(s, SPARC_CC_FLAGS);
}

void gen_cc_changed(DisasContext *s)
{
    s->cc_op = SPARC_CC_DYNAMIC;
}

/* V (bits 31, 63) and one carry (0/1) as I64 values. */
TCGv_i64 gen_cc_V(DisasContext *s)
{
    TCGv_i64 v = tcg_temp_new_i64();
    if (s->cc_op == SPARC_CC_LOGIC) {
        tcg_gen_movi_i64(v, 0);
    } else if (s->cc_op == SPARC_CC_ADD || s->cc_op == SPARC_CC_SUB) {
        TCGv_i64 t = tcg_temp_new_i64(), u = tcg_temp_new_i64();
        tcg_gen_xor_i64(t, s->cc_a, cpu_cc_b);
        tcg_gen_xor_i64(u, cpu_cc_N, s->cc_a);
        if (s->cc_op == SPARC_CC_SUB)
            tcg_gen_and_i64(v, u, t);
        else
            tcg_gen_andc_i64(v, u, t);
    } else {
        gen_cc_flags(s);
        tcg_gen_ld_i64(v, SPARC_OFF(cc_V));
    }
    return v;
}

TCGv_i64 gen_cc_C(DisasContext *s, bool xcc)
{
    TCGv_i64 c = tcg_temp_new_i64();
    if (s->cc_op == SPARC_CC_LOGIC) {
        tcg_gen_movi_i64(c, 0);
    } else if ((s->cc_op == SPARC_CC_ADD || s->cc_op == SPARC_CC_SUB) && xcc) {
        if (s->cc_op == SPARC_CC_SUB)
            tcg_gen_setcond(TCG_I64, TCG_COND_LTU, c, s->cc_a, cpu_cc_b);
        else
            tcg_gen_setcond(TCG_I64, TCG_COND_LTU, c, cpu_cc_N, s->cc_a);
    } else if (s->cc_op == SPARC_CC_ADD || s->cc_op == SPARC_CC_SUB) {
        TCGv_i64 t = tcg_temp_new_i64();
        tcg_gen_xor_i64(t, s->cc_a, cpu_cc_b);
        tcg_gen_xor_i64(t, t, cpu_cc_N);
        gen_extract_i64(c, t, 32, 1);
    } else {
        gen_cc_flags(s);
        tcg_gen_ld_i64(c, xcc ? SPARC_OFF(xcc_C) : SPARC_OFF(icc_C));
    }
    return c;
}

/* ---- Conditions ------------------------------------------------------------ */

/* One bit of the condition codes as 0/1 (I32): sign bit of N or V. */
static TCGv_i32 cc_sign(TCGv_i64 v, bool xcc)
{
    TCGv_i32 r = tcg_temp_new_i32();
    TCGv_i64 t = tcg_temp_new_i64();
    tcg_gen_shri_i64(t, v, xcc ? 63 : 31);
    tcg_gen_extrl_i64_i32(r, t);
    if (!xcc)
        tcg_gen_andi_i32(r, r, 1);
    return r;
}

static TCGv_i32 cc_zero(DisasContext *s, bool xcc)
{
    TCGv_i32 r = tcg_temp_new_i32();
    TCGv_i64 z = cc_z_value(s, xcc);
    if (xcc) {
        TCGv_i64 t = tcg_temp_new_i64();
        tcg_gen_setcond(TCG_I64, TCG_COND_EQ, t, z, tcg_constant_i64(0));
        tcg_gen_extrl_i64_i32(r, t);
    } else {
        tcg_gen_extrl_i64_i32(r, z);
        tcg_gen_setcondi_i32(TCG_COND_EQ, r, r, 0);
    }
    return r;
}

static TCGv_i32 cc_carry(DisasContext *s, bool xcc)
{
    TCGv_i32 r = tcg_temp_new_i32();
    tcg_gen_extrl_i64_i32(r, gen_cc_C(s, xcc));
    return r;
}

/* After subcc/cmp (a known SPARC_CC_SUB): the conditions that need V or C
   compare the operands themselves: l/ge/le/g signed, cs/cc/leu/gu
   unsigned, on the low 32 bits (icc) or all 64 (xcc).  The TCG condition
   for cond & 7, or TCG_COND_NEVER where this does not apply. */
static TCGCond sub_cond(int c)
{
    switch (c) {
    case 2: return TCG_COND_LE;  /* le */
    case 3: return TCG_COND_LT;  /* l */
    case 4: return TCG_COND_LEU; /* leu */
    case 5: return TCG_COND_LTU; /* cs */
    default: return TCG_COND_NEVER;
    }
}

static TCGv_i32 gen_sub_cond(DisasContext *s, TCGCond c, bool inv, bool xcc)
{
    TCGv_i64 a = s->cc_a, b = cpu_cc_b, t = tcg_temp_new_i64();
    TCGv_i32 r = tcg_temp_new_i32();
    if (!xcc) {
        bool sign = c == TCG_COND_LE || c == TCG_COND_LT;
        a = tcg_temp_new_i64();
        b = tcg_temp_new_i64();
        if (sign) {
            tcg_gen_ext32s_i64(a, s->cc_a);
            tcg_gen_ext32s_i64(b, cpu_cc_b);
        } else {
            tcg_gen_ext32u_i64(a, s->cc_a);
            tcg_gen_ext32u_i64(b, cpu_cc_b);
        }
    }
    tcg_gen_setcond(TCG_I64, inv ? tcg_invert_cond(c) : c, t, a, b);
    tcg_gen_extrl_i64_i32(r, t);
    return r;
}

TCGv_i32 gen_icond(DisasContext *s, int cond, bool xcc)
{
    TCGv_i32 r, t;
    bool inv = cond & 8;
    if (s->cc_op == SPARC_CC_SUB && sub_cond(cond & 7) != TCG_COND_NEVER)
        return gen_sub_cond(s, sub_cond(cond & 7), inv, xcc);
    switch (cond & 7) {
    case 0: /* n / a */
        r = tcg_temp_new_i32();
        tcg_gen_movi_i32(r, inv);
        return r;
    case 1: /* e / ne: one setcond on the Z value */
        r = tcg_temp_new_i32();
        if (xcc) {
            TCGv_i64 t64 = tcg_temp_new_i64();
            tcg_gen_setcond(TCG_I64, inv ? TCG_COND_NE : TCG_COND_EQ, t64, cc_z_value(s, true),
                            tcg_constant_i64(0));
            tcg_gen_extrl_i64_i32(r, t64);
        } else {
            tcg_gen_extrl_i64_i32(r, cc_z_value(s, false));
            tcg_gen_setcondi_i32(inv ? TCG_COND_NE : TCG_COND_EQ, r, r, 0);
        }
        return r;
    case 5: /* cs / cc */
        r = cc_carry(s, xcc);
        if (inv)
            tcg_gen_xori_i32(r, r, 1);
        return r;
    case 2: /* le: Z | (N ^ V) */
        r = cc_zero(s, xcc);
        {
            TCGv_i64 nv = tcg_temp_new_i64();
            tcg_gen_xor_i64(nv, cpu_cc_N, gen_cc_V(s));
            t = cc_sign(nv, xcc);
        }
        tcg_gen_or_i32(r, r, t);
        break;
    case 3: { /* l: N ^ V */
        TCGv_i64 nv = tcg_temp_new_i64();
        tcg_gen_xor_i64(nv, cpu_cc_N, gen_cc_V(s));
        r = cc_sign(nv, xcc);
        break;
    }
    case 4: /* leu: C | Z */
        r = cc_zero(s, xcc);
        tcg_gen_or_i32(r, r, cc_carry(s, xcc));
        break;
    case 6: /* neg */
        r = cc_sign(cpu_cc_N, xcc);
        break;
    default: /* vs */
        r = cc_sign(gen_cc_V(s), xcc);
        break;
    }
    if (inv)
        tcg_gen_xori_i32(r, r, 1);
    return r;
}

/* ---- Conditions as comparisons ------------------------------------------------ */

void gen_cmp_of_value(DisasCompare *c, TCGv_i32 v)
{
    c->cond = TCG_COND_NE;
    c->is64 = c->low32 = false;
    c->a = v;
    c->b = tcg_constant_i32(0);
}

/* The operands as the comparison's type. */
static TCGType cmp_args(const DisasCompare *c, TCGv *a, TCGv *b)
{
    *a = c->a;
    *b = c->b;
    if (!c->low32)
        return c->is64 ? TCG_I64 : TCG_I32;
    *a = tcg_temp_new_i32();
    tcg_gen_extrl_i64_i32(*a, c->a);
    *b = tcg_temp_new_i32();
    tcg_gen_extrl_i64_i32(*b, c->b);
    return TCG_I32;
}

TCGv_i32 gen_cmp_value(const DisasCompare *c)
{
    TCGv a, b;
    TCGType t = cmp_args(c, &a, &b);
    TCGv_i32 r = tcg_temp_new_i32();
    if (t == TCG_I64) {
        TCGv_i64 r64 = tcg_temp_new_i64();
        tcg_gen_setcond(TCG_I64, c->cond, r64, a, b);
        tcg_gen_extrl_i64_i32(r, r64);
    } else {
        tcg_gen_setcond(TCG_I32, c->cond, r, a, b);
    }
    return r;
}

void gen_cmp_brcond(const DisasCompare *c, bool inv, TCGLabel l)
{
    TCGv a, b;
    TCGType t = cmp_args(c, &a, &b);
    tcg_gen_brcond(t, inv ? tcg_invert_cond(c->cond) : c->cond, a, b, l);
}

/* A snapshot of v for a comparison (a copy: the optimizer keeps reading v
   itself while nothing writes it). */
static TCGv_i64 cmp_operand(TCGv_i64 v)
{
    TCGv_i64 t = tcg_temp_new_i64();
    tcg_gen_mov_i64(t, v);
    return t;
}

/* With cc_op known: after subcc the conditions of sub_cond on the
   operands; after a logical cc op (V = C = 0) every condition but vs/vc on
   the result against 0; after addcc or subcc e/ne and neg/pos on the
   result (which a fault may need anyway: one register at the branch
   instead of two operands; sha256's round loop spilled them). */
void gen_icmp(DisasContext *s, DisasCompare *c, int cond, bool xcc)
{
    static const TCGCond logic[8] = {
        TCG_COND_NEVER, TCG_COND_EQ, TCG_COND_LE, TCG_COND_LT,  /* n e le l */
        TCG_COND_EQ,    TCG_COND_NEVER, TCG_COND_LT, TCG_COND_NEVER, /* leu cs neg vs */
    };
    int k = cond & 7;
    TCGCond tc = TCG_COND_NEVER;
    TCGv_i64 a = cpu_cc_N, b = 0; /* (temp 0 is env: none) */
    if (s->cc_op == SPARC_CC_SUB && sub_cond(k) != TCG_COND_NEVER) {
        tc = sub_cond(k);
        a = s->cc_a;
        b = cpu_cc_b;
    } else if (s->cc_op == SPARC_CC_LOGIC) {
        tc = logic[k];
    } else if ((s->cc_op == SPARC_CC_ADD || s->cc_op == SPARC_CC_SUB) && (k == 1 || k == 6)) {
        tc = k == 1 ? TCG_COND_EQ : TCG_COND_LT;
    }
    if (tc == TCG_COND_NEVER) {
        gen_cmp_of_value(c, gen_icond(s, cond, xcc));
        return;
    }
    c->cond = cond & 8 ? tcg_invert_cond(tc) : tc;
    c->is64 = xcc;
    c->low32 = !xcc;
    c->a = cmp_operand(a);
    c->b = b ? cmp_operand(b) : tcg_constant_i64(0);
}

/* fcc values: 0 =, 1 <, 2 >, 3 unordered.  FBfcc cond -> the set of fcc
   values for which it holds (bit n = fcc value n). */
static const uint8_t fcond_set[16] = {
    0x0, /* fbn */   0xe, /* fbne: L G U */ 0x6, /* fblg */ 0xa, /* fbul: L U */
    0x2, /* fbl */   0xc, /* fbug */        0x4, /* fbg */  0x8, /* fbu */
    0xf, /* fba */   0x1, /* fbe */         0x9, /* fbue */ 0x5, /* fbge: E G */
    0xd, /* fbuge */ 0x3, /* fble: E L */   0xb, /* fbule */ 0x7, /* fbo */
};

TCGv_i32 gen_fcond(DisasContext *s, int cond, int n)
{
    TCGv_i32 r = tcg_temp_new_i32();
    tcg_gen_ld_i32(r, SPARC_OFF(fcc[n]));
    /* (set >> fcc) & 1 */
    tcg_gen_shr_i32(r, tcg_constant_i32(fcond_set[cond]), r);
    tcg_gen_andi_i32(r, r, 1);
    return r;
}

/* ---- pc / npc --------------------------------------------------------------- */

static bool npc_static(const DisasContext *s)
{
    return (s->npc & 3) == 0;
}

void gen_npc_to_env(DisasContext *s)
{
    if (s->npc == SPARC_NPC_JUMP) {
        tcg_gen_movcond_i32(TCG_COND_NE, cpu_npc, gen_cmp_value(&s->cmp), tcg_constant_i32(0),
                            tcg_constant_i32(s->jump_target), tcg_constant_i32(s->pc + 4));
        s->npc = SPARC_NPC_DYNAMIC;
    }
}

void gen_save_state(DisasContext *s)
{
    tcg_gen_movi_i32(cpu_pc, s->pc);
    if (npc_static(s))
        tcg_gen_movi_i32(cpu_npc, s->npc);
    else
        gen_npc_to_env(s);
}

/* Leave through goto_tb slot n for the static (pc, npc).  The chained TB's
   key holds both, so both are stored after goto_tb only. */
static void gen_goto_tb(DisasContext *s, int n, uint32_t pc, uint32_t npc)
{
    /* A direct jump keeps the key's flags; in a hot region a jump to one of
       its blocks is a branch inside the TB (tcg/README.md, "Hot regions"). */
    if (translator_jump(&s->base, pc, npc, s->tb->flags))
        return;
    tcg_gen_goto_tb(n);
    tcg_gen_movi_i32(cpu_pc, pc);
    tcg_gen_movi_i32(cpu_npc, npc);
    tcg_gen_exit_tb(s->tb, n);
}

void gen_exception(DisasContext *s, int excp)
{
    gen_save_state(s);
    tcg_gen_st_i32(tcg_constant_i32((uint32_t)excp), SPARC_OFF(common.exception));
    tcg_gen_exit_tb(NULL, 0);
    s->is_jmp = DISAS_NORETURN;
}

void gen_illegal(DisasContext *s)
{
    gen_exception(s, EXCP_UDEF);
}

/* After a non-CTI instruction: pc = npc, npc = npc + 4. */
static void gen_advance(DisasContext *s)
{
    if (npc_static(s)) {
        uint32_t old = s->pc;
        s->pc = s->npc;
        s->npc += 4;
        if (s->pc != old + 4)
            s->is_jmp = DISAS_EXIT;
    } else if (s->npc == SPARC_NPC_DYNAMIC) {
        tcg_gen_mov_i32(cpu_pc, cpu_npc);
        tcg_gen_addi_i32(cpu_npc, cpu_npc, 4);
        s->is_jmp = DISAS_JUMP;
    } else {
        /* The delay slot of a conditional branch: two static ways out. */
        TCGLabel fall = gen_new_label();
        gen_cmp_brcond(&s->cmp, true, fall);
        gen_goto_tb(s, 0, s->jump_target, s->jump_target + 4);
        gen_set_label(fall);
        gen_goto_tb(s, 1, s->pc + 4, s->pc + 8);
        s->is_jmp = DISAS_NORETURN;
    }
}

/*
 * A branch at s->pc to target: cond (0/1 temp; NULL = always), never (bn),
 * annul (the a bit).  With a constant npc that follows pc (not itself in a
 * delay slot) everything stays static; otherwise (a CTI in a delay slot)
 * pc and npc are computed into env and the TB ends.
 */
void gen_branch(DisasContext *s, const DisasCompare *cmp, bool never, bool annul, uint32_t target)
{
    s->pc_moved = true;
    if (s->npc == s->pc + 4) {
        uint32_t npc = s->npc;
        if (never) {
            s->pc = annul ? npc + 4 : npc;
            s->npc = s->pc + 4;
            if (annul)
                s->is_jmp = DISAS_EXIT;
        } else if (cmp == COND_ALWAYS) {
            if (annul) {
                s->pc = target;
                s->npc = target + 4;
                s->is_jmp = DISAS_EXIT;
            } else {
                s->pc = npc;
                s->npc = target;
            }
        } else if (annul) {
            /* Not taken: the delay slot is annulled. */
            TCGLabel taken = gen_new_label();
            gen_cmp_brcond(cmp, false, taken);
            gen_goto_tb(s, 1, npc + 4, npc + 8);
            gen_set_label(taken);
            s->end_after_next = true;
            s->pc = npc;
            s->npc = target;
        } else {
            /* The outcome waits in a temp for the end of the delay slot.
               env->cond (restore_state's) is written only when the delay
               slot may fault or call a helper; a plain ALU op cannot.  It is
               also written when the TB ends before the delay slot (single
               steps and the debugger, the instruction limit, a delay slot
               on another page, which is not read here: it may not be
               mapped): the next TB reads it from env. */
            s->cmp = *cmp;
            if (!translator_continues_to(&s->base, npc) || !sparc_insn_simple(translator_ldl(&s->base, npc)))
                tcg_gen_mov_i32(cpu_cond, gen_cmp_value(cmp));
            s->pc = npc;
            s->npc = SPARC_NPC_JUMP;
            s->jump_target = target;
        }
        return;
    }
    /* Dynamic: new pc = npc. */
    TCGv_i32 npc = tcg_temp_new_i32();
    if (npc_static(s))
        tcg_gen_movi_i32(npc, s->npc);
    else {
        gen_npc_to_env(s);
        tcg_gen_mov_i32(npc, cpu_npc);
    }
    TCGv_i32 seq = tcg_temp_new_i32(), seq2 = tcg_temp_new_i32();
    tcg_gen_addi_i32(seq, npc, 4);
    tcg_gen_addi_i32(seq2, npc, 8);
    TCGv_i32 tgt = tcg_constant_i32(target), zero = tcg_constant_i32(0);
    TCGv_i32 cond = cmp == COND_ALWAYS ? 0 : gen_cmp_value(cmp);
    if (never) {
        tcg_gen_mov_i32(cpu_pc, annul ? seq : npc);
        tcg_gen_mov_i32(cpu_npc, annul ? seq2 : seq);
    } else if (cmp == COND_ALWAYS) {
        if (annul) {
            tcg_gen_movi_i32(cpu_pc, target);
            tcg_gen_movi_i32(cpu_npc, target + 4);
        } else {
            tcg_gen_mov_i32(cpu_pc, npc);
            tcg_gen_movi_i32(cpu_npc, target);
        }
    } else if (annul) {
        tcg_gen_movcond_i32(TCG_COND_NE, cpu_pc, cond, zero, npc, seq);
        tcg_gen_movcond_i32(TCG_COND_NE, cpu_npc, cond, zero, tgt, seq2);
    } else {
        tcg_gen_mov_i32(cpu_pc, npc);
        tcg_gen_movcond_i32(TCG_COND_NE, cpu_npc, cond, zero, tgt, seq);
    }
    s->is_jmp = DISAS_JUMP;
}

void gen_jump_dynamic(DisasContext *s, TCGv_i64 addr)
{
    TCGv_i32 a = tcg_temp_new_i32();
    tcg_gen_extrl_i64_i32(a, addr);
    s->pc_moved = true;
    if (s->npc == s->pc + 4) {
        tcg_gen_mov_i32(cpu_npc, a);
        s->pc = s->npc;
        s->npc = SPARC_NPC_DYNAMIC;
        return;
    }
    if (npc_static(s)) {
        tcg_gen_movi_i32(cpu_pc, s->npc);
    } else {
        gen_npc_to_env(s);
        tcg_gen_mov_i32(cpu_pc, cpu_npc);
    }
    tcg_gen_mov_i32(cpu_npc, a);
    s->is_jmp = DISAS_JUMP;
}

/* ---- The translator hooks ------------------------------------------------------ */

#define SPARC_MAX_INSNS 128

static void sparc_init_disas_context(DisasContextBase *db)
{
    DisasContext *s = (DisasContext *)db;
    s->tb = db->tb;
    s->pc = db->tb->pc;
    s->npc = db->tb->cs_base;
    s->cc_op = SPARC_CC_DYNAMIC;
    s->is_ret = false;
    /* Per block: a hot region translates several blocks with one context. */
    s->jump_target = 0;
    s->pc_moved = false;
    s->end_after_next = false;
    s->is_jmp = DISAS_NEXT;
    if (db->max_insns > SPARC_MAX_INSNS)
        db->max_insns = SPARC_MAX_INSNS;
}

static void sparc_tb_start(DisasContextBase *db)
{
}

static void sparc_insn_start(DisasContextBase *db)
{
    DisasContext *s = (DisasContext *)db;
    tcg_gen_insn_start3(s->pc, s->npc, s->npc == SPARC_NPC_JUMP ? s->jump_target : 0);
}

static void sparc_translate_insn(DisasContextBase *db)
{
    DisasContext *s = (DisasContext *)db;
    uint32_t insn = translator_ldl(db, s->pc);
    bool last = s->end_after_next;
    s->end_after_next = false;
    s->pc_moved = false;
    s->is_jmp = DISAS_NEXT;
    if (!sparc_decode(s, insn))
        gen_illegal(s);
    if (s->is_jmp == DISAS_NEXT && !s->pc_moved)
        gen_advance(s);
    else if (s->is_jmp == DISAS_NEXT && s->pc != db->pc_next + 4)
        s->is_jmp = DISAS_EXIT;
    if (last && s->is_jmp == DISAS_NEXT)
        s->is_jmp = DISAS_EXIT;
    db->pc_next = s->is_jmp == DISAS_NEXT ? s->pc : db->pc_next + 4;
    db->is_jmp = s->is_jmp;
}

static void sparc_tb_stop(DisasContextBase *db)
{
    DisasContext *s = (DisasContext *)db;
    switch (db->is_jmp) {
    case DISAS_NEXT:
    case DISAS_TOO_MANY:
    case DISAS_EXIT:
        if (npc_static(s)) {
            gen_goto_tb(s, 0, s->pc, s->npc);
        } else {
            gen_npc_to_env(s);
            tcg_gen_movi_i32(cpu_pc, s->pc);
            tcg_gen_lookup_and_goto();
        }
        break;
    case DISAS_JUMP:
        if (s->is_ret) {
            tcg_gen_lookup_and_goto_ret();
        } else {
            tcg_gen_lookup_and_goto();
        }
        break;
    default:
        break;
    }
}

static const TranslatorOps sparc_translator_ops = {
    .init_disas_context = sparc_init_disas_context,
    .tb_start = sparc_tb_start,
    .insn_start = sparc_insn_start,
    .translate_insn = sparc_translate_insn,
    .tb_stop = sparc_tb_stop,
};

void sparc_translate(TranslationBlock *tb, int max_insns)
{
    DisasContext ctx;
    memset(&ctx, 0, sizeof(ctx));
    translator_loop(&sparc_translator_ops, &ctx.base, tb, max_insns);
}
