/* Can this x86-64 process run 32-bit code?  Installs a 32-bit code segment
   in the LDT (modify_ldt) and far-calls a snippet in it (mov $42, %eax;
   lret) on a stack below 4 GiB, in a child (a kernel that refuses kills it
   with SIGSEGV).  Exit 0 and no output if it works; else exit 1 with the
   reason on stdout.  Used by tests/run.sh (diff/native-i386). */
#define _GNU_SOURCE
#include <asm/ldt.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int run32(void)
{
    struct user_desc d;
    memset(&d, 0, sizeof d);
    d.limit = 0xfffff;
    d.seg_32bit = 1;
    d.contents = 2; /* code */
    d.limit_in_pages = 1;
    d.useable = 1;
    if (syscall(SYS_modify_ldt, 1, &d, sizeof d) != 0)
        return 2;
    uint8_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
    uint8_t *stk = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
    if (code == MAP_FAILED || stk == MAP_FAILED)
        return 3;
    static const uint8_t prog[] = { 0xb8, 42, 0, 0, 0, 0xcb }; /* mov $42, %eax; lret */
    memcpy(code, prog, sizeof prog);
    struct __attribute__((packed)) {
        uint32_t off;
        uint16_t sel;
    } fp = { (uint32_t)(uintptr_t)code, 4 | 3 }; /* LDT entry 0, RPL 3 */
    uint64_t out, sp = (uint64_t)(uintptr_t)(stk + 65536 - 64);
    __asm__ volatile("mov %%rsp, %%r12\n\tmov %[sp], %%rsp\n\t"
                     "mov $0x2b, %%ecx\n\tmov %%ecx, %%ds\n\tmov %%ecx, %%es\n\t"
                     "lcall *(%[fp])\n\t"
                     "xor %%ecx, %%ecx\n\tmov %%ecx, %%ds\n\tmov %%ecx, %%es\n\t"
                     "mov %%r12, %%rsp"
                     : "=a"(out)
                     : [fp] "r"(&fp), [sp] "r"(sp)
                     : "rcx", "r12", "memory", "cc");
    return out == 42 ? 0 : 4;
}

int main(void)
{
    pid_t pid = fork();
    if (pid == 0)
        _exit(run32());
    int st;
    if (pid < 0 || waitpid(pid, &st, 0) != pid) {
        printf("fork failed");
        return 1;
    }
    if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
        return 0;
    if (WIFSIGNALED(st))
        printf("a far call into a 32-bit LDT code segment gets signal %d", WTERMSIG(st));
    else
        printf("modify_ldt/mmap setup failed (%d)", WEXITSTATUS(st));
    return 1;
}
