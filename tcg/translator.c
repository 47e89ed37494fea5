/*
 * The generic translation loop and code fetch (translator.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "translator.h"
#include "tcg-op.h"
#include "cpu-common.h"
#include "guest.h"
#include "target.h"

static inline uint32_t page_no(uint32_t a) { return (a >> GUEST_PAGE_BITS) + 1; }

/* The generated call of a fetch fault: the state of the faulting
   instruction's insn_start record, then EXCP_FETCH_FAULT at addr. */
static void helper_fetch_fault(CPUCommon *env, uint32_t addr, uint32_t w0, uint32_t w1, uint32_t w2)
{
    const uint32_t words[TCG_MAX_INSN_WORDS] = { w0, w1, w2 };
    env->target->restore_state(env, words);
    env->exception_arg = addr;
    env->exception = EXCP_FETCH_FAULT;
}

/* Slow path of the fetch check: a byte on a page other than the last one
   fetched from, or a fetch that crosses pages.  Leaves translate_insn
   through db->fault_jmp when the guest cannot read a byte. */
__attribute__((noinline)) void translator_fetch_slow(DisasContextBase *db, uint32_t pc, uint32_t len)
{
    for (uint32_t i = 0; i < len; i++) {
        uint32_t a = pc + i;
        uint32_t p = page_no(a);
        if (p == db->ok_page[0])
            continue;
        if (p != db->ok_page[1] && !(page_get_flags(a) & guest_fetch_flag)) {
            db->fault_addr = a;
            longjmp(*db->fault_jmp, 1);
        }
        /* Most recent page first: the inline check looks at [0] only. */
        db->ok_page[1] = db->ok_page[0];
        db->ok_page[0] = p;
    }
    uint32_t last = pc + len - 1;
    if (last >= db->fetch_end)
        db->fetch_end = last + 1;
}

/* The generated call at a debugger breakpoint: the state of the
   instruction's insn_start record, then EXCP_DEBUG (pc is the breakpoint). */
static void helper_debug_stop(CPUCommon *env, uint32_t w0, uint32_t w1, uint32_t w2)
{
    const uint32_t words[TCG_MAX_INSN_WORDS] = { w0, w1, w2 };
    env->target->restore_state(env, words);
    env->exception = EXCP_DEBUG;
}

/* ---- debugger breakpoints ---- */

/* Guest pcs where translated code stops with EXCP_DEBUG before the
   instruction.  Changed only while every other thread is outside
   generated code (the gdbstub holds an exclusive section), read by the
   translator under tb_lock. */
#define MAX_BPS 64
static uint32_t bp_pcs[MAX_BPS];
static int nb_bps;

static bool bp_at(uint32_t pc)
{
    for (int i = 0; i < nb_bps; i++)
        if (bp_pcs[i] == pc)
            return true;
    return false;
}

bool translator_bp_insert(uint32_t pc)
{
    if (bp_at(pc))
        return true;
    if (nb_bps == MAX_BPS)
        return false;
    bp_pcs[nb_bps++] = pc;
    tb_invalidate_range(pc, pc + 1); /* retranslated with the stop */
    return true;
}

bool translator_bp_remove(uint32_t pc)
{
    for (int i = 0; i < nb_bps; i++)
        if (bp_pcs[i] == pc) {
            bp_pcs[i] = bp_pcs[--nb_bps];
            tb_invalidate_range(pc, pc + 1);
            return true;
        }
    return false;
}

void translator_bp_remove_all(void)
{
    while (nb_bps)
        translator_bp_remove(bp_pcs[0]);
}

/* The record of the current instruction's insn_start. */
/* A TB that depends on more than its guest bytes (a breakpoint, an
   unreadable page) must not go to the persistent cache. */
static void c_uncacheable(void) { tcg_ctx.pc_uncacheable = true; }

static void insn_start_words(DisasContextBase *db, uint32_t w[TCG_MAX_INSN_WORDS])
{
    TCGContext *c = &tcg_ctx;
    int k0 = db->mark_ops - 1; /* the insn_start hook's last op ... */
    while (c->ops[k0].opc != INDEX_op_insn_start)
        k0--; /* ... or before it: the record */
    for (int k = 0; k < TCG_MAX_INSN_WORDS; k++)
        w[k] = (uint32_t)c->ops[k0].args[k];
}

