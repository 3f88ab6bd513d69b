#!/usr/bin/env bash
# `make bench`: every benchmark in one report, printed and saved to target/bench-report.txt.
#
#   benches/run.sh [--quick]     --quick: fewer runs, for a smoke check (figures are rougher)
#
# Expects www/pkg to be built from the same sources (make bench runs `make build` first) and
# Debian's chromium (make bench installs it). Budgets are printed as PASS or FAIL and listed
# again at the end. The exit status is non-zero when a budget is missed or a step fails, as
# the size scripts' own is; every step runs either way, so the report is always complete.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=()
[ "${1:-}" = "--quick" ] && quick=(--quick)
report=target/bench-report.txt
mkdir -p target/bench

if [ ! -d benches/node_modules ]; then
    echo "==> npm ci (in benches)"
    (cd benches && npm ci --no-audit --no-fund)
fi
# Compile the native bench before the report starts, so compiler output stays out of it.
cargo bench --bench engine --no-run
# The browser steps read a snapshot of the site as deployed (dist/, which `make bench` builds:
# the embed bundled and minified), else of www/; a snapshot, because in a shared checkout
# another build can rewrite the files in place during the run.
site=target/bench/www
rm -rf "$site"
if [ -d dist ]; then cp -R dist "$site"; else cp -R www "$site"; fi

section() {
    printf '\n==== %s ====\n\n' "$1"
}

run_all() {
    local status=0
    echo "leverage-cascade benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- src 2>/dev/null || echo ', with uncommitted changes in src/')"
    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/^MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM"
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (other work on this machine slows the wall clock)"
    echo "$(rustc --version); node $(node --version)"
    [ ${#quick[@]} -gt 0 ] && echo "QUICK MODE: fewer runs than a full report"

    section "1. Native engine (benches/engine.rs)"
    cargo bench --quiet --bench engine -- "${quick[@]}" || status=1

    # Each native run allocates its buffers afresh, and glibc hands big blocks back to the kernel
    # on free, so every run page-faults them in again (a wasm instance keeps its grown memory).
    # Run the budgeted cases once more with freed memory kept, to show what that costs.
    echo
    echo "The same two cases with glibc keeping freed memory (GLIBC_TUNABLES mmap/trim thresholds),"
    echo "so runs reuse pages instead of faulting fresh ones in, as a long-lived wasm instance does:"
    GLIBC_TUNABLES=glibc.malloc.mmap_threshold=2147483647:glibc.malloc.trim_threshold=4294967295 \
        cargo bench --quiet --bench engine -- --headline "${quick[@]}" | sed 's/PASS/pass/; s/FAIL/fail/' || status=1

    section "2-4. In the browser (benches/browser.mjs)"
    node benches/browser.mjs "${quick[@]}" --www="$site" || status=1

    section "5. Download size"
    benches/wasm-size.sh "$site/pkg" || status=1
    # Where the bytes go, read from a copy of the module that keeps its function names (the
    # same wasm-bindgen output before wasm-opt, which drops names and shrinks every group).
    local wasm=target/wasm32-unknown-unknown/release/leverage_cascade.wasm
    if [ -f "$wasm" ]; then
        echo
        wasm-bindgen --target web --out-dir target/bench/pkg-named "$wasm" &&
            node benches/wasm-breakdown.mjs target/bench/pkg-named/leverage_cascade_bg.wasm --top=12 ||
            status=1
    fi
    if [ -f benches/embed-size.mjs ]; then
        echo
        node benches/embed-size.mjs "${quick[@]}" "$site" || status=1
    fi
    if [ -f benches/explore.mjs ]; then
        echo
        node benches/explore.mjs "${quick[@]}" || status=1
    fi
    # Hardening figures (issue 7): memory over 10,000 calls, and the largest run.
    for extra in soak large; do
        if [ -f "benches/$extra.mjs" ]; then
            echo
            node "benches/$extra.mjs" "${quick[@]}" || status=1
        fi
    done
    hardening || status=1
    return $status
}

# The hardening figures that tests produce (make test runs them too; here for the report):
# the page's memory under the stress test, the worst native/wasm difference, the last fuzz run.
hardening() {
    local status=0
    section "8. Hardening: stress test, native vs wasm, fuzzing"
    echo "Stress (tests/e2e/stress.test.mjs on the deployed site; budget: a replayed input sequence's second pass grows wasm memory by ≤ one 64 KB page):"
    if [ ! -d tests/e2e/node_modules ]; then
        (cd tests/e2e && npm ci --no-audit --no-fund >/dev/null)
    fi
    (cd tests/e2e && E2E_WWW="../../$site" node --test --test-reporter=tap stress.test.mjs) >target/bench/stress.tap 2>&1 ||
        status=1
    sed -n 's/^ *# \(.*slider input events.*\|wasm memory.*\|.*steps a pass.*\)$/  \1/p' target/bench/stress.tap
    grep -q '^# fail 0' target/bench/stress.tap && echo "  stress test: PASS" || echo "  stress test: FAIL (target/bench/stress.tap)"

    echo
    echo "Native vs wasm (tests/web_determinism.rs: the stored native fixture against simulate() in headless Chromium; tolerance 1e-9 relative):"
    CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}" cargo test --target wasm32-unknown-unknown \
        --test web_determinism -- --nocapture >target/bench/determinism.log 2>&1 || status=1
    grep -o 'native vs wasm: .*' target/bench/determinism.log | sed 's/^/  /' ||
        echo "  no figure printed: FAIL (target/bench/determinism.log)"

    echo
    echo "Fuzzing (make fuzz; not run here: it needs the nightly toolchain and takes minutes):"
    found=0
    for log in target/fuzz-params.log target/fuzz-js_values.log; do
        [ -f "$log" ] || continue
        found=1
        echo "  last run of $(basename "$log" .log | sed 's/^fuzz-//'), $(date -u -r "$log" '+%Y-%m-%d %H:%M UTC'):"
        grep -E '^(Done|stat::number_of_executed_units|==[0-9]+== ERROR|SUMMARY)' "$log" | sed 's/^/    /'
    done
    if [ "$found" = 0 ]; then
        echo "  no make fuzz run in this checkout yet (the README records the last one)"
    fi
    return $status
}

status=0
run_all 2>&1 | tee "$report" || status=1

# Read the verdicts before appending them, so grep never sees its own output.
verdicts="$(grep -E 'PASS|FAIL|OVER BUDGET|KB budget' "$report" | sed 's/^ *//' || echo "(no verdicts found)")"
{
    section "Budgets"
    echo "$verdicts"
} | tee -a "$report"
echo
echo "Report saved to $report"
if grep -qE 'FAIL|OVER BUDGET' "$report"; then
    echo "bench: some budgets are missed (FAIL above)" >&2
    status=1
elif [ $status -ne 0 ]; then
    echo "bench: a step failed (see above)" >&2
fi
exit $status
