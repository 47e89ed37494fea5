/*
 * A32 traps: UDF raises SIGILL and BKPT raises SIGTRAP at the instruction's
 * own pc, and a faulting load raises SIGSEGV with the registers written by
 * the instructions before it in the same block already visible (precise
 * state).  The handler reports and skips the instruction.  Needs the C
 * library (sigaction).  Expected output: arm-trap.expected.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

extern char udf_at[], bkpt_at[], segv_at[];

static void handler(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    uint32_t pc = (uint32_t)uc->uc_mcontext.arm_pc;
    const char *where = pc == (uint32_t)udf_at ? "udf_at" : pc == (uint32_t)bkpt_at ? "bkpt_at"
                        : pc == (uint32_t)segv_at ? "segv_at" : "elsewhere";
    /* si_code: Linux's do_undefinstr sends ILL_ILLOPC (1); qemu-arm says
       ILL_ILLOPN (2).  For BKPT the code depends on the kernel's debug
       path, so it is not printed. */
    printf("signal %d", sig);
    if (sig != SIGTRAP) {
        printf(" code %d", si->si_code);
    }
    printf(" at %s", where);
    if (sig == SIGSEGV) {
        printf(" addr 0x%08x r2 %u r3 %u", (unsigned)(uintptr_t)si->si_addr,
               (unsigned)uc->uc_mcontext.arm_r2, (unsigned)uc->uc_mcontext.arm_r3);
    }
    printf("\n");
    uc->uc_mcontext.arm_pc += 4;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);
    sigaction(SIGSEGV, &sa, NULL);
    setvbuf(stdout, NULL, _IONBF, 0);

    uint32_t r = 0;
    __asm__ volatile("mov %[r], #1\n\t"
                     ".global udf_at\n"
                     "udf_at:\t.inst 0xe7f000f0\n\t"
                     "add %[r], %[r], #2\n\t"
                     : [r] "+r"(r) : : "memory");
    printf("after udf: %u\n", (unsigned)r);
    __asm__ volatile("mov %[r], #4\n\t"
                     ".global bkpt_at\n"
                     "bkpt_at:\tbkpt #0x12\n\t"
                     "add %[r], %[r], #8\n\t"
                     : [r] "+r"(r) : : "memory");
    printf("after bkpt: %u\n", (unsigned)r);
    __asm__ volatile("mov r1, #0x10\n\t"
                     "mov r2, #42\n\t"
                     "add r3, r2, #1\n\t"
                     ".global segv_at\n"
                     "segv_at:\tldr %[r], [r1]\n\t"
                     "add r3, r3, #1\n\t"
                     "add %[r], r3, #0\n\t"
                     : [r] "=r"(r) : : "r1", "r2", "r3", "memory");
    printf("after segv: %u\n", (unsigned)r);
    return 0;
}
