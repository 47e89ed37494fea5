/*
 * mimic's command line and start-up.
 *
 *   mimic [options] PROGRAM [ARGS...]
 *
 * Options follow QEMU's user-mode emulator where it has the same one; each
 * has a MIMIC_* environment twin, read first and overridden by the option.
 * Options stop at the first argument that is not one (PROGRAM).  Invoked as
 * mimic-<target> (a hard link), the target is forced.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "elfload/elfload.h"
#include "guest-abi.h"
#include "linux-user/binfmt.h"
#include "linux-user/user.h"
#include "tcg/tb.h"
#include "tcg/tcg.h"

#define MIMIC_VERSION "0.1"

Options opt;
FILE *log_fp;
ImageInfo image;
const TargetOps *target;

extern char **environ;

/* ---- errors ------------------------------------------------------------- */

static void usage_error(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
static void usage_error(const char *fmt, ...)
{
    va_list ap;
    fputs("mimic: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\nusage: mimic [options] PROGRAM [ARGS...]   (mimic -h for help)\n", stderr);
    exit(1);
}

/* ---- -d items ------------------------------------------------------------ */

static const struct {
    const char *name;
    unsigned mask;
    const char *help;
} log_items[] = {
    {"in_asm", LOG_IN_ASM, "guest code of each TB translated (disassembled)"},
    {"op", LOG_OP, "IR of each TB as generated"},
    {"op_opt", LOG_OP_OPT, "IR of each TB after the optimizer"},
    {"out_asm", LOG_OUT_ASM, "host code generated (disassembled)"},
    {"exec", LOG_EXEC, "each TB as it runs"},
    {"unimp", LOG_UNIMP, "unimplemented syscalls and instructions"},
    {"strace", LOG_STRACE, "syscalls (same as -strace)"},
    {"stats", LOG_STATS, "translation statistics at exit"},
    {"page", LOG_PAGE, "guest memory map changes"},
};
#define N_LOG_ITEMS (sizeof log_items / sizeof log_items[0])

static unsigned parse_log(const char *s, const char *what)
{
    unsigned mask = 0;
    char *copy = strdup(s), *save = NULL;
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (!strcmp(tok, "help")) {
            printf("Log items (-d ITEM,... or MIMIC_LOG):\n");
            for (size_t i = 0; i < N_LOG_ITEMS; i++)
                printf("  %-8s %s\n", log_items[i].name, log_items[i].help);
            exit(0);
        }
        size_t i;
        for (i = 0; i < N_LOG_ITEMS; i++)
            if (!strcmp(tok, log_items[i].name))
                break;
        if (i == N_LOG_ITEMS)
            usage_error("%s: unknown log item '%s' (try -d help)", what, tok);
        mask |= log_items[i].mask;
    }
    free(copy);
    return mask;
}

/* "8M", "512k", "0x100000" -> bytes; false if malformed. */
static bool parse_size(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || end == s || s[0] == '-')
        return false;
    switch (*end) {
    case 'k':
    case 'K':
        v <<= 10, end++;
        break;
    case 'm':
    case 'M':
        v <<= 20, end++;
        break;
    case 'g':
    case 'G':
        v <<= 30, end++;
        break;
    default:
        break;
    }
    if (*end)
        return false;
    *out = v;
    return true;
}

static uint32_t stack_size_arg(const char *s, const char *what)
{
    uint64_t v;
    if (!parse_size(s, &v) || v < 0x10000 || v > (1u << 30))
        usage_error("%s: bad stack size '%s' (64k..1G)", what, s);
    return (uint32_t)v;
}

static bool env_true(const char *v)
{
    return v && *v && strcmp(v, "0") != 0;
}

/* ---- the guest environment ------------------------------------------------ */

static char **genv;
static size_t genv_n, genv_cap;

static void env_init(void)
{
    for (char **e = environ; *e; e++)
        genv_n++;
    genv_cap = genv_n + 16;
    genv = calloc(genv_cap + 1, sizeof *genv);
    for (size_t i = 0; i < genv_n; i++)
        genv[i] = environ[i];
}

static ssize_t env_find(const char *name, size_t len)
{
    for (size_t i = 0; i < genv_n; i++)
        if (!strncmp(genv[i], name, len) && genv[i][len] == '=')
            return (ssize_t)i;
    return -1;
}

