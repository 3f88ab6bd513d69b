# The project's commands. Two are promised by the README:
#
#   make serve   build the wasm into www/pkg and serve www/ on http://127.0.0.1:$(PORT)/
#   make test    every test layer: fmt, clippy, rustdoc links, native tests, browser binding
#                tests, .d.ts check, browser end-to-end tests (on www/, then the embed's again on
#                dist/)
#
# and three more: `make build` (www/pkg only), `make bench` (benchmarks and the size budget) and
# `make dist` (a deployable copy of the site in dist/). Each installs what it needs and is missing
# (scripts/ensure-tools.sh says exactly what), so a fresh Debian machine with Rust, Python 3 and
# Node needs nothing else. .ci/run is `make test`.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := build
.DELETE_ON_ERROR:

PORT ?= 8000
WASM_TARGET := wasm32-unknown-unknown
CRATE := leverage_cascade
WASM := target/$(WASM_TARGET)/release/$(CRATE).wasm
PKG := www/pkg
# The page's package keeps its download within the 120 KB budget and its speed within 1.3× of
# native by optimising each crate for what it does: the model (src/model, its own crate) for speed
# with opt-level s, which runs as fast there as 3 but is smaller; everything else (charts, the JS
# binding, serde's generated code, plotters) for size with opt-level z. Native builds, tests and
# the explorations' package keep Cargo.toml's opt-level 3. Override to compare, e.g.
# `make build WASM_OPT_LEVEL=3 WASM_MODEL_OPT_LEVEL=3`.
WASM_OPT_LEVEL ?= z
WASM_MODEL_OPT_LEVEL ?= s
# The explorations' package: the same crate with the `explore` feature (see Cargo.toml).
PKG_EXPLORE := www/pkg-explore

# `cargo install` puts wasm-bindgen here; make it findable even when the shell's PATH lacks it.
export PATH := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin:$(PATH)

# wasm-opt's --low-memory-unused lets it fold a constant added to an address into the load's
# offset (about 0.7 KB gzipped here). The two differ only when the addition wraps past 4 GiB and
# lands in the first 1 KB of memory, which Rust code never does (pointer arithmetic that
# overflows is undefined behaviour, so the compiler never emits it on purpose).
# binaryen's wasm-opt, terser and esbuild from npm (scripts/package.json; every target that
# builds installs them, so make serve serves the same optimised package that is deployed).
WASM_OPT := scripts/node_modules/.bin/wasm-opt
TERSER := scripts/node_modules/.bin/terser
ESBUILD := scripts/node_modules/.bin/esbuild

.PHONY: build serve test bench dist fuzz tools-build tools-test tools-dist

tools-build:
	@scripts/ensure-tools.sh build

tools-test:
	@scripts/ensure-tools.sh test

tools-dist:
	@scripts/ensure-tools.sh dist

## build: the release wasm, its JS glue and types in www/pkg, and the explorations' package in
## www/pkg-explore, optimised (wasm-opt -Oz) with a minified glue: the package as deployed;
## then www/offline-files.js, what the service worker keeps for offline use
build: tools-build
	CARGO_PROFILE_RELEASE_OPT_LEVEL=$(WASM_OPT_LEVEL) cargo build --lib --release --target $(WASM_TARGET) \
	    --config 'profile.release.package.leverage-cascade-model.opt-level="$(WASM_MODEL_OPT_LEVEL)"'
	wasm-bindgen --target web --out-dir $(PKG) --out-name $(CRATE) $(WASM)
	CARGO_TARGET_DIR=target/explore cargo build --lib --release --target $(WASM_TARGET) --features explore
	wasm-bindgen --target web --out-dir $(PKG_EXPLORE) --out-name $(CRATE) target/explore/$(WASM_TARGET)/release/$(CRATE).wasm
	@for pkg in $(PKG) $(PKG_EXPLORE); do \
	    if [ -x $(WASM_OPT) ]; then \
	        echo "$(WASM_OPT) -Oz --converge --low-memory-unused $$pkg/$(CRATE)_bg.wasm (and drop the linker-only custom sections)"; \
	        $(WASM_OPT) -Oz --converge --low-memory-unused --strip-producers --strip-target-features \
	            $$pkg/$(CRATE)_bg.wasm -o $$pkg/$(CRATE)_bg.wasm; \
	    else \
	        echo "note: no wasm-opt, so $$pkg is unoptimised (scripts/ensure-tools.sh build installs it)"; \
	    fi; \
	    if [ -x $(TERSER) ]; then \
	        echo "$(TERSER) $$pkg/$(CRATE).js (minified in place; the .d.ts describes it)"; \
	        $(TERSER) $$pkg/$(CRATE).js --module --compress --mangle -o $$pkg/$(CRATE).js; \
	    fi; \
	done
	node scripts/offline-files.mjs www