/* The current instruction is a breakpoint: it becomes the stop. */
static void gen_debug_stop(DisasContextBase *db)
{
    uint32_t w[TCG_MAX_INSN_WORDS];
    insn_start_words(db, w);
    tcg_gen_call(helper_debug_stop, CALL_RW_GLOBALS, TCG_I32, TEMP_NONE, tcg_env,
                 tcg_constant_i32(w[0]), tcg_constant_i32(w[1]), tcg_constant_i32(w[2]));
    tcg_gen_exit_tb(NULL, 0);
    db->is_jmp = DISAS_NORETURN;
    c_uncacheable();
}

/* The current instruction could not be fetched: replace its IR by the
   fault (see translator.h). */
static void gen_fetch_fault(DisasContextBase *db)
{
    TCGContext *c = &tcg_ctx;
    int k0 = db->mark_ops - 1; /* the insn_start hook's last op ... */
    while (c->ops[k0].opc != INDEX_op_insn_start)
        k0--; /* ... or before it: the record */
    const TCGOp *is = &c->ops[k0];
    uint32_t w[TCG_MAX_INSN_WORDS];
    for (int k = 0; k < TCG_MAX_INSN_WORDS; k++)
        w[k] = (uint32_t)is->args[k];
    c->nb_ops = db->mark_ops;
    c->nb_temps = db->mark_temps;
    c->nb_labels = db->mark_labels;
    tcg_gen_call(helper_fetch_fault, CALL_RW_GLOBALS, TCG_I32, TEMP_NONE, tcg_env,
                 tcg_constant_i32(db->fault_addr), tcg_constant_i32(w[0]), tcg_constant_i32(w[1]),
                 tcg_constant_i32(w[2]));
    tcg_gen_exit_tb(NULL, 0);
    db->is_jmp = DISAS_NORETURN;
    c_uncacheable();
}

void translator_loop(const TranslatorOps *ops, DisasContextBase *db, TranslationBlock *tb,
                     int max_insns)
{
    TCGContext *c = &tcg_ctx;
    jmp_buf jb;

    db->tb = tb;
    db->pc_first = tb->pc;
    db->pc_next = tb->pc;
    db->is_jmp = DISAS_NEXT;
    db->num_insns = 0;
    db->max_insns = max_insns > 0 ? max_insns : 1;
    db->big_endian = c->guest_big_endian;
    db->fetch_end = tb->pc;
    db->ok_page[0] = db->ok_page[1] = 0;
    db->fault_jmp = &jb;

    ops->init_disas_context(db);
    ops->tb_start(db);
    /* Everything the loop changes after this point lives in *db (memory),
       so it is intact after the longjmp of a fetch fault. */
    if (setjmp(jb)) {
        gen_fetch_fault(db);
        uint32_t end = db->fault_addr + 1;
        tb->size = end > tb->pc ? end - tb->pc : 1;
        tb->icount = (uint16_t)db->num_insns;
        return;
    }
    for (;;) {
        db->num_insns++;
#ifdef CONFIG_DEBUG_TCG
        int first = c->nb_ops;
#endif
        ops->insn_start(db);
#ifdef CONFIG_DEBUG_TCG
        if (c->nb_ops <= first || c->ops[first].opc != INDEX_op_insn_start) {
            fprintf(stderr, "mimic: translator: insn_start hook emitted no insn_start first\n");
            abort();
        }
#endif
        db->mark_ops = c->nb_ops;
        db->mark_temps = c->nb_temps;
        db->mark_labels = c->nb_labels;
        if (__builtin_expect(nb_bps != 0, 0) && bp_at(db->pc_next)) {
            gen_debug_stop(db); /* tb_stop is not called: the exit is emitted */
            uint32_t end = db->pc_next + 1;
            if (db->fetch_end > end)
                end = db->fetch_end;
            tb->size = end - tb->pc; /* covers the breakpoint (invalidation) */
            tb->icount = (uint16_t)db->num_insns;
            return;
        }
        ops->translate_insn(db);
        if (db->is_jmp != DISAS_NEXT)
            break;
        /* The next instruction would start on another page than the
           first, or the TB is full: chain to it. */
        if (db->num_insns >= db->max_insns ||
            ((db->pc_next ^ db->pc_first) & GUEST_PAGE_MASK) != 0) {
            db->is_jmp = DISAS_TOO_MANY;
            break;
        }
    }
    ops->tb_stop(db);
    uint32_t end = db->fetch_end > db->pc_next ? db->fetch_end : db->pc_next;
    tb->size = end - tb->pc;
    tb->icount = (uint16_t)db->num_insns;
}
