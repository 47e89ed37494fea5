/*
 * binfmt_misc registration: `mimic --binfmt install|uninstall|status`.
 *
 * binfmt_misc (Documentation/admin-guide/binfmt-misc.rst) lets the kernel
 * hand an executable whose first bytes match a (magic, mask) pair to an
 * interpreter.  We register one entry per guest, named mimic-<target>
 * ("mimic-arm"), by writing one line to /proc/sys/fs/binfmt_misc/register:
 *
 *     :mimic-arm:M:0:MAGIC:MASK:/abs/path/to/mimic:PF
 *
 * MAGIC/MASK cover the first 20 bytes of the ELF header (e_ident, e_type,
 * e_machine) and are built from the guest's TargetOps (ELF machine and
 * endianness), see elf_magic().
 *
 * Flags:
 *   F  the kernel opens the interpreter once, at registration, so the entry
 *      keeps working inside containers and chroots where the path is absent.
 *   P  preserve argv[0]: the kernel starts us as
 *          mimic FULL-PATH ORIGINAL-ARGV0 ARGS...
 *      instead of  mimic FULL-PATH ARGS...  (argv[0] lost).  Since Linux 5.12
 *      the kernel also sets AT_FLAGS_PRESERVE_ARGV0 in the auxiliary vector
 *      AT_FLAGS of the interpreter, which is how binfmt_fixup_argv() tells
 *      the two layouts apart without any wrapper binary or environment
 *      variable.  On older kernels we register without P: the guest then
 *      sees the full path as argv[0] (as with most binfmt handlers).
 *   C  (credentials from the binary: setuid guests) is never used; it would
 *      run the whole emulator setuid.
 *
 * The kernel tries entries most-recently-registered first; `status` warns
 * when another entry (e.g. qemu-user-binfmt's qemu-arm) also matches.
 *
 * Files written besides the kernel entry (MIMIC_BINFMT_ROOT=DIR prefixes
 * all of them, for tests and packaging):
 *   /etc/mimic-binfmt/<target>       --sysroot: symlink to the guest sysroot;
 *                                    the loader looks for ld.so there first
 *   /etc/binfmt.d/mimic-<target>.conf      --persistent: systemd-binfmt(8)
 *   /usr/share/binfmts/mimic-<target>      --persistent: binfmt-support format
 *                                    file (`update-binfmts --import` uses it)
 * `uninstall` removes the entry and those files (only if they are ours).
 */
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "linux-user/binfmt.h"
#include "target.h"

#define BINFMT_DIR "/proc/sys/fs/binfmt_misc"
#define BINFMT_FS_MAGIC 0x42494e4d /* statfs f_type of binfmt_misc ("BINM") */
#define MAGIC_LEN BINFMT_MAGIC_LEN
#define ENTRY_MAX 128              /* longest magic we parse back (kernel: 128) */

#ifndef AT_FLAGS_PRESERVE_ARGV0
#define AT_FLAGS_PRESERVE_ARGV0 (1 << 0) /* linux/binfmts.h, Linux 5.12 */
#endif

/* Markers that say a persistent file is ours (uninstall removes only those). */
#define CONF_MARKER "# Written by `mimic --binfmt install --persistent`"
#define FORMAT_MARKER "package mimic\n"

/* ---- argv fix-up when started by the kernel --------------------------------- */

bool binfmt_started(int argc, char **argv)
{
    /* The kernel sets AT_EXECFN to the file being executed, which a
       binfmt_misc interpreter receives as argv[1]; run by hand, AT_EXECFN
       is mimic's own name. */
    const char *execfn = (const char *)getauxval(AT_EXECFN);
    return argc > 1 && execfn && strcmp(execfn, argv[1]) == 0;
}

void binfmt_fixup_argv(int *argc, char ***argv)
{
    if (*argc < 2)
        return;
    if (!(getauxval(AT_FLAGS) & AT_FLAGS_PRESERVE_ARGV0)) {
        /* mimic PATH ARGS...: PATH is the program even if it looks like
           an option ("--binfmt", "-L"). */
        char **v = calloc((size_t)*argc + 2, sizeof *v);
        if (!v)
            return;
        v[0] = (*argv)[0];
        v[1] = "--";
        memcpy(&v[2], &(*argv)[1], (size_t)(*argc - 1) * sizeof *v);
        *argc += 1;
        *argv = v;
        return;
    }
    int n = *argc;
    char **a = *argv;
    /* a[0] mimic, a[1] full path, a[2] original argv[0] (the kernel supplies
       "" when the caller passed an empty argv), a[3..] arguments. */
    char *argv0 = n >= 3 ? a[2] : a[1];
    int rest = n >= 3 ? n - 3 : 0;
    char **v = calloc((size_t)rest + 6, sizeof *v);
    if (!v)
        return;
    int k = 0;
    v[k++] = a[0];
    v[k++] = "-0";
    v[k++] = argv0;
    v[k++] = "--"; /* the path may start with '-' */
    v[k++] = a[1];
    memcpy(&v[k], &a[3 < n ? 3 : n], (size_t)rest * sizeof *v);
    k += rest;
    v[k] = NULL;
    *argc = k;
    *argv = v;
}

