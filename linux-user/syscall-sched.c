/*
 * Scheduling, priorities (and nice), resource usage, credentials (32- and
 * old 16-bit ids), capabilities, personality, prctl, membarrier, and the
 * host-name / kernel-log calls.
 *
 * Credentials: the Linux kernel keeps uids per thread; glibc's setuid()
 * makes every thread of the process switch (via a signal to each).  The
 * guest's glibc does that broadcast itself, each of its threads making the
 * raw syscall, so here every set*id call is the raw per-thread syscall too
 * (the host glibc wrapper would broadcast to all of the emulator's threads).
 */
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/capability.h>

#include "linux-user/abi-conv.h"
#include "linux-user/signal-priv.h"

/* ---- scheduler ---- */

/* struct sched_param { int sched_priority; } is the same everywhere. */
static long get_sched_param(struct sched_param *p, uint32_t addr)
{
    uint32_t v;
    if (get_user_u32(addr, &v) < 0)
        return -EFAULT;
    *p = (struct sched_param){ .sched_priority = (int32_t)v };
    return 0;
}

/* The kernel's order for these calls: a NULL pointer or a negative pid is
   EINVAL before anything is copied; the process is looked up (ESRCH)
   after the copy from the guest but before the copy to it. */
long sys_sched_setparam(CPUCommon *env, const uint32_t *a)
{
    struct sched_param p;
    if (!a[1] || (int32_t)a[0] < 0)
        return -EINVAL;
    if (get_sched_param(&p, a[1]) < 0)
        return -EFAULT;
    return host_ret(syscall(SYS_sched_setparam, (pid_t)a[0], &p));
}

long sys_sched_getparam(CPUCommon *env, const uint32_t *a)
{
    struct sched_param p;
    if (!a[1] || (int32_t)a[0] < 0)
        return -EINVAL;
    if (syscall(SYS_sched_getparam, (pid_t)a[0], &p) < 0)
        return -errno;
    return put_user_u32(a[1], (uint32_t)p.sched_priority) < 0 ? -EFAULT : 0;
}

long sys_sched_setscheduler(CPUCommon *env, const uint32_t *a)
{
    struct sched_param p;
    if ((int32_t)a[1] < 0 || !a[2] || (int32_t)a[0] < 0)
        return -EINVAL;
    if (get_sched_param(&p, a[2]) < 0)
        return -EFAULT;
    return host_ret(syscall(SYS_sched_setscheduler, (pid_t)a[0], (int)a[1], &p));
}

long sys_sched_getscheduler(CPUCommon *env, const uint32_t *a)
{
    return host_ret(syscall(SYS_sched_getscheduler, (pid_t)a[0]));
}

long sys_sched_get_priority_max(CPUCommon *env, const uint32_t *a)
{
    return host_ret(sched_get_priority_max((int)a[0]));
}

long sys_sched_get_priority_min(CPUCommon *env, const uint32_t *a)
{
    return host_ret(sched_get_priority_min((int)a[0]));
}

static long do_rr_interval(const uint32_t *a, bool time64)
{
    struct timespec ts;
    if (sched_rr_get_interval((pid_t)a[0], &ts) < 0)
        return -errno;
    return put_timespec(a[1], &ts, time64);
}

long sys_sched_rr_get_interval(CPUCommon *env, const uint32_t *a) { return do_rr_interval(a, false); }
long sys_sched_rr_get_interval_time64(CPUCommon *env, const uint32_t *a) { return do_rr_interval(a, true); }

long sys_sched_setaffinity(CPUCommon *env, const uint32_t *a)
{
    /* The mask is an array of 32-bit longs in guest byte order; read as
       words, it has the numbering of the host's little-endian bytes.  The
       kernel zero-extends a short mask and ignores excess bytes beyond its
       own cpumask size only if they are zero: pass what we have (a tail
       shorter than a word, as bytes of the next word). */
    uint8_t mask[512] = { 0 };
    uint32_t len = a[1] > sizeof mask ? (uint32_t)sizeof mask : a[1];
    if (!guest_ok_read(a[2], len))
        return -EFAULT;
    for (uint32_t i = 0; i < len / 4; i++)
        memcpy(mask + 4 * i, &(uint32_t){ get_guest_u32(a[2] + 4 * i) }, 4);
    for (uint32_t i = len & ~3u; i < len; i++) /* the tail's bytes, at their guest positions */
        mask[guest_bswap ? (i & ~3u) + 3 - (i & 3) : i] = *(uint8_t *)g2h(a[2] + i);
    return host_ret(syscall(SYS_sched_setaffinity, (pid_t)a[0], (len + 7) & ~7u, mask));
}

