/*
 * Socket syscalls: socketpair + SCM_RIGHTS/SCM_CREDENTIALS, an AF_UNIX
 * stream server and client in one process (poll), TCP and UDP over the
 * loopback interface (ephemeral ports), sendmsg/recvmsg/sendmmsg/recvmmsg,
 * socket options, select with a zero timeout.  Built with 32-bit time_t on
 * ARM (the old SO_RCVTIMEO and select layouts).  Loopback only; the output
 * holds no ports, pids or times, so native and emulated runs agree.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

static int fails;
#define CHECK(c)                                                                  \
    do {                                                                          \
        if (!(c)) {                                                               \
            printf("FAIL line %d: %s (errno %d)\n", __LINE__, #c, errno);         \
            fails++;                                                              \
        }                                                                         \
    } while (0)

static void test_socketpair(void)
{
    int sv[2];
    char buf[16] = { 0 };
    CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
    CHECK(write(sv[0], "ping", 4) == 4);
    CHECK(read(sv[1], buf, sizeof buf) == 4);
    printf("socketpair: %s\n", buf);

    struct ucred uc;
    socklen_t l = sizeof uc;
    CHECK(getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &uc, &l) == 0);
    printf("SO_PEERCRED: len %u pid-ok %d uid-ok %d\n", (unsigned)l, uc.pid == getpid(),
           uc.uid == getuid());
    int type = 0;
    l = sizeof type;
    CHECK(getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &type, &l) == 0);
    printf("SO_TYPE stream %d\n", type == SOCK_STREAM);
    close(sv[0]);
    close(sv[1]);
}

/* Send fds[0..n) and our credentials over sock in one message. */
static int send_fds(int sock, const int *fds, int n)
{
    union {
        char buf[CMSG_SPACE(sizeof(int) * 4) + CMSG_SPACE(sizeof(struct ucred))];
        struct cmsghdr align;
    } u;
    memset(&u, 0, sizeof u);
    char byte = 'F';
    struct iovec iov = { &byte, 1 };
    struct msghdr m = { 0 };
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = u.buf;
    m.msg_controllen = CMSG_SPACE(sizeof(int) * n) + CMSG_SPACE(sizeof(struct ucred));
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int) * n);
    memcpy(CMSG_DATA(c), fds, sizeof(int) * n);
    c = CMSG_NXTHDR(&m, c);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_CREDENTIALS;
    c->cmsg_len = CMSG_LEN(sizeof(struct ucred));
    struct ucred uc = { getpid(), getuid(), getgid() };
    memcpy(CMSG_DATA(c), &uc, sizeof uc);
    return (int)sendmsg(sock, &m, 0);
}

static void test_scm_rights(void)
{
    int sv[2], p[2];
    CHECK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0);
    int on = 1;
    CHECK(setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof on) == 0);
    CHECK(pipe(p) == 0);
    CHECK(send_fds(sv[0], &p[0], 1) == 1);

    union {
        char buf[256];
        struct cmsghdr align;
    } u;
    char byte = 0;
    struct iovec iov = { &byte, 1 };
    struct msghdr m = { 0 };
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = u.buf;
    m.msg_controllen = sizeof u.buf;
    CHECK(recvmsg(sv[1], &m, 0) == 1);
    int got_fd = -1, got_cred = 0;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
            printf("SCM_RIGHTS: %d fd(s)\n", (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int)));
            memcpy(&got_fd, CMSG_DATA(c), sizeof got_fd);
        } else if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS) {
            struct ucred uc;
            memcpy(&uc, CMSG_DATA(c), sizeof uc);
            got_cred = uc.pid == getpid() && uc.uid == getuid() && uc.gid == getgid();
        }
    }
    printf("byte %c, flags %d, creds ok %d\n", byte, m.msg_flags, got_cred);
    CHECK(got_fd >= 0 && got_fd != p[0]);
    CHECK(write(p[1], "via fd", 6) == 6);
    char buf[16] = { 0 };
    CHECK(read(got_fd, buf, sizeof buf) == 6);
    printf("read through passed fd: %s\n", buf);
    close(got_fd);

    /* Three fds into room for one: truncated, MSG_CTRUNC.  (Without
       SO_PASSCRED: a credentials message would come first and take the
       room, differently on 32- and 64-bit layouts.) */
    on = 0;
    CHECK(setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof on) == 0);
    int three[3] = { p[0], p[0], p[1] };
    CHECK(send_fds(sv[0], three, 3) == 1);
    m.msg_control = u.buf;
    m.msg_controllen = CMSG_SPACE(sizeof(int));
    m.msg_flags = 0;
    CHECK(recvmsg(sv[1], &m, 0) == 1);
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    int first = -1;
    if (c && c->cmsg_type == SCM_RIGHTS)
        memcpy(&first, CMSG_DATA(c), sizeof first);
    printf("truncated: ctrunc %d, first fd usable %d\n", !!(m.msg_flags & MSG_CTRUNC),
           first >= 0 && fcntl(first, F_GETFD) >= 0);
    close(p[0]);
    close(p[1]);
    close(sv[0]);
    close(sv[1]);
}

