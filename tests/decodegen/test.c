/* Unit test of tools/decodegen.py: the decoder generated from sample.decode
   must pick the hand-expected pattern and fields for hand-picked words. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    const char *hit; /* last trans called */
    int a, b, imm;
    bool special_ok; /* what trans_SPECIAL returns */
} Ctx;

static int times_two(Ctx *c, int x) { return 2 * x; }

#include "decode-sample.c.inc"

#define REC2(N)                                                                                    \
    static bool trans_##N(Ctx *c, arg_rr *a)                                                       \
    {                                                                                              \
        c->hit = #N, c->a = a->a, c->b = a->b;                                                     \
        return true;                                                                               \
    }
REC2(ADD)
REC2(SUB)
REC2(ZERO)
REC2(NARROW)
REC2(WIDE)

static bool trans_LDI(Ctx *c, arg_rri *a) { c->hit = "LDI", c->a = a->a, c->b = a->b, c->imm = a->imm; return true; }
static bool trans_CAT(Ctx *c, arg_rri *a)
{
    c->hit = "CAT", c->a = a->a, c->b = a->b, c->imm = a->imm;
    return true;
}
static bool trans_SPECIAL(Ctx *c, arg_empty *a) { c->hit = "SPECIAL"; return c->special_ok; }
static bool trans_ODD1(Ctx *c, arg_empty *a) { c->hit = "ODD1"; return true; }
static bool trans_ODD0(Ctx *c, arg_empty *a) { c->hit = "ODD0"; return true; }
static bool trans_LOW(Ctx *c, arg_empty *a) { c->hit = "LOW"; return true; }

static int fails;

/* Decode insn; expect the trans `name` (NULL: no match) and fields a, b, imm
   (checked when name is non-NULL; pass -99 to skip one). */
static void expect(uint32_t insn, bool special_ok, const char *name, int a, int b, int imm)
{
    Ctx c = { .hit = NULL, .a = -99, .b = -99, .imm = -99, .special_ok = special_ok };
    bool ok = decode_sample(&c, insn);
    bool good = name ? ok && c.hit && !strcmp(c.hit, name) : !ok;
    if (good && name) {
        good = (a == -99 || c.a == a) && (b == -99 || c.b == b) && (imm == -99 || c.imm == imm);
    }
    if (!good) {
        printf("FAIL %08x: want %s a=%d b=%d imm=%d, got %s (%s) a=%d b=%d imm=%d\n", insn,
               name ? name : "(none)", a, b, imm, c.hit ? c.hit : "(none)", ok ? "true" : "false",
               c.a, c.b, c.imm);
        fails++;
    }
}

int main(void)
{
    expect(0x000000a5, false, "ADD", 5, 10, -99);
    expect(0x01000031, false, "SUB", 1, 3, -99);
    expect(0x00100000, false, NULL, 0, 0, 0);          /* bits 23..20 must be 0 */
    expect(0x0200ffff, false, "ZERO", 15, 7, -99);     /* constant member */
    expect(0x1000ff03, false, "LDI", 3, 0, -1);        /* signed 8-bit field */
    expect(0x10007f03, false, "LDI", 3, 0, 127);
    expect(0x28050a02, false, "CAT", 2, 10, -6);       /* 1:1010 signed = -6, 5 * 2 = 10 */
    expect(0x20000a02, false, "CAT", 2, 0, 10);        /* 0:1010 = 10 */
    expect(0x30000000, true, "SPECIAL", -99, -99, -99);
    expect(0x30000000, false, "NARROW", 0, 0, -99);    /* SPECIAL refused: next alternative */
    expect(0x30000012, false, "WIDE", 2, 1, -99);
    expect(0x31000003, true, "NARROW", 3, 0, -99);
    expect(0x41000001, false, "ODD1", -99, -99, -99);
    expect(0x40000001, false, "ODD0", -99, -99, -99);
    expect(0x41000004, false, "LOW", -99, -99, -99);
    expect(0x40000002, false, NULL, 0, 0, 0);
    expect(0xf0000000, false, NULL, 0, 0, 0);
    printf("%s\n", fails ? "decodegen test FAILED" : "decodegen test ok");
    return fails != 0;
}
