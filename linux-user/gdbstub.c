/*
 * The gdbstub: GDB's remote serial protocol (all-stop mode) over TCP
 * (-g PORT) or a Unix socket (-g PATH), for every guest.  Registers go
 * through TargetOps' gdb_* hooks; everything else here is guest-neutral.
 *
 * Stopping.  A guest thread is a host thread.  A stop event (translator
 * breakpoint, finished single-step, guest signal, watchpoint, or Ctrl-C
 * seen by the watcher thread) is reported by the thread it concerns: it
 * takes the `busy` token (one conversation at a time), stops the world with
 * an exclusive section (tcg/tb.c: every other thread leaves generated code
 * at its next TB entry), marks every thread held, and talks to gdb until a
 * resume packet.  The resume un-holds the threads the packet names (vCont
 * may leave some held) and ends the exclusive section.  Held threads wait
 * in gdb_hold_check at the top of the exec loop (exit_request brings them
 * there), outside their exec section so that flushes can still happen.  A
 * thread blocked in a syscall stays there; its registers are those of the
 * syscall instruction's return point.
 *
 * Breakpoints are the translator's (translator_bp_insert): no trap
 * instruction is written to guest memory.  Single-step: ONE_INSN_STEP makes
 * every lookup a one-instruction TB, and the loop reports after it.  Write
 * watchpoints: while any is set, blocks are one instruction long and never
 * chained; the loop snapshots the CPU before each and compares the watched
 * bytes after: on a change the instruction is undone (CPU and watched
 * bytes) and the stop reported at it, as a hardware watchpoint would.
 *
 * The watcher thread polls the socket while the program runs, for Ctrl-C
 * (0x03: stop with SIGINT) and for gdb going away (detach).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "linux-user/gdbstub.h"
#include "linux-user/signal-priv.h"
#include "linux-user/user.h"
#include "tcg/tb.h"
#include "tcg/tcg.h"
#include "tcg/translator.h"

volatile bool gdb_active;
volatile bool gdb_watching;

typedef struct GdbThread {
    CPUCommon *env;
    int tid;
    bool hold; /* stopped by the debugger (gdb_hold_check waits) */
    struct GdbThread *next;
} GdbThread;

static int gdb_fd = -1;
static pthread_mutex_t gdb_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gdb_cond = PTHREAD_COND_INITIALIZER;
static bool busy;           /* a conversation owns the socket (gdb_lock) */
static GdbThread *threads;  /* live guest threads, newest first (gdb_lock) */
static __thread GdbThread *self;
static __thread bool reported; /* a stop was reported since gdb_step_begin */
extern __thread CPUCommon *thread_cpu;
static bool no_ack;         /* QStartNoAckMode */
static int g_tid;           /* Hg: whose registers g/p/G/P see (0: the stopped one) */
static char last_stop[64];  /* the reply to '?' */

#define PKT_MAX 0x4000 /* PacketSize we announce */

/* ---- watchpoints ---- */

#define MAX_WATCH 8
#define WATCH_LEN_MAX 16
static struct {
    uint32_t addr, len;
    uint8_t val[WATCH_LEN_MAX]; /* the bytes as last seen */
} watches[MAX_WATCH];
static int nb_watches;
static bool watch_mode;      /* blocks are one instruction, unchained */
static int saved_max_insns;
static __thread uint8_t *snap; /* the CPU before the current instruction */

/* ---- GDB's signal numbers (gdb/signals.def) for Linux's ---- */

static const uint8_t gdb_sig_of[32] = {
    [SIGHUP] = 1,   [SIGINT] = 2,     [SIGQUIT] = 3,  [SIGILL] = 4,    [SIGTRAP] = 5,
    [SIGABRT] = 6,  [SIGFPE] = 8,     [SIGKILL] = 9,  [SIGBUS] = 10,   [SIGSEGV] = 11,
    [SIGSYS] = 12,  [SIGPIPE] = 13,   [SIGALRM] = 14, [SIGTERM] = 15,  [SIGURG] = 16,
    [SIGSTOP] = 17, [SIGTSTP] = 18,   [SIGCONT] = 19, [SIGCHLD] = 20,  [SIGTTIN] = 21,
    [SIGTTOU] = 22, [SIGIO] = 23,     [SIGXCPU] = 24, [SIGXFSZ] = 25,  [SIGVTALRM] = 26,
    [SIGPROF] = 27, [SIGWINCH] = 28,  [SIGUSR1] = 30, [SIGUSR2] = 31,  [SIGPWR] = 32,
};

