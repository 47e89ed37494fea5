/*
 * i386 integer instructions and EFLAGS at the edges: every ALU operation,
 * inc/dec/neg, all shifts and rotates (counts 0, 1, size-1, size, above,
 * through CL and immediate) at 8, 16 and 32 bits, shld/shrd, mul/imul/div,
 * bsf/bsr/bt*.
 *
 * The same source builds for x86-64 (the instructions used are 8/16/32-bit
 * operations valid in both modes, and flags go through pushf/popf of the
 * native width): i386-alu.expected is the output of that build run on the
 * real CPU (gcc -O2 tests/insn/i386-alu.c && ./a.out > i386-alu.expected).
 * Flags an instruction leaves undefined are masked out of what is printed.
 */
#include <stdint.h>
#include <stdio.h>

#define CF 0x1u
#define PF 0x4u
#define AF 0x10u
#define ZF 0x40u
#define SF 0x80u
#define OF 0x800u
#define ALL (CF | PF | AF | ZF | SF | OF)

typedef uintptr_t ureg;

static const uint32_t vals[] = {
    0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff,
    0x80000000, 0x80000001, 0xfffffffe, 0xffffffff, 0x12345678, 0x0f0f0f0f,
};
#define NV (sizeof vals / sizeof vals[0])

/* Run `insn` with a (in/out, "+r") and b, flags in = fin. */
#define BIN(name, insn, sz)                                                                 \
    static uint32_t name(uint32_t a, uint32_t b, ureg fin, ureg *fout)                    \
    {                                                                                       \
        ureg f;                                                                             \
        __asm__ volatile("push %[fin]\n\tpopf\n\t" insn " %" sz "[b], %" sz "[a]\n\t"      \
                         "pushf\n\tpop %[f]"                                                \
                         : [a] "+q"(a), [f] "=r"(f)                                         \
                         : [b] "q"(b), [fin] "r"(fin)                                       \
                         : "cc");                                                           \
        *fout = f;                                                                          \
        return a;                                                                           \
    }
#define UN(name, insn, sz)                                                                  \
    static uint32_t name(uint32_t a, uint32_t b, ureg fin, ureg *fout)                    \
    {                                                                                       \
        ureg f;                                                                             \
        (void)b;                                                                            \
        __asm__ volatile("push %[fin]\n\tpopf\n\t" insn " %" sz "[a]\n\t"                  \
                         "pushf\n\tpop %[f]"                                                \
                         : [a] "+q"(a), [f] "=r"(f)                                         \
                         : [fin] "r"(fin)                                                   \
                         : "cc");                                                           \
        *fout = f;                                                                          \
        return a;                                                                           \
    }
/* Shifts by CL. */
#define SHC(name, insn, sz)                                                                 \
    static uint32_t name(uint32_t a, uint32_t b, ureg fin, ureg *fout)                    \
    {                                                                                       \
        ureg f;                                                                             \
        __asm__ volatile("push %[fin]\n\tpopf\n\t" insn " %%cl, %" sz "[a]\n\t"            \
                         "pushf\n\tpop %[f]"                                                \
                         : [a] "+r"(a), [f] "=r"(f)                                         \
                         : "c"(b), [fin] "r"(fin)                                           \
                         : "cc");                                                           \
        *fout = f;                                                                          \
        return a;                                                                           \
    }
/* shld/shrd a, b by CL. */
#define SHD(name, insn, sz)                                                                 \
    static uint32_t name(uint32_t a, uint32_t b, ureg fin, ureg *fout)                    \
    {                                                                                       \
        ureg f;                                                                             \
        __asm__ volatile("push %[fin]\n\tpopf\n\t" insn " %%cl, %" sz "[b], %" sz "[a]\n\t" \
                         "pushf\n\tpop %[f]"                                                \
                         : [a] "+r"(a), [f] "=r"(f)                                         \
                         : [b] "r"(b ^ 0x5a5a5a5a), "c"(b), [fin] "r"(fin)                  \
                         : "cc");                                                           \
        *fout = f;                                                                          \
        return a;                                                                           \
    }

