/*
 * SPARC guest CPU state: 32-bit SPARC V8 (EM_SPARC) and V8+ (EM_SPARC32PLUS,
 * the 32-bit ABI with V9 instructions), user mode, big-endian.
 *
 * The integer registers are 64 bits wide (V9): V8+ code keeps 64-bit values
 * in them (sllx/mulx/srlx on %g and %o), and V8 code only ever looks at the
 * low halves.  regs[] is the *current* window: %g0-%g7, %o0-%o7, %l0-%l7,
 * %i0-%i7, each an IR global at a fixed offset.  The older windows that are
 * still "in the register file" live in win[] (a ring of locals+ins); save
 * and restore shift between the two in a helper (helper.c), and window
 * overflow/underflow spill to / fill from the guest stack as the Linux
 * kernel's trap handlers do.
 */
#ifndef MIMIC_SPARC_CPU_H
#define MIMIC_SPARC_CPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "cpu-common.h"

/* Register windows of the modelled CPU.  One is the current window and one
   is kept invalid (the kernel's trap window), so at most NWINDOWS - 2 older
   windows are resident before a save has to spill. */
#define SPARC_NWINDOWS 8
#define SPARC_RESIDENT (SPARC_NWINDOWS - 2)

/* Register numbers in regs[]. */
enum { SP_G0 = 0, SP_O0 = 8, SP_L0 = 16, SP_I0 = 24 };
#define SP_SP (SP_O0 + 6) /* %o6 */
#define SP_FP (SP_I0 + 6) /* %i6 */

/* Condition codes are kept split (all 64-bit):
     icc.N = cc_N bit 31, xcc.N = cc_N bit 63 (likewise cc_V);
     icc.Z = (low 32 bits of icc_Z == 0), xcc.Z = (xcc_Z == 0);
     icc.C = icc_C, xcc.C = xcc_C (0 or 1).
   N is the result itself (always current).  Z too, but under the lazy
   cc_ops (ADD, SUB, LOGIC) it is read from cc_N: icc_Z and xcc_Z hold it
   only under SPARC_CC_FLAGS (one copy written per addcc, not three).  V
   and C are lazy: cc_op says how to get them.  SPARC_CC_FLAGS: cc_V, icc_C and
   xcc_C hold them; SPARC_CC_ADD / SPARC_CC_SUB: they follow from the
   second operand cc_b and the result (cc_N) of the last addcc/subcc
   (the first is cc_N + cc_b after subcc, cc_N - cc_b after addcc), and
   are computed only when read (a branch after a compare in the same TB
   compares the operands directly); SPARC_CC_LOGIC: V = C = 0.
   sparc_cc_materialize() turns any state into SPARC_CC_FLAGS. */
enum { SPARC_CC_FLAGS = 0, SPARC_CC_ADD, SPARC_CC_SUB, SPARC_CC_LOGIC };
typedef struct CPUSPARCState {
    CPUCommon common;
    uint32_t pc, npc;
    uint64_t regs[32];
    uint64_t cc_N, cc_V, icc_Z, xcc_Z, icc_C, xcc_C;
    uint64_t cc_b;        /* SPARC_CC_ADD/SUB: the second operand */
    uint32_t cc_op;       /* SPARC_CC_* */
    uint32_t y;
    uint32_t cond;        /* a delayed conditional branch's outcome (translate.c) */
    uint32_t asi;
    uint32_t fprs;
    uint32_t fsr;         /* FSR without the fcc fields (below) */
    uint32_t fcc[4];      /* fcc0..fcc3, each 0..3 */
    /* Windows: win[(wtop - k) mod SPARC_RESIDENT] holds the locals (0..7)
       and ins (8..15) of the k-th older window, k = 1..canrestore. */
    uint32_t canrestore;
    uint32_t wtop;
    uint64_t win[SPARC_RESIDENT][16];
    uint64_t fpr[32];     /* d0..d62 (V9 numbering / 2); %f(2n) = high word of fpr[n] */
    uint64_t gsr;         /* VIS graphics status (align in bits 2:0) */
} CPUSPARCState;

