/*
 * PowerPC (32-bit, big-endian, user mode) target description: the
 * TargetOps for the core and the Linux syscall ABI.
 */
#include <capstone/capstone.h>
#include <elf.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>

#include "include/guest.h"
#include "linux-user/user.h"
#include "syscall-tables/tables.h"
#include "guest-abi.h"
#include "linux-user/syscall-priv.h"
#include "target-ppc/translate.h"

#define PPC_ENV(e) ((CPUPPCState *)(e))

static void ppc_cpu_reset(CPUCommon *c, uint32_t entry, uint32_t sp)
{
    CPUPPCState *env = PPC_ENV(c);
    CPUCommon common = env->common;
    memset(env, 0, sizeof(*env));
    env->common = common;
    env->nip = entry;
    env->gpr[1] = sp;
    ppc_set_cr(env, 0);
    env->reserve_addr = ~0u;
}

static void ppc_cpu_copy(CPUCommon *dst, const CPUCommon *src)
{
    memcpy((char *)dst + sizeof(CPUCommon), (const char *)src + sizeof(CPUCommon),
           sizeof(CPUPPCState) - sizeof(CPUCommon));
    PPC_ENV(dst)->reserve_addr = ~0u;
}

static void ppc_tb_key(CPUCommon *c, uint32_t *pc, uint32_t *cs_base, uint32_t *flags)
{
    CPUPPCState *env = PPC_ENV(c);
    *pc = env->nip;
    *cs_base = 0;
    *flags = (env->fe_on & PPC_TBFLAG_FE) | (env->xer_so & 1) << 1;
}

static void ppc_restore_state(CPUCommon *c, const uint32_t *data)
{
    PPC_ENV(c)->nip = data[0];
}

static void ppc_handle_exception(CPUCommon *c, int excp)
{
    CPUPPCState *env = PPC_ENV(c);
    if (excp == EXCP_PPC_FPE) {
        force_sig(c, SIGFPE, (int)c->exception_arg, env->nip);
    }
    fatal(1, "internal error: PowerPC exception 0x%x at pc 0x%08x", excp, env->nip);
}

/* ---- Syscall ABI: nr in r0, arguments r3..r8, result r3, error CR0.SO ---- */

static uint32_t ppc_syscall_nr(CPUCommon *c)
{
    return PPC_ENV(c)->gpr[0];
}

static void ppc_syscall_args(CPUCommon *c, uint32_t args[6])
{
    memcpy(args, &PPC_ENV(c)->gpr[3], 6 * sizeof(uint32_t));
}

/* The kernel returns errors as a positive errno in r3 with CR0.SO set,
   and clears CR0.SO on success; the rest of CR0 is left alone. */
static void ppc_syscall_ret(CPUCommon *c, uint32_t ret)
{
    CPUPPCState *env = PPC_ENV(c);
    if (ret >= (uint32_t)-4095) {
        env->gpr[3] = -ret;
        env->crso[0] = 1;
    } else {
        env->gpr[3] = ret;
        env->crso[0] = 0;
    }
}

static void ppc_set_tls(CPUCommon *c, uint32_t tls)
{
    PPC_ENV(c)->gpr[2] = tls;
}

static void ppc_set_sp(CPUCommon *c, uint32_t sp)
{
    PPC_ENV(c)->gpr[1] = sp;
}

static uint32_t ppc_get_pc(CPUCommon *c)
{
    return PPC_ENV(c)->nip;
}

#define PPC_NR_PRCTL 171

/* prctl(PR_SET_FPEXC / PR_GET_FPEXC): the MSR FE0/FE1 mode.  Any mode but
   "disabled" makes enabled FPSCR exceptions raise SIGFPE, precisely. */
static bool ppc_arch_syscall(CPUCommon *c, uint32_t nr, const uint32_t args[6], uint32_t *ret)
{
    CPUPPCState *env = PPC_ENV(c);
    if (nr != PPC_NR_PRCTL || (args[0] != PR_SET_FPEXC && args[0] != PR_GET_FPEXC)) {
        return false;
    }
    if (args[0] == PR_GET_FPEXC) {
        *ret = put_user_u32(args[1], env->fpexc_mode) < 0 ? (uint32_t)-EFAULT : 0;
        return true;
    }
    uint32_t mode = args[1];
    if (mode & PR_FP_EXC_SW_ENABLE) {
        *ret = (uint32_t)-EINVAL; /* the SPE software mode: not this CPU */
        return true;
    }
    if (mode > PR_FP_EXC_PRECISE) {
        *ret = (uint32_t)-EINVAL;
        return true;
    }
    env->fpexc_mode = mode;
    env->fe_on = mode != PR_FP_EXC_DISABLED;
    *ret = 0;
    return true;
}

