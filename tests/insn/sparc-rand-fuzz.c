/*
 * Random-instruction differential test of the SPARC integer unit (no
 * .expected on purpose: the reference is qemu-sparc32plus).  Usage:
 *   sparc64-linux-gnu-gcc -m32 -static -O1 tests/insn/sparc-rand-fuzz.c -o f
 *   diff <(qemu-sparc32plus ./f SEED N) <(build/mimic ./f SEED N)
 * N instructions in blocks of 40, each block written into an executable
 * buffer and run as a function: random 64-bit register contents, %ccr and
 * %y, then ALU ops with and without cc, shifts (32/64), multiplies,
 * mulscc, divisions (the divisor made odd, so never zero), tagged ops,
 * movcc/movr, popc, sethi, and short forward Bicc/BPcc branches with and
 * without the annul bit.  After each block every register, %ccr and %y
 * are printed.  To bisect a difference: FUZZ_BLOCK=b FUZZ_KEEP=k runs only
 * the first k instructions of block b and lists its words on stderr.
 * Known differences from qemu-sparc32plus (7.2), left out of the mix and
 * tested by hand in sparc-alu.c / sparc-muldiv.c instead:
 *   - addxcc/subxcc: qemu loses the carry (0xfffffffffffffbfb + 0x7fffffff
 *     with C clear gives icc.C = xcc.C = 1; qemu says 0);
 *   - division by zero: qemu dies with "Unhandled trap 0x28" instead of
 *     SIGFPE, so the divisor is made odd (never zero).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static uint64_t st;
static uint64_t rnd(void) { st ^= st << 13; st ^= st >> 7; st ^= st << 17; return st; }

/* Registers the random code uses: %g1-%g4, %o0-%o5, %l0-%l7, %i1-%i5.
   %i0 holds the state pointer, %g5 is the divisor scratch. */
static const int regs[] = {1, 2, 3, 4, 8, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20, 21, 22, 23, 25, 26, 27, 28, 29};
#define NREGS (int)(sizeof regs / sizeof regs[0])
static int rreg(void) { return regs[rnd() % NREGS]; }

static uint32_t f3(int op, int rd, int op3, int rs1, int i, int v)
{
    return (uint32_t)op << 30 | (uint32_t)rd << 25 | (uint32_t)op3 << 19 | (uint32_t)rs1 << 14 |
           (uint32_t)i << 13 | (i ? (uint32_t)v & 0x1fff : (uint32_t)v & 31);
}

static uint32_t *p;
static void emit(uint32_t w) { *p++ = w; }

static int simm13(void)
{
    static const int sp[] = {0, 1, -1, 31, 32, 63, 4095, -4096, 2, 3};
    return rnd() % 3 ? (int)(rnd() % 8192) - 4096 : sp[rnd() % 10];
}

static void alu_insn(void)
{
    /* add and or xor sub andn orn xnor addx umul smul subx, the cc forms
       but addxcc/subxcc (see above); taddcc tsubcc mulscc; sll srl sra; mulx */
    static const int ops[] = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0a, 0x0b, 0x0c,
                              0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x1a, 0x1b,
                              0x20, 0x21, 0x24, 0x25, 0x26, 0x27, 0x09};
    int op3 = ops[rnd() % (sizeof ops / sizeof ops[0])];
    int i = rnd() & 1;
    int v = i ? simm13() : rreg();
    if (op3 >= 0x25 && op3 <= 0x27) {
        int x = rnd() & 1;
        uint32_t w = f3(2, rreg(), op3, rreg(), i, 0);
        w |= (uint32_t)x << 12;
        w |= i ? (uint32_t)(rnd() % (x ? 64 : 32)) : (uint32_t)rreg();
        emit(w);
        return;
    }
    emit(f3(2, rreg(), op3, rreg(), i, v));
}

