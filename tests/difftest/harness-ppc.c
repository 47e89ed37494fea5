/* Runs the generated difftest_run() (gen.py --isa ppc, gen_ppc.py) and
   prints the final state: the GPRs it uses, CR, XER, CTR, f0-f31, the
   FPSCR (but FR, see gen_ppc.py) and the scratch buffer. */
#include <stdio.h>
#include <stdint.h>

void difftest_run(uint32_t *out);
extern uint32_t scratch[64];

#define NGPR 28 /* r0, r3-r12, r14-r30 */

int main(void)
{
    static uint32_t st[NGPR + 4 + 2 * 33] __attribute__((aligned(8)));
    static const int num[NGPR] = { 0, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 19,
                                   20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30 };
    difftest_run(st);
    for (int i = 0; i < NGPR; i++)
        printf("r%-2d %08x%c", num[i], st[i], i % 4 == 3 ? '\n' : ' ');
    printf("cr %08x xer %08x ctr %08x\n", st[NGPR], st[NGPR + 1], st[NGPR + 2]);
    for (int i = 0; i < 32; i++)
        printf("f%-2d %08x%08x%c", i, st[NGPR + 4 + 2 * i], st[NGPR + 5 + 2 * i], i % 4 == 3 ? '\n' : ' ');
    /* FR (0x00040000) left out: qemu-ppc does not maintain it (gen_ppc.py). */
    printf("fpscr %08x\n", st[NGPR + 4 + 2 * 32 + 1] & ~0x00040000u);
    for (int i = 0; i < 64; i++)
        printf("%08x%c", scratch[i], i % 8 == 7 ? '\n' : ' ');
    return 0;
}
