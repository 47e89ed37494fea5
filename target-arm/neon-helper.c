/*
 * Advanced SIMD (NEON) data processing: the runtime half.
 *
 * translate-neon.c checks an encoding (UNDEFINED forms, the -cpu model)
 * and emits one call per instruction: helper_neon_CLASS(env, insn), with
 * the whole A32 encoding (T32's is converted to it).  The helper decodes
 * the fields again and works on the register file in env->vfp (d0-d31; Qn
 * is d2n:d2n+1), so it is called with CALL_RW_GLOBALS: the d registers the
 * TB keeps in host registers are written back before and reloaded after.
 *
 * Lanes are read into int64/__int128 values, so the saturating, rounding,
 * halving, widening and narrowing forms are plain arithmetic plus a clamp;
 * a clamp that changes the value sets FPSCR.QC.  Float lanes use the
 * "standard FPSCR value" (round to nearest, flush-to-zero, default NaN,
 * FPSCR.AHP kept): std_begin/std_end switch FPSCR's mode bits around the
 * VFP helpers (vfp-helper.c) and keep the cumulative flags they raise.
 */
#include <immintrin.h>
#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "host-fp.h"
#include "neon.h"
#include "vfp.h"

typedef __int128 i128;

#define FPSCR_QC (1u << 27)

/* ---- Registers and lanes ---- */

/* A 128-bit vector: two d registers (a D operation uses the low half). */
typedef union {
    uint8_t b[16];
    uint16_t h[8];
    uint32_t w[4];
    uint64_t d[2];
} Vec;

static void vget(const CPUARMState *env, int reg, int nregs, Vec *v)
{
    for (int i = 0; i < nregs; i++)
        v->d[i] = env->vfp[(reg + i) & 31];
}

static void vput(CPUARMState *env, int reg, int nregs, const Vec *v)
{
    for (int i = 0; i < nregs; i++)
        env->vfp[(reg + i) & 31] = v->d[i];
}

/* Lane i of size s (0: 8 bits .. 3: 64 bits), zero- or sign-extended. */
static uint64_t lane_u(const Vec *v, int s, int i)
{
    switch (s) {
    case 0: return v->b[i];
    case 1: return v->h[i];
    case 2: return v->w[i];
    default: return v->d[i];
    }
}

static int64_t lane_s(const Vec *v, int s, int i)
{
    switch (s) {
    case 0: return (int8_t)v->b[i];
    case 1: return (int16_t)v->h[i];
    case 2: return (int32_t)v->w[i];
    default: return (int64_t)v->d[i];
    }
}

/* Unsigned 64-bit lanes need the 128-bit type. */
static i128 lane(const Vec *v, int s, int i, bool uns)
{
    return uns ? (i128)lane_u(v, s, i) : (i128)lane_s(v, s, i);
}

static void set_lane(Vec *v, int s, int i, uint64_t x)
{
    switch (s) {
    case 0: v->b[i] = (uint8_t)x; break;
    case 1: v->h[i] = (uint16_t)x; break;
    case 2: v->w[i] = (uint32_t)x; break;
    default: v->d[i] = x; break;
    }
}

/* Register numbers: D:Vd, N:Vn, M:Vm. */
static int rd_of(uint32_t insn) { return (int)((insn >> 18) & 0x10) | (int)((insn >> 12) & 0xf); }
static int rn_of(uint32_t insn) { return (int)((insn >> 3) & 0x10) | (int)((insn >> 16) & 0xf); }
static int rm_of(uint32_t insn) { return (int)((insn >> 1) & 0x10) | (int)(insn & 0xf); }

/* Saturate x to a signed/unsigned field of esize bits; QC if it changes. */
static uint64_t sat(CPUARMState *env, i128 x, int esize, bool uns)
{
    i128 lo = uns ? 0 : -((i128)1 << (esize - 1));
    i128 hi = uns ? ((i128)1 << esize) - 1 : ((i128)1 << (esize - 1)) - 1;
    if (x < lo || x > hi) {
        env->fpscr |= FPSCR_QC;
        x = x < lo ? lo : hi;
    }
    return (uint64_t)x;
}

/* x >> n for n up to 127 (arithmetic), rounding when round is set. */
static i128 shr_round(i128 x, int n, bool round)
{
    if (n <= 0)
        return x;
    if (n > 126)
        return round ? 0 : (x < 0 ? -1 : 0);
    if (round)
        x += (i128)1 << (n - 1);
    return x >> n;
}

/* VSHL/VQSHL/VRSHL/VQRSHL by a signed register count (the low byte of b). */
static uint64_t shift_reg(CPUARMState *env, i128 a, i128 b, int esize, bool uns, bool satq, bool round)
{
    int sh = (int8_t)(uint8_t)b;
    if (sh >= 0) {
        if (!satq)
            return sh >= esize ? 0 : (uint64_t)a << sh;
        if (a == 0)
            return 0;
        /* |a| < 2^64 and sh < 64: the shift fits in 128 bits */
        i128 r = sh >= esize ? (a < 0 ? -((i128)1 << 100) : ((i128)1 << 100)) : a * ((i128)1 << sh);
        return sat(env, r, esize, uns);
    }
    return (uint64_t)shr_round(a, -sh, round);
}

/* ---- Float lanes: the standard FPSCR value ---- */

#define FPSCR_MODE (3u << FPSCR_RMODE_SHIFT | FPSCR_FZ | FPSCR_DN)

static uint32_t std_begin(CPUARMState *env)
{
    uint32_t saved = env->fpscr;
    arm_set_fpscr(env, (saved & ~FPSCR_MODE) | FPSCR_FZ | FPSCR_DN);
    return saved;
}

static void std_end(CPUARMState *env, uint32_t saved)
{
    arm_set_fpscr(env, (env->fpscr & ~FPSCR_MODE) | (saved & FPSCR_MODE));
}

#define F32_DNAN 0x7fc00000u
static bool f_nan(uint32_t a) { return (a & 0x7fffffffu) > 0x7f800000u; }
static bool f_snan(uint32_t a) { return f_nan(a) && !(a & 0x00400000u); }
static bool f_inf(uint32_t a) { return (a & 0x7fffffffu) == 0x7f800000u; }
static bool f_zero(uint32_t a) { return (a & 0x7fffffffu) == 0; }

/* FPUnpack's flush of a denormal input (standard mode: FZ on). */
static uint32_t f_flush(CPUARMState *env, uint32_t a)
{
    if (!(a & 0x7f800000u) && (a & 0x007fffffu)) {
        env->fpscr |= FPSCR_IDC;
        return a & 0x80000000u;
    }
    return a;
}

static float f_val(uint32_t a) { return hfp_f32_of(a); }

static uint32_t f_arith(CPUARMState *env, int op, uint32_t d, uint32_t n, uint32_t m)
{
    return helper_vfp_arith_s(env, (uint32_t)op, d, n, m);
}

/* FPMax/FPMin (standard mode): NaN -> default NaN (IOC for a signalling
   one); +0 is larger than -0. */
