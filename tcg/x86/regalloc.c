/*
 * The local register allocator (one pass over the ops, in the style of
 * QEMU's tcg.c).
 *
 * Each temp has a location (TCGTemp.val_loc): dead, in a host register
 * (.reg, with .mem_coherent telling whether memory also holds the value), in
 * memory, or a constant.  Globals live in env at .mem_offset and are loaded on
 * first use; normal temps get an 8-byte frame slot at [rsp + .mem_offset] the
 * first time they must leave a register (kept for the TB).  Liveness
 * (op->life) says when a value dies; its register is then freed without a
 * store.
 *
 * `mov t, $c` into a global or normal temp only records the constant
 * (VAL_CONST): later ops use it as an immediate and it reaches memory as a
 * `mov [mem], imm32` at the next sync point, if any.
 *
 * Sync points: dirty globals are written back before ops that may fault,
 * before helper calls that read globals, at goto_tb and TB exits; every live
 * value is written back before a branch.  At a label, a value stays in its
 * register when every incoming path has it there (ra_label_merge).
 *
 * Within one op, the registers it uses are "locked" so that allocating one
 * operand never evicts another; the lock set is cleared after every op.
 * With no register free, the value given up is the one that costs least:
 * clean, or overwritten or not read before its block ends, and of those
 * that will be loaded again the one read last (pick_victim).
 *
 * Pinned globals (TCGContext.pin_*, hot regions): such a global is loaded
 * into its own register at TB entry (ra_load_pins) and stays bound there
 * until the TB leaves, across labels and branches, so every path agrees on
 * where it is.  Its register is never allocated to anything else.  An op
 * that needs the value elsewhere gets a copy; an op that writes it computes
 * into any register and ra_fix_pins moves the result home after the op.
 * Write-back follows the globals' rules (sync points) but keeps the
 * binding; after a helper that may write globals, or one that clobbers a
 * caller-saved pin register, the pins are reloaded (ra_after_call).  A
 * pin in a register the call passes an argument in is released for the
 * call (ra_release_pins: written back, then an ordinary global in env) and
 * bound again after it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcg/x86/x86.h"
#include "include/coldbss.h"

/* Callee-saved registers first, so values survive helper calls. */
static const int8_t alloc_order[] = {
    R_BX, R_12, R_13, R_15, R_10, R_11, R_9, R_8, R_CX, R_DX, R_SI, R_DI, R_AX,
};

static bool is_w64(TCGTemp *ts) { return ts->type == TCG_I64; }

/* Every change of reg_temp goes through these two, which keep g->busy (the
   registers holding a temp) in step: the loops over bound registers visit
   only those. */
static inline void reg_set(X86Gen *g, int r, uint16_t t)
{
    g->reg_temp[r] = t;
    g->busy |= RMASK(r);
}

static inline void reg_clear(X86Gen *g, int r)
{
    g->reg_temp[r] = TEMP_NONE;
    g->busy &= (uint16_t)~RMASK(r);
}

/* The lowest register of a non-empty mask. */
static inline int first_reg(uint16_t m)
{
    return __builtin_ctz(m);
}

static _Noreturn void ra_fatal(const char *msg)
{
    fprintf(stderr, "mimic: x86 backend: %s\n", msg);
    abort();
}

void ra_init(X86Gen *g)
{
    TCGContext *s = g->s;
    for (int r = 0; r < 16; r++) {
        g->reg_temp[r] = TEMP_NONE;
    }
    g->busy = 0;
    g->locked = 0;
    g->next_slot = 0;
    for (int i = 0; i < g->nb_lazy; i++) {
        g->in_lazy[g->lazy[i]] = 0;
    }
    g->nb_lazy = 0;
    g->nb_lz = 0;
    /* The globals start every TB in the same state: set it up once, then
       copy it (there are dozens of globals and hundreds of TBs per ms). */
    static COLD_BSS TCGTemp glob_init[TCG_MAX_TEMPS];
    static const TCGContext *init_ctx;
    static uint32_t init_gen;
    static int init_n = -1;
    int first = 0;
    if (init_ctx == s && init_gen == s->globals_gen && init_n == s->nb_globals) {
        memcpy(s->temps, glob_init, (size_t)init_n * sizeof(TCGTemp));
        first = init_n;
    }
    for (int i = first; i < s->nb_temps; i++) {
        TCGTemp *ts = &s->temps[i];
        ts->reg = -1;
        ts->mem_coherent = true;
        ts->pinned = false;
        switch (ts->kind) {
        case TEMP_GLOBAL:
            ts->val_loc = VAL_MEM;
            break;
        case TEMP_FIXED:
            if (i != (int)tcg_env) {
                ra_fatal("only tcg_env may be a fixed temp");
            }
            ts->val_loc = VAL_REG;
            ts->reg = R_ENV;
            break;
        case TEMP_CONST:
            ts->val_loc = VAL_CONST;
            break;
        default:
            ts->val_loc = VAL_DEAD;
            ts->mem_offset = -1;
            break;
        }
    }
    if (first == 0) {
        memcpy(glob_init, s->temps, (size_t)s->nb_globals * sizeof(TCGTemp));
        init_ctx = s;
        init_gen = s->globals_gen;
        init_n = s->nb_globals;
    }
    /* Registers for pinned globals (x86.h). */
    static const int8_t pin_order[TCG_MAX_PINS] = X86_PIN_ORDER;
    _Static_assert(sizeof pin_order == TCG_MAX_PINS, "one register per pinned global");
    g->pinned_regs = 0;
    for (int i = 0; i < s->nb_pins; i++) {
        TCGTemp *ts = &s->temps[s->pin_temp[i]];
        int r = s->pin_reg[i] = pin_order[i];
        if (ts->kind != TEMP_GLOBAL || (g->pinned_regs & RMASK(r))) {
            ra_fatal("bad pinned global");
        }
        ts->pinned = true;
        g->pinned_regs |= RMASK(r);
    }
}

