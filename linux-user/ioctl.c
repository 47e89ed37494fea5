/*
 * ioctl: the table of known requests (linux-user/ioctls.h) drives the
 * argument handling.  Requests are found by name (the target's ABI
 * constant), arguments of the same layout are used in place (or through a
 * byte-swapped copy for a guest of the other byte order), and requests
 * whose layout differs between guest and host have a converter here.  Unknown requests are
 * -ENOTTY (what the kernel answers for a request a file does not
 * support), reported once under -d unimp / -strace.
 *
 * Every ioctl goes through safe_syscall: some wait (TCSETSW, TCSBRK drain
 * the output) and must not miss a guest signal.
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <net/if.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>

#include "linux-user/safe-syscall.h"
#include "linux-user/abi-conv.h"
#include "linux-user/syscall-priv.h"

enum {
    IOC_NONE, IOC_INT,
    IOC_R8, IOC_W8, IOC_RW8, IOC_R16, IOC_W16, IOC_RW16,
    IOC_R32, IOC_W32, IOC_RW32, IOC_R64, IOC_W64, IOC_RW64,
    IOC_CONV,
};

typedef long IoctlConv(int fd, uint32_t host_cmd, uint32_t arg);

typedef struct IoctlDef {
    const char *name;
    int gc; /* GC_<name>: the guest's number is abi_const(gc) */
    uint32_t host_cmd;
    uint8_t kind;
    uint16_t size;
    IoctlConv *conv;
} IoctlDef;

static long host_ioctl(int fd, uint32_t cmd, long arg)
{
    return safe_syscall(SYS_ioctl, fd, (unsigned long)cmd, arg);
}

/* ---- converters ---- */

