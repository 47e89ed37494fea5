/*
 * i386 EFLAGS and registers at faults in a hot loop, where the lazy flags
 * (cc_op, cc_dst, cc_src) were left as fault-only recipes (tcg/README.md,
 * "Fault-only flags"): nothing but a fault reads them before the next
 * flag-setting instruction, so a hot region does not compute them and the
 * fault handler must, from the operands in host registers or constants.
 *
 * The loop (walk) loads five pointers per iteration from a table and reads
 * through each; one table entry is bad, so the read at that site faults in
 * that iteration.  The flags then in force come from: an add (site 0 and
 * the load inside a cmp, site 1), a cmp with a memory operand or an inc
 * (site 2, after a forward branch: the paths meet at a label), a sub
 * (site 3) and a test (site 4).  The SIGSEGV handler prints the site, the
 * iteration, the registers and the six arithmetic flags; each site faults
 * once early (cold code) and once after 1500 iterations (a hot region).
 * Expected output: i386-faultflags.expected, from qemu-i386 (which
 * computes the flags eagerly) and equal to mimic's with MIMIC_REGIONS=0.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

#define ITERS 1600
#define SITES 5

extern char site0[], site1[], site2[], site3[], site4[], walk_out[];
void walk(uint32_t **table);

__asm__(".text\n"
        ".globl walk\n"
        "walk:\n\t"
        "pushl %ebp\n\tpushl %ebx\n\tpushl %esi\n\tpushl %edi\n\t"
        "movl 20(%esp), %esi\n\t"
        "movl $1, %ebx\n\tmovl $0x9e3779b9, %ecx\n\txorl %edi, %edi\n\txorl %ebp, %ebp\n\t"
        "xorl %eax, %eax\n\t" /* (flags: CLR at the first site 0) */
        "1:\n\t"
        "movl (%esi), %eax\n"
        ".globl site0\nsite0:\n\t"
        "movl (%eax), %eax\n\t"
        "movl 4(%esi), %edx\n"
        ".globl site1\nsite1:\n\t"
        "cmpl (%edx), %eax\n\t"
        "jg 2f\n\t"
        "incl %ebx\n"
        "2:\n\t"
        "movl 8(%esi), %edx\n"
        ".globl site2\nsite2:\n\t"
        "movl (%edx), %edx\n\t"
        "subl %edx, %ecx\n\t"
        "movl 12(%esi), %edi\n"
        ".globl site3\nsite3:\n\t"
        "movl (%edi), %edi\n\t"
        "testl %edi, %eax\n\t"
        "movl 16(%esi), %edx\n"
        ".globl site4\nsite4:\n\t"
        "movl (%edx), %edx\n\t"
        "addl %edx, %ebx\n\t"
        "leal 20(%esi), %esi\n\t"
        "leal 1(%ebp), %ebp\n\t"
        "jmp 1b\n"
        ".globl walk_out\nwalk_out:\n\t"
        "popl %edi\n\tpopl %esi\n\tpopl %ebx\n\tpopl %ebp\n\t"
        "ret\n");

static uint32_t vals[ITERS * SITES];
static uint32_t *table[ITERS * SITES];

static void on_segv(int sig, siginfo_t *si, void *ctx)
{
    (void)sig;
    (void)si;
    ucontext_t *uc = ctx;
    greg_t *r = uc->uc_mcontext.gregs;
    char *pc = (char *)(uintptr_t)r[REG_EIP];
    char *sites[SITES] = { site0, site1, site2, site3, site4 };
    int site = -1;
    for (int i = 0; i < SITES; i++)
        if (pc == sites[i])
            site = i;
    printf("site %d iter %u: eax=%08x ebx=%08x ecx=%08x edx=%08x edi=%08x flags=%03x\n", site,
           (unsigned)r[REG_EBP], (unsigned)r[REG_EAX], (unsigned)r[REG_EBX], (unsigned)r[REG_ECX],
           (unsigned)r[REG_EDX], (unsigned)r[REG_EDI], (unsigned)(r[REG_EFL] & 0x8d5));
    r[REG_EIP] = (greg_t)(uintptr_t)walk_out;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    uint32_t x = 12345;
    for (int i = 0; i < ITERS * SITES; i++) {
        x = x * 1103515245u + 12345u;
        vals[i] = x ^ (x >> 13) ^ ((x & 8) ? 0x80000000u : 0); /* (both signs) */
        if ((x >> 8) % 7 == 0)
            vals[i] = vals[i > 0 ? i - 1 : 0]; /* (equal values: ZF) */
        table[i] = &vals[i];
    }
    for (int round = 0; round < 2; round++) {
        for (int site = 0; site < SITES; site++) {
            /* the second round: different values, so flags differ */
            int iter = round == 0 ? 3 + site : 1500 + 17 * site;
            int k = iter * SITES + site;
            table[k] = (uint32_t *)16;
            walk(table);
            table[k] = &vals[k];
        }
    }
    return 0;
}
