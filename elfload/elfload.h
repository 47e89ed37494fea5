/*
 * The ELF loader: validate a guest executable, map it (and its PT_INTERP)
 * into the guest window, build the initial stack.
 *
 *   elf-check.c  validation only (no mapping): every header is checked
 *                before anything is mapped
 *   elfload.c    mapping the program and the interpreter, brk
 *   stack.c      the initial stack: strings, auxv, envp, argv, argc
 */
#ifndef MIMIC_ELFLOAD_H
#define MIMIC_ELFLOAD_H

#include <elf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "linux-user/user.h"

#define ELF_MAX_PHNUM 256
#define ELF_MAX_INTERP 4096    /* PT_INTERP longer than this is refused */

/* Exit statuses, like a shell's. */
enum { ELF_OK = 0, ELF_ERR_EXEC = 126, ELF_ERR_NOENT = 127 };

/* What validation learned about a file. */
typedef struct ElfFile {
    const TargetOps *target; /* from e_machine */
    uint16_t type;           /* ET_EXEC or ET_DYN */
    uint32_t entry, phoff, phnum;
    Elf32_Phdr phdr[ELF_MAX_PHNUM]; /* host byte order */
    uint32_t lo, hi;                /* page-rounded span of the PT_LOADs */
    char interp[ELF_MAX_INTERP];    /* PT_INTERP path, "" if none */
    uint32_t stack_flags;           /* PT_GNU_STACK p_flags, PF_X if absent */
    uint64_t file_size;
} ElfFile;

/* Validate the ELF image in fd.  forced: the target the user asked for (NULL:
   any linked target).  Returns ELF_OK, or a status with a one-line problem
   (no path, no newline) in err. */
int elf_check_fd(int fd, const TargetOps *forced, ElfFile *ef, char *err, size_t errlen);
/* Same on an image in memory (tests, fuzzing). */
int elf_check_mem(const void *buf, size_t size, const TargetOps *forced, ElfFile *ef, char *err,
                  size_t errlen);
/* Open and validate path (errors of open() become 127/126 messages). */
int elf_check_path(const char *path, const TargetOps *forced, ElfFile *ef, int *fd_out, char *err,
                   size_t errlen);

/* Everything the loader needs: it reads no linux-user globals (options,
   the running target), so tests and execve can call it with their own. */
typedef struct ElfLoadArgs {
    const char *path;        /* host path of the program */
    const char *guest_name;  /* the path as the guest named it (AT_EXECFN,
                                messages); NULL: path */
    const TargetOps *target; /* forced (mimic-<name>), or NULL: any linked target */
    const char *sysroot;     /* -L DIR: where the interpreter is looked for;
                                NULL: /etc/mimic-binfmt/<target>, then the
                                target's cross_sysroot, then the host */
    /* The initial stack (elf_setup_stack). */
    int argc;
    char **argv, **envp;
    uint32_t stack_size;     /* bytes; 0: 8 MiB */
} ElfLoadArgs;

/* Validate and map the program and its interpreter; fill img, including
   img->target (the chosen target), img->sysroot (the sysroot where the
   interpreter was found: a->sysroot or a default one; NULL if none),
   img->start_pc and img->exec_stack.  On error prints
   "mimic: <path>: <problem>" and exits 126/127.  Returns 0. */
int elf_load_image(const ElfLoadArgs *a, ImageInfo *img);

/* Called by elf_load_image's and elf_setup_stack's error exit with the status, after the message
   (the fuzz harness jumps back from it; it must not return).  NULL: none. */
extern void (*elf_die_hook)(int status);

/* Where the CPU starts: the interpreter's entry, or the program's. */
uint32_t elf_start_pc(const ImageInfo *img);

/* Map the stack (args->stack_size) and build the initial stack for args->argv
   and envp, for img->target; returns the initial sp and records
   arg/env/auxv ranges in img. */
uint32_t elf_setup_stack(const ElfLoadArgs *args, ImageInfo *img);

#endif
