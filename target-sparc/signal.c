/*
 * SPARC 32-bit signal frames as a sparc64 Linux kernel builds them for a
 * 32-bit task (arch/sparc/kernel/signal32.c), so guest code reading them
 * (glibc, unwinders, tests/insn/sparc-*.c) finds everything in place:
 *
 *   struct signal_frame32 {         (sa_handler)
 *     struct sparc_stackf32 ss;     96: register window save area + args
 *     struct { pt_regs32 si_regs; int si_mask; } info;   84
 *     u32 fpu_save; u32 insns[2]; u32 extramask[1]; u32 extra_size;
 *     siginfo_extra_v8plus_t v8plus; u32 rwin_save; }    (272 bytes)
 *   struct rt_signal_frame32 {      (SA_SIGINFO)
 *     struct sparc_stackf32 ss; compat_siginfo_t info; pt_regs32 regs;
 *     compat_sigset_t mask; u32 fpu_save; u32 insns[2];
 *     compat_stack_t stack; u32 extra_size;
 *     siginfo_extra_v8plus_t v8plus; u32 rwin_save; }    (416 bytes)
 *   pt_regs32 = { psr, pc, npc, y, u_regs[16] (g0-g7, o0-o7) }
 *
 * followed by the FPU state (__siginfo_fpu_t: 64 single registers, fsr,
 * gsr, fprs) when the FPU is in use.  The register windows are flushed to
 * the stack first; the handler starts with %o0 = signal, %o1 = &info,
 * %o2 = &info (non-rt) or &regs (rt), %sp = the frame, %o7 = the restorer
 * (sa_restorer from rt_sigaction's extra argument) or the frame's
 * `mov NR, %g1; ta 0x10` minus 8.  All fields big-endian.
 */
#include <signal.h>
#include <stddef.h>
#include <string.h>

#include "linux-user/abi-conv.h"
#include "linux-user/signal-priv.h"
#include "target-sparc/cpu.h"

#define SPARC_ENV(e) ((CPUSPARCState *)(e))

enum {
    SS_SIZE = 96,
    PTREGS_SIZE = 80,
    V8PLUS_SIZE = 68,
    /* signal_frame32 */
    SF_INFO = SS_SIZE,                 /* si_regs then si_mask */
    SF_FPU_SAVE = SF_INFO + PTREGS_SIZE + 4,
    SF_INSNS = SF_FPU_SAVE + 4,
    SF_EXTRAMASK = SF_INSNS + 8,
    SF_EXTRA_SIZE = SF_EXTRAMASK + 4,
    SF_V8PLUS = SF_EXTRA_SIZE + 4,
    SF_RWIN = SF_V8PLUS + V8PLUS_SIZE,
    SF_SIZE = (SF_RWIN + 4 + 7) & ~7,
    /* rt_signal_frame32 */
    RT_INFO = SS_SIZE,
    RT_REGS = RT_INFO + 128,
    RT_MASK = RT_REGS + PTREGS_SIZE,
    RT_FPU_SAVE = RT_MASK + 8,
    RT_INSNS = RT_FPU_SAVE + 4,
    RT_STACK = RT_INSNS + 8,
    RT_EXTRA_SIZE = RT_STACK + 12,
    RT_V8PLUS = RT_EXTRA_SIZE + 4,
    RT_RWIN = RT_V8PLUS + V8PLUS_SIZE,
    RT_SIZE = (RT_RWIN + 4 + 7) & ~7,
    /* __siginfo_fpu_t (sparc64 kernel) */
    FPU_SIZE = 64 * 4 + 3 * 8,
};
_Static_assert(SF_SIZE == 272, "signal_frame32");
_Static_assert(RT_SIZE == 416, "rt_signal_frame32");

#define PSR_V8PLUS 0xff000000u /* impl and ver all ones: a v8plus frame */
#define PSR_EF 0x00001000u
/* The sparc64 kernel's 32-bit psr (asm/psrcompat.h: tstate_to_psr) carries
   xcc in bits 16-19, and psr_to_tstate_icc takes it back when the psr says
   V8PLUS: a signal between a V8+ `andcc` and its `b %xcc` must not change
   the branch (glibc's memset does that: it wrote past its buffer). */
#define PSR_ICC_SHIFT 20
#define PSR_XCC_SHIFT 16

static void put32(uint8_t *b, size_t off, uint32_t v)
{
    v = __builtin_bswap32(v);
    memcpy(b + off, &v, 4);
}

static uint32_t get32(const uint8_t *b, size_t off)
{
    uint32_t v;
    memcpy(&v, b + off, 4);
    return __builtin_bswap32(v);
}

static void put64(uint8_t *b, size_t off, uint64_t v)
{
    put32(b, off, (uint32_t)(v >> 32));
    put32(b, off + 4, (uint32_t)v);
}

