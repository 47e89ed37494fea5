/*
 * ARM VFPv3/VFPv4 (D32, no Advanced SIMD) decoder: coprocessor 10/11 space,
 * shared by A32 and T32 (the encodings are identical once T32's two
 * halfwords are joined with the top nibble 0xE).
 *
 * Register file: CPUARMState.vfp[32] holds d0-d31; s(2n) is the low and
 * s(2n+1) the high half of dn (host little-endian), so Sk lives at byte
 * offset 4k and Dk at 8k.  d0-d31 are I64 globals (cpu_D), singles are
 * read and written as their halves.  Arithmetic, vsqrt, vcmp and the plain
 * conversions are fp_guarded ops (see gen_fp_guarded below) that fall back
 * to vfp-helper.c, which reads FPSCR (rounding mode, DN, FZ) and
 * accumulates the exception flags into it; the rest is a helper call.
 * Moves, vabs/vneg, loads and stores are IR.
 *
 * Layout of the instruction classes (ARM ARM A7.5-A7.9), bits 11:9 = 101:
 *   27:25 = 110          extension register load/store, 64-bit transfers
 *   27:24 = 1110, b4 = 0 data processing
 *   27:24 = 1110, b4 = 1 8/16/32-bit transfers (vmov core, vmrs, vmsr)
 */
#include <stdio.h>
#include <stdlib.h>

#include "tcg/fp.h"
#include "translate.h"
#include "vfp.h"

/* ---- Register fields and access ---- */

/* A register number from a 4-bit field and its extra bit: singles put the
   extra bit at the bottom (Vd:D), doubles at the top (D:Vd). */
static int vreg(uint32_t insn, int field, int bit, bool dp)
{
    int v = (insn >> field) & 0xf, x = (insn >> bit) & 1;
    return dp ? x << 4 | v : v << 1 | x;
}
static int reg_d(uint32_t insn, bool dp) { return vreg(insn, 12, 22, dp); }
static int reg_n(uint32_t insn, bool dp) { return vreg(insn, 16, 7, dp); }
static int reg_m(uint32_t insn, bool dp) { return vreg(insn, 0, 5, dp); }

/* d0-d31 as I64 globals, so values stay in host registers within a TB.  The
   singles are halves of them: s(2n) the low, s(2n+1) the high half of dn. */
TCGv_i64 cpu_D[32];

void arm_vfp_tcg_init(void)
{
    static char names[32][4];
    for (int i = 0; i < 32; i++) {
        snprintf(names[i], sizeof(names[i]), "d%d", i);
        cpu_D[i] = tcg_global_mem_new(TCG_I64, ARM_OFF(vfp) + 8 * i, names[i]);
    }
}

/* Read the 32-bit half hi of dn. */
static TCGv_i32 load_half(int n, bool hi)
{
    TCGv_i32 t = tcg_temp_new_i32();
    if (hi)
        tcg_gen_extrh_i64_i32(t, cpu_D[n]);
    else
        tcg_gen_extrl_i64_i32(t, cpu_D[n]);
    return t;
}

/* Write the 32-bit half hi of dn. */
static void store_half(int n, bool hi, TCGv_i32 v)
{
    TCGv_i32 other = load_half(n, !hi);
    if (hi)
        tcg_gen_concat_i32_i64(cpu_D[n], other, v);
    else
        tcg_gen_concat_i32_i64(cpu_D[n], v, other);
}

/* Load/store a register of either size into a temp of the matching width. */
static TCGv load_vreg(int r, bool dp)
{
    if (!dp)
        return load_half(r >> 1, r & 1);
    TCGv t = tcg_temp_new_i64();
    tcg_gen_mov_i64(t, cpu_D[r]);
    return t;
}

static void store_vreg(int r, bool dp, TCGv v)
{
    if (dp)
        tcg_gen_mov_i64(cpu_D[r], v);
    else
        store_half(r >> 1, r & 1, v);
}

/* Single registers for translate-fp16.c. */
TCGv_i32 vfp_load_s(int r) { return load_half(r >> 1, r & 1); }
void vfp_store_s(int r, TCGv_i32 v) { store_half(r >> 1, r & 1, v); }

static TCGType vtype(bool dp) { return dp ? TCG_I64 : TCG_I32; }

/* ---- Data processing ---- */

/* opc1 (bits 23, 21:20) x op (bit 6) -> arithmetic op; -1 undefined,
   -2 the "other" group (opc1 = 1x11). */
static const int8_t arith_ops[8][2] = {
    {VFP_MLA, VFP_MLS},   {VFP_NMLS, VFP_NMLA}, {VFP_MUL, VFP_NMUL}, {VFP_ADD, VFP_SUB},
    {VFP_DIV, -1},        {VFP_FNMS, VFP_FNMA}, {VFP_FMA, VFP_FMS},  {-2, -2},
};

static bool op_uses_d(int op) { return op >= VFP_MLA; }

