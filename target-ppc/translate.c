/*
 * PowerPC front end: IR globals, the condition-register building blocks,
 * TB exits and the translator hooks.
 *
 * Guest state model (cpu.h): r0..r31, LR, CTR, XER's SO/OV/CA, the CR
 * fields and the FPRs are IR globals; nip in env is only meaningful at TB
 * boundaries and exceptions (the exit protocol of tcg/README.md: a chained
 * goto_tb skips the nip store, the next TB's exit-request stub stores it).
 *
 * The condition register costs one 64-bit word per field (crw[f]) plus its
 * SO bit (crso[f]).  A compare writes crw = ext(a) - ext(b) (3 host
 * instructions, no flags materialised), a `.` form crw = sext(result) (one);
 * a conditional branch tests the word directly: LT is crw < 0, GT is
 * (crw << 1) > 0, EQ is (uint32_t)crw == 0 (cpu.h proves the encoding).
 * Only CR logic, mtcrf and mfcr, which need the bits themselves, convert.
 */
#include <stdlib.h>
#include <string.h>

#include "include/guest.h"
#include "target-ppc/translate.h"

enum {
    DISAS_JUMP = DISAS_TARGET_0,   /* nip written: indirect lookup */
    DISAS_UPDATE = DISAS_TARGET_1, /* state the TB depends on changed: nip = next, lookup */
};

typedef struct DisasContext {
    DisasContextBase base; /* the generic loop's part (tcg/translator.h) */
    TranslationBlock *tb;
    uint32_t pc;      /* address of the instruction being translated */
    uint32_t pc_next; /* pc + 4 */
    int is_jmp;
    bool fe;          /* FP exceptions enabled (PPC_TBFLAG_FE) */
} DisasContext;


/* Field transform used by ppc.decode. */
static inline int times_4(DisasContext *s, int x) { return x * 4; }

static TCGv_i32 cpu_gpr[32], cpu_nip, cpu_lr, cpu_ctr;
static TCGv_i32 cpu_so, cpu_ov, cpu_ca, cpu_crso[8];
static TCGv_i64 cpu_crw[8], cpu_fpr[32];
static TCGv_i32 cpu_reserve_addr, cpu_reserve_val;
/* Of the instruction being translated: XER[SO] is 0 (the TB key's
   PPC_TBFLAG_SO clear); an instruction wrote SO (its TB then ends). */
static bool so_zero, so_written;
/* Per CR field: the operands of the compare (or the result of the `.`
   form, compared with 0) that last set it in this block, so that a
   conditional branch on its LT, GT or EQ compares them instead of decoding
   the field.  Valid while no op emitted since (from op) writes the field
   (crf_src_ok). */
static struct {
    bool valid;
    bool is_signed;
    int op; /* tcg_ctx.nb_ops right after the field was set */
    TCGv_i32 a, b;
} crf_src[8];


/* Exits and exceptions. */
static void gen_goto_tb(DisasContext *s, int n, uint32_t dest);
static void gen_exception(DisasContext *s, int excp);  /* at this instruction */
static void gen_exception_arg(DisasContext *s, int excp, uint32_t arg);
static void gen_undef(DisasContext *s);                 /* SIGILL ILL_ILLOPC */
static void gen_store_nip(DisasContext *s);             /* nip = this instruction (helpers that fault) */

/* Condition register. */
/* CR field f from a 32-bit result compared with 0 (`.` forms, CR0). */
static void gen_set_crf_result(int f, TCGv_i32 res);
/* CR field f from comparing a with b, signed or unsigned. */
static void gen_set_crf_cmp(int f, TCGv_i32 a, TCGv_i32 b, bool is_signed);
/* CR field f from 0/1 values (TEMP_NONE: 0) and SO. */
static void gen_set_crf_bits(int f, TCGv_i32 lt, TCGv_i32 gt, TCGv_i32 eq, TCGv_i32 so);
/* CR field f from a 4-bit value (LT GT EQ SO = 8 4 2 1) in a temp. */
static void gen_set_crf_nibble(int f, TCGv_i32 v);
/* CR bit 0..31 as 0/1 in a new temp. */
static TCGv_i32 gen_get_crbit(int bit);
/* Branch to l if CR bit == want. */
static void gen_brcond_crbit(int bit, bool want, TCGLabel l);
/* The `.` form's CR0 update from rt. */
static inline void gen_rc0(TCGv_i32 res) { gen_set_crf_result(0, res); }

