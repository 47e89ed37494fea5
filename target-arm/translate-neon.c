/*
 * Advanced SIMD (NEON) decoder: A32 1111 001U (data processing) and
 * 1111 0100 xxx0 (element and structure loads/stores); T32's encodings
 * arrive converted to these (translate-t32.c).  neon.decode picks the
 * instruction class; the trans_NEON_* functions here check the class's
 * fields (UNDEFINED encodings, register alignment of Q operands, the -cpu
 * model) and then:
 *   - data processing: one call of the class's helper (neon-helper.c) with
 *     the encoding, CALL_RW_GLOBALS (it works on env->vfp); the modified
 *     immediate forms (vmov/vmvn/vorr/vbic #imm) are IR on the d globals;
 *   - loads and stores: IR, one guest access per element, so a fault is
 *     precise and reports the element's address.
 *
 * The register file is the VFP one (translate-vfp.c): d0-d31 are the I64
 * globals cpu_D, Qn is d2n (low) and d2n+1 (high).
 */
#include "tcg/tcg-op.h"
#include "translate.h"
#include "neon.h"
#include "vfp.h"

static int vd_of(uint32_t insn) { return (int)((insn >> 18) & 0x10) | (int)((insn >> 12) & 0xf); }
static int vn_of(uint32_t insn) { return (int)((insn >> 3) & 0x10) | (int)((insn >> 16) & 0xf); }
static int vm_of(uint32_t insn) { return (int)((insn >> 1) & 0x10) | (int)(insn & 0xf); }

static void gen_deposit_i64(TCGv_i64 r, TCGv_i64 a, TCGv_i64 b, unsigned pos, unsigned len)
{
    TCGOp *op = tcg_emit_op(INDEX_op_deposit, TCG_I64);
    op->args[0] = r;
    op->args[1] = a;
    op->args[2] = b;
    op->args[3] = pos;
    op->args[4] = len;
}

static bool neon_ok(void) { return arm_has(ARM_FEAT_NEON); }

static bool gen_helper(void (*fn)(CPUARMState *, uint32_t), uint32_t insn)
{
    /* the fast path first (translate-neon-vec.c) */
    if ((fn == helper_neon_shift && neon_vec_shift(insn)) || (fn == helper_neon_2misc && neon_vec_2misc(insn)))
        return true;
    tcg_gen_call(fn, 0, TCG_I32, TEMP_NONE, tcg_env, tcg_constant_i32(insn));
    return true;
}

/* With Q set, these registers must be even (a Q register). */
static bool q_regs_ok(uint32_t insn, bool q, bool d, bool n, bool m)
{
    if (!q)
        return true;
    return !((d && (vd_of(insn) & 1)) || (n && (vn_of(insn) & 1)) || (m && (vm_of(insn) & 1)));
}

#include "target-arm/decode-neon.c.inc"

/* ---- Three registers of the same length ---- */

