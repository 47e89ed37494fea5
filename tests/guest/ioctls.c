/*
 * ioctl requests, portable: terminals (a pseudo-terminal pair: termios,
 * window size, queues, sessions and the controlling terminal, TIOCGPTPEER),
 * FIONREAD/FIONBIO/FIOCLEX on pipes, requests that make no sense for a
 * file (ENOTTY), and network interface queries (loopback).
 * (qemu-arm differs in two lines: TIOCGSID, and an unknown request's
 * errno.)  Where no pseudo-terminal can be opened, the pty part says so
 * both natively and under the emulator.
 */
#define _GNU_SOURCE /* ptsname, posix_openpt */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include <linux/fs.h>

static const char *err(int r)
{
    if (r >= 0)
        return "ok";
    switch (errno) {
    case ENOTTY: return "ENOTTY";
    case EINVAL: return "EINVAL";
    case EBADF: return "EBADF";
    case EPERM: return "EPERM";
    case EIO: return "EIO";
    case EOPNOTSUPP: return "EOPNOTSUPP";
    default: return "other error";
    }
}

static void pty_tests(void)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0) {
        printf("no ptys\n");
        return;
    }
    /* (printf's arguments are evaluated in no fixed order: every call
       whose effect is printed runs in a statement of its own.) */
    const char *e1 = err(grantpt(m));
    const char *e2 = err(unlockpt(m));
    printf("grantpt %s, unlockpt %s, ptsname %s\n", e1, e2,
           ptsname(m) && strncmp(ptsname(m), "/dev/pts/", 9) == 0 ? "/dev/pts/N" : "?");
    unsigned n = 12345;
    e1 = err(ioctl(m, TIOCGPTN, &n));
    printf("TIOCGPTN %s (%s)\n", e1, n != 12345 ? "set" : "unset");
    int s = open(ptsname(m), O_RDWR | O_NOCTTY);
    printf("open slave %s, isatty %d %d\n", s >= 0 ? "ok" : "failed", isatty(m), isatty(s));

    struct termios t;
    e1 = err(tcgetattr(s, &t));
    printf("tcgetattr %s, ICANON %d ECHO %d\n", e1, !!(t.c_lflag & ICANON),
           !!(t.c_lflag & ECHO));
    t.c_lflag &= ~ECHO;
    cfsetospeed(&t, B9600);
    e1 = err(tcsetattr(s, TCSANOW, &t));
    e2 = err(tcsetattr(s, TCSADRAIN, &t));
    const char *e3 = err(tcsetattr(s, TCSAFLUSH, &t));
    printf("tcsetattr TCSANOW %s, TCSADRAIN %s, TCSAFLUSH %s\n", e1, e2, e3);
    struct termios t2;
    tcgetattr(s, &t2);
    printf("ECHO now %d, ospeed 9600: %s\n", !!(t2.c_lflag & ECHO),
           cfgetospeed(&t2) == B9600 ? "yes" : "no");

    struct winsize ws = { 24, 80, 0, 0 }, ws2;
    memset(&ws2, 0, sizeof ws2);
    e1 = err(ioctl(m, TIOCSWINSZ, &ws));
    e2 = err(ioctl(s, TIOCGWINSZ, &ws2));
    printf("TIOCSWINSZ %s, TIOCGWINSZ %s: %dx%d\n", e1, e2, ws2.ws_row, ws2.ws_col);

    /* A line typed on the master arrives on the slave. */
    if (write(m, "hello\n", 6) != 6)
        perror("write");
    usleep(20000);
    int avail = -1;
    e1 = err(ioctl(s, FIONREAD, &avail));
    printf("FIONREAD on slave %s: %d\n", e1, avail);
    char buf[32];
    ssize_t got = read(s, buf, sizeof buf);
    printf("slave read %d: %.*s", (int)got, got > 0 ? (int)got : 0, buf);
    int outq = -1;
    e1 = err(ioctl(s, TIOCOUTQ, &outq));
    printf("TIOCOUTQ %s: %d\n", e1, outq);
    e1 = err(tcflush(s, TCIOFLUSH));
    e2 = err(tcdrain(s));
    e3 = err(tcflow(s, TCOON));
    const char *e4 = err(tcsendbreak(s, 0));
    printf("tcflush %s, tcdrain %s, tcflow %s, tcsendbreak %s\n", e1, e2, e3, e4);

#ifdef TIOCGPTPEER
    int peer = ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC);
    printf("TIOCGPTPEER %s, isatty %d, cloexec %d\n", err(peer), peer >= 0 && isatty(peer),
           peer >= 0 && (fcntl(peer, F_GETFD) & FD_CLOEXEC) ? 1 : 0);
    if (peer >= 0)
        close(peer);
#endif

    /* A new session takes the slave as its controlling terminal. */
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        int ok = setsid() > 0;
        int r = ioctl(s, TIOCSCTTY, 0);
        const char *c1 = err(r);
        pid_t sid = -1, pg = -1;
        const char *c2 = err(ioctl(s, TIOCGSID, &sid));
        const char *c3 = err(ioctl(s, TIOCGPGRP, &pg));
        printf("child: setsid %d, TIOCSCTTY %s, TIOCGSID %s %s, TIOCGPGRP %s %s\n", ok, c1, c2,
               sid == getpid() ? "= me" : "!= me", c3, pg == getpid() ? "= me" : "!= me");
        pid_t want = getpid();
        c1 = err(tcsetpgrp(s, want));
        printf("child: tcsetpgrp %s, tcgetpgrp = me: %d\n", c1, tcgetpgrp(s) == want);
        signal(SIGHUP, SIG_IGN);
        printf("child: TIOCNOTTY %s\n", err(ioctl(s, TIOCNOTTY)));
        fflush(stdout);
        _exit(0);
    }
    int st;
    waitpid(pid, &st, 0);
    pid_t sid;
    printf("parent: TIOCGSID on a terminal that is not ours: %s\n", err(ioctl(s, TIOCGSID, &sid)));
    close(s);
    close(m);
}

