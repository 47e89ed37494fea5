/*
 * Processes: fork/vfork (host fork), execve (a guest program re-enters
 * mimic; a host program or script runs on the host), wait4/waitid.
 *
 * vfork and CLONE_VFORK are a host fork plus a wait: the parent sleeps until
 * the child execs or exits (a close-on-exec pipe tells it), so ordering is
 * as with vfork, but memory is not shared.  Correct vfork programs (the
 * child only execs or _exits) cannot tell.  One visible difference:
 * glibc's posix_spawn reports an exec failure by writing into the parent's
 * memory from the child; here the parent does not see it, so
 * posix_spawn/system succeed and the child exits 127 instead.
 *
 * execve of a guest ELF runs /proc/self/exe of mimic (read at start-up)
 * with the options that shape the guest's world: -L, -strace, -d, -s, plus
 * MIMIC_INTERPRET / MIMIC_CODE_BUFFER in the environment, then
 * `-0 argv[0] -- PATH argv[1..]`.  -D is not passed on (the child would
 * truncate the parent's log file): a re-executed program logs to stderr.
 */
#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <elf.h>
#include <link.h>
#include <sys/mman.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux 5.14 */
#endif
#define HOST_STACK_PREFAULT (64u << 10)

#include "elfload/elfload.h"
#include "linux-user/safe-syscall.h"
#include "linux-user/abi-conv.h"
#include "linux-user/signal-priv.h"
#include "linux-user/syscall-priv.h"
#include "tcg/tcg.h"
#include "tcg/pcache.h"
#include "tcg/tb.h"

/*
 * mimic's own executable, for a guest's exec of another guest program.
 *
 * The path mimic was started from may not exist where the guest runs (a
 * chroot or container, perhaps with no /proc at all), so mimic keeps an
 * O_PATH fd of its executable, hidden from the guest, and re-executes
 * itself through it (execveat AT_EMPTY_PATH).  The fd is handed to the new
 * mimic (MIMIC_SELF_FD, removed from the guest's environment at once), so a
 * chain of execs keeps it however the root changes.  With no fd at all
 * (started with /proc absent), the exec is left to the kernel, which works
 * when binfmt_misc has mimic registered for the program's machine (flag F
 * keeps the interpreter open); the options then travel in MIMIC_EXEC_ARGS.
 */
static int self_fd = -1;
static char mimic_exe[PATH_MAX] = "mimic"; /* argv[0] for the new mimic */

#define SELF_FD_VAR "MIMIC_SELF_FD"
#define EXEC_ARGS_VAR "MIMIC_EXEC_ARGS"
#define EXEC_ARGS_SEP '\x1f' /* between options in MIMIC_EXEC_ARGS */

void process_self_init(void)
{
    const char *v = getenv(SELF_FD_VAR);
    int fd = -1;
    if (v) {
        char *end;
        long n = strtol(v, &end, 10);
        struct stat st;
        /* (not from the caller of an elevated mimic: it would choose what
           runs with the privileges) */
        if (*v && !*end && n >= 3 && n < INT_MAX && !mimic_elevated() && fstat((int)n, &st) == 0 &&
            S_ISREG(st.st_mode) && (st.st_mode & 0111))
            fd = fcntl((int)n, F_DUPFD_CLOEXEC, 3);
        if (*v && !*end && n >= 3 && n < INT_MAX)
            close((int)n); /* the parent's number: not the guest's fd */
        unsetenv(SELF_FD_VAR);
    }
    if (fd < 0)
        fd = open("/proc/self/exe", O_PATH | O_CLOEXEC);
    if (fd >= 0)
        self_fd = host_fd_hide(fd);
    ssize_t n = readlink("/proc/self/exe", mimic_exe, sizeof mimic_exe - 1);
    if (n > 0)
        mimic_exe[n] = 0;
}

