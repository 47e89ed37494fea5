#!/usr/bin/env python3
"""Random-instruction generator for the differential test against qemu-arm.

For one seed and ISA (arm or thumb) it writes an assembly program that loads
random values into r0-r12, random NZCVQ and GE flags, runs a sequence of
random non-branching, non-memory instructions, and then writes r0-r12 and the
APSR to stdout (56 bytes) and exits.  tests/risu/run.sh builds it, runs it
under qemu-arm (the reference) and mimic, and compares the bytes.

Usage: gen.py SEED arm|thumb [COUNT]
"""
import random
import sys

CONDS = ["eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", ""]
DP = ["and", "eor", "sub", "rsb", "add", "adc", "sbc", "orr", "bic"]
DP_ARM_ONLY = ["rsc"]
MOVS = ["mov", "mvn"]
TESTS = ["tst", "teq", "cmp", "cmn"]
PAR = [p + o for p in ["s", "q", "sh", "u", "uq", "uh"]
       for o in ["add16", "asx", "sax", "sub16", "add8", "sub8"]]
SMUL_XY = ["smulbb", "smulbt", "smultb", "smultt"]
SMLA_XY = ["smlabb", "smlabt", "smlatb", "smlatt"]
SMLAL_XY = ["smlalbb", "smlalbt", "smlaltb", "smlaltt"]
DUAL = ["smuad", "smuadx", "smusd", "smusdx"]
DUAL_ACC = ["smlad", "smladx", "smlsd", "smlsdx"]
DUAL_LONG = ["smlald", "smlaldx", "smlsld", "smlsldx"]
SMM = ["smmul", "smmulr"]
SMM_ACC = ["smmla", "smmlar", "smmls", "smmlsr"]
EXT = ["sxtb", "sxth", "uxtb", "uxth", "sxtb16", "uxtb16"]
EXT_ADD = ["sxtab", "sxtah", "uxtab", "uxtah", "sxtab16", "uxtab16"]


