# busybox find: names, types, sizes (no -exec: runs in one process).
# host: busybox
mkdir -p d/x/y d/z
for i in 1 2 3; do printf "%0${i}0d" 0 >d/x/f$i.txt; done
touch d/z/empty.c d/x/y/deep.txt
g busybox find d -name '*.txt' | sort
g busybox find d -type d | sort
g busybox find d -type f -size +15c | sort
g busybox find d -empty | sort
