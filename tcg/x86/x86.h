/*
 * Private interface of the x86-64 backend: the instruction encoder (emit.c),
 * the register allocator (regalloc.c) and the per-op emitters (backend.c).
 * Register conventions are documented at the top of backend.c.
 */
#ifndef MIMIC_TCG_X86_H
#define MIMIC_TCG_X86_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "tcg/tcg.h"

/* Host registers, numbered as in the ModRM/REX encoding. */
enum {
    R_AX, R_CX, R_DX, R_BX, R_SP, R_BP, R_SI, R_DI,
    R_8, R_9, R_10, R_11, R_12, R_13, R_14, R_15,
};
#define R_ENV R_BP    /* env (tcg_env), fixed for the whole TB */
#define R_GBASE R_14  /* guest_base, loaded by the prologue */

#define RMASK(r) ((uint16_t)(1u << (r)))
/* Registers the allocator may hand out (not rsp, rbp, r14). */
#define ALLOC_REGS ((uint16_t)(0xffff & ~RMASK(R_SP) & ~RMASK(R_BP) & ~RMASK(R_GBASE)))
/* SysV call-clobbered registers. */
#define CALLER_SAVED ((uint16_t)(RMASK(R_AX) | RMASK(R_CX) | RMASK(R_DX) | RMASK(R_SI) | RMASK(R_DI) | \
                                 RMASK(R_8) | RMASK(R_9) | RMASK(R_10) | RMASK(R_11)))
/* Registers for pinned globals, in the order the allocator hands them out
   (regalloc.c, ra_init): the callee-saved ones first (they survive helper
   calls), then caller-saved ones that no op needs as a fixed operand
   (rax/rdx: mul, div, cmpxchg; rcx: shifts; rsi: the jump-cache probe),
   the call-argument registers last (op_call gives them up for the call).
   rax, rcx, rdx and rsi stay for the ops' scratch values. */
#define X86_PIN_ORDER { R_BX, R_12, R_13, R_15, R_10, R_11, R_9, R_8, R_DI }
/* The first pins of X86_PIN_ORDER, in callee-saved registers: helper calls
   keep them (tcg/gen.c pick_pins). */
#define X86_CALL_SAFE_PINS 4
/* With this many pins or fewer every op finds the registers it needs. */
#define X86_SAFE_PINS 6
#define X86_PIN_REGS ((uint16_t)(RMASK(R_BX) | RMASK(R_12) | RMASK(R_13) | RMASK(R_15) | RMASK(R_10) | \
                                 RMASK(R_11) | RMASK(R_9) | RMASK(R_8) | RMASK(R_DI)))

/* Stack frame of generated code (set up by the prologue): normal temps spill
   to 8-byte slots at [rsp + 8*i]; the epilogue address sits above them.  A
   temp keeps its slot for the whole TB (a label expects every live temp in
   the same place on every incoming path), so there is one slot per temp. */
#define FRAME_SLOTS TCG_MAX_TEMPS
#define FRAME_EPI_OFF (FRAME_SLOTS * 8)
#define FRAME_SIZE (FRAME_SLOTS * 8 + 8) /* keeps rsp 16-byte aligned after 6 pushes */

/* Opcode flags, combined with the opcode byte in an `int opc`. */
#define P_EXT 0x100      /* 0x0f escape */
#define P_EXT38 0x200    /* 0x0f 0x38 escape */
#define P_DATA16 0x400   /* 0x66 operand-size prefix */
#define P_REXW 0x800     /* 64-bit operand size */
#define P_REXB_R 0x1000  /* reg field is a byte register: force REX for 4..7 */
#define P_REXB_RM 0x2000 /* r/m field is a byte register */
#define P_F3 0x4000      /* 0xf3 prefix (lzcnt, tzcnt) */
#define P_LOCK 0x8000    /* 0xf0 lock prefix */