static void test_unix_stream(void)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    /* Abstract name: no file, unique per process. */
    int n = snprintf(sa.sun_path + 1, sizeof sa.sun_path - 1, "mimic-test-%d", (int)getpid());
    socklen_t salen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + n);
    int srv = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    CHECK(srv >= 0);
    CHECK(bind(srv, (struct sockaddr *)&sa, salen) == 0);
    CHECK(listen(srv, 4) == 0);
    struct pollfd pf = { srv, POLLIN, 0 };
    CHECK(poll(&pf, 1, 0) == 0);
    int cli = socket(AF_UNIX, SOCK_STREAM, 0);
    CHECK(connect(cli, (struct sockaddr *)&sa, salen) == 0);
    CHECK(poll(&pf, 1, 1000) == 1);
    printf("unix listener revents POLLIN %d\n", !!(pf.revents & POLLIN));
    struct sockaddr_un peer;
    socklen_t plen = sizeof peer;
    int conn = accept(srv, (struct sockaddr *)&peer, &plen);
    CHECK(conn >= 0);
    printf("accept: peer family %d len %u\n", peer.sun_family, (unsigned)plen);
    struct sockaddr_un me;
    socklen_t mlen = sizeof me;
    CHECK(getsockname(srv, (struct sockaddr *)&me, &mlen) == 0);
    printf("getsockname: len matches %d, name matches %d\n", mlen == salen,
           memcmp(me.sun_path, sa.sun_path, salen - offsetof(struct sockaddr_un, sun_path)) == 0);
    /* A too-small buffer: truncated, but the full length is reported. */
    char tiny[4];
    socklen_t tlen = sizeof tiny;
    CHECK(getsockname(srv, (struct sockaddr *)tiny, &tlen) == 0);
    printf("small getsockname: full len reported %d\n", tlen == salen);

    CHECK(send(cli, "hello server", 12, 0) == 12);
    char buf[32] = { 0 };
    CHECK(recv(conn, buf, sizeof buf, 0) == 12);
    printf("server got: %s\n", buf);
    CHECK(send(conn, "hi client", 9, MSG_NOSIGNAL) == 9);
    struct pollfd cp = { cli, POLLIN, 0 };
    CHECK(poll(&cp, 1, 1000) == 1);
    memset(buf, 0, sizeof buf);
    CHECK(recv(cli, buf, sizeof buf, 0) == 9);
    printf("client got: %s\n", buf);
    CHECK(shutdown(cli, SHUT_WR) == 0);
    CHECK(recv(conn, buf, sizeof buf, 0) == 0);
    printf("eof after shutdown\n");
    close(conn);
    close(cli);
    close(srv);
}

