/*
 * PowerPC (32-bit, big-endian, user mode) guest CPU state.
 *
 * The condition register is kept per 4-bit field, lazily (translate.c has
 * the full story): a compare or a `.` form stores one 64-bit word crw[i]
 * from which LT, GT and EQ are read with one or two IR ops, and the field's
 * SO bit as a 0/1 word crso[i].  XER's SO, OV and CA are 0/1 words of their
 * own; the rest of XER (the string byte count) lives in xer_rest.
 */
#ifndef MIMIC_PPC_CPU_H
#define MIMIC_PPC_CPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "cpu-common.h"

typedef struct CPUPPCState {
    CPUCommon common;
    uint32_t gpr[32];
    uint32_t nip;      /* address of the next instruction to run */
    uint32_t lr, ctr;
    uint32_t xer_so, xer_ov, xer_ca; /* 0 or 1 each */
    uint32_t xer_rest; /* XER without SO/OV/CA (bits 0-6: string byte count) */
    uint32_t crso[8];  /* SO bit of each CR field, 0/1 */
    uint32_t fpscr;
    uint32_t fpscr_drn;  /* FPSCR DRN (upper word bits 2:0; mffscdrn sets it) */
    uint32_t fpexc_mode; /* PR_SET_FPEXC mode (PR_FP_EXC_*): 0 = disabled */
    uint32_t reserve_addr; /* lwarx reservation: address, ~0 = none */
    uint32_t reserve_val;
    uint32_t fe_on;      /* 1 when fpexc_mode enables FP exceptions (TB key) */
    /* CR field words: see ppc_crf_get/ppc_crf_word. */
    uint64_t crw[8] __attribute__((aligned(8)));
    uint64_t fpr[32];
} CPUPPCState;

#define PPC_OFF(field) ((int)offsetof(CPUPPCState, field))

/* TB key flags: FP exceptions enabled (prctl PR_SET_FPEXC), so FP helpers
   get the precise pc and may raise SIGFPE. */
#define PPC_TBFLAG_FE 1u
/* XER[SO] is set: without it the TB may take SO as 0 (a compare's CR SO
   bit is the constant 0, no load of SO).  An instruction that may change
   SO ends its TB. */
#define PPC_TBFLAG_SO 2u

/* Target exceptions. */
enum {
    EXCP_PPC_FPE = 0x100, /* SIGFPE at nip, si_code in exception_arg */
};

/*
 * A CR field word w (64-bit) encodes LT, GT and EQ as
 *   LT = w < 0 (signed), GT = (int64_t)(w << 1) > 0, EQ = (uint32_t)w == 0.
 * A compare of a and b stores w = ext(a) - ext(b) (sign- or zero-extended
 * to 64 bits), a `.` form w = sext(result); any other combination of bits
 * is the explicit form LT << 63 | !GT << 62 | 1 << 32 | !EQ.
 */
static inline uint64_t ppc_crw_explicit(unsigned lt_gt_eq)
{
    return (uint64_t)((lt_gt_eq >> 2) & 1) << 63 | (uint64_t)(((lt_gt_eq >> 1) & 1) ^ 1) << 62 |
           1ull << 32 | (uint64_t)((lt_gt_eq & 1) ^ 1);
}

/* Field i as the architecture's 4 bits (LT GT EQ SO = 8 4 2 1). */
static inline uint32_t ppc_crf_get(const CPUPPCState *env, int i)
{
    uint64_t w = env->crw[i];
    uint32_t lt = (int64_t)w < 0, gt = (int64_t)(w << 1) > 0, eq = (uint32_t)w == 0;
    return lt << 3 | gt << 2 | eq << 1 | (env->crso[i] & 1);
}

static inline void ppc_crf_set(CPUPPCState *env, int i, uint32_t v)
{
    env->crw[i] = ppc_crw_explicit((v >> 1) & 7);
    env->crso[i] = v & 1;
}

/* The XER bits besides SO/OV/CA that mtxer keeps (as qemu-ppc does): all
   but the ISA 3.0 OV32/CA32 (bits 19 and 18), which 32-bit CPUs lack. */
#define PPC_XER_REST_MASK 0x1ff3ffffu

