#!/usr/bin/env bash
# dfopt developer entry point. On a fresh Debian 12 machine (as root, or a user
# with sudo) it installs what is missing, builds, and then:
#   tools/dev.sh demo   runs dfopt on the bundled examples/
#   tools/dev.sh test   runs the whole test suite (what CI runs)
# Environment: BUILD_DIR (default build), BUILD_TYPE (default Release),
# JOBS (default: number of cores).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(g++ cmake ninja-build git patch libboost-dev libboost-program-options-dev libfmt-dev
  libdtl-dev doctest-dev nlohmann-json3-dev libtomlplusplus-dev)

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
    "${BUILD_DIR:-build}/tools/dfopt/dfopt" examples/*/Dockerfile
    ;;
  test)
    install_missing
    build
    ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure -j "${JOBS:-$(nproc)}"
    ;;
  *)
    echo "usage: tools/dev.sh demo|test" >&2
    exit 2
    ;;
esac