/* Effective addresses: (ra|0) + d, (ra|0) + rb. */
static TCGv_i32 gen_ea_d(DisasContext *s, int ra, int32_t d);
static TCGv_i32 gen_ea_x(DisasContext *s, int ra, int rb);



void ppc_tcg_init(void)
{
    static char names[32 + 32 + 16][8];
    for (int i = 0; i < 32; i++) {
        snprintf(names[i], sizeof names[i], "r%d", i);
        cpu_gpr[i] = tcg_global_mem_new(TCG_I32, PPC_OFF(gpr[i]), names[i]);
        snprintf(names[32 + i], sizeof names[i], "f%d", i);
        cpu_fpr[i] = tcg_global_mem_new(TCG_I64, PPC_OFF(fpr[i]), names[32 + i]);
    }
    for (int i = 0; i < 8; i++) {
        snprintf(names[64 + i], sizeof names[i], "crw%d", i);
        cpu_crw[i] = tcg_global_mem_new(TCG_I64, PPC_OFF(crw[i]), names[64 + i]);
        snprintf(names[72 + i], sizeof names[i], "crso%d", i);
        cpu_crso[i] = tcg_global_mem_new(TCG_I32, PPC_OFF(crso[i]), names[72 + i]);
    }
    cpu_nip = tcg_global_mem_new(TCG_I32, PPC_OFF(nip), "nip");
    cpu_lr = tcg_global_mem_new(TCG_I32, PPC_OFF(lr), "lr");
    cpu_ctr = tcg_global_mem_new(TCG_I32, PPC_OFF(ctr), "ctr");
    cpu_so = tcg_global_mem_new(TCG_I32, PPC_OFF(xer_so), "so");
    cpu_ov = tcg_global_mem_new(TCG_I32, PPC_OFF(xer_ov), "ov");
    cpu_ca = tcg_global_mem_new(TCG_I32, PPC_OFF(xer_ca), "ca");
    /* CR fields and XER's SO/OV/CA: flag globals (tcg/README.md "Dead
       flags"): a field the next block of a region overwrites first is not
       stored. */
    unsigned crw_flag[8], crso_flag[8];
    for (int i = 0; i < 8; i++) {
        crw_flag[i] = tcg_global_flag(cpu_crw[i]);
        crso_flag[i] = tcg_global_flag(cpu_crso[i]);
    }
    unsigned so_flag = tcg_global_flag(cpu_so), ov_flag = tcg_global_flag(cpu_ov);
    ppc_flagkill_init(crw_flag, crso_flag, so_flag, ov_flag, tcg_global_flag(cpu_ca));
    cpu_reserve_addr = tcg_global_mem_new(TCG_I32, PPC_OFF(reserve_addr), "res_addr");
    cpu_reserve_val = tcg_global_mem_new(TCG_I32, PPC_OFF(reserve_val), "res_val");
    /* The TB key of cpu.c ppc_tb_key, for lookup_and_goto's inline probe. */
    tcg_jump_key = (TCGJumpKey){
        .pc_off = PPC_OFF(nip),
        .cs_base_off = -1,
        .nb_terms = 2,
        .term = { { PPC_OFF(fe_on), 1, 0 }, { PPC_OFF(xer_so), 1, 1 } },
    };
}

/* ---- Exits ---------------------------------------------------------------- */

static void gen_goto_tb(DisasContext *s, int n, uint32_t dest)
{
    /* A direct branch keeps the key's flags (MSR bits). */
    if (translator_jump(&s->base, dest, 0, s->tb->flags))
        return;
    tcg_gen_goto_tb(n);
    tcg_gen_movi_i32(cpu_nip, dest);
    tcg_gen_exit_tb(s->tb, n);
}

/* bl/bcl to dest: the return address (the next instruction, same flags)
   is pushed for return prediction (tcg/README.md), except for the
   "bcl 20,31,$+4" idiom that only reads the pc (no return comes). */
