/*
 * Private declarations of the syscall layer (syscall*.c, strace.c, signal.c).
 *
 * Conventions: every handler returns the guest result (>= 0, a 32-bit value
 * held in a long) or -errno.  Host errno numbers equal the guest's for every
 * current target (all use the asm-generic numbers), so -errno passes through.
 * Guest pointers are never dereferenced before guest_ok_read/guest_ok_write
 * (or copy_from_guest/copy_to_guest) said yes: a bad pointer is -EFAULT,
 * never a crash of the emulator.
 *
 * Guest data crosses through the guest ABI layer (include/guest-abi.h):
 * scalars with get/put_user_* below (guest byte order), structures with the
 * per-target layouts.  copy_from_guest/copy_to_guest are only for byte
 * buffers (strings, payloads), never for a structure or a number.
 */
#ifndef MIMIC_SYSCALL_PRIV_H
#define MIMIC_SYSCALL_PRIV_H

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include "guest-abi.h"
#include "user.h"

/* Generic syscall ids.  (Named SC_* rather than SYS_* because glibc's
   <sys/syscall.h> already defines SYS_read etc. as macros.) */
enum {
#define SYSCALL(name, nargs, ret, fmt) SC_##name,
#include "linux-user/syscall-ids.h"
#undef SYSCALL
    SC_COUNT
};

typedef long SyscallFn(CPUCommon *env, const uint32_t *a);
#define SYSCALL(name, nargs, ret, fmt) SyscallFn sys_##name;
#include "linux-user/syscall-ids.h"
#undef SYSCALL

typedef struct SyscallDef {
    const char *name;
    int nargs;
    char ret;        /* strace result format */
    const char *fmt; /* strace argument formats */
    SyscallFn *fn;
} SyscallDef;
extern const SyscallDef syscall_defs[SC_COUNT];

/* True when -strace or -d strace is on. */
bool strace_on(void);
/* True when unimplemented features should be reported (-strace, -d unimp). */
bool unimp_on(void);
/* Report an unimplemented feature once per distinct key (key: any small
   number that tells the cases apart, e.g. an ioctl request). */
