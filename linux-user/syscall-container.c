/*
 * The calls containers, chroot builders and init systems make: mount,
 * chroot, namespaces, pidfds, swap, accounting, file handles.
 *
 * They pass through to the host with their paths under the guest's path
 * rules (-L, path.c).  Their flags (MS_*, MNT_*, CLONE_NEW*, SWAP_FLAG_*,
 * AT_*) have the same values on every Linux architecture; open flags and
 * signal numbers, which do not, go through the ABI layer.  The emulator
 * adds no privilege: what the host refuses, the guest is refused.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "linux-user/syscall-priv.h"

#define FD(x) ((int)(x))

/* A path argument that may be NULL (acct(NULL) stops accounting). */
static long opt_path(GuestPath *gp, uint32_t addr, const char **out)
{
    *out = NULL;
    if (!addr)
        return 0;
    long r = get_path(gp, addr);
    if (r == 0)
        *out = gp->p;
    return r;
}

/* Overlay's options name directories: under a sysroot (-L) each of them
   follows the guest's path rules, as a path argument would.  lowerdir is a
   ':'-separated list ("\:" is a colon inside a name).  Writes the new
   option string to out (the kernel takes at most a page); false if it does
   not fit, and the caller then passes the guest's string unchanged. */
static bool overlay_data_paths(const char *in, char *out, size_t n)
{
    static const char *const keys[] = { "lowerdir=", "upperdir=", "workdir=", "datadir+=",
                                        "lowerdir+=" };
    size_t o = 0;
    char item[PATH_MAX], buf[PATH_MAX];
    while (*in) {
        size_t len = strcspn(in, ",");
        size_t k;
        for (k = 0; k < sizeof keys / sizeof keys[0]; k++)
            if (!strncmp(in, keys[k], strlen(keys[k])) && strlen(keys[k]) <= len)
                break;
        if (k == sizeof keys / sizeof keys[0]) {
            if (o + len + 1 >= n)
                return false;
            memcpy(out + o, in, len);
            o += len;
        } else {
            size_t kl = strlen(keys[k]);
            if (o + kl >= n)
                return false;
            memcpy(out + o, in, kl);
            o += kl;
            /* The value's ':'-separated paths ("\:" does not separate). */
            for (size_t i = kl; i < len;) {
                size_t j = i;
                while (j < len && in[j] != ':')
                    j += (in[j] == '\\' && j + 1 < len) ? 2 : 1;
                if (j - i >= sizeof item)
                    return false;
                memcpy(item, in + i, j - i);
                item[j - i] = 0;
                const char *h = guest_path(item, buf, sizeof buf);
                size_t hl = strlen(h);
                if (o + hl + 1 >= n)
                    return false;
                memcpy(out + o, h, hl);
                o += hl;
                if (j < len)
                    out[o++] = ':';
                i = j + 1;
            }
        }
        in += len;
        if (*in == ',') {
            out[o++] = ',';
            in++;
        }
    }
    out[o] = 0;
    return true;
}

long sys_mount(CPUCommon *env, const uint32_t *a)
{
    /* source is a path for bind and move mounts and block devices, a name
       ("proc", "tmpfs") otherwise: only absolute paths are looked up.  The
       data block (often "mode=755,...") is the kernel's to read: it copies
       what it needs from guest memory, which the host addresses directly;
       only overlay's directory options are rewritten under -L. */
    GuestPath *gp = malloc(3 * sizeof *gp);
    if (!gp)
        return -ENOMEM;
    const char *src = NULL, *dst = NULL, *type = NULL;
    long r = opt_path(&gp[0], a[0], &src);
    if (r == 0)
        r = get_path(&gp[1], a[1]);
    dst = gp[1].p;
    if (r == 0 && a[0] && gp[0].raw[0] != '/')
        src = gp[0].raw; /* a name, not a path */
    if (r == 0 && a[2]) {
        r = get_path(&gp[2], a[2]);
        type = gp[2].raw;
    }
    const void *data = a[4] ? g2h(a[4]) : NULL;
    char *odata = NULL;
    if (r == 0 && data && type && !strcmp(type, "overlay") && sysroot_dir() &&
        !(a[3] & (MS_BIND | MS_MOVE | MS_REMOUNT))) {
        long len = guest_strlen(a[4], 4096);
        odata = len >= 0 && len < 4096 ? malloc(4096) : NULL;
        char *in = odata ? malloc((size_t)len + 1) : NULL;
        if (in && copy_from_guest(in, a[4], (size_t)len + 1) == 0 &&
            overlay_data_paths(in, odata, 4096))
            data = odata;
        free(in);
    }
    if (r == 0)
        r = host_ret(mount(src, dst, type, a[3], data));
    free(odata);
    free(gp);
    return r;
}

long sys_umount2(CPUCommon *env, const uint32_t *a)
{
    GuestPath gp;
    long r = get_path(&gp, a[0]);
    return r < 0 ? r : host_ret(umount2(gp.p, (int)a[1]));
}

long sys_umount(CPUCommon *env, const uint32_t *a)
{
    const uint32_t b[2] = { a[0], 0 };
    return sys_umount2(env, b);
}

long sys_chroot(CPUCommon *env, const uint32_t *a)
{
    GuestPath gp;
    long r = get_path(&gp, a[0]);
    if (r < 0)
        return r;
    r = host_ret(chroot(gp.p));
    if (r == 0)
        sysroot_forget(); /* the new root is a real directory; -L lies outside it */
    return r;
}

