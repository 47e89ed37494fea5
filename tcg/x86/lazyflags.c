/*
 * Fault-only flags (tcg/README.md): in a hot region, a flag op that
 * liveness marked LIFE_LAZY (a setcond, subv, addv, mov, add, sub, and, or
 * or xor whose value nothing reads before the flag is written again,
 * except a guest fault) is not computed.  Its recipe (kind, operand temps) waits in X86Gen.lz while
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

/* Kinds (also the table's): LZ_SETCOND | cond, LZ_SUBV, LZ_ADDV, each of
   the first two possibly with LZ_ASUM: the first operand is a + b (a
   setcond or subv on (a, b) whose a is gone, from the difference r = a - b:
   a = r + b); and the plain values LZ_MOV (a; b = a), LZ_SUB, LZ_ADD,
   LZ_AND, LZ_OR, LZ_XOR (a op b): a lazy-flags front end (i386's cc_dst,
   cc_src, cc_op) keeps copies, constants and results as its flags. */
enum { LZ_SUBV = 1, LZ_ADDV = 2, LZ_MOV = 3, LZ_SUB = 4, LZ_ADD = 5, LZ_AND = 6, LZ_OR = 7, LZ_XOR = 8,
       LZ_SETCOND = 0x10, LZ_ASUM = 0x20 };

static uint8_t lz_kind(const TCGOp *op)
{
    switch (op->opc) {
    case INDEX_op_subv: return LZ_SUBV;
    case INDEX_op_addv: return LZ_ADDV;
    case INDEX_op_mov: return LZ_MOV;
    case INDEX_op_sub: return LZ_SUB;
    case INDEX_op_add: return LZ_ADD;
    case INDEX_op_and: return LZ_AND;
    case INDEX_op_or: return LZ_OR;
    case INDEX_op_xor: return LZ_XOR;
    default: return (uint8_t)(LZ_SETCOND | op->args[3]);
    }
}

/* The arithmetic of a plain-value kind (LZ_SUB..LZ_XOR), or -1. */
static int lz_arith(uint8_t kind)
{
    switch (kind) {
    case LZ_SUB: return ARITH_SUB;
    case LZ_ADD: return ARITH_ADD;
    case LZ_AND: return ARITH_AND;
    case LZ_OR: return ARITH_OR;
    case LZ_XOR: return ARITH_XOR;
    default: return -1;
    }
}

/* Where operand t is: a host register (>= 0), a constant (-2, *imm), a
   global in its env slot (-3, *imm = the offset: the fault handler reads
   it there; nothing writes the slot while the recipe waits, an op writing
   the global breaks the recipe), or a normal temp in memory (-1). */
