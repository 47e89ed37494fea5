/*
 * The IR optimizer: one forward pass over the ops of a TB.
 *
 *  - constant folding of every pure data op (through tcg_op_eval, the
 *    interpreter's own semantics, so folding can never disagree with it)
 *  - copy propagation: inputs are replaced by the best known equal temp
 *    (a constant, else a global, else the oldest normal temp)
 *  - algebraic identities (x+0, x*1, x&-1, x|0, x^x, x-x, x&0, shifts by 0 ...)
 *  - known-zero bits per temp, to drop redundant extensions and masks
 *  - common subexpressions: a repeated pure op whose inputs and earlier
 *    output are unchanged (per-temp write versions) becomes a mov
 *  - branches with a known outcome become br or nop; unreachable ops after
 *    br/exit_tb/lookup_and_goto up to the next label are removed
 *
 * Knowledge is kept per basic block: everything is forgotten at a label (a
 * label may be reached from elsewhere).  The fall-through after a brcond has
 * a single predecessor, so knowledge survives it.  Globals are forgotten when
 * written and, all at once, at helper calls that may write globals.
 *
 * Removed ops become INDEX_op_nop; no op is ever inserted.  Correctness over
 * cleverness: tests/unit/test-optimize.c interprets random IR before and after
 * this pass and requires identical results.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcg/tcg.h"
#include "tcg/tcg-op.h"
#include "include/coldbss.h"

typedef struct TempInfo {
    bool is_const;
    uint64_t val;        /* if is_const */
    uint64_t z_mask;     /* bits that may be non-zero */
    uint32_t next_copy;  /* circular list of temps known to hold the same value */
    uint32_t prev_copy;
    uint32_t gen;        /* valid only if equal to Opt.gen (else: nothing known) */
} TempInfo;

typedef struct Opt {
    TCGContext *s;
    uint32_t gen;       /* bumped to forget everything at once (see tinfo()) */
    bool branch_removed; /* a br/brcond became a nop: sweep_unreachable has work */
    uint16_t label_refs[TCG_MAX_LABELS]; /* live br/brcond ops per label */
    TempInfo info[TCG_MAX_TEMPS];
    uint32_t version[TCG_MAX_TEMPS];     /* bumped on every write of a temp */
    uint32_t epoch;                      /* bumped at every label: CSE entries die */
    struct CseEntry {
        uint32_t epoch;
        TCGOp key;                       /* opc, type, args (output ignored) */
        uint32_t ver[TCG_MAX_ARGS];      /* versions of args when recorded */
    } cse[256];
} Opt;

static COLD_BSS Opt opt; /* translation is serialized by tb_lock */

static inline uint64_t width_mask(TCGType t)
{
    return t == TCG_I32 ? 0xffffffffull : ~0ull;
}

static inline TCGType temp_type(Opt *o, uint64_t t)
{
    return (TCGType)o->s->temps[t].type;
}

static void init_temp(Opt *o, uint32_t t)
{
    TempInfo *ti = &o->info[t];
    const TCGTemp *ts = &o->s->temps[t];
    ti->gen = o->gen;
    ti->next_copy = ti->prev_copy = t;
    if (ts->kind == TEMP_CONST) {
        ti->is_const = true;
        ti->val = ts->val & width_mask((TCGType)ts->type);
        ti->z_mask = ti->val;
    } else {
        ti->is_const = false;
        ti->val = 0;
        ti->z_mask = width_mask((TCGType)ts->type);
    }
}

/* The info of temp t.  Knowledge is dropped wholesale by bumping o->gen
   (reset_all); an entry from an older generation is re-initialized here on
   first use, so forgetting costs O(1) instead of O(temps) per label. */
static inline TempInfo *tinfo(Opt *o, uint64_t t)
{
    TempInfo *ti = &o->info[t];
    if (ti->gen != o->gen) {
        init_temp(o, (uint32_t)t);
    }
    return ti;
}

/* The info of t when it is known to be current: an input of the op being
   folded (propagate_inputs refreshed them all), or a member of a copy class
   (every member was current when linked, and the generation only changes
   all at once).  Saves the generation check of tinfo() in the hot paths. */
static inline TempInfo *fresh(Opt *o, uint64_t t)
{
    return &o->info[t];
}

/* Forget everything about t (it is being overwritten). */
static void reset_temp(Opt *o, uint32_t t)
{
    TempInfo *ti = &o->info[t];
    /* A stale entry, or one alone in its copy class, has no links to undo
       (most temps are written once: their first write finds them stale). */
    if (ti->gen == o->gen && ti->next_copy != t) {
        fresh(o, ti->prev_copy)->next_copy = ti->next_copy;
        fresh(o, ti->next_copy)->prev_copy = ti->prev_copy;
    }
    init_temp(o, t);
    o->version[t]++;
}

