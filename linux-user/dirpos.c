/*
 * Directory positions a 32-bit guest can hold.
 *
 * A directory's position (d_off of getdents, what lseek/telldir return on a
 * directory fd) is an opaque cookie chosen by the filesystem.  ext4 and
 * other hash-indexed filesystems give a 64-bit process 64-bit hash values
 * (and a 32-bit process 31-bit ones: the kernel looks at the caller's ABI).
 * mimic is a 64-bit process, so without help a 32-bit guest would see
 * positions that do not fit its off_t: glibc's readdir then fails with
 * EOVERFLOW and lseek with EOVERFLOW.
 *
 * So every host position from DIRPOS_BASE up is replaced by a small cookie
 * (DIRPOS_BASE + index into a table of host positions); positions below
 * DIRPOS_BASE (tmpfs, procfs, btrfs: small counters) pass through
 * unchanged, so the two ranges never collide.  Hash positions are a
 * property of the directory, so there is one table per directory (st_dev,
 * st_ino), shared by every fd open on it: a cookie read through one fd
 * works on another.  An fd is bound to its table on the first large
 * position read or sought through it; the binding remembers the directory,
 * so an fd number closed behind our back (close_range, exec) and reused
 * for something else is noticed.  close/dup2/dup3 unbind an fd; a table
 * goes with its last fd (dirpos_forget).
 *
 * Limits: a cookie from a table that has been dropped (every fd on the
 * directory closed meanwhile) is unknown: lseek to it is EINVAL.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "linux-user/syscall-priv.h"
#include "include/forklocks.h"

typedef struct DirMap {
    dev_t dev;
    ino_t ino;
    int refs;      /* fds bound to it */
    uint64_t *pos; /* cookie - DIRPOS_BASE -> host position */
    uint32_t n, cap;
    uint32_t *slot; /* hash of host positions: index + 1, 0 = empty */
    uint32_t nslot; /* power of two, > 2 * n */
} DirMap;

/* Which table an fd uses. */
typedef struct Binding {
    int fd;
    DirMap *m;
} Binding;

static FORK_LOCK pthread_mutex_t dir_lock = PTHREAD_MUTEX_INITIALIZER;
static Binding *binds;
static int nbinds, capbinds;

/* fork: taken across it, so the child's table is whole and its lock free
   (an innermost lock: registered early, its prepare runs late). */
static void dir_fork_prepare(void) { pthread_mutex_lock(&dir_lock); }
static void dir_fork_parent(void) { pthread_mutex_unlock(&dir_lock); }
static void dir_fork_child(void) { pthread_mutex_init(&dir_lock, NULL); }

__attribute__((constructor(102))) static void dirpos_init(void)
{
    pthread_atfork(dir_fork_prepare, dir_fork_parent, dir_fork_child);
}

static Binding *find_fd(int fd)
{
    for (int i = 0; i < nbinds; i++)
        if (binds[i].fd == fd)
            return &binds[i];
    return NULL;
}

/* The table of directory (dev, ino) that some fd uses, or NULL. */
static DirMap *find_dir(dev_t dev, ino_t ino)
{
    for (int i = 0; i < nbinds; i++)
        if (binds[i].m->dev == dev && binds[i].m->ino == ino)
            return binds[i].m;
    return NULL;
}

static void unbind(Binding *b)
{
    DirMap *m = b->m;
    *b = binds[--nbinds];
    if (--m->refs == 0) {
        free(m->pos);
        free(m->slot);
        free(m);
    }
}

/* The table for fd (st: its fstat), made and bound if need be; a binding
   left over from a closed fd of that number is dropped.  NULL: no memory. */
static DirMap *table_for(int fd, const struct stat *st)
{
    Binding *b = find_fd(fd);
    if (b && (b->m->dev != st->st_dev || b->m->ino != st->st_ino)) {
        unbind(b);
        b = NULL;
    }
    if (b)
        return b->m;
    DirMap *m = find_dir(st->st_dev, st->st_ino);
    if (!m) {
        m = calloc(1, sizeof *m);
        if (!m)
            return NULL;
        m->dev = st->st_dev;
        m->ino = st->st_ino;
    }
    if (nbinds == capbinds) {
        int nc = capbinds ? 2 * capbinds : 8;
        Binding *nb = realloc(binds, (size_t)nc * sizeof *nb);
        if (!nb) {
            if (!m->refs)
                free(m);
            return NULL;
        }
        binds = nb;
        capbinds = nc;
    }
    m->refs++;
    binds[nbinds++] = (Binding){fd, m};
    return m;
}