static void env_set(char *assignment)
{
    const char *eq = strchr(assignment, '=');
    if (!eq || eq == assignment)
        usage_error("-E needs VAR=VALUE, not '%s'", assignment);
    ssize_t i = env_find(assignment, (size_t)(eq - assignment));
    if (i >= 0) {
        genv[i] = assignment;
        return;
    }
    if (genv_n == genv_cap) {
        genv_cap *= 2;
        genv = realloc(genv, (genv_cap + 1) * sizeof *genv);
    }
    genv[genv_n++] = assignment;
    genv[genv_n] = NULL;
}

static void env_unset(const char *name)
{
    ssize_t i = env_find(name, strlen(name));
    if (i < 0)
        return;
    memmove(&genv[i], &genv[i + 1], (genv_n - (size_t)i) * sizeof *genv);
    genv_n--;
}

/* ---- help ---------------------------------------------------------------- */

static void print_version(void)
{
    printf("mimic version " MIMIC_VERSION " (guests:");
    for (int i = 0; all_targets[i]; i++)
        printf(" %s", all_targets[i]->name);
    printf(")\n");
}

static void print_help(void)
{
    printf("usage: mimic [options] PROGRAM [ARGS...]\n"
           "Run a Linux program built for another CPU.\n\n"
           "Options (environment twin in brackets; options override it):\n"
           "  -L DIR       guest sysroot: the interpreter and guest absolute paths are\n"
           "               looked up under DIR first                  [MIMIC_LD_PREFIX]\n"
           "  -E VAR=VAL   set VAR in the guest's environment (repeatable)\n"
           "  -U VAR       remove VAR from the guest's environment (repeatable)\n"
           "  -0 ARGV0     the guest's argv[0] (default: PROGRAM)     [MIMIC_ARGV0]\n"
           "  -s SIZE      stack size, k/M suffixes (default 8M)      [MIMIC_STACK_SIZE]\n"
           "  -strace      log the guest's syscalls                   [MIMIC_STRACE=1]\n"
           "  -d ITEMS     log items, comma-separated; -d help lists  [MIMIC_LOG]\n"
           "  -D FILE      write logs to FILE instead of stderr       [MIMIC_LOG_FILE]\n"
           "  -cpu MODEL   CPU model (-cpu help lists them; default: the first)\n"
           "  -version     print the version and the guests supported\n"
           "  --binfmt ACTION  install|uninstall|status: binfmt_misc registration\n"
           "               (mimic --binfmt help)\n"
           "  -h, --help   this help\n\n"
           "Environment only:\n"
           "  MIMIC_CODE_BUFFER=BYTES  translated-code buffer size (default 64M)\n"
           "  MIMIC_INTERPRET=1        run translated blocks in the IR interpreter\n\n"
           "Invoked as mimic-<guest> (e.g. mimic-arm) only that guest is accepted.\n"
           "Errors exit 126 (cannot execute) or 127 (not found), like a shell.\n");
}

/* -cpu MODEL: any linked target's model is accepted here; whether it
   fits the program's target is checked once that is known (check_cpu_model). */
static void cpu_model(const char *m)
{
    if (!strcmp(m, "help")) {
        printf("Available CPUs (-cpu MODEL; the first of each guest is its default):\n");
        for (int i = 0; all_targets[i]; i++) {
            const char *const *models = all_targets[i]->cpu_models;
            printf("  %s:", all_targets[i]->name);
            for (int j = 0; models && models[j]; j++)
                printf(" %s", models[j]);
            printf("\n");
        }
        exit(0);
    }
    for (int i = 0; all_targets[i]; i++)
        for (const char *const *p = all_targets[i]->cpu_models; p && *p; p++)
            if (!strcmp(m, *p)) {
                opt.cpu_model = m;
                return;
            }
    usage_error("-cpu: unknown CPU model '%s' (try -cpu help)", m);
}

static void check_cpu_model(const TargetOps *t)
{
    if (!opt.cpu_model)
        return;
    for (const char *const *p = t->cpu_models; p && *p; p++)
        if (!strcmp(opt.cpu_model, *p))
            return;
    usage_error("-cpu: '%s' is not a CPU model for %s programs (try -cpu help)", opt.cpu_model,
                t->name);
}

/* ---- options --------------------------------------------------------------- */

