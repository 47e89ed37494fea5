/*
 * More descriptor and file syscalls: zero-copy transfers (sendfile, splice,
 * tee, vmsplice, copy_file_range), memfd_create, flock, extended attributes,
 * fadvise/fallocate/readahead/sync_file_range, mknod, symlinkat/linkat,
 * close_range, preadv/pwritev(2), and the page-level msync/mincore/mlock.
 *
 * ARM EABI (and PPC32) pass 64-bit arguments in aligned register pairs,
 * so fadvise64_64_2 and sync_file_range2 (ARM's own fadvise64_64 and
 * sync_file_range variants, mapped by syscall-tables/arm-override.c) put their
 * (int) advice/flags second to avoid a padding register; arg64() handles
 * the pairs.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "linux-user/safe-syscall.h"
#include "linux-user/syscall-priv.h"

#define FD(x) ((int)(x))

/* ---- sendfile, splice, tee, vmsplice, copy_file_range ---- */

/* An optional guest loff_t * (or 32-bit off_t * when !wide) read into *v. */
static long get_off(int64_t *v, uint32_t addr, bool wide)
{
    if (!addr)
        return 0;
    if (wide)
        return get_user_u64(addr, (uint64_t *)v);
    uint32_t o;
    if (get_user_u32(addr, &o) < 0)
        return -EFAULT;
    *v = (int32_t)o;
    return 0;
}

static long put_off(uint32_t addr, int64_t v, bool wide)
{
    if (!addr)
        return 0;
    if (wide)
        return put_user_u64(addr, (uint64_t)v);
    return put_user_u32(addr, (uint32_t)v);
}

static long do_sendfile(const uint32_t *a, bool wide)
{
    /* sendfile(out_fd, in_fd, off_t *offset, size_t count) */
    int64_t off = 0;
    long r = get_off(&off, a[2], wide);
    if (r < 0)
        return r;
    if (a[2] && !guest_ok_write(a[2], wide ? 8 : 4))
        return -EFAULT;
    off_t o = off;
    uint32_t count = a[3];
    if (!wide && a[2] && off + count > INT32_MAX) { /* 32-bit offsets end there */
        if (off >= INT32_MAX)
            return -EOVERFLOW;
        count = (uint32_t)(INT32_MAX - off);
    }
    r = host_ret(sendfile(FD(a[0]), FD(a[1]), a[2] ? &o : NULL, count));
    if (r >= 0 || r == -EINTR || r == -EAGAIN)
        put_off(a[2], o, wide);
    return r;
}

long sys_sendfile(CPUCommon *env, const uint32_t *a) { return do_sendfile(a, false); }
long sys_sendfile64(CPUCommon *env, const uint32_t *a) { return do_sendfile(a, true); }

/* splice(fd_in, loff_t *off_in, fd_out, loff_t *off_out, len, flags) and
   copy_file_range (same arguments): offsets are copied in and out. */
static long do_splice_like(const uint32_t *a, bool copy_range)
{
    int64_t oin = 0, oout = 0;
    if (get_off(&oin, a[1], true) < 0 || get_off(&oout, a[3], true) < 0)
        return -EFAULT;
    if ((a[1] && !guest_ok_write(a[1], 8)) || (a[3] && !guest_ok_write(a[3], 8)))
        return -EFAULT;
    loff_t hin = oin, hout = oout;
    long r;
    if (copy_range)
        r = host_ret(copy_file_range(FD(a[0]), a[1] ? &hin : NULL, FD(a[2]), a[3] ? &hout : NULL,
                                     a[4], a[5]));
    else
        r = host_ret(splice(FD(a[0]), a[1] ? &hin : NULL, FD(a[2]), a[3] ? &hout : NULL, a[4], a[5]));
    if (r > 0) {
        put_off(a[1], hin, true);
        put_off(a[3], hout, true);
    }
    return r;
}

long sys_splice(CPUCommon *env, const uint32_t *a) { return do_splice_like(a, false); }
long sys_copy_file_range(CPUCommon *env, const uint32_t *a) { return do_splice_like(a, true); }

