/*
 * The IR: temps, ops, labels and the translation context.
 *
 * A front end fills a TCGContext with ops for one translation block (TB)
 * through the builders in tcg/tcg-op.h; tcg_gen_code() then checks, optimizes,
 * runs liveness, allocates registers and emits x86-64 code.  The IR spec is
 * tcg/README.md.
 */
#ifndef MIMIC_TCG_H
#define MIMIC_TCG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum TCGType { TCG_I32 = 0, TCG_I64 = 1 } TCGType;

/* Op flags (see ops.def). */
enum {
    OPF_SIDE = 1,
    OPF_BB = 2,
    OPF_FAULT = 4,
    OPF_CALL = 8,
};

typedef enum TCGOpcode {
#define DEF(name, oargs, iargs, cargs, flags) INDEX_op_##name,
#include "ops.def"
#undef DEF
    NB_OPS
} TCGOpcode;

/* TCGOp.life: a flag op whose value only a guest fault could read (hot
   regions, liveness.c): the backend keeps it as a recipe (README
   "Fault-only flags"). */
#define LIFE_LAZY (1u << 31)

typedef struct TCGOpDef {
    const char *name;
    uint8_t nb_oargs, nb_iargs, nb_cargs;
    uint8_t flags;
} TCGOpDef;
extern const TCGOpDef tcg_op_defs[NB_OPS];

/* Conditions for setcond/movcond/brcond.  Bit 0 inverts (see tcg_invert_cond). */
typedef enum TCGCond {
    TCG_COND_NEVER = 0, TCG_COND_ALWAYS = 1,
    TCG_COND_EQ = 2, TCG_COND_NE = 3,
    TCG_COND_LT = 4, TCG_COND_GE = 5,   /* signed */
    TCG_COND_LE = 6, TCG_COND_GT = 7,
    TCG_COND_LTU = 8, TCG_COND_GEU = 9, /* unsigned */
    TCG_COND_LEU = 10, TCG_COND_GTU = 11,
} TCGCond;
static inline TCGCond tcg_invert_cond(TCGCond c) { return (TCGCond)(c ^ 1); }
TCGCond tcg_swap_cond(TCGCond c); /* cond(a,b) == swap(cond)(b,a) */
bool tcg_cond_eval(TCGCond c, TCGType t, uint64_t a, uint64_t b);
/* subv/addv: 0x80000000 when a - b (add: a + b) overflows as signed 32-bit. */
static inline uint32_t tcg_ovf_eval(bool add, uint32_t a, uint32_t b)
{
    uint32_t r = add ? a + b : a - b;
    uint32_t v = add ? (r ^ a) & ~(a ^ b) : (r ^ a) & (a ^ b);
    return v & 0x80000000u;
}

/* Memory operation descriptor for qemu_ld/qemu_st/cmpxchg/ld_env/st_env. */
enum {
    MO_8 = 0, MO_16 = 1, MO_32 = 2, MO_64 = 3, MO_SIZE = 3,
    MO_SIGN = 4,  /* sign-extend loads to the op width */
    MO_BSWAP = 8, /* guest is big-endian: swap bytes */
    /* Guest accesses only (qemu_ld/qemu_st/cmpxchg): a misaligned address
       raises EXCP_UNALIGNED before any byte is accessed (README.md). */
    MO_ALIGN = 16,   /* the address must be a multiple of the access size */
    MO_ALIGN_4 = 32, /* ... of 4 (8-byte accesses that need word alignment) */
};

/* The low address bits a memop requires to be zero (0: no check). */
static inline uint32_t memop_align_mask(unsigned memop)
{
    if (memop & MO_ALIGN)
        return (1u << (memop & MO_SIZE)) - 1;
    return (memop & MO_ALIGN_4) ? 3 : 0;
}