static void read_env_twins(void)
{
    const char *v;
    if ((v = getenv("MIMIC_LD_PREFIX")) && *v)
        opt.ld_prefix = v;
    if ((v = getenv("MIMIC_STRACE")))
        opt.strace = env_true(v);
    if ((v = getenv("MIMIC_LOG")) && *v)
        opt.log_mask = parse_log(v, "MIMIC_LOG");
    if ((v = getenv("MIMIC_LOG_FILE")) && *v)
        opt.log_file = v;
    if ((v = getenv("MIMIC_STACK_SIZE")) && *v)
        opt.stack_size = stack_size_arg(v, "MIMIC_STACK_SIZE");
    if ((v = getenv("MIMIC_ARGV0")) && *v)
        opt.argv0 = v;
    if ((v = getenv("MIMIC_CODE_BUFFER")) && *v) {
        uint64_t n;
        if (!parse_size(v, &n) || n < 0x10000 || n > (1ull << 31))
            usage_error("MIMIC_CODE_BUFFER: bad size '%s' (64k..2G)", v);
        opt.code_buffer_size = (size_t)n;
    }
    if ((v = getenv("MIMIC_INTERPRET")))
        opt.interpret = env_true(v);
}

/* Parse options; returns the index of PROGRAM in argv. */
static int parse_options(int argc, char **argv)
{
    int i = 1;
    while (i < argc && argv[i][0] == '-') {
        const char *o = argv[i] + 1;
        if (o[0] == '-') {
            if (!o[1]) { /* "--": options end */
                i++;
                break;
            }
            o++; /* --help == -help */
        }
        const char *arg = i + 1 < argc ? argv[i + 1] : NULL;
#define NEEDS_ARG()                                                                                \
    do {                                                                                           \
        if (!arg)                                                                                  \
            usage_error("option -%s needs an argument", o);                                        \
        i++;                                                                                       \
    } while (0)
        if (!strcmp(o, "L")) {
            NEEDS_ARG();
            opt.ld_prefix = arg;
        } else if (!strcmp(o, "E")) {
            NEEDS_ARG();
            env_set(argv[i]);
        } else if (!strcmp(o, "U")) {
            NEEDS_ARG();
            env_unset(arg);
        } else if (!strcmp(o, "0")) {
            NEEDS_ARG();
            opt.argv0 = arg;
        } else if (!strcmp(o, "s")) {
            NEEDS_ARG();
            opt.stack_size = stack_size_arg(arg, "-s");
        } else if (!strcmp(o, "strace")) {
            opt.strace = true;
        } else if (!strcmp(o, "d")) {
            NEEDS_ARG();
            opt.log_mask = parse_log(arg, "-d");
        } else if (!strcmp(o, "D")) {
            NEEDS_ARG();
            opt.log_file = arg;
        } else if (!strcmp(o, "cpu")) {
            NEEDS_ARG();
            cpu_model(arg);
        } else if (!strcmp(o, "g")) {
            NEEDS_ARG();
            usage_error("-g: the gdbstub is not implemented yet");
        } else if (!strcmp(o, "version")) {
            print_version();
            exit(0);
        } else if (!strcmp(o, "h") || !strcmp(o, "help")) {
            print_help();
            exit(0);
        } else {
            usage_error("unknown option '%s'", argv[i]);
        }
#undef NEEDS_ARG
        i++;
    }
    if (i >= argc)
        usage_error("no program to run");
    return i;
}

/* A PROGRAM without a slash that is not in the current directory is
   searched in PATH, as a shell would. */
