/*
 * i386 registers for the gdbstub (linux-user/gdbstub.c), as gdb's i386
 * Linux target description names them:
 *   org.gnu.gdb.i386.core   eax..edi, eip, eflags, cs ss ds es fs gs (0-15),
 *                           st0-st7 (16-23), fctrl fstat ftag fiseg fioff
 *                           foseg fooff fop (24-31)
 *   org.gnu.gdb.i386.sse    xmm0-xmm7 (32-39), mxcsr (40)
 *   org.gnu.gdb.i386.linux  orig_eax (41)
 * Values are little-endian.  The x87 and SSE state goes through the fxsave
 * image (fpu-helper.c), so this file does not depend on how the FPU keeps
 * its registers; st<i> is the i-th register from the top of the stack, and
 * ftag is the full two-bit-per-register tag word of fsave/fstenv.
 */
#include <string.h>

#include "target-i386/cpu.h"
#include "target.h"

enum {
    REG_EIP = 8,
    REG_EFLAGS = 9,
    REG_CS = 10, /* cs ss ds es fs gs: gdb's order, not R_ES.. */
    REG_ST0 = 16,
    REG_FCTRL = 24,
    REG_FSTAT,
    REG_FTAG,
    REG_FISEG,
    REG_FIOFF,
    REG_FOSEG,
    REG_FOOFF,
    REG_FOP,
    REG_XMM0 = 32,
    REG_MXCSR = 40,
    REG_ORIG_EAX = 41,
};

static const int gdb_seg[6] = { R_CS, R_SS, R_DS, R_ES, R_FS, R_GS };

#define ST(n) "<reg name=\"st" #n "\" bitsize=\"80\" type=\"i387_ext\"/>"
#define XMM(n) "<reg name=\"xmm" #n "\" bitsize=\"128\" type=\"vec128\"/>"

