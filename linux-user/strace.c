/*
 * -strace: print each guest syscall like strace(1), driven by the format
 * strings of linux-user/syscall-ids.h:
 *     12345 openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC) = 3
 *     12345 write(1, "hello\n", 6)              = 6
 *     12345 stat64("/nope", 0xbefff6c8)          = -1 ENOENT (No such file or directory)
 * as strace -f prints them: the thread's tid first (" = " then starts at
 * column 40 of the rest), data strings cut after 32 bytes with "...",
 * paths whole, flags by name, structs as addresses, errors by errno name,
 * "--- SIGxxx {...} ---" as a signal reaches a guest handler.  The call is
 * printed before it runs (so a blocking call or the guest's own output
 * shows up in order) and the result after it; when another thread or
 * process prints in between, the call is marked <unfinished ...> and its
 * result comes as "<... NAME resumed>".  Guest memory is read only through the checked
 * accessors: a bad pointer prints as a number.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "linux-user/syscall-priv.h"

typedef struct Buf {
    char s[1024];
    size_t n;
} Buf;

static void put(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(Buf *b, const char *fmt, ...)
{
    if (b->n >= sizeof b->s - 1)
        return;
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprintf(b->s + b->n, sizeof b->s - b->n, fmt, ap);
    va_end(ap);
    if (r > 0)
        b->n += (size_t)r;
    if (b->n > sizeof b->s - 1)
        b->n = sizeof b->s - 1;
}

/* Symbolic flag sets: bits with names, in order; the rest in hex. */
typedef struct FlagName {
    uint32_t mask, value;
    const char *name;
} FlagName;

static void put_flags(Buf *b, uint32_t v, const FlagName *t, size_t n, const char *zero)
{
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        if ((v & t[i].mask) == t[i].value && (t[i].value || !any)) {
            if (t[i].value == 0 && t[i].mask == 0)
                continue;
            put(b, "%s%s", any ? "|" : "", t[i].name);
            any = true;
            v &= ~t[i].mask;
        }
    }
    if (v)
        put(b, "%s0x%x", any ? "|" : "", v);
    else if (!any)
        put(b, "%s", zero);
}

#define N(t) (sizeof(t) / sizeof((t)[0]))

/* Host values: a guest's flags are translated by name first (the guest
   ABI layer's maps), so one table names them for every target. */
