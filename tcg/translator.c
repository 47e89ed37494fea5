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

bool translator_continues_to(const DisasContextBase *db, uint32_t pc)
{
    return db->num_insns < db->max_insns && ((pc ^ db->pc_first) & GUEST_PAGE_MASK) == 0 &&
           !(nb_bps != 0 && bp_at(pc));
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

static void region_loop(const TranslatorOps *ops, DisasContextBase *db, TranslationBlock *tb);
static void translate_block(const TranslatorOps *ops, DisasContextBase *db, TranslationBlock *tb,
                            int max_insns, uint32_t entry);

/* Guest code bytes past the TB's own that the translation depends on: the
   starts of jump targets whose dead flags it used (jump_flags).  The TB's
   covered range grows to include them, so that writing them drops it.
   dep_hi == 0: none. */
static uint32_t dep_lo, dep_hi;
static uint32_t region_head_pc(void);
static bool region_crowded(int part);

void translator_loop(const TranslatorOps *ops, DisasContextBase *db, TranslationBlock *tb,
                     int max_insns)
{
    dep_lo = dep_hi = 0;
    if (tcg_ctx.region_mode) {
        region_loop(ops, db, tb);
        return;
    }
    translate_block(ops, db, tb, max_insns, 0);
    /* (jump_flags takes only targets at or after tb->pc for a plain TB:
       tb->lo stays its pc, which the persistent cache relies on) */
    if (dep_hi > tb->pc + tb->size) {
        uint32_t own_end = tb->pc + tb->size;
        if (dep_lo > own_end) { /* the bytes between are no input */
            tcg_ctx.pc_hole_off = own_end - tb->pc;
            tcg_ctx.pc_hole_len = dep_lo - own_end;
        }
        tb->size = dep_hi - tb->pc;
    }
}

/* The flags a direct jump's target overwrites before reading them
   (TargetOps.flags_killed), into tcg_ctx.goto_kill for the goto_tb that
   follows.  Only for targets on the pages the TB covers anyway (the
   head's page and the next; for a plain TB at or after its pc), on
   readable pages that are not self-checked: the TB then covers the bytes
   decoded, so that self-modifying code, munmap and cache flushes that
   change them drop it with the target. */
static void jump_flags(DisasContextBase *db, uint32_t dest, uint32_t cs_base, uint32_t flags)
{
    TCGContext *c = &tcg_ctx;
    c->goto_kill = 0;
    if (!c->flags_killed)
        return;
    uint32_t base = c->region_mode ? region_head_pc() : db->tb->pc;
    uint64_t page0 = base & GUEST_PAGE_MASK, lim = page0 + 2 * (uint64_t)GUEST_PAGE_SIZE;
    if (dest < page0 || dest >= lim || (!c->region_mode && dest < base))
        return;
    uint8_t buf[32];
    uint32_t avail = lim - dest < sizeof buf ? (uint32_t)(lim - dest) : (uint32_t)sizeof buf;
    /* Stop at the first page the guest cannot read. */
    for (uint32_t a = dest; a - dest < avail; a = (a & GUEST_PAGE_MASK) + GUEST_PAGE_SIZE) {
        if (!(page_get_flags(a) & guest_fetch_flag)) {
            avail = a - dest;
            break;
        }
        if (page_is_selfchecked(a))
            return;
        if ((a & GUEST_PAGE_MASK) + GUEST_PAGE_SIZE == 0)
            break;
    }
    if (avail == 0)
        return;
    memcpy(buf, g2h(dest), avail);
    uint32_t used = 0;
    uint32_t kill = c->flags_killed(buf, avail, dest, cs_base, flags, &used);
    if (!kill || used == 0 || used > avail)
        return;
    if (dep_hi == 0 || dest < dep_lo)
        dep_lo = dest;
    if (dest + used > dep_hi)
        dep_hi = dest + used;
    c->goto_kill = kill;
}

/* The ops of the instruction just translated (from first) write guest memory. */
static bool insn_stores(int first)
{
    for (int i = first; i < tcg_ctx.nb_ops; i++)
        if (tcg_ctx.ops[i].opc == INDEX_op_qemu_st || tcg_ctx.ops[i].opc == INDEX_op_cmpxchg)
            return true;
    return false;
}

/* One guest block into the current IR: the classic TB. */
static void translate_block(const TranslatorOps *ops, DisasContextBase *db, TranslationBlock *tb,
                            int max_insns, uint32_t entry)
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
    if (entry)
        ops->entry_state(db, entry);
    /* On a self-checked page (core/page.c) a store may rewrite this very
       block without a fault: the block ends after every store, and the
       next one is checked before it runs. */
    bool end_after_store = page_is_selfchecked(tb->pc);
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
        if (end_after_store && insn_stores(db->mark_ops)) {
            db->is_jmp = DISAS_TOO_MANY;
            break;
        }
        /* The next instruction would start on another page than the
           first, or the TB is full: chain to it. */
        if (db->num_insns >= db->max_insns || ((db->pc_next ^ db->pc_first) & GUEST_PAGE_MASK) != 0 ||
            (c->region_mode && region_crowded(2))) {
            db->is_jmp = DISAS_TOO_MANY;
            break;
        }
    }
    ops->tb_stop(db);
    uint32_t end = db->fetch_end > db->pc_next ? db->fetch_end : db->pc_next;
    tb->size = end - tb->pc;
    tb->icount = (uint16_t)db->num_insns;
}

