# python3: json, hashlib, re, struct, decimal, fractions, collections,
# sorting, big integers, float formatting.
# host: python3.11
cat >t.py <<'PY'
import json, hashlib, re, struct, zlib, math, itertools, collections
from decimal import Decimal, getcontext
from fractions import Fraction
d = {"name": "mimic", "list": [1, 2.5, None, True], "nested": {"k": "\u00e9"}}
s = json.dumps(d, sort_keys=True)
print(s, json.loads(s) == d)
print(hashlib.sha256(b"abc" * 1000).hexdigest())
print(hashlib.md5(b"").hexdigest(), hashlib.sha1(b"x").hexdigest()[:12])
print(re.findall(r"(\w+)@(\w+)\.com", "a@b.com, cc@dd.com x@y.org"))
print(re.sub(r"(\d+)", lambda m: str(int(m.group(1)) * 2), "a1 b22 c333"))
print(struct.pack("<IhdQ", 1, -2, 1.5, 2**63).hex(), struct.unpack(">f", b"\x40\x49\x0f\xdb")[0])
print(zlib.crc32(b"hello world"), len(zlib.compress(bytes(range(256)) * 100)))
print(2**200 % 1000003, math.factorial(30), pow(3, 10**5, 10**9 + 7))
getcontext().prec = 40
print(Decimal(2).sqrt(), Fraction(355, 113) - Fraction(22, 7))
print(repr(0.1 + 0.2), f"{math.pi:.12f}", f"{1e-300 * 1e-300}", float("inf"), round(2.675, 2))
c = collections.Counter("the quick brown fox jumps over the lazy dog")
print(sorted(c.most_common(4)))
print(list(itertools.permutations("abc", 2))[:4], sum(i * i for i in range(10**5)))
words = sorted(["pear", "Apple", "fig", "banana"], key=lambda w: (len(w), w.lower()))
print(words, "%-6s|%+.3e|%#x" % ("ab", 12345.678, 255))
PY
g python3.11 -S t.py
echo status $?
g python3.11 t.py | md5sum