const char i386_gdb_xml[] =
    "<?xml version=\"1.0\"?><!DOCTYPE target SYSTEM \"gdb-target.dtd\">"
    "<target><architecture>i386</architecture><osabi>GNU/Linux</osabi>"
    "<feature name=\"org.gnu.gdb.i386.core\">"
    "<flags id=\"i386_eflags\" size=\"4\">"
    "<field name=\"CF\" start=\"0\" end=\"0\"/><field name=\"\" start=\"1\" end=\"1\"/>"
    "<field name=\"PF\" start=\"2\" end=\"2\"/><field name=\"AF\" start=\"4\" end=\"4\"/>"
    "<field name=\"ZF\" start=\"6\" end=\"6\"/><field name=\"SF\" start=\"7\" end=\"7\"/>"
    "<field name=\"TF\" start=\"8\" end=\"8\"/><field name=\"IF\" start=\"9\" end=\"9\"/>"
    "<field name=\"DF\" start=\"10\" end=\"10\"/><field name=\"OF\" start=\"11\" end=\"11\"/>"
    "<field name=\"NT\" start=\"14\" end=\"14\"/><field name=\"RF\" start=\"16\" end=\"16\"/>"
    "<field name=\"VM\" start=\"17\" end=\"17\"/><field name=\"AC\" start=\"18\" end=\"18\"/>"
    "<field name=\"VIF\" start=\"19\" end=\"19\"/><field name=\"VIP\" start=\"20\" end=\"20\"/>"
    "<field name=\"ID\" start=\"21\" end=\"21\"/>"
    "</flags>"
    "<reg name=\"eax\" bitsize=\"32\" type=\"int32\"/>"
    "<reg name=\"ecx\" bitsize=\"32\" type=\"int32\"/>"
    "<reg name=\"edx\" bitsize=\"32\" type=\"int32\"/>"
    "<reg name=\"ebx\" bitsize=\"32\" type=\"int32\"/>"
    "<reg name=\"esp\" bitsize=\"32\" type=\"data_ptr\"/>"
    "<reg name=\"ebp\" bitsize=\"32\" type=\"data_ptr\"/>"
    "<reg name=\"esi\" bitsize=\"32\" type=\"int32\"/>"
    "<reg name=\"edi\" bitsize=\"32\" type=\"int32\"/>"
    "<reg name=\"eip\" bitsize=\"32\" type=\"code_ptr\"/>"
    "<reg name=\"eflags\" bitsize=\"32\" type=\"i386_eflags\"/>"
    "<reg name=\"cs\" bitsize=\"32\" type=\"int32\"/>"
    "<reg name=\"ss\" bitsize=\"32\" type=\"int32\"/>"
    "<reg name=\"ds\" bitsize=\"32\" type=\"int32\"/>"
    "<reg name=\"es\" bitsize=\"32\" type=\"int32\"/>"
    "<reg name=\"fs\" bitsize=\"32\" type=\"int32\"/>"
    "<reg name=\"gs\" bitsize=\"32\" type=\"int32\"/>"
    ST(0) ST(1) ST(2) ST(3) ST(4) ST(5) ST(6) ST(7)
    "<reg name=\"fctrl\" bitsize=\"32\" type=\"int\" group=\"float\"/>"
    "<reg name=\"fstat\" bitsize=\"32\" type=\"int\" group=\"float\"/>"
    "<reg name=\"ftag\" bitsize=\"32\" type=\"int\" group=\"float\"/>"
    "<reg name=\"fiseg\" bitsize=\"32\" type=\"int\" group=\"float\"/>"
    "<reg name=\"fioff\" bitsize=\"32\" type=\"int\" group=\"float\"/>"
    "<reg name=\"foseg\" bitsize=\"32\" type=\"int\" group=\"float\"/>"
    "<reg name=\"fooff\" bitsize=\"32\" type=\"int\" group=\"float\"/>"
    "<reg name=\"fop\" bitsize=\"32\" type=\"int\" group=\"float\"/>"
    "</feature>"
    "<feature name=\"org.gnu.gdb.i386.sse\">"
    "<vector id=\"v4f\" type=\"ieee_single\" count=\"4\"/>"
    "<vector id=\"v2d\" type=\"ieee_double\" count=\"2\"/>"
    "<vector id=\"v16i8\" type=\"int8\" count=\"16\"/>"
    "<vector id=\"v8i16\" type=\"int16\" count=\"8\"/>"
    "<vector id=\"v4i32\" type=\"int32\" count=\"4\"/>"
    "<vector id=\"v2i64\" type=\"int64\" count=\"2\"/>"
    "<union id=\"vec128\"><field name=\"v4_float\" type=\"v4f\"/>"
    "<field name=\"v2_double\" type=\"v2d\"/><field name=\"v16_int8\" type=\"v16i8\"/>"
    "<field name=\"v8_int16\" type=\"v8i16\"/><field name=\"v4_int32\" type=\"v4i32\"/>"
    "<field name=\"v2_int64\" type=\"v2i64\"/><field name=\"uint128\" type=\"uint128\"/></union>"
    "<flags id=\"i386_mxcsr\" size=\"4\">"
    "<field name=\"IE\" start=\"0\" end=\"0\"/><field name=\"DE\" start=\"1\" end=\"1\"/>"
    "<field name=\"ZE\" start=\"2\" end=\"2\"/><field name=\"OE\" start=\"3\" end=\"3\"/>"
    "<field name=\"UE\" start=\"4\" end=\"4\"/><field name=\"PE\" start=\"5\" end=\"5\"/>"
    "<field name=\"DAZ\" start=\"6\" end=\"6\"/><field name=\"IM\" start=\"7\" end=\"7\"/>"
    "<field name=\"DM\" start=\"8\" end=\"8\"/><field name=\"ZM\" start=\"9\" end=\"9\"/>"
    "<field name=\"OM\" start=\"10\" end=\"10\"/><field name=\"UM\" start=\"11\" end=\"11\"/>"
    "<field name=\"PM\" start=\"12\" end=\"12\"/><field name=\"FZ\" start=\"15\" end=\"15\"/>"
    "</flags>"
    XMM(0) XMM(1) XMM(2) XMM(3) XMM(4) XMM(5) XMM(6) XMM(7)
    "<reg name=\"mxcsr\" bitsize=\"32\" type=\"i386_mxcsr\" group=\"vector\"/>"
    "</feature>"
    "<feature name=\"org.gnu.gdb.i386.linux\">"
    "<reg name=\"orig_eax\" bitsize=\"32\" type=\"int\" regnum=\"41\"/>"
    "</feature>"
    "</target>";

