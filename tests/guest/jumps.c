/* setjmp/longjmp: across frames, from nested calls and loops, with local
   state in volatile variables, and sigsetjmp/siglongjmp. */
#include <stdio.h>
#include <setjmp.h>
#include <signal.h>

static jmp_buf env;
static int depth_reached;

static void dive(int n)
{
    volatile unsigned char pad[64];
    pad[n % 64] = (unsigned char)n;
    depth_reached = n;
    if (n == 200)
        longjmp(env, n + pad[n % 64]);
    if (n < 1000)
        dive(n + 1);
}

static jmp_buf loop_env;
static int step(int i)
{
    if (i % 7 == 3)
        longjmp(loop_env, i);
    return i * 2;
}

int main(void)
{
    int r = setjmp(env);
    if (r == 0) {
        dive(0);
        printf("not reached\n");
    }
    printf("longjmp returned %d depth %d\n", r, depth_reached);

    volatile int total = 0, jumps = 0;
    for (volatile int i = 0; i < 100; i++) {
        int v = setjmp(loop_env);
        if (v) {
            jumps++;
            total += v;
            continue;
        }
        total += step(i);
    }
    printf("loop total %d jumps %d\n", total, jumps);

    /* longjmp with 0 becomes 1. */
    volatile int count = 0;
    if (setjmp(env) == 0) {
        count++;
        longjmp(env, 0);
    } else {
        count += 10;
    }
    printf("zero value: count %d\n", count);

    sigjmp_buf senv;
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    if (sigsetjmp(senv, 1) == 0) {
        sigprocmask(SIG_BLOCK, &set, NULL);
        siglongjmp(senv, 5);
    }
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    printf("siglongjmp restored mask: usr1 blocked=%d\n", sigismember(&now, SIGUSR1));
    return 0;
}