static bool trans_NEON_3SAME(DisasContext *s, arg_insn *a)
{
    uint32_t insn = (uint32_t)a->insn;
    int op = (insn >> 8) & 0xf, b = (insn >> 4) & 1, size = (insn >> 20) & 3;
    bool u = (insn >> 24) & 1, q = (insn >> 6) & 1;
    if (!neon_ok() || !q_regs_ok(insn, q, true, true, true))
        return false;
    switch (op) {
    case 0x0: case 0x2: /* vhadd/vqadd, vhsub/vqsub */
        if (!b && size == 3)
            return false;
        break;
    case 0x1: /* vrhadd; the bitwise ops */
        if (!b && size == 3)
            return false;
        break;
    case 0x3: case 0x6: case 0x7: /* compares, vmax/vmin, vabd/vaba */
        if (size == 3)
            return false;
        break;
    case 0x4: case 0x5: /* shifts by register */
        break;
    case 0x8: /* vadd/vsub; vtst/vceq */
        if (b && size == 3)
            return false;
        break;
    case 0x9: /* vmla/vmls; vmul (U: polynomial, bytes only) */
        if (size == 3 || (b && u && size != 0))
            return false;
        break;
    case 0xa: /* vpmax/vpmin */
        if (size == 3 || q)
            return false;
        break;
    case 0xb: /* vqdmulh/vqrdmulh; vpadd */
        if (b ? (u || q || size == 3) : (size == 0 || size == 3))
            return false;
        break;
    case 0xc: /* vfma/vfms; SHA-1 (U = 0) and SHA-256 (U = 1) with B = 0 */
        if (!b) {
            if (!q || !arm_has(u ? ARM_FEAT_SHA2 : ARM_FEAT_SHA1) || (u && size == 3))
                return false;
            break;
        }
        if (u || ((size & 1) && !arm_has(ARM_FEAT_FP16ARITH)) || !arm_has(ARM_FEAT_VFP4))
            return false;
        break;
    default: { /* 0xd..0xf: float32 (sz = bit 20; half precision is ARMv8.2) */
        if ((size & 1) && !arm_has(ARM_FEAT_FP16ARITH))
            return false;
        int key = op << 3 | b << 2 | (int)u << 1 | (size >> 1);
        static const uint8_t valid[] = {
            0xd << 3 | 0, 0xd << 3 | 1, 0xd << 3 | 3, 0xd << 3 | 4, 0xd << 3 | 5, 0xd << 3 | 6,
            0xe << 3 | 0, 0xe << 3 | 2, 0xe << 3 | 3, 0xe << 3 | 6, 0xe << 3 | 7,
            0xf << 3 | 0, 0xf << 3 | 1, 0xf << 3 | 4, 0xf << 3 | 5,
        };
        static const uint8_t pairwise[] = {0xd << 3 | 2, 0xf << 3 | 2, 0xf << 3 | 3};
        bool found = arm_has(ARM_FEAT_V8) && (key == (0xf << 3 | 6) || key == (0xf << 3 | 7)); /* vmaxnm/vminnm */
        for (unsigned i = 0; i < sizeof valid; i++)
            found |= valid[i] == key;
        for (unsigned i = 0; i < sizeof pairwise; i++)
            if (pairwise[i] == key) {
                if (q)
                    return false;
                found = true;
            }
        if (!found)
            return false;
        break;
    }
    }
    if ((op >= 0xd || (op == 0xc && b)) && (size & 1)) /* .f16 (fp16-helper.c) */
        return gen_helper(helper_neon_3same_f16, insn);
    return neon_vec_3same(insn) || gen_helper(helper_neon_3same, insn);
}

/* ---- Three registers of different lengths ---- */

static bool trans_NEON_3DIFF(DisasContext *s, arg_insn *a)
{
    uint32_t insn = (uint32_t)a->insn;
    int op = (insn >> 8) & 0xf, size = (insn >> 20) & 3;
    bool u = (insn >> 24) & 1;
    if (!neon_ok() || size == 3)
        return false;
    switch (op) {
    case 0: case 2: case 5: case 7: case 8: case 10: case 12: /* long: Vd is a Q */
        if (vd_of(insn) & 1)
            return false;
        break;
    case 1: case 3: /* wide: Vd, Vn Q */
        if ((vd_of(insn) & 1) || (vn_of(insn) & 1))
            return false;
        break;
    case 4: case 6: /* narrowing high half: Vn, Vm Q */
        if ((vn_of(insn) & 1) || (vm_of(insn) & 1))
            return false;
        break;
    case 9: case 11: case 13: /* vqdmlal, vqdmlsl, vqdmull */
        if (u || size == 0 || (vd_of(insn) & 1))
            return false;
        break;
    case 14: /* vmull.p8, vmull.p64 (ARMv8 PMULL) */
        if (u || (vd_of(insn) & 1) || (size != 0 && !(size == 2 && arm_has(ARM_FEAT_PMULL))))
            return false;
        break;
    default:
        return false;
    }
    return neon_vec_3diff(insn) || gen_helper(helper_neon_3diff, insn);
}

/* ---- Two registers and a scalar ---- */