/* TIOCGPTPEER: the argument is open flags (translated by name). */
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
   guest (struct ifmap has longs) and 24 on the host; the requests below use
   only the first 16 bytes of the union, as a sockaddr (its family in the
   machine's byte order), a short (flags) or an int (index, mtu...). */
#define GUEST_IFREQ_SIZE ((uint32_t)ABI_SIZE(ifreq))
_Static_assert(sizeof(struct ifreq) == 40, "host ifreq");
enum { IFR_ADDR, IFR_SHORT, IFR_INT };

/* The guest's image of ifr (at g, GUEST_IFREQ_SIZE bytes) <-> host. */
static void ifreq_image(uint8_t *g, struct ifreq *ifr, int kind, bool to_guest)
{
    uint8_t *u = (uint8_t *)&ifr->ifr_ifru;
    size_t uoff = ABI_OFF(ifreq, ifr_ifru);
    if (to_guest) {
        memset(g, 0, GUEST_IFREQ_SIZE);
        memcpy(g, ifr->ifr_name, IFNAMSIZ);
        memcpy(g + uoff, u, 16);
    } else {
        memset(ifr, 0, sizeof *ifr);
        memcpy(ifr->ifr_name, g, IFNAMSIZ);
        memcpy(u, g + uoff, 16);
    }
    uint8_t *gu = to_guest ? g + uoff : u; /* the copy whose numbers to fix */
    int n = kind == IFR_ADDR ? 2 : kind == IFR_SHORT ? 2 : 4;
    if (guest_bswap)
        for (int a = 0, b = n - 1; a < b; a++, b--) {
            uint8_t t = gu[a];
            gu[a] = gu[b];
            gu[b] = t;
        }
}

static long ifreq_ioctl(int fd, uint32_t cmd, uint32_t arg, int kind)
{
    uint8_t g[GUEST_STRUCT_MAX];
    struct ifreq ifr;
    if (GUEST_IFREQ_SIZE == 0 || GUEST_IFREQ_SIZE > sizeof g)
        return -ENOTTY;
    if (copy_from_guest(g, arg, GUEST_IFREQ_SIZE) < 0) /* the guest's image */
        return -EFAULT;
    if (!guest_ok_write(arg, GUEST_IFREQ_SIZE))
        return -EFAULT;
    ifreq_image(g, &ifr, kind, false);
    long r = host_ioctl(fd, cmd, (long)&ifr);
    if (r < 0)
        return r;
    ifreq_image(g, &ifr, kind, true);
    return copy_to_guest(arg, g, GUEST_IFREQ_SIZE) < 0 ? -EFAULT : r;
}
static long ifreq_addr(int fd, uint32_t cmd, uint32_t arg) { return ifreq_ioctl(fd, cmd, arg, IFR_ADDR); }
static long ifreq_short(int fd, uint32_t cmd, uint32_t arg) { return ifreq_ioctl(fd, cmd, arg, IFR_SHORT); }
static long ifreq_int(int fd, uint32_t cmd, uint32_t arg) { return ifreq_ioctl(fd, cmd, arg, IFR_INT); }
#define ioctl_conv_SIOCGIFFLAGS ifreq_short
#define ioctl_conv_SIOCGIFADDR ifreq_addr
#define ioctl_conv_SIOCGIFDSTADDR ifreq_addr
#define ioctl_conv_SIOCGIFBRDADDR ifreq_addr
#define ioctl_conv_SIOCGIFNETMASK ifreq_addr
#define ioctl_conv_SIOCGIFMETRIC ifreq_int
#define ioctl_conv_SIOCGIFMTU ifreq_int
#define ioctl_conv_SIOCGIFHWADDR ifreq_addr
#define ioctl_conv_SIOCGIFINDEX ifreq_int
#define ioctl_conv_SIOCGIFNAME ifreq_int /* in: the index; out: the name */
#define ioctl_conv_SIOCGIFTXQLEN ifreq_int
#define ioctl_conv_TUNSETIFF ifreq_short /* name and IFF_TUN/IFF_TAP/... flags */
#define ioctl_conv_TUNGETIFF ifreq_short
#define ioctl_conv_TUNSETQUEUE ifreq_short

/* SIOCGIFCONF: struct ifconf { int len; struct ifreq *buf; } (8 bytes on
   a 32-bit guest) and an array of ifreqs to repack from 40 to 32 bytes each.
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
    for (int i = 0; i < got; i++) { /* each entry: name and address */
        uint8_t img[GUEST_STRUCT_MAX];
        ifreq_image(img, &reqs[i], IFR_ADDR, true);
        if (copy_to_guest((uint32_t)g[1] + (uint32_t)i * GUEST_IFREQ_SIZE, img, GUEST_IFREQ_SIZE) < 0)
            return -EFAULT;
    }
    g[0] = got * GUEST_IFREQ_SIZE;
    return put_user_u32s(arg, (const uint32_t *)g, 2) < 0 ? -EFAULT : r;
}

/* ---- structures of fixed-size fields (the same bytes everywhere, up to
   the byte order) ---- */

/* A field: its offset and size (2, 4 or 8). */
typedef struct FieldAt {
    uint16_t off;
    uint8_t size;
} FieldAt;

/* Swap n fields of buf (at base) between host and guest byte order. */
static void swap_fields_at(uint8_t *buf, size_t base, const FieldAt *f, size_t n)
{
    if (!guest_bswap)
        return;
    for (size_t i = 0; i < n; i++) {
        uint8_t *p = buf + base + f[i].off;
        for (int a = 0, b = f[i].size - 1; a < b; a++, b--) {
            uint8_t t = p[a];
            p[a] = p[b];
            p[b] = t;
        }
    }
}

/* struct loop_info64 (232 bytes): five u64, four u32, the file name, crypt
   name and key (bytes), then u64 lo_init[2]. */
#define LOOP_INFO64_SIZE 232
static const FieldAt loop_info64_fields[] = {
    { 0, 8 }, { 8, 8 }, { 16, 8 }, { 24, 8 }, { 32, 8 },
    { 40, 4 }, { 44, 4 }, { 48, 4 }, { 52, 4 }, { 216, 8 }, { 224, 8 },
};
#define N_LOOP_INFO64 (sizeof loop_info64_fields / sizeof loop_info64_fields[0])

