/*
 * signalfd / signalfd4 for the guest's signals.
 *
 * The guest's signals never reach the host kernel as host signals the
 * guest blocked (mimic blocks nothing on the host; it queues guest signals
 * itself: signal-queue.c), so a host signalfd would stay silent.  Instead a
 * guest signalfd is a host eventfd that stands for "a signal of my mask is
 * pending":
 *   - the signal queue calls signalfd_sync_locked after every change, which
 *     makes each eventfd readable (counter 1) exactly while a signal of its
 *     mask is pending, so poll/select/epoll on it work as with the kernel;
 *   - read(2) on it (sys_read) comes here: it dequeues pending signals of
 *     the mask and returns them as struct signalfd_siginfo (128 bytes, the
 *     same layout for every architecture); it blocks (unless O_NONBLOCK)
 *     until one is pending, and fails with EINTR when a signal with a
 *     handler arrives meanwhile (restarted under SA_RESTART).
 * Pending means this thread's set or the process's, as for the kernel's
 * reader.  As with the kernel, the signals must be blocked or they are
 * delivered normally instead.
 *
 * Limits: up to MAX_SIGNALFDS at once; a dup() of a signalfd reads as the
 * eventfd it is (only the original number is recognised); readv/pread on it
 * are not intercepted; a signalfd closed by close_range whose number is
 * then reused for another eventfd is not told apart from it (any other
 * kind of file is: fstat).  After fork the child gets fresh eventfds on the
 * same numbers, so parent and child see their own signals.
 */
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "linux-user/signal-priv.h"

#define MAX_SIGNALFDS 64

typedef struct SignalFd {
    int fd;        /* the host eventfd, = the guest's fd number; -1 if free */
    uint64_t mask; /* bit sig-1 */
    bool armed;    /* the eventfd is readable */
    dev_t dev;     /* what fstat said at creation: a number closed behind */
    ino_t ino;     /*   our back (close_range) and reused is recognised */
} SignalFd;

static SignalFd sfds[MAX_SIGNALFDS] = {[0 ... MAX_SIGNALFDS - 1] = {.fd = -1}};
int signalfd_count;

/* ---- readiness (signal queue lock held) ---- */

/* The fd number still names an eventfd (the guest may have closed it with
   close_range, which mimic does not follow, and reused the number for a
   pipe or a file: never write into those).  If not, forget the entry. */
static bool still_ours(SignalFd *s)
{
    struct stat st;
    if (fstat(s->fd, &st) == 0 && st.st_dev == s->dev && st.st_ino == s->ino)
        return true;
    s->fd = -1;
    s->armed = false;
    __atomic_sub_fetch(&signalfd_count, 1, __ATOMIC_RELAXED);
    return false;
}

static void arm(SignalFd *s, bool on)
{
    if (on == s->armed || !still_ours(s))
        return;
    if (on) {
        uint64_t one = 1;
        if (write(s->fd, &one, 8) != 8) {
            /* cannot fail for a counter of at most 1 */
        }
    } else {
        /* Drain without blocking (the guest may have cleared O_NONBLOCK):
           only mimic reads this eventfd, so readable means read succeeds. */
        struct pollfd p = {.fd = s->fd, .events = POLLIN};
        uint64_t v;
        if (poll(&p, 1, 0) == 1 && (p.revents & POLLIN) && read(s->fd, &v, 8) != 8) {
            /* nothing to do */
        }
    }
    s->armed = on;
}

void signalfd_sync_locked(uint64_t pending)
{
    for (int i = 0; i < MAX_SIGNALFDS; i++)
        if (sfds[i].fd >= 0)
            arm(&sfds[i], (pending & sfds[i].mask) != 0);
}

static SignalFd *find(int fd)
{
    if (fd < 0)
        return NULL;
    for (int i = 0; i < MAX_SIGNALFDS; i++)
        if (sfds[i].fd == fd)
            return still_ours(&sfds[i]) ? &sfds[i] : NULL;
    return NULL;
}

bool signalfd_is(int fd)
{
    if (!__atomic_load_n(&signalfd_count, __ATOMIC_RELAXED))
        return false;
    sigset_t old;
    sigqueue_lock(&old);
    bool r = find(fd) != NULL;
    sigqueue_unlock(&old);
    return r;
}

