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
#include <time.h>
#include <sys/mman.h>

#include "guest.h"

static PageCodeHook code_hook;

/* How long a store that faulted on a guest-writable page another thread
   is protecting or unprotecting is retried (page_unprotect); faults further
   apart than the gap start a new episode. */
#define UNPROTECT_RACE_NS 200000000u   /* 0.2 s */
#define UNPROTECT_RACE_GAP_NS 10000000u /* 10 ms */

void page_set_code_hook(PageCodeHook fn) { code_hook = fn; }

void page_invalidate_code(uint32_t start, uint32_t end)
{
    if (code_hook && end > start)
        code_hook(start, end, 0, 0);
}

/* Called by the translator under tb_lock (lock order: tb_lock ->
   guest_mem_lock).  The flag updates are atomic because page_unprotect
   runs in a signal handler without the lock. */
void page_protect_code(uint32_t page)
{
    guest_mem_lock();
    uint8_t *f = &page_flags[page >> GUEST_PAGE_BITS];
    uint8_t old = __atomic_fetch_or(f, PAGE_CODE, __ATOMIC_SEQ_CST);
    if ((old & PAGE_WRITE) && !(old & PAGE_WRITE_ORG)) {
        mprotect(g2h(page & GUEST_PAGE_MASK), GUEST_PAGE_SIZE, PROT_READ);
        __atomic_fetch_or(f, PAGE_WRITE_ORG, __ATOMIC_SEQ_CST);
    }
    guest_mem_unlock();
}

/* SIGSEGV path (no locks of ours, only mprotect and the hook). */
int page_unprotect(uint32_t addr, uintptr_t host_pc)
{
    uint32_t page = addr & GUEST_PAGE_MASK;
    uint8_t *f = &page_flags[page >> GUEST_PAGE_BITS];
    uint8_t flags = __atomic_load_n(f, __ATOMIC_SEQ_CST);
    if (!(flags & PAGE_WRITE_ORG)) {
        /* A guest-writable page that is host read-only without WRITE_ORG
           is in the middle of another thread's change: page_protect_code
           between its mprotect and setting WRITE_ORG, or page_unprotect
           between clearing it and its mprotect.  Let that thread finish and
           retry the store (bounded: after that it is a real fault). */
        static __thread uint64_t race_start, race_last;
        if (!(flags & PAGE_WRITE))
            return PAGE_UNPROTECT_NO;
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        uint64_t now = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
        if (now - race_last > UNPROTECT_RACE_GAP_NS)
            race_start = now; /* a new episode */
        race_last = now;
        if (now - race_start > UNPROTECT_RACE_NS)
            return PAGE_UNPROTECT_NO;
        sched_yield();
        return PAGE_UNPROTECT_DONE;
    }
    /* Unprotect before invalidating: a TB another thread translates from
       this page after the invalidation then protects the page again. */
    __atomic_fetch_and(f, (uint8_t) ~(PAGE_WRITE_ORG | PAGE_CODE), __ATOMIC_SEQ_CST);
    mprotect(g2h(page), GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE);
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
