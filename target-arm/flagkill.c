/*
 * TargetOps.flags_killed for ARM (tcg/README.md, "Dead flags"): which of
 * N, Z, C, V the code at a chained jump's target overwrites before it
 * reads them.  Only data-processing instructions are understood (they
 * cannot fault or branch); the scan stops at anything else, at an
 * instruction that writes the pc, and inside an IT block.  A flag the scan
 * did not see written is reported live: stopping early is always correct.
 */
#include "target-arm/translate.h"
#include "target-arm/cpu.h"
#include "tcg/tcg.h"

enum { F_N = 1, F_Z = 2, F_C = 4, F_V = 8, F_NZCV = 15 };

/* The flag-global bit of N, Z, C, V (arm_flagkill_init). */
static uint32_t flag_bits[4];

void arm_flagkill_init(void)
{
    flag_bits[0] = 1u << tcg_global_flag(cpu_NF);
    flag_bits[1] = 1u << tcg_global_flag(cpu_ZF);
    flag_bits[2] = 1u << tcg_global_flag(cpu_CF);
    flag_bits[3] = 1u << tcg_global_flag(cpu_VF);
    /* Q and GE are flags for the dataflow inside a TB too (the scan below
       never reports them overwritten). */
    tcg_global_flag(cpu_QF);
    tcg_global_flag(cpu_GE);
}

/* What one instruction does to the flags: reads (before its writes) and
   writes.  ok false: not understood, stop. */
typedef struct Effect {
    bool ok;
    uint8_t rd, wr;
} Effect;

static const Effect STOP = { false, 0, 0 };

/* Flags a condition reads (cond 14 = always: none). */
static uint8_t cond_reads(unsigned cond)
{
    static const uint8_t t[16] = {
        F_Z, F_Z, F_C, F_C, F_N, F_N, F_V, F_V, F_C | F_Z, F_C | F_Z, F_N | F_V, F_N | F_V,
        F_N | F_Z | F_V, F_N | F_Z | F_V, 0, 0,
    };
    return t[cond & 15];
}

/* The data-processing opcode table shared by A32 and T32 (op 0..15:
   AND EOR SUB RSB ADD ADC SBC RSC TST TEQ CMP CMN ORR MOV BIC MVN in A32
   numbering).  logical: N Z and the shifter's carry; arith: N Z C V. */
static bool a32_logical(unsigned op) { return op <= 1 || op == 8 || op == 9 || op >= 12; }
static bool a32_reads_c(unsigned op) { return op == 5 || op == 6 || op == 7; }

/* A data-processing result with S: writes; shifter: what the shifter does
   to C (kills: sets it; rrx: reads it first). */
static Effect dp_effect(bool logical, bool reads_c, bool s, bool shift_kills_c, bool rrx)
{
    Effect e = { true, 0, 0 };
    if (reads_c || rrx)
        e.rd |= F_C;
    if (s)
        e.wr = logical ? (uint8_t)(F_N | F_Z | (shift_kills_c ? F_C : 0)) : F_NZCV;
    return e;
}

static Effect a32_insn(uint32_t insn)
{
    unsigned cond = insn >> 28;
    if (cond == 15 || (insn & 0x0c000000) != 0)
        return STOP; /* unconditional space, loads/stores, branches ... */
    bool imm = insn & (1u << 25), s = insn & (1u << 20);
    unsigned op = (insn >> 21) & 15, rd = (insn >> 12) & 15;
    Effect e;
    if (!imm && (insn & 0x90) == 0x90)
        return STOP; /* multiplies, extra loads/stores */
    if (!s && (op & 12) == 8) {
        /* MOVW / MOVT; the rest of this space (MRS, MSR, BX, CLZ ...) stops. */
        if (!imm || (op != 8 && op != 10) || rd == 15)
            return STOP;
        e = (Effect){ true, 0, 0 };
    } else {
        if (rd == 15)
            return STOP;
        bool kills = false, rrx = false;
        if (imm) {
            kills = ((insn >> 8) & 15) != 0; /* a rotated immediate sets C */
        } else if (!(insn & 0x10)) {
            unsigned type = (insn >> 5) & 3, amount = (insn >> 7) & 31;
            rrx = type == 3 && amount == 0;
            kills = type != 0 || amount != 0;
        } /* register-controlled shift: C kept when the count is 0 */
        e = dp_effect(a32_logical(op), a32_reads_c(op), s, kills, rrx);
    }
    if (cond != 14) {
        e.rd |= cond_reads(cond);
        e.wr = 0; /* a conditional write overwrites nothing for sure */
    }
    return e;
}