void process_exec_args_fixup(int *argc, char ***argv)
{
    const char *v = getenv(EXEC_ARGS_VAR);
    if (!v)
        return;
    char *copy = strdup(v);
    unsetenv(EXEC_ARGS_VAR);
    if (!copy || !*copy)
        return;
    int n = 1;
    for (const char *p = copy; *p; p++)
        n += *p == EXEC_ARGS_SEP;
    char **nv = calloc((size_t)*argc + (size_t)n + 1, sizeof *nv);
    if (!nv)
        return;
    int k = 0;
    nv[k++] = (*argv)[0];
    for (char *p = copy, *sep;; p = sep + 1) {
        sep = strchr(p, EXEC_ARGS_SEP);
        if (sep)
            *sep = 0;
        nv[k++] = p;
        if (!sep)
            break;
    }
    for (int i = 1; i < *argc; i++)
        nv[k++] = (*argv)[i];
    nv[k] = NULL;
    *argc = k;
    *argv = nv;
}

/* ---- fork ---- */

/* What a clone without CLONE_VM (or with CLONE_VFORK) may ask for. */
#define FORK_MAY                                                                                   \
    (CSIGNAL | CLONE_VM | CLONE_VFORK | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID |                 \
     CLONE_CHILD_CLEARTID | CLONE_SETTLS | CLONE_DETACHED)

static void put_u32(uint32_t addr, uint32_t v)
{
    if (addr)
        put_user_u32(addr, v);
}

/* Linux copies a mapping's page-table entries at fork only when it has an
   anonymous page (vma_needs_copy); the others fault in again in the child.
   mimic's own code and read-only data (~5 MiB, mapped from its file) have
   none, so every child of a shell faulted in the parts it runs again: ~20
   faults of ~25 us each, a fault per 16 pages.  Before the first fork,
   each read-only segment of mimic's image gets one: its first byte is
   rewritten with its own value while the segment is writable (a private
   map: the file is not written).  Failure (a policy against writable
   code) leaves the segment as it was. */
static int image_for_fork(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    (void)data;
    if (info->dlpi_name && info->dlpi_name[0])
        return 0; /* the main program has an empty name */
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD || (ph->p_flags & PF_W) || ph->p_memsz == 0)
            continue;
        uintptr_t a = (info->dlpi_addr + ph->p_vaddr) & ~(uintptr_t)4095;
        uintptr_t b = (info->dlpi_addr + ph->p_vaddr + ph->p_memsz + 4095) & ~(uintptr_t)4095;
        int prot = PROT_READ | ((ph->p_flags & PF_X) ? PROT_EXEC : 0);
        if (mprotect((void *)a, b - a, prot | PROT_WRITE) != 0)
            continue;
        volatile uint8_t *p = (volatile uint8_t *)a;
        p[0] = p[0];
        mprotect((void *)a, b - a, prot);
    }
    return 1;
}

/* The host stack below here made present in one call: the path lookups
   (path.c) and the loader use several PATH_MAX buffers deep down, ~10
   faults of a fresh page each (~15 us in this VM) against ~0.85 us a page
   populated.  Inside the stack's initial mapping (Linux gives it 128 KiB
   below the arguments); a hint.  (Populating mimic's code and read-only
   data, ~1,200 pages of its file, saved ~16 faults of a dynamic hello but
   no time: not done; nor all of .bss, ~1,300 pages.) */
void process_stack_prefault(void)
{
    char here;
    uintptr_t top = (uintptr_t)&here & ~(uintptr_t)4095;
    madvise((void *)(top - HOST_STACK_PREFAULT), HOST_STACK_PREFAULT, MADV_POPULATE_WRITE);
    /* mimic's .bss up to its cold arrays (include/coldbss.h): ~200 pages
       in one call, where a warm dynamic hello faulted in ~30 of them one
       at a time. */
    extern char __bss_start[], __start_mimic_cold[];
    uintptr_t a = (uintptr_t)__bss_start & ~(uintptr_t)4095, b = (uintptr_t)__start_mimic_cold;
    if (b > a)
        madvise((void *)a, b - a, MADV_POPULATE_WRITE);
}

