/*
 * x86-64 emitter for fp_guarded (tcg/fp.h): the host SSE instruction
 * inline, two cheap checks, and an out-of-line stub that calls the fallback.
 *
 *   cmp    dword [env + c2], value ; jne stub   (the guard; other forms
 *                                                for other masks)
 *   movq   xmm0, i1 ; movq xmm1, i2 ; <op>sd xmm0, xmm1 ; movq out, xmm0
 *   pextrw tmp, xmm0, 3 ; and tmp, 0x7ff0 ; sub tmp, 0x20
 *   cmp    tmp, 0x7fd0 ; jae stub                 (result not safe)
 * cont:
 *
 * The stub (emitted after the TB's last op) saves every call-clobbered
 * register, calls the fallback with the inputs as they were at the op, puts
 * rax where the output register is restored from, restores and jumps back
 * to cont.  So the op clobbers nothing but its output and one scratch
 * register, and needs no register-allocator support beyond ordinary ops.
 * xmm registers are never live between ops in generated code.
 *
 * Stub space is reserved as the op is emitted by lowering code_end, so
 * tcg_gen_code's per-op space check covers the stubs; x86_fp_tb_start /
 * x86_fp_tb_end give the reservation back.  When too many stubs are pending
 * (or space is short) the stub is emitted inline behind a jmp.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "tcg/fp.h"
#include "tcg/x86/x86.h"
#include "include/coldbss.h"

#define MAX_STUBS 256
#define STUB_MAX 192 /* bytes: pushes, xmm saves, args, call, result, restores, jmp */

/* xmm0 and xmm1 are scratch; xmm2..xmm7 cache fp_guarded results. */
#define XC_FIRST 2
#define XC_N 6

typedef struct FpStub {
    uint8_t *field[3]; /* jcc rel32 fields that enter the stub */
    int nb_field;
    uint8_t *cont;     /* where the stub returns */
    int8_t in[3];      /* input registers, -1 = unused input (passed as 0) */
    int8_t out;
    int8_t out_x;      /* xmm register caching the output, or -1 */
    uint16_t save;     /* call-clobbered registers holding values (not out) */
    uint8_t xsave;     /* cache xmm registers in use (not out_x) */
    bool w;
    uint32_t sub;
    const void *fn;
} FpStub;

static FpStub stubs[MAX_STUBS];
static int nb_stubs;
static ptrdiff_t reserved;

/* The call-clobbered registers in push order. */
static const int8_t saved[9] = { R_AX, R_CX, R_DX, R_SI, R_DI, R_8, R_9, R_10, R_11 };

/* The stub's frame: the pushed registers of st->save (push order: saved[]),
   below them 8 bytes per xmm register of st->xsave, padded so rsp is
   16-byte aligned at the call.  Offset of register r's saved copy, or -1
   when it is not saved (callee-saved: intact in the register). */
static int stub_frame(const FpStub *st)
{
    int n = __builtin_popcount(st->save), frame = 8 * __builtin_popcount(st->xsave);
    return (8 * n + frame) % 16 ? frame + 8 : frame;
}

static int saved_off(const FpStub *st, int r)
{
    int n = __builtin_popcount(st->save), j = 0;
    for (int i = 0; i < 9; i++) {
        if (!(st->save & RMASK(saved[i]))) {
            continue;
        }
        if (saved[i] == r) {
            return stub_frame(st) + 8 * (n - 1 - j);
        }
        j++;
    }
    return -1;
}

/* ---- The xmm cache ----
 * Within a TB an fp_guarded result stays in an xmm register as well as in
 * its output temp, so the next fp_guarded reading that temp (or a mov copy
 * of it) skips the movq from the general register and its latency.  Nothing
 * else in generated code uses xmm registers; helper calls clobber them, so
 * every call and every label (a merge point) empties the cache, and any op
 * writing a temp forgets that temp's entry (x86_fp_note_op).  Singles
 * travel as halves of the I64 globals d0-d31, so an I64 temp can also
 * record which xmm registers hold its low and high halves (concat_i32_i64
 * of cached singles), which extrl/extrh then recover.  Slot k of temp t is
 * in xmm x_of[t][k] when x_stamp[t][k] equals that register's stamp;
 * stamps are never reused, so emptying the cache is bumping every
 * register's stamp. */
