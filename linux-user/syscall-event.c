/*
 * Event syscalls: epoll, eventfd, timerfd, inotify.  (poll, ppoll and
 * select live in syscall-file.c / syscall-fs.c.)
 *
 *   struct epoll_event   x86-64 and i386: packed, 12 bytes { u32 events;
 *                        u64 data; }; ARM EABI, PowerPC, SPARC: 16 bytes,
 *                        data at offset 8.  Converted by the target's layout
 *                        (epoll_event_to/from_guest), EPOLL* bits by name.
 *   itimerspec           two guest timespecs (32-bit or, for *_time64,
 *                        64-bit time): converted with get/put_timespec.
 *   eventfd counters, timerfd expirations (u64), inotify events (read with
 *                        read(); four u32 then the name): the same bytes,
 *                        swapped for a big-endian guest on read/write
 *                        (event_fd_after_read, event_fd_write below).
 *   EFD_/TFD_/IN_/EPOLL_ CLOEXEC and NONBLOCK flags are the target's
 *   O_CLOEXEC/O_NONBLOCK: translated as open flags.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "linux-user/abi-conv.h"
#include "linux-user/sigmask-wait.h"
#include "linux-user/syscall-priv.h"

#define FD(x) ((int)(x))

/* ---- byte order of what read()/write() carry (big-endian guests) ---- */

/* What each host fd is, for the fds whose read()/write() data has numbers
   in it (recorded only on a byte-swapped guest).  An fd past the table is
   not tracked (its numbers stay in host order). */
enum { EVK_NONE, EVK_COUNTER, EVK_INOTIFY };
#define EVK_MAX 65536
static uint8_t evk[EVK_MAX];

static long evk_note(long fd, uint8_t kind)
{
    if (guest_bswap && fd >= 0 && fd < EVK_MAX)
        evk[fd] = kind;
    return fd;
}

void event_fd_forget(int fd)
{
    if (fd >= 0 && fd < EVK_MAX)
        evk[fd] = EVK_NONE;
}

void event_fd_after_read(int fd, uint32_t buf, long n)
{
    if (!guest_bswap || fd < 0 || fd >= EVK_MAX || n <= 0)
        return;
    uint8_t *p = g2h(buf);
    if (evk[fd] == EVK_COUNTER) {
        for (long off = 0; off + 8 <= n; off += 8) {
            uint64_t v;
            memcpy(&v, p + off, 8);
            st_guest_u64(p + off, v);
        }
    } else if (evk[fd] == EVK_INOTIFY) {
        /* struct inotify_event { s32 wd; u32 mask, cookie, len; char name[len]; } */
        for (long off = 0; off + 16 <= n;) {
            uint32_t w[4];
            memcpy(w, p + off, 16);
            for (int i = 0; i < 4; i++)
                st_guest_u32(p + off + 4 * i, w[i]);
            off += 16 + (long)w[3];
        }
    }
}

bool event_fd_write(int fd, uint32_t buf, uint32_t n, long *ret)
{
    if (!guest_bswap || fd < 0 || fd >= EVK_MAX || evk[fd] != EVK_COUNTER || n != 8)
        return false;
    uint64_t v;
    if (!guest_ok_read(buf, 8)) {
        *ret = -EFAULT;
        return true;
    }
    v = get_guest_u64(buf);
    *ret = host_ret(write(fd, &v, 8));
    return true;
}

/* ---- epoll ---- */

/* Most events epoll_wait returns at once (the kernel's EP_MAX_EVENTS is
   INT_MAX / sizeof(struct epoll_event); larger is EINVAL). */
#define EPOLL_MAX_GUEST (INT32_MAX / (int32_t)ABI_SIZE(epoll_event))
/* Events fetched per host call (bigger guest arrays still work: we just
   return fewer events, which the epoll_wait contract allows). */
#define EPOLL_BATCH 1024

long sys_epoll_create1(CPUCommon *env, const uint32_t *a)
{
    return host_ret(epoll_create1(open_flags_to_host(a[0])));
}

