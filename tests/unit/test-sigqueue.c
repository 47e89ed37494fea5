/*
 * Pending guest signals (linux-user/signal-queue.c): one slot per standard
 * signal, real-time signals queued in order with their values, lowest
 * number first, the allowed mask, flushing, the queue limit.
 * Exit 0 = pass; one line per failure and a summary.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "linux-user/signal-priv.h"
#include "tests/unit/unit-check.h"


static GuestSiginfo mk(int sig, int code, uint32_t value)
{
    GuestSiginfo g;
    memset(&g, 0, sizeof g);
    g.signo = sig;
    g.code = code;
    g.f[2] = value;
    return g;
}

int main(void)
{
    GuestSiginfo info, g;
    const uint64_t all = ~0ull;

    /* Standard signals: one slot, the first info kept. */
    g = mk(SIGUSR1, SI_USER, 1);
    CHECK(sigqueue_add(&g, false), "add usr1");
    g = mk(SIGUSR1, SI_TKILL, 2);
    CHECK(sigqueue_add(&g, false), "add usr1 again");
    CHECK(sigqueue_pending() == sigbit(SIGUSR1), "pending %llx", (unsigned long long)sigqueue_pending());
    CHECK(sigqueue_take(all, &info) == SIGUSR1 && info.code == SI_USER, "take usr1 code %d", info.code);
    CHECK(sigqueue_take(all, &info) == 0, "usr1 only once");

    /* Real-time: queued in order, values kept; lowest number first. */
    for (uint32_t v = 1; v <= 3; v++) {
        g = mk(40, SI_QUEUE, v * 10);
        CHECK(sigqueue_add(&g, false), "add rt %u", v);
    }
    g = mk(35, SI_QUEUE, 99);
    sigqueue_add(&g, false);
    g = mk(SIGTERM, SI_USER, 0);
    sigqueue_add(&g, false);
    int order[5];
    uint32_t vals[5];
    for (int i = 0; i < 5; i++) {
        order[i] = sigqueue_take(all, &info);
        vals[i] = info.f[2];
    }
    CHECK(order[0] == SIGTERM && order[1] == 35 && order[2] == 40 && order[3] == 40 && order[4] == 40,
          "order %d %d %d %d %d", order[0], order[1], order[2], order[3], order[4]);
    CHECK(vals[2] == 10 && vals[3] == 20 && vals[4] == 30, "values %u %u %u", vals[2], vals[3], vals[4]);
    CHECK(sigqueue_pending() == 0, "empty");

    /* The allowed mask: blocked signals stay. */
    g = mk(SIGUSR2, SI_USER, 0);
    sigqueue_add(&g, false);
    g = mk(SIGINT, SI_USER, 0);
    sigqueue_add(&g, true);
    CHECK(sigqueue_take(~sigbit(SIGINT), &info) == SIGUSR2, "usr2 allowed");
    CHECK(sigqueue_take(~sigbit(SIGINT), &info) == 0, "int blocked");
    CHECK(sigqueue_pending() == sigbit(SIGINT), "int still pending");
    sigqueue_flush(SIGINT);
    CHECK(sigqueue_pending() == 0, "flushed");

    /* Flushing a real-time signal drops all its instances, keeps others. */
    for (int i = 0; i < 3; i++) {
        g = mk(50, SI_QUEUE, (uint32_t)i);
        sigqueue_add(&g, false);
    }
    g = mk(51, SI_QUEUE, 7);
    sigqueue_add(&g, false);
    sigqueue_flush(50);
    CHECK(sigqueue_take(all, &info) == 51 && info.f[2] == 7, "51 survives the flush of 50");
    CHECK(sigqueue_take(all, &info) == 0, "then nothing");

    /* The queue limit. */
    int added = 0;
    for (int i = 0; i < 1000; i++) {
        g = mk(60, SI_QUEUE, (uint32_t)i);
        if (!sigqueue_add(&g, false))
            break;
        added++;
    }
    CHECK(added > 0 && added < 1000, "limit after %d", added);
    int taken = 0;
    while (sigqueue_take(all, &info) == 60)
        taken++;
    CHECK(taken == added, "took %d of %d", taken, added);

    sigqueue_clear_all();
    printf("%d checks, %d failures\n", checks, failures);
    return failures != 0;
}
