/*
 * Guest memory management: the mmap family of syscalls (include/guest.h),
 * built on the core memory module (core/guest-mem.c: the window, the page
 * flags and guest_mem_lock; core/page.c: code-page protection).
 *
 * The guest owns one 4 GiB window of host address space reserved at start-up
 * (PROT_NONE, MAP_NORESERVE).  Every guest mapping is a host mapping placed
 * with MAP_FIXED inside the window; "unmapping" puts the range back to the
 * reserved PROT_NONE state instead of returning it to the host, so nothing
 * of the emulator ever lands inside the window.
 *
 * page_flags holds one byte per 4 KiB guest page: PAGE_VALID means "the guest
 * has something mapped here" (even PROT_NONE), PAGE_READ/WRITE/EXEC are the
 * guest's view of the protection.  PAGE_CODE marks pages the translator has
 * read code from; PAGE_WRITE_ORG marks such pages the guest may write but the
 * host keeps read-only (core/page.c).  A mapping change over code pages
 * drops their translations (page_invalidate_code).
 *
 * Guest MAP_ and PROT_ values are the generic Linux ones (same as the
 * x86-64 host and ARM); a target with other values converts in syscall.c.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guest.h"
#include "tcg/pcache.h"

/* Lowest address a guest MAP_FIXED may use (Linux mmap_min_addr). */
#define MMAP_MIN_ADDR 0x1000u
/* End of the address space a 32-bit Linux process can have (its
   TASK_SIZE): the top page is never the process's, whatever the kernel
   (a 32-bit kernel or a 64-bit one's compat mode) ends it lower or not. */
#define TASK_TOP 0xfffff000u
/* Placement search: top-down from MMAP_TOP to MMAP_LOW, then from the top of
   the window (below the ARM kuser page at 0xffff0000) down to MMAP_TOP. */
#define MMAP_TOP 0xf7000000u
#define MMAP_LOW 0x00010000u
#define WINDOW_TOP 0xffff0000u

static uint32_t brk_start, brk_cur, brk_end; /* brk_end: page-aligned end of mapped heap */
/* The target's special page while it is still the one process_init mapped
   (guest_mark_special); 0 once replaced, moved or unmapped. */
static uint32_t special_page;

static inline uint32_t page_of(uint32_t addr)
{
    return addr >> GUEST_PAGE_BITS;
}
static inline uint64_t page_up(uint64_t x)
{
    return (x + GUEST_PAGE_SIZE - 1) & ~(uint64_t)(GUEST_PAGE_SIZE - 1);
}

/* ---- helpers (called with guest_mem_lock held) ------------------------------- */

static bool overlaps_special(uint32_t addr, uint64_t len)
{
    return special_page && special_page < (uint64_t)addr + len &&
           addr < (uint64_t)special_page + GUEST_PAGE_SIZE;
}

/* A layout change over [addr, addr+len): the special page is no more. */
static void special_gone(uint32_t addr, uint64_t len)
{
    if (overlaps_special(addr, len))
        __atomic_store_n(&special_page, 0, __ATOMIC_RELEASE);
}

static int host_prot(int prot)
{
    int h = 0;
    if (prot & (PROT_READ | PROT_EXEC))
        h |= PROT_READ;
    if (prot & PROT_WRITE)
        h |= PROT_READ | PROT_WRITE;
    return h;
}

static int prot_to_flags(int prot)
{
    int f = PAGE_VALID;
    if (prot & (PROT_READ | PROT_WRITE))
        f |= PAGE_READ;
    if (prot & PROT_WRITE)
        f |= PAGE_WRITE;
    if (prot & PROT_EXEC)
        f |= PAGE_EXEC | PAGE_READ;
    if ((f & PAGE_READ) && !(prot & PROT_READ))
        f |= PAGE_READ_IMPLIED;
    return f;
}

