/*
 * COLD_BSS: big zero-initialized arrays that a process may never touch
 * (the core dump's buffers, the translator's big tables, which a process
 * running from the persistent cache rarely needs) go to a section of their
 * own, after .bss (a NOBITS section named like an identifier: the linker
 * places it after .bss and defines __start_mimic_cold).  Start-up then
 * makes the rest of .bss present in one call (process_stack_prefault:
 * ~30 scattered small objects are first touched at start-up, a page fault
 * of ~20 us each on the VMs measured, against well under 1 us a page
 * populated), without populating megabytes that stay untouched.
 * ("#" ends the section flags GCC writes, so that the section is NOBITS.)
 * Only for zero-initialized objects.
 */
#ifndef MIMIC_COLDBSS_H
#define MIMIC_COLDBSS_H

#define COLD_BSS __attribute__((section("mimic_cold,\"aw\",@nobits#")))

#endif
