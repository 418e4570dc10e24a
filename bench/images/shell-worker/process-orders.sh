#!/bin/bash
# Converts every order file (JSON) in DATA/inbox to a CSV of its lines in DATA/outbox, appends
# the order total to DATA/outbox/totals.tsv and moves the order to DATA/done.
set -euo pipefail
. /worker/lib/common.sh
data="$1"
shopt -s nullglob
for f in "$data"/inbox/*.json; do
  name=$(basename "$f" .json)
  if ! jq -e '.id and (.lines | type == "array")' "$f" >/dev/null 2>&1; then
    log "skipping malformed order $name"
    mv "$f" "$data/done/$name.rejected"
    continue
  fi
  jq -r '.lines[] | [.sku, .qty, .price] | @csv' "$f" >"$data/outbox/$name.csv.tmp"
  mv "$data/outbox/$name.csv.tmp" "$data/outbox/$name.csv"
  total=$(order_total "$data/outbox/$name.csv")
  printf '%s\t%s\n' "$(jq -r .id "$f")" "$total" >>"$data/outbox/totals.tsv"
  mv "$f" "$data/done/"
  log "processed order $name: total $total"
done
