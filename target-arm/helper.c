/*
 * ARM runtime helpers called from generated code (declared in translate.h):
 * division, saturation, the parallel add/subtract family, the kuser helper
 * page, and the CPSR view of the split flags.
 */
#include <signal.h>
#include <stdint.h>
#include <string.h>

#include "include/guest.h"
#include "linux-user/user.h"
#include "target-arm/translate.h"

/* ---- CPSR ------------------------------------------------------------------ */

uint32_t arm_get_cpsr(const CPUARMState *env)
{
    uint32_t it = env->condexec & 0xff;
    return (env->NF & 0x80000000u) |
           (env->ZF == 0) << 30 |
           (env->CF & 1) << 29 |
           (env->VF >> 31) << 28 |
           (env->QF & 1) << 27 |
           (it & 3) << 25 |
           (env->GE & 0xf) << 16 |
           (it >> 2) << 10 |
           (env->thumb & 1) << 5 |
           0x10; /* user mode */
}

/* Writes NZCVQ, GE, and the execution state bits T and IT (as sigreturn
   restores them); the mode, mask and endianness bits are ignored. */
void arm_set_cpsr_user(CPUARMState *env, uint32_t cpsr)
{
    env->NF = cpsr & 0x80000000u;
    env->ZF = (~cpsr >> 30) & 1;
    env->CF = (cpsr >> 29) & 1;
    env->VF = ((cpsr >> 28) & 1) << 31;
    env->QF = (cpsr >> 27) & 1;
    env->GE = (cpsr >> 16) & 0xf;
    env->thumb = (cpsr >> 5) & 1;
    env->condexec = ((cpsr >> 25) & 3) | ((cpsr >> 10) & 0x3f) << 2;
}

/* ---- Division ------------------------------------------------------------------ */

uint32_t helper_sdiv(uint32_t a, uint32_t b)
{
    if (b == 0) {
        return 0;
    }
    if (a == 0x80000000u && b == 0xffffffffu) {
        return 0x80000000u;
    }
    return (uint32_t)((int32_t)a / (int32_t)b);
}

uint32_t helper_udiv(uint32_t a, uint32_t b)
{
    return b ? a / b : 0;
}

/* ---- Saturation ----------------------------------------------------------------- */

/* Clamp v to [lo, hi], setting Q if it had to. */
static int64_t clamp_q(CPUARMState *env, int64_t v, int64_t lo, int64_t hi)
{
    if (v < lo) {
        env->QF = 1;
        return lo;
    }
    if (v > hi) {
        env->QF = 1;
        return hi;
    }
    return v;
}

uint32_t helper_add_saturate(CPUARMState *env, uint32_t a, uint32_t b)
{
    return (uint32_t)clamp_q(env, (int64_t)(int32_t)a + (int32_t)b, INT32_MIN, INT32_MAX);
}

uint32_t helper_sub_saturate(CPUARMState *env, uint32_t a, uint32_t b)
{
    return (uint32_t)clamp_q(env, (int64_t)(int32_t)a - (int32_t)b, INT32_MIN, INT32_MAX);
}

uint32_t helper_double_saturate(CPUARMState *env, uint32_t a)
{
    return (uint32_t)clamp_q(env, (int64_t)(int32_t)a * 2, INT32_MIN, INT32_MAX);
}

/* a + b, setting Q on signed overflow (the result wraps). */
uint32_t helper_add_setq(CPUARMState *env, uint32_t a, uint32_t b)
{
    uint32_t r = a + b;
    if (((r ^ a) & ~(a ^ b)) >> 31) {
        env->QF = 1;
    }
    return r;
}

/* Signed saturation to n bits (1..32). */
uint32_t helper_ssat(CPUARMState *env, uint32_t v, uint32_t n)
{
    int64_t hi = (INT64_C(1) << (n - 1)) - 1;
    return (uint32_t)clamp_q(env, (int32_t)v, -hi - 1, hi);
}

