/*
 * ARMv8.2 half-precision floating point (FEAT_FP16) in AArch32 VFP: the
 * trans functions of vfp16.decode, reached from arm_translate_vfp for
 * coprocessor 9 encodings and vins/vmovx.  Only the "max" model has them
 * (ARM_FEAT_FP16ARITH); others raise SIGILL.
 *
 * A half-precision operand is the low 16 bits of a single register; every
 * instruction writing a half result zeroes the register's top 16 bits
 * (S[d] = Zeros(16) : result), except vins, which writes only the top.
 * Arithmetic is one helper call (fp16-helper.c); moves, vabs/vneg, vsel,
 * loads and stores are IR.
 */
#include "tcg/tcg-op.h"
#include "translate.h"
#include "vfp.h"

static bool fp16_ok(void) { return arm_has(ARM_FEAT_FP16ARITH); }

/* Sd = Zeros(16) : v<15:0>. */
static void store_h(int d, TCGv_i32 v)
{
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_andi_i32(t, v, 0xffff);
    vfp_store_s(d, t);
}

#include "target-arm/decode-vfp16.c.inc"

static bool trans_ARITH_hp(DisasContext *s, arg_h3 *a)
{
    if (!fp16_ok())
        return false;
    /* vdiv and the fused forms are VFPv4/ARMv8 and always come with FP16 */
    TCGv_i32 vd = a->op >= VFP_MLA ? vfp_load_s(a->vd) : tcg_constant_i32(0);
    TCGv_i32 r = tcg_temp_new_i32();
    tcg_gen_call(helper_vfp_arith_h, CALL_NO_RWG, TCG_I32, r, tcg_env, tcg_constant_i32(a->op), vd,
                 vfp_load_s(a->vn), vfp_load_s(a->vm));
    store_h(a->vd, r);
    return true;
}

/* vmaxnm.f16 (op 0), vminnm.f16 (op 1) */
static bool trans_ARITH_NM_hp(DisasContext *s, arg_h3 *a)
{
    if (!fp16_ok())
        return false;
    TCGv_i32 r = tcg_temp_new_i32();
    tcg_gen_call(helper_vfp_maxnm_h, CALL_NO_RWG, TCG_I32, r, tcg_env, vfp_load_s(a->vn), vfp_load_s(a->vm),
                 tcg_constant_i32(a->op));
    store_h(a->vd, r);
    return true;
}

/* VFPExpandImm for half precision: abcdefgh -> a:NOT(b):bb:cd:efgh:000000. */
static bool trans_VMOV_imm_hp(DisasContext *s, arg_himm *a)
{
    uint32_t i = (uint32_t)a->imm, b = (i >> 6) & 1;
    if (!fp16_ok() || a->sbz)
        return false;
    uint32_t h = (i >> 7) << 15 | (b ^ 1) << 14 | (b ? 3u : 0) << 12 | ((i >> 4) & 3) << 10 | (i & 0xf) << 6;
    vfp_store_s(a->vd, tcg_constant_i32(h));
    return true;
}

/* vabs/vneg: bit operations on the sign, no flags, no flushing. */
static bool trans_VABS_hp(DisasContext *s, arg_h2 *a)
{
    if (!fp16_ok())
        return false;
    TCGv_i32 v = vfp_load_s(a->vm);
    tcg_gen_andi_i32(v, v, 0x7fff);
    vfp_store_s(a->vd, v);
    return true;
}

static bool trans_VNEG_hp(DisasContext *s, arg_h2 *a)
{
    if (!fp16_ok())
        return false;
    TCGv_i32 v = vfp_load_s(a->vm);
    tcg_gen_xori_i32(v, v, 0x8000);
    store_h(a->vd, v);
    return true;
}

static bool trans_VSQRT_hp(DisasContext *s, arg_h2 *a)
{
    if (!fp16_ok())
        return false;
    TCGv_i32 r = tcg_temp_new_i32();
    tcg_gen_call(helper_vfp_sqrt_h, CALL_NO_RWG, TCG_I32, r, tcg_env, vfp_load_s(a->vm));
    store_h(a->vd, r);
    return true;
}

