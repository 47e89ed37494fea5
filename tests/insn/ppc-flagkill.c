/*
 * PowerPC dead flags across chained blocks (target-ppc/flagkill.c): a block
 * sets CR fields or XER[CA] and jumps (a forward b over a zero word, so the
 * jump leaves the block); the block it jumps to runs instructions the
 * decoder passes over (addi, rlwinm, plain add/or, cmpw into another field)
 * and then reads or overwrites the flags.  Flags it reads must survive the
 * jump.  Each case runs 3000 times (hot regions form) and must give the
 * same answer every time.
 * Expected output: ppc-flagkill.expected, computed by hand.
 */
#include <stdint.h>
#include <stdio.h>

#define JUMP "b 1f\n\t.long 0\n1:\t"

/* CA from subfc (b - a: CA = no borrow, a <= b unsigned) read by addze
   after addi, rlwinm and add. */
static uint32_t ca_after_alu(uint32_t a, uint32_t b)
{
    uint32_t r, t;
    __asm__ volatile("subfc %1, %2, %3\n\t" JUMP "addi %1, %1, 1\n\trlwinm %1, %1, 2, 0, 29\n\t"
                     "add %1, %1, %1\n\tli %0, 0\n\taddze %0, %0"
                     : "=&r"(r), "=&r"(t) : "r"(a), "r"(b) : "xer");
    return r;
}

/* CR0 from cmpw read by beq after or and add (no record form). */
static uint32_t cr0_after_alu(uint32_t a, uint32_t b)
{
    uint32_t r = 0, t;
    __asm__ volatile("cmpw %2, %3\n\t" JUMP "or %1, %2, %3\n\tadd %1, %1, %2\n\tbne 2f\n\tli %0, 1\n2:"
                     : "+r"(r), "=&r"(t) : "r"(a), "r"(b) : "cr0");
    return r;
}

/* CR1 read after a cmpw into CR0 (which kills CR0 only): 1 if a > b. */
static uint32_t cr1_after_cmp(uint32_t a, uint32_t b)
{
    uint32_t r = 0;
    __asm__ volatile("cmpw 1, %1, %2\n\t" JUMP "cmpwi %1, 0\n\tble 1, 2f\n\tli %0, 1\n2:"
                     : "+r"(r) : "r"(a), "r"(b) : "cr0", "cr1");
    return r;
}

/* CR0 overwritten by add. in the successor: its LT GT EQ as 4 2 1. */
static uint32_t cr0_after_record(uint32_t a, uint32_t b)
{
    uint32_t r, t;
    __asm__ volatile("cmpw %2, %3\n\t" JUMP "add. %1, %2, %3\n\tmfcr %0\n\trlwinm %0, %0, 3, 29, 31"
                     : "=r"(r), "=&r"(t) : "r"(a), "r"(b) : "cr0");
    return r;
}

/* CA overwritten by addic in the successor, then read by adde. */
static uint32_t ca_after_addic(uint32_t a, uint32_t b)
{
    uint32_t r, t;
    __asm__ volatile("subfc %1, %2, %3\n\t" JUMP "addic %1, %2, -1\n\tli %0, 0\n\tadde %0, %0, %0"
                     : "=&r"(r), "=&r"(t) : "r"(a), "r"(b) : "xer");
    return r;
}

/* XER[SO] (set by addo on overflow, cleared again by mcrxr) copied into
   CR0 by a cmpw after the jump: CR0[SO] as 0/1. */
static uint32_t so_in_cmp(uint32_t a, uint32_t b)
{
    uint32_t r, t;
    __asm__ volatile("addo %1, %2, %3\n\t" JUMP "cmpw %2, %3\n\tmfcr %0\n\tmcrxr 7\n\t"
                     "rlwinm %0, %0, 4, 31, 31"
                     : "=r"(r), "=&r"(t) : "r"(a), "r"(b) : "cr0", "cr7", "xer");
    return r;
}

/* A branch right after a compare (translated as a compare of the operands):
   signed lt/gt and unsigned lt/gt, eq each way, as bits 1 2 4 8 16 32. */
static uint32_t cmp_branch(uint32_t a, uint32_t b)
{
    uint32_t r;
    __asm__ volatile("li %0, 0\n\tcmpw %1, %2\n\tbge 1f\n\tori %0, %0, 1\n"
                     "1:\tcmpw %1, %2\n\tble 2f\n\tori %0, %0, 2\n"
                     "2:\tcmpw %1, %2\n\tbne 3f\n\tori %0, %0, 4\n"
                     "3:\tcmplw %1, %2\n\tbge 4f\n\tori %0, %0, 8\n"
                     "4:\tcmplw %1, %2\n\tble 5f\n\tori %0, %0, 16\n"
                     "5:\tcmplw %1, %2\n\tbne 6f\n\tori %0, %0, 32\n6:"
                     : "=&r"(r) : "r"(a), "r"(b) : "cr0");
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

int main(void)
{
    run("ca_after_alu", ca_after_alu, 1, 2);
    run("ca_after_alu", ca_after_alu, 2, 1);
    run("cr0_after_alu", cr0_after_alu, 3, 3);
    run("cr0_after_alu", cr0_after_alu, 3, 4);
    run("cr1_after_cmp", cr1_after_cmp, 5, 4);
    run("cr1_after_cmp", cr1_after_cmp, 4, 5);
    run("cr0_after_record", cr0_after_record, 1, 2);
    run("cr0_after_record", cr0_after_record, 1, 0xfffffffe);
    run("cr0_after_record", cr0_after_record, 1, 0xffffffff);
    run("ca_after_addic", ca_after_addic, 0, 1);
    run("ca_after_addic", ca_after_addic, 1, 0);
    run("cmp_branch", cmp_branch, 1, 0xffffffff);
    run("cmp_branch", cmp_branch, 5, 5);
    run("cmp_branch", cmp_branch, 0x80000000, 1);
    run("so_in_cmp", so_in_cmp, 0x7fffffff, 1);
    run("so_in_cmp", so_in_cmp, 1, 1);
    return 0;
}