static void reset_all(Opt *o)
{
    if (++o->gen == 0) { /* wrapped: make every entry stale for real */
        for (int t = 0; t < TCG_MAX_TEMPS; t++) {
            o->info[t].gen = 0;
        }
        o->gen = 1;
    }
}

/* Start a new block for CSE: older entries stop matching. */
static void new_epoch(Opt *o)
{
    if (++o->epoch == 0) { /* wrapped: really forget */
        memset(o->cse, 0, sizeof(o->cse));
        o->epoch = 1;
    }
}

static void reset_globals(Opt *o)
{
    for (int t = 0; t < o->s->nb_globals; t++) {
        if (o->s->temps[t].kind == TEMP_GLOBAL) {
            reset_temp(o, (uint32_t)t);
        }
    }
}

/* The globals overlapping env[off, off + len) (written by a host_vec). */
static void reset_globals_at(Opt *o, int32_t off, int len)
{
    for (int t = 0; t < o->s->nb_globals; t++) {
        const TCGTemp *ts = &o->s->temps[t];
        int sz = ts->type == TCG_I64 ? 8 : 4;
        if (ts->kind == TEMP_GLOBAL && ts->mem_offset < off + len && off < ts->mem_offset + sz) {
            reset_temp(o, (uint32_t)t);
        }
    }
}

/* A constant temp for (type, val), with its info initialized. */
static uint32_t const_temp(Opt *o, TCGType type, uint64_t val)
{
    if (o->s != &tcg_ctx) {
        fprintf(stderr, "mimic: tcg_optimize: only tcg_ctx is supported\n");
        abort();
    }
    return tcg_constant(type, val); /* a new temp: its info is stale, see tinfo() */
}

/* For the op's inputs (current, see fresh()). */
static bool is_const(Opt *o, uint64_t t) { return fresh(o, t)->is_const; }
static uint64_t cval(Opt *o, uint64_t t) { return fresh(o, t)->val; }
static bool is_const_val(Opt *o, uint64_t t, uint64_t v) { return is_const(o, t) && cval(o, t) == v; }

/* Same value for sure: same temp, same class, or equal constants.  a and b
   must be current (fresh()). */
static bool same_value(Opt *o, uint64_t a, uint64_t b)
{
    if (a == b) {
        return true;
    }
    if (temp_type(o, a) != temp_type(o, b)) {
        return false;
    }
    if (is_const(o, a) && is_const(o, b)) {
        return cval(o, a) == cval(o, b);
    }
    for (uint32_t i = fresh(o, a)->next_copy; i != a; i = fresh(o, i)->next_copy) {
        if (i == b) {
            return true;
        }
    }
    return false;
}

/* The temp an input should read instead of t; the result is current. */
static uint32_t best_copy(Opt *o, uint32_t t)
{
    const TCGTemp *temps = o->s->temps;
    TempInfo *ti = tinfo(o, t);
    if (temps[t].kind == TEMP_CONST) {
        return t;
    }
    if (ti->is_const) {
        uint32_t c = const_temp(o, (TCGType)temps[t].type, ti->val);
        tinfo(o, c);
        return c;
    }
    uint32_t best = t;
    for (uint32_t i = ti->next_copy; i != t; i = fresh(o, i)->next_copy) {
        bool i_norm = temps[i].kind == TEMP_NORMAL, b_norm = temps[best].kind == TEMP_NORMAL;
        if ((b_norm && !i_norm) || (i_norm == b_norm && i < best)) {
            best = i;
        }
    }
    return best;
}

/* ---- Rewriting ops ---------------------------------------------------- */

static void make_nop(TCGOp *op)
{
    /* A removed branch no longer keeps its label alive. */
    if (op->opc == INDEX_op_br) {
        opt.label_refs[op->args[0]]--;
        opt.branch_removed = true;
    } else if (op->opc == INDEX_op_brcond) {
        opt.label_refs[op->args[3]]--;
        opt.branch_removed = true;
    }
    memset(op, 0, sizeof(*op));
    op->opc = INDEX_op_nop;
}

static void fold_mov(Opt *o, TCGOp *op);

/* Turn op into "mov args[0], src". */
static void make_mov(Opt *o, TCGOp *op, uint64_t src)
{
    uint64_t dst = op->args[0];
    TCGType t = (TCGType)op->type;
    memset(op, 0, sizeof(*op));
    op->opc = INDEX_op_mov;
    op->type = (uint8_t)t;
    op->args[0] = dst;
    op->args[1] = src;
    fold_mov(o, op);
}

static void make_movi(Opt *o, TCGOp *op, uint64_t val)
{
    TCGType t = (TCGType)op->type;
    make_mov(o, op, const_temp(o, t, val & width_mask(t)));
}