static uint32_t hash_pos(uint64_t p)
{
    p ^= p >> 33;
    p *= 0xff51afd7ed558ccdull;
    p ^= p >> 33;
    return (uint32_t)p;
}

/* Index of host position p in m, or -1. */
static int64_t find_pos(const DirMap *m, uint64_t p)
{
    if (!m->nslot)
        return -1;
    for (uint32_t h = hash_pos(p) & (m->nslot - 1);; h = (h + 1) & (m->nslot - 1)) {
        uint32_t s = m->slot[h];
        if (s == 0)
            return -1;
        if (m->pos[s - 1] == p)
            return s - 1;
    }
}

static void insert_slot(DirMap *m, uint32_t idx)
{
    uint32_t h = hash_pos(m->pos[idx]) & (m->nslot - 1);
    while (m->slot[h])
        h = (h + 1) & (m->nslot - 1);
    m->slot[h] = idx + 1;
}

/* The cookie of host position p in m (added if new), or 0 when out of
   memory or cookies. */
static uint32_t cookie_of(DirMap *m, uint64_t p)
{
    int64_t i = find_pos(m, p);
    if (i >= 0)
        return DIRPOS_BASE + (uint32_t)i;
    if (m->n >= DIRPOS_LIMIT - DIRPOS_BASE)
        return 0;
    if (m->n == m->cap) {
        uint32_t nc = m->cap ? 2 * m->cap : 64;
        uint64_t *np = realloc(m->pos, nc * sizeof *np);
        if (!np)
            return 0;
        m->pos = np;
        m->cap = nc;
    }
    if (2 * (m->n + 1) >= m->nslot) {
        uint32_t ns = m->nslot ? 2 * m->nslot : 256;
        uint32_t *sl = calloc(ns, sizeof *sl);
        if (!sl)
            return 0;
        free(m->slot);
        m->slot = sl;
        m->nslot = ns;
        for (uint32_t k = 0; k < m->n; k++)
            insert_slot(m, k);
    }
    m->pos[m->n] = p;
    insert_slot(m, m->n);
    return DIRPOS_BASE + m->n++;
}

void dirpos_forget(int fd)
{
    if (!__atomic_load_n(&nbinds, __ATOMIC_RELAXED))
        return;
    pthread_mutex_lock(&dir_lock);
    Binding *b = find_fd(fd);
    if (b)
        unbind(b);
    pthread_mutex_unlock(&dir_lock);
}

long dirpos_to_guest(int fd, uint64_t host, uint32_t *guest)
{
    if (host < DIRPOS_BASE) {
        *guest = (uint32_t)host;
        return 0;
    }
    struct stat st;
    if (fstat(fd, &st) < 0)
        return -errno;
    pthread_mutex_lock(&dir_lock);
    DirMap *m = table_for(fd, &st);
    uint32_t c = m ? cookie_of(m, host) : 0;
    pthread_mutex_unlock(&dir_lock);
    if (!c)
        return -ENOMEM;
    *guest = c;
    return 0;
}

long dirpos_to_host(int fd, uint64_t guest, uint64_t *host)
{
    *host = guest;
    if (guest < DIRPOS_BASE)
        return 0;
    struct stat st;
    if (fstat(fd, &st) < 0)
        return -errno;
    if (!S_ISDIR(st.st_mode))
        return 1; /* not a directory: the number is a plain offset */
    long r = -EINVAL;
    pthread_mutex_lock(&dir_lock);
    DirMap *m = table_for(fd, &st);
    if (m && guest - DIRPOS_BASE < m->n) {
        *host = m->pos[guest - DIRPOS_BASE];
        r = 0;
    }
    pthread_mutex_unlock(&dir_lock);
    return r;
}

bool dirpos_is_dir(int fd)
{
    struct stat st;
    return fstat(fd, &st) == 0 && S_ISDIR(st.st_mode);
}
