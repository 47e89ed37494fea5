/*
 * ELF validation: everything the loader relies on is checked here, before
 * anything is mapped, so a corrupt or foreign file gets one clear line and
 * exit status 126 instead of a crash.  Parsing goes through libelf (which
 * also converts big-endian headers to host order); the identification bytes
 * are checked by hand first so the messages can be precise.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elfload/elfload.h"
#include "guest.h"

/* Where the bytes come from: memory or a file descriptor. */
typedef struct Src {
    const uint8_t *mem;
    int fd;
    uint64_t size;
} Src;

static bool src_read(const Src *s, uint64_t off, void *buf, size_t len)
{
    if (off > s->size || len > s->size - off)
        return false;
    if (s->mem) {
        memcpy(buf, s->mem + off, len);
        return true;
    }
    return pread(s->fd, buf, len, (off_t)off) == (ssize_t)len;
}

static int fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return ELF_ERR_EXEC;
}

static const char *machine_name(uint16_t em)
{
    return elf_machine_name(em);
}

static int check_ident(const uint8_t *id, uint64_t size, char *err, size_t errlen)
{
    if (size == 0)
        return fail(err, errlen, "not an ELF executable (empty file)");
    if (size >= 2 && id[0] == '#' && id[1] == '!')
        return fail(err, errlen, "not an ELF executable (a script; run its interpreter instead)");
    if (size < SELFMAG || memcmp(id, ELFMAG, SELFMAG) != 0)
        return fail(err, errlen, "not an ELF executable");
    if (size < EI_NIDENT)
        return fail(err, errlen, "truncated ELF header");
    if (id[EI_CLASS] == ELFCLASS64) {
        /* e_machine is at the same offset in both classes. */
        const char *m = NULL;
        if (size >= 20) {
            uint16_t em = id[EI_DATA] == ELFDATA2MSB ? (uint16_t)(id[18] << 8 | id[19])
                                                     : (uint16_t)(id[19] << 8 | id[18]);
            m = machine_name(em);
        }
        return fail(err, errlen,
                    "64-bit %s%sELF executable: unsupported machine (mimic runs 32-bit guests)",
                    m ? m : "", m ? " " : "");
    }
    if (id[EI_CLASS] != ELFCLASS32)
        return fail(err, errlen, "bad ELF class %u", id[EI_CLASS]);
    if (id[EI_DATA] != ELFDATA2LSB && id[EI_DATA] != ELFDATA2MSB)
        return fail(err, errlen, "bad ELF byte order %u", id[EI_DATA]);
    if (id[EI_VERSION] != EV_CURRENT)
        return fail(err, errlen, "bad ELF version %u", id[EI_VERSION]);
    if (size < sizeof(Elf32_Ehdr))
        return fail(err, errlen, "truncated ELF header");
    return ELF_OK;
}

static int check_target(const Elf32_Ehdr *eh, const TargetOps *forced, ElfFile *ef, char *err,
                        size_t errlen)
{
    const char *mname = machine_name(eh->e_machine);
    const TargetOps *t = target_by_machine(eh->e_machine);
    bool big = eh->e_ident[EI_DATA] == ELFDATA2MSB;
    if (!t) {
        /* A header in the wrong byte order reads as a byte-swapped machine. */
        uint16_t sw = (uint16_t)(eh->e_machine >> 8 | eh->e_machine << 8);
        const TargetOps *ts = target_by_machine(sw);
        if (ts && (!forced || forced == ts))
            return fail(err, errlen, "%s-endian ELF for %s, which is %s-endian",
                        big ? "big" : "little", ts->name, ts->big_endian ? "big" : "little");
    }
    if (forced && !target_has_machine(forced, eh->e_machine)) {
        if (mname)
            return fail(err, errlen, "%s executable, not %s", mname, forced->name);
        return fail(err, errlen, "unknown machine (e_machine %u), not %s", eh->e_machine,
                    forced->name);
    }
    if (!t) {
        if (mname)
            return fail(err, errlen, "%s executables are not supported", mname);
        return fail(err, errlen, "unsupported machine (e_machine %u)", eh->e_machine);
    }
    if (big != t->big_endian)
        return fail(err, errlen, "%s-endian ELF for %s, which is %s-endian", big ? "big" : "little",
                    t->name, t->big_endian ? "big" : "little");
    ef->target = t;
    return ELF_OK;
}

