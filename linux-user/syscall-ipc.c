/*
 * System V IPC: message queues, semaphores, shared memory.  (POSIX shared
 * memory and message-queue-free POSIX semaphores are files + mmap + futex
 * and need nothing here.)  ARM EABI has one syscall per operation, no ipc()
 * multiplexer.
 *
 * Layouts: the guest uses the kernel's 32-bit "64" structures (glibc always
 * ORs IPC_64 = 0x100 into the command), converted by the target's generated
 * layouts (ipc64_perm, shmid64_ds, msqid64_ds, semid64_ds: they differ per
 * target, e.g. PowerPC puts the high time words first); longs are 4 bytes
 * (msgbuf.mtype, shminfo64, shm_info).  The old layouts (no IPC_64) are
 * refused loudly.
 *
 * shmat maps the segment inside the guest window: a placeholder guest
 * mapping is made first (so mmap.c knows the range is taken), then the host
 * shmat replaces it with SHM_REMAP.  shmdt unmaps the range the same way a
 * guest munmap would (the host detaches the segment with the mapping).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <mqueue.h>
#include <signal.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "linux-user/safe-syscall.h"
#include "linux-user/abi-conv.h"
#include "linux-user/signal-priv.h"
#include "include/forklocks.h"

#define G_IPC_64 0x100 /* the same on every target */
/* The attach alignment: the target's SHMLBA (ARM: 4 pages, for cache
   colouring), else a page. */
#define G_SHMLBA (target->shmlba ? target->shmlba : GUEST_PAGE_SIZE)

/* ---- guest structures (the target's IPC_64 layouts) ---- */

/* struct ipc64_perm at p (inside a *id64_ds image). */
static void perm_to_guest(uint8_t *p, const struct ipc_perm *h)
{
    ABI_PUT(p, ipc64_perm, key, (uint32_t)h->__key);
    ABI_PUT(p, ipc64_perm, uid, h->uid);
    ABI_PUT(p, ipc64_perm, gid, h->gid);
    ABI_PUT(p, ipc64_perm, cuid, h->cuid);
    ABI_PUT(p, ipc64_perm, cgid, h->cgid);
    ABI_PUT(p, ipc64_perm, mode, h->mode);
    ABI_PUT(p, ipc64_perm, seq, h->__seq);
}

/* IPC_SET uses only uid, gid and mode. */
static void perm_from_guest(struct ipc_perm *h, const uint8_t *p)
{
    h->uid = (uid_t)ABI_GET(p, ipc64_perm, uid);
    h->gid = (gid_t)ABI_GET(p, ipc64_perm, gid);
    h->mode = (unsigned short)ABI_GET(p, ipc64_perm, mode);
}

/* A time as the low and high 32-bit fields (gf_hi absent: one field). */
static void time_to_guest(uint8_t *g, int gf_lo, int gf_hi, time_t t)
{
    abi_put(g, gf_lo, (uint64_t)t);
    abi_put(g, gf_hi, (uint64_t)t >> 32);
}

static uint32_t clamp32(unsigned long v) { return v > 0xffffffffu ? 0xffffffffu : (uint32_t)v; }

/* Split cmd into the command proper; false for the old (no IPC_64) layout
   of a command that carries a structure. */
static bool ipc_cmd(uint32_t raw, int *cmd, bool has_struct)
{
    *cmd = (int)(raw & ~(uint32_t)G_IPC_64);
    if (!(raw & G_IPC_64) && has_struct) {
        log_unimp_once(0xfa000000u | raw, "SysV IPC command %d without IPC_64 (old layout)", *cmd);
        return false;
    }
    return true;
}

/* ---- message queues ---- */

long sys_msgget(CPUCommon *env, const uint32_t *a) { return host_ret(msgget((key_t)a[0], (int)a[1])); }

long sys_msgsnd(CPUCommon *env, const uint32_t *a)
{
    /* msgsnd(id, struct msgbuf { long mtype; char mtext[]; } *, size, flags) */
    if ((int32_t)a[2] < 0)
        return -EINVAL;
    if (!guest_ok_read(a[1], 4 + a[2]))
        return -EFAULT;
    long *buf = malloc(sizeof(long) + a[2]);
    if (!buf)
        return -ENOMEM;
    buf[0] = (int32_t)get_guest_u32(a[1]); /* mtype: a 32-bit long */
    memcpy(buf + 1, g2h(a[1] + 4), a[2]);
    long r = safe_syscall(SYS_msgsnd, (int)a[0], buf, a[2], (int)a[3]);
    free(buf);
    return r;
}

