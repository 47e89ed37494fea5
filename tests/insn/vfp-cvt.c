/* VFP conversions: float <-> integer (vcvt rounds toward zero, vcvtr uses
   FPSCR), saturation and NaN, f32 <-> f64, fixed point, half precision. */
#include "vfp-common.h"

/* float -> integer, result in a single register */
#define TOI_S(insn, a) ({ float _r, _a = f_of(a); \
    __asm__ volatile(FPU insn " %0, %1" : "=&t"(_r) : "t"(_a)); u_of(_r); })
#define TOI_D(insn, a) ({ float _r; double _a = d_of(a); \
    __asm__ volatile(FPU insn " %0, %P1" : "=&t"(_r) : "w"(_a)); u_of(_r); })
#define FROMI_D(insn, a) ({ double _r; float _a = f_of(a); \
    __asm__ volatile(FPU insn " %P0, %1" : "=&w"(_r) : "t"(_a)); q_of(_r); })
/* in place (fixed point, half precision writes half of the register) */
#define INPL_S(insn, a) ({ float _r = f_of(a); \
    __asm__ volatile(FPU insn : "+t"(_r)); u_of(_r); })
#define INPL_D(insn, a) ({ double _r = d_of(a); \
    __asm__ volatile(FPU insn : "+w"(_r)); q_of(_r); })

