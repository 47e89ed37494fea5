/*
 * Mapping a validated program and its interpreter (PT_INTERP, the guest's
 * own ld.so) into the guest window.
 *
 * Segments are mapped page by page from the file (MAP_PRIVATE|MAP_FIXED
 * through guest_mmap, so page flags follow), the bss tail of the last file
 * page is zeroed and the rest of the bss is anonymous zero pages, as Linux's
 * binfmt_elf does.  ET_DYN images (PIE, static-PIE, ld.so) get a load bias:
 * the main program near 0x00400000, the interpreter wherever the top-down
 * mmap placement puts it (Linux's layout).
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "elfload/elfload.h"
#include "guest.h"

/* The main program of an ET_DYN goes here if the range is free. */
#define ET_DYN_BASE 0x00400000u


void (*elf_die_hook)(int status);

/* The interpreter being checked or mapped, as shown (escaped): die names
   it after the program. */
static const char *interp_shown;

static void die(int status, const char *path, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 3, 4)));
static void die(int status, const char *path, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "mimic: %s: ", path);
    if (interp_shown)
        fprintf(stderr, "interpreter %s: ", interp_shown);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    interp_shown = NULL;
    if (elf_die_hook)
        elf_die_hook(status);
    exit(status);
}

static int seg_prot(uint32_t pf)
{
    return (pf & PF_R ? PROT_READ : 0) | (pf & PF_W ? PROT_WRITE : 0) | (pf & PF_X ? PROT_EXEC : 0);
}

static void map_check(int64_t r, const char *path, const char *what, uint32_t addr)
{
    if (r < 0)
        die(ELF_ERR_EXEC, path, "cannot map %s at %#x: %s", what, addr, strerror((int)-r));
}

/* Map one PT_LOAD at bias. */
static void map_segment(int fd, const Elf32_Phdr *ph, uint32_t bias, const char *path)
{
    uint32_t va = ph->p_vaddr + bias;
    uint32_t start = va & GUEST_PAGE_MASK;
    uint64_t file_end = (uint64_t)va + ph->p_filesz, mem_end = (uint64_t)va + ph->p_memsz;
    uint64_t file_page_end = (file_end + GUEST_PAGE_SIZE - 1) & ~(uint64_t)(GUEST_PAGE_SIZE - 1);
    uint64_t mem_page_end = (mem_end + GUEST_PAGE_SIZE - 1) & ~(uint64_t)(GUEST_PAGE_SIZE - 1);
    int prot = seg_prot(ph->p_flags);
    bool bss = ph->p_memsz > ph->p_filesz;

    if (ph->p_filesz) {
        /* While filling, the pages must be writable if we zero or read. */
        bool direct = (va - ph->p_offset) % GUEST_PAGE_SIZE == 0;
        int fprot = (bss || !direct) ? prot | PROT_READ | PROT_WRITE : prot;
        int64_t r;
        if (direct) {
            r = guest_mmap(start, (uint32_t)(file_end - start), fprot, MAP_PRIVATE | MAP_FIXED, fd,
                           ph->p_offset - (va - start));
        } else {
            /* Offset and address disagree within a page: copy instead. */
            r = guest_mmap(start, (uint32_t)(file_end - start), fprot,
                           MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, -1, 0);
            if (r >= 0 && pread(fd, g2h(va), ph->p_filesz, ph->p_offset) != (ssize_t)ph->p_filesz)
                die(ELF_ERR_EXEC, path, "cannot read segment at %#x", va);
        }
        map_check(r, path, "segment", va);
        if (bss && file_page_end > file_end)
            memset(g2h((uint32_t)file_end), 0, file_page_end - file_end);
        if (fprot != prot)
            guest_mprotect(start, (uint32_t)(file_page_end - start), prot);
    } else {
        file_page_end = start;
    }
    if (mem_page_end > file_page_end) {
        int64_t r = guest_mmap((uint32_t)file_page_end, (uint32_t)(mem_page_end - file_page_end),
                               prot, MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, -1, 0);
        map_check(r, path, "bss", (uint32_t)file_page_end);
    }
}