long sys_msgrcv(CPUCommon *env, const uint32_t *a)
{
    /* msgrcv(id, msgbuf *, size, long type, flags) */
    if ((int32_t)a[2] < 0)
        return -EINVAL;
    if (!guest_ok_write(a[1], 4 + a[2]))
        return -EFAULT;
    long *buf = malloc(sizeof(long) + a[2]);
    if (!buf)
        return -ENOMEM;
    long r = safe_syscall(SYS_msgrcv, (int)a[0], buf, a[2], (long)(int32_t)a[3], (int)a[4]);
    if (r >= 0) {
        put_guest_u32(a[1], (uint32_t)buf[0]);
        memcpy(g2h(a[1] + 4), buf + 1, (size_t)r);
    }
    free(buf);
    return r;
}

long sys_msgctl(CPUCommon *env, const uint32_t *a)
{
    int cmd;
    int id = (int)a[0];
    switch ((int)(a[1] & ~(uint32_t)G_IPC_64)) {
    case IPC_RMID:
        return host_ret(msgctl(id, IPC_RMID, NULL));
    case IPC_INFO: case MSG_INFO: { /* struct msginfo: 7 ints + a short, same layout */
        static const uint8_t msginfo_fields[] = { 4, 4, 4, 4, 4, 4, 4, 2, 0 };
        struct msginfo mi;
        int r = msgctl(id, (int)(a[1] & ~(uint32_t)G_IPC_64), (struct msqid_ds *)&mi);
        if (r < 0)
            return -errno;
        swap_fixed_fields(&mi, msginfo_fields, sizeof mi); /* now the guest's image */
        return copy_to_guest(a[2], &mi, sizeof mi) < 0 ? -EFAULT : r;
    }
    case IPC_SET: {
        uint8_t g[GUEST_STRUCT_MAX];
        struct msqid_ds h;
        if (!ipc_cmd(a[1], &cmd, true))
            return -EINVAL;
        if (copy_from_guest(g, a[2], ABI_SIZE(msqid64_ds)) < 0) /* the guest's image */
            return -EFAULT;
        memset(&h, 0, sizeof h);
        perm_from_guest(&h.msg_perm, g + ABI_OFF(msqid64_ds, msg_perm));
        h.msg_qbytes = (msglen_t)ABI_GET(g, msqid64_ds, msg_qbytes);
        return host_ret(msgctl(id, IPC_SET, &h));
    }
    case IPC_STAT: case MSG_STAT: case MSG_STAT_ANY: {
        struct msqid_ds h;
        if (!ipc_cmd(a[1], &cmd, true))
            return -EINVAL;
        /* (a bad buffer is EFAULT after the kernel's EINVAL/EACCES) */
        int r = msgctl(id, cmd, &h);
        if (r < 0)
            return -errno;
        uint8_t g[GUEST_STRUCT_MAX];
        memset(g, 0, ABI_SIZE(msqid64_ds));
        perm_to_guest(g + ABI_OFF(msqid64_ds, msg_perm), &h.msg_perm);
        time_to_guest(g, GF_msqid64_ds_msg_stime, GF_msqid64_ds_msg_stime_high, h.msg_stime);
        time_to_guest(g, GF_msqid64_ds_msg_rtime, GF_msqid64_ds_msg_rtime_high, h.msg_rtime);
        time_to_guest(g, GF_msqid64_ds_msg_ctime, GF_msqid64_ds_msg_ctime_high, h.msg_ctime);
        ABI_PUT(g, msqid64_ds, msg_cbytes, clamp32(h.__msg_cbytes));
        ABI_PUT(g, msqid64_ds, msg_qnum, clamp32(h.msg_qnum));
        ABI_PUT(g, msqid64_ds, msg_qbytes, clamp32(h.msg_qbytes));
        ABI_PUT(g, msqid64_ds, msg_lspid, (uint32_t)h.msg_lspid);
        ABI_PUT(g, msqid64_ds, msg_lrpid, (uint32_t)h.msg_lrpid);
        return copy_to_guest(a[2], g, ABI_SIZE(msqid64_ds)) < 0 ? -EFAULT : r;
    }
    default:
        log_unimp_once(0xfa100000u | a[1], "unsupported msgctl command %u", a[1]);
        return -EINVAL;
    }
}

