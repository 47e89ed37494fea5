/*
 * i386 (IA-32, user mode) guest CPU state.
 *
 * EFLAGS is kept lazily: cc_op names the last flag-setting operation and
 * cc_dst / cc_src / cc_src2 hold its result and operands (the table in
 * helper.c says what each holds); the flags are computed only when an
 * instruction reads them.  CC_OP_EFLAGS means cc_src holds the six
 * arithmetic flags (O S Z A P C at their EFLAGS positions).  DF is kept as
 * +1 / -1 in df; the remaining EFLAGS bits (AC, ID, ...) in eflags.
 */
#ifndef MIMIC_I386_CPU_H
#define MIMIC_I386_CPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "cpu-common.h"

enum { R_EAX, R_ECX, R_EDX, R_EBX, R_ESP, R_EBP, R_ESI, R_EDI };
enum { R_ES, R_CS, R_SS, R_DS, R_FS, R_GS };

/* EFLAGS bits. */
#define CC_C 0x0001u
#define CC_P 0x0004u
#define CC_A 0x0010u
#define CC_Z 0x0040u
#define CC_S 0x0080u
#define CC_O 0x0800u
#define CC_ALL (CC_C | CC_P | CC_A | CC_Z | CC_S | CC_O)
#define EFL_TF 0x0100u
#define EFL_IF 0x0200u
#define EFL_DF 0x0400u
#define EFL_NT 0x4000u
#define EFL_AC 0x40000u
#define EFL_ID 0x200000u

/* Lazy flag operations.  The sized ones come in threes: B, W, L (the
   operand size MO_8, MO_16, MO_32 is added to the base). */
enum {
    CC_OP_DYNAMIC, /* translation time only: env->cc_op holds it */
    CC_OP_EFLAGS,  /* cc_src = the flags */
    CC_OP_CLR,     /* xor r,r: Z and P set, the rest clear */
    CC_OP_MULB, CC_OP_MULW, CC_OP_MULL,       /* dst = low result, src != 0: C = O = 1 */
    CC_OP_ADDB, CC_OP_ADDW, CC_OP_ADDL,       /* dst = result, src = operand 2 */
    CC_OP_ADCB, CC_OP_ADCW, CC_OP_ADCL,       /* and src2 = the carry in */
    CC_OP_SUBB, CC_OP_SUBW, CC_OP_SUBL,       /* dst = result, src = operand 2 */
    CC_OP_SBBB, CC_OP_SBBW, CC_OP_SBBL,       /* and src2 = the borrow in */
    CC_OP_LOGICB, CC_OP_LOGICW, CC_OP_LOGICL, /* dst = result */
    CC_OP_INCB, CC_OP_INCW, CC_OP_INCL,       /* dst = result, src = the old C (0/1) */
    CC_OP_DECB, CC_OP_DECW, CC_OP_DECL,
    CC_OP_SHLB, CC_OP_SHLW, CC_OP_SHLL,       /* dst = result, src = value << (count - 1) */
    CC_OP_SARB, CC_OP_SARW, CC_OP_SARL,       /* dst = result, src = value >> (count - 1) */
    CC_OP_NB,
    /* rol/ror by a constant: S Z A P are the previous operation's (cc_op
       & 0x3f, its cc_dst/cc_src/cc_src2 untouched), C and O come from the
       rotated value in cc_res.  kind = 0..2 rol B/W/L, 3..5 ror B/W/L. */
    CC_OP_ROT = 0x200, /* | kind << 6 | previous op */
};
#define CC_OP_IS_ROT(op) ((op) >= CC_OP_ROT)

/* A GDT/LDT descriptor as the guest described it (struct user_desc). */
typedef struct X86Desc {
    uint32_t base, limit;
    uint32_t flags; /* user_desc bits: seg_32bit, contents(2), read_exec_only,
                       limit_in_pages, seg_not_present, useable; bit 31: present */
} X86Desc;

/* Offset of __kernel_vsyscall in the trampoline page (signal.c). */
#define X86_TRAMP_VSYSCALL_OFF 64
#define X86_TLS_MIN 12 /* GDT_ENTRY_TLS_MIN */
#define X86_TLS_ENTRIES 3

typedef union X86Xmm {
    uint8_t b[16];
    uint16_t w[8];
    uint32_t l[4];
    uint64_t q[2];
    float s[4];
    double d[2];
} X86Xmm;

