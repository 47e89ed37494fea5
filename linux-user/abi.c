/*
 * The guest ABI layer's run-time part (include/guest-abi.h): field access
 * by the generated layouts, and the host <-> guest value maps built by name
 * from the generated constants (syscall-tables/abi-<target>.c).
 */
#include <stdlib.h>
#include <string.h>
#include "guest-abi.h"

const GuestAbi *guest_abi = &abi_arm;

/* ---- Field access ---------------------------------------------------------- */

void abi_put_in(const GuestAbi *abi, void *buf, int gf, uint64_t v)
{
    const GuestAbiField *f = &abi->fields[gf];
    uint8_t *p = (uint8_t *)buf + f->offset;
    int n = f->size;
    if (!f->present || n == 0)
        return;
    if (n != 1 && n != 2 && n != 4 && n != 8)
        abort(); /* arrays and structs: copy them with abi_offset */
    /* Byte by byte in the ABI's order: works for any ABI, not only the
       running one (tests convert for all of them). */
    for (int i = 0; i < n; i++) {
        int shift = abi->big_endian ? 8 * (n - 1 - i) : 8 * i;
        p[i] = (uint8_t)(v >> shift);
    }
}

uint64_t abi_get_in(const GuestAbi *abi, const void *buf, int gf)
{
    const GuestAbiField *f = &abi->fields[gf];
    const uint8_t *p = (const uint8_t *)buf + f->offset;
    int n = f->size;
    if (!f->present || n == 0)
        return 0;
    if (n != 1 && n != 2 && n != 4 && n != 8)
        abort();
    uint64_t v = 0;
    for (int i = 0; i < n; i++) {
        int shift = abi->big_endian ? 8 * (n - 1 - i) : 8 * i;
        v |= (uint64_t)p[i] << shift;
    }
    if (f->is_signed && n < 8 && (v >> (8 * n - 1)) & 1)
        v |= ~0ull << (8 * n);
    return v;
}

void abi_put(void *buf, int gf, uint64_t v) { abi_put_in(guest_abi, buf, gf, v); }
uint64_t abi_get(const void *buf, int gf) { return abi_get_in(guest_abi, buf, gf); }

/* ---- Host struct <-> guest layout ---------------------------------------------- */

static uint64_t host_load(const uint8_t *p, int n, bool sign)
{
    uint64_t v = 0;
    memcpy(&v, p, (size_t)n); /* the host is little-endian */
    if (sign && n < 8 && (v >> (8 * n - 1)) & 1)
        v |= ~0ull << (8 * n);
    return v;
}

void abi_to_guest_in(const GuestAbi *abi, const AbiHostMap *m, void *guest, const void *host)
{
    memset(guest, 0, abi->structs[m->gs].size);
    for (size_t i = 0; i < m->n_fields; i++) {
        const AbiHostField *f = &m->fields[i];
        uint64_t v = host_load((const uint8_t *)host + f->host_off, f->host_size, f->host_signed);
        abi_put_in(abi, guest, f->gf, v);
    }
}

void abi_to_host_in(const GuestAbi *abi, const AbiHostMap *m, void *host, const void *guest)
{
    for (size_t i = 0; i < m->n_fields; i++) {
        const AbiHostField *f = &m->fields[i];
        if (!abi->fields[f->gf].present)
            continue;
        uint64_t v = abi_get_in(abi, guest, f->gf);
        memcpy((uint8_t *)host + f->host_off, &v, f->host_size);
    }
}

void abi_to_guest(const AbiHostMap *m, void *guest, const void *host)
{
    if (m->to_guest)
        m->to_guest(guest, host);
    else
        abi_to_guest_in(guest_abi, m, guest, host);
}

void abi_to_host(const AbiHostMap *m, void *host, const void *guest)
{
    if (m->to_host)
        m->to_host(host, guest);
    else
        abi_to_host_in(guest_abi, m, host, guest);
}

/* ---- Constants and groups from abi.def ---------------------------------------- */

static const char *const const_names[GC_COUNT] = {
#define ABI_CONST(n, hdr) [GC_##n] = #n,
#define ABI_ENUM(g, n, hdr) [GC_##n] = #n,
#define ABI_FLAG(g, n, hdr) [GC_##n] = #n,
#define ABI_MFLAG(g, n, m, hdr) [GC_##n] = #n,
#include "syscall-tables/abi.def"
};

const char *abi_const_name(int gc) { return gc >= 0 && gc < GC_COUNT ? const_names[gc] : NULL; }

typedef struct GroupMember {
    int16_t group;
    int16_t gc;   /* the member */
    int16_t mask; /* GC_ of its bit field (ABI_MFLAG), or -1 */
} GroupMember;

