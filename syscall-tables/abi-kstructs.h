/*
 * Probe-only header for tools/gen-abi.py (never included by mimic itself).
 *
 * A few structures the syscall layer converts are kernel-internal: the
 * kernel's uapi headers do not define them for user space.  They are
 * declared here in terms of the uapi types of the target being probed, so
 * the cross compiler still decides sizes, alignment and padding.  Each one
 * names the kernel source that defines it.
 */
#ifndef MIMIC_ABI_KSTRUCTS_H
#define MIMIC_ABI_KSTRUCTS_H

#include <linux/types.h>
#include <asm/signal.h>

/* rt_sigaction's struct (include/linux/signal_types.h, struct sigaction with
   __ARCH_HAS_SA_RESTORER; SPARC's uapi struct __new_sigaction has the same
   members in the same order). */
/* (The handler sits in a union so that `sa_handler` names it with or
   without the uapi's "#define sa_handler _u._sa_handler".) */
struct kernel_rt_sigaction {
    union {
        void *_sa_handler;
    } _u;
    unsigned long sa_flags;
    void *sa_restorer;
    struct { unsigned long sig[64 / (8 * sizeof(long))]; } sa_mask;
};

/* The old sigaction(2) struct (one-word mask): SPARC __old_sigaction, PPC
   old_sigaction, ARM and i386 the uapi struct sigaction.  x86-64 has no
   sigaction(2): its uapi struct sigaction is the rt one. */
#if defined(__sparc__)
#define kernel_old_sigaction __old_sigaction
#elif defined(__powerpc__)
#define kernel_old_sigaction old_sigaction
#elif !defined(__x86_64__)
#define kernel_old_sigaction sigaction
#endif

/* getdents / getdents64 records (fs/readdir.c). */
struct linux_dirent {
    unsigned long d_ino;
    unsigned long d_off;
    unsigned short d_reclen;
    char d_name[];
};
struct linux_dirent64 {
    __u64 d_ino;
    __s64 d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
};

/* The kernel's struct user_msghdr (include/linux/socket.h). */
struct user_msghdr {
    void *msg_name;
    int msg_namelen;
    void *msg_iov;
    __kernel_size_t msg_iovlen;
    void *msg_control;
    __kernel_size_t msg_controllen;
    unsigned int msg_flags;
};
/* struct cmsghdr (include/linux/socket.h). */
struct kernel_cmsghdr {
    __kernel_size_t cmsg_len;
    int cmsg_level;
    int cmsg_type;
};
/* struct sockaddr (include/linux/socket.h). */
struct kernel_sockaddr {
    unsigned short sa_family;
    char sa_data[14];
};
/* struct mmsghdr (include/linux/socket.h). */
struct kernel_mmsghdr {
    struct user_msghdr msg_hdr;
    unsigned int msg_len;
};

/* loff_t for the ioctl numbers that encode its size (PPC FIOQSIZE). */
typedef __kernel_loff_t loff_t;

/* The socket type mask (include/linux/net.h SOCK_TYPE_MASK). */
#define MIMIC_SOCK_TYPE_MASK 0xf

#endif
