#!/usr/bin/env bash
# Fuzzes both params readers and the model for a bounded time: `make fuzz` (FUZZ_SECONDS=300 by
# default, split between the targets `params`, JSON text through serde_json, and `js_values`,
# values through the reader the JS API uses). Needs the machine's nightly toolchain and
# cargo-fuzz, which it installs if missing.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${FUZZ_SECONDS:-300}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
half=$(( (seconds + 1) / 2 ))
mkdir -p corpus/params corpus/js_values
cp -n seeds/*.json corpus/params/
for target in params js_values; do
    echo "== $target ($half s)"
    cargo fuzz run "$target" "corpus/$target" -- -max_total_time="$half" $([ "$target" = params ] && echo -dict=params.dict) -print_final_stats=1 2>&1 |
        tee "../target/fuzz-$target.log" | grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+== ERROR|SUMMARY)' || true
    grep -q '^Done' "../target/fuzz-$target.log"
done
