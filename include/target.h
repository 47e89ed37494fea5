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
#include <stdio.h>
#include "cpu-common.h"

struct TCGContext;
struct TranslationBlock;
struct GuestSiginfo;
struct GuestSigaction;
struct SyscallTable;
struct GuestAbi;
struct ImageInfo;

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
    /* AT_HWCAP when it depends on the -cpu model (i386: CPUID.1 EDX);
       NULL: hwcap. */
    uint32_t (*get_hwcap)(void);
    /* AT_HWCAP2 when it depends on the -cpu model (ARM: the ARMv8 crypto and
       CRC bits); NULL: hwcap2. */
    uint32_t (*get_hwcap2)(void);
    uint32_t stack_align;      /* initial sp alignment */
    size_t cpu_size;           /* sizeof the target state (starts with CPUCommon) */
    int pc_offset;             /* offsetof the guest pc in the state */
    /* offsetof the state word that is the TB key's cs_base, or -1 when
       cs_base is always 0 (ARM).  With pc_offset, what a chained jump into
       a TB leaves stale and its exit-request stub stores (tcg/README.md). */
    int cs_base_offset;
    /* Words per insn_start record, the pc included (1..TCG_MAX_INSN_WORDS):
       what restore_state receives.  ARM 2 (pc, IT state). */
    int insn_start_words;

    /* Register globals with the IR context (once, at start-up). */
    void (*tcg_init)(void);
    /* Reset state for a new process: entry point and initial stack pointer. */
    void (*cpu_reset)(CPUCommon *env, uint32_t entry, uint32_t sp);
    /* Copy a CPU (new thread / fork): child gets the parent's registers. */
    void (*cpu_copy)(CPUCommon *dst, const CPUCommon *src);
    /* The TB key for the state as it is now: pc, cs_base (a second state
       word the translation depends on, e.g. SPARC npc; 0 if unused) and
       flags (mode bits; bits 24 and up are reserved for the core). */
    void (*tb_key)(CPUCommon *env, uint32_t *pc, uint32_t *cs_base, uint32_t *flags);
    /* Emit IR for the TB at its key (tb->pc, cs_base, flags) into tcg_ctx;
       set tb->size and tb->icount.  Every front end does it by calling
       translator_loop (tcg/translator.h) with its hooks: the loop owns the
       instruction limit (max_insns; 1 for tb_request_one_insn), the page
       rule, insn_start records and code fetch. */
    void (*translate)(struct TranslationBlock *tb, int max_insns);
    /* Dead flags across a chained jump (tcg/README.md, "Dead flags";
       NULL: none): code[0 .. avail) holds the guest bytes at pc (what the
       core could read safely: readable pages of the jumping TB, avail may
       be short), the code a TB with key (pc, cs_base, flags) would run.
       Decode its first few instructions, only simple ones that cannot
       fault, branch or read flags conditionally, and return the mask of
       flag globals (bits from tcg_global_flag) that they overwrite before
       any read; set *used to the bytes decoded (the jumping TB then
       depends on them: SMC invalidates it with them).  Stop at anything
       unknown: 0 is always correct. */
    uint32_t (*flags_killed)(const uint8_t *code, uint32_t avail, uint32_t pc, uint32_t cs_base, uint32_t flags,
                             uint32_t *used);
    /* Set pc (and any lazily tracked state) from an insn_start record:
       data[0 .. insn_start_words) as the front end emitted them. */
    void (*restore_state)(CPUCommon *env, const uint32_t *data);
    /* Handle a target exception (>= EXCP_TARGET) after generated code exited. */
    void (*handle_exception)(CPUCommon *env, int excp);

    /* Syscall ABI. */
    /* SysV shmat's address alignment (SHMLBA); 0 means one page. */
    uint32_t shmlba;
    uint32_t (*syscall_nr)(CPUCommon *env);
    void (*syscall_args)(CPUCommon *env, uint32_t args[6]);
    /* Store a result: value >= -4095u is -errno (targets with an error flag
       such as PPC CR0.SO or SPARC carry convert here).  Not called after
       sigreturn (the registers are the frame's) nor for a restarted call. */
    void (*syscall_ret)(CPUCommon *env, uint32_t ret);
    /* The second result register of the two-register syscalls (the
       *_2reg ids: SPARC's fork, vfork, clone and pipe return a value in
       %o1 too).  NULL: the target has none. */
    void (*set_ret2)(CPUCommon *env, uint32_t v);
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

    /* -d cpu: print the guest registers to f (NULL: only pc is shown). */
    void (*dump_state)(CPUCommon *env, FILE *f);

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
    /* PowerPC's swapcontext syscall (getcontext/setcontext/swapcontext in
       one): save the registers and mask into the ucontext at old_ctx (if
       not 0), then load them from new_ctx (if not 0).  Returns -errno, 0
       (nothing loaded) or SYSCALL_REGS_RESTORED.  NULL: ENOSYS. */
    long (*swapcontext)(CPUCommon *env, uint32_t old_ctx, uint32_t new_ctx, uint32_t ctx_size);
    /* Make syscall nr, which was interrupted (its result not stored), run
       again when the guest resumes: pc back to the syscall instruction, the
       number register from nr (i386's eax doubles as the result register)
       and the argument registers from args. */
    void (*syscall_restart)(CPUCommon *env, uint32_t nr, const uint32_t args[6]);
    /* The guest stack pointer (sigaltstack's "are we on it"). */
    uint32_t (*get_sp)(CPUCommon *env);

    /* ---- The process as the guest sees it (0 / NULL: nothing special) ---- */
    /* Lowest address of the pages the target keeps at the top of the guest
       address space (ARM: 0xffff0000, the kuser helper page that
       process_init maps): the ELF loader puts nothing there.  0: none. */
    uint32_t reserved_top;
    const char *reserved_top_label; /* its /proc/self/maps name: "[vectors]" */
    /* The signal-trampoline page.  When set, the ELF loader maps one guest
       page after the program and its interpreter, calls this with its host
       pointer and guest address to write the target's code into it, makes
       it read+execute, and records the address in ImageInfo.trampoline
       before the auxv is built (for auxv_extra, e.g. i386's AT_SYSINFO, and
       setup_frame).  ARM puts the kernel's sigreturn codes there, its
       [sigpage], for handlers without SA_RESTORER. */
    void (*fill_trampoline)(uint8_t *page, uint32_t addr);
    const char *trampoline_label;   /* its /proc/self/maps name: "[sigpage]" */
    /* Extra auxv entries, which come first as Linux's ARCH_DLINFO does (PPC:
       AT_DCACHEBSIZE and the other cache geometry, i386: AT_SYSINFO): write
       up to max (type, value) pairs to aux and return how many. */
    int (*auxv_extra)(const struct ImageInfo *img, uint32_t *aux, int max);
    /* /proc/cpuinfo: write the whole file for ncpu processors to f.  NULL:
       the host's file is shown (and said once under -d unimp). */
    void (*cpuinfo)(FILE *f, int ncpu);
    /* -cpu MODEL: the models this target accepts, the default first,
       NULL-terminated ("-cpu help" lists them). */
    const char *const *cpu_models;
    /* A 64-bit syscall argument starts at an even register (ARM EABI,
       PPC32: a pad register is skipped); false: any next two registers. */
    bool regpair_aligned;
    /* ---- Core dumps (linux-user/coredump.c) ---- */
    /* Write the thread's registers as the guest kernel's elf_gregset_t of
       NT_PRSTATUS (in guest byte order) to regs; return its size in bytes
       (at most 512).  NULL: this target writes no core files (the process
       still dies of the signal, without WCOREDUMP). */
    size_t (*core_regs)(CPUCommon *env, uint8_t *regs);
    /* Optional: one more register note of the thread, written right after
       its NT_PRSTATUS as the guest kernel does (ARM: NT_ARM_VFP, "LINUX"):
       fill desc (at most 512 bytes, guest byte order), set *type and *name,
       return its size (0: none). */
    size_t (*core_regs_extra)(CPUCommon *env, uint8_t *desc, uint32_t *type, const char **name);
    /* elf_prpsinfo's pr_uid/pr_gid are 16-bit (__kernel_uid_t of ARM, i386,
       SPARC); false: 32-bit (PowerPC). */
    bool core_uid16;
    /* Where Debian's cross toolchain keeps the guest's libraries: the ELF
       loader looks for the interpreter there when there is no -L (after
       /etc/mimic-binfmt/<name>).  "/usr/arm-linux-gnueabihf"; NULL: none. */
    const char *cross_sysroot;

    /* ---- The gdbstub (linux-user/gdbstub.c; NULL gdb_xml: -g refused) ---- */
    /* target.xml as qXfer:features:read serves it: <architecture> and the
       features (core and FP/SIMD registers) with gdb's feature names; the
       register numbers gdb uses (p/P, the order of g/G) follow from it. */
    const char *gdb_xml;
    int gdb_num_regs;          /* register numbers are 0 .. gdb_num_regs-1 */
    /* Register n of a stopped thread into buf (up to 16 bytes, in the
       guest byte order, as gdb expects); returns its size, or 0 when n is
       not in target.xml (a gap in the numbering: g skips it). */
    int (*gdb_read_reg)(CPUCommon *env, int n, uint8_t *buf);
    /* Set register n from buf (same layout); returns the size, 0 if none. */
    int (*gdb_write_reg)(CPUCommon *env, int n, const uint8_t *buf);
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
/* "ARM", "x86-64", ... for an e_machine, linked or not (messages), or NULL. */
const char *elf_machine_name(uint16_t e_machine);

#endif
