/*
 * read(2) and its relatives into a page that holds code another thread is
 * running (issue 12 item 6): the kernel's write must never fail with
 * EFAULT.  A function is copied to the start of an RWX page and a thread
 * calls it in a loop; the main thread reads from a socket into the second
 * half of that page with read, readv (two segments), recv, recvmsg and
 * recvmmsg, 400 times each without blocking (the data is there) and 20
 * times blocking (a writer thread sends it 2 ms later).  Every read must
 * return its bytes.
 */
#define _GNU_SOURCE /* recvmmsg */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

/* Copied elsewhere, so position-independent: optimized even in the -O0
   builds (i386's -O0 PIE code fetches its pc through a thunk call). */
__attribute__((optimize("O2"), noinline)) static int add_one(int x)
{
    return x + 1;
}

typedef int (*fn_t)(int);
static fn_t code;
static volatile int stop;
static volatile long calls;

static void *runner(void *arg)
{
    (void)arg;
    while (!stop) {
        if (code(41) != 42)
            break;
        calls++;
    }
    return NULL;
}

static int pfd[2];
static void *late_writer(void *arg)
{
    (void)arg;
    struct timespec ts = { 0, 2000000 };
    nanosleep(&ts, NULL);
    if (write(pfd[1], "0123456789abcdef", 16) != 16)
        return NULL;
    return NULL;
}

enum { K_READ, K_READV, K_RECV, K_RECVMSG, K_RECVMMSG, NKINDS };
static const char *const kind_name[NKINDS] = { "read", "readv", "recv", "recvmsg", "recvmmsg" };

static ssize_t get16(int kind, uint8_t *buf)
{
    struct iovec iov[2] = { { buf, 5 }, { buf + 5, 11 } };
    struct msghdr mh = { 0 };
    switch (kind) {
    case K_READ:
        return read(pfd[0], buf, 16);
    case K_READV:
        return readv(pfd[0], iov, 2);
    case K_RECV:
        return recv(pfd[0], buf, 16, 0);
    case K_RECVMSG:
        mh.msg_iov = iov;
        mh.msg_iovlen = 2;
        return recvmsg(pfd[0], &mh, 0);
    default: {
        struct mmsghdr mm;
        memset(&mm, 0, sizeof mm);
        mm.msg_hdr.msg_iov = iov;
        mm.msg_hdr.msg_iovlen = 2;
        int n = recvmmsg(pfd[0], &mm, 1, 0, NULL);
        return n == 1 ? (ssize_t)mm.msg_len : -1;
    }
    }
}

/* One read of 16 bytes by the given call, counted as right, EFAULT or
   other; after a failed one the data sent is drained (false: it could not
   be). */
static bool get_and_tally(int kind, uint8_t *buf, int *ok, int *efault, int *other)
{
    memset(buf, 0, 16);
    ssize_t r = get16(kind, buf);
    if (r == 16 && !memcmp(buf, "0123456789abcdef", 16))
        ++*ok;
    else if (r < 0 && errno == EFAULT)
        ++*efault;
    else
        ++*other;
    char tmp[16];
    return r >= 0 || read(pfd[0], tmp, 16) == 16;
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    long ps = sysconf(_SC_PAGESIZE);
    uint8_t *page = mmap(NULL, (size_t)ps, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED || socketpair(AF_UNIX, SOCK_STREAM, 0, pfd) < 0)
        return 1;
    uintptr_t src = (uintptr_t)add_one, thumb = src & 1;
    memcpy(page, (const void *)(src & ~(uintptr_t)1), 256);
    __builtin___clear_cache((char *)page, (char *)page + ps);
    code = (fn_t)(uintptr_t)((uintptr_t)page | thumb);
    uint8_t *buf = page + ps / 2;

    pthread_t t;
    pthread_create(&t, NULL, runner, NULL);
    while (calls < 1000)
        sched_yield();

    for (int kind = 0; kind < NKINDS; kind++) {
        int ok = 0, efault = 0, other = 0;
        for (int i = 0; i < 400; i++) {
            if (write(pfd[1], "0123456789abcdef", 16) != 16)
                return 1;
            if (!get_and_tally(kind, buf, &ok, &efault, &other))
                return 1;
        }
        printf("%s, non-blocking: %d of 400 right, %d EFAULT, %d other\n", kind_name[kind], ok, efault, other);
        ok = efault = other = 0;
        for (int i = 0; i < 20; i++) {
            pthread_t w;
            pthread_create(&w, NULL, late_writer, NULL);
            bool drained = get_and_tally(kind, buf, &ok, &efault, &other);
            pthread_join(w, NULL);
            if (!drained)
                return 1;
        }
        printf("%s, blocking: %d of 20 right, %d EFAULT, %d other\n", kind_name[kind], ok, efault, other);
    }
    stop = 1;
    pthread_join(t, NULL);
    printf("the code ran on: %s\n", calls > 1000 ? "yes" : "no");
    return 0;
}
