# python3 doing real work: PBKDF2, big integers, Decimal pi, floats and
# math functions, sorting seeded random floats, regexes over a big text,
# a JSON round trip of a large document (checks the interpreter's hot loops
# and the C extensions on sizeable data).
# i386-ref: qemu-i386
# host: python3.11
cat >t.py <<'PY'
import hashlib, math, random, re, json, zlib
from decimal import Decimal, getcontext
print(hashlib.pbkdf2_hmac("sha256", b"password", b"salt", 20000).hex())
f = math.factorial(1400); print(len(str(f)), hashlib.sha1(str(f).encode()).hexdigest())
print(pow(7, 2**521 - 1, 2**521 - 1) == 7, (3**1000 // 7**300) % 10**20)
getcontext().prec = 300
def pi():
    getcontext().prec += 2
    three = Decimal(3); lasts, t, s, n, na, d, da = 0, three, 3, 1, 0, 0, 24
    while s != lasts:
        lasts = s; n, na = n + na, na + 8; d, da = d + da, da + 32; t = (t * n) / d; s += t
    getcontext().prec -= 2
    return +s
print(str(pi())[-20:])
acc = 0.0
for i in range(1, 200001):
    x = i * 0.001
    acc += math.sin(x) * math.exp(-x / 100) + math.log1p(x) / math.sqrt(x) - math.atan2(x, 3.0)
print(f"{acc:.9e}", math.fsum([0.1] * 1000), math.hypot(3e200, 4e200), math.gamma(10.5))
random.seed(2024)
v = [random.random() for _ in range(100000)]
v.sort(); print(f"{v[0]:.15f} {v[50000]:.15f} {sum(v):.9f}")
text = " ".join(f"user{i}@host{i % 17}.example.org id={i * 31 % 1000}" for i in range(20000))
print(len(re.findall(r"\bid=(\d{3})\b", text)), len(re.sub(r"host(\d+)", r"H\1", text)), zlib.adler32(text.encode()))
doc = {"items": [{"id": i, "name": f"n{i}", "tags": ["a", "b"][: i % 3], "v": i / 7} for i in range(20000)]}
s = json.dumps(doc); print(len(s), json.loads(s) == doc, hashlib.md5(s.encode()).hexdigest())
PY
g python3.11 t.py
echo status $?
