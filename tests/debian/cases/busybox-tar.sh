# busybox tar: create, list and extract an archive, file contents intact.
# host: busybox
mkdir -p src/a/b
seq 1 1000 >src/a/numbers
printf 'hello\n' >src/a/b/hello.txt
head -c 100000 /dev/zero | tr '\0' 'x' >src/big
g busybox tar -cf t.tar src
g busybox tar -tf t.tar | sort
mkdir out
g busybox tar -xf t.tar -C out
diff -r src out/src && echo same
g busybox tar -czf t.tgz src && gzip -dc t.tgz | tar -tf - | sort | md5sum
