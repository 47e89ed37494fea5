#!/usr/bin/env bash
# Tests of the gdbstub (linux-user/gdbstub.c): gdb-multiarch -batch debugs
# the programs tests/gdb/*.c under `mimic -g` (ARM in depth; prog.c also as
# PowerPC, i386 and SPARC, each through its own register layout).  The expected lines are
# written from the programs' sources (the values they compute, the lines
# marked "L:name" in them), not taken from a run.  Same output format as
# tests/run.sh (its group "gdb" runs this).
set -u
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

T="$BUILD/tests/gdb"
M="$BUILD/mimic"
S="$ROOT/tests/gdb"
GDB=${GDB:-gdb-multiarch}
mkdir -p "$T"

npass=0 nfail=0 nskip=0
pass() { echo "PASS gdb/$1"; npass=$((npass + 1)); }
fail() { echo "FAIL gdb/$1 ($2)"; nfail=$((nfail + 1)); }
skip() { echo "SKIP gdb/$1 ($2)"; nskip=$((nskip + 1)); }
summary() {
    local s="$npass passed, $nfail failed"
    [ "$nskip" -gt 0 ] && s="$s, $nskip skipped"
    echo "$s"
    [ "$nfail" -eq 0 ]
}

if ! have "$GDB"; then
    skip all "$GDB is not installed (tools/install-deps.sh installs gdb-multiarch)"
    summary
    exit
fi
if ! have "$ARM_CC"; then
    skip all "no ARM cross compiler ($ARM_CC)"
    summary
    exit
fi

# build NAME SRC FLAGS...: a -g -O0 ARM program.
build() {
    local name=$1 src=$2
    shift 2
    if stale "$T/$name" "$src"; then
        "$ARM_CC" -g -O0 "$@" -o "$T/$name" "$src" 2>"$T/$name.build.log" ||
            { fail "build-$name" "$(head -1 "$T/$name.build.log")"; return 1; }
    fi
}
build prog "$S/prog.c" -static || { summary; exit; }
build threads "$S/threads.c" -static -pthread || { summary; exit; }
build spin "$S/spin.c" -static || { summary; exit; }
build prog-arm "$S/prog.c" -static -marm || { summary; exit; }
build fork "$S/fork.c" -static || { summary; exit; }
# Dynamically linked and position-independent (the cross toolchain's
# default): gdb finds the program's load address and ld.so through auxv.
build prog-dyn "$S/prog.c" -pie -fPIE || { summary; exit; }

# line FILE NAME: the line marked "L:NAME" in tests/gdb/FILE.
line() { grep -n "L:$2 " "$S/$1" | cut -d: -f1; }

# run_mimic NAME ARGS...: mimic ARGS with its output in $T/NAME.prog, in a
# subshell whose status is mimic's (and whose stderr takes bash's notice
# when the guest dies of a signal, as one test wants).
run_mimic() {
    local name=$1
    shift
    ("$M" "$@" >"$T/$name.prog" 2>&1; exit $?) 2>/dev/null
}

# session NAME WHERE PROG ARGS...: gdb runs the commands on stdin against
# `mimic -g WHERE PROG ARGS` (WHERE "env:PATH": MIMIC_GDB=PATH instead).
# Leaves gdb's output in $T/NAME.out, the program's in $T/NAME.prog and
# mimic's exit status in $T/NAME.rc.  INTR=TEXT: once the program has
# printed the line TEXT (it runs: gdb has resumed it), send gdb SIGINT (the
# user's Ctrl-C).  GDB_PRE: a gdb command to run before connecting.
session() {
    local name=$1 where=$2 prog=$3 target sock
    shift 3
    cat >"$T/$name.gdb"
    rm -f "$T/$name.sock"
    local mpid
    case "$where" in
    env:*)
        sock=${where#env:}
        MIMIC_GDB=$sock run_mimic "$name" "$T/$prog" "$@" &
        mpid=$!
        target=$sock
        ;;
    port)
        # A free TCP port: mimic says so at once when the one tried is taken.
        local port tries
        for tries in 1 2 3 4 5; do
            port=$((20000 + (RANDOM % 20000)))
            run_mimic "$name" -g "$port" "$T/$prog" "$@" &
            mpid=$!
            sleep 0.3
            kill -0 "$mpid" 2>/dev/null && break
        done
        target=localhost:$port
        ;;
    *)
        run_mimic "$name" -g "$where" "$T/$prog" "$@" &
        mpid=$!
        target=$where
        ;;
    esac
    if [ "$where" != port ]; then
        for _ in $(seq 50); do
            [ -S "$target" ] && break
            sleep 0.1
        done
    fi
    timeout -k 5 60 "$GDB" -nx -batch -ex 'set pagination off' -ex 'set confirm off' \
        -ex 'set width 0' -ex "${GDB_PRE:-echo}" -ex "target remote $target" -x "$T/$name.gdb" "$T/$prog" \
        >"$T/$name.out" 2>&1 &
    local gpid=$!
    if [ -n "${INTR:-}" ]; then
        for _ in $(seq 300); do
            grep -qxF "$INTR" "$T/$name.prog" 2>/dev/null && break
            sleep 0.1
        done
        sleep 0.3
        # To gdb itself, not to timeout: timeout would pass it on to gdb and
        # then to its whole process group, so gdb would see two, and the
        # second, arriving after the stop under load, is a "Quit".
        pkill -INT -P "$gpid" 2>/dev/null || kill -INT "$gpid" 2>/dev/null
    fi
    wait "$gpid"
    # mimic ends with the program (or when gdb kills it on quitting).
    for _ in $(seq 100); do
        kill -0 "$mpid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$mpid" 2>/dev/null; then
        pkill -9 -P "$mpid" # the mimic of this session (a child of the subshell)
        kill -9 "$mpid" 2>/dev/null
    fi
    wait "$mpid"
    echo $? >"$T/$name.rc"
}

