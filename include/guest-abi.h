/*
 * The guest ABI layer (issue 6, /work/notes/abi-api.md).
 *
 * Every guest datum that the Linux layer reads or writes crosses here:
 *   1. byte-order-aware accessors (this section): a guest's 16/32/64-bit
 *      value in guest byte order, on a host buffer holding guest-format
 *      bytes (ld/st_guest_*) or at a guest address (get/put_guest_*);
 *   2. structure layouts and constants per target (generated from the cross
 *      compilers into syscall-tables/);
 *   3. value maps (errno, signal numbers, flag groups) built from 2.
 *
 * guest_bswap is true when the guest's byte order differs from the host's
 * (x86-64 host: PowerPC and SPARC guests).  It is set once at start-up from
 * TargetOps.big_endian (guest_order_init) and never changes while guest code
 * runs, so the test in each accessor is a well-predicted branch.
 *
 * 64-bit values in guest memory are plain 64-bit integers in guest byte
 * order: on a big-endian guest the high 32-bit word comes first.
 */
#ifndef MIMIC_GUEST_ABI_H
#define MIMIC_GUEST_ABI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "guest.h"

/* ---- 1. Byte-order-aware accessors (no layout knowledge) ---- */

extern bool guest_bswap;

/* Set guest_bswap for a guest of the given byte order (the host is
   little-endian x86-64). */
void guest_order_init(bool guest_big_endian);

/* On host buffers that hold guest-format bytes: unaligned-safe. */
static inline uint16_t ld_guest_u16(const void *p)
{
    uint16_t v;
    memcpy(&v, p, sizeof v);
    return guest_bswap ? __builtin_bswap16(v) : v;
}

static inline uint32_t ld_guest_u32(const void *p)
{
    uint32_t v;
    memcpy(&v, p, sizeof v);
    return guest_bswap ? __builtin_bswap32(v) : v;
}

static inline uint64_t ld_guest_u64(const void *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof v);
    return guest_bswap ? __builtin_bswap64(v) : v;
}

static inline void st_guest_u16(void *p, uint16_t v)
{
    if (guest_bswap)
        v = __builtin_bswap16(v);
    memcpy(p, &v, sizeof v);
}

static inline void st_guest_u32(void *p, uint32_t v)
{
    if (guest_bswap)
        v = __builtin_bswap32(v);
    memcpy(p, &v, sizeof v);
}

static inline void st_guest_u64(void *p, uint64_t v)
{
    if (guest_bswap)
        v = __builtin_bswap64(v);
    memcpy(p, &v, sizeof v);
}

/* On guest addresses, unchecked: the caller validated the range
   (guest_ok_read / guest_ok_write). */
static inline uint16_t get_guest_u16(uint32_t a) { return ld_guest_u16(g2h(a)); }
static inline uint32_t get_guest_u32(uint32_t a) { return ld_guest_u32(g2h(a)); }
static inline uint64_t get_guest_u64(uint32_t a) { return ld_guest_u64(g2h(a)); }
static inline void put_guest_u16(uint32_t a, uint16_t v) { st_guest_u16(g2h(a), v); }
static inline void put_guest_u32(uint32_t a, uint32_t v) { st_guest_u32(g2h(a), v); }
static inline void put_guest_u64(uint32_t a, uint64_t v) { st_guest_u64(g2h(a), v); }

/* ---- 2. Layouts and constants ------------------------------------------------- */

/* clang-format off */
enum {
#define ABI_STRUCT(name, ctype, hdr) GS_##name,
#include "syscall-tables/abi.def"
    GS_COUNT
};
enum {
#define ABI_FIELD(s, f) GF_##s##_##f,
#define ABI_FIELDX(s, f, expr) GF_##s##_##f,
#include "syscall-tables/abi.def"
    GF_COUNT
};
enum {
#define ABI_CONST(n, hdr) GC_##n,
#define ABI_ENUM(g, n, hdr) GC_##n,
#define ABI_FLAG(g, n, hdr) GC_##n,
#define ABI_MFLAG(g, n, m, hdr) GC_##n,
#include "syscall-tables/abi.def"
    GC_COUNT
};
enum {
#define ABI_GROUP(g, kind) GG_##g,
#include "syscall-tables/abi.def"
    GG_COUNT
};
/* clang-format on */

