/* Exact NZCV at a fault when the flags were left as recipes ("fault-only
   flags", tcg/README.md): a hot loop sets the flags with cmp, cmn and a
   compare with a constant, branches on them (forward, so the paths meet at
   a label before the next access) and then walks into a guard page, at
   either of two loads.  Nothing but the fault reads those flags, so a hot
   region does not compute them: the fault handler must, from the operands
   in host registers.  The SIGSEGV handler reads every register and NZCV
   from the ucontext; elsewhere than ARM a C model of the loop gives the
   numbers, and the expected output is the native build's. */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

#define NWORDS 3000u
static uint32_t *words; /* NWORDS words, then an inaccessible page */
static sigjmp_buf jb;

enum { R0, R1, R2, R3, R4, R5, R6, R8, R9, R10, R12, NZCV, NREGS };
static const char *const names[NREGS] = { "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r8", "r9", "r10", "r12", "nzcv" };
static volatile uint32_t seen[NREGS];

#if defined(__arm__)
static void on_segv(int sig, siginfo_t *si, void *ucp)
{
    (void)sig;
    (void)si;
    const mcontext_t *m = &((const ucontext_t *)ucp)->uc_mcontext;
    const unsigned long r[NREGS] = { m->arm_r0, m->arm_r1, m->arm_r2, m->arm_r3, m->arm_r4, m->arm_r5,
                                     m->arm_r6 - (unsigned long)(uintptr_t)words, m->arm_r8, m->arm_r9,
                                     m->arm_r10, m->arm_ip, m->arm_cpsr >> 28 };
    for (int i = 0; i < NREGS; i++)
        seen[i] = (uint32_t)r[i];
    siglongjmp(jb, 1);
}

/* delta 0: the second load reads one word ahead (it faults first); -4:
   it rereads the word the first load read (the first faults). */
static void walk(uint32_t *p, int32_t delta)
{
    __asm__ volatile("mov r0, #1\n\t"
                     "mov r1, #2\n\t"
                     "mov r2, #0\n\t"
                     "mov r3, #0\n\t"
                     "mov r4, #0\n\t"
                     "mov r5, #0\n\t"
                     "ldr r6, %0\n\t"
                     "ldr r10, %1\n\t"
                     "mov r8, #0\n\t"
                     "mov r9, #0\n\t"
                     "mov r12, #0\n"
                     "1:\n\t"
                     "add r0, r0, r1\n\t"
                     "eor r1, r1, r0, ror #7\n\t"
                     "cmp r0, r1\n\t"
                     "bgt 2f\n\t"
                     "add r2, r2, #1\n\t"
                     "b 3f\n"
                     "2:\n\t"
                     "add r3, r3, #1\n"
                     "3:\n\t"
                     "ldr r8, [r6], #4\n\t"
                     "cmn r8, r0\n\t"
                     "ldr r9, [r6, r10]\n\t"
                     "add r5, r5, r9\n\t"
                     "cmp r5, #7\n\t"
                     "ble 4f\n\t"
                     "add r4, r4, r5\n"
                     "4:\n\t"
                     "subs r12, r12, #1\n\t"
                     "b 1b\n"
                     :
                     : "m"(p), "m"(delta)
                     : "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r8", "r9", "r10", "r12", "memory", "cc");
}

/* Recipes whose first operand is overwritten before the access: `subs r12,
   r12, #1` (the flags then come from r12's new value and the constant),
   `cmp r0, r1` then `add r0, r0, #3` (from the difference and r1), with
   more registers live than there are pinned ones.  delta 0: load B faults
   first; -4: load C. */
