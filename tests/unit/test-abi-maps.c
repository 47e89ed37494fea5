/*
 * The guest ABI value maps (linux-user/abi.c) and field access, checked
 * against numbers from the targets' kernel documentation / uapi headers
 * written out by hand here (not read from the generated data).
 * Exit 0 = pass; one line per failure and a summary.
 */
#include <stdio.h>
#include <string.h>

#include "guest-abi.h"
#include "syscall-tables/tables.h"
#include "tests/unit/unit-check.h"

#define EQ(a, b) CHECK((long long)(a) == (long long)(b), "%s = %#llx, want %#llx", #a, \
                       (long long)(a), (long long)(b))

static void test_sparc(void)
{
    guest_abi_select(&abi_sparc);
    EQ(guest_bswap, 1);
    /* SPARC's BSD-like signal numbers. */
    EQ(signal_to_host(10), 7);  /* SIGBUS */
    EQ(signal_to_host(12), 31); /* SIGSYS */
    EQ(signal_to_host(30), 10); /* SIGUSR1 */
    EQ(signal_to_host(20), 17); /* SIGCHLD */
    EQ(signal_to_guest(17), 20);
    EQ(signal_to_guest(7), 10);
    EQ(signal_to_host(33), 33); /* real-time: same offset from 32 */
    /* errno: ENOSYS 90, EDEADLK 78, EAGAIN 11 on SPARC. */
    EQ(errno_to_guest(38), 90);
    EQ(errno_to_guest(35), 78);
    EQ(errno_to_guest(11), 11);
    EQ(errno_to_host(90), 38);
    /* O_CREAT 0x200 (host 0x40), O_RDWR 2, O_NONBLOCK 0x4000 (host 0x800). */
    EQ(abi_flags_to_host(GG_open, 0x200 | 2), 0x40 | 2);
    EQ(abi_flags_to_guest(GG_open, 0x800 | 1), 0x4000 | 1);
    /* SOL_SOCKET 0xffff, SO_RCVBUF 0x1002 (host 1, 8). */
    EQ(abi_value_to_host(GG_sol, 0xffff), 1);
    EQ(abi_value_to_host(GG_sockopt, 0x1002), 8);
    EQ(abi_value_to_guest(GG_sockopt, 8), 0x1002);
    /* SIG_BLOCK 1, SIG_SETMASK 4 (host 0, 2). */
    EQ(abi_value_to_host(GG_sighow, 4), 2);
    EQ(ABI_C(_IOC_SIZEBITS), 13);
    EQ(ABI_C(_IOC_DIRBITS), 3);
}

static void test_ppc(void)
{
    guest_abi_select(&abi_ppc);
    EQ(guest_bswap, 1);
    EQ(signal_to_host(7), 7);
    /* O_DIRECTORY 0x4000, O_NOFOLLOW 0x8000, O_LARGEFILE 0x10000, O_DIRECT 0x20000. */
    EQ(abi_flags_to_host(GG_open, 0x4000 | 0x8000 | 0x10000 | 0x20000),
       0x10000 | 0x20000 | 0x8000 | 0x4000);
    EQ(abi_flags_to_host(GG_open, 0x4000), 0x10000);
    /* Not identical to the host: an unknown bit is dropped. */
    EQ(abi_flags_to_host(GG_open, 0x20000000), 0);
    /* ICANON 0x100 (host 2), ECHO 8; B57600 = 16 within CBAUD 0xff (host 0x1001). */
    EQ(abi_flags_to_host(GG_c_lflag, 0x100 | 8), 2 | 8);
    EQ(abi_flags_to_host(GG_c_cflag, 16), 0x1001);
    EQ(abi_flags_to_guest(GG_c_cflag, 0x1001 | 0x30), 16 | 0x300); /* CS8: host 0x30, ppc 0x300 */
    /* MAP_NORESERVE 0x40, MAP_LOCKED 0x80 (host 0x4000, 0x2000); MAP_PRIVATE 2. */
    EQ(abi_flags_to_host(GG_mmap, 0x40 | 0x80 | 2 | 0x20), 0x4000 | 0x2000 | 2 | 0x20);
    /* TCGETS = _IOR('t', 19, struct termios) with the 44-byte PPC termios. */
    EQ(abi_value_to_host(GG_ioctl, 0x402c7413), 0x5401);
    EQ(ABI_SIZE(termios), 44);
    /* Field access in big-endian order. */
    uint8_t b[128];
    memset(b, 0, sizeof b);
    ABI_PUT(b, stat64, st_size, 0x0102030405060708ull);
    size_t off = ABI_OFF(stat64, st_size);
    EQ(b[off], 1);
    EQ(b[off + 7], 8);
    EQ(ABI_GET(b, stat64, st_size), 0x0102030405060708ull);
}

