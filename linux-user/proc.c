/*
 * /proc as the guest should see it.  open/openat of these files returns a
 * memfd filled with synthesized content (a snapshot taken at open time):
 *
 *   /proc/self/maps     only guest mappings, in guest addresses, with the
 *                       guest's protections (code pages mimic write-protects
 *                       still read as writable) and the host's file names
 *   /proc/self/auxv     the guest's auxiliary vector (from its stack)
 *   /proc/self/cmdline  the guest's argv; environ likewise
 *   /proc/self/stat     the host's line with the guest's vsize, code/stack
 *                       addresses and signal sets
 *   /proc/self/status   the host's, with the guest's signal sets
 *   /proc/self/comm     the host's: proc_set_comm named mimic's process
 *                       after the guest program at start-up
 *   /proc/cpuinfo       an ARMv7 CPU with exactly the AT_HWCAP features
 *
 * /proc/<our pid>/... is the same as /proc/self/..., and so are
 * /proc/thread-self/... and /proc/self/task/<tid>/... (stat and status
 * then start from that thread's host file).  /proc/self/exe is
 * handled by get_path/readlink (syscall.c, syscall-file.c).  Everything
 * else under /proc is the host's.
 *
 * Also here: mimic's own host fds (the -D log file).  They are moved to
 * high numbers at start-up (so the guest's first open still returns 3),
 * left out of the guest's /proc/self/fd listings, and refused (EBADF) to
 * the guest's close, dup2/dup3 and close_range.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <pthread.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "linux-user/abi-conv.h"
#include "linux-user/signal-priv.h"

/* A growing text buffer (open_memstream). */
typedef struct Text {
    FILE *f;
    char *buf;
    size_t len;
} Text;

static bool text_open(Text *t)
{
    t->buf = NULL;
    t->len = 0;
    t->f = open_memstream(&t->buf, &t->len);
    return t->f != NULL;
}

/* Close t and hand its bytes to a fresh memfd positioned at 0. */
static long text_to_fd(Text *t, int host_flags)
{
    fclose(t->f);
    int fd = memfd_create("mimic-proc", (host_flags & O_CLOEXEC) ? MFD_CLOEXEC : 0);
    if (fd < 0) {
        free(t->buf);
        return -errno;
    }
    size_t off = 0;
    while (off < t->len) {
        ssize_t n = write(fd, t->buf + off, t->len - off);
        if (n <= 0) {
            int e = errno;
            free(t->buf);
            close(fd);
            return -e;
        }
        off += (size_t)n;
    }
    free(t->buf);
    lseek(fd, 0, SEEK_SET);
    return fd;
}

