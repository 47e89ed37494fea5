/*
 * SPARC alignment traps: a misaligned integer or FP load/store is SIGBUS
 * with si_code BUS_ADRALN (1) and si_addr = the effective address, as the
 * sparc64 kernel's mem_address_unaligned answers a 32-bit process; the
 * access does nothing (a load leaves rd alone, a store writes no byte).
 * lddf/stdf on a word-aligned (not doubleword-aligned) address complete:
 * the kernel emulates that trap (handle_lddfmna/handle_stdfmna).  One fault
 * sits in a delay slot: the handler's frame names the delay-slot pc.
 * Expected output: sparc-align.expected, written by hand.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static sigjmp_buf jb;
static volatile int got_code;
static volatile uintptr_t got_addr;
static volatile uint32_t got_pc, got_npc;
static uint32_t tmpw; /* FP registers go through it */

static void on_bus(int sig, siginfo_t *si, void *ctx)
{
    (void)sig;
    /* sparc32: the third argument is the frame's pt_regs32 {psr, pc, npc, ...}. */
    uint32_t *regs = ctx;
    got_code = si->si_code;
    got_addr = (uintptr_t)si->si_addr;
    got_pc = regs[1];
    got_npc = regs[2];
    siglongjmp(jb, 1);
}

static uint8_t buf[64] __attribute__((aligned(16)));

static void fill(void)
{
    for (int i = 0; i < 64; i++)
        buf[i] = (uint8_t)(0x40 + i);
}

static uint32_t sum(void)
{
    uint32_t s = 0;
    for (int i = 0; i < 64; i++)
        s = s * 31 + buf[i];
    return s;
}

/* Run one access; report "ok" (with the loaded value) or the signal. */
#define TRY(NAME, OFF, ASM)                                                                         \
    do {                                                                                                 \
        volatile uint32_t r = 0x11111111;                                                                \
        uint32_t before;                                                                                 \
        fill();                                                                                          \
        before = sum();                                                                                  \
        got_code = -1;                                                                                   \
        if (!sigsetjmp(jb, 1)) {                                                                         \
            uint32_t v = 0x11111111;                                                                     \
            char *p = (char *)buf + (OFF);                                                               \
            __asm__ volatile(ASM : "+r"(v) : "r"(p), "r"(&tmpw) : "g2", "g3", "f3", "f4", "f5", "cc", "memory");                          \
            r = v;                                                                                       \
            printf("%-6s +%-2d ok %08x%s\n", NAME, OFF, (unsigned)r, sum() != before ? " written" : "");   \
        } else {                                                                                         \
            printf("%-6s +%-2d SIGBUS code %d addr +%d%s\n", NAME, OFF, got_code,                        \
                   (int)(got_addr - (uintptr_t)buf), sum() != before ? " WRITTEN" : "");                   \
        }                                                                                                \
    } while (0)

extern char ds_load[], ds_target[];

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_bus;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGBUS, &sa, NULL);

    TRY("lduh", 2, "lduh [%1], %0");
    TRY("lduh", 3, "lduh [%1], %0");
    TRY("ldsh", 5, "ldsh [%1], %0");
    TRY("ld", 4, "ld [%1], %0");
    TRY("ld", 6, "ld [%1], %0");
    TRY("ld", 1, "ld [%1], %0");
    TRY("ldd", 8, "ldd [%1], %%g2\n\tmov %%g3, %0");
    TRY("ldd", 12, "ldd [%1], %%g2\n\tmov %%g3, %0");
    TRY("ldub", 7, "ldub [%1], %0");
    TRY("sth", 9, "sth %0, [%1]");
    TRY("st", 2, "st %0, [%1]");
    TRY("st", 8, "st %0, [%1]");
    TRY("std", 4, "mov 5, %%g2\n\tmov 6, %%g3\n\tstd %%g2, [%1]");
    TRY("std", 16, "mov 5, %%g2\n\tmov 6, %%g3\n\tstd %%g2, [%1]");
    TRY("swap", 6, "swap [%1], %0");
    TRY("casa", 20, "casa [%1] 0x80, %%g0, %0");
    TRY("casa", 22, "casa [%1] 0x80, %%g0, %0");
    TRY("ldx", 4, "ldx [%1], %%g2\n\tsrlx %%g2, 32, %0");
    TRY("ldf", 2, "ld [%1], %%f3\n\tst %%f3, [%2]\n\tld [%2], %0");
    TRY("ldf", 4, "ld [%1], %%f3\n\tst %%f3, [%2]\n\tld [%2], %0");
    TRY("lddf", 4, "ldd [%1], %%f4\n\tst %%f5, [%2]\n\tld [%2], %0");
    TRY("lddf", 6, "ldd [%1], %%f4\n\tst %%f5, [%2]\n\tld [%2], %0");
    TRY("stf", 3, "st %%f3, [%1]");
    TRY("stdf", 12, "ld [%2], %%f4\n\tld [%2], %%f5\n\tstd %%f4, [%1]");
    TRY("stdf", 10, "std %%f4, [%1]");
    /* A misaligned load in the delay slot of a taken branch. */
    TRY("dslot", 1, "cmp %%g0, 0\n\tbe ds_target\n.globl ds_load\nds_load:\t ld [%1], %0\n\tmov 7, %0\n"
                    ".globl ds_target\nds_target:");
    printf("delay-slot fault: pc is the load %d, npc is the target %d\n",
           got_pc == (uint32_t)(uintptr_t)ds_load, got_npc == (uint32_t)(uintptr_t)ds_target);
    return 0;
}
