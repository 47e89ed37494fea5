/*
 * PowerPC (32-bit) signal frames, laid out as Linux's
 * arch/powerpc/kernel/signal_32.c does (sizes checked against the cross
 * compiler's <asm/ucontext.h>, <asm/sigcontext.h>, <asm/elf.h>):
 *
 *   struct sigframe    { struct sigcontext sctx (32 bytes); struct mcontext
 *                        mctx (16-aligned, 992); int abigap[56]; }
 *   struct rt_sigframe { siginfo (128); struct ucontext uc (1184);
 *                        int abigap[56]; }
 *   struct mcontext    { u32 mc_gregs[48]; double mc_fregs[33] (fpr0-31,
 *                        then the FPSCR in the low word of the last);
 *                        u32 mc_pad[2] (the li r0,NR; sc trampoline);
 *                        vector mc_vregs[33] (16-aligned; no AltiVec: 0) }
 *
 * The handler starts with r1 = the frame minus __SIGNAL_FRAMESIZE (64,
 * plus 16 for rt) holding a back chain to the interrupted r1, r3 = sig,
 * r4 = &sctx (or &info, r5 = &uc, r6 = the frame for rt), LR = the return
 * trampoline: __kernel_sigtramp32 / __kernel_sigtramp_rt32 in the [vdso]
 * (target-ppc/vdso/vdso32.S, whose unwind information describes these
 * frames: keep the two in step) and, as the kernel also writes it, a copy in
 * mc_pad.  Everything is written in guest (big-endian) byte order.
 */
#include <signal.h>
#include <stddef.h>
#include <string.h>

#include "guest-abi.h"
#include "linux-user/abi-conv.h"
#include "linux-user/signal-priv.h"
#include "target-ppc/cpu.h"

#define PPC_ENV(e) ((CPUPPCState *)(e))

enum {
    PT_NIP = 32, PT_MSR = 33, PT_ORIG_R3 = 34, PT_CTR = 35, PT_LNK = 36, PT_XER = 37,
    PT_CCR = 38, PT_TRAP = 40, PT_DAR = 41, PT_DSISR = 42, PT_RESULT = 43, ELF_NGREG = 48,
};

/* struct mcontext */
#define MC_GREGS 0
#define MC_FREGS (ELF_NGREG * 4)         /* 192 */
#define MC_PAD (MC_FREGS + 33 * 8)       /* 456 */
#define MC_SIZE 992
/* struct sigcontext: _unused[4], signal, handler, oldmask, regs */
#define SC_UNUSED3 12
#define SC_SIGNAL 16
#define SC_HANDLER 20
#define SC_OLDMASK 24
#define SC_REGS 28
#define SC_SIZE 32
/* struct sigframe */
#define SF_MCTX 32
#define SF_SIZE (SF_MCTX + MC_SIZE + 56 * 4)   /* 1248 */
/* struct ucontext */
#define UC_STACK 8
#define UC_REGS 48
#define UC_SIGMASK 52
#define UC_MCONTEXT 192
#define UC_SIZE (UC_MCONTEXT + MC_SIZE)        /* 1184 */
/* struct rt_sigframe */
#define RT_UC 128
#define RT_SIZE (RT_UC + UC_SIZE + 56 * 4)     /* 1536 */

#define SIGNAL_FRAMESIZE 64
#define NR_SIGRETURN 119
#define NR_RT_SIGRETURN 172
/* MSR of a user process: EE PR FP ME IR DR RI, and FE0/FE1 for the FP
   exception mode. */
#define MSR_USER 0xf032u
#define MSR_FE0 0x800u
#define MSR_FE1 0x100u
#define MSR_LE 1u

static uint32_t li_r0(uint32_t nr) { return 0x38000000u | nr; }
#define INSN_SC 0x44000002u

#include "target-ppc/vdso-image.c.inc"

_Static_assert(sizeof ppc_vdso_image <= GUEST_PAGE_SIZE, "the vDSO fits the trampoline page");

/* The trampoline page is the vDSO: an ELF image linked at 0, copied as is
   (glibc relocates it by where it is mapped, AT_SYSINFO_EHDR). */