/* ---- semaphores ---- */

union semun_ {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
    struct seminfo *info;
};

long sys_semget(CPUCommon *env, const uint32_t *a)
{
    return host_ret(semget((key_t)a[0], (int)a[1], (int)a[2]));
}

/* struct sembuf { u16 num; s16 op; s16 flg; } is the same everywhere up
   to the byte order: passed in place, or swapped into a copy. */
static long do_semtimedop(const uint32_t *a, bool has_ts, bool time64)
{
    struct timespec ts;
    uint32_t n = a[2];
    if (n > 65536)
        return -E2BIG;
    if (!guest_ok_read(a[1], n * 6))
        return -EFAULT;
    if (has_ts && a[3]) {
        long r = get_timespec(&ts, a[3], time64);
        if (r < 0)
            return r;
    }
    void *ops = g2h(a[1]);
    uint16_t *copy = NULL;
    if (guest_bswap) {
        copy = malloc((size_t)(n ? n : 1) * 6);
        if (!copy)
            return -ENOMEM;
        for (uint32_t i = 0; i < 3 * n; i++)
            copy[i] = get_guest_u16(a[1] + 2 * i);
        ops = copy;
    }
    long r = safe_syscall(SYS_semtimedop, (int)a[0], ops, n, has_ts && a[3] ? &ts : NULL);
    free(copy);
    return r;
}

long sys_semop(CPUCommon *env, const uint32_t *a) { return do_semtimedop(a, false, false); }
long sys_semtimedop(CPUCommon *env, const uint32_t *a) { return do_semtimedop(a, true, false); }
long sys_semtimedop_time64(CPUCommon *env, const uint32_t *a) { return do_semtimedop(a, true, true); }

/* Number of semaphores in set id, or -errno. */
static long sem_count(int id)
{
    struct semid_ds h;
    union semun_ u = { .buf = &h };
    if (semctl(id, 0, IPC_STAT, u) < 0)
        return -errno;
    return (long)h.sem_nsems;
}