enum { XS_ALL, XS_LO, XS_HI, XS_N };
static int8_t x_of[TCG_MAX_TEMPS][XS_N];
static COLD_BSS uint32_t x_stamp[TCG_MAX_TEMPS][XS_N];
static uint32_t xreg_stamp[16];
static uint8_t xreg_live; /* cache registers given out since the last clear */
static uint32_t stamp_counter;
static int x_next; /* round robin over the cache registers */

static void xcache_clear(void)
{
    for (int k = 0; k < 16; k++) {
        xreg_stamp[k] = ++stamp_counter;
    }
    xreg_live = 0;
}

/* The xmm register holding slot `slot` of t, or -1. */
static int slot_get(TCGv t, int slot)
{
    if (t >= TCG_MAX_TEMPS) {
        return -1;
    }
    int k = x_of[t][slot];
    return k >= XC_FIRST && x_stamp[t][slot] == xreg_stamp[k] ? k : -1;
}

static void slot_set(TCGv t, int slot, int k)
{
    if (t < TCG_MAX_TEMPS) {
        x_of[t][slot] = (int8_t)k;
        x_stamp[t][slot] = k >= 0 ? xreg_stamp[k] : 0;
    }
}

/* The xmm register holding t's value, or -1. */
static int xcache_get(TCGv t) { return slot_get(t, XS_ALL); }

static void xcache_forget(TCGv t)
{
    for (int i = 0; i < XS_N; i++) {
        slot_set(t, i, -1);
    }
}

/* A cache register for a new value, avoiding the registers in busy. */
static int xcache_take(unsigned busy)
{
    for (int i = 0; i < XC_N; i++) {
        int k = XC_FIRST + x_next;
        x_next = (x_next + 1) % XC_N;
        if (!(busy & (1u << k))) {
            xreg_stamp[k] = ++stamp_counter;
            xreg_live |= (uint8_t)(1u << k);
            return k;
        }
    }
    return -1; /* not reached: at most three inputs are busy */
}

static void xcache_set(TCGv t, int k)
{
    xcache_forget(t);
    slot_set(t, XS_ALL, k);
}

void x86_fp_note_op(const TCGOp *op)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    TCGv o = (TCGv)op->args[0], i0 = (TCGv)op->args[1], i1 = (TCGv)op->args[2];
    int k[XS_N];
    switch (op->opc) {
    case INDEX_op_nop: case INDEX_op_insn_start:
        return;
    case INDEX_op_mov:
        for (int i = 0; i < XS_N; i++) {
            k[i] = slot_get(i0, i);
        }
        for (int i = 0; i < XS_N; i++) {
            slot_set(o, i, k[i]);
        }
        return;
    case INDEX_op_concat_i32_i64: /* o = i1:i0 */
        k[XS_LO] = slot_get(i0, XS_ALL);
        k[XS_HI] = slot_get(i1, XS_ALL);
        xcache_forget(o);
        slot_set(o, XS_LO, k[XS_LO]);
        slot_set(o, XS_HI, k[XS_HI]);
        return;
    case INDEX_op_extrl_i64_i32: /* the low half: also the low lane of a cached I64 */
        k[0] = slot_get(i0, XS_LO);
        if (k[0] < 0) {
            k[0] = slot_get(i0, XS_ALL);
        }
        xcache_set(o, k[0]);
        return;
    case INDEX_op_extrh_i64_i32:
        k[0] = slot_get(i0, XS_HI);
        xcache_set(o, k[0]);
        return;
    case INDEX_op_discard:
        xcache_forget(o);
        return;
    case INDEX_op_host_vec: /* may overwrite globals in env */
    case INDEX_op_set_label:
        xcache_clear();
        return;
    default:
        break;
    }
    if (def->flags & OPF_CALL) {
        xcache_clear();
    }
    for (int i = 0; i < def->nb_oargs; i++) {
        if (op->args[i] != TEMP_NONE) {
            xcache_forget((TCGv)op->args[i]);
        }
    }
}

/* ---- SSE encodings (xmm0..xmm7 only: no REX for the xmm operand) ---- */

static void movq_x_r(TCGContext *s, bool w, int x, int r) /* movq/movd xmm, r */
{
    emit_modrm(s, 0x6e | P_EXT | P_DATA16 | (w ? P_REXW : 0), x, r);
}

