/*
 * More file syscalls: ownership, timestamps, truncation, file-system
 * statistics, sync, and select.
 */
#include <fcntl.h>
#include <stddef.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>
#include <asm/unistd.h>

#include "linux-user/sigmask-wait.h"
#include "linux-user/signal-priv.h"
#include "linux-user/abi-conv.h"
#include "linux-user/syscall-priv.h"

#define FD(x) ((int)(x))

long sys_fchownat(CPUCommon *env, const uint32_t *a)
{
    GuestPath gp;
    long r = get_path_at(&gp, a[0], a[1], !(a[4] & AT_SYMLINK_NOFOLLOW));
    return r < 0 ? r : host_ret(fchownat(FD(a[0]), gp.p, (uid_t)a[2], (gid_t)a[3], (int)a[4]));
}

long sys_chown32(CPUCommon *env, const uint32_t *a)
{
    uint32_t b[5] = { (uint32_t)AT_FDCWD, a[0], a[1], a[2], 0 };
    return sys_fchownat(env, b);
}

long sys_lchown32(CPUCommon *env, const uint32_t *a)
{
    uint32_t b[5] = { (uint32_t)AT_FDCWD, a[0], a[1], a[2], AT_SYMLINK_NOFOLLOW };
    return sys_fchownat(env, b);
}

long sys_fchown32(CPUCommon *env, const uint32_t *a)
{
    return host_ret(fchown(FD(a[0]), (uid_t)a[1], (gid_t)a[2]));
}

static long do_utimensat(const uint32_t *a, bool time64)
{
    struct timespec ts[2];
    GuestPath gp;
    const char *p = NULL;
    if (a[1]) { /* NULL path: futimens(dirfd) */
        long r = get_path_at(&gp, a[0], a[1], !(a[3] & AT_SYMLINK_NOFOLLOW));
        if (r < 0)
            return r;
        p = gp.p;
    }
    if (a[2]) {
        unsigned sz = time64 ? 16 : 8;
        long r = get_timespec(&ts[0], a[2], time64);
        if (r == 0)
            r = get_timespec(&ts[1], a[2] + sz, time64);
        if (r < 0)
            return r;
    }
    return host_ret(syscall(__NR_utimensat, FD(a[0]), p, a[2] ? ts : NULL, (int)a[3]));
}

long sys_utimensat(CPUCommon *env, const uint32_t *a) { return do_utimensat(a, false); }
long sys_utimensat_time64(CPUCommon *env, const uint32_t *a) { return do_utimensat(a, true); }

long sys_truncate(CPUCommon *env, const uint32_t *a)
{
    GuestPath gp;
    long r = get_path_at(&gp, (uint32_t)AT_FDCWD, a[0], true);
    return r < 0 ? r : host_ret(truncate(gp.p, (off_t)(int32_t)a[1]));
}

long sys_ftruncate(CPUCommon *env, const uint32_t *a)
{
    return host_ret(ftruncate(FD(a[0]), (off_t)(int32_t)a[1]));
}

static long put_statfs64(uint32_t addr, uint32_t size, const struct statfs *s)
{
    /* struct statfs64 by the target's layout.  The ARM kernel's wrappers
       also take 88 (glibc's unpacked sizeof) as meaning 84: a size rounded
       up to 8 is accepted everywhere. */
    uint8_t g[GUEST_STRUCT_MAX];
    size_t n = statfs64_to_guest(g, s);
    if (size != n && size != ((n + 7) & ~(size_t)7))
        return -EINVAL;
    return copy_to_guest(addr, g, n) < 0 ? -EFAULT : 0; /* the guest's byte image */
}

/* struct statfs of a 32-bit guest (statfs, fstatfs): as the kernel's
   compat path, a size or count that does not fit in 32 bits is EOVERFLOW
   (a file count of all ones, "unknown", passes as -1). */
