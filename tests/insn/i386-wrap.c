/*
 * Guest addresses that wrap past 4 GiB: [ebx + disp] with ebx + disp >=
 * 2^32 is the address (ebx + disp) mod 2^32, as on a real i386.  mimic
 * folds small displacements into the host access and then lands in the
 * guard above its guest window (tcg/x86/backend.c, fold_address); the
 * fault handler must turn that into the wrapped access: a load and a store
 * that wrap onto a page mapped at 0x1000 read and write it, and one that
 * wraps onto the unmapped page 0 gets SIGSEGV with si_addr the wrapped
 * address.  Each access runs in a loop so that it is also translated in a
 * hot region.  The same below 0 for negative displacements (folded too:
 * the host address lands in the guard below the window): [ebx - 0x3000]
 * with ebx = 4 is 0xffffd004, on a page mapped at 0xffffd000, and
 * [ebx - 0x10] is the unmapped 0xfffffff4.  Expected output:
 * i386-wrap.expected (from those rules).
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static sigjmp_buf jb;
/* Bases read from memory, so that no translator can fold them into
   constant addresses. */
static volatile uint32_t base_hi = 0xfffff000u, base_top = 0xfffffff8u, base_low = 4;
static volatile uintptr_t fault_addr;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)uc;
    fault_addr = (uintptr_t)si->si_addr;
    siglongjmp(jb, 1);
}

static uint32_t __attribute__((noinline)) load_wrapped(uint32_t base)
{
    uint32_t v;
    __asm__ volatile("movl 0x2004(%1), %0" : "=r"(v) : "r"(base) : "memory");
    return v;
}

static void __attribute__((noinline)) store_wrapped(uint32_t base, uint32_t v)
{
    __asm__ volatile("movl %1, 0x2008(%0)" : : "r"(base), "r"(v) : "memory");
}

static uint32_t __attribute__((noinline)) load_page0(uint32_t base)
{
    uint32_t v;
    __asm__ volatile("movl 0x10(%1), %0" : "=r"(v) : "r"(base) : "memory");
    return v;
}

static uint32_t __attribute__((noinline)) load_below(uint32_t base)
{
    uint32_t v;
    __asm__ volatile("movl -0x3000(%1), %0" : "=r"(v) : "r"(base) : "memory");
    return v;
}

static void __attribute__((noinline)) store_below(uint32_t base, uint32_t v)
{
    __asm__ volatile("movl %1, -0x2ff8(%0)" : : "r"(base), "r"(v) : "memory");
}

static uint32_t __attribute__((noinline)) load_top(uint32_t base)
{
    uint32_t v;
    __asm__ volatile("movl -0x10(%1), %0" : "=r"(v) : "r"(base) : "memory");
    return v;
}

int main(void)
{
    volatile uint32_t *low = mmap((void *)0x1000, 4096, PROT_READ | PROT_WRITE,
                                  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (low == MAP_FAILED) {
        printf("mmap at 0x1000 failed\n");
        return 1;
    }
    low[1] = 0x11223344; /* 0x1004 */
    uint32_t sum = 0;
    for (uint32_t i = 0; i < 3000; i++)
        sum += load_wrapped(base_hi); /* 0x1_0000_1004 -> 0x1004 */
    printf("load: 0x%08x sum 0x%08x\n", load_wrapped(base_hi), sum);
    for (uint32_t i = 0; i < 3000; i++)
        store_wrapped(base_hi, i); /* -> 0x1008 */
    printf("store: 0x%08x\n", low[2]);
    volatile uint32_t *high = mmap((void *)0xffffd000u, 4096, PROT_READ | PROT_WRITE,
                                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (high != (volatile uint32_t *)0xffffd000u) {
        printf("mmap at 0xffffd000 failed\n");
        return 1;
    }
    high[1] = 0x55667788; /* 0xffffd004 */
    sum = 0;
    for (uint32_t i = 0; i < 3000; i++)
        sum += load_below(base_low); /* 4 - 0x3000 -> 0xffffd004 */
    printf("load below 0: 0x%08x sum 0x%08x\n", load_below(base_low), sum);
    for (uint32_t i = 0; i < 3000; i++)
        store_below(base_low, i + 7); /* -> 0xffffd00c */
    printf("store below 0: 0x%08x\n", high[3]);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    unsigned faults = 0;
    for (uint32_t i = 0; i < 3000; i++) {
        fault_addr = 1;
        if (sigsetjmp(jb, 1) == 0)
            load_page0(base_top); /* 0x1_0000_0008 -> 0x8 */
        faults += fault_addr == 0x8;
    }
    printf("page 0: %u faults at 0x8\n", faults);
    faults = 0;
    for (uint32_t i = 0; i < 3000; i++) {
        fault_addr = 1;
        if (sigsetjmp(jb, 1) == 0)
            load_top(base_low); /* 4 - 0x10 -> 0xfffffff4 */
        faults += fault_addr == 0xfffffff4u;
    }
    printf("top page: %u faults at 0xfffffff4\n", faults);
    return 0;
}
