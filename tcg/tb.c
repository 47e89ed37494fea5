/*
 * The translation-block cache: code buffer, hash table, per-page TB lists,
 * chaining and invalidation.
 *
 * Locking: translation, chaining and invalidation take tb_lock.  Lookups
 * (hash walk, jump cache probe) take no lock: hash buckets are published with
 * release stores and a TB is fully built before it is published.
 *
 * Memory: TB descriptors and their instruction records live in side arrays
 * that are reset with the code buffer by tb_flush, so TB pointers are only
 * valid within one flush epoch (tb_flush_count).
 *
 * Flushing with threads ("exclusive sections").  A thread may only hold TB
 * pointers or run generated code between tb_exec_start() and tb_exec_end()
 * (cpu_loop brackets lookup + chaining + execution, and leaves the section
 * before a syscall, which may block).  A flush needs every other thread out
 * of its section: the thread that finds the buffer full leaves its own
 * section, becomes the exclusive requester (start_exclusive: announce
 * pending_excl, count the threads still running, set their exit_request so a
 * chained loop stops at the next TB entry, wait until the count drops to 0),
 * flushes, and lets everyone go (end_exclusive).  Threads entering a section
 * while an exclusive one is pending wait until it ends.  The running flag and
 * pending_excl are a Dekker pair (seq_cst store, then load of the other), so
 * either the requester sees the thread running and waits for it, or the
 * thread sees the request and stops.  Until a second thread exists
 * (tb_set_multithreaded) none of this runs: one thread flushes inline.
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "tb.h"
#include "pcache.h"
#include "translator.h"
#include "cpu-common.h"
#include "guest.h"
#include "target.h"
#include "include/forklocks.h"

/* 8K buckets (64 KiB) to start with: every bucket page a new TB touches
   costs two page faults (read of the zero page, then the write), which at
   64K buckets was ~250 faults, a third of a static hello's start-up.  The
   table grows (x4) when it holds more than two TBs per bucket, as long as
   one thread runs (lookups take no lock): long chains cost a cache miss per
   link, which shows once TBs come from the persistent cache quickly. */
#define TB_HASH_BITS 13
#define TB_HASH_SIZE (1u << TB_HASH_BITS)
#define TB_HASH_MAX_BITS 19
#define TB_MAX_INSNS 64

TBStats tb_stats;
volatile unsigned tb_flush_count;
int tb_max_insns = TB_MAX_INSNS;

static FORK_LOCK pthread_mutex_t tb_lock = PTHREAD_MUTEX_INITIALIZER;
static uint8_t *code_buf;
static size_t code_buf_size;
static TranslationBlock *tbs;   /* descriptors, in code-address order */
static unsigned nb_tbs, max_tbs;
static TCGInsnRecord *insn_recs; /* instruction records of every TB */
static size_t nb_insn_recs, max_insn_recs;
static TranslationBlock *hash_tab0[TB_HASH_SIZE];
static TranslationBlock **hash_tab = hash_tab0;
static unsigned hash_bits = TB_HASH_BITS;
static unsigned nb_hashed; /* TBs in the table */
static TranslationBlock **page_tbs; /* guest page -> list via page_next[] */

/* Jump caches of all threads, so invalidation can clear stale entries
   (under tb_lock; grows as threads appear). */
static TBJumpCache **jcs;
static unsigned nb_jcs, max_jcs;

/* Exclusive sections (see the top of the file). */
typedef struct ExecThread {
    volatile int running;   /* inside tb_exec_start..tb_exec_end */
    int has_waiter;         /* the exclusive requester counted us (excl_lock) */
    CPUCommon *env;
    struct ExecThread *next;
} ExecThread;
static FORK_LOCK pthread_mutex_t excl_lock = PTHREAD_MUTEX_INITIALIZER;
static FORK_LOCK pthread_cond_t excl_cond = PTHREAD_COND_INITIALIZER;   /* requester waits */
static FORK_LOCK pthread_cond_t resume_cond = PTHREAD_COND_INITIALIZER; /* others wait */
static volatile int pending_excl;
static int excl_waiting;            /* running threads the requester waits for */
static ExecThread *exec_threads;    /* registered threads (excl_lock) */
static __thread ExecThread self_exec;
static __thread bool self_registered;
static volatile bool multithreaded;
static bool flush_wanted; /* tb_gen found the buffer full (tb_lock) */
static void tb_fork_prepare(void);
static void tb_fork_parent(void);
static void tb_fork_child(void);

/*
 * A forked child shares its parent's pages copy-on-write: its first write
 * to each page of the hash table, of its jump cache, of the code buffer
 * and of the descriptors copies that page in a page fault (~15-50 us each
 * on a virtual machine with shadow page tables).  A shell's child runs a
 * few hundred TBs and exits or execs, so:
 *  - chains to or from TBs made before the fork are not made for its first
 *    FORK_DEFER_CHAINS chaining attempts (each such chain writes a code
 *    page and two descriptor pages of the parent's; an unchained jump
 *    costs a trip through the exec loop instead);
 *  - at its first new TB, the hash table, and at its first jump-cache
 *    store, the jump caches (written all over from then on) are copied in
 *    one call (tb_populate: ~5 us a page).
 * tb_flush ends both (no TB is the parent's any more).
 */
#define FORK_DEFER_CHAINS 4096
static unsigned fork_old_tbs;  /* tbs[0, fork_old_tbs) were made before the fork */
static int fork_defer;         /* chaining attempts still to skip (racy: may go below 0) */
static bool fork_copy_pending; /* tb_insert: copy the hash table */
static bool fork_jc_copy_pending; /* the first jump-cache store: copy the jump caches */

/*
 * What a shell's children load, their parent loads once.  A child runs
 * code its parent never does (the child's side of fork, the way to exec
 * or exit) and so loads the same few dozen to few hundred TBs from the
 * persistent cache at every fork: busybox sh's `( : )` 67, its children
 * that exec 60-160, its command substitutions ~570.  Each child pays for
 * the loads and for the copy-on-write writes they make (code buffer,
 * descriptors, records, hash table, jump cache).  So a child notes the key
 * of each TB it loads from the cache in a page shared with its parent
 * (ForkNotes, MAP_SHARED), and the parent, before its next fork
 * (tb_fork_preload), loads those from its own cache files (never
 * translates them: the child's code may not even be mapped in the parent),
 * so that its next children inherit them.  Only a hint: a full array, a
 * key the parent cannot load, a lost race drop nothing but the saving.
 */
#define FORK_NOTES_MAX 4096
typedef struct ForkNote {
    uint32_t pc, cs_base, flags;
    uint32_t ready; /* written last (release): the key is complete */
} ForkNote;
typedef struct ForkNotes {
    uint32_t n; /* slots taken (atomic; may pass FORK_NOTES_MAX: those are dropped) */
    uint32_t pad[3];
    ForkNote note[FORK_NOTES_MAX];
} ForkNotes;
static ForkNotes *notes_down; /* this process's children write here (made at its first fork) */
static ForkNotes *notes_up;   /* this process writes here: its parent's (a forked child) */
static uint32_t notes_read;   /* notes_down[0, notes_read) are loaded (or could not be) */
static bool last_gen_cached;  /* the TB tb_gen_filtered just made came from the cache */

static unsigned tb_hash(uint32_t pc, uint32_t cs_base, uint32_t flags)
{
    uint32_t h = pc * 0x9e3779b1u ^ flags * 0x85ebca6bu ^ cs_base * 0xc2b2ae35u;
    return h >> (32 - hash_bits);
}

