/*
 * i386 runtime helpers: the lazy flags, EFLAGS as a whole, rotates and
 * double shifts, division, BCD adjust, segment loads, cpuid, rdtsc.
 *
 * What cc_dst / cc_src / cc_src2 hold for each CC_OP_* (size n bits):
 *   ADD   dst = a + b, src = b            ADC  also src2 = carry in
 *   SUB   dst = a - b, src = b            SBB  also src2 = borrow in
 *   LOGIC dst = result (C = O = A = 0)
 *   INC/DEC dst = result, src = the carry flag before (unchanged by them)
 *   SHL   dst = result, src = a << (count - 1): C = its bit n-1
 *   SAR   dst = result, src = a >> (count - 1): C = its bit 0 (SHR and SAR)
 *   MUL   dst = low half, src != 0 when the result did not fit: C = O
 *   EFLAGS src = the flags; CLR: Z and P.
 * Only the low n bits of dst and src count.
 */
#include <string.h>
#include <x86intrin.h>

#include "include/guest.h"
#include "target-i386/cpu.h"
#include "target-i386/helper.h"

static inline uint32_t mask_of(int ot) { return ot == 0 ? 0xff : ot == 1 ? 0xffff : 0xffffffffu; }
static inline uint32_t sign_of(int ot) { return ot == 0 ? 0x80 : ot == 1 ? 0x8000 : 0x80000000u; }

/* S, Z and P of a result of size ot. */
static inline uint32_t szp(int ot, uint32_t r)
{
    uint32_t m = mask_of(ot);
    r &= m;
    return (__builtin_parity(r & 0xff) ? 0 : CC_P) | (r == 0 ? CC_Z : 0) | ((r & sign_of(ot)) ? CC_S : 0);
}

static uint32_t compute_all(uint32_t op, uint32_t dst, uint32_t src, uint32_t src2);

uint32_t helper_cc_compute_all(uint32_t op, uint32_t dst, uint32_t src, uint32_t src2, uint32_t res)
{
    if (!CC_OP_IS_ROT(op))
        return compute_all(op, dst, src, src2);
    uint32_t kind = (op >> 6) & 7;
    int ot = (int)(kind % 3);
    unsigned n = 8u << ot;
    uint32_t f = compute_all(op & 0x3f, dst, src, src2) & ~(CC_C | CC_O);
    uint32_t c, o;
    if (kind < 3) { /* rol */
        c = res & 1;
        o = ((res >> (n - 1)) ^ c) & 1;
    } else {
        c = (res >> (n - 1)) & 1;
        o = ((res >> (n - 1)) ^ (res >> (n - 2))) & 1;
    }
    return f | c | (o ? CC_O : 0);
}

