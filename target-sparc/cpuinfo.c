/*
 * What a SPARC guest sees of "the machine": /proc/cpuinfo as a sparc64
 * Linux kernel prints it (arch/sparc/kernel/cpu.c show_cpuinfo and the
 * SMP lines), for an UltraSPARC III, and the -cpu models.
 */
#include <stdio.h>

#include "target-sparc/cpu.h"
#include "target.h"

void sparc_cpuinfo(FILE *f, int ncpu)
{
    fprintf(f, "cpu\t\t: TI UltraSparc III (Cheetah)\n"
               "fpu\t\t: UltraSparc III integrated FPU\n"
               "pmu\t\t: ultra3\n"
               "prom\t\t: OBP 3.10.24 1999/01/01 01:01\n"
               "type\t\t: sun4u\n"
               "ncpus probed\t: %d\n"
               "ncpus active\t: %d\n"
               "D$ parity tl1\t: 0\n"
               "I$ parity tl1\t: 0\n",
            ncpu, ncpu);
    for (int i = 0; i < ncpu; i++)
        fprintf(f, "Cpu%dClkTck\t: 000000001dcd6500\n", i);
    fprintf(f, "MMU Type\t: Cheetah\n");
}

/* One model is emulated; "any" and "max" mean it too. */
const char *const sparc_cpu_models[] = {"ultrasparc-iii", "any", "max", NULL};
