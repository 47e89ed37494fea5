/*
 * Host struct <-> guest layout maps (include/guest-abi.h: AbiHostMap).
 * Each row pairs a guest field of syscall-tables/abi.def with the host
 * (x86-64 glibc) member that holds the same value; abi_to_guest /
 * abi_to_host convert with them, and tests/unit/test-abi-layout checks every
 * map registered in abi_host_maps[] against each target's compiler.
 */
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysinfo.h>
#include "guest-abi.h"
#include "linux-user/abi-conv.h"
#include "linux-user/syscall-priv.h"

/* stat64 (fstat64, lstat64, fstatat64) <- struct stat. */
static const AbiHostField stat64_rows[] = {
    ABI_HOST_FIELD(stat64, st_dev, struct stat, st_dev),
    /* The 32-bit inode slot of ARM and i386 (__st_ino): the low bits. */
    ABI_HOST_FIELD(stat64, __st_ino, struct stat, st_ino),
    ABI_HOST_FIELD(stat64, st_ino, struct stat, st_ino),
    ABI_HOST_FIELD(stat64, st_mode, struct stat, st_mode),
    ABI_HOST_FIELD(stat64, st_nlink, struct stat, st_nlink),
    ABI_HOST_FIELD(stat64, st_uid, struct stat, st_uid),
    ABI_HOST_FIELD(stat64, st_gid, struct stat, st_gid),
    ABI_HOST_FIELD(stat64, st_rdev, struct stat, st_rdev),
    ABI_HOST_FIELD(stat64, st_size, struct stat, st_size),
    ABI_HOST_FIELD(stat64, st_blksize, struct stat, st_blksize),
    ABI_HOST_FIELD(stat64, st_blocks, struct stat, st_blocks),
    ABI_HOST_FIELD(stat64, st_atime, struct stat, st_atim.tv_sec),
    ABI_HOST_FIELD(stat64, st_atime_nsec, struct stat, st_atim.tv_nsec),
    ABI_HOST_FIELD(stat64, st_mtime, struct stat, st_mtim.tv_sec),
    ABI_HOST_FIELD(stat64, st_mtime_nsec, struct stat, st_mtim.tv_nsec),
    ABI_HOST_FIELD(stat64, st_ctime, struct stat, st_ctim.tv_sec),
    ABI_HOST_FIELD(stat64, st_ctime_nsec, struct stat, st_ctim.tv_nsec),
};

/* statfs64 (statfs64, fstatfs64) <- struct statfs. */
static const AbiHostField statfs64_rows[] = {
    ABI_HOST_FIELD(statfs64, f_type, struct statfs, f_type),
    ABI_HOST_FIELD(statfs64, f_bsize, struct statfs, f_bsize),
    ABI_HOST_FIELD(statfs64, f_blocks, struct statfs, f_blocks),
    ABI_HOST_FIELD(statfs64, f_bfree, struct statfs, f_bfree),
    ABI_HOST_FIELD(statfs64, f_bavail, struct statfs, f_bavail),
    ABI_HOST_FIELD(statfs64, f_files, struct statfs, f_files),
    ABI_HOST_FIELD(statfs64, f_ffree, struct statfs, f_ffree),
    ABI_HOST_FIELD(statfs64, f_fsid0, struct statfs, f_fsid.__val[0]),
    ABI_HOST_FIELD(statfs64, f_fsid1, struct statfs, f_fsid.__val[1]),
    ABI_HOST_FIELD(statfs64, f_namelen, struct statfs, f_namelen),
    ABI_HOST_FIELD(statfs64, f_frsize, struct statfs, f_frsize),
    ABI_HOST_FIELD(statfs64, f_flags, struct statfs, f_flags),
};


/* ---- The syscall layer's converters (linux-user/abi-conv.c): wrappers of
   the map signature ---- */
static void conv_stat64(void *g, const void *h) { stat64_to_guest(g, h); }
static void conv_statfs64(void *g, const void *h) { statfs64_to_guest(g, h); }
static void conv_rusage(void *g, const void *h) { rusage_to_guest(g, h); }
static void conv_flock64(void *g, const void *h) { flock_to_guest(g, h, GS_flock64); }
static void conv_flock(void *g, const void *h) { flock_to_guest(g, h, GS_flock); }
static void conv_epoll_to_guest(void *g, const void *h) { epoll_event_to_guest(g, h); }
static void conv_epoll_to_host(void *h, const void *g) { epoll_event_from_guest(h, g); }

static void conv_sysinfo(void *g, const void *h)
{
    const struct sysinfo *s = h; /* sizes that fit: no scaling */
    sysinfo_to_guest(g, s, 0, s->mem_unit);
}
static void conv_stack_to_guest(void *g, const void *h) { stack_to_guest(g, h); }
static void conv_stack_to_host(void *h, const void *g) { stack_from_guest(h, g); }

