/* qsort and bsearch from libc (callbacks into guest code from libc), on
   ints, strings and structs. Comparators define total orders so that the
   (unstable) sort result is unique. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

static uint32_t seed = 42;
static uint32_t rnd(void) { seed = seed * 1664525u + 1013904223u; return seed; }

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}
static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }
struct rec { int key; double val; char name[12]; };
static int cmp_rec(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return strcmp(x->name, y->name);
}

int main(void)
{
    enum { N = 50000 };
    static int v[N];
    for (int i = 0; i < N; i++)
        v[i] = (int)(rnd() % 2000000) - 1000000;
    qsort(v, N, sizeof v[0], cmp_int);
    uint32_t h = 0;
    int sorted = 1;
    for (int i = 0; i < N; i++) {
        h = h * 31 + (uint32_t)v[i];
        if (i && v[i - 1] > v[i])
            sorted = 0;
    }
    printf("ints sorted=%d hash=%08x min=%d max=%d\n", sorted, h, v[0], v[N - 1]);
    int found = 0;
    for (int i = 0; i < 10000; i++) {
        int key = (int)(rnd() % 2000000) - 1000000;
        found += bsearch(&key, v, N, sizeof v[0], cmp_int) != NULL;
    }
    printf("bsearch found %d\n", found);

    static char words[2000][12];
    static char *wp[2000];
    for (int i = 0; i < 2000; i++) {
        int len = 1 + (int)(rnd() % 10);
        for (int k = 0; k < len; k++)
            words[i][k] = (char)('a' + rnd() % 26);
        words[i][len] = 0;
        wp[i] = words[i];
    }
    qsort(wp, 2000, sizeof wp[0], cmp_str);
    h = 0;
    for (int i = 0; i < 2000; i++)
        for (const char *p = wp[i]; *p; p++)
            h = h * 33 + (unsigned char)*p;
    printf("strings first=%s last=%s hash=%08x\n", wp[0], wp[1999], h);

    static struct rec recs[3000];
    for (int i = 0; i < 3000; i++) {
        recs[i].key = (int)(rnd() % 100);
        recs[i].val = i * 0.5;
        snprintf(recs[i].name, sizeof recs[i].name, "n%05u%04d", rnd() % 100000, i);
    }
    qsort(recs, 3000, sizeof recs[0], cmp_rec);
    double vs = 0;
    for (int i = 0; i < 3000; i++)
        vs = vs * 0.999 + recs[i].val;
    printf("recs first=%d/%s last=%d/%s vs=%.6f\n", recs[0].key, recs[0].name, recs[2999].key,
           recs[2999].name, vs);
    return 0;
}
