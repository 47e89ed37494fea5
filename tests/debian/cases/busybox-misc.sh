# busybox applets: checksums, od/hexdump, dc, expr, printf, wc, cut, date,
# base64, cmp, uniq, tr classes.
# host: busybox
seq 1 3000 >data
g busybox md5sum data; g busybox sha256sum data; g busybox sha1sum data
g busybox od -A x -t x1 -N 16 data; g busybox hexdump -C -n 16 data
g busybox dc -e '2 64 ^ 1 - p 7 k 22 7 / p'
g busybox expr 123456789 '*' 3 % 1000
g busybox printf '%5.2f|%-4s|%o\n' 2.71828 ab 64
g busybox wc -l -c data; g busybox cut -c1-2 data | g busybox sort -u | g busybox wc -l
g busybox date -u -d @1234567890 '+%Y-%m-%d %T'
g busybox base64 data | g busybox base64 -d | g busybox cmp - data && echo base64-ok
echo 'Hello World 123' | g busybox tr '[:lower:]' '[:upper:]'
