/*
 * Thumb-2 32-bit data processing: modified immediates (ThumbExpandImm and
 * its carry-out), shifted-register operands with shifter carry, register-
 * controlled shifts, plain binary immediates and PKH.  Each test sets NZCV
 * first so that untouched flags show.
 */
#include <stdint.h>
#include <stdio.h>

static void show(const char *name, uint32_t r, uint32_t f)
{
    printf("%-9s %08x %c%c%c%c\n", name, r, f & 0x80000000u ? 'N' : '-', f & 0x40000000u ? 'Z' : '-',
           f & 0x20000000u ? 'C' : '-', f & 0x10000000u ? 'V' : '-');
}

#define T(name, body, A, B, FIN)                                                        \
    do {                                                                                \
        uint32_t r_, f_;                                                                \
        __asm__ volatile(".syntax unified\n\t"                                          \
                         "mov %[r], %[a]\n\t"                                           \
                         "msr APSR_nzcvq, %[fi]\n\t" body "\n\t"                        \
                         "mrs %[f], APSR"                                               \
                         : [r] "=&r"(r_), [f] "=&r"(f_)                                 \
                         : [a] "r"((uint32_t)(A)), [b] "r"((uint32_t)(B)),              \
                           [fi] "r"((uint32_t)(FIN))                                    \
                         : "cc");                                                       \
        show(name, r_, f_);                                                             \
    } while (0)

int main(void)
{
    /* ThumbExpandImm: the four replicated patterns leave C alone, rotated
       constants set C to bit 31 (logical ops with S only). */
    T("movs", "movs.w %[r], #0xab", 0, 0, 0x20000000);
    T("movs", "movs.w %[r], #0x00ab00ab", 0, 0, 0);
    T("movs", "movs.w %[r], #0xab00ab00", 0, 0, 0x20000000);
    T("movs", "movs.w %[r], #0xabababab", 0, 0, 0);
    T("movs", "movs.w %[r], #0x80000000", 0, 0, 0);
    T("movs", "movs.w %[r], #0x3fc00", 0, 0, 0x20000000);
    T("ands", "ands.w %[r], %[a], #0xff000000", 0x12345678, 0, 0);
    T("orrs", "orrs.w %[r], %[a], #0x00ff00ff", 0, 0, 0x20000000);
    T("tst", "tst.w %[a], #0x80000000", 0, 0, 0);
    T("teq", "teq.w %[a], #0xf0000000", 0xf0000000, 0, 0);
    T("mvns", "mvns.w %[r], #0x100", 0, 0, 0x20000000);
    T("bics", "bics.w %[r], %[a], #0xff", 0xffffffff, 0, 0x20000000);
    T("orns", "orns.w %[r], %[a], #0xff", 0, 0, 0);
    T("eors", "eors.w %[r], %[a], #0x55000000", 0, 0, 0x20000000);
    T("adds", "adds.w %[r], %[a], #0x80000000", 0x80000000, 0, 0);
    T("subs", "subs.w %[r], %[a], #1", 0, 0, 0);
    T("rsbs", "rsbs.w %[r], %[a], #0", 5, 0, 0);
    T("cmp", "cmp.w %[a], #0x1000", 0x1000, 0, 0);
    T("cmn", "cmn.w %[a], #0x1000", 0xfffff000, 0, 0);
    T("adc", "adc.w %[r], %[a], #0x100", 1, 0, 0x20000000);
    T("sbc", "sbc.w %[r], %[a], #0x100", 0x200, 0, 0);
    T("add", "add.w %[r], %[a], #0xff00", 1, 0, 0xf0000000);
    /* shifted register */
    T("lsls", "lsls.w %[r], %[a], #1", 0x80000000, 0, 0);
    T("rrxs", "rrxs %[r], %[a]", 2, 0, 0x20000000);
    T("rrx", "rrx %[r], %[a]", 3, 0, 0x20000000);
    T("ands", "ands.w %[r], %[a], %[b], lsr #4", 0xffffffff, 0xf8, 0);
    T("orrs", "orrs.w %[r], %[a], %[b], asr #32", 0, 0x80000000, 0);
    T("adds", "adds.w %[r], %[a], %[b], lsl #31", 0x80000000, 1, 0);
    T("orn", "orn %[r], %[a], %[b]", 0x1, 0xffff0000, 0);
    T("rsb", "rsb.w %[r], %[a], %[b], lsl #2", 1, 3, 0);
    T("teq", "teq.w %[a], %[b], ror #8", 0x78123456, 0x12345678, 0);
    T("mvns", "mvns.w %[r], %[b], lsr #1", 0, 1, 0);
    T("bic", "bic.w %[r], %[a], %[b], ror #28", 0xffffffff, 0x0000000f, 0);
    T("sbcs", "sbcs.w %[r], %[a], %[b], lsl #4", 0x100, 0x10, 0x20000000);
    T("cmn", "cmn.w %[a], %[b], asr #1", 1, 0xfffffffe, 0);
    /* register-controlled shifts */
    T("lslr", "lsls.w %[r], %[a], %[b]", 1, 31, 0);
    T("asrr", "asrs.w %[r], %[a], %[b]", 0x80000000, 255, 0);
    T("lsrr", "lsrs.w %[r], %[a], %[b]", 0xff, 0x104, 0);
    T("rorr", "rors.w %[r], %[a], %[b]", 0x12345678, 16, 0);
    T("rorr", "ror.w %[r], %[a], %[b]", 0x12345678, 0, 0xf0000000);
    /* plain binary immediate */
    T("addw", "addw %[r], %[a], #0xfff", 1, 0, 0);
    T("subw", "subw %[r], %[a], #0x123", 0x100, 0, 0);
    T("movw", "movw %[r], #0xbeef", 0, 0, 0);
    T("movt", "movt %[r], #0xdead", 0x1234, 0, 0);
    T("ubfx", "ubfx %[r], %[a], #4, #8", 0x12345678, 0, 0);
    T("sbfx", "sbfx %[r], %[a], #28, #4", 0x92345678, 0, 0);
    T("sbfx", "sbfx %[r], %[a], #0, #32", 0x92345678, 0, 0);
    T("bfi", "bfi %[r], %[b], #8, #12", 0xffffffff, 0x12345678, 0);
    T("bfc", "bfc %[r], #4, #24", 0xffffffff, 0, 0);
    T("bfi", "bfi %[r], %[b], #31, #1", 0, 0x3, 0);
    T("ssat", "ssat %[r], #8, %[b]", 0, 0x1000, 0);
    T("ssat", "ssat %[r], #8, %[b], asr #4", 0, 0x7f0, 0);
    T("ssat", "ssat %[r], #16, %[b], lsl #4", 0, 0xfffff000, 0);
    T("usat", "usat %[r], #8, %[b]", 0, 0xfffffff0, 0);
    T("usat", "usat %[r], #4, %[b]", 0, 0x100, 0);
    T("ssat16", "ssat16 %[r], #4, %[b]", 0, 0x7fff8000, 0);
    T("usat16", "usat16 %[r], #4, %[b]", 0, 0x00050011, 0);
    T("pkhbt", "pkhbt %[r], %[a], %[b], lsl #8", 0x11112222, 0x33445566, 0);
    T("pkhtb", "pkhtb %[r], %[a], %[b], asr #8", 0x11112222, 0x33445566, 0);
    T("pkhtb", "pkhtb %[r], %[a], %[b], asr #32", 0x11112222, 0x83445566, 0);
    return 0;
}
