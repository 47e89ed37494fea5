/*
 * The persistent translation cache (see pcache.h).
 *
 * Regions.  linux-user reports every guest mapping made executable and not
 * writable from a file (pcache_note_file_map): a region is the guest range,
 * the file's identity (device, inode, size, mtime, ctime), the file offset
 * and the guest address.  Page-flag changes that make part of a region
 * writable, anonymous or unmapped cut the region there (so code the guest
 * can modify leaves it before it can be modified), and a TB is recorded
 * only when its pages are neither writable nor anonymous.  So only code
 * that came from a file and stays as the file has it is ever cached; JIT
 * code and self-modifying code never are.
 *
 * Hot regions (tcg/translator.c) are cached like plain TBs: an entry says
 * whether it is one (part of its key: a region and the plain TB of its head
 * share the rest), the guest bytes it covers from its lowest block (lo) and
 * its pinned globals.  A region is still formed only when its loop gets
 * hot; the cache saves its translation.
 *
 * Files.  One cache file per region key: the key (file identity, offset,
 * guest address, mimic's build id, the guest, -cpu, the host CPU features
 * the backend uses, the TB size limit) is stored whole in the file's header
 * and compared on open; the file name is a hash of it.  Layout: header,
 * bucket array (entry offset and pc; open addressing on (pc, cs_base, flags)),
 * entries.  An entry holds the TB's key, the guest bytes it was made from
 * (a plain TB's range may have a hole its translation does not depend on:
 * TCGContext.pc_hole_off),
 * its instruction records, its relocations (host-address sites: helper
 * calls, the epilogue jump, exit_tb's TB pointer) and its host code, with a
 * checksum over all of it.  The file is opened when the first TB of its
 * region is wanted (not before the first instruction): a small one is
 * mapped read-only with its page-table entries filled in that one call
 * (MAP_POPULATE): a warm process reads entries all over the file, and
 * faulting them in a fault-around window at a time cost more (python3 -c
 * 'print(1)', 40k TBs from a 19 MB file: ~1250 -> ~940 page faults); a big
 * one is read into huge pages (read_huge).  Entries are still only checked
 * when used.
 *
 * Use (pcache_load): the entry's bounds and checksum are checked, its guest
 * bytes are compared with guest memory, then its code is copied to the code
 * buffer and its relocation sites patched.  Any mismatch: the entry is
 * ignored and the TB translated afresh.  The TB's instruction records are
 * used where they are in the mapped file (copying them would only cost
 * page faults), so a file that TBs were loaded from stays mapped until the
 * next tb_flush (pcache_tbs_flushed) even when its region goes.
 *
 * Saving (pcache_save, at exit and execve): each region with new TBs gets a
 * new file with the new entries, those of the file now under its name
 * (another process may have renamed a newer one in since this one mapped
 * its own) and those of the file it mapped, written to a temporary file in
 * the directory and renamed over the old name, so readers see the old file
 * or the new one, never a mix.  Writers take turns (flock on the
 * directory, a bounded wait), so the translations of many processes of one
 * program, or of different programs sharing a library, accumulate.  Files
 * are bounded (PC_FILE_MAX) and so is the directory (PC_DIR_MAX: oldest
 * files deleted first).
 *
 * Trust.  The directory ($MIMIC_CACHE_DIR, else $XDG_CACHE_HOME/mimic, else
 * ~/.cache/mimic) must be a directory owned by the user with no group or
 * other permissions; a file owned by another user or writable by others is
 * ignored.  Any failure disables caching silently.
 */
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>
#include <nmmintrin.h>
#include <sys/platform/x86.h>

#include "pcache.h"
#include "tb.h"
#include "guest.h"
#include "tcg/x86/x86.h"
#include "include/forklocks.h"

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22
#endif

#define PC_MAGIC "MIMICTC1"
#define PC_VERSION 9
#define PC_MAX_REGIONS 64
#define PC_FILE_MAX (64u << 20)  /* bytes per cache file */
#define PC_DIR_MAX (512ull << 20) /* bytes per cache directory */
#define PC_MAX_ICOUNT 1024
#define PC_REC_MAX (256u << 20) /* bytes of recorded TBs kept in memory */
#define PC_SMALL_FILE (1u << 20) /* rewritten even for a few new TBs (pcache_save) */
#define PC_REWRITE_PER_TB (1u << 20) /* and a bigger one, for this much per new TB */

uint64_t pcache_hits, pcache_saved, pcache_region_hits;

/* The key of one cache file.  Compared whole (memcmp): keep it free of
   padding holes (every field explicitly sized and ordered). */
typedef struct PCKey {
    uint8_t build_id[32];
    char target[16];
    char cpu[32];
    uint64_t dev, ino, size;
    int64_t mtime_ns, ctime_ns;
    uint64_t file_off;
    uint32_t map_addr;
    uint32_t host_features;
    uint32_t max_insns;
    uint32_t struct_sizes; /* sizeof(TCGInsnRecord) etc.: layout changes */
} PCKey;

typedef struct PCHeader {
    char magic[8];
    uint32_t version, nb_entries;
    uint32_t nb_buckets, pad;
    uint64_t file_size;
    uint64_t anchor; /* unused (0) */
    PCKey key;
    uint64_t check; /* hash of everything above */
} PCHeader;

typedef struct PCEntry {
    uint32_t pc, cs_base, flags;
    uint32_t lo, size; /* the guest bytes covered (a plain TB: lo == pc) */
    uint16_t icount, nb_relocs;
    uint32_t code_size;
    uint16_t jmp_field[TB_JMP_SLOTS], jmp_reset[TB_JMP_SLOTS]; /* goto_tb 0, 1, the return stub */
    uint8_t region;     /* a hot region's blocks (tcg/translator.c); 0: a plain TB */
    uint8_t nb_pins;    /* a region's pinned globals (TranslationBlock.pin_*) */
    uint16_t site_len;  /* the fault-site table after the code (0: none) */
    uint32_t total_len; /* of the entry, this header included (multiple of 8) */
    uint32_t hole_off, hole_len; /* guest bytes from lo + hole_off not stored (TCGContext.pc_hole_off) */
    uint64_t check;     /* hash of the entry with check = 0 */
    /* guest bytes [size - hole_len] (those of [lo, lo + size) outside the
       hole) padded to 8, TCGInsnRecord [icount],
       PCReloc [nb_relocs], PCPin [nb_pins] padded to 8, host code
       [code_size] (then, with site_len, the fault-site table at the next
       multiple of 4: TranslationBlock.site_off) padded to 8 */
} PCEntry;
_Static_assert(sizeof(PCEntry) == 64 && TB_JMP_SLOTS == 3, "PCEntry: no padding holes");

/* A bucket: an entry's offset (0: empty) and its pc, so that probing
   touches no entry whose pc differs. */
typedef struct PCBucket {
    uint32_t off, pc;
} PCBucket;

typedef struct PCReloc {
    uint32_t off;  /* in the host code */
    uint32_t kind; /* RELOC_* */
    uint64_t target;
} PCReloc;

/* A pinned global of a hot region: host register, env offset, 64-bit. */
typedef struct PCPin {
    int8_t reg;
    uint8_t w64;
    uint16_t off;
} PCPin;

/* Where the parts of an entry are (see PCEntry). */
typedef struct PCParts {
    const uint8_t *bytes;
    const TCGInsnRecord *ir;
    const PCReloc *rl;
    const PCPin *pins;
    const uint8_t *code;
} PCParts;

