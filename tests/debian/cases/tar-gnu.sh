# GNU tar: a reproducible archive (sorted names, fixed mtime and owners) is
# byte-identical to the host's; compression through xz/gzip/bzip2 children
# (-J, -z, -j run the compressor as a guest process); extraction intact.
# host: tar
# needs: fork exec
mkdir -p src/sub/deeper
seq 1 3000 >src/numbers; printf 'hello\n' >src/sub/hello.txt
head -c 70000 /dev/zero | tr '\0' 'q' >src/sub/deeper/q.bin
ln -s ../numbers src/sub/link
T="g tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=gnu"
$T -cf a.tar src && sha256sum <a.tar
$T -czf a.tgz src && gzip -dc a.tgz | sha256sum
$T -cJf a.txz src && xz -dc a.txz | sha256sum
$T -cjf a.tbz src && bzip2 -dc a.tbz | sha256sum
g tar -tvf a.tar | awk '{ print $1, $3, $6 }'
mkdir out && g tar -xJf a.txz -C out && diff -r src out/src && echo extracted
g tar --list -zf a.tgz | wc -l
