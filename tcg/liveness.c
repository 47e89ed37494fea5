/*
 * Liveness: one backward pass over the ops of a TB.
 *
 * Fills op->life (bit n set = the value of args[n] is dead after this op; for
 * an output it means nobody reads what the op wrote) and turns ops without
 * side effects whose outputs are all dead into nops.
 *
 * Globals are live at the end of the TB, at every basic-block boundary
 * (OPF_BB), at goto_tb, at every op that may fault (guest state must be
 * precise there) and at every helper call that may read globals; except
 * that flag globals (tcg_global_flag) are live at block boundaries and
 * exits only where a dataflow over the TB's blocks says a path reads them
 * (below, and tcg/README.md "Dead flags").  Normal
 * temps may live across labels inside a TB; at a block boundary we treat
 * every normal temp that is read anywhere later in the TB as live.  That is
 * conservative and correct for forward branches.  When the TB has a backward
 * branch, every normal temp read inside a loop (between a label and a
 * branch back to it) counts as live at every block boundary too (correct
 * for loops: mark_loop_reads).  Jumps between
 * the blocks of a hot region do not count: no normal temp crosses them.
 *
 * Coalescing on the way: `op T, ...; ...; mov G, T`, with T a normal temp
 * that dies at the mov and G a global, becomes `op G, ...` (op: a pure op
 * with one output, or qemu_ld, which writes its output only once the access
 * succeeded) when the ops in between neither read nor write G or T and none
 * of them ends a block, may fault or calls (so nothing can see G early).
 * Front ends compute into a temp and then copy it to the guest register;
 * written directly, the backend computes in place (in a pinned global's
 * register: hot regions) instead of computing elsewhere and moving.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcg/tcg.h"
#include "include/coldbss.h"

/* Per temp: live after the current op (backward scan), read by some later
   op, and what kind of temp it is for this pass. */
static uint8_t live[TCG_MAX_TEMPS];
static uint8_t read_after[TCG_MAX_TEMPS];
/* Indexed by any 16-bit value, so that TEMP_NONE needs no bounds check:
   entries at and above nb_temps are never read for a real temp, and
   TEMP_NONE's stays 0. */
enum { UNTRACKED = 0, TR_GLOBAL = 1, TR_NORMAL = 2 };
static COLD_BSS uint8_t track[0x10000];
/* The normal temps whose read_after is set: at a block boundary they are all
   live, and walking this list instead of every temp of the TB (most of them
   constants) keeps the cost to what the TB reads. */
static uint16_t read_list[TCG_MAX_TEMPS];
static int nb_read;

/* Coalescing candidates (mov G, T) waiting for T's definition. */
#define MAX_PEND 8
typedef struct Pending {
    TCGOp *mov;
    uint64_t t, g;
    uint8_t g_live; /* live[G] just after the mov */
} Pending;
static Pending pend[MAX_PEND];
static int nb_pend;
/* Per temp: how many pendings name it (as T or G), so that an op touching
   none of them needs no look at the list. */
static COLD_BSS uint8_t pend_mark[0x10000];

static inline void pend_drop(int k)
{
    pend_mark[(uint16_t)pend[k].t]--;
    pend_mark[(uint16_t)pend[k].g]--;
    pend[k] = pend[--nb_pend];
}

static void pend_clear(void)
{
    while (nb_pend) {
        pend_drop(nb_pend - 1);
    }
}

/* ---- Flag globals (README "Dead flags") ----
 *
 * A global declared with tcg_global_flag is not simply live at every block
 * boundary: a backward dataflow over the TB's blocks finds, for each label
 * and each block-ending op, which flags some path still reads (before
 * overwriting them).  Paths end where the TB does: exit_tb and
 * lookup_and_goto have every flag live, except a region block's
 * exit-request exit, after which the exec loop resumes at that block's body
 * (TCGContext.resume_*: a jump there); goto_tb has every flag live but
 * those its c1 says the target overwrites first.  Ops that may fault and
 * helper calls that may touch globals read every flag (precise state).
 * flag_after[oi] is the result for op oi (block-ending ops and goto_tb):
 * the flags live just after it; the main scan uses it where it used to make
 * every global live. */
