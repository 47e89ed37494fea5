# lua5.4 doing real work: n-body floats, string building and hashing,
# a table-heavy word count, integer bit operations.
# i386-ref: qemu-i386
# host: lua5.4
cat >t.lua <<'LUA'
local sqrt = math.sqrt
local bodies = {}
for i = 1, 5 do bodies[i] = {x = i, y = i * 0.5, z = -i, vx = 0.1 * i, vy = 0, vz = 0.01, m = 1 / i} end
local function advance(dt)
  for i = 1, #bodies do
    local a = bodies[i]
    for j = i + 1, #bodies do
      local b = bodies[j]
      local dx, dy, dz = a.x - b.x, a.y - b.y, a.z - b.z
      local d2 = dx * dx + dy * dy + dz * dz
      local mag = dt / (d2 * sqrt(d2))
      a.vx, a.vy, a.vz = a.vx - dx * b.m * mag, a.vy - dy * b.m * mag, a.vz - dz * b.m * mag
      b.vx, b.vy, b.vz = b.vx + dx * a.m * mag, b.vy + dy * a.m * mag, b.vz + dz * a.m * mag
    end
  end
  for _, b in ipairs(bodies) do b.x, b.y, b.z = b.x + dt * b.vx, b.y + dt * b.vy, b.z + dt * b.vz end
end
for _ = 1, 50000 do advance(0.01) end
for _, b in ipairs(bodies) do print(string.format("%.9f %.9f %.9f", b.x, b.y, b.z)) end
local h = 0
for i = 1, 200000 do h = (h * 31 + i) & 0xffffffff; h = h ~ (h >> 13) end
print(h, 1 << 62, -1 >> 60, 7 // -2, -7 % 3, math.ult(1, -1))
local parts = {}
for i = 1, 20000 do parts[#parts + 1] = ("w" .. (i * 7 % 97)) end
local count = {}
for w in table.concat(parts, " "):gmatch("%S+") do count[w] = (count[w] or 0) + 1 end
local keys = {}
for k in pairs(count) do keys[#keys + 1] = k end
table.sort(keys, function(a, b) return count[a] > count[b] or (count[a] == count[b] and a < b) end)
print(#keys, keys[1], count[keys[1]], keys[#keys])
print(string.format("%q", 1/3), math.fmod(-7, 3), math.floor(-0.5), 2^53 + 1 == 2^53)
LUA
g lua5.4 t.lua
echo status $?