BIN(add32, "addl", "k") BIN(adc32, "adcl", "k") BIN(sub32, "subl", "k") BIN(sbb32, "sbbl", "k")
BIN(and32, "andl", "k") BIN(or32, "orl", "k") BIN(xor32, "xorl", "k") BIN(cmp32, "cmpl", "k")
BIN(test32, "testl", "k")
BIN(add16, "addw", "w") BIN(adc16, "adcw", "w") BIN(sub16, "subw", "w") BIN(sbb16, "sbbw", "w")
BIN(cmp16, "cmpw", "w") BIN(xor16, "xorw", "w")
BIN(add8, "addb", "b") BIN(adc8, "adcb", "b") BIN(sub8, "subb", "b") BIN(sbb8, "sbbb", "b")
BIN(cmp8, "cmpb", "b") BIN(and8, "andb", "b")
BIN(imul32, "imull", "k") BIN(imul16, "imulw", "w")
BIN(bsf32, "bsfl", "k") BIN(bsr32, "bsrl", "k") BIN(bsf16, "bsfw", "w")
BIN(bt32, "btl", "k") BIN(bts32, "btsl", "k") BIN(btr32, "btrl", "k") BIN(btc32, "btcl", "k")
UN(inc32, "incl", "k") UN(dec32, "decl", "k") UN(neg32, "negl", "k") UN(not32, "notl", "k")
UN(inc16, "incw", "w") UN(dec16, "decw", "w") UN(neg16, "negw", "w")
UN(inc8, "incb", "b") UN(dec8, "decb", "b") UN(neg8, "negb", "b")
UN(shl1_32, "shll", "k") UN(shr1_32, "shrl", "k") UN(sar1_32, "sarl", "k")
UN(rol1_32, "roll", "k") UN(ror1_32, "rorl", "k") UN(rcl1_32, "rcll", "k") UN(rcr1_32, "rcrl", "k")
UN(shl1_8, "shlb", "b") UN(sar1_8, "sarb", "b") UN(rcl1_8, "rclb", "b") UN(rcr1_16, "rcrw", "w")
SHC(shl32, "shll", "k") SHC(shr32, "shrl", "k") SHC(sar32, "sarl", "k")
SHC(rol32, "roll", "k") SHC(ror32, "rorl", "k") SHC(rcl32, "rcll", "k") SHC(rcr32, "rcrl", "k")
SHC(shl16, "shlw", "w") SHC(shr16, "shrw", "w") SHC(sar16, "sarw", "w")
SHC(rol16, "rolw", "w") SHC(rcl16, "rclw", "w") SHC(rcr16, "rcrw", "w")
SHC(shl8, "shlb", "b") SHC(shr8, "shrb", "b") SHC(sar8, "sarb", "b")
SHC(rol8, "rolb", "b") SHC(ror8, "rorb", "b") SHC(rcl8, "rclb", "b") SHC(rcr8, "rcrb", "b")
SHD(shld32, "shldl", "k") SHD(shrd32, "shrdl", "k") SHD(shld16, "shldw", "w") SHD(shrd16, "shrdw", "w")

