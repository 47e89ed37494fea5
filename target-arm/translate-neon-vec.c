/*
 * NEON fast path: the common integer instructions as host SSE instructions
 * (host_vec ops, tcg-op.h) or IR on the 64-bit d globals, instead of
 * neon-helper.c's one helper call per instruction.  translate-neon.c
 * checks an encoding (UNDEFINED forms, the -cpu model) and then offers it
 * here first; each neon_vec_* returns false when it has no fast form for it
 * (nothing emitted), and the helper runs as before.
 *
 * Every mapping is bit-exact: integer lanes only (no floating point), ARM
 * lanes are little-endian like the host's, a D form works on 8-byte slots
 * (TCG_VEC_SRC64/DST64: the other half of the Q register is left alone).
 * Multi-step forms go through env->neon_tmp so that a destination that
 * overlaps a source is written last.  Instructions the host lacks (SSSE3,
 * SSE4.1: tcg_vec_ok) keep the helper.
 */
#include <string.h>

#include "tcg/tcg-op.h"
#include "translate.h"
#include "neon.h"

#define VOFF(r) (ARM_OFF(vfp) + 8 * (r))
#define TMP(i) (ARM_OFF(neon_tmp) + 16 * (i))
#define CST(i) (ARM_OFF(neon_const) + 16 * (i))

static int vd_of(uint32_t insn) { return (int)((insn >> 18) & 0x10) | (int)((insn >> 12) & 0xf); }
static int vn_of(uint32_t insn) { return (int)((insn >> 3) & 0x10) | (int)((insn >> 16) & 0xf); }
static int vm_of(uint32_t insn) { return (int)((insn >> 1) & 0x10) | (int)(insn & 0xf); }

void arm_neon_consts(CPUARMState *env)
{
    memset(env->neon_const, 0, sizeof env->neon_const);
    memset(env->neon_const[NEON_C_ONES], 0xff, 16);
    for (int i = 0; i < 16; i++) {
        env->neon_const[NEON_C_BIAS8][i] = 0x80;
        env->neon_const[NEON_C_BIAS16][i] = i % 2 ? 0x80 : 0;
        env->neon_const[NEON_C_BIAS32][i] = i % 4 == 3 ? 0x80 : 0;
        /* byte i of the narrowed result: byte j of the source, 0x80 = zero */
        env->neon_const[NEON_C_NARROW16][i] = i < 8 ? (uint8_t)(2 * i) : 0x80;
        env->neon_const[NEON_C_NARROW32][i] = i < 8 ? (uint8_t)(4 * (i / 2) + i % 2) : 0x80;
        env->neon_const[NEON_C_NARROW64][i] = i < 8 ? (uint8_t)(8 * (i / 4) + i % 4) : 0x80;
        env->neon_const[NEON_C_REV64][i] = (uint8_t)((i & ~7) + 7 - (i & 7));
        env->neon_const[NEON_C_REV32][i] = (uint8_t)((i & ~3) + 3 - (i & 3));
        env->neon_const[NEON_C_REV16][i] = (uint8_t)(i ^ 1);
    }
}

/* ---- Building blocks ---- */

enum { M0F = TCG_SIMD_0F, M38 = TCG_SIMD_0F38, M3A = TCG_SIMD_0F3A };
/* An SSE instruction (66 prefix) by map and opcode packed as map << 8 | opc. */
#define X(map, opc) ((map) << 8 | (opc))
static uint64_t sse(unsigned mo) { return tcg_simd_insn(0x66, mo >> 8, mo & 0xff, -1); }
static uint64_t sse_imm(unsigned mo, int imm) { return tcg_simd_insn(0x66, mo >> 8, mo & 0xff, imm); }
/* Group shift 0F 71/72/73 /ext ib (words, dwords, qwords). */
static uint64_t sse_shift(int size, int ext, int imm)
{
    return tcg_simd_insn(0x66, M0F, 0x70 + size, imm) | TCG_VEC_GROUP(ext);
}

/* Up to 4 instructions must all be usable before anything is emitted. */
static bool all_ok(uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
    return tcg_vec_ok(a) && (!b || tcg_vec_ok(b)) && (!c || tcg_vec_ok(c)) && (!d || tcg_vec_ok(d));
}

