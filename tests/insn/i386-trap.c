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
 *   instruction (FPE_FLTDIV for a division by zero), and at the next MMX
 *   instruction (paddb, emms: #MF as well)
 *   divss by 0 with ZM clear in MXCSR: SIGFPE FPE_FLTDIV (#XM)
 * and the sigcontext's trapno: the vector of the exception (#UD 6, #BP 3,
 * #GP 13, #DE 0, #PF 14, #MF 16, #XM 19).
 * Then 16-, 10- and 8-byte stores (movdqu, movups, fstpt, movq) that cross
 * from a writable page into a PROT_NONE or read-only one, and from a
 * PROT_NONE one into a writable one: SIGSEGV SEGV_ACCERR with si_addr the
 * first byte of the bad page (the page start, or the address itself), and
 * not one byte written, as the CPU checks both pages before it stores
 * anything (the same stores run natively in 64-bit mode agree).
 *
 * Expected output: i386-trap.expected, written from those rules.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

static sigjmp_buf jb;
static volatile int got_sig, got_code;
static volatile uintptr_t got_addr, got_eip, got_eax, got_trapno;

static void handler(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;
    got_sig = sig;
    got_code = si->si_code;
    got_addr = (uintptr_t)si->si_addr;
    got_eip = (uintptr_t)uc->uc_mcontext.gregs[REG_EIP];
    got_eax = (uintptr_t)uc->uc_mcontext.gregs[REG_EAX];
    got_trapno = (uintptr_t)uc->uc_mcontext.gregs[REG_TRAPNO];
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
/* The same with the exception unmasked by fldenv and by frstor, and by
   fldcw after the division set its flag (masked then). */
SNIPPET(t_fpenv, "fninit\n\tsubl $28, %%esp\n\tfnstenv (%%esp)\n\tmovw $0x37b, (%%esp)\n\tfldenv (%%esp)\n\t"
                 "addl $28, %%esp\n\tfldz\n\tfld1\n\tfdiv %%st(1), %%st\n.globl t_fpenv_at\nt_fpenv_at: fstp %%st(0)")
SNIPPET(t_fprstor, "fninit\n\tsubl $108, %%esp\n\tfnsave (%%esp)\n\tmovw $0x37b, (%%esp)\n\tfrstor (%%esp)\n\t"
                   "addl $108, %%esp\n\tfldz\n\tfld1\n\tfdiv %%st(1), %%st\n.globl t_fprstor_at\nt_fprstor_at: fstp %%st(0)")
SNIPPET(t_fplate, "fninit\n\tfldz\n\tfld1\n\tfdiv %%st(1), %%st\n\tpushl $0x37b\n\tfldcw (%%esp)\n\taddl $4, %%esp\n"
                  ".globl t_fplate_at\nt_fplate_at: fstp %%st(0)")
SNIPPET(t_mmx, "fninit\n\tpushl $0x37b\n\tfldcw (%%esp)\n\taddl $4, %%esp\n\tfldz\n\tfld1\n\t"
               "fdiv %%st(1), %%st\n.globl t_mmx_at\nt_mmx_at: paddb %%mm1, %%mm0")
SNIPPET(t_emms, "fninit\n\tpushl $0x37b\n\tfldcw (%%esp)\n\taddl $4, %%esp\n\tfldz\n\tfld1\n\t"
                "fdiv %%st(1), %%st\n.globl t_emms_at\nt_emms_at: emms")
SNIPPET(t_xm, "subl $4, %%esp\n\tmovl $0x1d80, (%%esp)\n\tldmxcsr (%%esp)\n\taddl $4, %%esp\n\t"
              "xorps %%xmm1, %%xmm1\n\tmovl $1, %%ecx\n\tcvtsi2ss %%ecx, %%xmm0\n"
              ".globl t_xm_at\nt_xm_at: divss %%xmm1, %%xmm0")

static const struct {
    const char *name;
    void (*fn)(void);
    const char *at;
} cases[] = {
    {"ud2", t_ud2, t_ud2_at},       {"int3", t_int3, t_int3_at},   {"hlt", t_hlt, t_hlt_at},
    {"cli", t_cli, t_cli_at},       {"in", t_in, t_in_at},         {"int21", t_int21, t_int21_at},
    {"div0", t_div0, t_div0_at},    {"idivov", t_idivov, t_idivov_at},
    {"null", t_null, t_null_at},    {"x87", t_fpe, t_fpe_at},      {"mmx", t_mmx, t_mmx_at},
    {"emms", t_emms, t_emms_at},    {"xm", t_xm, t_xm_at},         {"fpenv", t_fpenv, t_fpenv_at},
    {"fprstor", t_fprstor, t_fprstor_at}, {"fplate", t_fplate, t_fplate_at},
};

/* ---- stores across a page boundary ---- */

static unsigned char *pages; /* three pages: writable, bad, writable (p 0, 1, 2) */

static void set_prot(int bad_prot)
{
    mprotect(pages, 3 * 4096, PROT_READ | PROT_WRITE);
    memset(pages, 0x5a, 3 * 4096);
    mprotect(pages + 4096, 4096, bad_prot);
}

/* Store kinds: the store instruction with the address in ecx (xmm0 named
   as clobbered only where the compiler knows it: -msse). */
#ifdef __SSE__
#define XMM0 "xmm0",
#else
#define XMM0
#endif
static void st_movdqu(uintptr_t a) { __asm__ volatile("pcmpeqb %%xmm0, %%xmm0\n\tmovdqu %%xmm0, (%0)" : : "c"(a) : XMM0 "memory"); }
static void st_movups(uintptr_t a) { __asm__ volatile("pcmpeqb %%xmm0, %%xmm0\n\tmovups %%xmm0, (%0)" : : "c"(a) : XMM0 "memory"); }
static void st_movq(uintptr_t a) { __asm__ volatile("pcmpeqb %%xmm0, %%xmm0\n\tmovq %%xmm0, (%0)" : : "c"(a) : XMM0 "memory"); }
static void st_fstpt(uintptr_t a) { __asm__ volatile("fninit\n\tfld1\n\tfstpt (%0)" : : "c"(a) : "memory"); }

static void cross(const char *name, void (*st)(uintptr_t), int len, int bad_prot, int from_bad, int off)
{
    set_prot(bad_prot);
    /* into the bad page: the store starts off bytes before it; out of it:
       it starts off bytes before the end of the bad page */
    uintptr_t a = (uintptr_t)pages + (from_bad ? 2 * 4096 : 4096) - off;
    got_sig = 0;
    if (!sigsetjmp(jb, 1))
        st(a);
    mprotect(pages + 4096, 4096, PROT_READ | PROT_WRITE);
    int changed = 0;
    for (int i = 0; i < 3 * 4096; i++)
        changed += pages[i] != 0x5a;
    long addr = got_sig ? (long)(got_addr - (uintptr_t)pages) : -1;
    printf("%-6s len %2d %s %-9s off %2d: sig %d code %d addr page%+ld trapno %lu, %d bytes written\n",
           name, len, from_bad ? "out of" : "into", bad_prot == PROT_NONE ? "no-access" : "read-only",
           off, got_sig, got_sig ? got_code : 0, addr < 0 ? 0 : addr - 4096, (unsigned long)got_trapno,
           changed);
}

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
        printf("        trapno %lu\n", (unsigned long)got_trapno);
    }
    __asm__ volatile("emms");

    pages = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    static const struct {
        const char *name;
        void (*st)(uintptr_t);
        int len;
    } kinds[] = { { "movdqu", st_movdqu, 16 }, { "movups", st_movups, 16 }, { "movq", st_movq, 8 },
                  { "fstpt", st_fstpt, 10 } };
    for (unsigned k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        int offs[] = { 4, 8, 12 };
        for (unsigned j = 0; j < 3; j++) {
            if (offs[j] >= kinds[k].len)
                continue;
            cross(kinds[k].name, kinds[k].st, kinds[k].len, PROT_NONE, 0, offs[j]);
            cross(kinds[k].name, kinds[k].st, kinds[k].len, PROT_READ, 0, offs[j]);
            cross(kinds[k].name, kinds[k].st, kinds[k].len, PROT_NONE, 1, offs[j]);
        }
    }
    return 0;
}
