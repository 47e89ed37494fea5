/* Bit manipulation: popcount, clz/ctz (via builtins), parity, byte swaps,
   rotates, shifts of every amount, bitfield extraction/insertion. */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>

static uint32_t xs = 0x9e3779b9u;
static uint32_t rnd(void)
{
    xs ^= xs << 13;
    xs ^= xs >> 17;
    xs ^= xs << 5;
    return xs;
}

static inline uint32_t rol32(uint32_t v, unsigned n) { n &= 31; return n ? (v << n) | (v >> (32 - n)) : v; }
static inline uint32_t ror32(uint32_t v, unsigned n) { n &= 31; return n ? (v >> n) | (v << (32 - n)) : v; }
static inline uint64_t rol64(uint64_t v, unsigned n) { n &= 63; return n ? (v << n) | (v >> (64 - n)) : v; }

struct bf {
    unsigned a : 3;
    unsigned b : 7;
    signed c : 5;
    unsigned d : 17;
};

__attribute__((noinline)) static uint32_t shl(uint32_t v, unsigned n) { return v << n; }
__attribute__((noinline)) static uint32_t shr(uint32_t v, unsigned n) { return v >> n; }
__attribute__((noinline)) static int32_t sar(int32_t v, unsigned n) { return v >> n; }
__attribute__((noinline)) static uint64_t shl64(uint64_t v, unsigned n) { return v << n; }
__attribute__((noinline)) static uint64_t shr64(uint64_t v, unsigned n) { return v >> n; }
__attribute__((noinline)) static int64_t sar64(int64_t v, unsigned n) { return v >> n; }

int main(void)
{
    static const uint32_t fixed[] = { 0, 1, 2, 0x80000000u, 0xffffffffu, 0x7fffffffu, 0x00010000u,
                                      0x0000ffffu, 0xdeadbeefu, 0x12345678u, 0x55555555u };
    for (unsigned i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
        uint32_t v = fixed[i];
        printf("%08x pop=%d clz=%d ctz=%d par=%d bswap=%08x bswap16=%04x ror7=%08x rol13=%08x\n", v,
               __builtin_popcount(v), v ? __builtin_clz(v) : 32, v ? __builtin_ctz(v) : 32,
               __builtin_parity(v), __builtin_bswap32(v), __builtin_bswap16((uint16_t)v),
               ror32(v, 7), rol32(v, 13));
    }
    uint32_t h = 0;
    uint64_t h64 = 0;
    for (int i = 0; i < 20000; i++) {
        uint32_t v = rnd(), w = rnd();
        uint64_t q = ((uint64_t)v << 32) | w;
        unsigned n = w & 31, m = v & 63;
        h = h * 33 + (uint32_t)__builtin_popcount(v) + (uint32_t)(v ? __builtin_clz(v) : 32) * 3 +
            (uint32_t)(w ? __builtin_ctz(w) : 32) * 5;
        h ^= ror32(v, n) + rol32(w, n) + shl(v, n) + shr(w, n) + (uint32_t)sar((int32_t)v, n);
        h ^= __builtin_bswap32(v ^ h);
        h64 = h64 * 0x100000001b3ull + (uint64_t)__builtin_popcountll(q) +
              (uint64_t)(q ? __builtin_clzll(q) : 64) + (uint64_t)(q ? __builtin_ctzll(q) : 64);
        h64 ^= rol64(q, m) + shl64(q, m) + shr64(q, m) + (uint64_t)sar64((int64_t)q, m);
        h64 ^= __builtin_bswap64(q);
        /* Bit-field extract/insert, signed and unsigned. */
        uint32_t ext = (v >> (n & 15)) & 0x1ff;
        int32_t sext = (int32_t)(v << 7) >> 23;
        uint32_t ins = (w & ~(0xffu << 8)) | ((v & 0xff) << 8);
        h += ext * 7 + (uint32_t)sext * 11 + ins;
        /* Masks and tests. */
        h += (v & (1u << n)) ? 1 : 0;
        h += (v & -v) + (v | (v - 1)) + (~v & (v + 1));
    }
    printf("mix32 %08x\nmix64 %016" PRIx64 "\n", h, h64);

    /* Every shift amount explicitly. */
    uint32_t sh = 0;
    for (unsigned n = 0; n < 32; n++)
        sh = sh * 7 + shl(0x87654321u, n) + shr(0x87654321u, n) + (uint32_t)sar((int32_t)0x87654321u, n);
    uint64_t sh64 = 0;
    for (unsigned n = 0; n < 64; n++)
        sh64 = sh64 * 7 + shl64(0x8765432112345678ull, n) + shr64(0x8765432112345678ull, n) +
               (uint64_t)sar64((int64_t)0x8765432112345678ull, n);
    printf("shifts %08x %016" PRIx64 "\n", sh, sh64);

    /* C bit-fields. */
    struct bf b = { 0 };
    uint32_t bh = 0;
    for (int i = 0; i < 1000; i++) {
        uint32_t r = rnd();
        b.a = r;
        b.b = r >> 3;
        b.c = (int)(r >> 10) & 31;
        b.d = r >> 15;
        bh = bh * 31 + b.a + b.b * 3 + (uint32_t)b.c * 5 + b.d * 9;
        b.d += b.a;
        b.c--;
        bh ^= b.d + (uint32_t)b.c;
    }
    printf("bitfields %08x\n", bh);

    /* Reverse bits by hand (exercises rbit-like sequences). */
    uint32_t rb = 0;
    for (int i = 0; i < 256; i++) {
        uint32_t v = rnd(), r = 0;
        for (int k = 0; k < 32; k++)
            r |= ((v >> k) & 1u) << (31 - k);
        rb = rb * 3 + r;
    }
    printf("rbit %08x\n", rb);
    return 0;
}
