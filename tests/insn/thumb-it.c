/*
 * IT blocks: every condition against every NZCV value, every mask pattern
 * (1 to 4 instructions, then/else), 16-bit instructions inside a block not
 * setting flags, flag-setting instructions ending a block, and a branch as
 * the last instruction of a block.
 */
#include <stdint.h>
#include <stdio.h>

/* One IT <cond> per condition: returns the 16-bit set of NZCV values
   (bit i: N=i&8, Z=i&4, C=i&2, V=i&1) for which the instruction ran. */
#define COND(c) COND2(c, c)
#define COND2(c, sfx)                                                             \
    static uint32_t cond_##c(void)                                                \
    {                                                                             \
        uint32_t set = 0;                                                         \
        for (uint32_t i = 0; i < 16; i++) {                                       \
            uint32_t r;                                                           \
            __asm__ volatile(".syntax unified\n\t"                                \
                             "movs %[r], #0\n\t"                                  \
                             "msr APSR_nzcvq, %[fl]\n\t"                          \
                             "it " #c "\n\t"                                      \
                             "add" #sfx " %[r], %[r], #1\n\t"                    \
                             : [r] "=&l"(r)                                       \
                             : [fl] "r"(i << 28)                                  \
                             : "cc");                                             \
            set |= r << i;                                                        \
        }                                                                         \
        return set;                                                               \
    }
COND(eq) COND(ne) COND(cs) COND(cc) COND(mi) COND(pl) COND(vs) COND(vc)
COND(hi) COND(ls) COND(ge) COND(lt) COND(gt) COND(le)

/* Mask patterns: each instruction ORs its own bit into r0 with a 16-bit
   ORR (which would set flags outside an IT block, and so skip or run the
   following instructions wrongly if it did inside one). */
