/*
 * The generic syscall list: one line per syscall mimic implements.
 *
 *     SYSCALL(name, nargs, ret, args)
 *
 * name   the kernel's name (as in the per-target tables of syscall-tables/,
 *        which map guest numbers to these ids by name); the handler is
 *        `long sys_<name>(CPUCommon *env, const uint32_t *a)` returning the
 *        guest value (>= 0) or -errno.
 * nargs  how many of the six argument registers strace prints.
 * ret    strace format of the result: 'd' decimal, 'x' hex, 'p' pointer.
 * args   one strace format character per argument (linux-user/strace.c):
 *          d signed   u unsigned   x hex   p pointer   o octal mode
 *          s path / string          b buffer of length = next arg (input)
 *          A dirfd (AT_FDCWD)       O open flags     P mmap prot
 *          M mmap flags             S signal number  C clock id
 *          F fcntl command          I ioctl request  X futex op
 *          W lseek whence   H sigprocmask how  R access mode  T AT_* flags
 *
 * Adding a syscall: add a line here and write sys_<name> (a missing handler
 * is a link error, never a silent ENOSYS).  Numbers the table maps to no id
 * here return -ENOSYS and are reported once under -strace / -d unimp.
 *
 * 64-bit arguments occupy two registers (on ARM EABI an aligned pair, so a
 * padding register may precede them); the handlers use arg64() for that.
 */
