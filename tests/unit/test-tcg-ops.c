/*
 * The x86-64 backend must compute what the IR interpreter computes.
 *
 * For every op and width, on random and edge-case operands (globals from a
 * fake env, or constants), builds a tiny TB that writes its results to env
 * globals and exits; runs it through tcg_gen_code + tcg_exec_code and through
 * tcg_interpret on a copy of the env (and of the fake guest memory), and
 * requires identical results.  Each case runs with and without the optimizer
 * so the backend sees both folded and raw IR.  Also: values live across
 * branches and labels, register pressure (spills), helper calls with 6
 * arguments, guest loads/stores of every size/sign/byte order, cmpxchg,
 * goto_tb layout and the exit-request check; MO_ALIGN/MO_ALIGN_4 accesses
 * (EXCP_UNALIGNED with the address, no byte touched, checked by hand too).
 *
 * Exit 0 = pass; one line per mismatch; a count line at the end.
 * MIMIC_TEST_SEED=n overrides the PRNG seed.
 */
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "include/cpu-common.h"
#include "include/guest.h"
#include "tcg/fp.h"
#include "tcg/tb.h"
#include "tcg/tcg-op.h"
#include "tcg/tcg.h"
#include "include/target.h"

#define NG 8

/* Host feature switches of the backend (tcg/x86/x86.h). */
extern bool x86_have_movbe, x86_have_lzcnt, x86_have_bmi1, x86_have_bmi2;

typedef struct Env {
    CPUCommon common;
    uint32_t r32[NG];
    uint64_t r64[NG];
    uint32_t o32[NG];
    uint64_t o64[NG];
    uint64_t scratch[4];
} Env;

#define MEM_SIZE 4096
static uint8_t *guest_mem;
static uint8_t mem_init[MEM_SIZE];

static TCGv gr32[NG], gr64[NG], go32[NG], go64[NG];
static uint8_t *code_buf;
#define CODE_SIZE (16u << 20)
static int failures, cases;
static bool use_opt;
/* Pin TCG_MAX_PINS random globals in every case (as a hot region does):
   caller-saved pin registers around calls, an op finding no register free
   (tcg_gen_code emits the TB again with fewer pins). */
static bool use_pins;

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dull;
}
static unsigned rn(unsigned n) { return (unsigned)(rnd() % n); }

static const uint64_t edge_vals[] = {
    0, 1, 2, 3, 7, 8, 15, 16, 31, 32, 33, 63, 64, 65, 127, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000,
    0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull, 0x7fffffffffffffffull,
    0x8000000000000000ull, 0xffffffffffffffffull, 0xfffffffffffffffeull, 0xffffffff80000000ull,
    0x12345678, 0xfedcba9876543210ull, 0x00000000ffff0000ull, 0x8000000080000000ull,
};

static uint64_t rand_val(void)
{
    switch (rn(4)) {
    case 0: return edge_vals[rn(sizeof(edge_vals) / sizeof(edge_vals[0]))];
    case 1: return edge_vals[rn(sizeof(edge_vals) / sizeof(edge_vals[0]))] + (rn(3) - 1);
    case 2: return rnd() >> rn(64);
    default: return rnd();
    }
}

static Env env_init;

static void randomize_env(void)
{
    memset(&env_init, 0, sizeof(env_init));
    for (int i = 0; i < NG; i++) {
        env_init.r32[i] = (uint32_t)rand_val();
        env_init.r64[i] = rand_val();
        env_init.o32[i] = (uint32_t)rnd();
        env_init.o64[i] = rnd();
    }
    for (int i = 0; i < MEM_SIZE; i++) {
        mem_init[i] = (uint8_t)rnd();
    }
}

/* Run the TB built in tcg_ctx both ways and compare. */
static void run_case(const char *name)
{
    TCGContext *s = &tcg_ctx;
    static Env e1, e2;
    static uint8_t mem1[MEM_SIZE];
    cases++;
    tcg_check(s);

    e1 = env_init;
    memcpy(guest_mem, mem_init, MEM_SIZE);
    uintptr_t x1 = tcg_interpret(s, &e1);
    memcpy(mem1, guest_mem, MEM_SIZE);

    e2 = env_init;
    memcpy(guest_mem, mem_init, MEM_SIZE);
    s->code_ptr = code_buf;
    s->code_end = code_buf + CODE_SIZE;
    /* (interpret: tcg_gen_code's only effect of it is to skip the
       optimizer; opt_all: optimize TBs without a loop too) */
    s->interpret = !use_opt;
    s->opt_all = use_opt;
    TranslationBlock tb;
    memset(&tb, 0, sizeof(tb));
    if (use_pins) {
        TCGv all[4 * NG];
        for (int i = 0; i < NG; i++) {
            all[4 * i] = gr32[i];
            all[4 * i + 1] = gr64[i];
            all[4 * i + 2] = go32[i];
            all[4 * i + 3] = go64[i];
        }
        for (int i = 4 * NG - 1; i > 0; i--) {
            int j = (int)rn((unsigned)i + 1);
            TCGv x = all[i];
            all[i] = all[j];
            all[j] = x;
        }
        s->nb_pins = TCG_MAX_PINS;
        memcpy(s->pin_temp, all, sizeof(s->pin_temp));
    }
    int n = tcg_gen_code(s, &tb);
    s->interpret = false;
    s->opt_all = false;
    if (n <= 0) {
        printf("FAIL %s: tcg_gen_code returned %d\n", name, n);
        failures++;
        return;
    }
    uintptr_t x2 = tcg_exec_code(&e2, tb.code);

    bool bad = x1 != x2 || memcmp(mem1, guest_mem, MEM_SIZE) != 0;
    for (int i = 0; i < NG; i++) {
        if (e1.r32[i] != e2.r32[i] || e1.o32[i] != e2.o32[i] || e1.r64[i] != e2.r64[i] || e1.o64[i] != e2.o64[i]) {
            bad = true;
        }
    }
    if (memcmp(e1.scratch, e2.scratch, sizeof(e1.scratch)) != 0) {
        bad = true;
    }
    if (e1.common.exception != e2.common.exception || e1.common.exception_arg != e2.common.exception_arg) {
        bad = true;
    }
    if (!bad) {
        return;
    }
    failures++;
    printf("FAIL %s (opt=%d): exit %#" PRIxPTR "/%#" PRIxPTR, name, use_opt, x1, x2);
    for (int i = 0; i < NG; i++) {
        if (e1.r32[i] != e2.r32[i]) printf(" r32[%d]=%#x/%#x", i, e1.r32[i], e2.r32[i]);
        if (e1.o32[i] != e2.o32[i]) printf(" o32[%d]=%#x/%#x", i, e1.o32[i], e2.o32[i]);
        if (e1.r64[i] != e2.r64[i]) printf(" r64[%d]=%#" PRIx64 "/%#" PRIx64, i, e1.r64[i], e2.r64[i]);
        if (e1.o64[i] != e2.o64[i]) printf(" o64[%d]=%#" PRIx64 "/%#" PRIx64, i, e1.o64[i], e2.o64[i]);
    }
    if (memcmp(mem1, guest_mem, MEM_SIZE) != 0) {
        printf(" (guest memory differs)");
    }
    printf("  inputs:");
    for (int i = 0; i < 4; i++) {
        printf(" %#x", env_init.r32[i]);
    }
    for (int i = 0; i < 4; i++) {
        printf(" %#" PRIx64, env_init.r64[i]);
    }
    printf("\n");
    if (getenv("MIMIC_TEST_VERBOSE")) {
        tcg_ctx.log_mask = LOG_OUT_ASM;
        s->code_ptr = code_buf;
        tcg_gen_code(s, &tb);
        tcg_ctx.log_mask = 0;
    }
}

/* ---- host_vec --------------------------------------------------------------------
 * A random SSE instruction that tcg/vec.c defines, on 16-byte slots made of
 * the I64 globals r64[2k], r64[2k+1] (8-byte forms too), with globals made
 * dirty in registers (and a lazy constant) before it and read after it:
 * the interpreter's tcg_vec_emulate must agree with the host's instruction
 * and the backend must keep the globals coherent around it. */
static uint64_t vec_insn(void)
{
    static const uint8_t op0f[] = {
        0xfc, 0xfd, 0xfe, 0xd4, 0xf8, 0xf9, 0xfa, 0xfb, 0xdb, 0xdf, 0xeb, 0xef, 0xd5, 0xda, 0xde, 0xea,
        0xee, 0x74, 0x75, 0x76, 0x64, 0x65, 0x66, 0xec, 0xed, 0xdc, 0xdd, 0xe8, 0xe9, 0xd8, 0xd9, 0xe0,
        0xe3, 0x60, 0x61, 0x62, 0x68, 0x69, 0x6a, 0x6c, 0x6d, 0x63, 0x6b, 0x67,
    };
    static const uint8_t op38[] = {
        0x00, 0x1c, 0x1d, 0x1e, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35,
        0x29, 0x2b, 0x38, 0x39, 0x3a, 0x3b, 0x3c, 0x3d, 0x3e, 0x3f, 0x40,
    };
    static const uint8_t grp_ext[3][4] = {{2, 4, 6, 2}, {2, 4, 6, 6}, {2, 6, 3, 7}};
    uint64_t insn;
    switch (rn(6)) {
    case 0: case 1: insn = tcg_simd_insn(0x66, TCG_SIMD_0F, op0f[rn(sizeof op0f)], -1); break;
    case 2: insn = tcg_simd_insn(0x66, TCG_SIMD_0F38, op38[rn(sizeof op38)], -1); break;
    case 3: {
        unsigned g = rn(3);
        insn = tcg_simd_insn(0x66, TCG_SIMD_0F, 0x71 + g, (int)rn(72)) | TCG_VEC_GROUP(grp_ext[g][rn(4)]);
        break;
    }
    case 4: insn = rn(2) ? tcg_simd_insn(0x66, TCG_SIMD_0F3A, 0x0f, (int)rn(40)) : tcg_simd_insn(0x66, TCG_SIMD_0F, 0x70, (int)rn(256)); break;
    default: insn = tcg_simd_insn(0xf3, TCG_SIMD_0F, 0x6f, -1); break;
    }
    if (rn(3) == 0) {
        insn |= TCG_VEC_SRC64;
    }
    if (rn(3) == 0) {
        insn |= TCG_VEC_DST64;
    }
    return insn;
}

