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
 *    real root.  (What lies below it follows the rule: after chdir("/"),
 *    "usr/lib" is /usr/lib, the sysroot's when it has one.)
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
 * The sysroot is a root, not a prefix: ".." stops at it, links inside it
 * lead inside it (sysroot_resolve), relative paths are their directory's
 * guest path joined with them (map_rel), and a final link that the
 * syscall follows is followed here (map_abs), so that the host kernel
 * never takes /etc/foo -> /etc/bar to the host's /etc/bar.
 *
 * Lookups are not cached: a file created under the sysroot after a lookup
 * must be found, and one faccessat per path syscall is cheap.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
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
 * are too many links (then the caller keeps the old rule).  *missing is
 * set when a directory on the way is known not to be the sysroot's (so
 * neither is out): the caller need not ask about out.
 */
static bool sysroot_resolve_slow(const char *pre, const char *p, char *out, size_t n,
                                 bool *missing);

/* openat2 works here (no ENOSYS, no seccomp filter refusing it). */
static int openat2_ok = 1;

/* Where the slow way met links: the sysroot paths of the first link on the
   way ("/lib" of a merged-/usr sysroot, whose /lib -> usr/lib), so that
   paths below them go the slow way at once instead of after an openat2
   that fails with ELOOP.  Only a hint: either way gives the same answer. */
#define LINK_HINTS 8
static char link_hint[LINK_HINTS][64];
static unsigned nb_link_hints, next_link_hint;
static pthread_mutex_t hint_lock = PTHREAD_MUTEX_INITIALIZER;

static void link_hint_add(const char *p, size_t len)
{
    if (len >= sizeof link_hint[0])
        return;
    pthread_mutex_lock(&hint_lock);
    for (unsigned i = 0; i < nb_link_hints; i++)
        if (!strncmp(link_hint[i], p, len) && !link_hint[i][len])
            goto out;
    unsigned i = nb_link_hints < LINK_HINTS ? nb_link_hints++ : next_link_hint++ % LINK_HINTS;
    memcpy(link_hint[i], p, len);
    link_hint[i][len] = 0;
out:
    pthread_mutex_unlock(&hint_lock);
}

/* The normalized path p is at or below a hinted link. */
static bool link_hinted(const char *p)
{
    if (!__atomic_load_n(&nb_link_hints, __ATOMIC_RELAXED))
        return false;
    bool hit = false;
    pthread_mutex_lock(&hint_lock);
    for (unsigned i = 0; i < nb_link_hints && !hit; i++) {
        size_t l = strlen(link_hint[i]);
        hit = !strncmp(link_hint[i], p, l) && (p[l] == '/' || !p[l]);
    }
    pthread_mutex_unlock(&hint_lock);
    return hit;
}

/*
 * sysroot_resolve without a readlink per component: p taken lexically
 * ("." and ".." as in a root), and one openat2 of the sysroot's directory
 * of it with RESOLVE_NO_SYMLINKS.  If that opens, no link is on the way
 * and the lexical form is the resolved one; if it fails with ENOENT or
 * ENOTDIR, a directory is missing before any link (*missing).  0 when
 * answered so; -1 (links on the way, openat2 unusable, no room): the
 * caller takes the slow way.
 */
