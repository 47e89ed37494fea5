/*
 * The target registry: every front end linked into this binary.
 *
 * The list is the Makefile's TARGETS (e.g. `TARGETS := arm i386`), written
 * by make into $(BUILD)/gen/targets.def as one TARGET(name) line per
 * target; target-<name>/ defines `const TargetOps <name>_target`.  Adding
 * a guest is a folder and one word in TARGETS: nothing here changes.
 */
#include <elf.h>
#include <stddef.h>
#include <strings.h>

#include "target.h"

#define TARGET(name) extern const TargetOps name##_target;
#include "targets.def"
#undef TARGET

const TargetOps *const all_targets[] = {
#define TARGET(name) &name##_target,
#include "targets.def"
#undef TARGET
    NULL,
};

bool target_has_machine(const TargetOps *t, uint16_t e_machine)
{
    if (e_machine == 0)
        return false; /* EM_NONE */
    if (t->elf_machine == e_machine)
        return true;
    for (size_t i = 0; i < sizeof t->elf_machine_alt / sizeof t->elf_machine_alt[0]; i++)
        if (t->elf_machine_alt[i] == e_machine)
            return true;
    return false;
}

const TargetOps *target_by_machine(uint16_t e_machine)
{
    for (int i = 0; all_targets[i]; i++)
        if (target_has_machine(all_targets[i], e_machine))
            return all_targets[i];
    return NULL;
}

const TargetOps *target_by_name(const char *name)
{
    for (int i = 0; all_targets[i]; i++)
        if (strcasecmp(all_targets[i]->name, name) == 0)
            return all_targets[i];
    return NULL;
}

/* Names of the machines people are likely to try, linked or not (for
   messages such as "x86-64 executable, not arm"). */
static const struct {
    uint16_t em;
    const char *name;
} machine_names[] = {
    {EM_386, "i386"},        {EM_X86_64, "x86-64"},
    {EM_ARM, "ARM"},         {EM_AARCH64, "AArch64"},
    {EM_PPC, "PowerPC"},     {EM_PPC64, "PowerPC64"},
    {EM_SPARC, "SPARC"},     {EM_SPARC32PLUS, "SPARC32PLUS"},
    {EM_SPARCV9, "SPARC64"}, {EM_MIPS, "MIPS"},
    {EM_RISCV, "RISC-V"},    {EM_S390, "S/390"},
    {EM_68K, "m68k"},        {EM_SH, "SuperH"},
    {EM_ALPHA, "Alpha"},
};

const char *elf_machine_name(uint16_t em)
{
    for (size_t i = 0; i < sizeof machine_names / sizeof machine_names[0]; i++)
        if (machine_names[i].em == em)
            return machine_names[i].name;
    return NULL;
}