/* A few opcodes (see the Intel SDM vol. 2 opcode map). */
enum {
    OPC_ARITH_GvEv = 0x03, /* + (ARITH_x << 3) */
    OPC_ARITH_EvIb = 0x83,
    OPC_ARITH_EvIz = 0x81,
    OPC_MOVL_GvEv = 0x8b,
    OPC_MOVL_EvGv = 0x89,
    OPC_MOVB_EvGv = 0x88,
    OPC_MOVL_EvIz = 0xc7,
    OPC_MOVB_EvIb = 0xc6,
    OPC_MOVL_Iv = 0xb8,
    OPC_LEA = 0x8d,
    OPC_MOVZBL = 0xb6 | P_EXT,
    OPC_MOVZWL = 0xb7 | P_EXT,
    OPC_MOVSBL = 0xbe | P_EXT,
    OPC_MOVSWL = 0xbf | P_EXT,
    OPC_MOVSLQ = 0x63 | P_REXW,
    OPC_IMUL_GvEv = 0xaf | P_EXT,
    OPC_IMUL_GvEvIb = 0x6b,
    OPC_IMUL_GvEvIz = 0x69,
    OPC_GRP3 = 0xf7,      /* /0 test imm, /2 not, /3 neg, /4 mul, /5 imul */
    OPC_SHIFT_Ib = 0xc1,
    OPC_SHIFT_cl = 0xd3,
    OPC_TESTL = 0x85,
    OPC_BSWAP = 0xc8 | P_EXT,
    OPC_SETCC = 0x90 | P_EXT | P_REXB_RM,
    OPC_CMOVCC = 0x40 | P_EXT,
    OPC_JCC_long = 0x80 | P_EXT,
    OPC_JMP_long = 0xe9,
    OPC_CALL_long = 0xe8,
    OPC_GRP5 = 0xff,      /* /2 call, /4 jmp */
    OPC_BSF = 0xbc | P_EXT,
    OPC_BSR = 0xbd | P_EXT,
    OPC_TZCNT = 0xbc | P_EXT | P_F3,
    OPC_LZCNT = 0xbd | P_EXT | P_F3,
    OPC_MOVBE_GyMy = 0xf0 | P_EXT38,
    OPC_MOVBE_MyGy = 0xf1 | P_EXT38,
    OPC_CMPXCHG = 0xb1 | P_EXT,
    OPC_CMPXCHGB = 0xb0 | P_EXT | P_REXB_R,
    OPC_PUSH = 0x50,
    OPC_POP = 0x58,
    OPC_RET = 0xc3,
};
enum { ARITH_ADD = 0, ARITH_OR = 1, ARITH_AND = 4, ARITH_SUB = 5, ARITH_XOR = 6, ARITH_CMP = 7 };
enum { SHIFT_ROL = 0, SHIFT_ROR = 1, SHIFT_SHL = 4, SHIFT_SHR = 5, SHIFT_SAR = 7 };
enum { EXT3_TEST = 0, EXT3_NOT = 2, EXT3_NEG = 3, EXT3_MUL = 4, EXT3_IMUL = 5 };
enum { EXT5_CALL = 2, EXT5_JMP = 4 };

/* Host CPU features (cpuid, filled by tcg_backend_init). */
extern bool x86_have_movbe, x86_have_lzcnt, x86_have_bmi1, x86_have_bmi2;

/* ---- emit.c: the encoder -------------------------------------------------
   All functions write at s->code_ptr and advance it.  `w` selects 64-bit
   operand size (true) or 32-bit (false, which zero-extends the result). */
void emit_zext32(TCGContext *s, int dst, int src);
/* Load an immediate; clobbers flags only when may_clobber_flags (xor r,r). */
void emit_movi(TCGContext *s, bool w, int r, uint64_t val, bool may_clobber_flags);
void emit_shift_ri(TCGContext *s, int shift, bool w, int r, int count);
void emit_ext(TCGContext *s, int opc, bool w, int dst, int src); /* movzx/movsx family */
/* A jmp (cc < 0) or jcc with a zero rel32 field; returns the address of the
   field for patch_rel32. */
uint8_t *emit_jmp_rel32(TCGContext *s, int cc);
void patch_rel32(uint8_t *field, const void *target);
/* Call an absolute address: call rel32 when reachable, else mov rax, imm64;
   call rax (rax is clobbered either way by the call). */
void emit_call_abs(TCGContext *s, const void *target);
void emit_nops(TCGContext *s, int n);
/* VEX-encoded register-only instruction (BMI1/BMI2): map 1 = 0f, 2 = 0f38,
   3 = 0f3a; pp 0 = none, 1 = 66, 2 = f3, 3 = f2; v = the VEX.vvvv operand. */