/* The name Linux gives a process at execve: the program file's basename. */
static const char *prog_base(void)
{
    const char *p = image.guest_path ? image.guest_path : image.exec_path;
    if (!p)
        return "?";
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

/* ---- maps ---- */

typedef struct MapLine {
    uint32_t start, end;
    int prot;  /* PAGE_READ | PAGE_WRITE | PAGE_EXEC */
    bool shared;
    uint64_t off;
    char dev[16];
    unsigned long inode;
    char name[PATH_MAX];
} MapLine;

/* What proc_maps writes per mapping: maps lines, smaps entries (the
   maps line and the counters: sizes are the guest's, the host's memory
   use is not shown), numa_maps lines, or only the totals of
   smaps_rollup (map_rollup_*). */
enum { STYLE_MAPS, STYLE_SMAPS, STYLE_NUMA, STYLE_ROLLUP };
static __thread int map_style;
static __thread uint32_t rollup_start, rollup_end;
static __thread uint64_t rollup_size;

static void smaps_counters(Text *t, uint64_t size_kb)
{
    static const char *const zero[] = {
        "Rss", "Pss", "Pss_Dirty", "Shared_Clean", "Shared_Dirty", "Private_Clean",
        "Private_Dirty", "Referenced", "Anonymous", "KSM", "LazyFree", "AnonHugePages",
        "ShmemPmdMapped", "FilePmdMapped", "Shared_Hugetlb", "Private_Hugetlb", "Swap",
        "SwapPss", "Locked",
    };
    if (size_kb != UINT64_MAX)
        fprintf(t->f, "%-16s%8" PRIu64 " kB\n%-16s%8d kB\n%-16s%8d kB\n", "Size:", size_kb,
                "KernelPageSize:", GUEST_PAGE_SIZE / 1024, "MMUPageSize:", GUEST_PAGE_SIZE / 1024);
    for (size_t i = 0; i < sizeof zero / sizeof zero[0]; i++) {
        char k[32];
        snprintf(k, sizeof k, "%s:", zero[i]);
        fprintf(t->f, "%-16s%8d kB\n", k, 0);
    }
}

static void map_flush(Text *t, MapLine *m)
{
    if (m->end <= m->start)
        return;
    if (map_style == STYLE_ROLLUP) {
        if (!rollup_size)
            rollup_start = m->start;
        rollup_end = m->end;
        rollup_size += m->end - m->start;
        m->end = m->start;
        return;
    }
    if (map_style == STYLE_NUMA) {
        fprintf(t->f, "%08x default", m->start);
        if (m->name[0] == '[')
            fprintf(t->f, " %.*s", (int)strcspn(m->name + 1, "]"), m->name + 1);
        else if (m->name[0])
            fprintf(t->f, " file=%s", m->name);
        fprintf(t->f, " kernelpagesize_kB=%d\n", GUEST_PAGE_SIZE / 1024);
        m->end = m->start;
        return;
    }
    int n = 0;
    fprintf(t->f, "%08x-%08x %c%c%c%c %08" PRIx64 " %s %lu %n", m->start, m->end,
            m->prot & PAGE_READ ? 'r' : '-', m->prot & PAGE_WRITE ? 'w' : '-',
            m->prot & PAGE_EXEC ? 'x' : '-', m->shared ? 's' : 'p', m->off, m->dev, m->inode, &n);
    if (m->name[0])
        fprintf(t->f, "%*s%s", n < 73 ? 73 - n : 1, "", m->name);
    fputc('\n', t->f);
    if (map_style == STYLE_SMAPS) {
        smaps_counters(t, (m->end - m->start) / 1024);
        fprintf(t->f, "THPeligible:    0\nVmFlags:%s%s%s%s%s%s%s \n", m->prot & PAGE_READ ? " rd" : "",
                m->prot & PAGE_WRITE ? " wr" : "", m->prot & PAGE_EXEC ? " ex" : "",
                m->shared ? " sh" : "", " mr", m->shared || !(m->prot & PAGE_WRITE) ? "" : " mw",
                " me");
    }
    m->end = m->start;
}

/* Labels the kernel gives anonymous regions. */
static const char *anon_label(uint32_t start, uint32_t end)
{
    if (image.stack_limit && start < image.stack_top && end > image.stack_limit)
        return "[stack]";
    uint32_t brk = guest_brk(0);
    if (image.brk && start >= (image.brk & GUEST_PAGE_MASK) && start < brk)
        return "[heap]";
    if (target->reserved_top && start == target->reserved_top && target->reserved_top_label &&
        guest_special_intact(start))
        return target->reserved_top_label;
    if (image.trampoline && start == image.trampoline && target->trampoline_label)
        return target->trampoline_label;
    return "";
}

/* Append the guest range [s, e) (one host mapping's worth) split by guest
   protection, merging with the previous line where the kernel would. */
static void map_range(Text *t, MapLine *cur, uint32_t s, uint64_t e, bool shared, uint64_t off,
                      const char *dev, unsigned long inode, const char *name)
{
    /* Where an anonymous label may start or stop. */
    uint64_t cuts[] = { image.brk & GUEST_PAGE_MASK, image.stack_limit, image.stack_top,
                        target->reserved_top, image.trampoline,
                        image.trampoline ? image.trampoline + GUEST_PAGE_SIZE : 0 };
    for (uint64_t a = s; a < e;) {
        int f = page_get_flags((uint32_t)a);
        uint64_t end = e;
        for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++)
            if (cuts[i] > a && cuts[i] < end)
                end = cuts[i];
        uint64_t b = a + GUEST_PAGE_SIZE;
        while (b < end && page_get_flags((uint32_t)b) == f)
            b += GUEST_PAGE_SIZE;
        if (f & PAGE_VALID) {
            int prot = f & (PAGE_READ | PAGE_WRITE | PAGE_EXEC);
            if (f & PAGE_READ_IMPLIED) /* the guest's request, not the CPU's rule */
                prot &= ~PAGE_READ;
            const char *nm = name[0] ? name : anon_label((uint32_t)a, (uint32_t)b);
            uint64_t o = name[0] ? off + (a - s) : 0;
            bool same = cur->end == (uint32_t)a && cur->end > cur->start && cur->prot == prot &&
                        cur->shared == shared && cur->inode == inode && !strcmp(cur->name, nm) &&
                        (!name[0] || cur->off + (cur->end - cur->start) == o);
            if (same) {
                cur->end = (uint32_t)b;
            } else {
                map_flush(t, cur);
                *cur = (MapLine){ .start = (uint32_t)a, .end = (uint32_t)b, .prot = prot,
                                  .shared = shared, .off = o, .inode = inode };
                snprintf(cur->dev, sizeof cur->dev, "%s", dev);
                snprintf(cur->name, sizeof cur->name, "%s", nm);
            }
        }
        a = b;
    }
}

