/*
 * SPARC integer condition codes: icc and xcc (read through rd %ccr:
 * xcc.NZVC << 4 | icc.NZVC) after addcc/subcc/addxcc/subxcc/logical cc ops
 * at the 32- and 64-bit edges, Bicc conditions, and V9 movcc/movr/popc/
 * sllx/srax/mulx.  Expected output: sparc-alu.expected, computed by hand.
 */
#include <stdint.h>
#include <stdio.h>

#define CC(insn, a, b)                                                         \
    ({                                                                         \
        uint32_t r_, c_;                                                       \
        __asm__ volatile(insn " %2, %3, %0\n\trd %%ccr, %1"                    \
                         : "=&r"(r_), "=&r"(c_)                                \
                         : "r"(a), "r"(b));                                    \
        printf("%-7s %08x %08x -> %08x ccr %02x\n", insn, (uint32_t)(a), (uint32_t)(b), r_, c_); \
    })

/* addxcc/subxcc with the carry in set or clear first. */
#define CCX(insn, cin, a, b)                                                   \
    ({                                                                         \
        uint32_t r_, c_;                                                       \
        __asm__ volatile("wr %%g0, %4, %%ccr\n\t" insn " %2, %3, %0\n\trd %%ccr, %1" \
                         : "=&r"(r_), "=&r"(c_)                                \
                         : "r"(a), "r"(b), "r"(cin));                          \
        printf("%-7s c=%u %08x %08x -> %08x ccr %02x\n", insn, (unsigned)(cin), (uint32_t)(a), (uint32_t)(b), r_, c_); \
    })

/* 1 when Bicc condition NAME holds after cmp a, b (taken branch). */
#define COND(name, a, b)                                                       \
    ({                                                                         \
        uint32_t t_ = 0;                                                       \
        __asm__ volatile("cmp %1, %2\n\t" name " 1f\n\t nop\n\tba 2f\n\t nop\n"  \
                         "1:\tmov 1, %0\n2:" : "+r"(t_) : "r"(a), "r"(b) : "cc");  \
        t_;                                                                    \
    })

/* Bit n set when Bicc condition n (bn .. bvc) holds after cmp a, b. */
static uint32_t conds(uint32_t a, uint32_t b)
{
    return COND("bn", a, b) << 0 | COND("be", a, b) << 1 | COND("ble", a, b) << 2 |
           COND("bl", a, b) << 3 | COND("bleu", a, b) << 4 | COND("bcs", a, b) << 5 |
           COND("bneg", a, b) << 6 | COND("bvs", a, b) << 7 | COND("ba", a, b) << 8 |
           COND("bne", a, b) << 9 | COND("bg", a, b) << 10 | COND("bge", a, b) << 11 |
           COND("bgu", a, b) << 12 | COND("bcc", a, b) << 13 | COND("bpos", a, b) << 14 |
           COND("bvc", a, b) << 15;
}

/* A cc op whose destination is one of its sources (the result, then icc
   and xcc, then bl/bcs/be after it in the same block: the conditions read
   the operands as they were before the instruction).  AS: "s1" (rd is
   rs1), "s2" (rd is rs2) or "ss" (rd is both). */
#define CCRD(insn, AS, a, b)                                                   \
    ({                                                                         \
        uint32_t x_ = (a), y_ = (b), c_, k_ = 0;                               \
        if (AS[1] == '1')                                                      \
            __asm__ volatile(insn " %0, %3, %0\n\trd %%ccr, %1\n\t"          \
                             "bl,a 1f\n\t or %2, 1, %2\n1:\tbcs,a 2f\n\t or %2, 2, %2\n" \
                             "2:\tbe,a 3f\n\t or %2, 4, %2\n3:"                \
                             : "+r"(x_), "=&r"(c_), "+r"(k_) : "r"(y_) : "cc");  \
        else if (AS[1] == '2')                                                 \
            __asm__ volatile(insn " %3, %0, %0\n\trd %%ccr, %1\n\t"          \
                             "bl,a 1f\n\t or %2, 1, %2\n1:\tbcs,a 2f\n\t or %2, 2, %2\n" \
                             "2:\tbe,a 3f\n\t or %2, 4, %2\n3:"                \
                             : "+r"(y_), "=&r"(c_), "+r"(k_) : "r"(x_) : "cc");  \
        else                                                                   \
            __asm__ volatile(insn " %0, %0, %0\n\trd %%ccr, %1\n\t"          \
                             "bl,a 1f\n\t or %2, 1, %2\n1:\tbcs,a 2f\n\t or %2, 2, %2\n" \
                             "2:\tbe,a 3f\n\t or %2, 4, %2\n3:"                \
                             : "+r"(x_), "=&r"(c_), "+r"(k_) : : "cc");          \
        printf("%-7s %s %08x %08x -> %08x ccr %02x l/cs/e %x\n", insn, AS, (uint32_t)(a), (uint32_t)(b), \
               AS[1] == '2' ? y_ : x_, c_, k_);                                  \
    })