static uint32_t f_maxmin(CPUARMState *env, uint32_t a, uint32_t b, bool is_min)
{
    a = f_flush(env, a);
    b = f_flush(env, b);
    if (f_nan(a) || f_nan(b)) {
        if (f_snan(a) || f_snan(b))
            env->fpscr |= FPSCR_IOC;
        return F32_DNAN;
    }
    if (f_zero(a) && f_zero(b))
        return is_min ? (a | b) : (a & b);
    bool a_less = f_val(a) < f_val(b);
    return (a_less == is_min) ? a : b;
}

/* Compares: 0 eq, 1 ge, 2 gt, with abs (vacge/vacgt); all-ones if true.
   A NaN compares false; IOC for any NaN in ge/gt, for a signalling one
   in eq. */
static uint32_t f_cmp(CPUARMState *env, int kind, uint32_t a, uint32_t b, bool absv)
{
    a = f_flush(env, a);
    b = f_flush(env, b);
    if (f_nan(a) || f_nan(b)) {
        if (kind != 0 || f_snan(a) || f_snan(b))
            env->fpscr |= FPSCR_IOC;
        return 0;
    }
    float x = f_val(a), y = f_val(b);
    if (absv) {
        x = fabsf(x);
        y = fabsf(y);
    }
    bool r = kind == 0 ? x == y : kind == 1 ? x >= y : x > y;
    return r ? 0xffffffffu : 0;
}

/* VRECPS: 2 - a*b; VRSQRTS: (3 - a*b) / 2; infinity times zero gives 2.0
   and 1.5. */
static uint32_t f_step(CPUARMState *env, uint32_t a, uint32_t b, bool rsqrt)
{
    uint32_t fa = f_flush(env, a), fb = f_flush(env, b);
    if (f_nan(fa) || f_nan(fb)) {
        if (f_snan(fa) || f_snan(fb))
            env->fpscr |= FPSCR_IOC;
        return F32_DNAN;
    }
    if ((f_inf(fa) && f_zero(fb)) || (f_zero(fa) && f_inf(fb)))
        return rsqrt ? 0x3fc00000u : 0x40000000u;
    uint32_t p = f_arith(env, VFP_MUL, 0, fa, fb);
    uint32_t r = f_arith(env, VFP_SUB, 0, rsqrt ? 0x40400000u : 0x40000000u, p);
    if (rsqrt && !f_nan(r) && !f_inf(r) && !f_zero(r))
        r -= 1u << 23; /* halve: the exponent is well above the denormals */
    return r;
}

/* RecipEstimate / RecipSqrtEstimate (ARM ARM): a is the 9-bit fixed-point
   input (256..511), the result the 9-bit estimate (256..511). */
static uint32_t recip_estimate(uint32_t a)
{
    /* q = a/512, r = 1 / ((q + 0.5)/512), s = int(256 * r + 0.5) */
    uint32_t b = (1u << 19) / (2 * a + 1);
    return (b + 1) / 2;
}

/* a is 128..511: a/512 in [0.25, 1). */
static uint32_t rsqrt_estimate(uint32_t a)
{
    double q = a < 256 ? (a + 0.5) / 512.0 : ((a >> 1) + 0.5) / 256.0;
    double r = 1.0 / sqrt(q);
    return (uint32_t)(256.0 * r + 0.5);
}

static uint32_t f_recpe(CPUARMState *env, uint32_t a)
{
    uint32_t sign = a & 0x80000000u;
    a = f_flush(env, a);
    if (f_nan(a)) {
        if (f_snan(a))
            env->fpscr |= FPSCR_IOC;
        return F32_DNAN;
    }
    if (f_inf(a))
        return sign;
    if (f_zero(a)) {
        env->fpscr |= FPSCR_DZC;
        return sign | 0x7f800000u;
    }
    uint32_t exp = (a >> 23) & 0xff;
    if (exp >= 253) { /* |a| >= 2^126: the result would be denormal */
        env->fpscr |= FPSCR_UFC;
        return sign;
    }
    uint32_t est = recip_estimate(256 | ((a >> 15) & 0xff));
    return sign | (253 - exp) << 23 | (est & 0xff) << 15;
}

static uint32_t f_rsqrte(CPUARMState *env, uint32_t a)
{
    a = f_flush(env, a);
    if (f_nan(a)) {
        if (f_snan(a))
            env->fpscr |= FPSCR_IOC;
        return F32_DNAN;
    }
    if (f_zero(a)) {
        env->fpscr |= FPSCR_DZC;
        return (a & 0x80000000u) | 0x7f800000u;
    }
    if (a & 0x80000000u) {
        env->fpscr |= FPSCR_IOC;
        return F32_DNAN;
    }
    if (f_inf(a))
        return 0;
    uint32_t exp = (a >> 23) & 0xff;
    /* scaled into [0.25, 1): an even exponent gives [0.5, 1) */
    uint32_t in = (exp & 1) ? 128 | ((a >> 16) & 0x7f) : 256 | ((a >> 15) & 0xff);
    uint32_t est = rsqrt_estimate(in);
    return ((380 - exp) / 2) << 23 | (est & 0xff) << 15;
}

static uint32_t u_recpe(uint32_t a)
{
    if (!(a & 0x80000000u))
        return 0xffffffffu;
    return 0x80000000u | (recip_estimate(256 | ((a >> 23) & 0xff)) & 0xff) << 23;
}

static uint32_t u_rsqrte(uint32_t a)
{
    if (!(a & 0xc0000000u))
        return 0xffffffffu;
    uint32_t in = (a & 0x80000000u) ? 256 | ((a >> 23) & 0xff) : 128 | ((a >> 23) & 0x7f);
    return 0x80000000u | (rsqrt_estimate(in) & 0xff) << 23;
}

/* ---- ARMv8 cryptography: AES, SHA-1, SHA-256 ---- */

/* GF(2^8) with the AES polynomial x^8 + x^4 + x^3 + x + 1. */
static uint8_t gf_mul(uint8_t a, uint8_t b)
{
    uint8_t r = 0;
    while (b) {
        if (b & 1)
            r ^= a;
        a = (uint8_t)(a << 1) ^ (a & 0x80 ? 0x1b : 0);
        b >>= 1;
    }
    return r;
}

/* The S-box and its inverse, and products by the MixColumns factors,
   computed once: the multiplicative inverse (x^254) followed by the affine
   transformation. */
static uint8_t sbox[256], inv_sbox[256], gf_times[16][256];
static pthread_once_t aes_once = PTHREAD_ONCE_INIT;

static void aes_make_tables(void)
{
    for (int x = 0; x < 256; x++) {
        uint8_t inv = 1, p = (uint8_t)x;
        for (int e = 254; e; e >>= 1) { /* inv = x^254 by squaring */
            if (e & 1)
                inv = gf_mul(inv, p);
            p = gf_mul(p, p);
        }
        if (!x)
            inv = 0;
        uint8_t b = inv, r = 0x63;
        for (int k = 0; k < 5; k++)
            r ^= (uint8_t)(b << k | b >> (8 - k));
        sbox[x] = r;
        inv_sbox[r] = (uint8_t)x;
        for (int f = 0; f < 16; f++)
            gf_times[f][x] = gf_mul((uint8_t)x, (uint8_t)f);
    }
}

