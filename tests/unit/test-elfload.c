/*
 * ELF validation (elfload/elf-check.c): a valid minimal 32-bit ARM
 * executable is generated here, then mutated into every kind of broken file
 * the loader must refuse with one clear line and exit status 126 (127 for a
 * missing file).  The validation API is called directly; then build/mimic
 * (or $BUILD/mimic) is run on some of the files, if it exists, to check the
 * message, the status and that nothing crashes.
 * Exit 0 = pass; one line per failure and a summary.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "elfload/elfload.h"
#include "guest.h"

/* main.c's globals (the loader's own code refers to them). */
Options opt;
FILE *log_fp;
ImageInfo image;
const TargetOps *target;

static int failures, checks;
#define FAIL(...)                                                                                  \
    do {                                                                                           \
        failures++;                                                                                \
        printf("FAIL ");                                                                           \
        printf(__VA_ARGS__);                                                                       \
        printf("\n");                                                                              \
    } while (0)

/* ---- the valid image ------------------------------------------------------ */

#define TEXT_VADDR 0x10000u
#define NPH 3
#define HDRS (sizeof(Elf32_Ehdr) + NPH * sizeof(Elf32_Phdr))
#define CODE_OFF HDRS
#define FILE_SIZE 0x200u

typedef struct Image {
    uint8_t b[0x4000];
    size_t size;
} Image;

static Elf32_Ehdr *eh(Image *im)
{
    return (Elf32_Ehdr *)im->b;
}
static Elf32_Phdr *ph(Image *im, int i)
{
    return (Elf32_Phdr *)(im->b + sizeof(Elf32_Ehdr)) + i;
}

/* Text (RX) at 0x10000 covering the headers and code; data (RW) at 0x20180
   with a bss; PT_GNU_STACK.  The code is exit_group(42). */
static void make_valid(Image *im)
{
    memset(im, 0, sizeof *im);
    Elf32_Ehdr *e = eh(im);
    memcpy(e->e_ident, ELFMAG, SELFMAG);
    e->e_ident[EI_CLASS] = ELFCLASS32;
    e->e_ident[EI_DATA] = ELFDATA2LSB;
    e->e_ident[EI_VERSION] = EV_CURRENT;
    e->e_type = ET_EXEC;
    e->e_machine = EM_ARM;
    e->e_version = EV_CURRENT;
    e->e_entry = TEXT_VADDR + CODE_OFF;
    e->e_phoff = sizeof(Elf32_Ehdr);
    e->e_flags = 0x05000400; /* EABI5, hard float */
    e->e_ehsize = sizeof(Elf32_Ehdr);
    e->e_phentsize = sizeof(Elf32_Phdr);
    e->e_phnum = NPH;
    *ph(im, 0) = (Elf32_Phdr){.p_type = PT_LOAD,
                              .p_offset = 0,
                              .p_vaddr = TEXT_VADDR,
                              .p_paddr = TEXT_VADDR,
                              .p_filesz = CODE_OFF + 12,
                              .p_memsz = CODE_OFF + 12,
                              .p_flags = PF_R | PF_X,
                              .p_align = 0x1000};
    *ph(im, 1) = (Elf32_Phdr){.p_type = PT_LOAD,
                              .p_offset = 0x180,
                              .p_vaddr = 0x20180,
                              .p_paddr = 0x20180,
                              .p_filesz = 0x80,
                              .p_memsz = 0x2000,
                              .p_flags = PF_R | PF_W,
                              .p_align = 0x1000};
    *ph(im, 2) = (Elf32_Phdr){.p_type = PT_GNU_STACK, .p_flags = PF_R | PF_W};
    static const uint32_t code[] = {0xe3a0002a, 0xe3a070f8,
                                    0xef000000}; /* mov r0,#42; mov r7,#248; svc 0 */
    memcpy(im->b + CODE_OFF, code, sizeof code);
    im->size = FILE_SIZE;
}

/* ---- mutations ------------------------------------------------------------ */

