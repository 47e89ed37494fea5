/*
 * Process, identity, resource, futex and signal-state syscalls.
 */
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <unistd.h>
#include <asm/unistd.h>

#include "linux-user/gdbstub.h"
#include "linux-user/abi-conv.h"
#include "linux-user/syscall-priv.h"
#include "linux-user/signal-priv.h"
#include "tcg/tb.h"
#include "tcg/pcache.h"

/* Per-thread kernel-side values the guest registered. */
__thread uint32_t clear_child_tid; /* set_tid_address; thread.c uses it at thread exit */

/* ---- exit ---- */

static void __attribute__((noreturn)) do_exit(int status)
{
    if (strace_on())
        fputs(" = ?\n", log_out());
    futex_exit_all_robust_lists(); /* robust mutexes of every thread */
    pcache_save();
    if (opt.log_mask & LOG_STATS)
        tb_stats_dump(log_out());
    fflush(log_out());
    gdb_exit(status, 0);
    _exit(status & 0xff);
}

/* exit ends the calling thread (the process when it is the last one:
   linux-user/thread.c); exit_group ends the process. */
long sys_exit(CPUCommon *env, const uint32_t *a) { thread_exit(env, (int)a[0]); }
long sys_exit_group(CPUCommon *env, const uint32_t *a) { do_exit((int)a[0]); }

/* ---- identity ---- */

long sys_getpid(CPUCommon *env, const uint32_t *a) { return getpid(); }
long sys_getppid(CPUCommon *env, const uint32_t *a) { return getppid(); }
long sys_gettid(CPUCommon *env, const uint32_t *a) { return gettid(); }
long sys_getuid32(CPUCommon *env, const uint32_t *a) { return getuid(); }
long sys_geteuid32(CPUCommon *env, const uint32_t *a) { return geteuid(); }
long sys_getgid32(CPUCommon *env, const uint32_t *a) { return getgid(); }
long sys_getegid32(CPUCommon *env, const uint32_t *a) { return getegid(); }

/* The old 16-bit calls: ids that do not fit read as the overflow id 65534. */
static long id16(unsigned id) { return id > 0xffff ? 65534 : (long)id; }
long sys_getuid(CPUCommon *env, const uint32_t *a) { return id16(getuid()); }
long sys_geteuid(CPUCommon *env, const uint32_t *a) { return id16(geteuid()); }
long sys_getgid(CPUCommon *env, const uint32_t *a) { return id16(getgid()); }
long sys_getegid(CPUCommon *env, const uint32_t *a) { return id16(getegid()); }

long sys_set_tid_address(CPUCommon *env, const uint32_t *a)
{
    clear_child_tid = a[0];
    return gettid();
}

long sys_uname(CPUCommon *env, const uint32_t *a)
{
    /* struct utsname: six char[65], the same everywhere. */
    struct utsname u;
    if (uname(&u) < 0)
        return -errno;
    memset(u.machine, 0, sizeof u.machine);
    snprintf(u.machine, sizeof u.machine, "%s", target->uname_machine);
    if (opt.uname_release) /* -r */
        snprintf(u.release, sizeof u.release, "%s", opt.uname_release);
    return copy_to_guest(a[0], &u, 6 * 65) < 0 ? -EFAULT : 0;
}

long sys_umask(CPUCommon *env, const uint32_t *a) { return umask((mode_t)a[0]); }

/* ---- resource limits ---- */

/* Limits that shape the emulator's own address space: applying the guest's
   values to mimic would break it (the 4 GiB window, the code buffer). */
/* The guest's resource number -> the host's (SPARC and others number
   RLIMIT_NOFILE/NPROC... differently); -1 (EINVAL) for one it lacks. */
static int rlim_res(uint32_t g)
{
    int64_t h = abi_value_to_host(GG_rlimit, (int32_t)g);
    return h == ABI_UNDEF ? -1 : (int)h;
}

static bool rlimit_is_emulators(int res)
{
    return res == RLIMIT_AS || res == RLIMIT_DATA || res == RLIMIT_STACK;
}

