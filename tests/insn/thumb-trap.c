/*
 * Thumb instructions that trap: UDF (16- and 32-bit), an unallocated 32-bit
 * encoding and BKPT raise SIGILL/SIGTRAP at the instruction; the handler
 * steps over it (2 or 4 bytes, read from the faulting halfword) and the
 * program goes on.  A failed-condition instruction inside an IT block does
 * not trap even when it is undefined.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static volatile int count;

static void handler(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;
    uint32_t pc = uc->uc_mcontext.arm_pc;
    uint16_t hw = *(uint16_t *)pc;
    int thumb = (uc->uc_mcontext.arm_cpsr >> 5) & 1;
    printf("sig %s hw %04x thumb %d addr_ok %d\n", sig == SIGILL ? "ILL" : sig == SIGTRAP ? "TRAP" : "?",
           hw, thumb, sig != SIGILL || (uint32_t)si->si_addr == pc);
    uc->uc_mcontext.arm_pc = pc + ((hw >> 11) >= 0x1d ? 4 : 2);
    count++;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);

    __asm__ volatile(".syntax unified\n\tudf #5" ::: "memory");
    __asm__ volatile(".syntax unified\n\tudf.w #0x123" ::: "memory");
    /* MRS with the SPSR (R = 1): undefined in user mode. */
    __asm__ volatile(".syntax unified\n\t.inst.w 0xf3ff8000" ::: "memory");
    /* LDM with SRS/RFE op 00: undefined in user mode. */
    __asm__ volatile(".syntax unified\n\t.inst.w 0xe81dc000" ::: "memory");
    __asm__ volatile("bkpt #7" ::: "memory");
    /* Skipped by IT: no trap.  The IT condition is false (Z clear). */
    __asm__ volatile(".syntax unified\n\t"
                     "movs r0, #1\n\t"
                     "cmp r0, #0\n\t"
                     "it eq\n\t"
                     ".inst.w 0xf3ff8000\n\t" ::: "r0", "cc", "memory");
    printf("count %d\n", count);
    return 0;
}