static const GroupMember members[] = {
#define ABI_ENUM(g, n, hdr) { GG_##g, GC_##n, -1 },
#define ABI_FLAG(g, n, hdr) { GG_##g, GC_##n, -1 },
#define ABI_MFLAG(g, n, m, hdr) { GG_##g, GC_##n, GC_##m },
#include "syscall-tables/abi.def"
};
#define N_MEMBERS (sizeof members / sizeof members[0])

/* Per group: the members' index range in members[] (they are contiguous
   per group in abi.def; checked at select time), and whether every member
   has the same value on both sides (then unknown bits pass through). */
static struct {
    uint16_t first, count;
    bool identical;
} groups[GG_COUNT];

static void build_groups(void)
{
    for (int g = 0; g < GG_COUNT; g++)
        groups[g].count = 0;
    for (size_t i = 0; i < N_MEMBERS; i++) {
        int g = members[i].group;
        if (groups[g].count == 0)
            groups[g].first = (uint16_t)i;
        else if (groups[g].first + groups[g].count != i)
            abort(); /* abi.def: a group's members must be together */
        groups[g].count++;
    }
    for (int g = 0; g < GG_COUNT; g++) {
        bool same = true;
        for (int i = groups[g].first; i < groups[g].first + groups[g].count; i++) {
            int gc = members[i].gc;
            if (guest_abi->consts[gc] != abi_host.consts[gc])
                same = false;
        }
        groups[g].identical = same;
    }
}

/* Value groups: the member whose `from` value is v -> its `to` value. */
static int64_t map_value(int gg, const GuestAbi *from, const GuestAbi *to, int64_t v)
{
    for (int i = groups[gg].first; i < groups[gg].first + groups[gg].count; i++) {
        int gc = members[i].gc;
        if (from->consts[gc] == v && from->consts[gc] != ABI_UNDEF)
            return to->consts[gc];
    }
    return ABI_UNDEF;
}

int64_t abi_value_to_host(int gg, int64_t v) { return map_value(gg, guest_abi, &abi_host, v); }
int64_t abi_value_to_guest(int gg, int64_t v) { return map_value(gg, &abi_host, guest_abi, v); }

/* Flag groups.  Masked values (ABI_MFLAG) first: the field's bits select
   one value.  Then flags, widest first, so that a multi-bit flag (O_SYNC =
   __O_SYNC|O_DSYNC, O_TMPFILE = __O_TMPFILE|O_DIRECTORY) takes its bits
   before the single-bit flag inside it is looked at.  The widest-first order
   and the bits a group knows depend only on the two ABIs, so they are worked
   out once per direction at select time (build_flag_order); a call is then
   one pass over the group (open and mmap flags are mapped on every call). */
enum { TO_HOST, TO_GUEST };
static int16_t flag_order[2][N_MEMBERS]; /* per group: its plain flags, widest first */
static uint16_t flag_count[2][GG_COUNT];
static uint32_t flag_known[2][GG_COUNT];

static const GuestAbi *dir_from(int dir) { return dir == TO_HOST ? guest_abi : &abi_host; }
static const GuestAbi *dir_to(int dir) { return dir == TO_HOST ? &abi_host : guest_abi; }

/* Which groups are flag groups (ABI_GROUP(g, FLAGS)); value groups such
   as errno are never mapped bitwise. */
enum { VALUES, FLAGS };
static const uint8_t group_kind[GG_COUNT] = {
#define ABI_GROUP(g, kind) [GG_##g] = kind,
#include "syscall-tables/abi.def"
};

static void build_flag_order(void)
{
    int8_t width[N_MEMBERS]; /* of order[k]'s `from` value */
    for (int dir = TO_HOST; dir <= TO_GUEST; dir++) {
        const GuestAbi *from = dir_from(dir);
        for (int g = 0; g < GG_COUNT; g++) {
            if (group_kind[g] != FLAGS)
                continue;
            int first = groups[g].first, n = 0;
            int16_t *order = &flag_order[dir][first];
            uint32_t known = 0;
            for (int i = first; i < first + groups[g].count; i++) {
                if (members[i].mask >= 0) {
                    int64_t fm = from->consts[members[i].mask];
                    if (fm != ABI_UNDEF)
                        known |= (uint32_t)fm;
                    continue;
                }
                int64_t fv = from->consts[members[i].gc];
                if (fv == ABI_UNDEF || fv == 0)
                    continue;
                known |= (uint32_t)fv;
                /* Insertion sort by width, stable: equal widths keep
                   abi.def's order. */
                int w = __builtin_popcountll((uint64_t)fv), k = n++;
                while (k > 0 && width[k - 1] < w) {
                    order[k] = order[k - 1];
                    width[k] = width[k - 1];
                    k--;
                }
                order[k] = (int16_t)i;
                width[k] = (int8_t)w;
            }
            flag_count[dir][g] = (uint16_t)n;
            flag_known[dir][g] = known;
        }
    }
}

