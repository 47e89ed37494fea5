/*
 * The MMX/SSE instructions that sse-helper.c runs on the host's own SIMD
 * unit, as X-macro lists: sse-helper.c expands them into helper
 * definitions, translate-sse.c into declarations and decode-table rows.
 *
 * INT_OPS(X): X(opcode in the 0F map, mnemonic, feature of the MMX form,
 *   feature of the 66 (xmm) form); both forms are d = d op s.
 * SSSE3_OPS(X): X(opcode in the 0F 38 map, mnemonic): MMX (no prefix) and
 *   xmm (66) forms, SSSE3.
 * FP_OPS(X): X(opcode in the 0F map, mnemonic stem): the ps, pd, ss and sd
 *   forms (no prefix, 66, F3, F2) under MXCSR.
 */
#define INT_OPS(X)                                                                 \
    X(0x60, punpcklbw, MMX, SSE2) X(0x61, punpcklwd, MMX, SSE2)                     \
    X(0x62, punpckldq, MMX, SSE2) X(0x63, packsswb, MMX, SSE2)                      \
    X(0x64, pcmpgtb, MMX, SSE2) X(0x65, pcmpgtw, MMX, SSE2)                         \
    X(0x66, pcmpgtd, MMX, SSE2) X(0x67, packuswb, MMX, SSE2)                        \
    X(0x68, punpckhbw, MMX, SSE2) X(0x69, punpckhwd, MMX, SSE2)                     \
    X(0x6a, punpckhdq, MMX, SSE2) X(0x6b, packssdw, MMX, SSE2)                      \
    X(0x74, pcmpeqb, MMX, SSE2) X(0x75, pcmpeqw, MMX, SSE2)                         \
    X(0x76, pcmpeqd, MMX, SSE2)                                                     \
    X(0xd1, psrlw, MMX, SSE2) X(0xd2, psrld, MMX, SSE2) X(0xd3, psrlq, MMX, SSE2)   \
    X(0xd4, paddq, SSE2, SSE2) X(0xd5, pmullw, MMX, SSE2)                           \
    X(0xd8, psubusb, MMX, SSE2) X(0xd9, psubusw, MMX, SSE2)                         \
    X(0xda, pminub, SSE, SSE2) X(0xdc, paddusb, MMX, SSE2)                          \
    X(0xdd, paddusw, MMX, SSE2) X(0xde, pmaxub, SSE, SSE2)                          \
    X(0xe0, pavgb, SSE, SSE2) X(0xe1, psraw, MMX, SSE2) X(0xe2, psrad, MMX, SSE2)   \
    X(0xe3, pavgw, SSE, SSE2) X(0xe4, pmulhuw, SSE, SSE2) X(0xe5, pmulhw, MMX, SSE2) \
    X(0xe8, psubsb, MMX, SSE2) X(0xe9, psubsw, MMX, SSE2)                           \
    X(0xea, pminsw, SSE, SSE2) X(0xec, paddsb, MMX, SSE2)                           \
    X(0xed, paddsw, MMX, SSE2) X(0xee, pmaxsw, SSE, SSE2)                           \
    X(0xf1, psllw, MMX, SSE2) X(0xf2, pslld, MMX, SSE2) X(0xf3, psllq, MMX, SSE2)   \
    X(0xf4, pmuludq, SSE2, SSE2) X(0xf5, pmaddwd, MMX, SSE2)                        \
    X(0xf6, psadbw, SSE, SSE2)                                                      \
    X(0xf8, psubb, MMX, SSE2) X(0xf9, psubw, MMX, SSE2) X(0xfa, psubd, MMX, SSE2)   \
    X(0xfb, psubq, SSE2, SSE2) X(0xfc, paddb, MMX, SSE2) X(0xfd, paddw, MMX, SSE2)  \
    X(0xfe, paddd, MMX, SSE2)

#define SSSE3_OPS(X)                                                               \
    X(0x00, pshufb) X(0x01, phaddw) X(0x02, phaddd) X(0x03, phaddsw)                \
    X(0x04, pmaddubsw) X(0x05, phsubw) X(0x06, phsubd) X(0x07, phsubsw)             \
    X(0x08, psignb) X(0x09, psignw) X(0x0a, psignd) X(0x0b, pmulhrsw)               \
    X(0x1c, pabsb) X(0x1d, pabsw) X(0x1e, pabsd)

