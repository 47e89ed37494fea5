/*
 * File and descriptor syscalls: open/read/write/stat/... on host descriptors
 * (guest fds are host fds), paths through -L (get_path), structs converted
 * by the target's layouts (linux-user/abi-conv.c).
 */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>
#include <asm/unistd.h>

#include "linux-user/sigmask-wait.h"
#include "linux-user/safe-syscall.h"
#include "linux-user/signal-priv.h"
#include "linux-user/abi-conv.h"
#include "linux-user/syscall-priv.h"

#define FD(x) ((int)(x))

/* ---- read / write ---- */

/* Reads and writes may block (pipes, sockets, ttys): they go through
   safe_syscall so a guest signal cannot slip in before they sleep. */

/*
 * A read into guest pages that hold translated code: guest_prefix makes
 * them writable, but another thread running that code may translate from
 * the page again and protect it before the host kernel writes there (the
 * kernel's write then fails: EFAULT).  Such a read goes through a buffer
 * of mimic's: its copy into the guest takes the write-fault path a guest
 * store takes (page_unprotect), however often the page is protected
 * again.  Also after an EFAULT on pages that had no code when the read
 * started (a translation came meanwhile): files, pipes and streams keep
 * the data of a failed copy, so the read is simply done again.
 */
static bool reads_code(uint32_t addr, uint32_t len)
{
    uint64_t end = (uint64_t)addr + len;
    return page_range_has_code(addr, (end > (1ull << 32) ? (1ull << 32) : end) - addr);
}

static long read_bounced(int fd, uint32_t addr, uint32_t n, bool at, off_t off)
{
    void *b = malloc(n ? n : 1);
    if (!b)
        return -ENOMEM;
    long r = at ? safe_syscall(SYS_pread64, fd, b, n, off) : safe_syscall(SYS_read, fd, b, n);
    if (r > 0 && copy_to_guest(addr, b, (size_t)r) < 0)
        r = -EFAULT;
    free(b);
    return r;
}

static long read_guest(int fd, uint32_t addr, uint32_t len, bool at, off_t off)
{
    bool code = reads_code(addr, len); /* (before guest_prefix unprotects) */
    uint32_t n = guest_prefix(addr, len, true);
    if (n == 0 && len)
        return -EFAULT;
    if (code)
        return read_bounced(fd, addr, n, at, off);
    long r = at ? safe_syscall(SYS_pread64, fd, g2h(addr), n, off) : safe_syscall(SYS_read, fd, g2h(addr), n);
    if (r == -EFAULT && guest_prefix(addr, n, true) == n)
        r = read_bounced(fd, addr, n, at, off);
    return r;
}

long sys_read(CPUCommon *env, const uint32_t *a)
{
    if (signalfd_is(FD(a[0])))
        return signalfd_read(FD(a[0]), a[1], a[2]); /* guest signals (signalfd.c) */
    if (proc_mem_is(FD(a[0])))
        return proc_mem_rw(FD(a[0]), a[1], a[2], false, 0, false); /* /proc/self/mem (proc-mem.c) */
    long r = read_guest(FD(a[0]), a[1], a[2], false, 0);
    event_fd_after_read(FD(a[0]), a[1], r); /* eventfd, timerfd, inotify numbers */
    return r;
}

long sys_write(CPUCommon *env, const uint32_t *a)
{
    long r;
    if (event_fd_write(FD(a[0]), a[1], a[2], &r))
        return r;
    if (proc_mem_is(FD(a[0])))
        return proc_mem_rw(FD(a[0]), a[1], a[2], false, 0, true);
    uint32_t n = guest_prefix(a[1], a[2], false);
    if (n == 0 && a[2])
        return -EFAULT;
    return safe_syscall(SYS_write, FD(a[0]), g2h(a[1]), n);
}

long sys_pread64(CPUCommon *env, const uint32_t *a)
{
    if (proc_mem_is(FD(a[0])))
        return proc_mem_rw(FD(a[0]), a[1], a[2], true, arg64(a, 3), false);
    return read_guest(FD(a[0]), a[1], a[2], true, (off_t)arg64(a, 3));
}

