/*
 * Core dumps: a child with RLIMIT_CORE unlimited dies of SIGSEGV in a
 * known function; the parent checks the wait status (WCOREDUMP) and reads
 * the core file back: an ELF core of the program's own machine (the one in
 * its /proc/self/exe), a NT_PRSTATUS whose pc is in the crashing function,
 * the program's auxv (NT_AUXV: AT_ENTRY and AT_PHDR as getauxval says),
 * the program's file in NT_FILE, and a global variable's value in the
 * memory segments.  Natively the host kernel writes the core; under mimic,
 * mimic does.  Needs a core_pattern of "core" (or "core.%p"), else SKIP.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

volatile unsigned marker = 0x1234abcd;
static char dir[128];

__attribute__((noinline, noclone)) void crash_here(volatile int *p)
{
    marker = 0x5eed5eed;
    *p = 42;
    marker = 0;
}

__attribute__((noinline, noclone)) void level2(volatile int *p)
{
    crash_here(p);
    __asm__ volatile("" ::: "memory");
}

/* The pc in a NT_PRSTATUS desc, by the machine's elf_gregset_t. */
static uintptr_t prstatus_pc(const unsigned char *desc)
{
#if defined(__x86_64__)
    const unsigned long *r = (const void *)(desc + 112); /* pr_reg */
    return r[16];                                       /* rip */
#elif defined(__i386__)
    const uint32_t *r = (const void *)(desc + 72);
    return r[12]; /* eip */
#elif defined(__arm__)
    const uint32_t *r = (const void *)(desc + 72);
    return r[15];
#elif defined(__powerpc__)
    const uint32_t *r = (const void *)(desc + 72);
    return r[32]; /* nip */
#elif defined(__sparc__)
    const uint32_t *r = (const void *)(desc + 72);
    return r[33]; /* g0-g7 o0-o7 l0-l7 i0-i7, psr, pc: a sparc64 kernel's 32-bit layout */
#else
    return 0;
#endif
}

