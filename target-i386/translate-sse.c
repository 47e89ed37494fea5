/*
 * MMX, SSE, SSE2, SSE3 and SSSE3: the 0F map's SIMD opcodes (selected by
 * the mandatory prefix: none, 66, F3, F2 = columns 0..3), the 0F 38 and
 * 0F 3A maps.
 *
 * State: xmm[0..7] in env; MMX register i is bytes 0..7 of the x87 slot
 * fpregs[i] (physical register i).  An MMX instruction makes the x87 stack
 * "MMX": TOP = 0, every tag valid, and a register it writes gets the
 * exponent bits 0xffff, as on the CPU; emms empties every tag.
 *
 * Moves, loads, stores and the bitwise logic are IR (64-bit env loads and
 * stores).  Everything else is a helper (sse-helper.c) that runs the same
 * instruction on the host, with operands passed as env offsets: a memory
 * source is first loaded (in generated code, so a fault leaves the state
 * untouched) into env->xmm_t0, zero-extended.  16-byte memory operands of
 * the legacy SSE forms must be 16-byte aligned (#GP, SIGSEGV) except for
 * the unaligned moves (movups, movupd, movdqu, lddqu).
 *
 * The table rows say which instructions a -cpu model has (X86_FEAT_*); an
 * instruction of an extension the model lacks is #UD, as CPUID says.
 */
#include <string.h>

#include "target-i386/helper.h"
#include "target-i386/sse-helper.h"
#include "target-i386/translate.h"

#define XOFF(i) X86_OFF(xmm[i])
#define MOFF(i) X86_OFF(fpregs[i])
#define TOFF X86_OFF(xmm_t0)

enum { MMX = X86_FEAT_MMX, SSE = X86_FEAT_SSE, SSE2 = X86_FEAT_SSE2, SSE3 = X86_FEAT_SSE3,
       SSSE3 = X86_FEAT_SSSE3 };

/* Row kinds: the operand classes and the helper's signature. */
enum {
    K_MM = 1,  /* mm = fn(mm, mm/m64) */
    K_MMI,     /* the same with imm8 */
    K_XX,      /* xmm = fn(xmm, xmm/m) */
    K_XXI,     /* the same with imm8 */
    K_XXF,     /* xmm = fn(xmm, xmm/m), under MXCSR: returns 0 or #XM */
    K_XXFI,    /* the same with imm8 (cmpps ...) */
    K_XMF,     /* xmm = fn(xmm, mm/m64) under MXCSR (cvtpi2ps/pd) */
    K_MXF,     /* mm = fn(mm, xmm/m) under MXCSR (cvtps2pi ...) */
    K_SPECIAL, /* gen_special: moves, logic, shifts by immediate ... */
};

typedef struct SseRow {
    uint16_t op;    /* 0x000 | b (0F b), 0x100 | b (0F 38 b), 0x200 | b (0F 3A b) */
    uint8_t col;    /* 0 none, 1 66, 2 F3, 3 F2 */
    uint8_t feat;   /* X86_FEAT_* */
    uint8_t kind;
    uint8_t msize;  /* memory operand bytes (4, 8, 16) */
    const void *fn;
} SseRow;

#define R(op, col, feat, kind, msize, fn) { op, col, feat, kind, msize, (const void *)(fn) }
#define SP(op, col, feat) R(op, col, feat, K_SPECIAL, 0, NULL)

