/* Runs the generated difftest_run() (see gen.py) and prints the final
   state: r0-r10, r12, the APSR flags (NZCVQ and GE) and the scratch buffer. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

void difftest_run(uint32_t *out);
extern uint32_t scratch[64];

int main(void)
{
    static uint32_t st[13];
    static const char *names[] = { "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r12" };
    difftest_run(st);
    for (int i = 0; i < 12; i++)
        printf("%-3s %08x\n", names[i], st[i]);
    uint32_t psr = st[12];
    printf("nzcvq %c%c%c%c%c ge %x\n", psr >> 31 & 1 ? 'N' : '-', psr >> 30 & 1 ? 'Z' : '-',
           psr >> 29 & 1 ? 'C' : '-', psr >> 28 & 1 ? 'V' : '-', psr >> 27 & 1 ? 'Q' : '-', psr >> 16 & 0xf);
    for (int i = 0; i < 64; i++)
        printf("%08x%c", scratch[i], i % 8 == 7 ? '\n' : ' ');
    return 0;
}
