/* Runs the generated difftest_run() (gen.py --isa i386, gen_i386.py) and
   prints the final state: the six registers, the flags that are defined
   (and their mask) and the scratch buffer. */
#include <stdio.h>
#include <stdint.h>

void difftest_run(uint32_t *out);
extern uint32_t scratch[64];

int main(void)
{
    static uint32_t st[8];
    static const char *names[] = { "eax", "ebx", "ecx", "edx", "esi", "edi" };
    difftest_run(st);
    for (int i = 0; i < 6; i++)
        printf("%s %08x\n", names[i], st[i]);
    printf("eflags %04x mask %04x\n", st[6], st[7]);
    for (int i = 0; i < 64; i++)
        printf("%08x%c", scratch[i], i % 8 == 7 ? '\n' : ' ');
    return 0;
}
