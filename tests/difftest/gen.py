#!/usr/bin/env python3
"""Random-instruction generator for mimic's differential test.

For a seed and an instruction set (arm or thumb) it prints a GNU assembler
file defining `void difftest_run(uint32_t out[77])`:

  1. set NZCV, Q and GE to random values (msr APSR_nzcvqg),
  2. load random values into r0-r10 and r12 (r11 points at a 256-byte
     scratch buffer with random contents and is never written),
  3. run COUNT random instructions from safe classes: data processing with
     every shift form (register-shifted in ARM), multiplies and long
     multiplies, divides, media (extend, reverse, bit-field, saturate,
     parallel add/sub, sel, pack, sad), loads/stores into the scratch
     buffer, with condition codes (IT blocks in Thumb) and flag setting,
  4. store r0-r10, r12 and the APSR into out[0..12]; the scratch buffer is
     out[13..76] (harness.c copies it and prints everything in hex).

No branches, no other memory.  The same binary runs under qemu-arm (the
reference) and under mimic, and the printed states must be identical.

usage: gen.py --seed N --isa arm|thumb|i386|ppc [--count N]
(i386: gen_i386.py, harness-i386.c; ppc: gen_ppc.py, harness-ppc.c)
"""
import argparse
import random

REGS = [f"r{i}" for i in range(11)] + ["r12"]  # r11: scratch base
CONDS = ["eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le"]
INTERESTING = [0, 1, 2, 0x7FFFFFFF, 0x80000000, 0x80000001, 0xFFFFFFFF, 0xFFFFFFFE,
               0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x10000, 0x00FF00FF, 0xFF00FF00]


