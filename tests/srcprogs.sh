#!/usr/bin/env bash
# Real programs built from Debian source packages (group srcprogs).
#
# Debian's main archive has no PowerPC or 32-bit SPARC binaries, so for
# those guests real programs come from Debian's own sources (`apt-get
# source`), built with the guest's cross compiler and, from the same
# sources, natively for x86-64.  Each program runs its own checks or is
# compared with the native build's output:
#   zlib      its test/example.c (all "ok"), and minigzip output
#             byte-identical to the native minigzip's, both directions
#   bzip2     the checks of its own Makefile (sample1-3, -1/-2/-3, both ways)
#   lua5.4    a script of recursion, tables, strings, closures, floats
#   sqlite3   the shell (amalgamation built here with tclsh) on an SQL
#             script: joins, aggregates, window functions, recursive CTEs,
#             printf, JSON
#   busybox   a static busybox (ash and the usual text applets, configured
#             here) running a shell script of 200+ commands
# ARM has Debian's own armhf binaries (group debian); the guests here are
# SRC_GUESTS (default: ppc sparc).  Sources and builds are cached in
# build/tests/srcprogs: a second run only runs.
#
# SKIPs (with the reason) when the sources cannot be fetched (no network,
# no deb-src and not root) or a tool is missing.
set -u
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

T="$BUILD/tests/srcprogs"
SRC="$T/src"
M="$BUILD/mimic"
mkdir -p "$SRC"
SRC_GUESTS=${SRC_GUESTS:-ppc sparc}

npass=0 nfail=0 nskip=0
pass() { echo "PASS srcprogs/$1"; npass=$((npass + 1)); }
fail() { echo "FAIL srcprogs/$1 ($2)"; nfail=$((nfail + 1)); }
skip() { echo "SKIP srcprogs/$1 ($2)"; nskip=$((nskip + 1)); }
summary() {
    local s="$npass passed, $nfail failed"
    [ "$nskip" -gt 0 ] && s="$s, $nskip skipped"
    echo "$s"
    [ "$nfail" -eq 0 ]
}

# The guests to build for: those of SRC_GUESTS with a compiler and a guest
# in this mimic.
guests=()
for g in $SRC_GUESTS; do
    if [ -z "${G_CC[$g]:-}" ] || ! have "${G_CC[$g]}"; then
        skip "$g" "no $g cross compiler (${G_CC[$g]:-none})"
    elif ! "$M" -version | grep -qw "$g"; then
        skip "$g" "no $g guest in this mimic"
    else
        guests+=("$g")
    fi