#define PAT(name, itx, i1, i2, i3, i4)                                            \
    static void pat_##name(void)                                                  \
    {                                                                             \
        for (int z = 0; z < 2; z++) {                                             \
            uint32_t r, f;                                                        \
            __asm__ volatile(".syntax unified\n\t"                                \
                             "movs r0, #0\n\t"                                    \
                             "movs r1, #1\n\t"                                    \
                             "movs r2, #2\n\t"                                    \
                             "movs r3, #4\n\t"                                    \
                             "movs r4, #8\n\t"                                    \
                             "msr APSR_nzcvq, %[fl]\n\t" itx "\n\t" i1 i2 i3 i4  \
                             "mrs %[f], APSR\n\t"                                 \
                             "mov %[r], r0"                                       \
                             : [r] "=r"(r), [f] "=r"(f)                           \
                             : [fl] "r"(z ? 0x40000000u : 0x80000000u)            \
                             : "r0", "r1", "r2", "r3", "r4", "cc");               \
            printf("%-6s Z=%d: %x flags %x\n", #name, z, r, f >> 28);             \
        }                                                                         \
    }
#define E1(c) "orr" #c " r0, r1\n\t"
#define E2(c) "orr" #c " r0, r2\n\t"
#define E3(c) "orr" #c " r0, r3\n\t"
#define E4(c) "orr" #c " r0, r4\n\t"
PAT(it, "it eq", E1(eq), "", "", "")
PAT(itt, "itt eq", E1(eq), E2(eq), "", "")
PAT(ite, "ite eq", E1(eq), E2(ne), "", "")
PAT(ittt, "ittt eq", E1(eq), E2(eq), E3(eq), "")
PAT(itte, "itte eq", E1(eq), E2(eq), E3(ne), "")
PAT(itet, "itet eq", E1(eq), E2(ne), E3(eq), "")
PAT(itee, "itee eq", E1(eq), E2(ne), E3(ne), "")
PAT(itttt, "itttt eq", E1(eq), E2(eq), E3(eq), E4(eq))
PAT(ittte, "ittte eq", E1(eq), E2(eq), E3(eq), E4(ne))
PAT(ittet, "ittet eq", E1(eq), E2(eq), E3(ne), E4(eq))
PAT(ittee, "ittee eq", E1(eq), E2(eq), E3(ne), E4(ne))
PAT(itett, "itett eq", E1(eq), E2(ne), E3(eq), E4(eq))
PAT(itete, "itete eq", E1(eq), E2(ne), E3(eq), E4(ne))
PAT(iteet, "iteet eq", E1(eq), E2(ne), E3(ne), E4(eq))
PAT(iteee, "iteee eq", E1(eq), E2(ne), E3(ne), E4(ne))
/* Odd first condition (NE: firstcond[0] = 1) with then and else. */
PAT(ne_tet, "itet ne", E1(ne), E2(eq), E3(ne), "")
PAT(ne_eee, "iteee ne", E1(ne), E2(eq), E3(eq), E4(eq))

/* Flags written by the last instruction of a block (CMP always sets them,
   and a 32-bit ADDS too) are seen by the next block. */
static void flags_in_block(void)
{
    for (uint32_t a = 0; a < 3; a++) {
        uint32_t r;
        __asm__ volatile(".syntax unified\n\t"
                         "movs %[r], #0\n\t"
                         "cmp %[a], #1\n\t"
                         "ite eq\n\t"
                         "cmpeq %[a], #1\n\t" /* runs: Z stays 1 */
                         "addsne %[r], %[a], #0\n\t" /* 32-bit: sets flags */
                         "itt eq\n\t"
                         "addeq %[r], #16\n\t"
                         "addeq %[r], #32\n\t"
                         "it mi\n\t"
                         "addmi %[r], #64\n\t"
                         : [r] "=&l"(r)
                         : [a] "l"(a)
                         : "cc");
        printf("block a=%u: %u\n", a, r);
    }
}

/* A shift, move, negate, multiply and MVN inside IT do not set flags. */
static void no_flags(void)
{
    uint32_t r0, r1, r2, r3, f;
    __asm__ volatile(".syntax unified\n\t"
                     "movs r4, #3\n\t"
                     "msr APSR_nzcvq, %[fl]\n\t"
                     "itttt eq\n\t"
                     "lsleq %[r0], r4, #31\n\t"
                     "moveq %[r1], #0\n\t"
                     "negeq %[r2], r4\n\t"
                     "muleq %[r3], r4, %[r3]\n\t"
                     "ittt eq\n\t"
                     "mvneq %[r1], %[r1]\n\t"
                     "lsreq %[r1], %[r1], r4\n\t"
                     "addeq %[r0], r4\n\t"
                     "mrs %[f], APSR"
                     : [r0] "=&l"(r0), [r1] "=&l"(r1), [r2] "=&l"(r2), [r3] "=&l"(r3), [f] "=&r"(f)
                     : [fl] "r"(0x40000000u), "[r3]"(5)
                     : "r4", "cc");
    printf("noflags %08x %08x %08x %08x %x\n", r0, r1, r2, r3, f >> 28);
}

/* A branch as the last instruction of a block, taken or not. */
static uint32_t branch_last(uint32_t a)
{
    uint32_t r;
    __asm__ volatile(".syntax unified\n\t"
                     "movs %[r], #1\n\t"
                     "cmp %[a], #0\n\t"
                     "itt ne\n\t"
                     "addne %[r], #2\n\t"
                     "bne 1f\n\t"
                     "adds %[r], #4\n"
                     "1:\n\t"
                     "adds %[r], #8\n\t"
                     : [r] "=&l"(r)
                     : [a] "l"(a)
                     : "cc");
    return r;
}

int main(void)
{
    printf("eq %04x ne %04x cs %04x cc %04x\n", cond_eq(), cond_ne(), cond_cs(), cond_cc());
    printf("mi %04x pl %04x vs %04x vc %04x\n", cond_mi(), cond_pl(), cond_vs(), cond_vc());
    printf("hi %04x ls %04x ge %04x lt %04x\n", cond_hi(), cond_ls(), cond_ge(), cond_lt());
    printf("gt %04x le %04x\n", cond_gt(), cond_le());
    pat_it(); pat_itt(); pat_ite(); pat_ittt(); pat_itte(); pat_itet(); pat_itee();
    pat_itttt(); pat_ittte(); pat_ittet(); pat_ittee(); pat_itett(); pat_itete();
    pat_iteet(); pat_iteee(); pat_ne_tet(); pat_ne_eee();
    flags_in_block();
    no_flags();
    printf("branch_last %u %u\n", branch_last(0), branch_last(1));
    return 0;
}