static void aes_tables(void) { pthread_once(&aes_once, aes_make_tables); }

/* Byte i of the state is row i % 4, column i / 4. */
static void aes_round(Vec *v, bool decrypt)
{
    Vec t = *v;
    for (int i = 0; i < 16; i++) {
        int r = i % 4, c = i / 4;
        int src = r + 4 * ((decrypt ? c - r + 4 : c + r) % 4); /* (Inv)ShiftRows */
        v->b[i] = decrypt ? inv_sbox[t.b[src]] : sbox[t.b[src]];   /* (Inv)SubBytes */
    }
}

static void aes_mix(Vec *v, bool inverse)
{
    static const uint8_t fwd[4] = {2, 3, 1, 1}, inv[4] = {14, 11, 13, 9};
    const uint8_t *k = inverse ? inv : fwd;
    Vec t = *v;
    for (int c = 0; c < 4; c++)
        for (int r = 0; r < 4; r++) {
            uint8_t x = 0;
            for (int j = 0; j < 4; j++)
                x ^= gf_times[k[(j - r + 4) % 4]][t.b[4 * c + j]];
            v->b[4 * c + r] = x;
        }
}

/* The host's AES instructions do the same steps on the same byte layout:
     AESE(d, k)   = ShiftRows(SubBytes(d ^ k))       = aesenclast(d ^ k, 0)
     AESD(d, k)   = InvShiftRows(InvSubBytes(d ^ k)) = aesdeclast(d ^ k, 0)
     AESMC(x)     = MixColumns(x)    = aesenc(aesdeclast(x, 0), 0): the
                    (inverse) byte substitutions and row shifts cancel
     AESIMC(x)    = InvMixColumns(x) = aesimc(x)
   Used when the host has AES-NI; aes_round/aes_mix otherwise. */
__attribute__((target("aes,sse2"))) static void aes_host(Vec *r, const Vec *d, const Vec *m, bool mix, bool inv)
{
    __m128i z = _mm_setzero_si128(), x = _mm_loadu_si128((const __m128i *)m->b);
    if (!mix) {
        x = _mm_xor_si128(x, _mm_loadu_si128((const __m128i *)d->b));
        x = inv ? _mm_aesdeclast_si128(x, z) : _mm_aesenclast_si128(x, z);
    } else {
        x = inv ? _mm_aesimc_si128(x) : _mm_aesenc_si128(_mm_aesdeclast_si128(x, z), z);
    }
    _mm_storeu_si128((__m128i *)r->b, x);
}

static bool host_has_aes(void)
{
    static int have = -1; /* (a benign race: every thread computes the same) */
    if (have < 0) {
        __builtin_cpu_init();
        have = __builtin_cpu_supports("aes") && !getenv("MIMIC_NO_HOST_AES");
    }
    return have;
}

static uint32_t rol32(uint32_t x, int n) { return n ? x << n | x >> (32 - n) : x; }
static uint32_t ror32(uint32_t x, int n) { return rol32(x, (32 - n) & 31); }
static uint32_t sha_choose(uint32_t x, uint32_t y, uint32_t z) { return ((y ^ z) & x) ^ z; }
static uint32_t sha_parity(uint32_t x, uint32_t y, uint32_t z) { return x ^ y ^ z; }
static uint32_t sha_majority(uint32_t x, uint32_t y, uint32_t z) { return (x & y) | ((x | y) & z); }

/* op: U:size of the 3-same encoding: 0 sha1c, 1 sha1p, 2 sha1m, 3 sha1su0,
   4 sha256h, 5 sha256h2, 6 sha256su1.  Writes *d. */
static void sha_3reg(CPUARMState *env, int op, Vec *d, const Vec *n, const Vec *m)
{
    (void)env;
    Vec x = *d, y = *n, r;
    switch (op) {
    case 0: case 1: case 2: { /* hash update: X = abcd, Y<31:0> = e */
        uint32_t e = y.w[0];
        for (int i = 0; i < 4; i++) {
            uint32_t t = op == 0 ? sha_choose(x.w[1], x.w[2], x.w[3])
                       : op == 1 ? sha_parity(x.w[1], x.w[2], x.w[3])
                                 : sha_majority(x.w[1], x.w[2], x.w[3]);
            e += rol32(x.w[0], 5) + t + m->w[i];
            x.w[1] = rol32(x.w[1], 30);
            uint32_t top = x.w[3]; /* <Y, X> = ROL(Y:X, 32) */
            x.w[3] = x.w[2], x.w[2] = x.w[1], x.w[1] = x.w[0], x.w[0] = e;
            e = top;
        }
        *d = x;
        return;
    }
    case 3: /* sha1su0 */
        r.d[0] = x.d[0] ^ x.d[1] ^ m->d[0];
        r.d[1] = x.d[1] ^ y.d[0] ^ m->d[1];
        *d = r;
        return;
    case 4: case 5: { /* sha256h: X = Qd, Y = Qn; sha256h2: X = Qn, Y = Qd */
        Vec X = op == 4 ? x : y, Y = op == 4 ? y : x;
        for (int i = 0; i < 4; i++) {
            uint32_t chs = sha_choose(Y.w[0], Y.w[1], Y.w[2]);
            uint32_t maj = sha_majority(X.w[0], X.w[1], X.w[2]);
            uint32_t t = Y.w[3] + (ror32(Y.w[0], 6) ^ ror32(Y.w[0], 11) ^ ror32(Y.w[0], 25)) + chs + m->w[i];
            X.w[3] += t;
            Y.w[3] = t + (ror32(X.w[0], 2) ^ ror32(X.w[0], 13) ^ ror32(X.w[0], 22)) + maj;
            uint32_t xt = X.w[3], yt = Y.w[3]; /* <Y, X> = ROL(Y:X, 32) */
            X.w[3] = X.w[2], X.w[2] = X.w[1], X.w[1] = X.w[0], X.w[0] = yt;
            Y.w[3] = Y.w[2], Y.w[2] = Y.w[1], Y.w[1] = Y.w[0], Y.w[0] = xt;
        }
        *d = op == 4 ? X : Y;
        return;
    }
    default: { /* sha256su1 */
        uint32_t t0[4] = {y.w[1], y.w[2], y.w[3], m->w[0]};
        for (int i = 0; i < 4; i++) {
            uint32_t e = i < 2 ? m->w[2 + i] : r.w[i - 2];
            e = ror32(e, 17) ^ ror32(e, 19) ^ (e >> 10);
            r.w[i] = e + x.w[i] + t0[i];
        }
        *d = r;
        return;
    }
    }
}

/* ---- Three registers of the same length ---- */

/* Polynomial (carry-less) multiply of two 8-bit or 64-bit values. */
static uint64_t pmul8(uint64_t a, uint64_t b)
{
    uint64_t r = 0;
    for (int i = 0; i < 8; i++)
        if (b >> i & 1)
            r ^= a << i;
    return r;
}