static uint32_t rlim_to_guest32(rlim_t v) { return v >= 0xffffffffu ? 0xffffffffu : (uint32_t)v; }
static rlim_t rlim_from_guest32(uint32_t v) { return v == 0xffffffffu ? RLIM_INFINITY : v; }

long sys_ugetrlimit(CPUCommon *env, const uint32_t *a)
{
    struct rlimit rl;
    if (getrlimit(rlim_res(a[0]), &rl) < 0)
        return -errno;
    const uint32_t g[2] = { rlim_to_guest32(rl.rlim_cur), rlim_to_guest32(rl.rlim_max) };
    return put_user_u32s(a[1], g, 2) < 0 ? -EFAULT : 0;
}

/* The pre-2.4 getrlimit clamps to 0x7fffffff (old RLIM_INFINITY). */
long sys_getrlimit(CPUCommon *env, const uint32_t *a)
{
    struct rlimit rl;
    if (getrlimit(rlim_res(a[0]), &rl) < 0)
        return -errno;
    const uint32_t g[2] = { rl.rlim_cur > 0x7fffffff ? 0x7fffffff : (uint32_t)rl.rlim_cur,
                            rl.rlim_max > 0x7fffffff ? 0x7fffffff : (uint32_t)rl.rlim_max };
    return put_user_u32s(a[1], g, 2) < 0 ? -EFAULT : 0;
}

long sys_setrlimit(CPUCommon *env, const uint32_t *a)
{
    uint32_t g[2]; /* struct rlimit of 32-bit longs */
    if (get_user_u32s(g, a[1], 2) < 0)
        return -EFAULT;
    if (rlimit_is_emulators(rlim_res(a[0]))) {
        log_unimp_once(0xfa000000u | a[0], "setrlimit(%d) not applied to the emulator", (int)a[0]);
        return 0;
    }
    struct rlimit rl = { rlim_from_guest32(g[0]), rlim_from_guest32(g[1]) };
    return host_ret(setrlimit(rlim_res(a[0]), &rl));
}

long sys_prlimit64(CPUCommon *env, const uint32_t *a)
{
    /* struct rlimit64 { u64 cur, max; } is the same everywhere. */
    pid_t pid = (pid_t)a[0];
    int res = rlim_res(a[1]);
    struct rlimit rl, old, *pnew = NULL;
    if (a[2]) {
        uint64_t g[2];
        if (get_user_u64(a[2], &g[0]) < 0 || get_user_u64(a[2] + 8, &g[1]) < 0)
            return -EFAULT;
        rl.rlim_cur = g[0];
        rl.rlim_max = g[1];
        pnew = &rl;
        if ((pid == 0 || pid == getpid()) && rlimit_is_emulators(res)) {
            log_unimp_once(0xfa000000u | (uint32_t)res, "prlimit64(%d) not applied to the emulator",
                           res);
            pnew = NULL;
        }
    }
    if (prlimit(pid, res, pnew, &old) < 0)
        return -errno;
    if (a[3]) {
        if (put_user_u64(a[3], old.rlim_cur) < 0 || put_user_u64(a[3] + 8, old.rlim_max) < 0)
            return -EFAULT;
    }
    return 0;
}

/* struct sysinfo by the target's layout (32-bit longs). */
long sys_sysinfo(CPUCommon *env, const uint32_t *a)
{
    struct sysinfo s;
    if (sysinfo(&s) < 0)
        return -errno;
    /* Like the kernel for 32-bit userland: grow mem_unit until sizes fit. */
    uint64_t unit = s.mem_unit ? s.mem_unit : 1;
    uint64_t big = s.totalram > s.totalswap ? s.totalram : s.totalswap;
    int shift = 0;
    while ((big >> shift) > 0xffffffffu)
        shift++;
    uint8_t g[GUEST_STRUCT_MAX];
    size_t len = sysinfo_to_guest(g, &s, shift, (uint32_t)(unit << shift));
    return copy_to_guest(a[0], g, len) < 0 ? -EFAULT : 0; /* the guest's byte image */
}