#define ABI_UNDEF INT64_MIN

typedef struct GuestAbiStruct {
    uint16_t size, align; /* size 0: the target has no such struct */
} GuestAbiStruct;

/* What a field is: abi_put/abi_get handle INT and PTR fields; ARRAY fields
   are elem_size-byte elements from abi_offset (e.g. sa_mask: 32-bit words,
   low word first, each in guest byte order); RECORD fields are embedded
   structs or unions (their members have their own ABI_FIELDX lines). */
enum { ABI_K_INT, ABI_K_PTR, ABI_K_ARRAY, ABI_K_RECORD };

typedef struct GuestAbiField {
    uint16_t offset;
    uint16_t size;     /* bytes (whole array for arrays; 0 if flexible or absent) */
    uint8_t is_signed; /* integer type that is signed */
    uint8_t present;
    uint8_t kind;      /* ABI_K_* */
    uint8_t elem_size; /* ABI_K_ARRAY: bytes per element */
} GuestAbiField;

typedef struct GuestAbi {
    const char *name; /* "arm", "i386", "ppc", "sparc", "host" */
    bool big_endian;
    uint8_t long_size;
    GuestAbiStruct structs[GS_COUNT];
    GuestAbiField fields[GF_COUNT];
    int64_t consts[GC_COUNT];
} GuestAbi;

extern const GuestAbi abi_arm, abi_i386, abi_ppc, abi_sparc, abi_host;

/* The running target's ABI (set at start-up; abi_arm until then). */
extern const GuestAbi *guest_abi;
/* Select the target's ABI: sets guest_abi and guest_bswap, builds the maps. */
void guest_abi_select(const GuestAbi *abi);

static inline size_t abi_size(int gs) { return guest_abi->structs[gs].size; }
static inline size_t abi_align(int gs) { return guest_abi->structs[gs].align; }
static inline bool abi_has(int gf) { return guest_abi->fields[gf].present; }
static inline size_t abi_offset(int gf) { return guest_abi->fields[gf].offset; }
static inline size_t abi_field_size(int gf) { return guest_abi->fields[gf].size; }
static inline int64_t abi_const(int gc) { return guest_abi->consts[gc]; }

/* Store v into the field (its size, guest byte order) of the guest-format
   struct at buf.  A field the target lacks is a no-op.  Only for fields of
   1, 2, 4 or 8 bytes (aborts on others: copy arrays with abi_offset). */
void abi_put(void *buf, int gf, uint64_t v);
/* Read a field: zero- or sign-extended per its type; 0 if absent. */
uint64_t abi_get(const void *buf, int gf);

/* Same, against an explicit ABI (tests, tools). */
void abi_put_in(const GuestAbi *abi, void *buf, int gf, uint64_t v);
uint64_t abi_get_in(const GuestAbi *abi, const void *buf, int gf);

#define ABI_SIZE(s) abi_size(GS_##s)
#define ABI_HAS(s, f) abi_has(GF_##s##_##f)
#define ABI_OFF(s, f) abi_offset(GF_##s##_##f)
#define ABI_PUT(b, s, f, v) abi_put(b, GF_##s##_##f, v)
#define ABI_GET(b, s, f) abi_get(b, GF_##s##_##f)
#define ABI_C(name) abi_const(GC_##name)

/* ---- Data-driven struct converters (host struct <-> guest layout) ---------------- */

/* One field: the guest field gf and a host struct member. */
typedef struct AbiHostField {
    int16_t gf;
    uint16_t host_off;
    uint8_t host_size, host_signed;
} AbiHostField;

#define ABI_HOST_FIELD(s, f, htype, hmember)                                                        \
    { GF_##s##_##f, offsetof(htype, hmember), sizeof(((htype *)0)->hmember),                      \
      ABI_IS_SIGNED_(((htype *)0)->hmember) }