static void test_tcp(void)
{
    int srv = socket(AF_INET, SOCK_STREAM, 0);
    CHECK(srv >= 0);
    int on = 1;
    CHECK(setsockopt(srv, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) == 0);
    int v = 0;
    socklen_t l = sizeof v;
    CHECK(getsockopt(srv, SOL_SOCKET, SO_REUSEADDR, &v, &l) == 0);
    printf("SO_REUSEADDR %d len %u\n", v, (unsigned)l);
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = 0 };
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK(bind(srv, (struct sockaddr *)&sa, sizeof sa) == 0);
    struct sockaddr_in bound;
    socklen_t blen = sizeof bound;
    CHECK(getsockname(srv, (struct sockaddr *)&bound, &blen) == 0);
    printf("tcp bound: family %d len %u port-nonzero %d addr %s\n", bound.sin_family, (unsigned)blen,
           bound.sin_port != 0, inet_ntoa(bound.sin_addr));
    CHECK(listen(srv, 8) == 0);
    int cli = socket(AF_INET, SOCK_STREAM, 0);
    CHECK(connect(cli, (struct sockaddr *)&bound, sizeof bound) == 0);
    struct sockaddr_in peer;
    socklen_t plen = sizeof peer;
    int conn = accept4(srv, (struct sockaddr *)&peer, &plen, SOCK_CLOEXEC);
    CHECK(conn >= 0);
    printf("accept4: cloexec %d\n", (fcntl(conn, F_GETFD) & FD_CLOEXEC) != 0);
    struct sockaddr_in cname;
    socklen_t clen = sizeof cname;
    CHECK(getsockname(cli, (struct sockaddr *)&cname, &clen) == 0);
    printf("peer is client: %d\n", peer.sin_port == cname.sin_port && peer.sin_addr.s_addr == cname.sin_addr.s_addr);
    struct sockaddr_in pn;
    socklen_t pnl = sizeof pn;
    CHECK(getpeername(cli, (struct sockaddr *)&pn, &pnl) == 0);
    printf("getpeername = server: %d\n", pn.sin_port == bound.sin_port);

    CHECK(setsockopt(cli, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on) == 0);
    v = 0;
    l = sizeof v;
    CHECK(getsockopt(cli, IPPROTO_TCP, TCP_NODELAY, &v, &l) == 0);
    printf("TCP_NODELAY %d\n", v != 0);
    struct linger lg = { 1, 5 }, lg2;
    CHECK(setsockopt(cli, SOL_SOCKET, SO_LINGER, &lg, sizeof lg) == 0);
    l = sizeof lg2;
    CHECK(getsockopt(cli, SOL_SOCKET, SO_LINGER, &lg2, &l) == 0);
    printf("SO_LINGER %d %d len %u\n", lg2.l_onoff, lg2.l_linger, (unsigned)l);
    int err = -1;
    l = sizeof err;
    CHECK(getsockopt(cli, SOL_SOCKET, SO_ERROR, &err, &l) == 0);
    printf("SO_ERROR %d\n", err);

    /* Echo, with select(timeout 0) before and after the data arrives. */
    fd_set rs;
    struct timeval tv = { 0, 0 };
    FD_ZERO(&rs);
    FD_SET(conn, &rs);
    printf("select before: %d\n", select(conn + 1, &rs, NULL, NULL, &tv));
    const char msg[] = "echo me";
    CHECK(write(cli, msg, sizeof msg) == (ssize_t)sizeof msg);
    struct pollfd pf = { conn, POLLIN, 0 };
    CHECK(poll(&pf, 1, 2000) == 1);
    FD_ZERO(&rs);
    FD_SET(conn, &rs);
    tv.tv_sec = 0;
    tv.tv_usec = 0;
    int sr = select(conn + 1, &rs, NULL, NULL, &tv);
    printf("select after: %d isset %d\n", sr, FD_ISSET(conn, &rs) != 0);
    char buf[64] = { 0 };
    ssize_t n = recv(conn, buf, sizeof buf, 0);
    CHECK(n == (ssize_t)sizeof msg);
    CHECK(send(conn, buf, (size_t)n, 0) == n);
    memset(buf, 0, sizeof buf);
    size_t got = 0;
    while (got < sizeof msg) {
        n = read(cli, buf + got, sizeof buf - got);
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    printf("tcp echo: %s\n", buf);
    close(cli);
    CHECK(read(conn, buf, sizeof buf) == 0);
    close(conn);
    close(srv);
}

