/*
 * Code-page protection for self-modifying code (include/guest.h).
 *
 * The translator calls page_protect_code for every page it reads code from:
 * the page gets PAGE_CODE and, if the guest may write it, is made read-only
 * on the host (PAGE_WRITE_ORG).  The guest's first write then faults; the
 * fault handler calls page_unprotect, which makes the page writable again
 * and drops its translations through the hook the TB cache registered
 * (page_set_code_hook: core/ knows nothing of tcg/).
 *
 * page_unprotect also tells the handler whether the translation that is
 * running (the host pc of the faulting store) was one of those dropped and
 * covers the written address.  Then the rest of that block is stale: the
 * handler must not simply retry the store and go on, but restore the guest
 * state at the storing instruction, run that instruction alone, and go on
 * with fresh translations (linux-user/signal.c, tcg/tb.c
 * tb_request_one_insn), so code that rewrites itself inside one block (as
 * x86 programs do) sees the new instruction at the next step.
 */
#include <sched.h>
#include <sys/mman.h>

#include "guest.h"
#include "include/forklocks.h"
#include "include/coldbss.h"

static PageCodeHook code_hook;

/*
 * Data next to code.  A page that holds both code and often-written data
 * (SPARC's and old PowerPC's PLT sits in the writable data segment, next to
 * .data and .bss) would fault, unprotect, drop its translations and be
 * translated and protected again on every write: one mprotect pair and a
 * TLB shootdown per store.  After SELFCHECK_FLIPS writes that hit no
 * translated code (tb_invalidate_for_write tells page_note_data_write),
 * the page is no longer protected; the TB cache checks the guest bytes of
 * each of its TBs against a copy before entering it instead (tcg/tb.c,
 * TranslationBlock.check_copy), and a TB there ends after each instruction
 * that stores (tcg/translator.c), so that code which rewrites the rest of
 * its own block is seen at the next instruction, as with protection.  Writes
 * that hit live translated code never count.
 */
#define SELFCHECK_FLIPS 16
static COLD_BSS uint8_t page_flips[GUEST_NB_PAGES];

/* page_prot_spin makes a page's PAGE_CODE/PAGE_WRITE_ORG flags and its host
   protection change together: whoever holds it sees "WRITE_ORG set" exactly
   when the host page is read-only for code protection.  It is a spinlock
   because page_unprotect takes it in the SIGSEGV handler; the holders only
   update flags and call mprotect, so they never fault or block while
   holding it.  Lock order: guest_mem_lock -> page_prot_spin. */
static FORK_LOCK int page_prot_spin;

void page_prot_lock(void)
{
    while (__atomic_exchange_n(&page_prot_spin, 1, __ATOMIC_ACQUIRE))
        while (__atomic_load_n(&page_prot_spin, __ATOMIC_RELAXED))
            __builtin_ia32_pause();
}

void page_prot_unlock(void) { __atomic_store_n(&page_prot_spin, 0, __ATOMIC_RELEASE); }

/* A store that faulted on a page that is guest-writable, host-writable now
   and not code-protected lost a race with another thread's unprotect: it is
   retried.  Only a broken invariant could make that repeat this often in a
   row; then the fault is reported rather than retried forever. */
#define UNPROTECT_MAX_RETRIES 100000

void page_set_code_hook(PageCodeHook fn) { code_hook = fn; }

void page_invalidate_code(uint32_t start, uint32_t end)
{
    if (code_hook && end > start)
        code_hook(start, end, 0, 0);
}

/* Called by the translator under tb_lock (lock order: tb_lock ->
   guest_mem_lock).  The flag updates are atomic because page_unprotect
   runs in a signal handler without the lock. */