/* ---- small helpers ------------------------------------------------------------ */

static int err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int err(const char *fmt, ...)
{
    va_list ap;
    fputs("mimic: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return 1;
}

static char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    char *s;
    va_start(ap, fmt);
    int n = vasprintf(&s, fmt, ap);
    va_end(ap);
    if (n < 0) {
        fputs("mimic: out of memory\n", stderr);
        exit(1);
    }
    return s;
}

/* Whole small file into a NUL-terminated buffer (caller frees), or NULL. */
static char *read_small_file(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (len + 1 == cap)
            buf = realloc(buf, cap *= 2);
        ssize_t r = read(fd, buf + len, cap - len - 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        len += (size_t)r;
    }
    close(fd);
    buf[len] = 0;
    return buf;
}

/* One write(2) of STR to a binfmt_misc control file; 0 or an errno. */
static int write_ctl(const char *path, const char *str)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return errno;
    ssize_t n = write(fd, str, strlen(str));
    int e = n < 0 ? errno : (size_t)n != strlen(str) ? EIO : 0;
    close(fd);
    return e;
}

static int mkdir_p(const char *dir)
{
    char buf[PATH_MAX];
    if (snprintf(buf, sizeof buf, "%s", dir) >= (int)sizeof buf)
        return ENAMETOOLONG;
    for (char *p = buf + 1;; p++) {
        if (*p == '/' || !*p) {
            char c = *p;
            *p = 0;
            if (mkdir(buf, 0755) < 0 && errno != EEXIST)
                return errno;
            *p = c;
            if (!c)
                return 0;
        }
    }
}

/* Write CONTENT to PATH (via a temporary and rename), creating the folder. */
static int write_file(const char *path, const char *content)
{
    char *dir = strdup(path);
    char *slash = strrchr(dir, '/');
    int e = 0;
    if (slash && slash != dir) {
        *slash = 0;
        e = mkdir_p(dir);
    }
    free(dir);
    if (e)
        return e;
    char *tmp = xasprintf("%s.tmp%d", path, (int)getpid());
    FILE *f = fopen(tmp, "w");
    if (!f) {
        e = errno;
    } else {
        fputs(content, f);
        if (fclose(f) != 0)
            e = errno;
        else if (rename(tmp, path) < 0)
            e = errno;
    }
    if (e)
        unlink(tmp);
    free(tmp);
    return e;
}

/* MIMIC_BINFMT_ROOT prefix + path. */
static char *dest_path(const char *fmt, const char *target)
{
    const char *root = getenv("MIMIC_BINFMT_ROOT");
    char *rel = xasprintf(fmt, target);
    char *p = xasprintf("%s%s", root && *root ? root : "", rel);
    free(rel);
    return p;
}

/* ---- the magic and the register line -------------------------------------------- */

static void put16(uint8_t *p, bool big_endian, uint16_t v)
{
    p[big_endian ? 1 : 0] = (uint8_t)v;
    p[big_endian ? 0 : 1] = (uint8_t)(v >> 8);
}

/*
 * The first MAGIC_LEN bytes of a 32-bit executable for target T, and which
 * bits of them must match:
 *   e_ident[EI_MAG0..3]   "\x7fELF"                        must match
 *   e_ident[EI_CLASS]     ELFCLASS32                        must match
 *   e_ident[EI_DATA]      ELFDATA2LSB/MSB from T            must match
 *   e_ident[EI_VERSION]   EV_CURRENT                        must match
 *   e_ident[EI_OSABI]     0 (System V) or 3 (GNU), either   ignored
 *   e_ident[EI_ABIVERSION], padding up to EI_NIDENT: 0      must match
 *   e_type                ET_EXEC (2) or ET_DYN (3: PIE, ld.so): bit 0 ignored
 *                         (so not ET_REL 1, ET_CORE 4)
 *   e_machine             T's machine(s) (ARM: 40)          must match
 * For ARM: magic 7f454c46 01 01 01 00 00.. 0200 2800
 *          mask  ffffffff ff ff ff 00 ff.. feff ffff
 */

