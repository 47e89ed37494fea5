/*
 * Calls inside hot regions (tcg/translator.c, "Calls"): a region follows
 * a direct call into the callee, and translates itself again without a
 * callee that does not fit.  Returns are indirect jumps that may go
 * anywhere.  Each loop runs long enough to become a region.
 *   plain_call     a loop around a call of a small function
 *   skip_return    a callee that, once in 8 calls, returns past the
 *                  instruction after the call (lr + 2)
 *   nested         a callee that calls another one
 *   two_sites      one callee called from two places in the loop
 *   big_callee     a callee of 300 instructions (does not fit a region:
 *                  the region is translated again without it)
 * Expected output: thumb-regionret.expected, from the closed forms in
 * the comments (a few lines of Python); qemu-arm agrees.
 */
#include <stdint.h>
#include <stdio.h>

static uint32_t __attribute__((noinline)) small(uint32_t x) { return x * 3 + 1; }

/* sum of 3i + 1 for i < n */
static uint32_t plain_call(uint32_t n)
{
    uint32_t acc = 0;
    for (uint32_t i = 0; i < n; i++)
        acc += small(i);
    __asm__ volatile("" : "+r"(acc));
    return acc;
}

/* r0 = r0 + 1; when r0 & 7 == 0 (after the add) return to lr + 2: past
   the 2-byte `adds r1, #1` after the call. */
__attribute__((naked, used)) void regionret_skipper(void)
{
    __asm__ volatile(".syntax unified\n\t"
                     "adds r0, r0, #1\n\t"
                     "tst r0, #7\n\t"
                     "bne 1f\n\t"
                     "adds lr, lr, #2\n"
                     "1:\tbx lr\n\t");
}

/* counts: r0 = n calls, r1 = the calls that returned normally: n - n/8 */
static uint32_t skip_return(uint32_t n)
{
    uint32_t a = 0, b = 0, i = n;
    __asm__ volatile(".syntax unified\n\t"
                     "mov r0, %[a]\n\t"
                     "mov r1, %[b]\n"
                     "2:\tbl regionret_skipper\n\t"
                     "adds r1, r1, #1\n\t"
                     "subs %[i], %[i], #1\n\t"
                     "bne 2b\n\t"
                     "mov %[a], r0\n\t"
                     "mov %[b], r1\n\t"
                     : [a] "+r"(a), [b] "+r"(b), [i] "+r"(i)
                     :
                     : "r0", "r1", "r2", "r3", "ip", "lr", "cc", "memory");
    return a * 65536u + b;
}

static uint32_t __attribute__((noinline)) inner(uint32_t x) { return x ^ 0x55; }
static uint32_t __attribute__((noinline)) outer(uint32_t x)
{
    uint32_t y = inner(x + 7);
    __asm__ volatile("" : "+r"(y));
    return y * 2;
}

/* sum of ((i + 7) ^ 0x55) * 2 for i < n */
static uint32_t nested(uint32_t n)
{
    uint32_t acc = 0;
    for (uint32_t i = 0; i < n; i++)
        acc += outer(i);
    __asm__ volatile("" : "+r"(acc));
    return acc;
}

static uint32_t __attribute__((noinline)) twice(uint32_t x) { return x + (x >> 3); }

/* sum over i < n of twice(i) * 5 + twice(i + 1) */
static uint32_t two_sites(uint32_t n)
{
    uint32_t acc = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t a = twice(i);
        __asm__ volatile("" : "+r"(a));
        acc += a * 5 + twice(i + 1);
    }
    __asm__ volatile("" : "+r"(acc));
    return acc;
}

/* 100 times: r0 = r0 * 5 + 3 (mod 2^32), 300 instructions */
__attribute__((naked)) static uint32_t big(uint32_t x)
{
    __asm__ volatile(".syntax unified\n\t"
                     ".rept 100\n\t"
                     "lsls r1, r0, #2\n\t"
                     "adds r0, r0, r1\n\t"
                     "adds r0, r0, #3\n\t"
                     ".endr\n\t"
                     "bx lr\n\t");
}

static uint32_t big_callee(uint32_t n)
{
    uint32_t acc = 0;
    for (uint32_t i = 0; i < n; i++)
        acc ^= big(i) + i;
    __asm__ volatile("" : "+r"(acc));
    return acc;
}

int main(void)
{
    static const uint32_t ns[] = { 1, 7, 3000, 40000 };
    for (unsigned j = 0; j < sizeof ns / sizeof ns[0]; j++) {
        uint32_t n = ns[j];
        printf("plain_call(%u) = %u\n", n, plain_call(n));
        printf("skip_return(%u) = %u\n", n, skip_return(n));
        printf("nested(%u) = %u\n", n, nested(n));
        printf("two_sites(%u) = %u\n", n, two_sites(n));
        printf("big_callee(%u) = %u\n", n, big_callee(n));
    }
    return 0;
}