static const FlagName open_flags[] = {
    { O_ACCMODE, O_RDONLY, "O_RDONLY" }, { O_ACCMODE, O_WRONLY, "O_WRONLY" },
    { O_ACCMODE, O_RDWR, "O_RDWR" },     { O_CREAT, O_CREAT, "O_CREAT" },
    { O_EXCL, O_EXCL, "O_EXCL" },         { O_NOCTTY, O_NOCTTY, "O_NOCTTY" },
    { O_TRUNC, O_TRUNC, "O_TRUNC" },      { O_APPEND, O_APPEND, "O_APPEND" },
    { O_NONBLOCK, O_NONBLOCK, "O_NONBLOCK" }, { O_SYNC, O_SYNC, "O_SYNC" },
    { O_DSYNC, O_DSYNC, "O_DSYNC" },      { O_DIRECTORY, O_DIRECTORY, "O_DIRECTORY" },
    { O_NOFOLLOW, O_NOFOLLOW, "O_NOFOLLOW" }, { O_DIRECT, O_DIRECT, "O_DIRECT" },
    { 0100000, 0100000, "O_LARGEFILE" },  { O_NOATIME, O_NOATIME, "O_NOATIME" },
    { O_CLOEXEC, O_CLOEXEC, "O_CLOEXEC" }, { O_PATH, O_PATH, "O_PATH" },
    { O_TMPFILE & ~O_DIRECTORY, O_TMPFILE & ~O_DIRECTORY, "O_TMPFILE" },
};
static const FlagName prot_flags[] = {
    { PROT_READ, PROT_READ, "PROT_READ" }, { PROT_WRITE, PROT_WRITE, "PROT_WRITE" },
    { PROT_EXEC, PROT_EXEC, "PROT_EXEC" }, { PROT_GROWSDOWN, PROT_GROWSDOWN, "PROT_GROWSDOWN" },
    { PROT_GROWSUP, PROT_GROWSUP, "PROT_GROWSUP" },
};
static const FlagName map_flags[] = {
    { 0xf, MAP_SHARED, "MAP_SHARED" }, { 0xf, MAP_PRIVATE, "MAP_PRIVATE" },
    { 0xf, MAP_SHARED_VALIDATE, "MAP_SHARED_VALIDATE" }, { MAP_FIXED, MAP_FIXED, "MAP_FIXED" },
    { MAP_ANONYMOUS, MAP_ANONYMOUS, "MAP_ANONYMOUS" }, { MAP_GROWSDOWN, MAP_GROWSDOWN, "MAP_GROWSDOWN" },
    { MAP_DENYWRITE, MAP_DENYWRITE, "MAP_DENYWRITE" }, { MAP_EXECUTABLE, MAP_EXECUTABLE, "MAP_EXECUTABLE" },
    { MAP_LOCKED, MAP_LOCKED, "MAP_LOCKED" }, { MAP_NORESERVE, MAP_NORESERVE, "MAP_NORESERVE" },
    { MAP_POPULATE, MAP_POPULATE, "MAP_POPULATE" }, { MAP_NONBLOCK, MAP_NONBLOCK, "MAP_NONBLOCK" },
    { MAP_STACK, MAP_STACK, "MAP_STACK" }, { MAP_HUGETLB, MAP_HUGETLB, "MAP_HUGETLB" },
    { MAP_FIXED_NOREPLACE, MAP_FIXED_NOREPLACE, "MAP_FIXED_NOREPLACE" },
};
static const FlagName futex_ops[] = {
    { 0x7f, 0, "FUTEX_WAIT" }, { 0x7f, 1, "FUTEX_WAKE" }, { 0x7f, 3, "FUTEX_REQUEUE" },
    { 0x7f, 4, "FUTEX_CMP_REQUEUE" }, { 0x7f, 5, "FUTEX_WAKE_OP" }, { 0x7f, 6, "FUTEX_LOCK_PI" },
    { 0x7f, 7, "FUTEX_UNLOCK_PI" }, { 0x7f, 9, "FUTEX_WAIT_BITSET" },
    { 0x7f, 10, "FUTEX_WAKE_BITSET" }, { 128, 128, "FUTEX_PRIVATE_FLAG" },
    { 256, 256, "FUTEX_CLOCK_REALTIME" },
};
static const char *const clock_names[] = {
    "CLOCK_REALTIME", "CLOCK_MONOTONIC", "CLOCK_PROCESS_CPUTIME_ID", "CLOCK_THREAD_CPUTIME_ID",
    "CLOCK_MONOTONIC_RAW", "CLOCK_REALTIME_COARSE", "CLOCK_MONOTONIC_COARSE", "CLOCK_BOOTTIME",
};
static const char *const whence_names[] = { "SEEK_SET", "SEEK_CUR", "SEEK_END", "SEEK_DATA", "SEEK_HOLE" };
/* Value arguments named by the guest's constants (abi_const_name). */
static const int sigmask_how[] = { GC_SIG_BLOCK, GC_SIG_UNBLOCK, GC_SIG_SETMASK };
static const FlagName access_modes[] = { { 7, 0, "F_OK" }, { 4, 4, "R_OK" }, { 2, 2, "W_OK" }, { 1, 1, "X_OK" } };
static const FlagName at_flags[] = {
    { 0x100, 0x100, "AT_SYMLINK_NOFOLLOW" }, { 0x200, 0x200, "AT_REMOVEDIR" },
    { 0x400, 0x400, "AT_SYMLINK_FOLLOW" }, { 0x800, 0x800, "AT_NO_AUTOMOUNT" },
    { 0x1000, 0x1000, "AT_EMPTY_PATH" },
};