/* T's e_machine values: the main one, then its elf_machine_alt. */
static int target_machines(const TargetOps *t, uint16_t out[4])
{
    int n = 0;
    out[n++] = t->elf_machine;
    for (size_t i = 0; i < sizeof t->elf_machine_alt / sizeof t->elf_machine_alt[0]; i++)
        if (t->elf_machine_alt[i] && n < 4)
            out[n++] = t->elf_machine_alt[i];
    return n;
}

/* One (value, mask) on e_machine that matches T's machines and nothing
   else: the bits in which they differ are ignored, which is exact when the
   machines are every combination of those bits (SPARC: EM_SPARC 2 and
   EM_SPARC32PLUS 18 differ in bit 4 only).  False when there is none. */
static bool machine_match(const TargetOps *t, uint16_t *value, uint16_t *mask)
{
    uint16_t m[4];
    int n = target_machines(t, m), distinct = 0;
    uint16_t diff = 0;
    for (int i = 0; i < n; i++) {
        diff |= (uint16_t)(m[i] ^ m[0]);
        bool dup = false;
        for (int j = 0; j < i; j++)
            dup |= m[j] == m[i];
        distinct += !dup;
    }
    *mask = (uint16_t)~diff;
    *value = m[0] & *mask;
    return (1 << __builtin_popcount(diff)) == distinct;
}

bool binfmt_elf_magic(const TargetOps *t, uint8_t magic[BINFMT_MAGIC_LEN],
                      uint8_t mask[BINFMT_MAGIC_LEN])
{
    uint16_t machine, machine_mask;
    bool exact = machine_match(t, &machine, &machine_mask);
    memset(magic, 0, MAGIC_LEN);
    memset(mask, 0xff, MAGIC_LEN);
    memcpy(magic, ELFMAG, SELFMAG);
    magic[EI_CLASS] = ELFCLASS32;
    magic[EI_DATA] = t->big_endian ? ELFDATA2MSB : ELFDATA2LSB;
    magic[EI_VERSION] = EV_CURRENT;
    mask[EI_OSABI] = 0;
    put16(magic + offsetof(Elf32_Ehdr, e_type), t->big_endian, ET_EXEC);
    put16(mask + offsetof(Elf32_Ehdr, e_type), t->big_endian, 0xfffe);
    put16(magic + offsetof(Elf32_Ehdr, e_machine), t->big_endian, machine);
    put16(mask + offsetof(Elf32_Ehdr, e_machine), t->big_endian, machine_mask);
    return exact;
}

static void elf_magic(const TargetOps *t, uint8_t magic[MAGIC_LEN], uint8_t mask[MAGIC_LEN])
{
    binfmt_elf_magic(t, magic, mask); /* (pick_target checked that it is exact) */
}

/* "\x7f\x45..." (the kernel decodes \xHH in the register line). */
static char *escape_bytes(const uint8_t *b, int n)
{
    char *s = malloc((size_t)n * 4 + 1);
    for (int i = 0; i < n; i++)
        sprintf(s + i * 4, "\\x%02x", b[i]);
    s[n * 4] = 0;
    return s;
}

/* P exists since Linux 5.12 (with AT_FLAGS_PRESERVE_ARGV0 to detect it). */
static bool kernel_has_preserve_argv0(void)
{
    struct utsname u;
    int major = 0, minor = 0;
    if (uname(&u) < 0 || sscanf(u.release, "%d.%d", &major, &minor) != 2)
        return false;
    return major > 5 || (major == 5 && minor >= 12);
}

/* ":mimic-arm:M:0:MAGIC:MASK:INTERP:FLAGS" (no newline). */
static char *register_line(const TargetOps *t, const char *interp, const char *flags)
{
    uint8_t magic[MAGIC_LEN], mask[MAGIC_LEN];
    elf_magic(t, magic, mask);
    char *m = escape_bytes(magic, MAGIC_LEN), *k = escape_bytes(mask, MAGIC_LEN);
    char *line = xasprintf(":mimic-%s:M:0:%s:%s:%s:%s", t->name, m, k, interp, flags);
    free(m);
    free(k);
    return line;
}

/* binfmt-support's format file (see update-binfmts(8), "FORMAT FILES"). */
static char *format_file(const TargetOps *t, const char *interp, const char *flags)
{
    uint8_t magic[MAGIC_LEN], mask[MAGIC_LEN];
    elf_magic(t, magic, mask);
    char *m = escape_bytes(magic, MAGIC_LEN), *k = escape_bytes(mask, MAGIC_LEN);
    char *s = xasprintf(FORMAT_MARKER "interpreter %s\nmagic %s\noffset 0\nmask %s\n"
                                      "credentials no\nfix_binary yes\npreserve %s\n",
                        interp, m, k, strchr(flags, 'P') ? "yes" : "no");
    free(m);
    free(k);
    return s;
}

