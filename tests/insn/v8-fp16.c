/*
 * ARMv8.2 half-precision VFP (FEAT_FP16) in AArch32, on bit patterns with
 * hand-computed results (v8-fp16.expected): one rounding to half precision
 * in each FPSCR rounding mode, denormals with FPSCR.FZ16 off and on (inputs
 * flushed without IDC, tiny results flushed with UFC), NaN choice and
 * default NaN, overflow, fused versus chained multiply-add, conversions,
 * vrint, vmaxnm, vsel, and the moves: the top half of the destination
 * single is zeroed (vins.f16 writes only the top half).  Each line: the
 * destination single register (or core register) and FPSCR after.
 */
#include <stdint.h>
#include <stdio.h>

#define FP16 ".arch armv8.2-a\n\t.fpu neon-fp-armv8\n\t.arch_extension fp16\n\t"

#define RN 0x00000000u
#define RP 0x00400000u
#define RM 0x00800000u
#define RZ 0x00c00000u
#define FZ16 0x00080000u
#define FZ 0x01000000u
#define DN 0x02000000u
#define AHP 0x04000000u

static uint32_t get_fpscr(void)
{
    uint32_t r;
    __asm__ volatile(FP16 "vmrs %0, fpscr" : "=r"(r));
    return r;
}

static void set_fpscr(uint32_t v) { __asm__ volatile(FP16 "vmsr fpscr, %0" ::"r"(v) : "memory"); }

/* Sd (preset to d) = insn(Sn = n, Sm = m), all as bit patterns in s0-s2. */
#define H3(insn, d, n, m) ({ uint32_t _d = (d); \
    __asm__ volatile(FP16 "vmov s0, %0\n\tvmov s1, %1\n\tvmov s2, %2\n\t" insn " s0, s1, s2\n\tvmov %0, s0" \
                     : "+r"(_d) : "r"(n), "r"(m) : "s0", "s1", "s2"); _d; })
#define H2(insn, d, m) ({ uint32_t _d = (d); \
    __asm__ volatile(FP16 "vmov s0, %0\n\tvmov s2, %1\n\t" insn " s0, s2\n\tvmov %0, s0" \
                     : "+r"(_d) : "r"(m) : "s0", "s2"); _d; })
/* In place on Sd (fixed point): */
#define H1(insn, d) ({ uint32_t _d = (d); \
    __asm__ volatile(FP16 "vmov s0, %0\n\t" insn "\n\tvmov %0, s0" : "+r"(_d) :: "s0"); _d; })
/* vcmp: the NZCV of FPSCR is the result */
#define HCMP(insn, a, b) ({ \
    __asm__ volatile(FP16 "vmov s0, %0\n\tvmov s2, %1\n\t" insn : : "r"(a), "r"(b) : "s0", "s2"); 0u; })

#define T(name, mode, expr) do { set_fpscr(mode); uint32_t _v = (expr); uint32_t _f = get_fpscr(); \
    printf("%-22s %08x fpscr=%08x\n", name, _v, _f); } while (0)

static uint16_t mem[4] = {0x1111, 0x3c00, 0x2222, 0x3333};

