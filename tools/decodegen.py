#!/usr/bin/env python3
"""decodegen: turn an instruction pattern file (target-*/*.decode) into a C
decision tree that calls trans_NAME(ctx, &args) for the matching pattern.

Usage: tools/decodegen.py INPUT.decode OUTPUT.c.inc

The pattern language (one statement per line, '#' starts a comment, a
trailing backslash continues a line):

  width 16 | 32 | 16+16
      Instruction width.  16+16 is the Thumb-2 form: the two halfwords
      combined as hw1 << 16 | hw2; a '|' in the bit strings may mark the
      halfword boundary.
  decoder NAME
      The generated entry point: static bool NAME(CTX *ctx, uint32_t insn).
  context TYPE
      The first parameter type of the trans functions (default DisasContext).
  extern
      trans_* functions are declared without 'static' (for trans functions
      shared between decoders that live in different C files).  A file that
      defines them may include the output with DECODE_DECLS_ONLY defined, for
      the argument sets and prototypes without the decoder itself.

  field NAME SEGMENT... [signed] [via FUNC]
      SEGMENT is [HI:LO] or [BIT]; several segments are concatenated, the
      first one most significant.  'signed' sign-extends the concatenation;
      'via FUNC' then passes the value through int FUNC(CTX *ctx, int v).
  args NAME MEMBER...
      An argument set: typedef struct { int MEMBER; ... } arg_NAME.
  format NAME ARGS ASSIGN...
      A reusable binding: argument set ARGS, members assigned as below.
  ASSIGN is MEMBER=FIELD, MEMBER=SEGMENT... (an anonymous unsigned field),
      MEMBER=NUMBER (a constant), or a bare NAME (member NAME = field NAME).

  NAME BITS... [:FORMAT | :ARGS] [ASSIGN...]
      A pattern.  BITS are strings of 0, 1 and '-' (don't care), spaces and
      '|' ignored, WIDTH characters in all, most significant bit first.
      With :FORMAT the format's assignments apply (a pattern's own
      assignments override them); with :ARGS (an argument set) or with no
      argument set at all (the empty set) only its own.  The same NAME may
      appear several times if it always uses the same argument set.
  group {  ...  }
      Overlapping alternatives, tried in order: the first whose bits match
      and whose trans function returns true wins.  Groups nest.  Outside a
      group, two patterns that can match the same word are an error.

trans_NAME returns false for an UNDEFINED encoding; the decoder returns
false when no pattern matches or the trans function returned false.
"""
import re
import sys


class DecodeError(Exception):
    pass


class Field:
    def __init__(self, name, segs, signed=False, via=None):
        self.name, self.segs, self.signed, self.via = name, segs, signed, via

    def width(self):
        return sum(n for _, n in self.segs)

    def expr(self, var="insn"):
        parts, shift = [], 0
        for pos, n in reversed(self.segs):
            mask = (1 << n) - 1
            e = f"(({var} >> {pos}) & 0x{mask:x})" if pos else f"({var} & 0x{mask:x})"
            parts.append(f"({e} << {shift})" if shift else e)
            shift += n
        e = " | ".join(reversed(parts)) or "0"
        if self.signed:
            w = self.width()
            e = f"decode_sext({e}, {w})"
        else:
            e = f"(int)({e})"
        if self.via:
            e = f"{self.via}(ctx, {e})"
        return e


class Pattern:
    def __init__(self, name, mask, value, args, assigns, line):
        self.name, self.mask, self.value = name, mask, value
        self.args, self.assigns, self.line = args, assigns, line


class Group:
    def __init__(self, members, line):
        self.members, self.line = members, line
        self.mask = ~0
        for m in members:
            self.mask &= m.mask
        # Bits fixed in every member with the same value.
        v0 = members[0].value if members else 0
        for m in members:
            self.mask &= ~(m.value ^ v0)
        self.value = v0 & self.mask
        self.name = "group@%d" % line

    def patterns(self):
        for m in self.members:
            if isinstance(m, Group):
                yield from m.patterns()
            else:
                yield m


SEG_RE = re.compile(r"\[(\d+)(?::(\d+))?\]")
BITS_RE = re.compile(r"^[01\-|]+$")
IDENT_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def parse_segs(text, width, line):
    pos, segs = 0, []
    while pos < len(text):
        m = SEG_RE.match(text, pos)
        if not m:
            raise DecodeError(f"line {line}: bad bit segment '{text}'")
        hi = int(m.group(1))
        lo = int(m.group(2)) if m.group(2) is not None else hi
        if hi < lo or hi >= width:
            raise DecodeError(f"line {line}: bad bit range [{hi}:{lo}]")
        segs.append((lo, hi - lo + 1))
        pos = m.end()
    return segs