/* struct sched_attr (u32 size, policy; u64 flags; s32 nice; u32 priority;
   u64 runtime, deadline, period; u32 util_min, util_max) has every field
   naturally aligned: the same bytes on ARM and x86-64.  Sizes: 48 (v0),
   56 (v1). */
#define SCHED_ATTR_MAX 56

/* Its fields, for the byte order. */
static const uint8_t sched_attr_fields[] = { 4, 4, 8, 4, 4, 8, 8, 8, 4, 4, 0 };

long sys_sched_setattr(CPUCommon *env, const uint32_t *a)
{
    uint8_t buf[SCHED_ATTR_MAX] = { 0 };
    uint32_t size;
    if (!a[1] || (int32_t)a[0] < 0 || a[2])
        return -EINVAL;
    if (get_user_u32(a[1], &size) < 0)
        return -EFAULT;
    if (size == 0)
        size = 48;
    if (size > 4096)
        return -E2BIG;
    for (uint32_t i = SCHED_ATTR_MAX; i < size; i++) { /* newer fields must be 0 */
        if (!guest_ok_read(a[1] + i, 1))
            return -EFAULT;
        if (*(uint8_t *)g2h(a[1] + i)) {
            put_user_u32(a[1], SCHED_ATTR_MAX);
            return -E2BIG;
        }
    }
    if (size > SCHED_ATTR_MAX)
        size = SCHED_ATTR_MAX;
    if (copy_from_guest(buf, a[1], size) < 0) /* bytes; fields swapped below */
        return -EFAULT;
    swap_fixed_fields(buf, sched_attr_fields, size);
    memcpy(buf, &size, 4);
    return host_ret(syscall(SYS_sched_setattr, (pid_t)a[0], buf, a[2]));
}

long sys_sched_getattr(CPUCommon *env, const uint32_t *a)
{
    /* sched_getattr(pid, attr, size, flags) */
    uint8_t buf[SCHED_ATTR_MAX] = { 0 };
    if (!a[1] || (int32_t)a[0] < 0 || a[2] > 4096 || a[2] < 48 || a[3])
        return -EINVAL;
    uint32_t size = a[2] > SCHED_ATTR_MAX ? SCHED_ATTR_MAX : a[2];
    long r = host_ret(syscall(SYS_sched_getattr, (pid_t)a[0], buf, size, a[3]));
    if (r < 0)
        return r;
    uint32_t got;
    memcpy(&got, buf, 4);
    swap_fixed_fields(buf, sched_attr_fields, sizeof buf);
    return copy_to_guest(a[1], buf, got < size ? got : size) < 0 ? -EFAULT : r;
}

long sys_getcpu(CPUCommon *env, const uint32_t *a)
{
    unsigned cpu, node;
    if (syscall(SYS_getcpu, &cpu, &node, NULL) < 0)
        return -errno;
    if (a[0] && put_user_u32(a[0], cpu) < 0)
        return -EFAULT;
    if (a[1] && put_user_u32(a[1], node) < 0)
        return -EFAULT;
    return 0;
}

/* ---- priorities ---- */

/* The raw getpriority returns 20 - nice (1..40), as the guest's libc expects. */
long sys_getpriority(CPUCommon *env, const uint32_t *a)
{
    return host_ret(syscall(SYS_getpriority, (int)a[0], (id_t)a[1]));
}

long sys_setpriority(CPUCommon *env, const uint32_t *a)
{
    return host_ret(syscall(SYS_setpriority, (int)a[0], (id_t)a[1], (int)a[2]));
}

long sys_ioprio_get(CPUCommon *env, const uint32_t *a)
{
    return host_ret(syscall(SYS_ioprio_get, (int)a[0], (int)a[1]));
}

