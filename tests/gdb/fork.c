/* fork under the debugger (tests/gdb.sh): the child runs undebugged (its
   copy of the breakpoint is gone), the parent stops in child_work(0). */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static int child_work(int v)
{
    return v + 1; /* L:child-work */
}

int main(void)
{
    pid_t p = fork();
    if (p == 0)
        _exit(child_work(4));
    int st;
    waitpid(p, &st, 0);
    printf("child=%d\n", WEXITSTATUS(st));
    return child_work(0);
}
