/*
 * i386 front end: the decoder (prefixes, opcode maps, ModRM/SIB) and the
 * integer instructions.
 *
 * Decoding is table driven: each opcode of the one-byte map and of the 0F
 * map has an OpEntry saying whether a ModRM byte follows, the operand size
 * class of its operands (b, v, w, d), which immediate follows, the handler
 * and a small argument (an ALU operation, a register number ...).  The
 * decoder reads the whole instruction (prefixes, opcode, ModRM, SIB,
 * displacement, immediate) before any IR is emitted, then calls the
 * handler with the decoded X86Insn.
 *
 * Guest state model: the eight registers, eip, the lazy flags (cc_dst,
 * cc_src, cc_src2, cc_op), df and the segment bases are IR globals.  cc_op
 * is also tracked at translation time (s->cc_op): it is stored only when a
 * TB exit, a helper that reads the flags or an exception needs it, and every
 * insn_start record carries it so that a fault restores it
 * (i386_restore_state).  Flags are computed only where an instruction reads
 * them; the common pairs (cmp/test/sub/and followed by jcc/setcc/cmov) are
 * compared directly without computing EFLAGS.
 *
 * Precise state: an instruction's memory stores come before its register
 * and flag writes, so a store that faults (or hits translated code, the SMC
 * path) leaves the state of the instruction's start and the instruction can
 * run again.
 */
#include <stdlib.h>
#include <string.h>

#include "include/guest.h"
#include "target-i386/helper.h"
#include "target-i386/sse-helper.h"
#include "target-i386/translate.h"

TCGv_i32 i386_regs[8], cpu_eip, cpu_cc_dst, cpu_cc_src, cpu_cc_src2, cpu_cc_op, cpu_df, cpu_cc_res;
TCGv_i32 cpu_seg_base[6];

#define I386_MAX_INSNS 48

void i386_tcg_init(void)
{
    static const char *const names[8] = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"};
    static const char *const seg_names[6] = {"es_base", "cs_base", "ss_base",
                                             "ds_base", "fs_base", "gs_base"};
    for (int i = 0; i < 8; i++)
        i386_regs[i] = tcg_global_mem_new(TCG_I32, X86_OFF(regs[i]), names[i]);
    for (int i = 0; i < 6; i++)
        cpu_seg_base[i] = tcg_global_mem_new(TCG_I32, X86_OFF(seg_base[i]), seg_names[i]);
    cpu_eip = tcg_global_mem_new(TCG_I32, X86_OFF(eip), "eip");
    cpu_cc_dst = tcg_global_mem_new(TCG_I32, X86_OFF(cc_dst), "cc_dst");
    cpu_cc_src = tcg_global_mem_new(TCG_I32, X86_OFF(cc_src), "cc_src");
    cpu_cc_src2 = tcg_global_mem_new(TCG_I32, X86_OFF(cc_src2), "cc_src2");
    cpu_cc_op = tcg_global_mem_new(TCG_I32, X86_OFF(cc_op), "cc_op");
    cpu_cc_res = tcg_global_mem_new(TCG_I32, X86_OFF(cc_res), "cc_res");
    cpu_df = tcg_global_mem_new(TCG_I32, X86_OFF(df), "df");
    /* The lazy EFLAGS state: flag globals (tcg/README.md "Dead flags"), so
       what the next block of a region overwrites first is not stored. */
    tcg_global_flag(cpu_cc_dst);
    tcg_global_flag(cpu_cc_src);
    tcg_global_flag(cpu_cc_src2);
    tcg_global_flag(cpu_cc_op);
    tcg_global_flag(cpu_cc_res);
    i386_flagkill_init();
    tcg_jump_key = (TCGJumpKey){
        .pc_off = X86_OFF(eip),
        .cs_base_off = -1,
        .nb_terms = 1,
        .term = { { X86_OFF(hflags), 0xffffffffu, 0 } },
    };
}

/* ---- Code fetch --------------------------------------------------------- */

static uint32_t fetch8(DisasContext *s) { return translator_ldub(&s->base, s->next++); }
static uint32_t fetch16(DisasContext *s)
{
    uint32_t v = translator_lduw(&s->base, s->next);
    s->next += 2;
    return v;
}
static uint32_t fetch32(DisasContext *s)
{
    uint32_t v = translator_ldl(&s->base, s->next);
    s->next += 4;
    return v;
}

/* ---- Temps and registers -------------------------------------------------- */

static TCGv_i32 tmp(void) { return tcg_temp_new_i32(); }
static TCGv_i32 cst(uint32_t v) { return tcg_constant_i32(v); }

static int size_bits(int ot) { return 8 << ot; }

/* dst = src zero- or sign-extended from operand size ot. */
static void gen_ext(int ot, TCGv_i32 dst, TCGv_i32 src, bool sign)
{
    switch (ot) {
    case MO_8:
        if (sign) tcg_gen_ext8s_i32(dst, src); else tcg_gen_ext8u_i32(dst, src);
        break;
    case MO_16:
        if (sign) tcg_gen_ext16s_i32(dst, src); else tcg_gen_ext16u_i32(dst, src);
        break;
    default:
        tcg_gen_mov_i32(dst, src);
        break;
    }
}

static TCGv_i32 ext_new(int ot, TCGv_i32 src, bool sign)
{
    if (ot == MO_32)
        return src;
    TCGv_i32 t = tmp();
    gen_ext(ot, t, src, sign);
    return t;
}

/* The value of register reg at size ot (8-bit: AL..BL, AH..BH), in a new temp. */
static TCGv_i32 gen_get_reg(int ot, int reg)
{
    TCGv_i32 t = tmp();
    if (ot == MO_8 && reg >= 4)
        tcg_gen_extract_i32(t, i386_regs[reg - 4], 8, 8);
    else
        gen_ext(ot, t, i386_regs[reg], false);
    return t;
}

static void gen_set_reg(int ot, int reg, TCGv_i32 v)
{
    switch (ot) {
    case MO_8:
        if (reg < 4)
            tcg_gen_deposit_i32(i386_regs[reg], i386_regs[reg], v, 0, 8);
        else
            tcg_gen_deposit_i32(i386_regs[reg - 4], i386_regs[reg - 4], v, 8, 8);
        break;
    case MO_16:
        tcg_gen_deposit_i32(i386_regs[reg], i386_regs[reg], v, 0, 16);
        break;
    default:
        tcg_gen_mov_i32(i386_regs[reg], v);
        break;
    }
}

/* ---- Addresses ------------------------------------------------------------ */

/* Add the base of segment seg (if it can be non-zero) to the offset a. */
static TCGv_i32 gen_seg_add(DisasContext *s, TCGv_i32 a, int seg)
{
    if (seg == R_FS || seg == R_GS || (s->addseg && seg != R_CS)) {
        TCGv_i32 t = tmp();
        tcg_gen_add_i32(t, a, cpu_seg_base[seg]);
        return t;
    }
    return a;
}

/* The offset part of the memory operand (what lea computes). */
static TCGv_i32 gen_lea(DisasContext *s, X86Insn *in)
{
    TCGv_i32 a = tmp();
    bool any = false;
    if (in->ea_base >= 0) {
        tcg_gen_mov_i32(a, i386_regs[in->ea_base]);
        if (in->ea_base == R_ESP && s->popl_esp_hack)
            tcg_gen_addi_i32(a, a, (uint32_t)s->popl_esp_hack);
        any = true;
    }
    if (in->ea_index >= 0) {
        TCGv_i32 ix = i386_regs[in->ea_index];
        if (in->ea_scale) {
            ix = tmp();
            tcg_gen_shli_i32(ix, i386_regs[in->ea_index], (uint32_t)in->ea_scale);
        }
        if (any)
            tcg_gen_add_i32(a, a, ix);
        else
            tcg_gen_mov_i32(a, ix);
        any = true;
    }
    if (!any)
        tcg_gen_movi_i32(a, in->disp);
    else if (in->disp)
        tcg_gen_addi_i32(a, a, in->disp);
    if (in->ea16)
        tcg_gen_ext16u_i32(a, a);
    return a;
}

TCGv_i32 gen_ea(DisasContext *s, X86Insn *in)
{
    if (!in->addr) {
        TCGv_i32 a = gen_lea(s, in);
        in->addr = gen_seg_add(s, a, s->override >= 0 ? s->override : in->ea_seg);
    }
    return in->addr;
}

/* An address in segment seg (string instructions, xlat, moffs, stack). */
static TCGv_i32 gen_addr_seg(DisasContext *s, TCGv_i32 off, int seg)
{
    TCGv_i32 a = off;
    if (s->aflag == MO_16) {
        a = tmp();
        tcg_gen_ext16u_i32(a, off);
    }
    return gen_seg_add(s, a, seg);
}

static void gen_ld(int ot, TCGv_i32 v, TCGv_i32 addr) { tcg_gen_qemu_ld_i32(v, addr, (unsigned)ot); }
static void gen_st(int ot, TCGv_i32 v, TCGv_i32 addr) { tcg_gen_qemu_st_i32(v, addr, (unsigned)ot); }

/* The E operand (register or memory) at size ot, in a new temp. */
static TCGv_i32 gen_ld_E(DisasContext *s, X86Insn *in, int ot)
{
    if (in->mod == 3)
        return gen_get_reg(ot, in->rm);
    TCGv_i32 t = tmp();
    gen_ld(ot, t, gen_ea(s, in));
    return t;
}

static void gen_st_E(DisasContext *s, X86Insn *in, int ot, TCGv_i32 v)
{
    if (in->mod == 3)
        gen_set_reg(ot, in->rm, v);
    else
        gen_st(ot, v, gen_ea(s, in));
}

TCGv_i32 i386_ld_E(DisasContext *s, X86Insn *in, int ot) { return gen_ld_E(s, in, ot); }
void i386_st_E(DisasContext *s, X86Insn *in, int ot, TCGv_i32 v) { gen_st_E(s, in, ot, v); }
TCGv_i32 i386_ea_string(DisasContext *s, int reg, int seg)
{
    return gen_addr_seg(s, i386_regs[reg], s->override >= 0 ? s->override : seg);
}

/* ---- Lazy flags --------------------------------------------------------------- */

static void set_cc_op(DisasContext *s, int op)
{
    s->cc_a = s->cc_b = 0;
    s->cc_sub_res = false;
    if (s->cc_op != op) {
        s->cc_op = op;
        s->cc_op_dirty = op != CC_OP_DYNAMIC;
    }
}

void gen_update_cc_op(DisasContext *s)
{
    if (s->cc_op_dirty) {
        tcg_gen_movi_i32(cpu_cc_op, (uint32_t)s->cc_op);
        s->cc_op_dirty = false;
    }
}

/* Store cc_op on one path only (an exception exit): the other path still
   has it dirty. */
static void gen_store_cc_op_here(DisasContext *s)
{
    if (s->cc_op_dirty)
        tcg_gen_movi_i32(cpu_cc_op, (uint32_t)s->cc_op);
}

static TCGv_i32 cc_op_value(DisasContext *s)
{
    return s->cc_op == CC_OP_DYNAMIC ? cpu_cc_op : cst((uint32_t)s->cc_op);
}

/* The six arithmetic flags, computed now into a new temp. */
static TCGv_i32 gen_eflags_value(DisasContext *s)
{
    TCGv_i32 t = tmp();
    if (s->cc_op == CC_OP_EFLAGS) {
        tcg_gen_mov_i32(t, cpu_cc_src);
    } else if (s->cc_op == CC_OP_CLR) {
        tcg_gen_movi_i32(t, CC_Z | CC_P);
    } else {
        tcg_gen_call(helper_cc_compute_all, CALL_NO_RWG | CALL_PURE, TCG_I32, t, cc_op_value(s),
                     cpu_cc_dst, cpu_cc_src, cpu_cc_src2, cpu_cc_res);
    }
    return t;
}

/* Make the flags CC_OP_EFLAGS form (cc_src = flags). */
static void gen_compute_eflags(DisasContext *s)
{
    if (s->cc_op == CC_OP_EFLAGS)
        return;
    TCGv_i32 t = gen_eflags_value(s);
    tcg_gen_mov_i32(cpu_cc_src, t);
    set_cc_op(s, CC_OP_EFLAGS);
}

/* The family (the B member) of a sized CC_OP, the op itself otherwise
   (CC_OP_ROT values match no family). */
static int cc_group(int op)
{
    return op < CC_OP_MULB || op >= CC_OP_NB ? op : CC_OP_MULB + (op - CC_OP_MULB) / 3 * 3;
}
static int cc_size(int op) { return op < CC_OP_MULB || op >= CC_OP_NB ? MO_32 : (op - CC_OP_MULB) % 3; }

/* CF (0 or 1) into a new temp. */
static TCGv_i32 gen_compute_c(DisasContext *s)
{
    TCGv_i32 t = tmp();
    int g = cc_group(s->cc_op), ot = cc_size(s->cc_op);
    switch (g) {
    case CC_OP_SUBB: {
        if (s->cc_a) {
            tcg_gen_setcond_i32(TCG_COND_LTU, t, ext_new(ot, s->cc_a, false), ext_new(ot, s->cc_b, false));
            break;
        }
        TCGv_i32 s1 = tmp();
        tcg_gen_add_i32(s1, cpu_cc_dst, cpu_cc_src);
        tcg_gen_setcond_i32(TCG_COND_LTU, t, ext_new(ot, s1, false), ext_new(ot, cpu_cc_src, false));
        break;
    }
    case CC_OP_ADDB:
        tcg_gen_setcond_i32(TCG_COND_LTU, t, ext_new(ot, cpu_cc_dst, false), ext_new(ot, cpu_cc_src, false));
        break;
    case CC_OP_LOGICB:
    case CC_OP_CLR:
        tcg_gen_movi_i32(t, 0);
        break;
    case CC_OP_INCB:
    case CC_OP_DECB:
        tcg_gen_mov_i32(t, cpu_cc_src);
        break;
    case CC_OP_SHLB:
        tcg_gen_extract_i32(t, cpu_cc_src, (unsigned)size_bits(ot) - 1, 1);
        break;
    case CC_OP_SARB:
        tcg_gen_andi_i32(t, cpu_cc_src, 1);
        break;
    case CC_OP_MULB:
        tcg_gen_setcondi_i32(TCG_COND_NE, t, cpu_cc_src, 0);
        break;
    case CC_OP_EFLAGS:
        tcg_gen_andi_i32(t, cpu_cc_src, 1);
        break;
    default:
        if (CC_OP_IS_ROT(s->cc_op)) {
            int kind = (s->cc_op >> 6) & 7;
            if (kind < 3)
                tcg_gen_andi_i32(t, cpu_cc_res, 1);
            else
                tcg_gen_extract_i32(t, cpu_cc_res, (8u << (kind % 3)) - 1, 1);
            break;
        }
        tcg_gen_call(helper_cc_compute_c, CALL_NO_RWG | CALL_PURE, TCG_I32, t, cc_op_value(s),
                     cpu_cc_dst, cpu_cc_src, cpu_cc_src2, cpu_cc_res);
        break;
    }
    return t;
}