long sys_ioprio_set(CPUCommon *env, const uint32_t *a)
{
    return host_ret(syscall(SYS_ioprio_set, (int)a[0], (int)a[1], (int)a[2]));
}

/* ---- resource usage ---- */

/* The one rusage converter (wait4, waitid, getrusage): the target's
   layout, linux-user/abi-conv.c. */
long put_rusage(uint32_t addr, const struct rusage *ru)
{
    uint8_t g[GUEST_STRUCT_MAX];
    size_t n = rusage_to_guest(g, ru);
    return copy_to_guest(addr, g, n) < 0 ? -EFAULT : 0; /* the guest's byte image */
}

long sys_getrusage(CPUCommon *env, const uint32_t *a)
{
    struct rusage ru;
    if (getrusage((int)a[0], &ru) < 0)
        return -errno;
    return put_rusage(a[1], &ru);
}

/* ---- credentials (raw, per-thread syscalls; see the top of the file) ---- */

long sys_setuid32(CPUCommon *env, const uint32_t *a) { return host_ret(syscall(SYS_setuid, a[0])); }
long sys_setgid32(CPUCommon *env, const uint32_t *a) { return host_ret(syscall(SYS_setgid, a[0])); }

long sys_setreuid32(CPUCommon *env, const uint32_t *a)
{
    return host_ret(syscall(SYS_setreuid, a[0], a[1]));
}

long sys_setregid32(CPUCommon *env, const uint32_t *a)
{
    return host_ret(syscall(SYS_setregid, a[0], a[1]));
}

long sys_setresuid32(CPUCommon *env, const uint32_t *a)
{
    return host_ret(syscall(SYS_setresuid, a[0], a[1], a[2]));
}

long sys_setresgid32(CPUCommon *env, const uint32_t *a)
{
    return host_ret(syscall(SYS_setresgid, a[0], a[1], a[2]));
}

/* setfsuid/setfsgid return the previous id and never fail. */
long sys_setfsuid32(CPUCommon *env, const uint32_t *a) { return syscall(SYS_setfsuid, a[0]); }
long sys_setfsgid32(CPUCommon *env, const uint32_t *a) { return syscall(SYS_setfsgid, a[0]); }

long sys_setgroups32(CPUCommon *env, const uint32_t *a)
{
    /* gid_t is 32 bits on both sides. */
    int32_t n = (int32_t)a[0];
    if (n < 0 || n > 65536)
        return -EINVAL;
    uint32_t *g = malloc((size_t)(n ? n : 1) * sizeof *g);
    if (!g)
        return -ENOMEM;
    long r = get_user_u32s(g, a[1], (size_t)n);
    if (r == 0)
        r = host_ret(syscall(SYS_setgroups, n, n ? g : NULL));
    free(g);
    return r;
}

/* The old 16-bit id calls (ARM kept them; glibc uses the *32 ones):
   0xffff is the 16-bit -1 ("unchanged"), ids above 0xffff read as the
   overflow id 65534, as on a 32-bit kernel. */
static uint32_t id_from16(uint32_t v) { return (v & 0xffff) == 0xffff ? 0xffffffffu : (v & 0xffff); }
static uint16_t id_to16(uint32_t v) { return v > 0xffff ? 65534 : (uint16_t)v; }

long sys_setuid(CPUCommon *env, const uint32_t *a) { return host_ret(syscall(SYS_setuid, id_from16(a[0]))); }
long sys_setgid(CPUCommon *env, const uint32_t *a) { return host_ret(syscall(SYS_setgid, id_from16(a[0]))); }

long sys_setreuid(CPUCommon *env, const uint32_t *a)
{
    return host_ret(syscall(SYS_setreuid, id_from16(a[0]), id_from16(a[1])));
}

long sys_setregid(CPUCommon *env, const uint32_t *a)
{
    return host_ret(syscall(SYS_setregid, id_from16(a[0]), id_from16(a[1])));
}

long sys_setresuid(CPUCommon *env, const uint32_t *a)
{
    return host_ret(syscall(SYS_setresuid, id_from16(a[0]), id_from16(a[1]), id_from16(a[2])));
}

