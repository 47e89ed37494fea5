/*
 * What a PowerPC guest sees of "the machine": /proc/cpuinfo as Linux's
 * arch/powerpc/kernel/setup-common.c (show_cpuinfo) prints it for a
 * 32-bit 7450 (G4) without AltiVec, and the -cpu models.
 */
#include <stdio.h>

#include "target-ppc/cpu.h"
#include "target.h"

void ppc_cpuinfo(FILE *f, int ncpu)
{
    for (int i = 0; i < ncpu; i++) {
        fprintf(f, "processor\t: %d\ncpu\t\t: 7450\nclock\t\t: 1000.000000MHz\n"
                   "revision\t: 2.1 (pvr 8000 0201)\nbogomips\t: 100.00\n\n",
                i);
    }
    fprintf(f, "timebase\t: %u\nplatform\t: mimic\nmodel\t\t: mimic\n", PPC_TB_FREQ);
}

/* One model is emulated; "any" and "max" (QEMU's names) mean it too. */
const char *const ppc_cpu_models[] = {"7450", "g4", "any", "max", NULL};
