/*
 * Old-ABI (OABI) syscalls, as a Linux kernel with CONFIG_OABI_COMPAT runs
 * them (arch/arm/kernel/entry-common.S, sys_oabi-compat.c), so that very
 * old static ARM binaries run.
 *
 * The kernel tells the ABIs apart by the instruction, not by the ELF
 * header: an svc in ARM state with a non-zero immediate is an OABI call
 * whose number is the immediate XOR 0x900000 (svc #0x900004 is write);
 * svc #0 (the number in r7) and every Thumb svc are EABI.  Arguments are in
 * r0-r5 (r6 too for the indirect syscall()), the result in r0.
 *
 * Most OABI calls are the EABI call of the same number.  The ones that
 * differ, per the kernel's compat list, are run here (arm_syscall_nr
 * returns OABI_MARK + n for them, which arch_syscall hands to
 * arm_oabi_syscall):
 *  - structures laid out without the 8-byte alignment of 64-bit members
 *    (struct stat64, struct flock64, struct epoll_event) or padded
 *    (struct sembuf: 8 bytes), converted through a per-thread scratch page
 *    of guest memory and the EABI call;
 *  - 64-bit arguments not aligned to an even register pair (pread64,
 *    pwrite64, truncate64, ftruncate64, readahead);
 *  - a struct sockaddr_un length of 112 (the OABI size) in bind, connect,
 *    sendto and sendmsg, which means 110;
 *  - the calls EABI dropped: time, stime, alarm, utime, the old getrlimit,
 *    select, readdir and mmap (arguments in memory), and the socketcall,
 *    ipc and syscall multiplexers.
 */
#include <errno.h>
#include <string.h>

#include "guest.h"
#include "guest-abi.h"
#include "linux-user/user.h"
#include "target-arm/cpu.h"
#include "target-arm/oabi.h"

#define OABI_BASE 0x900000u

/* EABI numbers used here. */
enum {
    NR_gettimeofday = 78, NR_settimeofday = 79, NR_setitimer = 104, NR_llseek = 140, NR_getdents = 141,
    NR_newselect = 142, NR_pread64 = 180, NR_pwrite64 = 181, NR_ugetrlimit = 191, NR_mmap2 = 192,
    NR_truncate64 = 193, NR_ftruncate64 = 194, NR_stat64 = 195, NR_lstat64 = 196, NR_fstat64 = 197,
    NR_fcntl64 = 221, NR_readahead = 225, NR_epoll_ctl = 251, NR_epoll_wait = 252,
    NR_utimensat = 348, NR_bind = 282, NR_connect = 283, NR_sendto = 290, NR_sendmsg = 296, NR_semop = 298, NR_semget = 299,
    NR_semctl = 300, NR_msgsnd = 301, NR_msgrcv = 302, NR_msgget = 303, NR_msgctl = 304, NR_shmat = 305,
    NR_shmdt = 306, NR_shmget = 307, NR_shmctl = 308, NR_semtimedop = 312, NR_fstatat64 = 327,
};
/* OABI-only numbers. */
enum {
    O_time = 13, O_stime = 25, O_alarm = 27, O_utime = 30, O_getrlimit = 76, O_select = 82, O_readdir = 89,
    O_mmap = 90, O_socketcall = 102, O_syscall = 113, O_ipc = 117,
};

static bool oabi_differs(uint32_t n)
{
    switch (n) {
    case O_time: case O_stime: case O_alarm: case O_utime: case O_getrlimit: case O_select:
    case O_readdir: case O_mmap: case O_socketcall: case O_syscall: case O_ipc:
    case NR_pread64: case NR_pwrite64: case NR_truncate64: case NR_ftruncate64: case NR_readahead:
    case NR_stat64: case NR_lstat64: case NR_fstat64: case NR_fstatat64: case NR_fcntl64:
    case NR_epoll_ctl: case NR_epoll_wait: case NR_bind: case NR_connect: case NR_sendto: case NR_sendmsg:
    case NR_semop: case NR_semtimedop:
        return true;
    default:
        return false;
    }
}

