/*
 * SPARC runtime helpers called from generated code (translate.h): register
 * windows, division, %ccr, %tick, traps.
 *
 * Register windows as Linux runs them: the CPU has SPARC_NWINDOWS windows,
 * one of them invalid, so up to SPARC_RESIDENT older windows stay in the
 * register file (env->win, a ring).  A save that finds it full takes the
 * window overflow trap: the oldest window's locals and ins go to the 64
 * bytes at its own %sp, as 32-bit words (a 32-bit task).  A restore with
 * no resident window takes the underflow trap: the caller's locals and ins
 * come from its %sp (our %fp).  Both are O(1), so deep recursion costs one
 * spill and one fill per level.
 */
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "include/guest.h"
#include "linux-user/user.h"
#include "target-sparc/translate.h"
#include "target.h"

/* ---- raising a signal from a helper ------------------------------------------------ */

void sparc_raise(CPUSPARCState *env, int sig, int code, uint32_t addr, uintptr_t retaddr)
{
    TranslationBlock *tb = retaddr ? tb_find_by_host_pc(retaddr) : NULL;
    if (tb) {
        const TCGInsnRecord *rec = tb_insn_at(tb, retaddr);
        if (rec)
            env->common.target->restore_state(&env->common, rec->data);
    }
    force_sig(&env->common, sig, code, addr);
}

#define RAISE(env, sig, code, addr) \
    sparc_raise(env, sig, code, addr, (uintptr_t)__builtin_return_address(0))

void helper_sparc_raise(CPUSPARCState *env, uint32_t sig, uint32_t code)
{
    force_sig(&env->common, (int)sig, (int)code, env->pc);
}

/* ---- windows -------------------------------------------------------------------------- */

static unsigned ring(int i)
{
    return (unsigned)((i % SPARC_RESIDENT + SPARC_RESIDENT) % SPARC_RESIDENT);
}

/* wtop one up or down the ring (wtop < SPARC_RESIDENT): on every save and
   restore, which ring()'s two divisions made a quarter of the helpers'
   instructions. */
static uint32_t ring_up(uint32_t w)
{
    return w + 1 == SPARC_RESIDENT ? 0 : w + 1;
}

static uint32_t ring_down(uint32_t w)
{
    return w == 0 ? SPARC_RESIDENT - 1 : w - 1;
}

/* The k-th older window (1 = the caller of the current one). */
static uint64_t *older(CPUSPARCState *env, uint32_t k)
{
    return env->win[ring((int)env->wtop - (int)(k - 1))];
}

/* Store a window's locals and ins (w[0..15]) at sp as the kernel's 32-bit
   spill does.  False if the stack is not writable there. */
static bool spill_to(uint32_t sp, const uint64_t *w)
{
    uint32_t buf[16];
    for (int i = 0; i < 16; i++)
        buf[i] = __builtin_bswap32((uint32_t)w[i]);
    return copy_to_guest(sp, buf, sizeof buf) == 0;
}

static bool fill_from(uint32_t sp, uint64_t *w)
{
    uint32_t buf[16];
    if (copy_from_guest(buf, sp, sizeof buf) < 0)
        return false;
    for (int i = 0; i < 16; i++)
        w[i] = __builtin_bswap32(buf[i]);
    return true;
}

/* Spill the oldest resident window (to the %sp it had: the %fp of the
   window one newer). */
static bool spill_oldest(CPUSPARCState *env, uint32_t *fault)
{
    uint32_t k = env->canrestore;
    uint64_t sp = k == 1 ? env->regs[SP_FP] : older(env, k - 1)[8 + 6];
    if (!spill_to((uint32_t)sp, older(env, k))) {
        *fault = (uint32_t)sp;
        return false;
    }
    env->canrestore--;
    return true;
}

bool sparc_flush_windows(CPUSPARCState *env, uint32_t *fault)
{
    while (env->canrestore)
        if (!spill_oldest(env, fault))
            return false;
    return true;
}

void helper_sparc_save(CPUSPARCState *env)
{
    uint32_t fault;
    if (env->canrestore == SPARC_RESIDENT && !spill_oldest(env, &fault))
        RAISE(env, SIGSEGV, SEGV_MAPERR, fault);
    env->wtop = ring_up(env->wtop);
    memcpy(env->win[env->wtop], &env->regs[SP_L0], 16 * sizeof(uint64_t));
    env->canrestore++;
    /* The new window's ins are the old outs; its locals and outs keep
       whatever they held (stale, as in a real register file). */
    memcpy(&env->regs[SP_I0], &env->regs[SP_O0], 8 * sizeof(uint64_t));
}