done
[ ${#guests[@]} -gt 0 ] || { summary; exit; }

# ---------------------------------------------------------------- sources
if ! why=$(ensure_deb_src "$T" 2>&1); then
    skip all "no Debian source packages: $why"
    summary
    exit
fi
declare -A DIR
for p in zlib bzip2 lua5.4 sqlite3 busybox; do
    if d=$(fetch_src "$SRC" "$p"); then
        DIR[$p]=$d
    else
        skip "$p" "apt-get source $p failed: $(tail -1 "$SRC/fetch-$p.log")"
    fi
done

# run_guest G PROG ARGS...: PROG under mimic (stdin passed through).
run_guest() { local g=$1; shift; timeout -k 5 300 "$M" "$@"; }

# versus_native CASE PROG STDIN ARGS...: run $T/native/PROG and, for each
# guest with a build, $T/G/PROG under mimic, both with ARGS and STDIN; the
# outputs (stdout and stderr) must be identical.
versus_native() {
    local name=$1 prog=$2 in=$3 g
    shift 3
    [ -e "$T/native/$prog" ] || return 0
    "$T/native/$prog" "$@" <"$in" >"$T/$name.native.out" 2>&1
    for g in "${guests[@]}"; do
        [ -e "$T/$g/$prog" ] || continue
        run_guest "$g" "$T/$g/$prog" "$@" <"$in" >"$T/$name.$g.out" 2>&1
        if cmp -s "$T/$name.native.out" "$T/$name.$g.out"; then
            pass "$name[$g]"
        else
            fail "$name[$g]" "output differs from the native build's: diff $T/$name.native.out $T/$name.$g.out"
        fi
    done
}

# cc_for G: the compiler and flags of guest G ("native": the host's).
cc_for() {
    if [ "$1" = native ]; then
        echo "$HOST_CC"
    else
        echo "${G_CC[$1]} ${G_CFLAGS[$1]:-} -static"
    fi
}

# build G NAME LOG CC-ARGS...: $T/G/NAME from CC-ARGS unless it exists (the
# sources are a fixed Debian version; rm -r build/tests/srcprogs/G to
# rebuild); false (and the log) on failure.
build() {
    local g=$1 name=$2 log=$3 out="$T/$1/$2"
    shift 3
    mkdir -p "$T/$g"
    if [ ! -e "$out" ]; then
        # shellcheck disable=SC2046
        $(cc_for "$g") -o "$out" "$@" -lm ${G_LDLIBS[$g]:-} >"$log" 2>&1 || { rm -f "$out"; return 1; }
    fi
}

# The builds for every guest and natively.
all=(native "${guests[@]}")

# ------------------------------------------------------------------- zlib
if [ -n "${DIR[zlib]:-}" ]; then
    d=${DIR[zlib]}
    zsrc=("$d"/{adler32,compress,crc32,deflate,gzclose,gzlib,gzread,gzwrite,infback,inffast,inflate,inftrees,trees,uncompr,zutil}.c)
    # Deterministic input: text-like and binary-like parts.
    [ -e "$T/zin" ] || awk 'BEGIN { srand(7); for (i = 0; i < 40000; i++)
        printf "%d %s %c%c %x\n", i, (i % 3 ? "alpha" : "omega"), 65 + int(rand() * 26), 97 + i % 26, i * 40503 % 65536 }' >"$T/zin"
    for g in "${all[@]}"; do
        if ! build "$g" zexample "$T/$g.zexample.log" -O2 -I"$d" "$d/test/example.c" "${zsrc[@]}" -w ||
            ! build "$g" minigzip "$T/$g.minigzip.log" -O2 -I"$d" "$d/test/minigzip.c" "${zsrc[@]}" -w; then
            fail "zlib[$g]" "build failed: $(cat "$T/$g.zexample.log" "$T/$g.minigzip.log" 2>/dev/null | grep -m1 -i error)"
            [ "$g" = native ] && break
        fi
    done
    if [ -e "$T/native/minigzip" ]; then
        (cd "$T" && ./native/zexample >"$T/zexample.native.out" 2>&1)
        "$T/native/minigzip" -9 <"$T/zin" >"$T/zin.native.gz"
        for g in "${guests[@]}"; do
            [ -e "$T/$g/minigzip" ] || continue
            # example.c's own checks; its first line names the compile
            # flags, which differ between 32- and 64-bit builds.
            (cd "$T" && run_guest "$g" "$T/$g/zexample" >"$T/zexample.$g.out" 2>&1)
            rc=$?
            if [ "$rc" -eq 0 ] && diff <(sed 1d "$T/zexample.native.out") <(sed 1d "$T/zexample.$g.out") >/dev/null; then
                pass "zlib-example[$g]"
            else
                fail "zlib-example[$g]" "$(describe_status "$rc"); output in $T/zexample.$g.out"
            fi
            run_guest "$g" "$T/$g/minigzip" -9 <"$T/zin" >"$T/zin.$g.gz" 2>&1
            if cmp -s "$T/zin.$g.gz" "$T/zin.native.gz" &&
                run_guest "$g" "$T/$g/minigzip" -d <"$T/zin.native.gz" 2>&1 | cmp -s - "$T/zin"; then
                pass "zlib-minigzip[$g]"
            else
                fail "zlib-minigzip[$g]" "compressed output differs from the native minigzip's, or decompression does"
            fi
        done
    fi
fi

# ------------------------------------------------------------------ bzip2
if [ -n "${DIR[bzip2]:-}" ]; then
    d=${DIR[bzip2]}
    bsrc=("$d"/{blocksort,bzlib,compress,crctable,decompress,huffman,randtable,bzip2}.c)
    for g in "${guests[@]}"; do
        if ! build "$g" bzip2 "$T/$g.bzip2.log" -O2 -I"$d" "${bsrc[@]}" -w; then
            fail "bzip2[$g]" "build failed: $(head -1 "$T/$g.bzip2.log")"
            continue
        fi
        # bzip2's own "make check": sampleN.ref compressed with -N is
        # sampleN.bz2, and decompresses back.
        bad=
        for n in 1 2 3; do
            run_guest "$g" "$T/$g/bzip2" -$n <"$d/sample$n.ref" 2>/dev/null | cmp -s - "$d/sample$n.bz2" ||
                bad="$bad -$n(compress)"
            run_guest "$g" "$T/$g/bzip2" -d <"$d/sample$n.bz2" 2>/dev/null | cmp -s - "$d/sample$n.ref" ||
                bad="$bad -$n(decompress)"
        done
        if [ -z "$bad" ]; then pass "bzip2-selftest[$g]"; else fail "bzip2-selftest[$g]" "differs:$bad"; fi
    done
fi

# ------------------------------------------------------------------- lua
if [ -n "${DIR[lua5.4]:-}" ]; then
    d=${DIR[lua5.4]}
    lsrc=()
    for f in "$d"/src/*.c; do
        case "$f" in */luac.c) ;; *) lsrc+=("$f") ;; esac
    done
    # Debian's luaconf.h includes a header its build generates.
    mkdir -p "$T/lua-inc"
    echo '#define DEB_HOST_MULTIARCH "none"' >"$T/lua-inc/lua5.4-deb-multiarch.h"
    cat >"$T/test.lua" <<'EOF'
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
local t = {}
for i = 1, 20000 do t[i] = (i * 7919) % 100003 end
table.sort(t)
local parts = {}
for i = 1, 5000 do parts[#parts + 1] = string.format("%d:%x", i, t[i]) end
local s = table.concat(parts, ",")
local count = 0
for w in s:gmatch("%d+:a") do count = count + 1 end
local acc = 0.0
for i = 1, 20000 do acc = acc + math.sqrt(i) * 0.5 + (i % 7) / 3 end
local function counter() local c = 0 return function() c = c + 1 return c end end
local f = counter()
for _ = 1, 30000 do f() end
local co = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i * i) end end)
print(fib(22), t[1], t[#t], #s, count, string.format("%.6f", acc), f(), co(), co(), co())
print(string.rep("ab", 3, "-"), ("%q"):format("a\nb"), math.maxinteger, 7 // 2, 7.0 // 2, 2^53, -7 % 3)
print(pcall(error, {code = 42}), select("#", 1, nil, 3), utf8.char(72, 228, 8364))
local ok, msg = pcall(function() local x = nil; return x.y end)
print(ok, (msg:gsub("^.-:%d+: ", "")))
EOF
    for g in "${all[@]}"; do
        if ! build "$g" lua "$T/$g.lua.log" -O2 -I"$T/lua-inc" -DLUA_USE_POSIX "${lsrc[@]}" -w; then
            fail "lua[$g]" "build failed: $(head -1 "$T/$g.lua.log")"
            [ "$g" = native ] && break
        fi
    done
    versus_native lua lua /dev/null "$T/test.lua"
fi

# ---------------------------------------------------------------- sqlite3
if [ -n "${DIR[sqlite3]:-}" ]; then
    d=${DIR[sqlite3]}
    amal="$T/sqlite-amal"
    if ! have tclsh; then
        skip sqlite3 "no tclsh (package tcl): the amalgamation cannot be generated"
    elif [ ! -e "$amal/sqlite3.c" ] &&
        ! (mkdir -p "$amal" && cd "$amal" && "$d/configure" --disable-tcl --disable-readline &&
            make sqlite3.c shell.c) >"$T/sqlite-amal.log" 2>&1; then
        fail sqlite3-amalgamation "see $T/sqlite-amal.log"
    else
        cat >"$T/test.sql" <<'EOF'
CREATE TABLE dept(id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE emp(id INTEGER PRIMARY KEY, name TEXT, dept INT REFERENCES dept, salary REAL, hired TEXT);
INSERT INTO dept VALUES (1, 'eng'), (2, 'ops'), (3, 'sales');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
INSERT INTO emp SELECT i, 'e' || i, 1 + i % 3, 1000 + (i * 37 % 101) * 12.5,
    date('2020-01-01', '+' || (i * 3) || ' days') FROM n;
CREATE INDEX emp_dept ON emp(dept, salary);
SELECT d.name, count(*), printf('%.2f', avg(e.salary)), max(e.hired)
  FROM emp e JOIN dept d ON d.id = e.dept GROUP BY d.name ORDER BY d.name;
SELECT name, salary, rank() OVER (PARTITION BY dept ORDER BY salary DESC, id) AS r
  FROM emp WHERE id % 50 = 0 ORDER BY dept, r;
SELECT group_concat(id, ',') FROM (SELECT id FROM emp WHERE salary > 2200 ORDER BY id LIMIT 12);
SELECT json_object('n', count(*), 'sum', sum(salary)) FROM emp;
SELECT hex(zeroblob(2)), upper('mimic'), substr('emulator', 2, 4), 7 / 2, 7.0 / 2, 1e308 * 10;
SELECT printf('%08.3f|%-6s|%x', 3.14159, 'ab', 255), typeof(1), typeof(1.5), typeof('x'), typeof(NULL);
UPDATE emp SET salary = salary * 1.1 WHERE dept = 2;
DELETE FROM emp WHERE id > 490;
SELECT count(*), printf('%.4f', sum(salary)) FROM emp;
PRAGMA integrity_check;
EOF
        for g in "${all[@]}"; do
            if ! build "$g" sqlite3 "$T/$g.sqlite3.log" -O1 -DSQLITE_THREADSAFE=0 -DSQLITE_OMIT_LOAD_EXTENSION \
                -I"$amal" "$amal/sqlite3.c" "$amal/shell.c" -w; then
                fail "sqlite3[$g]" "build failed: $(grep -m1 -i error "$T/$g.sqlite3.log")"
                [ "$g" = native ] && break
            fi
        done
        versus_native sqlite3 sqlite3 "$T/test.sql" :memory:
    fi
fi

# ---------------------------------------------------------------- busybox
# A small static busybox: allnoconfig, then ash and the applets the script
# uses, run as applets (SH_STANDALONE: the shell execs /proc/self/exe for
# them, never the host's programs of the same names).  Cross builds need the guest's binutils (CROSS_COMPILE) and, for
# SPARC's -m32, a 32-bit partial link.
BB_CONFIG="STATIC FEATURE_SH_STANDALONE FEATURE_PREFER_APPLETS ASH SH_IS_ASH ASH_ECHO ASH_PRINTF ASH_TEST ASH_BASH_COMPAT ASH_GETOPTS
    ASH_CMDCMD FEATURE_SH_MATH FEATURE_SH_MATH_64 CAT SED GREP EGREP EXPR
    EXPR_MATH_SUPPORT_64 SEQ WC SORT FEATURE_SORT_BIG TR HEAD TAIL CUT UNIQ ECHO
    FEATURE_FANCY_ECHO PRINTF TEST TEST1 TEST2 TRUE FALSE BASENAME DIRNAME OD"
declare -A BB_LD=([sparc]="-m elf32_sparc")
bb_build() { # G
    local g=$1 o="$T/$1/bb" cc prefix
    [ -x "$o/busybox" ] && return 0
    rm -rf "$o"
    mkdir -p "$o"
    {
        make -s -C "${DIR[busybox]}" O="$o" allnoconfig || return 1
        local c
        for c in $BB_CONFIG; do
            sed -i "s/^# CONFIG_$c is not set/CONFIG_$c=y/" "$o/.config"
        done
        yes "" | make -s -C "$o" oldconfig || return 1
        if [ "$g" = native ]; then
            make -s -C "$o" HOSTCC="$HOST_CC" CC="$HOST_CC" busybox
        else
            cc=${G_CC[$g]}
            prefix=${cc%gcc}
            # shellcheck disable=SC2086
            make -s -C "$o" CROSS_COMPILE="$prefix" CC="$cc ${G_CFLAGS[$g]:-}" \
                LD="${prefix}ld ${BB_LD[$g]:-}" HOSTCC="$HOST_CC" busybox
        fi
    } >"$T/$g.busybox.log" 2>&1 && [ -x "$o/busybox" ]
}
if [ -n "${DIR[busybox]:-}" ]; then
    cat >"$T/test.sh" <<'EOF'
# 200+ short commands, as a configure script or package script runs them.
i=0 total=0
while [ $i -lt 40 ]; do
    i=$((i + 1))
    w=$(echo "item-$i of the list" | sed 's/-/ number /' | tr a-z A-Z | cut -d' ' -f1,2,3)
    n=$(expr $i \* 3 + 1)
    total=$((total + n))
    [ $((i % 8)) -eq 0 ] && printf '%03d %s %s\n' "$i" "$w" "$n"
    echo "$w" | grep -q NUMBER || echo "grep failed at $i"
done
echo "total $total"
seq 1 30 | sort -rn | head -5 | tr '\n' ' '; echo
printf 'b\na\nc\na\n' | sort | uniq -c | sed 's/^ *//'
echo 'x:y:z' | cut -d: -f2; basename /a/b/c.txt .txt; dirname /a/b/c.txt
echo hello | od -An -tx1
seq 100 | wc -l; seq 1000 | tail -1
for w in alpha beta gamma; do case $w in b*) echo "b-word $w";; *) echo "other $w";; esac; done
f() { local x=$1; echo "f got $x $#"; return 3; }; f one two; echo "status $?"
echo "${PATH:+set}" "${UNSET_VAR:-default}" "$((0x10 + 010))"
EOF
    for g in "${all[@]}"; do
        if ! bb_build "$g"; then
            fail "busybox[$g]" "build failed: $(grep -m1 -iE 'error|fatal' "$T/$g.busybox.log")"
            [ "$g" = native ] && break
        fi
    done
    versus_native busybox-sh bb/busybox /dev/null sh "$T/test.sh"
fi

summary
