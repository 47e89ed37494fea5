/* Runs until a debugger sets stop (tests/gdb.sh: Ctrl-C, then set var). */
#include <stdio.h>

volatile int stop;
volatile unsigned long spins;

int main(void)
{
    while (!stop)
        spins++; /* L:spin */
    printf("stopped after spinning\n");
    return 7;
}
