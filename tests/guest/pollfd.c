/*
 * Event descriptors and waiting: epoll (the ARM EABI struct epoll_event
 * layout), eventfd, timerfd, inotify, poll/ppoll/select/pselect.  Built with
 * 64-bit time_t on ARM (the *_time64 syscalls).  Deterministic output: no
 * times, only "expired or not", counts and flags.
 */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64
#define _TIME_BITS 64
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

static int fails;
#define CHECK(c)                                                                  \
    do {                                                                          \
        if (!(c)) {                                                               \
            printf("FAIL line %d: %s (errno %d)\n", __LINE__, #c, errno);         \
            fails++;                                                              \
        }                                                                         \
    } while (0)

/* By events, then data: the same order on every byte order (a data.fd
   is the high half of data.u64 on a big-endian CPU). */
static int cmp_u64(const void *a, const void *b)
{
    const struct epoll_event *ea = a, *eb = b;
    if (ea->events != eb->events)
        return ea->events < eb->events ? -1 : 1;
    uint64_t x = ea->data.u64, y = eb->data.u64;
    return x < y ? -1 : x > y;
}

static void test_epoll(void)
{
    int ep = epoll_create1(EPOLL_CLOEXEC);
    CHECK(ep >= 0);
    printf("epoll cloexec %d\n", (fcntl(ep, F_GETFD) & FD_CLOEXEC) != 0);
    int p[2];
    CHECK(pipe(p) == 0);
    int efd = eventfd(0, EFD_NONBLOCK);
    CHECK(efd >= 0);

    struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 0x1122334455667788ull };
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) == 0);
    ev.events = EPOLLIN;
    ev.data.u64 = 0x00000000000000e1ull;
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev) == 0);
    errno = 0;
    int r = epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev);
    printf("add twice: %d %s\n", r, strerror(errno));

    struct epoll_event out[8];
    memset(out, 0xa5, sizeof out);
    printf("wait idle: %d\n", epoll_wait(ep, out, 8, 0));
    CHECK(write(p[1], "x", 1) == 1);
    r = epoll_wait(ep, out, 8, 1000);
    printf("after pipe write: %d events 0x%x data 0x%llx\n", r, out[0].events,
           (unsigned long long)out[0].data.u64);
    CHECK(eventfd_write(efd, 5) == 0);
    memset(out, 0, sizeof out);
    r = epoll_wait(ep, out, 8, 1000);
    qsort(out, r > 0 ? (size_t)r : 0, sizeof out[0], cmp_u64);
    printf("both ready: %d", r);
    for (int i = 0; i < r; i++)
        printf(" [0x%x 0x%llx]", out[i].events, (unsigned long long)out[i].data.u64);
    printf("\n");
    /* Fewer slots than ready descriptors. */
    printf("maxevents 1: %d\n", epoll_wait(ep, out, 1, 0));
    /* epoll_pwait with a signal mask (empty here). */
    sigset_t none;
    sigemptyset(&none);
    printf("epoll_pwait: %d\n", epoll_pwait(ep, out, 8, 0, &none));

    /* MOD: the pipe's write end for EPOLLOUT; DEL the eventfd. */
    ev.events = EPOLLOUT;
    ev.data.fd = p[1];
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, p[1], &ev) == 0);
    CHECK(epoll_ctl(ep, EPOLL_CTL_DEL, efd, NULL) == 0);
    ev.events = EPOLLIN | EPOLLET;
    ev.data.u64 = 7;
    CHECK(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev) == 0);
    memset(out, 0, sizeof out);
    r = epoll_wait(ep, out, 8, 0);
    qsort(out, r > 0 ? (size_t)r : 0, sizeof out[0], cmp_u64);
    printf("after mod/del: %d", r);
    for (int i = 0; i < r; i++)
        printf(" [0x%x %s]", out[i].events, out[i].data.u64 == 7 ? "pipe-r" : out[i].data.fd == p[1] ? "pipe-w" : "?");
    printf("\n");
    /* Edge-triggered: reported once. */
    ev.events = EPOLLIN | EPOLLET;
    CHECK(epoll_ctl(ep, EPOLL_CTL_DEL, p[1], NULL) == 0);
    printf("edge again: %d\n", epoll_wait(ep, out, 8, 0));
    errno = 0;
    r = epoll_wait(ep, out, 0, 0);
    printf("maxevents 0: %d %s\n", r, strerror(errno));
    errno = 0;
    r = epoll_ctl(ep, EPOLL_CTL_DEL, efd, NULL);
    printf("del missing: %d %s\n", r, strerror(errno));
    close(ep);
    close(efd);
    close(p[0]);
    close(p[1]);
}

