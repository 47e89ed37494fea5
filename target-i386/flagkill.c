/*
 * TargetOps.flags_killed for i386 (tcg/README.md, "Dead flags"): whether
 * the code at a chained jump's target overwrites the lazy EFLAGS state
 * (cc_dst, cc_src, cc_src2, cc_op, cc_res) before it reads it.
 *
 * add, or, and, sub, xor, cmp and test set all six arithmetic flags from
 * their operands alone: after one, cc_op names the new state and the other
 * globals it does not use are never read until written again, so all five
 * are dead at the jump.  (cc_op itself is stored lazily, but every
 * insn_start record carries it, so a fault before that store restores it.)
 * Passed over: mov and lea between registers, mov of an immediate, nop.
 * The scan stops at anything else: prefixes, memory operands (they may
 * fault), inc/dec and adc/sbb (they read CF), branches.
 */
#include "target-i386/translate.h"
#include "tcg/tcg.h"

static uint32_t cc_mask;

void i386_flagkill_init(void)
{
    cc_mask = 1u << tcg_global_flag(cpu_cc_dst) | 1u << tcg_global_flag(cpu_cc_src) |
              1u << tcg_global_flag(cpu_cc_src2) | 1u << tcg_global_flag(cpu_cc_op) |
              1u << tcg_global_flag(cpu_cc_res);
}

enum { PASS, WRITES, STOP };

/* The length of a 32-bit ModRM memory operand (ModRM, SIB, displacement)
   at p, or 0 if it does not fit in n bytes. */
static unsigned modrm_len(const uint8_t *p, unsigned n)
{
    if (n < 1)
        return 0;
    unsigned mod = p[0] >> 6, rm = p[0] & 7, len = 1;
    if (mod == 3)
        return 1;
    if (rm == 4) {
        if (n < 2)
            return 0;
        len++;
        if (mod == 0 && (p[1] & 7) == 5)
            len += 4;
    } else if (mod == 0 && rm == 5) {
        len += 4;
    }
    len += mod == 1 ? 1 : mod == 2 ? 4 : 0;
    return len <= n ? len : 0;
}

/* One instruction at p (n bytes readable): its effect and length. */
static int insn_effect(const uint8_t *p, unsigned n, unsigned *len)
{
    if (n < 1)
        return STOP;
    unsigned op = p[0];
    /* add or and sub xor cmp: r/m,r and r,r/m forms (registers only), and
       al/eax,imm.  (adc 0x10-0x17 and sbb 0x18-0x1f read CF.) */
    unsigned grp = op >> 3;
    if (op < 0x40 && (op & 7) < 6 && grp != 2 && grp != 3) {
        if ((op & 7) < 4) {
            if (n < 2 || (p[1] >> 6) != 3)
                return STOP;
            *len = 2;
        } else {
            *len = (op & 7) == 4 ? 2 : 5;
        }
        return *len <= n ? WRITES : STOP;
    }
    switch (op) {
    case 0x84: case 0x85: /* test r/m, r */
        if (n < 2 || (p[1] >> 6) != 3)
            return STOP;
        *len = 2;
        return WRITES;
    case 0xa8: /* test al, imm8 */
        *len = 2;
        return n >= 2 ? WRITES : STOP;
    case 0xa9: /* test eax, imm32 */
        *len = 5;
        return n >= 5 ? WRITES : STOP;
    case 0x80: case 0x81: case 0x83: { /* group 1 r/m, imm (registers only) */
        if (n < 2 || (p[1] >> 6) != 3)
            return STOP;
        unsigned reg = (p[1] >> 3) & 7;
        if (reg == 2 || reg == 3) /* adc, sbb */
            return STOP;
        *len = op == 0x81 ? 6 : 3;
        return *len <= n ? WRITES : STOP;
    }
    case 0x88: case 0x89: case 0x8a: case 0x8b: /* mov between registers */
        if (n < 2 || (p[1] >> 6) != 3)
            return STOP;
        *len = 2;
        return PASS;
    case 0x8d: { /* lea: computes an address, reads no memory */
        if (n < 2 || (p[1] >> 6) == 3)
            return STOP;
        unsigned m = modrm_len(p + 1, n - 1);
        if (!m)
            return STOP;
        *len = 1 + m;
        return PASS;
    }
    case 0x90: /* nop */
        *len = 1;
        return PASS;
    default:
        if (op >= 0xb0 && op <= 0xbf) { /* mov r, imm */
            *len = op < 0xb8 ? 2 : 5;
            return *len <= n ? PASS : STOP;
        }
        return STOP;
    }
}

#define MAX_INSNS 8

uint32_t i386_flags_killed(const uint8_t *code, uint32_t avail, uint32_t pc, uint32_t cs_base, uint32_t flags,
                           uint32_t *used)
{
    (void)pc;
    (void)cs_base;
    (void)flags;
    uint32_t off = 0, killed = 0;
    for (int i = 0; i < MAX_INSNS && off < avail; i++) {
        unsigned len = 0;
        int e = insn_effect(code + off, avail - off, &len);
        if (e == STOP)
            break;
        off += len;
        if (e == WRITES) {
            killed = cc_mask;
            break;
        }
    }
    *used = off;
    return killed;
}