static void vec_case(void)
{
    uint64_t insn = vec_insn();
    if (!tcg_vec_ok(insn)) {
        return;
    }
    randomize_env();
    tcg_func_start(&tcg_ctx);
    int slot[3];
    for (int k = 0; k < 3; k++) {
        slot[k] = (int)offsetof(Env, r64) + 16 * (int)rn(4);
    }
    /* dirty globals, one a constant */
    for (int k = 0; k < 4; k++) {
        int i = (int)rn(NG);
        tcg_gen_add_i64(gr64[i], gr64[i], gr64[rn(NG)]);
    }
    tcg_gen_mov_i64(gr64[rn(NG)], tcg_constant_i64(rn(2) ? 5 : rand_val()));
    tcg_gen_host_vec(insn, slot[0], slot[1], slot[2]);
    /* read every global after it (and write one of the destination's) */
    for (int i = 0; i < NG; i++) {
        tcg_gen_xor_i64(go64[i], go64[i], gr64[i]);
    }
    if (rn(2)) {
        tcg_gen_addi_i64(gr64[rn(NG)], gr64[rn(NG)], 1);
    }
    tcg_gen_exit_tb(NULL, 0);
    char name[64];
    snprintf(name, sizeof name, "host_vec %#" PRIx64, insn);
    run_case(name);
}

/* ---- Single-op cases ---------------------------------------------------------- */

typedef struct OpSpec {
    TCGOpcode opc;
    uint8_t widths;   /* 1: I32, 2: I64 */
    int8_t in_type;   /* -1: op width */
    int8_t out_type;
} OpSpec;

static const OpSpec specs[] = {
    { INDEX_op_mov, 3, -1, -1 },      { INDEX_op_add, 3, -1, -1 },      { INDEX_op_sub, 3, -1, -1 },
    { INDEX_op_mul, 3, -1, -1 },      { INDEX_op_and, 3, -1, -1 },      { INDEX_op_or, 3, -1, -1 },
    { INDEX_op_xor, 3, -1, -1 },      { INDEX_op_andc, 3, -1, -1 },     { INDEX_op_neg, 3, -1, -1 },
    { INDEX_op_not, 3, -1, -1 },      { INDEX_op_shl, 3, -1, -1 },      { INDEX_op_shr, 3, -1, -1 },
    { INDEX_op_sar, 3, -1, -1 },      { INDEX_op_rotl, 3, -1, -1 },     { INDEX_op_rotr, 3, -1, -1 },
    { INDEX_op_clz, 3, -1, -1 },      { INDEX_op_ctz, 3, -1, -1 },      { INDEX_op_bswap16, 3, -1, -1 },
    { INDEX_op_bswap32, 3, -1, -1 },  { INDEX_op_bswap64, 2, -1, -1 },  { INDEX_op_ext8s, 3, -1, -1 },
    { INDEX_op_ext8u, 3, -1, -1 },    { INDEX_op_ext16s, 3, -1, -1 },   { INDEX_op_ext16u, 3, -1, -1 },
    { INDEX_op_ext32s, 2, -1, -1 },   { INDEX_op_ext32u, 2, -1, -1 },   { INDEX_op_extract, 3, -1, -1 },
    { INDEX_op_sextract, 3, -1, -1 }, { INDEX_op_deposit, 3, -1, -1 },  { INDEX_op_setcond, 3, -1, -1 },
    { INDEX_op_movcond, 3, -1, -1 },  { INDEX_op_mulu2, 3, -1, -1 },    { INDEX_op_muls2, 3, -1, -1 },
    { INDEX_op_extu_i32_i64, 2, TCG_I32, TCG_I64 }, { INDEX_op_exts_i32_i64, 2, TCG_I32, TCG_I64 },
    { INDEX_op_extrl_i64_i32, 1, TCG_I64, TCG_I32 }, { INDEX_op_extrh_i64_i32, 1, TCG_I64, TCG_I32 },
    { INDEX_op_concat_i32_i64, 2, TCG_I32, TCG_I64 },
    { INDEX_op_subv, 1, -1, -1 },     { INDEX_op_addv, 1, -1, -1 },
};

static TCGv in_global(TCGType t, int i) { return t == TCG_I64 ? gr64[i] : gr32[i]; }
static TCGv out_global(TCGType t, int i) { return t == TCG_I64 ? go64[i] : go32[i]; }

static void one_op_case(const OpSpec *sp, TCGType w)
{
    const TCGOpDef *def = &tcg_op_defs[sp->opc];
    TCGType it = sp->in_type < 0 ? w : (TCGType)sp->in_type;
    TCGType ot = sp->out_type < 0 ? w : (TCGType)sp->out_type;
    int width = w == TCG_I64 ? 64 : 32;
    tcg_func_start(&tcg_ctx);
    randomize_env();
    TCGOp tmp;
    memset(&tmp, 0, sizeof(tmp));
    int no = def->nb_oargs, ni = def->nb_iargs;
    /* Inputs: globals (distinct or repeated) or constants. */
    for (int i = 0; i < ni; i++) {
        unsigned k = rn(8);
        if (k == 0) {
            tmp.args[no + i] = tcg_constant(it, rand_val());
        } else if (k == 1 && i > 0) {
            tmp.args[no + i] = tmp.args[no + rn((unsigned)i)]; /* same temp twice */
        } else {
            tmp.args[no + i] = in_global(it, i);
        }
    }
    /* Outputs: an out global, a temp copied out, or an input global (in place). */
    TCGv outs[2], dst[2];
    for (int i = 0; i < no; i++) {
        unsigned k = rn(4);
        dst[i] = out_global(ot, i);
        if (k == 0) {
            outs[i] = tcg_temp_new(ot);
        } else if (k == 1 && i == 0 && ni > 0 && it == ot && tcg_ctx.temps[tmp.args[no]].kind == TEMP_GLOBAL) {
            outs[i] = dst[i] = (TCGv)tmp.args[no]; /* in place: input 0 is a global */
        } else {
            outs[i] = dst[i];
        }
        tmp.args[i] = outs[i];
    }
    if (no == 2 && outs[0] == outs[1]) {
        outs[1] = dst[1] = out_global(ot, 1);
        tmp.args[1] = outs[1];
    }
    /* Constant arguments. */
    int c0 = no + ni;
    switch (sp->opc) {
    case INDEX_op_extract:
    case INDEX_op_sextract:
    case INDEX_op_deposit: {
        unsigned len = 1 + rn((unsigned)width);
        if (rn(3) == 0) {
            len = (unsigned[]){ 8, 16, 32, 1 }[rn(4)];
            if ((int)len > width) {
                len = 8;
            }
        }
        unsigned pos = rn((unsigned)(width - (int)len + 1));
        if (rn(3) == 0) {
            pos = 0;
        }
        if (width == 64 && sp->opc != INDEX_op_deposit && rn(4) == 0) {
            pos = rn(32); /* bits 31..pos of an I64 (SPARC's srl, sra) */
            len = 32 - pos;
        }
        tmp.args[c0] = pos;
        tmp.args[c0 + 1] = len;
        break;
    }
    case INDEX_op_setcond:
    case INDEX_op_movcond:
        tmp.args[c0] = rn(12);
        break;
    default: break;
    }
    TCGOp *op = tcg_emit_op(sp->opc, w);
    memcpy(op->args, tmp.args, sizeof(op->args));
    for (int i = 0; i < no; i++) {
        if (outs[i] != dst[i]) {
            tcg_gen_op2(INDEX_op_mov, ot, dst[i], outs[i]);
        }
    }
    tcg_gen_exit_tb(NULL, 0);
    char name[64];
    snprintf(name, sizeof(name), "%s_i%d", def->name, width);
    run_case(name);
}

/* ---- Control flow, pressure, calls, memory -------------------------------------- */

static void branch_case(void)
{
    tcg_func_start(&tcg_ctx);
    randomize_env();
    TCGLabel l1 = gen_new_label(), l2 = gen_new_label();
    TCGv t1 = tcg_temp_new_i32(), t2 = tcg_temp_new_i64(), t3 = tcg_temp_new_i32();
    tcg_gen_add_i32(t1, gr32[0], gr32[1]);
    tcg_gen_mul_i64(t2, gr64[0], gr64[1]);
    tcg_gen_brcond_i32((TCGCond)(2 + rn(10)), gr32[2], gr32[3], l1);
    tcg_gen_muli_i32(t1, t1, 3);
    tcg_gen_addi_i32(gr32[4], gr32[4], 1);
    tcg_gen_xor_i64(t2, t2, gr64[2]);
    tcg_gen_movi_i32(t3, 77);
    gen_set_label(l1);
    tcg_gen_add_i32(go32[0], t1, gr32[4]);
    tcg_gen_brcond(TCG_I64, (TCGCond)(2 + rn(10)), t2, gr64[3], l2);
    tcg_gen_sub_i64(go64[0], t2, gr64[1]);
    tcg_gen_exit_tb(NULL, 0);
    gen_set_label(l2);
    tcg_gen_mov_i64(go64[1], t2);
    tcg_gen_mov_i32(gr32[5], t1);
    tcg_gen_exit_tb((void *)(uintptr_t)0x1000, 1);
    run_case("branch");
}

/* `mov T, G; mov G, T` after G got a known constant (i386 `xor esi, esi;
   lea esi, [esi]`): liveness coalescing makes it `mov G, G`, which must
   keep G's constant (not yet stored) for the read after it. */
