/*
 * Fault-only flags (tcg/README.md): in a hot region, a flag op that
 * liveness marked LIFE_LAZY (a setcond, subv or addv whose value nothing
 * reads before the flag is written again, except a guest fault) is not
 * computed.  Its recipe (kind, operand temps) waits in X86Gen.lz while
 * the operands stay where the allocator keeps them:
 *
 *  - at a guest access, ra_fault_site writes the recipe, with the operands'
 *    current host registers or constants, into the fault-site table, and
 *    the fault handler computes the flag (tcg_restore_pins);
 *  - anything that would lose an operand (an op writing it, its last read,
 *    a spill to memory before an access) or need the flag itself (a read,
 *    a sync point: labels, branches, exits, helper calls) materializes it
 *    first: computed straight into the flag's env slot, with no scratch
 *    register (and loaded into its register when the flag is pinned);
 *  - an op that writes the flag drops the recipe.
 */
#include <string.h>

#include "tcg/x86/x86.h"

/* Kinds (also the table's): LZ_SETCOND | cond, LZ_SUBV, LZ_ADDV. */
enum { LZ_SUBV = 1, LZ_ADDV = 2, LZ_SETCOND = 0x10 };

static uint8_t lz_kind(const TCGOp *op)
{
    switch (op->opc) {
    case INDEX_op_subv: return LZ_SUBV;
    case INDEX_op_addv: return LZ_ADDV;
    default: return (uint8_t)(LZ_SETCOND | op->args[3]);
    }
}

/* Where operand t is: a host register (>= 0), a constant (-2, *imm), or
   neither (-1: in memory). */
static int lz_where(X86Gen *g, TCGv t, uint32_t *imm)
{
    TCGTemp *ts = ra_temp(g, t);
    if (ts->val_loc == VAL_CONST) {
        *imm = (uint32_t)ra_const(g, t);
        return -2;
    }
    if (ts->val_loc == VAL_REG) {
        return ts->reg;
    }
    return -1;
}

static void lz_remove(X86Gen *g, int i)
{
    g->lz[i] = g->lz[--g->nb_lz];
}

/* mov [m], A / <arith> [m], A (A a register or imm32), 32-bit. */
static void mem_op(TCGContext *s, int opc_rr, int ext_ri, int32_t off, int reg, uint32_t imm)
{
    if (reg >= 0) {
        emit_modrm_mem(s, opc_rr, reg, R_ENV, -1, off);
    } else {
        emit_modrm_mem(s, ext_ri < 0 ? OPC_MOVL_EvIz : OPC_ARITH_EvIz, ext_ri < 0 ? 0 : ext_ri, R_ENV, -1, off);
        emit32(s, imm);
    }
}

/* Code computing recipe z into its flag's env slot, using no register but
   the operands' (ra, rb: registers, or -2 with the constants ia, ib).
     setcond: mov [m], A; cmp [m], B; mov dword [m], 0; setcc byte [m]
     subv:    mov [m], A; cmp [m], B; mov dword [m], 0; seto byte [m+3]; shl byte [m+3], 7
     addv:    mov [m], A; add [m], B; (the same) */
static void lz_emit(TCGContext *s, const X86Lazy *z, int32_t off, int ra, uint32_t ia, int rb, uint32_t ib)
{
    mem_op(s, 0x89 /* mov Ev, Gv */, -1, off, ra, ia);
    if (z->kind == LZ_ADDV) {
        mem_op(s, 0x01 /* add Ev, Gv */, ARITH_ADD, off, rb, ib);
    } else {
        mem_op(s, 0x39 /* cmp Ev, Gv */, ARITH_CMP, off, rb, ib);
    }
    emit_modrm_mem(s, OPC_MOVL_EvIz, 0, R_ENV, -1, off); /* (mov leaves the flags) */
    emit32(s, 0);
    if (z->kind & LZ_SETCOND) {
        emit_modrm_mem(s, OPC_SETCC + x86_cond_code((TCGCond)(z->kind & 15)), 0, R_ENV, -1, off);
    } else {
        emit_modrm_mem(s, OPC_SETCC + 0 /* o */, 0, R_ENV, -1, off + 3);
        emit_modrm_mem(s, 0xc0 /* shl Eb, Ib */, 4, R_ENV, -1, off + 3);
        emit8(s, 7);
    }
}