static long put_statfs32(uint32_t addr, const struct statfs *s)
{
    const uint64_t sizes[] = { (uint64_t)s->f_blocks, (uint64_t)s->f_bfree, (uint64_t)s->f_bavail,
                               (uint64_t)s->f_bsize, (uint64_t)s->f_frsize };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        if (sizes[i] >> 32)
            return -EOVERFLOW;
    if (((uint64_t)s->f_files != ~0ull && (uint64_t)s->f_files >> 32) ||
        ((uint64_t)s->f_ffree != ~0ull && (uint64_t)s->f_ffree >> 32))
        return -EOVERFLOW;
    uint8_t g[GUEST_STRUCT_MAX];
    size_t n = ABI_SIZE(statfs);
    if (n == 0 || n > sizeof g)
        return -ENOSYS;
    memset(g, 0, n);
    ABI_PUT(g, statfs, f_type, (uint64_t)s->f_type);
    ABI_PUT(g, statfs, f_bsize, (uint64_t)s->f_bsize);
    ABI_PUT(g, statfs, f_blocks, (uint64_t)s->f_blocks);
    ABI_PUT(g, statfs, f_bfree, (uint64_t)s->f_bfree);
    ABI_PUT(g, statfs, f_bavail, (uint64_t)s->f_bavail);
    ABI_PUT(g, statfs, f_files, (uint64_t)s->f_files);
    ABI_PUT(g, statfs, f_ffree, (uint64_t)s->f_ffree);
    ABI_PUT(g, statfs, f_fsid0, (uint32_t)s->f_fsid.__val[0]);
    ABI_PUT(g, statfs, f_fsid1, (uint32_t)s->f_fsid.__val[1]);
    ABI_PUT(g, statfs, f_namelen, (uint64_t)s->f_namelen);
    ABI_PUT(g, statfs, f_frsize, (uint64_t)s->f_frsize);
    ABI_PUT(g, statfs, f_flags, (uint64_t)s->f_flags);
    return copy_to_guest(addr, g, n) < 0 ? -EFAULT : 0; /* the guest's byte image */
}

long sys_statfs(CPUCommon *env, const uint32_t *a)
{
    GuestPath gp;
    struct statfs s;
    long r = get_path_at(&gp, (uint32_t)AT_FDCWD, a[0], true);
    if (r < 0)
        return r;
    if (statfs(gp.p, &s) < 0)
        return -errno;
    return put_statfs32(a[1], &s);
}

long sys_fstatfs(CPUCommon *env, const uint32_t *a)
{
    struct statfs s;
    if (fstatfs(FD(a[0]), &s) < 0)
        return -errno;
    return put_statfs32(a[1], &s);
}

long sys_statfs64(CPUCommon *env, const uint32_t *a)
{
    GuestPath gp;
    struct statfs s;
    long r = get_path_at(&gp, (uint32_t)AT_FDCWD, a[0], true);
    if (r < 0)
        return r;
    if (statfs(gp.p, &s) < 0)
        return -errno;
    return put_statfs64(a[2], a[1], &s);
}

long sys_fstatfs64(CPUCommon *env, const uint32_t *a)
{
    struct statfs s;
    if (fstatfs(FD(a[0]), &s) < 0)
        return -errno;
    return put_statfs64(a[2], a[1], &s);
}

long sys_sync(CPUCommon *env, const uint32_t *a)
{
    sync();
    return 0;
}

long sys_syncfs(CPUCommon *env, const uint32_t *a) { return host_ret(syncfs(FD(a[0]))); }

/* ---- select ---- */

/* A guest fd_set is an array of 32-bit words in guest byte order (fd i is
   bit i % 32 of word i / 32).  The host's (x86-64, little-endian) fd_set
   seen as 32-bit words has the same numbering. */
static long get_fdset(fd_set *s, uint32_t addr, int n)
{
    FD_ZERO(s);
    if (addr && get_user_u32s((uint32_t *)(void *)s, addr, ((size_t)n + 31) / 32) < 0)
        return -EFAULT;
    return 0;
}

static long put_fdset(uint32_t addr, const fd_set *s, int n)
{
    if (addr && put_user_u32s(addr, (const uint32_t *)(const void *)s, ((size_t)n + 31) / 32) < 0)
        return -EFAULT;
    return 0;
}

/* select/pselect core: fds n, sets at in/out/ex, ts (NULL: forever),
   pselect6's temporary guest mask at mask (0: none).  Race-free against
   guest signals (sigmask-wait.h). */
