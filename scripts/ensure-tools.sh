#!/usr/bin/env bash
# Installs whatever a make target needs and is not already present, and says what it does.
#
#   scripts/ensure-tools.sh build   the wasm32 target, wasm-bindgen-cli at Cargo.lock's version,
#                                   and the npm build tools (wasm-opt, terser, esbuild), so that
#                                   `make build` and `make serve` make the deployed, optimised
#                                   package and not a larger unoptimised one
#   scripts/ensure-tools.sh test    the above, rustfmt and clippy, Debian's chromium and
#                                   chromium-driver, and the e2e npm packages
#   scripts/ensure-tools.sh dist    the same as build
#
# wasm-opt comes from npm's binaryen package (scripts/package.json), not from Debian: Debian 12's
# binaryen 108 rewrites wasm-bindgen's externref table export to point at the wrong table, and
# the module then fails to start.
#
# Nothing is installed when it is already there, so a second run costs a few milliseconds.
# Works without a terminal (CI=true, no stdin): every installer runs non-interactively.
set -euo pipefail

cd "$(dirname "$0")/.."

say() { printf '==> %s\n' "$*"; }

# Runs a command as root: directly when we are root, else through sudo when it exists.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        echo "error: '$*' needs root and sudo is not installed; run it as root" >&2
        exit 1
    fi
}

# The wasm-bindgen version Cargo.lock pins; the CLI must match it exactly, or the generated glue
# and the wasm disagree about their schema.
locked_wasm_bindgen_version() {
    if [ ! -f Cargo.lock ]; then
        say "no Cargo.lock: resolving dependencies to create one"
        cargo generate-lockfile
    fi
    awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' \
        Cargo.lock
}

ensure_wasm_target() {
    if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
        return
    fi
    say "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
}

ensure_rust_components() {
    if ! cargo fmt --version >/dev/null 2>&1; then
        say "rustup component add rustfmt"
        rustup component add rustfmt
    fi
    if ! cargo clippy --version >/dev/null 2>&1; then
        say "rustup component add clippy"
        rustup component add clippy
    fi
}

ensure_wasm_bindgen() {
    local want have runner
    want="$(locked_wasm_bindgen_version)"
    if [ -z "$want" ]; then
        echo "error: Cargo.lock has no wasm-bindgen entry" >&2
        exit 1
    fi
    have="$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)"
    runner="$(command -v wasm-bindgen-test-runner || true)"
    if [ "$have" = "$want" ] && [ -n "$runner" ]; then
        return
    fi
    say "cargo install wasm-bindgen-cli --version $want (found: ${have:-none})"
    cargo install wasm-bindgen-cli --version "$want"
}

# Installs Debian packages for the commands that are missing; apt-get update only when needed.
ensure_apt() {
    local missing=() cmd pkg
    while [ $# -gt 0 ]; do
        cmd="$1" pkg="$2"
        shift 2
        command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "error: missing ${missing[*]} and this is not a Debian-like system; install them" >&2
        exit 1
    fi
    say "apt-get install ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        "${missing[@]}"
}

# npm ci (or npm install, without a lock file) in a folder with a package.json, once.
ensure_npm_packages() {
    local dir="$1"
    [ -f "$dir/package.json" ] || return 0
    [ -d "$dir/node_modules" ] && return 0
    if [ -f "$dir/package-lock.json" ]; then
        say "npm ci (in $dir)"
        (cd "$dir" && npm ci --no-audit --no-fund)
    else
        say "npm install (in $dir)"
        (cd "$dir" && npm install --no-audit --no-fund)
    fi
}

case "${1:-}" in
    build | dist)
        ensure_wasm_target
        ensure_wasm_bindgen
        ensure_npm_packages scripts
        ;;
    test)
        ensure_wasm_target
        ensure_rust_components
        ensure_wasm_bindgen
        ensure_npm_packages scripts
        ensure_apt chromium chromium chromedriver chromium-driver
        ensure_npm_packages tests/e2e
        ;;
    *)
        echo "usage: $0 build|test|dist" >&2
        exit 2
        ;;
esac
