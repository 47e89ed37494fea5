# bash command substitution, subshells and pipelines of builtins (fork,
# no exec).
# needs: fork
g bash --norc --noprofile -c '
f() { echo "[$1]"; }
x=$(f inner); echo "got $x"
y=$( (echo a; echo b) | while read -r l; do printf %s "$l"; done ); echo "$y"
( exit 3 ); echo "sub status $?"
echo one two three | { read -r a b c; echo "$c $b $a"; }
n=0; for i in $(seq_like() { local i; for ((i = 1; i <= 5; i++)); do echo $i; done; }; seq_like); do ((n += i)); done; echo $n
wait; echo done
'