/* Record the (single) output of op with an optional known-zero mask. */
static void set_output(Opt *o, TCGOp *op, uint64_t z_mask)
{
    uint32_t d = (uint32_t)op->args[0];
    reset_temp(o, d);
    fresh(o, d)->z_mask &= z_mask;
}

static void reset_outputs(Opt *o, TCGOp *op)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    for (int k = 0; k < def->nb_oargs; k++) {
        if (op->opc == INDEX_op_call && op->args[0] == TEMP_NONE) {
            continue;
        }
        reset_temp(o, (uint32_t)op->args[k]);
    }
}

/* ---- Fold functions, one per op family --------------------------------- */

static void fold_mov(Opt *o, TCGOp *op)
{
    uint32_t dst = (uint32_t)op->args[0], src = (uint32_t)op->args[1];
    tinfo(o, dst);
    TempInfo *si = tinfo(o, src); /* may be a constant just made */
    if (same_value(o, dst, src)) {
        make_nop(op);
        return;
    }
    reset_temp(o, dst);
    TempInfo *di = fresh(o, dst);
    di->z_mask = si->z_mask;
    if (si->is_const) {
        di->is_const = true;
        di->val = si->val;
        return;
    }
    /* Link dst into src's copy class. */
    di->next_copy = si->next_copy;
    di->prev_copy = src;
    fresh(o, si->next_copy)->prev_copy = dst;
    si->next_copy = dst;
}

/* If every input is a known constant, replace op by a constant move. */
static bool fold_constants(Opt *o, TCGOp *op)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    uint64_t in[TCG_MAX_ARGS], out[2];
    if (def->nb_oargs != 1) {
        return false;
    }
    for (int k = 0; k < def->nb_iargs; k++) {
        uint64_t t = op->args[def->nb_oargs + k];
        if (!is_const(o, t)) {
            return false;
        }
        in[k] = cval(o, t);
    }
    if (!tcg_op_eval(op, in, out)) {
        return false;
    }
    make_movi(o, op, out[0]);
    return true;
}

static bool is_commutative(TCGOpcode opc)
{
    return opc == INDEX_op_add || opc == INDEX_op_mul || opc == INDEX_op_and || opc == INDEX_op_or ||
           opc == INDEX_op_xor;
}

/* add, sub, mul, and, or, xor, andc. */
static void fold_arith(Opt *o, TCGOp *op)
{
    TCGOpcode opc = (TCGOpcode)op->opc;
    uint64_t wm = width_mask((TCGType)op->type);
    if (is_commutative(opc) && is_const(o, op->args[1]) && !is_const(o, op->args[2])) {
        uint64_t tmp = op->args[1];
        op->args[1] = op->args[2];
        op->args[2] = tmp;
    }
    if (fold_constants(o, op)) {
        return;
    }
    uint64_t a = op->args[1], b = op->args[2];
    uint64_t za = fresh(o, a)->z_mask, zb = fresh(o, b)->z_mask;
    bool same = same_value(o, a, b);

    switch (opc) {
    case INDEX_op_add:
    case INDEX_op_or:
    case INDEX_op_xor:
        if (is_const_val(o, b, 0)) {
            make_mov(o, op, a);
            return;
        }
        if (opc == INDEX_op_xor && same) {
            make_movi(o, op, 0);
            return;
        }
        if (opc == INDEX_op_or && same) {
            make_mov(o, op, a);
            return;
        }
        if (opc == INDEX_op_or && is_const_val(o, b, wm)) {
            make_movi(o, op, wm);
            return;
        }
        set_output(o, op, opc == INDEX_op_add ? wm : za | zb);
        return;
    case INDEX_op_sub:
        if (is_const_val(o, b, 0)) {
            make_mov(o, op, a);
            return;
        }
        if (same) {
            make_movi(o, op, 0);
            return;
        }
        set_output(o, op, wm);
        return;
    case INDEX_op_mul:
        if (is_const_val(o, b, 1)) {
            make_mov(o, op, a);
            return;
        }
        if (is_const_val(o, b, 0)) {
            make_movi(o, op, 0);
            return;
        }
        set_output(o, op, wm);
        return;
    case INDEX_op_and:
        if (same || (is_const(o, b) && (za & ~cval(o, b)) == 0)) {
            /* x & x, x & -1, or the mask keeps every possibly-set bit of x. */
            make_mov(o, op, a);
            return;
        }
        if (is_const_val(o, b, 0) || (za & zb) == 0) {
            make_movi(o, op, 0);
            return;
        }
        set_output(o, op, za & zb);
        return;
    case INDEX_op_andc:
        if (same || is_const_val(o, a, 0)) {
            make_movi(o, op, 0);
            return;
        }
        if (is_const_val(o, b, 0)) {
            make_mov(o, op, a);
            return;
        }
        set_output(o, op, is_const(o, b) ? za & ~cval(o, b) : za);
        return;
    default:
        abort();
    }
}

