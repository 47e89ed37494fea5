/*
 * Translation blocks and their cache.
 *
 * A TB is the host code for a run of guest instructions starting at its key
 * (pc, cs_base, flags): pc is the guest address of the first instruction,
 * cs_base and flags are whatever else of the CPU state the translation
 * depends on (TargetOps.tb_key: ARM the Thumb and IT bits in flags and
 * cs_base 0; SPARC npc in cs_base; i386 a code-segment base and mode bits).  TBs live in one code buffer that is flushed whole when it fills.
 * Lookup: per-thread direct-mapped jump cache, then the shared hash table,
 * then translation (under tb_lock).  Chaining patches a TB's goto_tb jump to
 * the next TB's code; invalidation (self-modifying code) unlinks the TB from
 * the hash, the jump caches and every TB that jumps to it.
 */
#ifndef MIMIC_TB_H
#define MIMIC_TB_H

#include <stdbool.h>
#include <stdint.h>
#include "tcg.h"

typedef struct TranslationBlock TranslationBlock;
/* goto_tb slots 0 and 1, and the return stub's slot (exit value tb | 2). */
#define TB_RET_SLOT 2
#define TB_JMP_SLOTS 3
struct TranslationBlock {
    uint32_t pc;      /* guest pc of the first instruction */
    uint32_t cs_base; /* the key's second word (0 for targets without one) */
    uint32_t flags;   /* target mode bits that are part of the key */
    uint32_t lo;      /* first guest byte covered: pc, or a region's lowest block */
    uint32_t size;    /* guest bytes covered from lo (for page tracking) */
    uint16_t icount;  /* guest instructions */
    uint8_t invalid;  /* removed from the cache: never chain to it */
    uint8_t region;   /* a hot region (tcg/translator.c): its number of blocks; 0: a plain TB */
    uint8_t *code;    /* host code */
    /* The hash chain: in the first cache line with the key, so that a
       lookup walking a chain reads one line per TB (a warm python3
       looks up 40,000 TBs that are not there yet). */
    TranslationBlock *hash_next;
    uint32_t code_size;
    /* Jump slots: 0 and 1 are the goto_tb jumps, TB_RET_SLOT the stub that
       predicted returns to the TB's call jump through (tcg/README.md,
       "Return prediction").  Offset from code of the 4-byte rel32 field
       (0xffff: none), and the offset of the instruction after the jmp (the
       unchained target). */
    uint16_t jmp_field[TB_JMP_SLOTS];
    uint16_t jmp_reset[TB_JMP_SLOTS];
    TranslationBlock *jmp_dest[TB_JMP_SLOTS]; /* chained to, or NULL */
    /* TBs that jump here: list threaded through jmp_next[slot]; the low two
       bits of each link hold the slot of the TB it points to. */
    uintptr_t jmp_first;
    uintptr_t jmp_next[TB_JMP_SLOTS];
    /* Guest pages covered (one or two) and the per-page TB lists. */
    uint32_t page[2];
    TranslationBlock *page_next[2];
    /* Pinned globals (hot regions): host register, env offset, 64-bit? */
    uint8_t nb_pins;
    uint16_t pin_w64;
    int8_t pin_reg[TCG_MAX_PINS];
    uint16_t pin_off[TCG_MAX_PINS];
    /* Offset from code of the fault-site table (hot regions: where dirty
       globals live at each guest access; tcg/x86/regalloc.c ra_fault_site),
       0: none. */
    uint32_t site_off;
    /* Guest instruction records (for restoring state from a host pc). */
    TCGInsnRecord *insns;
    /* Set when a page of the TB is self-checked rather than write-protected
       (core/page.c, page_protect_code): the guest bytes [lo, lo+size) as
       translated.  Such a TB is entered only through tb_lookup, which
       compares them first: never chained to, never in a jump cache. */
    uint8_t *check_copy;
};

/* Flags a target may put in the key above bit 24 are reserved for the core. */

/* Called with every new TB (translated, loaded from the persistent cache
   or a hot region), under the TB lock, when set (-perfmap). */
extern void (*tb_new_hook)(const TranslationBlock *tb);
/* Initialize the cache with a code buffer of code_size bytes. */
void tb_init(size_t code_size);
/* Make [p, p + n) present and writable in one system call (a hint). */
void tb_populate(void *p, size_t n);
/* A persistent cache file with n TBs is open: room for them in the hash
   table now, while it holds few TBs to move (tb_lock held; nothing when
   several threads run).  Lookups that miss (a warm process's first look
   for each TB) walk a chain of about one TB rather than two. */