/* Operands in the same place on every path (see "across forward labels"). */
static bool lz_keepable(X86Gen *g, const X86Lazy *z)
{
    const TCGTemp *a = ra_temp(g, z->a), *b = ra_temp(g, z->b);
    return (a->pinned || a->kind == TEMP_CONST) && (b->pinned || b->kind == TEMP_CONST);
}

/* Compute pending recipe i now (main path) and forget it. */
static void lz_materialize(X86Gen *g, int i)
{
    X86Lazy z = g->lz[i];
    lz_remove(g, i);
    uint32_t ia = 0, ib = 0;
    int ra = lz_where(g, z.a, &ia), rb = lz_where(g, z.b, &ib);
    uint16_t saved = g->locked;
    if (ra == -1) {
        ra = ra_in(g, z.a, ALLOC_REGS);
    }
    if (rb == -1) {
        rb = ra_in(g, z.b, ALLOC_REGS);
    }
    g->locked = saved;
    TCGTemp *ts = ra_temp(g, z.t);
    lz_emit(g->s, &z, ts->mem_offset, ra, ia, rb, ib);
    if (ts->pinned) {
        emit_ld(g->s, false, ts->reg, R_ENV, ts->mem_offset);
    }
    ts->mem_coherent = true;
}

void ra_lazy_op(X86Gen *g)
{
    const TCGOp *op = g->op;
    TCGv t = (TCGv)op->args[0];
    ra_lazy_drop(g, t);
    if (g->nb_lz == X86_MAX_LAZY) {
        lz_materialize(g, 0);
    }
    g->lz[g->nb_lz++] = (X86Lazy){ (uint16_t)t, (uint16_t)op->args[1], (uint16_t)op->args[2], lz_kind(op) };
    ra_free_temp(g, t); /* its old value is dead: env (or its register) is stale until used */
}

void ra_lazy_drop(X86Gen *g, TCGv t)
{
    for (int i = 0; i < g->nb_lz; i++) {
        if (g->lz[i].t == t) {
            lz_remove(g, i);
            return;
        }
    }
}

void ra_lazy_sync(X86Gen *g)
{
    while (g->nb_lz) {
        lz_materialize(g, g->nb_lz - 1);
    }
}

/* Before op is emitted: recipes it would break or read. */
void ra_lazy_before_op(X86Gen *g, const TCGOp *op)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    int nb_o = def->nb_oargs;
    int nb_i = op->opc == INDEX_op_call ? op->nargs : def->nb_iargs;
    for (int i = g->nb_lz - 1; i >= 0; i--) {
        const X86Lazy *z = &g->lz[i];
        bool reads_t = false, writes_t = false, breaks = false;
        for (int k = 0; k < nb_o; k++) {
            uint64_t o = op->args[k];
            writes_t |= o == z->t;
            breaks |= o == z->a || o == z->b;
        }
        for (int k = nb_o; k < nb_o + nb_i; k++) {
            uint64_t in = op->args[k];
            reads_t |= in == z->t;
            breaks |= (in == z->a || in == z->b) && ra_dies(g, k);
        }
        if (reads_t || (breaks && !writes_t)) {
            lz_materialize(g, i);
        } else if (writes_t) {
            lz_remove(g, i);
        }
    }
}

/* env bytes [off, off + len) are about to be read or written directly. */
void ra_lazy_mem_range(X86Gen *g, int32_t off, int len)
{
    for (int i = g->nb_lz - 1; i >= 0; i--) {
        const X86Lazy *z = &g->lz[i];
        TCGv ts[3] = { z->t, z->a, z->b };
        for (int k = 0; k < 3; k++) {
            const TCGTemp *tt = ra_temp(g, ts[k]);
            if (tt->kind == TEMP_GLOBAL && tt->mem_offset < off + len && off < tt->mem_offset + 8) {
                lz_materialize(g, i);
                break;
            }
        }
    }
}

/* A guest access follows: every operand must be in a register or known. */
void ra_lazy_prepare_access(X86Gen *g)
{
    for (int i = g->nb_lz - 1; i >= 0; i--) {
        uint32_t imm;
        if (lz_where(g, g->lz[i].a, &imm) == -1 || lz_where(g, g->lz[i].b, &imm) == -1) {
            lz_materialize(g, i);
        }
    }
}