/* shl, shr, sar, rotl, rotr. */
static void fold_shift(Opt *o, TCGOp *op)
{
    if (fold_constants(o, op)) {
        return;
    }
    TCGOpcode opc = (TCGOpcode)op->opc;
    TCGType t = (TCGType)op->type;
    unsigned w = t == TCG_I32 ? 32 : 64;
    uint64_t a = op->args[1], b = op->args[2];
    uint64_t za = fresh(o, a)->z_mask;
    if (is_const_val(o, a, 0)) {
        make_movi(o, op, 0); /* 0 shifted or rotated by anything */
        return;
    }
    if (!is_const(o, b)) {
        set_output(o, op, width_mask(t));
        return;
    }
    unsigned sh = (unsigned)cval(o, b) & (w - 1);
    if (sh == 0) {
        make_mov(o, op, a);
        return;
    }
    switch (opc) {
    case INDEX_op_shl: set_output(o, op, (za << sh) & width_mask(t)); break;
    case INDEX_op_shr: set_output(o, op, za >> sh); break;
    default: set_output(o, op, width_mask(t)); break;
    }
}

/* neg, not, clz, ctz, bswap*, ext*, extract, sextract and the width changes. */
static void fold_unary(Opt *o, TCGOp *op)
{
    if (fold_constants(o, op)) {
        return;
    }
    TCGType t = (TCGType)op->type;
    uint64_t a = op->args[1];
    uint64_t za = fresh(o, a)->z_mask;
    uint64_t wm = width_mask(t), z = wm;
    uint64_t keep = 0;  /* op is a no-op when za fits in keep (same-width ops only) */

    switch ((TCGOpcode)op->opc) {
    case INDEX_op_ext8u: keep = 0xff; z = za & 0xff; break;
    case INDEX_op_ext16u: keep = 0xffff; z = za & 0xffff; break;
    case INDEX_op_ext32u: keep = 0xffffffff; z = za & 0xffffffff; break;
    case INDEX_op_ext8s: keep = 0x7f; break;
    case INDEX_op_ext16s: keep = 0x7fff; break;
    case INDEX_op_ext32s: keep = 0x7fffffff; break;
    case INDEX_op_extract: {
        uint64_t m = op->args[3] >= 64 ? ~0ull : (1ull << op->args[3]) - 1;
        if (op->args[2] == 0) {
            keep = m;
        }
        z = (za >> op->args[2]) & m;
        break;
    }
    case INDEX_op_sextract:
        if (op->args[2] == 0 && op->args[3] < 64) {
            keep = (1ull << (op->args[3] - 1)) - 1;
        }
        break;
    case INDEX_op_clz: case INDEX_op_ctz: z = 127; break;
    case INDEX_op_bswap16: z = 0xffff; break;
    case INDEX_op_bswap32: z = 0xffffffff; break;
    case INDEX_op_extu_i32_i64: z = za & 0xffffffff; break;
    case INDEX_op_extrl_i64_i32: z = za & 0xffffffff; break;
    case INDEX_op_extrh_i64_i32: z = za >> 32; break;
    default: break;
    }
    if (keep && (za & ~keep) == 0) {
        make_mov(o, op, a);
        return;
    }
    set_output(o, op, z & wm);
}

/* deposit, concat: fold constants, else track what is known of the bits. */
static void fold_binary_misc(Opt *o, TCGOp *op)
{
    if (fold_constants(o, op)) {
        return;
    }
    uint64_t za = fresh(o, op->args[1])->z_mask, zb = fresh(o, op->args[2])->z_mask;
    if (op->opc == INDEX_op_concat_i32_i64) {
        set_output(o, op, (za & 0xffffffff) | (zb & 0xffffffff) << 32);
    } else {
        unsigned pos = (unsigned)op->args[3];
        uint64_t m = (op->args[4] >= 64 ? ~0ull : (1ull << op->args[4]) - 1) << pos;
        set_output(o, op, ((za & ~m) | ((zb << pos) & m)) & width_mask((TCGType)op->type));
    }
}

/* Outcome of cond(a, b): 1 true, 0 false, -1 unknown. */
static int eval_cond(Opt *o, TCGType t, TCGCond c, uint64_t a, uint64_t b)
{
    if (c == TCG_COND_ALWAYS) {
        return 1;
    }
    if (c == TCG_COND_NEVER) {
        return 0;
    }
    if (is_const(o, a) && is_const(o, b)) {
        return tcg_cond_eval(c, t, cval(o, a), cval(o, b));
    }
    if (same_value(o, a, b)) {
        return tcg_cond_eval(c, t, 0, 0);
    }
    if (is_const_val(o, b, 0) && (c == TCG_COND_LTU || c == TCG_COND_GEU)) {
        return c == TCG_COND_GEU; /* x <u 0 is never true */
    }
    return -1;
}