static void *map_or_die(size_t size, int prot)
{
    void *p = mmap(NULL, size, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        fprintf(stderr, "mimic: cannot allocate %zu bytes for the translator: %s\n", size,
                strerror(errno));
        exit(1);
    }
    return p;
}

/*
 * Huge pages.  On this kind of host (a virtual machine with shadow page
 * tables) the first touch of each 4 KB page costs a trap even when the
 * page was made present beforehand (MADV_POPULATE_WRITE, below): measured
 * ~10 us a page written, against ~150 us for a whole 2 MB transparent huge
 * page (zeroed in one fault, then no trap for any of its 512 small pages).
 * A warm process loading TBs from the persistent cache writes ~200 bytes of
 * code and a 192-byte descriptor per TB: a 4 KB page of each per ~20 TBs.
 * So the code buffer and the descriptor array ask for huge pages (a hint:
 * with transparent huge pages off, or none free, nothing changes).
 */
static void want_huge_pages(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
    madvise(p, n, MADV_HUGEPAGE);
#else
    (void)p;
    (void)n;
#endif
}

/* A table of n bytes written all over (the grown hash tables): from 512 KB
   on, in 2 MB-aligned huge pages (rounded up to whole ones: a 1 MB table
   touched at ~10 us a 4 KB page costs ~2.5 ms, in one huge page ~0.15 ms).
   table_len is the length mapped, for munmap. */
#define HUGE_PAGE_SIZE (2u << 20)
static size_t table_len(size_t n)
{
    return n >= (512u << 10) ? (n + HUGE_PAGE_SIZE - 1) & ~(size_t)(HUGE_PAGE_SIZE - 1) : n;
}

static void *map_table(size_t n)
{
    size_t len = table_len(n);
    if (n < (512u << 10))
        return mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uint8_t *p = mmap(NULL, len + HUGE_PAGE_SIZE, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return p;
    uint8_t *a = (uint8_t *)(((uintptr_t)p + HUGE_PAGE_SIZE - 1) & ~(uintptr_t)(HUGE_PAGE_SIZE - 1));
    if (a > p)
        munmap(p, (size_t)(a - p));
    if (a + len < p + len + HUGE_PAGE_SIZE)
        munmap(a + len, (size_t)(p + len + HUGE_PAGE_SIZE - (a + len)));
    want_huge_pages(a, len);
    return a;
}

static bool tb_invalidate_for_write(uint32_t start, uint32_t end, uintptr_t host_pc, uint32_t addr);

/*
 * Pre-faulting.  A short process fills a few hundred pages of the code
 * buffer and the descriptor and record arrays (a warm dynamic hello: ~110
 * pages of code, ~75 of descriptors).  Faulting them in one at a time costs
 * a trap each, which on a virtual machine with shadow page tables is most
 * of a page's cost (measured here: ~14 us a page touched, ~7 us populated);
 * MADV_POPULATE_WRITE makes a run of them present in one call.  The area
 * made present grows ahead of use by half of what this process made
 * present (at least PREFAULT_MIN), so at most a third of it is unused.  A
 * forked child counts from what it inherited (prefault_trim): grown by
 * half of its parent's, a shell's child that loads a few dozen TBs made
 * ~110 pages present (~250 KB of code buffer, ~200 KB of descriptors), at
 * a few us each, and used a handful.  Only a hint: without the call
 * (kernels before 5.14) pages fault in as before.
 */
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif
#define PREFAULT_MIN (32u << 10)
typedef struct Prefault {
    uint8_t *base;
    size_t present, limit; /* bytes from base made present; the area's size */
    size_t start;          /* present when this process started using it (0, or at fork) */
} Prefault;
static Prefault pf_code, pf_tbs, pf_recs;
static bool prefault_off;

/* Make [base, base + need) present, and some more (see above). */
static void prefault(Prefault *a, size_t need)
{
    if (need <= a->present || prefault_off)
        return;
    size_t mine = a->present - a->start;
    size_t grow = mine / 2 > PREFAULT_MIN ? mine / 2 : PREFAULT_MIN;
    size_t to = (need + grow + 4095) & ~(size_t)4095;
    if (to > a->limit)
        to = a->limit & ~(size_t)4095;
    if (to <= a->present)
        return;
    if (madvise(a->base + a->present, to - a->present, MADV_POPULATE_WRITE) != 0 &&
        (errno == EINVAL || errno == ENOSYS))
        prefault_off = true; /* not supported: leave it to page faults */
    a->present = to;
}

/* Make the pages of [p, p + n) present and writable in one call (memory
   of ours that is about to be written all over: the hash table, a jump
   cache).  A hint, as prefault. */
void tb_populate(void *p, size_t n)
{
    if (prefault_off || !n)
        return;
    uintptr_t a = (uintptr_t)p & ~(uintptr_t)4095;
    uintptr_t b = ((uintptr_t)p + n + 4095) & ~(uintptr_t)4095;
    if (madvise((void *)a, b - a, MADV_POPULATE_WRITE) != 0 && (errno == EINVAL || errno == ENOSYS))
        prefault_off = true;
}

/* A forked child: give back the pages made present ahead of use.  They
   are its parent's copy-on-write pages, so the child's first write to each
   would copy a page of zeros and flush the TLB (measured: ~15 us a page
   here); dropped, they come back as fresh zero pages, in bulk through
   prefault. */
static void prefault_trim(Prefault *a, size_t used)
{
    size_t keep = (used + 4095) & ~(size_t)4095;
    if (keep < a->present) {
        madvise(a->base + keep, a->present - keep, MADV_DONTNEED);
        a->present = keep;
    }
    a->start = a->present;
}

/* An empty return-prediction ring: keys no TB has (flags bits 24 and up
   are the core's, and the core sets none), and should one ever match, code
   that only returns to the exec loop, which looks the key up. */
static void ret_ring_reset(TBRetRing *r, unsigned epoch)
{
    for (int i = 0; i < TB_RET_SLOTS; i++) {
        r->key[i] = ~(uint64_t)0;
        r->cs_base[i] = 0;
        r->code[i] = tcg_code_exit_zero;
    }
    r->top = 0;
    r->epoch = epoch;
}

void tb_init(size_t code_size)
{
    if (code_size < 16384)
        code_size = 16384;
    code_buf_size = code_size;
    code_buf = map_or_die(code_size, PROT_READ | PROT_WRITE | PROT_EXEC);
    /* At least 32 bytes of host code per TB: bounds the descriptor array. */
    max_tbs = code_size / 32;
    tbs = map_or_die(max_tbs * sizeof(*tbs), PROT_READ | PROT_WRITE);
    max_insn_recs = (size_t)max_tbs * 8;
    insn_recs = map_or_die(max_insn_recs * sizeof(*insn_recs), PROT_READ | PROT_WRITE);
    page_tbs = map_or_die(GUEST_NB_PAGES * sizeof(*page_tbs), PROT_READ | PROT_WRITE);
    /* The code buffer and the descriptors are written in order from their
       start: backed by 2 MB pages, they cost a page fault per 2 MB instead
       of one per 4 KB (see want_huge_pages). */
    want_huge_pages(code_buf, code_size);
    want_huge_pages(tbs, max_tbs * sizeof(*tbs));
    /* Every page of the first hash table is read, then written, by the
       first few hundred TBs: two page faults each (the zero page, then its
       copy) without this. */
    tb_populate(hash_tab0, sizeof(hash_tab0));
    tcg_ctx.code_ptr = code_buf;
    tcg_ctx.code_end = code_buf + code_size;
    pf_code = (Prefault){ code_buf, 0, code_size };
    pf_tbs = (Prefault){ (uint8_t *)tbs, 0, max_tbs * sizeof(*tbs) };
    pf_recs = (Prefault){ (uint8_t *)insn_recs, 0, max_insn_recs * sizeof(*insn_recs) };
    pthread_atfork(tb_fork_prepare, tb_fork_parent, tb_fork_child);
    page_set_code_hook(tb_invalidate_for_write);
}

void tb_jc_init(TBJumpCache *jc)
{
    tb_populate(jc, sizeof(*jc)); /* a new one: ~16 page faults else */
    for (unsigned i = 0; i < TB_JC_SIZE; i++) {
        jc->e[i].pc = 0;
        jc->e[i].flags = TB_JC_EMPTY;
        jc->e[i].tb = NULL;
    }
}

/* Register a thread's jump cache (called lazily from tb_lookup, tb_lock held). */
static void jc_register(TBJumpCache *jc)
{
    for (unsigned i = 0; i < nb_jcs; i++)
        if (jcs[i] == jc)
            return;
    if (nb_jcs == max_jcs) {
        unsigned n = max_jcs ? max_jcs * 2 : 16;
        TBJumpCache **p = realloc(jcs, n * sizeof(*p));
        if (!p) {
            fprintf(stderr, "mimic: out of memory (jump caches)\n");
            abort();
        }
        jcs = p;
        max_jcs = n;
    }
    jcs[nb_jcs++] = jc;
}

static void jc_unregister(TBJumpCache *jc)
{
    for (unsigned i = 0; i < nb_jcs; i++)
        if (jcs[i] == jc) {
            jcs[i] = jcs[--nb_jcs];
            return;
        }
}

/* ---- exclusive sections ---- */

void tb_set_multithreaded(void) { __atomic_store_n(&multithreaded, true, __ATOMIC_SEQ_CST); }

/* A thread the requester counted has left its section (excl_lock held). */
static void excl_ack(ExecThread *t)
{
    if (t->has_waiter) {
        t->has_waiter = 0;
        if (--excl_waiting == 0)
            pthread_cond_signal(&excl_cond);
    }
}

void tb_exec_start(void *envp)
{
    ExecThread *t = &self_exec;
    if (!self_registered) {
        /* The jump cache too: a thread that only ever hits TBs another
           thread translated would otherwise never register it, and a
           flush would leave it stale. */
        pthread_mutex_lock(&tb_lock);
        jc_register(((CPUCommon *)envp)->jc);
        pthread_mutex_unlock(&tb_lock);
        pthread_mutex_lock(&excl_lock);
        t->env = envp;
        t->next = exec_threads;
        exec_threads = t;
        self_registered = true;
        pthread_mutex_unlock(&excl_lock);
    }
    if (!__atomic_load_n(&multithreaded, __ATOMIC_RELAXED))
        return;
    __atomic_store_n(&t->running, 1, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&pending_excl, __ATOMIC_SEQ_CST)) {
        pthread_mutex_lock(&excl_lock);
        excl_ack(t);
        __atomic_store_n(&t->running, 0, __ATOMIC_SEQ_CST);
        while (pending_excl)
            pthread_cond_wait(&resume_cond, &excl_lock);
        __atomic_store_n(&t->running, 1, __ATOMIC_SEQ_CST);
        pthread_mutex_unlock(&excl_lock);
    }
}

