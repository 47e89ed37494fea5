/*
 * host_vec's reference semantics: the subset of the host's SSE2, SSSE3 and
 * SSE4.1 integer instructions that front ends may put in a host_vec op
 * (tcg-op.h), computed lane by lane in C.  The interpreter runs them
 * through tcg_vec_emulate; tcg_vec_ok tells a front end whether an
 * instruction may be used (known here, and the host has it).
 *
 * Register forms only, "op xmm0, xmm1" (xmm0 = a, xmm1 = b), as Intel's
 * SDM vol. 2 defines them; all are 66-prefixed except movdqu (F3 0F 6F,
 * a copy of b).  Group shifts (0F 71/72/73 /ext ib) act on a alone.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/platform/x86.h>

#include "tcg/tcg-op.h"

/* Lane i of size sz (bytes) of v, sign- or zero-extended. */
static int64_t lane_s(const uint8_t *v, int sz, int i)
{
    switch (sz) {
    case 1: return (int8_t)v[i];
    case 2: { int16_t x; memcpy(&x, v + 2 * i, 2); return x; }
    case 4: { int32_t x; memcpy(&x, v + 4 * i, 4); return x; }
    default: { int64_t x; memcpy(&x, v + 8 * i, 8); return x; }
    }
}

static uint64_t lane_u(const uint8_t *v, int sz, int i)
{
    uint64_t x = 0;
    memcpy(&x, v + sz * i, (size_t)sz); /* little-endian host */
    return x;
}

static void put(uint8_t *r, int sz, int i, uint64_t x)
{
    memcpy(r + sz * i, &x, (size_t)sz);
}

