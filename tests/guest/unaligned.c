/* Unaligned accesses: packed structs, memcpy to/from odd offsets, and
   word loads/stores at every byte offset (ARMv7 allows unaligned
   ldr/str/ldrh/strh; ldrd/ldm must be aligned and the compiler knows). */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

struct __attribute__((packed)) pk {
    uint8_t a;
    uint32_t b;
    uint16_t c;
    uint64_t d;
    int32_t e;
    double f;
};

typedef uint32_t __attribute__((aligned(1))) u32u;
typedef uint16_t __attribute__((aligned(1))) u16u;
typedef uint64_t __attribute__((aligned(1))) u64u;

static unsigned char buf[256];

/* Values as a little-endian CPU sees the same bytes, so that big-endian
   guests print what the native (x86-64) build prints. */
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
static uint16_t le16(uint16_t v) { return __builtin_bswap16(v); }
static uint32_t le32(uint32_t v) { return __builtin_bswap32(v); }
static uint64_t le64(uint64_t v) { return __builtin_bswap64(v); }
#else
static uint16_t le16(uint16_t v) { return v; }
static uint32_t le32(uint32_t v) { return v; }
static uint64_t le64(uint64_t v) { return v; }
#endif

__attribute__((noinline)) static uint32_t load32(const void *p) { return *(const u32u *)p; }
__attribute__((noinline)) static void store32(void *p, uint32_t v) { *(u32u *)p = v; }
__attribute__((noinline)) static uint16_t load16(const void *p) { return *(const u16u *)p; }
__attribute__((noinline)) static uint64_t load64(const void *p) { return *(const u64u *)p; }

int main(void)
{
    for (int i = 0; i < 256; i++)
        buf[i] = (unsigned char)(i * 13 + 7);
    uint32_t h = 0;
    for (int off = 0; off < 16; off++) {
        uint32_t v = le32(load32(buf + off));
        uint16_t s = le16(load16(buf + off + 1));
        uint64_t q = le64(load64(buf + off + 3));
        printf("off %2d: %08x %04x %016llx\n", off, v, s, (unsigned long long)q);
        h = h * 31 + v + s + (uint32_t)(q >> 16);
    }
    for (int off = 0; off < 8; off++) {
        store32(buf + 100 + off, le32(0xa1b2c3d4u + (uint32_t)off));
        uint32_t m;
        memcpy(&m, buf + 99 + off, 4);
        h = h * 31 + le32(m);
    }
    printf("h %08x\n", h);

    struct pk p[5];
    memset(p, 0, sizeof p);
    for (int i = 0; i < 5; i++) {
        p[i].a = (uint8_t)i;
        p[i].b = 0x01020304u * (uint32_t)(i + 1);
        p[i].c = (uint16_t)(0xbeef + i);
        p[i].d = 0x1122334455667788ull * (uint64_t)(i + 1);
        p[i].e = -i * 1000;
        p[i].f = i * 1.25;
    }
    uint64_t sum = 0;
    double fs = 0;
    for (int i = 0; i < 5; i++) {
        sum += p[i].a + p[i].b + p[i].c + p[i].d + (uint64_t)(int64_t)p[i].e;
        fs += p[i].f;
        p[i].b += p[i].c;
        p[i].d ^= p[i].b;
    }
    printf("packed size=%u sum=%016llx fs=%g\n", (unsigned)sizeof p, (unsigned long long)sum, fs);
    for (int i = 0; i < 5; i++) { /* the little-endian image, for the byte hash */
        p[i].b = le32(p[i].b);
        p[i].c = le16(p[i].c);
        p[i].d = le64(p[i].d);
        p[i].e = (int32_t)le32((uint32_t)p[i].e);
        uint64_t fb;
        memcpy(&fb, &p[i].f, 8);
        fb = le64(fb);
        memcpy(&p[i].f, &fb, 8);
    }
    uint32_t ph = 0;
    const unsigned char *raw = (const unsigned char *)p;
    for (unsigned i = 0; i < sizeof p; i++)
        ph = ph * 33 + raw[i];
    printf("packed bytes %08x\n", ph);

    /* Unaligned doubles via memcpy. */
    unsigned char dbuf[64];
    double dv = 3.0;
    for (int off = 0; off < 8; off++) {
        memcpy(dbuf + off, &dv, sizeof dv);
        double r;
        memcpy(&r, dbuf + off, sizeof r);
        dv = r * 1.5 + off;
    }
    printf("dv %.17g\n", dv);
    return 0;
}
