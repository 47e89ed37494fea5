#!/usr/bin/env bash
# mimic's test runner.
#
#   tests/run.sh [GROUP...]      groups: unit guest insn stress errors diff coredump
#                                (default: all of them, in that order), and
#                                debian (opt-in: tests/debian/run.sh)
#
# Prints one line per test: "PASS name", "FAIL name (reason)" or
# "SKIP name (reason)", and as the very last line "N passed, N failed"
# (plus ", N skipped" when some were skipped).  Exits 1 if anything failed.
#
# Environment:
#   BUILD=dir      build directory (default build); test binaries go to $BUILD/tests
#   EMU="cmd ..."  run guest programs with this instead of $BUILD/mimic
#                  (e.g. EMU=qemu-arm to validate the tests themselves)
#   JOBS=n         parallel compile jobs (default 2)
#   TIMEOUT=s      per-run timeout for guest programs (default 60; after three
#                  timeouts in a row, or once a program has timed out, SHORT_TIMEOUT=10)
#   DIFF_SEEDS="1 2 ..."  seeds for the differential test
#   ONLY=REGEX     run only the tests whose names match (e.g. ONLY='qsort|smc')
# A missing or broken mimic gives FAIL lines, never a crash or a hang: a
# hello-world smoke test runs first, and if it fails the guest tests FAIL
# at once with that reason.
set -u
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Programs that crash on purpose leave no core files behind (mimic writes
# guest cores as the kernel would); the coredump group raises the soft limit.
ulimit -S -c 0 2>/dev/null
TIMEOUT=${TIMEOUT:-60}
UNIT_TIMEOUT=${UNIT_TIMEOUT:-120}
T="$BUILD/tests"
mkdir -p "$T"

# ONLY=REGEX: run only the tests whose names match (e.g. ONLY='qsort|smc').
selected() { [ -z "${ONLY:-}" ] || [[ "$1" =~ $ONLY ]]; }

npass=0 nfail=0 nskip=0
pass() { echo "PASS $1"; npass=$((npass + 1)); }
fail() { echo "FAIL $1 ($2)"; nfail=$((nfail + 1)); }
skip() { echo "SKIP $1 ($2)"; nskip=$((nskip + 1)); }

if [ -n "${EMU:-}" ]; then
    read -r -a EMU_CMD <<<"$EMU"
else
    EMU_CMD=("$BUILD/mimic")
fi
# Why a guest run cannot happen at all (empty if it can).
EMU_BROKEN=
emu_missing() {
    if [ -n "${EMU:-}" ] && ! have "${EMU_CMD[0]}"; then
        echo "$EMU not found"
    elif [ -z "${EMU:-}" ] && [ ! -x "$BUILD/mimic" ]; then
        echo "$BUILD/mimic not built"
    elif [ -n "$EMU_BROKEN" ]; then
        echo "$EMU_BROKEN"
    fi
}

# The guests whose tests run (rows of tests/lib.sh's matrix): those this
# mimic runs (all rows when mimic is not built: their tests then FAIL) whose
# compiler is installed; a row left out gets one SKIP line per group.
RUN_GUESTS=()
declare -A GUEST_OFF
pick_guests() {
    local linked g
    linked=$("${EMU_CMD[0]}" -version 2>/dev/null | sed -n 's/.*(guests: *\(.*\)).*/\1/p')
    [ -n "${EMU:-}" ] && linked=
    for g in "${GUESTS[@]}"; do
        if [ -n "$linked" ] && [[ " $linked " != *" $g "* ]]; then
            GUEST_OFF[$g]="mimic does not run $g programs"
        elif ! have "${G_CC[$g]}"; then
            GUEST_OFF[$g]="${G_CC[$g]} not installed"
        else
            RUN_GUESTS+=("$g")
        fi
    done
}
# guests_skipped GROUP: a SKIP line for each row that does not run.
guests_skipped() {
    local g
    for g in "${GUESTS[@]}"; do
        [ -n "${GUEST_OFF[$g]:-}" ] && skip "$1[$g]" "${GUEST_OFF[$g]}"
    done
    return 0
}
# The first guest that runs: its static hello world ($T/smoke/hello) is the
# smoke test and the error tests' ELF.
SMOKE_GUEST=
build_hello() {
    [ -n "$SMOKE_GUEST" ] || return 1
    local cc=${G_CC[$SMOKE_GUEST]}
    mkdir -p "$T/smoke"
    [ -e "$T/smoke/hello.c" ] ||
        printf '#include <stdio.h>\nint main(void) { printf("hello %%d\\n", 42); return 3; }\n' >"$T/smoke/hello.c"
    if stale "$T/smoke/hello" "$T/smoke/hello.c" || [ "$(cat "$T/smoke/hello.guest" 2>/dev/null)" != "$SMOKE_GUEST" ]; then
        # shellcheck disable=SC2086
        "$cc" ${G_CFLAGS[$SMOKE_GUEST]} -O2 -o "$T/smoke/hello" "$T/smoke/hello.c" >"$T/smoke/hello.log" 2>&1 || return 1
        echo "$SMOKE_GUEST" >"$T/smoke/hello.guest"
    fi
}

# Smoke test, run once before the groups that run guest programs: when the
# emulator cannot even run a static hello world, every guest test FAILs at
# once with that reason instead of each one waiting for its timeout.
SMOKED=0
smoke() {
    [ "$SMOKED" -eq 1 ] && return
    SMOKED=1
    [ -n "$SMOKE_GUEST" ] || return
    local why
    why=$(emu_missing)
    [ -n "$why" ] && return
    build_hello || { skip "smoke/hello" "cannot build with ${G_CC[$SMOKE_GUEST]}"; return; }
    printf 'hello 42\n' >"$T/smoke/hello.expected"
    local before=$nfail
    TIMEOUT=10 run_guest "smoke/hello" "$T/smoke/hello" "$T/smoke/hello.expected" 3
    if [ "$nfail" -ne "$before" ]; then
        EMU_BROKEN="emulator failed the hello-world smoke test; not run"
    fi
}

# After a few timeouts in a row, later runs get a short timeout so that a
# hanging emulator cannot stretch the suite past CI's time limit; so do the
# other builds of a program that has timed out once.
TIMEOUTS_IN_A_ROW=0
TIMED_OUT=
SHORT_TIMEOUT=${SHORT_TIMEOUT:-10}

# ---------------------------------------------------------------- building
# Compile jobs are lines "OUT<TAB>LOG<TAB>CC<TAB>ARG...", run JOBS at a time.
# A failed compile leaves no OUT (the test then FAILs with "build failed").
build_one() {
    local -a f
    IFS=$'\t' read -r -a f <<<"$1"
    local out=${f[0]} log=${f[1]}
    mkdir -p "$(dirname "$out")"
    # (temporary name unique per process: two runners may share a build dir)
    if timeout 300 "${f[@]:2}" -o "$out.tmp$$" >"$log" 2>&1; then
        mv -f "$out.tmp$$" "$out"
    else
        rm -f "$out.tmp$$" "$out"
    fi
}
export -f build_one
JOBLIST=()
add_job() { # OUT SRC CC ARGS... -- queued only when OUT is stale
    local out=$1 src=$2
    shift 2
    if stale "$out" "$src" "$ROOT/tests/run.sh"; then
        local IFS=$'\t'
        JOBLIST+=("$out"$'\t'"$out.log"$'\t'"$*")
    fi
}
run_jobs() {
    [ ${#JOBLIST[@]} -eq 0 ] && return 0
    printf '%s\n' "${JOBLIST[@]}" | xargs -d '\n' -r -P "$JOBS" -n 1 bash -c 'build_one "$1"' _
    JOBLIST=()
}
build_reason() { # LOG -> one-line reason
    local first
    first=$(grep -m1 -E 'error|not found|No such' "$1" 2>/dev/null | cut -c1-120)
    echo "build failed${first:+: $first}"
}

# ----------------------------------------------------------- running guests
# run_guest NAME BIN WANT_OUT WANT_RC [VAR=VAL...]: run BIN (with the
# arguments in $GUEST_ARGS, if any) under the emulator and compare stdout
# and exit status exactly.
run_guest() {
    local name=$1 bin=$2 want_out=$3 want_rc=$4
    shift 4
    selected "$name" || return 0
    if ! [[ "$want_rc" =~ ^[0-9]+$ ]] || [ ! -e "$want_out" ]; then
        fail "$name" "no reference output (${want_out#"$ROOT"/})"
        return
    fi
    local why
    why=$(emu_missing)
    if [ -n "$why" ]; then fail "$name" "$why"; return; fi
    if [ ! -e "$bin" ]; then fail "$name" "$(build_reason "$bin.log")"; return; fi
    local tag=${name//[^A-Za-z0-9_.-]/_}
    # Private files while running (another runner may share the build
    # directory), renamed to $T/out/NAME.{out,err} afterwards for inspection.
    local out="$T/out/$tag.out.$$" err="$T/out/$tag.err.$$"
    mkdir -p "$T/out"
    local to=$TIMEOUT prog=${name##*/}
    prog=${prog%%\[*}
    if [ "$TIMEOUTS_IN_A_ROW" -ge 3 ] || [[ " $TIMED_OUT " == *" $prog "* ]]; then
        [ "$SHORT_TIMEOUT" -lt "$to" ] && to=$SHORT_TIMEOUT
    fi
    # (the braces keep bash's own "Segmentation fault" notice out of the report)
    local -a gargs=()
    [ -n "${GUEST_ARGS:-}" ] && read -r -a gargs <<<"$GUEST_ARGS"
    { env "$@" timeout -k 5 "$to" "${EMU_CMD[@]}" "$bin" "${gargs[@]}" </dev/null >"$out" 2>"$err"; } 2>/dev/null
    local rc=$? verdict=pass reason=
    local keep_out=${out%.$$} keep_err=${err%.$$}
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
        TIMEOUTS_IN_A_ROW=$((TIMEOUTS_IN_A_ROW + 1))
        TIMED_OUT="$TIMED_OUT $prog"
        verdict=fail reason="timed out after ${to}s"
    else
        TIMEOUTS_IN_A_ROW=0
        if ! cmp -s "$out" "$want_out"; then
            local line
            line=$(diff "$want_out" "$out" 2>/dev/null | grep -m1 -E '^[0-9]' | sed 's/[acd].*//')
            verdict=fail
            reason="stdout differs near line ${line:-?}, $(describe_status "$rc"); see $keep_out"
        elif [ "$rc" -ne "$want_rc" ]; then
            verdict=fail reason="$(describe_status "$rc"), expected exit $want_rc; see $keep_err"
        fi
    fi
    mv -f "$out" "$keep_out"
    mv -f "$err" "$keep_err"
    if [ "$verdict" = pass ]; then pass "$name"; else fail "$name" "$reason"; fi
}

# ------------------------------------------------------------------- unit
group_unit() {
    local src name bin any=0
    for src in "$ROOT"/tests/unit/*.c; do
        [ -e "$src" ] || continue
        any=1
        name=$(basename "$src" .c)
        selected "unit/$name" || continue
        bin="$BUILD/tests/unit/$name"
        if [ ! -x "$bin" ]; then
            fail "unit/$name" "not built (make $bin)"
            continue
        fi
        mkdir -p "$T/out"
        { timeout -k 5 "$UNIT_TIMEOUT" "$bin" </dev/null >"$T/out/unit-$name.log" 2>&1; } 2>/dev/null
        local rc=$?
        if [ "$rc" -eq 0 ]; then
            pass "unit/$name"
        else
            fail "unit/$name" "$(describe_status "$rc"); see $T/out/unit-$name.log"
        fi
    done
    [ "$any" -eq 1 ] || skip "unit" "no tests/unit/*.c"
    # The committed ABI data (syscall-tables/) must be what the cross
    # compilers say today: regenerate into a temporary dir and compare.
    if selected "unit/abi-data"; then
        mkdir -p "$T/out"
        if python3 "$ROOT/tools/gen-abi.py" --check >"$T/out/unit-abi-data.log" 2>&1; then
            pass "unit/abi-data"
        else
            fail "unit/abi-data" "syscall-tables/ differs from the cross compilers; see $T/out/unit-abi-data.log"
        fi
        local line
        while read -r line; do
            skip "unit/abi-data ${line#SKIP gen-abi }" "cross compiler missing"
        done < <(grep '^SKIP' "$T/out/unit-abi-data.log")
    fi
    group_decodegen
}

# The decoder generator: its own unit test (tests/decodegen), and the
# committed target-*/decode-*.c.inc must be what the generator makes now.
group_decodegen() {
    mkdir -p "$T/out"
    if selected "unit/decodegen"; then
        if ! have python3; then
            skip "unit/decodegen" "no python3"
        elif tests/decodegen/run.sh "$T/decodegen" >"$T/out/unit-decodegen.log" 2>&1; then
            pass "unit/decodegen"
        else
            fail "unit/decodegen" "see $T/out/unit-decodegen.log"
        fi
    fi
    if selected "unit/decoders-fresh"; then
        if ! have python3; then
            skip "unit/decoders-fresh" "no python3"
        elif tools/regen-decoders.sh --check >"$T/out/unit-decoders-fresh.log" 2>&1; then
            pass "unit/decoders-fresh"
        else
            fail "unit/decoders-fresh" "generated decoders differ from target-*/*.decode (make regen); see $T/out/unit-decoders-fresh.log"
        fi
    fi
}

# ------------------------------------------------------------------ guest
# known_failure "PROG[TAG]": print the reason and succeed when a guest row
# lists it in G_KNOWN (tests/lib.sh): reported as SKIP, never silently.
known_failure() {
    local line re
    while IFS= read -r line; do
        [ -n "$line" ] || continue
        re=${line%% -- *}
        if [[ "$1" =~ ^$re$ ]]; then
            echo "${line#* -- }"
            return 0
        fi
    done <<<"${G_KNOWN_ALL:-}"
    return 1
}
# variants GUEST: its "TAG:FLAGS" build variants, one per line.
variants() { tr ';' '\n' <<<"${G_VARIANTS[$1]}" | grep -v '^$'; }
GUEST_BUILT=0
build_guests() {
    [ "$GUEST_BUILT" -eq 1 ] && return
    GUEST_BUILT=1
    local src name g v tag flags
    for src in "$ROOT"/tests/guest/*.c; do
        [ -e "$src" ] || continue
        name=$(basename "$src" .c)
        add_job "$T/guest/$name.native" "$src" "$HOST_CC" -O2 -w "$src" -lm
        for g in "${RUN_GUESTS[@]}"; do
            while IFS= read -r v; do
                tag=${v%%:*}
                flags=${v#*:}
                # shellcheck disable=SC2086
                add_job "$T/guest/$name.$tag" "$src" "${G_CC[$g]}" ${G_CFLAGS[$g]} $flags -w "$src" -lm ${G_LDLIBS[$g]:-}
            done < <(variants "$g")
        done
    done
    run_jobs
    # Expected output: the native build's stdout and exit status
    # (NAME.expected, NAME.expected.rc).
    for src in "$ROOT"/tests/guest/*.c; do
        [ -e "$src" ] || continue
        name=$(basename "$src" .c)
        local nat="$T/guest/$name.native"
        [ -x "$nat" ] || continue
        if stale "$T/guest/$name.expected" "$nat" || [ ! -e "$T/guest/$name.expected.rc" ]; then
            reference "$T/guest/$name.expected" "$nat"
        fi
    done
}
# guest_case NAME VARIANT [VAR=VAL...]: one guest program, one build variant
# (of row $GUEST_ROW).
guest_case() {
    local name=$1 tag=$2 label=${GUEST_LABEL:-guest}
    shift 2
    local why
    if why=$(known_failure "$name[$tag]"); then
        selected "$label/${name}[$tag]" && skip "$label/${name}[$tag]" "known: $why"
        return
    fi
    local exp="$T/guest/$name.expected"
    # A program that cannot test anything on this machine (no device, not
    # root) says so natively on its first line: "SKIP: reason".
    local first
    first=$(head -n 1 "$exp" 2>/dev/null)
    if [[ "$first" == "SKIP: "* ]]; then
        selected "$label/${name}[$tag]" && skip "$label/${name}[$tag]" "${first#SKIP: }"
        return
    fi
    if [ ! -e "$T/guest/$name.native" ]; then
        fail "$label/${name}[$tag]" "native $(build_reason "$T/guest/$name.native.log")"
        return
    fi
    local row=${GUEST_ROW:-}
    if [ -n "$row" ] && [[ " ${G_REFPROGS[$row]:-} " == *" $name "* ]]; then
        # This row's floating point legitimately differs from the host's
        # (x87 excess precision): the reference emulator's output of the
        # same binary is the expected one.
        exp="$T/guest/$name.$tag.ref"
        if [ -e "$T/guest/$name.$tag" ] && { stale "$exp" "$T/guest/$name.$tag" || [ ! -e "$exp.rc" ]; }; then
            reference_run "$row" "$exp" "$T/guest/$name.$tag"
        fi
        run_guest "$label/${name}[$tag]" "$T/guest/$name.$tag" "$exp" "$(cat "$exp.rc" 2>/dev/null)" "$@"
        return
    fi
    run_guest "$label/${name}[$tag]" "$T/guest/$name.$tag" "$exp" "$(cat "$T/guest/$name.expected.rc")" "$@"
}
group_guest() {
    guests_skipped guest
    [ ${#RUN_GUESTS[@]} -gt 0 ] || return
    build_guests
    local src name g v
    for src in "$ROOT"/tests/guest/*.c; do
        [ -e "$src" ] || continue
        name=$(basename "$src" .c)
        for g in "${RUN_GUESTS[@]}"; do
            while IFS= read -r v; do
                # retpred: with return prediction on (off by default)
                if [ "$name" = retpred ]; then
                    GUEST_ROW=$g guest_case "$name" "${v%%:*}" MIMIC_RETPRED=1
                else
                    GUEST_ROW=$g guest_case "$name" "${v%%:*}"
                fi
            done < <(variants "$g")
        done
    done
    # Every guest's hot loops become hot regions (-d stats counts them):
    # a front end whose direct jumps skip translator_jump never makes one.
    local tag stats
    for g in "${RUN_GUESTS[@]}"; do
        tag=$(variants "$g" | head -n 1)
        tag=${tag%%:*}
        selected "guest/regions-made[$g]" || continue
        [ -e "$T/guest/regions.$tag" ] || { fail "guest/regions-made[$g]" "no regions.$tag"; continue; }
        stats=$(timeout -k 5 "$TIMEOUT" "${EMU_CMD[@]}" -d stats "$T/guest/regions.$tag" 2>&1 >/dev/null </dev/null)
        if grep -qE '^mimic stats: [1-9][0-9]* hot regions' <<<"$stats"; then
            pass "guest/regions-made[$g]"
        else
            fail "guest/regions-made[$g]" "no hot region: $(grep 'hot regions' <<<"$stats")"
        fi
    done
}

# A tiny code buffer forces many whole-cache flushes (including while
# chained code is running); the IR interpreter path must agree too.  Per
# guest: the -O2 variants with the tiny buffer, the last -O2 variant and the
# first variant in the interpreter.
group_stress() {
    guests_skipped stress
    [ ${#RUN_GUESTS[@]} -gt 0 ] || return
    build_guests
    local g n tag first last
    local -a o2
    for g in "${RUN_GUESTS[@]}"; do
        o2=()
        first=
        while IFS= read -r tag; do
            tag=${tag%%:*}
            [ -z "$first" ] && first=$tag
            [[ "$tag" == *-O2 ]] && o2+=("$tag")
        done < <(variants "$g")
        [ -n "$first" ] || continue # a row without guest-suite variants
        [ ${#o2[@]} -gt 0 ] || o2=("$first")
        last=${o2[${#o2[@]} - 1]}
        for n in smc funcptr switch interp recursion regions retpred; do
            [ -e "$ROOT/tests/guest/$n.c" ] || continue
            for tag in "${o2[@]}"; do
                GUEST_ROW=$g GUEST_LABEL=codebuf64k guest_case "$n" "$tag" MIMIC_CODE_BUFFER=65536 MIMIC_RETPRED=1
            done
        done
        # (faultstate, signals: guest faults the interpreter's loads and
        # stores take are delivered as generated code's are)
        for n in intarith bits floatmath smc faultstate signals; do
            [ -e "$ROOT/tests/guest/$n.c" ] || continue
            GUEST_ROW=$g GUEST_LABEL=interpret guest_case "$n" "$last" MIMIC_INTERPRET=1
        done
        GUEST_ROW=$g GUEST_LABEL=interpret guest_case structs "$first" MIMIC_INTERPRET=1
    done
}

# ------------------------------------------------------------------- insn
# insn_modes GUEST PREFIX: "MODE:FLAGS" lines for tests/insn/PREFIX-*.c
# (nothing when the guest has no such prefix).
insn_modes() {
    local spec
    while IFS= read -r spec; do
        [ "${spec%%=*}" = "$2" ] && tr ',' '\n' <<<"${spec#*=}"
    done < <(tr ';' '\n' <<<"${G_INSN[$1]}")
    return 0
}
# insn_guest NAME: the running guest whose prefixes include NAME's (arm-alu: arm).
insn_guest() {
    local g p=${1%%-*}
    for g in "${RUN_GUESTS[@]}"; do
        [ -n "$(insn_modes "$g" "$p")" ] && { echo "$g"; return; }
    done
}
group_insn() {
    guests_skipped insn
    [ ${#RUN_GUESTS[@]} -gt 0 ] || return
    local src name base g m any=0
    local -a modes
    for src in "$ROOT"/tests/insn/*.c; do
        [ -e "$src" ] || continue
        name=$(basename "$src" .c)
        [ -e "${src%.c}.expected" ] || continue
        g=$(insn_guest "$name")
        [ -n "$g" ] || continue
        while IFS= read -r m; do
            # shellcheck disable=SC2086
            add_job "$T/insn/$name.${m%%:*}" "$src" "${G_CC[$g]}" ${G_CFLAGS[$g]} -O2 ${m#*:} -w -I"$ROOT/tests/insn" "$src" -lm
        done < <(insn_modes "$g" "${name%%-*}")
    done
    run_jobs
    for src in "$ROOT"/tests/insn/*.c; do
        [ -e "$src" ] || continue
        name=$(basename "$src" .c)
        g=$(insn_guest "$name")
        [ -n "$g" ] || continue
        base="$ROOT/tests/insn/$name.expected"
        if [ ! -e "$base" ]; then
            # *-fuzz.c programs are compared against the reference in group diff
            case "$name" in *-fuzz) ;; *) skip "insn/$name" "no $name.expected" ;; esac
            continue
        fi
        any=1
        mapfile -t modes < <(insn_modes "$g" "${name%%-*}")
        for m in "${modes[@]}"; do
            m=${m%%:*}
            local label="insn/$name"
            [ ${#modes[@]} -gt 1 ] && label="insn/${name}[$m]"
            run_guest "$label" "$T/insn/$name.$m" "$base" 0
        done
        # NEON's fast path (host_vec) has a C definition for the interpreter
        case "$name" in
        neon-vec | neon-lanes) run_guest "insn/${name}[interpret]" "$T/insn/$name.${modes[0]%%:*}" "$base" 0 MIMIC_INTERPRET=1 ;;
        # and AES has a C definition for hosts without AES-NI
        v8-simd) run_guest "insn/${name}[c-aes]" "$T/insn/$name.${modes[0]%%:*}" "$base" 0 MIMIC_NO_HOST_AES=1 ;;
        # dead flags: without hot regions, and the interpreter (no dead flags
        # across blocks)
        arm-flagkill)
            run_guest "insn/${name}[noregions]" "$T/insn/$name.${modes[0]%%:*}" "$base" 0 MIMIC_REGIONS=0
            run_guest "insn/${name}[interpret]" "$T/insn/$name.${modes[0]%%:*}" "$base" 0 MIMIC_INTERPRET=1
            ;;
        sparc-flagkill) run_guest "insn/${name}[noregions]" "$T/insn/$name.${modes[0]%%:*}" "$base" 0 MIMIC_REGIONS=0 ;;
        esac
    done
    [ "$any" -eq 1 ] || skip "insn" "no tests/insn/*.expected"
}

# ----------------------------------------------------------------- errors
# err_case NAME WANT_RC PATTERN FILE: mimic must exit WANT_RC with exactly
# one line on stderr (matching PATTERN, case-insensitive), nothing on
# stdout, and not die from a signal.
err_case() {
    local name="errors/$1" want=$2 pat=$3 file=$4
    selected "$name" || return 0
    if [ ! -x "$BUILD/mimic" ]; then fail "$name" "$BUILD/mimic not built"; return; fi
    local out="$T/out/err-$1.out" err="$T/out/err-$1.err"
    mkdir -p "$T/out"
    { timeout -k 5 20 "$BUILD/mimic" "$file" </dev/null >"$out" 2>"$err"; } 2>/dev/null
    local rc=$? lines
    lines=$(wc -l <"$err")
    if [ "$rc" -ne "$want" ]; then
        fail "$name" "$(describe_status "$rc"), expected exit $want"
    elif [ "$lines" -ne 1 ]; then
        fail "$name" "$lines lines on stderr, expected 1; see $err"
    elif [ -s "$out" ]; then
        fail "$name" "unexpected stdout; see $out"
    elif [ -n "$pat" ] && ! grep -qiE "$pat" "$err"; then
        fail "$name" "message does not match /$pat/: $(head -c 100 "$err")"
    else
        pass "$name"
    fi
}
group_errors() {
    local d="$T/errors"
    mkdir -p "$d"
    printf 'just some text\n' >"$d/text-file"
    chmod +x "$d/text-file"
    : >"$d/empty-file"
    err_case missing-file 127 "" "$d/does-not-exist"
    err_case not-elf 126 "" "$d/text-file"
    err_case empty-file 126 "" "$d/empty-file"
    err_case directory 126 "" "$d"
    # As bash: a FIFO is EACCES at once (never a blocked open), "" is no
    # such file (127), a path through a file is ENOTDIR (126).
    rm -f "$d/fifo"
    mkfifo "$d/fifo" 2>/dev/null && err_case fifo 126 "Permission denied" "$d/fifo"
    err_case empty-name 127 "No such file or directory" ""
    err_case not-a-directory 126 "Not a directory" "$d/text-file/x"
    local host_elf
    host_elf=$(command -v true)
    case "$(file -bL "$host_elf" 2>/dev/null || echo ELF)" in *ELF*) ;; *) host_elf=/bin/ls ;; esac
    err_case x86-64-elf 126 "arch|machine" "$host_elf"
    # A guest ELF cut short: headers point past the end of the file.
    if build_hello; then
        head -c 600 "$T/smoke/hello" >"$d/truncated-elf"
        chmod +x "$d/truncated-elf"
        err_case truncated-elf 126 "" "$d/truncated-elf"
    else
        skip "errors/truncated-elf" "no guest test binary"
    fi
}

# ------------------------------------------------------------------- diff
# reference FILE CMD...: record CMD's stdout in FILE and its exit status in
# FILE.rc (written under temporary names, then renamed, so that a runner
# sharing the build directory never reads half a file).
reference() {
    local ref=$1
    shift
    { timeout -k 5 "$TIMEOUT" "$@" </dev/null >"$ref.tmp$$"; } 2>/dev/null
    echo $? >"$ref.rc.tmp$$"
    mv -f "$ref.rc.tmp$$" "$ref.rc"
    mv -f "$ref.tmp$$" "$ref"
}
# reference_run GUEST FILE BIN ARGS...: BIN's output under GUEST's reference
# emulator (its -L sysroot given) into FILE (reference).
reference_run() {
    local g=$1 ref=$2
    shift 2
    local -a cmd
    read -r -a cmd <<<"${G_REF[$g]}"
    reference "$ref" "${cmd[@]}" -L "${G_SYSROOT[$g]}" "$@"
}
# Random-instruction differential tests against each guest's reference
# emulator: programs from tests/difftest/gen.py for the guests with ISAs in
# G_DIFFGEN, and the instruction fuzzers (tests/insn/*-fuzz.c without a
# .expected; they take "SEED N" arguments).
group_diff() {
    guests_skipped diff
    [ ${#RUN_GUESTS[@]} -gt 0 ] || return
    if ! have python3; then skip "diff" "python3 not installed"; return; fi
    local seeds=${DIFF_SEEDS:-"1 2 3 4 5 6 7 8 9 10 11 12"} s isa g ref
    local gen="$ROOT/tests/difftest/gen.py"
    local d="$T/diff"
    mkdir -p "$d"
    local -a ready=()
    for g in "${RUN_GUESTS[@]}"; do
        read -r ref _ <<<"${G_REF[$g]}"
        if ! have "$ref"; then skip "diff[$g]" "$ref not installed"; continue; fi
        ready+=("$g")
        [ -n "${G_DIFFGEN[$g]:-}" ] && [ -e "$gen" ] || continue
        for s in $seeds; do
            for isa in ${G_DIFFGEN[$g]}; do
                local base="$d/$isa-$s"
                if stale "$base.S" "$gen"; then
                    python3 "$gen" --seed "$s" --isa "$isa" >"$base.S.tmp$$" 2>"$base.gen.log" &&
                        mv -f "$base.S.tmp$$" "$base.S"
                fi
                # shellcheck disable=SC2086
                # ARM's ISAs are gcc -m flags; other ISAs have their own harness.
                local isaflag="-m$isa" harness="$ROOT/tests/difftest/harness.c"
                if [ -e "$ROOT/tests/difftest/harness-$isa.c" ]; then
                    isaflag= harness="$ROOT/tests/difftest/harness-$isa.c"
                fi
                # shellcheck disable=SC2086
                [ -e "$base.S" ] && add_job "$base" "$base.S" "${G_CC[$g]}" ${G_CFLAGS[$g]} $isaflag "$base.S" \
                    "$harness"
            done
        done
    done
    local src fz m
    for src in "$ROOT"/tests/insn/*-fuzz.c; do
        [ -e "$src" ] || continue
        [ -e "${src%.c}.expected" ] && continue
        fz=$(basename "$src" .c)
        g=$(insn_guest "$fz")
        [[ " ${ready[*]} " == *" $g "* ]] || continue
        m=$(insn_modes "$g" "${fz%%-*}" | head -1)
        # shellcheck disable=SC2086
        add_job "$d/$fz" "$src" "${G_CC[$g]}" ${G_CFLAGS[$g]} -O1 ${m#*:} -w -I"$ROOT/tests/insn" "$src" -lm
    done
    run_jobs
    for src in "$ROOT"/tests/insn/*-fuzz.c; do
        [ -e "$src" ] || continue
        [ -e "${src%.c}.expected" ] && continue
        fz=$(basename "$src" .c)
        g=$(insn_guest "$fz")
        [[ " ${ready[*]} " == *" $g "* ]] || continue
        for s in $seeds; do
            local name="diff/$fz-seed$s"
            if [ ! -e "$d/$fz" ]; then fail "$name" "$(build_reason "$d/$fz.log")"; continue; fi
            if stale "$d/$fz-$s.qemu" "$d/$fz" || [ ! -e "$d/$fz-$s.qemu.rc" ]; then
                # a fuzzer may name extra reference options ("reference-args: -cpu max")
                local -a rargs=()
                read -r -a rargs <<<"$(sed -n 's/.*reference-args: //p' "$src" | head -1)"
                reference_run "$g" "$d/$fz-$s.qemu" "${rargs[@]}" "$d/$fz" "$s" 2000
            fi
            GUEST_ARGS="$s 2000" run_guest "$name" "$d/$fz" "$d/$fz-$s.qemu" "$(cat "$d/$fz-$s.qemu.rc")"
        done
        # the first two seeds through the IR interpreter too (not vfp-fuzz:
        # it rewrites its code buffer every iteration, 40 s per seed there)
        [ "$fz" = vfp-fuzz ] && continue
        for s in $(echo "$seeds" | tr ' ' '\n' | head -2); do
            [ -e "$d/$fz" ] && [ -e "$d/$fz-$s.qemu" ] || continue
            GUEST_ARGS="$s 2000" run_guest "diff/interpret-$fz-seed$s" "$d/$fz" "$d/$fz-$s.qemu" \
                "$(cat "$d/$fz-$s.qemu.rc")" MIMIC_INTERPRET=1
        done
    done
    for g in "${ready[@]}"; do
        [ -n "${G_DIFFGEN[$g]:-}" ] || continue
        if [ ! -e "$gen" ]; then skip "diff[$g]" "tests/difftest/gen.py not written yet"; continue; fi
        [ "$g" = i386 ] && diff_native_i386
        for s in $seeds; do
            for isa in ${G_DIFFGEN[$g]}; do
                local base="$d/$isa-$s" name="diff/$isa-seed$s"
                if [ ! -e "$base.S" ]; then fail "$name" "generator failed; see $base.gen.log"; continue; fi
                if [ ! -e "$base" ]; then fail "$name" "$(build_reason "$base.log")"; continue; fi
                if stale "$base.qemu" "$base" || [ ! -e "$base.qemu.rc" ]; then
                    reference_run "$g" "$base.qemu" "$base"
                fi
                run_guest "$name" "$base" "$base.qemu" "$(cat "$base.qemu.rc")"
            done
        done
        # The same programs through the IR interpreter (MIMIC_INTERPRET=1).
        for s in $(echo "$seeds" | tr ' ' '\n' | head -3); do
            for isa in ${G_DIFFGEN[$g]}; do
                local base="$d/$isa-$s"
                [ -e "$base" ] && [ -e "$base.qemu" ] || continue
                run_guest "diff/interpret-$isa-seed$s" "$base" "$base.qemu" "$(cat "$base.qemu.rc")" MIMIC_INTERPRET=1
            done
        done
    done
}

# The real-CPU half of the i386 differential test (diff/cpu-i386-seedN).
# 32-bit code does not run on every x86-64 kernel (tests/difftest/
# ia32-probe.c tells), so the CPU runs the same program bodies as x86-64
# code instead, which the generator keeps possible.
diff_native_i386() {
    local d="$T/diff" s base name
    mkdir -p "$d"
    # The same bodies as x86-64 code (tests/difftest/i386-to-x86_64.py):
    # the real CPU's answer even where 32-bit code cannot run.
    for s in $seeds; do
        base="$d/i386-$s" name="diff/cpu-i386-seed$s"
        selected "$name" || continue
        [ -e "$base.S" ] && [ -e "$base" ] || continue
        if stale "$base.64" "$base.S"; then
            python3 "$ROOT/tests/difftest/i386-to-x86_64.py" "$base.S" "$base.64.S" &&
                "$HOST_CC" -no-pie -static "$base.64.S" "$ROOT/tests/difftest/harness-i386.c" \
                    -o "$base.64" >"$base.64.log" 2>&1 || { fail "$name" "x86-64 build failed: $base.64.log"; continue; }
        fi
        "$base.64" >"$base.cpu" 2>&1
        run_guest "$name" "$base" "$base.cpu" 0
    done
}

# ------------------------------------------------------- external runners
# Groups with a runner script of their own (PASS/FAIL/SKIP lines): the lines
# are passed through and counted here.
run_external() { # GROUP SCRIPT
    local g=$1 r=$2
    if [ ! -e "$r" ]; then skip "$g" "no $r"; return; fi
    local line any=0
    while IFS= read -r line; do
        case "$line" in
        "PASS "*) any=1; pass "${line#PASS }" ;;
        "FAIL "*)
            any=1
            local rest=${line#FAIL } n
            n=${rest%% (*}
            fail "$n" "$(echo "${rest#"$n"}" | sed 's/^ *(//; s/)$//')"
            ;;
        "SKIP "*)
            any=1
            local rest=${line#SKIP } n
            n=${rest%% (*}
            skip "$n" "$(echo "${rest#"$n"}" | sed 's/^ *(//; s/)$//')"
            ;;
        *) echo "$line" >&2 ;;
        esac
    done < <(BUILD="$BUILD" bash "$r" "${@:3}" 2>&1)
    [ "$any" -eq 1 ] || fail "$g" "$r reported no cases"
}

# Real Debian armhf (and i386) programs against a downloaded sysroot (tests/debian/).
# With the i386 guest, a lean subset of the same cases on Debian i386
# packages (one or two per package; `DEBIAN_ARCH=i386 tests/debian/run.sh`
# runs them all).
DEBIAN_I386_CASES="bash-exec busybox-sh compress coreutils-sums coreutils-system float-exact
    lua-compute make-build openssl perl-fork python3-threads python3-subprocess sqlite3 tar-gnu uname"
group_debian() {
    run_external debian "$ROOT/tests/debian/run.sh"
    if [[ " ${RUN_GUESTS[*]} " == *" i386 "* ]]; then
        # shellcheck disable=SC2086
        DEBIAN_ARCH=i386 run_external debian-i386 "$ROOT/tests/debian/run.sh" $DEBIAN_I386_CASES
    fi
}
# binfmt_misc registration (tests/binfmt.sh; end to end in a private
# binfmt_misc instance when the kernel allows it, else SKIP).
group_binfmt() { run_external binfmt "$ROOT/tests/binfmt.sh"; }
group_options() { run_external options "$ROOT/tests/options.sh"; }
# The persistent translation cache (tests/pcache.sh).
group_pcache() { run_external pcache "$ROOT/tests/pcache.sh"; }
group_chroot() { run_external chroot "$ROOT/tests/chroot.sh"; }
# The gdbstub, driven by gdb-multiarch (tests/gdb.sh; SKIP without it).
group_gdb() { run_external gdb "$ROOT/tests/gdb.sh"; }
group_install() { run_external install "$ROOT/tests/install.sh"; }
# Guest core files read back by gdb-multiarch (tests/coredump.sh).
group_coredump() { run_external coredump "$ROOT/tests/coredump.sh"; }
# Real programs built for PowerPC and SPARC from Debian source packages
# (tests/srcprogs.sh).
group_srcprogs() { run_external srcprogs "$ROOT/tests/srcprogs.sh"; }
# A short fixed-time ELF-loader fuzz campaign with a fixed seed
# (tests/fuzz/run.sh; make fuzz runs it longer, with a new seed each time).
group_fuzz() { FUZZ_SECONDS=${FUZZ_SECONDS:-10} FUZZ_SEED=${FUZZ_SEED:-1} run_external fuzz "$ROOT/tests/fuzz/run.sh"; }

# ------------------------------------------------------------------- main
ALL_GROUPS=(unit guest insn stress errors diff binfmt options pcache chroot install gdb coredump debian srcprogs fuzz)
OPT_GROUPS=()
if [ $# -eq 0 ]; then
    set -- "${ALL_GROUPS[@]}"
fi
for g in "$@"; do
    case " ${ALL_GROUPS[*]} ${OPT_GROUPS[*]} " in
    *" $g "*) ;;
    *) echo "usage: tests/run.sh [${ALL_GROUPS[*]} ${OPT_GROUPS[*]}]" >&2; exit 2 ;;
    esac
done

ensure_deps
pick_guests
SMOKE_GUEST=${RUN_GUESTS[0]:-}
for g in "$@"; do
    case "$g" in guest | insn | stress | diff) smoke ;; esac
    "group_$g"
done

summary="$npass passed, $nfail failed"
[ "$nskip" -gt 0 ] && summary="$summary, $nskip skipped"
echo "$summary"
[ "$nfail" -eq 0 ]