/* Choose the bias and map every PT_LOAD of ef.  Returns the bias. */
static uint32_t map_image(int fd, const ElfFile *ef, const TargetOps *t, bool is_interp,
                          const char *path)
{
    uint32_t span = ef->hi - ef->lo;
    uint32_t bias = 0;
    if (ef->type == ET_DYN) {
        /* Reserve the whole span first so the segments land together. */
        uint32_t hint = is_interp ? 0 : (ef->lo ? ef->lo : ET_DYN_BASE);
        int64_t base = guest_mmap(hint, span, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (base < 0)
            die(ELF_ERR_EXEC, path, "no room for %u bytes of image: %s", span,
                strerror((int)-base));
        bias = (uint32_t)base - ef->lo;
    } else {
        /* The target's fixed pages at the top (ARM: the kuser helpers). */
        uint32_t top = t->reserved_top ? t->reserved_top : 0xfffff000u;
        if (ef->hi > top)
            die(ELF_ERR_EXEC, path, "segment above %#x (reserved for the system)", top);
        for (uint32_t a = ef->lo; a < ef->hi; a += GUEST_PAGE_SIZE)
            if (page_get_flags(a) & PAGE_VALID)
                die(ELF_ERR_EXEC, path, "segment at %#x overlaps memory already in use", a);
    }
    for (uint32_t i = 0; i < ef->phnum; i++)
        if (ef->phdr[i].p_type == PT_LOAD && ef->phdr[i].p_memsz)
            map_segment(fd, &ef->phdr[i], bias, path);
    /* Span pages between segments stay mapped PROT_NONE, as on Linux. */
    return bias;
}

/* Guest address of the program headers (AT_PHDR). */
static uint32_t phdr_addr(const ElfFile *ef, uint32_t bias)
{
    for (uint32_t i = 0; i < ef->phnum; i++)
        if (ef->phdr[i].p_type == PT_PHDR)
            return ef->phdr[i].p_vaddr + bias;
    for (uint32_t i = 0; i < ef->phnum; i++) {
        const Elf32_Phdr *ph = &ef->phdr[i];
        if (ph->p_type == PT_LOAD && ef->phoff >= ph->p_offset &&
            (uint64_t)ef->phoff + ef->phnum * sizeof(Elf32_Phdr) <=
                (uint64_t)ph->p_offset + ph->p_filesz)
            return ef->phoff - ph->p_offset + ph->p_vaddr + bias;
    }
    return 0; /* not loaded: the guest gets AT_PHDR 0, as Linux would */
}

/* A name from the file (PT_INTERP: any bytes but NUL) as it may be shown
   on a terminal, on one line: printable ASCII as it is, backslash doubled,
   anything else as \n, \t or \xNN. */
static const char *escaped(const char *s, char *buf, size_t n)
{
    size_t o = 0;
    for (; *s && o + 5 < n; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\\')
            o += (size_t)snprintf(buf + o, n - o, "\\\\");
        else if (c == '\n')
            o += (size_t)snprintf(buf + o, n - o, "\\n");
        else if (c == '\t')
            o += (size_t)snprintf(buf + o, n - o, "\\t");
        else if (c < 0x20 || c >= 0x7f)
            o += (size_t)snprintf(buf + o, n - o, "\\x%02x", c);
        else
            buf[o++] = (char)c;
    }
    buf[o] = 0;
    return buf;
}

/* Open the interpreter: under sysroot if given, else under the default
   sysroots, else on the host.  *used: the sysroot it was found under (NULL
   on the host). */
static const char *find_interp(const char *interp, const TargetOps *t, const char *sysroot,
                               const char **used, char *buf, size_t n)
{
    const char *dirs[4];
    int nd = 0;
    char binfmt_dir[PATH_MAX];
    *used = NULL;
    if (sysroot) {
        dirs[nd++] = sysroot;
    } else {
        snprintf(binfmt_dir, sizeof binfmt_dir, "/etc/mimic-binfmt/%s", t->name);
        dirs[nd++] = binfmt_dir;
        if (t->cross_sysroot)
            dirs[nd++] = t->cross_sysroot;
    }
    for (int i = 0; i < nd; i++) {
        int len = snprintf(buf, n, "%s%s%s", dirs[i], interp[0] == '/' ? "" : "/", interp);
        if (len > 0 && (size_t)len < n && access(buf, F_OK) == 0) {
            *used = dirs[i] == sysroot ? sysroot : strdup(dirs[i]);
            return buf;
        }
    }
    if (access(interp, F_OK) == 0)
        return interp;
    return NULL;
}

/* The target's trampoline page (TargetOps.fill_trampoline): mapped where
   mmap puts it, after the interpreter, as Linux places ARM's [sigpage] and
   i386's [vdso]. */
static uint32_t map_trampoline(const TargetOps *t, const char *path)
{
    int64_t r = guest_mmap(0, GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    map_check(r, path, "the signal trampoline page", 0);
    t->fill_trampoline(g2h((uint32_t)r), (uint32_t)r);
    guest_mprotect((uint32_t)r, GUEST_PAGE_SIZE, PROT_READ | PROT_EXEC);
    return (uint32_t)r;
}

static void set_regions(ImageInfo *img, const ElfFile *ef, uint32_t bias)
{
    img->start_code = 0xffffffffu;
    img->start_data = 0xffffffffu;
    img->end_code = img->end_data = 0;
    for (uint32_t i = 0; i < ef->phnum; i++) {
        const Elf32_Phdr *ph = &ef->phdr[i];
        if (ph->p_type != PT_LOAD || !ph->p_memsz)
            continue;
        uint32_t a = ph->p_vaddr + bias, e = a + ph->p_filesz;
        if (ph->p_flags & PF_X) {
            if (a < img->start_code)
                img->start_code = a;
            if (e > img->end_code)
                img->end_code = e;
        } else {
            if (a < img->start_data)
                img->start_data = a;
            if (e > img->end_data)
                img->end_data = e;
        }
    }
    if (img->start_code == 0xffffffffu)
        img->start_code = 0;
    if (img->start_data == 0xffffffffu)
        img->start_data = img->end_data = img->end_code;
}

int elf_load_image(const ElfLoadArgs *a, ImageInfo *img)
{
    static ElfFile ef, ief; /* big (phdr arrays): keep off the stack */
    const char *path = a->path;
    char err[256];
    int fd;
    int r = elf_check_path(path, a->target, &ef, &fd, err, sizeof err);
    if (r)
        die(r, path, "%s", err);
    const TargetOps *t = ef.target;

    /* Validate the interpreter before mapping anything. */
    int ifd = -1;
    char ibuf[PATH_MAX];
    const char *ipath = NULL, *sysroot = a->sysroot;
    static char shown[4 * ELF_MAX_INTERP + PATH_MAX];
    if (ef.interp[0]) {
        ipath = find_interp(ef.interp, t, a->sysroot, &sysroot, ibuf, sizeof ibuf);
        if (!ipath && a->sysroot)
            die(ELF_ERR_NOENT, path,
                "interpreter %s not found under the sysroot %s (-L DIR or MIMIC_LD_PREFIX)",
                escaped(ef.interp, shown, sizeof shown), a->sysroot);
        if (!ipath)
            die(ELF_ERR_NOENT, path,
                "interpreter %s not found (name the guest's sysroot with -L DIR or "
                "MIMIC_LD_PREFIX)",
                escaped(ef.interp, shown, sizeof shown));
        /* From here on every error names the interpreter (the file found:
           under the sysroot, its host path). */
        interp_shown = escaped(ipath, shown, sizeof shown);
        r = elf_check_path(ipath, t, &ief, &ifd, err, sizeof err);
        if (r)
            die(r, path, "%s", err);
        if (ief.interp[0])
            die(ELF_ERR_EXEC, path, "has an interpreter of its own");
        interp_shown = NULL;
    }

    memset(img, 0, sizeof *img);
    img->target = t;
    img->sysroot = sysroot;
    uint32_t bias = map_image(fd, &ef, t, false, path);
    close(fd);
    img->load_bias = bias;
    img->entry = ef.entry + bias;
    img->phdr = phdr_addr(&ef, bias);
    img->phent = sizeof(Elf32_Phdr);
    img->phnum = ef.phnum;
    set_regions(img, &ef, bias);
    img->exec_stack = ef.stack_flags & PF_X;
    /* As Linux's elf_read_implies_exec on ARM (and i386, ...): a program
       without a non-executable PT_GNU_STACK may run code from any
       readable page; others only from executable ones. */
    guest_fetch_flag = img->exec_stack ? PAGE_READ : PAGE_EXEC;
    /* brk starts at the page after the highest segment. */
    img->brk = ef.hi + bias;
    guest_brk_init(img->brk);

    img->start_pc = img->entry;
    if (ipath) {
        interp_shown = escaped(ipath, shown, sizeof shown);
        uint32_t ibias = map_image(ifd, &ief, t, true, path);
        interp_shown = NULL;
        close(ifd);
        img->interp_base = ief.lo + ibias;
        img->start_pc = ief.entry + ibias;
    }

    if (t->fill_trampoline)
        img->trampoline = map_trampoline(t, path);

    char *real = realpath(path, NULL);
    img->exec_path = real ? real : strdup(path);
    img->guest_path = a->guest_name ? a->guest_name : path;
    return 0;
}

uint32_t elf_start_pc(const ImageInfo *img)
{
    return img->start_pc ? img->start_pc : img->entry;
}