static long proc_maps(int flags, int style)
{
    map_style = style;
    rollup_size = 0;
    FILE *h = fopen("/proc/self/maps", "re");
    if (!h)
        return -errno;
    Text t;
    if (!text_open(&t)) {
        fclose(h);
        return -ENOMEM;
    }
    static __thread MapLine cur;
    memset(&cur, 0, sizeof cur);
    char line[PATH_MAX + 256];
    uint64_t lo = guest_base, hi = (uint64_t)guest_base + (1ull << 32);
    while (fgets(line, sizeof line, h)) {
        unsigned long long hs, he, off;
        char perms[8], dev[16];
        unsigned long inode;
        int pos = 0;
        if (sscanf(line, "%llx-%llx %7s %llx %15s %lu %n", &hs, &he, perms, &off, dev, &inode,
                   &pos) < 6)
            continue;
        if (he <= lo || hs >= hi)
            continue;
        char *name = line + pos;
        name[strcspn(name, "\n")] = 0;
        if (name[0] == '[') /* not a file: label it ourselves */
            name[0] = 0;
        else
            guest_path_unmap(name); /* the guest's view of sysroot files */
        uint64_t cs = hs < lo ? lo : hs, ce = he > hi ? hi : he;
        map_range(&t, &cur, (uint32_t)(cs - lo), ce - lo, perms[3] == 's', off + (cs - hs),
                  inode ? dev : "00:00", inode, name);
    }
    fclose(h);
    map_flush(&t, &cur);
    if (style == STYLE_ROLLUP) {
        int n = 0;
        fprintf(t.f, "%08x-%08x ---p 00000000 00:00 0 %n", rollup_start, rollup_end, &n);
        fprintf(t.f, "%*s[rollup]\n", n < 73 ? 73 - n : 1, "");
        smaps_counters(&t, UINT64_MAX);
    }
    map_style = STYLE_MAPS;
    return text_to_fd(&t, flags);
}

/* ---- auxv, cmdline, environ: bytes of the guest's initial stack ---- */

static long proc_guest_bytes(uint32_t start, uint32_t end, int flags)
{
    Text t;
    if (!text_open(&t))
        return -ENOMEM;
    if (end > start && guest_range_ok(start, end - start, PAGE_READ))
        fwrite(g2h(start), 1, end - start, t.f);
    return text_to_fd(&t, flags);
}

/* ---- stat ---- */

/* The guest's blocked, ignored and caught signal sets (bit sig-1), which
   stat and status show instead of mimic's own (mimic catches nearly every
   host signal). */