/* A request whose argument is one such structure (len bytes, fields f at
   base, plus extra fields e): in: the kernel reads it; out: writes it. */
static long fixed_struct_ioctl(int fd, uint32_t cmd, uint32_t arg, size_t len, bool in, bool out,
                               size_t base, const FieldAt *f, size_t n, const FieldAt *e, size_t ne)
{
    uint8_t buf[512];
    if (len > sizeof buf)
        return -EINVAL;
    memset(buf, 0, len);
    if (in) {
        if (copy_from_guest(buf, arg, len) < 0) /* the guest's image */
            return -EFAULT;
        swap_fields_at(buf, base, f, n);
        swap_fields_at(buf, 0, e, ne);
    }
    long r = host_ioctl(fd, cmd, (long)buf);
    if (r < 0 || !out)
        return r;
    swap_fields_at(buf, base, f, n);
    swap_fields_at(buf, 0, e, ne);
    return copy_to_guest(arg, buf, len) < 0 ? -EFAULT : r;
}

static long ioctl_conv_LOOP_SET_STATUS64(int fd, uint32_t cmd, uint32_t arg)
{
    return fixed_struct_ioctl(fd, cmd, arg, LOOP_INFO64_SIZE, true, false, 0, loop_info64_fields,
                              N_LOOP_INFO64, NULL, 0);
}

static long ioctl_conv_LOOP_GET_STATUS64(int fd, uint32_t cmd, uint32_t arg)
{
    return fixed_struct_ioctl(fd, cmd, arg, LOOP_INFO64_SIZE, false, true, 0, loop_info64_fields,
                              N_LOOP_INFO64, NULL, 0);
}

/* struct loop_config: u32 fd, u32 block_size, struct loop_info64, u64
   __reserved[8] (304 bytes). */
static long ioctl_conv_LOOP_CONFIGURE(int fd, uint32_t cmd, uint32_t arg)
{
    static const FieldAt head[] = { { 0, 4 }, { 4, 4 } };
    return fixed_struct_ioctl(fd, cmd, arg, 8 + LOOP_INFO64_SIZE + 64, true, false, 8,
                              loop_info64_fields, N_LOOP_INFO64, head, 2);
}

/* struct file_dedupe_range: u64 src_offset, src_length; u16 dest_count,
   reserved1; u32 reserved2; then dest_count struct file_dedupe_range_info
   { s64 dest_fd; u64 dest_offset, bytes_deduped; s32 status; u32
   reserved; }, which the kernel fills in. */
static long ioctl_conv_FIDEDUPERANGE(int fd, uint32_t cmd, uint32_t arg)
{
    static const FieldAt head[] = { { 0, 8 }, { 8, 8 }, { 16, 2 }, { 18, 2 }, { 20, 4 } };
    static const FieldAt info[] = { { 0, 8 }, { 8, 8 }, { 16, 8 }, { 24, 4 }, { 28, 4 } };
    uint16_t count;
    if (get_user_u16(arg + 16, &count) < 0)
        return -EFAULT;
    size_t len = 24 + 32 * (size_t)count;
    if (len > 4096)
        return -ENOMEM; /* as the kernel: the whole request fits in a page */
    uint8_t *buf = malloc(len);
    if (!buf)
        return -ENOMEM;
    long r = -EFAULT;
    if (copy_from_guest(buf, arg, len) == 0) {
        swap_fields_at(buf, 0, head, 5);
        for (size_t i = 0; i < count; i++)
            swap_fields_at(buf, 24 + 32 * i, info, 5);
        r = host_ioctl(fd, cmd, (long)buf);
        if (r >= 0) {
            swap_fields_at(buf, 0, head, 5);
            for (size_t i = 0; i < count; i++)
                swap_fields_at(buf, 24 + 32 * i, info, 5);
            if (copy_to_guest(arg, buf, len) < 0)
                r = -EFAULT;
        }
    }
    free(buf);
    return r;
}

/* ---- terminals: by the target's layouts and flag names ---- */