static const int fcntl_names[] = {
    GC_F_DUPFD,    GC_F_GETFD,    GC_F_SETFD,     GC_F_GETFL,          GC_F_SETFL,
    GC_F_GETLK,    GC_F_SETLK,    GC_F_SETLKW,    GC_F_SETOWN,         GC_F_GETOWN,
    GC_F_SETSIG,   GC_F_GETSIG,   GC_F_GETLK64,   GC_F_SETLK64,        GC_F_SETLKW64,
    GC_F_OFD_GETLK, GC_F_OFD_SETLK, GC_F_OFD_SETLKW, GC_F_DUPFD_CLOEXEC, GC_F_SETPIPE_SZ,
    GC_F_GETPIPE_SZ, GC_F_ADD_SEALS, GC_F_GET_SEALS, GC_F_SETLEASE,     GC_F_GETLEASE,
    GC_F_NOTIFY,
};

/* The name of the constant among gcs whose guest value is v, or NULL. */
static const char *const_name_of(const int *gcs, size_t n, uint32_t v)
{
    for (size_t i = 0; i < n; i++)
        if (abi_const(gcs[i]) == (int32_t)v)
            return abi_const_name(gcs[i]);
    return NULL;
}

/* A quoted, escaped guest string: at most max bytes, then "...". */
static void put_string(Buf *b, uint32_t addr, uint32_t len, bool nul_terminated, uint32_t max)
{
    if (nul_terminated) {
        long l = guest_strlen(addr, 4096);
        if (l < 0) {
            put(b, "0x%x", addr);
            return;
        }
        len = (uint32_t)l;
    } else if (!guest_ok_read(addr, len < max ? len : max)) {
        put(b, "0x%x", addr);
        return;
    }
    uint32_t n = len < max ? len : max;
    unsigned char tmp[256];
    if (n > sizeof tmp)
        n = sizeof tmp;
    if (copy_from_guest(tmp, addr, n) < 0) {
        put(b, "0x%x", addr);
        return;
    }
    put(b, "\"");
    for (uint32_t i = 0; i < n; i++) {
        unsigned c = tmp[i];
        switch (c) {
        case '\n': put(b, "\\n"); break;
        case '\t': put(b, "\\t"); break;
        case '\r': put(b, "\\r"); break;
        case '\v': put(b, "\\v"); break;
        case '\f': put(b, "\\f"); break;
        case '"': put(b, "\\\""); break;
        case '\\': put(b, "\\\\"); break;
        default:
            if (c >= 32 && c < 127)
                put(b, "%c", c);
            else if (i + 1 < n && tmp[i + 1] >= '0' && tmp[i + 1] <= '7')
                put(b, "\\%03o", c); /* a digit follows: all three digits */
            else
                put(b, "\\%o", c);
        }
    }
    put(b, "\"%s", len > n ? "..." : "");
}