/* ---- scheduling, randomness ---- */

long sys_sched_yield(CPUCommon *env, const uint32_t *a) { return host_ret(sched_yield()); }

long sys_sched_getaffinity(CPUCommon *env, const uint32_t *a)
{
    /* The bitmap is an array of 32-bit longs in guest byte order (cpu i is
       bit i % 32 of word i / 32: the numbering of the host's little-endian
       bytes); the host wants a multiple of 8 bytes. */
    uint8_t mask[512] = { 0 };
    uint32_t len = a[1];
    if (len > sizeof mask)
        len = sizeof mask;
    uint32_t hlen = (len + 7) & ~7u;
    long r = syscall(__NR_sched_getaffinity, (pid_t)a[0], hlen, mask);
    if (r < 0)
        return -errno;
    if ((uint32_t)r > len)
        r = len & ~3u;
    if (put_user_u32s(a[2], (const uint32_t *)(const void *)mask, (size_t)r / 4) < 0)
        return -EFAULT;
    return r;
}

long sys_getrandom(CPUCommon *env, const uint32_t *a)
{
    if (!guest_ok_write(a[0], a[1]))
        return -EFAULT;
    return guest_getrandom(g2h(a[0]), a[1], a[2]);
}

/* futex, set_robust_list: linux-user/futex.c */

/* ---- signal state (the dispositions live in signal.c) ---- */

/* The guest's signal number -> the host's (which mimic uses inside); 0
   stays 0 (kill's "may I?" probe), an unknown number passes unchanged. */
static int sig_in(uint32_t sig) { return sig ? signal_to_host((int)sig) : 0; }

/* rt_sigaction; restorer: SPARC's extra argument, the return address the
   frame uses (has_restorer false: the structure's sa_restorer). */
static long do_rt_sigaction(const uint32_t *a, bool has_restorer, uint32_t restorer, uint32_t size)
{
    /* struct sigaction by the target's layout (linux-user/abi-conv.c). */
    if (size != 8)
        return -EINVAL;
    GuestSigaction act, old;
    uint8_t g[GUEST_STRUCT_MAX];
    if (a[1]) {
        if (copy_from_guest(g, a[1], ABI_SIZE(rt_sigaction)) < 0) /* the guest's image */
            return -EFAULT;
        sigaction_from_guest(&act, g);
        if (has_restorer)
            act.restorer = restorer;
    }
    long r = guest_sigaction(sig_in(a[0]), a[1] ? &act : NULL, &old);
    if (r < 0)
        return r;
    if (a[2]) {
        size_t n = sigaction_to_guest(g, &old);
        if (copy_to_guest(a[2], g, n) < 0)
            return -EFAULT;
    }
    return 0;
}

long sys_rt_sigaction(CPUCommon *env, const uint32_t *a)
{
    return do_rt_sigaction(a, false, 0, a[3]);
}

long sys_rt_sigaction_restorer(CPUCommon *env, const uint32_t *a)
{
    return do_rt_sigaction(a, true, a[3], a[4]);
}

/* sigaction(sig, struct old_sigaction *, struct old_sigaction *) of i386
   and others: a one-word mask (signals 1-32), by the target's layout. */
long sys_old_sigaction(CPUCommon *env, const uint32_t *a)
{
    GuestSigaction act, old;
    uint8_t g[GUEST_STRUCT_MAX];
    size_t n = ABI_SIZE(old_sigaction);
    if (n == 0 || n > sizeof g)
        return -ENOSYS;
    if (a[1]) {
        if (copy_from_guest(g, a[1], n) < 0) /* the guest's image */
            return -EFAULT;
        act.handler = (uint32_t)ABI_GET(g, old_sigaction, sa_handler);
        act.flags = abi_flags_to_host(GG_sa, (uint32_t)ABI_GET(g, old_sigaction, sa_flags));
        act.restorer = (uint32_t)ABI_GET(g, old_sigaction, sa_restorer);
        act.mask = sigset_to_host((uint32_t)ABI_GET(g, old_sigaction, sa_mask));
    }
    long r = guest_sigaction(sig_in(a[0]), a[1] ? &act : NULL, &old);
    if (r < 0)
        return r;
    if (a[2]) {
        memset(g, 0, n);
        ABI_PUT(g, old_sigaction, sa_handler, old.handler);
        ABI_PUT(g, old_sigaction, sa_flags, abi_flags_to_guest(GG_sa, old.flags));
        ABI_PUT(g, old_sigaction, sa_restorer, old.restorer);
        ABI_PUT(g, old_sigaction, sa_mask, (uint32_t)sigset_to_guest(old.mask));
        if (copy_to_guest(a[2], g, n) < 0)
            return -EFAULT;
    }
    return 0;
}

