/*
 * The guest's randomness: AT_RANDOM and getrandom(2) (include/guest.h).
 *
 * Normally the host's getrandom.  With -seed N (qemu's option of the same
 * name) every byte comes from a counter-based generator seeded with N, so
 * that a run can be repeated exactly: splitmix64 of seed + k * golden ratio
 * for the k-th 8-byte block handed out, counted across all threads.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <sys/random.h>

#include "guest.h"

static bool seeded;
static uint64_t seed;
static uint64_t counter; /* blocks handed out, atomically incremented */

void guest_random_seed(uint64_t s)
{
    seed = s;
    seeded = true;
}

static uint64_t splitmix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

long guest_getrandom(void *buf, size_t len, unsigned flags)
{
    if (!seeded) {
        ssize_t n = getrandom(buf, len, flags);
        return n < 0 ? -errno : n;
    }
    if (flags & ~(unsigned)(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
        return -EINVAL;
    if (len > 0x1ffffff) /* the kernel's per-call cap */
        len = 0x1ffffff;
    uint8_t *p = buf;
    for (size_t done = 0; done < len; done += 8) {
        uint64_t k = __atomic_fetch_add(&counter, 1, __ATOMIC_RELAXED);
        uint64_t v = splitmix64(seed + k * 0x9e3779b97f4a7c15ull);
        size_t n = len - done < 8 ? len - done : 8;
        memcpy(p + done, &v, n);
    }
    return (long)len;
}
