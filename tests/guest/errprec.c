/*
 * Error precedence as the kernel has it: where it validates arguments (or
 * looks up the fd, the process, the IPC object, the permission) before it
 * touches user memory, a bad pointer must not turn EINVAL/EBADF/ESRCH/
 * EACCES into EFAULT; and where it copies first, EFAULT comes first.
 * Raw syscalls throughout: glibc wrappers convert some structures
 * themselves on 32-bit systems.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BAD ((void *)16)
#define NOPID 0x3ffffff0 /* no such process (above pid_max) */

static void show(const char *what, long r)
{
    if (r < 0)
        printf("%-44s -1 %s\n", what, strerror(errno));
    else
        printf("%-44s %ld\n", what, r);
}

/* The kernel's struct sched_attr (48 bytes, version 0) */
struct attr {
    uint32_t size, policy;
    uint64_t flags;
    int32_t nice;
    uint32_t priority;
    uint64_t runtime, deadline, period;
};

static void sched_calls(void)
{
    struct sched_param p = { 0 };
    show("sched_getparam(0, NULL)", syscall(SYS_sched_getparam, 0, NULL));
    show("sched_getparam(-1, BAD)", syscall(SYS_sched_getparam, -1, BAD));
    show("sched_getparam(NOPID, BAD)", syscall(SYS_sched_getparam, NOPID, BAD));
    show("sched_getparam(0, BAD)", syscall(SYS_sched_getparam, 0, BAD));
    show("sched_setparam(0, NULL)", syscall(SYS_sched_setparam, 0, NULL));
    show("sched_setparam(-1, &p)", syscall(SYS_sched_setparam, -1, &p));
    show("sched_setparam(-1, BAD)", syscall(SYS_sched_setparam, -1, BAD));
    show("sched_setparam(NOPID, &p)", syscall(SYS_sched_setparam, NOPID, &p));
    show("sched_setparam(NOPID, BAD)", syscall(SYS_sched_setparam, NOPID, BAD));
    show("sched_setscheduler(0, -1, BAD)", syscall(SYS_sched_setscheduler, 0, -1, BAD));
    show("sched_setscheduler(0, OTHER, NULL)", syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, NULL));
    show("sched_setscheduler(-1, OTHER, BAD)", syscall(SYS_sched_setscheduler, -1, SCHED_OTHER, BAD));
    show("sched_setscheduler(NOPID, OTHER, BAD)", syscall(SYS_sched_setscheduler, NOPID, SCHED_OTHER, BAD));
    show("sched_setscheduler(NOPID, OTHER, &p)", syscall(SYS_sched_setscheduler, NOPID, SCHED_OTHER, &p));
    show("sched_setscheduler(0, 99, &p)", syscall(SYS_sched_setscheduler, 0, 99, &p));
#ifdef SYS_sched_setattr
    struct attr at;
    memset(&at, 0, sizeof at);
    at.size = sizeof at;
    show("sched_setattr(0, NULL, 0)", syscall(SYS_sched_setattr, 0, NULL, 0));
    show("sched_setattr(0, BAD, 1)", syscall(SYS_sched_setattr, 0, BAD, 1));
    show("sched_setattr(-1, BAD, 0)", syscall(SYS_sched_setattr, -1, BAD, 0));
    show("sched_setattr(0, BAD, 0)", syscall(SYS_sched_setattr, 0, BAD, 0));
    show("sched_setattr(NOPID, &at, 0)", syscall(SYS_sched_setattr, NOPID, &at, 0));
    show("sched_setattr(0, &at, 0)", syscall(SYS_sched_setattr, 0, &at, 0));
    show("sched_getattr(0, NULL, 48, 0)", syscall(SYS_sched_getattr, 0, NULL, 48, 0));
    show("sched_getattr(0, BAD, 47, 0)", syscall(SYS_sched_getattr, 0, BAD, 47, 0));
    show("sched_getattr(0, BAD, 4097, 0)", syscall(SYS_sched_getattr, 0, BAD, 4097, 0));
    show("sched_getattr(0, BAD, 48, 1)", syscall(SYS_sched_getattr, 0, BAD, 48, 1));
    show("sched_getattr(-1, BAD, 48, 0)", syscall(SYS_sched_getattr, -1, BAD, 48, 0));
    show("sched_getattr(NOPID, BAD, 48, 0)", syscall(SYS_sched_getattr, NOPID, BAD, 48, 0));
    show("sched_getattr(0, BAD, 48, 0)", syscall(SYS_sched_getattr, 0, BAD, 48, 0));
    memset(&at, 0x55, sizeof at);
    show("sched_getattr(0, &at, 48, 0)", syscall(SYS_sched_getattr, 0, &at, 48, 0));
    printf("  size %u policy %u\n", at.size, at.policy);
