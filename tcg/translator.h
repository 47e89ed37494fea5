/*
 * The generic translation loop, shared by every front end.
 *
 * A front end translates one TB by filling a TranslatorOps with its hooks and
 * calling translator_loop from its TargetOps.translate.  The loop owns what
 * is the same for every guest:
 *
 *   - the instruction count and the limit (TB_MAX_INSNS from tb.c, which
 *     init_disas_context may lower);
 *   - the page rule: an instruction may only START on the TB's first page
 *     (it may end on the next one, so a TB covers at most two pages, which
 *     is what tb.c's page lists and code protection assume);
 *   - the insn_start record of every instruction (emitted by the insn_start
 *     hook, before any other IR of the instruction);
 *   - code fetch (translator_ld*): the guest byte order, and fetch faults.
 *
 * Hooks, in order (db is the DisasContextBase at the start of the front
 * end's own context):
 *   init_disas_context  read tb->flags/cs_base into the context; may lower
 *                       db->max_insns.  Emits no IR.  Called again for
 *                       each block of a hot region (with db->tb that
 *                       block's key): it must reset every per-block
 *                       field of the context.
 *   tb_start            IR at the head of the TB (may be a no-op).
 *   then for each instruction (db->num_insns already counts it):
 *     insn_start        emit tcg_gen_insn_start for db->pc_next with the
 *                       target words restore_state needs.
 *     translate_insn    translate the instruction at db->pc_next; set
 *                       db->pc_next past it and db->is_jmp when the TB must
 *                       end after it (DISAS_NORETURN: the exit is emitted;
 *                       DISAS_TARGET_*: tb_stop emits it).
 *   tb_stop             emit the TB's exit for db->is_jmp (DISAS_TOO_MANY:
 *                       the loop stopped at the limit or the page end; chain
 *                       to db->pc_next).
 *
 * Fetch faults.  translator_ld*(db, pc) read guest code through the page
 * flags.  When a byte is on a page the guest cannot read, the loop abandons
 * the current instruction: it drops the IR emitted since its insn_start
 * (temps and labels too), emits a call that restores the state of the
 * instruction's insn_start record (TargetOps.restore_state) and raises
 * EXCP_FETCH_FAULT with exception_arg = the first unreadable byte (the
 * address the kernel reports: the instruction's own pc, or the start of the
 * next page for an instruction whose tail is there), and ends the TB
 * without calling tb_stop.  The instructions before it run normally.  So a
 * front end must not keep a branch to a label open across instructions
 * (the dropped IR may contain the label), and should fetch an instruction's
 * bytes before it changes context state that tb_stop reads (it is not
 * called, but the next TB starts from env).  Readable but non-executable
 * pages are executed (READ_IMPLIES_EXEC, as the kernel does for binaries
 * without PT_GNU_STACK).
 */
#ifndef MIMIC_TRANSLATOR_H
#define MIMIC_TRANSLATOR_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include "guest.h"
#include "tb.h"

/* How the TB goes on after an instruction (DisasContextBase.is_jmp). */
enum {
    DISAS_NEXT = 0,     /* go on with the next instruction */
    DISAS_TOO_MANY,     /* set by the loop: limit or page end reached */
    DISAS_NORETURN,     /* the instruction emitted the TB's exit itself */
    DISAS_TARGET_0,     /* front-end values from here on (tb_stop emits) */
    DISAS_TARGET_1,
    DISAS_TARGET_2,
    DISAS_TARGET_3,
};

typedef struct DisasContextBase {
    TranslationBlock *tb;
    uint32_t pc_first;  /* tb->pc */
    uint32_t pc_next;   /* the instruction to translate next / after the last */
    int is_jmp;         /* DISAS_* */
    int num_insns;      /* instructions so far, the current one included */
    int max_insns;
    bool big_endian;    /* guest byte order of code (TargetOps.big_endian) */
    /* Private to the loop. */
    uint32_t fetch_end;         /* one past the highest code byte read on a
                                   page first reached by that fetch */
    uint32_t ok_page[2];        /* readable pages seen (page number + 1; 0: none);
                                   [0] is the one of the last fetch */
    uint32_t fault_addr;
    int mark_ops, mark_temps, mark_labels; /* the IR after insn_start */
    jmp_buf *fault_jmp;
} DisasContextBase;

/* Will the instruction at pc, right after the current one, be translated
   in this TB?  False when the TB ends first: the instruction limit
   (single steps, -one-insn-per-tb, a region block's size), another page
   than the TB's first, or a debugger breakpoint at pc.  A front end whose
   instruction leaves state for the next one in a temp (a delay slot) must
   put it in env otherwise. */
bool translator_continues_to(const DisasContextBase *db, uint32_t pc);