static void put_arg(Buf *b, char f, const uint32_t *a, int i)
{
    uint32_t v = a[i];
    switch (f) {
    case 'd': put(b, "%d", (int32_t)v); break;
    case 'u': put(b, "%u", v); break;
    case 'o': put(b, v ? "0%o" : "0", v); break;
    case 'p': if (v) put(b, "0x%x", v); else put(b, "NULL"); break;
    case 's': if (v) put_string(b, v, 0, true, 256); else put(b, "NULL"); break;
    case 'b': put_string(b, v, i < 5 ? a[i + 1] : 0, false, 32); break;
    case 'B': put(b, v ? "0x%x" : "NULL", v); break; /* (strace_exit prints it) */
    case 'A': if ((int32_t)v == -100) put(b, "AT_FDCWD"); else put(b, "%d", (int32_t)v); break;
    case 'O': put_flags(b, (uint32_t)open_flags_to_host(v), open_flags, N(open_flags), "0"); break;
    case 'P': put_flags(b, abi_flags_to_host(GG_prot, v), prot_flags, N(prot_flags), "PROT_NONE"); break;
    case 'M': put_flags(b, abi_flags_to_host(GG_mmap, v), map_flags, N(map_flags), "0"); break;
    case 'X': put_flags(b, v, futex_ops, N(futex_ops), "0"); break;
    case 'S': {
        const char *n = v ? signal_name(signal_to_host((int)v)) : NULL;
        if (n) put(b, "%s", n); else put(b, "%d", (int32_t)v);
        break;
    }
    case 'C': if (v < N(clock_names)) put(b, "%s", clock_names[v]); else put(b, "%d", (int32_t)v); break;
    case 'F': {
        const char *n = const_name_of(fcntl_names, N(fcntl_names), v);
        if (n) put(b, "%s", n); else put(b, "%d", (int32_t)v);
        break;
    }
    case 'W': if (v < N(whence_names)) put(b, "%s", whence_names[v]); else put(b, "%d", (int32_t)v); break;
    case 'H': {
        const char *n = const_name_of(sigmask_how, N(sigmask_how), v);
        if (n) put(b, "%s", n); else put(b, "%d", (int32_t)v);
        break;
    }
    case 'R': put_flags(b, v, access_modes, N(access_modes), "F_OK"); break;
    case 'T': put_flags(b, v, at_flags, N(at_flags), "0"); break;
    case 'I': {
        const char *n = ioctl_name(v);
        if (n) put(b, "%s", n); else put(b, "0x%x", v);
        break;
    }
    default: put(b, v ? "0x%x" : "0", v); break;
    }
}

/* Column of the current thread's unfinished call line (after the pid), so
   that strace_exit can put " = " at column 40 as strace does, and its name
   for "<... NAME resumed>". */
static __thread size_t call_col;
static __thread char call_name[32];

/* A 'B' argument (a buffer the call fills, of the length it returns) and
   those after it are printed with the result, as strace does: the line
   stops at "read(3, " while the call runs. */
static __thread struct {
    bool on;
    int from, nargs;
    char fmt[8];
    uint32_t a[6];
} deferred;

/* Which thread's call line is open (printed without its result): its tid,
   or 0.  When another thread or process prints meanwhile, the open line is
   ended with " <unfinished ...>" and the result later comes as
   "TID <... NAME resumed> = RESULT", as strace -f does.  Shared by forked
   processes that write to the same log, so kept in a MAP_SHARED page with
   the log's identity: a process whose log is another file (a child that
   redirected its stderr) starts a page of its own.  Races between writers
   only garble the markers, never the calls. */
typedef struct LineOwner {
    dev_t dev;
    ino_t ino;
    int tid;
} LineOwner;
static LineOwner *line_owner;

