/*
 * x86-64 emitter for fp_guarded (tcg/fp.h): the host SSE instruction
 * inline, two cheap checks, and an out-of-line stub that calls the fallback.
 *
 *   movq   xmm0, i1 ; movq xmm1, i2 ; <op>sd xmm0, xmm1 ; movq out, xmm0
 *   mov    tmp, out ; shr tmp, 52 ; and tmp, 0x7ff ; sub tmp, 2
 *   cmp    tmp, 0x7fd ; jae stub                  (result not safe)
 *   mov    tmp, [env + c2] ; and tmp, mask ; cmp tmp, value ; jne stub
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
#include <stdio.h>
#include <stdlib.h>

#include "tcg/fp.h"
#include "tcg/x86/x86.h"

#define MAX_STUBS 256
#define STUB_MAX 96 /* bytes: 9 pushes, args, call, result, 9 pops, jmp */

typedef struct FpStub {
    uint8_t *field[3]; /* jcc rel32 fields that enter the stub */
    int nb_field;
    uint8_t *cont;     /* where the stub returns */
    int8_t in[3];      /* input registers, -1 = unused input (passed as 0) */
    int8_t out;
    bool w;
    uint32_t sub;
    const void *fn;
} FpStub;

static FpStub stubs[MAX_STUBS];
static int nb_stubs;
static ptrdiff_t reserved;

/* The call-clobbered registers in push order. */
static const int8_t saved[9] = { R_AX, R_CX, R_DX, R_SI, R_DI, R_8, R_9, R_10, R_11 };

/* Stack offset (after the pushes and the alignment slot) of r's saved copy,
   or -1 when r is callee-saved (intact in the register). */
