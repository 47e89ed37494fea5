/*
 * Random differential test of the VFP arithmetic (no .expected on purpose:
 * the reference is qemu-arm).  Usage:
 *   arm-linux-gnueabihf-gcc -static -O1 -marm -I tests/insn tests/insn/vfp-fuzz.c -o f
 *   diff <(qemu-arm -cpu cortex-a15 ./f SEED N) <(build/mimic ./f SEED N)
 * Each line is "index result fpscr".  Operands mix special values (zeros,
 * infinities, NaNs, denormals, limits), exactly representable integers and
 * random bits; FPSCR mixes random modes (RMode, FZ, DN, AHP, preset flags)
 * with plain round-to-nearest with IXC set or clear (mimic's fast paths).
 */
#include <stdlib.h>
#include "vfp-common.h"

static uint64_t st = 88172645463325252ull;
static uint64_t rnd(void) { st ^= st << 13; st ^= st >> 7; st ^= st << 17; return st; }

static uint32_t rs(void)
{
    static const uint32_t sp[] = {0, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0x7f800001, 0xffc00123,
                                  0x7fa00000, 0x00000001, 0x807fffff, 0x00800000, 0x3f800000, 0xbf800000,
                                  0x7f7fffff, 0x00400000, 0x4b800001, 0x4f000000, 0xcf000000, 0x4f800000,
                                  0x3f000000, 0x40400000};
    uint32_t r = (uint32_t)rnd();
    switch (rnd() % 5) {
    case 0: return sp[rnd() % (sizeof sp / 4)];
    case 1: return (r & 0x807fffff) | (uint32_t)(rnd() % 6) << 23 | (rnd() & 1 ? 0x3f000000 : 0);
    case 2: return (r & 0x80ffffff) | (0x3e000000 ^ (r & 0x01000000));
    case 3: return u_of((float)((int)(rnd() % 2001) - 1000) * (rnd() % 2 ? 0.25f : 8.0f));
    default: return r;
    }
}

static uint64_t rd(void)
{
    static const uint64_t sp[] = {0, 1ull << 63, 0x7ff0000000000000ull, 0xfff0000000000000ull,
                                  0x7ff8000000000000ull, 0x7ff0000000000001ull, 0x0000000000000001ull,
                                  0x000fffffffffffffull, 0x0010000000000000ull, 0x3ff0000000000000ull,
                                  0x41dfffffffc00000ull, 0xc1e0000000000000ull, 0x41efffffffffffffull,
                                  0x3fe0000000000000ull, 0x36a0000000000000ull, 0x47efffffe0000000ull,
                                  0x3810000000000000ull, 0x380fffffffffffffull};
    uint64_t r = rnd();
    switch (rnd() % 6) {
    case 0: return sp[rnd() % (sizeof sp / 8)];
    case 1: return (r & 0x800fffffffffffffull) | (rnd() % 6) << 52 | (rnd() & 1 ? 0x3fe0000000000000ull : 0);
    case 2: return (r & 0x800fffffffffffffull) | (uint64_t)(0x380 + rnd() % 0x10) << 52; /* f32 underflow */
    case 3: return q_of((double)((long)(rnd() % 200001) - 100000) * (rnd() % 2 ? 0.125 : 1024.0));
    default: return r;
    }
}

static uint32_t mode(void)
{
    switch (rnd() % 3) {
    case 0: return 0x10u | (uint32_t)(rnd() & 0x8f); /* RN, IXC set */
    case 1: return (uint32_t)(rnd() & 0x8f);         /* RN, IXC clear */
    default:
        return (uint32_t)(rnd() % 4) << 22 | (rnd() % 3 == 0 ? FZ : 0) | (rnd() % 4 == 0 ? DN : 0) |
               (rnd() % 4 == 0 ? AHP : 0) | (uint32_t)(rnd() & 0x9f);
    }
}

#define OPS2(X) X("vadd.f32") X("vsub.f32") X("vmul.f32") X("vnmul.f32") X("vdiv.f32")
#define OPS3(X) X("vmla.f32") X("vmls.f32") X("vnmla.f32") X("vnmls.f32") \
                X("vfma.f32") X("vfms.f32") X("vfnma.f32") X("vfnms.f32")
#define OPD2(X) X("vadd.f64") X("vsub.f64") X("vmul.f64") X("vnmul.f64") X("vdiv.f64")
#define OPD3(X) X("vmla.f64") X("vmls.f64") X("vnmla.f64") X("vnmls.f64") \
                X("vfma.f64") X("vfms.f64") X("vfnma.f64") X("vfnms.f64")