long sys_tee(CPUCommon *env, const uint32_t *a)
{
    return host_ret(tee(FD(a[0]), FD(a[1]), a[2], a[3]));
}

long sys_vmsplice(CPUCommon *env, const uint32_t *a)
{
    /* vmsplice(fd, const struct iovec *, nr_segs, flags): the pages are
       read (to a pipe) or written (from a pipe); check for both. */
    uint32_t n = a[2];
    if (n > 1024)
        return -EINVAL;
    struct iovec *iov = malloc((n ? n : 1) * sizeof *iov);
    if (!iov)
        return -ENOMEM;
    long r = guest_iovec(iov, a[1], n, false);
    if (r == 0)
        r = host_ret(vmsplice(FD(a[0]), iov, n, a[3]));
    free(iov);
    return r;
}

/* ---- memfd, flock ---- */

long sys_memfd_create(CPUCommon *env, const uint32_t *a)
{
    char name[256];
    long n = guest_strlen(a[0], sizeof name);
    if (n < 0)
        return n == -ENAMETOOLONG ? -EINVAL : n;
    if (n >= (long)sizeof name - 6) /* the kernel's limit: 249 + "memfd:" */
        return -EINVAL;
    if (copy_from_guest(name, a[0], (size_t)n + 1) < 0)
        return -EFAULT;
    return host_ret(memfd_create(name, a[1]));
}

/* LOCK_EX/LOCK_SH without LOCK_NB wait: a safe syscall. */
long sys_flock(CPUCommon *env, const uint32_t *a) { return safe_syscall(SYS_flock, FD(a[0]), (int)a[1]); }

/* ---- extended attributes ---- */

#define XATTR_NAME_MAX_ 255
#define XATTR_SIZE_MAX_ 65536

/* Which flavour of a path/fd xattr call: plain (follows links), l (does not),
   f (on an fd). */
typedef enum { XA_PATH, XA_LINK, XA_FD } XattrKind;

static long get_xattr_name(char *name, uint32_t addr)
{
    long n = guest_strlen(addr, XATTR_NAME_MAX_ + 1);
    if (n < 0)
        return n == -ENAMETOOLONG ? -ERANGE : n;
    if (n == 0 || n > XATTR_NAME_MAX_)
        return -ERANGE;
    return copy_from_guest(name, addr, (size_t)n + 1) < 0 ? -EFAULT : 0;
}

/* get/set/list/remove on a path or fd: a[0] is the path or fd. */
static long do_xattr(const uint32_t *a, XattrKind k, char op)
{
    GuestPath gp;
    char name[XATTR_NAME_MAX_ + 1];
    long r = 0;
    if (k != XA_FD && (r = get_path_at(&gp, (uint32_t)AT_FDCWD, a[0], k == XA_PATH)) < 0)
        return r;
    if (op != 'l' && (r = get_xattr_name(name, a[1])) < 0)
        return r;
    int fd = FD(a[0]);
    const char *p = k != XA_FD ? gp.p : NULL;
    switch (op) {
    case 'g': { /* getxattr(path, name, value, size) */
        uint32_t size = a[3] > XATTR_SIZE_MAX_ ? XATTR_SIZE_MAX_ : a[3];
        if (!guest_ok_write(a[2], size))
            return -EFAULT;
        void *v = size ? g2h(a[2]) : NULL;
        return host_ret(k == XA_FD ? fgetxattr(fd, name, v, size)
                        : k == XA_LINK ? lgetxattr(p, name, v, size) : getxattr(p, name, v, size));
    }
    case 's': { /* setxattr(path, name, value, size, flags) */
        if (a[3] > XATTR_SIZE_MAX_)
            return -E2BIG;
        if (!guest_ok_read(a[2], a[3]))
            return -EFAULT;
        const void *v = g2h(a[2]);
        return host_ret(k == XA_FD ? fsetxattr(fd, name, v, a[3], (int)a[4])
                        : k == XA_LINK ? lsetxattr(p, name, v, a[3], (int)a[4])
                                       : setxattr(p, name, v, a[3], (int)a[4]));
    }
    case 'l': { /* listxattr(path, list, size) */
        uint32_t size = a[2] > XATTR_SIZE_MAX_ ? XATTR_SIZE_MAX_ : a[2];
        if (!guest_ok_write(a[1], size))
            return -EFAULT;
        char *l = size ? g2h(a[1]) : NULL;
        return host_ret(k == XA_FD ? flistxattr(fd, l, size)
                        : k == XA_LINK ? llistxattr(p, l, size) : listxattr(p, l, size));
    }
    default: /* 'r': removexattr(path, name) */
        return host_ret(k == XA_FD ? fremovexattr(fd, name)
                        : k == XA_LINK ? lremovexattr(p, name) : removexattr(p, name));
    }
}

