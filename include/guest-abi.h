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

#endif