long sys_epoll_create(CPUCommon *env, const uint32_t *a)
{
    if ((int32_t)a[0] <= 0)
        return -EINVAL;
    return host_ret(epoll_create1(0));
}

long sys_epoll_ctl(CPUCommon *env, const uint32_t *a)
{
    /* epoll_ctl(epfd, op, fd, event *) -- event may be NULL for DEL */
    struct epoll_event ev;
    memset(&ev, 0, sizeof ev);
    if (a[3]) {
        uint8_t g[GUEST_STRUCT_MAX];
        if (copy_from_guest(g, a[3], ABI_SIZE(epoll_event)) < 0) { /* the guest's image */
            if ((int)a[1] != EPOLL_CTL_DEL)
                return -EFAULT;
        } else {
            epoll_event_from_guest(&ev, g);
        }
    } else if ((int)a[1] != EPOLL_CTL_DEL) {
        return -EFAULT;
    }
    return host_ret(epoll_ctl(FD(a[0]), (int)a[1], FD(a[2]), a[3] ? &ev : NULL));
}

/* Wait on the host, convert the events.  The wait is race-free against
   guest signals (sigmask-wait.h): mask/masksize is epoll_pwait's temporary
   guest mask (0: none).  Timeout: ms, or *ts when use_ts (NULL: forever). */
static long do_epoll_wait(const uint32_t *a, int ms, const struct timespec *ts, bool use_ts,
                          uint32_t mask, uint32_t masksize)
{
    int32_t max = (int32_t)a[2];
    if (max <= 0 || max > EPOLL_MAX_GUEST) {
        /* EINVAL, or EBADF first: the host kernel's own order (it changed
           across versions), asked with a count it refuses before waiting. */
        long e = host_ret(syscall(SYS_epoll_pwait, FD(a[0]), NULL, max <= 0 ? max : -1, 0, NULL,
                                  (size_t)8));
        return e < 0 ? e : -EINVAL;
    }
    uint32_t gsize = (uint32_t)ABI_SIZE(epoll_event);
    /* As the kernel: only the range is checked first (access_ok); a buffer
       that is not there is EFAULT when there are events to store. */
    if ((uint64_t)a[1] + (uint64_t)max * gsize > (1ull << 32))
        return -EFAULT;
    int n = max < EPOLL_BATCH ? max : EPOLL_BATCH;
    struct epoll_event *ev = malloc((size_t)n * sizeof *ev);
    if (!ev)
        return -ENOMEM;
    WaitMask w;
    long r = wait_mask_begin(&w, mask, masksize);
    if (r == 0) {
        /* The kernel's sigset size (8), not glibc's sigset_t. */
        if (use_ts)
            r = host_ret(syscall(SYS_epoll_pwait2, FD(a[0]), ev, n, ts, wait_mask_host(&w), (size_t)8));
        else
            r = host_ret(syscall(SYS_epoll_pwait, FD(a[0]), ev, n, ms, wait_mask_host(&w), (size_t)8));
        r = wait_mask_end(&w, r);
    } else if (r == -EINTR) {
        r = wait_mask_end(&w, r);
    }
    if (r > 0 && !guest_ok_write(a[1], (uint32_t)r * gsize))
        r = -EFAULT;
    for (long i = 0; i < r; i++) /* the range was checked above */
        epoll_event_to_guest(g2h(a[1] + (uint32_t)i * gsize), &ev[i]);
    free(ev);
    return r;
}

long sys_epoll_wait(CPUCommon *env, const uint32_t *a)
{
    return do_epoll_wait(a, (int)a[3], NULL, false, 0, 0);
}

long sys_epoll_pwait(CPUCommon *env, const uint32_t *a)
{
    /* epoll_pwait(epfd, events, maxevents, timeout, sigmask, sigsetsize) */
    return do_epoll_wait(a, (int)a[3], NULL, false, a[4], a[5]);
}