bool tb_exec_in_section(void) { return self_exec.running; }

void tb_exec_end(void)
{
    ExecThread *t = &self_exec;
    if (!t->running)
        return;
    __atomic_store_n(&t->running, 0, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&pending_excl, __ATOMIC_SEQ_CST)) {
        pthread_mutex_lock(&excl_lock);
        excl_ack(t);
        pthread_mutex_unlock(&excl_lock);
    }
}

/* Stop every other thread outside its section.  The caller is not in one. */
void start_exclusive(void)
{
    pthread_mutex_lock(&excl_lock);
    while (pending_excl)
        pthread_cond_wait(&resume_cond, &excl_lock);
    __atomic_store_n(&pending_excl, 1, __ATOMIC_SEQ_CST);
    excl_waiting = 0;
    for (ExecThread *t = exec_threads; t; t = t->next) {
        if (t != &self_exec && __atomic_load_n(&t->running, __ATOMIC_SEQ_CST)) {
            t->has_waiter = 1;
            excl_waiting++;
            __atomic_store_n(&t->env->exit_request, 1, __ATOMIC_SEQ_CST);
        }
    }
    while (excl_waiting > 0)
        pthread_cond_wait(&excl_cond, &excl_lock);
    pthread_mutex_unlock(&excl_lock);
}

void end_exclusive(void)
{
    pthread_mutex_lock(&excl_lock);
    __atomic_store_n(&pending_excl, 0, __ATOMIC_SEQ_CST);
    pthread_cond_broadcast(&resume_cond);
    pthread_mutex_unlock(&excl_lock);
}

static void ret_stats_collect(CPUCommon *env);

void tb_thread_exit(void *envp)
{
    CPUCommon *env = envp;
    tb_exec_end();
    pthread_mutex_lock(&tb_lock);
    ret_stats_collect(env);
    jc_unregister(env->jc);
    pthread_mutex_unlock(&tb_lock);
    if (self_registered) {
        pthread_mutex_lock(&excl_lock);
        for (ExecThread **pp = &exec_threads; *pp; pp = &(*pp)->next)
            if (*pp == &self_exec) {
                *pp = self_exec.next;
                break;
            }
        self_registered = false;
        pthread_mutex_unlock(&excl_lock);
    }
}

/* fork: the child has one thread (the caller, outside its section) and must
   not inherit locks another thread held at the time. */
static void tb_fork_prepare(void)
{
    pthread_mutex_lock(&excl_lock);
    pthread_mutex_lock(&tb_lock);
}
static void tb_fork_parent(void)
{
    pthread_mutex_unlock(&tb_lock);
    pthread_mutex_unlock(&excl_lock);
}
static void tb_fork_child(void)
{
    pthread_mutex_init(&tb_lock, NULL);
    pthread_mutex_init(&excl_lock, NULL);
    pthread_cond_init(&excl_cond, NULL);
    pthread_cond_init(&resume_cond, NULL);
    pending_excl = 0;
    excl_waiting = 0;
    exec_threads = NULL;
    if (self_registered) {
        /* (no write to what keeps its value: include/forklocks.h) */
        fork_clear(&self_exec.next, sizeof self_exec.next);
        fork_clear((void *)&self_exec.running, sizeof self_exec.running);
        fork_clear(&self_exec.has_waiter, sizeof self_exec.has_waiter);
        exec_threads = &self_exec;
    }
    multithreaded = false;
    fork_old_tbs = nb_tbs;
    fork_defer = FORK_DEFER_CHAINS;
    fork_copy_pending = true;
    fork_jc_copy_pending = true;
    notes_up = notes_down; /* (NULL if the parent could not make it) */
    notes_down = NULL;
    notes_read = 0;
    prefault_trim(&pf_code, (size_t)(tcg_ctx.code_ptr - code_buf));
    prefault_trim(&pf_tbs, nb_tbs * sizeof(*tbs));
    prefault_trim(&pf_recs, nb_insn_recs * sizeof(*insn_recs));
    /* Only this thread's jump cache is still in use. */
    if (self_registered && self_exec.env) {
        if (nb_jcs != 1 || jcs[0] != self_exec.env->jc) {
            nb_jcs = 0;
            jcs[nb_jcs++] = self_exec.env->jc;
        }
    } else {
        nb_jcs = 0;
    }
}

