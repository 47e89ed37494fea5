/*
 * The IR interpreter: the executable form of tcg/README.md.
 *
 * It runs the ops of the TB currently in a TCGContext against a CPU state
 * (env).  It is the oracle the x86-64 backend is tested against, the
 * reference the optimizer test compares with, and a run-time mode
 * (MIMIC_INTERPRET=1) for telling translator bugs from backend bugs.
 *
 * Model: every temp holds a uint64_t; I32 values are kept zero-extended
 * (truncated on every write).  Globals are not cached: each read loads from
 * env + mem_offset and each write stores there, so helpers always see current
 * guest state.  tcg_env's value is the env pointer; constants are their .val.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcg/fp.h"
#include "include/guest.h"
#include "tcg/tcg.h"
#include "tcg/tcg-op.h"
#include "include/cpu-common.h"
#include "include/target.h"

static _Noreturn void interp_fatal(const TCGContext *s, int idx, const char *msg)
{
    const TCGOp *op = &s->ops[idx];
    fprintf(stderr, "mimic: tcg interpreter: op %d (%s): %s\n", idx,
            op->opc < NB_OPS ? tcg_op_defs[op->opc].name : "?", msg);
    abort();
}

static inline uint64_t trunc_type(TCGType t, uint64_t v)
{
    return t == TCG_I32 ? (uint32_t)v : v;
}

static inline uint64_t mask_bits(unsigned len)
{
    return len >= 64 ? ~0ull : (1ull << len) - 1;
}

/* Sign-extend the low `bits` bits of v to 64 bits. */
static inline uint64_t sext_bits(uint64_t v, unsigned bits)
{
    if (bits == 0 || bits >= 64) {
        return v;
    }
    unsigned sh = 64 - bits;
    return (uint64_t)((int64_t)(v << sh) >> sh);
}

static uint64_t bswap_size(uint64_t v, unsigned size)
{
    switch (size) {
    case MO_8: return (uint8_t)v;
    case MO_16: return __builtin_bswap16((uint16_t)v);
    case MO_32: return __builtin_bswap32((uint32_t)v);
    default: return __builtin_bswap64(v);
    }
}

/* ---- The value semantics of the pure data ops ------------------------- */

static uint64_t rot_left(uint64_t x, unsigned c, unsigned width)
{
    c &= width - 1;
    if (c == 0) {
        return x;
    }
    return (x << c | x >> (width - c)) & mask_bits(width);
}

static uint64_t eval_binary(TCGOpcode opc, unsigned w, uint64_t a, uint64_t b)
{
    unsigned sh = (unsigned)b & (w - 1);
    switch (opc) {
    case INDEX_op_add: return a + b;
    case INDEX_op_sub: return a - b;
    case INDEX_op_mul: return a * b;
    case INDEX_op_and: return a & b;
    case INDEX_op_or: return a | b;
    case INDEX_op_xor: return a ^ b;
    case INDEX_op_andc: return a & ~b;
    case INDEX_op_shl: return a << sh;
    case INDEX_op_shr: return (a & mask_bits(w)) >> sh;
    case INDEX_op_sar: return (uint64_t)((int64_t)sext_bits(a, w) >> sh);
    case INDEX_op_rotl: return rot_left(a & mask_bits(w), sh, w);
    case INDEX_op_rotr: return rot_left(a & mask_bits(w), (w - sh) & (w - 1), w);
    default: abort();
    }
}

static uint64_t eval_unary(TCGOpcode opc, unsigned w, uint64_t a)
{
    a &= mask_bits(w);
    switch (opc) {
    case INDEX_op_mov: return a;
    case INDEX_op_neg: return -a;
    case INDEX_op_not: return ~a;
    case INDEX_op_clz: return a == 0 ? w : (uint64_t)(__builtin_clzll(a) - (64 - w));
    case INDEX_op_ctz: return a == 0 ? w : (uint64_t)__builtin_ctzll(a);
    case INDEX_op_bswap16: return __builtin_bswap16((uint16_t)a);
    case INDEX_op_bswap32: return __builtin_bswap32((uint32_t)a);
    case INDEX_op_bswap64: return __builtin_bswap64(a);
    case INDEX_op_ext8s: return sext_bits(a, 8);
    case INDEX_op_ext8u: return (uint8_t)a;
    case INDEX_op_ext16s: return sext_bits(a, 16);
    case INDEX_op_ext16u: return (uint16_t)a;
    case INDEX_op_ext32s: return sext_bits(a, 32);
    case INDEX_op_ext32u: return (uint32_t)a;
    default: abort();
    }
}

