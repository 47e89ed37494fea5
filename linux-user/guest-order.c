/*
 * The guest's byte order (include/guest-abi.h, section 1).  One flag, set at
 * start-up once the target is known, read by every accessor.
 */
#include "guest-abi.h"

bool guest_bswap;

void guest_order_init(bool guest_big_endian)
{
    /* The host is x86-64, little-endian (DESIGN.md). */
    guest_bswap = guest_big_endian;
}
