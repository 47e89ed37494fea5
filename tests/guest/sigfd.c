/*
 * signalfd, sigtimedwait and sigwaitinfo, portable: blocked signals read
 * from a signalfd (with their siginfo: sender pid, sigqueue value, order of
 * queued real-time signals), readiness through poll and epoll, a blocking
 * read woken by a signal from another thread, non-blocking EAGAIN, changing
 * the mask of an existing signalfd, and signalfd in a forked child.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int readable(int fd)
{
    struct pollfd p = { .fd = fd, .events = POLLIN };
    return poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

static void *send_later(void *arg)
{
    struct timespec ts = { 0, 50 * 1000000 };
    nanosleep(&ts, NULL);
    kill(getpid(), SIGUSR2);
    return NULL;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR1);
    sigaddset(&mask, SIGUSR2);
    sigaddset(&mask, SIGRTMIN + 1);
    sigprocmask(SIG_BLOCK, &mask, NULL);

    int fd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
    printf("signalfd %s, cloexec %d, nonblock %d\n", fd >= 0 ? "ok" : "failed",
           (fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0, (fcntl(fd, F_GETFL) & O_NONBLOCK) != 0);
    struct signalfd_siginfo si;
    ssize_t r = read(fd, &si, sizeof si);
    printf("empty: read %d %s, readable %d\n", (int)r, r < 0 && errno == EAGAIN ? "EAGAIN" : "?",
           readable(fd));
    r = read(fd, &si, 10);
    printf("short buffer: %s\n", r < 0 && errno == EINVAL ? "EINVAL" : "?");

    kill(getpid(), SIGUSR1);
    printf("after kill: readable %d\n", readable(fd));
    memset(&si, 0, sizeof si);
    r = read(fd, &si, sizeof si);
    printf("read %d: signo %s, code %s, pid %s\n", (int)r, si.ssi_signo == SIGUSR1 ? "SIGUSR1" : "?",
           si.ssi_code == SI_USER ? "SI_USER" : "?", si.ssi_pid == (unsigned)getpid() ? "mine" : "?");
    printf("after read: readable %d\n", readable(fd));

    /* Queued real-time signals come back in order with their values. */
    for (int i = 0; i < 3; i++) {
        union sigval v = { .sival_int = 100 + i };
        sigqueue(getpid(), SIGRTMIN + 1, v);
    }
    raise(SIGUSR2);
    struct signalfd_siginfo many[8];
    r = read(fd, many, sizeof many);
    printf("read %d entries:", (int)(r / (ssize_t)sizeof many[0]));
    for (int i = 0; i < r / (ssize_t)sizeof many[0]; i++) {
        if (many[i].ssi_signo == SIGUSR2)
            printf(" SIGUSR2(%s)", many[i].ssi_code == SI_TKILL ? "SI_TKILL" : "?");
        else
            printf(" RTMIN+%d(%s,%d)", many[i].ssi_signo - SIGRTMIN,
                   many[i].ssi_code == SI_QUEUE ? "SI_QUEUE" : "?", many[i].ssi_int);
    }
    printf("\n");

    /* epoll sees it too. */
    int ep = epoll_create1(0);
    struct epoll_event ev = { .events = EPOLLIN, .data.u32 = 7 }, out;
    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
    printf("epoll before: %d\n", epoll_wait(ep, &out, 1, 0));
    kill(getpid(), SIGUSR2);
    int n = epoll_wait(ep, &out, 1, 1000);
    printf("epoll after kill: %d (data %u)\n", n, n == 1 ? out.data.u32 : 0);
    read(fd, &si, sizeof si);
    printf("epoll after read: %d\n", epoll_wait(ep, &out, 1, 0));
    close(ep);

    /* A blocking signalfd woken by another thread's kill. */
    int bfd = signalfd(-1, &mask, 0);
    pthread_t th;
    pthread_create(&th, NULL, send_later, NULL);
    memset(&si, 0, sizeof si);
    r = read(bfd, &si, sizeof si);
    pthread_join(th, NULL);
    printf("blocking read %d: %s\n", (int)r, si.ssi_signo == SIGUSR2 ? "SIGUSR2" : "?");

    /* Narrow the mask of an existing signalfd: SIGUSR1 no longer counts. */
    sigset_t only2;
    sigemptyset(&only2);
    sigaddset(&only2, SIGUSR2);
    printf("re-mask returns the same fd: %d\n", signalfd(fd, &only2, 0) == fd);
    kill(getpid(), SIGUSR1);
    printf("SIGUSR1 with narrowed mask: readable %d\n", readable(fd));
    /* sigtimedwait takes it instead. */
    siginfo_t info;
    struct timespec zero = { 0, 0 };
    int sig = sigtimedwait(&mask, &info, &zero);
    printf("sigtimedwait: %s\n", sig == SIGUSR1 ? "SIGUSR1" : "?");
    sig = sigtimedwait(&mask, &info, &zero);
    printf("sigtimedwait again: %s\n", sig < 0 && errno == EAGAIN ? "EAGAIN" : "?");

    /* A forked child reads its own signals. */
    pid_t pid = fork();
    if (pid == 0) {
        kill(getpid(), SIGUSR2);
        memset(&si, 0, sizeof si);
        ssize_t cr = read(fd, &si, sizeof si);
        printf("child: read %d, %s, sender is the child %d\n", (int)cr,
               si.ssi_signo == SIGUSR2 ? "SIGUSR2" : "?", si.ssi_pid == (unsigned)getpid());
        _exit(0);
    }
    int st;
    waitpid(pid, &st, 0);
    printf("parent: readable %d\n", readable(fd));
    close(fd);
    close(bfd);

    /* A signalfd closed by close_range, its number reused by a pipe: reads
       on the pipe get the pipe's data. */
    int cfd = signalfd(-1, &mask, SFD_NONBLOCK);
    syscall(SYS_close_range, cfd, cfd, 0);
    int p[2];
    if (pipe(p) != 0)
        perror("pipe");
    kill(getpid(), SIGUSR1);
    char buf[8] = { 0 };
    int reused = p[0] == cfd || p[1] == cfd;
    if (write(p[1], "hi", 2) != 2)
        perror("write");
    ssize_t got = read(p[0], buf, sizeof buf);
    printf("after close_range: number reused %d, pipe read %d \"%s\"\n", reused, (int)got, buf);
    sigtimedwait(&mask, &info, &zero); /* drop the SIGUSR1 */
    close(p[0]);
    close(p[1]);
    printf("done\n");
    return 0;
}
