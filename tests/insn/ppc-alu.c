/*
 * PowerPC integer instructions with hand-computed results (ppc-alu.expected):
 * XER CA/OV/SO and CR0 at the arithmetic edges, shifts with carry, rotate
 * masks, CR logic and moves, isel, cntlzw/extsb/extsh.  Each case starts
 * from CR = 0 and a chosen XER (SO OV CA = 0x80000000 0x40000000
 * 0x20000000) and prints the result, XER and CR read right after it.
 */
#include <stdint.h>
#include <stdio.h>

#define SO 0x80000000u
#define CA 0x20000000u

/* code: instructions on %[r] (result), %[a], %[b]. */
#define RUN(name, code, A_, B_, xin)                                                              \
    do {                                                                                        \
        uint32_t r_ = 0, x_, c_;                                                                \
        __asm__ volatile("mtcrf 0xff, %[zero]\n\tmtxer %[xi]\n\t" code "\n\tmfxer %[x]\n\tmfcr %[c]" \
                         : [r] "=&b"(r_), [x] "=&r"(x_), [c] "=&r"(c_)                          \
                         : [a] "r"(A_), [b] "r"(B_), [xi] "r"(xin), [zero] "r"(0)                 \
                         : "xer", "cr0", "cr1", "cr2", "cr3", "cr4", "cr5", "cr6", "cr7", "memory"); \
        printf("%-10s %08x xer %08x cr %08x\n", name, r_, x_, c_);                              \
    } while (0)
#define OP2(name, insn, A_, B_, xin) RUN(name, insn " %[r], %[a], %[b]", A_, B_, xin)
#define OP1(name, insn, A_, xin) RUN(name, insn " %[r], %[a]", A_, 0u, xin)

