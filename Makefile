# Mera: two commands for a newcomer.
#   make run   installs what is missing, builds, migrates, loads the demo, serves on :3000
#   make test  installs what is missing and runs every check and test
# Others: make build, make bench, make e2e, make lint, make clean-data.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)
MERA := $(TARGET_DIR)/release/mera
# cargo-leptos takes the first wasm-opt on PATH: the npm binaryen (Debian's breaks the wasm).
export PATH := $(CURDIR)/e2e/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export MERA_SITE_ROOT ?= $(CURDIR)/target/site
# Test runs use their own database; the PostgreSQL suite creates a database per test here.
export MERA_TEST_POSTGRES ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: run test build bench e2e lint unit tools browser npm clean-data

run: build
	@$(MERA) migrate
	@$(MERA) demo
	@echo
	@echo "Откройте http://$${MERA_ADDR:-127.0.0.1:3000} в браузере."
	@echo "Новые учётные записи: войдите как admin («Учётные записи») или: $(MERA) user add ИМЯ --name 'ФИО' --role teacher --school 'Школа № 17' (пароль — со стандартного ввода)."
	@echo "Остановить сервер: Ctrl+C."
	@echo
	@$(MERA) serve

test: lint unit e2e
	@echo "make test: all checks passed"

tools:
	@.ci/install-tools.sh

browser:
	@.ci/install-tools.sh --browser

npm: e2e/node_modules/.installed
e2e/node_modules/.installed: e2e/package-lock.json
	cd e2e && npm ci --no-audit --no-fund --loglevel=error
	touch $@

build: tools npm
	cargo leptos build --release -P

lint: tools
	cargo fmt --all --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

unit: tools
	cargo test

e2e: build browser
	cd e2e && MERA_BIN=$(abspath $(MERA)) npm test

bench: build browser
	@.ci/bench.sh $(MERA_SITE_ROOT)
	@echo
	@cd e2e && MERA_BIN=$(abspath $(MERA)) node bench/tablet.bench.mjs
	@echo
	@cargo test --release -p server --test sync_bench -- --ignored --nocapture 2>&1 | grep -v '^test \|^running\|^$$'
	@echo
	@cargo test --release -p server --test dashboard_bench -- --ignored --nocapture 2>&1 | grep -v '^test \|^running\|^$$'
	@echo
	@cargo test --release -p server --test journal_bench -- --ignored --nocapture 2>&1 | grep -v '^test \|^running\|^$$'
	@echo
	@echo "sync simulation, $${MERA_SIM_CASES:=20000} cases (optimised build):"
	MERA_SIM_CASES=$${MERA_SIM_CASES:-20000} cargo test --release -p server --test sync_sim -- --nocapture 2>&1 | grep -v '^test \|^running\|^$$'

# Removes the local SQLite database (make run then loads the demo again).
clean-data:
	rm -rf data
