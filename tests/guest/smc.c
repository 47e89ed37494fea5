/* Self-modifying code.  Architecture-specific by nature: on ARM it writes
   ARM machine code into an RWX mapping, flushes with __builtin___clear_cache
   (the cacheflush syscall), calls it, rewrites it and calls again; on
   x86-64 (the native build that produces the expected output) it writes the
   equivalent x86 code.  Both print the same numbers.
     ARM:  mov r0, #imm8 ; bx lr           = e3a000NN e12fff1e
           add r0, r0, #imm8 ; bx lr       = e28000NN e12fff1e
     x86:  mov eax, imm32 ; ret            = b8 NN NN NN NN c3
           lea eax, [rdi + imm32] ; ret    = 8d 87 NN NN NN NN c3
     i386: mov eax, [esp + 4]; add eax, imm32; ret
                                           = 8b 44 24 04 05 NN NN NN NN c3
     PowerPC: li r3, imm16 ; blr           = 3860NNNN 4e800020
           addi r3, r3, imm16 ; blr        = 3863NNNN 4e800020
       SPARC: retl ; mov imm13, %o0        = 81c3e008 901020NN
           retl ; add %o0, imm13, %o0  = 81c3e008 902220NN
   (PowerPC flushes with dcbst/sync/icbi/isync, which the builtin emits.) */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

typedef int (*fn0)(void);
typedef int (*fn1)(int);

static void flush(void *p, size_t n) { __builtin___clear_cache((char *)p, (char *)p + n); }

#if defined(__arm__)
static void emit_const(unsigned char *p, int v)
{
    uint32_t w[2] = { 0xe3a00000u | (uint32_t)(v & 0xff), 0xe12fff1eu };
    memcpy(p, w, sizeof w);
}
static void emit_addk(unsigned char *p, int v)
{
    uint32_t w[2] = { 0xe2800000u | (uint32_t)(v & 0xff), 0xe12fff1eu };
    memcpy(p, w, sizeof w);
}
/* Patch only the immediate byte of the first instruction (little-endian). */
static void patch_const(unsigned char *p, int v) { p[0] = (unsigned char)v; }
static void patch_addk(unsigned char *p, int v) { p[0] = (unsigned char)v; }
#elif defined(__i386__)
static void emit_const(unsigned char *p, int v)
{
    uint32_t imm = (uint32_t)(v & 0xff);
    p[0] = 0xb8;
    memcpy(p + 1, &imm, 4);
    p[5] = 0xc3;
}
static void emit_addk(unsigned char *p, int v)
{
    static const unsigned char ld[5] = { 0x8b, 0x44, 0x24, 0x04, 0x05 };
    uint32_t imm = (uint32_t)(v & 0xff);
    memcpy(p, ld, sizeof ld);
    memcpy(p + 5, &imm, 4);
    p[9] = 0xc3;
}
static void patch_const(unsigned char *p, int v) { p[1] = (unsigned char)v; }
static void patch_addk(unsigned char *p, int v) { p[5] = (unsigned char)v; }
#elif defined(__powerpc__)
static void emit_const(unsigned char *p, int v)
{
    uint32_t w[2] = { 0x38600000u | (uint32_t)(v & 0xff), 0x4e800020u };
    memcpy(p, w, sizeof w);
}
static void emit_addk(unsigned char *p, int v)
{
    uint32_t w[2] = { 0x38630000u | (uint32_t)(v & 0xff), 0x4e800020u };
    memcpy(p, w, sizeof w);
}
/* The immediate's low byte is the instruction's last (big-endian). */
static void patch_const(unsigned char *p, int v) { p[3] = (unsigned char)v; }
static void patch_addk(unsigned char *p, int v) { p[3] = (unsigned char)v; }
#elif defined(__sparc__)
/* retl; mov imm, %o0 (in the delay slot) = 81c3e008 901020NN
   retl; add %o0, imm, %o0               = 81c3e008 902220NN */
