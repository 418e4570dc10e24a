# Helpers shared by the worker scripts.
log() { printf '%s %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*"; }

# order_total CSV: sum of qty * price over the lines of an order, two decimals.
order_total() {
  gawk -F, '{ gsub(/"/, ""); sum += $2 * $3 } END { printf "%.2f", sum }' "$1"
}