long sys_getxattr(CPUCommon *env, const uint32_t *a) { return do_xattr(a, XA_PATH, 'g'); }
long sys_lgetxattr(CPUCommon *env, const uint32_t *a) { return do_xattr(a, XA_LINK, 'g'); }
long sys_fgetxattr(CPUCommon *env, const uint32_t *a) { return do_xattr(a, XA_FD, 'g'); }
long sys_setxattr(CPUCommon *env, const uint32_t *a) { return do_xattr(a, XA_PATH, 's'); }
long sys_lsetxattr(CPUCommon *env, const uint32_t *a) { return do_xattr(a, XA_LINK, 's'); }
long sys_fsetxattr(CPUCommon *env, const uint32_t *a) { return do_xattr(a, XA_FD, 's'); }
long sys_listxattr(CPUCommon *env, const uint32_t *a) { return do_xattr(a, XA_PATH, 'l'); }
long sys_llistxattr(CPUCommon *env, const uint32_t *a) { return do_xattr(a, XA_LINK, 'l'); }
long sys_flistxattr(CPUCommon *env, const uint32_t *a) { return do_xattr(a, XA_FD, 'l'); }
long sys_removexattr(CPUCommon *env, const uint32_t *a) { return do_xattr(a, XA_PATH, 'r'); }
long sys_lremovexattr(CPUCommon *env, const uint32_t *a) { return do_xattr(a, XA_LINK, 'r'); }
long sys_fremovexattr(CPUCommon *env, const uint32_t *a) { return do_xattr(a, XA_FD, 'r'); }

/* ---- fadvise, fallocate, readahead, sync_file_range ---- */

long sys_fadvise64_64_2(CPUCommon *env, const uint32_t *a)
{
    /* fadvise64_64 with the advice second (ARM's variant, syscall 270;
       PPC32 fadvise64_64): (fd, advice, loff_t offset, loff_t len).  The advice
       values (POSIX_FADV_*) are the same on every target. */
    return -posix_fadvise(FD(a[0]), (off_t)arg64(a, 2), (off_t)arg64(a, 4), (int)a[1]);
}

long sys_fallocate(CPUCommon *env, const uint32_t *a)
{
    /* fallocate(fd, mode, loff_t offset, loff_t len) */
    return host_ret(fallocate(FD(a[0]), (int)a[1], (off_t)arg64(a, 2), (off_t)arg64(a, 4)));
}

long sys_readahead(CPUCommon *env, const uint32_t *a)
{
    /* readahead(fd, [pad], loff_t offset, size_t count) */
    return host_ret(readahead(FD(a[0]), (off_t)arg64(a, 1), a[regpair(1) + 2]));
}

long sys_sync_file_range2(CPUCommon *env, const uint32_t *a)
{
    /* sync_file_range2(fd, flags, loff_t offset, loff_t nbytes) (ARM's
       variant, syscall 341; PPC sync_file_range2) */
    return host_ret(sync_file_range(FD(a[0]), (off_t)arg64(a, 2), (off_t)arg64(a, 4), a[1]));
}

/* The plain forms (i386): the 64-bit arguments in the next two registers,
   advice / flags last. */
long sys_fadvise64(CPUCommon *env, const uint32_t *a)
{
    /* fadvise64(fd, loff_t offset, size_t len, advice) */
    int i = regpair(1) + 2;
    return -posix_fadvise(FD(a[0]), (off_t)arg64(a, 1), (off_t)a[i], (int)a[i + 1]);
}

