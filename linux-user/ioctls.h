/*
 * The ioctl requests mimic understands (linux-user/ioctl.c):
 *
 *     IOCTL(name, guest_cmd, host_cmd, kind, size)
 *
 * guest_cmd  the request number as the 32-bit ARM guest passes it
 * host_cmd   the x86-64 host's number for it (they differ when the number
 *            encodes sizeof(long): FS_IOC_*, BLK*64, and for FIOQSIZE)
 * kind       how the third argument is treated:
 *              NONE   no argument (0 is passed)
 *              INT    an integer, passed through
 *              R      pointer to `size` bytes the kernel reads
 *              W      pointer to `size` bytes the kernel writes
 *              RW     pointer to `size` bytes read and written
 *              (those four: same layout on guest and host)
 *              CONV   a converter in ioctl.c (ioctl_conv_<name>)
 * Every request not listed answers -ENOTTY (reported once under -d unimp
 * or -strace): never guess at a layout.
 *
 * Numbers: ARM and x86-64 both use the asm-generic terminal numbers
 * (asm-generic/ioctls.h) except FIOQSIZE; kernel struct termios (36 bytes),
 * termio (18), termios2 (44) and winsize (8) have the same layout.
 */
/* clang-format off */
/* terminals: attributes */
IOCTL(TCGETS,        0x5401, 0x5401, W, 36)
IOCTL(TCSETS,        0x5402, 0x5402, R, 36)
IOCTL(TCSETSW,       0x5403, 0x5403, R, 36)
IOCTL(TCSETSF,       0x5404, 0x5404, R, 36)
IOCTL(TCGETA,        0x5405, 0x5405, W, 18)
IOCTL(TCSETA,        0x5406, 0x5406, R, 18)
IOCTL(TCSETAW,       0x5407, 0x5407, R, 18)
IOCTL(TCSETAF,       0x5408, 0x5408, R, 18)
IOCTL(TCGETS2,       0x802c542a, 0x802c542a, W, 44)
IOCTL(TCSETS2,       0x402c542b, 0x402c542b, R, 44)
IOCTL(TCSETSW2,      0x402c542c, 0x402c542c, R, 44)
IOCTL(TCSETSF2,      0x402c542d, 0x402c542d, R, 44)
/* terminals: flow, breaks, queues */
IOCTL(TCSBRK,        0x5409, 0x5409, INT, 0)
IOCTL(TCXONC,        0x540a, 0x540a, INT, 0)
IOCTL(TCFLSH,        0x540b, 0x540b, INT, 0)
IOCTL(TCSBRKP,       0x5425, 0x5425, INT, 0)
IOCTL(TIOCSBRK,      0x5427, 0x5427, NONE, 0)
IOCTL(TIOCCBRK,      0x5428, 0x5428, NONE, 0)
IOCTL(TIOCOUTQ,      0x5411, 0x5411, W, 4)
IOCTL(FIONREAD,      0x541b, 0x541b, W, 4)   /* = TIOCINQ */
IOCTL(TIOCSTI,       0x5412, 0x5412, R, 1)
/* terminals: ownership, sessions */
IOCTL(TIOCEXCL,      0x540c, 0x540c, NONE, 0)
IOCTL(TIOCNXCL,      0x540d, 0x540d, NONE, 0)
IOCTL(TIOCGEXCL,     0x80045440, 0x80045440, W, 4)
IOCTL(TIOCSCTTY,     0x540e, 0x540e, INT, 0)
IOCTL(TIOCNOTTY,     0x5422, 0x5422, NONE, 0)
IOCTL(TIOCGPGRP,     0x540f, 0x540f, W, 4)
IOCTL(TIOCSPGRP,     0x5410, 0x5410, R, 4)
IOCTL(TIOCGSID,      0x5429, 0x5429, W, 4)
IOCTL(TIOCGWINSZ,    0x5413, 0x5413, W, 8)
IOCTL(TIOCSWINSZ,    0x5414, 0x5414, R, 8)
IOCTL(TIOCCONS,      0x541d, 0x541d, NONE, 0)
IOCTL(TIOCVHANGUP,   0x5437, 0x5437, NONE, 0)
/* terminals: line discipline, modem lines, packet mode */
IOCTL(TIOCGETD,      0x5424, 0x5424, W, 4)
IOCTL(TIOCSETD,      0x5423, 0x5423, R, 4)
IOCTL(TIOCMGET,      0x5415, 0x5415, W, 4)
IOCTL(TIOCMBIS,      0x5416, 0x5416, R, 4)
IOCTL(TIOCMBIC,      0x5417, 0x5417, R, 4)
IOCTL(TIOCMSET,      0x5418, 0x5418, R, 4)
IOCTL(TIOCGSOFTCAR,  0x5419, 0x5419, W, 4)
IOCTL(TIOCSSOFTCAR,  0x541a, 0x541a, R, 4)
IOCTL(TIOCPKT,       0x5420, 0x5420, R, 4)
IOCTL(TIOCGPKT,      0x80045438, 0x80045438, W, 4)
IOCTL(TIOCSERGETLSR, 0x5459, 0x5459, W, 4)
/* pseudo-terminals */
IOCTL(TIOCGPTN,      0x80045430, 0x80045430, W, 4)
IOCTL(TIOCSPTLCK,    0x40045431, 0x40045431, R, 4)
IOCTL(TIOCGPTLCK,    0x80045439, 0x80045439, W, 4)
IOCTL(TIOCGDEV,      0x80045432, 0x80045432, W, 4)
IOCTL(TIOCGPTPEER,   0x5441, 0x5441, CONV, 0)
/* any file */
IOCTL(FIONBIO,       0x5421, 0x5421, R, 4)
IOCTL(FIOASYNC,      0x5452, 0x5452, R, 4)
IOCTL(FIONCLEX,      0x5450, 0x5450, NONE, 0)
IOCTL(FIOCLEX,       0x5451, 0x5451, NONE, 0)
IOCTL(FIOQSIZE,      0x545e, 0x5460, W, 8)
IOCTL(FIOSETOWN,     0x8901, 0x8901, R, 4)
IOCTL(SIOCSPGRP,     0x8902, 0x8902, R, 4)
IOCTL(FIOGETOWN,     0x8903, 0x8903, W, 4)
IOCTL(SIOCGPGRP,     0x8904, 0x8904, W, 4)
IOCTL(SIOCATMARK,    0x8905, 0x8905, W, 4)
IOCTL(FICLONE,       0x40049409, 0x40049409, INT, 0)
IOCTL(FICLONERANGE,  0x4020940d, 0x4020940d, R, 32)  /* struct file_clone_range: 4 x 64-bit */
IOCTL(RNDGETENTCNT,  0x80045200, 0x80045200, W, 4)
/* file attributes: _IOR('f', 1, long) and friends, whose number encodes
   sizeof(long); the kernel moves an int either way */