/* All user windows to the stack, the current one too (the kernel's
   flushw runs in its own trap window).  The current window's locals and
   ins will be filled from %sp again. */
static bool flush_all(CPUSPARCState *env)
{
    uint32_t fault;
    if (!sparc_flush_windows(env, &fault))
        return false;
    uint32_t buf[16];
    for (int i = 0; i < 16; i++)
        buf[i] = __builtin_bswap32((uint32_t)env->regs[SP_L0 + i]);
    return copy_to_guest((uint32_t)env->regs[SP_SP], buf, sizeof buf) == 0;
}

static bool fill_current(CPUSPARCState *env)
{
    uint32_t buf[16];
    if (copy_from_guest(buf, (uint32_t)env->regs[SP_SP], sizeof buf) < 0)
        return false;
    for (int i = 0; i < 16; i++)
        env->regs[SP_L0 + i] = __builtin_bswap32(buf[i]);
    return true;
}

static void save_ptregs(CPUSPARCState *env, uint8_t *b, size_t off)
{
    uint32_t ccr = sparc_get_ccr(env); /* xcc << 4 | icc */
    put32(b, off, PSR_V8PLUS | (ccr & 15) << PSR_ICC_SHIFT | (ccr >> 4 & 15) << PSR_XCC_SHIFT | PSR_EF);
    put32(b, off + 4, env->pc);
    put32(b, off + 8, env->npc);
    put32(b, off + 12, env->y);
    for (int i = 0; i < 16; i++)
        put32(b, off + 16 + 4 * (size_t)i, (uint32_t)env->regs[i]);
}

static void save_v8plus(CPUSPARCState *env, uint8_t *b, size_t size_off, size_t off)
{
    put32(b, size_off, V8PLUS_SIZE);
    for (int i = 0; i < 16; i++)
        put32(b, off + 4 * (size_t)i, (uint32_t)(env->regs[i] >> 32));
    put32(b, off + 64, env->asi);
}

static void save_fpu(CPUSPARCState *env, uint8_t *b)
{
    for (int i = 0; i < 32; i++)
        put64(b, 8 * (size_t)i, env->fpr[i]);
    put64(b, 256, sparc_get_xfsr(env));
    put64(b, 264, 0);
    put64(b, 272, env->fprs);
}

bool sparc_setup_frame(CPUCommon *c, int sig, const GuestSiginfo *info, const GuestSigaction *ka,
                       uint64_t blocked)
{
    CPUSPARCState *env = SPARC_ENV(c);
    bool rt = ka->flags & GUEST_SA_SIGINFO;
    if (!flush_all(env))
        return false;
    uint32_t sp = (uint32_t)env->regs[SP_SP];
    uint32_t size = (rt ? RT_SIZE : SF_SIZE) + FPU_SIZE;
    uint32_t frame = (signal_frame_sp(ka->flags, sp) - size) & ~15u;
    uint32_t fpu = frame + (rt ? RT_SIZE : SF_SIZE);

    uint8_t b[RT_SIZE + FPU_SIZE];
    memset(b, 0, sizeof b);
    /* The window save area: a copy of the interrupted one at %sp. */
    if (copy_from_guest(b, sp, 64) < 0)
        return false;
    uint32_t nr = rt ? 101 : 216; /* rt_sigreturn, sigreturn */
    size_t insns;
    if (rt) {
        siginfo_to_guest(b + RT_INFO, info);
        save_ptregs(env, b, RT_REGS);
        put32(b, RT_MASK, (uint32_t)sigset_to_guest(blocked));
        put32(b, RT_MASK + 4, (uint32_t)(sigset_to_guest(blocked) >> 32));
        put32(b, RT_FPU_SAVE, fpu);
        GuestStack st;
        altstack_save(&st, sp);
        put32(b, RT_STACK, st.sp);
        put32(b, RT_STACK + 4, (uint32_t)st.flags);
        put32(b, RT_STACK + 8, st.size);
        save_v8plus(env, b, RT_EXTRA_SIZE, RT_V8PLUS);
        insns = RT_INSNS;
        save_fpu(env, b + RT_SIZE);
    } else {
        save_ptregs(env, b, SF_INFO);
        put32(b, SF_INFO + PTREGS_SIZE, (uint32_t)sigset_to_guest(blocked));
        put32(b, SF_EXTRAMASK, (uint32_t)(sigset_to_guest(blocked) >> 32));
        put32(b, SF_FPU_SAVE, fpu);
        save_v8plus(env, b, SF_EXTRA_SIZE, SF_V8PLUS);
        insns = SF_INSNS;
        save_fpu(env, b + SF_SIZE);
    }
    put32(b, insns, 0x82102000u | nr); /* mov NR, %g1 */
    put32(b, insns + 4, 0x91d02010u);  /* ta 0x10 */
    if (copy_to_guest(frame, b, size) < 0)
        return false;

    env->regs[SP_O0] = (uint32_t)signal_to_guest(sig);
    env->regs[SP_O0 + 1] = frame + (rt ? RT_INFO : SF_INFO);
    env->regs[SP_O0 + 2] = frame + (rt ? RT_REGS : SF_INFO);
    env->regs[SP_SP] = frame;
    env->regs[SP_O0 + 7] = ka->restorer ? ka->restorer : frame + (uint32_t)insns - 8;
    env->pc = ka->handler;
    env->npc = ka->handler + 4;
    /* The handler's locals and ins come from the frame's save area. */
    return fill_current(env);
}

