/*
 * Old-style syscalls that pass their arguments in a block of guest memory
 * or multiplex many calls behind one number (i386, and PowerPC for
 * socketcall/ipc): mmap with an argument block (old_mmap), select with an
 * argument block (old_select), socketcall and ipc.  The per-target tables
 * reach them through override rows (syscall-tables/<target>-override.c);
 * each unpacks its arguments (32-bit words in guest byte order) and runs the
 * generic handler, so the conversions stay in one place.
 */
#include <sys/ipc.h>

#include "linux-user/syscall-priv.h"

/* mmap(struct mmap_arg_struct *): addr, len, prot, flags, fd, offset in
   bytes (a multiple of the page size). */
long sys_old_mmap(CPUCommon *env, const uint32_t *a)
{
    uint32_t w[6];
    if (get_user_u32s(w, a[0], 6) < 0)
        return -EFAULT;
    if (w[5] & (GUEST_PAGE_SIZE - 1))
        return -EINVAL;
    const uint32_t b[6] = { w[0], w[1], w[2], w[3], w[4], w[5] >> 12 };
    return sys_mmap2(env, b);
}

/* select(struct sel_arg_struct *): n, inp, outp, exp, tvp. */
long sys_old_select(CPUCommon *env, const uint32_t *a)
{
    uint32_t w[5];
    if (get_user_u32s(w, a[0], 5) < 0)
        return -EFAULT;
    const uint32_t b[6] = { w[0], w[1], w[2], w[3], w[4], 0 };
    return sys__newselect(env, b);
}

/* socketcall(call, unsigned long *args): the calls of linux/net.h
   (SYS_SOCKET = 1 ... SYS_SENDMMSG = 20, the same on every target) with
   their argument counts. */
static const struct {
    SyscallFn *fn;
    uint8_t nargs;
} socket_calls[] = {
    [1] = { sys_socket, 3 },       [2] = { sys_bind, 3 },         [3] = { sys_connect, 3 },
    [4] = { sys_listen, 2 },       [5] = { sys_accept, 3 },       [6] = { sys_getsockname, 3 },
    [7] = { sys_getpeername, 3 },  [8] = { sys_socketpair, 4 },   [9] = { sys_send, 4 },
    [10] = { sys_recv, 4 },        [11] = { sys_sendto, 6 },      [12] = { sys_recvfrom, 6 },
    [13] = { sys_shutdown, 2 },    [14] = { sys_setsockopt, 5 },  [15] = { sys_getsockopt, 5 },
    [16] = { sys_sendmsg, 3 },     [17] = { sys_recvmsg, 3 },     [18] = { sys_accept4, 4 },
    [19] = { sys_recvmmsg, 5 },    [20] = { sys_sendmmsg, 4 },
};

long sys_socketcall(CPUCommon *env, const uint32_t *a)
{
    uint32_t call = a[0];
    if (call >= sizeof socket_calls / sizeof socket_calls[0] || !socket_calls[call].fn)
        return -EINVAL;
    uint32_t b[6] = { 0 };
    if (get_user_u32s(b, a[1], socket_calls[call].nargs) < 0)
        return -EFAULT;
    return socket_calls[call].fn(env, b);
}

/* ipc(call, first, second, third, ptr, fifth): the SysV IPC calls of
   linux/ipc.h; the version in call's upper half picks msgrcv's and shmat's
   argument convention. */
enum {
    IPCOP_SEMOP = 1, IPCOP_SEMGET, IPCOP_SEMCTL, IPCOP_SEMTIMEDOP,
    IPCOP_MSGSND = 11, IPCOP_MSGRCV, IPCOP_MSGGET, IPCOP_MSGCTL,
    IPCOP_SHMAT = 21, IPCOP_SHMDT, IPCOP_SHMGET, IPCOP_SHMCTL,
};

long sys_ipc(CPUCommon *env, const uint32_t *a)
{
    uint32_t call = a[0] & 0xffff, version = a[0] >> 16;
    uint32_t first = a[1], second = a[2], third = a[3], ptr = a[4], fifth = a[5];
    switch (call) {
    case IPCOP_SEMOP:
        return sys_semop(env, (const uint32_t[6]){ first, ptr, second });
    case IPCOP_SEMTIMEDOP:
        return sys_semtimedop(env, (const uint32_t[6]){ first, ptr, second, fifth });
    case IPCOP_SEMGET:
        return sys_semget(env, (const uint32_t[6]){ first, second, third });
    case IPCOP_SEMCTL: { /* the union semun is passed by pointer */
        uint32_t arg = 0;
        if (ptr && get_user_u32(ptr, &arg) < 0)
            return -EFAULT;
        return sys_semctl(env, (const uint32_t[6]){ first, second, third, arg });
    }
    case IPCOP_MSGSND:
        return sys_msgsnd(env, (const uint32_t[6]){ first, ptr, second, third });
    case IPCOP_MSGRCV:
        if (version == 0) { /* struct ipc_kludge { msgp; long msgtyp; } at ptr */
            uint32_t k[2];
            if (get_user_u32s(k, ptr, 2) < 0)
                return -EFAULT;
            return sys_msgrcv(env, (const uint32_t[6]){ first, k[0], second, k[1], third });
        }
        return sys_msgrcv(env, (const uint32_t[6]){ first, ptr, second, fifth, third });
    case IPCOP_MSGGET:
        return sys_msgget(env, (const uint32_t[6]){ first, second });
    case IPCOP_MSGCTL:
        return sys_msgctl(env, (const uint32_t[6]){ first, second, ptr });
    case IPCOP_SHMAT: {
        if (version == 1)
            return -EINVAL; /* the iBCS2 convention: not for Linux programs */
        /* The address comes back through third. */
        if (!guest_ok_write(third, 4))
            return -EFAULT;
        long r = sys_shmat(env, (const uint32_t[6]){ first, ptr, second });
        if (r < 0 && r >= -4095)
            return r;
        put_guest_u32(third, (uint32_t)r);
        return 0;
    }
    case IPCOP_SHMDT:
        return sys_shmdt(env, (const uint32_t[6]){ ptr });
    case IPCOP_SHMGET:
        return sys_shmget(env, (const uint32_t[6]){ first, second, third });
    case IPCOP_SHMCTL:
        return sys_shmctl(env, (const uint32_t[6]){ first, second, ptr });
    default:
        log_unimp_once(0xf5000000u | call, "unsupported ipc call %u", call);
        return -ENOSYS;
    }
}
