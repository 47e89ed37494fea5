/*
 * The i386 guest's carry flag from its lazy state (cc_op, cc_dst, cc_src,
 * cc_src2: target-i386/cpu.h) against this host's own CPU.
 *
 * For add, adc, sub, sbb, shl, sar, mul, inc, dec and and, at 8, 16 and
 * 32 bits, on edge-case and random operands: the host runs the instruction
 * (inline asm) and reports its CF; the test forms the lazy state the front
 * end would leave for the same instruction and requires both
 * helper_cc_compute_c (the fast path that inc and dec use) and
 * helper_cc_compute_all's CF to equal the CPU's.
 *
 * Exit 0 = pass; one line per mismatch; a count line at the end.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

#include "linux-user/user.h"
#include "target-i386/cpu.h"
#include "tests/unit/unit-check.h"

UNIT_MAIN_GLOBALS;

enum { ADD, ADC, SUB, SBB, SHL, SAR, MUL, INC, DEC, AND, NB_KIND };
static const char *const kind_name[NB_KIND] = { "add", "adc", "sub", "sbb", "shl", "sar", "mul", "inc", "dec", "and" };

/* The host's result and CF of `kind` at width 8 << ot (b: the second
   operand or the shift count; cin: CF before it, for adc, sbb, inc, dec).
   *hi: mul's high half. */
#define HOST_OP(SFX, M, a, b, cin, res, cf, hi)                                                   \
    do {                                                                                           \
        uint32_t r_ = (a), b_ = (b), c_ = (cin), h_ = 0;                                           \
        uint8_t f_;                                                                                \
        switch (kind) {                                                                            \
        case ADD:                                                                                  \
            __asm__("add" SFX " %" M "2, %" M "0\n\tsetc %1" : "+r"(r_), "=q"(f_) : "r"(b_) : "cc"); \
            break;                                                                                 \
        case ADC:                                                                                  \
            __asm__("btl $0, %k3\n\tadc" SFX " %" M "2, %" M "0\n\tsetc %1"                         \
                    : "+r"(r_), "=q"(f_) : "r"(b_), "r"(c_) : "cc");                               \
            break;                                                                                 \
        case SUB:                                                                                  \
            __asm__("sub" SFX " %" M "2, %" M "0\n\tsetc %1" : "+r"(r_), "=q"(f_) : "r"(b_) : "cc"); \
            break;                                                                                 \
        case SBB:                                                                                  \
            __asm__("btl $0, %k3\n\tsbb" SFX " %" M "2, %" M "0\n\tsetc %1"                         \
                    : "+r"(r_), "=q"(f_) : "r"(b_), "r"(c_) : "cc");                               \
            break;                                                                                 \
        case SHL:                                                                                  \
            __asm__("shl" SFX " %%cl, %" M "0\n\tsetc %1" : "+r"(r_), "=q"(f_) : "c"(b_) : "cc");   \
            break;                                                                                 \
        case SAR:                                                                                  \
            __asm__("sar" SFX " %%cl, %" M "0\n\tsetc %1" : "+r"(r_), "=q"(f_) : "c"(b_) : "cc");   \
            break;                                                                                 \
        case MUL: {                                                                                \
            uint32_t ax_ = r_, dx_ = 0;                                                            \
            if (SFX[0] == 'b') {                                                                   \
                __asm__("mulb %b3\n\tsetc %1" : "+a"(ax_), "=q"(f_), "+d"(dx_) : "q"(b_) : "cc");    \
                r_ = ax_ & 0xff;                                                                   \
                h_ = (ax_ >> 8) & 0xff;                                                            \
            } else {                                                                               \
                __asm__("mul" SFX " %" M "3\n\tsetc %1" : "+a"(ax_), "=q"(f_), "+d"(dx_) : "r"(b_) : "cc"); \
                r_ = ax_;                                                                          \
                h_ = dx_;                                                                          \
            }                                                                                      \
            break;                                                                                 \
        }                                                                                          \
        case INC:                                                                                  \
            __asm__("btl $0, %k2\n\tinc" SFX " %" M "0\n\tsetc %1" : "+r"(r_), "=q"(f_) : "r"(c_) : "cc"); \
            break;                                                                                 \
        case DEC:                                                                                  \
            __asm__("btl $0, %k2\n\tdec" SFX " %" M "0\n\tsetc %1" : "+r"(r_), "=q"(f_) : "r"(c_) : "cc"); \
            break;                                                                                 \
        default:                                                                                   \
            __asm__("and" SFX " %" M "2, %" M "0\n\tsetc %1" : "+r"(r_), "=q"(f_) : "r"(b_) : "cc"); \
            break;                                                                                 \
        }                                                                                          \
        res = r_;                                                                                  \
        cf = f_;                                                                                   \
        hi = h_;                                                                                   \
    } while (0)

