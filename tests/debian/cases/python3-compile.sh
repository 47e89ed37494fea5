# python3 compiling the standard library's own sources (those of the armhf
# package, for both runs) to code objects: the parser, compiler and marshal
# exercise a great deal of the interpreter; the digest must match.
# host: python3.11
cat >t.py <<'PY'
import glob, hashlib, marshal, sys, ast
files = sorted(glob.glob(sys.argv[1] + "/usr/lib/python3.11/*.py"))[:120]
h = hashlib.sha256(); nodes = 0
for f in files:
    src = open(f, encoding="utf-8").read()
    h.update(marshal.dumps(compile(src, f.rsplit("/", 1)[1], "exec")))
    nodes += sum(1 for _ in ast.walk(ast.parse(src)))
print(len(files), nodes, h.hexdigest())
PY
g python3.11 t.py "$SYSROOT"
echo status $?
