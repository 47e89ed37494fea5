/*
 * The front-end interface: one TargetOps per guest architecture, chosen at
 * run time from the ELF's e_machine.  Shared code never tests which target
 * it runs; it asks this struct.
 */
#ifndef MIMIC_TARGET_H
#define MIMIC_TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "cpu-common.h"

struct TCGContext;
struct TranslationBlock;
struct GuestSiginfo;
struct GuestSigaction;
struct SyscallTable;
struct GuestAbi;

typedef struct TargetOps {
    const char *name;          /* "arm": -cpu, mimic-<name>, messages */
    uint16_t elf_machine;      /* EM_ARM: the main ELF e_machine */
    uint16_t elf_machine_alt[3]; /* further e_machines it runs, 0 = none
                                    (SPARC: EM_SPARC32PLUS) */
    bool big_endian;
    const char *uname_machine; /* "armv7l" */
    const char *platform;      /* AT_PLATFORM: "v7l" */
    uint32_t hwcap, hwcap2;    /* AT_HWCAP/AT_HWCAP2: exactly what is implemented */
    bool has_hwcap2;           /* the kernel always passes AT_HWCAP2 (ARM does) */
    uint32_t stack_align;      /* initial sp alignment */
    size_t cpu_size;           /* sizeof the target state (starts with CPUCommon) */
    int pc_offset;             /* offsetof the guest pc in the state */

    /* Register globals with the IR context (once, at start-up). */
    void (*tcg_init)(void);
    /* Reset state for a new process: entry point and initial stack pointer. */
    void (*cpu_reset)(CPUCommon *env, uint32_t entry, uint32_t sp);
    /* Copy a CPU (new thread / fork): child gets the parent's registers. */
    void (*cpu_copy)(CPUCommon *dst, const CPUCommon *src);
    /* The TB key for the state as it is now. */
    void (*tb_key)(CPUCommon *env, uint32_t *pc, uint32_t *flags);
    /* Emit IR for the TB at tb->pc / tb->flags into tcg_ctx; set tb->size and
       tb->icount.  Stops at a branch, at max_insns, or before crossing a
       second guest page.  Must begin with insn_start for every instruction. */
    void (*translate)(struct TranslationBlock *tb, int max_insns);
    /* Set pc (and any lazily tracked state) from an insn_start record. */
    void (*restore_state)(CPUCommon *env, const uint32_t data[2]);
    /* Handle a target exception (>= EXCP_TARGET) after generated code exited. */
    void (*handle_exception)(CPUCommon *env, int excp);

    /* Syscall ABI. */
    uint32_t (*syscall_nr)(CPUCommon *env);
    void (*syscall_args)(CPUCommon *env, uint32_t args[6]);
    /* Store a result: value >= -4095u is -errno (targets with an error flag
       such as PPC CR0.SO or SPARC carry convert here).  Not called after
       sigreturn (the registers are the frame's) nor for a restarted call. */
    void (*syscall_ret)(CPUCommon *env, uint32_t ret);
    /* Target-private syscalls (e.g. ARM's 0xf0000+ range): returns true and
       sets *ret if it handled nr. */
    bool (*arch_syscall)(CPUCommon *env, uint32_t nr, const uint32_t args[6], uint32_t *ret);
    /* Guest syscall number -> kernel name and generic SYS_* id
       (syscall-tables/tables.h: syscall_table_id / syscall_table_name). */
    const struct SyscallTable *syscalls;
    /* Structure layouts and constants (include/guest-abi.h). */
    const struct GuestAbi *abi;
    /* Thread pointer (set_tls / clone CLONE_SETTLS). */
    void (*set_tls)(CPUCommon *env, uint32_t tls);
    /* Stack pointer (clone with a new stack: the child's sp). */
    void (*set_sp)(CPUCommon *env, uint32_t sp);
    /* Current guest pc (messages, signals). */
    uint32_t (*get_pc)(CPUCommon *env);

    /* Disassembly for -d in_asm: capstone arch/mode for this key's flags. */
    void (*disas_mode)(uint32_t flags, int *cs_arch, int *cs_mode);

    /* Called once after the ELF is loaded (e.g. ARM maps the kuser helper page). */
    void (*process_init)(void);

    /* ---- Signals (target-<arch>/signal.c, linux-user/signal-priv.h) ---- */
    /* Build the frame for the guest handler of sig on the guest stack (the
       alternate stack if ka asks for it) and point the CPU at the handler.
       blocked: the mask the frame saves (restored by sigreturn).  Returns
       false if the frame cannot be written (the caller forces SIGSEGV). */
    bool (*setup_frame)(CPUCommon *env, int sig, const struct GuestSiginfo *info,
                        const struct GuestSigaction *ka, uint64_t blocked);
    /* sigreturn (rt: rt_sigreturn) from the frame at the guest sp: restore
       all registers (the syscall result register and any error flag too:
       nothing is stored after it), the blocked mask and (rt) the alternate
       stack.  Returns false on a bad frame (the caller forces SIGSEGV). */
    bool (*sigreturn)(CPUCommon *env, bool rt);
    /* Make syscall nr, which was interrupted (its result not stored), run
       again when the guest resumes: pc back to the syscall instruction, the
       number register from nr (i386's eax doubles as the result register)
       and the argument registers from args. */
    void (*syscall_restart)(CPUCommon *env, uint32_t nr, const uint32_t args[6]);
    /* The guest stack pointer (sigaltstack's "are we on it"). */
    uint32_t (*get_sp)(CPUCommon *env);
} TargetOps;

/* ---- The registry (linux-user/targets.c, from the Makefile's TARGETS) ---- */

/* All targets linked into this binary, NULL-terminated, in TARGETS order. */
extern const TargetOps *const all_targets[];
/* The target that runs executables of this e_machine (its main machine or
   one of its elf_machine_alt), or NULL. */
const TargetOps *target_by_machine(uint16_t e_machine);
bool target_has_machine(const TargetOps *t, uint16_t e_machine);
/* By name ("arm"; case-insensitive), or NULL. */
const TargetOps *target_by_name(const char *name);

#endif
