/*
 * Shared by the tests/insn/vfp-*.c instruction tests: FPSCR access and
 * wrappers that run one VFP instruction on bit patterns, so results can be
 * printed exactly as hex.  Build: arm-linux-gnueabihf-gcc -static -O1
 * -marm (or -mthumb); ".fpu vfpv4" lets the assembler take VFPv4 and d16-d31.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define FPU ".fpu vfpv4\n\t"

/* FPSCR values used by the tests */
#define RN 0x00000000u
#define RP 0x00400000u
#define RM 0x00800000u
#define RZ 0x00c00000u
#define FZ 0x01000000u
#define DN 0x02000000u
#define AHP 0x04000000u

static inline uint32_t get_fpscr(void)
{
    uint32_t r;
    __asm__ volatile(FPU "vmrs %0, fpscr" : "=r"(r));
    return r;
}

static inline void set_fpscr(uint32_t v)
{
    __asm__ volatile(FPU "vmsr fpscr, %0" ::"r"(v) : "memory");
}

static inline float f_of(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }
static inline double d_of(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }
static inline uint32_t u_of(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static inline uint64_t q_of(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }

/* r = insn(a, b) in single / double precision: "t" = s register, "w" = d register */
#define S2(insn, a, b) ({ float _r, _a = f_of(a), _b = f_of(b); \
    __asm__ volatile(FPU insn " %0, %1, %2" : "=&t"(_r) : "t"(_a), "t"(_b)); u_of(_r); })
#define D2(insn, a, b) ({ double _r, _a = d_of(a), _b = d_of(b); \
    __asm__ volatile(FPU insn " %P0, %P1, %P2" : "=&w"(_r) : "w"(_a), "w"(_b)); q_of(_r); })
/* accumulating: d = insn(d, a, b) */
#define S3(insn, d, a, b) ({ float _r = f_of(d), _a = f_of(a), _b = f_of(b); \
    __asm__ volatile(FPU insn " %0, %1, %2" : "+t"(_r) : "t"(_a), "t"(_b)); u_of(_r); })
#define D3(insn, d, a, b) ({ double _r = d_of(d), _a = d_of(a), _b = d_of(b); \
    __asm__ volatile(FPU insn " %P0, %P1, %P2" : "+w"(_r) : "w"(_a), "w"(_b)); q_of(_r); })
/* one operand */
#define S1(insn, a) ({ float _r, _a = f_of(a); \
    __asm__ volatile(FPU insn " %0, %1" : "=&t"(_r) : "t"(_a)); u_of(_r); })
#define D1(insn, a) ({ double _r, _a = d_of(a); \
    __asm__ volatile(FPU insn " %P0, %P1" : "=&w"(_r) : "w"(_a)); q_of(_r); })

/* Run `expr` with FPSCR = mode, print name, the result and the FPSCR after. */
#define T32(name, mode, expr) do { set_fpscr(mode); uint32_t _v = (expr); uint32_t _f = get_fpscr(); \
    printf("%-24s %08x fpscr=%08x\n", name, _v, _f); } while (0)
#define T64(name, mode, expr) do { set_fpscr(mode); uint64_t _v = (expr); uint32_t _f = get_fpscr(); \
    printf("%-24s %016llx fpscr=%08x\n", name, (unsigned long long)_v, _f); } while (0)