/* d = n op m on Q (16 bytes) or D (8 bytes) slots. */
static void vop(uint64_t insn, bool q, int d, int n, int m)
{
    tcg_gen_host_vec(insn | (q ? 0 : TCG_VEC_SRC64 | TCG_VEC_DST64), d, n, m);
}

static const uint16_t op_add[4] = {X(M0F, 0xfc), X(M0F, 0xfd), X(M0F, 0xfe), X(M0F, 0xd4)};
static const uint16_t op_sub[4] = {X(M0F, 0xf8), X(M0F, 0xf9), X(M0F, 0xfa), X(M0F, 0xfb)};
static const uint16_t op_mul[3] = {0, X(M0F, 0xd5), X(M38, 0x40)};
static const uint16_t op_cmpeq[3] = {X(M0F, 0x74), X(M0F, 0x75), X(M0F, 0x76)};
static const uint16_t op_cmpgt[3] = {X(M0F, 0x64), X(M0F, 0x65), X(M0F, 0x66)};
/* [unsigned][size] */
static const uint16_t op_max[2][3] = {{X(M38, 0x3c), X(M0F, 0xee), X(M38, 0x3d)}, {X(M0F, 0xde), X(M38, 0x3e), X(M38, 0x3f)}};
static const uint16_t op_min[2][3] = {{X(M38, 0x38), X(M0F, 0xea), X(M38, 0x39)}, {X(M0F, 0xda), X(M38, 0x3a), X(M38, 0x3b)}};
/* pmovsx / pmovzx to the next lane size: [unsigned][size] */
static const uint16_t op_widen[2][3] = {{X(M38, 0x20), X(M38, 0x23), X(M38, 0x25)}, {X(M38, 0x30), X(M38, 0x33), X(M38, 0x35)}};
#define OP_PAND X(M0F, 0xdb)
#define OP_PANDN X(M0F, 0xdf)
#define OP_POR X(M0F, 0xeb)
#define OP_PXOR X(M0F, 0xef)
#define OP_PSHUFB X(M38, 0x00)

/* ---- Bitwise forms as IR on the d globals ---- */

/* vorn, vbsl, vbit, vbif on each 64-bit half. */
static void gen_bitsel(int kind, int regs, int d, int n, int m)
{
    for (int i = 0; i < regs; i++) {
        TCGv_i64 vd = cpu_D[d + i], vn = cpu_D[n + i], vm = cpu_D[m + i];
        TCGv_i64 t = tcg_temp_new_i64(), r = tcg_temp_new_i64();
        switch (kind) {
        case 0: /* vorn: n | ~m */
            tcg_gen_xori_i64(t, vm, ~0ull);
            tcg_gen_or_i64(r, vn, t);
            break;
        case 1: /* vbsl: m ^ ((n ^ m) & d) */
            tcg_gen_xor_i64(t, vn, vm);
            tcg_gen_and_i64(t, t, vd);
            tcg_gen_xor_i64(r, t, vm);
            break;
        case 2: /* vbit: d ^ ((n ^ d) & m) */
            tcg_gen_xor_i64(t, vn, vd);
            tcg_gen_and_i64(t, t, vm);
            tcg_gen_xor_i64(r, t, vd);
            break;
        default: /* vbif: d ^ ((n ^ d) & ~m) */
            tcg_gen_xor_i64(t, vn, vd);
            tcg_gen_andc_i64(t, t, vm);
            tcg_gen_xor_i64(r, t, vd);
            break;
        }
        tcg_gen_mov_i64(vd, r);
    }
}

/* d = the saturating op of n and m, and FPSCR.QC set when any lane
   saturated: the saturated and the wrapping results differ there. */