static COLD_BSS int8_t flag_bit[0x10000];          /* per temp: its flag bit, or -1 */
static uint32_t label_flags[TCG_MAX_LABELS]; /* flags live at each label */
static uint8_t label_seen[TCG_MAX_LABELS], label_early[TCG_MAX_LABELS];
static uint32_t *flag_after;               /* per op, see above */
static int flag_after_cap;

_Static_assert(TEMP_NONE == 0xffff, "track[] covers TEMP_NONE");
static inline unsigned tracked(uint64_t t)
{
    return track[(uint16_t)t];
}

/* Every global live.  Marks the fixed temps too: harmless, live[] is only
   consulted for tracked temps. */
static inline void globals_live(const TCGContext *s)
{
    memset(live, 1, (size_t)s->nb_globals);
}

static inline void note_read(uint64_t t)
{
    if (!read_after[t]) {
        read_after[t] = 1;
        if (track[t] == TR_NORMAL) {
            read_list[nb_read++] = (uint16_t)t;
        }
    }
}

static void normals_read_later_live(void)
{
    for (int i = 0; i < nb_read; i++) {
        live[read_list[i]] = 1;
    }
}

/* The temps read inside a loop: by an op between a label and a branch back
   to it, other than a region's block entries (tcg/translator.c: front ends
   keep no normal temp live from one block into another).  At
   every block boundary they count as live: a value carried around the loop
   is read again after the boundary although no op after it in op order
   reads it.  Other temps keep the read-later rule.  (Marking every temp of
   the TB instead made a region with one `rep cmpsw` spill every temp
   still in a register at each of its branches: gzip's i386 match loop.) */
static void mark_loop_reads(const TCGContext *s)
{
    static COLD_BSS int label_op[TCG_MAX_LABELS];
    uint64_t nl = (uint64_t)s->nb_labels;
    if (nl == 0) {
        return; /* (most TBs: no label, no loop) */
    }
    for (uint64_t l = 0; l < nl; l++) {
        label_op[l] = -1;
    }
    for (int oi = 0; oi < s->nb_ops; oi++) {
        const TCGOp *op = &s->ops[oi];
        uint64_t l = nl;
        if (op->opc == INDEX_op_set_label && op->args[0] < nl) {
            label_op[op->args[0]] = oi;
        } else if (op->opc == INDEX_op_br) {
            l = op->args[0];
        } else if (op->opc == INDEX_op_brcond) {
            l = op->args[3];
        }
        if (l >= nl || label_op[l] < 0 || tcg_is_block_label(s, l)) {
            continue;
        }
        for (int j = label_op[l]; j <= oi; j++) {
            const TCGOp *o = &s->ops[j];
            const TCGOpDef *def = &tcg_op_defs[o->opc];
            int nb_o = def->nb_oargs;
            int nb_i = o->opc == INDEX_op_call ? o->nargs : def->nb_iargs;
            for (int i = nb_o; i < nb_o + nb_i; i++) {
                if (tracked(o->args[i])) {
                    note_read(o->args[i]);
                }
            }
        }
    }
}

/* op (kept, before the pending movs in op order; flags as the main loop
   computed them) either defines a pending T -- it then writes G and the
   mov goes, live[] as if the mov had never been there -- or drops every
   pending it touches. */
