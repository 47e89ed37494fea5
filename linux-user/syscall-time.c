/*
 * Time syscalls.  Guest 32-bit time: struct timespec/timeval of two int32
 * (breaks in 2038 as on a real 32-bit kernel); the *_time64 variants use
 * struct __kernel_timespec { int64 tv_sec; int64 tv_nsec; }.  Both are the
 * same on every 32-bit guest (no padding, i386 included) up to the byte
 * order: they are read and written as words in guest order.
 */
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <sys/syscall.h>

#include "linux-user/safe-syscall.h"
#include "linux-user/signal-priv.h"
#include "linux-user/syscall-priv.h"

long get_timespec(struct timespec *ts, uint32_t addr, bool time64)
{
    if (time64) {
        uint64_t g[2];
        if (get_user_u64(addr, &g[0]) < 0 || get_user_u64(addr + 8, &g[1]) < 0)
            return -EFAULT;
        ts->tv_sec = (int64_t)g[0];
        ts->tv_nsec = (long)(int32_t)g[1]; /* the kernel ignores the upper half */
    } else {
        uint32_t g[2];
        if (get_user_u32s(g, addr, 2) < 0)
            return -EFAULT;
        ts->tv_sec = (int32_t)g[0];
        ts->tv_nsec = (int32_t)g[1];
    }
    return 0;
}

long put_timespec(uint32_t addr, const struct timespec *ts, bool time64)
{
    if (time64) {
        if (!guest_ok_write(addr, 16))
            return -EFAULT;
        put_guest_u64(addr, (uint64_t)ts->tv_sec);
        put_guest_u64(addr + 8, (uint64_t)ts->tv_nsec);
        return 0;
    }
    const uint32_t g[2] = { (uint32_t)ts->tv_sec, (uint32_t)ts->tv_nsec };
    return put_user_u32s(addr, g, 2) < 0 ? -EFAULT : 0;
}

static long do_clock_gettime(const uint32_t *a, bool time64)
{
    struct timespec ts;
    if (clock_gettime((clockid_t)a[0], &ts) < 0)
        return -errno;
    return put_timespec(a[1], &ts, time64);
}

long sys_clock_gettime(CPUCommon *env, const uint32_t *a) { return do_clock_gettime(a, false); }
long sys_clock_gettime64(CPUCommon *env, const uint32_t *a) { return do_clock_gettime(a, true); }

static long do_clock_getres(const uint32_t *a, bool time64)
{
    struct timespec ts;
    if (clock_getres((clockid_t)a[0], &ts) < 0)
        return -errno;
    return a[1] ? put_timespec(a[1], &ts, time64) : 0;
}

long sys_clock_getres(CPUCommon *env, const uint32_t *a) { return do_clock_getres(a, false); }
long sys_clock_getres_time64(CPUCommon *env, const uint32_t *a) { return do_clock_getres(a, true); }

long sys_gettimeofday(CPUCommon *env, const uint32_t *a)
{
    struct timeval tv;
    struct timezone tz;
    if (gettimeofday(&tv, &tz) < 0)
        return -errno;
    if (a[0]) {
        const uint32_t g[2] = { (uint32_t)tv.tv_sec, (uint32_t)tv.tv_usec };
        if (put_user_u32s(a[0], g, 2) < 0)
            return -EFAULT;
    }
    if (a[1]) {
        const uint32_t g[2] = { (uint32_t)tz.tz_minuteswest, (uint32_t)tz.tz_dsttime };
        if (put_user_u32s(a[1], g, 2) < 0)
            return -EFAULT;
    }
    return 0;
}

long sys_time(CPUCommon *env, const uint32_t *a)
{
    int32_t t = (int32_t)time(NULL);
    if (a[0] && put_user_u32(a[0], (uint32_t)t) < 0)
        return -EFAULT;
    return t;
}

static long do_clock_nanosleep(uint32_t clk, uint32_t flags, uint32_t req, uint32_t rem, bool time64)
{
    struct timespec ts, left;
    /* As the kernel: the clock first (EINVAL), then the request (EFAULT);
       rem is only written when the sleep is interrupted. */
    if (clock_getres((clockid_t)clk, NULL) < 0)
        return -EINVAL;
    long r = get_timespec(&ts, req, time64);
    if (r == 0)
        left = ts;
    if (r < 0)
        return r;
    /* A host signal the guest does not see (blocked, or ignored by
       default like SIGCHLD) interrupts the host sleep: go on sleeping for
       the time left, as the kernel's restart_block would. */
    for (;;) {
        r = safe_syscall(SYS_clock_nanosleep, (clockid_t)clk, (int)flags, &ts, &left);
        if (r != -EINTR || !signal_eintr_unseen())
            break;
        if (!(flags & TIMER_ABSTIME))
            ts = left;
    }
    /* Interrupted before it slept (safe_syscall's early -EINTR): all of
       the request is left. */
    if (r == -EINTR && rem && !(flags & TIMER_ABSTIME) && put_timespec(rem, &left, time64) < 0)
        return -EFAULT;
    return r;
}

long sys_nanosleep(CPUCommon *env, const uint32_t *a)
{
    return do_clock_nanosleep(CLOCK_MONOTONIC, 0, a[0], a[1], false);
}

long sys_clock_nanosleep(CPUCommon *env, const uint32_t *a)
{
    return do_clock_nanosleep(a[0], a[1], a[2], a[3], false);
}

long sys_clock_nanosleep_time64(CPUCommon *env, const uint32_t *a)
{
    return do_clock_nanosleep(a[0], a[1], a[2], a[3], true);
}
