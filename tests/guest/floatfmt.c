/* Float formatting and parsing: printf %g %e %f %a, strtod, sscanf,
   strtof, snprintf truncation.  glibc does these in exact integer
   arithmetic, so results are bit-identical across architectures. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <math.h>

int main(void)
{
    static const double vals[] = { 0.0, -0.0, 1.0, -1.0, 0.1, 1.0 / 3, 2.0 / 3, 1e10, 1e-10, 123456789.125,
                                   3.141592653589793, 2.718281828459045, 1e300, 1e-300, 4.9e-324,
                                   2.2250738585072014e-308, 1.7976931348623157e308, 0.5, 1.5, 2.5, -2.5,
                                   1e21, 1e22, 9007199254740993.0, 0.000123456 };
    for (unsigned i = 0; i < sizeof vals / sizeof vals[0]; i++) {
        double v = vals[i];
        printf("%g|%.17g|%e|%.3e|%f|%.0f|%a|%12.4f|%-12.3g|%+g\n", v, v, v, v, v, v, v, v, v, v);
    }
    printf("%g %g %g %f\n", INFINITY, -INFINITY, NAN, INFINITY);
    float fv[] = { 1.1f, 0.2f, 3.4028235e38f, 1.17549435e-38f, 1.4e-45f, 16777217.0f };
    for (unsigned i = 0; i < sizeof fv / sizeof fv[0]; i++)
        printf("%.9g %a\n", fv[i], fv[i]);

    static const char *strs[] = { "0", "1", "-1.5", "3.14159", "1e10", "1E-5", "0x1p-3", "0x1.8p1", "inf",
                                  "-Infinity", "nan", "1e400", "1e-400", "2.2250738585072011e-308",
                                  "123456789012345678901234567890", ".5", "5.", "  42.0abc", "abc",
                                  "0.1000000000000000055511151231257827", "4.9406564584124654e-324" };
    for (unsigned i = 0; i < sizeof strs / sizeof strs[0]; i++) {
        char *end;
        double d = strtod(strs[i], &end);
        float f = strtof(strs[i], NULL);
        printf("strtod(%s) = %.17g %a consumed=%d f=%.9g\n", strs[i], d, d, (int)(end - strs[i]), f);
    }

    double x, y;
    int n, m;
    char word[32];
    int r = sscanf("3.25 -7e2 42 word", "%lf %lf %d %31s", &x, &y, &n, word);
    printf("sscanf %d: %g %g %d %s\n", r, x, y, n, word);
    float ff;
    r = sscanf("  6.02214076e23 x", "%f%n", &ff, &m);
    printf("sscanf %d: %.9g %d\n", r, ff, m);
    r = sscanf("0x1A 077 -12", "%x %o %i", &n, &m, (int *)&r);
    printf("sscanf hex/oct: %d %d\n", n, m);

    /* Round trip: print with %.17g, parse back, must be identical. */
    uint64_t bits = 0x3ff0000000000001ull;
    int bad = 0;
    for (int i = 0; i < 2000; i++) {
        double d;
        bits = bits * 6364136223846793005ull + 1442695040888963407ull;
        uint64_t b = bits & 0x7fefffffffffffffull;
        memcpy(&d, &b, sizeof d);
        char buf[64];
        snprintf(buf, sizeof buf, "%.17g", d);
        double e = strtod(buf, NULL);
        if (memcmp(&d, &e, sizeof d))
            bad++;
        if (i % 400 == 0)
            printf("rt %s\n", buf);
    }
    printf("roundtrip bad=%d\n", bad);

    char small[8];
    volatile size_t small_size = sizeof small; /* truncation is the point */
    int len = snprintf(small, small_size, "%f", 12345.678);
    printf("snprintf %d [%s]\n", len, small);
    printf("%5.2f%% %08.3f %-8.2e| %G %E\n", 99.555, -3.14159, 0.000123, 1e-20, 12345.0);
    return 0;
}
