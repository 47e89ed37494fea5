# coreutils: seq, sort, wc, tr, cut, head, tail, uniq, tac, nl, paste,
# each a guest process in a host pipeline.
g seq 1 1000 >nums
g seq -w 0 3 30 | g tr '\n' ' '; echo
g sort -r -n nums | g head -3
g wc nums
g tr 0-9 a-j <nums | g tail -n 2
printf 'a:b:c\nd:e:f\ng:h:i\n' | g cut -d: -f2,3
printf 'x\ny\nx\nx\nz\n' | g sort | g uniq -c
g seq 5 | g tac | g nl | g paste -s -d,
g seq 0.5 0.25 2
g printf '%05.2f|%-6s|%x\n' 3.14159 ab 255
g expr 6 '*' 7
g factor 1001 65537 123456789