/* vcmp{e}.f16 Sd, Sm / Sd, #0: FPSCR.NZCV. */
static bool trans_VCMP_hp(DisasContext *s, arg_hcmp *a)
{
    if (!fp16_ok() || (a->z && (a->vm & 0x1f)))
        return false; /* the #0 form: Vm and M are (0) */
    TCGv_i32 b = a->z ? tcg_constant_i32(0) : vfp_load_s(a->vm);
    tcg_gen_call(helper_vfp_cmp_h, CALL_NO_RWG, TCG_I32, TEMP_NONE, tcg_env, vfp_load_s(a->vd), b,
                 tcg_constant_i32(a->e));
    return true;
}

static void gen_rint(int d, int m, uint32_t desc)
{
    TCGv_i32 r = tcg_temp_new_i32();
    tcg_gen_call(helper_vfp_rint_h, CALL_NO_RWG, TCG_I32, r, tcg_env, vfp_load_s(m), tcg_constant_i32(desc));
    store_h(d, r);
}

/* vrintr (rm 7: FPSCR's mode), vrintz (3), vrintx (7, exact: sgn). */
static bool trans_VRINT_hp(DisasContext *s, arg_hcvt *a)
{
    if (!fp16_ok())
        return false;
    gen_rint(a->vd, a->vm, (uint32_t)a->rm | (a->sgn ? 8 : 0));
    return true;
}

/* The RM field (a, n, p, m) as helper_vfp_rint's / VFP_FIX_RMODE's modes. */
static const uint32_t rm_field_mode[4] = {4, 0, 1, 2};

static bool trans_VRINT_rm_hp(DisasContext *s, arg_hcvt *a)
{
    if (!fp16_ok())
        return false;
    gen_rint(a->vd, a->vm, rm_field_mode[a->rm]);
    return true;
}

/* vcvt.f16.{s,u}32 Sd, Sm (FPSCR rounding). */
static bool trans_VCVT_from_int_hp(DisasContext *s, arg_hcvt *a)
{
    if (!fp16_ok())
        return false;
    uint32_t desc = VFP_FIX_RMODE_FPSCR | (a->sgn ? 0 : VFP_FIX_UNSIGNED);
    TCGv_i32 r = tcg_temp_new_i32();
    tcg_gen_call(helper_vfp_fromfix_h, CALL_NO_RWG, TCG_I32, r, tcg_env, vfp_load_s(a->vm), tcg_constant_i32(desc));
    store_h(a->vd, r);
    return true;
}

static void gen_to_int(int d, int m, uint32_t desc)
{
    TCGv_i32 r = tcg_temp_new_i32();
    tcg_gen_call(helper_vfp_tofix_h, CALL_NO_RWG, TCG_I32, r, tcg_env, vfp_load_s(m), tcg_constant_i32(desc));
    vfp_store_s(d, r);
}

/* vcvt{r}.{s,u}32.f16 Sd, Sm (rm: toward zero, else FPSCR's mode). */
static bool trans_VCVT_to_int_hp(DisasContext *s, arg_hcvt *a)
{
    if (!fp16_ok())
        return false;
    gen_to_int(a->vd, a->vm, (a->rm ? 0 : VFP_FIX_RMODE_FPSCR) | (a->sgn ? 0 : VFP_FIX_UNSIGNED));
    return true;
}

/* vcvt{a,n,p,m}.{s,u}32.f16 Sd, Sm. */
static bool trans_VCVT_rm_hp(DisasContext *s, arg_hcvt *a)
{
    if (!fp16_ok())
        return false;
    gen_to_int(a->vd, a->vm,
               VFP_FIX_RMODE_EXPLICIT | rm_field_mode[a->rm] << VFP_FIX_RMODE_SHIFT |
                   (a->sgn ? 0 : VFP_FIX_UNSIGNED));
    return true;
}

/* vcvt between half precision and fixed point in place in Sd: sx 32-bit
   fixed point, fbits = size - imm4:i. */
