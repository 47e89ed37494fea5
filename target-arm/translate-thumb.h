/*
 * Private to the Thumb decoders (translate-t16.c, translate-t32.c): the two
 * per-width decoders.  The instruction semantics are the trans_* functions
 * of translate-insn.c, shared with A32.
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

#endif