static void coalesce_visit(TCGContext *s, TCGOp *op, unsigned flags, int nb_o, int nb_i)
{
    bool barrier = (flags & (OPF_BB | OPF_FAULT | OPF_CALL)) || op->opc == INDEX_op_goto_tb;
    if (barrier && op->opc != INDEX_op_qemu_ld) {
        pend_clear();
        return;
    }
    bool touched = false;
    for (int i = 0; i < nb_o + nb_i; i++) {
        touched |= pend_mark[(uint16_t)op->args[i]] != 0;
    }
    if (!touched) {
        if (barrier) { /* (qemu_ld) */
            pend_clear();
        }
        return; /* (every pending stays) */
    }
    bool def_ok = op->opc == INDEX_op_qemu_ld || (!barrier && !(flags & OPF_SIDE) && nb_o == 1);
    for (int k = 0; k < nb_pend;) {
        Pending *p = &pend[k];
        bool keep = !barrier, reads_t = false;
        for (int i = 0; i < nb_o + nb_i; i++) {
            if (op->args[i] == p->g || op->args[i] == p->t) {
                keep = false;
            }
            if (i >= nb_o && op->args[i] == p->t) {
                reads_t = true;
            }
        }
        if (def_ok && op->args[0] == p->t && !reads_t && s->temps[p->t].type == s->temps[p->g].type) {
            op->args[0] = p->g;
            p->mov->opc = INDEX_op_nop;
            live[p->t] = 0;
            live[p->g] = p->g_live;
            pend_clear(); /* (no other pending can involve op) */
            return;
        }
        if (keep) {
            k++;
        } else {
            pend_drop(k);
        }
    }
}

/* One backward pass of the flag dataflow; true when a label's set grew
   after a jump back to it had read the old one (another pass is needed). */
/* Fault-only flags (README): in a hot region with fault sites, a second
   run of the dataflow in which guest accesses do not read the flags gives
   flag_after_real[]; a flag live after a block boundary (flag_after) but
   not in that run is only there for a fault. */
static bool real_mode;
static uint32_t *flag_after_real;

static bool flags_pass(const TCGContext *s, uint32_t all)
{
    bool again = false;
    uint32_t cur = all; /* the end of the TB */
    int next_resume = s->nb_resume - 1, next_lookup = s->nb_lookup_kill - 1;
    memset(label_seen, 0, (size_t)s->nb_labels);
    memset(label_early, 0, (size_t)s->nb_labels);
    for (int oi = s->nb_ops - 1; oi >= 0; oi--) {
        const TCGOp *op = &s->ops[oi];
        unsigned opc = op->opc;
        const TCGOpDef *def = &tcg_op_defs[opc];
        uint64_t l;
        uint32_t fall; /* (brcond: the flags live on its fall-through) */
        switch (opc) {
        case INDEX_op_nop:
        case INDEX_op_insn_start:
            continue;
        case INDEX_op_discard: { /* a flag's value is dead from here: as a write */
            int b = flag_bit[(uint16_t)op->args[0]];
            if (b >= 0) {
                cur &= ~(1u << b);
            }
            continue;
        }
        case INDEX_op_set_label:
            l = op->args[0];
            if (label_flags[l] != cur && label_early[l]) {
                again = true;
            }
            label_flags[l] = cur;
            label_seen[l] = 1;
            flag_after[oi] = cur;
            continue;
        case INDEX_op_br:
        case INDEX_op_brcond:
            l = opc == INDEX_op_br ? op->args[0] : op->args[3];
            if (!label_seen[l]) {
                label_early[l] = 1;
            }
            fall = cur;
            cur = (opc == INDEX_op_br ? 0 : cur) | label_flags[l];
            /* (real run, brcond: the flags really read on both paths; one
               read on one path only can be a recipe too: computed on that
               path, in a branch stub or after the branch) */
            flag_after[oi] = real_mode && opc == INDEX_op_brcond ? fall & label_flags[l] : cur;
            break; /* brcond's inputs below */
        case INDEX_op_exit_tb:
            while (next_resume >= 0 && s->resume_op[next_resume] > oi) {
                next_resume--;
            }
            if (next_resume >= 0 && s->resume_op[next_resume] == oi) {
                l = s->resume_label[next_resume];
                if (!label_seen[l]) {
                    label_early[l] = 1;
                }
                cur = label_flags[l];
            } else {
                cur = all;
            }
            flag_after[oi] = cur;
            continue;
        case INDEX_op_lookup_and_goto:
            /* a region's direct exit past its goto_tb slots keeps the mask */
            while (next_lookup >= 0 && s->lookup_op[next_lookup] > oi) {
                next_lookup--;
            }
            cur = all;
            if (next_lookup >= 0 && s->lookup_op[next_lookup] == oi) {
                cur &= ~s->lookup_kill[next_lookup];
            }
            flag_after[oi] = cur;
            continue;
        case INDEX_op_goto_tb:
            cur = flag_after[oi] = all & ~(uint32_t)op->args[1];
            continue;
        default:
            break;
        }
        int nb_o = def->nb_oargs;
        int nb_i = opc == INDEX_op_call ? op->nargs : def->nb_iargs;
        bool reads_all = ((def->flags & OPF_FAULT) && !real_mode) || opc == INDEX_op_host_vec ||
                         (opc == INDEX_op_call && !(op->cflags & CALL_NO_RWG));
        if (opc == INDEX_op_call && reads_all) {
            cur = all; /* as the main scan: live after such a call */
        }
        for (int i = 0; i < nb_o; i++) {
            int b = flag_bit[(uint16_t)op->args[i]];
            if (b >= 0) {
                cur &= ~(1u << b);
            }
        }
        if (reads_all) {
            cur = all;
        }
        for (int i = nb_o; i < nb_o + nb_i; i++) {
            int b = flag_bit[(uint16_t)op->args[i]];
            if (b >= 0) {
                cur |= 1u << b;
            }
        }
    }
    return again;
}