uint32_t arm_oabi_syscall_nr(uint32_t imm)
{
    uint32_t n = imm ^ OABI_BASE;
    if (n >= 0x100000)
        return ~0u; /* not an OABI number: no such syscall */
    return oabi_differs(n) ? OABI_MARK + n : n;
}

/* ---- Helpers ---- */

static long sys6(CPUCommon *c, uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4,
                 uint32_t a5)
{
    const uint32_t a[6] = {a0, a1, a2, a3, a4, a5};
    return do_syscall(c, nr, a);
}
#define sys(c, nr, ...) sys6_(c, nr, __VA_ARGS__, 0, 0, 0, 0, 0, 0)
#define sys6_(c, nr, a0, a1, a2, a3, a4, a5, ...) sys6(c, nr, a0, a1, a2, a3, a4, a5)

static long err(int e) { return -errno_to_guest(e); }

/* A page of guest memory per thread for the EABI forms of OABI structures
   (mapped on first use like any anonymous mapping of the guest's). */
#define SCRATCH_SIZE 8192u
static __thread uint32_t scratch;

static uint32_t get_scratch(CPUCommon *c)
{
    if (!scratch) {
        long r = sys(c, NR_mmap2, 0, SCRATCH_SIZE, 3 /* PROT_READ|WRITE */, 0x22 /* MAP_PRIVATE|ANONYMOUS */,
                     ~0u, 0);
        if (r < 0 && r > -4096)
            return 0;
        scratch = (uint32_t)r;
    }
    return scratch;
}

static bool rd32(uint32_t addr, uint32_t *v) { return copy_from_guest(v, addr, 4) == 0; }

/* ---- struct stat64: OABI packs st_size at 44, st_blocks at 56 (96 bytes);
   EABI aligns them to 8 (48, 64; 104 bytes) ---- */

static long stat64_call(CPUCommon *c, uint32_t nr, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3, int buf_arg)
{
    uint32_t s = get_scratch(c), args[4] = {a0, a1, a2, a3}, user = args[buf_arg];
    uint8_t e[104], o[96];
    if (!s)
        return err(ENOMEM);
    args[buf_arg] = s;
    long r = sys(c, nr, args[0], args[1], args[2], args[3]);
    if (r < 0)
        return r;
    if (copy_from_guest(e, s, sizeof e))
        return err(EFAULT);
    memcpy(o, e, 44);
    memcpy(o + 44, e + 48, 12);
    memcpy(o + 56, e + 64, 40);
    return copy_to_guest(user, o, sizeof o) ? err(EFAULT) : r;
}

/* flock64 and epoll_event: OABI packs the 64-bit field right after the
   leading 32-bit one; EABI aligns it to 8, so the EABI image is the OABI one
   with 4 pad bytes (zero) inserted at offset 4. */
static void oabi_to_eabi(uint8_t *e, const uint8_t *o, size_t olen)
{
    memcpy(e, o, 4);
    memset(e + 4, 0, 4);
    memcpy(e + 8, o + 4, olen - 4);
}

static void eabi_to_oabi(uint8_t *o, const uint8_t *e, size_t olen)
{
    memcpy(o, e, 4);
    memcpy(o + 4, e + 8, olen - 4);
}

/* ---- struct flock64: OABI {type, whence, start at 4, len at 12, pid at 20}
   (24 bytes); EABI start at 8, len 16, pid 24 (32 bytes) ---- */