long sys_semctl(CPUCommon *env, const uint32_t *a)
{
    /* semctl(id, num, cmd, union semun arg): arg is a register value. */
    int id = (int)a[0], num = (int)a[1], cmd;
    uint32_t arg = a[3];
    switch ((int)(a[2] & ~(uint32_t)G_IPC_64)) {
    case IPC_RMID: case GETPID: case GETVAL: case GETNCNT: case GETZCNT:
        return host_ret(semctl(id, num, (int)(a[2] & ~(uint32_t)G_IPC_64)));
    case SETVAL: {
        union semun_ u = { .val = (int)arg };
        return host_ret(semctl(id, num, SETVAL, u));
    }
    case IPC_INFO: case SEM_INFO: { /* struct seminfo: 10 ints */
        struct seminfo si;
        union semun_ u = { .info = &si };
        int r = semctl(id, num, (int)(a[2] & ~(uint32_t)G_IPC_64), u);
        if (r < 0)
            return -errno;
        return put_user_u32s(arg, (const uint32_t *)(const void *)&si, sizeof si / 4) < 0 ? -EFAULT : r;
    }
    case GETALL: case SETALL: { /* unsigned short[nsems] */
        bool get = (a[2] & ~(uint32_t)G_IPC_64) == GETALL;
        long n = sem_count(id);
        if (n < 0)
            return n;
        if (!(get ? guest_ok_write(arg, (uint32_t)n * 2) : guest_ok_read(arg, (uint32_t)n * 2)))
            return -EFAULT;
        unsigned short *v = malloc((size_t)(n ? n : 1) * 2);
        if (!v)
            return -ENOMEM;
        for (long i = 0; !get && i < n; i++)
            v[i] = get_guest_u16(arg + 2 * (uint32_t)i);
        union semun_ u = { .array = v };
        long r = host_ret(semctl(id, num, get ? GETALL : SETALL, u));
        for (long i = 0; get && r >= 0 && i < n; i++)
            put_guest_u16(arg + 2 * (uint32_t)i, v[i]);
        free(v);
        return r;
    }
    case IPC_SET: {
        uint8_t g[GUEST_STRUCT_MAX];
        struct semid_ds h;
        if (!ipc_cmd(a[2], &cmd, true))
            return -EINVAL;
        if (copy_from_guest(g, arg, ABI_SIZE(semid64_ds)) < 0) /* the guest's image */
            return -EFAULT;
        memset(&h, 0, sizeof h);
        perm_from_guest(&h.sem_perm, g + ABI_OFF(semid64_ds, sem_perm));
        union semun_ u = { .buf = &h };
        return host_ret(semctl(id, num, IPC_SET, u));
    }
    case IPC_STAT: case SEM_STAT: case SEM_STAT_ANY: {
        struct semid_ds h;
        if (!ipc_cmd(a[2], &cmd, true))
            return -EINVAL;
        /* (a bad buffer is EFAULT after the kernel's EINVAL/EACCES) */
        union semun_ u = { .buf = &h };
        int r = semctl(id, num, cmd, u);
        if (r < 0)
            return -errno;
        uint8_t g[GUEST_STRUCT_MAX];
        memset(g, 0, ABI_SIZE(semid64_ds));
        perm_to_guest(g + ABI_OFF(semid64_ds, sem_perm), &h.sem_perm);
        time_to_guest(g, GF_semid64_ds_sem_otime, GF_semid64_ds_sem_otime_high, h.sem_otime);
        time_to_guest(g, GF_semid64_ds_sem_ctime, GF_semid64_ds_sem_ctime_high, h.sem_ctime);
        ABI_PUT(g, semid64_ds, sem_nsems, clamp32(h.sem_nsems));
        return copy_to_guest(arg, g, ABI_SIZE(semid64_ds)) < 0 ? -EFAULT : r;
    }
    default:
        log_unimp_once(0xfa200000u | a[2], "unsupported semctl command %u", a[2]);
        return -EINVAL;
    }
}

/* ---- shared memory ---- */

long sys_shmget(CPUCommon *env, const uint32_t *a)
{
    return host_ret(shmget((key_t)a[0], a[1], (int)a[2]));
}

/* Attached segments: guest address -> mapped length (for shmdt). */
typedef struct ShmAttach {
    uint32_t addr, len;
} ShmAttach;
static FORK_LOCK pthread_mutex_t shm_lock = PTHREAD_MUTEX_INITIALIZER;
static ShmAttach *shm_att;
static size_t shm_natt, shm_cap;

/* fork: taken across it (innermost: registered early, prepared late). */
static void shm_fork_prepare(void) { pthread_mutex_lock(&shm_lock); }
static void shm_fork_parent(void) { pthread_mutex_unlock(&shm_lock); }
static void shm_fork_child(void) { pthread_mutex_init(&shm_lock, NULL); }
__attribute__((constructor(102))) static void shm_fork_init(void)
{
    pthread_atfork(shm_fork_prepare, shm_fork_parent, shm_fork_child);
}

static bool shm_record(uint32_t addr, uint32_t len)
{
    pthread_mutex_lock(&shm_lock);
    bool ok = true;
    if (shm_natt == shm_cap) {
        size_t cap = shm_cap ? shm_cap * 2 : 16;
        ShmAttach *n = realloc(shm_att, cap * sizeof *n);
        if (n) {
            shm_att = n;
            shm_cap = cap;
        } else {
            ok = false;
        }
    }
    if (ok)
        shm_att[shm_natt++] = (ShmAttach){ addr, len };
    pthread_mutex_unlock(&shm_lock);
    return ok;
}

/* Remove the record of addr; its length, or 0 if none. */
static uint32_t shm_forget(uint32_t addr)
{
    uint32_t len = 0;
    pthread_mutex_lock(&shm_lock);
    for (size_t i = 0; i < shm_natt; i++)
        if (shm_att[i].addr == addr) {
            len = shm_att[i].len;
            shm_att[i] = shm_att[--shm_natt];
            break;
        }
    pthread_mutex_unlock(&shm_lock);
    return len;
}