class Gen:
    def __init__(self, rng, thumb):
        self.r = rng
        self.thumb = thumb

    def reg(self):
        return self.r.choice(REGS)

    def regs(self, n):
        return self.r.sample(REGS, n)

    def value(self):
        c = self.r.random()
        if c < 0.25:
            return self.r.choice(INTERESTING)
        if c < 0.4:
            return self.r.randrange(0, 256)
        return self.r.getrandbits(32)

    def imm(self):
        """A constant that ARM and Thumb-2 modified immediates can both encode."""
        return self.r.randrange(256) << (8 * self.r.randrange(4))

    def shift_imm(self):
        """Operand-2 register with an immediate shift (all five forms)."""
        rm = self.reg()
        k = self.r.randrange(6)
        if k == 0:
            return rm
        if k == 1:
            return f"{rm}, lsl #{self.r.randrange(0, 32)}"
        if k == 2:
            return f"{rm}, lsr #{self.r.randrange(1, 33)}"
        if k == 3:
            return f"{rm}, asr #{self.r.randrange(1, 33)}"
        if k == 4:
            return f"{rm}, ror #{self.r.randrange(1, 32)}"
        return f"{rm}, rrx"

    def operand2(self):
        c = self.r.random()
        if c < 0.3:
            return f"#{self.imm()}"
        if c < 0.55 and not self.thumb:
            # register-shifted register: ARM only
            return f"{self.reg()}, {self.r.choice(['lsl', 'lsr', 'asr', 'ror'])} {self.reg()}"
        return self.shift_imm()

    # Each returns (mnemonic-without-cond, operands, may_set_flags_suffix_position)
    # The condition is inserted by emit().
    def dp(self):
        ops3 = ["and", "eor", "sub", "rsb", "add", "adc", "sbc", "orr", "bic"]
        if self.thumb:
            ops3.append("orn")
        else:
            ops3.append("rsc")
        c = self.r.random()
        s = "s" if self.r.random() < 0.5 else ""
        if c < 0.55:
            op = self.r.choice(ops3)
            return op + s, f"{self.reg()}, {self.reg()}, {self.operand2()}"
        if c < 0.7:
            op = self.r.choice(["tst", "teq", "cmp", "cmn"])
            return op, f"{self.reg()}, {self.operand2()}"
        if c < 0.85:
            op = self.r.choice(["mov", "mvn"])
            o2 = self.operand2()
            if op == "mov" and "," in o2:
                # mov with a shift: use the shift mnemonics
                parts = [p.strip() for p in o2.split(",")]
                sh = parts[1].split()
                if sh[0] == "rrx":
                    return "rrx" + s, f"{self.reg()}, {parts[0]}"
                return sh[0] + s, f"{self.reg()}, {parts[0]}, {sh[1]}"
            return op + s, f"{self.reg()}, {o2}"
        # shift by register (both ISAs)
        op = self.r.choice(["lsl", "lsr", "asr", "ror"])
        return op + s, f"{self.reg()}, {self.reg()}, {self.reg()}"

    def mul(self):
        c = self.r.randrange(9)
        s = "s" if (not self.thumb and self.r.random() < 0.4) else ""
        if c == 0:
            return "mul" + s, f"{self.reg()}, {self.reg()}, {self.reg()}"
        if c == 1:
            return "mla" + s, f"{self.reg()}, {self.reg()}, {self.reg()}, {self.reg()}"
        if c == 2:
            return "mls", f"{self.reg()}, {self.reg()}, {self.reg()}, {self.reg()}"
        if c in (3, 4):
            lo, hi = self.regs(2)
            op = self.r.choice(["umull", "smull", "umlal", "smlal"]) + s
            if self.r.random() < 0.2:
                op = "umaal"
            return op, f"{lo}, {hi}, {self.reg()}, {self.reg()}"
        if c == 5:
            x, y = self.r.choice("bt"), self.r.choice("bt")
            k = self.r.randrange(4)
            if k == 0:
                return f"smul{x}{y}", f"{self.reg()}, {self.reg()}, {self.reg()}"
            if k == 1:
                return f"smla{x}{y}", f"{self.reg()}, {self.reg()}, {self.reg()}, {self.reg()}"
            if k == 2:
                return f"smulw{y}", f"{self.reg()}, {self.reg()}, {self.reg()}"
            lo, hi = self.regs(2)
            return f"smlal{x}{y}", f"{lo}, {hi}, {self.reg()}, {self.reg()}"
        if c == 6:
            x = self.r.choice(["", "x"])
            k = self.r.randrange(3)
            if k == 0:
                return self.r.choice(["smuad", "smusd"]) + x, f"{self.reg()}, {self.reg()}, {self.reg()}"
            if k == 1:
                return self.r.choice(["smlad", "smlsd"]) + x, \
                    f"{self.reg()}, {self.reg()}, {self.reg()}, {self.reg()}"
            lo, hi = self.regs(2)
            return self.r.choice(["smlald", "smlsld"]) + x, f"{lo}, {hi}, {self.reg()}, {self.reg()}"
        if c == 7:
            r = self.r.choice(["", "r"])
            if self.r.random() < 0.4:
                return "smmul" + r, f"{self.reg()}, {self.reg()}, {self.reg()}"
            return self.r.choice(["smmla", "smmls"]) + r, \
                f"{self.reg()}, {self.reg()}, {self.reg()}, {self.reg()}"
        return self.r.choice(["sdiv", "udiv"]), f"{self.reg()}, {self.reg()}, {self.reg()}"

    def media(self):
        c = self.r.randrange(12)
        if c == 0:
            op = self.r.choice(["uxtb", "uxth", "sxtb", "sxth", "uxtb16", "sxtb16"])
            rot = self.r.choice(["", ", ror #8", ", ror #16", ", ror #24"])
            return op, f"{self.reg()}, {self.reg()}{rot}"
        if c == 1:
            op = self.r.choice(["uxtab", "uxtah", "sxtab", "sxtah", "uxtab16", "sxtab16"])
            rot = self.r.choice(["", ", ror #8", ", ror #16", ", ror #24"])
            return op, f"{self.reg()}, {self.reg()}, {self.reg()}{rot}"
        if c == 2:
            return self.r.choice(["rev", "rev16", "revsh", "rbit", "clz"]), f"{self.reg()}, {self.reg()}"
        if c == 3:
            lsb = self.r.randrange(32)
            width = self.r.randrange(1, 33 - lsb)
            op = self.r.choice(["ubfx", "sbfx", "bfi", "bfc"])
            if op == "bfc":
                return op, f"{self.reg()}, #{lsb}, #{width}"
            return op, f"{self.reg()}, {self.reg()}, #{lsb}, #{width}"
        if c == 4:
            sh = self.r.choice(["", f", lsl #{self.r.randrange(1, 32)}", f", asr #{self.r.randrange(1, 32)}"])
            if self.r.random() < 0.5:
                return "usat", f"{self.reg()}, #{self.r.randrange(0, 32)}, {self.reg()}{sh}"
            return "ssat", f"{self.reg()}, #{self.r.randrange(1, 33)}, {self.reg()}{sh}"
        if c == 5:
            if self.r.random() < 0.5:
                return "usat16", f"{self.reg()}, #{self.r.randrange(0, 16)}, {self.reg()}"
            return "ssat16", f"{self.reg()}, #{self.r.randrange(1, 17)}, {self.reg()}"
        if c == 6:
            return self.r.choice(["qadd", "qsub", "qdadd", "qdsub"]), f"{self.reg()}, {self.reg()}, {self.reg()}"
        if c in (7, 8):
            pre = self.r.choice(["s", "q", "sh", "u", "uq", "uh"])
            op = self.r.choice(["add8", "sub8", "add16", "sub16", "asx", "sax"])
            return pre + op, f"{self.reg()}, {self.reg()}, {self.reg()}"
        if c == 9:
            return "sel", f"{self.reg()}, {self.reg()}, {self.reg()}"
        if c == 10:
            if self.r.random() < 0.5:
                return "usad8", f"{self.reg()}, {self.reg()}, {self.reg()}"
            return "usada8", f"{self.reg()}, {self.reg()}, {self.reg()}, {self.reg()}"
        if self.r.random() < 0.5:
            return "pkhbt", f"{self.reg()}, {self.reg()}, {self.reg()}, lsl #{self.r.randrange(0, 32)}"
        return "pkhtb", f"{self.reg()}, {self.reg()}, {self.reg()}, asr #{self.r.randrange(1, 33)}"

    def mem(self):
        c = self.r.randrange(4)
        if c == 0:
            return self.r.choice(["ldr", "str"]), f"{self.reg()}, [r11, #{4 * self.r.randrange(64)}]"
        if c == 1:
            return self.r.choice(["ldrb", "strb", "ldrsb"]), f"{self.reg()}, [r11, #{self.r.randrange(256)}]"
        if c == 2:
            return self.r.choice(["ldrh", "strh", "ldrsh"]), f"{self.reg()}, [r11, #{2 * self.r.randrange(128)}]"
        lo = 2 * self.r.randrange(5)  # r0/r1 .. r8/r9
        return self.r.choice(["ldrd", "strd"]), f"r{lo}, r{lo + 1}, [r11, #{8 * self.r.randrange(32)}]"

    def insn(self):
        c = self.r.random()
        if c < 0.45:
            return self.dp()
        if c < 0.65:
            return self.mul()
        if c < 0.9:
            return self.media()
        return self.mem()