static long fcntl64_call(CPUCommon *c, const uint32_t *a)
{
    uint32_t cmd = a[1];
    bool lock = cmd == 12 || cmd == 13 || cmd == 14 || cmd == 36 || cmd == 37 || cmd == 38; /* F_*LK64, F_OFD_* */
    if (!lock)
        return sys(c, NR_fcntl64, a[0], a[1], a[2]);
    uint32_t s = get_scratch(c);
    uint8_t o[24], e[32] = {0};
    if (!s)
        return err(ENOMEM);
    if (copy_from_guest(o, a[2], sizeof o))
        return err(EFAULT);
    oabi_to_eabi(e, o, sizeof o);
    if (copy_to_guest(s, e, sizeof e))
        return err(EFAULT);
    long r = sys(c, NR_fcntl64, a[0], cmd, s);
    if (r < 0 || (cmd != 12 && cmd != 36))
        return r;
    if (copy_from_guest(e, s, sizeof e))
        return err(EFAULT);
    eabi_to_oabi(o, e, sizeof o);
    return copy_to_guest(a[2], o, sizeof o) ? err(EFAULT) : r;
}

/* ---- struct epoll_event: OABI {events, data at 4} (12 bytes), EABI 16 ---- */

static long epoll_ctl_call(CPUCommon *c, const uint32_t *a)
{
    uint32_t s = get_scratch(c), ev = 0;
    uint8_t o[12], e[16] = {0};
    if (!s)
        return err(ENOMEM);
    if (a[3]) {
        if (copy_from_guest(o, a[3], sizeof o))
            return err(EFAULT);
        oabi_to_eabi(e, o, sizeof o);
        if (copy_to_guest(s, e, sizeof e))
            return err(EFAULT);
        ev = s;
    }
    return sys(c, NR_epoll_ctl, a[0], a[1], a[2], ev);
}

static long epoll_wait_call(CPUCommon *c, const uint32_t *a)
{
    uint32_t s = get_scratch(c), max = a[2];
    if (!s)
        return err(ENOMEM);
    if ((int32_t)max <= 0)
        return err(EINVAL);
    if (max > SCRATCH_SIZE / 16)
        max = SCRATCH_SIZE / 16; /* fewer events per call than asked for is allowed */
    long r = sys(c, NR_epoll_wait, a[0], s, max, a[3]);
    for (long i = 0; i < r; i++) {
        uint8_t e[16], o[12];
        if (copy_from_guest(e, s + 16 * (uint32_t)i, sizeof e))
            return err(EFAULT);
        eabi_to_oabi(o, e, sizeof o);
        if (copy_to_guest(a[1] + 12 * (uint32_t)i, o, sizeof o))
            return err(EFAULT);
    }
    return r;
}

/* ---- struct sembuf: OABI {num, op, flg, pad} (8 bytes), EABI 6 ---- */

static long semtimedop_call(CPUCommon *c, uint32_t id, uint32_t sops, uint32_t nsops, uint32_t timeout)
{
    uint32_t s = get_scratch(c);
    if (!s)
        return err(ENOMEM);
    if (nsops < 1 || nsops > 500) /* SEMOPM */
        return err(EINVAL);
    for (uint32_t i = 0; i < nsops; i++) {
        uint8_t b[8];
        if (copy_from_guest(b, sops + 8 * i, 8) || copy_to_guest(s + 6 * i, b, 6))
            return err(EFAULT);
    }
    return sys(c, NR_semtimedop, id, s, nsops, timeout);
}

/* ---- sockaddr_un: OABI's size is 112, Linux's 110 ---- */

static uint32_t fix_addrlen(uint32_t addr, uint32_t len)
{
    uint16_t family;
    if (addr && len == 112 && copy_from_guest(&family, addr, 2) == 0 && family == 1 /* AF_UNIX */)
        return 110;
    return len;
}

static long sendmsg_call(CPUCommon *c, const uint32_t *a)
{
    uint32_t m[7]; /* name, namelen, iov, iovlen, control, controllen, flags */
    if (copy_from_guest(m, a[1], sizeof m))
        return err(EFAULT);
    uint32_t len = fix_addrlen(m[0], m[1]);
    if (len == m[1])
        return sys(c, NR_sendmsg, a[0], a[1], a[2]);
    uint32_t s = get_scratch(c);
    if (!s)
        return err(ENOMEM);
    m[1] = len;
    if (copy_to_guest(s, m, sizeof m))
        return err(EFAULT);
    return sys(c, NR_sendmsg, a[0], s, a[2]);
}

