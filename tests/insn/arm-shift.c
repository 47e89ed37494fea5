/*
 * A32 shifter: results and carry-out of every shift by register (amounts
 * 0, 1, 31, 32, 33, 255, 256) and by immediate (LSR/ASR #32, RRX, ROR),
 * and the modified-immediate carry.  Expected output: arm-shift.expected,
 * computed by hand from the ARM ARM's shift pseudocode.
 */
#include "arm-common.h"

static const uint32_t amounts[] = { 0, 1, 31, 32, 33, 255, 256 };

int main(void)
{
    char name[] = "lsl ..";
    for (unsigned i = 0; i < sizeof(amounts) / sizeof(amounts[0]); i++) {
        uint32_t n = amounts[i];
        name[5] = (char)('0' + i);
        name[0] = 'l', name[1] = 's', name[2] = 'l';
        T2(name, "movs %[r], %[a], lsl %[b]", 0x80000001, n, FC);
        name[1] = 's', name[2] = 'r';
        T2(name, "movs %[r], %[a], lsr %[b]", 0x80000001, n, FC);
        name[0] = 'a';
        T2(name, "movs %[r], %[a], asr %[b]", 0x80000001, n, FC);
        T2(name, "movs %[r], %[a], asr %[b]", 0x40000001, n, 0);
        name[0] = 'r', name[1] = 'o';
        T2(name, "movs %[r], %[a], ror %[b]", 0x80000001, n, 0);
    }
    T2("ror4", "movs %[r], %[a], ror %[b]", 0x80000001, 4, 0);
    /* Immediate shifts. */
    T2("lsr#32", "movs %[r], %[a], lsr #32", 0x80000001, 0, 0);
    T2("asr#32", "movs %[r], %[a], asr #32", 0x80000001, 0, 0);
    T2("rrx c1", "movs %[r], %[a], rrx", 0x80000001, 0, FC);
    T2("rrx c0", "movs %[r], %[a], rrx", 0x80000001, 0, 0);
    T2("ror#8", "movs %[r], %[a], ror #8", 0x000000ff, 0, 0);
    T2("lsl#4", "movs %[r], %[a], lsl #4", 0x1fffffff, 0, 0);
    T2("lsl#1 v", "movs %[r], %[a], lsl #1", 1, 0, FV);
    T2("lsl#0", "movs %[r], %[a]", 0x80000001, 0, FC);
    /* Shifted operands of arithmetic ops do not touch C. */
    T2("add lsr", "adds %[r], %[a], %[a], lsr #1", 0x00000003, 0, 0);
    T2("sub reg", "subs %[r], %[a], %[a], lsl %[b]", 1, 32, 0);
    /* Modified immediates: C = bit 31 of the value when rotated. */
    T2("movs imm", "movs %[r], #0x80000000", 0, 0, 0);
    T2("ands imm", "ands %[r], %[a], #0xff", 0x80000001, 0, FC);
    T2("ands rot", "ands %[r], %[a], #0xf0000000", 0x80000001, 0, 0);
    T2("eors rot", "eors %[r], %[a], #0x3fc", 0x000003fc, 0, FC);
    return 0;
}
