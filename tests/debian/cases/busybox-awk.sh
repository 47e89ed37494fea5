# busybox awk: arithmetic, printf, fields, associative arrays, over a file.
# host: busybox
seq 1 200 | awk '{ print $1, $1 % 7, ($1 * 37) % 101 }' >in.txt
g busybox awk 'BEGIN { for (i = 1; i <= 10; i++) s += i * i; printf "%d %.6f %e\n", s, sqrt(2), exp(10) }'
g busybox awk '{ n[$2]++; t[$2] += $3 } END { for (k = 0; k < 7; k++) printf "%d %d %d\n", k, n[k], t[k] }' in.txt
g busybox awk -F' ' 'length($0) > 8 && $3 ~ /^[1-3]/ { c++ } END { print c, NR }' in.txt
