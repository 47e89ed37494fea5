/*
 * Socket syscalls.  Guest fds are host fds, so most calls pass straight
 * through; what needs converting is anything holding a pointer or a long:
 *
 *   sockaddr      the same layout on every Linux target (AF_INET, AF_INET6,
 *                 AF_UNIX, AF_NETLINK...): copied with length checks, the
 *                 family (and on a byte-swapped guest the host-order
 *                 numbers: sin6_scope_id, nl_pid/nl_groups, sll_ifindex/
 *                 sll_hatype) converted (sockaddr_fix).  Unix socket paths
 *                 are used as given (no -L prefixing).
 *   msghdr        the target's struct user_msghdr layout, iovec by
 *                 guest_iovec -> host structs.
 *   cmsghdr       the target's layout (ARM: { u32 len; int level, type; }
 *                 with 4-byte CMSG_ALIGN; x86-64: u64 len, 8-byte align);
 *                 level and SCM_* type by name.  Payloads are copied as they
 *                 are, SCM_RIGHTS and SCM_CREDENTIALS word by word in guest
 *                 byte order, the old (32-bit time) SO_TIMESTAMP* narrowed.
 *   sockopts      level and SOL_SOCKET option by name (SPARC's differ);
 *                 int values in guest byte order, strings and plain structs
 *                 as they are; SO_RCVTIMEO/SNDTIMEO (old: 32-bit timeval)
 *                 and SO_ATTACH_FILTER (a pointer) converted.
 *   flags         SOCK_* (type and NONBLOCK/CLOEXEC) and MSG_* by name.
 *
 * Blocking calls (accept, recv...) block in the host kernel; EINTR is
 * returned to the guest as is.
 */
#include <linux/filter.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "linux-user/abi-conv.h"
#include "linux-user/safe-syscall.h"
#include "linux-user/syscall-priv.h"

#define FD(x) ((int)(x))

/* ---- sockaddr ---- */

/* The numbers of a sockaddr of len bytes that are in the machine's byte
   order (the rest is network order or bytes), between guest and host: the
   family, then per family.  to_host: the buffer holds the guest's image. */
static void sockaddr_fix(void *ss, uint32_t len, bool to_host)
{
    if (len < 2)
        return;
    uint8_t *p = ss;
    uint16_t fam;
    if (to_host) {
        fam = ld_guest_u16(p);
        int64_t h = abi_value_to_host(GG_af, fam);
        fam = h == ABI_UNDEF ? fam : (uint16_t)h;
        memcpy(p, &fam, 2);
    } else {
        memcpy(&fam, p, 2);
        int64_t g = abi_value_to_guest(GG_af, fam);
        st_guest_u16(p, g == ABI_UNDEF ? fam : (uint16_t)g);
    }
    if (!guest_bswap)
        return;
    /* Host-order fields of each family, by the guest's layout (the same as
       the host's for these). */
    struct { int family; int gf; } fields[] = {
        { AF_INET6, GF_sockaddr_in6_sin6_scope_id },
        { AF_NETLINK, GF_sockaddr_nl_nl_pid },
        { AF_NETLINK, GF_sockaddr_nl_nl_groups },
        { AF_PACKET, GF_sockaddr_ll_sll_ifindex },
        { AF_PACKET, GF_sockaddr_ll_sll_hatype },
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        if (fields[i].family != fam || !abi_has(fields[i].gf))
            continue;
        size_t off = abi_offset(fields[i].gf), n = abi_field_size(fields[i].gf);
        if (off + n > len)
            continue;
        for (size_t a = off, b = off + n - 1; a < b; a++, b--) { /* reverse the bytes */
            uint8_t t = p[a];
            p[a] = p[b];
            p[b] = t;
        }
    }
}

/* Copy a guest sockaddr in: len > sizeof(sockaddr_storage) is EINVAL, as
   in the kernel. */
static long get_sockaddr(struct sockaddr_storage *ss, uint32_t addr, uint32_t len)
{
    if ((int32_t)len < 0 || len > sizeof *ss)
        return -EINVAL;
    memset(ss, 0, sizeof *ss);
    if (len && copy_from_guest(ss, addr, len) < 0) /* the guest's image, fixed below */
        return -EFAULT;
    sockaddr_fix(ss, len, true);
    return 0;
}

/* Read the guest's socklen_t *lenp (in: buffer size). */
static long get_socklen(uint32_t *len, uint32_t lenp)
{
    uint32_t u;
    if (get_user_u32(lenp, &u) < 0)
        return -EFAULT;
    int32_t v = (int32_t)u;
    if (v < 0)
        return -EINVAL;
    *len = (uint32_t)v;
    return 0;
}

/* Give a host sockaddr of hlen bytes back: as much as fits in the guest's
   buffer of glen bytes; *lenp receives the full length (like the kernel). */
