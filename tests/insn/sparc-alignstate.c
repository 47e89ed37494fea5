/*
 * Exact guest state at an alignment trap inside a hot loop: the loop keeps
 * eighteen registers and the condition codes busy (more than a hot region
 * pins, so some are dirty in host registers that only the alignment
 * check's fault-site record knows about) and runs a few thousand times
 * with an aligned access, then the same access goes misaligned
 * (offset = counter >> 12).  The SIGBUS handler prints %g1-%g4, %o0-%o5
 * and icc from the signal frame, %l0-%l7 from the window's save area; the model() lines are the same numbers
 * from a C model of the loop (the expected output: a line per register
 * that differs).  Once with a load, once with a store.  qemu-sparc32plus
 * agrees on the frame's registers but flushes no window at a signal (its
 * %l lines are stale).  The long loops have the body three times: the
 * access far from the block's start, with more values evicted before it.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static sigjmp_buf jb;
static volatile uint32_t seen[20], seen_l[8];
static uint32_t buf[4] __attribute__((aligned(16))) = { 0x01020304, 0x05060708, 0x090a0b0c, 0x0d0e0f10 };

static void on_bus(int sig, siginfo_t *si, void *ctx)
{
    (void)sig;
    (void)si;
    /* sparc32: pt_regs32 {psr, pc, npc, y, u_regs[16] = g0-g7, o0-o7} */
    const uint32_t *regs = ctx;
    for (int i = 0; i < 20; i++)
        seen[i] = regs[i];
    /* %l0-%l7: the interrupted window, flushed to its save area at %sp */
    const uint32_t *save = (const uint32_t *)(uintptr_t)regs[4 + 14];
    for (int i = 0; i < 8; i++)
        seen_l[i] = save[i];
    siglongjmp(jb, 1);
}

/* Fourteen instructions of the loop body, once or (the long loops) three
   times: 44 instructions before the access, which a region block of 32
   instructions at most left in a second block. */
#define BODY                                                                                        \
    "add %%g1, %%g2, %%g1\n\t"                                                                      \
    "xor %%g2, %%l1, %%g2\n\t"                                                                      \
    "add %%l1, %%l2, %%l1\n\t"                                                                      \
    "sll %%g1, 3, %%l2\n\t"                                                                         \
    "add %%g3, %%l3, %%g3\n\t"                                                                      \
    "xor %%l3, %%g1, %%l3\n\t"                                                                      \
    "sub %%g4, %%l4, %%g4\n\t"                                                                      \
    "add %%l4, %%l5, %%l4\n\t"                                                                      \
    "xor %%l5, %%g3, %%l5\n\t"                                                                      \
    "add %%o1, %%l6, %%o1\n\t"                                                                      \
    "xor %%l6, %%o2, %%l6\n\t"                                                                      \
    "add %%o2, %%l7, %%o2\n\t"                                                                      \
    "add %%l7, %%o3, %%l7\n\t"                                                                      \
    "xor %%o3, %%g4, %%o3\n\t"

/* The loop; ACCESS is "ld [%%o0 + %%o5], %%o4" or "st %%o1, [%%o0 + %%o5]". */
#define LOOP(NAME, ACCESS, BODY_MORE)                                                               \
    static void NAME(uint32_t *p)                                                                   \
    {                                                                                               \
        __asm__ volatile("mov %0, %%o0\n\t"                                                          \
                         "mov 1, %%g1\n\tmov 2, %%g2\n\tmov 3, %%g3\n\tmov 4, %%g4\n\t"              \
                         "mov 5, %%o1\n\tmov 6, %%o2\n\tmov 7, %%o3\n\tclr %%o4\n\tclr %%o5\n\t"     \
                         "mov 8, %%l1\n\tmov 9, %%l2\n\tmov 10, %%l3\n\tmov 11, %%l4\n\t"            \
                         "mov 12, %%l5\n\tmov 13, %%l6\n\tmov 14, %%l7\n\t"                         \
                         "clr %%l0\n"                                                               \
                         "1:\n\t" BODY BODY_MORE                                                  \
                         "srl %%l0, 12, %%o5\n\t"                                                   \
                         "subcc %%g3, %%g4, %%g0\n\t" ACCESS "\n\t"                                 \
                         "add %%o4, %%g2, %%o4\n\t"                                                 \
                         "xor %%g3, %%o4, %%g3\n\t"                                                 \
                         "add %%l0, 1, %%l0\n\t"                                                    \
                         "ba 1b\n\t"                                                                \
                         " add %%o1, %%g1, %%o1\n"                                                  \
                         :                                                                          \
                         : "r"(p)                                                                   \
                         : "g1", "g2", "g3", "g4", "o0", "o1", "o2", "o3", "o4", "o5", "l0", "l1", \
                           "l2", "l3", "l4", "l5", "l6", "l7", "cc", "memory");                     \
    }
