/*
 * The execution loop: find the TB for the CPU's state, chain it to the one
 * that just exited, run it, and handle whatever made generated code return
 * (a syscall, a fault, an exit request).
 */
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include "linux-user/gdbstub.h"
#include "linux-user/signal-priv.h"
#include "user.h"
#include "tcg/tb.h"
#include "tcg/tcg.h"
#include "include/forklocks.h"

extern __thread CPUCommon *thread_cpu;

/* -d exec and -d cpu: the block about to run, and the registers. */
static void log_trace(CPUCommon *env, const TranslationBlock *tb, uint32_t pc, uint32_t flags)
{
    FILE *f = tcg_log_file ? tcg_log_file : stderr;
    if (opt.log_mask & LOG_EXEC)
        fprintf(f, "Trace: %p [%08x/%08x]\n", (void *)tb->code, pc, flags);
    if (opt.log_mask & LOG_CPU) {
        if (target->dump_state)
            target->dump_state(env, f);
        else
            fprintf(f, "pc=%08x flags=%08x\n", pc, flags);
    }
}

static const char *const excp_names[] = {
    [EXCP_UDEF] = "undefined instruction", [EXCP_BKPT] = "breakpoint",
    [EXCP_INTERRUPT] = "exit request",    [EXCP_PRIV] = "privileged instruction",
    [EXCP_FETCH_FAULT] = "fetch fault", [EXCP_UNALIGNED] = "unaligned access",
};

static void handle_exception(CPUCommon *env, int excp)
{
    uint32_t pc = target->get_pc(env);
    /* -d int: every exit but the syscalls (-strace shows those). */
    if ((opt.log_mask & LOG_INT) && excp != EXCP_SYSCALL)
        fprintf(tcg_log_file ? tcg_log_file : stderr, "exception 0x%x (%s) at pc 0x%08x\n", excp,
                excp < (int)(sizeof excp_names / sizeof *excp_names) && excp_names[excp]
                    ? excp_names[excp]
                    : "target",
                pc);
    switch (excp) {
    case EXCP_SYSCALL:
        handle_syscall(env); /* the syscall, then signal delivery */
        break;
    case EXCP_UDEF:
        force_sig(env, SIGILL, ILL_ILLOPC, pc);
    case EXCP_PRIV:
        force_sig(env, SIGILL, ILL_PRVOPC, pc);
    case EXCP_BKPT:
        force_sig(env, SIGTRAP, TRAP_BRKPT, pc);
    case EXCP_INTERRUPT:
        break;
    case EXCP_DEBUG: /* a gdb breakpoint (the translator's, nothing in memory) */
        gdb_breakpoint(env);
        break;
    case EXCP_FETCH_FAULT: { /* the kernel's answer to an instruction fetch fault */
        uint32_t addr = env->exception_arg;
        force_sig(env, SIGSEGV, (page_get_flags(addr) & PAGE_VALID) ? SEGV_ACCERR : SEGV_MAPERR, addr);
    }
    case EXCP_UNALIGNED: /* an access the guest architecture requires aligned */
        force_sig(env, SIGBUS, BUS_ADRALN, env->exception_arg);
    default:
        if (excp >= EXCP_TARGET && target->handle_exception) {
            target->handle_exception(env, excp);
            break;
        }
        fatal(1, "internal error: unknown exception %d at pc 0x%08x", excp, pc);
    }
}

static FORK_LOCK pthread_mutex_t interp_lock = PTHREAD_MUTEX_INITIALIZER;
/* This thread holds interp_lock: a guest signal that jumps out of a helper
   the interpreter called (force_sig) leaves it to cpu_loop to let go. */
static __thread bool interp_held;

/* fork: never into a child with interp_lock held by another thread.  It
   is taken before tb_lock (tb_lookup runs under it), so its prepare
   handler must run before tb.c's: registered after it (glibc runs prepare
   handlers last-registered first), at the first cpu_loop. */
static void interp_fork_prepare(void) { pthread_mutex_lock(&interp_lock); }
static void interp_fork_parent(void) { pthread_mutex_unlock(&interp_lock); }
static void interp_fork_child(void) { pthread_mutex_init(&interp_lock, NULL); }
static pthread_once_t interp_fork_once = PTHREAD_ONCE_INIT;
static void interp_fork_register(void)
{
    pthread_atfork(interp_fork_prepare, interp_fork_parent, interp_fork_child);
}

