# Real programs looking at /proc/self: the exe/cwd/fd links are symlinks
# (stat, ls -l), the fd directory lists only the program's own fds,
# comm/stat/status carry the program's name, cmdline its argv (as set by
# bash's exec -a: g starts programs by their sysroot path).
# needs: proc
g stat -c '%F' /proc/self/exe /proc/self/cwd /proc/self/root /proc/self/fd/0
g ls -ld /proc/self/exe | cut -c1
g ls /proc/self/fd /proc/self/fdinfo
g cat /proc/self/comm
g cut -d' ' -f2,3 /proc/self/stat
g head -1 /proc/self/status
g bash -c 'exec -a myname cat /proc/self/cmdline "a b" c' | tr '\0' '|'; echo
g sh -c 'exec 5</dev/null; ls /proc/self/fd; cat /proc/$$/comm'
