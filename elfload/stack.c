/*
 * The initial stack of a new 32-bit process, laid out as Linux's
 * binfmt_elf (create_elf_tables) does, from the top down:
 *
 *   [4 zero bytes] execfn, envp strings, argv strings   (argv[0] lowest)
 *   platform string, 16 random bytes (AT_RANDOM)
 *   padding so that sp ends up aligned
 *   auxv pairs ... AT_NULL
 *   envp[0..envc-1], NULL
 *   argv[0..argc-1], NULL
 *   argc                                                <- sp
 *
 * Words are stored in the guest's byte order.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

#include "elfload/elfload.h"
#include "guest.h"

#define STACK_TOP 0xff000000u /* targets' fixed pages (reserved_top) and a gap lie above */
#define DEFAULT_STACK_SIZE (8u << 20)
#define AUXV_EXTRA_MAX 16 /* pairs a target may add (TargetOps.auxv_extra) */

static bool big_endian;
static const char *stack_path; /* for messages */

static void put32(uint32_t addr, uint32_t v)
{
    if (big_endian)
        v = __builtin_bswap32(v);
    memcpy(g2h(addr), &v, 4);
}

static void stack_die(const char *what)
{
    fprintf(stderr, "mimic: %s: %s\n", stack_path ? stack_path : "stack", what);
    if (elf_die_hook) /* the same error exit as elf_load_image's */
        elf_die_hook(ELF_ERR_EXEC);
    exit(ELF_ERR_EXEC);
}

static uint32_t push_bytes(uint32_t *p, uint32_t limit, const void *s, size_t len)
{
    if (*p - limit < len + 4096)
        stack_die("argument list too long for the stack (raise -s)");
    *p -= (uint32_t)len;
    memcpy(g2h(*p), s, len);
    return *p;
}

static uint32_t push_str(uint32_t *p, uint32_t limit, const char *s)
{
    return push_bytes(p, limit, s, strlen(s) + 1);
}

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux 5.14 */
#endif
#define STACK_PREFAULT 0x8000u /* at most half the smallest stack (0x10000) */

/* Map the stack: below STACK_TOP if free, else wherever there is room. */
static uint32_t map_stack(uint32_t size, bool exec)
{
    int prot = PROT_READ | PROT_WRITE | (exec ? PROT_EXEC : 0);
    int64_t r = guest_mmap(STACK_TOP - size, size, prot,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE | MAP_STACK, -1, 0);
    if (r < 0)
        r = guest_mmap(0, size, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (r < 0)
        stack_die("no room for the stack");
    return (uint32_t)r;
}

uint32_t elf_setup_stack(const ElfLoadArgs *args, ImageInfo *img)
{
    const TargetOps *target = img->target;
    int argc = args->argc;
    char **argv = args->argv, **envp = args->envp;
    big_endian = target->big_endian;
    stack_path = img->guest_path;
    uint32_t size = args->stack_size ? args->stack_size : DEFAULT_STACK_SIZE;
    size = (size + GUEST_PAGE_SIZE - 1) & GUEST_PAGE_MASK;
    if (size < 0x10000)
        size = 0x10000;
    uint32_t bottom = map_stack(size, img->exec_stack);
    /* Its top pages present in one call: written below, then by the
       guest's start-up code (a fault each otherwise, ~15-25 us; populating
       costs ~0.85 us a page).  A hint. */
    madvise(g2h(bottom + size - STACK_PREFAULT), STACK_PREFAULT, MADV_POPULATE_WRITE);
    uint32_t p = bottom + size - 4; /* a NULL word at the very top, as Linux */
    img->stack_limit = bottom;
    img->stack_top = bottom + size;

    int envc = 0;
    while (envp[envc])
        envc++;
    uint32_t *ptrs = calloc((size_t)argc + envc + 1, sizeof *ptrs);
    if (!ptrs)
        stack_die("out of memory");

    const char *execfn = img->guest_path ? img->guest_path : (argc ? argv[0] : "");
    uint32_t execfn_addr = push_str(&p, bottom, execfn);
    img->env_end = p;
    for (int i = envc - 1; i >= 0; i--)
        ptrs[argc + i] = push_str(&p, bottom, envp[i]);
    img->env_start = img->arg_end = p;
    for (int i = argc - 1; i >= 0; i--)
        ptrs[i] = push_str(&p, bottom, argv[i]);
    img->arg_start = p;

    uint32_t platform = 0;
    if (target->platform)
        platform = push_str(&p, bottom, target->platform);
    uint8_t rnd[16];
    if (guest_getrandom(rnd, sizeof rnd, 0) != (long)sizeof rnd)
        for (size_t i = 0; i < sizeof rnd; i++)
            rnd[i] = (uint8_t)(rand() ^ (i * 0x9e));
    uint32_t random = push_bytes(&p, bottom, rnd, sizeof rnd);

    /* Auxiliary vector, in Linux's order (create_elf_tables): the target's
       own entries (ARCH_DLINFO) first. */
    uint32_t auxv[2 * (24 + AUXV_EXTRA_MAX)];
    int na = 0;
    if (target->auxv_extra) {
        int n = target->auxv_extra(img, auxv, AUXV_EXTRA_MAX);
        na = 2 * (n < 0 ? 0 : n > AUXV_EXTRA_MAX ? AUXV_EXTRA_MAX : n);
    }
#define AUX(k, v) (auxv[na++] = (k), auxv[na++] = (v))
    AUX(AT_HWCAP, target->get_hwcap ? target->get_hwcap() : target->hwcap);
    AUX(AT_PAGESZ, GUEST_PAGE_SIZE);
    AUX(AT_CLKTCK, 100);
    AUX(AT_PHDR, img->phdr);
    AUX(AT_PHENT, img->phent);
    AUX(AT_PHNUM, img->phnum);
    AUX(AT_BASE, img->interp_base);
    AUX(AT_FLAGS, 0);
    AUX(AT_ENTRY, img->entry);
    AUX(AT_UID, (uint32_t)getuid());
    AUX(AT_EUID, (uint32_t)geteuid());
    AUX(AT_GID, (uint32_t)getgid());
    AUX(AT_EGID, (uint32_t)getegid());
    AUX(AT_SECURE, opt.secure ? 1 : 0);
    AUX(AT_RANDOM, random);
    uint32_t hwcap2 = target->get_hwcap2 ? target->get_hwcap2() : target->hwcap2;
    if (hwcap2 || target->has_hwcap2)
        AUX(AT_HWCAP2, hwcap2);
    AUX(AT_EXECFN, execfn_addr);
    if (platform)
        AUX(AT_PLATFORM, platform);
    AUX(AT_NULL, 0);
#undef AUX

    uint32_t align = target->stack_align > 16 ? target->stack_align : 16;
    uint32_t words = 1 + (uint32_t)argc + 1 + (uint32_t)envc + 1 + (uint32_t)na;
    if (p - bottom < words * 4 + 4096)
        stack_die("argument list too long for the stack (raise -s)");
    uint32_t sp = (p - words * 4) & ~(align - 1);

    uint32_t a = sp;
    put32(a, (uint32_t)argc), a += 4;
    for (int i = 0; i < argc; i++)
        put32(a, ptrs[i]), a += 4;
    put32(a, 0), a += 4;
    for (int i = 0; i < envc; i++)
        put32(a, ptrs[argc + i]), a += 4;
    put32(a, 0), a += 4;
    img->auxv = a;
    img->auxv_len = (uint32_t)na * 4;
    for (int i = 0; i < na; i++)
        put32(a, auxv[i]), a += 4;
    free(ptrs);
    img->start_stack = sp;
    return sp;
}
