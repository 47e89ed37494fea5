/*
 * A guest program for tests/chroot.sh: hops between programs and roots the
 * way package installers in a foreign chroot do, and makes the calls
 * containers make.  Built for the guest and natively (the native run of
 * "calls" is the expected output).
 *
 *   hop say WORD              print "WORD uname=<kernel release>"
 *   hop exec PATH ARGS...     execv PATH with ARGS (argv[0] = PATH)
 *   hop chroot DIR PATH ARGS  chroot(DIR), chdir("/"), then as exec
 *   hop calls DIR             mount/umount2, unshare, pidfd_*, kcmp and
 *                             file handles on DIR; one line per result
 *   hop overlay DIR           an overlay on DIR of /ovl/lower, /ovl/upper
 *                             and /ovl/work (guest paths: under -L they are
 *                             the sysroot's), then print DIR/hello
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

static void show(const char *what, long r)
{
    if (r < 0)
        printf("%s: %s\n", what, strerror(errno));
    else
        printf("%s: ok\n", what);
}

static int calls(const char *dir)
{
    char path[4096];
    /* A tmpfs over dir: a file made there is gone after umount2. */
    show("mount tmpfs", mount("tmpfs", dir, "tmpfs", MS_NOSUID, "mode=0755,size=64k"));
    snprintf(path, sizeof path, "%s/inside", dir);
    int fd = open(path, O_CREAT | O_WRONLY, 0644);
    show("create inside", fd);
    if (fd >= 0)
        close(fd);
    show("umount2", umount2(dir, 0));
    show("file gone", access(path, F_OK) == 0 ? 0 : -1);
    show("umount2 again", umount2(dir, 0));
    show("mount bad fstype", mount("none", dir, "no-such-fs", 0, NULL));
    show("unshare(0)", unshare(0));
    show("unshare(CLONE_NEWUTS)", unshare(CLONE_NEWUTS));
    long pfd = syscall(SYS_pidfd_open, getpid(), 0);
    show("pidfd_open", pfd);
    show("pidfd_open bad flags", syscall(SYS_pidfd_open, getpid(), 0x1234));
    if (pfd >= 0) {
        show("pidfd_send_signal 0", syscall(SYS_pidfd_send_signal, (int)pfd, 0, NULL, 0));
        long dup = syscall(SYS_pidfd_getfd, (int)pfd, 1, 0);
        show("pidfd_getfd", dup);
        close((int)pfd);
    }
    show("kcmp same file", syscall(SYS_kcmp, getpid(), getpid(), 0 /* KCMP_FILE */, 1, 1) == 0 ? 0 : -1);
    struct {
        unsigned bytes;
        int type;
        unsigned char f[128];
    } h = { 128, 0, { 0 } };
    int mount_id = -1;
    show("name_to_handle_at", syscall(SYS_name_to_handle_at, AT_FDCWD, dir, &h, &mount_id, 0));
    printf("handle bytes %s, mount id %s\n", h.bytes > 0 && h.bytes <= 128 ? "sane" : "bad",
           mount_id >= 0 ? "set" : "unset");
    h.bytes = 1;
    errno = 0;
    long r = syscall(SYS_name_to_handle_at, AT_FDCWD, dir, &h, &mount_id, 0);
    printf("name_to_handle_at small: %s, needs %s\n", r < 0 ? strerror(errno) : "ok",
           h.bytes > 1 ? "more" : "nothing");
    show("chroot missing dir", chroot("/no/such/dir"));
    return 0;
}

static int overlay(const char *dir)
{
    char path[4096], line[256] = "";
    show("mount overlay", mount("overlay", dir, "overlay", 0,
                                "lowerdir=/ovl/lower,upperdir=/ovl/upper,workdir=/ovl/work"));
    snprintf(path, sizeof path, "%s/hello", dir);
    FILE *f = fopen(path, "r");
    if (f && fgets(line, sizeof line, f))
        printf("hello: %s", line);
    else
        printf("hello: %s\n", strerror(errno));
    if (f)
        fclose(f);
    show("umount2", umount2(dir, 0));
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && !strcmp(argv[1], "overlay"))
        return overlay(argv[2]);
    if (argc >= 3 && !strcmp(argv[1], "say")) {
        struct utsname u;
        uname(&u);
        printf("%s uname=%s\n", argv[2], u.release);
        return 0;
    }
    if (argc >= 4 && !strcmp(argv[1], "chroot")) {
        if (chroot(argv[2]) < 0 || chdir("/") < 0) {
            printf("chroot %s: %s\n", argv[2], strerror(errno));
            return 1;
        }
        argv += 1, argc -= 1; /* now "hop DIR PATH ARGS" -> as exec */
    } else if (!(argc >= 3 && !strcmp(argv[1], "exec"))) {
        if (argc >= 3 && !strcmp(argv[1], "calls"))
            return calls(argv[2]);
        fprintf(stderr, "usage: hop say WORD | exec PATH ARGS | chroot DIR PATH ARGS | calls DIR\n");
        return 2;
    }
    fflush(stdout);
    execv(argv[2], argv + 2);
    printf("exec %s: %s\n", argv[2], strerror(errno));
    return 1;
}