static uint32_t compute_all(uint32_t op, uint32_t dst, uint32_t src, uint32_t src2)
{
    if (op == CC_OP_EFLAGS)
        return src & CC_ALL;
    if (op == CC_OP_CLR)
        return CC_Z | CC_P;
    if (op < CC_OP_MULB || op >= CC_OP_NB)
        return 0;
    int ot = (int)(op - CC_OP_MULB) % 3;
    uint32_t base = op - (uint32_t)ot;
    uint32_t m = mask_of(ot), sb = sign_of(ot);
    uint32_t f = szp(ot, dst), a, c = 0, o = 0;
    uint32_t d = dst & m, s2 = src & m;
    switch (base) {
    case CC_OP_MULB:
        /* src: the high part (mul) or the difference from the sign
           extension (imul): non-zero when the result did not fit. */
        return f | (src != 0 ? CC_C | CC_O : 0);
    case CC_OP_ADDB:
        a = (dst - src) & m;
        c = d < s2;
        o = ((a ^ s2 ^ sb) & (a ^ d)) & sb;
        f |= (a ^ s2 ^ d) & CC_A;
        break;
    case CC_OP_ADCB:
        a = (dst - src - src2) & m;
        c = src2 ? d <= s2 : d < s2;
        o = ((a ^ s2 ^ sb) & (a ^ d)) & sb;
        f |= (a ^ s2 ^ d) & CC_A;
        break;
    case CC_OP_SUBB:
        a = (dst + src) & m;
        c = a < s2;
        o = ((a ^ s2) & (a ^ d)) & sb;
        f |= (a ^ s2 ^ d) & CC_A;
        break;
    case CC_OP_SBBB:
        a = (dst + src + src2) & m;
        c = src2 ? a <= s2 : a < s2;
        o = ((a ^ s2) & (a ^ d)) & sb;
        f |= (a ^ s2 ^ d) & CC_A;
        break;
    case CC_OP_LOGICB:
        break;
    case CC_OP_INCB:
        c = src & 1;
        o = d == sb;
        f |= (d ^ ((d - 1) & m) ^ 1) & CC_A;
        break;
    case CC_OP_DECB:
        c = src & 1;
        o = d == sb - 1;
        f |= (d ^ ((d + 1) & m) ^ 1) & CC_A;
        break;
    case CC_OP_SHLB:
        c = (src >> (8 * (1u << ot) - 1)) & 1;
        o = ((dst & sb) ? 1 : 0) ^ c;
        break;
    case CC_OP_SARB:
        c = src & 1;
        o = ((src ^ dst) & sb) != 0;
        break;
    }
    return f | (c ? CC_C : 0) | (o ? CC_O : 0);
}

/* CF alone, without the other five (compute_all's parity and adjust
   cost five times more): inc and dec after a block boundary read it with
   cc_op only known at run time (gzip's match loop: `cmp; jbe; dec; je`,
   half of the i386 gzip -9 run when this went through compute_all). */
uint32_t helper_cc_compute_c(uint32_t op, uint32_t dst, uint32_t src, uint32_t src2, uint32_t res)
{
    if (op < CC_OP_MULB || op >= CC_OP_NB)
        return helper_cc_compute_all(op, dst, src, src2, res) & CC_C; /* EFLAGS, CLR, rotates */
    int ot = (int)(op - CC_OP_MULB) % 3;
    uint32_t m = mask_of(ot), d = dst & m, s2 = src & m, a;
    switch (op - (uint32_t)ot) {
    case CC_OP_MULB:
        return src != 0;
    case CC_OP_ADDB:
        return d < s2;
    case CC_OP_ADCB:
        return src2 ? d <= s2 : d < s2;
    case CC_OP_SUBB:
        a = (dst + src) & m;
        return a < s2;
    case CC_OP_SBBB:
        a = (dst + src + src2) & m;
        return src2 ? a <= s2 : a < s2;
    case CC_OP_INCB:
    case CC_OP_DECB:
    case CC_OP_SARB:
        return src & 1;
    case CC_OP_SHLB:
        return (src >> (8 * (1u << ot) - 1)) & 1;
    default: /* CC_OP_LOGICB */
        return 0;
    }
}

uint32_t x86_get_eflags(const CPUX86State *env)
{
    uint32_t f = helper_cc_compute_all(env->cc_op, env->cc_dst, env->cc_src, env->cc_src2, env->cc_res);
    return f | (env->df < 0 ? EFL_DF : 0) | EFL_IF | 2 | (env->eflags & (EFL_AC | EFL_ID | EFL_NT | EFL_TF));
}

void x86_set_eflags(CPUX86State *env, uint32_t v, uint32_t mask)
{
    uint32_t old = x86_get_eflags(env);
    v = (old & ~mask) | (v & mask);
    env->cc_src = v & CC_ALL;
    env->cc_op = CC_OP_EFLAGS;
    env->df = (v & EFL_DF) ? -1 : 1;
    env->eflags = v & (EFL_AC | EFL_ID | EFL_NT | EFL_TF);
}

uint32_t helper_read_eflags(CPUX86State *env) { return x86_get_eflags(env); }

void helper_write_eflags(CPUX86State *env, uint32_t v, uint32_t mask) { x86_set_eflags(env, v, mask); }

