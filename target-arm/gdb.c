/*
 * ARM registers for the gdbstub (linux-user/gdbstub.c): gdb's
 * org.gnu.gdb.arm.core (r0-r12, sp, lr, pc; cpsr as number 25, where gdb's
 * built-in numbering has it) and org.gnu.gdb.arm.vfp (d0-d31, fpscr:
 * numbers 26-58).  gdb derives s0-s31 and, with the neon feature, q0-q15.
 */
#include <string.h>

#include "target-arm/cpu.h"
#include "target.h"

#define REG_CPSR 25
#define REG_D0 26
#define REG_FPSCR (REG_D0 + 32)

#define CORE_REG(n, type) "<reg name=\"" n "\" bitsize=\"32\" type=\"" type "\"/>"
#define D_REG(n) "<reg name=\"d" #n "\" bitsize=\"64\" type=\"ieee_double\"/>"

const char arm_gdb_xml[] =
    "<?xml version=\"1.0\"?><!DOCTYPE target SYSTEM \"gdb-target.dtd\">"
    "<target><architecture>arm</architecture>"
    "<feature name=\"org.gnu.gdb.arm.core\">"
    CORE_REG("r0", "uint32") CORE_REG("r1", "uint32") CORE_REG("r2", "uint32")
    CORE_REG("r3", "uint32") CORE_REG("r4", "uint32") CORE_REG("r5", "uint32")
    CORE_REG("r6", "uint32") CORE_REG("r7", "uint32") CORE_REG("r8", "uint32")
    CORE_REG("r9", "uint32") CORE_REG("r10", "uint32") CORE_REG("r11", "uint32")
    CORE_REG("r12", "uint32") CORE_REG("sp", "data_ptr") CORE_REG("lr", "uint32")
    CORE_REG("pc", "code_ptr")
    "<reg name=\"cpsr\" bitsize=\"32\" regnum=\"25\"/>"
    "</feature>"
    "<feature name=\"org.gnu.gdb.arm.vfp\">"
    D_REG(0) D_REG(1) D_REG(2) D_REG(3) D_REG(4) D_REG(5) D_REG(6) D_REG(7)
    D_REG(8) D_REG(9) D_REG(10) D_REG(11) D_REG(12) D_REG(13) D_REG(14) D_REG(15)
    D_REG(16) D_REG(17) D_REG(18) D_REG(19) D_REG(20) D_REG(21) D_REG(22) D_REG(23)
    D_REG(24) D_REG(25) D_REG(26) D_REG(27) D_REG(28) D_REG(29) D_REG(30) D_REG(31)
    "<reg name=\"fpscr\" bitsize=\"32\" type=\"int\" group=\"float\"/>"
    "</feature>"
    "<feature name=\"org.gnu.gdb.arm.neon\"/>"
    "</target>";

/* Little-endian images, as the guest stores them. */
static int put32(uint8_t *b, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        b[i] = (uint8_t)(v >> 8 * i);
    return 4;
}

static uint32_t get32(const uint8_t *b)
{
    return b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24;
}

int arm_gdb_read_reg(CPUCommon *c, int n, uint8_t *buf)
{
    CPUARMState *env = (CPUARMState *)c;
    if (n >= 0 && n < 16)
        return put32(buf, env->regs[n]);
    if (n == REG_CPSR)
        return put32(buf, arm_get_cpsr(env));
    if (n >= REG_D0 && n < REG_D0 + 32) {
        uint64_t d = env->vfp[n - REG_D0];
        put32(buf, (uint32_t)d);
        put32(buf + 4, (uint32_t)(d >> 32));
        return 8;
    }
    if (n == REG_FPSCR)
        return put32(buf, arm_get_fpscr(env));
    return 0;
}

int arm_gdb_write_reg(CPUCommon *c, int n, const uint8_t *buf)
{
    CPUARMState *env = (CPUARMState *)c;
    if (n >= 0 && n < 16) {
        uint32_t v = get32(buf);
        /* pc: the instruction set comes from cpsr.T, not the low bit. */
        env->regs[n] = n == 15 ? v & ~(env->thumb ? 1u : 3u) : v;
        return 4;
    }
    if (n == REG_CPSR) {
        arm_set_cpsr_user(env, get32(buf));
        return 4;
    }
    if (n >= REG_D0 && n < REG_D0 + 32) {
        env->vfp[n - REG_D0] = get32(buf) | (uint64_t)get32(buf + 4) << 32;
        return 8;
    }
    if (n == REG_FPSCR) {
        arm_set_fpscr(env, get32(buf));
        return 4;
    }
    return 0;
}