long sys_setresgid(CPUCommon *env, const uint32_t *a)
{
    return host_ret(syscall(SYS_setresgid, id_from16(a[0]), id_from16(a[1]), id_from16(a[2])));
}

long sys_setfsuid(CPUCommon *env, const uint32_t *a) { return id_to16((uint32_t)syscall(SYS_setfsuid, id_from16(a[0]))); }
long sys_setfsgid(CPUCommon *env, const uint32_t *a) { return id_to16((uint32_t)syscall(SYS_setfsgid, id_from16(a[0]))); }

static long get_res16(const uint32_t *a, bool gid)
{
    uid_t r, e, s;
    if (syscall(gid ? SYS_getresgid : SYS_getresuid, &r, &e, &s) < 0)
        return -errno;
    const uint16_t v[3] = { id_to16(r), id_to16(e), id_to16(s) };
    for (int i = 0; i < 3; i++)
        if (put_user_u16(a[i], v[i]) < 0)
            return -EFAULT;
    return 0;
}

long sys_getresuid(CPUCommon *env, const uint32_t *a) { return get_res16(a, false); }
long sys_getresgid(CPUCommon *env, const uint32_t *a) { return get_res16(a, true); }

long sys_getgroups(CPUCommon *env, const uint32_t *a)
{
    int32_t n = (int32_t)a[0];
    if (n < 0)
        return -EINVAL;
    if (n == 0)
        return host_ret(getgroups(0, NULL));
    if (n > 65536)
        n = 65536;
    gid_t *g = malloc((size_t)n * sizeof *g);
    if (!g)
        return -ENOMEM;
    long r = host_ret(getgroups(n, g));
    for (long i = 0; i < r; i++) {
        if (put_user_u16(a[1] + 2u * (uint32_t)i, id_to16(g[i])) < 0) {
            r = -EFAULT;
            break;
        }
    }
    free(g);
    return r;
}

long sys_setgroups(CPUCommon *env, const uint32_t *a)
{
    int32_t n = (int32_t)a[0];
    if (n < 0 || n > 65536)
        return -EINVAL;
    gid_t *g = malloc((size_t)(n ? n : 1) * sizeof *g);
    if (!g)
        return -ENOMEM;
    long r = 0;
    for (int i = 0; i < n && r == 0; i++) {
        uint16_t v = 0;
        if (get_user_u16(a[1] + 2u * (uint32_t)i, &v) < 0)
            r = -EFAULT;
        g[i] = v;
    }
    if (r == 0)
        r = host_ret(syscall(SYS_setgroups, n, g));
    free(g);
    return r;
}

/* ---- host names, kernel log, nice ---- */

static long do_setname(const uint32_t *a, long nr)
{
    char name[65];
    if ((int32_t)a[1] < 0 || a[1] > 64)
        return -EINVAL;
    if (copy_from_guest(name, a[0], a[1]) < 0)
        return -EFAULT;
    return host_ret(syscall(nr, name, (size_t)a[1]));
}

long sys_sethostname(CPUCommon *env, const uint32_t *a) { return do_setname(a, SYS_sethostname); }
long sys_setdomainname(CPUCommon *env, const uint32_t *a) { return do_setname(a, SYS_setdomainname); }

long sys_syslog(CPUCommon *env, const uint32_t *a)
{
    /* syslog(type, buf, len): the read types (2, 3, 4) fill buf. */
    int type = (int)a[0];
    int32_t len = (int32_t)a[2];
    bool reads = type == 2 || type == 3 || type == 4;
    if (reads && len > 0 && !guest_ok_write(a[1], (uint32_t)len))
        return -EFAULT;
    return host_ret(syscall(SYS_syslog, type, reads && len > 0 ? g2h(a[1]) : NULL, len));
}

/* nice(inc): x86-64 has no nice syscall; the kernel's is setpriority on
   the current nice value plus inc, clamped to -20..19. */
long sys_nice(CPUCommon *env, const uint32_t *a)
{
    errno = 0;
    long cur = syscall(SYS_getpriority, PRIO_PROCESS, 0); /* 20 - nice */
    if (cur < 0)
        return -errno;
    long n = 20 - cur + (int32_t)a[0];
    if (n < -20)
        n = -20;
    if (n > 19)
        n = 19;
    return host_ret(syscall(SYS_setpriority, PRIO_PROCESS, 0, (int)n));
}

