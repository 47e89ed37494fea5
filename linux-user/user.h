/*
 * The Linux personality's shared declarations: options, the process image,
 * the CPU loop, syscalls and signals.
 */
#ifndef MIMIC_USER_H
#define MIMIC_USER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "cpu-common.h"
#include "target.h"

/* Command-line / MIMIC_* / QEMU_* environment options (options.c). */
typedef struct Options {
    const char *ld_prefix;   /* -L / MIMIC_LD_PREFIX: guest sysroot */
    bool strace;             /* -strace / MIMIC_STRACE */
    unsigned log_mask;       /* -d / MIMIC_LOG (LOG_* in tcg/tcg.h) */
    const char *log_file;    /* -D / MIMIC_LOG_FILE */
    uint32_t stack_size;     /* -s / MIMIC_STACK_SIZE */
    const char *argv0;       /* -0 / MIMIC_ARGV0 */
    size_t code_buffer_size; /* MIMIC_CODE_BUFFER (bytes; tests use a tiny one) */
    bool interpret;          /* MIMIC_INTERPRET=1: run TBs in the IR interpreter */
    const char *cpu_model;   /* -cpu (one of target->cpu_models), or NULL */
    const char *uname_release; /* -r: uname's release, or NULL (the host's) */
    const char *dfilter;     /* -dfilter, as given (handed on to exec'd guests) */
    bool one_insn_per_tb;    /* -one-insn-per-tb / -singlestep */
    bool seed_set;           /* -seed N: reproducible guest randomness */
    uint64_t seed;
    const char *gdb;         /* -g PORT|PATH: wait for gdb there (gdbstub.c) */
    bool proc_exe;           /* MIMIC_PROC_EXE=1: /proc/PID/exe names the guest (proc-exe.c) */
    bool perfmap;            /* -perfmap: /tmp/perf-PID.map for perf (perfmap.c) */
    bool no_cache;           /* --no-cache / MIMIC_CACHE=0: no persistent translation cache */
    bool secure;             /* elevated privileges: the guest's AT_SECURE (mimic_elevated) */
} Options;
extern Options opt;
/* mimic runs with privileges its caller does not have: setuid or setgid,
   file capabilities, or binfmt_misc's C flag (the host kernel's AT_SECURE;
   also real and effective ids that differ).  Then the guest gets
   AT_SECURE=1 and nothing its caller controls may load code, write files,
   or look into the process: the options that would (-L, -E, -U, -D, -d,
   -strace, -g, -seed, their MIMIC_ and QEMU_ twins, MIMIC_PROC_EXE) are
   refused on the command line and ignored in the environment, --binfmt is
   refused, there is no persistent translation cache, and an inherited
   MIMIC_SELF_FD is not trusted. */
bool mimic_elevated(void);
/* MIMIC_PROC_EXE: make /proc/PID/exe name the program at path (proc-exe.c). */
void proc_exe_show_guest(const char *path);
/* -perfmap: start writing /tmp/perf-PID.map (perfmap.c). */
void perfmap_init(void);
/* Parse the environment twins and the command line into opt (exits on
   errors, -h, -version); returns the index of PROGRAM in argv. */
int options_parse(int argc, char **argv);
/* The guest's environment: the host's, with -E/-U applied. */
char **options_guest_env(void);
/* -cpu: exit with a message if the model is not one of t's. */
void options_check_cpu(const TargetOps *t);
/* "in_asm,exec" for a LOG_* mask, in buf. */
const char *log_mask_names(unsigned mask, char *buf, size_t size);
extern FILE *log_fp;  /* -d output (stderr unless -D) */

/* The running process image (filled by the ELF loader). */
typedef struct ImageInfo {
    uint32_t load_bias, entry;      /* main program */
    uint32_t phdr, phent, phnum;
    uint32_t interp_base;           /* AT_BASE (0 if static) */
    uint32_t start_code, end_code, start_data, end_data;
    uint32_t brk;                   /* initial program break */
    uint32_t start_stack, stack_top, stack_limit;
    uint32_t arg_start, arg_end, env_start, env_end, auxv, auxv_len;
    const char *exec_path;          /* absolute host path of the program */
    const char *guest_path;         /* the path as the guest named it (AT_EXECFN) */
    uint32_t start_pc;              /* where the CPU starts: ld.so's entry, or entry */
    bool exec_stack;                /* PT_GNU_STACK asked for PF_X (or was absent) */
    const struct TargetOps *target; /* the target the loader chose */
    const char *sysroot;            /* where the interpreter was found (NULL: host) */
    uint32_t trampoline;            /* the target's trampoline page, or 0 (target.h) */
} ImageInfo;
extern ImageInfo image;
extern const TargetOps *target;     /* the guest architecture */

