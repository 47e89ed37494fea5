/*
 * i386 signal frames, laid out as Linux's ia32 code does
 * (arch/x86/kernel/signal_32.c / ia32_signal.c, asm/sigframe.h):
 *
 *   struct sigframe    { u32 pretcode; int sig; struct sigcontext sc;
 *                        struct _fpstate fpstate_unused; u32 extramask[1];
 *                        char retcode[8]; }                     (sa_handler)
 *   struct rt_sigframe { u32 pretcode; int sig; u32 pinfo; u32 puc;
 *                        siginfo info; struct ucontext uc; char retcode[8]; }
 *
 * Below the frame (at higher addresses) is the math frame that
 * sc.fpstate points at: the 112-byte fsave-format header (environment,
 * the eight registers, status word, magic 0 = "fxsave data follows") and
 * the 512-byte fxsave image, 64-byte aligned.  The handler starts with
 * eax = sig, edx = &info, ecx = &uc, esp at pretcode (so esp + 4 is 16-byte
 * aligned, as after a call), DF and TF clear.
 */
#include <signal.h>
#include <stddef.h>
#include <string.h>

#include "linux-user/signal-priv.h"
#include "target-i386/cpu.h"

#define X86_ENV(e) ((CPUX86State *)(e))

typedef struct X86Sigcontext {
    uint32_t gs, fs, es, ds;
    uint32_t edi, esi, ebp, esp, ebx, edx, ecx, eax;
    uint32_t trapno, err, eip, cs, eflags, esp_at_signal, ss;
    uint32_t fpstate, oldmask, cr2;
} X86Sigcontext;
_Static_assert(sizeof(X86Sigcontext) == 88, "sigcontext_32");

#define FPSTATE_SIZE 624 /* struct _fpstate_32: fsave header 112 + fxsave 512 */
#define FXSR_OFF 112

typedef struct X86Sigframe {
    uint32_t pretcode;
    int32_t sig;
    X86Sigcontext sc;
    uint8_t fpstate_unused[FPSTATE_SIZE];
    uint32_t extramask;
    uint8_t retcode[8];
} X86Sigframe;
_Static_assert(offsetof(X86Sigframe, extramask) == 720, "sigframe");

typedef struct X86Ucontext {
    uint32_t uc_flags, uc_link;
    GuestStack uc_stack;
    X86Sigcontext uc_mcontext;
    uint32_t uc_sigmask[2];
} X86Ucontext;
_Static_assert(sizeof(X86Ucontext) == 116, "ucontext_ia32");

typedef struct X86RtSigframe {
    uint32_t pretcode;
    int32_t sig;
    uint32_t pinfo, puc;
    GuestSiginfo info;
    X86Ucontext uc;
    uint8_t retcode[8];
} X86RtSigframe;
_Static_assert(offsetof(X86RtSigframe, uc) == 144, "rt_sigframe");

enum { NR_sigreturn = 119, NR_rt_sigreturn = 173 };

/* popl %eax; movl $119, %eax; int $0x80 */
static const uint8_t sigreturn_code[8] = { 0x58, 0xb8, NR_sigreturn, 0, 0, 0, 0xcd, 0x80 };
/* movl $173, %eax; int $0x80 */
static const uint8_t rt_sigreturn_code[8] = { 0xb8, NR_rt_sigreturn, 0, 0, 0, 0xcd, 0x80, 0 };
#define TRAMP_RT_OFF 32
/* __kernel_vsyscall (AT_SYSINFO): int $0x80; ret.  glibc calls it through
   %gs:0x10 for every system call once the auxv names it, as on Linux. */
static const uint8_t vsyscall_code[3] = { 0xcd, 0x80, 0xc3 };

void x86_fill_trampoline(uint8_t *page, uint32_t addr)
{
    memcpy(page, sigreturn_code, sizeof sigreturn_code);
    memcpy(page + TRAMP_RT_OFF, rt_sigreturn_code, sizeof rt_sigreturn_code);
    memcpy(page + X86_TRAMP_VSYSCALL_OFF, vsyscall_code, sizeof vsyscall_code);
}

/* The exception vector of a fault signal, as the kernel's trap_nr:
   #DE 0, #BP 3, #UD 6, #GP 13 (SI_KERNEL), #PF 14 (SEGV_MAPERR/ACCERR,
   address 0 included), #MF 16, #XM 19 (x86_handle_exception). */
