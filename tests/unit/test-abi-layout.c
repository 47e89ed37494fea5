/*
 * Conversion test of the guest ABI layer against each target's own
 * compiler (issue 6 item 5).
 *
 * For every target whose cross compiler is installed (arm, i386, ppc,
 * sparc, and host) and every structure of syscall-tables/abi.def:
 *   - write a C file with designated initializers of that structure, one
 *     distinctive value per field (all elements of arrays), compile it with
 *     the target's compiler now, and read the objects' bytes back from the
 *     object file (libelf);
 *   - build the same bytes with mimic's abi_put (array elements at
 *     abi_offset + k * elem_size in the target's byte order) and compare
 *     them byte for byte: offsets, sizes, byte order, padding, packing;
 *   - read every field of the compiler's bytes back with abi_get and compare
 *     with the value (sign extension of signed fields included).
 * Constants: every constant the data has for a target is compiled the same
 * way and compared; the errno, signal, flag and value maps are checked
 * against the host's and the target's compiled numbers.
 *
 * Fields of one union cannot share an initializer: they go into separate
 * objects (fields whose member paths part inside a common first member,
 * and fields whose bytes overlap).
 *
 * Exit 0 = pass; one line per failure, SKIP lines for missing compilers.
 */
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "guest-abi.h"


/* ---- abi.def as strings ---------------------------------------------------------- */

static const struct {
    const char *name, *ctype, *hdr;
} structs[GS_COUNT] = {
#define ABI_STRUCT(n, ctype, hdr) [GS_##n] = { #n, ctype, hdr },
#include "syscall-tables/abi.def"
};

static const struct {
    int gs;
    const char *name, *expr;
} fields[GF_COUNT] = {
#define ABI_FIELD(s, f) [GF_##s##_##f] = { GS_##s, #f, #f },
#define ABI_FIELDX(s, f, expr) [GF_##s##_##f] = { GS_##s, #f, #expr },
#include "syscall-tables/abi.def"
};

static const struct {
    const char *name, *hdr;
    int group;
} consts[GC_COUNT] = {
#define ABI_CONST(n, hdr) [GC_##n] = { #n, hdr, -1 },
#define ABI_ENUM(g, n, hdr) [GC_##n] = { #n, hdr, GG_##g },
#define ABI_FLAG(g, n, hdr) [GC_##n] = { #n, hdr, GG_##g },
#define ABI_MFLAG(g, n, m, hdr) [GC_##n] = { #n, hdr, -2 - GG_##g },
#include "syscall-tables/abi.def"
};

static const bool group_is_flags[GG_COUNT] = {
#define ABI_GROUP(g, kind) [GG_##g] = IS_##kind,
#define IS_FLAGS true
#define IS_VALUES false
#include "syscall-tables/abi.def"
};

typedef struct Target {
    const char *name;
    const GuestAbi *abi;
    const char *cc; /* command, may hold flags */
} Target;

static const Target targets[] = {
    { "arm", &abi_arm, "arm-linux-gnueabihf-gcc" },
    { "i386", &abi_i386, "i686-linux-gnu-gcc" },
    { "ppc", &abi_ppc, "powerpc-linux-gnu-gcc" },
    { "sparc", &abi_sparc, "sparc64-linux-gnu-gcc -m32" },
    { "host", &abi_host, "gcc" },
};
#define N_TARGETS (sizeof targets / sizeof targets[0])

static char root[PATH_MAX], tmpdir[PATH_MAX];

/* A hand-written converter registered with rows (the form abi-users'
   converters take): here the timespec64 pair, written with ABI_PUT. */
#include <time.h>
#include "tests/unit/unit-check.h"
static void ts64_to_guest(void *g, const void *h)
{
    const struct timespec *ts = h;
    memset(g, 0, ABI_SIZE(timespec64));
    ABI_PUT(g, timespec64, tv_sec, (uint64_t)ts->tv_sec);
    ABI_PUT(g, timespec64, tv_nsec, (uint64_t)ts->tv_nsec);
}
static void ts64_to_host(void *h, const void *g)
{
    struct timespec *ts = h;
    ts->tv_sec = (time_t)ABI_GET(g, timespec64, tv_sec);
    ts->tv_nsec = (long)ABI_GET(g, timespec64, tv_nsec);
}
static const AbiHostField ts64_rows[] = {
    ABI_HOST_FIELD(timespec64, tv_sec, struct timespec, tv_sec),
    ABI_HOST_FIELD(timespec64, tv_nsec, struct timespec, tv_nsec),
};
static const AbiHostMap test_maps[] = {
    ABI_HOST_MAP_FN("timespec64 <- struct timespec (test)", timespec64, struct timespec, ts64_rows,
                    ts64_to_guest, ts64_to_host),
};

