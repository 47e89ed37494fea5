/* String and memory functions on many sizes and alignments.  glibc's ARM
   versions of these are hand-written assembly (NEON-free paths, ldrd/strd,
   unaligned tails, clz tricks) -- a good workout for the translator. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

/* GCC's range analysis sees a huge bound in the memcmp loop below (it is
   at most 4000); silence that false positive. */
#pragma GCC diagnostic ignored "-Wstringop-overread"

#define BUF 4096
static unsigned char a[BUF + 64], b[BUF + 64], c[BUF + 64];
static uint32_t h = 5381;
static void mixb(const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++)
        h = h * 33 + s[i];
}
static void mixi(int v) { h = h * 33 + (uint32_t)v; }
static int sgn(int v) { return (v > 0) - (v < 0); }

static uint32_t seed = 12345;
static unsigned rnd(void) { seed = seed * 1103515245u + 12345u; return (seed >> 16) & 0x7fff; }

static const size_t sizes[] = { 0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65,
                                100, 127, 128, 129, 255, 256, 257, 511, 512, 1000, 1023, 1024, 2047, 4000 };
#define NS (sizeof sizes / sizeof sizes[0])

int main(void)
{
    for (int i = 0; i < BUF + 64; i++)
        a[i] = (unsigned char)(rnd() & 0xff);

    /* memcpy / memmove / memset / memcmp at every alignment pair (0..7). */
    for (size_t si = 0; si < NS; si++) {
        size_t n = sizes[si];
        for (int sa = 0; sa < 8; sa++)
            for (int da = 0; da < 8; da++) {
                memset(b, 0xaa, sizeof b);
                memcpy(b + da, a + sa, n);
                mixb(b, n + 16);
                mixi(sgn(memcmp(b + da, a + sa, n)));
                if (n) {
                    b[da + n / 2] ^= 0x80;
                    mixi(sgn(memcmp(b + da, a + sa, n)));
                }
            }
        /* Overlapping memmove both directions. */
        for (int off = -9; off <= 9; off++) {
            memcpy(c, a, BUF);
            if (off >= 0)
                memmove(c + off, c, n);
            else
                memmove(c, c - off, n);
            mixb(c, n + 20);
        }
        for (int da = 0; da < 8; da++) {
            memset(b, 0, n + 16);
            memset(b + da, da * 37 + 1, n);
            mixb(b, n + 16);
        }
    }
    printf("mem %08x\n", h);

    /* strlen / strchr / strrchr / strcmp / strncmp / strcpy / strcat / strstr. */
    char s1[600], s2[600];
    for (size_t len = 0; len < 300; len += (len < 40 ? 1 : 13)) {
        for (int al = 0; al < 8; al++) {
            char *p = s1 + al, *q = s2 + (7 - al);
            for (size_t i = 0; i < len; i++)
                p[i] = (char)('a' + (i * 7 + len) % 26);
            p[len] = 0;
            mixi((int)strlen(p));
            mixi((int)strnlen(p, len / 2));
            strcpy(q, p);
            mixi(strcmp(p, q) == 0);
            if (len) {
                q[len - 1] = 'A';
                mixi(sgn(strcmp(p, q)));
                mixi(sgn(strncmp(p, q, len - 1)));
                q[len - 1] = (char)0xe9; /* high bit set: compare as unsigned */
                mixi(sgn(strcmp(p, q)));
            }
            char *x = strchr(p, 'q');
            mixi(x ? (int)(x - p) : -1);
            x = strrchr(p, 'c');
            mixi(x ? (int)(x - p) : -1);
            x = strchr(p, 0);
            mixi((int)(x - p));
            x = memchr(p, 'z', len);
            mixi(x ? (int)(x - p) : -1);
            if (len > 6) {
                char needle[8];
                memcpy(needle, p + len - 5, 4);
                needle[4] = 0;
                x = strstr(p, needle);
                mixi(x ? (int)(x - p) : -1);
            }
            mixi((int)strspn(p, "abcdefgh"));
            mixi((int)strcspn(p, "xyz"));
        }
    }
    printf("str %08x\n", h);

    char big[256];
    strcpy(big, "hello");
    strcat(big, ", ");
    static const char more[] = "world and more";
    const char *volatile src = more; /* (truncation is the point) */
    strncat(big, src, 5);
    strcat(big, "!");
    printf("%s %zu\n", big, strlen(big));
    printf("strstr: %s\n", strstr("the quick brown fox jumps", "fox"));
    printf("strtok:");
    char tok[] = "a,b,,c;d e";
    for (char *t = strtok(tok, ",; "); t; t = strtok(NULL, ",; "))
        printf(" [%s]", t);
    printf("\n");
    printf("strncpy pad:");
    char pad[12];
    memset(pad, 'X', sizeof pad);
    strncpy(pad, "abc", 8);
    for (int i = 0; i < 12; i++)
        printf(" %02x", (unsigned char)pad[i]);
    printf("\n");
    return 0;
}