typedef struct Region {
    uint32_t start, end; /* guest range; end == start: dead */
    PCKey key; /* the file's part; the rest is base_key's (region_key) */
    /* the file: not looked at yet / mapped (map, map_size) / none */
    enum { F_UNOPENED, F_MAPPED, F_NONE } fstate;
    const uint8_t *map;
    size_t map_size;
    uint64_t map_dev, map_ino; /* the mapped file's identity */
    bool map_used; /* TBs point into map (their instruction records) */
    bool map_forks; /* map has an anonymous page: fork copies its page table (fork_prepare) */
    /* recorded TBs, serialized as entries */
    uint8_t *rec;
    size_t rec_len, rec_cap;
    unsigned nb_rec, nb_rec_plain; /* entries; those of plain TBs */
} Region;

static bool enabled, configured;
static size_t rec_total; /* bytes recorded, all regions: bounded by PC_REC_MAX */
static char dir[4096];
static PCKey base_key;
static Region regions[PC_MAX_REGIONS];
static int nb_regions;
static FORK_LOCK pthread_mutex_t pc_lock = PTHREAD_MUTEX_INITIALIZER;
/* Maps of dropped regions that TBs still point into: unmapped at tb_flush. */
typedef struct Retired {
    const uint8_t *map;
    size_t size;
} Retired;
static Retired *retired;
static unsigned nb_retired, max_retired;

bool pcache_enabled(void) { return enabled; }

/* ---- hashing (corruption detection, file names; not cryptographic) ---- */

static uint64_t mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return h;
}

static inline uint64_t rotl(uint64_t x, int k) { return x << k | x >> (64 - k); }

/* Four independent multiply-rotate lanes over 32-byte blocks, then the
   tail and a final mix: a few cycles per 8 bytes. */
static uint64_t hash_bytes(const void *p, size_t n, uint64_t seed)
{
    const uint64_t K1 = 0x9e3779b97f4a7c15ull, K2 = 0xc2b2ae3d27d4eb4full;
    const uint8_t *b = p;
    uint64_t h[4] = { seed ^ K1, seed ^ K2, ~seed, seed + n };
    while (n >= 32) {
        for (int i = 0; i < 4; i++) {
            uint64_t w;
            memcpy(&w, b + 8 * i, 8);
            h[i] = rotl((h[i] ^ w) * K1, 29) * K2;
        }
        b += 32;
        n -= 32;
    }
    uint64_t r = rotl(h[0], 1) ^ rotl(h[1], 7) ^ rotl(h[2], 12) ^ rotl(h[3], 18);
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, b, 8);
        r = rotl((r ^ w) * K1, 31) * K2;
        b += 8;
        n -= 8;
    }
    uint64_t w = 0;
    memcpy(&w, b, n);
    r = (r ^ w ^ (uint64_t)n << 56) * K1;
    return mix(r);
}

/* The entry checksum with the host's CRC32C instruction (SSE4.2) when it
   has one: four independent CRC lanes over 32-byte blocks (the
   instruction's latency is three cycles, its throughput one), the tail
   on the first, then the lanes mixed.  About three times fewer
   instructions than hash_bytes, and twice as fast; a single corrupted word
   changes its lane's CRC for certain.  Which function checks a file's
   entries is part of the key (host_features). */
static bool have_crc32;

__attribute__((target("sse4.2"))) static uint64_t crc_bytes(const void *p, size_t n,
                                                             uint64_t seed)
{
    const uint8_t *b = p;
    uint64_t c0 = (uint32_t)seed, c1 = (uint32_t)(seed >> 32), c2 = ~(uint32_t)seed,
             c3 = (uint32_t)n;
    while (n >= 32) {
        uint64_t w[4];
        memcpy(w, b, 32);
        c0 = _mm_crc32_u64(c0, w[0]);
        c1 = _mm_crc32_u64(c1, w[1]);
        c2 = _mm_crc32_u64(c2, w[2]);
        c3 = _mm_crc32_u64(c3, w[3]);
        b += 32;
        n -= 32;
    }
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, b, 8);
        c0 = _mm_crc32_u64(c0, w);
        b += 8;
        n -= 8;
    }
    while (n--)
        c1 = _mm_crc32_u8((uint32_t)c1, *b++);
    return mix((c0 << 32 | c1) ^ mix(c2 << 32 | c3));
}

/* An entry's key: (pc, cs_base, flags) and whether it is a hot region (a
   region and the plain TB of its head share the rest). */
static unsigned key_bucket(uint32_t pc, uint32_t cs_base, uint32_t flags, bool region,
                           uint32_t nb_buckets)
{
    uint64_t h = mix(((uint64_t)pc << 32 ^ flags ^ (uint64_t)cs_base * 0x9e3779b1u) + region);
    return (unsigned)h & (nb_buckets - 1);
}

static inline size_t pad8(size_t n) { return (n + 7) & ~(size_t)7; }

/* Host bytes of an entry: the code, and its fault-site table if any. */
static uint64_t blob_len(uint64_t code_size, uint64_t site_len)
{
    return site_len ? ((code_size + 3) & ~(uint64_t)3) + site_len : code_size;
}

static uint64_t entry_len(uint64_t size, uint64_t icount, uint64_t nb_relocs, uint64_t nb_pins,
                          uint64_t code_size, uint64_t site_len)
{
    return sizeof(PCEntry) + pad8(size) + icount * sizeof(TCGInsnRecord) + nb_relocs * sizeof(PCReloc) +
           pad8(nb_pins * sizeof(PCPin)) + pad8(blob_len(code_size, site_len));
}

static PCParts entry_parts(const PCEntry *e)
{
    PCParts p;
    p.bytes = (const uint8_t *)(e + 1);
    p.ir = (const TCGInsnRecord *)(p.bytes + pad8(e->size - e->hole_len));
    p.rl = (const PCReloc *)(p.ir + e->icount);
    p.pins = (const PCPin *)(p.rl + e->nb_relocs);
    p.code = (const uint8_t *)p.pins + pad8(e->nb_pins * sizeof(PCPin));
    return p;
}

/* ---- set-up ---- */

/* mimic's own build id (the GNU build-id note); false if there is none. */
static int find_build_id(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    uint8_t *out = data;
    if (info->dlpi_name && info->dlpi_name[0])
        return 0; /* the main program has an empty name */
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_NOTE)
            continue;
        const uint8_t *p = (const uint8_t *)(info->dlpi_addr + ph->p_vaddr);
        const uint8_t *end = p + ph->p_memsz;
        while (p + sizeof(ElfW(Nhdr)) <= end) {
            const ElfW(Nhdr) *n = (const ElfW(Nhdr) *)p;
            const uint8_t *name = p + sizeof(*n);
            const uint8_t *desc = name + ((n->n_namesz + 3) & ~3u);
            if (desc + n->n_descsz > end)
                break;
            if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 && !memcmp(name, "GNU", 4) &&
                n->n_descsz > 0) {
                size_t k = n->n_descsz < 31 ? n->n_descsz : 31;
                out[0] = (uint8_t)k;
                memcpy(out + 1, desc, k);
                return 1;
            }
            p = desc + ((n->n_descsz + 3) & ~3u);
        }
    }
    return 0;
}