/*
 * The inline fast path: fp_guarded (tcg/fp.h) computes the common case with
 * one host SSE instruction.  Its guard is FPSCR in the default mode (round
 * to nearest, no FZ, no DN) with IXC already set; a safe result (normal,
 * exponent well inside the range) then raises nothing ARM has not already
 * recorded, and denormal inputs are exact IEEE operands without FZ.  Every
 * other case (NaN, infinity, zero, tiny or huge results, other modes, IXC
 * still clear) runs the helper.  Exact operations need less: vcvt.f64.s32
 * has no guard, vcvt.f64.f32 and vcmp only need FZ clear.  The backend keeps
 * results in xmm registers between these ops (tcg/x86/backend-fp.c).
 * MIMIC_VFP_HELPERS=1 turns the fast path off (for comparing).
 */
/* guard: env->vfp_fast == 1 (vfp-helper.c keeps it in step with FPSCR) */
#define FPG_GUARD_FAST ARM_OFF(vfp_fast), 0xffffffffu, 1

static bool fpg_enabled(void)
{
    static int on = -1;
    if (on < 0) {
        const char *e = getenv("MIMIC_VFP_HELPERS");
        on = !(e && *e && *e != '0');
    }
    return on;
}

/* fp_guarded r, i0, i1, i2 with the FPSCR guard mask/value. */
static void gen_fp_guarded(TCGv r, bool dp, unsigned kind, uint32_t sub, void *fallback, TCGv i0, TCGv i1,
                           TCGv i2, int guard_off, uint32_t mask, uint32_t value)
{
    TCGOp *op = tcg_emit_op(INDEX_op_fp_guarded, vtype(dp));
    op->args[0] = r;
    op->args[1] = i0;
    op->args[2] = i1;
    op->args[3] = i2;
    op->args[4] = kind | (uint64_t)sub << 8;
    op->args[5] = (uintptr_t)fallback;
    op->args[6] = (uint64_t)(int64_t)guard_off;
    op->args[7] = (uint64_t)mask << 32 | value;
}

/* VFP op -> fp_guarded kind (-1: helper only). */
static const int8_t fpg_kind[] = {
    [VFP_ADD] = FPG_ADD, [VFP_SUB] = FPG_SUB, [VFP_MUL] = FPG_MUL, [VFP_NMUL] = FPG_MUL,
    [VFP_DIV] = FPG_DIV, [VFP_MLA] = FPG_MLA, [VFP_MLS] = FPG_MLS, [VFP_NMLA] = FPG_NMLA,
    [VFP_NMLS] = FPG_NMLS, [VFP_FMA] = -1, [VFP_FMS] = -1, [VFP_FNMA] = -1, [VFP_FNMS] = -1,
};

static bool trans_arith(uint32_t insn, int op, bool dp)
{
    int d = reg_d(insn, dp), n = reg_n(insn, dp), m = reg_m(insn, dp);
    TCGv vd = op_uses_d(op) ? load_vreg(d, dp) : tcg_constant(vtype(dp), 0);
    TCGv vn = load_vreg(n, dp), vm = load_vreg(m, dp);
    TCGv r = tcg_temp_new(vtype(dp));
    if (fpg_enabled() && fpg_kind[op] >= 0) {
        /* vnmul is -(n * m) whatever the product, NaN included */
        uint32_t sub = op == VFP_NMUL ? VFP_MUL : (uint32_t)op;
        gen_fp_guarded(r, dp, (unsigned)fpg_kind[op], sub,
                       dp ? (void *)helper_vfp_arith_d : (void *)helper_vfp_arith_s, vd, vn, vm,
                       FPG_GUARD_FAST);
        if (op == VFP_NMUL) {
            if (dp)
                tcg_gen_xori_i64(r, r, 1ull << 63);
            else
                tcg_gen_xori_i32(r, r, 1u << 31);
        }
    } else if (dp)
        tcg_gen_call(helper_vfp_arith_d, CALL_NO_RWG, TCG_I64, r, tcg_env, tcg_constant_i32(op), vd, vn, vm);
    else
        tcg_gen_call(helper_vfp_arith_s, CALL_NO_RWG, TCG_I32, r, tcg_env, tcg_constant_i32(op), vd, vn, vm);
    store_vreg(d, dp, r);
    return true;
}

/* VFPExpandImm: imm8 = abcdefgh -> a:NOT(b):b..b:cdefgh:0..0. */
static uint64_t vfp_expand_imm(uint32_t imm8, bool dp)
{
    uint64_t a = imm8 >> 7 & 1, b = imm8 >> 6 & 1, cdefgh = imm8 & 0x3f;
    if (dp)
        return a << 63 | (b ^ 1) << 62 | (b ? 0xffull : 0) << 54 | cdefgh << 48;
    return a << 31 | (b ^ 1) << 30 | (b ? 0x1fu : 0) << 25 | cdefgh << 19;
}

static bool trans_vmov_imm(uint32_t insn, bool dp)
{
    uint32_t imm8 = ((insn >> 16) & 0xf) << 4 | (insn & 0xf);
    if (insn & 0xa0) /* bits 7 and 5 are (0) */
        return false;
    store_vreg(reg_d(insn, dp), dp, tcg_constant(vtype(dp), vfp_expand_imm(imm8, dp)));
    return true;
}

