"""PowerPC (32-bit) generator for gen.py --isa ppc.

difftest_run(uint32_t *out) (harness-ppc.c prints out[]):
  1. saves the non-volatile registers, points r31 at the 256-byte scratch
     buffer (never written after), loads random values into r0, r3-r12,
     r14-r30, f0-f31 (special values included: zeros, infinities, NaNs,
     denormals, single-precision values), XER (SO OV CA) and the FPSCR
     (random sticky bits and rounding mode; exception enables and NI
     stay 0);
  2. runs COUNT random non-branch instructions: XO-form arithmetic with the
     `o` and `.` forms, D-form immediates, logical, shifts, rotates,
     cntlzw/extsb/extsh, compares into random CR fields, CR logic, mcrf,
     mtcrf/mfcr, mcrxr, mtxer/mfxer, mtctr/mfctr, loads and stores (update,
     indexed, byte-reversed, string, multiple, lwarx/stwcx., dcbz) into
     the scratch buffer, and the
     floating-point arithmetic (double and single, fused multiply-add,
     frsp, fctiw/fctiwz, fsel, sign moves, fcmpu/fcmpo, mffs/mtfsf/
     mtfsfi/mtfsb0/mtfsb1/mcrfs);
  3. stores the GPRs, CR, XER, CTR, the FPRs and the FPSCR into out[].

Known qemu-ppc 7.2 differences, and how the generator avoids them (never
by skipping a result):
  - isel, fre, frsqrtes and the ISA 3.0 mffs forms are not in qemu-ppc's
    default CPU (SIGILL): not generated (tests/insn covers them);
  - fres/frsqrte are not generated: qemu-ppc 7.2's fres of +-0 returns
    0.5 where the ISA gives +-infinity and ZX (tests/insn/ppc-fpu covers
    both estimates, which otherwise match qemu's);
  - exception enables are kept 0: qemu-user runs with MSR[FE0,FE1] set
    and would raise SIGFPE where Linux (FE = 0 by default) does not;
  - NI is kept 0 (its effect is implementation-defined);
  - fnmadd/fnmsub round -(a*c +/- b) in qemu, where the ISA defines them
    as fmadd/fmsub then negated ("the same result as ... negating the
    result"): the two differ only when rounding toward +/-infinity, so
    they are generated only while RN (tracked here) is nearest or zero;
  - qemu sets FX for every exception an instruction causes, where the ISA
    sets it only when the instruction turns an exception bit from 0 to 1:
    FX starts as 1 and stays 1 (no mtfsb0 0, mtfsf/mtfsfi field 0 keep
    it, mcrfs does not read field 0), where both agree; tests/insn/
    ppc-fpu checks the transition rule;
  - qemu does not maintain FPSCR[FR] (never set by rounding up, never
    cleared): FR is cleared (mtfsb0 13) before every mffs and mcrfs of
    field 3 that would read it, and harness-ppc.c prints the final FPSCR
    without it; tests/insn/ppc-fpu checks FR;
  - qemu clears FPSCR[FI] in fcmpu/fcmpo, which the ISA leaves alone
    (their altered fields are CR[BF], FPCC, FX, VXSNAN, VXVC): FI is
    cleared (mtfsb0 14) before every compare;
  - qemu's fcmpo of a NaN (VXVC, VE = 0) also sets FPRF's C bit, which
    the ISA leaves alone: C is set (mtfsb1 15) before every fcmpo.
"""

GPRS = ["r0"] + [f"r{i}" for i in range(3, 13)] + [f"r{i}" for i in range(14, 31)]  # dumped
# Operands of the random instructions: not r30, which only ever holds
# addresses (they differ between runs of a position-independent program)
# and is cleared before the dump.
RAND_GPRS = GPRS[:-1]
INTERESTING = [0, 1, 2, 0x7FFFFFFF, 0x80000000, 0x80000001, 0xFFFFFFFF, 0xFFFFFFFE,
               0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x10000, 0x00FF00FF, 0xFF00FF00, 31, 32, 33, 63]