static void m_none(Image *im)
{
    (void)im;
}
static void m_magic(Image *im)
{
    im->b[1] = 'X';
}
static void m_class64(Image *im)
{
    im->b[EI_CLASS] = ELFCLASS64;
}
static void m_bigendian(Image *im)
{
    /* A big-endian header: swap the fields the check reads first. */
    im->b[EI_DATA] = ELFDATA2MSB;
    Elf32_Ehdr *e = eh(im);
    e->e_type = __builtin_bswap16(e->e_type);
    e->e_machine = __builtin_bswap16(e->e_machine);
    e->e_version = __builtin_bswap32(e->e_version);
}
static void m_x86_64(Image *im)
{
    eh(im)->e_machine = EM_X86_64;
}
static void m_unknown_machine(Image *im)
{
    eh(im)->e_machine = 0x7777;
}
static void m_truncated(Image *im)
{
    im->size = 30;
}
static void m_short_ident(Image *im)
{
    im->size = 10;
}
static void m_empty(Image *im)
{
    im->size = 0;
}
static void m_script(Image *im)
{
    memcpy(im->b, "#!/bin/sh\n", 10);
    im->size = 10;
}
static void m_rel(Image *im)
{
    eh(im)->e_type = ET_REL;
}
static void m_core(Image *im)
{
    eh(im)->e_type = ET_CORE;
}
static void m_phoff_eof(Image *im)
{
    eh(im)->e_phoff = 0x10000;
}
static void m_phoff_cut(Image *im)
{
    eh(im)->e_phoff = FILE_SIZE - 40;
}
static void m_phnum0(Image *im)
{
    eh(im)->e_phnum = 0;
}
static void m_phnum_big(Image *im)
{
    eh(im)->e_phnum = 10000;
}
static void m_phnum_xnum(Image *im)
{
    eh(im)->e_phnum = PN_XNUM;
}
static void m_phentsize(Image *im)
{
    eh(im)->e_phentsize = 56;
}
static void m_filesz(Image *im)
{
    ph(im, 1)->p_filesz = 0x3000;
    ph(im, 1)->p_memsz = 0x2000;
}
static void m_past_eof(Image *im)
{
    ph(im, 1)->p_filesz = 0x1000;
}
static void m_overlap(Image *im)
{
    ph(im, 1)->p_vaddr = TEXT_VADDR + 0x80;
    ph(im, 1)->p_offset = 0x80;
}
static void m_wrap(Image *im)
{
    ph(im, 1)->p_vaddr = 0xfffff180;
    ph(im, 1)->p_memsz = 0x2000;
}
static void m_align_absurd(Image *im)
{
    ph(im, 1)->p_align = 0x200000;
}
static void m_align_pow2(Image *im)
{
    ph(im, 1)->p_align = 0x3000;
}
static void m_align_mismatch(Image *im)
{
    ph(im, 1)->p_vaddr = 0x20200;
}
static void m_no_load(Image *im)
{
    ph(im, 0)->p_type = PT_NOTE;
    ph(im, 1)->p_type = PT_NOTE;
}
static void m_entry(Image *im)
{
    eh(im)->e_entry = 0x50000;
}
static void m_at_zero(Image *im)
{
    ph(im, 0)->p_vaddr = 0;
    eh(im)->e_entry = CODE_OFF;
}
static void m_interp_nonul(Image *im)
{
    *ph(im, 2) = (Elf32_Phdr){.p_type = PT_INTERP, .p_offset = 0x1a0, .p_filesz = 8};
    memcpy(im->b + 0x1a0, "/lib/ld-", 8);
}
static void m_interp_padded(Image *im)
{
    /* The name, then extra NULs inside PT_INTERP. */
    static const char path[] = "/lib/ld-mimic-test-missing.so.3\0\0\0";
    *ph(im, 2) = (Elf32_Phdr){.p_type = PT_INTERP, .p_offset = 0x1a0, .p_filesz = sizeof path};
    memcpy(im->b + 0x1a0, path, sizeof path);
}
static void m_interp_outside(Image *im)
{
    *ph(im, 2) = (Elf32_Phdr){.p_type = PT_INTERP, .p_offset = 0x1f0, .p_filesz = 0x40};
}
static void m_interp_long(Image *im)
{
    *ph(im, 2) = (Elf32_Phdr){.p_type = PT_INTERP, .p_offset = 0, .p_filesz = 0x100000};
}
static void m_interp_missing(Image *im)
{
    static const char path[] = "/lib/ld-mimic-test-missing.so.3";
    *ph(im, 2) = (Elf32_Phdr){.p_type = PT_INTERP, .p_offset = 0x1a0, .p_filesz = sizeof path};
    memcpy(im->b + 0x1a0, path, sizeof path);
}
/* Control bytes in the name: shown escaped, on one line. */
static void m_interp_escaped(Image *im)
{
    static const char path[] = "/lib/\n\x1b[31mx\x7f\xff\\.so";
    *ph(im, 2) = (Elf32_Phdr){.p_type = PT_INTERP, .p_offset = 0x1a0, .p_filesz = sizeof path};
    memcpy(im->b + 0x1a0, path, sizeof path);
}
static char tmpdir[] = "/tmp/mimic-test-elf-XXXXXX";
/* The interpreter is a FIFO (tmpdir/fifo) or a text file (tmpdir/text):
   EACCES at once (never a blocked open) or not ELF, and the message names
   the interpreter. */