/* The flag dataflow: fills flag_after[] (false: no flag globals, or no
   labels: then only goto_tb's c1 matters, which the main scan reads). */
static bool flags_dataflow(TCGContext *s, bool with_real)
{
    int nf = s->nb_flag_globals;
    if (nf == 0 || s->nb_labels == 0) {
        return false;
    }
    if (flag_after_cap < s->nb_ops) {
        free(flag_after);
        free(flag_after_real);
        flag_after_cap = s->max_ops > s->nb_ops ? s->max_ops : s->nb_ops;
        flag_after = malloc((size_t)flag_after_cap * sizeof(*flag_after));
        flag_after_real = malloc((size_t)flag_after_cap * sizeof(*flag_after_real));
        if (!flag_after || !flag_after_real) {
            fprintf(stderr, "mimic: liveness: out of memory\n");
            abort();
        }
    }
    uint32_t all = nf == 32 ? ~0u : (1u << nf) - 1;
    for (int run = with_real ? 0 : 1; run < 2; run++) {
        real_mode = run == 0;
        memset(label_flags, 0, (size_t)s->nb_labels * sizeof(label_flags[0]));
        /* Sets only grow: a pass per loop nesting level, about. */
        while (flags_pass(s, all)) {
        }
        if (real_mode) {
            uint32_t *t = flag_after;
            flag_after = flag_after_real;
            flag_after_real = t;
        }
    }
    real_mode = false;
    return true;
}

/* Flags not in mask are dead (after globals_live). */
static inline void flags_dead_except(const TCGContext *s, uint32_t mask)
{
    int nf = s->nb_flag_globals;
    uint32_t dead = ~mask & (nf == 32 ? ~0u : (1u << nf) - 1);
    while (dead) {
        live[s->flag_temp[__builtin_ctz(dead)]] = 0;
        dead &= dead - 1;
    }
}

/* The flags live now (the in-scan dataflow, below). */
static inline uint32_t flags_live_now(const TCGContext *s)
{
    uint32_t m = 0;
    for (int i = 0; i < s->nb_flag_globals; i++) {
        m |= (uint32_t)live[s->flag_temp[i]] << i;
    }
    return m;
}

/* The flag dataflow needs no pass of its own when no branch goes back to a
   label (and no region exit resumes at one): the backward main scan then
   meets every label before the branches to it, and the flags live at a
   label are simply live[] there.  Reads by ops the scan removes as dead do
   not count (a separate pass must count them).  label_flags[] as in
   flags_pass; flow_all is the mask of every flag. */
static bool in_scan_flags(const TCGContext *s)
{
    return s->nb_flag_globals && s->nb_labels && s->label_info_valid && !s->has_loop && !s->nb_block_labels &&
           !s->nb_resume && !s->nb_lookup_kill;
}

/* The flags live just after the block-ending op (or goto_tb) op, in the
   in-scan dataflow; called before the op changes live[]. */