/* T32 data-processing opcodes (AND BIC ORR ORN EOR - - - ADD - ADC SBC -
   SUB RSB -) as logical (1), arithmetic (2) or not handled (0). */
static const uint8_t t32_dp_kind[16] = { 1, 1, 1, 1, 1, 0, 0, 0, 2, 0, 2, 2, 0, 2, 2, 0 };

static Effect t32_insn(uint32_t hw1, uint32_t hw2)
{
    unsigned rd = (hw2 >> 8) & 15;
    bool s = hw1 & 0x10;
    unsigned op = (hw1 >> 5) & 15;
    if ((hw1 & 0xfa00) == 0xf000 && !(hw2 & 0x8000)) {
        /* Data processing, modified immediate. */
        unsigned kind = t32_dp_kind[op];
        unsigned imm12 = ((hw1 >> 10) & 1) << 11 | ((hw2 >> 12) & 7) << 8 | (hw2 & 0xff);
        if (kind == 0 || (rd == 15 && !s) || (rd == 15 && op != 0 && op != 4 && op != 8 && op != 13))
            return STOP;
        return dp_effect(kind == 1, op == 10 || op == 11, s, (imm12 >> 10) != 0, false);
    }
    if ((hw1 & 0xfa00) == 0xf200 && !(hw2 & 0x8000)) {
        /* Plain binary immediate: ADDW MOVW SUBW MOVT SBFX BFI/BFC UBFX. */
        unsigned op5 = (hw1 >> 4) & 0x1f;
        if (rd == 15 || !(op5 == 0x00 || op5 == 0x04 || op5 == 0x0a || op5 == 0x0c || op5 == 0x14 ||
                          op5 == 0x16 || op5 == 0x1c))
            return STOP;
        return (Effect){ true, 0, 0 };
    }
    if ((hw1 & 0xfe00) == 0xea00 && !(hw2 & 0x8000)) {
        /* Data processing, shifted register (op 6 = PKH: no flags). */
        unsigned kind = op == 6 && !s ? 3 : t32_dp_kind[op];
        unsigned type = (hw2 >> 4) & 3, amount = ((hw2 >> 12) & 7) << 2 | ((hw2 >> 6) & 3);
        if (kind == 0 || (rd == 15 && !s) || (rd == 15 && op != 0 && op != 4 && op != 8 && op != 13))
            return STOP;
        if (kind == 3)
            return (Effect){ true, 0, 0 };
        bool rrx = type == 3 && amount == 0;
        return dp_effect(kind == 1, op == 10 || op == 11, s, type != 0 || amount != 0, rrx);
    }
    if ((hw1 & 0xff80) == 0xfa00 && (hw2 & 0xf0f0) == 0xf000) {
        /* LSL/LSR/ASR/ROR by register: C kept when the count is 0. */
        if (rd == 15)
            return STOP;
        return (Effect){ true, 0, s ? F_N | F_Z : 0 };
    }
    if ((hw1 & 0xfff0) == 0xfb00 && (hw2 & 0xf0) == 0 && rd != 15)
        return (Effect){ true, 0, 0 }; /* MUL / MLA: no flags in T32 */
    return STOP;
}

