/*
 * i386 lazy flags at the start of a hot region's blocks (tcg/translator.c
 * "Entry states"): a block whose every jump leaves the same flags op
 * starts with that op known (the block after `cmp; je` computes CF for
 * dec and adc inline); a jump that leaves another op must not enter such
 * a block as if it had left the same.  Each loop runs long enough to
 * become a region; the carries it counts are the answer.
 *   cmp_je_dec_adc   cmp; je; then dec keeps the cmp's CF for an adc
 *                    (the block after je starts in the cmp's state)
 *   merge_before     two jumps into one block, from cmp (SUB) and from
 *                    shl, both found before the block is translated: it
 *                    starts with the op unknown
 *   back_edge        a block entered from cmp (SUB) and later by a back
 *                    edge from shl: the back edge must not take the
 *                    cmp's carry formula (it would read CF = 0)
 * (A jmp over a ud2 ends a block; one to the next instruction would not.)
 * Expected output: i386-entrystate.expected, computed by hand (a model of
 * the loops in a few lines of Python: the carries counted are i < b, bit 1
 * of i where i >= b, and bit 3 of k on the back edge); qemu-i386 agrees.
 */
#include <stdint.h>
#include <stdio.h>

static uint32_t cmp_je_dec_adc(uint32_t n, uint32_t b)
{
    uint32_t acc = 0, i = n, t = 0;
    __asm__ volatile("1:\n\t"
                     "cmpl %[b], %[i]\n\t"
                     "je 2f\n\t"
                     "decl %[t]\n\t"
                     "adcl $0, %[acc]\n"
                     "2:\n\t"
                     "decl %[i]\n\t"
                     "jnz 1b"
                     : [acc] "+r"(acc), [i] "+r"(i), [t] "+r"(t) : [b] "r"(b) : "cc");
    return acc ^ t;
}

/* Two jumps into 3 found before 3 is translated: from cmp (SUB, CF = 1
   when taken) and from shl (CF = bit 1 of i). */
static uint32_t merge_before(uint32_t n, uint32_t b)
{
    uint32_t acc = 0, i = n, t;
    __asm__ volatile("1:\n\t"
                     "cmpl %[b], %[i]\n\t"
                     "jb 3f\n\t"
                     "movl %[i], %[t]\n\t"
                     "shll $31, %[t]\n\t"
                     "jmp 3f\n\t"
                     "ud2\n"
                     "3:\n\t"
                     "adcl $0, %[acc]\n\t"
                     "decl %[i]\n\t"
                     "jnz 1b"
                     : [acc] "+r"(acc), [i] "+r"(i), [t] "=&r"(t) : [b] "r"(b) : "cc");
    return acc;
}

/* 3 is entered from cmp (SUB) and, once in eight passes (so that the loop
   head, not 3, heads the region), by a back edge from shl, whose CF is
   bit 3 of k. */
static uint32_t back_edge(uint32_t n, uint32_t b)
{
    uint32_t acc = 0, i = n, k = 0, t;
    __asm__ volatile("1:\n\t"
                     "cmpl %[b], %[i]\n\t"
                     "jmp 3f\n\t"
                     "ud2\n"
                     "3:\n\t"
                     "adcl $0, %[acc]\n\t"
                     "addl $1, %[k]\n\t"
                     "movl %[k], %[t]\n\t"
                     "shll $29, %[t]\n\t"
                     "jz 3b\n\t"
                     "decl %[i]\n\t"
                     "jnz 1b"
                     : [acc] "+r"(acc), [i] "+r"(i), [k] "+r"(k), [t] "=&r"(t) : [b] "r"(b) : "cc");
    return acc * 1000003u + k;
}

int main(void)
{
    static const uint32_t bs[] = { 0, 1, 777, 5000, 9999, 20000 };
    for (unsigned j = 0; j < sizeof bs / sizeof bs[0]; j++) {
        printf("cmp_je_dec_adc(20000, %u) = %u\n", bs[j], cmp_je_dec_adc(20000, bs[j]));
        printf("merge_before(20000, %u) = %u\n", bs[j], merge_before(20000, bs[j]));
        printf("back_edge(20000, %u) = %u\n", bs[j], back_edge(20000, bs[j]));
    }
    return 0;
}
