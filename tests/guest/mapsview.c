/*
 * Memory views: /proc/self/maps shows the protections the program asked
 * for (a write-only mapping is -w-p even though the CPU lets it be read;
 * exec-only is --xp), through mmap and mprotect; and the top page of the
 * address space, which no Linux process can have (its TASK_SIZE ends
 * there: 0xfffff000 for a 32-bit process, 0x7ffffffff000 on x86-64), is
 * refused to MAP_FIXED, MAP_FIXED_NOREPLACE, mremap and munmap; mremap of
 * a range that runs past it is EFAULT.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* The permissions column of the maps line that holds addr. */
static const char *perms_of(void *addr)
{
    static char perms[8];
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    strcpy(perms, "none");
    while (f && fgets(line, sizeof line, f)) {
        unsigned long long lo, hi;
        char p[8];
        if (sscanf(line, "%llx-%llx %7s", &lo, &hi, p) == 3 && (uintptr_t)addr >= lo &&
            (uintptr_t)addr < hi) {
            strcpy(perms, p);
            break;
        }
    }
    if (f)
        fclose(f);
    return perms;
}

static void show(const char *what, long r)
{
    if (r < 0)
        printf("%-40s -1 %s\n", what, strerror(errno));
    else
        printf("%-40s %ld\n", what, r);
}

int main(void)
{
    static const struct {
        int prot;
        const char *name;
    } prots[] = {
        { PROT_NONE, "PROT_NONE" },
        { PROT_READ, "PROT_READ" },
        { PROT_WRITE, "PROT_WRITE" },
        { PROT_EXEC, "PROT_EXEC" },
        { PROT_READ | PROT_WRITE, "PROT_READ|PROT_WRITE" },
        { PROT_WRITE | PROT_EXEC, "PROT_WRITE|PROT_EXEC" },
        { PROT_READ | PROT_EXEC, "PROT_READ|PROT_EXEC" },
    };
    int n = sizeof prots / sizeof prots[0];
    /* A guard page between the mappings keeps the kernel from merging them. */
    for (int i = 0; i < n; i++) {
        char *p = mmap(NULL, 3 * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        char *q = mmap(p + 4096, 4096, prots[i].prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        printf("mmap %-22s %s\n", prots[i].name, q == MAP_FAILED ? "failed" : perms_of(q));
        for (int j = 0; j < n; j++) {
            if (mprotect(q, 4096, prots[j].prot) == 0 && strcmp(perms_of(q), "none") != 0 &&
                j == (i + 2) % n)
                printf("  mprotect %-22s %s\n", prots[j].name, perms_of(q));
        }
        munmap(p, 3 * 4096);
    }
    /* A write-only page can still be read (the CPU cannot forbid it). */
    volatile int *w = mmap(NULL, 4096, PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    w[1] = 42;
    printf("write-only page reads back %d\n", w[1]);

    uintptr_t top = sizeof(void *) == 4 ? 0xfffff000u : (uintptr_t)0x7ffffffff000ull;
    void *r = mmap((void *)top, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    show("mmap MAP_FIXED at the top page", r == MAP_FAILED ? -1 : 0);
    r = mmap((void *)top, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    show("mmap MAP_FIXED_NOREPLACE at the top page", r == MAP_FAILED ? -1 : 0);
    r = mmap((void *)(top - 4096), 8192, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    show("mmap MAP_FIXED over the top page", r == MAP_FAILED ? -1 : 0);
    r = mmap((void *)top, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("mmap hint at the top page: %s\n",
           r == MAP_FAILED ? strerror(errno) : (uintptr_t)r == top ? "there" : "placed elsewhere");
    show("munmap the top page", munmap((void *)top, 4096));
    show("mprotect the top page", mprotect((void *)top, 4096, PROT_READ));
    char *m = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    r = mremap(m, 4096, 4096, MREMAP_MAYMOVE | MREMAP_FIXED, (void *)top);
    show("mremap MREMAP_FIXED to the top page", r == MAP_FAILED ? -1 : 0);
    /* an old range that is not mapped (here: it ends past the address
       space) is EFAULT */
    r = mremap((void *)top, 2 * 4096, 4096, 0);
    show("mremap of a range past the top", r == MAP_FAILED ? -1 : 0);
    return 0;
}