static void test_i386_arm(void)
{
    guest_abi_select(&abi_i386);
    EQ(guest_bswap, 0);
    EQ(ABI_SIZE(epoll_event), 12);
    EQ(ABI_OFF(epoll_event, data), 4);
    EQ(ABI_OFF(stat64, st_size), 44);
    /* Same as the host: unknown bits pass through. */
    EQ(abi_flags_to_host(GG_open, 0x20000000 | 0x40), 0x20000000 | 0x40);
    EQ(errno_to_guest(38), 38);
    uint8_t b[16] = { 0 };
    ABI_PUT(b, pollfd, fd, (uint64_t)-5);
    EQ(b[0], 0xfb);
    EQ(b[3], 0xff);
    EQ((int64_t)ABI_GET(b, pollfd, fd), -5); /* int: sign-extended */
    ABI_PUT(b, pollfd, events, 0xffff);
    EQ(ABI_GET(b, pollfd, events), (uint64_t)-1); /* short: signed */

    guest_abi_select(&abi_arm);
    EQ(ABI_SIZE(epoll_event), 16);
    EQ(ABI_OFF(epoll_event, data), 8);
    /* ARM: O_DIRECTORY 0x4000, O_DIRECT 0x10000 (host 0x10000, 0x4000). */
    EQ(abi_flags_to_host(GG_open, 0x4000), 0x10000);
    EQ(abi_flags_to_host(GG_open, 0x10000), 0x4000);
    EQ(abi_flags_to_guest(GG_open, 0x10000 | 0x80000), 0x4000 | 0x80000); /* + O_CLOEXEC */
    /* O_SYNC = __O_SYNC | O_DSYNC: both bits, not O_DSYNC alone. */
    EQ(abi_flags_to_host(GG_open, 0x101000), 0x101000);
    EQ(signal_to_host(31), 31);
    EQ(ABI_C(_IOC_SIZEBITS), 14);
    EQ(ABI_SIZE(stat64), 104);
}

/* The generic ids, as a stand-in for linux-user/syscall.c's list (which
   would pull the whole Linux layer into this test). */
static const char *const test_ids[] = { "read", "write", "mmap2", "fadvise64_64_2",
                                        "sync_file_range2" };
enum { SC_read, SC_write, SC_mmap2, SC_fadvise64_64_2, SC_sync_file_range2 };

int syscall_id_by_name(const char *name)
{
    for (int i = 0; i < (int)(sizeof test_ids / sizeof test_ids[0]); i++)
        if (strcmp(test_ids[i], name) == 0)
            return i;
    return -1;
}

/* Syscall tables: numbers from the targets' unistd headers, written out
   here; the override rows send names with a different ABI elsewhere. */
static void test_syscall_tables(void)
{
    CHECK(strcmp(syscall_table_name(&arm_syscalls, 270), "arm_fadvise64_64") == 0, "arm 270");
    EQ(syscall_table_id(&arm_syscalls, 270), SC_fadvise64_64_2);
    EQ(syscall_table_id(&arm_syscalls, 341), SC_sync_file_range2);
    EQ(syscall_table_id(&arm_syscalls, 3), SC_read);
    CHECK(strcmp(syscall_table_name(&arm_syscalls, 0xf0005), "set_tls") == 0, "arm set_tls");
    EQ(syscall_table_id(&arm_syscalls, 0xf0005), -1); /* the target handles it */
    EQ(syscall_table_id(&arm_syscalls, 100000), -1);
    CHECK(syscall_table_name(&arm_syscalls, 100000) == NULL, "arm 100000");
    /* i386: mmap (90) is the argument-block form, mmap2 (192) the generic one. */
    CHECK(strcmp(syscall_table_id_name(&i386_syscalls, 90), "old_mmap") == 0, "i386 mmap");
    EQ(syscall_table_id(&i386_syscalls, 90), -1); /* no old_mmap yet: ENOSYS */
    EQ(syscall_table_id(&i386_syscalls, 192), SC_mmap2);
    EQ(syscall_table_id(&i386_syscalls, 3), SC_read);
    CHECK(strcmp(syscall_table_id_name(&i386_syscalls, 102), "socketcall") == 0, "i386 102");
    /* PPC: fadvise64_64 (254) has the advice second, like ARM's. */
    EQ(syscall_table_id(&ppc_syscalls, 254), SC_fadvise64_64_2);
    EQ(syscall_table_id(&ppc_syscalls, 308), SC_sync_file_range2);
    EQ(syscall_table_id(&ppc_syscalls, 3), SC_read);
    /* SPARC: pipe (42) returns two registers. */
    CHECK(strcmp(syscall_table_id_name(&sparc_syscalls, 42), "pipe_2reg") == 0, "sparc pipe");
    EQ(syscall_table_id(&sparc_syscalls, 3), SC_read);
    EQ(syscall_table_id(&sparc_syscalls, 4), SC_write);
}

int main(void)
{
    test_syscall_tables();
    test_sparc();
    test_ppc();
    test_i386_arm();
    printf("%d checks, %d failures\n", checks, failures);
    return failures != 0;
}