IOCTL(FS_IOC_GETFLAGS,   0x80046601, 0x80086601, W, 4)
IOCTL(FS_IOC_SETFLAGS,   0x40046602, 0x40086602, R, 4)
IOCTL(FS_IOC_GETVERSION, 0x80047601, 0x80087601, W, 4)
IOCTL(FS_IOC_SETVERSION, 0x40047602, 0x40087602, R, 4)
IOCTL(FS_IOC_FSGETXATTR, 0x801c581f, 0x801c581f, W, 28) /* struct fsxattr: no longs */
IOCTL(FS_IOC_FSSETXATTR, 0x401c5820, 0x401c5820, R, 28)
/* block devices (ENOTTY from the host for anything else) */
IOCTL(BLKROSET,      0x125d, 0x125d, R, 4)
IOCTL(BLKROGET,      0x125e, 0x125e, W, 4)
IOCTL(BLKRRPART,     0x125f, 0x125f, NONE, 0)
IOCTL(BLKGETSIZE,    0x1260, 0x1260, CONV, 0)
IOCTL(BLKFLSBUF,     0x1261, 0x1261, NONE, 0)
IOCTL(BLKSSZGET,     0x1268, 0x1268, W, 4)
IOCTL(BLKBSZGET,     0x80041270, 0x80081270, W, 4)
IOCTL(BLKGETSIZE64,  0x80041272, 0x80081272, W, 8)
IOCTL(BLKIOMIN,      0x1278, 0x1278, W, 4)
IOCTL(BLKIOOPT,      0x1279, 0x1279, W, 4)
IOCTL(BLKALIGNOFF,   0x127a, 0x127a, W, 4)
IOCTL(BLKPBSZGET,    0x127b, 0x127b, W, 4)
IOCTL(BLKDISCARDZEROES, 0x127c, 0x127c, W, 4)
IOCTL(BLKROTATIONAL, 0x127e, 0x127e, W, 2)
IOCTL(BLKDISCARD,    0x1277, 0x1277, R, 16)   /* u64 range[2] */
IOCTL(BLKSECDISCARD, 0x127d, 0x127d, R, 16)
IOCTL(BLKZEROOUT,    0x127f, 0x127f, R, 16)
/* network interfaces: struct ifreq is 32 bytes on ARM, 40 on x86-64 */
IOCTL(SIOCGIFCONF,   0x8912, 0x8912, CONV, 0)
IOCTL(SIOCGIFFLAGS,  0x8913, 0x8913, CONV, 0)
IOCTL(SIOCGIFADDR,   0x8915, 0x8915, CONV, 0)
IOCTL(SIOCGIFDSTADDR, 0x8917, 0x8917, CONV, 0)
IOCTL(SIOCGIFBRDADDR, 0x8919, 0x8919, CONV, 0)
IOCTL(SIOCGIFNETMASK, 0x891b, 0x891b, CONV, 0)
IOCTL(SIOCGIFMETRIC, 0x891d, 0x891d, CONV, 0)
IOCTL(SIOCGIFMTU,    0x8921, 0x8921, CONV, 0)
IOCTL(SIOCGIFHWADDR, 0x8927, 0x8927, CONV, 0)
IOCTL(SIOCGIFINDEX,  0x8933, 0x8933, CONV, 0)
IOCTL(SIOCGIFNAME,   0x8910, 0x8910, CONV, 0)
IOCTL(SIOCGIFTXQLEN, 0x8942, 0x8942, CONV, 0)
/* clang-format on */