def with_cond(op, cond):
    """Insert a condition code into a mnemonic (UAL: cond goes last)."""
    return op + cond


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--isa", choices=["arm", "thumb", "i386", "i386x87", "ppc"], required=True)
    ap.add_argument("--count", type=int, default=400)
    a = ap.parse_args()
    if a.isa in ("i386", "ppc"):
        import importlib
        import os
        import sys
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        print(importlib.import_module("gen_" + a.isa).generate(a.seed, a.count))
        return
    if a.isa == "i386x87":  # i386 with x87 instructions too (no MMX then)
        import os
        import sys
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import gen_i386
        print(gen_i386.generate(a.seed, a.count, x87=True))
        return
    rng = random.Random(a.seed * 2 + (a.isa == "thumb"))
    g = Gen(rng, a.isa == "thumb")
    out = []
    w = out.append
    w(f"@ generated by tests/difftest/gen.py --seed {a.seed} --isa {a.isa} --count {a.count}")
    w("\t.syntax unified")
    w("\t.arch armv7-a")
    w("\t.arch_extension idiv")
    w("\t.thumb" if g.thumb else "\t.arm")
    w("\t.text")
    w("\t.global difftest_run")
    if g.thumb:
        w("\t.thumb_func")
    w("\t.type difftest_run, %function")
    w("difftest_run:")
    w("\tpush {r4-r11, lr}")
    w("\tpush {r0}")
    w("\tldr r11, =scratch")
    flags = rng.getrandbits(5) << 27 | rng.getrandbits(4) << 16
    w(f"\tmovw r0, #{flags & 0xFFFF}")
    w(f"\tmovt r0, #{flags >> 16}")
    w("\tmsr APSR_nzcvqg, r0")
    for r in REGS:
        v = g.value()
        w(f"\tmovw {r}, #{v & 0xFFFF}")
        w(f"\tmovt {r}, #{v >> 16}")
    i = 0
    while i < a.count:
        if rng.random() < 0.3:
            cond = rng.choice(CONDS)
            if g.thumb:
                # an IT block of 1-3 instructions: then/else pattern
                n = rng.randrange(1, 4)
                pat = "".join(rng.choice("te") for _ in range(n - 1))
                w(f"\tit{pat} {cond}")
                inv = {"eq": "ne", "ne": "eq", "cs": "cc", "cc": "cs", "mi": "pl", "pl": "mi", "vs": "vc",
                       "vc": "vs", "hi": "ls", "ls": "hi", "ge": "lt", "lt": "ge", "gt": "le", "le": "gt"}
                conds = [cond] + [cond if p == "t" else inv[cond] for p in pat]
                for c in conds:
                    op, args = g.insn()
                    w(f"\t{with_cond(op, c)} {args}")
                    i += 1
                continue
            op, args = g.insn()
            w(f"\t{with_cond(op, cond)} {args}")
        else:
            op, args = g.insn()
            w(f"\t{op} {args}")
        i += 1
    w("\tldr r11, [sp]")
    w("\tstm r11, {r0-r10, r12}")
    w("\tmrs r0, APSR")
    w("\tstr r0, [r11, #48]")
    w("\tadd sp, sp, #4")
    w("\tpop {r4-r11, pc}")
    w("\t.ltorg")
    w("\t.data")
    w("\t.balign 8")
    w("\t.global scratch")
    w("scratch:")
    for _ in range(64):
        w(f"\t.word {rng.getrandbits(32):#010x}")
    w('\t.section .note.GNU-stack,"",%progbits')
    print("\n".join(out))


if __name__ == "__main__":
    main()