typedef struct CCPrepare {
    TCGCond cond;
    TCGv_i32 a, b;
} CCPrepare;

/* Condition b (0..15, the jcc/setcc/cmovcc low nibble) as cond(a, b). */
static CCPrepare gen_prepare_cc(DisasContext *s, int b)
{
    int jcc = b >> 1;
    int g = cc_group(s->cc_op), ot = cc_size(s->cc_op);
    CCPrepare p = { TCG_COND_NEVER, 0, 0 };
    TCGv_i32 zero = cst(0);
    bool done = false;

    if (g == CC_OP_SUBB && s->cc_a && jcc != 4) {
        /* The operands of the sub/cmp are at hand: compare them. */
        TCGv_i32 a = s->cc_a, b = s->cc_b;
        done = true;
        switch (jcc) {
        case 1: p = (CCPrepare){ TCG_COND_LTU, ext_new(ot, a, false), ext_new(ot, b, false) }; break;
        case 2: /* (a sub has its result at hand: one operand less to keep) */
            p = s->cc_sub_res ? (CCPrepare){ TCG_COND_EQ, ext_new(ot, cpu_cc_dst, false), zero }
                              : (CCPrepare){ TCG_COND_EQ, ext_new(ot, a, false), ext_new(ot, b, false) };
            break;
        case 3: p = (CCPrepare){ TCG_COND_LEU, ext_new(ot, a, false), ext_new(ot, b, false) }; break;
        case 6: p = (CCPrepare){ TCG_COND_LT, ext_new(ot, a, true), ext_new(ot, b, true) }; break;
        case 7: p = (CCPrepare){ TCG_COND_LE, ext_new(ot, a, true), ext_new(ot, b, true) }; break;
        default: done = false; break;
        }
    } else if (g == CC_OP_SUBB) {
        TCGv_i32 s1 = tmp();
        tcg_gen_add_i32(s1, cpu_cc_dst, cpu_cc_src);
        done = true;
        switch (jcc) {
        case 1: p = (CCPrepare){ TCG_COND_LTU, ext_new(ot, s1, false), ext_new(ot, cpu_cc_src, false) }; break;
        case 2: p = (CCPrepare){ TCG_COND_EQ, ext_new(ot, cpu_cc_dst, false), zero }; break;
        case 3: p = (CCPrepare){ TCG_COND_LEU, ext_new(ot, s1, false), ext_new(ot, cpu_cc_src, false) }; break;
        case 4: p = (CCPrepare){ TCG_COND_LT, ext_new(ot, cpu_cc_dst, true), zero }; break;
        case 6: p = (CCPrepare){ TCG_COND_LT, ext_new(ot, s1, true), ext_new(ot, cpu_cc_src, true) }; break;
        case 7: p = (CCPrepare){ TCG_COND_LE, ext_new(ot, s1, true), ext_new(ot, cpu_cc_src, true) }; break;
        default: done = false; break;
        }
    } else if (g == CC_OP_LOGICB) {
        done = true;
        switch (jcc) {
        case 0: case 1: p = (CCPrepare){ TCG_COND_NEVER, zero, zero }; break;
        case 2: case 3: p = (CCPrepare){ TCG_COND_EQ, ext_new(ot, cpu_cc_dst, false), zero }; break;
        case 4: case 6: p = (CCPrepare){ TCG_COND_LT, ext_new(ot, cpu_cc_dst, true), zero }; break;
        case 7: p = (CCPrepare){ TCG_COND_LE, ext_new(ot, cpu_cc_dst, true), zero }; break;
        default: done = false; break;
        }
    } else if (g > CC_OP_MULB && g < CC_OP_NB) {
        /* Z and S come from the result for every sized operation. */
        if (jcc == 2) {
            p = (CCPrepare){ TCG_COND_EQ, ext_new(ot, cpu_cc_dst, false), zero };
            done = true;
        } else if (jcc == 4) {
            p = (CCPrepare){ TCG_COND_LT, ext_new(ot, cpu_cc_dst, true), zero };
            done = true;
        } else if (jcc == 1) {
            p = (CCPrepare){ TCG_COND_NE, gen_compute_c(s), zero };
            done = true;
        }
    }
    if (!done) {
        TCGv_i32 f = gen_eflags_value(s), t = tmp();
        switch (jcc) {
        case 0: tcg_gen_andi_i32(t, f, CC_O); break;
        case 1: tcg_gen_andi_i32(t, f, CC_C); break;
        case 2: tcg_gen_andi_i32(t, f, CC_Z); break;
        case 3: tcg_gen_andi_i32(t, f, CC_C | CC_Z); break;
        case 4: tcg_gen_andi_i32(t, f, CC_S); break;
        case 5: tcg_gen_andi_i32(t, f, CC_P); break;
        case 6: /* S != O */
            tcg_gen_shri_i32(t, f, 4);
            tcg_gen_xor_i32(t, t, f);
            tcg_gen_andi_i32(t, t, CC_S);
            break;
        default: { /* (S != O) || Z */
            TCGv_i32 u = tmp();
            tcg_gen_shri_i32(t, f, 4);
            tcg_gen_xor_i32(t, t, f);
            tcg_gen_andi_i32(u, f, CC_Z);
            tcg_gen_shli_i32(u, u, 1);
            tcg_gen_or_i32(t, t, u);
            tcg_gen_andi_i32(t, t, CC_S);
            break;
        }
        }
        p = (CCPrepare){ TCG_COND_NE, t, zero };
    }
    if (b & 1)
        p.cond = tcg_invert_cond(p.cond);
    return p;
}

void gen_jcc_skip(DisasContext *s, int b, TCGLabel l)
{
    CCPrepare p = gen_prepare_cc(s, b);
    tcg_gen_brcond_i32(tcg_invert_cond(p.cond), p.a, p.b, l);
}

void gen_set_eflags(DisasContext *s, TCGv_i32 f)
{
    tcg_gen_mov_i32(cpu_cc_src, f);
    set_cc_op(s, CC_OP_EFLAGS);
}

/* ---- Exits ------------------------------------------------------------------ */

static void gen_goto_tb(DisasContext *s, int n, uint32_t dest)
{
    gen_update_cc_op(s);
    /* A direct jump keeps the key's code-segment base and mode bits. */
    if (translator_jump(&s->base, dest, s->tb->cs_base, s->tb->flags))
        return;
    tcg_gen_goto_tb(n);
    tcg_gen_movi_i32(cpu_eip, dest);
    tcg_gen_exit_tb(s->tb, n);
}

static void gen_jmp(DisasContext *s, uint32_t dest)
{
    gen_goto_tb(s, 0, dest);
    s->base.is_jmp = DISAS_NORETURN;
}

/* Jump to the address in v (indirect); is_ret: a ret, which checks the
   return prediction (tcg/README.md). */
static void gen_jmp_v_ret(DisasContext *s, TCGv_i32 v, bool is_ret)
{
    tcg_gen_mov_i32(cpu_eip, v);
    gen_update_cc_op(s);
    if (is_ret)
        tcg_gen_lookup_and_goto_ret();
    else
        tcg_gen_lookup_and_goto();
    s->base.is_jmp = DISAS_NORETURN;
}

static void gen_jmp_v(DisasContext *s, TCGv_i32 v) { gen_jmp_v_ret(s, v, false); }

/* A call: the return address (the next instruction, same code segment and
   mode) is pushed for return prediction. */
static void gen_ret_push(DisasContext *s)
{
    tcg_gen_ret_push(s->next, s->tb->cs_base, s->tb->flags);
}

void i386_gen_exception(DisasContext *s, int excp, uint32_t pc)
{
    gen_update_cc_op(s);
    tcg_gen_movi_i32(cpu_eip, pc);
    tcg_gen_st_i32(cst((uint32_t)excp), X86_OFF(common.exception));
    tcg_gen_exit_tb(NULL, 0);
    s->base.is_jmp = DISAS_NORETURN;
}

/* A store of n bytes (9..16) done as several host stores: when it crosses
   a page, touch the first byte of the second page first (load it and
   store it back: the instruction overwrites that byte anyway), so a bad
   second page faults, with si_addr its start, before any byte is written;
   the caller then stores its parts first to last, so a bad first page
   faults at the first.  The CPU checks both pages before it stores. */
void gen_store_probe(TCGv_i32 addr, int n)
{
    TCGv_i32 t = tcg_temp_new_i32(), b = tcg_temp_new_i32();
    TCGLabel same = gen_new_label();
    tcg_gen_andi_i32(t, addr, 0xfff);
    tcg_gen_brcondi_i32(TCG_COND_LEU, t, 0x1000u - (uint32_t)n, same);
    tcg_gen_addi_i32(t, addr, (uint32_t)n - 1);
    tcg_gen_andi_i32(t, t, ~0xfffu);
    tcg_gen_qemu_ld_i32(b, t, MO_8);
    tcg_gen_qemu_st_i32(b, t, MO_8);
    gen_set_label(same);
}

void gen_check_excp(DisasContext *s, TCGv_i32 r)
{
    TCGLabel ok = gen_new_label();
    tcg_gen_brcondi_i32(TCG_COND_EQ, r, 0, ok);
    gen_store_cc_op_here(s);
    tcg_gen_movi_i32(cpu_eip, s->pc);
    tcg_gen_st_i32(r, X86_OFF(common.exception));
    tcg_gen_exit_tb(NULL, 0);
    gen_set_label(ok);
}

static void gen_undef(DisasContext *s) { i386_gen_exception(s, EXCP_X86_UD, s->pc); }
static void gen_gpf(DisasContext *s) { i386_gen_exception(s, EXCP_X86_GP, s->pc); }

/* ---- Stack ------------------------------------------------------------------ */

static TCGv_i32 stack_addr(DisasContext *s, TCGv_i32 off)
{
    return gen_seg_add(s, off, R_SS);
}

/* The store's address is a temp of its own that dies at the store and esp
   is decremented after it (a faulting push leaves esp as it was), so the
   backend folds the address: `mov [r14 + esp - 4], v; sub esp, 4`, not a
   lea, the store and a copy to esp.  (An add, not a sub like esp's update:
   the optimizer must not make the update a copy of the address.) */
static void gen_push(DisasContext *s, int ot, TCGv_i32 v)
{
    TCGv_i32 sp = tmp();
    tcg_gen_addi_i32(sp, i386_regs[R_ESP], -(1u << ot));
    gen_st(ot, v, stack_addr(s, sp));
    tcg_gen_subi_i32(i386_regs[R_ESP], i386_regs[R_ESP], 1u << ot);
}

/* The value on top of the stack (no esp change). */
static TCGv_i32 gen_pop_load(DisasContext *s, int ot)
{
    TCGv_i32 v = tmp();
    gen_ld(ot, v, stack_addr(s, i386_regs[R_ESP]));
    return v;
}

static void gen_pop_update(int ot, int extra)
{
    tcg_gen_addi_i32(i386_regs[R_ESP], i386_regs[R_ESP], (1u << ot) + (uint32_t)extra);
}

/* ---- Instruction semantics --------------------------------------------------- */

typedef struct OpEntry OpEntry;
typedef void (*X86Handler)(DisasContext *s, X86Insn *in, int arg);

enum { OP_ADD, OP_OR, OP_ADC, OP_SBB, OP_AND, OP_SUB, OP_XOR, OP_CMP };

/* Read-modify-write of the E operand: with LOCK on memory, a compare-and-
   swap loop (the value computed from the loaded one is stored only if the
   memory still holds it). */
typedef struct Rmw {
    bool locked;
    TCGLabel retry;
    TCGv_i32 old, addr;
    int ot;
} Rmw;

static TCGv_i32 rmw_begin(DisasContext *s, X86Insn *in, int ot, Rmw *r)
{
    r->ot = ot;
    r->locked = (s->prefix & PREFIX_LOCK) && in->mod != 3;
    if (!r->locked)
        return gen_ld_E(s, in, ot);
    r->addr = gen_ea(s, in);
    r->retry = gen_new_label();
    r->old = tmp();
    gen_set_label(r->retry);
    gen_ld(ot, r->old, r->addr);
    TCGv_i32 v = tmp();
    tcg_gen_mov_i32(v, r->old);
    return v;
}

static void rmw_end(DisasContext *s, X86Insn *in, Rmw *r, TCGv_i32 v)
{
    if (!r->locked) {
        gen_st_E(s, in, r->ot, v);
        return;
    }
    TCGv_i32 got = tmp();
    tcg_gen_cmpxchg_i32(got, r->addr, r->old, v, (unsigned)r->ot);
    tcg_gen_brcond_i32(TCG_COND_NE, got, r->old, r->retry);
}

/* dst op= src with flags; dst is the E operand (in->mod/rm) or register
   reg_dst >= 0. */
static void gen_alu_op(DisasContext *s, X86Insn *in, int op, int ot, int reg_dst, TCGv_i32 src)
{
    Rmw r = { 0 };
    TCGv_i32 a, res = tmp(), cin = 0;
    /* and/or/xor of a 16-bit or low 8-bit register with a constant: on
       the whole register, the constant adjusted to keep the bits above
       (no extract and deposit).  cc_dst is then the whole register: only
       its low bits count (helper.c). */
    int reg = reg_dst >= 0 ? reg_dst : in->mod == 3 ? in->rm : -1;
    const TCGTemp *c = &tcg_ctx.temps[src];
    if ((op == OP_AND || op == OP_OR || op == OP_XOR) && ot != MO_32 && reg >= 0 && (ot == MO_16 || reg < 4) &&
        c->kind == TEMP_CONST) {
        uint32_t mask = ot == MO_8 ? 0xffu : 0xffffu, v = (uint32_t)c->val & mask;
        switch (op) {
        case OP_AND: tcg_gen_andi_i32(res, i386_regs[reg], v | ~mask); break;
        case OP_OR: tcg_gen_ori_i32(res, i386_regs[reg], v); break;
        default: tcg_gen_xori_i32(res, i386_regs[reg], v); break;
        }
        tcg_gen_mov_i32(i386_regs[reg], res);
        set_cc_op(s, CC_OP_LOGICB + ot);
        tcg_gen_mov_i32(cpu_cc_dst, res);
        return;
    }
    if (op == OP_ADC || op == OP_SBB)
        cin = gen_compute_c(s);
    if (reg_dst >= 0) {
        a = gen_get_reg(ot, reg_dst);
    } else if (op == OP_CMP) {
        a = gen_ld_E(s, in, ot);
    } else {
        a = rmw_begin(s, in, ot, &r);
    }
    switch (op) {
    case OP_ADD: tcg_gen_add_i32(res, a, src); break;
    case OP_ADC: tcg_gen_add_i32(res, a, src); tcg_gen_add_i32(res, res, cin); break;
    case OP_SBB: tcg_gen_sub_i32(res, a, src); tcg_gen_sub_i32(res, res, cin); break;
    case OP_SUB: case OP_CMP: tcg_gen_sub_i32(res, a, src); break;
    case OP_AND: tcg_gen_and_i32(res, a, src); break;
    case OP_OR: tcg_gen_or_i32(res, a, src); break;
    case OP_XOR: tcg_gen_xor_i32(res, a, src); break;
    }
    if (op != OP_CMP) {
        if (reg_dst >= 0)
            gen_set_reg(ot, reg_dst, res);
        else
            rmw_end(s, in, &r, res);
    }
    switch (op) {
    case OP_ADD: tcg_gen_mov_i32(cpu_cc_src, src); set_cc_op(s, CC_OP_ADDB + ot); break;
    case OP_ADC:
        tcg_gen_mov_i32(cpu_cc_src, src);
        tcg_gen_mov_i32(cpu_cc_src2, cin);
        set_cc_op(s, CC_OP_ADCB + ot);
        break;
    case OP_SBB:
        tcg_gen_mov_i32(cpu_cc_src, src);
        tcg_gen_mov_i32(cpu_cc_src2, cin);
        set_cc_op(s, CC_OP_SBBB + ot);
        break;
    case OP_SUB: case OP_CMP:
        tcg_gen_mov_i32(cpu_cc_src, src);
        set_cc_op(s, CC_OP_SUBB + ot);
        s->cc_a = a;
        s->cc_b = src;
        s->cc_sub_res = op == OP_SUB;
        break;
    default: set_cc_op(s, CC_OP_LOGICB + ot); break;
    }
    tcg_gen_mov_i32(cpu_cc_dst, res);
}

