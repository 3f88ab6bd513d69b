#!/usr/bin/env bash
# What a browser downloads to run the widget: the wasm and its JS glue, each compressed with
# gzip -9, against the budget of issue 3 (120 KB in total, 1 KB = 1000 bytes).
#
#   benches/wasm-size.sh [pkg-dir]     default www/pkg; exits 1 when over budget
set -euo pipefail

pkg="${1:-www/pkg}"
budget=120000
files=("$pkg/leverage_cascade_bg.wasm" "$pkg/leverage_cascade.js")

total=0
printf '%-40s %10s %10s\n' file bytes gzip-9
for f in "${files[@]}"; do
    if [ ! -f "$f" ]; then
        echo "error: $f is missing; run make build first" >&2
        exit 1
    fi
    raw=$(wc -c <"$f")
    gz=$(gzip -9 -c "$f" | wc -c)
    total=$((total + gz))
    printf '%-40s %10d %10d\n' "$f" "$raw" "$gz"
done
printf 'wasm + glue, gzip -9: %d.%d KB of a %d KB budget\n' \
    $((total / 1000)) $((total % 1000 / 100)) $((budget / 1000))
if [ "$total" -gt "$budget" ]; then
    echo "OVER BUDGET by $((total - budget)) bytes" >&2
    exit 1
fi
