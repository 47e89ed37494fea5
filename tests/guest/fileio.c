/*
 * File and I/O calls to the letter:
 *  - preadv/pwritev reject offset -1 (EINVAL); only preadv2/pwritev2 take
 *    -1 as "the current file position";
 *  - fcntl: F_SETOWN_EX/F_GETOWN_EX and the other commands of fcntl.h,
 *    EBADF for a bad fd before any EFAULT, O_PATH fds only for the few
 *    commands they allow;
 *  - ioctl on a bad fd or an O_PATH fd: EBADF before anything else.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <termios.h> /* TCGETS needs struct termios on PowerPC */
#include <unistd.h>

#ifndef F_GET_RW_HINT
#define F_GET_RW_HINT 1035
#define F_SET_RW_HINT 1036
#define F_GET_FILE_RW_HINT 1037
#define F_SET_FILE_RW_HINT 1038
#endif
#ifndef F_CANCELLK
#define F_CANCELLK 1029
#endif
#ifndef F_GETOWNER_UIDS
#define F_GETOWNER_UIDS 17
#endif

static void show(const char *what, long r)
{
    if (r < 0)
        printf("%s: -1 %s\n", what, strerror(errno));
    else
        printf("%s: %ld\n", what, r);
}

#define BAD ((void *)16) /* an address nobody maps */

/* The raw call: glibc converts some structures itself on 32-bit systems
   (and would fault on BAD before the kernel is asked). */