/* vmov/vabs/vneg: bit operations, no exceptions, no flushing. */
static bool trans_move(uint32_t insn, bool dp, int kind)
{
    TCGv v = load_vreg(reg_m(insn, dp), dp);
    uint64_t sign = dp ? 1ull << 63 : 1u << 31;
    if (kind == 1) { /* vabs */
        if (dp)
            tcg_gen_andi_i64(v, v, ~sign);
        else
            tcg_gen_andi_i32(v, v, (uint32_t)~sign);
    } else if (kind == 2) { /* vneg */
        if (dp)
            tcg_gen_xori_i64(v, v, sign);
        else
            tcg_gen_xori_i32(v, v, (uint32_t)sign);
    }
    store_vreg(reg_d(insn, dp), dp, v);
    return true;
}

static bool trans_sqrt(uint32_t insn, bool dp)
{
    TCGv v = load_vreg(reg_m(insn, dp), dp), r = tcg_temp_new(vtype(dp));
    if (fpg_enabled()) {
        TCGv z = tcg_constant(vtype(dp), 0);
        gen_fp_guarded(r, dp, FPG_SQRT, 0, dp ? (void *)helper_vfp_sqrt_fpg_d : (void *)helper_vfp_sqrt_fpg_s,
                       z, v, z, FPG_GUARD_FAST);
    } else if (dp)
        tcg_gen_call(helper_vfp_sqrt_d, CALL_NO_RWG, TCG_I64, r, tcg_env, v);
    else
        tcg_gen_call(helper_vfp_sqrt_s, CALL_NO_RWG, TCG_I32, r, tcg_env, v);
    store_vreg(reg_d(insn, dp), dp, r);
    return true;
}

/* vcmp{e} Vd, Vm / Vd, #0.0: sets FPSCR.NZCV. */
static bool trans_cmp(uint32_t insn, bool dp, bool with_zero)
{
    if (with_zero && (insn & 0x2f)) /* Vm and M are (0) */
        return false;
    TCGv a = load_vreg(reg_d(insn, dp), dp);
    TCGv b = with_zero ? tcg_constant(vtype(dp), 0) : load_vreg(reg_m(insn, dp), dp);
    TCGv e = tcg_constant_i32((insn >> 7) & 1);
    if (fpg_enabled()) {
        /* ordered operands without FZ: NZCV only, no flags.  The op gives
           an FPRelation (0 equal, 1 less, 2 greater, 3 unordered); NZCV is
           nibble rel of 0x6823 (0110 1000 0010 0011), from the top. */
        TCGv_i32 nzcv = tcg_temp_new_i32(), f = tcg_temp_new_i32();
        TCGv z = tcg_constant(vtype(dp), 0), r = dp ? tcg_temp_new_i64() : nzcv;
        gen_fp_guarded(r, dp, FPG_CMP, (insn >> 7) & 1,
                       dp ? (void *)helper_vfp_cmp_fpg_d : (void *)helper_vfp_cmp_fpg_s, z, a, b,
                       ARM_OFF(fpscr), FPSCR_FZ, 0);
        if (dp)
            tcg_gen_extrl_i64_i32(nzcv, r); /* the op's width is the operands' */
        tcg_gen_shli_i32(nzcv, nzcv, 2);
        tcg_gen_shl_i32(nzcv, tcg_constant_i32(0x68230000u), nzcv);
        tcg_gen_andi_i32(nzcv, nzcv, 0xf0000000u);
        tcg_gen_ld_i32(f, ARM_OFF(fpscr));
        tcg_gen_andi_i32(f, f, 0x0fffffffu);
        tcg_gen_or_i32(f, f, nzcv);
        tcg_gen_st_i32(f, ARM_OFF(fpscr));
        return true;
    }
    if (dp)
        tcg_gen_call(helper_vfp_cmp_d, CALL_NO_RWG, TCG_I32, TEMP_NONE, tcg_env, a, b, e);
    else
        tcg_gen_call(helper_vfp_cmp_s, CALL_NO_RWG, TCG_I32, TEMP_NONE, tcg_env, a, b, e);
    return true;
}

/* vcvt.f64.f32 / vcvt.f32.f64 (sz gives the source size). */
static bool trans_cvt_prec(uint32_t insn, bool dp)
{
    TCGv v = load_vreg(reg_m(insn, dp), dp), r = tcg_temp_new(vtype(!dp));
    if (fpg_enabled()) {
        /* I64 ops: a single travels zero-extended */
        TCGv_i64 z = tcg_constant_i64(0);
        if (dp) {
            TCGv_i64 w = tcg_temp_new_i64();
            gen_fp_guarded(w, true, FPG_F64TOF32, 0, (void *)helper_vfp_f64_to_f32_fpg, z, v, z, FPG_GUARD_FAST);
            tcg_gen_extrl_i64_i32(r, w);
        } else {
            TCGv_i64 x = tcg_temp_new_i64();
            tcg_gen_extu_i32_i64(x, v);
            /* exact: only FZ (denormal inputs) needs the helper */
            gen_fp_guarded(r, true, FPG_F32TOF64, 0, (void *)helper_vfp_f32_to_f64_fpg, z, x, z, ARM_OFF(fpscr),
                           FPSCR_FZ, 0);
        }
    } else if (dp)
        tcg_gen_call(helper_vfp_f64_to_f32, CALL_NO_RWG, TCG_I32, r, tcg_env, v);
    else
        tcg_gen_call(helper_vfp_f32_to_f64, CALL_NO_RWG, TCG_I64, r, tcg_env, v);
    store_vreg(reg_d(insn, !dp), !dp, r);
    return true;
}