static bool build_identity(uint8_t id[32])
{
    memset(id, 0, 32);
    if (dl_iterate_phdr(find_build_id, id) == 1)
        return true;
    /* No build id: the executable's identity stands in for it. */
    struct stat st;
    if (stat("/proc/self/exe", &st) != 0)
        return false;
    uint64_t v[4] = { (uint64_t)st.st_dev, (uint64_t)st.st_ino, (uint64_t)st.st_size,
                      (uint64_t)st.st_mtim.tv_sec * 1000000000u + (uint64_t)st.st_mtim.tv_nsec };
    id[0] = 0xff;
    memcpy(id + 1, v, sizeof v < 31 ? sizeof v : 31);
    return true;
}

/* A private directory of ours: owned by us, no group/other permissions. */
static bool dir_ok(const char *d)
{
    struct stat st;
    if (lstat(d, &st) != 0)
        return false;
    return S_ISDIR(st.st_mode) && st.st_uid == getuid() && (st.st_mode & 077) == 0 &&
           access(d, W_OK | X_OK) == 0;
}

static bool choose_dir(void)
{
    const char *d = getenv("MIMIC_CACHE_DIR");
    if (d && *d) {
        if (strlen(d) >= sizeof(dir) - 64)
            return false;
        strcpy(dir, d);
    } else {
        const char *x = getenv("XDG_CACHE_HOME");
        const char *h = getenv("HOME");
        if (x && x[0] == '/') {
            if (snprintf(dir, sizeof(dir) - 64, "%s/mimic", x) >= (int)sizeof(dir) - 64)
                return false;
            mkdir(x, 0700);
        } else if (h && h[0] == '/') {
            if (strlen(h) >= sizeof(dir) - 64)
                return false;
            snprintf(dir, sizeof(dir), "%s/.cache", h);
            mkdir(dir, 0700);
            strcat(dir, "/mimic");
        } else {
            return false;
        }
    }
    if (mkdir(dir, 0700) != 0 && errno != EEXIST)
        return false;
    return dir_ok(dir);
}

/* A forked child shares the parent's page tables only for mappings with
   an anonymous page (Linux copies the entries of those at fork, and leaves
   the others to fault in again): the child of a shell would fault in the
   cache files it reads again, a fault (~25 us) per 16 pages at best.  So
   before the first fork, each mapped cache file gets one: its first byte
   is rewritten with its own value, the map writable for that moment (a
   private map: the file is not written).  Any failure leaves the map as
   it was. */
static void map_for_fork(Region *r)
{
    if (r->fstate != F_MAPPED || r->map_forks)
        return;
    r->map_forks = true;
    void *m = (void *)r->map;
    if (mprotect(m, r->map_size, PROT_READ | PROT_WRITE) != 0)
        return;
    volatile uint8_t *b = m;
    b[0] = b[0];
    mprotect(m, r->map_size, PROT_READ);
}

static void fork_prepare(void)
{
    pthread_mutex_lock(&pc_lock);
    for (int i = 0; i < nb_regions; i++)
        map_for_fork(&regions[i]);
}
static void fork_parent(void) { pthread_mutex_unlock(&pc_lock); }
/* The child of a fork leaves the TBs its parent recorded to the parent
   (else every child of a shell would rewrite the shell's cache file when
   it execs): dropped without free (malloc may not be called here), the
   pages are the parent's copy-on-write. */
static void fork_child(void)
{
    pthread_mutex_init(&pc_lock, NULL);
    for (int i = 0; i < nb_regions; i++) {
        if (regions[i].rec || regions[i].rec_len || regions[i].rec_cap || regions[i].nb_rec) {
            regions[i].rec = NULL;
            regions[i].rec_len = regions[i].rec_cap = 0;
            regions[i].nb_rec = regions[i].nb_rec_plain = 0;
        }
    }
    fork_clear(&rec_total, sizeof rec_total); /* (a write copies the page) */
}

void pcache_init(bool on)
{
    enabled = false;
    if (!on)
        return;
    const char *e = getenv("MIMIC_CACHE");
    if (e && (!strcmp(e, "0") || !strcmp(e, "no") || !strcmp(e, "off")))
        return;
    memset(&base_key, 0, sizeof(base_key));
    if (!build_identity(base_key.build_id))
        return;
    if (!choose_dir())
        return;
    pthread_atfork(fork_prepare, fork_parent, fork_child);
    page_flags_hook = pcache_note_flags;
    enabled = true;
}

void pcache_configure(const char *target_name, const char *cpu_model)
{
    if (!enabled)
        return;
    snprintf(base_key.target, sizeof(base_key.target), "%s", target_name ? target_name : "");
    snprintf(base_key.cpu, sizeof(base_key.cpu), "%s", cpu_model ? cpu_model : "");
    have_crc32 = CPU_FEATURE_ACTIVE(SSE4_2);
    base_key.host_features = (uint32_t)x86_have_movbe | (uint32_t)x86_have_lzcnt << 1 |
                             (uint32_t)x86_have_bmi1 << 2 | (uint32_t)x86_have_bmi2 << 3 |
                             (uint32_t)have_crc32 << 4;
    base_key.max_insns = (uint32_t)tb_max_insns;
    base_key.struct_sizes = (uint32_t)(sizeof(TCGInsnRecord) << 16 | sizeof(PCEntry) << 8 |
                                       sizeof(PCReloc));
    configured = true;
}

/* ---- regions ---- */

static void unmap_file(const void *m, size_t sz);

static void region_free(Region *r)
{
    if (r->map && r->map_used) {
        /* TBs point into it: unmapped at the next tb_flush (kept mapped
           for good if there is no room to remember it). */
        if (nb_retired == max_retired) {
            unsigned n = max_retired ? max_retired * 2 : 16;
            Retired *p = realloc(retired, n * sizeof(*p));
            if (p) {
                retired = p;
                max_retired = n;
            }
        }
        if (nb_retired < max_retired)
            retired[nb_retired++] = (Retired){ r->map, r->map_size };
    } else if (r->map) {
        unmap_file(r->map, r->map_size);
    }
    free(r->rec);
    memset(r, 0, sizeof(*r));
}

/* Cut [a, b) out of the live regions.  Regions keep their recorded TBs
   (they were made while the file was mapped there) until saved. */
static void cut(uint32_t a, uint64_t b)
{
    for (int i = 0; i < nb_regions; i++) {
        Region *r = &regions[i];
        if (r->end <= a || r->start >= b || r->start == r->end)
            continue;
        if (a <= r->start && b >= r->end)
            r->end = r->start; /* all of it */
        else if (a > r->start)
            r->end = a;        /* keep the head (a hole in the middle drops the tail) */
        else
            r->start = (uint32_t)b; /* keep the tail */
    }
}

/* A slot for a new region: a free one, or a dead one with nothing to save. */
static Region *region_slot(void)
{
    if (nb_regions < PC_MAX_REGIONS)
        return &regions[nb_regions++];
    for (int i = 0; i < nb_regions; i++)
        if (regions[i].start == regions[i].end && regions[i].nb_rec == 0) {
            region_free(&regions[i]);
            return &regions[i];
        }
    return NULL;
}

void pcache_note_file_map(uint32_t addr, uint32_t len, int fd, uint64_t off)
{
    if (!enabled || !len)
        return;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        return;
    pthread_mutex_lock(&pc_lock);
    cut(addr, (uint64_t)addr + len);
    Region *r = region_slot();
    if (r) {
        memset(r, 0, sizeof(*r));
        r->start = addr;
        r->end = addr + len;
        r->key.dev = (uint64_t)st.st_dev;
        r->key.ino = (uint64_t)st.st_ino;
        r->key.size = (uint64_t)st.st_size;
        r->key.mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
        r->key.ctime_ns = (int64_t)st.st_ctim.tv_sec * 1000000000 + st.st_ctim.tv_nsec;
        r->key.file_off = off;
        r->key.map_addr = addr;
        r->fstate = F_UNOPENED;
    }
    pthread_mutex_unlock(&pc_lock);
}

