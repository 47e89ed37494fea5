/* Struct passing and returning by value (small structs in registers,
   large ones in memory, structs of floats = homogeneous aggregates in VFP
   registers on armhf), and variadic functions with mixed int/double/
   long long arguments (alignment of 64-bit varargs on ARM). */
#include <stdio.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

struct small { int16_t a; int8_t b; };
struct pair { int32_t x, y; };
struct big { int32_t v[20]; char name[16]; };
struct fpair { float x, y; };
struct dquad { double a, b, c, d; };
struct mixed { char c; double d; int i; long long ll; };

__attribute__((noinline)) static struct small mk_small(int a, int b) { struct small s = { (int16_t)a, (int8_t)b }; return s; }
__attribute__((noinline)) static struct pair add_pair(struct pair p, struct pair q) { struct pair r = { p.x + q.x, p.y + q.y }; return r; }
__attribute__((noinline)) static struct big modify(struct big b, int k)
{
    for (int i = 0; i < 20; i++)
        b.v[i] = b.v[i] * k + i;
    b.name[0] = 'B';
    return b;
}
__attribute__((noinline)) static struct fpair fscale(struct fpair p, float k) { struct fpair r = { p.x * k, p.y * k }; return r; }
__attribute__((noinline)) static struct dquad dsum(struct dquad a, struct dquad b, double k)
{
    struct dquad r = { a.a + b.a * k, a.b + b.b * k, a.c + b.c * k, a.d + b.d * k };
    return r;
}
__attribute__((noinline)) static double mix(int i, struct mixed m, float f, long long q, struct small s)
{
    return i + m.c + m.d + m.i + (double)m.ll + f + (double)q + s.a + s.b;
}
/* Many arguments: some go on the stack. */
__attribute__((noinline)) static long long many(int a, long long b, int c, double d, int e, long long f, float g,
                                                 int h, double i, int j, long long k, int l)
{
    return a + b * 2 + c * 3 + (long long)(d * 4) + e * 5 + f * 6 + (long long)(g * 7) + h * 8 +
           (long long)(i * 9) + j * 10 + k * 11 + l * 12;
}

static double vsum(const char *fmt, ...)
{
    va_list ap;
    double s = 0;
    va_start(ap, fmt);
    for (const char *p = fmt; *p; p++) {
        switch (*p) {
        case 'i': s += va_arg(ap, int); break;
        case 'l': s += (double)va_arg(ap, long long); break;
        case 'd': s += va_arg(ap, double); break;
        case 's': s += (double)strlen(va_arg(ap, const char *)); break;
        case 'p': { struct pair q = va_arg(ap, struct pair); s += q.x * 100 + q.y; break; }
        }
    }
    va_end(ap);
    return s;
}

static int vfmt(char *out, size_t n, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int len = vsnprintf(NULL, 0, fmt, ap);
    int len2 = vsnprintf(out, n, fmt, ap2);
    va_end(ap2);
    va_end(ap);
    return len == len2 ? len : -1;
}

int main(void)
{
    struct small s = mk_small(-1234, -5);
    printf("small %d %d\n", s.a, s.b);
    struct pair p = { 3, -4 }, q = { 100, 200 };
    struct pair r = add_pair(p, q);
    printf("pair %d %d\n", r.x, r.y);
    struct big b;
    memset(&b, 0, sizeof b);
    for (int i = 0; i < 20; i++)
        b.v[i] = i * i;
    strcpy(b.name, "big");
    struct big b2 = modify(b, 3);
    int sum = 0;
    for (int i = 0; i < 20; i++)
        sum += b2.v[i];
    printf("big %d %s / original %d %s\n", sum, b2.name, b.v[19], b.name);
    struct fpair fp = fscale((struct fpair){ 1.5f, -2.25f }, 3.0f);
    printf("fpair %g %g\n", fp.x, fp.y);
    struct dquad d1 = { 1, 2, 3, 4 }, d2 = { 0.5, 0.25, 0.125, 0.0625 };
    struct dquad d3 = dsum(d1, d2, 8.0);
    printf("dquad %g %g %g %g\n", d3.a, d3.b, d3.c, d3.d);
    struct mixed m = { 'x', 2.5, -7, 1LL << 40 };
    printf("mixed %.17g\n", mix(1, m, 0.5f, -(1LL << 35), s));
    printf("many %lld\n", many(1, 1LL << 33, 3, 4.5, 5, -(1LL << 34), 7.25f, 8, 9.125, 10, 11, 12));
    printf("vsum %.17g\n", vsum("ildlispd", 1, 2LL << 32, 3.5, -4LL, 5, "hello", (struct pair){ 6, 7 }, 0.125));
    printf("vsum2 %.17g\n", vsum("dldldi", 1.0, 1LL, 2.0, 2LL, 3.0, 3));
    char buf[128];
    int len = vfmt(buf, sizeof buf, "%d|%lld|%.3f|%s|%c|%5.1e|%x|%hhd", -42, -123456789012LL, 2.0 / 3, "str", 'Z',
                   12345.678, 0xbeefu, 300);
    printf("vfmt %d %s\n", len, buf);
    return 0;
}
