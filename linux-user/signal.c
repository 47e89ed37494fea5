/*
 * Signals: the guest's dispositions, blocked mask and alternate stack; the
 * host handler that turns every host signal into a pending guest signal
 * (asynchronous ones) or a precise guest fault (synchronous ones from
 * generated code); delivery to guest handlers at TB boundaries and syscall
 * returns; syscall restart; and the default actions, carried out "as the
 * kernel would" so the parent sees the right wait status.
 *
 * The pending sets live in signal-queue.c, the signal syscalls in
 * syscall-signal.c, the frames in target-<arch>/signal.c, the host
 * numbers of guest signals (32 and 33 have none) in signal-host.c.
 */
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "linux-user/abi-conv.h"
#include "linux-user/gdbstub.h"
#include "linux-user/safe-syscall.h"
#include "linux-user/signal-priv.h"
#include "tcg/tb.h"
#include "syscall-tables/tables.h"

__thread CPUCommon *thread_cpu;
__thread uint64_t guest_sigmask;
__thread GuestStack guest_altstack = { 0, GUEST_SS_DISABLE, 0 };
__thread int signal_cur_syscall = -1;
__thread sigjmp_buf *signal_jmp;

/* sigsuspend's pre-suspend mask, put back after delivery (the kernel's
   saved_sigmask / TIF_RESTORE_SIGMASK). */
static __thread bool have_saved_mask;
static __thread uint64_t saved_mask;

static GuestSigaction guest_sigact[GUEST_NSIG + 1];

static const char *const sig_names[32] = {
    [SIGHUP] = "SIGHUP",   [SIGINT] = "SIGINT",       [SIGQUIT] = "SIGQUIT", [SIGILL] = "SIGILL",
    [SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT",     [SIGBUS] = "SIGBUS",   [SIGFPE] = "SIGFPE",
    [SIGKILL] = "SIGKILL", [SIGUSR1] = "SIGUSR1",     [SIGSEGV] = "SIGSEGV", [SIGUSR2] = "SIGUSR2",
    [SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM",     [SIGTERM] = "SIGTERM", [SIGSTKFLT] = "SIGSTKFLT",
    [SIGCHLD] = "SIGCHLD", [SIGCONT] = "SIGCONT",     [SIGSTOP] = "SIGSTOP", [SIGTSTP] = "SIGTSTP",
    [SIGTTIN] = "SIGTTIN", [SIGTTOU] = "SIGTTOU",     [SIGURG] = "SIGURG",   [SIGXCPU] = "SIGXCPU",
    [SIGXFSZ] = "SIGXFSZ", [SIGVTALRM] = "SIGVTALRM", [SIGPROF] = "SIGPROF", [SIGWINCH] = "SIGWINCH",
    [SIGIO] = "SIGIO",     [SIGPWR] = "SIGPWR",       [SIGSYS] = "SIGSYS",
};

const char *signal_name(int sig)
{
    return sig > 0 && sig < 32 ? sig_names[sig] : NULL;
}

/* ---- default actions (signal(7)) ---- */

enum { ACT_TERM, ACT_CORE, ACT_IGN, ACT_STOP };

static const uint8_t default_actions[32] = {
    [SIGQUIT] = ACT_CORE, [SIGILL] = ACT_CORE,  [SIGTRAP] = ACT_CORE, [SIGABRT] = ACT_CORE,
    [SIGBUS] = ACT_CORE,  [SIGFPE] = ACT_CORE,  [SIGSEGV] = ACT_CORE, [SIGXCPU] = ACT_CORE,
    [SIGXFSZ] = ACT_CORE, [SIGSYS] = ACT_CORE,  [SIGCHLD] = ACT_IGN,  [SIGURG] = ACT_IGN,
    [SIGWINCH] = ACT_IGN, [SIGCONT] = ACT_IGN,  [SIGSTOP] = ACT_STOP, [SIGTSTP] = ACT_STOP,
    [SIGTTIN] = ACT_STOP, [SIGTTOU] = ACT_STOP, /* everything else, and real-time: ACT_TERM */
};

static int default_action(int sig)
{
    return sig < 32 ? default_actions[sig] : ACT_TERM;
}

/* Synchronous fault signals: from generated code they are guest faults. */
static bool is_fault_signal(int sig)
{
    return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP;
}

/* Signals whose host disposition mimic may set (glibc keeps 32 and 33). */
static bool host_settable(int sig)
{
    return sig >= 1 && sig <= GUEST_NSIG && sig != SIGKILL && sig != SIGSTOP &&
           (sig < 32 || sig >= SIGRTMIN);
}

/* ---- messages and termination ---- */

static const char *prog_name(void)
{
    if (image.guest_path)
        return image.guest_path;
    return opt.argv0 ? opt.argv0 : "?";
}

void fatal(int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fflush(stdout);
    if (image.guest_path)
        fprintf(stderr, "mimic: %s: ", image.guest_path);
    else
        fputs("mimic: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    if (log_fp && log_fp != stderr)
        fflush(log_fp);
    exit(status);
}

/* Die from sig so the parent's wait status says "killed by sig".  For a
   core-dumping signal, the guest's core file (coredump.c), and WCOREDUMP
   when the host's own dump can be sent where it does no harm; otherwise
   no host core (it would be mimic's, not the guest's). */
static void __attribute__((noreturn)) die_by_signal(int sig)
{
    gdb_exit(0, sig); /* X: killed by sig */
    futex_exit_all_robust_lists(); /* as the kernel does for a dying process */
    fflush(log_out());
    if (!(sig < 32 && default_actions[sig] == ACT_CORE && guest_core_dump(sig, thread_cpu))) {
        struct rlimit nocore = { 0, 0 };
        setrlimit(RLIMIT_CORE, &nocore);
    }
    if (host_settable(sig)) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = SIG_DFL;
        sigaction(sig, &sa, NULL);
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, sig);
        sigprocmask(SIG_UNBLOCK, &set, NULL);
        raise(sig);
    }
    /* Signals the host glibc reserves (32, 33): behind its back. */
    if (sig_virtual(sig))
        host_raw_die(sig);
    _exit(128 + sig);
}

/* Stop the process with sig (SIGTSTP, ...) so the parent's wait status and
   the shell see that very signal; on SIGCONT, carry on.  The host kernel
   also applies the orphaned-process-group rule. */
static void stop_by_signal(int sig)
{
    if (!host_settable(sig)) {
        kill(getpid(), SIGSTOP);
        return;
    }
    struct sigaction dfl, old;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigaction(sig, &dfl, &old);
    sigset_t set, oldmask;
    sigemptyset(&set);
    sigaddset(&set, sig);
    pthread_sigmask(SIG_BLOCK, &set, &oldmask);
    raise(sig);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL); /* stops here */
    sigqueue_fix_mask(&oldmask);
    pthread_sigmask(SIG_SETMASK, &oldmask, NULL);
    sigaction(sig, &old, NULL);
}

