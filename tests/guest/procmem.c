/*
 * The process's own memory through /proc/self/mem and process_vm_readv/
 * writev (addresses are the program's own), and the process's own /proc
 * files however they are named: /proc/self//maps, /proc/./self/maps,
 * openat on an fd of /proc/self, a symlink, /proc/<pid>/...,
 * /proc/thread-self/..., /proc/self/task/<tid>/...: each must list the
 * program's own mappings (its code and data addresses), never another
 * layout.  Also smaps, smaps_rollup, numa_maps, exe.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

static volatile int answer = 42;
static char text[64] = "the quick brown fox";
static const char ro[32] = "read-only bytes";
extern const char __executable_start[];

static int in_map(const char *buf, uintptr_t addr)
{
    /* Does a line "start-end ..." of buf contain addr? */
    const char *p = buf;
    while (*p) {
        unsigned long long s, e;
        if (sscanf(p, "%llx-%llx", &s, &e) == 2 && addr >= s && addr < e)
            return 1;
        p = strchr(p, '\n');
        if (!p)
            break;
        p++;
    }
    return 0;
}

static char big[1 << 18];

static int read_all(int fd, char *buf, size_t size)
{
    size_t n = 0;
    ssize_t r;
    while (n < size - 1 && (r = read(fd, buf + n, size - 1 - n)) > 0)
        n += (size_t)r;
    buf[n] = 0;
    return (int)n;
}

/* A maps-like file: does it show our code, data and stack? */
static void check_maps(const char *what, int fd)
{
    if (fd < 0) {
        printf("%s: open failed: %s\n", what, strerror(errno));
        return;
    }
    read_all(fd, big, sizeof big);
    close(fd);
    int local;
    printf("%s: code %d data %d stack %d\n", what, in_map(big, (uintptr_t)&check_maps),
           in_map(big, (uintptr_t)&answer), in_map(big, (uintptr_t)&local));
}

static void mem_file(void)
{
    int fd = open("/proc/self/mem", O_RDWR);
    if (fd < 0) {
        printf("open mem: %s\n", strerror(errno));
        return;
    }
    int v = 0;
    ssize_t n = pread(fd, &v, sizeof v, (off_t)(uintptr_t)&answer);
    printf("pread answer: %zd %d\n", n, v);
    int nv = 4242;
    n = pwrite(fd, &nv, sizeof nv, (off_t)(uintptr_t)&answer);
    printf("pwrite answer: %zd now %d\n", n, answer);
    char hdr[4] = { 0 };
    n = pread(fd, hdr, 4, (off_t)(uintptr_t)__executable_start);
    printf("ELF header at the program's start: %zd %s\n", n, memcmp(hdr, "\177ELF", 4) ? "no" : "yes");
    /* a forced write into a read-only page */
    n = pwrite(fd, "READ", 4, (off_t)(uintptr_t)ro);
    printf("pwrite read-only: %zd %.4s\n", n, ro);
    /* lseek + read */
    off_t o = lseek(fd, (off_t)(uintptr_t)text, SEEK_SET);
    char buf[20] = { 0 };
    n = read(fd, buf, 9);
    printf("lseek %s, read %zd '%s'\n", o == (off_t)(uintptr_t)text ? "ok" : "wrong", n, buf);
    n = read(fd, buf, 6);
    buf[n > 0 ? n : 0] = 0;
    printf("read on: %zd '%s'\n", n, buf);
    /* an unmapped page: EIO */
    char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(p, 4096);
    errno = 0;
    n = pread(fd, buf, 4, (off_t)(uintptr_t)p);
    printf("unmapped: %zd %s\n", n, n < 0 && errno == EIO ? "EIO" : strerror(errno));
    /* a page the program cannot read itself */
    p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    strcpy(p, "hidden");
    mprotect(p, 4096, PROT_NONE);
    memset(buf, 0, sizeof buf);
    n = pread(fd, buf, 6, (off_t)(uintptr_t)p);
    printf("PROT_NONE page: %zd '%s'\n", n, buf);
    munmap(p, 4096);
    /* a dup reads the same */
    int d = dup(fd);
    v = 0;
    n = pread(d, &v, sizeof v, (off_t)(uintptr_t)&answer);
    printf("dup: %zd %d\n", n, v);
    close(d);
    close(fd);
}