FP_SPECIAL = [0x0000000000000000, 0x8000000000000000, 0x3FF0000000000000, 0xBFF0000000000000,
              0x7FF0000000000000, 0xFFF0000000000000, 0x7FF8000000000000, 0x7FF4000000000000,
              0xFFF8000000000001, 0x0000000000000001, 0x800FFFFFFFFFFFFF, 0x0010000000000000,
              0x7FEFFFFFFFFFFFFF, 0x4000000000000000, 0x3FE0000000000000, 0x41E0000000000000,
              0xC1E0000000000000, 0x41DFFFFFFFC00000, 0x4330000000000000, 0x47EFFFFFE0000000,
              0x3810000000000000, 0x36A0000000000000, 0x3FD5555555555555]


class PPCGen:
    def __init__(self, rng):
        self.r = rng
        self.rn = 0  # FPSCR[RN] as the instructions so far left it

    def reg(self):
        return self.r.choice(RAND_GPRS)

    def fr(self):
        return f"f{self.r.randrange(32)}"

    def value(self):
        c = self.r.random()
        if c < 0.3:
            return self.r.choice(INTERESTING)
        if c < 0.45:
            return self.r.randrange(0, 256)
        return self.r.getrandbits(32)

    def fvalue(self):
        c = self.r.random()
        if c < 0.35:
            return self.r.choice(FP_SPECIAL)
        if c < 0.6:  # a single-precision value, as lfs would make it
            import struct
            f = struct.unpack(">f", struct.pack(">I", self.r.getrandbits(32) & 0xBFFFFFFF))[0]
            return struct.unpack(">Q", struct.pack(">d", f))[0]
        if c < 0.8:  # moderate doubles
            e = self.r.randrange(1000, 1050)
            return self.r.getrandbits(1) << 63 | e << 52 | self.r.getrandbits(52)
        return self.r.getrandbits(64)

    def rc(self):
        return "." if self.r.random() < 0.4 else ""

    def arith(self):
        three = ["add", "addc", "adde", "subf", "subfc", "subfe", "mullw", "divw", "divwu"]
        two = ["addme", "addze", "subfme", "subfze", "neg"]
        c = self.r.random()
        o = "o" if self.r.random() < 0.4 else ""
        if c < 0.5:
            return f"{self.r.choice(three)}{o}{self.rc()} {self.reg()}, {self.reg()}, {self.reg()}"
        if c < 0.6:
            return f"{self.r.choice(['mulhw', 'mulhwu'])}{self.rc()} {self.reg()}, {self.reg()}, {self.reg()}"
        if c < 0.75:
            return f"{self.r.choice(two)}{o}{self.rc()} {self.reg()}, {self.reg()}"
        op = self.r.choice(["addi", "addis", "addic", "addic.", "subfic", "mulli"])
        ra = self.reg()
        if op in ("addi", "addis") and ra == "r0":
            ra = "r3"
        return f"{op} {self.reg()}, {ra}, {self.r.randrange(-32768, 32768)}"

    def logic(self):
        c = self.r.random()
        if c < 0.35:
            op = self.r.choice(["and", "andc", "or", "orc", "xor", "nand", "nor", "eqv", "slw", "srw", "sraw"])
            return f"{op}{self.rc()} {self.reg()}, {self.reg()}, {self.reg()}"
        if c < 0.5:
            op = self.r.choice(["extsb", "extsh", "cntlzw"])
            return f"{op}{self.rc()} {self.reg()}, {self.reg()}"
        if c < 0.6:
            return f"srawi{self.rc()} {self.reg()}, {self.reg()}, {self.r.randrange(32)}"
        if c < 0.75:
            op = self.r.choice(["andi.", "andis.", "ori", "oris", "xori", "xoris"])
            return f"{op} {self.reg()}, {self.reg()}, {self.r.randrange(65536)}"
        if c < 0.9:
            op = self.r.choice(["rlwinm", "rlwimi"])
            return (f"{op}{self.rc()} {self.reg()}, {self.reg()}, {self.r.randrange(32)}, "
                    f"{self.r.randrange(32)}, {self.r.randrange(32)}")
        return f"rlwnm{self.rc()} {self.reg()}, {self.reg()}, {self.reg()}, {self.r.randrange(32)}, {self.r.randrange(32)}"

    def cr(self):
        c = self.r.random()
        f = self.r.randrange(8)
        if c < 0.3:
            op = self.r.choice(["cmpw", "cmplw"])
            return f"{op} {f}, {self.reg()}, {self.reg()}"
        if c < 0.45:
            return f"cmpwi {f}, {self.reg()}, {self.r.randrange(-32768, 32768)}"
        if c < 0.55:
            return f"cmplwi {f}, {self.reg()}, {self.r.randrange(65536)}"
        if c < 0.75:
            op = self.r.choice(["crand", "crandc", "cror", "crorc", "crxor", "crnand", "crnor", "creqv"])
            return f"{op} {self.r.randrange(32)}, {self.r.randrange(32)}, {self.r.randrange(32)}"
        if c < 0.8:
            return f"mcrf {f}, {self.r.randrange(8)}"
        if c < 0.85:
            return f"mtcrf {self.r.randrange(256)}, {self.reg()}"
        if c < 0.9:
            return f"mfcr {self.reg()}"
        if c < 0.93:
            return f"mcrxr {f}"
        if c < 0.96:
            return self.r.choice([f"mtxer {self.reg()}", f"mfxer {self.reg()}"])
        return self.r.choice([f"mtctr {self.reg()}", f"mfctr {self.reg()}"])

    def mem(self):
        c = self.r.random()
        rt = self.reg()
        if c < 0.35:
            op, size = self.r.choice([("lwz", 4), ("lbz", 1), ("lhz", 2), ("lha", 2), ("stw", 4), ("stb", 1), ("sth", 2)])
            return f"{op} {rt}, {size * self.r.randrange(256 // size - 1)}(r31)"
        if c < 0.55:
            op, size = self.r.choice([("lwzx", 4), ("lbzx", 1), ("lhzx", 2), ("lhax", 2), ("stwx", 4), ("stbx", 1),
                                      ("sthx", 2), ("lwbrx", 4), ("lhbrx", 2), ("stwbrx", 4), ("sthbrx", 2)])
            ri = self.reg()
            while ri == rt and op[0] == "l":
                ri = self.reg()
            return f"li {ri}, {size * self.r.randrange(256 // size - 1)}\n\t{op} {rt}, r31, {ri}"
        if c < 0.8:
            op, size = self.r.choice([("lwzu", 4), ("lbzu", 1), ("lhzu", 2), ("lhau", 2), ("stwu", 4), ("stbu", 1),
                                      ("sthu", 2)])
            return f"mr r30, r31\n\t{op} {rt}, {size * self.r.randrange(256 // size - 1)}(r30)"
        k = self.r.randrange(6)
        if k == 0:  # string immediate
            n = self.r.randrange(1, 13)
            first = self.r.choice(range(3, 13 - (n + 3) // 4))
            op = self.r.choice(["lswi", "stswi"])
            return f"addi r30, r31, {self.r.randrange(0, 200)}\n\t{op} r{first}, r30, {n}"
        if k == 1:  # string indexed: the count in XER
            n = self.r.randrange(0, 13)
            first = self.r.choice(range(3, 13 - (n + 3) // 4))
            op = self.r.choice(["lswx", "stswx"])
            return (f"li r30, {n}\n\tmtxer r30\n\tli r30, {self.r.randrange(0, 200)}\n\t"
                    f"{op} r{first}, r31, r30")
        if k == 2:  # store multiple: r20..r31 (r31 is the scratch base)
            first = self.r.randrange(20, 30)
            n = 32 - first
            # r30 and r31 hold addresses: their words are overwritten.
            return (f"addi r30, r31, {4 * self.r.randrange(0, 64 - n)}\n\tstmw r{first}, 0(r30)\n\t"
                    f"stw r{first}, {4 * (n - 2)}(r30)\n\tstw r{first}, {4 * (n - 1)}(r30)")
        if k == 3:  # a reservation, then a store conditional to it or elsewhere
            off = 4 * self.r.randrange(64)
            off2 = off if self.r.random() < 0.7 else 4 * self.r.randrange(64)
            rs = self.reg()
            return (f"addi r30, r31, {off}\n\tlwarx {rt}, 0, r30\n\taddi r30, r31, {off2}\n\t"
                    f"stwcx. {rs}, 0, r30")
        if k == 4:  # dcbz: a 32-byte line of the (32-aligned) scratch buffer
            return f"addi r30, r31, {self.r.randrange(256)}\n\tdcbz 0, r30"
        return self.r.choice([f"sync", f"lwsync", f"eieio", f"isync"])

    def fp(self):
        c = self.r.random()
        s = "s" if self.r.random() < 0.4 else ""
        rc = "." if self.r.random() < 0.15 else ""
        t, a, b, cc = self.fr(), self.fr(), self.fr(), self.fr()
        if c < 0.3:
            op = self.r.choice(["fadd", "fsub", "fdiv"])
            return f"{op}{s}{rc} {t}, {a}, {b}"
        if c < 0.4:
            return f"fmul{s}{rc} {t}, {a}, {cc}"
        if c < 0.55:
            ops = ["fmadd", "fmsub"] + (["fnmadd", "fnmsub"] if self.rn in (0, 1) else [])
            op = self.r.choice(ops)
            return f"{op}{s}{rc} {t}, {a}, {cc}, {b}"
        if c < 0.65:
            op = self.r.choice(["frsp", "fctiw", "fctiwz", "fneg", "fabs", "fnabs", "fmr"])
            return f"{op}{rc} {t}, {b}"
        if c < 0.7:
            return f"fsel{rc} {t}, {a}, {cc}, {b}"
        if c < 0.8:
            op = self.r.choice(["fcmpu", "fcmpo"])
            pre = "mtfsb0 14\n\t" + ("mtfsb1 15\n\t" if op == "fcmpo" else "")
            return f"{pre}{op} {self.r.randrange(8)}, {a}, {b}"
        if c < 0.85:
            return f"mtfsb0 13\n\tmffs{rc} {t}"
        if c < 0.9:
            bfa = self.r.randrange(1, 8)
            return ("mtfsb0 13\n\t" if bfa == 3 else "") + f"mcrfs {self.r.randrange(8)}, {bfa}"
        if c < 0.95:
            bit = self.r.choice([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23, 30, 31])
            op = self.r.choice(['mtfsb0', 'mtfsb1'])
            if bit >= 30:
                m = 1 << (31 - bit)
                self.rn = (self.rn | m) if op == "mtfsb1" else (self.rn & ~m)
            return f"{op}{rc} {bit}"
        if self.r.random() < 0.5:
            # Fields 1-5 (not 0: FX; not 6 and 7: the enables and NI).
            return f"mtfsf{rc} {self.r.randrange(256) & 0x7C}, {b}"
        f = self.r.choice([0, 1, 2, 3, 4, 5, 7])
        u = self.r.randrange(16)
        if f == 0:
            u |= 8  # FX stays 1
        if f == 7:
            u &= 0x3  # RN only: not XE, not NI
            self.rn = u
        return f"mtfsfi{rc} {f}, {u}"

    def insn(self):
        c = self.r.random()
        if c < 0.25:
            return self.arith()
        if c < 0.45:
            return self.logic()
        if c < 0.6:
            return self.cr()
        if c < 0.72:
            return self.mem()
        return self.fp()


def generate(seed, count):
    import random
    rng = random.Random(seed * 2 + 7)
    g = PPCGen(rng)
    # Data first, so that a shorter --count is a prefix of a longer one
    # (bisecting a difference).
    fpinit = [g.fvalue() for _ in range(32)]
    scratch = [rng.getrandbits(32) for _ in range(64)]
    out = []
    w = out.append
    w(f"# generated by tests/difftest/gen.py --seed {seed} --isa ppc --count {count}")
    w("\t.text")
    w("\t.globl difftest_run")
    w("\t.type difftest_run, @function")
    w("difftest_run:")
    w("\tstwu r1, -256(r1)")
    w("\tmflr r0")
    w("\tstw r0, 260(r1)")
    w("\tstw r3, 8(r1)")
    w("\tstmw r14, 16(r1)")
    for i in range(14, 32):
        w(f"\tstfd f{i}, {88 + 8 * (i - 14)}(r1)")
    # PC-relative addresses (the program may be position-independent).
    w("\tbl 1f")
    w("1:\tmflr r31")
    w("\taddis r30, r31, (fpinit-1b)@ha")
    w("\taddi r30, r30, (fpinit-1b)@l")
    w("\taddis r31, r31, (scratch-1b)@ha")
    w("\taddi r31, r31, (scratch-1b)@l")
    for i in range(32):
        w(f"\tlfd f{i}, {8 * i}(r30)")
    # FX set; no FEX/VX (computed), no enables, no NI.
    fpscr = (rng.getrandbits(32) & 0x9FFFFF03 & ~0x00000800) | 0x80000000
    g.rn = fpscr & 3
    w(f"\tlfd f0, 256(r30)")
    w("\tmtfsf 0xff, f0")
    w(f"\tlfd f0, 0(r30)")
    xer = rng.getrandbits(3) << 29
    w(f"\tlis r0, {xer >> 16}")
    w("\tmtxer r0")
    w(f"\tlis r0, {rng.getrandbits(16)}")
    w(f"\tori r0, r0, {rng.getrandbits(16)}")
    w("\tmtcrf 0xff, r0")
    w(f"\tli r0, {rng.randrange(-32768, 32768)}")
    w("\tmtctr r0")
    for r in GPRS:
        v = g.value() if r != "r30" else 0
        w(f"\tlis {r}, {v >> 16}")
        w(f"\tori {r}, {r}, {v & 0xFFFF}")
    for _ in range(count):
        w(f"\t{g.insn()}")
    w("\tli r30, 0")
    w("\tstw r0, 12(r1)")
    w("\tmr r0, r3")
    w("\tlwz r3, 8(r1)")
    w("\tstw r0, 4(r3)")
    w("\tlwz r0, 12(r1)")
    w("\tstw r0, 0(r3)")
    for k, r in enumerate(GPRS[2:], start=2):
        w(f"\tstw {r}, {4 * k}(r3)")
    n = len(GPRS)
    w("\tmfcr r0")
    w(f"\tstw r0, {4 * n}(r3)")
    w("\tmfxer r0")
    w(f"\tstw r0, {4 * n + 4}(r3)")
    w("\tmfctr r0")
    w(f"\tstw r0, {4 * n + 8}(r3)")
    base = 4 * n + 16
    for i in range(32):
        w(f"\tstfd f{i}, {base + 8 * i}(r3)")
    w("\tmffs f0")
    w(f"\tstfd f0, {base + 256}(r3)")
    w("\tlmw r14, 16(r1)")
    for i in range(14, 32):
        w(f"\tlfd f{i}, {88 + 8 * (i - 14)}(r1)")
    w("\tlwz r0, 260(r1)")
    w("\tmtlr r0")
    w("\taddi r1, r1, 256")
    w("\tblr")
    w("\t.data")
    w("\t.balign 8")
    w("fpinit:")
    for v in fpinit:
        w(f"\t.quad {v:#018x}")
    w(f"\t.quad {fpscr:#018x}")
    w("\t.balign 32")
    w("\t.globl scratch")
    w("scratch:")
    for v in scratch:
        w(f"\t.long {v:#010x}")
    w('\t.section .note.GNU-stack,"",@progbits')
    # Register operands as %rN/%fN: the assembler's own syntax (plain rN
    # needs -mregnames).
    import re
    return re.sub(r"\b([rf])(\d{1,2})\b", r"%\1\2", "\n".join(out))
