/*
 * x87 instructions (escape opcodes D8..DF).
 *
 * Every operation is a helper (fpu-helper.c) that runs the same
 * instruction on the host's x87 with the guest's control word, so results
 * (transcendentals included) are the real CPU's.  Memory operands are
 * loaded and stored in generated code, so a faulting access leaves the FPU
 * state as it was: loads pass the value to the helper; stores first ask
 * the helper for the memory image, store it, then commit (status, pop).
 *
 * The op number below is (escape byte - D8) << 3 | ModRM.reg.
 */
#include "target-i386/helper.h"
#include "target-i386/translate.h"

#define CALL_FP CALL_NO_RWG

static TCGv_i32 c32(uint32_t v) { return tcg_constant_i32(v); }

/* A waiting instruction raises #MF first when an unmasked exception is
   pending (ES set). */
void gen_fp_check(DisasContext *s)
{
    if (s->fpquiet)
        return; /* (X86_HF_FPQUIET: nothing can be pending) */
    TCGv_i32 t = tcg_temp_new_i32();
    TCGLabel ok = gen_new_label();
    tcg_gen_ld_i32(t, X86_OFF(fpus));
    tcg_gen_andi_i32(t, t, 0x80);
    tcg_gen_brcondi_i32(TCG_COND_EQ, t, 0, ok);
    TCGv_i32 r = tcg_temp_new_i32();
    tcg_gen_call(helper_fp_pending, CALL_FP, TCG_I32, r, tcg_env);
    gen_check_excp(s, r);
    gen_set_label(ok);
}

void gen_fwait(DisasContext *s)
{
    gen_fp_check(s);
}

/* Load a memory operand of format kind: lo (and hi) for the helpers; the
   bytes 8..9 of 80-bit formats go to env->fp_hi. */
static void gen_fp_load(TCGv_i32 addr, int kind, TCGv_i32 *lo, TCGv_i32 *hi)
{
    *lo = tcg_temp_new_i32();
    *hi = tcg_constant_i32(0);
    switch (kind) {
    case FK_F32: case FK_I32:
        tcg_gen_qemu_ld_i32(*lo, addr, MO_32);
        break;
    case FK_I16:
        tcg_gen_qemu_ld_i32(*lo, addr, MO_16);
        break;
    default: { /* 64 and 80 bits */
        TCGv_i64 v = tcg_temp_new_i64();
        tcg_gen_qemu_ld_i64(v, addr, MO_64);
        if (kind == FK_F80 || kind == FK_BCD) {
            TCGv_i32 a2 = tcg_temp_new_i32(), h = tcg_temp_new_i32();
            tcg_gen_addi_i32(a2, addr, 8);
            tcg_gen_qemu_ld_i32(h, a2, MO_16);
            tcg_gen_st_i32(h, X86_OFF(fp_hi));
        }
        *hi = tcg_temp_new_i32();
        tcg_gen_extrl_i64_i32(*lo, v);
        tcg_gen_extrh_i64_i32(*hi, v);
        break;
    }
    }
}