/* True if no page of [addr, addr+len) is mapped by the guest. */
static bool range_free(uint32_t addr, uint64_t len)
{
    uint64_t end = (uint64_t)addr + len;
    if (end > (1ull << 32))
        return false;
    for (uint64_t p = addr >> GUEST_PAGE_BITS; p < page_up(end) >> GUEST_PAGE_BITS; p++)
        if (page_flags[p])
            return false;
    return true;
}

static bool range_has(uint32_t addr, uint64_t len, int flag)
{
    uint64_t end = page_up((uint64_t)addr + len);
    for (uint64_t p = addr >> GUEST_PAGE_BITS; p < end >> GUEST_PAGE_BITS; p++)
        if (page_flags[p] & flag)
            return true;
    return false;
}

/* Highest free range of len bytes (page multiple) inside [low, high).
   memrchr jumps over mapped pages, so a search costs little even with
   many mappings above the hole. */
static int64_t find_top_down(uint32_t low, uint64_t high, uint32_t len)
{
    uint64_t npages = len >> GUEST_PAGE_BITS;
    uint64_t lo = low >> GUEST_PAGE_BITS, p = high >> GUEST_PAGE_BITS;
    while (p > lo) {
        const uint8_t *z = memrchr(page_flags + lo, 0, p - lo);
        if (!z)
            break;
        uint64_t end = (uint64_t)(z - page_flags) + 1; /* free run is [q, end) */
        uint64_t q = end - 1;
        while (q > lo && end - q < npages && page_flags[q - 1] == 0)
            q--;
        if (end - q >= npages)
            return (int64_t)((end - npages) << GUEST_PAGE_BITS);
        p = q;
    }
    return -ENOMEM;
}

/* Lowest free range of len bytes inside [low, high). */
static int64_t find_bottom_up(uint32_t low, uint64_t high, uint32_t len)
{
    uint64_t npages = len >> GUEST_PAGE_BITS;
    uint64_t p = low >> GUEST_PAGE_BITS, hi = high >> GUEST_PAGE_BITS;
    while (p < hi) {
        const uint8_t *z = memchr(page_flags + p, 0, hi - p);
        if (!z)
            break;
        uint64_t start = (uint64_t)(z - page_flags), q = start + 1; /* free run is [start, q) */
        while (q < hi && q - start < npages && page_flags[q] == 0)
            q++;
        if (q - start >= npages)
            return (int64_t)(start << GUEST_PAGE_BITS);
        p = q;
    }
    return -ENOMEM;
}

/* Where a non-fixed mapping of len bytes goes: the hint if it is free, else
   top-down from MMAP_TOP (Linux's layout for 32-bit processes), else the
   space above MMAP_TOP. */
static int64_t place(uint32_t hint, uint32_t len)
{
    hint &= GUEST_PAGE_MASK;
    if (hint >= MMAP_LOW && (uint64_t)hint + len <= WINDOW_TOP && range_free(hint, len))
        return hint;
    int64_t a = find_top_down(MMAP_LOW, MMAP_TOP, len);
    if (a < 0)
        a = find_top_down(MMAP_TOP, WINDOW_TOP, len);
    return a;
}