static int put32(uint8_t *b, uint32_t v)
{
    memcpy(b, &v, 4);
    return 4;
}

static uint32_t get32(const uint8_t *b)
{
    uint32_t v;
    memcpy(&v, b, 4);
    return v;
}

/* The two-bit tag of an 80-bit register that is not empty: 0 valid,
   1 zero, 2 special (NaN, infinity, denormal, unnormal). */
static unsigned tag_of(const uint8_t *r)
{
    uint64_t mant;
    memcpy(&mant, r, 8);
    unsigned exp = (unsigned)(r[8] | r[9] << 8) & 0x7fff;
    if (exp == 0x7fff)
        return 2;
    if (exp == 0)
        return mant ? 2 : 1;
    return (mant >> 63) ? 0 : 2;
}

/* The full tag word from an fxsave image (its abridged tags and the
   registers, which it keeps in stack order). */
static uint32_t full_tags(const uint8_t *fx)
{
    unsigned top = (unsigned)(fx[3] >> 3) & 7, tw = 0;
    for (unsigned phys = 0; phys < 8; phys++) {
        unsigned t = 3;
        if (fx[4] & (1u << phys))
            t = tag_of(fx + 32 + 16 * ((phys - top) & 7));
        tw |= t << (2 * phys);
    }
    return tw;
}

/* Where register n lives in the fxsave image, and how wide it is there
   (0: not an FPU/SSE register). */
static int fx_slot(int n, int *off)
{
    static const struct {
        int16_t off, size;
    } ctl[] = {
        [REG_FCTRL - REG_FCTRL] = { 0, 2 }, [REG_FSTAT - REG_FCTRL] = { 2, 2 },
        [REG_FTAG - REG_FCTRL] = { 4, 1 },  [REG_FISEG - REG_FCTRL] = { 12, 2 },
        [REG_FIOFF - REG_FCTRL] = { 8, 4 }, [REG_FOSEG - REG_FCTRL] = { 20, 2 },
        [REG_FOOFF - REG_FCTRL] = { 16, 4 }, [REG_FOP - REG_FCTRL] = { 6, 2 },
    };
    if (n >= REG_ST0 && n < REG_ST0 + 8) {
        *off = 32 + 16 * (n - REG_ST0);
        return 10;
    }
    if (n >= REG_FCTRL && n <= REG_FOP) {
        *off = ctl[n - REG_FCTRL].off;
        return ctl[n - REG_FCTRL].size;
    }
    if (n >= REG_XMM0 && n < REG_XMM0 + 8) {
        *off = 160 + 16 * (n - REG_XMM0);
        return 16;
    }
    if (n == REG_MXCSR) {
        *off = 24;
        return 4;
    }
    return 0;
}