bool page_protect_code(uint32_t page)
{
    uint8_t *f = &page_flags[page >> GUEST_PAGE_BITS];
    if (page_is_selfchecked(page)) {
        __atomic_fetch_or(f, PAGE_CODE, __ATOMIC_SEQ_CST); /* munmap still drops its TBs */
        return true;
    }
    guest_mem_lock();
    page_prot_lock();
    uint8_t old = __atomic_fetch_or(f, PAGE_CODE, __ATOMIC_SEQ_CST);
    if ((old & PAGE_WRITE) && !(old & PAGE_WRITE_ORG)) {
        mprotect(g2h(page & GUEST_PAGE_MASK), GUEST_PAGE_SIZE, PROT_READ);
        __atomic_fetch_or(f, PAGE_WRITE_ORG, __ATOMIC_SEQ_CST);
    }
    page_prot_unlock();
    guest_mem_unlock();
    return false;
}

bool page_is_selfchecked(uint32_t addr)
{
    return __atomic_load_n(&page_flips[addr >> GUEST_PAGE_BITS], __ATOMIC_RELAXED) >= SELFCHECK_FLIPS;
}

void page_note_data_write(uint32_t page)
{
    uint8_t *n = &page_flips[page >> GUEST_PAGE_BITS];
    if (__atomic_load_n(n, __ATOMIC_RELAXED) < SELFCHECK_FLIPS)
        __atomic_fetch_add(n, 1, __ATOMIC_RELAXED);
}

/* SIGSEGV path (no locks of ours but page_prot_spin, then the hook). */
int page_unprotect(uint32_t addr, uintptr_t host_pc)
{
    static __thread unsigned races;
    uint32_t page = addr & GUEST_PAGE_MASK;
    uint8_t *f = &page_flags[page >> GUEST_PAGE_BITS];
    page_prot_lock();
    uint8_t flags = __atomic_load_n(f, __ATOMIC_SEQ_CST);
    if (!(flags & PAGE_WRITE_ORG)) {
        page_prot_unlock();
        /* Not code-protected: either a real fault (the guest may not
           write here), or another thread unprotected the page between our
           store's fault and the lock, and the store can simply go again. */
        if (!(flags & PAGE_WRITE) || ++races > UNPROTECT_MAX_RETRIES) {
            races = 0;
            return PAGE_UNPROTECT_NO;
        }
        sched_yield();
        return PAGE_UNPROTECT_DONE;
    }
    races = 0;
    /* Unprotect before invalidating: a TB another thread translates from
       this page after the invalidation then protects the page again. */
    __atomic_fetch_and(f, (uint8_t) ~(PAGE_WRITE_ORG | PAGE_CODE), __ATOMIC_SEQ_CST);
    mprotect(g2h(page), GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE);
    page_prot_unlock();
    if (code_hook && code_hook(page, page + GUEST_PAGE_SIZE, host_pc, addr))
        return PAGE_UNPROTECT_RUNNING_TB;
    return PAGE_UNPROTECT_DONE;
}

void page_range_unprotect(uint32_t addr, uint32_t len)
{
    uint64_t end = (uint64_t)addr + len;
    for (uint64_t p = addr & GUEST_PAGE_MASK; p < end; p += GUEST_PAGE_SIZE)
        if (page_flags[p >> GUEST_PAGE_BITS] & PAGE_WRITE_ORG)
            page_unprotect((uint32_t)p, 0);
}

bool page_range_has_code(uint32_t addr, uint64_t len)
{
    uint64_t end = ((uint64_t)addr + len + GUEST_PAGE_SIZE - 1) & ~(uint64_t)(GUEST_PAGE_SIZE - 1);
    for (uint64_t p = addr >> GUEST_PAGE_BITS; p < end >> GUEST_PAGE_BITS; p++)
        if (page_flags[p] & PAGE_CODE)
            return true;
    return false;
}

bool page_range_may_hold_code(uint32_t addr, uint64_t len)
{
    uint64_t end = ((uint64_t)addr + len + GUEST_PAGE_SIZE - 1) & ~(uint64_t)(GUEST_PAGE_SIZE - 1);
    int fetch_write = guest_fetch_flag | PAGE_WRITE;
    for (uint64_t p = addr >> GUEST_PAGE_BITS; p < end >> GUEST_PAGE_BITS; p++)
        if ((page_flags[p] & PAGE_CODE) || (page_flags[p] & fetch_write) == fetch_write)
            return true;
    return false;
}
