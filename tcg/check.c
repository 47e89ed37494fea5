/*
 * The IR checker: rejects malformed IR before any pass relies on it.
 * Called from tcg_gen_code in debug builds (CONFIG_DEBUG_TCG) and by tests.
 * On a violation it prints the op, dumps the TB's IR to stderr and aborts:
 * malformed IR is a translator bug, never a guest error.
 *
 * Checked (tcg/README.md, "Well-formed IR"):
 *  - opcode and op->type valid; width-only ops used with their width
 *  - every temp argument in range; types match the op (I32/I64)
 *  - no constant or fixed temp as an output
 *  - labels in range, set exactly once, every branch target set
 *  - conditions, memop sizes and extract/deposit fields in range
 *  - a normal temp is not read before its first write in op order, counting
 *    only reachable ops (a hard error when the TB has no backward branch,
 *    else a warning)
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcg/tcg.h"

typedef struct Checker {
    TCGContext *s;
    int idx;
    bool reachable;     /* current op can run (reads are checked only then) */
    bool has_back_branch;
    bool warned;
    uint8_t written[TCG_MAX_TEMPS];
} Checker;

static _Noreturn void fail(Checker *c, const char *fmt, ...)
{
    const TCGOp *op = &c->s->ops[c->idx];
    va_list ap;
    fprintf(stderr, "mimic: tcg_check: op %d (%s_%s): ", c->idx,
            op->opc < NB_OPS ? tcg_op_defs[op->opc].name : "?", op->type == TCG_I64 ? "i64" : "i32");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\nIR of the TB:\n", stderr);
    tcg_dump_ops(c->s, stderr);
    abort();
}

static const TCGTemp *temp_of(Checker *c, uint64_t t, const char *what)
{
    if (t >= (uint64_t)c->s->nb_temps) {
        fail(c, "%s: temp index %llu out of range (nb_temps %d)", what, (unsigned long long)t, c->s->nb_temps);
    }
    return &c->s->temps[t];
}

static void check_type(Checker *c, uint64_t t, TCGType want, const char *what)
{
    const TCGTemp *ts = temp_of(c, t, what);
    if (ts->type != want) {
        fail(c, "%s: temp %llu is %s, op needs %s", what, (unsigned long long)t,
             ts->type == TCG_I64 ? "i64" : "i32", want == TCG_I64 ? "i64" : "i32");
    }
}

static void check_input(Checker *c, uint64_t t, int type, const char *what)
{
    const TCGTemp *ts = temp_of(c, t, what);
    if (type >= 0) {
        check_type(c, t, (TCGType)type, what);
    }
    if (ts->kind == TEMP_NORMAL && !c->written[t] && c->reachable) {
        if (c->has_back_branch) {
            if (!c->warned) {
                fprintf(stderr, "mimic: tcg_check: warning: op %d reads tmp%llu before any write\n", c->idx,
                        (unsigned long long)t);
                c->warned = true;
            }
        } else {
            fail(c, "%s: tmp%llu is read before it is written", what, (unsigned long long)t);
        }
    }
}

static void check_output(Checker *c, uint64_t t, int type)
{
    const TCGTemp *ts = temp_of(c, t, "output");
    if (type >= 0) {
        check_type(c, t, (TCGType)type, "output");
    }
    if (ts->kind == TEMP_CONST || ts->kind == TEMP_FIXED) {
        fail(c, "output temp %llu is a %s", (unsigned long long)t, ts->kind == TEMP_CONST ? "constant" : "fixed temp");
    }
    if (c->reachable) {
        c->written[t] = 1;
    }
}

/* Expected type of each temp argument, -1 = either.  Generic ops use op->type
   throughout; the exceptions are listed here. */
static int arg_type(const TCGOp *op, int k)
{
    int t = op->type;
    switch (op->opc) {
    case INDEX_op_extu_i32_i64: case INDEX_op_exts_i32_i64: return k == 0 ? TCG_I64 : TCG_I32;
    case INDEX_op_extrl_i64_i32: case INDEX_op_extrh_i64_i32: return k == 0 ? TCG_I32 : TCG_I64;
    case INDEX_op_concat_i32_i64: return k == 0 ? TCG_I64 : TCG_I32;
    case INDEX_op_qemu_ld: return k == 1 ? -1 : t;      /* address: any width */
    case INDEX_op_qemu_st: return k == 1 ? -1 : t;
    case INDEX_op_cmpxchg: return k == 1 ? -1 : t;
    default: return t;
    }
}

