#!/usr/bin/env bash
# Write tools/binfmt/mimic-GUEST.conf and tools/binfmt/mimic-GUEST for each
# GUEST given, from what `MIMIC --binfmt install --persistent --dry-run
# --interpreter /usr/bin/mimic --target GUEST` prints (`make binfmt-files`
# runs it for the Makefile's TARGETS; tests/binfmt.sh checks the files still
# match).  Guests the host runs natively (i386 on x86) get no files.
#   tools/binfmt/gen.sh MIMIC GUEST...
set -u
dir=$(cd "$(dirname "$0")" && pwd)
mimic=$1
shift
for t in "$@"; do
    out=$(env MIMIC_BINFMT_ROOT=/nonexistent "$mimic" --binfmt install --dry-run --persistent \
        --interpreter /usr/bin/mimic --target "$t" 2>&1) || {
        echo "gen.sh: $t: no binfmt entry (${out#mimic: })" >&2
        continue
    }
    {
        echo "# binfmt.d(5) entry for a packaged mimic at /usr/bin/mimic (install to /etc/binfmt.d/ or"
        echo "# /usr/lib/binfmt.d/).  Same line as \`mimic --binfmt install --persistent\` writes;"
        echo "# regenerate: make binfmt-files (tools/binfmt/gen.sh)"
        head -n1 <<<"$out"
    } >"$dir/mimic-$t.conf"
    sed -n '/^would write \/nonexistent\/usr\/share\/binfmts/,$p' <<<"$out" | tail -n +2 \
        >"$dir/mimic-$t"
done
