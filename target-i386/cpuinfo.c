/*
 * What an i386 guest sees of "the machine": CPUID, /proc/cpuinfo and the
 * -cpu models.  CPUID advertises exactly what the translator implements
 * for the selected model (the translator refuses the instructions of
 * extensions the model lacks with #UD): the integer instruction set with
 * CMOV, CMPXCHG8B and POPCNT, TSC, the x87 FPU with FXSAVE, and per model
 * MMX, SSE, SSE2, SSE3, SSSE3.  The default is the richest model, so
 * glibc picks its SSE2/SSSE3 string functions.  AT_HWCAP is CPUID.1:EDX.
 */
#include <stdio.h>
#include <string.h>

#include "linux-user/user.h"
#include "target-i386/cpu.h"
#include "target.h"

typedef struct X86Model {
    const char *name;
    uint32_t edx, ecx, features;
    uint8_t family, model, stepping;
    const char *brand;
} X86Model;

#define BASE_EDX X86_CPUID_EDX1
static const X86Model models[] = {
    { "pentiumpro", BASE_EDX, X86_ECX_POPCNT, 0, 6, 1, 9, "mimic i686 (integer, x87)" },
    { "pentium2", BASE_EDX | X86_EDX_MMX, X86_ECX_POPCNT, X86_FEAT_MMX, 6, 5, 2,
      "mimic i686 (MMX)" },
    { "pentium3", BASE_EDX | X86_EDX_MMX | X86_EDX_SSE, X86_ECX_POPCNT,
      X86_FEAT_MMX | X86_FEAT_SSE, 6, 7, 3, "mimic i686 (MMX, SSE)" },
    { "pentium4", BASE_EDX | X86_EDX_MMX | X86_EDX_SSE | X86_EDX_SSE2, X86_ECX_POPCNT,
      X86_FEAT_MMX | X86_FEAT_SSE | X86_FEAT_SSE2, 15, 2, 9, "mimic i686 (MMX, SSE, SSE2)" },
    { "prescott", BASE_EDX | X86_EDX_MMX | X86_EDX_SSE | X86_EDX_SSE2,
      X86_ECX_POPCNT | X86_ECX_SSE3, X86_FEAT_MMX | X86_FEAT_SSE | X86_FEAT_SSE2 | X86_FEAT_SSE3,
      15, 3, 3, "mimic i686 (MMX, SSE to SSE3)" },
    { "core2duo", BASE_EDX | X86_EDX_MMX | X86_EDX_SSE | X86_EDX_SSE2,
      X86_ECX_POPCNT | X86_ECX_SSE3 | X86_ECX_SSSE3,
      X86_FEAT_MMX | X86_FEAT_SSE | X86_FEAT_SSE2 | X86_FEAT_SSE3 | X86_FEAT_SSSE3, 6, 15, 11,
      "mimic i686 (MMX, SSE to SSSE3)" },
};
#define NMODELS (sizeof models / sizeof models[0])

/* -cpu names: the models, then aliases ("i686" is the Pentium Pro, "any"
   and "max" the richest). */
const char *const x86_cpu_models[] = {"pentiumpro", "pentium2", "pentium3", "pentium4", "prescott",
                                      "core2duo", "i686", "any", "max", NULL};

static const X86Model *model = &models[NMODELS - 1];
uint32_t x86_cpuid_edx1, x86_cpuid_ecx1, x86_features;
static bool model_chosen;

void x86_select_model(const char *name)
{
    model = &models[NMODELS - 1];
    if (name && !strcmp(name, "i686"))
        model = &models[0];
    for (size_t i = 0; name && i < NMODELS; i++)
        if (!strcmp(name, models[i].name))
            model = &models[i];
    x86_cpuid_edx1 = model->edx;
    x86_cpuid_ecx1 = model->ecx;
    x86_features = model->features;
    model_chosen = true;
}

/* The model of -cpu (opt.cpu_model), chosen on first use. */
static void need_model(void)
{
    if (!model_chosen)
        x86_select_model(opt.cpu_model);
}

uint32_t x86_hwcap(void)
{
    need_model();
    return x86_cpuid_edx1;
}

static const char vendor[12] = "GenuineIntel";

void x86_cpuid(uint32_t leaf, uint32_t sub, uint32_t out[4])
{
    need_model();
    memset(out, 0, 4 * sizeof out[0]);
    switch (leaf) {
    case 0:
        out[0] = 1;
        memcpy(&out[1], vendor, 4);     /* ebx */
        memcpy(&out[3], vendor + 4, 4); /* edx */
        memcpy(&out[2], vendor + 8, 4); /* ecx */
        break;
    case 1:
        out[0] = (uint32_t)model->family << 8 | (uint32_t)model->model << 4 | model->stepping;
        out[1] = 8u << 8; /* clflush line size 64 */
        out[2] = x86_cpuid_ecx1;
        out[3] = x86_cpuid_edx1;
        break;
    case 0x80000000:
        out[0] = 0x80000004;
        break;
    case 0x80000002: case 0x80000003: case 0x80000004:
    {
        char brand[48] = { 0 };
        strncpy(brand, model->brand, sizeof brand - 1);
        memcpy(out, brand + 16 * (leaf - 0x80000002), 16);
        break;
    }
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
    need_model();
    for (int i = 0; i < ncpu; i++) {
        fprintf(f, "processor\t: %d\nvendor_id\t: %.12s\ncpu family\t: %d\nmodel\t\t: %d\n"
                   "model name\t: %s\nstepping\t: %d\ncpu MHz\t\t: 1000.000\n"
                   "fdiv_bug\t: no\nf00f_bug\t: no\ncoma_bug\t: no\nfpu\t\t: yes\n"
                   "fpu_exception\t: yes\ncpuid level\t: 1\nwp\t\t: yes\nflags\t\t:",
                i, vendor, model->family, model->model, model->brand, model->stepping);
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