/* 00..3F ALU forms: arg = op << 3 | form. */
static void h_alu(DisasContext *s, X86Insn *in, int arg)
{
    int op = arg >> 3, form = arg & 7, ot = in->ot;
    switch (form) {
    case 0: case 1: /* E, G */
        if (op == OP_XOR && in->mod == 3 && in->rm == in->reg && !(s->prefix & PREFIX_LOCK)) {
            gen_set_reg(ot, in->reg, cst(0)); /* xor r, r */
            set_cc_op(s, CC_OP_CLR);
            return;
        }
        gen_alu_op(s, in, op, ot, -1, gen_get_reg(ot, in->reg));
        break;
    case 2: case 3: /* G, E */
        if (op == OP_XOR && in->mod == 3 && in->rm == in->reg) {
            gen_set_reg(ot, in->reg, cst(0));
            set_cc_op(s, CC_OP_CLR);
            return;
        }
        gen_alu_op(s, in, op, ot, in->reg, gen_ld_E(s, in, ot));
        break;
    default: /* AL/eAX, imm */
        gen_alu_op(s, in, op, ot, R_EAX, cst(in->imm));
        break;
    }
}

/* 80..83: group 1, E, imm. */
static void h_grp1(DisasContext *s, X86Insn *in, int arg)
{
    gen_alu_op(s, in, in->reg, in->ot, -1, cst(in->imm));
}

static void gen_test(DisasContext *s, int ot, TCGv_i32 a, TCGv_i32 b)
{
    TCGv_i32 t = tmp();
    tcg_gen_and_i32(t, a, b);
    tcg_gen_mov_i32(cpu_cc_dst, t);
    set_cc_op(s, CC_OP_LOGICB + ot);
}

static void h_test(DisasContext *s, X86Insn *in, int arg)
{
    if (arg) /* A8/A9 */
        gen_test(s, in->ot, gen_get_reg(in->ot, R_EAX), cst(in->imm));
    else
        gen_test(s, in->ot, gen_ld_E(s, in, in->ot), gen_get_reg(in->ot, in->reg));
}

static void gen_incdec(DisasContext *s, X86Insn *in, int ot, int reg, bool dec)
{
    Rmw r = { 0 };
    TCGv_i32 c = gen_compute_c(s);
    TCGv_i32 a = reg >= 0 ? gen_get_reg(ot, reg) : rmw_begin(s, in, ot, &r);
    TCGv_i32 res = tmp();
    tcg_gen_addi_i32(res, a, dec ? (uint32_t)-1 : 1u);
    if (reg >= 0)
        gen_set_reg(ot, reg, res);
    else
        rmw_end(s, in, &r, res);
    tcg_gen_mov_i32(cpu_cc_src, c);
    tcg_gen_mov_i32(cpu_cc_dst, res);
    set_cc_op(s, (dec ? CC_OP_DECB : CC_OP_INCB) + ot);
}

static void h_incdec_r(DisasContext *s, X86Insn *in, int arg)
{
    gen_incdec(s, in, s->dflag, arg & 7, arg >= 8);
}

static void h_push_r(DisasContext *s, X86Insn *in, int arg)
{
    gen_push(s, s->dflag, gen_get_reg(s->dflag, arg));
}

static void h_pop_r(DisasContext *s, X86Insn *in, int arg)
{
    TCGv_i32 v = gen_pop_load(s, s->dflag);
    gen_pop_update(s->dflag, 0);
    gen_set_reg(s->dflag, arg, v);
}

static void h_push_imm(DisasContext *s, X86Insn *in, int arg)
{
    gen_push(s, s->dflag, cst(in->imm));
}

static void h_pusha(DisasContext *s, X86Insn *in, int arg)
{
    int ot = s->dflag, sz = 1 << ot;
    TCGv_i32 sp = tmp();
    tcg_gen_subi_i32(sp, i386_regs[R_ESP], (uint32_t)(8 * sz));
    for (int i = 0; i < 8; i++) {
        TCGv_i32 a = tmp();
        tcg_gen_addi_i32(a, sp, (uint32_t)((7 - i) * sz));
        gen_st(ot, gen_get_reg(ot, i), stack_addr(s, a));
    }
    tcg_gen_mov_i32(i386_regs[R_ESP], sp);
}

static void h_popa(DisasContext *s, X86Insn *in, int arg)
{
    int ot = s->dflag, sz = 1 << ot;
    TCGv_i32 v[8];
    for (int i = 0; i < 8; i++) {
        if (i == R_ESP)
            continue;
        TCGv_i32 a = tmp();
        tcg_gen_addi_i32(a, i386_regs[R_ESP], (uint32_t)((7 - i) * sz));
        v[i] = tmp();
        gen_ld(ot, v[i], stack_addr(s, a));
    }
    for (int i = 0; i < 8; i++)
        if (i != R_ESP)
            gen_set_reg(ot, i, v[i]);
    tcg_gen_addi_i32(i386_regs[R_ESP], i386_regs[R_ESP], (uint32_t)(8 * sz));
}

static void gen_imul_flags(DisasContext *s, int ot, TCGv_i32 lo, TCGv_i32 hi_or_full)
{
    /* cc_src != 0 when the signed result does not fit the destination. */
    TCGv_i32 t = tmp();
    if (ot == MO_32) {
        tcg_gen_sari_i32(t, lo, 31);
        tcg_gen_sub_i32(t, t, hi_or_full);
    } else {
        gen_ext(ot, t, hi_or_full, true);
        tcg_gen_sub_i32(t, t, hi_or_full);
    }
    tcg_gen_mov_i32(cpu_cc_src, t);
    tcg_gen_mov_i32(cpu_cc_dst, lo);
    set_cc_op(s, CC_OP_MULB + ot);
}

/* imul G, E, imm (69, 6B) and imul G, E (0F AF). */
static void h_imul3(DisasContext *s, X86Insn *in, int arg)
{
    int ot = in->ot;
    TCGv_i32 a = gen_ld_E(s, in, ot);
    TCGv_i32 b = arg ? cst(in->imm) : gen_get_reg(ot, in->reg);
    if (ot == MO_32) {
        TCGv_i32 lo = tmp(), hi = tmp();
        tcg_gen_muls2_i32(lo, hi, a, b);
        gen_set_reg(ot, in->reg, lo);
        gen_imul_flags(s, ot, lo, hi);
    } else {
        TCGv_i32 sa = ext_new(ot, a, true), sb = tmp(), p = tmp();
        gen_ext(ot, sb, b, true);
        tcg_gen_mul_i32(p, sa, sb);
        gen_set_reg(ot, in->reg, p);
        gen_imul_flags(s, ot, p, p);
    }
}

static void h_jcc(DisasContext *s, X86Insn *in, int arg)
{
    uint32_t dest = s->next + in->imm;
    if (s->dflag == MO_16)
        dest &= 0xffff;
    CCPrepare p = gen_prepare_cc(s, arg);
    TCGLabel taken = gen_new_label();
    gen_update_cc_op(s);
    tcg_gen_brcond_i32(p.cond, p.a, p.b, taken);
    gen_goto_tb(s, 1, s->next);
    gen_set_label(taken);
    gen_goto_tb(s, 0, dest);
    s->base.is_jmp = DISAS_NORETURN;
}

static void h_setcc(DisasContext *s, X86Insn *in, int arg)
{
    CCPrepare p = gen_prepare_cc(s, arg);
    TCGv_i32 t = tmp();
    tcg_gen_setcond_i32(p.cond, t, p.a, p.b);
    gen_st_E(s, in, MO_8, t);
}

static void h_cmov(DisasContext *s, X86Insn *in, int arg)
{
    int ot = in->ot;
    TCGv_i32 v = gen_ld_E(s, in, ot);
    CCPrepare p = gen_prepare_cc(s, arg);
    TCGv_i32 t = tmp();
    tcg_gen_movcond_i32(p.cond, t, p.a, p.b, v, gen_get_reg(ot, in->reg));
    gen_set_reg(ot, in->reg, t);
}

static void h_xchg(DisasContext *s, X86Insn *in, int arg)
{
    int ot = in->ot;
    if (arg) { /* 91..97: xchg eAX, r */
        TCGv_i32 a = gen_get_reg(ot, R_EAX), b = gen_get_reg(ot, arg);
        gen_set_reg(ot, R_EAX, b);
        gen_set_reg(ot, arg, a);
        return;
    }
    TCGv_i32 r = gen_get_reg(ot, in->reg);
    if (in->mod == 3) {
        TCGv_i32 e = gen_get_reg(ot, in->rm);
        gen_set_reg(ot, in->rm, r);
        gen_set_reg(ot, in->reg, e);
        return;
    }
    /* xchg with memory is always locked. */
    s->prefix |= PREFIX_LOCK;
    Rmw rm = { 0 };
    TCGv_i32 old = rmw_begin(s, in, ot, &rm);
    rmw_end(s, in, &rm, r);
    gen_set_reg(ot, in->reg, old);
}

static void h_mov(DisasContext *s, X86Insn *in, int arg)
{
    int ot = in->ot;
    switch (arg) {
    case 0: /* 88/89: E, G */
        gen_st_E(s, in, ot, gen_get_reg(ot, in->reg));
        break;
    case 1: /* 8A/8B: G, E */
        gen_set_reg(ot, in->reg, gen_ld_E(s, in, ot));
        break;
    case 2: /* C6/C7: E, imm */
        if (in->reg != 0) {
            gen_undef(s);
            return;
        }
        gen_st_E(s, in, ot, cst(in->imm));
        break;
    }
}

static void h_mov_r_imm(DisasContext *s, X86Insn *in, int arg)
{
    gen_set_reg(in->ot, arg, cst(in->imm));
}

/* A0..A3: mov between AL/eAX and a memory offset. */
static void h_mov_moffs(DisasContext *s, X86Insn *in, int arg)
{
    int ot = in->ot;
    TCGv_i32 a = gen_addr_seg(s, cst(in->imm), s->override >= 0 ? s->override : R_DS);
    if (arg) {
        gen_st(ot, gen_get_reg(ot, R_EAX), a);
    } else {
        TCGv_i32 v = tmp();
        gen_ld(ot, v, a);
        gen_set_reg(ot, R_EAX, v);
    }
}

static void h_lea(DisasContext *s, X86Insn *in, int arg)
{
    if (in->mod == 3) {
        gen_undef(s);
        return;
    }
    gen_set_reg(in->ot, in->reg, gen_lea(s, in));
}

/* 8C: mov E, Sreg. */
static void h_mov_from_seg(DisasContext *s, X86Insn *in, int arg)
{
    if (in->reg > R_GS) {
        gen_undef(s);
        return;
    }
    TCGv_i32 t = tmp();
    tcg_gen_ld_i32(t, X86_OFF(segs[in->reg]));
    /* A register destination gets the zero-extended selector (32-bit). */
    gen_st_E(s, in, in->mod == 3 ? s->dflag : MO_16, t);
}

static void gen_load_seg(DisasContext *s, int seg, TCGv_i32 sel)
{
    TCGv_i32 r = tmp();
    gen_update_cc_op(s);
    tcg_gen_call(helper_load_seg, CALL_RW_GLOBALS, TCG_I32, r, tcg_env, cst((uint32_t)seg), sel);
    gen_check_excp(s, r);
    if (seg != R_FS && seg != R_GS)
        s->base.is_jmp = DISAS_UPDATE; /* hflags may have changed */
}

/* 8E: mov Sreg, E. */
static void h_mov_to_seg(DisasContext *s, X86Insn *in, int arg)
{
    if (in->reg > R_GS || in->reg == R_CS) {
        gen_undef(s);
        return;
    }
    gen_load_seg(s, in->reg, gen_ld_E(s, in, MO_16));
}

static void h_push_seg(DisasContext *s, X86Insn *in, int arg)
{
    TCGv_i32 t = tmp();
    tcg_gen_ld_i32(t, X86_OFF(segs[arg]));
    if (s->dflag == MO_32) {
        /* Intel CPUs write only the low 16 bits of the slot. */
        TCGv_i32 sp = tmp();
        tcg_gen_subi_i32(sp, i386_regs[R_ESP], 4);
        gen_st(MO_16, t, stack_addr(s, sp));
        tcg_gen_mov_i32(i386_regs[R_ESP], sp);
    } else {
        gen_push(s, MO_16, t);
    }
}

static void h_pop_seg(DisasContext *s, X86Insn *in, int arg)
{
    TCGv_i32 v = gen_pop_load(s, MO_16);
    gen_load_seg(s, arg, v);
    gen_pop_update(s->dflag, 0);
}

/* 8F: pop E. */
static void h_pop_E(DisasContext *s, X86Insn *in, int arg)
{
    int ot = s->dflag;
    TCGv_i32 v = gen_pop_load(s, ot);
    if (in->mod == 3) {
        gen_pop_update(ot, 0);
        gen_set_reg(ot, in->rm, v);
    } else {
        s->popl_esp_hack = 1 << ot;
        gen_st(ot, v, gen_ea(s, in));
        s->popl_esp_hack = 0;
        gen_pop_update(ot, 0);
    }
}

static void h_nop(DisasContext *s, X86Insn *in, int arg) {}

static void h_cbw(DisasContext *s, X86Insn *in, int arg)
{
    TCGv_i32 t = tmp();
    if (s->dflag == MO_32) {
        tcg_gen_ext16s_i32(t, i386_regs[R_EAX]);
        gen_set_reg(MO_32, R_EAX, t);
    } else {
        tcg_gen_ext8s_i32(t, i386_regs[R_EAX]);
        gen_set_reg(MO_16, R_EAX, t);
    }
}