/* Unsigned saturation to n bits (0..31). */
uint32_t helper_usat(CPUARMState *env, uint32_t v, uint32_t n)
{
    return (uint32_t)clamp_q(env, (int32_t)v, 0, (INT64_C(1) << n) - 1);
}

uint32_t helper_ssat16(CPUARMState *env, uint32_t v, uint32_t n)
{
    int64_t hi = (INT64_C(1) << (n - 1)) - 1;
    uint32_t lo16 = (uint32_t)clamp_q(env, (int16_t)v, -hi - 1, hi) & 0xffff;
    uint32_t hi16 = (uint32_t)clamp_q(env, (int16_t)(v >> 16), -hi - 1, hi) & 0xffff;
    return lo16 | hi16 << 16;
}

uint32_t helper_usat16(CPUARMState *env, uint32_t v, uint32_t n)
{
    int64_t hi = (INT64_C(1) << n) - 1;
    uint32_t lo16 = (uint32_t)clamp_q(env, (int16_t)v, 0, hi) & 0xffff;
    uint32_t hi16 = (uint32_t)clamp_q(env, (int16_t)(v >> 16), 0, hi) & 0xffff;
    return lo16 | hi16 << 16;
}

/* ---- Parallel add/subtract ---------------------------------------------------------- */

/*
 * op = kind << 3 | form, with the A32 encoding's fields:
 *   kind (op1, bits 22..20): 1 S, 2 Q, 3 SH, 5 U, 6 UQ, 7 UH
 *   form (op2, bits 7..5):   0 ADD16, 1 ASX, 2 SAX, 3 SUB16, 4 ADD8, 7 SUB8
 * Each lane is computed exactly in 32 bits, then wrapped (S/U, which set
 * GE), saturated (Q/UQ) or halved (SH/UH).
 */
uint32_t helper_parallel(CPUARMState *env, uint32_t op, uint32_t a, uint32_t b)
{
    unsigned kind = (op >> 3) & 7, form = op & 7;
    bool is_unsigned = kind >= 5;
    bool bytes = form >= 4;
    unsigned w = bytes ? 8 : 16, lanes = bytes ? 4 : 2;
    uint32_t lmask = (1u << w) - 1;
    uint32_t res = 0, ge = 0;

    for (unsigned i = 0; i < lanes; i++) {
        unsigned ia = i, ib = i;
        bool sub;
        switch (form) {
        case 0: sub = false; break;                 /* ADD16 */
        case 1: sub = i == 0; ib = 1 - i; break;    /* ASX: lo = a.lo - b.hi, hi = a.hi + b.lo */
        case 2: sub = i == 1; ib = 1 - i; break;    /* SAX: lo = a.lo + b.hi, hi = a.hi - b.lo */
        case 3: sub = true; break;                  /* SUB16 */
        case 4: sub = false; break;                 /* ADD8 */
        default: sub = true; break;                 /* SUB8 */
        }
        uint32_t xa = (a >> (ia * w)) & lmask, xb = (b >> (ib * w)) & lmask;
        int32_t x, y;
        if (is_unsigned) {
            x = (int32_t)xa;
            y = (int32_t)xb;
        } else {
            x = (int32_t)(xa << (32 - w)) >> (32 - w);
            y = (int32_t)(xb << (32 - w)) >> (32 - w);
        }
        int32_t r = sub ? x - y : x + y;
        bool g;
        switch (kind) {
        case 1: /* S: GE = result >= 0 */
            g = r >= 0;
            break;
        case 5: /* U: GE = carry out for additions, no borrow for subtractions */
            g = sub ? r >= 0 : r >= (int32_t)(1u << w);
            break;
        case 2: { /* Q */
            int32_t hi = (int32_t)(lmask >> 1);
            r = r > hi ? hi : r < -hi - 1 ? -hi - 1 : r;
            g = false;
            break;
        }
        case 6: /* UQ */
            r = r > (int32_t)lmask ? (int32_t)lmask : r < 0 ? 0 : r;
            g = false;
            break;
        default: /* SH, UH */
            r >>= 1;
            g = false;
            break;
        }
        res |= ((uint32_t)r & lmask) << (i * w);
        if (g) {
            ge |= bytes ? 1u << i : 3u << (2 * i);
        }
    }
    if (kind == 1 || kind == 5) {
        env->GE = ge;
    }
    return res;
}

