/*
 * /proc as a program sees it: /proc/self/exe, maps, cmdline, auxv, stat,
 * comm, /proc/<pid>/..., /proc/cpuinfo.  Prints only facts that hold on
 * every architecture (no addresses), so the native build's output is the
 * expected output.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

static const char *base(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static size_t slurp(const char *path, char *buf, size_t size)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    size_t n = fread(buf, 1, size - 1, f);
    fclose(f);
    buf[n] = 0;
    return n;
}

static char exe[4096];

/* Is addr inside a mapping whose line satisfies: perms has `perm` (or any
   when 0) and the name equals `name` (or any when NULL)? */
static int in_mapping(uintptr_t addr, char perm, const char *name)
{
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f)
        return 0;
    char line[4096 + 256];
    int found = 0;
    while (fgets(line, sizeof line, f)) {
        unsigned long long lo, hi;
        char perms[8];
        int pos = 0;
        if (sscanf(line, "%llx-%llx %7s %*s %*s %*s %n", &lo, &hi, perms, &pos) < 3)
            continue;
        char *nm = line + pos;
        nm[strcspn(nm, "\n")] = 0;
        if (addr >= lo && addr < hi && (!perm || strchr(perms, perm)) && (!name || !strcmp(nm, name)))
            found = 1;
    }
    fclose(f);
    return found;
}

static void test_exe(const char *argv0)
{
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = 0;
    printf("exe is absolute: %d\n", exe[0] == '/');
    printf("exe basename == argv[0] basename: %d\n", strcmp(base(exe), base(argv0)) == 0);
    char path[64], other[4096];
    snprintf(path, sizeof path, "/proc/%d/exe", (int)getpid());
    n = readlink(path, other, sizeof other - 1);
    other[n > 0 ? n : 0] = 0;
    printf("/proc/<pid>/exe == /proc/self/exe: %d\n", strcmp(exe, other) == 0);
    /* Opening it opens the program itself: an ELF file. */
    char hdr[4] = { 0 };
    FILE *f = fopen("/proc/self/exe", "rb");
    if (f) {
        if (fread(hdr, 1, 4, f) != 4)
            hdr[0] = 0;
        fclose(f);
    }
    printf("/proc/self/exe starts with ELF magic: %d\n", memcmp(hdr, "\177ELF", 4) == 0);
}

static void test_maps(void)
{
    static char buf[1 << 16];
    size_t n = slurp("/proc/self/maps", buf, sizeof buf);
    int lines = 0, wellformed = 1, has_exe = 0, has_stack = 0;
    for (char *l = buf; l < buf + n && *l;) {
        char *nl = strchr(l, '\n');
        if (nl)
            *nl = 0;
        unsigned long long lo, hi;
        char perms[8];
        if (sscanf(l, "%llx-%llx %7s", &lo, &hi, perms) != 3 || lo >= hi || strlen(perms) != 4)
            wellformed = 0;
        if (strstr(l, exe))
            has_exe = 1;
        if (strstr(l, "[stack]"))
            has_stack = 1;
        lines++;
        l = nl ? nl + 1 : buf + n;
    }
    printf("maps: some lines %d, well formed %d, program mapped %d, [stack] %d\n", lines > 3,
           wellformed, has_exe, has_stack);
    int local = 0;
    printf("main in an executable mapping of the program: %d\n",
           in_mapping((uintptr_t)&test_maps, 'x', exe));
    printf("a local variable in [stack]: %d\n", in_mapping((uintptr_t)&local, 'w', "[stack]"));
    void *big = malloc(4 << 20);
    printf("a big malloc block in a writable mapping: %d\n", in_mapping((uintptr_t)big, 'w', NULL));
    free(big);
}

static void test_cmdline(int argc, char **argv)
{
    char buf[8192], want[8192];
    size_t n = slurp("/proc/self/cmdline", buf, sizeof buf), w = 0;
    for (int i = 0; i < argc; i++) {
        size_t l = strlen(argv[i]) + 1;
        memcpy(want + w, argv[i], l);
        w += l;
    }
    printf("cmdline == argv: %d\n", n == w && memcmp(buf, want, n) == 0);
    char path[64], other[8192];
    snprintf(path, sizeof path, "/proc/%d/cmdline", (int)getpid());
    size_t m = slurp(path, other, sizeof other);
    printf("/proc/<pid>/cmdline == /proc/self/cmdline: %d\n", m == n && memcmp(buf, other, n) == 0);
}

