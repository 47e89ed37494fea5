/*
 * Shared by the i386 translator files (translate.c: decoder and integer
 * instructions; translate-fpu.c: x87): the per-TB context, the decoded
 * instruction and the IR building blocks.
 */
#ifndef MIMIC_I386_TRANSLATE_H
#define MIMIC_I386_TRANSLATE_H

#include <stdbool.h>
#include <stdint.h>
#include "../tcg/tcg-op.h"
#include "../tcg/tb.h"
#include "../tcg/translator.h"
#include "cpu.h"

/* How the TB ends (DisasContextBase.is_jmp). */
enum {
    DISAS_UPDATE = DISAS_TARGET_0, /* state changed: store eip, lookup */
};

/* Prefixes. */
enum {
    PREFIX_REPZ = 1, PREFIX_REPNZ = 2, PREFIX_LOCK = 4, PREFIX_DATA = 8, PREFIX_ADDR = 16,
};

typedef struct DisasContext {
    DisasContextBase base;
    TranslationBlock *tb;
    uint32_t pc;      /* the instruction being translated */
    uint32_t next;    /* fetch cursor; after decoding: the next instruction */
    int prefix;
    int override;     /* segment override (R_ES..R_GS) or -1 */
    int dflag, aflag; /* operand and address size: MO_16 or MO_32 */
    int cc_op;        /* CC_OP_* known at translation time, or CC_OP_DYNAMIC */
    bool cc_op_dirty; /* cc_op differs from env->cc_op */
    /* For a CC_OP_SUB* set in this block by sub/cmp: its operands (cc_dst =
       cc_a - cc_b, cc_src = cc_b), so a jcc/setcc/cmov compares them
       directly; 0 when unknown.  Cleared by every set_cc_op. */
    TCGv_i32 cc_a, cc_b;
    bool cc_sub_res;  /* ... and it was a sub: cc_dst (its result) is kept anyway */
    bool addseg;
    bool mxdef; /* X86_HF_MXDEF: SSE arithmetic inline (translate-sse.c) */
    bool fpquiet; /* X86_HF_FPQUIET: no #MF check (translate-fpu.c) */
    int popl_esp_hack; /* pop Ev with an esp-based address: esp already moved */
    bool mmx_state;    /* the x87 stack is known to be in the MMX state (TOP 0, tags valid) */
} DisasContext;

/* A decoded instruction. */
typedef struct X86Insn {
    int op;          /* 0x00..0xff, 0x100 + byte for the 0F map */
    int ot;          /* operand size of its 'b'/'v'/'w' operands */
    bool has_modrm;
    int mod, reg, rm;
    /* Memory operand: base/index register or -1, scale (log2), disp. */
    int ea_base, ea_index, ea_scale;
    bool ea16;       /* 16-bit addressing: the sum wraps at 64 KiB */
    uint32_t disp;
    int ea_seg;      /* default segment (DS, or SS for esp/ebp bases) */
    uint32_t imm, imm2;
    TCGv_i32 addr;   /* the address (computed once, gen_ea) */
} X86Insn;

extern TCGv_i32 i386_regs[8], cpu_eip, cpu_cc_dst, cpu_cc_src, cpu_cc_src2, cpu_cc_op, cpu_df, cpu_cc_res;
extern TCGv_i32 cpu_seg_base[6];

/* The address of the memory operand, segment base included. */
TCGv_i32 gen_ea(DisasContext *s, X86Insn *in);
/* Exceptions at this instruction (pc = s->pc) or after it. */
void i386_gen_exception(DisasContext *s, int excp, uint32_t pc);
void gen_update_cc_op(DisasContext *s);
/* The E operand (register or memory) at size ot; store to it. */
TCGv_i32 i386_ld_E(DisasContext *s, X86Insn *in, int ot);
void i386_st_E(DisasContext *s, X86Insn *in, int ot, TCGv_i32 v);
/* The address of a string-instruction operand: register reg (esi/edi,
   16-bit with an address-size prefix) in segment seg (or the override). */
TCGv_i32 i386_ea_string(DisasContext *s, int reg, int seg);
/* MMX/SSE (translate-sse.c): in->op = 0x100 | b for 0F b, 0x200 | b for
   0F 38 b, 0x300 | b for 0F 3A b. */
void gen_sse(DisasContext *s, X86Insn *in);
/* x87 and friends (translate-fpu.c): D8..DF, and fwait. */
void gen_x87(DisasContext *s, X86Insn *in);
void gen_fwait(DisasContext *s);
/* Branch to l unless condition b (jcc numbering) holds. */
void gen_jcc_skip(DisasContext *s, int b, TCGLabel l);
/* The six arithmetic flags are f now (CC_OP_EFLAGS). */
void gen_set_eflags(DisasContext *s, TCGv_i32 f);
/* Raise `excp` at the instruction when the helper result r is non-zero. */
void gen_check_excp(DisasContext *s, TCGv_i32 r);
/* #MF first when an unmasked x87 exception is pending (waiting x87 and
   MMX instructions). */
void gen_fp_check(DisasContext *s);
void gen_store_probe(TCGv_i32 addr, int n); /* before a multi-part store of n bytes */

#endif