# expect SESSION CASE REGEX: a line of gdb's output matches (grep -E).
expect() {
    if grep -qE -- "$3" "$T/$1.out"; then
        pass "$1/$2"
    else
        fail "$1/$2" "no line matches /$3/ in $T/$1.out"
    fi
}
# expect_prog SESSION CASE TEXT: the program printed the line TEXT.
expect_prog() {
    if grep -qxF -- "$3" "$T/$1.prog"; then pass "$1/$2"; else fail "$1/$2" "no line '$3' in $T/$1.prog"; fi
}
expect_rc() {
    local rc
    rc=$(cat "$T/$1.rc")
    if [ "$rc" = "$2" ]; then pass "$1/exit-status"; else fail "$1/exit-status" "mimic exited $rc, want $2"; fi
}

P=prog.c
# -- breakpoints, stepping, registers, variables, a watchpoint, a handled
#    signal, memory writes and the exit status (Unix socket).
session basic "$T/basic.sock" prog <<'EOF'
break main
continue
next
next
next
step
bt
info registers pc
p x
delete
break *square
continue
info registers r0
finish
p total
p ratio
delete
watch counter
continue
delete
break scale
continue
p $d0
info registers d0
finish
delete
set var counter = 20
continue
break on_usr1
continue
p counter
continue
EOF
expect basic break-main "^Breakpoint 1, main \(argc=1, argv=0x[0-9a-f]+\) at .*prog\.c:$(line $P main-first)$"
expect basic next "^$(line $P main-signal)[[:space:]]+signal\(SIGUSR1, on_usr1\);"
expect basic next-loop "^$(line $P main-loop)[[:space:]]+total \+= square\(i\);"
expect basic step-into "^square \(x=1\) at .*prog\.c:$(line $P square-body)$"
expect basic bt-0 "^#0  square \(x=1\) at .*prog\.c:$(line $P square-body)$"
expect basic bt-1 "^#1  0x[0-9a-f]+ in main \(argc=1, argv=0x[0-9a-f]+\) at .*prog\.c:$(line $P main-loop)$"
expect basic info-registers-pc "^pc +0x[0-9a-f]+ +0x[0-9a-f]+ <square\+[0-9]+>$"
expect basic p-argument '^\$1 = 1$'
# At square's first instruction (the second call): r0 is the argument 2.
expect basic info-registers-r0 '^r0 +0x2 +2$'
expect basic finish-value '^Value returned is \$[0-9]+ = 4$'
# Back in main after square(2) returned, before the sum: total is 1*1.
expect basic p-local '^\$[0-9]+ = 1$'
expect basic p-global-double '^\$[0-9]+ = 1\.5$'
expect basic watch-set '^Hardware watchpoint [0-9]+: counter$'
expect basic watch-old '^Old value = 0$'
expect basic watch-new '^New value = 14$'
expect basic watch-where "^main \(argc=1, argv=0x[0-9a-f]+\) at .*prog\.c:$(line $P main-after-counter)$"
expect basic vfp-d0-argument '^\$[0-9]+ = 2\.5$'
expect basic info-registers-d0 '^d0 +2\.5 +\(raw 0x4004000000000000\)$'
expect basic finish-double '^Value returned is \$[0-9]+ = 3\.75$'
expect basic signal-stop '^Program received signal SIGUSR1, User defined signal 1\.$'
expect basic handler "^Breakpoint [0-9]+, on_usr1 \(sig=10\) at .*prog\.c:$(line $P handler-body)$"
expect basic set-var '^\$[0-9]+ = 20$'
expect basic exit-code '^\[Inferior 1 \(Remote target\) exited with code 03\]$'
# 20 (set by gdb) + 100 from the handler, which ran once.
expect_prog basic program-output "total=14 counter=120 ratio=3.75"
expect_rc basic 3

