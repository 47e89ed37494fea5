/*
 * The guest memory window and its page flags (include/guest.h).
 *
 * The guest owns one 4 GiB window of host address space reserved at start-up
 * (PROT_NONE, MAP_NORESERVE): host = guest_base + (uint32_t)guest.  Who maps
 * what inside it is the OS layer's business (linux-user/mmap.c); this file
 * only keeps the window, one flag byte per 4 KiB guest page (PAGE_VALID:
 * something is mapped here, even PROT_NONE; PAGE_READ/WRITE/EXEC: the
 * guest's view of the protection; PAGE_CODE/PAGE_WRITE_ORG: code pages,
 * core/page.c) and the checked copies between host and guest memory.
 *
 * guest_mem_lock serializes changes of the layout (the OS layer's mmap
 * family) with the translator's code-page protection.  Lock order: tb_lock
 * -> guest_mem_lock; nothing calls into the TB cache while holding it.
 */
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>

#include "guest.h"
#include "include/forklocks.h"

/* 64 KiB guard, 4 GiB, 64 KiB guard: generated code folds displacements
   of -64 KiB < d < 64 KiB into its accesses ([guest_base + a + d], without
   the 32-bit wrap: tcg/x86/backend.c, fold_address), and an address that
   wraps lands in a guard, where the fault handler finds the wrapped one. */
#define GUARD_BELOW 0x10000
#define WINDOW_SIZE (GUARD_BELOW + (1ull << 32) + 0x10000)

uintptr_t guest_base;
uint8_t *page_flags;
int guest_fetch_flag = PAGE_READ;

static FORK_LOCK pthread_mutex_t mem_lock = PTHREAD_MUTEX_INITIALIZER;

void guest_mem_lock(void) { pthread_mutex_lock(&mem_lock); }
void guest_mem_unlock(void) { pthread_mutex_unlock(&mem_lock); }

/* A fork while another thread maps memory must not leave the child with
   the lock held. */
static void fork_prepare(void) { pthread_mutex_lock(&mem_lock); }
static void fork_parent(void) { pthread_mutex_unlock(&mem_lock); }
/* The child also frees page_prot_spin: a thread in page_unprotect (a store
   fault, which does not take mem_lock) may have held it at the fork. */
static void fork_child(void)
{
    pthread_mutex_init(&mem_lock, NULL);
    page_prot_unlock();
}

bool guest_mem_init(void)
{
    if (guest_base)
        return true;
    void *p =
        mmap(NULL, WINDOW_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return false;
    /* 1 MiB of flags; untouched pages stay shared zero pages. */
    void *f = mmap(NULL, GUEST_NB_PAGES, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (f == MAP_FAILED) {
        int e = errno;
        munmap(p, WINDOW_SIZE);
        errno = e;
        return false;
    }
    guest_base = (uintptr_t)p + GUARD_BELOW;
    page_flags = f;
    pthread_atfork(fork_prepare, fork_parent, fork_child);
    return true;
}

/* ---- page flags --------------------------------------------------------- */

void (*page_flags_hook)(uint32_t start, uint32_t len, int flags);

void page_set_flags(uint32_t start, uint32_t len, int flags)
{
    if (!len)
        return;
    if (page_flags_hook)
        page_flags_hook(start, len, flags);
    uint64_t end = ((uint64_t)start + len + GUEST_PAGE_SIZE - 1) & ~(uint64_t)(GUEST_PAGE_SIZE - 1);
    for (uint64_t p = start >> GUEST_PAGE_BITS; p < end >> GUEST_PAGE_BITS; p++)
        page_flags[p] = (uint8_t)flags;
}

int page_get_flags(uint32_t addr)
{
    return page_flags[addr >> GUEST_PAGE_BITS];
}

bool guest_range_ok(uint32_t addr, uint32_t len, int flags)
{
    if (!len)
        return true;
    uint64_t end = (uint64_t)addr + len;
    if (end > (1ull << 32))
        return false;
    flags |= PAGE_VALID;
    for (uint64_t p = addr & GUEST_PAGE_MASK; p < end; p += GUEST_PAGE_SIZE)
        if ((page_flags[p >> GUEST_PAGE_BITS] & flags) != flags)
            return false;
    /* A range checked for writing is about to be written by the host (e.g.
       read(2) into guest memory): make code-protected pages writable. */
    if (flags & PAGE_WRITE)
        page_range_unprotect(addr, len);
    return true;
}

/* ---- copying ------------------------------------------------------------ */

int copy_from_guest(void *dst, uint32_t src, size_t len)
{
    if (len > 0xffffffffu || !guest_range_ok(src, (uint32_t)len, PAGE_READ))
        return -EFAULT;
    memcpy(dst, g2h(src), len);
    return 0;
}

int copy_to_guest(uint32_t dst, const void *src, size_t len)
{
    /* guest_range_ok with PAGE_WRITE also unprotects code pages. */
    if (len > 0xffffffffu || !guest_range_ok(dst, (uint32_t)len, PAGE_WRITE))
        return -EFAULT;
    memcpy(g2h(dst), src, len);
    return 0;
}

/* Length of the string at addr; -EFAULT if it runs into an unreadable page,
   -ENAMETOOLONG if there is no NUL in the first max bytes. */
long guest_strlen(uint32_t addr, size_t max)
{
    uint64_t a = addr;
    size_t n = 0;
    while (n < max) {
        if (a >= (1ull << 32))
            return -EFAULT;
        int f = page_flags[a >> GUEST_PAGE_BITS];
        if ((f & (PAGE_VALID | PAGE_READ)) != (PAGE_VALID | PAGE_READ))
            return -EFAULT;
        uint64_t page_end = (a | (GUEST_PAGE_SIZE - 1)) + 1;
        size_t chunk = page_end - a;
        if (chunk > max - n)
            chunk = max - n;
        const char *s = g2h((uint32_t)a);
        const char *z = memchr(s, 0, chunk);
        if (z)
            return (long)(n + (size_t)(z - s));
        n += chunk;
        a += chunk;
    }
    return -ENAMETOOLONG;
}