void ra_load_pins(X86Gen *g)
{
    TCGContext *s = g->s;
    for (int i = 0; i < s->nb_pins; i++) {
        TCGv t = s->pin_temp[i];
        TCGTemp *ts = ra_temp(g, t);
        emit_ld(s, is_w64(ts), s->pin_reg[i], R_ENV, ts->mem_offset);
        reg_set(g, s->pin_reg[i], (uint16_t)t);
        ts->reg = s->pin_reg[i];
        ts->val_loc = VAL_REG;
        ts->mem_coherent = true;
    }
}

void ra_fix_pins(X86Gen *g)
{
    TCGContext *s = g->s;
    for (int i = 0; i < s->nb_pins; i++) {
        TCGv t = s->pin_temp[i];
        TCGTemp *ts = ra_temp(g, t);
        int home = s->pin_reg[i];
        if (ts->val_loc == VAL_REG && ts->reg == home) {
            continue;
        }
        if (ts->val_loc == VAL_REG) {
            emit_mov_rr(s, is_w64(ts), home, ts->reg);
            reg_clear(g, ts->reg);
        } else if (ts->val_loc == VAL_CONST) {
            emit_movi(s, is_w64(ts), home, g->const_val[t], true);
        } else {
            ra_fatal("pinned global left its register");
        }
        reg_set(g, home, (uint16_t)t);
        ts->reg = (int8_t)home;
        ts->val_loc = VAL_REG;
        ts->mem_coherent = false;
    }
}

uint16_t ra_release_pins(X86Gen *g, uint16_t regs)
{
    TCGContext *s = g->s;
    uint16_t released = 0;
    for (int i = 0; i < s->nb_pins; i++) {
        int r = s->pin_reg[i];
        if (!(regs & RMASK(r))) {
            continue;
        }
        TCGv t = s->pin_temp[i];
        TCGTemp *ts = ra_temp(g, t);
        if (ts->val_loc != VAL_REG || ts->reg != r) {
            ra_fatal("pinned global left its register");
        }
        ra_store_temp(g, t);
        reg_clear(g, r);
        ts->reg = -1;
        ts->val_loc = VAL_MEM;
        ts->mem_coherent = true;
        ts->pinned = false;
        released |= RMASK(r);
    }
    g->pinned_regs &= (uint16_t)~released;
    return released;
}

void ra_after_call(X86Gen *g, bool reload_all, uint16_t released)
{
    TCGContext *s = g->s;
    for (int i = 0; i < s->nb_pins; i++) {
        int r = s->pin_reg[i];
        TCGv t = s->pin_temp[i];
        TCGTemp *ts = ra_temp(g, t);
        if (released & RMASK(r)) {
            /* (ra_spill_regs unbound it from wherever the call's argument
               set-up put it) */
            if (ts->val_loc == VAL_REG) {
                ra_fatal("released pinned global still in a register");
            }
            ts->pinned = true;
            g->pinned_regs |= RMASK(r);
            reg_set(g, r, (uint16_t)t);
            ts->reg = (int8_t)r;
            ts->val_loc = VAL_REG;
        }
        if (reload_all || (CALLER_SAVED & RMASK(r))) {
            emit_ld(s, is_w64(ts), r, R_ENV, ts->mem_offset);
            ts->mem_coherent = true;
        }
    }
}


/* The memory home of a global or normal temp (allocating a slot). */
static void temp_mem(X86Gen *g, TCGTemp *ts, int *base, int32_t *off)
{
    if (ts->kind == TEMP_GLOBAL) {
        *base = R_ENV;
        *off = ts->mem_offset;
        return;
    }
    if (ts->mem_offset < 0) {
        if (g->next_slot >= FRAME_SLOTS) {
            ra_fatal("more than FRAME_SLOTS temps spilled in one TB");
        }
        ts->mem_offset = g->next_slot++ * 8;
    }
    *base = R_SP;
    *off = ts->mem_offset;
}

