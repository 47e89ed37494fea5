/*
 * PowerPC runtime helpers called from generated code (declared in
 * translate.h), and the architectural views of the split CR and XER.
 */
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "include/guest.h"
#include "linux-user/user.h"
#include "target-ppc/translate.h"

/* ---- CR and XER views ---- */

uint32_t ppc_get_cr(const CPUPPCState *env)
{
    uint32_t cr = 0;
    for (int f = 0; f < 8; f++) {
        cr |= ppc_crf_get(env, f) << (28 - 4 * f);
    }
    return cr;
}

void ppc_set_cr(CPUPPCState *env, uint32_t cr)
{
    for (int f = 0; f < 8; f++) {
        ppc_crf_set(env, f, (cr >> (28 - 4 * f)) & 0xf);
    }
}


uint32_t ppc_get_xer(const CPUPPCState *env)
{
    return env->xer_so << 31 | env->xer_ov << 30 | env->xer_ca << 29 | env->xer_rest;
}

void ppc_set_xer(CPUPPCState *env, uint32_t xer)
{
    env->xer_so = xer >> 31;
    env->xer_ov = (xer >> 30) & 1;
    env->xer_ca = (xer >> 29) & 1;
    env->xer_rest = xer & PPC_XER_REST_MASK;
}

/* ---- helpers ---- */

uint64_t helper_ppc_crw_of(uint32_t lt_gt_eq)
{
    return ppc_crw_explicit(lt_gt_eq & 7);
}

uint32_t helper_ppc_crf_bits(uint64_t w)
{
    uint32_t lt = (int64_t)w < 0, gt = (int64_t)(w << 1) > 0, eq = (uint32_t)w == 0;
    return lt << 2 | gt << 1 | eq;
}

uint32_t helper_ppc_mfcr(CPUPPCState *env)
{
    return ppc_get_cr(env);
}

/* The quotient of the undefined divisions (by 0, 0x80000000 / -1) is the
   dividend, as qemu-ppc computes it (the ISA leaves it undefined). */
uint32_t helper_ppc_divw(uint32_t a, uint32_t b)
{
    if (b == 0 || (a == 0x80000000u && b == 0xffffffffu)) {
        return a;
    }
    return (uint32_t)((int32_t)a / (int32_t)b);
}

uint32_t helper_ppc_divwu(uint32_t a, uint32_t b)
{
    return b ? a / b : a;
}

uint64_t ppc_timebase(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    /* 512 ticks per microsecond = 64 per 125 ns. */
    uint64_t ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
    return ns / 125 * 64 + (ns % 125) * 64 / 125;
}

uint32_t helper_ppc_mftb(CPUPPCState *env, uint32_t upper)
{
    uint64_t tb = ppc_timebase();
    return upper ? (uint32_t)(tb >> 32) : (uint32_t)tb;
}

void helper_ppc_icbi(CPUPPCState *env, uint32_t addr)
{
    uint32_t line = addr & ~(uint32_t)(PPC_CACHE_LINE - 1);
    tb_invalidate_range(line, line + PPC_CACHE_LINE);
}

void helper_ppc_raise_align(CPUPPCState *env, uint32_t addr)
{
    force_sig(&env->common, SIGBUS, BUS_ADRALN, addr);
}

/* The first address of [ea, ea + n) without access, or ea + n. */
static uint32_t first_bad(uint32_t ea, uint32_t n, int flags)
{
    for (uint32_t k = 0; k < n; k++) {
        if (!guest_range_ok(ea + k, 1, flags)) {
            return ea + k;
        }
    }
    return ea + n;
}

/* lswx: XER[25:31] bytes from ea into rt, rt+1, ... (wrapping), high byte
   first; the last register's unused bytes are zeroed. */
void helper_ppc_lswx(CPUPPCState *env, uint32_t ea, uint32_t rt, uint32_t unused, uint32_t ra_rb)
{
    uint32_t n = env->xer_rest & 0x7f;
    if (n == 0) {
        return;
    }
    uint32_t bad = first_bad(ea, n, PAGE_READ);
    if (bad != ea + n) {
        force_sig(&env->common, SIGSEGV, (page_get_flags(bad) & PAGE_VALID) ? SEGV_ACCERR : SEGV_MAPERR, bad);
    }
    uint32_t ra = ra_rb >> 8, rb = ra_rb & 31;
    for (uint32_t i = 0; i < (n + 3) / 4; i++) {
        uint32_t r = (rt + i) & 31;
        if ((ra && r == ra) || r == rb) {
            force_sig(&env->common, SIGILL, ILL_ILLOPN, env->nip);
        }
    }
    for (uint32_t k = 0; k < n; k += 4) {
        uint32_t v = 0;
        for (uint32_t j = 0; j < 4; j++) {
            if (k + j < n) {
                v |= (uint32_t)*(uint8_t *)g2h(ea + k + j) << (24 - 8 * j);
            }
        }
        env->gpr[(rt + k / 4) & 31] = v;
    }
}

void helper_ppc_stswx(CPUPPCState *env, uint32_t ea, uint32_t rs, uint32_t unused)
{
    uint32_t n = env->xer_rest & 0x7f;
    uint8_t buf[128];
    for (uint32_t k = 0; k < n; k++) {
        buf[k] = (uint8_t)(env->gpr[(rs + k / 4) & 31] >> (24 - 8 * (k % 4)));
    }
    /* copy_to_guest handles pages holding translated code. */
    if (n && copy_to_guest(ea, buf, n) < 0) {
        uint32_t bad = first_bad(ea, n, PAGE_WRITE);
        force_sig(&env->common, SIGSEGV, (page_get_flags(bad) & PAGE_VALID) ? SEGV_ACCERR : SEGV_MAPERR, bad);
    }
}