void emit_vex_rr(TCGContext *s, int map, int pp, bool w, int opcode, int r, int v, int rm);
static inline bool fits_i32(int64_t v) { return v == (int32_t)v; }
static inline bool fits_i8(int64_t v) { return v == (int8_t)v; }

/* The common shapes are inline: translation emits a few of them per IR op,
   and a call per byte was a tenth of the cost of translating. */
static inline void emit8(TCGContext *s, uint8_t v)
{
    *s->code_ptr++ = v;
}

static inline void emit32(TCGContext *s, uint32_t v)
{
    memcpy(s->code_ptr, &v, 4);
    s->code_ptr += 4;
}

static inline void emit64(TCGContext *s, uint64_t v)
{
    memcpy(s->code_ptr, &v, 8);
    s->code_ptr += 8;
}

/* Prefixes, REX and opcode bytes.  r, rm and index are full register numbers
   (index < 0: none); their high bits go into REX.R/B/X. */
static inline void emit_opc(TCGContext *s, int opc, int r, int rm, int index)
{
    if (opc & (P_LOCK | P_DATA16 | P_F3)) {
        if (opc & P_LOCK) {
            emit8(s, 0xf0);
        }
        if (opc & P_DATA16) {
            emit8(s, 0x66);
        }
        if (opc & P_F3) {
            emit8(s, 0xf3);
        }
    }
    int rex = (opc & P_REXW) ? 8 : 0;
    rex |= (r & 8) >> 1;
    if (index >= 0) {
        rex |= (index & 8) >> 2;
    }
    rex |= (rm & 8) >> 3;
    /* spl/bpl/sil/dil need a REX prefix to be addressable as bytes. */
    if (rex || (((opc & P_REXB_R) && r >= 4 && r < 8) || ((opc & P_REXB_RM) && rm >= 4 && rm < 8))) {
        emit8(s, (uint8_t)(0x40 | rex));
    }
    if (opc & (P_EXT38 | P_EXT)) {
        emit8(s, 0x0f);
        if (opc & P_EXT38) {
            emit8(s, 0x38);
        }
    }
    emit8(s, (uint8_t)opc);
}

static inline void emit_modrm(TCGContext *s, int opc, int r, int rm)
{
    emit_opc(s, opc, r, rm, -1);
    emit8(s, (uint8_t)(0xc0 | (r & 7) << 3 | (rm & 7)));
}

/* Memory operand [base + index + disp]; index < 0 for none. */
static inline void emit_modrm_mem(TCGContext *s, int opc, int r, int base, int index, int32_t disp)
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

/* No-op if dst == src. */
static inline void emit_mov_rr(TCGContext *s, bool w, int dst, int src)
{
    if (dst != src) {
        emit_modrm(s, OPC_MOVL_GvEv | (w ? P_REXW : 0), dst, src);
    }
}

static inline void emit_ld(TCGContext *s, bool w, int r, int base, int32_t off)
{
    emit_modrm_mem(s, OPC_MOVL_GvEv | (w ? P_REXW : 0), r, base, -1, off);
}

static inline void emit_st(TCGContext *s, bool w, int r, int base, int32_t off)
{
    emit_modrm_mem(s, OPC_MOVL_EvGv | (w ? P_REXW : 0), r, base, -1, off);
}

static inline void emit_arith_rr(TCGContext *s, int arith, bool w, int dst, int src)
{
    emit_modrm(s, (OPC_ARITH_GvEv + (arith << 3)) | (w ? P_REXW : 0), dst, src);
}

static inline void emit_arith_ri(TCGContext *s, int arith, bool w, int dst, int32_t imm)
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

/* ---- regalloc.c: the local register allocator ---------------------------- */
enum { VAL_DEAD = 0, VAL_REG, VAL_MEM, VAL_CONST };
enum { LABEL_BRANCHED = 1, LABEL_BACKWARD = 2 };

/* A fault-only flag's recipe (lazyflags.c): flag temp t = kind(a, b). */
typedef struct X86Lazy {
    uint16_t t, a, b;
    uint16_t r; /* a temp holding a - b (a sub's result or a copy of it), or TEMP_NONE */
    uint8_t kind;
} X86Lazy;
#define X86_MAX_LAZY 8
/* Host code bytes of one recipe computed into env, at most (lz_emit). */
#define LZ_MAX_CODE 96
/* First byte of a fault-site record that is a recipe, not a register. */
#define X86_SITE_RECIPE 0x40