void ppc_fill_trampoline(uint8_t *page, uint32_t addr)
{
    (void)addr;
    memcpy(page, ppc_vdso_image, sizeof ppc_vdso_image);
}

static uint32_t ppc_msr(const CPUPPCState *env)
{
    uint32_t msr = MSR_USER;
    if (env->fpexc_mode == 1 || env->fpexc_mode == 3) msr |= MSR_FE1;
    if (env->fpexc_mode >= 2) msr |= MSR_FE0;
    return msr;
}

/* save_user_regs: the registers into the mcontext image at mc (general
   registers, then the FPRs and the FPSCR; not the trap fields nor mc_pad). */
static void save_mcontext(const CPUPPCState *env, uint8_t *mc)
{
    for (int i = 0; i < 32; i++) {
        st_guest_u32(mc + MC_GREGS + 4 * i, env->gpr[i]);
    }
    st_guest_u32(mc + 4 * PT_NIP, env->nip);
    st_guest_u32(mc + 4 * PT_MSR, ppc_msr(env));
    st_guest_u32(mc + 4 * PT_ORIG_R3, env->gpr[3]);
    st_guest_u32(mc + 4 * PT_CTR, env->ctr);
    st_guest_u32(mc + 4 * PT_LNK, env->lr);
    st_guest_u32(mc + 4 * PT_XER, ppc_get_xer(env));
    st_guest_u32(mc + 4 * PT_CCR, ppc_get_cr(env));
    for (int i = 0; i < 32; i++) {
        st_guest_u64(mc + MC_FREGS + 8 * i, env->fpr[i]);
    }
    st_guest_u64(mc + MC_FREGS + 8 * 32, env->fpscr);
}

/* A signal frame's mcontext: the registers, the interrupt that delivered
   sig as the kernel records it (0x300 data storage, 0x700 program check
   for SIGILL/SIGFPE/SIGTRAP, else 0 here) and the sigreturn trampoline. */
static void save_sig_mcontext(const CPUPPCState *env, uint8_t *mc, uint32_t nr_sigret, int sig, const GuestSiginfo *info)
{
    save_mcontext(env, mc);
    bool fault = info->code > 0;
    uint32_t trap = 0;
    if (fault && (sig == SIGSEGV || sig == SIGBUS)) {
        trap = 0x300;
        st_guest_u32(mc + 4 * PT_DAR, info->f[0]);
    } else if (fault && (sig == SIGILL || sig == SIGFPE || sig == SIGTRAP)) {
        trap = 0x700;
    }
    st_guest_u32(mc + 4 * PT_TRAP, trap);
    st_guest_u32(mc + MC_PAD, li_r0(nr_sigret));
    st_guest_u32(mc + MC_PAD + 4, INSN_SC);
}

/* restore_user_regs: false if the image is unusable.  sig: a signal
   return, which takes the MSR's LE bit from the image (refused: mimic runs
   big-endian code only); setcontext (swapcontext) ignores the MSR and keeps
   r2, the thread pointer, as it is. */
static bool restore_mcontext(CPUPPCState *env, const uint8_t *mc, bool sig)
{
    uint32_t msr = ld_guest_u32(mc + 4 * PT_MSR);
    if (sig && (msr & MSR_LE)) {
        return false;
    }
    uint32_t r2 = env->gpr[2];
    for (int i = 0; i < 32; i++) {
        env->gpr[i] = ld_guest_u32(mc + MC_GREGS + 4 * i);
    }
    if (!sig) {
        env->gpr[2] = r2;
    }
    env->nip = ld_guest_u32(mc + 4 * PT_NIP);
    env->ctr = ld_guest_u32(mc + 4 * PT_CTR);
    env->lr = ld_guest_u32(mc + 4 * PT_LNK);
    ppc_set_xer(env, ld_guest_u32(mc + 4 * PT_XER));
    ppc_set_cr(env, ld_guest_u32(mc + 4 * PT_CCR));
    for (int i = 0; i < 32; i++) {
        env->fpr[i] = ld_guest_u64(mc + MC_FREGS + 8 * i);
    }
    env->fpscr = ppc_fpscr_summary((uint32_t)ld_guest_u64(mc + MC_FREGS + 8 * 32));
    env->reserve_addr = ~0u;
    return true;
}