void tb_flush(void)
{
    memset(hash_tab, 0, sizeof(*hash_tab) << hash_bits);
    nb_hashed = 0;
    for (unsigned i = 0; i < nb_tbs; i++) {
        for (int k = 0; k < 2; k++)
            if (tbs[i].page[k] != ~0u)
                page_tbs[tbs[i].page[k]] = NULL;
        free(tbs[i].check_copy);
    }
    for (unsigned i = 0; i < nb_jcs; i++) {
        tb_jc_init(jcs[i]);
        ret_ring_reset(&jcs[i]->ret, tb_flush_count + 1);
    }
    nb_tbs = 0;
    nb_insn_recs = 0;
    fork_old_tbs = 0;
    fork_copy_pending = false;
    fork_jc_copy_pending = false;
    flush_wanted = false;
    tcg_ctx.code_ptr = code_buf;
    pcache_tbs_flushed(); /* no TB points into a cache file now */
    __atomic_add_fetch(&tb_flush_count, 1, __ATOMIC_RELEASE);
    tb_stats.flushes++;
}

void tb_flush_all(void)
{
    pthread_mutex_lock(&tb_lock);
    tb_flush();
    pthread_mutex_unlock(&tb_lock);
}

static TranslationBlock *hash_find(uint32_t pc, uint32_t cs_base, uint32_t flags)
{
    TranslationBlock *tb = __atomic_load_n(&hash_tab[tb_hash(pc, cs_base, flags)], __ATOMIC_ACQUIRE);
    for (; tb; tb = tb->hash_next)
        if (tb->pc == pc && tb->flags == flags && tb->cs_base == cs_base && !tb->invalid)
            return tb;
    return NULL;
}

/* Four times the buckets (tb_lock held, one thread: nobody walks a chain
   while the links change). */
static void hash_grow(void)
{
    if (hash_bits >= TB_HASH_MAX_BITS || __atomic_load_n(&multithreaded, __ATOMIC_SEQ_CST))
        return;
    unsigned old_bits = hash_bits;
    TranslationBlock **old = hash_tab;
    TranslationBlock **nt = map_table(sizeof(*nt) << (old_bits + 2));
    if (nt == MAP_FAILED)
        return;
    hash_bits = old_bits + 2;
    tb_populate(nt, sizeof(*nt) << hash_bits); /* written all over below */
    for (unsigned i = 0; i < 1u << old_bits; i++) {
        for (TranslationBlock *tb = old[i], *next; tb; tb = next) {
            next = tb->hash_next;
            unsigned b = tb_hash(tb->pc, tb->cs_base, tb->flags);
            tb->hash_next = nt[b];
            nt[b] = tb;
        }
    }
    __atomic_store_n(&hash_tab, nt, __ATOMIC_RELEASE);
    if (old != hash_tab0)
        munmap(old, table_len(sizeof(*old) << old_bits));
}

void tb_hash_reserve(unsigned n)
{
    while ((1u << hash_bits) < n && hash_bits < TB_HASH_MAX_BITS && !multithreaded)
        hash_grow();
}

static void hash_remove(TranslationBlock *tb)
{
    TranslationBlock **pp = &hash_tab[tb_hash(tb->pc, tb->cs_base, tb->flags)];
    for (; *pp; pp = &(*pp)->hash_next) {
        if (*pp == tb) {
            *pp = tb->hash_next;
            nb_hashed--;
            return;
        }
    }
}

static void log_in_asm(const TargetOps *t, TranslationBlock *tb);

/* Lookup counters are bumped on every indirect branch: only with -d stats,
   so that threads on different cores do not fight over their cache line. */
#define STAT(x)                                                                                    \
    do {                                                                                           \
        if (tcg_ctx.log_mask & LOG_STATS)                                                          \
            x;                                                                                     \
    } while (0)

static bool buffer_full(void)
{
    return nb_tbs >= max_tbs || nb_insn_recs + REGION_MAX_INSNS + 1 > max_insn_recs;
}

/* The next descriptor, empty, for the key; the translator's context
   started for it. */
static TranslationBlock *tb_slot_init(const TargetOps *t, uint32_t pc, uint32_t cs_base,
                                      uint32_t flags)
{
    TranslationBlock *tb = &tbs[nb_tbs];
    memset(tb, 0, sizeof(*tb));
    tb->pc = pc;
    tb->lo = pc;
    tb->cs_base = cs_base;
    tb->flags = flags;
    tb->page[0] = tb->page[1] = ~0u;
    for (int n = 0; n < TB_JMP_SLOTS; n++)
        tb->jmp_field[n] = 0xffff;
    tcg_func_start(&tcg_ctx);
    tcg_ctx.tb = tb;
    tcg_ctx.entry_pc_off = t->pc_offset; /* the exit-request stub stores tb->pc */
    tcg_ctx.entry_cs_base_off = t->cs_base_offset; /* ... and tb->cs_base, if any */
    tcg_ctx.insn_start_words = t->insn_start_words;
    return tb;
}

/* Translate (pc, cs_base, flags) into a new TB of at most max_insns
   instructions; tb_lock held.  When the code buffer
   is full: with one thread, flush and retry once; with several, return NULL
   (the caller flushes in an exclusive section and calls again). */
static TranslationBlock *tb_gen_filtered(CPUCommon *env, uint32_t pc, uint32_t cs_base,
                                         uint32_t flags, int max_insns)
{
    const TargetOps *t = env->target;
    struct timespec t0 = { 0, 0 }, t1 = { 0, 0 };
    bool timed = (tcg_ctx.log_mask & LOG_STATS) != 0; /* the clock only for -d stats */
    if (timed)
        clock_gettime(CLOCK_MONOTONIC, &t0);
    /* The persistent cache: only for full TBs made the ordinary way. */
    bool cached = false;
    bool use_cache = pcache_enabled() && !tcg_ctx.interpret && max_insns == tb_max_insns &&
                     !(tcg_ctx.log_mask & (LOG_PER_TB | LOG_UNCHAINED));
    if (tcg_ctx.region_mode)
        translator_region_reset();
    for (int attempt = 0;; attempt++) {
        if (buffer_full()) {
            /* The interpreter keeps no code and no TB pointers outside
               the interp lock its caller holds: it flushes inline. */
            if (multithreaded && !tcg_ctx.interpret && attempt == 0) {
                flush_wanted = true;
                return NULL;
            }
            tb_flush();
        }
        /* (a TB's code is rarely over 4 KiB; a bigger one faults the rest) */
        prefault(&pf_code, (size_t)(tcg_ctx.code_ptr - code_buf) + 4096);
        prefault(&pf_tbs, (nb_tbs + 1) * sizeof(*tbs));
        prefault(&pf_recs, (nb_insn_recs + REGION_MAX_INSNS + 1) * sizeof(*insn_recs));
        TranslationBlock *tb = tb_slot_init(t, pc, cs_base, flags);
        /* Dead flags across chained jumps: not while every instruction must
           show exact state at its end (single steps, unchained traces). */
        tcg_ctx.flags_killed = tcg_ctx.flag_kill_on && !env->one_insn && !(tcg_ctx.log_mask & LOG_UNCHAINED)
                                   ? t->flags_killed
                                   : NULL;
        tcg_ctx.guest_big_endian = t->big_endian;
        tcg_ctx.insns = &insn_recs[nb_insn_recs];
        tcg_ctx.max_insns_rec = REGION_MAX_INSNS + 1;
        if (use_cache && pcache_load(tb, tcg_ctx.region_mode, &tcg_ctx.code_ptr, tcg_ctx.code_end) > 0) {
            cached = true;
            break;
        }
        /* (no room for a cached TB: translating fails the same way, and
           the buffer is flushed below) */
        t->translate(tb, max_insns);
        if (tcg_ctx.region_mode && translator_region_redo()) {
            attempt--; /* (the same buffer: not a failed attempt) */
            continue;
        }
        if (tcg_ctx.log_mask & LOG_IN_ASM)
            log_in_asm(t, tb);
        if (tcg_ctx.interpret) {
            /* Interpreter mode keeps no host code: re-translated per run. */
            tb->code = tcg_ctx.code_ptr;
            break;
        }
        int n = tcg_gen_code(&tcg_ctx, tb);
        if (n >= 0) {
            tb->insns = &insn_recs[nb_insn_recs];
            nb_insn_recs += tcg_ctx.nb_insns;
            if (use_cache)
                pcache_record(tb);
            break;
        }
        if (nb_tbs == 0) {
            fprintf(stderr, "mimic: translation of 0x%08x does not fit an empty code buffer\n", pc);
            abort();
        }
        if (multithreaded) {
            flush_wanted = true;
            return NULL;
        }
        tb_flush();
    }
    TranslationBlock *tb = &tbs[nb_tbs];
    __atomic_store_n(&nb_tbs, nb_tbs + 1, __ATOMIC_RELEASE); /* tb_find_by_host_pc reads it unlocked */
    if (timed)
        clock_gettime(CLOCK_MONOTONIC, &t1);
    last_gen_cached = cached;
    if (cached) {
        tb_stats.cache_ns += (uint64_t)(t1.tv_sec - t0.tv_sec) * 1000000000u + t1.tv_nsec - t0.tv_nsec;
        tb_stats.cache_insns += tb->icount;
        return tb;
    }
    tb_stats.tbs_translated++;
    tb_stats.guest_insns += tb->icount;
    tb_stats.ir_ops += tcg_ctx.nb_ops;
    tb_stats.host_bytes += tb->code_size;
    tb_stats.translate_ns += (uint64_t)(t1.tv_sec - t0.tv_sec) * 1000000000u + t1.tv_nsec - t0.tv_nsec;
    return tb;
}

