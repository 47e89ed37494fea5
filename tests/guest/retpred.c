/* Calls and returns that a return-address predictor must get right or
   fall back on (tcg/README.md, "Return prediction"): deep and mutual
   recursion (deeper than the prediction ring), returns through function
   pointer trampolines and tail calls, setjmp/longjmp across many frames,
   a return whose return address was replaced (per-architecture assembly,
   the same behaviour everywhere), coroutines on their own stacks
   (swapcontext), handlers on an alternate signal stack, signal handlers that recurse (raised and timer-driven,
   and left by siglongjmp), and threads calling concurrently. */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <ucontext.h>

#define NOINL __attribute__((noinline))

static volatile uint32_t sink;

/* ---- recursion ---- */

NOINL static uint32_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

NOINL static uint32_t deep(uint32_t n)
{
    if (n == 0)
        return 1;
    return deep(n - 1) * 5 + n; /* not a tail call */
}

static uint32_t odd_f(uint32_t n, uint32_t acc);
NOINL static uint32_t even_f(uint32_t n, uint32_t acc) { return n == 0 ? acc : odd_f(n - 1, acc * 3 + 1) + 1; }
NOINL static uint32_t odd_f(uint32_t n, uint32_t acc) { return n == 0 ? acc ^ 0x55 : even_f(n - 1, acc + 7) * 3; }

/* ---- function pointers, trampolines, tail calls ---- */

typedef uint32_t (*fn_t)(uint32_t);
NOINL static uint32_t f_a(uint32_t x) { return x * 3 + 1; }
NOINL static uint32_t f_b(uint32_t x) { return x ^ 0x1234; }
NOINL static uint32_t f_c(uint32_t x) { return x + fib(x & 7); }
static fn_t volatile table[3] = { f_a, f_b, f_c };

/* Calls its argument as the last thing it does: a tail call at -O2 (the
   callee returns straight to our caller). */
NOINL static uint32_t tramp(fn_t f, uint32_t x) { return f(x + 1); }
NOINL static uint32_t tramp2(fn_t f, uint32_t x) { return tramp(f, x * 2); }

/* Walks a chain of calls through pointers, with a different depth each time. */
NOINL static uint32_t chain(uint32_t depth, uint32_t x)
{
    if (depth == 0)
        return table[x % 3](x);
    uint32_t r = chain(depth - 1, x + depth);
    return r + tramp2(table[(x + depth) % 3], r & 0xff);
}

/* ---- a return to somewhere else than the caller ---- */

/* ret_to(k): "returns" into k (a function that never returns: it
   longjmps) instead of to its caller, by replacing the return address
   and returning the architecture's usual way. */
void ret_to(void (*k)(void));
#if defined(__x86_64__)
__asm__(".text\n.globl ret_to\n.type ret_to,@function\nret_to:\n push %rdi\n ret\n");
#elif defined(__i386__)
__asm__(".text\n.globl ret_to\n.type ret_to,@function\nret_to:\n mov 4(%esp), %eax\n push %eax\n ret\n");
#elif defined(__arm__)
__asm__(".text\n.syntax unified\n.globl ret_to\n.type ret_to,%function\n"
#ifdef __thumb__
        ".thumb\n.thumb_func\n"
#else
        ".arm\n"
#endif
        "ret_to:\n mov lr, r0\n bx lr\n");
#elif defined(__powerpc__)
__asm__(".text\n.globl ret_to\n.type ret_to,@function\nret_to:\n mtlr 3\n blr\n");
#elif defined(__sparc__)
__asm__(".text\n.globl ret_to\n.type ret_to,#function\nret_to:\n sub %o0, 8, %o7\n retl\n nop\n");
#else
void ret_to(void (*k)(void)) { k(); }
#endif

static jmp_buf ret_jb;
static uint32_t landings;
NOINL static void landing(void)
{
    landings++;
    longjmp(ret_jb, 1);
}

NOINL static uint32_t redirect_at_depth(uint32_t d)
{
    if (d == 0) {
        ret_to(landing);
        return 0xdead; /* never */
    }
    return redirect_at_depth(d - 1) + 1;
}

/* ---- setjmp/longjmp across many frames ---- */

static jmp_buf jb;
NOINL static uint32_t dive(uint32_t n, uint32_t limit)
{
    if (n == limit)
        longjmp(jb, (int)n);
    return dive(n + 1, limit) + 1;
}

/* ---- coroutines (their own stacks) ---- */

static ucontext_t main_uc, co_uc[2];
static uint32_t co_val[2];
static void co_body(int id)
{
    for (uint32_t i = 0; i < 200; i++) {
        co_val[id] = co_val[id] * 31 + fib(3 + (i + (uint32_t)id) % 9) + deep(i % 40);
        /* back to the scheduler from inside a few frames of our own */
        swapcontext(&co_uc[id], &main_uc);
    }
}

/* ---- signals in recursion ---- */

static volatile sig_atomic_t in_handler, handler_runs;
static volatile uint32_t handler_sum;
static sigjmp_buf sig_jb;
static volatile int escape;

static void on_usr1(int sig)
{
    (void)sig;
    in_handler++;
    handler_sum += fib(12) + deep(30); /* recursion inside the handler */
    if (in_handler < 3)
        raise(SIGUSR1); /* nested handlers (SA_NODEFER) */
    in_handler--;
    handler_runs++;
    if (escape && in_handler == 0)
        siglongjmp(sig_jb, 1);
}

