/*
 * Thumb-2 multiplies, divides, saturating arithmetic, extends, byte
 * reversal, parallel add/subtract with GE and SEL, and MRS/MSR of the APSR
 * (Q and GE bits).  Each line: result(s) and the APSR flags N Z C V Q and
 * GE[3:0], with Q and GE cleared before every test.
 */
#include <stdint.h>
#include <stdio.h>

static void show(const char *name, uint32_t r, uint32_t f)
{
    printf("%-8s %08x %c%c%c%c%c ge=%x\n", name, r, f & 0x80000000u ? 'N' : '-',
           f & 0x40000000u ? 'Z' : '-', f & 0x20000000u ? 'C' : '-', f & 0x10000000u ? 'V' : '-',
           f & 0x08000000u ? 'Q' : '-', (f >> 16) & 15);
}

/* Three inputs a, b, c; r = body result. */
#define T(name, body, A, B, C)                                                          \
    do {                                                                                \
        uint32_t r_, f_;                                                                \
        __asm__ volatile(".syntax unified\n\t"                                          \
                         "msr APSR_nzcvqg, %[z]\n\t" body "\n\t"                        \
                         "mrs %[f], APSR"                                               \
                         : [r] "=&r"(r_), [f] "=&r"(f_)                                 \
                         : [a] "r"((uint32_t)(A)), [b] "r"((uint32_t)(B)),              \
                           [c] "r"((uint32_t)(C)), [z] "r"(0)                           \
                         : "cc");                                                       \
        show(name, r_, f_);                                                             \
    } while (0)

/* Long multiplies: lo/hi start as c/d. */
#define L(name, body, A, B, C, D)                                                       \
    do {                                                                                \
        uint32_t lo_ = (C), hi_ = (D);                                                  \
        __asm__ volatile(".syntax unified\n\t" body                                     \
                         : [lo] "+&r"(lo_), [hi] "+&r"(hi_)                             \
                         : [a] "r"((uint32_t)(A)), [b] "r"((uint32_t)(B)));             \
        printf("%-8s %08x %08x\n", name, hi_, lo_);                                     \
    } while (0)

