/*
 * Guest signals, shared by linux-user/signal*.c and the targets' frame code
 * (target-<arch>/signal.c).
 *
 * The model is the kernel's: a per-process table of dispositions, a
 * per-thread blocked mask and alternate stack, and two pending sets (one
 * for the process, one for the thread), each with one slot per standard
 * signal and an ordered queue for real-time signals (their values kept).
 * Host signals are caught by a host handler for every catchable signal,
 * converted, queued, and delivered at the next TB boundary or syscall
 * return (process_pending_signals).  Inside, signals have the kernel's
 * numbers (signal_to_host translates a target's); the host's glibc keeps
 * 32 and 33, which reach the host only as tagged carrier signals
 * (signal-host.c).
 */
#ifndef MIMIC_SIGNAL_PRIV_H
#define MIMIC_SIGNAL_PRIV_H

#include <setjmp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include "linux-user/syscall-priv.h"

/* sa_flags as mimic keeps them: the host's values, which are ARM's and
   i386's too (sigaction_from_guest, linux-user/abi-conv.c, translates a
   guest's SA_* by name). */
#define GUEST_SA_NOCLDSTOP 0x00000001u
#define GUEST_SA_NOCLDWAIT 0x00000002u
#define GUEST_SA_SIGINFO 0x00000004u
#define GUEST_SA_RESTORER 0x04000000u
#define GUEST_SA_ONSTACK 0x08000000u
#define GUEST_SA_RESTART 0x10000000u
#define GUEST_SA_NODEFER 0x40000000u
#define GUEST_SA_RESETHAND 0x80000000u

#define GUEST_SS_ONSTACK 1
#define GUEST_SS_DISABLE 2
#define GUEST_SS_AUTODISARM (1u << 31)

#define GUEST_SIG_DFL 0u
#define GUEST_SIG_IGN 1u

static inline uint64_t sigbit(int sig) { return 1ull << (sig - 1); }
/* Signals that can never be blocked. */
#define SIG_UNBLOCKABLE (sigbit(SIGKILL) | sigbit(SIGSTOP))

/*
 * A guest siginfo in the layout of a 32-bit kernel (128 bytes): three ints,
 * then the union as 32-bit words.  Word use by si_code class:
 *   kill/tkill (SI_USER, SI_TKILL):  f[0] pid, f[1] uid
 *   sigqueue (SI_QUEUE), timers:     f[0] pid (timer id), f[1] uid (overrun), f[2] value
 *   SIGCHLD (code > 0):              f[0] pid, f[1] uid, f[2] status, f[3] utime, f[4] stime
 *   faults (SIGSEGV/BUS/ILL/FPE/TRAP, code > 0): f[0] addr
 *   SIGPOLL (code > 0):              f[0] band, f[1] fd
 * Kept in host byte order and with host numbers (mimic numbers signals as
 * the host does inside); siginfo_to_guest (linux-user/abi-conv.h) makes the
 * guest's image, for frames and syscalls alike.
 */
typedef struct GuestSiginfo {
    int32_t signo, errno_, code;
    uint32_t f[29];
} GuestSiginfo;
_Static_assert(sizeof(GuestSiginfo) == 128, "guest siginfo is 128 bytes");

/* ---- host signal numbers (signal-host.c) ---- */

/* The host signal that carries mimic's signals 32..SIGRTMIN-1, tagged
   (untagged, it is the guest's SIGRTMAX). */
#define SIG_CARRIER 64
/* sig (mimic's number) has no host signal of its own (32, 33). */
bool sig_virtual(int sig);
/* The host number for sig, -1 for a virtual one (for what cannot carry a
   tag: F_SETSIG, PR_SET_PDEATHSIG, a clone's exit signal). */
int signal_host_number(int sig);
/* The high half of a tagged si_value: signal sig with si_code code,
   thread-directed or not (sig 0: a wake-up). */
uint64_t sig_tag(int sig, int code, bool thread);
/* A host siginfo that carries a tag: 1 with *sig, *code (the tag's for
   SI_QUEUE, else the host's) and *thread set; -1 for a wake-up from this
   process; 0 for an ordinary host signal. */
int sig_untag(const siginfo_t *si, int *sig, int *code, bool *thread);
/* Make thread tid of this process look at its pending signals; with a
   host signal that thread does not park (parked: its sigqueue_parked). */
void signal_wake_thread(pid_t tid, uint64_t parked);
/* Wake the other threads that park signals (called by signal-queue.c when
   the process set lost entries, so what they park may come now; through
   sigqueue_wake_hook, so that the queue does not depend on signal.c). */
void signal_wake_parked(void);
extern void (*sigqueue_wake_hook)(void);
/* Send guest signal g->signo to process tgid (tid 0), to thread tid of
   tgid, or (tgid 0) to thread tid of whatever process: plain as
   kill/tkill/tgkill do (the kernel fills in the sender), else with g's
   code, pid, uid and value as rt_(tg)sigqueueinfo.  -errno or 0. */