class Gen:
    def __init__(self, rng, thumb):
        self.r = rng
        self.thumb = thumb

    def reg(self):
        return "r%d" % self.r.randrange(13)

    def regs_distinct(self, n):
        return ["r%d" % x for x in self.r.sample(range(13), n)]

    def imm_arm(self):
        # An 8-bit value rotated right by an even amount (A32 modified immediate).
        v = self.r.randrange(256)
        rot = self.r.randrange(16) * 2
        return ((v >> rot) | (v << (32 - rot))) & 0xffffffff if rot else v

    def imm_thumb(self):
        v = self.r.randrange(256)
        kind = self.r.randrange(5)
        if kind == 0:
            return v
        if kind == 1:
            return v * 0x00010001
        if kind == 2:
            return v * 0x01000100
        if kind == 3:
            return v * 0x01010101
        # 1bcdefgh rotated
        v |= 0x80
        rot = self.r.randrange(8, 32)
        return ((v >> rot) | (v << (32 - rot))) & 0xffffffff

    def operand2(self):
        k = self.r.randrange(5 if not self.thumb else 4)
        if k == 0:
            return "#%d" % (self.imm_thumb() if self.thumb else self.imm_arm())
        if k == 1:
            return self.reg()
        if k == 2:
            sh = self.r.choice(["lsl", "lsr", "asr", "ror"])
            amt = self.r.randrange(1, 32 if sh in ("lsl", "ror") else 33)
            return "%s, %s #%d" % (self.reg(), sh, amt)
        if k == 3:
            return "%s, rrx" % self.reg()
        sh = self.r.choice(["lsl", "lsr", "asr", "ror"])
        return "%s, %s %s" % (self.reg(), sh, self.reg())

    def cond(self):
        return self.r.choice(CONDS) if self.r.randrange(3) == 0 else ""

    def one(self):
        """Returns (mnemonic-without-cond, operands, can_set_flags)."""
        r = self.r
        k = r.randrange(22)
        rd, rn, rm, ra = self.reg(), self.reg(), self.reg(), self.reg()
        if k <= 4:
            ops = DP + ([] if self.thumb else DP_ARM_ONLY)
            return r.choice(ops), "%s, %s, %s" % (rd, rn, self.operand2()), True
        if k == 5:
            return r.choice(MOVS), "%s, %s" % (rd, self.operand2()), True
        if k == 6:
            return r.choice(TESTS), "%s, %s" % (rn, self.operand2()), False
        if k == 7:
            m = r.choice(["mul", "mla", "mls"])
            ops = "%s, %s, %s" % (rd, rn, rm) + (", " + ra if m != "mul" else "")
            return m, ops, m != "mls" and not self.thumb
        if k == 8:
            lo, hi = self.regs_distinct(2)
            m = r.choice(["umull", "smull", "umlal", "smlal", "umaal"])
            return m, "%s, %s, %s, %s" % (lo, hi, rn, rm), m != "umaal" and not self.thumb
        if k == 9:
            m = r.choice(SMUL_XY + ["smulwb", "smulwt"] + DUAL + SMM)
            return m, "%s, %s, %s" % (rd, rn, rm), False
        if k == 10:
            m = r.choice(SMLA_XY + ["smlawb", "smlawt"] + DUAL_ACC + SMM_ACC + ["usada8"])
            return m, "%s, %s, %s, %s" % (rd, rn, rm, ra), False
        if k == 11:
            lo, hi = self.regs_distinct(2)
            return r.choice(SMLAL_XY + DUAL_LONG), "%s, %s, %s, %s" % (lo, hi, rn, rm), False
        if k == 12:
            return r.choice(["qadd", "qsub", "qdadd", "qdsub", "sel", "usad8", "sdiv", "udiv"]), \
                "%s, %s, %s" % (rd, rn, rm), False
        if k == 13:
            return r.choice(PAR), "%s, %s, %s" % (rd, rn, rm), False
        if k == 14:
            return r.choice(["clz", "rbit", "rev", "rev16", "revsh"]), "%s, %s" % (rd, rm), False
        if k == 15:
            rot = r.choice(["", ", ror #8", ", ror #16", ", ror #24"])
            if r.randrange(2):
                return r.choice(EXT), "%s, %s%s" % (rd, rm, rot), False
            return r.choice(EXT_ADD), "%s, %s, %s%s" % (rd, rn, rm, rot), False
        if k == 16:
            lsb = r.randrange(32)
            width = r.randrange(1, 33 - lsb)
            m = r.choice(["ubfx", "sbfx", "bfi", "bfc"])
            if m == "bfc":
                return m, "%s, #%d, #%d" % (rd, lsb, width), False
            return m, "%s, %s, #%d, #%d" % (rd, rn, lsb, width), False
        if k == 17:
            m = r.choice(["usat", "ssat"])
            sat = r.randrange(0, 32) if m == "usat" else r.randrange(1, 33)
            sh = r.choice(["", ", lsl #%d" % r.randrange(32), ", asr #%d" % r.randrange(1, 32)])
            return m, "%s, #%d, %s%s" % (rd, sat, rn, sh), False
        if k == 18:
            m = r.choice(["usat16", "ssat16"])
            sat = r.randrange(0, 16) if m == "usat16" else r.randrange(1, 17)
            return m, "%s, #%d, %s" % (rd, sat, rn), False
        if k == 19:
            if r.randrange(2):
                return "pkhbt", "%s, %s, %s, lsl #%d" % (rd, rn, rm, r.randrange(32)), False
            return "pkhtb", "%s, %s, %s, asr #%d" % (rd, rn, rm, r.randrange(1, 33)), False
        if k == 20:
            return r.choice(["movw", "movt"]), "%s, #%d" % (rd, r.randrange(65536)), False
        # Flags written from a register.
        return "msr", "APSR_nzcvq, %s" % rn, False

    def insn(self):
        m, ops, can_s = self.one()
        s = "s" if can_s and self.r.randrange(2) else ""
        c = self.cond()
        if m == "msr":
            s = ""
        if self.thumb and c:
            return ["it %s" % c, "%s%s%s %s" % (m, s, c, ops)]
        return ["%s%s%s %s" % (m, s, c, ops)]


def main():
    seed = int(sys.argv[1])
    thumb = sys.argv[2] == "thumb"
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    rng = random.Random(seed * 2 + thumb)
    g = Gen(rng, thumb)
    out = [".syntax unified", ".arch armv7ve", ".thumb" if thumb else ".arm",
           ".text", ".globl _start", ".type _start, %function", "_start:",
           "  ldr r0, =init", "  ldm r0, {r0-r12}",
           "  push {r0}\n  ldr r0, =0x%08x\n  msr APSR_nzcvqg, r0\n  pop {r0}"
           % (rng.randrange(32) << 27 | rng.randrange(16) << 16)]
    for _ in range(count):
        out += ["  " + x for x in g.insn()]
    out += ["  push {r0-r12}", "  mrs r0, APSR", "  ldr r1, =result",
            "  str r0, [r1, #52]", "  pop {r0-r12}", "  ldr r12, =result",
            "  stm r12, {r0-r11}", "  ldr r0, =init", "  ldr r0, [r0, #48]",
            "  mov r0, #1", "  ldr r1, =result", "  mov r2, #56", "  mov r7, #4", "  svc 0",
            "  mov r0, #0", "  mov r7, #1", "  svc 0", ".ltorg", ".data", ".align 2", "init:"]
    out += ["  .word 0x%08x" % rng.choice([rng.getrandbits(32), rng.getrandbits(32),
                                          rng.choice([0, 1, 0x7fffffff, 0x80000000, 0xffffffff,
                                                      0x8000, 0x7fff, 0xffff, 0x80])])
            for _ in range(13)]
    out += ["result:", "  .space 56"]
    print("\n".join(out))


main()
