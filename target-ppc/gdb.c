/*
 * PowerPC registers for the gdbstub (linux-user/gdbstub.c): gdb's
 * org.gnu.gdb.power.core (r0-r31, pc, msr, cr, lr, ctr, xer: numbers 0-37)
 * and org.gnu.gdb.power.fpu (f0-f31, fpscr: numbers 38-70).  Values go in
 * the guest's byte order (big-endian), as gdb expects of the target.
 */
#include <string.h>

#include "target-ppc/cpu.h"
#include "guest-abi.h"
#include "target.h"

#define REG_PC 32
#define REG_MSR 33
#define REG_CR 34
#define REG_LR 35
#define REG_CTR 36
#define REG_XER 37
#define REG_F0 38
#define REG_FPSCR (REG_F0 + 32)

/* What a 32-bit user process's MSR reads as under Linux: EE, PR, ME, IR,
   DR, RI (FP available while it uses the FPU). */
#define USER_MSR 0xd032u

#define R(n) "<reg name=\"r" #n "\" bitsize=\"32\" type=\"uint32\"/>"
#define F(n) "<reg name=\"f" #n "\" bitsize=\"64\" type=\"ieee_double\"/>"

const char ppc_gdb_xml[] =
    "<?xml version=\"1.0\"?><!DOCTYPE target SYSTEM \"gdb-target.dtd\">"
    "<target><architecture>powerpc:common</architecture>"
    "<feature name=\"org.gnu.gdb.power.core\">"
    R(0) R(1) R(2) R(3) R(4) R(5) R(6) R(7) R(8) R(9) R(10) R(11) R(12) R(13) R(14) R(15)
    R(16) R(17) R(18) R(19) R(20) R(21) R(22) R(23) R(24) R(25) R(26) R(27) R(28) R(29)
    R(30) R(31)
    "<reg name=\"pc\" bitsize=\"32\" type=\"code_ptr\"/>"
    "<reg name=\"msr\" bitsize=\"32\" type=\"uint32\"/>"
    "<reg name=\"cr\" bitsize=\"32\" type=\"uint32\"/>"
    "<reg name=\"lr\" bitsize=\"32\" type=\"code_ptr\"/>"
    "<reg name=\"ctr\" bitsize=\"32\" type=\"uint32\"/>"
    "<reg name=\"xer\" bitsize=\"32\" type=\"uint32\"/>"
    "</feature>"
    "<feature name=\"org.gnu.gdb.power.fpu\">"
    F(0) F(1) F(2) F(3) F(4) F(5) F(6) F(7) F(8) F(9) F(10) F(11) F(12) F(13) F(14) F(15)
    F(16) F(17) F(18) F(19) F(20) F(21) F(22) F(23) F(24) F(25) F(26) F(27) F(28) F(29)
    F(30) F(31)
    "<reg name=\"fpscr\" bitsize=\"32\" group=\"float\"/>"
    "</feature>"
    "</target>";

/* In the guest's byte order (big-endian), as gdb wants the target's. */
static int put32(uint8_t *b, uint32_t v)
{
    st_guest_u32(b, v);
    return 4;
}

static uint32_t get32(const uint8_t *b) { return ld_guest_u32(b); }

int ppc_gdb_read_reg(CPUCommon *c, int n, uint8_t *buf)
{
    CPUPPCState *env = (CPUPPCState *)c;
    if (n >= 0 && n < 32)
        return put32(buf, env->gpr[n]);
    if (n >= REG_F0 && n < REG_F0 + 32) {
        uint64_t f = env->fpr[n - REG_F0];
        put32(buf, (uint32_t)(f >> 32));
        put32(buf + 4, (uint32_t)f);
        return 8;
    }
    switch (n) {
    case REG_PC: return put32(buf, env->nip);
    case REG_MSR: return put32(buf, USER_MSR);
    case REG_CR: return put32(buf, ppc_get_cr(env));
    case REG_LR: return put32(buf, env->lr);
    case REG_CTR: return put32(buf, env->ctr);
    case REG_XER: return put32(buf, ppc_get_xer(env));
    case REG_FPSCR: return put32(buf, env->fpscr);
    }
    return 0;
}

int ppc_gdb_write_reg(CPUCommon *c, int n, const uint8_t *buf)
{
    CPUPPCState *env = (CPUPPCState *)c;
    uint32_t v = get32(buf);
    if (n >= 0 && n < 32) {
        env->gpr[n] = v;
        return 4;
    }
    if (n >= REG_F0 && n < REG_F0 + 32) {
        env->fpr[n - REG_F0] = (uint64_t)v << 32 | get32(buf + 4);
        return 8;
    }
    switch (n) {
    case REG_PC: env->nip = v & ~3u; return 4;
    case REG_MSR: return 4; /* not the user's to change */
    case REG_CR: ppc_set_cr(env, v); return 4;
    case REG_LR: env->lr = v; return 4;
    case REG_CTR: env->ctr = v; return 4;
    case REG_XER: ppc_set_xer(env, v); return 4;
    }
    return 0; /* fpscr: only through the FPU's own rules (mtfsf), not here */
}

/* ---- core dumps (linux-user/coredump.c) ---- */

/* NT_PRSTATUS's elf_gregset_t (48 words, struct pt_regs first): gpr0-31,
   nip, msr, orig_gpr3, ctr, link, xer, ccr, mq, trap, dar, dsisr, result. */
size_t ppc_core_regs(CPUCommon *c, uint8_t *regs)
{
    CPUPPCState *env = (CPUPPCState *)c;
    memset(regs, 0, 48 * 4);
    for (int i = 0; i < 32; i++)
        put32(regs + 4 * i, env->gpr[i]);
    put32(regs + 4 * 32, env->nip);
    put32(regs + 4 * 33, USER_MSR);
    put32(regs + 4 * 34, env->gpr[3]); /* orig_gpr3 */
    put32(regs + 4 * 35, env->ctr);
    put32(regs + 4 * 36, env->lr);
    put32(regs + 4 * 37, ppc_get_xer(env));
    put32(regs + 4 * 38, ppc_get_cr(env));
    return 48 * 4;
}

/* NT_PRFPREG ("CORE"): elf_fpregset_t, f0-f31 then the FPSCR in the low
   word of a 33rd double. */
size_t ppc_core_fpregs(CPUCommon *c, uint8_t *desc, uint32_t *type, const char **name)
{
    CPUPPCState *env = (CPUPPCState *)c;
    for (int i = 0; i < 32; i++) {
        put32(desc + 8 * i, (uint32_t)(env->fpr[i] >> 32));
        put32(desc + 8 * i + 4, (uint32_t)env->fpr[i]);
    }
    put32(desc + 256, 0);
    put32(desc + 260, env->fpscr);
    *type = 2; /* NT_PRFPREG */
    *name = "CORE";
    return 264;
}
