# lua5.4: numbers (integers and floats), strings, tables, closures,
# coroutines, string.format, sorting, pattern matching.
# host: lua5.4
cat >t.lua <<'LUA'
local function primes(n)
  local sieve, out = {}, {}
  for i = 2, n do
    if not sieve[i] then out[#out + 1] = i; for j = i * i, n, i do sieve[j] = true end end
  end
  return out
end
local p = primes(10000)
print(#p, p[#p], p[100])
local t = {}
for i = 1, 1000 do t[i] = (i * 7919) % 1009 end
table.sort(t, function(a, b) return a > b end)
print(t[1], t[500], t[1000])
print(string.format("%.10f %5.2e %g %d %x", math.pi, 12345.678, 1/3, math.maxinteger, 255))
print(7 // 2, 7 % 3, -7 // 2, 2^10, 10 / 4, math.tointeger(3.0), 1e308 * 10)
local s = "The quick brown fox jumps over the lazy dog"
local words = {}
for w in s:gmatch("%a+") do words[#words + 1] = w:upper() end
print(table.concat(words, ","), s:find("fox"), (s:gsub("o", "0")))
local function counter() local c = 0; return function() c = c + 1; return c end end
local c = counter(); c(); c(); print(c())
local co = coroutine.wrap(function(a) for i = 1, 3 do a = a + coroutine.yield(a * i) end return "end" end)
print(co(1), co(10), co(100), co(1000))
local acc = 0.0
for i = 1, 100000 do acc = acc + math.sin(i) * math.sqrt(i) end
print(string.format("%.6f", acc))
print(pcall(function() error({code = 42}) end))
print(select("#", 1, nil, 3), tostring(nil), tonumber("0x1p4"), utf8.char(72, 228, 8364))
LUA
g lua5.4 t.lua | sed 's/table: 0x[0-9a-f]*/table/'