/* The x86-64 kernel's struct termios / termios2 (asm/termbits.h: NCCS 19)
   and struct termio (NCC 8), which glibc's <termios.h> does not describe. */
#define HOST_NCCS 19
typedef struct HostKTermios {
    uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
    uint8_t c_line, c_cc[HOST_NCCS];
    uint32_t c_ispeed, c_ospeed; /* termios2 only */
} HostKTermios;
typedef struct HostKTermio {
    uint16_t c_iflag, c_oflag, c_cflag, c_lflag;
    uint8_t c_line, c_cc[8];
} HostKTermio;

/* Which guest structure a request carries, and its fields. */
typedef struct TermLayout {
    int gs, iflag, oflag, cflag, lflag, line, cc, ispeed, ospeed;
    size_t host_size;
} TermLayout;
static const TermLayout term_termios = { GS_termios, GF_termios_c_iflag, GF_termios_c_oflag,
                                         GF_termios_c_cflag, GF_termios_c_lflag, GF_termios_c_line,
                                         GF_termios_c_cc, GF_termios_c_ispeed, GF_termios_c_ospeed,
                                         offsetof(HostKTermios, c_ispeed) };
static const TermLayout term_termios2 = { GS_termios2, GF_termios2_c_iflag, GF_termios2_c_oflag,
                                          GF_termios2_c_cflag, GF_termios2_c_lflag,
                                          GF_termios2_c_line, GF_termios2_c_cc,
                                          GF_termios2_c_ispeed, GF_termios2_c_ospeed,
                                          sizeof(HostKTermios) };

static void termios_from_guest(HostKTermios *h, const uint8_t *g, const TermLayout *l)
{
    memset(h, 0, sizeof *h);
    h->c_iflag = abi_flags_to_host(GG_c_iflag, (uint32_t)abi_get(g, l->iflag));
    h->c_oflag = abi_flags_to_host(GG_c_oflag, (uint32_t)abi_get(g, l->oflag));
    h->c_cflag = abi_flags_to_host(GG_c_cflag, (uint32_t)abi_get(g, l->cflag));
    h->c_lflag = abi_flags_to_host(GG_c_lflag, (uint32_t)abi_get(g, l->lflag));
    h->c_line = (uint8_t)abi_get(g, l->line);
    /* Control characters by name: the guest's VMIN is not at the host's index. */
    const uint8_t *cc = g + abi_offset(l->cc);
    size_t n = abi_field_size(l->cc);
    for (size_t i = 0; i < n; i++) {
        int64_t hi = abi_value_to_host(GG_cc, (int64_t)i);
        if (hi != ABI_UNDEF && hi >= 0 && hi < HOST_NCCS)
            h->c_cc[hi] = cc[i];
    }
    h->c_ispeed = (uint32_t)abi_get(g, l->ispeed);
    h->c_ospeed = (uint32_t)abi_get(g, l->ospeed);
}

static void termios_to_guest(uint8_t *g, const HostKTermios *h, const TermLayout *l)
{
    memset(g, 0, abi_size(l->gs));
    abi_put(g, l->iflag, abi_flags_to_guest(GG_c_iflag, h->c_iflag));
    abi_put(g, l->oflag, abi_flags_to_guest(GG_c_oflag, h->c_oflag));
    abi_put(g, l->cflag, abi_flags_to_guest(GG_c_cflag, h->c_cflag));
    abi_put(g, l->lflag, abi_flags_to_guest(GG_c_lflag, h->c_lflag));
    abi_put(g, l->line, h->c_line);
    uint8_t *cc = g + abi_offset(l->cc);
    size_t n = abi_field_size(l->cc);
    for (int i = 0; i < HOST_NCCS; i++) {
        int64_t gi = abi_value_to_guest(GG_cc, i);
        if (gi != ABI_UNDEF && gi >= 0 && (size_t)gi < n)
            cc[gi] = h->c_cc[i];
    }
    abi_put(g, l->ispeed, h->c_ispeed);
    abi_put(g, l->ospeed, h->c_ospeed);
}