/* Every map: the registered ones (abi_host_maps[]) and the test's own. */
static const AbiHostMap *maps[64];
static int n_maps;

/* ---- Helpers ------------------------------------------------------------------ */

/* Kernel uapi headers go in one file, libc ones in another (as the
   generator probes them). */
static bool is_kernel_hdr(const char *h)
{
    char one[128];
    while (*h) {
        size_t n = strcspn(h, " ");
        snprintf(one, sizeof one, "%.*s", (int)n, h);
        h += n;
        h += strspn(h, " ");
        if (strcmp(one, "linux/if.h") == 0)
            return false;
        if (strncmp(one, "asm/", 4) && strncmp(one, "linux/", 6) && strcmp(one, "abi-kstructs.h"))
            return false;
    }
    return true;
}

/* Add each header of h to the list (once). */
static void add_headers(char list[][64], int *n, const char *h)
{
    while (*h) {
        size_t len = strcspn(h, " ");
        char one[64];
        snprintf(one, sizeof one, "%.*s", (int)len, h);
        h += len;
        h += strspn(h, " ");
        bool seen = false;
        for (int i = 0; i < *n; i++)
            seen |= strcmp(list[i], one) == 0;
        if (!seen && *n < 128)
            snprintf(list[(*n)++], 64, "%s", one);
    }
}

/* Distinctive value for (field, element): all bytes non-zero and
   different between fields, top bit set for some. */
static uint64_t value_for(int gf, int k)
{
    uint64_t x = (uint64_t)(gf * 131 + k * 7 + 1) * 0x9e3779b97f4a7c15ull;
    x ^= x >> 29;
    uint64_t v = 0;
    for (int i = 0; i < 8; i++) {
        uint8_t b = (uint8_t)(x >> (8 * i));
        v |= (uint64_t)(b ? b : 0x5a) << (8 * i);
    }
    return v;
}

static uint64_t trunc_to(uint64_t v, int size, bool sign)
{
    if (size >= 8)
        return v;
    v &= (1ull << (8 * size)) - 1;
    if (sign && (v >> (8 * size - 1)) & 1)
        v |= ~0ull << (8 * size);
    return v;
}

static void store_bytes(const GuestAbi *abi, uint8_t *p, int n, uint64_t v)
{
    for (int i = 0; i < n; i++)
        p[i] = (uint8_t)(v >> (abi->big_endian ? 8 * (n - 1 - i) : 8 * i));
}

/* A field this test fills: integer/pointer of 1-8 bytes, or an array of
   1-8 byte elements. */
static bool fillable(const GuestAbiField *f)
{
    if (!f->present || f->size == 0)
        return false;
    if (f->kind == ABI_K_ARRAY)
        return (f->elem_size == 1 || f->elem_size == 2 || f->elem_size == 4 ||
                f->elem_size == 8) &&
               f->size % f->elem_size == 0;
    if (f->kind == ABI_K_INT || f->kind == ABI_K_PTR)
        return f->size == 1 || f->size == 2 || f->size == 4 || f->size == 8;
    return false;
}

/* Two fields of one struct that cannot be in one initializer. */
static bool conflict(const GuestAbi *abi, int a, int b)
{
    const GuestAbiField *fa = &abi->fields[a], *fb = &abi->fields[b];
    if (fa->offset < fb->offset + fb->size && fb->offset < fa->offset + fa->size)
        return true;
    /* Paths parting inside a common first member: a union's members. */
    const char *ea = fields[a].expr, *eb = fields[b].expr;
    const char *da = strrchr(ea, '.'), *db = strrchr(eb, '.');
    if (!da || !db)
        return false;
    size_t fa1 = strcspn(ea, ".["), fb1 = strcspn(eb, ".[");
    if (fa1 != fb1 || strncmp(ea, eb, fa1) != 0)
        return false;
    return da - ea != db - eb || strncmp(ea, eb, (size_t)(da - ea)) != 0;
}

/* ---- The plan: objects per struct ------------------------------------------------- */

