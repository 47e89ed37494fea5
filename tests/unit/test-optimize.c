/*
 * tcg_optimize must never change results.
 *
 * Builds many small random IR programs over a fake CPU state (a struct of a
 * few I32/I64 globals plus scratch memory), runs each one in the IR
 * interpreter on random and edge-case inputs before and after tcg_optimize,
 * and requires identical env, guest memory and exit values.  It also checks
 * a few interpreter results against hand-computed values (tcg/README.md) and
 * that the optimizer does fold the obvious cases.
 *
 * Exit 0 = pass; one line per failure.  MIMIC_TEST_SEED=n and
 * MIMIC_TEST_ITERS=n override the defaults.  Build standalone with
 *   cc -DSTANDALONE -Iinclude -I. tests/unit/test-optimize.c tcg/{ir,interp,check,dump,optimize}.c
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "include/guest.h"
#include "tcg/tcg-op.h"
#include "tcg/tcg.h"

#ifdef STANDALONE
uintptr_t guest_base;
#endif

/* ---- The fake CPU state --------------------------------------------------- */

typedef struct Env {
    uint64_t head;       /* stands for CPUCommon; unused */
    uint32_t g32[4];     /* I32 globals a0..a3 */
    uint64_t g64[3];     /* I64 globals x0..x2 */
    uint64_t scratch[4]; /* ld_env/st_env area (no global lives here) */
} Env;

#define MEM_SIZE 4096
static uint8_t guest_mem[MEM_SIZE + 16];

static TCGv g32[4], g64[3];
static int failures;

static uint64_t rng_state;
static uint64_t rnd(void)
{
    /* xorshift64* */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dull;
}
static unsigned rn(unsigned n) { return (unsigned)(rnd() % n); }

static const uint64_t edge_vals[] = {
    0, 1, 2, 3, 7, 8, 31, 32, 33, 63, 64, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff,
    0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull, 0x7fffffffffffffffull,
    0x8000000000000000ull, ~0ull, ~1ull, 0xfffffffffffffff0ull, 0x123456789abcdef0ull,
};
#define NB_EDGE (sizeof(edge_vals) / sizeof(edge_vals[0]))

static uint64_t rnd_value(void)
{
    switch (rn(4)) {
    case 0: return edge_vals[rn(NB_EDGE)];
    case 1: return rnd() & 0xff;
    case 2: return (uint64_t)(int64_t)(int32_t)rnd();
    default: return rnd();
    }
}

/* ---- Helpers the random programs call --------------------------------------- */

static uint64_t h_rw(uint64_t envp, uint64_t a)
{
    Env *env = (Env *)(uintptr_t)envp;
    env->g32[0] += (uint32_t)a;
    env->g64[1] ^= a << 3;
    return env->g32[1] * 7ull + a;
}
static uint64_t h_nowg(uint64_t envp, uint64_t a, uint64_t b)
{
    Env *env = (Env *)(uintptr_t)envp;
    return env->g32[2] + a * b + env->g64[0];
}
static uint64_t h_norwg(uint64_t a, uint64_t b, uint64_t c)
{
    return (a * 31) ^ (b + c);
}

/* ---- Random program generator -------------------------------------------- */

typedef struct Gen {
    bool defined[TCG_MAX_TEMPS];   /* normal temps certainly written here */
    bool saved[4][TCG_MAX_TEMPS];  /* defined[] at each open forward branch */
    TCGLabel labels[4];
    TCGv loop_counter[4];          /* TEMP_NONE: forward region, else a loop */
    bool reserved[TCG_MAX_TEMPS];  /* loop counters: never picked as outputs */
    int depth;
} Gen;
static Gen gen;

static TCGv pick_input(TCGType t)
{
    TCGContext *s = &tcg_ctx;
    unsigned r = rn(10);
    if (r < 3) {
        return tcg_constant(t, rnd_value());
    }
    if (r < 6) {
        /* a defined normal temp of type t, if any (a few tries) */
        for (int tries = 0; tries < 8 && s->nb_temps > s->nb_globals; tries++) {
            int i = s->nb_globals + (int)rn((unsigned)(s->nb_temps - s->nb_globals));
            if (gen.defined[i] && s->temps[i].type == t && s->temps[i].kind == TEMP_NORMAL) {
                return (TCGv)i;
            }
        }
    }
    return t == TCG_I32 ? g32[rn(4)] : g64[rn(3)];
}