static void selfmove_case(void)
{
    tcg_func_start(&tcg_ctx);
    randomize_env();
    TCGv t = tcg_temp_new_i32(), u = tcg_temp_new_i32();
    tcg_gen_movi_i32(gr32[0], 0x1234 + rn(100));
    tcg_gen_mov_i32(t, gr32[0]);
    tcg_gen_mov_i32(gr32[0], t);
    tcg_gen_mov_i32(u, gr32[0]);
    tcg_gen_addi_i32(go32[0], u, 1);
    tcg_gen_exit_tb(NULL, 0);
    run_case("selfmove");
}

/* A loop: sum r32[0..3] * (i+1) with a backward branch. */
static void loop_case(void)
{
    tcg_func_start(&tcg_ctx);
    randomize_env();
    TCGLabel top = gen_new_label();
    TCGv i = tcg_temp_new_i32(), acc = tcg_temp_new_i32(), t = tcg_temp_new_i32();
    tcg_gen_movi_i32(i, 0);
    tcg_gen_movi_i32(acc, 0);
    gen_set_label(top);
    tcg_gen_mul_i32(t, i, gr32[0]);
    tcg_gen_add_i32(acc, acc, t);
    tcg_gen_addi_i32(i, i, 1);
    tcg_gen_brcondi_i32(TCG_COND_LTU, i, 10, top);
    tcg_gen_mov_i32(go32[0], acc);
    tcg_gen_exit_tb(NULL, 0);
    run_case("loop");
}

/* A loop with a forward branch inside it: k (set before the loop) is read
   at its top only, c is read at the top and set after the branch (carried
   to the next iteration), and `before` is read after the loop.  At the
   branch's boundary no op after it reads k or c, yet both are live
   (liveness: mark_loop_reads). */
static void loop_branch_case(void)
{
    tcg_func_start(&tcg_ctx);
    randomize_env();
    TCGLabel top = gen_new_label(), skip = gen_new_label();
    TCGv i = tcg_temp_new_i32(), acc = tcg_temp_new_i32(), k = tcg_temp_new_i32();
    TCGv c = tcg_temp_new_i32(), t = tcg_temp_new_i32(), before = tcg_temp_new_i32();
    TCGv u = tcg_temp_new_i32(), v = tcg_temp_new_i32();
    tcg_gen_movi_i32(i, 0);
    tcg_gen_movi_i32(acc, 0);
    tcg_gen_movi_i32(c, 5 + rn(9));
    tcg_gen_mov_i32(k, gr32[1]);
    tcg_gen_xor_i32(before, gr32[2], gr32[3]);
    gen_set_label(top);
    tcg_gen_add_i32(acc, acc, k);
    tcg_gen_add_i32(acc, acc, c);
    tcg_gen_andi_i32(t, i, 1);
    tcg_gen_brcondi_i32(TCG_COND_EQ, t, 0, skip);
    /* (values that want registers between the boundary and the next read) */
    tcg_gen_mul_i32(u, gr32[0], i);
    tcg_gen_xor_i32(v, u, gr32[4]);
    tcg_gen_add_i32(acc, acc, v);
    gen_set_label(skip);
    tcg_gen_muli_i32(c, i, 3);
    tcg_gen_addi_i32(i, i, 1);
    tcg_gen_brcondi_i32(TCG_COND_LTU, i, 7, top);
    tcg_gen_add_i32(go32[0], acc, before);
    tcg_gen_exit_tb(NULL, 0);
    run_case("loop_branch");
}

/* shl by 1..3 then add (the backend's scaled-index lea): the shifted value
   a temp or a global, dying at the shl or not, the add's other input the
   same value, its output the shifted one. */
static void scale_case(TCGType w)
{
    bool w64 = w == TCG_I64;
    tcg_func_start(&tcg_ctx);
    randomize_env();
    TCGv *r = w64 ? gr64 : gr32, *o = w64 ? go64 : go32;
    int c = 1 + (int)rn(3);
    TCGv t = tcg_temp_new(w), x = tcg_temp_new(w), u = tcg_temp_new(w);
    /* a global, kept */
    tcg_gen_op3(INDEX_op_shl, w, t, r[0], tcg_constant(w, (uint64_t)c));
    tcg_gen_op3(INDEX_op_add, w, o[0], r[1], t);
    /* a temp that dies at the shl, added second */
    tcg_gen_op3(INDEX_op_xor, w, x, r[2], tcg_constant(w, 0x5a5a));
    tcg_gen_op3(INDEX_op_shl, w, t, x, tcg_constant(w, (uint64_t)c));
    tcg_gen_op3(INDEX_op_add, w, o[1], t, r[3]);
    /* the add's other input is the shifted value */
    tcg_gen_op3(INDEX_op_shl, w, t, r[4], tcg_constant(w, (uint64_t)c));
    tcg_gen_op3(INDEX_op_add, w, o[2], r[4], t);
    /* the add overwrites the shifted global */
    tcg_gen_op3(INDEX_op_shl, w, t, r[5], tcg_constant(w, (uint64_t)c));
    tcg_gen_op3(INDEX_op_add, w, r[5], r[6], t);
    /* t read again later: a plain shl */
    tcg_gen_op3(INDEX_op_shl, w, u, r[7], tcg_constant(w, (uint64_t)c));
    tcg_gen_op3(INDEX_op_add, w, o[3], r[0], u);
    tcg_gen_op3(INDEX_op_add, w, o[4], u, r[1]);
    tcg_gen_exit_tb(NULL, 0);
    run_case("scale");
}

/* 16-bit shifts of a register in place (backend.c shift16): ext16u/ext16s,
   a shift by a constant, a deposit of the low word back into the register;
   and the cases that must not become one: the extended value or the shifted
   word read again, sar of a zero-extended word, a shift into another
   register. */
static void shift16_case(void)
{
    tcg_func_start(&tcg_ctx);
    randomize_env();
    TCGv *r = gr32, *o = go32;
    TCGv t = tcg_temp_new_i32(), u = tcg_temp_new_i32(), v = tcg_temp_new_i32();
    static const int ops[3] = { INDEX_op_shr, INDEX_op_sar, INDEX_op_shl };
    for (int i = 0; i < 6; i++) {
        int opc = ops[i % 3];
        TCGv c = tcg_constant_i32(1 + rn(15));
        bool sign = opc == INDEX_op_sar || (opc == INDEX_op_shl && i >= 3);
        if (sign) {
            tcg_gen_ext16s_i32(t, r[i]);
        } else {
            tcg_gen_ext16u_i32(t, r[i]);
        }
        tcg_gen_op3(opc, TCG_I32, u, t, c);
        tcg_gen_deposit_i32(r[i], r[i], u, 0, 16);
    }
    /* the extended word read again (as i386's cc_src) */
    tcg_gen_ext16u_i32(t, r[6]);
    tcg_gen_op3(INDEX_op_shr, TCG_I32, u, t, tcg_constant_i32(3));
    tcg_gen_deposit_i32(r[6], r[6], u, 0, 16);
    tcg_gen_mov_i32(o[0], t);
    /* the shifted word read again (cc_dst) */
    tcg_gen_ext16s_i32(t, r[7]);
    tcg_gen_op3(INDEX_op_sar, TCG_I32, v, t, tcg_constant_i32(15));
    tcg_gen_deposit_i32(r[7], r[7], v, 0, 16);
    tcg_gen_mov_i32(o[1], v);
    /* sar of a zero-extended word: the high bits are not the sign */
    tcg_gen_ext16u_i32(t, r[0]);
    tcg_gen_op3(INDEX_op_sar, TCG_I32, u, t, tcg_constant_i32(2));
    tcg_gen_deposit_i32(r[0], r[0], u, 0, 16);
    /* into another register */
    tcg_gen_ext16u_i32(t, r[1]);
    tcg_gen_op3(INDEX_op_shr, TCG_I32, u, t, tcg_constant_i32(5));
    tcg_gen_deposit_i32(r[2], r[2], u, 0, 16);
    /* a normal temp shifted in place, then stored */
    tcg_gen_mov_i32(v, r[3]);
    tcg_gen_ext16u_i32(t, v);
    tcg_gen_op3(INDEX_op_shr, TCG_I32, u, t, tcg_constant_i32(1));
    tcg_gen_deposit_i32(v, v, u, 0, 16);
    tcg_gen_mov_i32(o[2], v);
    tcg_gen_exit_tb(NULL, 0);
    run_case("shift16");
}

static uint32_t helper_mix(uint32_t a, uint32_t b)
{
    return (a ^ (b >> 3)) * 0x9e3779b1u + b;
}

/* Random straight-line code with forward branches to a few labels, over
   globals and normal temps: register states must merge right at labels. */
