/*
 * ioctl: the table of known requests (linux-user/ioctls.h) drives the
 * argument handling; requests whose layout differs between the 32-bit
 * guest and the 64-bit host have a converter here.  Unknown requests are
 * -ENOTTY (what the kernel answers for a request a file does not
 * support), reported once under -d unimp / -strace.
 *
 * Every ioctl goes through safe_syscall: some wait (TCSETSW, TCSBRK drain
 * the output) and must not miss a guest signal.
 */
#include <errno.h>
#include <net/if.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>

#include "linux-user/safe-syscall.h"
#include "linux-user/syscall-priv.h"

enum { IOC_NONE, IOC_INT, IOC_R, IOC_W, IOC_RW, IOC_CONV };

typedef long IoctlConv(int fd, uint32_t host_cmd, uint32_t arg);

typedef struct IoctlDef {
    const char *name;
    uint32_t guest_cmd, host_cmd;
    uint8_t kind;
    uint16_t size;
    IoctlConv *conv;
} IoctlDef;

static long host_ioctl(int fd, uint32_t cmd, long arg)
{
    return safe_syscall(SYS_ioctl, fd, (unsigned long)cmd, arg);
}

/* ---- converters ---- */

/* TIOCGPTPEER: the argument is open flags (ARM's differ from x86-64's). */
static long ioctl_conv_TIOCGPTPEER(int fd, uint32_t cmd, uint32_t arg)
{
    return host_ioctl(fd, cmd, open_flags_to_host(arg));
}

/* BLKGETSIZE: an unsigned long of 512-byte sectors. */
static long ioctl_conv_BLKGETSIZE(int fd, uint32_t cmd, uint32_t arg)
{
    if (!guest_ok_write(arg, 4))
        return -EFAULT;
    unsigned long v = 0;
    long r = host_ioctl(fd, cmd, (long)&v);
    if (r < 0)
        return r;
    if (v > UINT32_MAX)
        return -EFBIG; /* as the kernel's compat path says */
    return put_user_u32(arg, (uint32_t)v) < 0 ? -EFAULT : r;
}

/* struct ifreq: char name[16] + a union that is 16 bytes on a 32-bit
   guest (struct ifmap has longs) and 24 on the host.  The requests below
   use only the first 16 bytes of the union. */
#define GUEST_IFREQ_SIZE 32
_Static_assert(sizeof(struct ifreq) == 40, "host ifreq");

static long ifreq_ioctl(int fd, uint32_t cmd, uint32_t arg)
{
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    if (copy_from_guest(&ifr, arg, GUEST_IFREQ_SIZE) < 0)
        return -EFAULT;
    if (!guest_ok_write(arg, GUEST_IFREQ_SIZE))
        return -EFAULT;
    long r = host_ioctl(fd, cmd, (long)&ifr);
    if (r < 0)
        return r;
    return copy_to_guest(arg, &ifr, GUEST_IFREQ_SIZE) < 0 ? -EFAULT : r;
}
#define ioctl_conv_SIOCGIFFLAGS ifreq_ioctl
#define ioctl_conv_SIOCGIFADDR ifreq_ioctl
#define ioctl_conv_SIOCGIFDSTADDR ifreq_ioctl
#define ioctl_conv_SIOCGIFBRDADDR ifreq_ioctl
#define ioctl_conv_SIOCGIFNETMASK ifreq_ioctl
#define ioctl_conv_SIOCGIFMETRIC ifreq_ioctl
#define ioctl_conv_SIOCGIFMTU ifreq_ioctl
#define ioctl_conv_SIOCGIFHWADDR ifreq_ioctl
#define ioctl_conv_SIOCGIFINDEX ifreq_ioctl
#define ioctl_conv_SIOCGIFNAME ifreq_ioctl
#define ioctl_conv_SIOCGIFTXQLEN ifreq_ioctl

/* SIOCGIFCONF: struct ifconf { int len; struct ifreq *buf; } (8 bytes on
   the guest) and an array of ifreqs to repack from 40 to 32 bytes each.
   With a NULL buffer the kernel reports the length it needs. */
