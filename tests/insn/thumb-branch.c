/*
 * Thumb branches: CBZ/CBNZ, TBB/TBH, B<cond>.W, BL/BLX to ARM code and back
 * (immediate and register), BX, POP {pc} and LDR pc interworking, MOV/ADD pc.
 */
#include <stdint.h>
#include <stdio.h>

/* ARM-state functions: armfunc adds 100 to r0 and returns with BX LR;
   armcall calls the Thumb function thumbfunc with BLX (register) and adds 1000. */
__asm__(".syntax unified\n"
        ".arm\n"
        ".p2align 2\n"
        ".global armfunc\n"
        ".type armfunc, %function\n"
        "armfunc:\n"
        "  add r0, r0, #100\n"
        "  bx lr\n"
        ".global armcall\n"
        ".type armcall, %function\n"
        "armcall:\n"
        "  push {r4, lr}\n"
        "  ldr r4, =thumbfunc\n"
        "  blx r4\n"
        "  add r0, r0, #1000\n"
        "  pop {r4, pc}\n"
        "  .ltorg\n"
        ".thumb\n"
        ".thumb_func\n"
        ".global thumbfunc\n"
        ".type thumbfunc, %function\n"
        "thumbfunc:\n"
        "  adds r0, #7\n"
        "  push {r4, lr}\n"
        "  pop {r4, pc}\n");
uint32_t armfunc(uint32_t);
uint32_t armcall(uint32_t);

static uint32_t cbz_test(uint32_t x)
{
    uint32_t r;
    __asm__ volatile(".syntax unified\n\t"
                     "movs %[r], #0\n\t"
                     "cbz %[x], 1f\n\t"
                     "adds %[r], #1\n"
                     "1:\n\t"
                     "cbnz %[x], 2f\n\t"
                     "adds %[r], #2\n"
                     "2:\n\t"
                     : [r] "=&l"(r)
                     : [x] "l"(x)
                     : "cc");
    return r;
}

static uint32_t tbb_test(uint32_t i)
{
    uint32_t r;
    __asm__ volatile(".syntax unified\n\t"
                     "tbb [pc, %[i]]\n"
                     "0:\n\t"
                     ".byte (10f-0b)/2, (11f-0b)/2, (12f-0b)/2, (13f-0b)/2\n"
                     "10:\n\t"
                     "movs %[r], #10\n\t"
                     "b 19f\n"
                     "11:\n\t"
                     "movs %[r], #11\n\t"
                     "b 19f\n"
                     "12:\n\t"
                     "movs %[r], #12\n\t"
                     "b 19f\n"
                     "13:\n\t"
                     "movs %[r], #13\n"
                     "19:\n\t"
                     : [r] "=&l"(r)
                     : [i] "r"(i)
                     : "cc");
    return r;
}

static uint32_t tbh_test(uint32_t i)
{
    uint32_t r;
    __asm__ volatile(".syntax unified\n\t"
                     "tbh [pc, %[i], lsl #1]\n"
                     "0:\n\t"
                     ".hword (10f-0b)/2, (11f-0b)/2, (12f-0b)/2\n"
                     "10:\n\t"
                     "movs %[r], #20\n\t"
                     "b.w 19f\n"
                     "11:\n\t"
                     "movs %[r], #21\n\t"
                     "b.w 19f\n\t"
                     ".space 600\n"
                     "12:\n\t"
                     "movs %[r], #22\n"
                     "19:\n\t"
                     : [r] "=&l"(r)
                     : [i] "r"(i)
                     : "cc");
    return r;
}

/* TBB with a table elsewhere (base register, not pc). */
static const uint8_t table[4] = { 0, 2, 4, 6 };
static uint32_t tbb_reg(uint32_t i)
{
    uint32_t r;
    __asm__ volatile(".syntax unified\n\t"
                     "tbb [%[t], %[i]]\n"
                     "0:\n\t"
                     "movs %[r], #30\n\t" /* 0 */
                     "b 1f\n\t"
                     "movs %[r], #31\n\t" /* 2 */
                     "b 1f\n\t"
                     "movs %[r], #32\n\t" /* 4 */
                     "b 1f\n\t"
                     "movs %[r], #33\n" /* 6 */
                     "1:\n\t"
                     : [r] "=&l"(r)
                     : [i] "r"(i), [t] "r"(table)
                     : "cc");
    return r;
}

