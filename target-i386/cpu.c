/*
 * i386 (IA-32 Linux, user mode) target description: the TargetOps for the
 * core, the int $0x80 syscall ABI, and the segment syscalls
 * (set_thread_area / get_thread_area with the three GDT TLS entries 12..14,
 * modify_ldt with a process-wide LDT, vm86 answering ENOSYS as a 64-bit
 * kernel does).
 */
#include <capstone/capstone.h>
#include <elf.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "include/guest.h"
#include "linux-user/syscall-priv.h"
#include "linux-user/user.h"
#include "syscall-tables/tables.h"
#include "guest-abi.h"
#include "target-i386/cpu.h"
#include "target-i386/translate.h"
#include "include/forklocks.h"

#define X86_ENV(e) ((CPUX86State *)(e))

static void x86_cpu_reset(CPUCommon *c, uint32_t entry, uint32_t sp)
{
    CPUX86State *env = X86_ENV(c);
    CPUCommon common = env->common;
    memset(env, 0, sizeof *env);
    env->common = common;
    env->eip = entry;
    env->regs[R_ESP] = sp;
    env->cc_op = CC_OP_EFLAGS;
    env->cc_src = 0;
    env->df = 1;
    env->segs[R_CS] = X86_USER_CS;
    env->segs[R_DS] = env->segs[R_ES] = env->segs[R_SS] = X86_USER_DS;
    x86_fpu_reset(env);
    env->mxcsr = 0x1f80;
    x86_update_hflags(env);
}

static void x86_cpu_copy(CPUCommon *dst, const CPUCommon *src)
{
    memcpy((char *)dst + sizeof(CPUCommon), (const char *)src + sizeof(CPUCommon),
           sizeof(CPUX86State) - sizeof(CPUCommon));
    /* the flags the parent's SSE operations left in its host MXCSR */
    X86_ENV(dst)->mxcsr = x86_mxcsr_peek(X86_ENV((CPUCommon *)src));
}

static void x86_tb_key(CPUCommon *c, uint32_t *pc, uint32_t *cs_base, uint32_t *flags)
{
    CPUX86State *env = X86_ENV(c);
    *pc = env->eip;
    *cs_base = 0;
    *flags = env->hflags;
}

static void x86_restore_state(CPUCommon *c, const uint32_t *data)
{
    CPUX86State *env = X86_ENV(c);
    env->eip = data[0];
    if (data[1] != CC_OP_DYNAMIC)
        env->cc_op = data[1];
}

static void x86_handle_exception(CPUCommon *c, int excp)
{
    CPUX86State *env = X86_ENV(c);
    switch (excp) {
    case EXCP_X86_DE:
        force_sig(c, SIGFPE, FPE_INTDIV, env->eip);
    case EXCP_X86_GP:
        force_sig(c, SIGSEGV, SI_KERNEL, 0);
    case EXCP_X86_INT3:
        force_sig(c, SIGTRAP, SI_KERNEL, 0);
    case EXCP_X86_UD:
        force_sig(c, SIGILL, ILL_ILLOPN, env->eip);
    case EXCP_X86_MF:
    case EXCP_X86_XM:
        env->fpe_trapno = excp == EXCP_X86_XM ? 19 : 16;
        force_sig(c, SIGFPE, env->common.exception_arg, env->eip);
    default:
        fatal(1, "internal error: i386 exception 0x%x at eip 0x%08x", excp, env->eip);
    }
}

/* ---- Syscall ABI: int $0x80, nr in eax, arguments ebx ecx edx esi edi ebp ---- */

static uint32_t x86_syscall_nr(CPUCommon *c) { return X86_ENV(c)->regs[R_EAX]; }

static void x86_syscall_args(CPUCommon *c, uint32_t args[6])
{
    const uint32_t *r = X86_ENV(c)->regs;
    args[0] = r[R_EBX];
    args[1] = r[R_ECX];
    args[2] = r[R_EDX];
    args[3] = r[R_ESI];
    args[4] = r[R_EDI];
    args[5] = r[R_EBP];
}

static void x86_syscall_ret(CPUCommon *c, uint32_t ret) { X86_ENV(c)->regs[R_EAX] = ret; }

void x86_syscall_restart(CPUCommon *c, uint32_t nr, const uint32_t args[6])
{
    CPUX86State *env = X86_ENV(c);
    env->regs[R_EAX] = nr;
    env->eip -= 2; /* int $0x80 */
}

uint32_t x86_get_sp(CPUCommon *c) { return X86_ENV(c)->regs[R_ESP]; }

static void x86_set_sp(CPUCommon *c, uint32_t sp) { X86_ENV(c)->regs[R_ESP] = sp; }