static uint64_t int_3same(CPUARMState *env, int op, bool u, int s, i128 x, i128 y, uint64_t d)
{
    int esize = 8 << s;
    uint64_t a = (uint64_t)x, b = (uint64_t)y;
    switch (op) {
    case 0x0: return (uint64_t)((x + y) >> 1);                /* vhadd */
    case 0x1: return sat(env, x + y, esize, u);               /* vqadd */
    case 0x2: return (uint64_t)((x + y + 1) >> 1);            /* vrhadd */
    case 0x4: return (uint64_t)((x - y) >> 1);                /* vhsub */
    case 0x5: return sat(env, x - y, esize, u);               /* vqsub */
    case 0x6: return x > y ? ~0ull : 0;                       /* vcgt */
    case 0x7: return x >= y ? ~0ull : 0;                      /* vcge */
    case 0x8: return shift_reg(env, x, y, esize, u, false, false); /* vshl */
    case 0x9: return shift_reg(env, x, y, esize, u, true, false);  /* vqshl */
    case 0xa: return shift_reg(env, x, y, esize, u, false, true);  /* vrshl */
    case 0xb: return shift_reg(env, x, y, esize, u, true, true);   /* vqrshl */
    case 0xc: return (uint64_t)(x > y ? x : y);                /* vmax */
    case 0xd: return (uint64_t)(x < y ? x : y);                /* vmin */
    case 0xe: return (uint64_t)(x > y ? x - y : y - x);        /* vabd */
    case 0xf: return d + (uint64_t)(x > y ? x - y : y - x);    /* vaba */
    case 0x10: return u ? (uint64_t)(x - y) : (uint64_t)(x + y); /* vsub / vadd */
    case 0x11: return u ? (a == b ? ~0ull : 0) : ((a & b) ? ~0ull : 0); /* vceq / vtst */
    case 0x12: return u ? d - a * b : d + a * b; /* vmls / vmla */
    case 0x13: return u ? pmul8(a, b) : a * b;     /* vmul.p8 / vmul */
    case 0x16: /* vqdmulh / vqrdmulh */
        return sat(env, (2 * x * y + (u ? (i128)1 << (esize - 1) : 0)) >> esize, esize, false);
    default: return 0;
    }
}

static uint32_t float_3same(CPUARMState *env, int op, uint32_t a, uint32_t b, uint32_t d)
{
    switch (op) {
    case 0: return f_arith(env, VFP_ADD, 0, a, b);
    case 1: return f_arith(env, VFP_SUB, 0, a, b);
    case 2: return f_arith(env, VFP_SUB, 0, a, b) & 0x7fffffffu; /* vabd */
    case 3: return f_arith(env, VFP_ADD, 0, d, f_arith(env, VFP_MUL, 0, a, b)); /* vmla */
    case 4: return f_arith(env, VFP_SUB, 0, d, f_arith(env, VFP_MUL, 0, a, b)); /* vmls */
    case 5: return f_arith(env, VFP_MUL, 0, a, b);
    case 6: return f_cmp(env, 0, a, b, false);
    case 7: return f_cmp(env, 1, a, b, false);
    case 8: return f_cmp(env, 2, a, b, false);
    case 9: return f_cmp(env, 1, a, b, true);
    case 10: return f_cmp(env, 2, a, b, true);
    case 11: return f_maxmin(env, a, b, false);
    case 12: return f_maxmin(env, a, b, true);
    case 13: return f_step(env, a, b, false);
    case 14: return f_step(env, a, b, true);
    case 15: return f_arith(env, VFP_FMA, d, a, b);
    case 16: return f_arith(env, VFP_FMS, d, a, b);
    case 17: return helper_vfp_maxnm_s(env, a, b, 0);
    case 18: return helper_vfp_maxnm_s(env, a, b, 1);
    default: return 0;
    }
}

/* The float op of A (bits 11:8) = 11xx with U, B and C<1> (bit 21). */
static int float_op(uint32_t insn, bool *pairwise)
{
    int a = (insn >> 8) & 0xf, b = (insn >> 4) & 1, u = (insn >> 24) & 1, c1 = (insn >> 21) & 1;
    *pairwise = false;
    switch (a << 3 | b << 2 | u << 1 | c1) {
    case 0xd << 3 | 0: return 0;                 /* vadd */
    case 0xd << 3 | 1: return 1;                 /* vsub */
    case 0xd << 3 | 2: *pairwise = true; return 0; /* vpadd */
    case 0xd << 3 | 3: return 2;                 /* vabd */
    case 0xd << 3 | 4: return 3;                 /* vmla */
    case 0xd << 3 | 5: return 4;                 /* vmls */
    case 0xd << 3 | 6: return 5;                 /* vmul */
    case 0xe << 3 | 0: return 6;                 /* vceq */
    case 0xe << 3 | 2: return 7;                 /* vcge */
    case 0xe << 3 | 3: return 8;                 /* vcgt */
    case 0xe << 3 | 6: return 9;                 /* vacge */
    case 0xe << 3 | 7: return 10;                /* vacgt */
    case 0xf << 3 | 0: return 11;                /* vmax */
    case 0xf << 3 | 1: return 12;                /* vmin */
    case 0xf << 3 | 2: *pairwise = true; return 11; /* vpmax */
    case 0xf << 3 | 3: *pairwise = true; return 12; /* vpmin */
    case 0xf << 3 | 4: return 13;                /* vrecps */
    case 0xf << 3 | 5: return 14;                /* vrsqrts */
    case 0xf << 3 | 6: return 17;                /* vmaxnm (ARMv8) */
    case 0xf << 3 | 7: return 18;                /* vminnm */
    case 0xc << 3 | 4: return 15;                /* vfma */
    case 0xc << 3 | 5: return 16;                /* vfms */
    default: return -1;
    }
}

