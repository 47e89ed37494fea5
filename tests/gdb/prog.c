/* The single-threaded program tests/gdb.sh debugs.  The comments "L:name"
   mark the lines the expected gdb output names; the values in the
   expected lines are what this source computes (see the test). */
#include <signal.h>
#include <stdio.h>
#include <string.h>

int counter;
double ratio = 1.5;

static int square(int x)
{
    int y = x * x; /* L:square-body */
    return y;
}

static double scale(double v)
{
    return v * ratio; /* L:scale-body */
}

static void on_usr1(int sig)
{
    counter += 100 + sig - SIGUSR1; /* L:handler-body */
}

int main(int argc, char **argv)
{
    int total = 0; /* L:main-first */
    signal(SIGUSR1, on_usr1); /* L:main-signal */
    for (int i = 1; i <= 3; i++)
        total += square(i); /* L:main-loop */
    counter = total;
    ratio = scale(2.5); /* L:main-after-counter */
    if (argc > 1 && !strcmp(argv[1], "crash")) {
        volatile int *nowhere = (int *)16;
        *nowhere = 1; /* L:crash */
    }
    raise(SIGUSR1); /* L:main-raise */
    printf("total=%d counter=%d ratio=%g\n", total, counter, ratio);
    return 3;
}