static void test_udp(void)
{
    int a = socket(AF_INET, SOCK_DGRAM, 0), b = socket(AF_INET, SOCK_DGRAM, 0);
    CHECK(a >= 0 && b >= 0);
    struct sockaddr_in sa = { .sin_family = AF_INET };
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK(bind(b, (struct sockaddr *)&sa, sizeof sa) == 0);
    CHECK(bind(a, (struct sockaddr *)&sa, sizeof sa) == 0);
    struct sockaddr_in baddr, aaddr;
    socklen_t l = sizeof baddr;
    CHECK(getsockname(b, (struct sockaddr *)&baddr, &l) == 0);
    l = sizeof aaddr;
    CHECK(getsockname(a, (struct sockaddr *)&aaddr, &l) == 0);

    CHECK(sendto(a, "datagram", 8, 0, (struct sockaddr *)&baddr, sizeof baddr) == 8);
    char buf[64] = { 0 };
    struct sockaddr_in from;
    socklen_t fl = sizeof from;
    CHECK(recvfrom(b, buf, sizeof buf, 0, (struct sockaddr *)&from, &fl) == 8);
    printf("udp: %s from-ok %d len %u\n", buf, from.sin_port == aaddr.sin_port, (unsigned)fl);

    /* sendmsg with a two-part iovec and a destination; recvmsg with name. */
    struct iovec iov[2] = { { "scatter-", 8 }, { "gather", 6 } };
    struct msghdr m = { 0 };
    m.msg_name = &baddr;
    m.msg_namelen = sizeof baddr;
    m.msg_iov = iov;
    m.msg_iovlen = 2;
    CHECK(sendmsg(a, &m, 0) == 14);
    char p1[4] = { 0 }, p2[32] = { 0 };
    struct iovec riov[2] = { { p1, 4 }, { p2, sizeof p2 - 1 } };
    struct sockaddr_in rname;
    struct msghdr rm = { 0 };
    rm.msg_name = &rname;
    rm.msg_namelen = sizeof rname;
    rm.msg_iov = riov;
    rm.msg_iovlen = 2;
    CHECK(recvmsg(b, &rm, 0) == 14);
    printf("recvmsg: '%.4s' '%s' namelen %u from-ok %d flags %d\n", p1, p2, (unsigned)rm.msg_namelen,
           rname.sin_port == aaddr.sin_port, rm.msg_flags);

    /* A datagram larger than the buffer: MSG_TRUNC. */
    CHECK(sendto(a, "0123456789", 10, 0, (struct sockaddr *)&baddr, sizeof baddr) == 10);
    struct iovec small = { p1, 4 };
    rm.msg_iov = &small;
    rm.msg_iovlen = 1;
    rm.msg_namelen = sizeof rname;
    CHECK(recvmsg(b, &rm, 0) == 4);
    printf("truncated datagram: MSG_TRUNC %d\n", !!(rm.msg_flags & MSG_TRUNC));

    /* sendmmsg / recvmmsg: three datagrams at once. */
    struct mmsghdr mv[3];
    struct iovec miov[3];
    const char *words[3] = { "one", "two", "three" };
    memset(mv, 0, sizeof mv);
    CHECK(connect(a, (struct sockaddr *)&baddr, sizeof baddr) == 0);
    for (int i = 0; i < 3; i++) {
        miov[i].iov_base = (void *)words[i];
        miov[i].iov_len = strlen(words[i]);
        mv[i].msg_hdr.msg_iov = &miov[i];
        mv[i].msg_hdr.msg_iovlen = 1;
    }
    printf("sendmmsg: %d\n", sendmmsg(a, mv, 3, 0));
    char rb[3][16];
    memset(rb, 0, sizeof rb);
    memset(mv, 0, sizeof mv);
    for (int i = 0; i < 3; i++) {
        miov[i].iov_base = rb[i];
        miov[i].iov_len = sizeof rb[i] - 1;
        mv[i].msg_hdr.msg_iov = &miov[i];
        mv[i].msg_hdr.msg_iovlen = 1;
    }
    int got = 0;
    while (got < 3) {
        int r = recvmmsg(b, mv + got, 3 - got, 0, NULL);
        if (r <= 0)
            break;
        got += r;
    }
    printf("recvmmsg: %d:", got);
    for (int i = 0; i < got; i++)
        printf(" %s(%u)", rb[i], mv[i].msg_len);
    printf("\n");

    /* Multicast membership: struct ip_mreq, and struct group_req (whose
       sockaddr_storage is 4-aligned on ARM, 8-aligned on x86-64). */
    struct ip_mreq mr;
    mr.imr_multiaddr.s_addr = inet_addr("239.1.2.3");
    mr.imr_interface.s_addr = htonl(INADDR_LOOPBACK);
    errno = 0;
    int jr = setsockopt(b, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mr, sizeof mr);
    printf("IP_ADD_MEMBERSHIP: %d %s\n", jr, strerror(errno));
    if (jr == 0)
        CHECK(setsockopt(b, IPPROTO_IP, IP_DROP_MEMBERSHIP, &mr, sizeof mr) == 0);
    struct group_req gr;
    memset(&gr, 0, sizeof gr);
    gr.gr_interface = 1; /* lo */
    struct sockaddr_in *gs = (struct sockaddr_in *)&gr.gr_group;
    gs->sin_family = AF_INET;
    gs->sin_addr.s_addr = inet_addr("239.1.2.4");
    errno = 0;
    jr = setsockopt(b, IPPROTO_IP, MCAST_JOIN_GROUP, &gr, sizeof gr);
    printf("MCAST_JOIN_GROUP: %d %s\n", jr, strerror(errno));
    errno = 0;
    jr = setsockopt(b, IPPROTO_IP, MCAST_JOIN_GROUP, &gr, sizeof gr);
    printf("MCAST_JOIN_GROUP again: %d %s\n", jr, strerror(errno));
    errno = 0;
    jr = setsockopt(b, IPPROTO_IP, MCAST_LEAVE_GROUP, &gr, sizeof gr);
    printf("MCAST_LEAVE_GROUP: %d %s\n", jr, strerror(errno));

    /* SO_RCVTIMEO (32-bit timeval on ARM here): round trip, then a timed-out
       receive. */
    struct timeval tv = { 0, 50000 }, tv2 = { 0, 0 };
    CHECK(setsockopt(b, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) == 0);
    l = sizeof tv2;
    CHECK(getsockopt(b, SOL_SOCKET, SO_RCVTIMEO, &tv2, &l) == 0);
    printf("SO_RCVTIMEO %ld.%06ld len-ok %d\n", (long)tv2.tv_sec, (long)tv2.tv_usec, l == sizeof tv2);
    errno = 0;
    ssize_t r = recv(b, buf, sizeof buf, 0);
    printf("timed-out recv: %zd %s\n", r, errno == EAGAIN ? "EAGAIN" : strerror(errno));
    close(a);
    close(b);
}