void tb_hash_reserve(unsigned n);
/* Find or translate the TB for (pc, cs_base, flags).  Never returns NULL. */
TranslationBlock *tb_lookup(void *env, uint32_t pc, uint32_t cs_base, uint32_t flags);
/* A thread's CPU state is new: set its hot-region counters. */
void tb_cpu_init(void *env);
/* tb_lookup for a key the exec loop was asked to make a hot region of
   (CPUCommon.region_wanted, tcg/translator.c). */
TranslationBlock *tb_lookup_region(void *env, uint32_t pc, uint32_t cs_base, uint32_t flags);
/* Make slot n of from jump straight to to (no-op if either is invalid). */
void tb_add_jump(TranslationBlock *from, int n, TranslationBlock *to);
/* Invalidate every TB overlapping guest range [start, end). */
void tb_invalidate_range(uint32_t start, uint32_t end);
/* Drop everything (code buffer full, or a test asked for it).  Only safe
   while no other thread is in an exec section (tb.c: exclusive sections). */
void tb_flush(void);
/* Before a fork: load the TBs this process's earlier children loaded from
   the persistent cache, so the next child inherits them (tb.c, ForkNotes). */
void tb_fork_preload(void *env);
/* tb_flush taking tb_lock: for a caller in an exclusive section. */
void tb_flush_all(void);

/* Threads (tb.c "Flushing with threads").  A thread holds TB pointers and
   runs generated code only between tb_exec_start and tb_exec_end; leave the
   section before anything that may block (syscalls).  tb_exec_start may
   wait while another thread flushes the code buffer. */
void tb_exec_start(void *env);
void tb_exec_end(void);
/* True between tb_exec_start and tb_exec_end (with several threads). */
bool tb_exec_in_section(void);
/* Exclusive sections (tb.c): start_exclusive returns once every other
   thread is outside its exec section (threads entering one wait until
   end_exclusive); the caller must not be in one.  The gdbstub stops the
   world this way; a code-buffer flush too. */
void start_exclusive(void);
void end_exclusive(void);
/* Called (outside a section) before a second guest thread starts running. */
void tb_set_multithreaded(void);
/* A guest thread is ending: forget its jump cache and exec state. */
void tb_thread_exit(void *env);
/* Precise self-modifying code: env's state is that of an instruction
   whose store rewrote the running TB (page_unprotect said so).  The next
   tb_lookup for env translates that one instruction alone, uncached, so it
   runs once (its store now succeeds); lookups after it find fresh code. */
void tb_request_one_insn(void *env);
/* Instructions per TB at most: TB_MAX_INSNS, or 1 with -one-insn-per-tb. */
extern int tb_max_insns;
/* The TB whose host code contains host_pc, or NULL. */
TranslationBlock *tb_find_by_host_pc(uintptr_t host_pc);
/* Before restoring state from a fault inside tb's code (host_uc: the host
   ucontext_t): the pinned globals' values, and the dirty globals the
   fault-site table lists for the faulting instruction, go from host
   registers to env. */
void tcg_restore_pins(const TranslationBlock *tb, void *env, const void *host_uc);
/* The same from the host registers regs[16] (x86 numbering) at the
   instruction host_code + at of tb (an alignment check's stub). */
void tcg_restore_regs(const TranslationBlock *tb, void *env, const uint64_t *regs, uint32_t at);
/* A TB's fault-site table (tcg/x86/regalloc.c, ra_fault_site) at p: its
   length with the end mark; whether len bytes at p are a well-formed one
   for code_size bytes of code whose globals global_ok accepts (the
   persistent cache checks a table it loads). */
size_t tcg_sites_len(const uint8_t *p);
bool tcg_sites_ok(const uint8_t *p, size_t len, uint32_t code_size, bool (*global_ok)(unsigned off, bool w64));
/* Guest instruction record for host_pc inside tb. */
const TCGInsnRecord *tb_insn_at(TranslationBlock *tb, uintptr_t host_pc);
/* Called by generated code when a MO_ALIGN* access is misaligned (before
   it touches memory), host_pc the check's address and regs the host
   registers there: copies the globals still in registers to env
   (tcg_restore_regs), restores the state of the instruction whose code
   holds host_pc and sets EXCP_UNALIGNED with exception_arg = addr.  The
   generated code then exits the TB with 0. */