/* Put [addr, addr+len) back into the reserved state. */
static int reserve(uint32_t addr, uint64_t len)
{
    void *p = mmap(g2h(addr), len, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
    if (p == MAP_FAILED)
        return -errno;
    return 0;
}

/* ---- mmap / munmap / mprotect ------------------------------------------- */

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux 5.14 */
#endif

/* Small private writable mappings are made present when they are made (at
   most PREFAULT_MAX bytes from where: the first pages of a bigger heap
   extension), in one call: the guest writes them right away (an ELF data
   segment and its bss, which the dynamic loader relocates; a small
   allocation), and a page fault costs as much as populating ~15 pages
   here (~15-25 us against ~0.85 us a page), so this is a win as soon as
   one of the pages is written.  A hint: failure leaves the faults. */
#define PREFAULT_MAX (16u * GUEST_PAGE_SIZE)

static void prefault_write(uint32_t where, uint64_t len)
{
    madvise(g2h(where), len < PREFAULT_MAX ? len : PREFAULT_MAX, MADV_POPULATE_WRITE);
}

#define MAP_TYPE_MASK 0x0f
/* Guest flags passed on to the host.  MAP_GROWSDOWN is not: the guest's
   stacks are fixed-size inside the window. */
#define HOST_FLAGS_OK (MAP_NORESERVE | MAP_POPULATE | MAP_NONBLOCK | MAP_LOCKED | MAP_STACK)

static int64_t do_mmap(uint32_t addr, uint32_t len, int prot, int flags, int fd, uint64_t off,
                       bool *had_code)
{
    if (!len)
        return -EINVAL;
    if (off & (GUEST_PAGE_SIZE - 1))
        return -EINVAL;
    int type = flags & MAP_TYPE_MASK;
    if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE)
        return -EINVAL;
    if (flags & MAP_HUGETLB)
        return -EINVAL;
    uint64_t alen = page_up(len);
    if (alen > WINDOW_TOP)
        return -ENOMEM;
    bool fixed = flags & (MAP_FIXED | MAP_FIXED_NOREPLACE);
    int64_t where;
    if (fixed) {
        if (addr & (GUEST_PAGE_SIZE - 1))
            return -EINVAL;
        if ((uint64_t)addr + alen > TASK_TOP)
            return -ENOMEM;
        if (addr < MMAP_MIN_ADDR)
            return -EPERM;
        if ((flags & MAP_FIXED_NOREPLACE) && !range_free(addr, alen))
            return -EEXIST;
        where = addr;
    } else {
        where = place(addr, (uint32_t)alen);
        if (where < 0)
            return where;
    }
    int hflags =
        MAP_FIXED | (type == MAP_PRIVATE ? MAP_PRIVATE : MAP_SHARED) | (flags & HOST_FLAGS_OK);
    if (flags & MAP_ANONYMOUS) {
        hflags |= MAP_ANONYMOUS;
        fd = -1;
        off = 0;
    }
    if (page_range_has_code((uint32_t)where, alen))
        *had_code = true;
    special_gone((uint32_t)where, alen);
    void *p = mmap(g2h((uint32_t)where), alen, host_prot(prot), hflags, fd, (off_t)off);
    if (p == MAP_FAILED) {
        int e = errno;
        /* The host may have unmapped the range before failing (as Linux
           may for a guest MAP_FIXED): take it back into the window. */
        reserve((uint32_t)where, alen);
        page_set_flags((uint32_t)where, (uint32_t)alen, 0);
        return -e;
    }
    page_set_flags((uint32_t)where, (uint32_t)alen, prot_to_flags(prot) | (fd < 0 ? PAGE_ANON : 0));
    if (type == MAP_PRIVATE && (prot & PROT_WRITE) && alen <= PREFAULT_MAX &&
        !(flags & MAP_NORESERVE)) {
        /* (of a regular file only: a device's pages are its business) */
        struct stat st;
        if (fd < 0 || (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)))
            prefault_write((uint32_t)where, alen);
    }
    if (fd >= 0 && (prot & PROT_EXEC) && !(prot & PROT_WRITE))
        pcache_note_file_map((uint32_t)where, (uint32_t)alen, fd, off); /* code from a file */
    return where;
}

int64_t guest_mmap(uint32_t addr, uint32_t len, int prot, int flags, int fd, uint64_t off)
{
    bool had_code = false;
    guest_mem_lock();
    int64_t r = do_mmap(addr, len, prot, flags, fd, off, &had_code);
    guest_mem_unlock();
    /* Only MAP_FIXED can replace pages (placement picks free ones), so the
       replaced range starts at addr, even if the new mapping failed. */
    if (had_code)
        page_invalidate_code(addr, (uint32_t)(addr + page_up(len)));
    return r;
}