void helper_neon_3same(CPUARMState *env, uint32_t insn)
{
    int a = (insn >> 8) & 0xf, b = (insn >> 4) & 1, s = (insn >> 20) & 3;
    bool u = (insn >> 24) & 1, q = (insn >> 6) & 1;
    int nr = q ? 2 : 1, d = rd_of(insn);
    Vec vn, vm, vd, r;
    vget(env, rn_of(insn), nr, &vn);
    vget(env, rm_of(insn), nr, &vm);
    vget(env, d, nr, &vd);
    r = vd;
    if (a == 1 && b == 1) { /* bitwise: vand vbic vorr vorn veor vbsl vbit vbif */
        for (int i = 0; i < nr; i++) {
            uint64_t x = vn.d[i], y = vm.d[i], z = vd.d[i];
            switch ((int)u << 2 | s) {
            case 0: r.d[i] = x & y; break;
            case 1: r.d[i] = x & ~y; break;
            case 2: r.d[i] = x | y; break;
            case 3: r.d[i] = x | ~y; break;
            case 4: r.d[i] = x ^ y; break;
            case 5: r.d[i] = (x & z) | (y & ~z); break;
            case 6: r.d[i] = (x & y) | (z & ~y); break;
            default: r.d[i] = (z & y) | (x & ~y); break;
            }
        }
        vput(env, d, nr, &r);
        return;
    }
    if (a == 0xc && !b) { /* SHA-1 / SHA-256 three-register forms */
        sha_3reg(env, (int)u << 2 | s, &vd, &vn, &vm);
        vput(env, d, 2, &vd);
        return;
    }
    if (a >= 0xc) {
        bool pw;
        int op = float_op(insn, &pw);
        uint32_t saved = std_begin(env);
        if (pw) { /* D only: pairs of n, then pairs of m */
            for (int i = 0; i < 2; i++) {
                const Vec *src = i ? &vm : &vn;
                r.w[i] = float_3same(env, op, src->w[0], src->w[1], 0);
            }
        } else {
            for (int i = 0; i < 2 * nr; i++)
                r.w[i] = float_3same(env, op, vn.w[i], vm.w[i], vd.w[i]);
        }
        std_end(env, saved);
        vput(env, d, nr, &r);
        return;
    }
    int n = (8 * nr) >> s;
    if (a == 0xa || (a == 0xb && b == 1)) { /* vpmax, vpmin, vpadd (D only) */
        for (int i = 0; i < n; i++) {
            const Vec *src = i < n / 2 ? &vn : &vm;
            int j = 2 * (i % (n / 2));
            i128 x = lane(src, s, j, u), y = lane(src, s, j + 1, u);
            i128 v = a == 0xb ? x + y : b ? (x < y ? x : y) : (x > y ? x : y);
            set_lane(&r, s, i, (uint64_t)v);
        }
        vput(env, d, nr, &r);
        return;
    }
    /* op index for int_3same: A<<1|B, with A=8..9 and 0xb remapped */
    int op = a < 8 ? a << 1 | b : a == 8 ? 0x10 | b : a == 9 ? 0x12 | b : 0x16;
    for (int i = 0; i < n; i++) {
        /* vqdmulh/vqrdmulh: signed operands (U selects the rounding) */
        bool uns = op == 0x16 ? false : u;
        i128 x = lane(&vn, s, i, uns), y = lane(&vm, s, i, uns);
        if (a == 4 || a == 5) { /* the shifts: Vm shifted by Vn */
            i128 t = x;
            x = y;
            y = t;
        }
        set_lane(&r, s, i, int_3same(env, op, u, s, x, y, lane_u(&vd, s, i)));
    }
    vput(env, d, nr, &r);
}

/* ---- Three registers of different lengths ---- */

static uint64_t absdiff(i128 x, i128 y) { return (uint64_t)(x > y ? x - y : y - x); }

void helper_neon_3diff(CPUARMState *env, uint32_t insn)
{
    int a = (insn >> 8) & 0xf, s = (insn >> 20) & 3, esize = 8 << s;
    bool u = (insn >> 24) & 1;
    int d = rd_of(insn), n = rn_of(insn), m = rm_of(insn);
    Vec vn, vm, vd, r;
    memset(&r, 0, sizeof r);
    bool wide_n = a == 1 || a == 3 || a == 4 || a == 6;
    vget(env, n, wide_n ? 2 : 1, &vn);
    vget(env, m, (a == 4 || a == 6) ? 2 : 1, &vm);
    vget(env, d, 2, &vd);
    int cnt = 64 / esize;
    if (a == 4 || a == 6) { /* vaddhn/vraddhn, vsubhn/vrsubhn: narrow to the high half */
        for (int i = 0; i < cnt; i++) {
            uint64_t x = lane_u(&vn, s + 1, i), y = lane_u(&vm, s + 1, i);
            uint64_t v = a == 4 ? x + y : x - y;
            if (u)
                v += 1ull << (esize - 1);
            set_lane(&r, s, i, v >> esize);
        }
        vput(env, d, 1, &r);
        return;
    }
    if (a == 0xe) { /* vmull.p8, vmull.p64 (ARMv8 PMULL) */
        if (s == 2) {
            uint64_t x = vn.d[0], y = vm.d[0], lo = 0, hi = 0;
            for (int i = 0; i < 64; i++)
                if (y >> i & 1) {
                    lo ^= x << i;
                    hi ^= i ? x >> (64 - i) : 0;
                }
            r.d[0] = lo;
            r.d[1] = hi;
        } else {
            for (int i = 0; i < 8; i++)
                r.h[i] = (uint16_t)pmul8(vn.b[i], vm.b[i]);
        }
        vput(env, d, 2, &r);
        return;
    }
    for (int i = 0; i < cnt; i++) {
        i128 x = wide_n ? lane(&vn, s + 1, i, u) : lane(&vn, s, i, u);
        i128 y = lane(&vm, s, i, u);
        uint64_t acc = lane_u(&vd, s + 1, i), v;
        int we = 2 * esize;
        switch (a) {
        case 0: case 1: v = (uint64_t)(x + y); break;             /* vaddl, vaddw */
        case 2: case 3: v = (uint64_t)(x - y); break;             /* vsubl, vsubw */
        case 5: v = acc + absdiff(x, y); break;                    /* vabal */
        case 7: v = absdiff(x, y); break;                          /* vabdl */
        case 8: v = acc + (uint64_t)x * (uint64_t)y; break;        /* vmlal */
        case 10: v = acc - (uint64_t)x * (uint64_t)y; break;       /* vmlsl */
        case 12: v = (uint64_t)x * (uint64_t)y; break;             /* vmull */
        case 9: case 11: case 13: { /* vqdmlal, vqdmlsl, vqdmull */
            uint64_t p = sat(env, 2 * (i128)x * y, we, false);
            if (a == 13)
                v = p;
            else {
                i128 sa = we == 64 ? (int64_t)acc : (int32_t)acc;
                i128 sp = we == 64 ? (int64_t)p : (int32_t)p;
                v = sat(env, a == 9 ? sa + sp : sa - sp, we, false);
            }
            break;
        }
        default: v = 0; break;
        }
        set_lane(&r, s + 1, i, v);
    }
    vput(env, d, 2, &r);
}

/* ---- Two registers and a scalar ---- */