static TCGv pick_output(TCGType t)
{
    TCGContext *s = &tcg_ctx;
    unsigned r = rn(10);
    if (r < 3) {
        return t == TCG_I32 ? g32[rn(4)] : g64[rn(3)];
    }
    if (r < 6 && s->nb_temps > s->nb_globals) {
        for (int tries = 0; tries < 8; tries++) {
            int i = s->nb_globals + (int)rn((unsigned)(s->nb_temps - s->nb_globals));
            if (s->temps[i].type == t && s->temps[i].kind == TEMP_NORMAL && !gen.reserved[i]) {
                return (TCGv)i;
            }
        }
    }
    return tcg_temp_new(t);
}

static void mark_defined(TCGv t)
{
    gen.defined[t] = true;
}

static TCGType rnd_type(void) { return rn(2) ? TCG_I64 : TCG_I32; }

static const TCGOpcode bin_ops[] = {
    INDEX_op_add, INDEX_op_sub, INDEX_op_mul, INDEX_op_and, INDEX_op_or, INDEX_op_xor,
    INDEX_op_andc, INDEX_op_shl, INDEX_op_shr, INDEX_op_sar, INDEX_op_rotl, INDEX_op_rotr,
};
static const TCGOpcode un_ops[] = {
    INDEX_op_mov, INDEX_op_neg, INDEX_op_not, INDEX_op_clz, INDEX_op_ctz, INDEX_op_bswap16,
    INDEX_op_bswap32, INDEX_op_ext8s, INDEX_op_ext8u, INDEX_op_ext16s, INDEX_op_ext16u,
    INDEX_op_bswap64, INDEX_op_ext32s, INDEX_op_ext32u, /* last three: I64 only */
};

static void gen_guest_addr(TCGv addr)
{
    /* addr = (something) & 0xff8: stays inside guest_mem */
    TCGv a = pick_input(TCG_I32);
    tcg_gen_andi_i32(addr, a, MEM_SIZE - 8);
    mark_defined(addr);
}

static void close_region(void)
{
    gen.depth--;
    TCGv cnt = gen.loop_counter[gen.depth];
    if (cnt != TEMP_NONE) {
        /* Loop: the body ran at least once, so what it defined stays defined. */
        tcg_gen_subi_i32(cnt, cnt, 1);
        tcg_gen_brcondi_i32(TCG_COND_NE, cnt, 0, gen.labels[gen.depth]);
        return;
    }
    for (int i = 0; i < TCG_MAX_TEMPS; i++) {
        gen.defined[i] = gen.defined[i] && gen.saved[gen.depth][i];
    }
    gen_set_label(gen.labels[gen.depth]);
}

/* Repeat an earlier single-output data op (new output), if its inputs are
   still defined: exercises common-subexpression elimination. */
static bool gen_repeat(void)
{
    TCGContext *s = &tcg_ctx;
    if (s->nb_ops < 2) {
        return false;
    }
    TCGOp prev = s->ops[s->nb_ops - 1 - (int)rn((unsigned)(s->nb_ops < 6 ? s->nb_ops : 6))];
    const TCGOpDef *def = &tcg_op_defs[prev.opc];
    if (def->nb_oargs != 1 || (def->flags & OPF_SIDE) || prev.opc == INDEX_op_ld_env) {
        return false;
    }
    for (int k = 1; k <= def->nb_iargs; k++) {
        TCGv a = (TCGv)prev.args[k];
        if (s->temps[a].kind == TEMP_NORMAL && !gen.defined[a]) {
            return false;
        }
    }
    TCGv r = pick_output((TCGType)s->temps[prev.args[0]].type);
    if (gen.reserved[r]) {
        return false;
    }
    prev.args[0] = r;
    *tcg_emit_op((TCGOpcode)prev.opc, (TCGType)prev.type) = prev;
    mark_defined(r);
    return true;
}

