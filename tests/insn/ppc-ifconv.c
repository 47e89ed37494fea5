/*
 * PowerPC if-conversion (target-ppc/translate-int.c.inc, gen_bc_skip_one):
 * a conditional branch forward by 8 over one instruction that only
 * computes a GPR becomes a movcond.  Each case runs 3000 times per input
 * (hot regions form) and must give the same answer every time: conditions
 * from a compare right before the branch, from one with instructions in
 * between, from another block (the CR field decoded), on SO, unsigned, with
 * the skipped instruction writing the compare's own operand, and skipped
 * instructions that may not be converted (a store, a `.` form, addic's
 * CA).  Last, a CRC-16 whose `if (bit) crc ^= poly` is such a branch,
 * against a branch-free model.
 * Expected output: ppc-ifconv.expected, computed by hand.
 */
#include <stdint.h>
#include <stdio.h>

#define JUMP "b 1f\n\t.long 0\n1:\t"

/* a == b ? a : a + 1 (cmpw right before beq). */
static uint32_t eq_addi(uint32_t a, uint32_t b)
{
    uint32_t r = a;
    __asm__ volatile("cmpw %1, %2\n\tbeq 1f\n\taddi %0, %0, 1\n1:" : "+r"(r) : "r"(a), "r"(b) : "cr0");
    return r;
}

/* (a & b) != 0 ? r : r ^ (a >> 1), with r = 0x100: and. then srwi between. */
static uint32_t ne_xor(uint32_t a, uint32_t b)
{
    uint32_t r = 0x100, t, u;
    __asm__ volatile("and. %1, %3, %4\n\tsrwi %2, %3, 1\n\tbne 1f\n\txor %0, %0, %2\n1:"
                     : "+r"(r), "=&r"(t), "=&r"(u) : "r"(a), "r"(b) : "cr0");
    return r;
}

/* a <u b ? 7 : a (cmplw, blt over mr). */
static uint32_t ltu_mr(uint32_t a, uint32_t b)
{
    uint32_t r = 7;
    __asm__ volatile("cmplw %1, %2\n\tblt 1f\n\tmr %0, %1\n1:" : "+r"(r) : "r"(a), "r"(b) : "cr0");
    return r;
}

/* a >s b ? 0 : 2: cmpw into CR1, then cmpwi into CR0 (not the field
   tested) before bgt 1. */
static uint32_t gt_cr1(uint32_t a, uint32_t b)
{
    uint32_t r = 0;
    __asm__ volatile("cmpw 1, %1, %2\n\tcmpwi %1, 0\n\tbgt 1, 1f\n\tli %0, 2\n1:"
                     : "+r"(r) : "r"(a), "r"(b) : "cr0", "cr1");
    return r;
}

/* a <=s b ? 0 : 5: the CR1 compare is in the block before (the field is
   decoded, not the compare's operands). */
static uint32_t le_other_block(uint32_t a, uint32_t b)
{
    uint32_t r = 0;
    __asm__ volatile("cmpw 1, %1, %2\n\t" JUMP "ble 1, 2f\n\taddi %0, %0, 5\n2:"
                     : "+r"(r) : "r"(a), "r"(b) : "cr1");
    return r;
}

/* XER[SO] set by the caller's choice: CR0.SO from cmpwi, bns over addi:
   1 when SO was set.  XER is cleared again. */
static uint32_t so_bit(uint32_t so)
{
    uint32_t r = 0, x = so ? 0x80000000u : 0;
    __asm__ volatile("mtxer %1\n\tcmpwi %1, 0\n\tbns 1f\n\taddi %0, %0, 1\n1:\tli %1, 0\n\tmtxer %1"
                     : "+r"(r), "+r"(x) : : "cr0", "xer");
    return r;
}

/* The skipped instruction writes the compare's operand: a == b ? a : a + 10. */
static uint32_t writes_operand(uint32_t a, uint32_t b)
{
    __asm__ volatile("cmpw %0, %1\n\tbeq 1f\n\taddi %0, %0, 10\n1:" : "+r"(a) : "r"(b) : "cr0");
    return a;
}

/* ... and reads its own destination: a > b ? a : rotl(a, 1) & ~1. */
static uint32_t rotate_self(uint32_t a, uint32_t b)
{
    __asm__ volatile("cmplw %0, %1\n\tbgt 1f\n\trlwinm %0, %0, 1, 0, 30\n1:" : "+r"(a) : "r"(b) : "cr0");
    return a;
}

