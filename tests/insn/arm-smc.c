/*
 * Self-modifying A32 code: run generated code, rewrite it in place, call
 * the ARM cacheflush syscall, run it again (a stale translation would give
 * the old result), and check that an unallocated ARM private syscall
 * (0xf0007) returns -ENOSYS.  Expected output: arm-smc.expected.
 */
#include "arm-common.h"

static long sys6(long nr, long a, long b, long c, long d, long e, long f)
{
    register long r0 __asm__("r0") = a;
    register long r1 __asm__("r1") = b;
    register long r2 __asm__("r2") = c;
    register long r3 __asm__("r3") = d;
    register long r4 __asm__("r4") = e;
    register long r5 __asm__("r5") = f;
    register long r7 __asm__("r7") = nr;
    __asm__ volatile("svc 0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r5), "r"(r7)
                     : "memory");
    return r0;
}

int main(void)
{
    /* mmap2(NULL, 4096, RWX, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) */
    volatile uint32_t *code = (uint32_t *)sys6(192, 0, 4096, 7, 0x22, -1, 0);
    uint32_t (*fn)(void) = (uint32_t (*)(void))code;
    for (uint32_t i = 1; i <= 3; i++) {
        code[0] = 0xe3a00000u | i;  /* mov r0, #i */
        code[1] = 0xe2800010u;      /* add r0, r0, #16 */
        code[2] = 0xe12fff1eu;      /* bx lr */
        long rc = sys6(0xf0002, (long)code, (long)code + 12, 0, 0, 0, 0);
        show("cacheflush", (uint32_t)rc);
        show("result", fn());
    }
    show("unknown private", (uint32_t)sys6(0xf0007, 0, 0, 0, 0, 0, 0) == (uint32_t)-38);
    return 0;
}