/* ---- rotates and double shifts ---- */

uint32_t helper_rotate(CPUX86State *env, uint32_t op_ot, uint32_t val, uint32_t count, uint32_t eflags)
{
    int ot = (int)(op_ot & 3), op = (int)(op_ot >> 2);
    unsigned n = 8u << ot;
    uint32_t m = mask_of(ot);
    uint32_t f = eflags & CC_ALL;
    uint32_t res = val & m;
    val &= m;
    env->cc_tmp = f;
    if (count == 0)
        return val;
    uint32_t c, o;
    switch (op) {
    case 0: { /* rol */
        unsigned k = count % n;
        res = k ? ((val << k) | (val >> (n - k))) & m : val;
        c = res & 1;
        o = ((res >> (n - 1)) ^ c) & 1;
        break;
    }
    case 1: { /* ror */
        unsigned k = count % n;
        res = k ? ((val >> k) | (val << (n - k))) & m : val;
        c = (res >> (n - 1)) & 1;
        o = ((res >> (n - 1)) ^ (res >> (n - 2))) & 1;
        break;
    }
    case 2: { /* rcl: rotate the n+1 bits CF:val left */
        unsigned k = ot == 2 ? count : count % (n + 1);
        if (k == 0)
            return val;
        uint64_t x = (uint64_t)val | ((uint64_t)(f & CC_C) << n);
        uint64_t wm = (1ull << (n + 1)) - 1;
        x = ((x << k) | (x >> (n + 1 - k))) & wm;
        res = (uint32_t)x & m;
        c = (uint32_t)(x >> n) & 1;
        o = ((res >> (n - 1)) ^ c) & 1;
        break;
    }
    default: { /* rcr */
        unsigned k = ot == 2 ? count : count % (n + 1);
        if (k == 0)
            return val;
        uint64_t x = (uint64_t)val | ((uint64_t)(f & CC_C) << n);
        uint64_t wm = (1ull << (n + 1)) - 1;
        x = ((x >> k) | (x << (n + 1 - k))) & wm;
        res = (uint32_t)x & m;
        c = (uint32_t)(x >> n) & 1;
        o = ((res >> (n - 1)) ^ (res >> (n - 2))) & 1;
        break;
    }
    }
    env->cc_tmp = (f & ~(CC_C | CC_O)) | c | (o ? CC_O : 0);
    return res;
}

uint32_t helper_shd(CPUX86State *env, uint32_t packed, uint32_t val, uint32_t src, uint32_t eflags)
{
    int ot = (int)(packed & 3);
    bool right = packed & 4;
    unsigned count = (packed >> 8) & 0x1f;
    unsigned n = 8u << ot;
    uint32_t m = mask_of(ot);
    env->cc_tmp = eflags & CC_ALL;
    val &= m;
    src &= m;
    if (count == 0)
        return val;
    uint32_t res, c;
    if (ot == 2) {
        uint64_t x = right ? ((uint64_t)src << 32 | val) : ((uint64_t)val << 32 | src);
        if (right) {
            res = (uint32_t)(x >> count);
            c = (uint32_t)(x >> (count - 1)) & 1;
        } else {
            res = (uint32_t)((x << count) >> 32);
            c = (uint32_t)((x << (count - 1)) >> 63) & 1;
        }
    } else {
        /* 16 bits: a 48-bit pattern, val:src:src (left) or src:src:val
           (right), so that counts above 16 give what Intel CPUs give. */
        uint64_t x = right ? ((uint64_t)src << 32 | (uint64_t)src << 16 | val)
                           : ((uint64_t)val << 32 | (uint64_t)src << 16 | src);
        if (right) {
            res = (uint32_t)(x >> count) & m;
            c = (uint32_t)(x >> (count - 1)) & 1;
        } else {
            res = (uint32_t)(x >> (32 - count)) & m;
            c = (uint32_t)(x >> (32 - count + 16)) & 1;
        }
    }
    uint32_t o = ((res ^ val) & (1u << (n - 1))) ? CC_O : 0;
    env->cc_tmp = szp(ot, res) | c | o;
    return res;
}

