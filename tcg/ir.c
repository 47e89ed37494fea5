/*
 * The IR core: the op table, the translation context, temps, constants,
 * labels, op emission and condition helpers.  Everything here is used by the
 * front ends (through tcg/tcg-op.h) and by every pass; the passes themselves
 * live in check.c, optimize.c, liveness and the backend.  Spec: tcg/README.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcg/tcg.h"
#include "tcg/tcg-op.h"

/* The op table, generated from the X-macro list. */
const TCGOpDef tcg_op_defs[NB_OPS] = {
#define DEF(n, o, i, c, f) [INDEX_op_##n] = { #n, o, i, c, f },
#include "ops.def"
#undef DEF
};

TCGContext tcg_ctx;
TCGv_ptr tcg_env;
TCGJumpKey tcg_jump_key = { .pc_off = -1, .cs_base_off = -1 };

#define DEFAULT_MAX_OPS 8192
#define DEFAULT_MAX_INSNS 1024

/* Source of TCGContext.globals_gen values (unique across contexts). */
static uint32_t globals_gen_counter;

static _Noreturn void ir_fatal(const char *msg)
{
    fprintf(stderr, "mimic: tcg: %s\n", msg);
    abort();
}

static TCGv temp_alloc(TCGContext *s, TCGType type, TCGTempKind kind)
{
    if (s->nb_temps >= TCG_MAX_TEMPS) {
        ir_fatal("too many temps in one TB (TCG_MAX_TEMPS); the front end must end TBs sooner");
    }
    TCGv t = (TCGv)s->nb_temps++;
    TCGTemp *ts = &s->temps[t];
    memset(ts, 0, sizeof(*ts));
    ts->type = (uint8_t)type;
    ts->kind = (uint8_t)kind;
    ts->mem_offset = -1;
    ts->reg = -1;
    return t;
}

void tcg_context_init(TCGContext *s)
{
    /* Everything but the temps array (128 KiB: temp_alloc initializes each
       temp it hands out; clearing it all would only cost page faults). */
    _Static_assert(offsetof(TCGContext, temps) == 0, "temps first");
    memset((char *)s + sizeof(s->temps), 0, sizeof(*s) - sizeof(s->temps));
    s->entry_pc_off = -1;
    s->entry_cs_base_off = -1;
    s->insn_start_words = 2;
    s->max_ops = DEFAULT_MAX_OPS;
    s->ops = calloc((size_t)s->max_ops, sizeof(TCGOp));
    s->max_insns_rec = DEFAULT_MAX_INSNS;
    s->insns = calloc((size_t)s->max_insns_rec, sizeof(TCGInsnRecord));
    if (!s->ops || !s->insns) {
        ir_fatal("out of memory allocating the translation context");
    }
    /* Temp 0: the env pointer, fixed in a host register. */
    TCGv env = temp_alloc(s, TCG_I64, TEMP_FIXED);
    s->temps[env].name = "env";
    s->nb_globals = s->nb_temps;
    s->globals_gen = ++globals_gen_counter;
    if (s == &tcg_ctx) {
        tcg_env = env;
    }
    tcg_func_start(s);
}

void tcg_func_start(TCGContext *s)
{
    s->nb_temps = s->nb_globals;
    s->nb_ops = 0;
    s->nb_labels = 0;
    s->nb_insns = 0;
    s->tb = NULL;
    s->nb_relocs = 0;
    s->pc_uncacheable = false;
    s->pc_hole_off = s->pc_hole_len = 0;
    s->nb_pins = 0;
    s->nb_pin_blocks = 0;
    s->nb_wb_avoided = 0;
    s->nb_block_labels = 0;
    s->label_info_valid = false;
    s->goto_kill = 0;
    s->nb_resume = 0;
    s->nb_lookup_kill = 0;
    /* const_hash is not cleared: tcg_constant checks a candidate's index,
       kind, type and value, so a stale entry is only a miss. */
    /* The register allocator state of the globals (reg, val_loc,
       mem_coherent) is reset by the backend's ra_init for every TB. */
}

void tcg_note_reloc(TCGContext *s, uint8_t *site, unsigned kind, uint64_t target)
{
    if (s->nb_relocs >= TCG_MAX_RELOCS) {
        s->pc_uncacheable = true;
        return;
    }
    TCGReloc *r = &s->relocs[s->nb_relocs++];
    r->site = site;
    r->kind = kind;
    r->target = target;
}

TCGv tcg_global_mem_new(TCGType type, int offset, const char *name)
{
    TCGContext *s = &tcg_ctx;
    if (s->nb_temps != s->nb_globals) {
        ir_fatal("tcg_global_mem_new called after temps were allocated in a TB");
    }
    TCGv t = temp_alloc(s, type, TEMP_GLOBAL);
    s->temps[t].mem_offset = offset;
    s->temps[t].name = name;
    s->temps[t].mem_coherent = true;
    s->nb_globals = s->nb_temps;
    s->globals_gen = ++globals_gen_counter;
    return t;
}