/* SO_TIMESTAMP: the control message carries a struct timeval (32-bit time
   here on ARM; the emulator narrows the host's). */
static void test_timestamp(void)
{
    int sv[2];
    CHECK(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0);
    int on = 1;
    CHECK(setsockopt(sv[1], SOL_SOCKET, SO_TIMESTAMP, &on, sizeof on) == 0);
    CHECK(send(sv[0], "t", 1, 0) == 1);
    union {
        char buf[CMSG_SPACE(sizeof(struct timeval)) + 64];
        struct cmsghdr align;
    } u;
    char byte;
    struct iovec iov = { &byte, 1 };
    struct msghdr m = { 0 };
    m.msg_iov = &iov;
    m.msg_iovlen = 1;
    m.msg_control = u.buf;
    m.msg_controllen = sizeof u.buf;
    CHECK(recvmsg(sv[1], &m, 0) == 1);
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    int ok = 0;
    if (c && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMP &&
        c->cmsg_len == CMSG_LEN(sizeof(struct timeval))) {
        struct timeval tv, now;
        memcpy(&tv, CMSG_DATA(c), sizeof tv);
        gettimeofday(&now, NULL);
        ok = tv.tv_sec <= now.tv_sec && tv.tv_sec > now.tv_sec - 100 && tv.tv_usec >= 0 &&
             tv.tv_usec < 1000000;
    }
    printf("SCM_TIMESTAMP ok %d, controllen-ok %d\n", ok,
           m.msg_controllen == CMSG_SPACE(sizeof(struct timeval)));
    close(sv[0]);
    close(sv[1]);
}

static void test_errors(void)
{
    /* Each result is stored before printing: argument evaluation order
       would otherwise decide whether errno is read before the call. */
    errno = 0;
    int r = socket(12345, SOCK_STREAM, 0);
    printf("socket(bad family): %d %s\n", r, strerror(errno));
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = { .sin_family = AF_INET };
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    /* A length beyond sockaddr_storage is EINVAL. */
    char big[256] = { 0 };
    memcpy(big, &sa, sizeof sa);
    errno = 0;
    r = bind(s, (struct sockaddr *)big, sizeof big);
    printf("bind(huge len): %d %s\n", r, strerror(errno));
    socklen_t bl = sizeof big;
    errno = 0;
    r = getpeername(s, (struct sockaddr *)big, &bl);
    printf("getpeername(unconnected): %d %s\n", r, strerror(errno));
    errno = 0;
    ssize_t n = recv(100, big, 1, 0);
    printf("recv(not a socket): %zd %s\n", n, strerror(errno));
    errno = 0;
    r = setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, big, 3);
    printf("SO_RCVTIMEO short optlen: %d %s\n", r, strerror(errno));
    close(s);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    test_socketpair();
    test_scm_rights();
    test_unix_stream();
    test_tcp();
    test_udp();
    test_timestamp();
    test_errors();
    printf("%s\n", fails ? "SOME FAILED" : "all ok");
    return fails ? 1 : 0;
}