/* ---- capabilities ---- */

/* Header { u32 version; int pid; } and data { u32 effective, permitted,
   inheritable; } x 1 (v1) or x 2 (v2, v3): the same everywhere. */
static int cap_words(uint32_t version)
{
    switch (version) {
    case _LINUX_CAPABILITY_VERSION_1: return _LINUX_CAPABILITY_U32S_1;
    case _LINUX_CAPABILITY_VERSION_2: return _LINUX_CAPABILITY_U32S_2;
    case _LINUX_CAPABILITY_VERSION_3: return _LINUX_CAPABILITY_U32S_3;
    default: return 0;
    }
}

/* Header and data are 32-bit words: read and written as such. */
long sys_capget(CPUCommon *env, const uint32_t *a)
{
    struct __user_cap_header_struct h;
    struct __user_cap_data_struct d[2];
    if (get_user_u32s((uint32_t *)(void *)&h, a[0], 2) < 0)
        return -EFAULT;
    int n = cap_words(h.version);
    long r = host_ret(syscall(SYS_capget, &h, a[1] && n ? d : NULL));
    /* An unknown version: the kernel writes its preferred one back. */
    if (put_user_u32s(a[0], (const uint32_t *)(const void *)&h, 2) < 0)
        return -EFAULT;
    if (r == 0 && a[1] && n && put_user_u32s(a[1], (const uint32_t *)(const void *)d, (size_t)n * 3) < 0)
        return -EFAULT;
    return r;
}

long sys_capset(CPUCommon *env, const uint32_t *a)
{
    struct __user_cap_header_struct h;
    struct __user_cap_data_struct d[2];
    if (get_user_u32s((uint32_t *)(void *)&h, a[0], 2) < 0)
        return -EFAULT;
    int n = cap_words(h.version);
    if (n && get_user_u32s((uint32_t *)(void *)d, a[1], (size_t)n * 3) < 0)
        return -EFAULT;
    long r = host_ret(syscall(SYS_capset, &h, n ? d : NULL));
    if (r == -EINVAL && !n)
        put_user_u32s(a[0], (const uint32_t *)(const void *)&h, 2);
    return r;
}

/* ---- personality ---- */

/* The guest's personality is kept here, not set on the host: PER_LINUX32
   and friends would change what the host kernel tells the emulator. */
static uint32_t guest_personality = PER_LINUX;

bool sticky_timeouts(void)
{
    return __atomic_load_n(&guest_personality, __ATOMIC_RELAXED) & STICKY_TIMEOUTS;
}

long sys_personality(CPUCommon *env, const uint32_t *a)
{
    uint32_t old = __atomic_load_n(&guest_personality, __ATOMIC_RELAXED);
    if (a[0] != 0xffffffffu)
        __atomic_store_n(&guest_personality, a[0], __ATOMIC_RELAXED);
    return old;
}

/* ---- prctl ---- */

/* How a prctl option's arguments are handled. */
typedef enum {
    PR_PASS,    /* integer arguments only: the host call as is */
    PR_OUT_INT, /* arg2 is an int * the kernel writes */
    PR_NAME_SET,
    PR_NAME_GET,
    PR_EINVAL,  /* refused: would act on the emulator, or needs pointers */
} PrctlKind;

typedef struct PrctlDef {
    int option;
    PrctlKind kind;
} PrctlDef;

