/*
 * A32 loads and stores: addressing modes and writeback, signed and
 * halfword forms, LDRD/STRD, LDM/STM in all four modes, a load into pc,
 * exclusives (success, CLREX failure, byte/half/double), SWP, the TLS
 * registers and the kuser helpers.  Expected output: arm-mem.expected.
 */
#include "arm-common.h"

static uint32_t buf[16];
static uint32_t out[4];
static uint8_t bytes[8] = { 0x80, 0xff, 0x7f, 0x01, 0x34, 0x12, 0x00, 0x00 };

static void reset(void)
{
    for (int i = 0; i < 16; i++) {
        buf[i] = 0x11111111u * (uint32_t)i;
    }
}

/* Byte offset of p in buf. */
static uint32_t off(const uint32_t *p)
{
    return (uint32_t)((const char *)p - (const char *)buf);
}

#define LD1(name, insn, P0)                                                         \
    do {                                                                            \
        uint32_t *p_ = (P0), r_, i_ = 1;                                            \
        __asm__ volatile(insn : [r] "=&r"(r_), [p] "+r"(p_) : [i] "r"(i_) : "memory"); \
        show(name, r_);                                                             \
        show(name, off(p_));                                                        \
    } while (0)

#define LDB(name, insn, P0, I)                                                      \
    do {                                                                            \
        const uint8_t *p_ = (P0);                                                   \
        uint32_t r_, i_ = (I);                                                      \
        __asm__ volatile(insn : [r] "=&r"(r_), [p] "+r"(p_) : [i] "r"(i_) : "memory"); \
        show(name, r_);                                                             \
    } while (0)

/* LDM variants: load three registers, copy them to out[], show them and
   the written-back base. */
#define LDM(name, insn, P0)                                                         \
    do {                                                                            \
        uint32_t *p_ = (P0);                                                        \
        __asm__ volatile(insn "\n\tstmia %[q], {r4, r5, r6}"                        \
                         : [p] "+r"(p_)                                             \
                         : [q] "r"(out)                                             \
                         : "r4", "r5", "r6", "memory");                             \
        show(name, out[0]);                                                         \
        show(name, out[1]);                                                         \
        show(name, out[2]);                                                         \
        show(name, off(p_));                                                        \
    } while (0)

static void test_exclusive(void)
{
    uint32_t w = 5, r, st;
    __asm__ volatile("ldrex %[r], [%[p]]\n\tstrex %[s], %[v], [%[p]]"
                     : [r] "=&r"(r), [s] "=&r"(st) : [p] "r"(&w), [v] "r"(7) : "memory");
    show("ldrex", r);
    show("strex ok", st);
    show("strex mem", w);
    __asm__ volatile("ldrex %[r], [%[p]]\n\tclrex\n\tstrex %[s], %[v], [%[p]]"
                     : [r] "=&r"(r), [s] "=&r"(st) : [p] "r"(&w), [v] "r"(9) : "memory");
    show("clrex strex", st);
    show("clrex mem", w);
    __asm__ volatile("strex %[s], %[v], [%[p]]" : [s] "=&r"(st) : [p] "r"(&w), [v] "r"(9) : "memory");
    show("strex alone", st);

    uint8_t b[4] = { 0xf0, 0xf1, 0xf2, 0xf3 };
    __asm__ volatile("ldrexb %[r], [%[p]]\n\tstrexb %[s], %[v], [%[p]]"
                     : [r] "=&r"(r), [s] "=&r"(st) : [p] "r"(&b[1]), [v] "r"(0x1234) : "memory");
    show("ldrexb", r);
    show("strexb", st);
    uint16_t h[2] = { 0x8001, 0x8002 };
    __asm__ volatile("ldrexh %[r], [%[p]]\n\tstrexh %[s], %[v], [%[p]]"
                     : [r] "=&r"(r), [s] "=&r"(st) : [p] "r"(&h[1]), [v] "r"(0x12345678) : "memory");
    show("ldrexh", r);
    show("strexh", st);
    uint32_t bw, hw;
    __builtin_memcpy(&bw, b, 4);
    __builtin_memcpy(&hw, h, 4);
    show("byte mem", bw);
    show("half mem", hw);

    uint64_t d __attribute__((aligned(8))) = 0x1122334455667788ull;
    register uint32_t lo __asm__("r4");
    register uint32_t hi __asm__("r5");
    register uint32_t nlo __asm__("r6") = 0xaaaaaaaa;
    register uint32_t nhi __asm__("r7") = 0xbbbbbbbb;
    __asm__ volatile("ldrexd r4, r5, [%[p]]\n\tstrexd %[s], r6, r7, [%[p]]"
                     : "=&r"(lo), "=&r"(hi), [s] "=&r"(st)
                     : [p] "r"(&d), "r"(nlo), "r"(nhi) : "memory");
    show("ldrexd lo", lo);
    show("ldrexd hi", hi);
    show("strexd", st);
    show("strexd lo", (uint32_t)d);
    show("strexd hi", (uint32_t)(d >> 32));
}

