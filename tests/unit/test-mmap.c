/*
 * Guest memory management (linux-user/mmap.c): placement, MAP_FIXED,
 * munmap and reuse, mprotect, mremap, brk, exhaustion, page flags, copying,
 * code-page protection.  Exit 0 = pass; one line per failure and a summary.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "guest.h"
#include "tests/unit/unit-check.h"

/* The core calls the TB cache's hook when code pages change; this test
   registers its own and records the calls (no tcg/ needed). */
static uint32_t inval_start, inval_end;
static int inval_calls;
static bool inval_hook(uint32_t start, uint32_t end, uintptr_t host_pc, uint32_t addr)
{
    inval_start = start;
    inval_end = end;
    inval_calls++;
    return false;
}


#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define PG GUEST_PAGE_SIZE

static bool all_flags(uint32_t a, uint32_t len, int want)
{
    for (uint32_t p = a; p < a + len; p += PG)
        if (page_get_flags(p) != want)
            return false;
    return true;
}

static bool overlaps(int64_t a, uint32_t alen, int64_t b, uint32_t blen)
{
    return a < b + blen && b < a + alen;
}

static void test_placement(void)
{
    int64_t a = guest_mmap(0, 3 * PG, RW, ANON, -1, 0);
    CHECK(a > 0 && !(a & (PG - 1)), "a=%#llx", (long long)a);
    CHECK(a >= 0x10000 && a + 3 * PG <= 0xffff0000u, "a=%#llx", (long long)a);
    CHECK(all_flags((uint32_t)a, 3 * PG, PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_ANON),
          "flags %#x", page_get_flags((uint32_t)a));
    memset(g2h((uint32_t)a), 0x5a, 3 * PG);

    int64_t b = guest_mmap(0, 5000, PROT_READ, ANON, -1, 0);
    CHECK(b > 0 && !overlaps(a, 3 * PG, b, 2 * PG), "a=%#llx b=%#llx", (long long)a, (long long)b);
    CHECK(page_get_flags((uint32_t)b) == (PAGE_VALID | PAGE_READ | PAGE_ANON), "flags %#x",
          page_get_flags((uint32_t)b));

    /* A free hint is honoured, a used one is not. */
    int64_t h = guest_mmap(0x20000000, PG, RW, ANON, -1, 0);
    CHECK(h == 0x20000000, "h=%#llx", (long long)h);
    int64_t h2 = guest_mmap(0x20000000, PG, RW, ANON, -1, 0);
    CHECK(h2 > 0 && h2 != 0x20000000, "h2=%#llx", (long long)h2);
    /* A hint below the minimum is not. */
    int64_t z = guest_mmap(0, PG, RW, ANON, -1, 0);
    CHECK(z >= 0x10000, "z=%#llx", (long long)z);

    /* Bad arguments. */
    CHECK(guest_mmap(0, 0, RW, ANON, -1, 0) == -EINVAL, "len 0");
    CHECK(guest_mmap(0, PG, RW, ANON, -1, 123) == -EINVAL, "unaligned offset");
    CHECK(guest_mmap(0x30000001, PG, RW, ANON | MAP_FIXED, -1, 0) == -EINVAL, "unaligned fixed");
    CHECK(guest_mmap(0, PG, RW, ANON | MAP_FIXED, -1, 0) == -EPERM, "fixed at 0");
    CHECK(guest_mmap(0, PG, RW, MAP_ANONYMOUS, -1, 0) == -EINVAL, "no type");
    CHECK(guest_mmap(0xfffff000u, 2 * PG, RW, ANON | MAP_FIXED, -1, 0) == -ENOMEM, "past 4G");

    guest_munmap((uint32_t)a, 3 * PG);
    guest_munmap((uint32_t)b, 5000);
    guest_munmap((uint32_t)h, PG);
    guest_munmap((uint32_t)h2, PG);
    guest_munmap((uint32_t)z, PG);
}