static int to_gdb_sig(int sig)
{
    if (sig > 0 && sig < 32)
        return gdb_sig_of[sig] ? gdb_sig_of[sig] : 143; /* GDB_SIGNAL_UNKNOWN */
    if (sig == 32)
        return 77; /* GDB_SIGNAL_REALTIME_32 */
    if (sig >= 33 && sig <= 63)
        return 45 + (sig - 33); /* REALTIME_33 .. 63 */
    if (sig == 64)
        return 78; /* REALTIME_64 */
    return 143;
}

static int from_gdb_sig(int g)
{
    for (int s = 1; s < 32; s++)
        if (gdb_sig_of[s] == g)
            return s;
    if (g == 77)
        return 32;
    if (g >= 45 && g <= 75)
        return 33 + (g - 45);
    if (g == 78)
        return 64;
    return 0;
}

/* ---- the wire ---- */

static int get_byte(void)
{
    unsigned char c;
    for (;;) {
        ssize_t n = recv(gdb_fd, &c, 1, 0);
        if (n == 1)
            return c;
        if (n < 0 && errno == EINTR)
            continue;
        return -1;
    }
}

static bool put_raw(const char *buf, size_t len)
{
    while (len) {
        ssize_t n = send(gdb_fd, buf, len, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        buf += n;
        len -= (size_t)n;
    }
    return true;
}

static const char hexd[] = "0123456789abcdef";

/* Send $data#cs (data may hold any byte but the escaped ones); wait for the
   ack unless QStartNoAckMode. */
static bool put_packet_len(const char *data, size_t len)
{
    char *buf = malloc(len + 4);
    if (!buf)
        return false;
    uint8_t cs = 0;
    buf[0] = '$';
    memcpy(buf + 1, data, len);
    for (size_t i = 0; i < len; i++)
        cs += (uint8_t)data[i];
    buf[len + 1] = '#';
    buf[len + 2] = hexd[cs >> 4];
    buf[len + 3] = hexd[cs & 15];
    bool ok;
    for (int tries = 0;; tries++) {
        ok = put_raw(buf, len + 4);
        if (!ok || no_ack)
            break;
        int c;
        do
            c = get_byte();
        while (c >= 0 && c != '+' && c != '-');
        if (c != '-' || tries > 5) {
            ok = c == '+';
            break;
        }
    }
    free(buf);
    return ok;
}

static bool put_packet(const char *s) { return put_packet_len(s, strlen(s)); }

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Read one packet into buf (NUL-terminated, escapes undone).  Returns its
   length, -1 when gdb went away, -2 for a Ctrl-C byte. */
static int get_packet(char *buf, size_t max)
{
    for (;;) {
        int c = get_byte();
        if (c < 0)
            return -1;
        if (c == 0x03)
            return -2;
        if (c != '$')
            continue; /* acks, noise */
        size_t n = 0;
        uint8_t cs = 0;
        bool esc = false;
        while ((c = get_byte()) >= 0 && c != '#') {
            cs += (uint8_t)c;
            if (esc) {
                c ^= 0x20;
                esc = false;
            } else if (c == '}') {
                esc = true;
                continue;
            }
            if (n + 1 < max)
                buf[n++] = (char)c;
        }
        if (c < 0)
            return -1;
        int h = get_byte(), l = get_byte();
        if (h < 0 || l < 0)
            return -1;
        buf[n] = 0;
        if (!no_ack) {
            bool good = hexval(h) >= 0 && hexval(l) >= 0 && (hexval(h) << 4 | hexval(l)) == cs;
            put_raw(good ? "+" : "-", 1);
            if (!good)
                continue;
        }
        return (int)n;
    }
}

static char *hex_put(char *p, const uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        *p++ = hexd[b[i] >> 4];
        *p++ = hexd[b[i] & 15];
    }
    *p = 0;
    return p;
}

static bool hex_get(const char *p, uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int h = hexval(p[2 * i]), l = h < 0 ? -1 : hexval(p[2 * i + 1]);
        if (l < 0)
            return false;
        b[i] = (uint8_t)(h << 4 | l);
    }
    return true;
}

/* ---- threads ---- */

static GdbThread *thread_by_tid(int tid)
{
    for (GdbThread *t = threads; t; t = t->next)
        if (t->tid == tid)
            return t;
    return NULL;
}

/* The initial thread if it lives, else any (the list is newest first). */
static GdbThread *first_thread(void)
{
    GdbThread *t = threads;
    while (t && t->next)
        t = t->next;
    return t;
}