static void movq_r_x(TCGContext *s, bool w, int r, int x) /* movq/movd r, xmm */
{
    emit_modrm(s, 0x7e | P_EXT | P_DATA16 | (w ? P_REXW : 0), x, r);
}

static void movapd(TCGContext *s, int dst, int src) /* whole-register copy */
{
    if (dst != src) {
        emit_modrm(s, 0x28 | P_EXT | P_DATA16, dst, src);
    }
}

/* movsd [rsp + off], xmm x (store) or xmm x, [rsp + off] (load). */
static void movsd_stack(TCGContext *s, bool store, int x, int32_t off)
{
    emit8(s, 0xf2);
    emit_modrm_mem(s, (store ? 0x11 : 0x10) | P_EXT, x, R_SP, -1, off);
}

/* addsd/subsd/mulsd/divsd/sqrtsd (0x58/0x5c/0x59/0x5e/0x51), ss forms. */
static void sse_arith(TCGContext *s, bool w, int opcode, int dst, int src)
{
    if (w) {
        emit8(s, 0xf2);
        emit_modrm(s, opcode | P_EXT, dst, src);
    } else {
        emit_modrm(s, opcode | P_EXT | P_F3, dst, src);
    }
}

static void ucomis(TCGContext *s, bool w, int a, int b)
{
    emit_modrm(s, 0x2e | P_EXT | (w ? P_DATA16 : 0), a, b);
}

enum { SSE_ADD = 0x58, SSE_MUL = 0x59, SSE_SUB = 0x5c, SSE_DIV = 0x5e, SSE_SQRT = 0x51 };

/* Into the stub (jae) unless the biased exponent of the value in xmm x is
   in [2, emax - 1]: pextrw takes the top 16 bits (sign, exponent, the top
   of the fraction), so the exponent is bits 14:4 (f64) or 14:7 (f32). */
static void check_safe(TCGContext *s, FpStub *st, bool w, int x, int tmp)
{
    emit_modrm(s, 0xc5 | P_EXT | P_DATA16, tmp, x); /* pextrw tmp, xmm x, imm8 */
    emit8(s, w ? 3 : 1);
    int sh = w ? 4 : 7;
    emit_arith_ri(s, ARITH_AND, false, tmp, (w ? 0x7ff : 0xff) << sh);
    emit_arith_ri(s, ARITH_SUB, false, tmp, 2 << sh);
    emit_arith_ri(s, ARITH_CMP, false, tmp, (w ? 0x7fd : 0xfd) << sh);
    st->field[st->nb_field++] = emit_jmp_rel32(s, 0x3); /* jae */
}

/* ---- The stub ---- */

static void load_arg(TCGContext *s, const FpStub *st, int dst, int src)
{
    if (src < 0) {
        emit_movi(s, false, dst, 0, true);
    } else if (saved_off(st, src) >= 0) {
        emit_ld(s, true, dst, R_SP, saved_off(st, src));
    } else {
        emit_mov_rr(s, true, dst, src); /* callee-saved: intact */
    }
}

static void emit_stub(TCGContext *s, const FpStub *st)
{
    int frame = stub_frame(st), j;
    for (int i = 0; i < st->nb_field; i++) {
        patch_rel32(st->field[i], s->code_ptr);
    }
    for (int i = 0; i < 9; i++) {
        if (st->save & RMASK(saved[i])) {
            emit_opc(s, OPC_PUSH + (saved[i] & 7), 0, saved[i], -1);
        }
    }
    if (frame) {
        emit_arith_ri(s, ARITH_SUB, true, R_SP, frame);
    }
    j = 0;
    for (int k = 0; k < 8; k++) {
        if (st->xsave & (1u << k)) {
            movsd_stack(s, true, k, 8 * j++);
        }
    }
    /* Arguments come from the saved copies, so their order is free (every
       call-clobbered input register is saved). */
    load_arg(s, st, R_DX, st->in[0]);
    load_arg(s, st, R_CX, st->in[1]);
    load_arg(s, st, R_8, st->in[2]);
    emit_movi(s, false, R_SI, st->sub, true);
    emit_mov_rr(s, true, R_DI, R_ENV);
    emit_call_abs(s, st->fn);
    if (!st->w) {
        emit_zext32(s, R_AX, R_AX);
    }
    emit_mov_rr(s, true, st->out, R_AX); /* out is not restored below */
    j = 0;
    for (int k = 0; k < 8; k++) {
        if (st->xsave & (1u << k)) {
            movsd_stack(s, false, k, 8 * j++);
        }
    }
    if (st->out_x >= 0) {
        movq_x_r(s, st->w, st->out_x, st->out);
    }
    if (frame) {
        emit_arith_ri(s, ARITH_ADD, true, R_SP, frame);
    }
    for (int i = 8; i >= 0; i--) {
        if (st->save & RMASK(saved[i])) {
            emit_opc(s, OPC_POP + (saved[i] & 7), 0, saved[i], -1);
        }
    }
    patch_rel32(emit_jmp_rel32(s, -1), st->cont);
}