/* One operand in a table record: u8 register, or 0xff then u32 imm. */
static uint8_t *put_operand(uint8_t *p, int r, uint32_t imm)
{
    if (r >= 0) {
        *p++ = (uint8_t)r;
    } else {
        *p++ = 0xff;
        memcpy(p, &imm, 4);
        p += 4;
    }
    return p;
}

int ra_lazy_records(X86Gen *g, uint8_t *p)
{
    uint8_t *start = p;
    for (int i = 0; i < g->nb_lz; i++) {
        const X86Lazy *z = &g->lz[i];
        uint32_t ia = 0, ib = 0;
        int ra = lz_where(g, z->a, &ia), rb = lz_where(g, z->b, &ib);
        int32_t off = ra_temp(g, z->t)->mem_offset;
        *p++ = X86_SITE_RECIPE;
        *p++ = (uint8_t)off;
        *p++ = (uint8_t)(off >> 8);
        *p++ = z->kind;
        p = put_operand(p, ra, ia);
        p = put_operand(p, rb, ib);
    }
    return (int)(p - start);
}

int ra_lazy_stub(X86Gen *g, uint8_t *buf, size_t size)
{
    TCGContext *s = g->s;
    if ((size_t)g->nb_lz * 48 > size) {
        return -1;
    }
    uint8_t *saved = s->code_ptr;
    s->code_ptr = buf;
    int n = 0;
    for (int i = 0; i < g->nb_lz && n >= 0; i++) {
        const X86Lazy *z = &g->lz[i];
        if (lz_keepable(g, z)) {
            continue; /* (ra_lazy_stub_rest, once the label's set is known) */
        }
        uint32_t ia = 0, ib = 0;
        int ra = lz_where(g, z->a, &ia), rb = lz_where(g, z->b, &ib);
        if (ra == -1 || rb == -1) {
            n = -1;
            break;
        }
        lz_emit(s, z, ra_temp(g, z->t)->mem_offset, ra, ia, rb, ib);
    }
    for (int i = 0; i < g->nb_lz && n >= 0; i++) {
        TCGTemp *ts = ra_temp(g, g->lz[i].t);
        if (ts->pinned && !lz_keepable(g, &g->lz[i])) {
            emit_ld(s, false, ts->reg, R_ENV, ts->mem_offset);
        }
    }
    if (n >= 0) {
        n = (int)(s->code_ptr - buf);
    }
    s->code_ptr = saved;
    return n;
}

/* The fault handler's side: the value of a recipe record at p (advanced
   past it), from the faulting context's registers (reg[16]). */
uint32_t tcg_recipe_eval(const uint8_t **pp, const uint64_t *reg, unsigned *off)
{
    const uint8_t *p = *pp;
    *off = (unsigned)(p[1] | p[2] << 8);
    uint8_t kind = p[3];
    p += 4;
    uint32_t v[2];
    for (int k = 0; k < 2; k++) {
        if (*p == 0xff) {
            memcpy(&v[k], p + 1, 4);
            p += 5;
        } else {
            v[k] = (uint32_t)reg[*p & 15];
            p++;
        }
    }
    *pp = p;
    if (kind & LZ_SETCOND) {
        return tcg_cond_eval((TCGCond)(kind & 15), TCG_I32, v[0], v[1]);
    }
    return tcg_ovf_eval(kind == LZ_ADDV, v[0], v[1]);
}

/* Length of the recipe record at p, or 0 when it is malformed (the
   persistent cache's check). */
size_t tcg_recipe_len(const uint8_t *p, size_t avail, bool (*reg_ok)(int reg))
{
    if (avail < 6 || p[0] != X86_SITE_RECIPE) {
        return 0;
    }
    uint8_t kind = p[3];
    if (!(kind == LZ_SUBV || kind == LZ_ADDV ||
          ((kind & ~15) == LZ_SETCOND && (kind & 15) > TCG_COND_ALWAYS && (kind & 15) <= TCG_COND_GTU))) {
        return 0;
    }
    size_t n = 4;
    for (int k = 0; k < 2; k++) {
        if (n >= avail) {
            return 0;
        }
        if (p[n] == 0xff) {
            n += 5;
        } else if (p[n] < 16 && reg_ok(p[n])) {
            n += 1;
        } else {
            return 0;
        }
    }
    return n <= avail ? n : 0;
}

