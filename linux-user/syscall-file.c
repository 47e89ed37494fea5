/*
 * File and descriptor syscalls: open/read/write/stat/... on host descriptors
 * (guest fds are host fds), paths through -L (get_path), structs converted
 * to the 32-bit ARM EABI layouts.
 */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>
#include <asm/unistd.h>

#include "linux-user/sigmask-wait.h"
#include "linux-user/safe-syscall.h"
#include "linux-user/signal-priv.h"
#include "linux-user/syscall-priv.h"

#define FD(x) ((int)(x))

/* ---- read / write ---- */

/* Reads and writes may block (pipes, sockets, ttys): they go through
   safe_syscall so a guest signal cannot slip in before they sleep. */

long sys_read(CPUCommon *env, const uint32_t *a)
{
    if (signalfd_is(FD(a[0])))
        return signalfd_read(FD(a[0]), a[1], a[2]); /* guest signals (signalfd.c) */
    uint32_t n = guest_prefix(a[1], a[2], true);
    if (n == 0 && a[2])
        return -EFAULT;
    return safe_syscall(SYS_read, FD(a[0]), g2h(a[1]), n);
}

long sys_write(CPUCommon *env, const uint32_t *a)
{
    uint32_t n = guest_prefix(a[1], a[2], false);
    if (n == 0 && a[2])
        return -EFAULT;
    return safe_syscall(SYS_write, FD(a[0]), g2h(a[1]), n);
}

long sys_pread64(CPUCommon *env, const uint32_t *a)
{
    uint32_t n = guest_prefix(a[1], a[2], true);
    if (n == 0 && a[2])
        return -EFAULT;
    return safe_syscall(SYS_pread64, FD(a[0]), g2h(a[1]), n, (off_t)arg64(a, 3));
}

long sys_pwrite64(CPUCommon *env, const uint32_t *a)
{
    uint32_t n = guest_prefix(a[1], a[2], false);
    if (n == 0 && a[2])
        return -EFAULT;
    return safe_syscall(SYS_pwrite64, FD(a[0]), g2h(a[1]), n, (off_t)arg64(a, 3));
}

long sys_readv(CPUCommon *env, const uint32_t *a)
{
    static __thread struct iovec iov[GUEST_IOV_MAX];
    long r = guest_iovec(iov, a[1], a[2], true);
    return r < 0 ? r : safe_syscall(SYS_readv, FD(a[0]), iov, (int)a[2]);
}

long sys_writev(CPUCommon *env, const uint32_t *a)
{
    static __thread struct iovec iov[GUEST_IOV_MAX];
    long r = guest_iovec(iov, a[1], a[2], false);
    return r < 0 ? r : safe_syscall(SYS_writev, FD(a[0]), iov, (int)a[2]);
}

/* ---- open / close / paths ---- */

long sys_openat(CPUCommon *env, const uint32_t *a)
{
    GuestPath gp;
    long r = get_path(&gp, a[1]);
    if (r < 0)
        return r;
    if ((r = proc_open(gp.raw, open_flags_to_host(a[2]))) != PROC_NOT_MINE)
        return r; /* /proc/self/maps etc.: the guest's view (proc.c) */
    /* Opening a FIFO blocks until the other end opens. */
    return safe_syscall(SYS_openat, FD(a[0]), gp.p, open_flags_to_host(a[2]), (mode_t)a[3]);
}

long sys_open(CPUCommon *env, const uint32_t *a)
{
    uint32_t b[4] = { (uint32_t)AT_FDCWD, a[0], a[1], a[2] };
    return sys_openat(env, b);
}

long sys_creat(CPUCommon *env, const uint32_t *a)
{
    uint32_t b[4] = { (uint32_t)AT_FDCWD, a[0], 01 | 0100 | 01000 /* WRONLY|CREAT|TRUNC */, a[1] };
    return sys_openat(env, b);
}

long sys_close(CPUCommon *env, const uint32_t *a)
{
    /* mimic's own fds (the log file) are not the guest's (proc.c); closing
       fds 0-2 is the guest's business. */
    if (host_fd_is_mimic(FD(a[0])))
        return -EBADF;
    signalfd_forget(FD(a[0]));
    return host_ret(close(FD(a[0])));
}