/* Put a constant operand second: cond(a, b) == swap(cond)(b, a). */
static void canon_cond(Opt *o, TCGOp *op, int ia, int ic)
{
    if (is_const(o, op->args[ia]) && !is_const(o, op->args[ia + 1])) {
        uint64_t tmp = op->args[ia];
        op->args[ia] = op->args[ia + 1];
        op->args[ia + 1] = tmp;
        op->args[ic] = tcg_swap_cond((TCGCond)op->args[ic]);
    }
}

static void fold_setcond(Opt *o, TCGOp *op)
{
    canon_cond(o, op, 1, 3);
    int r = eval_cond(o, (TCGType)op->type, (TCGCond)op->args[3], op->args[1], op->args[2]);
    if (r >= 0) {
        make_movi(o, op, (uint64_t)r);
        return;
    }
    set_output(o, op, 1);
}

static void fold_movcond(Opt *o, TCGOp *op)
{
    canon_cond(o, op, 1, 5);
    int r = eval_cond(o, (TCGType)op->type, (TCGCond)op->args[5], op->args[1], op->args[2]);
    if (r >= 0) {
        make_mov(o, op, op->args[r ? 3 : 4]);
        return;
    }
    if (same_value(o, op->args[3], op->args[4])) {
        make_mov(o, op, op->args[3]);
        return;
    }
    set_output(o, op, fresh(o, op->args[3])->z_mask | fresh(o, op->args[4])->z_mask);
}

/* Index of the next op after i that is not a nop, or nb_ops. */
static int next_real_op(TCGContext *s, int i)
{
    for (i++; i < s->nb_ops && s->ops[i].opc == INDEX_op_nop; i++) {
    }
    return i;
}

static bool branch_to_next(TCGContext *s, int i, uint64_t label)
{
    int n = next_real_op(s, i);
    return n < s->nb_ops && s->ops[n].opc == INDEX_op_set_label && s->ops[n].args[0] == label;
}

/* Is label set right after op i, past nops and other labels (which emit
   no code: jump threading leaves labels without branches there)? */
static bool label_follows(TCGContext *s, int i, uint64_t label)
{
    for (i++; i < s->nb_ops; i++) {
        const TCGOp *op = &s->ops[i];
        if (op->opc == INDEX_op_set_label && op->args[0] == label) {
            return true;
        }
        if (op->opc != INDEX_op_nop && op->opc != INDEX_op_set_label) {
            return false;
        }
    }
    return false;
}

/* Returns true if the ops after this one are unreachable. */
static bool fold_brcond(Opt *o, TCGOp *op, int i)
{
    canon_cond(o, op, 0, 2);
    uint64_t label = op->args[3];
    int r = eval_cond(o, (TCGType)op->type, (TCGCond)op->args[2], op->args[0], op->args[1]);
    if (r == 0 || branch_to_next(o->s, i, label)) {
        make_nop(op);
        return false;
    }
    if (r == 1) {
        memset(op, 0, sizeof(*op));
        op->opc = INDEX_op_br;
        op->args[0] = label;
        return true;
    }
    return false;
}

/* `brcond c, L1; br L2; L1:` (front ends' two-way branches) becomes
   `brcond !c, L2; L1:`: the fall-through needs no jump, and L1 usually
   loses its last branch, so it is no merge point for liveness and the
   backend (hot regions' `cmp; bne exit` chains stay in registers).  True
   if it did. */
static bool invert_brcond(Opt *o, TCGOp *op, int i)
{
    int n = next_real_op(o->s, i);
    if (n >= o->s->nb_ops || o->s->ops[n].opc != INDEX_op_br || !label_follows(o->s, n, op->args[3])) {
        return false;
    }
    TCGOp *br = &o->s->ops[n];
    op->args[2] = (uint64_t)tcg_invert_cond((TCGCond)op->args[2]);
    o->label_refs[op->args[3]]--;
    op->args[3] = br->args[0];
    o->label_refs[br->args[0]]++; /* (make_nop takes the br's away) */
    make_nop(br);
    return true;
}

static void fold_load(Opt *o, TCGOp *op, unsigned memop)
{
    uint64_t z = width_mask((TCGType)op->type);
    if (!(memop & MO_SIGN) && (memop & MO_SIZE) != MO_64) {
        z = (1ull << (8u << (memop & MO_SIZE))) - 1;
    }
    set_output(o, op, z);
}

static void fold_call(Opt *o, TCGOp *op)
{
    if (op->args[0] != TEMP_NONE) {
        reset_temp(o, (uint32_t)op->args[0]);
    }
    if (!(op->cflags & (CALL_NO_WG | CALL_NO_RWG))) {
        reset_globals(o); /* the helper may have written any global */
    }
}