static void ppc_disas_mode(uint32_t flags, int *cs_arch, int *cs_mode)
{
    *cs_arch = CS_ARCH_PPC;
    *cs_mode = CS_MODE_32 | CS_MODE_BIG_ENDIAN;
}

/* ARCH_DLINFO (arch/powerpc/include/asm/elf.h): two AT_IGNOREPPC entries
   (glibc compatibility), then the cache block sizes. */
static int ppc_auxv_extra(const ImageInfo *img, uint32_t *aux, int max)
{
    static const uint32_t e[] = {
        22, 22, /* AT_IGNOREPPC */
        22, 22,
        19, PPC_CACHE_LINE, /* AT_DCACHEBSIZE */
        20, PPC_CACHE_LINE, /* AT_ICACHEBSIZE */
        21, 0,              /* AT_UCACHEBSIZE */
    };
    int n = (int)(sizeof e / sizeof e[0] / 2);
    if (n > max) {
        n = max;
    }
    memcpy(aux, e, (size_t)n * 2 * sizeof(uint32_t));
    /* Then the vDSO (the trampoline page), as the kernel's ARCH_DLINFO. */
    if (img->trampoline && n < max) {
        aux[2 * n] = 33; /* AT_SYSINFO_EHDR */
        aux[2 * n + 1] = img->trampoline;
        n++;
    }
    return n;
}

#define PPC_FEATURE2_ISEL 0x08000000u

const TargetOps ppc_target = {
    .name = "ppc",
    .elf_machine = EM_PPC,
    .big_endian = true,
    .shmlba = 4096,
    .uname_machine = "ppc",
    .platform = "ppc7450",
    .hwcap = PPC_FEATURE_32 | PPC_FEATURE_HAS_FPU | PPC_FEATURE_HAS_MMU,
    .hwcap2 = PPC_FEATURE2_ISEL,
    .has_hwcap2 = true,
    .stack_align = 16,
    .cpu_size = sizeof(CPUPPCState),
    .pc_offset = PPC_OFF(nip),
    .cs_base_offset = -1,
    .insn_start_words = 1,
    .tcg_init = ppc_tcg_init,
    .cpu_reset = ppc_cpu_reset,
    .cpu_copy = ppc_cpu_copy,
    .tb_key = ppc_tb_key,
    .translate = ppc_translate,
    .flags_killed = ppc_flags_killed,
    .restore_state = ppc_restore_state,
    .handle_exception = ppc_handle_exception,
    .syscall_nr = ppc_syscall_nr,
    .syscall_args = ppc_syscall_args,
    .syscall_ret = ppc_syscall_ret,
    .arch_syscall = ppc_arch_syscall,
    .syscalls = &ppc_syscalls,
    .abi = &abi_ppc,
    .set_tls = ppc_set_tls,
    .set_sp = ppc_set_sp,
    .get_pc = ppc_get_pc,
    .disas_mode = ppc_disas_mode,
    .setup_frame = ppc_setup_frame,
    .sigreturn = ppc_sigreturn,
    .swapcontext = ppc_swapcontext,
    .syscall_restart = ppc_syscall_restart,
    .get_sp = ppc_get_sp,
    .fill_trampoline = ppc_fill_trampoline,
    .trampoline_label = "[vdso]",
    .auxv_extra = ppc_auxv_extra,
    .cpuinfo = ppc_cpuinfo,
    .cpu_models = ppc_cpu_models,
    .core_regs = ppc_core_regs,
    .core_regs_extra = ppc_core_fpregs,
    .gdb_xml = ppc_gdb_xml,
    .gdb_num_regs = 71, /* r0-r31, pc msr cr lr ctr xer, f0-f31, fpscr: gdb.c */
    .gdb_read_reg = ppc_gdb_read_reg,
    .gdb_write_reg = ppc_gdb_write_reg,
    .regpair_aligned = true,
    .cross_sysroot = "/usr/powerpc-linux-gnu",
};