static void one_insn(void)
{
    int k = (int)(rnd() % 20);
    if (k < 11) {
        alu_insn();
    } else if (k == 11) { /* udiv/sdiv(cc): divisor | 1 into %g5 */
        static const int dops[] = {0x0e, 0x0f, 0x1e, 0x1f, 0x0d, 0x2d};
        emit(f3(2, 5, 0x02, rreg(), 1, 1));
        emit(f3(2, rreg(), dops[rnd() % 6], rreg(), 0, 5));
    } else if (k == 12) { /* wr %y */
        emit(f3(2, 0, 0x30, rreg(), 1, simm13()));
    } else if (k == 13) { /* movcc on icc/xcc */
        uint32_t w = f3(2, rreg(), 0x2c, 0, 0, 0) | 1u << 18 | (uint32_t)(rnd() % 16) << 14 |
                     (uint32_t)(rnd() & 1 ? 2 : 0) << 11;
        if (rnd() & 1)
            w |= 1u << 13 | ((uint32_t)rnd() & 0x7ff);
        else
            w |= (uint32_t)rreg();
        emit(w);
    } else if (k == 14) { /* movr */
        static const int rc[] = {1, 2, 3, 5, 6, 7};
        uint32_t w = f3(2, rreg(), 0x2f, rreg(), 0, 0) | (uint32_t)rc[rnd() % 6] << 10;
        if (rnd() & 1)
            w |= 1u << 13 | ((uint32_t)rnd() & 0x3ff);
        else
            w |= (uint32_t)rreg();
        emit(w);
    } else if (k == 15) { /* popc */
        int i = rnd() & 1;
        emit(f3(2, rreg(), 0x2e, 0, i, i ? simm13() : rreg()));
    } else if (k == 16) { /* sethi */
        emit((uint32_t)rreg() << 25 | 4u << 22 | ((uint32_t)rnd() & 0x3fffff));
    } else { /* a short forward branch over two instructions, maybe annulled */
        int cond = (int)(rnd() % 16), a = rnd() & 1;
        if (rnd() & 1)
            emit((uint32_t)a << 29 | (uint32_t)cond << 25 | 2u << 22 | 3u); /* Bicc .+12 */
        else
            emit((uint32_t)a << 29 | (uint32_t)cond << 25 | 1u << 22 | (uint32_t)(rnd() & 1 ? 2 : 0) << 20 |
                 1u << 19 | 3u); /* BPcc %icc/%xcc .+12 */
        alu_insn();
        alu_insn();
    }
}

static uint64_t value(void)
{
    static const uint64_t sp[] = {0, 1, 2, 0x7fffffff, 0x80000000, 0xffffffff, 0xffffffff80000000ull,
                                  0xffffffffffffffffull, 0x7fffffffffffffffull, 0x8000000000000000ull, 3, 4};
    switch (rnd() % 4) {
    case 0: return sp[rnd() % 12];
    case 1: return (uint64_t)(int64_t)(int32_t)rnd();
    case 2: return (uint32_t)rnd();
    default: return rnd();
    }
}

int main(int argc, char **argv)
{
    unsigned seed = argc > 1 ? (unsigned)atoi(argv[1]) : 1;
    int n = argc > 2 ? atoi(argv[2]) : 2000;
    st = 0x9e3779b97f4a7c15ull * (seed + 1);
    uint32_t *code = mmap(NULL, 65536, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED)
        return 1;
    static uint64_t state[32 + 2];
    for (int block = 0; block * 40 < n; block++) {
        p = code;
        emit(0x9de3bfa0); /* save %sp, -96, %sp */
        for (int r = 0; r < NREGS; r++) {
            state[r] = value();
            emit(f3(3, regs[r], 0x0b, 24, 1, 8 * r)); /* ldx [%i0 + 8r], reg */
        }
        emit(f3(2, 2, 0x30, 0, 1, (int)(rnd() & 0xff)));  /* wr %g0, imm, %ccr */
        emit(f3(2, 0, 0x30, 0, 1, (int)(rnd() & 0xfff))); /* wr %g0, imm, %y */
        int keep = getenv("FUZZ_KEEP") && block == atoi(getenv("FUZZ_BLOCK")) ? atoi(getenv("FUZZ_KEEP")) : 40;
        uint32_t *body = p;
        for (int k = 0; k < 40; k++) {
            uint32_t *save = p;
            one_insn();
            if (k >= keep)
                p = save;
        }
        if (getenv("FUZZ_KEEP") && block == atoi(getenv("FUZZ_BLOCK")))
            for (uint32_t *q = body; q < p; q++)
                fprintf(stderr, "%08x\n", *q);
        for (int r = 0; r < NREGS; r++)
            emit(f3(3, regs[r], 0x0e, 24, 1, 8 * r)); /* stx reg, [%i0 + 8r] */
        emit(f3(2, 5, 0x28, 2, 0, 0));                   /* rd %ccr, %g5 */
        emit(f3(3, 5, 0x0e, 24, 1, 8 * NREGS));
        emit(f3(2, 5, 0x28, 0, 0, 0));                   /* rd %y, %g5 */
        emit(f3(3, 5, 0x0e, 24, 1, 8 * NREGS + 8));
        emit(0x81c7e008); /* ret */
        emit(0x81e80000); /* restore */
        for (uint32_t *f = code; f < p; f += 2)
            __asm__ volatile("flush %0" : : "r"(f));
        ((void (*)(uint64_t *))code)(state);
        printf("block %d:", block);
        for (int r = 0; r < NREGS; r++)
            printf(" %llx", (unsigned long long)state[r]);
        printf(" ccr %02llx y %llx\n", (unsigned long long)state[NREGS] & 0xff,
               (unsigned long long)state[NREGS + 1]);
    }
    return 0;
}