static bool trans_NEON_SCALAR(DisasContext *s, arg_insn *a)
{
    uint32_t insn = (uint32_t)a->insn;
    int op = (insn >> 8) & 0xf, size = (insn >> 20) & 3;
    bool q = (insn >> 24) & 1;
    if (!neon_ok() || size == 3 || size == 0)
        return false;
    if ((op == 1 || op == 5 || op == 9) && size == 1) { /* vmla/vmls/vmul.f16 by scalar (ARMv8.2) */
        if (!arm_has(ARM_FEAT_FP16ARITH) || !q_regs_ok(insn, q, true, true, false))
            return false;
        return gen_helper(helper_neon_scalar_f16, insn);
    }
    switch (op) {
    case 0: case 4: case 8: case 12: case 13: /* vmla, vmls, vmul, vqdmulh, vqrdmulh */
        if (!q_regs_ok(insn, q, true, true, false))
            return false;
        break;
    case 1: case 5: case 9: /* float vmla, vmls, vmul */
        if (size != 2 || !q_regs_ok(insn, q, true, true, false))
            return false;
        break;
    case 2: case 6: case 10: /* vmlal, vmlsl, vmull (bit 24 is U) */
        if (vd_of(insn) & 1)
            return false;
        break;
    case 3: case 7: case 11: /* vqdmlal, vqdmlsl, vqdmull */
        if (q || (vd_of(insn) & 1))
            return false;
        break;
    default: /* vqrdmlah/vqrdmlsh (ARMv8.1) */
        return false;
    }
    return gen_helper(helper_neon_scalar, insn);
}

/* ---- Two registers and a shift amount ---- */

static bool trans_NEON_SHIFT(DisasContext *s, arg_insn *a)
{
    uint32_t insn = (uint32_t)a->insn;
    int op = (insn >> 8) & 0xf, l = (insn >> 7) & 1, imm6 = (insn >> 16) & 0x3f;
    bool u = (insn >> 24) & 1, q = (insn >> 6) & 1;
    if (!neon_ok() || (!l && imm6 < 8))
        return false; /* the modified immediate space */
    switch (op) {
    case 0: case 1: case 2: case 3: case 5: case 7:
        return q_regs_ok(insn, q, true, false, true) && gen_helper(helper_neon_shift, insn);
    case 4: case 6: /* vsri, vqshlu: U = 1 */
        return u && q_regs_ok(insn, q, true, false, true) && gen_helper(helper_neon_shift, insn);
    case 8: case 9: /* narrowing: Vm is a Q */
        return !l && !(vm_of(insn) & 1) && gen_helper(helper_neon_shift, insn);
    case 10: /* vshll, vmovl */
        return !l && !q && !(vd_of(insn) & 1) && gen_helper(helper_neon_shift, insn);
    case 14: case 15: /* vcvt fixed point <-> float32 */
        return !l && imm6 >= 32 && q_regs_ok(insn, q, true, false, true) && gen_helper(helper_neon_shift, insn);
    default:
        return false;
    }
}

/* ---- One register and a modified immediate: IR ---- */

/* AdvSIMDExpandImm (cmode 1111 with op = 1 is UNDEFINED: returns false). */
static bool expand_imm(int op, int cmode, uint32_t imm8, uint64_t *out)
{
    uint64_t imm = imm8, r;
    switch (cmode >> 1) {
    case 0: case 1: case 2: case 3: /* 32-bit, shifted by 0, 8, 16, 24 */
        r = imm << (8 * (cmode >> 1));
        r |= r << 32;
        break;
    case 4: case 5: /* 16-bit, shifted by 0, 8 */
        r = imm << (8 * ((cmode >> 1) & 1));
        r |= r << 16;
        r |= r << 32;
        break;
    case 6: /* 32-bit with ones shifted in */
        r = cmode & 1 ? (imm << 16 | 0xffff) : (imm << 8 | 0xff);
        r |= r << 32;
        break;
    default:
        if (!(cmode & 1)) {
            if (!op) { /* bytes */
                r = imm * 0x0101010101010101ull;
            } else { /* each bit a byte */
                r = 0;
                for (int i = 0; i < 8; i++)
                    if (imm >> i & 1)
                        r |= 0xffull << (8 * i);
            }
        } else {
            if (op)
                return false;
            /* float32: a:NOT(b):bbbbb:cdefgh:Zeros(19) */
            uint32_t f = (uint32_t)(imm >> 7 & 1) << 31 | (uint32_t)((imm >> 6 & 1) ^ 1) << 30 |
                         (imm >> 6 & 1 ? 0x1fu << 25 : 0) | (uint32_t)(imm & 0x3f) << 19;
            r = (uint64_t)f << 32 | f;
        }
        break;
    }
    *out = r;
    return true;
}