/* tb_gen_filtered with -dfilter applied: the per-block logs only for
   code in its ranges. */
void (*tb_new_hook)(const TranslationBlock *tb);

static TranslationBlock *tb_gen(CPUCommon *env, uint32_t pc, uint32_t cs_base, uint32_t flags,
                                int max_insns)
{
    unsigned log_mask = tcg_ctx.log_mask;
    if (__builtin_expect(log_mask & LOG_PER_TB, 0) && !log_filter_pc(pc))
        tcg_ctx.log_mask &= ~(unsigned)LOG_PER_TB;
    TranslationBlock *tb = tb_gen_filtered(env, pc, cs_base, flags, max_insns);
    tcg_ctx.log_mask = log_mask;
    if (tb_new_hook && tb && !tcg_ctx.interpret)
        tb_new_hook(tb);
    return tb;
}

/* Put tb on the lists of the guest pages it covers and write-protect them. */
static void tb_link_pages(TranslationBlock *tb)
{
    uint32_t first = tb->lo >> GUEST_PAGE_BITS;
    uint32_t last = (tb->lo + (tb->size ? tb->size - 1 : 0)) >> GUEST_PAGE_BITS;
    tb->page[0] = first;
    tb->page_next[0] = page_tbs[first];
    page_tbs[first] = tb;
    bool check = page_protect_code(first << GUEST_PAGE_BITS);
    if (last != first) {
        tb->page[1] = last;
        tb->page_next[1] = page_tbs[last];
        page_tbs[last] = tb;
        check |= page_protect_code(last << GUEST_PAGE_BITS);
    }
    if (check) {
        tb->check_copy = malloc(tb->size ? tb->size : 1);
        if (!tb->check_copy) {
            fprintf(stderr, "mimic: out of memory\n");
            exit(1);
        }
        memcpy(tb->check_copy, g2h(tb->lo), tb->size);
        tb_stats.selfchecked++;
    }
}

static void tb_invalidate(TranslationBlock *tb);

/* A self-checked TB whose guest bytes changed since it was translated. */
static bool tb_stale(const TranslationBlock *tb)
{
    return tb->check_copy && memcmp(g2h(tb->lo), tb->check_copy, tb->size) != 0;
}

/* A new TB joins its pages' lists and the hash table (tb_lock held). */
static void tb_insert(TranslationBlock *tb)
{
    if (__builtin_expect(fork_copy_pending, 0)) {
        fork_copy_pending = false;
        if ((sizeof(*hash_tab) << hash_bits) <= (256u << 10))
            tb_populate(hash_tab, sizeof(*hash_tab) << hash_bits);
    }
    tb_link_pages(tb);
    unsigned b = tb_hash(tb->pc, tb->cs_base, tb->flags);
    tb->hash_next = hash_tab[b];
    __atomic_store_n(&hash_tab[b], tb, __ATOMIC_RELEASE);
    if (++nb_hashed > 2u << hash_bits)
        hash_grow();
}

/* A lookup found tb: remember it in the jump cache. */
static inline void jc_store(TBJumpCache *jc, unsigned h, uint32_t pc, uint32_t flags,
                            TranslationBlock *tb)
{
    if (__builtin_expect(fork_jc_copy_pending, 0)) {
        /* (a forked child: its one jump cache inherited is its thread's;
           a thread made since has a fresh one) */
        fork_jc_copy_pending = false;
        tb_populate(jc, sizeof(*jc));
    }
    jc->e[h].pc = pc;
    jc->e[h].flags = flags;
    jc->e[h].tb = tb;
}

/* A jump-cache entry matches the key: pc and flags in the entry, cs_base
   in the TB. */
static inline bool jc_match(const TBJumpCache *jc, unsigned h, uint32_t pc, uint32_t cs_base,
                            uint32_t flags)
{
    const TranslationBlock *tb = jc->e[h].tb;
    return jc->e[h].pc == pc && jc->e[h].flags == flags && tb->cs_base == cs_base &&
           !tb->invalid;
}

void tb_request_one_insn(void *envp) { ((CPUCommon *)envp)->one_insn |= ONE_INSN_ONCE; }

/* The one-instruction TB of tb_request_one_insn: in the code buffer but in
   no hash, page list or jump cache, and marked invalid so that nothing
   chains to or from it. */
/* The code buffer is full with other threads around: leave the exec
   section, flush with everyone else stopped outside generated code, and come
   back.  Called and returns with tb_lock held; the caller retries its
   translation (another thread may have made it meanwhile). */
static void flush_exclusive(CPUCommon *env)
{
    pthread_mutex_unlock(&tb_lock);
    tb_exec_end();
    start_exclusive();
    pthread_mutex_lock(&tb_lock);
    if (flush_wanted)
        tb_flush();
    pthread_mutex_unlock(&tb_lock);
    end_exclusive();
    tb_exec_start(env);
    pthread_mutex_lock(&tb_lock);
}

static TranslationBlock *tb_gen_one_insn(CPUCommon *env, uint32_t pc, uint32_t cs_base,
                                         uint32_t flags)
{
    TranslationBlock *tb;
    env->one_insn &= ~(uint32_t)ONE_INSN_ONCE; /* ONE_INSN_STEP stays */
    pthread_mutex_lock(&tb_lock);
    while (!(tb = tb_gen(env, pc, cs_base, flags, 1))) {
        flush_exclusive(env);
    }
    tb->invalid = 1;
    pthread_mutex_unlock(&tb_lock);
    return tb;
}

