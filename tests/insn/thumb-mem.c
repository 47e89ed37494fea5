/*
 * Thumb loads and stores: every size and sign, 16-bit register and immediate
 * offsets, 32-bit imm12, imm8 with pre/post index, writeback and negative
 * offsets, register offset with LSL, literals, LDRD/STRD (incl. literal and
 * writeback), LDREX/STREX (byte, half, word with offset, doubleword),
 * LDM/STM/PUSH/POP.
 */
#include <stdint.h>
#include <stdio.h>

static uint8_t buf[64] __attribute__((aligned(8)));

static void fill(void)
{
    for (int i = 0; i < 64; i++) {
        buf[i] = (uint8_t)(0x80 + i * 3);
    }
}

#define LD(name, insn, off)                                                        \
    do {                                                                           \
        uint32_t r_, b_ = (uint32_t)(uintptr_t)buf + 16;                           \
        __asm__ volatile(".syntax unified\n\t" insn                                \
                         : [r] "=&l"(r_), [b] "+l"(b_)                             \
                         : [o] "l"((uint32_t)(off))                                \
                         : "memory");                                              \
        printf("%-8s %08x base%+d\n", name, r_, (int)(b_ - ((uint32_t)(uintptr_t)buf + 16))); \
    } while (0)

#define ST(name, insn, val, off)                                                   \
    do {                                                                           \
        uint32_t b_ = (uint32_t)(uintptr_t)buf + 16;                               \
        fill();                                                                    \
        __asm__ volatile(".syntax unified\n\t" insn                                \
                         : [b] "+l"(b_)                                            \
                         : [v] "l"((uint32_t)(val)), [o] "l"((uint32_t)(off))      \
                         : "memory");                                              \
        printf("%-8s base%+d:", name, (int)(b_ - ((uint32_t)(uintptr_t)buf + 16)));    \
        for (int i = 8; i < 28; i++)                                               \
            printf(" %02x", buf[i]);                                               \
        printf("\n");                                                              \
    } while (0)

static void literal(void)
{
    uint32_t a, b, c, d, e, f;
    __asm__ volatile(".syntax unified\n\t"
                     "ldr.n %[a], 1f\n\t"
                     "ldr.w %[b], 1f\n\t"
                     "ldrsh.w %[c], 2f\n\t"
                     "ldrb.w %[d], 1f\n\t"
                     "ldrd %[e], %[f], 1f\n\t"
                     "b 3f\n\t"
                     ".p2align 2\n"
                     "1: .word 0x89abcdef\n"
                     "   .word 0x01234567\n"
                     "2: .hword 0x8001\n"
                     "   .hword 0\n"
                     "3:\n\t"
                     : [a] "=&l"(a), [b] "=&r"(b), [c] "=&r"(c), [d] "=&r"(d), [e] "=&r"(e), [f] "=&r"(f));
    printf("literal %08x %08x %08x %08x %08x %08x\n", a, b, c, d, e, f);
}

static void dual(void)
{
    uint32_t lo, hi, base = (uint32_t)(uintptr_t)buf + 16, b0 = base;
    fill();
    __asm__ volatile(".syntax unified\n\t"
                     "ldrd %[lo], %[hi], [%[b], #-8]!\n\t"
                     : [lo] "=&r"(lo), [hi] "=&r"(hi), [b] "+r"(base) : : "memory");
    printf("ldrd_pre %08x %08x base%+d\n", lo, hi, (int)(base - b0));
    __asm__ volatile(".syntax unified\n\t"
                     "ldrd %[lo], %[hi], [%[b]], #16\n\t"
                     : [lo] "=&r"(lo), [hi] "=&r"(hi), [b] "+r"(base) : : "memory");
    printf("ldrd_post %08x %08x base%+d\n", lo, hi, (int)(base - b0));
    __asm__ volatile(".syntax unified\n\t"
                     "strd %[lo], %[hi], [%[b], #-4]\n\t"
                     "strd %[lo], %[hi], [%[b]], #-12\n\t"
                     : [b] "+r"(base) : [lo] "r"(0x11223344), [hi] "r"(0x55667788) : "memory");
    printf("strd base%+d:", (int)(base - b0));
    for (int i = 8; i < 36; i++)
        printf(" %02x", buf[i]);
    printf("\n");
}