static void thread_add(CPUCommon *env)
{
    GdbThread *t = calloc(1, sizeof *t);
    if (!t)
        return;
    t->env = env;
    t->tid = gettid();
    pthread_mutex_lock(&gdb_lock);
    t->hold = busy; /* born while the program is stopped: stopped too */
    if (t->hold)
        env->exit_request = 1;
    t->next = threads;
    threads = t;
    pthread_mutex_unlock(&gdb_lock);
    self = t;
}

void gdb_thread_start(CPUCommon *env)
{
    if (gdb_active)
        thread_add(env);
}

void gdb_thread_end(CPUCommon *env)
{
    (void)env;
    if (!self)
        return;
    pthread_mutex_lock(&gdb_lock);
    for (GdbThread **pp = &threads; *pp; pp = &(*pp)->next)
        if (*pp == self) {
            *pp = self->next;
            break;
        }
    pthread_mutex_unlock(&gdb_lock);
    free(self);
    self = NULL;
}

/* ---- memory ---- */

static bool mem_read(uint32_t addr, uint8_t *buf, uint32_t len)
{
    if (!len)
        return true;
    if ((uint64_t)addr + len > (1ull << 32) || !guest_range_ok(addr, len, PAGE_READ))
        return false;
    memcpy(buf, g2h(addr), len);
    return true;
}

static void watch_refresh(void);

/* As ptrace's POKE: any mapped page, read-only code included; the
   translations of the range are dropped. */
static bool mem_write(uint32_t addr, const uint8_t *buf, uint32_t len)
{
    if (!len)
        return true;
    if ((uint64_t)addr + len > (1ull << 32) || !guest_range_ok(addr, len, PAGE_VALID))
        return false;
    page_range_unprotect(addr, len); /* code pages the guest may write */
    for (uint32_t off = 0; off < len;) {
        uint32_t a = addr + off;
        uint32_t n = GUEST_PAGE_SIZE - (a & (GUEST_PAGE_SIZE - 1));
        if (n > len - off)
            n = len - off;
        int f = page_get_flags(a);
        if (f & PAGE_WRITE) {
            memcpy(g2h(a), buf + off, n);
        } else {
            void *pg = g2h(a & GUEST_PAGE_MASK);
            if (mprotect(pg, GUEST_PAGE_SIZE, PROT_READ | PROT_WRITE) != 0)
                return false;
            memcpy(g2h(a), buf + off, n);
            mprotect(pg, GUEST_PAGE_SIZE, (f & PAGE_READ) ? PROT_READ : PROT_NONE);
        }
        off += n;
    }
    tb_invalidate_range(addr, addr + len);
    watch_refresh();
    return true;
}

/* ---- watchpoints ---- */

static void watch_refresh(void)
{
    for (int i = 0; i < nb_watches; i++)
        mem_read(watches[i].addr, watches[i].val, watches[i].len);
}

static bool watch_insert(uint32_t addr, uint32_t len)
{
    if (len == 0 || len > WATCH_LEN_MAX || nb_watches == MAX_WATCH ||
        !guest_range_ok(addr, len, PAGE_READ))
        return false;
    watches[nb_watches].addr = addr;
    watches[nb_watches].len = len;
    mem_read(addr, watches[nb_watches].val, len);
    nb_watches++;
    return true;
}

static bool watch_remove(uint32_t addr, uint32_t len)
{
    for (int i = 0; i < nb_watches; i++)
        if (watches[i].addr == addr && watches[i].len == len) {
            watches[i] = watches[--nb_watches];
            return true;
        }
    return false;
}

/* At resume, in the exclusive section: blocks of one instruction and no
   chaining while watchpoints exist (everything retranslated). */
static void watch_mode_update(void)
{
    bool want = nb_watches > 0;
    if (want == watch_mode)
        return;
    watch_mode = want;
    if (want) {
        saved_max_insns = tb_max_insns;
        tb_max_insns = 1;
        tcg_ctx.log_mask |= LOG_DEBUG_NOCHAIN;
    } else {
        tb_max_insns = saved_max_insns;
        tcg_ctx.log_mask &= ~LOG_DEBUG_NOCHAIN;
    }
    tb_flush_all();
    __atomic_store_n(&gdb_watching, want, __ATOMIC_SEQ_CST);
}

/* ---- registers ---- */

static CPUCommon *reg_env(GdbThread *stopped)
{
    GdbThread *t = g_tid > 0 ? thread_by_tid(g_tid) : NULL;
    return (t ? t : stopped)->env;
}

/* ---- the conversation ---- */

/* What a resume packet asked of each thread. */
typedef struct {
    bool resume, step;
    int sig;
} Action;

static void disconnect(void);