/* A 16-bit Thumb instruction outside an IT block. */
static Effect t16_insn(uint32_t hw)
{
    unsigned top5 = hw >> 11;
    if (top5 <= 2) /* LSL/LSR/ASR #imm (LSL #0: MOVS, C kept) */
        return (Effect){ true, 0, (uint8_t)(F_N | F_Z | (top5 != 0 || ((hw >> 6) & 31) != 0 ? F_C : 0)) };
    if (top5 == 3 || top5 == 5 || top5 == 6 || top5 == 7) /* ADDS/SUBS reg/imm3, CMP/ADDS/SUBS imm8 */
        return (Effect){ true, 0, F_NZCV };
    if (top5 == 4) /* MOVS imm8 */
        return (Effect){ true, 0, F_N | F_Z };
    if ((hw >> 10) == 0x10) {
        /* Data processing: AND EOR LSL LSR ASR ADC SBC ROR TST NEG CMP CMN ORR MUL BIC MVN.
           Shifts by register keep C for a count of 0. */
        static const uint8_t wr[16] = {
            F_N | F_Z, F_N | F_Z, F_N | F_Z, F_N | F_Z, F_N | F_Z, F_NZCV, F_NZCV, F_N | F_Z,
            F_N | F_Z, F_NZCV,    F_NZCV,    F_NZCV,    F_N | F_Z, F_N | F_Z, F_N | F_Z, F_N | F_Z,
        };
        unsigned op = (hw >> 6) & 15;
        return (Effect){ true, (uint8_t)(op == 5 || op == 6 ? F_C : 0), wr[op] };
    }
    if ((hw >> 10) == 0x11) {
        /* ADD/CMP/MOV high registers, BX/BLX. */
        unsigned op = (hw >> 8) & 3, rdn = ((hw >> 4) & 8) | (hw & 7);
        if (op == 1)
            return (Effect){ true, 0, F_NZCV };
        if (op == 3 || rdn == 15)
            return STOP;
        return (Effect){ true, 0, 0 };
    }
    if (top5 == 0x14 || top5 == 0x15) /* ADR, ADD rd, sp, #imm */
        return (Effect){ true, 0, 0 };
    if ((hw & 0xff00) == 0xb000 || (hw & 0xff00) == 0xb200 || (hw & 0xffc0) == 0xba00 ||
        (hw & 0xffc0) == 0xba40 || (hw & 0xffc0) == 0xbac0)
        return (Effect){ true, 0, 0 }; /* ADD/SUB sp, extends, REV* */
    return STOP;
}

#define MAX_INSNS 8

uint32_t arm_flags_killed(const uint8_t *code, uint32_t avail, uint32_t pc, uint32_t cs_base, uint32_t flags,
                          uint32_t *used)
{
    (void)pc;
    (void)cs_base;
    bool thumb = flags & ARM_TBFLAG_THUMB;
    if ((flags >> ARM_TBFLAG_CONDEXEC_SHIFT) & 0xff)
        return 0; /* inside an IT block */
    uint32_t killed = 0, undecided = F_NZCV, off = 0;
    for (int n = 0; n < MAX_INSNS && undecided; n++) {
        Effect e;
        if (!thumb) {
            if (off + 4 > avail)
                break;
            e = a32_insn((uint32_t)code[off] | (uint32_t)code[off + 1] << 8 | (uint32_t)code[off + 2] << 16 |
                         (uint32_t)code[off + 3] << 24);
            if (e.ok)
                off += 4;
        } else {
            if (off + 2 > avail)
                break;
            uint32_t hw = (uint32_t)code[off] | (uint32_t)code[off + 1] << 8;
            if ((hw >> 11) >= 0x1d) {
                if (off + 4 > avail)
                    break;
                e = t32_insn(hw, (uint32_t)code[off + 2] | (uint32_t)code[off + 3] << 8);
                if (e.ok)
                    off += 4;
            } else {
                e = t16_insn(hw);
                if (e.ok)
                    off += 2;
            }
        }
        if (!e.ok)
            break;
        undecided &= ~(uint32_t)e.rd;   /* read: live */
        killed |= undecided & e.wr;     /* written before any read: dead */
        undecided &= ~(uint32_t)e.wr;
    }
    *used = off;
    uint32_t mask = 0;
    for (int i = 0; i < 4; i++)
        if (killed & (1u << i))
            mask |= flag_bits[i];
    return mask;
}
