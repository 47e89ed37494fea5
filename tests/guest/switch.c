/* Dense switch statements compile to jump tables (ARM: ldr pc, [pc, r, lsl #2]
   or tbb/tbh in Thumb-2); sparse ones to compare trees.  Run them in loops. */
#include <stdio.h>
#include <stdint.h>

__attribute__((noinline)) static uint32_t dense(uint32_t op, uint32_t x)
{
    switch (op) {
    case 0: return x + 1;
    case 1: return x * 3;
    case 2: return x ^ 0x5a5a5a5a;
    case 3: return x >> 3;
    case 4: return x << 5;
    case 5: return ~x;
    case 6: return x - 77;
    case 7: return x * x;
    case 8: return (x << 16) | (x >> 16);
    case 9: return x & 0xff00ff;
    case 10: return x | 0x1001;
    case 11: return x / 3;
    case 12: return x % 1000;
    case 13: return x + (x >> 7);
    case 14: return 0 - x;
    case 15: return x ^ (x >> 11);
    case 16: return x + 0x9e3779b9u;
    case 17: return x * 2654435761u;
    case 18: return x - (x << 2);
    case 19: return (x & 1) ? x + 5 : x - 5;
    default: return x + op;
    }
}

/* Big table: exercises tbh (halfword offsets) in Thumb. */
__attribute__((noinline)) static int big(int v)
{
    int r = 0;
    switch (v) {
#define C(n) case n: r = n * 7 + 1; break;
#define C10(n) C(n##0) C(n##1) C(n##2) C(n##3) C(n##4) C(n##5) C(n##6) C(n##7) C(n##8) C(n##9)
    C10(1) C10(2) C10(3) C10(4) C10(5) C10(6) C10(7) C10(8) C10(9)
    case 0: r = -1; break;
    case 1: r = -2; {
        /* padding so offsets exceed a byte */
        volatile int z = 0;
        for (int i = 0; i < 3; i++) z += i * v;
        r += z;
    } break;
    default: r = v * 3;
    }
    return r;
}

__attribute__((noinline)) static int sparse(int v)
{
    switch (v) {
    case -1000: return 1;
    case -7: return 2;
    case 3: return 3;
    case 100: return 4;
    case 1000: return 5;
    case 65536: return 6;
    case 0x7fffffff: return 7;
    default: return 0;
    }
}

int main(void)
{
    uint32_t x = 1;
    for (uint32_t i = 0; i < 200000; i++)
        x = dense((x ^ i) % 23, x);
    printf("dense %08x\n", x);
    int s = 0;
    for (int i = -5; i < 120; i++)
        s = s * 3 + big(i);
    printf("big %d\n", s);
    static const int sv[] = { -1000, -7, 3, 100, 1000, 65536, 0x7fffffff, 0, 4, -8 };
    for (int i = 0; i < 10; i++)
        printf("%d", sparse(sv[i]));
    printf("\n");
    /* char-keyed state machine */
    const char *text = "int main ( void ) { return 42 ; } /* c */ x = y + 3.5e2 ;";
    int counts[4] = { 0 };
    for (const char *p = text; *p; p++) {
        switch (*p) {
        case 'a': case 'e': case 'i': case 'o': case 'u': counts[0]++; break;
        case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9': counts[1]++; break;
        case ' ': counts[2]++; break;
        case '(': case ')': case '{': case '}': case ';': case '*': case '/':
        case '+': case '=': counts[3]++; break;
        default: break;
        }
    }
    printf("vowels %d digits %d spaces %d punct %d\n", counts[0], counts[1], counts[2], counts[3]);
    return 0;
}