long sys_pwrite64(CPUCommon *env, const uint32_t *a)
{
    if (proc_mem_is(FD(a[0])))
        return proc_mem_rw(FD(a[0]), a[1], a[2], true, arg64(a, 3), true);
    uint32_t n = guest_prefix(a[1], a[2], false);
    if (n == 0 && a[2])
        return -EFAULT;
    return safe_syscall(SYS_pwrite64, FD(a[0]), g2h(a[1]), n, (off_t)arg64(a, 3));
}

long sys_readv(CPUCommon *env, const uint32_t *a)
{
    static __thread struct iovec iov[GUEST_IOV_MAX];
    long r = guest_iovec(iov, a[1], a[2], true);
    if (r < 0)
        return r;
    IovBounce b;
    size_t cnt = a[2];
    if ((r = iov_bounce_start(&b, iov, &cnt)) < 0)
        return r;
    return iov_bounce_end(&b, safe_syscall(SYS_readv, FD(a[0]), iov, (int)cnt));
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
    int hf = open_flags_to_host(a[2]);
    /* O_NOFOLLOW and O_CREAT|O_EXCL act on a final link itself. */
    bool follow = !(hf & O_NOFOLLOW) && (hf & (O_CREAT | O_EXCL)) != (O_CREAT | O_EXCL);
    long r = get_path_at(&gp, a[0], a[1], follow);
    if (r < 0)
        return r;
    if ((r = proc_open(gp.raw, open_flags_to_host(a[2]))) != PROC_NOT_MINE)
        return r; /* /proc/self/maps etc.: the guest's view (proc.c) */
    /* Opening a FIFO blocks until the other end opens. */
    r = safe_syscall(SYS_openat, FD(a[0]), gp.p, open_flags_to_host(a[2]), (mode_t)a[3]);
    /* The same files by any other name (proc.c). */
    return proc_after_open(r, open_flags_to_host(a[2]));
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
    dirpos_forget(FD(a[0]));
    event_fd_forget(FD(a[0]));
    proc_mem_forget(FD(a[0]));
    return host_ret(close(FD(a[0])));
}

long sys_faccessat2(CPUCommon *env, const uint32_t *a)
{
    GuestPath gp;
    long r = get_path_at(&gp, a[0], a[1], !(a[3] & AT_SYMLINK_NOFOLLOW));
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
    long r = get_path_at(&gp, a[0], a[1], false);
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
    long r = get_path_at(&gp, a[0], a[1], false);
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
    long r = get_path_at(&gp, a[0], a[1], false);
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
    long r = get_path_at(p1, a[0], a[1], false);
    if (r == 0)
        r = get_path_at(p2, a[2], a[3], false);
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
    long r = get_path_at(&gp, a[0], a[1], true);
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
    long r = get_path_at(&gp, (uint32_t)AT_FDCWD, a[0], true);
    return r < 0 ? r : host_ret(chdir(gp.p));
}

long sys_fchdir(CPUCommon *env, const uint32_t *a) { return host_ret(fchdir(FD(a[0]))); }

long sys_getcwd(CPUCommon *env, const uint32_t *a)
{
    /* The kernel returns the length including the NUL; a buffer too small
       is ERANGE before the guest's memory is looked at. */
    char buf[PATH_MAX];
    char *p = getcwd(buf, sizeof buf);
    if (!p)
        return -errno;
    size_t n = guest_path_unmap(buf) + 1; /* no sysroot prefix */
    if (n > a[1])
        return -ERANGE;
    return copy_to_guest(a[0], buf, (uint32_t)n) < 0 ? -EFAULT : (long)n;
}

long sys_dup(CPUCommon *env, const uint32_t *a)
{
    long r = host_ret(dup(FD(a[0])));
    proc_mem_dup(FD(a[0]), r);
    return r;
}
long sys_dup2(CPUCommon *env, const uint32_t *a)
{
    if (host_fd_is_mimic(FD(a[0])) || host_fd_is_mimic(FD(a[1])))
        return -EBADF; /* mimic's own (proc.c) */
    if (a[0] != a[1] && fcntl(FD(a[0]), F_GETFD) >= 0) {
        signalfd_forget(FD(a[1])); /* about to be replaced */
        dirpos_forget(FD(a[1]));
        event_fd_forget(FD(a[1]));
        proc_mem_forget(FD(a[1]));
    }
    long r = host_ret(dup2(FD(a[0]), FD(a[1])));
    proc_mem_dup(FD(a[0]), r);
    return r;
}