void x86_fp_tb_start(X86Gen *g)
{
    g->s->code_end += reserved; /* a failed earlier attempt */
    reserved = 0;
    nb_stubs = 0;
    xcache_clear();
}

void x86_fp_tb_end(X86Gen *g)
{
    TCGContext *s = g->s;
    s->code_end += reserved;
    reserved = 0;
    for (int i = 0; i < nb_stubs; i++) {
        uint8_t *start = s->code_ptr;
        emit_stub(s, &stubs[i]);
        if (s->code_ptr - start > STUB_MAX) {
            fprintf(stderr, "mimic: x86 backend: fp_guarded stub larger than reserved\n");
            abort();
        }
    }
    nb_stubs = 0;
}

/* ---- The op ---- */

/* The xmm register holding input t: its cache register, or scratch loaded
   from the general register r. */
static int x_input(TCGContext *s, bool w, TCGv t, int r, int scratch)
{
    int k = xcache_get(t);
    if (k >= 0) {
        return k;
    }
    movq_x_r(s, w, scratch, r);
    return scratch;
}

/* SSE conversion opcodes (0x0f map): cvtsi2sd/ss, cvttsd2si/ss2si, cvtsd2ss/ss2sd. */
enum { SSE_CVTSI2F = 0x2a, SSE_CVTTF2SI = 0x2c, SSE_CVTF2F = 0x5a };

/* pfx_double: F2 (double operand) or F3 (single); rexw: 64-bit integer. */
static void sse_cvt(TCGContext *s, bool pfx_double, bool rexw, int opcode, int r, int rm)
{
    if (pfx_double) {
        emit8(s, 0xf2);
        emit_modrm(s, opcode | P_EXT | (rexw ? P_REXW : 0), r, rm);
    } else {
        emit_modrm(s, opcode | P_EXT | P_F3 | (rexw ? P_REXW : 0), r, rm);
    }
}

/* The conversion kinds: result in out (and, for float results that are
   cached, in *c).  Checks jump to the stub. */
static void emit_cvt(TCGContext *s, FpStub *st, unsigned kind, bool w, TCGv t1, int out, int tmp, int *c)
{
    int in = st->in[1], a;
    *c = -1;
    switch (kind) {
    case FPG_SITOF: case FPG_UITOF:
        *c = xcache_take(0);
        emit_modrm(s, 0x57 | P_EXT, *c, *c); /* xorps: no false dependency */
        if (kind == FPG_UITOF) {
            emit_zext32(s, tmp, in); /* the low 32 bits, as a 64-bit signed value */
            sse_cvt(s, w, true, SSE_CVTSI2F, *c, tmp);
        } else {
            sse_cvt(s, w, false, SSE_CVTSI2F, *c, in);
        }
        movq_r_x(s, w, out, *c);
        break;
    case FPG_FTOSI:
        a = x_input(s, w, t1, in, 0);
        sse_cvt(s, w, false, SSE_CVTTF2SI, out, a); /* INT32_MIN: NaN, out of range */
        emit_arith_ri(s, ARITH_CMP, false, out, INT32_MIN);
        st->field[st->nb_field++] = emit_jmp_rel32(s, 0x4); /* je */
        if (w) {
            emit_modrm(s, OPC_MOVSLQ, out, out);
        }
        break;
    case FPG_FTOUI:
        a = x_input(s, w, t1, in, 0);
        sse_cvt(s, w, true, SSE_CVTTF2SI, out, a); /* 64-bit result */
        emit_mov_rr(s, true, tmp, out);
        emit_shift_ri(s, SHIFT_SHR, true, tmp, 32);
        st->field[st->nb_field++] = emit_jmp_rel32(s, 0x5); /* jnz: not a uint32 */
        break;
    case FPG_F64TOF32:
    case FPG_F32TOF64:
        if (!w) {
            /* malformed (tcg/fp.h: I64 only): always the fallback */
            st->field[st->nb_field++] = emit_jmp_rel32(s, -1);
            break;
        }
        a = x_input(s, true, t1, in, 0);
        if (kind == FPG_F64TOF32) {
            sse_cvt(s, true, false, SSE_CVTF2F, 0, a); /* cvtsd2ss xmm0 */
            movq_r_x(s, false, out, 0);                /* zero-extended */
            check_safe(s, st, false, 0, tmp);
        } else {
            *c = xcache_take(1u << a);
            sse_cvt(s, false, false, SSE_CVTF2F, *c, a); /* cvtss2sd */
            movq_r_x(s, true, out, *c);
            check_safe(s, st, true, *c, tmp);
        }
        break;
    }
}

