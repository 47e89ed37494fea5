/*
 * Directory reading on the host's own filesystem: a directory of a few
 * hundred files read with readdir (not the LFS interface: a 32-bit guest
 * gets a 32-bit off_t), telldir/seekdir back to marks, rewinddir, and the
 * raw getdents/getdents64 syscalls.  On ext4 the host kernel hands a 64-bit
 * process 64-bit hash offsets; a 32-bit program must still see offsets
 * that fit its ABI (as a 32-bit process on Linux does).
 *
 * The directory is made under build/tests (or the current directory), not
 * in /tmp, which may be a tmpfs with small offsets.
 */
#undef _FILE_OFFSET_BITS
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define NFILES 400

static char dir[256];

static unsigned hash_name(const char *s)
{
    unsigned h = 2166136261u;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 16777619u;
    return h;
}

/* Read the whole stream: entry count and an order-independent checksum. */
static int read_all(DIR *d, unsigned *sum)
{
    int n = 0;
    *sum = 0;
    errno = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        n++;
        *sum += hash_name(e->d_name);
    }
    if (errno)
        printf("readdir: %s\n", strerror(errno));
    return n;
}

static void cleanup(void)
{
    char p[300];
    for (int i = 0; i < NFILES; i++) {
        snprintf(p, sizeof p, "%s/file-%04d", dir, i);
        unlink(p);
    }
    rmdir(dir);
}

/* Raw getdents(2) / getdents64(2) over the directory: entries seen. */
static int raw_count(int use64)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return -1;
    char buf[1024]; /* small: many calls, each resuming at a d_off */
    int n = 0;
    for (;;) {
        long r;
#ifdef SYS_getdents
        r = syscall(use64 ? SYS_getdents64 : SYS_getdents, fd, buf, sizeof buf);
#else
        r = syscall(SYS_getdents64, fd, buf, sizeof buf);
#endif
        if (r < 0) {
            printf("getdents%s: %s\n", use64 ? "64" : "", strerror(errno));
            break;
        }
        if (r == 0)
            break;
        for (long off = 0; off < r;) {
            unsigned short reclen;
            if (use64)
                memcpy(&reclen, buf + off + 16, 2);
            else
                memcpy(&reclen, buf + off + 2 * sizeof(long), 2);
            n++;
            off += reclen;
        }
    }
    close(fd);
    return n;
}

int main(void)
{
    static const char *bases[] = { "build/tests", "." };
    int made = 0;
    for (int i = 0; i < 2 && !made; i++) {
        snprintf(dir, sizeof dir, "%s/readdir32-XXXXXX", bases[i]);
        made = mkdtemp(dir) != NULL;
    }
    if (!made) {
        printf("mkdtemp: %s\n", strerror(errno));
        return 1;
    }
    atexit(cleanup);
    for (int i = 0; i < NFILES; i++) {
        char p[300];
        snprintf(p, sizeof p, "%s/file-%04d", dir, i);
        int fd = open(p, O_CREAT | O_WRONLY, 0644);
        if (fd < 0) {
            printf("create: %s\n", strerror(errno));
            return 1;
        }
        close(fd);
    }
    unsigned want = hash_name(".") + hash_name("..");
    for (int i = 0; i < NFILES; i++) {
        char p[32];
        snprintf(p, sizeof p, "file-%04d", i);
        want += hash_name(p);
    }

    DIR *d = opendir(dir);
    if (!d) {
        printf("opendir: %s\n", strerror(errno));
        return 1;
    }
    unsigned sum;
    int n = read_all(d, &sum);
    printf("readdir: %d entries, names %s\n", n, sum == want ? "all there" : "WRONG");

    /* telldir marks at several positions; seekdir back to each must give
       the same next entry. */
    rewinddir(d);
    long marks[8];
    char names[8][64];
    int nmarks = 0, pos = 0;
    errno = 0;
    for (;;) {
        long t = telldir(d);
        struct dirent *e = readdir(d);
        if (!e)
            break;
        if (pos % 57 == 3 && nmarks < 8) {
            marks[nmarks] = t;
            snprintf(names[nmarks], sizeof names[nmarks], "%s", e->d_name);
            nmarks++;
        }
        pos++;
    }
    printf("second pass: %d entries, %d marks\n", pos, nmarks);
    int good = 0;
    for (int k = nmarks - 1; k >= 0; k--) {
        seekdir(d, marks[k]);
        struct dirent *e = readdir(d);
        if (e && strcmp(e->d_name, names[k]) == 0)
            good++;
        else
            printf("seekdir mark %d: got %s, want %s\n", k, e ? e->d_name : "(end)", names[k]);
    }
    printf("seekdir: %d of %d marks found again\n", good, nmarks);
    /* After a seekdir, reading on to the end gives the rest. */
    int rest = 0;
    if (nmarks > 0) {
        seekdir(d, marks[0]);
        rest = read_all(d, &sum);
    }
    printf("from first mark to end: %d entries\n", rest);
    rewinddir(d);
    n = read_all(d, &sum);
    printf("after rewinddir: %d entries, names %s\n", n, sum == want ? "all there" : "WRONG");

    /* A mark taken on one stream works on another of the same directory,
       whatever that one has read (positions belong to the directory). */
    DIR *d2 = opendir(dir);
    int cross = 0;
    for (int k = 0; d2 && k < nmarks; k++) {
        rewinddir(d2);
        for (int j = 0; j < 3 * k + 1; j++)
            readdir(d2);
        seekdir(d2, marks[k]);
        struct dirent *e = readdir(d2);
        cross += e && strcmp(e->d_name, names[k]) == 0;
    }
    printf("marks on a second stream: %d of %d\n", cross, nmarks);
    if (d2)
        closedir(d2);
    closedir(d);

    /* lseek on a directory fd: the position read back works with SEEK_SET. */
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    char buf[512];
    long r = syscall(SYS_getdents64, fd, buf, sizeof buf);
    off_t here = lseek(fd, 0, SEEK_CUR);
    long r2 = syscall(SYS_getdents64, fd, buf, sizeof buf);
    char first[64];
    snprintf(first, sizeof first, "%s", buf + 19);
    off_t back = lseek(fd, here, SEEK_SET);
    long r3 = syscall(SYS_getdents64, fd, buf, sizeof buf);
    printf("lseek: first read %s, position %s, reread %s\n", r > 0 ? "ok" : "failed",
           here > 0 && back == here ? "restored" : "LOST",
           r2 > 0 && r3 == r2 && strcmp(first, buf + 19) == 0 ? "same" : "DIFFERENT");
    close(fd);

    printf("getdents64: %d entries\n", raw_count(1));
#ifdef SYS_getdents
    printf("getdents: %d entries\n", raw_count(0));
#else
    printf("getdents: %d entries\n", raw_count(1));
#endif
    return 0;
}
