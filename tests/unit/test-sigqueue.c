/*
 * Pending guest signals (linux-user/signal-queue.c): one slot per standard
 * signal, real-time signals queued in order with their values, lowest
 * number first, the allowed mask, flushing; nothing from the host is
 * refused, a full set parks the host signal until there is room or its
 * number is no longer pending; the guest's own stop at RLIMIT_SIGPENDING.
 * Exit 0 = pass; one line per failure and a summary.
 */
#include <signal.h>
#include <sys/resource.h>
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
    CHECK(sigqueue_add(&g, false, true), "add usr1");
    g = mk(SIGUSR1, SI_TKILL, 2);
    CHECK(sigqueue_add(&g, false, true), "add usr1 again");
    CHECK(sigqueue_pending() == sigbit(SIGUSR1), "pending %llx", (unsigned long long)sigqueue_pending());
    CHECK(sigqueue_take(all, &info) == SIGUSR1 && info.code == SI_USER, "take usr1 code %d", info.code);
    CHECK(sigqueue_take(all, &info) == 0, "usr1 only once");

    /* Real-time: queued in order, values kept; lowest number first. */
    for (uint32_t v = 1; v <= 3; v++) {
        g = mk(40, SI_QUEUE, v * 10);
        CHECK(sigqueue_add(&g, false, true), "add rt %u", v);
    }
    g = mk(35, SI_QUEUE, 99);
    sigqueue_add(&g, false, true);
    g = mk(SIGTERM, SI_USER, 0);
    sigqueue_add(&g, false, true);
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
    sigqueue_add(&g, false, true);
    g = mk(SIGINT, SI_USER, 0);
    sigqueue_add(&g, true, true);
    CHECK(sigqueue_take(~sigbit(SIGINT), &info) == SIGUSR2, "usr2 allowed");
    CHECK(sigqueue_take(~sigbit(SIGINT), &info) == 0, "int blocked");
    CHECK(sigqueue_pending() == sigbit(SIGINT), "int still pending");
    sigqueue_flush(SIGINT);
    CHECK(sigqueue_pending() == 0, "flushed");

    /* Flushing a real-time signal drops all its instances, keeps others. */
    for (int i = 0; i < 3; i++) {
        g = mk(50, SI_QUEUE, (uint32_t)i);
        sigqueue_add(&g, false, true);
    }
    g = mk(51, SI_QUEUE, 7);
    sigqueue_add(&g, false, true);
    sigqueue_flush(50);
    CHECK(sigqueue_take(all, &info) == 51 && info.f[2] == 7, "51 survives the flush of 50");
    CHECK(sigqueue_take(all, &info) == 0, "then nothing");

    /* From the host nothing is refused: past the soft limit the caller is
       told to park (SQ_OVER), and all come back in order. */
    int over = -1;
    for (int i = 0; i < 1000; i++) {
        g = mk(60, SI_QUEUE, (uint32_t)i);
        int r = sigqueue_add(&g, false, true);
        CHECK(r != SQ_FULL, "host signal %d refused", i);
        if (r == SQ_OVER && over < 0)
            over = i;
    }
    CHECK(over > 0 && over < 1000, "over the soft limit after %d", over);
    int taken = 0, in_order = 1;
    while (sigqueue_take(all, &info) == 60) {
        in_order &= info.f[2] == (uint32_t)taken;
        taken++;
    }
    CHECK(taken == 1000 && in_order, "took %d of 1000, in order %d", taken, in_order);

    /* Parking: the host signal stays blocked in the mask given, and is let
       go once the set has room again. */
    sigset_t m;
    sigemptyset(&m);
    for (int i = 0; i <= over; i++) {
        g = mk(61, SI_QUEUE, (uint32_t)i);
        if (sigqueue_add(&g, true, true) == SQ_OVER)
            sigqueue_park(61, &m);
    }
    CHECK(sigismember(&m, 61) == 1 && (sigqueue_parked & sigbit(61)), "61 parked");
    sigqueue_unpark(&m);
    CHECK(sigismember(&m, 61) == 1, "61 stays parked while the set is full");
    /* (a take lets go in the thread's own mask) */
    CHECK(sigqueue_take(all, &info) == 61 && info.f[2] == 0, "the first 61");
    CHECK(!sigqueue_parked, "61 let go when there is room");
    while (sigqueue_take(all, &info) == 61)
        ;

    /* A parked number is never hidden: it is let go when none of it is
       pending any more, even while the set is full of another. */
    for (int i = 0; i < over; i++) {
        g = mk(62, SI_QUEUE, (uint32_t)i);
        sigqueue_add(&g, true, true);
    }
    g = mk(63, SI_QUEUE, 0);
    CHECK(sigqueue_add(&g, true, true) == SQ_OVER, "63 over the limit");
    sigqueue_park(63, &m);
    CHECK(sigqueue_take(sigbit(63), &info) == 63, "take the 63");
    CHECK(!sigqueue_parked, "63 let go: none pending");
    while (sigqueue_take(all, &info) == 62)
        ;

    /* The guest's own signals to itself stop at RLIMIT_SIGPENDING. */
    struct rlimit rl;
    getrlimit(RLIMIT_SIGPENDING, &rl);
    rl.rlim_cur = 100;
    CHECK(setrlimit(RLIMIT_SIGPENDING, &rl) == 0, "setrlimit");
    int queued = 0;
    for (int i = 0; i < 200; i++) {
        g = mk(40, SI_QUEUE, (uint32_t)i);
        queued += sigqueue_add(&g, false, false) != SQ_FULL;
    }
    CHECK(queued == 100, "self-sent: %d of 200 queued at a limit of 100", queued);

    sigqueue_clear_all();
    printf("%d checks, %d failures\n", checks, failures);
    return failures != 0;
}