long sys_rt_sigprocmask(CPUCommon *env, const uint32_t *a)
{
    /* Recorded only: nothing is delivered to the guest yet, and the host
       mask stays as it is. */
    if (a[3] != 8)
        return -EINVAL;
    uint64_t old = guest_sigmask;
    if (a[1]) {
        uint64_t set;
        if (get_user_sigset(a[1], &set) < 0)
            return -EFAULT;
        set &= ~((1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1)));
        switch (abi_value_to_host(GG_sighow, (int32_t)a[0])) { /* SPARC: 1, 2, 4 */
        case SIG_BLOCK: guest_sigmask |= set; break;
        case SIG_UNBLOCK: guest_sigmask &= ~set; break;
        case SIG_SETMASK: guest_sigmask = set; break;
        default: return -EINVAL;
        }
    }
    if (a[2]) {
        if (put_user_sigset(a[2], old) < 0)
            return -EFAULT;
    }
    return 0;
}

/* sigprocmask(how, old_sigset_t *set, old_sigset_t *oset): the one-word
   form (guest signals 1-32) that i386 glibc's getcontext/setcontext/
   swapcontext still call.  As the kernel's: SIG_SETMASK replaces only the
   first word, oset gets the first word as it was before. */
long sys_sigprocmask(CPUCommon *env, const uint32_t *a)
{
    uint64_t g = sigset_to_guest(guest_sigmask);
    uint32_t old = (uint32_t)g;
    if (a[1]) {
        uint32_t w;
        if (get_user_u32s(&w, a[1], 1) < 0)
            return -EFAULT;
        switch (abi_value_to_host(GG_sighow, (int32_t)a[0])) {
        case SIG_BLOCK: g |= w; break;
        case SIG_UNBLOCK: g &= ~(uint64_t)w; break;
        case SIG_SETMASK: g = (g & ~0xffffffffull) | w; break;
        default: return -EINVAL;
        }
        signal_set_blocked(sigset_to_host(g));
    }
    if (a[2] && put_user_u32s(a[2], &old, 1) < 0)
        return -EFAULT;
    return 0;
}

long sys_sigaltstack(CPUCommon *env, const uint32_t *a)
{
    /* signal.c owns the alternate stack (SS_ONSTACK, EPERM while on it). */
    return guest_sigaltstack(env, a[0], a[1]);
}

/* kill/tkill/tgkill of another process or thread: as the kernel, which
   fills in the sender (signal-host.c: 32 and 33 travel tagged). */
static long send_plain(pid_t tgid, pid_t tid, int sig)
{
    if (sig == 0) /* only "may I?" */
        return host_ret(tid ? (tgid ? tgkill(tgid, tid, 0) : (int)syscall(__NR_tkill, tid, 0))
                            : kill(tgid, 0));
    if (sig < 1 || sig > GUEST_NSIG)
        return -EINVAL;
    GuestSiginfo g;
    memset(&g, 0, sizeof g);
    g.signo = sig;
    return host_signal_send(tgid, tid, &g, true);
}