long sys_faccessat2(CPUCommon *env, const uint32_t *a)
{
    GuestPath gp;
    long r = get_path(&gp, a[1]);
    return r < 0 ? r : host_ret(faccessat(FD(a[0]), gp.p, (int)a[2], (int)a[3]));
}

long sys_faccessat(CPUCommon *env, const uint32_t *a)
{
    uint32_t b[4] = { a[0], a[1], a[2], 0 };
    return sys_faccessat2(env, b);
}

long sys_access(CPUCommon *env, const uint32_t *a)
{
    uint32_t b[4] = { (uint32_t)AT_FDCWD, a[0], a[1], 0 };
    return sys_faccessat2(env, b);
}

long sys_readlinkat(CPUCommon *env, const uint32_t *a)
{
    GuestPath gp;
    long r = get_path(&gp, a[1]);
    if (r < 0)
        return r;
    if ((int32_t)a[3] <= 0)
        return -EINVAL;
    if (!guest_ok_write(a[2], a[3]))
        return -EFAULT;
    /* /proc/<pid>/{exe,cwd,fd/N} name host paths: show them as the guest
       names them, without the -L sysroot prefix (guest_path_unmap). */
    char hp[PATH_MAX];
    size_t n;
    if (is_proc_self_exe(gp.raw) && image.exec_path) {
        snprintf(hp, sizeof hp, "%s", image.exec_path);
    } else if (!strncmp(gp.raw, "/proc/", 6)) {
        ssize_t k = readlinkat(FD(a[0]), gp.p, hp, sizeof hp - 1);
        if (k < 0)
            return -errno;
        hp[k] = 0;
    } else {
        return host_ret(readlinkat(FD(a[0]), gp.p, g2h(a[2]), a[3]));
    }
    n = guest_path_unmap(hp);
    if (n > a[3])
        n = a[3];
    memcpy(g2h(a[2]), hp, n);
    return (long)n;
}

long sys_readlink(CPUCommon *env, const uint32_t *a)
{
    uint32_t b[4] = { (uint32_t)AT_FDCWD, a[0], a[1], a[2] };
    return sys_readlinkat(env, b);
}

long sys_unlinkat(CPUCommon *env, const uint32_t *a)
{
    GuestPath gp;
    long r = get_path(&gp, a[1]);
    return r < 0 ? r : host_ret(unlinkat(FD(a[0]), gp.p, (int)a[2]));
}

long sys_unlink(CPUCommon *env, const uint32_t *a)
{
    uint32_t b[3] = { (uint32_t)AT_FDCWD, a[0], 0 };
    return sys_unlinkat(env, b);
}

long sys_rmdir(CPUCommon *env, const uint32_t *a)
{
    uint32_t b[3] = { (uint32_t)AT_FDCWD, a[0], AT_REMOVEDIR };
    return sys_unlinkat(env, b);
}

long sys_mkdirat(CPUCommon *env, const uint32_t *a)
{
    GuestPath gp;
    long r = get_path(&gp, a[1]);
    return r < 0 ? r : host_ret(mkdirat(FD(a[0]), gp.p, (mode_t)a[2]));
}

long sys_mkdir(CPUCommon *env, const uint32_t *a)
{
    uint32_t b[3] = { (uint32_t)AT_FDCWD, a[0], a[1] };
    return sys_mkdirat(env, b);
}

long sys_renameat2(CPUCommon *env, const uint32_t *a)
{
    GuestPath *p1 = malloc(2 * sizeof *p1);
    if (!p1)
        return -ENOMEM;
    GuestPath *p2 = p1 + 1;
    long r = get_path(p1, a[1]);
    if (r == 0)
        r = get_path(p2, a[3]);
    if (r == 0)
        r = host_ret(renameat2(FD(a[0]), p1->p, FD(a[2]), p2->p, a[4]));
    free(p1);
    return r;
}

long sys_renameat(CPUCommon *env, const uint32_t *a)
{
    uint32_t b[5] = { a[0], a[1], a[2], a[3], 0 };
    return sys_renameat2(env, b);
}