/* ---- reading entries back ------------------------------------------------------ */

typedef struct {
    bool enabled;
    bool is_magic; /* M entry (else E, by extension) */
    char interpreter[PATH_MAX];
    char flags[16];
    int offset;
    int len; /* bytes of magic/mask */
    uint8_t magic[ENTRY_MAX], mask[ENTRY_MAX];
} Entry;

static int parse_hex(const char *s, uint8_t *out, int max)
{
    int n = 0;
    while (n < max && s[0] && s[1] && s[0] != '\n' && sscanf(s, "%2hhx", &out[n]) == 1) {
        n++;
        s += 2;
    }
    return n;
}

/* Parse /proc/sys/fs/binfmt_misc/NAME:
     enabled|disabled
     interpreter PATH
     flags: PF
     offset 0
     magic 7f454c46...
     mask ffffffff...          (absent when the entry has no mask) */
static bool read_entry(const char *name, Entry *e)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, BINFMT_DIR "/%s", name);
    char *text = read_small_file(path);
    if (!text)
        return false;
    memset(e, 0, sizeof *e);
    memset(e->mask, 0xff, sizeof e->mask);
    char *save = NULL;
    for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        if (!strcmp(l, "enabled"))
            e->enabled = true;
        else if (!strncmp(l, "interpreter ", 12))
            snprintf(e->interpreter, sizeof e->interpreter, "%s", l + 12);
        else if (!strncmp(l, "flags:", 6))
            snprintf(e->flags, sizeof e->flags, "%s", l[6] == ' ' ? l + 7 : l + 6);
        else if (!strncmp(l, "offset ", 7))
            e->offset = atoi(l + 7);
        else if (!strncmp(l, "magic ", 6)) {
            e->is_magic = true;
            e->len = parse_hex(l + 6, e->magic, ENTRY_MAX);
        } else if (!strncmp(l, "mask ", 5))
            parse_hex(l + 5, e->mask, ENTRY_MAX);
    }
    free(text);
    return true;
}

/* Would the kernel hand this file header to entry E?  (The same test as
   binfmt_misc's check_file for M entries.) */
static bool entry_matches(const Entry *e, const uint8_t *hdr, int hdr_len)
{
    if (!e->is_magic || !e->enabled || e->offset < 0 || e->offset + e->len > hdr_len)
        return false;
    for (int i = 0; i < e->len; i++)
        if ((hdr[e->offset + i] ^ e->magic[i]) & e->mask[i])
            return false;
    return true;
}

/* Does entry E run T's ET_EXEC and ET_DYN executables? (1 per type and
   machine, 0 none) */
static int entry_claims(const Entry *e, const TargetOps *t)
{
    uint8_t hdr[sizeof(Elf32_Ehdr)], mask[MAGIC_LEN];
    memset(hdr, 0, sizeof hdr);
    elf_magic(t, hdr, mask);
    uint16_t m[4];
    int nm = target_machines(t, m), n = 0;
    static const uint16_t types[] = {ET_EXEC, ET_DYN};
    for (int k = 0; k < nm; k++) {
        put16(hdr + offsetof(Elf32_Ehdr, e_machine), t->big_endian, m[k]);
        for (size_t i = 0; i < 2; i++) {
            put16(hdr + offsetof(Elf32_Ehdr, e_type), t->big_endian, types[i]);
            n += entry_matches(e, hdr, (int)sizeof hdr);
        }
    }
    return n;
}

static bool binfmt_mounted(void)
{
    struct statfs s;
    return statfs(BINFMT_DIR, &s) == 0 && (unsigned long)s.f_type == BINFMT_FS_MAGIC;
}