long host_signal_send(pid_t tgid, pid_t tid, const GuestSiginfo *g, bool plain);
/* struct sigevent by the target's layout: value, signo, notify, then the
   union (thread id for SIGEV_THREAD_ID). */
typedef struct GuestSigevent {
    uint32_t value;
    int32_t signo, notify;
    int32_t tid;
} GuestSigevent;
long get_sigevent(GuestSigevent *e, uint32_t addr);
/* The host sigevent for g (SIGEV_SIGNAL and SIGEV_THREAD_ID signals
   translated and tagged as needed; others as they are).  -EINVAL for a
   bad signal number. */
long sigevent_to_host(struct sigevent *h, const GuestSigevent *g);
/* Die from sig, one of the host glibc's own (32, 33), as the kernel's
   default action would: returns only if that failed. */
void host_raw_die(int sig);

/* ---- pending signals (signal-queue.c) ---- */

/* Queue info for the process (thread == false) or this thread.  Standard
   signals already pending are not queued twice; real-time ones are, in
   order.  from_host: the host kernel delivered it (accepted for its
   sender), so it is never refused (only a full pool loses it); SQ_OVER
   then says the set is full and the host signal should wait in the
   host's queue (sigqueue_park).  Otherwise (the guest signals itself) a
   set at the guest's RLIMIT_SIGPENDING refuses it: SQ_FULL.
   Async-signal-safe. */
enum { SQ_FULL = 0, SQ_QUEUED = 1, SQ_OVER = 2 };
int sigqueue_add(const GuestSiginfo *info, bool thread, bool from_host);
/* Host signals this thread keeps blocked (bit sig-1, host numbers) so that
   more of them wait in the host kernel's queue (signal-queue.c). */
extern __thread uint64_t sigqueue_parked;
/* In a host handler after SQ_OVER: keep host_sig blocked in *mask (the
   handler's uc_sigmask). */
void sigqueue_park(int host_sig, sigset_t *mask);
/* Unblock in *mask the parked signals that may come now. */
void sigqueue_unpark(sigset_t *mask);
/* Make the real-time signals of a host mask this thread goes back to
   blocked exactly when parked (guest threads block nothing else there:
   blocking is emulated); for code that saved a mask and restores it after
   handlers may have parked or released signals. */
void sigqueue_fix_mask(sigset_t *mask);
/* The same for the thread's current host mask. */
void sigqueue_fix_thread_mask(void);
/* This thread parks nothing any more (a fork child, a new thread). */
void sigqueue_forget_parked(void);
/* The thread is ending: its pending signals go. */
void sigqueue_thread_exit(void);
/* Take the lowest-numbered pending signal in `allowed` (thread queue
   first), fill *info and return its number; 0 if none.  Async-signal-safe. */
int sigqueue_take(uint64_t allowed, GuestSiginfo *info);
/* The union of this thread's and the process's pending sets. */
uint64_t sigqueue_pending(void);
/* Drop every pending instance of sig (its disposition became "ignore"). */
void sigqueue_flush(int sig);
/* A POSIX timer was deleted: its queued signal goes (this thread's and
   the process's sets; as the kernel's timer_delete). */
void sigqueue_drop_timer(uint32_t id);
/* Forget everything pending (the child of a fork starts with nothing). */
void sigqueue_clear_all(void);

/* The queue's lock (host signals blocked on this thread, then a spinlock),
   for signalfd.c, whose registry it also guards. */
void sigqueue_lock(sigset_t *old);
void sigqueue_unlock(const sigset_t *old);
/* The pending union as sigqueue_pending, with the lock already held. */
uint64_t sigqueue_pending_locked(void);
/* Called with the lock held after every change of the pending sets, once
   set (signalfd.c sets it to signalfd_sync_locked at its first signalfd;
   a pointer so the queue does not depend on signalfd.c). */
extern void (*sigqueue_sync_hook)(uint64_t pending);

/* ---- signalfd (signalfd.c) ---- */

/* Guest signalfds open (0: the queue skips signalfd work). */
extern int signalfd_count;
/* Make each signalfd readable iff pending & its mask (lock held). */
void signalfd_sync_locked(uint64_t pending);
/* fd is a guest signalfd: read(2) on it goes to signalfd_read. */
bool signalfd_is(int fd);
long signalfd_read(int fd, uint32_t buf, uint32_t count);
/* fd is being closed or replaced (close, dup2/dup3 onto it). */
void signalfd_forget(int fd);

/* ---- signal state and delivery (signal.c) ---- */

/* A signal generated for this process (thread false) or thread: discarded
   if ignored, acted on at once if its default action applies (terminate,
   stop), else queued and the CPU loop kicked.  from_host and the result
   as sigqueue_add's (SQ_QUEUED when nothing was queued).
   Async-signal-safe. */