/* Helper call flags (op->cflags). */
enum {
    CALL_RW_GLOBALS = 0,    /* default: helper may read and write any global */
    CALL_NO_WG = 1,         /* helper reads globals from env but writes none */
    CALL_NO_RWG = 2,        /* helper touches no global: nothing synced */
    CALL_PURE = 4,          /* no side effects: removable when result unused */
};

typedef enum TCGTempKind {
    TEMP_NORMAL = 0, /* per TB: lives from its first write to its last read */
    TEMP_GLOBAL,     /* guest state in env at mem_offset; persists across TBs */
    TEMP_CONST,      /* read-only constant, value in .val */
    TEMP_FIXED,      /* bound to a host register for the whole TB (tcg_env) */
} TCGTempKind;

#define TCG_MAX_TEMPS 4096
#define TCG_MAX_LABELS 1024
#define TCG_MAX_PINS 9
#define TCG_MAX_FLAG_GLOBALS 32
#define TCG_MAX_REGION_BLOCKS 32
#define TCG_MAX_ARGS 8
#define TEMP_NONE 0xffff

typedef struct TCGTemp {
    uint8_t type;       /* TCGType */
    uint8_t kind;       /* TCGTempKind */
    int32_t mem_offset; /* globals: offset in env; normals: frame slot or -1 */
    uint64_t val;       /* constants */
    const char *name;   /* globals */
    /* Register allocator state, owned by the backend. */
    int8_t reg;         /* host register or -1 */
    uint8_t val_loc;    /* backend-private location kind */
    bool mem_coherent;  /* memory copy is up to date */
    bool pinned;        /* a region's global kept in host register .reg throughout */
} TCGTemp;

/* Temps and labels are small integers (indices into the context). */
typedef uint32_t TCGv;
typedef uint32_t TCGv_i32;
typedef uint32_t TCGv_i64;
typedef uint32_t TCGv_ptr;
typedef uint32_t TCGLabel;

typedef struct TCGOp {
    uint8_t opc;    /* TCGOpcode */
    uint8_t type;   /* TCGType: operand width */
    uint8_t nargs;  /* call: number of inputs used */
    uint8_t cflags; /* call: CALL_* */
    uint32_t life;  /* liveness: bit n set = args[n] dies at this op; LIFE_LAZY */
    uint64_t args[TCG_MAX_ARGS];
} TCGOp;

/* Guest-instruction start records for one TB: host code offset of the end of
   each instruction plus the words of insn_start: data[0] is the guest pc,
   then target words (ARM: the IT state; SPARC: npc ...).  A target uses
   TargetOps.insn_start_words (1..TCG_MAX_INSN_WORDS) of them; unused words
   are 0. */
#define TCG_MAX_INSN_WORDS 3
typedef struct TCGInsnRecord {
    uint32_t host_end; /* offset from tb->code of the first byte after */
    uint32_t data[TCG_MAX_INSN_WORDS];
} TCGInsnRecord;

struct TranslationBlock;

/* Kinds of TCGReloc. */
enum {
    RELOC_CALL_REL32 = 1, /* rel32 field of a call to the host function target */
    RELOC_ABS64,          /* imm64 holding the host function address target */
    RELOC_EPI_REL32,      /* rel32 field of a jmp to the epilogue */
    RELOC_TB_IMM64,       /* imm64 holding (this TB | target) (exit_tb) */
};
#define TCG_MAX_RELOCS 256
typedef struct TCGReloc {
    uint8_t *site;   /* the field, in the code buffer */
    uint32_t kind;   /* RELOC_* */
    uint64_t target;
} TCGReloc;

