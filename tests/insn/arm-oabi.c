/*
 * Old-ABI (OABI) syscalls, hand-written: "svc #0x900000+n" in ARM state with
 * the arguments in r0-r5, as very old static binaries make them (there is
 * no OABI toolchain here; a kernel with CONFIG_OABI_COMPAT decides by the
 * instruction, so an EABI program can make them too).  Checked: write,
 * getpid, the packed struct stat64 (st_size at 44, st_blocks at 56, st_ino
 * at 88, 96 bytes written), pread64/ftruncate64 with their 64-bit argument
 * in r3:r4 / r1:r2, epoll_event (data at 4, 12 bytes), the old mmap and
 * select (arguments in memory), time, socketcall with a 112-byte
 * sockaddr_un, ipc semop with the 8-byte OABI sembuf, syscall(), and that
 * svc #0 still takes the number from r7.  Expected values by hand.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

/* r0 = svc #IMM(r0..r5) */
#define OABI(imm, a0, a1, a2, a3, a4, a5) ({                                                   \
    register uint32_t r0 __asm__("r0") = (uint32_t)(a0);                                       \
    register uint32_t r1 __asm__("r1") = (uint32_t)(a1);                                       \
    register uint32_t r2 __asm__("r2") = (uint32_t)(a2);                                       \
    register uint32_t r3 __asm__("r3") = (uint32_t)(a3);                                       \
    register uint32_t r4 __asm__("r4") = (uint32_t)(a4);                                       \
    register uint32_t r5 __asm__("r5") = (uint32_t)(a5);                                       \
    __asm__ volatile("svc %[n]" : "+r"(r0) : [n] "i"(imm), "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r5) \
                     : "memory");                                                              \
    (int32_t)r0; })

static uint32_t u32at(const uint8_t *p, int off) { uint32_t v; memcpy(&v, p + off, 4); return v; }
static uint64_t u64at(const uint8_t *p, int off) { uint64_t v; memcpy(&v, p + off, 8); return v; }

int main(void)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/mimic-oabi-%d", (int)getpid());

    fflush(stdout);
    int32_t r = OABI(0x900004, 1, "hello from OABI write\n", 22, 0, 0, 0);
    printf("write -> %d\n", r);
    printf("getpid matches: %d\n", OABI(0x900014, 0, 0, 0, 0, 0, 0) == getpid());
    {
        /* svc #0 is EABI: getpid by r7 */
        register uint32_t r7 __asm__("r7") = 20;
        register uint32_t r0 __asm__("r0") = 0;
        __asm__ volatile("svc #0" : "+r"(r0) : "r"(r7) : "memory");
        printf("eabi getpid matches: %d\n", (int)r0 == getpid());
    }

    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    char data[100];
    for (int i = 0; i < 100; i++)
        data[i] = (char)('a' + i % 26);
    write(fd, data, sizeof data);

    struct stat st;
    stat(path, &st);
    uint8_t b[104];
    memset(b, 0xee, sizeof b);
    r = OABI(0x9000c3, path, b, 0, 0, 0, 0); /* stat64 */
    printf("stat64 -> %d size@44 %llu mode@16 %o nlink@20 %u ino@88 %s blocks@56 %s tail %02x%02x\n", r,
           (unsigned long long)u64at(b, 44), u32at(b, 16), u32at(b, 20),
           u64at(b, 88) == (uint64_t)st.st_ino ? "ok" : "bad", u64at(b, 56) == (uint64_t)st.st_blocks ? "ok" : "bad",
           b[96], b[103]);
    memset(b, 0xee, sizeof b);
    r = OABI(0x9000c5, fd, b, 0, 0, 0, 0); /* fstat64 */
    printf("fstat64 -> %d size@44 %llu blksize@52 %s mtime@72 %s\n", r, (unsigned long long)u64at(b, 44),
           u32at(b, 52) == (uint32_t)st.st_blksize ? "ok" : "bad",
           u32at(b, 72) == (uint32_t)st.st_mtime ? "ok" : "bad");

    char got[8] = {0};
    r = OABI(0x9000b4, fd, got, 5, 30, 0, 0); /* pread64(fd, buf, 5, offset 30 in r3:r4) */
    printf("pread64 -> %d '%s'\n", r, got);
    r = OABI(0x9000c2, fd, 4000, 0, 0, 0, 0); /* ftruncate64(fd, 4000 in r1:r2) */
    fstat(fd, &st);
    printf("ftruncate64 -> %d size %lld\n", r, (long long)st.st_size);

    /* epoll with a pipe: OABI struct epoll_event is 12 bytes */
    int p[2];
    pipe(p);
    int ep = epoll_create1(0);
    uint8_t ev[24];
    uint32_t events = 1; /* EPOLLIN */
    uint64_t edata = 0x1122334455667788ull;
    memcpy(ev, &events, 4);
    memcpy(ev + 4, &edata, 8);
    r = OABI(0x9000fb, ep, 1 /* EPOLL_CTL_ADD */, p[0], ev, 0, 0);
    printf("epoll_ctl -> %d\n", r);
    write(p[1], "x", 1);
    memset(ev, 0xee, sizeof ev);
    r = OABI(0x9000fc, ep, ev, 2, 1000, 0, 0);
    printf("epoll_wait -> %d events %x data %llx next %02x\n", r, u32at(ev, 0), (unsigned long long)u64at(ev, 4),
           ev[12]);

    /* old mmap: the six arguments in memory, the offset in bytes */
    uint32_t margs[6] = {0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE, (uint32_t)fd, 0};
    r = OABI(0x90005a, margs, 0, 0, 0, 0, 0);
    printf("mmap -> %s first '%c'\n", r > 0 || r < -4096 ? "addr" : "error", r > 0 || r < -4096 ? *(char *)r : '?');
    margs[5] = 100;
    printf("mmap unaligned offset -> %d\n", OABI(0x90005a, margs, 0, 0, 0, 0, 0));

    /* old select: {n, in, out, ex, tv} in memory; the pipe still has "x" */
    fd_set rs;
    FD_ZERO(&rs);
    FD_SET(p[0], &rs);
    struct timeval tv = {0, 0};
    uint32_t sargs[5] = {(uint32_t)p[0] + 1, (uint32_t)&rs, 0, 0, (uint32_t)&tv};
    r = OABI(0x900052, sargs, 0, 0, 0, 0, 0);
    printf("select -> %d readable %d\n", r, FD_ISSET(p[0], &rs) != 0);

    uint32_t t = 0;
    r = OABI(0x90000d, &t, 0, 0, 0, 0, 0);
    time_t now = time(NULL);
    printf("time ok: %d\n", r == (int32_t)t && (now - r) >= 0 && (now - r) <= 2);

    /* socketcall: socket(AF_UNIX, SOCK_STREAM), bind with OABI's 112-byte sockaddr_un */
    uint32_t sk[3] = {AF_UNIX, SOCK_STREAM, 0};
    int s = OABI(0x900066, 1, sk, 0, 0, 0, 0);
    printf("socketcall socket -> %s\n", s >= 0 ? "fd" : "error");
    uint8_t sun[112] = {0};
    uint16_t fam = AF_UNIX;
    memcpy(sun, &fam, 2);
    snprintf((char *)sun + 2, 108, "%s.sock", path);
    uint32_t bargs[3] = {(uint32_t)s, (uint32_t)sun, 112};
    printf("socketcall bind(112) -> %d\n", OABI(0x900066, 2, bargs, 0, 0, 0, 0));
    unlink((char *)sun + 2);

    /* ipc: semget, semop with an 8-byte sembuf {num 0, op +3, flg 0, pad}, semctl GETVAL, IPC_RMID */
    int id = OABI(0x900075, 2 /* SEMGET */, 0 /* IPC_PRIVATE */, 1, 0600, 0, 0);
    uint16_t sops[8] = {0, 3, 0, 0xffff, 0, (uint16_t)-1, 0, 0xffff};
    printf("ipc semop -> %d\n", OABI(0x900075, 1 /* SEMOP */, id, 1, 0, sops, 0));
    uint32_t arg = 0;
    printf("ipc semctl GETVAL -> %d\n", OABI(0x900075, 3 /* SEMCTL */, id, 0, 12 /* GETVAL */, &arg, 0));
    printf("semop 2 ops -> %d\n", OABI(0x90012a, id, sops, 2, 0, 0, 0));
    printf("ipc semctl GETVAL -> %d\n", OABI(0x900075, 3, id, 0, 12, &arg, 0));
    printf("ipc semctl IPC_RMID -> %d\n", OABI(0x900075, 3, id, 0, 0 /* IPC_RMID */, &arg, 0));

    /* syscall(): the indirect call, number with the base */
    printf("syscall(getpid) matches: %d\n", OABI(0x900071, 0x900014, 0, 0, 0, 0, 0) == getpid());
    printf("syscall(stat64) -> %d size@44 %llu\n", OABI(0x900071, 0x9000c3, path, b, 0, 0, 0),
           (unsigned long long)u64at(b, 44));

    /* fcntl64 locks: OABI struct flock64 {type, whence, start@4, len@12, pid@20} */
    uint8_t fl[24];
    int16_t lt = F_WRLCK, wh = SEEK_SET;
    int64_t start = 10, len = 5;
    memcpy(fl, &lt, 2);
    memcpy(fl + 2, &wh, 2);
    memcpy(fl + 4, &start, 8);
    memcpy(fl + 12, &len, 8);
    printf("fcntl64 F_SETLK64 -> %d\n", OABI(0x9000dd, fd, 13 /* F_SETLK64 */, fl, 0, 0, 0));
    r = OABI(0x9000dd, fd, 12 /* F_GETLK64 */, fl, 0, 0, 0);
    printf("fcntl64 F_GETLK64 -> %d type %d start %lld len %lld\n", r, *(int16_t *)fl, (long long)u64at(fl, 4),
           (long long)u64at(fl, 12));

    /* the old getrlimit clamps to 0x7fffffff; utime; alarm */
    uint32_t rl[2];
    struct rlimit hr;
    getrlimit(RLIMIT_NOFILE, &hr);
    r = OABI(0x90004c, RLIMIT_NOFILE, rl, 0, 0, 0, 0);
    printf("getrlimit -> %d matches %d\n", r, rl[0] == (uint32_t)hr.rlim_cur);
    getrlimit(RLIMIT_CPU, &hr); /* unlimited (~0) reads as 0x7fffffff */
    r = OABI(0x90004c, RLIMIT_CPU, rl, 0, 0, 0, 0);
    printf("getrlimit CPU -> %d clamped %d\n", r,
           rl[1] == (hr.rlim_max > 0x7fffffffu ? 0x7fffffffu : (uint32_t)hr.rlim_max));
    uint32_t ut[2] = {1000000, 2000000};
    r = OABI(0x90001e, path, ut, 0, 0, 0, 0);
    stat(path, &st);
    printf("utime -> %d atime %ld mtime %ld\n", r, (long)st.st_atime, (long)st.st_mtime);
    OABI(0x90001b, 10, 0, 0, 0, 0, 0);
    printf("alarm -> %d\n", OABI(0x90001b, 0, 0, 0, 0, 0, 0));

    /* readdir: one entry per call, 0 at the end */
    char dir[80], f2[100];
    snprintf(dir, sizeof dir, "%s.d", path);
    mkdir(dir, 0700);
    snprintf(f2, sizeof f2, "%s/only-file", dir);
    close(open(f2, O_CREAT | O_WRONLY, 0600));
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    int n = 0, seen = 0;
    uint8_t de[300];
    while ((r = OABI(0x900059, dfd, de, 1, 0, 0, 0)) == 1) {
        n++;
        if (!strcmp((char *)de + 10, "only-file") && *(uint16_t *)(de + 8) == 9)
            seen = 1;
    }
    printf("readdir: %d entries, only-file %d, last -> %d\n", n, seen, r);
    close(dfd);
    unlink(f2);
    rmdir(dir);

    unlink(path);
    fflush(stdout);
    OABI(0x900001, 0, 0, 0, 0, 0, 0); /* exit(0) */
    return 1;
}