static void random_cfg_case(void)
{
    enum { NL = 5, M = 48 };
    tcg_func_start(&tcg_ctx);
    randomize_env();
    TCGv t[4], addr = tcg_temp_new_i32();
    for (int i = 0; i < 4; i++) {
        t[i] = tcg_temp_new_i32();
        tcg_gen_mov_i32(t[i], gr32[4 + i]);
    }
    TCGLabel lab[NL];
    int pos[NL];
    for (int i = 0; i < NL; i++) {
        lab[i] = gen_new_label();
        pos[i] = 1 + (int)rn(M - 1);
    }
    for (int i = 0; i < NL; i++) { /* sort positions */
        for (int j = i + 1; j < NL; j++) {
            if (pos[j] < pos[i]) {
                int x = pos[i];
                pos[i] = pos[j];
                pos[j] = x;
            }
        }
    }
    int next = 0;
#define PICK() (rn(2) ? gr32[rn(4)] : t[rn(4)])
    for (int k = 0; k < M; k++) {
        while (next < NL && pos[next] == k) {
            gen_set_label(lab[next++]);
        }
        TCGv d = PICK(), a = PICK(), b = rn(4) == 0 ? tcg_constant_i32((uint32_t)rand_val()) : PICK();
        switch (rn(14)) {
        case 12:
        case 13: tcg_gen_movi_i32(d, (uint32_t)rand_val()); break;
        case 0: tcg_gen_add_i32(d, a, b); break;
        case 1: tcg_gen_sub_i32(d, a, b); break;
        case 2: tcg_gen_xor_i32(d, a, b); break;
        case 3: tcg_gen_mul_i32(d, a, b); break;
        case 4: tcg_gen_rotli_i32(d, a, rn(32)); break;
        case 5: tcg_gen_setcond_i32((TCGCond)(2 + rn(10)), d, a, b); break;
        case 6:
        case 7:
            if (next < NL) {
                tcg_gen_brcond_i32((TCGCond)(2 + rn(10)), a, b, lab[next + (int)rn((unsigned)(NL - next))]);
            }
            break;
        case 8:
            if (next < NL && rn(3) == 0) {
                tcg_gen_br(lab[next + (int)rn((unsigned)(NL - next))]);
            }
            break;
        case 9:
            tcg_gen_call(helper_mix, rn(2) ? CALL_NO_RWG : 0, TCG_I32, d, a, b);
            break;
        case 10:
            tcg_gen_andi_i32(addr, a, 0xff8);
            tcg_gen_qemu_ld_i32(d, addr, MO_32);
            break;
        default:
            tcg_gen_andi_i32(addr, a, 0xff8);
            tcg_gen_qemu_st_i32(b, addr, MO_32);
            break;
        }
    }
#undef PICK
    while (next < NL) {
        gen_set_label(lab[next++]);
    }
    for (int i = 0; i < 4; i++) {
        tcg_gen_mov_i32(go32[i], t[i]);
    }
    tcg_gen_exit_tb(NULL, 0);
    run_case("random_cfg");
}

static void pressure_case(void)
{
    tcg_func_start(&tcg_ctx);
    randomize_env();
    enum { N = 40 };
    TCGv t[N], u[N];
    for (int i = 0; i < N; i++) {
        t[i] = tcg_temp_new_i32();
        tcg_gen_muli_i32(t[i], gr32[i % NG], (uint32_t)(i * 7 + 1));
        u[i] = tcg_temp_new_i64();
        tcg_gen_xori_i64(u[i], gr64[i % NG], (uint64_t)i << 40 | (uint64_t)i);
    }
    TCGLabel l = gen_new_label();
    tcg_gen_brcondi_i32(TCG_COND_EQ, gr32[7], 12345, l); /* everything live across a branch */
    gen_set_label(l);
    for (int i = 1; i < N; i++) {
        tcg_gen_add_i32(t[0], t[0], t[i]);
        tcg_gen_rotli_i32(t[0], t[0], 3);
        tcg_gen_add_i64(u[0], u[0], u[i]);
    }
    tcg_gen_mov_i32(go32[0], t[0]);
    tcg_gen_mov_i64(go64[0], u[0]);
    tcg_gen_exit_tb(NULL, 0);
    run_case("pressure");
}

/* Straight-line code over more values than there are host registers, each
   read again after a random distance, some overwritten unread, globals and
   normal temps, 32 and 64 bits: the allocator must evict (ra_alloc picks the
   value it will miss least: clean, overwritten first, or read last), and
   every choice must keep every value.  A guest load now and then (a fault
   site with pins) and a global written twice without a read in between. */
static void evict_case(void)
{
    tcg_func_start(&tcg_ctx);
    randomize_env();
    enum { NT = 12, M = 90 };
    TCGv v[NT + 2 * NG], addr = tcg_temp_new_i64();
    bool w64[NT + 2 * NG];
    int n = 0;
    for (int i = 0; i < NG; i++) {
        w64[n] = false;
        v[n++] = gr32[i];
        w64[n] = true;
        v[n++] = gr64[i];
    }
    for (int i = 0; i < NT; i++) {
        w64[n] = i & 1;
        v[n] = w64[n] ? tcg_temp_new_i64() : tcg_temp_new_i32();
        if (w64[n]) {
            tcg_gen_xori_i64(v[n], gr64[i % NG], (uint64_t)i * 0x1000100010001ull);
        } else {
            tcg_gen_addi_i32(v[n], gr32[i % NG], (uint32_t)i * 0x01010101u);
        }
        n++;
    }
    for (int k = 0; k < M; k++) {
        int d = (int)rn((unsigned)n), a = (int)rn((unsigned)n), b = (int)rn((unsigned)n);
        /* same width for all three: pick a and b of d's width */
        while (w64[a] != w64[d]) {
            a = (int)rn((unsigned)n);
        }
        while (w64[b] != w64[d]) {
            b = (int)rn((unsigned)n);
        }
        TCGType ty = w64[d] ? TCG_I64 : TCG_I32;
        switch (rn(8)) {
        case 0: tcg_gen_op3(INDEX_op_add, ty, v[d], v[a], v[b]); break;
        case 1: tcg_gen_op3(INDEX_op_sub, ty, v[d], v[a], v[b]); break;
        case 2: tcg_gen_op3(INDEX_op_xor, ty, v[d], v[a], v[b]); break;
        case 3: tcg_gen_op3(INDEX_op_mul, ty, v[d], v[a], v[b]); break;
        case 4: tcg_gen_op3(INDEX_op_andc, ty, v[d], v[a], v[b]); break;
        case 5: /* a global written twice, unread in between */
            tcg_gen_op3(INDEX_op_or, ty, v[d], v[a], v[b]);
            tcg_gen_op3(INDEX_op_add, ty, v[d], v[a], v[b]);
            break;
        case 6:
            if (w64[d]) {
                tcg_gen_andi_i64(addr, v[a], 0xff8);
                tcg_gen_qemu_ld_i64(v[d], addr, MO_64);
            } else {
                tcg_gen_op3(INDEX_op_shl, ty, v[d], v[a], tcg_constant_i32(rn(32)));
            }
            break;
        default: tcg_gen_op3(INDEX_op_rotl, ty, v[d], v[a], w64[d] ? tcg_constant_i64(rn(64)) : tcg_constant_i32(rn(32))); break;
        }
    }
    for (int i = 2 * NG; i < n; i++) { /* every normal temp into the outputs */
        if (w64[i]) {
            tcg_gen_xor_i64(go64[i % NG], go64[i % NG], v[i]);
        } else {
            tcg_gen_xor_i32(go32[i % NG], go32[i % NG], v[i]);
        }
    }
    tcg_gen_exit_tb(NULL, 0);
    run_case("evict");
}

static uint32_t helper32(uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t e, uint32_t f)
{
    return a * 3 + b * 5 + c * 7 + d * 11 + e * 13 + (f ^ 0x5a5a5a5a);
}
static uint64_t helper64(uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e, uint64_t f)
{
    return a * 3 + b * 5 + c * 7 + d * 11 + e * 13 + (f ^ 0x5a5a5a5a5a5a5a5aull);
}
/* Declared 64-bit: the I32 result must be truncated. */
static uint64_t helper_dirty(uint64_t a)
{
    return a | 0xdeadbeef00000000ull;
}
/* Reads and writes globals through env. */
static void helper_env(void *envp, uint32_t x)
{
    Env *e = envp;
    e->r32[1] = e->r32[0] * 2 + x;
    e->r64[1] += e->r32[0];
}
/* Reads globals through env (CALL_NO_WG): must see the written-back values. */
static uint64_t helper_read_env(void *envp)
{
    Env *e = envp;
    return e->r32[0] + e->r64[0] * 3 + e->r32[4];
}
static uint32_t helper_check_args(uint64_t a, uint64_t b)
{
    /* I32 arguments arrive zero-extended. */
    return (a >> 32) == 0 && (b >> 32) == 0;
}

static void call_case(void)
{
    tcg_func_start(&tcg_ctx);
    randomize_env();
    TCGv t = tcg_temp_new_i32(), u = tcg_temp_new_i64(), k = tcg_temp_new_i32();
    tcg_gen_addi_i32(gr32[0], gr32[0], 1); /* dirty global before the calls */
    tcg_gen_mul_i32(k, gr32[2], gr32[3]);  /* live across the calls */
    tcg_gen_call(helper32, CALL_NO_RWG | CALL_PURE, TCG_I32, t, gr32[0], gr32[1], gr32[2], gr32[3], gr32[4],
                 tcg_constant_i32(0x80000001));
    tcg_gen_mov_i32(go32[0], t);
    tcg_gen_call(helper64, CALL_NO_WG, TCG_I64, u, gr64[0], gr64[1], tcg_constant_i64(0xffffffff12345678ull),
                 gr64[3], gr64[4], gr64[0]);
    tcg_gen_mov_i64(go64[0], u);
    tcg_gen_call(helper_dirty, CALL_NO_RWG, TCG_I32, go32[1], gr32[5]);
    tcg_gen_add_i64(gr64[0], gr64[0], gr64[1]);
    tcg_gen_call(helper_read_env, CALL_NO_WG | CALL_PURE, TCG_I64, go64[2], tcg_env);
    tcg_gen_add_i64(go64[3], gr64[0], go64[2]); /* global still valid after NO_WG */
    tcg_gen_call(helper_env, 0, TCG_I32, TEMP_NONE, tcg_env, k);
    tcg_gen_add_i32(go32[2], gr32[1], k);
    tcg_gen_call(helper_check_args, CALL_NO_RWG, TCG_I32, go32[3], gr32[6], k);
    tcg_gen_exit_tb(NULL, 0);
    run_case("call");
}

/* ---- fp_guarded (tcg/fp.h) ---------------------------------------------------- */