/* vcvtb/vcvtt between single and half precision (bit 16: to half, bit 7:
   top half).  The f64 forms are ARMv8. */
static bool trans_cvt_half(uint32_t insn, bool dp)
{
    bool to_half = insn & (1 << 16), top = insn & (1 << 7);
    int d = reg_d(insn, false), m = reg_m(insn, false);
    if (!arm_has(ARM_FEAT_FP16) || (dp && !arm_has(ARM_FEAT_V8)))
        return false;
    if (dp) { /* ARMv8: between a double and a half of a single */
        if (to_half) {
            TCGv_i32 old = load_vreg(d, false), r = tcg_temp_new_i32();
            tcg_gen_call(helper_vfp_f64_to_f16, CALL_NO_RWG, TCG_I32, r, tcg_env, load_vreg(reg_m(insn, true), true));
            tcg_gen_deposit_i32(r, old, r, top ? 16 : 0, 16);
            store_vreg(d, false, r);
        } else {
            TCGv_i32 v = load_vreg(m, false);
            TCGv_i64 r = tcg_temp_new_i64();
            tcg_gen_extract_i32(v, v, top ? 16 : 0, 16);
            tcg_gen_call(helper_vfp_f16_to_f64, CALL_NO_RWG, TCG_I64, r, tcg_env, v);
            store_vreg(reg_d(insn, true), true, r);
        }
        return true;
    }
    TCGv_i32 v = load_vreg(m, false), r = tcg_temp_new_i32();
    if (to_half) {
        TCGv_i32 old = load_vreg(d, false);
        tcg_gen_call(helper_vfp_f32_to_f16, CALL_NO_RWG, TCG_I32, r, tcg_env, v);
        tcg_gen_deposit_i32(r, old, r, top ? 16 : 0, 16);
    } else {
        tcg_gen_extract_i32(v, v, top ? 16 : 0, 16);
        tcg_gen_call(helper_vfp_f16_to_f32, CALL_NO_RWG, TCG_I32, r, tcg_env, v);
    }
    store_vreg(d, false, r);
    return true;
}

/* vcvt.f.s32/u32 (bit 7: signed); the integer is always a single register. */
static bool trans_cvt_from_int(uint32_t insn, bool dp)
{
    uint32_t desc = (insn & (1 << 7) ? 0 : VFP_FIX_UNSIGNED) | VFP_FIX_RMODE_FPSCR;
    TCGv_i32 v = load_vreg(reg_m(insn, false), false);
    TCGv r = tcg_temp_new(vtype(dp));
    if (fpg_enabled()) {
        unsigned kind = desc & VFP_FIX_UNSIGNED ? FPG_UITOF : FPG_SITOF;
        TCGv z = tcg_constant(vtype(dp), 0);
        if (dp) {
            /* exact: no guard */
            TCGv_i64 w = tcg_temp_new_i64();
            tcg_gen_extu_i32_i64(w, v);
            gen_fp_guarded(r, true, kind, desc, (void *)helper_vfp_fromfix_fpg_d, z, w, z, 0, 0, 0);
        } else {
            gen_fp_guarded(r, false, kind, desc, (void *)helper_vfp_fromfix_fpg_s, z, v, z, FPG_GUARD_FAST);
        }
    } else if (dp) {
        TCGv_i64 w = tcg_temp_new_i64();
        tcg_gen_extu_i32_i64(w, v);
        tcg_gen_call(helper_vfp_fromfix_d, CALL_NO_RWG, TCG_I64, r, tcg_env, w, tcg_constant_i32(desc));
    } else {
        tcg_gen_call(helper_vfp_fromfix_s, CALL_NO_RWG, TCG_I32, r, tcg_env, v, tcg_constant_i32(desc));
    }
    store_vreg(reg_d(insn, dp), dp, r);
    return true;
}

/* vcvt{r}.s32/u32.f (bit 16: signed, bit 7: round toward zero). */
static bool trans_cvt_to_int(uint32_t insn, bool dp)
{
    uint32_t desc = (insn & (1 << 16) ? 0 : VFP_FIX_UNSIGNED) | (insn & (1 << 7) ? 0 : VFP_FIX_RMODE_FPSCR);
    TCGv v = load_vreg(reg_m(insn, dp), dp);
    TCGv_i32 r = tcg_temp_new_i32();
    if (fpg_enabled() && !(desc & VFP_FIX_RMODE_FPSCR)) {
        /* vcvt (toward zero); vcvtr keeps the helper */
        unsigned kind = desc & VFP_FIX_UNSIGNED ? FPG_FTOUI : FPG_FTOSI;
        TCGv z = tcg_constant(vtype(dp), 0);
        if (dp) {
            TCGv_i64 w = tcg_temp_new_i64();
            gen_fp_guarded(w, true, kind, desc, (void *)helper_vfp_tofix_fpg_d, z, v, z, FPG_GUARD_FAST);
            tcg_gen_extrl_i64_i32(r, w);
        } else {
            gen_fp_guarded(r, false, kind, desc, (void *)helper_vfp_tofix_fpg_s, z, v, z, FPG_GUARD_FAST);
        }
    } else if (dp) {
        TCGv_i64 w = tcg_temp_new_i64();
        tcg_gen_call(helper_vfp_tofix_d, CALL_NO_RWG, TCG_I64, w, tcg_env, v, tcg_constant_i32(desc));
        tcg_gen_extrl_i64_i32(r, w);
    } else {
        tcg_gen_call(helper_vfp_tofix_s, CALL_NO_RWG, TCG_I32, r, tcg_env, v, tcg_constant_i32(desc));
    }
    store_vreg(reg_d(insn, false), false, r);
    return true;
}

