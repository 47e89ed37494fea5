/*
 * cmp of a memory operand with a register, then a conditional branch, in
 * a hot loop with a guest store on both sides of the branch: in a hot
 * region the compare's flags (cc_dst, cc_src, cc_op) are fault-only (the
 * loop's `sub` overwrites them), and the loaded value dies at the branch,
 * so the x86 backend computes the flags into env right before the branch
 * (`mov [m], A; sub [m], B`) and branches on the host flags of that sub
 * (tcg/x86/lazyflags.c, lz_materialize).  Each condition over 16 values x
 * 16 keys chosen at the signed and unsigned boundaries; the counts are
 * those of the rules (i386-cmpmem.expected, from the definition of each
 * jcc on mem - key).
 */
#include <stdint.h>
#include <stdio.h>

static const uint32_t vals[16] = { 0x80000000u, 0x80000001u, 0x7fffffffu, 0x7ffffffeu, 0xffffffffu, 0,
                                   1, 2, 5, 0x12345678u, 0xfffffff0u, 0x40000000u, 0xc0000000u, 0x0000ffffu,
                                   0xffff0000u, 0x87654321u };

#define CMPLOOP(name, jcc)                                                                         \
    static uint32_t __attribute__((noinline)) name(const uint32_t *v, uint32_t key, uint32_t *out) \
    {                                                                                              \
        uint32_t n = 0, i = 16;                                                                    \
        __asm__ volatile("1:\n\t"                                                                  \
                         "cmpl %[key], -4(%[v],%[i],4)\n\t" jcc " 2f\n\t"                          \
                         "movl %[n], (%[out])\n\t"                                                 \
                         "addl $1, %[n]\n\t"                                                       \
                         "jmp 3f\n"                                                                \
                         "2:\n\t"                                                                  \
                         "movl %[i], 4(%[out])\n"                                                  \
                         "3:\n\t"                                                                  \
                         "subl $1, %[i]\n\t"                                                       \
                         "jnz 1b"                                                                  \
                         : [n] "+r"(n), [i] "+r"(i)                                                \
                         : [v] "r"(v), [key] "r"(key), [out] "r"(out)                              \
                         : "memory", "cc");                                                        \
        return n;                                                                                  \
    }

CMPLOOP(c_jg, "jg")
CMPLOOP(c_jge, "jge")
CMPLOOP(c_jl, "jl")
CMPLOOP(c_jle, "jle")
CMPLOOP(c_ja, "ja")
CMPLOOP(c_jae, "jae")
CMPLOOP(c_jb, "jb")
CMPLOOP(c_jbe, "jbe")
CMPLOOP(c_je, "je")
CMPLOOP(c_jne, "jne")
CMPLOOP(c_js, "js")
CMPLOOP(c_jo, "jo")

typedef uint32_t (*LoopFn)(const uint32_t *, uint32_t, uint32_t *);
static const struct {
    const char *name;
    LoopFn fn;
} loops[] = { { "jg", c_jg }, { "jge", c_jge }, { "jl", c_jl }, { "jle", c_jle }, { "ja", c_ja }, { "jae", c_jae },
              { "jb", c_jb }, { "jbe", c_jbe }, { "je", c_je }, { "jne", c_jne }, { "js", c_js }, { "jo", c_jo } };

int main(void)
{
    static uint32_t out[2];
    for (unsigned l = 0; l < sizeof loops / sizeof loops[0]; l++) {
        uint32_t first = 0, same = 1;
        for (int rep = 0; rep < 100; rep++) {
            uint32_t total = 0;
            for (int k = 0; k < 16; k++)
                total += loops[l].fn(vals, vals[k], out);
            if (rep == 0)
                first = total;
            same &= total == first;
        }
        /* not taken, of 256 compares */
        printf("%-3s not taken %3u%s\n", loops[l].name, first, same ? "" : " (varies)");
    }
    return 0;
}