long sys_pivot_root(CPUCommon *env, const uint32_t *a)
{
    GuestPath *gp = malloc(2 * sizeof *gp);
    if (!gp)
        return -ENOMEM;
    long r = get_path(&gp[0], a[0]);
    if (r == 0)
        r = get_path(&gp[1], a[1]);
    if (r == 0)
        r = host_ret(syscall(SYS_pivot_root, gp[0].p, gp[1].p));
    free(gp);
    return r;
}

long sys_unshare(CPUCommon *env, const uint32_t *a) { return host_ret(unshare((int)a[0])); }
long sys_setns(CPUCommon *env, const uint32_t *a) { return host_ret(setns(FD(a[0]), (int)a[1])); }
long sys_vhangup(CPUCommon *env, const uint32_t *a) { return host_ret(vhangup()); }

long sys_swapon(CPUCommon *env, const uint32_t *a)
{
    GuestPath gp;
    long r = get_path(&gp, a[0]);
    return r < 0 ? r : host_ret(syscall(SYS_swapon, gp.p, (int)a[1]));
}

long sys_swapoff(CPUCommon *env, const uint32_t *a)
{
    GuestPath gp;
    long r = get_path(&gp, a[0]);
    return r < 0 ? r : host_ret(syscall(SYS_swapoff, gp.p));
}

long sys_acct(CPUCommon *env, const uint32_t *a)
{
    GuestPath gp;
    const char *p;
    long r = opt_path(&gp, a[0], &p);
    return r < 0 ? r : host_ret(acct(p));
}

/* ---- pidfds ---- */

long sys_pidfd_open(CPUCommon *env, const uint32_t *a)
{
    /* PIDFD_NONBLOCK is the guest's O_NONBLOCK, PIDFD_THREAD its O_EXCL. */
    return host_ret(syscall(SYS_pidfd_open, (pid_t)a[0], (unsigned)open_flags_to_host(a[1])));
}

long sys_pidfd_getfd(CPUCommon *env, const uint32_t *a)
{
    return host_ret(syscall(SYS_pidfd_getfd, FD(a[0]), FD(a[1]), a[2]));
}

/* pidfd_send_signal: linux-user/syscall-signal.c (siginfo conversion). */

long sys_kcmp(CPUCommon *env, const uint32_t *a)
{
    /* KCMP_EPOLL_TFD's idx2 points to struct kcmp_epoll_slot (three u32s,
       the same everywhere). */
    enum { KCMP_EPOLL_TFD_ = 7 };
    unsigned long idx2 = a[4];
    if (a[2] == KCMP_EPOLL_TFD_) {
        if (!guest_ok_read(a[4], 12))
            return -EFAULT;
        idx2 = (unsigned long)g2h(a[4]);
    }
    return host_ret(syscall(SYS_kcmp, (pid_t)a[0], (pid_t)a[1], (int)a[2], (unsigned long)a[3], idx2));
}

/* ---- file handles: struct file_handle { u32 handle_bytes; s32 handle_type;
   u8 f_handle[]; } has one layout on every architecture. ---- */

#define HANDLE_MAX 128 /* MAX_HANDLE_SZ */

typedef struct HostHandle {
    uint32_t bytes;
    int32_t type;
    uint8_t f[HANDLE_MAX];
} HostHandle;

long sys_name_to_handle_at(CPUCommon *env, const uint32_t *a)
{
    GuestPath gp;
    long r = get_path_at(&gp, a[0], a[1], (a[4] & AT_SYMLINK_FOLLOW) != 0);
    if (r < 0)
        return r;
    if (!guest_ok_write(a[2], 8) || !guest_ok_write(a[3], 4))
        return -EFAULT;
    HostHandle h = { .bytes = get_guest_u32(a[2]) };
    if (h.bytes <= HANDLE_MAX && !guest_ok_write(a[2] + 8, h.bytes))
        return -EFAULT;
    int mount_id = 0;
    r = host_ret(syscall(SYS_name_to_handle_at, FD(a[0]), gp.p, &h, &mount_id, (int)a[4]));
    if (r == 0 || r == -EOVERFLOW) /* EOVERFLOW: handle_bytes says the size needed */
        put_guest_u32(a[2], h.bytes);
    if (r == 0) {
        put_guest_u32(a[2] + 4, (uint32_t)h.type);
        memcpy(g2h(a[2] + 8), h.f, h.bytes);
        put_guest_u32(a[3], (uint32_t)mount_id);
    }
    return r;
}

long sys_open_by_handle_at(CPUCommon *env, const uint32_t *a)
{
    if (!guest_ok_read(a[1], 8))
        return -EFAULT;
    HostHandle h = { .bytes = get_guest_u32(a[1]), .type = (int32_t)get_guest_u32(a[1] + 4) };
    if (h.bytes > HANDLE_MAX || h.bytes == 0)
        return -EINVAL;
    if (!guest_ok_read(a[1] + 8, h.bytes))
        return -EFAULT;
    memcpy(h.f, g2h(a[1] + 8), h.bytes);
    return host_ret(syscall(SYS_open_by_handle_at, FD(a[0]), &h, open_flags_to_host(a[2])));
}
