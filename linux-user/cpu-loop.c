/*
 * The execution loop: find the TB for the CPU's state, chain it to the one
 * that just exited, run it, and handle whatever made generated code return
 * (a syscall, a fault, an exit request).
 */
#include <signal.h>
#include <stdio.h>

#include "user.h"
#include "tcg/tb.h"
#include "tcg/tcg.h"

extern __thread CPUCommon *thread_cpu;

static void handle_exception(CPUCommon *env, int excp)
{
    uint32_t pc = target->get_pc(env);
    switch (excp) {
    case EXCP_SYSCALL:
        do_syscall(env);
        break;
    case EXCP_UDEF:
        force_sig(env, SIGILL, ILL_ILLOPC, pc);
    case EXCP_PRIV:
        force_sig(env, SIGILL, ILL_PRVOPC, pc);
    case EXCP_BKPT:
        force_sig(env, SIGTRAP, TRAP_BRKPT, pc);
    case EXCP_INTERRUPT:
        break;
    default:
        if (excp >= EXCP_TARGET && target->handle_exception) {
            target->handle_exception(env, excp);
            break;
        }
        fatal(1, "internal error: unknown exception %d at pc 0x%08x", excp, pc);
    }
}

void cpu_loop(CPUCommon *env)
{
    TranslationBlock *last = NULL;
    int slot = 0;
    unsigned epoch = tb_flush_count;
    const bool trace = opt.log_mask & LOG_EXEC;

    thread_cpu = env;
    for (;;) {
        if (env->exit_request) {
            __atomic_store_n(&env->exit_request, 0, __ATOMIC_RELAXED);
            last = NULL; /* pending async signals are delivered here (later issue) */
        }
        uint32_t pc, flags;
        target->tb_key(env, &pc, &flags);
        TranslationBlock *tb = tb_lookup(env, pc, flags);
        if (trace)
            fprintf(tcg_log_file ? tcg_log_file : stderr, "Trace: %p [%08x/%08x]\n",
                    (void *)tb->code, pc, flags);
        uintptr_t ret;
        if (tcg_ctx.interpret) {
            ret = tcg_interpret(&tcg_ctx, env);
            last = NULL;
        } else {
            if (last && epoch == tb_flush_count)
                tb_add_jump(last, slot, tb);
            epoch = tb_flush_count;
            ret = tcg_exec_code(env, tb->code);
            last = (TranslationBlock *)(ret & ~(uintptr_t)3);
            slot = (int)(ret & 3);
        }
        if (env->exception != EXCP_NONE) {
            int excp = env->exception;
            env->exception = EXCP_NONE;
            last = NULL;
            handle_exception(env, excp);
        }
    }
}