static void h_cwd(DisasContext *s, X86Insn *in, int arg)
{
    TCGv_i32 t = tmp();
    if (s->dflag == MO_32) {
        tcg_gen_sari_i32(t, i386_regs[R_EAX], 31);
        gen_set_reg(MO_32, R_EDX, t);
    } else {
        tcg_gen_ext16s_i32(t, i386_regs[R_EAX]);
        tcg_gen_sari_i32(t, t, 15);
        gen_set_reg(MO_16, R_EDX, t);
    }
}

static void h_pushf(DisasContext *s, X86Insn *in, int arg)
{
    TCGv_i32 f = tmp();
    gen_compute_eflags(s);
    gen_update_cc_op(s);
    tcg_gen_call(helper_read_eflags, CALL_NO_WG, TCG_I32, f, tcg_env);
    gen_push(s, s->dflag, f);
}

static void h_popf(DisasContext *s, X86Insn *in, int arg)
{
    int ot = s->dflag;
    TCGv_i32 v = gen_pop_load(s, ot);
    uint32_t mask = CC_ALL | EFL_DF | EFL_TF | EFL_NT;
    if (ot == MO_32)
        mask |= EFL_AC | EFL_ID;
    gen_pop_update(ot, 0);
    gen_update_cc_op(s);
    tcg_gen_call(helper_write_eflags, CALL_RW_GLOBALS, TCG_I32, TEMP_NONE, tcg_env, v, cst(mask));
    set_cc_op(s, CC_OP_EFLAGS);
    s->cc_op_dirty = false;
    s->base.is_jmp = DISAS_UPDATE;
}

static void h_sahf(DisasContext *s, X86Insn *in, int arg)
{
    TCGv_i32 ah = tmp();
    gen_compute_eflags(s);
    tcg_gen_extract_i32(ah, i386_regs[R_EAX], 8, 8);
    tcg_gen_andi_i32(ah, ah, CC_S | CC_Z | CC_A | CC_P | CC_C);
    TCGv_i32 o = tmp();
    tcg_gen_andi_i32(o, cpu_cc_src, CC_O);
    tcg_gen_or_i32(cpu_cc_src, o, ah);
}

static void h_lahf(DisasContext *s, X86Insn *in, int arg)
{
    TCGv_i32 f = gen_eflags_value(s);
    tcg_gen_andi_i32(f, f, CC_S | CC_Z | CC_A | CC_P | CC_C);
    tcg_gen_ori_i32(f, f, 2);
    tcg_gen_deposit_i32(i386_regs[R_EAX], i386_regs[R_EAX], f, 8, 8);
}

/* F5 cmc, F8 clc, F9 stc: arg 0 complement, 1 clear, 2 set. */
static void h_carry(DisasContext *s, X86Insn *in, int arg)
{
    gen_compute_eflags(s);
    if (arg == 0)
        tcg_gen_xori_i32(cpu_cc_src, cpu_cc_src, CC_C);
    else if (arg == 1)
        tcg_gen_andi_i32(cpu_cc_src, cpu_cc_src, ~CC_C);
    else
        tcg_gen_ori_i32(cpu_cc_src, cpu_cc_src, CC_C);
}

static void h_dir(DisasContext *s, X86Insn *in, int arg)
{
    tcg_gen_movi_i32(cpu_df, arg ? (uint32_t)-1 : 1u);
}

/* ---- Shifts and rotates ------------------------------------------------------ */

/* Group 2: op = in->reg (0 rol, 1 ror, 2 rcl, 3 rcr, 4 shl, 5 shr, 6 sal, 7 sar);
   count: a constant (const_count >= 0) or CL. */
static void gen_shift(DisasContext *s, X86Insn *in, int ot, int op, int const_count)
{
    if (op == 6)
        op = 4;
    if (op < 2 && const_count >= 0 && (const_count & 0x1f)) {
        /* rol/ror by a constant: inline, flags lazy (CC_OP_ROT). */
        int n = size_bits(ot), k = (const_count & 0x1f) % n;
        TCGv_i32 v = gen_ld_E(s, in, ot), res = tmp();
        if (k == 0) {
            tcg_gen_mov_i32(res, v);
        } else if (ot == MO_32) {
            if (op == 0)
                tcg_gen_rotli_i32(res, v, (uint32_t)k);
            else
                tcg_gen_rotri_i32(res, v, (uint32_t)k);
        } else {
            TCGv_i32 a = tmp(), b = tmp();
            int l = op == 0 ? k : n - k; /* as a left rotate */
            tcg_gen_shli_i32(a, v, (uint32_t)l);
            tcg_gen_shri_i32(b, v, (uint32_t)(n - l));
            tcg_gen_or_i32(res, a, b);
            gen_ext(ot, res, res, false);
        }
        gen_st_E(s, in, ot, res);
        tcg_gen_mov_i32(cpu_cc_res, res);
        int kind = op * 3 + ot;
        if (CC_OP_IS_ROT(s->cc_op) || s->cc_op != CC_OP_DYNAMIC) {
            set_cc_op(s, CC_OP_ROT | kind << 6 | (s->cc_op & 0x3f));
        } else {
            gen_update_cc_op(s);
            tcg_gen_andi_i32(cpu_cc_op, cpu_cc_op, 0x3f);
            tcg_gen_ori_i32(cpu_cc_op, cpu_cc_op, (uint32_t)(CC_OP_ROT | kind << 6));
            set_cc_op(s, CC_OP_DYNAMIC);
        }
        return;
    }
    if (op < 4) {
        /* Rotates: a helper computes the result and the new flags (into
           env->cc_tmp, taken after the store so that a faulting store
           leaves the flags as they were). */
        TCGv_i32 v = gen_ld_E(s, in, ot), cnt, res = tmp();
        if (const_count >= 0) {
            cnt = cst((uint32_t)const_count & 0x1f);
        } else {
            cnt = tmp();
            tcg_gen_andi_i32(cnt, i386_regs[R_ECX], 0x1f);
        }
        TCGv_i32 f = gen_eflags_value(s);
        tcg_gen_call(helper_rotate, CALL_NO_RWG, TCG_I32, res, tcg_env, cst((uint32_t)(op << 2 | ot)), v,
                     cnt, f);
        gen_st_E(s, in, ot, res);
        tcg_gen_ld_i32(cpu_cc_src, X86_OFF(cc_tmp));
        set_cc_op(s, CC_OP_EFLAGS);
        return;
    }
    TCGv_i32 v = gen_ld_E(s, in, ot);
    bool right = op != 4;
    bool arith = op == 7;
    TCGv_i32 x = tmp();
    gen_ext(ot, x, v, arith);
    TCGv_i32 res = tmp(), pre = tmp();
    if (const_count >= 0) {
        int c = const_count & 0x1f;
        if (c == 0) {
            return;
        }
        if (right) {
            if (arith) {
                tcg_gen_sari_i32(res, x, (uint32_t)c);
                tcg_gen_sari_i32(pre, x, (uint32_t)c - 1);
            } else {
                tcg_gen_shri_i32(res, x, (uint32_t)c);
                tcg_gen_shri_i32(pre, x, (uint32_t)c - 1);
            }
        } else {
            tcg_gen_shli_i32(res, x, (uint32_t)c);
            tcg_gen_shli_i32(pre, x, (uint32_t)c - 1);
        }
        gen_st_E(s, in, ot, res);
        tcg_gen_mov_i32(cpu_cc_src, pre);
        tcg_gen_mov_i32(cpu_cc_dst, res);
        set_cc_op(s, (right ? CC_OP_SARB : CC_OP_SHLB) + ot);
        return;
    }
    /* Count in CL: nothing changes (flags included) when it is 0 mod 32. */
    TCGv_i32 cnt = tmp(), cm1 = tmp();
    tcg_gen_andi_i32(cnt, i386_regs[R_ECX], 0x1f);
    tcg_gen_subi_i32(cm1, cnt, 1);
    tcg_gen_andi_i32(cm1, cm1, 0x1f);
    if (right) {
        if (arith) {
            tcg_gen_sar_i32(res, x, cnt);
            tcg_gen_sar_i32(pre, x, cm1);
        } else {
            tcg_gen_shr_i32(res, x, cnt);
            tcg_gen_shr_i32(pre, x, cm1);
        }
    } else {
        tcg_gen_shl_i32(res, x, cnt);
        tcg_gen_shl_i32(pre, x, cm1);
    }
    gen_st_E(s, in, ot, res);
    gen_update_cc_op(s);
    TCGv_i32 zero = cst(0);
    tcg_gen_movcond_i32(TCG_COND_EQ, cpu_cc_src, cnt, zero, cpu_cc_src, pre);
    tcg_gen_movcond_i32(TCG_COND_EQ, cpu_cc_dst, cnt, zero, cpu_cc_dst, res);
    tcg_gen_movcond_i32(TCG_COND_EQ, cpu_cc_op, cnt, zero, cpu_cc_op,
                        cst((uint32_t)((right ? CC_OP_SARB : CC_OP_SHLB) + ot)));
    set_cc_op(s, CC_OP_DYNAMIC);
}

/* C0/C1 (imm), D0/D1 (1), D2/D3 (CL): arg = 0 imm, 1 one, 2 CL. */
static void h_grp2(DisasContext *s, X86Insn *in, int arg)
{
    int c = arg == 0 ? (int)(in->imm & 0xff) : arg == 1 ? 1 : -1;
    gen_shift(s, in, in->ot, in->reg, c);
}

/* shld/shrd: 0F A4/A5 (left), AC/AD (right); arg bit 0: count in CL. */
static void h_shd(DisasContext *s, X86Insn *in, int arg)
{
    int ot = in->ot;
    bool right = arg & 2;
    TCGv_i32 v = gen_ld_E(s, in, ot), src = gen_get_reg(ot, in->reg), cnt, res = tmp();
    if (arg & 1) {
        cnt = tmp();
        tcg_gen_andi_i32(cnt, i386_regs[R_ECX], 0x1f);
    } else {
        cnt = cst(in->imm & 0x1f);
    }
    TCGv_i32 packed = tmp(), f = gen_eflags_value(s);
    /* op: ot | right << 2 | count << 8. */
    tcg_gen_shli_i32(packed, cnt, 8);
    tcg_gen_ori_i32(packed, packed, (uint32_t)(ot | (right ? 4 : 0)));
    tcg_gen_call(helper_shd, CALL_NO_RWG, TCG_I32, res, tcg_env, packed, v, src, f);
    gen_st_E(s, in, ot, res);
    tcg_gen_ld_i32(cpu_cc_src, X86_OFF(cc_tmp));
    set_cc_op(s, CC_OP_EFLAGS);
}

/* ---- Group 3: test, not, neg, mul, imul, div, idiv ------------------------------ */

static void h_grp3(DisasContext *s, X86Insn *in, int arg)
{
    int ot = in->ot;
    switch (in->reg) {
    case 0: case 1:
        gen_test(s, ot, gen_ld_E(s, in, ot), cst(in->imm));
        return;
    case 2: { /* not: no flags */
        Rmw r = { 0 };
        TCGv_i32 v = rmw_begin(s, in, ot, &r), t = tmp();
        tcg_gen_not_i32(t, v);
        rmw_end(s, in, &r, t);
        return;
    }
    case 3: { /* neg: flags as 0 - v */
        Rmw r = { 0 };
        TCGv_i32 v = rmw_begin(s, in, ot, &r), t = tmp();
        tcg_gen_neg_i32(t, v);
        rmw_end(s, in, &r, t);
        tcg_gen_mov_i32(cpu_cc_src, v);
        tcg_gen_mov_i32(cpu_cc_dst, t);
        set_cc_op(s, CC_OP_SUBB + ot);
        return;
    }
    case 4: case 5: { /* mul, imul */
        bool sign = in->reg == 5;
        TCGv_i32 v = gen_ld_E(s, in, ot);
        if (ot == MO_32) {
            TCGv_i32 lo = tmp(), hi = tmp();
            if (sign)
                tcg_gen_muls2_i32(lo, hi, i386_regs[R_EAX], v);
            else
                tcg_gen_mulu2_i32(lo, hi, i386_regs[R_EAX], v);
            tcg_gen_mov_i32(i386_regs[R_EAX], lo);
            tcg_gen_mov_i32(i386_regs[R_EDX], hi);
            if (sign) {
                gen_imul_flags(s, ot, lo, hi);
            } else {
                tcg_gen_mov_i32(cpu_cc_src, hi);
                tcg_gen_mov_i32(cpu_cc_dst, lo);
                set_cc_op(s, CC_OP_MULL);
            }
            return;
        }
        TCGv_i32 a = tmp(), b = tmp(), p = tmp();
        gen_ext(ot, a, i386_regs[R_EAX], sign);
        gen_ext(ot, b, v, sign);
        tcg_gen_mul_i32(p, a, b);
        if (ot == MO_8) {
            gen_set_reg(MO_16, R_EAX, p);
        } else {
            TCGv_i32 h = tmp();
            gen_set_reg(MO_16, R_EAX, p);
            tcg_gen_shri_i32(h, p, 16);
            gen_set_reg(MO_16, R_EDX, h);
        }
        if (sign) {
            gen_imul_flags(s, ot, p, p);
        } else {
            TCGv_i32 h = tmp();
            tcg_gen_shri_i32(h, p, (uint32_t)size_bits(ot));
            tcg_gen_mov_i32(cpu_cc_src, h);
            tcg_gen_mov_i32(cpu_cc_dst, p);
            set_cc_op(s, CC_OP_MULB + ot);
        }
        return;
    }
    default: { /* div, idiv */
        TCGv_i32 v = gen_ld_E(s, in, ot), r = tmp();
        tcg_gen_call(helper_div, CALL_RW_GLOBALS, TCG_I32, r, tcg_env,
                     cst((uint32_t)(ot | (in->reg == 7 ? 4 : 0))), v);
        gen_check_excp(s, r);
        return;
    }
    }
}

/* FE: inc/dec Eb; FF: inc, dec, call, callf, jmp, jmpf, push. */
static void h_grp45(DisasContext *s, X86Insn *in, int arg)
{
    int ot = in->ot;
    switch (in->reg) {
    case 0: case 1:
        gen_incdec(s, in, ot, in->mod == 3 ? in->rm : -1, in->reg == 1);
        return;
    }
    if (arg == 0) { /* FE /2.. */
        gen_undef(s);
        return;
    }
    switch (in->reg) {
    case 2: { /* call E */
        TCGv_i32 t = gen_ld_E(s, in, s->dflag);
        if (s->dflag == MO_16)
            tcg_gen_ext16u_i32(t, t);
        gen_push(s, s->dflag, cst(s->next));
        gen_ret_push(s);
        gen_jmp_v(s, t);
        return;
    }
    case 4: { /* jmp E */
        TCGv_i32 t = gen_ld_E(s, in, s->dflag);
        if (s->dflag == MO_16)
            tcg_gen_ext16u_i32(t, t);
        gen_jmp_v(s, t);
        return;
    }
    case 6: /* push E */
        gen_push(s, s->dflag, gen_ld_E(s, in, s->dflag));
        return;
    default: /* far call/jmp: no code segments to go to in user mode */
        if (in->mod == 3)
            gen_undef(s);
        else
            gen_gpf(s);
        return;
    }
}