typedef struct TCGContext {
    TCGTemp temps[TCG_MAX_TEMPS];
    int nb_globals; /* temps[0 .. nb_globals) are globals/fixed, kept across TBs */
    int nb_temps;
    TCGOp *ops;
    int nb_ops, max_ops;
    int nb_labels;
    struct TranslationBlock *tb; /* TB being translated */
    /* Output buffer for tcg_gen_code. */
    uint8_t *code_ptr, *code_end;
    /* Insn records of the TB being generated. */
    TCGInsnRecord *insns;
    int nb_insns, max_insns_rec;
    /* Constant dedup (per TB). */
    uint32_t const_hash[256];
    /* Logging, from -d. */
    unsigned log_mask;
    /* Env offset of the guest pc (TargetOps.pc_offset; -1: none, the
       default).  A chained goto_tb does not store the pc, so the backend's
       exit-request stub at TB entry stores tb->pc here before returning 0
       (tcg/README.md, "Leaving the TB").  tb.c sets it before every
       translation. */
    int entry_pc_off;
    /* The same for the rest of the TB key that a chained jump does not
       store: env offset of cs_base (SPARC npc), -1: none (cs_base is 0). */
    int entry_cs_base_off;
    /* TargetOps.insn_start_words of the target being translated (dumps). */
    int insn_start_words;
    /* TargetOps.big_endian of that target (code fetch, tcg/translator.c). */
    bool guest_big_endian;
    /* Run TBs in the IR interpreter instead of host code (oracle mode). */
    bool interpret;
    /* Optimize every TB.  Off (the default): a TB without labels that is
       not a hot region skips tcg_optimize (cold code: translating it
       cheaply matters more than its code; hot code is translated again as
       a region, fully optimized).  MIMIC_OPTALL=1 turns it on. */
    bool opt_all;
    /* Changes (process-wide unique value) whenever the set of globals does:
       lets the backend cache its per-TB reset of the globals' state. */
    uint32_t globals_gen;
    /* Host-address sites in the code of the TB being generated, for the
       persistent cache (tcg/pcache.c), which must patch them when it loads
       the code elsewhere in another process.  Reset by tcg_func_start;
       pc_uncacheable is set by whatever makes the TB unfit to keep (too
       many sites, a fetch fault, a debugger stop ...). */
    int nb_relocs;
    bool pc_uncacheable;
    /* Guest bytes inside the TB's covered range [lo, lo + size) that its
       translation does not depend on: a plain TB grows to cover the first
       instructions of jump targets ahead of it (translator.c, jump_flags),
       up to two pages away.  The persistent cache stores and compares the
       rest.  Offset from lo and length (0: none); reset by
       tcg_func_start. */
    uint32_t pc_hole_off, pc_hole_len;
    TCGReloc relocs[TCG_MAX_RELOCS];
    /* Pinned globals (hot regions, tcg/region.c): each lives in its host
       register from the TB's entry to every exit, across labels and
       branches; memory is written back at exits, before helper calls that
       read globals; at ops that may fault the fault-site table says where
       each lives.  Chosen by tcg_gen_code after liveness (tcg/gen.c
       pick_pins); tcg_func_start clears it. */
    int nb_pins;
    /* Write-backs of dirty pinned globals the backend left out before ops
       that may fault (-d stats; the fault handler restores them). */
    int nb_wb_avoided;
    /* Hot regions (tcg/translator.c): region_mode while tb.c translates
       one; regions_on when back-edges should count towards one. */
    bool region_mode, regions_on;
    /* Return prediction off: ret_push emits nothing and returns do the
       plain lookup.  The default (measured slower than the inline
       jump-cache probe on ARM: tcg/README.md); MIMIC_RETPRED=1 turns it on. */
    bool retpred_off;
    /* Labels of a region's block entries: jumps back to them are not loops
       inside a block (liveness: no normal temp lives across them). */
    int nb_block_labels;
    TCGLabel block_labels[2 * TCG_MAX_REGION_BLOCKS];
    /* Loops, from the optimizer's label scan, so that liveness and the
       backend need no scan of their own: label_backward[l] when a branch
       after label l goes to it, has_loop when one of those is not a region's
       block entry.  Valid only while label_info_valid (set by the optimizer
       when it removed no branch; cleared by tcg_func_start). */
    bool label_info_valid, has_loop;
    uint8_t label_backward[TCG_MAX_LABELS];
    TCGv pin_temp[TCG_MAX_PINS];
    int8_t pin_reg[TCG_MAX_PINS]; /* host register of each, set by the backend */
    /* Hot regions: the weight of a use of a global in each block (its
       ops from pin_block_op[i] on), from translator.c, for pick_pins
       (tcg/gen.c), which chooses the pins on the ops liveness kept. */
    int nb_pin_blocks;
    int pin_block_op[TCG_MAX_REGION_BLOCKS];
    uint32_t pin_block_weight[TCG_MAX_REGION_BLOCKS];
    /* Flag globals (tcg/README.md, "Dead flags"): globals a front end
       registered with tcg_global_flag (condition codes), bit i of a flag
       mask = flag_temp[i].  Liveness runs a dataflow over the TB's blocks
       for them, so that a flag every path overwrites before reading is
       dead at the block boundaries in between.  Kept across TBs. */
    int nb_flag_globals;
    TCGv flag_temp[TCG_MAX_FLAG_GLOBALS];
    /* Per label of the current TB: the flags live there (liveness's flag
       dataflow; valid when label_flags_valid), so that a branch need not
       store a flag its target overwrites before any read (x86/regalloc.c,
       dead_at_label). */
    const uint32_t *label_flags_live;
    bool label_flags_valid;
    /* Cross-TB dead flags are allowed (main.c: not under gdb, the
       interpreter, single instructions, unchained traces). */
    bool flag_kill_on;
    /* TBs keep dirty globals in host registers across guest accesses,
       with a fault-site table (README "Fault sites");
       MIMIC_FAULTSITES=0 turns it off to compare. */
    bool fault_sites_on;
    /* Flags only a guest fault could read are kept as recipes in the
       fault-site table instead of computed (README "Fault-only flags");
       MIMIC_LAZYFLAGS=0 turns it off to compare. */
    bool lazy_flags_on;
    /* The target's TargetOps.flags_killed (tb.c sets it per translation;
       NULL: none or flag_kill_on off). */
    uint32_t (*flags_killed)(const uint8_t *code, uint32_t avail, uint32_t pc, uint32_t cs_base,
                             uint32_t flags, uint32_t *used);
    /* The flag mask the next goto_tb carries as its c1 (translator_jump
       sets it, tcg_gen_goto_tb consumes it). */
    uint32_t goto_kill;
    /* Exits after which the exec loop resumes at a label's code with the
       same guest state (a region block's exit-request check): for flag
       liveness, a jump to that label.  resume_op = index of the exit_tb. */
    int nb_resume;
    int resume_op[TCG_MAX_REGION_BLOCKS];
    TCGLabel resume_label[TCG_MAX_REGION_BLOCKS];
    /* A region's direct exits beyond its two goto_tb slots become
       lookup_and_goto; they still go to the target their goto_tb's c1 was
       computed for: lookup_op (ascending op indices) keeps that mask. */
    int nb_lookup_kill;
    int lookup_op[2 * TCG_MAX_REGION_BLOCKS];
    uint32_t lookup_kill[2 * TCG_MAX_REGION_BLOCKS];
    /* -d stats: flag-global writes liveness removed because the flag was
       dead at a block boundary (not counting those dead inside a block). */
    uint64_t stat_flag_writes_removed;
} TCGContext;