void helper_sparc_restore(CPUSPARCState *env)
{
    if (env->canrestore == 0) {
        uint64_t w[16];
        uint32_t sp = (uint32_t)env->regs[SP_FP];
        if (!fill_from(sp, w))
            RAISE(env, SIGSEGV, SEGV_MAPERR, sp);
        memcpy(&env->regs[SP_O0], &env->regs[SP_I0], 8 * sizeof(uint64_t));
        memcpy(&env->regs[SP_L0], w, sizeof w);
        return;
    }
    memcpy(&env->regs[SP_O0], &env->regs[SP_I0], 8 * sizeof(uint64_t));
    memcpy(&env->regs[SP_L0], env->win[env->wtop], 16 * sizeof(uint64_t));
    env->wtop = ring_down(env->wtop);
    env->canrestore--;
}

void helper_sparc_flushw(CPUSPARCState *env)
{
    uint32_t fault;
    if (!sparc_flush_windows(env, &fault))
        RAISE(env, SIGSEGV, SEGV_MAPERR, fault);
}

/* ---- division ------------------------------------------------------------------------------ */

static void div_zero(CPUSPARCState *env, uintptr_t ra)
{
    sparc_raise(env, SIGFPE, FPE_INTDIV, 0, ra);
}

/* Y:rs1 / rs2 (unsigned 64/32), saturated to 32 bits; *ov set on overflow. */
static uint64_t udiv32(CPUSPARCState *env, uint64_t a, uint64_t b, bool *ov, uintptr_t ra)
{
    uint64_t n = (uint64_t)env->y << 32 | (uint32_t)a;
    uint32_t d = (uint32_t)b;
    if (!d) {
        div_zero(env, ra);
    }
    uint64_t q = n / d;
    *ov = q > 0xffffffffu;
    return *ov ? 0xffffffffu : q;
}

static uint64_t sdiv32(CPUSPARCState *env, uint64_t a, uint64_t b, bool *ov, uintptr_t ra)
{
    int64_t n = (int64_t)((uint64_t)env->y << 32 | (uint32_t)a);
    int32_t d = (int32_t)b;
    if (!d) {
        div_zero(env, ra);
    }
    int64_t q;
    if (d == -1)
        q = n == INT64_MIN ? INT64_MAX : -n;
    else
        q = n / d;
    *ov = true;
    if (q > INT32_MAX)
        q = INT32_MAX;
    else if (q < INT32_MIN)
        q = INT32_MIN;
    else
        *ov = false;
    return (uint64_t)q;
}

uint64_t helper_sparc_udiv(CPUSPARCState *env, uint64_t a, uint64_t b)
{
    bool ov;
    return udiv32(env, a, b, &ov, (uintptr_t)__builtin_return_address(0));
}

uint64_t helper_sparc_sdiv(CPUSPARCState *env, uint64_t a, uint64_t b)
{
    bool ov;
    return sdiv32(env, a, b, &ov, (uintptr_t)__builtin_return_address(0));
}

/* The cc forms: icc from the 32-bit quotient, V on overflow; xcc from the
   64-bit register value; C clear. */
static void div_flags(CPUSPARCState *env, uint64_t r, bool ov)
{
    env->cc_N = r;
    env->icc_Z = r;
    env->xcc_Z = r;
    env->cc_V = ov ? 0x80000000u : 0;
    env->icc_C = env->xcc_C = 0;
    env->cc_op = SPARC_CC_FLAGS;
}

uint64_t helper_sparc_udiv_cc(CPUSPARCState *env, uint64_t a, uint64_t b)
{
    bool ov;
    uint64_t r = udiv32(env, a, b, &ov, (uintptr_t)__builtin_return_address(0));
    div_flags(env, r, ov);
    return r;
}

uint64_t helper_sparc_sdiv_cc(CPUSPARCState *env, uint64_t a, uint64_t b)
{
    bool ov;
    uint64_t r = sdiv32(env, a, b, &ov, (uintptr_t)__builtin_return_address(0));
    div_flags(env, r, ov);
    return r;
}

uint64_t helper_sparc_udivx(CPUSPARCState *env, uint64_t a, uint64_t b)
{
    if (!b)
        div_zero(env, (uintptr_t)__builtin_return_address(0));
    return a / b;
}

uint64_t helper_sparc_sdivx(CPUSPARCState *env, uint64_t a, uint64_t b)
{
    if (!b)
        div_zero(env, (uintptr_t)__builtin_return_address(0));
    if ((int64_t)b == -1)
        return -a;
    return (uint64_t)((int64_t)a / (int64_t)b);
}

uint64_t helper_sparc_popc(uint64_t a)
{
    return (uint64_t)__builtin_popcountll(a);
}

/* ---- condition codes ------------------------------------------------------------------------ */