uint32_t ppc_get_cr(const CPUPPCState *env);
void ppc_set_cr(CPUPPCState *env, uint32_t cr);
uint32_t ppc_get_xer(const CPUPPCState *env);
void ppc_set_xer(CPUPPCState *env, uint32_t xer);

/* FPSCR bits (LSB 0 numbering; the ISA numbers them from the MSB). */
enum {
    FPSCR_FX = 1u << 31, FPSCR_FEX = 1u << 30, FPSCR_VX = 1u << 29, FPSCR_OX = 1u << 28,
    FPSCR_UX = 1u << 27, FPSCR_ZX = 1u << 26, FPSCR_XX = 1u << 25,
    FPSCR_VXSNAN = 1u << 24, FPSCR_VXISI = 1u << 23, FPSCR_VXIDI = 1u << 22,
    FPSCR_VXZDZ = 1u << 21, FPSCR_VXIMZ = 1u << 20, FPSCR_VXVC = 1u << 19,
    FPSCR_FR = 1u << 18, FPSCR_FI = 1u << 17,
    FPSCR_FPRF_SHIFT = 12, FPSCR_FPRF = 0x1fu << 12, FPSCR_FPCC = 0xfu << 12,
    FPSCR_VXSOFT = 1u << 10, FPSCR_VXSQRT = 1u << 9, FPSCR_VXCVI = 1u << 8,
    FPSCR_VE = 1u << 7, FPSCR_OE = 1u << 6, FPSCR_UE = 1u << 5, FPSCR_ZE = 1u << 4,
    FPSCR_XE = 1u << 3, FPSCR_NI = 1u << 2, FPSCR_RN = 3u,
};
#define FPSCR_VX_ALL (FPSCR_VXSNAN | FPSCR_VXISI | FPSCR_VXIDI | FPSCR_VXZDZ | FPSCR_VXIMZ | \
                      FPSCR_VXVC | FPSCR_VXSOFT | FPSCR_VXSQRT | FPSCR_VXCVI)
/* Recompute the summary bits VX and FEX from the rest. */
uint32_t ppc_fpscr_summary(uint32_t fpscr);

/* HWCAP bits (Linux arch/powerpc/include/uapi/asm/cputable.h). */
#define PPC_FEATURE_32 0x80000000u
#define PPC_FEATURE_HAS_FPU 0x08000000u
#define PPC_FEATURE_HAS_MMU 0x04000000u
#define PPC_FEATURE_TRUE_LE 0x00000002u /* not set */
/* The processor version (mfpvr, /proc/cpuinfo): a 7450 (G4) rev 2.1. */
#define PPC_PVR 0x80000201u
/* The cache line mimic advertises (AT_DCACHEBSIZE...; dcbz zeroes it). */
#define PPC_CACHE_LINE 32

/* Signals (signal.c), TargetOps hooks. */
struct GuestSiginfo;
struct GuestSigaction;
bool ppc_setup_frame(CPUCommon *env, int sig, const struct GuestSiginfo *info,
                     const struct GuestSigaction *ka, uint64_t blocked);
bool ppc_sigreturn(CPUCommon *env, bool rt);
long ppc_swapcontext(CPUCommon *env, uint32_t old_ctx, uint32_t new_ctx, uint32_t ctx_size);
void ppc_syscall_restart(CPUCommon *env, uint32_t nr, const uint32_t args[6]);
uint32_t ppc_get_sp(CPUCommon *env);
void ppc_fill_trampoline(uint8_t *page, uint32_t addr);

/* What the guest sees of the machine (cpuinfo.c). */
void ppc_cpuinfo(FILE *f, int ncpu);
/* The gdbstub's view (gdb.c). */
extern const char ppc_gdb_xml[];
int ppc_gdb_read_reg(CPUCommon *env, int n, uint8_t *buf);
int ppc_gdb_write_reg(CPUCommon *env, int n, const uint8_t *buf);
/* Core dump notes (gdb.c). */
size_t ppc_core_regs(CPUCommon *env, uint8_t *regs);
size_t ppc_core_fpregs(CPUCommon *env, uint8_t *desc, uint32_t *type, const char **name);
extern const char *const ppc_cpu_models[];
/* The time base (mftb): 512 MHz, from the host's monotonic clock. */
#define PPC_TB_FREQ 512000000u
uint64_t ppc_timebase(void);

struct TargetOps;
extern const struct TargetOps ppc_target;

#endif