#define MAX_SETS 16
typedef struct Obj {
    int gs, set;
    int map; /* -1: every fillable field; else maps[map]'s fields */
    int nf;
    int f[64];
    int row[64]; /* map row of f[i] */
} Obj;

static Obj *objs;
static int n_objs;

/* Objects of struct s holding the fields accepted by `want` (returns the
   map row, or -1 to leave the field out). */
static void plan_struct(const GuestAbi *abi, int s, int map)
{
    int first = n_objs, nsets = 0;
    for (int f = 0; f < GF_COUNT; f++) {
        if (fields[f].gs != s || !fillable(&abi->fields[f]))
            continue;
        int row = -1;
        if (map >= 0) {
            const AbiHostMap *m = maps[map];
            for (size_t r = 0; r < m->n_fields; r++)
                if (m->fields[r].gf == f)
                    row = (int)r;
            if (row < 0 || abi->fields[f].kind == ABI_K_ARRAY)
                continue;
        }
        int k;
        for (k = 0; k < nsets; k++) {
            Obj *o = &objs[first + k];
            bool ok = o->nf < 64;
            for (int i = 0; ok && i < o->nf; i++)
                ok = !conflict(abi, f, o->f[i]);
            if (ok)
                break;
        }
        if (k == nsets) {
            if (nsets == MAX_SETS) {
                CHECK(0, "%s: struct %s needs more than %d objects", abi->name, structs[s].name,
                      MAX_SETS);
                continue;
            }
            objs[first + nsets] = (Obj){ .gs = s, .set = nsets, .map = map };
            nsets++;
        }
        Obj *o = &objs[first + k];
        o->row[o->nf] = row;
        o->f[o->nf++] = f;
    }
    if (nsets == 0) /* no fillable field: still check the size (all zero) */
        objs[first + nsets++] = (Obj){ .gs = s, .set = 0, .map = map };
    n_objs = first + nsets;
}

static void plan(const GuestAbi *abi)
{
    free(objs);
    objs = calloc((GS_COUNT + (size_t)n_maps) * MAX_SETS, sizeof *objs);
    n_objs = 0;
    for (int s = 0; s < GS_COUNT; s++)
        if (abi->structs[s].size)
            plan_struct(abi, s, -1);
    for (int m = 0; m < n_maps; m++)
        if (abi->structs[maps[m]->gs].size)
            plan_struct(abi, maps[m]->gs, m);
}

/* The value field i of object o holds.  Through a host map, the value
   first passes through the host member (its size and signedness). */
static uint64_t obj_value(const Obj *o, int i, int k)
{
    if (o->map < 0)
        return value_for(o->f[i], k);
    /* One value per host member (two guest fields may share one, e.g.
       stat64's __st_ino and st_ino). */
    const AbiHostField *r = &maps[o->map]->fields[o->row[i]];
    return trunc_to(value_for(GF_COUNT + r->host_off, k), r->host_size, r->host_signed);
}

static void obj_name(char *buf, size_t n, const Obj *o)
{
    if (o->map >= 0)
        snprintf(buf, n, "o_m%d_%d", o->map, o->set);
    else
        snprintf(buf, n, "o_%d_%d", o->gs, o->set);
}

/* ---- Writing, compiling and reading the oracle ------------------------------------ */