typedef uint32_t (*OpFn)(uint32_t, uint32_t, ureg, ureg *);
enum { B_ANY, B_SHIFT, B_ROT };
static const struct {
    const char *name;
    OpFn fn;
    uint32_t mask;  /* defined flags */
    uint32_t rmask; /* result bits that count */
    int bkind;      /* second operand: any value, or a shift count (0..40) */
    int bits;
} ops[] = {
    {"add32", add32, ALL, ~0u, B_ANY, 32}, {"adc32", adc32, ALL, ~0u, B_ANY, 32},
    {"sub32", sub32, ALL, ~0u, B_ANY, 32}, {"sbb32", sbb32, ALL, ~0u, B_ANY, 32},
    {"and32", and32, ALL & ~AF, ~0u, B_ANY, 32}, {"or32", or32, ALL & ~AF, ~0u, B_ANY, 32},
    {"xor32", xor32, ALL & ~AF, ~0u, B_ANY, 32}, {"cmp32", cmp32, ALL, ~0u, B_ANY, 32},
    {"test32", test32, ALL & ~AF, ~0u, B_ANY, 32},
    {"add16", add16, ALL, 0xffff, B_ANY, 16}, {"adc16", adc16, ALL, 0xffff, B_ANY, 16},
    {"sub16", sub16, ALL, 0xffff, B_ANY, 16}, {"sbb16", sbb16, ALL, 0xffff, B_ANY, 16},
    {"cmp16", cmp16, ALL, 0xffff, B_ANY, 16}, {"xor16", xor16, ALL & ~AF, 0xffff, B_ANY, 16},
    {"add8", add8, ALL, 0xff, B_ANY, 8}, {"adc8", adc8, ALL, 0xff, B_ANY, 8},
    {"sub8", sub8, ALL, 0xff, B_ANY, 8}, {"sbb8", sbb8, ALL, 0xff, B_ANY, 8},
    {"cmp8", cmp8, ALL, 0xff, B_ANY, 8}, {"and8", and8, ALL & ~AF, 0xff, B_ANY, 8},
    {"imul32", imul32, CF | OF, ~0u, B_ANY, 32}, {"imul16", imul16, CF | OF, 0xffff, B_ANY, 16},
    {"bsf32", bsf32, ZF, ~0u, B_ANY, 32}, {"bsr32", bsr32, ZF, ~0u, B_ANY, 32},
    {"bsf16", bsf16, ZF, 0xffff, B_ANY, 16},
    {"bt32", bt32, CF, ~0u, B_ANY, 32}, {"bts32", bts32, CF, ~0u, B_ANY, 32},
    {"btr32", btr32, CF, ~0u, B_ANY, 32}, {"btc32", btc32, CF, ~0u, B_ANY, 32},
    {"inc32", inc32, ALL, ~0u, B_ANY, 32}, {"dec32", dec32, ALL, ~0u, B_ANY, 32},
    {"neg32", neg32, ALL, ~0u, B_ANY, 32}, {"not32", not32, ALL, ~0u, B_ANY, 32},
    {"inc16", inc16, ALL, 0xffff, B_ANY, 16}, {"dec16", dec16, ALL, 0xffff, B_ANY, 16},
    {"neg16", neg16, ALL, 0xffff, B_ANY, 16},
    {"inc8", inc8, ALL, 0xff, B_ANY, 8}, {"dec8", dec8, ALL, 0xff, B_ANY, 8},
    {"neg8", neg8, ALL, 0xff, B_ANY, 8},
    {"shl1_32", shl1_32, ALL & ~AF, ~0u, B_ANY, 32}, {"shr1_32", shr1_32, ALL & ~AF, ~0u, B_ANY, 32},
    {"sar1_32", sar1_32, ALL & ~AF, ~0u, B_ANY, 32}, {"rol1_32", rol1_32, ALL, ~0u, B_ANY, 32},
    {"ror1_32", ror1_32, ALL, ~0u, B_ANY, 32}, {"rcl1_32", rcl1_32, ALL, ~0u, B_ANY, 32},
    {"rcr1_32", rcr1_32, ALL, ~0u, B_ANY, 32},
    {"shl1_8", shl1_8, ALL & ~AF, 0xff, B_ANY, 8}, {"sar1_8", sar1_8, ALL & ~AF, 0xff, B_ANY, 8},
    {"rcl1_8", rcl1_8, ALL, 0xff, B_ANY, 8}, {"rcr1_16", rcr1_16, ALL, 0xffff, B_ANY, 16},
    {"shl32", shl32, ALL & ~AF, ~0u, B_SHIFT, 32}, {"shr32", shr32, ALL & ~AF, ~0u, B_SHIFT, 32},
    {"sar32", sar32, ALL & ~AF, ~0u, B_SHIFT, 32}, {"rol32", rol32, ALL, ~0u, B_ROT, 32},
    {"ror32", ror32, ALL, ~0u, B_ROT, 32}, {"rcl32", rcl32, ALL, ~0u, B_ROT, 32},
    {"rcr32", rcr32, ALL, ~0u, B_ROT, 32},
    {"shl16", shl16, ALL & ~AF, 0xffff, B_SHIFT, 16}, {"shr16", shr16, ALL & ~AF, 0xffff, B_SHIFT, 16},
    {"sar16", sar16, ALL & ~AF, 0xffff, B_SHIFT, 16}, {"rol16", rol16, ALL, 0xffff, B_ROT, 16},
    {"rcl16", rcl16, ALL, 0xffff, B_ROT, 16}, {"rcr16", rcr16, ALL, 0xffff, B_ROT, 16},
    {"shl8", shl8, ALL & ~AF, 0xff, B_SHIFT, 8}, {"shr8", shr8, ALL & ~AF, 0xff, B_SHIFT, 8},
    {"sar8", sar8, ALL & ~AF, 0xff, B_SHIFT, 8}, {"rol8", rol8, ALL, 0xff, B_ROT, 8},
    {"ror8", ror8, ALL, 0xff, B_ROT, 8}, {"rcl8", rcl8, ALL, 0xff, B_ROT, 8},
    {"rcr8", rcr8, ALL, 0xff, B_ROT, 8},
    {"shld32", shld32, ALL & ~AF, ~0u, B_SHIFT, 32}, {"shrd32", shrd32, ALL & ~AF, ~0u, B_SHIFT, 32},
    {"shld16", shld16, ALL & ~AF, 0xffff, B_SHIFT, 16}, {"shrd16", shrd16, ALL & ~AF, 0xffff, B_SHIFT, 16},
};