static long oabi_call(CPUCommon *c, uint32_t n, const uint32_t *a);

/* socketcall(call, args): the EABI socket calls with the OABI fixes. */
static long socketcall_call(CPUCommon *c, const uint32_t *a)
{
    static const uint8_t nargs[21] = {0, 3, 3, 3, 2, 3, 3, 3, 4, 4, 4, 6, 6, 2, 5, 5, 3, 3, 4, 5, 4};
    static const uint16_t nr[21] = {0, 281, 282, 283, 284, 285, 286, 287, 288, 289, 291,
                                    290, 292, 293, 294, 295, 296, 297, 366, 365, 374};
    uint32_t call = a[0], args[6] = {0};
    if (call < 1 || call > 20)
        return err(EINVAL);
    if (copy_from_guest(args, a[1], 4u * nargs[call]))
        return err(EFAULT);
    return oabi_call(c, nr[call], args);
}

/* ipc(call, first, second, third, ptr, fifth): the System V IPC calls. */
static long ipc_call(CPUCommon *c, const uint32_t *a)
{
    uint32_t call = a[0] & 0xffff, version = a[0] >> 16, first = a[1], second = a[2], third = a[3], ptr = a[4];
    uint32_t v[2];
    switch (call) {
    case 1: return semtimedop_call(c, first, ptr, second, 0);      /* SEMOP */
    case 4: return semtimedop_call(c, first, ptr, second, a[5]);   /* SEMTIMEDOP */
    case 2: return sys(c, NR_semget, first, second, third);
    case 3:                                                        /* SEMCTL: the union by reference */
        if (!ptr)
            return err(EINVAL);
        if (!rd32(ptr, v))
            return err(EFAULT);
        return sys(c, NR_semctl, first, second, third, v[0]);
    case 11: return sys(c, NR_msgsnd, first, ptr, second, third);
    case 12:                                                       /* MSGRCV: version 0 passes {msgp, msgtyp} */
        if (version == 0) {
            if (!ptr)
                return err(EINVAL);
            if (copy_from_guest(v, ptr, 8))
                return err(EFAULT);
            return sys(c, NR_msgrcv, first, v[0], second, v[1], third);
        }
        return sys(c, NR_msgrcv, first, ptr, second, a[5], third);
    case 13: return sys(c, NR_msgget, first, second);
    case 14: return sys(c, NR_msgctl, first, second, ptr);
    case 21: {                                                     /* SHMAT: the address goes to *third */
        if (version == 1)
            return err(EINVAL);
        long r = sys(c, NR_shmat, first, ptr, second);
        if (r < 0 && r > -4096)
            return r;
        uint32_t addr = (uint32_t)r;
        return copy_to_guest(third, &addr, 4) ? err(EFAULT) : 0;
    }
    case 22: return sys(c, NR_shmdt, ptr);
    case 23: return sys(c, NR_shmget, first, second, third);
    case 24: return sys(c, NR_shmctl, first, second, ptr);
    default: return err(ENOSYS);
    }
}

/* ---- The calls EABI dropped ---- */

static long time_call(CPUCommon *c, const uint32_t *a)
{
    uint32_t s = get_scratch(c), tv[2];
    if (!s)
        return err(ENOMEM);
    long r = sys(c, NR_gettimeofday, s, 0);
    if (r < 0)
        return r;
    if (copy_from_guest(tv, s, 8))
        return err(EFAULT);
    if (a[0] && copy_to_guest(a[0], tv, 4))
        return err(EFAULT);
    return (long)(int32_t)tv[0];
}

