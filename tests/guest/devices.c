/*
 * Device ioctls with structures: loop devices (LOOP_CTL_GET_FREE,
 * LOOP_CONFIGURE, LOOP_SET_FD, LOOP_SET_STATUS64, LOOP_GET_STATUS64,
 * LOOP_CLR_FD), TUN/TAP (TUNGETFEATURES, TUNSETIFF, TUNGETIFF, ...), and
 * FICLONE/FICLONERANGE/FIDEDUPERANGE.  Needs root and /dev/loop-control
 * for the loop part: without them the test says SKIP.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <linux/if_tun.h>
#include <linux/loop.h>
#include <net/if.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static void show(const char *what, long r)
{
    if (r < 0)
        printf("%-36s -1 %s\n", what, strerror(errno));
    else
        printf("%-36s %ld\n", what, r);
}

#define SIZE 65536
static char path[64];

static int make_backing(void)
{
    strcpy(path, "build/tests/devices-XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0) {
        strcpy(path, "devices-XXXXXX");
        fd = mkstemp(path);
    }
    if (fd < 0)
        return -1;
    static unsigned char b[SIZE];
    for (int i = 0; i < SIZE; i++)
        b[i] = (unsigned char)(i * 7 + i / 256);
    write(fd, b, SIZE);
    return fd;
}

/* A free loop device, opened: its fd (and number in *n), or -1. */
static int free_loop(int ctl, int *n)
{
    *n = ioctl(ctl, LOOP_CTL_GET_FREE);
    if (*n < 0)
        return -1;
    char dev[32];
    snprintf(dev, sizeof dev, "/dev/loop%d", *n);
    return open(dev, O_RDWR);
}

static void check_status(int lfd, int n, unsigned long long off)
{
    struct loop_info64 li;
    memset(&li, 0x5a, sizeof li);
    long r = ioctl(lfd, LOOP_GET_STATUS64, &li);
    show("  LOOP_GET_STATUS64", r);
    if (r == 0)
        printf("  offset %llu, number %s, sizelimit %llu, name \"%s\", autoclear %s\n",
               (unsigned long long)li.lo_offset, li.lo_number == (unsigned)n ? "right" : "wrong",
               (unsigned long long)li.lo_sizelimit, (char *)li.lo_file_name,
               li.lo_flags & LO_FLAGS_AUTOCLEAR ? "yes" : "no");
    unsigned long long size = 0;
    ioctl(lfd, BLKGETSIZE64, &size);
    unsigned char b[16];
    int same = pread(lfd, b, 16, 0) == 16;
    for (int i = 0; same && i < 16; i++)
        same = b[i] == (unsigned char)((off + i) * 7 + (off + i) / 256);
    printf("  size %llu (want %llu), content %s\n", size, SIZE - off, same ? "matches" : "DIFFERS");
}

static void loops(int bfd)
{
    int ctl = open("/dev/loop-control", O_RDWR);
    if (ctl < 0) {
        printf("SKIP: /dev/loop-control: %s\n", strerror(errno));
        return;
    }
    int n = -1, lfd = -1;
    long r = -1;
    /* LOOP_CONFIGURE (others may take the device we were given: retry) */
    for (int tries = 0; tries < 20; tries++) {
        lfd = free_loop(ctl, &n);
        if (lfd < 0)
            break;
        struct loop_config cfg;
        memset(&cfg, 0, sizeof cfg);
        cfg.fd = (unsigned)bfd;
        cfg.info.lo_offset = 512;
        cfg.info.lo_flags = LO_FLAGS_AUTOCLEAR;
        strcpy((char *)cfg.info.lo_file_name, "mimic-loop-test");
        r = ioctl(lfd, LOOP_CONFIGURE, &cfg);
        if (r == 0 || errno != EBUSY)
            break;
        close(lfd);
    }
    if (lfd < 0) {
        printf("SKIP: no loop device: %s\n", strerror(errno));
        return;
    }
    show("LOOP_CONFIGURE", r);
    check_status(lfd, n, 512);
    struct loop_info64 li;
    memset(&li, 0, sizeof li);
    li.lo_offset = 1024;
    li.lo_sizelimit = 4096;
    strcpy((char *)li.lo_file_name, "second name");
    show("LOOP_SET_STATUS64", ioctl(lfd, LOOP_SET_STATUS64, &li));
    check_status(lfd, n, 1024);
    show("LOOP_CLR_FD", ioctl(lfd, LOOP_CLR_FD, 0));
    show("LOOP_GET_STATUS64 after clear", ioctl(lfd, LOOP_GET_STATUS64, &li));
    close(lfd);

    /* the old way: LOOP_SET_FD, then LOOP_SET_STATUS64 */
    for (int tries = 0; tries < 20; tries++) {
        lfd = free_loop(ctl, &n);
        if (lfd < 0)
            break;
        r = ioctl(lfd, LOOP_SET_FD, bfd);
        if (r == 0 || errno != EBUSY)
            break;
        close(lfd);
    }
    show("LOOP_SET_FD", r);
    memset(&li, 0, sizeof li);
    li.lo_offset = 2048;
    strcpy((char *)li.lo_file_name, "third");
    show("LOOP_SET_STATUS64", ioctl(lfd, LOOP_SET_STATUS64, &li));
    check_status(lfd, n, 2048);
    show("LOOP_SET_STATUS64 bad pointer", ioctl(lfd, LOOP_SET_STATUS64, (void *)16));
    show("LOOP_CLR_FD", ioctl(lfd, LOOP_CLR_FD, 0));
    close(lfd);
    show("LOOP_CTL_GET_FREE on a file", ioctl(bfd, LOOP_CTL_GET_FREE));
    close(ctl);
}