#ifdef SYS_fcntl64
#define fcntl(fd, cmd, ...) syscall(SYS_fcntl64, fd, cmd, ##__VA_ARGS__)
#else
#define fcntl(fd, cmd, ...) syscall(SYS_fcntl, fd, cmd, ##__VA_ARGS__)
#endif

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    char path[] = "build/tests/fileio-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) {
        strcpy(path, "fileio-XXXXXX");
        fd = mkstemp(path);
    }
    if (fd < 0)
        return 1;
    unlink(path);
    write(fd, "0123456789", 10);

    /* preadv/pwritev: offset -1 */
    char b[8] = { 0 };
    struct iovec iov = { b, 4 };
    lseek(fd, 2, SEEK_SET);
    show("preadv(-1)", preadv(fd, &iov, 1, -1));
    show("pwritev(-1)", pwritev(fd, &iov, 1, -1));
    show("preadv(-2)", preadv(fd, &iov, 1, -2));
    show("preadv2(-1)", preadv2(fd, &iov, 1, -1, 0));
    printf("  read \"%.4s\", position now %ld\n", b, (long)lseek(fd, 0, SEEK_CUR));
    show("preadv2(-2)", preadv2(fd, &iov, 1, -2, 0));
    show("preadv(0)", preadv(fd, &iov, 1, 0));
    printf("  read \"%.4s\"\n", b);
    memcpy(b, "abcd", 4);
    show("pwritev2(-1)", pwritev2(fd, &iov, 1, -1, 0));
    printf("  position now %ld\n", (long)lseek(fd, 0, SEEK_CUR));
    /* with a bad fd too: the offset is checked first */
    show("preadv(badfd, -1)", preadv(999, &iov, 1, -1));
    show("preadv(badfd, 0)", preadv(999, &iov, 1, 0));

    /* fcntl owner */
    struct f_owner_ex o = { F_OWNER_PID, getpid() };
    show("F_SETOWN_EX pid", fcntl(fd, F_SETOWN_EX, &o));
    memset(&o, 0x55, sizeof o);
    show("F_GETOWN_EX", fcntl(fd, F_GETOWN_EX, &o));
    printf("  type %s, pid %s\n", o.type == F_OWNER_PID ? "F_OWNER_PID" : "other",
           o.pid == getpid() ? "mine" : "other");
    o.type = F_OWNER_TID;
    o.pid = (pid_t)syscall(SYS_gettid);
    show("F_SETOWN_EX tid", fcntl(fd, F_SETOWN_EX, &o));
    memset(&o, 0x55, sizeof o);
    fcntl(fd, F_GETOWN_EX, &o);
    printf("  type %s, pid %s\n", o.type == F_OWNER_TID ? "F_OWNER_TID" : "other",
           o.pid == (pid_t)syscall(SYS_gettid) ? "mine" : "other");
    printf("F_GETOWN is mine: %s\n", fcntl(fd, F_GETOWN, 0) == getpid() ? "yes" : "no");
    o.type = 7;
    show("F_SETOWN_EX bad type", fcntl(fd, F_SETOWN_EX, &o));
    show("F_GETOWN_EX bad pointer", fcntl(fd, F_GETOWN_EX, BAD));
    show("F_SETOWN_EX bad pointer", fcntl(fd, F_SETOWN_EX, BAD));
    show("F_GETOWN_EX bad fd, bad pointer", fcntl(999, F_GETOWN_EX, BAD));
    show("F_GETLK bad fd, bad pointer", fcntl(999, F_GETLK, BAD));
    show("F_SETLK bad fd, bad pointer", fcntl(999, F_SETLK, BAD));
    show("F_OFD_GETLK bad fd, bad pointer", fcntl(999, F_OFD_GETLK, BAD));
    uint32_t uids[2] = { 7, 7 };
    long r = fcntl(fd, F_GETOWNER_UIDS, uids);
    show("F_GETOWNER_UIDS", r);
    if (r == 0)
        printf("  uids %s\n", uids[0] == getuid() && uids[1] == getuid() ? "mine" : "other");

    /* write-life hints (a 64-bit value behind the pointer) */
    uint64_t h = 2; /* RWH_WRITE_LIFE_SHORT */
    r = fcntl(fd, F_SET_RW_HINT, &h);
    show("F_SET_RW_HINT", r);
    h = 0;
    show("F_GET_RW_HINT", fcntl(fd, F_GET_RW_HINT, &h));
    printf("  hint %llu\n", (unsigned long long)h);
    h = 99;
    show("F_SET_RW_HINT bad value", fcntl(fd, F_SET_RW_HINT, &h));
    show("F_GET_RW_HINT bad pointer", fcntl(fd, F_GET_RW_HINT, BAD));
    show("F_GET_FILE_RW_HINT", fcntl(fd, F_GET_FILE_RW_HINT, &h));
    show("F_CANCELLK", fcntl(fd, F_CANCELLK, 0));
    show("fcntl 9999", fcntl(fd, 9999, 0));
    show("fcntl 9999 bad fd", fcntl(999, 9999, 0));

    /* O_PATH fds */
    int pfd = open("/", O_PATH);
    show("O_PATH F_GETFD", fcntl(pfd, F_GETFD, 0));
    show("O_PATH F_GETFL has O_PATH", (fcntl(pfd, F_GETFL, 0) & O_PATH) != 0);
    int d = fcntl(pfd, F_DUPFD_CLOEXEC, 0);
    printf("O_PATH F_DUPFD_CLOEXEC: %s\n", d >= 0 ? "ok" : strerror(errno));
    if (d >= 0)
        close(d);
    struct flock fl = { .l_type = F_RDLCK };
    show("O_PATH F_GETLK", fcntl(pfd, F_GETLK, &fl));
    show("O_PATH F_GETLK bad pointer", fcntl(pfd, F_GETLK, BAD));
    show("O_PATH F_SETOWN", fcntl(pfd, F_SETOWN, getpid()));
    show("O_PATH F_GETOWN_EX", fcntl(pfd, F_GETOWN_EX, &o));

    /* ioctl */
    int n;
    show("ioctl bad fd FIONREAD", ioctl(999, FIONREAD, &n));
    show("ioctl bad fd FIONREAD bad pointer", ioctl(999, FIONREAD, BAD));
    show("ioctl bad fd unknown request", ioctl(999, 0x7fff1234, 0));
    show("ioctl -1 TCGETS", ioctl(-1, TCGETS, BAD));
    show("ioctl O_PATH FIONREAD", ioctl(pfd, FIONREAD, &n));
    show("ioctl O_PATH FIOCLEX", ioctl(pfd, FIOCLEX));
    show("ioctl O_PATH unknown request", ioctl(pfd, 0x7fff1234, 0));
    show("ioctl file unknown request", ioctl(fd, 0x7fff1234, 0));
    show("ioctl file FIONREAD bad pointer", ioctl(fd, FIONREAD, BAD));
    close(pfd);
    close(fd);
    return 0;
}