typedef struct X86Gen {
    TCGContext *s;
    uint8_t *start;           /* first byte of the TB's code */
    const TCGOp *op;          /* op being emitted (its life bits) */
    uint16_t reg_temp[16];    /* temp held by each host register, or TEMP_NONE */
    uint16_t locked;          /* registers in use by the current op */
    uint16_t busy;            /* registers whose reg_temp is not TEMP_NONE */
    /* Frame slots for normal temps, handed out in order. */
    int next_slot;
    /* Globals and normal temps holding a known constant (VAL_CONST, from
       `mov t, $c`): the value, and the list of such temps to write back as
       immediates at sync points (entries may be stale: check val_loc). */
    uint64_t const_val[TCG_MAX_TEMPS];
    uint16_t lazy[TCG_MAX_TEMPS];
    uint8_t in_lazy[TCG_MAX_TEMPS];
    int nb_lazy;
    /* Labels and their pending forward references. */
    uint8_t *label_pos[TCG_MAX_LABELS];
    uint8_t label_flags[TCG_MAX_LABELS];    /* LABEL_* */
    uint16_t label_regs[TCG_MAX_LABELS][16]; /* register state common to all branches here */
    bool reachable;                          /* the current op can be reached by falling through */
    struct { uint8_t *field; uint32_t label; } *fix;
    int nb_fix, max_fix;
    /* jne fields of the exit-request check to patch to the exit stub. */
    uint8_t *exit_check_field;
    /* Jump slots (goto_tb 0 and 1, the return stub 2: tb.h TB_RET_SLOT), as
       offsets from start (0xffff: unused). */
    uint16_t jmp_field[3], jmp_reset[3];
    /* The rel32 field of the first ret_push's `lea reg, [rip + stub]`,
       patched to the TB's return stub at the end (NULL: no ret_push yet). */
    uint8_t *ret_lea;
    /* Host registers of the TB's pinned globals (regalloc.c's pin_order). */
    uint16_t pinned_regs;
    /* Set while the TB has more than X86_SAFE_PINS pinned globals: an op
       that finds no free register jumps here (ra_alloc), and tcg_gen_code
       emits the TB again with one pin fewer. */
    jmp_buf *regs_retry;
    /* An address `t = a + disp` left to the guest access right after it
       (backend.c, fold_address): fold_t is TEMP_NONE when there is none. */
    TCGv fold_t, fold_a;
    /* An I64 address temp that holds its zero-extended low 32 bits only
       (backend.c, addr32_add), for the access right after. */
    TCGv zx_t;
    /* A `shl t, x, $1..3` left to the add right after it (backend.c,
       scale_index): scale_t is TEMP_NONE when there is none. */
    TCGv scale_t, scale_x;
    uint8_t scale_sh;
    bool scale_x_dies;
    /* A 16-bit shift of a register in place (backend.c, shift16): the
       ext16u/ext16s and the shift emit nothing (sh16_step 1, 2), the
       deposit shifts the register's low word (sh16_shift by sh16_c). */
    uint8_t sh16_step, sh16_shift, sh16_c;
    int32_t fold_disp;
    /* A `ld_env t` left to the brcond right after it (backend.c,
       ld_env_cmp): ldcmp_t is TEMP_NONE when there is none. */
    TCGv ldcmp_t;
    int32_t ldcmp_off;
    /* `extrl_i64_i32 t, x` left to the brcond_i32 right after it
       (backend.c, extrl_cmp): its compare reads x for t. */
    TCGv xcmp_t[2], xcmp_x[2];
    int nb_xcmp;
    /* Fault sites (hot regions, README "Fault sites"): instead of writing
       dirty globals back before a guest access, record where they live when
       it faults.  site_wanted: the next guest-access instruction emitted is
       a site (set by ra_prepare_access, taken by ra_fault_site).  The table
       bytes (format: regalloc.c, ra_fault_site) follow the TB's code. */
    bool fault_tab, site_wanted;
    X86Lazy lz[X86_MAX_LAZY]; /* pending fault-only flags (lazyflags.c) */
    int nb_lz;
    /* Flags whose recipes the op being emitted breaks but whose fault
       record it still makes (ra_lazy_before_op): dropped after it. */
    uint16_t lz_after[X86_MAX_LAZY];
    int nb_lz_after;
    /* Per label: the recipes every path seen so far has (then, once the
       label is emitted, those it keeps). */
    X86Lazy label_lz[TCG_MAX_LABELS][X86_MAX_LAZY];
    uint8_t label_nlz[TCG_MAX_LABELS];
    uint8_t *sites;
    size_t nb_site_bytes, max_site_bytes;
    /* The host flags (ZF) describe register flags_reg at width flags_w as
       long as code_ptr is still flags_end (backend.c, op_arith): a compare
       of it with 0 for (in)equality right there needs no test. */
    uint8_t *flags_end;
    int8_t flags_reg;
    bool flags_w;
    /* ... and when that op was `sub flags_reg, B` on a copy of the register
       flags_sub_a (>= 0), the flags are those of `cmp flags_sub_a, B` (B:
       register flags_sub_b, or the constant flags_sub_imm when it is -1):
       a compare of the same operands there needs no cmp. */
    int8_t flags_sub_a, flags_sub_b;
    int32_t flags_sub_imm;
} X86Gen;


