#!/usr/bin/env bash
# dfopt developer entry point. On a fresh Debian 12 machine (as root, or a user
# with sudo) it installs what is missing, builds, and then:
#   tools/dev.sh demo   runs dfopt on the bundled examples/
#   tools/dev.sh test   runs the whole test suite (what CI runs): a Release build in
#                       BUILD_DIR, then the same suite built with ASan + UBSan (Debug) in
#                       ASAN_BUILD_DIR, then a short fuzz run of each libFuzzer target
# Environment: BUILD_DIR (default build), BUILD_TYPE (default Release),
# ASAN_BUILD_DIR (default build-asan), DFOPT_SKIP_ASAN=1 (skip the sanitizer run),
# DFOPT_FUZZ_SMOKE=SECONDS (the fuzz smoke: build the libFuzzer targets with clang and run
# each for SECONDS, default 20; 0 skips it; see tests/fuzz/run.sh), JOBS (default: number of cores).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(g++ cmake ninja-build git patch libboost-dev libboost-program-options-dev libfmt-dev
  libdtl-dev doctest-dev nlohmann-json3-dev libtomlplusplus-dev
  clang-format         # the format check (ctest format)
  groff-base dpkg-dev)  # the packaging test: man page rendering, .deb dependencies
# The ASan/UBSan runtimes (libasan8, libubsan1) come with g++. The fuzz smoke needs clang.
fuzz_seconds=${DFOPT_FUZZ_SMOKE:-20}
[ "$fuzz_seconds" = 0 ] || packages+=(clang libclang-rt-14-dev)

install_missing() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "dev.sh: installing ${missing[*]}" >&2
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build() {
  local dir=${BUILD_DIR:-build}
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" "$@" >/dev/null
  cmake --build "$dir" -j "${JOBS:-$(nproc)}"
}

case "${1:-}" in
  demo)
    install_missing
    build
    # What dfopt finds, then the fixes it would make (unsafe ones included) as a diff.
    # Exit status 1 only means "findings remain": the demo succeeded; 2 is an error.
    dfopt="${BUILD_DIR:-build}/tools/dfopt/dfopt"
    rc=0
    "$dfopt" examples/ || rc=$?
    [ "$rc" -le 1 ] || exit "$rc"
    echo
    "$dfopt" --diff --unsafe-fixes examples/ || rc=$?
    [ "$rc" -le 1 ] || exit "$rc"
    ;;
  test)
    install_missing
    build
    ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure -j "${JOBS:-$(nproc)}"
    if [ "${DFOPT_SKIP_ASAN:-0}" != 1 ]; then
      # Debug: the sanitizer build compiles much faster at -O0 (the X3 grammars dominate).
      BUILD_DIR=${ASAN_BUILD_DIR:-build-asan} BUILD_TYPE=Debug build -DDFOPT_SANITIZE=ON
      ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1 UBSAN_OPTIONS=print_stacktrace=1 \
        ctest --test-dir "${ASAN_BUILD_DIR:-build-asan}" --output-on-failure -j "${JOBS:-$(nproc)}"
    fi
    if [ "$fuzz_seconds" != 0 ]; then
      tests/fuzz/run.sh "$fuzz_seconds"
    fi
    ;;
  *)
    echo "usage: tools/dev.sh demo|test" >&2
    exit 2
    ;;
esac
