/*
 * Guest threads: clone(CLONE_VM | CLONE_THREAD | ...) becomes a host
 * pthread that runs its own copy of the CPU state through cpu_loop.
 *
 *   - The guest TID is the host thread's real TID (gettid in the new
 *     thread), so tgkill, futexes and /proc/self/task see what they expect.
 *   - Each thread has its own host stack (pthread), its own CPU state and
 *     jump cache; guest memory, fds and signal dispositions are shared
 *     because they are the host process's.
 *   - SYS_exit ends one thread (after CLONE_CHILD_CLEARTID's store + futex
 *     wake, which pthread_join waits for); the last thread to exit ends the
 *     process with its status, as on Linux.  exit_group ends the process.
 *
 * Clone flags without CLONE_VM (fork, vfork, posix_spawn's CLONE_VM |
 * CLONE_VFORK) go to process.c.  ARM argument order:
 * clone(flags, stack, parent_tid, tls, child_tid).
 *
 * At thread exit the guest's robust futex list is walked (futex.c), so a
 * robust mutex the thread held reports EOWNERDEAD to the next locker.
 *
 * Not done: CLONE_VM without CLONE_THREAD and other sharing combinations
 * the host cannot express are refused with EINVAL and reported.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/futex.h>
#include <sys/syscall.h>

#include "linux-user/gdbstub.h"
#include "linux-user/signal-priv.h"
#include "linux-user/syscall-priv.h"
#include "tcg/tb.h"
#include "tcg/pcache.h"


/* Guest threads alive in this process (the initial one included). */
static int live_threads = 1;

/* What a pthread_create clone must ask for (a host thread shares all of
   it), and what it may ask for on top. */
#define THREAD_NEEDS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD)
#define THREAD_MAY                                                                                 \
    (THREAD_NEEDS | CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID |    \
     CLONE_CHILD_SETTID | CLONE_DETACHED)

/* Handed from the parent to the new host thread (lives on the parent's
   stack until the child posts `ready`). */
typedef struct NewThread {
    CPUCommon *env;
    uint32_t flags, ptid, ctid;
    sigset_t host_mask;  /* the parent's host mask, restored in the child */
    uint64_t guest_mask; /* the guest's blocked set is inherited */
    sem_t ready;
    pid_t tid;
} NewThread;

static void put_tid(uint32_t addr, pid_t tid)
{
    uint32_t v;
    st_guest_u32(&v, (uint32_t)tid); /* the word's image in guest byte order */
    /* The kernel ignores a bad address here; so do we. */
    if (addr && guest_ok_write(addr, 4))
        __atomic_store_n((uint32_t *)g2h(addr), v, __ATOMIC_SEQ_CST);
}

static void *thread_main(void *arg)
{
    NewThread *nt = arg;
    CPUCommon *env = nt->env;
    pid_t tid = gettid();
    signal_init_thread();
    gdb_thread_start(env); /* before the parent's clone returns */
    guest_sigmask = nt->guest_mask;
    if (nt->flags & CLONE_CHILD_CLEARTID)
        clear_child_tid = nt->ctid;
    /* Both stores happen before the parent returns from clone and before
       the child runs guest code, as with the kernel. */
    if (nt->flags & CLONE_PARENT_SETTID)
        put_tid(nt->ptid, tid);
    if (nt->flags & CLONE_CHILD_SETTID)
        put_tid(nt->ctid, tid);
    sigset_t mask = nt->host_mask;
    sigqueue_fix_mask(&mask); /* the parent's parked signals are its own */
    nt->tid = tid;
    sem_post(&nt->ready); /* nt is gone after this */
    pthread_sigmask(SIG_SETMASK, &mask, NULL);
    cpu_loop(env);
}

/* A fresh CPU for a new thread or process: a copy of the parent's. */
static CPUCommon *cpu_clone(CPUCommon *parent)
{
    size_t size = (target->cpu_size + 63) & ~(size_t)63;
    CPUCommon *env = aligned_alloc(64, size);
    TBJumpCache *jc = malloc(sizeof *jc);
    if (jc)
        tb_jc_init(jc);
    if (!env || !jc) {
        free(env);
        free(jc);
        return NULL;
    }
    memset(env, 0, size);
    env->target = parent->target;
    env->jc = jc;
    tb_cpu_init(env);
    target->cpu_copy(env, parent);
    return env;
}

/* The clone in progress is clone_2reg (set only around that call). */
static __thread bool clone_two_regs;

