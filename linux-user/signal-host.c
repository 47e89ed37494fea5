/*
 * Host signals for guest signals.
 *
 * mimic numbers signals as the kernel does: 1..31 standard (the host's
 * numbers, signal_to_host translates a target's), 32..64 real-time.  The
 * host's glibc keeps the kernel's first real-time signals for itself
 * (SIGCANCEL 32 and SIGSETXID 33, SIGRTMIN is 34): a guest signal sent to
 * the host as 32 or 33 lands in the host glibc's handlers (pthread_cancel
 * and setuid machinery of mimic itself) and kills or confuses mimic.  The
 * guest's glibc uses the very same numbers for the very same purposes, so
 * they cannot just be avoided.
 *
 * So the guest's signals 32..33 ("virtual" signals, sig_virtual) never
 * exist on the host as themselves.  Within one thread they live in mimic's
 * queues only (signal-queue.c).  When one has to cross to another thread or
 * process, or comes from a timer or a message queue, it travels as the
 * CARRIER, host signal 64 (SIGRTMAX), sent with rt_(tg)sigqueueinfo (or set
 * up in the sigevent) with a TAG in the high half of the 64-bit si_value:
 * a magic number, the guest signal, its si_code, whether it is directed at
 * a thread.  The guest's own 32-bit value keeps the low half (a 32-bit
 * guest cannot put anything in the high half, so an untagged host 64 is
 * simply the guest's SIGRTMAX, and one that says otherwise is mimic's).
 * Every guest signal from 34 to 64 is the host signal of that number, so
 * SIGRTMIN..SIGRTMAX mean the same to the guest, to native processes and
 * to other mimic processes, and the guest's glibc reports SIGRTMIN 34 and
 * SIGRTMAX 64, as on Linux.
 *
 * Tags also mark what the host cannot say by itself: that a timer signal
 * (SIGEV_THREAD_ID) or a sigqueueinfo was thread-directed, and mimic's
 * wake-ups (tag with signal 0: "look at your queue", from this process;
 * on the carrier, or on another real-time signal when the thread keeps
 * the carrier blocked: signal_wake_thread).
 *
 * What needs a host signal number and cannot carry a tag (fcntl F_SETSIG,
 * PR_SET_PDEATHSIG, a clone's exit signal) refuses virtual signals with
 * EINVAL (signal_host_number).
 */
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "linux-user/abi-conv.h"
#include "linux-user/signal-priv.h"

#define TAG_MAGIC 0x6d69u /* "mi", bits 63..48 of si_value */
#define TAG_THREAD 0x8000u

bool sig_virtual(int sig)
{
    return sig >= 32 && sig < SIGRTMIN;
}

int signal_host_number(int sig)
{
    return sig_virtual(sig) ? -1 : sig;
}

uint64_t sig_tag(int sig, int code, bool thread)
{
    uint32_t hi = TAG_MAGIC << 16 | (thread ? TAG_THREAD : 0) | ((uint32_t)sig & 0x7f) << 8 |
                  ((uint32_t)code & 0xff);
    return (uint64_t)hi << 32;
}

int sig_untag(const siginfo_t *si, int *sig, int *code, bool *thread)
{
    if (si->si_code != SI_QUEUE && si->si_code != SI_TIMER && si->si_code != SI_MESGQ)
        return 0;
    uint64_t v = (uint64_t)(uintptr_t)si->si_value.sival_ptr;
    uint32_t hi = (uint32_t)(v >> 32);
    if (hi >> 16 != TAG_MAGIC)
        return 0;
    int s = (int)(hi >> 8 & 0x7f);
    if (s == 0) /* a wake-up: only from this process */
        return si->si_code == SI_QUEUE && si->si_pid == getpid() ? -1 : 0;
    if (s > GUEST_NSIG)
        return 0;
    *sig = s;
    *code = si->si_code == SI_QUEUE ? (int8_t)(hi & 0xff) : si->si_code;
    *thread = hi & TAG_THREAD;
    return 1;
}

void signal_wake_thread(pid_t tid, uint64_t parked)
{
    /* The carrier, unless that thread keeps it blocked (signal-queue.c
       parks a host signal whose guest queue is full): then another
       real-time signal with mimic's handler (not one the guest ignores,
       which the host discards), tagged as a wake-up all the same. */
    int hs = SIG_CARRIER;
    for (int s = GUEST_NSIG - 1; (parked & sigbit(hs)) && s >= SIGRTMIN; s--)
        if (!(parked & sigbit(s)) && guest_sigact_of(s)->handler != GUEST_SIG_IGN)
            hs = s;
    siginfo_t si;
    memset(&si, 0, sizeof si);
    si.si_signo = hs;
    si.si_code = SI_QUEUE;
    si.si_pid = getpid();
    si.si_uid = getuid();
    si.si_value.sival_ptr = (void *)(uintptr_t)sig_tag(0, 0, true);
    syscall(SYS_rt_tgsigqueueinfo, getpid(), tid, hs, &si);
}

