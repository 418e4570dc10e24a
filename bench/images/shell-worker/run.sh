#!/bin/bash
# Runs the order worker every $INTERVAL seconds (cron-style), forever.
set -u
INTERVAL="${INTERVAL:-30}"
DATA_DIR="${DATA_DIR:-/data}"
mkdir -p "$DATA_DIR/inbox" "$DATA_DIR/outbox" "$DATA_DIR/done"
echo "worker: watching $DATA_DIR/inbox every ${INTERVAL}s"
while true; do
  /worker/process-orders.sh "$DATA_DIR" || echo "worker: run failed" >&2
  sleep "$INTERVAL"
done
