/*
 * PowerPC loads and stores with hand-computed results (ppc-mem.expected):
 * update and indexed forms, byte-reversed, lmw/stmw, the string
 * instructions (lswi/stswi, lswx/stswx with the XER byte count),
 * lwarx/stwcx., dcbz (32-byte lines, AT_DCACHEBSIZE), tw/twi (SIGTRAP at
 * the instruction), and sc's error convention (CR0.SO, positive errno).
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>

static unsigned char buf[128] __attribute__((aligned(64)));

static void fill(void)
{
    for (int i = 0; i < 128; i++)
        buf[i] = (unsigned char)(0x10 + i);
}

static sigjmp_buf jb;
static volatile int trap_code;
static volatile uint32_t trap_addr;
static void on_trap(int sig, siginfo_t *si, void *uc)
{
    trap_code = si->si_code;
    trap_addr = (uint32_t)(uintptr_t)si->si_addr;
    siglongjmp(jb, 1);
}

int main(void)
{
    uint32_t r, r2, p;

    /* Update and indexed forms: the loaded value and the new base. */
    fill();
    p = (uint32_t)(uintptr_t)buf;
    __asm__ volatile("lwzu %0, 4(%1)" : "=r"(r), "+b"(p) :: "memory");
    printf("lwzu %08x base+%u\n", r, p - (uint32_t)(uintptr_t)buf);
    __asm__ volatile("lhau %0, 2(%1)" : "=r"(r), "+b"(p) :: "memory");
    printf("lhau %08x base+%u\n", r, p - (uint32_t)(uintptr_t)buf);
    buf[8] = 0x80;
    __asm__ volatile("lhax %0, %1, %2" : "=r"(r) : "b"(buf), "r"(8) : "memory");
    printf("lhax %08x\n", r);
    __asm__ volatile("lbzux %0, %1, %2" : "=r"(r), "+b"(p) : "r"(3) : "memory");
    printf("lbzux %08x base+%u\n", r, p - (uint32_t)(uintptr_t)buf);
    __asm__ volatile("stwu %2, -8(%1)" : "=m"(buf), "+b"(p) : "r"(0xa1b2c3d4u));
    printf("stwu base+%u bytes %02x %02x %02x %02x\n", p - (uint32_t)(uintptr_t)buf, buf[1], buf[2], buf[3], buf[4]);
    __asm__ volatile("sthx %2, %1, %3" : "=m"(buf) : "b"(buf), "r"(0x12345678u), "r"(20));
    printf("sthx %02x %02x %02x\n", buf[20], buf[21], buf[22]);

    /* Byte-reversed. */
    fill();
    __asm__ volatile("lwbrx %0, 0, %1" : "=r"(r) : "r"(buf) : "memory");
    __asm__ volatile("lhbrx %0, %1, %2" : "=r"(r2) : "b"(buf), "r"(4) : "memory");
    printf("lwbrx %08x lhbrx %08x\n", r, r2);
    __asm__ volatile("stwbrx %1, 0, %2\n\tsthbrx %1, %2, %3" : "=m"(buf) : "r"(0x11223344u), "r"(buf), "r"(4));
    printf("stwbrx %02x %02x %02x %02x sthbrx %02x %02x\n", buf[0], buf[1], buf[2], buf[3], buf[4], buf[5]);

    /* lmw/stmw r28..r31 (r30, the PIC register, saved around them). */
    fill();
    {
        uint32_t v[5];
        __asm__ volatile("stw 30, 0(%1)\n\tlmw 28, 0(%0)\n\tstw 28, 4(%1)\n\tstw 29, 8(%1)\n\t"
                         "stw 30, 12(%1)\n\tstw 31, 16(%1)\n\tlwz 30, 0(%1)"
                         :: "b"(buf + 1), "b"(v) : "r28", "r29", "r31", "memory");
        printf("lmw %08x %08x %08x %08x\n", v[1], v[2], v[3], v[4]);
        __asm__ volatile("stw 30, 0(%1)\n\tli 29, 0x5a\n\tli 30, -1\n\tli 31, 7\n\tstmw 29, 0(%0)\n\t"
                         "lwz 30, 0(%1)" :: "b"(buf + 64), "b"(v) : "r29", "r31", "memory");
        printf("stmw %02x%02x%02x%02x %02x%02x%02x%02x %02x%02x%02x%02x\n", buf[64], buf[65], buf[66], buf[67],
               buf[68], buf[69], buf[70], buf[71], buf[72], buf[73], buf[74], buf[75]);
    }

    /* Strings: 7 bytes into two registers (the tail zeroed), and back. */
    fill();
    {
        uint32_t a, b;
        __asm__ volatile("lswi 9, %2, 7\n\tmr %0, 9\n\tmr %1, 10" : "=r"(a), "=r"(b) : "b"(buf) : "r9", "r10", "memory");
        printf("lswi %08x %08x\n", a, b);
        memset(buf + 32, 0xee, 8);
        __asm__ volatile("lis 9, 0x4142\n\tori 9, 9, 0x4344\n\tlis 10, 0x4546\n\tstswi 9, %0, 6" :: "b"(buf + 32)
                         : "r9", "r10", "memory");
        printf("stswi %02x %02x %02x %02x %02x %02x %02x\n", buf[32], buf[33], buf[34], buf[35], buf[36], buf[37], buf[38]);
        __asm__ volatile("mtxer %2\n\tlswx 9, 0, %3\n\tmr %0, 9\n\tmr %1, 10"
                         : "=r"(a), "=r"(b) : "r"(5), "r"(buf + 1) : "r9", "r10", "xer", "memory");
        printf("lswx %08x %08x\n", a, b);
        memset(buf + 48, 0xee, 8);
        __asm__ volatile("mtxer %0\n\tlis 9, 0x6162\n\tori 9, 9, 0x6364\n\tlis 10, 0x6566\n\tstswx 9, %1, %2"
                         :: "r"(5), "b"(buf), "r"(48) : "r9", "r10", "xer", "memory");
        printf("stswx %02x %02x %02x %02x %02x %02x\n", buf[48], buf[49], buf[50], buf[51], buf[52], buf[53]);
    }

    /* Reservations: success, a second stwcx. without lwarx fails, and a
       reservation for another address fails. */
    {
        static uint32_t word = 5, other = 9;
        uint32_t cr, old;
        __asm__ volatile("lwarx %0, 0, %2\n\taddi %0, %0, 1\n\tstwcx. %0, 0, %2\n\tmfcr %1"
                         : "=&r"(old), "=r"(cr) : "r"(&word) : "cr0", "memory");
        printf("stwcx ok cr0 %x word %u\n", cr >> 28, word);
        __asm__ volatile("stwcx. %2, 0, %1\n\tmfcr %0" : "=r"(cr) : "r"(&word), "r"(77) : "cr0", "memory");
        printf("stwcx again cr0 %x word %u\n", cr >> 28, word);
        __asm__ volatile("lwarx %0, 0, %2\n\tstwcx. %0, 0, %3\n\tmfcr %1"
                         : "=&r"(old), "=r"(cr) : "r"(&word), "r"(&other) : "cr0", "memory");
        printf("stwcx other cr0 %x other %u\n", cr >> 28, other);
    }

    /* dcbz clears the aligned 32-byte line holding the address. */
    fill();
    __asm__ volatile("dcbz %1, %2" : "=m"(buf) : "b"(buf), "r"(37));
    printf("dcbz %02x %02x %02x %02x line %lu\n", buf[31], buf[32], buf[63], buf[64], getauxval(AT_DCACHEBSIZE));

    /* tw/twi: SIGTRAP (TRAP_BRKPT) at the trap when a condition holds. */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_trap;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGTRAP, &sa, NULL);
    extern char trap1[], trap2[];
    if (sigsetjmp(jb, 1) == 0) {
        __asm__ volatile("twi 4, %0, 4\n\ttw 16, %0, %1\n\t.globl trap1\ntrap1:\n\ttwlgt %1, %0" :: "r"(3), "r"(-1));
        printf("no trap\n");
    } else {
        printf("trap code %d at trap1 %d\n", trap_code, trap_addr == (uint32_t)(uintptr_t)trap1);
    }
    if (sigsetjmp(jb, 1) == 0) {
        __asm__ volatile(".globl trap2\ntrap2:\n\ttrap");
        printf("no trap\n");
    } else {
        printf("trap code %d at trap2 %d\n", trap_code, trap_addr == (uint32_t)(uintptr_t)trap2);
    }

    /* sc: close(-1) fails with CR0.SO set and EBADF (9) in r3; getpid works
       with SO clear. */
    {
        uint32_t r3, cr;
        __asm__ volatile("li 0, 6\n\tli 3, -1\n\tsc\n\tmr %0, 3\n\tmfcr %1"
                         : "=r"(r3), "=r"(cr) :: "r0", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10",
                           "r11", "r12", "cr0", "ctr", "memory");
        printf("sc close(-1) r3 %u so %u\n", r3, (cr >> 28) & 1);
        __asm__ volatile("li 0, 20\n\tsc\n\tmfcr %0"
                         : "=r"(cr) :: "r0", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10",
                           "r11", "r12", "cr0", "ctr", "memory");
        printf("sc getpid so %u\n", (cr >> 28) & 1);
    }
    return 0;
}
