/*
 * SPARC dead flags across chained blocks (target-sparc/flagkill.c): a block
 * sets the condition codes and jumps (a forward ba over an unimp, so the
 * jump leaves the block); the block it jumps to runs instructions the
 * decoder passes over (sethi, ALU ops, shifts, umul) and then reads or
 * overwrites the flags.  Flags it reads must survive the jump; flags a cc
 * instruction overwrites may be dropped.  Each case runs 3000 times (hot
 * regions form) and must give the same answer every time.  Last, a fault
 * in the successor block: the SIGSEGV frame's psr shows the flags of the
 * subcc before the jump.
 * Expected output: sparc-flagkill.expected, computed by hand.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define JUMP "ba 1f\n\tnop\n\tunimp 0\n1:\t"

/* C from subcc read by addx after a shift and an add: a < b unsigned. */
static uint32_t carry_after_alu(uint32_t a, uint32_t b)
{
    uint32_t r, t = 0;
    __asm__ volatile("subcc %2, %3, %%g0\n\t" JUMP "sll %1, 2, %1\n\tadd %1, 1, %1\n\taddx %%g0, 0, %0"
                     : "=r"(r), "+r"(t) : "r"(a), "r"(b) : "cc");
    return r;
}

/* C read by subx after sethi and umul (umul writes Y, not the flags). */
static uint32_t carry_after_umul(uint32_t a, uint32_t b)
{
    uint32_t r, t;
    __asm__ volatile("subcc %2, %3, %%g0\n\t" JUMP "sethi %%hi(0x12345000), %1\n\tumul %1, 3, %1\n\t"
                     "subx %%g0, 0, %0"
                     : "=r"(r), "=&r"(t) : "r"(a), "r"(b) : "cc");
    return r;
}

/* Z read by a branch in the successor: 1 if a == b. */
static uint32_t zero_by_branch(uint32_t a, uint32_t b)
{
    uint32_t r = 0;
    __asm__ volatile("cmp %1, %2\n\t" JUMP "xor %1, 5, %%g0\n\tbne 2f\n\tnop\n\tmov 1, %0\n2:"
                     : "+r"(r) : "r"(a), "r"(b) : "cc");
    return r;
}

/* andcc overwrites the flags: C = 0 afterwards whatever subcc left. */
static uint32_t carry_after_andcc(uint32_t a, uint32_t b)
{
    uint32_t r;
    __asm__ volatile("subcc %1, %2, %%g0\n\t" JUMP "srl %1, 1, %%g1\n\tandcc %1, %2, %%g0\n\taddx %%g0, 0, %0"
                     : "=r"(r) : "r"(a), "r"(b) : "cc", "g1");
    return r;
}

/* addcc overwrites them: N, Z, V, C of the addcc as a bl/be/bvs/bcs mask. */
static uint32_t flags_after_addcc(uint32_t a, uint32_t b)
{
    uint32_t r = 0;
    __asm__ volatile("subcc %1, %2, %%g0\n\t" JUMP "addcc %1, %2, %%g0\n\t"
                     "bneg 2f\n\tnop\n\tb 3f\n\tnop\n2:\tor %0, 8, %0\n3:\t"
                     "bne 4f\n\tnop\n\tor %0, 4, %0\n4:\t"
                     "bvc 5f\n\tnop\n\tor %0, 2, %0\n5:\t"
                     "bcc 6f\n\tnop\n\tor %0, 1, %0\n6:"
                     : "+r"(r) : "r"(a), "r"(b) : "cc");
    return r;
}

/* Z under SPARC_CC_FLAGS (wr %ccr: N = Z = 0, result word 0) read in the
   successor: 1 if the branch sees Z. */
static uint32_t zero_after_wrccr(uint32_t a, uint32_t b)
{
    uint32_t r = 0;
    __asm__ volatile("wr %%g0, %2, %%ccr\n\t" JUMP "add %1, 1, %%g0\n\tbne 2f\n\tnop\n\tmov 1, %0\n2:"
                     : "+r"(r) : "r"(a), "r"(b) : "cc");
    return r;
}

/* Z after addxcc (every flag computed) read in the successor. */
static uint32_t zero_after_addxcc(uint32_t a, uint32_t b)
{
    uint32_t r = 0;
    __asm__ volatile("addcc %%g0, 0, %%g0\n\taddxcc %1, %2, %%g0\n\t" JUMP "bne 2f\n\tnop\n\tmov 1, %0\n2:"
                     : "+r"(r) : "r"(a), "r"(b) : "cc");
    return r;
}

/* A conditional branch whose delay slot is an ALU op (the outcome stays in
   a temp) in a loop: counts the iterations where i & 1. */
static uint32_t delayed_count(uint32_t n)
{
    uint32_t r = 0, i = 0, t = 0;
    __asm__ volatile("1:\tandcc %1, 1, %%g0\n\tbe 2f\n\tadd %2, 3, %2\n\tadd %0, 1, %0\n"
                     "2:\tadd %1, 1, %1\n\tcmp %1, %3\n\tbne 1b\n\tnop"
                     : "+r"(r), "+r"(i), "+r"(t) : "r"(n) : "cc");
    return r + (t != 3 * n);
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

/* ---- a fault after the jump: the frame's psr holds subcc's flags ---- */
static volatile uint32_t seen_psr;
static void on_segv(int sig, siginfo_t *si, void *ctx)
{
    (void)sig;
    (void)si;
    uint32_t *regs = ctx; /* sparc32: pt_regs32 {psr, pc, npc, ...} */
    seen_psr = regs[0];
    regs[1] = regs[2]; /* skip the load */
    regs[2] = regs[2] + 4;
}

static uint32_t icc_at_fault(uint32_t a, uint32_t b)
{
    seen_psr = 0;
    __asm__ volatile("subcc %0, %1, %%g0\n\t" JUMP "add %0, 1, %%g1\n\tld [%%g0], %%g1" : : "r"(a), "r"(b)
                     : "cc", "g1", "memory");
    return (seen_psr >> 20) & 15; /* N Z V C */
}

int main(void)
{
    run("carry_after_alu", carry_after_alu, 1, 2);
    run("carry_after_alu", carry_after_alu, 2, 1);
    run("carry_after_umul", carry_after_umul, 1, 2);
    run("carry_after_umul", carry_after_umul, 5, 5);
    run("zero_by_branch", zero_by_branch, 7, 7);
    run("zero_by_branch", zero_by_branch, 7, 8);
    run("carry_after_andcc", carry_after_andcc, 1, 2);
    run("flags_after_addcc", flags_after_addcc, 0x7fffffff, 1);
    run("flags_after_addcc", flags_after_addcc, 0xffffffff, 1);
    run("flags_after_addcc", flags_after_addcc, 1, 2);
    run("zero_after_wrccr", zero_after_wrccr, 1, 0);
    run("zero_after_wrccr", zero_after_wrccr, 1, 4);
    run("zero_after_addxcc", zero_after_addxcc, 1, 0xffffffff);
    run("zero_after_addxcc", zero_after_addxcc, 1, 1);
    printf("delayed_count(5000) = %u\n", delayed_count(5000));

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    run("icc_at_fault", icc_at_fault, 1, 2);
    run("icc_at_fault", icc_at_fault, 3, 3);
    return 0;
}