static void test_fixed(void)
{
    uint32_t base = 0x30000000;
    CHECK(guest_mmap(base, 4 * PG, RW, ANON | MAP_FIXED, -1, 0) == base, "fixed");
    memset(g2h(base), 0x11, 4 * PG);
    /* MAP_FIXED replaces the middle: zero-filled, read-only. */
    CHECK(guest_mmap(base + PG, PG, PROT_READ, ANON | MAP_FIXED, -1, 0) == base + PG, "replace");
    CHECK(*(uint8_t *)g2h(base + PG) == 0, "replaced page not zero");
    CHECK(*(uint8_t *)g2h(base) == 0x11, "neighbour changed");
    CHECK(page_get_flags(base + PG) == (PAGE_VALID | PAGE_READ | PAGE_ANON), "flags %#x",
          page_get_flags(base + PG));
    /* MAP_FIXED_NOREPLACE. */
    CHECK(guest_mmap(base + 3 * PG, 2 * PG, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0) == -EEXIST,
          "noreplace over used");
    CHECK(guest_mmap(base + 4 * PG, 2 * PG, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0) == base + 4 * PG,
          "noreplace on free");
    /* munmap, then the range is free again and reused by a hint. */
    CHECK(guest_munmap(base, 6 * PG) == 0, "munmap");
    CHECK(all_flags(base, 6 * PG, 0), "flags after munmap");
    CHECK(guest_munmap(base, 6 * PG) == 0, "munmap twice");
    CHECK(guest_munmap(base + 1, PG) == -EINVAL, "munmap unaligned");
    CHECK(guest_mmap(base, 2 * PG, RW, ANON, -1, 0) == base, "reuse after munmap");
    CHECK(*(uint8_t *)g2h(base) == 0, "reused page not zero");
    guest_munmap(base, 2 * PG);
}

static void test_mprotect(void)
{
    uint32_t base = 0x31000000;
    guest_mmap(base, 3 * PG, RW, ANON | MAP_FIXED, -1, 0);
    CHECK(guest_mprotect(base, PG, PROT_READ | PROT_EXEC) == 0, "mprotect");
    CHECK(page_get_flags(base) == (PAGE_VALID | PAGE_READ | PAGE_EXEC | PAGE_ANON), "flags %#x",
          page_get_flags(base));
    CHECK(page_get_flags(base + PG) == (PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_ANON),
          "neighbour");
    CHECK(guest_mprotect(base, 4 * PG, PROT_READ) == -ENOMEM, "partly unmapped");
    CHECK(guest_mprotect(base + 1, PG, PROT_READ) == -EINVAL, "unaligned");
    CHECK(guest_mprotect(base, PG, 0x100) == -EINVAL, "bad prot");
    CHECK(guest_mprotect(base, 3 * PG, PROT_NONE) == 0, "PROT_NONE");
    CHECK(page_get_flags(base) == (PAGE_VALID | PAGE_ANON), "flags %#x", page_get_flags(base));
    CHECK(!guest_range_ok(base, 1, PAGE_READ), "range_ok on PROT_NONE");
    guest_munmap(base, 3 * PG);
}

