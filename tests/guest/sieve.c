/* Sieve of Eratosthenes (byte array and bit array), prime counting,
   twin primes and a Goldbach check. */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    enum { N = 2000000 };
    unsigned char *s = malloc(N + 1);
    memset(s, 1, N + 1);
    s[0] = s[1] = 0;
    for (unsigned i = 2; i * i <= N; i++)
        if (s[i])
            for (unsigned j = i * i; j <= N; j += i)
                s[j] = 0;
    unsigned count = 0, twins = 0, last = 0;
    uint32_t h = 0;
    for (unsigned i = 2; i <= N; i++)
        if (s[i]) {
            count++;
            if (last && i - last == 2)
                twins++;
            last = i;
            h = h * 31 + i;
        }
    printf("primes<=%d: %u twins %u largest %u hash %08x\n", N, count, twins, last, h);

    /* Bit sieve of odd numbers. */
    enum { M = 4000000 };
    uint32_t *bits = calloc(M / 64 + 1, 4);
    for (unsigned i = 3; i * i < M; i += 2)
        if (!(bits[i / 64] & (1u << ((i / 2) & 31))))
            for (unsigned j = i * i; j < M; j += 2 * i)
                bits[j / 64] |= 1u << ((j / 2) & 31);
    unsigned c2 = 1;
    for (unsigned i = 3; i < M; i += 2)
        if (!(bits[i / 64] & (1u << ((i / 2) & 31))))
            c2++;
    printf("bit sieve primes<%d: %u\n", M, c2);

    unsigned ok = 0;
    for (unsigned n = 4; n <= 20000; n += 2)
        for (unsigned p = 2; p <= n / 2; p++)
            if (s[p] && s[n - p]) {
                ok++;
                break;
            }
    printf("goldbach ok %u\n", ok);
    free(s);
    free(bits);
    return 0;
}