static void check_one(int kind, int ot, uint32_t a, uint32_t b, uint32_t cin)
{
    static const int base[NB_KIND] = { CC_OP_ADDB, CC_OP_ADCB, CC_OP_SUBB, CC_OP_SBBB, CC_OP_SHLB,
                                       CC_OP_SARB, CC_OP_MULB, CC_OP_INCB, CC_OP_DECB, CC_OP_LOGICB };
    const unsigned bits = 8u << ot;
    const uint32_t m = bits == 32 ? 0xffffffffu : (1u << bits) - 1;
    if (kind == SHL || kind == SAR)
        b = 1 + b % (bits - 1); /* a count the front end keeps flags for */
    uint32_t res, cf, hi;
    if (ot == 0)
        HOST_OP("b", "b", a, b, cin, res, cf, hi);
    else if (ot == 1)
        HOST_OP("w", "w", a, b, cin, res, cf, hi);
    else
        HOST_OP("l", "k", a, b, cin, res, cf, hi);
    /* The lazy state the front end leaves (target-i386/cpu.h, CC_OP_*). */
    uint32_t dst = res & m, src = b & m, src2 = 0;
    switch (kind) {
    case ADC:
    case SBB:
        src2 = cin;
        break;
    case SHL:
        src = (a & m) << (b - 1);
        break;
    case SAR: {
        int32_t sa = ot == 0 ? (int8_t)a : ot == 1 ? (int16_t)a : (int32_t)a;
        src = (uint32_t)(sa >> (b - 1));
        break;
    }
    case MUL:
        src = hi;
        break;
    case INC:
    case DEC:
        src = cin;
        break;
    }
    uint32_t op = (uint32_t)(base[kind] + ot);
    uint32_t c = helper_cc_compute_c(op, dst, src, src2, 0);
    uint32_t all = helper_cc_compute_all(op, dst, src, src2, 0) & CC_C;
    CHECK(c == cf, "%s%u a=%#" PRIx32 " b=%#" PRIx32 " cin=%" PRIu32 ": compute_c %" PRIu32 ", CPU %" PRIu32,
          kind_name[kind], bits, a, b, cin, c, cf);
    CHECK(all == cf, "%s%u a=%#" PRIx32 " b=%#" PRIx32 " cin=%" PRIu32 ": compute_all's C %" PRIu32 ", CPU %" PRIu32,
          kind_name[kind], bits, a, b, cin, all, cf);
}

int main(void)
{
    static const uint32_t edge[] = { 0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff,
                                     0x10000, 0x7fffffff, 0x80000000u, 0xfffffffeu, 0xffffffffu };
    const int ne = (int)(sizeof(edge) / sizeof(edge[0]));
    uint64_t x = 0x9e3779b97f4a7c15ull;
    for (int kind = 0; kind < NB_KIND; kind++) {
        for (int ot = 0; ot < 3; ot++) {
            for (int i = 0; i < ne; i++)
                for (int j = 0; j < ne; j++)
                    for (uint32_t cin = 0; cin < 2; cin++)
                        check_one(kind, ot, edge[i], edge[j], cin);
            for (int n = 0; n < 2000; n++) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                check_one(kind, ot, (uint32_t)x, (uint32_t)(x >> 32), (uint32_t)(x >> 63));
            }
        }
    }
    printf("%d checks, %d failures\n", checks, failures);
    return failures != 0;
}
