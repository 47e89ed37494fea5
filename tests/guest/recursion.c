/* Deep and branchy recursion: Ackermann, naive Fibonacci, a 100000-deep
   linear recursion with small frames, mutual recursion, Hanoi. */
#include <stdio.h>
#include <stdint.h>

__attribute__((noinline)) static unsigned ack(unsigned m, unsigned n)
{
    if (m == 0)
        return n + 1;
    if (n == 0)
        return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

__attribute__((noinline)) static unsigned fib(unsigned n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

/* Not tail-recursive: the addition happens after the call returns. */
__attribute__((noinline)) static uint32_t deep(uint32_t n)
{
    if (n == 0)
        return 0;
    return deep(n - 1) * 3 + n;
}

static int is_odd(unsigned n);
__attribute__((noinline)) static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
__attribute__((noinline)) static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

static unsigned moves;
static uint32_t hh;
static void hanoi(int n, int from, int to, int via)
{
    if (n == 0)
        return;
    hanoi(n - 1, from, via, to);
    moves++;
    hh = hh * 7 + (uint32_t)(from * 3 + to);
    hanoi(n - 1, via, to, from);
}

int main(void)
{
    printf("ack(2,3)=%u ack(3,5)=%u\n", ack(2, 3), ack(3, 5));
    printf("fib(25)=%u\n", fib(25));
    printf("deep(100000)=%u\n", deep(100000));
    printf("even(10001)=%d odd(20000)=%d\n", is_even(10001), is_odd(20000));
    hanoi(16, 1, 3, 2);
    printf("hanoi moves=%u hash=%08x\n", moves, hh);
    return 0;
}
