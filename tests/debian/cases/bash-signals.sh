# bash traps and signals: trap on USR1 sent to itself, an EXIT trap,
# background jobs and wait, kill of a background sleep, $? of killed jobs.
# needs: fork exec signals
# host: bash
g bash --norc --noprofile -c '
trap "echo got USR1" USR1
kill -USR1 $$
trap "echo exiting" EXIT
sleep 0.2 & p=$!
wait $p; echo "waited $?"
sleep 10 & p=$!
# (not at once: until the child has reset its handlers a TERM runs the
# EXIT trap in the child, a race in bash itself, natively too)
sleep 0.5; kill -TERM $p; wait $p; echo "killed $?"
(exit 4) & wait $!; echo "bg status $?"
for i in 1 2 3; do (echo job $i) & done; wait
true
' | sort