/* A forked child loaded tb from the cache: tell the parent (ForkNotes). */
static void fork_note(const TranslationBlock *tb)
{
    uint32_t i = __atomic_fetch_add(&notes_up->n, 1, __ATOMIC_RELAXED);
    if (i >= FORK_NOTES_MAX) {
        __atomic_store_n(&notes_up->n, FORK_NOTES_MAX, __ATOMIC_RELAXED); /* (no wrap) */
        return;
    }
    ForkNote *e = &notes_up->note[i];
    e->pc = tb->pc;
    e->cs_base = tb->cs_base;
    e->flags = tb->flags;
    __atomic_store_n(&e->ready, 1, __ATOMIC_RELEASE);
}

/* The TB of the key from the persistent cache, inserted, or NULL: nothing
   is translated and the buffer is not flushed (tb_lock held). */
static TranslationBlock *tb_load_cached(CPUCommon *env, uint32_t pc, uint32_t cs_base,
                                        uint32_t flags)
{
    if (!pcache_enabled() || tcg_ctx.interpret || tcg_ctx.region_mode || buffer_full() ||
        (tcg_ctx.log_mask & (LOG_PER_TB | LOG_UNCHAINED)) || hash_find(pc, cs_base, flags))
        return NULL;
    const TargetOps *t = env->target;
    prefault(&pf_code, (size_t)(tcg_ctx.code_ptr - code_buf) + 4096);
    prefault(&pf_tbs, (nb_tbs + 1) * sizeof(*tbs));
    TranslationBlock *tb = tb_slot_init(t, pc, cs_base, flags);
    if (pcache_load(tb, false, &tcg_ctx.code_ptr, tcg_ctx.code_end) <= 0)
        return NULL;
    __atomic_store_n(&nb_tbs, nb_tbs + 1, __ATOMIC_RELEASE);
    tb_stats.cache_insns += tb->icount;
    if (tb_new_hook)
        tb_new_hook(tb);
    tb_insert(tb);
    return tb;
}

void tb_fork_preload(void *envp)
{
    CPUCommon *env = envp;
    if (!pcache_enabled())
        return;
    if (!notes_down) {
        void *p = mmap(NULL, sizeof(ForkNotes), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                       -1, 0);
        if (p != MAP_FAILED)
            notes_down = p;
        return;
    }
    uint32_t n = __atomic_load_n(&notes_down->n, __ATOMIC_RELAXED);
    if (n > FORK_NOTES_MAX)
        n = FORK_NOTES_MAX;
    if (notes_read >= n)
        return;
    pthread_mutex_lock(&tb_lock);
    for (; notes_read < n; notes_read++) {
        const ForkNote *e = &notes_down->note[notes_read];
        if (!__atomic_load_n(&e->ready, __ATOMIC_ACQUIRE))
            break; /* a child is writing it: next time */
        if (tb_load_cached(env, e->pc, e->cs_base, e->flags))
            tb_stats.fork_preloaded++;
    }
    pthread_mutex_unlock(&tb_lock);
}

TranslationBlock *tb_lookup(void *envp, uint32_t pc, uint32_t cs_base, uint32_t flags)
{
    CPUCommon *env = envp;
    TBJumpCache *jc = env->jc;
    if (__builtin_expect(env->one_insn, 0))
        return tb_gen_one_insn(env, pc, cs_base, flags);
    unsigned h = tb_jc_hash(pc);
    TranslationBlock *tb = jc->e[h].tb;
    if (jc_match(jc, h, pc, cs_base, flags)) {
        STAT(tb_stats.lookups_hit++);
        return tb;
    }
    STAT(tb_stats.lookups_miss++);
    tb = hash_find(pc, cs_base, flags);
    if (!tb || tb_stale(tb)) {
        pthread_mutex_lock(&tb_lock);
        jc_register(jc);
        tb = hash_find(pc, cs_base, flags);
        if (tb && tb_stale(tb)) {
            tb_invalidate(tb);
            tb_stats.selfcheck_misses++;
            tb = NULL;
        }
        if (!tb) {
            bool fresh = true;
            while (!(tb = tb_gen(env, pc, cs_base, flags, tb_max_insns))) {
                flush_exclusive(env);
                jc_register(jc);
                if ((tb = hash_find(pc, cs_base, flags))) {
                    fresh = false;
                    break;
                }
            }
            if (fresh) {
                if (tcg_ctx.interpret) {
                    pthread_mutex_unlock(&tb_lock);
                    return tb; /* not cached: ops stay in tcg_ctx for the caller */
                }
                tb_insert(tb);
                if (notes_up && last_gen_cached)
                    fork_note(tb);
            }
        }
        pthread_mutex_unlock(&tb_lock);
    }
    if (tb->check_copy)
        return tb; /* checked on every entry: not in the jump cache */
    jc_store(jc, h, pc, flags, tb);
    return tb;
}

void tb_cpu_init(void *envp)
{
    CPUCommon *env = envp;
    for (int i = 0; i < CPU_HOT_SLOTS; i++)
        env->hot_ctr[i] = HOT_THRESHOLD;
    env->region_wanted = 0;
    tb_ret_reset(env);
    env->jc->ret.hits = env->jc->ret.misses = 0;
}

void tb_ret_reset(void *envp)
{
    CPUCommon *env = envp;
    ret_ring_reset(&env->jc->ret, tb_flush_count);
}

void tb_ret_check_epoch(void *envp)
{
    CPUCommon *env = envp;
    if (__builtin_expect(env->jc->ret.epoch != tb_flush_count, 0))
        tb_ret_reset(env);
}

/* -d stats: a thread's predicted-return counts (generated code keeps them
   in its ring) go to the totals. */
static void ret_stats_collect(CPUCommon *env)
{
    tb_stats.ret_hits += env->jc->ret.hits;
    tb_stats.ret_misses += env->jc->ret.misses;
    env->jc->ret.hits = env->jc->ret.misses = 0;
}

/* Translate the region for a key and put it in the place of the key's TB
   (tb_lock held); NULL when the buffer is full. */
static TranslationBlock *region_make(CPUCommon *env, uint32_t pc, uint32_t cs_base, uint32_t flags)
{
    tcg_ctx.region_mode = true;
    TranslationBlock *tb = tb_gen(env, pc, cs_base, flags, tb_max_insns);
    tcg_ctx.region_mode = false;
    if (!tb)
        return NULL;
    TranslationBlock *old = hash_find(pc, cs_base, flags); /* a flush may have dropped it */
    if (old)
        tb_invalidate(old);
    tb_insert(tb);
    /* Its back-edges are branches inside it now: the counter is free for
       other loops that share it (HOT_RETRY is for a head that stays). */
    env->hot_ctr[hot_slot(pc)] = HOT_THRESHOLD;
    tb_stats.regions++;
    tb_stats.region_blocks += tb->region;
    tb_stats.region_insns += tb->icount;
    tb_stats.region_bytes += tb->code_size;
    tb_stats.region_wb_avoided += (unsigned)tcg_ctx.nb_wb_avoided;
    if (tcg_ctx.log_mask & LOG_STATS)
        tb_stats.region_host_insns += tcg_count_host_insns(tb->code, tb->code_size);
    return tb;
}

/* The exec loop's answer to CPUCommon.region_wanted: the key's TB becomes a
   hot region (tcg/translator.c) unless it is one already.  The old TB is
   invalidated, so jumps chained into it find the region next time. */