/* ---- Recipes across forward labels ----
 * A label that only forward branches and the fall-through reach keeps the
 * recipes every incoming path has, identical, with operands that are in
 * the same place on every path (pinned globals, constant temps).  A branch
 * stub computes the others into env at the end of the TB (when the label's
 * set is known: ra_lazy_stub_rest); the fall-through computes them at the
 * label. */

static bool lz_same(const X86Lazy *x, const X86Lazy *y)
{
    return x->t == y->t && x->a == y->a && x->b == y->b && x->kind == y->kind;
}

/* Label l (emitted) keeps recipe z. */
static bool label_keeps(X86Gen *g, uint32_t l, const X86Lazy *z)
{
    for (int k = 0; k < g->label_nlz[l]; k++) {
        if (lz_same(z, &g->label_lz[l][k])) {
            return true;
        }
    }
    return false;
}

int ra_lazy_keepable(X86Gen *g, X86Lazy *out)
{
    int n = 0;
    for (int i = 0; i < g->nb_lz; i++) {
        if (lz_keepable(g, &g->lz[i])) {
            out[n++] = g->lz[i];
        }
    }
    return n;
}

/* A path with recipes zs[0..n) reaches label l (first: the first one). */
void ra_lazy_branch(X86Gen *g, uint32_t l, const X86Lazy *zs, int n, bool first)
{
    X86Lazy *kept = g->label_lz[l];
    if (first) {
        if (n) { /* (zs is NULL for a path with every value in memory) */
            memcpy(kept, zs, (size_t)n * sizeof(*zs));
        }
        g->label_nlz[l] = (uint8_t)n;
        return;
    }
    int m = 0;
    for (int i = 0; i < g->label_nlz[l]; i++) {
        for (int k = 0; k < n; k++) {
            if (lz_same(&kept[i], &zs[k])) {
                kept[m++] = kept[i];
                break;
            }
        }
    }
    g->label_nlz[l] = (uint8_t)m;
}

void ra_lazy_label(X86Gen *g, uint32_t l, bool branched, bool backward, bool reachable)
{
    if (!branched && !backward) {
        return; /* (only the fall-through: the state goes on) */
    }
    if (backward) {
        g->label_nlz[l] = 0; /* back-edges come later: they compute everything */
    } else if (reachable) {
        X86Lazy cur[X86_MAX_LAZY];
        ra_lazy_branch(g, l, cur, ra_lazy_keepable(g, cur), false);
    }
    /* The fall-through computes what the label does not keep. */
    for (int i = g->nb_lz - 1; reachable && i >= 0; i--) {
        if (!label_keeps(g, l, &g->lz[i])) {
            lz_materialize(g, i);
        }
    }
    memcpy(g->lz, g->label_lz[l], (size_t)g->label_nlz[l] * sizeof(X86Lazy));
    g->nb_lz = g->label_nlz[l];
}

/* At the end of the TB, in a branch stub to label l: compute the recipes
   zs the label did not keep. */
bool ra_lazy_stub_rest(X86Gen *g, uint32_t l, const X86Lazy *zs, int n, bool emit)
{
    bool any = false;
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < n; i++) {
            if (label_keeps(g, l, &zs[i])) {
                continue;
            }
            any = true;
            if (!emit) {
                return true;
            }
            TCGTemp *ts = ra_temp(g, zs[i].t);
            if (pass == 0) {
                uint32_t ia = 0, ib = 0;
                int ra = lz_where(g, zs[i].a, &ia), rb = lz_where(g, zs[i].b, &ib);
                lz_emit(g->s, &zs[i], ts->mem_offset, ra, ia, rb, ib);
            } else if (ts->pinned) {
                emit_ld(g->s, false, ts->reg, R_ENV, ts->mem_offset);
            }
        }
    }
    return any;
}

/* Forget the keepable recipes (op_br: they travel with the jump). */
void ra_lazy_take_keepable(X86Gen *g)
{
    for (int i = g->nb_lz - 1; i >= 0; i--) {
        if (lz_keepable(g, &g->lz[i])) {
            lz_remove(g, i);
        }
    }
}
