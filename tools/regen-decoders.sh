#!/bin/sh
# Regenerate the committed decoders: every target-*/NAME.decode that has a
# 'decoder' line becomes target-*/decode-NAME.c.inc (files without one hold
# shared definitions and are only included).
#   tools/regen-decoders.sh          rewrite the files in the tree
#   tools/regen-decoders.sh --check  regenerate into a temporary directory and
#                                    fail (listing the differences) if anything
#                                    differs from what is committed
set -eu
cd "$(dirname "$0")/.."
check=0
[ "${1:-}" = --check ] && check=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for src in target-*/*.decode; do
    [ -e "$src" ] || continue
    grep -q '^decoder ' "$src" || continue
    dir=$(dirname "$src")
    out="$dir/decode-$(basename "$src" .decode).c.inc"
    mkdir -p "$tmp/$dir"
    python3 tools/decodegen.py "$src" "$tmp/$out"
    if [ "$check" -eq 1 ]; then
        if ! cmp -s "$tmp/$out" "$out"; then
            echo "$out is stale (run make regen):"
            diff -u "$out" "$tmp/$out" | head -20 || true
            status=1
        fi
    elif ! cmp -s "$tmp/$out" "$out"; then
        cp "$tmp/$out" "$out"
        echo "regenerated $out"
    fi
done
exit $status
