/* VFP arithmetic: rounding modes, NaN propagation, chained vs fused
   multiply-add, cumulative exception flags, flush-to-zero, default NaN. */
#include "vfp-common.h"

#define ONE 0x3f800000u
#define THREE 0x40400000u
#define QNAN(x) (0x7fc00000u | (x))
#define SNAN(x) (0x7f800000u | (x))

int main(void)
{
    /* basic ops, exact */
    T32("add 1+3", RN, S2("vadd.f32", ONE, THREE));
    T32("sub 1-3", RN, S2("vsub.f32", ONE, THREE));
    T32("mul 3*3", RN, S2("vmul.f32", THREE, THREE));
    T32("nmul 1*3", RN, S2("vnmul.f32", ONE, THREE));
    T32("div 3/1", RN, S2("vdiv.f32", THREE, ONE));
    T64("add.f64 1+3", RN, D2("vadd.f64", 0x3ff0000000000000ull, 0x4008000000000000ull));

    /* 1/3 and -1/3 in each rounding mode */
    T32("div 1/3 RN", RN, S2("vdiv.f32", ONE, THREE));
    T32("div 1/3 RP", RP, S2("vdiv.f32", ONE, THREE));
    T32("div 1/3 RM", RM, S2("vdiv.f32", ONE, THREE));
    T32("div 1/3 RZ", RZ, S2("vdiv.f32", ONE, THREE));
    T32("div -1/3 RN", RN, S2("vdiv.f32", 0xbf800000u, THREE));
    T32("div -1/3 RP", RP, S2("vdiv.f32", 0xbf800000u, THREE));
    T32("div -1/3 RM", RM, S2("vdiv.f32", 0xbf800000u, THREE));
    T32("div -1/3 RZ", RZ, S2("vdiv.f32", 0xbf800000u, THREE));
    T64("div.f64 1/3 RN", RN, D2("vdiv.f64", 0x3ff0000000000000ull, 0x4008000000000000ull));
    T64("div.f64 1/3 RP", RP, D2("vdiv.f64", 0x3ff0000000000000ull, 0x4008000000000000ull));
    T64("div.f64 2/3 RN", RN, D2("vdiv.f64", 0x4000000000000000ull, 0x4008000000000000ull));
    T64("div.f64 2/3 RZ", RZ, D2("vdiv.f64", 0x4000000000000000ull, 0x4008000000000000ull));
    /* x - x is +0, except -0 when rounding toward minus infinity */
    T32("sub 3-3 RN", RN, S2("vsub.f32", THREE, THREE));
    T32("sub 3-3 RM", RM, S2("vsub.f32", THREE, THREE));
    T32("sqrt 2", RN, S1("vsqrt.f32", 0x40000000u));
    T32("sqrt 2 RP", RP, S1("vsqrt.f32", 0x40000000u));
    T64("sqrt.f64 2", RN, D1("vsqrt.f64", 0x4000000000000000ull));
    T32("sqrt -0", RN, S1("vsqrt.f32", 0x80000000u));

    /* NaN propagation (DN = 0): SNaN first (n, m), then QNaN (n, m) */
    T32("nan q+s", RN, S2("vadd.f32", QNAN(1), SNAN(2)));
    T32("nan s+q", RN, S2("vadd.f32", SNAN(3), QNAN(4)));
    T32("nan q+q", RN, S2("vadd.f32", QNAN(5), 0xffc00006u));
    T32("nan 1+q", RN, S2("vmul.f32", ONE, 0xffc00007u));
    T32("nan s*1", RN, S2("vmul.f32", 0xff800008u, ONE));
    T32("nan inf-inf", RN, S2("vsub.f32", 0x7f800000u, 0x7f800000u));
    T32("nan 0*inf", RN, S2("vmul.f32", 0, 0xff800000u));
    T32("nan 0/0", RN, S2("vdiv.f32", 0, 0x80000000u));
    T32("nan sqrt -1", RN, S1("vsqrt.f32", 0xbf800000u));
    T32("nan sqrt snan", RN, S1("vsqrt.f32", SNAN(9)));
    T32("nan DN q+1", DN, S2("vadd.f32", QNAN(5), ONE));
    T32("nan DN s+1", DN, S2("vadd.f32", SNAN(5), ONE));
    T64("nan.f64 q+s", RN, D2("vadd.f64", 0x7ff8000000000011ull, 0xfff0000000000022ull));
    T64("nan.f64 q+q", RN, D2("vdiv.f64", 0x3ff0000000000000ull, 0xfff8000000000033ull));
    T64("nan.f64 inf*0", RN, D2("vmul.f64", 0x7ff0000000000000ull, 0));
    /* neg/abs are bit operations: NaNs kept as they are, no flags */
    T32("neg snan", RN, S1("vneg.f32", SNAN(1)));
    T32("abs -snan", RN, S1("vabs.f32", 0xff800001u));
    T64("neg.f64 1", RN, D1("vneg.f64", 0x3ff0000000000000ull));
    /* vnmul/vmls negate the NaN from the product */
    T32("nmul q*1", RN, S2("vnmul.f32", QNAN(7), ONE));
    T32("mls 1-q*1", RN, S3("vmls.f32", ONE, QNAN(7), ONE));
    T32("mla s+q*1", RN, S3("vmla.f32", SNAN(1), QNAN(7), ONE));

    /* chained vs fused: a = 1 + 2^-12, a*a = 1 + 2^-11 + 2^-24 */
    uint32_t a = 0x3f800800u, p = 0x3f801000u, mp = 0xbf801000u; /* p = 1 + 2^-11 */
    T32("mul a*a", RN, S2("vmul.f32", a, a));
    T32("vmla -p+a*a", RN, S3("vmla.f32", mp, a, a));
    T32("vfma -p+a*a", RN, S3("vfma.f32", mp, a, a));
    T32("vmls p-a*a", RN, S3("vmls.f32", p, a, a));
    T32("vfms p-a*a", RN, S3("vfms.f32", p, a, a));
    T32("vnmla p-a*a", RN, S3("vnmla.f32", mp, a, a));
    T32("vfnma p-a*a", RN, S3("vfnma.f32", mp, a, a));
    T32("vnmls -p+a*a", RN, S3("vnmls.f32", p, a, a));
    T32("vfnms -p+a*a", RN, S3("vfnms.f32", p, a, a));
    T32("vmla 1+3*3", RN, S3("vmla.f32", ONE, THREE, THREE));
    T32("vfma 1+3*3", RN, S3("vfma.f32", ONE, THREE, THREE));
    T32("vfma q+inf*0", RN, S3("vfma.f32", QNAN(1), 0x7f800000u, 0));
    T32("vfma 1+q*s", RN, S3("vfma.f32", ONE, QNAN(2), SNAN(3)));
    T64("vmla.f64", RN, D3("vmla.f64", 0xbff0000004000000ull, 0x3ff0000002000000ull, 0x3ff0000002000000ull));
    T64("vfma.f64", RN, D3("vfma.f64", 0xbff0000004000000ull, 0x3ff0000002000000ull, 0x3ff0000002000000ull));
    T64("vfms.f64", RN, D3("vfms.f64", 0x3ff0000004000000ull, 0x3ff0000002000000ull, 0x3ff0000002000000ull));

    /* cumulative flags: they accumulate until FPSCR is written */
    T32("flag 1/0", RN, S2("vdiv.f32", ONE, 0));
    T32("flag -1/0", RN, S2("vdiv.f32", 0xbf800000u, 0));
    T32("flag ovf", RN, S2("vmul.f32", 0x7f000000u, 0x7f000000u));
    T32("flag ovf RZ", RZ, S2("vmul.f32", 0x7f000000u, 0x7f000000u));
    T32("flag ovf RM", RM, S2("vmul.f32", 0x7f000000u, 0x7f000000u));
    T32("flag unf", RN, S2("vmul.f32", 0x00800001u, 0x3f000000u));
    T32("flag unf exact", RN, S2("vmul.f32", 0x00800000u, 0x3f000000u));
    T32("flag unf to 0", RN, S2("vmul.f32", 0x00000001u, 0x3e800000u));
    T32("flag sticky", 0x1fu, S2("vadd.f32", ONE, ONE));
    set_fpscr(RN);
    S2("vdiv.f32", ONE, THREE);
    S2("vdiv.f32", ONE, 0);
    printf("%-24s fpscr=%08x\n", "flag accumulate", get_fpscr());

    /* flush-to-zero */
    T32("fz denorm in", FZ, S2("vadd.f32", 0x00000001u, 0));
    T32("nofz denorm in", RN, S2("vadd.f32", 0x00000001u, 0));
    T32("fz -denorm in", FZ, S2("vmul.f32", 0x80400000u, ONE));
    T32("fz denorm out", FZ, S2("vmul.f32", 0x00800000u, 0x3f000000u));
    T32("nofz denorm out", RN, S2("vmul.f32", 0x00800000u, 0x3f000000u));
    T32("fz unf to 0", FZ, S2("vmul.f32", 0x00800001u, 0x33000000u));
    T64("fz.f64 denorm in", FZ, D2("vadd.f64", 1, 0x3ff0000000000000ull));
    T64("fz.f64 denorm out", FZ, D2("vmul.f64", 0x0010000000000000ull, 0xbfe0000000000000ull));
    return 0;
}