long sys_rename(CPUCommon *env, const uint32_t *a)
{
    uint32_t b[5] = { (uint32_t)AT_FDCWD, a[0], (uint32_t)AT_FDCWD, a[1], 0 };
    return sys_renameat2(env, b);
}

long sys_link(CPUCommon *env, const uint32_t *a)
{
    uint32_t b[5] = { (uint32_t)AT_FDCWD, a[0], (uint32_t)AT_FDCWD, a[1], 0 };
    return sys_linkat(env, b);
}

long sys_symlink(CPUCommon *env, const uint32_t *a)
{
    uint32_t b[3] = { a[0], (uint32_t)AT_FDCWD, a[1] };
    return sys_symlinkat(env, b);
}

long sys_fchmodat(CPUCommon *env, const uint32_t *a)
{
    GuestPath gp;
    long r = get_path(&gp, a[1]);
    return r < 0 ? r : host_ret(fchmodat(FD(a[0]), gp.p, (mode_t)a[2], 0));
}

long sys_chmod(CPUCommon *env, const uint32_t *a)
{
    uint32_t b[3] = { (uint32_t)AT_FDCWD, a[0], a[1] };
    return sys_fchmodat(env, b);
}

long sys_fchmod(CPUCommon *env, const uint32_t *a) { return host_ret(fchmod(FD(a[0]), (mode_t)a[1])); }

long sys_chdir(CPUCommon *env, const uint32_t *a)
{
    GuestPath gp;
    long r = get_path(&gp, a[0]);
    return r < 0 ? r : host_ret(chdir(gp.p));
}

long sys_fchdir(CPUCommon *env, const uint32_t *a) { return host_ret(fchdir(FD(a[0]))); }

long sys_getcwd(CPUCommon *env, const uint32_t *a)
{
    /* The kernel returns the length including the NUL. */
    if (!guest_ok_write(a[0], a[1]))
        return -EFAULT;
    char *p = getcwd(g2h(a[0]), a[1]);
    return p ? (long)guest_path_unmap(p) + 1 : -errno; /* no sysroot prefix */
}

long sys_dup(CPUCommon *env, const uint32_t *a) { return host_ret(dup(FD(a[0]))); }
long sys_dup2(CPUCommon *env, const uint32_t *a)
{
    if (host_fd_is_mimic(FD(a[0])) || host_fd_is_mimic(FD(a[1])))
        return -EBADF; /* mimic's own (proc.c) */
    if (a[0] != a[1] && fcntl(FD(a[0]), F_GETFD) >= 0)
        signalfd_forget(FD(a[1])); /* about to be replaced */
    return host_ret(dup2(FD(a[0]), FD(a[1])));
}

long sys_dup3(CPUCommon *env, const uint32_t *a)
{
    if (host_fd_is_mimic(FD(a[0])) || host_fd_is_mimic(FD(a[1])))
        return -EBADF;
    if (a[0] != a[1] && fcntl(FD(a[0]), F_GETFD) >= 0)
        signalfd_forget(FD(a[1]));
    return host_ret(dup3(FD(a[0]), FD(a[1]), open_flags_to_host(a[2])));
}

long sys_fsync(CPUCommon *env, const uint32_t *a) { return host_ret(fsync(FD(a[0]))); }
long sys_fdatasync(CPUCommon *env, const uint32_t *a) { return host_ret(fdatasync(FD(a[0]))); }

long sys_ftruncate64(CPUCommon *env, const uint32_t *a)
{
    return host_ret(ftruncate(FD(a[0]), (off_t)arg64(a, 1)));
}

long sys_truncate64(CPUCommon *env, const uint32_t *a)
{
    GuestPath gp;
    long r = get_path(&gp, a[0]);
    return r < 0 ? r : host_ret(truncate(gp.p, (off_t)arg64(a, 1)));
}

/* ---- fcntl ---- */

/* ARM struct flock (F_GETLK..): short type, whence; long start, len; int pid.
   ARM EABI struct flock64 (F_GETLK64.., F_OFD_*): the 64-bit fields are
   8-aligned, which is exactly x86-64's struct flock. */