long sys_dup3(CPUCommon *env, const uint32_t *a)
{
    if (host_fd_is_mimic(FD(a[0])) || host_fd_is_mimic(FD(a[1])))
        return -EBADF;
    if (a[0] != a[1] && fcntl(FD(a[0]), F_GETFD) >= 0) {
        signalfd_forget(FD(a[1]));
        dirpos_forget(FD(a[1]));
        event_fd_forget(FD(a[1]));
        proc_mem_forget(FD(a[1]));
    }
    long r = host_ret(dup3(FD(a[0]), FD(a[1]), open_flags_to_host(a[2])));
    proc_mem_dup(FD(a[0]), r);
    return r;
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
    long r = get_path_at(&gp, (uint32_t)AT_FDCWD, a[0], true);
    return r < 0 ? r : host_ret(truncate(gp.p, (off_t)arg64(a, 1)));
}

/* ---- fcntl ---- */

/* struct flock (F_GETLK..: 32-bit offsets) and struct flock64 (F_GETLK64..,
   F_OFD_*) by the target's layouts (linux-user/abi-conv.c). */
static long fcntl_lock(int fd, int hcmd, uint32_t addr, bool is64)
{
    int gs = is64 ? GS_flock64 : GS_flock;
    uint8_t g[GUEST_STRUCT_MAX];
    struct flock fl;
    if (copy_from_guest(g, addr, abi_size(gs)) < 0) /* the guest's byte image */
        return -EFAULT;
    long r = flock_from_guest(&fl, g, gs);
    if (r < 0)
        return r;
    /* F_SETLKW waits for the lock: a safe syscall. */
    r = safe_syscall(SYS_fcntl, fd, hcmd, &fl);
    if (r < 0)
        return r;
    if (hcmd != F_GETLK && hcmd != F_OFD_GETLK)
        return 0;
    if (!is64 && (fl.l_start > INT32_MAX || fl.l_len > INT32_MAX))
        return -EOVERFLOW;
    size_t n = flock_to_guest(g, &fl, gs);
    return copy_to_guest(addr, g, n) < 0 ? -EFAULT : 0;
}

/* F_SETOWN_EX / F_GETOWN_EX: struct f_owner_ex { int type; pid_t pid; }
   is two 32-bit words on every architecture, and the F_OWNER_* types are
   the same numbers everywhere. */
static long fcntl_owner_ex(int fd, int hcmd, uint32_t addr)
{
    uint32_t w[2];
    struct f_owner_ex o;
    if (hcmd == F_SETOWN_EX) {
        if (get_user_u32s(w, addr, 2) < 0)
            return -EFAULT;
        o.type = (int)w[0];
        o.pid = (pid_t)w[1];
    }
    if (fcntl(fd, hcmd, &o) < 0)
        return -errno;
    if (hcmd == F_SETOWN_EX)
        return 0;
    w[0] = (uint32_t)o.type;
    w[1] = (uint32_t)o.pid;
    return put_user_u32s(addr, w, 2) < 0 ? -EFAULT : 0;
}

/* A command whose argument points at n bytes that the kernel reads (in) or
   writes (!in) as one number of that size (the write-life hints: u64;
   F_GETOWNER_UIDS: two u32). */
static long fcntl_numbers(int fd, int hcmd, uint32_t addr, uint32_t elem, uint32_t n, bool in)
{
    uint64_t v[2] = { 0, 0 };
    uint32_t len = elem * n;
    if (in ? !guest_ok_read(addr, len) : !guest_ok_write(addr, len))
        return -EFAULT;
    for (uint32_t i = 0; in && i < n; i++) {
        if (elem == 8)
            v[i] = get_guest_u64(addr + 8 * i);
        else
            ((uint32_t *)v)[i] = get_guest_u32(addr + 4 * i);
    }
    if (fcntl(fd, hcmd, v) < 0)
        return -errno;
    for (uint32_t i = 0; !in && i < n; i++) {
        if (elem == 8)
            put_guest_u64(addr + 8 * i, v[i]);
        else
            put_guest_u32(addr + 4 * i, ((uint32_t *)v)[i]);
    }
    return 0;
}

#ifndef F_GET_RW_HINT
#define F_GET_RW_HINT 1035
#define F_SET_RW_HINT 1036
#define F_GET_FILE_RW_HINT 1037
#define F_SET_FILE_RW_HINT 1038
#endif
#ifndef F_GETOWNER_UIDS
#define F_GETOWNER_UIDS 17
#endif
#ifndef F_CANCELLK
#define F_CANCELLK 1029
#endif

