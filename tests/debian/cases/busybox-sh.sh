# busybox sh: loops, arithmetic, functions, case, parameter expansion,
# and pipelines of applets.
# host: busybox
# needs: fork exec
g busybox sh -c '
f() { echo "f:$1:$#"; }
i=0 s=0
while [ $i -lt 100 ]; do i=$((i + 1)); s=$((s + i * i)); done
echo $s
for w in alpha beta gamma; do case $w in b*) echo "B $w";; *) f $w x;; esac; done
v=hello.tar.gz; echo ${v%%.*} ${v#*.} ${#v}
printf "%s\n" c b a | sort | tr a-z A-Z
seq 1 100 | awk "{ s += \$1 } END { print s }"
x=$(echo sub | sed s/u/o/); echo $x
find /usr/bin/busybox -type f | xargs basename
'
echo status $?