uint32_t helper_sel(CPUARMState *env, uint32_t a, uint32_t b)
{
    uint32_t mask = 0;
    for (int i = 0; i < 4; i++) {
        if (env->GE & (1u << i)) {
            mask |= 0xffu << (8 * i);
        }
    }
    return (a & mask) | (b & ~mask);
}

uint32_t helper_usad8(uint32_t a, uint32_t b)
{
    uint32_t sum = 0;
    for (int i = 0; i < 32; i += 8) {
        int d = (int)((a >> i) & 0xff) - (int)((b >> i) & 0xff);
        sum += (uint32_t)(d < 0 ? -d : d);
    }
    return sum;
}

uint32_t helper_rbit(uint32_t a)
{
    uint32_t r = 0;
    for (int i = 0; i < 32; i++) {
        r |= ((a >> i) & 1) << (31 - i);
    }
    return r;
}

/* ---- Kuser helpers ---------------------------------------------------------------------- */

/* A bad pointer handed to a kuser helper faults as it would in the kernel's
   code: SIGSEGV at the helper (env->regs[15] is the helper's address). */
static void *kuser_ptr(CPUARMState *env, uint32_t addr, uint32_t len, uint32_t align)
{
    if ((addr & (align - 1)) || !guest_range_ok(addr, len, PAGE_READ | PAGE_WRITE)) {
        force_sig(&env->common, SIGSEGV, SEGV_MAPERR, addr);
    }
    return g2h(addr);
}

void helper_kuser(CPUARMState *env, uint32_t pc)
{
    switch (pc) {
    case 0xffff0fa0: /* __kuser_memory_barrier */
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        break;
    case 0xffff0fc0: { /* __kuser_cmpxchg(oldval r0, newval r1, ptr r2) */
        uint32_t expected = env->regs[0];
        uint32_t *p = kuser_ptr(env, env->regs[2], 4, 4);
        bool ok = __atomic_compare_exchange_n(p, &expected, env->regs[1], false,
                                              __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        env->regs[0] = ok ? 0 : 1;
        env->CF = ok;
        break;
    }
    case 0xffff0fe0: /* __kuser_get_tls */
        env->regs[0] = env->tpidruro;
        break;
    case 0xffff0f60: { /* __kuser_cmpxchg64(oldval *r0, newval *r1, ptr r2) */
        uint64_t expected, nv;
        memcpy(&expected, kuser_ptr(env, env->regs[0], 8, 4), 8);
        memcpy(&nv, kuser_ptr(env, env->regs[1], 8, 4), 8);
        uint64_t *p = kuser_ptr(env, env->regs[2], 8, 8);
        bool ok = __atomic_compare_exchange_n(p, &expected, nv, false,
                                              __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        env->regs[0] = ok ? 0 : 1;
        env->CF = ok;
        break;
    }
    default:
        force_sig(&env->common, SIGILL, ILL_ILLOPC, pc);
    }
    /* Return as `bx lr`. */
    uint32_t lr = env->regs[14];
    env->thumb = lr & 1;
    env->regs[15] = lr & ~1u;
}

/* ---- CRC32 (ARMv8): reflected, polynomial 0x04c11db7 or (crc32c) 0x1edc6f41,
   no initial or final inversion (the instruction is one step of the loop). */
uint32_t helper_crc32(uint32_t crc, uint32_t data, uint32_t desc)
{
    uint32_t poly = desc & 4 ? 0x82f63b78u : 0xedb88320u; /* bit-reversed */
    int bytes = 1 << (desc & 3);
    for (int i = 0; i < bytes; i++) {
        crc ^= (data >> (8 * i)) & 0xff;
        for (int k = 0; k < 8; k++)
            crc = crc & 1 ? (crc >> 1) ^ poly : crc >> 1;
    }
    return crc;
}