long host_signal_send(pid_t tgid, pid_t tid, const GuestSiginfo *g, bool plain)
{
    int sig = g->signo;
    bool virt = sig_virtual(sig);
    int code = plain ? (tid ? SI_TKILL : SI_USER) : g->code;
    if (plain && !virt) {
        long r;
        if (tid && tgid)
            r = syscall(SYS_tgkill, tgid, tid, sig);
        else if (tid)
            r = syscall(SYS_tkill, tid, sig);
        else
            r = kill(tgid, sig);
        return host_ret(r);
    }
    siginfo_t si;
    memset(&si, 0, sizeof si);
    si.si_errno = g->errno_;
    si.si_pid = plain ? getpid() : (pid_t)g->f[0];
    si.si_uid = plain ? getuid() : g->f[1];
    uint64_t v = plain ? 0 : g->f[2];
    /* Tagged: a virtual signal, or one aimed at a thread (which a host
       SI_QUEUE does not say). */
    if (virt || tid) {
        v |= sig_tag(sig, code, tid != 0);
        si.si_code = SI_QUEUE; /* (the kernel refuses others' codes >= 0) */
        sig = virt ? SIG_CARRIER : sig;
    } else {
        si.si_code = code;
    }
    si.si_signo = sig;
    si.si_value.sival_ptr = (void *)(uintptr_t)v;
    if (tid && !tgid) /* tkill of a thread of another process: its process */
        return host_ret(syscall(SYS_rt_sigqueueinfo, tid, sig, &si));
    if (tid)
        return host_ret(syscall(SYS_rt_tgsigqueueinfo, tgid, tid, sig, &si));
    if (tgid <= 0) /* a process group: no sigqueueinfo for those */
        return virt ? -EINVAL : host_ret(kill(tgid, sig));
    return host_ret(syscall(SYS_rt_sigqueueinfo, tgid, sig, &si));
}

long get_sigevent(GuestSigevent *e, uint32_t addr)
{
    uint8_t g[GUEST_STRUCT_MAX];
    if (copy_from_guest(g, addr, ABI_SIZE(sigevent)) < 0) /* the guest's image */
        return -EFAULT;
    e->value = (uint32_t)ABI_GET(g, sigevent, sigev_value);
    e->signo = (int32_t)ABI_GET(g, sigevent, sigev_signo);
    e->notify = (int32_t)ABI_GET(g, sigevent, sigev_notify);
    e->tid = (int32_t)ABI_GET(g, sigevent, sigev_notify_thread_id);
    return 0;
}

long sigevent_to_host(struct sigevent *h, const GuestSigevent *g)
{
    memset(h, 0, sizeof *h);
    h->sigev_notify = g->notify;
    h->sigev_value.sival_ptr = (void *)(uintptr_t)g->value;
    if (g->notify != SIGEV_SIGNAL && g->notify != SIGEV_THREAD_ID) {
        h->sigev_signo = g->signo;
        return 0;
    }
    int sig = g->signo ? signal_to_host(g->signo) : 0;
    if (sig < 1 || sig > GUEST_NSIG)
        return -EINVAL;
    bool thread = g->notify == SIGEV_THREAD_ID;
    if (thread)
        h->_sigev_un._tid = g->tid; /* sigev_notify_thread_id */
    if (sig_virtual(sig) || thread) {
        h->sigev_value.sival_ptr = (void *)(uintptr_t)(sig_tag(sig, 0, thread) | g->value);
        sig = sig_virtual(sig) ? SIG_CARRIER : sig;
    }
    h->sigev_signo = sig;
    return 0;
}

/* The kernel's struct sigaction for the raw system call (x86-64). */
struct kernel_sigaction {
    void (*handler)(int);
    unsigned long flags;
    void (*restorer)(void);
    uint64_t mask;
};

void host_raw_die(int sig)
{
    /* glibc will not touch its own signals: the system calls directly. */
    struct kernel_sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.handler = SIG_DFL;
    syscall(SYS_rt_sigaction, sig, &dfl, NULL, 8);
    uint64_t set = 1ull << (sig - 1);
    syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, &set, NULL, 8);
    syscall(SYS_tgkill, getpid(), gettid(), sig);
}
