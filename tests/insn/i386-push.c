/*
 * push: the value goes to esp - size and esp changes with the store, not
 * before it: a push that faults leaves esp as it was (the kernel reports
 * the fault at the push with the old esp).  mimic stores to [esp - size]
 * (a displacement its backend folds into the host access) and decrements
 * esp after the store (target-i386/translate.c, gen_push).  Checked: push
 * of a register, of an immediate, of a 16-bit register, push %esp (the old
 * value), and a push onto a PROT_NONE page (SIGSEGV, si_addr = esp - 4,
 * the handler's esp the old one), each in a loop so that it also runs as
 * hot-region code.  Expected output: i386-push.expected (from those rules).
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

static sigjmp_buf jb;
static volatile uint32_t fault_addr, fault_esp;
static uint32_t saved_esp;

static void on_segv(int sig, siginfo_t *si, void *ucv)
{
    (void)sig;
    ucontext_t *uc = ucv;
    fault_addr = (uint32_t)(uintptr_t)si->si_addr;
    fault_esp = (uint32_t)uc->uc_mcontext.gregs[REG_ESP];
    siglongjmp(jb, 1);
}

/* esp = sp, push v, returns esp after the push. */
static uint32_t __attribute__((noinline)) push_at(uint32_t sp, uint32_t v)
{
    uint32_t after;
    __asm__ volatile("movl %%esp, %[sv]\n\t"
                     "movl %[sp], %%esp\n\t"
                     "pushl %[v]\n\t"
                     "movl %%esp, %[sp]\n\t"
                     "movl %[sv], %%esp"
                     : [sp] "+r"(sp), [sv] "+m"(saved_esp)
                     : [v] "r"(v)
                     : "memory");
    after = sp;
    return after;
}

static uint32_t __attribute__((noinline)) push_imm_at(uint32_t sp)
{
    __asm__ volatile("movl %%esp, %[sv]\n\t"
                     "movl %[sp], %%esp\n\t"
                     "pushl $0x5a5aa5a5\n\t"
                     "movl %%esp, %[sp]\n\t"
                     "movl %[sv], %%esp"
                     : [sp] "+r"(sp), [sv] "+m"(saved_esp)
                     :
                     : "memory");
    return sp;
}

static uint32_t __attribute__((noinline)) push16_at(uint32_t sp, uint32_t v)
{
    __asm__ volatile("movl %%esp, %[sv]\n\t"
                     "movl %[sp], %%esp\n\t"
                     "pushw %w[v]\n\t"
                     "movl %%esp, %[sp]\n\t"
                     "movl %[sv], %%esp"
                     : [sp] "+r"(sp), [sv] "+m"(saved_esp)
                     : [v] "r"(v)
                     : "memory");
    return sp;
}

/* push %esp pushes esp as it was before the push. */
static uint32_t __attribute__((noinline)) push_esp(void)
{
    uint32_t before, pushed;
    __asm__ volatile("movl %%esp, %0\n\tpushl %%esp\n\tpopl %1" : "=&r"(before), "=&r"(pushed) : : "memory");
    return before - pushed;
}

int main(void)
{
    uint8_t *pages = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (pages == MAP_FAILED) {
        printf("mmap failed\n");
        return 1;
    }
    uint32_t top = (uint32_t)(uintptr_t)pages + 8192;
    unsigned ok = 0;
    for (uint32_t i = 0; i < 3000; i++) {
        uint32_t after = push_at(top, 0xabcd0000u + i);
        uint32_t m;
        memcpy(&m, pages + 8188, 4);
        ok += after == top - 4 && m == 0xabcd0000u + i;
    }
    printf("push reg: %u ok\n", ok);
    ok = 0;
    for (uint32_t i = 0; i < 3000; i++) {
        memset(pages + 8188, 0, 4);
        uint32_t after = push_imm_at(top - 8 * (i & 7));
        uint32_t m;
        memcpy(&m, pages + 8188 - 8 * (i & 7), 4);
        ok += after == top - 8 * (i & 7) - 4 && m == 0x5a5aa5a5u;
    }
    printf("push imm: %u ok\n", ok);
    ok = 0;
    for (uint32_t i = 0; i < 3000; i++) {
        memset(pages + 8188, 0xee, 4);
        uint32_t after = push16_at(top, 0x10000u + i);
        uint16_t m, above;
        memcpy(&m, pages + 8190, 2);
        memcpy(&above, pages + 8188, 2);
        ok += after == top - 2 && m == (uint16_t)i && above == 0xeeee;
    }
    printf("push 16: %u ok\n", ok);
    uint32_t d = 0;
    for (uint32_t i = 0; i < 3000; i++)
        d |= push_esp();
    printf("push esp: old value %s\n", d == 0 ? "yes" : "no");

    static uint8_t alt[65536];
    stack_t ss = { .ss_sp = alt, .ss_size = sizeof alt, .ss_flags = 0 };
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
    sigaction(SIGSEGV, &sa, NULL);
    mprotect(pages, 4096, PROT_NONE);
    uint32_t sp = (uint32_t)(uintptr_t)pages + 4096;
    unsigned faults = 0, at = 0, esp_ok = 0;
    for (uint32_t i = 0; i < 3000; i++) {
        fault_addr = 1;
        fault_esp = 1;
        if (sigsetjmp(jb, 1) == 0)
            push_at(sp, i);
        faults += fault_addr != 1;
        at += fault_addr == sp - 4;
        esp_ok += fault_esp == sp;
    }
    printf("push fault: %u faults, %u at esp - 4, %u with the old esp\n", faults, at, esp_ok);
    return 0;
}
