/*
 * The kuser helper page at 0xffff0000 as an ARM Linux process has it (the
 * arm64 kernel's compat "[vectors]", a special mapping inside the 32-bit
 * address space that ends at 0xfffff000): it can never be made writable
 * (EACCES: no VM_MAYWRITE), MAP_FIXED_NOREPLACE finds it taken, but
 * MAP_FIXED replaces it like any mapping: then the guest's own code runs
 * at 0xffff0fe0 (no helper any more) and /proc/self/maps no longer names
 * it; once unmapped, a call there is SIGSEGV at that address.  The page
 * above it is ordinary memory, whose code runs; the top page is never
 * the process's (ENOMEM).  Expected output: arm-kuserpage.expected.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "arm-common.h"

#define VECTORS 0xffff0000u

static uint32_t call(uint32_t addr)
{
    uint32_t r0;
    __asm__ volatile("mov r0, #0\n\tblx %[a]\n\tmov %[r], r0"
                     : [r] "=r"(r0)
                     : [a] "r"(addr)
                     : "r0", "r1", "r2", "r3", "r12", "lr", "memory", "cc");
    return r0;
}

static int maps_has_vectors(void)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[256];
    int n = 0;
    while (f && fgets(line, sizeof line, f))
        n += strstr(line, "[vectors]") != NULL;
    if (f)
        fclose(f);
    return n;
}

/* "mov r0, #imm; bx lr" at addr */
static void put_ret(uint32_t addr, uint32_t imm)
{
    volatile uint32_t *p = (volatile uint32_t *)addr;
    p[0] = 0xe3a00000u | imm;
    p[1] = 0xe12fff1eu;
    __builtin___clear_cache((char *)addr, (char *)addr + 8);
}

static sigjmp_buf jb;
static volatile uint32_t fault_addr, fault_code;
static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)uc;
    fault_addr = (uint32_t)si->si_addr;
    fault_code = (uint32_t)si->si_code;
    siglongjmp(jb, 1);
}

int main(void)
{
    show("helper version", *(volatile uint32_t *)(VECTORS + 0xffc) >= 3);
    show("maps names it", maps_has_vectors());
    errno = 0;
    show("mprotect writable", mprotect((void *)VECTORS, 4096, PROT_READ | PROT_WRITE) == 0 ? 0 : errno);
    void *r = mmap((void *)VECTORS, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
                   -1, 0);
    show("MAP_FIXED_NOREPLACE", r == MAP_FAILED ? (uint32_t)errno : 0);
    r = mmap((void *)0xfffff000u, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    show("top page", r == MAP_FAILED ? (uint32_t)errno : 0);

    /* The page above: ordinary memory, its code runs. */
    r = mmap((void *)(VECTORS + 0x1000), 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    show("map above", r == (void *)(VECTORS + 0x1000));
    put_ret(VECTORS + 0x1fe0, 7);
    show("code above", call(VECTORS + 0x1fe0));

    /* Replaced: the guest's code at the helper's address. */
    r = mmap((void *)VECTORS, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    show("MAP_FIXED over it", r == (void *)VECTORS);
    show("maps names it", maps_has_vectors());
    show("old version word", *(volatile uint32_t *)(VECTORS + 0xffc));
    put_ret(VECTORS + 0xfe0, 42);
    show("own code at 0xffff0fe0", call(VECTORS + 0xfe0));

    /* Unmapped: a call there faults at that address. */
    show("munmap", munmap((void *)VECTORS, 4096));
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    if (!sigsetjmp(jb, 1))
        call(VECTORS + 0xfe0);
    show("fault addr", fault_addr);
    show("fault code", fault_code);
    return 0;
}