#endif
    show("sched_rr_get_interval(-1, BAD)", syscall(SYS_sched_rr_get_interval, -1, BAD));
    show("sched_rr_get_interval(NOPID, BAD)", syscall(SYS_sched_rr_get_interval, NOPID, BAD));
    show("sched_rr_get_interval(0, BAD)", syscall(SYS_sched_rr_get_interval, 0, BAD));
    show("sched_getscheduler(-1)", syscall(SYS_sched_getscheduler, -1));
}

static void poll_calls(void)
{
    sigset_t set;
    sigemptyset(&set);
    struct timespec bad_ts = { -1, 0 }, ts = { 0, 1000 };
    show("ppoll(BAD, 1, NULL, &set, 4)", syscall(SYS_ppoll, BAD, 1, NULL, &set, 4));
    show("ppoll(BAD, 1, &ts, BAD, 8)", syscall(SYS_ppoll, BAD, 1, &ts, BAD, 8));
    show("ppoll(BAD, 1, &bad_ts, NULL, 8)", syscall(SYS_ppoll, BAD, 1, &bad_ts, NULL, 8));
    show("ppoll(BAD, 1, BAD, &set, 4)", syscall(SYS_ppoll, BAD, 1, BAD, &set, 4));
    show("ppoll(BAD, 1<<24, &ts, NULL, 8)", syscall(SYS_ppoll, BAD, 1 << 24, &ts, NULL, 8));
    show("ppoll(BAD, 1, &ts, NULL, 8)", syscall(SYS_ppoll, BAD, 1, &ts, NULL, 8));
    show("ppoll(NULL, 0, &ts, &set, 8)", syscall(SYS_ppoll, NULL, 0, &ts, &set, 8));
#ifdef SYS_poll
    show("poll(BAD, 1<<24, 0)", syscall(SYS_poll, BAD, 1 << 24, 0));
    show("poll(BAD, 1, 0)", syscall(SYS_poll, BAD, 1, 0));
#endif
    /* pselect6: n < 0, and a bigger n than the fd table is fine */
    show("pselect6(-1, NULL.., &ts, NULL)", syscall(SYS_pselect6, -1, NULL, NULL, NULL, &ts, NULL));
    struct {
        const void *ss;
        size_t len;
    } m = { &set, 4 };
    show("pselect6(1, .., &ts, sigsize 4)", syscall(SYS_pselect6, 1, NULL, NULL, NULL, &ts, &m));
    show("pselect6(1, .., &bad_ts, NULL)", syscall(SYS_pselect6, 1, NULL, NULL, NULL, &bad_ts, NULL));
    show("pselect6(1, .., BAD ts, NULL)", syscall(SYS_pselect6, 1, NULL, NULL, NULL, BAD, NULL));
    show("pselect6(1, .., &ts, BAD pack)", syscall(SYS_pselect6, 1, NULL, NULL, NULL, &ts, BAD));
    static char big[4096];
    show("pselect6(4000, big, .., &ts)", syscall(SYS_pselect6, 4000, big, NULL, NULL, &ts, NULL));
}

