/*
 * Dead flags (tcg/README.md, "Dead flags"): mimic does not compute the
 * NZCV flags that the next code overwrites before reading them, across
 * chained blocks (the front end decodes the jump target's first
 * instructions) and across the blocks of a hot region (a dataflow).  These
 * cases check that what *is* read is still exact:
 *
 *  - x-*: flags set by cmp, then a branch to a new block whose first
 *    instructions keep some flags (ands #imm without rotation, movs
 *    without shift, shifts by a register holding 0, muls), read C (adc,
 *    rrx) or are conditional, and an mrs after them.  The APSR is set to
 *    the opposite values and stored (a str makes mimic write the flags to
 *    env) before the cmp, so a flag wrongly taken as dead shows the old
 *    value.  A32 and Thumb (16 and 32-bit encodings).
 *  - loop-*: hot loops (regions) whose blocks set flags that later blocks
 *    read only in part (bcs after adds, bvs after movs ...).
 *  - segv-*: a load faults in a hot loop right after (same block, or the
 *    next block) an adds whose flags nothing else reads; the SIGSEGV
 *    handler must see them in the saved CPSR.
 *
 * Expected output by hand (flags) and from qemu-arm -cpu cortex-a15
 * (checksums), in arm-flagkill.expected.
 */
#include <signal.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "arm-common.h"

/* ---- x-*: the first instructions of a chained block ---------------------- */

/* cmp a, b with the APSR preset to fl (stored by the str), then a branch to
   a new block running BODY (operands %[r] (in/out), %[a], %[b]); returns
   %[r] and the APSR read after BODY. */
/* ATTR: the function's attribute list, parenthesized (A32 or T32); C: the constraint of the
   registers a 16-bit Thumb encoding may need (r: any, l: r0-r7). */
#define XCASE(fn, ATTR, C, BODY)                                                                \
    static __attribute__(ATTR) uint32_t fn(uint32_t a, uint32_t b, uint32_t fl, uint32_t *res) \
    {                                                                                           \
        uint32_t r = 7, f, scratch[2];                                                          \
        __asm__ volatile(".syntax unified\n\t"                                                  \
                         "msr APSR_nzcvq, %[fl]\n\t"                                            \
                         "str %[fl], %[m]\n\t"                                                  \
                         "cmp %[a], %[b]\n\t"                                                   \
                         "b 1f\n"                                                               \
                         "1:\t" BODY "\n\t"                                                     \
                         "mrs %[f], APSR\n\t"                                                   \
                         : [r] "+&" C(r), [f] "=&r"(f), [m] "=m"(scratch[0])                    \
                         : [a] C(a), [b] C(b), [fl] "r"(fl)                                     \
                         : "cc");                                                               \
        *res = r;                                                                               \
        return f;                                                                               \
    }
#define XCASE_ARM(fn, BODY) XCASE(fn, (noinline), "r", BODY)
#define XCASE_THUMB(fn, BODY) XCASE(fn, (noinline, target("thumb")), "l", BODY)

/* A32 */
XCASE_ARM(xa_ands_imm, "ands %[r], %[a], #0xff")                  /* C, V kept */
XCASE_ARM(xa_ands_rot, "ands %[r], %[a], #0xff000000")            /* C = 1, V kept */
XCASE_ARM(xa_movs, "movs %[r], %[a]")                             /* C, V kept */
XCASE_ARM(xa_movs_lslreg, "mov %[r], #0\n\tmovs %[r], %[a], lsl %[r]") /* count 0: C kept */
XCASE_ARM(xa_adc, "adc %[r], %[a], %[b]\n\tcmn %[r], %[r]")      /* reads C */
XCASE_ARM(xa_rrx, "mov %[r], %[a], rrx\n\tcmn %[a], %[a]")          /* reads C */
XCASE_ARM(xa_cond, "addne %[r], %[r], #1\n\taddvs %[r], %[r], #16\n\tcmp %[a], %[a]") /* reads Z, V */
XCASE_ARM(xa_eors_lsl, "eors %[r], %[a], %[b], lsl #1")           /* C = shifter, V kept */
XCASE_ARM(xa_adds, "adds %[r], %[a], %[b]")                       /* everything overwritten */
XCASE_ARM(xa_movw, "movw %[r], #0x1234\n\tmovt %[r], #0x5678")    /* nothing written */

