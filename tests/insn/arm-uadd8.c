/*
 * UADD8 and SEL, which mimic translates inline (no helper): UADD8's lane
 * sums and GE bits (carry out of each byte) for vectors at the byte
 * boundaries, and SEL under each of the 16 GE values set with msr, in A32
 * and T32.  glibc's string functions use the pair to find zero bytes.
 * Expected output (arm-uadd8.expected) from the ARM ARM's definitions.
 */
#include "arm-common.h"

#define GE_OF(apsr) (((apsr) >> 16) & 15)

static uint32_t __attribute__((noinline, target("arm"))) a_uadd8(uint32_t a, uint32_t b, uint32_t *ge)
{
    uint32_t r, f;
    __asm__ volatile("uadd8 %[r], %[a], %[b]\n\tmrs %[f], APSR" : [r] "=&r"(r), [f] "=&r"(f) : [a] "r"(a), [b] "r"(b) : "cc");
    *ge = GE_OF(f);
    return r;
}

static uint32_t __attribute__((noinline, target("thumb"))) t_uadd8(uint32_t a, uint32_t b, uint32_t *ge)
{
    uint32_t r, f;
    __asm__ volatile("uadd8 %[r], %[a], %[b]\n\tmrs %[f], APSR" : [r] "=&r"(r), [f] "=&r"(f) : [a] "r"(a), [b] "r"(b) : "cc");
    *ge = GE_OF(f);
    return r;
}

static uint32_t __attribute__((noinline, target("arm"))) a_sel(uint32_t ge, uint32_t a, uint32_t b)
{
    uint32_t r;
    __asm__ volatile("msr APSR_g, %[g]\n\tsel %[r], %[a], %[b]" : [r] "=&r"(r) : [g] "r"(ge << 16), [a] "r"(a), [b] "r"(b) : "cc");
    return r;
}

static uint32_t __attribute__((noinline, target("thumb"))) t_sel(uint32_t ge, uint32_t a, uint32_t b)
{
    uint32_t r;
    __asm__ volatile("msr APSR_g, %[g]\n\tsel %[r], %[a], %[b]" : [r] "=&r"(r) : [g] "r"(ge << 16), [a] "r"(a), [b] "r"(b) : "cc");
    return r;
}

/* uadd8 then sel, as strlen does: the zero bytes of x become 0xff. */
static uint32_t __attribute__((noinline, target("thumb"))) t_zero_bytes(uint32_t x)
{
    uint32_t r, t;
    __asm__ volatile("uadd8 %[t], %[x], %[k]\n\tsel %[r], %[z], %[f]"
                     : [r] "=&r"(r), [t] "=&r"(t)
                     : [x] "r"(x), [k] "r"(0xfefefefeu), [z] "r"(0u), [f] "r"(0xffffffffu)
                     : "cc");
    return r;
}

static void show_ge(const char *name, uint32_t r, uint32_t ge)
{
    out_str(name);
    out_str(": ");
    out_hex(r);
    out_str(" ge=");
    out_hex(ge);
    out_str("\n");
}

int main(void)
{
    static const uint32_t v[] = { 0, 0x01010101, 0x7f7f7f7f, 0x80808080, 0xffffffff,
                                  0x80ff0102, 0x80010203, 0x00ff00ff, 0xfe01807f, 0x12345678 };
    const unsigned n = sizeof(v) / sizeof(v[0]);
    uint32_t ge;
    for (unsigned i = 0; i < n; i++)
        for (unsigned j = 0; j < n; j++) {
            uint32_t r = a_uadd8(v[i], v[j], &ge);
            show_ge("a_uadd8", r, ge);
            r = t_uadd8(v[i], v[j], &ge);
            show_ge("t_uadd8", r, ge);
        }
    for (uint32_t g = 0; g < 16; g++) {
        show("a_sel", a_sel(g, 0x11223344, 0xaabbccdd));
        show("t_sel", t_sel(g, 0x11223344, 0xaabbccdd));
    }
    for (unsigned i = 0; i < n; i++)
        show("zero_bytes", t_zero_bytes(v[i]));
    return 0;
}