int main(void)
{
    CC("addcc", 0xffffffffu, 1u);
    CC("addcc", 0x7fffffffu, 1u);
    CC("addcc", 0x80000000u, 0x80000000u);
    CC("addcc", 1u, 2u);
    CC("subcc", 1u, 2u);
    CC("subcc", 2u, 1u);
    CC("subcc", 0x80000000u, 1u);
    CC("subcc", 5u, 5u);
    CC("andcc", 0xf0f0f0f0u, 0x0f0f0f0fu);
    CC("orcc", 0x80000000u, 0u);
    CC("xnorcc", 0u, 0u);
    CC("andncc", 0xffffffffu, 0x7fffffffu);
    CCX("addxcc", 1u, 0xffffffffu, 0u);
    CCX("addxcc", 0u, 0xffffffffu, 0u);
    CCX("subxcc", 1u, 0u, 0u);
    CCX("subxcc", 1u, 1u, 0u);
    printf("conds 1,2: %04x\n", conds(1, 2));
    printf("conds 2,1: %04x\n", conds(2, 1));
    printf("conds 3,3: %04x\n", conds(3, 3));
    printf("conds -1,1: %04x\n", conds(0xffffffffu, 1));
    printf("conds 0x80000000,1: %04x\n", conds(0x80000000u, 1));
    /* V9 64-bit operations in registers (V8+). */
    uint64_t x = 0;
    uint32_t hi, lo;
    __asm__ volatile("sethi %%hi(0x80000000), %%g1\n\tsllx %%g1, 32, %%g1\n\t"
                     "srax %%g1, 63, %%g2\n\tsrlx %%g2, 4, %%g2\n\t"
                     "srlx %%g2, 32, %0\n\tsrl %%g2, 0, %1"
                     : "=r"(hi), "=r"(lo) : : "g1", "g2");
    printf("srax/srlx: %08x %08x\n", hi, lo);
    __asm__ volatile("mov -3, %%g1\n\tmov 7, %%g2\n\tmulx %%g1, %%g2, %%g1\n\t"
                     "srlx %%g1, 32, %0\n\tsrl %%g1, 0, %1"
                     : "=r"(hi), "=r"(lo) : : "g1", "g2");
    printf("mulx -3*7: %08x %08x\n", hi, lo);
    /* xcc differs from icc: 0xffffffff + 1 in 64 bits is 0x100000000. */
    uint32_t c;
    __asm__ volatile("mov -1, %%g1\n\tsrl %%g1, 0, %%g1\n\taddcc %%g1, 1, %%g0\n\trd %%ccr, %0"
                     : "=r"(c) : : "g1");
    printf("64-bit 0xffffffff+1: ccr %02x\n", c);
    uint32_t m = 5, n = 9;
    __asm__ volatile("cmp %1, 3\n\tmovg %%icc, 1, %0" : "+r"(m) : "r"(n));
    printf("movg: %u\n", m);
    __asm__ volatile("cmp %1, 30\n\tmovg %%icc, 1, %0" : "+r"(n) : "r"(n));
    printf("movg untaken: %u\n", n);
    uint32_t z = 0, o = 0x1234;
    __asm__ volatile("movrz %1, 77, %0" : "+r"(o) : "r"(z));
    printf("movrz: %u\n", o);
    uint32_t p;
    __asm__ volatile("popc %1, %0" : "=r"(p) : "r"(0xf00f0101u));
    printf("popc: %u\n", p);
    (void)x;
    CCRD("addcc", "s1", 0xffffffffu, 1u);
    CCRD("addcc", "s2", 0x7fffffffu, 1u);
    CCRD("addcc", "ss", 0x80000000u, 0u);
    CCRD("subcc", "s1", 1u, 2u);
    CCRD("subcc", "s2", 0x80000000u, 1u);
    CCRD("subcc", "s1", 5u, 5u);
    CCRD("subcc", "ss", 7u, 0u);
    CCRD("andcc", "s1", 0xf0f0f0f0u, 0x8f0f0f0fu);
    CCRD("orcc", "s2", 0u, 0u);
    CCRD("xorcc", "ss", 0x12345678u, 0u);
    return 0;
}