#define OPS1(X) X("vsqrt.f32") X("vcvt.s32.f32") X("vcvt.u32.f32") X("vcvtr.s32.f32") X("vcvtr.u32.f32") \
                X("vcvt.f32.s32") X("vcvt.f32.u32") X("vabs.f32") X("vneg.f32")
#define OPD1(X) X("vsqrt.f64") X("vabs.f64")
#define OPIN(X) X("vcvtb.f16.f32 %0, %0") X("vcvtt.f16.f32 %0, %0") X("vcvtb.f32.f16 %0, %0") \
                X("vcvtt.f32.f16 %0, %0") X("vcvt.s32.f32 %0, %0, #7") X("vcvt.u16.f32 %0, %0, #3") \
                X("vcvt.s16.f32 %0, %0, #16") X("vcvt.f32.s32 %0, %0, #9") X("vcvt.f32.u16 %0, %0, #2") \
                X("vcvt.f32.u32 %0, %0, #32")
#define OPDIN(X) X("vcvt.s32.f64 %P0, %P0, #7") X("vcvt.u16.f64 %P0, %P0, #3") \
                 X("vcvt.f64.s32 %P0, %P0, #9") X("vcvt.f64.u16 %P0, %P0, #2")

#define P32(v) printf("%d %08x %08x\n", line++, (unsigned)(v), get_fpscr())
#define P64(v) printf("%d %016llx %08x\n", line++, (unsigned long long)(v), get_fpscr())

int main(int argc, char **argv)
{
    int line = 0, n;
    st += argc > 1 ? strtoull(argv[1], 0, 0) : 0;
    n = argc > 2 ? atoi(argv[2]) : 200;
    for (int i = 0; i < n; i++) {
#define A(insn) { uint32_t a = rs(), b = rs(), m = mode(); set_fpscr(m); P32(S2(insn, a, b)); }
        OPS2(A)
#define B(insn) { uint32_t a = rs(), b = rs(), c = rs(), m = mode(); set_fpscr(m); P32(S3(insn, c, a, b)); }
        OPS3(B)
#define C(insn) { uint64_t a = rd(), b = rd(); uint32_t m = mode(); set_fpscr(m); P64(D2(insn, a, b)); }
        OPD2(C)
#define D(insn) { uint64_t a = rd(), b = rd(), c = rd(); uint32_t m = mode(); set_fpscr(m); P64(D3(insn, c, a, b)); }
        OPD3(D)
#define E(insn) { uint32_t a = rs(), m = mode(); set_fpscr(m); P32(S1(insn, a)); }
        OPS1(E)
#define F(insn) { uint64_t a = rd(); uint32_t m = mode(); set_fpscr(m); P64(D1(insn, a)); }
        OPD1(F)
#define G(insn) { uint32_t a = rs(), m = mode(); set_fpscr(m); float r = f_of(a); \
                  __asm__ volatile(FPU insn : "+t"(r)); P32(u_of(r)); }
        OPIN(G)
#define H(insn) { uint64_t a = rd(); uint32_t m = mode(); set_fpscr(m); double r = d_of(a); \
                  __asm__ volatile(FPU insn : "+w"(r)); P64(q_of(r)); }
        OPDIN(H)
        {
            uint64_t a = rd(); uint32_t m = mode(); float r; double x = d_of(a);
            set_fpscr(m);
            __asm__ volatile(FPU "vcvt.f32.f64 %0, %P1" : "=t"(r) : "w"(x));
            P32(u_of(r));
        }
        {
            uint32_t a = rs(), m = mode(); double r; float x = f_of(a);
            set_fpscr(m);
            __asm__ volatile(FPU "vcvt.f64.f32 %P0, %1" : "=w"(r) : "t"(x));
            P64(q_of(r));
        }
        {
            uint64_t a = rd(); uint32_t m = mode(); float r; double x = d_of(a);
            set_fpscr(m);
            __asm__ volatile(FPU "vcvtr.s32.f64 %0, %P1" : "=t"(r) : "w"(x));
            P32(u_of(r));
        }
        {
            uint32_t a = rs(), b = rs(), m = mode(); float x = f_of(a), y = f_of(b);
            set_fpscr(m);
            __asm__ volatile(FPU "vcmpe.f32 %0, %1" ::"t"(x), "t"(y));
            P32(0);
        }
        {
            uint64_t a = rd(), b = rd(); uint32_t m = mode(); double x = d_of(a), y = d_of(b);
            set_fpscr(m);
            __asm__ volatile(FPU "vcmp.f64 %P0, %P1" ::"w"(x), "w"(y));
            P32(0);
        }
    }
    return 0;
}