static int saved_off(int r)
{
    for (int i = 0; i < 9; i++) {
        if (saved[i] == r) {
            return 8 + 8 * (8 - i);
        }
    }
    return -1;
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

/* jae stub unless out's biased exponent is in [2, emax - 1]. */
static void check_safe(TCGContext *s, FpStub *st, bool w, int out, int tmp)
{
    emit_mov_rr(s, w, tmp, out);
    emit_shift_ri(s, SHIFT_SHR, w, tmp, w ? 52 : 23);
    emit_arith_ri(s, ARITH_AND, false, tmp, w ? 0x7ff : 0xff);
    emit_arith_ri(s, ARITH_SUB, false, tmp, 2);
    emit_arith_ri(s, ARITH_CMP, false, tmp, w ? 0x7fd : 0xfd);
    st->field[st->nb_field++] = emit_jmp_rel32(s, 0x3); /* jae */
}

/* ---- The stub ---- */

static void load_arg(TCGContext *s, int dst, int src)
{
    if (src < 0) {
        emit_movi(s, false, dst, 0, true);
    } else if (saved_off(src) >= 0) {
        emit_ld(s, true, dst, R_SP, saved_off(src));
    } else {
        emit_mov_rr(s, true, dst, src);
    }
}

static void emit_stub(TCGContext *s, const FpStub *st)
{
    for (int i = 0; i < st->nb_field; i++) {
        patch_rel32(st->field[i], s->code_ptr);
    }
    for (int i = 0; i < 9; i++) {
        emit_opc(s, OPC_PUSH + (saved[i] & 7), 0, saved[i], -1);
    }
    emit_arith_ri(s, ARITH_SUB, true, R_SP, 8); /* rsp 16-byte aligned at the call */
    /* Arguments come from the saved copies, so their order is free. */
    load_arg(s, R_DX, st->in[0]);
    load_arg(s, R_CX, st->in[1]);
    load_arg(s, R_8, st->in[2]);
    emit_movi(s, false, R_SI, st->sub, true);
    emit_mov_rr(s, true, R_DI, R_ENV);
    emit_call_abs(s, st->fn);
    if (!st->w) {
        emit_zext32(s, R_AX, R_AX);
    }
    if (saved_off(st->out) >= 0) {
        emit_st(s, true, R_AX, R_SP, saved_off(st->out));
    } else {
        emit_mov_rr(s, true, st->out, R_AX);
    }
    emit_arith_ri(s, ARITH_ADD, true, R_SP, 8);
    for (int i = 8; i >= 0; i--) {
        emit_opc(s, OPC_POP + (saved[i] & 7), 0, saved[i], -1);
    }
    patch_rel32(emit_jmp_rel32(s, -1), st->cont);
}

void x86_fp_tb_start(X86Gen *g)
{
    g->s->code_end += reserved; /* a failed earlier attempt */
    reserved = 0;
    nb_stubs = 0;
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
    FpStub st = { .w = w, .sub = (uint32_t)(op->args[4] >> 8), .fn = (const void *)(uintptr_t)op->args[5] };

    if (kind >= FPG_NB) {
        fprintf(stderr, "mimic: x86 backend: bad fp_guarded kind %u\n", kind);
        abort();
    }
    st.in[0] = (int8_t)(fpg_uses_i0(kind) ? ra_in(g, (TCGv)op->args[1], ALLOC_REGS) : -1);
    st.in[1] = (int8_t)ra_in(g, (TCGv)op->args[2], ALLOC_REGS);
    st.in[2] = (int8_t)(fpg_uses_i2(kind) ? ra_in(g, (TCGv)op->args[3], ALLOC_REGS) : -1);
    int out = ra_alloc(g, ALLOC_REGS), tmp = ra_alloc(g, ALLOC_REGS);
    st.out = (int8_t)out;

    /* Guard first: the scratch register is free again for the checks. */
    if (mask) {
        emit_ld(s, false, tmp, R_ENV, (int32_t)op->args[6]);
        emit_arith_ri(s, ARITH_AND, false, tmp, (int32_t)mask);
        emit_arith_ri(s, ARITH_CMP, false, tmp, (int32_t)value);
        st.field[st.nb_field++] = emit_jmp_rel32(s, 0x5); /* jne */
    }
    movq_x_r(s, w, 0, st.in[1]);
    if (kind != FPG_SQRT) {
        movq_x_r(s, w, 1, st.in[2]);
    }
    switch (kind) {
    case FPG_ADD: case FPG_SUB: case FPG_MUL: case FPG_DIV:
        sse_arith(s, w, sse_op[kind], 0, 1);
        movq_r_x(s, w, out, 0);
        check_safe(s, &st, w, out, tmp);
        break;
    case FPG_SQRT:
        sse_arith(s, w, SSE_SQRT, 0, 0);
        movq_r_x(s, w, out, 0);
        check_safe(s, &st, w, out, tmp);
        break;
    case FPG_CMP:
        ucomis(s, w, 0, 1);
        st.field[st.nb_field++] = emit_jmp_rel32(s, 0xa); /* jp: unordered */
        emit_movi(s, false, out, 0x60000000u, false);
        emit_movi(s, false, tmp, 0x80000000u, false);
        emit_modrm(s, OPC_CMOVCC + 0x2, out, tmp); /* cmovb: less */
        emit_movi(s, false, tmp, 0x20000000u, false);
        emit_modrm(s, OPC_CMOVCC + 0x7, out, tmp); /* cmova: greater */
        break;
    default: /* chained multiply-accumulate: p = i1 * i2 in xmm0 */
        sse_arith(s, w, SSE_MUL, 0, 1);
        movq_r_x(s, w, out, 0);
        check_safe(s, &st, w, out, tmp);
        movq_x_r(s, w, 1, st.in[0]);
        if (kind == FPG_NMLS) {
            sse_arith(s, w, SSE_SUB, 0, 1); /* p - a */
            movq_r_x(s, w, out, 0);
        } else {
            sse_arith(s, w, kind == FPG_MLS ? SSE_SUB : SSE_ADD, 1, 0); /* a -/+ p */
            movq_r_x(s, w, out, 1);
        }
        check_safe(s, &st, w, out, tmp);
        if (kind == FPG_NMLA) {
            /* -(a + p): rounding to nearest is symmetric */
            emit_opc(s, 0xba | P_EXT | (w ? P_REXW : 0), 0, out, -1); /* btc out, imm8 */
            emit8(s, (uint8_t)(0xc0 | 7 << 3 | (out & 7)));
            emit8(s, w ? 63 : 31);
        }
        break;
    }

    /* The stub: out of line when there is room, else right here. */
    bool out_of_line = nb_stubs < MAX_STUBS && s->code_end - s->code_ptr > 4096 + STUB_MAX;
    uint8_t *skip = NULL;
    if (!out_of_line) {
        skip = emit_jmp_rel32(s, -1);
        uint8_t *stub_start = s->code_ptr;
        st.cont = stub_start; /* patched below */
        emit_stub(s, &st);
        /* the stub's final jmp targets cont = here: repatch it */
        patch_rel32(s->code_ptr - 4, s->code_ptr);
        patch_rel32(skip, s->code_ptr);
    } else {
        st.cont = s->code_ptr;
        stubs[nb_stubs++] = st;
        s->code_end -= STUB_MAX;
        reserved += STUB_MAX;
    }

    ra_free_dead_inputs(g);
    ra_bind_out(g, (TCGv)op->args[0], out);
    ra_free_dead_outputs(g);
}
