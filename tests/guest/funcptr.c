/* Function pointers and indirect calls: tables of operations, callbacks,
   a vtable-like dispatch, and returning function pointers. */
#include <stdio.h>
#include <stdint.h>

typedef uint32_t (*op_fn)(uint32_t, uint32_t);
static uint32_t f_add(uint32_t a, uint32_t b) { return a + b; }
static uint32_t f_sub(uint32_t a, uint32_t b) { return a - b; }
static uint32_t f_mul(uint32_t a, uint32_t b) { return a * b; }
static uint32_t f_xor(uint32_t a, uint32_t b) { return a ^ b; }
static uint32_t f_rot(uint32_t a, uint32_t b) { b &= 31; return b ? (a << b) | (a >> (32 - b)) : a; }
static uint32_t f_max(uint32_t a, uint32_t b) { return a > b ? a : b; }
static const op_fn ops[] = { f_add, f_sub, f_mul, f_xor, f_rot, f_max };

struct shape;
struct shape_ops {
    int (*area)(const struct shape *);
    int (*perimeter)(const struct shape *);
    const char *name;
};
struct shape {
    const struct shape_ops *ops;
    int w, h;
};
static int rect_area(const struct shape *s) { return s->w * s->h; }
static int rect_per(const struct shape *s) { return 2 * (s->w + s->h); }
static int tri_area(const struct shape *s) { return s->w * s->h / 2; }
static int tri_per(const struct shape *s) { return s->w + s->h + (s->w > s->h ? s->w : s->h); }
static const struct shape_ops rect_ops = { rect_area, rect_per, "rect" };
static const struct shape_ops tri_ops = { tri_area, tri_per, "tri" };

static op_fn pick(int i) { return ops[i % 6]; }

static void apply(int n, void (*cb)(int, void *), void *arg)
{
    for (int i = 0; i < n; i++)
        cb(i, arg);
}
static void sum_cb(int i, void *arg) { *(int *)arg += i * i; }
static void hash_cb(int i, void *arg) { uint32_t *h = arg; *h = *h * 31 + (uint32_t)i; }

/* Recursion through a pointer. */
static unsigned (*volatile self)(unsigned);
static unsigned countdown(unsigned n) { return n ? 1 + self(n - 1) : 0; }

int main(void)
{
    uint32_t acc = 1;
    for (uint32_t i = 0; i < 300000; i++)
        acc = ops[(acc >> 3) % 6](acc, i) + 1;
    printf("table %08x\n", acc);
    acc = 7;
    for (int i = 0; i < 1000; i++)
        acc = pick(i)(acc, (uint32_t)i * 2654435761u);
    printf("pick %08x\n", acc);

    struct shape shapes[6];
    for (int i = 0; i < 6; i++) {
        shapes[i].ops = i & 1 ? &tri_ops : &rect_ops;
        shapes[i].w = i + 3;
        shapes[i].h = 2 * i + 1;
    }
    for (int i = 0; i < 6; i++)
        printf("%s %d %d\n", shapes[i].ops->name, shapes[i].ops->area(&shapes[i]),
               shapes[i].ops->perimeter(&shapes[i]));
    int s = 0;
    uint32_t h = 0;
    apply(1000, sum_cb, &s);
    apply(1000, hash_cb, &h);
    printf("callbacks %d %08x\n", s, h);
    self = countdown;
    printf("countdown %u\n", countdown(5000));
    return 0;
}