static void guest_sig_sets(uint64_t *blocked, uint64_t *ignored, uint64_t *caught)
{
    *blocked = guest_sigmask;
    *ignored = *caught = 0;
    for (int sig = 1; sig <= 64; sig++) {
        GuestSigaction old;
        if (guest_sigaction(sig, NULL, &old) != 0)
            continue;
        if (old.handler == 1)
            *ignored |= 1ull << (sig - 1);
        else if (old.handler != 0)
            *caught |= 1ull << (sig - 1);
    }
    /* Kept in the host's numbering; shown in the guest's (SPARC's differs). */
    *blocked = sigset_to_guest(*blocked);
    *ignored = sigset_to_guest(*ignored);
    *caught = sigset_to_guest(*caught);
}

static uint64_t guest_vsize(void)
{
    uint64_t n = 0;
    for (uint64_t a = 0; a < (1ull << 32); a += GUEST_PAGE_SIZE)
        if (page_get_flags((uint32_t)a) & PAGE_VALID)
            n += GUEST_PAGE_SIZE;
    return n;
}

/* ---- syscall ---- */

/* What the reading thread does is the read itself; the host's line would
   be mimic's registers and host syscall.  "running", as Linux says of a
   thread that is not in a system call. */
static long proc_syscall(int flags)
{
    Text t;
    if (!text_open(&t))
        return -ENOMEM;
    fputs("running\n", t.f);
    return text_to_fd(&t, flags);
}

/* dir: the host's /proc/self, /proc/thread-self or /proc/self/task/N. */
static long proc_stat(const char *dir, int flags)
{
    char buf[4096], path[64];
    snprintf(path, sizeof path, "%s/stat", dir);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return -EIO;
    buf[n] = 0;
    /* "pid (comm) state f4 f5 ...": comm may hold spaces and parens; it ends
       at the last ')'. */
    char *rp = strrchr(buf, ')');
    if (!rp || rp[1] != ' ')
        return -EIO;
    Text t;
    if (!text_open(&t))
        return -ENOMEM;
    fwrite(buf, 1, (size_t)(rp + 1 - buf), t.f); /* pid and (comm): the host's */
    /* Fields 3.. separated by spaces; replace those that hold addresses
       (proc(5) numbering: 23 vsize, 26-30 code/stack, 45-51 data/args). */
    uint64_t blk, ign, cgt;
    guest_sig_sets(&blk, &ign, &cgt);
    int field = 3;
    char *save = NULL;
    for (char *tok = strtok_r(rp + 2, " \n", &save); tok; tok = strtok_r(NULL, " \n", &save), field++) {
        switch (field) {
        case 23: fprintf(t.f, " %" PRIu64, guest_vsize()); break;
        case 25: { /* rsslim: an unsigned long, 32 bits wide for the guest */
            unsigned long long v = strtoull(tok, NULL, 10);
            fprintf(t.f, " %llu", v > UINT32_MAX ? (unsigned long long)UINT32_MAX : v);
            break;
        }
        /* 31-34: the obsolete signal words; Linux masks them to 31 bits */
        case 32: fprintf(t.f, " %" PRIu64, blk & 0x7fffffff); break;
        case 33: fprintf(t.f, " %" PRIu64, ign & 0x7fffffff); break;
        case 34: fprintf(t.f, " %" PRIu64, cgt & 0x7fffffff); break;
        case 26: fprintf(t.f, " %u", image.start_code); break;
        case 27: fprintf(t.f, " %u", image.end_code); break;
        case 28: fprintf(t.f, " %u", image.start_stack); break;
        case 29: case 30: fputs(" 0", t.f); break; /* esp/eip: 0 as for another task */
        case 45: fprintf(t.f, " %u", image.start_data); break;
        case 46: fprintf(t.f, " %u", image.end_data); break;
        case 47: fprintf(t.f, " %u", image.brk); break;
        case 48: fprintf(t.f, " %u", image.arg_start); break;
        case 49: fprintf(t.f, " %u", image.arg_end); break;
        case 50: fprintf(t.f, " %u", image.env_start); break;
        case 51: fprintf(t.f, " %u", image.env_end); break;
        default: fprintf(t.f, " %s", tok); break;
        }
    }
    fputc('\n', t.f);
    return text_to_fd(&t, flags);
}

