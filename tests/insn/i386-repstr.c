/*
 * i386 rep string instructions followed, in the same block, by
 * instructions that read what the loop left: registers (esi, edi, ecx,
 * eax), memory, and flags (after repz/repnz cmps and scas: set by the
 * last iteration, or unchanged when ecx was 0).  The translator runs the
 * loop inside the block and goes on after it.  Forward and backward
 * (std), counts 0, 1 and more, byte and dword, an overlapping forward
 * movsb (which replicates, element by element), and each case run enough
 * times to be translated in a hot region too.  Each line is checked
 * against a C model and printed.
 * Expected output: qemu-i386's (the same as mimic's before the change).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static unsigned char buf[64], ref[64];
static unsigned bad;
static int quiet; /* the repeats (for a hot region) print nothing */

static void fill(unsigned char *b)
{
    for (int i = 0; i < 64; i++)
        b[i] = (unsigned char)(i * 7 + 3);
}

/* rep movsb/movsl, then read esi/edi/ecx and a byte of the destination in
   the same block. */
static void movs(int dword, int back, int src, int dst, uint32_t n)
{
    uint32_t si = (uint32_t)(uintptr_t)(buf + src), di = (uint32_t)(uintptr_t)(buf + dst), c = n, sum;
    fill(buf);
    fill(ref);
    if (dword)
        __asm__ volatile("test %[back], %[back]\n\t"
                         "jz 1f\n\t"
                         "std\n"
                         "1:\trep movsl\n\t"
                         "cld\n\t"
                         "movzbl -1(%%edi), %[sum]\n\t"
                         "addl %%ecx, %[sum]\n\t"
                         : "+S"(si), "+D"(di), "+c"(c), [sum] "=&r"(sum)
                         : [back] "r"(back)
                         : "memory", "cc");
    else
        __asm__ volatile("test %[back], %[back]\n\t"
                         "jz 1f\n\t"
                         "std\n"
                         "1:\trep movsb\n\t"
                         "cld\n\t"
                         "movzbl -1(%%edi), %[sum]\n\t"
                         "addl %%ecx, %[sum]\n\t"
                         : "+S"(si), "+D"(di), "+c"(c), [sum] "=&r"(sum)
                         : [back] "r"(back)
                         : "memory", "cc");
    int sz = dword ? 4 : 1, step = back ? -sz : sz;
    int s = src, d = dst;
    for (uint32_t k = 0; k < n; k++, s += step, d += step)
        for (int j = 0; j < sz; j++)
            ref[d + j] = ref[s + j];
    uint32_t esi = (uint32_t)(uintptr_t)(buf + s), edi = (uint32_t)(uintptr_t)(buf + d);
    uint32_t msum = (uint32_t)ref[d - 1];
    if (si != esi || di != edi || c != 0 || sum != msum || memcmp(buf, ref, sizeof buf))
        bad++;
    if (!quiet)
        printf("movs%c %s src %2d dst %2d n %2u: esi %+d edi %+d sum %u\n", dword ? 'l' : 'b', back ? "std" : "cld",
           src, dst, n, (int)(si - (uint32_t)(uintptr_t)buf), (int)(di - (uint32_t)(uintptr_t)buf), sum);
}

/* rep stosb/stosl, then read edi/ecx/eax in the same block. */
static void stos(int dword, uint32_t n, uint32_t val)
{
    uint32_t di = (uint32_t)(uintptr_t)(buf + 8), c = n, a = val, r;
    fill(buf);
    fill(ref);
    if (dword)
        __asm__ volatile("rep stosl\n\t"
                         "leal 1(%%ecx,%%eax), %[r]\n\t"
                         : "+D"(di), "+c"(c), "+a"(a), [r] "=&r"(r)
                         :
                         : "memory");
    else
        __asm__ volatile("rep stosb\n\t"
                         "leal 1(%%ecx,%%eax), %[r]\n\t"
                         : "+D"(di), "+c"(c), "+a"(a), [r] "=&r"(r)
                         :
                         : "memory");
    int sz = dword ? 4 : 1;
    for (uint32_t k = 0; k < n * (uint32_t)sz; k++)
        ref[8 + k] = (unsigned char)(val >> (8 * (k % (uint32_t)sz)));
    if (di != (uint32_t)(uintptr_t)(buf + 8 + n * (uint32_t)sz) || c != 0 || r != val + 1 || memcmp(buf, ref, sizeof buf))
        bad++;
    if (!quiet)
        printf("stos%c n %2u: edi %+d r %08x\n", dword ? 'l' : 'b', n, (int)(di - (uint32_t)(uintptr_t)buf), r);
}