static const uint32_t counts[] = {0, 1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 40};

int main(void)
{
    unsigned long sum = 0;
    for (unsigned o = 0; o < sizeof ops / sizeof ops[0]; o++) {
        const int nb = ops[o].bkind == B_ANY ? (int)NV : (int)(sizeof counts / sizeof counts[0]);
        printf("%s:", ops[o].name);
        int col = 0;
        for (unsigned i = 0; i < NV; i++) {
            for (int j = 0; j < nb; j++) {
                uint32_t b = ops[o].bkind == B_ANY ? vals[j] : counts[j];
                for (int c = 0; c < 2; c++) {
                    uint32_t mask = ops[o].mask;
                    uint32_t cnt = b & 0x1f;
                    if (ops[o].bkind != B_ANY) {
                        /* OF is defined only for 1-bit shifts; for shld/shrd
                           of 16 bits a count above 16 leaves everything
                           undefined; rotates leave AF alone. */
                        if (cnt != 1)
                            mask &= ~OF;
                        if (ops[o].bits == 16 && cnt > 16 && ops[o].name[2] == 'd')
                            continue;
                        if (ops[o].bkind == B_SHIFT && cnt >= (uint32_t)ops[o].bits)
                            mask &= ~CF; /* shifted-out bit of an 8/16-bit count >= size */
                    }
                    ureg fin = c ? (CF | ZF | AF | PF | SF | OF | 0x202) : 0x202;
                    ureg f;
                    uint32_t r = ops[o].fn(vals[i], b, fin, &f);
                    uint32_t res = r & ops[o].rmask;
                    if ((ops[o].fn == bsf32 || ops[o].fn == bsr32 || ops[o].fn == bsf16) && b == 0)
                        res = 0; /* destination undefined */
                    if (ops[o].bits == 16 && ops[o].name[2] == 'd' && cnt > 16)
                        res = 0;
                    printf(" %x/%x", res, (unsigned)(f & mask));
                    sum = sum * 31 + res + (f & mask);
                    if (++col % 8 == 0)
                        printf("\n ");
                }
            }
        }
        printf("\n");
    }
    printf("checksum %lx\n", sum & 0xffffffffu);
    return 0;
}