static void bind(X86Gen *g, TCGv t, int r, bool coherent)
{
    TCGTemp *ts = ra_temp(g, t);
    reg_set(g, r, (uint16_t)t);
    ts->reg = (int8_t)r;
    ts->val_loc = VAL_REG;
    ts->mem_coherent = coherent;
}

/* Forget that r holds its temp; the temp must be coherent in memory. */
static void unbind_reg(X86Gen *g, int r)
{
    uint16_t t = g->reg_temp[r];
    if (t == TEMP_NONE) {
        return;
    }
    TCGTemp *ts = ra_temp(g, t);
    reg_clear(g, r);
    ts->reg = -1;
    ts->val_loc = VAL_MEM;
}

void ra_store_temp(X86Gen *g, TCGv t)
{
    TCGTemp *ts = ra_temp(g, t);
    if (ts->mem_coherent || (ts->kind != TEMP_GLOBAL && ts->kind != TEMP_NORMAL)) {
        return;
    }
    int base;
    int32_t off;
    if (ts->val_loc == VAL_REG) {
        temp_mem(g, ts, &base, &off);
        emit_st(g->s, is_w64(ts), ts->reg, base, off);
        ts->mem_coherent = true;
    } else if (ts->val_loc == VAL_CONST) {
        temp_mem(g, ts, &base, &off);
        emit_modrm_mem(g->s, OPC_MOVL_EvIz | (is_w64(ts) ? P_REXW : 0), 0, base, -1, off);
        emit32(g->s, (uint32_t)g->const_val[t]); /* ra_set_const checked it fits */
        ts->mem_coherent = true;
    }
}

bool ra_set_const(X86Gen *g, TCGv t, uint64_t val)
{
    TCGTemp *ts = ra_temp(g, t);
    if (ts->kind != TEMP_GLOBAL && ts->kind != TEMP_NORMAL) {
        ra_fatal("op writes a constant or fixed temp");
    }
    if (is_w64(ts) ? !fits_i32((int64_t)val) : false) {
        return false;
    }
    if (ts->pinned) {
        emit_movi(g->s, is_w64(ts), ts->reg, is_w64(ts) ? val : (uint32_t)val, true);
        ts->mem_coherent = false;
        return true;
    }
    if (ts->val_loc == VAL_REG) {
        reg_clear(g, ts->reg);
        ts->reg = -1;
    }
    ts->val_loc = VAL_CONST;
    ts->mem_coherent = false;
    g->const_val[t] = is_w64(ts) ? val : (uint32_t)val;
    if (!g->in_lazy[t]) {
        g->in_lazy[t] = 1;
        g->lazy[g->nb_lazy++] = (uint16_t)t;
    }
    return true;
}

/* Write back the lazy constants of the given kinds; optionally turn them into
   plain memory values.  Drops stale entries from the list. */
static void sync_lazy(X86Gen *g, bool globals_only, bool to_mem)
{
    if (g->nb_lazy == 0) {
        return;
    }
    int n = 0;
    for (int i = 0; i < g->nb_lazy; i++) {
        uint16_t t = g->lazy[i];
        TCGTemp *ts = ra_temp(g, t);
        if (ts->val_loc != VAL_CONST) {
            g->in_lazy[t] = 0;
            continue;
        }
        if (!globals_only || ts->kind == TEMP_GLOBAL) {
            ra_store_temp(g, t);
            if (to_mem) {
                ts->val_loc = VAL_MEM;
                g->in_lazy[t] = 0;
                continue;
            }
        }
        g->lazy[n++] = t;
    }
    g->nb_lazy = n;
}

/* Forget lazy constants without storing (state after an unconditional jump). */
static void drop_lazy(X86Gen *g)
{
    for (int i = 0; i < g->nb_lazy; i++) {
        uint16_t t = g->lazy[i];
        TCGTemp *ts = ra_temp(g, t);
        if (ts->val_loc == VAL_CONST) {
            ts->val_loc = VAL_MEM;
            ts->mem_coherent = true;
        }
        g->in_lazy[t] = 0;
    }
    g->nb_lazy = 0;
}

static void spill_reg(X86Gen *g, int r)
{
    if (g->reg_temp[r] != TEMP_NONE) {
        ra_store_temp(g, g->reg_temp[r]);
        unbind_reg(g, r);
    }
}

void ra_evict(X86Gen *g, int r)
{
    uint16_t t = g->reg_temp[r];
    if (t == TEMP_NONE) {
        return;
    }
    /* Prefer moving to a free register over a store and a later reload. */
    uint16_t avail = ALLOC_REGS & ~g->locked & ~RMASK(r) & ~g->pinned_regs;
    for (unsigned i = 0; i < sizeof(alloc_order); i++) {
        int d = alloc_order[i];
        if ((avail & RMASK(d)) && g->reg_temp[d] == TEMP_NONE) {
            TCGTemp *ts = ra_temp(g, t);
            emit_mov_rr(g->s, is_w64(ts), d, r);
            reg_clear(g, r);
            bind(g, t, d, ts->mem_coherent);
            return;
        }
    }
    spill_reg(g, r);
}

