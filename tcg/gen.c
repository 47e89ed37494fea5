/*
 * tcg_gen_code: the per-TB driver.  Checks (debug builds), optimizes, runs
 * liveness, then allocates registers and emits x86-64 code op by op
 * (tcg/x86/), recording where each guest instruction's code ends.
 */
#include <capstone/capstone.h>
#include <inttypes.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcg/tb.h"
#include "tcg/tcg.h"
#include "tcg/x86/x86.h"
#include "include/coldbss.h"

/* Bytes that must be free before emitting one op (the largest op, a call with
   six arguments plus spills, is a few hundred bytes), and for the stubs. */
#define OP_MARGIN 1024

static COLD_BSS X86Gen gen; /* translation is single-threaded (tb_lock) */

static uint8_t *align16(uint8_t *p)
{
    return (uint8_t *)(((uintptr_t)p + 15) & ~(uintptr_t)15);
}

/* Log destination: -D file when the exec loop set one, else stderr. */
static FILE *log_file(void)
{
    return tcg_log_file ? (FILE *)tcg_log_file : stderr;
}

static void log_out_asm(const uint8_t *code, size_t size)
{
    FILE *f = log_file();
    csh h;
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &h) != CS_ERR_OK) {
        fprintf(f, "OUT: (capstone unavailable)\n");
        return;
    }
    cs_insn *insn;
    size_t n = cs_disasm(h, code, size, (uint64_t)(uintptr_t)code, 0, &insn);
    fprintf(f, "OUT: [size=%zu]\n", size);
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "  0x%" PRIx64 ":  %-8s %s\n", insn[i].address, insn[i].mnemonic, insn[i].op_str);
    }
    if (n) {
        cs_free(insn, n);
    }
    fprintf(f, "\n");
    cs_close(&h);
}

size_t tcg_count_host_insns(const uint8_t *code, size_t size)
{
    static csh h;
    static int state; /* 0: not opened, 1: open, -1: unavailable */
    if (state == 0) {
        state = cs_open(CS_ARCH_X86, CS_MODE_64, &h) == CS_ERR_OK ? 1 : -1;
    }
    if (state < 0) {
        return 0;
    }
    cs_insn *insn;
    size_t n = cs_disasm(h, code, size, (uint64_t)(uintptr_t)code, 0, &insn);
    if (n) {
        cs_free(insn, n);
    }
    return n;
}

/* One pass of the backend over the ops from start: 0, or -1 when the code
   buffer is full, or 1 when an op found no free host register and the
   pass may be made again with fewer pinned globals (ra_alloc). */
static int emit_ops(TCGContext *s, X86Gen *g, uint8_t *start)
{
    jmp_buf retry;
    s->code_ptr = start;
    g->s = s;
    g->start = start;
    /* Every TB records where dirty globals live at guest accesses (README
       "Fault sites") instead of writing them back before each access; the
       persistent cache keeps the table with the code. */
    g->fault_tab = s->fault_sites_on;
    g->site_wanted = false;
    g->nb_site_bytes = 0;
    g->regs_retry = s->nb_pins > X86_SAFE_PINS ? &retry : NULL;
    if (g->regs_retry && setjmp(retry)) {
        g->regs_retry = NULL;
        return 1;
    }
    ra_init(g);
    x86_tb_start(g);

    s->nb_insns = 0;
    for (int i = 0; i < s->nb_ops; i++) {
        const TCGOp *op = &s->ops[i];
        if (op->opc == INDEX_op_nop) { /* (the optimizer's and liveness's leftovers) */
            continue;
        }
        if (s->code_end - s->code_ptr < OP_MARGIN) {
            return -1;
        }
        if (op->opc == INDEX_op_insn_start) {
            if (s->nb_insns >= s->max_insns_rec) {
                fprintf(stderr, "mimic: tcg_gen_code: more than %d guest instructions in one TB\n", s->max_insns_rec);
                abort();
            }
            uint32_t here = (uint32_t)(s->code_ptr - start);
            if (s->nb_insns > 0) {
                s->insns[s->nb_insns - 1].host_end = here;
            }
            TCGInsnRecord *rec = &s->insns[s->nb_insns++];
            rec->host_end = here;
            for (int k = 0; k < TCG_MAX_INSN_WORDS; k++) {
                rec->data[k] = (uint32_t)op->args[k];
            }
            continue;
        }
        x86_emit_op(g, op);
    }
    g->regs_retry = NULL;
    if (!x86_tb_end(g)) {
        tcg_dump_ops(s, stderr);
        abort();
    }
    return 0;
}