static void test_tls(void)
{
    uint32_t old, now, k, r;
    __asm__ volatile("mrc p15, 0, %0, c13, c0, 3" : "=r"(old));
    {
        register uint32_t r0 __asm__("r0") = 0x12345678;
        register uint32_t r7 __asm__("r7") = 0xf0005;
        __asm__ volatile("svc 0" : "+r"(r0) : "r"(r7) : "memory");
        show("set_tls ret", r0);
    }
    __asm__ volatile("mrc p15, 0, %0, c13, c0, 3" : "=r"(now));
    {
        register uint32_t r0 __asm__("r0");
        __asm__ volatile("mov r0, #0\n\tldr r1, =0xffff0fe0\n\tblx r1"
                         : "=r"(r0) : : "r1", "r2", "r3", "r12", "lr", "cc", "memory");
        k = r0;
    }
    {
        register uint32_t r0 __asm__("r0") = old;
        register uint32_t r7 __asm__("r7") = 0xf0005;
        __asm__ volatile("svc 0" : "+r"(r0) : "r"(r7) : "memory");
    }
    show("mrc tls", now);
    show("kuser tls", k);
    __asm__ volatile("mcr p15, 0, %1, c13, c0, 2\n\tmrc p15, 0, %0, c13, c0, 2" : "=r"(r) : "r"(0xcafe));
    show("tpidrurw", r);
    show("kuser version", *(volatile uint32_t *)0xffff0ffc >= 3);

    uint32_t word = 10;
    for (int i = 0; i < 2; i++) {
        register uint32_t r0 __asm__("r0") = 10;
        register uint32_t r1 __asm__("r1") = 20 + (uint32_t)i;
        register uint32_t r2 __asm__("r2") = (uint32_t)&word;
        uint32_t apsr;
        __asm__ volatile("ldr r3, =0xffff0fc0\n\tblx r3\n\tmrs %[f], APSR"
                         : "+r"(r0), "+r"(r1), "+r"(r2), [f] "=r"(apsr)
                         : : "r3", "r12", "lr", "cc", "memory");
        show("kuser cmpxchg ok", r0 == 0);
        show("kuser cmpxchg C", (apsr >> 29) & 1);
        show("kuser cmpxchg mem", word);
    }
}