static void walk2(uint32_t *p, int32_t delta)
{
    __asm__ volatile("mov r0, #1\n\t"
                     "mov r1, #2\n\t"
                     "mov r2, #0\n\t"
                     "mov r3, #0\n\t"
                     "mov r4, #0\n\t"
                     "mov r5, #0\n\t"
                     "ldr r6, %0\n\t"
                     "ldr r10, %1\n\t"
                     "mov r8, #0\n\t"
                     "mov r9, #0\n\t"
                     "mov r12, #0\n"
                     "1:\n\t"
                     "add r0, r0, r1\n\t"
                     "eor r1, r1, r0, ror #7\n\t"
                     "ldr r8, [r6], #4\n\t"
                     "subs r12, r12, #1\n\t"
                     "ldr r9, [r6, r10]\n\t"
                     "add r5, r5, r9\n\t"
                     "cmp r5, r4\n\t"
                     "bgt 2f\n\t"
                     "add r4, r4, #1\n\t"
                     "b 3f\n"
                     "2:\n\t"
                     "add r3, r3, r8\n"
                     "3:\n\t"
                     "cmp r0, r1\n\t"
                     "add r0, r0, #3\n\t"
                     "ldr r2, [r6]\n\t"
                     "b 1b\n"
                     :
                     : "m"(p), "m"(delta)
                     : "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r8", "r9", "r10", "r12", "memory", "cc");
}
/* A byte compare of two strings (bzip2's mainGtU): `ldrb r5; ldrb r4; add;
   cmp r5, r4; bhi`, twice per iteration.  At the second half's `ldrb r4` the
   flags are still the first `cmp`'s, whose operands the two loads
   overwrite (the first by the rebase on r5 - r4, the second at the faulting
   load itself, which must still record them).  start: r6's first offset
   (its parity picks which half reaches the guard page); r5 loads from back
   bytes behind r6. */
static void walk3(uint32_t *p, int32_t start, int32_t back)
{
    __asm__ volatile("mov r0, #0\n\t"
                     "mov r1, #0\n\t"
                     "mov r2, #0\n\t"
                     "mov r3, #0\n\t"
                     "mov r4, #0\n\t"
                     "mov r5, #0\n\t"
                     "ldr r6, %0\n\t"
                     "ldr r10, %1\n\t"
                     "add r6, r6, r10\n\t"
                     "mov r10, #0\n\t"
                     "ldr r8, %2\n\t"
                     "mov r9, #0\n\t"
                     "mov r12, #0\n"
                     "1:\n\t"
                     "ldrb r5, [r6, r8]\n\t"
                     "ldrb r4, [r6]\n\t"
                     "add r6, r6, #1\n\t"
                     "cmp r5, r4\n\t"
                     "bhi 2f\n\t"
                     "ldrb r5, [r6, r8]\n\t"
                     "ldrb r4, [r6]\n\t"
                     "add r6, r6, #1\n\t"
                     "cmp r5, r4\n\t"
                     "bhi 2f\n\t"
                     "add r12, r12, #1\n\t"
                     "b 1b\n"
                     "2:\n\t"
                     "add r9, r9, #1\n\t"
                     "b 1b\n"
                     :
                     : "m"(p), "m"(start), "m"(back)
                     : "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r8", "r9", "r10", "r12", "memory", "cc");
}
/* N and Z of `ands r4, r4, r1` wait as a recipe (a copy of r4) that only a
   fault reads: the next `cmp` sets them again.  The load into r4 in
   between overwrites the recipe's operand and may fault itself: its fault
   must show them from r4 as it was.  mask: r1. */
static void walk4(uint32_t *p, uint32_t mask)
{
    __asm__ volatile("mov r0, #0\n\t"
                     "ldr r1, %1\n\t"
                     "mov r2, #0\n\t"
                     "ldr r3, =0x40000000\n\t"
                     "mvn r4, #0\n\t"
                     "mov r5, #0\n\t"
                     "ldr r6, %0\n\t"
                     "mov r10, #0\n\t"
                     "mov r8, #0\n\t"
                     "mov r9, #0\n\t"
                     "mov r12, #0\n"
                     "1:\n\t"
                     "ands r4, r4, r1\n\t"
                     "ldr r4, [r6, #4]\n\t"
                     "add r6, r6, #4\n\t"
                     "cmp r4, r3\n\t"
                     "it hi\n\t"
                     "addhi r9, r9, #1\n\t"
                     "b 1b\n"
                     :
                     : "m"(p), "m"(mask)
                     : "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r8", "r9", "r10", "r12", "memory", "cc");
}
/* Flags of instructions that overwrite their own source, left as
   recipes on the result (tcg_flag_rebase): `adds r2, r2, r3` (C and V from
   the sum and r3) before load A, `subs r1, r1, #1` (from r1's new value)
   before load B; the `cmp` after B sets them again.  delta 0: B faults
   first (subs: r1's start picks V, Z or N at the fault); -4: A faults (adds:
   r2's start picks the carry and overflow). */
