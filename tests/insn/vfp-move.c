/* VFP register moves, immediates, loads/stores (vldr literal, vldm/vstm in
   every addressing mode, vpush/vpop, FLDMX/FSTMX), compare flags and
   vmrs APSR_nzcv. */
#include "vfp-common.h"

static uint32_t buf[40];

static void fill(void)
{
    for (int i = 0; i < 40; i++)
        buf[i] = 0x11111111u * (uint32_t)(i % 15 + 1) + (uint32_t)i;
}

static void show(const char *name)
{
    printf("%-10s", name);
    for (int i = 0; i < 12; i++)
        printf(" %08x", buf[i]);
    printf("\n");
}

/* compare a with b (vcmp / vcmpe), then vmrs APSR_nzcv and read the CPSR */
#define CMP_S(insn, a, b) ({ uint32_t _f; float _a = f_of(a), _b = f_of(b); \
    __asm__ volatile(FPU insn " %1, %2\n\tvmrs APSR_nzcv, fpscr\n\tmrs %0, APSR" \
                     : "=r"(_f) : "t"(_a), "t"(_b) : "cc"); _f & 0xf0000000u; })
#define CMPZ_D(insn, a) ({ uint32_t _f; double _a = d_of(a); \
    __asm__ volatile(FPU insn " %P1, #0\n\tvmrs APSR_nzcv, fpscr\n\tmrs %0, APSR" \
                     : "=r"(_f) : "w"(_a) : "cc"); _f & 0xf0000000u; })

/* a < b ? b : a via vcmp + vmrs APSR_nzcv + a conditional vmov (an IT
   block in Thumb).  Unordered compares as "less than" (N != V). */
static uint32_t cond_max(uint32_t a, uint32_t b)
{
    float r = f_of(a), y = f_of(b);
    __asm__ volatile(FPU "vcmp.f32 %0, %1\n\tvmrs APSR_nzcv, fpscr\n\tit lt\n\tvmovlt.f32 %0, %1"
                     : "+t"(r) : "t"(y) : "cc");
    return u_of(r);
}

/* ge ? a + b : a - b, both arms conditional VFP arithmetic */
static uint64_t cond_addsub(uint64_t a, uint64_t b)
{
    double r, x = d_of(a), y = d_of(b);
    __asm__ volatile(FPU "vcmp.f64 %P1, %P2\n\tvmrs APSR_nzcv, fpscr\n\tite ge\n\t"
                     "vaddge.f64 %P0, %P1, %P2\n\tvsublt.f64 %P0, %P1, %P2"
                     : "=&w"(r) : "w"(x), "w"(y) : "cc");
    return q_of(r);
}

