# coreutils checksums and encodings of fixed data.
seq 1 10000 >data
g sha256sum data
g sha1sum data
g md5sum data
g b2sum -l 128 data
g cksum data
g base64 data | g md5sum
g base64 data | g base64 -d | cmp - data && echo base64-roundtrip
g od -A x -t x1z -N 32 data