/* Run the guest CPU forever (exits via exit_group or a fatal signal). */
void cpu_loop(CPUCommon *env) __attribute__((noreturn));

/* Run guest syscall nr with arguments a and return its result without
   storing it: a value, -errno, or SYSCALL_REGS_RESTORED.  handle_syscall
   (signal.c) stores it through target->syscall_ret or restarts the call. */
long do_syscall(CPUCommon *env, uint32_t nr, const uint32_t a[6]);
/* A handler's result meaning "the guest registers are already what the
   guest must see (sigreturn restored them from the frame): store nothing".
   Not a 32-bit value, so no real result can be taken for it, and a target
   whose error convention is a flag (PPC CR0.SO, SPARC carry) never gets
   the flag set by the store of a restored register. */
#define SYSCALL_REGS_RESTORED (1L << 40)

/* Signals (signal.c). */
void signal_init(void);
/* Per-thread part of signal_init (alternate stack for the fault handler):
   call in every new host thread that runs guest code. */
void signal_init_thread(void);
/* The CPU state of the guest thread running on this host thread (set by
   cpu_loop; the fault handler restores guest state into it). */
extern __thread CPUCommon *thread_cpu;
/* "SIGSEGV" for 11 (guest numbering = host numbering on current targets);
   "SIG<n>" style for unnamed or real-time signals is not returned: NULL. */
const char *signal_name(int sig);
/* A synchronous guest fault: deliver to the guest if it can be, else
   terminate the process as the kernel would (status: killed by sig). */
void force_sig(CPUCommon *env, int sig, int si_code, uint32_t addr) __attribute__((noreturn));
/* A second synchronous fault signal, queued for the thread before the
   force_sig of the first (a kernel trap handler that calls force_sig_fault
   twice).  As the kernel's: if it is blocked or ignored, it is unblocked and
   reset to the default action. */
void queue_forced_sig(int sig, int si_code, uint32_t addr);

/* Print "mimic: <program>: <message>" and exit with status. */
void fatal(int status, const char *fmt, ...) __attribute__((noreturn, format(printf, 2, 3)));

/* Translate a guest path for file syscalls (-L sysroot first, then host).
   Returns buf or the original pointer. */
const char *guest_path(const char *p, char *buf, size_t n);
/* The same for a path syscall: a relative p is taken from dirfd's (or the
   cwd's, AT_FDCWD) guest directory, so ".." stops at the sysroot's root;
   with follow (the syscall follows a final symlink) a final link of the
   sysroot's is followed inside it.  NULL with errno (ELOOP, ENAMETOOLONG)
   when the lookup fails as the syscall must. */
const char *guest_path_at(int dirfd, const char *p, char *buf, size_t n, bool follow);
/* The sysroot as an absolute host path, or NULL when there is none. */
const char *sysroot_dir(void);
/* After a guest chroot: its root is a real host directory now, and the
   sysroot (outside it) no longer applies. */
void sysroot_forget(void);
/* A host path (getcwd, readlink of /proc/self/cwd) as the guest should see
   it: the sysroot prefix removed when the path lies under it.  Edits p in
   place; returns its new length. */
size_t guest_path_unmap(char *p);
/* proc.c: make fd one of mimic's own (the -D log): moved to a high number,
   close-on-exec, hidden from the guest.  Returns the fd's new number. */
int host_fd_hide(int fd);
/* Before the options (process.c): take or make the hidden fd of mimic's
   own executable that guest execs re-enter mimic through; and prepend the
   options a parent mimic handed on in the environment (exec left to the
   kernel's binfmt_misc). */
void process_self_init(void);
/* Make the top of mimic's own stack present (process.c). */
void process_stack_prefault(void);
void process_exec_args_fixup(int *argc, char ***argv);
/* proc.c: name the process (prctl PR_SET_NAME) after the guest program, as
   execve would, so that /proc/self/comm, stat and status, PR_GET_NAME and
   the host's ps all show the guest's name, and PR_SET_NAME changes it. */
void proc_set_comm(void);

#endif