bool tcg_op_eval(const TCGOp *op, const uint64_t *in, uint64_t *out)
{
    TCGType t = (TCGType)op->type;
    unsigned w = t == TCG_I32 ? 32 : 64;
    uint64_t r;

    switch ((TCGOpcode)op->opc) {
    case INDEX_op_add: case INDEX_op_sub: case INDEX_op_mul:
    case INDEX_op_and: case INDEX_op_or: case INDEX_op_xor: case INDEX_op_andc:
    case INDEX_op_shl: case INDEX_op_shr: case INDEX_op_sar:
    case INDEX_op_rotl: case INDEX_op_rotr:
        r = eval_binary((TCGOpcode)op->opc, w, in[0], in[1]);
        break;
    case INDEX_op_mov: case INDEX_op_neg: case INDEX_op_not:
    case INDEX_op_clz: case INDEX_op_ctz:
    case INDEX_op_bswap16: case INDEX_op_bswap32: case INDEX_op_bswap64:
    case INDEX_op_ext8s: case INDEX_op_ext8u: case INDEX_op_ext16s:
    case INDEX_op_ext16u: case INDEX_op_ext32s: case INDEX_op_ext32u:
        r = eval_unary((TCGOpcode)op->opc, w, in[0]);
        break;
    case INDEX_op_extract:
        r = (in[0] >> (op->args[2] & 63)) & mask_bits((unsigned)op->args[3]);
        break;
    case INDEX_op_sextract:
        r = sext_bits((in[0] >> (op->args[2] & 63)) & mask_bits((unsigned)op->args[3]), (unsigned)op->args[3]);
        break;
    case INDEX_op_deposit: {
        unsigned pos = (unsigned)op->args[3] & 63;
        uint64_t m = mask_bits((unsigned)op->args[4]) << pos;
        r = (in[0] & ~m) | ((in[1] << pos) & m);
        break;
    }
    case INDEX_op_setcond:
        r = tcg_cond_eval((TCGCond)op->args[3], t, in[0], in[1]);
        break;
    case INDEX_op_movcond:
        r = tcg_cond_eval((TCGCond)op->args[5], t, in[0], in[1]) ? in[2] : in[3];
        break;
    case INDEX_op_subv:
        r = tcg_ovf_eval(false, (uint32_t)in[0], (uint32_t)in[1]);
        break;
    case INDEX_op_addv:
        r = tcg_ovf_eval(true, (uint32_t)in[0], (uint32_t)in[1]);
        break;
    case INDEX_op_mulu2:
        if (t == TCG_I32) {
            uint64_t p = (uint64_t)(uint32_t)in[0] * (uint32_t)in[1];
            out[0] = (uint32_t)p;
            out[1] = p >> 32;
        } else {
            unsigned __int128 p = (unsigned __int128)in[0] * in[1];
            out[0] = (uint64_t)p;
            out[1] = (uint64_t)(p >> 64);
        }
        return true;
    case INDEX_op_muls2:
        if (t == TCG_I32) {
            int64_t p = (int64_t)(int32_t)in[0] * (int32_t)in[1];
            out[0] = (uint32_t)p;
            out[1] = (uint32_t)((uint64_t)p >> 32);
        } else {
            __int128 p = (__int128)(int64_t)in[0] * (int64_t)in[1];
            out[0] = (uint64_t)p;
            out[1] = (uint64_t)((unsigned __int128)p >> 64);
        }
        return true;
    case INDEX_op_extu_i32_i64: r = (uint32_t)in[0]; break;
    case INDEX_op_exts_i32_i64: r = (uint64_t)(int64_t)(int32_t)in[0]; break;
    case INDEX_op_extrl_i64_i32: r = (uint32_t)in[0]; break;
    case INDEX_op_extrh_i64_i32: r = in[0] >> 32; break;
    case INDEX_op_concat_i32_i64: r = (uint32_t)in[0] | (uint64_t)(uint32_t)in[1] << 32; break;
    default:
        return false;
    }
    out[0] = trunc_type(t, r);
    return true;
}

/* ---- Memory access ---------------------------------------------------- */