static unsigned char *slurp(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return NULL;
    struct stat st;
    fstat(fd, &st);
    unsigned char *b = malloc(st.st_size + 1);
    size_t n = 0;
    while (b && n < (size_t)st.st_size) {
        ssize_t r = read(fd, b + n, st.st_size - n);
        if (r <= 0)
            break;
        n += r;
    }
    close(fd);
    *len = n;
    return b;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    char pat[256] = "";
    FILE *f = fopen("/proc/sys/kernel/core_pattern", "r");
    if (f) {
        fgets(pat, sizeof pat, f);
        fclose(f);
    }
    pat[strcspn(pat, "\n")] = 0;
    if (strcmp(pat, "core") != 0 && strcmp(pat, "core.%p") != 0) {
        printf("SKIP: core_pattern is \"%s\", not core or core.%%p\n", pat);
        return 0;
    }
    strcpy(dir, "build/tests/coredump-XXXXXX");
    if (!mkdtemp(dir)) {
        strcpy(dir, "coredump-XXXXXX");
        if (!mkdtemp(dir))
            return 1;
    }
    char self[512];
    ssize_t sl = readlink("/proc/self/exe", self, sizeof self - 1);
    self[sl > 0 ? sl : 0] = 0;

    pid_t c = fork();
    if (c == 0) {
        struct rlimit rl = { RLIM_INFINITY, RLIM_INFINITY };
        setrlimit(RLIMIT_CORE, &rl);
        if (chdir(dir) < 0)
            _exit(1);
        level2((volatile int *)8);
        _exit(0);
    }
    int st;
    waitpid(c, &st, 0);
    printf("signaled %d, SIGSEGV %d, core dumped %d\n", WIFSIGNALED(st),
           WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, WIFSIGNALED(st) && WCOREDUMP(st));

    char core[300];
    snprintf(core, sizeof core, "%s/core", dir);
    if (access(core, F_OK) != 0)
        snprintf(core, sizeof core, "%s/core.%d", dir, (int)c);
    size_t len = 0;
    unsigned char *b = slurp(core, &len);
    printf("core file: %s\n", b ? "there" : "missing");
    if (b) {
        size_t elen = 0;
        unsigned char *exe = slurp(self, &elen);
        ElfW(Ehdr) *eh = (void *)b;
        ElfW(Ehdr) *xh = (void *)exe;
        /* A sparc64 kernel writes EM_SPARC (its 32-bit regset view's
           e_machine) for every 32-bit process, V8+ (EM_SPARC32PLUS) ones too. */
        int machine_ok = exe && (eh->e_machine == xh->e_machine ||
                                 (eh->e_machine == EM_SPARC && xh->e_machine == EM_SPARC32PLUS));
        printf("ELF core: %d, class mine: %d, machine mine: %d\n",
               memcmp(eh->e_ident, ELFMAG, SELFMAG) == 0 && eh->e_type == ET_CORE,
               exe && eh->e_ident[EI_CLASS] == xh->e_ident[EI_CLASS], machine_ok);
        ElfW(Phdr) *ph = (void *)(b + eh->e_phoff);
        int nprstatus = 0, pc_ok = 0, auxv_ok = 0, file_ok = 0, marker_ok = 0, loads = 0;
        for (int i = 0; i < eh->e_phnum; i++) {
            if (ph[i].p_type == PT_LOAD) {
                loads++;
                uintptr_t m = (uintptr_t)&marker;
                if (m >= ph[i].p_vaddr && m + 4 <= ph[i].p_vaddr + ph[i].p_filesz) {
                    unsigned v;
                    memcpy(&v, b + ph[i].p_offset + (m - ph[i].p_vaddr), 4);
                    marker_ok = v == 0x5eed5eed;
                }
                continue;
            }
            if (ph[i].p_type != PT_NOTE)
                continue;
            for (size_t o = ph[i].p_offset; o + 12 <= ph[i].p_offset + ph[i].p_filesz;) {
                ElfW(Nhdr) *nh = (void *)(b + o);
                const unsigned char *desc = b + o + 12 + ((nh->n_namesz + 3) & ~3u);
                if (nh->n_type == NT_PRSTATUS) {
                    uintptr_t pc = prstatus_pc(desc);
                    if (nprstatus++ == 0)
                        pc_ok = pc >= (uintptr_t)crash_here && pc < (uintptr_t)crash_here + 256;
                } else if (nh->n_type == NT_AUXV) {
                    const ElfW(auxv_t) *a = (const void *)desc;
                    int got = 0;
                    for (; (const unsigned char *)a < desc + nh->n_descsz && a->a_type; a++)
                        got += (a->a_type == AT_ENTRY && a->a_un.a_val == getauxval(AT_ENTRY)) +
                               (a->a_type == AT_PHDR && a->a_un.a_val == getauxval(AT_PHDR));
                    auxv_ok = got == 2;
                } else if (nh->n_type == 0x46494c45) { /* NT_FILE */
                    for (size_t k = 0; k + strlen(self) <= nh->n_descsz; k++)
                        if (memcmp(desc + k, self, strlen(self) + 1) == 0)
                            file_ok = 1;
                }
                o += 12 + ((nh->n_namesz + 3) & ~3u) + ((nh->n_descsz + 3) & ~3u);
            }
        }
        printf("NT_PRSTATUS: %d, pc in crash_here: %d\n", nprstatus, pc_ok);
        printf("NT_AUXV matches: %d, NT_FILE names the program: %d\n", auxv_ok, file_ok);
        printf("PT_LOAD segments: %s, marker in memory: %d\n", loads > 2 ? "several" : "few",
               marker_ok);
        unlink(core);
        free(exe);
    }
    free(b);
    /* With RLIMIT_CORE 0: no core, no WCOREDUMP. */
    c = fork();
    if (c == 0) {
        struct rlimit rl = { 0, RLIM_INFINITY };
        setrlimit(RLIMIT_CORE, &rl);
        if (chdir(dir) < 0)
            _exit(1);
        level2((volatile int *)8);
        _exit(0);
    }
    waitpid(c, &st, 0);
    snprintf(core, sizeof core, "%s/core", dir);
    printf("RLIMIT_CORE 0: signaled %d, core dumped %d, file %s\n", WIFSIGNALED(st),
           WIFSIGNALED(st) && WCOREDUMP(st), access(core, F_OK) == 0 ? "there" : "none");
    unlink(core);
    rmdir(dir);
    return 0;
}
