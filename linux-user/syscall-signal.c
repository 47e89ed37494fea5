/*
 * Signal syscalls beyond the disposition/mask ones of syscall-proc.c:
 * sigreturn, pending, suspend, timed wait, queueing with a value, interval
 * timers (whose SIGALRM the host delivers to the host handler), and POSIX
 * timers (host timers: their signals come to the host handler, tagged when
 * they are 32/33 or thread-directed: signal-host.c).
 */
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "linux-user/abi-conv.h"
#include "linux-user/signal-priv.h"

/* Guest sigset_t (two 32-bit words) at addr. */
static long get_sigset(uint64_t *set, uint32_t addr) { return get_user_sigset(addr, set); }

/* A siginfo in guest memory (linux-user/abi-conv.c: numbers translated). */
static long put_siginfo(uint32_t addr, const GuestSiginfo *info)
{
    uint8_t g[sizeof *info];
    siginfo_to_guest(g, info);
    return copy_to_guest(addr, g, sizeof g) < 0 ? -EFAULT : 0; /* the guest's byte image */
}

static long get_siginfo(GuestSiginfo *info, uint32_t addr)
{
    uint8_t g[sizeof *info];
    if (copy_from_guest(g, addr, sizeof g) < 0) /* the guest's byte image */
        return -EFAULT;
    siginfo_from_guest(info, g);
    return 0;
}

/* ---- sigreturn ---- */

static long do_sigreturn(CPUCommon *env, bool rt)
{
    if (!target->sigreturn)
        fatal(1, "sigreturn is not implemented for %s", target->name);
    if (!target->sigreturn(env, rt))
        force_sig(env, SIGSEGV, SI_KERNEL, 0);
    /* Every register, the result register and error flag included, is
       the frame's: handle_syscall stores nothing. */
    return SYSCALL_REGS_RESTORED;
}

long sys_sigreturn(CPUCommon *env, const uint32_t *a) { return do_sigreturn(env, false); }
long sys_rt_sigreturn(CPUCommon *env, const uint32_t *a) { return do_sigreturn(env, true); }

/* swapcontext(old, new, size) of PowerPC: the target's. */
long sys_swapcontext(CPUCommon *env, const uint32_t *a)
{
    return target->swapcontext ? target->swapcontext(env, a[0], a[1], a[2]) : -ENOSYS;
}

/* ---- pending, suspend, wait ---- */

long sys_rt_sigpending(CPUCommon *env, const uint32_t *a)
{
    if (a[1] > 8)
        return -EINVAL;
    uint64_t p = sigset_to_guest(sigqueue_pending() & guest_sigmask);
    uint8_t g[8]; /* the guest's sigset image, of which a[1] bytes are asked for */
    st_guest_u32(g, (uint32_t)p);
    st_guest_u32(g + 4, (uint32_t)(p >> 32));
    return copy_to_guest(a[0], g, a[1]) < 0 ? -EFAULT : 0;
}

/* sigpending(old_sigset_t *set): the one-word form, signals 1-32. */
long sys_sigpending(CPUCommon *env, const uint32_t *a)
{
    uint32_t w = (uint32_t)sigset_to_guest(sigqueue_pending() & guest_sigmask);
    return put_user_u32s(a[0], &w, 1) < 0 ? -EFAULT : 0;
}

/* Wait with set (host numbering) as the mask until a handler has run. */
static long do_sigsuspend(uint64_t set)
{
    uint64_t old = guest_sigmask;
    signal_set_blocked(set);
    signal_wait(0, NULL);
    /* The handler's frame records `old`; it is the mask again afterwards. */
    signal_set_saved_mask(old);
    return -EINTR;
}

long sys_rt_sigsuspend(CPUCommon *env, const uint32_t *a)
{
    if (a[1] != 8)
        return -EINVAL;
    uint64_t set;
    if (get_sigset(&set, a[0]) < 0)
        return -EFAULT;
    return do_sigsuspend(set);
}

/* The one-word sigsuspend: the mask is that word, signals 33-64 unblocked
   (the kernel's siginitset).  sigsuspend(int, int, old_sigset_t mask) of
   i386 and ARM (OLD_SIGSUSPEND3); old_sigsuspend(old_sigset_t mask) of
   PowerPC and SPARC (OLD_SIGSUSPEND), through their override rows. */
long sys_sigsuspend(CPUCommon *env, const uint32_t *a)
{
    return do_sigsuspend(sigset_to_host(a[2]));
}

long sys_old_sigsuspend(CPUCommon *env, const uint32_t *a)
{
    return do_sigsuspend(sigset_to_host(a[0]));
}

