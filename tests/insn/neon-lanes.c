/*
 * Advanced SIMD lanes whose results are easy to get wrong, with results
 * computed by hand from the ARM ARM pseudocode (neon-lanes.expected):
 * saturation and FPSCR.QC, rounding shifts, doubling multiplies, the
 * vrecpe/vrsqrte estimates, and the "standard FPSCR value" of float lanes
 * (flush-to-zero with IDC, default NaN with IOC, round to nearest) whatever
 * FPSCR's own mode says.  Each line: the operation, the result lanes, and
 * the FPSCR cumulative flags it left (QC bit 27, IDC 7, IXC 4, UFC 3,
 * OFC 2, DZC 1, IOC 0).
 */
#include <stdint.h>
#include <stdio.h>

typedef struct { uint32_t w[4]; } V;

static void set_fpscr(uint32_t v) { __asm__ volatile("vmsr fpscr, %0" ::"r"(v)); }
static uint32_t get_fpscr(void)
{
    uint32_t v;
    __asm__ volatile("vmrs %0, fpscr" : "=r"(v));
    return v;
}

/* r = OP(a, b) on q0 = a, q1 = b, result in q2 (preset to c). */
#define OP3(name, text, a, b, c)                                                                      \
    do {                                                                                          \
        V r_ = c;                                                                                 \
        set_fpscr(mode);                                                                          \
        __asm__ volatile("vld1.32 {d0-d1}, [%1]\n\tvld1.32 {d2-d3}, [%2]\n\tvld1.32 {d4-d5}, [%0]\n\t" text \
                         "\n\tvst1.32 {d4-d5}, [%0]"                                              \
                         :                                                                        \
                         : "r"(&r_), "r"(&(a)), "r"(&(b))                                         \
                         : "memory", "d0", "d1", "d2", "d3", "d4", "d5");                          \
        show(name, &r_);                                                                          \
    } while (0)

static uint32_t mode;

static void show(const char *name, const V *r)
{
    printf("%-22s %08x %08x %08x %08x  flags %08x\n", name, r->w[0], r->w[1], r->w[2], r->w[3],
           get_fpscr() & 0x0800009fu);
}