int i386_gdb_read_reg(CPUCommon *c, int n, uint8_t *buf)
{
    CPUX86State *env = (CPUX86State *)c;
    if (n >= 0 && n < 8)
        return put32(buf, env->regs[n]);
    if (n >= REG_CS && n < REG_CS + 6)
        return put32(buf, env->segs[gdb_seg[n - REG_CS]]);
    switch (n) {
    case REG_EIP: return put32(buf, env->eip);
    case REG_EFLAGS: return put32(buf, x86_get_eflags(env));
    case REG_ORIG_EAX: return put32(buf, 0xffffffffu); /* not stopped in a syscall */
    }
    int off, size = fx_slot(n, &off);
    if (!size)
        return 0;
    uint8_t fx[512];
    x86_fxsave(env, fx);
    if (n == REG_FTAG)
        return put32(buf, full_tags(fx));
    if (size == 10 || size == 16) {
        memcpy(buf, fx + off, (size_t)size);
        return size;
    }
    uint32_t v = 0;
    memcpy(&v, fx + off, (size_t)size);
    return put32(buf, v);
}

int i386_gdb_write_reg(CPUCommon *c, int n, const uint8_t *buf)
{
    CPUX86State *env = (CPUX86State *)c;
    uint32_t v = get32(buf);
    if (n >= 0 && n < 8) {
        env->regs[n] = v;
        return 4;
    }
    if (n >= REG_CS && n < REG_CS + 6) {
        int seg = gdb_seg[n - REG_CS];
        /* Only what the program itself could load (as ptrace refuses
           other selectors); cs cannot be changed this way. */
        if (seg != R_CS && seg != R_SS)
            helper_load_seg(env, (uint32_t)seg, v & 0xffff);
        return 4;
    }
    switch (n) {
    case REG_EIP: env->eip = v; return 4;
    case REG_EFLAGS:
        x86_set_eflags(env, v, CC_ALL | EFL_DF | EFL_AC | EFL_ID | EFL_NT);
        return 4;
    case REG_ORIG_EAX: return 4; /* never in a syscall when gdb sees it */
    }
    int off, size = fx_slot(n, &off);
    if (!size)
        return 0;
    uint8_t fx[512];
    x86_fxsave(env, fx);
    if (n == REG_FTAG) {
        uint8_t abridged = 0;
        for (int phys = 0; phys < 8; phys++)
            if (((v >> (2 * phys)) & 3) != 3)
                abridged |= (uint8_t)(1u << phys);
        fx[4] = abridged;
    } else {
        memcpy(fx + off, buf, (size_t)size);
        if (n == REG_MXCSR)
            put32(fx + 24, v & 0xffff); /* the reserved bits stay 0 */
    }
    x86_fxrstor(env, fx);
    return size == 10 || size == 16 ? size : 4;
}

/* ---- core dumps (linux-user/coredump.c) ---- */

/* NT_PRSTATUS's elf_gregset_t (struct user_regs_struct of i386): ebx ecx
   edx esi edi ebp eax ds es fs gs orig_eax eip cs eflags esp ss. */
size_t i386_core_regs(CPUCommon *c, uint8_t *regs)
{
    CPUX86State *env = (CPUX86State *)c;
    const uint32_t v[17] = {
        env->regs[R_EBX], env->regs[R_ECX], env->regs[R_EDX], env->regs[R_ESI],
        env->regs[R_EDI], env->regs[R_EBP], env->regs[R_EAX], env->segs[R_DS],
        env->segs[R_ES],  env->segs[R_FS],  env->segs[R_GS],  0xffffffffu /* orig_eax */,
        env->eip,         env->segs[R_CS],  x86_get_eflags(env), env->regs[R_ESP],
        env->segs[R_SS],
    };
    for (int i = 0; i < 17; i++)
        put32(regs + 4 * i, v[i]);
    return sizeof v;
}

/* NT_PRFPREG ("CORE"): the x87 state in the fsave layout (struct
   user_i387_struct), where gdb finds st0-st7 and the control registers. */
size_t i386_core_fpregs(CPUCommon *c, uint8_t *desc, uint32_t *type, const char **name)
{
    x86_fsave((CPUX86State *)c, desc);
    *type = 2; /* NT_PRFPREG */
    *name = "CORE";
    return 108;
}
