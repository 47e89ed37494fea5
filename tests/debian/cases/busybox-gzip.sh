# busybox gzip/gunzip: the compressed bytes and a round trip.
# host: busybox
seq 1 20000 >in.txt
g busybox gzip -c -9 <in.txt >in.gz
sha256sum <in.gz
g busybox gunzip -c <in.gz | cmp - in.txt && echo roundtrip
gzip -dc <in.gz | cmp - in.txt && echo host-gunzip-agrees