static long stime_call(CPUCommon *c, const uint32_t *a)
{
    uint32_t s = get_scratch(c), tv[2] = {0, 0};
    if (!s)
        return err(ENOMEM);
    if (!rd32(a[0], tv))
        return err(EFAULT);
    if (copy_to_guest(s, tv, 8))
        return err(EFAULT);
    return sys(c, NR_settimeofday, s, 0);
}

/* alarm(seconds) = setitimer(ITIMER_REAL), the old value's seconds rounded
   to nearest (at least 1 while an alarm is pending). */
static long alarm_call(CPUCommon *c, const uint32_t *a)
{
    uint32_t s = get_scratch(c), it[4] = {0, 0, a[0], 0}, old[4];
    if (!s)
        return err(ENOMEM);
    if (copy_to_guest(s, it, 16))
        return err(EFAULT);
    long r = sys(c, NR_setitimer, 0, s, s + 16);
    if (r < 0)
        return r;
    if (copy_from_guest(old, s + 16, 16))
        return err(EFAULT);
    uint32_t sec = old[2] + (old[3] >= 500000);
    return (long)(sec == 0 && old[3] ? 1 : sec);
}

/* utime(path, { actime, modtime } *) = utimensat(AT_FDCWD, path, ts, 0). */
static long utime_call(CPUCommon *c, const uint32_t *a)
{
    uint32_t s = get_scratch(c), ut[2], at_fdcwd = (uint32_t)-100;
    if (!s)
        return err(ENOMEM);
    if (!a[1])
        return sys(c, NR_utimensat, at_fdcwd, a[0], 0, 0);
    if (copy_from_guest(ut, a[1], 8))
        return err(EFAULT);
    uint32_t ts[4] = {ut[0], 0, ut[1], 0};
    if (copy_to_guest(s, ts, 16))
        return err(EFAULT);
    return sys(c, NR_utimensat, at_fdcwd, a[0], s, 0);
}

/* The old getrlimit: limits above 0x7fffffff read as 0x7fffffff. */
static long getrlimit_call(CPUCommon *c, const uint32_t *a)
{
    uint32_t s = get_scratch(c), rl[2];
    if (!s)
        return err(ENOMEM);
    long r = sys(c, NR_ugetrlimit, a[0], s);
    if (r < 0)
        return r;
    if (copy_from_guest(rl, s, 8))
        return err(EFAULT);
    for (int i = 0; i < 2; i++)
        if (rl[i] > 0x7fffffffu)
            rl[i] = 0x7fffffffu;
    return copy_to_guest(a[1], rl, 8) ? err(EFAULT) : 0;
}

/* select(struct { n, inp, outp, exp, tvp } *) */
static long select_call(CPUCommon *c, const uint32_t *a)
{
    uint32_t v[5];
    if (copy_from_guest(v, a[0], sizeof v))
        return err(EFAULT);
    return sys(c, NR_newselect, v[0], v[1], v[2], v[3], v[4]);
}

/* mmap(struct { addr, len, prot, flags, fd, offset } *): the offset in bytes. */
static long mmap_call(CPUCommon *c, const uint32_t *a)
{
    uint32_t v[6];
    if (copy_from_guest(v, a[0], sizeof v))
        return err(EFAULT);
    if (v[5] & 0xfff)
        return err(EINVAL);
    return sys(c, NR_mmap2, v[0], v[1], v[2], v[3], v[4], v[5] >> 12);
}

/* readdir(fd, struct old_linux_dirent { ino, offset, u16 namlen, name[] } *,
   count): one entry per call, 1, or 0 at the end; the directory position
   moves past that entry only. */
