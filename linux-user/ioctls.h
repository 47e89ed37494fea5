/*
 * The ioctl requests mimic understands (linux-user/ioctl.c):
 *
 *     IOCTL(name, host_cmd, kind, size)
 *
 * name       the request's name: the guest's number is the target's ABI
 *            constant of that name (syscall-tables/abi.def, group ioctl),
 *            so PowerPC's and SPARC's encodings (13 size bits, 3 direction
 *            bits) need nothing here
 * host_cmd   the x86-64 host's number for it
 * kind       how the third argument is treated:
 *              NONE   no argument (0 is passed)
 *              INT    an integer, passed through
 *              R*     pointer to `size` bytes the kernel reads
 *              W*     pointer to `size` bytes the kernel writes
 *              RW*    pointer to `size` bytes read and written
 *              (the same layout on guest and host; the suffix says the
 *              element size, 8, 16, 32 or 64 bits, for the byte order)
 *              CONV   a converter in ioctl.c (ioctl_conv_<name>): terminal
 *                     attributes and window size go by the target's layouts
 *                     and flag names, struct ifreq by its size
 * Every request not listed answers -ENOTTY (reported once under -d unimp
 * or -strace): never guess at a layout.
 */
/* clang-format off */
/* terminals: attributes */
IOCTL(TCGETS,              0x5401,      CONV,  0)
IOCTL(TCSETS,              0x5402,      CONV,  0)
IOCTL(TCSETSW,             0x5403,      CONV,  0)
IOCTL(TCSETSF,             0x5404,      CONV,  0)
IOCTL(TCGETA,              0x5405,      CONV,  0)
IOCTL(TCSETA,              0x5406,      CONV,  0)
IOCTL(TCSETAW,             0x5407,      CONV,  0)
IOCTL(TCSETAF,             0x5408,      CONV,  0)
IOCTL(TCGETS2,             0x802c542a,  CONV,  0)
IOCTL(TCSETS2,             0x402c542b,  CONV,  0)
IOCTL(TCSETSW2,            0x402c542c,  CONV,  0)
IOCTL(TCSETSF2,            0x402c542d,  CONV,  0)
/* terminals: flow, breaks, queues */
IOCTL(TCSBRK,              0x5409,      INT,   0)
IOCTL(TCXONC,              0x540a,      INT,   0)
IOCTL(TCFLSH,              0x540b,      INT,   0)
IOCTL(TCSBRKP,             0x5425,      INT,   0)
IOCTL(TIOCSBRK,            0x5427,      NONE,  0)
IOCTL(TIOCCBRK,            0x5428,      NONE,  0)
IOCTL(TIOCOUTQ,            0x5411,      W32,   4)
IOCTL(FIONREAD,            0x541b,      W32,   4)   /* = TIOCINQ */
IOCTL(TIOCSTI,             0x5412,      R8,    1)
/* terminals: ownership, sessions */
IOCTL(TIOCEXCL,            0x540c,      NONE,  0)
IOCTL(TIOCNXCL,            0x540d,      NONE,  0)
IOCTL(TIOCGEXCL,           0x80045440,  W32,   4)
IOCTL(TIOCSCTTY,           0x540e,      INT,   0)
IOCTL(TIOCNOTTY,           0x5422,      NONE,  0)
IOCTL(TIOCGPGRP,           0x540f,      W32,   4)
IOCTL(TIOCSPGRP,           0x5410,      R32,   4)
IOCTL(TIOCGSID,            0x5429,      W32,   4)
IOCTL(TIOCGWINSZ,          0x5413,      CONV,  0)
IOCTL(TIOCSWINSZ,          0x5414,      CONV,  0)
IOCTL(TIOCCONS,            0x541d,      NONE,  0)
IOCTL(TIOCVHANGUP,         0x5437,      NONE,  0)
/* terminals: line discipline, modem lines, packet mode */
IOCTL(TIOCGETD,            0x5424,      W32,   4)
IOCTL(TIOCSETD,            0x5423,      R32,   4)
IOCTL(TIOCMGET,            0x5415,      W32,   4)
IOCTL(TIOCMBIS,            0x5416,      R32,   4)
IOCTL(TIOCMBIC,            0x5417,      R32,   4)
IOCTL(TIOCMSET,            0x5418,      R32,   4)
IOCTL(TIOCGSOFTCAR,        0x5419,      W32,   4)
IOCTL(TIOCSSOFTCAR,        0x541a,      R32,   4)
IOCTL(TIOCPKT,             0x5420,      R32,   4)
IOCTL(TIOCGPKT,            0x80045438,  W32,   4)
IOCTL(TIOCSERGETLSR,       0x5459,      W32,   4)
/* pseudo-terminals */
IOCTL(TIOCGPTN,            0x80045430,  W32,   4)
IOCTL(TIOCSPTLCK,          0x40045431,  R32,   4)
IOCTL(TIOCGPTLCK,          0x80045439,  W32,   4)
IOCTL(TIOCGDEV,            0x80045432,  W32,   4)
IOCTL(TIOCGPTPEER,         0x5441,      CONV,  0)
/* any file */
IOCTL(FIONBIO,             0x5421,      R32,   4)
IOCTL(FIOASYNC,            0x5452,      R32,   4)
IOCTL(FIONCLEX,            0x5450,      NONE,  0)
IOCTL(FIOCLEX,             0x5451,      NONE,  0)
IOCTL(FIOQSIZE,            0x5460,      W64,   8)
IOCTL(FIOSETOWN,           0x8901,      R32,   4)
IOCTL(SIOCSPGRP,           0x8902,      R32,   4)
IOCTL(FIOGETOWN,           0x8903,      W32,   4)
IOCTL(SIOCGPGRP,           0x8904,      W32,   4)
IOCTL(SIOCATMARK,          0x8905,      W32,   4)
IOCTL(FICLONE,             0x40049409,  INT,   0)
IOCTL(FICLONERANGE,        0x4020940d,  R64,   32)  /* struct file_clone_range: 4 x 64-bit */
IOCTL(FIDEDUPERANGE,       0xc0189436,  CONV,  0)   /* struct file_dedupe_range + infos */
IOCTL(RNDGETENTCNT,        0x80045200,  W32,   4)
/* file attributes: _IOR('f', 1, long) and friends, whose number encodes
   sizeof(long); the kernel moves an int either way */