static void walk5(uint32_t *p, int32_t delta, uint32_t r1, uint32_t r2)
{
    __asm__ volatile("mov r0, #0\n\t"
                     "ldr r1, %2\n\t"
                     "ldr r2, %3\n\t"
                     "mov r3, #0\n\t"
                     "mov r4, #0\n\t"
                     "mov r5, #0\n\t"
                     "ldr r6, %0\n\t"
                     "ldr r10, %1\n\t"
                     "mov r8, #0\n\t"
                     "mov r9, #0\n\t"
                     "mov r12, #0\n"
                     "1:\n\t"
                     "adds r2, r2, r3\n\t"
                     "ldr r8, [r6], #4\n\t"
                     "subs r1, r1, #1\n\t"
                     "ldr r3, [r6, r10]\n\t"
                     "cmp r8, r3\n\t"
                     "it gt\n\t"
                     "addgt r9, r9, #1\n\t"
                     "b 1b\n"
                     :
                     : "m"(p), "m"(delta), "m"(r1), "m"(r2)
                     : "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r8", "r9", "r10", "r12", "memory", "cc");
}
#else
static uint32_t ror(uint32_t x, unsigned n) { return x >> n | x << (32 - n); }
static uint32_t nzcv_sub(uint32_t a, uint32_t b)
{
    uint32_t r = a - b;
    return (r >> 31) << 3 | (r == 0) << 2 | (a >= b) << 1 | (((a ^ b) & (a ^ r)) >> 31);
}
static uint32_t nzcv_add(uint32_t a, uint32_t b)
{
    uint32_t r = a + b;
    return (r >> 31) << 3 | (r == 0) << 2 | (r < a) << 1 | ((~(a ^ b) & (a ^ r)) >> 31);
}

/* The ARM loop in C: stops where a load would read words[NWORDS]. */
static void walk(uint32_t *p, int32_t delta)
{
    (void)p;
    uint32_t r[NREGS] = { 1, 2, 0, 0, 0, 0, 0, 0, 0, (uint32_t)delta, 0, 0 };
    for (;;) {
        r[R0] += r[R1];
        r[R1] ^= ror(r[R0], 7);
        r[NZCV] = nzcv_sub(r[R0], r[R1]);
        if ((int32_t)r[R0] > (int32_t)r[R1])
            r[R3]++;
        else
            r[R2]++;
        if (r[R6] / 4 == NWORDS)
            break;
        r[R8] = words[r[R6] / 4];
        r[R6] += 4;
        r[NZCV] = nzcv_add(r[R8], r[R0]);
        uint32_t at = r[R6] + (uint32_t)delta;
        if (at / 4 == NWORDS)
            break;
        r[R9] = words[at / 4];
        r[R5] += r[R9];
        r[NZCV] = nzcv_sub(r[R5], 7);
        if ((int32_t)r[R5] > 7)
            r[R4] += r[R5];
        r[NZCV] = nzcv_sub(r[R12], 1);
        r[R12] -= 1;
    }
    for (int i = 0; i < NREGS; i++)
        seen[i] = r[i];
    siglongjmp(jb, 1);
}

static void walk2(uint32_t *p, int32_t delta)
{
    (void)p;
    uint32_t r[NREGS] = { 1, 2, 0, 0, 0, 0, 0, 0, 0, (uint32_t)delta, 0, 0 };
    for (;;) {
        r[R0] += r[R1];
        r[R1] ^= ror(r[R0], 7);
        if (r[R6] / 4 == NWORDS)
            break;
        r[R8] = words[r[R6] / 4];
        r[R6] += 4;
        r[NZCV] = nzcv_sub(r[R12], 1);
        r[R12] -= 1;
        uint32_t at = r[R6] + (uint32_t)delta;
        if (at / 4 == NWORDS)
            break;
        r[R9] = words[at / 4];
        r[R5] += r[R9];
        r[NZCV] = nzcv_sub(r[R5], r[R4]);
        if ((int32_t)r[R5] > (int32_t)r[R4])
            r[R3] += r[R8];
        else
            r[R4] += 1;
        r[NZCV] = nzcv_sub(r[R0], r[R1]);
        r[R0] += 3;
        if (r[R6] / 4 == NWORDS)
            break;
        r[R2] = words[r[R6] / 4];
    }
    for (int i = 0; i < NREGS; i++)
        seen[i] = r[i];
    siglongjmp(jb, 1);
}