/* Parse a thread id: -1 (all) as -1, 0 (any) as 0, else the tid. */
static int parse_tid(const char *p, const char **end)
{
    if (p[0] == '-' && p[1] == '1') {
        *end = p + 2;
        return -1;
    }
    char *e;
    long v = strtol(p, &e, 16);
    *end = e;
    return (int)v;
}

/* vCont;ACTION[:TID];...: the first action naming a thread wins, one
   without a TID applies to the threads no other action named. */
static bool parse_vcont(const char *p, GdbThread *stopped, int *stopped_sig)
{
    (void)stopped;
    for (GdbThread *t = threads; t; t = t->next)
        t->hold = true;
    bool seen_default = false;
    while (*p == ';') {
        p++;
        char a = *p++;
        int sig = 0;
        if (a == 'C' || a == 'S') {
            char *e;
            sig = from_gdb_sig((int)strtol(p, &e, 16));
            p = e;
        } else if (a != 'c' && a != 's') {
            return false;
        }
        int tid = -1;
        if (*p == ':')
            tid = parse_tid(p + 1, &p);
        for (GdbThread *t = threads; t; t = t->next) {
            if (tid > 0 && t->tid != tid)
                continue;
            if (!t->hold || (tid <= 0 && seen_default))
                continue; /* taken by an earlier action */
            t->hold = false;
            if (a == 's' || a == 'S')
                t->env->one_insn |= ONE_INSN_STEP;
            if (t == stopped)
                *stopped_sig = sig;
        }
        if (tid <= 0)
            seen_default = true;
        while (*p && *p != ';')
            p++;
    }
    return true;
}

static void reply_thread_list(void)
{
    char buf[PKT_MAX];
    size_t n = 0;
    buf[n++] = 'm';
    for (GdbThread *t = threads; t && n < sizeof buf - 16; t = t->next)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%x", n > 1 ? "," : "", t->tid);
    buf[n] = 0;
    put_packet(buf);
}

/* qXfer:OBJECT:read:ANNEX:OFF,LEN over a buffer. */
static void reply_xfer(const char *data, size_t size, const char *range)
{
    unsigned long off, len;
    if (sscanf(range, "%lx,%lx", &off, &len) != 2) {
        put_packet("E01");
        return;
    }
    if (off >= size) {
        put_packet("l");
        return;
    }
    if (len > PKT_MAX / 2)
        len = PKT_MAX / 2;
    size_t n = size - off < len ? size - off : len;
    char *out = malloc(2 * n + 2);
    if (!out)
        return;
    size_t k = 0;
    out[k++] = off + n < size ? 'm' : 'l';
    for (size_t i = 0; i < n; i++) {
        char c = data[off + i];
        if (c == '#' || c == '$' || c == '}' || c == '*') {
            out[k++] = '}';
            c ^= 0x20;
        }
        out[k++] = c;
    }
    put_packet_len(out, k);
    free(out);
}

static void reply_regs(CPUCommon *env)
{
    const TargetOps *t = target;
    char *out = malloc((size_t)t->gdb_num_regs * 32 + 1), *p = out;
    if (!out)
        return;
    *p = 0;
    for (int n = 0; n < t->gdb_num_regs; n++) {
        uint8_t b[16];
        int sz = t->gdb_read_reg(env, n, b);
        p = hex_put(p, b, (size_t)sz);
    }
    put_packet(out);
    free(out);
}

static void write_regs(CPUCommon *env, const char *p)
{
    const TargetOps *t = target;
    for (int n = 0; n < t->gdb_num_regs; n++) {
        uint8_t b[16];
        int sz = t->gdb_read_reg(env, n, b);
        if (!sz)
            continue;
        if (strlen(p) < (size_t)sz * 2 || !hex_get(p, b, (size_t)sz))
            break;
        t->gdb_write_reg(env, n, b);
        p += sz * 2;
    }
    put_packet("OK");
}

/* Serve packets until a resume.  stopped: the thread the stop is about.
   Returns the signal gdb asks that thread to take (C/S), 0 for none. */