# -- a fatal fault: shown as a stop, then kills the program (MIMIC_GDB).
session crash "env:$T/crash.sock" prog crash <<'EOF'
continue
continue
EOF
expect crash fault-stop '^Program received signal SIGSEGV, Segmentation fault\.$'
expect crash fault-line "^$(line $P crash)[[:space:]]+\*nowhere = 1;"
expect crash killed '^Program terminated with signal SIGSEGV, Segmentation fault\.$'
expect_rc crash 139

# -- two threads: the worker's breakpoint, the thread list, both stacks
#    (TCP port).
session threads port threads <<'EOF'
break worker_done
continue
info threads
thread apply all bt
p v
continue
EOF
expect threads thread-breakpoint "^Thread 2 hit Breakpoint 1, worker_done \(v=42\) at .*threads\.c:$(line threads.c worker-done)$"
expect threads info-threads-1 '^  1 +Thread [0-9]+ '
expect threads info-threads-2 '^\* 2 +Thread [0-9]+ +worker_done \(v=42\)'
expect threads bt-worker '^#1  0x[0-9a-f]+ in worker \(arg=0x[0-9a-f]+\) at .*threads\.c:'
expect threads bt-main '(^#[0-9]+ .* in |^#0  )main \(\) at .*threads\.c:'
expect threads p-in-thread '^\$1 = 42$'
expect threads exit-normally '^\[Inferior 1 \(Remote target\) exited normally\]$'
expect_rc threads 0

# -- a watchpoint hit by the second thread (the first waits in join).
session thread-watch "$T/thread-watch.sock" threads <<'EOF'
break main
continue
watch shared
continue
continue
EOF
expect thread-watch hit '^Thread 2 hit Hardware watchpoint 2: shared$'
expect thread-watch old '^Old value = 0$'
expect thread-watch new '^New value = 42$'
expect thread-watch where "^worker_done \(v=42\) at .*threads\.c:$(( $(line threads.c worker-done) + 1 ))$"
expect thread-watch exit-normally '^\[Inferior 1 \(Remote target\) exited normally\]$'

# -- Ctrl-C stops a running program; gdb changes a variable to let it end.
INTR=spinning session interrupt "$T/interrupt.sock" spin <<'EOF'
continue
p spins > 0
set var stop = 1
continue
EOF
expect interrupt sigint-stop '^Program received signal SIGINT, Interrupt\.$'
expect interrupt running '^\$1 = 1$'
expect interrupt exit-code '^\[Inferior 1 \(Remote target\) exited with code 07\]$'
expect_rc interrupt 7

# -- A32 code (the programs above are Thumb): stepi moves 4 bytes, cpsr.T
#    is clear; detach lets the program run to its end.
session arm-mode "$T/arm-mode.sock" prog-arm <<'EOF'
break square
continue
stepi
stepi
p/x $cpsr & 0x20
detach
EOF
bp=$(sed -n 's/^Breakpoint 1 at 0x\([0-9a-f]*\): .*/\1/p' "$T/arm-mode.out")
if [ -n "$bp" ]; then
    expect arm-mode stepi-1 "^0x0*$(printf %x $((0x$bp + 4)))[[:space:]]+$(line $P square-body)[[:space:]]"
    expect arm-mode stepi-2 "^0x0*$(printf %x $((0x$bp + 8)))[[:space:]]+$(line $P square-body)[[:space:]]"
else
    fail arm-mode/breakpoint "no 'Breakpoint 1 at' line in $T/arm-mode.out"
fi
expect arm-mode cpsr-t-clear '^\$1 = 0x0$'
expect arm-mode detach '^\[Inferior 1 \(Remote target\) detached\]$'
expect_prog arm-mode program-output "total=14 counter=114 ratio=3.75"
expect_rc arm-mode 3

