/*
 * MIMIC_PROC_EXE=1: other processes' /proc/PID/exe names the guest program
 * instead of mimic (start-stop-daemon --exec, killall and pidof -x compare
 * it), as they would see it natively.  The guest's own view of
 * /proc/self/exe is the guest program in any case (syscall.c).
 *
 * The kernel changes the link on prctl(PR_SET_MM, PR_SET_MM_EXE_FILE) with
 * CAP_SYS_RESOURCE, or on PR_SET_MM_MAP (which carries the same request
 * with the whole memory-map description) with CAP_CHECKPOINT_RESTORE or
 * CAP_SYS_ADMIN in the process's user namespace, so a root user in a
 * foreign chroot or container can.  Either way it refuses (EBUSY) while any
 * part of the old executable is still mapped, and mimic runs from its own
 * file.  So every mapping of mimic's file (text, read-only data, data) is
 * first replaced by an anonymous copy at the same address with the same
 * protection: the bytes do not change, only what backs them.  That costs a
 * copy of mimic's image (about 6 MB) at every start, which is why it is not
 * the default.
 *
 * Done at start-up, while mimic has one thread.  On any failure nothing is
 * left half-done that matters: a mapping not yet replaced still holds the
 * same bytes, and the link stays mimic's; one line on stderr says why.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <linux/prctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <stdbool.h>
#include <stdint.h>
#include <unistd.h>

#include "linux-user/user.h"

#define MAX_MAPS 64

typedef struct {
    uintptr_t lo, hi;
    off_t off;      /* where in the file it starts */
    int prot;
    bool written;   /* some page was copied on write: the file is not its content */
} SelfMap;

/* The mappings of mimic's own file: /proc/self/smaps entries whose device
   and inode are those of the file /proc/self/exe names, with whether any of
   their pages was written (Anonymous above 0 kB).  Returns their number,
   or -1. */
static int own_maps(SelfMap *m, struct stat *st)
{
    FILE *f = fopen("/proc/self/smaps", "re");
    if (!f)
        return -1;
    char line[512];
    int n = 0;
    bool in_own = false;
    while (fgets(line, sizeof line, f)) {
        uintptr_t lo, hi;
        char perm[5];
        unsigned maj, min;
        unsigned long long off, ino, kb;
        if (sscanf(line, "%" SCNxPTR "-%" SCNxPTR " %4s %llx %x:%x %llu", &lo, &hi, perm, &off,
                   &maj, &min, &ino) == 7) {
            in_own = ino == (unsigned long long)st->st_ino && makedev(maj, min) == st->st_dev;
            if (!in_own)
                continue;
            if (n == MAX_MAPS) {
                n = -1;
                break;
            }
            m[n] = (SelfMap){ .lo = lo, .hi = hi, .off = (off_t)off };
            m[n].prot = (perm[0] == 'r' ? PROT_READ : 0) | (perm[1] == 'w' ? PROT_WRITE : 0) |
                        (perm[2] == 'x' ? PROT_EXEC : 0);
            n++;
        } else if (in_own && sscanf(line, "Anonymous: %llu kB", &kb) == 1 && kb) {
            m[n - 1].written = true;
        }
    }
    fclose(f);
    return n;
}

/* Fill buf with the file's bytes at off; beyond the end of the file a
   mapping holds zeros (already there in a fresh anonymous mapping). */
static bool read_file_at(int fd, uint8_t *buf, size_t len, off_t off)
{
    while (len) {
        ssize_t r = pread(fd, buf, len, off);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return false;
        if (r == 0)
            return true;
        buf += r, len -= (size_t)r, off += r;
    }
    return true;
}

/* Replace one mapping by an anonymous copy of its bytes: read from the file
   when no page was written (no page faults on the old mapping, which are
   slow on some filesystems), else copied from memory.  The code doing it
   may live in that very mapping: mremap swaps the pages in one step and
   the bytes at every address stay the same. */
