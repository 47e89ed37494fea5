/*
 * Number -> generic id lookups for the per-target syscall name tables.
 */
#include <stddef.h>
#include "syscall-tables/tables.h"

int syscall_table_id(const char *const *names, uint32_t n, int16_t *cache, uint32_t nr)
{
    if (nr >= n || !names[nr])
        return -1;
    int16_t c = __atomic_load_n(&cache[nr], __ATOMIC_RELAXED);
    if (c == 0) {
        /* Racing threads compute the same value: a relaxed store is enough. */
        c = (int16_t)(syscall_id_by_name(names[nr]) + 2);
        __atomic_store_n(&cache[nr], c, __ATOMIC_RELAXED);
    }
    return c - 2;
}

static int16_t arm_id_cache[ARM_NR_SYSCALLS];

int arm_syscall_id(uint32_t nr)
{
    return syscall_table_id(arm_syscall_names, ARM_NR_SYSCALLS, arm_id_cache, nr);
}

const char *arm_syscall_name(uint32_t nr)
{
    if (nr < ARM_NR_SYSCALLS)
        return arm_syscall_names[nr];
    if (nr - ARM_NR_PRIVATE_BASE < ARM_NR_PRIVATE)
        return arm_private_syscall_names[nr - ARM_NR_PRIVATE_BASE];
    return NULL;
}