TranslationBlock *tb_lookup_region(void *envp, uint32_t pc, uint32_t cs_base, uint32_t flags)
{
    CPUCommon *env = envp;
    /* Not on a self-checked page: a region's inner jumps would skip the
       check of the blocks they enter. */
    if (!tcg_ctx.regions_on || env->one_insn || page_is_selfchecked(pc))
        return tb_lookup(env, pc, cs_base, flags);
    pthread_mutex_lock(&tb_lock);
    jc_register(env->jc);
    TranslationBlock *old = hash_find(pc, cs_base, flags);
    if (old && old->region) {
        pthread_mutex_unlock(&tb_lock);
        return tb_lookup(env, pc, cs_base, flags);
    }
    TranslationBlock *tb = region_make(env, pc, cs_base, flags);
    if (!tb) { /* the buffer is full: tb_lookup flushes */
        pthread_mutex_unlock(&tb_lock);
        return tb_lookup(env, pc, cs_base, flags);
    }
    /* Where its calls to callees too big for it return: regions too, not
       plain TBs between the callee's region and this one (no further). */
    uint32_t key[4][3];
    int nk = translator_region_ret_sites(key);
    unsigned epoch = tb_flush_count;
    for (int n = 0; n < nk && epoch == tb_flush_count; n++) {
        TranslationBlock *o = hash_find(key[n][0], key[n][1], key[n][2]);
        if (!(o && o->region) && !page_is_selfchecked(key[n][0]))
            region_make(env, key[n][0], key[n][1], key[n][2]);
    }
    if (epoch != tb_flush_count) { /* a flush dropped it */
        pthread_mutex_unlock(&tb_lock);
        return tb_lookup(env, pc, cs_base, flags);
    }
    pthread_mutex_unlock(&tb_lock);
    if (tb->check_copy)
        return tb;
    unsigned h = tb_jc_hash(pc);
    jc_store(env->jc, h, pc, flags, tb);
    return tb;
}

const void *tcg_lookup_code(void *envp)
{
    CPUCommon *env = envp;
    uint32_t pc, cs_base, flags;
    if (tcg_ctx.log_mask & LOG_UNCHAINED)
        return tcg_code_exit_zero; /* every TB through the loop, for the trace */
    env->target->tb_key(env, &pc, &cs_base, &flags);
    unsigned h = tb_jc_hash(pc);
    TranslationBlock *tb = env->jc->e[h].tb;
    if (jc_match(env->jc, h, pc, cs_base, flags)) {
        STAT(tb_stats.lookups_hit++);
        return tb->code;
    }
    tb = hash_find(pc, cs_base, flags);
    if (tb && !tb->check_copy) { /* a self-checked TB: through tb_lookup */
        jc_store(env->jc, h, pc, flags, tb);
        return tb->code;
    }
    return tcg_code_exit_zero;
}

void tb_add_jump(TranslationBlock *from, int n, TranslationBlock *to)
{
    if (from->jmp_field[n] == 0xffff || to->check_copy || (tcg_ctx.log_mask & LOG_UNCHAINED))
        return;
    if (__builtin_expect(__atomic_load_n(&fork_defer, __ATOMIC_RELAXED) > 0, 0) &&
        ((unsigned)(from - tbs) < fork_old_tbs || (unsigned)(to - tbs) < fork_old_tbs)) {
        __atomic_fetch_sub(&fork_defer, 1, __ATOMIC_RELAXED); /* (see tb_fork_child) */
        return;
    }
    pthread_mutex_lock(&tb_lock);
    if (!from->jmp_dest[n] && !from->invalid && !to->invalid) {
        from->jmp_dest[n] = to;
        from->jmp_next[n] = to->jmp_first;
        to->jmp_first = (uintptr_t)from | (uintptr_t)n;
        tcg_patch_jump((uintptr_t)from->code + from->jmp_field[n], (uintptr_t)to->code);
        tb_stats.chains++;
    }
    pthread_mutex_unlock(&tb_lock);
}

/* Undo slot n of src: its jmp goes back to its exit path. */
static void tb_reset_jump(TranslationBlock *src, int n)
{
    tcg_patch_jump((uintptr_t)src->code + src->jmp_field[n],
                   (uintptr_t)src->code + src->jmp_reset[n]);
    src->jmp_dest[n] = NULL;
}

/* Remove the link (src, n) from dest's incoming list. */
static void tb_unlink_incoming(TranslationBlock *dest, TranslationBlock *src, int n)
{
    uintptr_t *pp = &dest->jmp_first;
    uintptr_t want = (uintptr_t)src | (uintptr_t)n;
    while (*pp) {
        TranslationBlock *t = (TranslationBlock *)(*pp & ~(uintptr_t)3);
        int k = (int)(*pp & 3);
        if (*pp == want) {
            *pp = t->jmp_next[k];
            return;
        }
        pp = &t->jmp_next[k];
    }
}

static void tb_invalidate(TranslationBlock *tb)
{
    if (tb->invalid)
        return;
    tb->invalid = 1;
    hash_remove(tb);
    unsigned h = tb_jc_hash(tb->pc);
    for (unsigned i = 0; i < nb_jcs; i++)
        if (jcs[i]->e[h].tb == tb)
            jcs[i]->e[h].flags = TB_JC_EMPTY;
    /* Jumps into tb go back to their exits. */
    for (uintptr_t l = tb->jmp_first; l;) {
        TranslationBlock *src = (TranslationBlock *)(l & ~(uintptr_t)3);
        int k = (int)(l & 3);
        l = src->jmp_next[k];
        tb_reset_jump(src, k);
    }
    tb->jmp_first = 0;
    /* Jumps out of tb leave their destinations' lists. */
    for (int n = 0; n < TB_JMP_SLOTS; n++)
        if (tb->jmp_dest[n])
            tb_unlink_incoming(tb->jmp_dest[n], tb, n);
    /* tb's return stub stays reachable from return-prediction rings after
       tb is gone: it goes back to its exit (which tb_add_jump will not
       chain again), so that it never jumps to a TB invalidated later. */
    if (tb->jmp_dest[TB_RET_SLOT])
        tb_reset_jump(tb, TB_RET_SLOT);
    tb_stats.invalidations++;
}

/* core/page.c's hook (page_unprotect, page_invalidate_code). */
/* A store of up to 16 bytes at addr overlaps tb's guest code. */
static bool tb_covers_store(const TranslationBlock *tb, uint32_t addr)
{
    return tb->lo < addr + 16u && addr < tb->lo + tb->size;
}

static bool tb_invalidate_for_write(uint32_t start, uint32_t end, uintptr_t host_pc, uint32_t addr)
{
    if (host_pc) {
        /* A guest store: did it hit translated code, or only data that
           shares the page with code (core/page.c counts those)? */
        bool hit = false;
        pthread_mutex_lock(&tb_lock);
        uint32_t p = start >> GUEST_PAGE_BITS;
        for (TranslationBlock *tb = page_tbs[p]; tb && !hit; tb = tb->page_next[tb->page[0] == p ? 0 : 1])
            hit = !tb->invalid && tb_covers_store(tb, addr);
        pthread_mutex_unlock(&tb_lock);
        if (!hit)
            page_note_data_write(start);
    }
    tb_invalidate_range(start, end);
    TranslationBlock *tb = host_pc ? tb_find_by_host_pc(host_pc) : NULL;
    /* The running TB is stale if it was dropped and the write overlaps its code. */
    return tb && tb->invalid && tb_covers_store(tb, addr);
}

