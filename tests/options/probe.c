/*
 * A guest program for tests/options.sh: shows what mimic's options and
 * their environment twins change in the guest.
 *
 *   probe env             FOO, BAR and whether HOME is set; argv[0]
 *   probe uname           the kernel release
 *   probe random          AT_RANDOM's 16 bytes, then 16 bytes of getrandom
 *   probe file PATH       the first line of PATH (guest path rules)
 *   probe exec PATH MODE  execv PATH with MODE (options must carry over)
 *   probe sigill          an undefined instruction with a SIGILL handler
 *   probe sleep ARGS...   sleep 3 s (other processes look at it meanwhile)
 *   probe secure          AT_SECURE, the real and effective ids, FOO
 *   probe cwd DIR         chdir DIR, then getcwd
 *   probe cdfile DIR PATH the first line of PATH after chdir DIR
 *   probe atfile DIR PATH the first line of PATH opened with openat from
 *                         DIR's fd (the cwd elsewhere)
 *   probe open PATH       whether open(PATH) works, or its error
 *   probe mkfile DIR NAME chdir DIR, create NAME holding "made NAME"
 *   probe appear PATH DIR open(PATH) (it fails), then make the directory
 *                         DIR and DIR/deep/f holding "appeared" (DIR is
 *                         where PATH's directory is, named another way),
 *                         then the first line of PATH
 */
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/random.h>
#include <sys/utsname.h>
#include <unistd.h>

static void hex(const unsigned char *p, int n)
{
    for (int i = 0; i < n; i++)
        printf("%02x", p[i]);
    printf("\n");
}

/* The first line of fd, or "cannot read NAME". */
static int first_line(int fd, const char *name)
{
    FILE *f = fd >= 0 ? fdopen(fd, "r") : NULL;
    char line[256];
    if (!f || !fgets(line, sizeof line, f)) {
        printf("cannot read %s\n", name);
        return 1;
    }
    fputs(line, stdout);
    return 0;
}

static void on_sigill(int sig)
{
    (void)sig;
    printf("caught SIGILL\n");
    exit(0);
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    if (!strcmp(mode, "env")) {
        const char *foo = getenv("FOO"), *bar = getenv("BAR");
        printf("argv0=%s FOO=%s BAR=%s HOME=%s\n", argv[0], foo ? foo : "(unset)",
               bar ? bar : "(unset)", getenv("HOME") ? "set" : "(unset)");
    } else if (!strcmp(mode, "uname")) {
        struct utsname u;
        uname(&u);
        printf("%s\n", u.release);
    } else if (!strcmp(mode, "random")) {
        hex((const unsigned char *)getauxval(AT_RANDOM), 16);
        unsigned char b[16];
        if (getrandom(b, sizeof b, 0) != sizeof b)
            return 1;
        hex(b, 16);
    } else if (!strcmp(mode, "file") && argc > 2) {
        FILE *f = fopen(argv[2], "r");
        char line[256];
        if (!f || !fgets(line, sizeof line, f)) {
            printf("cannot read %s\n", argv[2]);
            return 1;
        }
        fputs(line, stdout);
    } else if (!strcmp(mode, "exec") && argc > 3) {
        fflush(stdout);
        execl(argv[2], argv[2], argv[3], (char *)NULL);
        perror("execl");
        return 1;
    } else if (!strcmp(mode, "cwd") && argc > 2) {
        char buf[4096];
        if (chdir(argv[2]) != 0 || !getcwd(buf, sizeof buf)) {
            printf("cannot chdir to %s\n", argv[2]);
            return 1;
        }
        printf("%s\n", buf);
    } else if (!strcmp(mode, "cdfile") && argc > 3) {
        if (chdir(argv[2]) != 0) {
            printf("cannot chdir to %s\n", argv[2]);
            return 1;
        }
        return first_line(open(argv[3], O_RDONLY), argv[3]);
    } else if (!strcmp(mode, "atfile") && argc > 3) {
        int d = open(argv[2], O_RDONLY | O_DIRECTORY);
        if (d < 0 || chdir("/proc") != 0) {
            printf("cannot open %s\n", argv[2]);
            return 1;
        }
        return first_line(openat(d, argv[3], O_RDONLY), argv[3]);
    } else if (!strcmp(mode, "open") && argc > 2) {
        int fd = open(argv[2], O_RDONLY);
        printf("%s\n", fd >= 0 ? "opened" : strerror(errno));
    } else if (!strcmp(mode, "mkfile") && argc > 3) {
        FILE *f = chdir(argv[2]) == 0 ? fopen(argv[3], "w") : NULL;
        if (!f || fprintf(f, "made %s\n", argv[3]) < 0 || fclose(f) != 0) {
            printf("cannot create %s\n", argv[3]);
            return 1;
        }
        printf("created\n");
    } else if (!strcmp(mode, "appear") && argc > 3) {
        int fd = open(argv[2], O_RDONLY);
        printf("%s\n", fd >= 0 ? "opened" : strerror(errno));
        char sub[4096];
        snprintf(sub, sizeof sub, "%s/deep", argv[3]);
        FILE *f = NULL;
        if (mkdir(argv[3], 0755) == 0 && mkdir(sub, 0755) == 0) {
            snprintf(sub, sizeof sub, "%s/deep/f", argv[3]);
            f = fopen(sub, "w");
        }
        if (!f || fprintf(f, "appeared\n") < 0 || fclose(f) != 0) {
            printf("cannot create %s\n", sub);
            return 1;
        }
        return first_line(open(argv[2], O_RDONLY), argv[2]);
    } else if (!strcmp(mode, "secure")) {
        const char *foo = getenv("FOO");
        printf("secure=%lu uid=%d euid=%d gid=%d egid=%d FOO=%s\n", getauxval(AT_SECURE), (int)getuid(),
               (int)geteuid(), (int)getgid(), (int)getegid(), foo ? foo : "(unset)");
    } else if (!strcmp(mode, "sleep")) {
        sleep(3);
    } else if (!strcmp(mode, "loop")) {
        /* a hot loop (a region after 1000 iterations) with a load and a
           store in it: -d stats has region numbers to show */
        static volatile unsigned a[64];
        unsigned sum = 0;
        for (unsigned i = 0; i < 200000; i++) {
            a[i & 63] += i;
            sum += a[(i * 7) & 63];
        }
        printf("loop %u\n", sum);
    } else if (!strcmp(mode, "sigill")) {
        signal(SIGILL, on_sigill);
        __asm__ volatile(".inst 0xe7f000f0"); /* udf #0 (ARM) */
        printf("no SIGILL\n");
        return 1;
    } else {
        fprintf(stderr, "usage: probe env|uname|random|file PATH|exec PATH MODE|sigill|sleep|secure|loop\n");
        return 2;
    }
    return 0;
}