#define FP_OPS(X)                                                                  \
    X(0x51, sqrt) X(0x58, add) X(0x59, mul) X(0x5c, sub) X(0x5d, min) X(0x5e, div)  \
    X(0x5f, max)

/* Further xmm-only operations: X(name, asm body on xmm0 = d, xmm1 = s).
   XMM_INT_MORE: no MXCSR; XMM_FP_MORE: under MXCSR. */
#define XMM_INT_MORE(X)                                                            \
    X(punpcklqdq, "punpcklqdq %%xmm1, %%xmm0")                                       \
    X(punpckhqdq, "punpckhqdq %%xmm1, %%xmm0")                                       \
    X(unpcklps, "unpcklps %%xmm1, %%xmm0") X(unpcklpd, "unpcklpd %%xmm1, %%xmm0")     \
    X(unpckhps, "unpckhps %%xmm1, %%xmm0") X(unpckhpd, "unpckhpd %%xmm1, %%xmm0")     \
    X(movsldup, "movsldup %%xmm1, %%xmm0") X(movshdup, "movshdup %%xmm1, %%xmm0")     \
    X(movddup, "movddup %%xmm1, %%xmm0")

#define XMM_FP_MORE(X)                                                             \
    X(rsqrtps, "rsqrtps %%xmm1, %%xmm0") X(rsqrtss, "rsqrtss %%xmm1, %%xmm0")         \
    X(rcpps, "rcpps %%xmm1, %%xmm0") X(rcpss, "rcpss %%xmm1, %%xmm0")                 \
    X(cvtps2pd, "cvtps2pd %%xmm1, %%xmm0") X(cvtpd2ps, "cvtpd2ps %%xmm1, %%xmm0")     \
    X(cvtss2sd, "cvtss2sd %%xmm1, %%xmm0") X(cvtsd2ss, "cvtsd2ss %%xmm1, %%xmm0")     \
    X(cvtdq2ps, "cvtdq2ps %%xmm1, %%xmm0") X(cvtps2dq, "cvtps2dq %%xmm1, %%xmm0")     \
    X(cvttps2dq, "cvttps2dq %%xmm1, %%xmm0") X(cvttpd2dq, "cvttpd2dq %%xmm1, %%xmm0") \
    X(cvtdq2pd, "cvtdq2pd %%xmm1, %%xmm0") X(cvtpd2dq, "cvtpd2dq %%xmm1, %%xmm0")     \
    X(haddpd, "haddpd %%xmm1, %%xmm0") X(haddps, "haddps %%xmm1, %%xmm0")             \
    X(hsubpd, "hsubpd %%xmm1, %%xmm0") X(hsubps, "hsubps %%xmm1, %%xmm0")             \
    X(addsubpd, "addsubpd %%xmm1, %%xmm0") X(addsubps, "addsubps %%xmm1, %%xmm0")     \
    /* xmm <- mm / m64 (the source's upper half zeroed first) */                     \
    X(cvtpi2ps, "movq %%xmm1, %%xmm1\n\tcvtdq2ps %%xmm1, %%xmm1\n\tmovsd %%xmm1, %%xmm0") \
    X(cvtpi2pd, "cvtdq2pd %%xmm1, %%xmm0")                                           \
    /* mm <- xmm / m64 / m128 (d is the mm slot: its bytes 8..15 are rewritten) */  \
    X(cvtps2pi, "movq %%xmm1, %%xmm1\n\tcvtps2dq %%xmm1, %%xmm0")                     \
    X(cvttps2pi, "movq %%xmm1, %%xmm1\n\tcvttps2dq %%xmm1, %%xmm0")                   \
    X(cvtpd2pi, "cvtpd2dq %%xmm1, %%xmm0") X(cvttpd2pi, "cvttpd2dq %%xmm1, %%xmm0")

/* Scalar float -> int32 (env->sse_res) and int32 -> scalar float. */
#define CVT2SI_OPS(X) X(cvtss2si) X(cvttss2si) X(cvtsd2si) X(cvttsd2si)
#define CVTSI2_OPS(X) X(cvtsi2ss) X(cvtsi2sd)
/* Compares setting EFLAGS (ZF PF CF, in env->cc_tmp). */
#define COMI_OPS(X) X(comiss) X(ucomiss) X(comisd) X(ucomisd)
/* cmpps/pd/ss/sd: predicate imm8 & 7. */
#define CMP_OPS(X) X(cmpps) X(cmppd) X(cmpss) X(cmpsd)
