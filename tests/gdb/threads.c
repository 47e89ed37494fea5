/* Two threads for tests/gdb.sh: the worker stops in worker_done while the
   main thread waits in pthread_join (or is on its way there). */
#include <pthread.h>
#include <stdio.h>

static int shared;
static volatile int go;

static void worker_done(int v)
{
    shared = v; /* L:worker-done */
}

static void *worker(void *arg)
{
    while (!go)
        ;
    int v = *(int *)arg * 7;
    worker_done(v);
    return NULL;
}

int main(void)
{
    pthread_t th;
    int arg = 6;
    pthread_create(&th, NULL, worker, &arg);
    go = 1;
    pthread_join(th, NULL);
    printf("shared=%d\n", shared);
    return shared == 42 ? 0 : 1;
}