int main(void)
{
    /* Carries. */
    OP2("addc", "addc", 0xffffffffu, 1u, 0);
    OP2("adde", "adde", 0u, 0u, CA);
    OP2("subfc", "subfc", 1u, 0u, 0);         /* 0 - 1: a borrow, CA = 0 */
    OP2("subfc0", "subfc", 0u, 5u, 0);        /* 5 - 0: CA = 1 */
    OP2("subfe", "subfe", 1u, 5u, 0);         /* 5 - 1 - 1 (CA 0) */
    OP1("addme", "addme", 0u, 0);             /* 0 - 1 + 0 */
    OP1("addme_ca", "addme", 0u, CA);         /* 0 - 1 + 1: CA */
    OP1("addze", "addze", 0xffffffffu, CA);
    OP1("subfze", "subfze", 0u, CA);          /* ~0 + 1 */
    OP1("subfme", "subfme", 0u, 0);           /* ~0 - 1 + 0 */
    RUN("subfic", "subfic %[r], %[a], 3", 5u, 0u, 0); /* 3 - 5: borrow */
    RUN("addic.", "addic. %[r], %[a], -1", 1u, 0u, 0); /* 1 - 1: CA, EQ */

    /* Overflow, SO sticky, CR0. */
    OP2("addo.", "addo.", 0x7fffffffu, 1u, 0);
    OP2("addo.so", "addo.", 1u, 1u, SO);      /* OV clear, SO stays */
    OP2("subfo.", "subfo.", 1u, 0x80000000u, 0); /* min - 1 */
    OP1("nego", "nego", 0x80000000u, 0);
    OP1("nego.", "nego.", 5u, 0);
    OP2("mullwo", "mullwo", 0x10000u, 0x10000u, 0);
    OP2("mullwo.", "mullwo.", 0x7fffu, 0x7fffu, 0);
    OP2("mulhw", "mulhw", 0x80000000u, 2u, 0);
    OP2("mulhwu", "mulhwu", 0x80000000u, 2u, 0);
    OP2("divwo.", "divwo.", 0xfffffff9u, 2u, 0); /* -7 / 2 = -3 */
    OP2("divwuo", "divwuo", 7u, 2u, 0);
    RUN("divwo/0", "divwo %[r], %[a], %[b]\n\tli %[r], 0", 5u, 0u, 0); /* result undefined: not shown */
    RUN("divwo/-1", "divwo %[r], %[a], %[b]\n\tli %[r], 0", 0x80000000u, 0xffffffffu, 0);
    RUN("divwuo/0", "divwuo %[r], %[a], %[b]\n\tli %[r], 0", 5u, 0u, 0);
    OP2("addco.", "addco.", 0x80000000u, 0x80000000u, 0);
    OP2("addeo", "addeo", 0x7fffffffu, 0u, 0);
    OP2("addeo_ca", "addeo", 0x7fffffffu, 0u, CA);
    OP2("subfeo.", "subfeo.", 0x80000000u, 0x7fffffffu, 0); /* max - min - 1 */

    /* Shifts (6-bit amounts) and the carry of sraw. */
    OP2("sraw-8", "sraw", 0xfffffff8u, 1u, 0);
    OP2("sraw-7", "sraw", 0xfffffff9u, 1u, 0);
    OP2("sraw7", "sraw", 7u, 1u, CA);
    OP2("sraw40", "sraw", 0xffffffffu, 40u, 0);
    OP2("sraw.40", "sraw.", 5u, 40u, CA);
    RUN("srawi0", "srawi %[r], %[a], 0", 0xffffffffu, 0u, CA);
    RUN("srawi4", "srawi %[r], %[a], 4", 0x80000001u, 0u, 0);
    OP2("slw32", "slw", 1u, 32u, 0);
    OP2("slw31", "slw.", 1u, 31u, 0);
    OP2("srw33", "srw", 0x80000000u, 33u, 0);
    OP2("srw127", "srw", 0x80000000u, 127u, 0); /* only 6 bits count: 63 */
    OP2("srw64", "srw", 0x80000000u, 64u, 0);   /* 64 & 63 = 0 */

    /* Rotates and masks. */
    RUN("rlwinm-wr", "rlwinm %[r], %[a], 0, 31, 0", 0xffffffffu, 0u, 0);
    RUN("rlwinm8", "rlwinm %[r], %[a], 8, 24, 31", 0x12345678u, 0u, 0);
    RUN("slwi4", "rlwinm %[r], %[a], 4, 0, 27", 0x12345678u, 0u, 0);
    RUN("srwi4", "rlwinm %[r], %[a], 28, 4, 31", 0x12345678u, 0u, 0);
    RUN("rlwinm.wr", "rlwinm. %[r], %[a], 0, 16, 15", 0x80000000u, 0u, 0);
    RUN("rlwimi", "mr %[r], %[b]\n\trlwimi %[r], %[a], 16, 8, 15", 0x12345678u, 0xaaaaaaaau, 0);
    RUN("rlwimi.w", "mr %[r], %[b]\n\trlwimi. %[r], %[a], 4, 28, 3", 0x12345678u, 0x0u, 0);
    OP2("rlwnm36", "rotlw", 0x12345678u, 36u, 0);
    RUN("rlwnm.m", "rlwnm. %[r], %[a], %[b], 28, 31", 0x12345678u, 4u, 0);

    /* Counting, extension, logical. */
    OP1("cntlzw0", "cntlzw", 0u, 0);
    OP1("cntlzw1", "cntlzw", 1u, 0);
    OP1("cntlzw.", "cntlzw.", 0x00800000u, SO);
    OP1("extsb.", "extsb.", 0x180u, 0);
    OP1("extsh", "extsh", 0x18000u, 0);
    OP2("nand.", "nand.", 0xffffffffu, 0xffffffffu, 0);
    OP2("eqv", "eqv", 0xf0f0f0f0u, 0xff00ff00u, 0);
    OP2("orc", "orc", 0x1u, 0xfffffff0u, 0);
    OP2("andc.", "andc.", 0xffu, 0xf0u, 0);
    RUN("andis.", "andis. %[r], %[a], 0x8000", 0x80000001u, 0u, 0);
    RUN("xoris", "xoris %[r], %[a], 0xffff", 0x12345678u, 0u, 0);

    /* Compares into fields, CR logic, CR moves (initial CR in a). */
    RUN("cmpw", "cmpw 3, %[a], %[b]", 0xffffffffu, 1u, 0);
    RUN("cmplw", "cmplw 4, %[a], %[b]", 0xffffffffu, 1u, 0);
    RUN("cmpwi", "cmpwi 5, %[a], 7", 7u, 0u, SO);
    RUN("cmplwi", "cmplwi 7, %[a], 0", 0u, 0u, 0);
    RUN("cmpw-mm", "cmpw 0, %[a], %[b]", 0x80000000u, 0x7fffffffu, 0);
    RUN("cmplw-mm", "cmplw 0, %[a], %[b]", 0x80000000u, 0x7fffffffu, 0);
    RUN("crxor", "mtcrf 0xff, %[a]\n\tcrxor 13, 12, 18", 0x00080200u, 0u, 0); /* gt3 = lt3 ^ eq4 */
    RUN("crset", "creqv 0, 0, 0", 0u, 0u, 0);
    RUN("crclr", "mtcrf 0xff, %[a]\n\tcrxor 6, 6, 6", 0xffffffffu, 0u, 0);
    RUN("crnand", "mtcrf 0xff, %[a]\n\tcrnand 1, 0, 12", 0x80080000u, 0u, 0);
    RUN("crnor", "crnor 22, 22, 22", 0u, 0u, 0);
    RUN("crandc", "mtcrf 0xff, %[a]\n\tcrandc 31, 17, 22", 0x00004000u, 0u, 0);
    RUN("crorc", "crorc 8, 2, 2", 0u, 0u, 0);
    RUN("cror-so", "mtcrf 0xff, %[a]\n\tcror 7, 3, 3", 0x10000000u, 0u, 0);
    RUN("crand", "mtcrf 0xff, %[a]\n\tcrand 29, 28, 30", 0x0000000au, 0u, 0);
    RUN("mcrf", "mtcrf 0xff, %[a]\n\tmcrf 6, 3", 0x00050000u, 0u, 0);
    RUN("mtcrf", "mtcrf 0x81, %[a]", 0x5a5a5a5au, 0u, 0);
    RUN("mtocrf", "mtocrf 0x08, %[a]", 0x0000f000u, 0u, 0);
    RUN("mfocrf", "mtcrf 0xff, %[a]\n\tmfocrf %[r], 0x08", 0x12345678u, 0u, 0);
    RUN("mfcr", "mtcrf 0xff, %[a]\n\tmfcr %[r]", 0x89abcdefu, 0u, 0);
    RUN("mcrxr", "mcrxr 2", 0u, 0u, 0xa0000000u);
    RUN("mfxer", "mfxer %[r]", 0u, 0u, 0xe000007fu);

    /* isel on cr0.eq, cr0.lt and with ra = 0. */
    RUN("isel-eq", "cmpw %[a], %[a]\n\tisel %[r], %[a], %[b], 2", 11u, 22u, 0);
    RUN("isel-lt", "cmpw %[a], %[a]\n\tisel %[r], %[a], %[b], 0", 11u, 22u, 0);
    RUN("isel-0", "cmpwi %[a], 9\n\tisel %[r], 0, %[a], 0", 5u, 0u, 0);
    return 0;
}
