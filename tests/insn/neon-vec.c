/*
 * The integer NEON instructions that translate-neon-vec.c maps to host SSE
 * instructions (host_vec) or IR on the d registers, each in its Q and D
 * forms (a D form must leave the other half of the Q register alone), with
 * a destination that overlaps a source, and a few sequences in one block
 * that mix the two kinds.  The insn group runs it translated and through
 * the IR interpreter (host_vec's C definition, tcg/vec.c).  Expected
 * values (neon-vec.expected): qemu-arm's, the lines marked "hand" below
 * checked by hand.
 */
#include <stdint.h>
#include <stdio.h>

typedef struct { uint32_t w[4]; } V;

static const V A = {{0x807f01ffu, 0x00010203u, 0xfffe8000u, 0x7fff1234u}};
static const V B = {{0x01ff7f80u, 0x0302fffeu, 0x00018001u, 0x80007fffu}};
static const V C = {{0xdeadbeefu, 0xcafef00du, 0x01234567u, 0x89abcdefu}};

/* q0 = A, q1 = B, q2 = C, run text, print q2. */
#define T(text)                                                                                   \
    do {                                                                                          \
        V r_ = C;                                                                                 \
        __asm__ volatile("vld1.32 {d0-d1}, [%1]\n\tvld1.32 {d2-d3}, [%2]\n\tvld1.32 {d4-d5}, [%0]\n\t" text \
                         "\n\tvst1.32 {d4-d5}, [%0]"                                              \
                         :                                                                        \
                         : "r"(&r_), "r"(&A), "r"(&B)                                             \
                         : "memory", "d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7");              \
        printf("%-34s %08x %08x %08x %08x\n", text, r_.w[0], r_.w[1], r_.w[2], r_.w[3]);          \
    } while (0)

/* The same, FPSCR.QC cleared before and printed after. */
#define TQ(text)                                                                                  \
    do {                                                                                          \
        uint32_t f_;                                                                              \
        __asm__ volatile("vmrs %0, fpscr\n\tbic %0, %0, #0x08000000\n\tvmsr fpscr, %0" : "=r"(f_)); \
        T(text);                                                                                  \
        __asm__ volatile("vmrs %0, fpscr" : "=r"(f_));                                            \
        printf("  QC %d\n", (int)(f_ >> 27 & 1));                                                 \
    } while (0)
#define QDQ(op) do { TQ(op " q2, q0, q1"); TQ(op " d4, d0, d2"); TQ(op " d5, d1, d3"); TQ(op " q2, q1, q1"); } while (0)

/* Q form "op q2, q0, q1" and D form "op d4, d0, d2" (d5 keeps C's words). */
#define QD(op) do { T(op " q2, q0, q1"); T(op " d4, d0, d2"); } while (0)

