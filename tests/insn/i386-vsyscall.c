/*
 * __kernel_vsyscall: the auxv's AT_SYSINFO names code that makes a system
 * call with the int $0x80 convention and returns to its caller (Linux
 * gives every 32-bit process one); glibc makes its system calls through it
 * (call *%gs:0x10).  Checks: AT_SYSINFO is there and not in the program,
 * a getpid through it returns getpid(), write(2) through it writes, the
 * registers the convention keeps (ebx ... ebp) come back unchanged.  (A
 * static glibc keeps int $0x80; a dynamic one calls the entry.)  A
 * syscall the kernel restarts (a read interrupted by a SA_RESTART signal)
 * completes through the same entry.
 * Expected output: i386-vsyscall.expected, written by hand.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

extern char __executable_start[], _end[];

/* Globals, not stack operands: the asm moves %esp. */
uintptr_t g_entry; /* referenced by name from asm: not static */
uint32_t g_a, g_k1;

static uint32_t vsys(uintptr_t entry, uint32_t nr, uint32_t a, uint32_t b, uint32_t c, uint32_t *kept)
{
    uint32_t r, k2, k3;
    g_entry = entry;
    g_a = a;
    __asm__ volatile("pushl %%ebp\n\tpushl %%ebx\n\tmovl g_a, %%ebx\n\tmovl $0x5eed, %%ebp\n\t"
                     "movl $0x1234, %%esi\n\tmovl $0x4321, %%edi\n\tcall *g_entry\n\t"
                     "movl %%ebp, g_k1\n\tpopl %%ebx\n\tpopl %%ebp"
                     : "=a"(r), "=S"(k2), "=D"(k3), "+c"(b), "+d"(c)
                     : "a"(nr)
                     : "memory");
    *kept = g_k1 == 0x5eed && k2 == 0x1234 && k3 == 0x4321;
    return r;
}

static void on_alarm(int sig) { (void)sig; }

int main(void)
{
    uintptr_t e = getauxval(AT_SYSINFO);
    uint32_t kept;
    printf("AT_SYSINFO present %d, outside the program %d\n", e != 0,
           e < (uintptr_t)__executable_start || e >= (uintptr_t)_end);
    if (!e)
        return 1;
    uint32_t pid = vsys(e, SYS_getpid, 0, 0, 0, &kept);
    printf("getpid through it matches %d, registers kept %d\n", pid == (uint32_t)getpid(), kept);
    static const char msg[] = "written through __kernel_vsyscall\n";
    fflush(stdout);
    uint32_t n = vsys(e, SYS_write, 1, (uint32_t)(uintptr_t)msg, sizeof msg - 1, &kept);
    printf("write returned %u, registers kept %d\n", n, kept);

    /* A read from a pipe nobody writes, interrupted by SIGALRM with
       SA_RESTART: restarted, then it sees the writer's byte. */
    int p[2];
    if (pipe(p) != 0)
        return 1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    pid_t child = fork();
    if (child == 0) {
        usleep(300000);
        write(p[1], "x", 1);
        _exit(0);
    }
    struct itimerval it = { { 0, 0 }, { 0, 100000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    char c = 0;
    uint32_t r = vsys(e, SYS_read, (uint32_t)p[0], (uint32_t)(uintptr_t)&c, 1, &kept);
    printf("restarted read returned %u '%c', registers kept %d\n", r, c, kept);
    return 0;
}
