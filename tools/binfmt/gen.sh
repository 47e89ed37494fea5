#!/usr/bin/env bash
# Write tools/binfmt/mimic-GUEST.conf and tools/binfmt/mimic-GUEST for each
# GUEST given, from what `MIMIC --binfmt install --persistent --dry-run
# --interpreter /usr/bin/mimic --target GUEST` prints (`make binfmt-files`
# runs it for the Makefile's TARGETS; tests/binfmt.sh checks the files still
# match).  Guests the host runs natively (i386 on x86) get no files.
#   tools/binfmt/gen.sh MIMIC GUEST...
# `make install` uses it with the installed path and its own directories:
#   INTERP=/usr/local/bin/mimic CONF_DIR=D1 FORMAT_DIR=D2 tools/binfmt/gen.sh MIMIC GUEST...
# writes D1/mimic-GUEST.conf and D2/mimic-GUEST.
set -u
dir=$(cd "$(dirname "$0")" && pwd)
interp=${INTERP:-/usr/bin/mimic}
conf_dir=${CONF_DIR:-$dir}
format_dir=${FORMAT_DIR:-$dir}
mimic=$1
shift
for t in "$@"; do
    out=$(env MIMIC_BINFMT_ROOT=/nonexistent "$mimic" --binfmt install --dry-run --persistent \
        --interpreter "$interp" --target "$t" 2>&1) || {
        echo "gen.sh: $t: no binfmt entry (${out#mimic: })" >&2
        continue
    }
    {
        echo "# binfmt.d(5) entry for a packaged mimic at $interp (install to /etc/binfmt.d/ or"
        echo "# /usr/lib/binfmt.d/).  Same line as \`mimic --binfmt install --persistent\` writes;"
        echo "# regenerate: make binfmt-files (tools/binfmt/gen.sh)"
        head -n1 <<<"$out"
    } >"$conf_dir/mimic-$t.conf"
    sed -n '/^would write \/nonexistent\/usr\/share\/binfmts/,$p' <<<"$out" | tail -n +2 \
        >"$format_dir/mimic-$t"
done
