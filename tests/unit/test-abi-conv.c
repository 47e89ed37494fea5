/*
 * The syscall layer's structure converters (linux-user/abi-conv.c), run for
 * each target by switching guest_abi: the guest images are checked against
 * offsets, sizes, byte orders and constant values written out here by hand
 * from each architecture's uapi headers (asm/stat.h, asm/fcntl.h,
 * linux/eventpoll.h, asm/signal.h), not read from the generated data.
 * (abi-data's layout tests compare every structure with the cross
 * compilers' own bytes; this one checks that the converters put the right
 * values in the right fields, flags and numbers translated.)
 * Exit 0 = pass; one line per failure and a summary.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <termios.h>
#include <unistd.h>

#include "linux-user/abi-conv.h"
#include "linux-user/signal-priv.h"
#include "linux-user/syscall-priv.h"
#include "tests/unit/unit-check.h"

/* main.c's globals (the syscall layer refers to them). */
UNIT_MAIN_GLOBALS;


/* Reading the images independently of the accessors under test. */
static uint64_t rd(const uint8_t *p, int n, bool be)
{
    uint64_t v = 0;
    for (int i = 0; i < n; i++)
        v |= (uint64_t)p[i] << (be ? 8 * (n - 1 - i) : 8 * i);
    return v;
}
static void wr(uint8_t *p, int n, bool be, uint64_t v)
{
    for (int i = 0; i < n; i++)
        p[i] = (uint8_t)(v >> (be ? 8 * (n - 1 - i) : 8 * i));
}

static struct stat sample_stat(void)
{
    struct stat st;
    memset(&st, 0, sizeof st);
    st.st_dev = 0x0801;
    st.st_ino = 0x1122334455ull;
    st.st_mode = 0100644;
    st.st_nlink = 3;
    st.st_uid = 1000;
    st.st_gid = 100;
    st.st_size = 0x123456789ll;
    st.st_blksize = 4096;
    st.st_blocks = 77;
    st.st_mtim.tv_sec = 0x5f000000;
    st.st_mtim.tv_nsec = 999;
    return st;
}

static void test_stat64(void)
{
    struct stat st = sample_stat();
    uint8_t g[GUEST_STRUCT_MAX];

    /* ARM EABI struct stat64: 104 bytes, __st_ino at 12, st_size at 48,
       st_mtime at 80, the full st_ino at 96. */
    guest_abi_select(&abi_arm);
    CHECK(stat64_to_guest(g, &st) == 104, "arm size");
    CHECK(rd(g + 12, 4, false) == 0x22334455, "arm __st_ino");
    CHECK(rd(g + 16, 4, false) == 0100644, "arm st_mode");
    CHECK(rd(g + 48, 8, false) == 0x123456789ull, "arm st_size");
    CHECK(rd(g + 80, 4, false) == 0x5f000000 && rd(g + 84, 4, false) == 999, "arm st_mtime");
    CHECK(rd(g + 96, 8, false) == 0x1122334455ull, "arm st_ino");

    /* i386 struct stat64: 96 bytes, 64-bit fields 4-aligned: st_size at
       44, st_blocks at 56, st_ino at 88. */
    guest_abi_select(&abi_i386);
    CHECK(stat64_to_guest(g, &st) == 96, "i386 size");
    CHECK(rd(g + 44, 8, false) == 0x123456789ull, "i386 st_size");
    CHECK(rd(g + 56, 8, false) == 77, "i386 st_blocks");
    CHECK(rd(g + 88, 8, false) == 0x1122334455ull, "i386 st_ino");

    /* PowerPC struct stat64: big-endian, st_ino (64-bit) at 8, st_mode at
       16, st_size at 48. */
    guest_abi_select(&abi_ppc);
    CHECK(stat64_to_guest(g, &st) == 104, "ppc size");
    CHECK(rd(g + 8, 8, true) == 0x1122334455ull, "ppc st_ino");
    CHECK(rd(g + 16, 4, true) == 0100644, "ppc st_mode");
    CHECK(rd(g + 48, 8, true) == 0x123456789ull, "ppc st_size");
}