typedef struct GuestFlock {
    int16_t type, whence;
    int32_t start, len, pid;
} GuestFlock;
typedef struct GuestFlock64 {
    int16_t type, whence;
    int32_t pad;
    int64_t start, len;
    int32_t pid, pad2;
} GuestFlock64;
_Static_assert(sizeof(GuestFlock) == 16, "flock");
_Static_assert(sizeof(GuestFlock64) == 32, "flock64");

static long fcntl_lock(int fd, int hcmd, uint32_t addr, bool is64)
{
    struct flock fl;
    if (is64) {
        GuestFlock64 g;
        if (copy_from_guest(&g, addr, sizeof g) < 0)
            return -EFAULT;
        fl = (struct flock){ .l_type = g.type, .l_whence = g.whence, .l_start = g.start,
                             .l_len = g.len, .l_pid = g.pid };
    } else {
        GuestFlock g;
        if (copy_from_guest(&g, addr, sizeof g) < 0)
            return -EFAULT;
        fl = (struct flock){ .l_type = g.type, .l_whence = g.whence, .l_start = g.start,
                             .l_len = g.len, .l_pid = g.pid };
    }
    /* F_SETLKW waits for the lock: a safe syscall. */
    long r = safe_syscall(SYS_fcntl, fd, hcmd, &fl);
    if (r < 0)
        return r;
    if (hcmd != F_GETLK && hcmd != F_OFD_GETLK)
        return 0;
    if (is64) {
        GuestFlock64 g = { .type = fl.l_type, .whence = fl.l_whence, .start = fl.l_start,
                           .len = fl.l_len, .pid = fl.l_pid };
        return copy_to_guest(addr, &g, sizeof g) < 0 ? -EFAULT : 0;
    }
    if (fl.l_start > INT32_MAX || fl.l_len > INT32_MAX)
        return -EOVERFLOW;
    GuestFlock g = { .type = fl.l_type, .whence = fl.l_whence, .start = (int32_t)fl.l_start,
                     .len = (int32_t)fl.l_len, .pid = fl.l_pid };
    return copy_to_guest(addr, &g, sizeof g) < 0 ? -EFAULT : 0;
}

long sys_fcntl64(CPUCommon *env, const uint32_t *a)
{
    int fd = FD(a[0]);
    int cmd = (int)a[1];
    switch (cmd) {
    case F_DUPFD: case F_DUPFD_CLOEXEC: case F_GETFD: case F_SETFD:
    case F_GETOWN: case F_SETOWN: case F_SETSIG: case F_GETSIG:
    case F_SETLEASE: case F_GETLEASE: case F_NOTIFY:
    case F_SETPIPE_SZ: case F_GETPIPE_SZ: case F_ADD_SEALS: case F_GET_SEALS:
        return host_ret(fcntl(fd, cmd, (int)a[2]));
    case F_GETFL: {
        int r = fcntl(fd, F_GETFL);
        return r < 0 ? -errno : (long)open_flags_to_guest(r);
    }
    case F_SETFL:
        return host_ret(fcntl(fd, F_SETFL, open_flags_to_host(a[2])));
    case 5: case 6: case 7:    /* F_GETLK, F_SETLK, F_SETLKW (32-bit struct) */
        return fcntl_lock(fd, cmd, a[2], false);
    case 12: case 13: case 14: /* F_GETLK64, F_SETLK64, F_SETLKW64 */
        return fcntl_lock(fd, cmd - 12 + F_GETLK, a[2], true);
    case F_OFD_GETLK: case F_OFD_SETLK: case F_OFD_SETLKW:
        return fcntl_lock(fd, cmd, a[2], true);
    default:
        log_unimp_once(0xfc000000u | (uint32_t)cmd, "unsupported fcntl command %d", cmd);
        return -EINVAL;
    }
}

long sys_fcntl(CPUCommon *env, const uint32_t *a) { return sys_fcntl64(env, a); }

/* ---- stat ---- */

/* ARM EABI struct stat64 (asm/stat.h), 104 bytes: glibc 2.1's layout with a
   truncated __st_ino early and the real 64-bit st_ino at the end. */