static void gen_one(void)
{
    TCGType t = rnd_type();
    unsigned w = t == TCG_I32 ? 32 : 64;
    unsigned kind = rn(100);

    if (rn(8) == 0 && gen_repeat()) {
        return;
    }
    if (kind < 30) {
        TCGv a = pick_input(t), b = pick_input(t);
        /* Same-input cases exercise x-x, x^x, x&x ... */
        if (rn(6) == 0) {
            b = a;
        }
        TCGv r = pick_output(t);
        tcg_gen_op3(bin_ops[rn(sizeof(bin_ops) / sizeof(bin_ops[0]))], t, r, a, b);
        mark_defined(r);
    } else if (kind < 45) {
        unsigned n = t == TCG_I64 ? 14 : 11;
        TCGv a = pick_input(t), r = pick_output(t);
        tcg_gen_op2(un_ops[rn(n)], t, r, a);
        mark_defined(r);
    } else if (kind < 50) {
        TCGv a = pick_input(t), r = pick_output(t);
        unsigned pos = rn(w), len = 1 + rn(w - pos);
        if (rn(3) == 0) {
            pos = 0;
        }
        tcg_gen_extract(rn(2) ? INDEX_op_extract : INDEX_op_sextract, t, r, a, pos, len);
        mark_defined(r);
    } else if (kind < 53) {
        TCGv a = pick_input(t), b = pick_input(t), r = pick_output(t);
        unsigned pos = rn(w), len = 1 + rn(w - pos);
        TCGOp *op = tcg_emit_op(INDEX_op_deposit, t);
        op->args[0] = r;
        op->args[1] = a;
        op->args[2] = b;
        op->args[3] = pos;
        op->args[4] = len;
        mark_defined(r);
    } else if (kind < 58) {
        TCGv a = pick_input(t), b = rn(5) ? pick_input(t) : a, r = pick_output(t);
        tcg_gen_setcond(t, (TCGCond)rn(12), r, a, b);
        mark_defined(r);
    } else if (kind < 62) {
        TCGv a = pick_input(t), b = pick_input(t), c = pick_input(t), d = rn(5) ? pick_input(t) : c;
        TCGv r = pick_output(t);
        tcg_gen_movcond(t, (TCGCond)rn(12), r, a, b, c, d);
        mark_defined(r);
    } else if (kind < 64) {
        TCGv a = pick_input(t), b = pick_input(t);
        TCGv lo = pick_output(t), hi = pick_output(t);
        while (hi == lo) {
            hi = tcg_temp_new(t);
        }
        tcg_gen_mul2(rn(2) ? INDEX_op_mulu2 : INDEX_op_muls2, t, lo, hi, a, b);
        mark_defined(lo);
        mark_defined(hi);
    } else if (kind < 69) {
        TCGv r;
        switch (rn(5)) {
        case 0: r = pick_output(TCG_I64); tcg_gen_extu_i32_i64(r, pick_input(TCG_I32)); break;
        case 1: r = pick_output(TCG_I64); tcg_gen_ext_i32_i64(r, pick_input(TCG_I32)); break;
        case 2: r = pick_output(TCG_I32); tcg_gen_extrl_i64_i32(r, pick_input(TCG_I64)); break;
        case 3: r = pick_output(TCG_I32); tcg_gen_extrh_i64_i32(r, pick_input(TCG_I64)); break;
        default: {
            TCGv lo = pick_input(TCG_I32), hi = pick_input(TCG_I32);
            r = pick_output(TCG_I64);
            tcg_gen_concat_i32_i64(r, lo, hi);
            break;
        }
        }
        mark_defined(r);
    } else if (kind < 73 && gen.depth < 4) {
        /* Open a forward branch region (brcond or br to a label set later),
           or a loop that runs its body 1 to 3 times. */
        TCGLabel l = gen_new_label();
        memcpy(gen.saved[gen.depth], gen.defined, sizeof(gen.defined));
        gen.labels[gen.depth] = l;
        gen.loop_counter[gen.depth++] = TEMP_NONE;
        if (rn(5) == 0) {
            TCGv cnt = tcg_temp_new_i32();
            gen.reserved[cnt] = true;
            gen.loop_counter[gen.depth - 1] = cnt;
            tcg_gen_movi_i32(cnt, 1 + rn(3));
            gen_set_label(l);
        } else if (rn(6) == 0) {
            tcg_gen_br(l);
        } else {
            TCGv a = pick_input(t), b = rn(5) ? pick_input(t) : a;
            tcg_gen_brcond(t, (TCGCond)rn(12), a, b, l);
        }
    } else if (kind < 78 && gen.depth > 0) {
        close_region();
    } else if (kind < 80 && gen.depth > 0) {
        /* Conditional exit inside a region. */
        tcg_gen_exit_tb(NULL, 0);
        tcg_ctx.ops[tcg_ctx.nb_ops - 1].args[0] = 1 + rn(100);
    } else if (kind < 84) {
        TCGv r = pick_output(t);
        int off = (int)offsetof(Env, scratch) + 8 * (int)rn(4);
        if (rn(2)) {
            unsigned mo = t == TCG_I32 ? rn(3) : rn(4);
            tcg_gen_ld_env(t, r, off, mo | (rn(2) ? MO_SIGN : 0));
            mark_defined(r);
        } else {
            tcg_gen_st_env(t, pick_input(t), off, t == TCG_I32 ? rn(3) : rn(4));
        }
    } else if (kind < 90) {
        TCGv addr = tcg_temp_new(TCG_I32);
        gen_guest_addr(addr);
        unsigned mo = (t == TCG_I32 ? rn(3) : rn(4)) | (rn(2) ? MO_SIGN : 0) | (rn(2) ? MO_BSWAP : 0);
        if (rn(3) == 0) {
            TCGv r = pick_output(t);
            TCGOp *op = tcg_emit_op(INDEX_op_cmpxchg, t);
            op->args[0] = r;
            op->args[1] = addr;
            op->args[2] = pick_input(t);
            op->args[3] = pick_input(t);
            op->args[4] = mo;
            mark_defined(r);
        } else if (rn(2)) {
            TCGv r = pick_output(t);
            tcg_gen_qemu_ld(t, r, addr, mo);
            mark_defined(r);
        } else {
            tcg_gen_qemu_st(t, pick_input(t), addr, mo & ~MO_SIGN);
        }
    } else if (kind < 95) {
        TCGv r = rn(4) ? pick_output(t) : TEMP_NONE;
        TCGType rt = r == TEMP_NONE ? TCG_I32 : t;
        switch (rn(3)) {
        case 0: tcg_gen_call(h_rw, CALL_RW_GLOBALS, rt, r, tcg_env, pick_input(rnd_type())); break;
        case 1:
            tcg_gen_call(h_nowg, CALL_NO_WG, rt, r, tcg_env, pick_input(rnd_type()), pick_input(rnd_type()));
            break;
        default:
            tcg_gen_call(h_norwg, CALL_NO_RWG | CALL_PURE, rt, r, pick_input(rnd_type()),
                         pick_input(rnd_type()), pick_input(rnd_type()));
            break;
        }
        if (r != TEMP_NONE) {
            mark_defined(r);
        }
    } else if (kind < 97) {
        tcg_gen_insn_start(0x10000 + 4 * rn(1000), 0);
    } else if (kind < 98) {
        tcg_gen_mb();
    } else {
        /* discard a normal temp */
        TCGContext *s = &tcg_ctx;
        if (s->nb_temps > s->nb_globals) {
            int i = s->nb_globals + (int)rn((unsigned)(s->nb_temps - s->nb_globals));
            bool in_loop = false;
            for (int d = 0; d < gen.depth; d++) {
                in_loop |= gen.loop_counter[d] != TEMP_NONE;
            }
            if (s->temps[i].kind == TEMP_NORMAL && !gen.reserved[i] && !in_loop) {
                tcg_gen_op1c(INDEX_op_discard, (TCGType)s->temps[i].type, (uint64_t)i);
                gen.defined[i] = false;
            }
        }
    }
}