void pcache_note_flags(uint32_t addr, uint32_t len, int flags)
{
    if (!enabled || !len)
        return;
    if ((flags & PAGE_VALID) && (flags & PAGE_EXEC) && !(flags & (PAGE_WRITE | PAGE_ANON)))
        return; /* still read-only code (mprotect to r-x, or a new file map) */
    pthread_mutex_lock(&pc_lock);
    cut(addr, (uint64_t)addr + len);
    pthread_mutex_unlock(&pc_lock);
}

/* The live region holding [pc, pc + size) whole, or NULL. */
static Region *region_of(uint32_t pc, uint32_t size)
{
    for (int i = 0; i < nb_regions; i++) {
        Region *r = &regions[i];
        if (pc >= r->start && (uint64_t)pc + size <= r->end)
            return r;
    }
    return NULL;
}

/* ---- cache files ---- */

/* The whole key of r's file: its file part and the process's part. */
static void region_key(const Region *r, PCKey *k)
{
    *k = base_key;
    k->dev = r->key.dev;
    k->ino = r->key.ino;
    k->size = r->key.size;
    k->mtime_ns = r->key.mtime_ns;
    k->ctime_ns = r->key.ctime_ns;
    k->file_off = r->key.file_off;
    k->map_addr = r->key.map_addr;
}

static void file_name(const PCKey *k, char *out, size_t n)
{
    snprintf(out, n, "%s/%016llx.tbc", dir, (unsigned long long)hash_bytes(k, sizeof(*k), 1));
}

static uint64_t header_check(const PCHeader *h)
{
    return hash_bytes(h, offsetof(PCHeader, check), 2);
}

/*
 * A big cache file is read into anonymous memory backed by transparent
 * huge pages rather than mapped.  On this kind of host (a virtual machine
 * with shadow page tables) the first read of each 4 KB page of a mapped
 * file costs a trap even when MAP_POPULATE filled its page-table entry
 * (measured: 2-5 us a page; tcg/tb.c, want_huge_pages), and a warm process
 * reads entries all over the file: python3 -c touches nearly all of its
 * 19 MB file's 4,800 pages, a busybox applet ~400 of the 480 of busybox's.
 * Copying the file (from the page cache, ~0.2 ms a MB) into 2 MB pages
 * (~150 us each to fault in) costs less from PC_READ_MIN on.  Anonymous
 * memory also keeps its page tables across fork (map_for_fork).  The
 * memory is read-only once filled.  A file's size says which kind its map
 * is (unmap_file), as long as transparent huge pages are not off
 * (big_file).
 */
#define PC_HUGE (2u << 20)
#define PC_READ_MIN (256u << 10)

static size_t huge_len(size_t n) { return (n + PC_HUGE - 1) & ~(size_t)(PC_HUGE - 1); }

/* Whether big files are read (read_huge): only where transparent huge
   pages can back them (anonymous 4 KB pages cost more here than a mapped
   file's).  Decided once, before the first big file, and kept, so that
   unmap_file knows how every map was made. */
static int huge_files = -1;

static bool big_file(size_t sz)
{
    if (sz < PC_READ_MIN)
        return false;
    if (huge_files < 0) {
        huge_files = 0;
#ifdef MADV_HUGEPAGE
        char buf[128];
        int fd = open("/sys/kernel/mm/transparent_hugepage/enabled", O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
            ssize_t n = read(fd, buf, sizeof(buf) - 1);
            close(fd);
            if (n > 0) {
                buf[n] = 0;
                huge_files = strstr(buf, "[never]") == NULL;
            }
        }
#endif
    }
    return huge_files == 1;
}