static void test_mremap(void)
{
    uint32_t base = 0x32000000;
    guest_mmap(base, 2 * PG, RW, ANON | MAP_FIXED, -1, 0);
    memset(g2h(base), 0x77, 2 * PG);
    /* Grow in place (the space after is free). */
    CHECK(guest_mremap(base, 2 * PG, 4 * PG, 0, 0) == base, "grow in place");
    CHECK(all_flags(base, 4 * PG, PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_ANON), "grown flags");
    CHECK(*(uint8_t *)g2h(base + PG) == 0x77 && *(uint8_t *)g2h(base + 3 * PG) == 0, "grown data");
    /* Blocked: fails without MAYMOVE, moves with it. */
    guest_mmap(base + 4 * PG, PG, RW, ANON | MAP_FIXED, -1, 0);
    CHECK(guest_mremap(base, 4 * PG, 8 * PG, 0, 0) == -ENOMEM, "blocked");
    int64_t m = guest_mremap(base, 4 * PG, 8 * PG, MREMAP_MAYMOVE, 0);
    CHECK(m > 0 && m != base, "move: %#llx", (long long)m);
    if (m > 0) {
        CHECK(*(uint8_t *)g2h((uint32_t)m + PG) == 0x77, "moved data");
        CHECK(all_flags((uint32_t)m, 8 * PG, PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_ANON),
              "moved flags");
        CHECK(all_flags(base, 4 * PG, 0), "old range freed");
        /* Shrink. */
        CHECK(guest_mremap((uint32_t)m, 8 * PG, 2 * PG, 0, 0) == m, "shrink");
        CHECK(all_flags((uint32_t)m + 2 * PG, 6 * PG, 0), "shrunk tail freed");
        /* Move to a fixed place. */
        int64_t f =
            guest_mremap((uint32_t)m, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, 0x33000000);
        CHECK(f == 0x33000000, "fixed move %#llx", (long long)f);
        CHECK(*(uint8_t *)g2h(0x33000000 + PG) == 0x77, "fixed moved data");
        guest_munmap(0x33000000, 2 * PG);
    }
    CHECK(guest_mremap(0x34000000, PG, 2 * PG, MREMAP_MAYMOVE, 0) == -EFAULT, "unmapped source");
    CHECK(guest_mremap(base + 4 * PG, PG, 2 * PG, MREMAP_FIXED, 0x35000000) == -EINVAL,
          "fixed w/o maymove");
    guest_munmap(base + 4 * PG, PG);
}

static void test_brk(void)
{
    uint32_t start = 0x00200000;
    guest_brk_init(start);
    CHECK(guest_brk(0) == start, "brk(0)");
    CHECK(guest_brk(start + 10000) == start + 10000, "grow");
    CHECK(all_flags(start, 3 * PG, PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_ANON), "heap flags");
    memset(g2h(start), 1, 10000);
    CHECK(guest_brk(start + 100) == start + 100, "shrink");
    CHECK(page_get_flags(start + PG) == 0, "shrunk page freed");
    CHECK(guest_brk(start - PG) == start + 100, "below start refused");
    CHECK(guest_brk(start + 3 * PG) == start + 3 * PG, "regrow");
    CHECK(*(uint8_t *)g2h(start + PG) == 0, "regrown page zero");
    /* Something mapped in the way: brk fails, returns the old value. */
    guest_mmap(start + 8 * PG, PG, RW, ANON | MAP_FIXED, -1, 0);
    CHECK(guest_brk(start + 20 * PG) == start + 3 * PG, "blocked brk");
    CHECK(guest_brk(start + 8 * PG) == start + 8 * PG, "up to the block");
    guest_munmap(start + 8 * PG, PG);
    CHECK(guest_brk(start) == start, "back to start");
    CHECK(all_flags(start, 9 * PG, 0), "heap gone");
}

static void test_exhaustion(void)
{
    int64_t addrs[64];
    int n = 0;
    int64_t r;
    while (n < 64 && (r = guest_mmap(0, 256u << 20, PROT_NONE, ANON, -1, 0)) >= 0)
        addrs[n++] = r;
    CHECK(n >= 10 && n < 17, "got %d 256 MiB mappings", n);
    CHECK(r == -ENOMEM, "exhausted: %lld", (long long)r);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < i; j++)
            CHECK(!overlaps(addrs[i], 256u << 20, addrs[j], 256u << 20), "overlap %d %d", i, j);
    for (int i = 0; i < n; i++)
        guest_munmap((uint32_t)addrs[i], 256u << 20);
    CHECK(guest_mmap(0, 0xfff00000u, PROT_NONE, ANON, -1, 0) == -ENOMEM, "too big");
    r = guest_mmap(0, 256u << 20, PROT_NONE, ANON, -1, 0);
    CHECK(r > 0, "room again");
    guest_munmap((uint32_t)r, 256u << 20);
}