static void gen_program(int n)
{
    tcg_func_start(&tcg_ctx);
    memset(&gen, 0, sizeof(gen));
    tcg_gen_insn_start(0x10000, 0);
    for (int i = 0; i < n; i++) {
        gen_one();
    }
    while (gen.depth > 0) {
        close_region();
    }
    switch (rn(3)) {
    case 0: tcg_gen_lookup_and_goto(); break;
    case 1: tcg_gen_goto_tb(0); /* fall through */
    default:
        tcg_gen_exit_tb(NULL, 0);
        tcg_ctx.ops[tcg_ctx.nb_ops - 1].args[0] = 1000 + rn(100);
        break;
    }
}

/* ---- Running and comparing ------------------------------------------------- */

typedef struct State {
    Env env;
    uint8_t mem[MEM_SIZE + 16];
    uintptr_t ret;
} State;

static void random_state(State *st)
{
    memset(st, 0, sizeof(*st));
    for (int i = 0; i < 4; i++) {
        st->env.g32[i] = (uint32_t)rnd_value();
        st->env.scratch[i] = rnd_value();
    }
    for (int i = 0; i < 3; i++) {
        st->env.g64[i] = rnd_value();
    }
    for (int i = 0; i < MEM_SIZE; i += 8) {
        uint64_t v = rnd_value();
        memcpy(&st->mem[i], &v, 8);
    }
}