/* fcntl commands by name: the guest's number (its ABI constant) -> the
   host's, and how the third argument is treated. */
enum {
    FC_INT, FC_GETFL, FC_SETFL, FC_LK32, FC_LK64, FC_SETSIG, FC_GETSIG, FC_OWNER_EX,
    FC_U64_IN, FC_U64_OUT, FC_UIDS,
};
static const struct {
    int gc;         /* GC_F_*: the guest's number */
    int host;       /* the host's command */
    uint8_t kind;
} fcntl_cmds[] = {
    { GC_F_DUPFD, F_DUPFD, FC_INT },           { GC_F_DUPFD_CLOEXEC, F_DUPFD_CLOEXEC, FC_INT },
    { GC_F_GETFD, F_GETFD, FC_INT },           { GC_F_SETFD, F_SETFD, FC_INT },
    { GC_F_GETFL, F_GETFL, FC_GETFL },         { GC_F_SETFL, F_SETFL, FC_SETFL },
    { GC_F_GETOWN, F_GETOWN, FC_INT },         { GC_F_SETOWN, F_SETOWN, FC_INT },
    { GC_F_SETSIG, F_SETSIG, FC_SETSIG },      { GC_F_GETSIG, F_GETSIG, FC_GETSIG },
    { GC_F_SETLEASE, F_SETLEASE, FC_INT },     { GC_F_GETLEASE, F_GETLEASE, FC_INT },
    { GC_F_NOTIFY, F_NOTIFY, FC_INT },         { GC_F_SETPIPE_SZ, F_SETPIPE_SZ, FC_INT },
    { GC_F_GETPIPE_SZ, F_GETPIPE_SZ, FC_INT }, { GC_F_ADD_SEALS, F_ADD_SEALS, FC_INT },
    { GC_F_GET_SEALS, F_GET_SEALS, FC_INT },
    { GC_F_GETLK, F_GETLK, FC_LK32 },          { GC_F_SETLK, F_SETLK, FC_LK32 },
    { GC_F_SETLKW, F_SETLKW, FC_LK32 },
    { GC_F_GETLK64, F_GETLK, FC_LK64 },        { GC_F_SETLK64, F_SETLK, FC_LK64 },
    { GC_F_SETLKW64, F_SETLKW, FC_LK64 },
    { GC_F_OFD_GETLK, F_OFD_GETLK, FC_LK64 },  { GC_F_OFD_SETLK, F_OFD_SETLK, FC_LK64 },
    { GC_F_OFD_SETLKW, F_OFD_SETLKW, FC_LK64 },
    { GC_F_SETOWN_EX, F_SETOWN_EX, FC_OWNER_EX },    { GC_F_GETOWN_EX, F_GETOWN_EX, FC_OWNER_EX },
    { GC_F_GETOWNER_UIDS, F_GETOWNER_UIDS, FC_UIDS }, { GC_F_CANCELLK, F_CANCELLK, FC_INT },
    { GC_F_GET_RW_HINT, F_GET_RW_HINT, FC_U64_OUT },  { GC_F_SET_RW_HINT, F_SET_RW_HINT, FC_U64_IN },
    { GC_F_GET_FILE_RW_HINT, F_GET_FILE_RW_HINT, FC_U64_OUT },
    { GC_F_SET_FILE_RW_HINT, F_SET_FILE_RW_HINT, FC_U64_IN },
};

/* The commands an O_PATH fd allows (the kernel's check_fcntl_cmd); any
   other is EBADF on it. */
static bool opath_allows(int hcmd)
{
    return hcmd == F_DUPFD || hcmd == F_DUPFD_CLOEXEC || hcmd == F_GETFD || hcmd == F_SETFD ||
           hcmd == F_GETFL;
}