static int do_munmap(uint32_t addr, uint32_t len, bool *had_code)
{
    if ((addr & (GUEST_PAGE_SIZE - 1)) || !len)
        return -EINVAL;
    uint64_t alen = page_up(len);
    if ((uint64_t)addr + alen > TASK_TOP)
        return -EINVAL;
    if (range_free(addr, alen))
        return 0;
    if (page_range_has_code(addr, alen))
        *had_code = true;
    int r = reserve(addr, alen);
    if (r == 0) {
        page_set_flags(addr, (uint32_t)alen, 0);
        special_gone(addr, alen);
    }
    return r;
}

int guest_munmap(uint32_t addr, uint32_t len)
{
    bool had_code = false;
    guest_mem_lock();
    int r = do_munmap(addr, len, &had_code);
    guest_mem_unlock();
    if (had_code)
        page_invalidate_code(addr, (uint32_t)(addr + page_up(len)));
    return r;
}

int guest_mprotect(uint32_t addr, uint32_t len, int prot)
{
    bool drop_code = false;
    if (addr & (GUEST_PAGE_SIZE - 1))
        return -EINVAL;
    if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN | PROT_GROWSUP))
        return -EINVAL;
    if (!len)
        return 0;
    uint64_t alen = page_up(len);
    if ((uint64_t)addr + alen > (1ull << 32))
        return -ENOMEM;
    int r = 0;
    guest_mem_lock();
    /* Linux fails with ENOMEM if any page of the range is unmapped. */
    for (uint64_t p = addr >> GUEST_PAGE_BITS; p < (addr + alen) >> GUEST_PAGE_BITS; p++)
        if (!(page_flags[p] & PAGE_VALID)) {
            r = -ENOMEM;
            goto out;
        }
    /* A special mapping has no VM_MAYWRITE. */
    if ((prot & PROT_WRITE) && overlaps_special(addr, alen)) {
        r = -EACCES;
        goto out;
    }
    int hp = host_prot(prot);
    int nf = prot_to_flags(prot);
    /* Translations of pages whose code can no longer be fetched go (its
       next run faults), and so do the fetch faults of pages that can be
       now (a TB on a page marks it PAGE_CODE; dropped after the lock: the
       TB cache takes its own). */
    for (uint64_t p = addr >> GUEST_PAGE_BITS; p < (addr + alen) >> GUEST_PAGE_BITS; p++)
        if ((page_flags[p] & PAGE_CODE) && (page_flags[p] & guest_fetch_flag) != (nf & guest_fetch_flag))
            drop_code = true;
    /* Pages holding translated code stay host read-only: split the range
       into runs of code / non-code pages. */
    uint64_t p = addr >> GUEST_PAGE_BITS, end = (addr + alen) >> GUEST_PAGE_BITS;
    while (p < end) {
        bool code = page_flags[p] & PAGE_CODE;
        uint64_t q = p;
        while (q < end && !!(page_flags[q] & PAGE_CODE) == code)
            q++;
        int h = code ? hp & ~PROT_WRITE : hp;
        page_prot_lock(); /* against a store fault's page_unprotect */
        if (mprotect(g2h((uint32_t)(p << GUEST_PAGE_BITS)), (q - p) << GUEST_PAGE_BITS, h) != 0) {
            r = -errno;
            page_prot_unlock();
            goto out;
        }
        for (uint64_t i = p; i < q; i++) {
            int keep = page_flags[i] & (PAGE_ANON | PAGE_CODE);
            int f = nf | keep;
            if (code && (nf & PAGE_WRITE))
                f |= PAGE_WRITE_ORG;
            page_flags[i] = (uint8_t)f;
        }
        page_prot_unlock();
        p = q;
    }
    pcache_note_flags(addr, (uint32_t)alen, nf);
out:
    guest_mem_unlock();
    if (drop_code)
        page_invalidate_code(addr, (uint32_t)(addr + alen));
    return r;
}

/* ---- mremap ------------------------------------------------------------- */

static int flags_to_host_prot(int f)
{
    return (f & PAGE_READ ? PROT_READ : 0) | (f & PAGE_WRITE ? PROT_WRITE : 0);
}

