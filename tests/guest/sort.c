/* Hand-written sorting algorithms on the same data: insertion, shell,
   heap, merge, quicksort (recursive), radix; results must agree. */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { N = 20000 };
static uint32_t seed = 99;
static uint32_t rnd(void) { seed = seed * 1664525u + 1013904223u; return seed ^ (seed >> 15); }

static void insertion(int32_t *a, int n)
{
    for (int i = 1; i < n; i++) {
        int32_t v = a[i];
        int j = i - 1;
        while (j >= 0 && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}
static void shell(int32_t *a, int n)
{
    for (int gap = n / 2; gap > 0; gap /= 2)
        for (int i = gap; i < n; i++) {
            int32_t v = a[i];
            int j = i;
            for (; j >= gap && a[j - gap] > v; j -= gap)
                a[j] = a[j - gap];
            a[j] = v;
        }
}
static void sift(int32_t *a, int i, int n)
{
    for (;;) {
        int l = 2 * i + 1, m = i;
        if (l < n && a[l] > a[m]) m = l;
        if (l + 1 < n && a[l + 1] > a[m]) m = l + 1;
        if (m == i) return;
        int32_t t = a[i]; a[i] = a[m]; a[m] = t;
        i = m;
    }
}
static void heap(int32_t *a, int n)
{
    for (int i = n / 2 - 1; i >= 0; i--)
        sift(a, i, n);
    for (int k = n - 1; k > 0; k--) {
        int32_t t = a[0]; a[0] = a[k]; a[k] = t;
        sift(a, 0, k);
    }
}
static void merge(int32_t *a, int32_t *tmp, int n)
{
    if (n < 2) return;
    int h = n / 2;
    merge(a, tmp, h);
    merge(a + h, tmp, n - h);
    int i = 0, j = h, k = 0;
    while (i < h && j < n) tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
    while (i < h) tmp[k++] = a[i++];
    while (j < n) tmp[k++] = a[j++];
    memcpy(a, tmp, (size_t)n * sizeof *a);
}
static void quick(int32_t *a, int lo, int hi)
{
    while (lo < hi) {
        int32_t p = a[lo + (hi - lo) / 2];
        int i = lo, j = hi;
        while (i <= j) {
            while (a[i] < p) i++;
            while (a[j] > p) j--;
            if (i <= j) { int32_t t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
        }
        if (j - lo < hi - i) { quick(a, lo, j); lo = i; }
        else { quick(a, i, hi); hi = j; }
    }
}
static void radix(int32_t *a, int32_t *tmp, int n)
{
    for (int shift = 0; shift < 32; shift += 8) {
        unsigned cnt[257] = { 0 };
        for (int i = 0; i < n; i++)
            cnt[(((uint32_t)a[i] ^ 0x80000000u) >> shift & 0xff) + 1]++;
        for (int i = 0; i < 256; i++)
            cnt[i + 1] += cnt[i];
        for (int i = 0; i < n; i++)
            tmp[cnt[((uint32_t)a[i] ^ 0x80000000u) >> shift & 0xff]++] = a[i];
        memcpy(a, tmp, (size_t)n * sizeof *a);
    }
}

static uint32_t digest(const int32_t *a, int n)
{
    uint32_t h = 0;
    for (int i = 0; i < n; i++)
        h = h * 1000003u ^ (uint32_t)a[i];
    return h;
}

int main(void)
{
    static int32_t orig[N], a[N], tmp[N];
    for (int i = 0; i < N; i++)
        orig[i] = (int32_t)rnd();
    const char *names[] = { "insertion", "shell", "heap", "merge", "quick", "radix" };
    for (int alg = 0; alg < 6; alg++) {
        int n = alg == 0 ? 3000 : N;
        memcpy(a, orig, sizeof a);
        switch (alg) {
        case 0: insertion(a, n); break;
        case 1: shell(a, n); break;
        case 2: heap(a, n); break;
        case 3: merge(a, tmp, n); break;
        case 4: quick(a, 0, n - 1); break;
        case 5: radix(a, tmp, n); break;
        }
        int ok = 1;
        for (int i = 1; i < n; i++)
            if (a[i - 1] > a[i]) ok = 0;
        printf("%-9s n=%d ok=%d digest=%08x min=%d max=%d\n", names[alg], n, ok, digest(a, n), a[0], a[n - 1]);
    }
    return 0;
}