long sys_fadvise64_64(CPUCommon *env, const uint32_t *a)
{
    /* fadvise64_64(fd, loff_t offset, loff_t len, advice) */
    int i = regpair(regpair(1) + 2);
    return -posix_fadvise(FD(a[0]), (off_t)arg64(a, 1), (off_t)arg64(a, regpair(1) + 2), (int)a[i + 2]);
}

long sys_sync_file_range(CPUCommon *env, const uint32_t *a)
{
    /* sync_file_range(fd, loff_t offset, loff_t nbytes, flags) */
    int i = regpair(regpair(1) + 2);
    return host_ret(sync_file_range(FD(a[0]), (off_t)arg64(a, 1), (off_t)arg64(a, regpair(1) + 2),
                                    a[i + 2]));
}

/* ---- mknod, symlinkat, linkat ---- */

long sys_mknodat(CPUCommon *env, const uint32_t *a)
{
    /* The device number is the kernel's 32-bit encoding on both sides:
       pass it through the raw syscall unchanged. */
    GuestPath gp;
    long r = get_path_at(&gp, a[0], a[1], false);
    return r < 0 ? r : host_ret(syscall(SYS_mknodat, FD(a[0]), gp.p, (mode_t)a[2], (unsigned)a[3]));
}

long sys_mknod(CPUCommon *env, const uint32_t *a)
{
    uint32_t b[4] = { (uint32_t)AT_FDCWD, a[0], a[1], a[2] };
    return sys_mknodat(env, b);
}

long sys_symlinkat(CPUCommon *env, const uint32_t *a)
{
    /* symlinkat(target, newdirfd, linkpath): the target is stored as the
       guest gave it (no -L prefixing). */
    GuestPath *p = malloc(2 * sizeof *p);
    if (!p)
        return -ENOMEM;
    long r = get_path(&p[0], a[0]);
    if (r == 0)
        r = get_path_at(&p[1], a[1], a[2], false);
    if (r == 0)
        r = host_ret(symlinkat(p[0].raw, FD(a[1]), p[1].p));
    free(p);
    return r;
}

long sys_linkat(CPUCommon *env, const uint32_t *a)
{
    /* linkat(olddirfd, oldpath, newdirfd, newpath, flags) */
    GuestPath *p = malloc(2 * sizeof *p);
    if (!p)
        return -ENOMEM;
    long r = get_path_at(&p[0], a[0], a[1], (a[4] & AT_SYMLINK_FOLLOW) != 0);
    if (r == 0)
        r = get_path_at(&p[1], a[2], a[3], false);
    if (r == 0)
        r = host_ret(linkat(FD(a[0]), p[0].p, FD(a[2]), p[1].p, (int)a[4]));
    free(p);
    return r;
}

/* ---- close_range ---- */

long sys_close_range(CPUCommon *env, const uint32_t *a)
{
    /* close_range(first, last, flags).  mimic's own fds (the log file)
       must survive: proc.c closes around them. */
    return host_close_range(a[0], a[1], a[2]);
}

/* ---- preadv / pwritev (+2) ---- */

/* Guest struct iovec { u32 base; u32 len; } array -> host iov (malloc'ed
   into *out).  to_guest: the buffers will be written. */
static long get_iovec_io(struct iovec **out, uint32_t addr, uint32_t cnt, bool to_guest)
{
    *out = NULL;
    if (cnt > GUEST_IOV_MAX)
        return -EINVAL;
    *out = malloc((cnt ? cnt : 1) * sizeof **out);
    if (!*out)
        return -ENOMEM;
    return guest_iovec(*out, addr, cnt, to_guest);
}

/* preadv(fd, iov, cnt, pos_low, pos_high[, flags]): the offset is split in
   two longs, low first, with no pair alignment (unlike pread64). */