/* ---- hot regions ------------------------------------------------------------
 *
 * A region is one TB made of several guest blocks that jump to each other
 * directly: the loop a hot back-edge closes and whatever it reaches by
 * direct branches on the head's page.  Its blocks are translated one after
 * the other into one IR function; a jump between two of them is a branch
 * inside the TB (translator_jump), so guest registers stay in host registers
 * (the pinned globals, tcg/x86/regalloc.c) and the loop's back-edge is a
 * plain host jump.  Every block starts with an exit-request check (entered
 * by jumps to blocks emitted earlier, so every cycle has one); jumps to
 * blocks not emitted yet skip it.  Exits to code outside the region take
 * the TB's two goto_tb slots in order, then lookup_and_goto.
 *
 * How a region starts: a block whose direct jump goes backwards on its own
 * page counts executions of that edge in CPUCommon.hot_ctr (inline IR:
 * load, decrement, store, branch).  When the count runs out, a helper asks
 * for a region (CPUCommon.region_wanted) and sets exit_request: the exec
 * loop builds the region for the key it finds next (the loop head) and it
 * replaces the head's TB (tcg/tb.c, tb_lookup_region).
 */

#define REGION_MAX_BLOCKS TCG_MAX_REGION_BLOCKS
#define REGION_BLOCK_INSNS 64
_Static_assert(REGION_MAX_BLOCKS <= 64, "RegionBlock.succ is a 64-bit set");

typedef struct RegionBlock {
    uint32_t pc, cs_base, flags;
    TCGLabel check, body;
    bool emitted;
    bool exits;            /* a direct jump of it leaves the region */
    uint32_t entry;        /* the front end's state every jump into it leaves (0: none) */
    uint64_t succ;         /* the blocks of the region it jumps to (bits) */
    int callee;            /* the head of the innermost callee it is in (a block a followed call jumps to), or -1 */
    int first_op;          /* its IR: ops [first_op, next block's first_op) */
    TranslationBlock fake; /* the block's key for the front end (db->tb) */
} RegionBlock;

/* Per block: its exit-request exit, after the last block. */
static TCGLabel reg_exit[REGION_MAX_BLOCKS];

static struct {
    const TranslatorOps *ops;
    TranslationBlock *tb;  /* the region TB (the head's key) */
    RegionBlock b[REGION_MAX_BLOCKS];
    int nb;
    int cur;               /* the block being translated */
    int free;              /* instructions no block has claimed: new blocks take one */
} reg;

/* Calls a region does not follow.  A region follows a direct call (a jump
   in an instruction that emitted ret_push) into the callee like any jump.
   When a block of a followed callee finds no room for a block it jumps
   to, the callee does not fit: its first blocks run in the region and the
   rest in plain TBs (bzip2's mainSort regions took the first compares of
   mainGtU, whose most calls go on to the later ones), and the return is a
   lookup anyway.  tb.c then translates the region again with calls to
   that callee leaving it (translator_region_redo), so the call chains to
   the callee's own code, a region of its own when it is hot.  At most
   REGION_NOFOLLOW callees per region, so at most as many translations
   again. */
#define REGION_NOFOLLOW 4
static uint32_t nofollow[REGION_NOFOLLOW];
static int nb_nofollow;
static bool region_redo;
/* The return keys (pc, cs_base, flags) of the calls that leave the region
   for a callee too big for it, on the region's page: tb.c makes regions of
   them, so that the callee's return lands in a region (bzip2's mainSort
   went back through plain TBs `cmp r0, #0; bne` to its own region). */