LOOP(loop_ld, "ld [%%o0 + %%o5], %%o4", "")
LOOP(loop_st, "st %%o1, [%%o0 + %%o5]", "")
LOOP(loop_ld_long, "ld [%%o0 + %%o5], %%o4", BODY BODY)
LOOP(loop_st_long, "st %%o1, [%%o0 + %%o5]", BODY BODY)

static uint32_t be32(const uint32_t *p)
{
    const uint8_t *b = (const uint8_t *)p;
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* The same loop in C, up to the misaligned access: r[] = g1-g4, o0-o5 (o0
   as an offset from buf), icc, l0-l7. */
#define NV 19
static void model(int store, int reps, uint32_t *r)
{
    uint32_t g1 = 1, g2 = 2, g3 = 3, g4 = 4, o1 = 5, o2 = 6, o3 = 7, o4 = 0, o5 = 0;
    uint32_t l1 = 8, l2 = 9, l3 = 10, l4 = 11, l5 = 12, l6 = 13, l7 = 14, l0 = 0, icc;
    uint32_t mem = be32(buf);
    for (;;) {
      for (int k = 0; k < reps; k++) {
        g1 += g2;
        g2 ^= l1;
        l1 += l2;
        l2 = g1 << 3;
        g3 += l3;
        l3 ^= g1;
        g4 -= l4;
        l4 += l5;
        l5 ^= g3;
        o1 += l6;
        l6 ^= o2;
        o2 += l7;
        l7 += o3;
        o3 ^= g4;
      }
        o5 = l0 >> 12;
        {
            uint32_t d = g3 - g4;
            icc = (d >> 31) << 3 | (d == 0) << 2 | (((g3 ^ g4) & (g3 ^ d)) >> 31) << 1 | (g3 < g4);
        }
        if (o5 & 3)
            break;
        if (store)
            mem = o1;
        else
            o4 = mem;
        o4 += g2;
        g3 ^= o4;
        l0++;
        o1 += g1;
    }
    const uint32_t v[NV] = { g1, g2, g3, g4, 0, o1, o2, o3, o4, o5, icc, l0, l1, l2, l3, l4, l5, l6, l7 };
    memcpy(r, v, sizeof v);
}

static void run(const char *name, void (*loop)(uint32_t *), int store, int reps)
{
    static const char *const names[NV] = { "g1", "g2", "g3", "g4", "o0", "o1", "o2", "o3", "o4", "o5",
                                           "icc", "l0", "l1", "l2", "l3", "l4", "l5", "l6", "l7" };
    uint32_t want[NV], got[NV];
    buf[0] = 0x01020304;
    if (!sigsetjmp(jb, 1)) {
        loop(buf);
        printf("%s: no fault\n", name);
        return;
    }
    for (int i = 0; i < 4; i++)
        got[i] = seen[5 + i];
    got[4] = seen[12] - (uint32_t)(uintptr_t)buf;
    for (int i = 5; i < 10; i++)
        got[i] = seen[8 + i];
    got[10] = seen[0] >> 20 & 15;
    for (int i = 0; i < 8; i++)
        got[11 + i] = seen_l[i];
    model(store, reps, want);
    printf("%s:", name);
    for (int i = 0; i < NV; i++)
        printf("%s %s=%08x", i == 11 ? "\n   " : "", names[i], got[i]);
    printf("\n");
    for (int i = 0; i < NV; i++)
        if (got[i] != want[i])
            printf("  %s: %08x, the model says %08x\n", names[i], got[i], want[i]);
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_bus;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGBUS, &sa, NULL);
    run("ld", loop_ld, 0, 1);
    run("st", loop_st, 1, 1);
    run("ld-long", loop_ld_long, 0, 3);
    run("st-long", loop_st_long, 1, 3);
    return 0;
}