long sys_pause(CPUCommon *env, const uint32_t *a)
{
    signal_wait(0, NULL);
    return -EINTR;
}

static long do_sigtimedwait(const uint32_t *a, bool time64)
{
    if (a[3] != 8)
        return -EINVAL;
    uint64_t set;
    if (get_sigset(&set, a[0]) < 0)
        return -EFAULT;
    set &= ~SIG_UNBLOCKABLE;
    struct timespec deadline, *dl = NULL;
    if (a[2]) {
        struct timespec ts;
        if (get_timespec(&ts, a[2], time64) < 0)
            return -EFAULT;
        if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
            return -EINVAL;
        clock_gettime(CLOCK_MONOTONIC, &deadline);
        deadline.tv_sec += ts.tv_sec;
        deadline.tv_nsec += ts.tv_nsec;
        if (deadline.tv_nsec >= 1000000000) {
            deadline.tv_sec++;
            deadline.tv_nsec -= 1000000000;
        }
        dl = &deadline;
    }
    GuestSiginfo info;
    int sig = sigqueue_take(set, &info);
    if (!sig) {
        bool woke = signal_wait(set, dl);
        sig = sigqueue_take(set, &info);
        if (!sig)
            return woke ? -EINTR : -EAGAIN; /* EINTR: a handler is to run */
    }
    if (a[1] && put_siginfo(a[1], &info) < 0)
        return -EFAULT;
    return signal_to_guest(sig);
}

long sys_rt_sigtimedwait(CPUCommon *env, const uint32_t *a) { return do_sigtimedwait(a, false); }
long sys_rt_sigtimedwait_time64(CPUCommon *env, const uint32_t *a) { return do_sigtimedwait(a, true); }

/* ---- sending with a value ---- */

static long do_sigqueueinfo(pid_t tgid, pid_t tid, int sig, uint32_t uinfo)
{
    GuestSiginfo info;
    if (get_siginfo(&info, uinfo) < 0)
        return -EFAULT;
    if (sig < 1 || sig > GUEST_NSIG)
        return -EINVAL;
    bool self = tgid == getpid() && (!tid || tid == gettid());
    /* Only the kernel may claim SI_USER/SI_KERNEL/SI_TKILL for another process. */
    if ((info.code >= 0 || info.code == SI_TKILL) && !self)
        return -EPERM;
    info.signo = sig;
    if (self && sig != SIGKILL && sig != SIGSTOP) {
        return signal_generate(&info, tid != 0, false) == SQ_FULL ? -EAGAIN : 0;
    }
    return host_signal_send(tgid, tid, &info, false);
}

long sys_rt_sigqueueinfo(CPUCommon *env, const uint32_t *a)
{
    return do_sigqueueinfo((pid_t)a[0], 0, signal_to_host((int)a[1]), a[2]);
}

/* pidfd_send_signal(pidfd, sig, info or NULL, flags): the signal number
   and siginfo as for rt_sigqueueinfo; the target is whatever the pidfd
   names (this process too: the host signal reaches the guest as any
   signal from outside does). */
long sys_pidfd_send_signal(CPUCommon *env, const uint32_t *a)
{
    int sig = a[1] ? signal_to_host((int)a[1]) : 0;
    if (a[1] && (sig < 1 || (int)a[1] > GUEST_NSIG))
        return -EINVAL;
    GuestSiginfo info;
    memset(&info, 0, sizeof info);
    if (a[2]) {
        if (get_siginfo(&info, a[2]) < 0)
            return -EFAULT;
    } else {
        /* What the kernel fills in for a NULL info. */
        info.code = SI_USER;
        info.f[0] = (uint32_t)getpid();
        info.f[1] = getuid();
    }
    siginfo_t si, *sip = NULL;
    memset(&si, 0, sizeof si);
    si.si_signo = sig;
    si.si_errno = info.errno_;
    si.si_code = info.code;
    si.si_pid = (pid_t)info.f[0];
    si.si_uid = info.f[1];
    si.si_value.sival_ptr = (void *)(uintptr_t)info.f[2];
    if (a[2])
        sip = &si;
    if (sig && sig_virtual(sig)) {
        /* No host number: the carrier, tagged (signal-host.c). */
        si.si_value.sival_ptr = (void *)(uintptr_t)(sig_tag(sig, info.code, false) | info.f[2]);
        si.si_signo = sig = SIG_CARRIER;
        si.si_code = SI_QUEUE;
        sip = &si;
    }
    return host_ret(syscall(SYS_pidfd_send_signal, (int)a[0], sig, sip, a[3]));
}

long sys_rt_tgsigqueueinfo(CPUCommon *env, const uint32_t *a)
{
    if ((int32_t)a[1] <= 0)
        return -EINVAL;
    return do_sigqueueinfo((pid_t)a[0], (pid_t)a[1], signal_to_host((int)a[2]), a[3]);
}

