#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan, build dir build-fuzz) and runs each for
# SECONDS (default 60), one after the other on one core:
#   tests/fuzz/run.sh [SECONDS] [TARGET...]      TARGET: fuzz_dockerfile fuzz_shell fuzz_pipeline
# The corpus grows in build-fuzz/corpus/<target> across runs (seeded each time from testdata/,
# examples/ and ../shared/corpus/public); crash, timeout and OOM inputs land in
# build-fuzz/artifacts/<target>/; after a crash the target restarts with the time left. Prints the executions reached and the artifact files per target; exits 1 when a
# target left new artifacts.
# Environment: BUILD_DIR (default build-fuzz), JOBS (build parallelism, default 2),
# FUZZ_ARGS (extra libFuzzer flags).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_dockerfile fuzz_shell fuzz_pipeline)
dir=${BUILD_DIR:-build-fuzz}

CC=clang CXX=clang++ cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DDFOPT_FUZZ=ON -DDFOPT_SANITIZE=ON -DDFOPT_BUILD_TESTS=OFF >/dev/null
cmake --build "$dir" -j "${JOBS:-2}" --target "${targets[@]}"

seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
tests/fuzz/seed_corpus.sh dockerfile "$seeds/dockerfile"
tests/fuzz/seed_corpus.sh shell "$seeds/shell"

status=0
summary=()
for t in "${targets[@]}"; do
  corpus="$dir/corpus/$t"
  artifacts="$dir/artifacts/$t"
  mkdir -p "$corpus" "$artifacts"
  seed="$seeds/dockerfile"
  [ "$t" = fuzz_shell ] && seed="$seeds/shell"
  before=$(find "$artifacts" -type f | wc -l)
  log="$dir/$t.log"
  : >"$log"
  echo "== $t: ${seconds}s (log: $log)"
  # One libFuzzer process until it finds something; then it starts again with the time left,
  # so one crash does not end the run (cheaper than -fork=1, which re-merges the corpus per job).
  execs=0
  end=$(($(date +%s) + seconds))
  while [ "$(date +%s)" -lt "$end" ]; do
    touch "$seeds/.round"
    # shellcheck disable=SC2086
    "$dir/tests/fuzz/$t" -max_total_time=$((end - $(date +%s))) -max_len=65536 -timeout=30 \
      -rss_limit_mb=2048 -print_final_stats=1 -dict=tests/fuzz/dockerfile.dict \
      -artifact_prefix="$artifacts/" ${FUZZ_ARGS:-} "$corpus" "$seed" >"$log.run" 2>&1 || true
    cat "$log.run" >>"$log"
    n=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$log.run" | tail -1)
    [ -n "$n" ] || n=$(grep -oE '^#[0-9]+' "$log.run" | tail -1 | tr -d '#')
    execs=$((execs + ${n:-0}))
    # An input that crashes while the corpus loads would crash every restart: drop it from the
    # corpus and the seeds (both are named by the input's SHA-1, as the artifact is).
    removed=0
    while IFS= read -r -d '' a; do
      sha=${a##*-}
      [ -e "$corpus/$sha" ] || [ -e "$seed/${sha:0:16}" ] || continue
      rm -f "$corpus/$sha" "$seed/${sha:0:16}"
      removed=1
    done < <(find "$artifacts" -type f -newer "$seeds/.round" -print0)
    grep -q 'INITED' "$log.run" || [ "$removed" = 1 ] || break
  done
  rm -f "$log.run"
  after=$(find "$artifacts" -type f | wc -l)
  summary+=("$(printf '%-16s %12s executions  %4s corpus  %3d new artifacts (%d total)' \
    "$t" "${execs:-?}" "$(find "$corpus" -type f | wc -l)" $((after - before)) "$after")")
  if [ "$after" -gt "$before" ]; then
    status=1
    find "$artifacts" -type f -newer "$seeds" -printf '  %p\n'
  fi
done
echo
printf '%s\n' "${summary[@]}"
for t in "${targets[@]}"; do
  find "$dir/artifacts/$t" -type f -printf '  artifact: %p\n'
done
exit "$status"
