#!/usr/bin/env bash
# Static checks with the committed configs (.clang-format, .clang-tidy):
#   tools/lint.sh [format|tidy]   (default: both)
# clang-format --dry-run -Werror over lib/ transforms/ tools/ tests/, then clang-tidy over every
# translation unit of build/compile_commands.json under those folders (headers through the
# config's HeaderFilterRegex). Prints each finding, then counts per check. Exits 1 when there
# are findings. `tools/dev.sh test` runs the format check (ctest `format`).
# Environment: BUILD_DIR (default build; configured if it has no compile_commands.json),
# JOBS (clang-tidy processes, default 2).
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
dirs=(lib transforms tools tests)
dir=${BUILD_DIR:-build}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
format_count=0
tidy_count=0

if [ "$what" = all ] || [ "$what" = format ]; then
  # ctest counts exit 77 as skipped: no clang-format here.
  command -v clang-format >/dev/null || { echo "lint.sh: clang-format not installed" >&2; exit 77; }
  find "${dirs[@]}" -name '*.cpp' -o -name '*.hpp' | sort |
    xargs clang-format --dry-run -Werror 2>"$out/format.txt" || true
  grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error):' "$out/format.txt" >"$out/format.findings" || true
  cat "$out/format.findings"
  format_count=$(wc -l <"$out/format.findings")
fi

if [ "$what" = all ] || [ "$what" = tidy ]; then
  if [ ! -f "$dir/compile_commands.json" ]; then
    cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  fi
  root=$(pwd)
  files_re="^${root}/($(IFS='|'; echo "${dirs[*]}"))/"
  # GCC-only warning flags in the compile database are not clang's business.
  run-clang-tidy -quiet -p "$dir" -j "${JOBS:-2}" -extra-arg=-Wno-unknown-warning-option \
    "$files_re" >"$out/tidy.txt" 2>/dev/null || true
  # A header's findings repeat for every file that includes it: count each once.
  # run-clang-tidy colours its output: strip the escapes first.
  sed 's/\x1b\[[0-9;]*m//g' "$out/tidy.txt" |
    grep -E '^/[^ ]+:[0-9]+:[0-9]+: (warning|error): .*\[[a-z0-9.,-]+\]$' |
    sed "s|^${root}/||" | sort -u >"$out/tidy.findings" || true
  cat "$out/tidy.findings"
  tidy_count=$(wc -l <"$out/tidy.findings")
  echo
  echo "clang-tidy findings per check:"
  sed -E 's/.*\[([a-z0-9.,-]+)\]$/\1/' "$out/tidy.findings" | sort | uniq -c | sort -rn
fi

echo
[ "$what" = tidy ] || echo "clang-format: $format_count findings in $(cut -d: -f1 "$out/format.findings" 2>/dev/null | sort -u | wc -l) files"
[ "$what" = format ] || echo "clang-tidy: $tidy_count findings"
[ $((format_count + tidy_count)) -eq 0 ]