static void write_unit(const GuestAbi *abi, bool kernel, const char *path)
{
    char hdrs[128][64];
    int nh = 0;
    for (int i = 0; i < n_objs; i++)
        if (is_kernel_hdr(structs[objs[i].gs].hdr) == kernel)
            add_headers(hdrs, &nh, structs[objs[i].gs].hdr);
    for (int c = 0; c < GC_COUNT; c++)
        if (abi->consts[c] != ABI_UNDEF && is_kernel_hdr(consts[c].hdr) == kernel)
            add_headers(hdrs, &nh, consts[c].hdr);
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(2);
    }
    fprintf(f, "#include <stddef.h>\n");
    for (int i = 0; i < nh; i++)
        fprintf(f, "#include <%s>\n", hdrs[i]);
    for (int i = 0; i < n_objs; i++) {
        Obj *o = &objs[i];
        const char *t = structs[o->gs].ctype;
        if (is_kernel_hdr(structs[o->gs].hdr) != kernel)
            continue;
        char oname[32];
        obj_name(oname, sizeof oname, o);
        fprintf(f, "%s %s = {", t, oname);
        for (int j = 0; j < o->nf; j++) {
            int gf = o->f[j];
            const GuestAbiField *fd = &abi->fields[gf];
            const char *e = fields[gf].expr;
            if (fd->kind == ABI_K_ARRAY) {
                fprintf(f, " .%s = {", e);
                for (int k = 0; k < fd->size / fd->elem_size; k++)
                    fprintf(f, " (__typeof__((((%s *)0)->%s)[0]))0x%llxull,", t, e,
                            (unsigned long long)trunc_to(obj_value(o, j, k), fd->elem_size, false));
                fprintf(f, " },");
            } else {
                fprintf(f, " .%s = (__typeof__(((%s *)0)->%s))0x%llxull,", e, t, e,
                        (unsigned long long)trunc_to(obj_value(o, j, 0), fd->size, false));
            }
        }
        fprintf(f, " };\n");
        /* Signedness of integer fields, as the compiler sees the type. */
        for (int j = 0; o->map < 0 && j < o->nf; j++) {
            int gf = o->f[j];
            if (abi->fields[gf].kind == ABI_K_INT)
                fprintf(f, "signed char s_%d = (__typeof__(((%s *)0)->%s))-1 < 0;\n", gf, t,
                        fields[gf].expr);
        }
    }
    for (int c = 0; c < GC_COUNT; c++)
        if (abi->consts[c] != ABI_UNDEF && is_kernel_hdr(consts[c].hdr) == kernel)
            fprintf(f, "long long c_%d = (long long)(%s);\n", c, consts[c].name);
    fclose(f);
}

/* Symbol bytes of an object file: name -> (bytes, size). */
typedef struct Sym {
    char name[32];
    uint8_t *bytes;
    size_t size;
} Sym;

static Sym *syms;
static int n_syms;

static bool read_object(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return false;
    elf_version(EV_CURRENT);
    Elf *e = elf_begin(fd, ELF_C_READ, NULL);
    if (!e) {
        close(fd);
        return false;
    }
    Elf_Scn *scn = NULL;
    while ((scn = elf_nextscn(e, scn))) {
        GElf_Shdr sh;
        gelf_getshdr(scn, &sh);
        if (sh.sh_type != SHT_SYMTAB)
            continue;
        Elf_Data *d = elf_getdata(scn, NULL);
        size_t n = sh.sh_size / sh.sh_entsize;
        for (size_t i = 0; i < n; i++) {
            GElf_Sym s;
            gelf_getsym(d, (int)i, &s);
            const char *name = elf_strptr(e, sh.sh_link, s.st_name);
            if (!name || (strncmp(name, "o_", 2) && strncmp(name, "c_", 2) && strncmp(name, "s_", 2)) ||
                s.st_shndx == SHN_UNDEF || s.st_shndx >= SHN_LORESERVE)
                continue;
            Elf_Scn *ds = elf_getscn(e, s.st_shndx);
            GElf_Shdr dsh;
            gelf_getshdr(ds, &dsh);
            syms = realloc(syms, (size_t)(n_syms + 1) * sizeof *syms);
            Sym *y = &syms[n_syms++];
            snprintf(y->name, sizeof y->name, "%s", name);
            y->size = s.st_size;
            y->bytes = calloc(1, s.st_size ? s.st_size : 1);
            if (dsh.sh_type != SHT_NOBITS) {
                Elf_Data *dd = elf_getdata(ds, NULL);
                if (dd && s.st_value + s.st_size <= dd->d_size)
                    memcpy(y->bytes, (uint8_t *)dd->d_buf + s.st_value, s.st_size);
            }
        }
    }
    elf_end(e);
    close(fd);
    return true;
}

static const Sym *find_sym(const char *name)
{
    for (int i = 0; i < n_syms; i++)
        if (strcmp(syms[i].name, name) == 0)
            return &syms[i];
    return NULL;
}

static void free_syms(void)
{
    for (int i = 0; i < n_syms; i++)
        free(syms[i].bytes);
    free(syms);
    syms = NULL;
    n_syms = 0;
}

static bool have_compiler(const char *cc)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "command -v %.*s >/dev/null 2>&1", (int)strcspn(cc, " "), cc);
    return system(cmd) == 0;
}