typedef struct TranslatorOps {
    void (*init_disas_context)(DisasContextBase *db);
    void (*tb_start)(DisasContextBase *db);
    void (*insn_start)(DisasContextBase *db);
    void (*translate_insn)(DisasContextBase *db);
    void (*tb_stop)(DisasContextBase *db);
    /* Optional, for hot regions: the front end's translation-time state at
       a direct jump (a non-zero word, 0: nothing known), and that state
       given back at the start of a region block that every jump into it
       leaves in it (tcg/translator.c, "Entry states").  i386: its lazy-flag
       op, so that the block after `cmp; jbe` computes CF inline. */
    uint32_t (*exit_state)(DisasContextBase *db);
    void (*entry_state)(DisasContextBase *db, uint32_t state);
} TranslatorOps;

/* Translate tb (its key is already filled in) into tcg_ctx.  db is the
   front end's context (DisasContextBase first).  Sets tb->size (the code
   bytes read, for page tracking) and tb->icount. */
void translator_loop(const TranslatorOps *ops, DisasContextBase *db, TranslationBlock *tb,
                     int max_insns);

/* A front end's direct jump to (dest, cs_base, flags), the key the next
   block has.  Call it before emitting goto_tb for the jump: true means the
   jump was emitted (a branch inside a hot region, translator.c) and the
   front end must emit nothing more for it; false: emit the usual goto_tb
   exit (the call may have emitted IR before it: the back-edge counter). */
bool translator_jump(DisasContextBase *db, uint32_t dest, uint32_t cs_base, uint32_t flags);
/* Around a region's translation (tb.c): reset before the first attempt;
   redo after one: true when it must be translated again (a followed
   callee did not fit, translator.c), at most a few times. */
void translator_region_reset(void);
bool translator_region_redo(void);
/* The return keys (pc, cs_base, flags) of the calls the last region
   leaves for a callee too big for it (at most 4): tb.c makes them regions. */
int translator_region_ret_sites(uint32_t (*key)[3]);
/* Guest instructions of a region at most (tb.c sizes its records by it). */
#define REGION_MAX_INSNS 256
/* Executions of a back-edge before its head becomes a region; after a
   request, the count the edge starts again from. */
#define HOT_THRESHOLD 1000
#define HOT_RETRY 100000
/* The counter (CPUCommon.hot_ctr) of a back-edge to dest.  Multiplicative
   hashing: loops of one function 128 bytes apart (dest >> 1 modulo 64)
   shared a counter, and the first region's HOT_RETRY starved the others.
   A region made for dest resets its counter to HOT_THRESHOLD (tb.c). */
static inline unsigned hot_slot(uint32_t dest)
{
    return (dest * 0x9e3779b1u) >> 26; /* CPU_HOT_SLOTS = 64 */
}

/* Debugger breakpoints (the gdbstub): an instruction at such a pc is
   translated as a stop, EXCP_DEBUG with the state of the instruction,
   before it runs.  Insert and remove invalidate the TBs at pc; call them
   only while no other thread runs generated code (an exclusive section).
   insert fails when the table (64) is full. */
bool translator_bp_insert(uint32_t pc);
bool translator_bp_remove(uint32_t pc);
void translator_bp_remove_all(void);

/* Code fetch in the guest byte order; a fetch fault leaves the hook (see
   above).  Only callable from translate_insn.  The check is inline: after
   the first fetch from a page it is two compares. */
void translator_fetch_slow(DisasContextBase *db, uint32_t pc, uint32_t len);

static inline void translator_fetch_check(DisasContextBase *db, uint32_t pc, uint32_t len)
{
    uint32_t last = pc + len - 1;
    /* Bytes on the last page fetched from are below pc_next once the
       instruction is done: only the slow path has to track fetch_end. */
    if (__builtin_expect((pc >> GUEST_PAGE_BITS) + 1 != db->ok_page[0] || ((last ^ pc) >> GUEST_PAGE_BITS) != 0, 0))
        translator_fetch_slow(db, pc, len);
}

static inline uint8_t translator_ldub(DisasContextBase *db, uint32_t pc)
{
    translator_fetch_check(db, pc, 1);
    return *(const uint8_t *)g2h(pc);
}

static inline uint16_t translator_lduw(DisasContextBase *db, uint32_t pc)
{
    uint16_t v;
    translator_fetch_check(db, pc, 2);
    memcpy(&v, g2h(pc), 2);
    return db->big_endian ? __builtin_bswap16(v) : v;
}

static inline uint32_t translator_ldl(DisasContextBase *db, uint32_t pc)
{
    uint32_t v;
    translator_fetch_check(db, pc, 4);
    memcpy(&v, g2h(pc), 4);
    return db->big_endian ? __builtin_bswap32(v) : v;
}

static inline uint64_t translator_ldq(DisasContextBase *db, uint32_t pc)
{
    uint64_t v;
    translator_fetch_check(db, pc, 8);
    memcpy(&v, g2h(pc), 8);
    return db->big_endian ? __builtin_bswap64(v) : v;
}

#endif