static void gen_ret_push(DisasContext *s, uint32_t dest)
{
    if (dest != s->pc_next) {
        tcg_gen_ret_push(s->pc_next, 0, s->tb->flags);
    }
}

static void gen_store_nip(DisasContext *s)
{
    tcg_gen_movi_i32(cpu_nip, s->pc);
}

static void gen_exception_arg(DisasContext *s, int excp, uint32_t arg)
{
    tcg_gen_movi_i32(cpu_nip, s->pc);
    tcg_gen_st_i32(tcg_constant_i32(arg), PPC_OFF(common.exception_arg));
    tcg_gen_st_i32(tcg_constant_i32((uint32_t)excp), PPC_OFF(common.exception));
    tcg_gen_exit_tb(NULL, 0);
    s->is_jmp = DISAS_NORETURN;
}

static void gen_exception(DisasContext *s, int excp)
{
    gen_exception_arg(s, excp, 0);
}

static void gen_undef(DisasContext *s)
{
    gen_exception(s, EXCP_UDEF);
}

/* ---- Condition register --------------------------------------------------- */

/* CR field f's SO bit := XER[SO]. */
static void gen_crso_from_so(int f)
{
    if (so_zero && !so_written) /* (an `o.` form copies the SO it just set) */
        tcg_gen_movi_i32(cpu_crso[f], 0);
    else
        tcg_gen_mov_i32(cpu_crso[f], cpu_so);
}

/* CR field f was just set from a compare of a with b. */
static void crf_src_set(int f, TCGv_i32 a, TCGv_i32 b, bool is_signed)
{
    crf_src[f].valid = true;
    crf_src[f].is_signed = is_signed;
    crf_src[f].a = tcg_temp_new_i32();
    tcg_gen_mov_i32(crf_src[f].a, a);
    if (tcg_ctx.temps[b].kind == TEMP_CONST) {
        crf_src[f].b = b;
    } else {
        crf_src[f].b = tcg_temp_new_i32();
        tcg_gen_mov_i32(crf_src[f].b, b);
    }
    crf_src[f].op = tcg_ctx.nb_ops;
}

/* Is crf_src[f] still what field f holds: no op since writes crw[f] (a
   call that may write globals counts as writing it)? */
static bool crf_src_ok(int f)
{
    if (!crf_src[f].valid) {
        return false;
    }
    for (int i = crf_src[f].op; i < tcg_ctx.nb_ops; i++) {
        const TCGOp *op = &tcg_ctx.ops[i];
        if (op->opc == INDEX_op_call ? (op->args[0] == cpu_crw[f] || !(op->cflags & (CALL_NO_WG | CALL_NO_RWG)))
                                     : (tcg_op_defs[op->opc].nb_oargs && op->args[0] == cpu_crw[f])) {
            crf_src[f].valid = false;
            return false;
        }
    }
    return true;
}

static void gen_set_crf_result(int f, TCGv_i32 res)
{
    tcg_gen_ext_i32_i64(cpu_crw[f], res);
    gen_crso_from_so(f);
    crf_src_set(f, res, tcg_constant_i32(0), true);
}

static void gen_set_crf_cmp(int f, TCGv_i32 a, TCGv_i32 b, bool is_signed)
{
    TCGv_i64 a64 = tcg_temp_new_i64(), b64 = tcg_temp_new_i64();
    if (is_signed) {
        tcg_gen_ext_i32_i64(a64, a);
        tcg_gen_ext_i32_i64(b64, b);
    } else {
        tcg_gen_extu_i32_i64(a64, a);
        tcg_gen_extu_i32_i64(b64, b);
    }
    tcg_gen_sub_i64(cpu_crw[f], a64, b64);
    gen_crso_from_so(f);
    crf_src_set(f, a, b, is_signed);
}

