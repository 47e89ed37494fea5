/*
 * safe_syscall (linux-user/safe-syscall.S, safe-syscall-hook.c):
 *   - a plain call returns the kernel's result (and -errno on failure);
 *   - with the pending flag set it returns -EINTR without entering the
 *     kernel (a read on an empty pipe would block forever);
 *   - safe_syscall_adjust moves a RIP inside [start, end) to the -EINTR
 *     exit and leaves one past the syscall instruction alone;
 *   - a host signal whose handler calls safe_syscall_adjust interrupts a
 *     blocked read with -EINTR.
 * Exit 0 = pass.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "linux-user/safe-syscall.h"

extern char safe_syscall_start[], safe_syscall_end[], safe_syscall_eintr[];

static int failures;
#define CHECK(c, ...)                                                                              \
    do {                                                                                           \
        if (!(c)) {                                                                                \
            failures++;                                                                            \
            printf("FAIL " __VA_ARGS__);                                                           \
            printf("\n");                                                                          \
        }                                                                                          \
    } while (0)

static void on_usr1(int sig, siginfo_t *si, void *uc) { safe_syscall_adjust(uc); }

static pthread_t reader;
static void *kicker(void *arg)
{
    usleep(100000);
    pthread_kill(reader, SIGUSR1);
    return NULL;
}

int main(void)
{
    int p[2];
    if (pipe(p) != 0)
        return 1;
    CHECK(safe_syscall(SYS_write, p[1], "ab", 2) == 2, "write");
    char buf[4];
    CHECK(safe_syscall(SYS_read, p[0], buf, 4) == 2, "read");
    CHECK(safe_syscall(SYS_read, 12345, buf, 4) == -EBADF, "EBADF as -errno");
    CHECK(safe_syscall(SYS_getpid) == getpid(), "no-argument call");

    safe_sig_pending = 1;
    CHECK(safe_syscall(SYS_read, p[0], buf, 4) == -EINTR, "flag set: -EINTR at once");
    safe_sig_pending = 0;

    ucontext_t uc;
    memset(&uc, 0, sizeof uc);
    for (char *pc = safe_syscall_start; pc < safe_syscall_end; pc++) {
        uc.uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)pc;
        safe_syscall_adjust(&uc);
        CHECK(uc.uc_mcontext.gregs[REG_RIP] == (greg_t)(uintptr_t)safe_syscall_eintr,
              "rip start+%d moved", (int)(pc - safe_syscall_start));
    }
    uc.uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)safe_syscall_end;
    safe_syscall_adjust(&uc);
    CHECK(uc.uc_mcontext.gregs[REG_RIP] == (greg_t)(uintptr_t)safe_syscall_end, "rip end kept");
    safe_sig_pending = 0;

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO; /* no SA_RESTART */
    sigaction(SIGUSR1, &sa, NULL);
    reader = pthread_self();
    pthread_t th;
    pthread_create(&th, NULL, kicker, NULL);
    long r = safe_syscall(SYS_read, p[0], buf, 4);
    CHECK(r == -EINTR, "blocked read interrupted: %ld", r);
    pthread_join(th, NULL);

    printf("%s: %d failures\n", failures ? "FAIL" : "PASS", failures);
    return failures != 0;
}