static void tun(void)
{
    int fd = open("/dev/net/tun", O_RDWR);
    if (fd < 0) {
        printf("tun: %s\n", strerror(errno));
        return;
    }
    unsigned feat = 0;
    show("TUNGETFEATURES", ioctl(fd, TUNGETFEATURES, &feat));
    printf("  IFF_TUN %d IFF_TAP %d IFF_NO_PI %d IFF_MULTI_QUEUE %d\n", !!(feat & IFF_TUN),
           !!(feat & IFF_TAP), !!(feat & IFF_NO_PI), !!(feat & IFF_MULTI_QUEUE));
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    strcpy(ifr.ifr_name, "mimtap%d");
    ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
    long r = ioctl(fd, TUNSETIFF, &ifr);
    show("TUNSETIFF", r);
    if (r == 0) {
        printf("  name %s\n", strncmp(ifr.ifr_name, "mimtap", 6) == 0 ? "mimtapN" : ifr.ifr_name);
        memset(&ifr, 0, sizeof ifr);
        show("TUNGETIFF", ioctl(fd, TUNGETIFF, &ifr));
        printf("  name %s, flags 0x%x\n",
               strncmp(ifr.ifr_name, "mimtap", 6) == 0 ? "mimtapN" : ifr.ifr_name,
               ifr.ifr_flags & (IFF_TUN | IFF_TAP | IFF_NO_PI));
        int v = 65536;
        show("TUNSETSNDBUF", ioctl(fd, TUNSETSNDBUF, &v));
        v = 0;
        show("TUNGETSNDBUF", ioctl(fd, TUNGETSNDBUF, &v));
        printf("  sndbuf %d\n", v);
        v = 12;
        show("TUNSETVNETHDRSZ", ioctl(fd, TUNSETVNETHDRSZ, &v));
        v = 0;
        show("TUNGETVNETHDRSZ", ioctl(fd, TUNGETVNETHDRSZ, &v));
        printf("  vnet header size %d\n", v);
        v = 1;
        show("TUNSETVNETLE", ioctl(fd, TUNSETVNETLE, &v));
        v = 0;
        show("TUNGETVNETLE", ioctl(fd, TUNGETVNETLE, &v));
        printf("  vnet le %d\n", v);
        show("TUNSETOFFLOAD 0", ioctl(fd, TUNSETOFFLOAD, 0));
        show("TUNSETPERSIST 0", ioctl(fd, TUNSETPERSIST, 0));
        show("TUNSETOWNER", ioctl(fd, TUNSETOWNER, (unsigned long)getuid()) < 0 ? -1 : 0);
        int ns = ioctl(fd, TUNGETDEVNETNS);
        printf("TUNGETDEVNETNS: %s\n", ns >= 0 ? "an fd" : strerror(errno));
        if (ns >= 0)
            close(ns);
    }
    show("TUNGETSNDBUF bad pointer", ioctl(fd, TUNGETSNDBUF, (void *)16));
    close(fd);
}

static void clones(int bfd)
{
    char p2[64];
    strcpy(p2, "build/tests/devices2-XXXXXX");
    int d = mkstemp(p2);
    if (d < 0) {
        strcpy(p2, "devices2-XXXXXX");
        d = mkstemp(p2);
    }
    unlink(p2);
    show("FICLONE", ioctl(d, FICLONE, bfd));
    show("FICLONE bad fd", ioctl(d, FICLONE, 999));
    struct file_clone_range cr = { bfd, 0, 4096, 0 };
    show("FICLONERANGE", ioctl(d, FICLONERANGE, &cr));
    cr.src_fd = 999;
    show("FICLONERANGE bad fd", ioctl(d, FICLONERANGE, &cr));
    ftruncate(d, SIZE);
    struct {
        struct file_dedupe_range r;
        struct file_dedupe_range_info i[1];
    } dr;
    memset(&dr, 0, sizeof dr);
    dr.r.src_offset = 0;
    dr.r.src_length = 4096;
    dr.r.dest_count = 1;
    dr.i[0].dest_fd = d;
    dr.i[0].dest_offset = 0;
    dr.i[0].status = 12345;
    long r = ioctl(bfd, FIDEDUPERANGE, &dr);
    show("FIDEDUPERANGE", r);
    printf("  status %d, bytes %llu\n", dr.i[0].status, (unsigned long long)dr.i[0].bytes_deduped);
    show("FIDEDUPERANGE bad pointer", ioctl(bfd, FIDEDUPERANGE, (void *)16));
    dr.r.dest_count = 1000;
    show("FIDEDUPERANGE 1000 infos", ioctl(bfd, FIDEDUPERANGE, &dr));
    close(d);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    int bfd = make_backing();
    if (bfd < 0) {
        printf("backing file: %s\n", strerror(errno));
        return 1;
    }
    unlink(path);
    if (geteuid() != 0)
        printf("SKIP: not root (loop devices need CAP_SYS_ADMIN)\n");
    else
        loops(bfd);
    tun();
    clones(bfd);
    return 0;
}