/* repz/repnz cmpsb and scasb, then setz/setc/sets in the same block
   (flags of the last comparison made; none made: the flags set before,
   by `cmp pre_a, pre_b`). */
static void cmps(int repnz, const char *x, const char *y, uint32_t n, uint32_t pre_a, uint32_t pre_b)
{
    uint32_t si = (uint32_t)(uintptr_t)x, di = (uint32_t)(uintptr_t)y, c = n, fl;
    if (repnz)
        __asm__ volatile("cmpl %[pb], %[pa]\n\t"
                         "repnz cmpsb\n\t"
                         "setz %b[fl]\n\t"
                         "setc %h[fl]\n\t"
                         "movzwl %w[fl], %[fl]\n\t"
                         : "+S"(si), "+D"(di), "+c"(c), [fl] "=&Q"(fl)
                         : [pa] "r"(pre_a), [pb] "r"(pre_b)
                         : "memory", "cc");
    else
        __asm__ volatile("cmpl %[pb], %[pa]\n\t"
                         "repz cmpsb\n\t"
                         "setz %b[fl]\n\t"
                         "setc %h[fl]\n\t"
                         "movzwl %w[fl], %[fl]\n\t"
                         : "+S"(si), "+D"(di), "+c"(c), [fl] "=&Q"(fl)
                         : [pa] "r"(pre_a), [pb] "r"(pre_b)
                         : "memory", "cc");
    /* the model */
    uint32_t k = 0, z = pre_a == pre_b, cy = pre_a < pre_b;
    while (k < n) {
        unsigned char a = (unsigned char)x[k], b = (unsigned char)y[k];
        k++;
        z = a == b;
        cy = a < b;
        if (repnz ? z : !z)
            break;
    }
    if (si != (uint32_t)(uintptr_t)(x + k) || di != (uint32_t)(uintptr_t)(y + k) || c != n - k ||
        (fl & 0xff) != z || (fl >> 8) != cy)
        bad++;
    if (!quiet)
        printf("%s cmpsb n %2u pre %u,%u: ecx %2u zf %u cf %u\n", repnz ? "repnz" : "repz ", n, pre_a, pre_b, c,
           fl & 0xff, fl >> 8);
}

static void scas(const char *y, uint32_t n, unsigned char v)
{
    uint32_t di = (uint32_t)(uintptr_t)y, c = n, a = v, fl;
    __asm__ volatile("xorl %[fl], %[fl]\n\t" /* ZF = 1, CF = 0 before */
                     "repnz scasb\n\t"
                     "setz %b[fl]\n\t"
                     "setc %h[fl]\n\t"
                     "movzwl %w[fl], %[fl]\n\t"
                     : "+D"(di), "+c"(c), [fl] "=&Q"(fl)
                     : "a"(a)
                     : "memory", "cc");
    uint32_t k = 0, z = 1, cy = 0;
    while (k < n) {
        unsigned char b = (unsigned char)y[k++];
        z = v == b;
        cy = v < b;
        if (z)
            break;
    }
    if (di != (uint32_t)(uintptr_t)(y + k) || c != n - k || (fl & 0xff) != z || (fl >> 8) != cy)
        bad++;
    if (!quiet)
        printf("repnz scasb %02x n %2u: ecx %2u zf %u cf %u\n", v, n, c, fl & 0xff, fl >> 8);
}

int main(void)
{
    static const char s1[] = "abcdefghijklmnop", s2[] = "abcdefgXijklmnop", s3[] = "zzzzzzzzzzzzzzzz";
    for (int round = 0; round < 3; round++) {
        bad = 0;
        for (int rep = 0; rep < (round ? 40 : 1); rep++) {
            quiet = rep > 0;
            movs(0, 0, 4, 20, 0);
            movs(0, 0, 4, 20, 1);
            movs(0, 0, 4, 20, 13);
            movs(0, 0, 4, 5, 9);   /* overlapping forward: replicates buf[4] */
            movs(0, 1, 30, 45, 7);
            movs(1, 0, 8, 24, 5);
            movs(1, 1, 40, 20, 3);
            movs(1, 0, 8, 24, 0);
            stos(0, 0, 0x5a);
            stos(0, 11, 0x5a);
            stos(1, 6, 0x11223344);
            cmps(0, s1, s2, 16, 1, 2);
            cmps(0, s1, s1, 16, 1, 2);
            cmps(0, s1, s2, 0, 1, 2);
            cmps(0, s1, s2, 0, 2, 2);
            cmps(1, s1, s3, 16, 2, 1);
            cmps(1, s3, s3, 5, 2, 1);
            scas(s1, 16, 'h');
            scas(s1, 16, '!');
            scas(s1, 0, 'a');
        }
        quiet = 0;
        printf("differences from the model: %u\n", bad);
    }
    return 0;
}
