/*
 * What an i386 guest sees of "the machine": CPUID, /proc/cpuinfo and the
 * -cpu models.  CPUID advertises exactly what the translator implements:
 * the integer instruction set with CMOV, CMPXCHG8B and POPCNT, TSC and the
 * x87 FPU with FXSAVE; no MMX and no SSE yet, so glibc picks its generic
 * i386/i686 string functions.  AT_HWCAP is CPUID.1:EDX (cpu.c).
 */
#include <stdio.h>
#include <string.h>

#include "target-i386/cpu.h"
#include "target.h"

static const uint32_t x86_cpuid_edx1 = X86_CPUID_EDX1, x86_cpuid_ecx1 = X86_CPUID_ECX1;

/* Family 6, model 1, stepping 9 (a Pentium Pro's signature). */
#define X86_FAMILY 6
#define X86_MODEL 1
#define X86_STEPPING 9
static const char vendor[12] = "GenuineIntel";
static const char brand[48] = "mimic i686 (integer, x87)";

void x86_cpuid(uint32_t leaf, uint32_t sub, uint32_t out[4])
{
    memset(out, 0, 4 * sizeof out[0]);
    switch (leaf) {
    case 0:
        out[0] = 1;
        memcpy(&out[1], vendor, 4);     /* ebx */
        memcpy(&out[3], vendor + 4, 4); /* edx */
        memcpy(&out[2], vendor + 8, 4); /* ecx */
        break;
    case 1:
        out[0] = X86_FAMILY << 8 | X86_MODEL << 4 | X86_STEPPING;
        out[1] = 8u << 8; /* clflush line size 64 */
        out[2] = x86_cpuid_ecx1;
        out[3] = x86_cpuid_edx1;
        break;
    case 0x80000000:
        out[0] = 0x80000004;
        break;
    case 0x80000002: case 0x80000003: case 0x80000004:
        memcpy(out, brand + 16 * (leaf - 0x80000002), 16);
        break;
    default:
        /* Leaves above the maximum answer as the highest basic leaf does
           on Intel CPUs; below it, zeros. */
        if (leaf < 0x80000000u && leaf > 1)
            x86_cpuid(1, sub, out);
        break;
    }
}

/* Linux's names of the CPUID.1 EDX and ECX bits (x86 cpufeatures). */
static const char *const edx_names[32] = {
    "fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic", NULL, "sep",
    "mtrr", "pge", "mca", "cmov", "pat", "pse36", "pn", "clflush", NULL, "dts", "acpi", "mmx",
    "fxsr", "sse", "sse2", "ss", "ht", "tm", "ia64", "pbe",
};
static const char *const ecx_names[32] = {
    "pni", "pclmulqdq", "dtes64", "monitor", "ds_cpl", "vmx", "smx", "est", "tm2", "ssse3",
    "cid", "sdbg", "fma", "cx16", "xtpr", "pdcm", NULL, "pcid", "dca", "sse4_1", "sse4_2",
    "x2apic", "movbe", "popcnt",
};

void x86_cpuinfo(FILE *f, int ncpu)
{
    for (int i = 0; i < ncpu; i++) {
        fprintf(f, "processor\t: %d\nvendor_id\t: %.12s\ncpu family\t: %d\nmodel\t\t: %d\n"
                   "model name\t: %s\nstepping\t: %d\ncpu MHz\t\t: 1000.000\n"
                   "fdiv_bug\t: no\nf00f_bug\t: no\ncoma_bug\t: no\nfpu\t\t: yes\n"
                   "fpu_exception\t: yes\ncpuid level\t: 1\nwp\t\t: yes\nflags\t\t:",
                i, vendor, X86_FAMILY, X86_MODEL, brand, X86_STEPPING);
        for (int b = 0; b < 32; b++)
            if ((x86_cpuid_edx1 & (1u << b)) && edx_names[b])
                fprintf(f, " %s", edx_names[b]);
        for (int b = 0; b < 32; b++)
            if ((x86_cpuid_ecx1 & (1u << b)) && ecx_names[b])
                fprintf(f, " %s", ecx_names[b]);
        fprintf(f, "\nbogomips\t: 2000.00\nclflush size\t: 64\ncache_alignment\t: 64\n"
                   "address sizes\t: 32 bits physical, 32 bits virtual\npower management:\n\n");
    }
}

/* One model is emulated: a Pentium Pro class i686 with x87 (QEMU's
   "pentiumpro"); "any" and "max" mean it too. */
const char *const x86_cpu_models[] = {"pentiumpro", "i686", "any", "max", NULL};