static int check_phdrs(const Src *s, ElfFile *ef, char *err, size_t errlen)
{
    bool have_load = false, have_interp = false;
    ef->lo = 0xffffffffu;
    ef->hi = 0;
    ef->stack_flags = PF_R | PF_W | PF_X;
    ef->interp[0] = 0;
    for (uint32_t i = 0; i < ef->phnum; i++) {
        const Elf32_Phdr *ph = &ef->phdr[i];
        switch (ph->p_type) {
        case PT_LOAD: {
            if (ph->p_filesz > ph->p_memsz)
                return fail(err, errlen, "segment %u: file size larger than memory size", i);
            if ((uint64_t)ph->p_offset + ph->p_filesz > s->size)
                return fail(err, errlen, "segment %u: extends past the end of the file", i);
            if ((uint64_t)ph->p_vaddr + ph->p_memsz > (1ull << 32))
                return fail(err, errlen, "segment %u: wraps past 4 GiB", i);
            /* As Linux: an alignment that is not a power of two is
               ignored, a large one (-z max-page-size=0x200000) is fine;
               what the mapping needs is offset and address agreeing
               within a page (or the smaller alignment asked for). */
            uint32_t al = ph->p_align;
            uint32_t m = (al & (al - 1)) || al > GUEST_PAGE_SIZE ? GUEST_PAGE_SIZE : al;
            if (m > 1 && ph->p_offset % m != ph->p_vaddr % m)
                return fail(err, errlen, "segment %u: offset and address disagree modulo alignment",
                            i);
            if (!ph->p_memsz)
                break;
            for (uint32_t j = 0; j < i; j++) {
                const Elf32_Phdr *q = &ef->phdr[j];
                if (q->p_type != PT_LOAD || !q->p_memsz)
                    continue;
                if ((uint64_t)ph->p_vaddr < (uint64_t)q->p_vaddr + q->p_memsz &&
                    (uint64_t)q->p_vaddr < (uint64_t)ph->p_vaddr + ph->p_memsz)
                    return fail(err, errlen, "segments %u and %u overlap", j, i);
            }
            have_load = true;
            uint32_t lo = ph->p_vaddr & GUEST_PAGE_MASK;
            uint64_t hi = ((uint64_t)ph->p_vaddr + ph->p_memsz + GUEST_PAGE_SIZE - 1) &
                          ~(uint64_t)(GUEST_PAGE_SIZE - 1);
            if (lo < ef->lo)
                ef->lo = lo;
            if (hi > ef->hi)
                ef->hi = hi > 0xfffff000u ? 0xfffff000u : (uint32_t)hi;
            break;
        }
        case PT_INTERP:
            if (have_interp)
                return fail(err, errlen, "more than one PT_INTERP");
            have_interp = true;
            if (ph->p_filesz < 2 || ph->p_filesz > ELF_MAX_INTERP)
                return fail(err, errlen, "bad PT_INTERP size %u", ph->p_filesz);
            if (!src_read(s, ph->p_offset, ef->interp, ph->p_filesz))
                return fail(err, errlen, "PT_INTERP outside the file");
            /* (as Linux: NUL-terminated; padding NULs after the name are fine) */
            if (ef->interp[ph->p_filesz - 1] != 0 || !ef->interp[0]) {
                ef->interp[0] = 0;
                return fail(err, errlen, "PT_INTERP is not a NUL-terminated string");
            }
            break;
        case PT_GNU_STACK:
            ef->stack_flags = ph->p_flags;
            break;
        default:
            break;
        }
    }
    if (!have_load)
        return fail(err, errlen, "no loadable segments");
    if (ef->type == ET_EXEC && ef->lo < 0x1000)
        return fail(err, errlen, "loads at address 0");
    /* The entry point (bit 0 is the Thumb bit on ARM) must be loaded. */
    bool entry_ok = false;
    for (uint32_t i = 0; i < ef->phnum && !entry_ok; i++) {
        const Elf32_Phdr *ph = &ef->phdr[i];
        uint32_t e = ef->entry & ~1u;
        entry_ok = ph->p_type == PT_LOAD && e >= ph->p_vaddr && e - ph->p_vaddr < ph->p_memsz;
    }
    if (!entry_ok)
        return fail(err, errlen, "entry point %#x is outside the loadable segments", ef->entry);
    return ELF_OK;
}

