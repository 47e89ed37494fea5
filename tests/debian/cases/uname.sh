# What the guest is told about the machine: uname reports 32-bit ARM.
# mimic-only: the expected answers are mimic's, not the host's
g uname -m
g uname -s
g busybox uname -m
g python3.11 -c 'import platform, struct; print(platform.machine(), struct.calcsize("P") * 8)'
g perl -MConfig -e 'print "$Config{archname}\n"'