static void put_sigmask(uint8_t *p, uint64_t blocked)
{
    uint64_t g = sigset_to_guest(blocked);
    st_guest_u32(p, (uint32_t)g);
    st_guest_u32(p + 4, (uint32_t)(g >> 32));
}

bool ppc_setup_frame(CPUCommon *c, int sig, const GuestSiginfo *info, const GuestSigaction *ka, uint64_t blocked)
{
    CPUPPCState *env = PPC_ENV(c);
    bool rt = ka->flags & GUEST_SA_SIGINFO;
    uint32_t sp = env->gpr[1];
    uint32_t size = rt ? RT_SIZE : SF_SIZE;
    uint32_t frame = (signal_frame_sp(ka->flags, sp) - size) & ~15u;
    static __thread uint8_t buf[RT_SIZE];
    memset(buf, 0, size);
    uint32_t newsp, retaddr;
    int gsig = signal_to_guest(sig);

    if (rt) {
        siginfo_to_guest(buf, info);
        uint8_t *uc = buf + RT_UC;
        GuestStack st;
        altstack_save(&st, sp);
        stack_to_guest(uc + UC_STACK, &st);
        st_guest_u32(uc + UC_REGS, frame + RT_UC + UC_MCONTEXT);
        put_sigmask(uc + UC_SIGMASK, blocked);
        save_sig_mcontext(env, uc + UC_MCONTEXT, NR_RT_SIGRETURN, sig, info);
        retaddr = image.trampoline ? image.trampoline + PPC_VDSO_SIGTRAMP_RT32 : frame + RT_UC + UC_MCONTEXT + MC_PAD;
        newsp = frame - (SIGNAL_FRAMESIZE + 16);
    } else {
        uint64_t g = sigset_to_guest(blocked);
        st_guest_u32(buf + SC_HANDLER, ka->handler);
        st_guest_u32(buf + SC_OLDMASK, (uint32_t)g);
        st_guest_u32(buf + SC_UNUSED3, (uint32_t)(g >> 32));
        st_guest_u32(buf + SC_REGS, frame + SF_MCTX);
        st_guest_u32(buf + SC_SIGNAL, (uint32_t)gsig);
        save_sig_mcontext(env, buf + SF_MCTX, NR_SIGRETURN, sig, info);
        retaddr = image.trampoline ? image.trampoline + PPC_VDSO_SIGTRAMP32 : frame + SF_MCTX + MC_PAD;
        newsp = frame - SIGNAL_FRAMESIZE;
    }
    if (copy_to_guest(frame, buf, size) < 0) {
        return false;
    }
    uint8_t chain[4];
    st_guest_u32(chain, sp);
    if (copy_to_guest(newsp, chain, 4) < 0) {
        return false;
    }
    env->gpr[1] = newsp;
    env->gpr[3] = (uint32_t)gsig;
    if (rt) {
        env->gpr[4] = frame;
        env->gpr[5] = frame + RT_UC;
        env->gpr[6] = frame;
    } else {
        env->gpr[4] = frame;
    }
    env->lr = retaddr;
    env->nip = ka->handler;
    env->reserve_addr = ~0u;
    return true;
}

/* do_setcontext: the mask and the registers of the ucontext at uc (its
   uc_regs names the mcontext); head gets the ucontext's first bytes. */
static bool do_setcontext(CPUPPCState *env, uint32_t uc, bool sig, uint8_t head[UC_MCONTEXT])
{
    uint8_t mc[MC_SIZE];
    if (copy_from_guest(head, uc, UC_MCONTEXT) < 0) {
        return false;
    }
    uint32_t regs = ld_guest_u32(head + UC_REGS);
    uint64_t mask = (uint64_t)ld_guest_u32(head + UC_SIGMASK + 4) << 32 | ld_guest_u32(head + UC_SIGMASK);
    if (copy_from_guest(mc, regs, sizeof mc) < 0) {
        return false;
    }
    signal_set_blocked(sigset_to_host(mask));
    return restore_mcontext(env, mc, sig);
}

