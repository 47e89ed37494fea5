/*
 * Per-target syscall tables: guest syscall number -> kernel name, and the
 * generic SYS_* id (linux-user/syscall-ids.h) found by that name.
 *
 * The name arrays (arm.c, ...) are generated once by gen.sh from the cross
 * linux-libc-dev headers and committed as data.  The number -> id map is
 * built lazily by name, so a target table never has to know which syscalls
 * mimic implements: adding SYSCALL(foo, ...) to syscall-ids.h is enough.
 *
 * Hooks for TargetOps (target-arm/cpu.c):
 *     .syscall_id = arm_syscall_id,
 * and arm_syscall_name(nr) for messages (also knows the 0xf0000+ range).
 */
#ifndef MIMIC_SYSCALL_TABLES_H
#define MIMIC_SYSCALL_TABLES_H

#include <stdint.h>

#define ARM_NR_SYSCALLS 512
#define ARM_NR_PRIVATE 8
#define ARM_NR_PRIVATE_BASE 0xf0000u

extern const char *const arm_syscall_names[ARM_NR_SYSCALLS];
extern const char *const arm_private_syscall_names[ARM_NR_PRIVATE];

/* ARM EABI: generic SYS_* id of syscall nr, or -1 (unknown / not implemented). */
int arm_syscall_id(uint32_t nr);
/* Kernel name of nr ("read", "set_tls"), or NULL if the number is unknown. */
const char *arm_syscall_name(uint32_t nr);

/* Shared helper: id of names[nr] (0 <= nr < n) via syscall_id_by_name,
   memoized in cache (n entries, zero-initialized: 0 = not looked up yet,
   otherwise id + 2, so 1 = -1). */
int syscall_table_id(const char *const *names, uint32_t n, int16_t *cache, uint32_t nr);

/* linux-user/syscall.c: generic SYS_* id of a kernel syscall name, or -1. */
int syscall_id_by_name(const char *name);

#endif