/* vcvt between float and fixed point, in place in Vd: bit 18 to fixed,
   bit 16 unsigned, bit 7 (sx) 32-bit, fbits = size - imm4:i. */
static bool trans_cvt_fixed(uint32_t insn, bool dp)
{
    int size = insn & (1 << 7) ? 32 : 16;
    int imm = (insn & 0xf) << 1 | ((insn >> 5) & 1);
    int fbits = size - imm;
    int d = reg_d(insn, dp);
    uint32_t desc;
    if (fbits < 0)
        return false; /* UNPREDICTABLE */
    desc = (uint32_t)fbits | (size == 16 ? VFP_FIX_SIZE16 : 0) | (insn & (1 << 16) ? VFP_FIX_UNSIGNED : 0);
    TCGv v = load_vreg(d, dp), r = tcg_temp_new(vtype(dp));
    if (insn & (1 << 18)) {
        if (dp)
            tcg_gen_call(helper_vfp_tofix_d, CALL_NO_RWG, TCG_I64, r, tcg_env, v, tcg_constant_i32(desc));
        else
            tcg_gen_call(helper_vfp_tofix_s, CALL_NO_RWG, TCG_I32, r, tcg_env, v, tcg_constant_i32(desc));
    } else {
        if (dp)
            tcg_gen_call(helper_vfp_fromfix_d, CALL_NO_RWG, TCG_I64, r, tcg_env, v, tcg_constant_i32(desc));
        else
            tcg_gen_call(helper_vfp_fromfix_s, CALL_NO_RWG, TCG_I32, r, tcg_env, v, tcg_constant_i32(desc));
    }
    store_vreg(d, dp, r);
    return true;
}

/* vrint*: round to an integral value in mode rm (7: FPSCR's); exact:
   vrintx, which signals inexact. */
static bool trans_rint(uint32_t insn, bool dp, uint32_t rm, bool exact)
{
    if (!arm_has(ARM_FEAT_V8))
        return false;
    TCGv v = load_vreg(reg_m(insn, dp), dp), r = tcg_temp_new(vtype(dp));
    TCGv_i32 desc = tcg_constant_i32(rm | (exact ? 8 : 0));
    if (dp)
        tcg_gen_call(helper_vfp_rint_d, CALL_NO_RWG, TCG_I64, r, tcg_env, v, desc);
    else
        tcg_gen_call(helper_vfp_rint_s, CALL_NO_RWG, TCG_I32, r, tcg_env, v, desc);
    store_vreg(reg_d(insn, dp), dp, r);
    return true;
}

/* ARMv8 unconditional VFP (cond = 1111, 1111 1110 ... 101x): vsel,
   vmaxnm/vminnm, vrint{a,n,p,m}, vcvt{a,n,p,m}. */
