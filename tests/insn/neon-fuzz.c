/*
 * Random differential test of Advanced SIMD (no .expected on purpose: the
 * reference is qemu-arm).  Usage:
 *   arm-linux-gnueabihf-gcc -static -O1 -marm -mfpu=neon-vfpv4 tests/insn/neon-fuzz.c -o f
 *   diff <(qemu-arm -cpu cortex-a15 ./f SEED N) <(build/mimic ./f SEED N)
 * Each iteration fills d0-d31 with random lanes (special float values,
 * saturation limits, random bits), FPSCR with random modes and flags (NEON
 * must ignore the modes), a 64-byte buffer with random bytes, then runs
 * one random ARMv7 NEON encoding (data processing, 1111 001U, or an element
 * or structure load/store on the buffer, 1111 0100) copied into a code
 * buffer.  The line printed is "index encoding result", the result being
 * a hash of the registers, the buffer and the base register plus FPSCR,
 * or "undef" when the encoding raised SIGILL.  ARMv8 encodings are skipped
 * (the reference is a Cortex-A15).  With a third argument "v" the whole
 * state is printed.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static uint64_t st = 88172645463325252ull;
static uint64_t rnd(void) { st ^= st << 13; st ^= st >> 7; st ^= st << 17; return st; }

#ifdef NEON_FUZZ_FP16
/* Half-precision values: the edges (zeros, infinities, NaNs of both
   kinds, denormals, the largest and smallest normals), near 1.0, tiny,
   random bits. */
static uint32_t lane16(void)
{
    static const uint16_t sp[] = {0x0000, 0x8000, 0x7c00, 0xfc00, 0x7e00, 0x7c01, 0xfe12, 0x7d00, 0x0001,
                                  0x83ff, 0x0400, 0x8400, 0x3c00, 0xbc00, 0x7bff, 0xfbff, 0x0200, 0x3800,
                                  0x4200, 0x3555, 0x1400, 0x03ff, 0x5640, 0x7a00, 0x3e00, 0xc500};
    uint32_t r = (uint32_t)rnd() & 0xffff;
    switch (rnd() % 5) {
    case 0: case 1: return sp[rnd() % (sizeof sp / sizeof sp[0])];
    case 2: return (r & 0x83ff) | (uint32_t)(0xd + rnd() % 5) << 10; /* near 1.0 */
    case 3: return r & 0x87ff;                                          /* denormal or tiny */
    default: return r;
    }
}
#endif

/* One 32-bit lane: floats at the edges, integer limits, random bits. */
static uint32_t lane32(void)
{
#ifdef NEON_FUZZ_FP16
    return lane16() | lane16() << 16;
#endif
    static const uint32_t sp[] = {0, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0x7f800001, 0xffc00123,
                                  0x7fa00000, 0x00000001, 0x807fffff, 0x00800000, 0x3f800000, 0xbf800000,
                                  0x7f7fffff, 0x00400000, 0x4f000000, 0xcf000000, 0x3f000000, 0x40400000,
                                  0x7fffffff, 0xffffffff, 0x00007fff, 0x00008000, 0x7f7f8080, 0x80017fff,
                                  0x7e800000, 0x01000000, 0x5f000000, 0xdf000001};
    uint32_t r = (uint32_t)rnd();
    switch (rnd() % 5) {
    case 0: return sp[rnd() % (sizeof sp / 4)];
    case 1: return (r & 0x807fffff) | (uint32_t)(0x7c + rnd() % 8) << 23; /* near 1.0 */
    case 2: return r & 0x000000ff;
    default: return r;
    }
}

/* Is this an ARMv8 (or later) encoding in the ARMv7 NEON space?  Those
   differ between the reference's model and mimic's default. */
static int is_v8(uint32_t insn)
{
    int a = (insn >> 8) & 0xf, b = (insn >> 4) & 1, u = (insn >> 24) & 1;
    if ((insn & 0xfe800000) == 0xf2000000) { /* 3 same */
        if (a == 0xc && !b)
            return 1;                   /* SHA-1 / SHA-256 */
        if (a == 0xf && b && u)
            return 1;                   /* vmaxnm/vminnm */
        if ((a >= 0xd || (a == 0xc && b)) && (insn & (1u << 20)))
            return 1;                   /* .f16 float ops (ARMv8.2) */
        return 0;
    }
    if ((insn & 0xffb00810) == 0xf3b00000) { /* 2 misc */
        int op = (int)((insn >> 16) & 3) << 4 | (int)((insn >> 7) & 0xf);
        if (op == 0x06 || op == 0x07 || op == 0x15 || op == 0x27 || (op >= 0x28 && op <= 0x2b) ||
            op == 0x2d || op == 0x2f || (op >= 0x30 && op <= 0x37))
            return 1;                   /* AES, SHA, vrint, vcvt{a,n,p,m} */
        if (((insn >> 18) & 3) == 1 && ((op >= 0x18 && op <= 0x1f) || (op >= 0x28 && op != 0x2c && op != 0x2e)))
            return 1;                   /* .f16 (ARMv8.2) */
        return 0;
    }
    if ((insn & 0xfe800050) == 0xf2800040 && (insn & 0x00300000) == 0x00100000 &&
        (a == 1 || a == 5 || a == 9))
        return 1;                       /* vmla/vmls/vmul.f16 by scalar (ARMv8.2) */
    if ((insn & 0xfe800050) == 0xf2800000 && (insn & 0x00300000) != 0x00300000 && a == 0xe &&
        ((insn >> 20) & 3) == 2)
        return 1;                       /* vmull.p64 */
    return 0;
}