# -- fork: the child is not debugged (child_work(4) does not stop).
session fork "$T/fork.sock" fork <<'EOF'
break child_work
continue
continue
EOF
expect fork parent-stops "^Breakpoint 1, child_work \(v=0\) at .*fork\.c:$(line fork.c child-work)$"
expect fork exit-code '^\[Inferior 1 \(Remote target\) exited with code 01\]$'
expect_prog fork child-ran "child=5"
expect_rc fork 1

# -- a dynamic PIE program: symbols relocated from auxv, libraries loaded
#    from the cross sysroot.
SYSROOT=/usr/arm-linux-gnueabihf
if [ -e "$SYSROOT/lib/ld-linux-armhf.so.3" ]; then
    GDB_PRE="set sysroot $SYSROOT" session dynamic "$T/dynamic.sock" prog-dyn <<'EOF'
break square
continue
bt
info sharedlibrary
delete
continue
continue
EOF
    expect dynamic breakpoint "^Breakpoint 1, square \(x=1\) at .*prog\.c:$(line $P square-body)$"
    expect dynamic bt-main "^#1  0x[0-9a-f]+ in main \(argc=1, argv=0x[0-9a-f]+\) at .*prog\.c:$(line $P main-loop)$"
    expect dynamic libc-loaded "^0x[0-9a-f]+ +0x[0-9a-f]+ +Yes.* $SYSROOT/lib/libc\.so\.6$"
    expect dynamic exit-code '^\[Inferior 1 \(Remote target\) exited with code 03\]$'
else
    skip dynamic "no armhf sysroot at $SYSROOT"
fi

# -- The other guests, each with its own target description: the same
#    program, break, step, bt, registers, finish, a signal stop, the exit.
# guest_gdb NAME CC CFLAGS PCREG CHECK_CMD CHECK_RE: CHECK_CMD is a gdb
# command run in square(1) whose output must match CHECK_RE (a register of
# that guest with a value the program or the ABI fixes).
guest_gdb() {
    local g=$1 cc=$2 cflags=$3 pcreg=$4 check_cmd=$5 check_re=$6
    if ! have "$cc" || ! "$BUILD/mimic" -version | grep -qw "$g"; then
        skip "$g" "no $g compiler ($cc) or no $g guest in this mimic"
        return
    fi
    if stale "$T/prog-$g" "$S/prog.c"; then
        # shellcheck disable=SC2086
        "$cc" $cflags -g -O0 -static -o "$T/prog-$g" "$S/prog.c" 2>"$T/prog-$g.build.log" ||
            { fail "build-prog-$g" "$(head -1 "$T/prog-$g.build.log")"; return; }
    fi
    session "$g" "$T/$g.sock" "prog-$g" <<EOF2
break main
continue
next
next
next
step
bt
info registers $pcreg
$check_cmd
p x
finish
p total
delete
continue
continue
EOF2
    expect "$g" break-main "^Breakpoint 1, main \(argc=1, argv=0x[0-9a-f]+\) at .*prog\.c:$(line $P main-first)$"
    expect "$g" step-into "^square \(x=1\) at .*prog\.c:$(line $P square-body)$"
    expect "$g" bt-1 "^#1  0x[0-9a-f]+ in main \(argc=1, argv=0x[0-9a-f]+\) at .*prog\.c:$(line $P main-loop)$"
    expect "$g" info-registers-pc "^$pcreg +0x[0-9a-f]+ +0x[0-9a-f]+ <square\+[0-9]+>$"
    expect "$g" register "$check_re"
    expect "$g" argument '^\$[0-9]+ = 1$'
    expect "$g" finish-value '^Value returned is \$[0-9]+ = 1$'
    expect "$g" signal-stop "^Program received signal SIGUSR1"
    expect "$g" exit "exited with code 03"
    expect_prog "$g" output "total=14 counter=114 ratio=3.75"
}
# PowerPC: the argument in r3 (big-endian registers).
guest_gdb ppc "${G_CC[ppc]:-powerpc-linux-gnu-gcc}" "" pc "info registers r3" '^r3 +0x1 +1$'
# i386: the x87 control word Linux starts a process with (0x37f), through
# the fxsave image; the argument is on the stack.
guest_gdb i386 "${G_CC[i386]:-i686-linux-gnu-gcc}" "" eip 'p/x $fctrl' '^\$[0-9]+ = 0x37f$'
# SPARC: the argument in %i0 after square's save; main's frame (bt) comes
# from the stack, where the windows were spilled before gdb looked.
guest_gdb sparc "${G_CC[sparc]:-sparc64-linux-gnu-gcc}" "-m32" pc "info registers i0" '^i0 +0x1 +1$'

summary