int main(void)
{
    const uint32_t junk = 0xffff0000u; /* destination's old value: the top half must go */

    /* rounding once, in each mode: 1 + 2^-11 is a tie, 1 + 0x1001 is above it */
    T("vadd 1+1", RN, H3("vadd.f16", junk, 0x3c00, 0x3c00));
    T("vadd tie RN", RN, H3("vadd.f16", junk, 0x3c00, 0x1000));
    T("vadd tie RP", RP, H3("vadd.f16", junk, 0x3c00, 0x1000));
    T("vadd tie RM", RM, H3("vadd.f16", junk, 0x3c00, 0x1000));
    T("vadd above RN", RN, H3("vadd.f16", junk, 0x3c00, 0x1001));
    T("vadd above RZ", RZ, H3("vadd.f16", junk, 0x3c00, 0x1001));
    T("vsub x-x RN", RN, H3("vsub.f16", junk, 0x3c00, 0x3c00));
    T("vsub x-x RM", RM, H3("vsub.f16", junk, 0x3c00, 0x3c00));
    T("vdiv 1/3 RN", RN, H3("vdiv.f16", junk, 0x3c00, 0x4200));
    T("vdiv 1/3 RP", RP, H3("vdiv.f16", junk, 0x3c00, 0x4200));
    T("vdiv 1/0", RN, H3("vdiv.f16", junk, 0x3c00, 0x8000));
    T("vsqrt 2 RN", RN, H2("vsqrt.f16", junk, 0x4000));
    T("vsqrt 2 RP", RP, H2("vsqrt.f16", junk, 0x4000));
    T("vsqrt -1", RN, H2("vsqrt.f16", junk, 0xbc00));
    /* overflow */
    T("vadd max+max RN", RN, H3("vadd.f16", junk, 0x7bff, 0x7bff));
    T("vadd max+max RZ", RZ, H3("vadd.f16", junk, 0x7bff, 0x7bff));
    T("vmul max*-2 RP", RP, H3("vmul.f16", junk, 0x7bff, 0xc000));
    /* denormals: exact, flushed inputs (no IDC), tiny results */
    T("vadd den", RN, H3("vadd.f16", junk, 0x0001, 0x0001));
    T("vadd den FZ16", FZ16, H3("vadd.f16", junk, 0x0001, 0x0001));
    T("vadd den FZ only", FZ, H3("vadd.f16", junk, 0x0001, 0x0001));
    T("vmul tiny exact", RN, H3("vmul.f16", junk, 0x0400, 0x3800));
    T("vmul tiny FZ16", FZ16, H3("vmul.f16", junk, 0x0400, 0x3800));
    T("vmul tiny inexact", RN, H3("vmul.f16", junk, 0x0401, 0x3800));
    /* 1023.999 * 2^-24: tiny before rounding, rounds to the smallest normal */
    T("vmul tiny up", RN, H3("vmul.f16", junk, 0x03ff, 0x3c01));
    T("vmul den in FZ16", FZ16, H3("vmul.f16", junk, 0x03ff, 0x3c01));
    /* 2^-14 * (1 - 2^-11): normal inputs, tiny before rounding (a tie
       rounding to 2^-14): UFC; under FZ16 flushed to zero */
    T("vmul tie to min", RN, H3("vmul.f16", junk, 0x0400, 0x3bff));
    T("vmul tie to min FZ16", FZ16, H3("vmul.f16", junk, 0x0400, 0x3bff));
    /* NaNs */
    T("vadd qnan+snan", RN, H3("vadd.f16", junk, 0x7e01, 0x7c01));
    T("vadd qnan+snan DN", DN, H3("vadd.f16", junk, 0x7e01, 0x7c01));
    T("vsub 1-(-qnan)", RN, H3("vsub.f16", junk, 0x3c00, 0xfe05));
    T("vmul 0*inf", RN, H3("vmul.f16", junk, 0x0000, 0xfc00));
    T("vnmul nan", RN, H3("vnmul.f16", junk, 0x7e10, 0x3c00));
    T("vadd AHP ignored", AHP, H3("vadd.f16", junk, 0x7c00, 0x3c00));
    /* fused: -1 + (1+2^-10)(1+3*2^-10) rounds once; vmla twice */
    T("vfma", RN, H3("vfma.f16", 0xbc00, 0x3c01, 0x3c03));
    T("vmla", RN, H3("vmla.f16", 0xbc00, 0x3c01, 0x3c03));
    T("vfms", RN, H3("vfms.f16", 0x3c00, 0x3c00, 0x4000));
    T("vfnma", RN, H3("vfnma.f16", 0x3c00, 0x3c00, 0x4000));
    T("vfnms", RN, H3("vfnms.f16", 0x3c00, 0x3c00, 0x4000));
    T("vnmla", RN, H3("vnmla.f16", 0x3c00, 0x3c00, 0x4000));
    T("vnmls", RN, H3("vnmls.f16", 0x3c00, 0x3c00, 0x4000));
    T("vmls", RN, H3("vmls.f16", 0x3c00, 0x3c00, 0x4000));
    T("vfma inf*0+qnan", RN, H3("vfma.f16", 0x7e00, 0x7c00, 0x0000));
    /* vabs/vneg: bits only */
    T("vabs snan", RN, H2("vabs.f16", junk, 0x1234fc01));
    T("vneg den FZ16", FZ16, H2("vneg.f16", junk, 0x0001));
    /* compares */
    T("vcmp 1,2", RN, HCMP("vcmp.f16 s0, s2", 0x3c00, 0x4000));
    T("vcmp 2,1", RN, HCMP("vcmp.f16 s0, s2", 0x4000, 0x3c00));
    T("vcmp den,0 FZ16", FZ16, HCMP("vcmp.f16 s0, #0", 0x8001, 0));
    T("vcmp qnan", RN, HCMP("vcmp.f16 s0, s2", 0x7e00, 0x3c00));
    T("vcmpe qnan", RN, HCMP("vcmpe.f16 s0, s2", 0x7e00, 0x3c00));
    /* conversions */
    T("vcvt.s32.f16 -100", RN, H2("vcvt.s32.f16", junk, 0xd640));
    T("vcvt.u32.f16 -1", RN, H2("vcvt.u32.f16", junk, 0xbc00));
    T("vcvt.s32.f16 2.5", RN, H2("vcvt.s32.f16", junk, 0x4100));
    T("vcvtr.s32.f16 2.5", RN, H2("vcvtr.s32.f16", junk, 0x4100));
    T("vcvtr.s32.f16 RP", RP, H2("vcvtr.s32.f16", junk, 0x4100));
    T("vcvta.s32.f16 2.5", RN, H2("vcvta.s32.f16", junk, 0x4100));
    T("vcvtm.s32.f16 -0.5", RN, H2("vcvtm.s32.f16", junk, 0xb800));
    T("vcvt.f16.u32 70000", RN, H2("vcvt.f16.u32", junk, 70000));
    T("vcvt.f16.s32 -2049", RN, H2("vcvt.f16.s32", junk, 0xfffff7ff));
    T("vcvt.f16.s32 -2049 RM", RM, H2("vcvt.f16.s32", junk, 0xfffff7ff));
    /* fixed point, in place on s0 (as words: gas lacks them) */
    T("vcvt.f16.s32 #8", RN, H1(".inst 0xeeba09cc", 0xffffff80));  /* -128/256 = -0.5 */
    T("vcvt.f16.s16 #8", RN, H1(".inst 0xeeba0944", 0x1234ff80));  /* the low 16 bits: -0.5 */
    T("vcvt.s32.f16 #8", RN, H1(".inst 0xeebe09cc", 0x3c01));      /* (1+2^-10)*256 = 256.25 -> 256 */
    T("vcvt.s16.f16 #8", RN, H1(".inst 0xeebe0944", 0xb800));      /* -128, sign-extended */
    T("vcvt.u32.f16 #19", RN, H1(".inst 0xeebf09e6", 0x3c00));     /* 1*2^19 */
    /* vrint */
    T("vrinta 2.5", RN, H2("vrinta.f16", junk, 0x4100));
    T("vrintn 2.5", RN, H2("vrintn.f16", junk, 0x4100));
    T("vrintx 2.5", RN, H2("vrintx.f16", junk, 0x4100));
    T("vrintz -0.5", RN, H2("vrintz.f16", junk, 0xb800));
    T("vrintp 0.25", RN, H2("vrintp.f16", junk, 0x3400));
    /* vmaxnm/vminnm, vsel */
    T("vmaxnm qnan,1", RN, H3("vmaxnm.f16", junk, 0x7e00, 0x3c00));
    T("vminnm -0,+0", RN, H3("vminnm.f16", junk, 0x0000, 0x8000));
    T("vmaxnm snan,1", RN, H3("vmaxnm.f16", junk, 0x7c01, 0x3c00));
    T("vseleq (Z=1)", RN, ({ __asm__ volatile("cmp r0, r0" ::: "cc"); H3("vseleq.f16", junk, 0xaaaa1111, 0xbbbb2222); }));
    T("vselgt (Z=1)", RN, ({ __asm__ volatile("cmp r0, r0" ::: "cc"); H3("vselgt.f16", junk, 0xaaaa1111, 0xbbbb2222); }));
    /* moves */
    T("vmov.f16 #1.5", RN, H1("vmov.f16 s0, #1.5", junk));
    T("vmov.f16 #-0.125", RN, H1("vmov.f16 s0, #-0.125", junk));
    T("vmov.f16 s, r", RN, ({ uint32_t _r = 0x12345678, _d;
        __asm__ volatile(FP16 "vmov s0, %1\n\tvmov.f16 s0, %2\n\tvmov %0, s0" : "=r"(_d) : "r"(junk), "r"(_r) : "s0"); _d; }));
    T("vmov.f16 r, s", RN, ({ uint32_t _r = 0xdeadbeef, _s = 0xabcd1234;
        __asm__ volatile(FP16 "vmov s0, %1\n\tvmov.f16 %0, s0" : "+r"(_r) : "r"(_s) : "s0"); _r; }));
    T("vins.f16", RN, H2("vins.f16", 0x11112222, 0x33334444));
    T("vmovx.f16", RN, H2("vmovx.f16", 0x11112222, 0x33334444));
    T("vldr.16", RN, ({ uint32_t _d; const uint16_t *_p = mem;
        __asm__ volatile(FP16 "vmov s0, %1\n\tvldr.16 s0, [%2, #2]\n\tvmov %0, s0" : "=r"(_d) : "r"(junk), "r"(_p) : "s0", "memory"); _d; }));
    T("vstr.16", RN, ({ uint16_t *_p = mem + 3;
        __asm__ volatile(FP16 "vmov s0, %0\n\tvstr.16 s0, [%1, #-4]" : : "r"(0xaaaa5555u), "r"(_p) : "s0", "memory");
        (uint32_t)mem[1] << 16 | mem[2]; }));
    /* Advanced SIMD .f16 lanes (standard FPSCR: round to nearest, default
       NaN, FZ16 kept): d0 = d1 op d2, four lanes */
    T("vadd.f16 d lanes lo", RP, ({ uint64_t _r, _a = 0x7c013c007bff3c00ull, _b = 0x3c000001bc001000ull;
        __asm__ volatile(FP16 "vmov d1, %Q1, %R1\n\tvmov d2, %Q2, %R2\n\tvadd.f16 d0, d1, d2\n\tvmov %Q0, %R0, d0"
                         : "=r"(_r) : "r"(_a), "r"(_b) : "d0", "d1", "d2"); (uint32_t)_r; }));
    T("vadd.f16 d lanes hi", FZ16, ({ uint64_t _r, _a = 0x7c013c007bff3c00ull, _b = 0x3c000001bc001000ull;
        __asm__ volatile(FP16 "vmov d1, %Q1, %R1\n\tvmov d2, %Q2, %R2\n\tvadd.f16 d0, d1, d2\n\tvmov %Q0, %R0, d0"
                         : "=r"(_r) : "r"(_a), "r"(_b) : "d0", "d1", "d2"); (uint32_t)(_r >> 32); }));
    T("vmul.f16 d, d, d[3]", RN, ({ uint64_t _r, _a = 0xc0003c0040003800ull, _b = 0x4200000000000000ull;
        __asm__ volatile(FP16 "vmov d1, %Q1, %R1\n\tvmov d2, %Q2, %R2\n\tvmul.f16 d0, d1, d2[3]\n\tvmov %Q0, %R0, d0"
                         : "=r"(_r) : "r"(_a), "r"(_b) : "d0", "d1", "d2"); (uint32_t)_r ^ (uint32_t)(_r >> 32); }));
    /* two registers, miscellaneous: lanes [2.5, -0.0, -1.5, qNaN] */
#define M2(insn) ({ uint64_t _r, _a = 0x7e00be0080004100ull; \
        __asm__ volatile(FP16 "vmov d1, %Q1, %R1\n\t" insn "\n\tvmov %Q0, %R0, d0" \
                         : "=r"(_r) : "r"(_a) : "d0", "d1"); _r; })
    T("vcge.f16 #0 lo", RN, (uint32_t)M2("vcge.f16 d0, d1, #0"));
    T("vcge.f16 #0 hi", RN, (uint32_t)(M2("vcge.f16 d0, d1, #0") >> 32));
    T("vcvt.s16.f16 lo", RN, (uint32_t)M2("vcvt.s16.f16 d0, d1"));
    T("vcvta.s16.f16 hi", RN, (uint32_t)(M2("vcvta.s16.f16 d0, d1") >> 32));
    T("vrintn.f16 lo", RN, (uint32_t)M2("vrintn.f16 d0, d1"));
    /* FZ16 is FPSCR bit 19: it reads back */
    T("fpscr FZ16", FZ16 | RZ, 0u);
    return 0;
}