static uint32_t trapno_of(const CPUX86State *env, int sig, const GuestSiginfo *info)
{
    if (info->code <= 0)
        return 0;
    switch (sig) {
    case SIGFPE: return info->code == FPE_INTDIV ? 0 : env->fpe_trapno ? env->fpe_trapno : 16;
    case SIGILL: return 6;
    case SIGTRAP: return 3;
    case SIGSEGV: return info->code == SI_KERNEL ? 13 : 14;
    default: return 0;
    }
}

static void save_sigcontext(CPUX86State *env, X86Sigcontext *sc, int sig, const GuestSiginfo *info,
                            uint32_t fpstate, uint64_t blocked)
{
    sc->gs = env->segs[R_GS];
    sc->fs = env->segs[R_FS];
    sc->es = env->segs[R_ES];
    sc->ds = env->segs[R_DS];
    sc->edi = env->regs[R_EDI];
    sc->esi = env->regs[R_ESI];
    sc->ebp = env->regs[R_EBP];
    sc->esp = env->regs[R_ESP];
    sc->ebx = env->regs[R_EBX];
    sc->edx = env->regs[R_EDX];
    sc->ecx = env->regs[R_ECX];
    sc->eax = env->regs[R_EAX];
    sc->trapno = trapno_of(env, sig, info);
    sc->err = sc->trapno == 14 ? 4 | 2 : 0;
    sc->eip = env->eip;
    sc->cs = env->segs[R_CS];
    sc->eflags = x86_get_eflags(env);
    sc->esp_at_signal = env->regs[R_ESP];
    sc->ss = env->segs[R_SS];
    sc->fpstate = fpstate;
    sc->oldmask = (uint32_t)blocked;
    sc->cr2 = sc->trapno == 14 ? info->f[0] : 0;
}

/* The math frame: fsave header with magic 0, then the fxsave image. */
static void save_fpstate(CPUX86State *env, uint8_t *buf)
{
    memset(buf, 0, FPSTATE_SIZE);
    x86_fsave(env, buf);
    uint16_t status = (uint16_t)((env->fpus & ~0x3800u) | (env->fpstt & 7) << 11);
    memcpy(buf + 108, &status, 2); /* status; magic (0: fxsave data follows) stays 0 */
    x86_fxsave(env, buf + FXSR_OFF);
}

