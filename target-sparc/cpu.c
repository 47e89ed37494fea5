/*
 * SPARC (32-bit V8 and V8+, user mode) target description: the TargetOps
 * for the core and the syscall ABI: `ta 0x10` with the number in %g1,
 * arguments in %o0..%o5, the result in %o0 with the carry flag set and a
 * positive errno on failure; fork, vfork, clone and pipe return a second
 * value in %o1 (syscall-tables/sparc-override.c, TargetOps.set_ret2).
 */
#include <capstone/capstone.h>
#include <elf.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "include/guest.h"
#include "linux-user/user.h"
#include "syscall-tables/tables.h"
#include "guest-abi.h"
#include "target-sparc/translate.h"

#define SPARC_ENV(e) ((CPUSPARCState *)(e))

static void sparc_cpu_reset(CPUCommon *c, uint32_t entry, uint32_t sp)
{
    CPUSPARCState *env = SPARC_ENV(c);
    CPUCommon common = env->common;
    memset(env, 0, sizeof(*env));
    env->common = common;
    env->pc = entry;
    env->npc = entry + 4;
    /* The kernel's start_thread: %sp leaves room for one register window
       save area below argc. */
    env->regs[SP_SP] = sp - 64;
    env->icc_Z = env->xcc_Z = 1;
}

/* A new thread (clone with CLONE_VM) starts with the parent's current
   window only.  The parent's older windows stay the parent's: Linux flushes
   them to the parent's stack and the child's windows are all invalid.  Kept
   resident in the child, they would be spilled by its first window overflow
   or signal onto the parent's stack frames, long after the parent has
   moved on (the "stack smashing" of threads taking signals). */
static void sparc_cpu_copy(CPUCommon *dst, const CPUCommon *src)
{
    memcpy((char *)dst + sizeof(CPUCommon), (const char *)src + sizeof(CPUCommon),
           sizeof(CPUSPARCState) - sizeof(CPUCommon));
    SPARC_ENV(dst)->canrestore = 0;
}

static void sparc_tb_key(CPUCommon *c, uint32_t *pc, uint32_t *cs_base, uint32_t *flags)
{
    CPUSPARCState *env = SPARC_ENV(c);
    *pc = env->pc;
    *cs_base = env->npc;
    *flags = 0;
}

static void sparc_restore_state(CPUCommon *c, const uint32_t *data)
{
    CPUSPARCState *env = SPARC_ENV(c);
    env->pc = data[0];
    if (data[1] == SPARC_NPC_JUMP)
        env->npc = env->cond ? data[2] : data[0] + 4;
    else if (data[1] != SPARC_NPC_DYNAMIC)
        env->npc = data[1];
}

static void sparc_handle_exception(CPUCommon *c, int excp)
{
    fatal(1, "internal error: SPARC exception 0x%x at pc 0x%08x", excp, SPARC_ENV(c)->pc);
}

/* ---- Syscall ABI ---------------------------------------------------------------------- */

static uint32_t sparc_syscall_nr(CPUCommon *c)
{
    return (uint32_t)SPARC_ENV(c)->regs[1];
}

static void sparc_syscall_args(CPUCommon *c, uint32_t args[6])
{
    for (int i = 0; i < 6; i++)
        args[i] = (uint32_t)SPARC_ENV(c)->regs[SP_O0 + i];
}

static void sparc_syscall_ret(CPUCommon *c, uint32_t ret)
{
    CPUSPARCState *env = SPARC_ENV(c);
    sparc_cc_materialize(env); /* the carry changes, V stays */
    if (ret >= (uint32_t)-4095) {
        env->regs[SP_O0] = -ret;
        env->icc_C = env->xcc_C = 1;
    } else {
        env->regs[SP_O0] = ret;
        env->icc_C = env->xcc_C = 0;
    }
}

static void sparc_set_ret2(CPUCommon *c, uint32_t v)
{
    SPARC_ENV(c)->regs[SP_O0 + 1] = v;
}

/* fork, vfork and clone: the kernel flushes the register windows first, so
   the child's register file holds no window of the parent (which a thread
   would otherwise spill onto its parent's stack).  Nothing else is private. */
