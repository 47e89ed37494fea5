/*
 * TargetOps.flags_killed for PowerPC (tcg/README.md, "Dead flags"): which
 * flag globals (the CR fields crw0..7 with their SO copies crso0..7, and
 * XER's SO, OV, CA) the code at a chained jump's target overwrites before
 * it reads them.  Only integer instructions that cannot fault, branch or
 * trap are understood (immediate and register ALU ops, rotates, shifts,
 * compares, their `.` forms); the scan stops at anything else, at an OE=1
 * form (OV/SO) and at an encoding with a reserved field set (it would be
 * SIGILL).  A compare or a `.` form writes its CR field and reads SO.
 */
#include "target-ppc/translate.h"

/* Bits of the local masks below: CR field f (crw and crso) = bit f. */
enum { F_SO = 1 << 8, F_OV = 1 << 9, F_CA = 1 << 10, F_ALL = 0x7ff };

static uint32_t crw_bit[8], crso_bit[8], so_bit, ov_bit, ca_bit;

void ppc_flagkill_init(const unsigned crw[8], const unsigned crso[8], unsigned so, unsigned ov, unsigned ca)
{
    for (int f = 0; f < 8; f++) {
        crw_bit[f] = 1u << crw[f];
        crso_bit[f] = 1u << crso[f];
    }
    so_bit = 1u << so;
    ov_bit = 1u << ov;
    ca_bit = 1u << ca;
}

typedef struct Effect {
    bool ok;
    uint16_t rd, wr;
} Effect;

static const Effect STOP = { false, 0, 0 };

static Effect eff(uint16_t rd, uint16_t wr) { return (Effect){ true, rd, wr }; }

/* The `.` form (Rc = bit 0): CR0 from the result and SO. */
static Effect with_rc(uint32_t insn, Effect e)
{
    if (insn & 1) {
        e.rd |= F_SO;
        e.wr |= 1;
    }
    return e;
}

/* Opcode 31's X/XO-form ALU ops by their 10-bit extended opcode (OE = 0). */
static Effect op31(uint32_t insn)
{
    unsigned xo = (insn >> 1) & 0x3ff, rb = (insn >> 11) & 31;
    switch (xo) {
    case 0: case 32: /* cmp, cmpl (L = 0, bit 0 reserved) */
        if (insn & (1u << 21 | 1u << 22 | 1))
            return STOP;
        return eff(F_SO, (uint16_t)(1u << ((insn >> 23) & 7)));
    case 266: case 40: case 235:             /* add subf mullw */
    case 28: case 444: case 316: case 124:   /* and or xor nor */
    case 60: case 412: case 476: case 284:   /* andc orc nand eqv */
    case 24: case 536:                       /* slw srw */
        return with_rc(insn, eff(0, 0));
    case 104: case 954: case 922: /* neg extsb extsh (rb = 0) */
        return rb ? STOP : with_rc(insn, eff(0, 0));
    case 10: case 8: case 792: case 824: /* addc subfc sraw srawi: CA */
        return with_rc(insn, eff(0, F_CA));
    case 138: case 136: /* adde subfe: read and write CA */
        return with_rc(insn, eff(F_CA, F_CA));
    case 202: /* addze (rb = 0) */
        return rb ? STOP : with_rc(insn, eff(F_CA, F_CA));
    default:
        return STOP;
    }
}

static Effect insn_effect(uint32_t insn)
{
    switch (insn >> 26) {
    case 10: case 11: /* cmpli, cmpi (L = 0) */
        if (insn & (1u << 21 | 1u << 22))
            return STOP;
        return eff(F_SO, (uint16_t)(1u << ((insn >> 23) & 7)));
    case 7: case 14: case 15: /* mulli addi addis */
    case 24: case 25: case 26: case 27: /* ori oris xori xoris */
        return eff(0, 0);
    case 8: case 12: /* subfic addic */
        return eff(0, F_CA);
    case 13: /* addic. */
        return eff(F_SO, F_CA | 1);
    case 28: case 29: /* andi. andis. */
        return eff(F_SO, 1);
    case 20: case 21: case 23: /* rlwimi rlwinm rlwnm */
        return with_rc(insn, eff(0, 0));
    case 31:
        return op31(insn);
    default:
        return STOP;
    }
}

#define MAX_INSNS 8

uint32_t ppc_flags_killed(const uint8_t *code, uint32_t avail, uint32_t pc, uint32_t cs_base, uint32_t flags,
                          uint32_t *used)
{
    (void)pc;
    (void)cs_base;
    (void)flags;
    uint32_t killed = 0, undecided = F_ALL, off = 0;
    for (int n = 0; n < MAX_INSNS && undecided && off + 4 <= avail; n++) {
        uint32_t insn = (uint32_t)code[off] << 24 | (uint32_t)code[off + 1] << 16 | (uint32_t)code[off + 2] << 8 |
                        code[off + 3];
        Effect e = insn_effect(insn);
        if (!e.ok)
            break;
        off += 4;
        undecided &= ~(uint32_t)e.rd; /* read: live */
        killed |= undecided & e.wr;   /* written before any read: dead */
        undecided &= ~(uint32_t)e.wr;
    }
    *used = off;
    uint32_t mask = 0;
    for (int f = 0; f < 8; f++)
        if (killed & (1u << f))
            mask |= crw_bit[f] | crso_bit[f];
    if (killed & F_SO)
        mask |= so_bit;
    if (killed & F_OV)
        mask |= ov_bit;
    if (killed & F_CA)
        mask |= ca_bit;
    return mask;
}
