/*
 * SPARC integer to floating-point conversions (fitos, fitod, fxtos,
 * fxtod) on both sides of the exactly representable range (2^24 for a
 * single, 2^53 for a double, and the extremes), in the four FSR rounding
 * modes, with the FSR's cexc and aexc before: the result's bits and the
 * FSR after (cexc NX and aexc NX only when rounded).  mimic converts the
 * exact ones without switching the host's FP environment.
 * Expected output: qemu-sparc32plus's.
 */
#include <stdint.h>
#include <stdio.h>

static uint32_t get_fsr(void)
{
    uint32_t f;
    __asm__ volatile("st %%fsr, %0" : "=m"(f));
    return f;
}

static void set_fsr(uint32_t f)
{
    __asm__ volatile("ld %0, %%fsr" : : "m"(f));
}

static const int64_t V[] = {
    0, 1, -1, 7, (1 << 24) - 1, 1 << 24, (1 << 24) + 1, (1 << 24) + 2, -(1 << 24), -(1 << 24) - 1,
    INT32_MAX, INT32_MIN, (1ll << 53) - 1, 1ll << 53, (1ll << 53) + 1, -(1ll << 53), -(1ll << 53) - 1,
    (1ll << 53) + 3, INT64_MAX, INT64_MIN, INT64_MIN + 1,
};

int main(void)
{
    /* fsr before: rd, and nothing or every cexc and aexc bit but NX */
    static const uint32_t pre[] = { 0, 0xf << 5 | 0xf };
    for (unsigned i = 0; i < sizeof V / sizeof V[0]; i++) {
        static int64_t x __attribute__((aligned(8)));
        static int32_t w;
        x = V[i];
        w = (int32_t)V[i];
        for (uint32_t rd = 0; rd < 4; rd++) {
            for (unsigned p = 0; p < 2; p++) {
                uint32_t fsr0 = rd << 30 | pre[p];
                float fs;
                double fd;
                uint32_t us, fsr1, fsr2, fsr3, fsr4;
                uint64_t ud;
                printf("%20lld rd%u pre %03x:", (long long)V[i], rd, pre[p]);
                set_fsr(fsr0);
                __asm__ volatile("ld %1, %%f0\n\tfitos %%f0, %0" : "=f"(fs) : "m"(w) : "f0");
                fsr1 = get_fsr();
                __builtin_memcpy(&us, &fs, 4);
                printf(" fitos %08x %08x", us, fsr1);
                set_fsr(fsr0);
                __asm__ volatile("ld %1, %%f0\n\tfitod %%f0, %0" : "=e"(fd) : "m"(w) : "f0");
                fsr2 = get_fsr();
                __builtin_memcpy(&ud, &fd, 8);
                printf(" fitod %016llx %08x", (unsigned long long)ud, fsr2);
                set_fsr(fsr0);
                __asm__ volatile("ldd %1, %%f0\n\tfxtos %%f0, %0" : "=f"(fs) : "m"(x) : "f0", "f1");
                fsr3 = get_fsr();
                __builtin_memcpy(&us, &fs, 4);
                printf(" fxtos %08x %08x", us, fsr3);
                set_fsr(fsr0);
                __asm__ volatile("ldd %1, %%f0\n\tfxtod %%f0, %0" : "=e"(fd) : "m"(x) : "f0", "f1");
                fsr4 = get_fsr();
                __builtin_memcpy(&ud, &fd, 8);
                printf(" fxtod %016llx %08x\n", (unsigned long long)ud, fsr4);
            }
        }
    }
    return 0;
}