/* What becomes of temp t after the current op, up to the end of its basic
   block (a label, branch, exit or call, where every value goes to memory
   anyway) or NEXT_USE_WINDOW ops: the distance in ops to its next read
   (the current op's own inputs count as 0), or -1 when it is overwritten
   first or not read again before that end. */
#define NEXT_USE_WINDOW 64
static int next_read(X86Gen *g, uint16_t t, bool *overwritten)
{
    const TCGContext *s = g->s;
    *overwritten = false;
    if (g->op == NULL || g->op < s->ops || g->op >= s->ops + s->nb_ops) {
        return -1; /* (outside the ops: stubs after the code) */
    }
    int i0 = (int)(g->op - s->ops);
    for (int i = i0; i < s->nb_ops && i < i0 + NEXT_USE_WINDOW; i++) {
        const TCGOp *op = &s->ops[i];
        const TCGOpDef *def = &tcg_op_defs[op->opc];
        int no = def->nb_oargs, ni = op->opc == INDEX_op_call ? op->nargs : def->nb_iargs;
        for (int k = no; k < no + ni; k++) {
            if (op->args[k] == t) {
                return i - i0;
            }
        }
        if (i == i0) {
            continue;
        }
        if (def->flags & (OPF_BB | OPF_CALL)) {
            return -1;
        }
        for (int k = 0; k < no; k++) {
            if (op->args[k] == t) {
                *overwritten = true;
                return -1;
            }
        }
    }
    return -1;
}

/* The register of `allowed` (all bound, none locked) whose value costs
   least to give up: a store now if it is dirty (unless the block's end
   would store it anyway) and a load at its next read; of equal costs, the
   value read last (Belady). */
static int pick_victim(X86Gen *g, uint16_t allowed)
{
    int best = -1, best_cost = 0, best_dist = 0;
    for (unsigned i = 0; i < sizeof(alloc_order); i++) {
        int r = alloc_order[i];
        if (!(allowed & RMASK(r))) {
            continue;
        }
        uint16_t t = g->reg_temp[r];
        if (t == TEMP_NONE) {
            return r;
        }
        bool over;
        int d = next_read(g, t, &over);
        bool dirty = !ra_temp(g, t)->mem_coherent;
        int cost = d >= 0 ? 1 + dirty : (over && dirty);
        int dist = d >= 0 ? d : NEXT_USE_WINDOW;
        if (best < 0 || cost < best_cost || (cost == best_cost && dist > best_dist)) {
            best = r;
            best_cost = cost;
            best_dist = dist;
        }
    }
    return best;
}

int ra_alloc(X86Gen *g, uint16_t allowed)
{
    allowed &= ALLOC_REGS & ~g->locked & ~g->pinned_regs;
    /* A free register, else the value pick_victim chooses (spilled). */
    uint16_t free_regs = allowed & ~g->busy;
    if (free_regs) {
        for (unsigned i = 0;; i++) {
            int r = alloc_order[i];
            if (free_regs & RMASK(r)) {
                g->locked |= RMASK(r);
                return r;
            }
        }
    }
    if (allowed) {
        int r = pick_victim(g, allowed);
        spill_reg(g, r);
        g->locked |= RMASK(r);
        return r;
    }
    if (g->regs_retry) {
        longjmp(*g->regs_retry, 1); /* (tcg_gen_code: again with fewer pins) */
    }
    ra_fatal("out of host registers for one op");
}

void ra_load_into(X86Gen *g, TCGv t, int r)
{
    TCGTemp *ts = ra_temp(g, t);
    switch (ts->val_loc) {
    case VAL_CONST:
        emit_movi(g->s, is_w64(ts), r, ra_const(g, t), true);
        break;
    case VAL_REG:
        emit_mov_rr(g->s, is_w64(ts), r, ts->reg);
        break;
    case VAL_MEM: {
        int base;
        int32_t off;
        temp_mem(g, ts, &base, &off);
        emit_ld(g->s, is_w64(ts), r, base, off);
        break;
    }
    default: /* read of a never-written temp: define it as 0 */
        emit_movi(g->s, true, r, 0, true);
        break;
    }
}

int ra_in(X86Gen *g, TCGv t, uint16_t allowed)
{
    TCGTemp *ts = ra_temp(g, t);
    if (ts->kind == TEMP_FIXED) {
        return R_ENV;
    }
    if (ts->val_loc == VAL_REG && (allowed & RMASK(ts->reg))) {
        g->locked |= RMASK(ts->reg);
        return ts->reg;
    }
    int r = ra_alloc(g, allowed);
    ra_load_into(g, t, r);
    if (ts->kind == TEMP_CONST || ts->pinned) {
        return r; /* constants are rematerialized, pinned globals copied: never bound */
    }
    bool coherent = ts->val_loc == VAL_MEM || (ts->val_loc != VAL_DEAD && ts->mem_coherent);
    if (ts->val_loc == VAL_REG) {
        reg_clear(g, ts->reg);
    }
    bind(g, t, r, coherent);
    return r;
}