typedef struct CPUX86State {
    CPUCommon common;
    uint32_t regs[8];
    uint32_t eip;
    uint32_t cc_dst, cc_src, cc_src2, cc_op;
    uint32_t cc_tmp;  /* flags computed by a helper, taken after the stores */
    uint32_t cc_res;  /* CC_OP_ROT: the rotated value */
    int32_t df;       /* +1 or -1 */
    uint32_t eflags;  /* AC, ID, NT, TF as the guest set them (the rest is lazy) */
    uint32_t hflags;  /* the TB key flags (X86_HF_*) */
    uint32_t segs[6];     /* selectors */
    uint32_t seg_base[6]; /* their bases */
    X86Desc tls[X86_TLS_ENTRIES]; /* this thread's GDT TLS entries 12..14 */

    /* x87 (fpu-helper.c): the stack as 80-bit values in host long doubles'
       bytes, physical register i in fpregs[i]. */
    uint32_t fpstt;     /* top of stack (0..7) */
    uint32_t fpus;      /* status word without TOP */
    uint32_t fpuc;      /* control word */
    uint32_t fpe_trapno; /* vector of the last floating-point trap (16 #MF, 19 #XM):
                            the sigcontext's trapno of its SIGFPE */
    uint32_t fptags;    /* 1 bit per physical register: 1 = empty */
    uint32_t fpip, fpcs, fpdp, fpds, fpop; /* last instruction (fnstenv) */
    uint8_t fpregs[8][16];
    uint32_t fp_hi;      /* bytes 8..9 of an 80-bit memory operand in flight */
    uint32_t fp_pending; /* status of a store, merged once it is done */
    uint32_t mxcsr;

    /* SSE (sse-helper.c).  MMX register i is bytes 0..7 of fpregs[i]
       (physical x87 register i). */
    X86Xmm xmm[8];
    X86Xmm xmm_t0; /* a memory operand in flight (zero-extended) */
    uint32_t sse_res; /* a helper's integer result (cvt*2si) */
    uint64_t host_flags; /* host RFLAGS after an inline comis (translate-sse.c) */
} CPUX86State;

#define X86_OFF(field) ((int)offsetof(CPUX86State, field))

/* TB key flags. */
#define X86_HF_ADDSEG 1u /* DS, ES or SS has a non-zero base */
#define X86_HF_MXDEF 2u  /* MXCSR has the default controls (0x1f80: round to
                            nearest, no DAZ/FTZ, all exceptions masked): the
                            host runs SSE arithmetic inline (translate-sse.c) */
#define X86_HF_FPQUIET 4u /* every x87 exception masked and none pending (ES
                             clear): no x87 instruction can raise #MF, so the
                             waiting ones are translated without the check
                             (translate-fpu.c gen_fp_check).  The instructions
                             that change the control word or ES end their TB. */

/* Target exceptions. */
enum {
    EXCP_X86_DE = 0x100, /* #DE: SIGFPE FPE_INTDIV at the instruction */
    EXCP_X86_GP,         /* #GP and the like: SIGSEGV SI_KERNEL, address 0 */
    EXCP_X86_INT3,       /* int3: SIGTRAP SI_KERNEL, eip after it */
    EXCP_X86_UD,         /* ud2 / invalid: SIGILL ILL_ILLOPN at the instruction */
    EXCP_X86_MF,         /* x87 exception unmasked: SIGFPE */
    EXCP_X86_XM,         /* SIMD exception unmasked (MXCSR): SIGFPE */
};

/* The user segments Linux gives 32-bit programs on a 64-bit kernel. */
#define X86_USER_CS 0x23
#define X86_USER_DS 0x2b

/* Flags (helper.c). */
uint32_t helper_cc_compute_all(uint32_t op, uint32_t dst, uint32_t src, uint32_t src2, uint32_t res);
uint32_t helper_cc_compute_c(uint32_t op, uint32_t dst, uint32_t src, uint32_t src2, uint32_t res);
uint32_t x86_get_eflags(const CPUX86State *env);
void x86_set_eflags(CPUX86State *env, uint32_t v, uint32_t mask);
/* Segment loads: 0 or the exception.  (helper.c) */
uint32_t helper_load_seg(CPUX86State *env, uint32_t seg, uint32_t sel);
bool x86_desc_of(CPUX86State *env, uint32_t sel, X86Desc *d);
void x86_update_hflags(CPUX86State *env);

