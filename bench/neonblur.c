/*
 * A NEON-heavy benchmark: integer image kernels that gcc auto-vectorizes
 * for ARM with -O3 -mfpu=neon-vfpv4 (bench/run.sh's neon-blur row):
 * a separable 1-2-1 blur of an 8-bit image (widening adds, shifts,
 * narrowing), a per-pixel brightness/contrast step with clamping
 * (multiplies, min/max), a 32-bit accumulate and a byte histogram of
 * differences.  Prints a checksum; the native build of the same source is
 * the reference.  Argument: the number of passes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define W 512
#define H 256

static uint8_t img[H][W], tmp8[H][W];
static uint16_t rows[H][W];
static uint32_t acc[W];

static void blur(void)
{
    for (int y = 0; y < H; y++) {
        const uint8_t *s = img[y];
        uint16_t *r = rows[y];
        r[0] = (uint16_t)(3 * s[0] + s[1]);
        for (int x = 1; x < W - 1; x++)
            r[x] = (uint16_t)(s[x - 1] + 2 * s[x] + s[x + 1]);
        r[W - 1] = (uint16_t)(s[W - 2] + 3 * s[W - 1]);
    }
    for (int y = 0; y < H; y++) {
        const uint16_t *a = rows[y > 0 ? y - 1 : 0], *b = rows[y], *c = rows[y < H - 1 ? y + 1 : H - 1];
        uint8_t *d = tmp8[y];
        for (int x = 0; x < W; x++)
            d[x] = (uint8_t)((a[x] + 2 * b[x] + c[x] + 8) >> 4);
    }
}

static void contrast(int gain, int bias)
{
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            int v = (tmp8[y][x] * gain >> 6) + bias;
            v = v < 0 ? 0 : v;
            v = v > 255 ? 255 : v;
            img[y][x] = (uint8_t)v;
        }
}

static uint32_t reduce(void)
{
    uint32_t h = 0;
    for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++)
            acc[x] = acc[x] * 3 + (uint32_t)(img[y][x] ^ tmp8[y][x]);
    }
    for (int x = 0; x < W; x++)
        h = (h ^ acc[x]) * 16777619u;
    return h;
}

int main(int argc, char **argv)
{
    int passes = argc > 1 ? atoi(argv[1]) : 20;
    uint32_t seed = 12345;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++) {
            seed = seed * 1103515245u + 12345u;
            img[y][x] = (uint8_t)(seed >> 23);
        }
    uint32_t sum = 0;
    for (int p = 0; p < passes; p++) {
        blur();
        contrast(70 + p % 5, (p % 7) - 3);
        sum = sum * 31 + reduce();
    }
    printf("neonblur %d passes: %08x\n", passes, sum);
    return 0;
}