typedef struct GuestStat64 {
    uint64_t dev;
    uint8_t pad0[4];
    uint32_t ino32;
    uint32_t mode, nlink, uid, gid;
    uint64_t rdev;
    uint8_t pad3[4];
    int64_t size __attribute__((aligned(8)));
    uint32_t blksize;
    uint64_t blocks __attribute__((aligned(8)));
    uint32_t atime, atime_nsec, mtime, mtime_nsec, ctime, ctime_nsec;
    uint64_t ino;
} GuestStat64;
_Static_assert(sizeof(GuestStat64) == 104, "stat64 size");
_Static_assert(offsetof(GuestStat64, size) == 48, "stat64 st_size");
_Static_assert(offsetof(GuestStat64, blocks) == 64, "stat64 st_blocks");
_Static_assert(offsetof(GuestStat64, ino) == 96, "stat64 st_ino");

static long put_stat64(uint32_t addr, const struct stat *st)
{
    GuestStat64 g;
    memset(&g, 0, sizeof g);
    /* The kernel encodes dev_t for 32-bit userland as new_encode_dev; glibc
       decodes with the same major/minor scheme as the host's. */
    g.dev = st->st_dev;
    g.ino32 = (uint32_t)st->st_ino;
    g.mode = st->st_mode;
    g.nlink = (uint32_t)st->st_nlink;
    g.uid = st->st_uid;
    g.gid = st->st_gid;
    g.rdev = st->st_rdev;
    g.size = st->st_size;
    g.blksize = (uint32_t)st->st_blksize;
    g.blocks = (uint64_t)st->st_blocks;
    g.atime = (uint32_t)st->st_atim.tv_sec;
    g.atime_nsec = (uint32_t)st->st_atim.tv_nsec;
    g.mtime = (uint32_t)st->st_mtim.tv_sec;
    g.mtime_nsec = (uint32_t)st->st_mtim.tv_nsec;
    g.ctime = (uint32_t)st->st_ctim.tv_sec;
    g.ctime_nsec = (uint32_t)st->st_ctim.tv_nsec;
    g.ino = st->st_ino;
    return copy_to_guest(addr, &g, sizeof g) < 0 ? -EFAULT : 0;
}

long sys_fstatat64(CPUCommon *env, const uint32_t *a)
{
    GuestPath gp;
    long r = get_path(&gp, a[1]);
    if (r < 0)
        return r;
    if (!guest_ok_write(a[2], sizeof(GuestStat64)))
        return -EFAULT;
    if ((a[3] & AT_SYMLINK_NOFOLLOW) && is_proc_self_exe(gp.raw))
        gp.p = gp.raw; /* lstat: the host's link (a symlink, as on Linux) */
    struct stat st;
    if (fstatat(FD(a[0]), gp.p, &st, (int)a[3]) < 0)
        return -errno;
    return put_stat64(a[2], &st);
}

long sys_stat64(CPUCommon *env, const uint32_t *a)
{
    uint32_t b[4] = { (uint32_t)AT_FDCWD, a[0], a[1], 0 };
    return sys_fstatat64(env, b);
}

long sys_lstat64(CPUCommon *env, const uint32_t *a)
{
    uint32_t b[4] = { (uint32_t)AT_FDCWD, a[0], a[1], AT_SYMLINK_NOFOLLOW };
    return sys_fstatat64(env, b);
}

long sys_fstat64(CPUCommon *env, const uint32_t *a)
{
    if (!guest_ok_write(a[1], sizeof(GuestStat64)))
        return -EFAULT;
    struct stat st;
    if (fstat(FD(a[0]), &st) < 0)
        return -errno;
    return put_stat64(a[1], &st);
}

long sys_statx(CPUCommon *env, const uint32_t *a)
{
    /* struct statx has one layout on every architecture (256 bytes). */
    GuestPath gp;
    long r = get_path(&gp, a[1]);
    if (r < 0)
        return r;
    if (!guest_ok_write(a[4], sizeof(struct statx)))
        return -EFAULT;
    if ((a[2] & AT_SYMLINK_NOFOLLOW) && is_proc_self_exe(gp.raw))
        gp.p = gp.raw; /* as in fstatat64 */
    return host_ret(statx(FD(a[0]), gp.p, (int)a[2], a[3], g2h(a[4])));
}

/* ---- seek, directories ---- */

