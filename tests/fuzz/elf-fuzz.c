/*
 * libFuzzer harness over the ELF loader (make fuzz; tests/fuzz/run.sh).
 *
 * Every input goes through validation (elf_check_mem), which must answer 0
 * or 126 with a one-line message and, when it accepts, a sane span.  What
 * validates and needs no interpreter (the interpreter would be looked up on
 * this machine) is then loaded as mimic loads a program: the file route
 * (elf_check_fd on a memfd) must agree with the memory route, the segments
 * are mapped into the guest window (elf_load_image) and the initial stack
 * is built (elf_setup_stack); then the window is emptied for the next
 * input.  The loader may still refuse what it cannot map (no room for a
 * huge span: Linux's ENOMEM), with one message and status 126, through
 * elf_die_hook; any other way out is a crash.
 *
 * Built with clang -fsanitize=fuzzer,address,undefined: the loader's
 * sources are compiled into the harness (instrumented), the rest of mimic
 * comes from libmimic.a.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "elfload/elfload.h"
#include "guest.h"

/* main.c's globals (the loader's own code refers to them). */
Options opt;
FILE *log_fp;
ImageInfo image;
const TargetOps *target;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sigjmp_buf refused_jb;
static void on_refused(int status)
{
    if (status != ELF_ERR_EXEC)
        abort();
    siglongjmp(refused_jb, 1);
}

/* The loader's own fds on this input's memfd (left open by a refusal). */
static void close_input_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;
    char link[64], to[128];
    while (d && (e = readdir(d))) {
        int fd = atoi(e->d_name);
        snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
        ssize_t n = readlink(link, to, sizeof to - 1);
        if (fd > 2 && fd != dirfd(d) && n > 0 && (to[n] = 0, strstr(to, "memfd:elf-fuzz")))
            close(fd);
    }
    if (d)
        closedir(d);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    log_fp = stderr;
    elf_die_hook = on_refused;
    if (!guest_mem_init()) {
        perror("guest_mem_init");
        abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static ElfFile ef, ef2;
    char err[256] = "", err2[256] = "";
    int r = elf_check_mem(data, size, NULL, &ef, err, sizeof err);
    if (r != 0) {
        if (r != ELF_ERR_EXEC || !err[0] || strchr(err, '\n'))
            abort(); /* refused, but not with one line and 126 */
        return 0;
    }
    if (!(ef.lo < ef.hi && ef.phnum >= 1 && ef.phnum <= ELF_MAX_PHNUM && ef.target))
        abort();
    if (ef.interp[0])
        return 0;

    int fd = memfd_create("elf-fuzz", MFD_CLOEXEC);
    if (fd < 0 || write(fd, data, size) != (ssize_t)size)
        abort();
    if (elf_check_fd(fd, NULL, &ef2, err2, sizeof err2) != 0 || ef2.lo != ef.lo || ef2.hi != ef.hi)
        abort(); /* the file route disagrees */
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    static char *argv[] = { "prog", "arg", NULL };
    static char *envp[] = { "A=1", NULL };
    ElfLoadArgs a = { .path = path, .argc = 2, .argv = argv, .envp = envp, .stack_size = 0x10000 };
    memset(&image, 0, sizeof image);
    if (!sigsetjmp(refused_jb, 0)) {
        elf_load_image(&a, &image);
        target = image.target;
        uint32_t sp = elf_setup_stack(&a, &image);
        if ((sp & 15) || !(page_get_flags(sp) & PAGE_WRITE) ||
            !(page_get_flags(image.entry) & PAGE_VALID))
            abort();
    }
    free((void *)image.exec_path); /* (also after a refusal in elf_setup_stack) */
    close_input_fds();
    /* Empty the window for the next input. */
    guest_munmap(GUEST_PAGE_SIZE, 0xfffff000u - GUEST_PAGE_SIZE);
    return 0;
}
