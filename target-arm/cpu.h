/*
 * ARM (ARMv7-A, user mode) guest CPU state.
 */
#ifndef MIMIC_ARM_CPU_H
#define MIMIC_ARM_CPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "cpu-common.h"

/* Flags are kept split so each is one cheap IR op to produce:
     N = NF bit 31; Z = (ZF == 0); C = CF (0 or 1); V = VF bit 31.
   Q is sticky (0/1); GE holds the four GE bits in bits 0..3. */
typedef struct CPUARMState {
    CPUCommon common;
    uint32_t regs[16];  /* r15: address of the next instruction to run */
    uint32_t NF, ZF, CF, VF;
    uint32_t QF;
    uint32_t GE;
    uint32_t thumb;     /* 1 in Thumb state */
    uint32_t condexec;  /* IT state, ITSTATE[7:0] as in CPSR IT bits */
    uint32_t tpidruro;  /* TLS (mrc p15, 0, rX, c13, c0, 3) */
    uint32_t exclusive_addr; /* ldrex monitor: address, or ~0 when clear */
    uint32_t exclusive_val;  /* value seen by ldrex (low word for ldrexd) */
    uint32_t exclusive_high; /* high word for ldrexd */
    uint32_t fpscr;          /* FPSCR including NZCV, mode and sticky flags */
    uint32_t fpexc;
    uint32_t pad;
    uint64_t vfp[32] __attribute__((aligned(8))); /* d0..d31; s2n = low half of dn */
    uint32_t tpidrurw;       /* user read/write TLS (mrc/mcr p15, 0, rX, c13, c0, 2) */
    /* 1 when FPSCR has round to nearest, no FZ, no DN and IXC set (the inline
       VFP fast path's guard); vfp-helper.c keeps it in step with fpscr. */
    uint32_t vfp_fast;
    /* Not guest state: the NEON fast path's (translate-neon-vec.c) scratch
       Q slots and constant masks (set by arm_cpu_reset). */
    uint8_t neon_tmp[2][16] __attribute__((aligned(16)));
    uint8_t neon_const[11][16];
} CPUARMState;

/* neon_const rows */
enum {
    NEON_C_ONES,      /* all bits set */
    NEON_C_ZERO,
    NEON_C_BIAS8,     /* the sign bit of each lane, by lane size */
    NEON_C_BIAS16,
    NEON_C_BIAS32,
    NEON_C_NARROW16,  /* pshufb: the low half of each lane into the low 8 bytes */
    NEON_C_NARROW32,
    NEON_C_NARROW64,
    NEON_C_REV64,     /* pshufb: vrev64.8, and the byte-reversal within 32- and 16-bit groups */
    NEON_C_REV32,
    NEON_C_REV16,
};
void arm_neon_consts(CPUARMState *env);

#define ARM_OFF(field) ((int)offsetof(CPUARMState, field))

/* TB key flags. */
#define ARM_TBFLAG_THUMB 1u
#define ARM_TBFLAG_CONDEXEC_SHIFT 8  /* bits 8..15: IT state */

/* Target exceptions. */
enum {
    EXCP_ARM_KUSER = 0x100, /* reserved */
};

/* HWCAP bits (Linux arch/arm/include/uapi/asm/hwcap.h). */
#define ARM_HWCAP_SWP (1 << 0)
#define ARM_HWCAP_HALF (1 << 1)
#define ARM_HWCAP_THUMB (1 << 2)
#define ARM_HWCAP_FAST_MULT (1 << 4)
#define ARM_HWCAP_VFP (1 << 6)
#define ARM_HWCAP_EDSP (1 << 7)
#define ARM_HWCAP_NEON (1 << 12)
#define ARM_HWCAP_VFPv3 (1 << 13)
#define ARM_HWCAP_TLS (1 << 15)
#define ARM_HWCAP_VFPv4 (1 << 16)
#define ARM_HWCAP_IDIVA (1 << 17)
#define ARM_HWCAP_IDIVT (1 << 18)
#define ARM_HWCAP_VFPD32 (1 << 19)
#define ARM_HWCAP_LPAE (1 << 20)
#define ARM_HWCAP_FPHP (1 << 22)  /* ARMv8.2 half-precision VFP arithmetic */
#define ARM_HWCAP2_AES (1 << 0)
#define ARM_HWCAP2_PMULL (1 << 1)
#define ARM_HWCAP2_SHA1 (1 << 2)
#define ARM_HWCAP2_SHA2 (1 << 3)
#define ARM_HWCAP2_CRC32 (1 << 4)
#define ARM_HWCAP2_SB (1 << 5)

