/*
 * -perfmap: tell perf(1) what the generated code is.
 *
 * perf resolves samples in anonymous executable memory through
 * /tmp/perf-PID.map, one line per code range: "START SIZE NAME" in hex.
 * Every TB gets a line as it is made (translated, loaded from the
 * persistent cache, or formed as a hot region), named by its guest pc:
 * `guest-0x00010450` or `region-0x00010450`, so `perf report` shows which
 * guest code the host time went to.  A code buffer flush reuses addresses:
 * perf takes the last line for an address, so samples after a flush are
 * right and earlier ones may be misnamed.  A fork child writes its own file
 * (its pid), starting with the TBs it makes itself.
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "user.h"
#include "syscall-priv.h"
#include "tcg/tb.h"

static int map_fd = -1;
static pid_t map_pid;

/* Open /tmp/perf-PID.map for this process (into map_fd's hidden slot
   after a fork).  Not following a symlink: /tmp is shared. */
static bool map_open(void)
{
    char path[64];
    pid_t pid = getpid();
    snprintf(path, sizeof path, "/tmp/perf-%d.map", (int)pid);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) {
        fprintf(stderr, "mimic: -perfmap: %s: %m\n", path);
        return false;
    }
    if (map_fd < 0) {
        map_fd = host_fd_hide(fd);
    } else {
        dup3(fd, map_fd, O_CLOEXEC);
        close(fd);
    }
    map_pid = pid;
    return true;
}

static void perfmap_note(const TranslationBlock *tb)
{
    if (map_pid != getpid() && !map_open()) {
        tb_new_hook = NULL;
        return;
    }
    char line[80];
    int n = snprintf(line, sizeof line, "%lx %x %s-0x%08x\n", (unsigned long)tb->code,
                     (unsigned)tb->code_size, tb->region ? "region" : "guest", (unsigned)tb->pc);
    if (write(map_fd, line, (size_t)n) != n)
        tb_new_hook = NULL;
}

void perfmap_init(void)
{
    if (map_open())
        tb_new_hook = perfmap_note;
}