long process_fork(CPUCommon *env, uint32_t flags, uint32_t newsp, uint32_t ptid, uint32_t tls,
                  uint32_t ctid)
{
    static bool image_done;
    if (flags & ~(uint32_t)FORK_MAY) {
        log_unimp_once(0xf6000000u | (flags >> 8), "clone flags 0x%x: not supported for processes",
                       flags);
        return -EINVAL;
    }
    int sig = (int)(flags & CSIGNAL);
    if (sig != SIGCHLD)
        log_unimp_once(0xf6100000u | (uint32_t)sig,
                       "clone exit signal %d: the parent is sent SIGCHLD instead", sig);
    if (newsp && !target->set_sp) {
        log_unimp_once(0xf7000001u, "clone with a new stack: target has no set_sp");
        return -ENOSYS;
    }

    /* vfork: the parent waits until the child's end of this pipe closes
       (exec or exit).  High fd numbers keep the guest's numbering as it
       would be natively. */
    int vp[2] = { -1, -1 };
    if (flags & CLONE_VFORK) {
        int p[2];
        if (pipe2(p, O_CLOEXEC) == 0) {
            for (int i = 0; i < 2; i++) {
                vp[i] = fcntl(p[i], F_DUPFD_CLOEXEC, 900);
                if (vp[i] < 0)
                    vp[i] = p[i];
                else
                    close(p[i]);
            }
        }
    }

    tb_fork_preload(env);
    fflush(log_out());
    fflush(stdout);
    if (!image_done) {
        image_done = true;
        dl_iterate_phdr(image_for_fork, NULL);
    }
    /* Host signals stay blocked across fork: one arriving in the child
       before the atfork handler resets the signal queue would be lost.
       Restored (and so delivered) in both processes right after. */
    sigset_t all, old_mask;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old_mask);
    pid_t pid = fork();
    int fork_errno = errno;
    if (pid == 0)
        sigqueue_forget_parked(); /* the parent's host queue is not the child's */
    sigqueue_fix_mask(&old_mask);
    pthread_sigmask(SIG_SETMASK, &old_mask, NULL);
    errno = fork_errno;
    if (pid < 0) {
        int e = errno;
        if (vp[0] >= 0) {
            close(vp[0]);
            close(vp[1]);
        }
        return -e;
    }
    if (pid == 0) {
        if (vp[0] >= 0)
            close(vp[0]); /* vp[1] stays open until exec or exit */
        pid_t me = getpid();
        if (flags & CLONE_CHILD_SETTID)
            put_u32(ctid, (uint32_t)me);
        if (flags & CLONE_PARENT_SETTID)
            put_u32(ptid, (uint32_t)me);
        clear_child_tid = (flags & CLONE_CHILD_CLEARTID) ? ctid : 0;
        if (flags & CLONE_SETTLS)
            target->set_tls(env, tls);
        if (newsp)
            target->set_sp(env, newsp);
        return 0;
    }
    if (flags & CLONE_PARENT_SETTID)
        put_u32(ptid, (uint32_t)pid);
    if (vp[0] >= 0) {
        close(vp[1]);
        char c;
        while (read(vp[0], &c, 1) < 0 && errno == EINTR) {
        }
        close(vp[0]);
    }
    return pid;
}

long sys_fork(CPUCommon *env, const uint32_t *a) { return process_fork(env, SIGCHLD, 0, 0, 0, 0); }

long sys_vfork(CPUCommon *env, const uint32_t *a)
{
    return process_fork(env, CLONE_VM | CLONE_VFORK | SIGCHLD, 0, 0, 0, 0);
}

long sys_fork_2reg(CPUCommon *env, const uint32_t *a) { return two_reg_result(env, sys_fork(env, a)); }
long sys_vfork_2reg(CPUCommon *env, const uint32_t *a) { return two_reg_result(env, sys_vfork(env, a)); }

/* ---- execve ---- */

/* A NULL-terminated guest array of string pointers -> host array (strings
   used in place in guest memory).  NULL addr: an empty array. */
static long get_strv(uint32_t addr, char ***out)
{
    enum { MAX_STRS = 1 << 17 };
    size_t n = 0, cap = 16;
    char **v = malloc(cap * sizeof *v);
    if (!v)
        return -ENOMEM;
    for (;; n++) {
        uint32_t p = 0;
        if (addr && get_user_u32(addr + 4 * (uint32_t)n, &p) < 0) {
            free(v);
            return -EFAULT;
        }
        if (n + 1 >= cap) {
            cap *= 2;
            char **nv = realloc(v, cap * sizeof *v);
            if (!nv || cap > MAX_STRS) {
                free(nv ? nv : v);
                return -E2BIG;
            }
            v = nv;
        }
        if (!p)
            break;
        long len = guest_strlen(p, 1u << 20);
        if (len < 0) {
            free(v);
            return len == -ENAMETOOLONG ? -E2BIG : len;
        }
        v[n] = g2h(p);
    }
    v[n] = NULL;
    *out = v;
    return (long)n;
}