int main(void)
{
    T("mul", "mul.w %[r], %[a], %[b]", 0x12345, 0x1000, 0);
    T("mla", "mla %[r], %[a], %[b], %[c]", 7, 6, 100);
    T("mls", "mls %[r], %[a], %[b], %[c]", 7, 6, 100);
    T("smulbb", "smulbb %[r], %[a], %[b]", 0x0003fffe, 0x7fff0005, 0);
    T("smultt", "smultt %[r], %[a], %[b]", 0x8000fffe, 0x80000005, 0);
    T("smulbt", "smulbt %[r], %[a], %[b]", 0x0003fffe, 0x7fff0005, 0);
    T("smlatb", "smlatb %[r], %[a], %[b], %[c]", 0x80000000, 0x00008000, 0x1);
    T("smlabb", "smlabb %[r], %[a], %[b], %[c]", 2, 3, 10);
    T("smulwb", "smulwb %[r], %[a], %[b]", 0x12345678, 0x00000100, 0);
    T("smulwt", "smulwt %[r], %[a], %[b]", 0xffff0000, 0xfffe0000, 0);
    T("smlawb", "smlawb %[r], %[a], %[b], %[c]", 0x7fffffff, 0x7fff, 0x7fffffff);
    T("smuad", "smuad %[r], %[a], %[b]", 0x80008000, 0x80008000, 0);
    T("smuadx", "smuadx %[r], %[a], %[b]", 0x00020003, 0x00050007, 0);
    T("smlad", "smlad %[r], %[a], %[b], %[c]", 0x00020003, 0x00050007, 100);
    T("smusd", "smusd %[r], %[a], %[b]", 0x00020003, 0x00050007, 0);
    T("smlsdx", "smlsdx %[r], %[a], %[b], %[c]", 0x00020003, 0x00050007, 100);
    T("smmul", "smmul %[r], %[a], %[b]", 0x40000000, 0x00000003, 0);
    T("smmulr", "smmulr %[r], %[a], %[b]", 0x40000000, 0x00000003, 0);
    T("smmla", "smmla %[r], %[a], %[b], %[c]", 0xc0000000, 0x00000004, 5);
    T("smmls", "smmls %[r], %[a], %[b], %[c]", 0x40000000, 0x00000004, 5);
    T("smmlsr", "smmlsr %[r], %[a], %[b], %[c]", 0x40000000, 0x00000003, 5);
    T("usad8", "usad8 %[r], %[a], %[b]", 0x01ff0510, 0x02000a08, 0);
    T("usada8", "usada8 %[r], %[a], %[b], %[c]", 0x01ff0510, 0x02000a08, 1000);
    T("sdiv", ".arch_extension idiv\n\tsdiv %[r], %[a], %[b]", -7, 2, 0);
    T("sdiv", ".arch_extension idiv\n\tsdiv %[r], %[a], %[b]", 0x80000000, -1, 0);
    T("sdiv0", ".arch_extension idiv\n\tsdiv %[r], %[a], %[b]", 5, 0, 0);
    T("udiv", ".arch_extension idiv\n\tudiv %[r], %[a], %[b]", 0xfffffff0, 16, 0);
    T("udiv0", ".arch_extension idiv\n\tudiv %[r], %[a], %[b]", 5, 0, 0);
    T("qadd", "qadd %[r], %[a], %[b]", 0x7ffffff0, 0x20, 0);
    T("qadd", "qadd %[r], %[a], %[b]", 5, 6, 0);
    T("qsub", "qsub %[r], %[a], %[b]", 0x80000000, 1, 0);
    T("qdadd", "qdadd %[r], %[a], %[b]", 1, 0x40000000, 0);
    T("qdsub", "qdsub %[r], %[a], %[b]", 0, 0x20000000, 0);
    T("clz", "clz %[r], %[a]", 0x00010000, 0, 0);
    T("clz", "clz %[r], %[a]", 0, 0, 0);
    T("rbit", "rbit %[r], %[a]", 0x12345678, 0, 0);
    T("rev", "rev.w %[r], %[a]", 0x12345678, 0, 0);
    T("rev16", "rev16.w %[r], %[a]", 0x12345678, 0, 0);
    T("revsh", "revsh.w %[r], %[a]", 0x12345680, 0, 0);
    T("sxtab", "sxtab %[r], %[a], %[b], ror #8", 100, 0x1234f056, 0);
    T("uxtab", "uxtab %[r], %[a], %[b], ror #16", 100, 0x12f45678, 0);
    T("sxtah", "sxtah %[r], %[a], %[b], ror #24", 1, 0x345678ff, 0);
    T("uxtah", "uxtah %[r], %[a], %[b]", 1, 0x1234ffff, 0);
    T("sxtb16", "sxtb16 %[r], %[a]", 0x12801280, 0, 0);
    T("uxtb16", "uxtb16 %[r], %[a], ror #8", 0x12345678, 0, 0);
    T("sxtab16", "sxtab16 %[r], %[a], %[b]", 0x0001ffff, 0x00800080, 0);
    T("uxtab16", "uxtab16 %[r], %[a], %[b]", 0x0001ffff, 0x00800080, 0);
    T("sxth.w", "sxth.w %[r], %[a], ror #16", 0x80001234, 0, 0);
    T("uxtb.w", "uxtb.w %[r], %[a], ror #24", 0x80001234, 0, 0);
    T("sadd16", "sadd16 %[r], %[a], %[b]", 0x7fff0001, 0x0001ffff, 0);
    T("qadd16", "qadd16 %[r], %[a], %[b]", 0x7fff8000, 0x0001ffff, 0);
    T("shadd16", "shadd16 %[r], %[a], %[b]", 0x7fff0003, 0x00010005, 0);
    T("uadd8", "uadd8 %[r], %[a], %[b]", 0xff800102, 0x01800304, 0);
    T("usub8", "usub8 %[r], %[a], %[b]", 0x05050505, 0x06050403, 0);
    T("uqsub8", "uqsub8 %[r], %[a], %[b]", 0x05050505, 0x06050403, 0);
    T("ssub8", "ssub8 %[r], %[a], %[b]", 0x80017f00, 0x01020001, 0);
    T("sasx", "sasx %[r], %[a], %[b]", 0x00100020, 0x00030005, 0);
    T("ssax", "ssax %[r], %[a], %[b]", 0x00100020, 0x00030005, 0);
    T("uhsub16", "uhsub16 %[r], %[a], %[b]", 0x00100020, 0x00030005, 0);
    T("uqasx", "uqasx %[r], %[a], %[b]", 0xfff00002, 0x00030020, 0);
    T("sel", "uadd8 %[r], %[a], %[b]\n\tsel %[r], %[a], %[b]", 0xff01ff01, 0x01010101, 0);
    T("msr", "msr APSR_nzcvqg, %[a]\n\tmov %[r], #0", 0xf80f0000, 0, 0);
    T("msrg", "msr APSR_g, %[a]\n\tmov %[r], #0", 0xf80a0000, 0, 0);
    L("umull", "umull %[lo], %[hi], %[a], %[b]", 0xffffffff, 0xffffffff, 0, 0);
    L("smull", "smull %[lo], %[hi], %[a], %[b]", 0xffffffff, 0x7fffffff, 0, 0);
    L("umlal", "umlal %[lo], %[hi], %[a], %[b]", 0x80000000, 2, 0x1, 0x10);
    L("smlal", "smlal %[lo], %[hi], %[a], %[b]", -2, 3, 5, 0);
    L("umaal", "umaal %[lo], %[hi], %[a], %[b]", 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff);
    L("smlalbt", "smlalbt %[lo], %[hi], %[a], %[b]", 0x0000ffff, 0x00020000, 1, 0);
    L("smlald", "smlald %[lo], %[hi], %[a], %[b]", 0x80008000, 0x80008000, 0, 0);
    L("smlaldx", "smlaldx %[lo], %[hi], %[a], %[b]", 0x00020003, 0x00050007, 0, 1);
    L("smlsld", "smlsld %[lo], %[hi], %[a], %[b]", 0x00020003, 0x00050007, 0, 0);
    return 0;
}