static bool trans_NEON_1REGIMM(DisasContext *s, arg_insn *a)
{
    uint32_t insn = (uint32_t)a->insn;
    int cmode = (insn >> 8) & 0xf, op = (insn >> 5) & 1, d = vd_of(insn);
    bool q = (insn >> 6) & 1;
    uint32_t imm8 = (insn >> 24 & 1) << 7 | (insn >> 16 & 7) << 4 | (insn & 0xf);
    uint64_t imm;
    if (!neon_ok() || (q && (d & 1)) || !expand_imm(op, cmode, imm8, &imm))
        return false;
    /* vorr/vbic: cmode 0xx1 and 10x1; otherwise vmov (op 0) / vmvn (op 1),
       except cmode 1110 with op 1 (vmov.i64) and cmode 1111 (vmov.f32) */
    bool logic = (cmode & 1) && cmode < 12;
    bool invert = op && cmode != 14;
    for (int i = 0; i < (q ? 2 : 1); i++) {
        if (!logic)
            tcg_gen_mov_i64(cpu_D[d + i], tcg_constant_i64(invert ? ~imm : imm));
        else if (op) /* vbic */
            tcg_gen_andi_i64(cpu_D[d + i], cpu_D[d + i], ~imm);
        else
            tcg_gen_ori_i64(cpu_D[d + i], cpu_D[d + i], imm);
    }
    return true;
}

/* ---- vext, two registers misc, vtbl/vtbx, vdup (scalar) ---- */

static bool trans_NEON_VEXT(DisasContext *s, arg_insn *a)
{
    uint32_t insn = (uint32_t)a->insn;
    bool q = (insn >> 6) & 1;
    if (!neon_ok() || !q_regs_ok(insn, q, true, true, true) || (!q && (insn & 0x800)))
        return false;
    return neon_vec_vext(insn) || gen_helper(helper_neon_vext, insn);
}