/* TCGETS/TCSETS* (termios) and TCGETS2/TCSETS*2 (termios2). */
static long termios_ioctl(int fd, uint32_t cmd, uint32_t arg, const TermLayout *l, bool get)
{
    uint8_t g[GUEST_STRUCT_MAX];
    HostKTermios h;
    size_t gsize = abi_size(l->gs);
    if (gsize == 0 || gsize > sizeof g)
        return -ENOTTY; /* the target has no such structure */
    /* As the kernel: a file that is no tty (or no fd) says so before the
       pointer is looked at. */
    if (get) {
        memset(&h, 0, sizeof h);
        long r = host_ioctl(fd, cmd, (long)&h);
        if (r < 0)
            return r;
        termios_to_guest(g, &h, l);
        return copy_to_guest(arg, g, gsize) < 0 ? -EFAULT : r; /* the guest's image */
    }
    if (copy_from_guest(g, arg, gsize) < 0) {
        HostKTermios probe;
        long r = host_ioctl(fd, TCGETS, (long)&probe);
        return r < 0 ? r : -EFAULT;
    }
    termios_from_guest(&h, g, l);
    return host_ioctl(fd, cmd, (long)&h);
}
static long ioctl_conv_TCGETS(int fd, uint32_t cmd, uint32_t arg)
{
    return termios_ioctl(fd, cmd, arg, &term_termios, true);
}
static long ioctl_conv_TCSETS(int fd, uint32_t cmd, uint32_t arg)
{
    return termios_ioctl(fd, cmd, arg, &term_termios, false);
}
#define ioctl_conv_TCSETSW ioctl_conv_TCSETS
#define ioctl_conv_TCSETSF ioctl_conv_TCSETS
static long ioctl_conv_TCGETS2(int fd, uint32_t cmd, uint32_t arg)
{
    return termios_ioctl(fd, cmd, arg, &term_termios2, true);
}
static long ioctl_conv_TCSETS2(int fd, uint32_t cmd, uint32_t arg)
{
    return termios_ioctl(fd, cmd, arg, &term_termios2, false);
}
#define ioctl_conv_TCSETSW2 ioctl_conv_TCSETS2
#define ioctl_conv_TCSETSF2 ioctl_conv_TCSETS2

/* TCGETA/TCSETA*: struct termio, 16-bit flags (the low halves of the
   termios flags) and NCC 8 control characters. */
static long termio_ioctl(int fd, uint32_t cmd, uint32_t arg, bool get)
{
    uint8_t g[GUEST_STRUCT_MAX];
    HostKTermio h;
    size_t gsize = ABI_SIZE(termio);
    if (gsize == 0 || gsize > sizeof g)
        return -ENOTTY;
    const int fl[4] = { GF_termio_c_iflag, GF_termio_c_oflag, GF_termio_c_cflag, GF_termio_c_lflag };
    const int gg[4] = { GG_c_iflag, GG_c_oflag, GG_c_cflag, GG_c_lflag };
    if (get) {
        if (!guest_ok_write(arg, (uint32_t)gsize))
            return -EFAULT;
        memset(&h, 0, sizeof h);
        long r = host_ioctl(fd, cmd, (long)&h);
        if (r < 0)
            return r;
        const uint16_t hv[4] = { h.c_iflag, h.c_oflag, h.c_cflag, h.c_lflag };
        memset(g, 0, gsize);
        for (int i = 0; i < 4; i++)
            abi_put(g, fl[i], abi_flags_to_guest(gg[i], hv[i]));
        ABI_PUT(g, termio, c_line, h.c_line);
        uint8_t *cc = g + ABI_OFF(termio, c_cc);
        for (int i = 0; i < 8; i++) {
            int64_t gi = abi_value_to_guest(GG_cc, i);
            if (gi != ABI_UNDEF && gi >= 0 && (size_t)gi < abi_field_size(GF_termio_c_cc))
                cc[gi] = h.c_cc[i];
        }
        return copy_to_guest(arg, g, gsize) < 0 ? -EFAULT : r; /* the guest's image */
    }
    if (copy_from_guest(g, arg, gsize) < 0)
        return -EFAULT;
    memset(&h, 0, sizeof h);
    uint16_t *hv[4] = { &h.c_iflag, &h.c_oflag, &h.c_cflag, &h.c_lflag };
    for (int i = 0; i < 4; i++)
        *hv[i] = (uint16_t)abi_flags_to_host(gg[i], (uint32_t)abi_get(g, fl[i]));
    h.c_line = (uint8_t)ABI_GET(g, termio, c_line);
    const uint8_t *cc = g + ABI_OFF(termio, c_cc);
    for (size_t i = 0; i < abi_field_size(GF_termio_c_cc); i++) {
        int64_t hi = abi_value_to_host(GG_cc, (int64_t)i);
        if (hi != ABI_UNDEF && hi >= 0 && hi < 8)
            h.c_cc[hi] = cc[i];
    }
    return host_ioctl(fd, cmd, (long)&h);
}
static long ioctl_conv_TCGETA(int fd, uint32_t cmd, uint32_t arg) { return termio_ioctl(fd, cmd, arg, true); }
static long ioctl_conv_TCSETA(int fd, uint32_t cmd, uint32_t arg) { return termio_ioctl(fd, cmd, arg, false); }
#define ioctl_conv_TCSETAW ioctl_conv_TCSETA
#define ioctl_conv_TCSETAF ioctl_conv_TCSETA