/* e_machine of an ELF header (at least 20 bytes), in its byte order. */
static uint16_t elf_machine_of(const unsigned char *h)
{
    return h[EI_DATA] == ELFDATA2MSB ? (uint16_t)(h[18] << 8 | h[19]) : (uint16_t)(h[18] | h[19] << 8);
}

/* What kind of file an exec would run. */
enum { EX_OTHER, EX_GUEST_ELF, EX_HOST_ELF, EX_SCRIPT };

/* hdr: first bytes of the file (len of them).  For a script, interp and
   arg receive the #! line's interpreter and optional argument. */
static int classify(const unsigned char *hdr, size_t len, char *interp, char *arg)
{
    if (len >= 20 && memcmp(hdr, ELFMAG, SELFMAG) == 0) {
        if (hdr[EI_CLASS] == ELFCLASS32 && target_by_machine(elf_machine_of(hdr)))
            return EX_GUEST_ELF;
        return EX_HOST_ELF;
    }
    if (len >= 2 && hdr[0] == '#' && hdr[1] == '!') {
        /* "#! interp [arg]\n": one optional argument, the rest of the line. */
        const char *s = (const char *)hdr + 2, *end = (const char *)hdr + len;
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        if (nl)
            end = nl;
        while (s < end && (*s == ' ' || *s == '\t'))
            s++;
        const char *e = s;
        while (e < end && *e != ' ' && *e != '\t')
            e++;
        if (e == s || e - s >= PATH_MAX)
            return EX_OTHER;
        memcpy(interp, s, (size_t)(e - s));
        interp[e - s] = 0;
        while (e < end && (*e == ' ' || *e == '\t'))
            e++;
        while (end > e && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
            end--;
        memcpy(arg, e, (size_t)(end - e));
        arg[end - e] = 0;
        return EX_SCRIPT;
    }
    return EX_OTHER;
}

/* Read the start of an executable the way execve checks it: -errno for
   missing files, directories and files without execute permission. */
static long read_header(const char *path, unsigned char *hdr, size_t size, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK); /* (a FIFO must not block) */
    if (fd < 0)
        return -errno;
    struct stat st;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || access(path, X_OK) < 0) {
        close(fd);
        return -EACCES;
    }
    ssize_t n = read(fd, hdr, size);
    close(fd);
    if (n < 0)
        return -EIO;
    *len = (size_t)n;
    return 0;
}

/* A growable argv/envp under construction. */
typedef struct StrList {
    char **v;
    size_t n, cap;
} StrList;

static void sl_add(StrList *l, const char *s)
{
    if (l->n + 2 > l->cap) {
        l->cap = l->cap ? l->cap * 2 : 32;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        if (!l->v)
            fatal(1, "out of memory");
    }
    l->v[l->n++] = (char *)s;
    l->v[l->n] = NULL;
}

static bool env_has(char **envp, const char *name)
{
    size_t len = strlen(name);
    for (; *envp; envp++)
        if (!strncmp(*envp, name, len) && (*envp)[len] == '=')
            return true;
    return false;
}

/* Run host execve (of path, or with fd >= 0 execveat of that fd) with the
   guest's blocked signals as the host mask (the new image inherits them,
   as on Linux).  Returns only on failure. */
static long host_exec_at(int fd, const char *path, char **argv, char **envp)
{
    sigset_t set, old;
    sigemptyset(&set);
    for (int sig = 1; sig <= 64 && sig < NSIG; sig++)
        if ((guest_sigmask >> (sig - 1)) & 1)
            sigaddset(&set, sig);
    /* mimic's own fault handling must stay deliverable. */
    sigdelset(&set, SIGSEGV);
    sigdelset(&set, SIGBUS);
    pcache_save(); /* this process's translations, for the next ones */
    fflush(stdout);
    fflush(log_out());
    /* The carrier keeps mimic's handler even when the guest ignores
       SIGRTMAX (signal-host.c): the new image must inherit "ignored". */
    struct sigaction ign, carrier;
    bool carrier_ign = guest_sigact_of(SIG_CARRIER)->handler == GUEST_SIG_IGN;
    pthread_sigmask(SIG_SETMASK, &set, &old);
    if (carrier_ign) {
        memset(&ign, 0, sizeof ign);
        ign.sa_handler = SIG_IGN;
        sigaction(SIG_CARRIER, &ign, &carrier);
    }
    if (fd >= 0)
        syscall(SYS_execveat, fd, "", argv, envp, AT_EMPTY_PATH);
    else
        execve(path, argv, envp);
    int e = errno;
    if (carrier_ign)
        sigaction(SIG_CARRIER, &carrier, NULL);
    sigqueue_fix_mask(&old);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return -e;
}