/* Async-signal-safe formatted write to stderr. */
static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n > (int)sizeof buf - 1)
        n = sizeof buf - 1;
    if (n > 0 && write(2, buf, (size_t)n) < 0) {
        /* nothing more we can do */
    }
}

/* ---- state ---- */

const GuestSigaction *guest_sigact_of(int sig)
{
    return &guest_sigact[sig];
}

void signal_set_blocked(uint64_t mask)
{
    guest_sigmask = mask & ~SIG_UNBLOCKABLE;
}

void signal_set_saved_mask(uint64_t mask)
{
    saved_mask = mask;
    have_saved_mask = true;
}

void signal_kick(void)
{
    CPUCommon *env = thread_cpu;
    if (env)
        __atomic_store_n(&env->exit_request, 1, __ATOMIC_RELAXED);
}

/* ---- threads: which one takes a process-directed signal ---- */

/*
 * Every host thread that runs guest code is listed here with pointers to
 * its blocked mask and to the set it waits for in sigtimedwait.  The host
 * kernel hands a process-directed signal to any thread (none blocks it on
 * the host); if that thread's guest mask blocks it, the signal is passed
 * on to a thread that does not, as the kernel's complete_signal would
 * choose.  Slots are claimed at thread start and freed at thread exit (a
 * pthread key destructor).
 */
#define MAX_SIG_THREADS 512
typedef struct SigThread {
    pid_t tid; /* 0: free */
    const uint64_t *blocked;
    const uint64_t *waiting;
    const uint64_t *parked; /* its sigqueue_parked */
    CPUCommon *const *cpu; /* the thread's thread_cpu */
} SigThread;
static SigThread sig_threads[MAX_SIG_THREADS];
static int sig_threads_used; /* slots [0, sig_threads_used) were ever claimed */
static __thread int sig_slot = -1;
static __thread uint64_t wait_set; /* signals this thread waits for in sigtimedwait */
static pthread_key_t sig_thread_key;
static pthread_once_t sig_thread_once = PTHREAD_ONCE_INIT;

static void sig_thread_gone(void *unused)
{
    if (sig_slot >= 0)
        __atomic_store_n(&sig_threads[sig_slot].tid, 0, __ATOMIC_RELEASE);
    sig_slot = -1;
}

/* fork: the child is the calling thread alone. */
static void sig_threads_fork_child(void)
{
    sigqueue_clear_all();
    /* Neither a write to a slot that is free nor a read of a page no
       thread ever used: either costs the child a page fault. */
    for (int i = 0; i < sig_threads_used; i++)
        if (i != sig_slot && sig_threads[i].tid)
            sig_threads[i].tid = 0;
    if (sig_slot >= 0)
        sig_threads[sig_slot].tid = gettid();
}

static void sig_thread_key_init(void)
{
    pthread_key_create(&sig_thread_key, sig_thread_gone);
    pthread_atfork(NULL, NULL, sig_threads_fork_child);
}

