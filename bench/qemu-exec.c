/*
 * qemu-exec: how the bench lets qemu-user run the commands a guest shell
 * script starts (the busybox-200 row).
 *
 * mimic runs a guest's execve of another guest program itself.  qemu-user
 * passes execve to the host kernel, which runs a foreign binary only when
 * binfmt_misc has qemu registered for it (the usual set-up of a foreign
 * chroot); without that, a guest shell under `qemu-arm -L SYSROOT` finds
 * the host's own sed, grep and cat on PATH and runs them natively, and the
 * qemu column would time native programs.  The bench cannot register
 * binfmt_misc (that needs root and changes the machine), so for the qemu
 * columns it puts a directory first on PATH whose sed, grep, cat, ... are
 * links to this program, which does what binfmt_misc would do: run the
 * guest's multi-call binary under qemu with the command's name.  It costs
 * one small exec per command more than binfmt_misc (measured in the note
 * of the row's commit: under 1% of the row).
 *
 * Environment: BENCH_QEMU (the qemu-user binary), BENCH_QEMU_ROOT (its -L
 * directory) and BENCH_MULTICALL (the guest busybox, a host path).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    const char *qemu = getenv("BENCH_QEMU");
    const char *root = getenv("BENCH_QEMU_ROOT");
    const char *multi = getenv("BENCH_MULTICALL");
    if (!qemu || !root || !multi) {
        fprintf(stderr, "qemu-exec: BENCH_QEMU, BENCH_QEMU_ROOT and BENCH_MULTICALL must be set\n");
        return 127;
    }
    const char *name = strrchr(argv[0], '/');
    name = name ? name + 1 : argv[0];
    char **v = calloc((size_t)argc + 5, sizeof *v);
    if (!v)
        return 127;
    v[0] = (char *)qemu;
    v[1] = "-L";
    v[2] = (char *)root;
    v[3] = (char *)multi;
    v[4] = (char *)name;
    for (int i = 1; i < argc; i++)
        v[4 + i] = argv[i];
    execv(qemu, v);
    fprintf(stderr, "qemu-exec: %s: ", qemu);
    perror("execv");
    return 127;
}