void signalfd_forget(int fd)
{
    if (!__atomic_load_n(&signalfd_count, __ATOMIC_RELAXED))
        return;
    sigset_t old;
    sigqueue_lock(&old);
    SignalFd *s = find(fd);
    if (s) {
        s->fd = -1;
        s->armed = false;
        __atomic_sub_fetch(&signalfd_count, 1, __ATOMIC_RELAXED);
    }
    sigqueue_unlock(&old);
}

/* ---- the syscalls ---- */

/* flags: SFD_CLOEXEC and SFD_NONBLOCK, which are the target's O_CLOEXEC and
   O_NONBLOCK (translated as open flags). */
static long do_signalfd(int fd, uint32_t mask_addr, uint32_t size, uint32_t gflags)
{
    if (gflags & ~(uint32_t)(ABI_C(O_CLOEXEC) | ABI_C(O_NONBLOCK)))
        return -EINVAL;
    int flags = open_flags_to_host(gflags);
    if (size != 8)
        return -EINVAL;
    uint64_t mask;
    if (get_user_sigset(mask_addr, &mask) < 0)
        return -EFAULT;
    mask &= ~SIG_UNBLOCKABLE;

    sigset_t old;
    if (fd != -1) {
        /* Change the mask of an existing signalfd. */
        sigqueue_lock(&old);
        SignalFd *s = find(fd);
        if (s) {
            s->mask = mask;
            arm(s, (sigqueue_pending_locked() & mask) != 0);
        }
        sigqueue_unlock(&old);
        if (s)
            return fd;
        return fcntl(fd, F_GETFD) < 0 ? -EBADF : -EINVAL;
    }
    int hflags = ((flags & O_CLOEXEC) ? EFD_CLOEXEC : 0) | ((flags & O_NONBLOCK) ? EFD_NONBLOCK : 0);
    int efd = eventfd(0, hflags);
    if (efd < 0)
        return -errno;
    sigqueue_lock(&old);
    SignalFd *s = NULL;
    for (int i = 0; i < MAX_SIGNALFDS && !s; i++)
        if (sfds[i].fd < 0)
            s = &sfds[i];
    struct stat st;
    if (s && fstat(efd, &st) < 0)
        s = NULL;
    if (s) {
        sigqueue_sync_hook = signalfd_sync_locked;
        *s = (SignalFd){
            .fd = efd, .mask = mask, .armed = false, .dev = st.st_dev, .ino = st.st_ino};
        __atomic_add_fetch(&signalfd_count, 1, __ATOMIC_RELAXED);
        arm(s, (sigqueue_pending_locked() & mask) != 0);
    }
    sigqueue_unlock(&old);
    if (!s) {
        close(efd);
        log_unimp_once(0xf6000000u, "more than %d signalfds", MAX_SIGNALFDS);
        return -EMFILE;
    }
    return efd;
}

long sys_signalfd4(CPUCommon *env, const uint32_t *a)
{
    return do_signalfd((int)a[0], a[1], a[2], a[3]);
}

long sys_signalfd(CPUCommon *env, const uint32_t *a)
{
    return do_signalfd((int)a[0], a[1], a[2], 0);
}

/* struct signalfd_siginfo: 128 bytes, the same on every architecture. */
typedef struct GuestSignalfdSiginfo {
    uint32_t signo;
    int32_t errno_, code;
    uint32_t pid, uid;
    int32_t fd;
    uint32_t tid, band, overrun, trapno;
    int32_t status, int_;
    uint64_t ptr, utime, stime, addr;
    uint16_t addr_lsb, pad2;
    int32_t syscall;
    uint64_t call_addr;
    uint32_t arch;
    uint8_t pad[28];
} GuestSignalfdSiginfo;
_Static_assert(sizeof(GuestSignalfdSiginfo) == 128, "signalfd_siginfo");
/* Its fields' sizes, for the guest's byte order (swap_fixed_fields). */
static const uint8_t sfd_fields[] = { 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 8, 8, 8, 8, 2, 2, 4, 8, 4, 0 };

static bool is_fault(int sig)
{
    return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP;
}

