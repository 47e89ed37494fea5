/*
 * Guest paths under a sysroot (-L DIR / MIMIC_LD_PREFIX).
 *
 * The guest sees the host's file system with the sysroot laid over it: an
 * absolute guest path that exists under DIR is used from there, anything
 * else as given (qemu-user's rule).  So a Debian armhf program finds its
 * own /lib/arm-linux-gnueabihf/libc.so.6 and /usr/lib/python3.11, while
 * /etc/passwd, the user's files and new files are the host's.
 *
 * Exceptions, so that what the guest sees stays truthful:
 *  - "/" itself (and "/.", "//", ...) is the host's root: `ls /` lists the
 *    real root, and chdir("/") followed by relative paths works on the host.
 *  - /proc, /sys, /dev and /tmp are never redirected: they are the running
 *    system's (a debootstrapped sysroot has empty /proc and /dev, and its
 *    own /tmp, which a guest listing or creating temporary files must not
 *    see instead of the host's).
 *  - The dynamic loader's own files (/etc/ld.so.cache, /etc/ld.so.preload)
 *    are never the host's: they describe the host's libraries.  An x86-64
 *    host with 32-bit multilib lists /lib32/libc.so.6 in its cache, which an
 *    i386 guest's ld.so from the sysroot would load: a C library of another
 *    build than the loader, which hangs in pthread_create.  Without the file
 *    in the sysroot the guest sees none and ld.so searches its own paths.
 *
 * The prefix is made absolute on first use (every path syscall is a use,
 * so this happens before any guest chdir), so that a relative -L keeps
 * meaning the same directory after the guest changes directory.
 *
 * Lookups are not cached: a file created under the sysroot after a lookup
 * must be found, and one faccessat per path syscall is cheap.
 */
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "user.h"

/* Files that only the sysroot may provide (absent there: absent). */
static const char *const sysroot_only[] = { "/etc/ld.so.cache", "/etc/ld.so.preload" };

/* Top-level directories that always mean the host's. */
static const char *const never_redirect[] = { "proc", "sys", "dev", "tmp" };

static pthread_once_t prefix_once = PTHREAD_ONCE_INIT;
static char prefix_abs[PATH_MAX];
static size_t prefix_len;  /* 0: no sysroot (none given, or it is "/") */

static void prefix_init(void)
{
    const char *pre = opt.ld_prefix;
    if (!pre || !pre[0])
        return;
    if (!realpath(pre, prefix_abs)) {
        /* A sysroot that does not exist redirects nothing; keep the name
           for messages.  (The loader reports a missing interpreter.) */
        prefix_abs[0] = 0;
        return;
    }
    prefix_len = strlen(prefix_abs);
    if (prefix_len == 1) /* -L / is no sysroot at all */
        prefix_len = 0;
    /* Also for what reads the option later: a re-entered mimic (execve of
       a guest program) gets "-L <this>" after the guest may have changed
       directory. */
    opt.ld_prefix = prefix_abs;
}

void sysroot_forget(void)
{
    pthread_once(&prefix_once, prefix_init);
    prefix_len = 0;
    opt.ld_prefix = NULL; /* nor for guests it execs */
}

const char *sysroot_dir(void)
{
    pthread_once(&prefix_once, prefix_init);
    return prefix_len ? prefix_abs : NULL;
}

/* Past the leading slashes and "." and ".." components of an absolute
   path: they all mean the root ("/..", "//./" are "/"). */
static const char *skip_root(const char *p)
{
    for (;;) {
        if (*p == '/')
            p++;
        else if (p[0] == '.' && (p[1] == '/' || p[1] == 0))
            p++;
        else if (p[0] == '.' && p[1] == '.' && (p[2] == '/' || p[2] == 0))
            p += 2;
        else
            return p;
    }
}

/* True for absolute paths that must stay on the host (see the top). */
static bool stays_on_host(const char *p)
{
    p = skip_root(p);
    if (!*p)
        return true;
    size_t n = strcspn(p, "/");
    for (size_t i = 0; i < sizeof never_redirect / sizeof never_redirect[0]; i++)
        if (strlen(never_redirect[i]) == n && !memcmp(p, never_redirect[i], n))
            return true;
    return false;
}

/*
 * The guest's absolute path p as the sysroot's root sees it, into out: "."
 * and ".." taken as Linux takes them in a root ("/.." is "/": never above
 * the sysroot), and every symlink met before the last component that is
 * the sysroot's resolved inside the sysroot (an absolute target starts
 * again at its root; a relative one from the link's directory).  The last
 * component is left as it is (whether it is followed is the syscall's
 * business).  A trailing slash stays.  False if out is too small or there
 * are too many links (then the caller keeps the old rule).
 */
