/*
 * Core dumps of the guest: when a guest process dies of a core-dumping
 * signal and its RLIMIT_CORE allows, write the ELF core file the guest's
 * own kernel would have written, so that `gdb-multiarch PROGRAM core`
 * shows the guest's threads and backtrace:
 *
 *   ELF32 header (ET_CORE, the guest's machine and byte order)
 *   PT_NOTE   NT_PRSTATUS per thread (the dying one first; the registers
 *             as the guest's elf_gregset_t, TargetOps.core_regs),
 *             NT_PRPSINFO, NT_AUXV, NT_FILE (the file mappings)
 *   PT_LOAD   per run of guest pages with the same protection; contents
 *             for what the kernel's default coredump_filter dumps
 *             (anonymous and written-to mappings), none for read-only
 *             file mappings (the debugger reads those from the files)
 *
 * The name comes from /proc/sys/kernel/core_pattern (its %-specifiers
 * expanded for the guest, core_uses_pid honoured) when that is a plain
 * pattern; a "|program" pattern gets no guest core.  As the kernel, at most
 * RLIMIT_CORE bytes are written, and nothing below one page.
 *
 * The parent must also see WCOREDUMP in the wait status, which only the
 * host kernel can set, by dumping this (host) process.  So after writing
 * the guest's core, mimic lets the host kernel dump itself somewhere
 * harmless: coredump_filter 0 (headers and notes only), the working
 * directory moved to a scratch directory for a relative pattern, and a
 * detached helper that removes that directory once the process is gone.
 * With an absolute pattern the host's dump would replace the guest's core,
 * so there the guest core is written and WCOREDUMP is not shown.
 *
 * Called while the process dies, possibly in a host signal handler: only
 * async-signal-safe calls, static buffers, one dump per process.  The
 * other threads keep running meanwhile; their registers are what their
 * CPU state last held.
 */
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "linux-user/signal-priv.h"
#include "linux-user/syscall-priv.h"
#include "include/coldbss.h"

#ifndef NT_FILE
#define NT_FILE 0x46494c45
#endif

/* ---- small async-signal-safe helpers ---- */