long sys_epoll_pwait2(CPUCommon *env, const uint32_t *a)
{
    /* epoll_pwait2(epfd, events, maxevents, struct __kernel_timespec *, sigmask, size):
       the timeout is always 64-bit. */
    struct timespec ts;
    if (a[3]) {
        long r = get_timespec(&ts, a[3], true);
        if (r < 0)
            return r;
    }
    return do_epoll_wait(a, -1, a[3] ? &ts : NULL, true, a[4], a[5]);
}

/* ---- eventfd ---- */

long sys_eventfd2(CPUCommon *env, const uint32_t *a)
{
    return evk_note(host_ret(eventfd(a[0], open_flags_to_host(a[1]))), EVK_COUNTER); /* EFD_SEMAPHORE is 1 everywhere */
}
long sys_eventfd(CPUCommon *env, const uint32_t *a) { return evk_note(host_ret(eventfd(a[0], 0)), EVK_COUNTER); }

/* ---- timerfd ---- */

long sys_timerfd_create(CPUCommon *env, const uint32_t *a)
{
    return evk_note(host_ret(timerfd_create((int)a[0], open_flags_to_host(a[1]))), EVK_COUNTER);
}

long get_itimerspec(struct itimerspec *it, uint32_t addr, bool time64)
{
    uint32_t sz = time64 ? 16 : 8;
    long r = get_timespec(&it->it_interval, addr, time64);
    return r < 0 ? r : get_timespec(&it->it_value, addr + sz, time64);
}

long put_itimerspec(uint32_t addr, const struct itimerspec *it, bool time64)
{
    uint32_t sz = time64 ? 16 : 8;
    long r = put_timespec(addr, &it->it_interval, time64);
    return r < 0 ? r : put_timespec(addr + sz, &it->it_value, time64);
}

static long do_timerfd_settime(const uint32_t *a, bool time64)
{
    /* timerfd_settime(fd, flags, new *, old *) */
    struct itimerspec nv, ov;
    long r = get_itimerspec(&nv, a[2], time64);
    if (r < 0)
        return r;
    /* As the kernel: the new value is read first, the fd and the value
       checked, the timer set, and only then the old value written. */
    if (timerfd_settime(FD(a[0]), (int)a[1], &nv, &ov) < 0)
        return -errno;
    return a[3] ? put_itimerspec(a[3], &ov, time64) : 0;
}

static long do_timerfd_gettime(const uint32_t *a, bool time64)
{
    struct itimerspec cur;
    if (timerfd_gettime(FD(a[0]), &cur) < 0)
        return -errno;
    return put_itimerspec(a[1], &cur, time64);
}

long sys_timerfd_settime(CPUCommon *env, const uint32_t *a) { return do_timerfd_settime(a, false); }
long sys_timerfd_settime64(CPUCommon *env, const uint32_t *a) { return do_timerfd_settime(a, true); }
long sys_timerfd_gettime(CPUCommon *env, const uint32_t *a) { return do_timerfd_gettime(a, false); }
long sys_timerfd_gettime64(CPUCommon *env, const uint32_t *a) { return do_timerfd_gettime(a, true); }

/* ---- inotify ---- */

long sys_inotify_init1(CPUCommon *env, const uint32_t *a)
{
    return evk_note(host_ret(inotify_init1(open_flags_to_host(a[0]))), EVK_INOTIFY);
}
long sys_inotify_init(CPUCommon *env, const uint32_t *a) { return evk_note(host_ret(inotify_init1(0)), EVK_INOTIFY); }

long sys_inotify_add_watch(CPUCommon *env, const uint32_t *a)
{
    GuestPath gp;
    long r = get_path_at(&gp, (uint32_t)AT_FDCWD, a[1], !(a[2] & IN_DONT_FOLLOW));
    return r < 0 ? r : host_ret(inotify_add_watch(FD(a[0]), gp.p, a[2]));
}

long sys_inotify_rm_watch(CPUCommon *env, const uint32_t *a)
{
    return host_ret(inotify_rm_watch(FD(a[0]), (int)a[1]));
}
