/*
 * Code pages follow the guest's protections (issue 12 item 5): a function
 * copied to an RWX page runs; after mprotect to read-only (the binary has
 * a non-executable PT_GNU_STACK, so reading does not imply executing) or
 * to PROT_NONE, calling it is SIGSEGV with SEGV_ACCERR at the function's
 * address, even though it ran (was translated) before; made executable
 * again, it runs again.  A page mapped read+write only never runs.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* Copied elsewhere, so position-independent: optimized even in the -O0
   builds (i386's -O0 PIE code fetches its pc through a thunk call). */
__attribute__((optimize("O2"), noinline)) static int add_one(int x)
{
    return x + 1;
}

static sigjmp_buf jb;
static volatile uintptr_t fault_addr;
static volatile int fault_code;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)uc;
    fault_addr = (uintptr_t)si->si_addr;
    fault_code = si->si_code;
    siglongjmp(jb, 1);
}

typedef int (*fn_t)(int);

/* Call f(41): its result, or a fault described against f's address. */
static void try_call(const char *what, fn_t f, uintptr_t code_addr)
{
    volatile int r = -1;
    fault_addr = 0;
    fault_code = 0;
    if (!sigsetjmp(jb, 1))
        r = f(41);
    if (r >= 0)
        printf("%s: returned %d\n", what, r);
    else
        printf("%s: SIGSEGV %s at %s\n", what, fault_code == SEGV_ACCERR ? "SEGV_ACCERR" : "other code",
               fault_addr == code_addr ? "the function" : "another address");
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);

    long ps = sysconf(_SC_PAGESIZE);
    uint8_t *page = mmap(NULL, (size_t)ps, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED)
        return 1;
    /* A leaf function is position-independent: copy it (the Thumb bit of
       its address stays a bit of the pointer, not of the bytes). */
    uintptr_t src = (uintptr_t)add_one, thumb = src & 1;
    memcpy(page + 64, (const void *)(src & ~(uintptr_t)1), 256);
    __builtin___clear_cache((char *)page, (char *)page + ps);
    fn_t f = (fn_t)(uintptr_t)((uintptr_t)(page + 64) | thumb);
    uintptr_t at = (uintptr_t)(page + 64);

    try_call("rwx", f, at);
    try_call("rwx again", f, at);
    mprotect(page, (size_t)ps, PROT_READ);
    try_call("read-only", f, at);
    mprotect(page, (size_t)ps, PROT_READ | PROT_EXEC);
    try_call("read+exec", f, at);
    mprotect(page, (size_t)ps, PROT_NONE);
    try_call("PROT_NONE", f, at);
    mprotect(page, (size_t)ps, PROT_READ | PROT_EXEC);
    try_call("read+exec again", f, at);

    /* Never executable: read+write from the start. */
    uint8_t *data = mmap(NULL, (size_t)ps, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memcpy(data + 64, (const void *)(src & ~(uintptr_t)1), 256);
    __builtin___clear_cache((char *)data, (char *)data + ps);
    try_call("read+write", (fn_t)(uintptr_t)((uintptr_t)(data + 64) | thumb), (uintptr_t)(data + 64));
    return 0;
}
