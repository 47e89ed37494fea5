/*
 * PowerPC floating point with hand-computed results (ppc-fpu.expected):
 * FPSCR exception, summary and cause bits, FR/FI/FPRF, the rounding modes,
 * the fused multiply-add family rounding once (double and single), single
 * precision rounded once from double operands, NaN propagation, lfs/stfs
 * bit conversions, fsel, compares, the FPSCR moves and the ISA 3.0 mffs
 * forms, and SIGFPE for an enabled exception (prctl PR_SET_FPEXC).
 * Each case starts from a chosen FPSCR (mtfsf 0xff) and prints the result
 * bits and the FPSCR read right after it.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>

static double D(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }
static uint64_t U(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static float F(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }

#define ONE 0x3ff0000000000000ull
#define THREE 0x4008000000000000ull
#define INF 0x7ff0000000000000ull
#define QNAN 0x7ff8000000000123ull
#define SNAN 0x7ff0000000000001ull
#define FR 0x00040000u
#define FPRF 0x0001f000u

/* The ISA 3.0 forms need the assembler's POWER9 mode, the rest of the
   program must not (it runs on a 32-bit CPU). */
#define P9(x) ".machine push\n\t.machine power9\n\t" x "\n\t.machine pop"

/* code on %[r], %[a], %[b], %[c] (FPRs); FPSCR = fin and CR = 0 before
   it, r = c (what an instruction that leaves its target alone shows).
   Prints r, the FPSCR (bits in mask cleared) and CR fields 1 and 6. */
#define FCASE(name, code, A_, B_, C_, fin, mask)                                                  \
    do {                                                                                         \
        double r_, f_;                                                                           \
        uint32_t cr_;                                                                            \
        __asm__ volatile("mtcrf 0xff, %[zr]\n\tfmr %[r], %[c]\n\tmtfsf 0xff, %[fi]\n\t" code      \
                         "\n\tmffs %[f]\n\tmfcr %[cr]\n\tmtfsf 0xff, %[z]"                          \
                         : [r] "=&f"(r_), [f] "=&f"(f_), [cr] "=&r"(cr_)                         \
                         : [a] "f"(A_), [b] "f"(B_), [c] "f"(C_), [fi] "f"(D(fin)), [z] "f"(0.0),\
                           [zr] "r"(0)                                                           \
                         : "cr0", "cr1", "cr6", "memory");                                       \
        printf("%-10s %016llx fpscr %08x cr %08x\n", name, (unsigned long long)U(r_),             \
               (uint32_t)U(f_) & ~(uint32_t)(mask), cr_ & 0x0f0000f0u);                           \
    } while (0)
#define F2(name, insn, A_, B_, fin) FCASE(name, insn " %[r], %[a], %[b]", D(A_), D(B_), 0.0, fin, 0)
#define F1(name, insn, B_, fin) FCASE(name, insn " %[r], %[b]", 0.0, D(B_), 0.0, fin, 0)

static sigjmp_buf jb;
static volatile int got_code;
static volatile uint32_t got_addr;
static void on_fpe(int sig, siginfo_t *si, void *uc)
{
    got_code = si->si_code;
    got_addr = (uint32_t)(uintptr_t)si->si_addr;
    siglongjmp(jb, 1);
}