static void emit_const(unsigned char *p, int v)
{
    static const unsigned char w[8] = { 0x81, 0xc3, 0xe0, 0x08, 0x90, 0x10, 0x20, 0 };
    memcpy(p, w, sizeof w);
    p[7] = (unsigned char)v;
}
static void emit_addk(unsigned char *p, int v)
{
    static const unsigned char w[8] = { 0x81, 0xc3, 0xe0, 0x08, 0x90, 0x02, 0x20, 0 };
    memcpy(p, w, sizeof w);
    p[7] = (unsigned char)v;
}
/* The immediate's low byte is the delay slot's last byte (big-endian);
   imm13 is signed: values up to 0xff are positive. */
static void patch_const(unsigned char *p, int v) { p[7] = (unsigned char)v; }
static void patch_addk(unsigned char *p, int v) { p[7] = (unsigned char)v; }
#elif defined(__x86_64__)
static void emit_const(unsigned char *p, int v)
{
    uint32_t imm = (uint32_t)(v & 0xff);
    p[0] = 0xb8;
    memcpy(p + 1, &imm, 4);
    p[5] = 0xc3;
}
static void emit_addk(unsigned char *p, int v)
{
    uint32_t imm = (uint32_t)(v & 0xff);
    p[0] = 0x8d;
    p[1] = 0x87;
    memcpy(p + 2, &imm, 4);
    p[6] = 0xc3;
}
static void patch_const(unsigned char *p, int v) { p[1] = (unsigned char)v; }
static void patch_addk(unsigned char *p, int v) { p[2] = (unsigned char)v; }
#else
#error "smc.c: unsupported architecture"
#endif

int main(void)
{
    unsigned char *code = mmap(NULL, 8192, PROT_READ | PROT_WRITE | PROT_EXEC,
                               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) {
        printf("mmap failed\n");
        return 1;
    }
    fn0 f = (fn0)(void *)code;
    fn1 g = (fn1)(void *)(code + 64);

    emit_const(code, 11);
    flush(code, 16);
    printf("first %d\n", f());
    emit_const(code, 42);
    flush(code, 16);
    printf("rewritten %d\n", f());

    /* Two functions in the same page; modify one, the other must still work. */
    emit_addk(code + 64, 5);
    flush(code + 64, 16);
    printf("g(10)=%d f()=%d\n", g(10), f());
    emit_const(code, 7);
    flush(code, 16);
    printf("g(10)=%d f()=%d\n", g(10), f());

    /* Many rewrites in a loop, each call must see the newest code. */
    int sum = 0;
    for (int i = 0; i < 300; i++) {
        emit_const(code, i & 0xff);
        flush(code, 16);
        sum += f();
        patch_addk(code + 64, (i * 7) & 0xff);
        flush(code + 64, 16);
        sum += g(i);
    }
    printf("loop sum %d\n", sum);

    /* A hot loop calling the function, then one patch, then the hot loop again
       (the translated, chained code must be invalidated). */
    emit_const(code, 1);
    flush(code, 16);
    int s1 = 0;
    for (int i = 0; i < 100000; i++)
        s1 += f();
    patch_const(code, 3);
    flush(code, 16);
    int s2 = 0;
    for (int i = 0; i < 100000; i++)
        s2 += f();
    printf("hot %d %d\n", s1, s2);

    /* Data next to code: a variable on the code's page written between
       calls (as SPARC's PLT shares its page with .data and .bss).  Many
       such writes make mimic stop write-protecting the page and check the
       code before each run instead (core/page.c); rewrites of the code must
       still be seen. */
    volatile int *data = (volatile int *)(void *)(code + 2048);
    emit_const(code, 5);
    flush(code, 16);
    int s3 = 0;
    for (int i = 0; i < 3000; i++) {
        data[0] = i;
        s3 += f();
        if (i == 1000) {
            patch_const(code, 6);
            flush(code, 16);
        }
        if (i == 2000) {
            patch_const(code, 8);
            flush(code, 16);
        }
        if (i % 500 == 0) {
            patch_addk(code + 64, i / 500);
            flush(code + 64, 16);
            s3 += g(i);
        }
    }
    printf("data next to code %d %d\n", s3, data[0]);

    /* Code on a page that is re-mapped: munmap + mmap at the same place. */
    munmap(code, 8192);
    unsigned char *c2 = mmap(code, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (c2 == MAP_FAILED) {
        printf("remap failed\n");
        return 1;
    }
    emit_const(c2, 99);
    flush(c2, 16);
    printf("remapped %d\n", ((fn0)(void *)c2)());
    return 0;
}