/* Read a whole small file into buf (NUL-terminated): length or -1. */
static long read_file(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    size_t n = 0;
    while (n + 1 < size) {
        ssize_t r = read(fd, buf + n, size - 1 - n);
        if (r <= 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    buf[n] = 0;
    return (long)n;
}

static size_t put_str(char *out, size_t pos, size_t size, const char *s)
{
    while (*s && pos + 1 < size)
        out[pos++] = *s++;
    out[pos < size ? pos : size - 1] = 0;
    return pos;
}

static size_t put_num(char *out, size_t pos, size_t size, unsigned long long v)
{
    char tmp[24];
    int n = 0;
    do
        tmp[n++] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    while (n > 0 && pos + 1 < size)
        out[pos++] = tmp[--n];
    out[pos < size ? pos : size - 1] = 0;
    return pos;
}

static const char *base_name(const char *p)
{
    const char *b = p;
    for (; *p; p++)
        if (*p == '/')
            b = p + 1;
    return b;
}

/* ---- the file name ---- */

/* Expand core_pattern for the guest (the kernel's format_corename):
   false for a pipe pattern or one that cannot be used. */
static bool core_name(char *out, size_t size, int gsig, unsigned long long limit, bool *relative)
{
    static char pat[512];
    if (read_file("/proc/sys/kernel/core_pattern", pat, sizeof pat) < 0)
        memcpy(pat, "core", 5);
    pat[strcspn(pat, "\n")] = 0;
    if (pat[0] == '|' || pat[0] == 0)
        return false;
    *relative = pat[0] != '/';
    const char *prog = image.guest_path ? image.guest_path : "?";
    size_t pos = 0;
    bool has_pid = false;
    out[0] = 0;
    for (const char *p = pat; *p; p++) {
        if (*p != '%') {
            if (pos + 1 < size)
                out[pos++] = *p;
            out[pos] = 0;
            continue;
        }
        switch (*++p) {
        case 0:
            p--;
            break;
        case '%':
            pos = put_str(out, pos, size, "%");
            break;
        case 'p':
        case 'P':
            has_pid = true;
            pos = put_num(out, pos, size, (unsigned long long)getpid());
            break;
        case 'i':
        case 'I':
            pos = put_num(out, pos, size, (unsigned long long)syscall(SYS_gettid));
            break;
        case 'u':
            pos = put_num(out, pos, size, getuid());
            break;
        case 'g':
            pos = put_num(out, pos, size, getgid());
            break;
        case 'd':
            pos = put_num(out, pos, size, (unsigned long long)prctl(PR_GET_DUMPABLE));
            break;
        case 's':
            pos = put_num(out, pos, size, (unsigned long long)gsig);
            break;
        case 't':
            pos = put_num(out, pos, size, (unsigned long long)time(NULL));
            break;
        case 'c':
            pos = put_num(out, pos, size, limit);
            break;
        case 'h': {
            struct utsname u;
            if (uname(&u) == 0)
                pos = put_str(out, pos, size, u.nodename);
            break;
        }
        case 'e': { /* the command name: at most 15 characters */
            char comm[16];
            size_t n = 0;
            for (const char *b = base_name(prog); *b && n < 15; b++)
                comm[n++] = *b;
            comm[n] = 0;
            pos = put_str(out, pos, size, comm);
            break;
        }
        case 'E': /* the path, '/' as '!' */
            for (const char *b = prog; *b && pos + 1 < size; b++)
                out[pos++] = *b == '/' ? '!' : *b;
            out[pos] = 0;
            break;
        default: /* unknown: dropped, as the kernel does */
            break;
        }
    }
    char up[8];
    if (!has_pid && read_file("/proc/sys/kernel/core_uses_pid", up, sizeof up) > 0 &&
        up[0] == '1') {
        pos = put_str(out, pos, size, ".");
        pos = put_num(out, pos, size, (unsigned long long)getpid());
    }
    return pos > 0 && pos + 1 < size;
}

/* ---- building the image ---- */

/* A run of guest pages for one PT_LOAD. */
typedef struct Seg {
    uint32_t start, end;
    uint32_t flags; /* PF_R | PF_W | PF_X */
    bool dump;      /* contents in the file */
} Seg;

#define MAX_SEGS 16384
#define NOTES_SIZE (1u << 20)
static COLD_BSS Seg segs[MAX_SEGS];
static COLD_BSS uint8_t notes[NOTES_SIZE];
static COLD_BSS char maps_buf[1u << 20];

/* The page flags that split segments. */
#define SEG_BITS (PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_EXEC | PAGE_ANON | PAGE_READ_IMPLIED)

static int collect_segments(void)
{
    int n = 0;
    uint32_t p = 0;
    while (p < GUEST_NB_PAGES && n < MAX_SEGS) {
        int f = page_flags[p] & SEG_BITS;
        uint32_t q = p + 1;
        while (q < GUEST_NB_PAGES && (page_flags[q] & SEG_BITS) == f)
            q++;
        if (f & PAGE_VALID) {
            Seg *s = &segs[n++];
            s->start = p << GUEST_PAGE_BITS;
            s->end = (uint32_t)(((uint64_t)q << GUEST_PAGE_BITS) - 1) + 1;
            s->flags = (f & PAGE_READ && !(f & PAGE_READ_IMPLIED) ? PF_R : 0) |
                       (f & PAGE_WRITE ? PF_W : 0) | (f & PAGE_EXEC ? PF_X : 0);
            /* As the default coredump_filter: anonymous memory and what was
               mapped writable; read-only file pages are the file's. */
            s->dump = (f & PAGE_READ) && (f & (PAGE_ANON | PAGE_WRITE));
        }
        p = q;
    }
    return n;
}

/* Append a note (name "CORE" or "LINUX"): the new length, or 0 if full. */
static size_t add_note(size_t pos, uint32_t type, const char *name, const void *desc, uint32_t len)
{
    uint32_t nl = (uint32_t)strlen(name) + 1;
    size_t need = 12 + ((nl + 3) & ~3u) + ((len + 3) & ~3u);
    if (pos + need > NOTES_SIZE)
        return 0;
    uint8_t *p = notes + pos;
    memset(p, 0, need);
    st_guest_u32(p, nl);
    st_guest_u32(p + 4, len);
    st_guest_u32(p + 8, type);
    memcpy(p + 12, name, nl);
    if (len)
        memcpy(p + 12 + ((nl + 3) & ~3u), desc, len);
    return pos + need;
}

/* NT_PRSTATUS: struct elf_prstatus of a 32-bit guest.  Its first 72 bytes
   are the same everywhere (siginfo, cursig, sigpend, sighold, pids,
   times); then the target's elf_gregset_t and int pr_fpvalid. */
static size_t add_prstatus(size_t pos, CPUCommon *env, pid_t tid, int gsig, uint64_t blocked)
{
    uint8_t d[72 + 512 + 4];
    memset(d, 0, sizeof d);
    st_guest_u32(d, (uint32_t)gsig);           /* pr_info.si_signo */
    st_guest_u16(d + 12, (uint16_t)gsig);      /* pr_cursig */
    st_guest_u32(d + 20, (uint32_t)blocked);   /* pr_sighold */
    st_guest_u32(d + 24, (uint32_t)tid);       /* pr_pid */
    st_guest_u32(d + 28, (uint32_t)getppid()); /* pr_ppid */
    st_guest_u32(d + 32, (uint32_t)getpgrp()); /* pr_pgrp */
    st_guest_u32(d + 36, (uint32_t)getsid(0)); /* pr_sid */
    size_t n = target->core_regs(env, d + 72);
    if (n == 0 || n > 512)
        return pos;
    size_t r = add_note(pos, NT_PRSTATUS, "CORE", d, (uint32_t)(72 + n + 4));
    if (!r)
        return pos;
    uint32_t type = 0;
    const char *name = "CORE";
    memset(d, 0, sizeof d);
    n = target->core_regs_extra ? target->core_regs_extra(env, d, &type, &name) : 0;
    if (n > 0 && n <= 512) {
        size_t r2 = add_note(r, type, name, d, (uint32_t)n);
        r = r2 ? r2 : r;
    }
    return r;
}

/* NT_PRPSINFO: struct elf_prpsinfo of a 32-bit guest (uid_t 16 or 32
   bits wide, TargetOps.core_uid16). */
static size_t add_prpsinfo(size_t pos)
{
    uint8_t d[128];
    memset(d, 0, sizeof d);
    d[0] = 0;   /* pr_state: running */
    d[1] = 'R'; /* pr_sname */
    size_t o = 8;
    if (target->core_uid16) {
        st_guest_u16(d + o, (uint16_t)getuid());
        st_guest_u16(d + o + 2, (uint16_t)getgid());
        o += 4;
    } else {
        st_guest_u32(d + o, getuid());
        st_guest_u32(d + o + 4, getgid());
        o += 8;
    }
    st_guest_u32(d + o, (uint32_t)getpid());
    st_guest_u32(d + o + 4, (uint32_t)getppid());
    st_guest_u32(d + o + 8, (uint32_t)getpgrp());
    st_guest_u32(d + o + 12, (uint32_t)getsid(0));
    o += 16;
    const char *prog = image.guest_path ? image.guest_path : "";
    const char *b = base_name(prog);
    for (size_t i = 0; i < 15 && b[i]; i++)
        d[o + i] = (uint8_t)b[i];
    o += 16;
    /* pr_psargs: the command line, spaces between the arguments */
    uint32_t a = image.arg_start, e = image.arg_end;
    for (size_t i = 0; i < 79 && a + i < e && guest_range_ok(a + (uint32_t)i, 1, PAGE_READ); i++) {
        uint8_t c = *(uint8_t *)g2h(a + (uint32_t)i);
        d[o + i] = c ? c : ' ';
    }
    o += 80;
    return add_note(pos, NT_PRPSINFO, "CORE", d, (uint32_t)o);
}

/* NT_FILE: the guest's file mappings (from the host's maps, inside the
   window): count, page size, { start, end, offset in pages } each, then
   the names. */
static size_t add_nt_file(size_t pos)
{
    long len = read_file("/proc/self/maps", maps_buf, sizeof maps_buf);
    if (len <= 0)
        return pos;
    static COLD_BSS uint8_t d[NOTES_SIZE / 2];
    uint32_t count = 0;
    size_t names = 0;
    /* Two passes: the entries, then the names after them. */
    for (int pass = 0; pass < 2; pass++) {
        size_t at = pass == 0 ? 8 : 8 + 12 * (size_t)count;
        uint32_t k = 0;
        for (char *l = maps_buf; *l;) {
            char *nl = strchr(l, '\n');
            if (nl)
                *nl = 0;
            unsigned long long hs = strtoull(l, &l, 16), he = strtoull(l + 1, &l, 16);
            while (*l == ' ')
                l++;
            while (*l && *l != ' ') /* perms */
                l++;
            unsigned long long off = strtoull(l, &l, 16);
            while (*l == ' ')
                l++;
            while (*l && *l != ' ') /* dev */
                l++;
            unsigned long long inode = strtoull(l, &l, 10);
            while (*l == ' ')
                l++;
            char *name = l;
            uint64_t lo = guest_base, hi = (uint64_t)guest_base + (1ull << 32);
            if (inode && name[0] == '/' && he > lo && hs < hi && hs >= lo) {
                if (pass == 0) {
                    if (8 + 12 * (size_t)(count + 1) > sizeof d)
                        break;
                    uint8_t *e = d + 8 + 12 * (size_t)count;
                    st_guest_u32(e, (uint32_t)(hs - lo));
                    st_guest_u32(e + 4, (uint32_t)((he > hi ? hi : he) - lo));
                    st_guest_u32(e + 8, (uint32_t)(off / GUEST_PAGE_SIZE));
                    count++;
                } else if (k < count) {
                    guest_path_unmap(name);
                    size_t n = strlen(name) + 1;
                    if (at + n > sizeof d)
                        break;
                    memcpy(d + at, name, n);
                    at += n;
                    names = at;
                    k++;
                }
            }
            if (!nl)
                break;
            *nl = '\n';
            l = nl + 1;
        }
        /* strtoull/strchr above left the buffer intact for the second pass */
    }
    if (count == 0)
        return pos;
    st_guest_u32(d, count);
    st_guest_u32(d + 4, GUEST_PAGE_SIZE);
    size_t r = add_note(pos, NT_FILE, "CORE", d, (uint32_t)names);
    return r ? r : pos;
}

/* write() all of it (or up to the limit): false on a failed write. */
static bool write_all(int fd, const void *buf, size_t n, uint64_t *written, uint64_t limit)
{
    const uint8_t *p = buf;
    while (n > 0) {
        if (*written >= limit)
            return true; /* as the kernel: the rest is cut off */
        size_t k = n;
        if (k > limit - *written)
            k = (size_t)(limit - *written);
        ssize_t r = write(fd, p, k);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return false;
        p += r;
        n -= (size_t)r;
        *written += (uint64_t)r;
    }
    return true;
}

static const uint8_t zero_page[GUEST_PAGE_SIZE];

/* Write the core of the guest to name: true if written. */
static bool write_core(const char *name, int gsig, CPUCommon *env, uint64_t limit)
{
    int nseg = collect_segments();
    /* Notes: the dying thread first, then the others (signal.c's list). */
    size_t npos = 0;
    pid_t me = (pid_t)syscall(SYS_gettid);
    if (env)
        npos = add_prstatus(npos, env, me, gsig, guest_sigmask);
    static pid_t tids[512];
    static CPUCommon *cpus[512];
    int nt = signal_thread_cpus(tids, cpus, 512);
    for (int i = 0; i < nt; i++)
        if (tids[i] != me && cpus[i])
            npos = add_prstatus(npos, cpus[i], tids[i], gsig, 0);
    size_t p2 = add_prpsinfo(npos);
    npos = p2 ? p2 : npos;
    if (image.auxv_len && guest_range_ok(image.auxv, image.auxv_len, PAGE_READ)) {
        p2 = add_note(npos, NT_AUXV, "CORE", g2h(image.auxv), image.auxv_len);
        npos = p2 ? p2 : npos;
    }
    npos = add_nt_file(npos);

    /* Layout: header, program headers, notes, then the segments' pages. */
    uint32_t phnum = 1 + (uint32_t)nseg;
    uint64_t off = sizeof(Elf32_Ehdr) + (uint64_t)phnum * sizeof(Elf32_Phdr);
    uint64_t notes_off = off;
    off += npos;
    off = (off + GUEST_PAGE_SIZE - 1) & ~(uint64_t)(GUEST_PAGE_SIZE - 1);

    unlink(name); /* as the kernel: a fresh file, never through a link */
    int fd = open(name, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return false;
    uint64_t written = 0;
    bool ok = true;

    Elf32_Ehdr eh;
    memset(&eh, 0, sizeof eh);
    memcpy(eh.e_ident, ELFMAG, SELFMAG);
    eh.e_ident[EI_CLASS] = ELFCLASS32;
    eh.e_ident[EI_DATA] = target->big_endian ? ELFDATA2MSB : ELFDATA2LSB;
    eh.e_ident[EI_VERSION] = EV_CURRENT;
    st_guest_u16(&eh.e_type, ET_CORE);
    st_guest_u16(&eh.e_machine, target->elf_machine);
    st_guest_u32(&eh.e_version, EV_CURRENT);
    st_guest_u32(&eh.e_phoff, sizeof eh);
    st_guest_u16(&eh.e_ehsize, sizeof eh);
    st_guest_u16(&eh.e_phentsize, sizeof(Elf32_Phdr));
    st_guest_u16(&eh.e_phnum, (uint16_t)(phnum > 0xffff ? 0xffff : phnum));
    ok = write_all(fd, &eh, sizeof eh, &written, limit);

    Elf32_Phdr ph;
    memset(&ph, 0, sizeof ph);
    st_guest_u32(&ph.p_type, PT_NOTE);
    st_guest_u32(&ph.p_offset, (uint32_t)notes_off);
    st_guest_u32(&ph.p_filesz, (uint32_t)npos);
    ok = ok && write_all(fd, &ph, sizeof ph, &written, limit);
    uint64_t data = off;
    for (int i = 0; ok && i < nseg; i++) {
        uint32_t sz = segs[i].end - segs[i].start;
        memset(&ph, 0, sizeof ph);
        st_guest_u32(&ph.p_type, PT_LOAD);
        st_guest_u32(&ph.p_offset, (uint32_t)data);
        st_guest_u32(&ph.p_vaddr, segs[i].start);
        st_guest_u32(&ph.p_filesz, segs[i].dump ? sz : 0);
        st_guest_u32(&ph.p_memsz, sz);
        st_guest_u32(&ph.p_flags, segs[i].flags);
        st_guest_u32(&ph.p_align, GUEST_PAGE_SIZE);
        ok = write_all(fd, &ph, sizeof ph, &written, limit);
        if (segs[i].dump)
            data += sz;
    }
    ok = ok && write_all(fd, notes, npos, &written, limit);
    while (ok && written < off && written < limit) /* pad to the first page */
        ok = write_all(fd, zero_page,
                       (size_t)(off - written < GUEST_PAGE_SIZE ? off - written : GUEST_PAGE_SIZE),
                       &written, limit);
    for (int i = 0; ok && i < nseg && written < limit; i++) {
        if (!segs[i].dump)
            continue;
        for (uint32_t a = segs[i].start; ok && a != segs[i].end && written < limit;
             a += GUEST_PAGE_SIZE) {
            /* Pages of zeros (untouched stacks and heaps) become holes, as
               the kernel leaves them. */
            if (written + GUEST_PAGE_SIZE <= limit &&
                memcmp(g2h(a), zero_page, GUEST_PAGE_SIZE) == 0 &&
                lseek(fd, GUEST_PAGE_SIZE, SEEK_CUR) >= 0) {
                written += GUEST_PAGE_SIZE;
                continue;
            }
            ok = write_all(fd, g2h(a), GUEST_PAGE_SIZE, &written, limit);
        }
    }
    if (ok && ftruncate(fd, (off_t)written) < 0) /* a hole at the end still counts */
        ok = false;
    close(fd);
    return ok;
}

/* ---- letting the host kernel dump this process where it does no harm ---- */

/* A detached process that waits for us to be gone, then removes dir (and
   the host core in it).  Raw fork: we may be in a signal handler. */
static void spawn_cleaner(const char *dir)
{
    int p[2];
    if (pipe2(p, O_CLOEXEC) < 0)
        return;
    pid_t c = (pid_t)syscall(SYS_fork);
    if (c == 0) {
        if (syscall(SYS_fork) != 0)
            _exit(0); /* the middle process: the cleaner is init's child */
        close(p[1]);
        syscall(SYS_close_range, 0u, (unsigned)p[0] - 1, 0u);
        syscall(SYS_close_range, (unsigned)p[0] + 1, ~0u, 0u);
        setsid();
        char b;
        while (read(p[0], &b, 1) != 0 && errno == EINTR) /* EOF: the dump is over */
            ;
        int dfd = open(dir, O_RDONLY | O_DIRECTORY);
        if (dfd >= 0) {
            char buf[4096];
            long n;
            while ((n = syscall(SYS_getdents64, dfd, buf, sizeof buf)) > 0)
                for (long o = 0; o < n;) {
                    uint16_t rl;
                    memcpy(&rl, buf + o + 16, 2);
                    const char *nm = buf + o + 19;
                    if (strcmp(nm, ".") && strcmp(nm, ".."))
                        unlinkat(dfd, nm, 0);
                    o += rl;
                }
            close(dfd);
        }
        rmdir(dir);
        _exit(0);
    }
    close(p[0]);
    if (c > 0)
        syscall(SYS_wait4, c, NULL, __WALL, NULL);
    /* p[1] stays open until the process is gone */
}

static bool host_dump_elsewhere(bool relative)
{
    if (!relative)
        return false;
    static char dir[64];
    const char *tmp = "/tmp";
    size_t n = put_str(dir, 0, sizeof dir, tmp);
    n = put_str(dir, n, sizeof dir, "/mimic-core-");
    n = put_num(dir, n, sizeof dir, (unsigned long long)getpid());
    (void)n;
    if (mkdir(dir, 0700) < 0)
        return false;
    int f = open("/proc/self/coredump_filter", O_WRONLY | O_CLOEXEC);
    if (f >= 0) {
        if (write(f, "0", 1) < 0) { /* (then the host dump is just bigger) */
        }
        close(f);
    }
    if (chdir(dir) < 0) {
        rmdir(dir);
        return false;
    }
    spawn_cleaner(dir);
    struct rlimit rl;
    if (getrlimit(RLIMIT_CORE, &rl) == 0) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_CORE, &rl);
    }
    return true;
}

bool guest_core_dump(int host_sig, CPUCommon *env)
{
    static int once;
    if (!target || !target->core_regs || __atomic_exchange_n(&once, 1, __ATOMIC_ACQ_REL))
        return false;
    struct rlimit rl;
    if (getrlimit(RLIMIT_CORE, &rl) < 0 || rl.rlim_cur < GUEST_PAGE_SIZE)
        return false;
    if (prctl(PR_GET_DUMPABLE) == 0)
        return false;
    static char name[PATH_MAX];
    bool relative = true;
    int gsig = signal_to_guest(host_sig);
    unsigned long long limit = rl.rlim_cur == RLIM_INFINITY ? ~0ull : rl.rlim_cur;
    if (!core_name(name, sizeof name, gsig, limit, &relative))
        return false;
    if (!write_core(name, gsig, env, limit))
        return false;
    return host_dump_elsewhere(relative);
}
