/*
 * mimic's options: the command line, their environment twins and qemu-user's
 * names for them.
 *
 * One table row per option.  Each option can also come from the
 * environment: its MIMIC_* twin, or else the QEMU_* variable qemu-user
 * reads for the same option (so scripts and binfmt set-ups written for
 * qemu-user work unchanged).  The environment is read first and the
 * command line overrides it; MIMIC_* wins over QEMU_*.  Options stop at the
 * first argument that is not one (PROGRAM) or at "--".
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#include "guest.h"
#include "linux-user/user.h"
#include "tcg/tb.h"
#include "tcg/tcg.h"

#define MIMIC_VERSION "0.1"

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
    {"exec", LOG_EXEC, "each TB as it runs (blocks are not chained)"},
    {"cpu", LOG_CPU, "the guest registers before each TB runs (not chained)"},
    {"nochain", LOG_NOCHAIN, "do not chain blocks: every block returns to the loop"},
    {"int", LOG_INT, "exceptions that leave generated code and signal deliveries"},
    {"guest_errors", LOG_GUEST_ERRORS, "faults and undefined instructions of the guest"},
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
                printf("  %-12s %s\n", log_items[i].name, log_items[i].help);
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

const char *log_mask_names(unsigned mask, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = 0;
    for (size_t i = 0; i < N_LOG_ITEMS; i++)
        if (mask & log_items[i].mask) {
            int n = snprintf(buf + len, size - len, "%s%s", len ? "," : "", log_items[i].name);
            if (n < 0 || (size_t)n >= size - len)
                break;
            len += (size_t)n;
        }
    return buf;
}

/* ---- values ---------------------------------------------------------------- */

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

/* A flag's environment value: set unless empty or "0". */
static bool env_true(const char *v)
{
    return v && *v && strcmp(v, "0") != 0;
}

/* ---- the guest environment ------------------------------------------------ */

extern char **environ;
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

char **options_guest_env(void)
{
    return genv;
}

static ssize_t env_find(const char *name, size_t len)
{
    for (size_t i = 0; i < genv_n; i++)
        if (!strncmp(genv[i], name, len) && genv[i][len] == '=')
            return (ssize_t)i;
    return -1;
}

static void env_set(const char *assignment, const char *from)
{
    const char *eq = strchr(assignment, '=');
    if (!eq || eq == assignment)
        usage_error("%s needs VAR=VALUE, not '%s'", from, assignment);
    ssize_t i = env_find(assignment, (size_t)(eq - assignment));
    if (i >= 0) {
        genv[i] = (char *)assignment;
        return;
    }
    if (genv_n == genv_cap) {
        genv_cap *= 2;
        genv = realloc(genv, (genv_cap + 1) * sizeof *genv);
    }
    genv[genv_n++] = (char *)assignment;
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

/* The environment twins of -E and -U take comma-separated lists, as
   qemu-user's QEMU_SET_ENV and QEMU_UNSET_ENV do. */
static void env_list(const char *list, const char *from, bool set)
{
    char *copy = strdup(list), *save = NULL;
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        if (set)
            env_set(tok, from); /* copy stays allocated: genv points into it */
        else
            env_unset(tok);
    }
    if (!set)
        free(copy);
}

/* ---- help ---------------------------------------------------------------- */

static void print_version(void)
{
    printf("mimic version " MIMIC_VERSION " (guests:");
    for (int i = 0; all_targets[i]; i++)
        printf(" %s", all_targets[i]->name);
    printf(")\n");
}

/* -cpu MODEL: any linked target's model is accepted here; whether it
   fits the program's target is checked once that is known. */
static void cpu_model(const char *m, const char *from)
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
    usage_error("%s: unknown CPU model '%s' (try -cpu help)", from, m);
}

void options_check_cpu(const TargetOps *t)
{
    if (!opt.cpu_model)
        return;
    for (const char *const *p = t->cpu_models; p && *p; p++)
        if (!strcmp(opt.cpu_model, *p))
            return;
    usage_error("-cpu: '%s' is not a CPU model for %s programs (try -cpu help)", opt.cpu_model,
                t->name);
}

/* ---- the option table ------------------------------------------------------ */

/* from: how the value was given ("-s", "MIMIC_STACK_SIZE"), for messages.
   A flag's handler gets "1" from the command line and the variable's value
   from the environment. */
typedef void OptHandler(const char *arg, const char *from);

