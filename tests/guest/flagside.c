/* NZCV that only one side of a conditional branch reads ("Fault-only
   flags", tcg/README.md: such a flag is a recipe, computed on the side that
   reads it).  Two hot loops leave on either of two exits, and each exit
   reads the flags of the compare that sent it there with mrs:
     run1: cmp; bcs out (the taken side reads the flags of cmp);
           subs; beq out (the taken side reads those of subs, whose first
           operand the subtraction overwrote);
     run2: subs; beq out (taken side);
           cmn; bpl loop (the loop is the taken side, the fall-through
           reads the flags of cmn).
   The loop's other instructions overwrite the flags before reading them.
   Elsewhere than ARM a C model gives the numbers; the expected output is
   the native build's. */
#include <stdint.h>
#include <stdio.h>

typedef struct {
    uint32_t r0, r1, r3, r6, nzcv, exit;
} Out;

#if defined(__arm__)
static Out run1(uint32_t step, uint32_t lim, uint32_t n)
{
    register uint32_t r0 __asm__("r0") = 0, r1 __asm__("r1") = n, r2 __asm__("r2") = lim;
    register uint32_t r3 __asm__("r3") = 0, r4 __asm__("r4"), r5 __asm__("r5"), r6 __asm__("r6") = step;
    __asm__ volatile("1:\n\t"
                     "add r0, r0, r6\n\t"
                     "eor r6, r6, r0, ror #5\n\t"
                     "cmp r0, r2\n\t"
                     "bcs 2f\n\t"
                     "subs r1, r1, #1\n\t"
                     "beq 3f\n\t"
                     "adds r3, r3, r0\n\t"
                     "b 1b\n"
                     "2:\n\t"
                     "mrs r5, apsr\n\t"
                     "mov r4, #1\n\t"
                     "b 4f\n"
                     "3:\n\t"
                     "mrs r5, apsr\n\t"
                     "mov r4, #2\n"
                     "4:\n"
                     : "+r"(r0), "+r"(r1), "+r"(r3), "+r"(r6), "=&r"(r5), "=&r"(r4)
                     : "r"(r2)
                     : "cc");
    return (Out){ r0, r1, r3, r6, r5 >> 28, r4 };
}

static Out run2(uint32_t step, uint32_t lim, uint32_t n)
{
    register uint32_t r0 __asm__("r0") = 0, r1 __asm__("r1") = n, r2 __asm__("r2") = lim;
    register uint32_t r3 __asm__("r3") = 0, r4 __asm__("r4"), r5 __asm__("r5"), r6 __asm__("r6") = step;
    __asm__ volatile("1:\n\t"
                     "add r0, r0, r6\n\t"
                     "eor r6, r6, r0, ror #5\n\t"
                     "subs r1, r1, #1\n\t"
                     "beq 3f\n\t"
                     "adds r3, r3, r0\n\t"
                     "cmn r0, r2\n\t"
                     "bpl 1b\n\t"
                     "mrs r5, apsr\n\t"
                     "mov r4, #1\n\t"
                     "b 4f\n"
                     "3:\n\t"
                     "mrs r5, apsr\n\t"
                     "mov r4, #2\n"
                     "4:\n"
                     : "+r"(r0), "+r"(r1), "+r"(r3), "+r"(r6), "=&r"(r5), "=&r"(r4)
                     : "r"(r2)
                     : "cc");
    return (Out){ r0, r1, r3, r6, r5 >> 28, r4 };
}
#else
static uint32_t ror(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

static uint32_t nzcv_sub(uint32_t a, uint32_t b)
{
    uint32_t r = a - b;
    uint32_t v = ((a ^ b) & (a ^ r)) >> 31;
    return (r >> 31) << 3 | (uint32_t)(r == 0) << 2 | (uint32_t)(a >= b) << 1 | v;
}

static uint32_t nzcv_add(uint32_t a, uint32_t b)
{
    uint32_t r = a + b;
    uint32_t v = (~(a ^ b) & (a ^ r)) >> 31;
    return (r >> 31) << 3 | (uint32_t)(r == 0) << 2 | (uint32_t)(r < a) << 1 | v;
}

static Out run1(uint32_t step, uint32_t lim, uint32_t n)
{
    Out o = { 0, n, 0, step, 0, 0 };
    for (;;) {
        o.r0 += o.r6;
        o.r6 ^= ror(o.r0, 5);
        o.nzcv = nzcv_sub(o.r0, lim);
        if (o.r0 >= lim) {
            o.exit = 1;
            return o;
        }
        o.nzcv = nzcv_sub(o.r1, 1);
        o.r1 -= 1;
        if (o.r1 == 0) {
            o.exit = 2;
            return o;
        }
        o.r3 += o.r0;
    }
}

static Out run2(uint32_t step, uint32_t lim, uint32_t n)
{
    Out o = { 0, n, 0, step, 0, 0 };
    for (;;) {
        o.r0 += o.r6;
        o.r6 ^= ror(o.r0, 5);
        o.nzcv = nzcv_sub(o.r1, 1);
        o.r1 -= 1;
        if (o.r1 == 0) {
            o.exit = 2;
            return o;
        }
        o.r3 += o.r0;
        o.nzcv = nzcv_add(o.r0, lim);
        if (o.nzcv & 8) {
            o.exit = 1;
            return o;
        }
    }
}
#endif

int main(void)
{
    /* Steps, limits and counts that end the loops on either exit, with
       every N, Z, C and V the compares can give there; the first runs make
       the loops hot. */
    static const uint32_t cases[][3] = {
        { 3, 0xffffffffu, 200000 }, { 7, 0xfffffff0u, 150000 }, { 1, 0x80000000u, 100000 },
        { 5, 0x10000u, 100000 },    { 0x10001, 0x7fffffffu, 5000 }, { 9, 0x40000000u, 1 },
        { 0x9e3779b9u, 0x90000000u, 100000 }, { 2, 0, 10 }, { 0x80000000u, 0x80000001u, 100000 },
        { 11, 0x7ffffff0u, 3 },
    };
    for (unsigned k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        for (int f = 1; f <= 2; f++) {
            Out o = (f == 1 ? run1 : run2)(cases[k][0], cases[k][1], cases[k][2]);
            printf("run%d step=%08x lim=%08x n=%u: exit %u r0=%08x r1=%08x r3=%08x r6=%08x nzcv=%x\n", f,
                   cases[k][0], cases[k][1], cases[k][2], o.exit, o.r0, o.r1, o.r3, o.r6, o.nzcv);
        }
    }
    return 0;
}
