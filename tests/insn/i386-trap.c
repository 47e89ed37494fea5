/*
 * i386 traps as Linux delivers them: for each faulting instruction the
 * signal, si_code, si_addr and the eip of the signal frame (relative to
 * the instruction), and registers from the ucontext.
 *
 *   ud2            SIGILL  ILL_ILLOPN  si_addr = eip = the instruction
 *   int3           SIGTRAP SI_KERNEL   si_addr 0, eip = after it
 *   hlt, cli, in   SIGSEGV SI_KERNEL   si_addr 0, eip = the instruction (#GP)
 *   int $0x21      SIGSEGV SI_KERNEL   (#GP: only 3, 4 and 0x80 are user gates)
 *   div by 0,      SIGFPE  FPE_INTDIV  si_addr = eip = the instruction
 *   idiv overflow
 *   store to NULL  SIGSEGV SEGV_MAPERR si_addr 0, eip = the instruction
 *   x87 with an unmasked exception pending: SIGFPE at the next waiting x87
 *   instruction (FPE_FLTDIV for a division by zero)
 *
 * Expected output: i386-trap.expected, written from those rules.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static sigjmp_buf jb;
static volatile int got_sig, got_code;
static volatile uintptr_t got_addr, got_eip, got_eax;

static void handler(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;
    got_sig = sig;
    got_code = si->si_code;
    got_addr = (uintptr_t)si->si_addr;
    got_eip = (uintptr_t)uc->uc_mcontext.gregs[REG_EIP];
    got_eax = (uintptr_t)uc->uc_mcontext.gregs[REG_EAX];
    siglongjmp(jb, 1);
}

/* Each snippet: a global label at the trapping instruction. */
#define SNIPPET(name, body)                                                   \
    extern char name##_at[];                                                  \
    static void name(void)                                                    \
    {                                                                         \
        __asm__ volatile("movl $0x1234, %%eax\n\t" body : : : "eax", "ecx", "edx", "memory"); \
    }
SNIPPET(t_ud2, ".globl t_ud2_at\nt_ud2_at: ud2")
SNIPPET(t_int3, ".globl t_int3_at\nt_int3_at: int3")
SNIPPET(t_hlt, ".globl t_hlt_at\nt_hlt_at: hlt")
SNIPPET(t_cli, ".globl t_cli_at\nt_cli_at: cli")
SNIPPET(t_in, ".globl t_in_at\nt_in_at: inb $0x60, %%al")
SNIPPET(t_int21, ".globl t_int21_at\nt_int21_at: int $0x21")
SNIPPET(t_div0, "xorl %%ecx, %%ecx\n\txorl %%edx, %%edx\n.globl t_div0_at\nt_div0_at: divl %%ecx")
SNIPPET(t_idivov, "movl $0x80000000, %%eax\n\tcltd\n\tmovl $-1, %%ecx\n.globl t_idivov_at\nt_idivov_at: idivl %%ecx")
SNIPPET(t_null, "xorl %%ecx, %%ecx\n.globl t_null_at\nt_null_at: movl %%eax, (%%ecx)")
SNIPPET(t_fpe, "fninit\n\tpushl $0x37b\n\tfldcw (%%esp)\n\taddl $4, %%esp\n\tfldz\n\tfld1\n\t"
               "fdiv %%st(1), %%st\n.globl t_fpe_at\nt_fpe_at: fstp %%st(0)")

static const struct {
    const char *name;
    void (*fn)(void);
    const char *at;
} cases[] = {
    {"ud2", t_ud2, t_ud2_at},       {"int3", t_int3, t_int3_at},   {"hlt", t_hlt, t_hlt_at},
    {"cli", t_cli, t_cli_at},       {"in", t_in, t_in_at},         {"int21", t_int21, t_int21_at},
    {"div0", t_div0, t_div0_at},    {"idivov", t_idivov, t_idivov_at},
    {"null", t_null, t_null_at},    {"x87", t_fpe, t_fpe_at},
};

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        got_sig = 0;
        if (!sigsetjmp(jb, 1))
            cases[i].fn();
        uintptr_t at = (uintptr_t)cases[i].at;
        printf("%-7s sig %d code %#x addr %s eip %+ld eax %#lx\n", cases[i].name, got_sig, got_code,
               got_addr == 0 ? "0" : got_addr == at ? "insn" : "other", (long)(got_eip - at),
               (unsigned long)got_eax);
    }
    return 0;
}