static void set_ld_prefix(const char *a, const char *f) { (void)f, opt.ld_prefix = a; }
static void set_argv0(const char *a, const char *f) { (void)f, opt.argv0 = a; }
static void set_log_file(const char *a, const char *f) { (void)f, opt.log_file = a; }
static void set_dfilter(const char *a, const char *f)
{
    char err[128];
    if (!log_filter_parse(a, err, sizeof err))
        usage_error("%s: %s", f, err);
    opt.dfilter = a;
}
static void set_uname(const char *a, const char *f) { (void)f, opt.uname_release = a; }
static void set_strace(const char *a, const char *f) { (void)f, opt.strace = env_true(a); }
static void set_one_insn(const char *a, const char *f) { (void)f, opt.one_insn_per_tb = env_true(a); }
static void set_log(const char *a, const char *f) { opt.log_mask = parse_log(a, f); }
static void set_cpu(const char *a, const char *f) { cpu_model(a, f); }
static void set_env_one(const char *a, const char *f) { env_set(a, f); }
static void unset_env_one(const char *a, const char *f) { (void)f, env_unset(a); }
static void set_env_list(const char *a, const char *f) { env_list(a, f, true); }
static void unset_env_list(const char *a, const char *f) { env_list(a, f, false); }

static void set_stack(const char *a, const char *f)
{
    uint64_t v;
    if (!parse_size(a, &v) || v < 0x10000 || v > (1u << 30))
        usage_error("%s: bad stack size '%s' (64k..1G)", f, a);
    opt.stack_size = (uint32_t)v;
}

static void set_seed(const char *a, const char *f)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(a, &end, 0);
    if (errno || end == a || *end)
        usage_error("%s: bad seed '%s' (a number)", f, a);
    opt.seed = v;
    opt.seed_set = true;
}

/* -g PORT (TCP, all digits) or -g PATH (a Unix socket). */
static void set_gdb(const char *a, const char *f)
{
    if (strspn(a, "0123456789") == strlen(a)) {
        long port = strtol(a, NULL, 10);
        if (port < 1 || port > 65535)
            usage_error("%s: bad port '%s' (1..65535, or a Unix socket path)", f, a);
    }
    opt.gdb = a;
}

static void set_code_buffer(const char *a, const char *f)
{
    uint64_t n;
    if (!parse_size(a, &n) || n < 0x10000 || n > (1ull << 31))
        usage_error("%s: bad size '%s' (64k..2G)", f, a);
    opt.code_buffer_size = (size_t)n;
}

static void set_interpret(const char *a, const char *f) { (void)f, opt.interpret = env_true(a); }
static void set_no_cache(const char *a, const char *f) { (void)f, opt.no_cache = env_true(a); }
static void set_perfmap(const char *a, const char *f) { (void)f, opt.perfmap = env_true(a); }

static void set_proc_exe(const char *a, const char *f) { (void)f, opt.proc_exe = env_true(a); }

static void show_version(const char *a, const char *f)
{
    (void)a, (void)f;
    print_version();
    exit(0);
}

static void show_help(const char *a, const char *f);

typedef struct OptionDesc {
    const char *name;      /* on the command line without the dash; NULL: env only */
    bool has_arg;
    const char *mimic_env; /* its environment twin, or NULL */
    const char *qemu_env;  /* qemu-user's variable for it, or NULL */
    OptHandler *handle;
    const char *argname, *help; /* for -h; help NULL: not listed */
} OptionDesc;

