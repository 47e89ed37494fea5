/*
 * SPARC multiply and divide through %y: umul/smul (64-bit product, high
 * half in %y), udiv/sdiv of %y:rs1 with saturation and udivcc/sdivcc's V,
 * division by zero as SIGFPE (FPE_INTDIV at the instruction), mulscc
 * (a whole 32-step multiply), and the tagged add/subtract's icc.V.
 * Expected output: sparc-muldiv.expected, computed by hand.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define MUL(insn, a, b)                                                        \
    ({                                                                         \
        uint32_t r_, y_;                                                       \
        __asm__ volatile(insn " %2, %3, %0\n\trd %%y, %1" : "=&r"(r_), "=&r"(y_) : "r"(a), "r"(b)); \
        printf("%-5s %08x %08x -> %08x y %08x\n", insn, (uint32_t)(a), (uint32_t)(b), r_, y_); \
    })

#define DIV(insn, y, a, b)                                                     \
    ({                                                                         \
        uint32_t r_, c_;                                                       \
        __asm__ volatile("wr %4, 0, %%y\n\tnop\n\tnop\n\tnop\n\t" insn " %2, %3, %0\n\trd %%ccr, %1" \
                         : "=&r"(r_), "=&r"(c_) : "r"(a), "r"(b), "r"(y));    \
        printf("%-6s y=%08x %08x / %08x -> %08x ccr %02x\n", insn, (uint32_t)(y), (uint32_t)(a), (uint32_t)(b), r_, c_ & 0xf); \
    })

#define TAG(insn, a, b)                                                        \
    ({                                                                         \
        uint32_t r_, c_;                                                       \
        __asm__ volatile(insn " %2, %3, %0\n\trd %%ccr, %1" : "=&r"(r_), "=&r"(c_) : "r"(a), "r"(b)); \
        printf("%-6s %08x %08x -> %08x icc %x\n", insn, (uint32_t)(a), (uint32_t)(b), r_, c_ & 0xf); \
    })

/* a * b with 32 mulscc steps (the V8 way), low word and %y. */
static void mulscc_mul(uint32_t a, uint32_t b)
{
    uint32_t lo, y;
    __asm__ volatile("wr %2, 0, %%y\n\tnop\n\tnop\n\tnop\n\t"
                     "andcc %%g0, %%g0, %%g1\n\t"
                     ".rept 32\n\tmulscc %%g1, %3, %%g1\n\t.endr\n\t"
                     "mulscc %%g1, %%g0, %%g1\n\t"
                     "rd %%y, %1\n\tmov %%g1, %0"
                     : "=r"(lo), "=r"(y) : "r"(a), "r"(b) : "g1", "cc");
    /* unsigned: the high word is g1, the low word y (b's sign not fixed up) */
    printf("mulscc %08x * %08x -> hi %08x lo %08x\n", a, b, lo, y);
}

static sigjmp_buf jb;
static void on_fpe(int sig, siginfo_t *si, void *uc)
{
    printf("SIGFPE code %d (FPE_INTDIV %d)\n", si->si_code, FPE_INTDIV);
    siglongjmp(jb, 1);
}

int main(void)
{
    MUL("umul", 0xffffffffu, 0xffffffffu);
    MUL("smul", 0xffffffffu, 0xffffffffu);
    MUL("smul", 0x80000000u, 2u);
    MUL("umul", 0x10000u, 0x10000u);
    DIV("udiv", 0u, 100u, 7u);
    DIV("udiv", 1u, 0u, 2u);
    DIV("udivcc", 1u, 0u, 1u);
    DIV("sdiv", 0xffffffffu, 0xffffff9cu, 7u);
    DIV("sdivcc", 0u, 0x80000000u, 0xffffffffu);
    DIV("sdivcc", 0xffffffffu, 0x80000000u, 0xffffffffu);
    DIV("sdivcc", 0x80000000u, 0u, 1u);
    DIV("udivcc", 0u, 0u, 3u);
    mulscc_mul(3, 5);
    mulscc_mul(0x12345678u, 0x9abcdefu);
    TAG("taddcc", 4u, 8u);
    TAG("taddcc", 5u, 8u);
    TAG("taddcc", 0x7ffffffcu, 4u);
    TAG("tsubcc", 8u, 4u);
    TAG("tsubcc", 8u, 2u);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fpe;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGFPE, &sa, NULL);
    if (!sigsetjmp(jb, 1)) {
        volatile uint32_t z = 0;
        uint32_t r;
        __asm__ volatile("wr %%g0, 0, %%y\n\tnop\n\tnop\n\tnop\n\tudiv %1, %2, %0" : "=r"(r) : "r"(10), "r"(z));
        printf("no trap: %u\n", r);
    }
    printf("done\n");
    return 0;
}