IOCTL(FS_IOC_GETFLAGS,     0x80086601,  W32,   4)
IOCTL(FS_IOC_SETFLAGS,     0x40086602,  R32,   4)
IOCTL(FS_IOC_GETVERSION,   0x80087601,  W32,   4)
IOCTL(FS_IOC_SETVERSION,   0x40087602,  R32,   4)
IOCTL(FS_IOC_FSGETXATTR,   0x801c581f,  W32,   28) /* struct fsxattr: no longs */
IOCTL(FS_IOC_FSSETXATTR,   0x401c5820,  R32,   28)
/* block devices (ENOTTY from the host for anything else) */
IOCTL(BLKROSET,            0x125d,      R32,   4)
IOCTL(BLKROGET,            0x125e,      W32,   4)
IOCTL(BLKRRPART,           0x125f,      NONE,  0)
IOCTL(BLKGETSIZE,          0x1260,      CONV,  0)
IOCTL(BLKFLSBUF,           0x1261,      NONE,  0)
IOCTL(BLKSSZGET,           0x1268,      W32,   4)
IOCTL(BLKBSZGET,           0x80081270,  W32,   4)
IOCTL(BLKGETSIZE64,        0x80081272,  W64,   8)
IOCTL(BLKIOMIN,            0x1278,      W32,   4)
IOCTL(BLKIOOPT,            0x1279,      W32,   4)
IOCTL(BLKALIGNOFF,         0x127a,      W32,   4)
IOCTL(BLKPBSZGET,          0x127b,      W32,   4)
IOCTL(BLKDISCARDZEROES,    0x127c,      W32,   4)
IOCTL(BLKROTATIONAL,       0x127e,      W16,   2)
IOCTL(BLKDISCARD,          0x1277,      R64,   16)   /* u64 range[2] */
IOCTL(BLKSECDISCARD,       0x127d,      R64,   16)
IOCTL(BLKZEROOUT,          0x127f,      R64,   16)
/* loop devices (/dev/loop-control, /dev/loopN): plain numbers everywhere;
   struct loop_info64 and loop_config are fixed-size fields (ioctl.c).  The
   old LOOP_SET_STATUS/LOOP_GET_STATUS (struct loop_info, with longs and
   dev_t) are not here: ENOTTY. */
