# #! scripts run by guest programs: Debian's own shell-script tools (zcat,
# zgrep, xzgrep, bzcmp are /bin/sh scripts), a script with an argument on
# its #! line, #!/usr/bin/env lookups and a script calling a script.
# host: xz bzip2
# needs: fork exec
seq 1 500 >data
gzip -9 -n -c data >data.gz; xz -c data >data.xz; bzip2 -c data >data.bz2
printf '#!/usr/bin/awk -f\n{ s += $1 } END { print "awk-script", s }\n' >sum.awk
printf '#!/usr/bin/env python3.11\nimport sys\nprint("py-script", sys.argv[1:])\n' >hello.py
printf '#!/bin/sh\necho "sh-script $#: $*"\n./hello.py from-sh\n' >outer.sh
chmod +x sum.awk hello.py outer.sh
g bash --norc --noprofile -c '
zcat data.gz | tail -1
zgrep -c "^4" data.gz
xzgrep -c 7 data.xz
bzcmp data.bz2 data && echo bzcmp-same
./sum.awk data
./outer.sh a "b c"
PATH=.:$PATH; hello.py via-path
'
echo status $?