/* The fallback: a value the fast path never produces, plus a trace in env. */
static uint64_t fp_fallback(void *envp, uint32_t sub, uint64_t i0, uint64_t i1, uint64_t i2)
{
    Env *e = envp;
    e->scratch[1] += 1;
    /* Helpers may clobber every xmm register (the stub must cope). */
    __asm__ volatile("xorps %%xmm0, %%xmm0\n\txorps %%xmm1, %%xmm1\n\txorps %%xmm2, %%xmm2\n\t"
                     "xorps %%xmm3, %%xmm3\n\txorps %%xmm4, %%xmm4\n\txorps %%xmm5, %%xmm5\n\t"
                     "xorps %%xmm6, %%xmm6\n\txorps %%xmm7, %%xmm7" ::: "xmm0", "xmm1", "xmm2", "xmm3",
                     "xmm4", "xmm5", "xmm6", "xmm7");
    return (i0 * 3 + i1 * 5 + i2 * 7) ^ sub ^ 0xf00dull << 40;
}

static uint64_t fp_val(bool w64)
{
    static const uint64_t d[] = {
        0, 1ull << 63, 0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000000ull, 0x7ff0000000000001ull,
        1, 0x000fffffffffffffull, 0x0010000000000000ull, 0x0020000000000000ull, 0x3ff0000000000000ull,
        0x7fefffffffffffffull, 0x7fdfffffffffffffull, 0xc000000000000000ull, 0x1ff0000000000000ull,
    };
    static const uint32_t f[] = {
        0, 0x80000000u, 0x7f800000u, 0xff800000u, 0x7fc00000u, 0x7f800001u, 1, 0x007fffffu, 0x00800000u,
        0x01000000u, 0x3f800000u, 0x7f7fffffu, 0x7effffffu, 0xc0000000u, 0x1f800000u,
    };
    uint64_t r = rnd();
    switch (rn(4)) {
    case 0: return w64 ? d[rn(sizeof(d) / 8)] : f[rn(sizeof(f) / 4)];
    case 1: return w64 ? (r & 0x800fffffffffffffull) | (uint64_t)(0x3f0 + rn(32)) << 52
                       : (r & 0x807fffffu) | (uint32_t)(0x70 + rn(32)) << 23;
    default: return w64 ? r : (uint32_t)r;
    }
}

static void fp_case(TCGType w)
{
    bool w64 = w == TCG_I64;
    tcg_func_start(&tcg_ctx);
    randomize_env();
    for (int i = 0; i < 4; i++) {
        if (w64) {
            env_init.r64[i] = fp_val(true);
        } else {
            env_init.r32[i] = (uint32_t)fp_val(false);
        }
    }
    env_init.scratch[0] = rnd() & 3;
    unsigned kind = rn(FPG_NB);
    /* Values live across the op in every allocatable register. */
    enum { N = 14 };
    TCGv t[N];
    for (int i = 0; i < N; i++) {
        t[i] = tcg_temp_new_i64();
        tcg_gen_xori_i64(t[i], gr64[4 + i % 4], (uint64_t)i * 0x9e3779b97f4a7c15ull);
    }
    TCGv r = tcg_temp_new(w);
    TCGv a = w64 ? gr64[0] : gr32[0], b = w64 ? gr64[1] : gr32[1], c = w64 ? gr64[2] : gr32[2];
    if (rn(4) == 0) {
        b = tcg_constant(w, w64 ? 0x3ff8000000000000ull : 0x3fc00000u);
    }
    TCGOp *op = tcg_emit_op(INDEX_op_fp_guarded, w);
    op->args[0] = r;
    op->args[1] = a;
    op->args[2] = b;
    op->args[3] = rn(3) == 0 ? b : c;
    op->args[4] = kind | (uint64_t)rn(16) << 8;
    op->args[5] = (uintptr_t)fp_fallback;
    op->args[6] = offsetof(Env, scratch);
    /* Guards of each emitted form: whole word, test, and/cmp, none. */
    static const uint64_t guards[] = {
        0xffffffffull << 32 | 0, 0xffffffffull << 32 | 2, 1ull << 32 | 0, 3ull << 32 | 1, 0,
    };
    op->args[7] = guards[rn(sizeof(guards) / sizeof(guards[0]))];
    if (w64) {
        tcg_gen_mov_i64(go64[0], r);
    } else {
        tcg_gen_mov_i32(go32[0], r);
    }
    for (int i = 1; i < N; i++) {
        tcg_gen_add_i64(t[0], t[0], t[i]);
        tcg_gen_rotli_i64(t[0], t[0], 5);
    }
    tcg_gen_mov_i64(go64[1], t[0]);
    tcg_gen_exit_tb(NULL, 0);
    run_case("fp_guarded");
}

/* Chains of fp_guarded ops: results feeding later ops directly, through
   movs, after being overwritten by integer ops, across labels, helper calls
   and taken fallbacks (the backend's xmm cache). */
static void fp_chain_case(TCGType w)
{
    bool w64 = w == TCG_I64;
    tcg_func_start(&tcg_ctx);
    randomize_env();
    for (int i = 0; i < NG; i++) {
        if (w64) {
            env_init.r64[i] = rn(3) ? (rnd() & 0x800fffffffffffffull) | (uint64_t)(0x3f0 + rn(32)) << 52 : fp_val(true);
        } else {
            env_init.r32[i] = rn(3) ? ((uint32_t)rnd() & 0x807fffffu) | (uint32_t)(0x70 + rn(32)) << 23
                                    : (uint32_t)fp_val(false);
        }
    }
    env_init.scratch[0] = rn(4) ? 0 : 1;
    enum { NT = 6 };
    TCGv t[NT];
    for (int i = 0; i < NT; i++) {
        t[i] = tcg_temp_new(w);
        if (w64) {
            tcg_gen_mov_i64(t[i], gr64[i]);
        } else {
            tcg_gen_mov_i32(t[i], gr32[i]);
        }
    }
    for (int step = 0; step < 12; step++) {
        switch (rn(8)) {
        case 0: { /* integer op overwrites a temp */
            TCGv x = t[rn(NT)];
            if (w64) {
                tcg_gen_xori_i64(x, x, 1ull << rn(52));
            } else {
                tcg_gen_xori_i32(x, x, 1u << rn(23));
            }
            break;
        }
        case 1: { /* copy, whole or through 32-bit halves */
            TCGv x = t[rn(NT)], y = t[rn(NT)], z = t[rn(NT)];
            if (w64) {
                TCGv lo = tcg_temp_new_i32(), hi = tcg_temp_new_i32();
                if (rn(2)) {
                    tcg_gen_mov_i64(x, y);
                    break;
                }
                tcg_gen_extrl_i64_i32(lo, y);
                tcg_gen_extrh_i64_i32(hi, z);
                tcg_gen_concat_i32_i64(x, rn(2) ? lo : hi, rn(2) ? hi : lo);
            } else {
                TCGv p = tcg_temp_new_i64();
                if (rn(2)) {
                    tcg_gen_mov_i32(x, y);
                    break;
                }
                tcg_gen_concat_i32_i64(p, y, z);
                if (rn(2)) {
                    tcg_gen_xori_i64(p, p, 1ull << rn(64));
                }
                tcg_gen_extrh_i64_i32(x, p);
                tcg_gen_extrl_i64_i32(t[rn(NT)], p);
            }
            break;
        }
        case 2: {
            TCGLabel l = gen_new_label();
            tcg_gen_brcondi_i32(TCG_COND_EQ, gr32[7], (uint32_t)rn(2), l);
            if (w64) {
                tcg_gen_addi_i64(t[0], t[0], 1);
            } else {
                tcg_gen_addi_i32(t[0], t[0], 1);
            }
            gen_set_label(l);
            break;
        }
        case 3:
            tcg_gen_call(helper_mix, CALL_NO_RWG, TCG_I32, go32[2], gr32[6], gr32[7]);
            break;
        default: {
            TCGOp *op = tcg_emit_op(INDEX_op_fp_guarded, w);
            op->args[0] = t[rn(NT)];
            op->args[1] = t[rn(NT)];
            op->args[2] = t[rn(NT)];
            op->args[3] = t[rn(NT)];
            unsigned kind = rn(FPG_NB - 1);
            kind += kind >= FPG_CMP; /* no FPG_CMP: outputs are values */
            op->args[4] = kind | (uint64_t)rn(4) << 8;
            op->args[5] = (uintptr_t)fp_fallback;
            op->args[6] = offsetof(Env, scratch);
            op->args[7] = 0xffffffffull << 32 | 0;
            break;
        }
        }
    }
    for (int i = 0; i < NT; i++) {
        if (w64) {
            tcg_gen_mov_i64(go64[i], t[i]);
        } else {
            tcg_gen_mov_i32(go32[i], t[i]);
        }
    }
    tcg_gen_exit_tb(NULL, 0);
    run_case("fp_guarded chain");
}

static void mem_case(TCGType w, unsigned memop, bool store)
{
    tcg_func_start(&tcg_ctx);
    randomize_env();
    unsigned size = memop & MO_SIZE;
    uint32_t addr = rn(MEM_SIZE - 8);
    TCGv a;
    switch (rn(3)) {
    case 0: a = tcg_constant_i32(addr); break;
    case 1:
        env_init.r64[6] = addr | (rnd() << 32); /* I64 address: only the low half counts */
        a = gr64[6];
        break;
    default: env_init.r32[6] = addr; a = gr32[6]; break;
    }
    if (store) {
        TCGv v = rn(4) == 0 ? tcg_constant(w, rand_val()) : in_global(w, 0);
        tcg_gen_qemu_st(w, v, a, memop);
        tcg_gen_addi_i32(gr32[1], gr32[1], 1); /* dirty after */
    } else {
        tcg_gen_addi_i32(gr32[1], gr32[1], 1); /* dirty before */
        tcg_gen_qemu_ld(w, out_global(w, 0), a, memop);
    }
    tcg_gen_exit_tb(NULL, 0);
    char name[64];
    snprintf(name, sizeof(name), "qemu_%s_i%d_s%u%s%s", store ? "st" : "ld", w == TCG_I64 ? 64 : 32, 8u << size,
             memop & MO_SIGN ? "_sign" : "", memop & MO_BSWAP ? "_bswap" : "");
    run_case(name);
}