static bool trans_NEON_2MISC(DisasContext *s, arg_insn *a)
{
    uint32_t insn = (uint32_t)a->insn;
    int size = (insn >> 18) & 3, op = (int)((insn >> 16) & 3) << 4 | (int)((insn >> 7) & 0xf);
    bool q = (insn >> 6) & 1;
    if (!neon_ok())
        return false;
    if (size == 1 && ((op >= 0x18 && op <= 0x1f && op != 0x1d) || (op >= 0x28 && op <= 0x37 && op != 0x2c &&
                                                                   op != 0x2e) || op >= 0x3c)) {
        /* .f16 (ARMv8.2): compares with zero, vabs, vneg, vrint*, vcvt{a,n,p,m}, vcvt with s16/u16 */
        if (!arm_has(ARM_FEAT_FP16ARITH) || !q_regs_ok(insn, q, true, false, true))
            return false;
        return gen_helper(helper_neon_2misc_f16, insn);
    }
    bool ok;
    switch (op) {
    case 0x00: case 0x01: case 0x02: ok = size < 3 - op; break;          /* vrev64/32/16 */
    case 0x04: case 0x05: case 0x0c: case 0x0d: ok = size != 3; break;   /* vpaddl, vpadal */
    case 0x08: case 0x09: case 0x0e: case 0x0f: ok = size != 3; break;   /* vcls, vclz, vqabs, vqneg */
    case 0x0a: case 0x0b: ok = size == 0; break;                        /* vcnt, vmvn */
    case 0x10: case 0x11: case 0x12: case 0x13: case 0x14: case 0x16: case 0x17:
        ok = size != 3; break;                                          /* compares with 0, vabs, vneg */
    case 0x18: case 0x19: case 0x1a: case 0x1b: case 0x1c: case 0x1e: case 0x1f:
        ok = size == 2; break;                                          /* float forms */
    case 0x20: ok = size == 0; break;                                   /* vswp */
    case 0x21: ok = size != 3; break;                                   /* vtrn */
    case 0x22: case 0x23: ok = size != 3 && (q || size != 2); break;    /* vuzp, vzip */
    case 0x24: case 0x25: /* vmovn, vqmovun, vqmovn: Vm is a Q */
        return size != 3 && !(vm_of(insn) & 1) && gen_helper(helper_neon_2misc, insn);
    case 0x26: /* vshll #size: Vd is a Q */
        return size != 3 && !q && !(vd_of(insn) & 1) && gen_helper(helper_neon_2misc, insn);
    case 0x2c: /* vcvt.f16.f32: Vm is a Q */
        return size == 1 && !q && arm_has(ARM_FEAT_FP16) && !(vm_of(insn) & 1) &&
               gen_helper(helper_neon_2misc, insn);
    case 0x2e: /* vcvt.f32.f16: Vd is a Q */
        return size == 1 && !q && arm_has(ARM_FEAT_FP16) && !(vd_of(insn) & 1) &&
               gen_helper(helper_neon_2misc, insn);
    case 0x38: case 0x39: case 0x3a: case 0x3b: /* vrecpe, vrsqrte */
    case 0x3c: case 0x3d: case 0x3e: case 0x3f: /* vcvt between f32 and s32/u32 */
        ok = size == 2; break;
    case 0x06: case 0x07: /* aese, aesd, aesmc, aesimc: Q operands whatever bit 6 */
        return size == 0 && arm_has(ARM_FEAT_AES) && !(vd_of(insn) & 1) && !(vm_of(insn) & 1) &&
               gen_helper(helper_neon_2misc, insn);
    case 0x15: /* sha1h (bit 6 set) */
    case 0x27: /* sha1su1 (bit 6 clear), sha256su0 (set) */
        if (op == 0x15 ? !q : !arm_has(q ? ARM_FEAT_SHA2 : ARM_FEAT_SHA1))
            return false;
        return size == 2 && arm_has(ARM_FEAT_SHA1) && !(vd_of(insn) & 1) && !(vm_of(insn) & 1) &&
               gen_helper(helper_neon_2misc, insn);
    case 0x28: case 0x29: case 0x2a: case 0x2b: case 0x2d: case 0x2f: /* vrint* */
    case 0x30: case 0x31: case 0x32: case 0x33: case 0x34: case 0x35: case 0x36: case 0x37: /* vcvt{a,n,p,m} */
        ok = size == 2 && arm_has(ARM_FEAT_V8);
        break;
    default: ok = false; break;
    }
    return ok && q_regs_ok(insn, q, true, false, true) && gen_helper(helper_neon_2misc, insn);
}

static bool trans_NEON_VTBL(DisasContext *s, arg_insn *a)
{
    uint32_t insn = (uint32_t)a->insn;
    int len = ((insn >> 8) & 3) + 1;
    if (!neon_ok() || vn_of(insn) + len > 32)
        return false;
    return gen_helper(helper_neon_vtbl, insn);
}

static bool trans_NEON_VDUP(DisasContext *s, arg_insn *a)
{
    uint32_t insn = (uint32_t)a->insn;
    bool q = (insn >> 6) & 1;
    if (!neon_ok() || !((insn >> 16) & 7) || (q && (vd_of(insn) & 1)))
        return false;
    return neon_vec_vdup(insn) || gen_helper(helper_neon_vdup, insn);
}

/* ---- Element and structure loads and stores ---- */

/* One element: register r, byte offset off in it, 1 << size bytes, at
   addr (+ its own offset). */
