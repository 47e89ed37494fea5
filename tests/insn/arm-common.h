/*
 * Shared by the ARM instruction tests (tests/insn/arm-*.c): output without
 * stdio, and macros that run one instruction with chosen inputs and flags.
 *
 * Built with arm-linux-gnueabihf-gcc -static -marm -O1.  With -DARM_NOLIBC
 * (and -nostdlib) the tests need no C library at all, so they exercise only
 * the A32 decoder.
 */
#ifndef ARM_TEST_COMMON_H
#define ARM_TEST_COMMON_H

#include <stdint.h>

#ifdef ARM_NOLIBC
static long sys_write(int fd, const void *buf, unsigned long n)
{
    register long r0 __asm__("r0") = fd;
    register long r1 __asm__("r1") = (long)buf;
    register long r2 __asm__("r2") = (long)n;
    register long r7 __asm__("r7") = 4;
    __asm__ volatile("svc 0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r7) : "memory");
    return r0;
}
int main(void);
void __attribute__((naked, noreturn)) _start(void)
{
    __asm__ volatile("bl main\n\tmov r7, #1\n\tsvc 0");
}
#else
#include <unistd.h>
#define sys_write write
#endif

static void out_str(const char *s)
{
    unsigned long n = 0;
    while (s[n]) {
        n++;
    }
    sys_write(1, s, n);
}

static void out_hex(uint32_t v)
{
    char b[11] = "0x";
    for (int i = 0; i < 8; i++) {
        b[2 + i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 15];
    }
    b[10] = 0;
    out_str(b);
}

/* "name: 0x........\n" */
static void show(const char *name, uint32_t v)
{
    out_str(name);
    out_str(": ");
    out_hex(v);
    out_str("\n");
}

/* "name: 0x........ NZCVQ GE=....\n": the flags part of an APSR value. */
static void show_f(const char *name, uint32_t v, uint32_t apsr)
{
    char f[16] = "  nzcvq ge=0000";
    const char *up = "NZCVQ";
    for (int i = 0; i < 5; i++) {
        if (apsr & (0x80000000u >> i)) {
            f[2 + i] = up[i];
        }
    }
    for (int i = 0; i < 4; i++) {
        f[11 + i] = (apsr >> (19 - i)) & 1 ? '1' : '0';
    }
    out_str(name);
    out_str(": ");
    out_hex(v);
    out_str(f);
    out_str("\n");
}

/* Flag values for APSR writes. */
#define FN 0x80000000u
#define FZ 0x40000000u
#define FC 0x20000000u
#define FV 0x10000000u
#define FQ 0x08000000u

/* Run `insn` (operands %[r], %[a], %[b]) with the APSR set to fl first;
   *res gets %[r], and the APSR after it is returned. */
#define RUN2(insn, res, A_, B_, FL_)                                                   \
    ({                                                                              \
        uint32_t r_ = 0, f_;                                                        \
        __asm__ volatile("msr APSR_nzcvqg, %[fl]\n\t" insn "\n\tmrs %[f], APSR"     \
                         : [r] "+&r"(r_), [f] "=&r"(f_)                             \
                         : [a] "r"(A_), [b] "r"(B_), [fl] "r"(FL_)                   \
                         : "cc");                                                   \
        *(res) = r_;                                                                    \
        f_;                                                                         \
    })

/* Run and show: name, instruction, inputs, flags in. */
#define T2(name, insn, A_, B_, FL_)                                                    \
    do {                                                                            \
        uint32_t res_;                                                              \
        uint32_t f2_ = RUN2(insn, &res_, (uint32_t)(A_), (uint32_t)(B_), (uint32_t)(FL_)); \
        show_f(name, res_, f2_);                                                    \
    } while (0)


/* Like T2, with %[r] holding R0_ before the instruction (accumulators). */
#define T3(name, insn, R0_, A_, B_, FL_)                                            \
    do {                                                                            \
        uint32_t r_ = (uint32_t)(R0_), f_;                                          \
        __asm__ volatile("msr APSR_nzcvqg, %[fl]\n\t" insn "\n\tmrs %[f], APSR"     \
                         : [r] "+&r"(r_), [f] "=&r"(f_)                             \
                         : [a] "r"((uint32_t)(A_)), [b] "r"((uint32_t)(B_)),        \
                           [fl] "r"((uint32_t)(FL_))                                \
                         : "cc");                                                   \
        show_f(name, r_, f_);                                                       \
    } while (0)

/* Long multiplies: %[lo], %[hi] in and out. */
#define T64(name, insn, LO_, HI_, A_, B_, FL_)                                      \
    do {                                                                            \
        uint32_t lo_ = (uint32_t)(LO_), hi_ = (uint32_t)(HI_), f_;                  \
        __asm__ volatile("msr APSR_nzcvqg, %[fl]\n\t" insn "\n\tmrs %[f], APSR"     \
                         : [lo] "+&r"(lo_), [hi] "+&r"(hi_), [f] "=&r"(f_)          \
                         : [a] "r"((uint32_t)(A_)), [b] "r"((uint32_t)(B_)),        \
                           [fl] "r"((uint32_t)(FL_))                                \
                         : "cc");                                                   \
        show(name, lo_);                                                            \
        show_f(name, hi_, f_);                                                      \
    } while (0)

#endif