static long put_sockaddr(uint32_t addr, uint32_t lenp, uint32_t glen, const void *ss, socklen_t hlen)
{
    uint32_t n = hlen < glen ? hlen : glen;
    struct sockaddr_storage g;
    memcpy(&g, ss, hlen < sizeof g ? hlen : sizeof g);
    sockaddr_fix(&g, hlen < sizeof g ? hlen : sizeof g, false);
    if (n && copy_to_guest(addr, &g, n) < 0) /* the guest's image */
        return -EFAULT;
    return put_user_u32(lenp, hlen) < 0 ? -EFAULT : 0;
}

/* ---- simple calls ---- */

/* Address family, socket type (with SOCK_NONBLOCK/SOCK_CLOEXEC) and MSG_*
   flags by name. */
static int sock_domain(uint32_t af)
{
    int64_t h = abi_value_to_host(GG_af, (int32_t)af);
    return h == ABI_UNDEF ? (int)af : (int)h;
}
static int sock_type(uint32_t t) { return (int)abi_flags_to_host(GG_sock_type, t); }
static int msg_flags(uint32_t f) { return (int)abi_flags_to_host(GG_msg, f); }

long sys_socket(CPUCommon *env, const uint32_t *a)
{
    return host_ret(socket(sock_domain(a[0]), sock_type(a[1]), (int)a[2]));
}

long sys_socketpair(CPUCommon *env, const uint32_t *a)
{
    int sv[2];
    if (!guest_ok_write(a[3], 8))
        return -EFAULT;
    if (socketpair(sock_domain(a[0]), sock_type(a[1]), (int)a[2], sv) < 0)
        return -errno;
    const uint32_t g[2] = { (uint32_t)sv[0], (uint32_t)sv[1] };
    return put_user_u32s(a[3], g, 2) < 0 ? -EFAULT : 0;
}

long sys_bind(CPUCommon *env, const uint32_t *a)
{
    struct sockaddr_storage ss;
    long r = get_sockaddr(&ss, a[1], a[2]);
    return r < 0 ? r : host_ret(bind(FD(a[0]), (struct sockaddr *)&ss, a[2]));
}

long sys_connect(CPUCommon *env, const uint32_t *a)
{
    struct sockaddr_storage ss;
    long r = get_sockaddr(&ss, a[1], a[2]);
    return r < 0 ? r : safe_syscall(SYS_connect, FD(a[0]), (struct sockaddr *)&ss, a[2]);
}

long sys_listen(CPUCommon *env, const uint32_t *a) { return host_ret(listen(FD(a[0]), (int)a[1])); }

long sys_shutdown(CPUCommon *env, const uint32_t *a) { return host_ret(shutdown(FD(a[0]), (int)a[1])); }

long sys_accept4(CPUCommon *env, const uint32_t *a)
{
    struct sockaddr_storage ss;
    socklen_t hlen = sizeof ss;
    uint32_t glen = 0;
    if (a[1]) {
        long r = get_socklen(&glen, a[2]);
        if (r < 0)
            return r;
        if (!guest_ok_write(a[1], glen))
            return -EFAULT;
    }
    long fd = safe_syscall(SYS_accept4, FD(a[0]), a[1] ? (struct sockaddr *)&ss : NULL,
                           a[1] ? &hlen : NULL, sock_type(a[3]) /* accept4 flags: SOCK_NONBLOCK/CLOEXEC */);
    if (fd < 0)
        return fd;
    if (a[1] && put_sockaddr(a[1], a[2], glen, &ss, hlen) < 0) {
        close((int)fd);
        return -EFAULT;
    }
    return fd;
}

long sys_accept(CPUCommon *env, const uint32_t *a)
{
    uint32_t b[4] = { a[0], a[1], a[2], 0 };
    return sys_accept4(env, b);
}

typedef int NameFn(int, struct sockaddr *, socklen_t *);

static long do_getname(NameFn *fn, const uint32_t *a)
{
    struct sockaddr_storage ss;
    socklen_t hlen = sizeof ss;
    uint32_t glen;
    long r = get_socklen(&glen, a[2]);
    if (r < 0)
        return r;
    if (fn(FD(a[0]), (struct sockaddr *)&ss, &hlen) < 0)
        return -errno;
    return put_sockaddr(a[1], a[2], glen, &ss, hlen);
}

long sys_getsockname(CPUCommon *env, const uint32_t *a) { return do_getname(getsockname, a); }
long sys_getpeername(CPUCommon *env, const uint32_t *a) { return do_getname(getpeername, a); }