static void test_copy(void)
{
    uint32_t base = 0x36000000;
    guest_mmap(base, 2 * PG, RW, ANON | MAP_FIXED, -1, 0);
    guest_mprotect(base + PG, PG, PROT_READ);
    char buf[64] = "hello";
    CHECK(copy_to_guest(base + PG - 6, buf, 6) == 0, "copy_to_guest");
    CHECK(guest_strlen(base + PG - 6, 100) == 5, "strlen %ld", guest_strlen(base + PG - 6, 100));
    CHECK(guest_strlen(base + PG - 6, 3) == -ENAMETOOLONG, "strlen max");
    CHECK(copy_to_guest(base + PG - 2, buf, 4) == -EFAULT, "write into read-only");
    CHECK(copy_from_guest(buf, base + PG - 2, 4) == 0, "read across pages");
    CHECK(copy_from_guest(buf, base + 2 * PG - 2, 4) == -EFAULT, "read into unmapped");
    memset(g2h(base), 'x', PG);
    /* A string running into the read-only page that has no NUL, then off the end. */
    memset(g2h(base + PG - 1), 0, 1);
    CHECK(guest_strlen(base, 1u << 20) == PG - 1, "long strlen");
    CHECK(guest_strlen(0x37000000, 10) == -EFAULT, "strlen unmapped");
    CHECK(guest_range_ok(base, 2 * PG, PAGE_READ) && !guest_range_ok(base, 2 * PG, PAGE_WRITE),
          "range_ok");
    CHECK(!guest_range_ok(0xfffff000u, 0x2000, PAGE_READ), "range wraps");
    guest_munmap(base, 2 * PG);
}

static void test_code_pages(void)
{
    uint32_t base = 0x38000000;
    guest_mmap(base, 2 * PG, RW | PROT_EXEC, ANON | MAP_FIXED, -1, 0);
    page_protect_code(base);
    CHECK(page_get_flags(base) & PAGE_WRITE_ORG, "WRITE_ORG set");
    CHECK(page_get_flags(base) & PAGE_WRITE, "still guest-writable");
    inval_calls = 0;
    uint32_t word = 0xe12fff1e;
    CHECK(copy_to_guest(base + 8, &word, 4) == 0, "copy onto code page");
    CHECK(inval_calls == 1 && inval_start == base && inval_end == base + PG,
          "invalidated %d [%#x,%#x)", inval_calls, inval_start, inval_end);
    CHECK(!(page_get_flags(base) & PAGE_WRITE_ORG), "WRITE_ORG cleared");
    /* A fault on a normal writable page: retried for a while (the race
       with another thread's protect/unprotect, 0.2 s), then real. */
    int tries = 0;
    while (page_unprotect(base, 0) == PAGE_UNPROTECT_DONE && tries < 10000000)
        tries++;
    CHECK(tries > 0 && tries < 10000000, "unprotect of a normal page: retried, then a real fault");
    /* Read-only code page made writable: stays host read-only. */
    guest_mprotect(base + PG, PG, PROT_READ | PROT_EXEC);
    page_protect_code(base + PG);
    CHECK(!(page_get_flags(base + PG) & PAGE_WRITE_ORG), "no WRITE_ORG on read-only page");
    guest_mprotect(base + PG, PG, RW | PROT_EXEC);
    CHECK((page_get_flags(base + PG) & (PAGE_WRITE | PAGE_WRITE_ORG)) ==
              (PAGE_WRITE | PAGE_WRITE_ORG),
          "mprotect RW on code page: %#x", page_get_flags(base + PG));
    inval_calls = 0;
    CHECK(page_unprotect(base + PG + 100, 0) == PAGE_UNPROTECT_DONE, "unprotect");
    CHECK(inval_calls == 1, "invalidated");
    *(volatile uint8_t *)g2h(base + PG) = 1; /* would fault if still protected */
    /* munmap of a code page invalidates. */
    page_protect_code(base);
    inval_calls = 0;
    guest_munmap(base, 2 * PG);
    CHECK(inval_calls == 1, "munmap invalidated %d", inval_calls);
}