long sys_fcntl64(CPUCommon *env, const uint32_t *a)
{
    int fd = FD(a[0]);
    int cmd = (int)a[1];
    /* As the kernel: the fd first (EBADF, also for a command an O_PATH fd
       does not allow), then the command (EINVAL), then its argument. */
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || host_fd_is_mimic(fd))
        return -EBADF;
    for (size_t i = 0; i < sizeof fcntl_cmds / sizeof fcntl_cmds[0]; i++) {
        if (abi_const(fcntl_cmds[i].gc) != cmd)
            continue;
        int h = fcntl_cmds[i].host;
        if ((fl & O_PATH) && !opath_allows(h))
            return -EBADF;
        switch (fcntl_cmds[i].kind) {
        case FC_OWNER_EX:
            return fcntl_owner_ex(fd, h, a[2]);
        case FC_U64_IN:
        case FC_U64_OUT:
            return fcntl_numbers(fd, h, a[2], 8, 1, fcntl_cmds[i].kind == FC_U64_IN);
        case FC_UIDS:
            return fcntl_numbers(fd, h, a[2], 4, 2, false);
        case FC_INT: {
            long r = host_ret(fcntl(fd, h, (int)a[2]));
            if (h == F_DUPFD || h == F_DUPFD_CLOEXEC)
                proc_mem_dup(fd, r);
            return r;
        }
        case FC_GETFL: {
            int r = fcntl(fd, F_GETFL);
            return r < 0 ? -errno : (long)open_flags_to_guest(r);
        }
        case FC_SETFL:
            return host_ret(fcntl(fd, F_SETFL, open_flags_to_host(a[2])));
        case FC_SETSIG: /* a signal number (0: SIGIO's default) */
        {
            int sig = a[2] ? signal_host_number(signal_to_host((int)a[2])) : 0;
            if (sig < 0)
                return -EINVAL; /* 32, 33: no host number (signal-host.c) */
            return host_ret(fcntl(fd, F_SETSIG, sig));
        }
        case FC_GETSIG: {
            int r = fcntl(fd, F_GETSIG);
            return r < 0 ? -errno : (r ? signal_to_guest(r) : 0);
        }
        case FC_LK32:
            return fcntl_lock(fd, h, a[2], false);
        default:
            return fcntl_lock(fd, h, a[2], true);
        }
    }
    if (fl & O_PATH)
        return -EBADF;
    log_unimp_once(0xfc000000u | (uint32_t)cmd, "unsupported fcntl command %d", cmd);
    return -EINVAL;
}

long sys_fcntl(CPUCommon *env, const uint32_t *a) { return sys_fcntl64(env, a); }

/* ---- stat ---- */

/* struct stat64 by the target's layout (linux-user/abi-conv.c). */
static long put_stat64(uint32_t addr, const struct stat *st)
{
    uint8_t g[GUEST_STRUCT_MAX];
    size_t n = stat64_to_guest(g, st);
    return copy_to_guest(addr, g, n) < 0 ? -EFAULT : 0; /* the guest's byte image */
}

long sys_fstatat64(CPUCommon *env, const uint32_t *a)
{
    GuestPath gp;
    long r = get_path_at(&gp, a[0], a[1], !(a[3] & AT_SYMLINK_NOFOLLOW));
    if (r < 0)
        return r;
    if (!guest_ok_write(a[2], (uint32_t)ABI_SIZE(stat64)))
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
    if (!guest_ok_write(a[1], (uint32_t)ABI_SIZE(stat64)))
        return -EFAULT;
    struct stat st;
    if (fstat(FD(a[0]), &st) < 0)
        return -errno;
    return put_stat64(a[1], &st);
}

/* struct statx has one layout on every architecture (256 bytes): the host
   fills it in place, then its fields get the guest's byte order. */
static const uint8_t statx_fields[] = {
    4, 4, 8, 4, 4, 4, 2, 2, 8, 8, 8, 8,     /* mask .. attributes_mask */
    8, 4, 4, 8, 4, 4, 8, 4, 4, 8, 4, 4,     /* atime, btime, ctime, mtime */
    4, 4, 4, 4, 8, 4, 4,                    /* rdev, dev, mnt_id, dio alignments */
    8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 0,  /* spare */
};

long sys_statx(CPUCommon *env, const uint32_t *a)
{
    GuestPath gp;
    long r = get_path_at(&gp, a[0], a[1], !(a[2] & AT_SYMLINK_NOFOLLOW));
    if (r < 0)
        return r;
    if (!guest_ok_write(a[4], sizeof(struct statx)))
        return -EFAULT;
    if ((a[2] & AT_SYMLINK_NOFOLLOW) && is_proc_self_exe(gp.raw))
        gp.p = gp.raw; /* as in fstatat64 */
    r = host_ret(statx(FD(a[0]), gp.p, (int)a[2], a[3], g2h(a[4])));
    if (r == 0)
        swap_fixed_fields(g2h(a[4]), statx_fields, sizeof(struct statx));
    return r;
}

