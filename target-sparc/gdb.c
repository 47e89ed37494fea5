/*
 * SPARC registers for the gdbstub (linux-user/gdbstub.c), as gdb's 32-bit
 * SPARC target description names them:
 *   org.gnu.gdb.sparc.cpu  g0-g7, o0-o5, sp, o7, l0-l7, i0-i5, fp, i7 (0-31)
 *   org.gnu.gdb.sparc.fpu  f0-f31 (32-63, single precision)
 *   org.gnu.gdb.sparc.cp0  y psr wim tbr pc npc fsr csr (64-71)
 * Values are big-endian and 32 bits wide, also for V8+ programs (gdb's
 * 32-bit SPARC view; the upper halves V8+ code may keep in %g and %o are
 * not shown).
 *
 * Register windows.  gdb reads the current window from these registers and
 * every caller's locals and ins from the register save area at that
 * frame's %sp, so before it looks, the older windows still in the
 * register file are spilled to the stack, as the kernel does before a
 * debugger reads a stopped process.  A spill that faults leaves the rest
 * where it is (gdb then sees stale memory for those frames, as it would
 * on Linux).
 */
#include <string.h>

#include "target-sparc/cpu.h"
#include "guest-abi.h"
#include "target.h"

enum {
    REG_F0 = 32,
    REG_Y = 64,
    REG_PSR,
    REG_WIM,
    REG_TBR,
    REG_PC,
    REG_NPC,
    REG_FSR,
    REG_CSR,
};

/* PSR as a user process reads it: icc in bits 23:20, EF (FPU enabled). */
#define PSR_ICC_SHIFT 20
#define PSR_EF 0x1000u

#define R(name, type) "<reg name=\"" name "\" bitsize=\"32\" type=\"" type "\"/>"
#define I(n) R(#n, "int")
#define F(n) "<reg name=\"f" #n "\" bitsize=\"32\" type=\"ieee_single\"/>"

const char sparc_gdb_xml[] =
    "<?xml version=\"1.0\"?><!DOCTYPE target SYSTEM \"gdb-target.dtd\">"
    "<target><architecture>sparc</architecture><osabi>GNU/Linux</osabi>"
    "<feature name=\"org.gnu.gdb.sparc.cpu\">"
    I(g0) I(g1) I(g2) I(g3) I(g4) I(g5) I(g6) I(g7)
    I(o0) I(o1) I(o2) I(o3) I(o4) I(o5) R("sp", "data_ptr") I(o7)
    I(l0) I(l1) I(l2) I(l3) I(l4) I(l5) I(l6) I(l7)
    I(i0) I(i1) I(i2) I(i3) I(i4) I(i5) R("fp", "data_ptr") I(i7)
    "</feature>"
    "<feature name=\"org.gnu.gdb.sparc.fpu\">"
    F(0) F(1) F(2) F(3) F(4) F(5) F(6) F(7) F(8) F(9) F(10) F(11) F(12) F(13) F(14) F(15)
    F(16) F(17) F(18) F(19) F(20) F(21) F(22) F(23) F(24) F(25) F(26) F(27) F(28) F(29)
    F(30) F(31)
    "</feature>"
    "<feature name=\"org.gnu.gdb.sparc.cp0\">"
    R("y", "int") R("psr", "int") R("wim", "int") R("tbr", "int")
    R("pc", "code_ptr") R("npc", "code_ptr") R("fsr", "int") R("csr", "int")
    "</feature>"
    "</target>";

/* In the guest's byte order (big-endian), as gdb wants the target's. */
static int put32(uint8_t *b, uint32_t v)
{
    st_guest_u32(b, v);
    return 4;
}

static uint32_t get32(const uint8_t *b) { return ld_guest_u32(b); }

/* %f(n): the high word of fpr[n/2] for even n, the low word for odd n. */
static uint32_t freg(const CPUSPARCState *env, int n)
{
    uint64_t d = env->fpr[n / 2];
    return n & 1 ? (uint32_t)d : (uint32_t)(d >> 32);
}

