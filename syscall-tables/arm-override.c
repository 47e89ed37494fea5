/*
 * ARM EABI override rows (hand-written; see tables.h).  The 0xf0000+
 * private range (cacheflush, set_tls, ...) is handled by the target
 * (target-arm: arch_syscall), not through ids.
 */
#include <stddef.h>
#include "syscall-tables/tables.h"

const SyscallOverride arm_syscall_overrides[] = {
    /* fadvise64_64(fd, advice, loff_t offset, loff_t len): advice moved
       to the second register so that the 64-bit pairs are aligned. */
    { "arm_fadvise64_64", "fadvise64_64_2" },
    /* = sync_file_range2(fd, flags, loff_t offset, loff_t nbytes) */
    { "arm_sync_file_range", "sync_file_range2" },
    { NULL, NULL },
};