void x86_op_fp_guarded(X86Gen *g)
{
    static const uint8_t sse_op[] = {
        [FPG_ADD] = SSE_ADD, [FPG_SUB] = SSE_SUB, [FPG_MUL] = SSE_MUL, [FPG_DIV] = SSE_DIV,
    };
    const TCGOp *op = g->op;
    TCGContext *s = g->s;
    bool w = op->type == TCG_I64;
    unsigned kind = (unsigned)(op->args[4] & 0xff);
    uint32_t mask = (uint32_t)(op->args[7] >> 32), value = (uint32_t)op->args[7];
    TCGv t0 = (TCGv)op->args[1], t1 = (TCGv)op->args[2], t2 = (TCGv)op->args[3];
    FpStub st = { .w = w, .sub = (uint32_t)(op->args[4] >> 8), .fn = (const void *)(uintptr_t)op->args[5],
                  .out_x = -1 };

    if (kind >= FPG_NB) {
        fprintf(stderr, "mimic: x86 backend: bad fp_guarded kind %u\n", kind);
        abort();
    }
    /* The stub needs every input in a general register. */
    st.in[0] = (int8_t)(fpg_uses_i0(kind) ? ra_in(g, t0, ALLOC_REGS) : -1);
    st.in[1] = (int8_t)ra_in(g, t1, ALLOC_REGS);
    st.in[2] = (int8_t)(fpg_uses_i2(kind) ? ra_in(g, t2, ALLOC_REGS) : -1);
    int out = ra_alloc(g, ALLOC_REGS), tmp = ra_alloc(g, ALLOC_REGS);
    st.out = (int8_t)out;

    /* The guard first: the scratch register is free again for the checks. */
    int32_t goff = (int32_t)op->args[6];
    if (mask == 0xffffffffu) {
        /* cmp dword [env + goff], value */
        if (fits_i8((int32_t)value)) {
            emit_modrm_mem(s, OPC_ARITH_EvIb, ARITH_CMP, R_ENV, -1, goff);
            emit8(s, (uint8_t)value);
        } else {
            emit_modrm_mem(s, OPC_ARITH_EvIz, ARITH_CMP, R_ENV, -1, goff);
            emit32(s, value);
        }
        st.field[st.nb_field++] = emit_jmp_rel32(s, 0x5); /* jne */
    } else if (mask && value == 0) {
        /* test dword [env + goff], mask */
        emit_modrm_mem(s, OPC_GRP3, EXT3_TEST, R_ENV, -1, goff);
        emit32(s, mask);
        st.field[st.nb_field++] = emit_jmp_rel32(s, 0x5); /* jnz */
    } else if (mask) {
        emit_ld(s, false, tmp, R_ENV, goff);
        emit_arith_ri(s, ARITH_AND, false, tmp, (int32_t)mask);
        emit_arith_ri(s, ARITH_CMP, false, tmp, (int32_t)value);
        st.field[st.nb_field++] = emit_jmp_rel32(s, 0x5); /* jne */
    }

    if (kind > FPG_CMP) {
        int c;
        emit_cvt(s, &st, kind, w, t1, out, tmp, &c);
        st.out_x = (int8_t)c;
        goto stub;
    }
    /* Sources: cached xmm registers, or xmm0 / xmm1 loaded from the inputs. */
    int a = x_input(s, w, t1, st.in[1], 0);
    int b = kind == FPG_SQRT ? a : t2 == t1 ? a : x_input(s, w, t2, st.in[2], 1);
    unsigned busy = 1u << a | 1u << b;
    int c = -1; /* the result's register */
    switch (kind) {
    case FPG_ADD: case FPG_SUB: case FPG_MUL: case FPG_DIV:
        c = xcache_take(1u << b); /* c may be a: it is read first */
        movapd(s, c, a);
        sse_arith(s, w, sse_op[kind], c, b);
        break;
    case FPG_SQRT:
        c = xcache_take(0);
        sse_arith(s, w, SSE_SQRT, c, a);
        break;
    case FPG_CMP:
        ucomis(s, w, a, b);
        st.field[st.nb_field++] = emit_jmp_rel32(s, 0xa); /* jp: unordered */
        /* FPRelation: equal 0, less 1, greater 2 (unordered: the fallback) */
        emit_movi(s, false, out, 0, false);
        emit_movi(s, false, tmp, 1, false);
        emit_modrm(s, OPC_CMOVCC + 0x2, out, tmp); /* cmovb: less */
        emit_movi(s, false, tmp, 2, false);
        emit_modrm(s, OPC_CMOVCC + 0x7, out, tmp); /* cmova: greater */
        break;
    default: { /* chained multiply-accumulate: p = i1 * i2 in xmm0 */
        movapd(s, 0, a);
        sse_arith(s, w, SSE_MUL, 0, b);
        check_safe(s, &st, w, 0, tmp);
        int d = x_input(s, w, t0, st.in[0], 1);
        busy |= 1u << d;
        c = xcache_take(1u << d);
        if (kind == FPG_NMLS) {
            movapd(s, c, 0);
            sse_arith(s, w, SSE_SUB, c, d); /* p - a */
        } else {
            movapd(s, c, d);
            sse_arith(s, w, kind == FPG_MLS ? SSE_SUB : SSE_ADD, c, 0); /* a -/+ p */
        }
        break;
    }
    }
    (void)busy;
    if (c >= 0) {
        movq_r_x(s, w, out, c);
        check_safe(s, &st, w, c, tmp);
        if (kind == FPG_NMLA) {
            /* -(a + p): rounding to nearest is symmetric; the xmm copy is
               not negated, so it is not cached */
            emit_opc(s, 0xba | P_EXT | (w ? P_REXW : 0), 0, out, -1); /* btc out, imm8 */
            emit8(s, (uint8_t)(0xc0 | 7 << 3 | (out & 7)));
            emit8(s, w ? 63 : 31);
        } else {
            st.out_x = (int8_t)c;
        }
    }

stub:
    ra_free_dead_inputs(g);
    ra_bind_out(g, (TCGv)op->args[0], out);
    ra_free_dead_outputs(g);
    /* What the stub must preserve: every register holding a value after the
       op, and the inputs (the fallback's arguments), but not out. */
    for (int r = 0; r < 16; r++) {
        if (g->reg_temp[r] != TEMP_NONE || r == st.in[0] || r == st.in[1] || r == st.in[2]) {
            st.save |= RMASK(r);
        }
    }
    st.save &= CALLER_SAVED & ~RMASK(out);
    st.xsave = (uint8_t)(xreg_live & ~(st.out_x >= 0 ? 1u << st.out_x : 0));

    /* The stub: out of line when there is room, else right here. */
    bool out_of_line = nb_stubs < MAX_STUBS && s->code_end - s->code_ptr > 4096 + STUB_MAX;
    if (!out_of_line) {
        uint8_t *skip = emit_jmp_rel32(s, -1);
        st.cont = s->code_ptr; /* the stub's final jmp is repatched below */
        emit_stub(s, &st);
        patch_rel32(s->code_ptr - 4, s->code_ptr);
        patch_rel32(skip, s->code_ptr);
    } else {
        st.cont = s->code_ptr;
        stubs[nb_stubs++] = st;
        s->code_end -= STUB_MAX;
        reserved += STUB_MAX;
    }

    xcache_forget((TCGv)op->args[0]);
    if (st.out_x >= 0) {
        xcache_set((TCGv)op->args[0], st.out_x);
    }
}
