/*
 * x86-64 instruction encoder: prefixes, REX, ModRM/SIB and a few common
 * instruction shapes.  Encodings follow the Intel SDM vol. 2.
 */
#include <stdlib.h>
#include <string.h>

#include "tcg/x86/x86.h"

void emit8(TCGContext *s, uint8_t v)
{
    *s->code_ptr++ = v;
}

void emit32(TCGContext *s, uint32_t v)
{
    memcpy(s->code_ptr, &v, 4);
    s->code_ptr += 4;
}

void emit64(TCGContext *s, uint64_t v)
{
    memcpy(s->code_ptr, &v, 8);
    s->code_ptr += 8;
}

/* Prefixes, REX and opcode bytes.  r, rm and index are full register numbers
   (index < 0: none); their high bits go into REX.R/B/X. */
void emit_opc(TCGContext *s, int opc, int r, int rm, int index)
{
    if (opc & P_LOCK) {
        emit8(s, 0xf0);
    }
    if (opc & P_DATA16) {
        emit8(s, 0x66);
    }
    if (opc & P_F3) {
        emit8(s, 0xf3);
    }
    int rex = 0;
    if (opc & P_REXW) {
        rex |= 8;
    }
    rex |= (r & 8) >> 1;
    if (index >= 0) {
        rex |= (index & 8) >> 2;
    }
    rex |= (rm & 8) >> 3;
    /* spl/bpl/sil/dil need a REX prefix to be addressable as bytes. */
    bool need = ((opc & P_REXB_R) && r >= 4 && r < 8) || ((opc & P_REXB_RM) && rm >= 4 && rm < 8);
    if (rex || need) {
        emit8(s, (uint8_t)(0x40 | rex));
    }
    if (opc & P_EXT38) {
        emit8(s, 0x0f);
        emit8(s, 0x38);
    } else if (opc & P_EXT) {
        emit8(s, 0x0f);
    }
    emit8(s, (uint8_t)opc);
}

void emit_modrm(TCGContext *s, int opc, int r, int rm)
{
    emit_opc(s, opc, r, rm, -1);
    emit8(s, (uint8_t)(0xc0 | (r & 7) << 3 | (rm & 7)));
}

void emit_modrm_mem(TCGContext *s, int opc, int r, int base, int index, int32_t disp)
{
    emit_opc(s, opc, r, base, index);
    int mod;
    if (disp == 0 && (base & 7) != 5) {
        mod = 0; /* rbp/r13 as base always need a displacement */
    } else if (fits_i8(disp)) {
        mod = 1;
    } else {
        mod = 2;
    }
    if (index < 0 && (base & 7) != 4) {
        emit8(s, (uint8_t)(mod << 6 | (r & 7) << 3 | (base & 7)));
    } else {
        /* SIB: rsp/r12 as base, or a base+index pair (scale 1). */
        int idx = index < 0 ? 4 : index; /* 4 in SIB.index = none */
        emit8(s, (uint8_t)(mod << 6 | (r & 7) << 3 | 4));
        emit8(s, (uint8_t)((idx & 7) << 3 | (base & 7)));
    }
    if (mod == 1) {
        emit8(s, (uint8_t)disp);
    } else if (mod == 2) {
        emit32(s, (uint32_t)disp);
    }
}

void emit_mov_rr(TCGContext *s, bool w, int dst, int src)
{
    if (dst != src) {
        emit_modrm(s, OPC_MOVL_GvEv | (w ? P_REXW : 0), dst, src);
    }
}

void emit_zext32(TCGContext *s, int dst, int src)
{
    emit_modrm(s, OPC_MOVL_GvEv, dst, src); /* mov r32, r32 clears bits 63..32 */
}

void emit_movi(TCGContext *s, bool w, int r, uint64_t val, bool may_clobber_flags)
{
    if (!w) {
        val = (uint32_t)val;
    }
    if (val == 0 && may_clobber_flags) {
        emit_modrm(s, OPC_ARITH_GvEv + (ARITH_XOR << 3), r, r);
    } else if (val == (uint32_t)val) {
        emit_opc(s, OPC_MOVL_Iv + (r & 7), 0, r, -1); /* mov r32, imm32 zero-extends */
        emit32(s, (uint32_t)val);
    } else if (fits_i32((int64_t)val)) {
        emit_modrm(s, OPC_MOVL_EvIz | P_REXW, 0, r); /* sign-extended imm32 */
        emit32(s, (uint32_t)val);
    } else {
        emit_opc(s, (OPC_MOVL_Iv + (r & 7)) | P_REXW, 0, r, -1);
        emit64(s, val);
    }
}