/* Mount binfmt_misc if needed; false with a message if impossible. */
static bool ensure_mounted(void)
{
    if (binfmt_mounted())
        return true;
    if (access(BINFMT_DIR, F_OK) < 0) {
        err("binfmt_misc is not available here: no " BINFMT_DIR " (kernel without "
            "CONFIG_BINFMT_MISC, or /proc not mounted)");
        return false;
    }
    if (mount("binfmt_misc", BINFMT_DIR, "binfmt_misc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) <
        0) {
        err("binfmt_misc is not available here: cannot mount it on " BINFMT_DIR ": %s%s",
            strerror(errno),
            errno == EPERM ? " (an unprivileged container? run on the host, or with "
                             "--privileged)"
                           : "");
        return false;
    }
    return true;
}

/* Print a warning for every other entry that also claims T's executables. */
static void warn_other_handlers(const TargetOps *t, const char *own)
{
    DIR *d = opendir(BINFMT_DIR);
    if (!d)
        return;
    struct dirent *de;
    while ((de = readdir(d))) {
        const char *n = de->d_name;
        if (n[0] == '.' || !strcmp(n, "register") || !strcmp(n, "status") || !strcmp(n, own))
            continue;
        Entry e;
        if (read_entry(n, &e) && entry_claims(&e, t))
            printf("warning: binfmt_misc entry '%s' (interpreter %s) also handles %s ELF "
                   "executables; the kernel uses the most recently registered entry "
                   "(at boot too: disable the other with `echo 0 > " BINFMT_DIR "/%s` or "
                   "its package's tools)\n",
                   n, e.interpreter, t->name, n);
    }
    closedir(d);
}

/* ---- options ------------------------------------------------------------------ */

typedef struct {
    const TargetOps *target;
    const char *sysroot;
    const char *interpreter;
    bool persistent;
    bool dry_run;
} BinfmtOptions;

static void usage(FILE *f)
{
    fprintf(f, "usage: mimic --binfmt install [--target T] [--sysroot DIR] [--persistent]\n"
               "                              [--interpreter PATH] [--dry-run]\n"
               "       mimic --binfmt uninstall [--target T]\n"
               "       mimic --binfmt status [--target T]\n"
               "Register mimic with the kernel's binfmt_misc so that foreign programs run\n"
               "directly (./prog-arm).  install/uninstall need root.\n"
               "  --target T          guest (default: the first this mimic runs that\n"
               "                      the host does not); the entry is named mimic-T\n"
               "  --sysroot DIR       guest sysroot for dynamic programs: links\n"
               "                      /etc/mimic-binfmt/T -> DIR (where the loader looks first)\n"
               "  --persistent        also write /etc/binfmt.d/mimic-T.conf (systemd-binfmt)\n"
               "                      and /usr/share/binfmts/mimic-T (binfmt-support)\n"
               "  --interpreter PATH  register PATH instead of this mimic binary\n"
               "  --dry-run           print the register line and the files, change nothing\n"
               "status exits 0 when mimic-T is registered and enabled, 3 when it is not.\n");
}

#if defined(__x86_64__)
/* Does this kernel run 32-bit x86 code (IA32 emulation)?  A child tries
   the i386 getpid (20) through int $0x80: a kernel without it kills the
   child with SIGSEGV. */
static bool kernel_runs_ia32(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        long r = 20;
        __asm__ volatile("int $0x80" : "+a"(r) : : "memory");
        _exit(r == (long)getpid() ? 0 : 1);
    }
    int st;
    if (pid < 0 || waitpid(pid, &st, 0) != pid)
        return true; /* cannot tell: assume the usual x86-64 kernel */
    return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}
#endif

/* The host's own CPU runs T's programs (an x86 host with IA32 support and
   i386 guests): the kernel must keep running them itself. */
static bool host_runs_natively(const TargetOps *t)
{
#if defined(__i386__)
    return target_has_machine(t, EM_386);
#elif defined(__x86_64__)
    return target_has_machine(t, EM_386) && kernel_runs_ia32();
#else
    return false;
#endif
}

/* The guest T, if binfmt_misc can sensibly send its programs to us.  A dry
   run (packaging files, tools/binfmt) does not depend on this host. */
static const TargetOps *pick_target(const char *name, bool dry_run)
{
    const TargetOps *t = target_by_name(name);
    if (!t) {
        char list[256] = "";
        for (int i = 0; all_targets[i]; i++)
            snprintf(list + strlen(list), sizeof list - strlen(list), " %s", all_targets[i]->name);
        err("--binfmt: unknown guest '%s' (this mimic runs:%s)", name, list);
        return NULL;
    }
    if (!dry_run && host_runs_natively(t)) {
        err("--binfmt: this host runs %s programs natively; not registering", t->name);
        return NULL;
    }
    uint16_t v, m;
    if (!machine_match(t, &v, &m)) {
        err("--binfmt: %s's ELF machines cannot share one binfmt_misc entry", t->name);
        return NULL;
    }
    return t;
}

/* Without --target: the first linked guest the host does not run itself. */
static const char *default_target(void)
{
    for (int i = 0; all_targets[i]; i++)
        if (!host_runs_natively(all_targets[i]))
            return all_targets[i]->name;
    return all_targets[0] ? all_targets[0]->name : "none";
}