/* ---- backend.c: per-op emitters ------------------------------------------ */
void x86_tb_start(X86Gen *g);       /* exit-request check */
void x86_emit_op(X86Gen *g, const TCGOp *op);
bool x86_tb_end(X86Gen *g);         /* stubs and label fixups; false on error */
/* backend-fp.c: the fp_guarded op and its out-of-line stubs. */
void x86_op_fp_guarded(X86Gen *g);
void x86_fp_tb_start(X86Gen *g);
void x86_fp_tb_end(X86Gen *g);
void x86_fp_note_op(const TCGOp *op); /* every other op: keeps the xmm cache right */

void ra_init(X86Gen *g);
int ra_alloc(X86Gen *g, uint16_t allowed);      /* a free register, locked */
void ra_evict(X86Gen *g, int r);                 /* keep r's temp elsewhere; r free */
int ra_in(X86Gen *g, TCGv t, uint16_t allowed); /* t in a register (bound), locked */
void ra_in_fixed(X86Gen *g, TCGv t, int r);      /* t in exactly r (bound unless const) */
/* A register holding t's value that the op may overwrite (unbound, locked).
   Takes over t's own register when t dies at this op (arg index argi). */
int ra_scratch_copy(X86Gen *g, TCGv t, int argi, uint16_t allowed);
int ra_pinned_out(X86Gen *g, int ai);
void ra_bind_out(X86Gen *g, TCGv t, int r);      /* t := register r, dirty */
void ra_free_temp(X86Gen *g, TCGv t);            /* value dead: drop it */
void ra_free_dead_inputs(X86Gen *g);
void ra_free_dead_outputs(X86Gen *g);
void ra_store_temp(X86Gen *g, TCGv t);           /* write back if dirty */
void ra_sync_globals(X86Gen *g);                 /* write back every dirty global */
/* The 32-bit global at env offset off: its host register (>= 0), or -2
   with *val when it holds a known constant, or -1 (only in memory). */
int ra_global_at(X86Gen *g, int32_t off, uint64_t *val);
/* host_vec: write back the dirty globals overlapping env[off, off + len);
   after the instruction wrote that range, drop their stale register copies
   (pinned globals are reloaded). */
void ra_sync_mem_range(X86Gen *g, int32_t off, int len);
void ra_clobber_mem_range(X86Gen *g, int32_t off, int len);
/* Before an op that may fault: the same except pinned globals, which the
   fault handler takes from the host registers (tcg_restore_pins). */
void ra_sync_for_fault(X86Gen *g);
/* Before a guest load or store (memop): ra_sync_for_fault, or in a TB with
   a fault-site table only the lazy constants, and the dirty globals still in
   registers are recorded by ra_fault_site right before the access's
   faulting instruction (after every register allocation for it). */
void ra_prepare_access(X86Gen *g, unsigned memop);
void ra_fault_site(X86Gen *g);
/* The same record at an alignment check (MO_ALIGN*) of that access, whose
   stub restores the guest state from it (tcg_unaligned_access). */