static void test_file(void)
{
    char path[] = "/tmp/mimic-test-mmap-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0, "mkstemp");
    if (fd < 0)
        return;
    unlink(path);
    static uint8_t data[3 * PG];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (uint8_t)(i * 7 + i / PG);
    CHECK(write(fd, data, sizeof data) == (ssize_t)sizeof data, "write");
    int64_t a = guest_mmap(0, 2 * PG, PROT_READ, MAP_PRIVATE, fd, PG);
    CHECK(a > 0, "file map %lld", (long long)a);
    if (a > 0) {
        CHECK(!memcmp(g2h((uint32_t)a), data + PG, 2 * PG), "file contents");
        CHECK(page_get_flags((uint32_t)a) == (PAGE_VALID | PAGE_READ), "flags %#x",
              page_get_flags((uint32_t)a));
        guest_munmap((uint32_t)a, 2 * PG);
    }
    /* Shared writable file mapping writes through. */
    a = guest_mmap(0, PG, RW, MAP_SHARED, fd, 0);
    CHECK(a > 0, "shared map");
    if (a > 0) {
        *(uint8_t *)g2h((uint32_t)a) = 0xee;
        uint8_t b = 0;
        CHECK(pread(fd, &b, 1, 0) == 1 && b == 0xee, "shared write-through %#x", b);
        guest_munmap((uint32_t)a, PG);
    }
    close(fd);
    CHECK(guest_mmap(0, PG, PROT_READ, MAP_PRIVATE, 999, 0) == -EBADF, "bad fd");
}

/* Placement skips holes that are too small and reuses ones that fit. */
static void test_holes(void)
{
    enum { N = 2000 };
    static int64_t a[N];
    for (int i = 0; i < N; i++)
        a[i] = guest_mmap(0, PG, PROT_READ, ANON, -1, 0);
    CHECK(a[0] > 0 && a[1] == a[0] - PG && a[N - 1] == a[0] - (N - 1) * (int64_t)PG,
          "top-down and packed: %#llx %#llx", (long long)a[0], (long long)a[1]);
    for (int i = 0; i < N; i += 2)
        guest_munmap((uint32_t)a[i], PG);
    int64_t two = guest_mmap(0, 2 * PG, PROT_READ, ANON, -1, 0);
    CHECK(two > 0 && two + 2 * PG <= a[N - 1], "2-page map below the 1-page holes: %#llx",
          (long long)two);
    int64_t one = guest_mmap(0, PG, PROT_READ, ANON, -1, 0);
    CHECK(one == a[0], "1-page map reuses the highest hole: %#llx", (long long)one);
    guest_munmap((uint32_t)two, 2 * PG);
    guest_munmap((uint32_t)one, PG);
    for (int i = 1; i < N; i += 2)
        guest_munmap((uint32_t)a[i], PG);
}

static void test_find_free(void)
{
    int64_t f = guest_find_free(0x40000000, 3 * PG);
    CHECK(f == 0x40000000, "find_free %#llx", (long long)f);
    guest_mmap(0x40000000, PG, RW, ANON | MAP_FIXED, -1, 0);
    f = guest_find_free(0x40000000, 3 * PG);
    CHECK(f == 0x40001000, "find_free after %#llx", (long long)f);
    guest_munmap(0x40000000, PG);
}

int main(void)
{
    if (!guest_mem_init()) {
        printf("FAIL guest_mem_init: %s\n", strerror(errno));
        printf("test-mmap: 0 passed, 1 failed\n");
        return 1;
    }
    CHECK(guest_base != 0 && page_flags != NULL, "window");
    page_set_code_hook(inval_hook);
    test_placement();
    test_fixed();
    test_mprotect();
    test_mremap();
    test_brk();
    test_exhaustion();
    test_copy();
    test_code_pages();
    test_file();
    test_holes();
    test_find_free();
    printf("test-mmap: %d passed, %d failed\n", checks - failures, failures);
    return failures != 0;
}