bool x86_setup_frame(CPUCommon *c, int sig, const GuestSiginfo *info, const GuestSigaction *ka,
                     uint64_t blocked)
{
    CPUX86State *env = X86_ENV(c);
    bool rt = ka->flags & GUEST_SA_SIGINFO;
    uint32_t sp = signal_frame_sp(ka->flags, env->regs[R_ESP]);
    /* fpu__alloc_mathframe: the fxsave image 64-byte aligned, the
       fsave header below it. */
    uint32_t fx = (sp - 512) & ~63u;
    uint32_t math = fx - FXSR_OFF;
    uint32_t size = rt ? sizeof(X86RtSigframe) : sizeof(X86Sigframe);
    uint32_t frame = ((math - size + 4) & ~15u) - 4;

    uint8_t fp[FPSTATE_SIZE];
    save_fpstate(env, fp);
    if (copy_to_guest(math, fp, FPSTATE_SIZE) < 0)
        return false;

    uint32_t retaddr;
    if (rt) {
        X86RtSigframe f;
        memset(&f, 0, sizeof f);
        f.sig = sig;
        f.pinfo = frame + offsetof(X86RtSigframe, info);
        f.puc = frame + offsetof(X86RtSigframe, uc);
        f.info = *info;
        altstack_save(&f.uc.uc_stack, env->regs[R_ESP]);
        save_sigcontext(env, &f.uc.uc_mcontext, sig, info, math, blocked);
        f.uc.uc_sigmask[0] = (uint32_t)blocked;
        f.uc.uc_sigmask[1] = (uint32_t)(blocked >> 32);
        memcpy(f.retcode, rt_sigreturn_code, sizeof f.retcode);
        if (ka->flags & GUEST_SA_RESTORER)
            retaddr = ka->restorer;
        else if (image.trampoline)
            retaddr = image.trampoline + TRAMP_RT_OFF;
        else
            retaddr = frame + offsetof(X86RtSigframe, retcode);
        f.pretcode = retaddr;
        if (copy_to_guest(frame, &f, sizeof f) < 0)
            return false;
        env->regs[R_EDX] = f.pinfo;
        env->regs[R_ECX] = f.puc;
    } else {
        X86Sigframe f;
        memset(&f, 0, sizeof f);
        f.sig = sig;
        save_sigcontext(env, &f.sc, sig, info, math, blocked);
        f.extramask = (uint32_t)(blocked >> 32);
        memcpy(f.retcode, sigreturn_code, sizeof f.retcode);
        if (ka->flags & GUEST_SA_RESTORER)
            retaddr = ka->restorer;
        else if (image.trampoline)
            retaddr = image.trampoline;
        else
            retaddr = frame + offsetof(X86Sigframe, retcode);
        f.pretcode = retaddr;
        if (copy_to_guest(frame, &f, sizeof f) < 0)
            return false;
        env->regs[R_EDX] = 0;
        env->regs[R_ECX] = 0;
    }
    env->regs[R_EAX] = (uint32_t)sig;
    env->regs[R_ESP] = frame;
    env->eip = ka->handler;
    env->df = 1;
    env->eflags &= ~EFL_TF;
    /* The kernel loads the flat user segments (fs and gs stay). */
    env->segs[R_DS] = env->segs[R_ES] = env->segs[R_SS] = X86_USER_DS;
    env->seg_base[R_DS] = env->seg_base[R_ES] = env->seg_base[R_SS] = 0;
    env->segs[R_CS] = X86_USER_CS;
    x86_update_hflags(env);
    x86_fpu_reset(env); /* the handler starts with a clean FPU (fpu__clear_user_states) */
    return true;
}

static bool restore_sigcontext(CPUX86State *env, const X86Sigcontext *sc)
{
    const uint32_t segs[4] = { sc->gs, sc->fs, sc->es, sc->ds };
    const int which[4] = { R_GS, R_FS, R_ES, R_DS };
    for (int i = 0; i < 4; i++)
        if (helper_load_seg(env, which[i], segs[i] & 0xffff))
            return false;
    env->regs[R_EDI] = sc->edi;
    env->regs[R_ESI] = sc->esi;
    env->regs[R_EBP] = sc->ebp;
    env->regs[R_ESP] = sc->esp;
    env->regs[R_EBX] = sc->ebx;
    env->regs[R_EDX] = sc->edx;
    env->regs[R_ECX] = sc->ecx;
    env->regs[R_EAX] = sc->eax;
    env->eip = sc->eip;
    x86_set_eflags(env, sc->eflags, CC_ALL | EFL_DF | EFL_TF | EFL_NT | EFL_AC);
    if (sc->fpstate) {
        uint8_t fp[FPSTATE_SIZE];
        if (copy_from_guest(fp, sc->fpstate, FPSTATE_SIZE) < 0)
            return false;
        uint16_t magic;
        memcpy(&magic, fp + 110, 2);
        if (magic == 0xffff)
            x86_frstor(env, fp);
        else
            x86_fxrstor(env, fp + FXSR_OFF);
    } else {
        x86_fpu_reset(env);
    }
    return true;
}

bool x86_sigreturn(CPUCommon *c, bool rt)
{
    CPUX86State *env = X86_ENV(c);
    uint32_t sp = env->regs[R_ESP];
    if (rt) {
        uint32_t frame = sp - 4;
        X86RtSigframe f;
        if (copy_from_guest(&f, frame, sizeof f) < 0)
            return false;
        signal_set_blocked((uint64_t)f.uc.uc_sigmask[1] << 32 | f.uc.uc_sigmask[0]);
        if (!restore_sigcontext(env, &f.uc.uc_mcontext))
            return false;
        altstack_restore(&f.uc.uc_stack, env->regs[R_ESP]);
        return true;
    }
    uint32_t frame = sp - 8;
    X86Sigframe f;
    if (copy_from_guest(&f, frame, sizeof f) < 0)
        return false;
    signal_set_blocked((uint64_t)f.extramask << 32 | f.sc.oldmask);
    return restore_sigcontext(env, &f.sc);
}