static long host_exec(const char *path, char **argv, char **envp)
{
    return host_exec_at(-1, path, argv, envp);
}

/* mimic's options as a new mimic must get them for a guest program of
   e_machine machine (-cpu only for the same guest), added to o.  The
   strings live in bufs (at least 3 x 48 bytes). */
static void carried_options(StrList *o, uint16_t machine, char bufs[][48], char *dbuf, size_t dlen)
{
    if (opt.ld_prefix) {
        sl_add(o, "-L");
        sl_add(o, opt.ld_prefix);
    }
    if (opt.strace)
        sl_add(o, "-strace");
    unsigned mask = opt.log_mask & ~(unsigned)LOG_STRACE;
    if (mask) {
        sl_add(o, "-d");
        sl_add(o, log_mask_names(mask, dbuf, dlen));
    }
    if (opt.dfilter) {
        sl_add(o, "-dfilter");
        sl_add(o, opt.dfilter);
    }
    if (opt.cpu_model && target_by_machine(machine) == target) {
        sl_add(o, "-cpu");
        sl_add(o, opt.cpu_model);
    }
    if (opt.uname_release) {
        sl_add(o, "-r");
        sl_add(o, opt.uname_release);
    }
    if (opt.one_insn_per_tb)
        sl_add(o, "-one-insn-per-tb");
    if (opt.no_cache)
        sl_add(o, "-no-cache");
    if (opt.perfmap)
        sl_add(o, "-perfmap");
    if (opt.seed_set) {
        snprintf(bufs[0], 48, "%llu", (unsigned long long)opt.seed);
        sl_add(o, "-seed");
        sl_add(o, bufs[0]);
    }
    if (opt.stack_size) {
        snprintf(bufs[1], 48, "%u", opt.stack_size);
        sl_add(o, "-s");
        sl_add(o, bufs[1]);
    }
}

/* Run a guest program (e_machine machine) in a new mimic: prog with
   prefix arguments pre and then tail, argv[0] argv0.  path and argv are
   the exec as the guest asked for it, for the kernel when mimic has no fd
   of itself (see self_fd).  The options carry over. */
