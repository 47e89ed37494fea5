# coreutils sort on a larger input with threads and temporary files
# (--parallel, a small -S buffer), checked by checksum.
# needs: threads
seq 1 200000 | awk '{ print ($1 * 7919) % 100003, $1 }' >in
g sort -n -k1,1 -k2,2n --parallel=2 -S 1M -T . in | md5sum
g sort -u -n -k1,1 in | wc -l
