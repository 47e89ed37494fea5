/*
 * More of /proc as a program sees it (procfs.c has the basics):
 *   - lstat of the /proc/<pid>/{exe,cwd,root,fd/N} links says "symlink";
 *   - /proc/self/stat fields: state, code and stack addresses that contain
 *     main and a local variable; /proc/self/status Name:; environ; every
 *     auxv entry agrees with getauxval; the signal sets in status and stat;
 *     /proc/thread-self and /proc/self/task/<tid>;
 *   - the process name (PR_GET_NAME/PR_SET_NAME, comm, stat, status);
 *   - fds: a child re-executed with MIMIC_LOG_FILE set (so that under mimic
 *     the emulator holds a log fd of its own) closes everything but 0-2, and
 *     must then see exactly its own fds in /proc/self/fd, get 3 from open,
 *     and fail to close any fd it does not own.  Natively the variable means
 *     nothing and the output is the same.
 * Prints only facts, no addresses or pids.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <elf.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static size_t slurp(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return 0;
    size_t n = 0;
    ssize_t r;
    while (n < size - 1 && (r = read(fd, buf + n, size - 1 - n)) > 0)
        n += (size_t)r;
    close(fd);
    buf[n] = 0;
    return n;
}

static int is_link(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

static void test_links(void)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/exe", (int)getpid());
    printf("lstat symlink: self/exe %d, <pid>/exe %d, cwd %d, root %d, fd/0 %d\n",
           is_link("/proc/self/exe"), is_link(path), is_link("/proc/self/cwd"),
           is_link("/proc/self/root"), is_link("/proc/self/fd/0"));
    struct stat st;
    printf("stat /proc/self/exe is a regular file: %d\n",
           stat("/proc/self/exe", &st) == 0 && S_ISREG(st.st_mode));
    /* fstatat with AT_SYMLINK_NOFOLLOW is lstat too. */
    printf("fstatat nofollow symlink: %d\n",
           fstatat(AT_FDCWD, "/proc/self/exe", &st, AT_SYMLINK_NOFOLLOW) == 0 &&
               S_ISLNK(st.st_mode));
}

/* Field n (proc(5) numbering, from 1) of a stat file; fields 2 (comm) and 3
   (state) read as 0. */
static unsigned long long stat_field(const char *path, int n)
{
    char buf[4096];
    slurp(path, buf, sizeof buf);
    if (n == 1)
        return strtoull(buf, NULL, 10);
    char *rp = strrchr(buf, ')');
    int f = 3;
    for (char *tok = rp ? strtok(rp + 2, " \n") : NULL; tok; tok = strtok(NULL, " \n"), f++)
        if (f == n)
            return f == 3 ? 0 : strtoull(tok, NULL, 10);
    return 0;
}

static void test_stat(const char *argv0)
{
    char buf[4096];
    slurp("/proc/self/stat", buf, sizeof buf);
    char *rp = strrchr(buf, ')');
    int nfields = 0, state_ok = 0, code_ok = 0, stack_ok = 0;
    if (rp) {
        unsigned long long f[64] = { 0 };
        char state = 0;
        char *p = rp + 2;
        nfields = 2;
        for (char *tok = strtok(p, " \n"); tok; tok = strtok(NULL, " \n")) {
            nfields++;
            if (nfields == 3)
                state = tok[0];
            else if (nfields < 64)
                f[nfields] = strtoull(tok, NULL, 10);
        }
        state_ok = state == 'R';
        uintptr_t m = (uintptr_t)&test_stat;
        code_ok = f[26] && f[26] <= m && m < f[27];
        int local;
        uintptr_t l = (uintptr_t)&local;
        stack_ok = f[28] > l && f[28] - l < (1u << 20);
    }
    /* The per-thread copies (the main thread's tid is the pid). */
    char path[64];
    snprintf(path, sizeof path, "/proc/self/task/%d/stat", (int)getpid());
    unsigned long long code = stat_field("/proc/self/stat", 26);
    printf("task/<tid>/stat and thread-self/stat: pid %d %d, start_code as in stat %d %d\n",
           stat_field(path, 1) == (unsigned long long)getpid(),
           stat_field("/proc/thread-self/stat", 1) == (unsigned long long)getpid(),
           stat_field(path, 26) == code, stat_field("/proc/thread-self/stat", 26) == code);
    printf("stat: >= 52 fields %d, state R %d, start/end_code around main %d, "
           "start_stack above a local %d\n",
           nfields >= 52, state_ok, code_ok, stack_ok);
    slurp("/proc/self/status", buf, sizeof buf);
    const char *b = strrchr(argv0, '/');
    b = b ? b + 1 : argv0;
    char want[64];
    snprintf(want, sizeof want, "Name:\t%.15s\n", b);
    printf("status Name: %d\n", strncmp(buf, want, strlen(want)) == 0);
}

