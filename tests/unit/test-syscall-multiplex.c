/*
 * The argument-block syscalls and multiplexers of i386/PowerPC
 * (linux-user/syscall-multiplex.c) with the i386 ABI selected: old_mmap,
 * old_select, socketcall and ipc unpack their guest blocks and reach the
 * generic handlers, whose effects are checked on the host (a mapping that
 * is there, a socket pair that carries bytes, a semaphore set that exists
 * and is removed).  Call numbers are linux/net.h's and linux/ipc.h's,
 * written out here.  Exit 0 = pass; one line per failure and a summary.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/sem.h>
#include <sys/socket.h>
#include <unistd.h>

#include "linux-user/syscall-priv.h"
#include "tests/unit/unit-check.h"

/* main.c's globals (the syscall layer refers to them). */
UNIT_MAIN_GLOBALS;


static uint32_t blk; /* a guest page for argument blocks */

static void put_words(uint32_t at, const uint32_t *w, int n)
{
    for (int i = 0; i < n; i++)
        put_guest_u32(at + 4 * (uint32_t)i, w[i]);
}

int main(void)
{
    if (!guest_mem_init()) {
        printf("FAIL: no guest window\n");
        return 1;
    }
    guest_abi_select(&abi_i386);
    int64_t p = guest_mmap(0, GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                           -1, 0);
    CHECK(p > 0, "block page %lld", (long long)p);
    blk = (uint32_t)p;
    uint32_t a[6];

    /* old_mmap: addr 0, 2 pages, PROT_READ|PROT_WRITE (3), MAP_PRIVATE|
       MAP_ANONYMOUS (0x22 on i386), fd -1, offset 0. */
    const uint32_t mm[6] = { 0, 2 * GUEST_PAGE_SIZE, 3, 0x22, (uint32_t)-1, 0 };
    put_words(blk, mm, 6);
    a[0] = blk;
    long r = sys_old_mmap(NULL, a);
    CHECK(r > 0 && !(r & (GUEST_PAGE_SIZE - 1)), "old_mmap %ld", r);
    if (r > 0)
        CHECK(page_get_flags((uint32_t)r + GUEST_PAGE_SIZE) & PAGE_WRITE, "second page writable");
    put_guest_u32(blk + 20, 100); /* an offset that is not page-aligned */
    CHECK(sys_old_mmap(NULL, a) == -EINVAL, "unaligned offset");
    a[0] = 16; /* the block itself unreadable */
    CHECK(sys_old_mmap(NULL, a) == -EFAULT, "bad block");

    /* old_select: no fds, a zero timeout: 0 at once. */
    const uint32_t sel[5] = { 0, 0, 0, 0, blk + 64 };
    put_words(blk, sel, 5);
    put_guest_u32(blk + 64, 0);
    put_guest_u32(blk + 68, 0);
    a[0] = blk;
    CHECK(sys_old_select(NULL, a) == 0, "old_select");

    /* socketcall(SYS_SOCKETPAIR = 8, { AF_UNIX, SOCK_STREAM, 0, sv }). */
    const uint32_t sp[4] = { AF_UNIX, SOCK_STREAM, 0, blk + 128 };
    put_words(blk, sp, 4);
    a[0] = 8;
    a[1] = blk;
    r = sys_socketcall(NULL, a);
    CHECK(r == 0, "socketpair %ld", r);
    if (r == 0) {
        int s0 = (int)get_guest_u32(blk + 128), s1 = (int)get_guest_u32(blk + 132);
        char c = 0;
        CHECK(write(s0, "x", 1) == 1 && read(s1, &c, 1) == 1 && c == 'x', "pair carries bytes");
        close(s0);
        close(s1);
    }
    a[0] = 99;
    CHECK(sys_socketcall(NULL, a) == -EINVAL, "unknown call");

    /* ipc(SEMGET = 2, IPC_PRIVATE, 1 semaphore, IPC_CREAT | 0600), then
       ipc(SEMCTL = 3, id, 0, IPC_RMID, &arg). */
    const uint32_t sg[6] = { 2, IPC_PRIVATE, 1, IPC_CREAT | 0600, 0, 0 };
    r = sys_ipc(NULL, sg);
    CHECK(r >= 0, "semget %ld", r);
    if (r >= 0) {
        put_guest_u32(blk + 200, 0);
        const uint32_t sc[6] = { 3, (uint32_t)r, 0, IPC_RMID, blk + 200, 0 };
        CHECK(sys_ipc(NULL, sc) == 0, "semctl IPC_RMID");
        CHECK(semctl((int)r, 0, GETVAL) < 0 && errno == EINVAL, "the set is gone");
    }
    const uint32_t bad[6] = { 77, 0, 0, 0, 0, 0 };
    CHECK(sys_ipc(NULL, bad) == -ENOSYS, "unknown ipc call");

    printf("%d checks, %d failures\n", checks, failures);
    return failures != 0;
}
