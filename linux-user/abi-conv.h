/*
 * Structure converters of the syscall layer: host structure <-> the guest's
 * byte image of it, through the running target's generated layout
 * (include/guest-abi.h, section 2).  Pure functions on host buffers: they
 * touch no guest memory and read only `guest_abi`, so a unit test can
 * switch guest_abi_select() to each target and compare the images with
 * what that target's cross compiler lays out.
 *
 * *_to_guest functions fill g (at least GUEST_STRUCT_MAX bytes, zeroed
 * first) and return the guest size, 0 when the target has no such
 * structure.  *_from_guest functions read a guest image of ABI_SIZE bytes.
 * Flag and value fields are translated by name (abi_flags_* /
 * abi_value_*); signal numbers and sets with signal_to_* / sigset_to_*.
 */
#ifndef MIMIC_ABI_CONV_H
#define MIMIC_ABI_CONV_H

#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysinfo.h>

#include "guest-abi.h"

/* Largest guest structure converted here (statx: 256). */
#define GUEST_STRUCT_MAX 256

struct GuestSigaction;
struct GuestStack;

size_t stat64_to_guest(void *g, const struct stat *st);
size_t statfs64_to_guest(void *g, const struct statfs *s);
/* gs: GS_flock (32-bit offsets) or GS_flock64.  The lock type is
   translated (F_RDLCK...); -EINVAL for one the host lacks. */
long flock_from_guest(struct flock *fl, const void *g, int gs);
size_t flock_to_guest(void *g, const struct flock *fl, int gs);
void epoll_event_from_guest(struct epoll_event *e, const void *g);
size_t epoll_event_to_guest(void *g, const struct epoll_event *e);
size_t rusage_to_guest(void *g, const struct rusage *ru);
/* Sizes already scaled to 32 bits: shift is applied to the memory fields,
   mem_unit given as is. */
size_t sysinfo_to_guest(void *g, const struct sysinfo *s, int shift, uint32_t mem_unit);
/* struct sigaction as rt_sigaction takes it: handler and restorer
   addresses, SA_* translated to the host's values, the mask to host signal
   numbering. */
void sigaction_from_guest(struct GuestSigaction *a, const void *g);
size_t sigaction_to_guest(void *g, const struct GuestSigaction *a);
void stack_from_guest(struct GuestStack *s, const void *g);
size_t stack_to_guest(void *g, const struct GuestStack *s);

/* siginfo (128 bytes, word layout) <-> GuestSiginfo, numbers translated
   (signal, errno, SIGCHLD's signal status). */
struct GuestSiginfo;
void siginfo_to_guest(void *g, const struct GuestSiginfo *in);
void siginfo_from_guest(struct GuestSiginfo *out, const void *g);
/* A wait status whose signal number (killed or stopped) is the guest's. */
int wait_status_to_guest(int host_status);

/* A 64-signal set in one numbering -> the other (bit sig-1); identity
   when the target's signal numbers are the host's. */
uint64_t sigset_to_host(uint64_t guest_set);
uint64_t sigset_to_guest(uint64_t host_set);

#endif