/* (-1 of the type shifted down to its sign bit: -1 if signed, 1 if not;
   no "unsigned < 0" warning.) */
#define ABI_IS_SIGNED_(x) ((((__typeof__(x))-1) >> (8 * sizeof(x) - 1)) != 1)

/* A host struct type <-> guest struct gs, field by field.  Guest fields
   the target lacks are skipped; guest bytes no row covers are zero after
   abi_to_guest.  Register maps in abi_host_maps[] (linux-user/abi-maps.c):
   tests/unit/test-abi-layout then checks each one against every cross
   compiler in both directions. */
typedef struct AbiHostMap {
    const char *name; /* "stat64 <- struct stat" */
    int gs;
    size_t host_size;
    const AbiHostField *fields;
    size_t n_fields;
    /* Optional hand-written converters (for the running guest_abi).  When
       set, abi_to_guest / abi_to_host call them instead of applying the
       rows, and the rows only tell the test which host member feeds which
       guest field. */
    void (*to_guest)(void *guest, const void *host);
    void (*to_host)(void *host, const void *guest);
} AbiHostMap;

#define ABI_HOST_MAP(name_, s, htype, rows)                                                         \
    { name_, GS_##s, sizeof(htype), rows, sizeof rows / sizeof rows[0], NULL, NULL }
#define ABI_HOST_MAP_FN(name_, s, htype, rows, to_guest_fn, to_host_fn)                             \
    { name_, GS_##s, sizeof(htype), rows, sizeof rows / sizeof rows[0], to_guest_fn, to_host_fn }

extern const AbiHostMap abi_host_maps[];
extern const size_t abi_n_host_maps;

/* Fill guest (abi_size(m->gs) bytes, zeroed first) from the host struct. */
void abi_to_guest(const AbiHostMap *m, void *guest, const void *host);
/* Store the mapped fields of the guest struct into host (other host
   bytes are left as they are). */
void abi_to_host(const AbiHostMap *m, void *host, const void *guest);
/* The rows only (never the map's functions), for an explicit ABI. */
void abi_to_guest_in(const GuestAbi *abi, const AbiHostMap *m, void *guest, const void *host);
void abi_to_host_in(const GuestAbi *abi, const AbiHostMap *m, void *host, const void *guest);

/* ---- 3. Value maps (host <-> guest by name) ------------------------------------ */

/* Numbers the other side has no name for are returned unchanged. */
int errno_to_guest(int host_errno);
int errno_to_host(int guest_errno);
/* Signal numbers (1.._NSIG; real-time signals by offset from SIGRTMIN).
   Unknown numbers are returned unchanged. */
int signal_to_guest(int host_sig);
int signal_to_host(int guest_sig);

/* Flag groups (GG_open, GG_mmap, GG_prot, GG_sa, GG_sock_type, GG_msg,
   GG_poll, GG_epoll, GG_c_iflag, GG_c_oflag, GG_c_cflag, GG_c_lflag).
   Each known flag (or multi-bit value inside a mask, e.g. O_RDWR in
   O_ACCMODE, B9600 in CBAUD) is translated by name.  Bits that no member of
   the group covers pass through unchanged only when every member of the
   group has the same value on guest and host; otherwise they are dropped.
   A flag the other side lacks is dropped. */
uint32_t abi_flags_to_host(int gg, uint32_t guest_bits);
uint32_t abi_flags_to_guest(int gg, uint32_t host_bits);

/* Value groups (GG_errno, GG_signal, GG_sighow, GG_fcntl, GG_lock_type,
   GG_madvise, GG_af, GG_sol, GG_sockopt, GG_scm, GG_cc, GG_rlimit, GG_ioctl):
   the other side's value of the member with this value, or ABI_UNDEF if no
   member has it (or the other side lacks that member). */
int64_t abi_value_to_host(int gg, int64_t guest_val);
int64_t abi_value_to_guest(int gg, int64_t host_val);

/* The name of a constant ("EPERM"), for messages and tests. */
const char *abi_const_name(int gc);

#endif