static void interp_in_tmpdir(Image *im, const char *name)
{
    char path[96];
    int n = snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    *ph(im, 2) = (Elf32_Phdr){.p_type = PT_INTERP, .p_offset = 0x1a0, .p_filesz = (uint32_t)n + 1};
    memcpy(im->b + 0x1a0, path, (size_t)n + 1);
}
static void m_interp_fifo(Image *im)
{
    interp_in_tmpdir(im, "fifo");
}
static void m_interp_text(Image *im)
{
    interp_in_tmpdir(im, "text");
}
static void m_dyn(Image *im)
{
    /* static-PIE: ET_DYN at 0, no interpreter. */
    eh(im)->e_type = ET_DYN;
    eh(im)->e_entry -= TEXT_VADDR;
    ph(im, 0)->p_vaddr = ph(im, 0)->p_paddr = 0;
    ph(im, 1)->p_vaddr = ph(im, 1)->p_paddr = 0x10180;
}

typedef struct Case {
    const char *name;
    void (*mutate)(Image *);
    int status;      /* expected from validation */
    const char *msg; /* expected in the message */
    bool run;        /* also run build/mimic on it */
    int run_status;  /* expected exit status of mimic (0: same as status) */
} Case;

static const Case cases[] = {
    {"valid", m_none, 0, "", true, 42},
    {"static-pie", m_dyn, 0, "", true, 42},
    {"bad-magic", m_magic, 126, "not an ELF executable", true, 0},
    {"elfclass64", m_class64, 126, "64-bit", true, 0},
    {"big-endian", m_bigendian, 126, "big-endian ELF for arm", true, 0},
    {"x86-64", m_x86_64, 126, "x86-64", true, 0},
    {"unknown-machine", m_unknown_machine, 126, "e_machine 30583", false, 0},
    {"truncated", m_truncated, 126, "truncated ELF header", true, 0},
    {"short-ident", m_short_ident, 126, "truncated ELF header", false, 0},
    {"empty", m_empty, 126, "empty", true, 0},
    {"script", m_script, 126, "script", false, 0},
    {"relocatable", m_rel, 126, "relocatable", false, 0},
    {"core", m_core, 126, "core dump", false, 0},
    {"phoff-beyond-eof", m_phoff_eof, 126, "program headers outside the file", true, 0},
    {"phoff-cut", m_phoff_cut, 126, "program headers outside the file", false, 0},
    {"phnum-0", m_phnum0, 126, "no program headers", true, 0},
    {"phnum-10000", m_phnum_big, 126, "too many program headers", true, 0},
    {"phnum-xnum", m_phnum_xnum, 126, "too many program headers", false, 0},
    {"phentsize", m_phentsize, 126, "program header size", true, 0},
    {"filesz-gt-memsz", m_filesz, 126, "file size larger than memory size", true, 0},
    {"segment-past-eof", m_past_eof, 126, "past the end of the file", false, 0},
    {"overlap", m_overlap, 126, "overlap", true, 0},
    {"wrap-4g", m_wrap, 126, "wraps past 4 GiB", true, 0},
    /* Linux runs these (2 MiB alignment: -z max-page-size=0x200000). */
    {"align-2m", m_align_absurd, 0, "", true, 42},
    {"align-not-pow2", m_align_pow2, 0, "", true, 42},
    {"interp-padded", m_interp_padded, 0, "", true, 127},
    {"align-mismatch", m_align_mismatch, 126, "disagree modulo alignment", false, 0},
    {"no-load", m_no_load, 126, "no loadable segments", false, 0},
    {"entry-outside", m_entry, 126, "entry point", false, 0},
    {"exec-at-zero", m_at_zero, 126, "address 0", false, 0},
    {"interp-no-nul", m_interp_nonul, 126, "NUL-terminated", true, 0},
    {"interp-outside", m_interp_outside, 126, "PT_INTERP outside the file", false, 0},
    {"interp-too-long", m_interp_long, 126, "bad PT_INTERP size", false, 0},
    {"interp-missing", m_interp_missing, 0, "", true, 127},
    {"interp-escaped", m_interp_escaped, 0,
     "interpreter /lib/\\n\\x1b[31mx\\x7f\\xff\\\\.so not found", true, 127},
    {"interp-fifo", m_interp_fifo, 0, "interpreter /tmp/mimic-test-elf-", true, 126},
    {"interp-fifo-eacces", m_interp_fifo, 0, "/fifo: Permission denied", true, 126},
    {"interp-not-elf", m_interp_text, 0, "/text: not an ELF executable", true, 126},
};

