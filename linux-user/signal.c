/*
 * Signals: the host fault handler (self-modifying code, guest faults in
 * generated code, emulator bugs), the guest's recorded signal state, and
 * process termination "as the kernel would".
 *
 * Delivery of signals to guest handlers is the next issue: for now a guest
 * signal that would run a guest handler terminates the process with a
 * message saying so, and every other disposition behaves as on Linux.
 * Guest signal numbers equal host numbers on every current target.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <ucontext.h>
#include <unistd.h>

#include "linux-user/syscall-priv.h"
#include "tcg/tb.h"
#include "tcg/tcg.h"

__thread CPUCommon *thread_cpu;
__thread uint64_t guest_sigmask;
__thread GuestStack guest_altstack = { 0, SS_DISABLE, 0 };

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

/* Die from sig so the parent's wait status says "killed by sig" (without a
   core file: the core would be mimic's, not the guest's). */
static void __attribute__((noreturn)) die_by_signal(int sig)
{
    fflush(log_out());
    struct rlimit nocore = { 0, 0 };
    setrlimit(RLIMIT_CORE, &nocore);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigaction(sig, &sa, NULL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    /* Signals whose default is to stop or be ignored end here. */
    _exit(128 + sig);
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

static bool guest_has_handler(int sig)
{
    return sig > 0 && sig <= GUEST_NSIG && guest_sigact[sig].handler > 1;
}

void force_sig(CPUCommon *env, int sig, int si_code, uint32_t addr)
{
    if (guest_has_handler(sig))
        say("mimic: guest signal handlers are not supported yet (signal %d)\n", sig);
    const char *name = signal_name(sig);
    uint32_t pc = env && target && target->get_pc ? target->get_pc(env) : 0;
    say("mimic: %s: guest %s at pc 0x%08x addr 0x%08x\n", prog_name(), name ? name : "signal", pc,
        addr);
    (void)si_code; /* will go into the guest's siginfo once delivery exists */
    die_by_signal(sig);
}

long guest_self_signal(int sig)
{
    if (sig < 0 || sig > GUEST_NSIG)
        return -EINVAL;
    if (guest_has_handler(sig)) {
        say("mimic: guest signal handlers are not supported yet (signal %d)\n", sig);
        die_by_signal(sig);
    }
    /* SIG_DFL and SIG_IGN are mirrored on the host (guest_sigaction), so the
       host kernel does what the guest's kernel would. */
    return host_ret(kill(getpid(), sig));
}

/* Signals the emulator itself handles on the host: their guest disposition
   is only recorded, never mirrored. */
static bool host_owned(int sig) { return sig == SIGSEGV || sig == SIGBUS; }

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
    if (act->handler > 1)
        log_unimp_once(0xf8000000u | (uint32_t)sig,
                       "guest handler for signal %d recorded; delivery not supported yet", sig);
    /* Mirror SIG_DFL / SIG_IGN so a signal from outside acts as on Linux
       (and an ignored disposition survives execve, as it should).  A guest
       handler leaves the host at SIG_DFL: an arriving signal terminates. */
    if (!host_owned(sig) && sig < SIGRTMIN) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = act->handler == 1 ? SIG_IGN : SIG_DFL;
        sigaction(sig, &sa, NULL);
    }
    return 0;
}

/* ---- the host fault handler ---- */

static void host_fault(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;
    uintptr_t pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    uintptr_t fa = (uintptr_t)si->si_addr;

    if (si->si_code <= 0) {
        /* Sent by kill/tgkill/sigqueue, not a fault: apply the guest's
           disposition. */
        if (guest_sigact[sig].handler == 1)
            return;
        if (guest_has_handler(sig))
            say("mimic: guest signal handlers are not supported yet (signal %d)\n", sig);
        die_by_signal(sig);
    }

    /* A store to a page holding translated code: invalidate and retry. */
    if (sig == SIGSEGV && h_in_guest(fa) && page_unprotect(h2g((void *)fa)))
        return;

    TranslationBlock *tb = tb_find_by_host_pc(pc);
    CPUCommon *env = thread_cpu;
    if (!tb && env && tcg_ctx.interpret && h_in_guest(fa)) {
        /* MIMIC_INTERPRET: the guest access faulted inside the IR
           interpreter.  The guest pc is only as precise as the state the
           interpreter last wrote back (usually the start of the TB). */
        uint32_t gaddr = h2g((void *)fa);
        int code = sig != SIGSEGV ? si->si_code
                   : (page_get_flags(gaddr) & PAGE_VALID) ? SEGV_ACCERR : SEGV_MAPERR;
        force_sig(env, sig, code, gaddr);
    }
    if (!tb || !env) {
        say("mimic: internal error: host %s at pc 0x%lx addr 0x%lx\n", signal_name(sig),
            (unsigned long)pc, (unsigned long)fa);
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = SIG_DFL;
        sigaction(SIGABRT, &sa, NULL);
        abort();
    }
    const TCGInsnRecord *rec = tb_insn_at(tb, pc);
    if (rec)
        target->restore_state(env, rec->data);
    uint32_t gaddr = h_in_guest(fa) ? h2g((void *)fa) : 0;
    int code;
    if (sig == SIGSEGV)
        code = (page_get_flags(gaddr) & PAGE_VALID) ? SEGV_ACCERR : SEGV_MAPERR;
    else
        code = si->si_code;
    force_sig(env, sig, code, gaddr);
}

/* The handler runs on its own stack: a guest stack overflow or a fault deep
   in the emulator must still reach it. */
void signal_init_thread(void)
{
    static const size_t size = 64 * 1024;
    stack_t ss = { .ss_sp = malloc(size), .ss_flags = 0, .ss_size = size };
    if (!ss.ss_sp || sigaltstack(&ss, NULL) < 0)
        fatal(1, "cannot set up the signal stack: %s", strerror(errno));
}

void signal_init(void)
{
    signal_init_thread();
    /* Dispositions inherited as ignored (nohup, a shell's SIGPIPE) are the
       guest's starting state too. */
    for (int sig = 1; sig < SIGRTMIN && sig <= GUEST_NSIG; sig++) {
        struct sigaction old;
        if (sigaction(sig, NULL, &old) == 0 && !(old.sa_flags & SA_SIGINFO) && old.sa_handler == SIG_IGN)
            guest_sigact[sig].handler = 1;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = host_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK; /* a fault in the handler kills us */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
}