class Parser:
    def __init__(self, text, filename="<input>"):
        self.filename = filename
        self.width = 32
        self.halfwords = False
        self.decoder = None
        self.context = "DisasContext"
        self.extern = False
        self.fields = {}
        self.argsets = {}
        self.formats = {}
        self.trans_args = {}  # trans name -> argset name
        self.top = []
        self.parse(text)

    def err(self, line, msg):
        raise DecodeError(f"{self.filename}:{line}: {msg}")

    def lines(self, text):
        buf, start = "", 0
        for n, raw in enumerate(text.split("\n"), 1):
            s = raw.split("#", 1)[0].rstrip()
            if not buf:
                start = n
            if s.endswith("\\"):
                buf += s[:-1] + " "
                continue
            buf += s
            if buf.strip():
                yield start, buf.split()
            buf = ""

    def parse(self, text):
        stack = [self.top]
        for line, toks in self.lines(text):
            kw = toks[0]
            if kw == "}":
                if len(stack) == 1 or len(toks) != 1:
                    self.err(line, "unbalanced '}'")
                members = stack.pop()
                if len(members) < 2:
                    self.err(line, "a group needs at least two members")
                stack[-1].append(Group(members, line))
            elif kw == "group":
                if toks[1:] != ["{"]:
                    self.err(line, "expected 'group {'")
                stack.append([])
            elif kw == "width":
                if len(toks) != 2 or toks[1] not in ("16", "32", "16+16"):
                    self.err(line, "width must be 16, 32 or 16+16")
                self.halfwords = toks[1] == "16+16"
                self.width = 16 if toks[1] == "16" else 32
            elif kw == "include":
                import os
                path = os.path.join(os.path.dirname(self.filename), toks[1])
                with open(path) as f:
                    sub = Parser.__new__(Parser)
                    sub.__dict__.update(self.__dict__)
                    sub.filename, sub.top = path, []
                    sub.parse_defs(f.read())
            elif kw == "decoder":
                self.decoder = toks[1]
            elif kw == "context":
                self.context = " ".join(toks[1:])
            elif kw == "extern":
                self.extern = True
            elif kw == "field":
                self.parse_field(line, toks)
            elif kw == "args":
                if len(toks) < 2 or toks[1] in self.argsets:
                    self.err(line, "bad or duplicate argument set")
                self.argsets[toks[1]] = toks[2:]
            elif kw == "format":
                if len(toks) < 3 or toks[2] not in self.argsets:
                    self.err(line, "format needs a known argument set")
                self.formats[toks[1]] = (toks[2], self.parse_assigns(line, toks[3:]))
            else:
                stack[-1].append(self.parse_pattern(line, toks))
        if len(stack) != 1:
            self.err(line, "unclosed group")
        if not self.decoder:
            raise DecodeError(f"{self.filename}: no 'decoder NAME' line")

    def parse_defs(self, text):
        """An included file: definitions only (fields, args, formats)."""
        for line, toks in self.lines(text):
            if toks[0] == "field":
                self.parse_field(line, toks)
            elif toks[0] == "args":
                self.argsets[toks[1]] = toks[2:]
            elif toks[0] == "format":
                self.formats[toks[1]] = (toks[2], self.parse_assigns(line, toks[3:]))
            else:
                self.err(line, "only field, args and format lines may be included")

    def parse_field(self, line, toks):
        if len(toks) < 3 or not IDENT_RE.match(toks[1]) or toks[1] in self.fields:
            self.err(line, "field NAME SEGMENTS [signed] [via FUNC]")
        name, rest = toks[1], toks[2:]
        signed, via, segtext = False, None, ""
        i = 0
        while i < len(rest):
            t = rest[i]
            if t == "signed":
                signed = True
            elif t == "via":
                i += 1
                if i >= len(rest):
                    self.err(line, "via needs a function name")
                via = rest[i]
            else:
                segtext += t
            i += 1
        segs = parse_segs(segtext, self.width, line)
        if not segs and not via:
            self.err(line, f"field {name} has no bits")
        self.fields[name] = Field(name, segs, signed, via)

    def parse_assigns(self, line, toks):
        out = {}
        for t in toks:
            if "=" in t:
                member, val = t.split("=", 1)
            else:
                member, val = t, t
            if re.match(r"^-?(0x[0-9a-fA-F]+|\d+)$", val):
                out[member] = int(val, 0)
            elif val.startswith("["):
                out[member] = Field(None, parse_segs(val, self.width, line))
            elif val in self.fields:
                out[member] = self.fields[val]
            else:
                self.err(line, f"unknown field '{val}'")
        return out

    def parse_pattern(self, line, toks):
        name = toks[0]
        if not IDENT_RE.match(name):
            self.err(line, f"bad pattern name '{name}'")
        bits, i = "", 1
        while i < len(toks) and BITS_RE.match(toks[i]):
            bits += toks[i]
            i += 1
        if self.halfwords and "|" in bits and bits.index("|") != 16:
            self.err(line, "'|' must separate the two halfwords")
        bits = bits.replace("|", "")
        if len(bits) != self.width:
            self.err(line, f"{name}: {len(bits)} bits, expected {self.width}")
        mask = value = 0
        for c in bits:
            mask <<= 1
            value <<= 1
            if c != "-":
                mask |= 1
                value |= c == "1"
        args, assigns = None, {}
        rest = toks[i:]
        if rest and rest[0].startswith(":"):
            ref = rest[0][1:]
            if ref in self.formats:
                args, fa = self.formats[ref]
                assigns.update(fa)
            elif ref in self.argsets:
                args = ref
            else:
                self.err(line, f"unknown format or argument set '{ref}'")
            rest = rest[1:]
        assigns.update(self.parse_assigns(line, rest))
        if args is None:
            args = "empty"
            self.argsets.setdefault("empty", [])
        members = self.argsets[args]
        for m in assigns:
            if m not in members:
                self.err(line, f"{name}: '{m}' is not a member of arg_{args}")
        for m in members:
            if m not in assigns:
                self.err(line, f"{name}: member '{m}' of arg_{args} is not assigned")
        prev = self.trans_args.setdefault(name, args)
        if prev != args:
            self.err(line, f"{name}: used with arg_{prev} and arg_{args}")
        return Pattern(name, mask, value, args, assigns, line)


