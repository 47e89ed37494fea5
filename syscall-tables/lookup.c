/*
 * Number -> generic id lookups for the per-target syscall tables.
 */
#include <stddef.h>
#include <string.h>
#include "syscall-tables/tables.h"

const char *syscall_table_name(const SyscallTable *t, uint32_t nr)
{
    if (nr < t->count)
        return t->names[nr];
    if (t->private_names && nr - t->private_base < t->private_count)
        return t->private_names[nr - t->private_base];
    return NULL;
}

const char *syscall_table_id_name(const SyscallTable *t, uint32_t nr)
{
    const char *name = nr < t->count ? t->names[nr] : NULL;
    if (!name)
        return NULL;
    for (const SyscallOverride *o = t->overrides; o && o->kernel_name; o++)
        if (strcmp(o->kernel_name, name) == 0)
            return o->id_name;
    return name;
}

int syscall_table_id(const SyscallTable *t, uint32_t nr)
{
    if (nr >= t->count || !t->names[nr])
        return -1;
    int16_t c = __atomic_load_n(&t->id_cache[nr], __ATOMIC_RELAXED);
    if (c == 0) {
        /* Racing threads compute the same value: a relaxed store is enough. */
        c = (int16_t)(syscall_id_by_name(syscall_table_id_name(t, nr)) + 2);
        __atomic_store_n(&t->id_cache[nr], c, __ATOMIC_RELAXED);
    }
    return c - 2;
}