static long ioctl_conv_SIOCGIFCONF(int fd, uint32_t cmd, uint32_t arg)
{
    int32_t g[2];
    if (get_user_u32s((uint32_t *)g, arg, 2) < 0 || !guest_ok_write(arg, sizeof g))
        return -EFAULT;
    struct ifconf ifc;
    if (g[1] == 0) {
        ifc.ifc_len = 0;
        ifc.ifc_buf = NULL;
        long r = host_ioctl(fd, cmd, (long)&ifc);
        if (r < 0)
            return r;
        g[0] = ifc.ifc_len / (int)sizeof(struct ifreq) * GUEST_IFREQ_SIZE;
        return put_user_u32s(arg, (const uint32_t *)g, 2) < 0 ? -EFAULT : r;
    }
    if (g[0] < 0)
        return -EINVAL;
    int n = g[0] / GUEST_IFREQ_SIZE;
    if (n > 1024)
        n = 1024;
    if (!guest_ok_write((uint32_t)g[1], (uint32_t)n * GUEST_IFREQ_SIZE))
        return -EFAULT;
    static __thread struct ifreq reqs[1024];
    ifc.ifc_len = n * (int)sizeof(struct ifreq);
    ifc.ifc_req = reqs;
    long r = host_ioctl(fd, cmd, (long)&ifc);
    if (r < 0)
        return r;
    int got = ifc.ifc_len / (int)sizeof(struct ifreq);
    for (int i = 0; i < got; i++)
        if (copy_to_guest((uint32_t)g[1] + (uint32_t)i * GUEST_IFREQ_SIZE, &reqs[i],
                          GUEST_IFREQ_SIZE) < 0)
            return -EFAULT;
    g[0] = got * GUEST_IFREQ_SIZE;
    return put_user_u32s(arg, (const uint32_t *)g, 2) < 0 ? -EFAULT : r;
}

/* ---- the table ---- */

/* The converter of a CONV entry, NULL for the others.  (The name is pasted
   in IOCTL itself: request names like FIONREAD are also host macros, which
   must not expand.) */
#define CONV_OF_NONE(fn) NULL
#define CONV_OF_INT(fn) NULL
#define CONV_OF_R(fn) NULL
#define CONV_OF_W(fn) NULL
#define CONV_OF_RW(fn) NULL
#define CONV_OF_CONV(fn) fn

static const IoctlDef ioctl_defs[] = {
#define IOCTL(name_, g_, h_, kind_, size_)                                                         \
    {.name = #name_,                                                                               \
     .guest_cmd = g_,                                                                              \
     .host_cmd = h_,                                                                               \
     .kind = IOC_##kind_,                                                                          \
     .size = size_,                                                                                \
     .conv = CONV_OF_##kind_(ioctl_conv_##name_)},
#include "linux-user/ioctls.h"
#undef IOCTL
};
#define N_IOCTLS (sizeof ioctl_defs / sizeof ioctl_defs[0])

static const IoctlDef *ioctl_find(uint32_t cmd)
{
    for (size_t i = 0; i < N_IOCTLS; i++)
        if (ioctl_defs[i].guest_cmd == cmd)
            return &ioctl_defs[i];
    return NULL;
}

const char *ioctl_name(uint32_t cmd)
{
    const IoctlDef *d = ioctl_find(cmd);
    return d ? d->name : NULL;
}

long sys_ioctl(CPUCommon *env, const uint32_t *a)
{
    int fd = (int)a[0];
    uint32_t arg = a[2];
    const IoctlDef *d = ioctl_find(a[1]);
    if (!d) {
        log_unimp_once(0xfe000000u ^ a[1], "unsupported ioctl 0x%x on fd %d", a[1], fd);
        return -ENOTTY;
    }
    switch (d->kind) {
    case IOC_NONE:
        return host_ioctl(fd, d->host_cmd, 0);
    case IOC_INT:
        return host_ioctl(fd, d->host_cmd, (long)arg);
    case IOC_R:
        if (!guest_ok_read(arg, d->size))
            return -EFAULT;
        return host_ioctl(fd, d->host_cmd, (long)g2h(arg));
    case IOC_W:
    case IOC_RW:
        /* Same layout: the kernel writes guest memory in place. */
        if (!guest_ok_write(arg, d->size) || (d->kind == IOC_RW && !guest_ok_read(arg, d->size)))
            return -EFAULT;
        return host_ioctl(fd, d->host_cmd, (long)g2h(arg));
    default:
        return d->conv(fd, d->host_cmd, arg);
    }
}