static bool trans_VCVT_fix_hp(DisasContext *s, arg_hfix *a)
{
    int size = a->sx ? 32 : 16, fbits = size - a->imm;
    if (!fp16_ok() || fbits < 0)
        return false; /* UNPREDICTABLE */
    uint32_t desc = (uint32_t)fbits | (size == 16 ? VFP_FIX_SIZE16 : 0) | (a->uns ? VFP_FIX_UNSIGNED : 0);
    TCGv_i32 r = tcg_temp_new_i32();
    if (a->to_fix) {
        tcg_gen_call(helper_vfp_tofix_h, CALL_NO_RWG, TCG_I32, r, tcg_env, vfp_load_s(a->vd), tcg_constant_i32(desc));
        vfp_store_s(a->vd, r);
    } else {
        tcg_gen_call(helper_vfp_fromfix_h, CALL_NO_RWG, TCG_I32, r, tcg_env, vfp_load_s(a->vd), tcg_constant_i32(desc));
        store_h(a->vd, r);
    }
    return true;
}

/* vmov.f16 Sn, Rt / Rt, Sn: the low halfword, zero-extended. */
static bool trans_VMOV_core_hp(DisasContext *s, arg_hcore *a)
{
    if (!fp16_ok() || a->rt == 15)
        return false;
    TCGv_i32 v = tcg_temp_new_i32();
    if (a->to_core) {
        tcg_gen_andi_i32(v, vfp_load_s(a->vn), 0xffff);
        store_reg(s, a->rt, v);
    } else {
        tcg_gen_andi_i32(v, load_reg(s, a->rt), 0xffff);
        vfp_store_s(a->vn, v);
    }
    return true;
}

/* vldr.16/vstr.16 Sd, [Rn, #+/-imm8*2]; Rn = pc reads Align(pc, 4). */
static bool trans_VLDST_hp(DisasContext *s, arg_hldst *a)
{
    if (!fp16_ok() || (!a->load && a->rn == 15 && s->thumb))
        return false;
    TCGv_i32 addr = add_reg_for_lit(s, a->rn, a->u ? a->imm * 2 : -a->imm * 2);
    TCGv_i32 v = tcg_temp_new_i32();
    if (a->load) {
        tcg_gen_qemu_ld(TCG_I32, v, addr, MO_16);
        vfp_store_s(a->vd, v);
    } else {
        tcg_gen_qemu_st(TCG_I32, vfp_load_s(a->vd), addr, MO_16);
    }
    return true;
}

/* vsel<cc>.f16: bits 21:20 eq, vs, ge, gt; Sd = Zeros(16) : (cc ? Sn : Sm)<15:0>. */
static bool trans_VSEL_hp(DisasContext *s, arg_hsel *a)
{
    static const int cc[4] = {0x0, 0x6, 0xa, 0xc};
    if (!fp16_ok())
        return false;
    TCGLabel take_m = gen_new_label(), done = gen_new_label();
    arm_gen_test_cc(cc[a->cc] ^ 1, take_m);
    store_h(a->vd, vfp_load_s(a->vn));
    tcg_gen_br(done);
    gen_set_label(take_m);
    store_h(a->vd, vfp_load_s(a->vm));
    gen_set_label(done);
    return true;
}

/* vmovx.f16 Sd, Sm: Sd = Zeros(16) : Sm<31:16>. */
static bool trans_VMOVX_hp(DisasContext *s, arg_h2 *a)
{
    if (!fp16_ok())
        return false;
    TCGv_i32 v = vfp_load_s(a->vm);
    tcg_gen_shri_i32(v, v, 16);
    vfp_store_s(a->vd, v);
    return true;
}

/* vins.f16 Sd, Sm: Sd<31:16> = Sm<15:0>, Sd<15:0> unchanged. */
static bool trans_VINS_hp(DisasContext *s, arg_h2 *a)
{
    if (!fp16_ok())
        return false;
    TCGv_i32 d = vfp_load_s(a->vd);
    tcg_gen_deposit_i32(d, d, vfp_load_s(a->vm), 16, 16);
    vfp_store_s(a->vd, d);
    return true;
}

bool arm_translate_fp16(DisasContext *s, uint32_t insn)
{
    return decode_vfp16(s, insn);
}