void ra_in_fixed(X86Gen *g, TCGv t, int r)
{
    TCGTemp *ts = ra_temp(g, t);
    if (ts->val_loc == VAL_REG && ts->reg == r) {
        g->locked |= RMASK(r);
        return;
    }
    ra_evict(g, r);
    if (ts->kind == TEMP_CONST || ts->kind == TEMP_FIXED) {
        g->locked |= RMASK(r);
        ra_load_into(g, t, r);
        return;
    }
    ra_in(g, t, RMASK(r));
}

/* The host register of the current op's single output when that is a
   pinned global in its register that no input of the op is, else -1. */
static int pinned_out_reg(X86Gen *g, uint16_t allowed)
{
    const TCGOp *op = g->op;
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    if (def->nb_oargs != 1 || op->opc == INDEX_op_call) {
        return -1;
    }
    const TCGTemp *out = ra_temp(g, (TCGv)op->args[0]);
    if (!out->pinned || out->val_loc != VAL_REG || !(allowed & RMASK(out->reg)) || (g->locked & RMASK(out->reg))) {
        return -1;
    }
    for (int i = 0; i < def->nb_iargs; i++) {
        if (op->args[1 + i] == op->args[0]) {
            return -1;
        }
    }
    return out->reg;
}

/* For an op that computes its single output from input args[ai] in one
   instruction (r = f(ra), its other inputs already in registers): the
   output's own register when the output is a pinned global at home that
   no other input is (it may be args[ai] itself), else -1. */
int ra_pinned_out(X86Gen *g, int ai)
{
    const TCGOp *op = g->op;
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    if (def->nb_oargs != 1 || op->opc == INDEX_op_call) {
        return -1;
    }
    uint64_t o = op->args[0];
    const TCGTemp *out = ra_temp(g, (TCGv)o);
    if (!out->pinned || out->val_loc != VAL_REG) {
        return -1;
    }
    for (int i = 1; i <= def->nb_iargs; i++) {
        if (i != ai && op->args[i] == o) {
            return -1;
        }
    }
    if (op->args[ai] != o && (g->locked & RMASK(out->reg))) {
        return -1;
    }
    return out->reg;
}

int ra_scratch_copy(X86Gen *g, TCGv t, int argi, uint16_t allowed)
{
    TCGTemp *ts = ra_temp(g, t);
    allowed &= ALLOC_REGS;
    if (ts->pinned && ts->val_loc == VAL_REG && (allowed & RMASK(ts->reg)) &&
        tcg_op_defs[g->op->opc].nb_oargs == 1 && g->op->args[0] == t) {
        /* The op overwrites this pinned global: compute in place.  (As for a
           dying temp taken over below, the emitter has read its other
           inputs already.) */
        g->locked |= RMASK(ts->reg);
        return ts->reg;
    }
    int home = pinned_out_reg(g, allowed);
    if (home >= 0) {
        /* The op's output is a pinned global it does not read: compute in
           its register, which ra_fix_pins would copy the result to anyway. */
        if (ra_is_const(g, t)) {
            emit_movi(g->s, is_w64(ts), home, ra_const(g, t), true);
        } else {
            emit_mov_rr(g->s, true, home, ra_in(g, t, ALLOC_REGS));
        }
        g->locked |= RMASK(home);
        return home;
    }
    if (ra_is_const(g, t)) {
        int r = ra_alloc(g, allowed);
        emit_movi(g->s, is_w64(ts), r, ra_const(g, t), true);
        return r;
    }
    if ((ts->kind == TEMP_NORMAL || ts->kind == TEMP_GLOBAL) && ts->val_loc == VAL_REG && ra_dies(g, argi) &&
        (allowed & RMASK(ts->reg)) && !ts->pinned) {
        /* The value dies here: take its register over. */
        int r = ts->reg;
        reg_clear(g, r);
        ts->reg = -1;
        ts->val_loc = ts->kind == TEMP_GLOBAL ? VAL_MEM : VAL_DEAD;
        ts->mem_coherent = true;
        g->locked |= RMASK(r);
        return r;
    }
    if ((ts->kind == TEMP_NORMAL || ts->kind == TEMP_GLOBAL) && ts->val_loc != VAL_REG && ra_dies(g, argi)) {
        /* Dies here and is not in a register: load straight into the scratch. */
        int r = ra_alloc(g, allowed);
        ra_load_into(g, t, r);
        if (ts->kind == TEMP_NORMAL) {
            ts->val_loc = VAL_DEAD;
        }
        return r;
    }
    int rs = ra_in(g, t, ALLOC_REGS);
    int r = ra_alloc(g, allowed);
    emit_mov_rr(g->s, true, r, rs);
    return r;
}