static void test_flock(void)
{
    uint8_t g[GUEST_STRUCT_MAX];
    struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_CUR, .l_start = 0x10000,
                        .l_len = 5, .l_pid = 4321 };
    struct flock back;

    /* ARM struct flock64: short type, whence; 64-bit start at 8, len at 16,
       pid at 24; F_WRLCK 1 as on the host. */
    guest_abi_select(&abi_arm);
    CHECK(flock_to_guest(g, &fl, GS_flock64) == 32, "arm flock64 size");
    CHECK(rd(g, 2, false) == 1 && rd(g + 2, 2, false) == SEEK_CUR, "arm type/whence");
    CHECK(rd(g + 8, 8, false) == 0x10000 && rd(g + 24, 4, false) == 4321, "arm start/pid");

    /* SPARC: F_RDLCK 1, F_WRLCK 2, F_UNLCK 3 (host 0, 1, 2); big-endian. */
    guest_abi_select(&abi_sparc);
    flock_to_guest(g, &fl, GS_flock64);
    CHECK(rd(g, 2, true) == 2, "sparc F_WRLCK is 2, got %llu", (unsigned long long)rd(g, 2, true));
    wr(g, 2, true, 3); /* F_UNLCK */
    CHECK(flock_from_guest(&back, g, GS_flock64) == 0 && back.l_type == F_UNLCK, "sparc F_UNLCK");
    CHECK(back.l_start == 0x10000 && back.l_len == 5 && back.l_pid == 4321, "sparc round trip");
    wr(g, 2, true, 77);
    CHECK(flock_from_guest(&back, g, GS_flock64) == -EINVAL, "unknown lock type");
}

static void test_epoll(void)
{
    uint8_t g[GUEST_STRUCT_MAX];
    struct epoll_event e = { .events = EPOLLIN | EPOLLOUT, .data.u64 = 0x0102030405060708ull };
    struct epoll_event back;

    /* i386: packed, 12 bytes, data at 4.  ARM: 16 bytes, data at 8. */
    guest_abi_select(&abi_i386);
    CHECK(epoll_event_to_guest(g, &e) == 12, "i386 size");
    CHECK(rd(g, 4, false) == (EPOLLIN | EPOLLOUT) && rd(g + 4, 8, false) == e.data.u64, "i386 image");
    guest_abi_select(&abi_arm);
    CHECK(epoll_event_to_guest(g, &e) == 16, "arm size");
    CHECK(rd(g + 8, 8, false) == e.data.u64, "arm data");
    /* SPARC: big-endian, data at 8. */
    guest_abi_select(&abi_sparc);
    epoll_event_to_guest(g, &e);
    CHECK(rd(g, 4, true) == (EPOLLIN | EPOLLOUT) && rd(g + 8, 8, true) == e.data.u64, "sparc image");
    epoll_event_from_guest(&back, g);
    CHECK(back.events == e.events && back.data.u64 == e.data.u64, "sparc round trip");
}

static void test_sigaction(void)
{
    uint8_t g[GUEST_STRUCT_MAX];
    GuestSigaction a = { .handler = 0x10080, .flags = SA_SIGINFO | SA_RESTART,
                         .restorer = 0x10100, .mask = sigbit(SIGUSR1) | sigbit(SIGCHLD) };
    GuestSigaction back;

    /* ARM: handler, flags, restorer, mask (two words). */
    guest_abi_select(&abi_arm);
    CHECK(sigaction_to_guest(g, &a) == 20, "arm size");
    CHECK(rd(g, 4, false) == 0x10080 && rd(g + 4, 4, false) == (SA_SIGINFO | SA_RESTART) &&
              rd(g + 8, 4, false) == 0x10100,
          "arm fields");
    CHECK(rd(g + 12, 4, false) == ((1u << (10 - 1)) | (1u << (17 - 1))), "arm mask");

    /* SPARC: signal numbers differ (SIGUSR1 30, SIGCHLD 20), SA_SIGINFO is
       0x200 and SA_RESTART 2; the mask follows the handler.  Round trip. */
    guest_abi_select(&abi_sparc);
    sigaction_to_guest(g, &a);
    uint32_t off_mask = (uint32_t)ABI_OFF(rt_sigaction, sa_mask);
    uint32_t off_flags = (uint32_t)ABI_OFF(rt_sigaction, sa_flags);
    CHECK(rd(g + off_mask, 4, true) == ((1u << (30 - 1)) | (1u << (20 - 1))), "sparc mask %#llx",
          (unsigned long long)rd(g + off_mask, 4, true));
    CHECK(rd(g + off_flags, 4, true) == (0x200 | 2), "sparc flags %#llx",
          (unsigned long long)rd(g + off_flags, 4, true));
    sigaction_from_guest(&back, g);
    CHECK(back.handler == a.handler && back.flags == a.flags && back.mask == a.mask,
          "sparc round trip");
}

