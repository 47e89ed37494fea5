/* Hot loops, the code mimic turns into hot regions (several guest blocks in
   one translation, guest registers kept in host registers across them).
   Each part runs a loop long enough to become hot, then checks what a
   region must keep exact:
     1. a signal delivered to a thread spinning in a hot loop stops it
        (exit requests inside regions);
     2. a fault inside a hot loop: the stores before it are all done and
        the guest registers the SIGSEGV handler sees are those of the
        faulting instruction (ARM: checked in the ucontext; elsewhere the
        same numbers are computed in C);
     3. a hot loop in generated code, rewritten and run again, runs the new
        code (ARM: machine code in an RWX mapping; elsewhere computed).
   The expected output is the native build's. */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <ucontext.h>
#include <unistd.h>

static volatile sig_atomic_t stop;
static void on_alarm(int sig) { (void)sig; stop = 1; }

static sigjmp_buf env;
static volatile uint32_t fault_regs[4];
static volatile int faulted;

#define NWORDS 3000u
static uint32_t *words; /* NWORDS words, then an inaccessible page */

static uint32_t fold(uint32_t n)
{
    uint32_t sum = 0;
    for (uint32_t i = 0; i < n; i++) {
        sum += words[i];
        sum ^= (i + 1) << 3;
    }
    return sum;
}

#if defined(__arm__)
/* r4 counts, r5 folds, r6 walks the words; the load at the guard faults. */
static void walk(uint32_t *start)
{
    __asm__ volatile("mov r4, #0\n\t"
                     "mov r5, #0\n\t"
                     "mov r6, %0\n"
                     "1:\n\t"
                     "ldr r8, [r6], #4\n\t"
                     "add r5, r5, r8\n\t"
                     "add r4, r4, #1\n\t"
                     "eor r5, r5, r4, lsl #3\n\t"
                     "b 1b\n"
                     :
                     : "r"(start)
                     : "r4", "r5", "r6", "r8", "memory", "cc");
}

static void on_segv(int sig, siginfo_t *si, void *ucp)
{
    (void)sig;
    (void)si;
    const ucontext_t *uc = ucp;
    fault_regs[0] = uc->uc_mcontext.arm_r4;
    fault_regs[1] = uc->uc_mcontext.arm_r5;
    fault_regs[2] = uc->uc_mcontext.arm_r6 - (uint32_t)(uintptr_t)words;
    faulted = 1;
    siglongjmp(env, 1);
}
#else
/* The numbers the ARM loop leaves in r4, r5 and r6 - words at the fault. */
static void walk(uint32_t *start)
{
    (void)start;
    fault_regs[0] = NWORDS;
    fault_regs[1] = fold(NWORDS);
    fault_regs[2] = NWORDS * 4;
    faulted = 1;
    siglongjmp(env, 1);
}

static void on_segv(int sig, siginfo_t *si, void *ucp)
{
    (void)sig;
    (void)si;
    (void)ucp;
    siglongjmp(env, 2);
}
#endif

/* A C loop with its stores in memory: how far it got before the fault. */
static volatile uint32_t out[8];
static void walk_c(void)
{
    uint32_t s = 0;
    for (uint32_t i = 0;; i++) {
        s += words[i] * (i | 1);
        out[i & 7] = s;
    }
}

#if defined(__arm__)
/* f(n): r1 = 0; do r1 += K while --n; return r1.
     mov r1, #0 ; add r1, r1, #K ; subs r0, r0, #1 ; bne .-8 ; mov r0, r1 ; bx lr */
static void emit_loop(uint32_t *p, unsigned k)
{
    p[0] = 0xe3a01000u;
    p[1] = 0xe2811000u | (k & 0xff);
    p[2] = 0xe2500001u;
    p[3] = 0x1afffffcu;
    p[4] = 0xe1a00001u;
    p[5] = 0xe12fff1eu;
    __builtin___clear_cache((char *)p, (char *)(p + 6));
}
static unsigned run_loop(void *code, unsigned n) { return ((unsigned (*)(unsigned))code)(n); }
#else
static unsigned loop_k;
static void emit_loop(uint32_t *p, unsigned k) { (void)p; loop_k = k & 0xff; }
static unsigned run_loop(void *code, unsigned n) { (void)code; return loop_k * n; }
#endif

int main(void)
{
    /* 1: a spinning loop stopped by a timer signal. */
    signal(SIGALRM, on_alarm);
    struct itimerval it = { { 0, 0 }, { 0, 50000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    uint32_t x = 1, n = 0;
    while (!stop) {
        x = x * 1103515245u + 12345u;
        n++;
    }
    printf("spin stopped by the signal: %s\n", n > 0 ? "yes" : "no");

    /* 2: faults inside hot loops. */
    size_t bytes = NWORDS * 4;
    size_t pages = (bytes + 4095) / 4096;
    unsigned char *m = mmap(NULL, (pages + 1) * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) {
        printf("mmap failed\n");
        return 1;
    }
    mprotect(m + pages * 4096, 4096, PROT_NONE);
    words = (uint32_t *)(m + pages * 4096 - bytes); /* ends at the guard */
    for (uint32_t i = 0; i < NWORDS; i++)
        words[i] = i * 2654435761u;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    for (int round = 0; round < 3; round++) {
        faulted = 0;
        if (sigsetjmp(env, 1) == 0)
            walk(words);
        printf("asm loop fault %d: count %u fold %08x offset %u\n", faulted, fault_regs[0], fault_regs[1],
               fault_regs[2]);
    }
    if (sigsetjmp(env, 1) == 0)
        walk_c();
    uint32_t s = 0;
    for (uint32_t i = 0; i < NWORDS; i++)
        s += words[i] * (i | 1);
    printf("C loop fault: last store %s\n", out[(NWORDS - 1) & 7] == s ? "done" : "missing");

    /* 3: a hot loop in generated code, rewritten. */
    uint32_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) {
        printf("mmap rwx failed\n");
        return 1;
    }
    for (unsigned k = 1; k <= 4; k++) {
        emit_loop(code, k * 3);
        unsigned r1 = run_loop(code, 5000), r2 = run_loop(code, 7000);
        printf("generated loop k=%u: %u %u\n", k * 3, r1, r2);
    }
    return 0;
}