#ifdef NEON_FUZZ_V8
/* ARMv8 encodings only: fixed bits and the mask of the random ones. */
static const struct { uint32_t fixed, random; } v8_forms[] = {
    {0xf2000c40, 0x017ff0af}, /* sha1c/p/m/su0, sha256h/h2/su1 (Q = 1) */
    {0xf3000f10, 0x006ff0ef}, /* vmaxnm/vminnm.f32 */
    {0xf3b00300, 0x0040f0ef}, /* aese/aesd/aesmc/aesimc */
    {0xf3b902c0, 0x0040f02f}, /* sha1h */
    {0xf3ba0380, 0x0040f06f}, /* sha1su1, sha256su0 */
    {0xf3ba0400, 0x0040f3ef}, /* vrint* */
    {0xf3bb0000, 0x0040f3ef}, /* vcvt{a,n,p,m} */
    {0xf2a00e00, 0x004ff0af}, /* vmull.p64 */
    {0xfe000a00, 0x00fff1ff}, /* vsel, vmaxnm, vrint{a,n,p,m}, vcvt{a,n,p,m} */
    {0xeeb60a40, 0x0041f1af}, /* vrintr/z/x */
    {0xeeb20a40, 0x0041f1af}, /* vcvtb/t with f64 */
};
#endif

#ifdef NEON_FUZZ_FP16
/* ARMv8.2 half-precision VFP (cp9, vins/vmovx): fixed bits and the mask
   of the random ones (register fields, opcode bits). */
static const struct { uint32_t fixed, random; } fp16_forms[] = {
    {0xee000900, 0x00fff0ef}, /* data processing: arithmetic, vmov #imm, vabs ... vcvt, vrint */
    {0xee000900, 0x00fff0ef},
    {0xee000900, 0x00fff0ef},
    {0xeeb00940, 0x004ff0af}, /* the opc1 = 1x11, bit 6 = 1 group only */
    {0xeeb00940, 0x004ff0af},
    {0xfe000900, 0x00fff0ef}, /* vsel, vmaxnm/vminnm, vrint{a,n,p,m}, vcvt{a,n,p,m} */
    {0xfeb00a40, 0x0040f0af}, /* vins, vmovx */
    {0xee002910, 0x000f0080}, /* vmov.f16 Sn, r2 */
    {0xee100910, 0x000f0080}, /* vmov.f16 r0, Sn */
    {0xed800900, 0x0040f03f}, /* vstr.16 Sd, [r0, #imm*2] */
    {0xed900900, 0x0040f03f}, /* vldr.16 Sd, [r0, #imm*2] */
    {0xf2100c00, 0x016ff3ff}, /* Advanced SIMD three-same .f16 (ops 0xc-0xf, sz = 1) */
    {0xf2100c00, 0x016ff3ff},
    {0xf2900140, 0x0140fcaf}, /* vmla/vmls/vmul.f16 by scalar (and vqrdmulh.s16) */
    {0xf3b40000, 0x0043f7ef}, /* two registers, miscellaneous, size 01 (.f16 and .16) */
};
#endif

static uint32_t gen_insn(void)
{
#ifdef NEON_FUZZ_FP16
    for (;;) {
        unsigned k = (unsigned)(rnd() % (sizeof fp16_forms / sizeof fp16_forms[0]));
        uint32_t insn = fp16_forms[k].fixed | ((uint32_t)rnd() & fp16_forms[k].random);
        int imm = (int)(insn & 0xf) << 1 | (int)((insn >> 5) & 1);
        /* Not vcvtb/vcvtt.bf16.f32 (FEAT_AA32BF16, in qemu's max, not in
           mimic), nor the UNPREDICTABLE fixed-point forms with fbits < 0
           (qemu runs them) */
        if ((insn & 0xffbf0f50u) == 0xeeb30940u)
            continue;
        if ((insn & 0xff000f10u) == 0xf3000c10u)
            continue; /* vqrdmlsh (ARMv8.1 RDM, in qemu's max, not in mimic) */
        if ((insn & 0xffbf0fd0u) == 0xf3b60640u || (insn & 0xffbf0f10u) == 0xf3b70500u)
            continue; /* vcvt.bf16.f32; vrecpe/vrsqrte.f16 (not in mimic yet) */
        if ((insn & 0xffba0f50u) == 0xeeba0940u && imm > (insn & 0x80 ? 32 : 16))
            continue;
        return insn;
    }
#endif
#ifdef NEON_FUZZ_V8
    unsigned k = (unsigned)(rnd() % (sizeof v8_forms / sizeof v8_forms[0]));
    return v8_forms[k].fixed | ((uint32_t)rnd() & v8_forms[k].random);
#endif
    for (;;) {
        uint32_t insn;
        if (rnd() % 5 == 0) {
            /* loads/stores: Rn = r0 (the buffer), Rm = 15, 13 or r2 */
            static const uint32_t rms[] = {15, 13, 2};
            insn = 0xf4000000u | ((uint32_t)rnd() & 0x00e0ffffu);
            insn = (insn & ~0x000f000fu) | rms[rnd() % 3];
            insn &= ~0x00400000u; /* d0-d15: no register list past d31 (UNPREDICTABLE) */
        } else {
            insn = 0xf2000000u | ((uint32_t)rnd() & 0x01ffffffu);
        }
        /* vtrn/vuzp/vzip with Vd == Vm: UNKNOWN result (vtrn) or
           UNPREDICTABLE (vuzp, vzip) in the ARM ARM */
        if ((insn & 0xffb30e10u) == 0xf3b20000u && ((insn >> 7) & 0xf) >= 1 && ((insn >> 7) & 0xf) <= 3 &&
            ((insn >> 18 & 0x10) | (insn >> 12 & 0xf)) == ((insn >> 1 & 0x10) | (insn & 0xf)))
            continue;
        if (!is_v8(insn))
            return insn;
    }
}

