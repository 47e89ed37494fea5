/*
 * -dfilter: restrict the per-block logs (-d in_asm, op, op_opt, out_asm,
 * exec, cpu) to guest code in some address ranges (tcg/tcg.h).
 *
 * The syntax is qemu-user's: comma-separated ranges, each START+SIZE
 * (START .. START+SIZE-1), END-SIZE (END-SIZE+1 .. END) or START..END
 * (inclusive).  Numbers in C syntax (0x... hex).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tcg/tcg.h"

#define MAX_RANGES 32

static struct {
    uint32_t lo, hi; /* inclusive */
} ranges[MAX_RANGES];
static int n_ranges; /* 0: no filter, everything is logged */

static bool number(const char *s, const char **end, uint64_t *v)
{
    char *e;
    errno = 0;
    unsigned long long x = strtoull(s, &e, 0);
    if (errno || e == s || *s == '-' || x > 0xffffffffull)
        return false;
    *v = x;
    *end = e;
    return true;
}

bool log_filter_parse(const char *spec, char *err, size_t errlen)
{
    int n = 0;
    const char *p = spec;
    for (;;) {
        uint64_t a, b;
        const char *e;
        if (n == MAX_RANGES) {
            snprintf(err, errlen, "more than %d ranges", MAX_RANGES);
            return false;
        }
        if (!number(p, &e, &a))
            goto bad;
        if (e[0] == '+' && number(e + 1, &e, &b) && b > 0 && a + b - 1 <= 0xffffffffull) {
            ranges[n].lo = (uint32_t)a, ranges[n].hi = (uint32_t)(a + b - 1);
        } else if (e[0] == '-' && number(e + 1, &e, &b) && b > 0 && b - 1 <= a) {
            ranges[n].lo = (uint32_t)(a - (b - 1)), ranges[n].hi = (uint32_t)a;
        } else if (e[0] == '.' && e[1] == '.' && number(e + 2, &e, &b) && b >= a) {
            ranges[n].lo = (uint32_t)a, ranges[n].hi = (uint32_t)b;
        } else {
            goto bad;
        }
        n++;
        if (*e == 0)
            break;
        if (*e != ',')
            goto bad;
        p = e + 1;
    }
    n_ranges = n;
    return true;
bad:
    snprintf(err, errlen, "bad range in '%s' (START+SIZE, END-SIZE or START..END, comma-separated)",
             spec);
    return false;
}

bool log_filter_pc(uint32_t pc)
{
    if (!n_ranges)
        return true;
    for (int i = 0; i < n_ranges; i++)
        if (pc >= ranges[i].lo && pc <= ranges[i].hi)
            return true;
    return false;
}