static void gen_vec_sat(uint64_t sat, uint64_t wrap, bool q, int d, int n, int m)
{
    vop(wrap, q, TMP(1), n, m);
    vop(sat, q, TMP(0), n, m);
    vop(sse(OP_PXOR), q, TMP(1), TMP(1), TMP(0));
    vop(tcg_simd_insn(0xf3, M0F, 0x6f, -1), q, d, TMP(0), TMP(0)); /* movdqu: the copy */
    TCGv_i64 x = tcg_temp_new_i64();
    tcg_gen_ld_i64(x, TMP(1));
    if (q) {
        TCGv_i64 h = tcg_temp_new_i64();
        tcg_gen_ld_i64(h, TMP(1) + 8);
        tcg_gen_or_i64(x, x, h);
    }
    TCGv_i64 c = tcg_temp_new_i64();
    tcg_gen_setcond(TCG_I64, TCG_COND_NE, c, x, tcg_constant_i64(0));
    TCGv_i32 qc = tcg_temp_new_i32(), f = tcg_temp_new_i32();
    tcg_gen_extrl_i64_i32(qc, c);
    tcg_gen_shli_i32(qc, qc, 27); /* FPSCR.QC */
    tcg_gen_ld_i32(f, ARM_OFF(fpscr));
    tcg_gen_or_i32(f, f, qc);
    tcg_gen_st_i32(f, ARM_OFF(fpscr));
}

/* ---- Three registers of the same length ---- */

bool neon_vec_3same(uint32_t insn)
{
    int op = (insn >> 8) & 0xf, b = (insn >> 4) & 1, size = (insn >> 20) & 3;
    bool u = (insn >> 24) & 1, q = (insn >> 6) & 1;
    int d = vd_of(insn), n = vn_of(insn), m = vm_of(insn);
    int D = VOFF(d), N = VOFF(n), M = VOFF(m);
    uint64_t i0, i1;
    switch (op) {
    case 0x0: case 0x2: { /* vqadd, vqsub (B = 1) of bytes and halfwords */
        if (!b || size > 1)
            return false;
        /* [sub][unsigned][size]: psubs/psubus/padds/paddus */
        static const uint16_t sat[2][2][2] = {
            {{X(M0F, 0xec), X(M0F, 0xed)}, {X(M0F, 0xdc), X(M0F, 0xdd)}},
            {{X(M0F, 0xe8), X(M0F, 0xe9)}, {X(M0F, 0xd8), X(M0F, 0xd9)}},
        };
        gen_vec_sat(sse(sat[op == 2][u][size]), sse(op == 2 ? op_sub[size] : op_add[size]), q, D, N, M);
        return true;
    }
    case 0x1:
        if (!b) { /* vrhadd.u8/u16: pavgb/pavgw */
            if (!u || size > 1)
                return false;
            i0 = sse(size ? X(M0F, 0xe3) : X(M0F, 0xe0));
            vop(i0, q, D, N, M);
            return true;
        }
        if (!u && size == 0) {
            vop(sse(OP_PAND), q, D, N, M);
        } else if (!u && size == 1) { /* vbic: pandn computes ~xmm0 & xmm1 */
            vop(sse(OP_PANDN), q, D, M, N);
        } else if (!u && size == 2) {
            vop(sse(OP_POR), q, D, N, M);
        } else if (u && size == 0) {
            vop(sse(OP_PXOR), q, D, N, M);
        } else {
            gen_bitsel(u ? size : 0, q ? 2 : 1, d, n, m);
        }
        return true;
    case 0x3: /* vcgt (b = 0), vcge (b = 1) */
        if (!u) {
            i0 = sse(op_cmpgt[size]);
            if (!b) {
                vop(i0, q, D, N, M);
                return true;
            }
            /* n >= m: not (m > n) */
            vop(i0, q, TMP(0), M, N);
            vop(sse(OP_PANDN), q, D, TMP(0), CST(NEON_C_ONES));
            return true;
        }
        if (!b) { /* unsigned n > m: signed compare of the lanes with the sign bit flipped */
            i0 = sse(op_cmpgt[size]);
            vop(sse(OP_PXOR), q, TMP(0), N, CST(NEON_C_BIAS8 + size));
            vop(sse(OP_PXOR), q, TMP(1), M, CST(NEON_C_BIAS8 + size));
            vop(i0, q, D, TMP(0), TMP(1));
            return true;
        }
        /* unsigned n >= m: max(n, m) == n */
        i0 = sse(op_max[1][size]);
        i1 = sse(op_cmpeq[size]);
        if (!all_ok(i0, i1, 0, 0))
            return false;
        vop(i0, q, TMP(0), N, M);
        vop(i1, q, D, TMP(0), N);
        return true;
    case 0x6: /* vmax (b = 0), vmin (b = 1) */
        i0 = sse(b ? op_min[u][size] : op_max[u][size]);
        if (!tcg_vec_ok(i0))
            return false;
        vop(i0, q, D, N, M);
        return true;
    case 0x8:
        if (!b) { /* vadd, vsub */
            vop(sse(u ? op_sub[size] : op_add[size]), q, D, N, M);
            return true;
        }
        if (!u) { /* vtst: not ((n & m) == 0) */
            vop(sse(OP_PAND), q, TMP(0), N, M);
            vop(sse(op_cmpeq[size]), q, TMP(0), TMP(0), CST(NEON_C_ZERO));
            vop(sse(OP_PANDN), q, D, TMP(0), CST(NEON_C_ONES));
            return true;
        }
        vop(sse(op_cmpeq[size]), q, D, N, M);
        return true;
    case 0x9:
        if (size == 0 || (b && u)) /* no byte multiply; vmul.p8 */
            return false;
        i0 = sse(op_mul[size]);
        if (!tcg_vec_ok(i0))
            return false;
        if (b) { /* vmul */
            vop(i0, q, D, N, M);
            return true;
        }
        /* vmla, vmls */
        vop(i0, q, TMP(0), N, M);
        vop(sse(u ? op_sub[size] : op_add[size]), q, D, D, TMP(0));
        return true;
    default:
        return false;
    }
}

