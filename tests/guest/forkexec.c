/*
 * Processes: fork + pipe, exit statuses and deaths by signal, execve of
 * /proc/self/exe (re-running this program), exec errors, a #! script,
 * system() and popen() of host shell commands, vfork, wait4/waitid,
 * process groups and sessions, fork in a threaded process.
 * Output is deterministic and the same natively and under emulation.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void show_status(const char *what, int st)
{
    if (WIFEXITED(st))
        printf("%s: exited %d\n", what, WEXITSTATUS(st));
    else if (WIFSIGNALED(st))
        printf("%s: killed by signal %d\n", what, WTERMSIG(st));
    else
        printf("%s: status 0x%x\n", what, st);
}

static pid_t xfork(void)
{
    fflush(stdout);
    pid_t p = fork();
    if (p < 0) {
        perror("fork");
        exit(1);
    }
    return p;
}

static void test_fork_pipe(void)
{
    int fd[2];
    if (pipe(fd) < 0) {
        perror("pipe");
        return;
    }
    pid_t parent = getpid();
    pid_t pid = xfork();
    if (pid == 0) {
        close(fd[0]);
        char msg[64];
        int n = snprintf(msg, sizeof msg, "child here, ppid ok=%d", getppid() == parent);
        if (write(fd[1], msg, (size_t)n) != n)
            _exit(99);
        _exit(7);
    }
    close(fd[1]);
    char buf[128];
    ssize_t n, total = 0;
    while ((n = read(fd[0], buf + total, sizeof buf - 1 - (size_t)total)) > 0)
        total += n;
    buf[total] = 0;
    close(fd[0]);
    printf("parent read: '%s'\n", buf);
    int st;
    pid_t w = waitpid(pid, &st, 0);
    printf("waitpid returned child: %d\n", w == pid);
    show_status("fork child", st);
}

static void test_signal_death(void)
{
    pid_t pid = xfork();
    if (pid == 0) {
        for (;;) {
            struct timespec ts = { 1, 0 };
            nanosleep(&ts, NULL);
        }
    }
    kill(pid, SIGTERM);
    int st;
    waitpid(pid, &st, 0);
    show_status("killed child", st);

    pid = xfork();
    if (pid == 0) {
        kill(getpid(), SIGKILL);
        _exit(1);
    }
    waitpid(pid, &st, 0);
    show_status("self-killed child", st);
}

static char self_path[4096];

static void test_exec_self(void)
{
    pid_t pid = xfork();
    if (pid == 0) {
        execl("/proc/self/exe", "renamed", "exec-child", "extra arg", (char *)NULL);
        printf("execl failed: %s\n", strerror(errno));
        _exit(1);
    }
    int st;
    waitpid(pid, &st, 0);
    show_status("exec'd child", st);

    /* The environment passes through execve. */
    pid = xfork();
    if (pid == 0) {
        char *argv[] = { "envchild", "env-child", NULL };
        char *envp[] = { "FORKEXEC_TEST=the value", NULL };
        execve(self_path, argv, envp);
        printf("execve failed: %s\n", strerror(errno));
        _exit(1);
    }
    waitpid(pid, &st, 0);
    show_status("env child", st);
}

static void test_exec_errors(void)
{
    char *argv[] = { "x", NULL };
    errno = 0;
    execve("/nonexistent/program", argv, NULL);
    printf("exec missing: %s\n", strerror(errno));

    char path[] = "/tmp/forkexec-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return;
    if (write(fd, "garbage\n", 8) != 8)
        printf("write failed\n");
    close(fd);
    chmod(path, 0644);
    errno = 0;
    execve(path, argv, NULL);
    printf("exec not executable: %s\n", strerror(errno));
    chmod(path, 0755);
    pid_t pid = xfork();
    if (pid == 0) {
        execve(path, argv, NULL);
        printf("exec garbage: %s\n", strerror(errno));
        fflush(stdout);
        _exit(0);
    }
    int st;
    waitpid(pid, &st, 0);

    /* A script with a host interpreter. */
    fd = open(path, O_WRONLY | O_TRUNC);
    const char *script = "#!/bin/sh\necho \"script says $1\"\nexit 4\n";
    if (write(fd, script, strlen(script)) != (ssize_t)strlen(script))
        printf("write failed\n");
    close(fd);
    pid = xfork();
    if (pid == 0) {
        execl(path, path, "hello", (char *)NULL);
        printf("exec script: %s\n", strerror(errno));
        _exit(1);
    }
    waitpid(pid, &st, 0);
    show_status("script", st);
    unlink(path);
}

static void test_system_popen(void)
{
    fflush(stdout);
    int st = system("echo hi");
    show_status("system echo", st);
    fflush(stdout);
    st = system("exit 3");
    show_status("system exit 3", st);
    FILE *p = popen("echo hi from popen", "r");
    if (!p) {
        printf("popen failed\n");
        return;
    }
    char line[128] = "";
    if (!fgets(line, sizeof line, p))
        strcpy(line, "(nothing)\n");
    printf("popen read: %s", line);
    show_status("pclose", pclose(p));
}