static void gen_elem(bool load, int r, int off, int size, TCGv_i32 addr, int aoff)
{
    TCGv_i32 ea = tcg_temp_new_i32();
    tcg_gen_addi_i32(ea, addr, (uint32_t)aoff);
    if (load) {
        if (size == 3) {
            tcg_gen_qemu_ld(TCG_I64, cpu_D[r], ea, MO_64);
            return;
        }
        TCGv_i64 v = tcg_temp_new_i64();
        tcg_gen_qemu_ld(TCG_I64, v, ea, (unsigned)size);
        gen_deposit_i64(cpu_D[r], cpu_D[r], v, 8u * off, 8u << size);
    } else {
        TCGv_i64 v = tcg_temp_new_i64();
        if (off)
            tcg_gen_shri_i64(v, cpu_D[r], 8u * off);
        else
            tcg_gen_mov_i64(v, cpu_D[r]);
        tcg_gen_qemu_st(TCG_I64, v, ea, (unsigned)size);
    }
}

/* Rm: 15 no writeback, 13 add the transfer size, else add Rm. */
static void gen_ldst_wback(DisasContext *s, int rn, int rm, TCGv_i32 base, int bytes)
{
    if (rm == 15)
        return;
    TCGv_i32 nb = tcg_temp_new_i32();
    if (rm == 13)
        tcg_gen_addi_i32(nb, base, (uint32_t)bytes);
    else
        tcg_gen_add_i32(nb, base, reg_val(s, rm));
    store_reg(s, rn, nb);
}

static bool trans_NEON_LDST_MULT(DisasContext *s, arg_insn *a)
{
    uint32_t insn = (uint32_t)a->insn;
    /* type (bits 11:8) -> structure size (elements per structure), number
       of register groups, register spacing */
    static const struct { int8_t nelem, regs, inc; } types[16] = {
        [0x0] = {4, 1, 1}, [0x1] = {4, 1, 2}, [0x2] = {1, 4, 1}, [0x3] = {2, 2, 2},
        [0x4] = {3, 1, 1}, [0x5] = {3, 1, 2}, [0x6] = {1, 3, 1}, [0x7] = {1, 1, 1},
        [0x8] = {2, 1, 1}, [0x9] = {2, 1, 2}, [0xa] = {1, 2, 1},
    };
    int type = (insn >> 8) & 0xf, size = (insn >> 6) & 3, align = (insn >> 4) & 3;
    int rn = (insn >> 16) & 0xf, rm = insn & 0xf, d = vd_of(insn);
    bool load = (insn >> 21) & 1;
    int nelem = types[type].nelem, regs = types[type].regs, inc = types[type].inc;
    if (!neon_ok() || nelem == 0 || rn == 15)
        return false;
    /* UNDEFINED alignment and size fields */
    if (nelem == 1) {
        if (((type == 0x7 || type == 0x6) && (align & 2)) || (type == 0xa && align == 3))
            return false;
    } else if (size == 3 || (nelem == 2 && type != 0x3 && align == 3) || (nelem == 3 && (align & 2))) {
        return false;
    }
    /* the last register used */
    if (d + (nelem - 1) * inc + regs > 32)
        return false; /* UNPREDICTABLE */
    /* vld1/vst1 (one element per structure): a register's lanes lie in
       memory in lane order (little-endian), so one 64-bit access each */
    if (nelem == 1)
        size = 3;
    int ebytes = 1 << size, per = 8 / ebytes, off = 0;
    TCGv_i32 base = load_reg(s, rn);
    if (align) /* :64, :128, :256 */
        gen_unaligned_unless(s, base, 4u << align);
    for (int r = 0; r < regs; r++)
        for (int e = 0; e < per; e++)
            for (int k = 0; k < nelem; k++) {
                gen_elem(load, d + r + k * inc, e * ebytes, size, base, off);
                off += ebytes;
            }
    gen_ldst_wback(s, rn, rm, base, off);
    return true;
}

