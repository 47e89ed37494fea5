/* Floating-point arithmetic in float and double: + - * / sqrt, fused
   expressions, comparisons with NaN, conversions double<->int (in range
   only: out-of-range conversion is undefined in C and differs between
   x86 and ARM), float<->double, rounding, denormals, a small nbody and
   a matrix multiply.  long double is double on ARM, so only values exact
   in both are printed. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <math.h>

static uint64_t bits_of(double d) { uint64_t b; memcpy(&b, &d, 8); return b; }
static uint32_t fbits(float f) { uint32_t b; memcpy(&b, &f, 4); return b; }

__attribute__((noinline)) static double dop(int op, double a, double b)
{
    switch (op) {
    case 0: return a + b;
    case 1: return a - b;
    case 2: return a * b;
    case 3: return a / b;
    default: return sqrt(fabs(a));
    }
}
__attribute__((noinline)) static float fop(int op, float a, float b)
{
    switch (op) {
    case 0: return a + b;
    case 1: return a - b;
    case 2: return a * b;
    case 3: return a / b;
    default: return sqrtf(fabsf(a));
    }
}

int main(void)
{
    static const double dv[] = { 0.0, -0.0, 1.0, -1.0, 0.1, 3.0, 1e-310, 1e308, -2.5e-5, 123456.789,
                                 1.0 / 3, 7e22, INFINITY, -INFINITY, NAN, 2.2250738585072014e-308 };
    enum { ND = sizeof dv / sizeof dv[0] };
    uint64_t h = 0;
    for (int op = 0; op < 5; op++)
        for (int i = 0; i < ND; i++)
            for (int j = 0; j < ND; j++) {
                double r = dop(op, dv[i], dv[j]);
                uint64_t b = isnan(r) ? 0x7ff8000000000000ull : bits_of(r); /* NaN sign/payload may differ */
                h = h * 1000003u ^ b;
                float fr = fop(op, (float)dv[i], (float)dv[j]);
                uint32_t fb = isnan(fr) ? 0x7fc00000u : fbits(fr);
                h = h * 31 + fb;
            }
    printf("arith %016llx\n", (unsigned long long)h);

    /* Comparisons including NaN and signed zero. */
    unsigned c = 0;
    for (int i = 0; i < ND; i++)
        for (int j = 0; j < ND; j++) {
            double a = dv[i], b = dv[j];
            c = c * 3 + (a < b) + 2u * (a <= b) + 4u * (a == b) + 8u * (a != b) + 16u * (a > b) +
                32u * isless(a, b) + 64u * isunordered(a, b);
        }
    printf("compare %08x\n", c);

    /* double <-> integer conversions (in range). */
    static const double cv[] = { 0.0, 0.5, 0.9999, 1.5, -1.5, -0.5, 2147483647.0, -2147483648.0, 4294967295.0,
                                 1e18, -1e18, 123.999, -123.999, 65535.5 };
    for (unsigned i = 0; i < sizeof cv / sizeof cv[0]; i++) {
        double v = cv[i];
        printf("%.17g -> i64 %lld", v, (long long)v);
        if (v > -2147483649.0 && v < 2147483648.0)
            printf(" i32 %d", (int32_t)v);
        if (v > -1.0 && v < 4294967296.0)
            printf(" u32 %u", (uint32_t)v);
        if (v > -1.0 && v < 1.8e19)
            printf(" u64 %llu", (unsigned long long)v);
        printf(" f %.9g\n", (float)v);
    }
    static const int64_t iv[] = { 0, 1, -1, 16777217, 9007199254740993LL, -9007199254740993LL, INT64_MAX, INT64_MIN };
    for (unsigned i = 0; i < sizeof iv / sizeof iv[0]; i++)
        printf("%lld -> %.17g %.9g %.17g\n", (long long)iv[i], (double)iv[i], (float)iv[i],
               (double)(uint64_t)iv[i]);
    static const uint32_t uv[] = { 0, 1, 0x7fffffffu, 0x80000000u, 0xffffffffu, 16777217u };
    for (unsigned i = 0; i < sizeof uv / sizeof uv[0]; i++)
        printf("%u -> %.17g %.9g\n", uv[i], (double)uv[i], (float)uv[i]);

    /* Denormals: must not be flushed to zero. */
    volatile double tiny = 4.9406564584124654e-324;
    volatile float ftiny = 1.4e-45f;
    printf("denormal %.17g %.17g %.9g %.9g\n", tiny * 3, tiny / 2 * 2, ftiny * 5, ftiny * 0.5f * 2.0f);

    /* nbody-ish integration (5 bodies, 1000 steps). */
    double px[5] = { 0, 4.84, 8.34, 12.89, 15.37 }, py[5] = { 0, -1.16, 4.12, -15.11, -25.91 };
    double vx[5] = { 0, 0.606, -1.01, 1.08, 0.979 }, vy[5] = { 0, 2.81, 1.82, 0.868, 0.594 };
    double m[5] = { 39.47, 0.037, 0.011, 0.0017, 0.002 };
    for (int step = 0; step < 1000; step++) {
        for (int i = 0; i < 5; i++)
            for (int j = i + 1; j < 5; j++) {
                double dx = px[i] - px[j], dy = py[i] - py[j];
                double d2 = dx * dx + dy * dy;
                double mag = 0.01 / (d2 * sqrt(d2));
                vx[i] -= dx * m[j] * mag; vy[i] -= dy * m[j] * mag;
                vx[j] += dx * m[i] * mag; vy[j] += dy * m[i] * mag;
            }
        for (int i = 0; i < 5; i++) {
            px[i] += 0.01 * vx[i];
            py[i] += 0.01 * vy[i];
        }
    }
    printf("nbody %.15g %.15g %.15g\n", px[1], py[3], vx[4]);

    /* float matrix multiply */
    float A[16][16], B[16][16], C[16][16];
    for (int i = 0; i < 16; i++)
        for (int j = 0; j < 16; j++) {
            A[i][j] = (float)(i * 16 + j) / 7.0f;
            B[i][j] = (float)(i - j) * 0.25f;
        }
    float tr = 0;
    for (int i = 0; i < 16; i++)
        for (int j = 0; j < 16; j++) {
            float s = 0;
            for (int k = 0; k < 16; k++)
                s += A[i][k] * B[k][j];
            C[i][j] = s;
        }
    for (int i = 0; i < 16; i++)
        tr += C[i][i];
    printf("matmul trace %.9g c[3][7] %.9g\n", tr, C[3][7]);

    long double ld = 1.5L;
    ld = ld * 4 + 0.25L;
    printf("long double %.3f\n", (double)ld);
    printf("fmin %g fmax %g fdim %g fma %.17g\n", fmin(1.0, NAN), fmax(-0.5, 2.0), fdim(5.0, 3.0),
           fma(0.1, 10.0, -1.0));
    return 0;
}