#define REGION_RET_SITES 4
static uint32_t ret_site[REGION_RET_SITES][3];
static int nb_ret_sites;

static uint32_t region_head_pc(void) { return reg.tb->pc; }

/* The IR buffers are more than 1/part full.  A region's instructions are
   budgeted (REGION_MAX_INSNS), its IR is not: blocks stop at half the ops,
   temps or labels of a TB and no block joins beyond a quarter, which leaves
   every block already added room for an instruction or two (a NEON one
   can be a hundred ops). */
static bool region_crowded(int part)
{
    const TCGContext *c = &tcg_ctx;
    return c->nb_ops > c->max_ops / part || c->nb_temps > TCG_MAX_TEMPS / part || c->nb_labels > TCG_MAX_LABELS / part;
}

static void helper_region_hot(CPUCommon *env, uint32_t h)
{
    env->hot_ctr[h] = HOT_RETRY;
    env->region_wanted = 1;
    __atomic_store_n(&env->exit_request, 1, __ATOMIC_RELAXED);
}

/* Store a constant into env at off: through the global that owns that
   memory if there is one (the IR's rule), else directly. */
static void store_env_word(int off, uint32_t val)
{
    TCGContext *c = &tcg_ctx;
    for (int i = 0; i < c->nb_globals; i++) {
        const TCGTemp *t = &c->temps[i];
        if (t->kind == TEMP_GLOBAL && t->mem_offset == off && t->type == TCG_I32) {
            tcg_gen_movi_i32((TCGv)i, val);
            return;
        }
    }
    tcg_gen_st_i32(tcg_constant_i32(val), off);
}

static int region_find(uint32_t pc, uint32_t cs_base, uint32_t flags)
{
    for (int i = 0; i < reg.nb; i++)
        if (reg.b[i].pc == pc && reg.b[i].cs_base == cs_base && reg.b[i].flags == flags)
            return i;
    return -1;
}

static int region_add(uint32_t pc, uint32_t cs_base, uint32_t flags)
{
    RegionBlock *b = &reg.b[reg.nb];
    memset(b, 0, sizeof(*b));
    b->pc = pc;
    b->cs_base = cs_base;
    b->flags = flags;
    b->callee = -1;
    /* Labels made before any front-end IR: a front end may drop IR it
       emitted (labels included) and translate an instruction again. */
    b->check = tcg_ctx.block_labels[2 * reg.nb];
    b->body = tcg_ctx.block_labels[2 * reg.nb + 1];
    return reg.nb++;
}

/* A direct jump out of the region (another page, no room left, or a block
   made for another entry state): the front end emits its goto_tb exit. */
static bool region_exit(DisasContextBase *db, uint32_t dest, uint32_t cs_base, uint32_t flags)
{
    jump_flags(db, dest, cs_base, flags);
    reg.b[reg.cur].exits = true;
    return false;
}

static bool region_nofollow_has(uint32_t pc)
{
    for (int n = 0; n < nb_nofollow; n++)
        if (nofollow[n] == pc)
            return true;
    return false;
}

void translator_region_reset(void)
{
    nb_nofollow = 0;
    nb_ret_sites = 0;
    region_redo = false;
}

bool translator_region_redo(void)
{
    bool r = region_redo;
    region_redo = false;
    return r;
}

/* The ret_push of the instruction being translated (a call), or NULL. */
static const TCGOp *region_insn_calls(void)
{
    const TCGContext *c = &tcg_ctx;
    for (int k = c->nb_ops - 1; k >= 0; k--) {
        if (c->ops[k].opc == INDEX_op_ret_push)
            return &c->ops[k];
        if (c->ops[k].opc == INDEX_op_insn_start)
            break;
    }
    return NULL;
}

int translator_region_ret_sites(uint32_t (*key)[3])
{
    for (int n = 0; n < nb_ret_sites; n++)
        for (int w = 0; w < 3; w++)
            key[n][w] = ret_site[n][w];
    return nb_ret_sites;
}