static int converse(GdbThread *stopped)
{
    static char pkt[PKT_MAX + 16];
    char out[PKT_MAX + 16];
    put_packet(last_stop);
    g_tid = 0;
    for (;;) {
        int len = get_packet(pkt, sizeof pkt);
        if (len == -1) {
            disconnect();
            return 0;
        }
        if (len == -2)
            continue; /* Ctrl-C while stopped */
        const char *p = pkt;
        int sig = 0;
        switch (p[0]) {
        case '?':
            put_packet(last_stop);
            continue;
        case 'q':
            if (!strncmp(p, "qSupported", 10)) {
                snprintf(out, sizeof out,
                         "PacketSize=%x;qXfer:features:read+;qXfer:auxv:read+;"
                         "QStartNoAckMode+;vContSupported+",
                         PKT_MAX);
                put_packet(out);
            } else if (!strncmp(p, "qXfer:features:read:target.xml:", 31)) {
                reply_xfer(target->gdb_xml, strlen(target->gdb_xml), p + 31);
            } else if (!strncmp(p, "qXfer:auxv:read::", 17)) {
                uint8_t *aux = malloc(image.auxv_len + 1);
                if (aux && mem_read(image.auxv, aux, image.auxv_len))
                    reply_xfer((const char *)aux, image.auxv_len, p + 17);
                else
                    put_packet("E01");
                free(aux);
            } else if (!strcmp(p, "qAttached") || !strncmp(p, "qAttached:", 10)) {
                put_packet("0"); /* we started it: quitting gdb kills it, as with qemu */
            } else if (!strcmp(p, "qC")) {
                snprintf(out, sizeof out, "QC%x", stopped->tid);
                put_packet(out);
            } else if (!strcmp(p, "qfThreadInfo")) {
                reply_thread_list();
            } else if (!strcmp(p, "qsThreadInfo")) {
                put_packet("l");
            } else if (!strncmp(p, "qSymbol:", 8)) {
                put_packet("OK");
            } else {
                put_packet("");
            }
            continue;
        case 'Q':
            if (!strcmp(p, "QStartNoAckMode")) {
                put_packet("OK");
                no_ack = true;
            } else {
                put_packet("");
            }
            continue;
        case 'H': {
            const char *e;
            int tid = parse_tid(p + 2, &e);
            if (tid > 0 && !thread_by_tid(tid)) {
                put_packet("E22");
                continue;
            }
            if (p[1] == 'g')
                g_tid = tid;
            put_packet("OK");
            continue;
        }
        case 'T': {
            const char *e;
            put_packet(thread_by_tid(parse_tid(p + 1, &e)) ? "OK" : "E22");
            continue;
        }
        case 'g':
            reply_regs(reg_env(stopped));
            continue;
        case 'G':
            write_regs(reg_env(stopped), p + 1);
            continue;
        case 'p': {
            uint8_t b[16];
            int n = (int)strtol(p + 1, NULL, 16);
            int sz = n < target->gdb_num_regs ? target->gdb_read_reg(reg_env(stopped), n, b) : 0;
            if (!sz) {
                put_packet("E45");
                continue;
            }
            hex_put(out, b, (size_t)sz);
            put_packet(out);
            continue;
        }
        case 'P': {
            char *e;
            int n = (int)strtol(p + 1, &e, 16);
            uint8_t b[16];
            int sz = n < target->gdb_num_regs ? target->gdb_read_reg(reg_env(stopped), n, b) : 0;
            if (!sz || *e != '=' || !hex_get(e + 1, b, (size_t)sz)) {
                put_packet("E45");
                continue;
            }
            target->gdb_write_reg(reg_env(stopped), n, b);
            put_packet("OK");
            continue;
        }
        case 'm': {
            unsigned long addr, n;
            if (sscanf(p + 1, "%lx,%lx", &addr, &n) != 2 || n > PKT_MAX / 2) {
                put_packet("E01");
                continue;
            }
            uint8_t b[PKT_MAX / 2];
            if (!mem_read((uint32_t)addr, b, (uint32_t)n)) {
                put_packet("E14");
                continue;
            }
            hex_put(out, b, n);
            put_packet(out);
            continue;
        }
        case 'M': {
            unsigned long addr, n;
            const char *colon = strchr(p, ':');
            uint8_t b[PKT_MAX / 2];
            if (sscanf(p + 1, "%lx,%lx", &addr, &n) != 2 || !colon || n > sizeof b ||
                strlen(colon + 1) < 2 * n || !hex_get(colon + 1, b, n)) {
                put_packet("E01");
                continue;
            }
            put_packet(mem_write((uint32_t)addr, b, (uint32_t)n) ? "OK" : "E14");
            continue;
        }
        case 'Z':
        case 'z': {
            unsigned long type, addr, kind;
            if (sscanf(p + 1, "%lu,%lx,%lx", &type, &addr, &kind) != 3) {
                put_packet("E01");
                continue;
            }
            bool ok, ins = p[0] == 'Z';
            if (type == 0 || type == 1) /* software and "hardware" alike */
                ok = ins ? translator_bp_insert((uint32_t)addr) : translator_bp_remove((uint32_t)addr);
            else if (type == 2)
                ok = ins ? watch_insert((uint32_t)addr, (uint32_t)kind)
                         : watch_remove((uint32_t)addr, (uint32_t)kind);
            else {
                put_packet(""); /* read and access watchpoints: not supported */
                continue;
            }
            put_packet(ok ? "OK" : "E22");
            continue;
        }
        case 'v':
            if (!strcmp(p, "vCont?")) {
                put_packet("vCont;c;C;s;S");
            } else if (!strncmp(p, "vCont;", 5) && p[5] == ';') {
                if (!parse_vcont(p + 5, stopped, &sig)) {
                    put_packet("E01");
                    continue;
                }
                return sig;
            } else if (!strncmp(p, "vKill", 5)) {
                put_packet("OK");
                kill(getpid(), SIGKILL);
            } else {
                put_packet("");
            }
            continue;
        case 'k':
            kill(getpid(), SIGKILL);
            continue;
        case 'D':
            put_packet("OK");
            disconnect();
            return 0;
        case 'C':
        case 'S':
            sig = from_gdb_sig((int)strtol(p + 1, NULL, 16));
            /* fall through */
        case 'c':
        case 's':
            /* Old-style resume: everyone runs; s steps the stopped thread. */
            for (GdbThread *t = threads; t; t = t->next)
                t->hold = false;
            if (p[0] == 's' || p[0] == 'S')
                stopped->env->one_insn |= ONE_INSN_STEP;
            return sig;
        default:
            put_packet("");
            continue;
        }
    }
}

