/*
 * Structure converters: host structure <-> guest byte image, by the running
 * target's generated layout (see abi-conv.h).  Each converter names the
 * fields it fills; a field the target lacks is skipped by abi_put itself.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>

#include "linux-user/abi-conv.h"
#include "linux-user/signal-priv.h"

/* ---- files ---- */

size_t stat64_to_guest(void *g, const struct stat *st)
{
    memset(g, 0, ABI_SIZE(stat64));
    /* The kernel encodes dev_t for 32-bit userland as new_encode_dev; glibc
       decodes with the same major/minor scheme as the host's. */
    ABI_PUT(g, stat64, st_dev, st->st_dev);
    ABI_PUT(g, stat64, __st_ino, (uint32_t)st->st_ino);
    ABI_PUT(g, stat64, st_ino, st->st_ino);
    ABI_PUT(g, stat64, st_mode, st->st_mode);
    ABI_PUT(g, stat64, st_nlink, st->st_nlink);
    ABI_PUT(g, stat64, st_uid, st->st_uid);
    ABI_PUT(g, stat64, st_gid, st->st_gid);
    ABI_PUT(g, stat64, st_rdev, st->st_rdev);
    ABI_PUT(g, stat64, st_size, (uint64_t)st->st_size);
    ABI_PUT(g, stat64, st_blksize, (uint64_t)st->st_blksize);
    ABI_PUT(g, stat64, st_blocks, (uint64_t)st->st_blocks);
    ABI_PUT(g, stat64, st_atime, (uint64_t)st->st_atim.tv_sec);
    ABI_PUT(g, stat64, st_atime_nsec, (uint64_t)st->st_atim.tv_nsec);
    ABI_PUT(g, stat64, st_mtime, (uint64_t)st->st_mtim.tv_sec);
    ABI_PUT(g, stat64, st_mtime_nsec, (uint64_t)st->st_mtim.tv_nsec);
    ABI_PUT(g, stat64, st_ctime, (uint64_t)st->st_ctim.tv_sec);
    ABI_PUT(g, stat64, st_ctime_nsec, (uint64_t)st->st_ctim.tv_nsec);
    return ABI_SIZE(stat64);
}

size_t statfs64_to_guest(void *g, const struct statfs *s)
{
    memset(g, 0, ABI_SIZE(statfs64));
    ABI_PUT(g, statfs64, f_type, (uint64_t)s->f_type);
    ABI_PUT(g, statfs64, f_bsize, (uint64_t)s->f_bsize);
    ABI_PUT(g, statfs64, f_blocks, s->f_blocks);
    ABI_PUT(g, statfs64, f_bfree, s->f_bfree);
    ABI_PUT(g, statfs64, f_bavail, s->f_bavail);
    ABI_PUT(g, statfs64, f_files, s->f_files);
    ABI_PUT(g, statfs64, f_ffree, s->f_ffree);
    ABI_PUT(g, statfs64, f_fsid0, (uint32_t)s->f_fsid.__val[0]);
    ABI_PUT(g, statfs64, f_fsid1, (uint32_t)s->f_fsid.__val[1]);
    ABI_PUT(g, statfs64, f_namelen, (uint64_t)s->f_namelen);
    ABI_PUT(g, statfs64, f_frsize, (uint64_t)s->f_frsize);
    ABI_PUT(g, statfs64, f_flags, (uint64_t)s->f_flags);
    return ABI_SIZE(statfs64);
}

/* The flock fields of the two structures, by structure. */
static const struct {
    int type, whence, start, len, pid;
} flock_f[2] = {
    { GF_flock_l_type, GF_flock_l_whence, GF_flock_l_start, GF_flock_l_len, GF_flock_l_pid },
    { GF_flock64_l_type, GF_flock64_l_whence, GF_flock64_l_start, GF_flock64_l_len,
      GF_flock64_l_pid },
};

long flock_from_guest(struct flock *fl, const void *g, int gs)
{
    int i = gs == GS_flock64;
    int64_t type = abi_value_to_host(GG_lock_type, (int16_t)abi_get(g, flock_f[i].type));
    if (type == ABI_UNDEF)
        return -EINVAL;
    *fl = (struct flock){
        .l_type = (short)type,
        .l_whence = (short)abi_get(g, flock_f[i].whence), /* SEEK_*: the same everywhere */
        .l_start = (off_t)abi_get(g, flock_f[i].start),
        .l_len = (off_t)abi_get(g, flock_f[i].len),
        .l_pid = (pid_t)abi_get(g, flock_f[i].pid),
    };
    return 0;
}

size_t flock_to_guest(void *g, const struct flock *fl, int gs)
{
    int i = gs == GS_flock64;
    memset(g, 0, abi_size(gs));
    int64_t type = abi_value_to_guest(GG_lock_type, fl->l_type);
    abi_put(g, flock_f[i].type, (uint64_t)(type == ABI_UNDEF ? fl->l_type : type));
    abi_put(g, flock_f[i].whence, (uint64_t)fl->l_whence);
    abi_put(g, flock_f[i].start, (uint64_t)fl->l_start);
    abi_put(g, flock_f[i].len, (uint64_t)fl->l_len);
    abi_put(g, flock_f[i].pid, (uint64_t)fl->l_pid);
    return abi_size(gs);
}