#define ROW_INT(op, name, f1, f2)                                                     \
    R(op, 0, f1, K_MM, 8, helper_mmx_##name), R(op, 1, f2, K_XX, 16, helper_xmm_##name),
#define ROW_SSSE3(op, name)                                                           \
    R(0x100 | op, 0, SSSE3, K_MM, 8, helper_mmx_##name),                              \
    R(0x100 | op, 1, SSSE3, K_XX, 16, helper_xmm_##name),
#define ROW_FP(op, stem)                                                              \
    R(op, 0, SSE, K_XXF, 16, helper_##stem##ps), R(op, 1, SSE2, K_XXF, 16, helper_##stem##pd), \
    R(op, 2, SSE, K_XXF, 4, helper_##stem##ss), R(op, 3, SSE2, K_XXF, 8, helper_##stem##sd),

static const SseRow rows[] = {
    INT_OPS(ROW_INT)
    SSSE3_OPS(ROW_SSSE3)
    FP_OPS(ROW_FP)
    /* Bitwise logic: IR. */
    SP(0xdb, 0, MMX), SP(0xdb, 1, SSE2), SP(0xdf, 0, MMX), SP(0xdf, 1, SSE2),
    SP(0xeb, 0, MMX), SP(0xeb, 1, SSE2), SP(0xef, 0, MMX), SP(0xef, 1, SSE2),
    SP(0x54, 0, SSE), SP(0x54, 1, SSE2), SP(0x55, 0, SSE), SP(0x55, 1, SSE2),
    SP(0x56, 0, SSE), SP(0x56, 1, SSE2), SP(0x57, 0, SSE), SP(0x57, 1, SSE2),
    /* Moves. */
    SP(0x10, 0, SSE), SP(0x10, 1, SSE2), SP(0x10, 2, SSE), SP(0x10, 3, SSE2),
    SP(0x11, 0, SSE), SP(0x11, 1, SSE2), SP(0x11, 2, SSE), SP(0x11, 3, SSE2),
    SP(0x12, 0, SSE), SP(0x12, 1, SSE2),
    R(0x12, 2, SSE3, K_XX, 16, helper_xmm_movsldup), R(0x12, 3, SSE3, K_XX, 8, helper_xmm_movddup),
    SP(0x13, 0, SSE), SP(0x13, 1, SSE2),
    R(0x14, 0, SSE, K_XX, 16, helper_xmm_unpcklps), R(0x14, 1, SSE2, K_XX, 16, helper_xmm_unpcklpd),
    R(0x15, 0, SSE, K_XX, 16, helper_xmm_unpckhps), R(0x15, 1, SSE2, K_XX, 16, helper_xmm_unpckhpd),
    SP(0x16, 0, SSE), SP(0x16, 1, SSE2), R(0x16, 2, SSE3, K_XX, 16, helper_xmm_movshdup),
    SP(0x17, 0, SSE), SP(0x17, 1, SSE2),
    R(0x6c, 1, SSE2, K_XX, 16, helper_xmm_punpcklqdq), R(0x6d, 1, SSE2, K_XX, 16, helper_xmm_punpckhqdq),
    SP(0x28, 0, SSE), SP(0x28, 1, SSE2), SP(0x29, 0, SSE), SP(0x29, 1, SSE2),
    SP(0x2b, 0, SSE), SP(0x2b, 1, SSE2),
    SP(0x6e, 0, MMX), SP(0x6e, 1, SSE2), SP(0x6f, 0, MMX), SP(0x6f, 1, SSE2), SP(0x6f, 2, SSE2),
    SP(0x7e, 0, MMX), SP(0x7e, 1, SSE2), SP(0x7e, 2, SSE2),
    SP(0x7f, 0, MMX), SP(0x7f, 1, SSE2), SP(0x7f, 2, SSE2),
    SP(0xc3, 0, SSE2), SP(0xc4, 0, SSE), SP(0xc4, 1, SSE2), SP(0xc5, 0, SSE), SP(0xc5, 1, SSE2),
    SP(0xd6, 1, SSE2), SP(0xd6, 2, SSE2), SP(0xd6, 3, SSE2),
    SP(0xd7, 0, SSE), SP(0xd7, 1, SSE2), SP(0xe7, 0, SSE), SP(0xe7, 1, SSE2),
    SP(0xf0, 3, SSE3), SP(0xf7, 0, SSE), SP(0xf7, 1, SSE2),
    SP(0x50, 0, SSE), SP(0x50, 1, SSE2),
    SP(0x77, 0, MMX),
    /* Shifts by an immediate (groups 12, 13, 14). */
    SP(0x71, 0, MMX), SP(0x71, 1, SSE2), SP(0x72, 0, MMX), SP(0x72, 1, SSE2),
    SP(0x73, 0, MMX), SP(0x73, 1, SSE2),
    /* Shuffles. */
    R(0x70, 0, SSE, K_MMI, 8, helper_pshufw), R(0x70, 1, SSE2, K_XXI, 16, helper_pshufd),
    R(0x70, 2, SSE2, K_XXI, 16, helper_pshufhw), R(0x70, 3, SSE2, K_XXI, 16, helper_pshuflw),
    R(0xc6, 0, SSE, K_XXI, 16, helper_shufps), R(0xc6, 1, SSE2, K_XXI, 16, helper_shufpd),
    R(0x20f, 0, SSSE3, K_MMI, 8, helper_palignr_mmx),
    R(0x20f, 1, SSSE3, K_XXI, 16, helper_palignr_xmm),
    /* Floating point. */
    R(0x52, 0, SSE, K_XXF, 16, helper_rsqrtps), R(0x52, 2, SSE, K_XXF, 4, helper_rsqrtss),
    R(0x53, 0, SSE, K_XXF, 16, helper_rcpps), R(0x53, 2, SSE, K_XXF, 4, helper_rcpss),
    R(0x5a, 0, SSE2, K_XXF, 8, helper_cvtps2pd), R(0x5a, 1, SSE2, K_XXF, 16, helper_cvtpd2ps),
    R(0x5a, 2, SSE2, K_XXF, 4, helper_cvtss2sd), R(0x5a, 3, SSE2, K_XXF, 8, helper_cvtsd2ss),
    R(0x5b, 0, SSE2, K_XXF, 16, helper_cvtdq2ps), R(0x5b, 1, SSE2, K_XXF, 16, helper_cvtps2dq),
    R(0x5b, 2, SSE2, K_XXF, 16, helper_cvttps2dq),
    R(0xe6, 1, SSE2, K_XXF, 16, helper_cvttpd2dq), R(0xe6, 2, SSE2, K_XXF, 8, helper_cvtdq2pd),
    R(0xe6, 3, SSE2, K_XXF, 16, helper_cvtpd2dq),
    R(0x7c, 1, SSE3, K_XXF, 16, helper_haddpd), R(0x7c, 3, SSE3, K_XXF, 16, helper_haddps),
    R(0x7d, 1, SSE3, K_XXF, 16, helper_hsubpd), R(0x7d, 3, SSE3, K_XXF, 16, helper_hsubps),
    R(0xd0, 1, SSE3, K_XXF, 16, helper_addsubpd), R(0xd0, 3, SSE3, K_XXF, 16, helper_addsubps),
    R(0xc2, 0, SSE, K_XXFI, 16, helper_cmpps), R(0xc2, 1, SSE2, K_XXFI, 16, helper_cmppd),
    R(0xc2, 2, SSE, K_XXFI, 4, helper_cmpss), R(0xc2, 3, SSE2, K_XXFI, 8, helper_cmpsd),
    R(0x2a, 0, SSE, K_XMF, 8, helper_cvtpi2ps), R(0x2a, 1, SSE2, K_XMF, 8, helper_cvtpi2pd),
    SP(0x2a, 2, SSE), SP(0x2a, 3, SSE2),
    R(0x2c, 0, SSE, K_MXF, 8, helper_cvttps2pi), R(0x2c, 1, SSE2, K_MXF, 16, helper_cvttpd2pi),
    R(0x2d, 0, SSE, K_MXF, 8, helper_cvtps2pi), R(0x2d, 1, SSE2, K_MXF, 16, helper_cvtpd2pi),
    SP(0x2c, 2, SSE), SP(0x2c, 3, SSE2), SP(0x2d, 2, SSE), SP(0x2d, 3, SSE2),
    SP(0x2e, 0, SSE), SP(0x2e, 1, SSE2), SP(0x2f, 0, SSE), SP(0x2f, 1, SSE2),
};

/* rows indexed by map (0F, 0F 38, 0F 3A), opcode and column. */
static const SseRow *lut[3][256][4];

static void build_lut(void)
{
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        lut[rows[i].op >> 8][rows[i].op & 0xff][rows[i].col] = &rows[i];
}

/* ---- Building blocks ---- */

static TCGv_i32 t32(void) { return tcg_temp_new_i32(); }
static TCGv_i64 t64(void) { return tcg_temp_new_i64(); }
static TCGv_i32 k32(uint32_t v) { return tcg_constant_i32(v); }

static void gen_ud(DisasContext *s) { i386_gen_exception(s, EXCP_X86_UD, s->pc); }

/* The MMX state: TOP = 0, all tags valid (once per TB until an x87
   instruction).  An MMX instruction first raises #MF for a pending
   unmasked x87 exception (only x87 instructions make one pending, and
   they clear mmx_state, so once per TB is enough here too). */
static void gen_mmx_enter(DisasContext *s)
{
    if (s->mmx_state)
        return;
    gen_fp_check(s);
    tcg_gen_st_i32(k32(0), X86_OFF(fpstt));
    tcg_gen_st_i32(k32(0), X86_OFF(fptags));
    s->mmx_state = true;
}

/* mm i was written: its exponent bits read as all ones. */
static void gen_mmx_written(int i)
{
    tcg_gen_st_env(TCG_I32, k32(0xffff), MOFF(i) + 8, MO_16);
}

/* #GP unless addr is 16-byte aligned. */
static void gen_align16(DisasContext *s, TCGv_i32 addr)
{
    TCGv_i32 t = t32(), r = t32(), z = k32(0);
    tcg_gen_andi_i32(t, addr, 15);
    tcg_gen_movcond_i32(TCG_COND_NE, r, t, z, k32(EXCP_X86_GP), z);
    gen_check_excp(s, r);
}

/* Copy n bytes (4, 8, 16) between env offsets. */
static void gen_env_copy(int dst, int src, int n)
{
    if (n == 4) {
        TCGv_i32 t = t32();
        tcg_gen_ld_i32(t, src);
        tcg_gen_st_i32(t, dst);
        return;
    }
    for (int i = 0; i < n; i += 8) {
        TCGv_i64 t = t64();
        tcg_gen_ld_i64(t, src + i);
        tcg_gen_st_i64(t, dst + i);
    }
}

/* Load n bytes at the memory operand into env offset off (without
   zeroing the rest). */
static void gen_ld_mem(DisasContext *s, X86Insn *in, int off, int n, bool align)
{
    TCGv_i32 a = gen_ea(s, in);
    if (n == 16 && align)
        gen_align16(s, a);
    if (n == 4) {
        TCGv_i32 t = t32();
        tcg_gen_qemu_ld_i32(t, a, MO_32);
        tcg_gen_st_i32(t, off);
        return;
    }
    if (n == 2) {
        TCGv_i32 t = t32();
        tcg_gen_qemu_ld_i32(t, a, MO_16);
        tcg_gen_st_env(TCG_I32, t, off, MO_16);
        return;
    }
    TCGv_i64 lo = t64();
    tcg_gen_qemu_ld_i64(lo, a, MO_64);
    if (n == 16) {
        TCGv_i64 hi = t64();
        TCGv_i32 a8 = t32();
        tcg_gen_addi_i32(a8, a, 8);
        tcg_gen_qemu_ld_i64(hi, a8, MO_64);
        tcg_gen_st_i64(hi, off + 8);
    }
    tcg_gen_st_i64(lo, off);
}

/* Store n bytes from env offset off to the memory operand. */
static void gen_st_mem(DisasContext *s, X86Insn *in, int off, int n, bool align)
{
    TCGv_i32 a = gen_ea(s, in);
    if (n == 16 && align)
        gen_align16(s, a);
    if (n == 4) {
        TCGv_i32 t = t32();
        tcg_gen_ld_i32(t, off);
        tcg_gen_qemu_st_i32(t, a, MO_32);
        return;
    }
    TCGv_i64 lo = t64();
    tcg_gen_ld_i64(lo, off);
    if (n == 16) {
        /* Both halves loaded before either store; nothing stored when
           either page faults. */
        TCGv_i64 hi = t64();
        TCGv_i32 a8 = t32();
        tcg_gen_ld_i64(hi, off + 8);
        tcg_gen_addi_i32(a8, a, 8);
        gen_store_probe(a, 16);
        tcg_gen_qemu_st_i64(lo, a, MO_64);
        tcg_gen_qemu_st_i64(hi, a8, MO_64);
        return;
    }
    tcg_gen_qemu_st_i64(lo, a, MO_64);
}

/* The source operand: a register's env offset, or the memory operand
   loaded into xmm_t0 (zero-extended to 16 bytes). */
static int gen_src(DisasContext *s, X86Insn *in, bool mmx, int n)
{
    if (in->mod == 3)
        return mmx ? MOFF(in->rm) : XOFF(in->rm);
    gen_ld_mem(s, in, TOFF, n, true);
    if (n < 16) {
        if (n == 4)
            tcg_gen_st_i32(k32(0), TOFF + 4);
        if (n <= 8)
            tcg_gen_st_i64(tcg_constant_i64(0), TOFF + 8);
    }
    return TOFF;
}

static void gen_call_void(const void *fn, int d, int src, int imm, bool has_imm)
{
    if (has_imm)
        tcg_gen_call(fn, CALL_NO_RWG, TCG_I32, TEMP_NONE, tcg_env, k32((uint32_t)d),
                     k32((uint32_t)src), k32((uint32_t)imm));
    else
        tcg_gen_call(fn, CALL_NO_RWG, TCG_I32, TEMP_NONE, tcg_env, k32((uint32_t)d),
                     k32((uint32_t)src));
}

static void gen_call_fp(DisasContext *s, const void *fn, int d, int src, int imm, bool has_imm)
{
    TCGv_i32 r = t32();
    if (has_imm)
        tcg_gen_call(fn, CALL_NO_RWG, TCG_I32, r, tcg_env, k32((uint32_t)d), k32((uint32_t)src),
                     k32((uint32_t)imm));
    else
        tcg_gen_call(fn, CALL_NO_RWG, TCG_I32, r, tcg_env, k32((uint32_t)d), k32((uint32_t)src));
    gen_check_excp(s, r);
}

/* The row's own instruction run by the host inline (tcg host_simd) on the
   slots d and src: what its helper does, without the call.  Integer rows
   always; floating-point rows when the TB's MXCSR has the default controls
   (X86_HF_MXDEF): generated code runs under the host's MXCSR, which has
   those controls and keeps the raised flags for the guest (sse-helper.c,
   "fast" way), and with every exception masked no #XM is possible. */
static void gen_host_row(const SseRow *r, int d, int src, int imm)
{
    static const uint8_t pfx[4] = { 0, 0x66, 0xf3, 0xf2 };
    tcg_gen_host_simd(tcg_simd_insn(pfx[r->col], (unsigned)r->op >> 8, r->op & 0xffu, imm), d, src, r->fn);
}

/* ---- Special forms ---- */

/* Bitwise logic (op: 0 and, 1 andn, 2 or, 3 xor) on n bytes. */
static void gen_logic(DisasContext *s, X86Insn *in, int op, bool mmx)
{
    int n = mmx ? 8 : 16;
    if (mmx)
        gen_mmx_enter(s);
    int d = mmx ? MOFF(in->reg) : XOFF(in->reg);
    int src = gen_src(s, in, mmx, n);
    for (int i = 0; i < n; i += 8) {
        TCGv_i64 a = t64(), b = t64();
        tcg_gen_ld_i64(a, d + i);
        tcg_gen_ld_i64(b, src + i);
        switch (op) {
        case 0: tcg_gen_and_i64(a, a, b); break;
        case 1: tcg_gen_andc_i64(a, b, a); break;
        case 2: tcg_gen_or_i64(a, a, b); break;
        default: tcg_gen_xor_i64(a, a, b); break;
        }
        tcg_gen_st_i64(a, d + i);
    }
    if (mmx)
        gen_mmx_written(in->reg);
}

/* Shift groups 0F 71/72/73 (reg/imm8 forms only): the count goes through
   xmm_t0 to the shift-by-register helpers. */
static void gen_shift_imm(DisasContext *s, X86Insn *in, int b, bool mmx)
{
    typedef void (*Fn)(CPUX86State *, uint32_t, uint32_t);
    static const Fn mfn[3][8] = {
        [0] = { [2] = helper_mmx_psrlw, [4] = helper_mmx_psraw, [6] = helper_mmx_psllw },
        [1] = { [2] = helper_mmx_psrld, [4] = helper_mmx_psrad, [6] = helper_mmx_pslld },
        [2] = { [2] = helper_mmx_psrlq, [6] = helper_mmx_psllq },
    };
    static const Fn xfn[3][8] = {
        [0] = { [2] = helper_xmm_psrlw, [4] = helper_xmm_psraw, [6] = helper_xmm_psllw },
        [1] = { [2] = helper_xmm_psrld, [4] = helper_xmm_psrad, [6] = helper_xmm_pslld },
        [2] = { [2] = helper_xmm_psrlq, [6] = helper_xmm_psllq },
    };
    if (in->mod != 3) {
        gen_ud(s);
        return;
    }
    uint32_t imm = in->imm & 0xff;
    if (b == 0x73 && !mmx && (in->reg == 3 || in->reg == 7)) {
        tcg_gen_call(in->reg == 3 ? (void *)helper_psrldq : (void *)helper_pslldq, CALL_NO_RWG,
                     TCG_I32, TEMP_NONE, tcg_env, k32((uint32_t)XOFF(in->rm)), k32(imm));
        return;
    }
    Fn fn = (mmx ? mfn : xfn)[b - 0x71][in->reg];
    if (!fn) {
        gen_ud(s);
        return;
    }
    tcg_gen_st_i64(tcg_constant_i64(imm), TOFF);
    tcg_gen_st_i64(tcg_constant_i64(0), TOFF + 8);
    if (mmx) {
        gen_mmx_enter(s);
        gen_call_void((const void *)fn, MOFF(in->rm), TOFF, 0, false);
        gen_mmx_written(in->rm);
    } else {
        gen_call_void((const void *)fn, XOFF(in->rm), TOFF, 0, false);
    }
}

/* 0F 2A F3/F2: cvtsi2ss/sd xmm, r/m32. */
static void gen_cvtsi2(DisasContext *s, X86Insn *in, int col)
{
    TCGv_i32 v = i386_ld_E(s, in, MO_32), r = t32();
    tcg_gen_call(col == 2 ? (void *)helper_cvtsi2ss : (void *)helper_cvtsi2sd, CALL_NO_RWG,
                 TCG_I32, r, tcg_env, k32((uint32_t)XOFF(in->reg)), v);
    gen_check_excp(s, r);
}

/* 0F 2C/2D F3/F2: cvt(t)ss2si / cvt(t)sd2si r32, xmm/m. */
static void gen_cvt2si(DisasContext *s, X86Insn *in, int b, int col)
{
    const void *fn = b == 0x2c ? (col == 2 ? (void *)helper_cvttss2si : (void *)helper_cvttsd2si)
                               : (col == 2 ? (void *)helper_cvtss2si : (void *)helper_cvtsd2si);
    int src = gen_src(s, in, false, col == 2 ? 4 : 8);
    TCGv_i32 r = t32();
    tcg_gen_call(fn, CALL_NO_RWG, TCG_I32, r, tcg_env, k32((uint32_t)src));
    gen_check_excp(s, r);
    tcg_gen_ld_i32(i386_regs[in->reg], X86_OFF(sse_res));
}

/* 0F 2E/2F: (u)comiss / (u)comisd: ZF PF CF. */
static void gen_comi(DisasContext *s, X86Insn *in, int b, int col)
{
    const void *fn = col == 0 ? (b == 0x2e ? (void *)helper_ucomiss : (void *)helper_comiss)
                              : (b == 0x2e ? (void *)helper_ucomisd : (void *)helper_comisd);
    int src = gen_src(s, in, false, col == 0 ? 4 : 8);
    TCGv_i32 r = t32(), f = t32();
    if (s->mxdef) {
        /* The host runs it (X86_HF_MXDEF: see gen_host_row); ZF PF CF of
           its RFLAGS are the guest's (OF SF AF cleared). */
        const void *fb = col == 0 ? (b == 0x2e ? (void *)helper_ucomiss_flags : (void *)helper_comiss_flags)
                                  : (b == 0x2e ? (void *)helper_ucomisd_flags : (void *)helper_comisd_flags);
        tcg_gen_host_simd(tcg_simd_insn_flags(col ? 0x66 : 0, TCG_SIMD_0F, (unsigned)b, X86_OFF(host_flags)),
                          XOFF(in->reg), src, fb);
        tcg_gen_ld_i32(f, X86_OFF(host_flags));
        tcg_gen_andi_i32(f, f, 0x45);
        gen_set_eflags(s, f);
        return;
    }
    tcg_gen_call(fn, CALL_NO_RWG, TCG_I32, r, tcg_env, k32((uint32_t)XOFF(in->reg)), k32((uint32_t)src));
    gen_check_excp(s, r);
    tcg_gen_ld_i32(f, X86_OFF(cc_tmp));
    gen_set_eflags(s, f);
}

static void gen_special(DisasContext *s, X86Insn *in, int b, int col)
{
    bool mem = in->mod != 3;
    int xr = XOFF(in->reg), xm = XOFF(in->rm);
    switch (b << 2 | col) {
    /* Logic. */
    case 0xdb << 2 | 0: case 0xdb << 2 | 1: gen_logic(s, in, 0, col == 0); return;
    case 0xdf << 2 | 0: case 0xdf << 2 | 1: gen_logic(s, in, 1, col == 0); return;
    case 0xeb << 2 | 0: case 0xeb << 2 | 1: gen_logic(s, in, 2, col == 0); return;
    case 0xef << 2 | 0: case 0xef << 2 | 1: gen_logic(s, in, 3, col == 0); return;
    case 0x54 << 2 | 0: case 0x54 << 2 | 1: gen_logic(s, in, 0, false); return;
    case 0x55 << 2 | 0: case 0x55 << 2 | 1: gen_logic(s, in, 1, false); return;
    case 0x56 << 2 | 0: case 0x56 << 2 | 1: gen_logic(s, in, 2, false); return;
    case 0x57 << 2 | 0: case 0x57 << 2 | 1: gen_logic(s, in, 3, false); return;

    /* movups/movupd (unaligned), movss, movsd: loads. */
    case 0x10 << 2 | 0: case 0x10 << 2 | 1:
        if (mem)
            gen_ld_mem(s, in, xr, 16, false);
        else
            gen_env_copy(xr, xm, 16);
        return;
    case 0x10 << 2 | 2: case 0x10 << 2 | 3: {
        int n = col == 2 ? 4 : 8;
        if (mem) {
            gen_ld_mem(s, in, TOFF, n, false);
            gen_env_copy(xr, TOFF, n);
            if (n == 4)
                tcg_gen_st_i32(k32(0), xr + 4);
            if (n == 4)
                tcg_gen_st_i64(tcg_constant_i64(0), xr + 8);
            else
                tcg_gen_st_i64(tcg_constant_i64(0), xr + 8);
        } else {
            gen_env_copy(xr, xm, n);
        }
        return;
    }
    /* Stores. */
    case 0x11 << 2 | 0: case 0x11 << 2 | 1:
        if (mem)
            gen_st_mem(s, in, xr, 16, false);
        else
            gen_env_copy(xm, xr, 16);
        return;
    case 0x11 << 2 | 2: case 0x11 << 2 | 3: {
        int n = col == 2 ? 4 : 8;
        if (mem)
            gen_st_mem(s, in, xr, n, false);
        else
            gen_env_copy(xm, xr, n);
        return;
    }
    case 0x28 << 2 | 0: case 0x28 << 2 | 1: case 0x6f << 2 | 1: /* movaps/movapd/movdqa */
        if (mem)
            gen_ld_mem(s, in, xr, 16, true);
        else
            gen_env_copy(xr, xm, 16);
        return;
    case 0x6f << 2 | 2: /* movdqu */
        if (mem)
            gen_ld_mem(s, in, xr, 16, false);
        else
            gen_env_copy(xr, xm, 16);
        return;
    case 0xf0 << 2 | 3: /* lddqu */
        if (!mem)
            break;
        gen_ld_mem(s, in, xr, 16, false);
        return;
    case 0x29 << 2 | 0: case 0x29 << 2 | 1: case 0x7f << 2 | 1: /* movaps/movapd/movdqa stores */
        if (mem)
            gen_st_mem(s, in, xr, 16, true);
        else
            gen_env_copy(xm, xr, 16);
        return;
    case 0x7f << 2 | 2: /* movdqu store */
        if (mem)
            gen_st_mem(s, in, xr, 16, false);
        else
            gen_env_copy(xm, xr, 16);
        return;
    case 0x2b << 2 | 0: case 0x2b << 2 | 1: case 0xe7 << 2 | 1: /* movntps/pd/dq */
        if (!mem)
            break;
        gen_st_mem(s, in, xr, 16, true);
        return;
    case 0xe7 << 2 | 0: /* movntq */
        if (!mem)
            break;
        gen_mmx_enter(s);
        gen_st_mem(s, in, MOFF(in->reg), 8, false);
        return;
    case 0xc3 << 2 | 0: /* movnti */
        if (!mem)
            break;
        i386_st_E(s, in, MO_32, i386_regs[in->reg]);
        return;
    /* movlps/movlpd/movhlps, movhps/movhpd/movlhps. */
    case 0x12 << 2 | 0: case 0x12 << 2 | 1:
        if (mem)
            gen_ld_mem(s, in, xr, 8, false);
        else if (col == 0)
            gen_env_copy(xr, xm + 8, 8); /* movhlps */
        else
            break;
        return;
    case 0x13 << 2 | 0: case 0x13 << 2 | 1:
        if (!mem)
            break;
        gen_st_mem(s, in, xr, 8, false);
        return;
    case 0x16 << 2 | 0: case 0x16 << 2 | 1:
        if (mem)
            gen_ld_mem(s, in, xr + 8, 8, false);
        else if (col == 0)
            gen_env_copy(xr + 8, xm, 8); /* movlhps */
        else
            break;
        return;
    case 0x17 << 2 | 0: case 0x17 << 2 | 1:
        if (!mem)
            break;
        gen_st_mem(s, in, xr + 8, 8, false);
        return;
    /* movd / movq. */
    case 0x6e << 2 | 0: case 0x6e << 2 | 1: { /* movd mm/xmm, r/m32 */
        TCGv_i32 v = i386_ld_E(s, in, MO_32);
        if (col == 0) {
            gen_mmx_enter(s);
            tcg_gen_st_i32(v, MOFF(in->reg));
            tcg_gen_st_i32(k32(0), MOFF(in->reg) + 4);
            gen_mmx_written(in->reg);
        } else {
            tcg_gen_st_i32(v, xr);
            tcg_gen_st_i32(k32(0), xr + 4);
            tcg_gen_st_i64(tcg_constant_i64(0), xr + 8);
        }
        return;
    }
    case 0x7e << 2 | 0: case 0x7e << 2 | 1: { /* movd r/m32, mm/xmm */
        TCGv_i32 v = t32();
        if (col == 0)
            gen_mmx_enter(s);
        tcg_gen_ld_i32(v, col == 0 ? MOFF(in->reg) : xr);
        i386_st_E(s, in, MO_32, v);
        return;
    }
    case 0x6f << 2 | 0: /* movq mm, mm/m64 */
        gen_mmx_enter(s);
        if (mem)
            gen_ld_mem(s, in, MOFF(in->reg), 8, false);
        else
            gen_env_copy(MOFF(in->reg), MOFF(in->rm), 8);
        gen_mmx_written(in->reg);
        return;
    case 0x7f << 2 | 0: /* movq mm/m64, mm */
        gen_mmx_enter(s);
        if (mem) {
            gen_st_mem(s, in, MOFF(in->reg), 8, false);
        } else {
            gen_env_copy(MOFF(in->rm), MOFF(in->reg), 8);
            gen_mmx_written(in->rm);
        }
        return;
    case 0x7e << 2 | 2: /* movq xmm, xmm/m64 */
        if (mem)
            gen_ld_mem(s, in, xr, 8, false);
        else
            gen_env_copy(xr, xm, 8);
        tcg_gen_st_i64(tcg_constant_i64(0), xr + 8);
        return;
    case 0xd6 << 2 | 1: /* movq xmm/m64, xmm */
        if (mem) {
            gen_st_mem(s, in, xr, 8, false);
        } else {
            gen_env_copy(xm, xr, 8);
            tcg_gen_st_i64(tcg_constant_i64(0), xm + 8);
        }
        return;
    case 0xd6 << 2 | 2: /* movq2dq xmm, mm */
        if (mem)
            break;
        gen_mmx_enter(s);
        gen_env_copy(xr, MOFF(in->rm), 8);
        tcg_gen_st_i64(tcg_constant_i64(0), xr + 8);
        return;
    case 0xd6 << 2 | 3: /* movdq2q mm, xmm */
        if (mem)
            break;
        gen_mmx_enter(s);
        gen_env_copy(MOFF(in->reg), xm, 8);
        gen_mmx_written(in->reg);
        return;
    /* pinsrw / pextrw. */
    case 0xc4 << 2 | 0: case 0xc4 << 2 | 1: {
        TCGv_i32 v = i386_ld_E(s, in, MO_16);
        if (col == 0) {
            gen_mmx_enter(s);
            tcg_gen_st_env(TCG_I32, v, MOFF(in->reg) + 2 * (int)(in->imm & 3), MO_16);
            gen_mmx_written(in->reg);
        } else {
            tcg_gen_st_env(TCG_I32, v, xr + 2 * (int)(in->imm & 7), MO_16);
        }
        return;
    }
    case 0xc5 << 2 | 0: case 0xc5 << 2 | 1:
        if (mem)
            break;
        if (col == 0) {
            gen_mmx_enter(s);
            tcg_gen_ld_env(TCG_I32, i386_regs[in->reg], MOFF(in->rm) + 2 * (int)(in->imm & 3), MO_16);
        } else {
            tcg_gen_ld_env(TCG_I32, i386_regs[in->reg], xm + 2 * (int)(in->imm & 7), MO_16);
        }
        return;
    /* Masks. */
    case 0xd7 << 2 | 0: case 0xd7 << 2 | 1: case 0x50 << 2 | 0: case 0x50 << 2 | 1: {
        if (mem)
            break;
        const void *fn = b == 0x50 ? (col == 0 ? (void *)helper_movmskps : (void *)helper_movmskpd)
                                   : (col == 0 ? (void *)helper_pmovmskb_mmx : (void *)helper_pmovmskb);
        if (b == 0xd7 && col == 0)
            gen_mmx_enter(s);
        tcg_gen_call(fn, CALL_NO_RWG, TCG_I32, i386_regs[in->reg], tcg_env,
                     k32((uint32_t)(b == 0xd7 && col == 0 ? MOFF(in->rm) : xm)));
        return;
    }
    case 0xf7 << 2 | 0: case 0xf7 << 2 | 1: { /* maskmovq / maskmovdqu */
        if (mem)
            break;
        if (col == 0)
            gen_mmx_enter(s);
        TCGv_i32 a = i386_ea_string(s, R_EDI, R_DS), r = t32();
        tcg_gen_call(helper_maskmov, CALL_NO_RWG, TCG_I32, r, tcg_env,
                     k32((uint32_t)(col == 0 ? MOFF(in->reg) : xr)),
                     k32((uint32_t)(col == 0 ? MOFF(in->rm) : xm)), a, k32(col == 0 ? 8 : 16));
        gen_check_excp(s, r);
        return;
    }
    case 0x77 << 2 | 0: /* emms */
        if (!s->mmx_state)
            gen_fp_check(s);
        tcg_gen_st_i32(k32(0xff), X86_OFF(fptags));
        s->mmx_state = false;
        return;
    case 0x71 << 2 | 0: case 0x72 << 2 | 0: case 0x73 << 2 | 0:
    case 0x71 << 2 | 1: case 0x72 << 2 | 1: case 0x73 << 2 | 1:
        gen_shift_imm(s, in, b, col == 0);
        return;
    case 0x2a << 2 | 2: case 0x2a << 2 | 3:
        gen_cvtsi2(s, in, col);
        return;
    case 0x2c << 2 | 2: case 0x2c << 2 | 3: case 0x2d << 2 | 2: case 0x2d << 2 | 3:
        gen_cvt2si(s, in, b, col);
        return;
    case 0x2e << 2 | 0: case 0x2e << 2 | 1: case 0x2f << 2 | 0: case 0x2f << 2 | 1:
        gen_comi(s, in, b, col);
        return;
    }
    gen_ud(s);
}

/* ---- Entry ---- */

void gen_sse(DisasContext *s, X86Insn *in)
{
    static bool built;
    if (!built) {
        build_lut();
        built = true;
    }
    int col = (s->prefix & PREFIX_REPNZ) ? 3 : (s->prefix & PREFIX_REPZ) ? 2
            : (s->prefix & PREFIX_DATA) ? 1 : 0;
    int map = in->op < 0x200 ? 0 : in->op < 0x300 ? 1 : 2;
    int b = in->op & 0xff;
    const SseRow *r = lut[map][b][col];
    if (!r || !(x86_features & r->feat) || (s->prefix & PREFIX_LOCK)) {
        gen_ud(s);
        return;
    }
    bool has_imm = r->kind == K_MMI || r->kind == K_XXI || r->kind == K_XXFI;
    uint32_t imm = in->imm & 0xff;
    switch (r->kind) {
    case K_MM:
    case K_MMI: {
        gen_mmx_enter(s);
        int src = gen_src(s, in, true, r->msize);
        gen_call_void(r->fn, MOFF(in->reg), src, (int)imm, has_imm);
        gen_mmx_written(in->reg);
        return;
    }
    case K_XX:
    case K_XXI: {
        int src = gen_src(s, in, false, r->msize);
        gen_host_row(r, XOFF(in->reg), src, has_imm ? (int)imm : -1);
        return;
    }
    case K_XXF:
    case K_XXFI: {
        int src = gen_src(s, in, false, r->msize);
        if (s->mxdef) /* cmp*: the predicate is imm8 bits 2..0 (the helper's imm & 7) */
            gen_host_row(r, XOFF(in->reg), src, has_imm ? (int)(imm & 7) : -1);
        else
            gen_call_fp(s, r->fn, XOFF(in->reg), src, (int)imm, has_imm);
        return;
    }
    case K_XMF: {
        int src;
        if (in->mod == 3) {
            gen_mmx_enter(s);
            src = MOFF(in->rm);
        } else {
            src = gen_src(s, in, false, 8);
        }
        gen_call_fp(s, r->fn, XOFF(in->reg), src, 0, false);
        return;
    }
    case K_MXF: {
        int src = gen_src(s, in, false, r->msize);
        gen_mmx_enter(s);
        gen_call_fp(s, r->fn, MOFF(in->reg), src, 0, false);
        gen_mmx_written(in->reg);
        return;
    }
    default:
        gen_special(s, in, b, col);
        return;
    }
}