static const char *find_program(const char *name)
{
    if (strchr(name, '/') || access(name, F_OK) == 0)
        return name;
    const char *path = getenv("PATH");
    if (!path)
        return name;
    char *copy = strdup(path), *save = NULL;
    for (char *dir = strtok_r(copy, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
        char buf[PATH_MAX];
        snprintf(buf, sizeof buf, "%s/%s", *dir ? dir : ".", name);
        if (access(buf, X_OK) == 0) {
            char *r = strdup(buf);
            free(copy);
            return r;
        }
    }
    free(copy);
    return name;
}

/* -d page: the guest's memory map and image layout at start-up. */
static void log_page_map(void)
{
    fprintf(log_fp, "guest_base %#lx\nstart    end      prot\n", (unsigned long)guest_base);
    int prev = 0;
    uint32_t start = 0;
    for (uint64_t a = 0;; a += GUEST_PAGE_SIZE) {
        int f = a < (1ull << 32) ? page_get_flags((uint32_t)a) &
                                       (PAGE_VALID | PAGE_READ | PAGE_WRITE | PAGE_EXEC)
                                 : 0;
        if (f != prev) {
            if (prev)
                fprintf(log_fp, "%08x-%08llx %c%c%c\n", start, (unsigned long long)a,
                        prev & PAGE_READ ? 'r' : '-', prev & PAGE_WRITE ? 'w' : '-',
                        prev & PAGE_EXEC ? 'x' : '-');
            prev = f;
            start = (uint32_t)a;
        }
        if (a >= (1ull << 32))
            break;
    }
    fprintf(log_fp,
            "entry %#x start_pc %#x interp_base %#x brk %#x\n"
            "code %#x-%#x data %#x-%#x stack %#x-%#x sp %#x\n",
            image.entry, elf_start_pc(&image), image.interp_base, image.brk, image.start_code,
            image.end_code, image.start_data, image.end_data, image.stack_limit, image.stack_top,
            image.start_stack);
}

/* mimic-<name>: the target is forced.  Other suffixes (mimic-debug, ...)
   are plain mimic. */
static const TargetOps *forced_target(const char *argv0)
{
    const char *base = strrchr(argv0, '/');
    base = base ? base + 1 : argv0;
    if (strncmp(base, "mimic-", 6) != 0)
        return NULL;
    return target_by_name(base + 6);
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "--binfmt"))
        return binfmt_main(argc - 1, argv + 1);
    binfmt_fixup_argv(&argc, &argv); /* started by binfmt_misc with flag P */
    opt.code_buffer_size = 64u << 20;
    log_fp = stderr;
    env_init();
    read_env_twins();
    const TargetOps *forced = forced_target(argv[0]);
    int prog = parse_options(argc, argv);
    if (opt.strace)
        opt.log_mask |= LOG_STRACE;
    if (opt.log_mask & LOG_STRACE)
        opt.strace = true;
    if (opt.log_file) {
        /* At a high fd number, close-on-exec, hidden from the guest. */
        int lfd = open(opt.log_file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
        log_fp = lfd < 0 ? NULL : fdopen(host_fd_hide(lfd), "w");
        if (!log_fp) {
            fprintf(stderr, "mimic: %s: %s\n", opt.log_file, strerror(errno));
            exit(1);
        }
        setvbuf(log_fp, NULL, _IOLBF, 0);
    }

    /* As a shell would: the path found in PATH is also what the guest sees
       as AT_EXECFN. */
    const char *path = find_program(argv[prog]);

    if (!guest_mem_init()) {
        fprintf(stderr, "mimic: cannot reserve 4 GiB of address space for the guest: %s\n",
                strerror(errno));
        exit(126);
    }
    /* The guest's argv: PROGRAM ARGS..., argv[0] possibly replaced. */
    int gargc = argc - prog;
    char **gargv = &argv[prog];
    if (opt.argv0) {
        gargv = calloc((size_t)gargc + 1, sizeof *gargv);
        memcpy(gargv, &argv[prog], (size_t)gargc * sizeof *gargv);
        gargv[0] = (char *)opt.argv0;
    }
    ElfLoadArgs load = {
        .path = path,
        .guest_name = path,
        .target = forced,
        .sysroot = opt.ld_prefix,
        .argc = gargc,
        .argv = gargv,
        .envp = genv,
        .stack_size = opt.stack_size,
    };
    elf_load_image(&load, &image);
    target = image.target;
    guest_order_init(target->big_endian); /* before anything reads guest data */
    guest_abi_select(target->abi);        /* layouts, constants and value maps */
    check_cpu_model(target);
    if (!opt.ld_prefix)
        opt.ld_prefix = image.sysroot; /* guest paths are looked up there too */
    uint32_t sp = elf_setup_stack(&load, &image);
    proc_set_comm(); /* the host's name of this process: the guest program's */

    tcg_context_init(&tcg_ctx);
    target->tcg_init();
    tcg_backend_init();
    tb_init(opt.code_buffer_size);
    tcg_ctx.log_mask = opt.log_mask;
    tcg_log_file = log_fp;
    tcg_ctx.interpret = opt.interpret;
    signal_init();

    size_t size = (target->cpu_size + 63) & ~(size_t)63;
    CPUCommon *env = aligned_alloc(64, size);
    TBJumpCache *jc = calloc(1, sizeof *jc);
    if (!env || !jc) {
        fprintf(stderr, "mimic: out of memory\n");
        exit(126);
    }
    memset(env, 0, size);
    env->target = target;
    env->jc = jc;
    target->cpu_reset(env, elf_start_pc(&image), sp);
    target->process_init();
    if (opt.log_mask & LOG_PAGE)
        log_page_map();
    cpu_loop(env);
}
