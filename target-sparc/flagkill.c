/*
 * TargetOps.flags_killed for SPARC (tcg/README.md, "Dead flags"): which
 * condition-code globals the code at a chained jump's target overwrites
 * before it reads them.
 *
 * The flag globals (translate.c): cc_N, icc_Z, xcc_Z (the result), cc_b
 * (addcc/subcc's second operand) and cc_op.  addcc/subcc (and the other cc forms below) set cc_op and N/Z; addcc and
 * subcc also cc_b.  The logical cc forms leave cc_b alone, but with cc_op
 * = LOGIC nothing reads it until the next addcc/subcc writes it again, so
 * its old value is dead too.
 *
 * Only instructions that cannot fault, branch, trap or read the condition
 * codes are passed over (sethi, the plain ALU ops, shifts, umul/smul); the
 * scan stops at anything else.  A key whose npc is not pc + 4 (the target
 * is a delay slot) is scanned for one instruction only.
 */
#include "target-sparc/translate.h"
#include "tcg/tcg.h"

static uint32_t cc_mask;

void sparc_flagkill_init(void)
{
    cc_mask = 1u << tcg_global_flag(cpu_cc_N) | 1u << tcg_global_flag(cpu_icc_Z) |
              1u << tcg_global_flag(cpu_xcc_Z) |
              1u << tcg_global_flag(cpu_cc_b) | 1u << tcg_global_flag(cpu_sparc_cc_op);
}

enum { PASS, WRITES_CC, STOP };

/* What one instruction does to the integer condition codes. */
static int insn_effect(uint32_t insn)
{
    unsigned op = insn >> 30;
    if (op == 0)
        return ((insn >> 22) & 7) == 4 ? PASS : STOP; /* sethi; branches stop */
    if (op != 2)
        return STOP; /* call, loads and stores */
    unsigned op3 = (insn >> 19) & 0x3f;
    switch (op3) {
    case 0x00: case 0x01: case 0x02: case 0x03: /* add and or xor */
    case 0x04: case 0x05: case 0x06: case 0x07: /* sub andn orn xnor */
    case 0x0a: case 0x0b:                       /* umul smul (write Y) */
    case 0x25: case 0x26: case 0x27:            /* sll srl sra */
        return PASS;
    case 0x10: case 0x11: case 0x12: case 0x13: /* addcc andcc orcc xorcc */
    case 0x14: case 0x15: case 0x16: case 0x17: /* subcc andncc orncc xnorcc */
    case 0x1a: case 0x1b:                       /* umulcc smulcc */
        return WRITES_CC;
    default:
        return STOP; /* addx/subx(cc) read C, divides trap, tagged, mulscc, rd/wr ... */
    }
}

bool sparc_insn_simple(uint32_t insn)
{
    return insn_effect(insn) != STOP;
}

#define MAX_INSNS 8

uint32_t sparc_flags_killed(const uint8_t *code, uint32_t avail, uint32_t pc, uint32_t cs_base, uint32_t flags,
                            uint32_t *used)
{
    (void)flags;
    int max = cs_base == pc + 4 ? MAX_INSNS : 1;
    uint32_t off = 0, killed = 0;
    for (int n = 0; n < max && off + 4 <= avail; n++) {
        uint32_t insn = (uint32_t)code[off] << 24 | (uint32_t)code[off + 1] << 16 | (uint32_t)code[off + 2] << 8 |
                        code[off + 3];
        int e = insn_effect(insn);
        if (e == STOP)
            break;
        off += 4;
        if (e == WRITES_CC) {
            killed |= cc_mask;
            break;
        }
    }
    *used = off;
    return killed;
}