/* ---- Two registers and a shift amount ---- */

/* The lane size and right/left shift of a shift-by-immediate encoding. */
static void shift_fields(uint32_t insn, int *size, int *rshift, int *lshift)
{
    int imm6 = (insn >> 16) & 0x3f, l = (insn >> 7) & 1;
    int sz = l ? 3 : imm6 >= 32 ? 2 : imm6 >= 16 ? 1 : 0;
    int esize = 8 << sz;
    *size = sz;
    *rshift = l ? 64 - imm6 : 2 * esize - imm6;
    *lshift = l ? imm6 : imm6 - esize;
}

bool neon_vec_shift(uint32_t insn)
{
    int op = (insn >> 8) & 0xf, size, rs, ls;
    bool u = (insn >> 24) & 1, q = (insn >> 6) & 1;
    int d = vd_of(insn), m = vm_of(insn);
    int D = VOFF(d), M = VOFF(m);
    shift_fields(insn, &size, &rs, &ls);
    switch (op) {
    case 0: case 1: /* vshr, vsra */
        if (size == 0 || (size == 3 && !u))
            return false; /* no byte shifts, no psraq */
        if (op == 0) {
            vop(sse_shift(size, u ? 2 : 4, rs), q, D, M, M);
        } else {
            vop(sse_shift(size, u ? 2 : 4, rs), q, TMP(0), M, M);
            vop(sse(op_add[size]), q, D, D, TMP(0));
        }
        return true;
    case 5: /* vshl (U = 0) */
        if (u || size == 0)
            return false;
        vop(sse_shift(size, 6, ls), q, D, M, M);
        return true;
    case 8: { /* vshrn (U = 0, bit 6 = 0): Vm is a Q of lanes size + 1 */
        if (u || q)
            return false;
        /* the encoded size is the narrow one: the source lanes are twice as wide */
        int imm6 = (insn >> 16) & 0x3f;
        int nsz = imm6 >= 32 ? 2 : imm6 >= 16 ? 1 : 0, shift = 2 * (8 << nsz) - imm6;
        uint64_t sh = sse_shift(nsz + 1, 2, shift), nar = sse(OP_PSHUFB);
        if (!tcg_vec_ok(nar))
            return false;
        tcg_gen_host_vec(sh, TMP(0), M, M);
        tcg_gen_host_vec(nar | TCG_VEC_DST64, D, TMP(0), CST(NEON_C_NARROW16 + nsz));
        return true;
    }
    case 10: { /* vshll, vmovl: Vd is a Q */
        int imm6 = (insn >> 16) & 0x3f;
        int wsz = imm6 >= 32 ? 2 : imm6 >= 16 ? 1 : 0, shift = imm6 - (8 << wsz);
        uint64_t w = sse(op_widen[u][wsz]);
        if (!tcg_vec_ok(w))
            return false;
        tcg_gen_host_vec(w | TCG_VEC_SRC64, D, M, M);
        if (shift)
            tcg_gen_host_vec(sse_shift(wsz + 1, 6, shift), D, D, D);
        return true;
    }
    default:
        return false;
    }
}