static void test_signals(void)
{
    /* Sets and wait statuses: SPARC's SIGUSR1 is 30, SIGSTOP 17. */
    guest_abi_select(&abi_sparc);
    CHECK(sigset_to_guest(sigbit(SIGUSR1)) == 1ull << 29, "set to guest");
    CHECK(sigset_to_host(1ull << 29) == sigbit(SIGUSR1), "set to host");
    CHECK(wait_status_to_guest(SIGUSR1) == 30, "killed by SIGUSR1");
    CHECK(wait_status_to_guest(SIGUSR1 | 0x80) == (30 | 0x80), "with core");
    CHECK(wait_status_to_guest(SIGSTOP << 8 | 0x7f) == (17 << 8 | 0x7f), "stopped");
    CHECK(wait_status_to_guest(3 << 8) == 3 << 8, "exited 3");
    GuestSiginfo si;
    memset(&si, 0, sizeof si);
    si.signo = SIGCHLD;
    si.code = CLD_KILLED;
    si.f[2] = SIGTERM;
    uint8_t g[128];
    siginfo_to_guest(g, &si);
    CHECK(rd(g, 4, true) == 20 && rd(g + 8, 4, true) == CLD_KILLED && rd(g + 20, 4, true) == 15,
          "sparc SIGCHLD siginfo");
    guest_abi_select(&abi_arm);
    CHECK(sigset_to_guest(0x123456789abcdefull) == 0x123456789abcdefull, "arm: identity");
}

/* Terminal ioctls for a PowerPC guest on a pseudo-terminal: the request
   numbers (_IOR('t', 19, struct termios) = 0x402c7413, _IOW('t', 20, ...)
   = 0x802c7414, _IOR('t', 104, struct winsize) = 0x40087468), PowerPC's
   struct termios (c_cc[19] at 16, then c_line; VMIN 5, VTIME 7), its flag
   values (ICANON 0x100, ECHO 8) and byte order, from its asm/termbits.h
   and asm/ioctls.h. */
static void test_termios_ppc(void)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0 || grantpt(m) < 0 || unlockpt(m) < 0) {
        printf("(no pseudo-terminal: termios checks skipped)\n");
        return;
    }
    int s = open(ptsname(m), O_RDWR | O_NOCTTY);
    struct termios t;
    CHECK(s >= 0 && tcgetattr(s, &t) == 0, "slave");
    t.c_lflag &= ~(tcflag_t)ICANON;
    t.c_lflag |= ECHO;
    t.c_cc[VMIN] = 3;
    t.c_cc[VTIME] = 7;
    CHECK(tcsetattr(s, TCSANOW, &t) == 0, "tcsetattr");
    struct winsize ws = { 24, 80, 0, 0 };
    CHECK(ioctl(s, TIOCSWINSZ, &ws) == 0, "TIOCSWINSZ");

    if (!guest_mem_init()) {
        CHECK(0, "no guest window");
        return;
    }
    int64_t ga = guest_mmap(0, GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                            -1, 0);
    CHECK(ga > 0, "guest page");
    guest_abi_select(&abi_ppc);
    uint8_t *g = g2h((uint32_t)ga);
    uint32_t a[6] = { (uint32_t)s, 0x402c7413, (uint32_t)ga };
    memset(g, 0xee, 64);
    CHECK(sys_ioctl(NULL, a) == 0, "TCGETS");
    uint32_t lflag = (uint32_t)rd(g + 12, 4, true);
    CHECK(!(lflag & 0x100) && (lflag & 8), "ppc c_lflag %#x", lflag);
    CHECK(g[16 + 5] == 3 && g[16 + 7] == 7, "ppc VMIN %u VTIME %u", g[16 + 5], g[16 + 7]);

    /* Back: ICANON on, VMIN 1, through TCSETS. */
    wr(g + 12, 4, true, lflag | 0x100);
    g[16 + 5] = 1;
    a[1] = 0x802c7414;
    CHECK(sys_ioctl(NULL, a) == 0, "TCSETS");
    CHECK(tcgetattr(s, &t) == 0 && (t.c_lflag & ICANON) && t.c_cc[VMIN] == 1, "host sees it");

    a[1] = 0x40087468;
    CHECK(sys_ioctl(NULL, a) == 0 && rd(g, 2, true) == 24 && rd(g + 2, 2, true) == 80,
          "TIOCGWINSZ");
    a[1] = 0x5401; /* ARM's TCGETS is not a PowerPC request */
    CHECK(sys_ioctl(NULL, a) == -ENOTTY, "foreign number");
    guest_abi_select(&abi_arm);
    close(s);
    close(m);
}

int main(void)
{
    test_stat64();
    test_flock();
    test_epoll();
    test_sigaction();
    test_signals();
    test_termios_ppc();
    printf("%d checks, %d failures\n", checks, failures);
    return failures != 0;
}
