/*
 * /proc/self/mem and process_vm_readv/writev on the guest's own process:
 * offsets and addresses are guest addresses, and only guest memory is
 * reachable.
 *
 * The host's /proc/self/mem takes host addresses, so handing it to the
 * guest would let it read mimic's ELF header at 0x400000 and rewrite
 * guest_base.  Instead the guest's fd is a placeholder (/dev/null, opened
 * with the guest's access mode), and read, write, pread64, pwrite64, lseek
 * and _llseek on it come here (syscall-file.c), keep the guest's position,
 * and go through mimic's own hidden fd of the host file at guest_base +
 * address, page by page, for guest pages that are mapped (PAGE_VALID): as
 * the kernel's, the access is "forced" (a read-only or PROT_NONE page is
 * read and written all the same), an unmapped page ends the transfer (EIO
 * if it is the first).  Writes invalidate translated code they change.
 * What does not come here (readv, sendfile, mmap, a dup mimic did not see)
 * meets the placeholder: end of file, EBADF for writes; never the host.
 *
 * Offsets are taken as a 32-bit kernel would: the address is the low 32
 * bits of a 64-bit offset that is below 4 GiB or a sign-extended negative
 * 32-bit one (lseek with a 32-bit off_t).
 */
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "linux-user/signal-priv.h"

#define MAX_MEMFDS 16

typedef struct MemFd {
    int fd; /* the guest's fd (the placeholder); -1: free */
    uint64_t pos;
} MemFd;

static MemFd memfds[MAX_MEMFDS] = {[0 ... MAX_MEMFDS - 1] = {.fd = -1}};
static int n_memfds;
static int host_mem = -1; /* mimic's own O_RDWR fd of /proc/self/mem */

static MemFd *find(int fd)
{
    if (!__atomic_load_n(&n_memfds, __ATOMIC_RELAXED) || fd < 0)
        return NULL;
    for (int i = 0; i < MAX_MEMFDS; i++)
        if (memfds[i].fd == fd)
            return &memfds[i];
    return NULL;
}

bool proc_mem_is(int fd) { return find(fd) != NULL; }

static long track(int fd)
{
    for (int i = 0; i < MAX_MEMFDS; i++)
        if (memfds[i].fd < 0) {
            memfds[i].fd = fd;
            memfds[i].pos = 0;
            __atomic_add_fetch(&n_memfds, 1, __ATOMIC_RELAXED);
            return fd;
        }
    close(fd);
    return -EMFILE;
}

static pthread_once_t host_mem_once = PTHREAD_ONCE_INIT;
static void host_mem_open(void)
{
    int fd = open("/proc/self/mem", O_RDWR | O_CLOEXEC);
    if (fd >= 0)
        host_mem = host_fd_hide(fd);
}

long proc_mem_open(int host_flags)
{
    pthread_once(&host_mem_once, host_mem_open);
    if (host_mem < 0)
        return -EACCES;
    int fd = open("/dev/null", (host_flags & (O_ACCMODE | O_CLOEXEC | O_NONBLOCK)));
    if (fd < 0)
        return -errno;
    return track(fd);
}

void proc_mem_forget(int fd)
{
    MemFd *m = find(fd);
    if (m) {
        m->fd = -1;
        __atomic_sub_fetch(&n_memfds, 1, __ATOMIC_RELAXED);
    }
}

void proc_mem_dup(int oldfd, long newfd)
{
    MemFd *m = find(oldfd);
    if (!m || newfd < 0 || newfd == oldfd)
        return;
    uint64_t pos = m->pos;
    proc_mem_forget((int)newfd);
    if (track((int)newfd) >= 0)
        find((int)newfd)->pos = pos;
}

/* The guest address an offset stands for; false if none. */
static bool offset_addr(uint64_t off, uint32_t *addr)
{
    if (off >> 32 && off >> 32 != 0xffffffffu)
        return false;
    *addr = (uint32_t)off;
    return true;
}

/* Copy len bytes between guest memory at addr (through the host file) and
   the guest buffer buf; returns the count or -EIO / -EFAULT. */
static long transfer(uint32_t addr, uint32_t buf, uint32_t len, bool write)
{
    uint8_t tmp[4096];
    uint64_t done = 0;
    while (done < len) {
        uint64_t a = (uint64_t)addr + done;
        if (a >> 32 || !(page_get_flags((uint32_t)a) & PAGE_VALID))
            break;
        uint64_t page_end = (a | (GUEST_PAGE_SIZE - 1)) + 1;
        uint32_t n = (uint32_t)(page_end - a);
        if (n > len - done)
            n = (uint32_t)(len - done);
        if (n > sizeof tmp)
            n = sizeof tmp;
        ssize_t r;
        if (write) {
            if (copy_from_guest(tmp, buf + (uint32_t)done, n) < 0)
                return done ? (long)done : -EFAULT;
            page_range_unprotect((uint32_t)a, n);
            r = pwrite(host_mem, tmp, n, (off_t)(guest_base + a));
            if (r > 0 && page_range_has_code((uint32_t)a, (uint64_t)r))
                page_invalidate_code((uint32_t)a, (uint32_t)a + (uint32_t)r);
        } else {
            r = pread(host_mem, tmp, n, (off_t)(guest_base + a));
            if (r > 0 && copy_to_guest(buf + (uint32_t)done, tmp, (size_t)r) < 0)
                return done ? (long)done : -EFAULT;
        }
        if (r <= 0)
            break;
        done += (uint64_t)r;
    }
    return done ? (long)done : -EIO;
}