static long readdir_call(CPUCommon *c, const uint32_t *a)
{
    uint32_t s = get_scratch(c);
    uint8_t d[280];
    if (!s)
        return err(ENOMEM);
    long r = sys(c, NR_getdents, a[0], s, sizeof d);
    if (r <= 0)
        return r;
    if (copy_from_guest(d, s, (size_t)r < sizeof d ? (size_t)r : sizeof d))
        return err(EFAULT);
    uint32_t ino, off;
    uint16_t reclen;
    memcpy(&ino, d, 4);
    memcpy(&off, d + 4, 4);
    memcpy(&reclen, d + 8, 2);
    size_t namlen = strnlen((const char *)d + 10, reclen > 10 ? reclen - 10u : 0);
    uint8_t o[10 + 256];
    uint16_t nl = (uint16_t)namlen;
    memcpy(o, &ino, 4);
    memcpy(o + 4, &off, 4);
    memcpy(o + 8, &nl, 2);
    memcpy(o + 10, d + 10, namlen);
    o[10 + namlen] = 0;
    if (copy_to_guest(a[1], o, 11 + namlen))
        return err(EFAULT);
    long sk = sys(c, NR_llseek, a[0], 0, off, s, 0 /* SEEK_SET */);
    return sk < 0 ? sk : 1;
}

/* ---- Dispatch ---- */

/* OABI call n with arguments a (a[6]: r6, for syscall()). */
static long oabi_call(CPUCommon *c, uint32_t n, const uint32_t *a)
{
    switch (n) {
    case NR_stat64: case NR_lstat64: case NR_fstat64:
        return stat64_call(c, n, a[0], a[1], 0, 0, 1);
    case NR_fstatat64:
        return stat64_call(c, n, a[0], a[1], a[2], a[3], 2);
    case NR_fcntl64: return fcntl64_call(c, a);
    case NR_epoll_ctl: return epoll_ctl_call(c, a);
    case NR_epoll_wait: return epoll_wait_call(c, a);
    case NR_semop: return semtimedop_call(c, a[0], a[1], a[2], 0);
    case NR_semtimedop: return semtimedop_call(c, a[0], a[1], a[2], a[3]);
    case NR_bind: case NR_connect: return sys(c, n, a[0], a[1], fix_addrlen(a[1], a[2]));
    case NR_sendto: return sys(c, n, a[0], a[1], a[2], a[3], a[4], fix_addrlen(a[4], a[5]));
    case NR_sendmsg: return sendmsg_call(c, a);
    /* 64-bit arguments in the next two registers, not an even pair */
    case NR_pread64: case NR_pwrite64: return sys(c, n, a[0], a[1], a[2], 0, a[3], a[4]);
    case NR_truncate64: case NR_ftruncate64: return sys(c, n, a[0], 0, a[1], a[2]);
    case NR_readahead: return sys(c, n, a[0], 0, a[1], a[2], a[3]);
    case O_time: return time_call(c, a);
    case O_stime: return stime_call(c, a);
    case O_alarm: return alarm_call(c, a);
    case O_utime: return utime_call(c, a);
    case O_getrlimit: return getrlimit_call(c, a);
    case O_select: return select_call(c, a);
    case O_readdir: return readdir_call(c, a);
    case O_mmap: return mmap_call(c, a);
    case O_socketcall: return socketcall_call(c, a);
    case O_ipc: return ipc_call(c, a);
    case O_syscall: {
        /* syscall(number, r1..r6): the number with or without the base */
        uint32_t m = a[0] & ~OABI_BASE;
        if (m == O_syscall)
            return err(ENOSYS);
        uint32_t b[7] = {a[1], a[2], a[3], a[4], a[5], a[6], 0};
        if (oabi_differs(m))
            return oabi_call(c, m, b);
        return do_syscall(c, m, b);
    }
    default:
        return do_syscall(c, n, a);
    }
}

bool arm_oabi_syscall(CPUCommon *c, uint32_t nr, const uint32_t args[6], uint32_t *ret)
{
    if (nr < OABI_MARK || nr >= OABI_MARK + 0x100000)
        return false;
    uint32_t a[7];
    memcpy(a, args, 6 * sizeof a[0]);
    a[6] = ((CPUARMState *)c)->regs[6];
    *ret = (uint32_t)oabi_call(c, nr - OABI_MARK, a);
    return true;
}