static long do_select(int n, const uint32_t sets[3], struct timespec *ts, uint32_t mask,
                      uint32_t masksize)
{
    fd_set s[3];
    if (n < 0)
        return -EINVAL;
    if (n > FD_SETSIZE) /* the kernel cuts n down to its fd table's size */
        n = FD_SETSIZE;
    for (int i = 0; i < 3; i++)
        if (get_fdset(&s[i], sets[i], n) < 0)
            return -EFAULT;
    WaitMask w;
    long r = wait_mask_begin(&w, mask, masksize);
    if (r == 0) {
        /* The raw syscall, unlike glibc's pselect, updates *ts with the
           time left, which select and pselect6 report back to the guest.
           Its mask argument is { sigset *, kernel sigset size }. */
        struct { const sigset_t *ss; size_t len; } hm = { wait_mask_host(&w), 8 };
        do { /* EINTR from a signal the guest does not see: wait on (the
                sets are untouched on EINTR, ts holds the time left) */
            wait_mask_host(&w); /* (hm points at it) */
            r = syscall(__NR_pselect6, n, sets[0] ? &s[0] : NULL, sets[1] ? &s[1] : NULL,
                        sets[2] ? &s[2] : NULL, ts, &hm);
            r = r < 0 ? -errno : r;
        } while (r == -EINTR && !signal_deliverable());
        r = wait_mask_end(&w, r);
    } else if (r == -EINTR) {
        r = wait_mask_end(&w, r);
    }
    if (r < 0)
        return r;
    for (int i = 0; i < 3; i++)
        if (put_fdset(sets[i], &s[i], n) < 0)
            return -EFAULT;
    return r;
}

long sys__newselect(CPUCommon *env, const uint32_t *a)
{
    /* timeout: struct timeval of two int32; Linux writes back what is left. */
    struct timespec ts, *pts = NULL;
    if (a[4]) {
        int32_t tv[2];
        if (get_user_u32s((uint32_t *)tv, a[4], 2) < 0)
            return -EFAULT;
        if (tv[0] < 0 || tv[1] < 0 || tv[1] >= 1000000)
            return -EINVAL;
        ts.tv_sec = tv[0];
        ts.tv_nsec = (long)tv[1] * 1000;
        pts = &ts;
    }
    uint32_t sets[3] = { a[1], a[2], a[3] };
    long r = do_select((int)a[0], sets, pts, 0, 0);
    if (pts && (r >= 0 || r == -EINTR) && !sticky_timeouts()) {
        const uint32_t tv[2] = { (uint32_t)ts.tv_sec, (uint32_t)(ts.tv_nsec / 1000) };
        if (put_user_u32s(a[4], tv, 2) < 0)
            return -EFAULT;
    }
    return r;
}

static long do_pselect6(const uint32_t *a, bool time64)
{
    /* The kernel's order: the mask argument block, the timeout (EFAULT,
       EINVAL), the mask (size EINVAL, EFAULT), then n and the sets. */
    struct timespec ts, *pts = NULL;
    uint32_t mask = 0, masksize = 0;
    if (a[5]) { /* { const sigset_t *ss; size_t ss_len; } */
        uint32_t g[2];
        if (get_user_u32s(g, a[5], 2) < 0)
            return -EFAULT;
        mask = g[0];
        masksize = g[1];
    }
    if (a[4]) {
        long r = get_timespec(&ts, a[4], time64);
        if (r < 0)
            return r;
        if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
            return -EINVAL;
        pts = &ts;
    }
    if (mask && masksize != 8)
        return -EINVAL;
    if (mask && !guest_ok_read(mask, 8))
        return -EFAULT;
    uint32_t sets[3] = { a[1], a[2], a[3] };
    long r = do_select((int)a[0], sets, pts, mask, masksize);
    if (pts && (r >= 0 || r == -EINTR) && !sticky_timeouts())
        put_timespec(a[4], &ts, time64);
    return r;
}

long sys_pselect6(CPUCommon *env, const uint32_t *a) { return do_pselect6(a, false); }
long sys_pselect6_time64(CPUCommon *env, const uint32_t *a) { return do_pselect6(a, true); }