static bool compile(const Target *t, const char *src, const char *obj)
{
    char cmd[4 * PATH_MAX + 256], log[PATH_MAX + 40];
    snprintf(log, sizeof log, "%s.log", obj);
    snprintf(cmd, sizeof cmd, "%s -c -O0 -w -D_GNU_SOURCE -I%s/syscall-tables -o %s %s 2>%s", t->cc,
             root, obj, src, log);
    if (system(cmd) == 0)
        return true;
    printf("FAIL %s: %s does not compile the oracle %s:\n", t->name, t->cc, src);
    snprintf(cmd, sizeof cmd, "head -c 3000 %s", log);
    fflush(stdout);
    if (system(cmd) != 0)
        printf("(no log)\n");
    failures++;
    return false;
}

/* ---- The checks --------------------------------------------------------------------- */

static void check_structs(const Target *t)
{
    const GuestAbi *abi = t->abi;
    for (int i = 0; i < n_objs; i++) {
        Obj *o = &objs[i];
        char name[32];
        obj_name(name, sizeof name, o);
        const Sym *y = find_sym(name);
        CHECK(y, "%s: struct %s: object %s missing", t->name, structs[o->gs].name, name);
        if (!y)
            continue;
        size_t size = abi->structs[o->gs].size;
        CHECK(y->size == size, "%s: sizeof(%s) = %zu, data says %zu", t->name, structs[o->gs].ctype,
              y->size, size);
        if (y->size != size)
            continue;
        /* mimic's bytes */
        uint8_t *buf = calloc(1, size);
        const AbiHostMap *m = o->map >= 0 ? maps[o->map] : NULL;
        uint8_t *hbuf = m ? calloc(1, m->host_size) : NULL;
        if (m) {
            /* Through the converter: host struct -> guest bytes. */
            for (int j = 0; j < o->nf; j++) {
                const AbiHostField *r = &m->fields[o->row[j]];
                uint64_t v = obj_value(o, j, 0);
                memcpy(hbuf + r->host_off, &v, r->host_size);
            }
            guest_abi_select(abi); /* the map's own functions use guest_abi */
            abi_to_guest(m, buf, hbuf);
        }
        for (int j = 0; !m && j < o->nf; j++) {
            int gf = o->f[j];
            const GuestAbiField *fd = &abi->fields[gf];
            if (fd->kind == ABI_K_ARRAY) {
                for (int k = 0; k < fd->size / fd->elem_size; k++)
                    store_bytes(abi, buf + fd->offset + k * fd->elem_size, fd->elem_size,
                                value_for(gf, k));
            } else {
                abi_put_in(abi, buf, gf, value_for(gf, 0));
            }
        }
        if (memcmp(buf, y->bytes, size) != 0) {
            size_t at = 0;
            while (buf[at] == y->bytes[at])
                at++;
            const char *who = "padding";
            for (int j = 0; j < o->nf; j++) {
                const GuestAbiField *fd = &abi->fields[o->f[j]];
                if (at >= fd->offset && at < (size_t)fd->offset + fd->size)
                    who = fields[o->f[j]].name;
            }
            CHECK(0, "%s: struct %s%s%s: byte %zu (%s) is %#x, the compiler says %#x", t->name,
                  structs[o->gs].name, m ? " via " : "", m ? m->name : "", at, who, buf[at],
                  y->bytes[at]);
        } else {
            checks++;
        }
        /* And back: the compiler's bytes through the converter. */
        if (m) {
            uint8_t *back = calloc(1, m->host_size);
            abi_to_host(m, back, y->bytes);
            for (int j = 0; j < o->nf; j++) {
                const AbiHostField *r = &m->fields[o->row[j]];
                const GuestAbiField *fd = &abi->fields[o->f[j]];
                /* A host member two rows share holds the later row's value. */
                bool later = false;
                for (size_t q = (size_t)o->row[j] + 1; q < m->n_fields; q++)
                    later |= m->fields[q].host_off == r->host_off &&
                             abi->fields[m->fields[q].gf].present;
                if (later)
                    continue;
                uint64_t got = 0;
                memcpy(&got, back + r->host_off, r->host_size);
                /* what survives the guest field, then the host member */
                uint64_t want = trunc_to(obj_value(o, j, 0), fd->size, fd->is_signed);
                want = trunc_to(want, r->host_size, false);
                CHECK(got == want, "%s: %s: %s back to the host = %#llx, want %#llx", t->name,
                      m->name, fields[o->f[j]].name, (unsigned long long)got,
                      (unsigned long long)want);
            }
            free(back);
            free(hbuf);
            free(buf);
            continue;
        }
        /* And back: abi_get of the compiler's bytes. */
        for (int j = 0; j < o->nf; j++) {
            int gf = o->f[j];
            const GuestAbiField *fd = &abi->fields[gf];
            if (fd->kind == ABI_K_ARRAY)
                continue;
            if (fd->kind == ABI_K_INT) {
                char sn[32];
                snprintf(sn, sizeof sn, "s_%d", gf);
                const Sym *sy = find_sym(sn);
                CHECK(sy && sy->size == 1 && sy->bytes[0] == fd->is_signed,
                      "%s: %s.%s: signedness %d, the compiler says %d", t->name,
                      structs[o->gs].name, fields[gf].name, fd->is_signed,
                      sy && sy->size == 1 ? sy->bytes[0] : -1);
            }
            uint64_t want = trunc_to(value_for(gf, 0), fd->size, fd->is_signed);
            uint64_t got = abi_get_in(abi, y->bytes, gf);
            CHECK(got == want, "%s: %s.%s read back %#llx, want %#llx", t->name,
                  structs[o->gs].name, fields[gf].name, (unsigned long long)got,
                  (unsigned long long)want);
        }
        free(buf);
    }
}