void emit_ld(TCGContext *s, bool w, int r, int base, int32_t off)
{
    emit_modrm_mem(s, OPC_MOVL_GvEv | (w ? P_REXW : 0), r, base, -1, off);
}

void emit_st(TCGContext *s, bool w, int r, int base, int32_t off)
{
    emit_modrm_mem(s, OPC_MOVL_EvGv | (w ? P_REXW : 0), r, base, -1, off);
}

void emit_arith_rr(TCGContext *s, int arith, bool w, int dst, int src)
{
    emit_modrm(s, (OPC_ARITH_GvEv + (arith << 3)) | (w ? P_REXW : 0), dst, src);
}

void emit_arith_ri(TCGContext *s, int arith, bool w, int dst, int32_t imm)
{
    int rexw = w ? P_REXW : 0;
    if (fits_i8(imm)) {
        emit_modrm(s, OPC_ARITH_EvIb | rexw, arith, dst);
        emit8(s, (uint8_t)imm);
    } else {
        emit_modrm(s, OPC_ARITH_EvIz | rexw, arith, dst);
        emit32(s, (uint32_t)imm);
    }
}

void emit_shift_ri(TCGContext *s, int shift, bool w, int r, int count)
{
    emit_modrm(s, OPC_SHIFT_Ib | (w ? P_REXW : 0), shift, r);
    emit8(s, (uint8_t)count);
}

void emit_ext(TCGContext *s, int opc, bool w, int dst, int src)
{
    if (opc == OPC_MOVZBL || opc == OPC_MOVSBL) {
        opc |= P_REXB_RM;
    }
    emit_modrm(s, opc | (w ? P_REXW : 0), dst, src);
}

uint8_t *emit_jmp_rel32(TCGContext *s, int cc)
{
    if (cc < 0) {
        emit8(s, OPC_JMP_long);
    } else {
        emit8(s, 0x0f);
        emit8(s, (uint8_t)(0x80 + cc));
    }
    uint8_t *field = s->code_ptr;
    emit32(s, 0);
    return field;
}

void patch_rel32(uint8_t *field, const void *target)
{
    int64_t d = (intptr_t)target - (intptr_t)(field + 4);
    if (!fits_i32(d)) {
        abort(); /* branch inside one TB: cannot happen */
    }
    int32_t d32 = (int32_t)d;
    memcpy(field, &d32, 4);
}

void emit_call_abs(TCGContext *s, const void *target)
{
    int64_t d = (intptr_t)target - (intptr_t)(s->code_ptr + 5);
    if (fits_i32(d)) {
        emit8(s, OPC_CALL_long);
        tcg_note_reloc(s, s->code_ptr, RELOC_CALL_REL32, (uintptr_t)target);
        emit32(s, (uint32_t)(int32_t)d);
    } else {
        /* movabs rax, imm64 (always the 10-byte form: the site is patched) */
        emit8(s, 0x48);
        emit8(s, OPC_MOVL_Iv + R_AX);
        tcg_note_reloc(s, s->code_ptr, RELOC_ABS64, (uintptr_t)target);
        emit64(s, (uintptr_t)target);
        emit_modrm(s, OPC_GRP5, EXT5_CALL, R_AX);
    }
}

/* Recommended multi-byte nops (SDM vol. 2, NOP). */
void emit_nops(TCGContext *s, int n)
{
    static const uint8_t nops[4][4] = {
        { 0 }, { 0x90 }, { 0x66, 0x90 }, { 0x0f, 0x1f, 0x00 },
    };
    while (n > 0) {
        int k = n > 3 ? 3 : n;
        memcpy(s->code_ptr, nops[k], (size_t)k);
        s->code_ptr += k;
        n -= k;
    }
}

void emit_vex_rr(TCGContext *s, int map, int pp, bool w, int opcode, int r, int v, int rm)
{
    emit8(s, 0xc4);
    /* R, X, B are stored inverted; vvvv too. */
    emit8(s, (uint8_t)((r & 8 ? 0 : 0x80) | 0x40 | (rm & 8 ? 0 : 0x20) | map));
    emit8(s, (uint8_t)((w ? 0x80 : 0) | (~v & 15) << 3 | pp));
    emit8(s, (uint8_t)opcode);
    emit8(s, (uint8_t)(0xc0 | (r & 7) << 3 | (rm & 7)));
}