void helper_neon_scalar(CPUARMState *env, uint32_t insn)
{
    int a = (insn >> 8) & 0xf, s = (insn >> 20) & 3, esize = 8 << s;
    bool q = (insn >> 24) & 1; /* the U position holds Q here */
    int d = rd_of(insn), n = rn_of(insn);
    int m = (int)(insn & 0xf), idx;
    if (s == 1) {
        idx = (int)((insn >> 4) & 2) | (int)((insn >> 3) & 1);
        m &= 7;
    } else {
        idx = (int)((insn >> 5) & 1);
    }
    Vec vm, vn, vd, r;
    vget(env, m, 1, &vm);
    bool longf = a == 2 || a == 3 || a == 6 || a == 7 || a == 10 || a == 11;
    int nr = longf ? 1 : q ? 2 : 1;
    vget(env, n, nr, &vn);
    vget(env, d, longf ? 2 : nr, &vd);
    r = vd;
    int cnt = (8 * nr) >> s;
    if (a == 1 || a == 5 || a == 9) { /* float vmla, vmls, vmul by scalar */
        uint32_t saved = std_begin(env), sc = vm.w[idx];
        for (int i = 0; i < 2 * nr; i++) {
            uint32_t p = f_arith(env, VFP_MUL, 0, vn.w[i], sc);
            r.w[i] = a == 9 ? p : f_arith(env, a == 1 ? VFP_ADD : VFP_SUB, 0, vd.w[i], p);
        }
        std_end(env, saved);
        vput(env, d, nr, &r);
        return;
    }
    bool u = q && longf; /* vmlal/vmlsl/vmull: bit 24 is U */
    i128 sc = lane(&vm, s, idx, u);
    for (int i = 0; i < cnt; i++) {
        i128 x = lane(&vn, s, i, u);
        uint64_t acc = longf ? lane_u(&vd, s + 1, i) : lane_u(&vd, s, i), v;
        int we = 2 * esize;
        switch (a) {
        case 0: v = acc + (uint64_t)x * (uint64_t)sc; break;   /* vmla */
        case 4: v = acc - (uint64_t)x * (uint64_t)sc; break;   /* vmls */
        case 8: v = (uint64_t)x * (uint64_t)sc; break;         /* vmul */
        case 2: v = acc + (uint64_t)x * (uint64_t)sc; break;   /* vmlal */
        case 6: v = acc - (uint64_t)x * (uint64_t)sc; break;   /* vmlsl */
        case 10: v = (uint64_t)x * (uint64_t)sc; break;        /* vmull */
        case 3: case 7: case 11: {                             /* vqdmlal, vqdmlsl, vqdmull */
            uint64_t p = sat(env, 2 * (i128)x * sc, we, false);
            if (a == 11) {
                v = p;
            } else {
                i128 sa = we == 64 ? (int64_t)acc : (int32_t)acc;
                i128 sp = we == 64 ? (int64_t)p : (int32_t)p;
                v = sat(env, a == 3 ? sa + sp : sa - sp, we, false);
            }
            break;
        }
        case 12: case 13: /* vqdmulh, vqrdmulh */
            v = sat(env, (2 * (i128)x * sc + (a == 13 ? (i128)1 << (esize - 1) : 0)) >> esize, esize, false);
            break;
        default: v = 0; break;
        }
        set_lane(&r, longf ? s + 1 : s, i, v);
    }
    vput(env, d, longf ? 2 : nr, &r);
}

/* ---- Two registers and a shift amount ---- */

/* The element size (0..3) and the immediate of L:imm6. */
static int shift_size(uint32_t insn, int *imm)
{
    int l = (insn >> 7) & 1, imm6 = (insn >> 16) & 0x3f;
    *imm = imm6;
    if (l)
        return 3;
    return imm6 >= 32 ? 2 : imm6 >= 16 ? 1 : 0;
}

void helper_neon_shift(CPUARMState *env, uint32_t insn)
{
    int a = (insn >> 8) & 0xf, imm6, s = shift_size(insn, &imm6), esize = 8 << s;
    bool u = (insn >> 24) & 1, q = (insn >> 6) & 1, b6 = q;
    int d = rd_of(insn), m = rm_of(insn), nr = q ? 2 : 1;
    int rsh = (s == 3 ? 64 : 2 * esize) - imm6; /* right shifts: 1..esize */
    int lsh = s == 3 ? imm6 : imm6 - esize;      /* left shifts: 0..esize-1 */
    Vec vm, vd, r;
    if (a >= 8 && a <= 10) { /* narrowing and vshll: Vm is a Q, Vd a Q (vshll) or D */
        vget(env, m, 2, &vm);
        memset(&r, 0, sizeof r);
        int cnt = 64 / esize;
        if (a == 10) { /* vshll / vmovl: Vm is a D */
            for (int i = 0; i < cnt; i++)
                set_lane(&r, s + 1, i, (uint64_t)(lane(&vm, s, i, u) * ((i128)1 << lsh)));
            vput(env, d, 2, &r);
            return;
        }
        /* 1000: U=0 vshrn/vrshrn, U=1 vqshrun/vqrshrun; 1001: vqshrn/vqrshrn */
        bool round = b6;
        for (int i = 0; i < cnt; i++) {
            bool src_uns = a == 9 && u;
            i128 x = shr_round((i128)lane(&vm, s + 1, i, src_uns), rsh, round);
            uint64_t v;
            if (a == 8 && !u)
                v = (uint64_t)x;
            else
                v = sat(env, x, esize, u);
            set_lane(&r, s, i, v);
        }
        vput(env, d, 1, &r);
        return;
    }
    vget(env, m, nr, &vm);
    vget(env, d, nr, &vd);
    r = vd;
    if (a >= 0xe) { /* vcvt between float and fixed point (32-bit lanes) */
        uint32_t fbits = (uint32_t)(64 - imm6);
        uint32_t desc = fbits | (u ? VFP_FIX_UNSIGNED : 0);
        uint32_t saved = std_begin(env);
        for (int i = 0; i < 2 * nr; i++)
            r.w[i] = a & 1 ? helper_vfp_tofix_s(env, vm.w[i], desc) : helper_vfp_fromfix_s(env, vm.w[i], desc);
        std_end(env, saved);
        vput(env, d, nr, &r);
        return;
    }
    int cnt = (8 * nr) >> s;
    uint64_t emask = s == 3 ? ~0ull : (1ull << esize) - 1;
    for (int i = 0; i < cnt; i++) {
        i128 x = lane(&vm, s, i, u);
        uint64_t old = lane_u(&vd, s, i), v;
        switch (a) {
        case 0: v = (uint64_t)shr_round(x, rsh, false); break;              /* vshr */
        case 1: v = old + (uint64_t)shr_round(x, rsh, false); break;        /* vsra */
        case 2: v = (uint64_t)shr_round(x, rsh, true); break;               /* vrshr */
        case 3: v = old + (uint64_t)shr_round(x, rsh, true); break;         /* vrsra */
        case 4: { /* vsri */
            uint64_t mask = rsh >= 64 ? 0 : (emask >> rsh);
            v = (old & ~mask) | (((uint64_t)x & emask) >> rsh & mask);
            if (rsh == esize)
                v = old;
            break;
        }
        case 5: /* vshl / vsli */
            if (u) {
                uint64_t mask = (emask << lsh) & emask;
                v = (old & ~mask) | (((uint64_t)x << lsh) & mask);
            } else {
                v = (uint64_t)x << lsh;
            }
            break;
        case 6: /* vqshlu (signed in, unsigned out) */
            v = sat(env, (i128)lane_s(&vm, s, i) * ((i128)1 << lsh), esize, true);
            break;
        case 7: /* vqshl */
            v = sat(env, x * ((i128)1 << lsh), esize, u);
            break;
        default: v = 0; break;
        }
        set_lane(&r, s, i, v);
    }
    vput(env, d, nr, &r);
}