static int *owner(void)
{
    static LineOwner fallback;
    struct stat st;
    if (fstat(fileno(log_out()), &st) != 0)
        st.st_dev = 0, st.st_ino = 0;
    if (!line_owner || line_owner->dev != st.st_dev || line_owner->ino != st.st_ino) {
        void *p = mmap(NULL, sizeof *line_owner, PROT_READ | PROT_WRITE,
                       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        line_owner = p == MAP_FAILED ? &fallback : p;
        *line_owner = (LineOwner){ .dev = st.st_dev, .ino = st.st_ino, .tid = 0 };
    }
    return &line_owner->tid;
}

/* Start a line of our own: end another's open line first.  claim: ours is
   left open for a result. */
static void line_start(Buf *b, bool claim)
{
    int me = (int)gettid();
    int prev = __atomic_exchange_n(owner(), claim ? me : 0, __ATOMIC_ACQ_REL);
    if (prev)
        put(b, " <unfinished ...>\n");
}

static void emit(Buf *b)
{
    FILE *f = log_out();
    fwrite(b->s, 1, b->n, f);
    fflush(f);
}

void strace_enter(const char *name, const char *fmt, int nargs, const uint32_t *a)
{
    Buf b = { .n = 0 };
    /* exit and exit_group end with " = ?" printed elsewhere (thread.c,
       syscall-proc.c); a successful exec never returns here. */
    bool noreturn = !strcmp(name, "exit") || !strcmp(name, "exit_group");
    bool exec = !strncmp(name, "execve", 6);
    line_start(&b, !noreturn && !exec);
    deferred.on = false; /* (a call that never reached strace_exit) */
    snprintf(call_name, sizeof call_name, "%s", name);
    put(&b, "%d ", (int)gettid());
    size_t start = b.n;
    put(&b, "%s(", name);
    size_t nf = strlen(fmt);
    bool first = true;
    for (int i = 0; i < nargs && i < 6; i++) {
        char f = (size_t)i < nf ? fmt[i] : 'x';
        /* open/openat's mode means something only with O_CREAT or
           O_TMPFILE; strace leaves it out otherwise. */
        if (f == 'o' && i > 0 && fmt[i - 1] == 'O' && !(a[i - 1] & (0100 | 020000000)))
            continue;
        if (!first)
            put(&b, ", ");
        first = false;
        if (f == 'B' && !exec) {
            deferred.on = true;
            deferred.from = i;
            deferred.nargs = nargs < 6 ? nargs : 6;
            snprintf(deferred.fmt, sizeof deferred.fmt, "%s", fmt);
            memcpy(deferred.a, a, sizeof deferred.a);
            call_col = b.n - start;
            emit(&b);
            return;
        }
        put_arg(&b, f, a, i);
    }
    put(&b, ")");
    call_col = b.n - start;
    if (exec) {
        put(&b, " <unfinished ...>\n"); /* the new program's calls follow */
        call_col = 0;
    }
    emit(&b);
}

/* Spaces up to column 40 (strace's alignment of the result). */
static void pad_result(Buf *b)
{
    if (call_col < 39)
        put(b, "%*s", (int)(39 - call_col), "");
    call_col = 0;
}

/* " = -1 ENOENT (No such file or directory)" */
static void put_error(Buf *b, int e)
{
    if (e == 513) { /* ERESTARTNOINTR (signal-priv.h): restarted, as strace shows it */
        put(b, " = ? ERESTARTNOINTR (To be restarted)\n");
        return;
    }
    const char *n = strerrorname_np(e);
    if (n)
        put(b, " = -1 %s (%s)\n", n, strerror(e));
    else
        put(b, " = -1 %d (%s)\n", e, strerror(e));
}

void strace_exit(char rfmt, long ret)
{
    Buf b = { .n = 0 };
    int me = (int)gettid();
    int prev = __atomic_exchange_n(owner(), 0, __ATOMIC_ACQ_REL);
    if (prev != me) {
        /* Our line was ended by someone else's (or this is a fork child
           finishing its parent's clone): say whose result this is. */
        if (prev)
            put(&b, " <unfinished ...>\n");
        put(&b, "%d <... %s resumed>%s", (int)gettid(), call_name, deferred.on ? "" : ")");
        call_col = strlen(call_name) + (deferred.on ? 14 : 15); /* "<... NAME resumed>)" */
    }
    if (deferred.on) {
        /* The filled buffer, then the arguments after it. */
        deferred.on = false;
        size_t n0 = b.n;
        uint32_t addr = deferred.a[deferred.from];
        if (ret >= 0)
            put_string(&b, addr, (uint32_t)ret, false, 32);
        else
            put(&b, addr ? "0x%x" : "NULL", addr);
        size_t nf = strlen(deferred.fmt);
        for (int i = deferred.from + 1; i < deferred.nargs; i++) {
            put(&b, ", ");
            put_arg(&b, (size_t)i < nf ? deferred.fmt[i] : 'x', deferred.a, i);
        }
        put(&b, ")");
        call_col += b.n - n0;
    }
    pad_result(&b);
    if (ret == SYSCALL_REGS_RESTORED) /* sigreturn: no result of its own */
        put(&b, " = ?\n");
    else if (ret < 0 && ret >= -4095)
        put_error(&b, (int)-ret);
    else if (rfmt == 'x' || rfmt == 'p')
        put(&b, " = 0x%x\n", (uint32_t)ret);
    else if (rfmt == 'o')
        put(&b, " = 0%o\n", (uint32_t)ret);
    else
        put(&b, " = %d\n", (int32_t)ret);
    emit(&b);
}

/* si_code names: the generic ones, then those of particular signals. */
static const char *si_code_name(int sig, int code)
{
    static const char *const generic[] = { "SI_USER", "SI_QUEUE", "SI_TIMER", "SI_MESGQ",
                                           "SI_ASYNCIO", "SI_SIGIO", "SI_TKILL" };
    static const char *const chld[] = { "CLD_EXITED", "CLD_KILLED", "CLD_DUMPED",
                                        "CLD_TRAPPED", "CLD_STOPPED", "CLD_CONTINUED" };
    static const char *const segv[] = { "SEGV_MAPERR", "SEGV_ACCERR" };
    static const char *const bus[] = { "BUS_ADRALN", "BUS_ADRERR", "BUS_OBJERR" };
    static const char *const ill[] = { "ILL_ILLOPC", "ILL_ILLOPN", "ILL_ILLADR", "ILL_ILLTRP",
                                       "ILL_PRVOPC", "ILL_PRVREG", "ILL_COPROC", "ILL_BADSTK" };
    static const char *const fpe[] = { "FPE_INTDIV", "FPE_INTOVF", "FPE_FLTDIV", "FPE_FLTOVF",
                                       "FPE_FLTUND", "FPE_FLTRES", "FPE_FLTINV", "FPE_FLTSUB" };
    static const char *const trap[] = { "TRAP_BRKPT", "TRAP_TRACE" };
    if (code == 0x80)
        return "SI_KERNEL";
    if (code <= 0 && -code < (int)N(generic))
        return generic[-code];
    const char *const *t = NULL;
    size_t n = 0;
    switch (sig) {
    case SIGCHLD: t = chld; n = N(chld); break;
    case SIGSEGV: t = segv; n = N(segv); break;
    case SIGBUS: t = bus; n = N(bus); break;
    case SIGILL: t = ill; n = N(ill); break;
    case SIGFPE: t = fpe; n = N(fpe); break;
    case SIGTRAP: t = trap; n = N(trap); break;
    }
    return code >= 1 && (size_t)code <= n ? t[code - 1] : NULL;
}

void strace_signal(int sig, int code, const uint32_t *f)
{
    /* f: the guest siginfo's union (32-bit words after signo, errno, code). */
    Buf b = { .n = 0 };
    line_start(&b, false);
    const char *sn = signal_name(sig), *cn = si_code_name(sig, code);
    char num[16];
    snprintf(num, sizeof num, "%d", sig);
    if (!sn)
        sn = num;
    put(&b, "%d --- %s {si_signo=%s, si_code=", (int)gettid(), sn, sn);
    if (cn)
        put(&b, "%s", cn);
    else
        put(&b, "%d", code);
    bool fault = sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP;
    if (fault && code > 0)
        put(&b, ", si_addr=0x%x", f[0]);
    else if (sig == SIGCHLD && code > 0)
        put(&b, ", si_pid=%d, si_uid=%u, si_status=%d", (int32_t)f[0], f[1], (int32_t)f[2]);
    else if (code == 0 || code == -6) /* SI_USER, SI_TKILL */
        put(&b, ", si_pid=%d, si_uid=%u", (int32_t)f[0], f[1]);
    else if (code == -1) /* SI_QUEUE */
        put(&b, ", si_pid=%d, si_uid=%u, si_int=%d", (int32_t)f[0], f[1], (int32_t)f[2]);
    put(&b, "} ---\n");
    emit(&b);
}

void strace_unknown(uint32_t nr, const char *name, const uint32_t *a)
{
    Buf b = { .n = 0 };
    line_start(&b, false);
    if (name)
        put(&b, "%d %s(", (int)gettid(), name);
    else
        put(&b, "%d syscall_%u(", (int)gettid(), nr);
    put(&b, "0x%x, 0x%x, 0x%x, 0x%x, 0x%x, 0x%x)", a[0], a[1], a[2], a[3], a[4], a[5]);
    put_error(&b, ENOSYS);
    emit(&b);
}
