#!/usr/bin/env bash
# End-to-end benchmark of the dfopt binary (not a test):
#   bench/e2e_bench.sh [N]      N generated Dockerfiles (default 100000)
# Builds Release (BUILD_DIR, default build), then measures `dfopt --diff --unsafe-fixes DIR`
# with --jobs 1 and --jobs 2 over ../shared/corpus/public (when present; copied to a tree of
# files named Dockerfile, since the corpus names them owner__repo/path__Dockerfile) and over a
# generated tree of N Dockerfiles in /tmp/dfopt-bench-tree/a/b/… made by concatenating and
# mutating examples/ and testdata/transforms/*/*.in.Dockerfile; peak RSS at N/100, N/10 and N
# files (it must not grow with N); the one-file process time and RSS of
# `dfopt --diff examples/python-flask/Dockerfile`. Baselines from the same run: `cat` of every
# file (found by `find`) to /dev/null, and a one-file `cat`. Prints a markdown table.
# Wall times: hyperfine (mean of RUNS runs, default 3; 100 runs for one file) when installed,
# else `perf stat -r`, else one /usr/bin/time run. Peak RSS: /usr/bin/time -f %M.
# Environment: BUILD_DIR, JOBS (build parallelism, default 2), RUNS, KEEP_TREE=1 (reuse the tree).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
runs=${RUNS:-3}
dir=${BUILD_DIR:-build}
tree=/tmp/dfopt-bench-tree
corpus_tree=/tmp/dfopt-bench-corpus
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$dir" -j "${JOBS:-2}" --target dfopt >/dev/null
dfopt=$(pwd)/$dir/tools/dfopt/dfopt
one=examples/python-flask/Dockerfile

# --- inputs -----------------------------------------------------------------------------------
# Sources that dfopt accepts (exit 0 or 1, not 2), so the tree measures the whole pipeline.
for f in examples/*/Dockerfile testdata/transforms/*/*.in.Dockerfile; do
  rc=0; "$dfopt" -q "$f" >/dev/null 2>&1 || rc=$?
  [ "$rc" -le 1 ] && printf '%s\0' "$f"
done >"$work/sources"

if [ "${KEEP_TREE:-0}" != 1 ] || [ ! -d "$tree/a/b" ] ||
   [ "$(cat "$tree/.count" 2>/dev/null)" != "$n" ]; then
  rm -rf "$tree"
  python3 - "$work/sources" "$tree" "$n" <<'PY'
import os, random, sys
sources = [open(p, "rb").read() for p in open(sys.argv[1], "rb").read().split(b"\0") if p]
root, n = sys.argv[2], int(sys.argv[3])
rng = random.Random(7)
edits = [(b"apt-get install ", b"apt-get install -y "), (b"pip install ", b"pip3 install "),
         (b"RUN ", b"run "), (b"apk add ", b"apk add --no-cache "), (b"&& \\\n", b"\\\n    && ")]