int main(void)
{
    uint32_t r0, r1, r2, r3;
    uint32_t *p;

    /* vmov immediate */
    T32("imm 1.0", RN, ({ float r; __asm__(FPU "vmov.f32 %0, #1.0" : "=t"(r)); u_of(r); }));
    T32("imm -0.125", RN, ({ float r; __asm__(FPU "vmov.f32 %0, #-0.125" : "=t"(r)); u_of(r); }));
    T32("imm 31.0", RN, ({ float r; __asm__(FPU "vmov.f32 %0, #31.0" : "=t"(r)); u_of(r); }));
    T64("imm.f64 31.0", RN, ({ uint64_t r; __asm__(FPU "vmov.f64 d20, #31.0\n\tvmov %Q0, %R0, d20" : "=r"(r) :: "d20"); r; }));
    T64("imm.f64 -1.9375", RN, ({ uint64_t r; __asm__(FPU "vmov.f64 d31, #-1.9375\n\tvmov %Q0, %R0, d31" : "=r"(r) :: "d31"); r; }));
    T64("imm.f64 0.125", RN, ({ uint64_t r; __asm__(FPU "vmov.f64 d5, #0.125\n\tvmov %Q0, %R0, d5" : "=r"(r) :: "d5"); r; }));

    /* core <-> single, two cores <-> double / two singles, scalars */
    __asm__ volatile(FPU "vmov s3, %2\n\tvmov s4, %3\n\tvmov %0, s4\n\tvmov %1, s3"
                     : "=r"(r0), "=r"(r1) : "r"(0x12345678u), "r"(0x9abcdef0u) : "s3", "s4");
    printf("vmov s     %08x %08x\n", r0, r1);
    __asm__ volatile(FPU "vmov d17, %2, %3\n\tvmov %0, %1, d17"
                     : "=r"(r0), "=r"(r1) : "r"(0x01234567u), "r"(0x89abcdefu) : "d17");
    printf("vmov d     %08x %08x\n", r0, r1);
    __asm__ volatile(FPU "vmov d17, %2, %3\n\tvmov.32 %0, d17[1]\n\tvmov.32 %1, d17[0]"
                     : "=r"(r0), "=r"(r1) : "r"(0x01234567u), "r"(0x89abcdefu) : "d17");
    printf("vmov d[x]  %08x %08x\n", r0, r1);
    __asm__ volatile(FPU "vmov d30, %2, %2\n\tvmov.32 d30[1], %3\n\tvmov %0, %1, d30"
                     : "=r"(r0), "=r"(r1) : "r"(0x55555555u), "r"(0xaaaaaaaau) : "d30");
    printf("d[x]=r     %08x %08x\n", r0, r1);
    __asm__ volatile(FPU "vmov s6, s7, %4, %5\n\tvmov.f64 d1, d3\n\tvmov %0, %1, s2, s3\n\tvmov %2, %3, d1"
                     : "=r"(r0), "=r"(r1), "=r"(r2), "=r"(r3) : "r"(0xcafef00du), "r"(0x0badc0deu)
                     : "d1", "d2", "d3");
    printf("vmov ss    %08x %08x %08x %08x\n", r0, r1, r2, r3);
    __asm__ volatile(FPU "vmov s0, %2\n\tvmov.f32 s31, s0\n\tvmov s1, %3\n\tvmov.f32 s30, s1\n\tvmov %0, %1, s30, s31"
                     : "=r"(r0), "=r"(r1) : "r"(0x3f800000u), "r"(0x40000000u) : "s0", "s1", "s30", "s31");
    printf("vmov.f32   %08x %08x\n", r0, r1);

    /* vldr/vstr, literal pool (pc-relative, Align(pc, 4)) */
    __asm__ volatile(FPU "vldr d16, 1f\n\tvldr s7, 2f\n\tvmov %0, %1, d16\n\tvmov %2, s7\n\tb 3f\n"
                     "\t.align 3\n1:\t.word 0xdeadbeef, 0x01020304\n2:\t.word 0x77777777\n3:\n"
                     : "=r"(r0), "=r"(r1), "=r"(r2) :: "d16", "s7");
    printf("vldr lit   %08x %08x %08x\n", r0, r1, r2);
    fill();
    __asm__ volatile(FPU "vldr d18, [%1, #8]\n\tvldr s9, [%1, #-4]\n\tvstr d18, [%1, #-8]\n\tvstr s9, [%1, #12]\n"
                     "\tvstr s9, [%1]\n\tvmov %0, s9"
                     : "=r"(r0) : "r"(buf + 4) : "d18", "s9", "memory");
    show("vldr/vstr");

    /* vldm/vstm: IA, IA!, DB!; singles and doubles */
    fill();
    p = buf;
    __asm__ volatile(FPU "vldmia %0, {s10-s12}\n\tvldmia %0!, {d19-d20}\n\tvstmia %0, {s10-s12}\n\tvstmia %0!, {d20}"
                     : "+r"(p) :: "s10", "s11", "s12", "d19", "d20", "memory");
    printf("ia! p-buf=%d\n", (int)(p - buf));
    show("ia");
    fill();
    p = buf + 12;
    __asm__ volatile(FPU "vldmdb %0!, {d0-d1}\n\tvstmdb %0!, {s0-s2}\n\tvstmia %0, {d1}"
                     : "+r"(p) :: "d0", "d1", "memory");
    printf("db! p-buf=%d\n", (int)(p - buf));
    show("db");
    /* vpush/vpop (and FSTMX/FLDMX: one extra word), d16-d31 */
    fill();
    __asm__ volatile(FPU "mov r4, sp\n\tvldmia %2, {d16-d31}\n\tvpush {d16-d31}\n\tvpush {s3}\n"
                     "\tfstmdbx sp!, {d8}\n\tmov %0, sp\n\tsub %0, r4, %0\n\tfldmiax sp!, {d8}\n\tvpop {s3}\n"
                     "\tvpop {d0-d15}\n\tvmov %1, s31\n\tmov sp, r4"
                     : "=r"(r0), "=r"(r1) : "r"(buf) : "r4", "d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7",
                       "d8", "d9", "d10", "d11", "d12", "d13", "d14", "d15", "d16", "d17", "d18", "d19", "d20",
                       "d21", "d22", "d23", "d24", "d25", "d26", "d27", "d28", "d29", "d30", "d31", "memory");
    printf("vpush      %u %08x\n", r0, r1);

    /* compares: FPSCR.NZCV and the APSR copy */
    T32("cmp 1<2", RN, CMP_S("vcmp.f32", 0x3f800000u, 0x40000000u));
    T32("cmp 2=2", RN, CMP_S("vcmp.f32", 0x40000000u, 0x40000000u));
    T32("cmp 2>1", RN, CMP_S("vcmp.f32", 0x40000000u, 0x3f800000u));
    T32("cmp -0=0", RN, CMP_S("vcmp.f32", 0x80000000u, 0x00000000u));
    T32("cmp -inf<1", RN, CMP_S("vcmp.f32", 0xff800000u, 0x3f800000u));
    T32("cmp qnan", RN, CMP_S("vcmp.f32", 0x7fc00000u, 0x3f800000u));
    T32("cmp snan", RN, CMP_S("vcmp.f32", 0x3f800000u, 0x7f800001u));
    T32("cmpe qnan", RN, CMP_S("vcmpe.f32", 0x3f800000u, 0xffc00000u));
    T32("cmpe 1<2", RN, CMP_S("vcmpe.f32", 0x3f800000u, 0x40000000u));
    T32("cmp fz den=0", FZ, CMP_S("vcmp.f32", 0x00000001u, 0x00000000u));
    T32("cmp den>0", RN, CMP_S("vcmp.f32", 0x00000001u, 0x00000000u));
    T32("cmp.f64 -1,#0", RN, CMPZ_D("vcmp.f64", 0xbff0000000000000ull));
    T32("cmp.f64 -0,#0", RN, CMPZ_D("vcmp.f64", 0x8000000000000000ull));
    T32("cmp.f64 1,#0", RN, CMPZ_D("vcmp.f64", 0x3ff0000000000000ull));
    T32("cmpe.f64 nan,#0", RN, CMPZ_D("vcmpe.f64", 0x7ff8000000000000ull));
    T32("cond max 1,2", RN, cond_max(0x3f800000u, 0x40000000u));
    T32("cond max 3,2", RN, cond_max(0x40400000u, 0x40000000u));
    T32("cond max nan,2", RN, cond_max(0x7fc00000u, 0x40000000u));
    T64("cond 3+2", RN, cond_addsub(0x4008000000000000ull, 0x4000000000000000ull));
    T64("cond 2-3", RN, cond_addsub(0x4000000000000000ull, 0x4008000000000000ull));
    /* data processing on d16-d31 (register fields D:Vd, N:Vn, M:Vm) */
    __asm__ volatile(FPU "vmov.f64 d16, #1.5\n\tvmov.f64 d24, #2.0\n\tvmov.f64 d31, #0.5\n\t"
                     "vmla.f64 d31, d16, d24\n\tvcvt.f32.f64 s29, d31\n\tvcvt.f64.f32 d17, s29\n\t"
                     "vsub.f64 d30, d17, d24\n\tvcmp.f64 d30, d16\n\tvneg.f64 d29, d30\n\t"
                     "vcvt.s32.f64 s28, d29\n\tvmov %0, %1, d30\n\tvmov %2, s28\n\tvmov %3, s29"
                     : "=r"(r0), "=r"(r1), "=r"(r2), "=r"(r3)
                     :: "d14", "d15", "d16", "d17", "d24", "d29", "d30", "d31");
    printf("high regs  %08x %08x %08x %08x\n", r0, r1, r2, r3);
    /* vmsr keeps NZCV and writable bits; vmrs reads them back */
    set_fpscr(0xffc8ffffu); /* all but LEN/STRIDE */
    printf("fpscr all  %08x\n", get_fpscr());
    set_fpscr(0);
    return 0;
}
