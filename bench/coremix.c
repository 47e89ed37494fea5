/* A CoreMark-like mix of integer workloads (not CoreMark itself): linked
   list find/reverse/sort, small matrix multiply-accumulate, a character
   state machine, and CRC-16 over the results.  Prints a checksum so runs
   can be checked against the native build.  Argument: iterations. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

static uint16_t crc16(uint16_t crc, uint32_t v)
{
    for (int i = 0; i < 32; i++) {
        unsigned bit = ((crc ^ v) & 1);
        crc >>= 1;
        v >>= 1;
        if (bit)
            crc ^= 0xa001;
    }
    return crc;
}

struct node { struct node *next; int32_t key, val; };

static struct node *reverse(struct node *l)
{
    struct node *r = NULL;
    while (l) {
        struct node *n = l->next;
        l->next = r;
        r = l;
        l = n;
    }
    return r;
}
static struct node *merge_sort(struct node *l, int by_val)
{
    if (!l || !l->next)
        return l;
    struct node *slow = l, *fast = l->next;
    while (fast && fast->next) { slow = slow->next; fast = fast->next->next; }
    struct node *b = slow->next;
    slow->next = NULL;
    struct node *a = merge_sort(l, by_val);
    b = merge_sort(b, by_val);
    struct node head, *t = &head;
    while (a && b) {
        int lt = by_val ? a->val <= b->val : a->key <= b->key;
        if (lt) { t->next = a; a = a->next; } else { t->next = b; b = b->next; }
        t = t->next;
    }
    t->next = a ? a : b;
    return head.next;
}

static uint16_t list_bench(struct node *pool, int n, uint32_t seed)
{
    struct node *l = NULL;
    for (int i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        pool[i].key = (int32_t)(seed >> 16) & 0x7fff;
        pool[i].val = (int32_t)(seed & 0xffff) - 0x8000;
        pool[i].next = l;
        l = &pool[i];
    }
    uint16_t crc = 0;
    for (int k = 0; k < 8; k++) {
        int32_t want = (int32_t)((seed >> k) & 0x7fff);
        int found = 0;
        for (struct node *p = l; p; p = p->next)
            if (p->key == want) { found++; break; }
        crc = crc16(crc, (uint32_t)found);
        l = reverse(l);
    }
    l = merge_sort(l, 1);
    crc = crc16(crc, (uint32_t)l->val);
    l = merge_sort(l, 0);
    for (struct node *p = l; p; p = p->next)
        crc = crc16(crc, (uint32_t)p->key);
    return crc;
}

static uint16_t matrix_bench(int n, int32_t *A, int32_t *B, int32_t *C, uint32_t seed)
{
    for (int i = 0; i < n * n; i++) {
        seed = seed * 1664525u + 1013904223u;
        A[i] = (int32_t)(seed >> 20) - 2048;
        B[i] = (int32_t)((seed >> 8) & 0xfff) - 2048;
    }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            int32_t s = 0;
            for (int k = 0; k < n; k++)
                s += A[i * n + k] * B[k * n + j];
            C[i * n + j] = s;
        }
    uint16_t crc = 0;
    for (int i = 0; i < n * n; i++) {
        C[i] += A[i] * 3;
        C[i] = (C[i] >> 2) ^ (C[i] & 0x55);
        crc = crc16(crc, (uint32_t)C[i]);
    }
    return crc;
}

enum { START, INT, FLOAT, EXP, SCI, INVALID, NSTATES };
static uint16_t state_bench(char *buf, int len, uint32_t seed)
{
    static const char *pieces[] = { "5012", "1234", "-874", "+122", "35.54", ".1234", "-110.7", "5.500e+3",
                                    "-.123e-2", "-87e+832", "+0.6e-12", "T0.3e-1F", "-T.T++Tq", "1T3.4e4z", "34.0e-T^" };
    int pos = 0;
    while (pos < len - 12) {
        seed = seed * 1103515245u + 12345u;
        const char *p = pieces[(seed >> 16) % 15];
        size_t n = strlen(p);
        memcpy(buf + pos, p, n);
        pos += (int)n;
        buf[pos++] = ',';
    }
    buf[pos] = 0;
    unsigned counts[NSTATES] = { 0 };
    int state = START;
    for (char *c = buf; *c; c++) {
        char ch = *c;
        if (ch == ',') {
            counts[state]++;
            state = START;
            continue;
        }
        switch (state) {
        case START:
            if (ch >= '0' && ch <= '9') state = INT;
            else if (ch == '+' || ch == '-') state = INT;
            else if (ch == '.') state = FLOAT;
            else state = INVALID;
            break;
        case INT:
            if (ch == '.') state = FLOAT;
            else if (ch == 'e' || ch == 'E') state = EXP;
            else if (ch < '0' || ch > '9') state = INVALID;
            break;
        case FLOAT:
            if (ch == 'e' || ch == 'E') state = EXP;
            else if (ch < '0' || ch > '9') state = INVALID;
            break;
        case EXP:
            if (ch == '+' || ch == '-' || (ch >= '0' && ch <= '9')) state = SCI;
            else state = INVALID;
            break;
        case SCI:
            if (ch < '0' || ch > '9') state = INVALID;
            break;
        default:
            break;
        }
    }
    uint16_t crc = 0;
    for (int i = 0; i < NSTATES; i++)
        crc = crc16(crc, counts[i]);
    return crc;
}

int main(int argc, char **argv)
{
    int iters = argc > 1 ? atoi(argv[1]) : 300;
    enum { LN = 2000, MN = 24, SN = 4000 };
    struct node *pool = malloc(sizeof *pool * LN);
    int32_t *A = malloc(4 * MN * MN), *B = malloc(4 * MN * MN), *C = malloc(4 * MN * MN);
    char *buf = malloc(SN + 16);
    uint16_t crc = 0;
    for (int it = 0; it < iters; it++) {
        crc = crc16(crc, list_bench(pool, LN, (uint32_t)it));
        crc = crc16(crc, matrix_bench(MN, A, B, C, (uint32_t)it * 7));
        crc = crc16(crc, state_bench(buf, SN, (uint32_t)it * 13));
    }
    printf("coremix iterations %d crc %04x\n", iters, crc);
    return 0;
}