static void run(State *st)
{
    memcpy(guest_mem, st->mem, sizeof(st->mem));
    st->ret = tcg_interpret(&tcg_ctx, &st->env);
    memcpy(st->mem, guest_mem, sizeof(st->mem));
}

#define NB_INPUTS 8

static TCGOp saved_ops[8192];
static volatile int cur_iter = -1;
static uint64_t cur_seed;

/* A miscompiled program may compute a wild guest address: report, don't hang. */
static void on_crash(int sig)
{
    char buf[160];
    int n = snprintf(buf, sizeof(buf), "FAIL crash (signal %d) in random program seed=%llu iter=%d\n", sig,
                     (unsigned long long)cur_seed, cur_iter);
    if (write(1, buf, (size_t)n) < 0) {
        /* nothing more to do */
    }
    _exit(1);
}

static void test_random(uint64_t seed, int iters)
{
    FILE *devnull = fopen("/dev/null", "w");
    static State in[NB_INPUTS], before[NB_INPUTS], after[NB_INPUTS];
    cur_seed = seed;
    signal(SIGSEGV, on_crash);
    signal(SIGBUS, on_crash);
    for (int it = 0; it < iters; it++) {
        cur_iter = it;
        rng_state = seed * 0x9e3779b97f4a7c15ull + (uint64_t)it + 1;
        gen_program(4 + (int)rn(40));
        tcg_check(&tcg_ctx);
        int nb_ops = tcg_ctx.nb_ops;
        memcpy(saved_ops, tcg_ctx.ops, sizeof(TCGOp) * (size_t)nb_ops);
        for (int k = 0; k < NB_INPUTS; k++) {
            random_state(&in[k]);
            before[k] = in[k];
            run(&before[k]);
        }
        tcg_dump_ops(&tcg_ctx, devnull); /* the printer must cope with anything */
        tcg_optimize(&tcg_ctx);
        if (it & 1) {
            tcg_optimize(&tcg_ctx); /* a second pass must be harmless too */
        }
        tcg_check(&tcg_ctx);
        tcg_dump_ops(&tcg_ctx, devnull);
        for (int k = 0; k < NB_INPUTS; k++) {
            after[k] = in[k];
            run(&after[k]);
            if (memcmp(&before[k].env, &after[k].env, sizeof(Env)) != 0 ||
                memcmp(before[k].mem, after[k].mem, MEM_SIZE) != 0 || before[k].ret != after[k].ret) {
                failures++;
                printf("FAIL random program seed=%" PRIu64 " iter=%d input=%d: results differ after tcg_optimize\n",
                       seed, it, k);
                if (failures <= 1) {
                    fprintf(stderr, "before: ret %lu a=%x,%x,%x,%x x=%lx,%lx,%lx\n", (unsigned long)before[k].ret,
                            before[k].env.g32[0], before[k].env.g32[1], before[k].env.g32[2], before[k].env.g32[3],
                            (unsigned long)before[k].env.g64[0], (unsigned long)before[k].env.g64[1],
                            (unsigned long)before[k].env.g64[2]);
                    fprintf(stderr, "after:  ret %lu a=%x,%x,%x,%x x=%lx,%lx,%lx\n", (unsigned long)after[k].ret,
                            after[k].env.g32[0], after[k].env.g32[1], after[k].env.g32[2], after[k].env.g32[3],
                            (unsigned long)after[k].env.g64[0], (unsigned long)after[k].env.g64[1],
                            (unsigned long)after[k].env.g64[2]);
                    fprintf(stderr, "--- optimized IR:\n");
                    tcg_dump_ops(&tcg_ctx, stderr);
                    memcpy(tcg_ctx.ops, saved_ops, sizeof(TCGOp) * (size_t)nb_ops);
                    tcg_ctx.nb_ops = nb_ops;
                    fprintf(stderr, "--- original IR:\n");
                    tcg_dump_ops(&tcg_ctx, stderr);
                }
                break;
            }
        }
    }
    fclose(devnull);
}

