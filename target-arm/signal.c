/*
 * ARM (EABI) signal frames, laid out as Linux's arch/arm/kernel/signal.c
 * does, so guest code that reads its ucontext (glibc, debuggers, the
 * handler in tests/insn/arm-trap.c) finds everything where the kernel puts
 * it:
 *
 *   struct sigframe    { struct ucontext uc; u32 retcode[4]; }       (sa_handler)
 *   struct rt_sigframe { siginfo (128 bytes); struct sigframe sig; } (SA_SIGINFO)
 *
 * The ucontext's uc_regspace holds the VFP state (struct vfp_sigframe,
 * magic 0x56465001, size 288) followed by a zero end marker.  The handler
 * starts with r0 = sig, r1 = &info, r2 = &uc (rt), sp = the frame,
 * lr = sa_restorer or the return trampoline, and sigreturn / rt_sigreturn
 * (119 / 173) put everything back from the frame.
 */
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>

#include "linux-user/signal-priv.h"
#include "target-arm/cpu.h"

#define ARM_ENV(e) ((CPUARMState *)(e))

/* struct sigcontext (arch/arm/include/uapi/asm/sigcontext.h). */
typedef struct ArmSigcontext {
    uint32_t trap_no, error_code, oldmask;
    uint32_t regs[16]; /* r0..r10, fp, ip, sp, lr, pc */
    uint32_t cpsr, fault_address;
} ArmSigcontext;

#define VFP_MAGIC 0x56465001u
/* struct vfp_sigframe: 8 bytes of magic and size, 264 of struct user_vfp
   (fpregs[32], fpscr, padding), 12 of struct user_vfp_exc, 4 of padding. */
typedef struct ArmVfpSigframe {
    uint32_t magic, size;
    uint64_t fpregs[32];
    uint32_t fpscr, pad;
    uint32_t fpexc, fpinst, fpinst2, pad2;
} ArmVfpSigframe;
_Static_assert(sizeof(ArmVfpSigframe) == 288, "VFP_STORAGE_SIZE");

typedef struct ArmUcontext {
    uint32_t uc_flags, uc_link;
    GuestStack uc_stack;        /* ss_sp, ss_flags, ss_size */
    ArmSigcontext uc_mcontext;
    uint32_t uc_sigmask[2];
    uint32_t unused[30];        /* the kernel's sigset_t padding to 128 bytes */
    union {
        uint32_t uc_regspace[128];
        struct {
            ArmVfpSigframe vfp;
            uint32_t end_magic;
        } aux;
    } __attribute__((aligned(8)));
} ArmUcontext;
_Static_assert(offsetof(ArmUcontext, uc_mcontext) == 20, "uc_mcontext");
_Static_assert(offsetof(ArmUcontext, uc_sigmask) == 104, "uc_sigmask");
_Static_assert(offsetof(ArmUcontext, uc_regspace) == 232, "uc_regspace");
_Static_assert(sizeof(ArmUcontext) == 744, "ucontext");

typedef struct ArmSigframe {
    ArmUcontext uc;
    uint32_t retcode[4];
} ArmSigframe;

typedef struct ArmRtSigframe {
    GuestSiginfo info;
    ArmSigframe sig;
} ArmRtSigframe;
_Static_assert(sizeof(ArmRtSigframe) == 888, "rt_sigframe");

/* uc_flags of a non-rt frame (the kernel's marker). */
#define UC_SIGFRAME_MAGIC 0x5ac3c35au

/* The kernel's sigreturn_codes: ARM `mov r7, #NR; swi #NR|0x900000` and
   Thumb `movs r7, #NR; svc 0`, for sigreturn (119) then rt_sigreturn (173).
   Index: thumb * 2 (+ 3 for rt), as in the kernel. */
static const uint32_t sigreturn_codes[6] = {
    0xe3a07077, 0xef900077, /* ARM sigreturn */
    0xdf002777,             /* Thumb sigreturn */
    0xe3a070ad, 0xef9000ad, /* ARM rt_sigreturn */
    0xdf0027ad,             /* Thumb rt_sigreturn */
};

/* The trampoline page (TargetOps.fill_trampoline, mapped by the ELF
   loader; the kernel's [sigpage]) holds sigreturn_codes: the return path of
   handlers without SA_RESTORER, which must work even when the stack is not
   executable. */
void arm_fill_trampoline(uint8_t *page, uint32_t addr)
{
    memcpy(page, sigreturn_codes, sizeof sigreturn_codes);
}

/* ---- building a frame ---- */

static void save_sigcontext(CPUARMState *env, ArmUcontext *uc, int sig, const GuestSiginfo *info,
                            uint64_t blocked)
{
    ArmSigcontext *mc = &uc->uc_mcontext;
    memcpy(mc->regs, env->regs, sizeof mc->regs);
    mc->cpsr = arm_get_cpsr(env);
    /* What the kernel's trap handlers record: 6 for an undefined
       instruction, 14 for a data abort (with the fault address). */
    bool fault = info->code > 0 && (sig == SIGSEGV || sig == SIGBUS);
    mc->trap_no = fault ? 14 : (sig == SIGILL && info->code > 0) ? 6 : 0;
    mc->error_code = 0;
    mc->fault_address = fault ? info->f[0] : 0;
    mc->oldmask = (uint32_t)blocked;
    uc->uc_sigmask[0] = (uint32_t)blocked;
    uc->uc_sigmask[1] = (uint32_t)(blocked >> 32);

    ArmVfpSigframe *v = &uc->aux.vfp;
    v->magic = VFP_MAGIC;
    v->size = sizeof *v;
    memcpy(v->fpregs, env->vfp, sizeof v->fpregs);
    v->fpscr = arm_get_fpscr(env);
    v->fpexc = env->fpexc;
    v->fpinst = v->fpinst2 = 0;
    uc->aux.end_magic = 0;
}