/* Thumb */
XCASE_THUMB(xt_ands_imm, "ands %[r], %[a], #0xff")                /* T32, imm12 < 0x400: C kept */
XCASE_THUMB(xt_ands_rot, "ands %[r], %[a], #0xff000000")          /* T32, C = 1 */
XCASE_THUMB(xt_lsls0, "lsls %[r], %[a], #0")                      /* T16 movs: C kept */
XCASE_THUMB(xt_lslsreg, "movs %[r], #0\n\tlsls %[r], %[r]")     /* T16 by 0: C kept */
XCASE_THUMB(xt_adcs, "movs %[r], #0\n\tadcs %[r], %[r]")          /* T16 adcs reads C (movs kills N, Z) */
XCASE_THUMB(xt_rrx, "rrx %[r], %[a]\n\tcmn %[a], %[a]")           /* T32 reads C */
XCASE_THUMB(xt_muls, "muls %[r], %[a], %[r]")                     /* T16 muls: C, V kept */
XCASE_THUMB(xt_mul, "mul %[r], %[a], %[b]")                       /* T32 mul: nothing written */
XCASE_THUMB(xt_cmp, "cmp %[b], %[a]")                             /* everything overwritten */
XCASE_THUMB(xt_addw, "addw %[r], %[r], #0x123\n\tands.w %[r], %[r], #0x300") /* N Z written */

typedef uint32_t (*XFn)(uint32_t, uint32_t, uint32_t, uint32_t *);

static void xrun(const char *name, XFn fn)
{
    /* cmp 5, 3: C; cmp 3, 5: N (preset NZCV); cmp 0x80000000, 1: C V */
    static const uint32_t in[3][3] = {
        { 5, 3, 0 },
        { 3, 5, FN | FZ | FC | FV },
        { 0x80000000u, 1, FN | FZ },
    };
    for (int i = 0; i < 3; i++) {
        uint32_t r, f = fn(in[i][0], in[i][1], in[i][2], &r);
        char label[40];
        size_t n = strlen(name);
        memcpy(label, name, n);
        label[n] = '.';
        label[n + 1] = (char)('0' + i);
        label[n + 2] = 0;
        show_f(label, r, f & 0xf0000000u);
    }
}

/* ---- loop-*: hot regions ------------------------------------------------ */

/* n iterations; adds sets flags in one block, later blocks read C (bcs),
   all flags (mrs) or V (bvs after movs, which keeps C and V). */
static __attribute__((noinline)) uint32_t loop_arm(uint32_t n, uint32_t step)
{
    uint32_t acc = 0, carries = 0, sum = 0x12345678, vs = 0, fl = 0;
    __asm__ volatile(".syntax unified\n"
                     "1:\tadds %[sum], %[sum], %[step]\n\t"
                     "bcs 2f\n\t"
                     "add %[acc], %[acc], #1\n\t"
                     "b 3f\n"
                     "2:\tadc %[carries], %[carries], #0\n\t" /* C = 1 here: +1 +1 */
                     "mrs %[fl], APSR\n\t"
                     "add %[acc], %[acc], %[fl], lsr #28\n"
                     "3:\tmovs %[fl], %[acc]\n\t"             /* N Z; C V from adds */
                     "bvs 4f\n\t"
                     "addcs %[vs], %[vs], #3\n\t"
                     "b 5f\n"
                     "4:\tadd %[vs], %[vs], #1\n"
                     "5:\tsubs %[n], %[n], #1\n\t"
                     "bne 1b\n\t"
                     : [acc] "+&r"(acc), [carries] "+&r"(carries), [sum] "+&r"(sum), [vs] "+&r"(vs),
                       [fl] "+&r"(fl), [n] "+&r"(n)
                     : [step] "r"(step)
                     : "cc");
    return acc * 31 + carries * 7 + vs * 3 + sum;
}