long sys_sendto(CPUCommon *env, const uint32_t *a)
{
    /* sendto(fd, buf, len, flags, dest, addrlen) */
    struct sockaddr_storage ss;
    if (!guest_ok_read(a[1], a[2]))
        return -EFAULT;
    if (a[4]) {
        long r = get_sockaddr(&ss, a[4], a[5]);
        if (r < 0)
            return r;
    }
    return safe_syscall(SYS_sendto, FD(a[0]), g2h(a[1]), a[2], msg_flags(a[3]),
                        a[4] ? (struct sockaddr *)&ss : NULL, a[4] ? a[5] : 0);
}

long sys_send(CPUCommon *env, const uint32_t *a)
{
    uint32_t b[6] = { a[0], a[1], a[2], a[3], 0, 0 };
    return sys_sendto(env, b);
}

long sys_recvfrom(CPUCommon *env, const uint32_t *a)
{
    /* recvfrom(fd, buf, len, flags, src, addrlen *) */
    struct sockaddr_storage ss;
    socklen_t hlen = sizeof ss;
    uint32_t glen = 0;
    if (!guest_ok_write(a[1], a[2]))
        return -EFAULT;
    bool want = a[4] && a[5];
    if (want) {
        long r = get_socklen(&glen, a[5]);
        if (r < 0)
            return r;
    }
    struct iovec one = { g2h(a[1]), a[2] };
    size_t cnt = 1;
    IovBounce b;
    long n = iov_bounce_start(&b, &one, &cnt);
    if (n < 0)
        return n;
    n = safe_syscall(SYS_recvfrom, FD(a[0]), one.iov_base, one.iov_len, msg_flags(a[3]),
                     want ? (struct sockaddr *)&ss : NULL, want ? &hlen : NULL);
    n = iov_bounce_end(&b, n);
    if (n < 0)
        return n;
    if (want && put_sockaddr(a[4], a[5], glen, &ss, hlen) < 0)
        return -EFAULT;
    return n;
}

long sys_recv(CPUCommon *env, const uint32_t *a)
{
    uint32_t b[6] = { a[0], a[1], a[2], a[3], 0, 0 };
    return sys_recvfrom(env, b);
}

/* ---- sendmsg / recvmsg ---- */

/* A guest struct user_msghdr's values (read and written by the target's
   layout: msghdr_get / msghdr_put). */
typedef struct GuestMsghdr {
    uint32_t name, namelen, iov, iovlen, control, controllen, flags;
} GuestMsghdr;

static long msghdr_get(GuestMsghdr *m, uint32_t addr)
{
    uint8_t g[GUEST_STRUCT_MAX];
    if (copy_from_guest(g, addr, ABI_SIZE(msghdr)) < 0) /* the guest's image */
        return -EFAULT;
    *m = (GuestMsghdr){
        (uint32_t)ABI_GET(g, msghdr, msg_name),    (uint32_t)ABI_GET(g, msghdr, msg_namelen),
        (uint32_t)ABI_GET(g, msghdr, msg_iov),     (uint32_t)ABI_GET(g, msghdr, msg_iovlen),
        (uint32_t)ABI_GET(g, msghdr, msg_control), (uint32_t)ABI_GET(g, msghdr, msg_controllen),
        (uint32_t)ABI_GET(g, msghdr, msg_flags),
    };
    return 0;
}

/* What recvmsg changes: namelen, controllen, flags (already the guest's). */
static long msghdr_put_results(uint32_t addr, const GuestMsghdr *m)
{
    if (!guest_ok_write(addr, (uint32_t)ABI_SIZE(msghdr)))
        return -EFAULT;
    uint8_t *g = g2h(addr);
    ABI_PUT(g, msghdr, msg_namelen, m->namelen);
    ABI_PUT(g, msghdr, msg_controllen, m->controllen);
    ABI_PUT(g, msghdr, msg_flags, m->flags);
    return 0;
}

/* Guest control messages: the header by the target's layout, aligned to its
   long (CMSG_ALIGN). */
#define GCMSG_HDR ((uint32_t)ABI_SIZE(cmsghdr))
static uint32_t gcmsg_align(uint32_t n)
{
    uint32_t al = (uint32_t)abi_align(GS_cmsghdr);
    return (n + al - 1) & ~(al - 1);
}

/* A control level / SOL_SOCKET type between guest and host. */
static int sol_to_host(int32_t level)
{
    int64_t h = abi_value_to_host(GG_sol, level);
    return h == ABI_UNDEF ? level : (int)h;
}
static int sol_to_guest(int level)
{
    int64_t g = abi_value_to_guest(GG_sol, level);
    return g == ABI_UNDEF ? level : (int)g;
}
static int scm_to_host(int32_t type)
{
    int64_t h = abi_value_to_host(GG_scm, type);
    if (h == ABI_UNDEF) /* SO_TIMESTAMP* control types are option numbers */
        h = abi_value_to_host(GG_sockopt, type);
    return h == ABI_UNDEF ? type : (int)h;
}
static int scm_to_guest(int type)
{
    int64_t g = abi_value_to_guest(GG_scm, type);
    if (g == ABI_UNDEF)
        g = abi_value_to_guest(GG_sockopt, type);
    return g == ABI_UNDEF ? type : (int)g;
}
/* Payloads of SOL_SOCKET messages that are arrays of ints (fds; struct
   ucred's pid, uid, gid): word by word in guest byte order. */