/* The translation context is single (translation holds tb_lock). */
extern TCGContext tcg_ctx;
/* The env pointer, a TEMP_FIXED I64 temp held in a host register. */
extern TCGv_ptr tcg_env;

/* Note a host-address site of the TB being generated (emit.c, backend.c). */
void tcg_note_reloc(TCGContext *s, uint8_t *site, unsigned kind, uint64_t target);

/* Set up the context once at start-up. */
void tcg_context_init(TCGContext *s);
/* Start a new TB: drops all non-global temps, labels and ops. */
void tcg_func_start(TCGContext *s);

/* Temps. */
TCGv tcg_global_mem_new(TCGType type, int offset, const char *name);
/* Declare global t a flag (condition code: README "Dead flags"); returns
   its bit in flag masks (goto_tb's c1, TargetOps.flags_killed). */
unsigned tcg_global_flag(TCGv t);
TCGv tcg_temp_new(TCGType type);
TCGv tcg_constant(TCGType type, uint64_t val);
static inline TCGv_i32 tcg_temp_new_i32(void) { return tcg_temp_new(TCG_I32); }
static inline TCGv_i64 tcg_temp_new_i64(void) { return tcg_temp_new(TCG_I64); }
static inline TCGv_i32 tcg_constant_i32(uint32_t v) { return tcg_constant(TCG_I32, v); }
static inline TCGv_i64 tcg_constant_i64(uint64_t v) { return tcg_constant(TCG_I64, v); }
TCGLabel gen_new_label(void);

