/*
 * Thumb 16-bit data-processing instructions outside IT blocks: results and
 * NZCV (each test first sets the flags to a known value with MSR, so that
 * flags an instruction must not touch are visible).  Built with -mthumb.
 */
#include <stdint.h>
#include <stdio.h>

static void show(const char *name, uint32_t r, uint32_t f)
{
    printf("%-8s %08x %c%c%c%c\n", name, r, f & 0x80000000u ? 'N' : '-', f & 0x40000000u ? 'Z' : '-',
           f & 0x20000000u ? 'C' : '-', f & 0x10000000u ? 'V' : '-');
}

/* r = result of `body` (which may use %[r], %[a], %[b]); r starts as a. */
#define T(name, body, A, B, FIN)                                                        \
    do {                                                                                \
        uint32_t r_, f_;                                                                \
        __asm__ volatile(".syntax unified\n\t"                                          \
                         "mov %[r], %[a]\n\t"                                           \
                         "msr APSR_nzcvq, %[fi]\n\t" body "\n\t"                        \
                         "mrs %[f], APSR"                                               \
                         : [r] "=&l"(r_), [f] "=&r"(f_)                                 \
                         : [a] "l"((uint32_t)(A)), [b] "l"((uint32_t)(B)),              \
                           [fi] "r"((uint32_t)(FIN))                                    \
                         : "cc", "r8");                                                 \
        show(name, r_, f_);                                                             \
    } while (0)

int main(void)
{
    /* add/sub register and imm3 */
    T("adds", "adds.n %[r], %[a], %[b]", 0x7fffffff, 1, 0);
    T("adds", "adds.n %[r], %[a], %[b]", 0xffffffff, 1, 0);
    T("subs", "subs.n %[r], %[a], %[b]", 1, 2, 0);
    T("subs", "subs.n %[r], %[a], %[b]", 0x80000000, 1, 0);
    T("adds3", "adds.n %[r], %[a], #7", 0xfffffffa, 0, 0);
    T("subs3", "subs.n %[r], %[a], #3", 3, 0, 0);
    /* imm8 forms */
    T("movs8", "movs.n %[r], #0", 5, 0, 0xf0000000);
    T("movs8", "movs.n %[r], #255", 5, 0, 0x40000000);
    T("cmp8", "cmp.n %[r], #5", 3, 0, 0);
    T("adds8", "adds.n %[r], #0x80", 0xffffff80, 0, 0);
    T("subs8", "subs.n %[r], #1", 0, 0, 0);
    /* shifts by immediate */
    T("lsls1", "lsls.n %[r], %[a], #1", 0x80000001, 0, 0);
    T("lsls0", "lsls.n %[r], %[a], #0", 0, 0, 0x20000000);
    T("lsrs32", "lsrs.n %[r], %[a], #32", 0x80000000, 0, 0);
    T("asrs32", "asrs.n %[r], %[a], #32", 0x80000000, 0, 0);
    T("asrs1", "asrs.n %[r], %[a], #1", 0x80000001, 0, 0);
    T("lsrs4", "lsrs.n %[r], %[a], #4", 0x1f, 0, 0);
    /* two-register data processing */
    T("ands", "ands.n %[r], %[b]", 0xf0f0f0f0, 0x0f0f0f0f, 0x30000000);
    T("eors", "eors.n %[r], %[b]", 0xffff0000, 0x0000ffff, 0);
    T("lslr32", "lsls.n %[r], %[b]", 1, 32, 0);
    T("lslr33", "lsls.n %[r], %[b]", 1, 33, 0x20000000);
    T("lsrr32", "lsrs.n %[r], %[b]", 0x80000000, 32, 0);
    T("lsrr0", "lsrs.n %[r], %[b]", 5, 0, 0x20000000);
    T("asrr40", "asrs.n %[r], %[b]", 0x80000000, 40, 0);
    T("asrr257", "asrs.n %[r], %[b]", 0x80000003, 0x101, 0);
    T("rorr4", "rors.n %[r], %[b]", 0xf, 4, 0);
    T("rorr32", "rors.n %[r], %[b]", 0x80000000, 32, 0);
    T("rorr0", "rors.n %[r], %[b]", 0x80000000, 0, 0);
    T("adcs", "adcs.n %[r], %[b]", 0xffffffff, 0, 0x20000000);
    T("adcs", "adcs.n %[r], %[b]", 0x7fffffff, 0, 0);
    T("sbcs", "sbcs.n %[r], %[b]", 5, 5, 0);
    T("sbcs", "sbcs.n %[r], %[b]", 5, 5, 0x20000000);
    T("tst", "tst.n %[r], %[b]", 0x80000000, 0xffffffff, 0x60000000);
    T("negs", "negs.n %[r], %[b]", 0, 1, 0);
    T("negs", "negs.n %[r], %[b]", 0, 0, 0);
    T("negs", "negs.n %[r], %[b]", 0, 0x80000000, 0);
    T("cmp", "cmp.n %[r], %[b]", 5, 7, 0);
    T("cmn", "cmn.n %[r], %[b]", 0xfffffffe, 2, 0);
    T("orrs", "orrs.n %[r], %[b]", 0, 0, 0x90000000);
    T("muls", "muls.n %[r], %[b], %[r]", 0x10000, 0x10000, 0x30000000);
    T("muls", "muls.n %[r], %[b], %[r]", 0xffffffff, 2, 0);
    T("bics", "bics.n %[r], %[b]", 0xff, 0x0f, 0);
    T("mvns", "mvns.n %[r], %[b]", 0, 0, 0);
    /* high registers: CMP sets flags, ADD/MOV do not */
    T("cmphi", "mov r8, %[b]\n\tcmp.n %[r], r8", 1, 1, 0);
    T("addhi", "mov r8, %[b]\n\tadd.n %[r], r8", 1, 2, 0xf0000000);
    T("movhi", "mov r8, %[b]\n\tmov.n %[r], r8", 1, 0, 0xf0000000);
    /* extends and reverses (no flags) */
    T("sxth", "sxth.n %[r], %[b]", 0, 0x12348765, 0);
    T("sxtb", "sxtb.n %[r], %[b]", 0, 0x12348765, 0);
    T("uxth", "uxth.n %[r], %[b]", 0, 0x12348765, 0);
    T("uxtb", "uxtb.n %[r], %[b]", 0, 0x12348765, 0);
    T("rev", "rev.n %[r], %[b]", 0, 0x12348765, 0);
    T("rev16", "rev16.n %[r], %[b]", 0, 0x12348765, 0);
    T("revsh", "revsh.n %[r], %[b]", 0, 0x12348765, 0);
    T("revsh", "revsh.n %[r], %[b]", 0, 0x12340087, 0);
    return 0;
}
