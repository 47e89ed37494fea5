/*
 * Guest memory: one 4 GiB window of host address space (DESIGN.md).
 * host = guest_base + (uint32_t)guest.  Page flags track what the guest has
 * mapped and which pages are write-protected because they hold translated code.
 */
#ifndef MIMIC_GUEST_H
#define MIMIC_GUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GUEST_PAGE_BITS 12
#define GUEST_PAGE_SIZE (1u << GUEST_PAGE_BITS)
#define GUEST_PAGE_MASK (~(uint32_t)(GUEST_PAGE_SIZE - 1))
#define GUEST_NB_PAGES (1u << (32 - GUEST_PAGE_BITS))

extern uintptr_t guest_base;
extern uint8_t *page_flags; /* one byte per guest page */

enum {
    PAGE_VALID = 1,
    PAGE_READ = 2,
    PAGE_WRITE = 4,
    PAGE_EXEC = 8,
    PAGE_WRITE_ORG = 16, /* guest-writable, host-protected: holds translated code */
    PAGE_ANON = 32,
};

static inline void *g2h(uint32_t addr) { return (void *)(guest_base + addr); }
static inline uint32_t h2g(const void *p) { return (uint32_t)((uintptr_t)p - guest_base); }
static inline bool h_in_guest(uintptr_t p) { return p - guest_base < (1ull << 32); }

/* Reserve the window (once, at start-up).  Returns false with errno set. */
bool guest_mem_init(void);
/* Set flags for [start, start+len) (page-rounded). */
void page_set_flags(uint32_t start, uint32_t len, int flags);
int page_get_flags(uint32_t addr);
/* True if every page of [addr, addr+len) has all of `flags`. */
bool guest_range_ok(uint32_t addr, uint32_t len, int flags);

/* Guest memory management syscalls: return a guest address or -errno. */
int64_t guest_mmap(uint32_t addr, uint32_t len, int prot, int flags, int fd, uint64_t off);
int guest_munmap(uint32_t addr, uint32_t len);
int guest_mprotect(uint32_t addr, uint32_t len, int prot);
int64_t guest_mremap(uint32_t old, uint32_t old_len, uint32_t new_len, int flags, uint32_t new_addr);
uint32_t guest_brk(uint32_t new_brk);
void guest_brk_init(uint32_t start);
/* Find a free range of len bytes at or above hint (for the loader). */
int64_t guest_find_free(uint32_t hint, uint32_t len);

/* Called by the translator for each page it reads code from: write-protect it
   on the host so a guest write invalidates the TBs (self-modifying code). */
void page_protect_code(uint32_t page);
/* SIGSEGV path: if addr is on a code-protected page, invalidate its TBs,
   unprotect it and return true (the faulting store is retried). */
bool page_unprotect(uint32_t addr);

/* Copying to and from the guest with validity checks: return -EFAULT. */
int copy_from_guest(void *dst, uint32_t src, size_t len);
int copy_to_guest(uint32_t dst, const void *src, size_t len);
/* Length of a NUL-terminated guest string, or -EFAULT. */
long guest_strlen(uint32_t addr, size_t max);

#endif
