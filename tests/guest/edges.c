/*
 * Linux edge semantics: POSIX timers (SIGEV_SIGNAL with a value,
 * SIGEV_THREAD_ID at a chosen thread, glibc's SIGEV_THREAD, which runs on
 * SIGEV_THREAD_ID with signal 32, overruns, timer_gettime/delete), select
 * with n above FD_SETSIZE (capped at the fd table), poll with nfds above
 * RLIMIT_NOFILE (EINVAL), TCGETS on a pipe (ENOTTY whatever the pointer).
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static void ms_sleep(int ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

static void timer_signal(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN + 4);
    sigprocmask(SIG_BLOCK, &set, NULL);
    struct sigevent sev;
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = SIGRTMIN + 4;
    sev.sigev_value.sival_int = 77;
    timer_t t;
    printf("timer_create: %d\n", timer_create(CLOCK_MONOTONIC, &sev, &t));
    /* (5 s for the reading: a loaded machine or a lazy binding must not
       let it expire first; then re-armed at 20 ms) */
    struct itimerspec its = { { 0, 0 }, { 5, 0 } };
    printf("timer_settime: %d\n", timer_settime(t, 0, &its, NULL));
    struct itimerspec cur;
    timer_gettime(t, &cur);
    printf("timer_gettime: running %s\n",
           cur.it_value.tv_sec * 1000000000LL + cur.it_value.tv_nsec > 0 && cur.it_value.tv_sec < 5 ? "yes" : "no");
    its.it_value.tv_sec = 0;
    its.it_value.tv_nsec = 20 * 1000000L;
    timer_settime(t, 0, &its, NULL);
    siginfo_t si;
    int s = sigwaitinfo(&set, &si);
    printf("signal SIGRTMIN%+d code %s value %d\n", s - SIGRTMIN, si.si_code == SI_TIMER ? "SI_TIMER" : "other",
           si.si_value.sival_int);
    /* periodic, 2 ms, blocked for 60 ms: overruns */
    struct itimerspec per = { { 0, 2000000L }, { 0, 2000000L } };
    timer_settime(t, 0, &per, NULL);
    ms_sleep(60);
    s = sigwaitinfo(&set, &si);
    printf("periodic: overrun counted %s\n", si.si_overrun > 5 ? "yes" : "no");
    struct itimerspec off = { { 0, 0 }, { 0, 0 } };
    timer_settime(t, 0, &off, NULL);
    printf("timer_delete: %d\n", timer_delete(t));
    errno = 0;
    int r = timer_settime(t, 0, &its, NULL);
    printf("settime after delete: %d %s\n", r, errno == EINVAL ? "EINVAL" : strerror(errno));
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static volatile pid_t handled_by;
static void who(int sig)
{
    (void)sig;
    handled_by = (pid_t)syscall(SYS_gettid);
}
static volatile pid_t target;
static volatile int stop;
static void *idle(void *arg)
{
    (void)arg;
    target = (pid_t)syscall(SYS_gettid);
    while (!stop)
        ms_sleep(1);
    return NULL;
}

static void timer_thread_id(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = who;
    sigaction(SIGRTMIN + 6, &sa, NULL);
    pthread_t th;
    pthread_create(&th, NULL, idle, NULL);
    while (!target)
        sched_yield();
    struct sigevent sev;
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_THREAD_ID;
    sev.sigev_signo = SIGRTMIN + 6;
#ifndef sigev_notify_thread_id
#define sigev_notify_thread_id _sigev_un._tid
#endif
    sev.sigev_notify_thread_id = target;
    timer_t t;
    int r = timer_create(CLOCK_MONOTONIC, &sev, &t);
    struct itimerspec its = { { 0, 0 }, { 0, 5 * 1000000L } };
    timer_settime(t, 0, &its, NULL);
    for (int i = 0; i < 2000 && !handled_by; i++)
        ms_sleep(1);
    printf("SIGEV_THREAD_ID: %d, handled by %s\n", r,
           handled_by == target ? "the target" : handled_by ? "another thread" : "nobody");
    timer_delete(t);
    stop = 1;
    pthread_join(th, NULL);
}

static sem_t fired;
static volatile int cb_value, cb_count;
static void callback(union sigval v)
{
    cb_value = v.sival_int;
    cb_count++;
    sem_post(&fired);
}

static void timer_sigev_thread(void)
{
    sem_init(&fired, 0, 0);
    struct sigevent sev;
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_THREAD;
    sev.sigev_notify_function = callback;
    sev.sigev_value.sival_int = 5;
    timer_t t;
    int r = timer_create(CLOCK_REALTIME, &sev, &t);
    struct itimerspec its = { { 0, 0 }, { 0, 10 * 1000000L } };
    timer_settime(t, 0, &its, NULL);
    struct timespec dl;
    clock_gettime(CLOCK_REALTIME, &dl);
    dl.tv_sec += 10;
    int w = sem_timedwait(&fired, &dl);
    printf("SIGEV_THREAD: create %d, callback %s, value %d\n", r, w == 0 ? "ran" : "did not run", cb_value);
    /* a second shot reuses the helper thread */
    timer_settime(t, 0, &its, NULL);
    w = sem_timedwait(&fired, &dl);
    printf("SIGEV_THREAD again: %s, count %d\n", w == 0 ? "ran" : "did not run", cb_count);
    timer_delete(t);
}

static void select_poll_tty(void)
{
    int p[2];
    if (pipe(p) != 0)
        perror("pipe");
    if (write(p[1], "x", 1) != 1)
        perror("write");
    /* n far above FD_SETSIZE: the kernel caps it at its fd table, so only
       the bits of open fds are looked at. */
    fd_set rd;
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    struct timeval tv = { 0, 0 };
    int r = select(FD_SETSIZE * 4, &rd, NULL, NULL, &tv);
    printf("select(4096): %d %s\n", r, r > 0 && FD_ISSET(p[0], &rd) ? "readable" : strerror(errno));
    /* nfds above RLIMIT_NOFILE: EINVAL */
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    static struct pollfd pf[8];
    pf[0].fd = p[0];
    pf[0].events = POLLIN;
    errno = 0;
    r = poll(pf, (nfds_t)rl.rlim_cur + 1, 0);
    printf("poll(nfds > RLIMIT_NOFILE): %d %s\n", r, errno == EINVAL ? "EINVAL" : strerror(errno));
    r = poll(pf, 1, 0);
    printf("poll(1): %d revents %s\n", r, pf[0].revents & POLLIN ? "POLLIN" : "none");
    /* TCGETS on a pipe: ENOTTY before the pointer is looked at */
    struct termios tio;
    errno = 0;
    r = ioctl(p[0], TCGETS, &tio);
    printf("TCGETS pipe: %d %s\n", r, errno == ENOTTY ? "ENOTTY" : strerror(errno));
    errno = 0;
    r = ioctl(p[0], TCGETS, (void *)8);
    printf("TCGETS pipe, bad pointer: %d %s\n", r, errno == ENOTTY ? "ENOTTY" : strerror(errno));
    close(p[0]);
    close(p[1]);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    timer_signal();
    timer_thread_id();
    timer_sigev_thread();
    select_poll_tty();
    return 0;
}