/* Load 1/2/4/8 bytes at p per memop (size, bswap, sign). */
static uint64_t load_mem(const void *p, unsigned memop)
{
    uint64_t v = 0;
    unsigned size = memop & MO_SIZE;
    switch (size) {
    case MO_8: { uint8_t x; memcpy(&x, p, 1); v = x; break; }
    case MO_16: { uint16_t x; memcpy(&x, p, 2); v = x; break; }
    case MO_32: { uint32_t x; memcpy(&x, p, 4); v = x; break; }
    default: memcpy(&v, p, 8); break;
    }
    if (memop & MO_BSWAP) {
        v = bswap_size(v, size);
    }
    if (memop & MO_SIGN) {
        v = sext_bits(v, 8u << size);
    }
    return v;
}

static void store_mem(void *p, unsigned memop, uint64_t v)
{
    unsigned size = memop & MO_SIZE;
    if (memop & MO_BSWAP) {
        v = bswap_size(v, size);
    }
    switch (size) {
    case MO_8: { uint8_t x = (uint8_t)v; memcpy(p, &x, 1); break; }
    case MO_16: { uint16_t x = (uint16_t)v; memcpy(p, &x, 2); break; }
    case MO_32: { uint32_t x = (uint32_t)v; memcpy(p, &x, 4); break; }
    default: memcpy(p, &v, 8); break;
    }
}

/* Atomic compare-and-swap of the low size bits; returns the old memory value
   as load_mem would (bswap, sign). */