static bool scm_is_words(int host_type) { return host_type == SCM_RIGHTS || host_type == SCM_CREDENTIALS; }

/* One message converted for the host; everything it points to is inside
   the same allocation (see msg_alloc). */
typedef struct HostMsg {
    struct msghdr h;
    struct sockaddr_storage name;
    GuestMsghdr g;
    uint32_t gaddr; /* where g came from */
} HostMsg;

/* Host control-buffer size for a guest control buffer of glen bytes: every
   guest cmsg takes at least 12 bytes and grows by at most 4 + 7 on the host;
   received timestamps shrink.  The margin also lets recvmsg see what was
   cut off. */
static size_t host_control_size(uint32_t glen) { return glen ? (size_t)glen * 2 + 64 : 0; }

/* Guest control messages -> host (for sending). */
static long control_to_host(struct msghdr *h, uint32_t addr, uint32_t glen)
{
    uint8_t *out = h->msg_control;
    size_t used = 0, off = 0;
    while (off + GCMSG_HDR <= glen) {
        uint8_t gc[GUEST_STRUCT_MAX];
        if (copy_from_guest(gc, addr + off, GCMSG_HDR) < 0) /* the guest's image */
            return -EFAULT;
        uint32_t len = (uint32_t)ABI_GET(gc, cmsghdr, cmsg_len);
        if (len < GCMSG_HDR || len > glen - off)
            return -EINVAL;
        uint32_t plen = len - GCMSG_HDR;
        if (used + CMSG_SPACE(plen) > h->msg_controllen)
            return -EINVAL;
        struct cmsghdr *c = (struct cmsghdr *)(out + used);
        c->cmsg_len = CMSG_LEN(plen);
        c->cmsg_level = sol_to_host((int32_t)ABI_GET(gc, cmsghdr, cmsg_level));
        c->cmsg_type = (int)(int32_t)ABI_GET(gc, cmsghdr, cmsg_type);
        if (c->cmsg_level == SOL_SOCKET)
            c->cmsg_type = scm_to_host(c->cmsg_type);
        /* SCM_RIGHTS (int fds) and SCM_CREDENTIALS (3 ints) word by word;
           IP_PKTINFO and the others as they are. */
        if (c->cmsg_level == SOL_SOCKET && scm_is_words(c->cmsg_type)) {
            if (get_user_u32s((uint32_t *)(void *)CMSG_DATA(c), addr + off + GCMSG_HDR, plen / 4) < 0)
                return -EFAULT;
        } else if (copy_from_guest(CMSG_DATA(c), addr + off + GCMSG_HDR, plen) < 0) {
            return -EFAULT;
        }
        used += CMSG_SPACE(plen);
        off += gcmsg_align(len);
    }
    h->msg_controllen = used;
    if (used == 0)
        h->msg_control = NULL;
    return 0;
}

/* Narrow an old-style timestamp payload (host: 64-bit time_t and long) to
   the guest's 32-bit one, in guest byte order; returns the guest payload
   length. */
static uint32_t narrow_timestamp(int type, const uint8_t *src, size_t slen, uint8_t *dst)
{
    int n = type == SO_TIMESTAMPING_OLD ? 3 : 1;
    if (slen < (size_t)n * 16)
        return 0;
    for (int i = 0; i < n; i++) {
        int64_t v[2];
        memcpy(v, src + 16 * i, 16);
        st_guest_u32(dst + 8 * i, (uint32_t)v[0]);
        st_guest_u32(dst + 8 * i + 4, (uint32_t)v[1]);
    }
    return (uint32_t)n * 8;
}

/* Host control messages (received) -> guest buffer at addr of glen bytes.
   Returns the bytes used; sets MSG_CTRUNC in *flags when something did not
   fit (fds that did not fit are closed, as the kernel does). */
