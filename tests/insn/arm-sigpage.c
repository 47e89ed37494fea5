/*
 * Handlers installed without SA_RESTORER (raw rt_sigaction, as a program
 * that bypasses the C library does) return through the kernel's [sigpage]:
 * the handler's lr points into that read/execute page, whose code makes the
 * sigreturn (non-SA_SIGINFO) or rt_sigreturn (SA_SIGINFO) syscall, and the
 * program resumes where the signal hit with its registers back.  Built for
 * ARM and Thumb handlers (the page holds both kinds of code).  Expected
 * output: arm-sigpage.expected (facts of Linux's arch/arm/kernel/signal.c).
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The kernel's struct sigaction for rt_sigaction on ARM. */
struct ksigaction {
    void *handler;
    unsigned long flags;
    void *restorer;
    uint32_t mask[2];
};

static uint32_t sigpage_lo, sigpage_hi;
static volatile uint32_t seen_lr;
static volatile int hits;

static void find_sigpage(void)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[256];
    while (f && fgets(line, sizeof line, f))
        if (strstr(line, "[sigpage]"))
            sscanf(line, "%x-%x", &sigpage_lo, &sigpage_hi);
    if (f)
        fclose(f);
}

static void __attribute__((noinline)) plain_handler(int sig)
{
    seen_lr = (uint32_t)(uintptr_t)__builtin_return_address(0);
    hits += sig;
}

static void __attribute__((noinline, target("thumb"))) thumb_handler(int sig, siginfo_t *si,
                                                                     void *uc)
{
    seen_lr = (uint32_t)(uintptr_t)__builtin_return_address(0);
    hits += si->si_signo * 100;
}

static void run(const char *what, void *handler, unsigned long flags)
{
    struct ksigaction ka = {handler, flags, NULL, {0, 0}};
    if (syscall(SYS_rt_sigaction, SIGUSR1, &ka, NULL, 8) != 0) {
        printf("%s: rt_sigaction failed\n", what);
        return;
    }
    hits = 0;
    seen_lr = 0;
    /* Registers live across the signal must come back. */
    register uint32_t r4 asm("r4") = 0x1234, r5 asm("r5") = 0x5678;
    asm volatile("" : "+r"(r4), "+r"(r5));
    syscall(SYS_kill, getpid(), SIGUSR1);
    asm volatile("" : "+r"(r4), "+r"(r5));
    uint32_t lr = seen_lr & ~1u;
    printf("%s: hits %d, lr in [sigpage] %s, thumb return %d, r4 %#x r5 %#x\n", what, hits,
           sigpage_lo && lr >= sigpage_lo && lr < sigpage_hi ? "yes" : "no", (int)(seen_lr & 1),
           r4, r5);
}

int main(void)
{
    find_sigpage();
    printf("[sigpage] mapped: %s\n", sigpage_hi == sigpage_lo + 4096 ? "one page" : "no");
    run("arm handler", (void *)plain_handler, 0);
    run("thumb rt handler", (void *)((uintptr_t)thumb_handler | 1), SA_SIGINFO);
    return 0;
}