/* Byte i of words as a little-endian guest (ARM) reads it. */
static uint32_t byte_le(uint32_t i) { return words[i / 4] >> (8 * (i % 4)) & 0xff; }

static void walk3(uint32_t *p, int32_t start, int32_t back)
{
    (void)p;
    uint32_t r[NREGS] = { 0, 0, 0, 0, 0, 0, (uint32_t)start, (uint32_t)back, 0, 0, 0, 0 };
    for (;;) {
        int half;
        for (half = 0; half < 2; half++) {
            r[R5] = byte_le(r[R6] + r[R8]);
            if (r[R6] == NWORDS * 4)
                goto fault;
            r[R4] = byte_le(r[R6]++);
            r[NZCV] = nzcv_sub(r[R5], r[R4]);
            if (r[R5] > r[R4])
                break;
        }
        if (half < 2)
            r[R9]++;
        else
            r[R12]++;
    }
fault:
    for (int i = 0; i < NREGS; i++)
        seen[i] = r[i];
    siglongjmp(jb, 1);
}

static void walk4(uint32_t *p, uint32_t mask)
{
    (void)p;
    uint32_t r[NREGS] = { 0, mask, 0, 0x40000000u, 0xffffffffu, 0, 0, 0, 0, 0, 0, 0 };
    for (;;) {
        r[R4] &= r[R1];
        r[NZCV] = (r[NZCV] & 3) | (r[R4] >> 31) << 3 | (uint32_t)(r[R4] == 0) << 2;
        if (r[R6] + 4 == NWORDS * 4)
            break;
        r[R4] = words[(r[R6] + 4) / 4];
        r[R6] += 4;
        r[NZCV] = nzcv_sub(r[R4], r[R3]);
        if (r[R4] > r[R3])
            r[R9]++;
    }
    for (int i = 0; i < NREGS; i++)
        seen[i] = r[i];
    siglongjmp(jb, 1);
}

static void walk5(uint32_t *p, int32_t delta, uint32_t r1, uint32_t r2)
{
    (void)p;
    uint32_t r[NREGS] = { 0, r1, r2, 0, 0, 0, 0, 0, 0, (uint32_t)delta, 0, 0 };
    for (;;) {
        r[NZCV] = nzcv_add(r[R2], r[R3]);
        r[R2] += r[R3];
        if (r[R6] / 4 == NWORDS)
            break;
        r[R8] = words[r[R6] / 4];
        r[R6] += 4;
        r[NZCV] = nzcv_sub(r[R1], 1);
        r[R1] -= 1;
        uint32_t at = r[R6] + (uint32_t)delta;
        if (at / 4 == NWORDS)
            break;
        r[R3] = words[at / 4];
        r[NZCV] = nzcv_sub(r[R8], r[R3]);
        if ((int32_t)r[R8] > (int32_t)r[R3])
            r[R9]++;
    }
    for (int i = 0; i < NREGS; i++)
        seen[i] = r[i];
    siglongjmp(jb, 1);
}

static void on_segv(int sig, siginfo_t *si, void *ucp)
{
    (void)sig;
    (void)si;
    (void)ucp;
    siglongjmp(jb, 2);
}
#endif

