/*
 * Thumb decoder entry point and the 32-bit (Thumb-2) instructions, ARM ARM
 * A6.3, ARMv7-A user mode.  16-bit encodings: translate-t16.c.
 *
 * The 32-bit decoder is generated from t32.decode (decode-t32.c.inc, make
 * regen).  Its encodings call the trans_* functions that A32 shares
 * (translate-insn.c); only TBB/TBH, which A32 does not have, is here.
 * Translators return false for UNDEFINED (or UNPREDICTABLE ones we choose to
 * trap on); the caller raises SIGILL at the instruction.
 *
 * The TB loop in translate.c handles IT blocks: it makes each instruction
 * conditional and advances ITSTATE; trans_IT only sets the state.
 */
#include "translate-thumb.h"
#include "include/guest.h"

/* Field transforms used by t32.decode. */

/* ThumbExpandImm (A6.3.2): i:imm3:imm8 to the 32-bit constant.  (The
   UNPREDICTABLE zero patterns give 0.) */
static int t32_expand_imm(DisasContext *s, int x)
{
    uint32_t imm12 = (uint32_t)x, imm8 = imm12 & 0xff;
    if ((imm12 >> 10) == 0) {
        static const uint32_t rep[4] = { 1, 0x00010001, 0x01000100, 0x01010101 };
        return (int)(imm8 * rep[(imm12 >> 8) & 3]);
    }
    uint32_t v = 0x80 | (imm12 & 0x7f);
    unsigned rot = imm12 >> 7; /* 8..31 */
    return (int)((v >> rot) | (v << (32 - rot)));
}

/* B.W / BL / BLX offsets: x = S:J1:J2:imm10:imm11; the offset is
   S:I1:I2:imm10:imm11:'0' with I1 = NOT(J1 XOR S), I2 = NOT(J2 XOR S). */
static int t32_b_off(DisasContext *s, int x)
{
    uint32_t v = (uint32_t)x, sgn = v >> 23;
    uint32_t i1 = !(((v >> 22) & 1) ^ sgn), i2 = !(((v >> 21) & 1) ^ sgn);
    uint32_t off = sgn << 24 | i1 << 23 | i2 << 22 | (v & 0x1fffff) << 1;
    return (int32_t)(off << 7) >> 7;
}

/* Parallel add/subtract: T32 op1 (hw1[6:4]) and U:op2 (hw2[6:4]) to the code
   helper_parallel takes, the A32 fields op1 << 3 | op2 of the same
   instruction (A5.4.1): A32 op1 1 S, 2 Q, 3 SH, 5 U, 6 UQ, 7 UH; A32 op2
   0 ADD16, 1 ASX, 2 SAX, 3 SUB16, 4 ADD8, 7 SUB8.  0: undefined. */
static int t32_par_op(DisasContext *s, int x)
{
    /* T32 op1: 000 ADD8, 001 ADD16, 010 ASX, 100 SUB8, 101 SUB16, 110 SAX. */
    static const int8_t a32_op2[8] = { 4, 0, 1, -1, 7, 3, 2, -1 };
    int op1 = (x >> 3) & 7, u = (x >> 2) & 1, op2 = x & 3;
    if (a32_op2[op1] < 0 || op2 == 3) {
        return 0;
    }
    return ((u ? 5 : 1) + op2) << 3 | a32_op2[op1];
}

/* Advanced SIMD data processing: T32 111U 1111 is A32 1111 001U. */
static int t32_neon_dp(DisasContext *s, int x)
{
    uint32_t v = (uint32_t)x;
    return (int)(0xf2000000u | ((v >> 28) & 1) << 24 | (v & 0x00ffffffu));
}

/* Advanced SIMD element or structure load/store: T32 1111 1001 xxx0 is A32
   1111 0100 xxx0. */
static int t32_neon_ls(DisasContext *s, int x)
{
    return (int)(0xf4000000u | ((uint32_t)x & 0x00ffffffu));
}

static int times_8(DisasContext *s, int x) { return x * 8; }

#include "target-arm/decode-t32.c.inc"

/* TBB [Rn, Rm] / TBH [Rn, Rm, LSL #1]: pc = pc + 2 * table entry. */
bool trans_TBB(DisasContext *s, arg_tbb *a)
{
    if (a->rm == 13 || a->rm == 15) {
        return false;
    }
    TCGv_i32 addr = load_reg(s, a->rn), m = load_reg(s, a->rm);
    TCGv_i32 v = tcg_temp_new_i32();
    if (a->half) {
        tcg_gen_shli_i32(m, m, 1);
    }
    tcg_gen_add_i32(addr, addr, m);
    gen_ld(s, v, addr, a->half ? MO_16 : MO_8);
    tcg_gen_shli_i32(v, v, 1);
    tcg_gen_addi_i32(v, v, s->pc + 4);
    store_reg(s, 15, v);
    return true;
}

bool thumb_disas_32(DisasContext *s, uint32_t insn)
{
    return decode_t32(s, insn);
}

/* ---- Entry point ----------------------------------------------------------- */

/* A halfword starting a 32-bit encoding: top five bits 11101, 11110, 11111. */
static bool is_32bit_prefix(uint32_t hw) { return (hw >> 11) >= 0x1d; }

void arm_translate_t32(DisasContext *s)
{
    uint32_t insn = arm_lduw_code(s->pc);
    bool ok;

    if (is_32bit_prefix(insn)) {
        /* The translator loop has already fetched both halfwords (a second
           halfword on an unreadable page is its fetch fault), so this
           re-read cannot fault. */
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