static long clone_thread(CPUCommon *env, uint32_t flags, uint32_t newsp, uint32_t ptid,
                         uint32_t tls, uint32_t ctid)
{
    if ((flags & THREAD_NEEDS) != THREAD_NEEDS || (flags & ~(uint32_t)THREAD_MAY) ||
        (flags & CSIGNAL)) {
        log_unimp_once(0xf7000000u | (flags >> 8), "clone flags 0x%x: not supported for threads",
                       flags);
        return -EINVAL;
    }
    if (newsp && !target->set_sp) {
        log_unimp_once(0xf7000001u, "clone with a new stack: target has no set_sp");
        return -ENOSYS;
    }
    CPUCommon *child = cpu_clone(env);
    if (!child)
        return -ENOMEM;
    if (clone_two_regs) {
        /* clone_2reg: the parent's id in the child's result, "child" (1)
           in the second register. */
        target->syscall_ret(child, (uint32_t)gettid());
        target->set_ret2(child, 1);
    } else {
        target->syscall_ret(child, 0); /* clone returns 0 in the child */
    }
    if (newsp)
        target->set_sp(child, newsp);
    if (flags & CLONE_SETTLS)
        target->set_tls(child, tls);

    NewThread nt = { .env = child, .flags = flags, .ptid = ptid, .ctid = ctid,
                     .guest_mask = guest_sigmask };
    sem_init(&nt.ready, 0, 0);

    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 2u << 20); /* the emulator's own stack */

    /* The new thread starts with every host signal blocked until it has its
       signal stack and thread_cpu; then it takes the parent's mask. */
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &nt.host_mask);
    tb_set_multithreaded();
    __atomic_add_fetch(&live_threads, 1, __ATOMIC_SEQ_CST);
    pthread_t th;
    int err = pthread_create(&th, &attr, thread_main, &nt);
    sigqueue_fix_mask(&nt.host_mask);
    pthread_sigmask(SIG_SETMASK, &nt.host_mask, NULL);
    pthread_attr_destroy(&attr);
    if (err) {
        __atomic_sub_fetch(&live_threads, 1, __ATOMIC_SEQ_CST);
        free(child->jc);
        free(child);
        sem_destroy(&nt.ready);
        return -err;
    }
    while (sem_wait(&nt.ready) < 0 && errno == EINTR) {
    }
    sem_destroy(&nt.ready);
    return nt.tid;
}

long sys_clone(CPUCommon *env, const uint32_t *a)
{
    uint32_t flags = a[0], newsp = a[1], ptid = a[2], tls = a[3], ctid = a[4];
    /* The exit signal in the low byte is the guest's number. */
    if (flags & CSIGNAL) {
        int sig = signal_host_number(signal_to_host((int)(flags & CSIGNAL)));
        if (sig < 0)
            return -EINVAL; /* 32, 33: no host number (signal-host.c) */
        flags = (flags & ~(uint32_t)CSIGNAL) | ((uint32_t)sig & CSIGNAL);
    }
    if ((flags & CLONE_VM) && !(flags & CLONE_VFORK))
        return clone_thread(env, flags, newsp, ptid, tls, ctid);
    return process_fork(env, flags, newsp, ptid, tls, ctid);
}

/* The two-register result of clone_2reg, fork_2reg and vfork_2reg:
   parent: the child's id and 0; a forked child: its parent's id and 1 (a
   thread child gets them in clone_thread). */
long two_reg_result(CPUCommon *env, long r)
{
    if (r > 0) {
        target->set_ret2(env, 0);
    } else if (r == 0) {
        target->set_ret2(env, 1);
        r = getppid();
    }
    return r;
}

long sys_clone_2reg(CPUCommon *env, const uint32_t *a)
{
    clone_two_regs = true;
    long r = sys_clone(env, a);
    clone_two_regs = false;
    return two_reg_result(env, r);
}

/* clone3(struct clone_args *, size): glibc tries it first and falls back to
   clone on ENOSYS, which is what we answer (all its fields are 64-bit and
   the fallback covers every use glibc has). */
long sys_clone3(CPUCommon *env, const uint32_t *a) { return -ENOSYS; }

void thread_exit(CPUCommon *env, int status)
{
    if (strace_on())
        fputs(" = ?\n", log_out());
    /* Before anything else can run: robust mutexes held by this thread
       become OWNER_DIED (also for the last thread: other processes may
       share them). */
    futex_exit_robust_list();
    if (__atomic_sub_fetch(&live_threads, 1, __ATOMIC_SEQ_CST) == 0) {
        /* The last thread: the process ends with its status. */
        pcache_save();
        fflush(log_out());
        gdb_exit(status, 0);
        _exit(status & 0xff);
    }
    /* From here on, host signals go to the threads that stay. */
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, NULL);
    uint32_t ctid = clear_child_tid;
    if (ctid && guest_ok_write(ctid, 4)) {
        __atomic_store_n((uint32_t *)g2h(ctid), 0, __ATOMIC_SEQ_CST);
        syscall(SYS_futex, g2h(ctid), FUTEX_WAKE, 1, NULL, NULL, 0);
    }
    gdb_thread_end(env);
    tb_thread_exit(env);
    thread_cpu = NULL;
    sigqueue_thread_exit();
    signal_exit_thread();
    free(env->jc);
    free(env);
    pthread_exit(NULL);
}

/* fork: the child is the caller alone. */
static void thread_fork_child(void)
{
    if (live_threads != 1) /* (no write to a page that keeps its value: include/forklocks.h) */
        live_threads = 1;
}

__attribute__((constructor)) static void thread_init(void)
{
    pthread_atfork(NULL, NULL, thread_fork_child);
}

int thread_count(void) { return __atomic_load_n(&live_threads, __ATOMIC_RELAXED); }
