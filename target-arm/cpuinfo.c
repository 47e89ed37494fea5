/*
 * What an ARM guest sees of "the machine": the -cpu models, AT_HWCAP and
 * AT_HWCAP2, the VFP identification registers and /proc/cpuinfo as Linux's
 * arch/arm/kernel/setup.c (c_show) prints it.
 *
 * A model is a set of ARM_FEAT_* bits (cpu.h).  The translator refuses the
 * instructions of a feature the model lacks (SIGILL), and HWCAP/HWCAP2,
 * MVFR1 and the "Features" line are derived from the same bits, so they
 * always agree with what runs.  The default is "max": every feature mimic
 * implements (qemu-arm's default is its richest model too).
 */
#include <stdio.h>
#include <string.h>

#include "linux-user/user.h"
#include "target-arm/cpu.h"
#include "target.h"

typedef struct ARMModel {
    const char *name;
    uint32_t features; /* ARM_FEAT_* */
    uint32_t midr;     /* implementer, variant, architecture, part, revision */
    uint32_t fpsid;
} ARMModel;

/* What every model has: ARMv7-A with Thumb-2, VFPv3-D32 and Advanced SIMD. */
#define V7_BASE ARM_FEAT_NEON
/* What mimic implements of ARMv8 AArch32 (grows as it is implemented). */
#define V8_IMPL                                                                                    \
    (ARM_FEAT_V8 | ARM_FEAT_CRC | ARM_FEAT_SB | ARM_FEAT_AES | ARM_FEAT_PMULL | ARM_FEAT_SHA1 | ARM_FEAT_SHA2 |  \
     ARM_FEAT_FP16ARITH)

/* MIDR and FPSID values as the real cores (and qemu's models) report them. */
static const ARMModel models[] = {
    { "cortex-a7", V7_BASE | ARM_FEAT_VFP4 | ARM_FEAT_FP16 | ARM_FEAT_IDIV, 0x410fc075, 0x41023075 },
    { "cortex-a8", V7_BASE, 0x410fc080, 0x410330c0 },
    { "cortex-a9", V7_BASE | ARM_FEAT_FP16, 0x410fc090, 0x41033090 },
    { "cortex-a15", V7_BASE | ARM_FEAT_VFP4 | ARM_FEAT_FP16 | ARM_FEAT_IDIV, 0x412fc0f1, 0x410430f0 },
    /* Cortex-A57's identity (an ARMv8 core under a 32-bit kernel, which
       calls it an ARMv7 processor), with everything implemented. */
    { "max", V7_BASE | ARM_FEAT_VFP4 | ARM_FEAT_FP16 | ARM_FEAT_IDIV | V8_IMPL, 0x411fd070, 0x41034070 },
};
#define NMODELS (sizeof models / sizeof models[0])

/* -cpu names: the default first, then the models, then aliases ("any" is
   max, as in qemu). */
const char *const arm_cpu_models[] = {"max", "cortex-a7", "cortex-a8", "cortex-a9", "cortex-a15", "any",
                                      NULL};

static const ARMModel *model = &models[NMODELS - 1];
uint32_t arm_features = models[NMODELS - 1].features;
static bool model_chosen;

void arm_select_model(const char *name)
{
    model = &models[NMODELS - 1];
    for (size_t i = 0; name && i < NMODELS; i++)
        if (!strcmp(name, models[i].name))
            model = &models[i];
    arm_features = model->features;
    model_chosen = true;
}

/* The model of -cpu (opt.cpu_model), chosen on first use. */
void arm_need_model(void)
{
    if (!model_chosen)
        arm_select_model(opt.cpu_model);
}

uint32_t arm_hwcap(void)
{
    arm_need_model();
    uint32_t h = ARM_HWCAP_SWP | ARM_HWCAP_HALF | ARM_HWCAP_THUMB | ARM_HWCAP_FAST_MULT | ARM_HWCAP_VFP |
                 ARM_HWCAP_EDSP | ARM_HWCAP_VFPv3 | ARM_HWCAP_TLS | ARM_HWCAP_VFPD32;
    if (arm_features & ARM_FEAT_NEON)
        h |= ARM_HWCAP_NEON;
    if (arm_features & ARM_FEAT_VFP4)
        h |= ARM_HWCAP_VFPv4;
    if (arm_features & ARM_FEAT_IDIV)
        h |= ARM_HWCAP_IDIVA | ARM_HWCAP_IDIVT;
    /* Linux (vfpmodule.c) reports fphp when MVFR1.FPHP says arithmetic */
    if (arm_features & ARM_FEAT_FP16ARITH)
        h |= ARM_HWCAP_FPHP;
    return h;
}