/* B<cond>.W forward and backward, over more than 256 bytes. */
static uint32_t bcond_w(uint32_t a)
{
    uint32_t r;
    __asm__ volatile(".syntax unified\n\t"
                     "movs %[r], #0\n\t"
                     "cmp %[a], #5\n\t"
                     "bhi.w 2f\n\t"
                     "adds %[r], #1\n\t"
                     "b.w 3f\n"
                     "1:\n\t"
                     "adds %[r], #4\n\t"
                     "b.w 3f\n\t"
                     ".space 400\n"
                     "2:\n\t"
                     "adds %[r], #2\n\t"
                     "cmp %[a], #7\n\t"
                     "bge.w 1b\n"
                     "3:\n\t"
                     : [r] "=&l"(r)
                     : [a] "l"(a)
                     : "cc");
    return r;
}

/* POP {pc} into ARM code (bit 0 clear), which returns with BX LR to Thumb. */
static uint32_t pop_pc_arm(uint32_t x)
{
    uint32_t r;
    __asm__ volatile(".syntax unified\n\t"
                     "mov r0, %[x]\n\t"
                     "ldr r3, =armfunc\n\t"
                     "adr.w r2, 1f + 1\n\t"
                     "mov lr, r2\n\t"
                     "push {r3}\n\t"
                     "pop {pc}\n\t"
                     ".ltorg\n"
                     "1:\n\t"
                     "mov %[r], r0\n\t"
                     : [r] "=r"(r)
                     : [x] "r"(x)
                     : "r0", "r1", "r2", "r3", "r12", "lr", "memory", "cc");
    return r;
}

/* LDR pc, [sp], #4 to a Thumb address (bit 0 set), and a 32-bit POP.W. */
static uint32_t ldr_pc(uint32_t x)
{
    uint32_t r;
    __asm__ volatile(".syntax unified\n\t"
                     "adr.w r2, 1f + 1\n\t"
                     "adr.w r3, 2f + 1\n\t"
                     "mov r1, %[x]\n\t"
                     "push {r2}\n\t"
                     "ldr pc, [sp], #4\n\t"
                     "adds r1, #100\n"
                     "1:\n\t"
                     "adds r1, #1\n\t"
                     "push.w {r1, r3}\n\t"
                     "pop.w {r1, pc}\n\t"
                     "adds r1, #100\n"
                     "2:\n\t"
                     "mov %[r], r1\n\t"
                     : [r] "=r"(r)
                     : [x] "r"(x)
                     : "r1", "r2", "r3", "memory", "cc");
    return r;
}

/* BLX immediate to ARM (the compiler emits it for a call to an ARM function),
   BLX register, and an ARM function calling back into Thumb. */
static uint32_t blx_reg(uint32_t x, uint32_t (*f)(uint32_t))
{
    uint32_t r;
    __asm__ volatile(".syntax unified\n\t"
                     "mov r0, %[x]\n\t"
                     "blx %[f]\n\t"
                     "mov %[r], r0\n\t"
                     : [r] "=r"(r)
                     : [x] "r"(x), [f] "r"(f)
                     : "r0", "r1", "r2", "r3", "r12", "lr", "memory", "cc");
    return r;
}

/* MOV pc, Rm and ADD pc, Rm inside Thumb code (no state change). */
static uint32_t mov_pc(uint32_t x)
{
    uint32_t r;
    __asm__ volatile(".syntax unified\n\t"
                     "mov %[r], %[x]\n\t"
                     "adr.w r2, 1f + 1\n\t"
                     "mov pc, r2\n\t"
                     "adds %[r], #100\n"
                     "1:\n\t"
                     "adds %[r], #1\n\t"
                     "movs r2, #2\n\t"
                     "add pc, r2\n\t" /* pc reads as this + 4, + 2: skips the nop and the adds #50 */
                     "nop\n\t"
                     "adds %[r], #50\n\t"
                     "adds %[r], #2\n\t"
                     : [r] "=&l"(r)
                     : [x] "l"(x)
                     : "r2", "cc");
    return r;
}

int main(void)
{
    printf("cbz %u %u\n", cbz_test(0), cbz_test(7));
    printf("tbb %u %u %u %u\n", tbb_test(0), tbb_test(1), tbb_test(2), tbb_test(3));
    printf("tbh %u %u %u\n", tbh_test(0), tbh_test(1), tbh_test(2));
    printf("tbbreg %u %u %u %u\n", tbb_reg(0), tbb_reg(1), tbb_reg(2), tbb_reg(3));
    printf("bcondw %u %u %u\n", bcond_w(1), bcond_w(6), bcond_w(9));
    printf("blx_imm %u\n", armfunc(5));
    printf("blx_reg %u %u\n", blx_reg(6, armfunc), blx_reg(8, armcall));
    printf("pop_pc_arm %u\n", pop_pc_arm(9));
    printf("ldr_pc %u\n", ldr_pc(10));
    printf("mov_pc %u\n", mov_pc(20));
    return 0;
}