/* A 64-bit address sum: `add t, a, $c` or `add t, a, b` (I64, t read
   only by the access right after it: addr32_add's 32-bit lea), a with
   random upper bits and sums that wrap past 2^32, aligned or not, with or
   without an alignment check. */
static void addr64_case(TCGType w, unsigned memop, bool store)
{
    tcg_func_start(&tcg_ctx);
    randomize_env();
    unsigned size = memop & MO_SIZE;
    uint32_t target = rn(MEM_SIZE - 8);
    uint32_t c = rn(2) ? (uint32_t)rn(8192) - 4096u : (uint32_t)rnd();
    if (rn(2)) {
        memop |= MO_ALIGN; /* misaligned half the time: EXCP_UNALIGNED */
    }
    env_init.r64[6] = (uint64_t)(target - c) | (rnd() << 32);
    TCGv t = tcg_temp_new_i64(), b;
    if (rn(2)) {
        b = tcg_constant_i64(rn(2) ? (uint64_t)(int64_t)(int32_t)c : (uint64_t)c | (rnd() << 32));
    } else {
        env_init.r64[5] = (uint64_t)c | (rnd() << 32);
        b = gr64[5];
    }
    if (rn(2)) {
        tcg_gen_add_i64(t, gr64[6], b);
    } else {
        tcg_gen_add_i64(t, b, gr64[6]);
    }
    (void)size;
    if (store) {
        tcg_gen_qemu_st(w, in_global(w, 0), t, memop);
    } else {
        tcg_gen_qemu_ld(w, out_global(w, 0), t, memop);
    }
    tcg_gen_addi_i32(gr32[1], gr32[1], 1);
    tcg_gen_exit_tb(NULL, 0);
    run_case(store ? "addr64_st" : "addr64_ld");
}

/* A 32-bit compare of the low halves of I64 values (extrl; extrl or a
   constant; brcond_i32: extrl_cmp compares the I64 registers' low halves)
   whose upper halves differ; operands that are temps dying at their extrl
   (no shortcut there: the other extrl may take the register). */
static void xcmp_case(void)
{
    tcg_func_start(&tcg_ctx);
    randomize_env();
    uint32_t lo = (uint32_t)rand_val();
    env_init.r64[2] = lo | (rnd() << 32);
    env_init.r64[3] = (rn(2) ? lo + (uint32_t)rn(3) - 1u : (uint32_t)rand_val()) | (rnd() << 32);
    TCGv x = gr64[2], y = gr64[3];
    if (rn(3) == 0) {
        x = tcg_temp_new_i64();
        tcg_gen_mov_i64(x, gr64[2]); /* dies at the extrl */
    }
    if (rn(2)) {
        y = tcg_temp_new_i64();
        tcg_gen_mov_i64(y, gr64[3]); /* dies at its extrl, which takes a register */
    }
    TCGv t = tcg_temp_new_i32(), u = tcg_temp_new_i32();
    tcg_gen_extrl_i64_i32(t, x);
    TCGv b = u;
    switch (rn(3)) {
    case 0: tcg_gen_extrl_i64_i32(u, y); break;
    case 1: tcg_gen_movi_i32(u, lo); b = tcg_constant_i32(lo); break; /* (the folded form) */
    default: b = tcg_constant_i32(rn(2) ? 0 : lo); break;
    }
    TCGCond cond = (TCGCond)(2 + rn(10));
    TCGLabel l = gen_new_label(), end = gen_new_label();
    if (rn(2)) {
        tcg_gen_brcond_i32(cond, t, b, l);
    } else {
        tcg_gen_brcond_i32(cond, b, t, l);
    }
    tcg_gen_movi_i32(go32[0], 1);
    tcg_gen_br(end);
    gen_set_label(l);
    tcg_gen_movi_i32(go32[0], 2);
    gen_set_label(end);
    tcg_gen_add_i64(go64[0], gr64[2], gr64[3]); /* x and y still intact */
    tcg_gen_exit_tb(NULL, 0);
    run_case("xcmp");
}

static void env_case(TCGType w, unsigned memop)
{
    tcg_func_start(&tcg_ctx);
    randomize_env();
    for (int i = 0; i < 4; i++) {
        env_init.scratch[i] = rnd();
    }
    int off = (int)offsetof(Env, scratch) + (int)rn(16);
    TCGv t = tcg_temp_new(w);
    tcg_gen_ld_env(w, t, off, memop);
    tcg_gen_op2(INDEX_op_mov, w, out_global(w, 0), t);
    tcg_gen_st_env(w, in_global(w, 1), off + 8, memop & MO_SIZE);
    tcg_gen_exit_tb(NULL, 0);
    run_case("ld_env/st_env");
}

/* A guest access with an alignment flag at an address that is aligned or
   not: the backend and the interpreter agree, and (by hand) a misaligned
   one sets EXCP_UNALIGNED with the address, exits 0 and writes nothing
   (the global written after it keeps its value). */
static void align_build(TCGType w, unsigned memop, uint32_t addr, bool const_addr, int kind)
{
    tcg_func_start(&tcg_ctx);
    TCGv a = const_addr ? tcg_constant_i32(addr) : gr32[6];
    tcg_gen_addi_i32(gr32[1], gr32[1], 1); /* dirty before: must reach env */
    if (kind == 0) {
        tcg_gen_qemu_ld(w, out_global(w, 0), a, memop);
    } else if (kind == 1) {
        tcg_gen_qemu_st(w, in_global(w, 0), a, memop);
    } else {
        TCGOp *op = tcg_emit_op(INDEX_op_cmpxchg, w);
        op->args[0] = out_global(w, 0);
        op->args[1] = a;
        op->args[2] = in_global(w, 2);
        op->args[3] = in_global(w, 3);
        op->args[4] = memop;
    }
    tcg_gen_movi_i32(gr32[7], 0x5eed); /* after: must not run when it faults */
    tcg_gen_op1c(INDEX_op_exit_tb, TCG_I32, 1);
}

static void align_case(TCGType w, unsigned size, unsigned aflag, int kind)
{
    randomize_env();
    unsigned memop = size | aflag | (rn(2) ? MO_BSWAP : 0);
    uint32_t addr = (rn(MEM_SIZE - 16) & ~7u) + rn(2) * rn(8);
    bool const_addr = rn(3) == 0;
    env_init.r32[6] = addr;
    align_build(w, memop, addr, const_addr, kind);
    run_case(kind == 0 ? "align_ld" : kind == 1 ? "align_st" : "align_cmpxchg");

    /* By hand, on the backend's code. */
    align_build(w, memop, addr, const_addr, kind);
    uint32_t mask = memop_align_mask(memop);
    static Env e;
    e = env_init;
    memcpy(guest_mem, mem_init, MEM_SIZE);
    TranslationBlock tb;
    memset(&tb, 0, sizeof(tb));
    tcg_ctx.code_ptr = code_buf;
    tcg_ctx.code_end = code_buf + CODE_SIZE;
    if (tcg_gen_code(&tcg_ctx, &tb) <= 0) {
        return;
    }
    uintptr_t x = tcg_exec_code(&e, tb.code);
    bool mis = (addr & mask) != 0;
    bool ok = mis ? x == 0 && e.common.exception == EXCP_UNALIGNED && e.common.exception_arg == addr &&
                        e.r32[7] == env_init.r32[7] && e.r32[1] == env_init.r32[1] + 1 &&
                        memcmp(guest_mem, mem_init, MEM_SIZE) == 0
                  : x == 1 && e.common.exception == 0 && e.r32[7] == 0x5eed;
    cases++;
    if (!ok) {
        failures++;
        printf("FAIL align by hand: memop %#x addr %#x exit %#" PRIxPTR " exception %d arg %#x\n", memop, addr, x,
               e.common.exception, e.common.exception_arg);
    }
}

static void cmpxchg_case(TCGType w, unsigned memop)
{
    tcg_func_start(&tcg_ctx);
    randomize_env();
    unsigned size = memop & MO_SIZE;
    uint32_t addr = rn(MEM_SIZE - 8);
    env_init.r32[6] = addr;
    /* Half the time the compare value matches memory. */
    uint64_t cur = 0;
    memcpy(&cur, mem_init + addr, 1u << size);
    if (memop & MO_BSWAP) {
        cur = size == MO_16 ? __builtin_bswap16((uint16_t)cur)
            : size == MO_32 ? __builtin_bswap32((uint32_t)cur)
            : size == MO_64 ? __builtin_bswap64(cur) : cur;
    }
    if (rn(2)) {
        if (w == TCG_I64) {
            env_init.r64[2] = cur | (rn(2) && size < MO_64 ? rnd() << (8u << size) : 0);
        } else {
            env_init.r32[2] = (uint32_t)(cur | (rn(2) && size < MO_32 ? rnd() << (8u << size) : 0));
        }
    }
    tcg_gen_addi_i32(gr32[1], gr32[1], 1);
    TCGOp *op = tcg_emit_op(INDEX_op_cmpxchg, w);
    op->args[0] = out_global(w, 0);
    op->args[1] = gr32[6];
    op->args[2] = in_global(w, 2);
    op->args[3] = rn(4) == 0 ? tcg_constant(w, rand_val()) : in_global(w, 3);
    op->args[4] = memop;
    tcg_gen_exit_tb(NULL, 0);
    run_case("cmpxchg");
}

