/*
 * Compare-and-branch: every condition tested by a branch right after the
 * instruction that set the flags (mimic fuses `cmp a, b; b<cc>` into one
 * host compare of a and b: target-arm/translate.c, fused_test_cc), in A32
 * and T32, after cmp (register and immediate), subs into another register,
 * rsbs and cmn (not fused: an addition), with operands at the signed and
 * unsigned boundaries.  Each line is one (form, a, b) with a bit per
 * condition EQ..LE (bit 0 = EQ) set when the branch was taken.  The
 * expected output comes from the ARM ARM's condition table (computed by
 * hand-written rules: tests/insn/arm-cmpbr.expected).
 */
#include "arm-common.h"

/* One branch after SETUP with condition CC: 1 when taken. */
#define BR(fn, attr, setup, cc)                                                          \
    static uint32_t attr fn##_##cc(uint32_t a, uint32_t b)                           \
    {                                                                                \
        uint32_t r, t;                                                               \
        __asm__ volatile(".syntax unified\n\t" setup "\n\t"                          \
                         "b" #cc " 1f\n\t"                                           \
                         "movs %[r], #0\n\t"                                         \
                         "b 2f\n"                                                    \
                         "1:\tmovs %[r], #1\n"                                       \
                         "2:\n\t"                                                    \
                         : [r] "=&l"(r), [t] "=&l"(t)                                \
                         : [a] "l"(a), [b] "l"(b)                                    \
                         : "cc");                                                    \
        (void)t;                                                                     \
        return r;                                                                    \
    }
#define ALL(fn, attr, setup)                                                         \
    BR(fn, attr, setup, eq) BR(fn, attr, setup, ne) BR(fn, attr, setup, cs)          \
    BR(fn, attr, setup, cc) BR(fn, attr, setup, mi) BR(fn, attr, setup, pl)          \
    BR(fn, attr, setup, vs) BR(fn, attr, setup, vc) BR(fn, attr, setup, hi)          \
    BR(fn, attr, setup, ls) BR(fn, attr, setup, ge) BR(fn, attr, setup, lt)          \
    BR(fn, attr, setup, gt) BR(fn, attr, setup, le)                                  \
    static uint32_t fn(uint32_t a, uint32_t b)                                       \
    {                                                                                \
        return fn##_eq(a, b) | fn##_ne(a, b) << 1 | fn##_cs(a, b) << 2 |             \
               fn##_cc(a, b) << 3 | fn##_mi(a, b) << 4 | fn##_pl(a, b) << 5 |        \
               fn##_vs(a, b) << 6 | fn##_vc(a, b) << 7 | fn##_hi(a, b) << 8 |        \
               fn##_ls(a, b) << 9 | fn##_ge(a, b) << 10 | fn##_lt(a, b) << 11 |      \
               fn##_gt(a, b) << 12 | fn##_le(a, b) << 13;                            \
    }

#define ARM_FN __attribute__((noinline, target("arm")))
#define THUMB_FN __attribute__((noinline, target("thumb")))
ALL(a_cmp, ARM_FN, "cmp %[a], %[b]")
ALL(a_subs, ARM_FN, "subs %[t], %[a], %[b]")
ALL(a_rsbs, ARM_FN, "rsbs %[t], %[b], %[a]") /* a - b too */
ALL(a_cmn, ARM_FN, "cmn %[a], %[b]")
ALL(t_cmp, THUMB_FN, "cmp %[a], %[b]")
ALL(t_subs, THUMB_FN, "subs %[t], %[a], %[b]")
ALL(t_cmn, THUMB_FN, "cmn %[a], %[b]")
/* Immediate forms: b is ignored, the immediate is 5. */
ALL(a_cmpi, ARM_FN, "cmp %[a], #5")
ALL(t_cmpi, THUMB_FN, "cmp %[a], #5")

static const uint32_t vals[] = { 0, 1, 5, 6, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff };
#define NV (sizeof(vals) / sizeof(vals[0]))

static void line(const char *form, uint32_t a, uint32_t b, uint32_t bits)
{
    out_str(form);
    out_str(" ");
    out_hex(a);
    out_str(" ");
    out_hex(b);
    out_str(": ");
    out_hex(bits);
    out_str("\n");
}

int main(void)
{
    static const struct {
        const char *name;
        uint32_t (*fn)(uint32_t, uint32_t);
    } forms[] = {
        { "a_cmp", a_cmp }, { "a_subs", a_subs }, { "a_rsbs", a_rsbs }, { "a_cmn", a_cmn },
        { "t_cmp", t_cmp }, { "t_subs", t_subs }, { "t_cmn", t_cmn },
    };
    for (unsigned f = 0; f < sizeof(forms) / sizeof(forms[0]); f++)
        for (unsigned i = 0; i < NV; i++)
            for (unsigned j = 0; j < NV; j++)
                line(forms[f].name, vals[i], vals[j], forms[f].fn(vals[i], vals[j]));
    for (unsigned i = 0; i < NV; i++) {
        line("a_cmpi", vals[i], 5, a_cmpi(vals[i], 0));
        line("t_cmpi", vals[i], 5, t_cmpi(vals[i], 0));
    }
    return 0;
}