static bool sysroot_resolve(const char *pre, const char *p, char *out, size_t n)
{
    char rest[PATH_MAX * 2], host[PATH_MAX * 2], link[PATH_MAX];
    size_t rl = strlen(p), ol = 0, pl = strlen(pre);
    if (rl >= sizeof rest || pl >= sizeof host - 2)
        return false;
    memcpy(rest, p, rl + 1);
    bool trailing = rl && p[rl - 1] == '/';
    int links = 0;
    char *r = rest;
    out[0] = 0;
    for (;;) {
        while (*r == '/')
            r++;
        if (!*r)
            break;
        char *end = r + strcspn(r, "/");
        size_t cl = (size_t)(end - r);
        char *next = end;
        while (*next == '/')
            next++;
        if (cl == 1 && r[0] == '.') {
            r = next;
            continue;
        }
        if (cl == 2 && r[0] == '.' && r[1] == '.') {
            while (ol && out[ol - 1] != '/')
                ol--;
            if (ol)
                ol--; /* the slash */
            out[ol] = 0;
            r = next;
            continue;
        }
        size_t before = ol;
        if (ol + 1 + cl >= n)
            return false;
        out[ol++] = '/';
        memcpy(out + ol, r, cl);
        ol += cl;
        out[ol] = 0;
        if (!*next) /* the last component */
            break;
        memcpy(host, pre, pl);
        memcpy(host + pl, out, ol + 1);
        ssize_t ll = readlink(host, link, sizeof link - 1);
        if (ll <= 0) { /* not a link of the sysroot's (or not there) */
            r = next;
            continue;
        }
        if (++links > 40)
            return false;
        link[ll] = 0;
        /* rest := target "/" what followed the link */
        size_t nl = strlen(next);
        if ((size_t)ll + 1 + nl >= sizeof rest)
            return false;
        memmove(rest + ll + 1, next, nl + 1);
        memcpy(rest, link, (size_t)ll);
        rest[ll] = '/';
        r = rest;
        ol = link[0] == '/' ? 0 : before;
        out[ol] = 0;
    }
    if (!ol) {
        if (n < 2)
            return false;
        out[0] = '/';
        out[1] = 0;
    } else if (trailing) {
        if (ol + 1 >= n)
            return false;
        out[ol++] = '/';
        out[ol] = 0;
    }
    return true;
}

const char *guest_path(const char *p, char *buf, size_t n)
{
    const char *pre = sysroot_dir();
    if (!pre || p[0] != '/')
        return p;
    /* The path as the sysroot sees it: "/usr/../../etc" is "/etc", never
       the sysroot's parent's etc; a link inside it leads inside it. */
    char norm[PATH_MAX];
    const char *g = sysroot_resolve(pre, p, norm, sizeof norm) ? norm : p;
    if (stays_on_host(g))
        return p;
    int len = snprintf(buf, n, "%s/%s", pre, skip_root(g));
    if (len < 0 || (size_t)len >= n)
        return p;
    /* Existence, not permission: the caller's syscall reports EACCES.
       Not following a final symlink: a dangling link in the sysroot
       (an "alternatives" link, say) is still the sysroot's file. */
    if (faccessat(AT_FDCWD, buf, F_OK, AT_SYMLINK_NOFOLLOW) == 0)
        return buf;
    for (size_t i = 0; i < sizeof sysroot_only / sizeof sysroot_only[0]; i++)
        if (!strcmp(g, sysroot_only[i]))
            return buf; /* the sysroot's name, which does not exist */
    /* Not the sysroot's: the host's, as the guest named it. */
    return p;
}

size_t guest_path_unmap(char *p)
{
    const char *pre = sysroot_dir();
    size_t len = strlen(p);
    if (!pre || strncmp(p, pre, prefix_len) != 0)
        return len;
    if (p[prefix_len] == 0) { /* the sysroot's own root */
        p[0] = '/';
        p[1] = 0;
        return 1;
    }
    /* Not "/sysroot-other", and only where the short name leads back here
       (the sysroot's own /tmp, say, would not). */
    if (p[prefix_len] != '/' || stays_on_host(p + prefix_len))
        return len;
    memmove(p, p + prefix_len, len - prefix_len + 1);
    return len - prefix_len;
}
