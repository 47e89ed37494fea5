/*
 * Guest memory: one 4 GiB window of host address space (DESIGN.md).
 * host = guest_base + (uint32_t)guest.  Page flags track what the guest has
 * mapped and which pages are write-protected because they hold translated code.
 *
 * The window, the flags, the checked copies (core/guest-mem.c) and the
 * code-page protection (core/page.c) are the core memory module, used by
 * tcg/ and linux-user/ alike; the guest mmap family at the end is the OS
 * layer's (linux-user/mmap.c), built on them.
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
/* The page flag code fetch needs: PAGE_EXEC, or PAGE_READ for a program
   that runs with READ_IMPLIES_EXEC (Linux gives it to binaries without a
   non-executable PT_GNU_STACK; the ELF loader sets this). */
extern int guest_fetch_flag;

enum {
    PAGE_VALID = 1,
    PAGE_READ = 2,
    PAGE_WRITE = 4,
    PAGE_EXEC = 8,
    PAGE_WRITE_ORG = 16, /* guest-writable, host-protected: holds translated code */
    PAGE_ANON = 32,
    PAGE_CODE = 64,      /* the translator has read code from this page */
    /* Readable only because writing or executing implies it on the CPU: the
       guest did not ask for PROT_READ (/proc/self/maps shows '-'). */
    PAGE_READ_IMPLIED = 128,
};

static inline void *g2h(uint32_t addr) { return (void *)(guest_base + addr); }
static inline uint32_t h2g(const void *p) { return (uint32_t)((uintptr_t)p - guest_base); }
static inline bool h_in_guest(uintptr_t p) { return p - guest_base < (1ull << 32); }

/* Reserve the window (once, at start-up).  Returns false with errno set. */
bool guest_mem_init(void);
/* Serializes layout changes (mmap family) with code-page protection.
   Lock order: tb_lock -> guest_mem_lock. */
void guest_mem_lock(void);
void guest_mem_unlock(void);
/* Set flags for [start, start+len) (page-rounded). */
void page_set_flags(uint32_t start, uint32_t len, int flags);
/* Called by page_set_flags with its arguments when set (the persistent
   translation cache, tcg/pcache.c, follows mappings this way). */
extern void (*page_flags_hook)(uint32_t start, uint32_t len, int flags);
int page_get_flags(uint32_t addr);
/* True if every page of [addr, addr+len) has all of `flags`. */
bool guest_range_ok(uint32_t addr, uint32_t len, int flags);


/* Copying to and from the guest with validity checks (core/guest-mem.c):
   return -EFAULT. */
int copy_from_guest(void *dst, uint32_t src, size_t len);
int copy_to_guest(uint32_t dst, const void *src, size_t len);
/* Length of a NUL-terminated guest string, or -EFAULT. */
long guest_strlen(uint32_t addr, size_t max);

/* ---- Code pages (core/page.c) ---- */

/* The TB cache's hook: drop the translations of guest range [start, end);
   return true when the one whose host code contains host_pc (0: none) was
   among them and covers guest address addr (the write that faulted). */
typedef bool (*PageCodeHook)(uint32_t start, uint32_t end, uintptr_t host_pc, uint32_t addr);
void page_set_code_hook(PageCodeHook fn);
/* Drop the translations of [start, end) (the guest remapped or changed it). */
void page_invalidate_code(uint32_t start, uint32_t end);
/* Called by the translator for each page it reads code from: write-protect it
   on the host so a guest write invalidates the TBs (self-modifying code).
   True: the page is not protected (it holds often-written data next to its
   code) and its TBs must check their guest bytes before each run. */
bool page_protect_code(uint32_t page);
/* The page is self-checked (see page_protect_code). */
bool page_is_selfchecked(uint32_t addr);
/* A write to page invalidated translations but overlapped none of their
   code (data next to code); enough of them make the page self-checked. */
void page_note_data_write(uint32_t page);
/* Held while a code page's flags and host protection change together
   (core/page.c; taken inside guest_mem_lock, never across a fault). */
void page_prot_lock(void);
void page_prot_unlock(void);
/* SIGSEGV path, for a write at guest addr by host code at host_pc.
   PAGE_UNPROTECT_NO: not a code-protected page (a real fault).
   PAGE_UNPROTECT_DONE: the page is writable again and its translations are
   gone; retry the store.  PAGE_UNPROTECT_RUNNING_TB: the same, and the
   running translation was one of them and covers addr: restore the state
   at the store, run that instruction alone, then go on (tb_request_one_insn). */
enum { PAGE_UNPROTECT_NO = 0, PAGE_UNPROTECT_DONE, PAGE_UNPROTECT_RUNNING_TB };
int page_unprotect(uint32_t addr, uintptr_t host_pc);
/* Make the code-protected pages of a range writable (the host is about to
   write there, e.g. read(2) into guest memory). */
void page_range_unprotect(uint32_t addr, uint32_t len);
/* True if a page of [addr, addr+len) holds translated code, or is writable
   and fetchable, so that a thread may translate from it at any moment. */
bool page_range_may_hold_code(uint32_t addr, uint64_t len);
/* True if a page of [addr, addr+len) holds translated code. */
bool page_range_has_code(uint32_t addr, uint64_t len);

/* ---- The OS layer (linux-user/mmap.c) ---- */

/* Guest memory management syscalls: return a guest address or -errno. */
int64_t guest_mmap(uint32_t addr, uint32_t len, int prot, int flags, int fd, uint64_t off);
int guest_munmap(uint32_t addr, uint32_t len);
int guest_mprotect(uint32_t addr, uint32_t len, int prot);
int64_t guest_mremap(uint32_t old, uint32_t old_len, uint32_t new_len, int flags, uint32_t new_addr);
uint32_t guest_brk(uint32_t new_brk);
void guest_brk_init(uint32_t start);
/* The page at addr is a kernel special mapping (ARM's kuser helpers, the
   "[vectors]" of an arm64 kernel's 32-bit processes): it can never be made
   writable (mprotect: EACCES), but the guest may replace it (MAP_FIXED),
   move or unmap it like any mapping, after which it is ordinary memory. */
void guest_mark_special(uint32_t addr);
/* The page at addr is still that special mapping. */
bool guest_special_intact(uint32_t addr);
/* Find a free range of len bytes at or above hint (for the loader). */
int64_t guest_find_free(uint32_t hint, uint32_t len);


/* ---- the guest's randomness (core/random.c) ---- */

/* -seed: from now on guest_getrandom is a reproducible generator. */
void guest_random_seed(uint64_t seed);
/* Fill buf as getrandom(2) would for the guest (AT_RANDOM, getrandom):
   bytes written or -errno.  flags are getrandom's (host values). */
long guest_getrandom(void *buf, size_t len, unsigned flags);

#endif
