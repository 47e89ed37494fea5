/*
 * Syscall dispatch: guest number -> generic id (per-target table) -> handler.
 *
 * The handlers live by concern in syscall-file.c, syscall-mem.c,
 * syscall-time.c and syscall-proc.c; the list of them, with their strace
 * formats, is linux-user/syscall-ids.h.  This file also holds the helpers
 * they share (guest pointer checks, paths, 64-bit argument pairs, flags).
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "linux-user/abi-conv.h"
#include "linux-user/syscall-priv.h"
#include "syscall-tables/tables.h"
#include "tcg/tcg.h"
#include "include/forklocks.h"

const SyscallDef syscall_defs[SC_COUNT] = {
#define SYSCALL(name_, nargs_, ret_, fmt_) \
    [SC_##name_] = { .name = #name_, .nargs = nargs_, .ret = ret_[0], .fmt = fmt_, .fn = sys_##name_ },
#include "linux-user/syscall-ids.h"
#undef SYSCALL
};

int syscall_id_by_name(const char *name)
{
    for (int i = 0; i < SC_COUNT; i++)
        if (strcmp(syscall_defs[i].name, name) == 0)
            return i;
    return -1;
}

bool strace_on(void) { return opt.strace || (opt.log_mask & LOG_STRACE); }
bool unimp_on(void) { return opt.strace || (opt.log_mask & (LOG_UNIMP | LOG_STRACE)); }
FILE *log_out(void) { return log_fp ? log_fp : stderr; }

/* Keys already reported (a small open-addressed set; when full, report
   again rather than lose a message). */
#define UNIMP_SLOTS 256
static uint32_t unimp_seen[UNIMP_SLOTS];
static bool unimp_used[UNIMP_SLOTS];

static FORK_LOCK pthread_mutex_t unimp_lock = PTHREAD_MUTEX_INITIALIZER;
/* fork: taken across it (innermost: registered early, prepared late). */
static void unimp_fork_prepare(void) { pthread_mutex_lock(&unimp_lock); }
static void unimp_fork_parent(void) { pthread_mutex_unlock(&unimp_lock); }
static void unimp_fork_child(void) { pthread_mutex_init(&unimp_lock, NULL); }
__attribute__((constructor(102))) static void unimp_fork_init(void)
{
    pthread_atfork(unimp_fork_prepare, unimp_fork_parent, unimp_fork_child);
}

void log_unimp_once(uint32_t key, const char *fmt, ...)
{
    if (!unimp_on() || !fmt) /* (!fmt: quiets a GCC false positive under -fsanitize) */
        return;
    unsigned h = (key * 2654435761u) % UNIMP_SLOTS;
    pthread_mutex_lock(&unimp_lock);
    for (int n = 0; n < UNIMP_SLOTS; n++, h = (h + 1) % UNIMP_SLOTS) {
        if (!unimp_used[h]) {
            unimp_used[h] = true;
            unimp_seen[h] = key;
            break;
        }
        if (unimp_seen[h] == key) {
            pthread_mutex_unlock(&unimp_lock);
            return;
        }
    }
    pthread_mutex_unlock(&unimp_lock);
    FILE *f = log_out();
    va_list ap;
    va_start(ap, fmt);
    fputs("mimic: ", f);
    vfprintf(f, fmt, ap);
    fputc('\n', f);
    va_end(ap);
    fflush(f);
}

/* The kernel's name for nr, or NULL. */
static const char *syscall_name(uint32_t nr)
{
    return syscall_table_name(target->syscalls, nr);
}

/*
 * Syscalls whose first argument is an fd that the kernel looks up before it
 * touches user memory: when a handler finds a bad guest pointer (-EFAULT),
 * the guest gets what the kernel would have said about the fd first.
 * Only the error path pays for this.
 */
