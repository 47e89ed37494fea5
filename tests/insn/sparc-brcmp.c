/*
 * SPARC conditional branches on the condition codes of the instruction
 * right before them (the translator compares subcc's operands, or the
 * result of a logical or add cc instruction, directly): all 16 Bicc
 * conditions and the xcc forms of BPcc after subcc, andcc, orcc and addcc
 * on edge-case operands, plain and annulled, with a delay slot that
 * overwrites the compared registers or sets the condition codes again.
 * Each line is a condition's outcomes (1 taken) over the operand pairs.
 * Expected output: qemu-sparc32plus's (and mimic's before the change).
 */
#include <stdint.h>
#include <stdio.h>

static const uint32_t A[] = { 0, 1, 5, 0x7fffffff, 0x80000000, 0xffffffff, 3, 0x80000000 };
static const uint32_t B[] = { 0, 5, 1, 0xffffffff, 1, 0xffffffff, 0xfffffffd, 0x7fffffff };
#define N (sizeof A / sizeof A[0])

/* taken(a, b): 1 when BR is taken after OP a, b (the delay slot DS runs). */
#define CASE(NAME, OP, BR, DS)                                                                   \
    static unsigned NAME(uint32_t a, uint32_t b)                                                 \
    {                                                                                            \
        unsigned r;                                                                              \
        __asm__ volatile("mov 0, %0\n\t"                                                         \
                         "mov %1, %%o1\n\t"                                                      \
                         "mov %2, %%o2\n\t" OP " %%o1, %%o2, %%o3\n\t" BR " 1f\n\t" DS "\n\t"    \
                         "ba 2f\n\t"                                                             \
                         " nop\n"                                                                \
                         "1:\tmov 1, %0\n"                                                       \
                         "2:\n"                                                                  \
                         : "=&r"(r)                                                              \
                         : "r"(a), "r"(b)                                                        \
                         : "o1", "o2", "o3", "cc");                                              \
        return r;                                                                                \
    }

#define CONDS(P, OP, DS, X)                                                                       \
    CASE(P##_a, OP, "ba" X, DS) CASE(P##_n, OP, "bn" X, DS) CASE(P##_ne, OP, "bne" X, DS)        \
    CASE(P##_e, OP, "be" X, DS) CASE(P##_g, OP, "bg" X, DS) CASE(P##_le, OP, "ble" X, DS)        \
    CASE(P##_ge, OP, "bge" X, DS) CASE(P##_l, OP, "bl" X, DS) CASE(P##_gu, OP, "bgu" X, DS)      \
    CASE(P##_leu, OP, "bleu" X, DS) CASE(P##_cc, OP, "bcc" X, DS) CASE(P##_cs, OP, "bcs" X, DS)  \
    CASE(P##_pos, OP, "bpos" X, DS) CASE(P##_neg, OP, "bneg" X, DS) CASE(P##_vc, OP, "bvc" X, DS) \
    CASE(P##_vs, OP, "bvs" X, DS)                                                                 \
    static unsigned (*const P[16])(uint32_t, uint32_t) = { P##_a,  P##_n,   P##_ne, P##_e,   \
                                                           P##_g,  P##_le,  P##_ge, P##_l,   \
                                                           P##_gu, P##_leu, P##_cc, P##_cs,  \
                                                           P##_pos, P##_neg, P##_vc, P##_vs };

static const char *const names[16] = { "a", "n", "ne", "e", "g", "le", "ge", "l",
                                       "gu", "leu", "cc", "cs", "pos", "neg", "vc", "vs" };

/* The delay slot writes the compared registers. */
CONDS(sub, "subcc", "mov 9, %%o1\n\tmov 9, %%o2", "")
/* Annulled: the delay slot runs only when taken. */
CONDS(suba, "subcc", "mov 0, %%o1", ",a")
/* The delay slot sets the condition codes again (the branch reads the
   first ones). */
CONDS(subcc2, "subcc", "addcc %%g0, 1, %%g0", "")
CONDS(and, "andcc", "mov 0, %%o1", "")
CONDS(or, "orcc", "mov 0, %%o2", ",a")
CONDS(add, "addcc", "mov 0, %%o1", "")
/* xcc on 64-bit values: the operands are sign-extended first. */
#define SX "sra %%o1, 0, %%o1\n\tsra %%o2, 0, %%o2\n\t"
CONDS(subx, SX "subcc", "mov 0, %%o1", ",pt %%xcc,")
CONDS(andx, SX "andcc", "mov 0, %%o1", ",pn %%xcc,")
CONDS(addx, SX "addcc", "mov 0, %%o1", ",a,pt %%xcc,")

static void table(const char *title, unsigned (*const f[16])(uint32_t, uint32_t))
{
    printf("%s\n", title);
    for (int c = 0; c < 16; c++) {
        printf("  %-4s", names[c]);
        for (unsigned i = 0; i < N; i++)
            printf(" %u", f[c](A[i], B[i]));
        printf("\n");
    }
}

int main(void)
{
    table("subcc (delay slot writes the operands)", sub);
    table("subcc, annulled", suba);
    table("subcc (delay slot: addcc)", subcc2);
    table("andcc", and);
    table("orcc, annulled", or);
    table("addcc", add);
    table("subcc xcc (sign-extended operands)", subx);
    table("andcc xcc", andx);
    table("addcc xcc, annulled", addx);
    return 0;
}