/* fst/fist/fbstp to memory, then commit (pop if asked). */
static void gen_fp_store(TCGv_i32 addr, int kind, bool pop)
{
    TCGv_i64 v = tcg_temp_new_i64();
    if (kind == FK_F64)
        tcg_gen_call(helper_fst_m64, CALL_FP, TCG_I64, v, tcg_env);
    else
        tcg_gen_call(helper_fst_mem, CALL_FP, TCG_I64, v, tcg_env, c32((uint32_t)kind));
    switch (kind) {
    case FK_F32: case FK_I32: case FK_T32: {
        TCGv_i32 t = tcg_temp_new_i32();
        tcg_gen_extrl_i64_i32(t, v);
        tcg_gen_qemu_st_i32(t, addr, MO_32);
        break;
    }
    case FK_I16: case FK_T16: {
        TCGv_i32 t = tcg_temp_new_i32();
        tcg_gen_extrl_i64_i32(t, v);
        tcg_gen_qemu_st_i32(t, addr, MO_16);
        break;
    }
    default:
        if (kind == FK_F80 || kind == FK_BCD) {
            /* 10 bytes: nothing stored when either page faults. */
            TCGv_i32 a2 = tcg_temp_new_i32(), h = tcg_temp_new_i32();
            tcg_gen_addi_i32(a2, addr, 8);
            tcg_gen_ld_i32(h, X86_OFF(fp_hi));
            gen_store_probe(addr, 10);
            tcg_gen_qemu_st_i64(v, addr, MO_64);
            tcg_gen_qemu_st_i32(h, a2, MO_16);
            break;
        }
        tcg_gen_qemu_st_i64(v, addr, MO_64);
        break;
    }
    tcg_gen_call(helper_fst_done, CALL_FP, TCG_I32, TEMP_NONE, tcg_env, c32(pop));
}

static void fp_undef(DisasContext *s) { i386_gen_exception(s, EXCP_X86_UD, s->pc); }

/* The fast forms of fadd fmul fsub fsubr fdiv fdivr (fpu-helper.c), by op
   (D8 /r order; NULL for the compares). */
typedef void FastSt(CPUX86State *, uint32_t, uint32_t);
typedef void FastM64(CPUX86State *, uint64_t);
typedef void FastM32(CPUX86State *, uint32_t);
static FastSt *const fast_st[8] = { helper_fadd_st, helper_fmul_st, NULL, NULL,
                                    helper_fsub_st, helper_fsubr_st, helper_fdiv_st, helper_fdivr_st };
static FastM64 *const fast_m64[8] = { helper_fadd_m64, helper_fmul_m64, NULL, NULL,
                                      helper_fsub_m64, helper_fsubr_m64, helper_fdiv_m64, helper_fdivr_m64 };
static FastM32 *const fast_m32[8] = { helper_fadd_m32, helper_fmul_m32, NULL, NULL,
                                      helper_fsub_m32, helper_fsubr_m32, helper_fdiv_m32, helper_fdivr_m32 };

/* ST(dst) = ST(dst) op ST(src), popping when src_pop has 8. */
static void gen_farith_st(int op, uint32_t dst, uint32_t src_pop)
{
    if (fast_st[op])
        tcg_gen_call(fast_st[op], CALL_FP, TCG_I32, TEMP_NONE, tcg_env, c32(dst), c32(src_pop));
    else
        tcg_gen_call(helper_farith, CALL_FP, TCG_I32, TEMP_NONE, tcg_env, c32((uint32_t)op), c32(dst), c32(src_pop));
}