static void timerfd_calls(void)
{
    int p[2];
    pipe(p);
    int tfd = (int)syscall(SYS_timerfd_create, CLOCK_MONOTONIC, 0);
    struct itimerspec it = { { 0, 0 }, { 100, 0 } }, bad = { { 0, 0 }, { 0, 2000000000 } };
    show("timerfd_gettime(badfd, BAD)", syscall(SYS_timerfd_gettime, 999, BAD));
    show("timerfd_gettime(pipe, BAD)", syscall(SYS_timerfd_gettime, p[0], BAD));
    show("timerfd_gettime(tfd, BAD)", syscall(SYS_timerfd_gettime, tfd, BAD));
    show("timerfd_settime(badfd, 0, &it, BAD)", syscall(SYS_timerfd_settime, 999, 0, &it, BAD));
    show("timerfd_settime(pipe, 0, &it, BAD)", syscall(SYS_timerfd_settime, p[0], 0, &it, BAD));
    show("timerfd_settime(badfd, 0, BAD, NULL)", syscall(SYS_timerfd_settime, 999, 0, BAD, NULL));
    show("timerfd_settime(tfd, 0, &bad, BAD)", syscall(SYS_timerfd_settime, tfd, 0, &bad, BAD));
    show("timerfd_settime(badfd, 0x100, &it, NULL)", syscall(SYS_timerfd_settime, 999, 0x100, &it, NULL));
    show("timerfd_settime(tfd, 0, &it, BAD)", syscall(SYS_timerfd_settime, tfd, 0, &it, BAD));
    struct itimerspec cur;
    show("timerfd_gettime(tfd, &cur)", syscall(SYS_timerfd_gettime, tfd, &cur));
    printf("  armed: %s\n", cur.it_value.tv_sec > 0 ? "yes" : "no");
    close(tfd);
    close(p[0]);
    close(p[1]);
}

/* The raw calls take IPC_64 in the command on 32-bit systems (glibc adds
   it), and no such bit on x86-64. */
#if UINTPTR_MAX == 0xffffffffu
#define V64 0x100
#else
#define V64 0
#endif
#ifdef SYS_semctl
#define SEMCTL(id, n, cmd, arg) syscall(SYS_semctl, id, n, (cmd) | V64, arg)
#define SHMCTL(id, cmd, buf) syscall(SYS_shmctl, id, (cmd) | V64, buf)
#define MSGCTL(id, cmd, buf) syscall(SYS_msgctl, id, (cmd) | V64, buf)
#else /* the ipc(2) multiplexer (i386 with old headers) */
static long semctl_ipc(int id, int n, int cmd, void *arg)
{
    return syscall(SYS_ipc, 3, id, n, cmd | 0x100, &arg);
}
#define SEMCTL(id, n, cmd, arg) semctl_ipc(id, n, cmd, arg)
#define SHMCTL(id, cmd, buf) syscall(SYS_ipc, 24, id, (cmd) | 0x100, 0, buf)
#define MSGCTL(id, cmd, buf) syscall(SYS_ipc, 14, id, (cmd) | 0x100, 0, buf)
#endif