static int check(const Src *s, Elf *e, const TargetOps *forced, ElfFile *ef, char *err,
                 size_t errlen)
{
    uint8_t id[sizeof(Elf32_Ehdr)] = {0};
    size_t n = s->size < sizeof id ? (size_t)s->size : sizeof id;
    if (!src_read(s, 0, id, n))
        return fail(err, errlen, "cannot read: %s", strerror(errno ? errno : EIO));
    int r = check_ident(id, s->size, err, errlen);
    if (r)
        return r;
    if (!e || elf_kind(e) != ELF_K_ELF)
        return fail(err, errlen, "not an ELF executable (%s)", elf_errmsg(-1));
    Elf32_Ehdr *eh = elf32_getehdr(e);
    if (!eh)
        return fail(err, errlen, "bad ELF header (%s)", elf_errmsg(-1));
    memset(ef, 0, offsetof(ElfFile, phdr));
    ef->file_size = s->size;
    r = check_target(eh, forced, ef, err, errlen);
    if (r)
        return r;
    if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN) {
        static const char *const what[] = {"no file type", "a relocatable object", "", "",
                                           "a core dump"};
        if (eh->e_type < 5 && eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
            return fail(err, errlen, "not an executable (%s)", what[eh->e_type]);
        return fail(err, errlen, "not an executable (e_type %#x)", eh->e_type);
    }
    ef->type = eh->e_type;
    ef->entry = eh->e_entry;
    if (eh->e_phentsize != sizeof(Elf32_Phdr))
        return fail(err, errlen, "bad program header size %u", eh->e_phentsize);
    if (eh->e_phnum == 0)
        return fail(err, errlen, "no program headers");
    if (eh->e_phnum == PN_XNUM || eh->e_phnum > ELF_MAX_PHNUM)
        return fail(err, errlen, "too many program headers (%u)", eh->e_phnum);
    if (eh->e_phoff == 0 ||
        (uint64_t)eh->e_phoff + (uint64_t)eh->e_phnum * sizeof(Elf32_Phdr) > s->size)
        return fail(err, errlen, "program headers outside the file");
    ef->phoff = eh->e_phoff;
    ef->phnum = eh->e_phnum;
    Elf32_Phdr *ph = elf32_getphdr(e);
    if (!ph)
        return fail(err, errlen, "bad program headers (%s)", elf_errmsg(-1));
    memcpy(ef->phdr, ph, ef->phnum * sizeof(Elf32_Phdr));
    return check_phdrs(s, ef, err, errlen);
}

static void libelf_init(void)
{
    static bool done;
    if (!done) {
        elf_version(EV_CURRENT);
        done = true;
    }
}

int elf_check_mem(const void *buf, size_t size, const TargetOps *forced, ElfFile *ef, char *err,
                  size_t errlen)
{
    libelf_init();
    Src s = {.mem = buf, .fd = -1, .size = size};
    Elf *e = size >= sizeof(Elf32_Ehdr) ? elf_memory((char *)buf, size) : NULL;
    int r = check(&s, e, forced, ef, err, errlen);
    if (e)
        elf_end(e);
    return r;
}

int elf_check_fd(int fd, const TargetOps *forced, ElfFile *ef, char *err, size_t errlen)
{
    libelf_init();
    struct stat st;
    if (fstat(fd, &st) != 0)
        return fail(err, errlen, "%s", strerror(errno));
    if (S_ISDIR(st.st_mode))
        return fail(err, errlen, "%s", strerror(EISDIR));
    if (!S_ISREG(st.st_mode))
        return fail(err, errlen, "not a regular file");
    Src s = {.mem = NULL, .fd = fd, .size = (uint64_t)st.st_size};
    Elf *e = s.size >= sizeof(Elf32_Ehdr) ? elf_begin(fd, ELF_C_READ_MMAP, NULL) : NULL;
    int r = check(&s, e, forced, ef, err, errlen);
    if (e)
        elf_end(e);
    return r;
}

int elf_check_path(const char *path, const TargetOps *forced, ElfFile *ef, int *fd_out, char *err,
                   size_t errlen)
{
    *fd_out = -1;
    /* O_NONBLOCK: a FIFO must not block the open; like any file that is
       not a regular one it is EACCES, as for execve.  ENOTDIR is 126, as
       bash has it. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    struct stat st = { 0 };
    if (fd >= 0 && (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))) {
        close(fd);
        fd = -1;
        errno = S_ISDIR(st.st_mode) ? EISDIR : EACCES;
    }
    if (fd < 0) {
        int e = errno;
        snprintf(err, errlen, "%s", strerror(e));
        return e == ENOENT ? ELF_ERR_NOENT : ELF_ERR_EXEC;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    int r = elf_check_fd(fd, forced, ef, err, errlen);
    if (r) {
        close(fd);
        return r;
    }
    *fd_out = fd;
    return ELF_OK;
}