/* ---- Two registers, miscellaneous ---- */

static int cls64(int64_t x, int esize)
{
    int n = 0;
    for (int i = esize - 2; i >= 0 && ((x >> i) & 1) == ((x >> (esize - 1)) & 1); i--)
        n++;
    return n;
}

static int clz64(uint64_t x, int esize)
{
    int n = 0;
    for (int i = esize - 1; i >= 0 && !((x >> i) & 1); i--)
        n++;
    return n;
}

void helper_neon_2misc(CPUARMState *env, uint32_t insn)
{
    int s = (insn >> 18) & 3, a = (insn >> 16) & 3, b = (insn >> 6) & 0x1f, esize = 8 << s;
    bool q = (insn >> 6) & 1;
    int d = rd_of(insn), m = rm_of(insn), nr = q ? 2 : 1;
    int cnt = (8 * nr) >> s;
    Vec vm, vd, r;
    vget(env, m, 2, &vm);
    vget(env, d, 2, &vd);
    r = vd;
    int op = a << 4 | b >> 1; /* A:B<4:1> */
    switch (op) {
    case 0x00: case 0x01: case 0x02: { /* vrev64, vrev32, vrev16 */
        int group = (8 << (3 - op)) / esize; /* elements per reversed group */
        for (int i = 0; i < cnt; i++)
            set_lane(&r, s, i, lane_u(&vm, s, (i / group) * group + (group - 1 - i % group)));
        break;
    }
    case 0x04: case 0x05: case 0x0c: case 0x0d: { /* vpaddl, vpadal (B<0> = U) */
        bool u = (insn >> 7) & 1;
        for (int i = 0; i < cnt / 2; i++) {
            i128 v = lane(&vm, s, 2 * i, u) + lane(&vm, s, 2 * i + 1, u);
            uint64_t acc = op >= 0x0c ? lane_u(&vd, s + 1, i) : 0;
            set_lane(&r, s + 1, i, acc + (uint64_t)v);
        }
        break;
    }
    case 0x08: /* vcls */
        for (int i = 0; i < cnt; i++)
            set_lane(&r, s, i, (uint64_t)cls64(lane_s(&vm, s, i), esize));
        break;
    case 0x09: /* vclz */
        for (int i = 0; i < cnt; i++)
            set_lane(&r, s, i, (uint64_t)clz64(lane_u(&vm, s, i), esize));
        break;
    case 0x0a: /* vcnt */
        for (int i = 0; i < 8 * nr; i++)
            r.b[i] = (uint8_t)__builtin_popcount(vm.b[i]);
        break;
    case 0x0b: /* vmvn */
        for (int i = 0; i < nr; i++)
            r.d[i] = ~vm.d[i];
        break;
    case 0x0e: case 0x0f: /* vqabs, vqneg */
        for (int i = 0; i < cnt; i++) {
            i128 x = lane_s(&vm, s, i);
            set_lane(&r, s, i, sat(env, op == 0x0e ? (x < 0 ? -x : x) : -x, esize, false));
        }
        break;
    case 0x10: case 0x11: case 0x12: case 0x13: case 0x14: /* compares with zero (int) */
    case 0x18: case 0x19: case 0x1a: case 0x1b: case 0x1c: { /* and float */
        int kind = op & 7; /* 0 gt, 1 ge, 2 eq, 3 le, 4 lt */
        uint32_t saved = 0;
        if (op & 8)
            saved = std_begin(env);
        for (int i = 0; i < cnt; i++) {
            uint64_t v;
            if (op & 8) {
                uint32_t x = vm.w[i];
                switch (kind) {
                case 0: v = f_cmp(env, 2, x, 0, false); break;
                case 1: v = f_cmp(env, 1, x, 0, false); break;
                case 2: v = f_cmp(env, 0, x, 0, false); break;
                case 3: v = f_cmp(env, 1, 0, x, false); break;
                default: v = f_cmp(env, 2, 0, x, false); break;
                }
            } else {
                int64_t x = lane_s(&vm, s, i);
                bool t = kind == 0 ? x > 0 : kind == 1 ? x >= 0 : kind == 2 ? x == 0 : kind == 3 ? x <= 0 : x < 0;
                v = t ? ~0ull : 0;
            }
            set_lane(&r, s, i, v);
        }
        if (op & 8)
            std_end(env, saved);
        break;
    }
    case 0x16: case 0x17: /* vabs, vneg (int) */
        for (int i = 0; i < cnt; i++) {
            int64_t x = lane_s(&vm, s, i);
            set_lane(&r, s, i, op == 0x16 ? (uint64_t)(x < 0 ? -(uint64_t)x : (uint64_t)x) : -(uint64_t)x);
        }
        break;
    case 0x1e: case 0x1f: /* vabs.f32, vneg.f32: the sign bit only */
        for (int i = 0; i < 2 * nr; i++)
            r.w[i] = op == 0x1e ? vm.w[i] & 0x7fffffffu : vm.w[i] ^ 0x80000000u;
        break;
    case 0x20: /* vswp */
        vput(env, m, nr, &vd);
        r = vm;
        break;
    case 0x21: /* vtrn */
        for (int i = 0; i + 1 < cnt; i += 2) {
            uint64_t t = lane_u(&vd, s, i + 1);
            set_lane(&r, s, i + 1, lane_u(&vm, s, i));
            set_lane(&vm, s, i, t);
        }
        vput(env, m, nr, &vm);
        break;
    case 0x22: case 0x23: { /* vuzp, vzip */
        Vec all[2] = {vd, vm}, out[2];
        for (int i = 0; i < 2 * cnt; i++) {
            uint64_t v;
            if (op == 0x22) { /* out sequence: evens then odds of d:m */
                int k = i < cnt ? 2 * i : 2 * (i - cnt) + 1;
                v = lane_u(&all[k / cnt], s, k % cnt);
            } else { /* zip: d0 m0 d1 m1 ... */
                v = lane_u(&all[i & 1], s, i / 2);
            }
            set_lane(&out[i / cnt], s, i % cnt, v);
        }
        r = out[0];
        vput(env, m, nr, &out[1]);
        break;
    }
    case 0x24: /* vmovn, vqmovun (B<0>) */
        memset(&r, 0, sizeof r);
        for (int i = 0; i < 64 / esize; i++) {
            if (b & 1)
                set_lane(&r, s, i, sat(env, lane_s(&vm, s + 1, i), esize, true));
            else
                set_lane(&r, s, i, lane_u(&vm, s + 1, i));
        }
        vput(env, d, 1, &r);
        return;
    case 0x25: /* vqmovn (B<0>: unsigned) */
        memset(&r, 0, sizeof r);
        for (int i = 0; i < 64 / esize; i++)
            set_lane(&r, s, i, sat(env, lane(&vm, s + 1, i, b & 1), esize, b & 1));
        vput(env, d, 1, &r);
        return;
    case 0x06: case 0x07: /* aese, aesd (bit 6), aesmc, aesimc */
        if (host_has_aes()) {
            aes_host(&r, &vd, &vm, op == 0x07, q);
            vput(env, d, 2, &r);
            return;
        }
        aes_tables();
        if (op == 0x06) {
            Vec t = vd;
            t.d[0] ^= vm.d[0];
            t.d[1] ^= vm.d[1];
            aes_round(&t, q);
            r = t;
        } else {
            r = vm;
            aes_mix(&r, q);
        }
        vput(env, d, 2, &r);
        return;
    case 0x15: /* sha1h */
        memset(&r, 0, sizeof r);
        r.w[0] = rol32(vm.w[0], 30);
        vput(env, d, 2, &r);
        return;
    case 0x27: /* sha1su1 (bit 6 = 0), sha256su0 */
        if (!q) {
            uint32_t t[4] = {vd.w[0] ^ vm.w[1], vd.w[1] ^ vm.w[2], vd.w[2] ^ vm.w[3], vd.w[3]};
            r.w[0] = rol32(t[0], 1);
            r.w[1] = rol32(t[1], 1);
            r.w[2] = rol32(t[2], 1);
            r.w[3] = rol32(t[3], 1) ^ rol32(t[0], 2);
        } else {
            uint32_t t[4] = {vd.w[1], vd.w[2], vd.w[3], vm.w[0]};
            for (int i = 0; i < 4; i++)
                r.w[i] = (ror32(t[i], 7) ^ ror32(t[i], 18) ^ (t[i] >> 3)) + vd.w[i];
        }
        vput(env, d, 2, &r);
        return;
    case 0x28: case 0x29: case 0x2a: case 0x2b: case 0x2d: case 0x2f: { /* vrint{n,x,a,z,m,p} */
        static const uint8_t mode[8] = {0, 0 | 8, 4, 3, 0, 2, 0, 1}; /* op (bits 9:7) -> rint desc */
        uint32_t saved = std_begin(env);
        for (int i = 0; i < 2 * nr; i++)
            r.w[i] = helper_vfp_rint_s(env, vm.w[i], mode[op & 7]);
        std_end(env, saved);
        break;
    }
    case 0x30: case 0x31: case 0x32: case 0x33: case 0x34: case 0x35: case 0x36: case 0x37: {
        /* vcvt{a,n,p,m}: bits 9:8 the mode, bit 7 unsigned */
        static const uint32_t rm[4] = {4, 0, 1, 2};
        uint32_t desc = VFP_FIX_RMODE_EXPLICIT | rm[(op >> 1) & 3] << VFP_FIX_RMODE_SHIFT |
                        (op & 1 ? VFP_FIX_UNSIGNED : 0);
        uint32_t saved = std_begin(env);
        for (int i = 0; i < 2 * nr; i++)
            r.w[i] = helper_vfp_tofix_s(env, vm.w[i], desc);
        std_end(env, saved);
        break;
    }
    case 0x26: /* vshll #esize */
        for (int i = 0; i < 64 / esize; i++)
            set_lane(&r, s + 1, i, lane_u(&vm, s, i) << esize);
        vput(env, d, 2, &r);
        return;
    case 0x2c: case 0x2e: { /* vcvt.f16.f32, vcvt.f32.f16 */
        uint32_t saved = std_begin(env);
        if (op == 0x2c) {
            memset(&r, 0, sizeof r);
            for (int i = 0; i < 4; i++)
                r.h[i] = (uint16_t)helper_vfp_f32_to_f16(env, vm.w[i]);
            std_end(env, saved);
            vput(env, d, 1, &r);
            return;
        }
        for (int i = 0; i < 4; i++)
            r.w[i] = helper_vfp_f16_to_f32(env, vm.h[i]);
        std_end(env, saved);
        vput(env, d, 2, &r);
        return;
    }
    case 0x38: case 0x39: case 0x3a: case 0x3b: { /* vrecpe, vrsqrte (bit 8: F, bit 7: rsqrt) */
        bool fl = (insn >> 8) & 1, rs = (insn >> 7) & 1;
        uint32_t saved = std_begin(env);
        for (int i = 0; i < 2 * nr; i++)
            r.w[i] = fl ? (rs ? f_rsqrte(env, vm.w[i]) : f_recpe(env, vm.w[i]))
                        : (rs ? u_rsqrte(vm.w[i]) : u_recpe(vm.w[i]));
        std_end(env, saved);
        break;
    }
    case 0x3c: case 0x3d: case 0x3e: case 0x3f: { /* vcvt, bits 8:7: 00 f32.s32, 01 f32.u32, 10 s32.f32, 11 u32.f32 */
        int k = (insn >> 7) & 3;
        uint32_t desc = (k & 1) ? VFP_FIX_UNSIGNED : 0, saved = std_begin(env);
        for (int i = 0; i < 2 * nr; i++)
            r.w[i] = k >= 2 ? helper_vfp_tofix_s(env, vm.w[i], desc) : helper_vfp_fromfix_s(env, vm.w[i], desc);
        std_end(env, saved);
        break;
    }
    default:
        break;
    }
    vput(env, d, nr, &r);
}

