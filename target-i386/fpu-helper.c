/*
 * x87 state: reset, and the fsave (108 bytes, 32-bit protected mode) and
 * fxsave (512 bytes) memory images, for the instructions and the signal
 * frames.  The registers are kept as 80-bit values (10 bytes of each
 * 16-byte fpregs slot), physical register i in fpregs[i]; ST(i) is
 * physical register (fpstt + i) & 7.
 */
#include <string.h>

#include "include/guest.h"
#include "target-i386/cpu.h"
#include "target-i386/helper.h"

void x86_fpu_reset(CPUX86State *env)
{
    env->fpuc = 0x37f;
    env->fpus = 0;
    env->fpstt = 0;
    env->fptags = 0xff; /* all empty */
    env->fpip = env->fpcs = env->fpdp = env->fpds = env->fpop = 0;
    memset(env->fpregs, 0, sizeof env->fpregs);
}

static uint16_t fpu_sw(const CPUX86State *env)
{
    return (uint16_t)((env->fpus & ~0x3800u) | (env->fpstt & 7) << 11);
}

/* The two-bit tag of physical register i: 0 valid, 1 zero, 2 special, 3 empty. */
static unsigned full_tag(const CPUX86State *env, int i)
{
    if (env->fptags & (1u << i))
        return 3;
    uint64_t mant;
    uint16_t se;
    memcpy(&mant, env->fpregs[i], 8);
    memcpy(&se, env->fpregs[i] + 8, 2);
    unsigned exp = se & 0x7fff;
    if (exp == 0)
        return mant == 0 ? 1 : 2;
    if (exp == 0x7fff || !(mant >> 63))
        return 2;
    return 0;
}

void x86_fsave(CPUX86State *env, uint8_t *buf)
{
    uint32_t w[7] = { 0 };
    w[0] = 0xffff0000u | env->fpuc;
    w[1] = 0xffff0000u | fpu_sw(env);
    uint32_t tags = 0;
    for (int i = 0; i < 8; i++)
        tags |= full_tag(env, i) << (2 * i);
    w[2] = 0xffff0000u | tags;
    w[3] = env->fpip;
    w[4] = (env->fpcs & 0xffff) | (env->fpop & 0x7ff) << 16;
    w[5] = env->fpdp;
    w[6] = 0xffff0000u | (env->fpds & 0xffff);
    memcpy(buf, w, sizeof w);
    for (int i = 0; i < 8; i++)
        memcpy(buf + 28 + 10 * i, env->fpregs[(env->fpstt + (unsigned)i) & 7], 10);
}

void x86_frstor(CPUX86State *env, const uint8_t *buf)
{
    uint32_t w[7];
    memcpy(w, buf, sizeof w);
    env->fpuc = w[0] & 0xffff;
    env->fpus = w[1] & 0xffff & ~0x3800u;
    env->fpstt = (w[1] >> 11) & 7;
    env->fptags = 0;
    for (int i = 0; i < 8; i++)
        if (((w[2] >> (2 * i)) & 3) == 3)
            env->fptags |= 1u << i;
    env->fpip = w[3];
    env->fpcs = w[4] & 0xffff;
    env->fpop = (w[4] >> 16) & 0x7ff;
    env->fpdp = w[5];
    env->fpds = w[6] & 0xffff;
    for (int i = 0; i < 8; i++) {
        uint8_t *r = env->fpregs[(env->fpstt + (unsigned)i) & 7];
        memset(r, 0, 16);
        memcpy(r, buf + 28 + 10 * i, 10);
    }
}

void x86_fxsave(CPUX86State *env, uint8_t *buf)
{
    memset(buf, 0, 512);
    uint16_t cw = (uint16_t)env->fpuc, sw = fpu_sw(env), op = (uint16_t)env->fpop;
    uint8_t ftw = 0;
    for (int i = 0; i < 8; i++)
        if (!(env->fptags & (1u << i)))
            ftw |= (uint8_t)(1u << i);
    memcpy(buf + 0, &cw, 2);
    memcpy(buf + 2, &sw, 2);
    buf[4] = ftw;
    memcpy(buf + 6, &op, 2);
    memcpy(buf + 8, &env->fpip, 4);
    uint16_t cs = (uint16_t)env->fpcs, ds = (uint16_t)env->fpds;
    memcpy(buf + 12, &cs, 2);
    memcpy(buf + 16, &env->fpdp, 4);
    memcpy(buf + 20, &ds, 2);
    memcpy(buf + 24, &env->mxcsr, 4);
    uint32_t mxcsr_mask = 0xffff;
    memcpy(buf + 28, &mxcsr_mask, 4);
    for (int i = 0; i < 8; i++)
        memcpy(buf + 32 + 16 * i, env->fpregs[(env->fpstt + (unsigned)i) & 7], 10);
}

void x86_fxrstor(CPUX86State *env, const uint8_t *buf)
{
    uint16_t cw, sw, op, cs, ds;
    memcpy(&cw, buf + 0, 2);
    memcpy(&sw, buf + 2, 2);
    memcpy(&op, buf + 6, 2);
    env->fpuc = cw;
    env->fpus = sw & ~0x3800u;
    env->fpstt = (sw >> 11) & 7;
    env->fptags = 0;
    for (int i = 0; i < 8; i++)
        if (!(buf[4] & (1u << i)))
            env->fptags |= 1u << i;
    env->fpop = op & 0x7ff;
    memcpy(&env->fpip, buf + 8, 4);
    memcpy(&cs, buf + 12, 2);
    memcpy(&env->fpdp, buf + 16, 4);
    memcpy(&ds, buf + 20, 2);
    env->fpcs = cs;
    env->fpds = ds;
    memcpy(&env->mxcsr, buf + 24, 4);
    for (int i = 0; i < 8; i++) {
        uint8_t *r = env->fpregs[(env->fpstt + (unsigned)i) & 7];
        memset(r, 0, 16);
        memcpy(r, buf + 32 + 16 * i, 10);
    }
}

uint32_t helper_fxsave_rstor(CPUX86State *env, uint32_t addr, uint32_t op)
{
    uint8_t buf[512];
    if (addr & 15)
        return EXCP_X86_GP;
    if (op == 0) {
        x86_fxsave(env, buf);
        /* The reserved tail (bytes 288..511) is not written by the CPU. */
        if (copy_to_guest(addr, buf, 288) < 0)
            return EXCP_X86_GP;
    } else {
        if (copy_from_guest(buf, addr, 512) < 0)
            return EXCP_X86_GP;
        x86_fxrstor(env, buf);
    }
    return 0;
}