int sparc_gdb_read_reg(CPUCommon *c, int n, uint8_t *buf)
{
    CPUSPARCState *env = (CPUSPARCState *)c;
    uint32_t fault;
    if (env->canrestore)
        sparc_flush_windows(env, &fault);
    if (n >= 0 && n < 32)
        return put32(buf, (uint32_t)env->regs[n]);
    if (n >= REG_F0 && n < REG_F0 + 32)
        return put32(buf, freg(env, n - REG_F0));
    switch (n) {
    case REG_Y: return put32(buf, env->y);
    case REG_PSR: return put32(buf, sparc_get_icc(env) << PSR_ICC_SHIFT | PSR_EF);
    case REG_WIM:
    case REG_TBR:
    case REG_CSR: return put32(buf, 0); /* privileged: nothing a user process sees */
    case REG_PC: return put32(buf, env->pc);
    case REG_NPC: return put32(buf, env->npc);
    case REG_FSR: return put32(buf, sparc_get_fsr(env));
    }
    return 0;
}

int sparc_gdb_write_reg(CPUCommon *c, int n, const uint8_t *buf)
{
    CPUSPARCState *env = (CPUSPARCState *)c;
    uint32_t v = get32(buf);
    if (n == 0)
        return 4; /* %g0 is always 0 */
    if (n > 0 && n < 32) {
        env->regs[n] = v;
        return 4;
    }
    if (n >= REG_F0 && n < REG_F0 + 32) {
        int i = (n - REG_F0) / 2;
        if ((n - REG_F0) & 1)
            env->fpr[i] = (env->fpr[i] & ~0xffffffffull) | v;
        else
            env->fpr[i] = (env->fpr[i] & 0xffffffffull) | (uint64_t)v << 32;
        return 4;
    }
    switch (n) {
    case REG_Y: env->y = v; return 4;
    case REG_PSR: /* only icc is the user's */
        sparc_set_ccr(env, (sparc_get_ccr(env) & ~0xfu) | ((v >> PSR_ICC_SHIFT) & 0xf));
        return 4;
    case REG_WIM:
    case REG_TBR:
    case REG_CSR: return 4;
    case REG_PC: env->pc = v & ~3u; return 4;
    case REG_NPC: env->npc = v & ~3u; return 4;
    case REG_FSR: sparc_set_fsr(env, v); return 4;
    }
    return 0;
}

/* ---- core dumps (linux-user/coredump.c) ---- */

/* NT_PRSTATUS's elf_gregset_t as a sparc64 kernel writes it for a 32-bit
   process (and gdb's sparc32 Linux core map reads it): g0-g7, o0-o7,
   l0-l7, i0-i7, psr, pc, npc, y, wim, tbr.  The older windows are spilled
   first, so the callers' locals and ins are on the stack, as the kernel
   leaves them before it dumps. */
size_t sparc_core_regs(CPUCommon *c, uint8_t *regs)
{
    CPUSPARCState *env = (CPUSPARCState *)c;
    uint32_t fault;
    if (env->canrestore)
        sparc_flush_windows(env, &fault);
    for (int i = 0; i < 32; i++)
        put32(regs + 4 * i, (uint32_t)env->regs[i]);
    put32(regs + 4 * 32, sparc_get_icc(env) << PSR_ICC_SHIFT | PSR_EF);
    put32(regs + 4 * 33, env->pc);
    put32(regs + 4 * 34, env->npc);
    put32(regs + 4 * 35, env->y);
    put32(regs + 4 * 36, 0);
    put32(regs + 4 * 37, 0);
    return 38 * 4;
}

/* NT_PRFPREG ("CORE") as the sparc64 kernel's fpregs32_get writes it for a
   32-bit process (99 words): f0-f31, an empty word, the FSR, then the queue
   bytes (count 0, entry size 8, enabled 1, pad) and 64 empty queue words. */
size_t sparc_core_fpregs(CPUCommon *c, uint8_t *desc, uint32_t *type, const char **name)
{
    CPUSPARCState *env = (CPUSPARCState *)c;
    memset(desc, 0, 99 * 4);
    for (int i = 0; i < 32; i++)
        put32(desc + 4 * i, freg(env, i));
    put32(desc + 4 * 33, sparc_get_fsr(env));
    put32(desc + 4 * 34, 1u << 8 | 8u << 16);
    *type = 2; /* NT_PRFPREG */
    *name = "CORE";
    return 99 * 4;
}