static void exclusive(void)
{
    static uint32_t w[4] __attribute__((aligned(8))) = { 0x10, 0x20, 0x30, 0x40 };
    static uint16_t h = 0x1234;
    static uint8_t b = 0x56;
    uint32_t v, s1, s2, lo, hi;
    __asm__ volatile(".syntax unified\n\t"
                     "ldrex %[v], [%[p], #4]\n\t"
                     "adds %[v], #1\n\t"
                     "strex %[s1], %[v], [%[p], #4]\n\t"
                     "strex %[s2], %[v], [%[p], #4]\n\t" /* no reservation: fails */
                     : [v] "=&r"(v), [s1] "=&r"(s1), [s2] "=&r"(s2)
                     : [p] "r"(w) : "memory", "cc");
    printf("strex %u %u %x\n", s1, s2, w[1]);
    __asm__ volatile(".syntax unified\n\t"
                     "ldrexh %[v], [%[p]]\n\t"
                     "adds %[v], #1\n\t"
                     "strexh %[s1], %[v], [%[p]]\n\t"
                     : [v] "=&r"(v), [s1] "=&r"(s1) : [p] "r"(&h) : "memory", "cc");
    printf("strexh %u %x\n", s1, h);
    __asm__ volatile(".syntax unified\n\t"
                     "ldrexb %[v], [%[p]]\n\t"
                     "clrex\n\t"
                     "strexb %[s1], %[v], [%[p]]\n\t" /* cleared: fails */
                     : [v] "=&r"(v), [s1] "=&r"(s1) : [p] "r"(&b) : "memory", "cc");
    printf("strexb %u %x\n", s1, v);
    __asm__ volatile(".syntax unified\n\t"
                     "ldrexd %[lo], %[hi], [%[p]]\n\t"
                     "adds %[lo], #1\n\t"
                     "adds %[hi], #2\n\t"
                     "strexd %[s1], %[lo], %[hi], [%[p]]\n\t"
                     : [lo] "=&r"(lo), [hi] "=&r"(hi), [s1] "=&r"(s1) : [p] "r"(&w[2]) : "memory", "cc");
    printf("strexd %u %x %x\n", s1, w[2], w[3]);
}

static void multiple(void)
{
    uint32_t a, c, d, base = (uint32_t)(uintptr_t)buf + 16, b0 = base;
    fill();
    __asm__ volatile(".syntax unified\n\t"
                     "ldmia.n %[b]!, {r0, r1, r2}\n\t"
                     "mov %[a], r0\n\t"
                     "mov %[c], r2\n\t"
                     : [a] "=&r"(a), [c] "=&r"(c), [b] "+l"(base) : : "r0", "r1", "r2", "memory");
    printf("ldmia %08x %08x base%+d\n", a, c, (int)(base - b0));
    __asm__ volatile(".syntax unified\n\t"
                     "ldmdb %[b]!, {r1, r2}\n\t"
                     "mov %[a], r1\n\t"
                     "mov %[c], r2\n\t"
                     : [a] "=&r"(a), [c] "=&r"(c), [b] "+r"(base) : : "r1", "r2", "memory");
    printf("ldmdb %08x %08x base%+d\n", a, c, (int)(base - b0));
    __asm__ volatile(".syntax unified\n\t"
                     "movs r1, #1\n\t"
                     "movs r2, #2\n\t"
                     "mov r8, #8\n\t"
                     "stmdb %[b]!, {r1, r2, r8}\n\t"
                     "stmia.w %[b], {r1, r2}\n\t"
                     "stmia.n %[b]!, {r1}\n\t"
                     : [b] "+l"(base) : : "r1", "r2", "r8", "memory");
    printf("stm base%+d:", (int)(base - b0));
    for (int i = 0; i < 24; i += 4)
        printf(" %x", *(uint32_t *)&buf[i]);
    printf("\n");
    __asm__ volatile(".syntax unified\n\t"
                     "mov r3, #7\n\t"
                     "mov r9, #9\n\t"
                     "push {r3, r9}\n\t"
                     "push.n {r3}\n\t"
                     "pop.n {r3}\n\t"
                     "pop.w {r4, r10}\n\t"
                     "mov %[a], r3\n\t"
                     "mov %[c], r4\n\t"
                     "mov %[d], r10\n\t"
                     : [a] "=&r"(a), [c] "=&r"(c), [d] "=&r"(d) : : "r3", "r4", "r9", "r10", "memory");
    printf("pushpop %u %u %u\n", a, c, d);
}