static void test_environ(void)
{
    static char buf[65536], want[65536];
    size_t n = slurp("/proc/self/environ", buf, sizeof buf), w = 0;
    for (char **e = environ; *e && w + strlen(*e) + 1 < sizeof want; e++) {
        memcpy(want + w, *e, strlen(*e) + 1);
        w += strlen(*e) + 1;
    }
    printf("environ == environ: %d\n", n == w && memcmp(buf, want, n) == 0);
}

static void test_auxv(void)
{
    /* Entries are pairs of unsigned longs: 32-bit on ARM, 64-bit on x86-64. */
    unsigned long v[512];
    size_t n = slurp("/proc/self/auxv", (char *)v, sizeof v) / sizeof v[0];
    int entries = 0, agree = 1, ends = 0;
    for (size_t i = 0; i + 1 < n; i += 2) {
        if (v[i] == AT_NULL) {
            ends = 1;
            break;
        }
        entries++;
        /* getauxval reads the same vector from the initial stack.  Except
           for AT_HWCAP* (x86-64 glibc reports its own idea of them). */
        if (v[i] != AT_IGNORE && v[i] != AT_HWCAP && v[i] != AT_HWCAP2 &&
            getauxval(v[i]) != v[i + 1])
            agree = 0;
    }
    printf("auxv: some entries %d, all agree with getauxval %d, AT_NULL-terminated %d\n",
           entries > 5, agree, ends);
}

static void on_usr1(int sig)
{
    (void)sig;
}

/* The process's signal sets in status (SigBlk/SigIgn/SigCgt) and stat
   (fields 32-34, masked to 31 bits as Linux does): the program's, not the emulator's. */
static void test_signals(void)
{
    signal(SIGUSR1, on_usr1);
    signal(SIGPIPE, SIG_IGN);
    sigset_t m, old;
    sigemptyset(&m);
    sigaddset(&m, SIGUSR2);
    sigaddset(&m, SIGRTMIN + 1);
    sigprocmask(SIG_BLOCK, &m, &old);
    char buf[8192];
    slurp("/proc/self/status", buf, sizeof buf);
    unsigned long long blk = 0, ign = 0, cgt = 0;
    char *p;
    if ((p = strstr(buf, "SigBlk:")))
        blk = strtoull(p + 7, NULL, 16);
    if ((p = strstr(buf, "SigIgn:")))
        ign = strtoull(p + 7, NULL, 16);
    if ((p = strstr(buf, "SigCgt:")))
        cgt = strtoull(p + 7, NULL, 16);
    unsigned long long want_blk = 1ull << (SIGUSR2 - 1) | 1ull << (SIGRTMIN + 1 - 1);
    printf("status: SigBlk exact %d, SIGPIPE ignored %d, SIGUSR1 caught %d, SIGUSR1 not ignored %d\n",
           blk == want_blk, (int)(ign >> (SIGPIPE - 1) & 1), (int)(cgt >> (SIGUSR1 - 1) & 1),
           !(ign >> (SIGUSR1 - 1) & 1));
    slurp("/proc/self/stat", buf, sizeof buf);
    unsigned long long f[40] = { 0 };
    int n = 3;
    p = strrchr(buf, ')');
    for (char *tok = p ? strtok(p + 2, " \n") : NULL; tok && n < 40; tok = strtok(NULL, " \n"), n++)
        f[n] = strtoull(tok, NULL, 10);
    printf("stat: blocked/ignored/caught == status's low words %d %d %d\n",
           f[32] == (blk & 0x7fffffff), f[33] == (ign & 0x7fffffff), f[34] == (cgt & 0x7fffffff));
    sigprocmask(SIG_SETMASK, &old, NULL);
    signal(SIGUSR1, SIG_DFL);
    signal(SIGPIPE, SIG_DFL);
}

