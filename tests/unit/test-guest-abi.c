/*
 * The guest ABI layer's byte-order accessors (include/guest-abi.h,
 * section 1), for a little-endian guest (ARM, i386) and a simulated
 * big-endian one (PowerPC, SPARC).  The expected bytes are written out by
 * hand from the definition of each byte order, not computed by mimic.
 * Exit 0 = pass; one line per failure and a summary.
 */
#include <stdio.h>
#include <string.h>

#include <sys/mman.h>

#include "guest-abi.h"
#include "linux-user/syscall-priv.h"
#include "tests/unit/unit-check.h"

/* main.c's globals (the syscall layer refers to them). */
UNIT_MAIN_GLOBALS;


static const uint8_t le16[] = { 0x22, 0x11 };
static const uint8_t be16[] = { 0x11, 0x22 };
static const uint8_t le32[] = { 0x44, 0x33, 0x22, 0x11 };
static const uint8_t be32[] = { 0x11, 0x22, 0x33, 0x44 };
static const uint8_t le64[] = { 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11 };
static const uint8_t be64[] = { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88 };

/* A fake guest window over a host buffer: guest address GA is buf[1]
   (odd, so every access below is unaligned). */
static uint8_t window[64];
#define GA 0x1000u

static void check_order(bool big, const char *what)
{
    guest_order_init(big);
    CHECK(guest_bswap == big, "%s: guest_bswap %d", what, guest_bswap);
    const uint8_t *b16 = big ? be16 : le16, *b32 = big ? be32 : le32, *b64 = big ? be64 : le64;
    uint8_t buf[16];

    /* Host buffers, at an odd offset. */
    memset(buf, 0xee, sizeof buf);
    st_guest_u16(buf + 1, 0x1122);
    CHECK(memcmp(buf + 1, b16, 2) == 0 && buf[0] == 0xee && buf[3] == 0xee, "%s: st16", what);
    CHECK(ld_guest_u16(b16) == 0x1122, "%s: ld16 %#x", what, ld_guest_u16(b16));

    memset(buf, 0xee, sizeof buf);
    st_guest_u32(buf + 3, 0x11223344);
    CHECK(memcmp(buf + 3, b32, 4) == 0 && buf[2] == 0xee && buf[7] == 0xee, "%s: st32", what);
    CHECK(ld_guest_u32(b32) == 0x11223344, "%s: ld32 %#x", what, ld_guest_u32(b32));

    memset(buf, 0xee, sizeof buf);
    st_guest_u64(buf + 5, 0x1122334455667788ull);
    CHECK(memcmp(buf + 5, b64, 8) == 0 && buf[4] == 0xee && buf[13] == 0xee, "%s: st64", what);
    CHECK(ld_guest_u64(b64) == 0x1122334455667788ull, "%s: ld64 %#llx", what,
          (unsigned long long)ld_guest_u64(b64));

    /* A 64-bit value is two 32-bit words in guest order, high word first
       on a big-endian guest. */
    st_guest_u64(buf, 0xaaaaaaaa00000001ull);
    CHECK(ld_guest_u32(buf + (big ? 4 : 0)) == 1 && ld_guest_u32(buf + (big ? 0 : 4)) == 0xaaaaaaaa,
          "%s: 64-bit halves", what);

    /* Guest addresses. */
    guest_base = (uintptr_t)(window + 1) - GA;
    memset(window, 0xee, sizeof window);
    put_guest_u16(GA, 0x1122);
    put_guest_u32(GA + 2, 0x11223344);
    put_guest_u64(GA + 6, 0x1122334455667788ull);
    CHECK(memcmp(window + 1, b16, 2) == 0, "%s: put16", what);
    CHECK(memcmp(window + 3, b32, 4) == 0, "%s: put32", what);
    CHECK(memcmp(window + 7, b64, 8) == 0, "%s: put64", what);
    CHECK(window[0] == 0xee && window[15] == 0xee, "%s: put wrote outside", what);
    CHECK(get_guest_u16(GA) == 0x1122, "%s: get16", what);
    CHECK(get_guest_u32(GA + 2) == 0x11223344, "%s: get32", what);
    CHECK(get_guest_u64(GA + 6) == 0x1122334455667788ull, "%s: get64", what);
}

/* The checked helpers of syscall-priv.h on a real guest window. */
static void check_helpers(bool big, uint32_t ga, const char *what)
{
    guest_order_init(big);
    uint8_t *h = g2h(ga);
    memset(h, 0, 64);

    /* A kernel sigset: two words, signals 1-32 first. */
    CHECK(put_user_sigset(ga, 0x8000000000000001ull) == 0, "%s: put sigset", what);
    static const uint8_t le_set[] = { 1, 0, 0, 0, 0, 0, 0, 0x80 };
    static const uint8_t be_set[] = { 0, 0, 0, 1, 0x80, 0, 0, 0 };
    CHECK(memcmp(h, big ? be_set : le_set, 8) == 0, "%s: sigset bytes", what);
    uint64_t set = 0;
    CHECK(get_user_sigset(ga, &set) == 0 && set == 0x8000000000000001ull, "%s: get sigset %llx",
          what, (unsigned long long)set);

    /* Word arrays. */
    const uint32_t w[2] = { 0x01020304, 0x05060708 };
    CHECK(put_user_u32s(ga + 16, w, 2) == 0, "%s: put words", what);
    CHECK(h[16] == (big ? 1 : 4) && h[23] == (big ? 8 : 5), "%s: word bytes", what);
    uint32_t r[2] = { 0, 0 };
    CHECK(get_user_u32s(r, ga + 16, 2) == 0 && r[0] == w[0] && r[1] == w[1], "%s: get words", what);

    /* A fixed-layout structure (struct pollfd: int fd; short events, revents). */
    static const uint8_t pollfd_fields[] = { 4, 2, 2, 0 };
    uint8_t pfd[8];
    const uint32_t fd = 0x11223344;
    const uint16_t ev = 0x5566;
    memcpy(pfd, &fd, 4);
    memcpy(pfd + 4, &ev, 2);
    memcpy(pfd + 6, &ev, 2);
    swap_fixed_fields(pfd, pollfd_fields, sizeof pfd);
    static const uint8_t le_pfd[] = { 0x44, 0x33, 0x22, 0x11, 0x66, 0x55, 0x66, 0x55 };
    static const uint8_t be_pfd[] = { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x55, 0x66 };
    CHECK(memcmp(pfd, big ? be_pfd : le_pfd, 8) == 0, "%s: pollfd image", what);

    /* Unmapped memory is -EFAULT, not a crash. */
    CHECK(get_user_u32(0x10, &r[0]) == -EFAULT, "%s: get from page 0", what);
    CHECK(put_user_u64(0x10, 1) == -EFAULT, "%s: put to page 0", what);
}

int main(void)
{
    check_order(false, "little-endian guest");
    check_order(true, "big-endian guest");
    check_order(false, "back to little-endian");

    guest_base = 0; /* the fake window above is gone: reserve the real one */
    if (!guest_mem_init()) {
        printf("FAIL: no guest window\n");
        return 1;
    }
    int64_t ga = guest_mmap(0, GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(ga > 0, "guest_mmap %lld", (long long)ga);
    if (ga > 0) {
        check_helpers(false, (uint32_t)ga, "helpers, little-endian");
        check_helpers(true, (uint32_t)ga, "helpers, big-endian");
    }
    printf("%d checks, %d failures\n", checks, failures);
    return failures != 0;
}