long sys_lseek(CPUCommon *env, const uint32_t *a)
{
    off_t r = lseek(FD(a[0]), (off_t)(int32_t)a[1], (int)a[2]);
    if (r < 0)
        return -errno;
    return r > INT32_MAX ? -EOVERFLOW : (long)r;
}

long sys__llseek(CPUCommon *env, const uint32_t *a)
{
    /* _llseek(fd, offset_high, offset_low, loff_t *result, whence) */
    if (!guest_ok_write(a[3], 8))
        return -EFAULT;
    off_t r = lseek(FD(a[0]), (off_t)((uint64_t)a[1] << 32 | a[2]), (int)a[4]);
    if (r < 0)
        return -errno;
    return put_user_u64(a[3], (uint64_t)r) < 0 ? -EFAULT : 0;
}

long sys_getdents64(CPUCommon *env, const uint32_t *a)
{
    /* struct linux_dirent64 is the same on every architecture. */
    if (!guest_ok_write(a[1], a[2]))
        return -EFAULT;
    return host_getdents64(FD(a[0]), g2h(a[1]), a[2]); /* hides mimic's fds */
}

/* ---- pipes, poll ---- */

long sys_pipe2(CPUCommon *env, const uint32_t *a)
{
    int fds[2];
    if (!guest_ok_write(a[0], 8))
        return -EFAULT;
    if (pipe2(fds, open_flags_to_host(a[1])) < 0)
        return -errno;
    const uint32_t g[2] = { (uint32_t)fds[0], (uint32_t)fds[1] };
    return put_user_u32s(a[0], g, 2) < 0 ? -EFAULT : 0;
}

long sys_pipe(CPUCommon *env, const uint32_t *a)
{
    uint32_t b[2] = { a[0], 0 };
    return sys_pipe2(env, b);
}

/* struct pollfd { int fd; short events, revents; } is the same everywhere. */
long sys_poll(CPUCommon *env, const uint32_t *a)
{
    if (a[1] > 65536 || !guest_ok_write(a[0], a[1] * 8))
        return -EFAULT;
    /* As ppoll with the current mask: a guest signal that arrived just
       before the wait still interrupts it (sigmask-wait.h). */
    int ms = (int)a[2];
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };
    WaitMask w;
    long r = wait_mask_begin(&w, 0, 0);
    if (r == 0) {
        /* A signal the guest does not see ends the host wait with EINTR:
           go on waiting for the time left (the raw ppoll updates ts). */
        do {
            r = syscall(__NR_ppoll, g2h(a[0]), a[1], ms < 0 ? NULL : &ts, &w.host_old, (size_t)8);
            r = r < 0 ? -errno : r;
        } while (r == -EINTR && !signal_deliverable());
    }
    return wait_mask_end(&w, r);
}

static long do_ppoll(const uint32_t *a, bool time64)
{
    struct timespec ts;
    if (a[1] > 65536 || !guest_ok_write(a[0], a[1] * 8))
        return -EFAULT;
    if (a[2]) {
        long r = get_timespec(&ts, a[2], time64);
        if (r < 0)
            return r;
    }
    /* ppoll(fds, n, timeout, sigmask, sigsetsize): race-free against guest
       signals, with the temporary mask (sigmask-wait.h).  The raw syscall
       writes the time left back into ts. */
    WaitMask w;
    long r = wait_mask_begin(&w, a[3], a[4]);
    if (r == 0) {
        do { /* EINTR from a signal the guest does not see: wait on */
            r = syscall(__NR_ppoll, g2h(a[0]), a[1], a[2] ? &ts : NULL, &w.host_old, (size_t)8);
            r = r < 0 ? -errno : r;
        } while (r == -EINTR && !signal_deliverable());
        r = wait_mask_end(&w, r);
    } else if (r == -EINTR) {
        r = wait_mask_end(&w, r);
    }
    if (a[2] && (r >= 0 || r == -EINTR))
        put_timespec(a[2], &ts, time64);
    return r;
}

long sys_ppoll(CPUCommon *env, const uint32_t *a) { return do_ppoll(a, false); }
long sys_ppoll_time64(CPUCommon *env, const uint32_t *a) { return do_ppoll(a, true); }

/* ioctl: linux-user/ioctl.c */