static __attribute__((noinline, target("thumb"))) uint32_t loop_thumb(uint32_t n, uint32_t step)
{
    uint32_t acc = 0, carries = 0, sum = 0x12345678, vs = 0, fl = 0;
    __asm__ volatile(".syntax unified\n"
                     "1:\tadds %[sum], %[sum], %[step]\n\t"
                     "bcs 2f\n\t"
                     "adds %[acc], %[acc], #1\n\t"          /* (kills the flags on this path) */
                     "b 3f\n"
                     "2:\tadc %[carries], %[carries], #0\n\t"
                     "mrs %[fl], APSR\n\t"
                     "add %[acc], %[acc], %[fl], lsr #28\n"
                     "3:\tlsls %[fl], %[acc], #0\n\t"
                     "bvs 4f\n\t"
                     "it cs\n\t"
                     "addcs %[vs], %[vs], #3\n\t"
                     "b 5f\n"
                     "4:\tadd %[vs], %[vs], #1\n"
                     "5:\tsubs %[n], %[n], #1\n\t"
                     "bne 1b\n\t"
                     : [acc] "+&l"(acc), [carries] "+&r"(carries), [sum] "+&l"(sum), [vs] "+&r"(vs),
                       [fl] "+&l"(fl), [n] "+&l"(n)
                     : [step] "l"(step)
                     : "cc");
    return acc * 31 + carries * 7 + vs * 3 + sum;
}

/* ---- segv-*: precise flags at a fault in a hot loop --------------------- */

static volatile uint32_t seen_cpsr, seen_r0, seen_faults;
static uint32_t *good_base;

static void on_segv(int sig, siginfo_t *si, void *ucv)
{
    (void)sig;
    (void)si;
    ucontext_t *uc = ucv;
    seen_cpsr = uc->uc_mcontext.arm_cpsr;
    seen_r0 = uc->uc_mcontext.arm_r0;
    seen_faults++;
    uc->uc_mcontext.arm_r3 = (uintptr_t)good_base; /* the load runs again, from here */
}

/* i = 0 .. n-1: adds i + k (k = 0x80000000 - 1500: at i = 1500 the sum is
   0x80000000, N and V set), then a load of base[i]; base[1500] is on a
   PROT_NONE page. */
static __attribute__((noinline)) uint32_t segv_same_block(uint32_t n, const uint32_t *base)
{
    uint32_t i = 0, acc = 0, t, k = 0x80000000u - 1500;
    __asm__ volatile("mov r3, %[base]\n"
                     "1:\tadds %[t], %[i], %[k]\n\t"
                     "ldr r2, [r3, %[i], lsl #2]\n\t"
                     "add %[acc], %[acc], r2\n\t"
                     "add %[i], %[i], #1\n\t"
                     "cmp %[i], %[n]\n\t"
                     "bne 1b\n\t"
                     : [i] "+&r"(i), [acc] "+&r"(acc), [t] "=&r"(t)
                     : [n] "r"(n), [base] "r"(base), [k] "r"(k)
                     : "r2", "r3", "cc", "memory");
    return acc;
}

static __attribute__((noinline)) uint32_t segv_next_block(uint32_t n, const uint32_t *base)
{
    uint32_t i = 0, acc = 0, t, k = 0x80000000u - 1500;
    __asm__ volatile("mov r3, %[base]\n"
                     "1:\tadds %[t], %[i], %[k]\n\t"
                     "b 2f\n"
                     "2:\tldr r2, [r3, %[i], lsl #2]\n\t"
                     "adds %[acc], %[acc], r2\n\t" /* overwrites the flags */
                     "add %[i], %[i], #1\n\t"
                     "cmp %[i], %[n]\n\t"
                     "bne 1b\n\t"
                     : [i] "+&r"(i), [acc] "+&r"(acc), [t] "=&r"(t)
                     : [n] "r"(n), [base] "r"(base), [k] "r"(k)
                     : "r2", "r3", "cc", "memory");
    return acc;
}

