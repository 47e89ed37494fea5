/*
 * A32 branches and interworking: BL, BLX (register and immediate, to ARM
 * and Thumb code), BX, conditional calls, ALU and load writes to pc that
 * switch state, and a jump table.  Expected output: arm-branch.expected.
 */
#include "arm-common.h"

static uint32_t __attribute__((noinline)) arm_fn(uint32_t x) { return x * 3 + 1; }
static uint32_t __attribute__((noinline, target("thumb"))) thumb_fn(uint32_t x) { return x * 5 + 2; }

/* Called through a volatile pointer so the call is BLX register. */
static uint32_t (*volatile fp)(uint32_t);

static uint32_t state_switches(void)
{
    uint32_t r = 0;
    __asm__ volatile(
        ".syntax unified\n\t"
        /* ALU write to pc with bit 0 set: ARM -> Thumb (ARMv7 interworks) */
        "adr r4, 1f + 1\n\t"
        "mov pc, r4\n\t"
        ".thumb\n"
        "1:\tadds %[r], %[r], #1\n\t"
        /* Thumb -> ARM through BX with bit 0 clear */
        "adr r4, 2f\n\t"
        "bx r4\n\t"
        ".align 2\n\t"
        ".arm\n"
        "2:\tadd %[r], %[r], #0x10\n\t"
        /* BLX immediate to a Thumb label at an address = 2 mod 4 (H bit) */
        "blx 3f\n\t"
        "b 4f\n\t"
        ".thumb\n\t"
        "nop\n"
        "3:\tadds %[r], %[r], #0x40\n\t"
        "bx lr\n\t"
        ".align 2\n\t"
        ".arm\n"
        "4:\tadd %[r], %[r], #0x100\n\t"
        /* LDR pc with bit 0 set: to Thumb, and back with pop {pc} */
        "adr r4, 5f + 1\n\t"
        "adr r5, 6f\n\t"
        "push {r4, r5}\n\t"
        "ldr pc, [sp], #4\n\t"
        ".thumb\n"
        "5:\tadds %[r], %[r], #0x4\n\t"
        "pop {pc}\n\t"
        ".align 2\n\t"
        ".arm\n"
        "6:\tadd %[r], %[r], #0x1000\n\t"
        ".syntax divided\n\t"
        : [r] "+r"(r)
        :
        : "r4", "r5", "lr", "cc", "memory");
    return r;
}

static uint32_t __attribute__((noinline)) table(uint32_t i)
{
    uint32_t r;
    __asm__ volatile("mov %[r], #0\n\t"
                     "cmp %[i], #3\n\t"
                     "addls pc, pc, %[i], lsl #2\n\t"
                     "b 9f\n\t"
                     "b 1f\n\t"
                     "b 2f\n\t"
                     "b 3f\n\t"
                     "b 4f\n"
                     "1:\tadd %[r], %[r], #1\n"
                     "2:\tadd %[r], %[r], #2\n"
                     "3:\tadd %[r], %[r], #4\n"
                     "4:\tadd %[r], %[r], #8\n"
                     "9:"
                     : [r] "=&r"(r)
                     : [i] "r"(i)
                     : "cc");
    return r;
}

static uint32_t cond_call(uint32_t a, uint32_t b)
{
    register uint32_t r0 __asm__("r0") = 7;
    __asm__ volatile("cmp %[a], %[b]\n\tblgt arm_fn_alias"
                     : "+r"(r0)
                     : [a] "r"(a), [b] "r"(b)
                     : "r1", "r2", "r3", "r12", "lr", "cc", "memory");
    return r0;
}

uint32_t arm_fn_alias(uint32_t x) __attribute__((alias("arm_fn")));

int main(void)
{
    show("bl arm", arm_fn(10));
    show("bl thumb", thumb_fn(10));
    fp = arm_fn;
    show("blx arm", fp(20));
    fp = thumb_fn;
    show("blx thumb", fp(20));
    show("switches", state_switches());
    for (uint32_t i = 0; i < 5; i++) {
        show("table", table(i));
    }
    show("blgt taken", cond_call(2, 1));
    show("blgt not", cond_call(1, 2));
    return 0;
}