void sparc_cc_vc(const CPUSPARCState *env, uint64_t *v, uint64_t *ic, uint64_t *xc)
{
    /* the first operand: r = a +/- b */
    uint64_t b = env->cc_b, r = env->cc_N, a = env->cc_op == SPARC_CC_SUB ? r + b : r - b;
    switch (env->cc_op) {
    case SPARC_CC_ADD: /* the formulas of gen_cc_vc (translate.c) */
        *v = (r ^ a) & ~(a ^ b);
        *ic = ((a ^ b ^ r) >> 32) & 1;
        *xc = r < a;
        break;
    case SPARC_CC_SUB:
        *v = (r ^ a) & (a ^ b);
        *ic = ((a ^ b ^ r) >> 32) & 1;
        *xc = a < b;
        break;
    case SPARC_CC_LOGIC:
        *v = *ic = *xc = 0;
        break;
    default:
        *v = env->cc_V;
        *ic = env->icc_C;
        *xc = env->xcc_C;
        break;
    }
}

void sparc_cc_materialize(CPUSPARCState *env)
{
    sparc_cc_vc(env, &env->cc_V, &env->icc_C, &env->xcc_C);
    if (env->cc_op != SPARC_CC_FLAGS)
        env->icc_Z = env->xcc_Z = env->cc_N;
    env->cc_op = SPARC_CC_FLAGS;
}

/* The lazy V and C into env->cc_V/icc_C/xcc_C, which are no IR globals:
   reads cc_op, cc_b, cc_N (CALL_NO_WG); the translator then sets the
   cc_op global to SPARC_CC_FLAGS. */
void helper_sparc_cc_vc(CPUSPARCState *env)
{
    sparc_cc_vc(env, &env->cc_V, &env->icc_C, &env->xcc_C);
}

static uint32_t nzvc(const CPUSPARCState *env, bool x)
{
    int sh = x ? 63 : 31;
    uint64_t cv, ic, xc;
    sparc_cc_vc(env, &cv, &ic, &xc);
    uint32_t n = (env->cc_N >> sh) & 1, v = (cv >> sh) & 1;
    bool lazy = env->cc_op != SPARC_CC_FLAGS; /* Z from the result in cc_N */
    uint64_t zx = lazy ? env->cc_N : env->xcc_Z, zi = lazy ? env->cc_N : env->icc_Z;
    uint32_t z = x ? zx == 0 : (uint32_t)zi == 0;
    uint32_t c = (uint32_t)(x ? xc : ic) & 1;
    return n << 3 | z << 2 | v << 1 | c;
}

uint32_t sparc_get_icc(const CPUSPARCState *env)
{
    return nzvc(env, false);
}

uint32_t sparc_get_ccr(const CPUSPARCState *env)
{
    return nzvc(env, true) << 4 | nzvc(env, false);
}

void sparc_set_ccr(CPUSPARCState *env, uint32_t ccr)
{
    uint32_t i = ccr & 15, x = (ccr >> 4) & 15;
    env->cc_N = (uint64_t)(x >> 3 & 1) << 63 | (uint64_t)(i >> 3 & 1) << 31;
    env->cc_V = (uint64_t)(x >> 1 & 1) << 63 | (uint64_t)(i >> 1 & 1) << 31;
    env->icc_Z = (i & 4) ? 0 : 1;
    env->xcc_Z = (x & 4) ? 0 : 1;
    env->icc_C = i & 1;
    env->xcc_C = x & 1;
    env->cc_op = SPARC_CC_FLAGS;
}

uint64_t helper_sparc_rdccr(CPUSPARCState *env)
{
    return sparc_get_ccr(env);
}

void helper_sparc_wrccr(CPUSPARCState *env, uint64_t v)
{
    sparc_set_ccr(env, (uint32_t)v & 0xff);
}

/* %tick: a counter at 1 GHz (nanoseconds of the monotonic clock). */
uint64_t helper_sparc_rdtick(CPUSPARCState *env)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ((uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec) & ~(1ull << 63);
}

/* ---- software traps (Tcc other than the syscall) ---------------------------------------------- */

/* What Linux's 32-bit trap table does with `ta n` from user mode. */
void helper_sparc_trap(CPUSPARCState *env, uint32_t tn)
{
    uint32_t fault;
    switch (tn) {
    case 0x01: /* breakpoint */
        RAISE(env, SIGTRAP, TRAP_BRKPT, env->pc);
    case 0x02: /* division by zero */
        RAISE(env, SIGFPE, FPE_INTDIV, env->pc);
    case 0x03: /* flush windows */
        if (!sparc_flush_windows(env, &fault))
            RAISE(env, SIGSEGV, SEGV_MAPERR, fault);
        return;
    case 0x05: /* clean windows: nothing to clean here */
        return;
    case 0x20: /* getcc: %g1 = icc */
        env->regs[1] = sparc_get_icc(env);
        return;
    case 0x21: /* setcc: icc = %g1 */
        sparc_set_ccr(env, (sparc_get_ccr(env) & 0xf0) | ((uint32_t)env->regs[1] & 15));
        return;
    default:
        RAISE(env, SIGILL, ILL_ILLTRP, env->pc);
    }
}