/* The host's status with the guest's signal sets (the Vm* sizes stay the
   host process's). */
static long proc_status(const char *dir, int flags)
{
    char path[64];
    snprintf(path, sizeof path, "%s/status", dir);
    FILE *h = fopen(path, "re");
    if (!h)
        return -errno;
    Text t;
    if (!text_open(&t)) {
        fclose(h);
        return -ENOMEM;
    }
    uint64_t blk, ign, cgt;
    guest_sig_sets(&blk, &ign, &cgt);
    char line[1024];
    while (fgets(line, sizeof line, h)) {
        if (!strncmp(line, "SigBlk:", 7))
            fprintf(t.f, "SigBlk:\t%016" PRIx64 "\n", blk);
        else if (!strncmp(line, "SigIgn:", 7))
            fprintf(t.f, "SigIgn:\t%016" PRIx64 "\n", ign);
        else if (!strncmp(line, "SigCgt:", 7))
            fprintf(t.f, "SigCgt:\t%016" PRIx64 "\n", cgt);
        else
            fputs(line, t.f);
    }
    fclose(h);
    return text_to_fd(&t, flags);
}

void proc_set_comm(void)
{
    char name[16];
    snprintf(name, sizeof name, "%s", prog_base());
    prctl(PR_SET_NAME, name, 0, 0, 0);
}

/* ---- cpuinfo ---- */

static long proc_cpuinfo(int flags)
{
    if (!target->cpuinfo) {
        log_unimp_once(0xf5000000u, "/proc/cpuinfo for %s guests: the host's is shown", target->name);
        return PROC_NOT_MINE;
    }
    Text t;
    if (!text_open(&t))
        return -ENOMEM;
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    target->cpuinfo(t.f, ncpu < 1 ? 1 : (int)ncpu);
    return text_to_fd(&t, flags);
}

/* ---- dispatch ---- */

static const struct {
    const char *name;
    int what;
} self_files[] = {
    { "maps", 0 }, { "auxv", 1 }, { "cmdline", 2 }, { "environ", 3 }, { "stat", 4 },
    { "status", 6 }, { "smaps", 7 }, { "smaps_rollup", 8 }, { "numa_maps", 9 }, { "mem", 10 },
    { "syscall", 11 }, { "exe", 12 }, { "map_files", 13 },
};

/* The file name after /proc/self/, /proc/<our pid>/, /proc/thread-self/
   or either of the first two plus task/<tid>/, or NULL.  dir gets the
   host's directory for the per-thread files (stat, status). */
static const char *self_rest(const char *p, char *dir, size_t size)
{
    if (strncmp(p, "/proc/", 6) != 0)
        return NULL;
    p += 6;
    snprintf(dir, size, "/proc/self");
    if (!strncmp(p, "thread-self/", 12)) {
        snprintf(dir, size, "/proc/thread-self");
        return p + 12;
    }
    if (!strncmp(p, "self/", 5)) {
        p += 5;
    } else {
        /* /proc/<our pid>/, or /proc/<one of our tids>/ (not listed, but
           there, as on Linux) */
        char *end;
        long id = strtol(p, &end, 10);
        if (end == p || *end != '/' || id <= 0)
            return NULL;
        if (id != getpid()) {
            if (!signal_is_own_thread((pid_t)id))
                return NULL;
            snprintf(dir, size, "/proc/self/task/%ld", id);
        }
        p = end + 1;
    }
    if (!strncmp(p, "task/", 5)) {
        char *end;
        long tid = strtol(p + 5, &end, 10);
        if (end == p + 5 || *end != '/' || tid <= 0)
            return NULL;
        snprintf(dir, size, "/proc/self/task/%ld", tid);
        return end + 1;
    }
    return p;
}