void ra_bind_out(X86Gen *g, TCGv t, int r)
{
    TCGTemp *ts = ra_temp(g, t);
    if (ts->kind != TEMP_NORMAL && ts->kind != TEMP_GLOBAL) {
        ra_fatal("op writes a constant or fixed temp");
    }
    if (g->reg_temp[r] != TEMP_NONE && g->reg_temp[r] != t) {
        ra_fatal("output register still holds another live temp");
    }
    if (ts->val_loc == VAL_REG && ts->reg != r && !ts->pinned) {
        reg_clear(g, ts->reg);
    }
    bind(g, t, r, false); /* a pinned global goes home in ra_fix_pins */
    g->locked |= RMASK(r);
}

void ra_free_temp(X86Gen *g, TCGv t)
{
    TCGTemp *ts = ra_temp(g, t);
    if (ts->kind == TEMP_NORMAL) {
        if (ts->val_loc == VAL_REG) {
            reg_clear(g, ts->reg);
            ts->reg = -1;
        }
        ts->val_loc = VAL_DEAD; /* its slot stays reserved (see FRAME_SLOTS) */
    } else if (ts->pinned) {
        ts->mem_coherent = true; /* dead: nothing to write back; stays home */
    } else if (ts->kind == TEMP_GLOBAL) {
        /* Dead until overwritten: the stale memory copy is never read. */
        if (ts->val_loc == VAL_REG) {
            reg_clear(g, ts->reg);
            ts->reg = -1;
        }
        ts->val_loc = VAL_MEM;
        ts->mem_coherent = true;
    }
}

/* Inputs of the current op, as arg indices [first, first + n). */
static void op_inputs(const TCGOp *op, int *first, int *n)
{
    const TCGOpDef *def = &tcg_op_defs[op->opc];
    *first = def->nb_oargs;
    *n = op->opc == INDEX_op_call ? op->nargs : def->nb_iargs;
}

/* Free the args [first, first + n) whose life bit is set, in order. */
static inline void free_dead_args(X86Gen *g, int first, int n)
{
    for (uint32_t m = (g->op->life >> first) & ((1u << n) - 1); m; m &= m - 1) {
        uint64_t t = g->op->args[first + __builtin_ctz(m)];
        if (t != TEMP_NONE) {
            ra_free_temp(g, (TCGv)t);
        }
    }
}

void ra_free_dead_inputs(X86Gen *g)
{
    int first, n;
    op_inputs(g->op, &first, &n);
    free_dead_args(g, first, n);
}

void ra_free_dead_outputs(X86Gen *g)
{
    free_dead_args(g, 0, tcg_op_defs[g->op->opc].nb_oargs);
}

/* Write back every dirty global except those held in the registers skip. */
static void sync_globals(X86Gen *g, uint16_t skip)
{
    ra_lazy_sync(g);
    sync_lazy(g, true, false);
    for (uint16_t m = g->busy & (uint16_t)~skip; m; m &= (uint16_t)(m - 1)) {
        int r = first_reg(m);
        uint16_t t = g->reg_temp[r];
        {
            const TCGTemp *ts = ra_temp(g, t);
            if (ts->kind == TEMP_GLOBAL && !ts->mem_coherent) {
                ra_store_temp(g, t);
            }
        }
    }
}

void ra_sync_globals(X86Gen *g) { sync_globals(g, 0); }

int ra_global_at(X86Gen *g, int32_t off, uint64_t *val)
{
    TCGContext *s = g->s;
    for (int t = 0; t < s->nb_globals; t++) {
        const TCGTemp *ts = &s->temps[t];
        if (ts->kind != TEMP_GLOBAL || ts->mem_offset != off || ts->type != TCG_I32) {
            continue;
        }
        if (ts->val_loc == VAL_REG) {
            return ts->reg;
        }
        if (ts->val_loc == VAL_CONST) {
            *val = (uint32_t)g->const_val[t];
            return -2;
        }
        return -1;
    }
    return -1;
}

static bool overlaps(const TCGTemp *ts, int32_t off, int len)
{
    return ts->kind == TEMP_GLOBAL && ts->mem_offset < off + len && off < ts->mem_offset + (ts->type == TCG_I64 ? 8 : 4);
}

void ra_sync_mem_range(X86Gen *g, int32_t off, int len)
{
    TCGContext *s = g->s;
    ra_lazy_mem_range(g, off, len);
    for (int t = 0; t < s->nb_globals; t++) {
        TCGTemp *ts = &s->temps[t];
        if (overlaps(ts, off, len) && (ts->val_loc == VAL_REG || ts->val_loc == VAL_CONST)) {
            ra_store_temp(g, (TCGv)t);
        }
    }
}

void ra_clobber_mem_range(X86Gen *g, int32_t off, int len)
{
    TCGContext *s = g->s;
    ra_lazy_mem_range(g, off, len);
    for (int t = 0; t < s->nb_globals; t++) {
        TCGTemp *ts = &s->temps[t];
        if (!overlaps(ts, off, len)) {
            continue;
        }
        if (ts->pinned) { /* back into its register */
            emit_ld(s, is_w64(ts), ts->reg, R_ENV, ts->mem_offset);
            ts->mem_coherent = true;
        } else if (ts->val_loc == VAL_REG) {
            unbind_reg(g, ts->reg);
            ts->mem_coherent = true;
        } else if (ts->val_loc == VAL_CONST) {
            ts->val_loc = VAL_MEM; /* its lazy-list entry goes stale */
            ts->mem_coherent = true;
        }
    }
}

