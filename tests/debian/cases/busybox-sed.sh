# busybox sed: substitutions, addresses, hold space, in-place editing.
# host: busybox
seq 1 50 | sed 's/^/line /' >in.txt
g busybox sed -n '/5$/p' in.txt
g busybox sed -e 's/line \([0-9]*\)/<\1>/' -e '10,12d' -e '20q' in.txt
g busybox sed -n '1!G;h;$p' in.txt | head -5
cp in.txt ed.txt
g busybox sed -i 's/line/L/g; /3/d' ed.txt
md5sum ed.txt
