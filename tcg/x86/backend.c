/*
 * x86-64 backend: one emitter per IR op, the prologue/epilogue and the
 * services the TB cache uses (tcg_exec_code, tcg_patch_jump).
 *
 * Register conventions inside generated code
 *   rbp  env (tcg_env, the TEMP_FIXED temp) for the whole TB
 *   r14  guest_base; a guest access is [r14 + rX] where rX holds the
 *        zero-extended 32-bit guest address
 *   rsp  16-byte aligned; [rsp + 8*i] are the spill slots of normal temps,
 *        [rsp + FRAME_EPI_OFF] holds the epilogue address
 *   everything else (rax..r15 minus the three above) is allocatable.
 *   xmm0-xmm7 belong to fp_guarded (backend-fp.c), which keeps values in
 *   them between ops: other emitters must not touch xmm registers (helper
 *   calls may: calls empty that cache).
 * Invariant: an I32 value in a host register is always zero-extended to 64
 * bits (every 32-bit x86 instruction does that; every emitter below keeps it),
 * so a 32-bit guest address can index guest memory directly and I32 helper
 * arguments are already zero-extended.
 *
 * Every TB starts with `cmp dword [rbp], 0; jne stub` (CPUCommon.exit_request
 * is at offset 0) where the stub stores the TB's guest pc (TCGContext.
 * entry_pc_off: a chained goto_tb jumps here without storing it) and
 * returns 0 through the epilogue.
 *
 * Leaving a TB: exit_tb puts its value in rax and jumps to the epilogue
 * (rel32, or `jmp [rsp + FRAME_EPI_OFF]` when the code buffer is out of
 * range); goto_tb is a `jmp rel32` with a 4-byte aligned field, initially
 * jumping to the next instruction; lookup_and_goto probes the thread's jump
 * cache inline (when the front end set tcg_jump_key) and jumps to the cached
 * TB's code, else calls tcg_lookup_code(env) and jumps to the returned code
 * (-d stats counts only the lookups that reach C).  Helpers are called with the SysV ABI, rsp
 * 16-byte aligned (the frame keeps it so).
 *
 * Optional host features (cpuid): movbe for byte-swapped guest accesses,
 * lzcnt/tzcnt for clz/ctz, BMI1 andn for andc, BMI2 rorx for rotates by a
 * constant and shlx/shrx/sarx for shifts by a register.  Without them the
 * classic sequences are used (the unit test covers both).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/platform/x86.h>
#include <ucontext.h>

#include "include/cpu-common.h"
#include "include/guest.h"
#include "tcg/tb.h"
#include "tcg/tcg-op.h"
#include "tcg/x86/x86.h"
#include "include/coldbss.h"

bool x86_have_movbe, x86_have_lzcnt, x86_have_bmi1, x86_have_bmi2;

static uint8_t *epilogue;
const void *tcg_code_exit_zero;
static uintptr_t (*exec_entry)(void *env, const void *code);

static _Noreturn void be_fatal(const char *msg, const char *what)
{
    fprintf(stderr, "mimic: x86 backend: %s%s%s\n", msg, what ? ": " : "", what ? what : "");
    abort();
}

/* ---- Small helpers --------------------------------------------------------- */

#define ALL ALLOC_REGS

static inline TCGv A(X86Gen *g, int i) { return (TCGv)g->op->args[i]; }
static inline bool W(X86Gen *g) { return g->op->type == TCG_I64; }
static inline int rexw(bool w) { return w ? P_REXW : 0; }

/* Host condition codes for TCGCond. */
static const uint8_t x86_cc[] = {
    [TCG_COND_EQ] = 0x4, [TCG_COND_NE] = 0x5, [TCG_COND_LT] = 0xc, [TCG_COND_GE] = 0xd,
    [TCG_COND_LE] = 0xe, [TCG_COND_GT] = 0xf, [TCG_COND_LTU] = 0x2, [TCG_COND_GEU] = 0x3,
    [TCG_COND_LEU] = 0x6, [TCG_COND_GTU] = 0x7,
};

/* Constant t usable as a sign-extended imm32 at width w. */
static bool const_imm(X86Gen *g, TCGv t, bool w, int32_t *imm)
{
    if (!ra_is_const(g, t)) {
        return false;
    }
    uint64_t v = ra_const(g, t);
    if (!w) {
        *imm = (int32_t)(uint32_t)v;
        return true;
    }
    if (fits_i32((int64_t)v)) {
        *imm = (int32_t)v;
        return true;
    }
    return false;
}

/* Output register and input register for a unary op: the same register when
   the input dies here (no copy needed). */
static int unary_regs(X86Gen *g, int ai, int *ra)
{
    TCGv a = A(g, ai);
    TCGTemp *ts = ra_temp(g, a);
    int home = ra_pinned_out(g, ai);
    if (home >= 0) {
        /* The output is a pinned global: compute in its register (ra_fix_pins
           would copy the result there anyway). */
        *ra = ra_in(g, a, ALL);
        g->locked |= RMASK(home);
        return home;
    }
    if (ts->val_loc == VAL_REG && ts->kind != TEMP_FIXED && !ts->pinned && ra_dies(g, ai)) {
        /* (a pinned global stays home: a copy and the op would be two
           instructions where the op alone from its register is one) */
        *ra = ra_scratch_copy(g, a, ai, ALL);
        return *ra;
    }
    *ra = ra_in(g, a, ALL);
    return ra_alloc(g, ALL);
}

/* Finish an op with a single output computed into r. */
static void finish_out(X86Gen *g, int r)
{
    ra_free_dead_inputs(g);
    ra_bind_out(g, A(g, 0), r);
    ra_free_dead_outputs(g);
}

static void emit_jmp_epilogue(TCGContext *s)
{
    int64_t d = (intptr_t)epilogue - (intptr_t)(s->code_ptr + 5);
    if (fits_i32(d)) {
        emit8(s, OPC_JMP_long);
        tcg_note_reloc(s, s->code_ptr, RELOC_EPI_REL32, 0);
        emit32(s, (uint32_t)(int32_t)d);
    } else {
        emit_modrm_mem(s, OPC_GRP5, EXT5_JMP, R_SP, -1, FRAME_EPI_OFF);
    }
}

static void emit_rol16_8(TCGContext *s, int r)
{
    emit_modrm(s, OPC_SHIFT_Ib | P_DATA16, SHIFT_ROL, r);
    emit8(s, 8);
}

/* Byte-swap the low 2/4/8 bytes of r in place, result zero-extended (size 16
   assumes bits 16.. of r are already zero). */
static void emit_bswap_size(TCGContext *s, unsigned size, int r)
{
    if (size == MO_16) {
        emit_rol16_8(s, r);
    } else if (size == MO_32) {
        emit_opc(s, OPC_BSWAP + (r & 7), 0, r, -1);
    } else if (size == MO_64) {
        emit_opc(s, (OPC_BSWAP + (r & 7)) | P_REXW, 0, r, -1);
    }
}

/* Sign- or zero-extend the low `size` bytes of r to width w. */
static void emit_extend(TCGContext *s, unsigned size, bool sign, bool w, int r)
{
    switch (size) {
    case MO_8: emit_ext(s, sign ? OPC_MOVSBL : OPC_MOVZBL, sign && w, r, r); break;
    case MO_16: emit_ext(s, sign ? OPC_MOVSWL : OPC_MOVZWL, sign && w, r, r); break;
    case MO_32:
        if (sign && w) {
            emit_modrm(s, OPC_MOVSLQ, r, r);
        } else if (w) {
            emit_zext32(s, r, r);
        }
        break;
    default: break;
    }
}

/* Load per memop from [base + index + disp] into r at width w. */
static void emit_load(TCGContext *s, bool w, unsigned memop, int r, int base, int index, int32_t disp)
{
    unsigned size = memop & MO_SIZE;
    bool sign = (memop & MO_SIGN) != 0, swap = (memop & MO_BSWAP) && size != MO_8;
    if (size == MO_64 && !w) {
        be_fatal("64-bit load into an I32 temp", NULL);
    }
    if (swap) {
        if (size == MO_16) {
            emit_modrm_mem(s, OPC_MOVZWL, r, base, index, disp);
            emit_rol16_8(s, r);
        } else if (x86_have_movbe) {
            emit_modrm_mem(s, OPC_MOVBE_GyMy | rexw(size == MO_64), r, base, index, disp);
        } else {
            emit_modrm_mem(s, OPC_MOVL_GvEv | rexw(size == MO_64), r, base, index, disp);
            emit_bswap_size(s, size, r);
        }
        if (sign) {
            emit_extend(s, size, true, w, r);
        }
        return;
    }
    switch (size) {
    case MO_8: emit_modrm_mem(s, (sign ? OPC_MOVSBL : OPC_MOVZBL) | rexw(sign && w), r, base, index, disp); break;
    case MO_16: emit_modrm_mem(s, (sign ? OPC_MOVSWL : OPC_MOVZWL) | rexw(sign && w), r, base, index, disp); break;
    case MO_32:
        emit_modrm_mem(s, (sign && w) ? OPC_MOVSLQ : OPC_MOVL_GvEv, r, base, index, disp);
        break;
    default: emit_modrm_mem(s, OPC_MOVL_GvEv | P_REXW, r, base, index, disp); break;
    }
}

static uint64_t bswap_const(uint64_t v, unsigned size)
{
    switch (size) {
    case MO_16: return __builtin_bswap16((uint16_t)v);
    case MO_32: return __builtin_bswap32((uint32_t)v);
    case MO_64: return __builtin_bswap64(v);
    default: return v & 0xff;
    }
}

/* Store the low `size` bytes of value temp v to [base + index + disp]. */
static void emit_store(X86Gen *g, unsigned memop, TCGv v, int base, int index, int32_t disp)
{
    TCGContext *s = g->s;
    unsigned size = memop & MO_SIZE;
    bool swap = (memop & MO_BSWAP) && size != MO_8;
    if (ra_is_const(g, v)) {
        uint64_t val = ra_const(g, v);
        if (swap) {
            val = bswap_const(val, size);
        }
        if (size != MO_64 || fits_i32((int64_t)val)) {
            ra_fault_site(g);
            switch (size) {
            case MO_8: emit_modrm_mem(s, OPC_MOVB_EvIb, 0, base, index, disp); emit8(s, (uint8_t)val); break;
            case MO_16:
                emit_modrm_mem(s, OPC_MOVL_EvIz | P_DATA16, 0, base, index, disp);
                emit8(s, (uint8_t)val);
                emit8(s, (uint8_t)(val >> 8));
                break;
            default:
                emit_modrm_mem(s, OPC_MOVL_EvIz | rexw(size == MO_64), 0, base, index, disp);
                emit32(s, (uint32_t)val);
                break;
            }
            return;
        }
        int t = ra_alloc(g, ALL);
        emit_movi(s, true, t, val, true);
        ra_fault_site(g);
        emit_modrm_mem(s, OPC_MOVL_EvGv | P_REXW, t, base, index, disp);
        return;
    }
    int rv = ra_in(g, v, ALL);
    if (swap) {
        if (x86_have_movbe) {
            int opc = OPC_MOVBE_MyGy | (size == MO_16 ? P_DATA16 : 0) | rexw(size == MO_64);
            ra_fault_site(g);
            emit_modrm_mem(s, opc, rv, base, index, disp);
            return;
        }
        int t = ra_alloc(g, ALL);
        emit_mov_rr(s, true, t, rv);
        emit_bswap_size(s, size, t);
        rv = t;
    }
    ra_fault_site(g); /* (no-op for env stores: only guest accesses want a site) */
    switch (size) {
    case MO_8: emit_modrm_mem(s, OPC_MOVB_EvGv | P_REXB_R, rv, base, index, disp); break;
    case MO_16: emit_modrm_mem(s, OPC_MOVL_EvGv | P_DATA16, rv, base, index, disp); break;
    default: emit_modrm_mem(s, OPC_MOVL_EvGv | rexw(size == MO_64), rv, base, index, disp); break;
    }
}

/* Guest address operand: sets base/index/disp for [r14 + addr]. */
static void guest_addr(X86Gen *g, TCGv addr, int *base, int *index, int32_t *disp)
{
    *base = R_GBASE;
    *disp = 0;
    if (addr == g->fold_t) { /* `add addr, a, $disp` was left to us */
        g->fold_t = TEMP_NONE;
        *index = ra_in(g, g->fold_a, ALL);
        *disp = g->fold_disp;
        return;
    }
    if (ra_is_const(g, addr)) {
        uint32_t a = (uint32_t)ra_const(g, addr);
        if (a < 0x80000000u) {
            *index = -1;
            *disp = (int32_t)a;
            return;
        }
        *index = ra_alloc(g, ALL);
        emit_movi(g->s, false, *index, a, true);
        return;
    }
    int r = ra_in(g, addr, ALL);
    if (addr == g->zx_t) { /* (addr32_add: a 32-bit lea made it) */
        g->zx_t = TEMP_NONE;
    } else if (ra_temp(g, addr)->type == TCG_I64) {
        int t = ra_alloc(g, ALL);
        emit_zext32(g->s, t, r);
        r = t;
    }
    *index = r;
}

/* ---- Alignment checks (MO_ALIGN, MO_ALIGN_4) ------------------------------------
   After the address is formed:  test addr32, mask ; jnz stub  (a not-taken
   branch on the aligned path; nothing at all without the flag).  The stub,
   emitted after the TB's last op, pushes every host register (the check's
   register state: nothing ran since) and calls tcg_unaligned_access(env,
   addr, host pc of the test, registers), which copies the pinned globals
   and the dirty globals of the check's fault-site record (ra_align_site,
   keyed by the test's offset) into env as the SIGSEGV path does from the
   signal context, then restores the instruction's state; the stub leaves
   the TB with 0.  So an aligned access forces no write-back either.  Stub
   space is reserved like backend-fp.c's. */

#define MAX_ALN_STUBS 64
/* 16 pushes (24); mov esi (<= 6); lea rdx (7); mov rdi; mov rcx (6); call (<= 12); sub rsp (4); mov eax; jmp (<= 12) */
#define ALN_STUB_MAX 80

typedef struct AlnStub {
    uint8_t *field;  /* the jnz rel32 field */
    uint8_t *access; /* host pc of the check (inside the instruction's record) */
    int reg;         /* register holding the 32-bit address, or -1: addr */
    uint32_t addr;
} AlnStub;

static AlnStub aln_stubs[MAX_ALN_STUBS];
static int nb_aln_stubs;
static ptrdiff_t aln_reserved;

