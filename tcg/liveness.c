/*
 * Liveness: one backward pass over the ops of a TB.
 *
 * Fills op->life (bit n set = the value of args[n] is dead after this op; for
 * an output it means nobody reads what the op wrote) and turns ops without
 * side effects whose outputs are all dead into nops.
 *
 * Globals are live at the end of the TB, at every basic-block boundary
 * (OPF_BB), at goto_tb, at every op that may fault (guest state must be
 * precise there) and at every helper call that may read globals.  Normal
 * temps may live across labels inside a TB; at a block boundary we treat
 * every normal temp that is read anywhere later in the TB as live.  That is
 * conservative and correct for forward branches.  When the TB has a backward
 * branch, every normal temp read anywhere in the TB counts as live at every
 * block boundary instead (correct for loops, still simple).  Jumps between
 * the blocks of a hot region do not count: no normal temp crosses them.
 */
#include <string.h>

#include "tcg/tcg.h"

static uint8_t live[TCG_MAX_TEMPS];
static uint8_t read_after[TCG_MAX_TEMPS];
static uint8_t is_tracked[TCG_MAX_TEMPS]; /* per TB: normal or global temp */

/* TEMP_NONE (0xffff) is never below nb_temps (at most TCG_MAX_TEMPS). */
_Static_assert(TEMP_NONE >= TCG_MAX_TEMPS, "TEMP_NONE must not be a temp index");
static inline bool tracked(const TCGContext *s, uint64_t t)
{
    return t < (uint64_t)s->nb_temps && is_tracked[t];
}

/* Every global live.  Marks the fixed temps too: harmless, live[] is only
   consulted for tracked temps. */
static void globals_live(const TCGContext *s)
{
    memset(live, 1, (size_t)s->nb_globals);
}

static void normals_read_later_live(const TCGContext *s)
{
    for (int i = s->nb_globals; i < s->nb_temps; i++) {
        live[i] |= read_after[i];
    }
}

/* A region's block entry (tcg/translator.c): front ends keep no normal
   temp live from one block into another, so a jump back to one is no
   reason to keep every temp alive. */
static bool is_block_label(const TCGContext *s, uint64_t l)
{
    for (int i = 0; i < s->nb_block_labels; i++) {
        if (s->block_labels[i] == l) {
            return true;
        }
    }
    return false;
}

/* True if some br/brcond jumps back to a label set before it (other than a
   region's block entries). */
static bool has_backward_branch(const TCGContext *s)
{
    static uint8_t seen[TCG_MAX_LABELS];
    uint64_t nl = (uint64_t)s->nb_labels;
    if (nl == 0) {
        return false;
    }
    memset(seen, 0, nl);
    for (int oi = 0; oi < s->nb_ops; oi++) {
        const TCGOp *op = &s->ops[oi];
        uint64_t l = nl;
        if (op->opc == INDEX_op_set_label && op->args[0] < nl) {
            seen[op->args[0]] = 1;
        } else if (op->opc == INDEX_op_br) {
            l = op->args[0];
        } else if (op->opc == INDEX_op_brcond) {
            l = op->args[3];
        }
        if (l < nl && seen[l] && !is_block_label(s, l)) {
            return true;
        }
    }
    return false;
}

/* Every temp read by some op (for TBs with loops). */
static void mark_all_reads(const TCGContext *s)
{
    for (int oi = 0; oi < s->nb_ops; oi++) {
        const TCGOp *op = &s->ops[oi];
        const TCGOpDef *def = &tcg_op_defs[op->opc];
        int nb_o = def->nb_oargs;
        int nb_i = op->opc == INDEX_op_call ? op->nargs : def->nb_iargs;
        for (int i = nb_o; i < nb_o + nb_i; i++) {
            if (tracked(s, op->args[i])) {
                read_after[op->args[i]] = 1;
            }
        }
    }
}

void tcg_liveness(TCGContext *s)
{
    memset(live, 0, (size_t)s->nb_temps);
    memset(read_after, 0, (size_t)s->nb_temps);
    /* The globals' entries only change with the set of globals. */
    static const TCGContext *tracked_ctx;
    static uint32_t tracked_gen;
    static int tracked_n = -1;
    int first = 0;
    if (tracked_ctx == s && tracked_gen == s->globals_gen && tracked_n == s->nb_globals) {
        first = s->nb_globals;
    }
    for (int i = first; i < s->nb_temps; i++) {
        uint8_t k = s->temps[i].kind;
        is_tracked[i] = k == TEMP_NORMAL || k == TEMP_GLOBAL;
    }
    tracked_ctx = s;
    tracked_gen = s->globals_gen;
    tracked_n = s->nb_globals;
    if (has_backward_branch(s)) {
        mark_all_reads(s);
    }
    globals_live(s); /* end of the TB */

    for (int oi = s->nb_ops - 1; oi >= 0; oi--) {
        TCGOp *op = &s->ops[oi];
        const TCGOpDef *def = &tcg_op_defs[op->opc];
        bool is_call = op->opc == INDEX_op_call;
        int nb_o = def->nb_oargs;
        int nb_i = is_call ? op->nargs : def->nb_iargs;
        op->life = 0;

        if (op->opc == INDEX_op_nop || op->opc == INDEX_op_insn_start) {
            continue;
        }
        if (op->opc == INDEX_op_discard) {
            if (tracked(s, op->args[0])) {
                live[op->args[0]] = 0;
            }
            continue;
        }

        /* Dead code: no side effects and nothing reads the outputs. */
        bool side = (def->flags & OPF_SIDE) != 0;
        if (is_call && (op->cflags & CALL_PURE)) {
            side = false;
        }
        if (!side) {
            bool any_live = false;
            for (int i = 0; i < nb_o; i++) {
                uint64_t t = op->args[i];
                if (t != TEMP_NONE && (!tracked(s, t) || live[t])) {
                    any_live = true;
                }
            }
            if (!any_live) {
                op->opc = INDEX_op_nop;
                continue;
            }
        }

        /* State just after the op. */
        if (def->flags & OPF_BB) {
            globals_live(s);
            normals_read_later_live(s);
        }
        if (op->opc == INDEX_op_goto_tb || (is_call && !(op->cflags & CALL_NO_RWG))) {
            globals_live(s);
        }

        uint32_t life = 0;
        for (int i = 0; i < nb_o; i++) {
            uint64_t t = op->args[i];
            if (tracked(s, t)) {
                if (!live[t]) {
                    life |= 1u << i;
                }
                live[t] = 0;
            }
        }
        /* State at the op: helpers read globals; a fault must see them. */
        if ((def->flags & OPF_FAULT) || (is_call && !(op->cflags & CALL_NO_RWG))) {
            globals_live(s);
        }
        for (int i = nb_o; i < nb_o + nb_i; i++) {
            uint64_t t = op->args[i];
            if (tracked(s, t) && !live[t]) {
                life |= 1u << i;
            }
        }
        for (int i = nb_o; i < nb_o + nb_i; i++) {
            uint64_t t = op->args[i];
            if (tracked(s, t)) {
                live[t] = 1;
                read_after[t] = 1;
            }
        }
        op->life = life;
    }
}
