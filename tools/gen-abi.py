#!/usr/bin/env python3
"""Generate the guest ABI data of syscall-tables/ from the cross compilers.

    tools/gen-abi.py [--out DIR] [--check] [TARGET...]

For every target (arm, i386, ppc, sparc, host) this compiles probe files with
that target's C compiler to assembly and reads the values the compiler emits,
the way Linux's asm-offsets works: each probe is an asm statement whose "i"
operands are offsetof/sizeof/_Alignof/constant expressions, printed into an
`.ascii "@@..."` line that we parse back.  Nothing is computed by hand, so the
data is the kernel headers' own view (linux-libc-dev-<arch>-cross), as the
compiler for that target lays it out.

Outputs (committed, never edited by hand):
    syscall-tables/abi-<target>.c      const GuestAbi abi_<target>
    syscall-tables/<target>-syscalls.c const SyscallTable <target>_syscalls
                                       (not for host)

The list of what is probed is syscall-tables/abi.def (see the comment at its
top).  A struct, field or constant that a target does not have is not an
error: the compiler's error messages name the probe lines that failed, those
probes are dropped and the file is compiled again.  Dropped items are emitted
as "absent" (size 0 / ABI_UNDEF).

--check: generate into a temporary directory and compare with the committed
files; exit 1 on any difference.  A target whose compiler is missing is
skipped with a "SKIP" line (exit 0 if nothing else differs).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLES = os.path.join(ROOT, "syscall-tables")

# name -> (compiler command, description used in the generated header)
TARGETS = {
    "arm": ["arm-linux-gnueabihf-gcc"],
    "i386": ["i686-linux-gnu-gcc"],
    "ppc": ["powerpc-linux-gnu-gcc"],
    # 32-bit SPARC: V8 and sparc32plus (V8+) share this ABI.
    "sparc": ["sparc64-linux-gnu-gcc", "-m32"],
    # The host mimic runs on (x86-64), with the host's own kernel headers.
    "host": ["gcc"],
}
SYSCALL_TARGETS = ["arm", "i386", "ppc", "sparc"]


# ---------------------------------------------------------------- abi.def

class Def:
    def __init__(self):
        self.structs = []  # (name, ctype, header)
        self.fields = []  # (struct, name, member expression)
        self.consts = []  # (name, header, group or None, mask or None)
        self.groups = []  # (group, kind)


def parse_def(path):
    d = Def()
    struct_of = {}
    groups = {}
    text = open(path).read()
    # Strip C comments.
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = re.match(r"(\w+)\((.*)\)$", line)
        if not m:
            raise SystemExit(f"abi.def:{lineno}: cannot parse: {line}")
        kind, args = m.group(1), m.group(2)
        # Split on the first commas only: FIELDX's expression may hold commas
        # inside brackets (it does not today).
        parts = [a.strip() for a in args.split(",")]

        def unq(s):
            if not (s.startswith('"') and s.endswith('"')):
                raise SystemExit(f"abi.def:{lineno}: expected a string: {s}")
            return s[1:-1]

        if kind == "ABI_STRUCT":
            name, ctype, hdr = parts[0], unq(parts[1]), unq(parts[2])
            d.structs.append((name, ctype, hdr))
            struct_of[name] = (ctype, hdr)
        elif kind == "ABI_FIELD":
            s, f = parts
            if s not in struct_of:
                raise SystemExit(f"abi.def:{lineno}: field of unknown struct {s}")
            d.fields.append((s, f, f))
        elif kind == "ABI_FIELDX":
            s, f = parts[0], parts[1]
            expr = ",".join(parts[2:]).strip()
            if s not in struct_of:
                raise SystemExit(f"abi.def:{lineno}: field of unknown struct {s}")
            d.fields.append((s, f, expr))
        elif kind == "ABI_CONST":
            d.consts.append((parts[0], unq(parts[1]), None, None))
        elif kind == "ABI_GROUP":
            g, k = parts
            if g in groups or k not in ("VALUES", "FLAGS"):
                raise SystemExit(f"abi.def:{lineno}: bad or repeated group {g}")
            groups[g] = k
            d.groups.append((g, k))
        elif kind in ("ABI_FLAG", "ABI_ENUM", "ABI_MFLAG"):
            g, name = parts[0], parts[1]
            mask = parts[2] if kind == "ABI_MFLAG" else None
            hdr = unq(parts[-1])
            want = "VALUES" if kind == "ABI_ENUM" else "FLAGS"
            if groups.get(g) != want:
                raise SystemExit(f"abi.def:{lineno}: {name}: group {g} is not an ABI_GROUP"
                                 f" of {want} declared before it")
            if mask and mask not in [c[0] for c in d.consts]:
                raise SystemExit(f"abi.def:{lineno}: mask {mask} is not a constant listed before")
            d.consts.append((name, hdr, g, mask))
        else:
            raise SystemExit(f"abi.def:{lineno}: unknown entry {kind}")
    names = [c[0] for c in d.consts]
    dup = {n for n in names if names.count(n) > 1}
    if dup:
        raise SystemExit(f"abi.def: constants listed twice: {sorted(dup)}")
    d.struct_of = struct_of
    return d


# ---------------------------------------------------------------- probing

def cc_available(cc):
    return shutil.which(cc[0]) is not None


PROBE_RE = re.compile(r'@@(\w) (\d+) ?([-\d$# ]*)')


def is_kernel_header(h):
    """Kernel uapi headers (and our probe header built on them) mix freely;
    libc headers are kept apart from them."""
    return h.startswith(("asm/", "linux/", "abi-kstructs.h")) and h != "linux/if.h"


def run_probes(cc, includes, probes, workdir, tag, strict=False):
    """Compile `probes` (list of (key, C expression list)) after `includes`.

    Returns {key: [ints]} for the probes that compiled; probes whose lines
    the compiler rejects are dropped (and the file recompiled).
    strict: return None if the includes themselves fail or one redefines a
    macro of another (the caller then probes header by header).
    A probe is one asm statement on one line; key is (kind, index).
    """
    alive = list(range(len(probes)))
    src = os.path.join(workdir, f"probe-{tag}.c")
    inc_dir = TABLES
    for _ in range(50):
        lines = ["#include <stddef.h>"]
        for h in includes:
            lines.append(f"#include <{h}>")
        lines.append("void mimic_abi_probe(void);")
        lines.append("void mimic_abi_probe(void) {")
        first = len(lines) + 1
        line_of = {}
        for i in alive:
            (kind, idx), exprs = probes[i]
            ops = " ".join(f"%{n}" for n in range(len(exprs)))
            ins = ", ".join(f'"i"({e})' for e in exprs)
            line_of[len(lines) + 1] = i
            lines.append(f'asm volatile("\\n.ascii \\"@@{kind} {idx} {ops}\\"" :: {ins});')
        lines.append("}")
        with open(src, "w") as f:
            f.write("\n".join(lines) + "\n")
        flags = ["-S", "-O1", "-D_GNU_SOURCE", "-I", inc_dir, "-o", "-", src]
        # Warnings stay on in strict mode: "X redefined" is only a warning.
        r = subprocess.run(cc + (flags if strict else ["-w"] + flags), capture_output=True, text=True)
        if strict and re.search(r"warning: .* redefined", r.stderr):
            return None
        if r.returncode == 0:
            out = {}
            for m in PROBE_RE.finditer(r.stdout):
                vals = [int(v.lstrip("$#")) for v in m.group(3).split()]
                out[(m.group(1), int(m.group(2)))] = vals
            return out
        bad, include_failed = attribute_errors(r.stderr, os.path.basename(src), line_of, first)
        if include_failed and strict:
            return None
        if include_failed:
            # The header itself does not exist or does not compile on this
            # target: everything that needs it is absent.
            if "No such file" not in r.stderr:
                sys.stderr.write(f"gen-abi: {' '.join(cc)}: {includes} failed:\n{r.stderr[:2000]}")
            return {}
        if not bad:
            raise SystemExit(f"gen-abi: {' '.join(cc)}: probe failed without a probe line:\n"
                             + r.stderr[:4000])
        alive = [i for i in alive if i not in bad]
    raise SystemExit("gen-abi: too many compile rounds")


DIAG_RE = re.compile(r"^(.*?):(\d+):(?:\d+:)? (error|warning|note|fatal error): ", re.M)


def attribute_errors(stderr, base, line_of, first):
    """Which probe lines caused the errors in stderr.

    An error located in the probe file names its line.  An error inside a
    header (a macro that expands to something the target lacks) is followed
    by "note: in expansion of macro" diagnostics located at the probe line.
    Returns (set of probe indices, True if an error is in the includes).
    """
    diags = [(m.group(1), int(m.group(2)), m.group(3)) for m in DIAG_RE.finditer(stderr)]
    bad, include_failed = set(), False
    i = 0
    while i < len(diags):
        f, ln, kind = diags[i]
        i += 1
        if kind not in ("error", "fatal error"):
            continue
        lines = [ln] if os.path.basename(f) == base else []
        while i < len(diags) and diags[i][2] == "note":
            if os.path.basename(diags[i][0]) == base:
                lines.append(diags[i][1])
            i += 1
        found = False
        for ln in lines:
            if ln in line_of:
                bad.add(line_of[ln])
                found = True
            elif ln < first:
                include_failed = True
                found = True
        if not found:
            include_failed = True
    return bad, include_failed


def const_exprs(name):
    v = f"((long long)({name}))"
    return [f"(int){v}", f"(int)({v} >> 32)"]


def join64(lo, hi):
    v = ((hi & 0xffffffff) << 32) | (lo & 0xffffffff)
    return v - (1 << 64) if v >= 1 << 63 else v


def probe_target(d, target, workdir):
    cc = TARGETS[target]
    # Group everything by header: one compile per header, so that headers
    # which cannot be included together (kernel uapi vs libc) never meet.
    by_hdr = {}
    for i, (name, ctype, hdr) in enumerate(d.structs):
        by_hdr.setdefault(hdr, []).append((("S", i), [f"sizeof({ctype})", f"__alignof__({ctype})"]))
    sidx = {s[0]: i for i, s in enumerate(d.structs)}
    for i, (s, f, expr) in enumerate(d.fields):
        ctype, hdr = d.struct_of[s]
        mem = f"((({ctype} *)0)->{expr})"
        by_hdr.setdefault(hdr, []).append((("O", i), [f"__builtin_offsetof({ctype}, {expr})"]))
        by_hdr[hdr].append((("Z", i), [f"sizeof {mem}"]))
        by_hdr[hdr].append((("G", i), [f"(__typeof__({mem}))-1 < 0"]))
        by_hdr[hdr].append((("K", i), [f"__builtin_classify_type({mem})"]))
        # Element size of an array member (0 for a pointer; error, i.e.
        # absent, for anything else).
        by_hdr[hdr].append((("A", i), [
            f"__builtin_choose_expr(__builtin_types_compatible_p(__typeof__({mem}), "
            f"__typeof__(&({mem})[0])), 0, sizeof(({mem})[0]))"]))
    for i, (name, hdr, g, mask) in enumerate(d.consts):
        by_hdr.setdefault(hdr, []).append((("C", i), const_exprs(name)))
    res = {}
    # Fast path: the kernel uapi headers together in one file, the libc ones
    # in another (a handful of compiles instead of one per header).  If a
    # merged file does not compile cleanly at the include level, or one
    # header redefines another's macro, fall back to one file per header.
    kernel = {h: p for h, p in by_hdr.items() if all(is_kernel_header(x) for x in h.split())}
    libc = {h: p for h, p in by_hdr.items() if h not in kernel}
    for n, part in enumerate((kernel, libc)):
        includes = []
        for h in sorted(part):
            includes += [x for x in h.split() if x not in includes]
        probes = [p for h in sorted(part) for p in part[h]]
        merged = run_probes(cc, includes, probes, workdir, f"{target}-m{n}", strict=True)
        if merged is not None:
            res.update(merged)
            continue
        for m, (hdr, probes) in enumerate(sorted(part.items())):
            res.update(run_probes(cc, hdr.split(), probes, workdir, f"{target}-{n}-{m}"))
    # Byte order and word size.
    info = run_probes(cc, [], [(("E", 0), ["__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__"]),
                               (("E", 1), ["sizeof(long)"])], workdir, f"{target}-info")
    structs = []
    for i, s in enumerate(d.structs):
        v = res.get(("S", i))
        structs.append(v if v else None)
    fields = []
    for i, (s, f, expr) in enumerate(d.fields):
        off = res.get(("O", i))
        if off is None or structs[sidx[s]] is None:
            fields.append(None)
            continue
        size = res.get(("Z", i), [0])[0]
        sign = res.get(("G", i), [0])[0]
        cls = res.get(("K", i), [1])[0]
        elem = res.get(("A", i), [0])[0]
        # GCC's type classes: 5 pointer (arrays decay to it), 12/13 struct/union.
        if elem:
            kind = "ABI_K_ARRAY"
        elif cls == 5:
            kind = "ABI_K_PTR"
        elif cls in (12, 13):
            kind = "ABI_K_RECORD"
        else:
            kind = "ABI_K_INT"
        fields.append((off[0], size, 1 if sign else 0, kind, elem))
    consts = []
    for i, c in enumerate(d.consts):
        v = res.get(("C", i))
        consts.append(join64(v[0], v[1]) if v else None)
    return {"big_endian": bool(info[("E", 0)][0]), "long": info[("E", 1)][0],
            "structs": structs, "fields": fields, "consts": consts}


def cc_desc(target):
    return " ".join(TARGETS[target])


def emit_abi(d, target, data):
    o = []
    o.append(f"/* Generated by tools/gen-abi.py from syscall-tables/abi.def with\n"
             f"   `{cc_desc(target)}` and its kernel headers: do not edit, regenerate\n"
             f"   (make regen-abi).  Absent structs/fields have size 0, absent\n"
             f"   constants ABI_UNDEF. */")
    o.append('#include "guest-abi.h"')
    o.append("")
    o.append("/* clang-format off */")
    o.append(f"const GuestAbi abi_{target} = {{")
    o.append(f'    .name = "{target}",')
    o.append(f"    .big_endian = {'true' if data['big_endian'] else 'false'},")
    o.append(f"    .long_size = {data['long']},")
    o.append("    .structs = {")
    for (name, _, _), v in zip(d.structs, data["structs"]):
        if v:
            o.append(f"        [GS_{name}] = {{ {v[0]}, {v[1]} }},")
        else:
            o.append(f"        [GS_{name}] = {{ 0, 0 }}, /* absent */")
    o.append("    },")
    o.append("    .fields = {")
    for (s, f, _), v in zip(d.fields, data["fields"]):
        if v:
            o.append(f"        [GF_{s}_{f}] = {{ {v[0]}, {v[1]}, {v[2]}, 1, {v[3]}, {v[4]} }},")
        else:
            o.append(f"        [GF_{s}_{f}] = {{ 0 }}, /* absent */")
    o.append("    },")
    o.append("    .consts = {")
    for (name, _, _, _), v in zip(d.consts, data["consts"]):
        o.append(f"        [GC_{name}] = {'ABI_UNDEF' if v is None else str(v) + 'll'},")
    o.append("    },")
    o.append("};")
    return "\n".join(o) + "\n"


# ---------------------------------------------------------------- syscall numbers

def syscall_names(target, workdir):
    """(number -> name, private base, private number -> name) from __NR_*."""
    cc = TARGETS[target]
    src = os.path.join(workdir, f"nr-{target}.c")
    with open(src, "w") as f:
        f.write("#include <asm/unistd.h>\n")
    r = subprocess.run(cc + ["-E", "-dM", src], capture_output=True, text=True, check=True)
    nr, priv = [], []
    for line in r.stdout.splitlines():
        m = re.match(r"#define __(ARM_)?NR_(\w+) (.*)$", line)
        if not m:
            continue
        name, defn = m.group(2), m.group(3).strip()
        # Aliases (#define __NR_sync_file_range2 __NR_arm_sync_file_range)
        # and bookkeeping names (__NR_SYSCALL_BASE, __NR_syscalls) are skipped.
        if re.fullmatch(r"\(?__(ARM_)?NR_\w+\)?", defn) or name != name.lower() \
                or name == "syscalls":
            continue
        (priv if m.group(1) else nr).append(name)
    probes = [(("N", i), const_exprs(f"__NR_{n}")) for i, n in enumerate(nr)]
    probes += [(("P", i), const_exprs(f"__ARM_NR_{n}")) for i, n in enumerate(priv)]
    if priv:
        probes.append((("B", 0), const_exprs("__ARM_NR_BASE")))
    res = run_probes(cc, ["asm/unistd.h"], probes, workdir, f"nr-{target}")
    table = {}
    for i, n in enumerate(nr):
        v = res.get(("N", i))
        if v is None:
            continue
        v = join64(*v)
        if v in table:
            raise SystemExit(f"gen-abi: {target}: {n} and {table[v]} both number {v}")
        table[v] = n
    ptable, base = {}, 0
    if priv:
        base = join64(*res[("B", 0)])
        for i, n in enumerate(priv):
            v = res.get(("P", i))
            if v is not None and join64(*v) != base:
                ptable[join64(*v) - base] = n
    return table, base, ptable


def emit_syscalls(target, table, base, ptable):
    count = max(table) + 1
    o = []
    o.append(f"/* Generated by tools/gen-abi.py from the __NR_* of <asm/unistd.h> as seen by\n"
             f"   `{cc_desc(target)}`: do not edit, regenerate (make regen-abi).\n"
             f"   {target} syscall number -> kernel name; the hand-written override rows\n"
             f"   are in syscall-tables/{target}-override.c. */")
    o.append('#include "syscall-tables/tables.h"')
    o.append("")
    o.append("/* clang-format off */")
    o.append(f"static const char *const names[{count}] = {{")
    for k in sorted(table):
        o.append(f'    [{k}] = "{table[k]}",')
    o.append("};")
    o.append("")
    if ptable:
        pcount = max(ptable) + 1
        o.append(f"/* Private range: {base:#x} + n. */")
        o.append(f"static const char *const private_names[{pcount}] = {{")
        for k in sorted(ptable):
            o.append(f'    [{k}] = "{ptable[k]}",')
        o.append("};")
        o.append("")
    o.append(f"static int16_t id_cache[{count}];")
    o.append("")
    o.append(f"const SyscallTable {target}_syscalls = {{")
    o.append(f'    .target = "{target}",')
    o.append("    .names = names,")
    o.append(f"    .count = {count},")
    if ptable:
        o.append("    .private_names = private_names,")
        o.append(f"    .private_base = {base:#x},")
        o.append(f"    .private_count = {max(ptable) + 1},")
    o.append(f"    .overrides = {target}_syscall_overrides,")
    o.append("    .id_cache = id_cache,")
    o.append("};")
    return "\n".join(o) + "\n"


# ---------------------------------------------------------------- main

def generate(targets, outdir):
    d = parse_def(os.path.join(TABLES, "abi.def"))
    written, skipped = [], []
    with tempfile.TemporaryDirectory(prefix="gen-abi-") as work:
        for t in targets:
            if not cc_available(TARGETS[t]):
                skipped.append(t)
                continue
            data = probe_target(d, t, work)
            path = os.path.join(outdir, f"abi-{t}.c")
            with open(path, "w") as f:
                f.write(emit_abi(d, t, data))
            written.append(f"abi-{t}.c")
            if t in SYSCALL_TARGETS:
                table, base, ptable = syscall_names(t, work)
                path = os.path.join(outdir, f"{t}-syscalls.c")
                with open(path, "w") as f:
                    f.write(emit_syscalls(t, table, base, ptable))
                written.append(f"{t}-syscalls.c")
    return written, skipped


def main():
    args = sys.argv[1:]
    check = "--check" in args
    outdir = TABLES
    if "--out" in args:
        i = args.index("--out")
        outdir = args[i + 1]
        del args[i:i + 2]
    targets = [a for a in args if not a.startswith("--")] or list(TARGETS)
    for t in targets:
        if t not in TARGETS:
            raise SystemExit(f"gen-abi: unknown target {t}")
    if not check:
        written, skipped = generate(targets, outdir)
        for t in skipped:
            print(f"SKIP gen-abi {t}: {TARGETS[t][0]} not installed")
        print(f"gen-abi: wrote {len(written)} files to {outdir}")
        return 0
    with tempfile.TemporaryDirectory(prefix="gen-abi-check-") as tmp:
        written, skipped = generate(targets, tmp)
        for t in skipped:
            print(f"SKIP gen-abi {t}: {TARGETS[t][0]} not installed")
        bad = 0
        for name in written:
            new = os.path.join(tmp, name)
            old = os.path.join(TABLES, name)
            r = subprocess.run(["diff", "-u", old, new], capture_output=True, text=True)
            if r.returncode != 0:
                bad += 1
                print(f"gen-abi: syscall-tables/{name} differs from what the compiler says:")
                print(r.stdout[:3000])
        if bad:
            print(f"gen-abi: {bad} file(s) out of date: run `make regen-abi` and commit")
            return 1
        print(f"gen-abi: {len(written)} files match the cross compilers")
        return 0


if __name__ == "__main__":
    sys.exit(main())