static bool trans_NEON_LDST_SINGLE(DisasContext *s, arg_insn *a)
{
    uint32_t insn = (uint32_t)a->insn;
    int size = (insn >> 10) & 3, nelem = ((insn >> 8) & 3) + 1;
    int rn = (insn >> 16) & 0xf, rm = insn & 0xf, d = vd_of(insn);
    bool load = (insn >> 21) & 1;
    if (!neon_ok() || rn == 15)
        return false;
    TCGv_i32 base = load_reg(s, rn);
    if (size == 3) { /* to all lanes (loads only) */
        int esz = (insn >> 6) & 3, t = (insn >> 5) & 1;
        int n_regs = nelem == 1 ? (t ? 2 : 1) : 1, inc = nelem == 1 ? 1 : (t ? 2 : 1);
        bool al = (insn >> 4) & 1;
        if (!load || (esz == 3 && (nelem != 4 || !al)) || (nelem == 1 && esz == 0 && al) || (nelem == 3 && al))
            return false;
        if (esz == 3)
            esz = 2; /* vld4.32 with 16-byte alignment */
        if (d + (nelem - 1) * inc + n_regs > 32)
            return false;
        if (al) /* vld1: the element; vld2: two; vld4: four, at most 16 bytes (8 for .8/.16/.32) */
            gen_unaligned_unless(s, base, nelem == 1 ? 1u << esz : nelem == 2 ? 2u << esz
                                          : (insn >> 6 & 3) == 3 ? 16u : esz == 0 ? 4u : 8u);
        static const uint64_t rep[3] = {0x0101010101010101ull, 0x0001000100010001ull, 0x0000000100000001ull};
        for (int k = 0; k < nelem; k++) {
            TCGv_i32 ea = tcg_temp_new_i32();
            TCGv_i64 v = tcg_temp_new_i64();
            tcg_gen_addi_i32(ea, base, (uint32_t)(k << esz));
            tcg_gen_qemu_ld(TCG_I64, v, ea, (unsigned)esz);
            tcg_gen_muli_i64(v, v, rep[esz]);
            for (int r = 0; r < n_regs; r++)
                tcg_gen_mov_i64(cpu_D[d + k * inc + r], v);
        }
        gen_ldst_wback(s, rn, rm, base, nelem << esz);
        return true;
    }
    int ia = (insn >> 4) & 0xf, index = ia >> (size + 1), inc = 1;
    if (size == 1 && nelem > 1)
        inc = (ia & 2) ? 2 : 1;
    if (size == 2 && nelem > 1)
        inc = (ia & 4) ? 2 : 1;
    /* index_align's alignment bits that must be zero */
    switch (nelem) {
    case 1:
        if ((size == 0 && (ia & 1)) || (size == 1 && (ia & 2)) || (size == 2 && ((ia & 4) || ((ia & 3) && (ia & 3) != 3))))
            return false;
        break;
    case 2:
        if (size == 2 && (ia & 2))
            return false;
        break;
    case 3:
        if ((size == 0 && (ia & 1)) || (size == 1 && (ia & 1)) || (size == 2 && (ia & 3)))
            return false;
        break;
    default:
        if (size == 2 && (ia & 3) == 3)
            return false;
        break;
    }
    if (d + (nelem - 1) * inc >= 32)
        return false;
    /* the alignment in index_align (ARM ARM VLDn/VSTn single element):
       vld1 .16 :16, .32 :32; vld2 :2 elements; vld4 .8 :32, .16 :64, .32 :64/:128 */
    uint32_t align = 0;
    if (nelem == 1)
        align = size && (ia & 1) ? 1u << size : 0;
    else if (nelem == 2)
        align = ia & 1 ? 2u << size : 0;
    else if (nelem == 4)
        align = size < 2 ? (ia & 1 ? 4u << size : 0) : (ia & 3) ? 4u << (ia & 3) : 0;
    if (align)
        gen_unaligned_unless(s, base, align);
    for (int k = 0; k < nelem; k++)
        gen_elem(load, d + k * inc, index << size, size, base, k << size);
    gen_ldst_wback(s, rn, rm, base, nelem << size);
    return true;
}

bool arm_translate_neon(DisasContext *s, uint32_t insn)
{
    return decode_neon(s, insn);
}