for i in range(n):
    text = b"".join(rng.choice(sources) for _ in range(rng.randint(1, 3)))
    for old, new in edits:
        if rng.random() < 0.2:
            text = text.replace(old, new)
    if rng.random() < 0.3:
        text += b"# generated %d\n" % i
    if rng.random() < 0.1:
        text = text.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    d = os.path.join(root, "a", "b", "%03d" % (i // 1000), "%03d" % (i % 1000 // 10))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "Dockerfile" if i % 10 == 0 else "Dockerfile.%d" % (i % 10)), "wb") as f:
        f.write(text)
open(os.path.join(root, ".count"), "w").write(str(n))
PY
fi

have_corpus=0
if [ -d ../shared/corpus/public ]; then
  have_corpus=1
  rm -rf "$corpus_tree"
  i=0
  while IFS= read -r -d '' f; do
    mkdir -p "$corpus_tree/$i" && cp -- "$f" "$corpus_tree/$i/Dockerfile"
    i=$((i + 1))
  done < <(find ../shared/corpus/public -type f ! -name result ! -name '*.md' -print0 | sort -z)
fi

# --- measuring --------------------------------------------------------------------------------
# wall SECONDS of a shell command: hyperfine's mean (and ± stddev), else `perf stat -r`'s (the
# command's own process, without a shell, when it has no shell syntax), else one /usr/bin/time run.
wall() {  # wall NAME RUNS COMMAND
  local name=$1 r=$2 cmd=$3
  if command -v hyperfine >/dev/null; then
    hyperfine -N -i --warmup 1 --runs "$r" --export-json "$work/$name.json" "$cmd" >/dev/null 2>&1 ||
      hyperfine -i --warmup 1 --runs "$r" --export-json "$work/$name.json" "$cmd" >/dev/null 2>&1
    jq -r '.results[0] | "\(.mean) \(.stddev // 0)"' "$work/$name.json"
  elif command -v perf >/dev/null && perf stat -r 1 true >/dev/null 2>&1; then
    local words
    if [[ "$cmd" == *[\|\>\<\;\'\"]* ]]; then words=(sh -c "$cmd"); else read -r -a words <<<"$cmd"; fi
    "${words[@]}" >/dev/null 2>&1 || true  # warm-up
    perf stat -r "$r" -- "${words[@]}" 2>&1 >/dev/null |
      awk '/seconds time elapsed/ { sd = ($2 == "+-") ? $3 : 0; print $1, sd; found = 1 }
           END { if (!found) print "0 0" }'
  else
    { /usr/bin/time -f '%e 0' sh -c "$cmd >/dev/null 2>&1" 2>&1 || true; } | tail -1
  fi
}
rss_mb() {  # peak RSS (MB) of one run of a shell command
  { /usr/bin/time -f '%M' sh -c "$1 >/dev/null 2>&1" 2>&1 || true; } | tail -1 |
    awk '{printf "%.1f", $1 / 1024}'
}
bytes_of() { find "$@" -type f ! -name '.count' -printf '%s\n' | awk '{s += $1} END {print s + 0}'; }
files_of() { find "$@" -type f ! -name '.count' | wc -l; }

rows=()
row() {  # row LABEL FILES BYTES MEAN SD BASE_MEAN RSS
  local label=$1 files=$2 bytes=$3 mean=$4 sd=$5 base=$6 rss=$7
  rows+=("$(awk -v l="$label" -v f="$files" -v b="$bytes" -v m="$mean" -v s="$sd" -v base="$base" -v r="$rss" 'BEGIN {
    printf "| %s | %d | %.1f | %.3f ± %.3f | %.0f | %.1f | %.1f× | %s |", l, f, b / 1e6, m, s, f / m, b / 1e6 / m,
      m / base, r }')")
}

bulk() {  # bulk LABEL DIR...
  local label=$1; shift
  local files bytes base j1 j2
  files=$(files_of "$@"); bytes=$(bytes_of "$@")
  read -r base base_sd < <(wall "base-$label" "$runs" "sh -c 'find $* -type f -print0 | xargs -0 cat >/dev/null'")
  row "$label: baseline find + cat" "$files" "$bytes" "$base" "$base_sd" "$base" "$(rss_mb "find $* -type f -print0 | xargs -0 cat")"
  for j in 1 2; do
    local cmd="$dfopt --diff --unsafe-fixes --jobs $j $*"
    read -r mean sd < <(wall "$label-j$j" "$runs" "sh -c '$cmd >/dev/null 2>&1'")
    row "$label: dfopt --diff --unsafe-fixes --jobs $j" "$files" "$bytes" "$mean" "$sd" "$base" "$(rss_mb "$cmd")"
  done
}

[ "$have_corpus" = 1 ] && bulk corpus "$corpus_tree"
bulk "tree of $n" "$tree"

# Peak RSS against the number of files (--jobs 1): N/100, N/10, N.
rss_rows=()
for part in 100 10 1; do
  k=$((n / part))
  sub=$(cd "$tree/a/b" && ls | head -$(( (k + 999) / 1000 )) | sed "s|^|$tree/a/b/|" | tr '\n' ' ')
  [ "$k" -lt 1000 ] && sub="$(find "$tree/a/b/000" -mindepth 1 -maxdepth 1 -type d | sort | head -$(( (k + 9) / 10 )) | tr '\n' ' ')"
  # shellcheck disable=SC2086
  rss_rows+=("| $(files_of $sub) | $(rss_mb "$dfopt --diff --unsafe-fixes --jobs 1 $sub") |")
done

read -r base1 base1_sd < <(wall one-cat 100 "cat $one")
row "one file: cat (baseline)" 1 "$(bytes_of "$one")" "$base1" "$base1_sd" "$base1" "$(rss_mb "cat $one")"
read -r one_mean one_sd < <(wall one-dfopt 100 "$dfopt --diff $one")
row "one file: dfopt --diff" 1 "$(bytes_of "$one")" "$one_mean" "$one_sd" "$base1" "$(rss_mb "$dfopt --diff $one")"

echo "### dfopt end-to-end ($(date -u +%F), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(git rev-parse --short HEAD)$(git diff --quiet || echo '+dirty'))"
echo
echo "| measurement | files | MB | wall s (mean ± sd) | files/s | MB/s | × baseline time | peak RSS MB |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
echo "Peak RSS of \`dfopt --diff --unsafe-fixes --jobs 1\` against the number of files (generated tree):"
echo
echo "| files | peak RSS MB |"
echo "|---:|---:|"
printf '%s\n' "${rss_rows[@]}"
echo
echo "Targets (issue 7): ≥ 50 MB/s per core end-to-end (the --jobs 1 rows), one file ≤ 3 ms wall,"
echo "peak RSS ≤ 20 MB for one file and not growing with the number of files."