static void ipc_calls(void)
{
    int sem = semget(IPC_PRIVATE, 3, 0600);
    struct semid_ds sd;
    unsigned short vals[3] = { 1, 2, 3 };
    show("semctl(IPC_STAT, BAD)", SEMCTL(sem, 0, IPC_STAT, BAD));
    show("semctl(badid, IPC_STAT, BAD)", SEMCTL(0x7ffffff0, 0, IPC_STAT, BAD));
    show("semctl(IPC_SET, BAD)", SEMCTL(sem, 0, IPC_SET, BAD));
    show("semctl(GETALL, BAD)", SEMCTL(sem, 0, GETALL, BAD));
    show("semctl(SETALL, BAD)", SEMCTL(sem, 0, SETALL, BAD));
    show("semctl(SETALL, vals)", SEMCTL(sem, 0, SETALL, vals));
    show("semctl(GETVAL 2)", SEMCTL(sem, 2, GETVAL, 0));
    show("semctl(IPC_INFO, BAD)", SEMCTL(sem, 0, IPC_INFO, BAD) < 0 ? -1 : 0);
    show("semctl(IPC_STAT, &sd)", SEMCTL(sem, 0, IPC_STAT, &sd));
    show("semctl(99, BAD)", SEMCTL(sem, 0, 99, BAD));
    int shm = shmget(IPC_PRIVATE, 4096, 0);
    int msg = msgget(IPC_PRIVATE, 0);
    int sem0 = semget(IPC_PRIVATE, 1, 0);
    /* Without read permission: EACCES, before the buffer is looked at.
       (root has CAP_IPC_OWNER: the check runs as nobody.) */
    fflush(stdout);
    pid_t c = fork();
    if (c == 0) {
        if (getuid() == 0 && setuid(65534) < 0)
            _exit(1);
        struct shmid_ds ds;
        struct msqid_ds mq;
        show("shmctl(IPC_STAT, &ds) no permission", SHMCTL(shm, IPC_STAT, &ds));
        show("shmctl(IPC_STAT, BAD) no permission", SHMCTL(shm, IPC_STAT, BAD));
        show("msgctl(IPC_STAT, &mq) no permission", MSGCTL(msg, IPC_STAT, &mq));
        show("msgctl(IPC_STAT, BAD) no permission", MSGCTL(msg, IPC_STAT, BAD));
        show("semctl(IPC_STAT, &sd) no permission", SEMCTL(sem0, 0, IPC_STAT, &sd));
        show("semctl(IPC_STAT, BAD) no permission", SEMCTL(sem0, 0, IPC_STAT, BAD));
        show("semctl(GETALL, BAD) no permission", SEMCTL(sem0, 0, GETALL, BAD));
        show("shmctl(IPC_RMID) not owner", SHMCTL(shm, IPC_RMID, NULL));
        fflush(stdout);
        _exit(0);
    }
    int st;
    waitpid(c, &st, 0);
    struct shmid_ds ds;
    show("shmctl(IPC_STAT, BAD)", SHMCTL(shm, IPC_STAT, BAD));
    show("shmctl(IPC_STAT, &ds)", SHMCTL(shm, IPC_STAT, &ds));
    show("shmctl(badid, IPC_STAT, BAD)", SHMCTL(0x7ffffff0, IPC_STAT, BAD));
    show("shmctl(IPC_SET, BAD)", SHMCTL(shm, IPC_SET, BAD));
    show("msgctl(IPC_STAT, BAD)", MSGCTL(msg, IPC_STAT, BAD));
    semctl(sem, 0, IPC_RMID);
    semctl(sem0, 0, IPC_RMID);
    shmctl(shm, IPC_RMID, NULL);
    msgctl(msg, IPC_RMID, NULL);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sched_calls();
    poll_calls();
    timerfd_calls();
    ipc_calls();
    show("clock_gettime(99, BAD)", syscall(SYS_clock_gettime, 99, BAD));
    show("clock_getres(99, BAD)", syscall(SYS_clock_getres, 99, BAD));
    show("clock_nanosleep(99, 0, BAD, NULL)", syscall(SYS_clock_nanosleep, 99, 0, BAD, NULL));
    show("getitimer(99, BAD)", syscall(SYS_getitimer, 99, BAD));
    show("setitimer(99, BAD, NULL)", syscall(SYS_setitimer, 99, BAD, NULL));
    show("rt_sigprocmask(0, NULL, NULL, 4)", syscall(SYS_rt_sigprocmask, 0, NULL, NULL, 4));
    show("rt_sigprocmask(99, BAD, NULL, 8)", syscall(SYS_rt_sigprocmask, 99, BAD, NULL, 8));
#ifdef __sparc__ /* rt_sigaction(sig, act, oact, restorer, sigsetsize) */
    show("rt_sigaction(99, BAD, BAD, 8)", syscall(SYS_rt_sigaction, 99, BAD, BAD, 0, 8));
    show("rt_sigaction(SIGUSR1, NULL, NULL, 4)", syscall(SYS_rt_sigaction, SIGUSR1, NULL, NULL, 0, 4));
#else
    show("rt_sigaction(99, BAD, BAD, 8)", syscall(SYS_rt_sigaction, 99, BAD, BAD, 8));
    show("rt_sigaction(SIGUSR1, NULL, NULL, 4)", syscall(SYS_rt_sigaction, SIGUSR1, NULL, NULL, 4));
#endif
    show("rt_sigpending(BAD, 4)", syscall(SYS_rt_sigpending, BAD, 4));
    show("rt_sigtimedwait(BAD, NULL, NULL, 4)", syscall(SYS_rt_sigtimedwait, BAD, NULL, NULL, 4));
    show("rt_sigsuspend(BAD, 4)", syscall(SYS_rt_sigsuspend, BAD, 4));
    show("sigaltstack(BAD, NULL)", syscall(SYS_sigaltstack, BAD, NULL));
    show("setrlimit(99, BAD)", syscall(SYS_setrlimit, 99, BAD));
    show("prlimit64(0, 99, BAD, NULL)", syscall(SYS_prlimit64, 0, 99, BAD, NULL));
    show("prlimit64(NOPID, 0, NULL, BAD)", syscall(SYS_prlimit64, NOPID, 0, NULL, BAD));
    show("wait4(-1, BAD, 0, NULL) no child", syscall(SYS_wait4, -1, BAD, 0, NULL));
    show("wait4(-1, BAD, 0x1000, NULL)", syscall(SYS_wait4, -1, BAD, 0x1000, NULL));
    show("waitid(99, 0, BAD, WEXITED)", syscall(SYS_waitid, 99, 0, BAD, WEXITED, NULL));
    show("getgroups(-1, BAD)", syscall(SYS_getgroups, -1, BAD));
    show("setgroups(-1, BAD)", syscall(SYS_setgroups, -1, BAD));
    show("uname(BAD)", syscall(SYS_uname, BAD));
    show("getcwd(BAD, 1)", syscall(SYS_getcwd, BAD, 1));
    show("readlink(\"/\", BAD, 0)", syscall(SYS_readlinkat, -100, "/", BAD, 0));
    show("read(badfd, BAD, 1)", syscall(SYS_read, 999, BAD, 1));
    show("write(badfd, BAD, 1)", syscall(SYS_write, 999, BAD, 1));
    show("readv(badfd, BAD, 1)", syscall(SYS_readv, 999, BAD, 1));
    show("readv(0, BAD, -1)", syscall(SYS_readv, 0, BAD, -1));
    show("read(dir, BAD, 1)", syscall(SYS_read, open("/", O_RDONLY | O_DIRECTORY), BAD, 1));
    show("write(rdonly, BAD, 1)", syscall(SYS_write, open("/dev/null", O_RDONLY), BAD, 1));
    show("read(wronly, BAD, 1)", syscall(SYS_read, open("/dev/null", O_WRONLY), BAD, 1));
    show("getsockname(file, BAD, BAD)", syscall(SYS_getsockname, 0, BAD, BAD));
    struct timespec zero = { 0, 0 };
    show("clock_nanosleep(MONO, 0, &zero, BAD)", syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &zero, BAD));
    show("getdents64(badfd, BAD, 100)", syscall(SYS_getdents64, 999, BAD, 100));
    show("fstatfs(badfd, BAD)", syscall(SYS_fstatfs, 999, BAD));
    show("fstatfs(0, BAD)", syscall(SYS_fstatfs, 0, BAD));
    struct statfs sfs;
    memset(&sfs, 0, sizeof sfs);
    show("statfs(\"/\", &sfs)", syscall(SYS_statfs, "/", &sfs));
    printf("  type 0x%lx, bsize %ld, namelen %ld, blocks %s\n", (unsigned long)sfs.f_type,
           (long)sfs.f_bsize, (long)sfs.f_namelen, sfs.f_blocks > 0 ? "some" : "none");
    show("epoll_wait(badfd, BAD, 1, 0)", syscall(SYS_epoll_pwait, 999, BAD, 1, 0, NULL, 8));
    show("epoll_wait(badfd, BAD, 0, 0)", syscall(SYS_epoll_pwait, 999, BAD, 0, 0, NULL, 8));
    show("epoll_wait(badfd, BAD, -1, 0)", syscall(SYS_epoll_pwait, 999, BAD, -1, 0, NULL, 8));
    int ep = (int)syscall(SYS_epoll_create1, 0);
    show("epoll_wait(ep, BAD, 0, 0)", syscall(SYS_epoll_pwait, ep, BAD, 0, 0, NULL, 8));
    show("epoll_wait(ep, BAD, 1, 0)", syscall(SYS_epoll_pwait, ep, BAD, 1, 0, NULL, 8));
    close(ep);
    show("getsockopt(badfd, 0, 0, BAD, BAD)", syscall(SYS_getsockopt, 999, 0, 0, BAD, BAD));
    show("accept(badfd, BAD, BAD)", syscall(SYS_accept4, 999, BAD, BAD, 0));
    show("getsockname(badfd, BAD, BAD)", syscall(SYS_getsockname, 999, BAD, BAD));
    show("sendmsg(badfd, BAD, 0)", syscall(SYS_sendmsg, 999, BAD, 0));
    show("recvmsg(badfd, BAD, 0)", syscall(SYS_recvmsg, 999, BAD, 0));
    return 0;
}
