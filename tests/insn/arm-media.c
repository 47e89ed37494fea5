/*
 * A32 media and DSP instructions: saturation and the Q flag, parallel
 * add/subtract with GE and SEL, dual and most-significant-word multiplies,
 * division, bit reversal, byte reversal, extension with rotation, bit
 * fields and packing.  Expected output: arm-media.expected, by hand.
 */
#include "arm-common.h"

int main(void)
{
    T2("qadd sat", "qadd %[r], %[a], %[b]", 0x7fffffff, 1, 0);
    T2("qadd", "qadd %[r], %[a], %[b]", 1, 2, 0);
    T2("qadd keepq", "qadd %[r], %[a], %[b]", 1, 2, FQ);
    T2("qsub sat", "qsub %[r], %[a], %[b]", 0x80000000, 1, 0);
    T2("qdadd", "qdadd %[r], %[a], %[b]", 0, 0x40000000, 0);
    T2("qdsub", "qdsub %[r], %[a], %[b]", 0, 0xc0000000, 0);
    T2("ssat 1", "ssat %[r], #8, %[a]", 200, 0, 0);
    T2("ssat 2", "ssat %[r], #8, %[a]", -200, 0, 0);
    T2("ssat 3", "ssat %[r], #8, %[a]", 100, 0, 0);
    T2("ssat lsl", "ssat %[r], #16, %[a], lsl #4", 0x1000, 0, 0);
    T2("ssat 32", "ssat %[r], #32, %[a]", 0x80000000, 0, 0);
    T2("usat 1", "usat %[r], #8, %[a]", -5, 0, 0);
    T2("usat 2", "usat %[r], #8, %[a]", 300, 0, 0);
    T2("usat 3", "usat %[r], #8, %[a]", 17, 0, 0);
    T2("usat asr", "usat %[r], #4, %[a], asr #2", 0x40, 0, 0);
    T2("ssat16", "ssat16 %[r], #4, %[a]", 0x0009fff0, 0, 0);
    T2("usat16", "usat16 %[r], #8, %[a]", 0xff000100, 0, 0);
    T2("uadd8", "uadd8 %[r], %[a], %[b]", 0x80ff0102, 0x80010203, 0);
    T2("uadd8 sel", "uadd8 %[r], %[a], %[b]\n\tsel %[r], %[a], %[b]", 0x80ff0102, 0x80010203, 0);
    T2("usub8", "usub8 %[r], %[a], %[b]", 0x05050505, 0x01060506, 0);
    T2("sadd16", "sadd16 %[r], %[a], %[b]", 0x7fff8000, 0x00018000, 0);
    T2("qadd16", "qadd16 %[r], %[a], %[b]", 0x7fff8000, 0x00018000, 0);
    T2("shadd8", "shadd8 %[r], %[a], %[b]", 0x80807f02, 0x80017f04, 0);
    T2("uqsub8", "uqsub8 %[r], %[a], %[b]", 0x10203040, 0x20202020, 0);
    T2("uhadd16", "uhadd16 %[r], %[a], %[b]", 0xffff0001, 0xffff0003, 0);
    T2("sasx", "sasx %[r], %[a], %[b]", 0x00050003, 0x00010002, 0);
    T2("usax", "usax %[r], %[a], %[b]", 0x00050003, 0x00010004, 0);
    T2("ssub8", "ssub8 %[r], %[a], %[b]", 0x7f80017f, 0x80010201, 0);
    T2("usad8", "usad8 %[r], %[a], %[b]", 0x01020304, 0x04030201, 0);
    T3("usada8", "usada8 %[r], %[a], %[b], %[r]", 100, 0x01020304, 0x04030201, 0);
    T3("smlad", "smlad %[r], %[a], %[b], %[r]", 10, 0x00020003, 0x00040005, 0);
    T2("smuad q", "smuad %[r], %[a], %[b]", 0x80008000, 0x80008000, 0);
    T2("smusd", "smusd %[r], %[a], %[b]", 0x00020003, 0x00040005, 0);
    T2("smuadx", "smuadx %[r], %[a], %[b]", 0x00020003, 0x00040005, 0);
    T64("smlald", "smlald %[lo], %[hi], %[a], %[b]", 0xffffffff, 0, 0x00020003, 0x00040005, 0);
    T2("smmul", "smmul %[r], %[a], %[b]", 0x40000000, 0x40000000, 0);
    T2("smmul 3", "smmul %[r], %[a], %[b]", 3, 0x55555555, 0);
    T2("smmulr 3", "smmulr %[r], %[a], %[b]", 3, 0x55555555, 0);
    T3("smmls", "smmls %[r], %[a], %[b], %[r]", 1, 1, 1, 0);
    T3("smmlsr", "smmlsr %[r], %[a], %[b], %[r]", 1, 1, 1, 0);
    T2("smulbt", "smulbt %[r], %[a], %[b]", 0x0000fffe, 0x00030000, 0);
    T3("smlabb q", "smlabb %[r], %[a], %[b], %[r]", 0x40000000, 0x00008000, 0x00008000, 0);
    T2("smulwb", "smulwb %[r], %[a], %[b]", 0x00010000, 2, 0);
    T2("smulwt", "smulwt %[r], %[a], %[b]", 0xffffffff, 0x80000000, 0);
    T64("smlalbb", "smlalbb %[lo], %[hi], %[a], %[b]", 0, 0, 0x0000ffff, 0x00000003, 0);
    T2("sdiv", ".arch_extension idiv\n\tsdiv %[r], %[a], %[b]", 7, -2, 0);
    T2("sdiv min", ".arch_extension idiv\n\tsdiv %[r], %[a], %[b]", 0x80000000, -1, 0);
    T2("sdiv 0", ".arch_extension idiv\n\tsdiv %[r], %[a], %[b]", 5, 0, 0);
    T2("udiv", ".arch_extension idiv\n\tudiv %[r], %[a], %[b]", 0xffffffff, 2, 0);
    T2("udiv 0", ".arch_extension idiv\n\tudiv %[r], %[a], %[b]", 5, 0, 0);
    T2("rbit 1", "rbit %[r], %[a]", 1, 0, 0);
    T2("rbit 2", "rbit %[r], %[a]", 0x12345678, 0, 0);
    T2("rev", "rev %[r], %[a]", 0x12345678, 0, 0);
    T2("rev16", "rev16 %[r], %[a]", 0x12345678, 0, 0);
    T2("revsh", "revsh %[r], %[a]", 0x12345680, 0, 0);
    T2("sxtb16", "sxtb16 %[r], %[a]", 0x12f0347f, 0, 0);
    T2("sxtb16 ror", "sxtb16 %[r], %[a], ror #8", 0x12f0347f, 0, 0);
    T2("uxtab16", "uxtab16 %[r], %[a], %[b]", 0x0001ffff, 0x00020003, 0);
    T2("sxtah", "sxtah %[r], %[a], %[b]", 0x10, 0x0000fff0, 0);
    T2("uxtb ror", "uxtb %[r], %[a], ror #16", 0x12345678, 0, 0);
    T2("sxtb", "sxtb %[r], %[a]", 0x00000080, 0, 0);
    T2("uxth", "uxth %[r], %[a]", 0xffff8765, 0, 0);
    T2("ubfx", "ubfx %[r], %[a], #4, #8", 0x12345678, 0, 0);
    T2("sbfx 1", "sbfx %[r], %[a], #28, #4", 0x12345678, 0, 0);
    T2("sbfx 2", "sbfx %[r], %[a], #4, #4", 0x000000f0, 0, 0);
    T3("bfi", "bfi %[r], %[a], #8, #8", 0xffffffff, 0x12, 0, 0);
    T3("bfc", "bfc %[r], #4, #8", 0xffffffff, 0, 0, 0);
    T2("pkhbt", "pkhbt %[r], %[a], %[b], lsl #16", 0x11112222, 0x00003333, 0);
    T2("pkhtb", "pkhtb %[r], %[a], %[b], asr #16", 0x11112222, 0x80000000, 0);
    T2("pkhtb 32", "pkhtb %[r], %[a], %[b], asr #32", 0x11112222, 0x80000000, 0);
    T2("movw", "movw %[r], #0xbeef", 0, 0, 0);
    T3("movt", "movt %[r], #0xdead", 0x1234beef, 0, 0, 0);
    T2("msr", "msr APSR_nzcvq, %[a]\n\tmrs %[r], APSR", 0xffffffff, 0, 0);
    T2("msr g", "msr APSR_g, %[a]", 0x000a0000, 0, FZ);
    return 0;
}