/* crw = explicit form: hi = LT << 31 | !GT << 30 | 1, lo = !EQ. */
static void gen_set_crf_bits(int f, TCGv_i32 lt, TCGv_i32 gt, TCGv_i32 eq, TCGv_i32 so)
{
    TCGv_i32 hi = tcg_temp_new_i32(), lo = tcg_temp_new_i32(), t = tcg_temp_new_i32();
    if (lt != TEMP_NONE) {
        tcg_gen_shli_i32(hi, lt, 31);
        tcg_gen_ori_i32(hi, hi, 1);
    } else {
        tcg_gen_movi_i32(hi, 1);
    }
    if (gt != TEMP_NONE) {
        tcg_gen_xori_i32(t, gt, 1);
        tcg_gen_shli_i32(t, t, 30);
        tcg_gen_or_i32(hi, hi, t);
    } else {
        tcg_gen_ori_i32(hi, hi, 1u << 30);
    }
    if (eq != TEMP_NONE) {
        tcg_gen_xori_i32(lo, eq, 1);
    } else {
        tcg_gen_movi_i32(lo, 1);
    }
    tcg_gen_concat_i32_i64(cpu_crw[f], lo, hi);
    if (so != TEMP_NONE) {
        tcg_gen_mov_i32(cpu_crso[f], so);
    } else {
        tcg_gen_movi_i32(cpu_crso[f], 0);
    }
}

static void gen_set_crf_nibble(int f, TCGv_i32 v)
{
    TCGv_i32 t = tcg_temp_new_i32();
    tcg_gen_shri_i32(t, v, 1);
    tcg_gen_call(helper_ppc_crw_of, CALL_NO_RWG | CALL_PURE, TCG_I64, cpu_crw[f], t);
    tcg_gen_andi_i32(cpu_crso[f], v, 1);
}

static TCGv_i32 gen_get_crbit(int bit)
{
    int f = bit >> 2;
    TCGv_i32 r = tcg_temp_new_i32();
    TCGv_i64 t = tcg_temp_new_i64();
    switch (bit & 3) {
    case 0: /* LT: the sign of crw */
        tcg_gen_extrh_i64_i32(r, cpu_crw[f]);
        tcg_gen_shri_i32(r, r, 31);
        break;
    case 1: /* GT: (crw << 1) > 0 */
        tcg_gen_shli_i64(t, cpu_crw[f], 1);
        tcg_gen_setcond(TCG_I64, TCG_COND_GT, t, t, tcg_constant_i64(0));
        tcg_gen_extrl_i64_i32(r, t);
        break;
    case 2: /* EQ: the low word is 0 */
        tcg_gen_extrl_i64_i32(r, cpu_crw[f]);
        tcg_gen_setcondi_i32(TCG_COND_EQ, r, r, 0);
        break;
    default:
        tcg_gen_mov_i32(r, cpu_crso[f]);
        break;
    }
    return r;
}

static void gen_brcond_crbit(int bit, bool want, TCGLabel l)
{
    int f = bit >> 2;
    TCGv_i64 zero = tcg_constant_i64(0);
    if ((bit & 3) != 3 && crf_src_ok(f)) {
        /* The field still holds a compare of this block: LT, GT, EQ of its
           operands. */
        static const TCGCond cond[3][2] = {
            { TCG_COND_GE, TCG_COND_LT }, { TCG_COND_LE, TCG_COND_GT }, { TCG_COND_NE, TCG_COND_EQ } };
        TCGCond c = cond[bit & 3][want];
        if (!crf_src[f].is_signed && c >= TCG_COND_LT)
            c = (TCGCond)(c + (TCG_COND_LTU - TCG_COND_LT)); /* cmpl: unsigned */
        tcg_gen_brcond_i32(c, crf_src[f].a, crf_src[f].b, l);
        return;
    }
    switch (bit & 3) {
    case 0:
        tcg_gen_brcond(TCG_I64, want ? TCG_COND_LT : TCG_COND_GE, cpu_crw[f], zero, l);
        break;
    case 1: {
        TCGv_i64 t = tcg_temp_new_i64();
        tcg_gen_shli_i64(t, cpu_crw[f], 1);
        tcg_gen_brcond(TCG_I64, want ? TCG_COND_GT : TCG_COND_LE, t, zero, l);
        break;
    }
    case 2: {
        TCGv_i32 t = tcg_temp_new_i32();
        tcg_gen_extrl_i64_i32(t, cpu_crw[f]);
        tcg_gen_brcondi_i32(want ? TCG_COND_EQ : TCG_COND_NE, t, 0, l);
        break;
    }
    default:
        tcg_gen_brcondi_i32(want ? TCG_COND_NE : TCG_COND_EQ, cpu_crso[f], 0, l);
        break;
    }
}