void epoll_event_from_guest(struct epoll_event *e, const void *g)
{
    e->events = abi_flags_to_host(GG_epoll, (uint32_t)ABI_GET(g, epoll_event, events));
    e->data.u64 = ABI_GET(g, epoll_event, data);
}

size_t epoll_event_to_guest(void *g, const struct epoll_event *e)
{
    memset(g, 0, ABI_SIZE(epoll_event));
    ABI_PUT(g, epoll_event, events, abi_flags_to_guest(GG_epoll, e->events));
    ABI_PUT(g, epoll_event, data, e->data.u64);
    return ABI_SIZE(epoll_event);
}

/* ---- processes ---- */

size_t rusage_to_guest(void *g, const struct rusage *ru)
{
    memset(g, 0, ABI_SIZE(rusage));
    ABI_PUT(g, rusage, ru_utime_tv_sec, (uint64_t)ru->ru_utime.tv_sec);
    ABI_PUT(g, rusage, ru_utime_tv_usec, (uint64_t)ru->ru_utime.tv_usec);
    ABI_PUT(g, rusage, ru_stime_tv_sec, (uint64_t)ru->ru_stime.tv_sec);
    ABI_PUT(g, rusage, ru_stime_tv_usec, (uint64_t)ru->ru_stime.tv_usec);
    ABI_PUT(g, rusage, ru_maxrss, (uint64_t)ru->ru_maxrss);
    ABI_PUT(g, rusage, ru_ixrss, (uint64_t)ru->ru_ixrss);
    ABI_PUT(g, rusage, ru_idrss, (uint64_t)ru->ru_idrss);
    ABI_PUT(g, rusage, ru_isrss, (uint64_t)ru->ru_isrss);
    ABI_PUT(g, rusage, ru_minflt, (uint64_t)ru->ru_minflt);
    ABI_PUT(g, rusage, ru_majflt, (uint64_t)ru->ru_majflt);
    ABI_PUT(g, rusage, ru_nswap, (uint64_t)ru->ru_nswap);
    ABI_PUT(g, rusage, ru_inblock, (uint64_t)ru->ru_inblock);
    ABI_PUT(g, rusage, ru_oublock, (uint64_t)ru->ru_oublock);
    ABI_PUT(g, rusage, ru_msgsnd, (uint64_t)ru->ru_msgsnd);
    ABI_PUT(g, rusage, ru_msgrcv, (uint64_t)ru->ru_msgrcv);
    ABI_PUT(g, rusage, ru_nsignals, (uint64_t)ru->ru_nsignals);
    ABI_PUT(g, rusage, ru_nvcsw, (uint64_t)ru->ru_nvcsw);
    ABI_PUT(g, rusage, ru_nivcsw, (uint64_t)ru->ru_nivcsw);
    return ABI_SIZE(rusage);
}

size_t sysinfo_to_guest(void *g, const struct sysinfo *s, int shift, uint32_t mem_unit)
{
    memset(g, 0, ABI_SIZE(sysinfo));
    ABI_PUT(g, sysinfo, uptime, (uint64_t)s->uptime);
    ABI_PUT(g, sysinfo, loads0, s->loads[0]);
    ABI_PUT(g, sysinfo, loads1, s->loads[1]);
    ABI_PUT(g, sysinfo, loads2, s->loads[2]);
    ABI_PUT(g, sysinfo, totalram, s->totalram >> shift);
    ABI_PUT(g, sysinfo, freeram, s->freeram >> shift);
    ABI_PUT(g, sysinfo, sharedram, s->sharedram >> shift);
    ABI_PUT(g, sysinfo, bufferram, s->bufferram >> shift);
    ABI_PUT(g, sysinfo, totalswap, s->totalswap >> shift);
    ABI_PUT(g, sysinfo, freeswap, s->freeswap >> shift);
    ABI_PUT(g, sysinfo, procs, s->procs);
    ABI_PUT(g, sysinfo, totalhigh, s->totalhigh >> shift);
    ABI_PUT(g, sysinfo, freehigh, s->freehigh >> shift);
    ABI_PUT(g, sysinfo, mem_unit, mem_unit);
    return ABI_SIZE(sysinfo);
}

/* ---- signals ---- */

/* Bit sig-1 of a set, mapped sig by sig; identity_map caches whether the
   target's numbers are the host's (then sets pass as they are). */
static const GuestAbi *sig_map_abi;
static bool sig_map_identity;

static bool sig_identity(void)
{
    if (sig_map_abi != guest_abi) {
        bool same = true;
        for (int s = 1; s <= 64 && same; s++)
            same = signal_to_host(s) == s;
        sig_map_identity = same;
        sig_map_abi = guest_abi;
    }
    return sig_map_identity;
}