long sys_kill(CPUCommon *env, const uint32_t *a)
{
    pid_t pid = (pid_t)a[0];
    int sig = sig_in(a[1]);
    if (pid == getpid() && sig != 0)
        return guest_self_signal(sig);
    if (pid <= 0 && sig_virtual(sig) && pid != INT_MIN) {
        /* A process group or everyone, with a signal that has no host
           number: this process (if it is one of them) gets it; others
           cannot be reached. */
        log_unimp_once(0xf5100000u, "kill(%d, %d): signal 32/33 to a process group reaches only this process", pid, sig);
        if (pid == 0 || pid == -1 || -pid == getpgrp())
            return guest_self_signal(sig);
        return -EINVAL;
    }
    return send_plain(pid, 0, sig);
}

long sys_tkill(CPUCommon *env, const uint32_t *a)
{
    pid_t tid = (pid_t)a[0];
    int sig = sig_in(a[1]);
    if (tid <= 0)
        return -EINVAL;
    if (tid == gettid() && sig != 0)
        return guest_self_signal(sig);
    return send_plain(signal_is_own_thread(tid) ? getpid() : 0, tid, sig);
}

long sys_tgkill(CPUCommon *env, const uint32_t *a)
{
    pid_t tgid = (pid_t)a[0], tid = (pid_t)a[1];
    int sig = sig_in(a[2]);
    if (tgid <= 0 || tid <= 0)
        return -EINVAL;
    if (tgid == getpid() && tid == gettid() && sig != 0)
        return guest_self_signal(sig);
    return send_plain(tgid, tid, sig);
}

/* ---- sessions, groups, times ---- */

long sys_getpgid(CPUCommon *env, const uint32_t *a) { return host_ret(getpgid((pid_t)a[0])); }
long sys_setpgid(CPUCommon *env, const uint32_t *a) { return host_ret(setpgid((pid_t)a[0], (pid_t)a[1])); }
long sys_getpgrp(CPUCommon *env, const uint32_t *a) { return getpgrp(); }
long sys_setsid(CPUCommon *env, const uint32_t *a) { return host_ret(setsid()); }
long sys_getsid(CPUCommon *env, const uint32_t *a) { return host_ret(getsid((pid_t)a[0])); }

static long put_res_ids(const uint32_t *a, unsigned r, unsigned e, unsigned s)
{
    const uint32_t v[3] = { r, e, s };
    for (int i = 0; i < 3; i++)
        if (put_user_u32(a[i], v[i]) < 0)
            return -EFAULT;
    return 0;
}

long sys_getresuid32(CPUCommon *env, const uint32_t *a)
{
    uid_t r, e, s;
    if (getresuid(&r, &e, &s) < 0)
        return -errno;
    return put_res_ids(a, r, e, s);
}

long sys_getresgid32(CPUCommon *env, const uint32_t *a)
{
    gid_t r, e, s;
    if (getresgid(&r, &e, &s) < 0)
        return -errno;
    return put_res_ids(a, r, e, s);
}

long sys_getgroups32(CPUCommon *env, const uint32_t *a)
{
    int n = (int)a[0];
    if (n < 0)
        return -EINVAL;
    if (n > 65536)
        n = 65536;
    if (!guest_ok_write(a[1], (uint32_t)n * 4))
        return -EFAULT;
    /* gid_t is 32 bits on both sides: the host writes the array in place,
       then each entry gets the guest's byte order. */
    long r = host_ret(getgroups(n, g2h(a[1])));
    if (n && r > 0)
        host_order_to_guest_u32s(a[1], (size_t)r);
    return r;
}

long sys_times(CPUCommon *env, const uint32_t *a)
{
    struct tms t;
    clock_t r = times(&t);
    if (r == (clock_t)-1)
        return -errno;
    if (a[0]) {
        /* struct tms: four 32-bit clock_t. */
        const uint32_t g[4] = { (uint32_t)t.tms_utime, (uint32_t)t.tms_stime,
                                (uint32_t)t.tms_cutime, (uint32_t)t.tms_cstime };
        if (put_user_u32s(a[0], g, 4) < 0)
            return -EFAULT;
    }
    /* A 32-bit clock_t, truncated as on a 32-bit kernel (where, as here, a
       value in the last 4095 ticks of the range reads as an error). */
    return (long)(uint32_t)r;
}