static void check_memop(Checker *c, const TCGOp *op, uint64_t mo)
{
    if (mo & ~(uint64_t)(MO_SIZE | MO_SIGN | MO_BSWAP | MO_ALIGN | MO_ALIGN_4)) {
        fail(c, "bad memop 0x%llx", (unsigned long long)mo);
    }
    if ((mo & MO_ALIGN) && (mo & MO_ALIGN_4)) {
        fail(c, "MO_ALIGN and MO_ALIGN_4 together");
    }
    if (op->type == TCG_I32 && (mo & MO_SIZE) == MO_64) {
        fail(c, "64-bit memory access in an i32 op");
    }
}

static void check_cond(Checker *c, uint64_t cond)
{
    if (cond > TCG_COND_GTU) {
        fail(c, "bad condition %llu", (unsigned long long)cond);
    }
}

static void check_field(Checker *c, const TCGOp *op, uint64_t pos, uint64_t len)
{
    unsigned w = op->type == TCG_I64 ? 64 : 32;
    if (len < 1 || pos >= w || len > w - pos) {
        fail(c, "bit field pos %llu len %llu does not fit %u bits", (unsigned long long)pos,
             (unsigned long long)len, w);
    }
}

static void check_label_use(Checker *c, uint64_t l, const int *label_pos)
{
    if (l >= (uint64_t)c->s->nb_labels) {
        fail(c, "label L%llu out of range (nb_labels %d)", (unsigned long long)l, c->s->nb_labels);
    }
    if (label_pos[l] < 0) {
        fail(c, "branch to L%llu, which is never set", (unsigned long long)l);
    }
}

static void check_call(Checker *c, const TCGOp *op)
{
    if (op->nargs > 6) {
        fail(c, "call with %u inputs (max 6)", op->nargs);
    }
    if (op->args[7] == 0) {
        fail(c, "call to a null function");
    }
    for (int k = 0; k < op->nargs; k++) {
        check_input(c, op->args[1 + k], -1, "call input");
    }
    if (op->args[0] != TEMP_NONE) {
        check_output(c, op->args[0], op->type);
    }
}

/* Op-specific constraints on constant args and widths. */
static void check_cargs(Checker *c, const TCGOp *op, const int *label_pos)
{
    const uint64_t *a = op->args;
    switch (op->opc) {
    case INDEX_op_bswap64: case INDEX_op_ext32s: case INDEX_op_ext32u:
        if (op->type != TCG_I64) {
            fail(c, "i64-only op used as i32");
        }
        break;
    case INDEX_op_extu_i32_i64: case INDEX_op_exts_i32_i64: case INDEX_op_concat_i32_i64:
        if (op->type != TCG_I64) {
            fail(c, "op->type must be i64 (the output width)");
        }
        break;
    case INDEX_op_extrl_i64_i32: case INDEX_op_extrh_i64_i32:
    case INDEX_op_subv: case INDEX_op_addv:
        if (op->type != TCG_I32) {
            fail(c, "op->type must be i32 (the output width)");
        }
        break;
    case INDEX_op_ld_env: case INDEX_op_st_env:
        check_memop(c, op, a[2]);
        if (a[2] & MO_BSWAP) {
            fail(c, "env accesses are host-endian: MO_BSWAP not allowed");
        }
        if (memop_align_mask((unsigned)a[2])) {
            fail(c, "env accesses are never checked for alignment");
        }
        break;
    case INDEX_op_qemu_ld: case INDEX_op_qemu_st: check_memop(c, op, a[2]); break;
    case INDEX_op_cmpxchg: check_memop(c, op, a[4]); break;
    case INDEX_op_extract: case INDEX_op_sextract: check_field(c, op, a[2], a[3]); break;
    case INDEX_op_deposit: check_field(c, op, a[3], a[4]); break;
    case INDEX_op_setcond: check_cond(c, a[3]); break;
    case INDEX_op_movcond: check_cond(c, a[5]); break;
    case INDEX_op_brcond: check_cond(c, a[2]); check_label_use(c, a[3], label_pos); break;
    case INDEX_op_br: check_label_use(c, a[0], label_pos); break;
    case INDEX_op_goto_tb: {
        if (a[0] > 1) {
            fail(c, "goto_tb slot %llu (must be 0 or 1)", (unsigned long long)a[0]);
        }
        if (c->s->nb_flag_globals < 32 && (a[1] >> c->s->nb_flag_globals) != 0) {
            fail(c, "goto_tb flag mask %#llx names no flag global", (unsigned long long)a[1]);
        }
        /* The unchained path: stores of guest state (the pc), then exit_tb. */
        int n = c->idx + 1;
        while (n < c->s->nb_ops && (c->s->ops[n].opc == INDEX_op_nop || c->s->ops[n].opc == INDEX_op_mov ||
                                    c->s->ops[n].opc == INDEX_op_st_env)) {
            n++;
        }
        if (n >= c->s->nb_ops || c->s->ops[n].opc != INDEX_op_exit_tb) {
            fail(c, "goto_tb must be followed by exit_tb (only mov/st_env between)");
        }
        break;
    }
    case INDEX_op_discard: temp_of(c, a[0], "discard"); break;
    default: break;
    }
}