static long control_to_guest(struct msghdr *h, uint32_t addr, uint32_t glen, int *flags)
{
    uint32_t used = 0;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(h); c; c = CMSG_NXTHDR(h, c)) {
        const uint8_t *data = CMSG_DATA(c);
        size_t plen = c->cmsg_len - CMSG_LEN(0);
        uint8_t tmp[48];
        uint32_t gplen = (uint32_t)plen;
        if (c->cmsg_level == SOL_SOCKET &&
            (c->cmsg_type == SO_TIMESTAMP_OLD || c->cmsg_type == SO_TIMESTAMPNS_OLD ||
             c->cmsg_type == SO_TIMESTAMPING_OLD)) {
            gplen = narrow_timestamp(c->cmsg_type, data, plen, tmp);
            data = tmp;
        } else if (guest_bswap && c->cmsg_level == SOL_SOCKET && plen <= sizeof tmp && plen % 8 == 0 &&
                   (c->cmsg_type == SO_TIMESTAMP_NEW || c->cmsg_type == SO_TIMESTAMPNS_NEW ||
                    c->cmsg_type == SO_TIMESTAMPING_NEW)) {
            /* 64-bit time: the same layout, 64-bit numbers in guest order. */
            for (size_t i = 0; i < plen; i += 8) {
                uint64_t v;
                memcpy(&v, data + i, 8);
                st_guest_u64(tmp + i, v);
            }
            data = tmp;
        }
        bool rights = c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS;
        bool words = c->cmsg_level == SOL_SOCKET && scm_is_words(c->cmsg_type);
        uint32_t room = glen - used; /* used <= glen */
        uint32_t fit = room >= GCMSG_HDR ? room - GCMSG_HDR : 0;
        if (fit > gplen)
            fit = gplen;
        if (rights)
            fit &= ~3u;
        if (fit < gplen || room < GCMSG_HDR) {
            *flags |= MSG_CTRUNC;
            if (rights) /* the fds that do not reach the guest */
                for (size_t i = fit; i + 4 <= plen; i += 4) {
                    int fd;
                    memcpy(&fd, data + i, 4);
                    close(fd);
                }
            if (room < GCMSG_HDR)
                continue; /* later SCM_RIGHTS still need closing */
        }
        uint8_t gc[GUEST_STRUCT_MAX];
        memset(gc, 0, GCMSG_HDR);
        ABI_PUT(gc, cmsghdr, cmsg_len, GCMSG_HDR + fit);
        ABI_PUT(gc, cmsghdr, cmsg_level, (uint32_t)sol_to_guest(c->cmsg_level));
        ABI_PUT(gc, cmsghdr, cmsg_type,
                (uint32_t)(c->cmsg_level == SOL_SOCKET ? scm_to_guest(c->cmsg_type) : c->cmsg_type));
        if (copy_to_guest(addr + used, gc, GCMSG_HDR) < 0) /* the guest's image */
            return -EFAULT;
        if (words ? put_user_u32s(addr + used + GCMSG_HDR, (const uint32_t *)(const void *)data, fit / 4) < 0
                  : copy_to_guest(addr + used + GCMSG_HDR, data, fit) < 0)
            return -EFAULT;
        used += gcmsg_align(GCMSG_HDR + fit);
        if (used > glen)
            used = glen;
    }
    return used;
}

/* Size of one HostMsg allocation for guest header g. */
static size_t msg_alloc_size(const GuestMsghdr *g)
{
    return sizeof(HostMsg) + (size_t)g->iovlen * sizeof(struct iovec) + host_control_size(g->controllen) + 8;
}

/* Read the guest msghdr at addr and build the host one.  *out is malloc'ed
   (free it).  recv: the buffers will be written. */
static long msg_to_host(HostMsg **out, uint32_t addr, bool recv)
{
    GuestMsghdr g;
    *out = NULL;
    if (msghdr_get(&g, addr) < 0)
        return -EFAULT;
    if (g.iovlen > GUEST_IOV_MAX)
        return -EMSGSIZE;
    if (g.controllen > INT32_MAX)
        return -ENOBUFS;
    if (g.controllen > 1u << 20)
        return -ENOBUFS;
    HostMsg *m = calloc(1, msg_alloc_size(&g));
    if (!m)
        return -ENOMEM;
    *out = m;
    m->g = g;
    m->gaddr = addr;
    struct iovec *iov = (struct iovec *)(m + 1);
    long r = guest_iovec(iov, g.iov, g.iovlen, recv);
    if (r < 0)
        return r;
    m->h.msg_iov = iov;
    m->h.msg_iovlen = g.iovlen;
    if (g.name) {
        if (recv) {
            if ((int32_t)g.namelen < 0)
                return -EINVAL;
            m->h.msg_namelen = sizeof m->name;
        } else {
            r = get_sockaddr(&m->name, g.name, g.namelen);
            if (r < 0)
                return r;
            m->h.msg_namelen = g.namelen;
        }
        m->h.msg_name = &m->name;
    }
    if (g.control && g.controllen) {
        /* 8-aligned: right after the iovecs (16 bytes each). */
        m->h.msg_control = (uint8_t *)(iov + g.iovlen);
        m->h.msg_controllen = host_control_size(g.controllen);
        if (recv) {
            if (!guest_ok_write(g.control, g.controllen))
                return -EFAULT;
        } else {
            r = control_to_host(&m->h, g.control, g.controllen);
            if (r < 0)
                return r;
        }
    }
    return 0;
}

