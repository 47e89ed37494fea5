/*
 * Guest paths under a sysroot (-L DIR / MIMIC_LD_PREFIX): an absolute guest
 * path that exists under DIR is used from there, anything else as given.
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "user.h"

const char *guest_path(const char *p, char *buf, size_t n)
{
    const char *pre = opt.ld_prefix;
    if (!pre || !pre[0] || p[0] != '/')
        return p;
    int len = snprintf(buf, n, "%s%s", pre, p);
    if (len < 0 || (size_t)len >= n)
        return p;
    /* Existence, not permission: the caller's syscall reports EACCES. */
    if (faccessat(AT_FDCWD, buf, F_OK, AT_SYMLINK_NOFOLLOW) == 0)
        return buf;
    return p;
}
