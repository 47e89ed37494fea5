/*
 * FORK_LOCK: the section of the locks that fork handlers take before a
 * fork and release (parent) or initialize again (child).  Each write after
 * the fork copies the page it lands on (copy-on-write, a page fault and a
 * TLB flush: ~15-25 us on the VMs measured); kept together, the locks of
 * every module cost one page a fork on each side instead of one each.
 * A named section that is not .data.* is placed whole by the linker.
 */
#ifndef MIMIC_FORKLOCKS_H
#define MIMIC_FORKLOCKS_H

#define FORK_LOCK __attribute__((section("mimic_forklocks")))

#include <stddef.h>
#include <string.h>

/* For fork child handlers: zero [p, p + n) without writing to it when it
   is zero already (for the same reason: a write copies the page; a read
   does not). */
static inline void fork_clear(void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        if (b[i]) {
            memset(p, 0, n);
            return;
        }
}

#endif