/* Replace each input by its best known copy. */
static void propagate_inputs(Opt *o, TCGOp *op)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    int first = def->nb_oargs, n = def->nb_iargs;
    if (op->opc == INDEX_op_call) {
        first = 1;
        n = op->nargs;
    }
    for (int k = first; k < first + n; k++) {
        op->args[k] = best_copy(o, (uint32_t)op->args[k]);
    }
}

/* ---- Common subexpressions ---------------------------------------------
 * A pure single-output op whose inputs (after copy propagation) still hold
 * the values they had when an identical op ran earlier in the same block,
 * and whose earlier output still holds its result, becomes a mov from that
 * output.  "Still holds" = the temp's write version is unchanged. */

#define CSE(name) [INDEX_op_##name] = true
static const bool cse_eligible[NB_OPS] = {
    CSE(add), CSE(sub), CSE(mul), CSE(and), CSE(or), CSE(xor), CSE(andc), CSE(neg), CSE(not),
    CSE(shl), CSE(shr), CSE(sar), CSE(rotl), CSE(rotr), CSE(clz), CSE(ctz),
    CSE(bswap16), CSE(bswap32), CSE(bswap64), CSE(ext8s), CSE(ext8u), CSE(ext16s), CSE(ext16u),
    CSE(ext32s), CSE(ext32u), CSE(extract), CSE(sextract), CSE(deposit), CSE(setcond), CSE(movcond),
    CSE(extu_i32_i64), CSE(exts_i32_i64), CSE(extrl_i64_i32), CSE(extrh_i64_i32), CSE(concat_i32_i64),
};
#undef CSE

/* The operand order the folds use (constant second), set before the CSE
   lookup so that the lookup and the record after the fold see the same
   key (and hash). */
static void cse_canon(Opt *o, TCGOp *op)
{
    if (is_commutative((TCGOpcode)op->opc)) {
        if (is_const(o, op->args[1]) && !is_const(o, op->args[2])) {
            uint64_t tmp = op->args[1];
            op->args[1] = op->args[2];
            op->args[2] = tmp;
        }
    } else if (op->opc == INDEX_op_setcond) {
        canon_cond(o, op, 1, 3);
    } else if (op->opc == INDEX_op_movcond) {
        canon_cond(o, op, 1, 5);
    }
}

static unsigned cse_hash(const TCGOp *op)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    uint64_t h = (uint64_t)op->opc << 1 | op->type;
    for (int k = 1; k < def->nb_iargs + def->nb_cargs + 1; k++) {
        h = (h ^ op->args[k]) * 0x100000001b3ull;
    }
    return (unsigned)(h ^ h >> 29 ^ h >> 47) & 255;
}

static bool cse_same(const TCGOp *a, const TCGOp *b)
{
    const TCGOpDef *def = &tcg_op_defs[a->opc];
    if (a->opc != b->opc || a->type != b->type) {
        return false;
    }
    for (int k = 1; k < def->nb_iargs + def->nb_cargs + 1; k++) {
        if (a->args[k] != b->args[k]) {
            return false;
        }
    }
    return true;
}

/* The temp that already holds op's result, or TEMP_NONE. */
static uint32_t cse_lookup(Opt *o, const TCGOp *op, unsigned h)
{
    const struct CseEntry *e = &o->cse[h];
    if (e->epoch != o->epoch || !cse_same(&e->key, op)) {
        return TEMP_NONE;
    }
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    for (int k = 0; k < 1 + def->nb_iargs; k++) {
        if (o->version[e->key.args[k]] != e->ver[k]) {
            return TEMP_NONE;
        }
    }
    return (uint32_t)e->key.args[0];
}

/* Record op after folding (which may have swapped its inputs).  The fold
   wrote only the output, whose version before the op was out_ver_before; an
   input that is also the output is thereby recorded as already stale. */
static void cse_record(Opt *o, const TCGOp *op, unsigned h, uint32_t out_ver_before)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    struct CseEntry *e = &o->cse[h];
    e->epoch = o->epoch;
    e->key = *op;
    e->ver[0] = o->version[op->args[0]];
    for (int k = 1; k < 1 + def->nb_iargs; k++) {
        e->ver[k] = op->args[k] == op->args[0] ? out_ver_before : o->version[op->args[k]];
    }
}

/* Remove what the main pass could not see was dead: labels whose last
   branch was removed after the label had been passed (back branches, or
   branches in code that became unreachable later), the code behind them, and
   branches to the label right after them.  Repeats until nothing changes. */
