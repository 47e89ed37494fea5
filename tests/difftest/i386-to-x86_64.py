"""The real-CPU oracle for the i386 random programs on a host that cannot
run 32-bit code: a gen_i386.py program turned into x86-64 code with the
same body.  Every instruction the generator emits (32/16/8-bit integer
operations on eax..edi, ebp-relative scratch operands, MMX, SSE) means the
same in 64-bit mode (ebp addressing gets an address-size prefix; the
static, non-PIE scratch buffer lies below 4 GiB); only the prologue and
epilogue (pushl/popfl, the out pointer on the stack) are rewritten.  Link
with harness-i386.c for the same output format:

  python3 tests/difftest/i386-to-x86_64.py p.S p64.S
  gcc -no-pie -static p64.S tests/difftest/harness-i386.c -o p64
"""
import sys
src = open(sys.argv[1]).read().split("\n")
out = []
i = 0
# prologue
body_start = next(k for k, l in enumerate(src) if l.strip() == "popfl") + 1
flags = next(l for l in src if l.strip().startswith("pushl $")).split("$")[1]
ep = next(k for k, l in enumerate(src) if l.strip() == "pushfl")
mask = next(l for l in src[ep:] if "28(%eax)" in l and "$" in l).split("$")[1].split(",")[0]
out += src[:src.index("difftest_run:") + 1]
out += ["\tpushq %rbp", "\tpushq %rbx", "\tpushq %r12", "\tmovq %rdi, %r12", "\tmovl $scratch, %ebp",
        f"\tpushq ${flags}", "\tpopfq"]
out += src[body_start:ep]
out += ["\tpushfq", "\tpopq %r8"]
for k, r in enumerate(["eax", "ebx", "ecx", "edx", "esi", "edi"]):
    out.append(f"\tmovl %{r}, {4 * k}(%r12)")
out += [f"\tandl ${mask}, %r8d", "\tmovl %r8d, 24(%r12)", f"\tmovl ${mask}, 28(%r12)",
        "\tpopq %r12", "\tpopq %rbx", "\tpopq %rbp", "\tret"]
ret = next(k for k, l in enumerate(src) if l.strip() == "ret")
out += src[ret + 1:]
open(sys.argv[2], "w").write("\n".join(out))