int main(void)
{
    fill();
    LD("ldr", "ldr.n %[r], [%[b], #4]", 0);
    LD("ldrb", "ldrb.n %[r], [%[b], #31]", 0);
    LD("ldrh", "ldrh.n %[r], [%[b], #2]", 0);
    LD("ldr_r", "ldr.n %[r], [%[b], %[o]]", -8);
    LD("ldrsb_r", "ldrsb.n %[r], [%[b], %[o]]", 1);
    LD("ldrsh_r", "ldrsh.n %[r], [%[b], %[o]]", -2);
    LD("ldrb_r", "ldrb.n %[r], [%[b], %[o]]", 3);
    LD("ldrh_r", "ldrh.n %[r], [%[b], %[o]]", 6);
    LD("ldr12", "ldr.w %[r], [%[b], #20]", 0);
    LD("ldrsb12", "ldrsb.w %[r], [%[b], #5]", 0);
    LD("ldrsh12", "ldrsh.w %[r], [%[b], #12]", 0);
    LD("ldr_neg", "ldr %[r], [%[b], #-12]", 0);
    LD("ldrb_neg", "ldrb %[r], [%[b], #-1]", 0);
    LD("ldr_pre", "ldr %[r], [%[b], #-4]!", 0);
    LD("ldrh_pre", "ldrh %[r], [%[b], #6]!", 0);
    LD("ldr_post", "ldr %[r], [%[b]], #8", 0);
    LD("ldrsb_post", "ldrsb %[r], [%[b]], #-3", 0);
    LD("ldr_lsl", "ldr.w %[r], [%[b], %[o], lsl #2]", 2);
    LD("ldrsh_lsl", "ldrsh.w %[r], [%[b], %[o], lsl #1]", -3);
    LD("ldrt", "ldrt %[r], [%[b], #8]", 0);
    LD("ldrbt", "ldrbt %[r], [%[b], #9]", 0);
    LD("pld", "pld [%[b], #8]\n\tpld [%[b], #-8]\n\tpld [%[b], %[o]]\n\tmovs %[r], #1", 4);
    ST("str", "str.n %[v], [%[b], #4]", 0x11223344, 0);
    ST("strb", "strb.n %[v], [%[b], #1]", 0x11223344, 0);
    ST("strh_r", "strh.n %[v], [%[b], %[o]]", 0x11223344, -2);
    ST("str12", "str.w %[v], [%[b], #8]", 0x11223344, 0);
    ST("str_pre", "str %[v], [%[b], #-8]!", 0xaabbccdd, 0);
    ST("strb_post", "strb %[v], [%[b]], #-1", 0xaabbccdd, 0);
    ST("strh_neg", "strh %[v], [%[b], #-6]", 0xaabbccdd, 0);
    ST("str_lsl", "str.w %[v], [%[b], %[o], lsl #3]", 0x01020304, -1);
    ST("strt", "strt %[v], [%[b], #2]", 0x01020304, 0);
    literal();
    dual();
    exclusive();
    multiple();
    return 0;
}