static void vm_calls(void)
{
    char dst[32] = { 0 };
    struct iovec l = { dst, 9 }, r = { text, 9 };
    ssize_t n = syscall(SYS_process_vm_readv, getpid(), &l, 1, &r, 1, 0);
    printf("process_vm_readv: %zd '%s'\n", n, dst);
    char src[] = "QUICK";
    struct iovec l2 = { src, 5 }, r2 = { text + 4, 5 };
    n = syscall(SYS_process_vm_writev, getpid(), &l2, 1, &r2, 1, 0);
    printf("process_vm_writev: %zd '%s'\n", n, text);
    /* the remote side unmapped: EFAULT */
    char *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(p, 4096);
    struct iovec r3 = { p, 4 };
    errno = 0;
    n = syscall(SYS_process_vm_readv, getpid(), &l, 1, &r3, 1, 0);
    printf("process_vm_readv unmapped: %zd %s\n", n, errno == EFAULT ? "EFAULT" : strerror(errno));
}

static void spellings(void)
{
    char path[128];
    check_maps("/proc/self/maps", open("/proc/self/maps", O_RDONLY));
    check_maps("/proc/self//maps", open("/proc/self//maps", O_RDONLY));
    check_maps("/proc/./self/maps", open("/proc/./self/maps", O_RDONLY));
    check_maps("//proc/self/../self/maps", open("//proc/self/../self/maps", O_RDONLY));
    int dir = open("/proc/self", O_RDONLY | O_DIRECTORY);
    check_maps("openat(/proc/self, maps)", openat(dir, "maps", O_RDONLY));
    close(dir);
    snprintf(path, sizeof path, "/proc/%d/maps", (int)getpid());
    check_maps("/proc/<pid>/maps", open(path, O_RDONLY));
    check_maps("/proc/thread-self/maps", open("/proc/thread-self/maps", O_RDONLY));
    snprintf(path, sizeof path, "/proc/self/task/%d/maps", (int)syscall(SYS_gettid));
    check_maps("/proc/self/task/<tid>/maps", open(path, O_RDONLY));
    snprintf(path, sizeof path, "/tmp/procmem-link-%d", (int)getpid());
    unlink(path);
    if (symlink("/proc/self/maps", path) == 0) {
        check_maps("symlink to maps", open(path, O_RDONLY));
        unlink(path);
    }
    check_maps("/proc/self/smaps", open("/proc/self/smaps", O_RDONLY));
    /* numa_maps: a line starting where the data's mapping starts */
    int fd = open("/proc/self/maps", O_RDONLY);
    read_all(fd, big, sizeof big);
    close(fd);
    unsigned long long data_start = 0;
    for (const char *q = big; q && *q; q = strchr(q, '\n') ? strchr(q, '\n') + 1 : NULL) {
        unsigned long long s, e;
        if (sscanf(q, "%llx-%llx", &s, &e) == 2 && (uintptr_t)&answer >= s && (uintptr_t)&answer < e)
            data_start = s;
    }
    fd = open("/proc/self/numa_maps", O_RDONLY);
    int found = 0;
    if (fd >= 0) {
        read_all(fd, big, sizeof big);
        close(fd);
        for (const char *q = big; q && *q; q = strchr(q, '\n') ? strchr(q, '\n') + 1 : NULL)
            found |= strtoull(q, NULL, 16) == data_start && strstr(q, " default");
    }
    printf("/proc/self/numa_maps: data %d\n", found);
    /* smaps_rollup: one range covering everything */
    fd = open("/proc/self/smaps_rollup", O_RDONLY);
    if (fd >= 0) {
        read_all(fd, big, sizeof big);
        close(fd);
        printf("smaps_rollup: code %d data %d, Rss line %s\n", in_map(big, (uintptr_t)&spellings),
               in_map(big, (uintptr_t)&answer), strstr(big, "\nRss:") ? "yes" : "no");
    }
    /* /proc/self/exe by another name is the program itself */
    fd = open("/proc/self//exe", O_RDONLY);
    char hdr[20] = { 0 };
    if (fd >= 0) {
        read(fd, hdr, sizeof hdr);
        close(fd);
    }
    const unsigned char *me = (const unsigned char *)__executable_start;
    printf("/proc/self//exe is the program: %s\n", memcmp(hdr, me, sizeof hdr) ? "no" : "yes");
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    mem_file();
    vm_calls();
    spellings();
    return 0;
}
