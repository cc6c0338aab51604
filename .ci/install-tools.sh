#!/usr/bin/env bash
# Installs the build and test tools Mera needs, each only when missing or of the wrong version.
# cargo-leptos and wasm-bindgen-cli cannot be installed with `cargo install --locked` on this
# toolchain (their lockfiles pin crates that need a newer rustc or are not served), so their
# sources are unpacked from crates.io and built with one dependency pinned back.
set -euo pipefail

CARGO_LEPTOS_VERSION=0.3.11
WASM_BINDGEN_VERSION=0.2.130
BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
WORK="${TMPDIR:-/tmp}/mera-tools"
mkdir -p "$WORK"

fetch_crate() { # name version -> prints the unpacked directory
  local name=$1 version=$2 dir="$WORK/$1-$2"
  if [ ! -d "$dir" ]; then
    curl -sSfL "https://static.crates.io/crates/$name/$name-$version.crate" | tar xz -C "$WORK"
  fi
  echo "$dir"
}

want() { # what=wasm|leptos|bindgen|chromium
  case $1 in
    wasm) rustup target list --installed | grep -qx wasm32-unknown-unknown ;;
    leptos) "$BIN/cargo-leptos" --version 2>/dev/null | grep -q " $CARGO_LEPTOS_VERSION" ;;
    bindgen) "$BIN/wasm-bindgen" --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION" ;;
    chromium) [ -x /usr/bin/chromium ] ;;
  esac
}

if ! want wasm; then
  rustup target add wasm32-unknown-unknown
fi

if ! want bindgen; then
  echo "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (once per machine, ~5 min)"
  dir=$(fetch_crate wasm-bindgen-cli "$WASM_BINDGEN_VERSION")
  (cd "$dir" && cargo update -q -p webpki-roots --precise 1.0.10 && cargo install -q --path . --locked --force)
fi

if ! want leptos; then
  echo "installing cargo-leptos $CARGO_LEPTOS_VERSION (once per machine, ~18 min)"
  dir=$(fetch_crate cargo-leptos "$CARGO_LEPTOS_VERSION")
  (cd "$dir" && cargo update -q -p cargo-util-schemas --precise 0.14.1 \
    && cargo install -q --path . --locked --features no_downloads --force)
fi

if [ "${1:-}" = "--browser" ] && ! want chromium; then
  echo "installing Debian's chromium for the browser tests"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
