# busybox sort and uniq: numeric, reverse, keys, unique.
# host: busybox
seq 1 300 | awk '{ printf "%d %s %d\n", ($1 * 7919) % 113, substr("abcdefghij", $1 % 10 + 1, 3), $1 }' >in.txt
g busybox sort -n in.txt | md5sum
g busybox sort -k2,2 -k1,1nr in.txt | head -5
g busybox sort -u -k1,1n in.txt | wc -l
cut -d' ' -f2 in.txt | g busybox sort | g busybox uniq -c
