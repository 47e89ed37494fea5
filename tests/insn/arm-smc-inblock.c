/*
 * Self-modifying code inside one translation block: a straight run of A32
 * instructions stores a new instruction over one that comes later in the
 * same run (the very next one, or two further on), with no branch or
 * syscall in between, so an emulator that only invalidates translations
 * lets the stale copy of the rest of the block run.  The new instruction
 * must run, as on a CPU whose instruction fetch sees the store (x86 always,
 * and what ARM code may rely on after the store reaches the point of
 * unification; qemu-arm, which keeps precise SMC for x86 only, prints 0x15
 * for the first run of each).
 * Each block runs three times: the rewritten code must stay rewritten and
 * a block that stores the same word again must still work.
 *   0  mov r0, #1
 *   4  ldr r1, [pc, #12]      r1 = the word at 24
 *   8  str r1, [pc, #K]       K = 0: over 16; K = -4: over 12 (the next one)
 *  12  add r0, r0, #4
 *  16  add r0, r0, #16
 *  20  bx lr
 *  24  .word new instruction
 * Expected output (hand-computed): arm-smc-inblock.expected.
 */
#include "arm-common.h"
#include <string.h>
#include <sys/mman.h>

static uint32_t run(uint32_t *code, uint32_t str, uint32_t newinsn)
{
    const uint32_t prog[7] = { 0xe3a00001u, 0xe59f100cu, str, 0xe2800004u,
                               0xe2800010u, 0xe12fff1eu, newinsn };
    memcpy(code, prog, sizeof prog);
    __builtin___clear_cache((char *)code, (char *)(code + 7));
    return ((uint32_t (*)(void))code)();
}

int main(void)
{
    uint32_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uint32_t (*fn)(void) = (uint32_t (*)(void))code;
    /* str r1, [pc] (over 16) with add r0, r0, #32: 1 + 4 + 32 = 37. */
    show("two ahead", run(code, 0xe58f1000u, 0xe2800020u));
    show("two ahead again", fn());
    show("two ahead third", fn());
    /* str r1, [pc, #-4] (over 12) with add r0, r0, #64: 1 + 64 + 16 = 81. */
    show("next", run(code, 0xe50f1004u, 0xe2800040u));
    show("next again", fn());
    show("next third", fn());
    return 0;
}