static uint64_t map_set(uint64_t set, int (*map)(int))
{
    uint64_t out = 0;
    for (int s = 1; s <= 64; s++)
        if (set & (1ull << (s - 1))) {
            int m = map(s);
            if (m >= 1 && m <= 64)
                out |= 1ull << (m - 1);
        }
    return out;
}

uint64_t sigset_to_host(uint64_t guest_set)
{
    return sig_identity() ? guest_set : map_set(guest_set, signal_to_host);
}

uint64_t sigset_to_guest(uint64_t host_set)
{
    return sig_identity() ? host_set : map_set(host_set, signal_to_guest);
}

/* The mask field of a sigaction (the first 64 signals; a target whose
   sigset is larger keeps the rest zero). */
static uint64_t get_mask_field(const void *g, int gf)
{
    const uint8_t *p = (const uint8_t *)g + abi_offset(gf);
    return ld_guest_u32(p) | (uint64_t)ld_guest_u32(p + 4) << 32;
}

static void put_mask_field(void *g, int gf, uint64_t set)
{
    uint8_t *p = (uint8_t *)g + abi_offset(gf);
    st_guest_u32(p, (uint32_t)set);
    st_guest_u32(p + 4, (uint32_t)(set >> 32));
}

void sigaction_from_guest(GuestSigaction *a, const void *g)
{
    a->handler = (uint32_t)ABI_GET(g, rt_sigaction, sa_handler);
    a->flags = abi_flags_to_host(GG_sa, (uint32_t)ABI_GET(g, rt_sigaction, sa_flags));
    a->restorer = (uint32_t)ABI_GET(g, rt_sigaction, sa_restorer);
    a->mask = sigset_to_host(get_mask_field(g, GF_rt_sigaction_sa_mask));
}

size_t sigaction_to_guest(void *g, const GuestSigaction *a)
{
    memset(g, 0, ABI_SIZE(rt_sigaction));
    ABI_PUT(g, rt_sigaction, sa_handler, a->handler);
    ABI_PUT(g, rt_sigaction, sa_flags, abi_flags_to_guest(GG_sa, a->flags));
    ABI_PUT(g, rt_sigaction, sa_restorer, a->restorer);
    put_mask_field(g, GF_rt_sigaction_sa_mask, sigset_to_guest(a->mask));
    return ABI_SIZE(rt_sigaction);
}

void stack_from_guest(GuestStack *s, const void *g)
{
    s->sp = (uint32_t)ABI_GET(g, stack_t, ss_sp);
    s->flags = (int32_t)ABI_GET(g, stack_t, ss_flags);
    s->size = (uint32_t)ABI_GET(g, stack_t, ss_size);
}

size_t stack_to_guest(void *g, const GuestStack *s)
{
    memset(g, 0, ABI_SIZE(stack_t));
    ABI_PUT(g, stack_t, ss_sp, s->sp);
    ABI_PUT(g, stack_t, ss_flags, (uint32_t)s->flags);
    ABI_PUT(g, stack_t, ss_size, s->size);
    return ABI_SIZE(stack_t);
}

/* A siginfo (the word layout of GuestSiginfo, which is every 32-bit
   guest's: three ints, then the union as 32-bit words) with its numbers in
   guest terms: the signal, the errno, and for SIGCHLD from a signal the
   status (a signal number).  g: 128 bytes. */
void siginfo_to_guest(void *g, const GuestSiginfo *in)
{
    GuestSiginfo o = *in;
    o.signo = in->signo > 0 ? signal_to_guest(in->signo) : in->signo;
    o.errno_ = in->errno_ > 0 ? errno_to_guest(in->errno_) : in->errno_;
    if (in->signo == SIGCHLD && in->code > CLD_EXITED && in->code <= CLD_CONTINUED)
        o.f[2] = (uint32_t)signal_to_guest((int)in->f[2]);
    const uint32_t *w = (const uint32_t *)(const void *)&o;
    for (size_t i = 0; i < sizeof o / 4; i++)
        st_guest_u32((uint8_t *)g + 4 * i, w[i]);
}

void siginfo_from_guest(GuestSiginfo *out, const void *g)
{
    uint32_t *w = (uint32_t *)(void *)out;
    for (size_t i = 0; i < sizeof *out / 4; i++)
        w[i] = ld_guest_u32((const uint8_t *)g + 4 * i);
    if (out->signo > 0)
        out->signo = signal_to_host(out->signo);
    if (out->errno_ > 0)
        out->errno_ = errno_to_host(out->errno_);
}

int wait_status_to_guest(int st)
{
    if ((st & 0x7f) == 0)
        return st; /* exited: the status byte */
    if ((st & 0xff) == 0x7f) /* stopped: the signal in bits 8-15 */
        return (st & ~0xff00) | (signal_to_guest((st >> 8) & 0xff) & 0xff) << 8;
    return (st & ~0x7f) | (signal_to_guest(st & 0x7f) & 0x7f); /* killed (+ core bit) */
}