/* ---- Three registers of different lengths ---- */

bool neon_vec_3diff(uint32_t insn)
{
    int op = (insn >> 8) & 0xf, size = (insn >> 20) & 3;
    bool u = (insn >> 24) & 1;
    int D = VOFF(vd_of(insn)), N = VOFF(vn_of(insn)), M = VOFF(vm_of(insn));
    uint64_t w = sse(op_widen[u][size]), wide;
    if (size == 3 || !tcg_vec_ok(w))
        return false;
    switch (op) {
    case 0: case 2: /* vaddl, vsubl */
        wide = sse(op == 0 ? op_add[size + 1] : op_sub[size + 1]);
        tcg_gen_host_vec(w | TCG_VEC_SRC64, TMP(0), N, N);
        tcg_gen_host_vec(w | TCG_VEC_SRC64, TMP(1), M, M);
        tcg_gen_host_vec(wide, D, TMP(0), TMP(1));
        return true;
    case 1: case 3: /* vaddw, vsubw */
        wide = sse(op == 1 ? op_add[size + 1] : op_sub[size + 1]);
        tcg_gen_host_vec(w | TCG_VEC_SRC64, TMP(1), M, M);
        tcg_gen_host_vec(wide, D, N, TMP(1));
        return true;
    case 8: case 10: case 12: /* vmlal, vmlsl, vmull (integer) */
        if (size == 2)
            return false; /* 64-bit products */
        wide = sse(op_mul[size + 1]);
        if (!tcg_vec_ok(wide))
            return false;
        tcg_gen_host_vec(w | TCG_VEC_SRC64, TMP(0), N, N);
        tcg_gen_host_vec(w | TCG_VEC_SRC64, TMP(1), M, M);
        if (op == 12) {
            tcg_gen_host_vec(wide, D, TMP(0), TMP(1));
        } else {
            tcg_gen_host_vec(wide, TMP(0), TMP(0), TMP(1));
            tcg_gen_host_vec(sse(op == 8 ? op_add[size + 1] : op_sub[size + 1]), D, D, TMP(0));
        }
        return true;
    default:
        return false;
    }
}

/* ---- Two registers misc ---- */