long proc_open(const char *raw, int host_flags)
{
    if (strncmp(raw, "/proc/", 6) != 0)
        return PROC_NOT_MINE;
    bool writing = (host_flags & O_ACCMODE) != O_RDONLY;
    if (!strcmp(raw, "/proc/cpuinfo"))
        return writing ? -EACCES : proc_cpuinfo(host_flags);
    char dir[64];
    const char *rest = self_rest(raw, dir, sizeof dir);
    if (!rest)
        return PROC_NOT_MINE;
    for (size_t i = 0; i < sizeof self_files / sizeof self_files[0]; i++) {
        size_t nl = strlen(self_files[i].name);
        if (strncmp(rest, self_files[i].name, nl) != 0 ||
            (rest[nl] && !(rest[nl] == '/' && self_files[i].what == 13)))
            continue;
        switch (self_files[i].what) {
        case 10: /* mem: guest addresses, guest memory only (proc-mem.c) */
            return proc_mem_open(host_flags);
        case 12: /* exe: the guest program */
            if (!image.exec_path)
                return PROC_NOT_MINE;
            return host_ret(open(image.exec_path, host_flags & ~(O_CREAT | O_EXCL | O_TRUNC)));
        case 13: /* map_files: named by host addresses; refused, as to an
                    unprivileged process */
            return -EACCES;
        }
        if (writing)
            return -EACCES;
        switch (self_files[i].what) {
        case 0: return proc_maps(host_flags, STYLE_MAPS);
        case 7: return proc_maps(host_flags, STYLE_SMAPS);
        case 8: return proc_maps(host_flags, STYLE_ROLLUP);
        case 9: return proc_maps(host_flags, STYLE_NUMA);
        case 11: return proc_syscall(host_flags);
        case 1: return proc_guest_bytes(image.auxv, image.auxv + image.auxv_len, host_flags);
        case 2: return proc_guest_bytes(image.arg_start, image.arg_end, host_flags);
        case 3: return proc_guest_bytes(image.env_start, image.env_end, host_flags);
        case 4: return proc_stat(dir, host_flags);
        case 6: return proc_status(dir, host_flags);
        }
    }
    return PROC_NOT_MINE;
}

/*
 * Any other spelling of the same files (/proc/self//maps, /proc/./self,
 * openat on an fd of /proc/self, a symlink to one, /proc/<tid>/...):
 * the host opened it; the file it opened says what it is.  A file of
 * the proc file system has a name of the form /proc/<pid>[/task/<tid>]/
 * <file> (its /proc/self/fd link), decided by proc_open as above.  An
 * open of mimic's own executable (through /proc/<pid>/exe, however
 * spelled) gets the guest's program.
 */
static dev_t proc_dev;
static dev_t exe_dev;
static ino_t exe_ino;
static pthread_once_t after_open_once = PTHREAD_ONCE_INIT;

static void after_open_init(void)
{
    struct stat st;
    if (stat("/proc/self/", &st) == 0)
        proc_dev = st.st_dev;
    if (stat("/proc/self/exe", &st) == 0) {
        exe_dev = st.st_dev;
        exe_ino = st.st_ino;
    }
}

long proc_after_open(long fd, int host_flags)
{
    if (fd < 0)
        return fd;
    pthread_once(&after_open_once, after_open_init);
    struct stat st;
    if (fstat((int)fd, &st) < 0)
        return fd;
    if (proc_dev && st.st_dev == proc_dev) {
        char link[64], name[PATH_MAX];
        snprintf(link, sizeof link, "/proc/self/fd/%ld", fd);
        ssize_t n = readlink(link, name, sizeof name - 1);
        if (n <= 0)
            return fd;
        name[n] = 0;
        long r = proc_open(name, host_flags);
        if (r == PROC_NOT_MINE)
            return fd;
        close((int)fd);
        return r;
    }
    if (exe_ino && st.st_dev == exe_dev && st.st_ino == exe_ino && image.exec_path) {
        int nfd = open(image.exec_path, host_flags & ~(O_CREAT | O_EXCL | O_TRUNC));
        if (nfd < 0)
            return fd;
        close((int)fd);
        return nfd;
    }
    return fd;
}

