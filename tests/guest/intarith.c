/* Integer arithmetic: 32/64-bit add/sub/mul, signed/unsigned division and
   modulo at edge values, 64-bit multiply-high, comparisons, conversions.
   Everything avoids undefined behaviour (no INT_MIN/-1, no /0, no overflow
   of signed types) so x86-64 and ARM must print the same thing. */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>
#include <limits.h>

static uint32_t h32 = 2166136261u;
static void mix(uint64_t v)
{
    for (int i = 0; i < 8; i++) {
        h32 ^= (uint8_t)(v >> (i * 8));
        h32 *= 16777619u;
    }
}

static const int32_t s32v[] = { 0, 1, -1, 2, -2, 3, -3, 7, -7, 10, -10, 100, -100, 12345, -12345,
                                0x7fffffff, INT32_MIN, INT32_MIN + 1, 0x40000000, -0x40000000,
                                65536, -65536, 0x12345678, -0x12345678 };
static const uint32_t u32v[] = { 0, 1, 2, 3, 7, 10, 255, 256, 65535, 65536, 0x7fffffff, 0x80000000u,
                                 0x80000001u, 0xfffffffeu, 0xffffffffu, 0xdeadbeefu, 0x12345678u };
static const int64_t s64v[] = { 0, 1, -1, 3, -3, 1000000007, -1000000007, INT64_MAX, INT64_MIN,
                                INT64_MIN + 1, 0x100000000LL, -0x100000000LL, 0x123456789abcdefLL,
                                -0x123456789abcdefLL, 0xffffffffLL, 7 };
static const uint64_t u64v[] = { 0, 1, 2, 3, 10, 0xffffffffull, 0x100000000ull, 0x100000001ull,
                                 0x7fffffffffffffffull, 0x8000000000000000ull, 0xffffffffffffffffull,
                                 0x0123456789abcdefull, 0xfedcba9876543210ull, 1000000007ull };
#define N(a) (int)(sizeof(a) / sizeof((a)[0]))

/* noinline so the compiler cannot fold the operations at compile time. */
__attribute__((noinline)) static int32_t sdiv32(int32_t a, int32_t b) { return a / b; }
__attribute__((noinline)) static int32_t smod32(int32_t a, int32_t b) { return a % b; }
__attribute__((noinline)) static uint32_t udiv32(uint32_t a, uint32_t b) { return a / b; }
__attribute__((noinline)) static uint32_t umod32(uint32_t a, uint32_t b) { return a % b; }
__attribute__((noinline)) static int64_t sdiv64(int64_t a, int64_t b) { return a / b; }
__attribute__((noinline)) static int64_t smod64(int64_t a, int64_t b) { return a % b; }
__attribute__((noinline)) static uint64_t udiv64(uint64_t a, uint64_t b) { return a / b; }
__attribute__((noinline)) static uint64_t umod64(uint64_t a, uint64_t b) { return a % b; }

static uint64_t mulhi_u64(uint64_t a, uint64_t b)
{
    uint64_t al = (uint32_t)a, ah = a >> 32, bl = (uint32_t)b, bh = b >> 32;
    uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
    uint64_t mid = (ll >> 32) + (uint32_t)lh + (uint32_t)hl;
    return hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
}

