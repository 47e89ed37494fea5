/*
 * The IR printer (-d op / -d op_opt).  One line per op:
 *
 *   ---- 0x0001043c 00000000          insn_start (guest pc, extra word)
 *    add_i32 r0,r0,$0x4               outputs, inputs, then constant args
 *    brcond_i32 tmp5,$0x0,eq,L3
 *   L3:                               set_label
 *
 * Globals print by name, constants as $0x.., normal temps as tmpN (N is the
 * temp index), labels as LN, conditions and memops by name.
 */
#include <stdio.h>

#include "tcg/tcg.h"

static const char *const cond_names[] = {
    "never", "always", "eq", "ne", "lt", "ge", "le", "gt", "ltu", "geu", "leu", "gtu",
};

/* How each op's constant args print. */
typedef enum { C_NUM, C_HEX, C_LABEL, C_COND, C_MEMOP, C_OFF, C_TEMP } CKind;

static CKind carg_kind(TCGOpcode opc, int k)
{
    switch (opc) {
    case INDEX_op_set_label: case INDEX_op_br: return C_LABEL;
    case INDEX_op_brcond: return k == 0 ? C_COND : C_LABEL;
    case INDEX_op_setcond: case INDEX_op_movcond: return C_COND;
    case INDEX_op_ld_env: case INDEX_op_st_env: return k == 0 ? C_OFF : C_MEMOP;
    case INDEX_op_qemu_ld: case INDEX_op_qemu_st: case INDEX_op_cmpxchg: return C_MEMOP;
    case INDEX_op_discard: return C_TEMP;
    case INDEX_op_exit_tb: case INDEX_op_call: case INDEX_op_ret_push: return C_HEX;
    case INDEX_op_host_simd: return k == 1 || k == 2 ? C_OFF : C_HEX;
    case INDEX_op_host_vec: return k >= 1 ? C_OFF : C_HEX;
    default: return C_NUM;
    }
}

static void print_temp(TCGContext *s, FILE *f, uint64_t t)
{
    if (t == TEMP_NONE) {
        fputs("_", f);
        return;
    }
    if (t >= (uint64_t)s->nb_temps) {
        fprintf(f, "<bad temp %llu>", (unsigned long long)t);
        return;
    }
    const TCGTemp *ts = &s->temps[t];
    switch (ts->kind) {
    case TEMP_CONST:
        fprintf(f, "$0x%llx", (unsigned long long)ts->val);
        break;
    case TEMP_GLOBAL:
    case TEMP_FIXED:
        fputs(ts->name ? ts->name : "?global", f);
        break;
    default:
        fprintf(f, "tmp%llu", (unsigned long long)t);
        break;
    }
}

static void print_memop(FILE *f, uint64_t mo)
{
    fprintf(f, "%s%c%u%s", (mo & MO_BSWAP) ? "be" : "", (mo & MO_SIGN) ? 's' : 'u', 8u << (mo & MO_SIZE),
            (mo & MO_ALIGN) ? "+al" : (mo & MO_ALIGN_4) ? "+al4" : "");
}

static void print_carg(TCGContext *s, FILE *f, CKind kind, uint64_t c)
{
    switch (kind) {
    case C_LABEL: fprintf(f, "L%llu", (unsigned long long)c); break;
    case C_COND:
        if (c < sizeof(cond_names) / sizeof(cond_names[0])) {
            fputs(cond_names[c], f);
        } else {
            fprintf(f, "<bad cond %llu>", (unsigned long long)c);
        }
        break;
    case C_MEMOP: print_memop(f, c); break;
    case C_OFF: fprintf(f, "env+%lld", (long long)c); break;
    case C_TEMP: print_temp(s, f, c); break;
    case C_HEX: fprintf(f, "0x%llx", (unsigned long long)c); break;
    default: fprintf(f, "%llu", (unsigned long long)c); break;
    }
}

/* Generic ops get a width suffix; fixed-width and untyped ops do not. */
static bool has_width_suffix(TCGOpcode opc)
{
    switch (opc) {
    case INDEX_op_nop: case INDEX_op_insn_start: case INDEX_op_discard:
    case INDEX_op_mb: case INDEX_op_set_label: case INDEX_op_br: case INDEX_op_host_simd: case INDEX_op_host_vec:
    case INDEX_op_goto_tb: case INDEX_op_exit_tb: case INDEX_op_lookup_and_goto: case INDEX_op_ret_push:
    case INDEX_op_extu_i32_i64: case INDEX_op_exts_i32_i64:
    case INDEX_op_extrl_i64_i32: case INDEX_op_extrh_i64_i32: case INDEX_op_concat_i32_i64:
        return false;
    default:
        return true;
    }
}

static void dump_call(TCGContext *s, FILE *f, const TCGOp *op)
{
    fprintf(f, " call%s 0x%llx,", op->type == TCG_I64 ? "_i64" : "_i32", (unsigned long long)op->args[7]);
    print_temp(s, f, op->args[0]);
    fputs(",(", f);
    for (int k = 0; k < op->nargs && k < 6; k++) {
        if (k) {
            fputc(',', f);
        }
        print_temp(s, f, op->args[1 + k]);
    }
    fprintf(f, ") flags=0x%x\n", op->cflags);
}

void tcg_dump_ops(TCGContext *s, void *file)
{
    FILE *f = file;
    for (int i = 0; i < s->nb_ops; i++) {
        const TCGOp *op = &s->ops[i];
        if (op->opc >= NB_OPS) {
            fprintf(f, " <bad opcode %u>\n", op->opc);
            continue;
        }
        const TCGOpDef *def = &tcg_op_defs[op->opc];
        TCGOpcode opc = (TCGOpcode)op->opc;

        if (opc == INDEX_op_nop) {
            continue;
        }
        if (opc == INDEX_op_insn_start) {
            fprintf(f, "---- 0x%08llx", (unsigned long long)op->args[0]);
            for (int k = 1; k < s->insn_start_words && k < TCG_MAX_INSN_WORDS; k++) {
                fprintf(f, " %08llx", (unsigned long long)op->args[k]);
            }
            fprintf(f, "\n");
            continue;
        }
        if (opc == INDEX_op_set_label) {
            fprintf(f, "L%llu:\n", (unsigned long long)op->args[0]);
            continue;
        }
        if (opc == INDEX_op_call) {
            dump_call(s, f, op);
            continue;
        }
        fprintf(f, " %s%s", def->name, has_width_suffix(opc) ? (op->type == TCG_I64 ? "_i64" : "_i32") : "");
        int n = def->nb_oargs + def->nb_iargs;
        for (int k = 0; k < n + def->nb_cargs; k++) {
            fputc(k ? ',' : ' ', f);
            if (k < n) {
                print_temp(s, f, op->args[k]);
            } else {
                print_carg(s, f, carg_kind(opc, k - n), op->args[k]);
            }
        }
        fputc('\n', f);
    }
}