void ra_align_site(X86Gen *g);
/* lazyflags.c: fault-only flags (README "Fault-only flags"). */
bool ra_lazy_op(X86Gen *g);                      /* a LIFE_LAZY op: keep its recipe */
void ra_lazy_drop(X86Gen *g, TCGv t);
/* The flags (mask) dead at label l, per liveness (0: unknown). */
uint32_t ra_label_dead_flags(X86Gen *g, uint32_t l);
/* Forget the recipes of the flags in mask dead. */
void ra_lazy_drop_flags(X86Gen *g, uint32_t dead);
void ra_lazy_sync(X86Gen *g);                    /* compute every pending one now */
void ra_lazy_before_op(X86Gen *g, const TCGOp *op);
void ra_lazy_mem_range(X86Gen *g, int32_t off, int len);
void ra_lazy_prepare_access(X86Gen *g);
int ra_lazy_records(X86Gen *g, uint8_t *p);      /* fault-site records; bytes written */
int ra_lazy_stub(X86Gen *g, uint8_t *buf, size_t size); /* branch-stub code, or -1 */
int ra_lazy_keepable(X86Gen *g, X86Lazy *out);
void ra_lazy_branch(X86Gen *g, uint32_t l, const X86Lazy *zs, int n, bool first);
void ra_lazy_label(X86Gen *g, uint32_t l, bool branched, bool backward, bool reachable, uint32_t dead);
bool ra_lazy_stub_rest(X86Gen *g, uint32_t l, const X86Lazy *zs, int n, bool emit, uint16_t free);
void ra_lazy_take_keepable(X86Gen *g);
int x86_cond_code(TCGCond c);                    /* backend.c: x86 cc of a TCG cond */
uint32_t tcg_recipe_eval(const uint8_t **pp, const uint64_t *reg, const void *env, unsigned *off);
size_t tcg_recipe_len(const uint8_t *p, size_t avail, bool (*reg_ok)(int reg), bool (*global_ok)(unsigned off, bool w64));
void ra_forget_globals(X86Gen *g);               /* unbind globals (after a helper wrote them) */
void ra_bb_end(X86Gen *g);                       /* sync globals and live normal temps */
/* The stores ra_bb_end would emit for a branch to label (-1: none),
   encoded into buf (position-independent: env and frame stores) without
   changing the allocator's state: their length, or -1 when they might not
   fit size bytes.  Flags dead at the label are left out. */
int ra_bb_end_stores(X86Gen *g, uint8_t *buf, size_t size, int label);
/* At a label (merge point): keep only the register bindings that hold on
   every incoming path.  branch_regs: the state common to the branches to it
   (NULL: none); fallthrough: the previous op falls through; forget_all: the
   label is the target of a backward branch (state unknown). */
void ra_label_merge(X86Gen *g, const uint16_t *branch_regs, bool fallthrough, bool forget_all);
void ra_spill_regs(X86Gen *g, uint16_t regs);    /* write back and unbind temps in regs */
/* Load t's value into r without binding (r must be free and locked). */
void ra_load_into(X86Gen *g, TCGv t, int r);
/* Pinned globals (see regalloc.c): load them all (TB entry); move results
   home after an op; release those in regs for a helper call (written back,
   unbound: returns their registers); bind the released ones again and
   reload after the call. */
void ra_load_pins(X86Gen *g);
void ra_fix_pins(X86Gen *g);
uint16_t ra_release_pins(X86Gen *g, uint16_t regs);
void ra_after_call(X86Gen *g, bool reload_all, uint16_t released);

static inline TCGTemp *ra_temp(X86Gen *g, TCGv t) { return &g->s->temps[t]; }
/* args[argi] of the current op dies here. */
static inline bool ra_dies(X86Gen *g, int argi) { return argi >= 0 && (g->op->life >> argi & 1); }
/* A value known at translation time: a constant temp, or a global/normal
   temp last set from one (still to be written back, see ra_set_const). */
static inline bool ra_is_const(X86Gen *g, TCGv t) { return g->s->temps[t].val_loc == VAL_CONST; }
static inline uint64_t ra_const(X86Gen *g, TCGv t)
{
    TCGTemp *ts = &g->s->temps[t];
    return ts->kind == TEMP_CONST ? ts->val : g->const_val[t];
}
/* t := constant val, kept out of registers until needed.  Returns false
   (nothing done) when val cannot be stored as an immediate. */
bool ra_set_const(X86Gen *g, TCGv t, uint64_t val);

#endif