static inline uint32_t in_scan_flags_after(const TCGContext *s, const TCGOp *op, uint32_t all)
{
    uint32_t fl;
    switch (op->opc) {
    case INDEX_op_set_label:
        fl = flags_live_now(s);
        label_flags[op->args[0]] = fl;
        return fl;
    case INDEX_op_br:
        return label_flags[op->args[0]];
    case INDEX_op_brcond:
        return label_flags[op->args[3]] | flags_live_now(s);
    case INDEX_op_goto_tb:
        return all & ~(uint32_t)op->args[1];
    default: /* exit_tb, lookup_and_goto */
        return all;
    }
}

/* The op's own part of the scan, once what is live just after it is
   settled: its outputs die before it, its inputs live at it (op->life
   says which die here), and a mov G, T becomes a coalescing candidate
   (g_live: live[G] after the mov). */
static inline void op_life(TCGContext *s, TCGOp *op, unsigned flags, int nb_o, int nb_i, uint8_t g_live)
{
    uint32_t life = 0;
    for (int i = 0; i < nb_o; i++) {
        uint64_t t = op->args[i];
        if (tracked(t)) {
            if (!live[t]) {
                life |= 1u << i;
            }
            live[t] = 0;
        }
    }
    /* State at the op: helpers read globals; a fault must see them. */
    if (flags & OPF_FAULT) {
        globals_live(s);
    }
    for (int i = nb_o; i < nb_o + nb_i; i++) {
        uint64_t t = op->args[i];
        if (tracked(t) && !live[t]) {
            life |= 1u << i;
        }
    }
    for (int i = nb_o; i < nb_o + nb_i; i++) {
        uint64_t t = op->args[i];
        if (tracked(t)) {
            live[t] = 1;
            note_read(t);
        }
    }
    op->life = life;
    if (op->opc == INDEX_op_mov && (life & 2) && nb_pend < MAX_PEND && tracked(op->args[0]) == TR_GLOBAL &&
        tracked(op->args[1]) == TR_NORMAL) {
        pend[nb_pend++] = (Pending){ op, op->args[1], op->args[0], g_live };
        pend_mark[(uint16_t)op->args[1]]++;
        pend_mark[(uint16_t)op->args[0]]++;
    }
}

/* Per opcode: nothing in the main scan's special cases applies (no call,
   host_vec, discard or goto_tb; does not end a block, may not fault), so
   the scan takes its short path (most ops: the arithmetic, moves, loads
   from env and stores to it). */
static uint8_t plain_op[NB_OPS];

static void plain_op_init(void)
{
    for (int opc = 0; opc < NB_OPS; opc++) {
        plain_op[opc] = !(tcg_op_defs[opc].flags & (OPF_BB | OPF_FAULT | OPF_CALL)) && opc != INDEX_op_call &&
                        opc != INDEX_op_host_vec && opc != INDEX_op_discard && opc != INDEX_op_goto_tb &&
                        opc != INDEX_op_nop && opc != INDEX_op_insn_start;
    }
}

/* Some output of op is read later (or untracked): the op is not dead code. */
static inline bool outputs_live(const TCGOp *op, int nb_o)
{
    for (int i = 0; i < nb_o; i++) {
        uint64_t t = op->args[i];
        if (t != TEMP_NONE && (!tracked(t) || live[t])) {
            return true;
        }
    }
    return false;
}

/* A flag op the backend can keep as a recipe (x86/lazyflags.c): setcond,
   subv, addv, mov, sub, add, and, or or xor on I32 whose inputs are read
   later (so they stay where the backend can find them until the recipe is
   used). */
/* A flag op of an add or sub whose operand args[k] (1 or 2) is lost at
   the op (the instruction overwrites its own source: `subs r1, #1`, `adds
   r2, #2`) can still be a recipe on the result r of that add or sub, the
   op just before it (over its other flag ops):
     TCG_REBASE_ASUM  setcond or subv on (a, b) after sub r, a, b, a lost:
                      on (r, b) with a = r + b (the backend's LZ_ASUM);
     TCG_REBASE_SUBV  addv on (a, b) after add r, a, b (or b, a), either
                      lost: subv on (r, other): r - other = the lost one,
                      and overflows exactly when a + b does;
     TCG_REBASE_B     setcond ltu on (r, a) after add r, a, y (or y, a), a
                      lost: on (r, y) (an add carries iff r < a iff r < y).
   *na and *nb get the new operands. */