static const OptionDesc options[] = {
    {"L", true, "MIMIC_LD_PREFIX", "QEMU_LD_PREFIX", set_ld_prefix, "DIR",
     "guest sysroot: the interpreter and guest absolute paths are looked up under DIR first"},
    {"E", true, NULL, NULL, set_env_one, "VAR=VAL", "set VAR in the guest's environment (repeatable)"},
    {NULL, true, "MIMIC_SET_ENV", "QEMU_SET_ENV", set_env_list, "VAR=VAL,...", "as -E, a list"},
    {"U", true, NULL, NULL, unset_env_one, "VAR", "remove VAR from the guest's environment (repeatable)"},
    {NULL, true, "MIMIC_UNSET_ENV", "QEMU_UNSET_ENV", unset_env_list, "VAR,...", "as -U, a list"},
    {"0", true, "MIMIC_ARGV0", "QEMU_ARGV0", set_argv0, "ARGV0", "the guest's argv[0] (default: PROGRAM)"},
    {"s", true, "MIMIC_STACK_SIZE", "QEMU_STACK_SIZE", set_stack, "SIZE",
     "stack size, k/M suffixes (default 8M)"},
    {"cpu", true, "MIMIC_CPU", "QEMU_CPU", set_cpu, "MODEL", "CPU model (-cpu help lists them)"},
    {"r", true, "MIMIC_UNAME", "QEMU_UNAME", set_uname, "RELEASE", "the kernel release uname shows"},
    {"strace", false, "MIMIC_STRACE", "QEMU_STRACE", set_strace, NULL, "log the guest's syscalls"},
    {"d", true, "MIMIC_LOG", "QEMU_LOG", set_log, "ITEMS", "log items, comma-separated; -d help lists"},
    {"D", true, "MIMIC_LOG_FILE", "QEMU_LOG_FILENAME", set_log_file, "FILE",
     "write logs to FILE instead of stderr"},
    {"dfilter", true, "MIMIC_DFILTER", NULL, set_dfilter, "RANGES",
     "log only code in these address ranges: A+SIZE, A-SIZE, A..B, comma-separated"},
    {"one-insn-per-tb", false, "MIMIC_ONE_INSN_PER_TB", "QEMU_ONE_INSN_PER_TB", set_one_insn, NULL,
     "translate one guest instruction per block (debugging)"},
    {"singlestep", false, NULL, "QEMU_SINGLESTEP", set_one_insn, NULL, "the same (qemu's old name)"},
    {"no-cache", false, NULL, NULL, set_no_cache, NULL,
     "no persistent translation cache (also MIMIC_CACHE=0; MIMIC_CACHE_DIR: its directory)"},
    {"perfmap", false, "MIMIC_PERFMAP", NULL, set_perfmap, NULL,
     "write /tmp/perf-PID.map so that perf(1) names generated code by guest pc"},
    {"seed", true, "MIMIC_RAND_SEED", "QEMU_RAND_SEED", set_seed, "N",
     "reproducible AT_RANDOM and getrandom from seed N"},
    {"g", true, "MIMIC_GDB", "QEMU_GDB", set_gdb, "PORT",
     "wait for gdb on TCP PORT (or a Unix socket if PORT is a path) and let it debug"},
    {NULL, true, "MIMIC_CODE_BUFFER", NULL, set_code_buffer, "BYTES",
     "translated-code buffer size (default 64M)"},
    {NULL, false, "MIMIC_INTERPRET", NULL, set_interpret, NULL,
     "run translated blocks in the IR interpreter"},
    {NULL, false, "MIMIC_PROC_EXE", NULL, set_proc_exe, NULL,
     "other processes' /proc/PID/exe names the guest program (needs CAP_SYS_RESOURCE or "
     "CAP_CHECKPOINT_RESTORE; copies mimic's code at every start)"},
    {"version", false, NULL, NULL, show_version, NULL, "print the version and the guests supported"},
    {"h", false, NULL, NULL, show_help, NULL, NULL},
    {"help", false, NULL, NULL, show_help, NULL, "this help"},
};
#define N_OPTIONS (sizeof options / sizeof options[0])

/* qemu-user options that mimic does not have, and why: named clearly
   rather than "unknown option". */
static const struct {
    const char *name;
    bool has_arg;
    const char *why;
} qemu_only[] = {
    {"B", true, "mimic chooses the guest base itself"},
    {"R", true, "mimic always reserves the whole 4 GiB guest address space"},
    {"p", true, "the guest page size is fixed at 4096"},
    {"plugin", true, "TCG plugins are qemu's"},
    {"trace", true, "qemu's trace events do not exist in mimic (use -d or -strace)"},
    {"jitdump", false, "perf jitdump files are not written"},
};