/* ---- Control transfer ------------------------------------------------------------ */

static void h_jmp_rel(DisasContext *s, X86Insn *in, int arg)
{
    uint32_t dest = s->next + in->imm;
    if (s->dflag == MO_16)
        dest &= 0xffff;
    gen_jmp(s, dest);
}

static void h_call_rel(DisasContext *s, X86Insn *in, int arg)
{
    uint32_t dest = s->next + in->imm;
    if (s->dflag == MO_16)
        dest &= 0xffff;
    gen_push(s, s->dflag, cst(s->next));
    gen_ret_push(s);
    gen_jmp(s, dest);
}

static void h_ret(DisasContext *s, X86Insn *in, int arg)
{
    int ot = s->dflag;
    TCGv_i32 v = gen_pop_load(s, ot);
    gen_pop_update(ot, arg ? (int)(in->imm & 0xffff) : 0);
    gen_jmp_v_ret(s, v, true);
}

/* E0 loopne, E1 loope, E2 loop, E3 jecxz. */
static void h_loop(DisasContext *s, X86Insn *in, int arg)
{
    uint32_t dest = s->next + in->imm;
    if (s->dflag == MO_16)
        dest &= 0xffff;
    TCGLabel taken = gen_new_label(), not_taken = gen_new_label();
    TCGv_i32 c = tmp();
    if (arg != 3) {
        if (s->aflag == MO_16) {
            tcg_gen_subi_i32(c, i386_regs[R_ECX], 1);
            gen_set_reg(MO_16, R_ECX, c);
        } else {
            tcg_gen_subi_i32(i386_regs[R_ECX], i386_regs[R_ECX], 1);
        }
    }
    TCGv_i32 cx = ext_new(s->aflag, i386_regs[R_ECX], false);
    CCPrepare p = { TCG_COND_NEVER, 0, 0 };
    if (arg < 2)
        p = gen_prepare_cc(s, arg == 0 ? 5 : 4); /* loopne: ZF = 0, loope: ZF = 1 */
    gen_update_cc_op(s);
    if (arg == 3) {
        tcg_gen_brcondi_i32(TCG_COND_EQ, cx, 0, taken);
    } else {
        tcg_gen_brcondi_i32(TCG_COND_EQ, cx, 0, not_taken);
        if (arg < 2)
            tcg_gen_brcond_i32(tcg_invert_cond(p.cond), p.a, p.b, not_taken);
        tcg_gen_br(taken);
    }
    gen_set_label(not_taken);
    gen_goto_tb(s, 1, s->next);
    gen_set_label(taken);
    gen_goto_tb(s, 0, dest);
    s->base.is_jmp = DISAS_NORETURN;
}

static void h_enter(DisasContext *s, X86Insn *in, int arg)
{
    int ot = s->dflag, sz = 1 << ot;
    uint32_t size = in->imm & 0xffff;
    int level = (int)(in->imm2 & 31);
    TCGv_i32 sp = tmp(), frame = tmp();
    tcg_gen_subi_i32(sp, i386_regs[R_ESP], (uint32_t)sz);
    gen_st(ot, gen_get_reg(ot, R_EBP), stack_addr(s, sp));
    tcg_gen_mov_i32(frame, sp);
    if (level) {
        for (int i = 1; i < level; i++) {
            TCGv_i32 a = tmp(), v = tmp();
            tcg_gen_subi_i32(a, i386_regs[R_EBP], (uint32_t)(i * sz));
            gen_ld(ot, v, stack_addr(s, a));
            tcg_gen_subi_i32(sp, sp, (uint32_t)sz);
            gen_st(ot, v, stack_addr(s, sp));
        }
        tcg_gen_subi_i32(sp, sp, (uint32_t)sz);
        gen_st(ot, frame, stack_addr(s, sp));
    }
    tcg_gen_subi_i32(i386_regs[R_ESP], sp, size);
    gen_set_reg(ot, R_EBP, frame);
}

static void h_leave(DisasContext *s, X86Insn *in, int arg)
{
    int ot = s->dflag;
    TCGv_i32 v = tmp(), sp = tmp();
    tcg_gen_mov_i32(sp, i386_regs[R_EBP]);
    gen_ld(ot, v, stack_addr(s, sp));
    tcg_gen_addi_i32(i386_regs[R_ESP], sp, 1u << ot);
    gen_set_reg(ot, R_EBP, v);
}

static void h_int(DisasContext *s, X86Insn *in, int arg)
{
    uint32_t n = arg ? 3 : (in->imm & 0xff);
    if (n == 0x80) {
        gen_update_cc_op(s);
        tcg_gen_movi_i32(cpu_eip, s->next);
        tcg_gen_st_i32(cst(0x80), X86_OFF(common.exception_arg));
        tcg_gen_st_i32(cst(EXCP_SYSCALL), X86_OFF(common.exception));
        tcg_gen_exit_tb(NULL, 0);
        s->base.is_jmp = DISAS_NORETURN;
    } else if (n == 3) {
        i386_gen_exception(s, EXCP_X86_INT3, s->next);
    } else {
        gen_gpf(s); /* gates other than 3, 4 and 0x80 are kernel-only */
    }
}

static void h_into(DisasContext *s, X86Insn *in, int arg)
{
    CCPrepare p = gen_prepare_cc(s, 0);
    TCGLabel no = gen_new_label();
    gen_update_cc_op(s);
    tcg_gen_brcond_i32(tcg_invert_cond(p.cond), p.a, p.b, no);
    tcg_gen_movi_i32(cpu_eip, s->next);
    tcg_gen_st_i32(cst(EXCP_X86_GP), X86_OFF(common.exception));
    tcg_gen_exit_tb(NULL, 0);
    gen_set_label(no);
}

static void h_priv(DisasContext *s, X86Insn *in, int arg) { gen_gpf(s); }
static void h_ud(DisasContext *s, X86Insn *in, int arg) { gen_undef(s); }

static void h_icebp(DisasContext *s, X86Insn *in, int arg)
{
    i386_gen_exception(s, EXCP_X86_INT3, s->next);
}

/* ---- String instructions -------------------------------------------------------------- */

/* arg: 0 movs, 1 cmps, 2 stos, 3 lods, 4 scas. */
static void h_string(DisasContext *s, X86Insn *in, int arg)
{
    int ot = in->ot;
    bool rep = s->prefix & (PREFIX_REPZ | PREFIX_REPNZ);
    int src_seg = s->override >= 0 ? s->override : R_DS;
    TCGLabel done = 0, loop = 0;
    TCGv_i32 delta = tmp();
    tcg_gen_shli_i32(delta, cpu_df, (uint32_t)ot);

    if (rep) {
        gen_update_cc_op(s);
        done = gen_new_label();
        loop = gen_new_label();
        gen_set_label(loop);
        tcg_gen_brcondi_i32(TCG_COND_EQ, ext_new(s->aflag, i386_regs[R_ECX], false), 0, done);
    }
    bool uses_si = arg == 0 || arg == 1 || arg == 3;
    bool uses_di = arg != 3;
    TCGv_i32 v = 0, d = 0;
    if (uses_si) {
        v = tmp();
        gen_ld(ot, v, gen_addr_seg(s, i386_regs[R_ESI], src_seg));
    }
    switch (arg) {
    case 0: gen_st(ot, v, gen_addr_seg(s, i386_regs[R_EDI], R_ES)); break;
    case 2: gen_st(ot, gen_get_reg(ot, R_EAX), gen_addr_seg(s, i386_regs[R_EDI], R_ES)); break;
    case 1: case 4:
        d = tmp();
        gen_ld(ot, d, gen_addr_seg(s, i386_regs[R_EDI], R_ES));
        break;
    }
    if (arg == 3)
        gen_set_reg(ot, R_EAX, v);
    if (arg == 1 || arg == 4) {
        TCGv_i32 a = arg == 1 ? v : gen_get_reg(ot, R_EAX), res = tmp();
        tcg_gen_sub_i32(res, a, d);
        tcg_gen_mov_i32(cpu_cc_src, d);
        tcg_gen_mov_i32(cpu_cc_dst, res);
        set_cc_op(s, CC_OP_SUBB + ot);
    }
    for (int i = 0; i < 2; i++) {
        int r = i ? R_EDI : R_ESI;
        if (i ? !uses_di : !uses_si)
            continue;
        if (s->aflag == MO_16) {
            TCGv_i32 t = tmp();
            tcg_gen_add_i32(t, i386_regs[r], delta);
            gen_set_reg(MO_16, r, t);
        } else {
            tcg_gen_add_i32(i386_regs[r], i386_regs[r], delta);
        }
    }
    if (!rep)
        return;
    if (s->aflag == MO_16) {
        TCGv_i32 t = tmp();
        tcg_gen_subi_i32(t, i386_regs[R_ECX], 1);
        gen_set_reg(MO_16, R_ECX, t);
    } else {
        tcg_gen_subi_i32(i386_regs[R_ECX], i386_regs[R_ECX], 1);
    }
    if (arg == 1 || arg == 4) {
        /* repz: go on while ZF = 1; repnz: while ZF = 0. */
        gen_update_cc_op(s);
        TCGv_i32 z = ext_new(ot, cpu_cc_dst, false);
        tcg_gen_brcondi_i32((s->prefix & PREFIX_REPZ) ? TCG_COND_NE : TCG_COND_EQ, z, 0, done);
    }
    tcg_gen_br(loop);
    gen_set_label(done);
    /* Paths arrive here with different cc_ops: all are stored.  The block
       goes on after the loop (it ended here before: glibc memcpy's
       `rep movsl; mov %eax, %ecx; rep movsb; pop; ...` was three blocks
       and three chained jumps per call). */
    set_cc_op(s, CC_OP_DYNAMIC);
    s->cc_op_dirty = false;
}

static void h_inout(DisasContext *s, X86Insn *in, int arg) { gen_gpf(s); }

static void h_xlat(DisasContext *s, X86Insn *in, int arg)
{
    TCGv_i32 a = tmp(), v = tmp();
    tcg_gen_ext8u_i32(a, i386_regs[R_EAX]);
    tcg_gen_add_i32(a, a, i386_regs[R_EBX]);
    gen_ld(MO_8, v, gen_addr_seg(s, a, s->override >= 0 ? s->override : R_DS));
    gen_set_reg(MO_8, R_EAX, v);
}

static void h_salc(DisasContext *s, X86Insn *in, int arg)
{
    TCGv_i32 c = gen_compute_c(s);
    tcg_gen_neg_i32(c, c);
    gen_set_reg(MO_8, R_EAX, c);
}

/* BCD adjust: arg 0 daa, 1 das, 2 aaa, 3 aas, 4 aam, 5 aad. */
static void h_bcd(DisasContext *s, X86Insn *in, int arg)
{
    TCGv_i32 r = tmp();
    gen_compute_eflags(s);
    gen_update_cc_op(s);
    tcg_gen_call(helper_bcd, CALL_RW_GLOBALS, TCG_I32, r, tcg_env, cst((uint32_t)arg), cst(in->imm & 0xff));
    gen_check_excp(s, r);
    set_cc_op(s, CC_OP_EFLAGS);
    s->cc_op_dirty = false;
}

/* Far pointer loads: C4 les, C5 lds, 0F B2 lss, B4 lfs, B5 lgs (arg = segment). */
static void h_lxs(DisasContext *s, X86Insn *in, int arg)
{
    if (in->mod == 3) {
        gen_undef(s);
        return;
    }
    int ot = s->dflag;
    TCGv_i32 a = gen_ea(s, in), off = tmp(), sel = tmp(), a2 = tmp();
    gen_ld(ot, off, a);
    tcg_gen_addi_i32(a2, a, 1u << ot);
    gen_ld(MO_16, sel, a2);
    gen_load_seg(s, arg, sel);
    gen_set_reg(ot, in->reg, off);
}

/* ---- 0F map ---------------------------------------------------------------------------- */

static void h_cpuid(DisasContext *s, X86Insn *in, int arg)
{
    tcg_gen_call(helper_cpuid, CALL_RW_GLOBALS, TCG_I32, TEMP_NONE, tcg_env);
}

static void h_rdtsc(DisasContext *s, X86Insn *in, int arg)
{
    tcg_gen_call(helper_rdtsc, CALL_RW_GLOBALS, TCG_I32, TEMP_NONE, tcg_env);
}

static void h_movx(DisasContext *s, X86Insn *in, int arg)
{
    /* arg: bit 0 word source, bit 1 sign. */
    int sot = (arg & 1) ? MO_16 : MO_8;
    TCGv_i32 v = gen_ld_E(s, in, sot), t = tmp();
    gen_ext(sot, t, v, arg & 2);
    gen_set_reg(s->dflag, in->reg, t);
}

static void h_bswap(DisasContext *s, X86Insn *in, int arg)
{
    if (s->dflag == MO_16) {
        gen_set_reg(MO_16, arg, cst(0)); /* what Intel CPUs do */
        return;
    }
    tcg_gen_bswap32_i32(i386_regs[arg], i386_regs[arg]);
}

/* bt family: arg 0 bt, 1 bts, 2 btr, 3 btc; in->imm is the offset for 0F BA. */
static void gen_bt(DisasContext *s, X86Insn *in, int op, TCGv_i32 off, bool imm)
{
    int ot = in->ot, bits = size_bits(ot);
    TCGv_i32 bit = tmp();
    tcg_gen_andi_i32(bit, off, (uint32_t)bits - 1);
    X86Insn m = *in;
    if (in->mod != 3 && !imm) {
        /* The offset is signed and selects the word. */
        TCGv_i32 w = tmp(), base = gen_ea(s, in);
        tcg_gen_sari_i32(w, off, (uint32_t)(3 + ot));
        tcg_gen_shli_i32(w, w, (uint32_t)ot);
        TCGv_i32 a = tmp();
        tcg_gen_add_i32(a, base, w);
        m.addr = a;
    }
    Rmw r = { 0 };
    TCGv_i32 v = op == 0 ? gen_ld_E(s, &m, ot) : rmw_begin(s, &m, ot, &r);
    TCGv_i32 c = tmp(), mask = tmp(), nv = tmp();
    tcg_gen_shr_i32(c, v, bit);
    tcg_gen_andi_i32(c, c, 1);
    if (op) {
        tcg_gen_shl_i32(mask, cst(1), bit);
        if (op == 1)
            tcg_gen_or_i32(nv, v, mask);
        else if (op == 2)
            tcg_gen_andc_i32(nv, v, mask);
        else
            tcg_gen_xor_i32(nv, v, mask);
        rmw_end(s, &m, &r, nv);
    }
    gen_compute_eflags(s);
    TCGv_i32 f = tmp();
    tcg_gen_andi_i32(f, cpu_cc_src, ~CC_C);
    tcg_gen_or_i32(cpu_cc_src, f, c);
}