static bool sparc_arch_syscall(CPUCommon *c, uint32_t nr, const uint32_t args[6], uint32_t *ret)
{
    if (nr == 2 || nr == 66 || nr == 217) {
        uint32_t fault;
        if (!sparc_flush_windows(SPARC_ENV(c), &fault))
            force_sig(c, SIGSEGV, SEGV_MAPERR, fault);
    }
    return false;
}

static void sparc_set_tls(CPUCommon *c, uint32_t tls)
{
    SPARC_ENV(c)->regs[7] = tls; /* %g7 */
}

static void sparc_set_sp(CPUCommon *c, uint32_t sp)
{
    SPARC_ENV(c)->regs[SP_SP] = sp;
}

static uint32_t sparc_get_pc(CPUCommon *c)
{
    return SPARC_ENV(c)->pc;
}

static void sparc_process_init(void)
{
}

static void sparc_disas_mode(uint32_t flags, int *cs_arch, int *cs_mode)
{
    *cs_arch = CS_ARCH_SPARC;
    *cs_mode = CS_MODE_BIG_ENDIAN;
}

const TargetOps sparc_target = {
    .name = "sparc",
    .elf_machine = EM_SPARC,
    .elf_machine_alt = {EM_SPARC32PLUS},
    .big_endian = true,
    .shmlba = 4 * 4096, /* the sparc64 kernel's SHMLBA for 32-bit tasks: 16 KiB */
    /* A 32-bit task on sparc64 Linux (PER_LINUX32) sees "sparc". */
    .uname_machine = "sparc",
    .platform = NULL, /* sparc64's ELF_PLATFORM is NULL: no AT_PLATFORM */
    /* What a 32-bit task on sparc64 gets, minus VIS (not implemented). */
    .hwcap = SPARC_HWCAP_FLUSH | SPARC_HWCAP_STBAR | SPARC_HWCAP_SWAP | SPARC_HWCAP_MULDIV |
             SPARC_HWCAP_V9,
    .has_hwcap2 = false,
    .stack_align = 16,
    .cpu_size = sizeof(CPUSPARCState),
    .pc_offset = SPARC_OFF(pc),
    .cs_base_offset = SPARC_OFF(npc),
    .insn_start_words = 3,
    .tcg_init = sparc_tcg_init,
    .cpu_reset = sparc_cpu_reset,
    .cpu_copy = sparc_cpu_copy,
    .tb_key = sparc_tb_key,
    .translate = sparc_translate,
    .flags_killed = sparc_flags_killed,
    .restore_state = sparc_restore_state,
    .handle_exception = sparc_handle_exception,
    .syscall_nr = sparc_syscall_nr,
    .syscall_args = sparc_syscall_args,
    .syscall_ret = sparc_syscall_ret,
    .set_ret2 = sparc_set_ret2,
    .arch_syscall = sparc_arch_syscall,
    .syscalls = &sparc_syscalls,
    .abi = &abi_sparc,
    .set_tls = sparc_set_tls,
    .set_sp = sparc_set_sp,
    .get_pc = sparc_get_pc,
    .disas_mode = sparc_disas_mode,
    .process_init = sparc_process_init,
    .setup_frame = sparc_setup_frame,
    .sigreturn = sparc_sigreturn,
    .syscall_restart = sparc_syscall_restart,
    .get_sp = sparc_get_sp,
    .cpuinfo = sparc_cpuinfo,
    .cpu_models = sparc_cpu_models,
    .regpair_aligned = false,
    .cross_sysroot = "/usr/sparc64-linux-gnu",
    .core_regs = sparc_core_regs,
    .core_regs_extra = sparc_core_fpregs,
    .core_uid16 = true,
    .gdb_xml = sparc_gdb_xml,
    .gdb_num_regs = 72, /* g/o/l/i 0-31, f0-f31, y psr wim tbr pc npc fsr csr: gdb.c */
    .gdb_read_reg = sparc_gdb_read_reg,
    .gdb_write_reg = sparc_gdb_write_reg,
};