bool translator_jump(DisasContextBase *db, uint32_t dest, uint32_t cs_base, uint32_t flags)
{
    TCGContext *c = &tcg_ctx;
    if (!c->region_mode) {
        jump_flags(db, dest, cs_base, flags);
        /* A backward jump on the block's own page: count it. */
        if (!c->regions_on || dest >= db->pc_next || nb_bps != 0 || ((dest ^ db->pc_first) & GUEST_PAGE_MASK) != 0 ||
            page_is_selfchecked(db->pc_first))
            return false;
        unsigned h = hot_slot(dest);
        int off = (int)offsetof(CPUCommon, hot_ctr[h]);
        TCGv t = tcg_temp_new_i32();
        TCGLabel cold = gen_new_label();
        tcg_gen_ld_i32(t, off);
        tcg_gen_sub_i32(t, t, tcg_constant_i32(1));
        tcg_gen_st_i32(t, off);
        tcg_gen_brcond_i32(TCG_COND_NE, t, tcg_constant_i32(0), cold);
        tcg_gen_call(helper_region_hot, CALL_NO_RWG, TCG_I32, TEMP_NONE, tcg_env, tcg_constant_i32(h));
        gen_set_label(cold);
        return false;
    }
    if (((dest ^ reg.tb->pc) & GUEST_PAGE_MASK) != 0) {
        return region_exit(db, dest, cs_base, flags);
    }
    /* Entry states: a block starts in the state its jumps leave when they
       all leave the same (known before it is emitted); a jump found after
       that leaves another state exits to the block's own TB instead. */
    uint32_t state = reg.ops->exit_state ? reg.ops->exit_state(db) : 0;
    const TCGOp *call = region_insn_calls();
    if (call && region_nofollow_has(dest)) {
        bool seen = false;
        for (int n = 0; n < nb_ret_sites; n++)
            seen |= ret_site[n][0] == (uint32_t)call->args[0] && ret_site[n][2] == (uint32_t)call->args[2];
        if (!seen && nb_ret_sites < REGION_RET_SITES && ((call->args[0] ^ reg.tb->pc) & GUEST_PAGE_MASK) == 0) {
            for (int w = 0; w < 3; w++)
                ret_site[nb_ret_sites][w] = (uint32_t)call->args[w];
            nb_ret_sites++;
        }
        return region_exit(db, dest, cs_base, flags);
    }
    int i = region_find(dest, cs_base, flags);
    if (i < 0) {
        if (reg.free <= 0 || reg.nb == REGION_MAX_BLOCKS || region_crowded(4)) {
            /* (a callee that does not fit: the region again without it) */
            int h = reg.b[reg.cur].callee;
            if (h >= 0 && !region_nofollow_has(reg.b[h].pc) && nb_nofollow < REGION_NOFOLLOW) {
                nofollow[nb_nofollow++] = reg.b[h].pc;
                region_redo = true;
            }
            return region_exit(db, dest, cs_base, flags);
        }
        i = region_add(dest, cs_base, flags);
        reg.b[i].entry = state;
        reg.free--;
    } else if (!reg.b[i].emitted) {
        if (reg.b[i].entry != state)
            reg.b[i].entry = 0;
    } else if (reg.b[i].entry != 0 && reg.b[i].entry != state) {
        return region_exit(db, dest, cs_base, flags);
    }
    if (!reg.b[i].emitted && reg.b[i].callee < 0)
        reg.b[i].callee = call ? i : reg.b[reg.cur].callee;
    reg.b[reg.cur].succ |= 1ull << i;
    /* A block already emitted is a possible cycle: through its check. */
    tcg_gen_br(reg.b[i].emitted ? reg.b[i].check : reg.b[i].body);
    return true;
}

/* Exits of the region to code outside it: goto_tb slots in the order they
   come, then lookup_and_goto.  Front ends number their slots per block;
   exit_tb(tb | n) follows its goto_tb(n). */
static void region_fix_exits(TranslationBlock *tb)
{
    TCGContext *c = &tcg_ctx;
    int next = 0, map[2] = { -1, -1 };
    uint32_t kill[2] = { 0, 0 };
    for (int i = 0; i < c->nb_ops; i++) {
        TCGOp *op = &c->ops[i];
        if (op->opc == INDEX_op_goto_tb) {
            int n = (int)op->args[0] & 1;
            kill[n] = (uint32_t)op->args[1];
            if (next < 2) {
                map[n] = next;
                op->args[0] = (uint64_t)next++;
            } else {
                map[n] = -1;
                op->opc = INDEX_op_nop;
            }
        } else if (op->opc == INDEX_op_exit_tb && op->args[0] > 3) {
            int n = (int)(op->args[0] & 3) & 1;
            if (map[n] >= 0) {
                op->args[0] = (uint64_t)(uintptr_t)tb | (uint64_t)map[n];
            } else {
                op->opc = INDEX_op_lookup_and_goto;
                op->args[0] = 0;
                /* (the same target: its dead flags stay dead) */
                if (kill[n] && c->nb_lookup_kill < 2 * TCG_MAX_REGION_BLOCKS) {
                    c->lookup_op[c->nb_lookup_kill] = i;
                    c->lookup_kill[c->nb_lookup_kill++] = kill[n];
                }
            }
            map[n] = -1;
            kill[n] = 0;
        }
    }
}