static long do_prwv(const uint32_t *a, bool write, bool v2)
{
    off_t off = (off_t)((uint64_t)a[4] << 32 | a[3]);
    /* A negative offset is EINVAL before anything else; preadv2/pwritev2
       take -1 as "the current position" (the host calls below are the
       *v2 ones for both, so preadv's -1 must not get that far). */
    if (off < 0 && !(v2 && off == -1))
        return -EINVAL;
    struct iovec *iov;
    long r = get_iovec_io(&iov, a[1], a[2], !write);
    IovBounce b = { NULL, 0, NULL };
    size_t cnt = a[2];
    if (r == 0 && !write)
        r = iov_bounce_start(&b, iov, &cnt);
    if (r == 0) {
        int flags = v2 ? (int)a[5] : 0;
        r = host_ret(write ? pwritev2(FD(a[0]), iov, (int)cnt, off, flags)
                           : preadv2(FD(a[0]), iov, (int)cnt, off, flags));
        r = iov_bounce_end(&b, r);
    }
    free(iov);
    return r;
}

long sys_preadv(CPUCommon *env, const uint32_t *a) { return do_prwv(a, false, false); }
long sys_pwritev(CPUCommon *env, const uint32_t *a) { return do_prwv(a, true, false); }
long sys_preadv2(CPUCommon *env, const uint32_t *a) { return do_prwv(a, false, true); }
long sys_pwritev2(CPUCommon *env, const uint32_t *a) { return do_prwv(a, true, true); }

/* ---- msync, mincore, mlock: page-level calls on guest ranges ---- */

/* The range must be mapped in the guest (ENOMEM otherwise, as the kernel
   says for unmapped ranges). */
static bool guest_mapped(uint32_t addr, uint32_t len)
{
    return len == 0 || ((uint64_t)addr + len <= (1ull << 32) && guest_range_ok(addr, len, PAGE_VALID));
}

long sys_msync(CPUCommon *env, const uint32_t *a)
{
    if (a[0] & (GUEST_PAGE_SIZE - 1))
        return -EINVAL;
    if (!guest_mapped(a[0], a[1]))
        return -ENOMEM;
    return host_ret(msync(g2h(a[0]), a[1], (int)a[2]));
}

long sys_mincore(CPUCommon *env, const uint32_t *a)
{
    /* One byte per 4 KiB page on both sides. */
    if (a[0] & (GUEST_PAGE_SIZE - 1))
        return -EINVAL;
    uint32_t pages = (uint32_t)(((uint64_t)a[1] + GUEST_PAGE_SIZE - 1) / GUEST_PAGE_SIZE);
    if (!guest_mapped(a[0], a[1]))
        return -ENOMEM;
    if (!guest_ok_write(a[2], pages))
        return -EFAULT;
    return host_ret(mincore(g2h(a[0]), a[1], g2h(a[2])));
}

long sys_mlock(CPUCommon *env, const uint32_t *a)
{
    if (!guest_mapped(a[0] & GUEST_PAGE_MASK, a[1] + (a[0] & ~GUEST_PAGE_MASK)))
        return -ENOMEM;
    return host_ret(mlock(g2h(a[0]), a[1]));
}

long sys_munlock(CPUCommon *env, const uint32_t *a)
{
    if (!guest_mapped(a[0] & GUEST_PAGE_MASK, a[1] + (a[0] & ~GUEST_PAGE_MASK)))
        return -ENOMEM;
    return host_ret(munlock(g2h(a[0]), a[1]));
}

long sys_mlock2(CPUCommon *env, const uint32_t *a)
{
    if (!guest_mapped(a[0] & GUEST_PAGE_MASK, a[1] + (a[0] & ~GUEST_PAGE_MASK)))
        return -ENOMEM;
    return host_ret(mlock2(g2h(a[0]), a[1], a[2]));
}

/* mlockall would lock the emulator's own memory (and the whole reserved
   4 GiB window with MCL_FUTURE semantics on later mappings): accept it as
   a no-op success, which is what an unprivileged guest cares about, but say so. */
long sys_mlockall(CPUCommon *env, const uint32_t *a)
{
    if (a[0] == 0 || (a[0] & ~7u))
        return -EINVAL;
    log_unimp_once(0xf9000001u, "mlockall: not applied to the host (returns 0)");
    return 0;
}

long sys_munlockall(CPUCommon *env, const uint32_t *a) { return 0; }