static void test_vfork(void)
{
    fflush(stdout);
    pid_t pid = vfork();
    if (pid == 0)
        _exit(9);
    int st;
    waitpid(pid, &st, 0);
    show_status("vfork child", st);

    fflush(stdout);
    pid = vfork();
    if (pid == 0) {
        execl(self_path, "vforked", "exec-child", (char *)NULL);
        _exit(1);
    }
    waitpid(pid, &st, 0);
    show_status("vfork+exec child", st);
}

static void test_wait_variants(void)
{
    pid_t pid = xfork();
    if (pid == 0)
        _exit(11);
    struct rusage ru;
    int st;
    pid_t w = wait4(pid, &st, 0, &ru);
    printf("wait4 got child: %d, utime sane: %d\n", w == pid, ru.ru_utime.tv_sec >= 0);
    show_status("wait4", st);

    pid = xfork();
    if (pid == 0)
        _exit(12);
    siginfo_t si;
    memset(&si, 0, sizeof si);
    int r = waitid(P_PID, (id_t)pid, &si, WEXITED);
    printf("waitid: r=%d pid ok=%d signo=%s code=%s status=%d\n", r, si.si_pid == pid,
           si.si_signo == SIGCHLD ? "SIGCHLD" : "other",
           si.si_code == CLD_EXITED ? "CLD_EXITED" : "?", si.si_status);

    printf("waitpid with no children: %s\n", waitpid(-1, &st, 0) < 0 ? strerror(errno) : "?");
    printf("WNOHANG with no children: %s\n", waitpid(-1, &st, WNOHANG) < 0 ? strerror(errno) : "?");
}

static void test_groups(void)
{
    pid_t sid = getsid(0), pgrp = getpgrp();
    printf("pgid == getpgrp: %d\n", getpgid(0) == pgrp);
    pid_t pid = xfork();
    if (pid == 0) {
        int ok1 = getpgrp() == pgrp && getsid(0) == sid;
        int ok2 = setsid() == getpid() && getsid(0) == getpid() && getpgrp() == getpid();
        errno = 0;
        int r = setsid(); /* a group leader cannot start a session */
        printf("child: inherited group %d, own session %d, again: %d %s\n", ok1, ok2, r,
               strerror(errno));
        fflush(stdout);
        _exit(0);
    }
    int st;
    waitpid(pid, &st, 0);
    pid = xfork();
    if (pid == 0) {
        int ok = setpgid(0, 0) == 0 && getpgrp() == getpid() && getpgid(getpid()) == getpid();
        printf("child: own group %d\n", ok);
        fflush(stdout);
        _exit(0);
    }
    waitpid(pid, &st, 0);
}

static volatile int stop_spin;
static void *spin(void *arg)
{
    while (!stop_spin) {
        struct timespec ts = { 0, 1000000 };
        nanosleep(&ts, NULL);
    }
    return NULL;
}

static void *child_thread(void *arg) { return (void *)(long)((long)arg * 2); }

static void test_fork_threaded(void)
{
    pthread_t th;
    pthread_create(&th, NULL, spin, NULL);
    pid_t pid = xfork();
    if (pid == 0) {
        /* Only this thread exists here; it can make threads of its own. */
        pthread_t t2;
        void *r;
        pthread_create(&t2, NULL, child_thread, (void *)21);
        pthread_join(t2, &r);
        printf("forked from a threaded process: thread says %ld\n", (long)r);
        fflush(stdout);
        _exit(0);
    }
    int st;
    waitpid(pid, &st, 0);
    show_status("threaded fork child", st);
    stop_spin = 1;
    pthread_join(th, NULL);
}

int main(int argc, char **argv)
{
    if (argc >= 2 && !strcmp(argv[1], "exec-child")) {
        printf("exec child: argc=%d argv0=%s arg2=%s\n", argc, argv[0], argc > 2 ? argv[2] : "-");
        return 3;
    }
    if (argc >= 2 && !strcmp(argv[1], "env-child")) {
        const char *v = getenv("FORKEXEC_TEST");
        printf("env child: FORKEXEC_TEST=%s\n", v ? v : "(unset)");
        return 0;
    }
    ssize_t n = readlink("/proc/self/exe", self_path, sizeof self_path - 1);
    if (n <= 0) {
        printf("readlink /proc/self/exe failed\n");
        return 1;
    }
    self_path[n] = 0;
    test_fork_pipe();
    test_signal_death();
    test_exec_self();
    test_exec_errors();
    test_system_popen();
    test_vfork();
    test_wait_variants();
    test_groups();
    test_fork_threaded();
    printf("done\n");
    return 0;
}