/* ---- seek, directories ---- */

/* lseek on fd to off (whence), with directory positions as the guest sees
   them (dirpos.c): the new position or -errno. */
static long long do_lseek(int fd, long long off, int whence)
{
    uint64_t hoff = (uint64_t)off;
    if (whence == SEEK_SET && off >= (long long)DIRPOS_BASE) {
        long r = dirpos_to_host(fd, (uint64_t)off, &hoff);
        if (r < 0)
            return r;
    }
    off_t r = lseek(fd, (off_t)hoff, whence);
    if (r < 0)
        return -errno;
    if ((uint64_t)r >= DIRPOS_BASE && dirpos_is_dir(fd)) {
        uint32_t g;
        long e = dirpos_to_guest(fd, (uint64_t)r, &g);
        return e < 0 ? e : (long long)g;
    }
    return r;
}

long sys_lseek(CPUCommon *env, const uint32_t *a)
{
    if (proc_mem_is(FD(a[0]))) {
        /* A 32-bit kernel's /proc/pid/mem: any position, returned as is. */
        uint64_t pos;
        long e = proc_mem_lseek(FD(a[0]), (int32_t)a[1], (int)a[2], &pos);
        return e < 0 ? e : (long)(uint32_t)pos;
    }
    long long r = do_lseek(FD(a[0]), (int32_t)a[1], (int)a[2]);
    return r > INT32_MAX ? -EOVERFLOW : (long)r;
}

long sys__llseek(CPUCommon *env, const uint32_t *a)
{
    /* _llseek(fd, offset_high, offset_low, loff_t *result, whence) */
    if (!guest_ok_write(a[3], 8))
        return -EFAULT;
    if (proc_mem_is(FD(a[0]))) {
        uint64_t pos;
        long e = proc_mem_lseek(FD(a[0]), (int64_t)((uint64_t)a[1] << 32 | a[2]), (int)a[4], &pos);
        return e < 0 ? e : put_user_u64(a[3], pos) < 0 ? -EFAULT : 0;
    }
    long long r = do_lseek(FD(a[0]), (long long)((uint64_t)a[1] << 32 | a[2]), (int)a[4]);
    if (r < 0)
        return (long)r;
    return put_user_u64(a[3], (uint64_t)r) < 0 ? -EFAULT : 0;
}

/* The d_off of each linux_dirent64 record in buf[0, n) (host order) as the
   guest sees it: 0 or -errno. */
static long dirents64_to_guest_pos(int fd, uint8_t *buf, long n)
{
    for (long off = 0; off + 19 <= n;) {
        uint64_t pos;
        uint16_t reclen;
        memcpy(&pos, buf + off + 8, 8);
        memcpy(&reclen, buf + off + 16, 2);
        if (pos >= DIRPOS_BASE) {
            uint32_t g;
            long r = dirpos_to_guest(fd, pos, &g);
            if (r < 0)
                return r;
            pos = g;
            memcpy(buf + off + 8, &pos, 8);
        }
        if (reclen == 0)
            break;
        off += reclen;
    }
    return 0;
}

long sys_getdents64(CPUCommon *env, const uint32_t *a)
{
    /* struct linux_dirent64 { u64 ino; s64 off; u16 reclen; u8 type;
       char name[]; } is the same on every architecture up to the byte
       order: the host fills the buffer, then each record's position is
       made one the guest can hold and its numbers are swapped for a
       big-endian guest. */
    if (!guest_ok_write(a[1], a[2]))
        return -EFAULT;
    long r = host_getdents64(FD(a[0]), g2h(a[1]), a[2]); /* hides mimic's fds */
    if (r > 0) {
        long e = dirents64_to_guest_pos(FD(a[0]), g2h(a[1]), r);
        if (e < 0)
            return e;
    }
    static const uint8_t dirent64_fields[] = { 8, 8, 2, 0 };
    for (long off = 0; guest_bswap && r > 0 && off + 19 <= r;) {
        uint8_t *d = (uint8_t *)g2h(a[1]) + off;
        uint16_t reclen;
        memcpy(&reclen, d + 16, 2);
        swap_fixed_fields(d, dirent64_fields, 18);
        if (reclen == 0)
            break;
        off += reclen;
    }
    return r;
}

