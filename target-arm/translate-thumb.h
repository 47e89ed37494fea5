/*
 * Private to the Thumb decoder (translate-t16.c, translate-t32.c): the two
 * per-width decoders and the few IR snippets both of them use.  Everything
 * with real semantics (data processing, flags, ldm/stm, branches) comes from
 * the shared layer in translate.h.
 */
#ifndef MIMIC_ARM_TRANSLATE_THUMB_H
#define MIMIC_ARM_TRANSLATE_THUMB_H

#include "translate.h"

/* Decode one instruction; false = UNDEFINED (the caller raises SIGILL).
   insn is the 16-bit halfword, or hw1 << 16 | hw2 for 32-bit encodings. */
bool thumb_disas_16(DisasContext *s, uint32_t insn);
bool thumb_disas_32(DisasContext *s, uint32_t insn);

/* Outside an IT block the 16-bit data-processing encodings set the flags;
   inside one they do not (ARM ARM A6.2: "InITBlock()"). */
static inline bool thumb_setflags16(const DisasContext *s) { return s->condexec_mask == 0; }

/* An immediate operand, read-only (gen_data_proc and store_reg only read). */
static inline TCGv_i32 thumb_imm(uint32_t v)
{
    return tcg_constant_i32(v);
}

/* Load rt from addr; a word load into r15 is LoadWritePC (interworking). */
static inline void thumb_load_rt(DisasContext *s, int rt, TCGv_i32 addr, unsigned memop)
{
    TCGv_i32 v = tcg_temp_new_i32();
    gen_ld(s, v, addr, memop);
    if (rt == 15) {
        store_reg_from_load(s, 15, v);
    } else {
        store_reg(s, rt, v);
    }
}

static inline void thumb_store_rt(DisasContext *s, int rt, TCGv_i32 addr, unsigned memop)
{
    gen_st(s, load_reg(s, rt), addr, memop);
}

/* Byte reversals shared by REV16/REVSH (16-bit and 32-bit encodings). */
static inline void thumb_gen_rev16(TCGv_i32 d, TCGv_i32 a)
{
    TCGv_i32 hi = tcg_temp_new_i32(), lo = tcg_temp_new_i32();
    tcg_gen_shli_i32(hi, a, 8);
    tcg_gen_andi_i32(hi, hi, 0xff00ff00u);
    tcg_gen_shri_i32(lo, a, 8);
    tcg_gen_andi_i32(lo, lo, 0x00ff00ffu);
    tcg_gen_or_i32(d, hi, lo);
}

static inline void thumb_gen_revsh(TCGv_i32 d, TCGv_i32 a)
{
    tcg_gen_bswap16_i32(d, a);
    tcg_gen_ext16s_i32(d, d);
}

#endif