static void emit_aln_body(TCGContext *s, const AlnStub *st)
{
    /* [rsp + 8 * r] = host register r (16 pushes keep rsp 16-byte aligned). */
    for (int r = 15; r >= 0; r--) {
        emit_opc(s, OPC_PUSH + (r & 7), 0, r, -1);
    }
    if (st->reg >= 0) {
        emit_mov_rr(s, false, R_SI, st->reg);
    } else {
        emit_movi(s, false, R_SI, st->addr, true);
    }
    /* lea rdx, [rip + disp32]: position independent (the persistent cache
       copies TBs anywhere) */
    int32_t d = (int32_t)(st->access - (s->code_ptr + 7));
    emit8(s, 0x48);
    emit8(s, OPC_LEA);
    emit8(s, 0x15);
    emit32(s, (uint32_t)d);
    emit_mov_rr(s, true, R_DI, R_ENV);
    emit_mov_rr(s, true, R_CX, R_SP);
    emit_call_abs(s, (const void *)tcg_unaligned_access);
    /* sub rsp, -128 */
    emit8(s, 0x48);
    emit8(s, 0x83);
    emit8(s, 0xec);
    emit8(s, 0x80);
    emit_movi(s, false, R_AX, 0, true);
    emit_jmp_epilogue(s);
}

/* The check for a guest access at [r14 + index + disp] (guest_addr). */
static void emit_align_check(X86Gen *g, unsigned memop, int index, int32_t disp)
{
    TCGContext *s = g->s;
    uint32_t mask = memop_align_mask(memop);
    if (!mask) {
        return;
    }
    AlnStub st = { NULL, s->code_ptr, index, (uint32_t)disp };
    if (index < 0 && !((uint32_t)disp & mask)) {
        return; /* a constant, aligned address */
    }
    ra_align_site(g); /* where the dirty globals are if the check fails */
    if (index < 0) {
        st.field = emit_jmp_rel32(s, -1);
    } else {
        /* guest_addr leaves disp 0 whenever it uses an index register */
        emit_modrm(s, OPC_GRP3, EXT3_TEST, index);
        emit32(s, mask);
        st.field = emit_jmp_rel32(s, 0x5); /* jnz */
    }
    if (nb_aln_stubs < MAX_ALN_STUBS && s->code_end - s->code_ptr > 4096 + ALN_STUB_MAX) {
        aln_stubs[nb_aln_stubs++] = st;
        s->code_end -= ALN_STUB_MAX;
        aln_reserved += ALN_STUB_MAX;
        return;
    }
    /* No room for one more stub: right here, behind a jmp. */
    uint8_t *skip = emit_jmp_rel32(s, -1);
    patch_rel32(st.field, s->code_ptr);
    emit_aln_body(s, &st);
    patch_rel32(skip, s->code_ptr);
}

static void aln_tb_start(TCGContext *s)
{
    s->code_end += aln_reserved; /* a failed earlier attempt */
    aln_reserved = 0;
    nb_aln_stubs = 0;
}

static void aln_tb_end(TCGContext *s)
{
    s->code_end += aln_reserved;
    aln_reserved = 0;
    for (int i = 0; i < nb_aln_stubs; i++) {
        uint8_t *start = s->code_ptr;
        patch_rel32(aln_stubs[i].field, s->code_ptr);
        emit_aln_body(s, &aln_stubs[i]);
        if (s->code_ptr - start > ALN_STUB_MAX) {
            be_fatal("alignment stub larger than reserved", NULL);
        }
    }
    nb_aln_stubs = 0;
}

/* ---- Compares ---------------------------------------------------------------- */

typedef struct CmpArgs {
    int ra, rb;     /* rb < 0: immediate; ra < 0: the dword at env + moff */
    int32_t imm, moff;
    TCGCond cond;
} CmpArgs;

/* Load the operands of a compare (before anything that may clobber flags). */
/* The temp a compare reads for t: x when extrl_cmp left `t = low half of
   x` to it. */
static TCGv cmp_src(X86Gen *g, TCGv t)
{
    for (int i = 0; i < g->nb_xcmp; i++) {
        if (g->xcmp_t[i] == t) {
            return g->xcmp_x[i];
        }
    }
    return t;
}

static void cmp_prepare(X86Gen *g, bool w, int ai, int bi, TCGCond cond, CmpArgs *c)
{
    TCGv a = cmp_src(g, A(g, ai)), b = cmp_src(g, A(g, bi));
    if (ra_is_const(g, a) && !ra_is_const(g, b)) {
        TCGv t = a;
        a = b;
        b = t;
        cond = tcg_swap_cond(cond);
    }
    c->cond = cond;
    c->ra = ra_in(g, a, ALL);
    if (const_imm(g, b, w, &c->imm)) {
        c->rb = -1;
    } else {
        c->rb = ra_in(g, b, ALL);
    }
}

/* The host flags are those of `cmp ra, rb` (rb < 0: `cmp ra, imm`), from
   a sub (note_sub_flags) with nothing since that writes the flags or those
   registers. */
static bool flags_match(const X86Gen *g, bool w, int ra, int rb, int32_t imm)
{
    return g->flags_end == g->s->code_ptr && g->flags_sub_a >= 0 && g->flags_sub_a == ra && g->flags_w == w &&
           (rb >= 0 ? rb == g->flags_sub_b : g->flags_sub_b < 0 && imm == g->flags_sub_imm);
}

/* An instruction that leaves the host flags as they were and writes only
   register r was just emitted (flags_end was the code before it): the
   flags still describe what they did if r is none of their registers. */
static void flags_kept(X86Gen *g, uint8_t *before, int r)
{
    if (g->flags_end != before) {
        return;
    }
    if (r == g->flags_sub_a || r == g->flags_sub_b) {
        g->flags_end = NULL;
        return;
    }
    if (r == g->flags_reg) {
        g->flags_reg = -1; /* (ZF no longer describes it) */
    }
    g->flags_end = g->s->code_ptr;
}

/* Emit the compare; returns the x86 condition code. */
int x86_cond_code(TCGCond c) { return x86_cc[c]; }

static int cmp_emit(X86Gen *g, bool w, const CmpArgs *c)
{
    if (c->rb < 0 && c->imm == 0 && (c->cond == TCG_COND_EQ || c->cond == TCG_COND_NE) && c->ra >= 0 &&
        g->flags_end == g->s->code_ptr && g->flags_reg == c->ra && g->flags_w == w) {
        return x86_cc[c->cond]; /* ZF is still the previous op's, of this register */
    }
    if (flags_match(g, w, c->ra, c->rb, c->imm)) {
        return x86_cc[c->cond]; /* an earlier sub compared the same registers */
    }
    if (c->ra < 0) {
        emit_modrm_mem(g->s, fits_i8(c->imm) ? OPC_ARITH_EvIb : OPC_ARITH_EvIz, ARITH_CMP, R_ENV, -1, c->moff);
        if (fits_i8(c->imm)) {
            emit8(g->s, (uint8_t)c->imm);
        } else {
            emit32(g->s, (uint32_t)c->imm);
        }
    } else if (c->rb >= 0) {
        emit_arith_rr(g->s, ARITH_CMP, w, c->ra, c->rb);
    } else if (c->imm == 0) {
        emit_modrm(g->s, OPC_TESTL | rexw(w), c->ra, c->ra); /* same flags as cmp r, 0 */
    } else {
        emit_arith_ri(g->s, ARITH_CMP, w, c->ra, c->imm);
    }
    return x86_cc[c->cond];
}

/* ---- Op emitters --------------------------------------------------------------- */

static void op_mov(X86Gen *g)
{
    /* mov t, t (liveness coalescing makes it of `mov T, G; mov G, T` when
       the optimizer has not removed the copy): nothing to do.  Freeing the
       "dying" input would drop the value, a known constant not yet stored. */
    if (A(g, 0) == A(g, 1)) {
        return;
    }
    /* mov t, $c: remember the constant; it is stored as an immediate when
       (and if) memory needs it. */
    if (ra_is_const(g, A(g, 1)) && ra_set_const(g, A(g, 0), ra_const(g, A(g, 1)))) {
        ra_free_dead_inputs(g);
        return;
    }
    TCGTemp *out = ra_temp(g, A(g, 0));
    /* A copy of a value in a register writes no other register and keeps
       the host flags (flags_kept; ra_scratch_copy may spill: a store). */
    uint8_t *before = g->s->code_ptr;
    bool in_reg = ra_temp(g, A(g, 1))->val_loc == VAL_REG;
    if (out->pinned) {
        /* Straight into the pinned register (no scratch copy). */
        int rs = ra_in(g, A(g, 1), ALL);
        if (rs != out->reg) {
            emit_mov_rr(g->s, W(g), out->reg, rs);
        }
        if (in_reg) {
            flags_kept(g, before, out->reg);
        }
        finish_out(g, out->reg);
        return;
    }
    int r = ra_scratch_copy(g, A(g, 1), 1, ALL);
    if (in_reg) {
        flags_kept(g, before, r);
    }
    finish_out(g, r);
}

/* r = a <arith> const v at width w (materializing v when it is no imm32). */
static void arith_const(X86Gen *g, int arith, int r, uint64_t v, bool w)
{
    if (!w || fits_i32((int64_t)v)) {
        emit_arith_ri(g->s, arith, w, r, (int32_t)v);
    } else {
        int t = ra_alloc(g, ALL);
        emit_movi(g->s, true, t, v, true);
        emit_arith_rr(g->s, arith, w, r, t);
    }
}

/* The instruction just emitted set ZF from register r's w-bit value
   (add, sub, and, or, xor). */
static void note_flags(X86Gen *g, int r, bool w)
{
    g->flags_end = g->s->code_ptr;
    g->flags_reg = (int8_t)r;
    g->flags_w = w;
    g->flags_sub_a = -1;
}

/* ... by `sub r, rb` (rb < 0: `sub r, imm`) on a copy of the value of
   temp a, if a still is in a register other than r. */
static void note_sub_flags(X86Gen *g, int r, bool w, TCGv a, int rb, int32_t imm)
{
    note_flags(g, r, w);
    const TCGTemp *ta = ra_temp(g, a);
    if (ta->val_loc == VAL_REG && ta->reg != r) {
        g->flags_sub_a = (int8_t)ta->reg;
        g->flags_sub_b = (int8_t)rb;
        g->flags_sub_imm = imm;
    }
}

/* The register for the result of a lea (which reads its inputs before it
   writes its output): the output's own when that is a pinned global (no
   copy home after the op), else a new one. */
static int lea_out(X86Gen *g)
{
    const TCGTemp *out = ra_temp(g, A(g, 0));
    if (out->pinned && out->val_loc == VAL_REG) {
        g->locked |= RMASK(out->reg);
        return out->reg;
    }
    return ra_alloc(g, ALL);
}

static void op_arith(X86Gen *g, int arith, bool commutative)
{
    bool w = W(g);
    int ai = 1, bi = 2;
    /* Constant second; `o = a op o` computes in o's register. */
    if (commutative && ((ra_is_const(g, A(g, 1)) && !ra_is_const(g, A(g, 2))) ||
                        (A(g, 0) == A(g, 2) && A(g, 1) != A(g, 2) && !ra_is_const(g, A(g, 1))))) {
        ai = 2;
        bi = 1;
    }
    TCGv a = A(g, ai), b = A(g, bi);
    bool a_reusable = ra_dies(g, ai) || A(g, 0) == a || ra_is_const(g, a);
    if (ra_is_const(g, b)) {
        uint64_t v = ra_const(g, b);
        if (!w) {
            v = (uint32_t)v;
        }
        uint64_t ones = w ? ~0ull : 0xffffffffull;
        if ((v == 0 && arith != ARITH_AND) || (v == ones && arith == ARITH_AND)) {
            finish_out(g, ra_scratch_copy(g, a, ai, ALL));
            return;
        }
        if (arith == ARITH_AND && (v == 0xff || v == 0xffff || v == 0xffffffff)) {
            int ra, r = unary_regs(g, ai, &ra);
            if (v == 0xffffffff) {
                emit_zext32(g->s, r, ra);
            } else {
                emit_ext(g->s, v == 0xff ? OPC_MOVZBL : OPC_MOVZWL, false, r, ra);
            }
            finish_out(g, r);
            return;
        }
        if ((arith == ARITH_ADD || arith == ARITH_SUB) && !a_reusable) {
            int64_t d = (int64_t)(arith == ARITH_ADD ? v : 0 - v);
            if (!w) {
                d = (int32_t)(uint32_t)d;
            }
            if (fits_i32(d)) {
                int ra = ra_in(g, a, ALL);
                int r = lea_out(g);
                emit_modrm_mem(g->s, OPC_LEA | rexw(w), r, ra, -1, (int32_t)d);
                finish_out(g, r);
                return;
            }
        }
        int r = ra_scratch_copy(g, a, ai, ALL);
        arith_const(g, arith, r, v, w);
        if (arith == ARITH_SUB && (!w || fits_i32((int64_t)v))) {
            note_sub_flags(g, r, w, a, -1, (int32_t)v);
        } else {
            note_flags(g, r, w);
        }
        finish_out(g, r);
        return;
    }
    int rb = ra_in(g, b, ALL);
    if (arith == ARITH_ADD && !a_reusable) {
        int ra = ra_in(g, a, ALL);
        int r = lea_out(g);
        emit_modrm_mem(g->s, OPC_LEA | rexw(w), r, ra, rb, 0);
        finish_out(g, r);
        return;
    }
    int r = ra_scratch_copy(g, a, ai, ALL);
    emit_arith_rr(g->s, arith, w, r, rb);
    if (arith == ARITH_SUB && rb != r) {
        note_sub_flags(g, r, w, a, rb, 0);
    } else {
        note_flags(g, r, w);
    }
    finish_out(g, r);
}

/* Displacement folding.  `add t, a, $c; qemu_ld/st ..., t` with t dying at
   the access becomes one access [r14 + a + c]: no lea.  For a + c >= 2^32
   (a guest address that wraps) the host address lands in the 64 KiB guard
   above the window (core/guest-mem.c) instead of at the wrapped low address,
   and for a negative c (as a signed 32-bit value) with a + c < 0 in the
   64 KiB guard below it, so c is limited to -0xffff..0xffff (not 0) and the
   fault handler turns a guard fault back into the wrapped guest address
   (linux-user/signal.c: and when that page is mapped, it runs the
   instruction again alone, unfolded: tcg_no_fold).  Frames and structures
   are full of negative displacements: i386's [ebp - 0x3c], push
   (`mov [esp - 4], v` then `sub esp, 4`), ARM's [rn, #-4].  Not for MO_ALIGN accesses (their check reads the address
   register), nor when a dies at the add, nor when t is the stored value. */
bool tcg_no_fold;