int main(void)
{
    /* 32-bit signed division/modulo. */
    for (int i = 0; i < N(s32v); i++)
        for (int j = 0; j < N(s32v); j++) {
            int32_t a = s32v[i], b = s32v[j];
            if (b == 0 || (a == INT32_MIN && b == -1))
                continue;
            mix((uint32_t)sdiv32(a, b));
            mix((uint32_t)smod32(a, b));
        }
    printf("sdiv32 %08x\n", h32);
    for (int i = 0; i < N(u32v); i++)
        for (int j = 0; j < N(u32v); j++) {
            uint32_t a = u32v[i], b = u32v[j];
            if (b == 0)
                continue;
            mix(udiv32(a, b));
            mix(umod32(a, b));
        }
    printf("udiv32 %08x\n", h32);
    printf("examples: %d %d %d %d %u %u\n", sdiv32(-7, 2), smod32(-7, 2), sdiv32(7, -2),
           smod32(7, -2), udiv32(0xffffffffu, 3), umod32(0xffffffffu, 7));

    for (int i = 0; i < N(s64v); i++)
        for (int j = 0; j < N(s64v); j++) {
            int64_t a = s64v[i], b = s64v[j];
            if (b == 0 || (a == INT64_MIN && b == -1))
                continue;
            mix((uint64_t)sdiv64(a, b));
            mix((uint64_t)smod64(a, b));
        }
    printf("sdiv64 %08x\n", h32);
    for (int i = 0; i < N(u64v); i++)
        for (int j = 0; j < N(u64v); j++) {
            uint64_t a = u64v[i], b = u64v[j];
            if (b == 0)
                continue;
            mix(udiv64(a, b));
            mix(umod64(a, b));
        }
    printf("udiv64 %08x\n", h32);
    printf("examples64: %" PRId64 " %" PRId64 " %" PRIu64 " %" PRIu64 "\n",
           sdiv64(INT64_MIN, 3), smod64(INT64_MIN, 3), udiv64(~0ull, 10), umod64(~0ull, 10));

    /* Multiplication: 32x32->32, 32x32->64 (signed/unsigned), 64x64->64,
       64x64->128 high half. */
    uint32_t h = 0;
    for (int i = 0; i < N(u32v); i++)
        for (int j = 0; j < N(u32v); j++) {
            uint32_t a = u32v[i], b = u32v[j];
            uint64_t wu = (uint64_t)a * b;
            int64_t ws = (int64_t)(int32_t)a * (int32_t)b;
            h = h * 31 + (a * b) + (uint32_t)(wu >> 32) * 7 + (uint32_t)((uint64_t)ws >> 32) * 13;
            h ^= (uint32_t)wu + (uint32_t)ws;
        }
    printf("mul32 %08x\n", h);
    for (int i = 0; i < N(u64v); i++)
        for (int j = 0; j < N(u64v); j++) {
            mix(u64v[i] * u64v[j]);
            mix(mulhi_u64(u64v[i], u64v[j]));
            mix(u64v[i] + u64v[j]);
            mix(u64v[i] - u64v[j]);
        }
    printf("mul64 %08x\n", h32);

    /* Comparisons (signed vs unsigned, 64-bit). */
    unsigned cmp = 0;
    for (int i = 0; i < N(s64v); i++)
        for (int j = 0; j < N(s64v); j++) {
            int64_t a = s64v[i], b = s64v[j];
            cmp = cmp * 3 + (a < b) + 2 * ((uint64_t)a < (uint64_t)b) + 4 * (a == b) + 8 * (a >= b);
        }
    printf("cmp64 %08x\n", cmp);
    cmp = 0;
    for (int i = 0; i < N(s32v); i++)
        for (int j = 0; j < N(s32v); j++) {
            int32_t a = s32v[i], b = s32v[j];
            cmp = cmp * 5 + (a < b) + 2 * ((uint32_t)a < (uint32_t)b) + 4 * (a <= b);
        }
    printf("cmp32 %08x\n", cmp);

    /* Conversions between widths and signedness. */
    for (int i = 0; i < N(s32v); i++) {
        int32_t v = s32v[i];
        printf("%d: %d %d %u %u %" PRId64 " %" PRIu64 "\n", v, (int8_t)v, (int16_t)v, (uint8_t)v,
               (uint16_t)v, (int64_t)v, (uint64_t)(uint32_t)v);
    }

    /* Running sum with carries: 64-bit add/sub chains. */
    uint64_t acc = 0x0123456789abcdefull;
    int64_t sacc = 1;
    for (int i = 0; i < 100000; i++) {
        acc = acc * 6364136223846793005ull + 1442695040888963407ull;
        sacc += (int64_t)(acc >> 40) - (int64_t)(acc & 0xffffff);
        sacc ^= (int64_t)(acc >> 33);
    }
    printf("lcg %016" PRIx64 " %" PRId64 "\n", acc, sacc);

    /* Absolute values, min/max, negation at edges. */
    int32_t mx = INT32_MIN, mn = INT32_MAX;
    for (int i = 0; i < N(s32v); i++) {
        if (s32v[i] > mx) mx = s32v[i];
        if (s32v[i] < mn) mn = s32v[i];
    }
    printf("minmax %d %d %d %u\n", mn, mx, -(mx), 0u - (uint32_t)mn);
    return (int)(h32 & 0x3f);
}