/* gdb is gone or detached: the program runs on, undebugged.  In the
   exclusive section. */
static void disconnect(void)
{
    translator_bp_remove_all();
    nb_watches = 0;
    watch_mode_update();
    for (GdbThread *t = threads; t; t = t->next) {
        t->hold = false;
        t->env->one_insn &= ~(uint32_t)ONE_INSN_STEP;
    }
    __atomic_store_n(&gdb_active, false, __ATOMIC_SEQ_CST);
    if (gdb_fd >= 0) {
        shutdown(gdb_fd, SHUT_RDWR); /* wakes the watcher's poll */
        close(gdb_fd);
    }
    gdb_fd = -1;
}

/* Stop the world, tell gdb (last_stop is set), serve it, apply its resume.
   busy is ours; the caller is outside its exec section.  gdb_lock is held
   from when every thread is out of generated code (so that none can take
   it inside its exec section meanwhile) to the end: threads that end or
   start in a syscall wait, and the thread list stays as gdb sees it. */
static int stop_and_converse(GdbThread *stopped)
{
    start_exclusive();
    pthread_mutex_lock(&gdb_lock);
    for (GdbThread *t = threads; t; t = t->next) {
        t->hold = true;
        t->env->one_insn &= ~(uint32_t)ONE_INSN_STEP; /* gdb says again */
        if (t != stopped)
            __atomic_store_n(&t->env->exit_request, 1, __ATOMIC_SEQ_CST);
    }
    int sig = converse(stopped);
    if (gdb_active)
        watch_mode_update();
    pthread_mutex_unlock(&gdb_lock);
    end_exclusive();
    return sig;
}

static bool take_busy(GdbThread *me)
{
    pthread_mutex_lock(&gdb_lock);
    while (busy || (me && me->hold))
        pthread_cond_wait(&gdb_cond, &gdb_lock);
    bool ok = gdb_active;
    if (ok)
        busy = true;
    pthread_mutex_unlock(&gdb_lock);
    return ok;
}

static void give_busy(void)
{
    pthread_mutex_lock(&gdb_lock);
    busy = false;
    pthread_cond_broadcast(&gdb_cond);
    pthread_mutex_unlock(&gdb_lock);
}

/* A stop of the calling guest thread, reported as T<sig> with extra
   fields (e.g. "watch:ADDR;"). */
static int report_stop(CPUCommon *env, int sig, const char *extra)
{
    if (!gdb_active || !self)
        return sig;
    bool in_section = tb_exec_in_section();
    tb_exec_end();
    int r = sig;
    reported = true;
    if (take_busy(self)) {
        snprintf(last_stop, sizeof last_stop, "T%02x%sthread:%x;", to_gdb_sig(sig), extra,
                 self->tid);
        r = stop_and_converse(self);
        give_busy();
    }
    if (in_section)
        tb_exec_start(env);
    return r;
}

void gdb_breakpoint(CPUCommon *env) { report_stop(env, SIGTRAP, ""); }

void gdb_step_begin(void) { reported = false; }