unsigned tcg_global_flag(TCGv t)
{
    TCGContext *s = &tcg_ctx;
    if (t >= (TCGv)s->nb_globals || s->temps[t].kind != TEMP_GLOBAL) {
        ir_fatal("tcg_global_flag: not a global");
    }
    for (int i = 0; i < s->nb_flag_globals; i++) {
        if (s->flag_temp[i] == t) {
            return (unsigned)i;
        }
    }
    if (s->nb_flag_globals == TCG_MAX_FLAG_GLOBALS) {
        ir_fatal("tcg_global_flag: too many flag globals");
    }
    s->flag_temp[s->nb_flag_globals] = t;
    s->globals_gen = ++globals_gen_counter;
    return (unsigned)s->nb_flag_globals++;
}

TCGv tcg_temp_new(TCGType type)
{
    return temp_alloc(&tcg_ctx, type, TEMP_NORMAL);
}

static unsigned const_hash_of(TCGType type, uint64_t val)
{
    uint64_t h = (val ^ (uint64_t)type << 63) * 0x9e3779b97f4a7c15ull;
    return (unsigned)(h >> 56); /* top 8 bits: 256 slots */
}

/* Constants are deduplicated per TB through a tiny direct-mapped cache of
   temp indices (0 = empty: temp 0 is tcg_env, never a constant).  A miss
   just makes a new constant temp; duplicates are harmless. */
TCGv tcg_constant(TCGType type, uint64_t val)
{
    TCGContext *s = &tcg_ctx;
    if (type == TCG_I32) {
        val = (uint32_t)val;
    }
    unsigned h = const_hash_of(type, val);
    uint32_t cand = s->const_hash[h];
    if (cand != 0 && (int)cand < s->nb_temps) {
        TCGTemp *ts = &s->temps[cand];
        if (ts->kind == TEMP_CONST && ts->type == type && ts->val == val) {
            return cand;
        }
    }
    TCGv t = temp_alloc(s, type, TEMP_CONST);
    s->temps[t].val = val;
    s->const_hash[h] = t;
    return t;
}

TCGLabel gen_new_label(void)
{
    TCGContext *s = &tcg_ctx;
    if (s->nb_labels >= TCG_MAX_LABELS) {
        ir_fatal("too many labels in one TB (TCG_MAX_LABELS)");
    }
    return (TCGLabel)s->nb_labels++;
}

void tcg_op_overflow(TCGOpcode opc)
{
    fprintf(stderr, "mimic: tcg: op buffer overflow (%d ops) emitting %s; the front end must end TBs sooner\n",
            tcg_ctx.max_ops, tcg_op_defs[opc].name);
    abort();
}

TCGOp *tcg_gen_callN(void *func, unsigned cflags, TCGType ret_type, TCGv ret, int nargs, const TCGv *args)
{
    if (nargs < 0 || nargs > 6) {
        ir_fatal("tcg_gen_callN: a helper takes at most 6 arguments");
    }
    TCGOp *op = tcg_emit_op(INDEX_op_call, ret_type);
    op->args[0] = ret;
    for (int i = 0; i < 6; i++) {
        op->args[1 + i] = i < nargs ? args[i] : TEMP_NONE;
    }
    op->args[7] = (uint64_t)(uintptr_t)func;
    op->nargs = (uint8_t)nargs;
    op->cflags = (uint8_t)cflags;
    return op;
}

TCGCond tcg_swap_cond(TCGCond c)
{
    static const TCGCond swapped[] = {
        [TCG_COND_NEVER] = TCG_COND_NEVER, [TCG_COND_ALWAYS] = TCG_COND_ALWAYS,
        [TCG_COND_EQ] = TCG_COND_EQ,       [TCG_COND_NE] = TCG_COND_NE,
        [TCG_COND_LT] = TCG_COND_GT,       [TCG_COND_GE] = TCG_COND_LE,
        [TCG_COND_LE] = TCG_COND_GE,       [TCG_COND_GT] = TCG_COND_LT,
        [TCG_COND_LTU] = TCG_COND_GTU,     [TCG_COND_GEU] = TCG_COND_LEU,
        [TCG_COND_LEU] = TCG_COND_GEU,     [TCG_COND_GTU] = TCG_COND_LTU,
    };
    if ((unsigned)c > TCG_COND_GTU) {
        ir_fatal("tcg_swap_cond: bad condition");
    }
    return swapped[c];
}

bool tcg_cond_eval(TCGCond c, TCGType t, uint64_t a, uint64_t b)
{
    int64_t sa, sb;
    if (t == TCG_I32) {
        a = (uint32_t)a;
        b = (uint32_t)b;
        sa = (int32_t)a;
        sb = (int32_t)b;
    } else {
        sa = (int64_t)a;
        sb = (int64_t)b;
    }
    switch (c) {
    case TCG_COND_NEVER: return false;
    case TCG_COND_ALWAYS: return true;
    case TCG_COND_EQ: return a == b;
    case TCG_COND_NE: return a != b;
    case TCG_COND_LT: return sa < sb;
    case TCG_COND_GE: return sa >= sb;
    case TCG_COND_LE: return sa <= sb;
    case TCG_COND_GT: return sa > sb;
    case TCG_COND_LTU: return a < b;
    case TCG_COND_GEU: return a >= b;
    case TCG_COND_LEU: return a <= b;
    case TCG_COND_GTU: return a > b;
    }
    ir_fatal("tcg_cond_eval: bad condition");
}