/* ---- loading in-process ------------------------------------------------------ */

static uint32_t rd32(uint32_t a)
{
    uint32_t v;
    memcpy(&v, g2h(a), 4);
    return v;
}

/* Load the file at path with elf_load_image + elf_setup_stack and check the
   layout: segments, bss, brk, and the initial stack Linux would build. */
static void check_loaded(const char *name, const char *path, uint32_t bias, uint32_t data_vaddr)
{
    static char *argv[] = {"prog", "arg one", NULL};
    static char *envp[] = {"A=1", "B=two", NULL};
    checks++;
    free((void *)image.exec_path); /* from the previous load */
    memset(&image, 0, sizeof image);
    ElfLoadArgs load = {.path = path, .argc = 2, .argv = argv, .envp = envp};
    elf_load_image(&load, &image);
    target = image.target;
    uint32_t sp = elf_setup_stack(&load, &image);
    int before = failures;
    uint32_t text = bias + (bias ? 0 : TEXT_VADDR), data = bias + data_vaddr;
    uint32_t brk = data + 0x3000;
#define EXPECT(c, fmt, ...)                                                                        \
    do {                                                                                           \
        if (!(c))                                                                                  \
            FAIL("%s: %s: " fmt, name, #c, ##__VA_ARGS__);                                         \
    } while (0)
    EXPECT(image.load_bias == bias, "bias %#x", image.load_bias);
    EXPECT(image.entry == text + CODE_OFF, "entry %#x", image.entry);
    EXPECT(elf_start_pc(&image) == image.entry, "start pc");
    EXPECT(page_get_flags(text) == (PAGE_VALID | PAGE_READ | PAGE_EXEC), "text flags %#x",
           page_get_flags(text));
    EXPECT((page_get_flags(data) & (PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_EXEC)) ==
               (PAGE_VALID | PAGE_READ | PAGE_WRITE),
           "data flags %#x", page_get_flags(data));
    EXPECT(page_get_flags(data + 0x2000) & PAGE_WRITE, "bss page flags");
    EXPECT(rd32(image.entry) == 0xe3a0002a, "code %#x", rd32(image.entry));
    EXPECT(rd32(data + 0x200) == 0 && rd32(data + 0x1ffc) == 0 && rd32(data + 0x2100) == 0,
           "bss zero");
    EXPECT(image.brk == brk, "brk %#x", image.brk);
    EXPECT(guest_brk(0) == brk, "guest_brk %#x", guest_brk(0));
    EXPECT(image.phdr == text + sizeof(Elf32_Ehdr), "phdr %#x", image.phdr);
    EXPECT(image.phnum == NPH && image.phent == 32, "phnum");
    EXPECT(image.interp_base == 0, "interp_base");
    /* The stack. */
    EXPECT((sp & 15) == 0, "sp %#x aligned", sp);
    EXPECT(sp == image.start_stack && sp > image.stack_limit && sp < image.stack_top,
           "sp in stack");
    EXPECT(rd32(sp) == 2, "argc %u", rd32(sp));
    EXPECT(!strcmp(g2h(rd32(sp + 4)), "prog") && !strcmp(g2h(rd32(sp + 8)), "arg one"), "argv");
    EXPECT(rd32(sp + 12) == 0, "argv NULL");
    EXPECT(!strcmp(g2h(rd32(sp + 16)), "A=1") && !strcmp(g2h(rd32(sp + 20)), "B=two"), "envp");
    EXPECT(rd32(sp + 24) == 0, "envp NULL");
    EXPECT(image.auxv == sp + 28, "auxv %#x", image.auxv);
    EXPECT(image.arg_start == rd32(sp + 4), "arg_start");
    EXPECT(image.env_start == rd32(sp + 16) && image.arg_end == image.env_start, "env_start");
    uint32_t seen = 0, a = sp + 28;
    for (; rd32(a) != AT_NULL && a < image.stack_top; a += 8) {
        uint32_t k = rd32(a), v = rd32(a + 4);
        if (k < 32)
            seen |= 1u << k;
        switch (k) {
        case AT_PHDR:
            EXPECT(v == image.phdr, "AT_PHDR %#x", v);
            break;
        case AT_PHENT:
            EXPECT(v == 32, "AT_PHENT");
            break;
        case AT_PHNUM:
            EXPECT(v == NPH, "AT_PHNUM");
            break;
        case AT_PAGESZ:
            EXPECT(v == 4096, "AT_PAGESZ");
            break;
        case AT_BASE:
            EXPECT(v == 0, "AT_BASE");
            break;
        case AT_ENTRY:
            EXPECT(v == image.entry, "AT_ENTRY");
            break;
        case AT_HWCAP:
            EXPECT(v == (image.target->get_hwcap ? image.target->get_hwcap() : image.target->hwcap), "AT_HWCAP");
            break;
        case AT_CLKTCK:
            EXPECT(v == 100, "AT_CLKTCK");
            break;
        case AT_SECURE:
            EXPECT(v == 0, "AT_SECURE");
            break;
        case AT_UID:
            EXPECT(v == getuid(), "AT_UID");
            break;
        case AT_EXECFN:
            EXPECT(!strcmp(g2h(v), path), "AT_EXECFN");
            break;
        case AT_PLATFORM:
            EXPECT(!strcmp(g2h(v), image.target->platform), "AT_PLATFORM");
            break;
        case AT_RANDOM:
            EXPECT(v > sp && v + 16 <= image.stack_top, "AT_RANDOM");
            break;
        default:
            break;
        }
    }
    uint32_t want = 1u << AT_PHDR | 1u << AT_PHENT | 1u << AT_PHNUM | 1u << AT_PAGESZ |
                    1u << AT_BASE | 1u << AT_ENTRY | 1u << AT_HWCAP | 1u << AT_CLKTCK |
                    1u << AT_RANDOM | 1u << AT_EXECFN | 1u << AT_SECURE | 1u << AT_UID |
                    1u << AT_EUID | 1u << AT_GID | 1u << AT_EGID;
    EXPECT((seen & want) == want, "auxv keys %#x", seen);
    EXPECT(image.auxv_len == a + 8 - image.auxv, "auxv_len %u", image.auxv_len);
#undef EXPECT
    /* Unload for the next image. */
    guest_munmap(image.stack_limit, image.stack_top - image.stack_limit);
    guest_munmap(text, brk - text);
    if (failures != before)
        printf("  (%s loaded at bias %#x)\n", name, bias);
}

/* ---- running mimic ---------------------------------------------------------- */

static char mimic[4096];

static void write_file(const char *path, const Image *im)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
    if (fd < 0 || write(fd, im->b, im->size) != (ssize_t)im->size)
        FAIL("cannot write %s: %s", path, strerror(errno));
    if (fd >= 0)
        close(fd);
}

