/*
 * libcapstone, loaded on first use.
 *
 * Capstone is only needed for -d in_asm/out_asm, but linking it costs every
 * run ~77,000 dynamic relocations (about a third of a millisecond, more than
 * the whole rest of start-up).  So mimic does not link it: this file defines
 * the four capstone entry points mimic uses, and the first call dlopen()s the
 * real library and forwards.  Callers keep using the plain capstone API.  If
 * the library cannot be loaded, cs_open fails with CS_ERR_MEM and the callers
 * print their "capstone unavailable" line.
 *
 * Only for dynamically linked builds (MIMIC_CAPSTONE_DLOPEN, the sanitizer
 * build); the normal static build links libcapstone.a (no relocations to
 * process at run time) and this file is empty.
 */
#ifdef MIMIC_CAPSTONE_DLOPEN
#include <capstone/capstone.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

static struct {
    cs_err (*open)(cs_arch, cs_mode, csh *);
    size_t (*disasm)(csh, const uint8_t *, size_t, uint64_t, size_t, cs_insn **);
    void (*free)(cs_insn *, size_t);
    cs_err (*close)(csh *);
} cs;

static pthread_once_t cs_once = PTHREAD_ONCE_INIT;

static void cs_load(void)
{
    static const char *const names[] = { "libcapstone.so.4", "libcapstone.so.5", "libcapstone.so" };
    void *h = NULL;
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]) && !h; i++) {
        h = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    }
    if (!h) {
        fprintf(stderr, "mimic: cannot load libcapstone (needed for -d disassembly): %s\n", dlerror());
        return;
    }
    *(void **)&cs.open = dlsym(h, "cs_open");
    *(void **)&cs.disasm = dlsym(h, "cs_disasm");
    *(void **)&cs.free = dlsym(h, "cs_free");
    *(void **)&cs.close = dlsym(h, "cs_close");
    if (!cs.open || !cs.disasm || !cs.free || !cs.close) {
        fprintf(stderr, "mimic: libcapstone lacks cs_open/cs_disasm/cs_free/cs_close\n");
        cs.open = NULL;
    }
}

cs_err cs_open(cs_arch arch, cs_mode mode, csh *handle)
{
    pthread_once(&cs_once, cs_load);
    return cs.open ? cs.open(arch, mode, handle) : CS_ERR_MEM;
}

size_t cs_disasm(csh handle, const uint8_t *code, size_t code_size, uint64_t address, size_t count,
                 cs_insn **insn)
{
    return cs.open ? cs.disasm(handle, code, code_size, address, count, insn) : 0;
}

void cs_free(cs_insn *insn, size_t count)
{
    if (cs.open) {
        cs.free(insn, count);
    }
}

cs_err cs_close(csh *handle)
{
    return cs.open ? cs.close(handle) : CS_ERR_MEM;
}
#else
/* ISO C forbids an empty translation unit. */
typedef int mimic_capstone_linked_statically;
#endif