static bool sweep_unreachable(Opt *o)
{
    TCGContext *s = o->s;
    bool unreachable = false, changed = false;
    for (int i = 0; i < s->nb_ops; i++) {
        TCGOp *op = &s->ops[i];
        switch (op->opc) {
        case INDEX_op_nop:
        case INDEX_op_insn_start:
            continue;
        case INDEX_op_set_label:
            if (o->label_refs[op->args[0]] == 0) {
                make_nop(op);
                changed = true;
            } else {
                unreachable = false;
            }
            continue;
        default:
            break;
        }
        if (unreachable) {
            make_nop(op);
            changed = true;
            continue;
        }
        if ((op->opc == INDEX_op_br && branch_to_next(s, i, op->args[0])) ||
            (op->opc == INDEX_op_brcond && branch_to_next(s, i, op->args[3]))) {
            make_nop(op);
            changed = true;
            continue;
        }
        if (op->opc == INDEX_op_brcond && invert_brcond(o, op, i)) {
            changed = true;
            continue;
        }
        if (op->opc == INDEX_op_br || op->opc == INDEX_op_exit_tb || op->opc == INDEX_op_lookup_and_goto) {
            unreachable = true;
        }
    }
    return changed;
}

/* The label scan, once per TB with labels: where each label is set and
   which ops branch, then jump threading over those branches, then the
   branches per label and the labels a later branch goes back to
   (TCGContext.label_backward, for liveness and the backend).

   Jump threading: a br or brcond to a label whose code starts with `br L2`
   (past nops and other labels) goes to L2 directly.  Front ends' hot
   regions have such chains at every conditional branch (brcond to a label
   holding the br to a block, next to the br of the other side); the
   sweep then drops the labels left without branches, the code behind them,
   and a br to the label right after it.  True if a target changed. */
static bool scan_labels(Opt *o, TCGContext *s)
{
    static int32_t label_op[TCG_MAX_LABELS];
    static int32_t *branch_op;
    static int branch_cap;
    int nl = s->nb_labels, nb_br = 0;
    bool any = false;
    if (branch_cap < s->nb_ops) {
        free(branch_op);
        branch_cap = s->max_ops > s->nb_ops ? s->max_ops : s->nb_ops;
        branch_op = malloc((size_t)branch_cap * sizeof(*branch_op));
        if (!branch_op) {
            fprintf(stderr, "mimic: tcg_optimize: out of memory\n");
            abort();
        }
    }
    for (int l = 0; l < nl; l++) {
        label_op[l] = -1;
    }
    for (int i = 0; i < s->nb_ops; i++) {
        unsigned opc = s->ops[i].opc;
        if (opc == INDEX_op_set_label) {
            if (s->ops[i].args[0] < (uint64_t)nl) {
                label_op[s->ops[i].args[0]] = i;
            }
        } else if (opc == INDEX_op_br || opc == INDEX_op_brcond) {
            branch_op[nb_br++] = i;
        }
    }
    for (int b = 0; b < nb_br; b++) {
        int i = branch_op[b];
        TCGOp *op = &s->ops[i];
        int k = op->opc == INDEX_op_br ? 0 : 3;
        for (int hop = 0; hop < 4 && op->args[k] < (uint64_t)nl; hop++) {
            int j = label_op[op->args[k]];
            if (j < 0) {
                break;
            }
            while (j < s->nb_ops && (s->ops[j].opc == INDEX_op_nop || s->ops[j].opc == INDEX_op_set_label)) {
                j++;
            }
            if (j >= s->nb_ops || j == i || s->ops[j].opc != INDEX_op_br || s->ops[j].args[0] == op->args[k]) {
                break;
            }
            op->args[k] = s->ops[j].args[0];
            any = true;
        }
    }
    memset(o->label_refs, 0, (size_t)nl * sizeof(o->label_refs[0]));
    memset(s->label_backward, 0, (size_t)nl);
    s->has_loop = false;
    for (int b = 0; b < nb_br; b++) {
        const TCGOp *op = &s->ops[branch_op[b]];
        uint64_t l = op->opc == INDEX_op_br ? op->args[0] : op->args[3];
        o->label_refs[l]++;
        /* (a label is set once: before the branch = a jump back) */
        if (label_op[l] >= 0 && label_op[l] < branch_op[b] && !s->label_backward[l]) {
            s->label_backward[l] = 1;
            s->has_loop |= !tcg_is_block_label(s, l);
        }
    }
    return any;
}