void gdb_step_check(CPUCommon *env, uint32_t pc_before)
{
    if (reported || !(env->one_insn & ONE_INSN_STEP))
        return;
    /* A TB that exited at its entry (exit_request) ran nothing. */
    if (env->exit_request && target->get_pc(env) == pc_before)
        return;
    report_stop(env, SIGTRAP, "");
}

int gdb_signal(CPUCommon *env, int sig) { return report_stop(env, sig, ""); }

void gdb_hold_check(CPUCommon *env)
{
    GdbThread *t = self;
    if (!t)
        return;
    pthread_mutex_lock(&gdb_lock);
    bool held = t->hold;
    pthread_mutex_unlock(&gdb_lock);
    if (!held)
        return;
    bool in_section = tb_exec_in_section();
    tb_exec_end();
    pthread_mutex_lock(&gdb_lock);
    while (t->hold)
        pthread_cond_wait(&gdb_cond, &gdb_lock);
    pthread_mutex_unlock(&gdb_lock);
    if (in_section)
        tb_exec_start(env);
}

/* A watched value differs from what was last seen: the address of the
   first such, its new value taken as seen (gdb_lock held).  0 if none. */
static bool watch_changed(uint32_t *addr, int *which)
{
    for (int i = 0; i < nb_watches; i++) {
        uint8_t now[WATCH_LEN_MAX];
        if (mem_read(watches[i].addr, now, watches[i].len) &&
            memcmp(now, watches[i].val, watches[i].len)) {
            *addr = watches[i].addr;
            *which = i;
            return true;
        }
    }
    return false;
}

static void report_watch(CPUCommon *env, uint32_t addr)
{
    char extra[32];
    snprintf(extra, sizeof extra, "watch:%x;", addr);
    report_stop(env, SIGTRAP, extra);
}

void gdb_watch_before(CPUCommon *env)
{
    uint32_t addr;
    int i;
    pthread_mutex_lock(&gdb_lock);
    bool changed = watch_changed(&addr, &i);
    if (changed)
        mem_read(addr, watches[i].val, watches[i].len); /* seen now */
    pthread_mutex_unlock(&gdb_lock);
    if (changed)
        report_watch(env, addr);
    if (!snap)
        snap = malloc(target->cpu_size);
    if (snap)
        memcpy(snap, env, target->cpu_size);
}

void gdb_watch_after(CPUCommon *env, bool rollback_ok)
{
    uint32_t addr;
    int i;
    pthread_mutex_lock(&gdb_lock);
    bool changed = watch_changed(&addr, &i);
    if (changed && rollback_ok && snap) {
        /* Undo the instruction: gdb expects to stop before the store
           (and steps over it with the watchpoint removed). */
        memcpy(g2h(addr), watches[i].val, watches[i].len);
        memcpy((uint8_t *)env + sizeof(CPUCommon), snap + sizeof(CPUCommon),
               target->cpu_size - sizeof(CPUCommon));
    } else if (changed) {
        mem_read(addr, watches[i].val, watches[i].len);
    }
    pthread_mutex_unlock(&gdb_lock);
    if (changed)
        report_watch(env, addr);
}

void gdb_exit(int status, int sig)
{
    if (!gdb_active)
        return;
    pthread_mutex_lock(&gdb_lock);
    while (busy)
        pthread_cond_wait(&gdb_cond, &gdb_lock);
    busy = true;
    pthread_mutex_unlock(&gdb_lock);
    if (gdb_fd >= 0) {
        char out[16];
        if (sig)
            snprintf(out, sizeof out, "X%02x", to_gdb_sig(sig));
        else
            snprintf(out, sizeof out, "W%02x", status & 0xff);
        put_packet(out);
        shutdown(gdb_fd, SHUT_RDWR);
    }
    /* The process is ending: no conversation after this one. */
}

/* ---- the watcher thread: Ctrl-C and hang-ups while the program runs ---- */

static void *watcher(void *arg)
{
    (void)arg;
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, NULL); /* host signals go to guest threads */
    for (;;) {
        struct pollfd p = { .fd = gdb_fd, .events = POLLIN };
        if (gdb_fd < 0)
            return NULL;
        if (poll(&p, 1, -1) <= 0)
            continue;
        if (!take_busy(NULL))
            return NULL;
        /* A conversation may have read what woke us: look again. */
        p.revents = 0;
        if (poll(&p, 1, 0) > 0) {
            unsigned char c;
            ssize_t n = recv(gdb_fd, &c, 1, MSG_PEEK);
            if (n <= 0) {
                start_exclusive();
                pthread_mutex_lock(&gdb_lock);
                disconnect();
                pthread_mutex_unlock(&gdb_lock);
                end_exclusive();
            } else if (c == 0x03 || c == '$') {
                if (c == 0x03)
                    recv(gdb_fd, &c, 1, 0);
                GdbThread *t = first_thread();
                if (t) {
                    snprintf(last_stop, sizeof last_stop, "T%02xthread:%x;", to_gdb_sig(SIGINT),
                             t->tid);
                    stop_and_converse(t);
                }
            } else {
                recv(gdb_fd, &c, 1, 0); /* a stray ack */
            }
        }
        give_busy();
    }
}

