/*
 * SPARC control flow: annulled delay slots (taken and untaken Bicc, ba,a,
 * bn,a, BPr), a DCTI couple, call/jmpl return addresses, register windows
 * (a flushw'd caller's locals found at its %sp, deep recursion spilling and
 * filling, longjmp across windows), a signal inside a delay slot whose
 * frame has pc = the delay slot and npc = the branch target, and signals
 * between a V8+ subcc and its branch on %xcc: the frame's psr carries xcc in
 * bits 16-19 (the sparc64 kernel's tstate_to_psr) and sigreturn puts it
 * back (psr_to_tstate_icc, for a V8PLUS psr).
 * Expected output: sparc-ctl.expected, computed by hand.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint32_t annul_untaken(void)
{
    uint32_t r = 0;
    __asm__ volatile("cmp %%g0, 1\n\tbe,a 1f\n\t add %0, 1, %0\n\tadd %0, 2, %0\n1:" : "+r"(r) : : "cc");
    return r; /* 2: the delay slot is annulled */
}

static uint32_t annul_taken(void)
{
    uint32_t r = 0;
    __asm__ volatile("cmp %%g0, 0\n\tbe,a 1f\n\t add %0, 1, %0\n\tadd %0, 2, %0\n1:" : "+r"(r) : : "cc");
    return r; /* 1 */
}

static uint32_t plain_untaken(void)
{
    uint32_t r = 0;
    __asm__ volatile("cmp %%g0, 1\n\tbe 1f\n\t add %0, 1, %0\n\tadd %0, 2, %0\n1:" : "+r"(r) : : "cc");
    return r; /* 3 */
}

static uint32_t ba_annul(void)
{
    uint32_t r = 0;
    __asm__ volatile("ba,a 1f\n\t add %0, 1, %0\n\tadd %0, 2, %0\n1:\tadd %0, 4, %0" : "+r"(r));
    return r; /* 4 */
}

static uint32_t bn_annul(void)
{
    uint32_t r = 0;
    __asm__ volatile("bn,a 1f\n\t add %0, 1, %0\n\tadd %0, 2, %0\n1:\tadd %0, 4, %0" : "+r"(r));
    return r; /* 6 */
}

static uint32_t brz_annul(uint32_t v)
{
    uint32_t r = 0;
    __asm__ volatile("brz,a %1, 1f\n\t add %0, 1, %0\n\tadd %0, 2, %0\n1:\tadd %0, 4, %0" : "+r"(r) : "r"(v));
    return r; /* v == 0: 5, else 6 */
}

/* A DCTI couple: ba 1f with ba 2f in its delay slot runs the instruction
   at 1f (one), then goes to 2f. */
static uint32_t dcti(void)
{
    uint32_t r = 0;
    __asm__ volatile("ba 1f\n\t ba 2f\n\tadd %0, 100, %0\n1:\tadd %0, 1, %0\n\tadd %0, 10, %0\n2:\tadd %0, 1000, %0"
                     : "+r"(r));
    return r; /* 1001 */
}

/* The caller's locals, after flushw in the callee, at the caller's %sp. */
extern uint32_t flush_probe(void);
__asm__(".text\n\t.align 4\n\t.globl flush_probe\n\t.type flush_probe, #function\nflush_probe:\n\t"
        "save %sp, -96, %sp\n\tsethi %hi(0x12345400), %l0\n\tor %l0, 0x78, %l0\n\t"
        "call flush_inner\n\t nop\n\tret\n\t restore %o0, 0, %o0\n"
        "flush_inner:\n\tsave %sp, -96, %sp\n\tflushw\n\tld [%fp], %i0\n\tret\n\t restore\n");

static int depth_sum(int n)
{
    volatile int pad[4] = {n, 0, 0, 0};
    if (n == 0)
        return 0;
    return n + depth_sum(n - 1) + pad[1];
}

static jmp_buf jb;
static void deep_jump(int n)
{
    if (n == 0)
        longjmp(jb, 7);
    deep_jump(n - 1);
    __asm__ volatile("" ::: "memory");
}

/* ---- a fault in a delay slot ---- */
extern char ds_load[], ds_target[];
static volatile uint32_t seen_pc, seen_npc, seen_psr;
static void on_segv(int sig, siginfo_t *si, void *ctx)
{
    /* sparc32: the third argument is the frame's pt_regs32 {psr, pc, npc, ...}. */
    uint32_t *regs = ctx;
    seen_psr = regs[0];
    seen_pc = regs[1];
    seen_npc = regs[2];
    /* Resume at the branch target: pc = npc, npc = npc + 4. */
    regs[1] = regs[2];
    regs[2] = regs[2] + 4;
}

int main(void)
{
    printf("annul untaken %u\n", annul_untaken());
    printf("annul taken %u\n", annul_taken());
    printf("plain untaken %u\n", plain_untaken());
    printf("ba,a %u\n", ba_annul());
    printf("bn,a %u\n", bn_annul());
    printf("brz,a taken %u untaken %u\n", brz_annul(0), brz_annul(1));
    printf("dcti %u\n", dcti());
    printf("flushw probe %08x\n", flush_probe());
    printf("depth_sum(20000) %d\n", depth_sum(20000));
    int v = setjmp(jb);
    if (!v)
        deep_jump(300);
    printf("longjmp across 300 frames: %d\n", v);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    uint32_t r = 0;
    __asm__ volatile("cmp %%g0, 0\n\tbe ds_target\n"
                     ".globl ds_load\nds_load:\tld [%%g0], %%g1\n\t"
                     "add %0, 1, %0\n"
                     ".globl ds_target\nds_target:\tadd %0, 10, %0"
                     : "+r"(r) : : "g1", "cc", "memory");
    printf("delay-slot fault: pc is the load %d, npc is the target %d, r %u\n",
           seen_pc == (uint32_t)(uintptr_t)ds_load, seen_npc == (uint32_t)(uintptr_t)ds_target, r);

    /* 0 - 1: icc and xcc both N and C (1001); the branch on %xcc after
       the fault and the handler must still see N. */
    r = 0;
    __asm__ volatile("subcc %%g0, 1, %%g0\n\tld [%%g0], %%g1\n\t"
                     "bneg %%xcc, 1f\n\t nop\n\tadd %0, 1, %0\n"
                     "1:\tadd %0, 10, %0"
                     : "+r"(r) : : "g1", "cc", "memory");
    printf("xcc N across a signal: psr[23:16] %02x, r %u\n", (seen_psr >> 16) & 0xff, r);
    /* 0 - 0: Z in both (0100). */
    r = 0;
    __asm__ volatile("cmp %%g0, 0\n\tld [%%g0], %%g1\n\t"
                     "be %%xcc, 1f\n\t nop\n\tadd %0, 1, %0\n"
                     "1:\tadd %0, 10, %0"
                     : "+r"(r) : : "g1", "cc", "memory");
    printf("xcc Z across a signal: psr[23:16] %02x, r %u\n", (seen_psr >> 16) & 0xff, r);
    return 0;
}
