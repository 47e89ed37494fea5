/*
 * Syscall layer test: file I/O, stat, directories, time, randomness, limits,
 * signals state.  Output is deterministic (no pids, times or inode numbers)
 * so it can be compared with the same source built natively.
 */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64
#define _TIME_BITS 64
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

static int fails;
#define CHECK(c)                                                                       \
    do {                                                                               \
        if (!(c)) {                                                                    \
            printf("FAIL line %d: %s (errno %d)\n", __LINE__, #c, errno);              \
            fails++;                                                                   \
        }                                                                              \
    } while (0)

int main(void)
{
    char dir[64], path[128], buf[256];
    snprintf(dir, sizeof dir, "/tmp/mimic-sc-%d", (int)getpid());
    CHECK(mkdir(dir, 0755) == 0);
    CHECK(chdir(dir) == 0);
    CHECK(getcwd(buf, sizeof buf) && strcmp(buf, dir) == 0);

    /* write / read / lseek / pread / pwrite */
    int fd = open("f.txt", O_CREAT | O_RDWR | O_TRUNC, 0640);
    CHECK(fd >= 0);
    CHECK(write(fd, "hello, world\n", 13) == 13);
    struct iovec iov[2] = { { "abc", 3 }, { "def\n", 4 } };
    CHECK(writev(fd, iov, 2) == 7);
    CHECK(lseek(fd, 0, SEEK_SET) == 0);
    memset(buf, 0, sizeof buf);
    CHECK(read(fd, buf, sizeof buf) == 20);
    printf("read: %s", buf);
    CHECK(pread(fd, buf, 5, 7) == 5 && memcmp(buf, "world", 5) == 0);
    CHECK(pwrite(fd, "W", 1, 7) == 1);
    CHECK(lseek64(fd, 0, SEEK_END) == 20);
    char a[3], b[5];
    struct iovec riov[2] = { { a, 3 }, { b, 5 } };
    CHECK(lseek(fd, 7, SEEK_SET) == 7);
    CHECK(readv(fd, riov, 2) == 8 && memcmp(a, "Wor", 3) == 0 && memcmp(b, "ld\nab", 5) == 0);
    CHECK(ftruncate(fd, 5) == 0);

    /* stat family */
    struct stat st, st2;
    CHECK(fstat(fd, &st) == 0);
    printf("size %lld mode %o nlink %d reg %d\n", (long long)st.st_size, st.st_mode & 07777,
           (int)st.st_nlink, S_ISREG(st.st_mode));
    CHECK(stat("f.txt", &st2) == 0 && st2.st_ino == st.st_ino && st2.st_dev == st.st_dev);
    CHECK(stat("nope", &st2) == -1 && errno == ENOENT);
    CHECK(symlink("f.txt", "link") == 0);
    CHECK(lstat("link", &st2) == 0 && S_ISLNK(st2.st_mode));
    CHECK(readlink("link", buf, sizeof buf) == 5 && memcmp(buf, "f.txt", 5) == 0);
    CHECK(fstatat(AT_FDCWD, "link", &st2, 0) == 0 && st2.st_ino == st.st_ino);
    struct statx sx;
    CHECK(statx(AT_FDCWD, "f.txt", 0, STATX_ALL, &sx) == 0 && sx.stx_size == 5);
    CHECK(access("f.txt", R_OK | W_OK) == 0);
    CHECK(access("nope", F_OK) == -1 && errno == ENOENT);

    /* fcntl / dup */
    int fl = fcntl(fd, F_GETFL);
    printf("accmode %d append %d\n", fl & O_ACCMODE, !!(fl & O_APPEND));
    CHECK(fcntl(fd, F_SETFL, fl | O_APPEND) == 0 && (fcntl(fd, F_GETFL) & O_APPEND));
    CHECK(fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC);
    int fd2 = dup(fd);
    CHECK(fd2 > fd && dup2(fd, 20) == 20 && dup3(fd, 21, O_CLOEXEC) == 21);
    CHECK(fcntl(21, F_GETFD) == FD_CLOEXEC);
    struct flock lk = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1 };
    CHECK(fcntl(fd, F_SETLK, &lk) == 0);
    lk.l_type = F_WRLCK;
    CHECK(fcntl(fd, F_GETLK, &lk) == 0 && lk.l_type == F_UNLCK);
    close(fd2), close(20), close(21), close(fd);

    /* directories */
    CHECK(mkdir("sub", 0700) == 0);
    CHECK(rename("f.txt", "sub/g.txt") == 0);
    DIR *d = opendir("sub");
    CHECK(d != NULL);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (strcmp(e->d_name, "g.txt") == 0)
            n++;
    if (d)
        closedir(d);
    printf("found g.txt %d\n", n);
    int dfd = open("sub", O_RDONLY | O_DIRECTORY);
    CHECK(dfd >= 0);
    CHECK(open("link", O_RDONLY | O_NOFOLLOW) == -1 && errno == ELOOP);
    CHECK(faccessat(dfd, "g.txt", R_OK, 0) == 0);
    CHECK(unlinkat(dfd, "g.txt", 0) == 0);
    close(dfd);
    CHECK(unlink("link") == 0);
    CHECK(rmdir("sub") == 0);
    CHECK(chdir("/") == 0);
    CHECK(rmdir(dir) == 0);

    /* pipes */
    int p[2];
    CHECK(pipe(p) == 0);
    CHECK(write(p[1], "xyz", 3) == 3 && read(p[0], buf, 3) == 3 && memcmp(buf, "xyz", 3) == 0);
    close(p[0]), close(p[1]);

    /* time */
    struct timespec t1, t2;
    CHECK(clock_gettime(CLOCK_MONOTONIC, &t1) == 0);
    struct timespec sl = { 0, 2000000 };
    CHECK(nanosleep(&sl, NULL) == 0);
    CHECK(clock_gettime(CLOCK_MONOTONIC, &t2) == 0);
    long long dt = (t2.tv_sec - t1.tv_sec) * 1000000000LL + (t2.tv_nsec - t1.tv_nsec);
    printf("slept >= 2ms: %d\n", dt >= 2000000);
    struct timeval tv;
    CHECK(gettimeofday(&tv, NULL) == 0 && tv.tv_sec > 1600000000);
    CHECK(time(NULL) > 1600000000);
    CHECK(clock_getres(CLOCK_REALTIME, &t1) == 0);

    /* misc */
    unsigned char r[16] = { 0 }, z[16] = { 0 };
    CHECK(getrandom(r, sizeof r, 0) == 16 && memcmp(r, z, 16) != 0);
    struct rlimit rl;
    CHECK(getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur > 0);
    struct utsname u;
    CHECK(uname(&u) == 0);
    CHECK(getpid() > 0 && getppid() > 0);
    CHECK(write(1, NULL, 1) == -1 && errno == EFAULT);
    struct sigaction sa = { .sa_handler = SIG_IGN }, old;
    CHECK(sigaction(SIGUSR1, &sa, NULL) == 0 && sigaction(SIGUSR1, NULL, &old) == 0);
    CHECK(old.sa_handler == SIG_IGN);
    CHECK(raise(SIGUSR1) == 0);
    sigset_t set, oset;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    CHECK(sigprocmask(SIG_BLOCK, &set, NULL) == 0 && sigprocmask(SIG_SETMASK, NULL, &oset) == 0);
    CHECK(sigismember(&oset, SIGUSR2));
    void *m = malloc(1 << 20);
    CHECK(m != NULL);
    memset(m, 1, 1 << 20);
    free(m);

    printf("%s\n", fails ? "FAILED" : "ok");
    return fails != 0;
}
