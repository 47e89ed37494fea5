# GNU make running recipes with the guest /bin/sh: dependencies, pattern
# rules, a rebuild after a touch, and parallel jobs.
# host: make
# needs: fork exec
cat >Makefile <<'MK'
all: total
%.sq: %.n
	awk '{ print $$1 * $$1 }' $< >$@
total: one.sq two.sq three.sq
	cat $^ | awk '{ s += $$1 } END { print s }' >$@
clean:
	rm -f *.sq total
MK
echo 3 >one.n; echo 4 >two.n; echo 5 >three.n
g make -s && cat total
echo 6 >two.n
g make -s && cat total
g make -s clean && g make -s -j2 && cat total
echo status $?