static void count_dirty_pins(X86Gen *g)
{
    for (uint16_t m = g->busy & g->pinned_regs; m; m &= (uint16_t)(m - 1)) {
        if (!ra_temp(g, g->reg_temp[first_reg(m)])->mem_coherent) {
            g->s->nb_wb_avoided++;
        }
    }
}

void ra_sync_for_fault(X86Gen *g)
{
    count_dirty_pins(g);
    sync_globals(g, g->pinned_regs);
}

void ra_prepare_access(X86Gen *g, unsigned memop)
{
    /* (an alignment check's stub finds the globals through its own
       record, ra_align_site, as the fault handler does) */
    (void)memop;
    if (!g->fault_tab) {
        ra_sync_for_fault(g);
        return;
    }
    count_dirty_pins(g);
    sync_lazy(g, true, false); /* known constants: plain immediate stores */
    ra_lazy_prepare_access(g);
    g->site_wanted = true;
}

/* Fault-site table: a record per guest access that had dirty globals in
   registers, in code order, then a 0xffffffff end mark:
     u32 host offset of the access's (faulting) instruction from tb->code,
     u8 n, then n times { u8 host register | 0x80 when 64-bit, u16 env offset }
   (little-endian, unaligned).  The fault handler copies those registers
   from the signal context into env (tcg_restore_pins). */
static void write_site(X86Gen *g);

void ra_fault_site(X86Gen *g)
{
    if (!g->site_wanted) {
        return;
    }
    g->site_wanted = false;
    write_site(g);
}

/* The same record for the alignment check of the access being prepared,
   at the check's offset (before the access's own: load_dest may spill in
   between); the access's record follows. */
void ra_align_site(X86Gen *g)
{
    if (g->site_wanted) {
        write_site(g);
    }
}

static void write_site(X86Gen *g)
{
    uint8_t rec[5 + 3 * 16 + 14 * X86_MAX_LAZY];
    int n = 0;
    for (uint16_t m = g->busy & (uint16_t)~g->pinned_regs; m; m &= (uint16_t)(m - 1)) {
        int r = first_reg(m);
        TCGTemp *ts = ra_temp(g, g->reg_temp[r]);
        if (ts->kind != TEMP_GLOBAL || ts->mem_coherent) {
            continue;
        }
        uint8_t *e = &rec[5 + 3 * n++];
        e[0] = (uint8_t)(r | (is_w64(ts) ? 0x80 : 0));
        e[1] = (uint8_t)ts->mem_offset;
        e[2] = (uint8_t)(ts->mem_offset >> 8);
    }
    g->s->nb_wb_avoided += n;
    size_t len = 5 + 3 * (size_t)n + (size_t)ra_lazy_records(g, rec + 5 + 3 * n);
    n += g->nb_lz;
    if (n == 0) {
        return;
    }
    uint32_t off = (uint32_t)(g->s->code_ptr - g->start);
    memcpy(rec, &off, 4);
    rec[4] = (uint8_t)n;
    if (g->nb_site_bytes + len + 4 > g->max_site_bytes) {
        g->max_site_bytes = 2 * (g->max_site_bytes + len + 4);
        g->sites = realloc(g->sites, g->max_site_bytes);
        if (!g->sites) {
            ra_fatal("out of memory");
        }
    }
    memcpy(g->sites + g->nb_site_bytes, rec, len);
    g->nb_site_bytes += len;
}

void ra_forget_globals(X86Gen *g)
{
    ra_lazy_sync(g);
    sync_lazy(g, true, true);
    for (uint16_t m = g->busy; m; m &= (uint16_t)(m - 1)) {
        int r = first_reg(m);
        uint16_t t = g->reg_temp[r];
        if (ra_temp(g, t)->kind == TEMP_GLOBAL) {
            ra_store_temp(g, t);
            if (!ra_temp(g, t)->pinned) {
                unbind_reg(g, r);
            }
        }
    }
}

/* Is t a flag global that label l's code overwrites before any read
   (liveness's flag dataflow)?  A branch there need not store it. */
static bool dead_at_label(X86Gen *g, uint16_t t, int l)
{
    const TCGContext *s = g->s;
    if (l < 0 || l >= s->nb_labels || !s->label_flags_valid) {
        return false;
    }
    for (int i = 0; i < s->nb_flag_globals; i++) {
        if (s->flag_temp[i] == t) {
            return !((s->label_flags_live[l] >> i) & 1);
        }
    }
    return false;
}