static void *read_huge(int fd, size_t sz)
{
    size_t len = huge_len(sz);
    uint8_t *p = mmap(NULL, len + PC_HUGE, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return MAP_FAILED;
    /* 2 MB aligned, so that every 2 MB of it can be a huge page. */
    uint8_t *a = (uint8_t *)(((uintptr_t)p + PC_HUGE - 1) & ~(uintptr_t)(PC_HUGE - 1));
    if (a > p)
        munmap(p, (size_t)(a - p));
    if (a + len < p + len + PC_HUGE)
        munmap(a + len, (size_t)(p + len + PC_HUGE - (a + len)));
#ifdef MADV_HUGEPAGE
    madvise(a, len, MADV_HUGEPAGE);
#endif
    size_t done = 0;
    while (done < sz) {
        ssize_t n = pread(fd, a + done, sz - done, (off_t)done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) { /* an error, or shorter than fstat said */
            munmap(a, len);
            return MAP_FAILED;
        }
        done += (size_t)n;
    }
    if (mprotect(a, len, PROT_READ) != 0) {
        munmap(a, len);
        return MAP_FAILED;
    }
    return a;
}

static void unmap_file(const void *m, size_t sz)
{
    munmap((void *)m, big_file(sz) ? huge_len(sz) : sz);
}

/* Map the cache file name if it is there and sound (header, key, size,
   owner, mode): its map (size in *size, identity in *st), or NULL. */
static const uint8_t *map_file(const char *name, const PCKey *key, size_t *size, struct stat *st)
{
    int fd = open(name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return NULL;
    if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode) || st->st_uid != getuid() ||
        (st->st_mode & 022) || (size_t)st->st_size < sizeof(PCHeader) ||
        st->st_size > PC_FILE_MAX * 2) {
        close(fd);
        return NULL;
    }
    /* (populated: see the top of the file) */
    size_t sz = (size_t)st->st_size;
    void *m = big_file(sz) ? read_huge(fd, sz)
                                : mmap(NULL, sz, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    close(fd);
    if (m == MAP_FAILED)
        return NULL;
    const PCHeader *h = m;
    if (memcmp(h->magic, PC_MAGIC, 8) || h->version != PC_VERSION || h->file_size != sz ||
        memcmp(&h->key, key, sizeof(PCKey)) ||
        header_check(h) != h->check || h->nb_buckets == 0 || (h->nb_buckets & (h->nb_buckets - 1)) ||
        sizeof(PCHeader) + (uint64_t)h->nb_buckets * sizeof(PCBucket) > sz) {
        unmap_file(m, sz);
        return NULL;
    }
    *size = sz;
    return m;
}

/* Map r's file if it is there and sound. */
static void region_open(Region *r)
{
    r->fstate = F_NONE;
    char name[4200];
    PCKey key;
    struct stat st;
    region_key(r, &key);
    file_name(&key, name, sizeof(name));
    r->map = map_file(name, &key, &r->map_size, &st);
    if (r->map) {
        r->map_dev = (uint64_t)st.st_dev;
        r->map_ino = (uint64_t)st.st_ino;
        r->fstate = F_MAPPED;
        r->map_forks = big_file(r->map_size); /* anonymous (read_huge) */
    }
}

/* The entry at offset off of a mapped file if its bounds are sane (its
   checksum is not checked here). */
static const PCEntry *entry_at(const uint8_t *map, size_t map_size, uint32_t off)
{
    if (off < sizeof(PCHeader) || (off & 7) || (uint64_t)off + sizeof(PCEntry) > map_size)
        return NULL;
    const PCEntry *e = (const PCEntry *)(map + off);
    /* A hole: strictly inside a plain TB's range (pcache_record). */
    if (e->hole_len ? e->region || e->hole_off == 0 || (uint64_t)e->hole_off + e->hole_len >= e->size
                    : e->hole_off != 0)
        return NULL;
    uint64_t need = entry_len(e->size - e->hole_len, e->icount, e->nb_relocs, e->nb_pins, e->code_size,
                              e->site_len);
    if (e->total_len != need || (uint64_t)off + need > map_size || e->icount == 0 ||
        e->lo > e->pc || e->pc - e->lo >= e->size || (!e->region && e->lo != e->pc) ||
        e->nb_pins > TCG_MAX_PINS || (!e->region && e->nb_pins) ||
        e->icount > PC_MAX_ICOUNT || e->code_size == 0 || e->code_size >= 0xffff || e->size == 0)
        return NULL;
    for (int n = 0; n < TB_JMP_SLOTS; n++)
        if (e->jmp_field[n] != 0xffff &&
            ((uint32_t)e->jmp_field[n] + 4 > e->code_size || e->jmp_reset[n] > e->code_size))
            return NULL;
    return e;
}

static uint64_t entry_check(const PCEntry *e)
{
    PCEntry h = *e;
    h.check = 0;
    if (have_crc32) {
        uint64_t c = crc_bytes(&h, sizeof(h), 3);
        return crc_bytes((const uint8_t *)(e + 1), e->total_len - sizeof(PCEntry), c);
    }
    uint64_t c = hash_bytes(&h, sizeof(h), 3);
    return hash_bytes((const uint8_t *)(e + 1), e->total_len - sizeof(PCEntry), c);
}

static uint32_t file_entries(const uint8_t *map);

static const PCEntry *file_find(const Region *r, uint32_t pc, uint32_t cs_base, uint32_t flags,
                                bool region)
{
    const PCHeader *h = (const PCHeader *)r->map;
    const PCBucket *b = (const PCBucket *)(r->map + sizeof(PCHeader));
    unsigned i = key_bucket(pc, cs_base, flags, region, h->nb_buckets);
    for (uint32_t n = 0; n < h->nb_buckets; n++, i = (i + 1) & (h->nb_buckets - 1)) {
        if (b[i].off == 0)
            return NULL;
        if (b[i].pc != pc)
            continue;
        const PCEntry *e = entry_at(r->map, r->map_size, b[i].off);
        if (e && e->pc == pc && e->cs_base == cs_base && e->flags == flags &&
            (e->region != 0) == region)
            return e;
    }
    return NULL;
}

extern const void *tcg_epilogue_addr(void);
/* mimic's own text (linker symbols): helper addresses are stored relative
   to its start. */
extern char __executable_start[], etext[];

void pcache_tbs_flushed(void)
{
    if (!nb_retired)
        return;
    pthread_mutex_lock(&pc_lock);
    for (unsigned i = 0; i < nb_retired; i++)
        unmap_file(retired[i].map, retired[i].size);
    nb_retired = 0;
    for (int i = 0; i < nb_regions; i++)
        regions[i].map_used = false;
    pthread_mutex_unlock(&pc_lock);
}

/* The env offset of one of the globals, of that width (a cached region's
   pinned globals and fault-site entries).  A warm python3 asks ~400,000
   times (every fault site of every TB it loads), so the answers for the
   offsets below GLOBAL_OK_OFFS (every guest's globals, so far) are a table
   of two bits an offset (32-bit, 64-bit), made once for each set of
   globals (TCGContext.globals_gen; under pc_lock). */
#define GLOBAL_OK_OFFS 16384
static uint8_t global_ok_tab[GLOBAL_OK_OFFS / 4];
static uint32_t global_ok_gen;

static bool global_ok(unsigned off, bool w64)
{
    const TCGContext *c = &tcg_ctx;
    if (off >= GLOBAL_OK_OFFS) {
        for (int i = 0; i < c->nb_globals; i++)
            if (c->temps[i].kind == TEMP_GLOBAL && c->temps[i].mem_offset == (intptr_t)off &&
                (c->temps[i].type == TCG_I64) == w64)
                return true;
        return false;
    }
    if (global_ok_gen != c->globals_gen) {
        memset(global_ok_tab, 0, sizeof(global_ok_tab));
        for (int i = 0; i < c->nb_globals; i++) {
            intptr_t o = c->temps[i].mem_offset;
            if (c->temps[i].kind == TEMP_GLOBAL && o >= 0 && o < GLOBAL_OK_OFFS)
                global_ok_tab[o >> 2] |= (uint8_t)(1u << ((o & 3) * 2 + (c->temps[i].type == TCG_I64)));
        }
        global_ok_gen = c->globals_gen;
    }
    return global_ok_tab[off >> 2] >> ((off & 3) * 2 + w64) & 1;
}

/* A cached region's pinned global: one of the registers the backend pins
   (tcg/x86/regalloc.c, pin_order; tcg_restore_pins reads them from a
   fault's context) and the env offset of one of the globals. */
static bool tcg_pin_ok(int reg, unsigned off, unsigned w64)
{
    if (reg < 0 || reg > 15 || !(X86_PIN_REGS >> reg & 1) || w64 > 1)
        return false;
    return global_ok(off, w64 == 1);
}

int pcache_load(TranslationBlock *tb, bool region, uint8_t **code_ptr, uint8_t *code_end)
{
    if (!enabled || !configured)
        return 0;
    pthread_mutex_lock(&pc_lock);
    int ret = 0;
    Region *r = region_of(tb->pc, 1);
    if (!r)
        goto out;
    if (r->fstate == F_UNOPENED) {
        region_open(r);
        /* Its TBs are checked against the guest bytes, all over the
           region: its pages present in one call (the file's pages, from
           the page cache: ~0.25 us a page) rather than a fault (~25 us)
           per 16 pages.  A hint. */
        if (r->fstate == F_MAPPED) {
            madvise((void *)((uintptr_t)g2h(r->start) & ~(uintptr_t)4095), r->end - r->start,
                    MADV_POPULATE_READ);
            tb_hash_reserve(file_entries(r->map));
        }
    }
    if (r->fstate != F_MAPPED)
        goto out;
    const PCEntry *e = file_find(r, tb->pc, tb->cs_base, tb->flags, region);
    if (!e || e->lo < r->start || (uint64_t)e->lo + e->size > r->end || e->lo > tb->pc ||
        (!region && e->lo != tb->pc) || entry_check(e) != e->check)
        goto out;
    /* The guest bytes it was made from must be what is there now. */
    PCParts parts = entry_parts(e);
    uint32_t after = e->hole_off + e->hole_len; /* (entry_at checked the hole) */
    if (!guest_range_ok(e->lo, e->size, PAGE_READ) || memcmp(g2h(e->lo), parts.bytes, e->hole_off) ||
        memcmp(g2h(e->lo + after), parts.bytes + e->hole_off, e->size - after))
        goto out;
    const TCGInsnRecord *ir = parts.ir;
    const PCReloc *rl = parts.rl;
    const uint8_t *code = parts.code;
    for (unsigned i = 0; i < e->nb_pins; i++)
        if (!tcg_pin_ok(parts.pins[i].reg, parts.pins[i].off, parts.pins[i].w64))
            goto out;
    uint32_t site_off = e->site_len ? (e->code_size + 3) & ~3u : 0;
    if (e->site_len && !tcg_sites_ok(code + site_off, e->site_len, e->code_size, global_ok))
        goto out;
    size_t blob = (size_t)blob_len(e->code_size, e->site_len);
    uint8_t *dst = (uint8_t *)(((uintptr_t)*code_ptr + 15) & ~(uintptr_t)15);
    if (dst > code_end || (size_t)(code_end - dst) < blob + 64) {
        ret = -1;
        goto out;
    }
    /* Check every relocation before writing anything. */
    for (unsigned i = 0; i < e->nb_relocs; i++) {
        uint32_t w = rl[i].kind == RELOC_ABS64 || rl[i].kind == RELOC_TB_IMM64 ? 8 : 4;
        if ((uint64_t)rl[i].off + w > e->code_size || rl[i].kind < RELOC_CALL_REL32 ||
            rl[i].kind > RELOC_TB_IMM64 || (rl[i].kind == RELOC_TB_IMM64 && rl[i].target > 3))
            goto out;
        int64_t d = 0;
        if ((rl[i].kind == RELOC_CALL_REL32 || rl[i].kind == RELOC_ABS64) &&
            rl[i].target >= (uintptr_t)etext - (uintptr_t)__executable_start)
            goto out; /* not inside the text */
        if (rl[i].kind == RELOC_CALL_REL32)
            d = (int64_t)(rl[i].target + (uintptr_t)__executable_start) -
                (int64_t)(uintptr_t)(dst + rl[i].off + 4);
        else if (rl[i].kind == RELOC_EPI_REL32)
            d = (int64_t)(uintptr_t)tcg_epilogue_addr() - (int64_t)(uintptr_t)(dst + rl[i].off + 4);
        if (d != (int32_t)d)
            goto out; /* out of rel32 range from here: translate instead */
    }
    memcpy(dst, code, blob);
    for (unsigned i = 0; i < e->nb_relocs; i++) {
        uint8_t *site = dst + rl[i].off;
        if (rl[i].kind == RELOC_CALL_REL32 || rl[i].kind == RELOC_EPI_REL32) {
            uint64_t t = rl[i].kind == RELOC_CALL_REL32 ? rl[i].target + (uintptr_t)__executable_start
                                                        : (uintptr_t)tcg_epilogue_addr();
            int32_t d = (int32_t)((int64_t)t - (int64_t)(uintptr_t)(site + 4));
            memcpy(site, &d, 4);
        } else if (rl[i].kind == RELOC_ABS64) {
            uint64_t t = rl[i].target + (uintptr_t)__executable_start;
            memcpy(site, &t, 8);
        } else {
            uint64_t t = (uintptr_t)tb | rl[i].target;
            memcpy(site, &t, 8);
        }
    }
    __builtin___clear_cache((char *)dst, (char *)dst + e->code_size);
    tb->insns = (TCGInsnRecord *)ir; /* read only: see the top */
    r->map_used = true;
    tb->code = dst;
    tb->code_size = e->code_size;
    tb->site_off = site_off;
    tb->lo = e->lo;
    tb->size = e->size;
    tb->icount = e->icount;
    tb->region = e->region;
    tb->nb_pins = e->nb_pins;
    tb->pin_w64 = 0;
    for (unsigned i = 0; i < e->nb_pins; i++) {
        tb->pin_reg[i] = parts.pins[i].reg;
        tb->pin_off[i] = parts.pins[i].off;
        tb->pin_w64 |= (uint8_t)((parts.pins[i].w64 & 1u) << i);
    }
    for (int n = 0; n < TB_JMP_SLOTS; n++) {
        tb->jmp_field[n] = e->jmp_field[n];
        tb->jmp_reset[n] = e->jmp_reset[n];
    }
    uint8_t *next = (uint8_t *)(((uintptr_t)dst + blob + 15) & ~(uintptr_t)15);
    *code_ptr = next <= code_end ? next : code_end;
    pcache_hits++;
    pcache_region_hits += region;
    ret = 1;
out:
    pthread_mutex_unlock(&pc_lock);
    return ret;
}

/* A 64-bit constant that may be a host pointer of this process only: into
   the heap (between the end of mimic's image and the current break) or a
   mapping (above 4 GiB: one that is mapped now; 0x200000000 from a 64-bit
   carry computation is not).  mimic's own image is at a fixed address for
   a build (static, not PIE), so pointers into it stay valid. */
static bool host_pointer_like(uint64_t v, uintptr_t brk_now)
{
    extern char _end[];
    if (v >= (1ull << 32) && v < (1ull << 47)) {
        unsigned char in_core;
        return mincore((void *)(uintptr_t)(v & ~(uint64_t)4095), 1, &in_core) == 0 ||
               errno != ENOMEM; /* ENOMEM: nothing mapped there */
    }
    return v >= (uintptr_t)_end && v < brk_now;
}

static bool rec_reserve(Region *r, size_t n)
{
    if (r->rec_len + n <= r->rec_cap)
        return true;
    if (r->rec_len + n > PC_FILE_MAX || rec_total + n > PC_REC_MAX)
        return false;
    size_t cap = r->rec_cap ? r->rec_cap * 2 : 65536;
    while (cap < r->rec_len + n)
        cap *= 2;
    uint8_t *p = realloc(r->rec, cap);
    if (!p)
        return false;
    r->rec = p;
    r->rec_cap = cap;
    return true;
}

void pcache_record(const TranslationBlock *tb)
{
    TCGContext *s = &tcg_ctx;
    if (!enabled || !configured || s->pc_uncacheable || !tb->size || tb->icount == 0 || tb->icount > PC_MAX_ICOUNT ||
        tb->code_size >= 0xffff || s->nb_insns != tb->icount)
        return;
    /* Only code read from pages the guest cannot write (no JIT, no SMC). */
    uint32_t first = tb->lo >> GUEST_PAGE_BITS, last = (tb->lo + tb->size - 1) >> GUEST_PAGE_BITS;
    for (uint32_t p = first; p <= last; p++)
        if ((page_flags[p] & (PAGE_WRITE | PAGE_WRITE_ORG | PAGE_ANON)) || !(page_flags[p] & PAGE_READ))
            return;
    uintptr_t brk_now = (uintptr_t)sbrk(0);
    for (int i = s->nb_globals; i < s->nb_temps; i++)
        if (s->temps[i].kind == TEMP_CONST && s->temps[i].type == TCG_I64 &&
            host_pointer_like(s->temps[i].val, brk_now))
            return;
    pthread_mutex_lock(&pc_lock);
    Region *r = region_of(tb->lo, tb->size);
    size_t site_len = tb->site_off ? tcg_sites_len(tb->code + tb->site_off) : 0;
    if (site_len > 0xffff)
        goto out;
    /* (a hole only in a plain TB, inside its range: else none) */
    uint32_t hole_off = s->pc_hole_off, hole_len = s->pc_hole_len;
    if (tb->region || !hole_len || !hole_off || (uint64_t)hole_off + hole_len >= tb->size)
        hole_off = hole_len = 0;
    size_t len = (size_t)entry_len(tb->size - hole_len, tb->icount, (uint64_t)s->nb_relocs, tb->nb_pins,
                                   tb->code_size, site_len);
    if (!r || !rec_reserve(r, len))
        goto out;
    uint8_t *p = r->rec + r->rec_len;
    memset(p, 0, len);
    PCEntry *e = (PCEntry *)p;
    e->pc = tb->pc;
    e->cs_base = tb->cs_base;
    e->flags = tb->flags;
    e->lo = tb->lo;
    e->size = tb->size;
    e->hole_off = hole_off;
    e->hole_len = hole_len;
    e->region = tb->region;
    e->nb_pins = tb->nb_pins;
    e->site_len = (uint16_t)site_len;
    e->icount = tb->icount;
    e->nb_relocs = (uint16_t)s->nb_relocs;
    e->code_size = tb->code_size;
    for (int n = 0; n < TB_JMP_SLOTS; n++) {
        e->jmp_field[n] = tb->jmp_field[n];
        e->jmp_reset[n] = tb->jmp_reset[n];
    }
    e->total_len = (uint32_t)len;
    uint8_t *q = (uint8_t *)(e + 1);
    memcpy(q, g2h(tb->lo), hole_off);
    memcpy(q + hole_off, g2h(tb->lo + hole_off + hole_len), tb->size - hole_off - hole_len);
    q += pad8(tb->size - hole_len);
    memcpy(q, tb->insns, tb->icount * sizeof(TCGInsnRecord));
    q += tb->icount * sizeof(TCGInsnRecord);
    PCReloc *rl = (PCReloc *)q;
    for (int i = 0; i < s->nb_relocs; i++) {
        const TCGReloc *t = &s->relocs[i];
        if (t->site < tb->code || t->site >= tb->code + tb->code_size)
            goto out; /* not in this TB's code (cannot happen) */
        rl[i].off = (uint32_t)(t->site - tb->code);
        rl[i].kind = t->kind;
        rl[i].target = t->target;
        if (t->kind == RELOC_CALL_REL32 || t->kind == RELOC_ABS64) {
            /* A helper: kept as its offset in mimic's text (the same in
               every run of one build, wherever the text is loaded). */
            if (t->target < (uintptr_t)__executable_start || t->target >= (uintptr_t)etext)
                goto out; /* a function outside mimic's own text (a library) */
            rl[i].target = t->target - (uintptr_t)__executable_start;
        }
    }
    q += (size_t)s->nb_relocs * sizeof(PCReloc);
    PCPin *pin = (PCPin *)q;
    for (int i = 0; i < tb->nb_pins; i++) {
        pin[i].reg = tb->pin_reg[i];
        pin[i].w64 = (uint8_t)(tb->pin_w64 >> i & 1);
        pin[i].off = tb->pin_off[i];
    }
    q += pad8(tb->nb_pins * sizeof(PCPin));
    memcpy(q, tb->code, tb->code_size);
    if (site_len)
        memcpy(q + tb->site_off, tb->code + tb->site_off, site_len);
    /* Unchained jumps: the goto_tb fields as the backend left them (a
       chain may already be patched in when recording is late; reset). */
    for (int n = 0; n < TB_JMP_SLOTS; n++) {
        if (e->jmp_field[n] != 0xffff) {
            int32_t d = (int32_t)e->jmp_reset[n] - (int32_t)(e->jmp_field[n] + 4);
            memcpy(q + e->jmp_field[n], &d, 4);
        }
    }
    e->check = entry_check(e);
    r->rec_len += len;
    rec_total += len;
    r->nb_rec++;
    r->nb_rec_plain += !tb->region;
out:
    pthread_mutex_unlock(&pc_lock);
}

/* ---- saving ---- */


typedef struct Ent {
    const PCEntry *e;
} Ent;

/* Delete the oldest cache files while the directory holds more than
   PC_DIR_MAX bytes; stale temporary files (a crashed writer) go too. */
static void evict(void)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct F { char name[64]; time_t mtime; off_t size; } *fs = NULL;
    size_t n = 0, cap = 0;
    uint64_t total = 0;
    time_t now = time(NULL);
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t l = strlen(de->d_name);
        bool tbc = l > 4 && !strcmp(de->d_name + l - 4, ".tbc");
        bool tmp = strstr(de->d_name, ".tbc.tmp") != NULL;
        if ((!tbc && !tmp) || l >= 64)
            continue;
        struct stat st;
        if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
            continue;
        if (tmp) {
            if (now - st.st_mtime > 3600)
                unlinkat(dirfd(d), de->d_name, 0);
            continue;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            struct F *nf = realloc(fs, cap * sizeof(*fs));
            if (!nf)
                break;
            fs = nf;
        }
        snprintf(fs[n].name, sizeof(fs[n].name), "%s", de->d_name);
        fs[n].mtime = st.st_mtime;
        fs[n].size = st.st_size;
        total += (uint64_t)st.st_size;
        n++;
    }
    while (total > PC_DIR_MAX && n > 0) {
        size_t old = 0;
        for (size_t i = 1; i < n; i++)
            if (fs[i].mtime < fs[old].mtime)
                old = i;
        unlinkat(dirfd(d), fs[old].name, 0);
        total -= (uint64_t)fs[old].size;
        fs[old] = fs[--n];
    }
    free(fs);
    closedir(d);
}