## serve: build, then serve www/ until interrupted
serve: build
	@echo "Serving www/ on http://127.0.0.1:$(PORT)/ (Ctrl-C stops)"
	python3 -m http.server $(PORT) --bind 127.0.0.1 --directory www

## test: every layer; stops at the first failure with a non-zero exit
test: tools-test
	cargo fmt --all --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --lib --test web --test web_determinism --target $(WASM_TARGET) --features explore -- -D warnings
	RUSTDOCFLAGS='-D warnings' cargo doc --no-deps --workspace
	cargo test
	CHROMEDRIVER=$$(command -v chromedriver) cargo test --target $(WASM_TARGET) --test web --test web_determinism --features explore
	$(MAKE) --no-print-directory build
	node --test tests/dts-check.mjs
	@if compgen -G 'tests/e2e/*.test.*js' >/dev/null; then \
	    echo "cd tests/e2e && npm test"; \
	    cd tests/e2e && npm test; \
	else \
	    echo "note: tests/e2e has no tests yet; skipping the browser end-to-end tests"; \
	fi
	$(MAKE) --no-print-directory dist
	@echo "the embed, loading, CSP and offline tests again, on dist/ (the bundled, minified embed)"
	cd tests/e2e && E2E_WWW=../../dist node --test --test-concurrency=1 \
	    embed.test.mjs embed-hosting.test.mjs csp.test.mjs failure.test.mjs load.test.mjs offline.test.mjs

## bench: native and in-browser timings and the download size against the issues' budgets,
## measured on dist/, the site as deployed, and saved to target/bench-report.txt too (QUICK=1:
## fewer runs); needs chromium like make test
bench: tools-test dist
	benches/run.sh $(if $(QUICK),--quick)

## dist: the static site with an optimised wasm, ready to copy to any web server; the embed is
## one minified module there (embed.js with the lab modules it uses) and a minified embed.css.
## esbuild bundles the modules; terser then minifies the bundles once more (its compressor
## folds what esbuild's minifier leaves: about 0.2 KB of the embed, gzipped).
dist: tools-dist build
	rm -rf dist
	mkdir -p dist
	cp -R www/. dist/
	$(ESBUILD) www/embed.js --bundle --minify --format=esm --log-level=warning --outfile=dist/embed.js --allow-overwrite
	$(TERSER) dist/embed.js --module --compress --mangle -o dist/embed.js
	$(ESBUILD) www/embed.css --minify --log-level=warning --outfile=dist/embed.css --allow-overwrite
	@# Each language's words for the widget, one minified module each (fetched only by its readers).
	for words in www/lang/widget-*.js; do \
	    $(ESBUILD) $$words --bundle --minify --format=esm --log-level=warning --outfile=dist/lang/$${words##*/} --allow-overwrite; \
	    $(TERSER) dist/lang/$${words##*/} --module --compress --mangle -o dist/lang/$${words##*/}; \
	done
	node scripts/offline-files.mjs dist
	@echo "dist/ holds the site; its wasm + glue (the budget is judged by make bench):"
	@benches/wasm-size.sh dist/pkg || true

## fuzz: cargo-fuzz on both params readers and the model for FUZZ_SECONDS (default 300); not in CI
fuzz:
	fuzz/run.sh
