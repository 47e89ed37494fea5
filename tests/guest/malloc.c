/* Heavy malloc/free/realloc/calloc with random sizes (small, medium, and
   mmap-sized), contents written and checksummed, plus posix_memalign.
   Exercises brk, mmap, munmap and mremap in the emulator. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

static uint32_t seed = 7;
static uint32_t rnd(void) { seed ^= seed << 13; seed ^= seed >> 17; seed ^= seed << 5; return seed; }

enum { SLOTS = 512 };
static unsigned char *ptr[SLOTS];
static size_t len[SLOTS];
static uint8_t tag[SLOTS];

static void fill(int i)
{
    for (size_t k = 0; k < len[i]; k++)
        ptr[i][k] = (unsigned char)(tag[i] + k * 7);
}
static int check(int i, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (ptr[i][k] != (unsigned char)(tag[i] + k * 7))
            return 0;
    return 1;
}

int main(void)
{
    int bad = 0;
    uint64_t total = 0;
    for (int iter = 0; iter < 20000; iter++) {
        int i = (int)(rnd() % SLOTS);
        uint32_t r = rnd();
        size_t n;
        switch (r % 64) {
        case 0: n = 140000 + r % 200000; break;     /* mmap-sized (threshold 128 KiB) */
        case 1: case 2: case 3: case 4: case 5: case 6: n = 4096 + r % 20000; break;
        default: n = 1 + r % 300; break;
        }
        if (ptr[i] && (r >> 8) % 3 == 0) {
            /* realloc: old prefix must survive */
            size_t keep = len[i] < n ? len[i] : n;
            unsigned char *p = realloc(ptr[i], n);
            if (!p) { printf("realloc failed\n"); return 1; }
            ptr[i] = p;
            if (!check(i, keep))
                bad++;
            len[i] = n;
            fill(i);
        } else {
            if (ptr[i]) {
                if (!check(i, len[i]))
                    bad++;
                free(ptr[i]);
            }
            if ((r >> 8) % 5 == 0) {
                ptr[i] = calloc(n, 1);
                if (!ptr[i]) { printf("calloc failed\n"); return 1; }
                for (size_t k = 0; k < n; k++)
                    if (ptr[i][k]) { bad++; break; }
            } else {
                ptr[i] = malloc(n);
                if (!ptr[i]) { printf("malloc failed\n"); return 1; }
            }
            len[i] = n;
            tag[i] = (uint8_t)r;
            fill(i);
        }
        total += n;
    }
    uint32_t h = 0;
    for (int i = 0; i < SLOTS; i++) {
        if (!ptr[i])
            continue;
        if (!check(i, len[i]))
            bad++;
        for (size_t k = 0; k < len[i]; k += 97)
            h = h * 31 + ptr[i][k];
        free(ptr[i]);
    }
    int align_ok = 1;
    for (size_t al = 8; al <= 65536; al *= 2) {
        void *p;
        if (posix_memalign(&p, al, 1000) != 0 || ((uintptr_t)p & (al - 1)))
            align_ok = 0;
        else
            free(p);
    }
    printf("bad=%d total=%llu hash=%08x align_ok=%d\n", bad, (unsigned long long)total, h, align_ok);
    return bad != 0;
}