static bool write_all(int fd, const void *p, size_t n)
{
    const uint8_t *b = p;
    while (n) {
        ssize_t w = write(fd, b, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        b += w;
        n -= (size_t)w;
    }
    return true;
}

/* The entries of a new file being put together: no two with one key. */
typedef struct Merge {
    Ent *v;
    uint32_t *slot_of; /* v[k]'s bucket */
    PCBucket *buckets; /* off: index in v + 1 until the offsets are known */
    size_t n, cap;
    uint32_t nb;   /* buckets (a power of two, at least twice cap) */
    uint64_t size; /* of the file so far */
} Merge;

/* Add e unless an entry with its key is there already (the first source
   wins) or the file would grow past PC_FILE_MAX. */
static void merge_add(Merge *m, const PCEntry *e)
{
    if (m->n >= m->cap || m->size + e->total_len > PC_FILE_MAX)
        return;
    unsigned i = key_bucket(e->pc, e->cs_base, e->flags, e->region != 0, m->nb);
    while (m->buckets[i].off) {
        const PCEntry *o = m->v[m->buckets[i].off - 1].e;
        if (o->pc == e->pc && o->cs_base == e->cs_base && o->flags == e->flags &&
            (o->region != 0) == (e->region != 0))
            return;
        i = (i + 1) & (m->nb - 1);
    }
    m->v[m->n].e = e;
    m->buckets[i].off = (uint32_t)(m->n + 1);
    m->buckets[i].pc = e->pc;
    m->slot_of[m->n] = i;
    m->size += e->total_len;
    m->n++;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Add the sound entries of a mapped file (corrupt ones are dropped here),
   in the file's order: that is the order the first process made them in,
   which the next ones mostly follow, so a warm process reads the file
   front to back rather than all over it (bucket order is a hash's).
   Without memory for the sort, bucket order. */
static void merge_file(Merge *m, const uint8_t *map, size_t map_size)
{
    const PCHeader *h = (const PCHeader *)map;
    const PCBucket *b = (const PCBucket *)(map + sizeof(PCHeader));
    uint32_t *offs = malloc((size_t)h->nb_buckets * sizeof(*offs));
    uint32_t n = 0;
    for (uint32_t i = 0; i < h->nb_buckets; i++) {
        if (!b[i].off)
            continue;
        if (offs) {
            offs[n++] = b[i].off;
            continue;
        }
        const PCEntry *e = entry_at(map, map_size, b[i].off);
        if (e && entry_check(e) == e->check)
            merge_add(m, e);
    }
    if (!offs)
        return;
    qsort(offs, n, sizeof(*offs), cmp_u32);
    for (uint32_t i = 0; i < n; i++) {
        const PCEntry *e = entry_at(map, map_size, offs[i]);
        if (e && entry_check(e) == e->check)
            merge_add(m, e);
    }
    free(offs);
}

static uint32_t file_entries(const uint8_t *map)
{
    const PCHeader *h = (const PCHeader *)map;
    return h->nb_entries < h->nb_buckets ? h->nb_entries : h->nb_buckets;
}

/* Write r's file: its new entries, then those of the file now under its
   name if another process renamed one in since r's was mapped (so that the
   translations of successive and concurrent processes accumulate), then
   those of r's own map; the first of equal keys wins. */
static void region_save(Region *r)
{
    if (r->fstate == F_UNOPENED)
        region_open(r);
    const uint8_t *own = r->fstate == F_MAPPED ? r->map : NULL;
    char name[4200], tmp[4300];
    PCHeader h;
    memset(&h, 0, sizeof(h));
    region_key(r, &h.key);
    file_name(&h.key, name, sizeof(name));
    /* The file on disk, if it is not the one mapped. */
    const uint8_t *disk = NULL;
    size_t disk_size = 0;
    struct stat st;
    if (stat(name, &st) == 0 && (!own || (uint64_t)st.st_dev != r->map_dev ||
                                 (uint64_t)st.st_ino != r->map_ino))
        disk = map_file(name, &h.key, &disk_size, &st);

    Merge m = { 0 };
    m.cap = r->nb_rec + 16 + (own ? file_entries(own) : 0) + (disk ? file_entries(disk) : 0);
    m.nb = 16;
    while (m.nb < 2 * m.cap)
        m.nb *= 2;
    m.v = malloc(m.cap * sizeof(*m.v));
    m.buckets = calloc(m.nb, sizeof(*m.buckets));
    m.slot_of = malloc(m.cap * sizeof(*m.slot_of));
    if (!m.v || !m.buckets || !m.slot_of)
        goto done;
    m.size = sizeof(PCHeader) + (uint64_t)m.nb * sizeof(PCBucket);
    for (const uint8_t *p = r->rec; p < r->rec + r->rec_len; p += ((const PCEntry *)p)->total_len)
        merge_add(&m, (const PCEntry *)p);
    if (disk)
        merge_file(&m, disk, disk_size);
    if (own)
        merge_file(&m, own, r->map_size);
    if (m.n == 0)
        goto done;
    /* Offsets in the new file. */
    uint64_t off = sizeof(PCHeader) + (uint64_t)m.nb * sizeof(PCBucket);
    for (size_t k = 0; k < m.n; k++) {
        m.buckets[m.slot_of[k]].off = (uint32_t)off;
        off += m.v[k].e->total_len;
    }
    memcpy(h.magic, PC_MAGIC, 8);
    h.version = PC_VERSION;
    h.nb_entries = (uint32_t)m.n;
    h.nb_buckets = m.nb;
    h.file_size = off;
    h.check = header_check(&h);

    snprintf(tmp, sizeof(tmp), "%s.tmp.XXXXXX", name);
    int fd = mkostemp(tmp, O_CLOEXEC);
    if (fd < 0)
        goto done;
    bool ok = fchmod(fd, 0600) == 0 && write_all(fd, &h, sizeof(h)) &&
              write_all(fd, m.buckets, (size_t)m.nb * sizeof(PCBucket));
    /* The entries, many per system call. */
    for (size_t k = 0; ok && k < m.n;) {
        struct iovec iov[256];
        int c = 0;
        size_t bytes = 0;
        for (; k < m.n && c < 256; k++, c++) {
            iov[c].iov_base = (void *)m.v[k].e;
            iov[c].iov_len = m.v[k].e->total_len;
            bytes += m.v[k].e->total_len;
        }
        ssize_t w = writev(fd, iov, c);
        if (w != (ssize_t)bytes) {
            /* short write: finish this batch the slow way */
            size_t done = w > 0 ? (size_t)w : 0;
            for (int i = 0; ok && i < c; i++) {
                size_t l = iov[i].iov_len;
                if (done >= l) {
                    done -= l;
                    continue;
                }
                ok = write_all(fd, (const uint8_t *)iov[i].iov_base + done, l - done);
                done = 0;
            }
        }
    }
    if (close(fd) != 0)
        ok = false;
    if (ok && rename(tmp, name) == 0)
        pcache_saved += r->nb_rec;
    else
        unlink(tmp);
done:
    if (disk)
        unmap_file(disk, disk_size);
    free(m.v);
    free(m.buckets);
    free(m.slot_of);
}

/* Saves into the directory take turns (flock on the directory), so each
   merges the file the one before renamed in.  A bounded wait (a writer
   stopped while it holds the lock must not hang every exit): after it the
   save goes on unlocked, still safe (rename is atomic), only a concurrent
   writer's additions may be lost.  Returns the descriptor to close (which
   unlocks), or -1. */
static int lock_dir(void)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    for (int i = 0; i < 400; i++) {
        if (flock(fd, LOCK_EX | LOCK_NB) == 0)
            return fd;
        if (errno != EWOULDBLOCK && errno != EINTR)
            break;
        struct timespec ts = { 0, 1000000 }; /* 1 ms */
        nanosleep(&ts, NULL);
    }
    close(fd);
    return -1;
}

void pcache_save(void)
{
    if (!enabled || !configured)
        return;
    pthread_mutex_lock(&pc_lock);
    bool wrote = false;
    int lock_fd = -1;
    for (int i = 0; i < nb_regions; i++) {
        Region *r = &regions[i];
        if (r->nb_rec) {
            /* A few new TBs do not justify rewriting a big file: they
               are translated again next time instead.  A small file is
               rewritten: the TBs only a shell's forked children reach
               (translated in every child, where translating is slow: its
               first writes to the translator's state are copy-on-write
               faults) are saved by the first child, then loaded.  So is
               a file of up to PC_REWRITE_PER_TB a new plain TB: in a
               fresh process the first TBs translated cost ~25-50 us each
               (the translator's code and state are first touched, a page
               fault a page), in a forked child the first one ~0.3 ms
               (copy-on-write faults of the translator's state), writing a
               file ~1 ms a MiB, and the TBs a program's every run
               translates again are saved once.  New hot regions do not
               count: where a region forms depends on the run (which loop
               gets hot first; python3's hashing is seeded per process),
               so each warm python3 -c made ~20 new ones and rewrote its
               21 MB file for them (~25 ms of a ~110 ms run), and the next
               run mostly formed others.  They are saved with the next
               rewrite. */
            if (r->fstate == F_UNOPENED)
                region_open(r);
            const PCHeader *oh = r->fstate == F_MAPPED ? (const PCHeader *)r->map : NULL;
            unsigned plain = r->nb_rec_plain;
            if (!oh || oh->file_size <= PC_SMALL_FILE || plain >= 64 || plain * 32u >= oh->nb_entries ||
                oh->file_size <= (uint64_t)plain * PC_REWRITE_PER_TB) {
                if (!wrote)
                    lock_fd = lock_dir();
                region_save(r);
                wrote = true;
            }
        }
        /* Saved (or not to be): not again at a later exit or exec. */
        free(r->rec);
        r->rec = NULL;
        r->rec_len = r->rec_cap = 0;
        r->nb_rec = r->nb_rec_plain = 0;
    }
    rec_total = 0;
    if (wrote)
        evict();
    if (lock_fd >= 0)
        close(lock_fd);
    pthread_mutex_unlock(&pc_lock);
}
