/*
 * mimic's command line and start-up.
 *
 *   mimic [options] PROGRAM [ARGS...]
 *
 * Options (options.c) follow qemu-user's where it has the same one.
 * Invoked as mimic-<target> (a hard link), the target is forced.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elfload/elfload.h"
#include "guest-abi.h"
#include "linux-user/binfmt.h"
#include "linux-user/gdbstub.h"
#include "linux-user/user.h"
#include "tcg/tb.h"
#include "tcg/pcache.h"
#include "tcg/tcg.h"

Options opt; /* options.c fills it */
FILE *log_fp;
ImageInfo image;
const TargetOps *target;

/* A PROGRAM without a slash that is not in the current directory is
   searched in PATH, as a shell would. */
static const char *find_program(const char *name)
{
    if (!*name || strchr(name, '/') || access(name, F_OK) == 0)
        return name; /* ("": no such file, as for a shell) */
    const char *path = getenv("PATH");
    if (!path)
        return name;
    char *copy = strdup(path), *save = NULL;
    for (char *dir = strtok_r(copy, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
        char buf[PATH_MAX];
        snprintf(buf, sizeof buf, "%s/%s", *dir ? dir : ".", name);
        struct stat st;
        /* (as a shell: directories and other non-files are skipped) */
        if (access(buf, X_OK) == 0 && stat(buf, &st) == 0 && S_ISREG(st.st_mode)) {
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

/*
 * What other processes see in /proc/PID/cmdline (ps, pgrep -f, pidof): the
 * guest's command line, not mimic's.  The kernel shows the bytes of the
 * original argument area, so the guest's argv is written over it (NUL-
 * separated, the rest NUL: tools drop trailing NULs, as for nginx's
 * titles).  Everything mimic keeps from its own argv is copied first
 * (own_argv).  A guest command line longer than mimic's (only with a long
 * -0) is cut at the area's end.
 */
static char *arg_area, *arg_area_end;

static char **own_argv(int argc, char **argv)
{
    char **v = calloc((size_t)argc + 1, sizeof *v);
    if (!v)
        return argv;
    arg_area = argv[0];
    arg_area_end = argv[0];
    for (int i = 0; i < argc; i++) {
        if (argv[i] == arg_area_end) /* contiguous, as the kernel lays them out */
            arg_area_end = argv[i] + strlen(argv[i]) + 1;
        v[i] = strdup(argv[i]);
        if (!v[i])
            return argv;
    }
    return v;
}

static void show_guest_cmdline(int argc, char **argv)
{
    if (!arg_area || arg_area_end <= arg_area)
        return;
    size_t room = (size_t)(arg_area_end - arg_area), used = 0;
    for (int i = 0; i < argc && used < room; i++) {
        size_t n = strlen(argv[i]) + 1;
        if (n > room - used)
            n = room - used;
        memcpy(arg_area + used, argv[i], n);
        used += n;
    }
    memset(arg_area + used, 0, room - used);
    arg_area_end[-1] = 0; /* the last byte NUL: the kernel reads the whole area */
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
    process_stack_prefault(); /* first: the rest runs on those pages */
    bool by_kernel = binfmt_started(argc, argv);
    if (!by_kernel && argc > 1 && !strcmp(argv[1], "--binfmt")) {
        if (mimic_elevated()) {
            fprintf(stderr, "mimic: --binfmt: not allowed when mimic runs with elevated privileges "
                            "(setuid, setgid or file capabilities)\n");
            return 1;
        }
        return binfmt_main(argc - 1, argv + 1);
    }
    argv = own_argv(argc, argv); /* the original area becomes the guest's */
    if (by_kernel)
        binfmt_fixup_argv(&argc, &argv); /* [mimic, PATH, (ARGV0 with flag P), ARGS] */
    process_exec_args_fixup(&argc, &argv);
    process_self_init(); /* before options_parse copies the environment */
    log_fp = stderr;
    const TargetOps *forced = forced_target(argv[0]);
    int prog = options_parse(argc, argv);
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

    /* The persistent translation cache follows the mappings from here on.
       Translations that depend on more than the guest bytes are not kept.
       Before guest_mem_init: its lock is taken inside guest_mem_lock, and
       glibc runs fork's prepare handlers last-registered first, so the
       outer lock's must be registered later (else fork deadlocks with a
       thread that maps memory). */
    /* MIMIC_FLAGKILL=0 (below) makes other code than what the cache holds. */
    const char *flagkill = getenv("MIMIC_FLAGKILL");
    bool flagkill_off = flagkill && !strcmp(flagkill, "0");
    pcache_init(!opt.no_cache && !opt.secure && !opt.interpret && !opt.gdb && !opt.one_insn_per_tb &&
                !(opt.log_mask & (LOG_PER_TB | LOG_UNCHAINED)) && !flagkill_off);
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
        .envp = options_guest_env(),
        .stack_size = opt.stack_size,
    };
    elf_load_image(&load, &image);
    target = image.target;
    guest_order_init(target->big_endian); /* before anything reads guest data */
    guest_abi_select(target->abi);        /* layouts, constants and value maps */
    options_check_cpu(target);
    if (!opt.ld_prefix)
        opt.ld_prefix = image.sysroot; /* guest paths are looked up there too */
    uint32_t sp = elf_setup_stack(&load, &image);
    proc_set_comm(); /* the host's name of this process: the guest program's */
    show_guest_cmdline(gargc, gargv);
    if (opt.proc_exe)
        proc_exe_show_guest(path);

    tcg_context_init(&tcg_ctx);
    target->tcg_init();
    tcg_backend_init();
    tb_init(opt.code_buffer_size);
    tcg_ctx.log_mask = opt.log_mask;
    tcg_log_file = log_fp;
    tcg_ctx.interpret = opt.interpret;
    /* Hot regions (tcg/translator.c), off where every block must stay a
       block (interpreter, debugger, single instructions, exec traces);
       MIMIC_REGIONS=0 turns them off to compare. */
    const char *regions = getenv("MIMIC_REGIONS");
    tcg_ctx.regions_on = !opt.interpret && !opt.gdb && !opt.one_insn_per_tb &&
                         !(opt.log_mask & LOG_UNCHAINED) && !(regions && !strcmp(regions, "0"));
    /* Flags a chained jump's target overwrites first are not computed
       (tcg/README.md, "Dead flags"): off where state between blocks is
       shown (debugger, single instructions, unchained traces, the
       interpreter); MIMIC_FLAGKILL=0 turns it off to compare. */
    tcg_ctx.flag_kill_on = !opt.interpret && !opt.gdb && !opt.one_insn_per_tb &&
                           !(opt.log_mask & LOG_UNCHAINED) && !flagkill_off;
    const char *sites = getenv("MIMIC_FAULTSITES");
    tcg_ctx.fault_sites_on = !(sites && !strcmp(sites, "0"));
    const char *lazyfl = getenv("MIMIC_LAZYFLAGS");
    tcg_ctx.lazy_flags_on = !(lazyfl && !strcmp(lazyfl, "0"));
    /* Cold TBs skip the optimizer (tcg/README.md, "Pass order");
       MIMIC_OPTALL=1 optimizes every TB, to compare. */
    const char *optall = getenv("MIMIC_OPTALL");
    tcg_ctx.opt_all = optall && !strcmp(optall, "1");
    const char *retpred = getenv("MIMIC_RETPRED");
    tcg_ctx.retpred_off = !retpred || strcmp(retpred, "1") != 0;
    pcache_configure(target->name, opt.cpu_model);
    if (opt.perfmap)
        perfmap_init();
    signal_init();

    size_t size = (target->cpu_size + 63) & ~(size_t)63;
    CPUCommon *env = aligned_alloc(64, size);
    TBJumpCache *jc = malloc(sizeof *jc);
    if (jc)
        tb_jc_init(jc);
    if (!env || !jc) {
        fprintf(stderr, "mimic: out of memory\n");
        exit(126);
    }
    memset(env, 0, size);
    env->target = target;
    env->jc = jc;
    tb_cpu_init(env);
    target->cpu_reset(env, elf_start_pc(&image), sp);
    if (target->process_init)
        target->process_init();
    if (opt.log_mask & LOG_PAGE)
        log_page_map();
    if (opt.gdb)
        gdb_start(opt.gdb, env); /* waits for gdb, serves the initial stop */
    cpu_loop(env);
}