/* ---- division ---- */

uint32_t helper_div(CPUX86State *env, uint32_t ot_sign, uint32_t divisor)
{
    int ot = (int)(ot_sign & 3);
    bool sign = ot_sign & 4;
    uint32_t *eax = &env->regs[R_EAX], *edx = &env->regs[R_EDX];
    if (ot == 0) {
        uint32_t num = *eax & 0xffff;
        if (sign) {
            int32_t d = (int8_t)divisor, nn = (int16_t)num;
            if (d == 0)
                return EXCP_X86_DE;
            int32_t q = nn / d, r = nn % d;
            if (q != (int8_t)q)
                return EXCP_X86_DE;
            *eax = (*eax & ~0xffffu) | ((uint32_t)(r & 0xff) << 8) | ((uint32_t)q & 0xff);
        } else {
            uint32_t d = divisor & 0xff;
            if (d == 0 || num / d > 0xff)
                return EXCP_X86_DE;
            *eax = (*eax & ~0xffffu) | ((num % d) << 8) | (num / d);
        }
    } else if (ot == 1) {
        uint32_t num = (*edx & 0xffff) << 16 | (*eax & 0xffff);
        if (sign) {
            int64_t d = (int16_t)divisor, nn = (int32_t)num;
            if (d == 0)
                return EXCP_X86_DE;
            int64_t q = nn / d, r = nn % d;
            if (q != (int16_t)q)
                return EXCP_X86_DE;
            *eax = (*eax & ~0xffffu) | ((uint32_t)q & 0xffff);
            *edx = (*edx & ~0xffffu) | ((uint32_t)r & 0xffff);
        } else {
            uint32_t d = divisor & 0xffff;
            if (d == 0 || num / d > 0xffff)
                return EXCP_X86_DE;
            *eax = (*eax & ~0xffffu) | (num / d);
            *edx = (*edx & ~0xffffu) | (num % d);
        }
    } else {
        uint64_t num = (uint64_t)*edx << 32 | *eax;
        if (sign) {
            int64_t d = (int32_t)divisor, nn = (int64_t)num;
            if (d == 0 || (nn == INT64_MIN && d == -1))
                return EXCP_X86_DE;
            int64_t q = nn / d, r = nn % d;
            if (q != (int32_t)q)
                return EXCP_X86_DE;
            *eax = (uint32_t)q;
            *edx = (uint32_t)r;
        } else {
            uint64_t d = divisor;
            if (d == 0 || num / d > 0xffffffffu)
                return EXCP_X86_DE;
            *eax = (uint32_t)(num / d);
            *edx = (uint32_t)(num % d);
        }
    }
    return 0;
}

/* ---- BCD ---- */