/* After a successful receive: name, control and flags back to the guest. */
static long msg_to_guest(HostMsg *m)
{
    GuestMsghdr *g = &m->g;
    int flags = m->h.msg_flags;
    if (g->name) {
        uint32_t n = m->h.msg_namelen < g->namelen ? m->h.msg_namelen : g->namelen;
        sockaddr_fix(&m->name, m->h.msg_namelen < sizeof m->name ? m->h.msg_namelen : sizeof m->name,
                     false);
        if (n && copy_to_guest(g->name, &m->name, n) < 0) /* the guest's image */
            return -EFAULT;
        g->namelen = m->h.msg_namelen;
    }
    if (g->control && g->controllen && m->h.msg_controllen) {
        long r = control_to_guest(&m->h, g->control, g->controllen, &flags);
        if (r < 0)
            return r;
        g->controllen = (uint32_t)r;
    } else {
        g->controllen = 0;
    }
    g->flags = abi_flags_to_guest(GG_msg, (uint32_t)flags);
    return msghdr_put_results(m->gaddr, g);
}

long sys_sendmsg(CPUCommon *env, const uint32_t *a)
{
    HostMsg *m;
    long r = msg_to_host(&m, a[1], false);
    if (r == 0)
        r = safe_syscall(SYS_sendmsg, FD(a[0]), &m->h, msg_flags(a[2]));
    free(m);
    return r;
}

long sys_recvmsg(CPUCommon *env, const uint32_t *a)
{
    HostMsg *m;
    long r = msg_to_host(&m, a[1], true);
    IovBounce b = { NULL, 0, NULL };
    if (r == 0)
        r = iov_bounce_start(&b, m->h.msg_iov, &m->h.msg_iovlen);
    if (r == 0) {
        r = iov_bounce_end(&b, safe_syscall(SYS_recvmsg, FD(a[0]), &m->h, msg_flags(a[2])));
        if (r >= 0) {
            long e = msg_to_guest(m);
            if (e < 0)
                r = e;
        }
    }
    free(m);
    return r;
}

/* sendmmsg / recvmmsg: vec of vlen struct mmsghdr (the target's layout). */
static long do_mmsg(const uint32_t *a, bool recv, bool has_timeout, bool time64)
{
    uint32_t vlen = a[2] > GUEST_IOV_MAX ? GUEST_IOV_MAX : a[2];
    struct timespec ts, *pts = NULL;
    if (has_timeout && a[4]) {
        long r = get_timespec(&ts, a[4], time64);
        if (r < 0)
            return r;
        pts = &ts;
    }
    if (vlen == 0)
        return 0;
    struct mmsghdr *hv = calloc(vlen, sizeof *hv);
    HostMsg **mv = calloc(vlen, sizeof *mv);
    IovBounce *bv = calloc(vlen, sizeof *bv); /* buffers on code pages (iov_bounce_start) */
    long r = hv && mv && bv ? 0 : -ENOMEM;
    for (uint32_t i = 0; r == 0 && i < vlen; i++) {
        r = msg_to_host(&mv[i], a[1] + i * (uint32_t)ABI_SIZE(mmsghdr) + (uint32_t)ABI_OFF(mmsghdr, msg_hdr), recv);
        if (r == 0 && recv)
            r = iov_bounce_start(&bv[i], mv[i]->h.msg_iov, &mv[i]->h.msg_iovlen);
        if (r == 0)
            hv[i].msg_hdr = mv[i]->h;
    }
    if (r == 0) {
        if (recv)
            r = safe_syscall(SYS_recvmmsg, FD(a[0]), hv, vlen, msg_flags(a[3]), pts);
        else
            r = safe_syscall(SYS_sendmmsg, FD(a[0]), hv, vlen, msg_flags(a[3]));
    }
    for (long i = 0; r > 0 && i < r; i++) {
        uint32_t ga = a[1] + (uint32_t)i * (uint32_t)ABI_SIZE(mmsghdr);
        uint32_t len = hv[i].msg_len;
        if (recv) {
            if (iov_bounce_end(&bv[i], len) < 0) {
                r = -EFAULT;
                break;
            }
            mv[i]->h = hv[i].msg_hdr;
            if (msg_to_guest(mv[i]) < 0) {
                r = -EFAULT;
                break;
            }
        }
        if (put_user_u32(ga + (uint32_t)ABI_OFF(mmsghdr, msg_len), len) < 0) {
            r = -EFAULT;
            break;
        }
    }
    if (pts && r >= 0)
        put_timespec(a[4], pts, time64);
    for (uint32_t i = 0; mv && i < vlen; i++) {
        if (bv)
            iov_bounce_end(&bv[i], -1); /* (messages not received: nothing to copy) */
        free(mv[i]);
    }
    free(bv);
    free(mv);
    free(hv);
    return r;
}

