/*
 * What an ARM guest sees of "the machine": /proc/cpuinfo as Linux's
 * arch/arm/kernel/setup.c (c_show) prints it for a Cortex-A15, and the
 * -cpu models.
 */
#include <stdio.h>

#include "target-arm/cpu.h"
#include "target.h"

/* Linux's names of the ARM AT_HWCAP bits, bit 0 first (hwcap_str). */
static const char *const arm_hwcap_names[] = {
    "swp",  "half",  "thumb", "26bit", "fastmult", "fpa",   "vfp",    "edsp",
    "java", "iwmmxt", "crunch", "thumbee", "neon",  "vfpv3", "vfpv3d16", "tls",
    "vfpv4", "idiva", "idivt", "vfpd32", "lpae",  "evtstrm",
};

void arm_cpuinfo(FILE *f, int ncpu)
{
    for (int i = 0; i < ncpu; i++) {
        fprintf(f, "processor\t: %d\nmodel name\t: ARMv7 Processor rev 0 (%s)\n"
                   "BogoMIPS\t: 100.00\nFeatures\t:",
                i, arm_target.platform);
        for (unsigned b = 0; b < sizeof arm_hwcap_names / sizeof arm_hwcap_names[0]; b++)
            if (arm_target.hwcap & (1u << b))
                fprintf(f, " %s", arm_hwcap_names[b]);
        /* Cortex-A15 identification, as -cpu names it. */
        fprintf(f, "\nCPU implementer\t: 0x41\nCPU architecture: 7\nCPU variant\t: 0x2\n"
                   "CPU part\t: 0xc0f\nCPU revision\t: 0\n\n");
    }
    fprintf(f, "Hardware\t: mimic\nRevision\t: 0000\nSerial\t\t: 0000000000000000\n");
}

/* One model is emulated; "any" and "max" (QEMU's names) mean it too. */
const char *const arm_cpu_models[] = {"cortex-a15", "any", "max", NULL};
