/*
 * x86-64 instruction encoder: prefixes, REX, ModRM/SIB and a few common
 * instruction shapes.  Encodings follow the Intel SDM vol. 2.
 */
#include <stdlib.h>
#include <string.h>

#include "tcg/x86/x86.h"

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