int main(void)
{
    /* hand: vadd.i8 lane 0: 0xff + 0x80 = 0x7f, lane 1: 0x01 + 0x7f = 0x80 */
    QD("vadd.i8"); QD("vadd.i16"); QD("vadd.i32"); QD("vadd.i64");
    QD("vsub.i8"); QD("vsub.i16"); QD("vsub.i32"); QD("vsub.i64");
    QD("vand"); QD("vbic"); QD("vorr"); QD("vorn"); QD("veor");
    QD("vbsl"); QD("vbit"); QD("vbif");
    QD("vmul.i16"); QD("vmul.i32"); QD("vmla.i16"); QD("vmla.i32"); QD("vmls.i16"); QD("vmls.i32");
    QD("vmax.s8"); QD("vmax.u8"); QD("vmax.s16"); QD("vmax.u16"); QD("vmax.s32"); QD("vmax.u32");
    QD("vmin.s8"); QD("vmin.u8"); QD("vmin.s16"); QD("vmin.u16"); QD("vmin.s32"); QD("vmin.u32");
    QD("vceq.i8"); QD("vceq.i16"); QD("vceq.i32");
    /* hand: vcgt.s8 lane 0: -1 > -128 -> ff; vcgt.u8 lane 0: 0xff > 0x80 -> ff,
       lane 3: 0x80 > 0x01 -> ff */
    QD("vcgt.s8"); QD("vcgt.u8"); QD("vcgt.s16"); QD("vcgt.u16"); QD("vcgt.s32"); QD("vcgt.u32");
    QD("vcge.s8"); QD("vcge.u8"); QD("vcge.s16"); QD("vcge.u16"); QD("vcge.s32"); QD("vcge.u32");
    QD("vrhadd.u8"); QD("vrhadd.u16");
    /* shifts by immediate, the full width included */
    T("vshr.u16 q2, q0, #16"); T("vshr.s16 q2, q0, #16"); T("vshr.s16 d4, d0, #3");
    T("vshr.u32 q2, q0, #5"); T("vshr.s32 d4, d1, #31"); T("vshr.u64 q2, q0, #64"); T("vshr.u64 d4, d0, #1");
    T("vsra.u16 q2, q0, #1"); T("vsra.s32 d4, d0, #7");
    T("vshl.i16 q2, q0, #15"); T("vshl.i32 d4, d1, #4"); T("vshl.i64 q2, q0, #63");
    T("vshrn.i16 d4, q0, #1"); T("vshrn.i32 d5, q0, #16"); T("vshrn.i64 d4, q0, #32");
    T("vmovl.u8 q2, d0"); T("vmovl.s8 q2, d1"); T("vmovl.u16 q2, d1"); T("vmovl.s16 q2, d0");
    T("vmovl.s32 q2, d1"); T("vmovl.u32 q2, d4"); T("vshll.u8 q2, d0, #3"); T("vshll.s16 q2, d5, #1");
    /* long and wide forms, destinations overlapping their sources */
    T("vaddl.u8 q2, d0, d2"); T("vaddl.s16 q2, d1, d3"); T("vsubl.s8 q2, d0, d2"); T("vsubl.u32 q2, d4, d5");
    T("vaddw.u8 q2, q0, d2"); T("vaddw.s16 q2, q2, d4"); T("vsubw.u8 q2, q2, d5"); T("vsubw.s32 q2, q1, d0");
    T("vmull.u8 q2, d0, d2"); T("vmull.s8 q2, d4, d5"); T("vmull.u16 q2, d1, d3"); T("vmull.s16 q2, d0, d2");
    T("vmlal.u8 q2, d0, d2"); T("vmlal.s16 q2, d1, d2"); T("vmlsl.u16 q2, d0, d3"); T("vmlsl.s8 q2, d4, d1");
    /* two registers misc */
    T("vmvn q2, q0"); T("vmvn d4, d1"); T("vabs.s8 q2, q0"); T("vabs.s16 d4, d1"); T("vabs.s32 q2, q1");
    T("vneg.s8 q2, q0"); T("vneg.s16 d4, d0"); T("vneg.s32 q2, q1");
    T("vmovn.i16 d4, q0"); T("vmovn.i32 d5, q1"); T("vmovn.i64 d4, q2");
    T("vrev64.8 q2, q0"); T("vrev64.16 d4, d1"); T("vrev64.32 q2, q1"); T("vrev32.8 d5, d0");
    T("vrev32.16 q2, q0"); T("vrev16.8 q2, q1"); T("vswp d4, d1"); T("vswp q2, q0");
    T("vcgt.s8 q2, q0, #0"); T("vcge.s16 d4, d0, #0"); T("vceq.i32 q2, q1, #0"); T("vcle.s8 d5, d1, #0");
    T("vclt.s32 q2, q0, #0"); T("vceq.i8 d4, d3, #0");
    QD("vtst.8"); QD("vtst.16"); QD("vtst.32");
    /* saturating add/sub, FPSCR.QC (hand: vqadd.s8 q2, q0, q1 word 0: -1 + -128 -> -128 (QC),
       1 + 127 -> 127, 127 + -1 = 126, -128 + 1 = -127: 817e7f80; vqadd.u8: 0xff + 0x80 -> 0xff,
       0x01 + 0x7f = 0x80, 0x7f + 0xff -> 0xff, 0x80 + 0x01 = 0x81: 81ff80ff) */
    QDQ("vqadd.s8"); QDQ("vqadd.u8"); QDQ("vqadd.s16"); QDQ("vqadd.u16");
    QDQ("vqsub.s8"); QDQ("vqsub.u8"); QDQ("vqsub.s16"); QDQ("vqsub.u16");
    TQ("vqadd.s8 d4, d4, d4"); TQ("vqadd.u16 d4, d5, d5");
    /* vext, vdup (scalar) */
    T("vext.8 q2, q0, q1, #0"); T("vext.8 q2, q0, q1, #5"); T("vext.8 q2, q0, q1, #15"); T("vext.16 q2, q2, q0, #3");
    T("vext.8 d4, d0, d2, #0"); T("vext.8 d4, d0, d2, #3"); T("vext.32 d5, d0, d5, #1");
    T("vdup.8 q2, d0[7]"); T("vdup.16 d4, d1[2]"); T("vdup.32 q2, d3[1]"); T("vdup.8 d5, d0[0]");
    /* sequences in one block: IR and host_vec on the same registers */
    T("vmov.i32 q2, #5\n\tvadd.i32 q2, q2, q1\n\tvorn d5, d4, d0\n\tvmul.i16 q2, q2, q0");
    T("vext.8 d4, d0, d1, #2\n\tvsub.i8 d5, d4, d2\n\tvbsl q2, q0, q1\n\tvshr.u32 q2, q2, #1");
    T("vdup.16 q2, d0[1]\n\tvmovl.u8 q3, d2\n\tvmla.i16 q2, q3, q0\n\tvmovn.i16 d4, q2");
    T("vadd.i64 d6, d0, d1\n\tveor d4, d6, d4\n\tvbic.i32 d5, #0xff\n\tvorr q2, q2, q2");
    return 0;
}
