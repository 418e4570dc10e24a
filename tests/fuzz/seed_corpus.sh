#!/usr/bin/env bash
# Collects a seed corpus for the fuzz targets into DIR (created if missing):
#   tests/fuzz/seed_corpus.sh dockerfile|shell DIR
# dockerfile: every testdata/**/*Dockerfile*, examples/, testdata/fuzz-regressions/ and, when
# present, ../shared/corpus/public/**
# (one file per input). shell: the RUN bodies of those files (continuations kept), one per input.
set -euo pipefail
cd "$(dirname "$0")/../.."
mode=${1:?usage: seed_corpus.sh dockerfile|shell DIR}
out=${2:?usage: seed_corpus.sh dockerfile|shell DIR}
mkdir -p "$out"

sources() {
  find testdata examples -type f -name '*Dockerfile*' -print0
  [ -d testdata/fuzz-regressions ] && find testdata/fuzz-regressions -type f ! -name '*.md' -print0
  [ -d ../shared/corpus/public ] && find ../shared/corpus/public -type f -size -64k -print0
  return 0
}

case "$mode" in
  dockerfile)
    sources | while IFS= read -r -d '' f; do
      cp -- "$f" "$out/$(sha1sum <"$f" | cut -c1-16)"
    done
    ;;
  shell)
    # A RUN body: the text after `RUN ` through the first line that does not end in a backslash.
    sources | xargs -0 awk -v out="$out" '
      function flush() { if (body != "") { f = out "/run-" n++; printf "%s", body > f; close(f) } body = "" }
      FNR == 1 { flush(); inrun = 0 }
      inrun { body = body $0 "\n"; if ($0 !~ /\\\r?$/) { inrun = 0; flush() } ; next }
      toupper($0) ~ /^[ \t]*RUN[ \t]/ {
        sub(/^[ \t]*[Rr][Uu][Nn][ \t]+/, ""); body = $0 "\n"
        if ($0 ~ /\\\r?$/) inrun = 1; else flush()
      }
      END { flush() }'
    # Distinct names per content (awk numbered them per xargs batch).
    (cd "$out" && for f in run-*; do [ -e "$f" ] && mv -- "$f" "$(sha1sum <"$f" | cut -c1-16)"; done) || true
    ;;
  *)
    echo "seed_corpus.sh: unknown mode $mode" >&2
    exit 2
    ;;
esac
echo "seed_corpus.sh: $(find "$out" -type f | wc -l) $mode seeds in $out" >&2