static bool trans_v8_vfp(uint32_t insn)
{
    bool dp = insn & (1 << 8);
    if (!arm_has(ARM_FEAT_V8) || (insn & (1 << 4)))
        return false;
    int d = reg_d(insn, dp), n = reg_n(insn, dp), m = reg_m(insn, dp);
    if ((insn & 0x0f800040) == 0x0e000000) {
        /* vsel<cc>: bits 21:20: eq, vs, ge, gt; Vd = cc ? Vn : Vm */
        static const int cc[4] = {0x0, 0x6, 0xa, 0xc};
        TCGLabel take_m = gen_new_label(), done = gen_new_label();
        arm_gen_test_cc(cc[(insn >> 20) & 3] ^ 1, take_m);
        store_vreg(d, dp, load_vreg(n, dp));
        tcg_gen_br(done);
        gen_set_label(take_m);
        store_vreg(d, dp, load_vreg(m, dp));
        gen_set_label(done);
        return true;
    }
    if ((insn & 0x0fb00040) == 0x0e800000 || (insn & 0x0fb00040) == 0x0e800040) {
        /* vmaxnm (bit 6 = 0), vminnm */
        TCGv r = tcg_temp_new(vtype(dp));
        TCGv_i32 is_min = tcg_constant_i32((insn >> 6) & 1);
        if (dp)
            tcg_gen_call(helper_vfp_maxnm_d, CALL_NO_RWG, TCG_I64, r, tcg_env, load_vreg(n, true), load_vreg(m, true), is_min);
        else
            tcg_gen_call(helper_vfp_maxnm_s, CALL_NO_RWG, TCG_I32, r, tcg_env, load_vreg(n, false), load_vreg(m, false), is_min);
        store_vreg(d, dp, r);
        return true;
    }
    /* RM (bits 17:16): a, n, p, m -> round_int's 4, 0, 1, 2 */
    static const uint32_t rmode[4] = {4, 0, 1, 2};
    uint32_t rm = rmode[(insn >> 16) & 3];
    if ((insn & 0x0fbc0fc0 & ~0x100u) == 0x0eb80a40) /* vrint{a,n,p,m}: bits 19:18 = 10, bits 7:6 = 01 */
        return trans_rint(insn, dp, rm, false);
    if ((insn & 0x0fbc0e40) == 0x0ebc0a40) {
        /* vcvt{a,n,p,m}.{s,u}32 Sd, Vm: bit 7 signed */
        uint32_t desc = VFP_FIX_RMODE_EXPLICIT | rm << VFP_FIX_RMODE_SHIFT | (insn & (1 << 7) ? 0 : VFP_FIX_UNSIGNED);
        TCGv v = load_vreg(m, dp);
        TCGv_i32 r = tcg_temp_new_i32();
        if (dp) {
            TCGv_i64 w = tcg_temp_new_i64();
            tcg_gen_call(helper_vfp_tofix_d, CALL_NO_RWG, TCG_I64, w, tcg_env, v, tcg_constant_i32(desc));
            tcg_gen_extrl_i64_i32(r, w);
        } else {
            tcg_gen_call(helper_vfp_tofix_s, CALL_NO_RWG, TCG_I32, r, tcg_env, v, tcg_constant_i32(desc));
        }
        store_vreg(reg_d(insn, false), false, r);
        return true;
    }
    return false;
}

/* opc1 = 1x11, bit 6 = 1: selected by opc2 (bits 19:16) and bit 7. */
static bool trans_other(uint32_t insn, bool dp)
{
    int opc2 = (insn >> 16) & 0xf;
    bool b7 = insn & (1 << 7);
    switch (opc2) {
    case 0x0: return trans_move(insn, dp, b7 ? 1 : 0);   /* vmov / vabs */
    case 0x1: return b7 ? trans_sqrt(insn, dp) : trans_move(insn, dp, 2); /* vneg */
    case 0x2: case 0x3: return trans_cvt_half(insn, dp);
    case 0x4: return trans_cmp(insn, dp, false);
    case 0x5: return trans_cmp(insn, dp, true);
    case 0x6: return trans_rint(insn, dp, b7 ? 3 : 7, false); /* vrintz, vrintr */
    case 0x7: return b7 ? trans_cvt_prec(insn, dp) : trans_rint(insn, dp, 7, true); /* vrintx */
    case 0x8: return trans_cvt_from_int(insn, dp);
    case 0xa: case 0xb: case 0xe: case 0xf: return trans_cvt_fixed(insn, dp);
    case 0xc: case 0xd: return trans_cvt_to_int(insn, dp);
    default: return false; /* 1001: vjcvt (ARMv8.3) */
    }
}

static bool trans_data_proc(uint32_t insn)
{
    bool dp = insn & (1 << 8);
    int opc1 = ((insn >> 21) & 4) | ((insn >> 20) & 3);
    int op = arith_ops[opc1][(insn >> 6) & 1];
    if (op == -1 || (op >= VFP_FMA && !arm_has(ARM_FEAT_VFP4)))
        return false;
    if (op >= 0)
        return trans_arith(insn, op, dp);
    if (!(insn & (1 << 6)))
        return trans_vmov_imm(insn, dp);
    return trans_other(insn, dp);
}

/* ---- Transfers between core and extension registers ---- */

/* vmrs Rt, <reg> (Rt = 15 with FPSCR: APSR_nzcv) and vmsr <reg>, Rt. */
static bool trans_vmrs_vmsr(DisasContext *s, uint32_t insn)
{
    int reg = (insn >> 16) & 0xf, rt = (insn >> 12) & 0xf;
    TCGv_i32 v;
    if (!(insn & (1 << 20))) {
        /* vmsr: only FPSCR is writable in user mode */
        if (reg != 1 || rt == 15)
            return false;
        tcg_gen_call(helper_vfp_set_fpscr, CALL_NO_RWG, TCG_I32, TEMP_NONE, tcg_env, load_reg(s, rt));
        return true;
    }
    /* FPSID and MVFR0/1 are privileged on ARMv7 hardware (and in qemu-arm);
       mimic lets user code read them.  FPEXC, FPINST...: undefined. */
    uint32_t id = reg == 0 ? arm_fpsid() : reg == 6 ? arm_mvfr1() : reg == 7 ? ARM_VFP_MVFR0 : 0;
    if (reg != 1 && !id)
        return false;
    v = tcg_temp_new_i32();
    if (reg != 1) {
        if (rt == 15)
            return false;
        tcg_gen_movi_i32(v, id);
        store_reg(s, rt, v);
        return true;
    }
    tcg_gen_ld_i32(v, ARM_OFF(fpscr));
    if (rt != 15) {
        store_reg(s, rt, v);
        return true;
    }
    /* APSR_nzcv: N = bit 31 of NF, Z = (ZF == 0), C = CF, V = bit 31 of VF */
    tcg_gen_mov_i32(cpu_NF, v);
    tcg_gen_andi_i32(cpu_ZF, v, 1u << 30);
    tcg_gen_xori_i32(cpu_ZF, cpu_ZF, 1u << 30);
    tcg_gen_extract_i32(cpu_CF, v, 29, 1);
    tcg_gen_shli_i32(cpu_VF, v, 3);
    return true;
}

