/*
 * NEON alignment hints: vld1-4/vst1-4 with an alignment specifier ([rn:64]
 * etc.) at an address that is not a multiple of it raise SIGBUS with
 * si_code BUS_ADRALN and si_addr the address, as on Linux (the kernel's
 * alignment fixup does not handle NEON); nothing is loaded, stored or
 * written back.  Without a hint, or when aligned, the access runs.
 * Expected values from the ARM ARM's alignment rules (4 << align for the
 * multiple forms, the index_align and "a" rules for the single forms);
 * qemu-arm 7.2 agrees except for :256, which it does not check.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static sigjmp_buf jb;
static volatile int got_code;
static volatile uintptr_t got_addr;

static void on_bus(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)uc;
    got_code = si->si_code;
    got_addr = (uintptr_t)si->si_addr;
    siglongjmp(jb, 1);
}

static uint8_t buf[128] __attribute__((aligned(64)));

/* Run one access at buf + off; print ok (with the base register after) or
   the signal's code and address relative to buf. */
#define TRY(name, off, insn) do {                                                          \
        uint8_t *volatile p = buf + (off);                                                     \
        memset(buf, 0x5a, sizeof buf);                                                         \
        if (!sigsetjmp(jb, 1)) {                                                               \
            uint8_t *r = p;                                                                    \
            __asm__ volatile("vmov.i8 q0, #0x11\n\tvmov.i8 q1, #0x22\n\t" insn                \
                             : "+r"(r) : : "d0", "d1", "d2", "d3", "memory");                \
            printf("%-28s ok base+%d buf[%d]=%02x\n", name, (int)(r - p), (off), buf[(off)]); \
        } else {                                                                               \
            printf("%-28s SIGBUS code %d addr buf+%d buf[%d]=%02x\n", name, got_code,          \
                   (int)(got_addr - (uintptr_t)buf), (off), buf[(off)]);                       \
        }                                                                                      \
    } while (0)

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_bus;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGBUS, &sa, NULL);
    printf("BUS_ADRALN = %d\n", BUS_ADRALN);

    TRY("vld1.8 :64 aligned", 8, "vld1.8 {d0}, [%0:64]");
    TRY("vld1.8 :64 off 4", 4, "vld1.8 {d0}, [%0:64]");
    TRY("vld1.8 no hint off 1", 1, "vld1.8 {d0}, [%0]");
    TRY("vld1.64 :128 off 8", 8, "vld1.64 {d0-d1}, [%0:128]");
    TRY("vld1.64 :128 aligned", 16, "vld1.64 {d0-d1}, [%0:128]");
    TRY("vst1.32 :256 off 16", 16, "vst1.32 {d0-d3}, [%0:256]");
    TRY("vst1.32 :256 aligned", 32, "vst1.32 {d0-d3}, [%0:256]");
    TRY("vld1.8 :64! off 4", 4, "vld1.8 {d0}, [%0:64]!");
    TRY("vst1.8 :64! off 12", 12, "vst1.8 {d0}, [%0:64]!");
    TRY("vst1.8 :64! aligned", 16, "vst1.8 {d0}, [%0:64]!");
    TRY("vld2.16 :128 off 8", 8, "vld2.16 {d0-d1}, [%0:128]");
    TRY("vst4.8 :64 off 2", 2, "vst4.8 {d0-d3}, [%0:64]");
    TRY("vld1.16 lane :16 off 1", 1, "vld1.16 {d0[1]}, [%0:16]");
    TRY("vld1.32 lane :32 off 2", 2, "vld1.32 {d0[1]}, [%0:32]");
    TRY("vst1.32 lane :32 aligned", 4, "vst1.32 {d0[1]}, [%0:32]");
    TRY("vld2.16 lane :32 off 2", 2, "vld2.16 {d0[1], d1[1]}, [%0:32]");
    TRY("vld4.8 lane :32 off 2", 2, "vld4.8 {d0[3], d1[3], d2[3], d3[3]}, [%0:32]");
    TRY("vld4.32 lane :128 off 8", 8, "vld4.32 {d0[0], d1[0], d2[0], d3[0]}, [%0:128]");
    TRY("vld3.8 lane no hint off 1", 1, "vld3.8 {d0[0], d1[0], d2[0]}, [%0]");
    TRY("vld1.32 all :32 off 2", 2, "vld1.32 {d0[]}, [%0:32]");
    TRY("vld2.8 all :16 off 1", 1, "vld2.8 {d0[], d1[]}, [%0:16]");
    TRY("vld4.16 all :64 off 4", 4, "vld4.16 {d0[], d1[], d2[], d3[]}, [%0:64]");
    TRY("vld4.32 all :128 off 8", 8, "vld4.32 {d0[], d1[], d2[], d3[]}, [%0:128]");
    TRY("vld4.32 all :128 aligned", 16, "vld4.32 {d0[], d1[], d2[], d3[]}, [%0:128]");
    return 0;
}
