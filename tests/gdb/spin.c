/* Runs until a debugger sets stop (tests/gdb.sh: Ctrl-C, then set var). */
#include <stdio.h>

volatile int stop;
volatile unsigned long spins;

int main(void)
{
    printf("spinning\n"); /* tests/gdb.sh waits for this before its Ctrl-C */
    fflush(stdout);
    while (!stop)
        spins++; /* L:spin */
    printf("stopped after spinning\n");
    return 7;
}