static bool fold_address(X86Gen *g)
{
    const TCGContext *s = g->s;
    const TCGOp *op = g->op, *nx = op + 1;
    if (tcg_no_fold || op->type != TCG_I32 || nx >= s->ops + s->nb_ops ||
        (nx->opc != INDEX_op_qemu_ld && nx->opc != INDEX_op_qemu_st)) {
        return false;
    }
    TCGv t = A(g, 0), a = A(g, 1), c = A(g, 2);
    const TCGTemp *tt = &s->temps[t], *ct = &s->temps[c];
    /* a must still hold its value at the access: not dead at the add,
       unless it is t itself (`add t, t, $c`: t keeps the old value, which
       is what the access adds c to). */
    uint32_t cv = (uint32_t)ct->val;
    if (tt->kind != TEMP_NORMAL || ct->kind != TEMP_CONST || cv == 0 || (cv >= 0x10000 && cv <= 0xffff0000u) ||
        s->temps[a].kind == TEMP_CONST || (t != a && (op->life & (1u << 1)))) {
        return false;
    }
    /* (args: value or result, address, memop; the address dies here) */
    if ((TCGv)nx->args[1] != t || !(nx->life & (1u << 1)) || (TCGv)nx->args[0] == t ||
        ((unsigned)nx->args[2] & (MO_ALIGN | MO_ALIGN_4))) {
        return false;
    }
    g->fold_t = t;
    g->fold_a = a;
    g->fold_disp = (int32_t)ct->val;
    return true;
}

/* Scaled index.  `shl t, x, $c` (c = 1..3) with t dying at an `add o, a,
   t` right after it (a not a constant, no fault-only recipe there) becomes
   one `lea o, [a + x * 2^c]` at the add: ARM's [rn, rm, lsl #2] and add
   with a shifted operand, i386's scaled index, PowerPC's slwi then add.
   The wrap is the same (the lea is as wide as the ops). */
static bool scale_index(X86Gen *g, int c)
{
    const TCGContext *s = g->s;
    const TCGOp *op = g->op, *nx = op + 1;
    if (c < 1 || c > 3 || nx >= s->ops + s->nb_ops || nx->opc != INDEX_op_add || nx->type != op->type ||
        (nx->life & LIFE_LAZY)) {
        return false;
    }
    TCGv t = A(g, 0), x = A(g, 1);
    const TCGTemp *tt = &s->temps[t];
    int ti = (TCGv)nx->args[1] == t ? 1 : 2;
    TCGv a = (TCGv)nx->args[3 - ti];
    if (tt->kind != TEMP_NORMAL || x == t || (TCGv)nx->args[ti] != t || a == t || !(nx->life & (1u << ti)) ||
        s->temps[a].kind == TEMP_CONST || s->temps[x].kind == TEMP_CONST) {
        return false;
    }
    g->scale_t = t;
    g->scale_x = x;
    g->scale_sh = (uint8_t)c;
    g->scale_x_dies = (op->life & (1u << 1)) != 0;
    return true;
}

/* A 64-bit guest address.  `add t, a, b` (I64) whose t only the guest
   access right after it reads as its address (SPARC's [rs1 + simm13] and
   [rs1 + rs2]: 64-bit registers, 32-bit addresses) is one 32-bit
   `lea t32, [a + b]`: the access needs the sum's low 32 bits zero-extended,
   which that lea gives (wrapping as the guest's address does), instead of
   a 64-bit sum and a `mov t32, t32` before the access.  t's upper half is
   never read. */
static bool addr32_add(X86Gen *g)
{
    const TCGContext *s = g->s;
    const TCGOp *op = g->op, *nx = op + 1;
    if (op->type != TCG_I64 || (op->life & LIFE_LAZY) || nx >= s->ops + s->nb_ops ||
        (nx->opc != INDEX_op_qemu_ld && nx->opc != INDEX_op_qemu_st)) {
        return false;
    }
    TCGv t = A(g, 0), a = A(g, 1), b = A(g, 2);
    if (s->temps[t].kind != TEMP_NORMAL || (TCGv)nx->args[1] != t || !(nx->life & (1u << 1)) ||
        (TCGv)nx->args[0] == t) {
        return false;
    }
    if (ra_is_const(g, a)) {
        TCGv c = a;
        a = b;
        b = c;
    }
    if (ra_is_const(g, a)) {
        return false;
    }
    int ra = ra_in(g, a, ALL), rb = -1;
    int32_t disp = 0;
    if (ra_is_const(g, b)) {
        disp = (int32_t)(uint32_t)ra_const(g, b); /* (only the low 32 bits count) */
    } else {
        rb = ra_in(g, b, ALL);
    }
    int r = ra_alloc(g, ALL);
    emit_modrm_mem(g->s, OPC_LEA, r, ra, rb, disp);
    finish_out(g, r);
    g->zx_t = t;
    return true;
}

static void emit_modrm_idx(TCGContext *s, int opc, int r, int base, int index, int shift, int32_t disp);

static void op_add(X86Gen *g)
{
    if (g->scale_t != TEMP_NONE) {
        /* (scale_index: this add reads the shl's t) */
        TCGv x = g->scale_x;
        int ai = A(g, 1) == g->scale_t ? 2 : 1;
        g->scale_t = TEMP_NONE;
        int rx = ra_in(g, x, ALL);
        int ra = ra_in(g, A(g, ai), ALL);
        int r = lea_out(g);
        emit_modrm_idx(g->s, OPC_LEA | rexw(W(g)), r, ra, rx, g->scale_sh, 0);
        if (g->scale_x_dies && x != A(g, 0)) {
            ra_free_temp(g, x); /* (it died at the shl) */
        }
        finish_out(g, r);
        return;
    }
    if (fold_address(g)) {
        return; /* the access right after computes it */
    }
    if (addr32_add(g)) {
        return;
    }
    op_arith(g, ARITH_ADD, true);
}
static void op_sub(X86Gen *g) { op_arith(g, ARITH_SUB, false); }
static void op_and(X86Gen *g) { op_arith(g, ARITH_AND, true); }
static void op_or(X86Gen *g) { op_arith(g, ARITH_OR, true); }
static void op_xor(X86Gen *g) { op_arith(g, ARITH_XOR, true); }

static void op_andc(X86Gen *g)
{
    bool w = W(g);
    TCGv b = A(g, 2);
    if (ra_is_const(g, b)) {
        int r = ra_scratch_copy(g, A(g, 1), 1, ALL);
        uint64_t nv = ~ra_const(g, b);
        arith_const(g, ARITH_AND, r, w ? nv : (uint32_t)nv, w);
        finish_out(g, r);
        return;
    }
    int rb = ra_in(g, b, ALL);
    if (x86_have_bmi1) {
        int ra, r = unary_regs(g, 1, &ra);
        emit_vex_rr(g->s, 2, 0, w, 0xf2, r, rb, ra); /* andn r, rb, ra: ~rb & ra */
        finish_out(g, r);
        return;
    }
    int t = ra_alloc(g, ALL);
    emit_mov_rr(g->s, true, t, rb);
    emit_modrm(g->s, OPC_GRP3 | rexw(w), EXT3_NOT, t);
    int r = ra_scratch_copy(g, A(g, 1), 1, ALL);
    emit_arith_rr(g->s, ARITH_AND, w, r, t);
    finish_out(g, r);
}

static void op_mul(X86Gen *g)
{
    bool w = W(g);
    int ai = 1, bi = 2;
    if ((ra_is_const(g, A(g, 1)) && !ra_is_const(g, A(g, 2))) ||
        (A(g, 0) == A(g, 2) && A(g, 1) != A(g, 2) && !ra_is_const(g, A(g, 1)))) {
        ai = 2;
        bi = 1;
    }
    int32_t imm;
    if (const_imm(g, A(g, bi), w, &imm)) {
        int ra, r = unary_regs(g, ai, &ra);
        if (fits_i8(imm)) {
            emit_modrm(g->s, OPC_IMUL_GvEvIb | rexw(w), r, ra);
            emit8(g->s, (uint8_t)imm);
        } else {
            emit_modrm(g->s, OPC_IMUL_GvEvIz | rexw(w), r, ra);
            emit32(g->s, (uint32_t)imm);
        }
        finish_out(g, r);
        return;
    }
    int rb = ra_in(g, A(g, bi), ALL);
    int r = ra_scratch_copy(g, A(g, ai), ai, ALL);
    emit_modrm(g->s, OPC_IMUL_GvEv | rexw(w), r, rb);
    finish_out(g, r);
}

static void op_grp3(X86Gen *g, int ext)
{
    int r = ra_scratch_copy(g, A(g, 1), 1, ALL);
    emit_modrm(g->s, OPC_GRP3 | rexw(W(g)), ext, r);
    finish_out(g, r);
}
static void op_neg(X86Gen *g) { op_grp3(g, EXT3_NEG); }
static void op_not(X86Gen *g) { op_grp3(g, EXT3_NOT); }

static void op_shift(X86Gen *g, int shift)
{
    if (g->sh16_step == 1) {
        g->sh16_step = 2; /* (shift16: the deposit right after does it) */
        return;
    }
    bool w = W(g);
    TCGv b = A(g, 2);
    int width = w ? 64 : 32;
    if (ra_is_const(g, b)) {
        int c = (int)(ra_const(g, b) & (unsigned)(width - 1));
        if (c != 0 && x86_have_bmi2 && (shift == SHIFT_ROL || shift == SHIFT_ROR)) {
            /* rorx: three operands, no flags */
            int ra, r = unary_regs(g, 1, &ra);
            emit_vex_rr(g->s, 3, 3, w, 0xf0, r, 0, ra);
            emit8(g->s, (uint8_t)(shift == SHIFT_ROR ? c : width - c));
            finish_out(g, r);
            return;
        }
        if (shift == SHIFT_SHL && scale_index(g, c)) {
            return; /* the add right after computes it */
        }
        int r = ra_scratch_copy(g, A(g, 1), 1, ALL);
        if (c != 0) {
            emit_shift_ri(g->s, shift, w, r, c);
        }
        finish_out(g, r);
        return;
    }
    if (x86_have_bmi2 && (shift == SHIFT_SHL || shift == SHIFT_SHR || shift == SHIFT_SAR)) {
        /* shlx/shrx/sarx r, a, b: any registers, count masked like shl */
        int rb = ra_in(g, b, ALL);
        int ra, r = unary_regs(g, 1, &ra);
        int pp = shift == SHIFT_SHL ? 1 : shift == SHIFT_SAR ? 2 : 3;
        emit_vex_rr(g->s, 2, pp, w, 0xf7, r, rb, ra);
        finish_out(g, r);
        return;
    }
    ra_in_fixed(g, b, R_CX);
    int r = ra_scratch_copy(g, A(g, 1), 1, ALL & ~RMASK(R_CX));
    emit_modrm(g->s, OPC_SHIFT_cl | rexw(w), shift, r);
    finish_out(g, r);
}
static void op_shl(X86Gen *g) { op_shift(g, SHIFT_SHL); }
static void op_shr(X86Gen *g) { op_shift(g, SHIFT_SHR); }
static void op_sar(X86Gen *g) { op_shift(g, SHIFT_SAR); }
static void op_rotl(X86Gen *g) { op_shift(g, SHIFT_ROL); }
static void op_rotr(X86Gen *g) { op_shift(g, SHIFT_ROR); }

static void op_count_zeros(X86Gen *g, bool leading)
{
    bool w = W(g);
    int width = w ? 64 : 32;
    if ((leading && x86_have_lzcnt) || (!leading && x86_have_bmi1)) {
        int ra, r = unary_regs(g, 1, &ra);
        emit_modrm(g->s, (leading ? OPC_LZCNT : OPC_TZCNT) | rexw(w), r, ra);
        finish_out(g, r);
        return;
    }
    /* bsr/bsf leave ZF set (and the result undefined) for a zero input. */
    int ra, r = unary_regs(g, 1, &ra);
    int t = ra_alloc(g, ALL);
    emit_movi(g->s, false, t, leading ? 2 * width - 1 : width, false);
    emit_modrm(g->s, (leading ? OPC_BSR : OPC_BSF) | rexw(w), r, ra);
    emit_modrm(g->s, (OPC_CMOVCC + 0x4) | rexw(w), r, t);
    if (leading) {
        emit_arith_ri(g->s, ARITH_XOR, w, r, width - 1); /* bit index -> count */
    }
    finish_out(g, r);
}
static void op_clz(X86Gen *g) { op_count_zeros(g, true); }
static void op_ctz(X86Gen *g) { op_count_zeros(g, false); }

static void op_bswap16(X86Gen *g)
{
    int ra, r = unary_regs(g, 1, &ra);
    emit_ext(g->s, OPC_MOVZWL, false, r, ra);
    emit_rol16_8(g->s, r);
    finish_out(g, r);
}

static void op_bswap32(X86Gen *g)
{
    int ra, r = unary_regs(g, 1, &ra);
    if (r != ra || W(g)) {
        emit_zext32(g->s, r, ra);
    }
    emit_bswap_size(g->s, MO_32, r);
    finish_out(g, r);
}

static void op_bswap64(X86Gen *g)
{
    int r = ra_scratch_copy(g, A(g, 1), 1, ALL);
    emit_bswap_size(g->s, MO_64, r);
    finish_out(g, r);
}

static void op_ext_common(X86Gen *g, int opc, bool w)
{
    int ra, r = unary_regs(g, 1, &ra);
    emit_ext(g->s, opc, w, r, ra);
    finish_out(g, r);
}
/* A 16-bit shift of a register in place.  `ext16u t, x; shr t2, t, $c;
   deposit x, x, t2, 0, 16` (ext16s with sar, either with shl; c = 1..15;
   t dying at the shift, t2 at the deposit, x not a constant) is one
   `shr x16, c`: i386's shifts of a 16-bit register (crc >>= 1 on a
   uint16_t), which went through movzx, shr and a partial-register move
   (three dependent instructions for one).  The two ops emit nothing and
   the deposit shifts the low word of x's register (the upper half as it
   was: the deposit's). */
static const TCGOp *next_op(const TCGContext *s, const TCGOp *op)
{
    const TCGOp *end = s->ops + s->nb_ops;
    do {
        op++;
    } while (op < end && op->opc == INDEX_op_nop);
    return op < end ? op : NULL;
}