/* clang-format off */
/* process */
SYSCALL(exit,               1, "d", "d")
SYSCALL(exit_group,         1, "d", "d")
SYSCALL(getpid,             0, "d", "")
SYSCALL(getppid,            0, "d", "")
SYSCALL(gettid,             0, "d", "")
SYSCALL(getuid,             0, "d", "")
SYSCALL(geteuid,            0, "d", "")
SYSCALL(getgid,             0, "d", "")
SYSCALL(getegid,            0, "d", "")
SYSCALL(getuid32,           0, "d", "")
SYSCALL(geteuid32,          0, "d", "")
SYSCALL(getgid32,           0, "d", "")
SYSCALL(getegid32,          0, "d", "")
SYSCALL(set_tid_address,    1, "d", "p")
SYSCALL(set_robust_list,    2, "d", "pu")
SYSCALL(uname,              1, "d", "p")
SYSCALL(umask,              1, "o", "o")
SYSCALL(getrlimit,          2, "d", "dp")
SYSCALL(ugetrlimit,         2, "d", "dp")
SYSCALL(setrlimit,          2, "d", "dp")
SYSCALL(prlimit64,          4, "d", "ddpp")
SYSCALL(sysinfo,            1, "d", "p")
SYSCALL(sched_yield,        0, "d", "")
SYSCALL(sched_getaffinity,  3, "d", "dup")
SYSCALL(getrandom,          3, "d", "pux")
SYSCALL(futex,              6, "d", "pXdppd")
SYSCALL(futex_time64,       6, "d", "pXdppd")
SYSCALL(getpgid,            1, "d", "d")
SYSCALL(setpgid,            2, "d", "dd")
SYSCALL(getpgrp,            0, "d", "")
SYSCALL(setsid,             0, "d", "")
SYSCALL(getsid,             1, "d", "d")
SYSCALL(getresuid32,        3, "d", "ppp")
SYSCALL(getresgid32,        3, "d", "ppp")
SYSCALL(getgroups32,        2, "d", "dp")
SYSCALL(times,              1, "d", "p")
/* signals (state kept in signal.c) */
SYSCALL(rt_sigaction,       4, "d", "Sppu")
SYSCALL(rt_sigprocmask,     4, "d", "Hppu")
SYSCALL(sigaltstack,        2, "d", "pp")
SYSCALL(kill,               2, "d", "dS")
SYSCALL(tkill,              2, "d", "dS")
SYSCALL(tgkill,             3, "d", "ddS")
/* time */
SYSCALL(clock_gettime,      2, "d", "Cp")
SYSCALL(clock_gettime64,    2, "d", "Cp")
SYSCALL(clock_getres,       2, "d", "Cp")
SYSCALL(clock_getres_time64, 2, "d", "Cp")
SYSCALL(gettimeofday,       2, "d", "pp")
SYSCALL(time,               1, "d", "p")
SYSCALL(nanosleep,          2, "d", "pp")
SYSCALL(clock_nanosleep,    4, "d", "Cdpp")
SYSCALL(clock_nanosleep_time64, 4, "d", "Cdpp")
/* memory */
SYSCALL(brk,                1, "x", "p")
SYSCALL(mmap2,              6, "x", "puPMdx")
SYSCALL(munmap,             2, "d", "pu")
SYSCALL(mprotect,           3, "d", "puP")
SYSCALL(mremap,             5, "x", "puuxp")
SYSCALL(madvise,            3, "d", "pud")
/* files */
SYSCALL(read,               3, "d", "dpu")
SYSCALL(write,              3, "d", "dbu")
SYSCALL(readv,              3, "d", "dpd")
SYSCALL(writev,             3, "d", "dpd")
SYSCALL(pread64,            6, "d", "dpuxxx")
SYSCALL(pwrite64,           6, "d", "dbuxxx")
SYSCALL(open,               3, "d", "sOo")
SYSCALL(openat,             4, "d", "AsOo")
SYSCALL(creat,              2, "d", "so")
SYSCALL(close,              1, "d", "d")
SYSCALL(access,             2, "d", "sR")
SYSCALL(faccessat,          3, "d", "AsR")
SYSCALL(faccessat2,         4, "d", "AsRT")
SYSCALL(readlink,           3, "d", "spu")
SYSCALL(readlinkat,         4, "d", "Aspu")
SYSCALL(unlink,             1, "d", "s")
SYSCALL(unlinkat,           3, "d", "AsT")
SYSCALL(mkdir,              2, "d", "so")
SYSCALL(mkdirat,            3, "d", "Aso")
SYSCALL(rmdir,              1, "d", "s")
SYSCALL(rename,             2, "d", "ss")
SYSCALL(renameat,           4, "d", "AsAs")
SYSCALL(renameat2,          5, "d", "AsAsx")
SYSCALL(link,               2, "d", "ss")
SYSCALL(symlink,            2, "d", "ss")
SYSCALL(chmod,              2, "d", "so")
SYSCALL(fchmod,             2, "d", "do")
SYSCALL(fchmodat,           3, "d", "Aso")
SYSCALL(chdir,              1, "d", "s")
SYSCALL(fchdir,             1, "d", "d")
SYSCALL(getcwd,             2, "d", "pu")
SYSCALL(dup,                1, "d", "d")
SYSCALL(dup2,               2, "d", "dd")
SYSCALL(dup3,               3, "d", "ddx")
SYSCALL(fcntl,              3, "d", "dFx")
SYSCALL(fcntl64,            3, "d", "dFx")
SYSCALL(fsync,              1, "d", "d")
SYSCALL(fdatasync,          1, "d", "d")
SYSCALL(ftruncate64,        4, "d", "dxxx")
SYSCALL(truncate64,         4, "d", "sxxx")
SYSCALL(stat64,             2, "d", "sp")
SYSCALL(lstat64,            2, "d", "sp")
SYSCALL(fstat64,            2, "d", "dp")
SYSCALL(fstatat64,          4, "d", "AspT")
SYSCALL(statx,              5, "d", "AsTxp")
SYSCALL(lseek,              3, "d", "ddW")
SYSCALL(_llseek,            5, "d", "dxxpW")
SYSCALL(getdents64,         3, "d", "dpu")
SYSCALL(ioctl,              3, "d", "dIx")
SYSCALL(pipe,               1, "d", "p")
SYSCALL(pipe2,              2, "d", "pO")
SYSCALL(poll,               3, "d", "pud")
SYSCALL(ppoll,              5, "d", "puppu")
SYSCALL(ppoll_time64,       5, "d", "puppu")
/* files: ownership, times, file systems, select (syscall-fs.c) */
SYSCALL(chown32,            3, "d", "sdd")
SYSCALL(lchown32,           3, "d", "sdd")
SYSCALL(fchown32,           3, "d", "ddd")
SYSCALL(fchownat,           5, "d", "AsddT")
SYSCALL(utimensat,          4, "d", "AspT")
SYSCALL(utimensat_time64,   4, "d", "AspT")
SYSCALL(truncate,           2, "d", "sd")
SYSCALL(ftruncate,          2, "d", "dd")
SYSCALL(statfs64,           3, "d", "sup")
SYSCALL(fstatfs64,          3, "d", "dup")
SYSCALL(sync,               0, "d", "")
SYSCALL(syncfs,             1, "d", "d")
SYSCALL(_newselect,         5, "d", "dpppp")
SYSCALL(pselect6,           6, "d", "dppppp")
SYSCALL(pselect6_time64,    6, "d", "dppppp")
/* clang-format on */