static void h_bt(DisasContext *s, X86Insn *in, int arg)
{
    gen_bt(s, in, arg, gen_get_reg(in->ot, in->reg), false);
}

static void h_grp8(DisasContext *s, X86Insn *in, int arg)
{
    if (in->reg < 4) {
        gen_undef(s);
        return;
    }
    gen_bt(s, in, in->reg - 4, cst(in->imm & 0xff), true);
}

/* bsf/bsr (and popcnt with F3): arg 0 bsf, 1 bsr, 2 popcnt. */
static void h_bsx(DisasContext *s, X86Insn *in, int arg)
{
    int ot = in->ot;
    TCGv_i32 v = gen_ld_E(s, in, ot), r = tmp();
    if (arg == 2) {
        tcg_gen_call(helper_popcnt, CALL_NO_RWG | CALL_PURE, TCG_I32, r, v);
        gen_set_reg(ot, in->reg, r);
        /* Z from the source, the rest clear. */
        tcg_gen_mov_i32(cpu_cc_dst, v);
        set_cc_op(s, CC_OP_LOGICB + ot);
        return;
    }
    if (arg == 0) {
        tcg_gen_ctz_i32(r, v);
    } else {
        tcg_gen_clz_i32(r, v);
        tcg_gen_xori_i32(r, r, 31);
    }
    /* The destination is unchanged when the source is 0. */
    TCGv_i32 old = gen_get_reg(ot, in->reg);
    tcg_gen_movcond_i32(TCG_COND_EQ, r, v, cst(0), old, r);
    gen_set_reg(ot, in->reg, r);
    tcg_gen_mov_i32(cpu_cc_dst, v);
    set_cc_op(s, CC_OP_LOGICB + ot);
}

static void h_cmpxchg(DisasContext *s, X86Insn *in, int arg)
{
    int ot = in->ot;
    TCGv_i32 cmpv = gen_get_reg(ot, R_EAX), nv = gen_get_reg(ot, in->reg), old = tmp();
    if (in->mod == 3) {
        /* Equal: dest = src; different: accumulator = dest.  (The
           destination may be the accumulator itself.) */
        TCGv_i32 cur = gen_get_reg(ot, in->rm), t = tmp(), a = tmp();
        tcg_gen_mov_i32(old, cur);
        tcg_gen_movcond_i32(TCG_COND_EQ, a, cur, cmpv, cmpv, cur);
        gen_set_reg(ot, R_EAX, a);
        TCGv_i32 cur2 = gen_get_reg(ot, in->rm);
        tcg_gen_movcond_i32(TCG_COND_EQ, t, old, cmpv, nv, cur2);
        gen_set_reg(ot, in->rm, t);
    } else {
        tcg_gen_cmpxchg_i32(old, gen_ea(s, in), cmpv, nv, (unsigned)ot);
        /* accumulator = old (the same value when they were equal) */
        gen_set_reg(ot, R_EAX, old);
    }
    TCGv_i32 res = tmp();
    tcg_gen_sub_i32(res, cmpv, old);
    tcg_gen_mov_i32(cpu_cc_src, old);
    tcg_gen_mov_i32(cpu_cc_dst, res);
    set_cc_op(s, CC_OP_SUBB + ot);
}

static void h_xadd(DisasContext *s, X86Insn *in, int arg)
{
    int ot = in->ot;
    TCGv_i32 src = gen_get_reg(ot, in->reg), res = tmp();
    if (in->mod == 3) {
        TCGv_i32 d = gen_get_reg(ot, in->rm);
        tcg_gen_add_i32(res, d, src);
        gen_set_reg(ot, in->reg, d);
        gen_set_reg(ot, in->rm, res);
    } else {
        Rmw r = { 0 };
        TCGv_i32 d = rmw_begin(s, in, ot, &r);
        tcg_gen_add_i32(res, d, src);
        rmw_end(s, in, &r, res);
        gen_set_reg(ot, in->reg, d);
    }
    tcg_gen_mov_i32(cpu_cc_src, src);
    tcg_gen_mov_i32(cpu_cc_dst, res);
    set_cc_op(s, CC_OP_ADDB + ot);
}

/* 0F C7 /1: cmpxchg8b m64. */
static void h_grp9(DisasContext *s, X86Insn *in, int arg)
{
    if (in->reg != 1 || in->mod == 3) {
        gen_undef(s);
        return;
    }
    TCGv_i64 cmpv = tcg_temp_new_i64(), nv = tcg_temp_new_i64(), old = tcg_temp_new_i64();
    tcg_gen_concat_i32_i64(cmpv, i386_regs[R_EAX], i386_regs[R_EDX]);
    tcg_gen_concat_i32_i64(nv, i386_regs[R_EBX], i386_regs[R_ECX]);
    tcg_gen_cmpxchg_i64(old, gen_ea(s, in), cmpv, nv, MO_64);
    TCGv_i32 z = tmp();
    tcg_gen_setcond(TCG_I64, TCG_COND_EQ, z, old, cmpv);
    tcg_gen_extrl_i64_i32(i386_regs[R_EAX], old);
    tcg_gen_extrh_i64_i32(i386_regs[R_EDX], old);
    gen_compute_eflags(s);
    TCGv_i32 f = tmp();
    tcg_gen_andi_i32(f, cpu_cc_src, ~CC_Z);
    tcg_gen_shli_i32(z, z, 6);
    tcg_gen_or_i32(cpu_cc_src, f, z);
}

/* 0F AE: fences (mod 3), fxsave/fxrstor/ldmxcsr/stmxcsr (memory). */
static void h_grp15(DisasContext *s, X86Insn *in, int arg)
{
    if (in->mod == 3) {
        if (in->reg >= 5) {
            tcg_gen_mb();
            return;
        }
        gen_undef(s);
        return;
    }
    switch (in->reg) {
    case 0: case 1: { /* fxsave, fxrstor */
        TCGv_i32 r = tmp();
        s->mmx_state = false;
        gen_update_cc_op(s);
        tcg_gen_call(helper_fxsave_rstor, CALL_RW_GLOBALS, TCG_I32, r, tcg_env, gen_ea(s, in),
                     cst((uint32_t)in->reg));
        gen_check_excp(s, r);
        if (in->reg == 1)
            s->base.is_jmp = DISAS_UPDATE; /* MXCSR: hflags may have changed */
        return;
    }
    case 2: case 3: { /* ldmxcsr, stmxcsr */
        if (!(x86_features & X86_FEAT_SSE) || (s->prefix & (PREFIX_DATA | PREFIX_REPZ | PREFIX_REPNZ))) {
            gen_undef(s);
            return;
        }
        TCGv_i32 v = tmp();
        if (in->reg == 3) {
            tcg_gen_call(helper_stmxcsr, CALL_NO_RWG, TCG_I32, v, tcg_env); /* + pending flags */
            gen_st(MO_32, v, gen_ea(s, in));
            return;
        }
        TCGv_i32 r = tmp();
        gen_ld(MO_32, v, gen_ea(s, in));
        tcg_gen_call(helper_ldmxcsr, CALL_NO_RWG, TCG_I32, r, tcg_env, v);
        gen_check_excp(s, r);
        s->base.is_jmp = DISAS_UPDATE; /* hflags may have changed */
        return;
    }
    case 7: /* clflush */
        return;
    default:
        gen_undef(s);
        return;
    }
}

/* 0F 01 / 0F 00: system instructions; the few user mode may run. */
static void h_sys(DisasContext *s, X86Insn *in, int arg)
{
    if (arg == 1 && in->mod == 3 && in->reg == 2 && in->rm == 0) { /* xgetbv */
        gen_undef(s);
        return;
    }
    gen_undef(s);
}

/* ---- The opcode tables --------------------------------------------------------------- */

enum { SZ_NONE, SZ_B, SZ_V, SZ_W, SZ_D };
enum {
    IMM_NONE, IMM_B, IMM_BS, IMM_W, IMM_Z, IMM_V, IMM_JB, IMM_JZ, IMM_ENTER, IMM_MOFFS, IMM_AP,
    IMM_GRP3, /* F6/F7: an immediate only for /0 and /1 (test) */
};

struct OpEntry {
    X86Handler fn;
    uint8_t size, modrm, imm;
    int8_t arg;
};

#define E(fn_, size_, modrm_, imm_, arg_) { fn_, size_, modrm_, imm_, arg_ }
#define ALU(base, op)                                                                 \
    [base + 0] = E(h_alu, SZ_B, 1, IMM_NONE, (op) << 3 | 0),                          \
    [base + 1] = E(h_alu, SZ_V, 1, IMM_NONE, (op) << 3 | 1),                          \
    [base + 2] = E(h_alu, SZ_B, 1, IMM_NONE, (op) << 3 | 2),                          \
    [base + 3] = E(h_alu, SZ_V, 1, IMM_NONE, (op) << 3 | 3),                          \
    [base + 4] = E(h_alu, SZ_B, 0, IMM_B, (op) << 3 | 4),                             \
    [base + 5] = E(h_alu, SZ_V, 0, IMM_Z, (op) << 3 | 5)
#define R8(base, fn, size, imm)                                                        \
    [base + 0] = E(fn, size, 0, imm, 0), [base + 1] = E(fn, size, 0, imm, 1),          \
    [base + 2] = E(fn, size, 0, imm, 2), [base + 3] = E(fn, size, 0, imm, 3),          \
    [base + 4] = E(fn, size, 0, imm, 4), [base + 5] = E(fn, size, 0, imm, 5),          \
    [base + 6] = E(fn, size, 0, imm, 6), [base + 7] = E(fn, size, 0, imm, 7)
#define CC16(base, fn, size, modrm, imm)                                                \
    [base + 0] = E(fn, size, modrm, imm, 0), [base + 1] = E(fn, size, modrm, imm, 1),     \
    [base + 2] = E(fn, size, modrm, imm, 2), [base + 3] = E(fn, size, modrm, imm, 3),     \
    [base + 4] = E(fn, size, modrm, imm, 4), [base + 5] = E(fn, size, modrm, imm, 5),     \
    [base + 6] = E(fn, size, modrm, imm, 6), [base + 7] = E(fn, size, modrm, imm, 7),     \
    [base + 8] = E(fn, size, modrm, imm, 8), [base + 9] = E(fn, size, modrm, imm, 9),     \
    [base + 10] = E(fn, size, modrm, imm, 10), [base + 11] = E(fn, size, modrm, imm, 11), \
    [base + 12] = E(fn, size, modrm, imm, 12), [base + 13] = E(fn, size, modrm, imm, 13), \
    [base + 14] = E(fn, size, modrm, imm, 14), [base + 15] = E(fn, size, modrm, imm, 15)

static void h_x87(DisasContext *s, X86Insn *in, int arg)
{
    s->mmx_state = false;
    gen_x87(s, in);
}
static void h_sse(DisasContext *s, X86Insn *in, int arg) { gen_sse(s, in); }
#define SSE_ROW(op) [op] = E(h_sse, SZ_NONE, 1, IMM_NONE, 0)
#define SSE_ROW_IB(op) [op] = E(h_sse, SZ_NONE, 1, IMM_B, 0)
static void h_fwait(DisasContext *s, X86Insn *in, int arg) { gen_fwait(s); }

