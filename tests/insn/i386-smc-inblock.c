/*
 * Self-modifying code inside one translation block, x86 style: a straight
 * run of instructions stores over the immediate of a later instruction of
 * the same run (the very next one, or two further on), with no branch in
 * between.  On x86 the store takes effect for the very next instruction, so
 * the new immediate must be used.  Each block runs three times: the
 * rewritten code must stay rewritten, and a block that stores the same
 * value again must still work.
 *    0  b8 01 00 00 00      mov $1, %eax
 *    5  c7 05 AA AA AA AA   movl $NEW, ADDR     ADDR = the immediate at 17
 *       NN NN NN NN                             (or at 23: two ahead)
 *   15  83 c0 04            add $4, %eax         (next: patched as a whole below)
 *  ...
 * The two variants:
 *   next:      the store rewrites the imm32 of "add $imm32, %eax" right after it
 *   two ahead: it rewrites the imm32 of the "add $imm32, %eax" after an
 *              intervening "add $0x10, %eax"
 * Expected output (hand-computed): i386-smc-inblock.expected.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static uint8_t *code;

/* mov $1, %eax; movl $new, target; [add $0x10, %eax]; add $4 (imm32), %eax; ret */
static uint32_t run(int two_ahead, uint32_t newimm)
{
    uint8_t *p = code;
    *p++ = 0xb8; *p++ = 1; *p++ = 0; *p++ = 0; *p++ = 0;    /* mov $1, %eax */
    uint8_t *store = p;
    p += 10;                                                /* movl $new, abs */
    if (two_ahead) {
        *p++ = 0x05; *p++ = 0x10; *p++ = 0; *p++ = 0; *p++ = 0; /* add $0x10, %eax */
    }
    *p++ = 0x05;                                            /* add $imm32, %eax */
    uint8_t *imm = p;
    *p++ = 4; *p++ = 0; *p++ = 0; *p++ = 0;
    *p++ = 0xc3;                                            /* ret */
    uint32_t addr = (uint32_t)(uintptr_t)imm;
    store[0] = 0xc7;
    store[1] = 0x05;
    memcpy(store + 2, &addr, 4);
    memcpy(store + 6, &newimm, 4);
    __builtin___clear_cache((char *)code, (char *)p);
    return ((uint32_t(*)(void))(void *)code)();
}

int main(void)
{
    code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED)
        return 1;
    static const char *const names[2] = { "next", "two ahead" };
    for (int round = 0; round < 2; round++) {
        for (int v = 0; v < 2; v++) {
            printf("%s: %#x\n", names[v], run(v, 0x40));
            /* Run the rewritten code again without regenerating it. */
            printf("%s again: %#x\n", names[v], ((uint32_t(*)(void))(void *)code)());
            printf("%s third: %#x\n", names[v], run(v, 0x40));
        }
        if (round == 1)
            break;
        /* Data next to code: a variable on the page written between calls
           of a function there, often enough that mimic stops protecting the
           page and checks its code instead (core/page.c).  The in-block
           rewrites above must work the same way on such a page. */
        uint8_t *fn = code + 1024;
        volatile uint32_t *data = (volatile uint32_t *)(void *)(code + 2048);
        fn[0] = 0xb8; fn[1] = 7; fn[2] = 0; fn[3] = 0; fn[4] = 0; fn[5] = 0xc3; /* mov $7, %eax; ret */
        uint32_t sum = 0;
        for (int i = 0; i < 200; i++) {
            *data = (uint32_t)i;
            sum += ((uint32_t(*)(void))(void *)fn)();
        }
        printf("data next to code: %u\n", sum);
    }
    return 0;
}