static bool trans_transfer32(DisasContext *s, uint32_t insn)
{
    bool to_core = insn & (1 << 20), c = insn & (1 << 8);
    int a = (insn >> 21) & 7, rt = (insn >> 12) & 0xf;
    if (insn & 0xf)
        return false;
    if (!c && a == 7)
        return trans_vmrs_vmsr(s, insn);
    if (rt == 15)
        return false;
    if (!c) {
        /* vmov Sn <-> Rt */
        int n = reg_n(insn, false);
        if (a != 0 || (insn & 0x60))
            return false;
        if (to_core) {
            store_reg(s, rt, load_vreg(n, false));
        } else {
            store_vreg(n, false, load_reg(s, rt));
        }
        return true;
    }
    int n = reg_n(insn, true);
    if (!to_core && (insn & (1u << 23))) {
        /* vdup.<size> Qd/Dd, Rt: B:E (bits 22, 5) 00 = 32, 01 = 16, 10 = 8 bits */
        int be = (int)((insn >> 21) & 2) | (int)((insn >> 5) & 1);
        bool q = (insn >> 21) & 1;
        static const uint64_t rep[3] = {0x0000000100000001ull, 0x0001000100010001ull, 0x0101010101010101ull};
        static const uint64_t mask[3] = {0xffffffffull, 0xffffull, 0xffull};
        if (be == 3 || (insn & 0x40) || (q && (n & 1)) || !arm_has(ARM_FEAT_NEON))
            return false;
        TCGv_i64 v = tcg_temp_new_i64();
        tcg_gen_extu_i32_i64(v, load_reg(s, rt));
        tcg_gen_andi_i64(v, v, mask[be]);
        tcg_gen_muli_i64(v, v, rep[be]);
        for (int i = 0; i < (q ? 2 : 1); i++)
            tcg_gen_mov_i64(cpu_D[n + i], v);
        return true;
    }
    /* vmov Dn[x] <-> Rt: opc1:opc2 (bits 22:21, 6:5) 1xxx = byte x = opc1<0>:opc2,
       0xx1 = halfword x = opc1<0>:opc2<1>, 0x00 = word x = opc1<0>; bit 23
       (to core): zero-extend the byte or halfword. */
    int opc = (int)((insn >> 19) & 0xc) | (int)((insn >> 5) & 3), size, idx;
    if (opc & 8) {
        size = 0, idx = opc & 7;
    } else if (opc & 1) {
        size = 1, idx = (opc >> 1) & 3;
    } else if (!(opc & 2)) {
        size = 2, idx = (opc >> 2) & 1;
    } else {
        return false;
    }
    if (size < 2 && !arm_has(ARM_FEAT_NEON))
        return false;
    bool uns = (insn >> 23) & 1;
    if (size == 2 && uns)
        return false;
    int pos = idx << (3 + size), len = 8 << size;
    if (to_core) {
        TCGv_i64 w = tcg_temp_new_i64();
        TCGv_i32 v = tcg_temp_new_i32();
        tcg_gen_shri_i64(w, cpu_D[n], (uint32_t)pos);
        tcg_gen_extrl_i64_i32(v, w);
        if (size < 2) {
            if (uns)
                tcg_gen_extract_i32(v, v, 0, (unsigned)len);
            else
                tcg_gen_sextract_i32(v, v, 0, (unsigned)len);
        }
        store_reg(s, rt, v);
    } else if (size == 2) {
        store_half(n, idx, load_reg(s, rt));
    } else {
        TCGv_i64 w = tcg_temp_new_i64();
        tcg_gen_extu_i32_i64(w, load_reg(s, rt));
        TCGOp *op = tcg_emit_op(INDEX_op_deposit, TCG_I64);
        op->args[0] = cpu_D[n];
        op->args[1] = cpu_D[n];
        op->args[2] = w;
        op->args[3] = (uint64_t)pos;
        op->args[4] = (uint64_t)len;
    }
    return true;
}

/* vmov two core registers <-> two singles (Sm, Sm+1) or one double. */
static bool trans_transfer64(DisasContext *s, uint32_t insn)
{
    bool to_core = insn & (1 << 20), dp = insn & (1 << 8);
    int rt = (insn >> 12) & 0xf, rt2 = (insn >> 16) & 0xf;
    int m = reg_m(insn, dp);
    /* bits 7:6 = 00, bit 4 = 1 */
    if ((insn & 0xd0) != 0x10 || rt == 15 || rt2 == 15 || (!dp && m == 31) || (to_core && rt == rt2))
        return false;
    /* the double dm, or the singles sm and sm+1 */
    if (to_core) {
        TCGv_i32 lo = dp ? load_half(m, false) : load_vreg(m, false);
        TCGv_i32 hi = dp ? load_half(m, true) : load_vreg(m + 1, false);
        store_reg(s, rt, lo);
        store_reg(s, rt2, hi);
    } else if (dp) {
        tcg_gen_concat_i32_i64(cpu_D[m], load_reg(s, rt), load_reg(s, rt2));
    } else {
        TCGv_i32 lo = load_reg(s, rt), hi = load_reg(s, rt2);
        store_vreg(m, false, lo);
        store_vreg(m + 1, false, hi);
    }
    return true;
}