int tcg_flag_rebase(const TCGContext *s, const TCGOp *op, int k, uint16_t *na, uint16_t *nb)
{
    unsigned opc = op->opc;
    uint64_t a = op->args[1], b = op->args[2];
    if (op->type != TCG_I32 || a == b ||
        (opc != INDEX_op_setcond && opc != INDEX_op_subv && opc != INDEX_op_addv)) {
        return TCG_REBASE_NONE;
    }
    for (const TCGOp *p = op - 1; p >= s->ops && op - p <= 4; p--) {
        if (p->opc == INDEX_op_setcond || p->opc == INDEX_op_subv || p->opc == INDEX_op_addv ||
            p->opc == INDEX_op_nop) {
            continue;
        }
        if ((p->opc != INDEX_op_add && p->opc != INDEX_op_sub) || p->type != TCG_I32) {
            return TCG_REBASE_NONE;
        }
        uint64_t r = p->args[0], x = p->args[1], y = p->args[2];
        if (r == x || r == y) {
            return TCG_REBASE_NONE;
        }
        if (p->opc == INDEX_op_sub) {
            if (opc != INDEX_op_addv && k == 1 && x == a && y == b) {
                *na = (uint16_t)r;
                *nb = (uint16_t)b;
                return TCG_REBASE_ASUM;
            }
            return TCG_REBASE_NONE;
        }
        if (opc == INDEX_op_addv && ((x == a && y == b) || (x == b && y == a))) {
            *na = (uint16_t)r;
            *nb = (uint16_t)(k == 1 ? b : a);
            return TCG_REBASE_SUBV;
        }
        if (opc == INDEX_op_setcond && op->args[3] == TCG_COND_LTU && k == 2 && a == r && (x == b || y == b)) {
            *na = (uint16_t)r;
            *nb = (uint16_t)(x == b ? y : x);
            return TCG_REBASE_B;
        }
        return TCG_REBASE_NONE;
    }
    return TCG_REBASE_NONE;
}

static bool lazy_candidate(const TCGContext *s, const TCGOp *op)
{
    unsigned opc = op->opc;
    bool two = opc == INDEX_op_subv || opc == INDEX_op_addv || opc == INDEX_op_sub || opc == INDEX_op_add ||
               opc == INDEX_op_and || opc == INDEX_op_or || opc == INDEX_op_xor ||
               (opc == INDEX_op_setcond && op->args[3] > TCG_COND_ALWAYS);
    if (op->type != TCG_I32 || !(two || opc == INDEX_op_mov)) {
        return false;
    }
    int lost = 0;
    for (int i = 1; i <= (two ? 2 : 1); i++) {
        uint64_t t = op->args[i];
        if (t == op->args[0]) {
            return false;
        }
        if (tracked(t) && !live[t]) {
            if (lost) {
                return false;
            }
            lost = i;
        }
    }
    if (!lost) {
        return true;
    }
    /* (the backend makes the same rebase: x86/lazyflags.c ra_lazy_op) */
    uint16_t na, nb;
    if (tcg_flag_rebase(s, op, lost, &na, &nb) == TCG_REBASE_NONE) {
        return false;
    }
    return na != op->args[0] && nb != op->args[0] && !(tracked(na) && !live[na]) && !(tracked(nb) && !live[nb]);
}