#define SPARC_OFF(field) ((int)offsetof(CPUSPARCState, field))

/* TB insn_start words: pc, npc (or one of the markers), jump target. */
#define SPARC_NPC_DYNAMIC 1u /* npc is in env */
#define SPARC_NPC_JUMP 2u    /* npc = env->cond ? word[2] : pc + 4 */

/* FSR fields (without fcc0, bits 11:10, kept in fcc[0]). */
#define FSR_CEXC_SHIFT 0
#define FSR_AEXC_SHIFT 5
#define FSR_FTT_SHIFT 14
#define FSR_TEM_SHIFT 23
#define FSR_RD_SHIFT 30
#define FSR_NVC 0x10
#define FSR_OFC 0x08
#define FSR_UFC 0x04
#define FSR_DZC 0x02
#define FSR_NXC 0x01
#define FSR_VER (0u << 17) /* ver 0 */

/* AT_HWCAP bits (arch/sparc/include/asm/elf_64.h). */
#define SPARC_HWCAP_FLUSH 1
#define SPARC_HWCAP_STBAR 2
#define SPARC_HWCAP_SWAP 4
#define SPARC_HWCAP_MULDIV 8
#define SPARC_HWCAP_V9 16

/* Full views for signals and rd/wr. */
uint32_t sparc_get_icc(const CPUSPARCState *env);  /* NZVC in bits 3..0 */
/* V (bits 31, 63), icc.C and xcc.C of the current cc_op, without changing it. */
void sparc_cc_vc(const CPUSPARCState *env, uint64_t *v, uint64_t *ic, uint64_t *xc);
void sparc_cc_materialize(CPUSPARCState *env); /* cc_op := SPARC_CC_FLAGS */
uint32_t sparc_get_ccr(const CPUSPARCState *env);  /* xcc << 4 | icc */
void sparc_set_ccr(CPUSPARCState *env, uint32_t ccr);
uint32_t sparc_get_fsr(const CPUSPARCState *env);  /* low 32 bits, fcc0 included */
void sparc_set_fsr(CPUSPARCState *env, uint32_t fsr);
uint64_t sparc_get_xfsr(const CPUSPARCState *env); /* with fcc1..3 */
void sparc_set_xfsr(CPUSPARCState *env, uint64_t fsr);

/* Windows (helper.c).  Flush every resident older window to the stack;
   false if a spill faulted (*fault_addr set). */
bool sparc_flush_windows(CPUSPARCState *env, uint32_t *fault_addr);
/* Raise a synchronous guest signal from a helper called by generated code
   (retaddr: the helper's return address, for the instruction's state). */
void sparc_raise(CPUSPARCState *env, int sig, int code, uint32_t addr, uintptr_t retaddr)
    __attribute__((noreturn));

/* Signals (signal.c). */
struct GuestSiginfo;
struct GuestSigaction;
bool sparc_setup_frame(CPUCommon *env, int sig, const struct GuestSiginfo *info,
                       const struct GuestSigaction *ka, uint64_t blocked);
bool sparc_sigreturn(CPUCommon *env, bool rt);
void sparc_syscall_restart(CPUCommon *env, uint32_t nr, const uint32_t args[6]);
uint32_t sparc_get_sp(CPUCommon *env);

#include <stdio.h>
void sparc_cpuinfo(FILE *f, int ncpu);
/* The gdbstub's view (gdb.c). */
extern const char sparc_gdb_xml[];
int sparc_gdb_read_reg(CPUCommon *env, int n, uint8_t *buf);
int sparc_gdb_write_reg(CPUCommon *env, int n, const uint8_t *buf);
/* Core dump notes (gdb.c). */
size_t sparc_core_regs(CPUCommon *env, uint8_t *regs);
size_t sparc_core_fpregs(CPUCommon *c, uint8_t *desc, uint32_t *type, const char **name);
extern const char *const sparc_cpu_models[];
struct TargetOps;
extern const struct TargetOps sparc_target;

#endif
