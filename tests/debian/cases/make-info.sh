# GNU make evaluating a Makefile without running recipes: variables,
# functions, pattern rules (make -n prints the commands).
# host: make
cat >Makefile <<'MK'
SRCS := b.c a.c c.c
OBJS := $(patsubst %.c,%.o,$(sort $(SRCS)))
N := $(words $(OBJS))
$(info objs=$(OBJS) n=$(N) first=$(firstword $(OBJS)))
$(info $(foreach x,1 2 3,[$(x)]) $(subst a,A,banana) $(filter %.o,$(OBJS) x.y))
define greet
hello $(1)
endef
$(info $(call greet,world))
all: prog
prog: $(OBJS)
	cc -o $@ $^
%.o: %.c
	cc -c $< -o $@
MK
touch a.c b.c c.c
g make -n
echo status $?
g make -n -p 2>/dev/null | grep -c '^[a-z]*\.o:' 