long sys_sendmmsg(CPUCommon *env, const uint32_t *a) { return do_mmsg(a, false, false, false); }
long sys_recvmmsg(CPUCommon *env, const uint32_t *a) { return do_mmsg(a, true, true, false); }
long sys_recvmmsg_time64(CPUCommon *env, const uint32_t *a) { return do_mmsg(a, true, true, true); }

/* ---- socket options ---- */

/* The level, and for SOL_SOCKET the option, by name (SPARC numbers them
   differently); other levels' options are the same on every target. */
static void sockopt_to_host(uint32_t glevel, uint32_t gname, int *level, int *name)
{
    *level = sol_to_host((int32_t)glevel);
    *name = (int)gname;
    if (*level == SOL_SOCKET) {
        int64_t h = abi_value_to_host(GG_sockopt, (int32_t)gname);
        if (h != ABI_UNDEF)
            *name = (int)h;
    }
}

static bool is_old_timeo(int level, int name)
{
    return level == SOL_SOCKET && (name == SO_RCVTIMEO_OLD || name == SO_SNDTIMEO_OLD);
}

/* SO_RCVTIMEO_NEW / SO_SNDTIMEO_NEW: a struct __kernel_sock_timeval of
   two 64-bit numbers, the same 16 bytes everywhere but for byte order. */
static bool opt_is_dwords(int level, int name)
{
    return level == SOL_SOCKET && (name == SO_RCVTIMEO_NEW || name == SO_SNDTIMEO_NEW);
}

/* An option value that is an int or an array of ints (SO_LINGER, SO_PEERCRED,
   SO_PEERGROUPS...), hence in the machine's byte order, as opposed to
   strings, addresses in network order and byte structures. */
static bool opt_is_words(int level, int name, uint32_t len)
{
    if (len % 4)
        return false;
    if (level == SOL_SOCKET)
        return name != SO_BINDTODEVICE && name != SO_PEERNAME && name != SO_PEERSEC;
    return len == 4 && !(level == SOL_IP && name == IP_MULTICAST_IF);
}

long sys_setsockopt(CPUCommon *env, const uint32_t *a)
{
    /* setsockopt(fd, level, name, optval, optlen) */
    int fd = FD(a[0]), level, name;
    sockopt_to_host(a[1], a[2], &level, &name);
    uint32_t len = a[4];
    if ((int32_t)len < 0)
        return -EINVAL;
    if (is_old_timeo(level, name)) {
        uint32_t g[2]; /* struct timeval of 32-bit longs */
        if (len < sizeof g)
            return -EINVAL;
        if (get_user_u32s(g, a[3], 2) < 0)
            return -EFAULT;
        struct timeval tv = { (int32_t)g[0], (int32_t)g[1] };
        return host_ret(setsockopt(fd, level, name, &tv, sizeof tv));
    }
    if (level == SOL_SOCKET && (name == SO_ATTACH_FILTER || name == SO_ATTACH_REUSEPORT_CBPF)) {
        /* struct sock_fprog { u16 len; struct sock_filter *filter; } */
        uint16_t n;
        uint32_t prog;
        if (len < 8)
            return -EINVAL;
        if (get_user_u16(a[3], &n) < 0 || get_user_u32(a[3] + 4, &prog) < 0)
            return -EFAULT;
        /* struct sock_filter { u16 code; u8 jt, jf; u32 k; }: 8 bytes
           everywhere, its numbers in guest byte order. */
        if (!guest_ok_read(prog, (uint32_t)n * 8))
            return -EFAULT;
        struct sock_fprog p = { .len = n, .filter = g2h(prog) };
        struct sock_filter *conv = NULL;
        if (guest_bswap) {
            conv = malloc((n ? n : 1) * sizeof *conv);
            if (!conv)
                return -ENOMEM;
            for (uint32_t i = 0; i < n; i++) {
                const uint8_t *f = g2h(prog + 8 * i);
                conv[i] = (struct sock_filter){ ld_guest_u16(f), f[2], f[3], ld_guest_u32(f + 4) };
            }
            p.filter = conv;
        }
        long r = host_ret(setsockopt(fd, level, name, &p, sizeof p));
        free(conv);
        return r;
    }
    if ((level == SOL_IP || level == SOL_IPV6) && name >= MCAST_JOIN_GROUP &&
        name <= MCAST_MSFILTER) {
        /* struct group_req / group_source_req: { u32 interface; struct
           sockaddr_storage group[, source]; } -- the storage is 4-aligned on
           a 32-bit guest, 8-aligned on x86-64. */
        if (name == MCAST_MSFILTER) {
            log_unimp_once(0xf8000000u | (uint32_t)name, "setsockopt MCAST_MSFILTER");
            return -ENOPROTOOPT;
        }
        uint32_t nstor = name == MCAST_JOIN_GROUP || name == MCAST_LEAVE_GROUP ? 1 : 2;
        uint32_t glen = 4 + nstor * (uint32_t)sizeof(struct sockaddr_storage);
        if (len < glen)
            return -EINVAL;
        uint8_t h[8 + 2 * sizeof(struct sockaddr_storage)];
        memset(h, 0, sizeof h);
        uint32_t ifindex;
        if (get_user_u32(a[3], &ifindex) < 0 || copy_from_guest(h + 8, a[3] + 4, glen - 4) < 0)
            return -EFAULT;
        memcpy(h, &ifindex, 4);
        for (uint32_t i = 0; i < nstor; i++)
            sockaddr_fix(h + 8 + i * sizeof(struct sockaddr_storage), sizeof(struct sockaddr_storage), true);
        return host_ret(setsockopt(fd, level, name, h, 8 + (glen - 4)));
    }
    /* Everything else is an int, a string or a struct of ints (linger,
       ip_mreq, ipv6_mreq, SO_*_NEW 64-bit timevals...): the same layout;
       ints in guest byte order are swapped on a byte-swapped guest. */
    if (!guest_ok_read(a[3], len))
        return -EFAULT;
    if (guest_bswap && len && len % 8 == 0 && len <= 64 && opt_is_dwords(level, name)) {
        uint64_t v[8];
        for (uint32_t i = 0; i < len / 8; i++)
            v[i] = get_guest_u64(a[3] + 8 * i);
        return host_ret(setsockopt(fd, level, name, v, len));
    }
    if (guest_bswap && len && opt_is_words(level, name, len)) {
        uint32_t *v = malloc(len);
        if (!v)
            return -ENOMEM;
        get_user_u32s(v, a[3], len / 4);
        long r = host_ret(setsockopt(fd, level, name, v, len));
        free(v);
        return r;
    }
    return host_ret(setsockopt(fd, level, name, len ? g2h(a[3]) : NULL, len));
}