/* Append a raw op; returns it so the caller can fill args.  Inline: the
   front ends emit a few per guest instruction. */
_Noreturn void tcg_op_overflow(TCGOpcode opc);
static inline TCGOp *tcg_emit_op(TCGOpcode opc, TCGType type)
{
    TCGContext *s = &tcg_ctx;
    if (__builtin_expect(s->nb_ops >= s->max_ops, 0)) {
        tcg_op_overflow(opc);
    }
    TCGOp *op = &s->ops[s->nb_ops++];
    *op = (TCGOp){ .opc = (uint8_t)opc, .type = (uint8_t)type };
    return op;
}

/* Is l one of a region's block-entry labels (TCGContext.block_labels)? */
static inline bool tcg_is_block_label(const TCGContext *s, uint64_t l)
{
    for (int i = 0; i < s->nb_block_labels; i++) {
        if (s->block_labels[i] == l) {
            return true;
        }
    }
    return false;
}

/* IR passes. */
void tcg_check(TCGContext *s);      /* aborts on malformed IR (debug builds) */
void tcg_optimize(TCGContext *s);
void tcg_liveness(TCGContext *s);
enum { TCG_REBASE_NONE, TCG_REBASE_ASUM, TCG_REBASE_SUBV, TCG_REBASE_B };
int tcg_flag_rebase(const TCGContext *s, const TCGOp *op, int k, uint16_t *na, uint16_t *nb);
void tcg_dump_ops(TCGContext *s, void *file); /* FILE *, for -d op */

/* Generate host code for the ops in s at s->code_ptr.  Returns the number of
   bytes emitted, or -1 if the buffer between code_ptr and code_end is too
   small (the caller flushes the cache and retries). */
int tcg_gen_code(TCGContext *s, struct TranslationBlock *tb);
/* Set by the fault handler when a guest access with a folded displacement
   wrapped past 4 GiB onto mapped memory: the backend folds no more
   (tcg/x86/backend.c, fold_address). */
extern bool tcg_no_fold;
/* Host instructions in code[0, size) (capstone; 0 without it): -d stats. */
size_t tcg_count_host_insns(const uint8_t *code, size_t size);

/* IR interpreter (the oracle): runs the ops of s against env.  Returns the
   exit value as exit_tb would; goto_tb behaves as "not chained". */
uintptr_t tcg_interpret(TCGContext *s, void *env);
/* A host fault (SIGSEGV, SIGBUS) on this thread while tcg_interpret makes
   a guest access (qemu_ld, qemu_st, cmpxchg): returns true and the
   insn_start words of the instruction making it (all 0 if the TB has none
   before it), for the fault handler to turn into the guest's signal as it
   does for generated code (the interpreter keeps globals in env: only the
   pc and the target's lazy state are to be restored).  False otherwise. */