static void sig_thread_register(void)
{
    pthread_once(&sig_thread_once, sig_thread_key_init);
    for (int i = 0; i < MAX_SIG_THREADS; i++) {
        SigThread *t = &sig_threads[i];
        pid_t free_tid = 0;
        if (t->tid == 0 && __atomic_compare_exchange_n(&t->tid, &free_tid, -1, false,
                                                       __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
            t->blocked = &guest_sigmask;
            t->waiting = &wait_set;
            t->parked = &sigqueue_parked;
            t->cpu = &thread_cpu;
            sig_slot = i;
            int used = __atomic_load_n(&sig_threads_used, __ATOMIC_RELAXED);
            while (used <= i && !__atomic_compare_exchange_n(&sig_threads_used, &used, i + 1, false,
                                                             __ATOMIC_RELAXED, __ATOMIC_RELAXED))
                ;
            __atomic_store_n(&t->tid, gettid(), __ATOMIC_RELEASE);
            pthread_setspecific(sig_thread_key, t);
            return;
        }
    }
    /* More threads than slots: they still work, they are just never
       chosen for a signal another thread blocks. */
}

int signal_thread_cpus(pid_t *tids, CPUCommon **cpus, int max)
{
    int n = 0;
    for (int i = 0; i < MAX_SIG_THREADS && n < max; i++) {
        pid_t tid = __atomic_load_n(&sig_threads[i].tid, __ATOMIC_ACQUIRE);
        if (tid <= 0)
            continue;
        tids[n] = tid;
        cpus[n++] = sig_threads[i].cpu ? *sig_threads[i].cpu : NULL;
    }
    return n;
}

bool signal_is_own_thread(pid_t tid)
{
    for (int i = 0; i < MAX_SIG_THREADS; i++)
        if (tid > 0 && __atomic_load_n(&sig_threads[i].tid, __ATOMIC_ACQUIRE) == tid)
            return true;
    return false;
}

/* Another thread that takes sig now: its registry slot, or NULL. */
static SigThread *find_taker(int sig, pid_t *tid_out)
{
    pid_t me = gettid();
    for (int i = 0; i < MAX_SIG_THREADS; i++) {
        SigThread *t = &sig_threads[i];
        pid_t tid = __atomic_load_n(&t->tid, __ATOMIC_ACQUIRE);
        if (tid <= 0 || tid == me)
            continue;
        if ((*t->blocked & sigbit(sig)) && !(*t->waiting & sigbit(sig)))
            continue;
        *tid_out = tid;
        return t;
    }
    return NULL;
}

/*
 * A signal generated for this thread or (thread == false) the process,
 * from the host or by the guest to itself.  As the kernel: a process
 * signal goes to a thread that does not block it (this one if it can);
 * an unblocked signal that is ignored is dropped, one whose default action
 * terminates or stops acts right away; the rest is queued for delivery at
 * the chosen thread's next TB boundary or syscall return.
 * Async-signal-safe.
 */
int signal_generate(const GuestSiginfo *info, bool thread, bool from_host)
{
    int sig = info->signo;
    pid_t other = 0;
    uint64_t other_parked = 0;
    bool blocked = guest_sigmask & sigbit(sig);
    if (!thread && blocked && !(wait_set & sigbit(sig))) {
        SigThread *t = find_taker(sig, &other);
        if (t) {
            blocked = *t->blocked & sigbit(sig);
            other_parked = __atomic_load_n(t->parked, __ATOMIC_RELAXED);
        }
    }
    if (!blocked) {
        const GuestSigaction *ka = &guest_sigact[sig];
        if (ka->handler == GUEST_SIG_IGN)
            return SQ_QUEUED;
        /* Under gdb a fatal signal is queued, so that delivery shows it
           to the debugger before it kills. */
        if (ka->handler == GUEST_SIG_DFL && !gdb_active) {
            switch (default_action(sig)) {
            case ACT_IGN:
                return SQ_QUEUED;
            case ACT_TERM:
            case ACT_CORE:
                die_by_signal(sig);
            case ACT_STOP:
                stop_by_signal(sig);
                return SQ_QUEUED;
            }
        }
    }
    int r = sigqueue_add(info, thread, from_host);
    if (other)
        signal_wake_thread(other, other_parked); /* (a tagged signal: signal-host.c) */
    else
        signal_kick();
    return r;
}

void signal_wake_parked(void)
{
    pid_t me = gettid();
    for (int i = 0; i < MAX_SIG_THREADS; i++) {
        SigThread *t = &sig_threads[i];
        pid_t tid = __atomic_load_n(&t->tid, __ATOMIC_ACQUIRE);
        if (tid <= 0 || tid == me)
            continue;
        uint64_t parked = __atomic_load_n(t->parked, __ATOMIC_RELAXED);
        if (parked)
            signal_wake_thread(tid, parked);
    }
}

/* ---- the host handler ---- */

static void host_to_guest_siginfo(GuestSiginfo *g, const siginfo_t *si)
{
    memset(g, 0, sizeof *g);
    g->signo = si->si_signo;
    g->errno_ = si->si_errno;
    g->code = si->si_code;
    int sig = si->si_signo;
    if (si->si_code > 0 && sig == SIGCHLD) {
        g->f[0] = (uint32_t)si->si_pid;
        g->f[1] = si->si_uid;
        g->f[2] = (uint32_t)si->si_status;
        g->f[3] = (uint32_t)si->si_utime;
        g->f[4] = (uint32_t)si->si_stime;
    } else if (si->si_code > 0 && sig == SIGPOLL) {
        g->f[0] = (uint32_t)si->si_band;
        g->f[1] = (uint32_t)si->si_fd;
    } else if (si->si_code > 0 && is_fault_signal(sig)) {
        uintptr_t a = (uintptr_t)si->si_addr;
        g->f[0] = h_in_guest(a) ? h2g((void *)a) : 0;
    } else if (si->si_code == SI_TIMER) {
        g->f[0] = (uint32_t)si->si_timerid;
        g->f[1] = (uint32_t)si->si_overrun;
        g->f[2] = (uint32_t)si->si_value.sival_int;
    } else {
        g->f[0] = (uint32_t)si->si_pid;
        g->f[1] = si->si_uid;
        if (si->si_code == SI_QUEUE || si->si_code == SI_MESGQ || si->si_code == SI_ASYNCIO)
            g->f[2] = (uint32_t)si->si_value.sival_int;
    }
}

/* A fault (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP with si_code > 0). */
static void host_fault(int sig, siginfo_t *si, ucontext_t *uc)
{
    uintptr_t pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    uintptr_t fa = (uintptr_t)si->si_addr;

    /* A store to a page holding translated code: invalidate and retry. */
    int unprot = PAGE_UNPROTECT_NO;
    if (sig == SIGSEGV && h_in_guest(fa))
        unprot = page_unprotect(h2g((void *)fa), pc);
    if (unprot == PAGE_UNPROTECT_DONE || (unprot == PAGE_UNPROTECT_RUNNING_TB && !signal_jmp))
        return;

    TranslationBlock *tb = tb_find_by_host_pc(pc);
    CPUCommon *env = thread_cpu;
    /* MIMIC_INTERPRET=1: the IR interpreter's guest load or store. */
    uint32_t interp_words[TCG_MAX_INSN_WORDS];
    bool interp = !tb && env && tcg_ctx.interpret && tcg_interp_fault_state(interp_words);
    if ((!tb && !interp) || !env) {
        say("mimic: internal error: host %s at pc 0x%lx addr 0x%lx\n", signal_name(sig),
            (unsigned long)pc, (unsigned long)fa);
        struct rlimit nocore = { 0, 0 }; /* the emulator's own crash: no core */
        setrlimit(RLIMIT_CORE, &nocore);
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = SIG_DFL;
        sigaction(SIGABRT, &sa, NULL);
        abort();
    }
    /* The backend wrote the guest registers back before the faulting op
       (except a hot region's pinned ones and those its fault-site table
       lists, still in host registers);
       the instruction record gives the pc (and the target's lazy state). */
    if (interp) {
        /* Its globals live in env: the pc (and lazy state) is all. */
        target->restore_state(env, interp_words);
    } else {
        if (tb->nb_pins || tb->site_off)
            tcg_restore_pins(tb, env, uc);
        const TCGInsnRecord *rec = tb_insn_at(tb, pc);
        if (rec)
            target->restore_state(env, rec->data);
    }
    /* The store rewrote code of the running TB (core/page.c): the rest of
       it is stale.  Run the storing instruction alone, then fresh code. */
    if (unprot == PAGE_UNPROTECT_RUNNING_TB && signal_jmp && tb) {
        tb_request_one_insn(env);
        siglongjmp(*signal_jmp, 1);
    }
    /* An access [base + a + disp] with a folded displacement whose guest
       address wrapped past 4 GiB (or below 0, for a negative disp) lands
       in the guard above (below) the window (tcg/x86/backend.c,
       fold_address): the guest address is the wrapped one, the low 32
       bits of fa - guest_base either way.  If something is mapped there
       the access was valid: run the instruction again alone, translated
       without folding. */
    bool wrapped = !h_in_guest(fa) && (fa - guest_base < (1ull << 32) + 0x10000 || guest_base - fa <= 0x10000);
    if (wrapped && (page_get_flags((uint32_t)(fa - guest_base)) & PAGE_VALID) && signal_jmp) {
        tcg_no_fold = true;
        tb_request_one_insn(env);
        siglongjmp(*signal_jmp, 1);
    }
    uint32_t gaddr = h_in_guest(fa) || wrapped ? (uint32_t)(fa - guest_base) : 0;
    int code;
    if (sig == SIGSEGV)
        code = (page_get_flags(gaddr) & PAGE_VALID) ? SEGV_ACCERR : SEGV_MAPERR;
    else
        code = si->si_code;
    if (sig == SIGILL || sig == SIGFPE || sig == SIGTRAP)
        gaddr = target->get_pc(env);
    force_sig(env, sig, code, gaddr);
}

static void host_signal(int sig, siginfo_t *si, void *uc)
{
    int saved_errno = errno;
    if (si->si_code > 0 && is_fault_signal(sig)) {
        host_fault(sig, si, uc);
    } else {
        GuestSiginfo g;
        int tsig, tcode;
        bool thread = si->si_code == SI_TKILL;
        int tagged = sig_untag(si, &tsig, &tcode, &thread);
        ucontext_t *ctx = uc;
        if (tagged < 0) {
            signal_kick(); /* another thread queued a signal for us */
            sigqueue_unpark(&ctx->uc_sigmask);
        } else {
            host_to_guest_siginfo(&g, si);
            if (tagged) { /* mimic's signal 32/33, or thread-directed */
                g.signo = tsig;
                g.code = tcode;
            }
            /* A full set: more of this host signal wait in the host's
               queue (the kernel counts them, and refuses their senders at
               RLIMIT_SIGPENDING, as it would the guest's); else whatever
               this thread parked may come if there is room now. */
            if (signal_generate(&g, thread, true) == SQ_OVER)
                sigqueue_park(sig, &ctx->uc_sigmask);
            else
                sigqueue_unpark(&ctx->uc_sigmask);
        }
        /* A signal this thread must handle is pending: a safe syscall
           about to block must not (safe-syscall.h). */
        if (sigqueue_pending() & ~guest_sigmask)
            safe_syscall_adjust(uc);
    }
    errno = saved_errno;
}

/* ... and the host's disposition before into *old (when old is not NULL). */
static void set_host_disposition_old(int sig, bool ignore, uint32_t guest_flags,
                                     struct sigaction *old)
{
    if (!host_settable(sig))
        return;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigfillset(&sa.sa_mask);
    /* (The carrier brings signals 32 and 33 whatever the guest does with
       SIGRTMAX: host_signal drops an ignored SIGRTMAX itself.) */
    if (ignore && !is_fault_signal(sig) && sig != SIG_CARRIER) {
        sa.sa_handler = SIG_IGN;
    } else {
        sa.sa_sigaction = host_signal;
        /* No SA_RESTART: a blocking host syscall must come back with EINTR so
           the guest handler can run; the syscall is then restarted or fails
           with EINTR as the guest's SA_RESTART says (handle_syscall). */
        sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    }
    /* The child-status flags change what the host kernel does (stop
       notifications, reaping): mirrored. */
    if (sig == SIGCHLD) {
        if (guest_flags & GUEST_SA_NOCLDSTOP)
            sa.sa_flags |= SA_NOCLDSTOP;
        if (guest_flags & GUEST_SA_NOCLDWAIT)
            sa.sa_flags |= SA_NOCLDWAIT;
    }
    if (old)
        memset(old, 0, sizeof(*old)); /* (SIG_DFL if the call fails) */
    sigaction(sig, &sa, old);
}

static void set_host_disposition(int sig, bool ignore, uint32_t guest_flags)
{
    set_host_disposition_old(sig, ignore, guest_flags, NULL);
}

/* ---- dispositions ---- */

long guest_sigaction(int sig, const GuestSigaction *act, GuestSigaction *old)
{
    if (sig < 1 || sig > GUEST_NSIG)
        return -EINVAL;
    if (old)
        *old = guest_sigact[sig];
    if (!act)
        return 0;
    if (sig == SIGKILL || sig == SIGSTOP)
        return -EINVAL;
    guest_sigact[sig] = *act;
    guest_sigact[sig].mask &= ~SIG_UNBLOCKABLE;
    /* SIG_IGN is mirrored on the host: the host kernel then discards the
       signal itself (and the disposition survives execve, as it should). */
    set_host_disposition(sig, act->handler == GUEST_SIG_IGN, act->flags);
    /* Setting a disposition that ignores sig drops pending instances. */
    if (act->handler == GUEST_SIG_IGN || (act->handler == GUEST_SIG_DFL && default_action(sig) == ACT_IGN))
        sigqueue_flush(sig);
    return 0;
}

long guest_self_signal(int sig)
{
    if (sig < 0 || sig > GUEST_NSIG)
        return -EINVAL;
    if (sig == 0)
        return 0;
    if (sig == SIGKILL || sig == SIGSTOP)
        return host_ret(kill(getpid(), sig));
    /* kill() sends SI_USER to the process; tkill/tgkill (raise) SI_TKILL
       to this thread. */
    bool by_kill = signal_cur_syscall == SC_kill;
    GuestSiginfo g;
    memset(&g, 0, sizeof g);
    g.signo = sig;
    g.code = by_kill ? SI_USER : SI_TKILL;
    g.f[0] = (uint32_t)getpid();
    g.f[1] = getuid();
    return signal_generate(&g, !by_kill, false) == SQ_FULL ? -EAGAIN : 0;
}

/* ---- synchronous signals ---- */

/* -d guest_errors: a fault, undefined instruction or trap of the guest. */
static void log_guest_fault(CPUCommon *env, int sig, int si_code, uint32_t addr)
{
    const char *name = signal_name(sig);
    fprintf(log_out(), "guest error: %s (code %d) at pc 0x%08x addr 0x%08x\n", name ? name : "signal",
            si_code, env && target && target->get_pc ? target->get_pc(env) : 0, addr);
}

/* A fatal fault waiting to be shown to gdb (force_sig), and the mark that
   it was, for force_sig's second call. */
static __thread GuestSiginfo forced;
static __thread bool forced_shown;

void signal_forced_after_jump(CPUCommon *env)
{
    if (!forced.signo)
        return;
    GuestSiginfo info = forced;
    forced.signo = 0;
    int sig = gdb_signal(env, info.signo);
    if (!sig)
        return; /* gdb said "no signal": the instruction runs again */
    forced_shown = true;
    force_sig(env, sig, sig == info.signo ? info.code : SI_USER, info.f[0]);
}

void force_sig(CPUCommon *env, int sig, int si_code, uint32_t addr)
{
    bool shown = forced_shown;
    forced_shown = false;
    GuestSiginfo info;
    memset(&info, 0, sizeof info);
    info.signo = sig;
    info.code = si_code;
    info.f[0] = addr;
    const GuestSigaction *ka = &guest_sigact[sig];
    if (opt.log_mask & LOG_GUEST_ERRORS)
        log_guest_fault(env, sig, si_code, addr);
    /* As the kernel's force_sig_info: a blocked or ignored fault signal
       kills rather than being lost (or looping on the instruction). */
    bool blocked = guest_sigmask & sigbit(sig);
    if (ka->handler > GUEST_SIG_IGN && !blocked && signal_jmp && target->setup_frame) {
        sigqueue_add(&info, true, true);
        siglongjmp(*signal_jmp, 1); /* delivered by cpu_loop */
    }
    /* Under gdb the fault is shown first, back in cpu_loop (outside the
       host signal handler): signal_forced_after_jump. */
    if (gdb_active && signal_jmp && env && !shown) {
        forced = info;
        siglongjmp(*signal_jmp, 1);
    }
    const char *name = signal_name(sig);
    uint32_t pc = env && target && target->get_pc ? target->get_pc(env) : 0;
    say("mimic: %s: guest %s at pc 0x%08x addr 0x%08x\n", prog_name(), name ? name : "signal", pc,
        addr);
    die_by_signal(sig);
}

void queue_forced_sig(int sig, int si_code, uint32_t addr)
{
    GuestSiginfo info;
    memset(&info, 0, sizeof info);
    info.signo = sig;
    info.code = si_code;
    info.f[0] = addr;
    GuestSigaction *ka = &guest_sigact[sig];
    bool blocked = guest_sigmask & sigbit(sig);
    if (blocked || ka->handler == GUEST_SIG_IGN) {
        ka->handler = GUEST_SIG_DFL;
        if (blocked)
            signal_set_blocked(guest_sigmask & ~sigbit(sig));
    }
    if (opt.log_mask & LOG_GUEST_ERRORS)
        log_guest_fault(NULL, sig, si_code, addr);
    sigqueue_add(&info, true, true);
}

/* ---- delivery ---- */

/* Run one dequeued signal: the guest's handler, or the default action. */
static void deliver(CPUCommon *env, int sig, const GuestSiginfo *info)
{
    GuestSigaction *ka = &guest_sigact[sig];
    if (ka->handler == GUEST_SIG_IGN)
        return;
    if (ka->handler == GUEST_SIG_DFL) {
        switch (default_action(sig)) {
        case ACT_IGN:
            return;
        case ACT_STOP:
            stop_by_signal(sig);
            return;
        default:
            die_by_signal(sig);
        }
    }
    if (!target->setup_frame)
        fatal(1, "guest signal handlers are not implemented for %s (signal %d)", target->name, sig);
    if (strace_on())
        strace_signal(sig, info->code, info->f); /* "--- SIGxxx {...} ---" */
    if (opt.log_mask & LOG_INT) {
        const char *name = signal_name(sig);
        fprintf(log_out(), "signal %s (code %d) to handler 0x%08x at pc 0x%08x\n",
                name ? name : "?", info->code, ka->handler, target->get_pc(env));
    }
    GuestSigaction act = *ka;
    uint64_t frame_mask = have_saved_mask ? saved_mask : guest_sigmask;
    if (act.flags & GUEST_SA_RESETHAND)
        ka->handler = GUEST_SIG_DFL; /* (only the handler, as the kernel) */
    if (!target->setup_frame(env, sig, info, &act, frame_mask)) {
        /* The kernel's force_sigsegv: a SIGSEGV handler that cannot get a
           frame is reset, so the next SIGSEGV kills. */
        if (sig == SIGSEGV)
            ka->handler = GUEST_SIG_DFL;
        force_sig(env, SIGSEGV, SI_KERNEL, 0);
    }
    have_saved_mask = false;
    uint64_t m = guest_sigmask | act.mask;
    if (!(act.flags & GUEST_SA_NODEFER))
        m |= sigbit(sig);
    signal_set_blocked(m);
}

void process_pending_signals(CPUCommon *env)
{
    GuestSiginfo info;
    int sig;
    while ((sig = sigqueue_take(~guest_sigmask, &info)) != 0) {
        if (__builtin_expect(gdb_active, 0)) {
            /* gdb sees it first and may drop or change it (C/S). */
            int s = gdb_signal(env, sig);
            if (!s)
                continue;
            if (s != sig) {
                memset(&info, 0, sizeof info);
                info.signo = s;
                info.code = SI_USER;
                sig = s;
            }
        }
        deliver(env, sig, &info);
    }
    if (have_saved_mask) {
        have_saved_mask = false;
        signal_set_blocked(saved_mask);
    }
}

/* The lowest pending signal that is not blocked (the next to be delivered). */
static int next_deliverable(void)
{
    uint64_t s = sigqueue_pending() & ~guest_sigmask;
    return s ? __builtin_ctzll(s) + 1 : 0;
}

bool signal_deliverable(void)
{
    return next_deliverable() != 0;
}

bool signal_eintr_unseen(void)
{
    /* Clear the flag first: a signal queued after the check below sets it
       again, and the retried safe_syscall fails at once. */
    safe_sig_pending = 0;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    return !signal_deliverable();
}

/* Syscalls that fail with EINTR after a handler ran even under SA_RESTART
   (signal(7)). */
static bool never_restarted(int id)
{
    switch (id) {
    case SC_nanosleep: case SC_clock_nanosleep: case SC_clock_nanosleep_time64:
    case SC_poll: case SC_ppoll: case SC_ppoll_time64:
    case SC__newselect: case SC_pselect6: case SC_pselect6_time64:
    case SC_pause: case SC_rt_sigsuspend: case SC_sigsuspend: case SC_old_sigsuspend:
    case SC_rt_sigtimedwait: case SC_rt_sigtimedwait_time64:
    case SC_epoll_wait: case SC_epoll_pwait: case SC_epoll_pwait2:
    case SC_msgrcv: case SC_msgsnd: case SC_semop: case SC_semtimedop: case SC_semtimedop_time64:
        return true;
    default:
        return false;
    }
}

/* A call that failed with EINTR runs again if no guest handler is about
   to run (the guest never sees the host signal), or the handler asked for
   SA_RESTART and the call is one that honours it. */
static bool restart_after_eintr(int id)
{
    int sig = next_deliverable();
    const GuestSigaction *ka = sig ? &guest_sigact[sig] : NULL;
    bool handler = ka && ka->handler > GUEST_SIG_IGN;
    return !handler || ((ka->flags & GUEST_SA_RESTART) && !never_restarted(id));
}

/*
 * One guest syscall, then signal delivery.  A host EINTR means a host
 * signal interrupted the call: if no guest handler is about to run (the
 * signal is blocked, ignored, or defaults to nothing), the guest never
 * sees it and the call runs again; if a handler runs, the call is
 * restarted under SA_RESTART (except for those that never are) and fails
 * with EINTR otherwise.  Restarting means pc back to the syscall
 * instruction and the argument registers as they were, so the frame the
 * handler returns through resumes at the syscall.
 */
void handle_syscall(CPUCommon *env)
{
    const TargetOps *t = target;
    uint32_t args[6];
    t->syscall_args(env, args);
    uint32_t nr = t->syscall_nr(env);
    int id = syscall_table_id(t->syscalls, nr);
    /* A signal that came since the last TB boundary (the kick sets
       exit_request) runs first, as if it had arrived just before the
       syscall instruction: a blocking call must not sleep on it.  One
       that comes after this check sets safe_sig_pending again, which
       safe_syscall tests just before entering the kernel. */
    safe_sig_pending = 0;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    if (env->exit_request && id != SC_sigreturn && id != SC_rt_sigreturn &&
        (sigqueue_pending() & ~guest_sigmask)) {
        t->syscall_restart(env, nr, args);
        process_pending_signals(env);
        return;
    }
    signal_cur_syscall = id;
    long r = do_syscall(env, nr, args);
    signal_cur_syscall = -1;
    if (r == SYSCALL_REGS_RESTORED) {
        /* sigreturn: the registers are the frame's, result register included. */
    } else if ((int32_t)r == -ERESTARTNOINTR) {
        /* A call that never fails with EINTR (futex LOCK_PI): always
           restarted, after the handler if one runs. */
        t->syscall_restart(env, nr, args);
    } else if ((int32_t)r == -EINTR && restart_after_eintr(id)) {
        t->syscall_restart(env, nr, args);
    } else {
        t->syscall_ret(env, (uint32_t)r);
    }
    process_pending_signals(env);
}

/* ---- waiting for signals ---- */

bool signal_wait(uint64_t wanted, const struct timespec *deadline)
{
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    wait_set = wanted;
    bool got = false;
    for (;;) {
        uint64_t p = sigqueue_pending();
        if ((wanted ? p & wanted : 0) || (p & ~guest_sigmask)) {
            got = true;
            break;
        }
        struct timespec rel, *timeout = NULL;
        if (deadline) {
            struct timespec now;
            clock_gettime(CLOCK_MONOTONIC, &now);
            int64_t ns = (int64_t)(deadline->tv_sec - now.tv_sec) * 1000000000 +
                         (deadline->tv_nsec - now.tv_nsec);
            if (ns <= 0)
                break;
            rel.tv_sec = ns / 1000000000;
            rel.tv_nsec = ns % 1000000000;
            timeout = &rel;
        }
        /* Unblocks host signals and sleeps atomically: a signal that came
           after the check above is caught here, never lost.  (Parked
           signals stay blocked: a handler may have parked some.) */
        sigqueue_fix_mask(&old);
        ppoll(NULL, 0, timeout, &old);
    }
    wait_set = 0;
    sigqueue_fix_mask(&old);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return got;
}

/* ---- alternate stack ---- */

static bool on_altstack(uint32_t sp)
{
    return guest_altstack.size && sp > guest_altstack.sp &&
           sp - guest_altstack.sp <= guest_altstack.size;
}

int altstack_flags(uint32_t sp)
{
    if (!guest_altstack.size || (guest_altstack.flags & GUEST_SS_DISABLE))
        return GUEST_SS_DISABLE;
    return on_altstack(sp) ? GUEST_SS_ONSTACK : 0;
}

uint32_t signal_frame_sp(uint32_t sa_flags, uint32_t sp)
{
    if ((sa_flags & GUEST_SA_ONSTACK) && altstack_flags(sp) == 0)
        return guest_altstack.sp + guest_altstack.size;
    return sp;
}

void altstack_save(GuestStack *out, uint32_t sp)
{
    out->sp = guest_altstack.sp;
    out->size = guest_altstack.size;
    out->flags = altstack_flags(sp) | (int32_t)(guest_altstack.flags & GUEST_SS_AUTODISARM);
    if (guest_altstack.flags & GUEST_SS_AUTODISARM)
        guest_altstack = (GuestStack){ 0, GUEST_SS_DISABLE, 0 };
}

void altstack_restore(const GuestStack *ss, uint32_t sp)
{
    if (on_altstack(sp))
        return; /* EPERM in the kernel, which rt_sigreturn ignores */
    uint32_t flags = (uint32_t)ss->flags & ~(uint32_t)GUEST_SS_ONSTACK;
    if (flags & ~(GUEST_SS_DISABLE | GUEST_SS_AUTODISARM))
        return;
    if (flags & GUEST_SS_DISABLE)
        guest_altstack = (GuestStack){ 0, GUEST_SS_DISABLE, 0 };
    else if (ss->size >= 2048) /* MINSIGSTKSZ */
        guest_altstack = (GuestStack){ ss->sp, (int32_t)flags, ss->size };
}

long guest_sigaltstack(CPUCommon *env, uint32_t uss, uint32_t uoss)
{
    uint32_t sp = target->get_sp ? target->get_sp(env) : 0;
    GuestStack old = guest_altstack;
    old.flags = altstack_flags(sp) | (int32_t)(guest_altstack.flags & GUEST_SS_AUTODISARM);
    if (old.flags & GUEST_SS_DISABLE)
        old = (GuestStack){ 0, GUEST_SS_DISABLE, 0 };
    if (uss) {
        /* stack_t by the target's layout (linux-user/abi-conv.c). */
        uint8_t g[GUEST_STRUCT_MAX];
        if (copy_from_guest(g, uss, ABI_SIZE(stack_t)) < 0) /* the guest's byte image */
            return -EFAULT;
        GuestStack s;
        stack_from_guest(&s, g);
        if (on_altstack(sp))
            return -EPERM;
        uint32_t mode = (uint32_t)s.flags & ~GUEST_SS_AUTODISARM;
        if (mode != GUEST_SS_DISABLE && mode != GUEST_SS_ONSTACK && mode != 0)
            return -EINVAL;
        if (mode == GUEST_SS_DISABLE) {
            guest_altstack = (GuestStack){ 0, GUEST_SS_DISABLE, 0 };
        } else {
            if (s.size < 2048) /* MINSIGSTKSZ */
                return -ENOMEM;
            guest_altstack = (GuestStack){ s.sp, (int32_t)((uint32_t)s.flags & GUEST_SS_AUTODISARM),
                                           s.size };
        }
    }
    if (uoss) {
        uint8_t g[GUEST_STRUCT_MAX];
        size_t n = stack_to_guest(g, &old);
        if (copy_to_guest(uoss, g, n) < 0)
            return -EFAULT;
    }
    return 0;
}

/* ---- start-up ---- */

/* The host handler runs on its own stack: a guest stack overflow or a fault
   deep in the emulator must still reach it. */
#define HOST_SIGSTACK_SIZE (64 * 1024)

void signal_init_thread(void)
{
    /* mmap, not malloc: signal_exit_thread unmaps it (and a sanitizer
       runtime that unmaps "its" alternate stack at thread exit finds one
       it can unmap). */
    void *p = mmap(NULL, HOST_SIGSTACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                   -1, 0);
    stack_t ss = { .ss_sp = p, .ss_flags = 0, .ss_size = HOST_SIGSTACK_SIZE };
    if (p == MAP_FAILED || sigaltstack(&ss, NULL) < 0)
        fatal(1, "cannot set up the signal stack: %s", strerror(errno));
    sig_thread_register();
}

void signal_exit_thread(void)
{
    /* Host signals are blocked by now (thread_exit): nothing runs on it. */
    stack_t old, off = { .ss_sp = NULL, .ss_flags = SS_DISABLE, .ss_size = 0 };
    if (sigaltstack(&off, &old) == 0 && old.ss_sp && !(old.ss_flags & SS_DISABLE) &&
        old.ss_size == HOST_SIGSTACK_SIZE)
        munmap(old.ss_sp, old.ss_size);
}

void signal_init(void)
{
    signal_init_thread();
    __atomic_store_n(&sigqueue_wake_hook, signal_wake_parked, __ATOMIC_RELEASE);
    /* Dispositions inherited as ignored (nohup, a shell's SIGPIPE) are the
       guest's starting state too; every other catchable signal gets the
       host handler.  One call per signal: the handler goes in and the old
       disposition comes back, and the few that were ignored are set back
       to ignored.  Host signals stay blocked meanwhile, so none is handled
       in between (one that arrives is dropped by the kernel if its
       disposition ends up ignored). */
    sigset_t all, cur;
    sigfillset(&all);
    bool have_cur = pthread_sigmask(SIG_SETMASK, &all, &cur) == 0;
    for (int sig = 1; sig <= GUEST_NSIG; sig++) {
        if (!host_settable(sig))
            continue;
        struct sigaction old;
        set_host_disposition_old(sig, false, 0, &old);
        if (!(old.sa_flags & SA_SIGINFO) && old.sa_handler == SIG_IGN) {
            guest_sigact[sig].handler = GUEST_SIG_IGN;
            set_host_disposition(sig, true, 0);
        }
    }
    /* The host mask the guest starts with is its own initial blocked mask
       (inherited across execve); on the host nothing stays blocked, since
       blocking is emulated. */
    if (have_cur || pthread_sigmask(SIG_SETMASK, NULL, &cur) == 0) {
        uint64_t m = 0;
        for (int sig = 1; sig <= GUEST_NSIG; sig++)
            if (host_settable(sig) && sigismember(&cur, sig) == 1)
                m |= sigbit(sig);
        signal_set_blocked(m);
        sigset_t none;
        sigemptyset(&none);
        for (int sig = 1; sig <= GUEST_NSIG; sig++)
            if (!host_settable(sig) && sigismember(&cur, sig) == 1)
                sigaddset(&none, sig);
        pthread_sigmask(SIG_SETMASK, &none, NULL);
    }
}
