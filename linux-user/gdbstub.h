/*
 * The gdbstub (gdbstub.c): what the rest of linux-user calls.  Everything
 * is a no-op while no debugger is connected (gdb_active false).
 */
#ifndef MIMIC_GDBSTUB_H
#define MIMIC_GDBSTUB_H

#include <stdbool.h>
#include <stdint.h>
#include "cpu-common.h"

/* A debugger is connected (-g and not detached). */
extern volatile bool gdb_active;
/* Write watchpoints are set: the exec loop runs one instruction per TB and
   calls gdb_watch_before / gdb_watch_after around each. */
extern volatile bool gdb_watching;

/* -g PORT|PATH: listen, wait for gdb, register the initial thread (env)
   and serve the initial stop; returns when gdb resumes the program.
   Exits with a message if the socket cannot be set up. */
void gdb_start(const char *where, CPUCommon *env);

/* Threads: a new guest thread before it runs (its host thread), and a
   thread that ends (before env is freed). */
void gdb_thread_start(CPUCommon *env);
void gdb_thread_end(CPUCommon *env);

/* Stop events of the calling guest thread (the whole program stops and
   gdb takes over until it resumes this thread). */
/* A translator breakpoint (EXCP_DEBUG). */
void gdb_breakpoint(CPUCommon *env);
/* The exec loop around a TB run while ONE_INSN_STEP was set: report the
   finished single-step, unless the TB ran nothing or another stop was
   reported meanwhile.  pc_before: the pc the TB started at. */
void gdb_step_begin(void);
void gdb_step_check(CPUCommon *env, uint32_t pc_before);
/* Guest signal sig is about to be delivered (or to kill): returns the
   signal to deliver instead (gdb's C/S), 0 for none. */
int gdb_signal(CPUCommon *env, int sig);
/* exit_request was seen: wait here while gdb holds this thread. */
void gdb_hold_check(CPUCommon *env);
/* Around each one-instruction TB while gdb_watching.  before: at the top
   of the loop, before the TB lookup (a change seen there was made by
   another thread or the kernel: reported where this thread is); then it
   snapshots the CPU.  after: rollback_ok when the instruction was no
   syscall (its effect can be undone to stop before a watched store, as
   hardware watchpoints do). */
void gdb_watch_before(CPUCommon *env);
void gdb_watch_after(CPUCommon *env, bool rollback_ok);

/* The process ends: W (exit status) or X (killed by sig, when sig != 0). */
void gdb_exit(int status, int sig);

#endif
