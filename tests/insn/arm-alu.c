/*
 * A32 arithmetic: carry and overflow of ADDS/SUBS/RSBS/ADCS/SBCS/RSCS,
 * compares, multiplies (MUL/MLA/MLS, long multiplies with flags, UMAAL),
 * CLZ, and every condition code after CMP.  Expected output: arm-alu.expected,
 * computed by hand.
 */
#include "arm-common.h"

/* Bit n set if condition n (EQ=0 .. LE=13) holds after cmp a, b. */
static uint32_t conds(uint32_t a, uint32_t b)
{
    uint32_t r = 0;
    __asm__ volatile("cmp %[a], %[b]\n\t"
                     "orreq %[r], %[r], #1 << 0\n\t"
                     "orrne %[r], %[r], #1 << 1\n\t"
                     "orrcs %[r], %[r], #1 << 2\n\t"
                     "orrcc %[r], %[r], #1 << 3\n\t"
                     "orrmi %[r], %[r], #1 << 4\n\t"
                     "orrpl %[r], %[r], #1 << 5\n\t"
                     "orrvs %[r], %[r], #1 << 6\n\t"
                     "orrvc %[r], %[r], #1 << 7\n\t"
                     "orrhi %[r], %[r], #1 << 8\n\t"
                     "orrls %[r], %[r], #1 << 9\n\t"
                     "orrge %[r], %[r], #1 << 10\n\t"
                     "orrlt %[r], %[r], #1 << 11\n\t"
                     "orrgt %[r], %[r], #1 << 12\n\t"
                     "orrle %[r], %[r], #1 << 13\n\t"
                     : [r] "+r"(r)
                     : [a] "r"(a), [b] "r"(b)
                     : "cc");
    return r;
}

/* A conditional branch loop: sum of 1..n. */
static uint32_t loop_sum(uint32_t n)
{
    uint32_t sum = 0;
    __asm__ volatile("1: add %[s], %[s], %[n]\n\t"
                     "subs %[n], %[n], #1\n\t"
                     "bne 1b"
                     : [s] "+r"(sum), [n] "+r"(n)
                     :
                     : "cc");
    return sum;
}

int main(void)
{
    T2("adds 1", "adds %[r], %[a], %[b]", 0xffffffff, 1, 0);
    T2("adds 2", "adds %[r], %[a], %[b]", 0x7fffffff, 1, 0);
    T2("adds 3", "adds %[r], %[a], %[b]", 0x80000000, 0x80000000, 0);
    T2("adds 4", "adds %[r], %[a], %[b]", 1, 2, FN | FZ | FC | FV);
    T2("subs 1", "subs %[r], %[a], %[b]", 5, 7, 0);
    T2("subs 2", "subs %[r], %[a], %[b]", 7, 5, 0);
    T2("subs 3", "subs %[r], %[a], %[b]", 5, 5, 0);
    T2("subs 4", "subs %[r], %[a], %[b]", 0x80000000, 1, 0);
    T2("subs 5", "subs %[r], %[a], %[b]", 0, 0x80000000, 0);
    T2("rsbs", "rsbs %[r], %[a], %[b]", 1, 0, 0);
    T2("adcs 1", "adcs %[r], %[a], %[b]", 0xffffffff, 0, FC);
    T2("adcs 2", "adcs %[r], %[a], %[b]", 0x7fffffff, 0, FC);
    T2("adcs 3", "adcs %[r], %[a], %[b]", 0xffffffff, 0xffffffff, FC);
    T2("adcs 4", "adcs %[r], %[a], %[b]", 1, 1, 0);
    T2("sbcs 1", "sbcs %[r], %[a], %[b]", 5, 3, FC);
    T2("sbcs 2", "sbcs %[r], %[a], %[b]", 5, 5, 0);
    T2("sbcs 3", "sbcs %[r], %[a], %[b]", 0, 0, FC);
    T2("sbcs 4", "sbcs %[r], %[a], %[b]", 0x80000000, 0, 0);
    T2("rscs 1", "rscs %[r], %[a], %[b]", 3, 5, FC);
    T2("rscs 2", "rscs %[r], %[a], %[b]", 3, 5, 0);
    T2("adc", "adc %[r], %[a], %[b]", 0xffffffff, 0xffffffff, FC | FV);
    T2("cmp", "cmp %[a], %[b]", 1, 2, 0);
    T2("cmn", "cmn %[a], %[b]", 0xffffffff, 1, 0);
    T2("tst", "tst %[a], %[b]", 0x80000000, 0x80000000, FC | FV);
    T2("teq", "teq %[a], %[b]", 5, 5, FN);
    T2("bics", "bics %[r], %[a], %[b]", 0xf0f0f0f0, 0xf0f0f0f0, 0);
    T2("mvns", "mvns %[r], %[a]", 0x7fffffff, 0, 0);
    T2("muls", "muls %[r], %[a], %[b]", 0x10000, 0x10000, FC);
    T3("mla", "mla %[r], %[a], %[b], %[r]", 10, 3, 0xffffffff, 0);
    T3("mls", "mls %[r], %[a], %[b], %[r]", 10, 3, 4, 0);
    T64("umull", "umull %[lo], %[hi], %[a], %[b]", 0, 0, 0xffffffff, 0xffffffff, 0);
    T64("smull 1", "smull %[lo], %[hi], %[a], %[b]", 0, 0, 0xffffffff, 0xffffffff, 0);
    T64("smull 2", "smull %[lo], %[hi], %[a], %[b]", 0, 0, 0x80000000, 0x80000000, 0);
    T64("umlal", "umlal %[lo], %[hi], %[a], %[b]", 0xffffffff, 0, 1, 1, 0);
    T64("smlal", "smlal %[lo], %[hi], %[a], %[b]", 0, 0, 0xffffffff, 1, 0);
    T64("umaal", "umaal %[lo], %[hi], %[a], %[b]", 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0);
    T64("umulls", "umulls %[lo], %[hi], %[a], %[b]", 0, 0, 0, 5, FC | FV);
    T64("smulls", "smulls %[lo], %[hi], %[a], %[b]", 0, 0, 0xffffffff, 1, 0);
    T64("smlals", "smlals %[lo], %[hi], %[a], %[b]", 1, 0, 0xffffffff, 1, FN);
    T2("clz 0", "clz %[r], %[a]", 0, 0, 0);
    T2("clz 1", "clz %[r], %[a]", 1, 0, 0);
    T2("clz 2", "clz %[r], %[a]", 0x80000000, 0, 0);
    show("cond 1,2", conds(1, 2));
    show("cond 2,1", conds(2, 1));
    show("cond 5,5", conds(5, 5));
    show("cond min,1", conds(0x80000000, 1));
    show("loop", loop_sum(100));
    return 0;
}
