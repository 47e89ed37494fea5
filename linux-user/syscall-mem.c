/*
 * Memory syscalls: thin wrappers over the guest address-space manager
 * (linux-user/mmap.c, include/guest.h), which owns the page flags.
 */
#include <sys/mman.h>

#include "linux-user/syscall-priv.h"
#include "tcg/tb.h"

long sys_brk(CPUCommon *env, const uint32_t *a) { return guest_brk(a[0]); }

long sys_mmap2(CPUCommon *env, const uint32_t *a)
{
    /* mmap2's offset is in 4096-byte units whatever the page size. */
    int prot = (int)abi_flags_to_host(GG_prot, a[2]);
    int flags = (int)abi_flags_to_host(GG_mmap, a[3]);
    int64_t r = guest_mmap(a[0], a[1], prot, flags, (int)a[4], (uint64_t)a[5] << 12);
    return (long)r;
}

long sys_munmap(CPUCommon *env, const uint32_t *a) { return guest_munmap(a[0], a[1]); }

long sys_mprotect(CPUCommon *env, const uint32_t *a)
{
    return guest_mprotect(a[0], a[1], (int)abi_flags_to_host(GG_prot, a[2]));
}

long sys_mremap(CPUCommon *env, const uint32_t *a)
{
    return (long)guest_mremap(a[0], a[1], a[2], (int)a[3], a[4]);
}

long sys_madvise(CPUCommon *env, const uint32_t *a)
{
    uint32_t addr = a[0], len = a[1];
    int64_t h = abi_value_to_host(GG_madvise, (int32_t)a[2]);
    int advice = h == ABI_UNDEF ? -1 : (int)h;
    if (addr & ~GUEST_PAGE_MASK)
        return -EINVAL;
    len = (len + GUEST_PAGE_SIZE - 1) & GUEST_PAGE_MASK;
    switch (advice) {
    case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
    case MADV_DONTFORK: case MADV_DOFORK: case MADV_MERGEABLE: case MADV_UNMERGEABLE:
    case MADV_HUGEPAGE: case MADV_NOHUGEPAGE: case MADV_DONTDUMP: case MADV_DODUMP:
    case MADV_COLD: case MADV_PAGEOUT:
        return 0; /* hints: no effect on what the guest can observe */
    case MADV_DONTNEED:
    case MADV_FREE:
        /* Observable (anonymous pages read back as zero): do it on the host,
           and drop translations of code that was on those pages. */
        if (len == 0)
            return 0;
        if (!guest_range_ok(addr, len, PAGE_VALID))
            return -ENOMEM;
        tb_invalidate_range(addr, addr + len);
        return host_ret(madvise(g2h(addr), len, MADV_DONTNEED));
    default:
        log_unimp_once(0xfb000000u | a[2], "unsupported madvise advice %d", (int)a[2]);
        return -EINVAL;
    }
}