enum { FDK_NONE, FDK_ANY, FDK_READ, FDK_WRITE, FDK_SOCK };
static const uint8_t fd_first[SC_COUNT] = {
    [SC_read] = FDK_READ, [SC_pread64] = FDK_READ,
    [SC_write] = FDK_WRITE, [SC_pwrite64] = FDK_WRITE,
    [SC_readv] = FDK_ANY, [SC_writev] = FDK_ANY, [SC_preadv] = FDK_ANY, [SC_pwritev] = FDK_ANY,
    [SC_preadv2] = FDK_ANY, [SC_pwritev2] = FDK_ANY,
    [SC__llseek] = FDK_ANY, [SC_getdents] = FDK_ANY, [SC_getdents64] = FDK_ANY,
    [SC_fstat64] = FDK_ANY, [SC_fstatfs64] = FDK_ANY, [SC_fstatfs] = FDK_ANY,
    [SC_epoll_wait] = FDK_ANY, [SC_epoll_pwait] = FDK_ANY, [SC_epoll_pwait2] = FDK_ANY,
    [SC_timerfd_gettime] = FDK_ANY, [SC_timerfd_gettime64] = FDK_ANY,
    [SC_bind] = FDK_SOCK, [SC_connect] = FDK_SOCK, [SC_accept] = FDK_SOCK,
    [SC_accept4] = FDK_SOCK, [SC_getsockname] = FDK_SOCK, [SC_getpeername] = FDK_SOCK,
    [SC_sendto] = FDK_SOCK, [SC_send] = FDK_SOCK, [SC_recvfrom] = FDK_SOCK, [SC_recv] = FDK_SOCK,
    [SC_sendmsg] = FDK_SOCK, [SC_recvmsg] = FDK_SOCK, [SC_sendmmsg] = FDK_SOCK,
    [SC_recvmmsg] = FDK_SOCK, [SC_recvmmsg_time64] = FDK_SOCK,
    [SC_getsockopt] = FDK_SOCK, [SC_setsockopt] = FDK_SOCK,
};

/* The kernel's error for fd used as kind, or 0 if it would get past it. */
static long fd_error(int fd, int kind)
{
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || (fl & O_PATH) || host_fd_is_mimic(fd))
        return -EBADF;
    if ((kind == FDK_READ && (fl & O_ACCMODE) == O_WRONLY) ||
        (kind == FDK_WRITE && (fl & O_ACCMODE) == O_RDONLY))
        return -EBADF;
    struct stat st;
    if (kind == FDK_SOCK && fstat(fd, &st) == 0 && !S_ISSOCK(st.st_mode))
        return -ENOTSOCK;
    if (kind == FDK_READ && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
        return -EISDIR;
    return 0;
}

long do_syscall(CPUCommon *env, uint32_t nr, const uint32_t a[6])
{
    const TargetOps *t = target;
    uint32_t ret;

    if (t->arch_syscall && t->arch_syscall(env, nr, a, &ret)) {
        if (strace_on()) {
            const char *n = syscall_name(nr);
            char tmp[24];
            if (!n) {
                snprintf(tmp, sizeof tmp, "syscall_%u", nr);
                n = tmp;
            }
            strace_enter(n, "xxx", 3, a);
            strace_exit('d', (long)(int32_t)ret);
        }
        return (long)(int32_t)ret;
    }

    int id = syscall_table_id(t->syscalls, nr);
    if (id < 0 || id >= SC_COUNT) {
        /* Key space of log_unimp_once: syscall numbers as they are. */
        const char *n = syscall_name(nr);
        log_unimp_once(nr, "unsupported syscall %u (%s)", nr, n ? n : "unknown");
        if (strace_on())
            strace_unknown(nr, syscall_name(nr), a);
        return -errno_to_guest(ENOSYS);
    }

    const SyscallDef *d = &syscall_defs[id];
    bool tr = strace_on();
    if (tr) {
        const char *n = syscall_name(nr);
        strace_enter(n ? n : d->name, d->fmt, d->nargs, a);
    }
    long r = d->fn(env, a);
    if (r == -EFAULT && fd_first[id] != FDK_NONE) {
        long e = fd_error((int)a[0], fd_first[id]);
        if (e)
            r = e;
    }
    if (tr)
        strace_exit(d->ret, r);
    /* Handlers speak host errno; the guest gets its own numbers (EINTR and
       the internal ERESTARTNOINTR, which handle_syscall looks at, are the
       same everywhere; SYSCALL_REGS_RESTORED is out of this range). */
    if (r < 0 && r >= -4095)
        r = -errno_to_guest((int)-r);
    return r;
}