int main(void)
{
    V z = {{0, 0, 0, 0}};
    /* FPSCR's own mode: round toward zero, no FZ, no DN: NEON ignores it */
    mode = 3u << 22;

    /* saturating byte add/sub: 100 + 100 = 127 (QC), -100 + -100 = -128 (QC),
       1 + 2 = 3; unsigned 5 - 10 = 0 (QC) */
    V a1 = {{0x9c010064u, 0}}, b1 = {{0x9c020064u, 0}};
    OP3("vqadd.s8", "vqadd.s8 q2, q0, q1", a1, b1, z);
    V a2 = {{0x05u, 0}}, b2 = {{0x0au, 0}};
    OP3("vqsub.u8", "vqsub.u8 q2, q0, q1", a2, b2, z);
    OP3("vqadd.u8 (no sat)", "vqadd.u8 q2, q0, q1", a2, b2, z);

    /* rounding shift right by 1: -3 -> -1, 3 -> 2, -1 -> 0, 1 -> 1 */
    V a3 = {{0xfffffffdu, 3, 0xffffffffu, 1}};
    OP3("vrshr.s32 #1", "vrshr.s32 q2, q0, #1", a3, z, z);
    /* unsigned bytes by 8: (255 + 128) >> 8 = 1, (127 + 128) >> 8 = 0, (128 + 128) >> 8 = 1 */
    V a4 = {{0x80807fffu, 0, 0, 0}};
    OP3("vrshr.u8 #8", "vrshr.u8 q2, q0, #8", a4, z, z);
    /* register shift, count -9 on a byte: arithmetic gives -1 / 0, rounding
       gives (x + 256) >> 9 = 0 for -128 */
    V a5 = {{0x00007f80u, 0, 0, 0}}, c5 = {{0xf7f7f7f7u, 0xf7f7f7f7u, 0xf7f7f7f7u, 0xf7f7f7f7u}};
    OP3("vshl.s8 by -9", "vshl.s8 q2, q0, q1", a5, c5, z);
    OP3("vrshl.s8 by -9", "vrshl.s8 q2, q0, q1", a5, c5, z);
    /* saturating shift left by 1 register count: 0x40 -> 0x7f (QC) */
    V a6 = {{0x00004040u, 0, 0, 0}}, c6 = {{0x00000001u, 0, 0, 0}};
    OP3("vqshl.s8 by 1", "vqshl.s8 q2, q0, q1", a6, c6, z);
    /* vqshlu.s8 #1: -1 -> 0 (QC), 0x40 -> 0x80 */
    V a7 = {{0x000040ffu, 0, 0, 0}};
    OP3("vqshlu.s8 #1", "vqshlu.s8 q2, q0, #1", a7, z, z);

    /* doubling multiplies: 0x8000 * 0x8000 saturates (QC); 0x4000 * 0x4000:
       (2 * 2^28 + 2^15) >> 16 = 0x2000; -1 * 1 -> rounding gives 0 */
    V a8 = {{0x40008000u, 0x0000ffffu, 0, 0}}, b8 = {{0x40008000u, 0x00000001u, 0, 0}};
    OP3("vqrdmulh.s16", "vqrdmulh.s16 q2, q0, q1", a8, b8, z);
    /* without rounding, -1 * 1 doubled >> 16 = -1 */
    OP3("vqdmulh.s16", "vqdmulh.s16 q2, q0, q1", a8, b8, z);
    V a9 = {{0x80000000u, 0, 0, 0}};
    OP3("vqdmulh.s32", "vqdmulh.s32 q2, q0, q1", a9, a9, z);
    /* narrowing with saturation: 0x0100 -> 0xff (QC), 0x00ff -> 0xff, signed -> unsigned */
    V a10 = {{0x00ff0100u, 0xffff0001u, 0, 0}};
    OP3("vqmovun.s16", "vqmovun.s16 d4, q0", a10, z, z);

    /* estimates: vrecpe(1.0) = 0.998046875, vrecpe(2.0) = 0.4990234375,
       vrecpe(-0) = -inf (DZC), vrecpe(2^127) = 0 (UFC) */
    V a11 = {{0x3f800000u, 0x40000000u, 0x80000000u, 0x7f000000u}};
    OP3("vrecpe.f32", "vrecpe.f32 q2, q0", a11, z, z);
    /* vrsqrte(1.0) = 0.998046875, vrsqrte(2.0) = 0.705078125,
       vrsqrte(4.0) = 0.4990234375, vrsqrte(-1.0) = default NaN (IOC) */
    V a12 = {{0x3f800000u, 0x40000000u, 0x40800000u, 0xbf800000u}};
    OP3("vrsqrte.f32", "vrsqrte.f32 q2, q0", a12, z, z);
    /* unsigned: 0x80000000 -> 0xff800000, 0x7fffffff -> 0xffffffff,
       0xffffffff -> 0x80000000 (estimate 256/256), 0xc0000000 -> 0xaa800000 (341/256) */
    V a13 = {{0x80000000u, 0x7fffffffu, 0xffffffffu, 0xc0000000u}};
    OP3("vrecpe.u32", "vrecpe.u32 q2, q0", a13, z, z);
    /* vrsqrte.u32: 0x40000000 (0.25) -> 0xff800000, 0x3fffffff -> all ones,
       0x80000000 (0.5) -> 0xb4800000 (1.41...), 0xffffffff -> 0x80000000 */
    V a14 = {{0x40000000u, 0x3fffffffu, 0x80000000u, 0xffffffffu}};
    OP3("vrsqrte.u32", "vrsqrte.u32 q2, q0", a14, z, z);
    /* vrecps: 2 - 1.5 * 1 = 0.5; inf * 0 -> 2.0 exactly; vrsqrts: (3 - 1*1)/2 = 1 */
    V a15 = {{0x3fc00000u, 0x7f800000u, 0, 0}}, b15 = {{0x3f800000u, 0, 0, 0}};
    OP3("vrecps.f32", "vrecps.f32 q2, q0, q1", a15, b15, z);
    V a16 = {{0x3f800000u, 0, 0x7f800000u, 0}}, b16 = {{0x3f800000u, 0x7f800000u, 0x80000000u, 0}};
    OP3("vrsqrts.f32", "vrsqrts.f32 q2, q0, q1", a16, b16, z);

    /* standard FPSCR: a denormal input is flushed (IDC): 2^-149 + 0 = +0;
       a signalling NaN gives the default NaN (IOC); 1 + a bit more than half
       an ulp rounds up to nearest (0x3f800001, IXC) although FPSCR says
       toward zero; -0 + -0 = -0 */
    V a17 = {{0x00000001u, 0x7f800001u, 0x3f800000u, 0x80000000u}};
    V b17 = {{0x00000000u, 0x3f800000u, 0x33800001u, 0x80000000u}};
    OP3("vadd.f32", "vadd.f32 q2, q0, q1", a17, b17, z);
    /* the same lanes with FPSCR.DN clear and FZ clear: still standard */
    mode = 0;
    OP3("vadd.f32 (mode 0)", "vadd.f32 q2, q0, q1", a17, b17, z);
    /* a tiny product is flushed to +0 with UFC (and no IXC) */
    V a18 = {{0x00800000u, 0, 0, 0}}, b18 = {{0x3f000000u, 0, 0, 0}};
    OP3("vmul.f32 tiny", "vmul.f32 q2, q0, q1", a18, b18, z);
    /* vmax: -0 and +0 -> +0; vmin -> -0; a quiet NaN -> default NaN, no flags */
    V a19 = {{0x80000000u, 0x80000000u, 0x7fc00001u, 0x3f800000u}};
    V b19 = {{0x00000000u, 0x00000000u, 0x3f800000u, 0x40000000u}};
    OP3("vmax.f32", "vmax.f32 q2, q0, q1", a19, b19, z);
    OP3("vmin.f32", "vmin.f32 q2, q0, q1", a19, b19, z);
    /* compares: a quiet NaN makes vceq false without IOC, vcge false with IOC */
    V a20 = {{0x7fc00000u, 0x3f800000u, 0x80000000u, 0x00000001u}};
    V b20 = {{0x7fc00000u, 0x3f800000u, 0x00000000u, 0x00000000u}};
    OP3("vceq.f32", "vceq.f32 q2, q0, q1", a20, b20, z);
    OP3("vcge.f32", "vcge.f32 q2, q0, q1", a20, b20, z);
    /* to integer toward zero with saturation: 3e9 -> 0x7fffffff (IOC),
       -1.5 -> -1 (IXC), NaN -> 0 (IOC), 2^31 unsigned -> 0x80000000 */
    V a21 = {{0x4f32d05eu, 0xbfc00000u, 0x7fc00000u, 0x4f000000u}};
    OP3("vcvt.s32.f32", "vcvt.s32.f32 q2, q0", a21, z, z);
    OP3("vcvt.u32.f32", "vcvt.u32.f32 q2, q0", a21, z, z);
    /* fixed point: 1.5 with 16 fraction bits -> 0x18000 */
    V a22 = {{0x3fc00000u, 0xbf800000u, 0, 0}};
    OP3("vcvt.s32.f32 #16", "vcvt.s32.f32 q2, q0, #16", a22, z, z);
    return 0;
}