static void gen_x87_mem(DisasContext *s, X86Insn *in, int op)
{
    /* The address is formed after gen_fp_check (gen_ea keeps it in in->addr
       for every use): a temp live across the check's label went to the
       stack and came back on the common path. */
    TCGv_i32 lo, hi;
    static const int8_t arith_kind[8] = { FK_F32, -1, FK_I32, -1, FK_F64, -1, FK_I16, -1 };
    int esc = op >> 3, r = op & 7;
    if (!(esc & 1)) { /* D8, DA, DC, DE: arithmetic with a memory operand */
        gen_fp_check(s);
        if (arith_kind[esc] == FK_F64 && fast_m64[r]) {
            TCGv_i64 v = tcg_temp_new_i64();
            tcg_gen_qemu_ld_i64(v, gen_ea(s, in), MO_64);
            tcg_gen_call(fast_m64[r], CALL_FP, TCG_I32, TEMP_NONE, tcg_env, v);
            return;
        }
        gen_fp_load(gen_ea(s, in), arith_kind[esc], &lo, &hi);
        if (arith_kind[esc] == FK_F32 && fast_m32[r])
            tcg_gen_call(fast_m32[r], CALL_FP, TCG_I32, TEMP_NONE, tcg_env, lo);
        else
            tcg_gen_call(helper_farith_mem, CALL_FP, TCG_I32, TEMP_NONE, tcg_env, c32((uint32_t)r),
                         c32((uint32_t)arith_kind[esc]), lo, hi);
        return;
    }
    /* D9, DB, DD, DF: loads, stores, control. */
    static const int8_t load_kind[4] = { FK_F32, FK_I32, FK_F64, FK_I16 };
    static const int8_t trunc_kind[4] = { -1, FK_T32, FK_T64, FK_T16 };
    int k = esc >> 1;
    switch (r) {
    case 0: /* fld / fild */
        gen_fp_check(s);
        if (load_kind[k] == FK_F64) {
            TCGv_i64 v = tcg_temp_new_i64();
            tcg_gen_qemu_ld_i64(v, gen_ea(s, in), MO_64);
            tcg_gen_call(helper_fld_m64, CALL_FP, TCG_I32, TEMP_NONE, tcg_env, v);
            return;
        }
        gen_fp_load(gen_ea(s, in), load_kind[k], &lo, &hi);
        tcg_gen_call(helper_fld_mem, CALL_FP, TCG_I32, TEMP_NONE, tcg_env, c32((uint32_t)load_kind[k]), lo, hi);
        return;
    case 1: /* fisttp (DB, DD, DF) */
        if (trunc_kind[k] < 0)
            break;
        gen_fp_check(s);
        gen_fp_store(gen_ea(s, in), trunc_kind[k], true);
        return;
    case 2: case 3: /* fst / fist, fstp / fistp */
        gen_fp_check(s);
        gen_fp_store(gen_ea(s, in), load_kind[k], r == 3);
        return;
    }
    TCGv_i32 t = tcg_temp_new_i32();
    switch (op) {
    case 0x0c: case 0x0e: case 0x2c: case 0x2e: { /* fldenv, fnstenv, frstor, fnsave */
        static const uint8_t which[4] = { 1, 0, 3, 2 };
        tcg_gen_call(helper_fenv, CALL_FP, TCG_I32, t, tcg_env, gen_ea(s, in), c32(which[(op >> 1 & 1) | (op >> 4 & 2)]));
        gen_check_excp(s, t);
        s->base.is_jmp = DISAS_UPDATE; /* X86_HF_FPQUIET may have changed */
        return;
    }
    case 0x0d: /* fldcw */
        tcg_gen_qemu_ld_i32(t, gen_ea(s, in), MO_16);
        tcg_gen_call(helper_fldcw, CALL_FP, TCG_I32, TEMP_NONE, tcg_env, t);
        s->base.is_jmp = DISAS_UPDATE; /* X86_HF_FPQUIET may have changed */
        return;
    case 0x0f: /* fnstcw */
        tcg_gen_ld_i32(t, X86_OFF(fpuc));
        tcg_gen_qemu_st_i32(t, gen_ea(s, in), MO_16);
        return;
    case 0x2f: /* fnstsw m16 */
        tcg_gen_call(helper_fnstsw, CALL_FP, TCG_I32, t, tcg_env);
        tcg_gen_qemu_st_i32(t, gen_ea(s, in), MO_16);
        return;
    case 0x1d: /* fld m80 */
        gen_fp_check(s);
        gen_fp_load(gen_ea(s, in), FK_F80, &lo, &hi);
        tcg_gen_call(helper_fld_mem, CALL_FP, TCG_I32, TEMP_NONE, tcg_env, c32(FK_F80), lo, hi);
        return;
    case 0x1f: /* fstp m80 */
        gen_fp_check(s);
        gen_fp_store(gen_ea(s, in), FK_F80, true);
        return;
    case 0x3c: /* fbld */
        gen_fp_check(s);
        gen_fp_load(gen_ea(s, in), FK_BCD, &lo, &hi);
        tcg_gen_call(helper_fld_mem, CALL_FP, TCG_I32, TEMP_NONE, tcg_env, c32(FK_BCD), lo, hi);
        return;
    case 0x3d: /* fild m64 */
        gen_fp_check(s);
        gen_fp_load(gen_ea(s, in), FK_I64, &lo, &hi);
        tcg_gen_call(helper_fld_mem, CALL_FP, TCG_I32, TEMP_NONE, tcg_env, c32(FK_I64), lo, hi);
        return;
    case 0x3e: /* fbstp */
        gen_fp_check(s);
        gen_fp_store(gen_ea(s, in), FK_BCD, true);
        return;
    case 0x3f: /* fistp m64 */
        gen_fp_check(s);
        gen_fp_store(gen_ea(s, in), FK_I64, true);
        return;
    }
    fp_undef(s);
}