/* ---- Directed checks of the interpreter (README semantics) -------------- */

typedef struct Directed {
    TCGOpcode opc;
    TCGType type;
    uint64_t a, b;      /* inputs (b unused by unary ops) */
    uint64_t c0, c1;    /* constant args (extract/deposit pos,len; cond) */
    uint64_t want, want_hi;
} Directed;

static const Directed directed[] = {
    { INDEX_op_shl, TCG_I32, 1, 33, 0, 0, 2, 0 },              /* count mod 32 */
    { INDEX_op_shr, TCG_I64, 0x8000000000000000ull, 65, 0, 0, 0x4000000000000000ull, 0 },
    { INDEX_op_sar, TCG_I32, 0x80000000, 31, 0, 0, 0xffffffff, 0 },
    { INDEX_op_sar, TCG_I64, 0x8000000000000000ull, 63, 0, 0, ~0ull, 0 },
    { INDEX_op_rotl, TCG_I32, 0x80000001, 1, 0, 0, 3, 0 },
    { INDEX_op_rotr, TCG_I32, 3, 1, 0, 0, 0x80000001, 0 },
    { INDEX_op_rotr, TCG_I64, 1, 0, 0, 0, 1, 0 },
    { INDEX_op_clz, TCG_I32, 0, 0, 0, 0, 32, 0 },
    { INDEX_op_clz, TCG_I64, 1, 0, 0, 0, 63, 0 },
    { INDEX_op_ctz, TCG_I64, 0, 0, 0, 0, 64, 0 },
    { INDEX_op_ctz, TCG_I32, 0x80000000, 0, 0, 0, 31, 0 },
    { INDEX_op_bswap16, TCG_I32, 0xaabbccdd, 0, 0, 0, 0xddcc, 0 },
    { INDEX_op_bswap32, TCG_I64, 0x1122334455667788ull, 0, 0, 0, 0x88776655, 0 },
    { INDEX_op_ext8s, TCG_I32, 0x180, 0, 0, 0, 0xffffff80, 0 },
    { INDEX_op_ext16s, TCG_I64, 0x8000, 0, 0, 0, 0xffffffffffff8000ull, 0 },
    { INDEX_op_neg, TCG_I32, 1, 0, 0, 0, 0xffffffff, 0 },
    { INDEX_op_extract, TCG_I32, 0xabcd1234, 0, 8, 12, 0xd12, 0 },
    { INDEX_op_sextract, TCG_I32, 0xabcd1234, 0, 12, 8, 0xffffffd1, 0 },
    { INDEX_op_deposit, TCG_I32, 0xffffffff, 0x0, 4, 8, 0xfffff00f, 0 },
    { INDEX_op_setcond, TCG_I32, 0xffffffff, 1, TCG_COND_LT, 0, 1, 0 },
    { INDEX_op_setcond, TCG_I32, 0xffffffff, 1, TCG_COND_LTU, 0, 0, 0 },
    { INDEX_op_setcond, TCG_I64, 0xffffffff, 1, TCG_COND_LT, 0, 0, 0 },
    { INDEX_op_mulu2, TCG_I32, 0xffffffff, 0xffffffff, 0, 0, 1, 0xfffffffe },
    { INDEX_op_muls2, TCG_I32, 0xffffffff, 0xffffffff, 0, 0, 1, 0 },
    { INDEX_op_muls2, TCG_I64, ~0ull, 2, 0, 0, ~1ull, ~0ull },
    { INDEX_op_mulu2, TCG_I64, ~0ull, 2, 0, 0, ~1ull, 1 },
    { INDEX_op_andc, TCG_I32, 0xff, 0x0f, 0, 0, 0xf0, 0 },
};