bool ppc_sigreturn(CPUCommon *c, bool rt)
{
    CPUPPCState *env = PPC_ENV(c);
    if (rt) {
        uint8_t head[UC_MCONTEXT];
        if (!do_setcontext(env, env->gpr[1] + SIGNAL_FRAMESIZE + 16 + RT_UC, true, head)) {
            return false;
        }
        GuestStack st;
        stack_from_guest(&st, head + UC_STACK);
        altstack_restore(&st, env->gpr[1]);
        return true;
    }
    uint8_t mc[MC_SIZE];
    uint32_t sc = env->gpr[1] + SIGNAL_FRAMESIZE;
    uint8_t sctx[SC_SIZE];
    if (copy_from_guest(sctx, sc, sizeof sctx) < 0) {
        return false;
    }
    uint64_t mask = (uint64_t)ld_guest_u32(sctx + SC_UNUSED3) << 32 | ld_guest_u32(sctx + SC_OLDMASK);
    if (copy_from_guest(mc, ld_guest_u32(sctx + SC_REGS), sizeof mc) < 0) {
        return false;
    }
    signal_set_blocked(sigset_to_host(mask));
    return restore_mcontext(env, mc, true);
}

/* swapcontext(old_ctx, new_ctx, ctx_size), PowerPC's syscall 249, which
   glibc's getcontext (new_ctx NULL), setcontext (old_ctx NULL) and
   swapcontext are: as the kernel's sys_swapcontext (signal_32.c, a CPU
   without VSX: ctx_size must hold struct ucontext).  old_ctx gets the
   registers as they are at the sc (r3 the first argument, CR0.SO clear as
   the syscall entry leaves it, nip after the sc), the blocked mask and
   uc_regs = its mcontext (uc_mcontext rounded down to 16 bytes); then
   new_ctx's mask and registers are loaded (r2 stays) and nothing is
   stored as a result. */
long ppc_swapcontext(CPUCommon *c, uint32_t old_ctx, uint32_t new_ctx, uint32_t ctx_size)
{
    CPUPPCState *env = PPC_ENV(c);
    if (new_ctx) {
        uint32_t msr;
        if (get_user_u32(new_ctx + UC_MCONTEXT + 4 * PT_MSR, &msr) < 0) {
            return -EFAULT;
        }
    }
    if (ctx_size < UC_SIZE) {
        return -EINVAL;
    }
    if (old_ctx) {
        uint32_t mctx = (old_ctx + UC_MCONTEXT) & ~15u;
        uint8_t mc[MC_PAD];
        uint8_t word[4];
        if (!guest_ok_write(old_ctx, ctx_size)) {
            return -EFAULT;
        }
        memset(mc, 0, sizeof mc);
        save_mcontext(env, mc);
        st_guest_u32(mc + 4 * PT_CCR, ppc_get_cr(env) & ~0x10000000u);
        st_guest_u32(mc + 4 * PT_TRAP, 0xc00); /* the system call interrupt */
        uint8_t sigmask[8];
        put_sigmask(sigmask, guest_sigmask);
        st_guest_u32(word, mctx);
        if (copy_to_guest(mctx, mc, sizeof mc) < 0 || copy_to_guest(old_ctx + UC_SIGMASK, sigmask, 8) < 0 ||
            copy_to_guest(old_ctx + UC_REGS, word, 4) < 0) {
            return -EFAULT;
        }
    }
    if (!new_ctx) {
        return 0;
    }
    if (!guest_ok_read(new_ctx, ctx_size)) {
        return -EFAULT;
    }
    uint8_t head[UC_MCONTEXT];
    if (!do_setcontext(env, new_ctx, false, head)) {
        /* The kernel kills the task: its registers may be half loaded. */
        force_sig(c, SIGSEGV, SI_KERNEL, 0);
    }
    return SYSCALL_REGS_RESTORED;
}

/* r0 (the number) and r4..r8 survive a syscall; r3 is both the first
   argument and the result (the kernel's orig_gpr3). */
void ppc_syscall_restart(CPUCommon *c, uint32_t nr, const uint32_t args[6])
{
    CPUPPCState *env = PPC_ENV(c);
    env->gpr[0] = nr;
    env->gpr[3] = args[0];
    env->nip -= 4;
}

uint32_t ppc_get_sp(CPUCommon *c)
{
    return PPC_ENV(c)->gpr[1];
}