/* ---- helpers shared by the handlers ---- */

bool guest_ok_read(uint32_t addr, uint32_t len)
{
    if (len == 0)
        return true;
    if ((uint64_t)addr + len > (1ull << 32))
        return false;
    return guest_range_ok(addr, len, PAGE_VALID | PAGE_READ);
}

bool guest_ok_write(uint32_t addr, uint32_t len)
{
    /* guest_range_ok with PAGE_WRITE also makes code-protected pages
       host-writable (invalidating their TBs). */
    if (len == 0)
        return true;
    if ((uint64_t)addr + len > (1ull << 32))
        return false;
    return guest_range_ok(addr, len, PAGE_VALID | PAGE_WRITE);
}

long get_user_u32s(uint32_t *dst, uint32_t addr, size_t n)
{
    if (n > UINT32_MAX / 4 || !guest_ok_read(addr, (uint32_t)(n * 4)))
        return -EFAULT;
    for (size_t i = 0; i < n; i++)
        dst[i] = get_guest_u32(addr + 4 * (uint32_t)i);
    return 0;
}

long put_user_u32s(uint32_t addr, const uint32_t *src, size_t n)
{
    if (n > UINT32_MAX / 4 || !guest_ok_write(addr, (uint32_t)(n * 4)))
        return -EFAULT;
    for (size_t i = 0; i < n; i++)
        put_guest_u32(addr + 4 * (uint32_t)i, src[i]);
    return 0;
}

void swap_fixed_fields(void *buf, const uint8_t *sizes, size_t len)
{
    if (!guest_bswap)
        return;
    uint8_t *p = buf;
    for (size_t off = 0; *sizes; off += *sizes++) {
        if (off + *sizes > len)
            return;
        uint8_t *f = p + off;
        for (int i = 0, j = *sizes - 1; i < j; i++, j--) { /* reverse the field's bytes */
            uint8_t t = f[i];
            f[i] = f[j];
            f[j] = t;
        }
    }
}

long get_user_sigset(uint32_t addr, uint64_t *set)
{
    uint32_t w[2];
    if (get_user_u32s(w, addr, 2) < 0)
        return -EFAULT;
    *set = sigset_to_host(w[0] | (uint64_t)w[1] << 32);
    return 0;
}

long put_user_sigset(uint32_t addr, uint64_t set)
{
    set = sigset_to_guest(set);
    const uint32_t w[2] = { (uint32_t)set, (uint32_t)(set >> 32) };
    return put_user_u32s(addr, w, 2);
}

long guest_iovec(struct iovec *iov, uint32_t addr, uint32_t cnt, bool to_guest)
{
    uint32_t g[2 * GUEST_IOV_MAX];
    if (cnt > GUEST_IOV_MAX)
        return -EINVAL;
    /* struct iovec of a 32-bit guest: { void *base; size_t len; }. */
    if (get_user_u32s(g, addr, (size_t)cnt * 2) < 0)
        return -EFAULT;
    for (uint32_t i = 0; i < cnt; i++) {
        uint32_t base = g[2 * i], len = g[2 * i + 1];
        if (len > INT32_MAX)
            return -EINVAL;
        if (!(to_guest ? guest_ok_write(base, len) : guest_ok_read(base, len)))
            return -EFAULT;
        iov[i].iov_base = g2h(base);
        iov[i].iov_len = len;
    }
    return 0;
}