static int sysroot_resolve_fast(const char *pre, const char *p, char *out, size_t n,
                                bool *missing)
{
    size_t ol = 0, pl = strlen(pre);
    const char *r = p;
    for (;;) {
        while (*r == '/')
            r++;
        if (!*r)
            break;
        size_t cl = strcspn(r, "/");
        if (cl == 1 && r[0] == '.') {
        } else if (cl == 2 && r[0] == '.' && r[1] == '.') {
            while (ol && out[ol - 1] != '/')
                ol--;
            if (ol)
                ol--;
        } else {
            if (ol + 1 + cl >= n)
                return -1;
            out[ol++] = '/';
            memcpy(out + ol, r, cl);
            ol += cl;
        }
        r += cl;
    }
    size_t dir_len = ol;
    while (dir_len && out[dir_len - 1] != '/')
        dir_len--;
    if (dir_len)
        dir_len--; /* the directory of the last component, without its slash */
    if (!ol) {
        if (n < 2)
            return -1;
        out[ol++] = '/';
    } else if (ol && p[0] && p[strlen(p) - 1] == '/') {
        if (ol + 1 >= n)
            return -1;
        out[ol++] = '/';
    }
    out[ol] = 0;
    *missing = false;
    if (!dir_len)
        return 0; /* nothing but the last component: nothing to resolve */
    if (!__atomic_load_n(&openat2_ok, __ATOMIC_RELAXED) || link_hinted(out))
        return -1;
    char host[PATH_MAX];
    if (pl + dir_len >= sizeof host)
        return -1;
    memcpy(host, pre, pl);
    memcpy(host + pl, out, dir_len);
    host[pl + dir_len] = 0;
    struct open_how how = { .flags = O_PATH | O_DIRECTORY | O_CLOEXEC,
                            .resolve = RESOLVE_NO_SYMLINKS };
    long fd = syscall(SYS_openat2, AT_FDCWD, host, &how, sizeof how);
    if (fd >= 0) {
        close((int)fd);
        return 0;
    }
    if (errno == ENOENT || errno == ENOTDIR) {
        *missing = true;
        return 0;
    }
    if (errno == ENOSYS || errno == EPERM)
        __atomic_store_n(&openat2_ok, 0, __ATOMIC_RELAXED);
    return -1; /* ELOOP (a link on the way) and anything else */
}

static bool sysroot_resolve(const char *pre, const char *p, char *out, size_t n, bool *missing)
{
    return sysroot_resolve_fast(pre, p, out, n, missing) == 0 ||
           sysroot_resolve_slow(pre, p, out, n, missing);
}

