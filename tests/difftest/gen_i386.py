"""Random-instruction generator for i386 (gen.py --isa i386).

Prints a GNU assembler file (AT&T syntax) defining
`void difftest_run(uint32_t out[72])`:

  1. save the callee-saved registers, set the arithmetic flags to random
     values (popf), load random values into eax ebx ecx edx esi edi
     (ebp points at a 256-byte scratch buffer with random contents and is
     never written),
  2. run COUNT random integer instructions: ALU operations at 8, 16 and 32
     bits on registers, immediates and scratch memory (some with lock), inc
     dec neg not, every shift and rotate (by 1, an immediate and cl),
     shld/shrd, mul/imul in all forms, div/idiv with operands that cannot
     fault, bt/bts/btr/btc, bsf/bsr of non-zero values, setcc, cmovcc,
     xchg, xadd, cmpxchg, bswap, movzx/movsx, lea, cbw/cwde/cwd/cdq,
     cmc/clc/stc, sahf/lahf,
  3. store the six registers, the flags and a mask of the flags that are
     defined at the end into out[0..7]; the scratch buffer is out[8..71].

MMX and SSE to SSSE3 (every program: --isa i386): xmm0-7
and mm0-7 start from random data (a third of the xmm values are floats
and doubles from a list of special values: zeros, denormals, infinities,
NaNs with payloads); random integer, shuffle, shift, move, compare and
floating-point instructions (default MXCSR) run among the integer ones;
at the end each xmm_i is XORed into scratch[16 i] and each mm_i into
scratch[128 + 8 i] (so registers and memory are both compared), then emms.

Flags an instruction leaves undefined are tracked: an instruction that
reads flags gets only defined ones (a defining `add` is inserted first
when needed), and the final flags are printed under the defined mask, so
the real CPU, qemu-i386 and mimic must agree exactly.
"""

REGS32 = ["eax", "ebx", "ecx", "edx", "esi", "edi"]
REGS16 = ["ax", "bx", "cx", "dx", "si", "di"]
REGS8 = ["al", "bl", "cl", "dl", "ah", "bh", "ch", "dh"]
CF, PF, AF, ZF, SF, OF = 0x1, 0x4, 0x10, 0x40, 0x80, 0x800
ALL = CF | PF | AF | ZF | SF | OF
# Condition codes and the flags they read.
CONDS = {
    "o": OF, "no": OF, "b": CF, "ae": CF, "e": ZF, "ne": ZF, "be": CF | ZF, "a": CF | ZF,
    "s": SF, "ns": SF, "p": PF, "np": PF, "l": SF | OF, "ge": SF | OF, "le": SF | OF | ZF, "g": SF | OF | ZF,
}
INTERESTING = [0, 1, 2, 0x7F, 0x80, 0xFF, 0x7FFF, 0x8000, 0xFFFF, 0x7FFFFFFF, 0x80000000,
               0x80000001, 0xFFFFFFFF, 0xFFFFFFFE, 0x00FF00FF]


# MMX/SSE: (mnemonic, has an MMX form).
SSE_INT = [(n, True) for n in (
    "punpcklbw punpcklwd punpckldq packsswb pcmpgtb pcmpgtw pcmpgtd packuswb punpckhbw "
    "punpckhwd punpckhdq packssdw pcmpeqb pcmpeqw pcmpeqd psrlw psrld psrlq paddq pmullw "
    "psubusb psubusw pminub pand paddusb paddusw pmaxub pandn pavgb psraw psrad pavgw "
    "pmulhuw pmulhw psubsb psubsw pminsw por paddsb paddsw pmaxsw pxor psllw pslld psllq "
    "pmuludq pmaddwd psadbw psubb psubw psubd psubq paddb paddw paddd pshufb phaddw "
    "phaddd phaddsw pmaddubsw phsubw phsubd phsubsw psignb psignw psignd pmulhrsw pabsb "
    "pabsw pabsd").split()] + [(n, False) for n in (
    "punpcklqdq punpckhqdq unpcklps unpcklpd unpckhps unpckhpd andps andnps orps xorps "
    "andpd andnpd orpd xorpd movsldup movshdup movddup").split()]
SSE_FP = ("add sub mul div min max sqrt").split()
# Not here: haddps/hsubps/haddpd/hsubpd, where qemu-i386 7.2 returns the
# second of two NaN operands (the CPU the first; insn/i386-sse checks them
# against the real CPU).
SSE_FP_MORE = ("addsubps addsubpd cvtps2pd cvtpd2ps cvtss2sd "
               "cvtsd2ss cvtdq2ps cvtps2dq cvttps2dq cvtdq2pd cvtpd2dq cvttpd2dq").split()
