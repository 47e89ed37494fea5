/*
 * The part of every guest CPU state that the core knows about.  Each target's
 * state struct begins with a CPUCommon named `common`, so a CPUCommon * and the
 * target state pointer are the same address (generated code's env).
 */
#ifndef MIMIC_CPU_COMMON_H
#define MIMIC_CPU_COMMON_H

#include <stdint.h>

struct TargetOps;
struct TBJumpCache;

/* Why generated code returned to the exec loop (CPUCommon.exception). */
enum {
    EXCP_NONE = 0,
    EXCP_SYSCALL,    /* guest syscall instruction; pc is after it */
    EXCP_UDEF,       /* undefined instruction at pc: SIGILL, ILL_ILLOPC */
    EXCP_BKPT,       /* breakpoint at pc: SIGTRAP */
    EXCP_INTERRUPT,  /* exit_request was seen */
    EXCP_PRIV,       /* privileged instruction: SIGILL, ILL_PRVOPC */
    EXCP_FETCH_FAULT, /* code fetch from an unreadable page (tcg/translator.h):
                         SIGSEGV at exception_arg, state of the instruction */
    EXCP_DEBUG,      /* a debugger breakpoint at pc, before its instruction
                        (translator_bp_insert): the gdbstub reports a stop */
    EXCP_UNALIGNED,  /* a guest access with MO_ALIGN* at a misaligned address
                        (exception_arg): SIGBUS, BUS_ADRALN; state of the
                        instruction (tcg_unaligned_access) */
    EXCP_TARGET = 0x100, /* target-specific from here on */
};

/* CPUCommon.one_insn bits.  ONCE: the next lookup only (precise
   self-modifying code); STEP: every lookup until cleared (the gdbstub's
   single-step, which reports a stop after each instruction). */
enum { ONE_INSN_ONCE = 1, ONE_INSN_STEP = 2 };

#define CPU_HOT_SLOTS 64

typedef struct CPUCommon {
    volatile int32_t exit_request;   /* non-zero: every TB exits at entry */
    int32_t exception;               /* EXCP_*, set before exit_tb(0) */
    uint32_t exception_arg;          /* target use (e.g. the SVC immediate) */
    uint32_t one_insn;               /* ONE_INSN_*: tb_lookup runs one uncached
                                        instruction (tcg/tb.c) */
    struct TBJumpCache *jc;          /* this thread's jump cache */
    const struct TargetOps *target;
    /* Hot regions (tcg/translator.c): back-edge counters, decremented by
       generated code, and the request they raise for the exec loop. */
    uint32_t region_wanted;
    uint32_t hot_ctr[CPU_HOT_SLOTS];
} CPUCommon;

#endif
