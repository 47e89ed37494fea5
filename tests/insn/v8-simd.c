/*
 * ARMv8 AArch32 SIMD and floating point with known answers: AES-128 of the
 * FIPS-197 appendix C.1 example (key 000102..0f, plaintext 00112233..ff,
 * ciphertext 69c4e0d86a7b0430d8cdb78070b4c55a; the key schedule uses aese
 * with a zero key as the S-box), a carry-less vmull.p64, and vrint and vcvt
 * in each rounding mode on the halfway cases (flags: IXC 0x10, IOC 0x01).
 */
#include <arm_neon.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint8_t sbox(uint8_t x)
{
    return vgetq_lane_u8(vaeseq_u8(vdupq_n_u8(x), vdupq_n_u8(0)), 0);
}

static uint32_t bits(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}

int main(void)
{
    static const uint8_t rcon[10] = {1, 2, 4, 8, 16, 32, 64, 128, 0x1b, 0x36};
    uint8_t rk[11][16], pt[16], out[16];
    for (int i = 0; i < 16; i++) {
        rk[0][i] = (uint8_t)i;
        pt[i] = (uint8_t)(i * 0x11);
    }
    for (int r = 1; r <= 10; r++) {
        const uint8_t *p = rk[r - 1];
        uint8_t t[4] = {(uint8_t)(sbox(p[13]) ^ rcon[r - 1]), sbox(p[14]), sbox(p[15]), sbox(p[12])};
        for (int i = 0; i < 16; i++)
            rk[r][i] = p[i] ^ (i < 4 ? t[i] : rk[r][i - 4]);
    }
    uint8x16_t s = vld1q_u8(pt);
    for (int r = 0; r < 9; r++)
        s = vaesmcq_u8(vaeseq_u8(s, vld1q_u8(rk[r])));
    s = veorq_u8(vaeseq_u8(s, vld1q_u8(rk[9])), vld1q_u8(rk[10]));
    vst1q_u8(out, s);
    printf("aes128 ");
    for (int i = 0; i < 16; i++)
        printf("%02x", out[i]);
    /* decryption: the equivalent inverse cipher (aesimc of the middle keys) */
    s = vaesdq_u8(s, vld1q_u8(rk[10]));
    for (int r = 9; r > 0; r--)
        s = vaesdq_u8(vaesimcq_u8(s), vaesimcq_u8(vld1q_u8(rk[r])));
    s = veorq_u8(s, vld1q_u8(rk[0]));
    vst1q_u8(out, s);
    printf("\ndecrypted ");
    for (int i = 0; i < 16; i++)
        printf("%02x", out[i]);
    printf("\n");

    /* (x^63 + 1) * (x + 1) = x^64 + x^63 + x + 1 */
    poly128_t p = vmull_p64((poly64_t)0x8000000000000001ull, (poly64_t)3);
    uint64_t pp[2];
    memcpy(pp, &p, 16);
    printf("pmull %016llx%016llx\n", (unsigned long long)pp[1], (unsigned long long)pp[0]);

    static const float vals[] = {0.5f, -0.5f, 1.5f, 2.5f};
    for (int i = 0; i < 4; i++) {
        float x = vals[i], a, n, pl, m, z, X, t;
        int ca, cn, cp;
        unsigned cm;
        uint32_t fp;
        __asm__ volatile("vmsr fpscr, %0" ::"r"(0));
        __asm__("vrinta.f32 %0, %1" : "=t"(a) : "t"(x));
        __asm__("vrintn.f32 %0, %1" : "=t"(n) : "t"(x));
        __asm__("vrintp.f32 %0, %1" : "=t"(pl) : "t"(x));
        __asm__("vrintm.f32 %0, %1" : "=t"(m) : "t"(x));
        __asm__("vrintz.f32 %0, %1" : "=t"(z) : "t"(x));
        __asm__("vrintx.f32 %0, %1" : "=t"(X) : "t"(x));
        __asm__("vcvta.s32.f32 %0, %1" : "=t"(t) : "t"(x));
        memcpy(&ca, &t, 4);
        __asm__("vcvtn.s32.f32 %0, %1" : "=t"(t) : "t"(x));
        memcpy(&cn, &t, 4);
        __asm__("vcvtp.s32.f32 %0, %1" : "=t"(t) : "t"(x));
        memcpy(&cp, &t, 4);
        __asm__("vcvtm.u32.f32 %0, %1" : "=t"(t) : "t"(x));
        memcpy(&cm, &t, 4);
        __asm__ volatile("vmrs %0, fpscr" : "=r"(fp));
        printf("%-4g vrint a %-2g n %-2g p %-2g m %-2g z %-2g x %-2g (%08x) vcvt a %d n %d p %d m.u32 %u flags %02x\n",
               x, a, n, pl, m, z, X, bits(X), ca, cn, cp, cm, fp & 0x9f);
    }
    return 0;
}
