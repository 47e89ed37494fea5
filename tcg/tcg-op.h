/*
 * IR builders used by the front ends: one call per op, typed by suffix.
 * A builder appends one op to tcg_ctx; nothing is evaluated here.
 */
#ifndef MIMIC_TCG_OP_H
#define MIMIC_TCG_OP_H

#include "tcg.h"

static inline void tcg_gen_op1c(TCGOpcode o, TCGType t, uint64_t c0)
{
    tcg_emit_op(o, t)->args[0] = c0;
}
static inline void tcg_gen_op2(TCGOpcode o, TCGType t, TCGv r, TCGv a)
{
    TCGOp *op = tcg_emit_op(o, t);
    op->args[0] = r;
    op->args[1] = a;
}
static inline void tcg_gen_op3(TCGOpcode o, TCGType t, TCGv r, TCGv a, TCGv b)
{
    TCGOp *op = tcg_emit_op(o, t);
    op->args[0] = r;
    op->args[1] = a;
    op->args[2] = b;
}

/* Generic two-operand ops in both widths: tcg_gen_add_i32, tcg_gen_add_i64, ... */
#define GEN3(name)                                                             \
    static inline void tcg_gen_##name##_i32(TCGv r, TCGv a, TCGv b)            \
    {                                                                          \
        tcg_gen_op3(INDEX_op_##name, TCG_I32, r, a, b);                        \
    }                                                                          \
    static inline void tcg_gen_##name##_i64(TCGv r, TCGv a, TCGv b)            \
    {                                                                          \
        tcg_gen_op3(INDEX_op_##name, TCG_I64, r, a, b);                        \
    }                                                                          \
    static inline void tcg_gen_##name##i_i32(TCGv r, TCGv a, uint32_t b)       \
    {                                                                          \
        tcg_gen_op3(INDEX_op_##name, TCG_I32, r, a, tcg_constant_i32(b));      \
    }                                                                          \
    static inline void tcg_gen_##name##i_i64(TCGv r, TCGv a, uint64_t b)       \
    {                                                                          \
        tcg_gen_op3(INDEX_op_##name, TCG_I64, r, a, tcg_constant_i64(b));      \
    }
GEN3(add) GEN3(sub) GEN3(mul) GEN3(and) GEN3(or) GEN3(xor) GEN3(andc)
GEN3(shl) GEN3(shr) GEN3(sar) GEN3(rotl) GEN3(rotr)
#undef GEN3

#define GEN2(name)                                                             \
    static inline void tcg_gen_##name##_i32(TCGv r, TCGv a)                    \
    {                                                                          \
        tcg_gen_op2(INDEX_op_##name, TCG_I32, r, a);                           \
    }                                                                          \
    static inline void tcg_gen_##name##_i64(TCGv r, TCGv a)                    \
    {                                                                          \
        tcg_gen_op2(INDEX_op_##name, TCG_I64, r, a);                           \
    }
GEN2(mov) GEN2(neg) GEN2(not) GEN2(clz) GEN2(ctz) GEN2(bswap16) GEN2(bswap32)
GEN2(ext8s) GEN2(ext8u) GEN2(ext16s) GEN2(ext16u)
#undef GEN2

/* The value of t (a normal temp or a global) is dead until its next write. */
static inline void tcg_gen_discard_i32(TCGv t) { tcg_gen_op1c(INDEX_op_discard, TCG_I32, t); }
static inline void tcg_gen_movi_i32(TCGv r, uint32_t v) { tcg_gen_mov_i32(r, tcg_constant_i32(v)); }
static inline void tcg_gen_movi_i64(TCGv r, uint64_t v) { tcg_gen_mov_i64(r, tcg_constant_i64(v)); }
static inline void tcg_gen_bswap64_i64(TCGv r, TCGv a) { tcg_gen_op2(INDEX_op_bswap64, TCG_I64, r, a); }
static inline void tcg_gen_ext32s_i64(TCGv r, TCGv a) { tcg_gen_op2(INDEX_op_ext32s, TCG_I64, r, a); }
static inline void tcg_gen_ext32u_i64(TCGv r, TCGv a) { tcg_gen_op2(INDEX_op_ext32u, TCG_I64, r, a); }
static inline void tcg_gen_extu_i32_i64(TCGv r, TCGv a) { tcg_gen_op2(INDEX_op_extu_i32_i64, TCG_I64, r, a); }
static inline void tcg_gen_ext_i32_i64(TCGv r, TCGv a) { tcg_gen_op2(INDEX_op_exts_i32_i64, TCG_I64, r, a); }
static inline void tcg_gen_extrl_i64_i32(TCGv r, TCGv a) { tcg_gen_op2(INDEX_op_extrl_i64_i32, TCG_I32, r, a); }
static inline void tcg_gen_extrh_i64_i32(TCGv r, TCGv a) { tcg_gen_op2(INDEX_op_extrh_i64_i32, TCG_I32, r, a); }
static inline void tcg_gen_concat_i32_i64(TCGv r, TCGv lo, TCGv hi)
{
    tcg_gen_op3(INDEX_op_concat_i32_i64, TCG_I64, r, lo, hi);
}

static inline void tcg_gen_extract(TCGOpcode o, TCGType t, TCGv r, TCGv a, unsigned pos, unsigned len)
{
    TCGOp *op = tcg_emit_op(o, t);
    op->args[0] = r;
    op->args[1] = a;
    op->args[2] = pos;
    op->args[3] = len;
}
static inline void tcg_gen_extract_i32(TCGv r, TCGv a, unsigned pos, unsigned len)
{
    tcg_gen_extract(INDEX_op_extract, TCG_I32, r, a, pos, len);
}
static inline void tcg_gen_sextract_i32(TCGv r, TCGv a, unsigned pos, unsigned len)
{
    tcg_gen_extract(INDEX_op_sextract, TCG_I32, r, a, pos, len);
}
static inline void tcg_gen_deposit_i32(TCGv r, TCGv a, TCGv b, unsigned pos, unsigned len)
{
    TCGOp *op = tcg_emit_op(INDEX_op_deposit, TCG_I32);
    op->args[0] = r;
    op->args[1] = a;
    op->args[2] = b;
    op->args[3] = pos;
    op->args[4] = len;
}

static inline void tcg_gen_setcond(TCGType t, TCGCond c, TCGv r, TCGv a, TCGv b)
{
    TCGOp *op = tcg_emit_op(INDEX_op_setcond, t);
    op->args[0] = r;
    op->args[1] = a;
    op->args[2] = b;
    op->args[3] = c;
}
static inline void tcg_gen_setcond_i32(TCGCond c, TCGv r, TCGv a, TCGv b) { tcg_gen_setcond(TCG_I32, c, r, a, b); }
/* r = 0x80000000 when a - b (a + b) overflows as signed, else 0: a guest
   V flag kept in the sign bit, as one op (a fault-only flag stays a recipe:
   tcg/README.md "Fault-only flags"). */
static inline void tcg_gen_subv_i32(TCGv r, TCGv a, TCGv b) { tcg_gen_op3(INDEX_op_subv, TCG_I32, r, a, b); }
static inline void tcg_gen_addv_i32(TCGv r, TCGv a, TCGv b) { tcg_gen_op3(INDEX_op_addv, TCG_I32, r, a, b); }
static inline void tcg_gen_setcondi_i32(TCGCond c, TCGv r, TCGv a, uint32_t b)
{
    tcg_gen_setcond(TCG_I32, c, r, a, tcg_constant_i32(b));
}
static inline void tcg_gen_movcond(TCGType t, TCGCond c, TCGv r, TCGv c1, TCGv c2, TCGv v1, TCGv v2)
{
    TCGOp *op = tcg_emit_op(INDEX_op_movcond, t);
    op->args[0] = r;
    op->args[1] = c1;
    op->args[2] = c2;
    op->args[3] = v1;
    op->args[4] = v2;
    op->args[5] = c;
}
static inline void tcg_gen_movcond_i32(TCGCond c, TCGv r, TCGv c1, TCGv c2, TCGv v1, TCGv v2)
{
    tcg_gen_movcond(TCG_I32, c, r, c1, c2, v1, v2);
}
static inline void tcg_gen_mul2(TCGOpcode o, TCGType t, TCGv lo, TCGv hi, TCGv a, TCGv b)
{
    TCGOp *op = tcg_emit_op(o, t);
    op->args[0] = lo;
    op->args[1] = hi;
    op->args[2] = a;
    op->args[3] = b;
}
static inline void tcg_gen_mulu2_i32(TCGv lo, TCGv hi, TCGv a, TCGv b) { tcg_gen_mul2(INDEX_op_mulu2, TCG_I32, lo, hi, a, b); }
static inline void tcg_gen_muls2_i32(TCGv lo, TCGv hi, TCGv a, TCGv b) { tcg_gen_mul2(INDEX_op_muls2, TCG_I32, lo, hi, a, b); }

/* CPU state access. */
static inline void tcg_gen_ld_env(TCGType t, TCGv r, int offset, unsigned memop)
{
    TCGOp *op = tcg_emit_op(INDEX_op_ld_env, t);
    op->args[0] = r;
    op->args[1] = (uint64_t)offset;
    op->args[2] = memop;
}
static inline void tcg_gen_st_env(TCGType t, TCGv v, int offset, unsigned memop)
{
    TCGOp *op = tcg_emit_op(INDEX_op_st_env, t);
    op->args[0] = v;
    op->args[1] = (uint64_t)offset;
    op->args[2] = memop;
}
static inline void tcg_gen_ld_i32(TCGv r, int off) { tcg_gen_ld_env(TCG_I32, r, off, MO_32); }
static inline void tcg_gen_st_i32(TCGv v, int off) { tcg_gen_st_env(TCG_I32, v, off, MO_32); }
static inline void tcg_gen_ld_i64(TCGv r, int off) { tcg_gen_ld_env(TCG_I64, r, off, MO_64); }
static inline void tcg_gen_st_i64(TCGv v, int off) { tcg_gen_st_env(TCG_I64, v, off, MO_64); }

/* Guest memory. */
static inline void tcg_gen_qemu_ld(TCGType t, TCGv r, TCGv addr, unsigned memop)
{
    TCGOp *op = tcg_emit_op(INDEX_op_qemu_ld, t);
    op->args[0] = r;
    op->args[1] = addr;
    op->args[2] = memop;
}
static inline void tcg_gen_qemu_st(TCGType t, TCGv v, TCGv addr, unsigned memop)
{
    TCGOp *op = tcg_emit_op(INDEX_op_qemu_st, t);
    op->args[0] = v;
    op->args[1] = addr;
    op->args[2] = memop;
}
static inline void tcg_gen_qemu_ld_i32(TCGv r, TCGv a, unsigned mo) { tcg_gen_qemu_ld(TCG_I32, r, a, mo); }
static inline void tcg_gen_qemu_st_i32(TCGv v, TCGv a, unsigned mo) { tcg_gen_qemu_st(TCG_I32, v, a, mo); }
static inline void tcg_gen_qemu_ld_i64(TCGv r, TCGv a, unsigned mo) { tcg_gen_qemu_ld(TCG_I64, r, a, mo); }
static inline void tcg_gen_qemu_st_i64(TCGv v, TCGv a, unsigned mo) { tcg_gen_qemu_st(TCG_I64, v, a, mo); }
static inline void tcg_gen_cmpxchg_i32(TCGv old, TCGv addr, TCGv cmp, TCGv nv, unsigned memop)
{
    TCGOp *op = tcg_emit_op(INDEX_op_cmpxchg, TCG_I32);
    op->args[0] = old;
    op->args[1] = addr;
    op->args[2] = cmp;
    op->args[3] = nv;
    op->args[4] = memop;
}
static inline void tcg_gen_cmpxchg_i64(TCGv old, TCGv addr, TCGv cmp, TCGv nv, unsigned memop)
{
    TCGOp *op = tcg_emit_op(INDEX_op_cmpxchg, TCG_I64);
    op->args[0] = old;
    op->args[1] = addr;
    op->args[2] = cmp;
    op->args[3] = nv;
    op->args[4] = memop;
}
static inline void tcg_gen_mb(void) { tcg_emit_op(INDEX_op_mb, TCG_I32); }

/* Control flow. */
static inline void gen_set_label(TCGLabel l) { tcg_gen_op1c(INDEX_op_set_label, TCG_I32, l); }
static inline void tcg_gen_br(TCGLabel l) { tcg_gen_op1c(INDEX_op_br, TCG_I32, l); }
static inline void tcg_gen_brcond(TCGType t, TCGCond c, TCGv a, TCGv b, TCGLabel l)
{
    TCGOp *op = tcg_emit_op(INDEX_op_brcond, t);
    op->args[0] = a;
    op->args[1] = b;
    op->args[2] = c;
    op->args[3] = l;
}
static inline void tcg_gen_brcond_i32(TCGCond c, TCGv a, TCGv b, TCGLabel l) { tcg_gen_brcond(TCG_I32, c, a, b, l); }
static inline void tcg_gen_brcondi_i32(TCGCond c, TCGv a, uint32_t b, TCGLabel l)
{
    tcg_gen_brcond(TCG_I32, c, a, tcg_constant_i32(b), l);
}
/* Start of a guest instruction: the record restore_state gets back (pc and
   up to two target words; a target reads TargetOps.insn_start_words of them,
   the rest stay 0). */
static inline void tcg_gen_insn_start3(uint32_t pc, uint32_t w1, uint32_t w2)
{
    TCGOp *op = tcg_emit_op(INDEX_op_insn_start, TCG_I32);
    op->args[0] = pc;
    op->args[1] = w1;
    op->args[2] = w2;
}
static inline void tcg_gen_insn_start(uint32_t pc, uint32_t extra) { tcg_gen_insn_start3(pc, extra, 0); }
/* c1 = the flag globals the jump's target overwrites before reading them
   (translator_jump asked the front end; README "Dead flags"). */
static inline void tcg_gen_goto_tb(int slot)
{
    TCGOp *op = tcg_emit_op(INDEX_op_goto_tb, TCG_I32);
    op->args[0] = (uint64_t)slot;
    op->args[1] = tcg_ctx.goto_kill;
    tcg_ctx.goto_kill = 0;
}
/* exit_tb(0): back to the exec loop, no chaining; exit_tb(tb, n): the loop may
   chain slot n of tb to the TB it finds next. */
static inline void tcg_gen_exit_tb(const void *tb, int slot)
{
    tcg_gen_op1c(INDEX_op_exit_tb, TCG_I32, tb ? (uint64_t)(uintptr_t)tb | (uint64_t)slot : 0);
}
static inline void tcg_gen_lookup_and_goto(void) { tcg_emit_op(INDEX_op_lookup_and_goto, TCG_I32); }
/* Return prediction (tcg/README.md): at a call, after the return address
   is known, push its TB key; a return (which stored its target in env like
   any indirect jump) ends with tcg_gen_lookup_and_goto_ret instead of
   tcg_gen_lookup_and_goto. */
static inline void tcg_gen_ret_push(uint32_t pc, uint32_t cs_base, uint32_t flags)
{
    TCGOp *op = tcg_emit_op(INDEX_op_ret_push, TCG_I32);
    op->args[0] = pc;
    op->args[1] = cs_base;
    op->args[2] = flags;
}
static inline void tcg_gen_lookup_and_goto_ret(void)
{
    tcg_emit_op(INDEX_op_lookup_and_goto, TCG_I32)->args[0] = TCG_LOOKUP_RET;
}

/* Helper calls: up to 6 inputs; ret may be TEMP_NONE. */
TCGOp *tcg_gen_callN(void *func, unsigned cflags, TCGType ret_type, TCGv ret, int nargs, const TCGv *args);
#define tcg_gen_call(func, cflags, ret_type, ret, ...)                                     \
    tcg_gen_callN((void *)(func), (cflags), (ret_type), (ret),                             \
                  (int)(sizeof((TCGv[]){__VA_ARGS__}) / sizeof(TCGv)), (TCGv[]){__VA_ARGS__})

/* host_simd (tcg/README.md, "Host SIMD"): the host's own SSE instruction
   [pfx] 0F [38 | 3A] opc /r with xmm0 = the 16 bytes at env + d (the
   destination, written back) and xmm1 = those at env + s, then imm8 when
   imm >= 0.  pfx: 0, 0x66, 0xf2 or 0xf3; map: TCG_SIMD_0F, _0F38, _0F3A.
   The slots must not hold globals.  fallback(env, d, s, imm) does the same
   for the interpreter.  The instruction runs under the host's MXCSR as
   generated code finds it (the front end's business). */
enum { TCG_SIMD_0F, TCG_SIMD_0F38, TCG_SIMD_0F3A };
typedef void TCGSimdFallback(void *env, uint32_t d, uint32_t s, uint32_t imm);
static inline uint64_t tcg_simd_insn(unsigned pfx, unsigned map, unsigned opc, int imm)
{
    return (uint64_t)(pfx & 0xff) | (uint64_t)(map & 3) << 8 | (uint64_t)(opc & 0xff) << 16
         | (imm >= 0 ? (uint64_t)(imm & 0xff) << 24 | 1ull << 32 : 0);
}
/* The same for a compare that sets the host's flags (comisd ...): xmm0 is
   not stored back; instead the host RFLAGS go to the 8 bytes at env +
   flags_off (pushfq; pop). */
static inline uint64_t tcg_simd_insn_flags(unsigned pfx, unsigned map, unsigned opc, int flags_off)
{
    return tcg_simd_insn(pfx, map, opc, -1) | 1ull << 33 | (uint64_t)(uint32_t)flags_off << 40;
}
static inline void tcg_gen_host_simd(uint64_t insn, int d, int s, const void *fallback)
{
    TCGOp *op = tcg_emit_op(INDEX_op_host_simd, TCG_I32);
    op->args[0] = insn;
    op->args[1] = (uint64_t)(int64_t)d;
    op->args[2] = (uint64_t)(int64_t)s;
    op->args[3] = (uint64_t)(uintptr_t)fallback;
}

/* host_vec (tcg/README.md, "Host SIMD"): like host_simd, on env slots that
   may hold globals and with a separate destination: xmm0 = env[n],
   xmm1 = env[m], the instruction (tcg_simd_insn | the TCG_VEC_* bits
   below) as "op xmm0, xmm1", env[d] = xmm0.  Sources and destination are
   16 bytes, or 8 with TCG_VEC_SRC64 (movq loads, upper halves zero) and
   TCG_VEC_DST64 (the low 8 bytes stored).  TCG_VEC_GROUP(ext): a group
   opcode (0F 71/72/73 shifts by imm8) on xmm0 alone, ModRM.reg = ext.
   The op reads the globals overlapping env[n] and env[m] and writes those
   overlapping env[d]: the optimizer, liveness and backend keep them
   coherent.  Only for instructions tcg_vec_ok accepts (the host has them,
   the interpreter's tcg_vec_emulate knows them); never floating point. */
#define TCG_VEC_SRC64 (1ull << 34)
#define TCG_VEC_DST64 (1ull << 35)
#define TCG_VEC_GROUP(ext) (1ull << 36 | (uint64_t)((ext) & 7) << 37)
static inline void tcg_gen_host_vec(uint64_t insn, int d, int n, int m)
{
    TCGOp *op = tcg_emit_op(INDEX_op_host_vec, TCG_I32);
    op->args[0] = insn;
    op->args[1] = (uint64_t)(int64_t)d;
    op->args[2] = (uint64_t)(int64_t)n;
    op->args[3] = (uint64_t)(int64_t)m;
}
/* tcg/vec.c: r = the instruction's result for xmm0 = a, xmm1 = b (16 bytes
   each, as loaded); false when it is not one the emulator knows. */
bool tcg_vec_emulate(uint64_t insn, uint8_t r[16], const uint8_t a[16], const uint8_t b[16]);
/* The instruction can be used with host_vec: the emulator knows it and the
   host has it (SSSE3 / SSE4.1 for the 0F 38 and 0F 3A maps). */
bool tcg_vec_ok(uint64_t insn);

#endif
