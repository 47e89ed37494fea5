/*
 * A32 (ARM state) instructions, ARMv7-A user mode.
 *
 * The decoders are generated from a32.decode (cond != 1111) and
 * a32-uncond.decode (cond = 1111) into decode-a32*.c.inc (make regen).  They
 * call the trans_* functions shared with T32 and T16 (translate-insn.c);
 * the few that only A32 has are here.  A translator returns false for
 * encodings that are UNDEFINED (or UNPREDICTABLE and not worth emulating):
 * the caller raises SIGILL.
 *
 * The condition field is handled once, in arm_translate_a32: cond 0xF
 * selects the unconditional decoder, anything else but AL makes the
 * instruction conditional (arm_skip_unless).
 */
#include "target-arm/translate.h"

/* Field transforms used by a32.decode. */

/* The modified immediate: imm8 rotated right by twice the 4-bit rotation. */
static int a32_expand_imm(DisasContext *s, int x)
{
    uint32_t imm = (uint32_t)x & 0xff;
    unsigned rot = ((unsigned)x >> 8) * 2;
    return (int)(rot ? (imm >> rot | imm << (32 - rot)) : imm);
}

/* The second register of a doubleword pair: Rt + 1; an odd Rt (UNDEFINED
   here) and Rt = 14 give 15, which the trans functions reject. */
static int a32_rt2(DisasContext *s, int rt)
{
    return (rt & 1) ? 15 : rt + 1;
}

static int times_8(DisasContext *s, int x) { return x * 8; }

#include "target-arm/decode-a32.c.inc"
#include "target-arm/decode-a32-uncond.c.inc"

/* SWP, SWPB Rt, Rt2, [Rn]: atomic through a compare-and-swap loop. */
static bool do_swp(DisasContext *s, arg_rrr *a, unsigned memop)
{
    int rn = a->rn, rt = a->rd, rt2 = a->rm;
    if (rn == 15 || rt == 15 || rt2 == 15 || rt == rn || rt2 == rn) {
        return false;
    }
    TCGLabel again = gen_new_label();
    TCGv_i32 addr = load_reg(s, rn), nv = load_reg(s, rt2);
    TCGv_i32 old = tcg_temp_new_i32(), seen = tcg_temp_new_i32();
    gen_set_label(again);
    gen_ld(s, old, addr, memop);
    tcg_gen_cmpxchg_i32(seen, addr, old, nv, memop);
    tcg_gen_brcond_i32(TCG_COND_NE, seen, old, again);
    store_reg(s, rt, old);
    return true;
}

bool trans_SWP(DisasContext *s, arg_rrr *a) { return do_swp(s, a, MO_32); }
bool trans_SWPB(DisasContext *s, arg_rrr *a) { return do_swp(s, a, MO_8); }

void arm_translate_a32(DisasContext *s, uint32_t insn)
{
    unsigned cond = insn >> 28;
    bool ok;

    if (cond == 0xf) {
        ok = decode_a32_uncond(s, insn);
    } else {
        if (cond != 0xe) {
            arm_skip_unless(s, (int)cond);
        }
        ok = decode_a32(s, insn);
    }
    if (!ok) {
        gen_undef(s);
    }
}