static uint32_t x86_get_pc(CPUCommon *c) { return X86_ENV(c)->eip; }

/* ---- Descriptors (struct user_desc) ---- */

/* user_desc flag bits (the bitfield word). */
#define UD_SEG_32BIT 1u
#define UD_CONTENTS(f) (((f) >> 1) & 3)
#define UD_READ_EXEC_ONLY 8u
#define UD_LIMIT_IN_PAGES 16u
#define UD_SEG_NOT_PRESENT 32u
#define UD_USEABLE 64u
#define DESC_PRESENT (1u << 31)

typedef struct UserDesc {
    uint32_t entry_number, base_addr, limit, flags;
} UserDesc;

/* LDT_empty / LDT_zero of the kernel: the descriptor is cleared. */
static bool ud_clears(const UserDesc *u, bool oldmode)
{
    if (u->base_addr == 0 && u->limit == 0 && (oldmode || (u->flags & 0x7f) == 0))
        return true;
    return u->base_addr == 0 && u->limit == 0 &&
           (u->flags & 0x7f) == (UD_READ_EXEC_ONLY | UD_SEG_NOT_PRESENT);
}

static X86Desc desc_of(const UserDesc *u)
{
    uint32_t present = (u->flags & UD_SEG_NOT_PRESENT) ? 0 : DESC_PRESENT;
    return (X86Desc){ u->base_addr, u->limit, (u->flags & 0x7f) | present };
}

static void ud_of(const X86Desc *d, uint32_t entry, UserDesc *u)
{
    u->entry_number = entry;
    u->base_addr = d->base;
    u->limit = d->limit;
    u->flags = d->flags & 0x7f;
    if (!(d->flags & 0x7fffffffu) && !d->base && !d->limit && !(d->flags & DESC_PRESENT))
        u->flags = UD_READ_EXEC_ONLY | UD_SEG_NOT_PRESENT; /* an empty entry */
}

/* Reload the bases of the segment registers that hold selector sel. */
static void reload_segs(CPUX86State *env)
{
    for (int s = 0; s < 6; s++) {
        uint32_t sel = env->segs[s];
        X86Desc d;
        if ((sel & ~3u) && s != R_CS)
            env->seg_base[s] = x86_desc_of(env, sel, &d) ? d.base : 0;
    }
    x86_update_hflags(env);
}

static long read_user_desc(uint32_t addr, UserDesc *u)
{
    uint32_t w[4];
    if (get_user_u32s(w, addr, 4) < 0)
        return -EFAULT;
    *u = (UserDesc){ w[0], w[1], w[2], w[3] };
    return 0;
}

/* set_thread_area semantics on env (the kernel's do_set_thread_area). */
static long do_set_thread_area(CPUX86State *env, uint32_t uaddr, bool can_allocate)
{
    UserDesc u;
    if (read_user_desc(uaddr, &u) < 0)
        return -EFAULT;
    uint32_t idx = u.entry_number;
    if (idx == 0xffffffffu && can_allocate) {
        for (idx = 0; idx < X86_TLS_ENTRIES; idx++) {
            const X86Desc *d = &env->tls[idx];
            if (!d->base && !d->limit && !d->flags)
                break;
        }
        if (idx == X86_TLS_ENTRIES)
            return -ESRCH;
        idx += X86_TLS_MIN;
        if (put_user_u32(uaddr, idx) < 0)
            return -EFAULT;
    }
    if (idx < X86_TLS_MIN || idx >= X86_TLS_MIN + X86_TLS_ENTRIES)
        return -EINVAL;
    bool clear = ud_clears(&u, false);
    if (!clear && (!(u.flags & UD_SEG_32BIT) || UD_CONTENTS(u.flags) > 1 || (u.flags & UD_SEG_NOT_PRESENT)))
        return -EINVAL;
    env->tls[idx - X86_TLS_MIN] = clear ? (X86Desc){ 0, 0, 0 } : desc_of(&u);
    reload_segs(env);
    return 0;
}

static long do_get_thread_area(CPUX86State *env, uint32_t uaddr)
{
    uint32_t idx;
    if (get_user_u32s(&idx, uaddr, 1) < 0)
        return -EFAULT;
    if (idx < X86_TLS_MIN || idx >= X86_TLS_MIN + X86_TLS_ENTRIES)
        return -EINVAL;
    UserDesc u;
    ud_of(&env->tls[idx - X86_TLS_MIN], idx, &u);
    const uint32_t w[4] = { u.entry_number, u.base_addr, u.limit, u.flags };
    for (int i = 0; i < 4; i++)
        if (put_user_u32(uaddr + 4 * (uint32_t)i, w[i]) < 0)
            return -EFAULT;
    return 0;
}