/* How much one use of a global in each block counts when tcg/gen.c
   chooses the pins (after liveness): the block's estimated runs per entry
   of the region, times 32 (at least 1).
   The estimate is static (no profile): each block passes its count on to
   its successors, and a branch splits it by the loop heuristics of
   compilers' static branch prediction.  A branch in a loop (a block that
   can come back to itself) stays in the loop with 0.88 and leaves it (a
   region exit, or a block that cannot come back) with the rest; of the
   ways that stay, a jump back to a block found before (the back edge)
   takes 0.88.  Elsewhere a branch splits evenly.  So a loop body counts
   about 8 times its entry, and an early exit of a compare chain, or a
   return, much less than the loop around it.  (gzip's longest_match: the
   chain walk `cmp; bhs ret; subs; beq ret; ldrb; cmp; bne walk` runs on
   almost every iteration, the unrolled byte compares after it rarely.) */
/* Fixed point, FREQ_ONE = 1.0: no host floating point here, whose sticky
   exception flags (MXCSR) are the guest's (an i386 guest's SSE state). */
#define FREQ_ONE 65536u
#define FREQ_STAY 57672u /* 0.88 */
#define FREQ_MAX (1024u * FREQ_ONE)
static void region_pin_weights(void)
{
    TCGContext *c = &tcg_ctx;
    int n = reg.nb;
    uint64_t reach[REGION_MAX_BLOCKS]; /* blocks reachable in one jump or more */
    for (int i = 0; i < n; i++)
        reach[i] = reg.b[i].succ;
    for (bool more = true; more;) {
        more = false;
        for (int i = 0; i < n; i++) {
            uint64_t r = reach[i];
            for (uint64_t m = reach[i]; m; m &= m - 1)
                r |= reach[__builtin_ctzll(m)];
            if (r != reach[i]) {
                reach[i] = r;
                more = true;
            }
        }
    }
    /* The edges into each block j: from[j][k] passes share[j][k] of its
       runs on to j. */
    static uint32_t share[REGION_MAX_BLOCKS][REGION_MAX_BLOCKS];
    static uint8_t from[REGION_MAX_BLOCKS][REGION_MAX_BLOCKS];
    int nb_in[REGION_MAX_BLOCKS] = { 0 };
    for (int i = 0; i < n; i++) {
        uint64_t succ = reg.b[i].succ, self = 1ull << i, stay_back = 0, stay_fwd = 0, leave = 0;
        for (uint64_t m = succ; m; m &= m - 1) {
            int j = __builtin_ctzll(m);
            if (!(reach[j] & self))
                leave |= 1ull << j;
            else if (j <= i)
                stay_back |= 1ull << j;
            else
                stay_fwd |= 1ull << j;
        }
        uint32_t nb_leave = (uint32_t)__builtin_popcountll(leave) + reg.b[i].exits;
        uint32_t nb_back = (uint32_t)__builtin_popcountll(stay_back), nb_fwd = (uint32_t)__builtin_popcountll(stay_fwd);
        uint32_t nb_stay = nb_back + nb_fwd;
        if (nb_stay + nb_leave == 0)
            continue;
        uint32_t p_stay = FREQ_ONE, p_back = nb_fwd ? 0 : FREQ_ONE;
        if (nb_stay == 0 || !(reach[i] & self))
            p_stay = FREQ_ONE * nb_stay / (nb_stay + nb_leave); /* not in a loop: even */
        else if (nb_leave)
            p_stay = FREQ_STAY;
        if (nb_back && nb_fwd)
            p_back = FREQ_STAY;
        for (uint64_t m = succ; m; m &= m - 1) {
            int j = __builtin_ctzll(m);
            uint64_t bit = 1ull << j;
            uint32_t p;
            if (leave & bit)
                p = (FREQ_ONE - p_stay) / nb_leave;
            else if (stay_back & bit)
                p = (uint32_t)((uint64_t)p_stay * p_back / FREQ_ONE / nb_back);
            else
                p = (uint32_t)((uint64_t)p_stay * (FREQ_ONE - p_back) / FREQ_ONE / nb_fwd);
            from[j][nb_in[j]] = (uint8_t)i;
            share[j][nb_in[j]++] = p;
        }
    }
    /* runs = entry + runs.p, by sweeps in the order the blocks were found:
       from 0 the counts only grow (a loop's as the geometric series of its
       back edge); stop when no count grows by more than 1/4096 */
    uint64_t f[REGION_MAX_BLOCKS] = { 0 };
    for (int sweep = 0; sweep < 200; sweep++) {
        bool grew = false;
        for (int j = 0; j < n; j++) {
            uint64_t v = j == 0 ? FREQ_ONE : 0;
            for (int k = 0; k < nb_in[j]; k++)
                v += f[from[j][k]] * share[j][k] / FREQ_ONE;
            if (v > FREQ_MAX)
                v = FREQ_MAX;
            grew |= v > f[j] + (f[j] >> 12);
            f[j] = v;
        }
        if (!grew)
            break;
    }
    for (int i = 0; i < n; i++) {
        c->pin_block_op[i] = reg.b[i].first_op;
        uint64_t w = (f[i] * 32 + FREQ_ONE / 2) / FREQ_ONE;
        c->pin_block_weight[i] = w < 1 ? 1u : (uint32_t)w;
    }
    c->nb_pin_blocks = n;
}