/* The code run for each iteration: r0 = the buffer, r1 = the state
   (d0-d31, fpscr, r0 after), r2 = an offset for register writeback. */
extern const uint32_t tmpl_start[], tmpl_insn[], tmpl_end[];
__asm__(".text\n.arm\n.balign 4\n"
        "tmpl_start:\n"
        "  push {r4, lr}\n"
        "  mov r4, r1\n"
        "  vldm r4, {d0-d15}\n"
        "  add r12, r4, #128\n"
        "  vldm r12, {d16-d31}\n"
        "  ldr r12, [r4, #256]\n"
        "  vmsr fpscr, r12\n"
        "tmpl_insn:\n"
        "  nop\n"
        "  vstm r4, {d0-d15}\n"
        "  add r12, r4, #128\n"
        "  vstm r12, {d16-d31}\n"
        "  vmrs r12, fpscr\n"
        "  str r12, [r4, #256]\n"
        "  str r0, [r4, #260]\n"
        "  pop {r4, pc}\n"
        "tmpl_end:\n");

static sigjmp_buf jb;
static void on_sig(int sig) { siglongjmp(jb, sig); }

int main(int argc, char **argv)
{
    unsigned seed = argc > 1 ? (unsigned)atoi(argv[1]) : 1;
    int n = argc > 2 ? atoi(argv[2]) : 1000;
    int verbose = argc > 3;
    st ^= (uint64_t)seed * 0x9e3779b97f4a7c15ull;
    size_t len = (size_t)((const char *)tmpl_end - (const char *)tmpl_start);
    uint32_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED)
        return 1;
    memcpy(code, tmpl_start, len);
    int slot = (int)(tmpl_insn - tmpl_start);
    static uint32_t state[66] __attribute__((aligned(8)));
    static uint8_t buf[128] __attribute__((aligned(32)));
    signal(SIGILL, on_sig);
    signal(SIGBUS, on_sig);
    signal(SIGSEGV, on_sig);
    for (int it = 0; it < n; it++) {
        uint32_t insn = gen_insn();
        for (int i = 0; i < 64; i++)
            state[i] = lane32();
        uint32_t fpscr = (uint32_t)rnd() & 0x0bc0009fu;
#ifdef NEON_FUZZ_FP16
        fpscr = (uint32_t)rnd() & 0x0fc8009fu; /* with FZ16 and AHP (which must not matter) */
#endif
        state[64] = fpscr;
        for (int i = 0; i < 128; i++)
            buf[i] = (uint8_t)rnd();
        uint32_t off = (uint32_t)(rnd() % 3) * 32;
        code[slot] = insn;
        __builtin___clear_cache((char *)code, (char *)code + len);
        int sig = sigsetjmp(jb, 1);
        if (sig) {
            printf("%d %08x sig%d\n", it, insn, sig);
            continue;
        }
        ((void (*)(void *, void *, uint32_t))code)(buf, state, off);
        state[65] -= (uint32_t)(uintptr_t)buf;
        uint64_t h = 1469598103934665603ull;
        for (int i = 0; i < 66; i++)
            h = (h ^ state[i]) * 1099511628211ull;
        for (int i = 0; i < 128; i++)
            h = (h ^ buf[i]) * 1099511628211ull;
        printf("%d %08x %016llx %08x\n", it, insn, (unsigned long long)h, state[64]);
        if (verbose) {
            for (int i = 0; i < 32; i++)
                printf("  d%-2d %08x%08x%s", i, state[2 * i + 1], state[2 * i], i % 4 == 3 ? "\n" : "");
            printf("  r0+%u\n", state[65]);
        }
    }
    return 0;
}