/* The target's compiled constants (host: the host's), or ABI_UNDEF. */
static int64_t compiled[N_TARGETS][GC_COUNT];

static void check_consts(int ti)
{
    const Target *t = &targets[ti];
    for (int c = 0; c < GC_COUNT; c++) {
        compiled[ti][c] = ABI_UNDEF;
        if (t->abi->consts[c] == ABI_UNDEF)
            continue;
        char name[32];
        snprintf(name, sizeof name, "c_%d", c);
        const Sym *y = find_sym(name);
        CHECK(y && y->size == 8, "%s: constant %s missing from the object", t->name, consts[c].name);
        if (!y || y->size != 8)
            continue;
        uint64_t v = 0;
        for (int i = 0; i < 8; i++)
            v |= (uint64_t)y->bytes[i] << (t->abi->big_endian ? 8 * (7 - i) : 8 * i);
        compiled[ti][c] = (int64_t)v;
        CHECK((int64_t)v == t->abi->consts[c], "%s: %s = %lld, data says %lld", t->name,
              consts[c].name, (long long)v, (long long)t->abi->consts[c]);
    }
}

/* Does value v occur once among the members of group g on side ti? */
static bool unique_in_group(int ti, int g, int64_t v)
{
    int n = 0;
    for (int c = 0; c < GC_COUNT; c++)
        if ((consts[c].group == g || consts[c].group == -2 - g) && compiled[ti][c] == v)
            n++;
    return n == 1;
}

static void check_maps(int ti, int hi)
{
    const Target *t = &targets[ti];
    guest_abi_select(t->abi);
    for (int c = 0; c < GC_COUNT; c++) {
        int g = consts[c].group;
        if (g < 0)
            continue; /* plain constants and masked values (checked below) */
        int64_t gv = compiled[ti][c], hv = compiled[hi][c];
        if (gv == ABI_UNDEF || hv == ABI_UNDEF)
            continue;
        if (!unique_in_group(ti, g, gv) || !unique_in_group(hi, g, hv))
            continue; /* an alias: the first name listed wins */
        if (g == GG_errno) {
            CHECK(errno_to_guest((int)hv) == gv, "%s: errno_to_guest(%s)", t->name, consts[c].name);
            CHECK(errno_to_host((int)gv) == hv, "%s: errno_to_host(%s)", t->name, consts[c].name);
        } else if (g == GG_signal) {
            CHECK(signal_to_guest((int)hv) == gv, "%s: signal_to_guest(%s)", t->name, consts[c].name);
            CHECK(signal_to_host((int)gv) == hv, "%s: signal_to_host(%s)", t->name, consts[c].name);
        } else if (group_is_flags[g]) {
            if (gv == 0 || hv == 0)
                continue;
            CHECK(abi_flags_to_host(g, (uint32_t)gv) == (uint32_t)hv,
                  "%s: abi_flags_to_host(%s) = %#x, want %#x", t->name, consts[c].name,
                  abi_flags_to_host(g, (uint32_t)gv), (unsigned)hv);
            CHECK(abi_flags_to_guest(g, (uint32_t)hv) == (uint32_t)gv,
                  "%s: abi_flags_to_guest(%s) = %#x, want %#x", t->name, consts[c].name,
                  abi_flags_to_guest(g, (uint32_t)hv), (unsigned)gv);
        } else {
            CHECK(abi_value_to_host(g, gv) == hv, "%s: abi_value_to_host(%s)", t->name,
                  consts[c].name);
            CHECK(abi_value_to_guest(g, hv) == gv, "%s: abi_value_to_guest(%s)", t->name,
                  consts[c].name);
        }
    }
    /* Masked values (O_RDWR in O_ACCMODE, B9600 in CBAUD, ...). */
    for (int c = 0; c < GC_COUNT; c++) {
        if (consts[c].group > -2)
            continue;
        int g = -2 - consts[c].group;
        int64_t gv = compiled[ti][c], hv = compiled[hi][c];
        if (gv == ABI_UNDEF || hv == ABI_UNDEF || !unique_in_group(ti, g, gv) ||
            !unique_in_group(hi, g, hv))
            continue;
        CHECK(abi_flags_to_host(g, (uint32_t)gv) == (uint32_t)hv,
              "%s: abi_flags_to_host(%s) = %#x, want %#x", t->name, consts[c].name,
              abi_flags_to_host(g, (uint32_t)gv), (unsigned)hv);
    }
}