static bool parse_binfmt_options(int argc, char **argv, BinfmtOptions *o, bool install)
{
    const char *target = default_target();
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char *val = NULL;
        /* "--opt VALUE" or "--opt=VALUE" for the options with a value. */
        static const char *const with_value[] = {"--target", "--sysroot", "--interpreter"};
        size_t w;
        for (w = 0; w < 3; w++) {
            size_t l = strlen(with_value[w]);
            if (!strncmp(a, with_value[w], l) && (a[l] == 0 || a[l] == '=')) {
                if (a[l] == '=')
                    val = a + l + 1;
                else if (i + 1 < argc)
                    val = argv[++i];
                else {
                    err("--binfmt: %s needs a value", with_value[w]);
                    return false;
                }
                break;
            }
        }
        if (w == 0)
            target = val;
        else if (w == 1 && install)
            o->sysroot = val;
        else if (w == 2 && install)
            o->interpreter = val;
        else if (w == 3 && install && !strcmp(a, "--persistent"))
            o->persistent = true;
        else if (w == 3 && install && !strcmp(a, "--dry-run"))
            o->dry_run = true;
        else {
            err("--binfmt: unexpected argument '%s' (mimic --binfmt help)", a);
            return false;
        }
    }
    o->target = pick_target(target, o->dry_run);
    return o->target != NULL;
}

static bool need_root(const char *action)
{
    if (geteuid() == 0)
        return true;
    err("--binfmt %s must run as root (it changes /proc/sys/fs/binfmt_misc)", action);
    return false;
}

/* ---- install -------------------------------------------------------------------- */

/* The absolute interpreter path to register, or NULL with a message.  A dry
   run accepts an absolute --interpreter that does not exist yet (packaging:
   the files for /usr/bin/mimic, see tools/binfmt/). */
static char *interpreter_path(const char *given, bool dry_run)
{
    char buf[PATH_MAX];
    if (given && dry_run && given[0] == '/' && access(given, F_OK) < 0) {
        snprintf(buf, sizeof buf, "%s", given);
    } else if (given) {
        if (!realpath(given, buf)) {
            err("--interpreter %s: %s", given, strerror(errno));
            return NULL;
        }
    } else {
        ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
        if (n < 0) {
            err("--binfmt: cannot find this program (/proc/self/exe): %s", strerror(errno));
            return NULL;
        }
        buf[n] = 0;
        size_t len = (size_t)n, dl = strlen(" (deleted)");
        if (len > dl && !strcmp(buf + len - dl, " (deleted)")) {
            err("--binfmt: this mimic binary was deleted or replaced since it started; "
                "run the new one");
            return NULL;
        }
    }
    if (strpbrk(buf, ":\n")) {
        err("--binfmt: interpreter path '%s' contains ':' or a newline, which binfmt_misc "
            "cannot register",
            buf);
        return NULL;
    }
    if (!dry_run && access(buf, X_OK) < 0) {
        err("--binfmt: interpreter %s: %s", buf, strerror(errno));
        return NULL;
    }
    return strdup(buf);
}

/* DIR as an absolute path to an existing directory, or false with a message. */
static bool resolve_sysroot(const char *dir, char real[PATH_MAX])
{
    struct stat st;
    if (!realpath(dir, real) || stat(real, &st) < 0) {
        err("--sysroot %s: %s", dir, strerror(errno));
        return false;
    }
    if (!S_ISDIR(st.st_mode)) {
        err("--sysroot %s: not a directory", dir);
        return false;
    }
    return true;
}

/* /etc/mimic-binfmt/<target> -> REAL (a resolved sysroot directory). */
static int install_sysroot(const TargetOps *t, const char *real, bool dry)
{
    char *link = dest_path("/etc/mimic-binfmt/%s", t->name);
    struct stat st;
    int rc = 0;
    if (dry) {
        printf("would link %s -> %s\n", link, real);
    } else if (lstat(link, &st) == 0 && !S_ISLNK(st.st_mode)) {
        rc = err("--sysroot: %s exists and is not a symlink; remove it first", link);
    } else {
        char *dirpath = dest_path("/etc/mimic-binfmt%s", "");
        int e = mkdir_p(dirpath);
        free(dirpath);
        if (!e && unlink(link) < 0 && errno != ENOENT)
            e = errno;
        if (!e && symlink(real, link) < 0)
            e = errno;
        if (e)
            rc = err("--sysroot: cannot link %s -> %s: %s", link, real, strerror(e));
        else
            printf("sysroot: %s -> %s\n", link, real);
    }
    free(link);
    return rc;
}