struct CPUCommon;
void tcg_unaligned_access(struct CPUCommon *env, uint32_t addr, uintptr_t host_pc, const uint64_t *regs);

/* Host code for env's current key if the TB is cached, else
   tcg_code_exit_zero: what generated code's lookup_and_goto jumps to. */
const void *tcg_lookup_code(void *env);
/* Bumped by every tb_flush: a TB pointer from an older epoch is stale. */
extern volatile unsigned tb_flush_count;
/* Empty the return-prediction ring of env's jump cache (TBRetRing) for
   this flush epoch. */
void tb_ret_reset(void *env);
/* Before running generated code: a ring from an older flush epoch (its
   entries point into reused code) is emptied.  (tb_flush empties the
   rings of the threads it knows; this catches any other.) */
void tb_ret_check_epoch(void *env);
/* Print -d stats to the log. */
void tb_stats_dump(void *file);

/* Return-address prediction (tcg/README.md, "Return prediction"): a ring
   of the TB keys of recent calls' return addresses (key = pc | flags << 32,
   cs_base) and the host code each return jumps to when its key matches (the
   return stub of the calling TB); top indexes the newest.  Per thread (in
   its jump cache), written and read only by its generated code and its own
   exec loop, and by tb_flush while the thread is stopped; valid for flush
   epoch `epoch` only.  hits/misses: counted by code made under -d stats. */
#define TB_RET_SLOTS 32 /* a power of two */
typedef struct TBRetRing {
    uint32_t top, epoch;
    uint64_t hits, misses;
    uint64_t key[TB_RET_SLOTS];
    const void *code[TB_RET_SLOTS];
    uint32_t cs_base[TB_RET_SLOTS];
} TBRetRing;

/* Per-thread direct-mapped jump cache, probed by lookup_and_goto.  An entry
   holds pc and flags; cs_base is compared in the TB (tb->cs_base), which
   keeps entries at 16 bytes and costs targets whose cs_base is always 0
   (ARM) nothing in the inline probe.  An empty entry has flags
   TB_JC_EMPTY, which no key has (bits 24 and up of a key's flags are the
   core's, and it never sets them all), so the probe needs no check of the
   TB pointer: invalidating a TB empties the entries that hold it (and
   leaves the pointer, so a thread that read the entry just before still
   finds code there: a TB's code stays until the next flush, which is
   exclusive).  Owned by its thread; others only empty entries.  The
   thread's return-prediction ring lives here too (not in the CPU state: a
   kilobyte more there made some guest programs several times slower,
   layout effects not understood). */
#define TB_JC_EMPTY 0xffffffffu
#define TB_JC_BITS 12
#define TB_JC_SIZE (1u << TB_JC_BITS)
typedef struct TBJumpCache {
    struct {
        uint32_t pc, flags;
        TranslationBlock *tb;
    } e[TB_JC_SIZE];
    TBRetRing ret;
} TBJumpCache;
/* Empty every entry of a new (or flushed) jump cache. */
void tb_jc_init(TBJumpCache *jc);
static inline unsigned tb_jc_hash(uint32_t pc) { return (pc >> 1 ^ pc >> (TB_JC_BITS + 1)) & (TB_JC_SIZE - 1); }

/* Statistics for -d stats. */
typedef struct TBStats {
    uint64_t tbs_translated, guest_insns, ir_ops, host_bytes, flushes;
    uint64_t chains, lookups_hit, lookups_miss, invalidations;
    uint64_t translate_ns;
    uint64_t regions, region_blocks, region_insns, region_bytes;
    /* Host instructions of region code (-d stats only: disassembled),
       pinned-global write-backs left out before ops that may fault. */
    uint64_t region_host_insns, region_wb_avoided;
    uint64_t cache_insns, cache_ns; /* TBs from the persistent cache (tcg/pcache.c) */
    uint64_t fork_preloaded; /* of those, loaded before a fork for the children (tb_fork_preload) */
    uint64_t selfchecked, selfcheck_misses; /* TBs on self-checked pages, and those found changed */
    uint64_t ret_pushes, ret_sites;       /* calls and returns translated with prediction */
    uint64_t ret_hits, ret_misses;        /* predicted returns run (-d stats code only) */
} TBStats;
extern TBStats tb_stats;

#endif
