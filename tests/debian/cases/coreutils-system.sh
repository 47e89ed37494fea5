# coreutils that ask the system: user and group names (NSS, /etc/passwd),
# ls -l, stat times, touch -d, dd, split, truncate, chmod, timeout (fork,
# exec, signals, timers), sleep, nproc, df and du.
# needs: fork exec signals
g id -un; g id -gn; g whoami
mkdir d; printf 'abc\n' >d/f; chmod 640 d/f
g touch -d '2001-02-03 04:05:06' d/f
g ls -l --time-style=+%F_%T d | sed 's/^total.*/total/'
g stat -c '%a %U %G %s %y %X' d/f | cut -d' ' -f1-5
g dd if=/dev/zero of=z bs=1k count=64 status=none && g wc -c z
g split -b 10000 -d z part. && g ls part.* | g wc -l
g truncate -s 5 d/f && g cat d/f; echo
g chmod u+x,g-r d/f && g stat -c %A d/f
g timeout 1 sleep 5; echo "timeout -> $?"
g timeout -s KILL 0.5 sleep 5; echo "timeout kill -> $?"
g sleep 0.1 && echo slept
test "$(g nproc)" -ge 1 && echo nproc-ok
g df -P . | tail -1 | awk '{ print ($2 > 0) }'
g du -s -B1 --apparent-size z
g env -i A=1 B=2 /usr/bin/env
g printenv TZ