/* A hot region: pin its most used globals (not the pc) to host registers
   (the backend picks which).  Counted on the ops liveness kept, so that
   writes it removed (dead flags) and fault-only recipes do not count: a
   read counts two, a computed write one, each times the weight of its
   block (translator.c region_pin_weights: 32 times its estimated runs per
   region entry).  A write of a constant (which the backend only records
   until memory needs it) counts only for a global the region also reads:
   a global that is only ever set to constants (i386's cc_op) would get a
   register for nothing but `mov reg, imm`.  A pin past the first
   X86_CALL_SAFE_PINS lives in a register that helper calls clobber: it is
   stored (when dirty) and loaded again around every call, so it is taken
   only when its uses outweigh twice the region's calls (counted with the
   same block weights): i386's x87 code is a helper call per instruction,
   and 5 such pins cost 5 to 10 host instructions at each. */
static void pick_pins(TCGContext *s)
{
    static uint32_t uses[TCG_MAX_TEMPS], const_writes[TCG_MAX_TEMPS];
    static uint8_t read[TCG_MAX_TEMPS];
    int ng = s->nb_globals;
    int blk = 0;
    uint32_t lw = s->nb_pin_blocks ? s->pin_block_weight[0] : 1;
    uint32_t calls = 0;
    memset(uses, 0, (size_t)ng * sizeof(uses[0]));
    memset(const_writes, 0, (size_t)ng * sizeof(const_writes[0]));
    memset(read, 0, (size_t)ng);
    for (int i = 0; i < s->nb_ops; i++) {
        const TCGOp *op = &s->ops[i];
        while (blk + 1 < s->nb_pin_blocks && i >= s->pin_block_op[blk + 1]) {
            lw = s->pin_block_weight[++blk];
        }
        if (op->opc == INDEX_op_nop || op->opc == INDEX_op_insn_start || op->opc == INDEX_op_discard) {
            continue;
        }
        if (op->opc == INDEX_op_call) {
            calls += lw;
        }
        const TCGOpDef *def = &tcg_op_defs[op->opc];
        int nb_o = def->nb_oargs;
        int n = nb_o + (op->opc == INDEX_op_call ? op->nargs : def->nb_iargs);
        bool const_write = op->opc == INDEX_op_mov && s->temps[op->args[1]].kind == TEMP_CONST;
        for (int k = 0; k < n; k++) {
            uint64_t t = op->args[k];
            if (t >= (uint64_t)ng || s->temps[t].kind != TEMP_GLOBAL || (k < nb_o && (op->life & LIFE_LAZY))) {
                continue;
            }
            if (k < nb_o && const_write) {
                const_writes[t] += lw;
                continue;
            }
            uses[t] += k >= nb_o ? 2 * lw : lw;
            read[t] |= k >= nb_o;
        }
    }
    for (int t = 0; t < ng; t++) {
        if (read[t]) {
            uses[t] += const_writes[t];
        }
    }
    s->nb_pins = 0;
    while (s->nb_pins < TCG_MAX_PINS) {
        int best = -1;
        for (int t = 0; t < ng; t++) {
            if (uses[t] > 128 && (best < 0 || uses[t] > uses[best]) && s->temps[t].mem_offset != s->entry_pc_off &&
                s->temps[t].mem_offset != s->entry_cs_base_off) {
                best = t;
            }
        }
        if (best < 0 || (s->nb_pins >= X86_CALL_SAFE_PINS && uses[best] < 2 * calls)) {
            break;
        }
        uses[best] = 0;
        s->pin_temp[s->nb_pins++] = (TCGv)best;
    }
}