int signal_generate(const GuestSiginfo *info, bool thread, bool from_host);
/* The guest threads alive (up to max): their tids and CPU states (NULL for
   a thread that has none yet).  Async-signal-safe. */
int signal_thread_cpus(pid_t *tids, CPUCommon **cpus, int max);
/* tid is a guest thread of this process. */
bool signal_is_own_thread(pid_t tid);
/* coredump.c: write the guest's core file for a death by host_sig (a
   core-dumping signal) if RLIMIT_CORE and core_pattern allow; env: the
   dying thread's CPU (or NULL).  True when the host process is then ready
   to die with a core of its own that does no harm (so the parent sees
   WCOREDUMP); false: die without one. */
bool guest_core_dump(int host_sig, CPUCommon *env);
/* The disposition of sig (1..GUEST_NSIG). */
const GuestSigaction *guest_sigact_of(int sig);
/* Replace the blocked mask (SIGKILL/SIGSTOP stay unblocked). */
void signal_set_blocked(uint64_t mask);
/* Deliver every pending, unblocked signal: run guest handlers (through the
   target's setup_frame), apply default actions.  Called at TB boundaries
   when exit_request was seen and after each syscall. */
void process_pending_signals(CPUCommon *env);
/* A signal became pending for this thread: make the CPU loop notice. */
void signal_kick(void);
/* sigsuspend/pause: the mask to put back after the handler's frame has
   recorded the pre-suspend mask (the kernel's saved_sigmask). */
void signal_set_saved_mask(uint64_t mask);
/* Wait until a signal in `wanted` (or, if wanted == 0, any signal not
   blocked by the guest) is pending, or until the monotonic deadline (NULL:
   forever).  Returns false on timeout.  Race-free: host signals are
   blocked between the check and the wait. */
bool signal_wait(uint64_t wanted, const struct timespec *deadline);

/* A guest thread is ending (thread_exit, host signals blocked): free the
   host handler's alternate stack that signal_init_thread set up. */
void signal_exit_thread(void);

/* ---- alternate stack (signal.c) ---- */

/* SS_ONSTACK if sp is on the alternate stack, SS_DISABLE if there is none, else 0. */
int altstack_flags(uint32_t sp);
/* The stack pointer a handler with flags `sa_flags` starts from, given the
   interrupted sp (the top of the alternate stack when SA_ONSTACK applies). */
uint32_t signal_frame_sp(uint32_t sa_flags, uint32_t sp);
/* Fill a guest stack_t image (sp, flags, size) for a frame's uc_stack, and
   disarm the stack if it is SS_AUTODISARM.  sp: the interrupted sp. */
void altstack_save(GuestStack *out, uint32_t sp);
/* rt_sigreturn: reinstall the stack_t from the frame (silently ignored
   when sp is on the current alternate stack, as the kernel does). */
void altstack_restore(const GuestStack *ss, uint32_t sp);

/* sigaltstack(uss, uoss) as the kernel's do_sigaltstack: EPERM while
   running on the alternate stack, SS_ONSTACK reported in *uoss. */
long guest_sigaltstack(CPUCommon *env, uint32_t uss, uint32_t uoss);

/* ---- syscall interaction (signal.c) ---- */

/* The SC_* id of the syscall this thread is executing, or -1. */
extern __thread int signal_cur_syscall;
/* Where force_sig jumps to deliver a synchronous signal: cpu_loop's
   sigsetjmp (NULL before the guest runs: the signal then kills). */
/* cpu_loop, after a jump back through signal_jmp: a fatal fault that
   force_sig left for the debugger is shown to gdb, then carried out. */
void signal_forced_after_jump(CPUCommon *env);
extern __thread sigjmp_buf *signal_jmp;
/* A handler's result meaning "interrupted: restart the syscall whatever
   SA_RESTART says" (the kernel's ERESTARTNOINTR; never seen by the guest). */
#define ERESTARTNOINTR 513
/* A pending signal this thread does not block (the kernel's
   signal_pending()): a host wait that failed with EINTR without one was
   interrupted by a signal the guest never sees, and should simply go on
   waiting (with the time left) instead of returning. */
bool signal_deliverable(void);
/* For a safe_syscall that returned -EINTR: true if no deliverable signal
   is pending, so the call should be retried (it was a host signal the
   guest does not see).  Re-arms the safe-syscall flag, so the retry
   cannot sleep through a signal that arrives meanwhile nor spin on a
   signal another thread took. */
bool signal_eintr_unseen(void);
/* Run the guest's syscall (do_syscall), restart it or let it fail with
   EINTR if a signal interrupted it, then deliver pending signals. */
void handle_syscall(CPUCommon *env);

#endif