static void region_loop(const TranslatorOps *ops, DisasContextBase *db, TranslationBlock *tb)
{
    TCGContext *c = &tcg_ctx;
    reg.ops = ops;
    reg.tb = tb;
    reg.nb = 0;
    reg.free = REGION_MAX_INSNS;
    nb_ret_sites = 0;
    c->nb_block_labels = 2 * REGION_MAX_BLOCKS;
    for (int i = 0; i < c->nb_block_labels; i++)
        c->block_labels[i] = gen_new_label();
    for (int i = 0; i < REGION_MAX_BLOCKS; i++)
        reg_exit[i] = gen_new_label();
    region_add(tb->pc, tb->cs_base, tb->flags);
    uint32_t lo = tb->pc, hi = tb->pc + 1;
    int icount = 0;
    for (int i = 0; i < reg.nb; i++) {
        RegionBlock *b = &reg.b[i];
        b->emitted = true;
        b->first_op = c->nb_ops;
        reg.cur = i;
        gen_set_label(b->check);
        TCGv t = tcg_temp_new_i32();
        tcg_gen_ld_i32(t, (int)offsetof(CPUCommon, exit_request));
        /* (the exit itself comes after the last block: the check falls
           through to the body) */
        tcg_gen_brcond_i32(TCG_COND_NE, t, tcg_constant_i32(0), reg_exit[i]);
        gen_set_label(b->body);
        b->fake.pc = b->pc;
        b->fake.cs_base = b->cs_base;
        b->fake.flags = b->flags;
        /* The region's instruction budget (its records): every block
           added but not emitted yet keeps one instruction of it, a block
           that runs out of budget ends early (a jump to its next pc, an
           exit unless that is a block of the region), and a new block
           takes one from what the current block cannot use. */
        int left = REGION_MAX_INSNS - icount - (reg.nb - i - 1);
        int max = left < REGION_BLOCK_INSNS ? left : REGION_BLOCK_INSNS;
        reg.free = left - max;
        translate_block(ops, db, &b->fake, max, b->entry);
        icount += b->fake.icount;
        if (b->pc < lo)
            lo = b->pc;
        if (b->pc + b->fake.size > hi)
            hi = b->pc + b->fake.size;
    }
    for (int i = 0; i < reg.nb; i++) {
        RegionBlock *b = &reg.b[i];
        gen_set_label(reg_exit[i]);
        store_env_word(c->entry_pc_off, b->pc);
        if (c->entry_cs_base_off >= 0)
            store_env_word(c->entry_cs_base_off, b->cs_base);
        tcg_gen_exit_tb(NULL, 0);
        /* The exec loop resumes at this block's pc with this state: for
           flag liveness a jump to the body (README "Dead flags"). */
        if (c->flags_killed) {
            c->resume_op[c->nb_resume] = c->nb_ops - 1;
            c->resume_label[c->nb_resume++] = b->body;
        }
    }
    region_fix_exits(tb);
    region_pin_weights();
    if (dep_hi) {
        if (dep_lo < lo)
            lo = dep_lo;
        if (dep_hi > hi)
            hi = dep_hi;
    }
    tb->lo = lo;
    tb->size = hi - lo;
    tb->icount = (uint16_t)icount;
    tb->region = (uint8_t)reg.nb;
}