static bool shift16(X86Gen *g, bool sign)
{
    const TCGContext *s = g->s;
    const TCGOp *op = g->op, *n1 = next_op(s, op), *n2 = n1 ? next_op(s, n1) : NULL;
    if (op->type != TCG_I32 || !n2 || n1->type != TCG_I32 || n2->type != TCG_I32 ||
        n2->opc != INDEX_op_deposit || (n1->life & LIFE_LAZY)) {
        return false;
    }
    int shift = n1->opc == INDEX_op_shl ? SHIFT_SHL
                : n1->opc == INDEX_op_shr && !sign ? SHIFT_SHR
                : n1->opc == INDEX_op_sar && sign ? SHIFT_SAR
                                                  : -1;
    TCGv t = A(g, 0), x = A(g, 1);
    if (shift < 0 || s->temps[t].kind != TEMP_NORMAL || t == x || s->temps[x].kind == TEMP_CONST) {
        return false;
    }
    /* (shift: t2, t, count; deposit: out, base, value, pos, len) */
    TCGv t2 = (TCGv)n1->args[0], cnt = (TCGv)n1->args[2];
    const TCGTemp *ct = &s->temps[cnt];
    if ((TCGv)n1->args[1] != t || cnt == t || !(n1->life & (1u << 1)) || ct->kind != TEMP_CONST || ct->val < 1 ||
        ct->val > 15 || s->temps[t2].kind != TEMP_NORMAL || t2 == t || t2 == x) {
        return false;
    }
    if ((TCGv)n2->args[0] != x || (TCGv)n2->args[1] != x || (TCGv)n2->args[2] != t2 || n2->args[3] != 0 ||
        n2->args[4] != 16 || !(n2->life & (1u << 2))) {
        return false;
    }
    g->sh16_step = 1;
    g->sh16_shift = (uint8_t)shift;
    g->sh16_c = (uint8_t)ct->val;
    return true;
}

static void op_ext8s(X86Gen *g) { op_ext_common(g, OPC_MOVSBL, W(g)); }
static void op_ext8u(X86Gen *g) { op_ext_common(g, OPC_MOVZBL, false); }
static void op_ext16s(X86Gen *g)
{
    if (!shift16(g, true)) {
        op_ext_common(g, OPC_MOVSWL, W(g));
    }
}
static void op_ext16u(X86Gen *g)
{
    if (!shift16(g, false)) {
        op_ext_common(g, OPC_MOVZWL, false);
    }
}
static void op_ext32s(X86Gen *g) { op_ext_common(g, OPC_MOVSLQ, false); }

static void op_ext32u(X86Gen *g)
{
    int ra, r = unary_regs(g, 1, &ra);
    emit_zext32(g->s, r, ra);
    finish_out(g, r);
}

/* I32 values are zero-extended in registers already: a plain move. */
static void op_extu_i32_i64(X86Gen *g) { op_mov(g); }
static void op_exts_i32_i64(X86Gen *g) { op_ext32s(g); }
/* `extrl_i64_i32 t, x` whose t only a brcond_i32 right after it reads
   (one more extrl, or its folded form `mov u, $c`, may come between: both
   operands of a 32-bit compare of I64 values, as SPARC's icc conditions
   are) emits nothing: the compare
   reads x's register, whose low half a 32-bit cmp or test looks at.  x
   must stay live past the extrl (its register is read at the brcond), or
   be pinned (its register keeps it until something writes it). */
static bool extrl_cmp(X86Gen *g)
{
    const TCGContext *s = g->s;
    const TCGOp *op = g->op;
    TCGv t = A(g, 0), x = A(g, 1);
    if (s->temps[t].kind != TEMP_NORMAL || s->temps[x].kind == TEMP_CONST || t == x ||
        ((op->life & (1u << 1)) && !s->temps[x].pinned) || g->nb_xcmp >= 2) {
        return false;
    }
    for (int j = 1; j <= 3; j++) {
        const TCGOp *n = op + j;
        if (n >= s->ops + s->nb_ops) {
            return false;
        }
        if (n->opc == INDEX_op_nop) {
            continue;
        }
        if (n->opc == INDEX_op_extrl_i64_i32 ||
            (n->opc == INDEX_op_mov && s->temps[n->args[1]].kind == TEMP_CONST)) {
            /* (the other operand; a constant one, `extrl` folded to a mov) */
            if ((TCGv)n->args[0] == x || (TCGv)n->args[0] == t || s->temps[n->args[0]].kind != TEMP_NORMAL) {
                return false;
            }
            continue;
        }
        if (n->opc != INDEX_op_brcond || n->type != TCG_I32) {
            return false;
        }
        int k = (TCGv)n->args[0] == t ? 0 : (TCGv)n->args[1] == t ? 1 : -1;
        if (k < 0 || (TCGv)n->args[1 - k] == t || !(n->life & (1u << k))) {
            return false;
        }
        g->xcmp_t[g->nb_xcmp] = t;
        g->xcmp_x[g->nb_xcmp++] = x;
        return true;
    }
    return false;
}

static void op_extrl_i64_i32(X86Gen *g)
{
    if (!extrl_cmp(g)) {
        op_ext32u(g);
    }
}

static void op_extrh_i64_i32(X86Gen *g)
{
    int r = ra_scratch_copy(g, A(g, 1), 1, ALL);
    emit_shift_ri(g->s, SHIFT_SHR, true, r, 32);
    finish_out(g, r);
}

static void op_concat_i32_i64(X86Gen *g)
{
    TCGv lo = A(g, 1);
    int rlo = ra_is_const(g, lo) ? -1 : ra_in(g, lo, ALL);
    /* Never take over hi's register when it also holds lo. */
    int r = ra_scratch_copy(g, A(g, 2), A(g, 2) == lo ? -1 : 2, ALL);
    emit_shift_ri(g->s, SHIFT_SHL, true, r, 32);
    if (rlo >= 0) {
        emit_arith_rr(g->s, ARITH_OR, true, r, rlo);
    } else if ((uint32_t)ra_const(g, lo) != 0) {
        arith_const(g, ARITH_OR, r, (uint32_t)ra_const(g, lo), true);
    }
    finish_out(g, r);
}

static void op_extract(X86Gen *g)
{
    bool w = W(g);
    int width = w ? 64 : 32;
    int pos = (int)g->op->args[2], len = (int)g->op->args[3];
    if (pos == 0 && (len == 8 || len == 16)) {
        op_ext_common(g, len == 8 ? OPC_MOVZBL : OPC_MOVZWL, false);
        return;
    }
    if (pos == 0 && len == 32 && w) {
        op_ext32u(g);
        return;
    }
    int r = ra_scratch_copy(g, A(g, 1), 1, ALL);
    if (pos + len == width) {
        if (pos) {
            emit_shift_ri(g->s, SHIFT_SHR, w, r, pos);
        }
    } else if (pos + len == 32) {
        /* bits 31..pos of an I64 (SPARC's srl): a 32-bit shift clears the
           upper half */
        emit_shift_ri(g->s, SHIFT_SHR, false, r, pos);
    } else if (len <= 31) {
        if (pos) {
            emit_shift_ri(g->s, SHIFT_SHR, w, r, pos);
        }
        emit_arith_ri(g->s, ARITH_AND, false, r, (int32_t)((1u << len) - 1));
    } else if (len == 32) {
        emit_shift_ri(g->s, SHIFT_SHR, true, r, pos);
        emit_zext32(g->s, r, r);
    } else {
        emit_shift_ri(g->s, SHIFT_SHL, true, r, width - pos - len);
        emit_shift_ri(g->s, SHIFT_SHR, true, r, width - len);
    }
    finish_out(g, r);
}

static void op_sextract(X86Gen *g)
{
    bool w = W(g);
    int width = w ? 64 : 32;
    int pos = (int)g->op->args[2], len = (int)g->op->args[3];
    if (pos == 0 && (len == 8 || len == 16)) {
        op_ext_common(g, len == 8 ? OPC_MOVSBL : OPC_MOVSWL, w);
        return;
    }
    if (pos == 0 && len == 32 && w) {
        op_ext32s(g);
        return;
    }
    if (w && pos + len == 32) {
        /* bits 31..pos of an I64, sign-extended (SPARC's sra): movsxd, sar */
        int ra, r = unary_regs(g, 1, &ra);
        emit_ext(g->s, OPC_MOVSLQ, false, r, ra);
        emit_shift_ri(g->s, SHIFT_SAR, true, r, pos);
        finish_out(g, r);
        return;
    }
    int r = ra_scratch_copy(g, A(g, 1), 1, ALL);
    if (width - pos - len) {
        emit_shift_ri(g->s, SHIFT_SHL, w, r, width - pos - len);
    }
    if (width - len) {
        emit_shift_ri(g->s, SHIFT_SAR, w, r, width - len);
    }
    finish_out(g, r);
}

static void op_deposit(X86Gen *g)
{
    bool w = W(g);
    int width = w ? 64 : 32;
    int pos = (int)g->op->args[3], len = (int)g->op->args[4];
    uint64_t ones = w ? ~0ull : 0xffffffffull;
    uint64_t mask = len >= 64 ? ~0ull : (1ull << len) - 1;
    uint64_t field = (mask << pos) & ones;
    TCGv b = A(g, 2);
    if (g->sh16_step == 2) {
        /* (shift16: b is the shifted low word of A(g, 1), never computed) */
        g->sh16_step = 0;
        int r = ra_scratch_copy(g, A(g, 1), 1, ALL);
        emit_modrm(g->s, OPC_SHIFT_Ib | P_DATA16, g->sh16_shift, r);
        emit8(g->s, g->sh16_c);
        finish_out(g, r);
        return;
    }
    if (len >= width) {
        finish_out(g, ra_scratch_copy(g, b, 2, ALL));
        return;
    }
    if (ra_is_const(g, b)) {
        uint64_t bv = ((ra_const(g, b) & mask) << pos) & ones;
        int r = ra_scratch_copy(g, A(g, 1), 1, ALL);
        arith_const(g, ARITH_AND, r, ~field & ones, w);
        if (bv) {
            arith_const(g, ARITH_OR, r, bv, w);
        }
        finish_out(g, r);
        return;
    }
    int rb = ra_in(g, b, ALL);
    if (!w && pos == 0 && (len == 8 || len == 16)) {
        /* The low byte or word: one partial-register move (the upper bits of
           r, zero-extended I32, stay as they are). */
        int r = ra_scratch_copy(g, A(g, 1), 1, ALL);
        emit_modrm(g->s, len == 16 ? 0x89 | P_DATA16 : 0x88 | P_REXB_R | P_REXB_RM, rb, r);
        finish_out(g, r);
        return;
    }
    int t = ra_alloc(g, ALL);
    if (len <= 31) {
        emit_mov_rr(g->s, true, t, rb);
        emit_arith_ri(g->s, ARITH_AND, false, t, (int32_t)mask);
        if (pos) {
            emit_shift_ri(g->s, SHIFT_SHL, w, t, pos);
        }
    } else {
        emit_mov_rr(g->s, true, t, rb);
        emit_shift_ri(g->s, SHIFT_SHL, w, t, width - len);
        if (width - len - pos) {
            emit_shift_ri(g->s, SHIFT_SHR, w, t, width - len - pos);
        }
    }
    int r = ra_scratch_copy(g, A(g, 1), 1, ALL);
    arith_const(g, ARITH_AND, r, ~field & ones, w);
    emit_arith_rr(g->s, ARITH_OR, w, r, t);
    finish_out(g, r);
}

static void op_setcond(X86Gen *g)
{
    bool w = W(g);
    TCGCond cond = (TCGCond)g->op->args[3];
    if (cond == TCG_COND_ALWAYS || cond == TCG_COND_NEVER) {
        int r = ra_alloc(g, ALL);
        emit_movi(g->s, false, r, cond == TCG_COND_ALWAYS, true);
        finish_out(g, r);
        return;
    }
    CmpArgs c;
    cmp_prepare(g, w, 1, 2, cond, &c);
    int r = ra_alloc(g, ALL); /* distinct from the compared registers */
    if (flags_match(g, w, c.ra, c.rb, c.imm)) { /* (an earlier sub compared them) */
        uint8_t *before = g->s->code_ptr;
        emit_modrm(g->s, OPC_SETCC + x86_cc[c.cond], 0, r);
        emit_ext(g->s, OPC_MOVZBL, false, r, r);
        flags_kept(g, before, r);
        finish_out(g, r);
        return;
    }
    emit_movi(g->s, false, r, 0, true); /* xor r, r: before the compare */
    int cc = cmp_emit(g, w, &c);
    emit_modrm(g->s, OPC_SETCC + cc, 0, r);
    finish_out(g, r);
}

/* subv/addv: xor r, r; (cmp a, b | mov t, a; add t, b); seto r8; shl r, 31. */
static void op_ovf(X86Gen *g)
{
    int ra = ra_in(g, A(g, 1), ALL); /* (a constant a is loaded: rare) */
    int32_t imm = 0;
    int rb = const_imm(g, A(g, 2), false, &imm) ? -1 : ra_in(g, A(g, 2), ALL);
    int r = ra_alloc(g, ALL); /* distinct from the operands */
    if (g->op->opc == INDEX_op_subv && flags_match(g, false, ra, rb, imm)) { /* (an earlier sub) */
        emit_modrm(g->s, OPC_SETCC + 0 /* o */, 0, r);
        emit_ext(g->s, OPC_MOVZBL, false, r, r);
        emit_shift_ri(g->s, SHIFT_SHL, false, r, 31);
        finish_out(g, r);
        return;
    }
    emit_movi(g->s, false, r, 0, true);
    int d = ra;
    int arith = ARITH_CMP;
    if (g->op->opc == INDEX_op_addv) {
        d = ra_alloc(g, ALL);
        emit_mov_rr(g->s, false, d, ra);
        arith = ARITH_ADD;
    }
    if (rb >= 0) {
        emit_arith_rr(g->s, arith, false, d, rb);
    } else {
        emit_arith_ri(g->s, arith, false, d, imm);
    }
    emit_modrm(g->s, OPC_SETCC + 0 /* o */, 0, r);
    emit_shift_ri(g->s, SHIFT_SHL, false, r, 31);
    finish_out(g, r);
}

static void op_movcond(X86Gen *g)
{
    bool w = W(g);
    TCGCond cond = (TCGCond)g->op->args[5];
    if (cond == TCG_COND_ALWAYS || cond == TCG_COND_NEVER) {
        int vi = cond == TCG_COND_ALWAYS ? 3 : 4;
        finish_out(g, ra_scratch_copy(g, A(g, vi), vi, ALL));
        return;
    }
    CmpArgs c;
    cmp_prepare(g, w, 1, 2, cond, &c);
    int rv1 = ra_in(g, A(g, 3), ALL);
    int r = ra_scratch_copy(g, A(g, 4), 4, ALL);
    int cc = cmp_emit(g, w, &c);
    emit_modrm(g->s, (OPC_CMOVCC + cc) | rexw(w), r, rv1);
    finish_out(g, r);
}