static int install_persistent(const TargetOps *t, const char *line, const char *interp,
                              const char *flags, bool dry)
{
    char *conf = dest_path("/etc/binfmt.d/mimic-%s.conf", t->name);
    char *fmt = dest_path("/usr/share/binfmts/mimic-%s", t->name);
    char *conf_text = xasprintf(CONF_MARKER "; `mimic --binfmt uninstall` removes it.\n%s\n", line);
    char *fmt_text = format_file(t, interp, flags);
    int rc = 0;
    if (dry) {
        printf("would write %s:\n%s", conf, conf_text);
        printf("would write %s:\n%s", fmt, fmt_text);
    } else {
        int e;
        if ((e = write_file(conf, conf_text)))
            rc = err("--persistent: cannot write %s: %s", conf, strerror(e));
        else if ((e = write_file(fmt, fmt_text)))
            rc = err("--persistent: cannot write %s: %s", fmt, strerror(e));
        else
            printf("persistent: %s (systemd-binfmt) and %s (binfmt-support: run "
                   "`update-binfmts --import mimic-%s` to use it there)\n",
                   conf, fmt, t->name);
    }
    free(conf);
    free(fmt);
    free(conf_text);
    free(fmt_text);
    return rc;
}

static int do_install(int argc, char **argv)
{
    BinfmtOptions o = {0};
    if (!parse_binfmt_options(argc, argv, &o, true))
        return 1;
    if (!o.dry_run && !need_root("install"))
        return 1;
    const TargetOps *t = o.target;
    char *interp = interpreter_path(o.interpreter, o.dry_run);
    if (!interp)
        return 1;
    const char *flags = kernel_has_preserve_argv0() ? "PF" : "F";
    char *line = register_line(t, interp, flags);
    char name[64], entry[PATH_MAX];
    snprintf(name, sizeof name, "mimic-%s", t->name);
    snprintf(entry, sizeof entry, BINFMT_DIR "/%s", name);

    char sysroot[PATH_MAX];
    if (o.sysroot && !resolve_sysroot(o.sysroot, sysroot)) /* before changing anything */
        return 1;
    if (o.dry_run) {
        printf("%s\n", line);
        int rc = o.sysroot ? install_sysroot(t, sysroot, true) : 0;
        if (!rc && o.persistent)
            rc = install_persistent(t, line, interp, flags, true);
        return rc;
    }
    if (!ensure_mounted())
        return 1;
    if (access(entry, F_OK) == 0) { /* re-install replaces (e.g. a new binary) */
        int e = write_ctl(entry, "-1");
        if (e)
            return err("cannot remove the old %s entry: %s", name, strerror(e));
    }
    int e = write_ctl(BINFMT_DIR "/register", line);
    if (e)
        return err("binfmt_misc refused to register %s: %s%s", name, strerror(e),
                   e == ENOENT ? " (interpreter not found)" : "");
    printf("registered %s: %s ELF executables now run with %s (flags %s)\n", name, t->name, interp,
           flags);
    int rc = 0;
    if (o.sysroot)
        rc |= install_sysroot(t, sysroot, false);
    if (o.persistent)
        rc |= install_persistent(t, line, interp, flags, false);
    warn_other_handlers(t, name);
    free(line);
    free(interp);
    return rc ? 1 : 0;
}

/* ---- uninstall -------------------------------------------------------------------- */

/* Remove PATH if it exists and contains MARKER; true if removed. */
static bool remove_if_ours(const char *path, const char *marker)
{
    char *text = read_small_file(path);
    if (!text)
        return false;
    bool ours = strstr(text, marker) != NULL;
    free(text);
    if (!ours) {
        printf("kept %s (not written by mimic)\n", path);
        return false;
    }
    if (unlink(path) < 0) {
        err("cannot remove %s: %s", path, strerror(errno));
        return false;
    }
    printf("removed %s\n", path);
    return true;
}

static int do_uninstall(int argc, char **argv)
{
    BinfmtOptions o = {0};
    if (!parse_binfmt_options(argc, argv, &o, false) || !need_root("uninstall"))
        return 1;
    const TargetOps *t = o.target;
    char entry[PATH_MAX];
    snprintf(entry, sizeof entry, BINFMT_DIR "/mimic-%s", t->name);
    int rc = 0;
    bool any = false;
    if (binfmt_mounted() && access(entry, F_OK) == 0) {
        int e = write_ctl(entry, "-1");
        if (e)
            rc = err("cannot unregister mimic-%s: %s", t->name, strerror(e));
        else
            printf("unregistered mimic-%s\n", t->name), any = true;
    }
    char *conf = dest_path("/etc/binfmt.d/mimic-%s.conf", t->name);
    char *fmt = dest_path("/usr/share/binfmts/mimic-%s", t->name);
    char *link = dest_path("/etc/mimic-binfmt/%s", t->name);
    any |= remove_if_ours(conf, CONF_MARKER);
    /* binfmt-support needs the format file to --unimport: keep it while
       binfmt-support's database still has the format. */
    char *imported = dest_path("/var/lib/binfmts/mimic-%s", t->name);
    if (access(imported, F_OK) == 0)
        printf("kept %s: binfmt-support still has it; run `update-binfmts --unimport mimic-%s`, "
               "then uninstall again\n",
               fmt, t->name);
    else
        any |= remove_if_ours(fmt, FORMAT_MARKER);
    free(imported);
    struct stat st;
    if (lstat(link, &st) == 0 && S_ISLNK(st.st_mode)) {
        if (unlink(link) < 0)
            rc = err("cannot remove %s: %s", link, strerror(errno));
        else
            printf("removed %s\n", link), any = true;
    }
    if (!any && !rc)
        printf("mimic-%s was not registered; nothing to do\n", t->name);
    free(conf);
    free(fmt);
    free(link);
    return rc;
}