NOINL static uint32_t rec_raise(uint32_t n)
{
    if (n == 0) {
        raise(SIGUSR1);
        return 1;
    }
    return rec_raise(n - 1) * 2 + 1;
}

static volatile uint32_t alt_sum;
static void on_usr2(int sig)
{
    (void)sig;
    alt_sum = alt_sum * 3 + fib(13) + deep(50);
}

NOINL static uint32_t rec_raise2(uint32_t n)
{
    if (n == 0) {
        raise(SIGUSR2);
        return 2;
    }
    return rec_raise2(n - 1) * 3 + 1;
}

static volatile uint32_t alarms;
static void on_alarm(int sig)
{
    (void)sig;
    alarms++;
    sink += fib(10); /* calls and returns at an arbitrary point of the interrupted code */
}

/* ---- threads ---- */

typedef struct { uint32_t id, out; } Job;

NOINL static uint32_t tdive(jmp_buf *b, uint32_t n, uint32_t limit)
{
    if (n == limit)
        longjmp(*b, (int)n + 1);
    return tdive(b, n + 1, limit) * 3 + 1;
}

static void *worker(void *p)
{
    Job *j = p;
    jmp_buf local;
    uint32_t acc = j->id;
    for (uint32_t i = 0; i < 60; i++) {
        acc = acc * 7 + chain(3 + (i + j->id) % 5, i + j->id);
        acc += even_f(40 + i % 9, acc & 0xff);
        /* leave frames by longjmp: this thread's prediction state goes
           stale, never another thread's */
        int r = setjmp(local);
        if (r == 0)
            sink = tdive(&local, 0, 5 + (i * 7 + j->id) % 40);
        else
            acc += (uint32_t)r;
    }
    j->out = acc + fib(18 + j->id % 3);
    return NULL;
}

int main(void)
{
    printf("fib(24)=%u\n", fib(24));
    printf("deep(20000)=%u\n", deep(20000));
    printf("even_f(3001)=%u odd_f(2000)=%u\n", even_f(3001, 1), odd_f(2000, 2));

    uint32_t c = 0;
    for (uint32_t i = 0; i < 400; i++)
        c = c * 33 + chain(i % 12, i);
    printf("chain=%08x\n", c);

    for (uint32_t d = 0; d < 70; d += 3) {
        if (setjmp(ret_jb) == 0)
            sink = redirect_at_depth(d);
    }
    printf("landings=%u\n", landings);

    uint32_t lj = 0;
    for (uint32_t k = 1; k < 120; k += 7) {
        int r = setjmp(jb);
        if (r == 0)
            sink = dive(0, k);
        else
            lj = lj * 3 + (uint32_t)r;
        lj += fib(k % 13); /* calls after the longjmp must still work */
    }
    printf("longjmp=%u\n", lj);

    static char stacks[2][65536];
    for (int id = 0; id < 2; id++) {
        getcontext(&co_uc[id]);
        co_uc[id].uc_stack.ss_sp = stacks[id];
        co_uc[id].uc_stack.ss_size = sizeof(stacks[id]);
        co_uc[id].uc_link = &main_uc;
        makecontext(&co_uc[id], (void (*)(void))co_body, 1, id);
    }
    for (int i = 0; i < 400; i++)
        swapcontext(&main_uc, &co_uc[i & 1]);
    printf("coroutines=%08x %08x\n", co_val[0], co_val[1]);

    /* A handler on an alternate signal stack: calls and returns on another stack. */
    static char altstack[65536];
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack), .ss_flags = 0 };
    sigaltstack(&ss, NULL);
    struct sigaction sa2;
    memset(&sa2, 0, sizeof(sa2));
    sa2.sa_handler = on_usr2;
    sa2.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR2, &sa2, NULL);
    uint32_t alt = 0;
    for (uint32_t n = 0; n < 30; n += 3)
        alt = alt * 7 + rec_raise2(n);
    printf("altstack: %u %u\n", alt, alt_sum);

    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_usr1;
    sa.sa_flags = SA_NODEFER;
    sigaction(SIGUSR1, &sa, NULL);
    uint32_t rr = 0;
    for (uint32_t n = 0; n < 50; n += 5)
        rr = rr * 3 + rec_raise(n);
    printf("raise: %u runs=%d sum=%u\n", rr, (int)handler_runs, handler_sum);
    escape = 1;
    uint32_t esc = 0;
    for (uint32_t n = 1; n < 40; n += 6) {
        if (sigsetjmp(sig_jb, 1) == 0)
            sink = rec_raise(n);
        else
            esc += n;
        esc += fib(n % 11);
    }
    printf("siglongjmp: %u runs=%d\n", esc, (int)handler_runs);

    sa.sa_handler = on_alarm;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval it = { { 0, 500 }, { 0, 500 } };
    setitimer(ITIMER_REAL, &it, NULL);
    uint32_t ta = 0;
    for (uint32_t i = 0; i < 300; i++)
        ta = ta * 5 + chain(i % 9, i) + deep(200 + i);
    memset(&it, 0, sizeof(it));
    setitimer(ITIMER_REAL, &it, NULL);
    printf("timer: %08x\n", ta);

    pthread_t th[4];
    Job jobs[4];
    for (uint32_t i = 0; i < 4; i++) {
        jobs[i].id = i;
        pthread_create(&th[i], NULL, worker, &jobs[i]);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        printf("thread %d: %08x\n", i, jobs[i].out);
    }
    return 0;
}