static const PrctlDef prctl_defs[] = {
    { PR_SET_PDEATHSIG, PR_PASS },       { PR_GET_PDEATHSIG, PR_OUT_INT },
    { PR_GET_DUMPABLE, PR_PASS },        { PR_SET_DUMPABLE, PR_PASS },
    { PR_GET_KEEPCAPS, PR_PASS },        { PR_SET_KEEPCAPS, PR_PASS },
    { PR_SET_NAME, PR_NAME_SET },        { PR_GET_NAME, PR_NAME_GET },
    { PR_GET_TIMERSLACK, PR_PASS },      { PR_SET_TIMERSLACK, PR_PASS },
    { PR_CAPBSET_READ, PR_PASS },        { PR_CAPBSET_DROP, PR_PASS },
    { PR_GET_SECUREBITS, PR_PASS },      { PR_SET_SECUREBITS, PR_PASS },
    { PR_SET_CHILD_SUBREAPER, PR_PASS }, { PR_GET_CHILD_SUBREAPER, PR_OUT_INT },
    { PR_SET_NO_NEW_PRIVS, PR_PASS },    { PR_GET_NO_NEW_PRIVS, PR_PASS },
    { PR_GET_THP_DISABLE, PR_PASS },     { PR_SET_THP_DISABLE, PR_PASS },
    { PR_CAP_AMBIENT, PR_PASS },         { PR_GET_SECCOMP, PR_PASS },
    { PR_SET_TIMING, PR_PASS },          { PR_GET_TIMING, PR_PASS },
    { PR_SET_PTRACER, PR_PASS },
    /* A seccomp filter would apply to the emulator's own host syscalls;
       PR_SET_MM and PR_SET_VMA name guest memory as host memory. */
    { PR_SET_SECCOMP, PR_EINVAL },       { PR_SET_MM, PR_EINVAL },
    { 0x53564d41 /* PR_SET_VMA */, PR_EINVAL },
};

long sys_prctl(CPUCommon *env, const uint32_t *a)
{
    int opt_ = (int)a[0];
    const PrctlDef *d = NULL;
    for (size_t i = 0; i < sizeof prctl_defs / sizeof prctl_defs[0]; i++)
        if (prctl_defs[i].option == opt_)
            d = &prctl_defs[i];
    if (!d) {
        log_unimp_once(0xfb000000u ^ (uint32_t)opt_, "unsupported prctl option %d", opt_);
        return -EINVAL;
    }
    if (opt_ == PR_SET_PDEATHSIG) { /* a signal number: the guest's */
        int sig = a[1] ? signal_host_number(signal_to_host((int)a[1])) : 0;
        if (sig < 0)
            return -EINVAL; /* 32, 33: no host number (signal-host.c) */
        return host_ret(prctl(opt_, (unsigned long)sig, 0, 0, 0));
    }
    if (opt_ == PR_GET_PDEATHSIG) {
        int v = 0;
        if (prctl(opt_, &v, 0, 0, 0) < 0)
            return -errno;
        return put_user_u32(a[1], v ? (uint32_t)signal_to_guest(v) : 0) < 0 ? -EFAULT : 0;
    }
    switch (d->kind) {
    case PR_PASS:
        return host_ret(prctl(opt_, (unsigned long)a[1], (unsigned long)a[2], (unsigned long)a[3],
                              (unsigned long)a[4]));
    case PR_OUT_INT: {
        int v = 0;
        if (prctl(opt_, &v, 0, 0, 0) < 0)
            return -errno;
        return put_user_u32(a[1], (uint32_t)v) < 0 ? -EFAULT : 0;
    }
    case PR_NAME_SET: {
        char name[16] = { 0 };
        long n = guest_strlen(a[1], sizeof name - 1);
        /* The kernel copies at most 15 bytes and terminates: no error for
           a longer name. */
        if (n == -EFAULT)
            return -EFAULT;
        uint32_t len = n < 0 || n > 15 ? 15 : (uint32_t)n;
        if (copy_from_guest(name, a[1], len) < 0)
            return -EFAULT;
        return host_ret(prctl(PR_SET_NAME, name, 0, 0, 0));
    }
    case PR_NAME_GET: {
        char name[16] = { 0 };
        if (prctl(PR_GET_NAME, name, 0, 0, 0) < 0)
            return -errno;
        return copy_to_guest(a[1], name, sizeof name) < 0 ? -EFAULT : 0;
    }
    default:
        log_unimp_once(0xfb000000u ^ (uint32_t)opt_, "prctl option %d refused", opt_);
        return -EINVAL;
    }
}

/* ---- membarrier ---- */

/* Guest threads are host threads, so the host's barriers are the guest's
   (the emulator's own threads take part too, which is harmless). */
long sys_membarrier(CPUCommon *env, const uint32_t *a)
{
    return host_ret(syscall(SYS_membarrier, (int)a[0], a[1], (int)a[2]));
}