int ra_bb_end_stores(X86Gen *g, uint8_t *buf, size_t size, int label)
{
    TCGContext *s = g->s;
    int nregs = __builtin_popcount((unsigned)(g->busy & (uint16_t)~g->pinned_regs));
    if ((size_t)(nregs + g->nb_lazy) * 12 + (size_t)g->nb_lz * LZ_MAX_CODE > size) {
        return -1;
    }
    uint8_t *saved = s->code_ptr;
    s->code_ptr = buf;
    int base;
    int32_t off;
    for (int i = 0; i < g->nb_lazy; i++) {
        uint16_t t = g->lazy[i];
        TCGTemp *ts = ra_temp(g, t);
        if (ts->val_loc == VAL_CONST && !ts->mem_coherent && (ts->kind == TEMP_GLOBAL || ts->kind == TEMP_NORMAL) &&
            !dead_at_label(g, t, label)) {
            temp_mem(g, ts, &base, &off);
            emit_modrm_mem(s, OPC_MOVL_EvIz | (is_w64(ts) ? P_REXW : 0), 0, base, -1, off);
            emit32(s, (uint32_t)g->const_val[t]);
        }
    }
    for (uint16_t m = g->busy & (uint16_t)~g->pinned_regs; m; m &= (uint16_t)(m - 1)) {
        uint16_t t = g->reg_temp[first_reg(m)];
        TCGTemp *ts = ra_temp(g, t);
        if (!ts->mem_coherent && (ts->kind == TEMP_GLOBAL || ts->kind == TEMP_NORMAL) && !dead_at_label(g, t, label)) {
            temp_mem(g, ts, &base, &off);
            emit_st(s, is_w64(ts), ts->reg, base, off);
        }
    }
    int n = (int)(s->code_ptr - buf);
    s->code_ptr = saved;
    /* Then the fault-only flags (their operands are untouched by stores). */
    int m = g->nb_lz ? ra_lazy_stub(g, buf + n, size - (size_t)n) : 0;
    return m < 0 ? -1 : n + m;
}

void ra_bb_end(X86Gen *g)
{
    ra_lazy_sync(g);
    /* Every value still in a register is live (dead ones were freed). */
    sync_lazy(g, false, false);
    for (uint16_t m = g->busy & (uint16_t)~g->pinned_regs; m; m &= (uint16_t)(m - 1)) {
        ra_store_temp(g, g->reg_temp[first_reg(m)]);
    }
}

/* At a merge point a pinned global may be dirty on some path: assume so. */
static void pins_dirty(X86Gen *g)
{
    TCGContext *s = g->s;
    for (int i = 0; i < s->nb_pins; i++) {
        ra_temp(g, s->pin_temp[i])->mem_coherent = false;
    }
}

void ra_label_merge(X86Gen *g, const uint16_t *branch_regs, bool fallthrough, bool forget_all)
{
    if (fallthrough && !forget_all) {
        /* Branches arrive with every value in memory, some also in registers.
           A value in the same register on every path stays there (still
           dirty if it was on the fall-through path: a later store is then
           merely redundant for the branch paths); the others go to memory.
           A value the branches have in a register that is free here, while
           the fall-through path has it in another one, is moved over first. */
        for (int r = 0; branch_regs && r < 16; r++) {
            uint16_t t = branch_regs[r];
            if (t == TEMP_NONE || g->reg_temp[r] != TEMP_NONE) {
                continue;
            }
            TCGTemp *ts = ra_temp(g, t);
            if (ts->val_loc == VAL_REG) {
                int old = ts->reg;
                emit_mov_rr(g->s, is_w64(ts), r, old);
                reg_clear(g, old);
                bind(g, t, r, ts->mem_coherent);
            }
        }
        for (uint16_t m = branch_regs ? g->busy : 0; m; m &= (uint16_t)(m - 1)) {
            int r = first_reg(m);
            uint16_t t = g->reg_temp[r];
            if (branch_regs[r] != t) {
                ra_store_temp(g, t);
                unbind_reg(g, r);
            }
        }
        if (branch_regs) {
            sync_lazy(g, false, true); /* branch paths have them in memory */
        }
        pins_dirty(g);
        return;
    }
    if (fallthrough) {
        ra_bb_end(g);
        sync_lazy(g, false, true);
    } else {
        drop_lazy(g);
    }
    /* The current state is the forgotten one (or meaningless after a jump). */
    for (uint16_t m = g->busy & (uint16_t)~g->pinned_regs; m; m &= (uint16_t)(m - 1)) {
        unbind_reg(g, first_reg(m));
    }
    if (!forget_all && branch_regs) {
        for (int r = 0; r < 16; r++) {
            if (branch_regs[r] != TEMP_NONE && !(g->pinned_regs & RMASK(r))) {
                bind(g, branch_regs[r], r, true);
            }
        }
    }
    pins_dirty(g);
}

void ra_spill_regs(X86Gen *g, uint16_t regs)
{
    for (int r = 0; r < 16; r++) {
        if (regs & RMASK(r)) {
            if (g->pinned_regs & RMASK(r)) {
                ra_store_temp(g, g->reg_temp[r]); /* ra_after_call reloads it */
            } else {
                spill_reg(g, r);
            }
        }
    }
}