static void test_directed(void)
{
    Env env;
    for (size_t i = 0; i < sizeof(directed) / sizeof(directed[0]); i++) {
        const Directed *d = &directed[i];
        const TCGOpDef *def = &tcg_op_defs[d->opc];
        TCGType t = d->type;
        memset(&env, 0, sizeof(env));
        tcg_func_start(&tcg_ctx);
        TCGv a = tcg_temp_new(t), b = tcg_temp_new(t);
        tcg_gen_op2(INDEX_op_mov, t, a, tcg_constant(t, d->a));
        tcg_gen_op2(INDEX_op_mov, t, b, tcg_constant(t, d->b));
        TCGv lo = t == TCG_I32 ? g32[0] : g64[0], hi = t == TCG_I32 ? g32[1] : g64[1];
        TCGOp *op = tcg_emit_op(d->opc, t);
        int k = 0;
        op->args[k++] = lo;
        if (def->nb_oargs == 2) {
            op->args[k++] = hi;
        }
        op->args[k++] = a;
        if (def->nb_iargs == 2) {
            op->args[k++] = b;
        }
        if (def->nb_cargs >= 1) {
            op->args[k++] = d->c0;
        }
        if (def->nb_cargs >= 2) {
            op->args[k++] = d->c1;
        }
        tcg_gen_exit_tb(NULL, 0);
        tcg_check(&tcg_ctx);
        tcg_interpret(&tcg_ctx, &env);
        uint64_t got = t == TCG_I32 ? env.g32[0] : env.g64[0];
        uint64_t got_hi = t == TCG_I32 ? env.g32[1] : env.g64[1];
        if (got != d->want || (def->nb_oargs == 2 && got_hi != d->want_hi)) {
            failures++;
            printf("FAIL interpreter %s_%s(0x%" PRIx64 ", 0x%" PRIx64 ") = 0x%" PRIx64 ":0x%" PRIx64
                   ", want 0x%" PRIx64 ":0x%" PRIx64 "\n",
                   def->name, t == TCG_I32 ? "i32" : "i64", d->a, d->b, got_hi, got, d->want_hi, d->want);
        }
    }
}

/* ---- The optimizer does fold the obvious ---------------------------------- */

static int count_ops(TCGOpcode opc)
{
    int n = 0;
    for (int i = 0; i < tcg_ctx.nb_ops; i++) {
        n += tcg_ctx.ops[i].opc == opc;
    }
    return n;
}

static void test_effective(void)
{
    /* t = 3; t = t + 4; t = t * 2; a0 = t ^ a1 ^ a1 + 0: one mov of $0xe */
    tcg_func_start(&tcg_ctx);
    TCGv t = tcg_temp_new_i32(), u = tcg_temp_new_i32();
    tcg_gen_movi_i32(t, 3);
    tcg_gen_addi_i32(t, t, 4);
    tcg_gen_muli_i32(t, t, 2);
    tcg_gen_xor_i32(u, g32[1], g32[1]);
    tcg_gen_or_i32(u, u, t);
    tcg_gen_addi_i32(g32[0], u, 0);
    TCGLabel l = gen_new_label();
    tcg_gen_brcondi_i32(TCG_COND_EQ, u, 14, l);
    tcg_gen_movi_i32(g32[2], 99); /* dead: the branch is always taken */
    gen_set_label(l);
    tcg_gen_exit_tb(NULL, 0);
    tcg_optimize(&tcg_ctx);
    tcg_check(&tcg_ctx);
    int arith = count_ops(INDEX_op_add) + count_ops(INDEX_op_mul) + count_ops(INDEX_op_xor) +
                count_ops(INDEX_op_or) + count_ops(INDEX_op_brcond);
    Env env = { 0 };
    env.g32[2] = 5;
    tcg_interpret(&tcg_ctx, &env);
    if (arith != 0 || env.g32[0] != 14 || env.g32[2] != 5) {
        failures++;
        printf("FAIL optimizer did not fold a constant chain (%d arithmetic ops left, a0=%u)\n", arith, env.g32[0]);
        tcg_dump_ops(&tcg_ctx, stdout);
    }
}

/* ---- tcg_check rejects malformed IR ------------------------------------- */

static void bad_type(void) { tcg_gen_add_i32(tcg_temp_new_i32(), g32[0], g64[0]); }
static void bad_const_out(void) { tcg_gen_add_i32(tcg_constant_i32(5), g32[0], g32[1]); }
static void bad_fixed_out(void) { tcg_gen_mov_i64(tcg_env, g64[0]); }
static void bad_undef_label(void) { tcg_gen_br(gen_new_label()); }
static void bad_label_twice(void)
{
    TCGLabel l = gen_new_label();
    gen_set_label(l);
    gen_set_label(l);
}
static void bad_read_before_write(void) { tcg_gen_add_i32(g32[0], tcg_temp_new_i32(), g32[1]); }
static void bad_range(void) { tcg_gen_mov_i32(g32[0], 4000); }
static void bad_i64_only(void) { tcg_gen_op2(INDEX_op_ext32s, TCG_I32, g32[0], g32[1]); }
static void bad_field(void) { tcg_gen_extract_i32(g32[0], g32[1], 20, 13); }
static void bad_widen(void) { tcg_gen_extu_i32_i64(g64[0], g64[1]); }
static void bad_memop(void) { tcg_gen_qemu_ld_i32(g32[0], g32[1], MO_64); }

