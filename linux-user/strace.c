/*
 * -strace: print each guest syscall like strace(1), driven by the format
 * strings of linux-user/syscall-ids.h:
 *     12345 openat(AT_FDCWD,"/etc/passwd",O_RDONLY|O_CLOEXEC,0) = 3
 *     12345 write(1,"hello\n",6) = 6
 *     12345 stat64("/nope",0xbefff6c8) = -1 errno=2 (No such file or directory)
 * The call is printed before it runs (so a blocking call or the guest's own
 * output shows up in order) and the result after it.  Guest memory is read
 * only through the checked accessors: a bad pointer prints as a number.
 */
#include <stdarg.h>
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

/* Guest (ARM / asm-generic) values. */
static const FlagName open_flags[] = {
    { 3, 0, "O_RDONLY" },     { 3, 1, "O_WRONLY" },          { 3, 2, "O_RDWR" },
    { 0100, 0100, "O_CREAT" }, { 0200, 0200, "O_EXCL" },     { 0400, 0400, "O_NOCTTY" },
    { 01000, 01000, "O_TRUNC" }, { 02000, 02000, "O_APPEND" }, { 04000, 04000, "O_NONBLOCK" },
    { 04010000, 04010000, "O_SYNC" }, { 010000, 010000, "O_DSYNC" },
    { 040000, 040000, "O_DIRECTORY" }, { 0100000, 0100000, "O_NOFOLLOW" },
    { 0200000, 0200000, "O_DIRECT" }, { 0400000, 0400000, "O_LARGEFILE" },
    { 01000000, 01000000, "O_NOATIME" }, { 02000000, 02000000, "O_CLOEXEC" },
    { 010000000, 010000000, "O_PATH" }, { 020000000, 020000000, "O_TMPFILE" },
};
static const FlagName prot_flags[] = {
    { 1, 1, "PROT_READ" }, { 2, 2, "PROT_WRITE" }, { 4, 4, "PROT_EXEC" },
    { 0x01000000, 0x01000000, "PROT_GROWSDOWN" }, { 0x02000000, 0x02000000, "PROT_GROWSUP" },
};
static const FlagName map_flags[] = {
    { 0xf, 1, "MAP_SHARED" }, { 0xf, 2, "MAP_PRIVATE" }, { 0xf, 3, "MAP_SHARED_VALIDATE" },
    { 0x10, 0x10, "MAP_FIXED" }, { 0x20, 0x20, "MAP_ANONYMOUS" }, { 0x100, 0x100, "MAP_GROWSDOWN" },
    { 0x800, 0x800, "MAP_DENYWRITE" }, { 0x1000, 0x1000, "MAP_EXECUTABLE" },
    { 0x2000, 0x2000, "MAP_LOCKED" }, { 0x4000, 0x4000, "MAP_NORESERVE" },
    { 0x8000, 0x8000, "MAP_POPULATE" }, { 0x10000, 0x10000, "MAP_NONBLOCK" },
    { 0x20000, 0x20000, "MAP_STACK" }, { 0x40000, 0x40000, "MAP_HUGETLB" },
    { 0x100000, 0x100000, "MAP_FIXED_NOREPLACE" },
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
static const char *const sigmask_how[] = { "SIG_BLOCK", "SIG_UNBLOCK", "SIG_SETMASK" };
static const FlagName access_modes[] = { { 7, 0, "F_OK" }, { 4, 4, "R_OK" }, { 2, 2, "W_OK" }, { 1, 1, "X_OK" } };
static const FlagName at_flags[] = {
    { 0x100, 0x100, "AT_SYMLINK_NOFOLLOW" }, { 0x200, 0x200, "AT_REMOVEDIR" },
    { 0x400, 0x400, "AT_SYMLINK_FOLLOW" }, { 0x800, 0x800, "AT_NO_AUTOMOUNT" },
    { 0x1000, 0x1000, "AT_EMPTY_PATH" },
};

static const char *const fcntl_names[] = {
    "F_DUPFD", "F_GETFD", "F_SETFD", "F_GETFL", "F_SETFL", "F_GETLK", "F_SETLK", "F_SETLKW",
    "F_SETOWN", "F_GETOWN", "F_SETSIG", "F_GETSIG", "F_GETLK64", "F_SETLK64", "F_SETLKW64",
};

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
        case '"': put(b, "\\\""); break;
        case '\\': put(b, "\\\\"); break;
        default:
            if (c >= 32 && c < 127)
                put(b, "%c", c);
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
    case 'A': if ((int32_t)v == -100) put(b, "AT_FDCWD"); else put(b, "%d", (int32_t)v); break;
    case 'O': put_flags(b, v, open_flags, N(open_flags), "0"); break;
    case 'P': put_flags(b, v, prot_flags, N(prot_flags), "PROT_NONE"); break;
    case 'M': put_flags(b, v, map_flags, N(map_flags), "0"); break;
    case 'X': put_flags(b, v, futex_ops, N(futex_ops), "0"); break;
    case 'S': {
        const char *n = signal_name((int)v);
        if (n) put(b, "%s", n); else put(b, "%d", (int32_t)v);
        break;
    }
    case 'C': if (v < N(clock_names)) put(b, "%s", clock_names[v]); else put(b, "%d", (int32_t)v); break;
    case 'F': if (v < N(fcntl_names)) put(b, "%s", fcntl_names[v]); else put(b, "%d", (int32_t)v); break;
    case 'W': if (v < N(whence_names)) put(b, "%s", whence_names[v]); else put(b, "%d", (int32_t)v); break;
    case 'H': if (v < N(sigmask_how)) put(b, "%s", sigmask_how[v]); else put(b, "%d", (int32_t)v); break;
    case 'R': put_flags(b, v, access_modes, N(access_modes), "F_OK"); break;
    case 'T': put_flags(b, v, at_flags, N(at_flags), "0"); break;
    case 'I': {
        const char *n = ioctl_name(v);
        if (n) put(b, "%s", n); else put(b, "0x%x", v);
        break;
    }
    default: put(b, "0x%x", v); break;
    }
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
    put(&b, "%d %s(", (int)getpid(), name);
    size_t nf = strlen(fmt);
    for (int i = 0; i < nargs && i < 6; i++) {
        if (i)
            put(&b, ",");
        put_arg(&b, (size_t)i < nf ? fmt[i] : 'x', a, i);
    }
    put(&b, ")");
    emit(&b);
}

void strace_exit(char rfmt, long ret)
{
    Buf b = { .n = 0 };
    if (ret < 0 && ret >= -4095)
        put(&b, " = -1 errno=%ld (%s)\n", -ret, strerror((int)-ret));
    else if (rfmt == 'x' || rfmt == 'p')
        put(&b, " = 0x%x\n", (uint32_t)ret);
    else if (rfmt == 'o')
        put(&b, " = 0%o\n", (uint32_t)ret);
    else
        put(&b, " = %d\n", (int32_t)ret);
    emit(&b);
}

void strace_unknown(uint32_t nr, const char *name, const uint32_t *a)
{
    Buf b = { .n = 0 };
    if (name)
        put(&b, "%d %s(", (int)getpid(), name);
    else
        put(&b, "%d syscall_%u(", (int)getpid(), nr);
    put(&b, "0x%x,0x%x,0x%x,0x%x,0x%x,0x%x) = -1 errno=%d (%s)\n", a[0], a[1], a[2], a[3], a[4],
        a[5], ENOSYS, strerror(ENOSYS));
    emit(&b);
}
