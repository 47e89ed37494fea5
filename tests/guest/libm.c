/* libm: exact functions (sqrt, fmod, floor, ceil, round, trunc, rint,
   lrint, fabs, copysign, frexp, ldexp, modf) are printed with full
   precision; transcendental functions may legitimately differ in the last
   ulp between x86-64 and ARM glibc, so they are printed with %.10g and
   also checked against identities with a tolerance. */
#include <stdio.h>
#include <math.h>
#include <fenv.h>

static int fails;
static void near(const char *what, double got, double want, double tol)
{
    double err = fabs(got - want);
    if (!(err <= tol * (fabs(want) > 1 ? fabs(want) : 1))) {
        printf("FAIL %s: %.17g vs %.17g\n", what, got, want);
        fails++;
    }
}

int main(void)
{
    static const double xs[] = { 0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, -0.5, -1.5, -2.5,
                                 10.0, 100.75, 1e6 + 0.5, -7.25, 0.1, 123.456, 1e15 + 0.5 };
    for (unsigned i = 0; i < sizeof xs / sizeof xs[0]; i++) {
        volatile double x = xs[i];
        int e;
        double ip;
        double fr = frexp(x, &e);
        double mf = modf(x, &ip);
        printf("x=%.17g sqrt=%.17g floor=%.17g ceil=%.17g round=%.17g trunc=%.17g rint=%.17g "
               "llrint=%lld llround=%lld nearbyint=%.17g fmod3=%.17g remainder3=%.17g "
               "frexp=%.17g,%d modf=%.17g,%.17g ldexp=%.17g copysign=%.17g\n",
               x, sqrt(fabs(x)), floor(x), ceil(x), round(x), trunc(x), rint(x), llrint(x),
               llround(x), nearbyint(x), fmod(x, 3.0), remainder(x, 3.0), fr, e, mf, ip,
               ldexp(x, 5), copysign(3.0, x));
        printf("  float: sqrtf=%.9g floorf=%.9g roundf=%.9g fmodf=%.9g\n", sqrtf(fabsf((float)x)),
               floorf((float)x), roundf((float)x), fmodf((float)x, 0.75f));
    }

    /* Rounding modes affect rint/lrint/nearbyint. */
    /* Called through a pointer: GCC may otherwise inline rint() as an SSE
       sequence that assumes round-to-nearest (no -frounding-math). */
    double (*volatile rintp)(double) = rint;
    static const int modes[] = { FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO };
    static const char *mname[] = { "nearest", "up", "down", "zero" };
    for (int m = 0; m < 4; m++) {
        fesetround(modes[m]);
        volatile double p = 2.5, q = -2.5, r = 1.0, t = 3.0;
        printf("%s: rint(2.5)=%g rint(-2.5)=%g 1/3=%.17g\n", mname[m], rintp(p), rintp(q), r / t);
    }
    fesetround(FE_TONEAREST);

    static const double ts[] = { 0.1, 0.5, 1.0, 2.0, 3.0, 0.7853981633974483, 10.0, -3.3, 50.5 };
    double sum = 0;
    for (unsigned i = 0; i < sizeof ts / sizeof ts[0]; i++) {
        volatile double x = ts[i];
        double s = sin(x), c = cos(x), t = tan(x);
        printf("x=%g sin=%.10g cos=%.10g tan=%.10g exp=%.10g atan=%.10g sinh=%.10g cbrt=%.10g",
               x, s, c, t, exp(x), atan(x), sinh(x), cbrt(x));
        if (x > 0)
            printf(" log=%.10g log10=%.10g log2=%.10g pow1.5=%.10g", log(x), log10(x), log2(x), pow(x, 1.5));
        printf(" hypot=%.10g atan2=%.10g\n", hypot(x, 2.0), atan2(x, -2.0));
        near("sin2+cos2", s * s + c * c, 1.0, 1e-15);
        near("tan", t, s / c, 1e-14);
        if (x > 0) {
            near("exp(log)", exp(log(x)), x, 1e-15);
            near("pow", pow(x, 2.0), x * x, 1e-15);
        }
        sum += s + c + exp(-fabs(x));
    }
    printf("sum %.10g\n", sum);
    printf("floats: %.6g %.6g %.6g %.6g\n", sinf(0.5f), expf(1.0f), logf(10.0f), powf(2.0f, 0.5f));
    printf("special: %g %g %g %g %d %d\n", sqrt(-1.0) != sqrt(-1.0) ? 1.0 : 0.0, log(0.0), exp(1000.0),
           exp(-1000.0), isnan(NAN), isinf(-INFINITY));
    printf("fails=%d\n", fails);
    return fails;
}
