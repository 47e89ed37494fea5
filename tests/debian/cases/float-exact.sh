# Floating point that must be bit-exact on any IEEE machine (+ - * / sqrt,
# conversions, rounding, formatting, parsing) over many seeded values, in
# python3, lua and perl; digests of every result must match the host's.
# (Transcendental functions are left out: libm may differ in the last bit
# between architectures.)
# i386-ref: qemu-i386
# host: python3.11 lua5.4 perl
cat >t.py <<'PY'
import random, math, hashlib, struct
random.seed(7)
h = hashlib.sha256()
for i in range(60000):
    a = random.uniform(-1e6, 1e6) * 10 ** random.randint(-30, 30)
    b = random.uniform(-1e3, 1e3) or 1.0
    c = struct.unpack("<d", struct.pack("<Q", random.getrandbits(64)))[0]
    r = [a + b, a - b, a * b, a / b, math.sqrt(abs(a)), math.fmod(a, b), float(int(a) if abs(a) < 1e18 else 0),
         round(a, 3), math.floor(b), math.ceil(b), a.hex(), repr(c), float(repr(a)) == a,
         struct.unpack("<f", struct.pack("<f", b))[0], f"{a:.17g}", f"{b:.3e}", f"{b:10.4f}", int(b * 1000)]
    h.update(repr(r).encode())
print(h.hexdigest())
PY
g python3.11 t.py
cat >t.lua <<'LUA'
local acc = {}
local x = 0.5
for i = 1, 50000 do
  x = (x * 3.7 * (1 - x))
  local y = x * 1e5 - 12345.678
  acc[#acc + 1] = string.format("%.17g %a %d %.3f", y / 3, y * y, math.floor(y), math.sqrt(x))
  if #acc == 1000 then io.write(#table.concat(acc), " "); acc = {} end
end
print(string.format("%.17g", x), tostring(0.1), 1e300 * 1e10, -0.0, math.tointeger(2^53), 2^63 // 1, 7.0 // 0.5)
LUA
g lua5.4 t.lua | md5sum
cat >t.pl <<'PL'
my $s = ""; my $x = 1;
for my $i (1 .. 50000) { $x = ($x * 1103515245 + 12345) % 2147483648; my $f = $x / 7.5 - 1e8;
  $s .= sprintf("%.15g %e %d ", $f / 3.3, $f * $f, int($f / 9)); }
print length($s), " ", unpack("%32C*", $s), "\n";
PL
g perl t.pl