/* ---- The LDT (modify_ldt): one per process ---- */

#define LDT_ENTRIES 8192
static X86Desc *ldt;
static uint32_t ldt_count; /* entries in use (highest + 1) */
static FORK_LOCK pthread_mutex_t ldt_lock = PTHREAD_MUTEX_INITIALIZER;

/* fork: taken across it, so a child never inherits it held by a thread it
   does not have (an innermost lock: registered early, prepared late). */
static void ldt_fork_prepare(void) { pthread_mutex_lock(&ldt_lock); }
static void ldt_fork_parent(void) { pthread_mutex_unlock(&ldt_lock); }
static void ldt_fork_child(void) { pthread_mutex_init(&ldt_lock, NULL); }
__attribute__((constructor(102))) static void ldt_fork_init(void)
{
    pthread_atfork(ldt_fork_prepare, ldt_fork_parent, ldt_fork_child);
}

bool x86_ldt_get(uint32_t idx, X86Desc *d)
{
    bool ok = false;
    pthread_mutex_lock(&ldt_lock);
    if (ldt && idx < ldt_count) {
        *d = ldt[idx];
        ok = d->flags & DESC_PRESENT;
    }
    pthread_mutex_unlock(&ldt_lock);
    return ok;
}

/* The raw 8-byte descriptor (the kernel's fill_ldt). */
static uint64_t raw_desc(const X86Desc *d)
{
    if (!d->flags && !d->base && !d->limit)
        return 0;
    uint32_t f = d->flags;
    uint32_t type = ((f & UD_READ_EXEC_ONLY) ? 0 : 2) | UD_CONTENTS(f) << 2 | 1;
    uint32_t lo = (d->limit & 0xffff) | (d->base & 0xffff) << 16;
    uint32_t hi = ((d->base >> 16) & 0xff) | type << 8 | 1u << 12 | 3u << 13 |
                  ((f & DESC_PRESENT) ? 1u << 15 : 0) | (d->limit & 0xf0000) |
                  ((f & UD_USEABLE) ? 1u << 20 : 0) | ((f & UD_SEG_32BIT) ? 1u << 22 : 0) |
                  ((f & UD_LIMIT_IN_PAGES) ? 1u << 23 : 0) | (d->base & 0xff000000u);
    return (uint64_t)hi << 32 | lo;
}

long x86_modify_ldt(uint32_t func, uint32_t ptr, uint32_t count)
{
    switch (func) {
    case 0: { /* read */
        pthread_mutex_lock(&ldt_lock);
        uint32_t size = ldt_count * 8;
        if (count > size)
            count = size;
        long r = (long)count;
        for (uint32_t off = 0; off < count && r >= 0; off += 8) {
            uint64_t raw = raw_desc(&ldt[off / 8]);
            uint32_t n = count - off < 8 ? count - off : 8;
            if (copy_to_guest(ptr + off, &raw, n) < 0)
                r = -EFAULT;
        }
        pthread_mutex_unlock(&ldt_lock);
        return r;
    }
    case 2: { /* read the default LDT: zeros */
        uint32_t n = count < 128 ? count : 128;
        static const uint8_t zeros[128];
        return copy_to_guest(ptr, zeros, n) < 0 ? -EFAULT : (long)n;
    }
    case 1: case 0x11: {
        bool oldmode = func == 1;
        if (count != sizeof(UserDesc))
            return -EINVAL;
        UserDesc u;
        if (read_user_desc(ptr, &u) < 0)
            return -EFAULT;
        if (u.entry_number >= LDT_ENTRIES)
            return -EINVAL;
        if (UD_CONTENTS(u.flags) == 3 && (oldmode || !(u.flags & UD_SEG_NOT_PRESENT)))
            return -EINVAL;
        if (oldmode)
            u.flags &= ~UD_USEABLE;
        X86Desc d = ud_clears(&u, oldmode) ? (X86Desc){ 0, 0, 0 } : desc_of(&u);
        pthread_mutex_lock(&ldt_lock);
        if (!ldt) {
            ldt = calloc(LDT_ENTRIES, sizeof *ldt);
            if (!ldt) {
                pthread_mutex_unlock(&ldt_lock);
                return -ENOMEM;
            }
        }
        ldt[u.entry_number] = d;
        if (u.entry_number >= ldt_count)
            ldt_count = u.entry_number + 1;
        pthread_mutex_unlock(&ldt_lock);
        return 0;
    }
    default:
        return -ENOSYS;
    }
}

/* i386 syscalls the generic layer does not have (numbers of the i386
   table). */