static const AbiHostField sysinfo_rows[] = {
    ABI_HOST_FIELD(sysinfo, uptime, struct sysinfo, uptime),
    ABI_HOST_FIELD(sysinfo, loads0, struct sysinfo, loads[0]),
    ABI_HOST_FIELD(sysinfo, loads1, struct sysinfo, loads[1]),
    ABI_HOST_FIELD(sysinfo, loads2, struct sysinfo, loads[2]),
    ABI_HOST_FIELD(sysinfo, totalram, struct sysinfo, totalram),
    ABI_HOST_FIELD(sysinfo, freeram, struct sysinfo, freeram),
    ABI_HOST_FIELD(sysinfo, sharedram, struct sysinfo, sharedram),
    ABI_HOST_FIELD(sysinfo, bufferram, struct sysinfo, bufferram),
    ABI_HOST_FIELD(sysinfo, totalswap, struct sysinfo, totalswap),
    ABI_HOST_FIELD(sysinfo, freeswap, struct sysinfo, freeswap),
    ABI_HOST_FIELD(sysinfo, procs, struct sysinfo, procs),
    ABI_HOST_FIELD(sysinfo, totalhigh, struct sysinfo, totalhigh),
    ABI_HOST_FIELD(sysinfo, freehigh, struct sysinfo, freehigh),
    ABI_HOST_FIELD(sysinfo, mem_unit, struct sysinfo, mem_unit),
};
static const AbiHostField stack_rows[] = {
    ABI_HOST_FIELD(stack_t, ss_sp, GuestStack, sp),
    ABI_HOST_FIELD(stack_t, ss_flags, GuestStack, flags),
    ABI_HOST_FIELD(stack_t, ss_size, GuestStack, size),
};
static const AbiHostField rusage_rows[] = {
    ABI_HOST_FIELD(rusage, ru_utime_tv_sec, struct rusage, ru_utime.tv_sec),
    ABI_HOST_FIELD(rusage, ru_utime_tv_usec, struct rusage, ru_utime.tv_usec),
    ABI_HOST_FIELD(rusage, ru_stime_tv_sec, struct rusage, ru_stime.tv_sec),
    ABI_HOST_FIELD(rusage, ru_stime_tv_usec, struct rusage, ru_stime.tv_usec),
    ABI_HOST_FIELD(rusage, ru_maxrss, struct rusage, ru_maxrss),
    ABI_HOST_FIELD(rusage, ru_ixrss, struct rusage, ru_ixrss),
    ABI_HOST_FIELD(rusage, ru_idrss, struct rusage, ru_idrss),
    ABI_HOST_FIELD(rusage, ru_isrss, struct rusage, ru_isrss),
    ABI_HOST_FIELD(rusage, ru_minflt, struct rusage, ru_minflt),
    ABI_HOST_FIELD(rusage, ru_majflt, struct rusage, ru_majflt),
    ABI_HOST_FIELD(rusage, ru_nswap, struct rusage, ru_nswap),
    ABI_HOST_FIELD(rusage, ru_inblock, struct rusage, ru_inblock),
    ABI_HOST_FIELD(rusage, ru_oublock, struct rusage, ru_oublock),
    ABI_HOST_FIELD(rusage, ru_msgsnd, struct rusage, ru_msgsnd),
    ABI_HOST_FIELD(rusage, ru_msgrcv, struct rusage, ru_msgrcv),
    ABI_HOST_FIELD(rusage, ru_nsignals, struct rusage, ru_nsignals),
    ABI_HOST_FIELD(rusage, ru_nvcsw, struct rusage, ru_nvcsw),
    ABI_HOST_FIELD(rusage, ru_nivcsw, struct rusage, ru_nivcsw),
};
static const AbiHostField flock64_rows[] = {
    ABI_HOST_FIELD(flock64, l_type, struct flock, l_type),
    ABI_HOST_FIELD(flock64, l_whence, struct flock, l_whence),
    ABI_HOST_FIELD(flock64, l_start, struct flock, l_start),
    ABI_HOST_FIELD(flock64, l_len, struct flock, l_len),
    ABI_HOST_FIELD(flock64, l_pid, struct flock, l_pid),
};
static const AbiHostField flock_rows[] = {
    ABI_HOST_FIELD(flock, l_type, struct flock, l_type),
    ABI_HOST_FIELD(flock, l_whence, struct flock, l_whence),
    ABI_HOST_FIELD(flock, l_start, struct flock, l_start),
    ABI_HOST_FIELD(flock, l_len, struct flock, l_len),
    ABI_HOST_FIELD(flock, l_pid, struct flock, l_pid),
};
static const AbiHostField epoll_rows[] = {
    ABI_HOST_FIELD(epoll_event, events, struct epoll_event, events),
    ABI_HOST_FIELD(epoll_event, data, struct epoll_event, data.u64),
};

const AbiHostMap abi_host_maps[] = {
    /* The rows alone (abi_to_guest / abi_to_host). */
    ABI_HOST_MAP("stat64 <- struct stat (rows)", stat64, struct stat, stat64_rows),
    ABI_HOST_MAP("statfs64 <- struct statfs (rows)", statfs64, struct statfs, statfs64_rows),
    /* The syscall layer's converters, described by the same rows.  flock's
       and epoll's from_guest are not run here: they translate values (lock
       types, event bits) that the test fills with arbitrary numbers. */
    ABI_HOST_MAP_FN("stat64_to_guest", stat64, struct stat, stat64_rows, conv_stat64, NULL),
    ABI_HOST_MAP_FN("statfs64_to_guest", statfs64, struct statfs, statfs64_rows, conv_statfs64,
                    NULL),
    ABI_HOST_MAP_FN("rusage_to_guest", rusage, struct rusage, rusage_rows, conv_rusage, NULL),
    ABI_HOST_MAP_FN("flock_to_guest(flock64)", flock64, struct flock, flock64_rows, conv_flock64,
                    NULL),
    ABI_HOST_MAP_FN("flock_to_guest(flock)", flock, struct flock, flock_rows, conv_flock, NULL),
    ABI_HOST_MAP_FN("sysinfo_to_guest", sysinfo, struct sysinfo, sysinfo_rows, conv_sysinfo, NULL),
    ABI_HOST_MAP_FN("stack_to/from_guest", stack_t, GuestStack, stack_rows, conv_stack_to_guest,
                    conv_stack_to_host),
    ABI_HOST_MAP_FN("epoll_event_to/from_guest", epoll_event, struct epoll_event, epoll_rows,
                    conv_epoll_to_guest, conv_epoll_to_host),
};
const size_t abi_n_host_maps = sizeof abi_host_maps / sizeof abi_host_maps[0];