/* fcmovcc: the jcc condition of each DA/DB C0..DF row. */
static const uint8_t fcmov_cc[4] = { 2, 4, 6, 10 }; /* b, e, be, u */

static void gen_x87_reg(DisasContext *s, X86Insn *in, int op)
{
    uint32_t i = (uint32_t)in->rm;
    int esc = op >> 3, r = op & 7;
    switch (esc) {
    case 0: /* D8: ST(0) = ST(0) op ST(i) */
        gen_fp_check(s);
        gen_farith_st(r, 0, i);
        return;
    case 4: case 6: { /* DC, DE: ST(i) = ST(i) op ST(0), DE pops */
        static const uint8_t swap[8] = { 0, 1, 2, 3, 5, 4, 7, 6 };
        uint32_t pop = esc == 6 ? 8 : 0;
        if (r == 2 || r == 3) { /* fcom/fcomp aliases; DE D9 is fcompp */
            if (esc == 6 && !(r == 3 && i == 1))
                break;
            gen_fp_check(s);
            tcg_gen_call(helper_farith, CALL_FP, TCG_I32, TEMP_NONE, tcg_env, c32((uint32_t)r), c32(0), c32(i));
            if (esc == 6)
                tcg_gen_call(helper_fpop, CALL_FP, TCG_I32, TEMP_NONE, tcg_env);
            return;
        }
        gen_fp_check(s);
        gen_farith_st(swap[r], i, pop);
        return;
    }
    case 1: /* D9 */
        switch (r) {
        case 0: gen_fp_check(s); tcg_gen_call(helper_fld_st, CALL_FP, TCG_I32, TEMP_NONE, tcg_env, c32(i)); return;
        case 1: gen_fp_check(s); tcg_gen_call(helper_fxch, CALL_FP, TCG_I32, TEMP_NONE, tcg_env, c32(i)); return;
        case 2:
            if (i != 0)
                break;
            gen_fp_check(s); /* fnop */
            return;
        case 3: /* fstp1 (undocumented) */
            gen_fp_check(s);
            tcg_gen_call(helper_fst_st, CALL_FP, TCG_I32, TEMP_NONE, tcg_env, c32(i), c32(1));
            return;
        default: {
            uint32_t sub = (uint32_t)((r - 4) << 3) | i; /* modrm - 0xe0 */
            static const uint32_t valid = 0xffffff33u & ~(1u << 0x0f) & ~(0x3u << 6);
            if (!((valid >> sub) & 1))
                break;
            gen_fp_check(s);
            tcg_gen_call(helper_fmisc, CALL_FP, TCG_I32, TEMP_NONE, tcg_env, c32(sub));
            return;
        }
        }
        break;
    case 2: case 3: /* DA, DB */
        if (r < 4) {
            TCGLabel skip = gen_new_label();
            gen_fp_check(s);
            /* DA: move if the condition holds; DB: if it does not. */
            gen_jcc_skip(s, fcmov_cc[r] | (esc == 3), skip);
            tcg_gen_call(helper_fcmov, CALL_FP, TCG_I32, TEMP_NONE, tcg_env, c32(i));
            gen_set_label(skip);
            return;
        }
        if (esc == 2) {
            if (r == 5 && i == 1) { /* fucompp */
                gen_fp_check(s);
                tcg_gen_call(helper_fucom, CALL_FP, TCG_I32, TEMP_NONE, tcg_env, c32(1), c32(2));
                return;
            }
            break;
        }
        if (r == 4) {
            if (i == 2) {
                tcg_gen_call(helper_fnclex, CALL_FP, TCG_I32, TEMP_NONE, tcg_env);
                s->base.is_jmp = DISAS_UPDATE; /* X86_HF_FPQUIET may have changed */
                return;
            }
            if (i == 3) {
                tcg_gen_call(helper_fninit, CALL_FP, TCG_I32, TEMP_NONE, tcg_env);
                s->base.is_jmp = DISAS_UPDATE;
                return;
            }
            if (i == 0 || i == 1 || i == 4) /* feni, fdisi, fsetpm: no-ops since the 387 */
                return;
            break;
        }
        if (r == 5 || r == 6) { /* fucomi, fcomi */
            TCGv_i32 f = tcg_temp_new_i32();
            gen_fp_check(s);
            tcg_gen_call(helper_fcomi, CALL_FP, TCG_I32, f, tcg_env, c32(i), c32(r == 5 ? 1 : 0));
            gen_set_eflags(s, f);
            return;
        }
        break;
    case 5: /* DD */
        switch (r) {
        case 0: /* ffree */
            gen_fp_check(s);
            tcg_gen_call(helper_ffree, CALL_FP, TCG_I32, TEMP_NONE, tcg_env, c32(i), c32(0));
            return;
        case 1: gen_fp_check(s); tcg_gen_call(helper_fxch, CALL_FP, TCG_I32, TEMP_NONE, tcg_env, c32(i)); return;
        case 2: case 3: /* fst, fstp st(i) */
            gen_fp_check(s);
            tcg_gen_call(helper_fst_st, CALL_FP, TCG_I32, TEMP_NONE, tcg_env, c32(i), c32(r == 3));
            return;
        case 4: case 5: /* fucom, fucomp */
            gen_fp_check(s);
            tcg_gen_call(helper_fucom, CALL_FP, TCG_I32, TEMP_NONE, tcg_env, c32(i), c32(r == 5));
            return;
        }
        break;
    case 7: /* DF */
        switch (r) {
        case 0: /* ffreep (undocumented) */
            gen_fp_check(s);
            tcg_gen_call(helper_ffree, CALL_FP, TCG_I32, TEMP_NONE, tcg_env, c32(i), c32(1));
            return;
        case 1: gen_fp_check(s); tcg_gen_call(helper_fxch, CALL_FP, TCG_I32, TEMP_NONE, tcg_env, c32(i)); return;
        case 2: case 3:
            gen_fp_check(s);
            tcg_gen_call(helper_fst_st, CALL_FP, TCG_I32, TEMP_NONE, tcg_env, c32(i), c32(1));
            return;
        case 4:
            if (i == 0) { /* fnstsw ax */
                TCGv_i32 t = tcg_temp_new_i32();
                tcg_gen_call(helper_fnstsw, CALL_FP, TCG_I32, t, tcg_env);
                tcg_gen_deposit_i32(i386_regs[R_EAX], i386_regs[R_EAX], t, 0, 16);
                return;
            }
            break;
        case 5: case 6: { /* fucomip, fcomip */
            TCGv_i32 f = tcg_temp_new_i32();
            gen_fp_check(s);
            tcg_gen_call(helper_fcomi, CALL_FP, TCG_I32, f, tcg_env, c32(i), c32(r == 5 ? 3 : 2));
            gen_set_eflags(s, f);
            return;
        }
        }
        break;
    }
    fp_undef(s);
}

void gen_x87(DisasContext *s, X86Insn *in)
{
    int op = ((in->op - 0xd8) << 3) | in->reg;
    if (in->mod != 3)
        gen_x87_mem(s, in, op);
    else
        gen_x87_reg(s, in, op);
}