enum { NR_modify_ldt = 123, NR_vm86old = 113, NR_vm86 = 166, NR_set_thread_area = 243,
       NR_get_thread_area = 244 };

static bool x86_arch_syscall(CPUCommon *c, uint32_t nr, const uint32_t args[6], uint32_t *ret)
{
    CPUX86State *env = X86_ENV(c);
    long r;
    switch (nr) {
    case NR_set_thread_area:
        r = do_set_thread_area(env, args[0], true);
        break;
    case NR_get_thread_area:
        r = do_get_thread_area(env, args[0]);
        break;
    case NR_modify_ldt:
        r = x86_modify_ldt(args[0], args[1], args[2]);
        if (r >= 0 && (args[0] == 1 || args[0] == 0x11))
            reload_segs(env);
        break;
    case NR_vm86old:
    case NR_vm86:
        r = -ENOSYS; /* as a 64-bit kernel answers */
        break;
    default:
        return false;
    }
    *ret = (uint32_t)r;
    return true;
}

/* clone(CLONE_SETTLS): tls points at a struct user_desc for the child. */
static void x86_set_tls(CPUCommon *c, uint32_t tls)
{
    do_set_thread_area(X86_ENV(c), tls, false);
}

static void x86_disas_mode(uint32_t flags, int *cs_arch, int *cs_mode)
{
    *cs_arch = CS_ARCH_X86;
    *cs_mode = CS_MODE_32;
}

/* Nothing to map: i386 has no kuser page (the signal trampoline page is
   the loader's, fill_trampoline). */
static void x86_process_init(void) {}

/* The trampoline page: the kernel's sigreturn sequences for handlers
   without SA_RESTORER (the vDSO's __kernel_sigreturn and
   __kernel_rt_sigreturn) and __kernel_vsyscall. */
void x86_fill_trampoline(uint8_t *page, uint32_t addr);

/* AT_SYSINFO: __kernel_vsyscall, first as the kernel's ARCH_DLINFO puts it
   (no AT_SYSINFO_EHDR: there is no vDSO image). */
static int x86_auxv_extra(const ImageInfo *img, uint32_t *aux, int max)
{
    if (max < 1 || !img->trampoline)
        return 0;
    aux[0] = AT_SYSINFO;
    aux[1] = img->trampoline + X86_TRAMP_VSYSCALL_OFF;
    return 1;
}

const TargetOps i386_target = {
    .name = "i386",
    .elf_machine = EM_386,
    .big_endian = false,
    .shmlba = 4096,
    .uname_machine = "i686",
    .platform = "i686",
    .hwcap = X86_CPUID_EDX1,
    .get_hwcap = x86_hwcap,
    .has_hwcap2 = false,
    .stack_align = 16,
    .cpu_size = sizeof(CPUX86State),
    .pc_offset = X86_OFF(eip),
    .cs_base_offset = -1,
    .insn_start_words = 2,
    .tcg_init = i386_tcg_init,
    .cpu_reset = x86_cpu_reset,
    .cpu_copy = x86_cpu_copy,
    .tb_key = x86_tb_key,
    .translate = i386_translate,
    .flags_killed = i386_flags_killed,
    .restore_state = x86_restore_state,
    .handle_exception = x86_handle_exception,
    .syscall_nr = x86_syscall_nr,
    .syscall_args = x86_syscall_args,
    .syscall_ret = x86_syscall_ret,
    .arch_syscall = x86_arch_syscall,
    .syscalls = &i386_syscalls,
    .abi = &abi_i386,
    .set_tls = x86_set_tls,
    .set_sp = x86_set_sp,
    .get_pc = x86_get_pc,
    .disas_mode = x86_disas_mode,
    .process_init = x86_process_init,
    .setup_frame = x86_setup_frame,
    .sigreturn = x86_sigreturn,
    .syscall_restart = x86_syscall_restart,
    .get_sp = x86_get_sp,
    .fill_trampoline = x86_fill_trampoline,
    .trampoline_label = "[sigpage]",
    .auxv_extra = x86_auxv_extra,
    .cpuinfo = x86_cpuinfo,
    .cpu_models = x86_cpu_models,
    .regpair_aligned = false,
    .cross_sysroot = "/usr/i686-linux-gnu",
    .core_regs = i386_core_regs,
    .core_regs_extra = i386_core_fpregs,
    .core_uid16 = true,
    .gdb_xml = i386_gdb_xml,
    .gdb_num_regs = 42, /* core 0-31, sse 32-40, orig_eax 41: gdb.c */
    .gdb_read_reg = i386_gdb_read_reg,
    .gdb_write_reg = i386_gdb_write_reg,
};