int main(void)
{
    size_t bytes = NWORDS * 4;
    size_t pages = (bytes + 4095) / 4096;
    unsigned char *m = mmap(NULL, (pages + 1) * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) {
        printf("mmap failed\n");
        return 1;
    }
    mprotect(m + pages * 4096, 4096, PROT_NONE);
    words = (uint32_t *)(m + pages * 4096 - bytes); /* ends at the guard */
    uint32_t x = 777;
    for (uint32_t i = 0; i < NWORDS; i++) {
        x = x * 1103515245u + 12345u;
        /* Values around 0 and INT_MIN/INT_MAX so that cmn sets every flag
           combination somewhere. */
        words[i] = (i % 4 == 0) ? x : (i % 4 == 1) ? x >> 28 : (i % 4 == 2) ? 0x7ffffff0u + (x & 31) : 0u - (x & 15);
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    static const int32_t deltas[] = { 0, -4, 0, -4 };
    for (int k = 0; k < 4; k++) {
        memset((void *)seen, 0, sizeof seen);
        int how = sigsetjmp(jb, 1);
        if (how == 0)
            walk(words, deltas[k]);
        printf("fault at load %c:%s", deltas[k] ? 'A' : 'B', how == 1 ? "" : " (no fault)");
        for (int i = 0; i < NREGS; i++)
            printf(" %s=%08x", names[i], seen[i]);
        printf("\n");
    }
    for (int k = 0; k < 4; k++) {
        memset((void *)seen, 0, sizeof seen);
        int how = sigsetjmp(jb, 1);
        if (how == 0)
            walk2(words, deltas[k]);
        printf("walk2 fault at load %c:%s", deltas[k] ? 'C' : 'B', how == 1 ? "" : " (no fault)");
        for (int i = 0; i < NREGS; i++)
            printf(" %s=%08x", names[i], seen[i]);
        printf("\n");
    }
    /* (which half faults, and with which flags, depends on the bytes near
       the end: every start parity with a dozen distances) */
    for (int k = 0; k < 24; k++) {
        int32_t start = 16 + k % 2, back = -1 - k / 2;
        memset((void *)seen, 0, sizeof seen);
        int how = sigsetjmp(jb, 1);
        if (how == 0)
            walk3(words, start, back);
        printf("walk3 from %d back %d:%s", start, -back, how == 1 ? "" : " (no fault)");
        for (int i = 0; i < NREGS; i++)
            printf(" %s=%08x", names[i], seen[i]);
        printf("\n");
    }
    static const uint32_t masks[] = { 0x8000f00fu, 0x0000ffffu, 0u };
    for (int k = 0; k < 3; k++) {
        memset((void *)seen, 0, sizeof seen);
        int how = sigsetjmp(jb, 1);
        if (how == 0)
            walk4(words, masks[k]);
        printf("walk4 mask %08x:%s", masks[k], how == 1 ? "" : " (no fault)");
        for (int i = 0; i < NREGS; i++)
            printf(" %s=%08x", names[i], seen[i]);
        printf("\n");
    }
    /* B faults after the NWORDS-th subs; A after the adds of the last word
       to the sum of the others plus r2's start (pre + r2 = INT_MIN: the
       last word, negative, overflows; 0: no carry). */
    uint32_t pre = 0;
    for (uint32_t i = 0; i + 1 < NWORDS; i++)
        pre += words[i];
    const struct { int32_t delta; uint32_t r1, r2; } w5[] = {
        { 0, 0x80000000u + NWORDS - 1, 0 }, { 0, NWORDS - 1, 0 }, { 0, NWORDS, 0 },
        { -4, 0, 0x80000000u - pre }, { -4, 0, 0u - pre }, { -4, 0, 0x7fffffffu - pre }, { -4, 0, 0xc0000000u },
    };
    for (unsigned k = 0; k < sizeof w5 / sizeof w5[0]; k++) {
        memset((void *)seen, 0, sizeof seen);
        int how = sigsetjmp(jb, 1);
        if (how == 0)
            walk5(words, w5[k].delta, w5[k].r1, w5[k].r2);
        printf("walk5 fault at load %c r1 %08x r2 %08x:%s", w5[k].delta ? 'A' : 'B', w5[k].r1, w5[k].r2,
               how == 1 ? "" : " (no fault)");
        for (int i = 0; i < NREGS; i++)
            printf(" %s=%08x", names[i], seen[i]);
        printf("\n");
    }
    return 0;
}