int tcg_gen_code(TCGContext *s, TranslationBlock *tb)
{
#ifdef CONFIG_DEBUG_TCG
    tcg_check(s);
#endif
    if (s->log_mask & LOG_OP) {
        fprintf(log_file(), "OP:\n");
        tcg_dump_ops(s, log_file());
    }
    /* Cold TBs (no label, not a region: most TBs) skip the optimizer:
       translation -27% time, +1.2% host code (python3 -c, ARM); hot code is
       optimized as a region (TCGContext.opt_all).  -d op_opt shows what
       the optimizer does: it runs then. */
    bool optimize = s->opt_all || s->nb_labels || s->region_mode || (s->log_mask & LOG_OP_OPT);
    if (!s->interpret && optimize) {
        tcg_optimize(s);
        if (s->log_mask & LOG_OP_OPT) {
            fprintf(log_file(), "OP after optimization:\n");
            tcg_dump_ops(s, log_file());
        }
    }
    tcg_liveness(s);
    if (s->region_mode) {
        pick_pins(s);
    }

    uint8_t *start = align16(s->code_ptr);
    if (start > s->code_end || s->code_end - start < 2 * OP_MARGIN) {
        return -1;
    }
    uint8_t *saved_ptr = s->code_ptr;
    X86Gen *g = &gen;
    /* An op that finds every register it may use taken (many pinned
       globals, an op with many operands in memory): the pass again with
       the least used pin dropped (pins come most used first). */
    int nb_relocs = s->nb_relocs, ret;
    while ((ret = emit_ops(s, g, start)) > 0) {
        s->nb_pins--;
        s->nb_relocs = nb_relocs;
    }
    if (ret < 0) {
        s->code_ptr = saved_ptr;
        return -1;
    }
    size_t size = (size_t)(s->code_ptr - start);
    if (s->nb_insns > 0) {
        s->insns[s->nb_insns - 1].host_end = (uint32_t)size;
    }
    for (int n = 0; n < TB_JMP_SLOTS; n++) {
        if (g->jmp_field[n] != 0xffff && g->jmp_reset[n] >= 0xffff) {
            fprintf(stderr, "mimic: tcg_gen_code: goto_tb beyond 64 KiB of host code in one TB\n");
            abort();
        }
    }
    /* The fault-site table, 4-byte aligned after the code, with its end mark. */
    uint32_t site_off = 0;
    if (g->nb_site_bytes) {
        uint8_t *p = (uint8_t *)(((uintptr_t)s->code_ptr + 3) & ~(uintptr_t)3);
        if (s->code_end - p < (ptrdiff_t)g->nb_site_bytes + 4) {
            s->code_ptr = saved_ptr;
            return -1;
        }
        memcpy(p, g->sites, g->nb_site_bytes);
        memset(p + g->nb_site_bytes, 0xff, 4);
        site_off = (uint32_t)(p - start);
        s->code_ptr = p + g->nb_site_bytes + 4;
    }
    if (tb) {
        tb->code = start;
        tb->code_size = (uint32_t)size;
        tb->site_off = site_off;
        for (int n = 0; n < TB_JMP_SLOTS; n++) {
            tb->jmp_field[n] = g->jmp_field[n];
            tb->jmp_reset[n] = g->jmp_reset[n];
        }
        tb->nb_pins = (uint8_t)s->nb_pins;
        tb->pin_w64 = 0;
        for (int i = 0; i < s->nb_pins; i++) {
            const TCGTemp *ts = &s->temps[s->pin_temp[i]];
            tb->pin_reg[i] = s->pin_reg[i];
            tb->pin_off[i] = (uint16_t)ts->mem_offset;
            if (ts->type == TCG_I64) {
                tb->pin_w64 |= (uint16_t)(1u << i);
            }
        }
    }
    __builtin___clear_cache((char *)start, (char *)s->code_ptr);
    if (s->log_mask & LOG_OUT_ASM) {
        log_out_asm(start, size);
    }
    uint8_t *next = align16(s->code_ptr);
    s->code_ptr = next <= s->code_end ? next : s->code_end;
    return (int)size;
}