/* ---- interval timers (struct itimerval of 32-bit longs) ---- */

static long put_itimerval(uint32_t addr, const struct itimerval *v)
{
    const uint32_t g[4] = { (uint32_t)v->it_interval.tv_sec, (uint32_t)v->it_interval.tv_usec,
                            (uint32_t)v->it_value.tv_sec, (uint32_t)v->it_value.tv_usec };
    return put_user_u32s(addr, g, 4) < 0 ? -EFAULT : 0;
}

long sys_setitimer(CPUCommon *env, const uint32_t *a)
{
    struct itimerval nv, ov;
    uint32_t g[4] = { 0, 0, 0, 0 };
    if (a[1] && get_user_u32s(g, a[1], 4) < 0)
        return -EFAULT;
    nv.it_interval.tv_sec = (int32_t)g[0];
    nv.it_interval.tv_usec = (int32_t)g[1];
    nv.it_value.tv_sec = (int32_t)g[2];
    nv.it_value.tv_usec = (int32_t)g[3];
    if (setitimer((int)a[0], &nv, &ov) < 0)
        return -errno;
    return a[2] ? put_itimerval(a[2], &ov) : 0;
}

/* alarm (i386, PowerPC, SPARC; ARM EABI has none): the host's. */
long sys_alarm(CPUCommon *env, const uint32_t *a) { return (long)alarm(a[0]); }

long sys_getitimer(CPUCommon *env, const uint32_t *a)
{
    struct itimerval v;
    if (getitimer((int)a[0], &v) < 0)
        return -errno;
    return put_itimerval(a[1], &v);
}

/* ---- POSIX timers: the host's, ids as the kernel gives them ---- */

long sys_timer_create(CPUCommon *env, const uint32_t *a)
{
    /* timer_create(clockid, struct sigevent *, timer_t *) */
    struct sigevent h, *hp = NULL;
    if (a[1]) {
        GuestSigevent g;
        if (get_sigevent(&g, a[1]) < 0)
            return -EFAULT;
        if (g.notify == SIGEV_THREAD_ID && (g.tid != gettid() && !signal_is_own_thread(g.tid)))
            return -EINVAL; /* (the kernel: a thread of this process) */
        if (g.notify != SIGEV_NONE && g.notify != SIGEV_SIGNAL && g.notify != SIGEV_THREAD_ID)
            return -EINVAL; /* SIGEV_THREAD is the C library's business */
        if (sigevent_to_host(&h, &g) < 0)
            return -EINVAL;
        hp = &h;
    }
    if (!guest_ok_write(a[2], 4))
        return -EFAULT;
    int id;
    if (syscall(SYS_timer_create, (clockid_t)(int32_t)a[0], hp, &id) < 0)
        return -errno;
    if (put_user_u32(a[2], (uint32_t)id) < 0) {
        syscall(SYS_timer_delete, id);
        return -EFAULT;
    }
    return 0;
}

static long do_timer_settime(const uint32_t *a, bool time64)
{
    /* timer_settime(id, flags, new *, old *) */
    struct itimerspec nv, ov;
    if (get_itimerspec(&nv, a[2], time64) < 0)
        return -EFAULT;
    if (syscall(SYS_timer_settime, (int)a[0], (int)a[1], &nv, a[3] ? &ov : NULL) < 0)
        return -errno;
    return a[3] ? put_itimerspec(a[3], &ov, time64) : 0;
}

static long do_timer_gettime(const uint32_t *a, bool time64)
{
    struct itimerspec cur;
    if (syscall(SYS_timer_gettime, (int)a[0], &cur) < 0)
        return -errno;
    return put_itimerspec(a[1], &cur, time64);
}

long sys_timer_settime(CPUCommon *env, const uint32_t *a) { return do_timer_settime(a, false); }
long sys_timer_settime64(CPUCommon *env, const uint32_t *a) { return do_timer_settime(a, true); }
long sys_timer_gettime(CPUCommon *env, const uint32_t *a) { return do_timer_gettime(a, false); }
long sys_timer_gettime64(CPUCommon *env, const uint32_t *a) { return do_timer_gettime(a, true); }
long sys_timer_getoverrun(CPUCommon *env, const uint32_t *a)
{
    return host_ret(syscall(SYS_timer_getoverrun, (int)a[0]));
}
long sys_timer_delete(CPUCommon *env, const uint32_t *a)
{
    long r = host_ret(syscall(SYS_timer_delete, (int)a[0]));
    if (r == 0)
        sigqueue_drop_timer(a[0]);
    return r;
}