static void test_eventfd(void)
{
    int efd = eventfd(3, EFD_NONBLOCK | EFD_CLOEXEC);
    CHECK(efd >= 0);
    uint64_t v = 0;
    CHECK(read(efd, &v, 8) == 8);
    printf("eventfd read %llu\n", (unsigned long long)v);
    errno = 0;
    ssize_t n = read(efd, &v, 8);
    printf("eventfd empty: %zd %s\n", n, errno == EAGAIN ? "EAGAIN" : strerror(errno));
    close(efd);
    efd = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK);
    CHECK(read(efd, &v, 8) == 8);
    printf("semaphore read %llu", (unsigned long long)v);
    CHECK(read(efd, &v, 8) == 8);
    printf(" %llu", (unsigned long long)v);
    printf(" then %zd\n", read(efd, &v, 8));
    close(efd);
}

static void test_timerfd(void)
{
    int t = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
    CHECK(t >= 0);
    /* Armed for 60 s while gettime looks (a loaded machine can take longer
       than a short timer between the two calls), then for 20 ms. */
    struct itimerspec its = { { 0, 0 }, { 60, 0 } }, old, cur;
    CHECK(timerfd_settime(t, 0, &its, &old) == 0);
    printf("old timer: %lld %ld %lld %ld\n", (long long)old.it_interval.tv_sec, old.it_interval.tv_nsec,
           (long long)old.it_value.tv_sec, old.it_value.tv_nsec);
    CHECK(timerfd_gettime(t, &cur) == 0);
    printf("armed: %d interval zero %d\n", cur.it_value.tv_sec > 0 || cur.it_value.tv_nsec > 0,
           cur.it_interval.tv_sec == 0 && cur.it_interval.tv_nsec == 0);
    its.it_value.tv_sec = 0;
    its.it_value.tv_nsec = 20 * 1000 * 1000;
    CHECK(timerfd_settime(t, 0, &its, NULL) == 0);
    struct pollfd pf = { t, POLLIN, 0 };
    int r = poll(&pf, 1, 5000);
    printf("poll timerfd: %d revents 0x%x\n", r, pf.revents);
    uint64_t exp = 0;
    CHECK(read(t, &exp, 8) == 8);
    printf("expirations %llu\n", (unsigned long long)exp);
    CHECK(timerfd_gettime(t, &cur) == 0);
    printf("disarmed: %d\n", cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0);

    /* Periodic, absolute start in the past: expires at once. */
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    its.it_value = now;
    its.it_interval.tv_sec = 100;
    its.it_interval.tv_nsec = 0;
    CHECK(timerfd_settime(t, TFD_TIMER_ABSTIME, &its, NULL) == 0);
    CHECK(read(t, &exp, 8) == 8);
    CHECK(timerfd_gettime(t, &cur) == 0);
    printf("periodic: exp %llu interval %lld next-in-range %d\n", (unsigned long long)exp,
           (long long)cur.it_interval.tv_sec, cur.it_value.tv_sec <= 100 && cur.it_value.tv_sec >= 98);
    /* Disarm, read old value back. */
    memset(&its, 0, sizeof its);
    CHECK(timerfd_settime(t, 0, &its, &old) == 0);
    printf("old interval %lld\n", (long long)old.it_interval.tv_sec);
    errno = 0;
    its.it_value.tv_nsec = 2000000000;
    r = timerfd_settime(t, 0, &its, NULL);
    printf("bad nsec: %d %s\n", r, strerror(errno));
    close(t);
}