/* The LDT (modify_ldt), shared by all threads (cpu.c). */
long x86_modify_ldt(uint32_t func, uint32_t ptr, uint32_t count);
bool x86_ldt_get(uint32_t idx, X86Desc *d);

/* CPUID as the selected model answers it (cpuinfo.c). */
void x86_cpuid(uint32_t leaf, uint32_t sub, uint32_t out[4]);
/* CPUID.1 EDX (also AT_HWCAP) and ECX of the selected -cpu model
   (x86_select_model; cpuinfo.c).  Every model has fpu tsc cx8 cmov fxsr. */
#define X86_CPUID_EDX1 (1u << 0 | 1u << 4 | 1u << 8 | 1u << 15 | 1u << 24)
#define X86_EDX_MMX (1u << 23)
#define X86_EDX_SSE (1u << 25)
#define X86_EDX_SSE2 (1u << 26)
#define X86_ECX_SSE3 (1u << 0)
#define X86_ECX_SSSE3 (1u << 9)
#define X86_ECX_POPCNT (1u << 23)
extern uint32_t x86_cpuid_edx1, x86_cpuid_ecx1;
/* The translator's view: X86_FEAT_* bits of the model. */
enum { X86_FEAT_MMX = 1, X86_FEAT_SSE = 2, X86_FEAT_SSE2 = 4, X86_FEAT_SSE3 = 8, X86_FEAT_SSSE3 = 16 };
extern uint32_t x86_features;
void x86_select_model(const char *name);
uint32_t x86_hwcap(void);

/* Signals (signal.c). */
struct GuestSiginfo;
struct GuestSigaction;
bool x86_setup_frame(CPUCommon *env, int sig, const struct GuestSiginfo *info,
                     const struct GuestSigaction *ka, uint64_t blocked);
bool x86_sigreturn(CPUCommon *env, bool rt);
void x86_syscall_restart(CPUCommon *env, uint32_t nr, const uint32_t args[6]);
uint32_t x86_get_sp(CPUCommon *env);

/* x87 (fpu-helper.c): save/restore in the fsave and fxsave layouts. */
void x86_fsave(CPUX86State *env, uint8_t *buf108);
void x86_frstor(CPUX86State *env, const uint8_t *buf108);
void x86_fxsave(CPUX86State *env, uint8_t *buf512);
void x86_fxrstor(CPUX86State *env, const uint8_t *buf512);
void x86_fpu_reset(CPUX86State *env);
/* MXCSR flags (sse-helper.c): the guest's are env->mxcsr's OR those its
   SSE operations left in the host's MXCSR.  fold moves them into env (call
   before reading env->mxcsr), peek returns the sum without a change, drop
   forgets them (call when env->mxcsr is replaced).  Only for the guest
   thread this host thread runs (no-ops for another's env). */
void x86_mxcsr_fold(CPUX86State *env);
uint32_t x86_mxcsr_peek(const CPUX86State *env);
void x86_mxcsr_drop(const CPUX86State *env);

void x86_cpuinfo(FILE *f, int ncpu);
/* The gdbstub's view (gdb.c). */
extern const char i386_gdb_xml[];
int i386_gdb_read_reg(CPUCommon *env, int n, uint8_t *buf);
int i386_gdb_write_reg(CPUCommon *env, int n, const uint8_t *buf);
/* Core dump notes (gdb.c). */
size_t i386_core_regs(CPUCommon *env, uint8_t *regs);
size_t i386_core_fpregs(CPUCommon *env, uint8_t *desc, uint32_t *type, const char **name);
extern const char *const x86_cpu_models[];
struct TargetOps;
struct TranslationBlock;
extern const struct TargetOps i386_target;

void i386_tcg_init(void);
void i386_translate(struct TranslationBlock *tb, int max_insns);
/* flagkill.c: TargetOps.flags_killed and its init (after the globals). */
void i386_flagkill_init(void);
uint32_t i386_flags_killed(const uint8_t *code, uint32_t avail, uint32_t pc, uint32_t cs_base, uint32_t flags,
                           uint32_t *used);

#endif