/* ---- mimic's own fds ---- */

#define MAX_OWN_FDS 8
static int own_fds[MAX_OWN_FDS];
static int n_own_fds;

int host_fd_hide(int fd)
{
    if (fd < 0 || n_own_fds == MAX_OWN_FDS)
        return fd;
    /* Just under the soft fd limit (which the guest rarely reaches), capped
       so that a huge limit does not make the kernel grow a huge fd table. */
    struct rlimit rl;
    rlim_t top = 1024;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
        top = rl.rlim_cur;
    if (top > 65536)
        top = 65536;
    int want = top > 64 + 16 ? (int)top - 16 : 64;
    int nfd = fcntl(fd, F_DUPFD_CLOEXEC, want);
    if (nfd < 0)
        nfd = fcntl(fd, F_DUPFD_CLOEXEC, 64);
    if (nfd < 0) {
        fcntl(fd, F_SETFD, FD_CLOEXEC);
        nfd = fd;
    } else {
        close(fd);
    }
    own_fds[n_own_fds++] = nfd;
    return nfd;
}

bool host_fd_is_mimic(int fd)
{
    for (int i = 0; i < n_own_fds; i++)
        if (own_fds[i] == fd)
            return true;
    return false;
}

long host_close_range(unsigned first, unsigned last, unsigned flags)
{
    if (first > last)
        return -EINVAL;
    /* Close [first, last] in pieces that skip mimic's fds. */
    unsigned lo = first;
    while (lo <= last) {
        unsigned hi = last;
        bool skip = false;
        for (int i = 0; i < n_own_fds; i++) {
            unsigned f = (unsigned)own_fds[i];
            if (f == lo)
                skip = true;
            else if (f > lo && f <= hi)
                hi = f - 1;
        }
        if (!skip && syscall(SYS_close_range, lo, hi, flags) < 0)
            return -errno;
        if (skip)
            hi = lo;
        if (hi == last)
            break;
        lo = hi + 1;
    }
    return 0;
}

/* Is the host fd a directory /proc/<our pid>/fd or /proc/<our pid>/task/N/fd? */
static bool is_own_fd_dir(int fd)
{
    char link[64], target[128];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, target, sizeof target - 1);
    if (n <= 0)
        return false;
    target[n] = 0;
    char pre[32];
    int pl = snprintf(pre, sizeof pre, "/proc/%d/", (int)getpid());
    if (strncmp(target, pre, (size_t)pl) != 0)
        return false;
    const char *r = target + pl;
    if (!strncmp(r, "task/", 5)) {
        r += 5;
        while (*r >= '0' && *r <= '9')
            r++;
        if (*r++ != '/')
            return false;
    }
    return strcmp(r, "fd") == 0 || strcmp(r, "fdinfo") == 0;
}

/* Drop the entries naming mimic's fds from a linux_dirent64 buffer. */
static long drop_own_entries(char *buf, long n)
{
    long in = 0, out = 0;
    while (in < n) {
        unsigned short reclen;
        memcpy(&reclen, buf + in + 16, sizeof reclen); /* d_ino, d_off, d_reclen */
        const char *name = buf + in + 19;
        char *end;
        long v = strtol(name, &end, 10);
        bool drop = end != name && *end == 0 && host_fd_is_mimic((int)v);
        if (!drop) {
            if (out != in)
                memmove(buf + out, buf + in, reclen);
            out += reclen;
        }
        in += reclen;
    }
    return out;
}

long host_getdents64(int fd, void *buf, size_t len)
{
    for (;;) {
        long n = syscall(SYS_getdents64, fd, buf, len);
        if (n < 0)
            return -errno;
        if (n == 0 || n_own_fds == 0 || !is_own_fd_dir(fd))
            return n;
        n = drop_own_entries(buf, n);
        if (n > 0)
            return n;
        /* Everything read was ours: read on rather than report the end. */
    }
}