static void test_check_rejects(void)
{
    static const struct {
        const char *name;
        void (*build)(void);
    } cases[] = {
        { "type mismatch", bad_type }, { "constant output", bad_const_out },
        { "fixed output", bad_fixed_out }, { "undefined label", bad_undef_label },
        { "label set twice", bad_label_twice }, { "read before write", bad_read_before_write },
        { "temp out of range", bad_range }, { "i64-only op as i32", bad_i64_only },
        { "extract field", bad_field }, { "fixed-width input type", bad_widen },
        { "64-bit load in i32 op", bad_memop },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0) {
            int fd = open("/dev/null", O_WRONLY);
            dup2(fd, 2);
            tcg_func_start(&tcg_ctx);
            cases[i].build();
            tcg_gen_exit_tb(NULL, 0);
            tcg_check(&tcg_ctx);
            _exit(0);
        }
        int status = 0;
        waitpid(pid, &status, 0);
        if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGABRT) {
            failures++;
            printf("FAIL tcg_check accepted malformed IR: %s\n", cases[i].name);
        }
    }
}

static void test_cse(void)
{
    /* u = a0 + a1; v = a0 + a1 (reused); a1 = 5; w = a0 + a1 (not reused) */
    tcg_func_start(&tcg_ctx);
    TCGv u = tcg_temp_new_i32(), v = tcg_temp_new_i32(), w = tcg_temp_new_i32();
    tcg_gen_add_i32(u, g32[0], g32[1]);
    tcg_gen_add_i32(v, g32[0], g32[1]);
    tcg_gen_movi_i32(g32[1], 5);
    tcg_gen_add_i32(w, g32[0], g32[1]);
    tcg_gen_add_i32(g32[2], u, v);
    tcg_gen_mov_i32(g32[3], w);
    tcg_gen_exit_tb(NULL, 0);
    tcg_optimize(&tcg_ctx);
    tcg_check(&tcg_ctx);
    Env env = { 0 };
    env.g32[0] = 10;
    env.g32[1] = 20;
    tcg_interpret(&tcg_ctx, &env);
    if (count_ops(INDEX_op_add) != 3 || env.g32[2] != 60 || env.g32[3] != 15) {
        failures++;
        printf("FAIL common subexpression: %d adds left (want 3), a2=%u a3=%u\n", count_ops(INDEX_op_add),
               env.g32[2], env.g32[3]);
        tcg_dump_ops(&tcg_ctx, stdout);
    }
}

int main(void)
{
    const char *e;
    uint64_t seed = (e = getenv("MIMIC_TEST_SEED")) ? strtoull(e, NULL, 0) : 1;
    int iters = (e = getenv("MIMIC_TEST_ITERS")) ? atoi(e) : 30000;

    setvbuf(stdout, NULL, _IOLBF, 0); /* failure lines survive a crash */
    guest_base = (uintptr_t)guest_mem;
    tcg_context_init(&tcg_ctx);
    static const char *n32[] = { "a0", "a1", "a2", "a3" }, *n64[] = { "x0", "x1", "x2" };
    for (int i = 0; i < 4; i++) {
        g32[i] = tcg_global_mem_new(TCG_I32, (int)(offsetof(Env, g32) + 4 * (size_t)i), n32[i]);
    }
    for (int i = 0; i < 3; i++) {
        g64[i] = tcg_global_mem_new(TCG_I64, (int)(offsetof(Env, g64) + 8 * (size_t)i), n64[i]);
    }

    test_directed();
    test_effective();
    test_cse();
    test_check_rejects();
    test_random(seed, iters);
    if (failures) {
        printf("test-optimize: %d failure(s)\n", failures);
        return 1;
    }
    printf("test-optimize: ok (%d random programs)\n", iters);
    return 0;
}