/* struct winsize: four unsigned shorts, by the target's layout. */
static long ioctl_conv_TIOCGWINSZ(int fd, uint32_t cmd, uint32_t arg)
{
    struct winsize w;
    if (!guest_ok_write(arg, (uint32_t)ABI_SIZE(winsize)))
        return -EFAULT;
    long r = host_ioctl(fd, cmd, (long)&w);
    if (r < 0)
        return r;
    uint8_t *g = g2h(arg);
    ABI_PUT(g, winsize, ws_row, w.ws_row);
    ABI_PUT(g, winsize, ws_col, w.ws_col);
    ABI_PUT(g, winsize, ws_xpixel, w.ws_xpixel);
    ABI_PUT(g, winsize, ws_ypixel, w.ws_ypixel);
    return r;
}

static long ioctl_conv_TIOCSWINSZ(int fd, uint32_t cmd, uint32_t arg)
{
    if (!guest_ok_read(arg, (uint32_t)ABI_SIZE(winsize)))
        return -EFAULT;
    const uint8_t *g = g2h(arg);
    struct winsize w = { (unsigned short)ABI_GET(g, winsize, ws_row),
                         (unsigned short)ABI_GET(g, winsize, ws_col),
                         (unsigned short)ABI_GET(g, winsize, ws_xpixel),
                         (unsigned short)ABI_GET(g, winsize, ws_ypixel) };
    return host_ioctl(fd, cmd, (long)&w);
}

/* ---- the table ---- */

/* The converter of a CONV entry, NULL for the others.  (The name is pasted
   in IOCTL itself: request names like FIONREAD are also host macros, which
   must not expand.) */
#define CONV_OF_CONV(fn) fn
#define CONV_OF_OTHER(fn) NULL
#define CONV_KIND_CONV CONV
#define CONV_KIND_NONE OTHER
#define CONV_KIND_INT OTHER
#define CONV_KIND_R8 OTHER
#define CONV_KIND_W8 OTHER
#define CONV_KIND_RW8 OTHER
#define CONV_KIND_R16 OTHER
#define CONV_KIND_W16 OTHER
#define CONV_KIND_RW16 OTHER
#define CONV_KIND_R32 OTHER
#define CONV_KIND_W32 OTHER
#define CONV_KIND_RW32 OTHER
#define CONV_KIND_R64 OTHER
#define CONV_KIND_W64 OTHER
#define CONV_KIND_RW64 OTHER
#define CONV_PICK(k, fn) CONV_PICK_(CONV_KIND_##k, fn)
#define CONV_PICK_(c, fn) CONV_PICK__(c, fn)
#define CONV_PICK__(c, fn) CONV_OF_##c(fn)