long sys_shmat(CPUCommon *env, const uint32_t *a)
{
    /* shmat(id, addr, flags) -> guest address */
    int id = (int)a[0], flags = (int)a[2];
    uint32_t addr = a[1];
    struct shmid_ds ds;
    if (shmctl(id, IPC_STAT, &ds) < 0)
        return -errno;
    if (ds.shm_segsz == 0 || ds.shm_segsz > 0xffff0000u)
        return -EINVAL;
    uint32_t len = (uint32_t)((ds.shm_segsz + GUEST_PAGE_SIZE - 1) & GUEST_PAGE_MASK);
    if (addr) {
        if (addr & (G_SHMLBA - 1)) {
            if (flags & SHM_RND)
                addr &= ~(G_SHMLBA - 1);
            else if (addr & (GUEST_PAGE_SIZE - 1))
                return -EINVAL;
        }
        if (!addr)
            return -EINVAL;
    }
    int prot = PROT_READ | (flags & SHM_RDONLY ? 0 : PROT_WRITE) | (flags & SHM_EXEC ? PROT_EXEC : 0);
    int mflags = MAP_PRIVATE | MAP_ANONYMOUS;
    if (addr)
        mflags |= flags & SHM_REMAP ? MAP_FIXED : MAP_FIXED_NOREPLACE;
    int64_t where = guest_mmap(addr, len, prot, mflags, -1, 0);
    if (where < 0)
        return where == -EEXIST ? -EINVAL : (long)where;
    void *p = shmat(id, g2h((uint32_t)where), SHM_REMAP | (flags & (SHM_RDONLY | SHM_EXEC)));
    if (p == (void *)-1) {
        int e = errno;
        guest_munmap((uint32_t)where, len);
        return -e;
    }
    if (!shm_record((uint32_t)where, len)) {
        guest_munmap((uint32_t)where, len);
        return -ENOMEM;
    }
    return (long)(uint32_t)where;
}

long sys_shmdt(CPUCommon *env, const uint32_t *a)
{
    uint32_t len = shm_forget(a[0]);
    if (!len)
        return -EINVAL;
    /* Replacing the pages with the window's reserved state detaches the
       segment on the host (the kernel drops the attach with the mapping). */
    return guest_munmap(a[0], len);
}