void log_unimp_once(uint32_t key, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The output stream of -strace and -d (log_fp, or stderr before main set it). */
FILE *log_out(void);

/* strace.c */
void strace_enter(const char *name, const char *fmt, int nargs, const uint32_t *a);
void strace_exit(char rfmt, long ret);
void strace_unknown(uint32_t nr, const char *name, const uint32_t *a);
/* "--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, ...} ---" as a signal
   is delivered to a guest handler: f is the guest siginfo's union (the
   32-bit words after si_signo, si_errno, si_code). */
void strace_signal(int sig, int code, const uint32_t *f);

/* Guest memory checks (len 0 is always fine).  guest_ok_write also makes
   pages that hold translated code writable on the host (invalidating their
   TBs), so the host kernel can write into them. */
bool guest_ok_read(uint32_t addr, uint32_t len);
bool guest_ok_write(uint32_t addr, uint32_t len);

/* Checked scalar access in guest byte order: 0, or -EFAULT when the range
   is not readable (get) or writable (put). */
static inline long get_user_u16(uint32_t addr, uint16_t *v)
{
    if (!guest_ok_read(addr, 2))
        return -EFAULT;
    *v = get_guest_u16(addr);
    return 0;
}
static inline long get_user_u32(uint32_t addr, uint32_t *v)
{
    if (!guest_ok_read(addr, 4))
        return -EFAULT;
    *v = get_guest_u32(addr);
    return 0;
}
static inline long get_user_u64(uint32_t addr, uint64_t *v)
{
    if (!guest_ok_read(addr, 8))
        return -EFAULT;
    *v = get_guest_u64(addr);
    return 0;
}
static inline long put_user_u16(uint32_t addr, uint16_t v)
{
    if (!guest_ok_write(addr, 2))
        return -EFAULT;
    put_guest_u16(addr, v);
    return 0;
}
static inline long put_user_u32(uint32_t addr, uint32_t v)
{
    if (!guest_ok_write(addr, 4))
        return -EFAULT;
    put_guest_u32(addr, v);
    return 0;
}
static inline long put_user_u64(uint32_t addr, uint64_t v)
{
    if (!guest_ok_write(addr, 8))
        return -EFAULT;
    put_guest_u64(addr, v);
    return 0;
}
/* An array of n 32-bit guest words <-> host uint32_t (fd arrays, sigset
   words, ...): 0 or -EFAULT. */
long get_user_u32s(uint32_t *dst, uint32_t addr, size_t n);
long put_user_u32s(uint32_t addr, const uint32_t *src, size_t n);

/* n 32-bit words at addr (checked) that the host kernel wrote in host byte
   order: put them in the guest's (a no-op on a little-endian guest). */
static inline void host_order_to_guest_u32s(uint32_t addr, size_t n)
{
    if (!guest_bswap)
        return;
    for (size_t i = 0; i < n; i++) {
        uint32_t v;
        memcpy(&v, g2h(addr + 4 * (uint32_t)i), 4);
        put_guest_u32(addr + 4 * (uint32_t)i, v);
    }
}

/* A structure whose layout is the same for every guest and the host (only
   the byte order differs), given as its fields' sizes in order, 0-ended
   (e.g. { 4, 2, 2, 0 } for struct pollfd): swap each field of the first len
   bytes of buf between host and guest byte order.  A no-op on a
   little-endian guest. */
void swap_fixed_fields(void *buf, const uint8_t *sizes, size_t len);

/* A guest sigset_t of the kernel (64 signals): two 32-bit words, signals
   1-32 in the first, each in guest byte order.  The host value is in the
   host's signal numbering (bit sig-1), which is what mimic uses inside:
   guest signal numbers are translated wherever they cross (syscall
   arguments and results, sets, siginfo, wait statuses).  0 or -EFAULT. */
long get_user_sigset(uint32_t addr, uint64_t *set);
long put_user_sigset(uint32_t addr, uint64_t set);

/* A guest struct iovec array (32-bit { u32 base; u32 len }) of cnt entries
   at addr -> host iov.  The caller bounds cnt (at most GUEST_IOV_MAX) with
   the error its syscall gives.  As the kernel does, the whole array is read
   first; then each segment must be a valid guest range (to_guest: the
   segments will be written).  -EFAULT / -EINVAL. */
#define GUEST_IOV_MAX 1024 /* UIO_MAXIOV */
struct iovec;
long guest_iovec(struct iovec *iov, uint32_t addr, uint32_t cnt, bool to_guest);

/* Kernel writes into guest pages that hold translated code.  guest_prefix
   and guest_ok_write make such pages writable, but another thread running
   their code may translate from them and protect them again before the
   host kernel writes there: the call then fails with EFAULT (issue 12 item
   6).  A call whose buffers cover code therefore reads into a buffer of
   mimic's, and the data goes to the guest by copy_to_guest, which takes
   the store-fault path (page_unprotect) however often the page is
   protected again.  iov_bounce_start (after the buffers' guest_ok_write
   checks): if a segment of iov[0..*cnt) may hold code (it does, or it is
   writable and fetchable: page_range_may_hold_code), the segments are saved and iov[0] becomes one host buffer of their
   total length (*cnt = 1); 0 or -ENOMEM.  iov_bounce_end: the call returned
   r; its bytes go to the saved segments; r or -EFAULT. */
typedef struct IovBounce {
    struct iovec *orig; /* NULL: no bounce */
    size_t cnt;
    void *buf;
} IovBounce;
long iov_bounce_start(IovBounce *b, struct iovec *iov, size_t *cnt);
long iov_bounce_end(IovBounce *b, long r);
/* How many leading bytes of [addr, addr+len) are readable (or writable):
   read(fd, buf, huge) works like Linux as long as the data fits where the
   guest has memory.  A result of 0 for len > 0 means -EFAULT. */
uint32_t guest_prefix(uint32_t addr, uint32_t len, bool write);

/* A guest path argument copied out and looked up under -L. */
typedef struct GuestPath {
    const char *p; /* the host path to use */
    char raw[PATH_MAX];
    char buf[PATH_MAX];
} GuestPath;
/* 0, -EFAULT or -ENAMETOOLONG.  /proc/self/exe becomes the guest binary. */
long get_path(GuestPath *gp, uint32_t addr);
/* The same for a path relative to the guest's dirfd (AT_FDCWD: the cwd);
   follow: the syscall follows a final symlink.  Also -ELOOP. */
long get_path_at(GuestPath *gp, uint32_t dirfd, uint32_t addr, bool follow);
bool is_proc_self_exe(const char *path);

/* A 64-bit argument in a register pair starting at (or, on targets that
   align pairs like ARM EABI, after padding up to an even) register i. */
int regpair(int i);
uint64_t arg64(const uint32_t *a, int i);

/* The result of a host call: r, or -errno if r == -1. */
static inline long host_ret(long r) { return r == -1 ? -errno : r; }

/* Open flags: guest <-> host by name (ARM's O_DIRECTORY/O_NOFOLLOW/O_DIRECT/
   O_LARGEFILE differ from x86-64's). */
int open_flags_to_host(uint32_t f);
uint32_t open_flags_to_guest(int f);

/* Name of an ioctl request mimic knows ("TCGETS"), or NULL. */
const char *ioctl_name(uint32_t cmd);

/* Host struct rusage -> the guest's: 0 or -EFAULT (wait4, waitid,
   getrusage). */
#define GUEST_RUSAGE_SIZE ((uint32_t)ABI_SIZE(rusage))
struct rusage;
long put_rusage(uint32_t addr, const struct rusage *ru);

/* Guest struct timespec (32- or 64-bit time) <-> host. */
long get_timespec(struct timespec *ts, uint32_t addr, bool time64);
long put_timespec(uint32_t addr, const struct timespec *ts, bool time64);
/* Guest struct itimerspec (two timespecs) <-> host (syscall-event.c). */
struct itimerspec;
long get_itimerspec(struct itimerspec *it, uint32_t addr, bool time64);
long put_itimerspec(uint32_t addr, const struct itimerspec *it, bool time64);

/* The guest's personality has STICKY_TIMEOUTS: select, pselect6 and ppoll
   leave the timeout they were given as it was (syscall-sched.c). */
bool sticky_timeouts(void);

/* signal.c: the guest's view of signal dispositions (no delivery yet). */
#define GUEST_NSIG 64
typedef struct GuestSigaction {
    uint32_t handler; /* 0 = SIG_DFL, 1 = SIG_IGN, else a guest address */
    uint32_t flags;
    uint32_t restorer;
    uint64_t mask;
} GuestSigaction;
typedef struct GuestStack {
    uint32_t sp;
    int32_t flags;
    uint32_t size;
} GuestStack;
extern __thread uint64_t guest_sigmask;  /* bit sig-1 */
extern __thread GuestStack guest_altstack;
/* Set (act non-NULL) and/or read (old non-NULL) the disposition of sig. */
long guest_sigaction(int sig, const GuestSigaction *act, GuestSigaction *old);
/* A signal sent to this process by the guest itself (kill/tgkill): ignore it,
   or terminate as the kernel would.  Returns 0 if ignored. */
long guest_self_signal(int sig);

/* thread.c, process.c, proc.c: threads, processes, /proc. */
/* The guest address set_tid_address / CLONE_CHILD_CLEARTID registered:
   zeroed and futex-woken when the thread exits. */
extern __thread uint32_t clear_child_tid;
/* futex.c: at guest thread exit, mark the robust futexes this thread
   holds FUTEX_OWNER_DIED and wake their waiters (the kernel's
   exit_robust_list for the guest's list). */
/* Futex operations that write the word, on a guest of the other byte order
   (futex-swapped.c): results as the syscall's (0, a count or -errno). */
struct timespec;
long futex_swapped_wake_op(uint32_t *w1, uint32_t *w2, int priv, uint32_t nr1, uint32_t nr2,
                           uint32_t encoded);
long futex_swapped_lock_pi(uint32_t *w, int priv, const struct timespec *abstime, int clock_flag,
                           bool trylock);
long futex_swapped_unlock_pi(uint32_t *w, int priv);
void futex_exit_robust_list(void);
/* The same for every thread's list, when the whole process ends
   (exit_group, a fatal signal). */
void futex_exit_all_robust_lists(void);
/* SYS_exit: end the calling guest thread (the process, if it is the last). */
void thread_exit(CPUCommon *env, int status) __attribute__((noreturn));
/* Guest threads alive. */
int thread_count(void);
/* clone without CLONE_VM (or with CLONE_VFORK): a host fork. */
/* The *_2reg calls' results (thread.c): r as the parent or forked child
   sees it in the result register, the second one set through set_ret2. */
long two_reg_result(CPUCommon *env, long r);
long process_fork(CPUCommon *env, uint32_t flags, uint32_t newsp, uint32_t ptid, uint32_t tls,
                  uint32_t ctid);
/* open/openat of a /proc file mimic emulates (/proc/self/maps, ...): an fd
   with the guest's view, or -errno; PROC_NOT_MINE for everything else. */
#define PROC_NOT_MINE (-100000L)
long proc_open(const char *raw_path, int host_flags);
/* After a host open returned fd (or -errno): the guest's view if the file
   is one of the guest's own /proc files however it was named (or mimic's
   executable): a replacement fd (fd closed) or -errno; else fd. */
long proc_after_open(long fd, int host_flags);

/* proc-mem.c: the guest's /proc/self/mem (guest addresses, guest memory
   only) and process_vm_readv/writev. */
long proc_mem_open(int host_flags);
bool proc_mem_is(int fd);
void proc_mem_forget(int fd);
void proc_mem_dup(int oldfd, long newfd);
/* read/write (at the fd's position, which advances) or (at) pread/pwrite. */
long proc_mem_rw(int fd, uint32_t buf, uint32_t len, bool at, uint64_t off, bool write);
long proc_mem_lseek(int fd, int64_t off, int whence, uint64_t *res);
long proc_vm_rw(pid_t pid, uint32_t liov, uint32_t lcnt, uint32_t riov, uint32_t rcnt,
                uint32_t flags, bool write);
/* mimic's own host fds (proc.c): host_fd_hide (user.h) moves one out of the
   guest's way; the guest's close/dup2/dup3 of such an fd get EBADF, its
   close_range and /proc/self/fd listings skip them. */
bool host_fd_is_mimic(int fd);

/* eventfd/timerfd/inotify data on a byte-swapped guest (syscall-event.c):
   after a read() of n bytes from fd into guest buf, put its numbers in
   guest order; a write() of an eventfd counter (true: done, *ret set);
   fd closed or replaced. */
void event_fd_after_read(int fd, uint32_t buf, long n);
bool event_fd_write(int fd, uint32_t buf, uint32_t n, long *ret);
void event_fd_forget(int fd);
long host_close_range(unsigned first, unsigned last, unsigned flags);
/* getdents64 on a host fd, without mimic's own fds when it lists
   /proc/self/fd: bytes read or -errno. */
long host_getdents64(int fd, void *buf, size_t len);

/* dirpos.c: directory positions as a 32-bit guest sees them.  Host
   positions below DIRPOS_BASE are shown as they are; larger ones (ext4's
   64-bit hashes) as cookies DIRPOS_BASE.. < DIRPOS_LIMIT, per fd. */
#define DIRPOS_BASE 0x40000000u
#define DIRPOS_LIMIT 0x7fffffffu
/* Host position of directory fd -> the guest's: 0 or -errno. */
long dirpos_to_guest(int fd, uint64_t host, uint32_t *guest);
/* A guest position -> the host's: 0, 1 when fd is not a directory (the
   number is a plain offset, *host = guest), -EINVAL for an unknown cookie. */
long dirpos_to_host(int fd, uint64_t guest, uint64_t *host);
bool dirpos_is_dir(int fd);
/* fd is closed or replaced: drop its table. */
void dirpos_forget(int fd);

#endif
