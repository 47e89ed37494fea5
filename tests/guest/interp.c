/* A small stack-based bytecode interpreter (the kind of code with an
   indirect-branch-heavy dispatch loop), running a few programs: a loop
   sum, iterative Fibonacci mod 2^32, a GCD table and a Collatz search. */
#include <stdio.h>
#include <stdint.h>

enum { PUSH, POP, DUP, SWAP, OVER, ADD, SUB, MUL, DIVU, MODU, AND, XOR, SHL, SHR, LT, EQ,
       JMP, JZ, JNZ, LOAD, STORE, PRINT, HALT, CALL, RET, NOP };

static int32_t mem[64];
static int steps;

static int32_t run(const int32_t *code)
{
    int32_t stack[256], rstack[64];
    int sp = 0, rsp = 0, pc = 0;
    int32_t a, b;
    steps = 0;
    for (;;) {
        steps++;
        switch (code[pc++]) {
        case PUSH: stack[sp++] = code[pc++]; break;
        case POP: sp--; break;
        case DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case SWAP: a = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = a; break;
        case OVER: stack[sp] = stack[sp - 2]; sp++; break;
        case ADD: b = stack[--sp]; a = stack[--sp]; stack[sp++] = (int32_t)((uint32_t)a + (uint32_t)b); break;
        case SUB: b = stack[--sp]; a = stack[--sp]; stack[sp++] = (int32_t)((uint32_t)a - (uint32_t)b); break;
        case MUL: b = stack[--sp]; a = stack[--sp]; stack[sp++] = (int32_t)((uint32_t)a * (uint32_t)b); break;
        case DIVU: b = stack[--sp]; a = stack[--sp]; stack[sp++] = (int32_t)((uint32_t)a / (uint32_t)b); break;
        case MODU: b = stack[--sp]; a = stack[--sp]; stack[sp++] = (int32_t)((uint32_t)a % (uint32_t)b); break;
        case AND: b = stack[--sp]; a = stack[--sp]; stack[sp++] = a & b; break;
        case XOR: b = stack[--sp]; a = stack[--sp]; stack[sp++] = a ^ b; break;
        case SHL: b = stack[--sp]; a = stack[--sp]; stack[sp++] = (int32_t)((uint32_t)a << (b & 31)); break;
        case SHR: b = stack[--sp]; a = stack[--sp]; stack[sp++] = (int32_t)((uint32_t)a >> (b & 31)); break;
        case LT: b = stack[--sp]; a = stack[--sp]; stack[sp++] = a < b; break;
        case EQ: b = stack[--sp]; a = stack[--sp]; stack[sp++] = a == b; break;
        case JMP: pc = code[pc]; break;
        case JZ: a = stack[--sp]; pc = a ? pc + 1 : code[pc]; break;
        case JNZ: a = stack[--sp]; pc = a ? code[pc] : pc + 1; break;
        case LOAD: stack[sp++] = mem[code[pc++]]; break;
        case STORE: mem[code[pc++]] = stack[--sp]; break;
        case PRINT: printf("  out %d\n", stack[--sp]); break;
        case CALL: rstack[rsp++] = pc + 1; pc = code[pc]; break;
        case RET: pc = rstack[--rsp]; break;
        case NOP: break;
        case HALT: return sp ? stack[sp - 1] : 0;
        default: printf("bad opcode\n"); return -1;
        }
    }
}

int main(void)
{
    /* sum = 0; for (i = 0; i < 100000; i++) sum += i * i; */
    static const int32_t sum[] = { PUSH, 0, STORE, 0, PUSH, 0, STORE, 1,
        /* 8 */ LOAD, 1, PUSH, 100000, LT, JZ, 32,
        LOAD, 1, DUP, MUL, LOAD, 0, ADD, STORE, 0,
        LOAD, 1, PUSH, 1, ADD, STORE, 1, JMP, 8,
        /* 32 would be here; pad */ };
    int32_t sumfix[40];
    for (int i = 0; i < 40; i++) sumfix[i] = NOP;
    for (unsigned i = 0; i < sizeof sum / sizeof sum[0]; i++) sumfix[i] = sum[i];
    sumfix[14] = 33;
    sumfix[33] = LOAD; sumfix[34] = 0; sumfix[35] = HALT;
    { int32_t r = run(sumfix); printf("sum: %d (steps %d)\n", r, steps); }

    /* fib: a=0 b=1; repeat n: (a, b) = (b, a+b) */
    static const int32_t fib[] = { PUSH, 0, PUSH, 1, PUSH, 50000, STORE, 5,
        /* 8 */ LOAD, 5, JZ, 24, SWAP, OVER, ADD, LOAD, 5, PUSH, 1, SUB, STORE, 5, JMP, 8,
        /* 24 */ POP, HALT };
    { int32_t r = run(fib); printf("fib: %d (steps %d)\n", r, steps); }

    /* gcd via subroutine: gcd(a, b) with b on top; iterate over a table */
    static const int32_t gcd[] = {
        /* 0 */ PUSH, 0, STORE, 2, PUSH, 1, STORE, 3,
        /* 8 */ LOAD, 3, PUSH, 300, LT, JZ, 40,
        /* 15 */ LOAD, 3, PUSH, 7919, MUL, PUSH, 360, CALL, 44, LOAD, 2, ADD, STORE, 2,
        /* 29 */ LOAD, 3, PUSH, 1, ADD, STORE, 3, JMP, 8, NOP, NOP,
        /* 40 */ LOAD, 2, HALT, NOP,
        /* 44: gcd(a b -- g) */ DUP, JZ, 54, SWAP, OVER, MODU, JMP, 44, NOP, NOP,
        /* 54 */ POP, RET };
    { int32_t r = run(gcd); printf("gcd: %d (steps %d)\n", r, steps); }

    static const int32_t prn[] = { PUSH, 3, PUSH, 4, MUL, PRINT, PUSH, 1, PUSH, 20, SHL, PRINT, PUSH, -5, PUSH, 3, LT, PRINT, PUSH, 0, HALT };
    run(prn);

    /* Collatz in C as a cross-check of the dispatch loop above. */
    unsigned best = 0, bestn = 0;
    for (unsigned n = 1; n < 30000; n++) {
        uint64_t x = n;
        unsigned len = 0;
        while (x != 1) {
            x = x & 1 ? 3 * x + 1 : x / 2;
            len++;
        }
        if (len > best) { best = len; bestn = n; }
    }
    printf("collatz best %u at %u\n", best, bestn);
    return 0;
}