long sys_getdents(CPUCommon *env, const uint32_t *a)
{
    /* The old getdents of a 32-bit kernel: struct linux_dirent { u32 ino;
       u32 off; u16 reclen; char name[]; (pad) u8 type; }, each record
       4-aligned with d_type in its last byte.  Read as linux_dirent64 into
       a bounce buffer (its records are bigger: twice the guest's room is
       always enough), convert what fits, and seek back to the end of the
       last record given. */
    int fd = FD(a[0]);
    uint32_t count = a[2];
    if (!guest_ok_write(a[1], count))
        return -EFAULT;
    size_t blen = count > (1u << 20) ? 2u << 20 : 2 * (size_t)count;
    uint8_t *b = malloc(blen ? blen : 1);
    if (!b)
        return -ENOMEM;
    long n = host_getdents64(fd, b, blen);
    long r = n;
    if (n > 0)
        r = dirents64_to_guest_pos(fd, b, n);
    uint32_t out = 0;
    long in = 0;
    uint64_t resume = 0;
    while (r == 0 && in + 19 <= n) {
        uint64_t ino, pos;
        uint16_t hreclen;
        memcpy(&ino, b + in, 8);
        memcpy(&pos, b + in + 8, 8);
        memcpy(&hreclen, b + in + 16, 2);
        const char *name = (const char *)b + in + 19;
        size_t nl = strlen(name);
        uint32_t reclen = (uint32_t)(10 + nl + 2 + 3) & ~3u;
        if (ino > UINT32_MAX) {
            r = -EOVERFLOW;
            break;
        }
        if (out + reclen > count)
            break;
        uint32_t g = a[1] + out;
        put_guest_u32(g, (uint32_t)ino);
        put_guest_u32(g + 4, (uint32_t)pos);
        put_guest_u16(g + 8, (uint16_t)reclen);
        memcpy(g2h(g + 10), name, nl);
        memset(g2h(g + 10 + (uint32_t)nl), 0, reclen - 10 - nl);
        *(uint8_t *)g2h(g + reclen - 1) = b[in + 18]; /* d_type */
        out += reclen;
        in += hreclen;
        resume = pos;
        if (hreclen == 0)
            break;
    }
    free(b);
    if (out == 0 && r == 0 && n > 0)
        r = -EINVAL; /* not even one record fits */
    if (out > 0) {
        if (in < n) { /* records read but not given: read them again next time */
            uint64_t h;
            if (dirpos_to_host(fd, resume, &h) >= 0)
                lseek(fd, (off_t)h, SEEK_SET);
        }
        return out; /* (an EOVERFLOW after some records: those records) */
    }
    return r;
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

/* pipe() returning the descriptors in the result and second registers. */
long sys_pipe_2reg(CPUCommon *env, const uint32_t *a)
{
    int fds[2];
    if (pipe(fds) < 0)
        return -errno;
    target->set_ret2(env, (uint32_t)fds[1]);
    return fds[0];
}

/* struct pollfd { int fd; short events, revents; } has the same layout
   everywhere.  On a guest of the host's byte order whose POLL* bits are the
   host's (ARM, i386) the host polls the guest's array in place; otherwise
   (PowerPC, SPARC: other byte order, SPARC's POLLWRNORM...) through a
   converted host copy. */
static const GuestAbi *poll_abi;
static bool poll_same;

static bool poll_in_place(void)
{
    if (poll_abi != guest_abi) {
        bool same = !guest_bswap;
        for (int b = 0; b < 16 && same; b++)
            same = abi_flags_to_host(GG_poll, 1u << b) == 1u << b;
        poll_same = same;
        poll_abi = guest_abi;
    }
    return poll_same;
}

/* The host array to poll (n entries at guest address addr): the guest's
   memory, or a converted copy to be freed with poll_done. */
static struct pollfd *poll_begin(uint32_t addr, uint32_t n)
{
    if (poll_in_place())
        return g2h(addr);
    struct pollfd *p = malloc((n ? n : 1) * sizeof *p);
    for (uint32_t i = 0; p && i < n; i++) {
        uint32_t e = addr + 8 * i;
        p[i].fd = (int)get_guest_u32(e);
        p[i].events = (short)abi_flags_to_host(GG_poll, get_guest_u16(e + 4));
        p[i].revents = 0;
    }
    return p;
}

static void poll_done(struct pollfd *p, uint32_t addr, uint32_t n)
{
    if (poll_in_place() || !p)
        return;
    for (uint32_t i = 0; i < n; i++)
        put_guest_u16(addr + 8 * i + 6, (uint16_t)abi_flags_to_guest(GG_poll, (uint16_t)p[i].revents));
    free(p);
}

/* The kernel's checks of a poll array: more entries than RLIMIT_NOFILE is
   EINVAL, then the array must be there (EFAULT). */
static long poll_array_check(uint32_t addr, uint32_t n)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && n > rl.rlim_cur)
        return -EINVAL;
    if (n > (1u << 28) || !guest_ok_write(addr, n * 8))
        return -EFAULT;
    return 0;
}