static void file_tests(void)
{
    int p[2];
    if (pipe(p) != 0)
        return;
    int n = -1;
    if (write(p[1], "abc", 3) != 3)
        perror("write");
    const char *e1 = err(ioctl(p[0], FIONREAD, &n));
    printf("pipe FIONREAD %s: %d\n", e1, n);
    int on = 1;
    e1 = err(ioctl(p[0], FIONBIO, &on));
    printf("FIONBIO %s, O_NONBLOCK %d\n", e1, !!(fcntl(p[0], F_GETFL) & O_NONBLOCK));
    char b[8];
    if (read(p[0], b, 8) != 3)
        printf("short read\n");
    int r = (int)read(p[0], b, 8);
    printf("empty nonblocking read: %s\n", r < 0 && errno == EAGAIN ? "EAGAIN" : "?");
    e1 = err(ioctl(p[0], FIOCLEX));
    printf("FIOCLEX %s -> %d, ", e1, fcntl(p[0], F_GETFD) & FD_CLOEXEC);
    e1 = err(ioctl(p[0], FIONCLEX));
    printf("FIONCLEX %s -> %d\n", e1, fcntl(p[0], F_GETFD) & FD_CLOEXEC);
    struct termios t;
    printf("TCGETS on a pipe: %s\n", err(tcgetattr(p[0], &t)));
    close(p[0]);
    close(p[1]);

    char path[] = "/tmp/mimic-ioctlXXXXXX";
    int fd = mkstemp(path);
    unlink(path);
    unsigned long long size64;
    int ssz;
    printf("regular file: TIOCGWINSZ %s, BLKGETSIZE64 %s, BLKSSZGET %s\n",
           err(ioctl(fd, TIOCGWINSZ, &(struct winsize){ 0 })), err(ioctl(fd, BLKGETSIZE64, &size64)),
           err(ioctl(fd, BLKSSZGET, &ssz)));
    int flags = 0;
    r = ioctl(fd, FS_IOC_GETFLAGS, &flags);
    printf("FS_IOC_GETFLAGS: %s\n", r == 0 || errno == ENOTTY || errno == EOPNOTSUPP ? "ok or unsupported" : err(r));
    printf("unknown request: %s\n", err(ioctl(fd, 0x7a7a, 0)));
    close(fd);
    printf("bad fd: %s\n", err(ioctl(999, FIONREAD, &n)));
}

static void net_tests(void)
{
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    if (s < 0) {
        printf("no sockets\n");
        return;
    }
    struct ifreq reqs[32];
    struct ifconf ifc = { .ifc_len = sizeof reqs, .ifc_req = reqs };
    int r = ioctl(s, SIOCGIFCONF, &ifc);
    int have_lo = 0, sane = ifc.ifc_len % (int)sizeof(struct ifreq) == 0;
    for (int i = 0; r == 0 && i < ifc.ifc_len / (int)sizeof(struct ifreq); i++)
        if (strcmp(reqs[i].ifr_name, "lo") == 0)
            have_lo = 1;
    printf("SIOCGIFCONF %s, whole entries %d, lo listed %d\n", err(r), sane, have_lo);
    struct ifconf need = { .ifc_len = 0, .ifc_buf = NULL };
    r = ioctl(s, SIOCGIFCONF, &need);
    printf("SIOCGIFCONF length query %s, same length %d\n", err(r), need.ifc_len == ifc.ifc_len);
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    strcpy(ifr.ifr_name, "lo");
    r = ioctl(s, SIOCGIFINDEX, &ifr);
    int idx = ifr.ifr_ifindex;
    printf("SIOCGIFINDEX lo %s, index > 0: %d\n", err(r), idx > 0);
    memset(&ifr, 0, sizeof ifr);
    ifr.ifr_ifindex = idx;
    const char *e1 = err(ioctl(s, SIOCGIFNAME, &ifr));
    printf("SIOCGIFNAME %s: %s\n", e1, ifr.ifr_name);
    strcpy(ifr.ifr_name, "lo");
    r = ioctl(s, SIOCGIFFLAGS, &ifr);
    printf("SIOCGIFFLAGS %s, loopback %d\n", err(r), !!(ifr.ifr_flags & IFF_LOOPBACK));
    strcpy(ifr.ifr_name, "lo");
    r = ioctl(s, SIOCGIFADDR, &ifr);
    const unsigned char *a = (const unsigned char *)&ifr.ifr_addr.sa_data[2];
    printf("SIOCGIFADDR %s: %d.%d.%d.%d\n", err(r), a[0], a[1], a[2], a[3]);
    strcpy(ifr.ifr_name, "lo");
    r = ioctl(s, SIOCGIFMTU, &ifr);
    printf("SIOCGIFMTU %s, mtu > 0: %d\n", err(r), ifr.ifr_mtu > 0);
    strcpy(ifr.ifr_name, "nonexistent0");
    printf("SIOCGIFINDEX nonexistent: %s\n", ioctl(s, SIOCGIFINDEX, &ifr) < 0 && errno == ENODEV ? "ENODEV" : "?");
    close(s);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    pty_tests();
    file_tests();
    net_tests();
    return 0;
}
