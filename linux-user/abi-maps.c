/*
 * Host struct <-> guest layout maps (include/guest-abi.h: AbiHostMap).
 * Each row pairs a guest field of syscall-tables/abi.def with the host
 * (x86-64 glibc) member that holds the same value; abi_to_guest /
 * abi_to_host convert with them, and tests/unit/test-abi-layout checks every
 * map registered in abi_host_maps[] against each target's compiler.
 */
#include <sys/stat.h>
#include <sys/statfs.h>
#include "guest-abi.h"

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

const AbiHostMap abi_host_maps[] = {
    ABI_HOST_MAP("stat64 <- struct stat", stat64, struct stat, stat64_rows),
    ABI_HOST_MAP("statfs64 <- struct statfs", statfs64, struct statfs, statfs64_rows),
};
const size_t abi_n_host_maps = sizeof abi_host_maps / sizeof abi_host_maps[0];