static void test_inotify(void)
{
    char dir[] = "/tmp/mimic-inotify-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    int in = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    CHECK(in >= 0);
    int wd = inotify_add_watch(in, dir, IN_CREATE | IN_DELETE);
    CHECK(wd >= 0);
    char path[64];
    snprintf(path, sizeof path, "%s/newfile", dir);
    int fd = open(path, O_CREAT | O_WRONLY, 0600);
    CHECK(fd >= 0);
    close(fd);
    CHECK(unlink(path) == 0);
    union {
        char buf[4096];
        struct inotify_event align;
    } u;
    ssize_t n = read(in, u.buf, sizeof u.buf);
    for (ssize_t off = 0; off < n;) {
        struct inotify_event *e = (struct inotify_event *)(u.buf + off);
        printf("inotify: wd-ok %d mask 0x%x name %s\n", e->wd == wd, e->mask, e->len ? e->name : "");
        off += (ssize_t)sizeof *e + e->len;
    }
    CHECK(inotify_rm_watch(in, wd) == 0);
    n = read(in, u.buf, sizeof u.buf);
    if (n > 0)
        printf("after rm_watch: mask 0x%x\n", ((struct inotify_event *)u.buf)->mask);
    errno = 0;
    int r = inotify_add_watch(in, "/nonexistent/dir", IN_CREATE);
    printf("watch missing: %d %s\n", r, strerror(errno));
    close(in);
    rmdir(dir);
}

static void test_poll_select(void)
{
    int p[2];
    CHECK(pipe(p) == 0);
    struct pollfd pf[2] = { { p[0], POLLIN, 0 }, { p[1], POLLOUT, 0 } };
    int r = poll(pf, 2, 0);
    printf("poll: %d r=0x%x w=0x%x\n", r, pf[0].revents, pf[1].revents);
    struct timespec ts = { 0, 10 * 1000 * 1000 };
    pf[1].fd = -1;
    r = ppoll(pf, 2, &ts, NULL);
    printf("ppoll timeout: %d\n", r);
    CHECK(write(p[1], "y", 1) == 1);
    ts.tv_sec = 1;
    ts.tv_nsec = 0;
    sigset_t none;
    sigemptyset(&none);
    r = ppoll(pf, 2, &ts, &none);
    printf("ppoll ready: %d r=0x%x\n", r, pf[0].revents);

    fd_set rs, ws;
    FD_ZERO(&rs);
    FD_ZERO(&ws);
    FD_SET(p[0], &rs);
    FD_SET(p[1], &ws);
    struct timeval tv = { 0, 0 };
    r = select(p[1] + 1, &rs, &ws, NULL, &tv);
    printf("select: %d r %d w %d\n", r, FD_ISSET(p[0], &rs) != 0, FD_ISSET(p[1], &ws) != 0);
    char c;
    CHECK(read(p[0], &c, 1) == 1);
    FD_ZERO(&rs);
    FD_SET(p[0], &rs);
    ts.tv_sec = 0;
    ts.tv_nsec = 5 * 1000 * 1000;
    r = pselect(p[0] + 1, &rs, NULL, NULL, &ts, &none);
    printf("pselect timeout: %d isset %d\n", r, FD_ISSET(p[0], &rs) != 0);
    close(p[1]);
    r = poll(pf, 1, 0);
    printf("poll hangup: %d hup %d\n", r, (pf[0].revents & POLLHUP) != 0);
    close(p[0]);
}

/* Sockets with 64-bit time: SO_RCVTIMEO (the _NEW option on ARM),
   recvmmsg with a timeout, SO_TIMESTAMP. */