uint32_t helper_bcd(CPUX86State *env, uint32_t op, uint32_t imm)
{
    uint32_t f = helper_cc_compute_all(env->cc_op, env->cc_dst, env->cc_src, env->cc_src2, env->cc_res);
    uint32_t eax = env->regs[R_EAX];
    uint32_t al = eax & 0xff, ah = (eax >> 8) & 0xff;
    bool cf = f & CC_C, af = f & CC_A;
    uint32_t nf = f & CC_O;
    switch (op) {
    case 0: case 1: { /* daa, das */
        uint32_t old_al = al;
        bool ncf = false, naf = false;
        if ((al & 0xf) > 9 || af) {
            if (op == 0) {
                ncf = cf || al + 6 > 0xff;
                al = (al + 6) & 0xff;
            } else {
                ncf = cf || al < 6;
                al = (al - 6) & 0xff;
            }
            naf = true;
        }
        if (old_al > 0x99 || cf) {
            al = (op == 0 ? al + 0x60 : al - 0x60) & 0xff;
            ncf = true;
        }
        nf = szp(0, al) | (ncf ? CC_C : 0) | (naf ? CC_A : 0);
        eax = (eax & ~0xffu) | al;
        break;
    }
    case 2: case 3: { /* aaa, aas */
        uint32_t ax = eax & 0xffff;
        if ((al & 0xf) > 9 || af) {
            if (op == 2) {
                ax = (ax + 0x106) & 0xffff;
            } else {
                ax = (ax - 6) & 0xffff;
                ax = (ax - 0x100) & 0xffff;
            }
            nf = CC_A | CC_C;
        } else {
            nf = 0;
        }
        ax &= 0xff0f;
        nf |= szp(0, ax & 0xff);
        eax = (eax & ~0xffffu) | ax;
        break;
    }
    case 4: /* aam */
        if ((imm & 0xff) == 0)
            return EXCP_X86_DE;
        ah = al / imm;
        al = al % imm;
        eax = (eax & ~0xffffu) | (ah << 8) | al;
        nf = szp(0, al);
        break;
    default: /* aad */
        al = (al + ah * imm) & 0xff;
        eax = (eax & ~0xffffu) | al;
        nf = szp(0, al);
        break;
    }
    env->regs[R_EAX] = eax;
    env->cc_src = nf;
    env->cc_op = CC_OP_EFLAGS;
    return 0;
}

/* ---- segments ---- */

/* The descriptor of selector sel (GDT TLS entries, the flat user segments,
   or the LDT); false if there is none the guest may load. */
bool x86_desc_of(CPUX86State *env, uint32_t sel, X86Desc *d)
{
    uint32_t idx = (sel >> 3) & 0x1fff;
    if (sel & 4)
        return x86_ldt_get(idx, d);
    if (idx >= X86_TLS_MIN && idx < X86_TLS_MIN + X86_TLS_ENTRIES) {
        *d = env->tls[idx - X86_TLS_MIN];
        return d->flags & (1u << 31);
    }
    if (idx == (X86_USER_CS >> 3) || idx == (X86_USER_DS >> 3)) {
        *d = (X86Desc){ 0, 0xfffff, 1u << 31 };
        return true;
    }
    return false;
}

void x86_update_hflags(CPUX86State *env)
{
    bool addseg = env->seg_base[R_DS] || env->seg_base[R_ES] || env->seg_base[R_SS];
    env->hflags = (addseg ? X86_HF_ADDSEG : 0) | ((env->mxcsr & 0xffc0u) == 0x1f80u ? X86_HF_MXDEF : 0) |
                  ((env->fpuc & 0x3f) == 0x3f && !(env->fpus & 0x80) ? X86_HF_FPQUIET : 0);
}

uint32_t helper_load_seg(CPUX86State *env, uint32_t seg, uint32_t sel)
{
    sel &= 0xffff;
    uint32_t base = 0;
    if ((sel & ~3u) == 0) {
        if (seg == R_SS)
            return EXCP_X86_GP;
    } else {
        X86Desc d;
        if ((sel & 3) != 3 || !x86_desc_of(env, sel, &d))
            return EXCP_X86_GP;
        base = d.base;
    }
    env->segs[seg] = sel;
    env->seg_base[seg] = base;
    x86_update_hflags(env);
    return 0;
}

/* ---- misc ---- */

void helper_cpuid(CPUX86State *env)
{
    uint32_t out[4];
    x86_cpuid(env->regs[R_EAX], env->regs[R_ECX], out);
    env->regs[R_EAX] = out[0];
    env->regs[R_EBX] = out[1];
    env->regs[R_ECX] = out[2];
    env->regs[R_EDX] = out[3];
}

void helper_rdtsc(CPUX86State *env)
{
    uint64_t t = __rdtsc();
    env->regs[R_EAX] = (uint32_t)t;
    env->regs[R_EDX] = (uint32_t)(t >> 32);
}

uint32_t helper_popcnt(uint32_t v) { return (uint32_t)__builtin_popcount(v); }