static bool sysroot_resolve_slow(const char *pre, const char *p, char *out, size_t n,
                                 bool *missing)
{
    char rest[PATH_MAX * 2], host[PATH_MAX * 2], link[PATH_MAX];
    size_t rl = strlen(p), ol = 0, pl = strlen(pre);
    if (rl >= sizeof rest || pl >= sizeof host - 2)
        return false;
    memcpy(rest, p, rl + 1);
    bool trailing = rl && p[rl - 1] == '/';
    int links = 0;
    bool absent = false; /* out is not the sysroot's: nor is anything below it */
    *missing = false;
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
            absent = false;
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
        if (!*next) { /* the last component */
            *missing = absent;
            break;
        }
        if (absent) {
            r = next;
            continue;
        }
        memcpy(host, pre, pl);
        memcpy(host + pl, out, ol + 1);
        ssize_t ll = readlink(host, link, sizeof link - 1);
        if (ll <= 0) { /* not a link of the sysroot's (or not there) */
            absent = ll < 0 && (errno == ENOENT || errno == ENOTDIR);
            r = next;
            continue;
        }
        if (++links > 40)
            return false;
        if (links == 1)
            link_hint_add(out, ol);
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
        /* What is left may hold no more links: the whole path again, the
           fast way (host and link are free here). */
        int wl = snprintf(host, sizeof host, "%s/%s", out, r);
        if (wl > 0 && (size_t)wl < sizeof host &&
            sysroot_resolve_fast(pre, host, link, n < sizeof link ? n : sizeof link, missing) == 0) {
            memcpy(out, link, strlen(link) + 1);
            return true;
        }
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

static bool is_sysroot_only(const char *g)
{
    for (size_t i = 0; i < sizeof sysroot_only / sizeof sysroot_only[0]; i++)
        if (!strcmp(g, sysroot_only[i]))
            return true;
    return false;
}

/* The host's file q, as the guest named it: p itself, or q copied into buf
   (q is a link target in a local buffer).  NULL (ENAMETOOLONG) if it does
   not fit. */
static const char *host_as_named(const char *q, const char *p, char *buf, size_t n)
{
    if (q == p)
        return p;
    if (strlen(q) >= n) {
        errno = ENAMETOOLONG;
        return NULL;
    }
    strcpy(buf, q);
    return buf;
}

/* Whether the host has the directory of the (normalized) guest path g.
   If not, a name the sysroot lacks is still the sysroot's: a file created
   in a directory only the sysroot has (the guest's cwd, say) lands there
   instead of failing with ENOENT on the host. */
static bool host_has_dir_of(const char *g)
{
    char dir[PATH_MAX];
    const char *slash = strrchr(g, '/');
    size_t dl = slash ? (size_t)(slash - g) : 0;
    if (!dl || dl >= sizeof dir)
        return true; /* "/" */
    memcpy(dir, g, dl);
    dir[dl] = 0;
    return faccessat(AT_FDCWD, dir, F_OK, 0) == 0 || (errno != ENOENT && errno != ENOTDIR);
}

/*
 * The guest's absolute path p under the overlay rule (see the top): buf
 * (the sysroot's file), p or a link target (the host's), NULL with errno
 * ELOOP (more than 40 links) or ENAMETOOLONG.  With follow, a final symlink
 * of the sysroot's is followed here rather than by the host kernel, which
 * would take an absolute target on the host: /etc/foo -> /etc/bar means the
 * sysroot's /etc/bar when it has one.  A relative target stays in the
 * sysroot (its ".." stopping at its root) whether or not it exists there:
 * a dangling link of the sysroot's must not find a host file instead.
 */
static const char *map_abs(const char *pre, const char *p, char *buf, size_t n, bool follow)
{
    char cur[PATH_MAX], norm[PATH_MAX], link[PATH_MAX], tmp[PATH_MAX * 2];
    const char *q = p;      /* the guest path being looked up */
    bool root_only = false; /* reached through a relative link of the sysroot's */
    for (int links = 0;;) {
        /* The path as the sysroot sees it: "/usr/../../etc" is "/etc",
           never the sysroot's parent's etc; a link inside it leads inside
           it. */
        bool missing = false;
        const char *g = sysroot_resolve(pre, q, norm, sizeof norm, &missing) ? norm : q;
        if (stays_on_host(g))
            return host_as_named(q, p, buf, n);
        int len = snprintf(buf, n, "%s/%s", pre, skip_root(g));
        if (len < 0 || (size_t)len >= n)
            return host_as_named(q, p, buf, n);
        /* Existence, not permission: the caller's syscall reports EACCES.
           Not following a final symlink: a dangling link in the sysroot
           (an "alternatives" link, say) is still the sysroot's file.  When
           a final link is to be followed, readlink answers both questions
           (EINVAL: there, and no link). */
        ssize_t ll = -1;
        bool there;
        if (missing) {
            there = false;
        } else if (follow) {
            ll = readlink(buf, link, sizeof link - 1);
            there = ll >= 0 || errno == EINVAL;
        } else {
            there = faccessat(AT_FDCWD, buf, F_OK, AT_SYMLINK_NOFOLLOW) == 0;
        }
        if (!there) {
            /* (With the sysroot's directory missing, the name cannot be
               created there either: the host's, whatever the host has.) */
            if (root_only || is_sysroot_only(g) || (!missing && !host_has_dir_of(g)))
                return buf; /* the sysroot's name, which does not exist */
            return host_as_named(q, p, buf, n); /* the host's */
        }
        if (ll <= 0)
            return buf; /* not a link, or not to be followed */
        if (++links > 40) {
            errno = ELOOP;
            return NULL;
        }
        link[ll] = 0;
        if (link[0] == '/') {
            len = snprintf(tmp, sizeof tmp, "%s", link);
            root_only = false;
        } else { /* from the link's directory */
            const char *slash = strrchr(g, '/');
            len = snprintf(tmp, sizeof tmp, "%.*s/%s", (int)(slash ? slash - g : 0), g, link);
            root_only = true;
        }
        if (len < 0 || (size_t)len >= sizeof cur) {
            errno = ENAMETOOLONG;
            return NULL;
        }
        memcpy(cur, tmp, (size_t)len + 1);
        q = cur;
    }
}

const char *guest_path(const char *p, char *buf, size_t n)
{
    const char *pre = sysroot_dir();
    if (!pre || p[0] != '/')
        return p;
    const char *r = map_abs(pre, p, buf, n, false);
    return r ? r : p;
}

/* True if path has a ".." component. */
static bool has_dotdot(const char *p)
{
    for (const char *c = p; *c; c += strcspn(c, "/")) {
        while (*c == '/')
            c++;
        if (c[0] == '.' && c[1] == '.' && (c[2] == '/' || c[2] == 0))
            return true;
    }
    return false;
}

/*
 * A relative path is the guest's directory (the cwd, or dirfd's) joined
 * with it, looked up as that absolute guest path: after chdir("/usr/lib")
 * (the sysroot's), "../../../etc/passwd" is /etc/passwd under the overlay
 * rule, never the file beside the sysroot.  Outside the sysroot, a path
 * that cannot lead into it is left relative (no extra cost but a getcwd).
 */
static const char *map_rel(const char *pre, int dirfd, const char *p, char *buf, size_t n,
                           bool follow)
{
    char base[PATH_MAX], g[PATH_MAX], abs[PATH_MAX], probe[PATH_MAX];
    if (dirfd == AT_FDCWD) {
        if (!getcwd(base, sizeof base))
            return p;
    } else {
        char fdp[40];
        snprintf(fdp, sizeof fdp, "/proc/self/fd/%d", dirfd);
        ssize_t k = readlink(fdp, base, sizeof base - 1);
        if (k <= 0)
            return p;
        base[k] = 0;
        size_t bl = (size_t)k, dl = strlen(" (deleted)");
        if (bl >= dl && !strcmp(base + bl - dl, " (deleted)"))
            return p;
    }
    if (base[0] != '/')
        return p; /* a socket, a pipe...: the kernel's ENOTDIR */
    memcpy(g, base, strlen(base) + 1);
    guest_path_unmap(g);
    bool inside = strcmp(g, base) != 0;
    if (inside && !strchr(p, '/') && strcmp(p, ".") && strcmp(p, "..")) {
        /* The common case (find, ls -l, tar in the sysroot): one name in a
           directory of the sysroot's, which base already names resolved.
           A file of its own that is no link is the answer; anything else
           takes the general way below. */
        int l = snprintf(buf, n, "%s/%s", base, p);
        if (l > 0 && (size_t)l < n) {
            char t[2];
            if (follow ? readlink(buf, t, sizeof t) < 0 && errno == EINVAL
                       : faccessat(AT_FDCWD, buf, F_OK, AT_SYMLINK_NOFOLLOW) == 0)
                return buf;
        }
    }
    if (!inside && !has_dotdot(p)) {
        /* Below a host directory: the sysroot can only have it if it has
           that directory. */
        int l = snprintf(probe, sizeof probe, "%s%s", pre, g);
        if (l < 0 || (size_t)l >= sizeof probe || faccessat(AT_FDCWD, probe, F_OK, AT_SYMLINK_NOFOLLOW) != 0)
            return p;
    }
    int l = snprintf(abs, sizeof abs, "%s/%s", g, p);
    if (l < 0 || (size_t)l >= sizeof abs)
        return p;
    const char *r = map_abs(pre, abs, buf, n, follow);
    if (r != abs)
        return r; /* the sysroot's file, a link's target or NULL */
    return inside ? host_as_named(abs, p, buf, n) : p;
}

const char *guest_path_at(int dirfd, const char *p, char *buf, size_t n, bool follow)
{
    const char *pre = sysroot_dir();
    if (!pre || !p[0]) /* "": AT_EMPTY_PATH */
        return p;
    if (p[0] == '/')
        return map_abs(pre, p, buf, n, follow);
    return map_rel(pre, dirfd, p, buf, n, follow);
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