static const OpEntry map1[256] = {
    ALU(0x00, OP_ADD), ALU(0x08, OP_OR), ALU(0x10, OP_ADC), ALU(0x18, OP_SBB),
    ALU(0x20, OP_AND), ALU(0x28, OP_SUB), ALU(0x30, OP_XOR), ALU(0x38, OP_CMP),
    [0x06] = E(h_push_seg, SZ_NONE, 0, IMM_NONE, R_ES),
    [0x07] = E(h_pop_seg, SZ_NONE, 0, IMM_NONE, R_ES),
    [0x0e] = E(h_push_seg, SZ_NONE, 0, IMM_NONE, R_CS),
    [0x16] = E(h_push_seg, SZ_NONE, 0, IMM_NONE, R_SS),
    [0x17] = E(h_pop_seg, SZ_NONE, 0, IMM_NONE, R_SS),
    [0x1e] = E(h_push_seg, SZ_NONE, 0, IMM_NONE, R_DS),
    [0x1f] = E(h_pop_seg, SZ_NONE, 0, IMM_NONE, R_DS),
    [0x27] = E(h_bcd, SZ_NONE, 0, IMM_NONE, 0),
    [0x2f] = E(h_bcd, SZ_NONE, 0, IMM_NONE, 1),
    [0x37] = E(h_bcd, SZ_NONE, 0, IMM_NONE, 2),
    [0x3f] = E(h_bcd, SZ_NONE, 0, IMM_NONE, 3),
    R8(0x40, h_incdec_r, SZ_V, IMM_NONE),
    [0x48] = E(h_incdec_r, SZ_V, 0, IMM_NONE, 8), [0x49] = E(h_incdec_r, SZ_V, 0, IMM_NONE, 9),
    [0x4a] = E(h_incdec_r, SZ_V, 0, IMM_NONE, 10), [0x4b] = E(h_incdec_r, SZ_V, 0, IMM_NONE, 11),
    [0x4c] = E(h_incdec_r, SZ_V, 0, IMM_NONE, 12), [0x4d] = E(h_incdec_r, SZ_V, 0, IMM_NONE, 13),
    [0x4e] = E(h_incdec_r, SZ_V, 0, IMM_NONE, 14), [0x4f] = E(h_incdec_r, SZ_V, 0, IMM_NONE, 15),
    R8(0x50, h_push_r, SZ_V, IMM_NONE),
    R8(0x58, h_pop_r, SZ_V, IMM_NONE),
    [0x60] = E(h_pusha, SZ_NONE, 0, IMM_NONE, 0),
    [0x61] = E(h_popa, SZ_NONE, 0, IMM_NONE, 0),
    [0x68] = E(h_push_imm, SZ_V, 0, IMM_Z, 0),
    [0x69] = E(h_imul3, SZ_V, 1, IMM_Z, 1),
    [0x6a] = E(h_push_imm, SZ_V, 0, IMM_BS, 0),
    [0x6b] = E(h_imul3, SZ_V, 1, IMM_BS, 1),
    [0x6c] = E(h_inout, SZ_B, 0, IMM_NONE, 0), [0x6d] = E(h_inout, SZ_V, 0, IMM_NONE, 0),
    [0x6e] = E(h_inout, SZ_B, 0, IMM_NONE, 0), [0x6f] = E(h_inout, SZ_V, 0, IMM_NONE, 0),
    CC16(0x70, h_jcc, SZ_NONE, 0, IMM_JB),
    [0x80] = E(h_grp1, SZ_B, 1, IMM_B, 0),
    [0x81] = E(h_grp1, SZ_V, 1, IMM_Z, 0),
    [0x82] = E(h_grp1, SZ_B, 1, IMM_B, 0),
    [0x83] = E(h_grp1, SZ_V, 1, IMM_BS, 0),
    [0x84] = E(h_test, SZ_B, 1, IMM_NONE, 0),
    [0x85] = E(h_test, SZ_V, 1, IMM_NONE, 0),
    [0x86] = E(h_xchg, SZ_B, 1, IMM_NONE, 0),
    [0x87] = E(h_xchg, SZ_V, 1, IMM_NONE, 0),
    [0x88] = E(h_mov, SZ_B, 1, IMM_NONE, 0),
    [0x89] = E(h_mov, SZ_V, 1, IMM_NONE, 0),
    [0x8a] = E(h_mov, SZ_B, 1, IMM_NONE, 1),
    [0x8b] = E(h_mov, SZ_V, 1, IMM_NONE, 1),
    [0x8c] = E(h_mov_from_seg, SZ_W, 1, IMM_NONE, 0),
    [0x8d] = E(h_lea, SZ_V, 1, IMM_NONE, 0),
    [0x8e] = E(h_mov_to_seg, SZ_W, 1, IMM_NONE, 0),
    [0x8f] = E(h_pop_E, SZ_V, 1, IMM_NONE, 0),
    [0x90] = E(h_nop, SZ_NONE, 0, IMM_NONE, 0),
    [0x91] = E(h_xchg, SZ_V, 0, IMM_NONE, 1), [0x92] = E(h_xchg, SZ_V, 0, IMM_NONE, 2),
    [0x93] = E(h_xchg, SZ_V, 0, IMM_NONE, 3), [0x94] = E(h_xchg, SZ_V, 0, IMM_NONE, 4),
    [0x95] = E(h_xchg, SZ_V, 0, IMM_NONE, 5), [0x96] = E(h_xchg, SZ_V, 0, IMM_NONE, 6),
    [0x97] = E(h_xchg, SZ_V, 0, IMM_NONE, 7),
    [0x98] = E(h_cbw, SZ_NONE, 0, IMM_NONE, 0),
    [0x99] = E(h_cwd, SZ_NONE, 0, IMM_NONE, 0),
    [0x9a] = E(h_priv, SZ_NONE, 0, IMM_AP, 0),
    [0x9b] = E(h_fwait, SZ_NONE, 0, IMM_NONE, 0),
    [0x9c] = E(h_pushf, SZ_NONE, 0, IMM_NONE, 0),
    [0x9d] = E(h_popf, SZ_NONE, 0, IMM_NONE, 0),
    [0x9e] = E(h_sahf, SZ_NONE, 0, IMM_NONE, 0),
    [0x9f] = E(h_lahf, SZ_NONE, 0, IMM_NONE, 0),
    [0xa0] = E(h_mov_moffs, SZ_B, 0, IMM_MOFFS, 0),
    [0xa1] = E(h_mov_moffs, SZ_V, 0, IMM_MOFFS, 0),
    [0xa2] = E(h_mov_moffs, SZ_B, 0, IMM_MOFFS, 1),
    [0xa3] = E(h_mov_moffs, SZ_V, 0, IMM_MOFFS, 1),
    [0xa4] = E(h_string, SZ_B, 0, IMM_NONE, 0), [0xa5] = E(h_string, SZ_V, 0, IMM_NONE, 0),
    [0xa6] = E(h_string, SZ_B, 0, IMM_NONE, 1), [0xa7] = E(h_string, SZ_V, 0, IMM_NONE, 1),
    [0xa8] = E(h_test, SZ_B, 0, IMM_B, 1),
    [0xa9] = E(h_test, SZ_V, 0, IMM_Z, 1),
    [0xaa] = E(h_string, SZ_B, 0, IMM_NONE, 2), [0xab] = E(h_string, SZ_V, 0, IMM_NONE, 2),
    [0xac] = E(h_string, SZ_B, 0, IMM_NONE, 3), [0xad] = E(h_string, SZ_V, 0, IMM_NONE, 3),
    [0xae] = E(h_string, SZ_B, 0, IMM_NONE, 4), [0xaf] = E(h_string, SZ_V, 0, IMM_NONE, 4),
    R8(0xb0, h_mov_r_imm, SZ_B, IMM_B),
    R8(0xb8, h_mov_r_imm, SZ_V, IMM_V),
    [0xc0] = E(h_grp2, SZ_B, 1, IMM_B, 0),
    [0xc1] = E(h_grp2, SZ_V, 1, IMM_B, 0),
    [0xc2] = E(h_ret, SZ_NONE, 0, IMM_W, 1),
    [0xc3] = E(h_ret, SZ_NONE, 0, IMM_NONE, 0),
    [0xc4] = E(h_lxs, SZ_V, 1, IMM_NONE, R_ES),
    [0xc5] = E(h_lxs, SZ_V, 1, IMM_NONE, R_DS),
    [0xc6] = E(h_mov, SZ_B, 1, IMM_B, 2),
    [0xc7] = E(h_mov, SZ_V, 1, IMM_Z, 2),
    [0xc8] = E(h_enter, SZ_NONE, 0, IMM_ENTER, 0),
    [0xc9] = E(h_leave, SZ_NONE, 0, IMM_NONE, 0),
    [0xca] = E(h_priv, SZ_NONE, 0, IMM_W, 0),
    [0xcb] = E(h_priv, SZ_NONE, 0, IMM_NONE, 0),
    [0xcc] = E(h_int, SZ_NONE, 0, IMM_NONE, 1),
    [0xcd] = E(h_int, SZ_NONE, 0, IMM_B, 0),
    [0xce] = E(h_into, SZ_NONE, 0, IMM_NONE, 0),
    [0xcf] = E(h_priv, SZ_NONE, 0, IMM_NONE, 0),
    [0xd0] = E(h_grp2, SZ_B, 1, IMM_NONE, 1),
    [0xd1] = E(h_grp2, SZ_V, 1, IMM_NONE, 1),
    [0xd2] = E(h_grp2, SZ_B, 1, IMM_NONE, 2),
    [0xd3] = E(h_grp2, SZ_V, 1, IMM_NONE, 2),
    [0xd4] = E(h_bcd, SZ_NONE, 0, IMM_B, 4),
    [0xd5] = E(h_bcd, SZ_NONE, 0, IMM_B, 5),
    [0xd6] = E(h_salc, SZ_NONE, 0, IMM_NONE, 0),
    [0xd7] = E(h_xlat, SZ_NONE, 0, IMM_NONE, 0),
    [0xd8] = E(h_x87, SZ_NONE, 1, IMM_NONE, 0), [0xd9] = E(h_x87, SZ_NONE, 1, IMM_NONE, 0),
    [0xda] = E(h_x87, SZ_NONE, 1, IMM_NONE, 0), [0xdb] = E(h_x87, SZ_NONE, 1, IMM_NONE, 0),
    [0xdc] = E(h_x87, SZ_NONE, 1, IMM_NONE, 0), [0xdd] = E(h_x87, SZ_NONE, 1, IMM_NONE, 0),
    [0xde] = E(h_x87, SZ_NONE, 1, IMM_NONE, 0), [0xdf] = E(h_x87, SZ_NONE, 1, IMM_NONE, 0),
    [0xe0] = E(h_loop, SZ_NONE, 0, IMM_JB, 0),
    [0xe1] = E(h_loop, SZ_NONE, 0, IMM_JB, 1),
    [0xe2] = E(h_loop, SZ_NONE, 0, IMM_JB, 2),
    [0xe3] = E(h_loop, SZ_NONE, 0, IMM_JB, 3),
    [0xe4] = E(h_inout, SZ_B, 0, IMM_B, 0), [0xe5] = E(h_inout, SZ_V, 0, IMM_B, 0),
    [0xe6] = E(h_inout, SZ_B, 0, IMM_B, 0), [0xe7] = E(h_inout, SZ_V, 0, IMM_B, 0),
    [0xe8] = E(h_call_rel, SZ_NONE, 0, IMM_JZ, 0),
    [0xe9] = E(h_jmp_rel, SZ_NONE, 0, IMM_JZ, 0),
    [0xea] = E(h_priv, SZ_NONE, 0, IMM_AP, 0),
    [0xeb] = E(h_jmp_rel, SZ_NONE, 0, IMM_JB, 0),
    [0xec] = E(h_inout, SZ_B, 0, IMM_NONE, 0), [0xed] = E(h_inout, SZ_V, 0, IMM_NONE, 0),
    [0xee] = E(h_inout, SZ_B, 0, IMM_NONE, 0), [0xef] = E(h_inout, SZ_V, 0, IMM_NONE, 0),
    [0xf1] = E(h_icebp, SZ_NONE, 0, IMM_NONE, 0),
    [0xf4] = E(h_priv, SZ_NONE, 0, IMM_NONE, 0),
    [0xf5] = E(h_carry, SZ_NONE, 0, IMM_NONE, 0),
    [0xf6] = E(h_grp3, SZ_B, 1, IMM_GRP3, 0),
    [0xf7] = E(h_grp3, SZ_V, 1, IMM_GRP3, 0),
    [0xf8] = E(h_carry, SZ_NONE, 0, IMM_NONE, 1),
    [0xf9] = E(h_carry, SZ_NONE, 0, IMM_NONE, 2),
    [0xfa] = E(h_priv, SZ_NONE, 0, IMM_NONE, 0),
    [0xfb] = E(h_priv, SZ_NONE, 0, IMM_NONE, 0),
    [0xfc] = E(h_dir, SZ_NONE, 0, IMM_NONE, 0),
    [0xfd] = E(h_dir, SZ_NONE, 0, IMM_NONE, 1),
    [0xfe] = E(h_grp45, SZ_B, 1, IMM_NONE, 0),
    [0xff] = E(h_grp45, SZ_V, 1, IMM_NONE, 1),
};

static const OpEntry map0f[256] = {
    [0x00] = E(h_sys, SZ_NONE, 1, IMM_NONE, 0),
    [0x01] = E(h_sys, SZ_NONE, 1, IMM_NONE, 1),
    [0x06] = E(h_priv, SZ_NONE, 0, IMM_NONE, 0), /* clts */
    [0x08] = E(h_priv, SZ_NONE, 0, IMM_NONE, 0), /* invd */
    [0x09] = E(h_priv, SZ_NONE, 0, IMM_NONE, 0), /* wbinvd */
    [0x0b] = E(h_ud, SZ_NONE, 0, IMM_NONE, 0),   /* ud2 */
    [0x0d] = E(h_nop, SZ_NONE, 1, IMM_NONE, 0),  /* prefetch */
    [0x18] = E(h_nop, SZ_NONE, 1, IMM_NONE, 0), [0x19] = E(h_nop, SZ_NONE, 1, IMM_NONE, 0),
    [0x1a] = E(h_nop, SZ_NONE, 1, IMM_NONE, 0), [0x1b] = E(h_nop, SZ_NONE, 1, IMM_NONE, 0),
    [0x1c] = E(h_nop, SZ_NONE, 1, IMM_NONE, 0), [0x1d] = E(h_nop, SZ_NONE, 1, IMM_NONE, 0),
    [0x1e] = E(h_nop, SZ_NONE, 1, IMM_NONE, 0), [0x1f] = E(h_nop, SZ_NONE, 1, IMM_NONE, 0),
    SSE_ROW(0x10), SSE_ROW(0x11), SSE_ROW(0x12), SSE_ROW(0x13), SSE_ROW(0x14), SSE_ROW(0x15),
    SSE_ROW(0x16), SSE_ROW(0x17),
    SSE_ROW(0x28), SSE_ROW(0x29), SSE_ROW(0x2a), SSE_ROW(0x2b), SSE_ROW(0x2c), SSE_ROW(0x2d),
    SSE_ROW(0x2e), SSE_ROW(0x2f),
    SSE_ROW(0x50), SSE_ROW(0x51), SSE_ROW(0x52), SSE_ROW(0x53), SSE_ROW(0x54), SSE_ROW(0x55),
    SSE_ROW(0x56), SSE_ROW(0x57), SSE_ROW(0x58), SSE_ROW(0x59), SSE_ROW(0x5a), SSE_ROW(0x5b),
    SSE_ROW(0x5c), SSE_ROW(0x5d), SSE_ROW(0x5e), SSE_ROW(0x5f),
    SSE_ROW(0x60), SSE_ROW(0x61), SSE_ROW(0x62), SSE_ROW(0x63), SSE_ROW(0x64), SSE_ROW(0x65),
    SSE_ROW(0x66), SSE_ROW(0x67), SSE_ROW(0x68), SSE_ROW(0x69), SSE_ROW(0x6a), SSE_ROW(0x6b),
    SSE_ROW(0x6c), SSE_ROW(0x6d), SSE_ROW(0x6e), SSE_ROW(0x6f),
    SSE_ROW_IB(0x70), SSE_ROW_IB(0x71), SSE_ROW_IB(0x72), SSE_ROW_IB(0x73),
    SSE_ROW(0x74), SSE_ROW(0x75), SSE_ROW(0x76),
    [0x77] = E(h_sse, SZ_NONE, 0, IMM_NONE, 0), /* emms */
    SSE_ROW(0x7c), SSE_ROW(0x7d), SSE_ROW(0x7e), SSE_ROW(0x7f),
    SSE_ROW_IB(0xc2), SSE_ROW(0xc3), SSE_ROW_IB(0xc4), SSE_ROW_IB(0xc5), SSE_ROW_IB(0xc6),
    SSE_ROW(0xd0), SSE_ROW(0xd1), SSE_ROW(0xd2), SSE_ROW(0xd3), SSE_ROW(0xd4), SSE_ROW(0xd5),
    SSE_ROW(0xd6), SSE_ROW(0xd7), SSE_ROW(0xd8), SSE_ROW(0xd9), SSE_ROW(0xda), SSE_ROW(0xdb),
    SSE_ROW(0xdc), SSE_ROW(0xdd), SSE_ROW(0xde), SSE_ROW(0xdf),
    SSE_ROW(0xe0), SSE_ROW(0xe1), SSE_ROW(0xe2), SSE_ROW(0xe3), SSE_ROW(0xe4), SSE_ROW(0xe5),
    SSE_ROW(0xe6), SSE_ROW(0xe7), SSE_ROW(0xe8), SSE_ROW(0xe9), SSE_ROW(0xea), SSE_ROW(0xeb),
    SSE_ROW(0xec), SSE_ROW(0xed), SSE_ROW(0xee), SSE_ROW(0xef),
    SSE_ROW(0xf0), SSE_ROW(0xf1), SSE_ROW(0xf2), SSE_ROW(0xf3), SSE_ROW(0xf4), SSE_ROW(0xf5),
    SSE_ROW(0xf6), SSE_ROW(0xf7), SSE_ROW(0xf8), SSE_ROW(0xf9), SSE_ROW(0xfa), SSE_ROW(0xfb),
    SSE_ROW(0xfc), SSE_ROW(0xfd), SSE_ROW(0xfe),
    [0x20] = E(h_priv, SZ_NONE, 1, IMM_NONE, 0), [0x21] = E(h_priv, SZ_NONE, 1, IMM_NONE, 0),
    [0x22] = E(h_priv, SZ_NONE, 1, IMM_NONE, 0), [0x23] = E(h_priv, SZ_NONE, 1, IMM_NONE, 0),
    [0x30] = E(h_priv, SZ_NONE, 0, IMM_NONE, 0), /* wrmsr */
    [0x31] = E(h_rdtsc, SZ_NONE, 0, IMM_NONE, 0),
    [0x32] = E(h_priv, SZ_NONE, 0, IMM_NONE, 0), /* rdmsr */
    [0x33] = E(h_priv, SZ_NONE, 0, IMM_NONE, 0), /* rdpmc */
    CC16(0x40, h_cmov, SZ_V, 1, IMM_NONE),
    CC16(0x80, h_jcc, SZ_NONE, 0, IMM_JZ),
    CC16(0x90, h_setcc, SZ_B, 1, IMM_NONE),
    [0xa0] = E(h_push_seg, SZ_NONE, 0, IMM_NONE, R_FS),
    [0xa1] = E(h_pop_seg, SZ_NONE, 0, IMM_NONE, R_FS),
    [0xa2] = E(h_cpuid, SZ_NONE, 0, IMM_NONE, 0),
    [0xa3] = E(h_bt, SZ_V, 1, IMM_NONE, 0),
    [0xa4] = E(h_shd, SZ_V, 1, IMM_B, 0),
    [0xa5] = E(h_shd, SZ_V, 1, IMM_NONE, 1),
    [0xa8] = E(h_push_seg, SZ_NONE, 0, IMM_NONE, R_GS),
    [0xa9] = E(h_pop_seg, SZ_NONE, 0, IMM_NONE, R_GS),
    [0xab] = E(h_bt, SZ_V, 1, IMM_NONE, 1),
    [0xac] = E(h_shd, SZ_V, 1, IMM_B, 2),
    [0xad] = E(h_shd, SZ_V, 1, IMM_NONE, 3),
    [0xae] = E(h_grp15, SZ_NONE, 1, IMM_NONE, 0),
    [0xaf] = E(h_imul3, SZ_V, 1, IMM_NONE, 0),
    [0xb0] = E(h_cmpxchg, SZ_B, 1, IMM_NONE, 0),
    [0xb1] = E(h_cmpxchg, SZ_V, 1, IMM_NONE, 0),
    [0xb2] = E(h_lxs, SZ_V, 1, IMM_NONE, R_SS),
    [0xb3] = E(h_bt, SZ_V, 1, IMM_NONE, 2),
    [0xb4] = E(h_lxs, SZ_V, 1, IMM_NONE, R_FS),
    [0xb5] = E(h_lxs, SZ_V, 1, IMM_NONE, R_GS),
    [0xb6] = E(h_movx, SZ_V, 1, IMM_NONE, 0),
    [0xb7] = E(h_movx, SZ_V, 1, IMM_NONE, 1),
    [0xb8] = E(h_bsx, SZ_V, 1, IMM_NONE, 2), /* popcnt: F3 only (checked) */
    [0xba] = E(h_grp8, SZ_V, 1, IMM_B, 0),
    [0xbb] = E(h_bt, SZ_V, 1, IMM_NONE, 3),
    [0xbc] = E(h_bsx, SZ_V, 1, IMM_NONE, 0),
    [0xbd] = E(h_bsx, SZ_V, 1, IMM_NONE, 1),
    [0xbe] = E(h_movx, SZ_V, 1, IMM_NONE, 2),
    [0xbf] = E(h_movx, SZ_V, 1, IMM_NONE, 3),
    [0xc0] = E(h_xadd, SZ_B, 1, IMM_NONE, 0),
    [0xc1] = E(h_xadd, SZ_V, 1, IMM_NONE, 0),
    [0xc7] = E(h_grp9, SZ_NONE, 1, IMM_NONE, 0),
    R8(0xc8, h_bswap, SZ_NONE, IMM_NONE),
};