/* The kernel's signalfd_copyinfo, from the word layout of GuestSiginfo. */
static void to_sfd_info(GuestSignalfdSiginfo *o, const GuestSiginfo *in)
{
    memset(o, 0, sizeof *o);
    int sig = in->signo;
    o->signo = (uint32_t)sig;
    o->errno_ = in->errno_;
    o->code = in->code;
    if (in->code > 0 && sig == SIGCHLD) {
        o->pid = in->f[0];
        o->uid = in->f[1];
        o->status = (int32_t)in->f[2];
        o->utime = in->f[3];
        o->stime = in->f[4];
    } else if (in->code > 0 && sig == SIGPOLL) {
        o->band = in->f[0];
        o->fd = (int32_t)in->f[1];
    } else if (in->code > 0 && is_fault(sig)) {
        o->addr = in->f[0];
    } else if (in->code == SI_TIMER) {
        o->tid = in->f[0];
        o->overrun = in->f[1];
        o->ptr = in->f[2];
        o->int_ = (int32_t)in->f[2];
    } else {
        o->pid = in->f[0];
        o->uid = in->f[1];
        if (in->code == SI_QUEUE || in->code == SI_MESGQ || in->code == SI_ASYNCIO ||
            in->code < 0) {
            o->ptr = in->f[2];
            o->int_ = (int32_t)in->f[2];
        }
    }
}

long signalfd_read(int fd, uint32_t buf, uint32_t count)
{
    if (count < sizeof(GuestSignalfdSiginfo))
        return -EINVAL;
    if (!guest_ok_write(buf, sizeof(GuestSignalfdSiginfo)))
        return -EFAULT;
    uint32_t max = count / sizeof(GuestSignalfdSiginfo);
    int fl = fcntl(fd, F_GETFL);
    bool nonblock = fl >= 0 && (fl & O_NONBLOCK);
    uint32_t n = 0;
    for (;;) {
        sigset_t old;
        sigqueue_lock(&old);
        SignalFd *s = find(fd);
        uint64_t mask = s ? s->mask : 0;
        sigqueue_unlock(&old);
        if (!s)
            return -EBADF;
        GuestSiginfo info;
        while (n < max) {
            uint32_t at = buf + n * (uint32_t)sizeof(GuestSignalfdSiginfo);
            if (!guest_ok_write(at, sizeof(GuestSignalfdSiginfo)))
                break;
            int sig = sigqueue_take(mask, &info);
            if (!sig)
                break;
            GuestSignalfdSiginfo o;
            to_sfd_info(&o, &info);
            /* The guest's numbers, then its byte order: now a guest-format
               byte image. */
            if (o.code > CLD_EXITED && o.code <= CLD_CONTINUED && (int)o.signo == SIGCHLD)
                o.status = signal_to_guest(o.status);
            o.signo = (uint32_t)signal_to_guest((int)o.signo);
            if (o.errno_ > 0)
                o.errno_ = errno_to_guest(o.errno_);
            swap_fixed_fields(&o, sfd_fields, sizeof o);
            copy_to_guest(at, &o, sizeof o);
            n++;
        }
        if (n)
            return (long)n * (long)sizeof(GuestSignalfdSiginfo);
        /* Nothing for this thread: the fd may have been made readable by a
           signal pending for another thread only; show this reader's view
           (or a level-triggered poll in this thread would spin). */
        sigqueue_lock(&old);
        if ((s = find(fd)) != NULL)
            arm(s, (sigqueue_pending_locked() & s->mask) != 0);
        sigqueue_unlock(&old);
        if (nonblock)
            return -EAGAIN;
        /* Sleep until a signal of the mask is pending, or one with a
           handler (then EINTR: handle_syscall runs it, and restarts the
           read under SA_RESTART). */
        signal_wait(mask, NULL);
        if (!(sigqueue_pending() & mask))
            return -EINTR;
    }
}

/* fork: the child's signalfds report the child's signals, so each gets a
   fresh eventfd on the same number (flags kept). */
static void signalfd_fork_child(void)
{
    for (int i = 0; i < MAX_SIGNALFDS; i++) {
        SignalFd *s = &sfds[i];
        if (s->fd < 0 || !still_ours(s))
            continue;
        int fdfl = fcntl(s->fd, F_GETFD), fl = fcntl(s->fd, F_GETFL);
        int nfd = eventfd(0, 0);
        if (nfd < 0 || dup3(nfd, s->fd, (fdfl & FD_CLOEXEC) ? O_CLOEXEC : 0) < 0) {
            if (nfd >= 0)
                close(nfd);
            continue;
        }
        close(nfd);
        fcntl(s->fd, F_SETFL, fl);
        s->armed = false;
        struct stat st;
        if (fstat(s->fd, &st) == 0) {
            s->dev = st.st_dev;
            s->ino = st.st_ino;
        }
    }
}

__attribute__((constructor)) static void signalfd_init(void)
{
    pthread_atfork(NULL, NULL, signalfd_fork_child);
}