int main(void)
{
    /* The tree: BUILD/tests/unit/<this> -> three levels up. */
    const char *r = getenv("MIMIC_ROOT");
    if (r) {
        snprintf(root, sizeof root, "%s", r);
    } else {
        ssize_t n = readlink("/proc/self/exe", root, sizeof root - 1);
        if (n <= 0)
            return 2;
        root[n] = 0;
        for (int i = 0; i < 4; i++)
            *strrchr(root, '/') = 0;
    }
    snprintf(tmpdir, sizeof tmpdir, "/tmp/mimic-abi-XXXXXX");
    if (!mkdtemp(tmpdir))
        return 2;

    for (size_t i = 0; i < abi_n_host_maps && n_maps < 64; i++)
        maps[n_maps++] = &abi_host_maps[i];
    for (size_t i = 0; i < sizeof test_maps / sizeof test_maps[0] && n_maps < 64; i++)
        maps[n_maps++] = &test_maps[i];

    int host = (int)N_TARGETS - 1;
    bool have[N_TARGETS];
    /* Host first: the maps compare every target with it. */
    for (int pass = 0; pass < 2; pass++) {
        for (int ti = 0; ti < (int)N_TARGETS; ti++) {
            if ((ti == host) != (pass == 0))
                continue;
            const Target *t = &targets[ti];
            have[ti] = have_compiler(t->cc);
            if (!have[ti]) {
                printf("SKIP %s: %s not installed\n", t->name, t->cc);
                continue;
            }
            plan(t->abi);
            for (int k = 0; k < 2; k++) {
                char src[PATH_MAX + 32], obj[PATH_MAX + 32];
                snprintf(src, sizeof src, "%s/%s-%d.c", tmpdir, t->name, k);
                snprintf(obj, sizeof obj, "%s/%s-%d.o", tmpdir, t->name, k);
                write_unit(t->abi, k == 0, src);
                if (compile(t, src, obj) && !read_object(obj))
                    CHECK(0, "%s: cannot read %s", t->name, obj);
            }
            check_structs(t);
            check_consts(ti);
            free_syms();
            printf("%s: %d objects checked\n", t->name, n_objs);
        }
    }
    /* struct statx is laid out the same on every target (only the byte
       order differs): the syscall layer relies on that. */
    for (int ti = 0; ti < host; ti++) {
        const GuestAbi *a = targets[ti].abi;
        CHECK(a->structs[GS_statx].size == abi_host.structs[GS_statx].size, "%s: statx size",
              a->name);
        for (int f = 0; f < GF_COUNT; f++)
            if (fields[f].gs == GS_statx)
                CHECK(a->fields[f].offset == abi_host.fields[f].offset &&
                          a->fields[f].size == abi_host.fields[f].size,
                      "%s: statx.%s differs from the host's", a->name, fields[f].name);
    }
    if (have[host])
        for (int ti = 0; ti < host; ti++)
            if (have[ti])
                check_maps(ti, host);
    free(objs);

    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    if (failures == 0 && system(cmd) != 0)
        printf("(could not remove %s)\n", tmpdir);
    printf("%d checks, %d failures\n", checks, failures);
    return failures != 0;
}