static void test_auxv(void)
{
    unsigned long v[512];
    FILE *f = fopen("/proc/self/auxv", "rb");
    size_t n = f ? fread(v, sizeof v[0], 512, f) : 0;
    if (f)
        fclose(f);
    int pagesz = 0, entry = 0, phnum = 0, ends = 0;
    for (size_t i = 0; i + 1 < n; i += 2) {
        if (v[i] == AT_PAGESZ)
            pagesz = v[i + 1] == getauxval(AT_PAGESZ);
        if (v[i] == AT_ENTRY)
            entry = v[i + 1] == getauxval(AT_ENTRY);
        if (v[i] == AT_PHNUM)
            phnum = v[i + 1] == getauxval(AT_PHNUM);
        if (v[i] == AT_NULL) {
            ends = 1;
            break;
        }
    }
    printf("auxv: AT_PAGESZ %d, AT_ENTRY %d, AT_PHNUM %d, AT_NULL %d\n", pagesz, entry, phnum, ends);
}

static void test_stat(void)
{
    char buf[4096];
    slurp("/proc/self/stat", buf, sizeof buf);
    int pid = 0, ppid = 0;
    char *lp = strchr(buf, '('), *rp = strrchr(buf, ')');
    pid = atoi(buf);
    char comm[64] = "";
    if (lp && rp && rp > lp && rp - lp < (long)sizeof comm) {
        memcpy(comm, lp + 1, (size_t)(rp - lp - 1));
        comm[rp - lp - 1] = 0;
        char state;
        sscanf(rp + 2, "%c %d", &state, &ppid);
    }
    char want[16];
    snprintf(want, sizeof want, "%.15s", base(exe));
    printf("stat: pid %d, comm %d, ppid %d\n", pid == getpid(), strcmp(comm, want) == 0,
           ppid == getppid());
    char c[64] = "";
    slurp("/proc/self/comm", c, sizeof c);
    c[strcspn(c, "\n")] = 0;
    printf("comm: %d\n", strcmp(c, want) == 0);
}

static void test_cpuinfo(void)
{
    static char buf[1 << 17];
    slurp("/proc/cpuinfo", buf, sizeof buf);
    int procs = 0;
    for (char *l = buf; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL)
        if (!strncmp(l, "processor", 9))
            procs++;
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    printf("cpuinfo: processor lines %d, one per online CPU %d\n", procs > 0, procs == online);
#ifdef __arm__
    /* The Features line names exactly the AT_HWCAP bits. */
    static const char *const names[] = { "swp",   "half",   "thumb", "26bit",   "fastmult", "fpa",
                                         "vfp",   "edsp",   "java",  "iwmmxt",  "crunch",   "thumbee",
                                         "neon",  "vfpv3",  "vfpv3d16", "tls",  "vfpv4",    "idiva",
                                         "idivt", "vfpd32", "lpae",  "evtstrm" };
    unsigned long hw = getauxval(AT_HWCAP);
    char *feat = strstr(buf, "Features");
    int ok = feat != NULL;
    if (feat) {
        char line[1024];
        snprintf(line, sizeof line, "%.*s ", (int)strcspn(feat, "\n"), feat);
        for (unsigned b = 0; b < sizeof names / sizeof names[0]; b++) {
            char word[32];
            snprintf(word, sizeof word, " %s ", names[b]);
            if (!!(hw & (1ul << b)) != (strstr(line, word) != NULL))
                ok = 0;
        }
    }
    printf("cpuinfo features match AT_HWCAP: %d\n", ok);
#else
    printf("cpuinfo features match AT_HWCAP: %d\n", 1);
#endif
}

int main(int argc, char **argv)
{
    test_exe(argv[0]);
    test_maps();
    test_cmdline(argc, argv);
    test_auxv();
    test_stat();
    test_cpuinfo();
    return 0;
}