long sys_shmctl(CPUCommon *env, const uint32_t *a)
{
    int id = (int)a[0], cmd;
    switch ((int)(a[1] & ~(uint32_t)G_IPC_64)) {
    case IPC_RMID: case SHM_LOCK: case SHM_UNLOCK:
        return host_ret(shmctl(id, (int)(a[1] & ~(uint32_t)G_IPC_64), NULL));
    case IPC_INFO: { /* struct shminfo64: 9 unsigned longs */
        struct shminfo si;
        int r = shmctl(id, IPC_INFO, (struct shmid_ds *)&si);
        if (r < 0)
            return -errno;
        const uint32_t g[9] = { clamp32(si.shmmax), clamp32(si.shmmin), clamp32(si.shmmni),
                                clamp32(si.shmseg), clamp32(si.shmall) };
        return put_user_u32s(a[2], g, 9) < 0 ? -EFAULT : r;
    }
    case SHM_INFO: { /* struct shm_info: int, then 5 unsigned longs */
        struct shm_info si;
        int r = shmctl(id, SHM_INFO, (struct shmid_ds *)&si);
        if (r < 0)
            return -errno;
        const uint32_t g[6] = { (uint32_t)si.used_ids, clamp32(si.shm_tot), clamp32(si.shm_rss),
                                clamp32(si.shm_swp), clamp32(si.swap_attempts),
                                clamp32(si.swap_successes) };
        return put_user_u32s(a[2], g, 6) < 0 ? -EFAULT : r;
    }
    case IPC_SET: {
        uint8_t g[GUEST_STRUCT_MAX];
        struct shmid_ds h;
        if (!ipc_cmd(a[1], &cmd, true))
            return -EINVAL;
        if (copy_from_guest(g, a[2], ABI_SIZE(shmid64_ds)) < 0) /* the guest's image */
            return -EFAULT;
        memset(&h, 0, sizeof h);
        perm_from_guest(&h.shm_perm, g + ABI_OFF(shmid64_ds, shm_perm));
        return host_ret(shmctl(id, IPC_SET, &h));
    }
    case IPC_STAT: case SHM_STAT: case SHM_STAT_ANY: {
        struct shmid_ds h;
        if (!ipc_cmd(a[1], &cmd, true))
            return -EINVAL;
        /* (a bad buffer is EFAULT after the kernel's EINVAL/EACCES) */
        int r = shmctl(id, cmd, &h);
        if (r < 0)
            return -errno;
        uint8_t g[GUEST_STRUCT_MAX];
        memset(g, 0, ABI_SIZE(shmid64_ds));
        perm_to_guest(g + ABI_OFF(shmid64_ds, shm_perm), &h.shm_perm);
        ABI_PUT(g, shmid64_ds, shm_segsz, clamp32(h.shm_segsz));
        time_to_guest(g, GF_shmid64_ds_shm_atime, GF_shmid64_ds_shm_atime_high, h.shm_atime);
        time_to_guest(g, GF_shmid64_ds_shm_dtime, GF_shmid64_ds_shm_dtime_high, h.shm_dtime);
        time_to_guest(g, GF_shmid64_ds_shm_ctime, GF_shmid64_ds_shm_ctime_high, h.shm_ctime);
        ABI_PUT(g, shmid64_ds, shm_cpid, (uint32_t)h.shm_cpid);
        ABI_PUT(g, shmid64_ds, shm_lpid, (uint32_t)h.shm_lpid);
        ABI_PUT(g, shmid64_ds, shm_nattch, clamp32(h.shm_nattch));
        return copy_to_guest(a[2], g, ABI_SIZE(shmid64_ds)) < 0 ? -EFAULT : r;
    }
    default:
        log_unimp_once(0xfa300000u | a[1], "unsupported shmctl command %u", a[1]);
        return -EINVAL;
    }
}

/* ---- POSIX message queues ---- */

/* struct mq_attr by the target's layout; mq_flags is O_NONBLOCK or 0. */
static long get_mq_attr(struct mq_attr *h, uint32_t addr)
{
    uint8_t g[GUEST_STRUCT_MAX];
    if (copy_from_guest(g, addr, ABI_SIZE(mq_attr)) < 0) /* the guest's image */
        return -EFAULT;
    memset(h, 0, sizeof *h);
    h->mq_flags = open_flags_to_host((uint32_t)ABI_GET(g, mq_attr, mq_flags));
    h->mq_maxmsg = (long)ABI_GET(g, mq_attr, mq_maxmsg);
    h->mq_msgsize = (long)ABI_GET(g, mq_attr, mq_msgsize);
    h->mq_curmsgs = (long)ABI_GET(g, mq_attr, mq_curmsgs);
    return 0;
}

static long put_mq_attr(uint32_t addr, const struct mq_attr *h)
{
    uint8_t g[GUEST_STRUCT_MAX];
    memset(g, 0, ABI_SIZE(mq_attr));
    ABI_PUT(g, mq_attr, mq_flags, open_flags_to_guest((int)h->mq_flags));
    ABI_PUT(g, mq_attr, mq_maxmsg, (uint64_t)h->mq_maxmsg);
    ABI_PUT(g, mq_attr, mq_msgsize, (uint64_t)h->mq_msgsize);
    ABI_PUT(g, mq_attr, mq_curmsgs, (uint64_t)h->mq_curmsgs);
    return copy_to_guest(addr, g, ABI_SIZE(mq_attr)) < 0 ? -EFAULT : 0;
}

/* A queue name (glibc has already dropped the leading '/'). */
static long get_mq_name(char *buf, size_t n, uint32_t addr)
{
    long len = guest_strlen(addr, n);
    if (len < 0)
        return len;
    return copy_from_guest(buf, addr, (size_t)len + 1) < 0 ? -EFAULT : 0;
}

