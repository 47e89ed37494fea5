/*
 * ARMv8 AArch32 integer instructions: crc32{b,h,w} and crc32c{b,h,w} give
 * the standard check values of "123456789" (CRC-32 0xcbf43926, CRC-32C
 * 0xe3069283) byte by byte, halfword by halfword (where the length allows)
 * and word by word plus a tail; lda/stl and ldaex/stlex move data like
 * ldr/str and ldrex/strex.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint32_t crc_b(const char *s, size_t n, int c)
{
    uint32_t v = ~0u;
    for (size_t i = 0; i < n; i++) {
        uint32_t b = (uint8_t)s[i];
        if (c)
            __asm__("crc32cb %0, %0, %1" : "+r"(v) : "r"(b));
        else
            __asm__("crc32b %0, %0, %1" : "+r"(v) : "r"(b));
    }
    return ~v;
}

static uint32_t crc_w(const char *s, size_t n, int c)
{
    uint32_t v = ~0u, w;
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        memcpy(&w, s + i, 4);
        if (c)
            __asm__("crc32cw %0, %0, %1" : "+r"(v) : "r"(w));
        else
            __asm__("crc32w %0, %0, %1" : "+r"(v) : "r"(w));
    }
    for (; i + 2 <= n; i += 2) {
        uint16_t h;
        memcpy(&h, s + i, 2);
        w = h;
        if (c)
            __asm__("crc32ch %0, %0, %1" : "+r"(v) : "r"(w));
        else
            __asm__("crc32h %0, %0, %1" : "+r"(v) : "r"(w));
    }
    for (; i < n; i++) {
        w = (uint8_t)s[i];
        if (c)
            __asm__("crc32cb %0, %0, %1" : "+r"(v) : "r"(w));
        else
            __asm__("crc32b %0, %0, %1" : "+r"(v) : "r"(w));
    }
    return ~v;
}

int main(void)
{
    const char *s = "123456789";
    printf("crc32  bytes %08x words %08x\n", crc_b(s, 9, 0), crc_w(s, 9, 0));
    printf("crc32c bytes %08x words %08x\n", crc_b(s, 9, 1), crc_w(s, 9, 1));
    printf("crc32  10 bytes (halfword tail) %08x %08x\n", crc_b("1234567890", 10, 0), crc_w("1234567890", 10, 0));

    static volatile uint32_t word = 0x11223344;
    static volatile uint16_t half = 0xbeef;
    static volatile uint8_t byte = 0x7f;
    uint32_t a, b, c, st;
    __asm__ volatile("lda %0, [%3]\n\tldah %1, [%4]\n\tldab %2, [%5]"
                     : "=&r"(a), "=&r"(b), "=&r"(c)
                     : "r"(&word), "r"(&half), "r"(&byte)
                     : "memory");
    printf("lda %08x ldah %04x ldab %02x\n", a, b, c);
    __asm__ volatile("stl %0, [%3]\n\tstlh %1, [%4]\n\tstlb %2, [%5]"
                     :
                     : "r"(0xcafef00du), "r"(0x1234u), "r"(0x56u), "r"(&word), "r"(&half), "r"(&byte)
                     : "memory");
    printf("stl %08x stlh %04x stlb %02x\n", word, half, byte);
    __asm__ volatile("ldaex %0, [%2]\n\tadd %0, %0, #1\n\tstlex %1, %0, [%2]"
                     : "=&r"(a), "=&r"(st)
                     : "r"(&word)
                     : "memory");
    printf("ldaex/stlex status %u word %08x\n", st, word);
    /* stlex without a reservation fails */
    __asm__ volatile("clrex\n\tstlex %0, %1, [%2]" : "=&r"(st) : "r"(1u), "r"(&word) : "memory");
    printf("stlex after clrex status %u word %08x\n", st, word);
    return 0;
}