static void op_mul2(X86Gen *g, int ext)
{
    bool w = W(g);
    TCGv a = A(g, 2), b = A(g, 3);
    ra_evict(g, R_DX);
    g->locked |= RMASK(R_DX);
    int rb = ra_in(g, b, ALL & ~RMASK(R_AX) & ~RMASK(R_DX));
    TCGTemp *ta = ra_temp(g, a);
    if (ta->val_loc == VAL_REG && ta->reg == R_AX && ra_dies(g, 2)) {
        ra_scratch_copy(g, a, 2, RMASK(R_AX));
    } else {
        ra_evict(g, R_AX);
        g->locked |= RMASK(R_AX);
        ra_load_into(g, a, R_AX);
    }
    emit_modrm(g->s, OPC_GRP3 | rexw(w), ext, rb);
    ra_free_dead_inputs(g);
    ra_bind_out(g, A(g, 0), R_AX);
    ra_bind_out(g, A(g, 1), R_DX);
    ra_free_dead_outputs(g);
}
static void op_mulu2(X86Gen *g) { op_mul2(g, EXT3_MUL); }
static void op_muls2(X86Gen *g) { op_mul2(g, EXT3_IMUL); }

/* A load's destination: a pinned global's own register (the load reads
   its address first and, should it fault, leaves the register as it was),
   else a free one. */
static int load_dest(X86Gen *g)
{
    TCGTemp *out = ra_temp(g, A(g, 0));
    if (out->pinned && out->val_loc == VAL_REG) {
        g->locked |= RMASK(out->reg);
        return out->reg;
    }
    return ra_alloc(g, ALL);
}

/* `ld_env t, off, u32/s32; brcond t, $c` with t dying there (a hot
   region block's exit-request check): no load, the brcond compares the
   dword in env with c (cmp dword [rbp + off], c). */
static bool ld_env_cmp(X86Gen *g)
{
    const TCGOp *op = g->op, *nx = op + 1;
    const TCGContext *s = g->s;
    if (op->type != TCG_I32 || ((unsigned)op->args[2] & MO_SIZE) != MO_32 || nx >= s->ops + s->nb_ops ||
        nx->opc != INDEX_op_brcond || nx->type != TCG_I32 || nx->args[0] != op->args[0] ||
        nx->args[1] == op->args[0] || !(nx->life & 1) || s->temps[op->args[0]].kind != TEMP_NORMAL ||
        s->temps[nx->args[1]].kind != TEMP_CONST) {
        return false;
    }
    g->ldcmp_t = (TCGv)op->args[0];
    g->ldcmp_off = (int32_t)op->args[1];
    return true;
}

static void op_ld_env(X86Gen *g)
{
    if (ld_env_cmp(g)) {
        return;
    }
    int r = load_dest(g);
    emit_load(g->s, W(g), (unsigned)g->op->args[2], r, R_ENV, -1, (int32_t)g->op->args[1]);
    finish_out(g, r);
}

static void op_st_env(X86Gen *g)
{
    emit_store(g, (unsigned)g->op->args[2] & ~MO_BSWAP, A(g, 0), R_ENV, -1, (int32_t)g->op->args[1]);
    ra_free_dead_inputs(g);
}

static void op_qemu_ld(X86Gen *g)
{
    ra_prepare_access(g, (unsigned)g->op->args[2]);
    int base, index;
    int32_t disp;
    guest_addr(g, A(g, 1), &base, &index, &disp);
    emit_align_check(g, (unsigned)g->op->args[2], index, disp);
    int r = load_dest(g);
    ra_fault_site(g); /* the load's first instruction is the one that faults */
    emit_load(g->s, W(g), (unsigned)g->op->args[2], r, base, index, disp);
    finish_out(g, r);
}

static void op_qemu_st(X86Gen *g)
{
    ra_prepare_access(g, (unsigned)g->op->args[2]);
    int base, index;
    int32_t disp;
    guest_addr(g, A(g, 1), &base, &index, &disp);
    emit_align_check(g, (unsigned)g->op->args[2], index, disp);
    emit_store(g, (unsigned)g->op->args[2], A(g, 0), base, index, disp);
    ra_free_dead_inputs(g);
    ra_free_dead_outputs(g);
}

static void op_cmpxchg(X86Gen *g)
{
    TCGContext *s = g->s;
    bool w = W(g);
    unsigned memop = (unsigned)g->op->args[4], size = memop & MO_SIZE;
    bool swap = (memop & MO_BSWAP) && size != MO_8;
    ra_sync_for_fault(g);
    ra_evict(g, R_AX);
    g->locked |= RMASK(R_AX);
    int base, index;
    int32_t disp;
    guest_addr(g, A(g, 1), &base, &index, &disp);
    emit_align_check(g, memop, index, disp);
    int rn = ra_in(g, A(g, 3), ALL & ~RMASK(R_AX));
    if (swap) {
        int t = ra_alloc(g, ALL);
        emit_mov_rr(s, true, t, rn);
        if (size == MO_16) {
            emit_ext(s, OPC_MOVZWL, false, t, t);
        }
        emit_bswap_size(s, size, t);
        rn = t;
    }
    ra_load_into(g, A(g, 2), R_AX);
    if (swap) {
        if (size == MO_16) {
            emit_ext(s, OPC_MOVZWL, false, R_AX, R_AX);
        }
        emit_bswap_size(s, size, R_AX);
    }
    int opc = size == MO_8 ? OPC_CMPXCHGB : OPC_CMPXCHG;
    opc |= P_LOCK | (size == MO_16 ? P_DATA16 : 0) | rexw(size == MO_64);
    emit_modrm_mem(s, opc, rn, base, index, disp);
    /* rax = old value (on success the compare value, which had the same low bytes). */
    if (size != MO_64) {
        emit_extend(s, size, false, true, R_AX);
    }
    if (swap) {
        emit_bswap_size(s, size, R_AX);
    }
    if (memop & MO_SIGN) {
        emit_extend(s, size, true, w, R_AX);
    }
    if (!w && size == MO_64) {
        emit_zext32(s, R_AX, R_AX);
    }
    finish_out(g, R_AX);
}

/* The opcode bytes of a tcg_simd_insn: [pfx] 0f [38 | 3a] opc. */
static void emit_simd_opcode(TCGContext *s, uint64_t insn)
{
    if (insn & 0xff) {
        emit8(s, (uint8_t)insn);
    }
    emit8(s, 0x0f);
    unsigned map = (unsigned)(insn >> 8) & 3;
    if (map) {
        emit8(s, map == TCG_SIMD_0F38 ? 0x38 : 0x3a);
    }
    emit8(s, (uint8_t)(insn >> 16));
}

/* host_simd: movdqu xmm0, [env + d]; movdqu xmm1, [env + s] (unless s = d);
   [pfx] 0f [38 | 3a] opc xmm0, xmm1 [imm8]; movdqu [env + d], xmm0 (or,
   for a compare, pushfq; pop [env + flags slot]).
   xmm0 and xmm1 are scratch (backend-fp.c caches in xmm2..). */
static void op_host_simd(X86Gen *g)
{
    TCGContext *s = g->s;
    uint64_t insn = g->op->args[0];
    int32_t d = (int32_t)g->op->args[1], src = (int32_t)g->op->args[2];
    emit_modrm_mem(s, 0x6f | P_EXT | P_F3, 0, R_ENV, -1, d); /* movdqu xmm0, m128 */
    if (src != d) {
        emit_modrm_mem(s, 0x6f | P_EXT | P_F3, 1, R_ENV, -1, src);
    }
    emit_simd_opcode(s, insn);
    emit8(s, src != d ? 0xc1 : 0xc0); /* xmm0, xmm1 (or xmm0, xmm0) */
    if (insn & (1ull << 32)) {
        emit8(s, (uint8_t)(insn >> 24));
    }
    if (insn & (1ull << 33)) { /* a compare: its flags, not xmm0 */
        emit8(s, 0x9c);                                                  /* pushfq */
        emit_modrm_mem(s, 0x8f, 0, R_ENV, -1, (int32_t)(insn >> 40)); /* pop m64 */
        return;
    }
    emit_modrm_mem(s, 0x7f | P_EXT | P_F3, 0, R_ENV, -1, d); /* movdqu m128, xmm0 */
}

/* host_vec: the globals overlapping the slots are written back first (and
   those overlapping the destination forgotten after); then
   movdqu/movq xmm0, [env + n]; movdqu/movq xmm1, [env + m] (unless m = n
   or a group op); [pfx] 0f [38 | 3a] opc xmm0, xmm1 [imm8];
   movdqu/movq [env + d], xmm0. */
static void op_host_vec(X86Gen *g)
{
    TCGContext *s = g->s;
    uint64_t insn = g->op->args[0];
    int32_t d = (int32_t)g->op->args[1], n = (int32_t)g->op->args[2], m = (int32_t)g->op->args[3];
    bool src64 = insn & TCG_VEC_SRC64, dst64 = insn & TCG_VEC_DST64, group = insn & (1ull << 36);
    int sl = src64 ? 8 : 16, dl = dst64 ? 8 : 16;
    ra_sync_mem_range(g, n, sl);
    if (!group) {
        ra_sync_mem_range(g, m, sl);
    }
    ra_sync_mem_range(g, d, dl); /* a partly covered global keeps its other bytes */
    /* movq xmm, m64 (f3 0f 7e) or movdqu xmm, m128 (f3 0f 6f) */
    int ld = (src64 ? 0x7e : 0x6f) | P_EXT | P_F3;
    emit_modrm_mem(s, ld, 0, R_ENV, -1, n);
    bool two = !group && m != n;
    if (two) {
        emit_modrm_mem(s, ld, 1, R_ENV, -1, m);
    }
    emit_simd_opcode(s, insn);
    if (group) {
        emit8(s, (uint8_t)(0xc0 | ((insn >> 37) & 7) << 3)); /* /ext, xmm0 */
    } else {
        emit8(s, two ? 0xc1 : 0xc0);
    }
    if (insn & (1ull << 32)) {
        emit8(s, (uint8_t)(insn >> 24));
    }
    /* movq m64, xmm0 (66 0f d6) or movdqu m128, xmm0 (f3 0f 7f) */
    emit_modrm_mem(s, dst64 ? (0xd6 | P_EXT | P_DATA16) : (0x7f | P_EXT | P_F3), 0, R_ENV, -1, d);
    ra_clobber_mem_range(g, d, dl);
}

static void op_mb(X86Gen *g)
{
    emit8(g->s, 0x0f);
    emit8(g->s, 0xae);
    emit8(g->s, 0xf0); /* mfence */
}

static void op_discard(X86Gen *g)
{
    ra_free_temp(g, A(g, 0));
}

static void op_nothing(X86Gen *g) { (void)g; }

static void add_fixup(X86Gen *g, uint8_t *field, uint32_t label)
{
    if (label >= TCG_MAX_LABELS) {
        be_fatal("bad label", NULL);
    }
    if (g->label_pos[label]) {
        patch_rel32(field, g->label_pos[label]);
        return;
    }
    if (g->nb_fix == g->max_fix) {
        g->max_fix = g->max_fix ? 2 * g->max_fix : 64;
        g->fix = realloc(g->fix, (size_t)g->max_fix * sizeof(*g->fix));
        if (!g->fix) {
            be_fatal("out of memory", NULL);
        }
    }
    g->fix[g->nb_fix].field = field;
    g->fix[g->nb_fix].label = label;
    g->nb_fix++;
}

/* A branch to label l leaves from the current (synced) register state. */
/* A branch to l with the fault-only flag recipes zs on its path. */
static void note_branch_lz(X86Gen *g, uint32_t l, const X86Lazy *zs, int nz)
{
    if (!(g->label_flags[l] & LABEL_BRANCHED)) {
        memcpy(g->label_regs[l], g->reg_temp, sizeof(g->reg_temp));
        g->label_flags[l] |= LABEL_BRANCHED;
        if (!g->label_pos[l]) {
            ra_lazy_branch(g, l, zs, nz, true);
        }
        return;
    }
    if (!g->label_pos[l]) { /* (a jump back: the label has decided) */
        ra_lazy_branch(g, l, zs, nz, false);
    }
    for (int r = 0; r < 16; r++) {
        if (g->label_regs[l][r] != g->reg_temp[r]) {
            g->label_regs[l][r] = TEMP_NONE;
        }
    }
}

static void note_branch(X86Gen *g, uint32_t l)
{
    note_branch_lz(g, l, NULL, 0); /* (every value in memory) */
}

static void op_set_label(X86Gen *g)
{
    uint32_t l = (uint32_t)g->op->args[0];
    if (l >= TCG_MAX_LABELS) {
        be_fatal("bad label", NULL);
    }
    uint8_t f = g->label_flags[l];
    g->flags_end = NULL; /* (branches arrive with other flags) */
    ra_lazy_label(g, l, (f & LABEL_BRANCHED) != 0, (f & LABEL_BACKWARD) != 0, g->reachable,
                  g->nb_lz ? ra_label_dead_flags(g, l) : 0);
    if (!(f & LABEL_BRANCHED) && !g->reachable) {
        g->nb_lz = 0;
    }
    ra_label_merge(g, (f & LABEL_BRANCHED) ? g->label_regs[l] : NULL, g->reachable, (f & LABEL_BACKWARD) != 0);
    g->reachable = true;
    g->label_pos[l] = g->s->code_ptr;
}

/* Branch stubs (hot regions).  A conditional branch forward to a label
   must arrive there with every value in memory (ra_label_merge), but the
   path that falls through need not: the write-backs go to a stub after the
   TB's code, `jcc stub` ... `stub: stores; jmp label`, so that the usual
   path (a region's `cmp; bne exit`, not taken) keeps dirty values in
   registers.  A taken branch pays one more jmp than inline stores would. */
typedef struct BrStub {
    uint8_t *field; /* rel32 of the jcc */
    uint32_t label;
    uint32_t off, len; /* bytes in br_bytes */
    X86Lazy lz[X86_MAX_LAZY]; /* fault-only flags on the path: those the */
    int nlz;                  /* label does not keep are computed (lazyflags.c) */
    uint16_t free;            /* registers free at the branch (scratch for them) */
} BrStub;
static BrStub *br_stubs;
static int nb_br_stubs, max_br_stubs;
static uint8_t *br_bytes;
static size_t nb_br_bytes, max_br_bytes;
static ptrdiff_t br_reserved;

static void *grow(void *p, size_t *max, size_t need, size_t elem)
{
    if (need <= *max) {
        return p;
    }
    *max = 2 * need + 64;
    p = realloc(p, *max * elem);
    if (!p) {
        be_fatal("out of memory", NULL);
    }
    return p;
}