int main(void)
{
    uint32_t r;
    reset();
    LD1("ldr pre!", "ldr %[r], [%[p], #4]!", buf);
    LD1("ldr post", "ldr %[r], [%[p]], #8", buf);
    LD1("ldr reg", "ldr %[r], [%[p], %[i], lsl #3]", buf);
    LD1("ldr -reg", "ldr %[r], [%[p], -%[i], lsl #2]", &buf[4]);
    LD1("ldr -imm!", "ldr %[r], [%[p], #-8]!", &buf[4]);
    LD1("ldr post -reg", "ldr %[r], [%[p]], -%[i], lsl #2", &buf[4]);
    LD1("ldrh post", "ldrh %[r], [%[p]], #6", &buf[3]);
    LD1("ldrsh pre", "ldrsh %[r], [%[p], #-2]!", &buf[15]);
    LDB("ldrb", "ldrb %[r], [%[p]]", bytes, 0);
    LDB("ldrsb", "ldrsb %[r], [%[p]]", bytes, 0);
    LDB("ldrh", "ldrh %[r], [%[p]]", bytes, 0);
    LDB("ldrsh", "ldrsh %[r], [%[p]]", bytes, 0);
    LDB("ldrsh 2", "ldrsh %[r], [%[p], #2]", bytes, 0);
    LDB("ldrh 4", "ldrh %[r], [%[p], #4]", bytes, 0);
    LDB("ldrsb reg", "ldrsb %[r], [%[p], %[i]]", bytes, 2);
    LDB("ldrsh reg", "ldrsh %[r], [%[p], -%[i]]", bytes + 2, 2);

    uint32_t w = 0;
    __asm__ volatile("strb %[v], [%[p], #1]" : : [v] "r"(0xabcd), [p] "r"(&w) : "memory");
    show("strb", w);
    __asm__ volatile("strh %[v], [%[p], #2]" : : [v] "r"(0xabcd), [p] "r"(&w) : "memory");
    show("strh", w);

    {
        uint32_t *p = &buf[2];
        register uint32_t lo __asm__("r4");
        register uint32_t hi __asm__("r5");
        __asm__ volatile("ldrd r4, r5, [%[p], #8]!" : "=r"(lo), "=r"(hi), [p] "+r"(p) : : "memory");
        show("ldrd lo", lo);
        show("ldrd hi", hi);
        show("ldrd wb", off(p));
        lo = 0x01020304;
        hi = 0x05060708;
        p = &buf[12];
        __asm__ volatile("strd r4, r5, [%[p]], #-4" : [p] "+r"(p) : "r"(lo), "r"(hi) : "memory");
        show("strd 12", buf[12]);
        show("strd 13", buf[13]);
        show("strd wb", off(p));
    }

    reset();
    LDM("ldmia!", "ldmia %[p]!, {r4, r5, r6}", &buf[4]);
    LDM("ldmib!", "ldmib %[p]!, {r4, r5, r6}", &buf[4]);
    LDM("ldmda!", "ldmda %[p]!, {r4, r5, r6}", &buf[4]);
    LDM("ldmdb!", "ldmdb %[p]!, {r4, r5, r6}", &buf[4]);
    LDM("ldmia", "ldmia %[p], {r4, r5, r6}", &buf[8]);
    {
        uint32_t *p = &buf[8];
        __asm__ volatile("mov r4, #0xa\n\tmov r5, #0xb\n\tmov r6, #0xc\n\tstmda %[p]!, {r4, r5, r6}"
                         : [p] "+r"(p) : : "r4", "r5", "r6", "memory");
        show("stmda 6", buf[6]);
        show("stmda 7", buf[7]);
        show("stmda 8", buf[8]);
        show("stmda wb", off(p));
        p = &buf[8];
        __asm__ volatile("mov r4, #0xd\n\tmov r5, #0xe\n\tstmib %[p], {r4, r5}"
                         : [p] "+r"(p) : : "r4", "r5", "memory");
        show("stmib 9", buf[9]);
        show("stmib 10", buf[10]);
        show("stmib wb", off(p));
    }
    __asm__ volatile("mov %[r], #0\n\tadr r4, 1f\n\tpush {r4}\n\tpop {pc}\n\tmov %[r], #1\n"
                     "1:\tadd %[r], %[r], #2"
                     : [r] "=&r"(r) : : "r4", "memory");
    show("pop pc", r);
    __asm__ volatile("mov %[r], #0\n\tadr r4, 1f\n\tpush {r4, r5}\n\tldr pc, [sp], #8\n\tmov %[r], #1\n"
                     "1:\tadd %[r], %[r], #4"
                     : [r] "=&r"(r) : : "r4", "r5", "memory");
    show("ldr pc", r);

    w = 0x55;
    __asm__ volatile(".arch armv6\n\tswp %[r], %[v], [%[p]]\n\t.arch armv7-a"
                     : [r] "=&r"(r) : [v] "r"(0x66), [p] "r"(&w) : "memory");
    show("swp old", r);
    show("swp mem", w);
    w = 0x1234;
    __asm__ volatile(".arch armv6\n\tswpb %[r], %[v], [%[p]]\n\t.arch armv7-a"
                     : [r] "=&r"(r) : [v] "r"(0x66), [p] "r"(&w) : "memory");
    show("swpb old", r);
    show("swpb mem", w);

    test_exclusive();
    test_tls();
    return 0;
}