bool arm_setup_frame(CPUCommon *c, int sig, const GuestSiginfo *info,
                            const GuestSigaction *ka, uint64_t blocked)
{
    CPUARMState *env = ARM_ENV(c);
    bool rt = ka->flags & GUEST_SA_SIGINFO;
    uint32_t sp = env->regs[13];
    uint32_t size = rt ? sizeof(ArmRtSigframe) : sizeof(ArmSigframe);
    /* ATPCS B01 mandates 8-byte alignment. */
    uint32_t frame = (signal_frame_sp(ka->flags, sp) - size) & ~7u;

    ArmRtSigframe f;
    memset(&f, 0, sizeof f);
    ArmSigframe *sf = &f.sig;
    if (rt) {
        f.info = *info;
        altstack_save(&sf->uc.uc_stack, sp);
    } else {
        sf->uc.uc_flags = UC_SIGFRAME_MAGIC;
    }
    save_sigcontext(env, &sf->uc, sig, info, blocked);

    uint32_t handler = ka->handler;
    bool thumb = handler & 1;
    unsigned idx = (thumb ? 2 : 0) + (rt ? 3 : 0);
    /* The trampoline goes into the frame whatever the return path, as the
       kernel does "to remain ABI compliant". */
    sf->retcode[0] = sigreturn_codes[idx];
    sf->retcode[1] = thumb ? 0 : sigreturn_codes[idx + 1];

    uint32_t sig_addr = rt ? frame + offsetof(ArmRtSigframe, sig) : frame;
    const void *src = rt ? (const void *)&f : (const void *)sf;
    if (copy_to_guest(frame, src, size) < 0)
        return false;

    uint32_t retaddr;
    if (ka->flags & GUEST_SA_RESTORER) {
        retaddr = ka->restorer;
    } else {
        uint32_t page = image.trampoline;
        retaddr = page ? page + idx * 4 + thumb
                       : sig_addr + offsetof(ArmSigframe, retcode) + thumb;
    }

    env->regs[0] = (uint32_t)sig;
    if (rt) {
        env->regs[1] = frame + offsetof(ArmRtSigframe, info);
        env->regs[2] = sig_addr + offsetof(ArmSigframe, uc);
    }
    env->regs[13] = frame;
    env->regs[14] = retaddr;
    env->regs[15] = handler & ~1u;
    /* The kernel clears the condition flags (PSR_f: NZCVQ, IT[1:0]) and the
       IT state, and sets T from the handler's address; GE stays. */
    env->thumb = thumb;
    env->condexec = 0;
    env->NF = 0;
    env->ZF = 1;
    env->CF = 0;
    env->VF = 0;
    env->QF = 0;
    return true;
}

/* ---- sigreturn ---- */

static bool restore_sigcontext(CPUARMState *env, const ArmUcontext *uc)
{
    signal_set_blocked((uint64_t)uc->uc_sigmask[1] << 32 | uc->uc_sigmask[0]);

    const ArmSigcontext *mc = &uc->uc_mcontext;
    uint32_t cpsr = mc->cpsr;
    /* valid_user_regs: user mode with IRQs enabled, or the frame is bad. */
    if ((cpsr & 0x1f) != 0x10 || (cpsr & 0x80))
        return false;
    const ArmVfpSigframe *v = &uc->aux.vfp;
    if (v->magic != VFP_MAGIC || v->size != sizeof *v)
        return false;

    memcpy(env->regs, mc->regs, sizeof env->regs);
    arm_set_cpsr_user(env, cpsr);
    env->regs[15] &= env->thumb ? ~1u : ~3u;
    memcpy(env->vfp, v->fpregs, sizeof env->vfp);
    arm_set_fpscr(env, v->fpscr);
    /* Sanitised as the kernel does: enabled, no exception pending. */
    env->fpexc = (v->fpexc | (1u << 30)) & ~((1u << 31) | (1u << 28));
    return true;
}

bool arm_sigreturn(CPUCommon *c, bool rt)
{
    CPUARMState *env = ARM_ENV(c);
    uint32_t sp = env->regs[13];
    /* The frame was 8-byte aligned; anything else is an attack. */
    if (sp & 7)
        return false;
    uint32_t uc_addr = rt ? sp + offsetof(ArmRtSigframe, sig.uc) : sp + offsetof(ArmSigframe, uc);
    ArmUcontext uc;
    if (copy_from_guest(&uc, uc_addr, sizeof uc) < 0)
        return false;
    if (!restore_sigcontext(env, &uc))
        return false;
    if (rt)
        altstack_restore(&uc.uc_stack, env->regs[13]);
    return true;
}

/* ---- syscall restart ---- */

void arm_syscall_restart(CPUCommon *c, uint32_t nr, const uint32_t args[6])
{
    /* r7 (the number) and r1..r6 are untouched by a syscall; r0 is both
       the first argument and the result. */
    CPUARMState *env = ARM_ENV(c);
    env->regs[0] = args[0];
    env->regs[15] -= env->thumb ? 2 : 4;
}

uint32_t arm_get_sp(CPUCommon *c)
{
    return ARM_ENV(c)->regs[13];
}
