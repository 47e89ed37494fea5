/*
 * The target registry (linux-user/targets.c) and the binfmt_misc entry it
 * implies per target (linux-user/binfmt.c, binfmt_elf_magic): lookups by
 * name and by e_machine, several machines per target, and the (magic, mask)
 * pair, checked against ELF header bytes written out by hand from the ELF
 * specification (e_ident, then e_type at 16 and e_machine at 18, in the
 * target's byte order).  Exit 0 = pass; one line per failure.
 */
#include <elf.h>
#include <stdio.h>
#include <string.h>

#include "linux-user/binfmt.h"
#include "linux-user/user.h"
#include "tests/unit/unit-check.h"

/* main.c's globals, which the library's other files refer to. */
UNIT_MAIN_GLOBALS;


/* Does the entry (magic, mask) take a 32-bit header of this byte order,
   e_type and e_machine?  hdr built by hand, not by binfmt.c's code. */
static bool takes(const uint8_t *magic, const uint8_t *mask, bool big, uint16_t type,
                  uint16_t machine)
{
    uint8_t h[BINFMT_MAGIC_LEN] = {0x7f, 'E', 'L', 'F', 1, big ? 2 : 1, 1, 3 /* GNU OSABI */};
    h[16] = big ? 0 : (uint8_t)type, h[17] = big ? (uint8_t)type : 0;
    h[18] = big ? (uint8_t)(machine >> 8) : (uint8_t)machine;
    h[19] = big ? (uint8_t)machine : (uint8_t)(machine >> 8);
    for (int i = 0; i < BINFMT_MAGIC_LEN; i++)
        if ((h[i] ^ magic[i]) & mask[i])
            return false;
    return true;
}

int main(void)
{
    /* The registry: what the Makefile's TARGETS linked (arm at least). */
    const TargetOps *arm = target_by_name("arm");
    CHECK(arm && all_targets[0], "arm is registered");
    CHECK(target_by_name("ARM") == arm, "names are case-insensitive");
    CHECK(target_by_name("nope") == NULL, "unknown name");
    CHECK(target_by_machine(EM_ARM) == arm, "EM_ARM runs on arm");
    CHECK(target_by_machine(EM_NONE) == NULL, "EM_NONE is nobody's");
    CHECK(target_by_machine(EM_X86_64) == NULL, "x86-64 is not a guest");
    int n = 0;
    for (int i = 0; all_targets[i]; i++, n++)
        CHECK(target_by_name(all_targets[i]->name) == all_targets[i], "%s by name",
              all_targets[i]->name);
    CHECK(n >= 1, "%d targets", n);
    CHECK(elf_machine_name(EM_X86_64) && !strcmp(elf_machine_name(EM_X86_64), "x86-64"),
          "machine name");
    CHECK(elf_machine_name(0xfffe) == NULL, "no name for an unknown machine");

    /* Several machines per target (a SPARC-like one: EM_SPARC and
       EM_SPARC32PLUS, big-endian). */
    TargetOps sparc = {.name = "sparc-test", .elf_machine = EM_SPARC, .big_endian = true,
                       .elf_machine_alt = {EM_SPARC32PLUS}};
    CHECK(target_has_machine(&sparc, EM_SPARC), "main machine");
    CHECK(target_has_machine(&sparc, EM_SPARC32PLUS), "alternative machine");
    CHECK(!target_has_machine(&sparc, EM_SPARCV9), "not SPARC64");
    CHECK(!target_has_machine(&sparc, EM_NONE), "not EM_NONE (the unused slots)");

    uint8_t magic[BINFMT_MAGIC_LEN], mask[BINFMT_MAGIC_LEN];
    CHECK(binfmt_elf_magic(&sparc, magic, mask), "EM_SPARC/EM_SPARC32PLUS share one entry");
    CHECK(takes(magic, mask, true, ET_EXEC, EM_SPARC), "sparc ET_EXEC");
    CHECK(takes(magic, mask, true, ET_DYN, EM_SPARC32PLUS), "sparc32plus ET_DYN");
    CHECK(!takes(magic, mask, true, ET_REL, EM_SPARC), "not ET_REL");
    CHECK(!takes(magic, mask, true, ET_EXEC, EM_SPARCV9), "not SPARC64");
    CHECK(!takes(magic, mask, false, ET_EXEC, EM_SPARC), "not little-endian");
    int hits = 0;
    for (unsigned m = 0; m < 0x10000; m++)
        hits += takes(magic, mask, true, ET_EXEC, (uint16_t)m);
    CHECK(hits == 2, "the entry takes %d machines, want exactly 2", hits);

    /* Machines that differ in two bits cannot share a mask exactly. */
    TargetOps odd = {.name = "odd", .elf_machine = EM_386, .elf_machine_alt = {6 /* EM_486 */}};
    CHECK(!binfmt_elf_magic(&odd, magic, mask), "EM_386 (3) and EM_486 (6) refused");

    /* ARM's entry, byte for byte (tools/binfmt/mimic-arm). */
    static const uint8_t arm_magic[BINFMT_MAGIC_LEN] = {0x7f, 0x45, 0x4c, 0x46, 1, 1, 1, 0, 0, 0,
                                                        0,    0,    0,    0,    0, 0, 2, 0, 40, 0};
    static const uint8_t arm_mask[BINFMT_MAGIC_LEN] = {
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xff};
    CHECK(binfmt_elf_magic(arm, magic, mask), "arm entry");
    CHECK(!memcmp(magic, arm_magic, sizeof magic), "arm magic");
    CHECK(!memcmp(mask, arm_mask, sizeof mask), "arm mask");

    printf("test-targets: %d checks, %d failed\n", checks, failures);
    return failures != 0;
}