void tb_invalidate_range(uint32_t start, uint32_t end)
{
    if (end <= start)
        return;
    pthread_mutex_lock(&tb_lock);
    uint32_t first = start >> GUEST_PAGE_BITS, last = (end - 1) >> GUEST_PAGE_BITS;
    for (uint32_t p = first; p <= last && p < GUEST_NB_PAGES; p++) {
        TranslationBlock **pp = &page_tbs[p];
        while (*pp) {
            TranslationBlock *tb = *pp;
            int k = tb->page[0] == p ? 0 : 1;
            uint32_t tb_end = tb->lo + (tb->size ? tb->size : 1);
            if (tb->invalid || (tb->lo < end && tb_end > start)) {
                tb_invalidate(tb);
                *pp = tb->page_next[k]; /* drop from this page's list */
            } else {
                pp = &tb->page_next[k];
            }
        }
    }
    pthread_mutex_unlock(&tb_lock);
}

TranslationBlock *tb_find_by_host_pc(uintptr_t host_pc)
{
    if (host_pc < (uintptr_t)code_buf || host_pc >= (uintptr_t)code_buf + code_buf_size)
        return NULL;
    /* Descriptors are in code-address order within an epoch. */
    unsigned lo = 0, hi = nb_tbs;
    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;
        if ((uintptr_t)tbs[mid].code <= host_pc)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return NULL;
    TranslationBlock *tb = &tbs[lo - 1];
    if (host_pc < (uintptr_t)tb->code + tb->code_size)
        return tb;
    return NULL;
}

const TCGInsnRecord *tb_insn_at(TranslationBlock *tb, uintptr_t host_pc)
{
    uint32_t off = (uint32_t)(host_pc - (uintptr_t)tb->code);
    if (!tb->insns)
        return NULL;
    for (unsigned i = 0; i < tb->icount; i++)
        if (off < tb->insns[i].host_end)
            return &tb->insns[i];
    return tb->icount ? &tb->insns[tb->icount - 1] : NULL;
}

void tcg_unaligned_access(CPUCommon *env, uint32_t addr, uintptr_t host_pc, const uint64_t *regs)
{
    TranslationBlock *tb = tb_find_by_host_pc(host_pc);
    if (tb && regs && (tb->nb_pins || tb->site_off))
        tcg_restore_regs(tb, env, regs, (uint32_t)(host_pc - (uintptr_t)tb->code));
    const TCGInsnRecord *rec = tb ? tb_insn_at(tb, host_pc) : NULL;
    if (rec)
        env->target->restore_state(env, rec->data);
    env->exception = EXCP_UNALIGNED;
    env->exception_arg = addr;
}

/* -d in_asm: the guest instructions of a freshly translated TB. */
#include <capstone/capstone.h>
void *tcg_log_file;

static void log_in_asm(const TargetOps *t, TranslationBlock *tb)
{
    FILE *f = tcg_log_file ? tcg_log_file : stderr;
    int arch, mode;
    csh h;
    t->disas_mode(tb->flags, &arch, &mode);
    if (t->big_endian)
        mode |= CS_MODE_BIG_ENDIAN;
    if (tb->cs_base)
        fprintf(f, "IN: [pc=0x%08x cs_base=0x%x flags=0x%x, %u insns]\n", tb->pc, tb->cs_base,
                tb->flags, tb->icount);
    else
        fprintf(f, "IN: [pc=0x%08x flags=0x%x, %u insns]\n", tb->pc, tb->flags, tb->icount);
    if (cs_open((cs_arch)arch, (cs_mode)mode, &h) != CS_ERR_OK)
        return;
    cs_insn *insn;
    if (!guest_range_ok(tb->pc, tb->size, PAGE_READ)) {
        cs_close(&h);
        return;
    }
    /* (a plain TB's size may cover the start of a jump target it decoded
       for dead flags: its own instructions are the first icount) */
    size_t n = cs_disasm(h, g2h(tb->pc), tb->size, tb->pc, tb->region ? 0 : tb->icount, &insn);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "0x%08" PRIx64 ":  %-8s %s\n", insn[i].address, insn[i].mnemonic, insn[i].op_str);
    if (n)
        cs_free(insn, n);
    fprintf(f, "\n");
    cs_close(&h);
}

void tb_stats_dump(void *file)
{
    FILE *f = file ? file : stderr;
    TBStats *s = &tb_stats;
    double gi = s->guest_insns ? (double)s->guest_insns : 1.0;
    fprintf(f, "mimic stats: %" PRIu64 " TBs, %" PRIu64 " guest insns translated, %.1f IR ops/insn, "
               "%.1f host bytes/insn\n",
            s->tbs_translated, s->guest_insns, s->ir_ops / gi, s->host_bytes / gi);
    fprintf(f, "mimic stats: %" PRIu64 " chains, %" PRIu64 " lookup hits, %" PRIu64
               " misses, %" PRIu64 " invalidations, %" PRIu64 " flushes, %.3f ms translating"
               " (%.3f us/insn)\n",
            s->chains, s->lookups_hit, s->lookups_miss, s->invalidations, s->flushes,
            s->translate_ns / 1e6, s->translate_ns / 1e3 / gi);
    fprintf(f, "mimic stats: %" PRIu64 " hot regions (%" PRIu64 " blocks, %" PRIu64 " guest insns, %" PRIu64
               " host bytes)\n",
            s->regions, s->region_blocks, s->region_insns, s->region_bytes);
    if (s->regions)
        fprintf(f, "mimic stats: region code: %.1f host insns/guest insn (exit paths included), "
                   "%" PRIu64 " write-backs before faulting ops left out (pinned globals, fault sites)\n",
                s->region_host_insns / (s->region_insns ? (double)s->region_insns : 1.0),
                s->region_wb_avoided);
    if (tcg_ctx.nb_flag_globals)
        fprintf(f, "mimic stats: %" PRIu64 " flag writes removed (flags dead at a block boundary or exit)\n",
                tcg_ctx.stat_flag_writes_removed);
    /* The threads still running (an exiting process's) add their counts. */
    uint64_t ret_hits = s->ret_hits, ret_misses = s->ret_misses;
    pthread_mutex_lock(&excl_lock);
    for (ExecThread *t = exec_threads; t; t = t->next)
        if (t->env && t->env->jc) {
            ret_hits += t->env->jc->ret.hits;
            ret_misses += t->env->jc->ret.misses;
        }
    pthread_mutex_unlock(&excl_lock);
    if (!tcg_ctx.retpred_off || s->ret_pushes || s->ret_sites)
        fprintf(f, "mimic stats: return prediction: %" PRIu64 " calls and %" PRIu64
               " returns translated with it, %" PRIu64 " predicted returns hit, %" PRIu64 " missed\n",
            s->ret_pushes, s->ret_sites, ret_hits, ret_misses);
    if (s->selfchecked)
        fprintf(f, "mimic stats: %" PRIu64 " TBs on self-checked pages (data next to code), %" PRIu64
                   " found changed\n",
                s->selfchecked, s->selfcheck_misses);
    if (pcache_enabled())
        fprintf(f, "mimic stats: persistent cache: %" PRIu64 " TBs (%" PRIu64 " guest insns) loaded in %.3f ms, %"
                   PRIu64 " TBs saved, %" PRIu64 " hot regions loaded\n",
                pcache_hits, s->cache_insns, s->cache_ns / 1e6, pcache_saved, pcache_region_hits);
    if (s->fork_preloaded)
        fprintf(f, "mimic stats: persistent cache: %" PRIu64 " TBs loaded before a fork for the children"
                   " (what earlier children loaded)\n",
                s->fork_preloaded);
}
