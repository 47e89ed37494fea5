/*
 * Host-SSE IEEE 754 operations (include/host-fp.h).
 */
#include <fenv.h>
#include <math.h>

#include "host-fp.h"

const HostFPFormat hfp_f32 = {0x80000000u, 0x7f800000u, 0x007fffffu, 0x00400000u, 0x7fc00000u};
const HostFPFormat hfp_f64 = {1ull << 63, 0x7ff0000000000000ull, 0x000fffffffffffffull, 1ull << 51,
                              0x7ff8000000000000ull};

/* One SSE instruction between saving/setting and reading/restoring MXCSR,
   in a single asm so the compiler cannot move the arithmetic out. */
#define HOST_OP(insn, x, y)                                                          \
    __asm__ volatile("stmxcsr %[sv]\n\tldmxcsr %[cs]\n\t" insn " %[y], %[x]\n\t"     \
                     "stmxcsr %[out]\n\tldmxcsr %[sv]"                               \
                     : [x] "+x"(x), [sv] "+m"(sv), [out] "=m"(out)                   \
                     : [y] "x"(y), [cs] "m"(csr))

/* d + a * b with the host's FMA3 instruction. */
__attribute__((target("fma"))) static uint32_t host_fma3(const HostFPFormat *f, uint64_t a, uint64_t b, uint64_t d,
                                                         uint32_t csr, uint64_t *r)
{
    uint32_t sv = 0, out = 0;
    if (f == &hfp_f32) {
        float x = hfp_f32_of(d), y = hfp_f32_of(a), z = hfp_f32_of(b);
        __asm__ volatile("stmxcsr %[sv]\n\tldmxcsr %[cs]\n\tvfmadd231ss %[z], %[y], %[x]\n\t"
                         "stmxcsr %[out]\n\tldmxcsr %[sv]"
                         : [x] "+x"(x), [sv] "+m"(sv), [out] "=m"(out)
                         : [y] "x"(y), [z] "x"(z), [cs] "m"(csr));
        *r = hfp_bits_f32(x);
    } else {
        double x = hfp_f64_of(d), y = hfp_f64_of(a), z = hfp_f64_of(b);
        __asm__ volatile("stmxcsr %[sv]\n\tldmxcsr %[cs]\n\tvfmadd231sd %[z], %[y], %[x]\n\t"
                         "stmxcsr %[out]\n\tldmxcsr %[sv]"
                         : [x] "+x"(x), [sv] "+m"(sv), [out] "=m"(out)
                         : [y] "x"(y), [z] "x"(z), [cs] "m"(csr));
        *r = hfp_bits_f64(x);
    }
    return out & 0x3f;
}

/* d + a * b with libm under fenv, for hosts without FMA3. */
static uint32_t host_fma_libm(const HostFPFormat *f, uint64_t a, uint64_t b, uint64_t d, uint32_t csr, uint64_t *r)
{
    static const int modes[4] = {FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO}; /* by x86 RC */
    fenv_t saved;
    fegetenv(&saved);
    fesetround(modes[(csr >> 13) & 3]);
    feclearexcept(FE_ALL_EXCEPT);
    if (f == &hfp_f32) {
        volatile float x = fmaf(hfp_f32_of(a), hfp_f32_of(b), hfp_f32_of(d));
        *r = hfp_bits_f32(x);
    } else {
        volatile double x = fma(hfp_f64_of(a), hfp_f64_of(b), hfp_f64_of(d));
        *r = hfp_bits_f64(x);
    }
    int e = fetestexcept(FE_ALL_EXCEPT);
    fesetenv(&saved);
    return (e & FE_INVALID ? HFP_INVALID : 0) | (e & FE_DIVBYZERO ? HFP_DIVBYZERO : 0) |
           (e & FE_OVERFLOW ? HFP_OVERFLOW : 0) | (e & FE_UNDERFLOW ? HFP_UNDERFLOW : 0) |
           (e & FE_INEXACT ? HFP_INEXACT : 0);
}

uint32_t hfp_run(const HostFPFormat *f, int op, uint64_t a, uint64_t b, uint64_t d, uint32_t csr, uint64_t *r)
{
    static int have_fma = -1;
    uint32_t sv = 0, out = 0;
    if (op == HFP_FMA) {
        if (have_fma < 0)
            have_fma = __builtin_cpu_supports("fma") ? 1 : 0;
        return have_fma ? host_fma3(f, a, b, d, csr, r) : host_fma_libm(f, a, b, d, csr, r);
    }
    if (op == HFP_CVT_D2S) {
        float x = 0;
        double y = hfp_f64_of(a);
        HOST_OP("cvtsd2ss", x, y);
        *r = hfp_bits_f32(x);
    } else if (f == &hfp_f32) {
        float x = hfp_f32_of(a), y = hfp_f32_of(b);
        switch (op) {
        case HFP_ADD: HOST_OP("addss", x, y); break;
        case HFP_SUB: HOST_OP("subss", x, y); break;
        case HFP_MUL: HOST_OP("mulss", x, y); break;
        case HFP_DIV: HOST_OP("divss", x, y); break;
        default: y = x; HOST_OP("sqrtss", x, y); break;
        }
        *r = hfp_bits_f32(x);
    } else {
        double x = hfp_f64_of(a), y = hfp_f64_of(b);
        switch (op) {
        case HFP_ADD: HOST_OP("addsd", x, y); break;
        case HFP_SUB: HOST_OP("subsd", x, y); break;
        case HFP_MUL: HOST_OP("mulsd", x, y); break;
        case HFP_DIV: HOST_OP("divsd", x, y); break;
        default: y = x; HOST_OP("sqrtsd", x, y); break;
        }
        *r = hfp_bits_f64(x);
    }
    return out & 0x3f;
}

FPRelation hfp_compare(const HostFPFormat *f, uint64_t a, uint64_t b)
{
    if (hfp_is_nan(f, a) || hfp_is_nan(f, b))
        return FP_UNORDERED;
    double x = f == &hfp_f32 ? hfp_f32_of(a) : hfp_f64_of(a);
    double y = f == &hfp_f32 ? hfp_f32_of(b) : hfp_f64_of(b);
    return x == y ? FP_EQUAL : x < y ? FP_LESS : FP_GREATER;
}