static void show_help(const char *a, const char *f)
{
    (void)a, (void)f;
    printf("usage: mimic [options] PROGRAM [ARGS...]\n"
           "Run a Linux program built for another CPU.\n\n"
           "Options, then their environment twins: MIMIC_* first, else qemu-user's QEMU_*;\n"
           "the command line overrides the environment:\n");
    for (size_t i = 0; i < N_OPTIONS; i++) {
        const OptionDesc *o = &options[i];
        if (!o->help || !o->name)
            continue;
        char lhs[64];
        snprintf(lhs, sizeof lhs, "-%s%s%s", o->name, o->argname ? " " : "",
                 o->argname ? o->argname : "");
        printf("  %-20s %s\n", lhs, o->help);
        if (o->mimic_env || o->qemu_env)
            printf("  %-20s   [%s%s%s]\n", "", o->mimic_env ? o->mimic_env : "",
                   o->mimic_env && o->qemu_env ? ", " : "", o->qemu_env ? o->qemu_env : "");
    }
    printf("  --binfmt ACTION       install|uninstall|status: binfmt_misc registration\n"
           "                        (mimic --binfmt help)\n\n"
           "Environment only:\n");
    for (size_t i = 0; i < N_OPTIONS; i++) {
        const OptionDesc *o = &options[i];
        if (o->name || !o->help)
            continue;
        char lhs[64];
        snprintf(lhs, sizeof lhs, "%s=%s", o->mimic_env, o->argname ? o->argname : "1");
        printf("  %-30s %s%s%s%s\n", lhs, o->help, o->qemu_env ? " [" : "",
               o->qemu_env ? o->qemu_env : "", o->qemu_env ? "]" : "");
    }
    printf("  %-30s %s\n", "MIMIC_VERSION, QEMU_VERSION", "set: print the version and exit");
    printf("\nInvoked as mimic-<guest> (e.g. mimic-arm) only that guest is accepted.\n"
           "Errors exit 126 (cannot execute) or 127 (not found), like a shell.\n");
    exit(0);
}

bool mimic_elevated(void)
{
    return getauxval(AT_SECURE) || getuid() != geteuid() || getgid() != getegid();
}

/* What an elevated mimic does not take from its caller (mimic_elevated):
   options that load code, write files, or show the process's data. */
static OptHandler *const unsafe_when_elevated[] = {
    set_ld_prefix, set_env_one, set_env_list, unset_env_one, unset_env_list, set_log_file, set_perfmap,
    set_log,       set_strace,  set_gdb,      set_seed,      set_proc_exe,
};

static bool refused(const OptionDesc *o)
{
    if (!opt.secure)
        return false;
    for (size_t i = 0; i < sizeof unsafe_when_elevated / sizeof unsafe_when_elevated[0]; i++)
        if (o->handle == unsafe_when_elevated[i])
            return true;
    return false;
}

/* The environment twins, read before the command line. */
static void read_env(void)
{
    /* The emulation probe (mmdebstrap, arch-test -n): qemu-user answers a
       set QEMU_VERSION, whatever its value, with its version. */
    if (getenv("MIMIC_VERSION") || getenv("QEMU_VERSION"))
        show_version(NULL, NULL);
    for (size_t i = 0; i < N_OPTIONS; i++) {
        const OptionDesc *o = &options[i];
        const char *from = o->mimic_env, *v = from ? getenv(from) : NULL;
        if (!v && o->qemu_env)
            v = getenv(from = o->qemu_env);
        if (!v || (o->has_arg && !*v) || refused(o))
            continue; /* (ignored when elevated, as ld.so ignores LD_PRELOAD) */
        o->handle(v, from);
    }
}

int options_parse(int argc, char **argv)
{
    opt.code_buffer_size = 64u << 20;
    opt.secure = mimic_elevated();
    env_init();
    read_env();
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
        char from[64];
        snprintf(from, sizeof from, "-%s", o);
        size_t k;
        for (k = 0; k < N_OPTIONS; k++)
            if (options[k].name && !strcmp(o, options[k].name))
                break;
        if (k == N_OPTIONS) {
            for (size_t q = 0; q < sizeof qemu_only / sizeof qemu_only[0]; q++)
                if (!strcmp(o, qemu_only[q].name))
                    usage_error("%s: qemu-user's option is not supported: %s", argv[i],
                                qemu_only[q].why);
            usage_error("unknown option '%s'", argv[i]);
        }
        if (refused(&options[k]))
            usage_error("%s: not allowed when mimic runs with elevated privileges (setuid, setgid, "
                        "file capabilities or binfmt_misc's C flag)",
                        from);
        if (options[k].has_arg) {
            if (i + 1 >= argc)
                usage_error("option %s needs an argument", from);
            options[k].handle(argv[++i], from);
        } else {
            options[k].handle("1", from);
        }
        i++;
    }
    if (i >= argc)
        usage_error("no program to run");
    if (opt.strace)
        opt.log_mask |= LOG_STRACE;
    if (opt.log_mask & LOG_STRACE)
        opt.strace = true;
    if (opt.seed_set)
        guest_random_seed(opt.seed);
    if (opt.one_insn_per_tb)
        tb_max_insns = 1;
    return i;
}
