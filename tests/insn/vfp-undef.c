/* Encodings in the VFP space that must be undefined (SIGILL), and a few
   neighbours that must execute.  The ARMv8 ones execute on the default
   -cpu max (the ARMv7 models refuse them: tests/options.sh).  The words
   are A32 encodings with cond = AL (or 0xF); the T32 encoding is the same
   32 bits with 0xE/0xF on top, emitted as two halfwords by .inst.w. */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>

static sigjmp_buf env;
static void on_ill(int sig) { siglongjmp(env, sig); }

#ifdef __thumb__
#define INST ".inst.w "
#else
#define INST ".inst "
#endif

/* Execute one instruction word with r0 = a scratch buffer. */
#define TRY(name, word) do { \
        static uint32_t scratch[8]; \
        int sig = sigsetjmp(env, 1); \
        if (!sig) { \
            __asm__ volatile(".fpu vfpv4\n\tmov r0, %0\n\t" INST #word \
                             ::"r"(scratch) : "r0", "d0", "d1", "memory"); \
            printf("%-16s ok\n", name); \
        } else { \
            printf("%-16s SIGILL\n", name); \
        } \
    } while (0)

int main(void)
{
    struct sigaction sa = {0};
    sa.sa_handler = on_ill;
    sigaction(SIGILL, &sa, 0);
    TRY("vdiv.f64", 0xee800b01);       /* vdiv.f64 d0, d0, d1 */
    TRY("vdiv op=1", 0xee800b41);      /* opc1 1x00 with op = 1 */
    TRY("vseleq", 0xfe000a00);         /* ARMv8 (max) */
    TRY("vmaxnm", 0xfe800a00);         /* ARMv8 (max) */
    TRY("vcvta", 0xfebc0a40);          /* ARMv8 (max) */
    TRY("vrintr", 0xeeb60a40);         /* ARMv8 (max) */
    TRY("vjcvt", 0xeeb90bc0);          /* ARMv8.3 */
    TRY("vcvtb.f64.f16", 0xeeb20b40);  /* ARMv8 (max) */
    TRY("vmrs fpexc", 0xeef82a10);     /* privileged: vmrs r2, fpexc */
    TRY("vmsr fpexc", 0xeee82a10);
    TRY("vldmia 2 regs", 0xec900b04);  /* vldmia r0, {d0-d1} */
    TRY("vstr s0", 0xed800a00);        /* vstr s0, [r0] */
    return 0;
}