IOCTL(LOOP_SET_FD,         0x4c00,      INT,   0)
IOCTL(LOOP_CLR_FD,         0x4c01,      NONE,  0)
IOCTL(LOOP_SET_STATUS64,   0x4c04,      CONV,  0)
IOCTL(LOOP_GET_STATUS64,   0x4c05,      CONV,  0)
IOCTL(LOOP_CHANGE_FD,      0x4c06,      INT,   0)
IOCTL(LOOP_SET_CAPACITY,   0x4c07,      NONE,  0)
IOCTL(LOOP_SET_DIRECT_IO,  0x4c08,      INT,   0)
IOCTL(LOOP_SET_BLOCK_SIZE, 0x4c09,      INT,   0)
IOCTL(LOOP_CONFIGURE,      0x4c0a,      CONV,  0)
IOCTL(LOOP_CTL_ADD,        0x4c80,      INT,   0)
IOCTL(LOOP_CTL_REMOVE,     0x4c81,      INT,   0)
IOCTL(LOOP_CTL_GET_FREE,   0x4c82,      NONE,  0)
/* TUN/TAP (/dev/net/tun): the _IOW(.., int) requests pass the value itself
   (INT) except those the kernel reads through the pointer (R32); the
   interface requests use struct ifreq's name and flags (short). */
IOCTL(TUNSETNOCSUM,        0x400454c8,  INT,   0)
IOCTL(TUNSETDEBUG,         0x400454c9,  INT,   0)
IOCTL(TUNSETIFF,           0x400454ca,  CONV,  0)
IOCTL(TUNSETPERSIST,       0x400454cb,  INT,   0)
IOCTL(TUNSETOWNER,         0x400454cc,  INT,   0)
IOCTL(TUNSETLINK,          0x400454cd,  INT,   0)
IOCTL(TUNSETGROUP,         0x400454ce,  INT,   0)
IOCTL(TUNGETFEATURES,      0x800454cf,  W32,   4)
IOCTL(TUNSETOFFLOAD,       0x400454d0,  INT,   0)
IOCTL(TUNGETIFF,           0x800454d2,  CONV,  0)
IOCTL(TUNGETSNDBUF,        0x800454d3,  W32,   4)
IOCTL(TUNSETSNDBUF,        0x400454d4,  R32,   4)
IOCTL(TUNGETVNETHDRSZ,     0x800454d7,  W32,   4)
IOCTL(TUNSETVNETHDRSZ,     0x400454d8,  R32,   4)
IOCTL(TUNSETQUEUE,         0x400454d9,  CONV,  0)
IOCTL(TUNSETIFINDEX,       0x400454da,  R32,   4)
IOCTL(TUNSETVNETLE,        0x400454dc,  R32,   4)
IOCTL(TUNGETVNETLE,        0x800454dd,  W32,   4)
IOCTL(TUNSETVNETBE,        0x400454de,  R32,   4)
IOCTL(TUNGETVNETBE,        0x800454df,  W32,   4)
IOCTL(TUNSETCARRIER,       0x400454e2,  R32,   4)
IOCTL(TUNGETDEVNETNS,      0x54e3,      NONE,  0)
/* network interfaces: struct ifreq is 32 bytes on a 32-bit guest, 40 on x86-64 */
IOCTL(SIOCGIFCONF,         0x8912,      CONV,  0)
IOCTL(SIOCGIFFLAGS,        0x8913,      CONV,  0)
IOCTL(SIOCGIFADDR,         0x8915,      CONV,  0)
IOCTL(SIOCGIFDSTADDR,      0x8917,      CONV,  0)
IOCTL(SIOCGIFBRDADDR,      0x8919,      CONV,  0)
IOCTL(SIOCGIFNETMASK,      0x891b,      CONV,  0)
IOCTL(SIOCGIFMETRIC,       0x891d,      CONV,  0)
IOCTL(SIOCGIFMTU,          0x8921,      CONV,  0)
IOCTL(SIOCGIFHWADDR,       0x8927,      CONV,  0)
IOCTL(SIOCGIFINDEX,        0x8933,      CONV,  0)
IOCTL(SIOCGIFNAME,         0x8910,      CONV,  0)
IOCTL(SIOCGIFTXQLEN,       0x8942,      CONV,  0)
/* clang-format on */