/* ---- Loads and stores ---- */

static void gen_vldst(bool load, int r, bool dp, TCGv_i32 addr)
{
    TCGv v = tcg_temp_new(vtype(dp));
    if (load) {
        tcg_gen_qemu_ld(vtype(dp), v, addr, dp ? MO_64 : MO_32);
        store_vreg(r, dp, v);
    } else {
        tcg_gen_qemu_st(vtype(dp), load_vreg(r, dp), addr, dp ? MO_64 : MO_32);
    }
}

/* vldr/vstr: [Rn, #+/-imm8*4]; Rn = pc uses Align(pc, 4). */
static bool trans_vldr_vstr(DisasContext *s, uint32_t insn)
{
    bool dp = insn & (1 << 8), load = insn & (1 << 20);
    int rn = (insn >> 16) & 0xf, imm = (int)(insn & 0xff) * 4;
    if (!load && rn == 15 && s->thumb)
        return false; /* UNPREDICTABLE */
    TCGv_i32 addr = add_reg_for_lit(s, rn, insn & (1 << 23) ? imm : -imm);
    gen_vldst(load, reg_d(insn, dp), dp, addr);
    return true;
}

/* vldm/vstm (IA, IA!, DB!), vpush/vpop, and the FLDMX/FSTMX forms (double,
   odd imm8: imm8/2 registers, imm8 words of address space). */
static bool trans_vldm_vstm(DisasContext *s, uint32_t insn)
{
    bool dp = insn & (1 << 8), load = insn & (1 << 20);
    bool inc = insn & (1 << 23), wback = insn & (1 << 21);
    int rn = (insn >> 16) & 0xf, imm8 = insn & 0xff;
    int d = reg_d(insn, dp), n = dp ? imm8 / 2 : imm8;
    if (n == 0 || (dp && n > 16) || d + n > 32)
        return false; /* UNPREDICTABLE */
    if (rn == 15 && (wback || s->thumb))
        return false;
    TCGv_i32 base = load_reg(s, rn);
    TCGv_i32 addr = tcg_temp_new_i32();
    if (inc)
        tcg_gen_mov_i32(addr, base);
    else
        tcg_gen_subi_i32(addr, base, 4u * imm8);
    for (int i = 0; i < n; i++) {
        TCGv_i32 a = tcg_temp_new_i32();
        tcg_gen_addi_i32(a, addr, (dp ? 8u : 4u) * i);
        gen_vldst(load, d + i, dp, a);
    }
    if (wback) {
        TCGv_i32 nb = tcg_temp_new_i32();
        tcg_gen_addi_i32(nb, base, inc ? 4u * imm8 : -4u * imm8);
        store_reg(s, rn, nb);
    }
    return true;
}

static bool trans_ldst(DisasContext *s, uint32_t insn)
{
    int puw = ((insn >> 22) & 6) | ((insn >> 21) & 1); /* P U W */
    switch (puw) {
    case 0: case 1: /* P = 0, U = 0: 64-bit transfers (bits 24:21 = 0010) */
        if ((insn & 0x01e00000) == 0x00400000)
            return trans_transfer64(s, insn);
        return false;
    case 2: case 3: case 5: return trans_vldm_vstm(s, insn); /* IA, IA!, DB! */
    case 4: case 6: return trans_vldr_vstr(s, insn);
    default: return false; /* DB without writeback, P=U=W=1 */
    }
}

/* ---- Entry point ---- */

bool arm_translate_vfp(DisasContext *s, uint32_t insn)
{
    if ((insn >> 28) == 0xf && (insn & 0x0e000000) != 0x0c000000 && (insn & 0x0f000000) != 0x0e000000)
        return arm_translate_neon(s, insn); /* Advanced SIMD (1111 001x, 1111 0100) */
    /* ARMv8.2 half precision: coprocessor 9, and vins/vmovx.f16 in cp10's
       unconditional space (a condition is applied already: 1110 stands for it) */
    if (((insn >> 8) & 0xf) == 9 || (insn & 0xffbf0f50u) == 0xfeb00a40u)
        return arm_translate_fp16(s, (insn >> 28) == 0xf ? insn : (insn & 0x0fffffffu) | 0xe0000000u);
    if (((insn >> 9) & 7) != 5)
        return false; /* not cp10/cp11 */
    if ((insn >> 28) == 0xf)
        return (insn & 0x0f000000) == 0x0e000000 && trans_v8_vfp(insn); /* ARMv8 unconditional forms */
    switch ((insn >> 24) & 0xf) {
    case 0xc: case 0xd: return trans_ldst(s, insn);
    case 0xe: return insn & (1 << 4) ? trans_transfer32(s, insn) : trans_data_proc(insn);
    default: return false;
    }
}
