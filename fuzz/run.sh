#!/usr/bin/env bash
# Fuzzes the params parser and the model for a bounded time: `make fuzz` (FUZZ_SECONDS=300 by
# default). Needs the machine's nightly toolchain and cargo-fuzz, which it installs if missing.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${FUZZ_SECONDS:-300}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
mkdir -p corpus/params
cp -n seeds/*.json corpus/params/
cargo fuzz run params corpus/params -- -max_total_time="$seconds" -dict=params.dict -print_final_stats=1 2>&1 |
    tee ../target/fuzz.log | grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+== ERROR|SUMMARY)' || true
grep -q '^Done' ../target/fuzz.log