uint32_t arm_hwcap2(void)
{
    arm_need_model();
    uint32_t h = 0;
    if (arm_features & ARM_FEAT_AES)
        h |= ARM_HWCAP2_AES;
    if (arm_features & ARM_FEAT_PMULL)
        h |= ARM_HWCAP2_PMULL;
    if (arm_features & ARM_FEAT_SHA1)
        h |= ARM_HWCAP2_SHA1;
    if (arm_features & ARM_FEAT_SHA2)
        h |= ARM_HWCAP2_SHA2;
    if (arm_features & ARM_FEAT_CRC)
        h |= ARM_HWCAP2_CRC32;
    if (arm_features & ARM_FEAT_SB)
        h |= ARM_HWCAP2_SB;
    return h;
}

uint32_t arm_fpsid(void)
{
    arm_need_model();
    return model->fpsid;
}

/* MVFR1: bits 3:0 FZ, 7:4 DN, 11:8 SIMD load/store, 15:12 SIMD integer,
   19:16 SIMD single precision, 23:20 SIMD half precision, 27:24 VFP half
   precision, 31:28 fused multiply-accumulate. */
uint32_t arm_mvfr1(void)
{
    arm_need_model();
    uint32_t v = 0x11;
    if (arm_features & ARM_FEAT_NEON)
        v |= 0x111u << 8 | (arm_features & ARM_FEAT_FP16 ? 1u << 20 : 0);
    /* FPHP: 1 conversions with singles, 2 also doubles (ARMv8), 3 arithmetic */
    if (arm_features & ARM_FEAT_FP16)
        v |= (arm_features & ARM_FEAT_FP16ARITH ? 3u : arm_features & ARM_FEAT_V8 ? 2u : 1u) << 24;
    if (arm_features & ARM_FEAT_VFP4)
        v |= 1u << 28;
    return v;
}

/* Linux's names of the ARM AT_HWCAP bits, bit 0 first (hwcap_str), and of
   the AT_HWCAP2 bits (hwcap2_str). */
static const char *const arm_hwcap_names[] = {
    "swp",  "half",  "thumb", "26bit", "fastmult", "fpa",   "vfp",    "edsp",
    "java", "iwmmxt", "crunch", "thumbee", "neon",  "vfpv3", "vfpv3d16", "tls",
    "vfpv4", "idiva", "idivt", "vfpd32", "lpae",  "evtstrm", "fphp", "asimdhp",
};
static const char *const arm_hwcap2_names[] = {"aes", "pmull", "sha1", "sha2", "crc32", "sb", "ssbs"};

void arm_cpuinfo(FILE *f, int ncpu)
{
    uint32_t hw = arm_hwcap(), hw2 = arm_hwcap2(), midr = model->midr;
    for (int i = 0; i < ncpu; i++) {
        fprintf(f, "processor\t: %d\nmodel name\t: ARMv7 Processor rev %u (%s)\n"
                   "BogoMIPS\t: 100.00\nFeatures\t:",
                i, midr & 0xf, arm_target.platform);
        for (unsigned b = 0; b < sizeof arm_hwcap_names / sizeof arm_hwcap_names[0]; b++)
            if (hw & (1u << b))
                fprintf(f, " %s", arm_hwcap_names[b]);
        for (unsigned b = 0; b < sizeof arm_hwcap2_names / sizeof arm_hwcap2_names[0]; b++)
            if (hw2 & (1u << b))
                fprintf(f, " %s", arm_hwcap2_names[b]);
        fprintf(f, "\nCPU implementer\t: 0x%02x\nCPU architecture: %d\nCPU variant\t: 0x%x\n"
                   "CPU part\t: 0x%03x\nCPU revision\t: %u\n\n",
                midr >> 24, 7, (midr >> 20) & 0xf, (midr >> 4) & 0xfff, midr & 0xf);
    }
    fprintf(f, "Hardware\t: mimic\nRevision\t: 0000\nSerial\t\t: 0000000000000000\n");
}