/* Room for a stub of len store bytes plus its jmp; false: store inline. */
static bool br_stub_add(X86Gen *g, uint32_t label, const uint8_t *bytes, int len, const X86Lazy *zs, int nz)
{
    TCGContext *s = g->s;
    int lzlen = nz * LZ_MAX_CODE;
    if (s->code_end - s->code_ptr < 4096 + len + lzlen + 5) {
        return false;
    }
    size_t n = (size_t)max_br_stubs;
    br_stubs = grow(br_stubs, &n, (size_t)nb_br_stubs + 1, sizeof(*br_stubs));
    max_br_stubs = (int)n;
    br_bytes = grow(br_bytes, &max_br_bytes, nb_br_bytes + (size_t)len, 1);
    if (len) {
        memcpy(br_bytes + nb_br_bytes, bytes, (size_t)len);
    }
    BrStub *b = &br_stubs[nb_br_stubs++];
    *b = (BrStub){ NULL, label, (uint32_t)nb_br_bytes, (uint32_t)len, { { 0, 0, 0, 0, 0 } }, nz,
                   (uint16_t)(ALLOC_REGS & ~g->busy & ~g->pinned_regs) };
    memcpy(b->lz, zs, (size_t)nz * sizeof(*zs));
    nb_br_bytes += (size_t)len;
    s->code_end -= len + lzlen + 5;
    br_reserved += len + lzlen + 5;
    return true;
}

static void br_tb_start(TCGContext *s)
{
    s->code_end += br_reserved; /* a failed earlier attempt */
    br_reserved = 0;
    nb_br_stubs = 0;
    nb_br_bytes = 0;
}

static void br_tb_end(X86Gen *g)
{
    TCGContext *s = g->s;
    s->code_end += br_reserved;
    br_reserved = 0;
    for (int i = 0; i < nb_br_stubs; i++) {
        const BrStub *b = &br_stubs[i];
        if (b->len == 0 && !ra_lazy_stub_rest(g, b->label, b->lz, b->nlz, false, 0)) {
            add_fixup(g, b->field, b->label); /* nothing to do: straight to the label */
            continue;
        }
        patch_rel32(b->field, s->code_ptr);
        memcpy(s->code_ptr, br_bytes + b->off, b->len);
        s->code_ptr += b->len;
        ra_lazy_stub_rest(g, b->label, b->lz, b->nlz, true, b->free);
        add_fixup(g, emit_jmp_rel32(s, -1), b->label);
    }
}

static void op_br(X86Gen *g)
{
    uint32_t l = (uint32_t)g->op->args[0];
    if (g->nb_lz) {
        ra_lazy_drop_flags(g, ra_label_dead_flags(g, l)); /* (dead where it goes) */
    }
    /* Fault-only flags a forward label may keep go through a stub (made at
       the end of the TB, when the label has decided; br_tb_end). */
    X86Lazy zs[X86_MAX_LAZY];
    int nz = l < TCG_MAX_LABELS && g->s->region_mode && !g->label_pos[l] ? ra_lazy_keepable(g, zs) : 0;
    /* (no room left in the code buffer for the stub: ra_bb_end computes
       them here) */
    bool stub = nz && br_stub_add(g, l, NULL, 0, zs, nz);
    if (stub) {
        ra_lazy_take_keepable(g);
    }
    ra_bb_end(g);
    uint8_t *field = emit_jmp_rel32(g->s, -1);
    if (stub) {
        br_stubs[nb_br_stubs - 1].field = field;
        note_branch_lz(g, l, zs, nz);
    } else {
        if (l < TCG_MAX_LABELS) {
            note_branch(g, l);
        }
        add_fixup(g, field, l);
    }
    g->reachable = false;
}

static void op_brcond(X86Gen *g)
{
    bool w = W(g);
    TCGCond cond = (TCGCond)g->op->args[2];
    uint32_t label = (uint32_t)g->op->args[3];
    if (cond == TCG_COND_NEVER || cond == TCG_COND_ALWAYS) {
        ra_free_dead_inputs(g);
        ra_bb_end(g);
        if (cond == TCG_COND_ALWAYS && label < TCG_MAX_LABELS) {
            note_branch(g, label);
            add_fixup(g, emit_jmp_rel32(g->s, -1), label);
            g->reachable = false;
        }
        return;
    }
    CmpArgs c;
    if (g->ldcmp_t == A(g, 0)) { /* (ld_env_cmp) */
        c = (CmpArgs){ -1, -1, (int32_t)ra_const(g, A(g, 1)), g->ldcmp_off, cond };
        g->ldcmp_t = TEMP_NONE;
    } else {
        cmp_prepare(g, w, 0, 1, cond, &c);
        g->nb_xcmp = 0;
    }
    ra_free_dead_inputs(g); /* their registers stay locked and intact */
    uint8_t stores[512];
    int len = 0, nz = 0;
    X86Lazy zs[X86_MAX_LAZY];
    bool stub = false, direct = false;
    if (g->s->region_mode && label < TCG_MAX_LABELS) {
        /* The branch path computes no recipe of a flag dead at the label
           (the fall-through keeps them all). */
        X86Lazy all[X86_MAX_LAZY];
        int nall = g->nb_lz;
        memcpy(all, g->lz, (size_t)nall * sizeof(all[0]));
        if (nall) {
            ra_lazy_drop_flags(g, ra_label_dead_flags(g, label));
        }
        len = ra_bb_end_stores(g, stores, sizeof stores, (int)label);
        nz = ra_lazy_keepable(g, zs);
        memcpy(g->lz, all, (size_t)nall * sizeof(all[0]));
        g->nb_lz = nall;
        /* Nothing to store for the branch (what is dirty, if anything, is
           a flag dead at the label): straight there, the fall-through
           keeps its state. */
        direct = len == 0 && nz == 0;
        stub = !direct && len >= 0 && br_stub_add(g, label, stores, len, zs, nz);
    }
    if (!stub && !direct) {
        ra_bb_end(g); /* plain stores: the flags are set after */
        nz = 0;
    }
    if (label < TCG_MAX_LABELS) {
        note_branch_lz(g, label, zs, nz);
    }
    int cc = cmp_emit(g, w, &c);
    uint8_t *field = emit_jmp_rel32(g->s, cc);
    if (stub) {
        br_stubs[nb_br_stubs - 1].field = field;
    } else {
        add_fixup(g, field, label);
    }
}

static void op_goto_tb(X86Gen *g)
{
    TCGContext *s = g->s;
    int n = (int)g->op->args[0];
    if (n < 0 || n > 1) {
        be_fatal("goto_tb slot must be 0 or 1", NULL);
    }
    for (uint32_t kill = (uint32_t)g->op->args[1]; kill; kill &= kill - 1) {
        ra_lazy_drop(g, s->flag_temp[__builtin_ctz(kill)]); /* the target overwrites it first */
    }
    ra_sync_globals(g);
    /* Align the rel32 field to 4 bytes so tcg_patch_jump is one atomic store. */
    int pad = (int)((4 - ((uintptr_t)(s->code_ptr + 1) & 3)) & 3);
    emit_nops(s, pad);
    uint8_t *field = emit_jmp_rel32(s, -1); /* displacement 0: falls through */
    g->jmp_field[n] = (uint16_t)(field - g->start);
    g->jmp_reset[n] = (uint16_t)(field + 4 - g->start);
}

static void op_exit_tb(X86Gen *g)
{
    TCGContext *s = g->s;
    uint64_t v = g->op->args[0];
    ra_sync_globals(g);
    if (v > 3 && s->tb && (v & ~(uint64_t)3) == (uintptr_t)s->tb) {
        /* movabs rax, tb | slot: a site the persistent cache patches */
        emit8(s, 0x48);
        emit8(s, OPC_MOVL_Iv + R_AX);
        tcg_note_reloc(s, s->code_ptr, RELOC_TB_IMM64, v & 3);
        emit64(s, v);
    } else {
        if (v > 3) {
            s->pc_uncacheable = true; /* another TB's address: not ours to patch */
        }
        emit_movi(s, true, R_AX, v, true);
    }
    emit_jmp_epilogue(g->s);
    g->reachable = false;
}

/* The jump-cache probe in generated code (tcg_jump_key describes the key):
   hash pc as tb_jc_hash does, compare pc and flags with the entry (for a
   key with a cs_base, also the TB's cs_base with env's: the entry holds pc
   and flags only) and jump to the TB's code.  Clobbers rax, rcx, rdx (the TB
   ends here: every global is in memory).  Returns the rel32 fields of the
   jumps to the miss path (0 when no probe was emitted). */
static int emit_jc_probe(X86Gen *g, uint8_t *miss[5])
{
    TCGContext *s = g->s;
    const TCGJumpKey *k = &tcg_jump_key;
    _Static_assert(sizeof(((TBJumpCache *)0)->e[0]) == 16, "jump cache entry layout");
    if (k->pc_off < 0 || (s->log_mask & LOG_UNCHAINED)) {
        return 0; /* -d exec: every TB goes through the exec loop for the trace */
    }
    /* Globals still in registers (or known constants) after the sync are
       read from there rather than from env. */
    uint64_t cv = 0;
    int pr = ra_global_at(g, k->pc_off, &cv);
    if (pr >= 0) {
        emit_mov_rr(s, false, R_AX, pr);                        /* eax = pc */
    } else if (pr == -2) {
        emit_movi(s, false, R_AX, cv, true);
    } else {
        emit_ld(s, false, R_AX, R_ENV, k->pc_off);
    }
    emit_mov_rr(s, false, R_CX, R_AX);
    emit_shift_ri(s, SHIFT_SHR, false, R_CX, 1);
    emit_mov_rr(s, false, R_DX, R_AX);
    emit_shift_ri(s, SHIFT_SHR, false, R_DX, TB_JC_BITS + 1);
    emit_arith_rr(s, ARITH_XOR, false, R_CX, R_DX);
    emit_arith_ri(s, ARITH_AND, false, R_CX, TB_JC_SIZE - 1);
    emit_shift_ri(s, SHIFT_SHL, false, R_CX, 4);                /* ecx = h * 16 */
    emit_ld(s, true, R_DX, R_ENV, (int32_t)offsetof(CPUCommon, jc));
    emit_arith_rr(s, ARITH_ADD, true, R_DX, R_CX);              /* rdx = &e[h] */
    emit_modrm_mem(s, OPC_ARITH_GvEv + (ARITH_CMP << 3), R_AX, R_DX, -1, 0);
    miss[0] = emit_jmp_rel32(s, 0x5);                           /* jne: pc differs */
    uint32_t fixed = 0; /* the terms that are known constants */
    int term_reg[TCG_JUMP_KEY_TERMS];
    for (int i = 0; i < k->nb_terms && i < TCG_JUMP_KEY_TERMS; i++) {
        term_reg[i] = ra_global_at(g, k->term[i].off, &cv);
        if (term_reg[i] == -2) {
            fixed |= ((uint32_t)cv & k->term[i].mask) << k->term[i].shift;
        }
    }
    /* eax = the flags: the first term computed in eax itself when no
       constant part came before it. */
    bool have = fixed != 0;
    if (have) {
        emit_movi(s, false, R_AX, fixed, true);
    }
    for (int i = 0; i < k->nb_terms && i < TCG_JUMP_KEY_TERMS; i++) {
        int tr = term_reg[i];
        if (tr == -2) {
            continue;
        }
        int dst = have ? R_CX : R_AX;
        if (tr >= 0 && tr != R_AX && tr != R_CX && tr != R_DX) {
            emit_mov_rr(s, false, dst, tr);
        } else {
            emit_ld(s, false, dst, R_ENV, k->term[i].off);
        }
        emit_arith_ri(s, ARITH_AND, false, dst, (int32_t)k->term[i].mask);
        if (k->term[i].shift) {
            emit_shift_ri(s, SHIFT_SHL, false, dst, k->term[i].shift);
        }
        if (have) {
            emit_arith_rr(s, ARITH_OR, false, R_AX, R_CX);
        }
        have = true;
    }
    if (!have) {
        emit_movi(s, false, R_AX, 0, true);
    }
    emit_modrm_mem(s, OPC_ARITH_GvEv + (ARITH_CMP << 3), R_AX, R_DX, -1, 4);
    miss[1] = emit_jmp_rel32(s, 0x5);                           /* jne: flags differ */
    /* (an empty or invalidated entry's flags are TB_JC_EMPTY: no match) */
    emit_ld(s, true, R_DX, R_DX, 8);                            /* rdx = tb */
    int n = 2;
    if (k->cs_base_off >= 0) {
        emit_ld(s, false, R_CX, R_ENV, k->cs_base_off);
        emit_modrm_mem(s, OPC_ARITH_GvEv + (ARITH_CMP << 3), R_CX, R_DX, -1,
                       (int32_t)offsetof(TranslationBlock, cs_base));
        miss[n++] = emit_jmp_rel32(s, 0x5);                     /* jne: cs_base differs */
    }
    emit_modrm_mem(s, OPC_GRP5, EXT5_JMP, R_DX, -1, (int32_t)offsetof(TranslationBlock, code));
    return n;
}

/* ---- Return prediction (tcg/README.md, "Return prediction") ----------------
 *
 * The ring is the thread's TBJumpCache.ret (TBRetRing: key/code/cs_base
 * [TB_RET_SLOTS], top = the newest entry).  ret_push c0, c1, c2 (a call)
 * stores the return address's key and the address of this TB's return stub:
 *
 *     mov rj, [rbp + jc]
 *     mov r1d, [rj + top]; add r1d, 1; and r1d, N-1; mov [rj + top], r1d
 *     movabs r2, flags << 32 | pc;  mov [rj + r1*8 + key], r2
 *     (mov dword [rj + r1*4 + cs_base], cs_base: targets with a cs_base)
 *     lea r2, [rip + stub];         mov [rj + r1*8 + code], r2
 *
 * The stub, after the TB's code, is jump slot TB_RET_SLOT: a patchable
 * `jmp rel32` that falls through to `exit_tb(tb | 2)` until the exec loop
 * chains it to the TB it finds for the key (env holds it: the return stored
 * it and its compare matched).  lookup_and_goto(TCG_LOOKUP_RET) pops the
 * newest entry and, when env's key (the same terms as the jump-cache probe)
 * is the entry's, jumps to the entry's code; otherwise it probes the jump
 * cache as a plain lookup_and_goto.  A second ret_push in one TB (a hot
 * region with several calls) points its entry at tcg_code_exit_zero: the
 * return then goes through the exec loop (such a TB is never cached). */

/* [base + index * (1 << shift) + disp]: SIB with a scaled index. */
static void emit_modrm_idx(TCGContext *s, int opc, int r, int base, int index, int shift, int32_t disp)
{
    emit_opc(s, opc, r, base, index);
    int mod = fits_i8(disp) ? 1 : 2; /* (rbp/r13 as base always take a displacement) */
    emit8(s, (uint8_t)(mod << 6 | (r & 7) << 3 | 4));
    emit8(s, (uint8_t)(shift << 6 | (index & 7) << 3 | (base & 7)));
    if (mod == 1) {
        emit8(s, (uint8_t)disp);
    } else {
        emit32(s, (uint32_t)disp);
    }
}

