#!/usr/bin/env bash
# Prints the transfer size of the app shell: what a tablet downloads on its first visit.
# Budget to keep in view: under 400 KB brotli in all, aim 250 KB. A figure, not a test.
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
kb=$((total_br / 1024))
verdict="within the budget"
[ "$kb" -gt 250 ] && verdict="within the budget, past the aim"
[ "$kb" -gt 400 ] && verdict="PAST THE BUDGET"
printf 'shell transfer (brotli): %d KB — budget 400 KB, aim 250 KB, floor 149 KB (a bare Leptos 0.8 app on this toolchain): %s\n' "$kb" "$verdict"