/* Give every page of [addr, addr+len) the host protection its flags ask for
   (used after moving or growing pages that were code-protected). */
static void sync_host_prot(uint32_t addr, uint64_t len)
{
    for (uint64_t a = addr; a < addr + len; a += GUEST_PAGE_SIZE)
        mprotect(g2h((uint32_t)a), GUEST_PAGE_SIZE,
                 flags_to_host_prot(page_flags[a >> GUEST_PAGE_BITS]));
}

static int64_t do_mremap(uint32_t old, uint64_t olen, uint64_t nlen, int flags, uint32_t new_addr,
                         bool *had_code)
{
    for (uint64_t p = old >> GUEST_PAGE_BITS; p < (old + olen) >> GUEST_PAGE_BITS; p++)
        if (!(page_flags[p] & PAGE_VALID))
            return -EFAULT;
    uint8_t f0 = page_flags[old >> GUEST_PAGE_BITS] & ~(PAGE_CODE | PAGE_WRITE_ORG);
    bool old_code = range_has(old, olen, PAGE_CODE);
    /* (Moved, the special page is plain memory: mimic's holds no code.) */
    special_gone(old, olen);
    if (flags & MREMAP_FIXED)
        special_gone(new_addr, nlen);

    if (!(flags & MREMAP_FIXED)) {
        if (nlen <= olen) {
            /* Shrink (or same size): drop the tail. */
            if (nlen < olen) {
                int r = do_munmap(old + (uint32_t)nlen, (uint32_t)(olen - nlen), had_code);
                if (r < 0)
                    return r;
            }
            return old;
        }
        /* Grow in place: release the reservation after the mapping so the
           host can extend it (works for file mappings too). */
        uint32_t tail = old + (uint32_t)olen;
        if ((uint64_t)old + nlen <= WINDOW_TOP && range_free(tail, nlen - olen)) {
            munmap(g2h(tail), nlen - olen);
            void *p = mremap(g2h(old), olen, nlen, 0);
            if (p != MAP_FAILED) {
                page_set_flags(tail, (uint32_t)(nlen - olen), f0);
                sync_host_prot(tail, nlen - olen);
                return old;
            }
            reserve(tail, nlen - olen);
        }
        if (!(flags & MREMAP_MAYMOVE))
            return -ENOMEM;
    }

    /* Move. */
    int64_t dest;
    if (flags & MREMAP_FIXED) {
        if ((uint64_t)new_addr + nlen > TASK_TOP || new_addr < MMAP_MIN_ADDR)
            return -EINVAL;
        if ((uint64_t)new_addr < old + olen && old < new_addr + nlen)
            return -EINVAL; /* the ranges may not overlap */
        if (range_has(new_addr, nlen, PAGE_CODE))
            *had_code = true;
        dest = new_addr;
    } else {
        dest = place(0, (uint32_t)nlen);
        if (dest < 0)
            return dest;
    }
    if (old_code) {
        /* Code pages are host read-only; the TBs will be invalidated. */
        *had_code = true;
    }
    uint64_t move = olen < nlen ? olen : nlen;
    if (nlen < olen) {
        int r = do_munmap(old + (uint32_t)nlen, (uint32_t)(olen - nlen), had_code);
        if (r < 0)
            return r;
    }
    void *p = mremap(g2h(old), move, nlen, MREMAP_MAYMOVE | MREMAP_FIXED, g2h((uint32_t)dest));
    if (p == MAP_FAILED)
        return -errno;
    /* The host unmapped the source: take it back into the window. */
    reserve(old, move);
    uint32_t dp = (uint32_t)dest >> GUEST_PAGE_BITS, op = old >> GUEST_PAGE_BITS;
    for (uint64_t i = 0; i < nlen >> GUEST_PAGE_BITS; i++) {
        uint8_t f = i < (move >> GUEST_PAGE_BITS) ? page_flags[op + i] : f0;
        page_flags[dp + i] = f & ~(PAGE_CODE | PAGE_WRITE_ORG);
    }
    page_set_flags(old, (uint32_t)move, 0);
    if (old_code)
        sync_host_prot((uint32_t)dest, nlen);
    return dest;
}