static bool ends_flow(const TCGOp *op)
{
    return op->opc == INDEX_op_br || op->opc == INDEX_op_exit_tb || op->opc == INDEX_op_lookup_and_goto;
}

/* reach[i] = op i can run: reached by falling through, or a label some
   reachable branch targets.  Iterated to a fixed point (back branches). */
static void compute_reachable(TCGContext *s, uint8_t *reach)
{
    uint8_t target[TCG_MAX_LABELS];
    bool changed = true;
    memset(target, 0, sizeof(target));
    memset(reach, 0, (size_t)s->nb_ops);
    while (changed) {
        changed = false;
        bool fall = true;
        for (int i = 0; i < s->nb_ops; i++) {
            const TCGOp *op = &s->ops[i];
            bool r = fall || (op->opc == INDEX_op_set_label && target[op->args[0]]);
            if (r && !reach[i]) {
                reach[i] = 1;
                changed = true;
            }
            if (reach[i]) {
                uint64_t l = op->opc == INDEX_op_br ? op->args[0] : op->opc == INDEX_op_brcond ? op->args[3] : ~0ull;
                if (l < (uint64_t)s->nb_labels && !target[l]) {
                    target[l] = 1;
                    changed = true;
                }
            }
            fall = reach[i] && !ends_flow(op);
        }
    }
}

void tcg_check(TCGContext *s)
{
    static Checker c; /* translation is serialized by tb_lock */
    int label_pos[TCG_MAX_LABELS];

    memset(&c, 0, sizeof(c));
    c.s = s;
    if (s->nb_temps > TCG_MAX_TEMPS || s->nb_globals > s->nb_temps || s->nb_labels > TCG_MAX_LABELS ||
        s->nb_ops > s->max_ops) {
        fprintf(stderr, "mimic: tcg_check: context counters out of range\n");
        abort();
    }

    /* Pass 1: labels (set once, position) and backward branches. */
    for (int l = 0; l < s->nb_labels; l++) {
        label_pos[l] = -1;
    }
    for (int i = 0; i < s->nb_ops; i++) {
        const TCGOp *op = &s->ops[i];
        c.idx = i;
        if (op->opc >= NB_OPS) {
            fail(&c, "opcode %u out of range", op->opc);
        }
        if (op->type > TCG_I64) {
            fail(&c, "bad op->type %u", op->type);
        }
        if (op->opc == INDEX_op_set_label) {
            uint64_t l = op->args[0];
            if (l >= (uint64_t)s->nb_labels) {
                fail(&c, "label L%llu out of range (nb_labels %d)", (unsigned long long)l, s->nb_labels);
            }
            if (label_pos[l] >= 0) {
                fail(&c, "label L%llu set twice (first at op %d)", (unsigned long long)l, label_pos[l]);
            }
            label_pos[l] = i;
        }
    }
    for (int i = 0; i < s->nb_ops; i++) {
        const TCGOp *op = &s->ops[i];
        uint64_t l = op->opc == INDEX_op_br ? op->args[0] : op->opc == INDEX_op_brcond ? op->args[3] : ~0ull;
        if (l < (uint64_t)s->nb_labels && label_pos[l] >= 0 && label_pos[l] < i) {
            c.has_back_branch = true;
        }
    }

    uint8_t *reach = malloc((size_t)s->nb_ops + 1);
    if (!reach) {
        abort();
    }
    compute_reachable(s, reach);

    /* Pass 2: every op in order. */
    for (int i = 0; i < s->nb_ops; i++) {
        const TCGOp *op = &s->ops[i];
        const TCGOpDef *def = &tcg_op_defs[op->opc];
        c.idx = i;
        c.reachable = reach[i];
        if (op->opc == INDEX_op_call) {
            check_call(&c, op);
            continue;
        }
        check_cargs(&c, op, label_pos);
        for (int k = 0; k < def->nb_iargs; k++) {
            int ak = def->nb_oargs + k;
            check_input(&c, op->args[ak], arg_type(op, ak), "input");
        }
        for (int k = 0; k < def->nb_oargs; k++) {
            check_output(&c, op->args[k], arg_type(op, k));
        }
        if (op->opc == INDEX_op_mulu2 || op->opc == INDEX_op_muls2) {
            if (op->args[0] == op->args[1]) {
                fail(&c, "both outputs are the same temp");
            }
        }
    }
    free(reach);
}
