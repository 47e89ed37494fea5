# xz, gzip and bzip2: fixed compressed bytes (same Debian versions as the
# host's) and round trips.
# host: xz bzip2 gzip
seq 1 30000 | awk '{ print $1, $1 * $1 % 1013 }' >data
g xz -6 -c <data >data.xz; sha256sum <data.xz
g xz -dc <data.xz | cmp - data && echo xz-roundtrip
g gzip -9 -n -c <data >data.gz; sha256sum <data.gz
g gzip -dc <data.gz | cmp - data && echo gzip-roundtrip
g bzip2 -9 -c <data >data.bz2; sha256sum <data.bz2
g bzip2 -dc <data.bz2 | cmp - data && echo bzip2-roundtrip
g xz -l data.xz | tail -1 | awk '{ print $1, $2 }'
g xz -T2 -c <data | xz -dc | cmp - data && echo xz-threads