bool tcg_interp_fault_state(uint32_t words[TCG_MAX_INSN_WORDS]);
/* The value semantics of one pure data op (arithmetic, logic, extensions,
   extract/deposit, setcond/movcond, mul2, width changes, mov): in[] holds the
   input values (args[nb_oargs ..]), constant args come from op.  Writes
   out[0] (and out[1] for mulu2/muls2), truncated to the output width, and
   returns true; returns false for ops with effects.  Shared by the
   interpreter and the optimizer's constant folding (tcg/interp.c). */
bool tcg_op_eval(const TCGOp *op, const uint64_t *in, uint64_t *out);

/* Backend services used by the TB cache. */
void tcg_backend_init(void);  /* builds prologue/epilogue */
/* Enter generated code; returns the exit_tb value. */
uintptr_t tcg_exec_code(void *env, const void *code);
/* Patch the goto_tb jump at jmp_addr (4-byte aligned rel32 field) to target. */
void tcg_patch_jump(uintptr_t jmp_field, uintptr_t target);
/* lookup_and_goto's constant: the jump is a guest return (pops the
   return-prediction ring, CPUCommon.ret_*). */
#define TCG_LOOKUP_RET 1
/* Address generated code jumps to when lookup_and_goto misses: returns 0. */
extern const void *tcg_code_exit_zero;

/* Optional inline jump-cache probe for lookup_and_goto.  A front end whose
   TB key is pc = (u32) env[pc_off], cs_base = (u32) env[cs_base_off] (or 0
   when cs_base_off < 0) and flags = OR over the terms of
   ((u32) env[off] & mask) << shift describes it here once at start-up; the
   backend then probes the thread's jump cache in generated code and calls
   tcg_lookup_code only on a miss.  pc_off < 0 (the default): always call.
   A key of another shape leaves pc_off at -1 (tcg_lookup_code then asks
   TargetOps.tb_key). */
#define TCG_JUMP_KEY_TERMS 3
typedef struct TCGJumpKey {
    int32_t pc_off;
    int32_t cs_base_off;
    int nb_terms; /* 0..TCG_JUMP_KEY_TERMS */
    struct {
        int32_t off;
        uint32_t mask;
        uint8_t shift;
    } term[TCG_JUMP_KEY_TERMS];
} TCGJumpKey;
extern TCGJumpKey tcg_jump_key;

/* Where -d output goes (a FILE *; NULL = stderr). */
extern void *tcg_log_file;

/* Log flags for -d. */
enum {
    LOG_IN_ASM = 1, LOG_OP = 2, LOG_OP_OPT = 4, LOG_OUT_ASM = 8, LOG_EXEC = 16,
    LOG_UNIMP = 32, LOG_STRACE = 64, LOG_STATS = 128, LOG_PAGE = 256,
    LOG_CPU = 512, LOG_NOCHAIN = 1024, LOG_INT = 2048, LOG_GUEST_ERRORS = 4096,
};
/* Logs that need every block to come back to the execution loop: no block
   chaining, no jump-cache probe in generated code. */
/* Not a log item: set by the gdbstub while watchpoints are active, so that
   every TB returns to the exec loop (which checks the watched memory). */
#define LOG_DEBUG_NOCHAIN (1u << 30)
#define LOG_UNCHAINED (LOG_EXEC | LOG_CPU | LOG_NOCHAIN | LOG_DEBUG_NOCHAIN)
/* The logs made per translated block, which -dfilter restricts. */
#define LOG_PER_TB (LOG_IN_ASM | LOG_OP | LOG_OP_OPT | LOG_OUT_ASM)

/* -dfilter (tcg/log-filter.c): parse qemu's range syntax (false and a
   message in err when malformed); log_filter_pc: true when pc is in a
   range, or when there is no filter. */
bool log_filter_parse(const char *spec, char *err, size_t errlen);
bool log_filter_pc(uint32_t pc);

#endif