static uint32_t map_flags(int gg, int dir, uint32_t bits)
{
    const GuestAbi *from = dir_from(dir), *to = dir_to(dir);
    uint32_t out = 0, left = bits;
    int first = groups[gg].first, end = first + groups[gg].count;
    for (int i = first; i < end; i++) {
        if (members[i].mask < 0)
            continue;
        int64_t fm = from->consts[members[i].mask], tm = to->consts[members[i].mask];
        int64_t fv = from->consts[members[i].gc], tv = to->consts[members[i].gc];
        if (fm == ABI_UNDEF)
            continue;
        left &= ~(uint32_t)fm;
        if (fv != ABI_UNDEF && (bits & (uint32_t)fm) == (uint32_t)fv && tv != ABI_UNDEF &&
            tm != ABI_UNDEF) {
            out |= (uint32_t)tv;
        }
    }
    const int16_t *order = &flag_order[dir][first];
    for (int k = 0; k < flag_count[dir][gg]; k++) {
        int gc = members[order[k]].gc;
        uint32_t fv = (uint32_t)from->consts[gc];
        int64_t tv = to->consts[gc];
        if ((left & fv) == fv) {
            left &= ~fv;
            if (tv != ABI_UNDEF)
                out |= (uint32_t)tv;
        }
    }
    if (groups[gg].identical)
        out |= bits & ~flag_known[dir][gg];
    return out;
}

uint32_t abi_flags_to_host(int gg, uint32_t bits) { return map_flags(gg, TO_HOST, bits); }
uint32_t abi_flags_to_guest(int gg, uint32_t bits) { return map_flags(gg, TO_GUEST, bits); }

/* ---- errno and signal numbers: direct tables ------------------------------------ */

/* Every errno value of the host and the guests is below 256 (the largest,
   SPARC's EHWPOISON, is 135): above, the maps are the identity, as they
   are for values neither side names.  (4096 entries made two 8 KiB tables
   that the start-up wrote whole: four page faults, ~15 us each here.) */
#define MAX_ERRNO 256
#define MAX_SIG 65
static int16_t errno_g2h[MAX_ERRNO], errno_h2g[MAX_ERRNO];
static int8_t sig_g2h[MAX_SIG], sig_h2g[MAX_SIG];

static void build_number_maps(void)
{
    for (int i = 0; i < MAX_ERRNO; i++)
        errno_g2h[i] = errno_h2g[i] = (int16_t)i;
    for (int i = 0; i < MAX_SIG; i++)
        sig_g2h[i] = sig_h2g[i] = (int8_t)i;
    /* Walk backwards so that the first member listed wins a shared number. */
    for (int i = groups[GG_errno].first + groups[GG_errno].count - 1; i >= groups[GG_errno].first; i--) {
        int64_t g = guest_abi->consts[members[i].gc], h = abi_host.consts[members[i].gc];
        if (g == ABI_UNDEF || h == ABI_UNDEF || g <= 0 || h <= 0 || g >= MAX_ERRNO || h >= MAX_ERRNO)
            continue;
        errno_g2h[g] = (int16_t)h;
        errno_h2g[h] = (int16_t)g;
    }
    for (int i = groups[GG_signal].first + groups[GG_signal].count - 1; i >= groups[GG_signal].first; i--) {
        int64_t g = guest_abi->consts[members[i].gc], h = abi_host.consts[members[i].gc];
        if (g == ABI_UNDEF || h == ABI_UNDEF || g <= 0 || h <= 0 || g >= MAX_SIG || h >= MAX_SIG)
            continue;
        sig_g2h[g] = (int8_t)h;
        sig_h2g[h] = (int8_t)g;
    }
    /* Real-time signals: the same offset from SIGRTMIN on both sides. */
    int64_t grt = guest_abi->consts[GC_SIGRTMIN], hrt = abi_host.consts[GC_SIGRTMIN];
    for (int64_t k = 0; grt + k < MAX_SIG && hrt + k < MAX_SIG; k++) {
        sig_g2h[grt + k] = (int8_t)(hrt + k);
        sig_h2g[hrt + k] = (int8_t)(grt + k);
    }
}

int errno_to_guest(int e) { return e > 0 && e < MAX_ERRNO ? errno_h2g[e] : e; }
int errno_to_host(int e) { return e > 0 && e < MAX_ERRNO ? errno_g2h[e] : e; }
int signal_to_guest(int s) { return s > 0 && s < MAX_SIG ? sig_h2g[s] : s; }
int signal_to_host(int s) { return s > 0 && s < MAX_SIG ? sig_g2h[s] : s; }

/* ---- Selection ------------------------------------------------------------- */

void guest_abi_select(const GuestAbi *abi)
{
    guest_abi = abi;
    guest_order_init(abi->big_endian);
    build_groups();
    build_flag_order();
    build_number_maps();
}

/* Until main selects the target's ABI, ARM's (the maps are never empty). */
__attribute__((constructor)) static void abi_default(void) { guest_abi_select(&abi_arm); }