F32_SPECIAL = [0x00000000, 0x80000000, 0x3F800000, 0xBFC00000, 0x7F7FFFFF, 0x00800000,
               0x00012345, 0x80000001, 0x7F800000, 0xFF800000, 0x7FC00001, 0x7F800ABC,
               0xFFC12345, 0x3EAAAAAB, 0x4F000000, 0xCF000001]


class GenI386:
    def __init__(self, rng, sse=False, x87=False):
        self.sse = sse
        self.x87 = x87
        self.depth = 0  # x87 stack depth
        self.r = rng
        self.undef = 0  # flags currently undefined
        self.out = []

    def w(self, s):
        self.out.append("\t" + s)

    def value(self):
        c = self.r.random()
        if c < 0.3:
            return self.r.choice(INTERESTING)
        if c < 0.45:
            return self.r.randrange(0, 256)
        return self.r.getrandbits(32)

    def size(self):
        return self.r.choice([8, 16, 32, 32, 32])

    def reg(self, sz):
        return "%" + self.r.choice({8: REGS8, 16: REGS16, 32: REGS32}[sz])

    def mem(self, sz):
        return f"{self.r.randrange(0, 256 - sz // 8 + 1)}(%ebp)"

    def imm(self, sz):
        return "$" + str(self.value() & ((1 << sz) - 1))

    def need(self, flags):
        """The next instruction reads `flags`: make them defined."""
        if flags & self.undef:
            self.w(f"addl ${self.value() & 0xFF}, %{self.r.choice(REGS32)}")
            self.undef = 0

    def sets(self, defined, undefined=0):
        self.undef = (self.undef & ~defined & ~undefined) | undefined

    @staticmethod
    def sfx(sz):
        return {8: "b", 16: "w", 32: "l"}[sz]

    def operand_pair(self, sz):
        """(src, dst) for a two-operand ALU instruction."""
        k = self.r.randrange(4)
        if k == 0:
            return self.reg(sz), self.reg(sz)
        if k == 1:
            return self.imm(sz), self.r.choice([self.reg(sz), self.mem(sz)])
        if k == 2:
            return self.reg(sz), self.mem(sz)
        return self.mem(sz), self.reg(sz)

    def xmm(self):
        return f"%xmm{self.r.randrange(8)}"

    def xsrc(self):
        """An xmm register or a 16-byte aligned scratch operand."""
        if self.r.random() < 0.7:
            return self.xmm()
        return f"{16 * self.r.randrange(16)}(%ebp)"

    def sse_insn(self):
        r = self.r
        k = r.randrange(12)
        if k <= 3:  # integer and logic, xmm or mm
            name, mmx = r.choice(SSE_INT)
            if mmx and not self.x87 and r.random() < 0.35:
                src = f"%mm{r.randrange(8)}" if r.random() < 0.7 else self.mem(64)
                self.w(f"{name} {src}, %mm{r.randrange(8)}")
            else:
                self.w(f"{name} {self.xsrc()}, {self.xmm()}")
        elif k <= 5:  # floating point, default MXCSR
            if r.random() < 0.7:
                op = r.choice(SSE_FP) + r.choice(["ps", "pd", "ss", "sd"])
            else:
                op = r.choice(SSE_FP_MORE)
            self.w(f"{op} {self.xsrc()}, {self.xmm()}")
        elif k == 6:  # immediates
            op = r.choice(["pshufd", "pshuflw", "pshufhw", "shufps", "shufpd", "palignr", "cmpps",
                           "cmppd", "cmpss", "cmpsd", "pshufw", "palignr-mm"])
            imm = r.randrange(256) if not op.startswith("cmp") else r.randrange(8)
            if self.x87 and op in ("pshufw", "palignr-mm"):
                op = "pshufd"
            if op == "pshufw" or op == "palignr-mm":
                self.w(f"{op.split('-')[0]} ${imm}, %mm{r.randrange(8)}, %mm{r.randrange(8)}")
            else:
                self.w(f"{op} ${imm}, {self.xsrc()}, {self.xmm()}")
        elif k == 7:  # shifts by an immediate
            op = r.choice(["psrlw", "psraw", "psllw", "psrld", "psrad", "pslld", "psrlq", "psllq",
                           "psrldq", "pslldq"])
            cnt = r.choice([0, 1, 3, 7, 8, 15, 16, 31, 32, 63, 64, r.randrange(256)])
            if op.endswith("dq") or self.x87 or r.random() < 0.6:
                self.w(f"{op} ${cnt}, {self.xmm()}")
            else:
                self.w(f"{op} ${cnt}, %mm{r.randrange(8)}")
        elif k == 8:  # moves between registers and memory
            c = r.randrange(8)
            if c == 0:
                self.w(f"movdqu {self.xmm()}, {r.randrange(0, 241)}(%ebp)")
            elif c == 1:
                self.w(f"movdqu {r.randrange(0, 241)}(%ebp), {self.xmm()}")
            elif c == 2:
                self.w(f"movd {self.reg(32)}, {self.xmm()}")
            elif c == 3:
                self.w(f"movd {self.xmm()}, {self.reg(32)}")
            elif c == 4:
                self.w(f"movq {self.mem(64)}, {self.xmm()}")
            elif c == 5:
                self.w(f"{r.choice(['movss', 'movsd', 'movlps', 'movhps', 'movlpd', 'movhpd'])} {self.mem(64)}, {self.xmm()}")
            elif c == 6:
                self.w(f"{r.choice(['movss', 'movsd', 'movhlps', 'movlhps', 'movq', 'movaps'])} {self.xmm()}, {self.xmm()}")
            elif not self.x87:
                self.w(f"movq2dq %mm{r.randrange(8)}, {self.xmm()}")
        elif k == 9:  # to and from general registers
            c = r.randrange(5)
            if c == 0:
                self.w(f"pmovmskb {self.xmm()}, {self.reg(32)}")
            elif c == 1:
                self.w(f"{r.choice(['movmskps', 'movmskpd'])} {self.xmm()}, {self.reg(32)}")
            elif c == 2:
                self.w(f"pextrw ${r.randrange(8)}, {self.xmm()}, {self.reg(32)}")
            elif c == 3:
                self.w(f"pinsrw ${r.randrange(8)}, {self.reg(32)}, {self.xmm()}")
            else:
                op = r.choice(["cvtss2si", "cvttss2si", "cvtsd2si", "cvttsd2si"])
                self.w(f"{op} {self.xmm()}, {self.reg(32)}")
        elif k == 10:  # int -> float
            self.w(f"{r.choice(['cvtsi2ss', 'cvtsi2sd'])} {self.reg(32)}, {self.xmm()}")
        else:  # compares into EFLAGS
            op = r.choice(["comiss", "ucomiss", "comisd", "ucomisd"])
            self.w(f"{op} {self.xmm()}, {self.xmm()}")
            self.sets(ALL)

    def x87_insn(self):
        """One x87 instruction; the stack depth is tracked so that pushes
        never overflow and operands exist (stack faults are not tested)."""
        r = self.r
        d = self.depth
        c = r.randrange(10)
        if d == 0 or (d < 6 and c <= 1):  # loads
            k = r.randrange(4)
            if k == 0:
                self.w(r.choice(["fld1", "fldz", "fldpi", "fldl2e", "fldln2", "fldl2t", "fldlg2"]))
            elif k == 1:
                self.w(f"{r.choice(['flds', 'fldl'])} {self.mem(64)}")
            elif k == 2:
                self.w(f"{r.choice(['filds', 'fildl', 'fildll'])} {self.mem(64)}")
            elif d >= 1:
                self.w(f"fld %st({r.randrange(d)})")
            else:
                self.w("fld1")
            self.depth += 1
        elif c == 2 and d >= 2:  # binary, popping
            self.w(f"{r.choice(['faddp', 'fsubp', 'fmulp', 'fdivp', 'fsubrp', 'fdivrp'])} %st, %st({r.randrange(1, d)})")
            self.depth -= 1
        elif c == 3 and d >= 2:  # binary, in place
            i = r.randrange(1, d)
            op = r.choice(["fadd", "fsub", "fmul", "fdiv", "fsubr", "fdivr"])
            self.w(f"{op} %st({i}), %st" if r.random() < 0.5 else f"{op} %st, %st({i})")
        elif c == 4:  # binary with memory
            self.w(f"{r.choice(['fadd', 'fsub', 'fmul', 'fdiv', 'fsubr', 'fdivr'])}{r.choice(['s', 'l'])} {self.mem(64)}")
        elif c == 5:  # unary
            op = r.choice(["fsqrt", "fabs", "fchs", "frndint", "fsin", "fcos", "f2xm1", "fxam", "ftst",
                           "fptan", "fxtract", "fsincos", "fprem", "fprem1", "fscale", "fpatan",
                           "fyl2x", "fyl2xp1", "fxch"])
            if op in ("fptan", "fxtract", "fsincos") and d >= 7:
                op = "fsqrt"
            if op in ("fprem", "fprem1", "fscale", "fpatan", "fyl2x", "fyl2xp1", "fxch") and d < 2:
                op = "fabs"
            self.w(op)
            if op in ("fptan", "fxtract", "fsincos"):
                self.depth += 1
            elif op in ("fpatan", "fyl2x", "fyl2xp1"):
                self.depth -= 1
        elif c == 6 and d >= 2:  # compares
            op = r.choice(["fcomi", "fucomi", "fcom", "fucom", "fcomip", "fucomip"])
            self.w(f"{op} %st({r.randrange(1, d)}), %st" if "i" in op[-2:] else f"{op} %st({r.randrange(1, d)})")
            if "comi" in op:
                self.sets(ALL)
            if op.endswith("p"):
                self.depth -= 1
        elif c == 7:  # stores
            op = r.choice(["fsts", "fstl", "fstps", "fstpl", "fistl", "fistpl", "fistps", "fistpll", "fisttpl"])
            self.w(f"{op} {self.mem(64)}")
            if "p" in op[2:]:
                self.depth -= 1
        elif c == 8:  # control word: rounding and precision
            cw = 0x37F & ~0xF00 | r.randrange(4) << 10 | r.choice([0, 2, 3]) << 8
            self.w(f"movw ${cw}, 254(%ebp)")
            self.w("fldcw 254(%ebp)")
        else:
            self.w("fnstsw %ax")

    def insn(self):
        r = self.r
        if self.x87 and r.random() < 0.25:
            self.x87_insn()
            return
        if self.sse and r.random() < 0.3:
            self.sse_insn()
            return
        k = r.randrange(22)
        sz = self.size()
        s = self.sfx(sz)
        if k <= 3:  # ALU
            op = r.choice(["add", "or", "adc", "sbb", "and", "sub", "xor", "cmp", "test"])
            src, dst = self.operand_pair(sz)
            if op in ("adc", "sbb"):
                self.need(CF)
            lock = "lock " if dst.endswith("(%ebp)") and op not in ("cmp", "test") and r.random() < 0.3 else ""
            self.w(f"{lock}{op}{s} {src}, {dst}")
            self.sets(ALL, AF if op in ("or", "and", "xor", "test") else 0)
        elif k == 4:
            op = r.choice(["inc", "dec", "neg", "not"])
            dst = r.choice([self.reg(sz), self.mem(sz)])
            lock = "lock " if dst.endswith("(%ebp)") and r.random() < 0.3 else ""
            self.w(f"{lock}{op}{s} {dst}")
            if op == "neg":
                self.sets(ALL)
            elif op != "not":
                self.sets(ALL & ~CF)
        elif k <= 7:  # shifts and rotates
            op = r.choice(["shl", "shr", "sar", "rol", "ror", "rcl", "rcr"])
            dst = r.choice([self.reg(sz), self.reg(sz), self.mem(sz)])
            form = r.randrange(3)
            if op in ("rcl", "rcr"):
                self.need(CF)
            if form == 0:
                cnt = 1
                self.w(f"{op}{s} {dst}")
            elif form == 1:
                cnt = r.choice([0, 1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, r.randrange(256)])
                self.w(f"{op}{s} ${cnt}, {dst}")
            else:
                if "c" in dst[1:3] and dst.startswith("%"):
                    dst = "%" + {8: "bl", 16: "bx", 32: "ebx"}[sz]
                cnt = r.choice([0, 1, 5, 8, 16, 31, 32, 40])
                self.w(f"movb ${cnt}, %cl")
                self.w(f"{op}{s} %cl, {dst}")
            c = cnt & 31
            if c == 0:
                pass
            elif op in ("rol", "ror", "rcl", "rcr"):
                self.sets(CF | (OF if c == 1 else 0), 0 if c == 1 else OF)
            else:
                und = AF | (0 if c == 1 else OF) | (CF if c >= sz else 0)
                self.sets(ALL & ~und, und)
        elif k == 8:  # shld/shrd
            sz = r.choice([16, 32])
            s = self.sfx(sz)
            op = r.choice(["shld", "shrd"])
            dst = r.choice([self.reg(sz), self.mem(sz)])
            src = "%" + {16: "si", 32: "esi"}[sz]
            if r.random() < 0.5:
                cnt = r.randrange(32)
                self.w(f"{op}{s} ${cnt}, {src}, {dst}")
            else:
                cnt = r.choice([0, 1, 4, 15, 16, 17, 31])
                self.w(f"movb ${cnt}, %cl")
                if dst in ("%ecx", "%cx"):
                    dst = "%" + {16: "bx", 32: "ebx"}[sz]
                self.w(f"{op}{s} %cl, {src}, {dst}")
            c = cnt & 31
            if c:
                if sz == 16 and c > 16:
                    # result and flags undefined: overwrite the result
                    self.sets(0, ALL)
                    self.w(f"movw $0x1234, {dst}")
                else:
                    und = AF | (0 if c == 1 else OF)
                    self.sets(ALL & ~und, und)
        elif k == 9:  # multiplies
            f = r.randrange(4)
            if f == 0:
                self.w(f"{r.choice(['mul', 'imul'])}{s} {r.choice([self.reg(sz), self.mem(sz)])}")
            elif f == 1 and sz != 8:
                self.w(f"imul{s} {r.choice([self.reg(sz), self.mem(sz)])}, {self.reg(sz)}")
            elif sz != 8:
                self.w(f"imul{s} {self.imm(sz if f == 2 else 8) if f == 2 else '$' + str(r.randrange(-128, 128))}, "
                       f"{r.choice([self.reg(sz), self.mem(sz)])}, {self.reg(sz)}")
            else:
                self.w(f"mulb {self.reg(8)}")
            self.sets(CF | OF, SF | ZF | AF | PF)
        elif k == 10:  # division that cannot fault: divisor with the top bit set, small high part
            sz = r.choice([8, 16, 32])
            s = self.sfx(sz)
            dv = {8: "%bl", 16: "%bx", 32: "%ebx"}[sz]
            if sz == 8:
                self.w("movb $0, %ah")
                self.w("orb $0x80, %bl")
                self.w("divb %bl")
            else:
                hi = {16: "%dx", 32: "%edx"}[sz]
                self.w(f"xor{s} {hi}, {hi}")
                self.w(f"or{s} $1, {dv}")
                self.w(f"div{s} {dv}")
            self.sets(0, ALL)
        elif k == 11:  # bit tests
            op = r.choice(["bt", "bts", "btr", "btc"])
            sz = r.choice([16, 32])
            s = self.sfx(sz)
            if r.random() < 0.5:
                self.w(f"{op}{s} ${r.randrange(256)}, {r.choice([self.reg(sz), self.mem(sz)])}")
            else:
                self.w(f"{op}{s} {self.reg(sz)}, {self.reg(sz)}")
            self.sets(CF, OF | SF | AF | PF)
        elif k == 12:  # bsf/bsr of a non-zero value
            sz = r.choice([16, 32])
            s = self.sfx(sz)
            src = "%" + {16: "si", 32: "esi"}[sz]
            self.w(f"or{s} ${r.randrange(1, 256)}, {src}")
            self.w(f"{r.choice(['bsf', 'bsr'])}{s} {src}, {self.reg(sz)}")
            self.sets(ZF, ALL & ~ZF)
        elif k == 13:  # setcc / cmovcc
            cc = r.choice(list(CONDS))
            self.need(CONDS[cc])
            if r.random() < 0.5:
                self.w(f"set{cc} {r.choice([self.reg(8), self.mem(8)])}")
            else:
                sz = r.choice([16, 32])
                self.w(f"cmov{cc}{self.sfx(sz)} {r.choice([self.reg(sz), self.mem(sz)])}, {self.reg(sz)}")
        elif k == 14:  # exchanges
            f = r.randrange(3)
            if f == 0:
                self.w(f"xchg{s} {self.reg(sz)}, {r.choice([self.reg(sz), self.mem(sz)])}")
            else:
                op = "xadd" if f == 1 else "cmpxchg"
                dst = r.choice([self.reg(sz), self.mem(sz)])
                lock = "lock " if dst.endswith("(%ebp)") and r.random() < 0.5 else ""
                self.w(f"{lock}{op}{s} {self.reg(sz)}, {dst}")
                self.sets(ALL)
        elif k == 15:
            self.w(f"bswap %{r.choice(REGS32)}")
        elif k == 16:  # extensions and lea
            f = r.randrange(3)
            if f == 0:
                if r.random() < 0.5:
                    self.w(f"movzbl {r.choice([self.reg(8), self.mem(8)])}, %{r.choice(REGS32)}")
                else:
                    self.w(f"movzwl {r.choice([self.reg(16), self.mem(16)])}, %{r.choice(REGS32)}")
            elif f == 1:
                self.w(f"movsbl {r.choice([self.reg(8), self.mem(8)])}, %{r.choice(REGS32)}")
            else:
                self.w(f"leal {r.randrange(-200, 200)}(%{r.choice(REGS32)},%{r.choice(REGS32)},"
                       f"{r.choice([1, 2, 4, 8])}), %{r.choice(REGS32)}")
        elif k == 17:
            self.w(r.choice(["cbw", "cwde", "cwd", "cdq", "cwtl", "cltd"]))
        elif k == 18:
            op = r.choice(["cmc", "clc", "stc"])
            if op == "cmc":
                self.need(CF)
            self.w(op)
            self.sets(CF)
        elif k == 19:
            if r.random() < 0.5:
                self.w("sahf")
                self.sets(SF | ZF | AF | PF | CF)
            else:
                self.need(SF | ZF | AF | PF | CF)
                self.w("lahf")
        elif k == 20:  # 16-bit memory moves and pushes
            self.w(f"mov{s} {self.reg(sz)}, {self.mem(sz)}")
        else:
            self.w(f"mov{s} {self.mem(sz)}, {self.reg(sz)}")


