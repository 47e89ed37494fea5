/*
 * The cold-array section (include/coldbss.h): COLD_BSS objects are in a
 * NOBITS section named mimic_cold, zero at start, after all of .bss, so
 * that process_stack_prefault's populate of [__bss_start,
 * __start_mimic_cold) covers every ordinary zero-initialized object and
 * none of the cold ones.  Read from this binary's own section headers.
 * Exit 0 = pass; one line per failure and a summary.
 */
#include <fcntl.h>
#include <gelf.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "include/coldbss.h"
#include "tests/unit/unit-check.h"

static COLD_BSS uint8_t cold_big[3 << 20];
static uint8_t plain_small[64];
extern char __bss_start[], __start_mimic_cold[], __stop_mimic_cold[];

int main(void)
{
    uintptr_t cold = (uintptr_t)cold_big, plain = (uintptr_t)plain_small;
    CHECK(cold >= (uintptr_t)__start_mimic_cold &&
              cold + sizeof cold_big <= (uintptr_t)__stop_mimic_cold,
          "cold_big at %#lx, section [%p, %p)", (unsigned long)cold, (void *)__start_mimic_cold,
          (void *)__stop_mimic_cold);
    CHECK(plain >= (uintptr_t)__bss_start &&
              plain + sizeof plain_small <= (uintptr_t)__start_mimic_cold,
          "plain_small at %#lx, .bss from %p, cold from %p", (unsigned long)plain,
          (void *)__bss_start, (void *)__start_mimic_cold);
    size_t nonzero = 0;
    for (size_t i = 0; i < sizeof cold_big; i += 4096)
        nonzero += cold_big[i] != 0;
    CHECK(nonzero == 0, "%zu pages of cold_big not zero", nonzero);

    /* The section headers: mimic_cold NOBITS (no room in the file), at or
       after the end of .bss. */
    elf_version(EV_CURRENT);
    int fd = open("/proc/self/exe", O_RDONLY);
    Elf *e = fd >= 0 ? elf_begin(fd, ELF_C_READ, NULL) : NULL;
    size_t shstrndx = 0;
    CHECK(e && elf_getshdrstrndx(e, &shstrndx) == 0, "cannot read /proc/self/exe");
    GElf_Shdr bss = {0}, cs = {0};
    bool have_bss = false, have_cold = false;
    for (Elf_Scn *s = e ? elf_nextscn(e, NULL) : NULL; s; s = elf_nextscn(e, s)) {
        GElf_Shdr h;
        if (!gelf_getshdr(s, &h))
            continue;
        const char *name = elf_strptr(e, shstrndx, h.sh_name);
        if (name && !strcmp(name, ".bss")) {
            bss = h;
            have_bss = true;
        } else if (name && !strcmp(name, "mimic_cold")) {
            cs = h;
            have_cold = true;
        }
    }
    CHECK(have_bss && have_cold, ".bss %d, mimic_cold %d", have_bss, have_cold);
    CHECK(cs.sh_type == SHT_NOBITS, "mimic_cold has type %u, not NOBITS", (unsigned)cs.sh_type);
    CHECK(cs.sh_size >= sizeof cold_big, "mimic_cold is %lu bytes", (unsigned long)cs.sh_size);
    CHECK(cs.sh_addr >= bss.sh_addr + bss.sh_size, "mimic_cold at %#lx, .bss ends at %#lx",
          (unsigned long)cs.sh_addr, (unsigned long)(bss.sh_addr + bss.sh_size));
    if (e)
        elf_end(e);
    if (fd >= 0)
        close(fd);
    printf("coldbss: %d checks, %d failures\n", checks, failures);
    return failures != 0;
}