static int cmp_int(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

/* The fds listed in dir (a /proc/self/fd-like directory), sorted, without
   the directory's own fd. */
static void list_fds(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        printf("%s: cannot open\n", dir);
        return;
    }
    int fds[64], n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 64) {
        if (e->d_name[0] == '.')
            continue;
        int fd = atoi(e->d_name);
        if (fd != dirfd(d))
            fds[n++] = fd;
    }
    closedir(d);
    qsort(fds, (size_t)n, sizeof fds[0], cmp_int);
    printf("%s:", dir);
    for (int i = 0; i < n; i++)
        printf(" %d", fds[i]);
    printf("\n");
}

/* The process name: set from the program file at exec, changed by
   PR_SET_NAME, and shown by comm, stat and status. */
static void show_name(const char *when, int print_names)
{
    char name[17] = { 0 }, comm[64], stat[256], status[256];
    prctl(PR_GET_NAME, name, 0, 0, 0);
    slurp("/proc/self/comm", comm, sizeof comm);
    slurp("/proc/self/stat", stat, sizeof stat);
    slurp("/proc/self/status", status, sizeof status);
    char *open = strchr(stat, '('), *close = strrchr(stat, ')');
    if (open && close)
        *close = 0;
    comm[strcspn(comm, "\n")] = 0;
    status[strcspn(status, "\n")] = 0;
    if (print_names) {
        printf("%s: PR_GET_NAME %s, comm %s, stat (%s), status %s\n", when, name, comm,
               open ? open + 1 : "?", status);
    } else {
        char st[64];
        snprintf(st, sizeof st, "Name:\t%s", name);
        printf("%s: the four names agree %d\n", when,
               !strcmp(name, comm) && open && !strcmp(open + 1, name) && !strcmp(status, st));
    }
}

static int child(void)
{
    /* (Linux names it "exe"; mimic, like qemu, the program's file.) */
    show_name("child exec'd through /proc/self/exe", 0);
    /* Only 0-2 stay (whatever the test runner left open). */
    if (syscall(SYS_close_range, 3, ~0u, 0) != 0)
        printf("close_range failed\n");
    int fd = open("/dev/null", O_RDONLY);
    printf("first open returns %d\n", fd);
    list_fds("/proc/self/fd");
    list_fds("/proc/self/fdinfo");
    /* No fd but 0-3 is ours: every other close fails with EBADF. */
    int closed = 0;
    for (int i = 4; i < 70000; i++)
        if (close(i) == 0)
            closed++;
    printf("closes of fds not ours that succeeded: %d\n", closed);
    printf("dup2 onto fd 4: %d\n", dup2(0, 4));
    fflush(stdout);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "child"))
        return child();
    test_links();
    test_stat(argv[0]);
    test_environ();
    test_auxv();
    test_signals();
    char want[32];
    const char *b = strrchr(argv[0], '/');
    snprintf(want, sizeof want, "%.15s", b ? b + 1 : argv[0]);
    char name[17] = { 0 };
    prctl(PR_GET_NAME, name, 0, 0, 0);
    printf("PR_GET_NAME is the program's basename: %d\n", strcmp(name, want) == 0);
    prctl(PR_SET_NAME, "renamed-process-x", 0, 0, 0);
    show_name("after PR_SET_NAME", 1);
    fflush(stdout);

    pid_t pid = fork();
    if (pid == 0) {
        setenv("MIMIC_LOG_FILE", "/dev/null", 1);
        execl("/proc/self/exe", argv[0], "child", (char *)NULL);
        _exit(127);
    }
    int st = 0;
    waitpid(pid, &st, 0);
    printf("child exited %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    return 0;
}