/* The loop proper.  Entered afresh after every synchronous guest signal
   (force_sig jumps back to cpu_loop), so it keeps no state across that. */
static void __attribute__((noreturn)) run(CPUCommon *env)
{
    TranslationBlock *last = NULL;
    int slot = 0;
    unsigned epoch = tb_flush_count;
    const bool trace = opt.log_mask & (LOG_EXEC | LOG_CPU);

    for (;;) {
        /* TB pointers are held and generated code runs only inside an exec
           section (tcg/tb.c): it ends before a syscall, which may block. */
        tb_exec_start(env);
        /* A back-edge got hot (tcg/translator.c): make the loop head, the
           key found next, a region.  The request comes with exit_request. */
        bool want_region = false;
        if (env->exit_request) {
            __atomic_store_n(&env->exit_request, 0, __ATOMIC_RELAXED);
            want_region = env->region_wanted;
            env->region_wanted = 0;
            last = NULL;
            if (__builtin_expect(gdb_active, 0))
                gdb_hold_check(env); /* stopped by the debugger */
            process_pending_signals(env); /* asynchronous signals */
        }
        /* Watchpoints (gdbstub.c): a write by another thread or the
           kernel may stop here, before the lookup (gdb may flush). */
        const bool watching = gdb_watching;
        if (__builtin_expect(watching, 0))
            gdb_watch_before(env);
        uint32_t pc, cs_base, flags;
        target->tb_key(env, &pc, &cs_base, &flags);
        /* The interpreter works in the one shared tcg_ctx, which tb_lookup
           fills: lookup and interpretation under one lock. */
        if (tcg_ctx.interpret) {
            pthread_mutex_lock(&interp_lock);
            interp_held = true;
        }
        TranslationBlock *tb = __builtin_expect(want_region, 0) ? tb_lookup_region(env, pc, cs_base, flags)
                                                                : tb_lookup(env, pc, cs_base, flags);
        if (trace && log_filter_pc(pc))
            log_trace(env, tb, pc, flags);
        uintptr_t ret;
        const bool stepping = env->one_insn & ONE_INSN_STEP;
        if (__builtin_expect(stepping, 0))
            gdb_step_begin();
        if (tcg_ctx.interpret) {
            ret = tcg_interpret(&tcg_ctx, env);
            interp_held = false;
            pthread_mutex_unlock(&interp_lock);
            last = NULL;
        } else {
            if (last && epoch == tb_flush_count)
                tb_add_jump(last, slot, tb);
            epoch = tb_flush_count;
            tb_ret_check_epoch(env); /* return-prediction entries of flushed code */
            ret = tcg_exec_code(env, tb->code);
            last = (TranslationBlock *)(ret & ~(uintptr_t)3);
            slot = (int)(ret & 3);
        }
        int excp = env->exception;
        if (excp != EXCP_NONE) {
            env->exception = EXCP_NONE;
            last = NULL;
            tb_exec_end();
            handle_exception(env, excp);
        }
        /* The debugger's single-step and watchpoints (gdbstub.c). */
        if (__builtin_expect(watching, 0))
            gdb_watch_after(env, excp == EXCP_NONE);
        if (__builtin_expect(stepping, 0))
            gdb_step_check(env, pc);
    }
}

void cpu_loop(CPUCommon *env)
{
    static __thread sigjmp_buf jb;

    thread_cpu = env;
    pthread_once(&interp_fork_once, interp_fork_register);
    /* A synchronous signal (guest fault, undefined instruction, ...) that
       has a guest handler is queued by force_sig, which jumps here, out of
       generated code or the host signal handler (restoring the host mask);
       the handler's frame is built below. */
    if (sigsetjmp(jb, 1)) {
        /* (the mask saved here may differ from the signals parked now) */
        sigqueue_fix_thread_mask();
        env->exception = EXCP_NONE;
        tb_exec_end(); /* we may have jumped out of generated code */
        if (interp_held) {
            interp_held = false;
            pthread_mutex_unlock(&interp_lock);
        }
    }
    signal_jmp = &jb;
    signal_forced_after_jump(env); /* a fatal fault shown to gdb first */
    process_pending_signals(env);
    run(env);
}