long proc_mem_rw(int fd, uint32_t buf, uint32_t len, bool at, uint64_t off, bool write)
{
    MemFd *m = find(fd);
    if (!m)
        return -EBADF;
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || (write ? (fl & O_ACCMODE) == O_RDONLY : (fl & O_ACCMODE) == O_WRONLY))
        return -EBADF;
    if (len == 0)
        return 0;
    if (len > 0x7ffff000)
        len = 0x7ffff000;
    uint64_t pos = at ? off : m->pos;
    uint32_t addr;
    if (!offset_addr(pos, &addr))
        return -EIO;
    long r = transfer(addr, buf, len, write);
    if (r > 0 && !at)
        m->pos = pos + (uint64_t)r;
    return r;
}

long proc_mem_lseek(int fd, int64_t off, int whence, uint64_t *res)
{
    MemFd *m = find(fd);
    if (!m)
        return -EBADF;
    switch (whence) {
    case SEEK_SET: m->pos = (uint64_t)off; break;
    case SEEK_CUR: m->pos += (uint64_t)off; break;
    default: return -EINVAL;
    }
    *res = m->pos;
    return 0;
}

/* ---- process_vm_readv / process_vm_writev ---- */

#define VM_IOV_MAX 1024

/* The guest's iovec array (base, len pairs of 32-bit words). */
static long get_iov(uint32_t addr, uint32_t cnt, uint32_t (*v)[2])
{
    for (uint32_t i = 0; i < cnt; i++)
        if (get_user_u32(addr + 8 * i, &v[i][0]) < 0 || get_user_u32(addr + 8 * i + 4, &v[i][1]) < 0)
            return -EFAULT;
    return 0;
}

long proc_vm_rw(pid_t pid, uint32_t liov, uint32_t lcnt, uint32_t riov, uint32_t rcnt,
                uint32_t flags, bool write)
{
    if (flags)
        return -EINVAL;
    if (lcnt > VM_IOV_MAX || rcnt > VM_IOV_MAX)
        return -EINVAL;
    static __thread uint32_t l[VM_IOV_MAX][2], r[VM_IOV_MAX][2];
    if (get_iov(liov, lcnt, l) < 0 || get_iov(riov, rcnt, r) < 0)
        return -EFAULT;
    if (pid != getpid() && !signal_is_own_thread(pid)) {
        /* Another process: its addresses are its own business (a native
           process's are host addresses; another mimic's guest addresses
           are not, and cannot be reached from here). */
        struct iovec hl[VM_IOV_MAX], hr[VM_IOV_MAX];
        for (uint32_t i = 0; i < lcnt; i++) {
            if (!(write ? guest_ok_read(l[i][0], l[i][1]) : guest_ok_write(l[i][0], l[i][1])))
                return -EFAULT;
            hl[i].iov_base = g2h(l[i][0]);
            hl[i].iov_len = l[i][1];
        }
        for (uint32_t i = 0; i < rcnt; i++) {
            hr[i].iov_base = (void *)(uintptr_t)r[i][0];
            hr[i].iov_len = r[i][1];
        }
        ssize_t n = write ? process_vm_writev(pid, hl, lcnt, hr, rcnt, 0)
                          : process_vm_readv(pid, hl, lcnt, hr, rcnt, 0);
        return n < 0 ? -errno : (long)n;
    }
    /* This process: both sides are guest memory.  As the kernel, a fault
       on the local side is EFAULT, on the remote side the end (partial
       count, or EFAULT if nothing moved). */
    for (uint32_t i = 0; i < lcnt; i++)
        if (!(write ? guest_ok_read(l[i][0], l[i][1]) : guest_ok_write(l[i][0], l[i][1])))
            return -EFAULT;
    uint64_t total = 0;
    uint32_t li = 0, loff = 0;
    for (uint32_t ri = 0; ri < rcnt; ri++) {
        uint32_t roff = 0;
        while (roff < r[ri][1]) {
            while (li < lcnt && loff == l[li][1]) {
                li++;
                loff = 0;
            }
            if (li == lcnt)
                return (long)total;
            uint32_t n = r[ri][1] - roff;
            if (n > l[li][1] - loff)
                n = l[li][1] - loff;
            uint32_t ra = r[ri][0] + roff, la = l[li][0] + loff;
            bool ok = write ? guest_ok_write(ra, n) : guest_ok_read(ra, n);
            if (!ok)
                return total ? (long)total : -EFAULT;
            if (write)
                memmove(g2h(ra), g2h(la), n);
            else
                memmove(g2h(la), g2h(ra), n);
            roff += n;
            loff += n;
            total += n;
        }
    }
    return (long)total;
}