long sys_getsockopt(CPUCommon *env, const uint32_t *a)
{
    /* getsockopt(fd, level, name, optval, optlen *) */
    int fd = FD(a[0]), level, name;
    sockopt_to_host(a[1], a[2], &level, &name);
    uint32_t len;
    long r = get_socklen(&len, a[4]);
    if (r < 0)
        return r;
    if (is_old_timeo(level, name)) {
        struct timeval tv;
        socklen_t hl = sizeof tv;
        if (len < 8)
            return -EINVAL;
        if (getsockopt(fd, level, name, &tv, &hl) < 0)
            return -errno;
        const uint32_t g[2] = { (uint32_t)tv.tv_sec, (uint32_t)tv.tv_usec };
        if (put_user_u32s(a[3], g, 2) < 0 || put_user_u32(a[4], sizeof g) < 0)
            return -EFAULT;
        return 0;
    }
    if ((level == SOL_IP || level == SOL_IPV6) && name == MCAST_MSFILTER) {
        log_unimp_once(0xf8000000u | (uint32_t)name, "getsockopt MCAST_MSFILTER");
        return -ENOPROTOOPT;
    }
    if (!guest_ok_write(a[3], len))
        return -EFAULT;
    socklen_t hl = len;
    if (getsockopt(fd, level, name, len ? g2h(a[3]) : NULL, &hl) < 0) {
        int e = errno;
        if (e == ERANGE) /* SO_PEERGROUPS: the length needed comes back */
            put_user_u32(a[4], hl);
        return -e;
    }
    /* Written in place by the host: ints get the guest's byte order (and
       SO_ERROR's value, an errno, the guest's number). */
    uint32_t got = hl < len ? hl : len;
    if (level == SOL_SOCKET && name == SO_ERROR && got == 4) {
        int v;
        memcpy(&v, g2h(a[3]), 4);
        put_guest_u32(a[3], (uint32_t)(v > 0 ? errno_to_guest(v) : v));
    } else if (level == SOL_SOCKET && name == SO_TYPE && got == 4) {
        int v;
        memcpy(&v, g2h(a[3]), 4);
        put_guest_u32(a[3], abi_flags_to_guest(GG_sock_type, (uint32_t)v));
    } else if (level == SOL_SOCKET && name == SO_PEERNAME) {
        sockaddr_fix(g2h(a[3]), got, false);
    } else if (guest_bswap && opt_is_dwords(level, name) && got % 8 == 0) {
        for (uint32_t i = 0; i < got / 8; i++) {
            uint64_t v;
            memcpy(&v, g2h(a[3] + 8 * i), 8);
            put_guest_u64(a[3] + 8 * i, v);
        }
    } else if (opt_is_words(level, name, got)) {
        host_order_to_guest_u32s(a[3], got / 4);
    }
    return put_user_u32(a[4], hl) < 0 ? -EFAULT : 0;
}