enum { LZ_IN_MEM = -1, LZ_CONST = -2, LZ_IN_ENV = -3 };
static int lz_where(X86Gen *g, TCGv t, uint32_t *imm)
{
    TCGTemp *ts = ra_temp(g, t);
    if (ts->val_loc == VAL_CONST) {
        *imm = (uint32_t)ra_const(g, t);
        return LZ_CONST;
    }
    if (ts->val_loc == VAL_REG) {
        return ts->reg;
    }
    if (ts->kind == TEMP_GLOBAL && ts->type == TCG_I32) {
        *imm = (uint32_t)ts->mem_offset;
        return LZ_IN_ENV;
    }
    return LZ_IN_MEM;
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
     addv:    mov [m], A; add [m], B; (the same)
   LZ_ASUM: add [m], B after the first mov. */
static void lz_emit(TCGContext *s, const X86Lazy *z, int32_t off, int ra, uint32_t ia, int rb, uint32_t ib)
{
    mem_op(s, 0x89 /* mov Ev, Gv */, -1, off, ra, ia);
    if (z->kind == LZ_MOV) {
        return;
    }
    int arith = lz_arith(z->kind);
    if (arith >= 0) { /* <arith> [m], B (op Ev, Gv) */
        mem_op(s, 0x01 + (arith << 3), arith, off, rb, ib);
        return;
    }
    if (z->kind & LZ_ASUM) {
        mem_op(s, 0x01 /* add Ev, Gv */, ARITH_ADD, off, rb, ib);
    }
    if ((z->kind & ~LZ_ASUM) == LZ_ADDV) {
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

/* An operand in the same place on every path to a label: a pinned global
   or a constant.  (Other globals are in env there, but a branch stub would
   have to load them: slower than computing the flag before the branch.) */
static bool lz_stays(const TCGTemp *ts)
{
    return ts->pinned || ts->kind == TEMP_CONST;
}

/* (see "across forward labels") */
static bool lz_keepable(X86Gen *g, const X86Lazy *z)
{
    return lz_stays(ra_temp(g, z->a)) && lz_stays(ra_temp(g, z->b));
}

/* Load env slot off into a scratch register other than not (see above). */
static int lz_scratch(TCGContext *s, uint16_t *free, int not, uint32_t off, int8_t *pushed)
{
    uint16_t m = (uint16_t)(*free & ~(not >= 0 ? RMASK(not) : 0));
    int r;
    if (m) {
        r = __builtin_ctz(m);
        *free &= (uint16_t)~RMASK(r);
    } else {
        static const int8_t cand[3] = { R_AX, R_CX, R_DX };
        int k = 0;
        while (cand[k] == not || cand[k] == pushed[0]) {
            k++;
        }
        r = cand[k];
        emit_opc(s, OPC_PUSH + r, 0, r, -1);
        pushed[pushed[0] >= 0] = (int8_t)r;
    }
    emit_ld(s, false, r, R_ENV, (int32_t)off);
    return r;
}

/* Recipe z computed in a branch stub: an operand in env goes through a
   register that was free at the branch (free), or one no other operand is
   in (rax, rcx or rdx) saved around it (the label may expect any other
   register to hold what it held at the branch).  false: an operand is a
   normal temp in memory.  (A stub made at the end of the TB,
   ra_lazy_stub_rest, computes only recipes a label could keep: their
   operands are pinned or constants, the same there as at the branch.) */
static bool lz_emit_stub(X86Gen *g, const X86Lazy *z, uint16_t free)
{
    TCGContext *s = g->s;
    uint32_t ia = 0, ib = 0;
    int ra = lz_where(g, z->a, &ia), rb = lz_where(g, z->b, &ib);
    if (ra == LZ_IN_MEM || rb == LZ_IN_MEM) {
        return false;
    }
    int8_t pushed[2] = { -1, -1 };
    if (ra == LZ_IN_ENV) {
        ra = lz_scratch(s, &free, rb, ia, pushed);
    }
    if (rb == LZ_IN_ENV) {
        rb = lz_scratch(s, &free, ra, ib, pushed);
    }
    lz_emit(s, z, ra_temp(g, z->t)->mem_offset, ra, ia, rb, ib);
    for (int k = 1; k >= 0; k--) {
        if (pushed[k] >= 0) {
            emit_opc(s, OPC_POP + pushed[k], 0, pushed[k], -1);
        }
    }
    return true;
}

/* Compute pending recipe i now (main path) and forget it. */
static void lz_materialize(X86Gen *g, int i)
{
    X86Lazy z = g->lz[i];
    lz_remove(g, i);
    uint32_t ia = 0, ib = 0;
    int ra = lz_where(g, z.a, &ia), rb = lz_where(g, z.b, &ib);
    uint16_t saved = g->locked;
    if (ra == LZ_IN_MEM || ra == LZ_IN_ENV) {
        ra = ra_in(g, z.a, ALLOC_REGS);
    }
    if (rb == LZ_IN_MEM || rb == LZ_IN_ENV) {
        rb = ra_in(g, z.b, ALLOC_REGS);
    }
    g->locked = saved;
    TCGTemp *ts = ra_temp(g, z.t);
    if (ts->pinned && z.kind <= LZ_XOR && z.kind != LZ_SUBV && z.kind != LZ_ADDV) {
        /* A plain value: computed in its register (dirty, as if the op
           had run).  (No operand is in that register: it holds z.t.) */
        TCGContext *s = g->s;
        if (ra >= 0) {
            emit_mov_rr(s, false, ts->reg, ra);
        } else {
            emit_movi(s, false, ts->reg, ia, false);
        }
        int arith = lz_arith(z.kind);
        if (arith >= 0 && rb >= 0) {
            emit_arith_rr(s, arith, false, ts->reg, rb);
        } else if (arith >= 0) {
            emit_arith_ri(s, arith, false, ts->reg, (int32_t)ib);
        }
        ts->mem_coherent = false;
        return;
    }
    lz_emit(g->s, &z, ts->mem_offset, ra, ia, rb, ib);
    if (z.kind == LZ_SUB && ra >= 0) {
        /* `sub [m], B` on a copy of A left the host flags of `cmp A, B`:
           the compare that usually follows (i386's `cmp; jcc` whose
           loaded operand dies at the branch) needs no cmp of its own. */
        g->flags_end = g->s->code_ptr;
        g->flags_reg = -1;
        g->flags_w = false;
        g->flags_sub_a = (int8_t)ra;
        g->flags_sub_b = (int8_t)(rb >= 0 ? rb : -1);
        g->flags_sub_imm = (int32_t)ib;
    }
    if (ts->pinned) {
        emit_ld(g->s, false, ts->reg, R_ENV, ts->mem_offset);
    }
    ts->mem_coherent = true;
}

/* The temp an earlier `sub r, a, b` left a - b in, for the setcond or subv
   op on (a, b) (the flags of a compare come right after its subtraction),
   or TEMP_NONE. */
static uint16_t lz_difference(X86Gen *g, const TCGOp *op)
{
    if ((op->opc != INDEX_op_setcond && op->opc != INDEX_op_subv) || op->type != TCG_I32) {
        return TEMP_NONE;
    }
    uint64_t a = op->args[1], b = op->args[2];
    const TCGOp *first = g->s->ops;
    for (const TCGOp *p = op - 1; p >= first && op - p <= 4; p--) {
        if (p->opc == INDEX_op_sub && p->type == TCG_I32 && p->args[1] == a && p->args[2] == b) {
            return p->args[0] != a && p->args[0] != b ? (uint16_t)p->args[0] : TEMP_NONE;
        }
        if (p->opc != INDEX_op_setcond && p->opc != INDEX_op_subv && p->opc != INDEX_op_nop) {
            return TEMP_NONE;
        }
    }
    return TEMP_NONE;
}

/* The op (LIFE_LAZY) becomes a recipe, or returns false: compute it.  An
   operand the op reads for the last time (its instruction overwrites it:
   `subs r1, #1`) is replaced by the add or sub result just before it, as
   liveness allowed (tcg_flag_rebase). */
bool ra_lazy_op(X86Gen *g)
{
    const TCGOp *op = g->op;
    TCGv t = (TCGv)op->args[0];
    uint16_t a = (uint16_t)op->args[1], b = (uint16_t)op->args[op->opc == INDEX_op_mov ? 1 : 2];
    uint16_t r = lz_difference(g, op);
    uint8_t kind = lz_kind(op);
    unsigned lost = op->life & 6;
    if (lost) {
        int how = lost == 6 ? TCG_REBASE_NONE : tcg_flag_rebase(g->s, op, lost == 2 ? 1 : 2, &a, &b);
        if (how == TCG_REBASE_NONE) {
            return false;
        }
        kind = how == TCG_REBASE_ASUM ? (uint8_t)(kind | LZ_ASUM) : how == TCG_REBASE_SUBV ? LZ_SUBV : kind;
        r = TEMP_NONE;
    }
    ra_lazy_drop(g, t);
    if (g->nb_lz == X86_MAX_LAZY) {
        lz_materialize(g, 0);
    }
    g->lz[g->nb_lz++] = (X86Lazy){ (uint16_t)t, a, b, r, kind };
    if (lost) {
        ra_free_dead_inputs(g);
    }
    ra_free_temp(g, t); /* its old value is dead: env (or its register) is stale until used */
    return true;
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

uint32_t ra_label_dead_flags(X86Gen *g, uint32_t l)
{
    const TCGContext *s = g->s;
    if (!s->label_flags_valid || l >= (uint32_t)s->nb_labels) {
        return 0;
    }
    int nf = s->nb_flag_globals;
    return ~s->label_flags_live[l] & (nf == 32 ? ~0u : (1u << nf) - 1);
}

void ra_lazy_drop_flags(X86Gen *g, uint32_t dead)
{
    for (; dead && g->nb_lz; dead &= dead - 1) {
        ra_lazy_drop(g, g->s->flag_temp[__builtin_ctz(dead)]);
    }
}

void ra_lazy_sync(X86Gen *g)
{
    while (g->nb_lz) {
        lz_materialize(g, g->nb_lz - 1);
    }
}

/* Op loses temp t: writes it, or reads it for the last time. */
static bool op_loses(X86Gen *g, const TCGOp *op, int nb_o, int nb_i, uint64_t t)
{
    for (int k = 0; k < nb_o + nb_i; k++) {
        if (op->args[k] == t && (k < nb_o || ra_dies(g, k))) {
            return true;
        }
    }
    return false;
}

/* Where a - b is after op: z->r, or the global op copies it to while
   reading it for the last time (`mov NF, r` ... `mov ZF, r`), or nowhere. */
static uint16_t lz_difference_after(X86Gen *g, const TCGOp *op, int nb_o, int nb_i, const X86Lazy *z)
{
    if (z->r == TEMP_NONE || !op_loses(g, op, nb_o, nb_i, z->r)) {
        return z->r;
    }
    if (op->opc == INDEX_op_mov && op->args[1] == z->r && op->args[0] != z->r && ra_dies(g, 1)) {
        return (uint16_t)op->args[0];
    }
    return TEMP_NONE;
}

/* The ops right after op write flag t before anything could see it (only
   plain computations in between: no read of t, guest access, call, branch,
   label or exit).  A compare's ops can come as `sub NF, a, b; setcond CF,
   a, b; ...` (the optimizer's copy coalescing): the sub writes an operand
   of the last compare's CF recipe, which the setcond overwrites anyway. */
static bool lz_overwritten_next(X86Gen *g, const TCGOp *op, uint16_t t)
{
    const TCGOp *end = g->s->ops + g->s->nb_ops;
    for (const TCGOp *p = op + 1; p < end && p - op <= 8; p++) {
        const TCGOpDef *def = &tcg_op_defs[p->opc];
        if (p->opc == INDEX_op_nop) {
            continue;
        }
        if (p->opc == INDEX_op_insn_start) {
            continue; /* (nothing sees the flags between instructions but what follows) */
        }
        if (def->flags & (OPF_SIDE | OPF_BB | OPF_FAULT | OPF_CALL)) {
            return false;
        }
        for (int k = def->nb_oargs; k < def->nb_oargs + def->nb_iargs; k++) {
            if (p->args[k] == t) {
                return false;
            }
        }
        for (int k = 0; k < def->nb_oargs; k++) {
            if (p->args[k] == t) {
                return true;
            }
        }
    }
    return false;
}

/* Before op is emitted: recipes it would break or read.  A setcond or
   subv on (a, b) whose a op loses goes on from a - b where that still is
   (LZ_ASUM): `cmp r1, r2` then `add r1, ...` keeps CF and VF fault-only. */
void ra_lazy_before_op(X86Gen *g, const TCGOp *op)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    int nb_o = def->nb_oargs;
    int nb_i = op->opc == INDEX_op_call ? op->nargs : def->nb_iargs;
    for (int i = g->nb_lz - 1; i >= 0; i--) {
        X86Lazy *z = &g->lz[i];
        bool reads_t = false, writes_t = false;
        for (int k = 0; k < nb_o; k++) {
            writes_t |= op->args[k] == z->t;
        }
        for (int k = nb_o; k < nb_o + nb_i; k++) {
            reads_t |= op->args[k] == z->t;
        }
        bool rebased = false;
        if (!reads_t && !writes_t && op->opc == INDEX_op_mov && ra_dies(g, 1) &&
            (op->args[1] == z->a || op->args[1] == z->b) && op->args[0] != z->a && op->args[0] != z->b) {
            /* `mov X, Y`, Y's last read: the recipe reads Y from X. */
            z->a = op->args[1] == z->a ? (uint16_t)op->args[0] : z->a;
            z->b = op->args[1] == z->b ? (uint16_t)op->args[0] : z->b;
            z->r = z->r == op->args[1] ? (uint16_t)op->args[0] : z->r;
            continue;
        }
        if (!reads_t && !writes_t) {
            uint16_t r = lz_difference_after(g, op, nb_o, nb_i, z);
            if ((z->kind == LZ_SUBV || (z->kind & ~15) == LZ_SETCOND) && r != TEMP_NONE && z->a != z->b &&
                op_loses(g, op, nb_o, nb_i, z->a) && !op_loses(g, op, nb_o, nb_i, z->b)) {
                z->a = r; /* (after op, r holds a - b: op may be the copy to r) */
                z->kind |= LZ_ASUM;
                r = TEMP_NONE;
                rebased = true;
            }
            z->r = r;
        }
        bool breaks = !rebased && (op_loses(g, op, nb_o, nb_i, z->a) || op_loses(g, op, nb_o, nb_i, z->b));
        if (reads_t || (breaks && !writes_t && !lz_overwritten_next(g, op, z->t))) {
            lz_materialize(g, i);
        } else if (breaks && !writes_t && (def->flags & OPF_FAULT) && g->nb_lz_after < X86_MAX_LAZY) {
            /* A guest access that writes or last reads an operand: its own
               fault must still see the flag (its record is made with the
               operands' registers as they are before it), then nothing
               can (x86_emit_op drops it after the op). */
            g->lz_after[g->nb_lz_after++] = z->t;
        } else if (writes_t || breaks) {
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
        if (lz_where(g, g->lz[i].a, &imm) == LZ_IN_MEM || lz_where(g, g->lz[i].b, &imm) == LZ_IN_MEM) {
            lz_materialize(g, i);
        }
    }
}

/* One operand in a table record: u8 register, 0xff then u32 imm, or 0xfe
   then the u16 env offset. */
static uint8_t *put_operand(uint8_t *p, int r, uint32_t imm)
{
    if (r >= 0) {
        *p++ = (uint8_t)r;
    } else if (r == LZ_IN_ENV) {
        *p++ = 0xfe;
        *p++ = (uint8_t)imm;
        *p++ = (uint8_t)(imm >> 8);
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
    if ((size_t)g->nb_lz * LZ_MAX_CODE > size) {
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
        if (!lz_emit_stub(g, z, (uint16_t)(ALLOC_REGS & ~g->busy & ~g->pinned_regs))) {
            n = -1;
        }
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
uint32_t tcg_recipe_eval(const uint8_t **pp, const uint64_t *reg, const void *env, unsigned *off)
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
        } else if (*p == 0xfe) {
            memcpy(&v[k], (const uint8_t *)env + (p[1] | p[2] << 8), 4);
            p += 3;
        } else {
            v[k] = (uint32_t)reg[*p & 15];
            p++;
        }
    }
    *pp = p;
    if (kind & LZ_ASUM) {
        v[0] += v[1];
    }
    if (kind & LZ_SETCOND) {
        return tcg_cond_eval((TCGCond)(kind & 15), TCG_I32, v[0], v[1]);
    }
    switch (kind) {
    case LZ_MOV: return v[0];
    case LZ_SUB: return v[0] - v[1];
    case LZ_ADD: return v[0] + v[1];
    case LZ_AND: return v[0] & v[1];
    case LZ_OR: return v[0] | v[1];
    case LZ_XOR: return v[0] ^ v[1];
    default: return tcg_ovf_eval((kind & ~LZ_ASUM) == LZ_ADDV, v[0], v[1]);
    }
}

/* Length of the recipe record at p, or 0 when it is malformed (the
   persistent cache's check). */
size_t tcg_recipe_len(const uint8_t *p, size_t avail, bool (*reg_ok)(int reg), bool (*global_ok)(unsigned off, bool w64))
{
    if (avail < 6 || p[0] != X86_SITE_RECIPE) {
        return 0;
    }
    uint8_t kind = p[3];
    if ((kind & LZ_ASUM) && ((kind & ~LZ_ASUM) == LZ_SUBV || ((kind & ~LZ_ASUM) & ~15) == LZ_SETCOND)) {
        kind &= ~LZ_ASUM;
    }
    if (!((kind >= LZ_SUBV && kind <= LZ_XOR) ||
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
        } else if (p[n] == 0xfe) {
            if (n + 3 > avail || !global_ok((unsigned)(p[n + 1] | p[n + 2] << 8), false)) {
                return 0;
            }
            n += 3;
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

/* (r, where a - b also is, may differ: the merge forgets it) */
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
        /* Past a label, where a - b is can only be a global's value. */
        for (int i = 0; i < n; i++) {
            if (kept[i].r != TEMP_NONE && ra_temp(g, kept[i].r)->kind != TEMP_GLOBAL) {
                kept[i].r = TEMP_NONE;
            }
        }
        g->label_nlz[l] = (uint8_t)n;
        return;
    }
    int m = 0;
    for (int i = 0; i < g->label_nlz[l]; i++) {
        for (int k = 0; k < n; k++) {
            if (lz_same(&kept[i], &zs[k])) {
                kept[m] = kept[i];
                if (kept[m].r != zs[k].r) {
                    kept[m].r = TEMP_NONE;
                }
                m++;
                break;
            }
        }
    }
    g->label_nlz[l] = (uint8_t)m;
}

void ra_lazy_label(X86Gen *g, uint32_t l, bool branched, bool backward, bool reachable, uint32_t dead)
{
    ra_lazy_drop_flags(g, dead); /* (the fall-through: nothing reads them) */
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
bool ra_lazy_stub_rest(X86Gen *g, uint32_t l, const X86Lazy *zs, int n, bool emit, uint16_t free)
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
                lz_emit_stub(g, &zs[i], free); /* (kept operands: never a normal temp) */
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