/* Run mimic [extra] path; check the status and, for errors, that stderr is
   exactly one line "mimic: <path>: ...<msg>...". */
static void run_mimic(const char *name, const char *path, int want, const char *msg,
                      const char *extra)
{
    checks++;
    int pfd[2];
    if (pipe(pfd) != 0)
        return;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(pfd[1], 2);
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        close(pfd[0]);
        if (extra)
            execl(mimic, mimic, extra, "/nonexistent-sysroot", path, (char *)NULL);
        else
            execl(mimic, mimic, path, (char *)NULL);
        _exit(99);
    }
    close(pfd[1]);
    char out[4096];
    size_t n = 0;
    ssize_t r;
    while (n < sizeof out - 1 && (r = read(pfd[0], out + n, sizeof out - 1 - n)) > 0)
        n += (size_t)r;
    out[n] = 0;
    close(pfd[0]);
    int st;
    waitpid(pid, &st, 0);
    if (WIFSIGNALED(st)) {
        FAIL("%s: mimic killed by signal %d", name, WTERMSIG(st));
        return;
    }
    if (WEXITSTATUS(st) != want) {
        FAIL("%s: mimic exited %d, want %d (stderr: %s)", name, WEXITSTATUS(st), want, out);
        return;
    }
    if (want == 126 || want == 127) {
        char prefix[4200];
        snprintf(prefix, sizeof prefix, "mimic: %s: ", path);
        char *nl = strchr(out, '\n');
        if (strncmp(out, prefix, strlen(prefix)) != 0 || !nl || nl[1] != 0 || !strstr(out, msg))
            FAIL("%s: want one line '%s...%s', got '%s'", name, prefix, msg, out);
    }
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (!mkdtemp(tmpdir)) {
        printf("FAIL mkdtemp: %s\ntest-elfload: 0 passed, 1 failed\n", strerror(errno));
        return 1;
    }
    const char *build = getenv("BUILD");
    snprintf(mimic, sizeof mimic, "%s/mimic", build && *build ? build : "build");
    bool have_mimic = access(mimic, X_OK) == 0;
    if (!have_mimic)
        printf("note: %s not found, skipping the subprocess checks\n", mimic);

    const TargetOps *arm = target_by_name("arm");
    /* What the interp-fifo and interp-not-elf cases name as interpreter. */
    char side[200];
    snprintf(side, sizeof side, "%s/fifo", tmpdir);
    mkfifo(side, 0755);
    snprintf(side, sizeof side, "%s/text", tmpdir);
    FILE *tf = fopen(side, "w");
    if (tf) {
        fputs("not ELF\n", tf);
        fclose(tf);
    }
    static Image im;
    static ElfFile ef;
    char err[256], path[4200];

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const Case *c = &cases[i];
        make_valid(&im);
        c->mutate(&im);
        checks++;
        err[0] = 0;
        int r = elf_check_mem(im.b, im.size, NULL, &ef, err, sizeof err);
        if (r != c->status || (c->status && !strstr(err, c->msg)))
            FAIL("%s: status %d '%s', want %d '%s'", c->name, r, err, c->status, c->msg);
        /* The file route must agree with the memory route. */
        snprintf(path, sizeof path, "%s/%s", tmpdir, c->name);
        write_file(path, &im);
        int fd;
        char err2[256] = "";
        checks++;
        int r2 = elf_check_path(path, NULL, &ef, &fd, err2, sizeof err2);
        if (r2 != r || strcmp(err, err2) != 0)
            FAIL("%s: file route %d '%s' != memory route %d '%s'", c->name, r2, err2, r, err);
        if (r2 == 0)
            close(fd);
        if (have_mimic && c->run)
            run_mimic(c->name, path, c->run_status ? c->run_status : c->status, c->msg,
                      c->mutate == m_interp_missing || c->mutate == m_interp_escaped ? "-L" : NULL);
    }

    /* Details of the valid image. */
    make_valid(&im);
    checks++;
    if (elf_check_mem(im.b, im.size, arm, &ef, err, sizeof err) != 0 || ef.target != arm ||
        ef.type != ET_EXEC || ef.phnum != NPH || ef.lo != TEXT_VADDR || ef.hi != 0x23000 ||
        ef.interp[0] || (ef.stack_flags & PF_X))
        FAIL("valid: fields lo=%#x hi=%#x phnum=%u err '%s'", ef.lo, ef.hi, ef.phnum, err);

    /* A forced target that does not match. */
    make_valid(&im);
    m_x86_64(&im);
    checks++;
    if (elf_check_mem(im.b, im.size, arm, &ef, err, sizeof err) != 126 ||
        !strstr(err, "x86-64 executable, not arm"))
        FAIL("forced: '%s'", err);

    /* A missing file, a directory, an unreadable file. */
    checks++;
    snprintf(path, sizeof path, "%s/missing", tmpdir);
    int fd;
    if (elf_check_path(path, NULL, &ef, &fd, err, sizeof err) != 127 ||
        !strstr(err, "No such file"))
        FAIL("missing: '%s'", err);
    if (have_mimic)
        run_mimic("missing", path, 127, "No such file", NULL);
    checks++;
    if (elf_check_path(tmpdir, NULL, &ef, &fd, err, sizeof err) != 126 || !strstr(err, "directory"))
        FAIL("directory: '%s'", err);
    if (have_mimic)
        run_mimic("directory", tmpdir, 126, "directory", NULL);
    if (geteuid() != 0) {
        snprintf(path, sizeof path, "%s/unreadable", tmpdir);
        make_valid(&im);
        write_file(path, &im);
        chmod(path, 0);
        checks++;
        if (elf_check_path(path, NULL, &ef, &fd, err, sizeof err) != 126 ||
            !strstr(err, "Permission"))
            FAIL("unreadable: '%s'", err);
    }

    /* Load the valid images in this process. */
    if (guest_mem_init()) {
        snprintf(path, sizeof path, "%s/valid", tmpdir);
        check_loaded("load-valid", path, 0, 0x20000);
        snprintf(path, sizeof path, "%s/static-pie", tmpdir);
        check_loaded("load-static-pie", path, 0x00400000, 0x10000);
    } else {
        FAIL("guest_mem_init: %s", strerror(errno));
    }

    /* Random corruption of the headers: validation never crashes, always
       answers 0 or 126 with a one-line message, and what it accepts is sane. */
    uint32_t seed = 12345;
    int fuzz_bad = 0;
    for (int it = 0; it < 20000; it++) {
        make_valid(&im);
        if (it & 1)
            m_dyn(&im);
        int nmut = 1 + (int)((seed >> 7) % 4);
        for (int k = 0; k < nmut; k++) {
            seed = seed * 1103515245u + 12345u;
            size_t pos = (seed >> 8) % HDRS;
            seed = seed * 1103515245u + 12345u;
            im.b[pos] = (seed >> 16) & 1 ? (uint8_t)(seed >> 20)
                                         : im.b[pos] ^ (uint8_t)(1u << ((seed >> 20) & 7));
        }
        err[0] = 0;
        int r = elf_check_mem(im.b, im.size, NULL, &ef, err, sizeof err);
        bool ok = r == 0 ? (ef.lo < ef.hi && ef.phnum >= 1 && ef.phnum <= ELF_MAX_PHNUM)
                         : (r == 126 && err[0] && !strchr(err, '\n'));
        if (!ok && fuzz_bad++ < 5)
            FAIL("fuzz %d: status %d '%s' lo=%#x hi=%#x", it, r, err, ef.lo, ef.hi);
    }
    checks++;

    /* Clean up. */
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", tmpdir, cases[i].name);
        unlink(path);
    }
    snprintf(path, sizeof path, "%s/unreadable", tmpdir);
    unlink(path);
    snprintf(path, sizeof path, "%s/fifo", tmpdir);
    unlink(path);
    snprintf(path, sizeof path, "%s/text", tmpdir);
    unlink(path);
    rmdir(tmpdir);

    printf("test-elfload: %d passed, %d failed\n", checks - failures, failures);
    return failures != 0;
}