int64_t guest_mremap(uint32_t old, uint32_t old_len, uint32_t new_len, int flags, uint32_t new_addr)
{
    if (old & (GUEST_PAGE_SIZE - 1))
        return -EINVAL;
    if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED))
        return -EINVAL; /* MREMAP_DONTUNMAP: not implemented */
    if ((flags & MREMAP_FIXED) && (!(flags & MREMAP_MAYMOVE) || (new_addr & (GUEST_PAGE_SIZE - 1))))
        return -EINVAL;
    if (!new_len || !old_len)
        return -EINVAL; /* old_len 0 (duplicate a shared mapping): not implemented */
    uint64_t olen = page_up(old_len), nlen = page_up(new_len);
    /* As Linux: an old range that is not (entirely) mapped is EFAULT, past
       the end of the address space too; a new size that cannot fit is
       EINVAL for MREMAP_FIXED, ENOMEM otherwise (no room to grow or move). */
    if ((uint64_t)old + olen > (1ull << 32))
        return -EFAULT;
    if (nlen > WINDOW_TOP)
        return flags & MREMAP_FIXED ? -EINVAL : -ENOMEM;
    bool had_code = false;
    guest_mem_lock();
    int64_t r = do_mremap(old, olen, nlen, flags, new_addr, &had_code);
    guest_mem_unlock();
    if (had_code) {
        page_invalidate_code(old, (uint32_t)(old + olen));
        if (r >= 0)
            page_invalidate_code((uint32_t)r, (uint32_t)(r + nlen));
    }
    return r;
}

void guest_mark_special(uint32_t addr)
{
    guest_mem_lock();
    special_page = addr & GUEST_PAGE_MASK;
    guest_mem_unlock();
}

bool guest_special_intact(uint32_t addr)
{
    uint32_t s = __atomic_load_n(&special_page, __ATOMIC_ACQUIRE);
    return s && (addr & GUEST_PAGE_MASK) == s;
}

/* ---- brk ---------------------------------------------------------------- */

void guest_brk_init(uint32_t start)
{
    brk_start = brk_cur = brk_end = (uint32_t)page_up(start);
}

uint32_t guest_brk(uint32_t new_brk)
{
    guest_mem_lock();
    uint32_t ret = brk_cur;
    if (new_brk < brk_start || !brk_start)
        goto out;
    uint64_t want = page_up(new_brk);
    if (want > WINDOW_TOP)
        goto out;
    if (want > brk_end) {
        if (!range_free(brk_end, want - brk_end))
            goto out;
        void *p = mmap(g2h(brk_end), want - brk_end, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (p == MAP_FAILED)
            goto out;
        page_set_flags(brk_end, (uint32_t)(want - brk_end),
                       PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_ANON);
        prefault_write(brk_end, want - brk_end); /* (malloc writes there next) */
    } else if (want < brk_end) {
        bool had_code = false;
        do_munmap((uint32_t)want, (uint32_t)(brk_end - want), &had_code);
        /* A heap never holds translated code we need to keep; drop it. */
        if (had_code) {
            guest_mem_unlock();
            page_invalidate_code((uint32_t)want, brk_end);
            guest_mem_lock();
        }
    }
    brk_end = (uint32_t)want;
    brk_cur = ret = new_brk;
out:
    guest_mem_unlock();
    return ret;
}

int64_t guest_find_free(uint32_t hint, uint32_t len)
{
    if (!len)
        return -EINVAL;
    uint64_t alen = page_up(len);
    if (alen > WINDOW_TOP)
        return -ENOMEM;
    guest_mem_lock();
    uint32_t low = hint < MMAP_LOW ? MMAP_LOW : hint & GUEST_PAGE_MASK;
    int64_t r = find_bottom_up(low, WINDOW_TOP, (uint32_t)alen);
    guest_mem_unlock();
    return r;
}