/* ---- status ----------------------------------------------------------------------- */

static int do_status(int argc, char **argv)
{
    BinfmtOptions o = {0};
    if (!parse_binfmt_options(argc, argv, &o, false))
        return 1;
    const TargetOps *t = o.target;
    char name[64];
    snprintf(name, sizeof name, "mimic-%s", t->name);
    int rc = 3;

    if (!binfmt_mounted()) {
        printf("binfmt_misc: not mounted on " BINFMT_DIR "%s\n",
               access(BINFMT_DIR, F_OK) == 0 ? " (`mimic --binfmt install` mounts it)"
                                             : " (not available in this kernel?)");
        printf("%s: not registered\n", name);
    } else {
        char *st = read_small_file(BINFMT_DIR "/status");
        printf("binfmt_misc: mounted on " BINFMT_DIR ", %s\n",
               st && !strncmp(st, "enabled", 7) ? "enabled" : "disabled");
        free(st);
        Entry e;
        if (!read_entry(name, &e)) {
            printf("%s: not registered\n", name);
        } else {
            int claims = entry_claims(&e, t);
            printf("%s: registered, %s\n", name, e.enabled ? "enabled" : "disabled");
            printf("  interpreter %s%s\n", e.interpreter,
                   access(e.interpreter, X_OK) == 0 ? ""
                   : strchr(e.flags, 'F')           ? " (missing now; the kernel keeps it open)"
                                                    : " (MISSING)");
            printf("  flags %s%s%s\n", e.flags,
                   strchr(e.flags, 'P') ? " (P: argv[0] preserved)" : "",
                   strchr(e.flags, 'F') ? " (F: interpreter opened at registration)" : "");
            printf("  matches %s ELF executables: %s\n", t->name,
                   claims == 2 ? "yes (ET_EXEC and ET_DYN)"
                   : claims    ? "partly"
                               : "NO");
            if (e.enabled && claims)
                rc = 0;
        }
    }
    char *link = dest_path("/etc/mimic-binfmt/%s", t->name);
    char target[PATH_MAX];
    ssize_t n = readlink(link, target, sizeof target - 1);
    if (n >= 0) {
        target[n] = 0;
        printf("sysroot: %s -> %s\n", link, target);
    } else {
        printf("sysroot: %s not set (dynamic programs find ld.so under the default "
               "sysroot, MIMIC_LD_PREFIX, or the host)\n",
               link);
    }
    char *conf = dest_path("/etc/binfmt.d/mimic-%s.conf", t->name);
    char *fmt = dest_path("/usr/share/binfmts/mimic-%s", t->name);
    printf("persistent: %s %s, %s %s\n", conf, access(conf, F_OK) == 0 ? "present" : "absent", fmt,
           access(fmt, F_OK) == 0 ? "present" : "absent");
    if (binfmt_mounted())
        warn_other_handlers(t, name);
    free(link);
    free(conf);
    free(fmt);
    return rc;
}

/* ---- dispatch -------------------------------------------------------------------- */

int binfmt_main(int argc, char **argv)
{
    if (argc < 2) {
        err("--binfmt needs an action: install, uninstall or status");
        usage(stderr);
        return 1;
    }
    const char *action = argv[1];
    if (!strcmp(action, "install"))
        return do_install(argc - 2, argv + 2);
    if (!strcmp(action, "uninstall"))
        return do_uninstall(argc - 2, argv + 2);
    if (!strcmp(action, "status"))
        return do_status(argc - 2, argv + 2);
    if (!strcmp(action, "help") || !strcmp(action, "-h") || !strcmp(action, "--help")) {
        usage(stdout);
        return 0;
    }
    err("--binfmt: unknown action '%s' (install, uninstall, status, help)", action);
    return 1;
}