long sys_mq_open(CPUCommon *env, const uint32_t *a)
{
    /* mq_open(name, oflag, mode, struct mq_attr *) */
    char name[256];
    struct mq_attr at;
    long r = get_mq_name(name, sizeof name, a[0]);
    if (r < 0)
        return r;
    if (a[3] && (r = get_mq_attr(&at, a[3])) < 0)
        return r;
    return host_ret(syscall(SYS_mq_open, name, open_flags_to_host(a[1]), (mode_t)a[2], a[3] ? &at : NULL));
}

long sys_mq_unlink(CPUCommon *env, const uint32_t *a)
{
    char name[256];
    long r = get_mq_name(name, sizeof name, a[0]);
    return r < 0 ? r : host_ret(syscall(SYS_mq_unlink, name));
}

static long do_mq_timedsend(const uint32_t *a, bool time64)
{
    /* mq_timedsend(mqd, msg, len, prio, const struct timespec *abs) */
    struct timespec ts;
    if (!guest_ok_read(a[1], a[2]))
        return -EFAULT;
    if (a[4] && get_timespec(&ts, a[4], time64) < 0)
        return -EFAULT;
    return safe_syscall(SYS_mq_timedsend, (int)a[0], g2h(a[1]), (size_t)a[2], a[3], a[4] ? &ts : NULL);
}

static long do_mq_timedreceive(const uint32_t *a, bool time64)
{
    /* mq_timedreceive(mqd, msg, len, unsigned *prio, const struct timespec *abs) */
    struct timespec ts;
    unsigned prio = 0;
    if (!guest_ok_write(a[1], a[2]))
        return -EFAULT;
    if (a[4] && get_timespec(&ts, a[4], time64) < 0)
        return -EFAULT;
    long r = safe_syscall(SYS_mq_timedreceive, (int)a[0], g2h(a[1]), (size_t)a[2], &prio,
                          a[4] ? &ts : NULL);
    if (r >= 0 && a[3] && put_user_u32(a[3], prio) < 0)
        return -EFAULT;
    return r;
}

long sys_mq_timedsend(CPUCommon *env, const uint32_t *a) { return do_mq_timedsend(a, false); }
long sys_mq_timedsend_time64(CPUCommon *env, const uint32_t *a) { return do_mq_timedsend(a, true); }
long sys_mq_timedreceive(CPUCommon *env, const uint32_t *a) { return do_mq_timedreceive(a, false); }
long sys_mq_timedreceive_time64(CPUCommon *env, const uint32_t *a) { return do_mq_timedreceive(a, true); }

#define G_NOTIFY_COOKIE_LEN 32

long sys_mq_notify(CPUCommon *env, const uint32_t *a)
{
    if (!a[1])
        return host_ret(syscall(SYS_mq_notify, (int)a[0], NULL));
    GuestSigevent g;
    if (get_sigevent(&g, a[1]) < 0)
        return -EFAULT;
    struct sigevent h;
    switch (g.notify) {
    case SIGEV_NONE:
    case SIGEV_SIGNAL: /* the value comes back in the signal's si_value */
        if (sigevent_to_host(&h, &g) < 0)
            return -EINVAL;
        break;
    case SIGEV_THREAD:
        /* glibc's SIGEV_THREAD: signo is a netlink socket and value points
           to the cookie the kernel sends on it. */
        if (!guest_ok_read(g.value, G_NOTIFY_COOKIE_LEN))
            return -EFAULT;
        memset(&h, 0, sizeof h);
        h.sigev_notify = g.notify;
        h.sigev_signo = g.signo;
        h.sigev_value.sival_ptr = g2h(g.value);
        break;
    default:
        return -EINVAL;
    }
    return host_ret(syscall(SYS_mq_notify, (int)a[0], &h));
}

long sys_mq_getsetattr(CPUCommon *env, const uint32_t *a)
{
    struct mq_attr nv, ov;
    long r;
    if (a[1] && (r = get_mq_attr(&nv, a[1])) < 0)
        return r;
    r = host_ret(syscall(SYS_mq_getsetattr, (int)a[0], a[1] ? &nv : NULL, a[2] ? &ov : NULL));
    if (r == 0 && a[2])
        r = put_mq_attr(a[2], &ov);
    return r;
}