static __attribute__((noinline, target("thumb"))) uint32_t segv_thumb(uint32_t n, const uint32_t *base)
{
    uint32_t i = 0, acc = 0, t, k = 0x80000000u - 1500;
    __asm__ volatile(".syntax unified\n\t"
                     "mov r3, %[base]\n"
                     "1:\tadds %[t], %[i], %[k]\n\t"
                     "b 2f\n"
                     "2:\tldr.w r2, [r3, %[i], lsl #2]\n\t"
                     "adds %[acc], %[acc], r2\n\t"
                     "adds %[i], %[i], #1\n\t"
                     "cmp %[i], %[n]\n\t"
                     "bne 1b\n\t"
                     : [i] "+&l"(i), [acc] "+&l"(acc), [t] "=&l"(t)
                     : [n] "l"(n), [base] "r"(base), [k] "l"(k)
                     : "r2", "r3", "cc", "memory");
    return acc;
}

typedef uint32_t (*SegvFn)(uint32_t, const uint32_t *);

static void segv_run(const char *name, SegvFn fn)
{
    long pg = sysconf(_SC_PAGESIZE);
    uint8_t *m = mmap(0, 4 * (size_t)pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) {
        out_str("mmap failed\n");
        return;
    }
    /* [m, m + 2pg): readable, its last 1500 words are base[0..1499];
       [m + 2pg, m + 3pg): PROT_NONE; good_base: all of m + 3pg... */
    mprotect(m + 2 * pg, (size_t)pg, PROT_NONE);
    uint32_t *base = (uint32_t *)(m + 2 * pg) - 1500;
    for (int i = 0; i < 1500; i++) {
        base[i] = (uint32_t)i;
    }
    static uint32_t good[2000];
    for (int i = 0; i < 2000; i++) {
        good[i] = 2 * (uint32_t)i;
    }
    good_base = good;
    seen_cpsr = seen_r0 = seen_faults = 0;
    uint32_t acc = fn(2000, base);
    char label[48];
    size_t n = strlen(name);
    memcpy(label, name, n);
    strcpy(label + n, " faults");
    show(label, seen_faults);
    strcpy(label + n, " cpsr");
    show_f(label, 0, seen_cpsr & 0xf0000000u);
    strcpy(label + n, " acc");
    show(label, acc);
    munmap(m, 4 * (size_t)pg);
}

int main(void)
{
    xrun("xa-ands-imm", xa_ands_imm);
    xrun("xa-ands-rot", xa_ands_rot);
    xrun("xa-movs", xa_movs);
    xrun("xa-movs-lslreg", xa_movs_lslreg);
    xrun("xa-adc", xa_adc);
    xrun("xa-rrx", xa_rrx);
    xrun("xa-cond", xa_cond);
    xrun("xa-eors-lsl", xa_eors_lsl);
    xrun("xa-adds", xa_adds);
    xrun("xa-movw", xa_movw);
    xrun("xt-ands-imm", xt_ands_imm);
    xrun("xt-ands-rot", xt_ands_rot);
    xrun("xt-lsls0", xt_lsls0);
    xrun("xt-lslsreg", xt_lslsreg);
    xrun("xt-adcs", xt_adcs);
    xrun("xt-rrx", xt_rrx);
    xrun("xt-muls", xt_muls);
    xrun("xt-mul", xt_mul);
    xrun("xt-cmp", xt_cmp);
    xrun("xt-addw", xt_addw);

    show("loop-arm 3000 0x9e3779b9", loop_arm(3000, 0x9e3779b9u));
    show("loop-arm 5000 0x7fffffff", loop_arm(5000, 0x7fffffffu));
    show("loop-thumb 3000 0x9e3779b9", loop_thumb(3000, 0x9e3779b9u));
    show("loop-thumb 5000 0x7fffffff", loop_thumb(5000, 0x7fffffffu));

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, 0);
    segv_run("segv-same-block", segv_same_block);
    segv_run("segv-next-block", segv_next_block);
    segv_run("segv-thumb", segv_thumb);
    return 0;
}