static uint64_t cmpxchg_mem(void *p, unsigned memop, uint64_t cmp, uint64_t nv)
{
    unsigned size = memop & MO_SIZE;
    uint64_t m = mask_bits(8u << size);
    cmp &= m;
    nv &= m;
    if (memop & MO_BSWAP) {
        cmp = bswap_size(cmp, size);
        nv = bswap_size(nv, size);
    }
    uint64_t old;
    switch (size) {
    case MO_8: {
        uint8_t e = (uint8_t)cmp;
        __atomic_compare_exchange_n((uint8_t *)p, &e, (uint8_t)nv, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        old = e;
        break;
    }
    case MO_16: {
        uint16_t e = (uint16_t)cmp;
        __atomic_compare_exchange_n((uint16_t *)p, &e, (uint16_t)nv, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        old = e;
        break;
    }
    case MO_32: {
        uint32_t e = (uint32_t)cmp;
        __atomic_compare_exchange_n((uint32_t *)p, &e, (uint32_t)nv, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        old = e;
        break;
    }
    default: {
        uint64_t e = cmp;
        __atomic_compare_exchange_n((uint64_t *)p, &e, nv, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        old = e;
        break;
    }
    }
    if (memop & MO_BSWAP) {
        old = bswap_size(old, size);
    }
    if (memop & MO_SIGN) {
        old = sext_bits(old, 8u << size);
    }
    return old;
}

/* ---- Temps ------------------------------------------------------------ */

typedef struct Interp {
    TCGContext *s;
    void *env;
    uint64_t *vals;
    int idx; /* current op, for messages */
} Interp;

static uint64_t rd(Interp *it, uint64_t t)
{
    TCGContext *s = it->s;
    if (t >= (uint64_t)s->nb_temps) {
        interp_fatal(s, it->idx, "temp index out of range");
    }
    const TCGTemp *ts = &s->temps[t];
    switch (ts->kind) {
    case TEMP_CONST:
        return trunc_type((TCGType)ts->type, ts->val);
    case TEMP_FIXED:
        return (uintptr_t)it->env;
    case TEMP_GLOBAL:
        return load_mem((char *)it->env + ts->mem_offset, ts->type == TCG_I32 ? MO_32 : MO_64);
    default:
        return it->vals[t];
    }
}

static void wr(Interp *it, uint64_t t, uint64_t v)
{
    TCGContext *s = it->s;
    if (t >= (uint64_t)s->nb_temps) {
        interp_fatal(s, it->idx, "temp index out of range");
    }
    const TCGTemp *ts = &s->temps[t];
    v = trunc_type((TCGType)ts->type, v);
    switch (ts->kind) {
    case TEMP_GLOBAL:
        store_mem((char *)it->env + ts->mem_offset, ts->type == TCG_I32 ? MO_32 : MO_64, v);
        break;
    case TEMP_NORMAL:
        it->vals[t] = v;
        break;
    default:
        interp_fatal(s, it->idx, "write to a constant or fixed temp");
    }
}

static void *guest_ptr(uint64_t addr)
{
    return (void *)(guest_base + (uint32_t)addr);
}

/* The instruction of the guest access this thread's interpreter is making
   (its insn_start, NULL when the TB has none), valid while interp_accessing
   is set: tcg_interp_fault_state. */
static __thread const TCGOp *interp_access_start;
static __thread bool interp_accessing;

static inline void access_begin(const TCGOp *start)
{
    interp_access_start = start;
    interp_accessing = true;
    __atomic_signal_fence(__ATOMIC_SEQ_CST); /* set before the access */
}

static inline void access_end(void)
{
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    interp_accessing = false;
}

bool tcg_interp_fault_state(uint32_t words[TCG_MAX_INSN_WORDS])
{
    if (!interp_accessing) {
        return false;
    }
    interp_accessing = false; /* the handler leaves by a jump */
    for (int k = 0; k < TCG_MAX_INSN_WORDS; k++) {
        words[k] = interp_access_start ? (uint32_t)interp_access_start->args[k] : 0;
    }
    return true;
}

/* A MO_ALIGN* access at a misaligned address (the backend's alignment
   stub, tcg_unaligned_access): the state of the instruction (its
   insn_start words, when there is one and a target), EXCP_UNALIGNED. */
static void raise_unaligned(void *env, const TCGOp *start, uint32_t addr)
{
    CPUCommon *e = env;
    if (start && e->target && e->target->restore_state) {
        uint32_t words[TCG_MAX_INSN_WORDS];
        for (int k = 0; k < TCG_MAX_INSN_WORDS; k++) {
            words[k] = (uint32_t)start->args[k];
        }
        e->target->restore_state(e, words);
    }
    e->exception = EXCP_UNALIGNED;
    e->exception_arg = addr;
}

typedef uint64_t (*HelperFn)(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);

/* ---- The loop --------------------------------------------------------- */

uintptr_t tcg_interpret(TCGContext *s, void *env)
{
    uint64_t vals[TCG_MAX_TEMPS];
    int label_pos[TCG_MAX_LABELS];
    Interp it = { s, env, vals, 0 };
    const TCGOp *start = NULL; /* the current instruction's insn_start */

    /* Normal temps start at 0 so a (buggy) read before write is at least
       deterministic; tcg_check rejects such IR. */
    memset(vals, 0, sizeof(vals[0]) * (size_t)s->nb_temps);
    for (int l = 0; l < s->nb_labels; l++) {
        label_pos[l] = -1;
    }
    for (int i = 0; i < s->nb_ops; i++) {
        if (s->ops[i].opc == INDEX_op_set_label && s->ops[i].args[0] < (uint64_t)s->nb_labels) {
            label_pos[s->ops[i].args[0]] = i;
        }
    }

    for (int i = 0; i < s->nb_ops; i++) {
        const TCGOp *op = &s->ops[i];
        const TCGOpDef *def = &tcg_op_defs[op->opc];
        TCGType t = (TCGType)op->type;
        it.idx = i;

        if ((op->opc == INDEX_op_qemu_ld || op->opc == INDEX_op_qemu_st || op->opc == INDEX_op_cmpxchg) &&
            (uint32_t)rd(&it, op->args[1]) &
                memop_align_mask((unsigned)op->args[op->opc == INDEX_op_cmpxchg ? 4 : 2])) {
            raise_unaligned(env, start, (uint32_t)rd(&it, op->args[1]));
            return 0;
        }
        switch ((TCGOpcode)op->opc) {
        case INDEX_op_insn_start:
            start = op;
            continue;
        case INDEX_op_nop:
        case INDEX_op_discard:
        case INDEX_op_set_label:
        case INDEX_op_goto_tb: /* not chained: fall through to the exit_tb after it */
        case INDEX_op_ret_push:  /* no prediction: returns are plain lookups */
            continue;
        case INDEX_op_mb:
            __atomic_thread_fence(__ATOMIC_SEQ_CST);
            continue;
        case INDEX_op_ld_env:
            wr(&it, op->args[0], trunc_type(t, load_mem((char *)env + (int64_t)op->args[1], (unsigned)op->args[2] & ~MO_BSWAP)));
            continue;
        case INDEX_op_st_env:
            store_mem((char *)env + (int64_t)op->args[1], (unsigned)op->args[2] & ~MO_BSWAP, rd(&it, op->args[0]));
            continue;
        /* Guest accesses may fault: the host handler asks which
           instruction made it (tcg_interp_fault_state). */
        case INDEX_op_qemu_ld: {
            void *p = guest_ptr(rd(&it, op->args[1]));
            access_begin(start);
            uint64_t v = load_mem(p, (unsigned)op->args[2]);
            access_end();
            wr(&it, op->args[0], trunc_type(t, v));
            continue;
        }
        case INDEX_op_qemu_st: {
            void *p = guest_ptr(rd(&it, op->args[1]));
            uint64_t v = rd(&it, op->args[0]);
            access_begin(start);
            store_mem(p, (unsigned)op->args[2], v);
            access_end();
            continue;
        }
        case INDEX_op_cmpxchg: {
            void *p = guest_ptr(rd(&it, op->args[1]));
            uint64_t cmp = rd(&it, op->args[2]), nv = rd(&it, op->args[3]);
            access_begin(start);
            uint64_t old = cmpxchg_mem(p, (unsigned)op->args[4], cmp, nv);
            access_end();
            wr(&it, op->args[0], trunc_type(t, old));
            continue;
        }
        case INDEX_op_br:
        case INDEX_op_brcond: {
            uint64_t l = op->opc == INDEX_op_br ? op->args[0] : op->args[3];
            if (op->opc == INDEX_op_brcond &&
                !tcg_cond_eval((TCGCond)op->args[2], t, rd(&it, op->args[0]), rd(&it, op->args[1]))) {
                continue;
            }
            if (l >= (uint64_t)s->nb_labels || label_pos[l] < 0) {
                interp_fatal(s, i, "branch to a label that is never set");
            }
            i = label_pos[l]; /* the loop's i++ steps past the set_label */
            continue;
        }
        case INDEX_op_call: {
            uint64_t a[6] = { 0 };
            for (int k = 0; k < op->nargs && k < 6; k++) {
                a[k] = rd(&it, op->args[1 + k]);
            }
            HelperFn fn = (HelperFn)(uintptr_t)op->args[7];
            uint64_t r = fn(a[0], a[1], a[2], a[3], a[4], a[5]);
            if (op->args[0] != TEMP_NONE) {
                wr(&it, op->args[0], r);
            }
            continue;
        }
        case INDEX_op_host_simd:
            ((TCGSimdFallback *)(uintptr_t)op->args[3])(env, (uint32_t)op->args[1], (uint32_t)op->args[2],
                                                        (uint32_t)(op->args[0] >> 24) & 0xff);
            continue;
        case INDEX_op_host_vec: {
            uint64_t insn = op->args[0];
            size_t sl = insn & TCG_VEC_SRC64 ? 8 : 16, dl = insn & TCG_VEC_DST64 ? 8 : 16;
            uint8_t a[16] = {0}, b[16] = {0}, r[16];
            memcpy(a, (char *)env + (int32_t)op->args[2], sl);
            memcpy(b, (char *)env + (int32_t)op->args[3], sl);
            if (!tcg_vec_emulate(insn, r, a, b)) {
                interp_fatal(s, i, "host_vec: instruction unknown to tcg_vec_emulate");
            }
            memcpy((char *)env + (int32_t)op->args[1], r, dl);
            continue;
        }
        case INDEX_op_fp_guarded:
            wr(&it, op->args[0], tcg_fpg_eval(op, env, rd(&it, op->args[1]), rd(&it, op->args[2]), rd(&it, op->args[3])));
            continue;
        case INDEX_op_exit_tb:
            return (uintptr_t)op->args[0];
        case INDEX_op_lookup_and_goto:
            return 0;
        default:
            break;
        }

        /* Pure data ops: read inputs, evaluate, write outputs. */
        uint64_t in[TCG_MAX_ARGS], out[2];
        for (int k = 0; k < def->nb_iargs; k++) {
            in[k] = rd(&it, op->args[def->nb_oargs + k]);
        }
        if (!tcg_op_eval(op, in, out)) {
            interp_fatal(s, i, "op not implemented by the interpreter");
        }
        for (int k = 0; k < def->nb_oargs; k++) {
            wr(&it, op->args[k], out[k]);
        }
    }
    interp_fatal(s, s->nb_ops ? s->nb_ops - 1 : 0, "TB ends without exit_tb or lookup_and_goto");
}