/* goto_tb layout and the exit-request check. */
static void tb_layout_tests(void)
{
    TCGContext *s = &tcg_ctx;
    tcg_func_start(s);
    tcg_gen_insn_start(0x1000, 0);
    tcg_gen_addi_i32(gr32[0], gr32[0], 4);
    tcg_gen_insn_start(0x1004, 0);
    tcg_gen_goto_tb(0);
    tcg_gen_exit_tb((void *)(uintptr_t)0x4000, 0);
    s->code_ptr = code_buf + 1;
    s->code_end = code_buf + CODE_SIZE;
    TranslationBlock tb;
    memset(&tb, 0, sizeof(tb));
    if (use_pins) {
        TCGv all[4 * NG];
        for (int i = 0; i < NG; i++) {
            all[4 * i] = gr32[i];
            all[4 * i + 1] = gr64[i];
            all[4 * i + 2] = go32[i];
            all[4 * i + 3] = go64[i];
        }
        for (int i = 4 * NG - 1; i > 0; i--) {
            int j = (int)rn((unsigned)i + 1);
            TCGv x = all[i];
            all[i] = all[j];
            all[j] = x;
        }
        s->nb_pins = TCG_MAX_PINS;
        memcpy(s->pin_temp, all, sizeof(s->pin_temp));
    }
    int n = tcg_gen_code(s, &tb);
    cases++;
    if (n <= 0 || ((uintptr_t)tb.code & 15) || tb.jmp_field[0] == 0xffff || tb.jmp_field[1] != 0xffff ||
        ((uintptr_t)(tb.code + tb.jmp_field[0]) & 3) || tb.jmp_reset[0] != tb.jmp_field[0] + 4 ||
        s->nb_insns != 2 || s->insns[1].host_end != (uint32_t)n || s->insns[0].host_end > s->insns[1].host_end ||
        s->insns[1].data[0] != 0x1004 || ((uintptr_t)s->code_ptr & 15)) {
        printf("FAIL tb layout: n=%d code=%p field=%u reset=%u insns=%d\n", n, (void *)tb.code, tb.jmp_field[0],
               tb.jmp_reset[0], s->nb_insns);
        failures++;
        return;
    }
    Env e = env_init;
    cases++;
    uintptr_t x = tcg_exec_code(&e, tb.code);
    if (x != 0x4000 || e.r32[0] != env_init.r32[0] + 4) {
        printf("FAIL goto_tb unchained: exit %#" PRIxPTR "\n", x);
        failures++;
    }
    /* Chain slot 0 to a second TB that exits with 0x7770. */
    tcg_func_start(s);
    tcg_gen_addi_i32(gr32[0], gr32[0], 100);
    tcg_gen_exit_tb((void *)(uintptr_t)0x7770, 0);
    TranslationBlock tb2;
    memset(&tb2, 0, sizeof(tb2));
    tcg_gen_code(s, &tb2);
    tcg_patch_jump((uintptr_t)(tb.code + tb.jmp_field[0]), (uintptr_t)tb2.code);
    e = env_init;
    cases++;
    x = tcg_exec_code(&e, tb.code);
    if (x != 0x7770 || e.r32[0] != env_init.r32[0] + 104) {
        printf("FAIL goto_tb chained: exit %#" PRIxPTR " r0 %#x\n", x, e.r32[0]);
        failures++;
    }
    /* Exit request: nothing runs, returns 0. */
    e = env_init;
    e.common.exit_request = 1;
    cases++;
    x = tcg_exec_code(&e, tb.code);
    if (x != 0 || e.r32[0] != env_init.r32[0]) {
        printf("FAIL exit_request: exit %#" PRIxPTR "\n", x);
        failures++;
    }
    /* Buffer too small: -1. */
    tcg_func_start(s);
    tcg_gen_exit_tb(NULL, 0);
    s->code_ptr = code_buf;
    s->code_end = code_buf + 100;
    cases++;
    if (tcg_gen_code(s, &tb2) != -1) {
        printf("FAIL small buffer not reported\n");
        failures++;
    }
}

/* The TB key (pc, cs_base, flags) in generated code: lookup_and_goto's
   inline jump-cache probe must take the cached TB only when pc, flags and
   cs_base all match (cs_base is compared in the TB, not in the entry), and
   the exit-request stub must store tb->cs_base as well as tb->pc.  Key:
   pc = r32[5], cs_base = r32[6], flags = r32[7] & 0xff. */
static void key_tb_key(CPUCommon *c, uint32_t *pc, uint32_t *cs_base, uint32_t *flags)
{
    Env *e = (Env *)c;
    *pc = e->r32[5];
    *cs_base = e->r32[6];
    *flags = e->r32[7] & 0xff;
}

/* The key key_tb_key computes, described for the inline probe: pc in
   r32[5], cs_base in r32[6], flags the low byte of r32[7]. */
static TCGJumpKey test_jump_key(void)
{
    return (TCGJumpKey){
        .pc_off = (int32_t)offsetof(Env, r32[5]),
        .cs_base_off = (int32_t)offsetof(Env, r32[6]),
        .nb_terms = 1,
        .term = { { (int32_t)offsetof(Env, r32[7]), 0xff, 0 } },
    };
}

static void tb_key_tests(void)
{
    TCGContext *s = &tcg_ctx;
    static TargetOps ops;
    static TBJumpCache jc;
    TCGJumpKey saved = tcg_jump_key;
    ops.tb_key = key_tb_key;
    tcg_jump_key = test_jump_key();
    /* The target TB: exits with 0x5550. */
    static TranslationBlock target;
    memset(&target, 0, sizeof(target));
    target.pc = 0x8000;
    target.cs_base = 0x8004;
    target.flags = 0x12;
    tcg_func_start(s);
    tcg_gen_exit_tb((void *)(uintptr_t)0x5550, 0);
    s->code_ptr = code_buf + CODE_SIZE / 2;
    s->code_end = code_buf + CODE_SIZE;
    tcg_gen_code(s, &target);
    /* The TB that looks it up. */
    TranslationBlock from;
    memset(&from, 0, sizeof(from));
    from.pc = 0x1000;
    from.cs_base = 0x1234;
    tcg_func_start(s);
    tcg_gen_insn_start3(0x1000, 0x1234, 0);
    tcg_gen_lookup_and_goto();
    s->entry_pc_off = (int)offsetof(Env, r32[5]);
    s->entry_cs_base_off = (int)offsetof(Env, r32[6]);
    s->tb = &from;
    tcg_gen_code(s, &from);
    s->tb = NULL;
    s->entry_pc_off = s->entry_cs_base_off = -1;
    memset(&jc, 0, sizeof(jc));
    unsigned h = tb_jc_hash(0x8000);
    jc.e[h].pc = 0x8000;
    jc.e[h].flags = 0x12;
    jc.e[h].tb = &target;
    static const struct { uint32_t pc, cs_base, flags; uintptr_t want; } cases_[] = {
        { 0x8000, 0x8004, 0x12, 0x5550 },
        { 0x8000, 0x8004, 0x112, 0x5550 }, /* only the masked bits count */
        { 0x8000, 0x8008, 0x12, 0 },       /* cs_base differs: miss */
        { 0x8000, 0x8004, 0x13, 0 },       /* flags differ */
        { 0x9000, 0x8004, 0x12, 0 },       /* pc differs */
    };
    for (size_t i = 0; i < sizeof(cases_) / sizeof(cases_[0]); i++) {
        Env e = env_init;
        e.common.jc = &jc;
        e.common.target = &ops;
        e.common.exit_request = 0;
        e.r32[5] = cases_[i].pc;
        e.r32[6] = cases_[i].cs_base;
        e.r32[7] = cases_[i].flags;
        cases++;
        uintptr_t x = tcg_exec_code(&e, from.code);
        if (x != cases_[i].want) {
            printf("FAIL tb key probe %zu: exit %#" PRIxPTR ", want %#" PRIxPTR "\n", i, x,
                   cases_[i].want);
            failures++;
        }
    }
    /* Exit request: the stub stores the TB's pc and cs_base. */
    Env e = env_init;
    e.common.exit_request = 1;
    e.r32[5] = e.r32[6] = 0xdead;
    cases++;
    if (tcg_exec_code(&e, from.code) != 0 || e.r32[5] != 0x1000 || e.r32[6] != 0x1234) {
        printf("FAIL exit-request stub key: pc %#x cs_base %#x\n", e.r32[5], e.r32[6]);
        failures++;
    }
    tcg_jump_key = saved;
}

/* Return prediction: ret_push stores the key and the TB's return stub;
   lookup_and_goto(TCG_LOOKUP_RET) pops it and jumps to the stub only when
   pc, flags (masked as the key says) and cs_base all match, else it does
   the plain lookup (here: a miss, exit 0).  The stub exits with tb | 2
   until chained, then jumps to the chained TB.  Key as in tb_key_tests. */