#define RET_OFF(f) ((int32_t)(offsetof(TBJumpCache, ret) + offsetof(TBRetRing, f)))
#define JC_OFF ((int32_t)offsetof(CPUCommon, jc))

static void op_ret_push(X86Gen *g)
{
    TCGContext *s = g->s;
    const TCGOp *op = g->op;
    if (s->retpred_off) {
        return;
    }
    int rj = ra_alloc(g, ALL), r1 = ra_alloc(g, ALL), r2 = ra_alloc(g, ALL);
    tb_stats.ret_pushes++;
    emit_ld(s, true, rj, R_ENV, JC_OFF);
    emit_ld(s, false, r1, rj, RET_OFF(top));
    emit_arith_ri(s, ARITH_ADD, false, r1, 1);
    emit_arith_ri(s, ARITH_AND, false, r1, TB_RET_SLOTS - 1);
    emit_st(s, false, r1, rj, RET_OFF(top));
    emit_movi(s, true, r2, (uint64_t)(uint32_t)op->args[2] << 32 | (uint32_t)op->args[0], true);
    emit_modrm_idx(s, OPC_MOVL_EvGv | P_REXW, r2, rj, r1, 3, RET_OFF(key));
    if (tcg_jump_key.cs_base_off >= 0) {
        emit_modrm_idx(s, OPC_MOVL_EvIz, 0, rj, r1, 2, RET_OFF(cs_base));
        emit32(s, (uint32_t)op->args[1]);
    }
    if (!g->ret_lea) {
        emit_opc(s, OPC_LEA | P_REXW, r2, 0, -1); /* lea r2, [rip + disp32] */
        emit8(s, (uint8_t)((r2 & 7) << 3 | 5));
        g->ret_lea = s->code_ptr;
        emit32(s, 0);
    } else {
        emit_movi(s, true, r2, (uintptr_t)tcg_code_exit_zero, true);
        s->pc_uncacheable = true; /* a host address outside the TB */
    }
    emit_modrm_idx(s, OPC_MOVL_EvGv | P_REXW, r2, rj, r1, 3, RET_OFF(code));
}

/* The return stub (slot TB_RET_SLOT), after the TB's code. */
static void emit_ret_stub(X86Gen *g)
{
    TCGContext *s = g->s;
    int pad = (int)((4 - ((uintptr_t)(s->code_ptr + 1) & 3)) & 3);
    emit_nops(s, pad);
    patch_rel32(g->ret_lea, s->code_ptr);
    uint8_t *field = emit_jmp_rel32(s, -1); /* displacement 0: falls through */
    g->jmp_field[TB_RET_SLOT] = (uint16_t)(field - g->start);
    g->jmp_reset[TB_RET_SLOT] = (uint16_t)(field + 4 - g->start);
    uint64_t v = (uintptr_t)s->tb | TB_RET_SLOT;
    if (s->tb) {
        emit8(s, 0x48); /* movabs rax, tb | 2: a site the persistent cache patches */
        emit8(s, OPC_MOVL_Iv + R_AX);
        tcg_note_reloc(s, s->code_ptr, RELOC_TB_IMM64, TB_RET_SLOT);
        emit64(s, v);
    } else {
        emit_movi(s, true, R_AX, v, true);
    }
    emit_jmp_epilogue(s);
}

/* The predicted-return check of lookup_and_goto(TCG_LOOKUP_RET); jumps to
   *miss when the entry is not env's key (the entry is popped either way).
   Reads the key's globals from registers or constants when they are there
   (as the jump-cache probe does), then takes rax, rcx, rdx and rsi away
   from the allocator (the probe after it must not read globals there).
   Leaves rsi = the jump cache. */
static void emit_ret_check(X86Gen *g, uint8_t **miss, int *nmiss)
{
    TCGContext *s = g->s;
    const TCGJumpKey *k = &tcg_jump_key;
    const uint16_t clobbered = RMASK(R_AX) | RMASK(R_CX) | RMASK(R_DX) | RMASK(R_SI);
    uint64_t pcv = 0, tv[TCG_JUMP_KEY_TERMS] = { 0 };
    int pr = ra_global_at(g, k->pc_off, &pcv), tr[TCG_JUMP_KEY_TERMS];
    int nt = k->nb_terms < TCG_JUMP_KEY_TERMS ? k->nb_terms : TCG_JUMP_KEY_TERMS;
    uint32_t fixed = 0; /* the flags' constant part */
    for (int i = 0; i < nt; i++) {
        tr[i] = ra_global_at(g, k->term[i].off, &tv[i]);
        if (tr[i] == -2) {
            fixed |= ((uint32_t)tv[i] & k->term[i].mask) << k->term[i].shift;
        } else if (tr[i] >= 0 && (clobbered & RMASK(tr[i]))) {
            tr[i] = -1; /* (in env too: globals are synced) */
        }
    }
    ra_spill_regs(g, clobbered); /* values stay, bindings go */
    /* eax = pc (first: pr may be one of the registers written below) */
    if (pr >= 0) {
        emit_mov_rr(s, false, R_AX, pr);
    } else if (pr == -2) {
        emit_movi(s, false, R_AX, pcv, true);
    } else {
        emit_ld(s, false, R_AX, R_ENV, k->pc_off);
    }
    /* rcx = flags << 32 | pc */
    bool have = false;
    for (int i = 0; i < nt; i++) {
        if (tr[i] == -2) {
            continue;
        }
        int dst = have ? R_DX : R_CX;
        if (tr[i] >= 0) {
            emit_mov_rr(s, false, dst, tr[i]);
        } else {
            emit_ld(s, false, dst, R_ENV, k->term[i].off);
        }
        if (k->term[i].mask != 0xffffffffu) {
            emit_arith_ri(s, ARITH_AND, false, dst, (int32_t)k->term[i].mask);
        }
        if (k->term[i].shift) {
            emit_shift_ri(s, SHIFT_SHL, false, dst, k->term[i].shift);
        }
        if (have) {
            emit_arith_rr(s, ARITH_OR, false, R_CX, R_DX);
        }
        have = true;
    }
    if (have) {
        if (fixed) {
            emit_arith_ri(s, ARITH_OR, false, R_CX, (int32_t)fixed);
        }
        emit_shift_ri(s, SHIFT_SHL, true, R_CX, 32);
        emit_arith_rr(s, ARITH_OR, true, R_CX, R_AX);
    } else if (fixed) {
        emit_movi(s, true, R_CX, (uint64_t)fixed << 32, true);
        emit_arith_rr(s, ARITH_OR, true, R_CX, R_AX);
    } else {
        emit_mov_rr(s, false, R_CX, R_AX);
    }
    /* pop: edx = top, top = (top - 1) & (N - 1) */
    emit_ld(s, true, R_SI, R_ENV, JC_OFF);
    emit_ld(s, false, R_DX, R_SI, RET_OFF(top));
    emit_modrm_mem(s, OPC_LEA, R_AX, R_DX, -1, -1);
    emit_arith_ri(s, ARITH_AND, false, R_AX, TB_RET_SLOTS - 1);
    emit_st(s, false, R_AX, R_SI, RET_OFF(top));
    emit_modrm_idx(s, (OPC_ARITH_GvEv + (ARITH_CMP << 3)) | P_REXW, R_CX, R_SI, R_DX, 3, RET_OFF(key));
    miss[(*nmiss)++] = emit_jmp_rel32(s, 0x5); /* jne */
    if (k->cs_base_off >= 0) {
        emit_ld(s, false, R_CX, R_ENV, k->cs_base_off);
        emit_modrm_idx(s, OPC_ARITH_GvEv + (ARITH_CMP << 3), R_CX, R_SI, R_DX, 2, RET_OFF(cs_base));
        miss[(*nmiss)++] = emit_jmp_rel32(s, 0x5);
    }
    if (s->log_mask & LOG_STATS) {
        emit_modrm_mem(s, OPC_GRP5 | P_REXW, 0, R_SI, -1, RET_OFF(hits)); /* inc qword */
    }
    emit_modrm_idx(s, OPC_GRP5, EXT5_JMP, R_SI, R_DX, 3, RET_OFF(code));
}

static void op_lookup_and_goto(X86Gen *g)
{
    uint8_t *miss[5];
    ra_sync_globals(g);
    if ((g->op->args[0] & TCG_LOOKUP_RET) && tcg_jump_key.pc_off >= 0 && !(g->s->log_mask & LOG_UNCHAINED) &&
        !g->s->retpred_off) {
        uint8_t *rmiss[2];
        int nr = 0;
        tb_stats.ret_sites++;
        emit_ret_check(g, rmiss, &nr);
        for (int i = 0; i < nr; i++) {
            patch_rel32(rmiss[i], g->s->code_ptr);
        }
        if (g->s->log_mask & LOG_STATS) {
            emit_modrm_mem(g->s, OPC_GRP5 | P_REXW, 0, R_SI, -1, RET_OFF(misses));
        }
    }
    int n = emit_jc_probe(g, miss);
    for (int i = 0; i < n; i++) {
        patch_rel32(miss[i], g->s->code_ptr);
    }
    emit_mov_rr(g->s, true, R_DI, R_ENV);
    emit_call_abs(g->s, (const void *)tcg_lookup_code);
    emit_modrm(g->s, OPC_GRP5, EXT5_JMP, R_AX);
    g->reachable = false;
}

static const int8_t call_arg_regs[6] = { R_DI, R_SI, R_DX, R_CX, R_8, R_9 };

static void op_call(X86Gen *g)
{
    const TCGOp *op = g->op;
    int n = op->nargs;
    unsigned cflags = op->cflags;
    TCGContext *s = g->s;

    if (!(cflags & CALL_NO_RWG)) {
        ra_sync_globals(g);
    }
    /* Pinned globals in argument registers go to env for the call. */
    uint16_t argregs = 0;
    for (int i = 0; i < n; i++) {
        argregs |= RMASK(call_arg_regs[i]);
    }
    uint16_t released = (g->pinned_regs & argregs) ? ra_release_pins(g, argregs) : 0;
    /* Clear the argument registers of other values, then fill them. */
    g->locked |= argregs;
    for (int i = 0; i < n; i++) {
        int r = call_arg_regs[i];
        if (g->reg_temp[r] != TEMP_NONE && g->reg_temp[r] != op->args[1 + i]) {
            ra_evict(g, r);
        }
    }
    for (int i = 0; i < n; i++) {
        int r = call_arg_regs[i];
        if (g->reg_temp[r] != op->args[1 + i]) {
            ra_load_into(g, (TCGv)op->args[1 + i], r);
        }
    }
    ra_free_dead_inputs(g);
    /* Whatever is left in call-clobbered registers goes to memory. */
    g->locked = 0;
    ra_spill_regs(g, CALLER_SAVED);
    bool writes_globals = !(cflags & (CALL_NO_RWG | CALL_NO_WG));
    if (writes_globals) {
        ra_forget_globals(g); /* the helper may change any of them */
    }
    emit_call_abs(s, (const void *)(uintptr_t)op->args[7]);
    ra_after_call(g, writes_globals, released);
    TCGv ret = (TCGv)op->args[0];
    if (ret != TEMP_NONE) {
        if (ra_temp(g, ret)->type == TCG_I32) {
            emit_zext32(s, R_AX, R_AX); /* upper half of rax is undefined */
        }
        ra_bind_out(g, ret, R_AX);
        ra_free_dead_outputs(g);
    }
}

typedef void EmitFn(X86Gen *g);
static EmitFn *const emitters[NB_OPS] = {
    [INDEX_op_nop] = op_nothing,
    [INDEX_op_insn_start] = op_nothing,
    [INDEX_op_discard] = op_discard,
    [INDEX_op_mov] = op_mov,
    [INDEX_op_ld_env] = op_ld_env,
    [INDEX_op_st_env] = op_st_env,
    [INDEX_op_qemu_ld] = op_qemu_ld,
    [INDEX_op_qemu_st] = op_qemu_st,
    [INDEX_op_cmpxchg] = op_cmpxchg,
    [INDEX_op_mb] = op_mb,
    [INDEX_op_host_simd] = op_host_simd,
    [INDEX_op_host_vec] = op_host_vec,
    [INDEX_op_add] = op_add,
    [INDEX_op_sub] = op_sub,
    [INDEX_op_mul] = op_mul,
    [INDEX_op_and] = op_and,
    [INDEX_op_or] = op_or,
    [INDEX_op_xor] = op_xor,
    [INDEX_op_andc] = op_andc,
    [INDEX_op_neg] = op_neg,
    [INDEX_op_not] = op_not,
    [INDEX_op_shl] = op_shl,
    [INDEX_op_shr] = op_shr,
    [INDEX_op_sar] = op_sar,
    [INDEX_op_rotl] = op_rotl,
    [INDEX_op_rotr] = op_rotr,
    [INDEX_op_clz] = op_clz,
    [INDEX_op_ctz] = op_ctz,
    [INDEX_op_bswap16] = op_bswap16,
    [INDEX_op_bswap32] = op_bswap32,
    [INDEX_op_bswap64] = op_bswap64,
    [INDEX_op_ext8s] = op_ext8s,
    [INDEX_op_ext8u] = op_ext8u,
    [INDEX_op_ext16s] = op_ext16s,
    [INDEX_op_ext16u] = op_ext16u,
    [INDEX_op_ext32s] = op_ext32s,
    [INDEX_op_ext32u] = op_ext32u,
    [INDEX_op_extract] = op_extract,
    [INDEX_op_sextract] = op_sextract,
    [INDEX_op_deposit] = op_deposit,
    [INDEX_op_setcond] = op_setcond,
    [INDEX_op_subv] = op_ovf,
    [INDEX_op_addv] = op_ovf,
    [INDEX_op_movcond] = op_movcond,
    [INDEX_op_mulu2] = op_mulu2,
    [INDEX_op_muls2] = op_muls2,
    [INDEX_op_extu_i32_i64] = op_extu_i32_i64,
    [INDEX_op_exts_i32_i64] = op_exts_i32_i64,
    [INDEX_op_extrl_i64_i32] = op_extrl_i64_i32,
    [INDEX_op_extrh_i64_i32] = op_extrh_i64_i32,
    [INDEX_op_concat_i32_i64] = op_concat_i32_i64,
    [INDEX_op_set_label] = op_set_label,
    [INDEX_op_br] = op_br,
    [INDEX_op_brcond] = op_brcond,
    [INDEX_op_call] = op_call,
    [INDEX_op_goto_tb] = op_goto_tb,
    [INDEX_op_exit_tb] = op_exit_tb,
    [INDEX_op_lookup_and_goto] = op_lookup_and_goto,
    [INDEX_op_ret_push] = op_ret_push,
    [INDEX_op_fp_guarded] = x86_op_fp_guarded, /* backend-fp.c */
};