int main(void)
{
    /* vcvt.s32.f32: toward zero whatever the mode */
    T32("s32 2.5", RN, TOI_S("vcvt.s32.f32", 0x40200000u));
    T32("s32 -2.5", RM, TOI_S("vcvt.s32.f32", 0xc0200000u));
    T32("s32 2.0", RN, TOI_S("vcvt.s32.f32", 0x40000000u));
    T32("s32 0.75", RN, TOI_S("vcvt.s32.f32", 0x3f400000u));
    /* vcvtr: FPSCR mode */
    T32("r.s32 2.5 RN", RN, TOI_S("vcvtr.s32.f32", 0x40200000u));
    T32("r.s32 3.5 RN", RN, TOI_S("vcvtr.s32.f32", 0x40600000u));
    T32("r.s32 -2.5 RN", RN, TOI_S("vcvtr.s32.f32", 0xc0200000u));
    T32("r.s32 2.5 RP", RP, TOI_S("vcvtr.s32.f32", 0x40200000u));
    T32("r.s32 -2.5 RM", RM, TOI_S("vcvtr.s32.f32", 0xc0200000u));
    T32("r.s32 -2.5 RZ", RZ, TOI_S("vcvtr.s32.f32", 0xc0200000u));
    T32("r.u32 2.25 RP", RP, TOI_S("vcvtr.u32.f32", 0x40100000u));
    /* saturation and NaN */
    T32("s32 3e9", RN, TOI_S("vcvt.s32.f32", 0x4f32d05eu));
    T32("s32 -3e9", RN, TOI_S("vcvt.s32.f32", 0xcf32d05eu));
    T32("s32 -2^31", RN, TOI_S("vcvt.s32.f32", 0xcf000000u));
    T32("s32 +inf", RN, TOI_S("vcvt.s32.f32", 0x7f800000u));
    T32("s32 nan", RN, TOI_S("vcvt.s32.f32", 0x7fc00000u));
    T32("u32 -1.0", RN, TOI_S("vcvt.u32.f32", 0xbf800000u));
    T32("u32 -0.5", RN, TOI_S("vcvt.u32.f32", 0xbf000000u));
    T32("u32 4e9", RN, TOI_S("vcvt.u32.f32", 0x4f6e6b28u));
    T32("u32 1e10", RN, TOI_S("vcvt.u32.f32", 0x501502f9u));
    T32("u32 -inf", RN, TOI_S("vcvt.u32.f32", 0xff800000u));
    T32("u32.f64 2^32-1", RN, TOI_D("vcvt.u32.f64", 0x41efffffffe00000ull));
    T32("u32.f64 2^32-0.5", RN, TOI_D("vcvt.u32.f64", 0x41efffffffff0000ull));
    T32("r.u32.f64 2^32-0.5", RN, TOI_D("vcvtr.u32.f64", 0x41efffffffff0000ull));
    T32("s32.f64 -2^31-0.5", RN, TOI_D("vcvt.s32.f64", 0xc1e0000000100000ull));
    T32("r.s32.f64 -1.5 RN", RN, TOI_D("vcvtr.s32.f64", 0xbff8000000000000ull));
    T32("s32.f64 snan", RN, TOI_D("vcvt.s32.f64", 0x7ff0000000000001ull));
    T32("fz s32 denorm", FZ | RP, TOI_S("vcvtr.s32.f32", 0x00000001u));
    T32("s32 denorm RP", RP, TOI_S("vcvtr.s32.f32", 0x00000001u));

    /* integer -> float */
    T32("f32.s32 -1", RN, TOI_S("vcvt.f32.s32", 0xffffffffu));
    T32("f32.u32 -1", RN, TOI_S("vcvt.f32.u32", 0xffffffffu));
    T32("f32.u32 -1 RZ", RZ, TOI_S("vcvt.f32.u32", 0xffffffffu));
    T32("f32.s32 2^24+1", RN, TOI_S("vcvt.f32.s32", 0x01000001u));
    T32("f32.s32 2^24+1 RP", RP, TOI_S("vcvt.f32.s32", 0x01000001u));
    T64("f64.s32 -2^31", RN, FROMI_D("vcvt.f64.s32", 0x80000000u));
    T64("f64.u32 2^32-1", RN, FROMI_D("vcvt.f64.u32", 0xffffffffu));

    /* f32 <-> f64 */
    T64("f64.f32 1/3", RN, FROMI_D("vcvt.f64.f32", 0x3eaaaaabu));
    T64("f64.f32 snan", RN, FROMI_D("vcvt.f64.f32", 0xff800001u));
    T64("f64.f32 denorm", RN, FROMI_D("vcvt.f64.f32", 0x00000001u));
    T64("f64.f32 denorm FZ", FZ, FROMI_D("vcvt.f64.f32", 0x80000001u));
    T32("f32.f64 1/3 RN", RN, TOI_D("vcvt.f32.f64", 0x3fd5555555555555ull));
    T32("f32.f64 1/3 RP", RP, TOI_D("vcvt.f32.f64", 0x3fd5555555555555ull));
    T32("f32.f64 1/3 RZ", RZ, TOI_D("vcvt.f32.f64", 0x3fd5555555555555ull));
    T32("f32.f64 qnan", RN, TOI_D("vcvt.f32.f64", 0xfff8000020000000ull));
    T32("f32.f64 snan", RN, TOI_D("vcvt.f32.f64", 0x7ff0000020000000ull));
    T32("f32.f64 snan DN", DN, TOI_D("vcvt.f32.f64", 0x7ff0000020000000ull));
    T32("f32.f64 1e300", RN, TOI_D("vcvt.f32.f64", 0x7e37e43c8800759cull));
    T32("f32.f64 1e-300", RN, TOI_D("vcvt.f32.f64", 0x01a56e1fc2f8f359ull));
    T32("f32.f64 1e-300 FZ", FZ, TOI_D("vcvt.f32.f64", 0x01a56e1fc2f8f359ull));

    /* fixed point (in place): fbits = 16 / 8 / 4 */
    T32("s32.f32 #16 1.5", RN, INPL_S("vcvt.s32.f32 %0, %0, #16", 0x3fc00000u));
    T32("s32.f32 #16 -1.00001", RN, INPL_S("vcvt.s32.f32 %0, %0, #16", 0xbf800054u));
    T32("f32.s32 #16 1.5", RN, INPL_S("vcvt.f32.s32 %0, %0, #16", 0x00018000u));
    T32("f32.u32 #32 max", RN, INPL_S("vcvt.f32.u32 %0, %0, #32", 0xffffffffu));
    T32("u16.f32 #8 300", RN, INPL_S("vcvt.u16.f32 %0, %0, #8", 0x43960000u));
    T32("s16.f32 #1 -2.7", RN, INPL_S("vcvt.s16.f32 %0, %0, #1", 0xc02ccccdu));
    T32("s16.f32 #1 -40000", RN, INPL_S("vcvt.s16.f32 %0, %0, #1", 0xc71c4000u));
    T32("f32.s16 #1 ffff8001", RN, INPL_S("vcvt.f32.s16 %0, %0, #1", 0x12348001u));
    T32("f32.u16 #1 ffff8001", RN, INPL_S("vcvt.f32.u16 %0, %0, #1", 0x12348001u));
    T64("s32.f64 #4 -1.5", RN, INPL_D("vcvt.s32.f64 %P0, %P0, #4", 0xbff8000000000000ull));
    T64("u32.f64 #4 1.5", RN, INPL_D("vcvt.u32.f64 %P0, %P0, #4", 0x3ff8000000000000ull));
    T64("f64.u16 #4 0x10", RN, INPL_D("vcvt.f64.u16 %P0, %P0, #4", 0xffffffffffff0010ull));
    T64("f64.s32 #4 -24", RN, INPL_D("vcvt.f64.s32 %P0, %P0, #4", 0x00000000ffffffe8ull));

    /* half precision: vcvtb uses bits 15:0, vcvtt bits 31:16 */
    T32("f16 1.0 b", RN, INPL_S("vcvtb.f16.f32 %0, %0", 0x3f800000u));
    T32("f16 1.0 t", RN, INPL_S("vcvtt.f16.f32 %0, %0", 0x3f800000u));
    T32("f16 1/3", RN, INPL_S("vcvtb.f16.f32 %0, %0", 0x3eaaaaabu));
    T32("f16 1/3 RP", RP, INPL_S("vcvtb.f16.f32 %0, %0", 0x3eaaaaabu));
    T32("f16 65504", RN, INPL_S("vcvtb.f16.f32 %0, %0", 0x477fe000u));
    T32("f16 65520", RN, INPL_S("vcvtb.f16.f32 %0, %0", 0x477ff000u));
    T32("f16 65520 RZ", RZ, INPL_S("vcvtb.f16.f32 %0, %0", 0x477ff000u));
    T32("f16 -1e6 RP", RP, INPL_S("vcvtb.f16.f32 %0, %0", 0xc9742400u));
    T32("f16 2^-24", RN, INPL_S("vcvtb.f16.f32 %0, %0", 0x33800000u));
    T32("f16 2^-26", RN, INPL_S("vcvtb.f16.f32 %0, %0", 0x32800000u));
    T32("f16 -2^-26 RM", RM, INPL_S("vcvtb.f16.f32 %0, %0", 0xb2800000u));
    T32("f16 snan", RN, INPL_S("vcvtb.f16.f32 %0, %0", 0x7f802001u));
    T32("f16 -inf", RN, INPL_S("vcvtb.f16.f32 %0, %0", 0xff800000u));
    T32("f16 ahp 65536", AHP, INPL_S("vcvtb.f16.f32 %0, %0", 0x47800000u));
    T32("f16 ahp inf", AHP, INPL_S("vcvtb.f16.f32 %0, %0", 0x7f800000u));
    T32("f16 ahp 1e6", AHP, INPL_S("vcvtb.f16.f32 %0, %0", 0x49742400u));
    T32("f32.f16 b 3c00", RN, INPL_S("vcvtb.f32.f16 %0, %0", 0xabcd3c00u));
    T32("f32.f16 t c000", RN, INPL_S("vcvtt.f32.f16 %0, %0", 0xc0001234u));
    T32("f32.f16 0001", RN, INPL_S("vcvtb.f32.f16 %0, %0", 0x00000001u));
    T32("f32.f16 7c01", RN, INPL_S("vcvtb.f32.f16 %0, %0", 0x00007c01u));
    T32("f32.f16 fe00", RN, INPL_S("vcvtb.f32.f16 %0, %0", 0x0000fe00u));
    T32("f32.f16 7c00", RN, INPL_S("vcvtb.f32.f16 %0, %0", 0x00007c00u));
    T32("f32.f16 ahp 7c00", AHP, INPL_S("vcvtb.f32.f16 %0, %0", 0x00007c00u));
    return 0;
}