/* ---- Effective addresses ---------------------------------------------------- */

static TCGv_i32 gen_ea_d(DisasContext *s, int ra, int32_t d)
{
    TCGv_i32 ea = tcg_temp_new_i32();
    if (ra == 0) {
        tcg_gen_movi_i32(ea, (uint32_t)d);
    } else {
        tcg_gen_addi_i32(ea, cpu_gpr[ra], (uint32_t)d);
    }
    return ea;
}

static TCGv_i32 gen_ea_x(DisasContext *s, int ra, int rb)
{
    TCGv_i32 ea = tcg_temp_new_i32();
    if (ra == 0) {
        tcg_gen_mov_i32(ea, cpu_gpr[rb]);
    } else {
        tcg_gen_add_i32(ea, cpu_gpr[ra], cpu_gpr[rb]);
    }
    return ea;
}

/* ---- The translator hooks (tcg/translator.h) ---------------------------------- */

#include "target-ppc/decode-ppc.c.inc"
#include "target-ppc/translate-int.c.inc"
#include "target-ppc/translate-mem.c.inc"
#include "target-ppc/translate-fp.c.inc"

#define PPC_MAX_INSNS 64

static void ppc_init_disas_context(DisasContextBase *db)
{
    DisasContext *s = (DisasContext *)db;
    s->tb = db->tb;
    s->pc = db->tb->pc;
    s->fe = db->tb->flags & PPC_TBFLAG_FE;
    so_zero = !(db->tb->flags & PPC_TBFLAG_SO);
    for (int f = 0; f < 8; f++) {
        crf_src[f].valid = false; /* (temps do not cross blocks) */
    }
    s->is_jmp = DISAS_NEXT; /* (called per block of a hot region) */
    if (db->max_insns > PPC_MAX_INSNS) {
        db->max_insns = PPC_MAX_INSNS;
    }
}

static void ppc_tb_start(DisasContextBase *db)
{
}

static void ppc_insn_start(DisasContextBase *db)
{
    tcg_gen_insn_start(db->pc_next, 0);
}

static void ppc_translate_insn(DisasContextBase *db)
{
    DisasContext *s = (DisasContext *)db;
    s->pc = db->pc_next;
    uint32_t insn = translator_ldl(db, s->pc);
    s->pc_next = s->pc + 4;
    s->is_jmp = DISAS_NEXT;
    so_written = false;
    if (!decode_ppc(s, insn)) {
        gen_undef(s);
    }
    /* XER[SO] is part of the TB key: the next instruction is looked up. */
    if (so_written && s->is_jmp == DISAS_NEXT)
        s->is_jmp = DISAS_UPDATE;
    db->pc_next = s->pc_next;
    db->is_jmp = s->is_jmp;
}

static void ppc_tb_stop(DisasContextBase *db)
{
    DisasContext *s = (DisasContext *)db;
    switch (db->is_jmp) {
    case DISAS_NEXT:
    case DISAS_TOO_MANY:
        gen_goto_tb(s, 0, db->pc_next);
        break;
    case DISAS_UPDATE:
        tcg_gen_movi_i32(cpu_nip, db->pc_next);
        /* fall through */
    case DISAS_JUMP:
        tcg_gen_lookup_and_goto();
        break;
    default:
        break;
    }
}

static const TranslatorOps ppc_translator_ops = {
    .init_disas_context = ppc_init_disas_context,
    .tb_start = ppc_tb_start,
    .insn_start = ppc_insn_start,
    .translate_insn = ppc_translate_insn,
    .tb_stop = ppc_tb_stop,
};

void ppc_translate(TranslationBlock *tb, int max_insns)
{
    DisasContext ctx;
    memset(&ctx, 0, sizeof(ctx));
    translator_loop(&ppc_translator_ops, &ctx.base, tb, max_insns);
}
