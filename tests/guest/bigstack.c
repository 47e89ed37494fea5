/* Big stack frames: a 256 KiB local array, a recursion with 8 KiB frames,
   and alloca/VLA. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <alloca.h>

__attribute__((noinline)) static uint32_t big_frame(uint32_t seed)
{
    volatile uint32_t arr[65536]; /* 256 KiB */
    for (int i = 0; i < 65536; i++)
        arr[i] = seed = seed * 1103515245u + 12345u;
    uint32_t h = 0;
    for (int i = 65535; i >= 0; i -= 3)
        h = h * 31 + arr[i];
    return h;
}

__attribute__((noinline)) static uint32_t rec(int n)
{
    volatile unsigned char buf[8192];
    buf[0] = (unsigned char)n;
    buf[8191] = (unsigned char)(n * 3);
    if (n == 0)
        return buf[0] + buf[8191];
    return rec(n - 1) * 3 + buf[0] + buf[8191];
}

__attribute__((noinline)) static uint32_t vla(int n)
{
    uint32_t a[n];
    unsigned char *b = alloca((size_t)n * 4 + 3);
    for (int i = 0; i < n; i++)
        a[i] = (uint32_t)i * 2654435761u;
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    for (int i = 0; i < n; i++) /* hash the little-endian image on every CPU */
        a[i] = __builtin_bswap32(a[i]);
#endif
    memcpy(b + 3, a, (size_t)n * 4);
    uint32_t h = 0;
    for (int i = 0; i < n * 4; i++)
        h = h * 33 + b[3 + i];
    return h;
}

int main(void)
{
    printf("big_frame %08x\n", big_frame(1));
    printf("rec %08x\n", rec(200)); /* 1.6 MiB of stack */
    printf("vla %08x %08x\n", vla(10), vla(50000));
    return 0;
}