def overlap(a, b):
    return ((a.value ^ b.value) & a.mask & b.mask) == 0


def check_overlaps(items, filename):
    """Two items of one level (outside a group) must not match the same word."""
    for i, a in enumerate(items):
        for b in items[i + 1:]:
            if overlap(a, b):
                raise DecodeError(
                    f"{filename}:{b.line}: {b.name} overlaps {a.name} (line {a.line}); "
                    "put them in a group if the overlap is intended")


def runs(mask):
    """Contiguous runs of set bits in mask: [(lo, len)], most significant first."""
    out, b = [], 0
    while mask >> b:
        if (mask >> b) & 1:
            lo = b
            while (mask >> b) & 1:
                b += 1
            out.append((lo, b - lo))
        else:
            b += 1
    return list(reversed(out))


def compact(value, rs):
    """The bits of value under the runs rs, packed together."""
    r = 0
    for lo, n in rs:
        r = (r << n) | ((value >> lo) & ((1 << n) - 1))
    return r


def compact_expr(rs):
    parts, shift = [], 0
    for lo, n in reversed(rs):
        m = (1 << n) - 1
        e = f"((insn >> {lo}) & 0x{m:x})" if lo else f"(insn & 0x{m:x})"
        parts.append(f"({e} << {shift})" if shift else e)
        shift += n
    return " | ".join(reversed(parts))