static int64_t clamp(int64_t x, int64_t lo, int64_t hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

enum {
    K_ADD, K_SUB, K_AND, K_ANDN, K_OR, K_XOR, K_MUL, K_MINS, K_MAXS, K_MINU, K_MAXU,
    K_CMPEQ, K_CMPGT, K_ADDS, K_ADDUS, K_SUBS, K_SUBUS, K_AVG, K_ABS,
};

/* Lane-wise binary ops: kind and lane size by (map, opcode). */
static const struct LaneOp {
    uint8_t map, opc, kind, sz;
} lane_ops[] = {
    {TCG_SIMD_0F, 0xfc, K_ADD, 1}, {TCG_SIMD_0F, 0xfd, K_ADD, 2}, {TCG_SIMD_0F, 0xfe, K_ADD, 4},
    {TCG_SIMD_0F, 0xd4, K_ADD, 8}, {TCG_SIMD_0F, 0xf8, K_SUB, 1}, {TCG_SIMD_0F, 0xf9, K_SUB, 2},
    {TCG_SIMD_0F, 0xfa, K_SUB, 4}, {TCG_SIMD_0F, 0xfb, K_SUB, 8}, {TCG_SIMD_0F, 0xdb, K_AND, 8},
    {TCG_SIMD_0F, 0xdf, K_ANDN, 8}, {TCG_SIMD_0F, 0xeb, K_OR, 8}, {TCG_SIMD_0F, 0xef, K_XOR, 8},
    {TCG_SIMD_0F, 0xd5, K_MUL, 2}, {TCG_SIMD_0F, 0xda, K_MINU, 1}, {TCG_SIMD_0F, 0xde, K_MAXU, 1},
    {TCG_SIMD_0F, 0xea, K_MINS, 2}, {TCG_SIMD_0F, 0xee, K_MAXS, 2}, {TCG_SIMD_0F, 0x74, K_CMPEQ, 1},
    {TCG_SIMD_0F, 0x75, K_CMPEQ, 2}, {TCG_SIMD_0F, 0x76, K_CMPEQ, 4}, {TCG_SIMD_0F, 0x64, K_CMPGT, 1},
    {TCG_SIMD_0F, 0x65, K_CMPGT, 2}, {TCG_SIMD_0F, 0x66, K_CMPGT, 4}, {TCG_SIMD_0F, 0xec, K_ADDS, 1},
    {TCG_SIMD_0F, 0xed, K_ADDS, 2}, {TCG_SIMD_0F, 0xdc, K_ADDUS, 1}, {TCG_SIMD_0F, 0xdd, K_ADDUS, 2},
    {TCG_SIMD_0F, 0xe8, K_SUBS, 1}, {TCG_SIMD_0F, 0xe9, K_SUBS, 2}, {TCG_SIMD_0F, 0xd8, K_SUBUS, 1},
    {TCG_SIMD_0F, 0xd9, K_SUBUS, 2}, {TCG_SIMD_0F, 0xe0, K_AVG, 1}, {TCG_SIMD_0F, 0xe3, K_AVG, 2},
    {TCG_SIMD_0F38, 0x1c, K_ABS, 1}, {TCG_SIMD_0F38, 0x1d, K_ABS, 2}, {TCG_SIMD_0F38, 0x1e, K_ABS, 4},
    {TCG_SIMD_0F38, 0x29, K_CMPEQ, 8}, {TCG_SIMD_0F38, 0x38, K_MINS, 1}, {TCG_SIMD_0F38, 0x39, K_MINS, 4},
    {TCG_SIMD_0F38, 0x3a, K_MINU, 2}, {TCG_SIMD_0F38, 0x3b, K_MINU, 4}, {TCG_SIMD_0F38, 0x3c, K_MAXS, 1},
    {TCG_SIMD_0F38, 0x3d, K_MAXS, 4}, {TCG_SIMD_0F38, 0x3e, K_MAXU, 2}, {TCG_SIMD_0F38, 0x3f, K_MAXU, 4},
    {TCG_SIMD_0F38, 0x40, K_MUL, 4},
};

static const struct LaneOp *find_lane_op(unsigned map, unsigned opc)
{
    for (unsigned i = 0; i < sizeof lane_ops / sizeof lane_ops[0]; i++) {
        if (lane_ops[i].map == map && lane_ops[i].opc == opc) {
            return &lane_ops[i];
        }
    }
    return NULL;
}

static void do_lane_op(const struct LaneOp *lo, uint8_t *r, const uint8_t *a, const uint8_t *b)
{
    int sz = lo->sz, n = 16 / sz, bits = 8 * sz;
    int64_t smin = bits == 64 ? INT64_MIN : -(INT64_C(1) << (bits - 1));
    int64_t smax = bits == 64 ? INT64_MAX : (INT64_C(1) << (bits - 1)) - 1;
    int64_t umax = bits == 64 ? -1 : (INT64_C(1) << bits) - 1;
    for (int i = 0; i < n; i++) {
        uint64_t ua = lane_u(a, sz, i), ub = lane_u(b, sz, i), x;
        int64_t sa = lane_s(a, sz, i), sb = lane_s(b, sz, i);
        switch (lo->kind) {
        case K_ADD: x = ua + ub; break;
        case K_SUB: x = ua - ub; break;
        case K_AND: x = ua & ub; break;
        case K_ANDN: x = ~ua & ub; break;
        case K_OR: x = ua | ub; break;
        case K_XOR: x = ua ^ ub; break;
        case K_MUL: x = ua * ub; break;
        case K_MINS: x = (uint64_t)(sa < sb ? sa : sb); break;
        case K_MAXS: x = (uint64_t)(sa > sb ? sa : sb); break;
        case K_MINU: x = ua < ub ? ua : ub; break;
        case K_MAXU: x = ua > ub ? ua : ub; break;
        case K_CMPEQ: x = ua == ub ? ~0ull : 0; break;
        case K_CMPGT: x = sa > sb ? ~0ull : 0; break;
        case K_ADDS: x = (uint64_t)clamp(sa + sb, smin, smax); break;
        case K_SUBS: x = (uint64_t)clamp(sa - sb, smin, smax); break;
        case K_ADDUS: x = (uint64_t)clamp((int64_t)(ua + ub), 0, umax); break;
        case K_SUBUS: x = (uint64_t)clamp((int64_t)ua - (int64_t)ub, 0, umax); break;
        case K_AVG: x = (ua + ub + 1) >> 1; break;
        default: /* K_ABS: of b */ x = (uint64_t)(sb < 0 ? -sb : sb); break;
        }
        put(r, sz, i, x);
    }
}

/* pmovzx / pmovsx (0F 38 20..25, 30..35): b's low lanes widened. */
static bool do_pmov(unsigned opc, uint8_t *r, const uint8_t *b)
{
    static const int8_t from[6] = {1, 1, 1, 2, 2, 4}, to[6] = {2, 4, 8, 4, 8, 8};
    unsigned k = opc & 0xf;
    if (k > 5) {
        return false;
    }
    int fs = from[k], ts = to[k];
    for (int i = 0; i < 16 / ts; i++) {
        put(r, ts, i, opc & 0x10 ? lane_u(b, fs, i) : (uint64_t)lane_s(b, fs, i));
    }
    return true;
}

/* Group shifts by imm8 on a: 0F 71 (words), 72 (dwords), 73 (qwords and
   whole-register byte shifts). */
static bool do_shift_imm(unsigned opc, unsigned ext, unsigned imm, uint8_t *r, const uint8_t *a)
{
    if (opc == 0x73 && (ext == 3 || ext == 7)) { /* psrldq, pslldq */
        unsigned n = imm > 16 ? 16 : imm;
        memset(r, 0, 16);
        if (ext == 3) {
            memcpy(r, a + n, 16 - n);
        } else {
            memcpy(r + n, a, 16 - n);
        }
        return true;
    }
    int sz = opc == 0x71 ? 2 : opc == 0x72 ? 4 : 8, bits = 8 * sz;
    if (ext != 2 && ext != 6 && !(ext == 4 && sz != 8)) {
        return false;
    }
    for (int i = 0; i < 16 / sz; i++) {
        uint64_t x;
        if (ext == 4) { /* arithmetic right: counts past the width give the sign */
            x = (uint64_t)(lane_s(a, sz, i) >> ((int)imm >= bits ? bits - 1 : (int)imm));
        } else if ((int)imm >= bits) {
            x = 0;
        } else {
            x = ext == 2 ? lane_u(a, sz, i) >> imm : lane_u(a, sz, i) << imm;
        }
        put(r, sz, i, x);
    }
    return true;
}

/* punpckl/h (0F 60..62, 68..6A, 6C, 6D): interleave the low or high halves. */
static bool do_unpack(unsigned opc, uint8_t *r, const uint8_t *a, const uint8_t *b)
{
    int sz;
    bool high;
    switch (opc) {
    case 0x60: case 0x61: case 0x62: sz = 1 << (opc - 0x60); high = false; break;
    case 0x68: case 0x69: case 0x6a: sz = 1 << (opc - 0x68); high = true; break;
    case 0x6c: case 0x6d: sz = 8; high = opc == 0x6d; break;
    default: return false;
    }
    int n = 16 / sz / 2, base = high ? n : 0;
    for (int i = 0; i < n; i++) {
        put(r, sz, 2 * i, lane_u(a, sz, base + i));
        put(r, sz, 2 * i + 1, lane_u(b, sz, base + i));
    }
    return true;
}

/* packsswb (63), packssdw (6B), packuswb (67), packusdw (0F 38 2B). */
static void do_pack(int from, bool usat, uint8_t *r, const uint8_t *a, const uint8_t *b)
{
    int n = 16 / from, bits = 4 * from;
    int64_t lo = usat ? 0 : -(INT64_C(1) << (bits - 1));
    int64_t hi = usat ? (INT64_C(1) << bits) - 1 : (INT64_C(1) << (bits - 1)) - 1;
    uint8_t t[16];
    for (int i = 0; i < n; i++) {
        put(t, from / 2, i, (uint64_t)clamp(lane_s(a, from, i), lo, hi));
        put(t, from / 2, n + i, (uint64_t)clamp(lane_s(b, from, i), lo, hi));
    }
    memcpy(r, t, 16);
}

bool tcg_vec_emulate(uint64_t insn, uint8_t r[16], const uint8_t a[16], const uint8_t b[16])
{
    unsigned pfx = insn & 0xff, map = (insn >> 8) & 3, opc = (insn >> 16) & 0xff;
    unsigned imm = (insn >> 24) & 0xff, ext = (insn >> 37) & 7;
    bool group = insn & (1ull << 36), has_imm = insn & (1ull << 32);
    uint8_t t[16];
    if (pfx == 0xf3) {
        if (map == TCG_SIMD_0F && opc == 0x6f && !group && !has_imm) { /* movdqu */
            memcpy(r, b, 16);
            return true;
        }
        return false;
    }
    if (pfx != 0x66) {
        return false;
    }
    if (group) {
        return map == TCG_SIMD_0F && opc >= 0x71 && opc <= 0x73 && has_imm && do_shift_imm(opc, ext, imm, r, a);
    }
    if (map == TCG_SIMD_0F && opc == 0x70 && has_imm) { /* pshufd */
        for (int i = 0; i < 4; i++) {
            put(t, 4, i, lane_u(b, 4, (imm >> (2 * i)) & 3));
        }
        memcpy(r, t, 16);
        return true;
    }
    if (map == TCG_SIMD_0F3A && opc == 0x0f && has_imm) { /* palignr: (a:b) >> 8 * imm */
        uint8_t cat[32] = {0};
        memcpy(cat, b, 16);
        memcpy(cat + 16, a, 16);
        memset(t, 0, 16);
        for (unsigned i = 0; i < 16 && imm + i < 32; i++) {
            t[i] = cat[imm + i];
        }
        memcpy(r, t, 16);
        return true;
    }
    if (has_imm) {
        return false;
    }
    if (map == TCG_SIMD_0F38 && opc == 0x00) { /* pshufb */
        for (int i = 0; i < 16; i++) {
            t[i] = b[i] & 0x80 ? 0 : a[b[i] & 15];
        }
        memcpy(r, t, 16);
        return true;
    }
    if (map == TCG_SIMD_0F38 && (opc & 0xe0) == 0x20 && (opc & 0xf) <= 5) {
        return do_pmov(opc, r, b);
    }
    if (map == TCG_SIMD_0F38 && opc == 0x2b) {
        do_pack(4, true, r, a, b);
        return true;
    }
    if (map == TCG_SIMD_0F && (opc == 0x63 || opc == 0x6b || opc == 0x67)) {
        do_pack(opc == 0x6b ? 4 : 2, opc == 0x67, r, a, b);
        return true;
    }
    if (map == TCG_SIMD_0F && do_unpack(opc, t, a, b)) {
        memcpy(r, t, 16);
        return true;
    }
    const struct LaneOp *lo = find_lane_op(map, opc);
    if (!lo) {
        return false;
    }
    do_lane_op(lo, r, a, b);
    return true;
}

static bool host_has(unsigned map, unsigned opc)
{
    if (map == TCG_SIMD_0F) {
        return true; /* SSE2: every x86-64 */
    }
    /* glibc's start-up detection (as the backend's detect_cpu) */
    bool ssse3 = map == TCG_SIMD_0F3A || opc < 0x10 || (opc >= 0x1c && opc <= 0x1e);
    return ssse3 ? CPU_FEATURE_ACTIVE(SSSE3) : CPU_FEATURE_ACTIVE(SSE4_1);
}

bool tcg_vec_ok(uint64_t insn)
{
    static const uint8_t probe_a[16] = {1}, probe_b[16] = {2};
    uint8_t r[16];
    return tcg_vec_emulate(insn, r, probe_a, probe_b) && host_has((insn >> 8) & 3, (insn >> 16) & 0xff);
}
