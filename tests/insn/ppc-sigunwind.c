/*
 * Unwinding out of a PowerPC signal handler (ppc-sigunwind.expected), as
 * libgcc does for pthread_cancel, C++ exceptions thrown from handlers and
 * backtrace(): the handler's return address is the kernel's
 * __kernel_sigtramp32 / __kernel_sigtramp_rt32 in the [vdso], whose unwind
 * information says where the signal frame saved every register.  The
 * interrupted function raises the signal itself with a kill system call
 * after loading marker values into callee-saved r14 and r29, so that the
 * unwinder must find, for both the SA_SIGINFO (rt) frame and the plain one:
 * the interrupted pc (the instruction after sc, marked as a signal frame),
 * r14 and r29 there, and then the caller through the restored r1 and LR.
 * Also checks AT_SYSINFO_EHDR and the two symbols' version (LINUX_2.6.15).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>
#include <unwind.h>

#define MAXF 32
static struct {
    int n;
    uintptr_t ip[MAXF], r14[MAXF], r29[MAXF];
    int before[MAXF];
} bt;
static volatile uintptr_t victim_ra;
extern char after_sc[];

static _Unwind_Reason_Code frame_cb(struct _Unwind_Context *c, void *arg)
{
    (void)arg;
    if (bt.n == MAXF)
        return _URC_END_OF_STACK;
    bt.ip[bt.n] = _Unwind_GetIPInfo(c, &bt.before[bt.n]);
    bt.r14[bt.n] = _Unwind_GetGR(c, 14);
    bt.r29[bt.n] = _Unwind_GetGR(c, 29);
    bt.n++;
    return _URC_NO_REASON;
}

static volatile int reason;
static void on_rt(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)si, (void)uc;
    reason = _Unwind_Backtrace(frame_cb, 0);
}
static void on_plain(int sig)
{
    (void)sig;
    reason = _Unwind_Backtrace(frame_cb, 0);
}

/* kill(getpid(), sig) by hand: the signal is delivered with the pc at
   after_sc, r14 = 0x1414 and r29 = 0x2929. */
__attribute__((noinline, noclone)) static void victim(int pid, int sig)
{
    victim_ra = (uintptr_t)__builtin_return_address(0);
    __asm__ volatile("li 14, 0x1414\n\t"
                     "li 29, 0x2929\n\t"
                     "mr 3, %0\n\t"
                     "mr 4, %1\n\t"
                     "li 0, 37\n\t" /* __NR_kill */
                     "sc\n"
                     ".globl after_sc\n"
                     "after_sc:"
                     :
                     : "r"(pid), "r"(sig)
                     : "r0", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "r12", "r14", "r29",
                       "cr0", "ctr", "memory");
}

static void run(const char *name, int siginfo)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    if (siginfo) {
        sa.sa_sigaction = on_rt;
        sa.sa_flags = SA_SIGINFO;
    } else {
        sa.sa_handler = on_plain;
    }
    sigaction(SIGUSR1, &sa, 0);
    memset(&bt, 0, sizeof bt);
    victim(getpid(), SIGUSR1);

    int k = -1;
    for (int i = 0; i < bt.n; i++)
        if (bt.ip[i] == (uintptr_t)after_sc)
            k = i;
    printf("%s: reason %s, interrupted frame %s", name, reason == _URC_END_OF_STACK ? "end of stack" : "other",
           k < 0 ? "not found\n" : "found");
    if (k < 0)
        return;
    printf(" %s, %d frames above it\n", k == 2 ? "third (handler, trampoline, it)" : "elsewhere", k);
    printf("%s: signal frame (pc not a return address) %d\n", name, bt.before[k]);
    printf("%s: r14 %#lx r29 %#lx\n", name, (unsigned long)bt.r14[k], (unsigned long)bt.r29[k]);
    printf("%s: caller %s\n", name,
           k + 1 < bt.n && bt.ip[k + 1] == victim_ra ? "found (victim's return address)" : "missing");
    Dl_info di;
    if (dladdr((void *)bt.ip[k - 1], &di) && di.dli_sname)
        printf("%s: trampoline %s\n", name, di.dli_sname);
}

int main(void)
{
    setvbuf(stdout, 0, _IONBF, 0);
    printf("AT_SYSINFO_EHDR %s\n", getauxval(AT_SYSINFO_EHDR) ? "set" : "missing");
    run("rt", 1);
    run("plain", 0);
    return 0;
}
