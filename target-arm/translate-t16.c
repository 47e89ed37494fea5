/*
 * Thumb 16-bit instructions (ARM ARM A6.2, ARMv7-A user mode).
 *
 * The decoder is generated from t16.decode (decode-t16.c.inc, make regen).
 * Most encodings call the trans_* functions that A32 and T32 share
 * (translate-insn.c); the ones only T16 has are here.  Translators return
 * false for UNDEFINED encodings; arm_translate_t32 (translate-t32.c) then
 * raises SIGILL.  The IT-block condition is applied by the caller.
 */
#include "translate-thumb.h"

/* Field transforms used by t16.decode. */

/* Outside an IT block the data-processing encodings set the flags. */
static int t16_setflags(DisasContext *s, int x) { return thumb_setflags16(s); }

/* PUSH {list, lr}: bit 8 of the encoding is LR. */
static int t16_push_list(DisasContext *s, int x) { return (x & 0xff) | (x & 0x100 ? 1 << 14 : 0); }

/* POP {list, pc}: bit 8 of the encoding is PC. */
static int t16_pop_list(DisasContext *s, int x) { return (x & 0xff) | (x & 0x100 ? 1 << 15 : 0); }

#include "target-arm/decode-t16.c.inc"

/* LDM Rn{!}, list: writes back unless Rn is in the list. */
bool trans_LDM_t16(DisasContext *s, arg_ldst_block *a)
{
    a->w = !(a->list & (1 << a->rn));
    return trans_LDM(s, a);
}

/* CBZ/CBNZ Rn, label: forward only.  Like a conditional branch: the
   not-taken path joins s->condlabel (the TB loop places it). */
static bool do_cbz(DisasContext *s, arg_ri *a, TCGCond taken)
{
    TCGv_i32 t = load_reg(s, a->rd);
    if (!s->condjmp) {
        s->condlabel = gen_new_label();
        s->condjmp = true;
    }
    tcg_gen_brcondi_i32(tcg_invert_cond(taken), t, 0, s->condlabel);
    gen_jmp(s, s->pc + 4 + (uint32_t)a->imm);
    return true;
}

bool trans_CBZ(DisasContext *s, arg_ri *a) { return do_cbz(s, a, TCG_COND_EQ); }
bool trans_CBNZ(DisasContext *s, arg_ri *a) { return do_cbz(s, a, TCG_COND_NE); }

/* IT{x{y{z}}} firstcond (mask != 0; the mask 0 forms are the hints).
   ITSTATE as the TB loop advances it: condexec_cond holds firstcond[3:1]:0
   and condexec_mask firstcond[0]:mask (5 bits).  The loop's advance after
   this IT instruction moves firstcond[0] into the condition, so the first
   instruction of the block sees firstcond. */
bool trans_IT(DisasContext *s, arg_i *a)
{
    s->condexec_cond = ((uint32_t)a->imm >> 4) & 0xe;
    s->condexec_mask = (uint32_t)a->imm & 0x1f;
    return true;
}

bool thumb_disas_16(DisasContext *s, uint32_t insn)
{
    return decode_t16(s, insn);
}