class Emitter:
    def __init__(self, p):
        self.p = p
        self.out = []
        self.full = (1 << p.width) - 1

    def w(self, depth, s):
        self.out.append("    " * depth + s)

    def emit_call(self, depth, pat, known, in_group):
        """Test the bits of pat not yet known, fill its args and call it."""
        rem = pat.mask & ~known & self.full
        members = self.p.argsets[pat.args]
        d = depth
        if rem:
            self.w(d, f"if ((insn & 0x{rem:08x}) == 0x{pat.value & rem:08x}) {{")
            d += 1
        elif members and in_group:
            self.w(d, "{")
            d += 1
        if members:
            self.w(d, f"arg_{pat.args} a;")
            for m in members:
                f = pat.assigns[m]
                self.w(d, f"a.{m} = {f.expr() if isinstance(f, Field) else str(f)};")
            call = f"trans_{pat.name}(ctx, &a)"
        else:
            call = f"trans_{pat.name}(ctx, NULL)"
        if in_group:
            self.w(d, f"if ({call}) {{")
            self.w(d + 1, "return true;")
            self.w(d, "}")
        else:
            self.w(d, f"return {call};")
        if rem or (members and in_group):
            self.w(depth, "}")
        return bool(rem)

    def emit_group(self, depth, grp, known):
        """Members in order; a member that matches but returns false falls
        through to the next one."""
        rem = grp.mask & ~known & self.full
        d = depth
        if rem:
            self.w(d, f"if ((insn & 0x{rem:08x}) == 0x{grp.value & rem:08x}) {{")
            d += 1
        k = known | grp.mask
        for m in grp.members:
            if isinstance(m, Group):
                self.emit_group(d, m, k)
            else:
                self.emit_call(d, m, k, True)
        if rem:
            self.w(depth, "}")

    def tree(self, depth, items, known):
        """Emit code that returns for every word; known = bits tested on the way."""
        if not items:
            self.w(depth, "return false;")
            return
        if len(items) == 1:
            it = items[0]
            if isinstance(it, Group):
                self.emit_group(depth, it, known)
                self.w(depth, "return false;")
            elif self.emit_call(depth, it, known, False):
                self.w(depth, "return false;")
            return
        common = self.full & ~known
        for it in items:
            common &= it.mask
        disc = 0
        for it in items[1:]:
            disc |= (it.value ^ items[0].value) & common
        if disc:
            rs = runs(disc)
            cases = {}
            for it in items:
                cases.setdefault(compact(it.value, rs), []).append(it)
            self.w(depth, f"switch ({compact_expr(rs)}) {{")
            for v in sorted(cases):
                self.w(depth, f"case 0x{v:x}: {{")
                self.tree(depth + 1, cases[v], known | disc)
                self.w(depth, "}")
            self.w(depth, "default:")
            self.w(depth + 1, "return false;")
            self.w(depth, "}")
            return
        # No bit is fixed in all items: split on the bit fixed in most of
        # them (items that do not care about it go both ways).
        best, best_n = None, 0
        for b in range(self.p.width - 1, -1, -1):
            bit = 1 << b
            if known & bit:
                continue
            fixed = [it for it in items if it.mask & bit]
            vals = {bool(it.value & bit) for it in fixed}
            if len(vals) == 2 and len(fixed) > best_n:
                best, best_n = bit, len(fixed)
        if best is None:
            names = ", ".join(it.name for it in items)
            raise DecodeError(f"{self.p.filename}: cannot separate {names}")
        ones = [it for it in items if not (it.mask & best) or it.value & best]
        zeros = [it for it in items if not (it.mask & best) or not it.value & best]
        self.w(depth, f"if (insn & 0x{best:08x}) {{")
        self.tree(depth + 1, ones, known | best)
        self.w(depth, "} else {")
        self.tree(depth + 1, zeros, known | best)
        self.w(depth, "}")

    def generate(self, srcname):
        p = self.p
        check_overlaps(p.top, p.filename)
        self.out = [
            f"/* Generated by tools/decodegen.py from {srcname}: do not edit.",
            "   Regenerate with 'make regen'. */",
            "",
            "#ifndef DECODE_SEXT_DEFINED",
            "#define DECODE_SEXT_DEFINED",
            "static inline int decode_sext(uint32_t v, int width)",
            "{",
            "    return (int)(v << (32 - width)) >> (32 - width);",
            "}",
            "#endif",
            "",
        ]
        used = sorted({a for a in p.trans_args.values()})
        for a in used:
            members = p.argsets[a]
            self.out.append(f"#ifndef DECODE_ARG_{a}")
            self.out.append(f"#define DECODE_ARG_{a}")
            if members:
                self.out.append("typedef struct {")
                self.out.append("    int " + ", ".join(members) + ";")
                self.out.append(f"}} arg_{a};")
            else:
                self.out.append(f"typedef struct arg_{a} arg_{a};")
            self.out.append("#endif")
        self.out.append("")
        link = "" if p.extern else "static "
        for name, a in p.trans_args.items():
            self.out.append(f"{link}bool trans_{name}({p.context} *ctx, arg_{a} *a);")
        self.out.append("")
        form = "(hw1 << 16 | hw2)" if p.halfwords else f"({p.width}-bit)"
        self.out.append("#ifndef DECODE_DECLS_ONLY")
        self.out.append(f"/* insn: the instruction word {form}. */")
        self.out.append(f"static bool {p.decoder}({p.context} *ctx, uint32_t insn)")
        self.out.append("{")
        self.tree(1, p.top, 0)
        self.out.append("}")
        self.out.append("#endif")
        return "\n".join(self.out) + "\n"


def generate(text, filename="<input>"):
    return Emitter(Parser(text, filename)).generate(filename)


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: decodegen.py INPUT.decode OUTPUT.c.inc\n")
        return 2
    try:
        with open(argv[1]) as f:
            text = generate(f.read(), argv[1])
    except DecodeError as e:
        sys.stderr.write(f"decodegen: {e}\n")
        return 1
    with open(argv[2], "w") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