void tcg_liveness(TCGContext *s)
{
    pend_clear();
    int nt = s->nb_temps;
    memset(live, 0, (size_t)nt);
    memset(read_after, 0, (size_t)nt);
    nb_read = 0;
    /* The globals' entries only change with the set of globals. */
    static const TCGContext *tracked_ctx;
    static uint32_t tracked_gen;
    static int tracked_n = -1;
    int first = 0;
    if (tracked_ctx == s && tracked_gen == s->globals_gen && tracked_n == s->nb_globals) {
        first = s->nb_globals;
    }
    for (int i = first; i < nt; i++) {
        uint8_t k = s->temps[i].kind;
        track[i] = k == TEMP_NORMAL ? TR_NORMAL : k == TEMP_GLOBAL ? TR_GLOBAL : UNTRACKED;
        flag_bit[i] = -1;
    }
    if (first == 0) {
        flag_bit[TEMP_NONE] = -1;
        for (int i = 0; i < s->nb_flag_globals; i++) {
            flag_bit[s->flag_temp[i]] = (int8_t)i;
        }
    }
    tracked_ctx = s;
    tracked_gen = s->globals_gen;
    tracked_n = s->nb_globals;
    /* (the optimizer's label scan, when it ran, says whether there is a loop) */
    if (!s->label_info_valid || s->has_loop) {
        mark_loop_reads(s);
    }
    bool in_scan = in_scan_flags(s);
    int nf = s->nb_flag_globals;
    uint32_t all_flags = nf == 32 ? ~0u : (1u << nf) - 1;
    if (in_scan) {
        for (int l = 0; l < s->nb_labels; l++) {
            label_flags[l] = all_flags; /* (every label is seen first) */
        }
    }
    bool lazy = !in_scan && nf && s->region_mode && s->fault_sites_on && s->lazy_flags_on;
    bool flow = !in_scan && flags_dataflow(s, lazy);
    lazy = lazy && flow;
    /* (in-scan: label_flags[] is filled as the scan meets the labels) */
    s->label_flags_live = label_flags;
    s->label_flags_valid = flow || in_scan;
    /* Flags live only because a guest access later may fault (lazy mode):
       their writer can be a recipe (LIFE_LAZY; README "Fault-only flags"). */
    uint32_t fault_only = 0;
    /* Flags dead at a block boundary thanks to the dataflow (and not
       written or read since, in this backward scan): for -d stats. */
    uint32_t flow_dead = 0;
    /* (counted only under -d stats) */
    uint32_t stat_mask = (s->log_mask & LOG_STATS) ? ~0u : 0;
    globals_live(s); /* end of the TB */

    static bool plain_ready;
    if (!plain_ready) {
        plain_op_init();
        plain_ready = true;
    }
    for (TCGOp *op = s->ops + s->nb_ops - 1; op >= s->ops; op--) {
        unsigned opc = op->opc;
        op->life = 0;
        if (opc == INDEX_op_nop || opc == INDEX_op_insn_start) {
            continue;
        }
        const TCGOpDef *def = &tcg_op_defs[opc];
        unsigned flags = def->flags;
        if (plain_op[opc] && !flow_dead && !fault_only) {
            /* The short path: the general one below, less what cannot
               apply to such an op. */
            int nb_o = def->nb_oargs, nb_i = def->nb_iargs;
            if (!(flags & OPF_SIDE)) {
                if (!outputs_live(op, nb_o)) {
                    op->opc = INDEX_op_nop;
                    continue;
                }
            }
            if (nb_pend) {
                coalesce_visit(s, op, flags, nb_o, nb_i);
            }
            uint8_t g_live = opc == INDEX_op_mov ? live[op->args[0]] : 0;
            op_life(s, op, flags, nb_o, nb_i, g_live);
            continue;
        }
        bool is_call = opc == INDEX_op_call;
        int nb_o = def->nb_oargs;
        int nb_i = is_call ? op->nargs : def->nb_iargs;
        /* host_vec reads globals from env (those overlapping its sources):
           every global is live there, as at a fault. */
        if (opc == INDEX_op_host_vec) {
            flags |= OPF_FAULT;
        }
        /* Helper calls that may touch globals read them (and a fault must
           see them): the same as a fault for what is live. */
        if (is_call) {
            if (op->cflags & CALL_PURE) {
                flags &= ~(unsigned)OPF_SIDE;
            }
            if (!(op->cflags & CALL_NO_RWG)) {
                flags |= OPF_FAULT;
            }
        }

        if (opc == INDEX_op_discard) {
            if (tracked(op->args[0])) {
                live[op->args[0]] = 0;
            }
            if (nb_pend) {
                coalesce_visit(s, op, 0, 0, 1);
            }
            continue;
        }

        /* Dead code: no side effects and nothing reads the outputs. */
        if (!(flags & OPF_SIDE)) {
            if (!outputs_live(op, nb_o)) {
                if (flow_dead) {
                    for (int i = 0; i < nb_o; i++) {
                        int b = flag_bit[(uint16_t)op->args[i]];
                        if (b >= 0 && (flow_dead & (1u << b))) {
                            s->stat_flag_writes_removed++;
                        }
                    }
                }
                op->opc = INDEX_op_nop;
                continue;
            }
        }

        if (nb_pend) {
            coalesce_visit(s, op, flags, nb_o, nb_i);
        }
        /* A candidate mov G, T: live[G] after it, before it is cleared. */
        uint8_t g_live = opc == INDEX_op_mov ? live[op->args[0]] : 0;

        /* State just after the op. */
        uint32_t scan_fl = 0;
        if (in_scan && ((flags & OPF_BB) || opc == INDEX_op_goto_tb)) {
            scan_fl = in_scan_flags_after(s, op, all_flags);
        }
        if (flags & OPF_BB) {
            globals_live(s);
            normals_read_later_live();
        }
        if (opc == INDEX_op_goto_tb || (is_call && (flags & OPF_FAULT))) {
            globals_live(s);
        }
        if ((flow || in_scan) && ((flags & OPF_BB) || opc == INDEX_op_goto_tb)) {
            uint32_t fl = in_scan ? scan_fl : flag_after[op - s->ops];
            flags_dead_except(s, fl);
            fault_only = lazy ? fl & ~flag_after_real[op - s->ops] : 0;
            flow_dead = ~fl & stat_mask;
        } else if (opc == INDEX_op_goto_tb && op->args[1]) {
            /* (a TB without labels: no dataflow, the target says it) */
            flags_dead_except(s, ~(uint32_t)op->args[1]);
            flow_dead = (uint32_t)op->args[1] & stat_mask;
        } else if (flags & OPF_BB) {
            flow_dead = 0;
        }
        if (flow_dead) {
            for (int i = 0; i < nb_o + nb_i; i++) {
                int b = flag_bit[(uint16_t)op->args[i]];
                if (b >= 0) {
                    flow_dead &= ~(1u << b);
                }
            }
            if (flags & OPF_FAULT) {
                flow_dead = 0;
            }
        }
        bool lazy_op = false;
        if (fault_only && nb_o == 1) {
            int b = flag_bit[(uint16_t)op->args[0]];
            if (b >= 0 && (fault_only & (1u << b))) {
                lazy_op = lazy_candidate(s, op);
                /* A mov F, T whose T dies here may be coalesced into T's
                   op (which then writes F): that op decides.  (Keeping the
                   bit past a real write is harmless: an earlier write of F
                   is then dead, or read only by a fault in between.) */
                bool coalescable = opc == INDEX_op_mov && tracked(op->args[1]) == TR_NORMAL && !live[op->args[1]];
                if (lazy_op || !coalescable) {
                    fault_only &= ~(1u << b);
                }
            }
        }
        if (flags & OPF_FAULT) {
            if (lazy && (def->flags & OPF_FAULT)) { /* a guest access: flags for it only */
                for (int i = 0; i < nf; i++) {
                    fault_only |= (uint32_t)!live[s->flag_temp[i]] << i;
                }
            } else {
                fault_only = 0; /* (a helper reads them all) */
            }
        }
        op_life(s, op, flags, nb_o, nb_i, g_live);
        if (lazy_op) {
            op->life |= LIFE_LAZY;
        }
        for (int i = nb_o; fault_only && i < nb_o + nb_i; i++) {
            int b = flag_bit[(uint16_t)op->args[i]];
            if (b >= 0) {
                fault_only &= ~(1u << b); /* really read */
            }
        }
    }
}
