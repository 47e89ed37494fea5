/*
 * binfmt_misc registration: `mimic --binfmt install|uninstall|status`, so
 * that the kernel hands foreign ELF executables to mimic and `./prog-arm`
 * just runs.  See linux-user/binfmt.c and README.md ("binfmt_misc").
 */
#ifndef LINUX_USER_BINFMT_H
#define LINUX_USER_BINFMT_H

#include <stdbool.h>
#include <stdint.h>

/* `mimic --binfmt ACTION [options]`: argv[0] is "--binfmt".  Returns the
   process exit status (0 success, 1 error; status: 0 registered, 1 not). */
int binfmt_main(int argc, char **argv);

/* When the kernel started us through a binfmt_misc entry with the P
   (preserve-argv0) flag, argv is  MIMIC FULL-PATH ORIGINAL-ARGV0 ARGS...
   (the kernel says so with AT_FLAGS_PRESERVE_ARGV0 in AT_FLAGS).  Rewrite
   it to the ordinary command line  MIMIC -0 ORIGINAL-ARGV0 -- FULL-PATH ARGS...
   so the guest sees its real argv[0].  Without flag P (older kernels) the
   layout is  MIMIC FULL-PATH ARGS...  and becomes  MIMIC -- FULL-PATH ARGS...
   Call it only when binfmt_started() says so. */
void binfmt_fixup_argv(int *argc, char ***argv);
/* True when the kernel's binfmt_misc started this mimic for a program (then
   argv[1] is that program's path, whatever it looks like: binfmt_fixup_argv
   must run and no argument may be read as an option of mimic's). */
bool binfmt_started(int argc, char **argv);

struct TargetOps;
/* The magic and mask of T's entry over the first BINFMT_MAGIC_LEN bytes
   (e_ident, e_type, e_machine): T's byte order, ET_EXEC or ET_DYN, and
   every e_machine T runs.  False when one mask cannot match T's machines
   and nothing else (then there is no entry for T). */
#define BINFMT_MAGIC_LEN 20
bool binfmt_elf_magic(const struct TargetOps *t, uint8_t magic[BINFMT_MAGIC_LEN],
                      uint8_t mask[BINFMT_MAGIC_LEN]);

#endif
