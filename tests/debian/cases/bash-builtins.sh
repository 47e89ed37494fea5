# bash without forking: loops, arithmetic, arrays, associative arrays,
# functions, local, here-docs, here-strings, string operations, printf -v.
cat >script.bash <<'SCRIPT'
fib() { local n=$1 a=0 b=1 t; while ((n-- > 0)); do ((t = a + b, a = b, b = t)); done; echo $a; }
fib 40
declare -a arr=(zeta alpha mu "two words")
arr+=(omega)
echo "${#arr[@]} ${arr[3]} ${arr[@]:1:2}"
declare -A cap=([fr]=Paris [de]=Berlin [it]=Rome)
for k in de fr it; do printf '%s=%s\n' "$k" "${cap[$k]}"; done
s=0; for ((i = 1; i <= 1000; i++)); do ((s += i * i % 17)); done; echo $s
echo $((2 ** 31 - 1)) $((-7 / 2)) $((-7 % 2)) $((0x7f ^ 0x0f)) $((1 << 40))
v="Hello, World"; echo "${v,,} ${v^^} ${v/World/There} ${v:7} ${#v}"
printf -v pad '%08.3f' 3.14159; echo "$pad"
while read -r a b; do echo "$b-$a"; done <<EOT
1 one
2 two
EOT
read -r x y z <<<"p q r s"; echo "$z|$y|$x"
[[ "abc123" =~ ^([a-z]+)([0-9]+)$ ]] && echo "${BASH_REMATCH[2]}${BASH_REMATCH[1]}"
case "file.tar.gz" in *.gz) echo gz;; *) echo other;; esac
set -- a b c; shift; echo "$# $*"
SCRIPT
g bash --norc --noprofile script.bash
echo status $?