def generate(seed, count, sse=True, x87=False):
    import random
    rng = random.Random(seed * 2 + 7)
    g = GenI386(rng, sse, x87)
    o = g.out
    o.append(f"# generated by tests/difftest/gen.py --seed {seed} --isa i386 --count {count}")
    o.append("\t.text")
    o.append("\t.globl difftest_run")
    o.append("\t.type difftest_run, @function")
    o.append("difftest_run:")
    g.w("pushl %ebp")
    g.w("pushl %ebx")
    g.w("pushl %esi")
    g.w("pushl %edi")
    g.w("movl $scratch, %ebp")
    flags = rng.getrandbits(32) & ALL | 0x202
    g.w(f"pushl ${flags}")
    g.w("popfl")
    for reg in REGS32:
        g.w(f"movl ${g.value()}, %{reg}")
    if x87:
        g.w("fninit")
    if sse:
        for i in range(8):
            g.w(f"movdqu xsrc+{16 * i}, %xmm{i}")
            if not x87:
                g.w(f"movq xsrc+{128 + 8 * i}, %mm{i}")
    for _ in range(count):
        g.insn()
    if sse:
        for i in range(8):
            g.w(f"pxor {16 * i}(%ebp), %xmm{i}")
            g.w(f"movdqu %xmm{i}, {16 * i}(%ebp)")
            if not x87:
                g.w(f"pxor {128 + 8 * i}(%ebp), %mm{i}")
                g.w(f"movq %mm{i}, {128 + 8 * i}(%ebp)")
        if not x87:
            g.w("emms")
    if x87:
        # The x87 state into scratch[128..]: status word, then the stack
        # (80 bits each), popped.
        g.w("fnstsw 128(%ebp)")
        for i in range(g.depth):
            g.w(f"fstpt {130 + 10 * i}(%ebp)")
    g.w("pushfl")
    g.w("pushl %eax")
    g.w("movl 28(%esp), %eax")  # out (4 saved registers, flags, eax, return address)
    for i, reg in enumerate(REGS32[1:], 1):
        g.w(f"movl %{reg}, {4 * i}(%eax)")
    g.w("popl %ecx")
    g.w("movl %ecx, 0(%eax)")
    g.w("popl %ecx")
    g.w(f"andl ${ALL & ~g.undef}, %ecx")
    g.w("movl %ecx, 24(%eax)")
    g.w(f"movl ${ALL & ~g.undef}, 28(%eax)")
    g.w("popl %edi")
    g.w("popl %esi")
    g.w("popl %ebx")
    g.w("popl %ebp")
    g.w("ret")
    o.append("\t.data")
    o.append("\t.balign 16")
    o.append("\t.globl scratch")
    o.append("scratch:")
    for _ in range(64):
        o.append(f"\t.long {rng.getrandbits(32):#010x}")
    if sse:
        # xmm/mm start values: random words, a third special floats.
        o.append("xsrc:")
        for _ in range(48):
            c = rng.random()
            if c < 0.33:
                o.append(f"\t.long {rng.choice(F32_SPECIAL):#010x}")
            else:
                o.append(f"\t.long {rng.getrandbits(32):#010x}")
    o.append('\t.section .note.GNU-stack,"",@progbits')
    return "\n".join(o)
