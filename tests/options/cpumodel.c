/*
 * What a -cpu model looks like from inside (tests/options.sh, "CPU models"):
 * AT_HWCAP and AT_HWCAP2, the "Features" and "CPU part" lines of
 * /proc/cpuinfo, and which optional instructions run (the others must raise
 * SIGILL).  One line per fact; the script compares them with the values
 * Linux reports for each core.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>

static sigjmp_buf env;
static void on_ill(int sig) { (void)sig; siglongjmp(env, 1); }

/* Each probe is one instruction as a word, so the test builds with any
   -march. */
static void probe_sdiv(void) { __asm__ volatile(".inst 0xe710f110" ::: "r0"); }  /* sdiv r0, r0, r1 */
static void probe_vfma(void) { __asm__ volatile(".inst 0xeea00a00" ::: "memory"); } /* vfma.f32 s0, s0, s0 */
static void probe_vcvtb(void) { __asm__ volatile(".inst 0xeeb20a40" ::: "memory"); } /* vcvtb.f32.f16 s0, s0 */
static void probe_neon(void) { __asm__ volatile(".inst 0xf2000810" ::: "memory"); } /* vadd.i8 d0, d0, d0 */
static void probe_crc32(void) { __asm__ volatile(".inst 0xe1000040" ::: "r0"); } /* crc32b r0, r0, r0 */
static void probe_vaddh(void) { __asm__ volatile(".inst 0xee300900" ::: "memory"); } /* vadd.f16 s0, s0, s0 (ARMv8.2) */

static void try(const char *name, void (*f)(void))
{
    if (!sigsetjmp(env, 1)) {
        f();
        printf("%s ok\n", name);
    } else {
        printf("%s sigill\n", name);
    }
}

int main(void)
{
    signal(SIGILL, on_ill);
    printf("hwcap %#lx hwcap2 %#lx\n", getauxval(AT_HWCAP), getauxval(AT_HWCAP2));
    FILE *f = fopen("/proc/cpuinfo", "r");
    char line[512];
    int nf = 0, np = 0;
    while (f && fgets(line, sizeof line, f)) {
        if (!strncmp(line, "Features", 8) && !nf++)
            fputs(line, stdout);
        if (!strncmp(line, "CPU part", 8) && !np++)
            fputs(line, stdout);
    }
    try("sdiv", probe_sdiv);
    try("vfma", probe_vfma);
    try("vcvtb", probe_vcvtb);
    try("neon", probe_neon);
    try("crc32", probe_crc32);
    try("vaddh", probe_vaddh);
    return 0;
}
