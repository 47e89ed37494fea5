/*
 * i386 segments as Linux provides them: modify_ldt (write, read back),
 * an LDT data segment in %fs, set_thread_area with entry_number -1 (the
 * first free GDT TLS entry: 13, glibc's static start-up holds 12),
 * get_thread_area, %gs through it, reading a segment register, an invalid
 * selector load (SIGSEGV, SI_KERNEL), and vm86 (ENOSYS on a 64-bit kernel).
 * Expected output (hand-written from the kernel's rules): i386-segs.expected.
 */
#define _GNU_SOURCE
#include <asm/ldt.h>
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static int var[4] = { 11, 22, 33, 44 };
static sigjmp_buf jb;
static volatile int got_sig, got_code;

static void handler(int sig, siginfo_t *si, void *uc)
{
    got_sig = sig;
    got_code = si->si_code;
    siglongjmp(jb, 1);
}

static void fill(struct user_desc *d, unsigned entry, void *base)
{
    memset(d, 0, sizeof *d);
    d->entry_number = entry;
    d->base_addr = (unsigned)(unsigned long)base;
    d->limit = 0xfffff;
    d->seg_32bit = 1;
    d->limit_in_pages = 1;
    d->useable = 1;
}

int main(void)
{
    struct user_desc d;
    fill(&d, 1, var);
    long r = syscall(SYS_modify_ldt, 1, &d, sizeof d);
    int v, old, sel = (1 << 3) | 4 | 3;
    __asm__ volatile("mov %%fs, %0\n\tmov %2, %%fs\n\tmovl %%fs:8, %1\n\tmov %0, %%fs"
                     : "=&r"(old), "=r"(v) : "r"(sel));
    unsigned char buf[16];
    long n = syscall(SYS_modify_ldt, 0, buf, sizeof buf);
    printf("modify_ldt %ld, %%fs:8 = %d, read %ld bytes, entry 0 %s, entry 1 access %#x flags %#x\n", r, v, n,
           buf[0] | buf[5] ? "used" : "empty", buf[13], buf[14] & 0xf0);

    struct user_desc t;
    fill(&t, (unsigned)-1, &var[1]);
    r = syscall(SYS_set_thread_area, &t);
    int w, oldgs, gsel = (int)(t.entry_number << 3) | 3;
    __asm__ volatile("mov %%gs, %0\n\tmov %2, %%gs\n\tmovl %%gs:4, %1\n\tmov %0, %%gs"
                     : "=&r"(oldgs), "=r"(w) : "r"(gsel));
    struct user_desc g;
    memset(&g, 0, sizeof g);
    g.entry_number = t.entry_number;
    long r2 = syscall(SYS_get_thread_area, &g);
    printf("set_thread_area %ld entry %u, %%gs:4 = %d, get_thread_area %ld base %s limit %#x 32bit %d\n", r,
           t.entry_number, w, r2, g.base_addr == t.base_addr ? "same" : "other", g.limit, g.seg_32bit);
    printf("glibc's %%gs selector %#x\n", oldgs);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    if (!sigsetjmp(jb, 1)) {
        int bad = (200 << 3) | 3; /* no such GDT entry */
        __asm__ volatile("mov %0, %%fs" : : "r"(bad));
    }
    printf("bad selector: signal %d code %#x\n", got_sig, got_code);
    errno = 0;
    r = syscall(SYS_vm86, 0, 0);
    printf("vm86 %ld errno %d\n", r, errno);
    return 0;
}
