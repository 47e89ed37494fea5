# bash running other guest programs: pipelines of coreutils, $(...) of
# external commands, exit statuses, redirections.
# needs: fork exec
g bash --norc --noprofile -c '
seq 1 100 | sort -rn | head -3
echo "words: $(printf "a b\nc\n" | wc -w)"
ls /usr/bin/bash >/dev/null && echo found
false; echo "false -> $?"
sh -c "exit 7"; echo "sh -> $?"
for f in x y; do echo $f >$f.out; done; cat x.out y.out
'
