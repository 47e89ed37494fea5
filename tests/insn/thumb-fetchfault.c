/*
 * Instruction fetch faults at a page end (Thumb).  Code is copied to the
 * end of a mapped page; the next page is unmapped or PROT_NONE:
 *  - a 32-bit instruction whose second halfword is on that page raises
 *    SIGSEGV with si_addr = the start of the page (the faulting fetch, as
 *    the kernel reports the abort address) and the pc of the instruction's
 *    first halfword, with the instructions before it done (precise state);
 *  - a 16-bit instruction that ends exactly at the page end runs, and the
 *    fetch of the next one faults with si_addr = pc = the page start;
 *  - si_code is SEGV_MAPERR for an unmapped page, SEGV_ACCERR for PROT_NONE.
 * Expected output (hand-computed from those rules): thumb-fetchfault.expected.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

static sigjmp_buf env;
static uint8_t *base;

static void handler(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    printf("signal %d code %d addr page+%ld pc page+%ld r2 %u r3 %u\n", sig, si->si_code,
           (long)((uint8_t *)si->si_addr - (base + 4096)),
           (long)((uint8_t *)(uintptr_t)uc->uc_mcontext.arm_pc - (base + 4096)),
           (unsigned)uc->uc_mcontext.arm_r2, (unsigned)uc->uc_mcontext.arm_r3);
    siglongjmp(env, 1);
}

/* Put the halfwords so that the last one ends at the page end, then run
   from the first (Thumb state). */
static void run(const uint16_t *code, int n, int prot_next)
{
    uint8_t *start = base + 4096 - 2 * n;
    memcpy(start, code, 2 * n);
    if (prot_next < 0)
        munmap(base + 4096, 4096);
    else
        mmap(base + 4096, 4096, prot_next, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    __builtin___clear_cache((char *)start, (char *)base + 4096);
    if (!sigsetjmp(env, 1)) {
        void (*fn)(void) = (void (*)(void))((uintptr_t)start | 1);
        __asm__ volatile("mov r2, #0\n\tmov r3, #0\n\tblx %0" : : "r"(fn) : "r0", "r1", "r2", "r3", "r12", "lr", "memory");
        printf("no fault\n");
    }
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    setvbuf(stdout, NULL, _IONBF, 0);
    base = mmap(NULL, 8192, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    /* movs r2, #42; adds r3, r2, #1; nop; add.w r0, r0, #2 (first half) */
    static const uint16_t straddle[] = { 0x222a, 0x1c53, 0xbf00, 0xf100 };
    run(straddle, 4, -1);
    run(straddle, 4, PROT_NONE);
    /* movs r2, #42; adds r3, r2, #1; then nothing readable */
    static const uint16_t ends[] = { 0x222a, 0x1c53 };
    run(ends, 2, -1);
    run(ends, 2, PROT_NONE);
    return 0;
}