static void ret_tests(void)
{
    TCGContext *s = &tcg_ctx;
    static TargetOps ops;
    static TBJumpCache jc;
    TCGJumpKey saved = tcg_jump_key;
    ops.tb_key = key_tb_key;
    tcg_jump_key = test_jump_key();
    uint8_t *p = code_buf + CODE_SIZE / 2;
    s->code_end = code_buf + CODE_SIZE;
    /* The TB at the return address: exits with 0x5550. */
    static TranslationBlock target, caller, caller2, ret;
    tcg_func_start(s);
    tcg_gen_exit_tb((void *)(uintptr_t)0x5550, 0);
    s->code_ptr = p;
    tcg_gen_code(s, &target);
    /* Two calls (two TBs): push (0x8000, 0x8004, 0x12) and (0x9000, 0x9004, 0x34). */
    TranslationBlock *callers[2] = { &caller, &caller2 };
    for (int i = 0; i < 2; i++) {
        tcg_func_start(s);
        tcg_gen_insn_start3(0x1000, 0, 0);
        tcg_gen_ret_push(0x8000 + 0x1000 * (uint32_t)i, 0x8004 + 0x1000 * (uint32_t)i, 0x12 + 0x22 * (uint32_t)i);
        tcg_gen_exit_tb((void *)(uintptr_t)0x7770, 0);
        s->tb = callers[i];
        tcg_gen_code(s, callers[i]);
        s->tb = NULL;
    }
    /* The return. */
    tcg_func_start(s);
    tcg_gen_insn_start3(0x2000, 0, 0);
    tcg_gen_lookup_and_goto_ret();
    tcg_gen_code(s, &ret);
    memset(&jc, 0, sizeof(jc));
    const struct { uint32_t pc, cs_base, flags; int chained; uintptr_t want; } cases_[] = {
        { 0x8000, 0x8004, 0x12, 0, (uintptr_t)&caller | 2 }, /* the stub, unchained */
        { 0x8000, 0x8004, 0x312, 0, (uintptr_t)&caller | 2 }, /* only the masked bits count */
        { 0x8000, 0x8004, 0x12, 1, 0x5550 },                 /* chained */
        { 0x8000, 0x8008, 0x12, 1, 0 },                      /* cs_base differs: lookup, miss */
        { 0x8000, 0x8004, 0x13, 1, 0 },                      /* flags differ */
        { 0x8004, 0x8004, 0x12, 1, 0 },                      /* pc differs */
    };
    for (size_t i = 0; i < sizeof(cases_) / sizeof(cases_[0]); i++) {
        Env e = env_init;
        e.common.jc = &jc;
        e.common.target = &ops;
        e.common.exit_request = 0;
        tb_ret_reset(&e);
        tcg_patch_jump((uintptr_t)caller.code + caller.jmp_field[TB_RET_SLOT],
                       cases_[i].chained ? (uintptr_t)target.code
                                         : (uintptr_t)caller.code + caller.jmp_reset[TB_RET_SLOT]);
        cases++;
        uintptr_t x = tcg_exec_code(&e, caller.code);
        uintptr_t y = tcg_exec_code(&e, caller2.code);
        if (x != 0x7770 || y != 0x7770 || jc.ret.top != 2) {
            printf("FAIL ret_push %zu: exits %#" PRIxPTR " %#" PRIxPTR ", top %u\n", i, x, y, jc.ret.top);
            failures++;
            continue;
        }
        /* The newer call's return first: (0x9000, 0x9004, 0x34) goes to caller2's stub. */
        e.r32[5] = 0x9000;
        e.r32[6] = 0x9004;
        e.r32[7] = 0x34;
        x = tcg_exec_code(&e, ret.code);
        if (x != ((uintptr_t)&caller2 | 2) || jc.ret.top != 1) {
            printf("FAIL ret newest: exit %#" PRIxPTR ", top %u\n", x, jc.ret.top);
            failures++;
        }
        e.r32[5] = cases_[i].pc;
        e.r32[6] = cases_[i].cs_base;
        e.r32[7] = cases_[i].flags;
        x = tcg_exec_code(&e, ret.code);
        if (x != cases_[i].want || jc.ret.top != 0) {
            printf("FAIL ret %zu: exit %#" PRIxPTR ", want %#" PRIxPTR ", top %u\n", i, x, cases_[i].want,
                   jc.ret.top);
            failures++;
        }
        /* The ring is empty now (its entries reset): no match, even for the same key. */
        tb_ret_reset(&e);
        cases++;
        if (tcg_exec_code(&e, ret.code) != 0 || jc.ret.top != TB_RET_SLOTS - 1) {
            printf("FAIL ret on an empty ring %zu\n", i);
            failures++;
        }
    }
    /* The ring wraps: TB_RET_SLOTS + 3 calls, then returns in reverse
       order: the newest TB_RET_SLOTS hit. */
    Env e = env_init;
    e.common.jc = &jc;
    e.common.target = &ops;
    e.common.exit_request = 0;
    tb_ret_reset(&e);
    for (int i = 0; i < TB_RET_SLOTS + 3; i++) {
        tcg_exec_code(&e, (i & 1 ? caller2 : caller).code);
    }
    int hits = 0;
    for (int i = TB_RET_SLOTS + 2; i >= 0; i--) {
        e.r32[5] = 0x8000 + 0x1000 * (uint32_t)(i & 1);
        e.r32[6] = e.r32[5] + 4;
        e.r32[7] = 0x12 + 0x22 * (uint32_t)(i & 1);
        uintptr_t x = tcg_exec_code(&e, ret.code);
        hits += x == 0x5550 || x == ((uintptr_t)&caller2 | 2);
    }
    cases++;
    if (hits != TB_RET_SLOTS + 3) { /* wrapped entries hold the same keys (period 2) */
        printf("FAIL ret ring wrap: %d hits\n", hits);
        failures++;
    }
    tcg_patch_jump((uintptr_t)caller.code + caller.jmp_field[TB_RET_SLOT],
                   (uintptr_t)caller.code + caller.jmp_reset[TB_RET_SLOT]);
    tcg_jump_key = saved;
}

int main(void)
{
    const char *seed = getenv("MIMIC_TEST_SEED");
    if (seed) {
        rng_state = strtoull(seed, NULL, 0) | 1;
    }
    guest_mem = aligned_alloc(4096, MEM_SIZE + 4096);
    guest_base = (uintptr_t)guest_mem;
    code_buf = mmap(NULL, CODE_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code_buf == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    tcg_context_init(&tcg_ctx);
    static char names[4][NG][16];
    for (int i = 0; i < NG; i++) {
        snprintf(names[0][i], sizeof(names[0][i]), "r%d", i);
        snprintf(names[1][i], sizeof(names[1][i]), "x%d", i);
        snprintf(names[2][i], sizeof(names[2][i]), "o%d", i);
        snprintf(names[3][i], sizeof(names[3][i]), "ox%d", i);
        gr32[i] = tcg_global_mem_new(TCG_I32, (int)(offsetof(Env, r32) + 4 * i), names[0][i]);
        gr64[i] = tcg_global_mem_new(TCG_I64, (int)(offsetof(Env, r64) + 8 * i), names[1][i]);
        go32[i] = tcg_global_mem_new(TCG_I32, (int)(offsetof(Env, o32) + 4 * i), names[2][i]);
        go64[i] = tcg_global_mem_new(TCG_I64, (int)(offsetof(Env, o64) + 8 * i), names[3][i]);
    }
    tcg_backend_init();
    tb_key_tests();
    ret_tests();
    /* subv/addv, hand-computed (the interpreter's and the optimizer's). */
    static const struct { bool add; uint32_t a, b, v; } ovf[] = {
        { false, 0x80000000u, 1, 0x80000000u }, { false, 0, 0x80000000u, 0x80000000u },
        { false, 0x7fffffffu, 0xffffffffu, 0x80000000u }, { false, 5, 3, 0 }, { false, 3, 5, 0 },
        { true, 0x7fffffffu, 1, 0x80000000u }, { true, 0x80000000u, 0x80000000u, 0x80000000u },
        { true, 0xffffffffu, 1, 0 },
    };
    for (size_t i = 0; i < sizeof(ovf) / sizeof(ovf[0]); i++) {
        if (tcg_ovf_eval(ovf[i].add, ovf[i].a, ovf[i].b) != ovf[i].v) {
            printf("FAIL ovf %s %#x %#x\n", ovf[i].add ? "add" : "sub", ovf[i].a, ovf[i].b);
            failures++;
        }
    }

    /* Passes: raw IR, optimized IR, raw IR with pinned globals, then raw IR
       again without the optional host features (movbe, lzcnt, tzcnt,
       BMI1/2) to cover the fallback sequences. */
    for (int pass = 0; pass < 4; pass++) {
        use_opt = pass == 1;
        use_pins = pass == 2;
        if (pass == 3) {
            x86_have_movbe = x86_have_lzcnt = x86_have_bmi1 = x86_have_bmi2 = false;
        }
        for (size_t k = 0; k < sizeof(specs) / sizeof(specs[0]); k++) {
            for (int w = 0; w < 2; w++) {
                if (!(specs[k].widths & (1 << w))) {
                    continue;
                }
                for (int it = 0; it < 150; it++) {
                    one_op_case(&specs[k], (TCGType)w);
                }
            }
        }
        for (int it = 0; it < 50; it++) {
            branch_case();
            selfmove_case();
            loop_case();
            loop_branch_case();
            for (int k = 0; k < 10; k++) {
                random_cfg_case();
            }
            pressure_case();
            for (int k = 0; k < 4; k++) {
                evict_case();
                xcmp_case();
            }
            call_case();
            scale_case((TCGType)(it & 1));
            shift16_case();
            for (int k = 0; k < 20; k++) {
                vec_case();
                fp_case((TCGType)(k & 1));
                fp_chain_case((TCGType)(k & 1));
            }
        }
        for (int w = 0; w < 2; w++) {
            for (unsigned size = 0; size < 4; size++) {
                if (size == MO_64 && w == TCG_I32) {
                    continue;
                }
                for (unsigned flags = 0; flags < 4; flags++) {
                    unsigned memop = size | (flags & 1 ? MO_SIGN : 0) | (flags & 2 ? MO_BSWAP : 0);
                    for (int it = 0; it < 8; it++) {
                        mem_case((TCGType)w, memop, false);
                        mem_case((TCGType)w, memop & ~MO_SIGN, true);
                        addr64_case((TCGType)w, memop, false);
                        addr64_case((TCGType)w, memop & ~MO_SIGN, true);
                        cmpxchg_case((TCGType)w, memop);
                        if (!(memop & MO_BSWAP)) {
                            env_case((TCGType)w, memop);
                        }
                    }
                }
            }
        }
    }
    for (int it = 0; it < 40; it++) {
        for (unsigned size = MO_16; size <= MO_64; size++) {
            TCGType w = size == MO_64 ? TCG_I64 : (TCGType)rn(2);
            align_case(w, size, MO_ALIGN, it % 3);
            if (size == MO_64) {
                align_case(w, size, MO_ALIGN_4, it % 3);
            }
        }
    }
    tb_layout_tests();
    printf("test-tcg-ops: %d cases, %d failed\n", cases, failures);
    return failures ? 1 : 0;
}
