/*
 * x87 instructions (D8..DF).  Not implemented yet: SIGILL at the
 * instruction.
 */
#include "target-i386/translate.h"

void gen_x87(DisasContext *s, X86Insn *in)
{
    gen_exception(s, EXCP_X86_UD, s->pc);
}

void gen_fwait(DisasContext *s)
{
}