/* Instructions that allow LOCK (with a memory destination). */
static bool lock_ok(int op, const X86Insn *in)
{
    if (in->mod == 3)
        return false;
    if (op < 0x40)
        return (op & 7) < 2 && (op & 0x38) != 0x38;
    switch (op) {
    case 0x80: case 0x81: case 0x82: case 0x83:
        return in->reg != 7;
    case 0x86: case 0x87:
        return true;
    case 0xf6: case 0xf7:
        return in->reg == 2 || in->reg == 3;
    case 0xfe: case 0xff:
        return in->reg < 2;
    case 0x1ab: case 0x1b3: case 0x1bb: case 0x1b0: case 0x1b1: case 0x1c0: case 0x1c1: case 0x1c7:
        return true;
    case 0x1ba:
        return in->reg >= 5;
    }
    return false;
}

/* ---- The decoder ---------------------------------------------------------------------- */

static void decode_modrm(DisasContext *s, X86Insn *in)
{
    int modrm = (int)fetch8(s);
    in->has_modrm = true;
    in->mod = modrm >> 6;
    in->reg = (modrm >> 3) & 7;
    in->rm = modrm & 7;
    in->ea_base = in->ea_index = -1;
    in->ea_scale = 0;
    in->disp = 0;
    in->ea_seg = R_DS;
    if (in->mod == 3)
        return;
    if (s->aflag == MO_32) {
        int base = in->rm;
        if (base == 4) {
            int sib = (int)fetch8(s);
            in->ea_scale = sib >> 6;
            int index = (sib >> 3) & 7;
            in->ea_index = index == 4 ? -1 : index;
            base = sib & 7;
        }
        if (base == 5 && in->mod == 0) {
            in->disp = fetch32(s);
        } else {
            in->ea_base = base;
            if (base == R_ESP || base == R_EBP)
                in->ea_seg = R_SS;
            if (in->mod == 1)
                in->disp = (uint32_t)(int8_t)fetch8(s);
            else if (in->mod == 2)
                in->disp = fetch32(s);
        }
    } else {
        static const int8_t b16[8] = { R_EBX, R_EBX, R_EBP, R_EBP, -1, -1, R_EBP, R_EBX };
        static const int8_t i16[8] = { R_ESI, R_EDI, R_ESI, R_EDI, R_ESI, R_EDI, -1, -1 };
        in->ea16 = true;
        if (in->mod == 0 && in->rm == 6) {
            in->disp = fetch16(s);
        } else {
            in->ea_base = b16[in->rm];
            in->ea_index = i16[in->rm];
            if (in->ea_base < 0) { /* [si] / [di] */
                in->ea_base = in->ea_index;
                in->ea_index = -1;
            }
            if (in->ea_base == R_EBP)
                in->ea_seg = R_SS;
            if (in->mod == 1)
                in->disp = (uint32_t)(int8_t)fetch8(s);
            else if (in->mod == 2)
                in->disp = fetch16(s);
        }
    }
}

static uint32_t fetch_imm(DisasContext *s, int ot)
{
    switch (ot) {
    case MO_8: return fetch8(s);
    case MO_16: return fetch16(s);
    default: return fetch32(s);
    }
}

static void disas_insn(DisasContext *s)
{
    X86Insn in;
    memset(&in, 0, sizeof in);
    s->prefix = 0;
    s->override = -1;
    int b;
    for (;;) {
        if (s->next - s->pc >= 15) {
            gen_gpf(s); /* more than 15 bytes: #GP */
            return;
        }
        b = (int)fetch8(s);
        switch (b) {
        case 0xf3: s->prefix = (s->prefix & ~PREFIX_REPNZ) | PREFIX_REPZ; continue;
        case 0xf2: s->prefix = (s->prefix & ~PREFIX_REPZ) | PREFIX_REPNZ; continue;
        case 0xf0: s->prefix |= PREFIX_LOCK; continue;
        case 0x66: s->prefix |= PREFIX_DATA; continue;
        case 0x67: s->prefix |= PREFIX_ADDR; continue;
        case 0x26: s->override = R_ES; continue;
        case 0x2e: s->override = R_CS; continue;
        case 0x36: s->override = R_SS; continue;
        case 0x3e: s->override = R_DS; continue;
        case 0x64: s->override = R_FS; continue;
        case 0x65: s->override = R_GS; continue;
        }
        break;
    }
    s->dflag = (s->prefix & PREFIX_DATA) ? MO_16 : MO_32;
    s->aflag = (s->prefix & PREFIX_ADDR) ? MO_16 : MO_32;
    const OpEntry *e;
    if (b == 0x0f) {
        b = (int)fetch8(s);
        if (b == 0x38 || b == 0x3a) {
            /* The three-byte maps (SSSE3): ModRM always, 0F 3A an imm8. */
            in.op = (b == 0x38 ? 0x200 : 0x300) | (int)fetch8(s);
            decode_modrm(s, &in);
            if (b == 0x3a)
                in.imm = fetch8(s);
            if (s->next - s->pc > 15) {
                gen_gpf(s);
                return;
            }
            gen_sse(s, &in);
            return;
        }
        e = &map0f[b];
        b |= 0x100;
    } else {
        e = &map1[b];
    }
    in.op = b;
    if (!e->fn) {
        gen_undef(s);
        return;
    }
    switch (e->size) {
    case SZ_B: in.ot = MO_8; break;
    case SZ_V: in.ot = s->dflag; break;
    case SZ_W: in.ot = MO_16; break;
    default: in.ot = MO_32; break;
    }
    if (e->modrm)
        decode_modrm(s, &in);
    switch (e->imm) {
    case IMM_B: in.imm = fetch8(s); break;
    case IMM_BS: case IMM_JB: in.imm = (uint32_t)(int8_t)fetch8(s); break;
    case IMM_W: in.imm = fetch16(s); break;
    case IMM_Z: case IMM_V: in.imm = fetch_imm(s, in.ot == MO_8 ? MO_8 : s->dflag); break;
    case IMM_JZ:
        in.imm = s->dflag == MO_16 ? (uint32_t)(int16_t)fetch16(s) : fetch32(s);
        break;
    case IMM_ENTER:
        in.imm = fetch16(s);
        in.imm2 = fetch8(s);
        break;
    case IMM_MOFFS: in.imm = fetch_imm(s, s->aflag); break;
    case IMM_AP:
        in.imm = fetch_imm(s, s->dflag);
        in.imm2 = fetch16(s);
        break;
    case IMM_GRP3:
        if (in.reg < 2)
            in.imm = fetch_imm(s, in.ot);
        break;
    }
    if (s->next - s->pc > 15) {
        gen_gpf(s); /* too long: #GP */
        return;
    }
    if ((s->prefix & PREFIX_LOCK) && !lock_ok(b, &in)) {
        gen_undef(s);
        return;
    }
    if (b == 0x1b8 && !(s->prefix & PREFIX_REPZ)) {
        gen_undef(s); /* 0F B8 without F3 is jmpe (IA-64 only) */
        return;
    }
    e->fn(s, &in, e->arg);
}

/* ---- The translator hooks ---------------------------------------------------------------- */

static void i386_init_disas_context(DisasContextBase *db)
{
    DisasContext *s = (DisasContext *)db;
    s->tb = db->tb;
    s->addseg = db->tb->flags & X86_HF_ADDSEG;
    s->mxdef = db->tb->flags & X86_HF_MXDEF;
    s->fpquiet = db->tb->flags & X86_HF_FPQUIET;
    s->cc_op = CC_OP_DYNAMIC;
    s->cc_op_dirty = false;
    s->cc_a = s->cc_b = 0;
    s->mmx_state = false;
    if (db->max_insns > I386_MAX_INSNS)
        db->max_insns = I386_MAX_INSNS;
}

static void i386_tb_start(DisasContextBase *db) {}

static void i386_insn_start(DisasContextBase *db)
{
    DisasContext *s = (DisasContext *)db;
    tcg_gen_insn_start(db->pc_next, (uint32_t)s->cc_op);
}

/* The lazy-flag globals that cc_op op does not read (helper.c's table):
   their values are dead until written again. */
static void gen_cc_discard(int op)
{
    if (op == CC_OP_DYNAMIC || CC_OP_IS_ROT(op)) /* (ROT keeps the op before) */
        return;
    int g = cc_group(op);
    if (op == CC_OP_EFLAGS || op == CC_OP_CLR)
        tcg_gen_discard_i32(cpu_cc_dst);
    if (op == CC_OP_CLR || g == CC_OP_LOGICB)
        tcg_gen_discard_i32(cpu_cc_src);
    if (g != CC_OP_ADCB && g != CC_OP_SBBB)
        tcg_gen_discard_i32(cpu_cc_src2);
    tcg_gen_discard_i32(cpu_cc_res);
}

static void i386_translate_insn(DisasContextBase *db)
{
    DisasContext *s = (DisasContext *)db;
    int cc_op = s->cc_op;
    s->pc = s->next = db->pc_next;
    disas_insn(s);
    db->pc_next = s->next;
    /* A new flags state: what it does not use need not be kept (in
       registers, in env, for faults), after the instruction's last access
       (a fault restores the state of its start). */
    if (s->cc_op != cc_op && db->is_jmp == DISAS_NEXT)
        gen_cc_discard(s->cc_op);
}

static void i386_tb_stop(DisasContextBase *db)
{
    DisasContext *s = (DisasContext *)db;
    switch (db->is_jmp) {
    case DISAS_NEXT:
    case DISAS_TOO_MANY:
        gen_goto_tb(s, 0, s->next);
        break;
    case DISAS_UPDATE:
        tcg_gen_movi_i32(cpu_eip, s->next);
        gen_update_cc_op(s);
        tcg_gen_lookup_and_goto();
        break;
    default:
        break;
    }
}

/* Hot regions (tcg/translator.c, "Entry states"): the lazy-flag op at a
   direct jump (stored in env by gen_goto_tb before it), and that op as a
   region block's start when every jump into it leaves it: `cmp; jbe; dec`
   computes dec's CF inline instead of through helper_cc_compute_c. */
static uint32_t i386_exit_state(DisasContextBase *db)
{
    const DisasContext *s = (const DisasContext *)db;
    bool known = s->cc_op > CC_OP_DYNAMIC && s->cc_op < CC_OP_NB && !s->cc_op_dirty;
    return known ? (uint32_t)s->cc_op : 0;
}

static void i386_entry_state(DisasContextBase *db, uint32_t state)
{
    DisasContext *s = (DisasContext *)db;
    s->cc_op = (int)state;
    s->cc_op_dirty = false;
}

static const TranslatorOps i386_translator_ops = {
    .init_disas_context = i386_init_disas_context,
    .tb_start = i386_tb_start,
    .insn_start = i386_insn_start,
    .translate_insn = i386_translate_insn,
    .tb_stop = i386_tb_stop,
    .exit_state = i386_exit_state,
    .entry_state = i386_entry_state,
};

void i386_translate(TranslationBlock *tb, int max_insns)
{
    DisasContext ctx;
    memset(&ctx, 0, sizeof ctx);
    translator_loop(&i386_translator_ops, &ctx.base, tb, max_insns);
}