int main(void)
{
    /* Rounding and FR/FI: 1/3 in every mode, ties, 0.75 ulp. */
    F2("div-rn", "fdiv", ONE, THREE, 0);
    F2("div-rz", "fdiv", ONE, THREE, 1);
    F2("div-rp", "fdiv", ONE, THREE, 2);
    F2("div-rm", "fdiv", ONE, THREE, 3);
    F2("add-tie", "fadd", ONE, 0x3ca0000000000000ull, 0);        /* 1 + 2^-53 */
    F2("add-.75", "fadd", ONE, 0x3ca8000000000000ull, 0);        /* 1 + 3*2^-54 */
    F2("sub-rm0", "fsub", ONE, ONE, 3);                          /* -0 in RM */
    F2("add-exact", "fadd", ONE, ONE, 0);

    /* Invalid operations: default QNaN, VX and the cause, FPRF QNaN. */
    F2("zdz", "fdiv", 0ull, 0ull, 0);
    F2("isi", "fsub", INF, INF, 0);
    FCASE("imz", "fmul %[r], %[a], %[c]", D(INF), 0.0, 0.0, 0, 0);
    F2("idi", "fdiv", INF, INF, 0);
    F1("sqrt-1", "fsqrt", 0xbff0000000000000ull, 0);
    F2("snan", "fadd", SNAN, ONE, 0);
    F2("qnan+snan", "fadd", QNAN, SNAN, 0);
    F2("qnan-b", "fsub", ONE, QNAN, 0);
    FCASE("snan-ve", "fadd %[r], %[a], %[b]", D(SNAN), 1.0, 7.0, 0x80, 0); /* VE: target unchanged */
    F2("zx", "fdiv", ONE, 0ull, 0);
    FCASE("zx-ze", "fdiv %[r], %[a], %[b]", 1.0, 0.0, 7.0, 0x10, 0); /* ZE: target unchanged */
    /* Overflow: FR is left out (the ISA does not define it there). */
    FCASE("ox", "fmul %[r], %[a], %[c]", D(0x7fefffffffffffffull), 0.0, 2.0, 0, FR); /* DBL_MAX * 2 */
    F2("ux", "fdiv", 0x0010000000000000ull, THREE, 0);          /* DBL_MIN / 3 */
    F2("ux-exact", "fmul", 0x0010000000000000ull, 0x3fe0000000000000ull, 0); /* DBL_MIN / 2 */
    F2("sticky", "fadd", ONE, ONE, 0x82000000u);                /* FX XX stay, FI clears */

    /* Fused multiply-add: one rounding. */
    FCASE("fmadd", "fmadd %[r], %[a], %[c], %[b]", D(0x3ff0000000400000ull), D(0xbff0000000000000ull),
          D(0x3ff0000000400000ull), 0, 0);                      /* (1+2^-30)^2 - 1 */
    FCASE("mul+add", "fmul %[r], %[a], %[c]\n\tfadd %[r], %[r], %[b]", D(0x3ff0000000400000ull),
          D(0xbff0000000000000ull), D(0x3ff0000000400000ull), 0, 0);
    FCASE("fmsub", "fmsub %[r], %[a], %[c], %[b]", D(THREE), D(ONE), D(THREE), 0, 0);   /* 9 - 1 */
    FCASE("fnmadd", "fnmadd %[r], %[a], %[c], %[b]", D(THREE), D(ONE), D(THREE), 0, 0); /* -(9 + 1) */
    FCASE("fnmsub", "fnmsub %[r], %[a], %[c], %[b]", D(THREE), D(ONE), D(THREE), 0, 0); /* -(9 - 1) */
    FCASE("fmadd-imz", "fmadd %[r], %[a], %[c], %[b]", D(INF), D(ONE), 0.0, 0, 0);
    FCASE("fmadd-isi", "fmadd %[r], %[a], %[c], %[b]", D(INF), D(0xfff0000000000000ull), D(ONE), 0, 0);
    /* Single: b - a*c = 1 + 2^-24 + 2^-70 rounds up once; rounding to
       double first would give a tie and 1.0. */
    FCASE("fnmsubs", "fnmsubs %[r], %[a], %[c], %[b]", (double)F(0x397ffffeu), (double)F(0x3f800001u),
          (double)F(0x39800001u), 0, 0);
    FCASE("fmadds", "fmadds %[r], %[a], %[c], %[b]", (double)F(0x3f800800u), (double)F(0xbf800000u),
          (double)F(0x3f800800u), 0, 0);                        /* (1+2^-12)^2 - 1 */

    /* Single precision results, fres, frsp. */
    F2("fdivs", "fdivs", ONE, THREE, 0);
    FCASE("fadds-big", "fadds %[r], %[a], %[b]", D(0x47efffffe0000000ull), D(0x47efffffe0000000ull), 0.0, 0, FR);
    F1("fres3", "fres", THREE, 0);
    F1("frsp", "frsp", 0x3fd5555555555555ull, 0);
    FCASE("frsp-ox", "frsp %[r], %[b]", 0.0, D(0x47f0000000000000ull), 0.0, 0, FR); /* 2^128 */
    F1("frsqrte4", "frsqrte", 0x4010000000000000ull, 0);
    F1("fsqrt2", "fsqrt", 0x4000000000000000ull, 0);

    /* Conversions: the four modes on +-2.5, saturation (FPRF undefined: masked). */
    FCASE("ctiw-rn", "fctiw %[r], %[b]", 0.0, 2.5, 0.0, 0, FPRF);
    FCASE("ctiw-rz", "fctiw %[r], %[b]", 0.0, 2.5, 0.0, 1, FPRF);
    FCASE("ctiw-rp", "fctiw %[r], %[b]", 0.0, 2.5, 0.0, 2, FPRF);
    FCASE("ctiw-rm", "fctiw %[r], %[b]", 0.0, -2.5, 0.0, 3, FPRF);
    FCASE("ctiw-rn-", "fctiw %[r], %[b]", 0.0, -2.5, 0.0, 0, FPRF);
    FCASE("ctiwz", "fctiwz %[r], %[b]", 0.0, 3.75, 0.0, 2, FPRF);
    FCASE("ctiw-big", "fctiw %[r], %[b]", 0.0, 1e10, 0.0, 0, FPRF);
    FCASE("ctiw-nan", "fctiw %[r], %[b]", 0.0, D(QNAN), 0.0, 0, FPRF);
    FCASE("ctiw-exact", "fctiw %[r], %[b]", 0.0, -7.0, 0.0, 0, FPRF);

    /* fsel, sign moves (no FPSCR change). */
    FCASE("fsel-0", "fsel %[r], %[a], %[c], %[b]", D(0x8000000000000000ull), 2.0, 3.0, 0, 0);
    FCASE("fsel-neg", "fsel %[r], %[a], %[c], %[b]", -1.0, 2.0, 3.0, 0, 0);
    FCASE("fsel-nan", "fsel %[r], %[a], %[c], %[b]", D(QNAN), 2.0, 3.0, 0, 0);
    FCASE("fnabs", "fnabs %[r], %[b]", 0.0, D(SNAN), 0.0, 0x12345600u, 0);
    FCASE("fneg", "fneg %[r], %[b]", 0.0, 1.5, 0.0, 0, 0);

    /* Compares: the CR field in the result's low word. */
    FCASE("fcmpu", "fcmpu 6, %[a], %[b]", 1.0, 2.0, 0.0, 0, 0);
    FCASE("fcmpo-nan", "fcmpo 6, %[a], %[b]", D(QNAN), 2.0, 0.0, 0, 0);
    FCASE("fcmpo-snan", "fcmpo 6, %[a], %[b]", 1.0, D(SNAN), 0.0, 0, 0);
    FCASE("fcmpu-snan", "fcmpu 6, %[a], %[b]", 1.0, D(SNAN), 0.0, 0, 0);

    /* FPSCR moves. */
    FCASE("mtfsb1", "mtfsb1 5", 0.0, 0.0, 0.0, 0, 0);            /* ZX: FX too */
    FCASE("mtfsb0", "mtfsb1 5\n\tmtfsb0 5", 0.0, 0.0, 0.0, 0, 0);
    FCASE("mtfsfi", "mtfsfi 7, 9", 0.0, 0.0, 0.0, 0, 0);          /* XE, RN 1 */
    FCASE("mtfsf-en", "mtfsf 0x02, %[b]", 0.0, D(0x00000000000000f0ull), 0.0, 0, 0); /* field 6: enables */
    FCASE("mcrfs", "mcrfs 6, 1", 0.0, 0.0, 0.0, 0x07000000u, 0);
    FCASE("mffs.", "mffs. %[r]", 0.0, 0.0, 0.0, 0x9a000000u, 0);

    /* The ISA 3.0 mffs forms, from FPSCR = XX FI FPRF(+normal) VE XE RN=1. */
    FCASE("mffs", "mffs %[r]", 0.0, 0.0, 0.0, 0x02024089u, 0);
    FCASE("mffsl", P9("mffsl %[r]") "", 0.0, 0.0, 0.0, 0x02024089u, 0);
    FCASE("mffsce", P9("mffsce %[r]") "", 0.0, 0.0, 0.0, 0x02024089u, 0);
    FCASE("mffscrni", P9("mffscrni %[r], 2") "", 0.0, 0.0, 0.0, 0x02024089u, 0);
    FCASE("mffscrn", P9("mffscrn %[r], %[b]") "", 0.0, D(3), 0.0, 0x02024089u, 0);
    FCASE("mffscdrni", P9("mffscdrni %[r], 5") "\n\tmffs %[r]", 0.0, 0.0, 0.0, 0x02024089u, 0);
    FCASE("mffscdrn", P9("mffscdrn %[r], %[b]\n\tmffsl %[r]"), 0.0, D(0x0000000300000000ull), 0.0, 0x02024089u, 0);
    FCASE("drn-clear", P9("mffscdrni %[r], 0") "\n\tmffs %[r]", 0.0, 0.0, 0.0, 0, 0);

    /* Loads and stores convert bits, not values. */
    {
        uint32_t in = 0x7f800001u, out = 0;
        double t;
        __asm__ volatile("lfs %0, 0(%2)\n\tstfs %0, 0(%3)" : "=&f"(t), "=m"(out) : "b"(&in), "b"(&out));
        printf("lfs-snan   %016llx stfs %08x\n", (unsigned long long)U(t), out);
        double tiny = D(0x37d0000000000000ull); /* 2^-130: a single denormal */
        __asm__ volatile("stfs %1, 0(%2)" : "=m"(out) : "f"(tiny), "b"(&out));
        printf("stfs-den   %08x\n", out);
        uint32_t iw = 0;
        __asm__ volatile("stfiwx %1, 0, %2" : "=m"(iw) : "f"(D(0x1234567887654321ull)), "b"(&iw));
        printf("stfiwx     %08x\n", iw);
    }

    /* An enabled exception: SIGFPE at the instruction, FPE_FLTDIV. */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fpe;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGFPE, &sa, NULL);
    printf("fpexc set %d\n", prctl(PR_SET_FPEXC, PR_FP_EXC_PRECISE, 0, 0, 0));
    unsigned int mode = 99;
    prctl(PR_GET_FPEXC, &mode, 0, 0, 0);
    printf("fpexc mode %u\n", mode);
    extern char fpe_insn[];
    if (sigsetjmp(jb, 1) == 0) {
        double r;
        __asm__ volatile("mtfsb1 27\n\t.globl fpe_insn\nfpe_insn:\n\tfdiv %0, %1, %2" : "=f"(r) : "f"(1.0), "f"(0.0));
        printf("no SIGFPE\n");
    } else {
        printf("SIGFPE code %d at insn %d\n", got_code, got_addr == (uint32_t)(uintptr_t)fpe_insn);
    }
    if (sigsetjmp(jb, 1) == 0) {
        double r;
        __asm__ volatile("mtfsf 0xff, %1\n\tfdiv %0, %2, %3" : "=f"(r) : "f"(D(0x80)), "f"(0.0), "f"(0.0));
        printf("no SIGFPE\n");
    } else {
        printf("SIGFPE code %d\n", got_code);
    }
    __asm__ volatile("mtfsf 0xff, %0" ::"f"(0.0));
    prctl(PR_SET_FPEXC, PR_FP_EXC_DISABLED, 0, 0, 0);
    {
        double r;
        __asm__ volatile("mtfsb1 27\n\tfdiv %0, %1, %2\n\tmtfsb0 27" : "=f"(r) : "f"(1.0), "f"(0.0));
        printf("disabled: no SIGFPE\n");
    }
    return 0;
}