static bool anonymize(const SelfMap *m, int exe_fd)
{
    size_t len = m->hi - m->lo;
    void *copy =
        mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (copy == MAP_FAILED)
        return false;
    bool ok;
    if (!m->written) {
        ok = read_file_at(exe_fd, copy, len, m->off);
    } else {
        ok = (m->prot & PROT_READ) || mprotect((void *)m->lo, len, m->prot | PROT_READ) == 0;
        if (ok)
            memcpy(copy, (const void *)m->lo, len);
    }
    if (!ok || mprotect(copy, len, m->prot) < 0 ||
        mremap(copy, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, (void *)m->lo) == MAP_FAILED) {
        munmap(copy, len);
        if (m->written && !(m->prot & PROT_READ))
            mprotect((void *)m->lo, len, m->prot);
        return false;
    }
    return true;
}

/* PR_SET_MM_MAP wants the whole description; the current values come from
   /proc/self/stat (fields 26-28 and 45-51, see proc_pid_stat(5)). */
static int set_exe_by_map(int fd)
{
    FILE *f = fopen("/proc/self/stat", "re");
    if (!f)
        return -1;
    char buf[1024];
    bool ok = fgets(buf, sizeof buf, f) != NULL;
    fclose(f);
    char *p = ok ? strrchr(buf, ')') : NULL;
    if (!p)
        return -1;
    unsigned long long v[64] = { 0 };
    int field = 3; /* the first after ")" is field 3 (state) */
    for (char *tok = strtok(p + 2, " "); tok && field < 64; tok = strtok(NULL, " "), field++)
        v[field] = strtoull(tok, NULL, 10);
    if (field <= 51)
        return -1;
    struct prctl_mm_map map = {
        .start_code = v[26], .end_code = v[27], .start_stack = v[28],
        .start_data = v[45], .end_data = v[46], .start_brk = v[47],
        .brk = (uint64_t)(uintptr_t)sbrk(0),
        .arg_start = v[48], .arg_end = v[49], .env_start = v[50], .env_end = v[51],
        .auxv = NULL, .auxv_size = 0, /* 0: the saved auxv stays */
        .exe_fd = (uint32_t)fd,
    };
    return prctl(PR_SET_MM, PR_SET_MM_MAP, (unsigned long)&map, sizeof map, 0UL);
}

void proc_exe_show_guest(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        fprintf(stderr, "mimic: MIMIC_PROC_EXE: cannot open %s: %s\n", path, strerror(errno));
        return;
    }
    /* Cheap first: without the privilege, do not pay for the copies. */
    if (prctl(PR_SET_MM, PR_SET_MM_EXE_FILE, (unsigned long)fd, 0UL, 0UL) == 0) {
        close(fd);
        return;
    }
    int e = errno;
    if (e == EPERM) {
        /* Maybe the user-namespace path: try it before copying anything
           (it fails with EBUSY, not EPERM, when only the mapping is in
           the way). */
        if (set_exe_by_map(fd) == 0) {
            close(fd);
            return;
        }
        e = errno;
    }
    if (e != EBUSY) {
        fprintf(stderr, "mimic: MIMIC_PROC_EXE: the kernel refuses to change /proc/PID/exe: %s\n",
                strerror(e));
        close(fd);
        return;
    }
    SelfMap m[MAX_MAPS];
    struct stat st;
    int exe_fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
    int n = exe_fd >= 0 && fstat(exe_fd, &st) == 0 ? own_maps(m, &st) : -1;
    bool ok = n > 0;
    for (int i = 0; ok && i < n; i++)
        ok = anonymize(&m[i], exe_fd);
    if (exe_fd >= 0)
        close(exe_fd);
    int r = -1;
    if (ok) {
        r = prctl(PR_SET_MM, PR_SET_MM_EXE_FILE, (unsigned long)fd, 0UL, 0UL);
        if (r < 0 && errno == EPERM)
            r = set_exe_by_map(fd);
    }
    if (r < 0)
        fprintf(stderr, "mimic: MIMIC_PROC_EXE: could not change /proc/PID/exe: %s\n",
                ok ? strerror(errno) : "mimic's own mappings could not be copied");
    close(fd);
}
