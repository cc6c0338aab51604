#!/usr/bin/env bash
# Prints the transfer size of the app shell: what a tablet downloads on its first visit.
# Budget to keep in view: under 400 KB brotli in all. A figure, not a test.
set -euo pipefail
site=${1:-target/site}
printf '%-28s %10s %10s %10s\n' "file" "raw" "gzip" "brotli"
total_raw=0; total_br=0
size() { [ -f "$1" ] && stat -c %s "$1" || echo 0; }
for f in "$site"/pkg/mera.wasm "$site"/pkg/mera.js "$site"/pkg/mera.css "$site"/manifest.webmanifest "$site"/icons/*.png; do
  [ -f "$f" ] || continue
  raw=$(size "$f"); gz=$(size "$f.gz"); br=$(size "$f.br")
  [ "$br" -eq 0 ] && br=$raw
  [ "$gz" -eq 0 ] && gz=$raw
  total_raw=$((total_raw + raw)); total_br=$((total_br + br))
  printf '%-28s %10s %10s %10s\n' "${f#"$site"/}" "$raw" "$gz" "$br"
done
printf '%-28s %10s %10s %10s\n' "total" "$total_raw" "" "$total_br"
printf 'shell transfer (brotli): %d KB of a 400 KB budget\n' $((total_br / 1024))