bool neon_vec_2misc(uint32_t insn)
{
    int size = (insn >> 18) & 3, op = (int)((insn >> 16) & 3) << 4 | (int)((insn >> 7) & 0xf);
    bool q = (insn >> 6) & 1;
    int D = VOFF(vd_of(insn)), M = VOFF(vm_of(insn));
    uint64_t i0;
    switch (op) {
    case 0x00: case 0x01: case 0x02: { /* vrev64, vrev32, vrev16: reverse size-lanes in 64/32/16-bit groups */
        if (!tcg_vec_ok(sse(OP_PSHUFB)))
            return false;
        /* group reversal of bytes, then (lanes wider than a byte) each lane's
           bytes reversed back: rev(group) then rev(lane) */
        int grp = op == 0 ? NEON_C_REV64 : op == 1 ? NEON_C_REV32 : NEON_C_REV16;
        int lane = size == 0 ? -1 : size == 1 ? NEON_C_REV16 : NEON_C_REV32;
        if (lane < 0) {
            vop(sse(OP_PSHUFB), q, D, M, CST(grp));
        } else {
            vop(sse(OP_PSHUFB), q, TMP(0), M, CST(grp));
            vop(sse(OP_PSHUFB), q, D, TMP(0), CST(lane));
        }
        return true;
    }
    case 0x10: /* vcgt #0: m > 0 */
        vop(sse(op_cmpgt[size]), q, D, M, CST(NEON_C_ZERO));
        return true;
    case 0x14: /* vclt #0: 0 > m */
        vop(sse(op_cmpgt[size]), q, D, CST(NEON_C_ZERO), M);
        return true;
    case 0x12: /* vceq #0 */
        vop(sse(op_cmpeq[size]), q, D, M, CST(NEON_C_ZERO));
        return true;
    case 0x11: case 0x13: /* vcge #0: not (0 > m); vcle #0: not (m > 0) */
        if (op == 0x11)
            vop(sse(op_cmpgt[size]), q, TMP(0), CST(NEON_C_ZERO), M);
        else
            vop(sse(op_cmpgt[size]), q, TMP(0), M, CST(NEON_C_ZERO));
        vop(sse(OP_PANDN), q, D, TMP(0), CST(NEON_C_ONES));
        return true;
    case 0x20: { /* vswp: IR */
        int d = vd_of(insn), m = vm_of(insn);
        for (int i = 0; i < (q ? 2 : 1); i++) {
            TCGv_i64 t = tcg_temp_new_i64();
            tcg_gen_mov_i64(t, cpu_D[d + i]);
            tcg_gen_mov_i64(cpu_D[d + i], cpu_D[m + i]);
            tcg_gen_mov_i64(cpu_D[m + i], t);
        }
        return true;
    }
    case 0x0b: /* vmvn: ~m & ones */
        vop(sse(OP_PANDN), q, D, M, CST(NEON_C_ONES));
        return true;
    case 0x16: /* vabs (integer) */
        i0 = sse(size == 0 ? X(M38, 0x1c) : size == 1 ? X(M38, 0x1d) : X(M38, 0x1e));
        if (!tcg_vec_ok(i0))
            return false;
        vop(i0, q, D, M, M);
        return true;
    case 0x17: /* vneg (integer): 0 - m */
        vop(sse(op_sub[size]), q, D, CST(NEON_C_ZERO), M);
        return true;
    case 0x24: /* vmovn (bit 6 clear; set: vqmovun) */
        if (q || !tcg_vec_ok(sse(OP_PSHUFB)))
            return false;
        tcg_gen_host_vec(sse(OP_PSHUFB) | TCG_VEC_DST64, D, M, CST(NEON_C_NARROW16 + size));
        return true;
    default:
        return false;
    }
}

/* ---- vext, vdup (scalar) ---- */

bool neon_vec_vext(uint32_t insn)
{
    bool q = (insn >> 6) & 1;
    int imm = (insn >> 8) & 0xf, d = vd_of(insn), n = vn_of(insn), m = vm_of(insn);
    if (q) { /* palignr: (m:n) >> 8 * imm */
        uint64_t i0 = sse_imm(X(M3A, 0x0f), imm);
        if (!tcg_vec_ok(i0))
            return false;
        tcg_gen_host_vec(i0, VOFF(d), VOFF(m), VOFF(n));
        return true;
    }
    TCGv_i64 r = tcg_temp_new_i64();
    if (imm == 0) {
        tcg_gen_mov_i64(r, cpu_D[n]);
    } else {
        TCGv_i64 t = tcg_temp_new_i64();
        tcg_gen_shri_i64(r, cpu_D[n], 8u * (unsigned)imm);
        tcg_gen_shli_i64(t, cpu_D[m], 64u - 8u * (unsigned)imm);
        tcg_gen_or_i64(r, r, t);
    }
    tcg_gen_mov_i64(cpu_D[d], r);
    return true;
}

bool neon_vec_vdup(uint32_t insn)
{
    bool q = (insn >> 6) & 1;
    int imm4 = (insn >> 16) & 0xf, d = vd_of(insn), m = vm_of(insn);
    int size = imm4 & 1 ? 0 : imm4 & 2 ? 1 : 2;
    int index = imm4 >> (size + 1);
    static const uint64_t rep[3] = {0x0101010101010101ull, 0x0001000100010001ull, 0x0000000100000001ull};
    TCGv_i64 v = tcg_temp_new_i64();
    tcg_gen_shri_i64(v, cpu_D[m], (unsigned)(index << (size + 3)));
    tcg_gen_andi_i64(v, v, size == 2 ? 0xffffffffull : size == 1 ? 0xffff : 0xff);
    tcg_gen_muli_i64(v, v, rep[size]);
    for (int i = 0; i < (q ? 2 : 1); i++)
        tcg_gen_mov_i64(cpu_D[d + i], v);
    return true;
}
