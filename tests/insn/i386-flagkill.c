/*
 * i386 dead flags across chained blocks (target-i386/flagkill.c): a block
 * sets the flags and jumps (a forward jmp over a ud2, so the jump leaves
 * the block); the block it jumps to runs instructions the decoder passes
 * over (mov, lea, mov of an immediate) and then reads or overwrites the
 * flags.  Flags it reads must survive the jump.  Each case runs 3000 times
 * (hot regions form) and must give the same answer every time.  Last, a
 * fault in the successor: the SIGSEGV context's EFLAGS hold the cmp's CF.
 * Expected output: i386-flagkill.expected, computed by hand (qemu-i386
 * agrees).
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

#define JUMP "jmp 1f\n\tud2\n1:\t"

/* CF from cmp (a < b unsigned) read by adc after mov, lea and mov imm. */
static uint32_t carry_after_moves(uint32_t a, uint32_t b)
{
    uint32_t r, t;
    __asm__ volatile("cmpl %3, %2\n\t" JUMP "movl %2, %1\n\tleal 4(%1,%3,2), %1\n\tmovl $0, %0\n\t"
                     "adcl $0, %0"
                     : "=&r"(r), "=&r"(t) : "r"(a), "r"(b) : "cc");
    return r;
}

/* ZF read by a conditional jump after a mov imm and a lea. */
static uint32_t zero_after_lea(uint32_t a, uint32_t b)
{
    uint32_t r = 0, t;
    __asm__ volatile("cmpl %3, %2\n\t" JUMP "movl $7, %1\n\tleal 1(%1), %1\n\tjne 2f\n\tmovl $1, %0\n2:"
                     : "+r"(r), "=&r"(t) : "r"(a), "r"(b) : "cc");
    return r;
}

/* inc keeps CF: the cmp's CF reaches the adc. */
static uint32_t carry_across_inc(uint32_t a, uint32_t b)
{
    uint32_t r, t = 0;
    __asm__ volatile("cmpl %3, %2\n\t" JUMP "incl %1\n\tmovl $0, %0\n\tadcl $0, %0"
                     : "=&r"(r), "+r"(t) : "r"(a), "r"(b) : "cc");
    return r;
}

/* test clears CF: the adc after it adds 0. */
static uint32_t carry_after_test(uint32_t a, uint32_t b)
{
    uint32_t r;
    __asm__ volatile("cmpl %2, %1\n\t" JUMP "testl %1, %1\n\tmovl $0, %0\n\tadcl $0, %0"
                     : "=&r"(r) : "r"(a), "r"(b) : "cc");
    return r;
}

/* add overwrites the flags: its CF and ZF as 2 and 1. */
static uint32_t flags_after_add(uint32_t a, uint32_t b)
{
    uint32_t r = 0, t;
    __asm__ volatile("cmpl %3, %2\n\t" JUMP "movl %2, %1\n\taddl %3, %1\n\tjnc 2f\n\tleal 2(%0), %0\n2:\t"
                     "jnz 3f\n\tleal 1(%0), %0\n3:"
                     : "+r"(r), "=&r"(t) : "r"(a), "r"(b) : "cc");
    return r;
}

typedef uint32_t (*Case)(uint32_t, uint32_t);

static void run(const char *name, Case f, uint32_t a, uint32_t b)
{
    uint32_t first = f(a, b), same = 1;
    for (int i = 0; i < 3000; i++)
        if (f(a, b) != first)
            same = 0;
    printf("%s(%#x, %#x) = %u%s\n", name, a, b, first, same ? "" : " (changed when hot)");
}

/* ---- a fault after the jump: EFLAGS in the context hold cmp's CF ---- */
static volatile uint32_t seen_cf;
extern char fault_insn[], fault_next[];
static void on_segv(int sig, siginfo_t *si, void *ctx)
{
    (void)sig;
    (void)si;
    ucontext_t *uc = ctx;
    seen_cf = uc->uc_mcontext.gregs[REG_EFL] & 1;
    uc->uc_mcontext.gregs[REG_EIP] = (greg_t)(uintptr_t)fault_next;
}

static uint32_t cf_at_fault(uint32_t a, uint32_t b)
{
    seen_cf = 7;
    __asm__ volatile("cmpl %1, %0\n\t" JUMP "movl %0, %%ecx\n\t"
                     ".globl fault_insn\nfault_insn:\tmovl 0, %%ecx\n"
                     ".globl fault_next\nfault_next:"
                     : : "r"(a), "r"(b) : "cc", "ecx", "memory");
    return seen_cf;
}

int main(void)
{
    run("carry_after_moves", carry_after_moves, 1, 2);
    run("carry_after_moves", carry_after_moves, 2, 1);
    run("zero_after_lea", zero_after_lea, 5, 5);
    run("zero_after_lea", zero_after_lea, 5, 6);
    run("carry_across_inc", carry_across_inc, 1, 2);
    run("carry_across_inc", carry_across_inc, 2, 1);
    run("carry_after_test", carry_after_test, 1, 2);
    run("flags_after_add", flags_after_add, 0xffffffff, 1);
    run("flags_after_add", flags_after_add, 0xfffffffe, 1);
    run("flags_after_add", flags_after_add, 1, 1);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    run("cf_at_fault", cf_at_fault, 1, 2);
    run("cf_at_fault", cf_at_fault, 2, 1);
    return 0;
}