static bool restore_ptregs(CPUSPARCState *env, const uint8_t *b, size_t off)
{
    uint32_t pc = get32(b, off + 4), npc = get32(b, off + 8);
    if ((pc | npc) & 3)
        return false;
    uint32_t psr = get32(b, off);
    env->pc = pc;
    env->npc = npc;
    env->y = get32(b, off + 12);
    for (int i = 1; i < 16; i++)
        env->regs[i] = get32(b, off + 16 + 4 * (size_t)i);
    /* icc from the psr, and xcc if it is a V8PLUS one (else cleared), as
       psr_to_tstate_icc does. */
    uint32_t xcc = (psr & PSR_V8PLUS) == PSR_V8PLUS ? (psr >> PSR_XCC_SHIFT) & 15 : 0;
    sparc_set_ccr(env, xcc << 4 | ((psr >> PSR_ICC_SHIFT) & 15));
    return true;
}

static void restore_v8plus(CPUSPARCState *env, const uint8_t *b, size_t size_off, size_t off)
{
    if (get32(b, size_off) != V8PLUS_SIZE)
        return;
    for (int i = 1; i < 16; i++)
        env->regs[i] |= (uint64_t)get32(b, off + 4 * (size_t)i) << 32;
    env->asi = get32(b, off + 64) & 0xff;
}

static bool restore_fpu(CPUSPARCState *env, uint32_t addr)
{
    uint8_t b[FPU_SIZE];
    if (!addr)
        return true;
    if (copy_from_guest(b, addr, sizeof b) < 0)
        return false;
    for (int i = 0; i < 32; i++)
        env->fpr[i] = (uint64_t)get32(b, 8 * (size_t)i) << 32 | get32(b, 8 * (size_t)i + 4);
    sparc_set_xfsr(env, (uint64_t)get32(b, 256) << 32 | get32(b, 260));
    return true;
}

bool sparc_sigreturn(CPUCommon *c, bool rt)
{
    CPUSPARCState *env = SPARC_ENV(c);
    if (!flush_all(env))
        return false;
    uint32_t frame = (uint32_t)env->regs[SP_SP];
    if (frame & 7)
        return false;
    uint8_t b[RT_SIZE];
    if (copy_from_guest(b, frame, rt ? RT_SIZE : SF_SIZE) < 0)
        return false;
    uint64_t mask;
    if (rt) {
        if (!restore_ptregs(env, b, RT_REGS))
            return false;
        restore_v8plus(env, b, RT_EXTRA_SIZE, RT_V8PLUS);
        if (!restore_fpu(env, get32(b, RT_FPU_SAVE)))
            return false;
        mask = (uint64_t)get32(b, RT_MASK + 4) << 32 | get32(b, RT_MASK);
        GuestStack st = {get32(b, RT_STACK), (int32_t)get32(b, RT_STACK + 4),
                         get32(b, RT_STACK + 8)};
        altstack_restore(&st, (uint32_t)env->regs[SP_SP]);
    } else {
        if (!restore_ptregs(env, b, SF_INFO))
            return false;
        restore_v8plus(env, b, SF_EXTRA_SIZE, SF_V8PLUS);
        if (!restore_fpu(env, get32(b, SF_FPU_SAVE)))
            return false;
        mask = (uint64_t)get32(b, SF_EXTRAMASK) << 32 | get32(b, SF_INFO + PTREGS_SIZE);
    }
    signal_set_blocked(sigset_to_host(mask));
    /* The interrupted window's locals and ins, from its %sp. */
    return fill_current(env);
}

void sparc_syscall_restart(CPUCommon *c, uint32_t nr, const uint32_t args[6])
{
    CPUSPARCState *env = SPARC_ENV(c);
    env->regs[SP_O0] = args[0];
    env->pc -= 4;
    env->npc -= 4;
}

uint32_t sparc_get_sp(CPUCommon *c)
{
    return (uint32_t)SPARC_ENV(c)->regs[SP_SP];
}