long iov_bounce_start(IovBounce *b, struct iovec *iov, size_t *cnt)
{
    b->orig = NULL;
    b->buf = NULL;
    size_t total = 0;
    bool code = false;
    for (size_t i = 0; i < *cnt; i++) {
        total += iov[i].iov_len;
        if (iov[i].iov_len && page_range_may_hold_code(h2g(iov[i].iov_base), iov[i].iov_len))
            code = true;
    }
    if (!code)
        return 0;
    b->orig = malloc(*cnt * sizeof *iov);
    b->buf = malloc(total ? total : 1);
    if (!b->orig || !b->buf) {
        free(b->orig);
        free(b->buf);
        b->orig = NULL;
        return -ENOMEM;
    }
    memcpy(b->orig, iov, *cnt * sizeof *iov);
    b->cnt = *cnt;
    iov[0].iov_base = b->buf;
    iov[0].iov_len = total;
    *cnt = 1;
    return 0;
}

long iov_bounce_end(IovBounce *b, long r)
{
    if (!b->orig)
        return r;
    const uint8_t *src = b->buf;
    for (size_t i = 0, left = r > 0 ? (size_t)r : 0; i < b->cnt && left; i++) {
        size_t n = b->orig[i].iov_len < left ? b->orig[i].iov_len : left;
        if (copy_to_guest(h2g(b->orig[i].iov_base), src, n) < 0)
            r = -EFAULT;
        src += n;
        left -= n;
    }
    free(b->orig);
    free(b->buf);
    b->orig = NULL;
    return r;
}

uint32_t guest_prefix(uint32_t addr, uint32_t len, bool write)
{
    int need = PAGE_VALID | (write ? PAGE_WRITE : PAGE_READ);
    uint64_t end = (uint64_t)addr + len, p = addr;
    if (end > (1ull << 32))
        end = 1ull << 32;
    while (p < end && (page_get_flags((uint32_t)p) & need) == need)
        p = (p | (GUEST_PAGE_SIZE - 1)) + 1;
    uint32_t n = (uint32_t)((p < end ? p : end) - addr);
    if (write && n)
        guest_range_ok(addr, n, need); /* makes code-protected pages writable */
    return n;
}

/* /proc/self/exe and /proc/<our pid>/exe name the guest program, not mimic. */
bool is_proc_self_exe(const char *p)
{
    char mine[32];
    if (strncmp(p, "/proc/", 6) != 0)
        return false;
    snprintf(mine, sizeof mine, "/proc/%d/exe", (int)getpid());
    return strcmp(p, "/proc/self/exe") == 0 || strcmp(p, mine) == 0;
}

long get_path_at(GuestPath *gp, uint32_t dirfd, uint32_t addr, bool follow)
{
    long len = guest_strlen(addr, PATH_MAX);
    if (len < 0)
        return len; /* -EFAULT, or -ENAMETOOLONG without a NUL */
    if (len >= PATH_MAX)
        return -ENAMETOOLONG;
    if (copy_from_guest(gp->raw, addr, (size_t)len + 1) < 0)
        return -EFAULT;
    gp->raw[len] = 0;
    if (image.exec_path && is_proc_self_exe(gp->raw))
        gp->p = image.exec_path; /* open, stat, access... see the guest binary */
    else if (!(gp->p = guest_path_at((int)dirfd, gp->raw, gp->buf, sizeof gp->buf, follow)))
        return -errno;
    return 0;
}

long get_path(GuestPath *gp, uint32_t addr)
{
    return get_path_at(gp, (uint32_t)AT_FDCWD, addr, false);
}

int regpair(int i)
{
    /* ARM EABI and 32-bit PPC pass 64-bit values in even/odd pairs. */
    if (target->regpair_aligned)
        return (i + 1) & ~1;
    return i;
}

uint64_t arg64(const uint32_t *a, int i)
{
    i = regpair(i);
    if (i > 4)
        return 0;
    if (target->big_endian)
        return (uint64_t)a[i] << 32 | a[i + 1];
    return (uint64_t)a[i + 1] << 32 | a[i];
}

/* Open flags by name (the ABI's `open` flag group: ARM's O_DIRECTORY,
   O_NOFOLLOW, O_DIRECT and O_LARGEFILE, PowerPC's and SPARC's differ from
   x86-64's). */
int open_flags_to_host(uint32_t f) { return (int)abi_flags_to_host(GG_open, f); }

uint32_t open_flags_to_guest(int f) { return abi_flags_to_guest(GG_open, (uint32_t)f); }