/* An fp_guarded op was emitted in this TB: before the first one
   backend-fp.c's xmm cache is empty (x86_fp_tb_start clears it), so the
   per-op bookkeeping can be skipped -- most TBs have no floating point. */
static bool tb_fp_seen;

void x86_emit_op(X86Gen *g, const TCGOp *op)
{
    EmitFn *fn = op->opc < NB_OPS ? emitters[op->opc] : NULL;
    if (!fn) {
        be_fatal("no emitter for op", op->opc < NB_OPS ? tcg_op_defs[op->opc].name : "?");
    }
    g->op = op;
    g->locked = 0;
    if (g->nb_lz) {
        ra_lazy_before_op(g, op);
    }
    if ((op->life & LIFE_LAZY) && ra_lazy_op(g)) {
        return;
    }
    if (op->opc == INDEX_op_fp_guarded) {
        tb_fp_seen = true;
    } else if (tb_fp_seen) {
        x86_fp_note_op(op); /* backend-fp.c's xmm cache */
    }
    fn(g);
    for (int i = 0; i < g->nb_lz_after; i++) {
        ra_lazy_drop(g, g->lz_after[i]); /* (ra_lazy_before_op) */
    }
    g->nb_lz_after = 0;
    g->locked = 0;
    if (g->pinned_regs) {
        ra_fix_pins(g);
    }
}

void x86_tb_start(X86Gen *g)
{
    TCGContext *s = g->s;
    g->fold_t = TEMP_NONE;
    g->zx_t = TEMP_NONE;
    g->scale_t = TEMP_NONE;
    g->sh16_step = 0;
    g->ldcmp_t = TEMP_NONE;
    g->nb_xcmp = 0;
    g->flags_end = NULL;
    g->nb_lz_after = 0;
    x86_fp_tb_start(g);
    aln_tb_start(s);
    br_tb_start(s);
    tb_fp_seen = false;
    /* Only the labels this TB uses: per-TB cost follows the TB's size. */
    size_t nl = (size_t)s->nb_labels;
    memset(g->label_pos, 0, nl * sizeof(g->label_pos[0]));
    memset(g->label_flags, 0, nl * sizeof(g->label_flags[0]));
    g->nb_fix = 0;
    g->reachable = true;
    /* Labels targeted by backward branches merge with a state not known yet. */
    if (s->label_info_valid) { /* the optimizer's label scan */
        for (size_t l = 0; l < nl; l++) {
            g->label_flags[l] = s->label_backward[l] ? LABEL_BACKWARD : 0;
        }
        nl = 0; /* no scan below */
    }
    for (int i = 0; nl && i < s->nb_ops; i++) { /* most TBs have no label */
        const TCGOp *op = &s->ops[i];
        uint64_t l = nl;
        if (op->opc == INDEX_op_set_label && op->args[0] < nl) {
            g->label_flags[op->args[0]] |= LABEL_BRANCHED; /* "seen" during this scan */
        } else if (op->opc == INDEX_op_br) {
            l = op->args[0];
        } else if (op->opc == INDEX_op_brcond) {
            l = op->args[3];
        }
        if (l < nl && (g->label_flags[l] & LABEL_BRANCHED)) {
            g->label_flags[l] |= LABEL_BACKWARD;
        }
    }
    for (size_t l = 0; l < nl; l++) {
        g->label_flags[l] &= (uint8_t)~LABEL_BRANCHED;
    }
    for (int n = 0; n < TB_JMP_SLOTS; n++) {
        g->jmp_field[n] = g->jmp_reset[n] = 0xffff;
    }
    g->ret_lea = NULL;
    /* cmp dword [rbp + 0], 0; jne exit stub */
    emit_modrm_mem(s, OPC_ARITH_EvIb, ARITH_CMP, R_ENV, -1, 0);
    emit8(s, 0);
    g->exit_check_field = emit_jmp_rel32(s, 0x5);
    ra_load_pins(g);
}

bool x86_tb_end(X86Gen *g)
{
    TCGContext *s = g->s;
    x86_fp_tb_end(g); /* fp_guarded stubs */
    aln_tb_end(s);
    br_tb_end(g);
    if (g->ret_lea) {
        emit_ret_stub(g);
    }
    for (int i = 0; i < g->nb_fix; i++) {
        uint8_t *pos = g->label_pos[g->fix[i].label];
        if (!pos) {
            fprintf(stderr, "mimic: x86 backend: branch to label %u that is never set\n", g->fix[i].label);
            return false;
        }
        patch_rel32(g->fix[i].field, pos);
    }
    /* Exit-request stub: store the TB's pc (a chained goto_tb into this TB
       did not) and return 0 to the exec loop. */
    patch_rel32(g->exit_check_field, s->code_ptr);
    if (s->entry_pc_off >= 0 && s->tb) {
        emit_modrm_mem(s, OPC_MOVL_EvIz, 0, R_ENV, -1, s->entry_pc_off);
        emit32(s, s->tb->pc);
    }
    if (s->entry_cs_base_off >= 0 && s->tb) {
        emit_modrm_mem(s, OPC_MOVL_EvIz, 0, R_ENV, -1, s->entry_cs_base_off);
        emit32(s, s->tb->cs_base);
    }
    emit_movi(s, false, R_AX, 0, true);
    emit_jmp_epilogue(s);
    return true;
}

/* ---- Prologue, epilogue and services ------------------------------------------ */

static const int8_t saved_regs[] = { R_BP, R_BX, R_12, R_13, R_14, R_15 };

/* From the features glibc detected at process start (<sys/platform/x86.h>,
   glibc >= 2.33): under virtualization every CPUID instruction is a trap
   costing microseconds, so start-up should not execute more of them. */
static void detect_cpu(void)
{
    x86_have_movbe = CPU_FEATURE_ACTIVE(MOVBE);
    x86_have_lzcnt = CPU_FEATURE_ACTIVE(LZCNT);
    x86_have_bmi1 = CPU_FEATURE_ACTIVE(BMI1);
    x86_have_bmi2 = CPU_FEATURE_ACTIVE(BMI2);
}

void tcg_backend_init(void)
{
    static COLD_BSS TCGContext pctx; /* only code_ptr is used by the encoder */
    if (exec_entry) {
        return;
    }
    detect_cpu();
    size_t size = 4096;
    uint8_t *buf = mmap(NULL, size, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (buf == MAP_FAILED) {
        be_fatal("cannot map the prologue", NULL);
    }
    TCGContext *s = &pctx;
    s->code_ptr = buf;

    /* Epilogue: free the frame, restore callee-saved registers, return rax. */
    epilogue = s->code_ptr;
    emit_modrm(s, OPC_ARITH_EvIz | P_REXW, ARITH_ADD, R_SP);
    emit32(s, FRAME_SIZE);
    for (int i = (int)sizeof(saved_regs) - 1; i >= 0; i--) {
        emit_opc(s, OPC_POP + (saved_regs[i] & 7), 0, saved_regs[i], -1);
    }
    emit8(s, OPC_RET);

    /* Exit-zero: target of lookup_and_goto misses. */
    s->code_ptr = (uint8_t *)(((uintptr_t)s->code_ptr + 15) & ~(uintptr_t)15);
    tcg_code_exit_zero = s->code_ptr;
    emit_movi(s, false, R_AX, 0, true);
    emit_jmp_epilogue(s);

    /* Prologue: tcg_exec_code(env = rdi, code = rsi). */
    s->code_ptr = (uint8_t *)(((uintptr_t)s->code_ptr + 15) & ~(uintptr_t)15);
    exec_entry = (uintptr_t (*)(void *, const void *))(void *)s->code_ptr;
    for (unsigned i = 0; i < sizeof(saved_regs); i++) {
        emit_opc(s, OPC_PUSH + (saved_regs[i] & 7), 0, saved_regs[i], -1);
    }
    emit_mov_rr(s, true, R_ENV, R_DI);
    emit_movi(s, true, R_AX, (uintptr_t)&guest_base, true);
    emit_ld(s, true, R_GBASE, R_AX, 0);
    emit_modrm(s, OPC_ARITH_EvIz | P_REXW, ARITH_SUB, R_SP);
    emit32(s, FRAME_SIZE);
    emit_movi(s, true, R_AX, (uintptr_t)epilogue, true);
    emit_st(s, true, R_AX, R_SP, FRAME_EPI_OFF);
    emit_modrm(s, OPC_GRP5, EXT5_JMP, R_SI);
    __builtin___clear_cache((char *)buf, (char *)s->code_ptr);
}

/* For the persistent cache's RELOC_EPI_REL32 sites (tcg/pcache.c). */
const void *tcg_epilogue_addr(void) { return epilogue; }

uintptr_t tcg_exec_code(void *env, const void *code)
{
    return exec_entry(env, code);
}

void tcg_patch_jump(uintptr_t jmp_field, uintptr_t target)
{
    int64_t d = (int64_t)target - (int64_t)(jmp_field + 4);
    if (!fits_i32(d) || (jmp_field & 3)) {
        be_fatal("goto_tb target out of rel32 range or unaligned field", NULL);
    }
    __atomic_store_n((int32_t *)jmp_field, (int32_t)d, __ATOMIC_RELEASE);
}

static const int8_t greg_of[16] = {
    [R_AX] = REG_RAX, [R_CX] = REG_RCX, [R_DX] = REG_RDX, [R_BX] = REG_RBX,
    [R_SP] = REG_RSP, [R_BP] = REG_RBP, [R_SI] = REG_RSI, [R_DI] = REG_RDI,
    [R_8] = REG_R8, [R_9] = REG_R9, [R_10] = REG_R10, [R_11] = REG_R11,
    [R_12] = REG_R12, [R_13] = REG_R13, [R_14] = REG_R14, [R_15] = REG_R15,
};

static void reg_to_env(const uint64_t *regs, int reg, bool w64, void *env, unsigned off)
{
    uint64_t v = regs[reg & 15];
    uint8_t *p = (uint8_t *)env + off;
    if (w64) {
        memcpy(p, &v, 8);
    } else {
        uint32_t w = (uint32_t)v;
        memcpy(p, &w, 4);
    }
}

/* Fault-site records (format: regalloc.c ra_fault_site): a register entry
   is 3 bytes, a recipe (lazyflags.c) 6 to 14: each operand a register (1),
   0xfe and an env offset (3), or 0xff and a constant (5). */
static size_t site_entry_len(const uint8_t *e)
{
    if (e[0] != X86_SITE_RECIPE) {
        return 3;
    }
    size_t n = 4;
    for (int k = 0; k < 2; k++) {
        n += e[n] == 0xff ? 5 : e[n] == 0xfe ? 3 : 1;
    }
    return n;
}

static const uint8_t *site_skip(const uint8_t *p)
{
    const uint8_t *e = p + 5;
    for (int i = 0; i < p[4]; i++) {
        e += site_entry_len(e);
    }
    return e;
}

size_t tcg_sites_len(const uint8_t *p)
{
    const uint8_t *start = p;
    for (;;) {
        uint32_t off;
        memcpy(&off, p, 4);
        if (off == UINT32_MAX) {
            return (size_t)(p + 4 - start);
        }
        p = site_skip(p);
    }
}

static bool site_reg_ok(int reg)
{
    return reg != R_SP && reg != R_BP && reg != R_14;
}

bool tcg_sites_ok(const uint8_t *p, size_t len, uint32_t code_size, bool (*global_ok)(unsigned off, bool w64))
{
    const uint8_t *end = p + len;
    uint64_t prev = 0;
    bool first = true;
    for (;;) {
        uint32_t off;
        if (end - p < 4) {
            return false;
        }
        memcpy(&off, p, 4);
        if (off == UINT32_MAX) {
            return p + 4 == end;
        }
        if (end - p < 5 || off >= code_size || (!first && off <= prev) || p[4] == 0 || p[4] > 16 + X86_MAX_LAZY) {
            return false;
        }
        const uint8_t *e = p + 5;
        for (int i = 0; i < p[4]; i++) {
            if (end - e < 3) {
                return false;
            }
            if (e[0] == X86_SITE_RECIPE) {
                size_t n = tcg_recipe_len(e, (size_t)(end - e), site_reg_ok, global_ok);
                if (!n || !global_ok((unsigned)(e[1] | e[2] << 8), false)) {
                    return false;
                }
                e += n;
                continue;
            }
            int reg = e[0] & 15;
            if ((e[0] & 0x70) || !site_reg_ok(reg) || !global_ok((unsigned)(e[1] | e[2] << 8), (e[0] & 0x80) != 0)) {
                return false;
            }
            e += 3;
        }
        prev = off;
        first = false;
        p = e;
    }
}

/* A host fault in generated code: the pinned globals of the TB (hot
   regions) are in host registers, not yet in env (ra_sync_for_fault), and
   so are the dirty globals the fault-site table lists for the faulting
   instruction (ra_fault_site). */
void tcg_restore_regs(const TranslationBlock *tb, void *env, const uint64_t *regs, uint32_t at)
{
    for (int i = 0; i < tb->nb_pins; i++) {
        reg_to_env(regs, tb->pin_reg[i], (tb->pin_w64 & (1u << i)) != 0, env, tb->pin_off[i]);
    }
    if (!tb->site_off) {
        return;
    }
    for (const uint8_t *p = tb->code + tb->site_off;;) {
        uint32_t off;
        memcpy(&off, p, 4);
        if (off == UINT32_MAX || off > at) {
            return; /* (records are in code order) */
        }
        if (off == at) {
            const uint8_t *e = p + 5;
            for (int i = 0; i < p[4]; i++) {
                if (e[0] == X86_SITE_RECIPE) {
                    unsigned foff;
                    uint32_t v = tcg_recipe_eval(&e, regs, env, &foff);
                    memcpy((uint8_t *)env + foff, &v, 4);
                } else {
                    reg_to_env(regs, e[0], (e[0] & 0x80) != 0, env, (unsigned)(e[1] | e[2] << 8));
                    e += 3;
                }
            }
            return;
        }
        p = site_skip(p);
    }
}

void tcg_restore_pins(const TranslationBlock *tb, void *env, const void *host_uc)
{
    const ucontext_t *uc = host_uc;
    uint64_t regs[16];
    for (int r = 0; r < 16; r++) {
        regs[r] = (uint64_t)uc->uc_mcontext.gregs[greg_of[r]];
    }
    tcg_restore_regs(tb, env, regs, (uint32_t)((uintptr_t)uc->uc_mcontext.gregs[REG_RIP] - (uintptr_t)tb->code));
}