/* ---- vext, vtbl/vtbx, vdup (scalar) ---- */

void helper_neon_vext(CPUARMState *env, uint32_t insn)
{
    bool q = (insn >> 6) & 1;
    int nr = q ? 2 : 1, imm = (insn >> 8) & 0xf, nb = 8 * nr;
    Vec vn, vm, r;
    vget(env, rn_of(insn), nr, &vn);
    vget(env, rm_of(insn), nr, &vm);
    for (int i = 0; i < nb; i++)
        r.b[i] = imm + i < nb ? vn.b[imm + i] : vm.b[imm + i - nb];
    vput(env, rd_of(insn), nr, &r);
}

void helper_neon_vtbl(CPUARMState *env, uint32_t insn)
{
    int len = ((insn >> 8) & 3) + 1, n = rn_of(insn);
    bool tbx = (insn >> 6) & 1;
    uint8_t table[32];
    for (int i = 0; i < len; i++)
        memcpy(table + 8 * i, &env->vfp[(n + i) & 31], 8);
    Vec vm, vd;
    vget(env, rm_of(insn), 1, &vm);
    vget(env, rd_of(insn), 1, &vd);
    for (int i = 0; i < 8; i++) {
        int idx = vm.b[i];
        if (idx < 8 * len)
            vd.b[i] = table[idx];
        else if (!tbx)
            vd.b[i] = 0;
    }
    vput(env, rd_of(insn), 1, &vd);
}

void helper_neon_vdup(CPUARMState *env, uint32_t insn)
{
    int imm4 = (insn >> 16) & 0xf, s = (imm4 & 1) ? 0 : (imm4 & 2) ? 1 : 2;
    int idx = imm4 >> (s + 1);
    int nr = (insn >> 6) & 1 ? 2 : 1;
    Vec vm, r;
    vget(env, rm_of(insn), 1, &vm);
    uint64_t v = lane_u(&vm, s, idx);
    for (int i = 0; i < (8 * nr) >> s; i++)
        set_lane(&r, s, i, v);
    vput(env, rd_of(insn), nr, &r);
}
