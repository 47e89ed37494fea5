/*
 * SPARC conditional branches at the start of a block, on condition codes
 * set in the previous block (glibc memcpy: `brz,pn %o2, out; cmp %o2, 15`
 * then `bleu`): the translator does not know there which instruction set
 * them (a dynamic cc_op) and computes V and C from cc_op at run time
 * (subcc inline, the others in a helper).  All 16 conditions on icc and
 * xcc after subcc, addcc and andcc in the delay slot of a register
 * branch both of whose ways reach the conditional branch, on edge-case
 * operands (sign-extended to 64 bits for xcc).  Each line is a
 * condition's outcomes (1 taken) over the operand pairs, then the count
 * of outcomes that differ from a C model of the condition codes.
 * Expected output: qemu-sparc32plus's.
 */
#include <stdint.h>
#include <stdio.h>

static const uint32_t A[] = { 0, 1, 5, 0x7fffffff, 0x80000000, 0xffffffff, 3, 0x80000000, 0xfffffffe, 0x7fffffff };
static const uint32_t B[] = { 0, 5, 1, 0xffffffff, 1, 0xffffffff, 0xfffffffd, 0x7fffffff, 0xffffffff, 0x80000000 };
#define N (sizeof A / sizeof A[0])

/* taken(a, b, z): 1 when BR is taken after OP a, b, OP in the delay slot
   of `brz z` (z 0 or 1: both ways lead to BR, a block of its own). */
#define SX "sra %%o1, 0, %%o1\n\tsra %%o2, 0, %%o2\n\t"
#define CASE(NAME, OP, BR)                                                                       \
    static unsigned NAME(uint32_t a, uint32_t b, uint32_t z)                                     \
    {                                                                                            \
        unsigned r;                                                                              \
        __asm__ volatile("mov 0, %0\n\t"                                                         \
                         "mov %1, %%o1\n\t"                                                      \
                         "mov %2, %%o2\n\t" SX "brz,pn %3, 1f\n\t" OP " %%o1, %%o2, %%g0\n"     \
                         "1:\t" BR " 2f\n\t"                                                     \
                         " nop\n\t"                                                              \
                         "ba 3f\n\t"                                                             \
                         " nop\n"                                                                \
                         "2:\tmov 1, %0\n"                                                       \
                         "3:\n"                                                                  \
                         : "=&r"(r)                                                              \
                         : "r"(a), "r"(b), "r"(z)                                                \
                         : "o1", "o2", "cc");                                                    \
        return r;                                                                                \
    }

#define CONDS(P, OP, X)                                                                           \
    CASE(P##_a, OP, "ba" X) CASE(P##_n, OP, "bn" X) CASE(P##_ne, OP, "bne" X)                     \
    CASE(P##_e, OP, "be" X) CASE(P##_g, OP, "bg" X) CASE(P##_le, OP, "ble" X)                     \
    CASE(P##_ge, OP, "bge" X) CASE(P##_l, OP, "bl" X) CASE(P##_gu, OP, "bgu" X)                   \
    CASE(P##_leu, OP, "bleu" X) CASE(P##_cc, OP, "bcc" X) CASE(P##_cs, OP, "bcs" X)               \
    CASE(P##_pos, OP, "bpos" X) CASE(P##_neg, OP, "bneg" X) CASE(P##_vc, OP, "bvc" X)             \
    CASE(P##_vs, OP, "bvs" X)                                                                     \
    static unsigned (*const P[16])(uint32_t, uint32_t, uint32_t) = {                              \
        P##_a, P##_n, P##_ne, P##_e, P##_g, P##_le, P##_ge, P##_l,                                \
        P##_gu, P##_leu, P##_cc, P##_cs, P##_pos, P##_neg, P##_vc, P##_vs };

static const char *const names[16] = { "a", "n", "ne", "e", "g", "le", "ge", "l",
                                       "gu", "leu", "cc", "cs", "pos", "neg", "vc", "vs" };

CONDS(sub, "subcc", "")
CONDS(add, "addcc", "")
CONDS(and, "andcc", "")
CONDS(subx, "subcc", " %%xcc,")
CONDS(addx, "addcc", " %%xcc,")
CONDS(andx, "andcc", " %%xcc,")

/* The condition codes of OP (0 sub, 1 add, 2 and) on the sign-extended
   operands: NZVC of the low 32 bits (xcc 0) or of all 64 (xcc 1). */
static unsigned model(int op, uint32_t a32, uint32_t b32, int c, int xcc)
{
    uint64_t a = (uint64_t)(int64_t)(int32_t)a32, b = (uint64_t)(int64_t)(int32_t)b32, r;
    unsigned n, z, v, cy;
    if (op == 2) {
        r = a & b;
        v = cy = 0;
    } else if (op == 1) {
        r = a + b;
        if (xcc) {
            v = (unsigned)((~(a ^ b) & (a ^ r)) >> 63);
            cy = r < a;
        } else {
            uint32_t s = (uint32_t)r;
            v = (~(a32 ^ b32) & (a32 ^ s)) >> 31;
            cy = s < a32;
        }
    } else {
        r = a - b;
        if (xcc) {
            v = (unsigned)(((a ^ b) & (a ^ r)) >> 63);
            cy = a < b;
        } else {
            uint32_t s = (uint32_t)r;
            v = ((a32 ^ b32) & (a32 ^ s)) >> 31;
            cy = a32 < b32;
        }
    }
    n = xcc ? (unsigned)(r >> 63) : (unsigned)((uint32_t)r >> 31);
    z = xcc ? r == 0 : (uint32_t)r == 0;
    unsigned t;
    switch (c & 7) /* the Bicc cond field */ {
    case 0: t = 0; break;                   /* n */
    case 1: t = z; break;                   /* e */
    case 2: t = z | (n ^ v); break;         /* le */
    case 3: t = n ^ v; break;               /* l */
    case 4: t = cy | z; break;              /* leu */
    case 5: t = cy; break;                  /* cs */
    case 6: t = n; break;                   /* neg */
    default: t = v; break;                  /* vs */
    }
    return c & 8 ? !t : t; /* cond 8 + k is the negation of cond k */
}

static unsigned bad;

static void table(const char *title, unsigned (*const f[16])(uint32_t, uint32_t, uint32_t), int op, int xcc)
{
    static const int code[16] = { 8, 0, 9, 1, 10, 2, 11, 3, 12, 4, 13, 5, 14, 6, 15, 7 };
    printf("%s\n", title);
    for (int c = 0; c < 16; c++) {
        printf("  %-4s", names[c]);
        for (unsigned i = 0; i < N; i++) {
            unsigned t0 = f[c](A[i], B[i], 0), t1 = f[c](A[i], B[i], 1);
            unsigned m = model(op, A[i], B[i], code[c], xcc);
            if (t0 != t1 || t0 != m)
                bad++;
            printf(" %u", t0);
        }
        printf("\n");
    }
}

int main(void)
{
    /* A few rounds: the block may become part of a hot region. */
    for (int round = 0; round < 3; round++) {
        bad = 0;
        table("subcc", sub, 0, 0);
        table("addcc", add, 1, 0);
        table("andcc", and, 2, 0);
        table("subcc xcc", subx, 0, 1);
        table("addcc xcc", addx, 1, 1);
        table("andcc xcc", andx, 2, 1);
        printf("differences from the model: %u\n", bad);
    }
    return 0;
}