static const IoctlDef ioctl_defs[] = {
#define IOCTL(name_, h_, kind_, size_)                                                             \
    {.name = #name_,                                                                               \
     .gc = GC_##name_,                                                                             \
     .host_cmd = h_,                                                                               \
     .kind = IOC_##kind_,                                                                          \
     .size = size_,                                                                                \
     .conv = CONV_PICK(kind_, ioctl_conv_##name_)},
#include "linux-user/ioctls.h"
#undef IOCTL
};
#define N_IOCTLS (sizeof ioctl_defs / sizeof ioctl_defs[0])

static const IoctlDef *ioctl_find(uint32_t cmd)
{
    for (size_t i = 0; i < N_IOCTLS; i++)
        if (abi_const(ioctl_defs[i].gc) == (int64_t)cmd)
            return &ioctl_defs[i];
    return NULL;
}

/* A same-layout argument of `size` bytes whose elements are `elem` bytes
   wide, on a guest of the other byte order: through a host copy with each
   element swapped both ways. */
static long ioctl_swapped(int fd, const IoctlDef *d, uint32_t arg, int elem, bool in, bool out)
{
    uint8_t buf[64];
    if (d->size > sizeof buf)
        return -EINVAL;
    memset(buf, 0, sizeof buf);
    uint8_t fields[33];
    int n = d->size / elem;
    for (int i = 0; i < n && i < 32; i++)
        fields[i] = (uint8_t)elem;
    fields[n < 32 ? n : 32] = 0;
    if (in) {
        memcpy(buf, g2h(arg), d->size);
        swap_fixed_fields(buf, fields, d->size);
    }
    long r = host_ioctl(fd, d->host_cmd, (long)buf);
    if (r >= 0 && out) {
        swap_fixed_fields(buf, fields, d->size);
        memcpy(g2h(arg), buf, d->size); /* the guest's image */
    }
    return r;
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
    /* The kernel looks up the fd before anything else: a bad fd, one of
       mimic's, or an O_PATH fd (which ioctl cannot use) is EBADF. */
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || (fl & O_PATH) || host_fd_is_mimic(fd))
        return -EBADF;
    const IoctlDef *d = ioctl_find(a[1]);
    if (!d) {
        log_unimp_once(0xfe000000u ^ a[1], "unsupported ioctl 0x%x on fd %d", a[1], fd);
        return -ENOTTY;
    }
    static const struct { uint8_t elem; bool in, out; } mem[] = {
        [IOC_R8] = { 1, true, false },  [IOC_W8] = { 1, false, true },  [IOC_RW8] = { 1, true, true },
        [IOC_R16] = { 2, true, false }, [IOC_W16] = { 2, false, true }, [IOC_RW16] = { 2, true, true },
        [IOC_R32] = { 4, true, false }, [IOC_W32] = { 4, false, true }, [IOC_RW32] = { 4, true, true },
        [IOC_R64] = { 8, true, false }, [IOC_W64] = { 8, false, true }, [IOC_RW64] = { 8, true, true },
    };
    switch (d->kind) {
    case IOC_NONE:
        return host_ioctl(fd, d->host_cmd, 0);
    case IOC_INT:
        return host_ioctl(fd, d->host_cmd, (long)arg);
    case IOC_CONV:
        return d->conv(fd, d->host_cmd, arg);
    default: {
        bool in = mem[d->kind].in, out = mem[d->kind].out;
        if ((in && !guest_ok_read(arg, d->size)) || (out && !guest_ok_write(arg, d->size)))
            return -EFAULT;
        if (guest_bswap && mem[d->kind].elem > 1)
            return ioctl_swapped(fd, d, arg, mem[d->kind].elem, in, out);
        /* Same layout and byte order: the kernel uses guest memory in place. */
        return host_ioctl(fd, d->host_cmd, (long)g2h(arg));
    }
    }
}
