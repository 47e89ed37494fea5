/*
 * binfmt_misc registration: `mimic --binfmt install|uninstall|status`, so
 * that the kernel hands foreign ELF executables to mimic and `./prog-arm`
 * just runs.  See linux-user/binfmt.c and README.md ("binfmt_misc").
 */
#ifndef LINUX_USER_BINFMT_H
#define LINUX_USER_BINFMT_H

/* `mimic --binfmt ACTION [options]`: argv[0] is "--binfmt".  Returns the
   process exit status (0 success, 1 error; status: 0 registered, 1 not). */
int binfmt_main(int argc, char **argv);

/* When the kernel started us through a binfmt_misc entry with the P
   (preserve-argv0) flag, argv is  MIMIC FULL-PATH ORIGINAL-ARGV0 ARGS...
   (the kernel says so with AT_FLAGS_PRESERVE_ARGV0 in AT_FLAGS).  Rewrite
   it to the ordinary command line  MIMIC -0 ORIGINAL-ARGV0 -- FULL-PATH ARGS...
   so the guest sees its real argv[0].  Does nothing otherwise. */
void binfmt_fixup_argv(int *argc, char ***argv);

#endif