long sys_poll(CPUCommon *env, const uint32_t *a)
{
    long e = poll_array_check(a[0], a[1]);
    if (e < 0)
        return e;
    /* As ppoll with the current mask: a guest signal that arrived just
       before the wait still interrupts it (sigmask-wait.h). */
    int ms = (int)a[2];
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };
    WaitMask w;
    long r = wait_mask_begin(&w, 0, 0);
    if (r == 0) {
        /* A signal the guest does not see ends the host wait with EINTR:
           go on waiting for the time left (the raw ppoll updates ts). */
        struct pollfd *fds = poll_begin(a[0], a[1]);
        if (!fds)
            r = -ENOMEM;
        while (fds) {
            r = syscall(__NR_ppoll, fds, a[1], ms < 0 ? NULL : &ts, wait_mask_host(&w), (size_t)8);
            r = r < 0 ? -errno : r;
            if (!(r == -EINTR && !signal_deliverable()))
                break;
        }
        poll_done(fds, a[0], a[1]);
    }
    return wait_mask_end(&w, r);
}

static long do_ppoll(const uint32_t *a, bool time64)
{
    struct timespec ts;
    /* The kernel's order: the timeout (EFAULT, then EINVAL), the signal
       mask (size EINVAL, then EFAULT), then the array. */
    if (a[2]) {
        long r = get_timespec(&ts, a[2], time64);
        if (r < 0)
            return r;
        if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
            return -EINVAL;
    }
    if (a[3] && a[4] != 8)
        return -EINVAL;
    if (a[3] && !guest_ok_read(a[3], 8))
        return -EFAULT;
    long e = poll_array_check(a[0], a[1]);
    if (e < 0)
        return e;
    /* ppoll(fds, n, timeout, sigmask, sigsetsize): race-free against guest
       signals, with the temporary mask (sigmask-wait.h).  The raw syscall
       writes the time left back into ts. */
    WaitMask w;
    long r = wait_mask_begin(&w, a[3], a[4]);
    if (r == 0) {
        struct pollfd *fds = poll_begin(a[0], a[1]);
        if (!fds)
            r = -ENOMEM;
        while (fds) { /* EINTR from a signal the guest does not see: wait on */
            r = syscall(__NR_ppoll, fds, a[1], a[2] ? &ts : NULL, wait_mask_host(&w), (size_t)8);
            r = r < 0 ? -errno : r;
            if (!(r == -EINTR && !signal_deliverable()))
                break;
        }
        poll_done(fds, a[0], a[1]);
        r = wait_mask_end(&w, r);
    } else if (r == -EINTR) {
        r = wait_mask_end(&w, r);
    }
    if (a[2] && (r >= 0 || r == -EINTR) && !sticky_timeouts())
        put_timespec(a[2], &ts, time64);
    return r;
}

long sys_ppoll(CPUCommon *env, const uint32_t *a) { return do_ppoll(a, false); }
long sys_ppoll_time64(CPUCommon *env, const uint32_t *a) { return do_ppoll(a, true); }

/* ioctl: linux-user/ioctl.c */

/* process_vm_readv/writev(pid, local iov, n, remote iov, n, flags): on
   this process, guest addresses on both sides (proc-mem.c). */
long sys_process_vm_readv(CPUCommon *env, const uint32_t *a)
{
    return proc_vm_rw((pid_t)a[0], a[1], a[2], a[3], a[4], a[5], false);
}

long sys_process_vm_writev(CPUCommon *env, const uint32_t *a)
{
    return proc_vm_rw((pid_t)a[0], a[1], a[2], a[3], a[4], a[5], true);
}