static long exec_guest(const char *prog, uint16_t machine, const char *argv0, char **pre,
                       size_t npre, char **tail, char **envp, const char *path, char **argv)
{
    StrList o = { 0 }, a = { 0 }, e = { 0 };
    char bufs[3][48], dbuf[256] = "", self_buf[48], *joined = NULL;
    carried_options(&o, machine, bufs, dbuf, sizeof dbuf);

    for (char **p = envp; *p; p++)
        if (strncmp(*p, SELF_FD_VAR "=", sizeof SELF_FD_VAR) &&
            strncmp(*p, EXEC_ARGS_VAR "=", sizeof EXEC_ARGS_VAR) &&
            /* gdb debugs this program, not the ones it execs (the port
               is taken anyway) */
            strncmp(*p, "MIMIC_GDB=", 10) && strncmp(*p, "QEMU_GDB=", 9))
            sl_add(&e, *p);
    if (opt.interpret && !env_has(envp, "MIMIC_INTERPRET"))
        sl_add(&e, "MIMIC_INTERPRET=1");
    if (opt.code_buffer_size != (64u << 20) && !env_has(envp, "MIMIC_CODE_BUFFER")) {
        snprintf(bufs[2], sizeof bufs[2], "MIMIC_CODE_BUFFER=%zu", opt.code_buffer_size);
        sl_add(&e, bufs[2]);
    }
    long r;
    if (self_fd >= 0) {
        sl_add(&a, mimic_exe);
        for (size_t i = 0; i < o.n; i++)
            sl_add(&a, o.v[i]);
        sl_add(&a, "-0");
        sl_add(&a, argv0 ? argv0 : "");
        sl_add(&a, "--");
        sl_add(&a, prog);
        for (size_t i = 0; i < npre; i++)
            sl_add(&a, pre[i]);
        for (char **t = tail; t && *t; t++)
            sl_add(&a, *t);
        snprintf(self_buf, sizeof self_buf, SELF_FD_VAR "=%d", self_fd);
        sl_add(&e, self_buf);
        /* The new mimic inherits the fd; the guest's other execs do not. */
        fcntl(self_fd, F_SETFD, 0);
        r = host_exec_at(self_fd, NULL, a.v, e.v);
        fcntl(self_fd, F_SETFD, FD_CLOEXEC);
    } else {
        size_t len = 1;
        for (size_t i = 0; i < o.n; i++)
            len += strlen(o.v[i]) + 1;
        joined = calloc(1, sizeof EXEC_ARGS_VAR + len);
        if (!joined)
            return -ENOMEM;
        char *q = joined + sprintf(joined, EXEC_ARGS_VAR "=");
        for (size_t i = 0; i < o.n; i++)
            q += sprintf(q, "%s%s", i ? (char[]){ EXEC_ARGS_SEP, 0 } : "", o.v[i]);
        if (o.n)
            sl_add(&e, joined);
        if (!e.v && !(e.v = calloc(1, sizeof *e.v)))
            return -ENOMEM;
        r = host_exec(path, argv, e.v);
        if (r == -ENOEXEC)
            log_unimp_once(0xf6300001u,
                           "execve %s: mimic has no handle on its own executable (/proc was "
                           "missing at start) and binfmt_misc does not run this program",
                           path);
    }
    free(joined);
    free(o.v);
    free(a.v);
    free(e.v);
    return r;
}

/* The ELF loader's validation (headers, segments, machine). */
static bool guest_elf_ok(const char *path)
{
    ElfFile *ef = malloc(sizeof *ef);
    if (!ef)
        return true; /* let the new process find out */
    char err[256];
    int fd = -1;
    int r = elf_check_path(path, NULL, ef, &fd, err, sizeof err);
    if (fd >= 0)
        close(fd);
    free(ef);
    if (r != ELF_OK)
        log_unimp_once(0xf6300000u, "execve %s: %s", path, err);
    return r == ELF_OK;
}

/* A path as mimic's command line will take it: with a slash, so that it is
   not searched in PATH. */
static const char *with_slash(const char *p, char *buf, size_t n)
{
    if (strchr(p, '/'))
        return p;
    snprintf(buf, n, "./%s", p);
    return buf;
}

static long do_execve(uint32_t path_addr, uint32_t argv_addr, uint32_t envp_addr)
{
    GuestPath gp;
    long r = get_path_at(&gp, (uint32_t)AT_FDCWD, path_addr, true);
    if (r < 0)
        return r;
    if (!gp.raw[0])
        return -ENOENT;
    char **argv = NULL, **envp = NULL;
    r = get_strv(argv_addr, &argv);
    if (r >= 0)
        r = get_strv(envp_addr, &envp);
    if (r < 0) {
        free(argv);
        return r;
    }

    static __thread char interp[PATH_MAX], iarg[PATH_MAX], ibuf[PATH_MAX], sbuf[PATH_MAX];
    unsigned char hdr[PATH_MAX + 64];
    size_t len = 0;
    r = read_header(gp.p, hdr, sizeof hdr - 1, &len);
    if (r < 0)
        goto out;
    char *tail0[] = { NULL };
    char **tail = argv[0] ? argv + 1 : tail0;
    switch (classify(hdr, len, interp, iarg)) {
    case EX_GUEST_ELF:
        /* A guest ELF the loader would refuse fails here, as the kernel's
           execve would, rather than in the new process. */
        r = guest_elf_ok(gp.p) ? exec_guest(with_slash(gp.p, sbuf, sizeof sbuf), elf_machine_of(hdr),
                                            argv[0], NULL, 0, tail, envp, gp.p, argv)
                               : -ENOEXEC;
        break;
    case EX_HOST_ELF:
        r = host_exec(gp.p, argv, envp);
        break;
    case EX_SCRIPT: {
        /* The interpreter as the guest would find it (-L first). */
        const char *ip = guest_path_at(AT_FDCWD, interp, ibuf, sizeof ibuf, true);
        if (!ip) {
            r = -errno;
            break;
        }
        unsigned char ih[64];
        size_t ilen = 0;
        r = read_header(ip, ih, sizeof ih, &ilen);
        if (r < 0) {
            r = r == -EACCES ? -EACCES : -ENOENT;
            break;
        }
        if (ilen >= 20 && memcmp(ih, ELFMAG, SELFMAG) == 0 && ih[EI_CLASS] == ELFCLASS32 &&
            target_by_machine(elf_machine_of(ih))) {
            /* argv as the kernel builds it: interp [arg] script argv[1..]. */
            char *pre[2];
            size_t npre = 0;
            if (iarg[0])
                pre[npre++] = iarg;
            pre[npre++] = gp.raw;
            r = exec_guest(with_slash(ip, sbuf, sizeof sbuf), elf_machine_of(ih), interp, pre, npre,
                           tail, envp, gp.p, argv);
        } else {
            /* A host interpreter: the host kernel runs the script. */
            r = host_exec(gp.p, argv, envp);
        }
        break;
    }
    default:
        r = -ENOEXEC;
        break;
    }
out:
    free(argv);
    free(envp);
    return r;
}