void tcg_optimize(TCGContext *s)
{
    Opt *o = &opt;
    bool unreachable = false;

    o->s = s;
    reset_all(o);
    new_epoch(o);
    s->has_loop = false;
    o->branch_removed = s->nb_labels && scan_labels(o, s); /* most TBs have no label */

    for (int i = 0; i < s->nb_ops; i++) {
        TCGOp *op = &s->ops[i];
        TCGOpcode opc = (TCGOpcode)op->opc;

        if (opc == INDEX_op_insn_start || opc == INDEX_op_nop) {
            continue; /* (kept even where unreachable: the instruction count) */
        }
        if (opc == INDEX_op_set_label) {
            if (o->label_refs[op->args[0]] == 0) {
                /* No branch comes here: only the fall-through, if any. */
                make_nop(op);
                continue;
            }
            unreachable = false;
            reset_all(o);
            new_epoch(o);
            continue;
        }
        if (unreachable) {
            /* Dead code after an unconditional exit.  insn_start records are
               kept so the instruction count stays intact. */
            if (opc != INDEX_op_insn_start) {
                make_nop(op);
            }
            continue;
        }
        propagate_inputs(o, op);

        /* Common subexpression: reuse the earlier result. */
        uint32_t out_ver_before = 0;
        unsigned h = 0;
        bool cse = cse_eligible[opc];
        if (cse) {
            cse_canon(o, op);
            h = cse_hash(op);
            uint32_t prev = cse_lookup(o, op, h);
            if (prev != TEMP_NONE) {
                make_mov(o, op, prev);
                continue;
            }
            out_ver_before = o->version[op->args[0]];
        }

        switch (opc) {
        case INDEX_op_nop:
        case INDEX_op_insn_start:
        case INDEX_op_mb:
        case INDEX_op_goto_tb:
        case INDEX_op_st_env:
        case INDEX_op_qemu_st:
            break;
        case INDEX_op_discard:
            reset_temp(o, (uint32_t)op->args[0]); /* its value is now undefined */
            break;
        case INDEX_op_mov:
            fold_mov(o, op);
            break;
        case INDEX_op_ld_env:
            fold_load(o, op, (unsigned)op->args[2]);
            break;
        case INDEX_op_qemu_ld:
            fold_load(o, op, (unsigned)op->args[2]);
            break;
        case INDEX_op_add: case INDEX_op_sub: case INDEX_op_mul:
        case INDEX_op_and: case INDEX_op_or: case INDEX_op_xor: case INDEX_op_andc:
            fold_arith(o, op);
            break;
        case INDEX_op_shl: case INDEX_op_shr: case INDEX_op_sar:
        case INDEX_op_rotl: case INDEX_op_rotr:
            fold_shift(o, op);
            break;
        case INDEX_op_neg: case INDEX_op_not: case INDEX_op_clz: case INDEX_op_ctz:
        case INDEX_op_bswap16: case INDEX_op_bswap32: case INDEX_op_bswap64:
        case INDEX_op_ext8s: case INDEX_op_ext8u: case INDEX_op_ext16s: case INDEX_op_ext16u:
        case INDEX_op_ext32s: case INDEX_op_ext32u:
        case INDEX_op_extract: case INDEX_op_sextract:
        case INDEX_op_extu_i32_i64: case INDEX_op_exts_i32_i64:
        case INDEX_op_extrl_i64_i32: case INDEX_op_extrh_i64_i32:
            fold_unary(o, op);
            break;
        case INDEX_op_deposit:
        case INDEX_op_concat_i32_i64:
            fold_binary_misc(o, op);
            break;
        case INDEX_op_setcond:
            fold_setcond(o, op);
            break;
        case INDEX_op_subv: case INDEX_op_addv:
            if (fold_constants(o, op)) {
                break;
            }
            /* x - 0, x + 0, 0 + x and x - x never overflow (0 - x does, for INT_MIN). */
            if (is_const_val(o, op->args[2], 0) ||
                (op->opc == INDEX_op_addv ? is_const_val(o, op->args[1], 0) : op->args[1] == op->args[2])) {
                make_movi(o, op, 0);
                break;
            }
            set_output(o, op, 0x80000000u); /* only the sign bit may be set */
            break;
        case INDEX_op_movcond:
            fold_movcond(o, op);
            break;
        case INDEX_op_brcond:
            unreachable = fold_brcond(o, op, i);
            break;
        case INDEX_op_br:
            if (branch_to_next(s, i, op->args[0])) {
                make_nop(op);
            } else {
                unreachable = true;
            }
            break;
        case INDEX_op_exit_tb:
        case INDEX_op_lookup_and_goto:
            unreachable = true;
            break;
        case INDEX_op_call:
            fold_call(o, op);
            break;
        case INDEX_op_host_vec:
            reset_globals_at(o, (int32_t)op->args[1], op->args[0] & TCG_VEC_DST64 ? 8 : 16);
            break;
        default:
            /* Anything else (cmpxchg, mulu2, muls2, new ops): outputs unknown. */
            reset_outputs(o, op);
            break;
        }
        if (cse && op->opc == opc) {
            cse_record(o, op, h, out_ver_before); /* (the fold kept op's inputs: same hash) */
        }
    }
    /* Without a removed branch every label still has its references and
       the main pass already dropped the code after each br/exit. */
    if (o->branch_removed) {
        while (sweep_unreachable(o)) {
        }
    } else {
        /* Every branch is still there: the label scan above is exact. */
        s->label_info_valid = true;
    }
#ifdef CONFIG_DEBUG_TCG
    tcg_check(s); /* debug builds: the output must be well-formed too */
#endif
}
