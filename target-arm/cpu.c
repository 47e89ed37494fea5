/*
 * ARM (ARMv7-A, EABI, user mode) target description: the TargetOps for the
 * core, the syscall ABI and the kuser helper page.
 */
#include <capstone/capstone.h>
#include <elf.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "include/guest.h"
#include "linux-user/user.h"
#include "syscall-tables/tables.h"
#include "target-arm/oabi.h"
#include "guest-abi.h"
#include "target-arm/translate.h"

#define ARM_ENV(e) ((CPUARMState *)(e))

static void arm_cpu_reset(CPUCommon *c, uint32_t entry, uint32_t sp)
{
    CPUARMState *env = ARM_ENV(c);
    CPUCommon common = env->common;
    memset(env, 0, sizeof(*env));
    env->common = common;
    env->regs[15] = entry & ~1u;
    env->thumb = entry & 1;
    env->regs[13] = sp;
    env->ZF = 1; /* Z clear */
    env->exclusive_addr = ~0u;
    env->fpscr = 0;
    env->fpexc = 1u << 30; /* EN */
    arm_neon_consts(env);
}

static void arm_cpu_copy(CPUCommon *dst, const CPUCommon *src)
{
    /* Everything but the common part (the jump cache is per thread). */
    memcpy((char *)dst + sizeof(CPUCommon), (const char *)src + sizeof(CPUCommon),
           sizeof(CPUARMState) - sizeof(CPUCommon));
    ARM_ENV(dst)->exclusive_addr = ~0u; /* a new thread starts with a clear monitor */
}

static void arm_tb_key(CPUCommon *c, uint32_t *pc, uint32_t *cs_base, uint32_t *flags)
{
    CPUARMState *env = ARM_ENV(c);
    *pc = env->regs[15];
    *cs_base = 0;
    *flags = (env->thumb & 1) | (env->condexec & 0xff) << ARM_TBFLAG_CONDEXEC_SHIFT;
}

static void arm_restore_state(CPUCommon *c, const uint32_t *data)
{
    CPUARMState *env = ARM_ENV(c);
    env->regs[15] = data[0];
    env->condexec = data[1];
}

static void arm_handle_exception(CPUCommon *c, int excp)
{
    CPUARMState *env = ARM_ENV(c);
    /* ARM has no target exceptions of its own today: fetch faults are the
       core's EXCP_FETCH_FAULT (tcg/translator.c). */
    fatal(1, "internal error: ARM exception 0x%x at pc 0x%08x", excp, env->regs[15]);
}

/* ---- Syscall ABI (EABI): nr in r7, arguments r0..r5, result r0 ---------------- */

/* As a kernel with CONFIG_OABI_COMPAT: svc #0 and every Thumb svc are EABI
   (the number in r7); an ARM svc with a non-zero immediate is an old-ABI
   call numbered by it (oabi.c).  gen_svc left the immediate in
   exception_arg. */
static uint32_t arm_syscall_nr(CPUCommon *c)
{
    CPUARMState *env = ARM_ENV(c);
    if (!env->thumb && c->exception_arg != 0)
        return arm_oabi_syscall_nr(c->exception_arg);
    return env->regs[7];
}

static void arm_syscall_args(CPUCommon *c, uint32_t args[6])
{
    memcpy(args, ARM_ENV(c)->regs, 6 * sizeof(uint32_t));
}

static void arm_syscall_ret(CPUCommon *c, uint32_t ret)
{
    ARM_ENV(c)->regs[0] = ret;
}

static void arm_set_tls(CPUCommon *c, uint32_t tls)
{
    ARM_ENV(c)->tpidruro = tls;
}

static void arm_set_sp(CPUCommon *c, uint32_t sp)
{
    ARM_ENV(c)->regs[13] = sp;
}

/* The ARM private syscalls at 0xf0000 + n. */
static bool arm_arch_syscall(CPUCommon *c, uint32_t nr, const uint32_t args[6], uint32_t *ret)
{
    if (nr < 0x0f0000 || nr > 0x0fffff) {
        return arm_oabi_syscall(c, nr, args, ret);
    }
    switch (nr) {
    case 0x0f0002: /* cacheflush(start, end, flags) */
        if (args[1] > args[0]) {
            tb_invalidate_range(args[0], args[1]);
        }
        *ret = 0;
        break;
    case 0x0f0005: /* set_tls(tp) */
        arm_set_tls(c, args[0]);
        *ret = 0;
        break;
    case 0x0f0006: /* get_tls() */
        *ret = ARM_ENV(c)->tpidruro;
        break;
    case 0x0f0001: { /* breakpoint: SIGTRAP at the svc, as the kernel does */
        CPUARMState *env = ARM_ENV(c);
        env->regs[15] -= env->thumb ? 2 : 4;
        force_sig(c, SIGTRAP, TRAP_BRKPT, env->regs[15]);
    }
    default: /* usr26, usr32, and unallocated numbers */
        *ret = (uint32_t)-38; /* -ENOSYS */
        break;
    }
    return true;
}

static uint32_t arm_get_pc(CPUCommon *c)
{
    return ARM_ENV(c)->regs[15];
}

/* -d cpu: the user-visible registers, four to a line, then CPSR/FPSCR. */
static void arm_dump_state(CPUCommon *c, FILE *f)
{
    CPUARMState *env = ARM_ENV(c);
    for (int i = 0; i < 16; i++)
        fprintf(f, "R%02d=%08x%c", i, env->regs[i], (i & 3) == 3 ? '\n' : ' ');
    uint32_t cpsr = arm_get_cpsr(env);
    fprintf(f, "PSR=%08x %c%c%c%c %s FPSCR=%08x\n", cpsr, cpsr & (1u << 31) ? 'N' : '-',
            cpsr & (1u << 30) ? 'Z' : '-', cpsr & (1u << 29) ? 'C' : '-',
            cpsr & (1u << 28) ? 'V' : '-', env->thumb ? "T" : "A", env->fpscr);
}