/* ---- start-up ---- */

static int listen_on(const char *where)
{
    if (!where) { /* (never: -g has an argument; says so to the compiler) */
        errno = EINVAL;
        return -1;
    }
    bool is_port = *where && strspn(where, "0123456789") == strlen(where);
    int fd;
    if (is_port) {
        long port = strtol(where, NULL, 10);
        struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
        sa.sin_addr.s_addr = htonl(INADDR_ANY); /* as qemu-user */
        fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        int one = 1;
        if (fd >= 0)
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(fd, 1) < 0)
            return -1;
    } else {
        /* Bound under a temporary name and renamed once listening, so that
           whoever waits for the path to appear can connect at once. */
        struct sockaddr_un sa = { .sun_family = AF_UNIX };
        if ((size_t)snprintf(sa.sun_path, sizeof sa.sun_path, "%s.%d", where, (int)getpid()) >=
            sizeof sa.sun_path) {
            errno = ENAMETOOLONG;
            return -1;
        }
        struct stat st;
        if (lstat(where, &st) == 0 && S_ISSOCK(st.st_mode))
            unlink(where); /* a stale socket of an earlier run */
        unlink(sa.sun_path);
        fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0)
            return -1;
        if (listen(fd, 1) < 0 || rename(sa.sun_path, where) < 0) {
            int e = errno;
            unlink(sa.sun_path);
            errno = e;
            return -1;
        }
    }
    return fd;
}

/* A forked child is not debugged: its copy of the breakpoints goes. */
static void gdb_fork_child(void)
{
    /* (held through a whole conversation, so not taken across fork: the
       child, which is not debugged, just gets a free one) */
    pthread_mutex_init(&gdb_lock, NULL);
    if (!gdb_active && gdb_fd < 0)
        return;
    if (gdb_fd >= 0)
        close(gdb_fd);
    gdb_fd = -1;
    __atomic_store_n(&gdb_active, false, __ATOMIC_SEQ_CST);
    translator_bp_remove_all();
    nb_watches = 0;
    watch_mode_update();
    if (thread_cpu)
        thread_cpu->one_insn &= ~(uint32_t)ONE_INSN_STEP;
    GdbThread *me = self;
    threads = me;
    if (me) {
        me->next = NULL;
        me->hold = false;
        me->tid = gettid();
    }
    busy = false;
    pthread_mutex_init(&gdb_lock, NULL);
    pthread_cond_init(&gdb_cond, NULL);
}

void gdb_start(const char *where, CPUCommon *env)
{
    if (!target->gdb_xml) {
        fprintf(stderr, "mimic: -g: the gdbstub has no registers for %s guests yet\n",
                target->name);
        exit(1);
    }
    int lfd = listen_on(where);
    if (lfd < 0) {
        fprintf(stderr, "mimic: -g %s: cannot listen: %s\n", where, strerror(errno));
        exit(1);
    }
    int fd;
    while ((fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC)) < 0 && errno == EINTR) {
    }
    if (fd < 0) {
        fprintf(stderr, "mimic: -g %s: accept: %s\n", where, strerror(errno));
        exit(1);
    }
    close(lfd);
    if (!*where || strspn(where, "0123456789") != strlen(where))
        unlink(where); /* the Unix socket's name is not needed any more */
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    gdb_fd = host_fd_hide(fd);
    pthread_atfork(NULL, NULL, gdb_fork_child);
    /* Stopping the world needs every thread in exec sections (tb.c). */
    tb_set_multithreaded();
    gdb_active = true;
    thread_add(env);
    busy = true;
    snprintf(last_stop, sizeof last_stop, "T%02xthread:%x;", to_gdb_sig(SIGTRAP), self->tid);
    stop_and_converse(self);
    give_busy();
    pthread_t th;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    if (gdb_active && pthread_create(&th, &attr, watcher, NULL) != 0)
        fprintf(stderr, "mimic: gdbstub: no watcher thread: Ctrl-C will not stop the program\n");
    pthread_attr_destroy(&attr);
}