/* Not converted: a store (m = a + b unless a == b). */
static uint32_t skip_store(uint32_t a, uint32_t b)
{
    uint32_t m = 0x55, s = a + b;
    __asm__ volatile("cmpw %1, %2\n\tbeq 1f\n\tstw %3, %0\n1:" : "+m"(m) : "r"(a), "r"(b), "r"(s) : "cr0");
    return m;
}

/* Not converted: add. (writes CR0).  r = a == b ? 0 : a + b; returns
   r << 4 | the final CR0's LT GT EQ as 4 2 1. */
static uint32_t skip_record(uint32_t a, uint32_t b)
{
    uint32_t r = 0, c;
    __asm__ volatile("cmpw %2, %3\n\tbeq 1f\n\tadd. %0, %2, %3\n1:\tmfcr %1\n\trlwinm %1, %1, 3, 29, 31"
                     : "+r"(r), "=r"(c) : "r"(a), "r"(b) : "cr0");
    return r << 4 | c;
}

/* Not converted: addic writes CA (cleared first, read back by addze):
   r = a == b ? a : a - 1; returns r << 4 | CA. */
static uint32_t skip_ca(uint32_t a, uint32_t b)
{
    uint32_t r = a, z;
    __asm__ volatile("li %1, 0\n\taddic %1, %1, 0\n\tcmpw %2, %3\n\tbeq 1f\n\taddic %0, %0, -1\n1:\t"
                     "li %1, 0\n\taddze %1, %1"
                     : "+r"(r), "=&r"(z) : "r"(a), "r"(b) : "cr0", "xer");
    return r << 4 | z;
}

static uint16_t crc_asm(uint16_t crc, uint32_t v)
{
    uint32_t c = crc, t, n = 32;
    __asm__ volatile("mtctr %3\n"
                     "2:\txor %1, %0, %2\n\tandi. %1, %1, 1\n\tsrwi %0, %0, 1\n\tsrwi %2, %2, 1\n\t"
                     "beq 1f\n\txori %0, %0, 0xa001\n1:\tbdnz 2b"
                     : "+r"(c), "=&r"(t), "+r"(v) : "r"(n) : "cr0", "ctr");
    return (uint16_t)c;
}

static uint16_t crc_model(uint16_t crc, uint32_t v)
{
    for (int i = 0; i < 32; i++) {
        uint32_t bit = (crc ^ v) & 1;
        crc = (uint16_t)((crc >> 1) ^ (0xa001 & -bit));
        v >>= 1;
    }
    return crc;
}

typedef uint32_t (*Fn2)(uint32_t, uint32_t);

static void run2(const char *name, Fn2 f, uint32_t a, uint32_t b)
{
    uint32_t first = f(a, b);
    int bad = 0;
    for (int i = 1; i < 3000; i++) {
        bad |= f(a, b) != first;
    }
    printf("%s(%08x, %08x) = %08x%s\n", name, a, b, first, bad ? " UNSTABLE" : "");
}

int main(void)
{
    static const uint32_t in[][2] = { { 5, 5 }, { 5, 6 }, { 0xfffffffe, 3 }, { 3, 0xfffffffe }, { 4, 3 } };
    for (unsigned i = 0; i < sizeof in / sizeof in[0]; i++) {
        uint32_t a = in[i][0], b = in[i][1];
        run2("eq_addi", eq_addi, a, b);
        run2("ne_xor", ne_xor, a, b);
        run2("ltu_mr", ltu_mr, a, b);
        run2("gt_cr1", gt_cr1, a, b);
        run2("le_other_block", le_other_block, a, b);
        run2("writes_operand", writes_operand, a, b);
        run2("rotate_self", rotate_self, a, b);
        run2("skip_store", skip_store, a, b);
        run2("skip_record", skip_record, a, b);
        run2("skip_ca", skip_ca, a, b);
    }
    for (uint32_t so = 0; so < 2; so++) {
        uint32_t first = so_bit(so);
        int bad = 0;
        for (int i = 1; i < 3000; i++) {
            bad |= so_bit(so) != first;
        }
        printf("so_bit(%u) = %u%s\n", so, first, bad ? " UNSTABLE" : "");
    }
    uint16_t c1 = 0, c2 = 0;
    uint32_t v = 0x12345678;
    for (int i = 0; i < 3000; i++) {
        c1 = crc_asm(c1, v);
        c2 = crc_model(c2, v);
        v = v * 1103515245u + 12345u;
    }
    printf("crc %s\n", c1 == c2 ? "matches the model" : "DIFFERS from the model");
    return 0;
}