static void arm_disas_mode(uint32_t flags, int *cs_arch, int *cs_mode)
{
    *cs_arch = CS_ARCH_ARM;
    *cs_mode = (flags & ARM_TBFLAG_THUMB) ? CS_MODE_THUMB : CS_MODE_ARM;
}

/*
 * The kuser helper page at 0xffff0000.  Its entry points are not ARM code:
 * the translator turns a TB at any of them into a call of helper_kuser.
 * Only the data the guest may read is real: the helper version at 0xffff0ffc
 * (5: cmpxchg64 at 0xffff0f60 exists).
 */
#define KUSER_PAGE 0xffff0000u

static void arm_process_init(void)
{
    int64_t r = guest_mmap(KUSER_PAGE, GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE,
                           MAP_FIXED | MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);
    if (r < 0 || (uint32_t)r != KUSER_PAGE) {
        fatal(1, "cannot map the ARM kuser helper page (error %d)", (int)-r);
    }
    uint32_t version = 5;
    memcpy(g2h(KUSER_PAGE + 0xffc), &version, 4);
    guest_mprotect(KUSER_PAGE, GUEST_PAGE_SIZE, PROT_READ | PROT_EXEC);
    /* As the arm64 kernel's [vectors] for 32-bit processes: never
       writable, but the guest may map over it (then its own code runs
       there: translate.c asks guest_special_intact). */
    guest_mark_special(KUSER_PAGE);
}

/* NT_PRSTATUS's elf_gregset_t of ARM: r0-r15, cpsr, ORIG_r0 (18 words).
   r15 is the pc of the instruction the thread was at. */
static size_t arm_core_regs(CPUCommon *c, uint8_t *regs)
{
    CPUARMState *env = (CPUARMState *)c;
    for (int i = 0; i < 16; i++)
        st_guest_u32(regs + 4 * i, env->regs[i]);
    st_guest_u32(regs + 64, arm_get_cpsr(env));
    st_guest_u32(regs + 68, env->regs[0]);
    return 72;
}

/* NT_ARM_VFP ("LINUX"): struct user_vfp { u64 fpregs[32]; u32 fpscr; },
   where gdb finds d0-d31 and fpscr. */
static size_t arm_core_vfp(CPUCommon *c, uint8_t *desc, uint32_t *type, const char **name)
{
    CPUARMState *env = (CPUARMState *)c;
    for (int i = 0; i < 32; i++)
        st_guest_u64(desc + 8 * i, env->vfp[i]);
    st_guest_u32(desc + 256, arm_get_fpscr(env));
    *type = 0x400; /* NT_ARM_VFP */
    *name = "LINUX";
    return 260;
}

const TargetOps arm_target = {
    .name = "arm",
    .elf_machine = EM_ARM,
    .big_endian = false,
    .shmlba = 4 * 4096,         /* 4 pages: cache colouring */
    .uname_machine = "armv7l",
    .platform = "v7l",
    .get_hwcap = arm_hwcap,   /* per -cpu model (cpuinfo.c) */
    .get_hwcap2 = arm_hwcap2,
    .has_hwcap2 = true,
    .stack_align = 16,
    .cpu_size = sizeof(CPUARMState),
    .pc_offset = ARM_OFF(regs[15]),
    .cs_base_offset = -1,
    .insn_start_words = 2,
    .tcg_init = arm_tcg_init,
    .cpu_reset = arm_cpu_reset,
    .cpu_copy = arm_cpu_copy,
    .tb_key = arm_tb_key,
    .translate = arm_translate,
    .restore_state = arm_restore_state,
    .flags_killed = arm_flags_killed,
    .handle_exception = arm_handle_exception,
    .syscall_nr = arm_syscall_nr,
    .syscall_args = arm_syscall_args,
    .syscall_ret = arm_syscall_ret,
    .arch_syscall = arm_arch_syscall,
    .syscalls = &arm_syscalls,
    .abi = &abi_arm,
    .set_tls = arm_set_tls,
    .set_sp = arm_set_sp,
    .get_pc = arm_get_pc,
    .disas_mode = arm_disas_mode,
    .dump_state = arm_dump_state,
    .process_init = arm_process_init,
    .setup_frame = arm_setup_frame,
    .sigreturn = arm_sigreturn,
    .syscall_restart = arm_syscall_restart,
    .get_sp = arm_get_sp,
    .reserved_top = KUSER_PAGE,
    .reserved_top_label = "[vectors]",
    .fill_trampoline = arm_fill_trampoline,
    .trampoline_label = "[sigpage]",
    .cpuinfo = arm_cpuinfo,
    .cpu_models = arm_cpu_models,
    .regpair_aligned = true,
    .core_regs = arm_core_regs,
    .core_regs_extra = arm_core_vfp,
    .core_uid16 = true,
    .cross_sysroot = "/usr/arm-linux-gnueabihf",
    .gdb_xml = arm_gdb_xml,
    .gdb_num_regs = 59, /* r0-r15, (16-24 unused), cpsr, d0-d31, fpscr: gdb.c */
    .gdb_read_reg = arm_gdb_read_reg,
    .gdb_write_reg = arm_gdb_write_reg,
};