static void test_time64_sockets(void)
{
    int sv[2];
    CHECK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0);
    struct timeval tv = { 0, 30000 }, tv2 = { 0, 0 };
    CHECK(setsockopt(sv[1], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) == 0);
    socklen_t l = sizeof tv2;
    CHECK(getsockopt(sv[1], SOL_SOCKET, SO_RCVTIMEO, &tv2, &l) == 0);
    printf("SO_RCVTIMEO64 %lld.%06ld len-ok %d\n", (long long)tv2.tv_sec, (long)tv2.tv_usec, l == sizeof tv2);
    char buf[16];
    errno = 0;
    ssize_t n = recv(sv[1], buf, sizeof buf, 0);
    printf("timed-out recv: %zd %s\n", n, errno == EAGAIN ? "EAGAIN" : strerror(errno));

    int on = 1;
    CHECK(setsockopt(sv[1], SOL_SOCKET, SO_TIMESTAMP, &on, sizeof on) == 0);
    CHECK(send(sv[0], "a", 1, 0) == 1);
    CHECK(send(sv[0], "bc", 2, 0) == 2);
    struct mmsghdr mv[4];
    struct iovec iov[4];
    char rb[4][8];
    union {
        char buf[4][CMSG_SPACE(sizeof(struct timeval)) + 32];
        struct cmsghdr align;
    } u;
    memset(mv, 0, sizeof mv);
    for (int i = 0; i < 4; i++) {
        iov[i].iov_base = rb[i];
        iov[i].iov_len = sizeof rb[i];
        mv[i].msg_hdr.msg_iov = &iov[i];
        mv[i].msg_hdr.msg_iovlen = 1;
        mv[i].msg_hdr.msg_control = u.buf[i];
        mv[i].msg_hdr.msg_controllen = sizeof u.buf[i];
    }
    struct timespec ts = { 1, 0 };
    int r = recvmmsg(sv[1], mv, 4, MSG_WAITFORONE, &ts);
    printf("recvmmsg: %d lens %u %u", r, mv[0].msg_len, mv[1].msg_len);
    for (int i = 0; i < r; i++) {
        struct cmsghdr *c = CMSG_FIRSTHDR(&mv[i].msg_hdr);
        struct timeval now, t;
        gettimeofday(&now, NULL);
        int ok = 0;
        if (c && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMP) {
            memcpy(&t, CMSG_DATA(c), sizeof t);
            ok = t.tv_sec <= now.tv_sec && t.tv_sec > now.tv_sec - 100;
        }
        printf(" ts%d-ok %d", i, ok);
    }
    printf("\n");
    close(sv[0]);
    close(sv[1]);
}

static volatile sig_atomic_t got_sig;
static void on_sig(int sig) { got_sig = sig; }
/* By name: the numbers differ between architectures (SIGUSR1 is 30 on SPARC). */
static const char *sig_name(int sig)
{
    return sig == 0 ? "none" : sig == SIGUSR1 ? "USR1" : sig == SIGALRM ? "ALRM" : "other";
}

/* Waits and signals: a pending signal unblocked by epoll_pwait's temporary
   mask interrupts it at once and the old mask comes back; a timer signal
   interrupts a plain epoll_wait (never restarted, even with SA_RESTART). */
static void test_wait_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sig;
    sigaction(SIGUSR1, &sa, NULL);
    sa.sa_flags = SA_RESTART; /* epoll_wait fails with EINTR all the same */
    sigaction(SIGALRM, &sa, NULL);
    sigset_t usr1, old, now, none;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigemptyset(&none);
    sigprocmask(SIG_BLOCK, &usr1, &old);
    int ep = epoll_create1(0);
    int p[2];
    CHECK(pipe(p) == 0);
    struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 1 };
    CHECK(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) == 0);
    raise(SIGUSR1);
    printf("blocked usr1 not delivered: %d\n", got_sig == 0);
    errno = 0;
    int r = epoll_pwait(ep, &ev, 1, 5000, &none);
    printf("epoll_pwait with usr1 pending: %d %s sig %s\n", r, strerror(errno), sig_name(got_sig));
    sigprocmask(SIG_BLOCK, NULL, &now);
    printf("usr1 blocked again: %d\n", sigismember(&now, SIGUSR1));
    got_sig = 0;
    raise(SIGUSR1);
    r = epoll_pwait(ep, &ev, 1, 0, NULL);
    printf("epoll_pwait NULL mask: %d sig %s\n", r, sig_name(got_sig));
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("after unblock: sig %s\n", sig_name(got_sig));

    got_sig = 0;
    struct itimerval it = { { 0, 0 }, { 0, 30000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    errno = 0;
    r = epoll_wait(ep, &ev, 1, 5000);
    printf("epoll_wait + SIGALRM: %d %s sig %s\n", r, strerror(errno), sig_name(got_sig));
    close(ep);
    close(p[0]);
    close(p[1]);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    test_epoll();
    test_eventfd();
    test_timerfd();
    test_inotify();
    test_poll_select();
    test_time64_sockets();
    test_wait_signals();
    printf("%s\n", fails ? "SOME FAILED" : "all ok");
    return fails ? 1 : 0;
}