/* The optional parts of the instruction set a -cpu model has (cpuinfo.c).
   The translator refuses (SIGILL) what the model lacks; the base (ARMv7-A,
   Thumb-2, VFPv3-D32) is always there. */
enum {
    ARM_FEAT_IDIV = 1 << 0,  /* sdiv/udiv in A32 and T32 */
    ARM_FEAT_VFP4 = 1 << 1,  /* fused multiply-accumulate (VFP and NEON) */
    ARM_FEAT_FP16 = 1 << 2,  /* half-precision conversions (vcvtb/vcvtt, NEON vcvt) */
    ARM_FEAT_NEON = 1 << 3,  /* Advanced SIMD */
    ARM_FEAT_V8 = 1 << 4,    /* ARMv8 AArch32 base: vsel, vrint, lda/stl, sb ... */
    ARM_FEAT_CRC = 1 << 5,   /* crc32*, crc32c* */
    ARM_FEAT_AES = 1 << 6,
    ARM_FEAT_PMULL = 1 << 7, /* vmull.p64 */
    ARM_FEAT_SHA1 = 1 << 8,
    ARM_FEAT_SHA2 = 1 << 9,
    ARM_FEAT_SB = 1 << 10,
    ARM_FEAT_FP16ARITH = 1 << 11, /* ARMv8.2 half-precision arithmetic, vmov.f16 */
};
/* The selected model's ARM_FEAT_* (valid once arm_need_model ran; the
   translator and the auxv builder make sure of it). */
extern uint32_t arm_features;
static inline bool arm_has(uint32_t feat) { return (arm_features & feat) == feat; }
void arm_select_model(const char *name);
void arm_need_model(void);
uint32_t arm_hwcap(void);
uint32_t arm_hwcap2(void);
uint32_t arm_fpsid(void);
uint32_t arm_mvfr1(void);

/* Full CPSR view (flags + GE + Q + T + IT) for helpers, signals, gdb. */
uint32_t arm_get_cpsr(const CPUARMState *env);
/* gdbstub hooks (gdb.c). */
extern const char arm_gdb_xml[];
int arm_gdb_read_reg(CPUCommon *env, int n, uint8_t *buf);
int arm_gdb_write_reg(CPUCommon *env, int n, const uint8_t *buf);
void arm_set_cpsr_user(CPUARMState *env, uint32_t cpsr); /* user-writable bits */
uint32_t arm_get_fpscr(const CPUARMState *env);
void arm_set_fpscr(CPUARMState *env, uint32_t v);

/* Signal frames and syscall restart (target-arm/signal.c): TargetOps hooks. */
struct GuestSiginfo;
struct GuestSigaction;
bool arm_setup_frame(CPUCommon *env, int sig, const struct GuestSiginfo *info,
                     const struct GuestSigaction *ka, uint64_t blocked);
bool arm_sigreturn(CPUCommon *env, bool rt);
void arm_syscall_restart(CPUCommon *env, uint32_t nr, const uint32_t args[6]);
uint32_t arm_get_sp(CPUCommon *env);
/* The [sigpage] contents: the kernel's sigreturn codes (signal.c). */
void arm_fill_trampoline(uint8_t *page, uint32_t addr);

/* What the guest sees of the machine (target-arm/cpuinfo.c). */
#include <stdio.h>
void arm_cpuinfo(FILE *f, int ncpu);
extern const char *const arm_cpu_models[];
struct TargetOps;
extern const struct TargetOps arm_target;

#endif