long sys_execve(CPUCommon *env, const uint32_t *a) { return do_execve(a[0], a[1], a[2]); }

long sys_execveat(CPUCommon *env, const uint32_t *a)
{
    /* Only the form that is plain execve. */
    if ((int32_t)a[0] != AT_FDCWD || a[4] != 0) {
        log_unimp_once(0xf6200000u, "execveat with a dirfd or flags");
        return -ENOSYS;
    }
    return do_execve(a[1], a[2], a[3]);
}

/* ---- wait ---- */

long sys_wait4(CPUCommon *env, const uint32_t *a)
{
    int status = 0;
    struct rusage ru;
    /* As the kernel: the options (EINVAL) and the wait itself (ECHILD)
       come first; a bad status or rusage pointer is EFAULT after the
       child was reaped. */
    long r = safe_syscall(SYS_wait4, (pid_t)a[0], &status, (int)a[2], a[3] ? &ru : NULL);
    if (r < 0)
        return r;
    if (r > 0 && a[1] && put_user_u32(a[1], (uint32_t)wait_status_to_guest(status)) < 0)
        return -EFAULT;
    if (r > 0 && a[3] && put_rusage(a[3], &ru) < 0)
        return -EFAULT;
    return r;
}

long sys_waitid(CPUCommon *env, const uint32_t *a)
{
    siginfo_t si;
    struct rusage ru;
    memset(&si, 0, sizeof si);
    /* (bad pointers: EFAULT after the wait, as for wait4) */
    /* The raw syscall: glibc's waitid has no rusage argument. */
    long r = safe_syscall(SYS_waitid, (int)a[0], (pid_t)a[1], &si, (int)a[3], a[4] ? &ru : NULL);
    if (r < 0)
        memset(&si, 0, sizeof si);
    /* The kernel writes infop even when the call failed (zeros): a bad
       infop turns any result into EFAULT. */
    if (a[2]) {
        /* The SIGCHLD part of siginfo (linux-user/abi-conv.c translates the
           numbers); all zero when nothing was waited for (WNOHANG). */
        GuestSiginfo g;
        memset(&g, 0, sizeof g);
        if (si.si_signo) {
            g.signo = si.si_signo;
            g.errno_ = si.si_errno;
            g.code = si.si_code;
            g.f[0] = (uint32_t)si.si_pid;
            g.f[1] = si.si_uid;
            g.f[2] = (uint32_t)si.si_status;
            g.f[3] = (uint32_t)si.si_utime;
            g.f[4] = (uint32_t)si.si_stime;
        }
        uint8_t img[sizeof g];
        siginfo_to_guest(img, &g);
        if (copy_to_guest(a[2], img, sizeof img) < 0) /* the guest's byte image */
            return -EFAULT;
    }
    if (r < 0)
        return r;
    if (a[4] && si.si_signo && put_rusage(a[4], &ru) < 0)
        return -EFAULT;
    return r;
}
